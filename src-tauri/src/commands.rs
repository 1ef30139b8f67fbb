//! The window's commands: each one call over `bridger::api` (or a dialog and then one
//! call). Their names are listed once, in `src-tauri/commands.txt`, which the build, the
//! capability file, the page's `backend.ts` and the tests are checked against.

use bridger::api::analysis::{self, Analysis, RiskReach, SimProgress};
use bridger::api::assessment::HealthReport;
use bridger::api::baseline::Kept;
use bridger::api::brief::Written;
use bridger::api::capacity::{CapacityView, LevelProgress};
use bridger::api::drafts::{self, NewKind, Removal};
use bridger::api::exchange::Imported;
use bridger::api::files::{Exported, Format};
use bridger::api::level::StopProposal;
use bridger::api::priorities::PrioritiesView;
use bridger::api::review::UpdateView;
use bridger::api::rollout::TemplateLayout;
use bridger::api::since::SinceView;
use bridger::api::sites::SitesView;
use bridger::api::{ApiError, Arrangement, Direction, Edit, ErrorCode, FoldChange, Overview, Paper, Placement, PlanView, Step, Update};
use tauri::{Manager, Runtime};

use crate::dialogs::{pick, Dialog};
use crate::jobs::{level_with, simulate_with};
use crate::session::{demo_path, today, Session};

#[tauri::command]
pub async fn overview(session: tauri::State<'_, Session>) -> Result<Overview, ApiError> {
    session.run(|e| Ok(e.overview())).await
}

