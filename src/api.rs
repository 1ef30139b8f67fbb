//! The one door: every user-level operation on a plan, for every front end. The `bridger`
//! CLI is argument parsing and printing over these functions; the desktop shell's commands
//! are one call each. A feature is written here once, never in a front end.
//!
//! Plain data shaped for a client, and errors as `{code, message}` that a UI can branch
//! on. Rooms: `files` (formats, read, create, import, export, undo and redo of a file),
//! `edit` (edits as text, for scripts), `analysis` (simulate: run, keep, read the kept
//! run), `level` (level, accept, clear; what to stop), `capacity` (the load grid and the
//! timeline), `brief`, `job` (long jobs with progress and cancel), `delta` (an edit's
//! answer to the window), and here: opening a plan for the window (`Editing`), checking,
//! scheduling and laying out.

use std::path::Path;

pub mod analysis;
pub mod assessment;
pub mod baseline;
pub mod brief;
pub mod capacity;
mod delta;
pub mod demo;
pub mod drafts;
pub mod edit;
pub mod exchange;
pub mod files;
pub mod first;
pub mod fold;
pub mod job;
pub mod level;
pub mod priorities;
pub mod review;
pub mod rollout;
pub mod since;
pub mod sites;
pub mod stop;
pub use delta::{diff, keyed, list, merge, merge_keyed, KeyedDelta, LayoutDelta, ListDelta, ScheduleDelta, ViewDelta};

// The core's types a front end names, re-exported so that front ends name only `api` and
// `model`.
pub use crate::brief::Paper;
pub use crate::edit::{Direction, Edit, EditSummary};
pub use crate::health::{Counts, Finding, Report, Severity};
pub use crate::io::output::Overwrite;
pub use crate::layout::{Arrangement, Config as LayoutConfig, Fold, FoldChange, Group, GroupCard, GroupKind, Layout, Size};
pub use crate::schedule::level::Config as LevelConfig;
pub use crate::schedule::{Finish, Schedule, Simulation, SimulationResults};
pub use job::Job;

use serde::Serialize;
use ts_rs::TS;

use crate::health;
use crate::layout::{Arrange, Lane};
use crate::model::{Plan, Team};
use crate::risk::{HeatCell, RiskScore};
use crate::schedule::{schedule, ScheduleError};
use crate::store::{PlanFile, StoreError};

/// What a client branches on. The message is for people; the code is for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    AlreadyExists,
    NotAPlan,
    NewerVersion,
    Invalid,
    InUse,
    Cycle,
    /// Another program is saving the plan: try again.
    Busy,
    Storage,
    /// A long run (a simulation) was cancelled by the user.
    Cancelled,
    /// No plan is open yet (the app's first start): the window shows its start page.
    NoPlan,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    /// One line for people, naming the thing.
    pub message: String,
    /// What the message sums up, one item per line (every bad row of a CSV folder), when
    /// there is more to say than one line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub details: Vec<String>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// An error that is ours, not the user's (a lock poisoned by an earlier failure).
pub(crate) fn internal(message: &str) -> ApiError {
    ApiError { code: ErrorCode::Internal, message: message.to_string(), details: Vec::new() }
}

impl From<crate::io::output::OutputError> for ApiError {
    fn from(e: crate::io::output::OutputError) -> ApiError {
        use crate::io::output::OutputError;
        let code = match &e {
            OutputError::Exists { .. } => ErrorCode::AlreadyExists,
            OutputError::Io { .. } => ErrorCode::Storage,
            _ => ErrorCode::Invalid,
        };
        ApiError { code, message: e.to_string(), details: Vec::new() }
    }
}

/// Refuses a plan no analysis can give a meaningful answer on (a cycle, a dangling id, a
/// negative duration), naming every error.
pub fn require_valid(plan: &Plan) -> Result<(), ApiError> {
    let errors = crate::model::validate(plan);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors).into())
    }
}

/// Validation errors, cycles and findings of a plan: what `bridger check` prints.
pub fn check(plan: &Plan) -> Report {
    health::check(plan)
}

/// A valid plan's schedule (what `bridger schedule --json` prints).
pub fn valid_schedule(plan: &Plan) -> Result<Schedule, ApiError> {
    require_valid(plan)?;
    Ok(schedule(plan)?)
}

