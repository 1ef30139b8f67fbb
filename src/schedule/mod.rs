//! Scheduling: the critical path method today; leveling and Monte Carlo build on it.

mod cpm;
mod error;
pub mod level;
mod network;
pub mod results;
mod simulate;

pub use cpm::{
    cpm, critical_handoffs, drives, free_float, passes, pinned_start, relationship_float, schedule, Cpm, Schedule, ScheduleError,
    ScheduledHandoff, ScheduledInitiative,
};
pub use network::{remaining, Constraint, End, Link, Network, Progress};
pub use results::{SimulationResults, RESULTS_FORMAT};
pub use simulate::{
    simulate, Control, DateChance, Distribution, Exposed, Finish, Histogram, Percentile, Point, RiskDriver, RiskExposure, SimConfig,
    SimulateError, Simulation,
};
