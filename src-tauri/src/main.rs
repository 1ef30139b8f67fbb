//! Bridger's desktop shell: opens one plan file and answers the window's questions about it.
//!
//! Every command is a line or two over `bridger::api`, the one door the CLI uses too (this
//! file names nothing of the core but `bridger::api` and `model` types); the work runs on a
//! blocking thread so the window never waits on SQLite or the scheduler. What is the
//! shell's own: which plan opens, the native file dialogs, the window's title, and sending
//! a long job's progress over a channel.

// No console window next to the app on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod recent;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bridger::api::analysis::{self, Analysis, RiskReach, SimOptions, SimProgress};
use bridger::api::brief::Written;
use bridger::api::capacity::{CapacityView, LevelProgress};
use bridger::api::exchange::Imported;
use bridger::api::files::{Exported, Format};
use bridger::api::job::{self, Job, Slot};
use bridger::api::level::{self, Proposal};
use bridger::api::{ApiError, Arrangement, Direction, Edit, Editing, ErrorCode, LevelConfig, Overview, Paper, PlanView, Step, Update};
use tauri::{Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// How the journal names this program's edits (undo elsewhere says whose edit it was).
const SOURCE: &str = "Bridger app";
/// Overrides which plan file the app opens (tests and scripts use it).
const PLAN_ENV: &str = "BRIDGER_PLAN";
/// The plan opened by default, in the user's app data dir, created from the demo plan.
const DEFAULT_PLAN: &str = "demo.bridger";

/// The open plan, or why it could not be opened (shown in the window), and where the list
/// of recent plans is kept.
struct Session {
    plan: Arc<Mutex<Result<Editing, ApiError>>>,
    recent: Option<PathBuf>,
    /// The simulation running in the background, if any.
    simulation: Slot,
    /// The leveling running in the background, if any.
    leveling: Slot,
    /// The leveling proposed and not yet accepted or discarded.
    proposal: Mutex<Option<Proposal>>,
}

impl Session {
    /// Opens `path` (creating the demo plan there on first start). A failure is kept and
    /// returned by every command, so the window can show it.
    fn open(path: Result<PathBuf, ApiError>) -> Session {
        // Undo in another program tells whose edit it took back.
        let plan = path.and_then(|p| Editing::open_or_create_demo(&p, SOURCE));
        if let Err(e) = &plan {
            eprintln!("bridger-app: {}", e.message);
        }
        Session {
            plan: Arc::new(Mutex::new(plan)),
            recent: None,
            simulation: Slot::default(),
            leveling: Slot::default(),
            proposal: Mutex::new(None),
        }
    }

    /// Opens the plan at `path` (or creates it holding `seed`) in place of the open one,
    /// and returns its path. If it cannot be opened (not a plan, from a newer Bridger), the
    /// open plan stays and the window shows the core's message.
    async fn switch(&self, path: PathBuf, seed: Option<bridger::model::Plan>) -> Result<String, ApiError> {
        let plan = Arc::clone(&self.plan);
        let recent = self.recent.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let editing = match &seed {
                Some(p) => Editing::create(&path, p, SOURCE)?,
                None => Editing::open(&path, SOURCE)?,
            };
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
    fn recent_plans(&self) -> Vec<PathBuf> {
        self.recent.as_deref().map(recent::load).unwrap_or_default()
    }

    /// The plan's name, for the window's title.
    fn title(&self) -> String {
        match self.plan.lock().as_deref() {
            Ok(Ok(e)) => format!("{} — Bridger", e.plan().name),
            _ => "Bridger".to_string(),
        }
    }

    /// Runs `work` on the open plan on a blocking thread, after reading back what another
    /// program (the CLI) changed since the last command.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce(&mut Editing) -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
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

fn internal(message: &str) -> ApiError {
    ApiError { code: ErrorCode::Internal, message: message.to_string(), details: Vec::new() }
}

/// The plan to open: `$BRIDGER_PLAN` if set, else `demo.bridger` in the app data dir.
fn plan_path(data_dir: tauri::Result<PathBuf>) -> Result<PathBuf, ApiError> {
    match std::env::var_os(PLAN_ENV).filter(|p| !p.is_empty()) {
        Some(p) => Ok(PathBuf::from(p)),
        None => data_dir.map(|d| d.join(DEFAULT_PLAN)).map_err(|e| ApiError {
            code: ErrorCode::Storage,
            message: format!("no app data folder: {e}"),
            details: Vec::new(),
        }),
    }
}

#[tauri::command]
async fn overview(session: tauri::State<'_, Session>) -> Result<Overview, ApiError> {
    session.run(|e| Ok(e.overview())).await
}

/// Everything the editor draws, in one arrangement.
#[tauri::command]
async fn view(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<PlanView, ApiError> {
    session.run(move |e| e.view(arrangement)).await
}

/// Edits as one transaction and one undo step; the plan to draw after them.
#[tauri::command]
async fn apply(session: tauri::State<'_, Session>, edits: Vec<Edit>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.run(move |e| e.apply(edits, arrangement)).await
}

/// Cards moved by hand, as one undo step (in Seams a card moves along its lane).
#[tauri::command]
async fn place(
    session: tauri::State<'_, Session>,
    moves: Vec<bridger::api::Placement>,
    arrangement: Arrangement,
) -> Result<Update, ApiError> {
    session.run(move |e| e.place(moves, arrangement)).await
}

/// Arrange: lays out again every card (`ids` null) or the cards of `ids`, clearing their
/// hand-placed positions in one undo step.
#[tauri::command]
async fn arrange(session: tauri::State<'_, Session>, ids: Option<Vec<String>>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.run(move |e| e.arrange(ids, arrangement)).await
}

#[tauri::command]
async fn undo(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Step, ApiError> {
    session.run(move |e| e.step(Direction::Undo, arrangement)).await
}

#[tauri::command]
async fn redo(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Step, ApiError> {
    session.run(move |e| e.step(Direction::Redo, arrangement)).await
}

/// Shows a native file dialog off the event loop's thread; the path the user picked, if any.
async fn pick<R: Runtime>(dialog: FileDialogBuilder<R>, save: bool) -> Result<Option<PathBuf>, ApiError> {
    let picked = tauri::async_runtime::spawn_blocking(move || if save { dialog.blocking_save_file() } else { dialog.blocking_pick_file() })
        .await
        .map_err(|e| internal(&format!("the file dialog failed: {e}")))?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| if save && p.extension().is_none() { p.with_extension("bridger") } else { p }))
}

fn plans<R: Runtime>(app: &tauri::AppHandle<R>, title: &str) -> FileDialogBuilder<R> {
    app.dialog().file().set_title(title).add_filter("Bridger plan", &["bridger"])
}

/// Puts the open plan's name in the window's title.
fn retitle<R: Runtime>(app: &tauri::AppHandle<R>, session: &Session) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&session.title());
    }
}

/// Open: the user picks a plan in the native dialog; it replaces the open one. The path now
/// open, or None if the user cancelled.
#[tauri::command]
async fn open_plan<R: Runtime>(app: tauri::AppHandle<R>, session: tauri::State<'_, Session>) -> Result<Option<String>, ApiError> {
    let Some(path) = pick(plans(&app, "Open a plan"), false).await? else { return Ok(None) };
    let open = session.switch(path, None).await?;
    retitle(&app, &session);
    Ok(Some(open))
}

/// New: the user names a new file; it holds an empty plan (or the demo) and is opened.
#[tauri::command]
async fn new_plan<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    demo: bool,
) -> Result<Option<String>, ApiError> {
    let name = if demo { "POS rollout demo.bridger" } else { "New plan.bridger" };
    let Some(path) = pick(plans(&app, "New plan").set_file_name(name), true).await? else { return Ok(None) };
    let seed = if demo {
        bridger::api::files::demo()
    } else {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "New plan".into());
        bridger::model::Plan::new(&name, chrono_today())
    };
    let open = session.switch(path, Some(seed)).await?;
    retitle(&app, &session);
    Ok(Some(open))
}

