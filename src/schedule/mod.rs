//! Scheduling: the critical path method today; leveling and Monte Carlo build on it.

mod cpm;

pub use cpm::{cpm, schedule, Cpm, Schedule, ScheduleError, ScheduledInitiative};
