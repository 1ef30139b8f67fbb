//! Why a plan has no schedule: a cycle or a dangling id (from `graph`), a date beyond the
//! calendar, a negative duration. Its own room, below both the network (which finds most of
//! them while it is built) and the passes.

use thiserror::Error;

use crate::graph::GraphError;
use crate::model::CalendarError;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ScheduleError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("initiative '{0}' has a negative duration ({1} days)")]
    NegativeDuration(String, i32),
}