/// What `bridger schedule` prints of a plan and its schedule (`report::schedule_text`): on
/// a large plan its findings are counted on another core while the table is written.
pub fn schedule_text(plan: &Plan, s: &Schedule) -> String {
    if plan.initiatives.len() < 1_000 {
        return crate::report::schedule_text(plan, s, &health::counts(plan, Some(s)));
    }
    std::thread::scope(|scope| {
        let counts = scope.spawn(|| health::counts(plan, Some(s)));
        let mut text = crate::report::schedule_table(plan, s);
        let counts = counts.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        crate::report::push_schedule_counts(&mut text, &counts);
        text
    })
}

/// The map of a plan laid out by `config`, from scratch (what `bridger layout` prints).
pub fn layout(plan: &Plan, config: &crate::layout::Config) -> Layout {
    crate::layout::layout(plan, config, None)
}

/// The map drawn as a plain SVG picture (the pictures in docs/).
pub fn layout_svg(plan: &Plan, layout: &Layout) -> String {
    crate::layout::svg::draw(plan, layout)
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError { code: store_code(&e), message: e.to_string(), details: Vec::new() }
    }
}

/// What a client branches on for a store error (a refused batch: what refused it).
fn store_code(e: &StoreError) -> ErrorCode {
    {
        match e {
            StoreError::InBatch { source, .. } => store_code(source),
            StoreError::NotFound { .. } | StoreError::Missing { .. } => ErrorCode::NotFound,
            StoreError::Exists { .. } | StoreError::Taken { .. } => ErrorCode::AlreadyExists,
            StoreError::Newer { .. } => ErrorCode::NewerVersion,
            StoreError::Invalid(errors) | StoreError::Refused(errors) => {
                if errors.iter().any(|e| matches!(e, crate::model::ValidationError::Cycle { .. })) {
                    ErrorCode::Cycle
                } else {
                    ErrorCode::Invalid
                }
            }
            StoreError::InUse { .. } => ErrorCode::InUse,
            StoreError::Rollout(r) => {
                use crate::rollout::RolloutError as R;
                match r {
                    R::NoTemplate(_) | R::NoSite(_) | R::NotInstance(_) | R::NoOverride { .. } => ErrorCode::NotFound,
                    R::AlreadyApplied { .. } | R::Clash { .. } => ErrorCode::AlreadyExists,
                    R::SiteInUse { .. } | R::TemplateInUse { .. } | R::Begun { .. } => ErrorCode::InUse,
                    R::NoAnchor { .. } | R::NoWave { .. } | R::Value { .. } => ErrorCode::Invalid,
                }
            }
            StoreError::BadPatch { .. } => ErrorCode::Invalid,
            StoreError::Foreign { .. } | StoreError::Incomplete { .. } | StoreError::IsFolder { .. } => ErrorCode::NotAPlan,
            StoreError::Busy { .. } => ErrorCode::Busy,
            StoreError::NoFolder { .. }
            | StoreError::Open { .. }
            | StoreError::ReadOnly { .. }
            | StoreError::DiskFull { .. }
            | StoreError::Io { .. }
            | StoreError::Damaged { .. }
            | StoreError::BadRow { .. }
            | StoreError::Sql(_) => ErrorCode::Storage,
        }
    }
}

impl From<ScheduleError> for ApiError {
    fn from(e: ScheduleError) -> ApiError {
        let code = match &e {
            ScheduleError::Graph(crate::graph::GraphError::Cycle(_)) => ErrorCode::Cycle,
            _ => ErrorCode::Invalid,
        };
        ApiError { code, message: e.to_string(), details: Vec::new() }
    }
}

/// Everything the main view shows of a plan: its schedule (or why there is none) and its
/// errors and findings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Overview {
    pub path: String,
    pub name: String,
    pub teams: Vec<Team>,
    pub schedule: Option<Schedule>,
    /// Why there is no schedule, when there is none.
    pub schedule_error: Option<ApiError>,
    pub report: Report,
}

/// The overview of an open plan file.
pub fn overview(file: &PlanFile) -> Overview {
    overview_of(file.plan(), &file.path().display().to_string())
}