/// Save As: a copy of the open plan (with its undo journal) in a new file, which is then
/// the one open.
#[tauri::command]
async fn save_as<R: Runtime>(app: tauri::AppHandle<R>, session: tauri::State<'_, Session>) -> Result<Option<String>, ApiError> {
    let Some(path) = pick(plans(&app, "Save a copy as"), true).await? else { return Ok(None) };
    let to = path.clone();
    session.run(move |e| e.save_copy(&to)).await?;
    let open = session.switch(path, None).await?;
    retitle(&app, &session);
    Ok(Some(open))
}

/// The plans opened lately, newest first (open one with `open_recent` and its place).
#[tauri::command]
fn recent_plans(session: tauri::State<'_, Session>) -> Vec<String> {
    session.recent_plans().iter().map(|p| p.display().to_string()).collect()
}

/// Opens the recent plan at `index` in the list.
#[tauri::command]
async fn open_recent<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    index: usize,
) -> Result<Option<String>, ApiError> {
    let Some(path) = session.recent_plans().into_iter().nth(index) else { return Ok(None) };
    let open = session.switch(path, None).await?;
    retitle(&app, &session);
    Ok(Some(open))
}

/// Today, for the start of a new empty plan.
fn chrono_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Has another program changed the plan since the window last drew it? (Polled.)
#[tauri::command]
async fn changed(session: tauri::State<'_, Session>) -> Result<bool, ApiError> {
    session.run(|e| Ok(e.changed())).await
}

/// The last simulation kept in the plan file, shaped for the Analysis tab (none yet: null).
#[tauri::command]
async fn analysis(session: tauri::State<'_, Session>) -> Result<Analysis, ApiError> {
    session.run(|e| e.analysis()).await
}

/// Runs a simulation of the plan as it is now (a snapshot: edits go on meanwhile and make
/// the result stale), sending its progress on `on_progress`; keeps the result in the plan
/// file and returns the analysis. One run at a time; `cancel_simulation` ends it.
#[tauri::command]
async fn simulate(
    session: tauri::State<'_, Session>,
    iterations: Option<u32>,
    on_progress: tauri::ipc::Channel<SimProgress>,
) -> Result<Analysis, ApiError> {
    let job = session.simulation.start("a simulation")?;
    let result = simulate_with(&session, iterations.unwrap_or(analysis::ITERATIONS), job, move |p| {
        let _ = on_progress.send(p); // a closed window needs no progress
    })
    .await;
    session.simulation.end();
    result
}

/// Cancels the running simulation; false when none runs.
#[tauri::command]
fn cancel_simulation(session: tauri::State<'_, Session>) -> bool {
    session.simulation.cancel()
}

/// What a risk can delay downstream, for the map.
#[tauri::command]
async fn exposure(session: tauri::State<'_, Session>, risk: String) -> Result<RiskReach, ApiError> {
    session.run(move |e| e.exposure(&risk)).await
}

/// Brief (PDF): the user names the file in the native dialog; the brief of the open plan,
/// with its stored simulation, is written there. None if the user cancelled.
#[tauri::command]
async fn brief<R: Runtime>(app: tauri::AppHandle<R>, session: tauri::State<'_, Session>) -> Result<Option<Written>, ApiError> {
    let name = session.run(|e| Ok(e.plan().name.clone())).await?;
    let Some(path) = pick_pdf(&app, &name).await? else { return Ok(None) };
    session.run(move |e| e.brief(&path, chrono_today(), Paper::A4)).await.map(Some)
}

