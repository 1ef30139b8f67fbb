//! The open plan as the shell holds it: which plan opens at start, the plan behind a lock
//! (every command runs on it on a blocking thread, after reading back what another program
//! changed), the recent plans, the long jobs' slots and the pending leveling proposal.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bridger::api::job::Slot;
use bridger::api::level::Proposal;
use bridger::api::{ApiError, Editing, ErrorCode};
use tauri::ipc::Channel;
use tauri::{Manager, Runtime};

use crate::recent;

/// How the journal names this program's edits (undo elsewhere says whose edit it was).
pub const SOURCE: &str = "Bridger app";
/// Overrides which plan file the app opens (tests and scripts use it).
const PLAN_ENV: &str = "BRIDGER_PLAN";
/// The start page's demo, in the user's app data dir, created from the demo plan.
const DEFAULT_PLAN: &str = "demo.bridger";

/// The open plan, or why it could not be opened (shown in the window), and where the list
/// of recent plans is kept.
pub struct Session {
    pub plan: Arc<Mutex<Result<Editing, ApiError>>>,
    pub recent: Option<PathBuf>,
    /// The simulation running in the background, if any.
    pub simulation: Slot,
    /// The leveling running in the background, if any.
    pub leveling: Slot,
    /// The leveling proposed and not yet accepted or discarded.
    pub proposal: Mutex<Option<Proposal>>,
    /// The What-to-stop proposal shown last (accepted only while the plan is as it was).
    pub stop: Mutex<Option<bridger::api::level::StopProposal>>,
    /// A plan asked for from outside while the app runs (a second double-click), waiting
    /// for the page to open it (`open_requested`).
    requested: Mutex<Option<PathBuf>>,
    /// How the page is told that a plan is waiting (`watch_opens`).
    opens: Mutex<Option<Channel<()>>>,
}

impl Session {
    /// Opens `path` (creating the demo plan there on first start). A failure is kept and
    /// returned by every command, so the window can show it.
    pub fn open(path: Result<PathBuf, ApiError>) -> Session {
        // Undo in another program tells whose edit it took back.
        let plan = path.and_then(|p| Editing::open_or_create_demo(&p, SOURCE));
        if let Err(e) = plan.as_ref().map(|_| ()).or_else(|e| if e.code == ErrorCode::NoPlan { Ok(()) } else { Err(e) }) {
            eprintln!("bridger-app: {}", e.message);
        }
        Session {
            plan: Arc::new(Mutex::new(plan)),
            recent: None,
            simulation: Slot::default(),
            leveling: Slot::default(),
            proposal: Mutex::new(None),
            stop: Mutex::new(None),
            requested: Mutex::new(None),
            opens: Mutex::new(None),
        }
    }

    /// Opens the plan at `path` (or creates it holding `seed`) in place of the open one,
    /// and returns its path. If it cannot be opened (not a plan, from a newer Bridger), the
    /// open plan stays and the window shows the core's message.
    pub async fn switch(&self, path: PathBuf, seed: Option<bridger::api::files::Foreign>) -> Result<String, ApiError> {
        self.switch_with(path, move |p| match &seed {
            Some(foreign) => Editing::create_from(p, foreign, SOURCE),
            None => Editing::open(p, SOURCE),
        })
        .await
    }

    /// The start page's demo at `path`, created there (and its folder) the first time.
    pub async fn switch_to_demo(&self, path: PathBuf) -> Result<String, ApiError> {
        self.switch_with(path, |p| Editing::open_or_create_demo(p, SOURCE)).await
    }

    async fn switch_with(
        &self,
        path: PathBuf,
        open: impl FnOnce(&std::path::Path) -> Result<Editing, ApiError> + Send + 'static,
    ) -> Result<String, ApiError> {
        let plan = Arc::clone(&self.plan);
        let recent = self.recent.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let editing = open(&path)?;
            *plan.lock().map_err(|_| internal("the plan is unavailable after an earlier failure"))? = Ok(editing);
            if let Some(list) = &recent {
                let _ = recent::remember(list, &path);
            }
            Ok(path.display().to_string())
        })
        .await
        .map_err(|e| internal(&format!("background work failed: {e}")))?
    }

    /// The recent plans, newest first.
    pub fn recent_plans(&self) -> Vec<PathBuf> {
        self.recent.as_deref().map(recent::load).unwrap_or_default()
    }

    /// The plan's name, for the window's title.
    pub fn title(&self) -> String {
        match self.plan.lock().as_deref() {
            Ok(Ok(e)) => bridger::api::window_title(e.file().path(), &e.plan().name),
            _ => "Bridger".to_string(),
        }
    }

    /// Runs `work` on the open plan on a blocking thread, after reading back what another
    /// program (the CLI) changed since the last command.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Editing) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let plan = Arc::clone(&self.plan);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = plan.lock().map_err(|_| internal("the plan is unavailable after an earlier failure"))?;
            match &mut *guard {
                Ok(editing) => {
                    editing.refresh()?;
                    work(editing)
                }
                Err(e) => Err(e.clone()),
            }
        })
        .await
        .map_err(|e| internal(&format!("background work failed: {e}")))?
    }
}