/// The overview of a plan from anywhere (`path` is only shown).
pub fn overview_of(plan: &Plan, path: &str) -> Overview {
    // One schedule serves both the table and the findings that need dates.
    let errors = health::errors(plan);
    let (schedule, schedule_error) = match schedule(plan) {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(ApiError::from(e))),
    };
    let dated = if errors.is_empty() { schedule.as_ref() } else { None };
    let report = health::report(plan, errors, dated);
    Overview { path: path.to_string(), name: plan.name.clone(), teams: plan.teams.clone(), schedule, schedule_error, report }
}

/// Opens the plan at `path`, creating it from `seed` first if there is no file yet (the
/// app's first start creates the demo plan this way).
pub fn open_or_create(path: &Path, seed: impl FnOnce() -> Plan) -> Result<PlanFile, ApiError> {
    if path.exists() {
        Ok(PlanFile::open(path)?)
    } else {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ApiError {
                code: ErrorCode::Storage,
                message: format!("{}: {e}", dir.display()),
                details: Vec::new(),
            })?;
        }
        Ok(PlanFile::create(path, &seed())?)
    }
}

/// Everything the editor window draws of an open plan: the whole plan (its inspectors show
/// every field), its schedule (or why there is none), errors and findings, the layout of
/// one arrangement, the risk scores and heat map, and what undo and redo would do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanView {
    /// Which view of the open plan this is: an edit's `ViewDelta` names the revision it
    /// applies to and the one it gives.
    pub revision: u64,
    pub path: String,
    /// The window's title (`window_title`).
    pub title: String,
    pub plan: Plan,
    pub schedule: Option<Schedule>,
    /// Why there is no schedule, when there is none.
    pub schedule_error: Option<ApiError>,
    /// The handoffs the map draws as the critical path (`schedule::critical_handoffs`).
    pub critical_handoffs: Vec<String>,
    pub report: Report,
    pub layout: Layout,
    /// Seams only: each team's horizontal band of the drawing.
    pub lanes: Vec<Lane>,
    /// What each card of a collapsed wave or site says (`layout.groups`), in its order.
    pub groups: Vec<fold::GroupSummary>,
    /// Each route of several handoffs (to or from a group card): its count, whether it is
    /// critical, how many of its handoffs are open.
    pub group_links: Vec<fold::LinkSummary>,
    /// Every risk's score and heat-map cell, in the plan's order.
    pub risk_scores: Vec<RiskScore>,
    /// The 5 x 5 heat map, highest probability first.
    pub heat: Vec<HeatCell>,
    /// What undo would take back now (None: nothing).
    pub undo: Option<EditSummary>,
    /// What redo would do now (None: nothing).
    pub redo: Option<EditSummary>,
    /// A first view of a folded plan (`first::first`): its lists hold only what the folded
    /// map draws, and these are the whole plan's counts; None in a whole view.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partial: Option<first::WholeCounts>,
}

/// The view of an open plan laid out by `config` (its arrangement, and what may move).
/// `previous` (the last layout the window drew in that arrangement) keeps cards where they
/// were, so an edit moves few of them.
pub fn view(file: &mut PlanFile, config: &crate::layout::Config, previous: Option<&Layout>) -> Result<PlanView, ApiError> {
    let layout = crate::layout::layout(file.plan(), config, previous);
    view_with(file, layout)
}

/// The view of an open plan with its layout already computed.
fn view_with(file: &mut PlanFile, layout: Layout) -> Result<PlanView, ApiError> {
    let undo = file.editor().next_step(Direction::Undo)?;
    let redo = file.editor().next_step(Direction::Redo)?;
    // The baseline of record's dates: the variance of every row, its Timeline bars and the
    // starts it had that are missed (read on the open file's own connection).
    let record = file.baseline_of_record()?;
    let plan = file.plan();
    let mut overview = overview_of(plan, &file.path().display().to_string());
    if let Some(base) = &record {
        if let Some(s) = overview.schedule.as_mut() {
            crate::drift::against_record(plan, s, &base.schedule)?;
        }
        overview.report.findings.extend(crate::drift::missed_starts(plan, base));
        overview.report.findings.extend(sites::slipped_against(plan, base)?);
    }
    let critical_handoffs = overview.schedule.as_ref().map(crate::schedule::critical_handoffs).unwrap_or_default();
    let (groups, group_links) = if layout.groups.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let finishes = record.as_ref().map(|b| crate::sites::finishes(b.schedule.initiatives.iter().map(|d| (d.id.as_str(), d.finish))));
        let schedule = if overview.report.errors.is_empty() { overview.schedule.as_ref() } else { None };
        fold::summaries(plan, &layout, schedule, &overview.report.findings, &critical_handoffs, finishes.as_ref())
    };
    Ok(PlanView {
        revision: 0,
        title: window_title(file.path(), &plan.name),
        path: overview.path,
        plan: plan.clone(),
        critical_handoffs,
        schedule: overview.schedule,
        schedule_error: overview.schedule_error,
        report: overview.report,
        lanes: layout.lanes(),
        groups,
        group_links,
        layout,
        risk_scores: crate::risk::scores(plan),
        heat: crate::risk::heat_map(plan),
        undo,
        redo,
        partial: None,
    })
}