/// Runs `work` with `job` on a blocking thread while its progress goes to `progress` every
/// `every` (`api::job::run`).
async fn in_background<T: Send + 'static>(
    job: Job,
    every: std::time::Duration,
    work: impl FnOnce(&Job) -> Result<T, ApiError> + Send + 'static,
    progress: impl FnMut(u64, std::time::Duration) + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(move || job::run(&job, every, || work(&job), progress))
        .await
        .map_err(|e| internal(&format!("background work failed: {e}")))?
}

/// The run itself: snapshot the plan (holding it only for the copy), simulate it in the
/// background with its progress every 50 ms, then keep the results in the file.
async fn simulate_with(
    session: &Session,
    iterations: u32,
    job: Job,
    progress: impl Fn(SimProgress) + Send + 'static,
) -> Result<Analysis, ApiError> {
    let snapshot = session.run(|e| e.snapshot()).await?;
    let total = iterations.max(1);
    let options = SimOptions { iterations: total, ..SimOptions::default() };
    let (snapshot, ran) = in_background(
        job,
        std::time::Duration::from_millis(50),
        move |job| analysis::run(&snapshot, &options, Some(job)).map(|ran| (snapshot, ran)),
        move |done, _| progress(SimProgress { done: u32::try_from(done).unwrap_or(u32::MAX).min(total), total }),
    )
    .await?;
    session.run(move |e| e.keep(&snapshot, &ran)).await
}

/// The Capacity tab: load per team and week, and the Timeline (with the proposed leveling's
/// bars while one is pending).
#[tauri::command]
async fn capacity(session: tauri::State<'_, Session>) -> Result<CapacityView, ApiError> {
    let proposal = session.proposal();
    session.run(move |e| e.capacity(proposal.as_ref())).await
}

/// Levels the plan as it is now (a snapshot: the window stays usable), sending progress on
/// `on_progress`; nothing is saved: the proposal is kept for `accept_level` and shown in the
/// returned view. One leveling at a time; `cancel_level` ends it with the code `cancelled`.
/// `iterations` fixes the work (the result then depends only on it); else 2 s.
#[tauri::command]
async fn level(
    session: tauri::State<'_, Session>,
    iterations: Option<u64>,
    on_progress: tauri::ipc::Channel<LevelProgress>,
) -> Result<CapacityView, ApiError> {
    let job = session.leveling.start("a leveling")?;
    let result = level_with(&session, iterations, job, move |p| {
        let _ = on_progress.send(p); // a closed window needs no progress
    })
    .await;
    session.leveling.end();
    result
}

/// Cancels the running leveling; false when none runs.
#[tauri::command]
fn cancel_level(session: tauri::State<'_, Session>) -> bool {
    session.leveling.cancel()
}

/// Saves the pending proposal (leveling delays and the plan's leveling basis) as one edit,
/// one undo step; refused when none is pending or the plan changed since.
#[tauri::command]
async fn accept_level(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Update, ApiError> {
    let proposal = session.proposal().ok_or_else(|| ApiError {
        code: ErrorCode::NotFound,
        message: "no leveling is proposed: level the plan first".into(),
        details: Vec::new(),
    })?;
    let update = session.run(move |e| e.accept_leveling(&proposal, arrangement)).await?;
    session.set_proposal(None);
    Ok(update)
}

/// Forgets the pending proposal (nothing was saved); false when none was pending.
#[tauri::command]
fn discard_level(session: tauri::State<'_, Session>) -> bool {
    session.proposal.lock().ok().and_then(|mut p| p.take()).is_some()
}

/// Clears an accepted leveling (every delay back to 0), one undo step.
#[tauri::command]
async fn clear_level(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.set_proposal(None);
    session.run(move |e| e.clear_leveling(arrangement)).await
}

/// How long the Level button searches when it is not given a number of schedules.
const LEVEL_TIME: std::time::Duration = std::time::Duration::from_secs(2);

impl Session {
    fn proposal(&self) -> Option<Proposal> {
        self.proposal.lock().ok().and_then(|p| p.clone())
    }

    fn set_proposal(&self, p: Option<Proposal>) {
        if let Ok(mut held) = self.proposal.lock() {
            *held = p;
        }
    }
}

/// The leveling itself: snapshot the plan, level it in the background with the count of
/// schedules every 100 ms, then keep the proposal.
async fn level_with(
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
        std::time::Duration::from_millis(100),
        move |job| level::level(&snapshot, &config, Some(job)),
        move |schedules, elapsed| progress(LevelProgress { schedules, elapsed_ms: elapsed.as_millis() as u64, limit_ms }),
    )
    .await?;
    session.set_proposal(Some(proposal.clone()));
    session.run(move |e| e.capacity(Some(&proposal))).await
}

/// The native Save dialog for a PDF, named after the plan.
/// Import into the open plan: the user picks MS Project XML or JSON (`folder` false) or a
/// folder of CSV files; new ids are added and what differs updated, as one undo step.
#[tauri::command]
async fn import_plan<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    folder: bool,
    arrangement: Arrangement,
) -> Result<Option<Imported>, ApiError> {
    let dialog = app.dialog().file().set_title(if folder { "Import a folder of CSV files" } else { "Import MS Project XML or JSON" });
    let picked = tauri::async_runtime::spawn_blocking(move || {
        if folder {
            dialog.blocking_pick_folder()
        } else {
            dialog.add_filter("MS Project XML or Bridger JSON", &["xml", "json"]).blocking_pick_file()
        }
    })
    .await
    .map_err(|e| internal(&format!("the file dialog failed: {e}")))?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    session.run(move |e| e.import_from(&path, arrangement)).await.map(Some)
}