/// Everything the editor draws, in one arrangement.
#[tauri::command]
pub async fn view(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<PlanView, ApiError> {
    session.run(move |e| e.view(arrangement)).await
}

/// The view the window draws first: of a folded plan, only what the folded map draws (the
/// whole view follows with `view`); else the whole view.
#[tauri::command]
pub async fn first_view(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<PlanView, ApiError> {
    session.run(move |e| e.first_view(arrangement)).await
}

/// Edits as one transaction and one undo step; the plan to draw after them.
#[tauri::command]
pub async fn apply(session: tauri::State<'_, Session>, edits: Vec<Edit>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.run(move |e| e.apply(edits, arrangement)).await
}

/// Cards moved by hand, as one undo step (in Seams a card moves along its lane).
#[tauri::command]
pub async fn place(session: tauri::State<'_, Session>, moves: Vec<Placement>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.run(move |e| e.place(moves, arrangement)).await
}

/// Collapses or expands waves and sites on the map (view state: no edit). The plan to draw
/// with the new fold.
#[tauri::command]
pub async fn fold(session: tauri::State<'_, Session>, change: FoldChange, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.run(move |e| e.fold(&change, arrangement)).await
}

/// Arrange: lays out again every card (`ids` null) or the cards of `ids`, clearing their
/// hand-placed positions in one undo step.
#[tauri::command]
pub async fn arrange(session: tauri::State<'_, Session>, ids: Option<Vec<String>>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.run(move |e| e.arrange(ids, arrangement)).await
}

#[tauri::command]
pub async fn undo(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Step, ApiError> {
    session.run(move |e| e.step(Direction::Undo, arrangement)).await
}

#[tauri::command]
pub async fn redo(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Step, ApiError> {
    session.run(move |e| e.step(Direction::Redo, arrangement)).await
}

/// Open: the user picks a plan in the native dialog; it replaces the open one. The path now
/// open, or None if the user cancelled.
#[tauri::command]
pub async fn open_plan<R: Runtime>(app: tauri::AppHandle<R>, session: tauri::State<'_, Session>) -> Result<Option<String>, ApiError> {
    let Some(path) = pick(&app, Dialog::OpenPlan).await? else { return Ok(None) };
    let open = session.switch(path, None).await?;
    session.retitle(&app);
    Ok(Some(open))
}

/// New: the user names a new file; it holds an empty plan (or the demo) and is opened.
#[tauri::command]
pub async fn new_plan<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    demo: bool,
) -> Result<Option<String>, ApiError> {
    let Some(path) = pick(&app, Dialog::NewPlan { demo }).await? else { return Ok(None) };
    let seed = if demo {
        bridger::api::files::demo()
    } else {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "New plan".into());
        bridger::model::Plan::new(&name, today())
    };
    let open = session.switch(path, Some(seed.into())).await?;
    session.retitle(&app);
    Ok(Some(open))
}

/// Save As: a copy of the open plan (with its undo journal) in a new file, which is then
/// the one open.
#[tauri::command]
pub async fn save_as<R: Runtime>(app: tauri::AppHandle<R>, session: tauri::State<'_, Session>) -> Result<Option<String>, ApiError> {
    let Some(path) = pick(&app, Dialog::SaveAs).await? else { return Ok(None) };
    let to = path.clone();
    session.run(move |e| e.save_copy(&to)).await?;
    let open = session.switch(path, None).await?;
    session.retitle(&app);
    Ok(Some(open))
}

/// The plans opened lately, newest first (open one with `open_recent` and its place).
#[tauri::command]
pub fn recent_plans(session: tauri::State<'_, Session>) -> Vec<String> {
    session.recent_plans().iter().map(|p| p.display().to_string()).collect()
}

/// Opens the recent plan at `index` in the list.
#[tauri::command]
pub async fn open_recent<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    index: usize,
) -> Result<Option<String>, ApiError> {
    let Some(path) = session.recent_plans().into_iter().nth(index) else { return Ok(None) };
    let open = session.switch(path, None).await?;
    session.retitle(&app);
    Ok(Some(open))
}

/// The page listens on `on_open` for plans opened from outside while the app runs (a
/// second double-click on a .bridger file): each is announced, then opened with
/// `open_requested`.
#[tauri::command]
pub fn watch_opens(session: tauri::State<'_, Session>, on_open: tauri::ipc::Channel<()>) {
    session.watch_opens(on_open);
}

/// Opens the plan asked for from outside, as Open opens the one picked: its path, or None
/// when none is waiting. If it cannot be opened, the open plan stays.
#[tauri::command]
pub async fn open_requested<R: Runtime>(app: tauri::AppHandle<R>, session: tauri::State<'_, Session>) -> Result<Option<String>, ApiError> {
    let Some(path) = session.take_requested() else { return Ok(None) };
    let open = session.switch(path, None).await?;
    session.retitle(&app);
    Ok(Some(open))
}

/// This Bridger's version (the workspace's Cargo.toml), for File > About.
#[tauri::command]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The start page's demo: the demo plan in the app data folder (created there the first
/// time), opened. Its path.
#[tauri::command]
pub async fn open_demo<R: Runtime>(app: tauri::AppHandle<R>, session: tauri::State<'_, Session>) -> Result<String, ApiError> {
    let path = demo_path(app.path().app_data_dir())?;
    let open = session.switch_to_demo(path).await?;
    session.retitle(&app);
    Ok(open)
}

/// A new plan from a file in another format: the user picks MS Project XML or JSON
/// (`folder` false) or a folder of CSV files, then names the new plan file; it holds what
/// was read and is opened. Its path, or None if the user cancelled either dialog.
#[tauri::command]
pub async fn new_from_file<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    folder: bool,
) -> Result<Option<String>, ApiError> {
    let Some(source) = pick(&app, Dialog::Import { folder }).await? else { return Ok(None) };
    let foreign = bridger::api::files::load_foreign(&source, None, today())?;
    let stem = source.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(path) = pick(&app, Dialog::NewFrom { stem: &stem }).await? else { return Ok(None) };
    let open = session.switch(path, Some(foreign)).await?;
    session.retitle(&app);
    Ok(Some(open))
}

/// What another program changed since the window last asked: an edit, or only the kept simulation (polled).
#[tauri::command]
pub async fn changed(session: tauri::State<'_, Session>) -> Result<bridger::api::Changed, ApiError> {
    session.run(|e| Ok(e.changed())).await
}

/// The edit adding a new team, site or wave with the core's defaults (the window sends it
/// with `apply`).
#[tauri::command]
pub async fn draft(
    session: tauri::State<'_, Session>,
    kind: NewKind,
    id: String,
    name: String,
    region: Option<String>,
) -> Result<Edit, ApiError> {
    session.run(move |e| Ok(drafts::draft(e.plan(), kind, &id, &name, region))).await
}

/// Removing initiatives: the edits and what goes with them, for the confirmation.
#[tauri::command]
pub async fn removal(session: tauri::State<'_, Session>, ids: Vec<String>) -> Result<Removal, ApiError> {
    session.run(move |e| Ok(drafts::removal(e.plan(), &ids))).await
}