/// The title of the window showing the plan at `path`: the file, then the plan, then the
/// app ("keys.bridger - POS rollout - Bridger"), as desktop apps name a document's window.
pub fn window_title(path: &Path, name: &str) -> String {
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    [file.as_str(), name.trim(), "Bridger"].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" - ")
}

/// Where the user dropped a card, in the drawing's units (its top-left corner).
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize, TS)]
pub struct Placement {
    pub id: String,
    pub x: f64,
    pub y: f64,
}

/// The plan after an edit: the whole view, or what changed in the view the window holds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Update {
    Full { view: Box<PlanView> },
    Delta { delta: Box<ViewDelta> },
}

/// What another program changed in the open plan since the window last asked (polled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub struct Changed {
    /// A committed edit, batch, undo or redo: the window draws the plan again and says so.
    pub plan: bool,
    /// Something that is no edit (a kept simulation): the Analysis tab reads it again,
    /// quietly, since the plan is as it was.
    pub analysis: bool,
    /// Another baseline of record (kept first, marked, or the one of record deleted; no
    /// edit): the window asks for the view again, quietly, its variance measured anew.
    pub baselines: bool,
}

/// What undo or redo did, and the plan after it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Step {
    /// What was taken back or done again; None when there was nothing to do.
    pub summary: Option<EditSummary>,
    pub update: Update,
}

/// An open plan as the editor window holds it: the file, the last layout drawn in each
/// arrangement (so that after an edit most cards stay where the user saw them), and the
/// view the window holds (so that an edit sends only what changed in it).
pub struct Editing {
    file: PlanFile,
    last: [Option<Layout>; 2],
    /// The layouts drawn lately in each arrangement, by the fingerprint of what they were
    /// drawn from (`model::layout_fingerprint`), newest last: a plan that reads as one of
    /// them again (undo, redo) is drawn exactly as it was then, the card back where it was.
    history: [Vec<(String, Layout)>; 2],
    /// The fingerprint of the layout last kept in the file, per arrangement.
    kept: [Option<String>; 2],
    changed_outside: bool,
    /// Another program kept a simulation (no edit): the Analysis tab reads it again, and
    /// the window says nothing about the plan changing, since it did not.
    kept_outside: bool,
    /// Another program changed the baseline of record: the view's variance is stale.
    record_outside: bool,
    /// The baseline of record the last view was measured against (name, when kept); None
    /// before the first view.
    record: Option<Option<(String, String)>>,
    /// Which waves and sites the map draws as one card (view state, kept while the plan is
    /// open; None until the first layout, which takes the core's default).
    fold: Option<crate::layout::Fold>,
    /// The view last sent to the window, whole or as a delta.
    shown: Option<PlanView>,
    /// A view computed before the window asked for it (`prepare`), while nothing changed.
    prepared: Option<PlanView>,
    revision: u64,
}

impl Editing {
    /// `source` names the program in the journal (undo elsewhere says whose edit it was).
    pub fn new(mut file: PlanFile, source: &str) -> Editing {
        file.set_source(source);
        Editing {
            file,
            last: [None, None],
            history: [Vec::new(), Vec::new()],
            kept: [None, None],
            changed_outside: false,
            kept_outside: false,
            record_outside: false,
            record: None,
            fold: None,
            shown: None,
            prepared: None,
            revision: 0,
        }
    }

    pub fn file(&self) -> &PlanFile {
        &self.file
    }

    /// Opens the plan file at `path` for the window.
    pub fn open(path: &Path, source: &str) -> Result<Editing, ApiError> {
        Ok(Editing::new(PlanFile::open(path)?, source))
    }