/// Export of the open plan as MS Project XML, JSON or a folder of CSV files (the user names
/// the file or the new folder in the save dialog).
#[tauri::command]
async fn export_plan<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    format: Format,
) -> Result<Option<Exported>, ApiError> {
    let name = session.run(|e| Ok(e.plan().name.clone())).await?;
    let stem = file_stem(&name);
    let (title, filter, file) = match format {
        Format::Mspdi => ("Export as MS Project XML", Some(("MS Project XML", "xml")), format!("{stem}.xml")),
        Format::Json => ("Export as JSON", Some(("Bridger JSON", "json")), format!("{stem}.json")),
        Format::Csv => ("Export as a folder of CSV files", None, format!("{stem} CSV")),
        Format::Sm => {
            return Err(ApiError {
                code: ErrorCode::Invalid,
                message: "Bridger does not write PSPLIB .sm files".into(),
                details: Vec::new(),
            })
        }
    };
    let mut dialog = app.dialog().file().set_title(title).set_file_name(file);
    if let Some((label, ext)) = filter {
        dialog = dialog.add_filter(label, &[ext]);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| internal(&format!("the file dialog failed: {e}")))?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    let path = match filter {
        Some((_, ext)) if path.extension().is_none() => path.with_extension(ext),
        _ => path,
    };
    session.run(move |e| e.export_to(&path, format)).await.map(Some)
}

/// A file name offered in a save dialog, from the plan's name (what a file system may not
/// hold replaced by `_`).
fn file_stem(plan: &str) -> String {
    let stem: String = plan.chars().map(|c| if c.is_alphanumeric() || " -_.".contains(c) { c } else { '_' }).collect();
    if stem.trim().is_empty() {
        "Plan".to_string()
    } else {
        stem.trim().to_string()
    }
}

async fn pick_pdf<R: Runtime>(app: &tauri::AppHandle<R>, plan: &str) -> Result<Option<PathBuf>, ApiError> {
    let stem = file_stem(plan);
    let dialog = app.dialog().file().set_title("Save the brief as").add_filter("PDF", &["pdf"]).set_file_name(format!("{stem} brief.pdf"));
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| internal(&format!("the file dialog failed: {e}")))?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| if p.extension().is_none() { p.with_extension("pdf") } else { p }))
}

/// The app on any runtime (Wry for the window, the mock runtime in tests), opening `plan`
/// (else `$BRIDGER_PLAN`, else the demo in the app data folder) and keeping the recent list
/// in `config` (else the app's config folder).
fn app<R: Runtime>(builder: tauri::Builder<R>, plan: Option<&Path>, config: Option<&Path>) -> tauri::Builder<R> {
    let plan = plan.map(Path::to_path_buf);
    let config = config.map(Path::to_path_buf);
    builder
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let path = match plan {
                Some(p) => Ok(p),
                None => plan_path(app.path().app_data_dir()),
            };
            let mut session = Session::open(path.clone());
            session.recent = config.or_else(|| app.path().app_config_dir().ok()).map(|d| d.join("recent.json"));
            let opened = session.plan.lock().map(|p| p.is_ok()).unwrap_or(false);
            if let (true, Ok(p), Some(list)) = (opened, &path, &session.recent) {
                let _ = recent::remember(list, p);
            }
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_title(&session.title());
            }
            // The first view (a full layout) is computed while the web view starts, not after
            // the page asks for it: the page's first `view` waits for this and takes it.
            let plan = Arc::clone(&session.plan);
            std::thread::spawn(move || {
                if let Ok(Ok(editing)) = plan.lock().as_deref_mut() {
                    let _ = editing.prepare(Arrangement::Flow);
                }
            });
            app.manage(session);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            overview,
            view,
            apply,
            arrange,
            place,
            undo,
            redo,
            changed,
            open_plan,
            new_plan,
            save_as,
            recent_plans,
            open_recent,
            analysis,
            simulate,
            cancel_simulation,
            exposure,
            brief,
            import_plan,
            export_plan,
            capacity,
            level,
            cancel_level,
            accept_level,
            discard_level,
            clear_level
        ])
}