/// The Update view: the work due for an update around the status date.
#[tauri::command]
pub async fn update_view(session: tauri::State<'_, Session>) -> Result<UpdateView, ApiError> {
    session.run(|e| e.update_view()).await
}

/// The Sites tab: every site against its wave, and every wave's span.
#[tauri::command]
pub async fn sites(session: tauri::State<'_, Session>) -> Result<SitesView, ApiError> {
    session.run(|e| e.sites()).await
}

/// The Sites tab's template editor: a template's steps and handoffs laid out, its sites and
/// their overrides.
#[tauri::command]
pub async fn template_layout(session: tauri::State<'_, Session>, template: String) -> Result<TemplateLayout, ApiError> {
    session.run(move |e| e.template_layout(&template)).await
}

/// The Health tab and the status bar's grade: the DCMA 14 points, the ownership checks and
/// the grade of the open plan.
#[tauri::command]
pub async fn health(session: tauri::State<'_, Session>) -> Result<HealthReport, ApiError> {
    session.run(|e| e.health()).await
}

/// The Priorities tab: each priority by rank with the work serving it, and its load.
#[tauri::command]
pub async fn priorities(session: tauri::State<'_, Session>) -> Result<PrioritiesView, ApiError> {
    session.run(|e| e.priorities()).await
}

/// Re-ranks the priorities in the order of `order` (every id once), one undo step.
#[tauri::command]
pub async fn rerank(session: tauri::State<'_, Session>, order: Vec<String>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.run(move |e| e.rerank(&order, arrangement)).await
}

/// What to stop to meet `target` (the plan's own when null): a proposal, kept to accept;
/// nothing saved.
#[tauri::command]
pub async fn what_to_stop(session: tauri::State<'_, Session>, target: Option<chrono::NaiveDate>) -> Result<StopProposal, ApiError> {
    let p = session.run(move |e| e.what_to_stop(target)).await?;
    if let Ok(mut held) = session.stop.lock() {
        *held = Some(p.clone());
    }
    Ok(p)
}

/// Accepts the What-to-stop proposal shown last, one undo step; refused when the plan
/// changed since it was shown.
#[tauri::command]
pub async fn accept_stop(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Update, ApiError> {
    let held = session.stop.lock().ok().and_then(|p| p.clone());
    let p = held.ok_or_else(|| ApiError {
        code: ErrorCode::NotFound,
        message: "no proposal of what to stop is shown: propose first".into(),
        details: Vec::new(),
    })?;
    let update = session.run(move |e| e.accept_stop(&p, today(), arrangement)).await?;
    if let Ok(mut held) = session.stop.lock() {
        *held = None;
    }
    Ok(update)
}

/// The Since panel: the baselines kept, and the drift since `name` (the latest when null).
#[tauri::command]
pub async fn since(session: tauri::State<'_, Session>, name: Option<String>) -> Result<SinceView, ApiError> {
    session.run(move |e| e.since(name.as_deref())).await
}

/// Keeps a baseline of the open plan (not an edit: nothing to undo).
#[tauri::command]
pub async fn keep_baseline(session: tauri::State<'_, Session>, name: String) -> Result<Kept, ApiError> {
    session.run(move |e| e.keep_baseline(&name)).await
}

/// Makes a baseline the baseline of record (not an edit: nothing to undo).
#[tauri::command]
pub async fn baseline_of_record(session: tauri::State<'_, Session>, name: String) -> Result<(), ApiError> {
    session.run(move |e| e.set_baseline_of_record(&name)).await
}

/// Deletes a baseline (not an edit: nothing to undo).
#[tauri::command]
pub async fn delete_baseline(session: tauri::State<'_, Session>, name: String) -> Result<(), ApiError> {
    session.run(move |e| e.delete_baseline(&name)).await
}

/// The last simulation kept in the plan file, shaped for the Analysis tab (none yet: null).
#[tauri::command]
pub async fn analysis(session: tauri::State<'_, Session>) -> Result<Analysis, ApiError> {
    session.run(|e| e.analysis()).await
}

/// Runs a simulation of the plan as it is now (a snapshot: edits go on meanwhile and make
/// the result stale), sending its progress on `on_progress`; keeps the result in the plan
/// file and returns the analysis. `levelled`: every run within the teams' capacity, shown
/// as such and not kept. One run at a time; `cancel_simulation` ends it.
#[tauri::command]
pub async fn simulate(
    session: tauri::State<'_, Session>,
    iterations: Option<u32>,
    levelled: Option<bool>,
    on_progress: tauri::ipc::Channel<SimProgress>,
) -> Result<Analysis, ApiError> {
    let job = session.simulation.start("a simulation")?;
    let iterations = iterations.unwrap_or(analysis::ITERATIONS);
    let result = simulate_with(&session, iterations, levelled.unwrap_or(false), job, move |p| {
        let _ = on_progress.send(p); // a closed window needs no progress
    })
    .await;
    session.simulation.end();
    result
}

/// Cancels the running simulation; false when none runs.
#[tauri::command]
pub fn cancel_simulation(session: tauri::State<'_, Session>) -> bool {
    session.simulation.cancel()
}

/// What a risk can delay downstream, for the map.
#[tauri::command]
pub async fn exposure(session: tauri::State<'_, Session>, risk: String) -> Result<RiskReach, ApiError> {
    session.run(move |e| e.exposure(&risk)).await
}

/// Brief (PDF) on the paper and as of the date the user chose (today when none): the user
/// names the file in the native dialog; the brief of the open plan, with its kept
/// simulation, is written there. None if the user cancelled.
#[tauri::command]
pub async fn brief<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    paper: Paper,
    date: Option<chrono::NaiveDate>,
) -> Result<Option<Written>, ApiError> {
    let name = session.run(|e| Ok(e.plan().name.clone())).await?;
    let Some(path) = pick(&app, Dialog::Brief { plan: &name }).await? else { return Ok(None) };
    session.run(move |e| e.brief(&path, date.unwrap_or_else(today), paper)).await.map(Some)
}