    /// Creates a new plan file at `path` holding `plan` and opens it for the window.
    pub fn create(path: &Path, plan: &Plan, source: &str) -> Result<Editing, ApiError> {
        Ok(Editing::new(PlanFile::create(path, plan)?, source))
    }

    /// Creates a new plan file at `path` from a plan read in another format, with the
    /// baselines it carries, and opens it.
    pub fn create_from(path: &Path, foreign: &files::Foreign, source: &str) -> Result<Editing, ApiError> {
        let editing = Editing::create(path, &foreign.plan, source)?;
        files::restore_baselines(path, &foreign.baselines)?;
        Ok(editing)
    }

    /// Opens the plan at `path`, creating it from the demo plan first if there is no file
    /// yet (the app's first start).
    pub fn open_or_create_demo(path: &Path, source: &str) -> Result<Editing, ApiError> {
        open_or_create(path, crate::demo::plan).map(|f| Editing::new(f, source))
    }

    /// What the main view shows of the open plan.
    pub fn overview(&self) -> Overview {
        overview(&self.file)
    }

    /// The open plan as it is now.
    pub fn plan(&self) -> &Plan {
        self.file.plan()
    }

    /// Save As: a copy of the open plan (with its undo journal) in a new file.
    pub fn save_copy(&self, path: &Path) -> Result<(), ApiError> {
        Ok(self.file.save_copy(path)?)
    }

    /// Reads the plan again if another program changed the file; cheap when none did.
    /// Only another program's committed edit counts as a change of the plan: a read (`bridger
    /// schedule`) commits nothing, and a kept simulation (`bridger simulate`) is no edit.
    pub fn refresh(&mut self) -> Result<(), ApiError> {
        match self.file.refresh()? {
            crate::store::Outside::Edited => {
                self.changed_outside = true;
                self.prepared = None;
            }
            // No edit: a kept simulation, or a baseline (the view follows only a new
            // baseline of record).
            crate::store::Outside::Other => match &self.record {
                Some(seen) if *seen != self.record_key()? => {
                    self.record_outside = true;
                    self.prepared = None;
                }
                _ => self.kept_outside = true,
            },
            crate::store::Outside::Nothing => {}
        }
        Ok(())
    }

    /// What another program changed since the window last asked: each is said once.
    pub fn changed(&mut self) -> Changed {
        Changed {
            plan: std::mem::take(&mut self.changed_outside),
            analysis: std::mem::take(&mut self.kept_outside),
            baselines: std::mem::take(&mut self.record_outside),
        }
    }

    /// Which baseline is of record in the file now (its name and when it was kept).
    fn record_key(&self) -> Result<Option<(String, String)>, ApiError> {
        Ok(self.file.baselines()?.into_iter().find(|b| b.of_record).map(|b| (b.name, b.created)))
    }

    /// Computes the view of `arrangement` before the window asks for it: the shell does this
    /// while the web view starts, so that the first view (a full layout of a large plan
    /// takes a few hundred milliseconds) is ready when the page asks. Any change drops it.
    pub fn prepare(&mut self, arrangement: Arrangement) -> Result<(), ApiError> {
        self.prepared = Some(self.laid_out(crate::layout::Config { arrangement, ..Default::default() })?);
        Ok(())
    }

    /// The whole plan to draw in `arrangement` (the window holds it from now on).
    pub fn view(&mut self, arrangement: Arrangement) -> Result<PlanView, ApiError> {
        let v = self.whole(arrangement)?;
        self.shown = Some(v.clone());
        Ok(v)
    }

    /// The whole view of `arrangement`: the one prepared, else laid out now.
    fn whole(&mut self, arrangement: Arrangement) -> Result<PlanView, ApiError> {
        match self.prepared.take().filter(|v| v.layout.arrangement == arrangement) {
            Some(v) => Ok(v),
            None => self.laid_out(crate::layout::Config { arrangement, ..Default::default() }),
        }
    }

    /// The view the window draws first: of a folded plan, only what the folded map draws
    /// (`first::first`), the whole view kept ready for the `view` the window asks for next;
    /// else the whole view.
    pub fn first_view(&mut self, arrangement: Arrangement) -> Result<PlanView, ApiError> {
        let whole = self.whole(arrangement)?;
        let Some(first) = first::first(&whole) else {
            self.shown = Some(whole.clone());
            return Ok(whole);
        };
        self.shown = Some(first.clone());
        self.prepared = Some(whole);
        Ok(first)
    }