fn main() {
    // A plan given as the first argument opens: what a desktop does when a user
    // double-clicks a .bridger file.
    let plan = std::env::args_os().nth(1).map(PathBuf::from);
    let result = app(tauri::Builder::default(), plan.as_deref(), None).run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("bridger-app: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    //! The commands through Tauri's IPC on the mock runtime (no window, no display), with the
    //! app's real configuration and capabilities.
    use std::path::Path;

    use serde_json::Value;
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::Manager;

    /// Starts the app on `plan` and invokes `cmd` from the main window's own page.
    fn invoke(plan: &Path, cmd: &str) -> Result<Value, Value> {
        invoke_from(plan, cmd, "tauri://localhost")
    }

    /// Same, as if the window had navigated to `url`.
    fn invoke_from(plan: &Path, cmd: &str, url: &str) -> Result<Value, Value> {
        call(&start(plan), cmd, url)
    }

    /// The app on the mock runtime, set up as the first event loop turn does it.
    fn start(plan: &Path) -> tauri::App<tauri::test::MockRuntime> {
        let config = plan.parent().map(|d| d.join("config"));
        let mut app = super::app(mock_builder(), Some(plan), config.as_deref()).build(tauri::generate_context!()).expect("the app builds");
        // Creates the configured windows and runs the app's setup, as the first event loop
        // turn does in the real app (the mock runtime's iteration does nothing else).
        #[allow(deprecated)]
        app.run_iteration(|_, _| {});
        app
    }

    /// Invokes `cmd` from the main window's page, as if it were at `url`.
    fn call(app: &tauri::App<tauri::test::MockRuntime>, cmd: &str, url: &str) -> Result<Value, Value> {
        call_with(app, cmd, url, InvokeBody::default())
    }

    /// Invokes `cmd` with JSON arguments from the main window's own page.
    fn ask(app: &tauri::App<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        call_with(app, cmd, "tauri://localhost", InvokeBody::Json(args))
    }

    fn call_with(app: &tauri::App<tauri::test::MockRuntime>, cmd: &str, url: &str, body: InvokeBody) -> Result<Value, Value> {
        let window = app.get_webview_window("main").expect("the main window");
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: url.parse().expect("a url"),
            body,
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&window, request).map(|body| body.deserialize::<Value>().expect("json"))
    }

    #[test]
    fn a_change_made_by_the_cli_shows_on_the_next_command() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let before = call(&app, "overview", "tauri://localhost").expect("an overview");
        let mut other = bridger::store::PlanFile::open(&plan).expect("the CLI opens it too");
        other.apply(bridger::store::Edit::RemoveInitiative("program-close".into())).expect("an edit");
        let after = call(&app, "overview", "tauri://localhost").expect("an overview");
        let rows = |v: &Value| v["schedule"]["initiatives"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(rows(&after), rows(&before) - 1);
    }

    /// The editor's round trip: a view with its layout, a patch that keeps other fields, a
    /// refused edit with its code and the cycle named, a batch undone in one step, and a
    /// change by another program noticed by the poll.
    #[test]
    fn the_editor_commands_edit_the_file_and_return_what_to_draw() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let demo = bridger::demo::plan();
        let v = ask(&app, "view", serde_json::json!({"arrangement": "seams"})).expect("a view");
        assert_eq!(v["layout"]["cards"].as_array().map(Vec::len), Some(demo.initiatives.len()));
        assert_eq!(v["lanes"].as_array().map(Vec::len), Some(demo.teams.len()));
        assert_eq!(v["heat"].as_array().map(Vec::len), Some(25));
        assert!(v["undo"].is_null(), "a new plan has nothing to undo");

        let first = &demo.initiatives[0].id;
        let patch = serde_json::json!({"op": "patch", "value": {"kind": "initiative", "id": first, "fields": {"name": "Renamed", "position": {"x": 5.0, "y": 7.0}}}});
        let v = ask(&app, "apply", serde_json::json!({"edits": [patch], "arrangement": "seams"})).expect("saved");
        let saved = bridger::store::read(&plan).expect("readable");
        let i = saved.initiative(first).expect("still there");
        assert_eq!((i.name.as_str(), i.owner.as_str()), ("Renamed", demo.initiatives[0].owner.as_str()), "only the patched fields change");
        assert_eq!(v["kind"], "delta", "the window holds the seams view: only what changed comes back");
        let changed = v["delta"]["initiatives"]["set"].as_array().expect("the renamed initiative");
        assert_eq!((changed.len(), &changed[0][1]["name"]), (1, &Value::from("Renamed")), "{v}");
        assert_eq!(v["delta"]["undo"]["id"], Value::from(first.as_str()));

        let last = &demo.initiatives.last().expect("initiatives").id;
        let back = serde_json::json!({"op": "add_handoff", "value": {"id": "back", "from": last, "to": first}});
        let error = ask(&app, "apply", serde_json::json!({"edits": [back], "arrangement": "flow"})).expect_err("a cycle");
        assert_eq!(error["code"], "cycle", "{error}");
        assert!(error["message"].as_str().unwrap_or_default().contains("handoffs form a cycle"), "{error}");
        assert_eq!(bridger::store::read(&plan).expect("readable"), saved, "a refused edit changes nothing");

        let step = ask(&app, "undo", serde_json::json!({"arrangement": "flow"})).expect("undone");
        assert_eq!(step["summary"]["kind"], "initiative");
        assert_eq!(
            bridger::store::read(&plan).expect("readable").initiative(first).map(|i| i.name.clone()),
            Some(demo.initiatives[0].name.clone())
        );

        assert_eq!(ask(&app, "changed", Value::Null).expect("polled"), Value::Bool(false));
        let mut cli = bridger::store::Editor::open(&plan).expect("the CLI opens it too");
        cli.apply(&bridger::store::Edit::RemoveHandoff(demo.handoffs[0].id.clone())).expect("an edit");
        assert_eq!(ask(&app, "changed", Value::Null).expect("polled"), Value::Bool(true), "the CLI's edit is noticed");
        assert_eq!(ask(&app, "changed", Value::Null).expect("polled"), Value::Bool(false), "once");
    }

    /// Moving cards by hand and arranging again: a position belongs to Flow; in Seams a card
    /// moves along its lane (its Flow y is kept); Arrange clears hand-placed positions in
    /// one undo step.
    #[test]
    fn cards_are_placed_by_hand_and_arranged_again() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let demo = bridger::demo::plan();
        let (a, b) = (demo.initiatives[0].id.clone(), demo.initiatives[1].id.clone());
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        let flow_y = v["layout"]["cards"]
            .as_array()
            .expect("cards")
            .iter()
            .find(|c| c["id"] == b.as_str())
            .map(|c| c["y"].as_f64().unwrap_or(-1.0))
            .expect("b");
        let moves = serde_json::json!([{"id": a, "x": 111.0, "y": 222.0}]);
        ask(&app, "place", serde_json::json!({"moves": moves, "arrangement": "flow"})).expect("placed");
        let moves = serde_json::json!([{"id": b, "x": 333.0, "y": 9999.0}]);
        ask(&app, "place", serde_json::json!({"moves": moves, "arrangement": "seams"})).expect("placed");
        let saved = bridger::store::read(&plan).expect("readable");
        let pos = |id: &str| saved.initiative(id).and_then(|i| i.position).map(|p| (p.x, p.y));
        assert_eq!(pos(&a), Some((111.0, 222.0)));
        assert_eq!(pos(&b), Some((333.0, flow_y)), "in Seams only x moves; Flow's y is kept");
        let v = ask(&app, "arrange", serde_json::json!({"ids": null, "arrangement": "flow"})).expect("arranged");
        assert!(bridger::store::read(&plan).expect("readable").initiatives.iter().all(|i| i.position.is_none()));
        assert_eq!(v["kind"], "full", "the window held the seams view: the flow view comes whole");
        assert_eq!(v["view"]["undo"]["edits"], 2, "one undo step clears both");
        ask(&app, "undo", serde_json::json!({"arrangement": "flow"})).expect("undone");
        let back = bridger::store::read(&plan).expect("readable");
        assert_eq!(back.initiative(&a).and_then(|i| i.position).map(|p| (p.x, p.y)), Some((111.0, 222.0)));
    }

    /// Open, and the recent list: a file that is not a plan leaves the open plan as it was
    /// (the window stays usable); a plan that opens replaces it and goes first in the list,
    /// from which the window reopens by place, never by a path of its own.
    #[test]
    fn switching_plans_keeps_the_open_one_on_failure_and_remembers_the_recent_ones() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let demo = dir.path().join("demo.bridger");
        let app = start(&demo);
        let session = app.state::<super::Session>();
        let notes = dir.path().join("notes.bridger");
        std::fs::write(&notes, "not a plan").expect("write");
        let error = tauri::async_runtime::block_on(session.switch(notes.clone(), None)).expect_err("refused");
        assert_eq!(error.code, bridger::api::ErrorCode::NotAPlan);
        assert!(error.message.contains("notes.bridger"), "{}", error.message);
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("still usable");
        assert_eq!(v["plan"]["name"], Value::from(bridger::demo::plan().name));

        let other = dir.path().join("other.bridger");
        let mut small = bridger::model::Plan::new("Other plan", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
        small.initiatives.push(bridger::model::Initiative::new("a", "A", "Ann", 2));
        drop(bridger::store::PlanFile::create(&other, &small).expect("created"));
        tauri::async_runtime::block_on(session.switch(other.clone(), None)).expect("opened");
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        assert_eq!(v["plan"]["name"], "Other plan");
        let recent = ask(&app, "recent_plans", Value::Null).expect("a list");
        let names: Vec<String> = recent
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| Path::new(p.as_str().unwrap_or("")).file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["other.bridger", "demo.bridger"]);
        let opened = ask(&app, "open_recent", serde_json::json!({"index": 1})).expect("reopened");
        assert!(opened.as_str().unwrap_or("").ends_with("demo.bridger"), "{opened}");
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        assert_eq!(v["plan"]["name"], Value::from(bridger::demo::plan().name));
        assert!(ask(&app, "open_recent", serde_json::json!({"index": 7})).expect("nothing").is_null(), "no such place: nothing opens");
    }

    /// Invokes `cmd` from a window handle (usable from another thread).
    fn ask_window(window: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("a url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(window, request).map(|body| body.deserialize::<Value>().expect("json"))
    }

    /// A run through the commands: its results are kept in the plan file and shown again
    /// when the plan is reopened, without running again; an edit makes them stale.
    #[test]
    fn a_simulation_is_kept_in_the_plan_and_shown_again_on_reopening() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let none = ask(&app, "analysis", Value::Null).expect("an analysis");
        assert!(none["simulation"].is_null(), "not simulated yet: {none}");
        let a = ask(&app, "simulate", serde_json::json!({"iterations": 400, "onProgress": "__CHANNEL__:1"})).expect("simulated");
        let sim = &a["simulation"];
        assert_eq!((sim["iterations"].as_u64(), &sim["stale"]), (Some(400), &Value::Bool(false)), "{a}");
        assert!(sim["s_curve"].as_array().is_some_and(|c| c.len() > 2) && sim["p80"]["date"].is_string());
        let kept = bridger::store::read_simulation(&plan).expect("readable").expect("kept in the file");
        assert_eq!((kept.iterations, kept.stale), (400, false));
        drop(app);

        let app = start(&plan);
        let again = ask(&app, "analysis", Value::Null).expect("an analysis");
        assert_eq!(again["simulation"]["p80"], sim["p80"], "shown again from the file");
        assert_eq!(again["simulation"]["at"], sim["at"], "the same run, not a new one");
        let first = &bridger::demo::plan().initiatives[0].id;
        let patch = serde_json::json!({"op": "patch", "value": {"kind": "initiative", "id": first, "fields": {"name": "Renamed"}}});
        ask(&app, "apply", serde_json::json!({"edits": [patch], "arrangement": "flow"})).expect("saved");
        let stale = ask(&app, "analysis", Value::Null).expect("an analysis");
        assert_eq!(stale["simulation"]["stale"], Value::Bool(true), "the plan changed since this run");

        let risk = &bridger::demo::plan().risks.iter().find(|r| !r.initiatives.is_empty()).expect("a linked risk").id.clone();
        let reach = ask(&app, "exposure", serde_json::json!({"risk": risk})).expect("its reach");
        assert!(reach["reached"].as_array().is_some_and(|r| !r.is_empty()), "{reach}");
        assert_eq!(ask(&app, "exposure", serde_json::json!({"risk": "nope"})).expect_err("unknown")["code"], "not_found");
    }

    /// The progress counts up to the iterations; a cancelled run ends with the code
    /// `cancelled` and keeps nothing; a second run while one works is refused.
    #[test]
    fn a_simulation_reports_progress_and_can_be_cancelled() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let session = app.state::<super::Session>();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = std::sync::Arc::clone(&seen);
        let job = session.simulation.start("a simulation").expect("none runs");
        let done = tauri::async_runtime::block_on(super::simulate_with(&session, 3_000, job, move |p| {
            log.lock().expect("the log").push((p.done, p.total));
        }));
        session.simulation.end();
        assert!(done.is_ok());
        let seen = seen.lock().expect("the log").clone();
        assert_eq!(seen.last(), Some(&(3_000, 3_000)), "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "never backwards: {seen:?}");

        let plan = dir.path().join("other.bridger");
        let app = start(&plan);
        let window = app.get_webview_window("main").expect("the main window");
        let runner = window.clone();
        let run = std::thread::spawn(move || {
            ask_window(&runner, "simulate", serde_json::json!({"iterations": 50_000_000, "onProgress": "__CHANNEL__:2"}))
        });
        let session = app.state::<super::Session>();
        // wait until it works, then try a second run and cancel the first
        let started = std::time::Instant::now();
        while session.simulation.running().is_none_or(|j| j.done() == 0) {
            assert!(started.elapsed().as_secs() < 60, "the run never started");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let second =
            ask_window(&window, "simulate", serde_json::json!({"iterations": 10, "onProgress": "__CHANNEL__:3"})).expect_err("busy");
        assert_eq!(second["code"], "busy", "{second}");
        assert_eq!(ask_window(&window, "cancel_simulation", Value::Null).expect("asked"), Value::Bool(true));
        let error = run.join().expect("the runner").expect_err("cancelled");
        assert_eq!(error["code"], "cancelled", "{error}");
        assert!(bridger::store::read_simulation(&plan).expect("readable").is_none(), "a cancelled run keeps nothing");
        assert_eq!(ask_window(&window, "cancel_simulation", Value::Null).expect("asked"), Value::Bool(false), "nothing runs now");
        let a = ask_window(&window, "view", serde_json::json!({"arrangement": "flow"}));
        assert!(a.is_ok(), "the plan was never held by the run");
    }

    /// Level the demo (a proposal: nothing saved), accept it as one undo step: no team-week
    /// is over capacity any more; undo brings the over-allocated weeks back.
    #[test]
    fn a_leveling_is_proposed_then_accepted_as_one_undo_step() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let before = ask(&app, "capacity", Value::Null).expect("the grid");
        let over = before["over_weeks"].as_u64().unwrap_or(0);
        assert!(over > 0 && before["proposal"].is_null(), "the demo is over-allocated: {}", before["over_weeks"]);
        let v = ask(&app, "level", serde_json::json!({"iterations": 2_000, "onProgress": "__CHANNEL__:1"})).expect("levelled");
        let p = &v["proposal"];
        assert_eq!(p["over_after"], 0, "{p}");
        let moved = p["moved"].as_array().map_or(0, Vec::len);
        assert!(moved > 0, "{p}");
        assert_eq!(v["over_weeks"].as_u64(), Some(over), "a proposal saves nothing");
        let shifted = v["timeline"]["bars"].as_array().map_or(0, |b| b.iter().filter(|b| !b["levelled"].is_null()).count());
        assert_eq!(shifted, moved, "the timeline shows each moved bar levelled");
        assert!(bridger::store::read(&plan).expect("readable").initiatives.iter().all(|i| i.leveling_delay == 0));

        ask(&app, "accept_level", serde_json::json!({"arrangement": "flow"})).expect("accepted");
        let after = ask(&app, "capacity", Value::Null).expect("the grid");
        assert_eq!((after["over_weeks"].as_u64(), &after["levelled"]), (Some(0), &Value::Bool(true)), "{}", after["over_weeks"]);
        assert!(after["proposal"].is_null(), "accepted: nothing pending");
        let saved = bridger::store::read(&plan).expect("readable");
        assert!(saved.leveling_basis.is_some() && saved.initiatives.iter().any(|i| i.leveling_delay > 0));
        let again = ask(&app, "accept_level", serde_json::json!({"arrangement": "flow"})).expect_err("nothing pending");
        assert_eq!(again["code"], "not_found");

        ask(&app, "undo", serde_json::json!({"arrangement": "flow"})).expect("undone");
        let undone = bridger::store::read(&plan).expect("readable");
        assert!(
            undone.leveling_basis.is_none() && undone.initiatives.iter().all(|i| i.leveling_delay == 0),
            "one undo step takes it all back"
        );
        let back = ask(&app, "capacity", Value::Null).expect("the grid");
        assert_eq!(back["over_weeks"].as_u64(), Some(over));

        // Proposed, then the plan is edited: the proposal no longer applies.
        ask(&app, "level", serde_json::json!({"iterations": 200, "onProgress": "__CHANNEL__:2"})).expect("levelled");
        let first = &bridger::demo::plan().initiatives[0].id;
        let patch = serde_json::json!({"op": "patch", "value": {"kind": "initiative", "id": first, "fields": {"name": "Renamed"}}});
        ask(&app, "apply", serde_json::json!({"edits": [patch], "arrangement": "flow"})).expect("saved");
        assert!(ask(&app, "capacity", Value::Null).expect("the grid")["proposal"].is_null(), "stale: not shown");
        let stale = ask(&app, "accept_level", serde_json::json!({"arrangement": "flow"})).expect_err("stale");
        assert_eq!(stale["code"], "invalid", "{stale}");
        assert_eq!(ask(&app, "discard_level", Value::Null).expect("asked"), Value::Bool(true));
        assert_eq!(ask(&app, "cancel_level", Value::Null).expect("asked"), Value::Bool(false), "nothing runs");
    }

    /// A leveling reports the schedules it has tried; cancelled, it ends with the code
    /// `cancelled` and proposes nothing; a second one while it works is refused.
    #[test]
    fn a_leveling_reports_progress_and_can_be_cancelled() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let window = app.get_webview_window("main").expect("the main window");
        let runner = window.clone();
        let run = std::thread::spawn(move || {
            ask_window(&runner, "level", serde_json::json!({"iterations": 50_000_000_000u64, "onProgress": "__CHANNEL__:4"}))
        });
        let session = app.state::<super::Session>();
        let started = std::time::Instant::now();
        while session.leveling.running().is_none_or(|j| j.done() == 0) {
            assert!(started.elapsed().as_secs() < 60, "the leveling never started");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let second = ask_window(&window, "level", serde_json::json!({"iterations": 10, "onProgress": "__CHANNEL__:5"})).expect_err("busy");
        assert_eq!(second["code"], "busy", "{second}");
        assert!(ask_window(&window, "view", serde_json::json!({"arrangement": "flow"})).is_ok(), "the plan is not held by the run");
        assert_eq!(ask_window(&window, "cancel_level", Value::Null).expect("asked"), Value::Bool(true));
        let error = run.join().expect("the runner").expect_err("cancelled");
        assert_eq!(error["code"], "cancelled", "{error}");
        assert!(ask_window(&window, "capacity", Value::Null).expect("the grid")["proposal"].is_null(), "nothing proposed");
        let accept = ask_window(&window, "accept_level", serde_json::json!({"arrangement": "flow"})).expect_err("nothing to accept");
        assert_eq!(accept["code"], "not_found");
    }

    #[test]
    fn first_start_creates_the_demo_plan_and_returns_its_overview() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("sub").join("demo.bridger");
        let overview = invoke(&plan, "overview").expect("an overview");
        assert!(plan.exists(), "the demo plan was written to {}", plan.display());
        assert_eq!(overview["name"], Value::from(bridger::demo::plan().name));
        assert_eq!(overview["path"], Value::from(plan.display().to_string()));
        assert!(overview["schedule_error"].is_null(), "{}", overview["schedule_error"]);
        let rows = overview["schedule"]["initiatives"].as_array().map(Vec::len);
        assert_eq!(rows, Some(bridger::demo::plan().initiatives.len()));
    }

    #[test]
    fn a_file_that_is_not_a_plan_is_an_error_with_a_code_and_a_message() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("notes.bridger");
        std::fs::write(&plan, "not a plan").expect("write");
        let error = invoke(&plan, "overview").expect_err("an error");
        assert_eq!(error["code"], "not_a_plan", "{error}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains(&plan.display().to_string()), "the message names the file: {message}");
        assert_eq!(std::fs::read_to_string(&plan).ok().as_deref(), Some("not a plan"), "the file is left as it was");
    }

    #[test]
    fn commands_outside_the_app_manifest_are_refused() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let error = invoke(&dir.path().join("demo.bridger"), "open_anything").expect_err("refused");
        assert!(error.to_string().contains("not allowed"), "{error}");
    }

    #[test]
    fn a_remote_page_cannot_call_the_app() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let error = invoke_from(&dir.path().join("demo.bridger"), "overview", "https://example.com").expect_err("refused");
        assert!(error.to_string().contains("not allowed"), "{error}");
    }

    /// Without `core:default`, Tauri's own APIs (app, window, event, path) are closed to the
    /// page: a script injected into it could not close windows, read paths or emit events.
    #[test]
    fn the_window_cannot_call_tauri_core_apis() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let app = start(&dir.path().join("demo.bridger"));
        for cmd in ["plugin:app|version", "plugin:window|close", "plugin:event|emit", "plugin:path|resolve_directory"] {
            let error = call(&app, cmd, "tauri://localhost").expect_err(cmd);
            assert!(error.to_string().contains("not allowed"), "{cmd}: {error}");
        }
        assert!(call(&app, "overview", "tauri://localhost").is_ok(), "the app's own command still works");
    }

    /// The window's permissions and CSP only change on purpose: widening them fails here.
    #[test]
    fn capabilities_and_csp_stay_narrow() {
        let read = |p: &str| -> Value {
            let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect("readable");
            serde_json::from_str(&text).expect("json")
        };
        let caps: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
            .expect("capabilities/")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(caps, ["main.json"], "one capability file");
        let main = read("capabilities/main.json");
        assert_eq!(main["windows"], serde_json::json!(["main"]));
        // Exactly the app's own commands: no `core:default` (window, event, path, menu...),
        // which the UI does not use. A new permission is added here on purpose, or not at all.
        assert_eq!(
            main["permissions"],
            serde_json::json!([
                "allow-overview",
                "allow-view",
                "allow-apply",
                "allow-arrange",
                "allow-place",
                "allow-undo",
                "allow-redo",
                "allow-changed",
                "allow-open-plan",
                "allow-new-plan",
                "allow-save-as",
                "allow-recent-plans",
                "allow-open-recent",
                "allow-analysis",
                "allow-simulate",
                "allow-cancel-simulation",
                "allow-exposure",
                "allow-brief",
                "allow-capacity",
                "allow-level",
                "allow-cancel-level",
                "allow-accept-level",
                "allow-discard-level",
                "allow-clear-level",
                "allow-import-plan",
                "allow-export-plan"
            ])
        );
        let conf = read("tauri.conf.json");
        assert_eq!(
            conf["app"]["security"]["csp"],
            "default-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'"
        );
        assert!(conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null(), "Tauri adds its nonces to the CSP");
        assert!(conf["plugins"].as_object().is_none_or(|p| p.is_empty()), "no plugins");
    }
}
