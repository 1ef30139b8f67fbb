//! The long jobs of the window (a simulation, a leveling): a snapshot of the plan, the work
//! on a blocking thread through `api::job::run` while its progress goes to the page, then
//! what to keep. The plan is held only to copy it, so the window stays usable.

use std::time::Duration;

use bridger::api::analysis::{self, Analysis, SimOptions, SimProgress};
use bridger::api::capacity::{CapacityView, LevelProgress};
use bridger::api::job::{self, Job};
use bridger::api::{level, ApiError, LevelConfig};

use crate::session::{internal, Session};

/// How long the Level button searches when it is not given a number of schedules.
const LEVEL_TIME: Duration = Duration::from_secs(2);

/// Runs `work` with `job` on a blocking thread while its progress goes to `progress` every
/// `every` (`api::job::run`).
async fn in_background<T: Send + 'static>(
    job: Job,
    every: Duration,
    work: impl FnOnce(&Job) -> Result<T, ApiError> + Send + 'static,
    progress: impl FnMut(u64, Duration) + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(move || job::run(&job, every, || work(&job), progress))
        .await
        .map_err(|e| internal(&format!("background work failed: {e}")))?
}

/// The simulation: snapshot the plan, simulate it in the background with its progress every
/// 50 ms, then keep the results in the file (a levelled run is shown, not kept).
pub async fn simulate_with(
    session: &Session,
    iterations: u32,
    levelled: bool,
    job: Job,
    progress: impl Fn(SimProgress) + Send + 'static,
) -> Result<Analysis, ApiError> {
    let snapshot = session.run(|e| e.snapshot()).await?;
    let total = iterations.max(1);
    let options = SimOptions { iterations: total, levelled, ..SimOptions::default() };
    let (snapshot, ran) = in_background(
        job,
        Duration::from_millis(50),
        move |job| analysis::run(&snapshot, &options, Some(job)).map(|ran| (snapshot, ran)),
        move |done, _| progress(SimProgress { done: u32::try_from(done).unwrap_or(u32::MAX).min(total), total }),
    )
    .await?;
    session.run(move |e| e.keep(&snapshot, &ran)).await
}

/// The leveling: snapshot the plan, level it in the background with the count of schedules
/// every 100 ms, then keep the proposal (nothing is saved until it is accepted).
pub async fn level_with(
    session: &Session,
    iterations: Option<u64>,
    job: Job,
    progress: impl Fn(LevelProgress) + Send + 'static,
) -> Result<CapacityView, ApiError> {
    let snapshot = session.run(|e| e.snapshot()).await?;
    let time_limit = if iterations.is_some() { None } else { Some(LEVEL_TIME) };
    let config = LevelConfig { iterations, time_limit, seed: 1, threads: 2 };
    let limit_ms = time_limit.map_or(0, |t| t.as_millis() as u64);
    let proposal = in_background(
        job,
        Duration::from_millis(100),
        move |job| level::level(&snapshot, &config, Some(job)),
        move |schedules, elapsed| progress(LevelProgress { schedules, elapsed_ms: elapsed.as_millis() as u64, limit_ms }),
    )
    .await?;
    session.set_proposal(Some(proposal.clone()));
    session.run(move |e| e.capacity(Some(&proposal))).await
}