    /// The plan laid out by `config`, from the last layout drawn in its arrangement; that
    /// layout is kept for the next call, in the history and in the file.
    fn laid_out(&mut self, mut config: crate::layout::Config) -> Result<PlanView, ApiError> {
        self.changed_outside = false;
        let k = config.arrangement as usize;
        self.start_from_kept(config.arrangement);
        config.fold = self.fold.get_or_insert_with(|| fold::default_fold(self.file.plan())).clone();
        // A layout is found again by what it was drawn from: the plan and the fold.
        let mut fingerprint = crate::model::layout_fingerprint(self.file.plan());
        if !config.fold.is_empty() {
            fingerprint.push('-');
            fingerprint.push_str(&crate::model::fold_fingerprint(self.file.plan(), &config.fold.waves, &config.fold.sites));
        }
        // A plan that reads as one drawn lately (an edit of a duration, a name or a risk;
        // an undo or a redo) is drawn as it was then; Arrange always lays out again.
        let known = match config.arrange {
            Arrange::Keep => self.history[k].iter().rev().find(|(f, _)| *f == fingerprint).map(|(_, l)| l.clone()),
            _ => None,
        };
        let fresh = known.is_none();
        let layout = match known {
            Some(l) => l,
            None => crate::layout::layout(self.file.plan(), &config, self.last[k].as_ref()),
        };
        self.remember(k, &fingerprint, &layout);
        if fresh || self.kept[k].as_deref() != Some(fingerprint.as_str()) {
            // The map the plan reopens with. A cache: a file that cannot take it (read-only,
            // busy) still shows the map; the next reopen lays it out from what it has.
            if self.file.editor().save_map(&fingerprint, &layout).is_ok() {
                self.kept[k] = Some(fingerprint);
            }
        }
        self.record_outside = false;
        self.record = Some(self.record_key()?);
        let mut v = view_with(&mut self.file, layout)?;
        self.last[k] = Some(v.layout.clone());
        self.revision += 1;
        v.revision = self.revision;
        Ok(v)
    }

    /// Before the first layout of `arrangement` since the plan was opened: the map kept in
    /// the file when it was last drawn, so that the plan reopens as it was closed (and an
    /// edit made meanwhile by another program moves few cards from there).
    fn start_from_kept(&mut self, arrangement: Arrangement) {
        let k = arrangement as usize;
        if self.last[k].is_some() {
            return;
        }
        if let Ok(Some((fingerprint, layout))) = self.file.editor().last_map(arrangement) {
            self.kept[k] = Some(fingerprint.clone());
            self.remember(k, &fingerprint, &layout);
            self.last[k] = Some(layout);
        }
    }

    /// Notes `layout` as the drawing of a plan of `fingerprint` (the newest of the history).
    fn remember(&mut self, k: usize, fingerprint: &str, layout: &Layout) {
        /// Enough for the undo steps a person takes back in a row; layouts of large plans
        /// are megabytes.
        const DEPTH: usize = 24;
        let history = &mut self.history[k];
        history.retain(|(f, _)| f != fingerprint);
        history.push((fingerprint.to_string(), layout.clone()));
        if history.len() > DEPTH {
            history.remove(0);
        }
    }

    /// The plan after an edit, laid out by `config`: what changed in the view the window
    /// holds, or the whole view when it holds none of this arrangement.
    fn update(&mut self, config: crate::layout::Config) -> Result<Update, ApiError> {
        self.prepared = None;
        let mut new = self.laid_out(config)?;
        let update = match self.shown.take() {
            // The window holds only what the folded map draws (`first_view`): it gets that
            // part of the new view, while the map is folded; then the whole view.
            Some(mut old) if old.partial.is_some() => match first::first(&new) {
                Some(mut part) => {
                    let update = if old.layout.arrangement == part.layout.arrangement {
                        Update::Delta { delta: Box::new(diff(&mut old, &mut part)) }
                    } else {
                        Update::Full { view: Box::new(part.clone()) }
                    };
                    self.shown = Some(part);
                    return Ok(update);
                }
                None => Update::Full { view: Box::new(new.clone()) },
            },
            Some(mut old) if old.layout.arrangement == new.layout.arrangement => {
                Update::Delta { delta: Box::new(diff(&mut old, &mut new)) }
            }
            _ => Update::Full { view: Box::new(new.clone()) },
        };
        self.shown = Some(new);
        Ok(update)
    }

