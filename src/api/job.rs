//! Long jobs (a simulation, a leveling; later others): one handle with the progress
//! another thread reads and a flag that cancels, one slot that lets one job of a kind run
//! at a time, and one way to run a job while its progress is reported.
//!
//! The window's shell sends the progress to the page over a channel; the CLI may draw it on
//! stderr (when it is a terminal). Both run the job the same way ([`run`]), so neither writes its own thread and
//! polling loop.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{internal, ApiError, ErrorCode};
use crate::schedule::level::Watch;
use crate::schedule::Control;

/// A running job's handle: cloned, it is the same job (the same counters and flag).
#[derive(Debug, Clone, Default)]
pub struct Job {
    cancel: Arc<AtomicBool>,
    /// Units of work done so far: iterations of a simulation, schedules tried by a leveling.
    done: Arc<AtomicU64>,
}

impl Job {
    /// Asks the job to stop; it ends with the code `cancelled` (a leveling keeps nothing).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Units of work done so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// The simulation's view of this job.
    pub(crate) fn control(&self) -> Control {
        Control { done: Arc::clone(&self.done), cancel: Arc::clone(&self.cancel) }
    }

    /// The leveling's view of this job.
    pub(crate) fn watch(&self) -> Watch {
        Watch::sharing(Arc::clone(&self.cancel), Arc::clone(&self.done))
    }
}

/// Where one job of a kind runs: a second one is refused while it works.
#[derive(Debug, Default)]
pub struct Slot {
    running: Mutex<Option<Job>>,
}

impl Slot {
    /// A new job in this slot; refused (`busy`) while another runs. `what` names the kind
    /// in the message ("a simulation").
    pub fn start(&self, what: &str) -> Result<Job, ApiError> {
        let mut running = self.running.lock().map_err(|_| internal(&format!("{what} cannot start after an earlier failure")))?;
        if running.is_some() {
            return Err(ApiError {
                code: ErrorCode::Busy,
                message: format!("{what} is already running: wait for it or cancel it"),
                details: Vec::new(),
            });
        }
        let job = Job::default();
        *running = Some(job.clone());
        Ok(job)
    }

    /// The job has ended: the slot is free.
    pub fn end(&self) {
        if let Ok(mut running) = self.running.lock() {
            *running = None;
        }
    }

    /// Cancels the running job; false when none runs.
    pub fn cancel(&self) -> bool {
        self.running.lock().ok().and_then(|j| j.as_ref().map(Job::cancel)).is_some()
    }

    /// The running job, if any.
    pub fn running(&self) -> Option<Job> {
        self.running.lock().ok().and_then(|j| j.clone())
    }
}

/// Runs `work` on a thread of its own while this thread calls `tick` with the units done and
/// the time elapsed every `every`, and once more when the work ends; returns what the work
/// returned, as soon as it ends (the worker says so on a channel: a wait of `every` between
/// looks would add up to `every` to every job, 200 ms to each CLI simulation). A panic in
/// the work is an internal error, not a crash of the caller.
pub fn run<T: Send>(
    job: &Job,
    every: Duration,
    work: impl FnOnce() -> Result<T, ApiError> + Send,
    mut tick: impl FnMut(u64, Duration),
) -> Result<T, ApiError> {
    let started = Instant::now();
    let result = std::thread::scope(|s| {
        let (ended, end) = std::sync::mpsc::channel::<()>();
        let worker = s.spawn(move || {
            // Dropped when the work returns or panics: either ends the wait below.
            let _ended = ended;
            work()
        });
        let mut last = u64::MAX;
        loop {
            let done = job.done();
            if done != last {
                tick(done, started.elapsed());
                last = done;
            }
            match end.recv_timeout(every) {
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                Ok(()) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        worker.join().map_err(|_| internal("the background work failed"))?
    });
    tick(job.done(), started.elapsed());
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_runs_one_job_at_a_time_and_cancels_it() {
        let slot = Slot::default();
        assert!(!slot.cancel(), "nothing runs");
        let job = slot.start("a simulation").expect("free");
        let busy = slot.start("a simulation").expect_err("busy");
        assert_eq!(busy.code, ErrorCode::Busy);
        assert!(busy.message.contains("a simulation is already running"), "{}", busy.message);
        assert!(slot.cancel() && job.cancelled());
        slot.end();
        assert!(slot.start("a simulation").is_ok(), "free again");
    }

    #[test]
    fn run_reports_progress_up_to_the_end() {
        let job = Job::default();
        let worker = job.clone();
        let mut seen = Vec::new();
        let out = run(
            &job,
            Duration::from_millis(1),
            move || {
                for _ in 0..50 {
                    worker.done.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_micros(200));
                }
                Ok(7)
            },
            |done, _| seen.push(done),
        );
        assert_eq!(out, Ok(7));
        assert_eq!(seen.last(), Some(&50));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    }

    /// The caller has the result when the work ends, not at its next look at the progress:
    /// the CLI looks every 200 ms, which made every `bridger simulate` up to 200 ms longer.
    #[test]
    fn run_returns_when_the_work_ends_not_at_the_next_tick() {
        let job = Job::default();
        let started = Instant::now();
        let out = run(&job, Duration::from_secs(30), || Ok(7), |_, _| {});
        assert_eq!(out, Ok(7));
        assert!(started.elapsed() < Duration::from_secs(10), "waited {:?}", started.elapsed());
        let panicked: Result<(), ApiError> = run(&job, Duration::from_secs(30), || panic!("a bug"), |_, _| {});
        assert!(panicked.is_err());
        assert!(started.elapsed() < Duration::from_secs(20), "waited {:?}", started.elapsed());
    }
}