/// The Capacity tab: load per team and week, and the Timeline (with the proposed leveling's
/// bars while one is pending).
#[tauri::command]
pub async fn capacity(session: tauri::State<'_, Session>) -> Result<CapacityView, ApiError> {
    let proposal = session.proposal();
    session.run(move |e| e.capacity(proposal.as_ref())).await
}

/// Levels the plan as it is now (a snapshot: the window stays usable), sending progress on
/// `on_progress`; nothing is saved: the proposal is kept for `accept_level` and shown in the
/// returned view. One leveling at a time; `cancel_level` ends it with the code `cancelled`.
/// `iterations` fixes the work (the result then depends only on it); else 2 s.
#[tauri::command]
pub async fn level(
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
pub fn cancel_level(session: tauri::State<'_, Session>) -> bool {
    session.leveling.cancel()
}

/// Saves the pending proposal (leveling delays and the plan's leveling basis) as one edit,
/// one undo step; refused when none is pending or the plan changed since.
#[tauri::command]
pub async fn accept_level(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Update, ApiError> {
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
pub fn discard_level(session: tauri::State<'_, Session>) -> bool {
    session.proposal.lock().ok().and_then(|mut p| p.take()).is_some()
}

/// Clears an accepted leveling (every delay back to 0), one undo step.
#[tauri::command]
pub async fn clear_level(session: tauri::State<'_, Session>, arrangement: Arrangement) -> Result<Update, ApiError> {
    session.set_proposal(None);
    session.run(move |e| e.clear_leveling(arrangement)).await
}

/// Import into the open plan: the user picks MS Project XML or JSON (`folder` false) or a
/// folder of CSV files; new ids are added and what differs updated, as one undo step.
#[tauri::command]
pub async fn import_plan<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    folder: bool,
    arrangement: Arrangement,
) -> Result<Option<Imported>, ApiError> {
    let Some(path) = pick(&app, Dialog::Import { folder }).await? else { return Ok(None) };
    session.run(move |e| e.import_from(&path, arrangement)).await.map(Some)
}

/// Export of the open plan as MS Project XML, JSON or a folder of CSV files (the user names
/// the file or the new folder in the save dialog).
#[tauri::command]
pub async fn export_plan<R: Runtime>(
    app: tauri::AppHandle<R>,
    session: tauri::State<'_, Session>,
    format: Format,
) -> Result<Option<Exported>, ApiError> {
    let name = session.run(|e| Ok(e.plan().name.clone())).await?;
    let Some(path) = pick(&app, Dialog::Export { format, plan: &name }).await? else { return Ok(None) };
    session.run(move |e| e.export_to(&path, format)).await.map(Some)
}