pub fn internal(message: &str) -> ApiError {
    ApiError { code: ErrorCode::Internal, message: message.to_string(), details: Vec::new() }
}

/// The plan to open at start when none is given on the command line: `$BRIDGER_PLAN` if
/// set (created from the demo when missing: tests and scripts use it); else none, and the
/// window shows its start page (`ErrorCode::NoPlan`).
pub fn plan_path() -> Result<PathBuf, ApiError> {
    match std::env::var_os(PLAN_ENV).filter(|p| !p.is_empty()) {
        Some(p) => Ok(PathBuf::from(p)),
        None => Err(no_plan()),
    }
}

/// Why the window shows its start page.
pub fn no_plan() -> ApiError {
    ApiError {
        code: ErrorCode::NoPlan,
        message: "no plan is open yet: open the demo, a new plan or a file".to_string(),
        details: Vec::new(),
    }
}

/// Which plan opens at start, and whether it is the last plan (the first of `recent`): the
/// plan on the command line, then `$BRIDGER_PLAN`, then the last plan opened, else none
/// (the start page).
pub fn first_plan(given: Option<PathBuf>, recent: Option<&Path>) -> (Result<PathBuf, ApiError>, bool) {
    match given.map_or_else(plan_path, Ok) {
        Err(e) if e.code == ErrorCode::NoPlan => match recent.and_then(|list| recent::load(list).into_iter().next()) {
            Some(last) => (Ok(last), true),
            None => (Err(e), false),
        },
        path => (path, false),
    }
}

/// The single-instance key (a D-Bus name): the app's `identifier` and a hash of its data
/// folder (`$XDG_DATA_HOME`, else ~/.local/share, as the app's own data folder is found).
/// A second start on the same data hands its plan to the running app; apps on other data
/// folders (the e2e tests run two side by side) stay apart.
pub fn instance_key(identifier: &str) -> String {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_default();
    key_for(identifier, &data)
}

fn key_for(identifier: &str, data: &Path) -> String {
    // FNV-1a, 64 bits: stable across builds and machines, unlike std's hasher.
    let hash = data
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    format!("{identifier}.d{hash:016x}")
}

/// Where the start page's demo lives: `demo.bridger` in the app data dir.
pub fn demo_path(data_dir: tauri::Result<PathBuf>) -> Result<PathBuf, ApiError> {
    data_dir.map(|d| d.join(DEFAULT_PLAN)).map_err(|e| ApiError {
        code: ErrorCode::Storage,
        message: format!("no app data folder: {e}"),
        details: Vec::new(),
    })
}

impl Session {
    /// The leveling proposed and not yet accepted or discarded.
    pub fn proposal(&self) -> Option<Proposal> {
        self.proposal.lock().ok().and_then(|p| p.clone())
    }

    pub fn set_proposal(&self, p: Option<Proposal>) {
        if let Ok(mut held) = self.proposal.lock() {
            *held = p;
        }
    }

    /// A plan asked for from outside (a second start of the app on a plan): kept for
    /// `open_requested`, and the page told, as soon as it listens.
    pub fn request_open(&self, path: PathBuf) {
        if let Ok(mut waiting) = self.requested.lock() {
            *waiting = Some(path);
        }
        self.tell_page();
    }

    /// The page's channel for plans opened from outside (its latest); a plan already
    /// waiting is announced at once.
    pub fn watch_opens(&self, channel: Channel<()>) {
        if let Ok(mut held) = self.opens.lock() {
            *held = Some(channel);
        }
        if self.requested.lock().is_ok_and(|w| w.is_some()) {
            self.tell_page();
        }
    }

    fn tell_page(&self) {
        if let Some(channel) = self.opens.lock().ok().as_deref().and_then(Option::as_ref) {
            let _ = channel.send(());
        }
    }

    /// The plan asked for from outside, taken (opened once).
    pub fn take_requested(&self) -> Option<PathBuf> {
        self.requested.lock().ok().and_then(|mut w| w.take())
    }

    /// Puts the open plan's name in the window's title.
    pub fn retitle<R: Runtime>(&self, app: &tauri::AppHandle<R>) {
        if let Some(w) = app.get_webview_window("main") {
            let _ = w.set_title(&self.title());
        }
    }
}

/// Today, for the start of a new empty plan and the date of a brief.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// One key per data folder, the same at every start, and a valid D-Bus name (the
    /// plugin adds ".SingleInstance"): dot-separated elements of letters, digits and `_`,
    /// none starting with a digit.
    #[test]
    fn the_instance_key_is_one_per_data_folder_and_a_bus_name() {
        let a = super::key_for("io.bridger.desktop", Path::new("/home/pm/.local/share"));
        assert_eq!(a, super::key_for("io.bridger.desktop", Path::new("/home/pm/.local/share")));
        assert_ne!(a, super::key_for("io.bridger.desktop", Path::new("/tmp/bridger-e2e-1/data")));
        let name = format!("{a}.SingleInstance");
        assert!(name.len() <= 255, "{name}");
        for element in name.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()), "{name}");
            assert!(element.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{name}");
        }
    }
}