    /// Applies edits as one transaction and one undo step, then returns the plan to draw.
    pub fn apply(&mut self, edits: Vec<Edit>, arrangement: Arrangement) -> Result<Update, ApiError> {
        self.file.apply_batch(edits)?;
        self.update(crate::layout::Config { arrangement, ..Default::default() })
    }

    /// Applies an import's edits as one undo step (see `store::Editor::apply_imported`).
    pub fn apply_imported(&mut self, edits: Vec<Edit>, arrangement: Arrangement) -> Result<Update, ApiError> {
        self.file.apply_imported(edits)?;
        self.update(crate::layout::Config { arrangement, ..Default::default() })
    }

    /// Moves cards by hand (one undo step): `moves` are (id, x, y) in the drawing of
    /// `arrangement`. A position belongs to Flow; in Seams a card moves along its lane, so
    /// only its x is taken and its Flow y is kept (the lane decides where Seams draws it).
    pub fn place(&mut self, moves: Vec<Placement>, arrangement: Arrangement) -> Result<Update, ApiError> {
        let flow_y = |e: &mut Editing, id: &str| -> f64 {
            if let Some(p) = e.file.plan().initiative(id).and_then(|i| i.position) {
                return p.y;
            }
            e.start_from_kept(Arrangement::Flow);
            if e.last[Arrangement::Flow as usize].is_none() {
                let config = crate::layout::Config::default();
                e.last[Arrangement::Flow as usize] = Some(crate::layout::layout(e.file.plan(), &config, None));
            }
            e.last[Arrangement::Flow as usize].as_ref().and_then(|l| l.cards.iter().find(|c| c.id == id)).map_or(0.0, |c| c.y)
        };
        let mut edits = Vec::with_capacity(moves.len());
        for m in moves {
            let y = if arrangement == Arrangement::Seams { flow_y(self, &m.id) } else { m.y };
            edits.push(Edit::set_position(&m.id, Some(crate::model::Position { x: m.x, y })));
        }
        self.apply(edits, arrangement)
    }

    /// Arranges again: every card (`ids` None) or only the cards of `ids`. The hand-placed
    /// positions of those cards are cleared (one undo step, so Undo brings them back) and
    /// they are laid out afresh; every other card stays where it is.
    pub fn arrange(&mut self, ids: Option<Vec<String>>, arrangement: Arrangement) -> Result<Update, ApiError> {
        let placed: Vec<String> = self
            .file
            .plan()
            .initiatives
            .iter()
            .filter(|i| i.position.is_some() && ids.as_ref().is_none_or(|ids| ids.contains(&i.id)))
            .map(|i| i.id.clone())
            .collect();
        let clear: Vec<Edit> = placed.iter().map(|id| Edit::set_position(id, None)).collect();
        self.file.apply_batch(clear)?;
        let arrange = match ids {
            None => Arrange::All,
            Some(ids) => Arrange::Selection(ids),
        };
        self.update(crate::layout::Config { arrangement, arrange, ..Default::default() })
    }

    /// Collapses or expands waves and sites on the map (view state: no edit, nothing to
    /// undo; kept while the plan is open). The plan laid out again with the new fold.
    pub fn fold(&mut self, change: &FoldChange, arrangement: Arrangement) -> Result<Update, ApiError> {
        let now = self.fold.get_or_insert_with(|| fold::default_fold(self.file.plan()));
        self.fold = Some(now.changed(self.file.plan(), change));
        self.update(crate::layout::Config { arrangement, ..Default::default() })
    }

    /// The fold the map is drawn with now (the core's default until the first layout).
    pub fn current_fold(&self) -> crate::layout::Fold {
        self.fold.clone().unwrap_or_else(|| fold::default_fold(self.file.plan()))
    }

    /// Undoes or redoes the last edit in the file (whoever made it).
    pub fn step(&mut self, dir: Direction, arrangement: Arrangement) -> Result<Step, ApiError> {
        let summary = match dir {
            Direction::Undo => self.file.undo()?,
            Direction::Redo => self.file.redo()?,
        };
        Ok(Step { summary, update: self.update(crate::layout::Config { arrangement, ..Default::default() })? })
    }
}
