//! The bodies of Bridger's fuzz targets, one function per target.
//!
//! This file is compiled twice: by the cargo-fuzz crate (`fuzz/fuzz_targets/*.rs` include it
//! with `#[path]`), which feeds it what libFuzzer generates, and by the regression test
//! `tests/fuzz_corpus.rs`, which feeds it every file of `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` on every `make test`, without cargo-fuzz or nightly. So a
//! crash found once stays fixed. It only uses the library's public API, and panics (the
//! fuzzer's signal) exactly where an invariant a user relies on is broken:
//!
//! - `json`: the importer returns a plan or an error; an imported plan exports and
//!   imports back to itself; `check` and its text report run on it without panicking and
//!   hold no control character; and on a plan `check` accepts, every analysis runs and
//!   gives a sensible answer (`every_analysis`: schedule, simulation plain and within
//!   capacity, layout in both arrangements, leveling, capacity, MSPDI and CSV exports that
//!   read back to the same plan, the PDF brief, an import into a plan file).
//! - `psplib`: the same for PSPLIB `.sm` text.
//! - `mspdi`: MS Project XML: a plan and findings, or an error; the findings print without
//!   control characters; then as `json`.
//! - `xer`: Primavera P6 XER (or P6's XML when the input starts with `<`): a plan and findings, or an error naming the table, line and
//!   field; the findings print without control characters; a valid plan's XER export reads
//!   back with the same initiatives and handoffs; then as `json`.
//! - `csv`: a CSV folder (the first byte picks which file the rest is, beside a fixed
//!   `plan.csv`): a plan or the list of bad rows; then as `json`.
//! - `edits`: bytes decode to a small plan and a sequence of edits (single, batches, undo,
//!   redo) applied through `bridger::store::PlanFile` on a real file; after each step the
//!   plan in memory equals a fresh open of the file, it is valid, and a refused edit
//!   changed nothing; every analysis runs on the plan the edits made.

#![allow(dead_code)]

use bridger::model::{Calendar, Effort, Estimate, Handoff, Initiative, Kind, Plan, Position, Risk, RiskStatus, Site, Status, Team, Wave};
use bridger::store::{Edit, PlanFile};
use chrono::{NaiveDate, Weekday};

/// The names of the targets, as in `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/`.
pub const TARGETS: [&str; 6] = ["json", "psplib", "edits", "mspdi", "csv", "xer"];

/// Runs the target called `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "json" => json(data),
        "psplib" => psplib(data),
        "edits" => edits(data),
        "mspdi" => mspdi(data),
        "csv" => csv(data),
        "xer" => xer(data),
        other => panic!("no fuzz target named {other}"),
    }
}

pub fn json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(plan) = bridger::io::json::from_str(text, "fuzz.json") else { return };
    let exported = bridger::io::json::to_string(&plan);
    match bridger::io::json::from_str(&exported, "exported.json") {
        Ok(again) => assert!(again == plan, "export then import changed the plan:\n{exported}"),
        Err(e) => panic!("an exported plan does not import: {e}\n{exported}"),
    }
    analyse(&plan);
}

pub fn psplib(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
    let Ok(instance) = bridger::io::psplib::parse(text, "fuzz.sm", start) else { return };
    analyse(&instance.plan);
}

pub fn mspdi(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(imported) = bridger::io::mspdi::from_str(text, "fuzz.xml") else { return };
    for f in &imported.findings {
        no_control_characters(&bridger::report::escape(&f.to_string()));
    }
    // A valid plan's MSPDI export reading back to itself is `every_analysis`'s.
    analyse(&imported.plan);
}

pub fn xer(data: &[u8]) {
    // Text starting with `<` is P6's XML (PMXML), read into the same tables.
    let imported = match data.first() {
        Some(b'<') => std::str::from_utf8(data).ok().and_then(|t| bridger::io::p6::pmxml_from_str(t, "fuzz.xml", None).ok()),
        _ => bridger::io::p6::from_bytes(data, "fuzz.xer", None).ok(),
    };
    let Some(imported) = imported else { return };
    for f in &imported.findings {
        no_control_characters(&bridger::report::escape(&f.to_string()));
    }
    let plan = &imported.plan;
    if bridger::health::errors(plan).is_empty() {
        let text = bridger::io::p6::to_string(plan).text;
        match bridger::io::p6::from_str(&text, "exported.xer", None) {
            Ok(back) => {
                let ids = |p: &Plan| p.initiatives.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
                assert_eq!(ids(&back.plan), ids(plan), "XER export then import changed the initiatives:\n{text}");
                assert_eq!(back.plan.handoffs.len(), plan.handoffs.len(), "XER export then import changed the handoffs:\n{text}");
            }
            Err(e) => panic!("an exported plan does not import: {e}\n{text}"),
        }
    }
    analyse(plan);
}

pub fn csv(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let files = bridger::io::csv::FILES;
    let name = files[usize::from(which) % files.len()];
    let plan_csv: &[u8] = b"name,start\nFuzz,2027-01-04\n";
    let mut input: Vec<(&'static str, Option<&[u8]>)> = vec![("plan.csv", Some(plan_csv))];
    if name == "plan.csv" {
        input[0].1 = Some(rest);
    } else {
        input.push((name, Some(rest)));
    }
    let Ok(plan) = bridger::io::csv::from_files(&input) else { return };
    // A valid plan's CSV export reading back to itself is `every_analysis`'s.
    analyse(&plan);
}

/// What the CLI and the window do with an imported plan, which must never panic: `check`,
/// and on a plan it accepts every analysis (`every_analysis`).
fn analyse(plan: &Plan) {
    let report = bridger::health::check(plan);
    no_control_characters(&bridger::report::check_text("fuzz", &report));
    if report.errors.is_empty() {
        every_analysis(plan, Scope::ALL);
    }
}

/// How much of `every_analysis` runs. The fuzzer runs all of it on every plan. The property
/// test (a debug build, hundreds of cases) writes files (the brief's PDF, plan files for
/// the imports: most of a case's time) on some cases only, and runs the analyses whose cost
/// grows with the plan's span in days (the simulation within capacity, leveling, the
/// capacity grid) only on plans that do not span centuries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The brief and the imports into plan files.
    pub files: bool,
    /// The simulation within capacity, leveling and the capacity grid.
    pub span: bool,
}

impl Scope {
    pub const ALL: Scope = Scope { files: true, span: true };
}

/// Whatever `check` accepts, every analysis accepts (issue 11, defect 8; issue 22, item 12):
/// on a plan without validation errors or cycles, each operation a user can run from the
/// CLI or the window (through `bridger::api`, their one door) gives an answer, and a
/// sensible one; none panics, and none refuses the plan but for a limit it names. Small
/// budgets (a few iterations) keep it fast enough for every fuzz input and proptest case.
/// `tests/limits_props.rs` calls it too.
pub fn every_analysis(plan: &Plan, scope: Scope) {
    let schedule = match bridger::api::valid_schedule(plan) {
        Ok(s) => s,
        Err(e) => panic!("check accepts the plan but schedule refuses it: {e}"),
    };
    let _ = bridger::health::findings(plan, Some(&schedule));
    no_control_characters(&bridger::api::schedule_text(plan, &schedule));
    let ran = simulation(plan, scope.span);
    layouts(plan);
    if scope.span {
        leveling(plan);
        capacity(plan);
    }
    exports(plan);
    if scope.files {
        brief(plan, &ran);
        imports(plan);
    }
}

/// The forecast (`bridger simulate`, Analysis > Forecast): a few iterations with risk
/// drivers measured, then (with `levelled`) a few within capacity (`--levelled`).
fn simulation(plan: &Plan, levelled: bool) -> bridger::api::analysis::Ran {
    use bridger::api::analysis::{run, SimOptions, Snapshot};
    let snapshot = Snapshot::of_plan("fuzz", plan.clone());
    let options = SimOptions { iterations: 8, seed: 7, drivers: 2, threads: 1, ..SimOptions::default() };
    let ran = match run(&snapshot, &options, None) {
        Ok(r) => r,
        Err(e) => panic!("check accepts the plan but the simulation refuses it: {e}"),
    };
    sensible_simulation(plan, &ran.simulation, options.iterations, options.drivers);
    if let Err(e) = ran.results() {
        panic!("a finished simulation has no results: {e}");
    }
    if levelled {
        let levelled = SimOptions { iterations: 4, levelled: true, drivers: 0, ..options };
        match run(&snapshot, &levelled, None) {
            Ok(r) => sensible_simulation(plan, &r.simulation, levelled.iterations, 0),
            Err(e) => panic!("check accepts the plan but the simulation within capacity refuses it: {e}"),
        }
    }
    ran
}

/// Percentiles in order and within the finishes drawn; shares between 0 and 1; one value
/// per initiative and per handoff; at most the risk drivers asked for.
fn sensible_simulation(plan: &Plan, sim: &bridger::api::Simulation, iterations: u32, drivers: usize) {
    let share = |x: f64| (0.0..=1.0).contains(&x);
    assert_eq!(sim.iterations, iterations);
    assert_eq!(sim.finish_days.len(), iterations as usize);
    assert!(sim.finish_days.iter().all(|d| d.is_finite()), "a finish is not a number: {:?}", sim.finish_days);
    let lowest = sim.finish_days.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = sim.finish_days.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let within = |d: f64| d >= lowest - 1e-6 && d <= highest + 1e-6;
    let days: Vec<f64> = sim.percentiles.iter().map(|p| p.finish.days).collect();
    assert_eq!(sim.percentiles.len(), 9, "P10 to P90");
    assert!(
        days.windows(2).all(|w| w[0] <= w[1]) && days.iter().all(|&d| within(d)),
        "percentiles {days:?} out of order or outside {lowest}..{highest}"
    );
    assert!(sim.percentiles.windows(2).all(|w| w[0].finish.date <= w[1].finish.date), "percentile dates out of order");
    assert!(within(sim.mean_days), "mean {} outside {lowest}..{highest}", sim.mean_days);
    assert_eq!(
        sim.histogram.counts.iter().map(|&c| u64::from(c)).sum::<u64>(),
        u64::from(iterations),
        "the histogram counts every iteration"
    );
    assert_eq!(sim.criticality.len(), plan.initiatives.len());
    assert_eq!(sim.handoff_criticality.len(), plan.handoffs.len());
    assert!(sim.criticality.iter().chain(&sim.handoff_criticality).all(|&c| share(c)), "a criticality outside 0..1");
    assert!(sim.probability_on_target.is_none_or(share));
    assert!(sim.risk_drivers.len() <= drivers);
    assert!(sim.risk_drivers.iter().all(|d| d.p50_delta_days.is_finite() && d.p80_delta_days.is_finite()));
    for p in sim.milestones.iter().chain(&sim.waves) {
        assert!(p.p50.days.is_finite() && p.p50.days <= p.p80.days, "{}: P50 {} after P80 {}", p.id, p.p50.days, p.p80.days);
    }
}

/// The map in both arrangements (`bridger layout`, the window): a card per initiative with
/// finite coordinates, a route per handoff; Flow keeps a hand-placed card where it was put.
fn layouts(plan: &Plan) {
    use bridger::api::{Arrangement, LayoutConfig};
    for arrangement in [Arrangement::Flow, Arrangement::Seams] {
        let layout = bridger::api::layout(plan, &LayoutConfig { arrangement, ..LayoutConfig::default() });
        assert_eq!(layout.arrangement, arrangement);
        let mut cards: Vec<&str> = layout.cards.iter().map(|c| c.id.as_str()).collect();
        let mut ids: Vec<&str> = plan.initiatives.iter().map(|i| i.id.as_str()).collect();
        cards.sort_unstable();
        ids.sort_unstable();
        assert_eq!(cards, ids, "{arrangement:?}: not one card per initiative");
        for c in &layout.cards {
            assert!([c.x, c.y, c.width, c.height].iter().all(|v| v.is_finite()), "{arrangement:?}: card {c:?}");
            if arrangement == Arrangement::Flow {
                if let Some(p) = plan.initiative(&c.id).and_then(|i| i.position) {
                    assert!((c.x, c.y) == (p.x, p.y), "Flow moved the hand-placed card {} from {p:?} to ({}, {})", c.id, c.x, c.y);
                }
            }
        }
        assert_eq!(layout.handoffs.len(), plan.handoffs.len(), "{arrangement:?}: not one route per handoff");
        for r in &layout.handoffs {
            assert!(r.points.len() >= 2 && r.points.iter().flatten().all(|v| v.is_finite()), "{arrangement:?}: route {r:?}");
        }
    }
}

/// Leveling (`bridger level`, Capacity > Level) on a fixed budget, one thread: a proposal
/// whose finish is no earlier than its own lower bound and whose moves name initiatives of
/// the plan, or a refusal that names a limit of the solver (a horizon or a profile too large
/// to hold), never one that says the plan is broken.
fn leveling(plan: &Plan) {
    use bridger::api::analysis::Snapshot;
    use bridger::schedule::level::{Config, LevelError, PlanLevelError};
    let snapshot = Snapshot::of_plan("fuzz", plan.clone());
    let config = Config { iterations: Some(20), time_limit: None, seed: 3, threads: 1 };
    match bridger::api::level::level(&snapshot, &config, None) {
        Ok(p) => {
            let l = &p.leveling;
            assert!(l.days_after >= l.lower_bound, "levelled in {} days, under its lower bound {}", l.days_after, l.lower_bound);
            assert!(l.finish_before <= l.finish_after || l.days_after <= l.days_before);
            for m in &l.moved {
                assert!(plan.initiative(&m.id).is_some() && m.delay_after >= 0, "moved {m:?}");
            }
            let view = bridger::api::capacity::view(plan, Some(&p), None);
            if !too_long_for_a_grid(plan, &view) {
                assert!(view.timeline.is_some() && view.proposal.is_some(), "the proposal is not drawn: {:?}", view.message);
            }
        }
        Err(e) => {
            // The API says only "invalid": the solver's own error says which.
            let limit = |e: &LevelError| matches!(e, LevelError::TooLong { .. } | LevelError::TooLarge { .. });
            match bridger::schedule::level::level_plan(plan, &config, None) {
                Err(PlanLevelError::Level(l) | PlanLevelError::Initiative { error: l, .. }) if limit(&l) => {}
                other => panic!("check accepts the plan but leveling refuses it: {e} ({other:?})"),
            }
        }
    }
}

/// A plan longer than the Capacity tab draws week by week gets its sentence instead, and
/// only such a plan.
fn too_long_for_a_grid(plan: &Plan, view: &bridger::api::capacity::CapacityView) -> bool {
    let days = bridger::schedule::cpm(plan).map_or(0, |c| c.makespan);
    let long = days > bridger::api::capacity::LONGEST_GRID_DAYS;
    let said = view.message.as_deref().is_some_and(|m| m.contains("too long to draw week by week"));
    assert_eq!(long, said, "a plan of {days} working days: {:?}", view.message);
    long
}

/// The Capacity tab: a row per team and a cell per week with finite, non-negative load and
/// capacity; a timeline bar per initiative, each ending no earlier than it starts.
fn capacity(plan: &Plan) {
    let view = bridger::api::capacity::view(plan, None, None);
    if too_long_for_a_grid(plan, &view) {
        return;
    }
    let Some(timeline) = &view.timeline else { panic!("check accepts the plan but the capacity view has no schedule: {:?}", view.message) };
    assert_eq!(view.teams.len(), plan.teams.len(), "a row per team");
    for row in &view.teams {
        assert_eq!(row.cells.len(), view.weeks.len(), "team {}: a cell per week", row.team);
        for c in &row.cells {
            assert!(c.load.is_finite() && c.load >= 0.0 && c.capacity.is_finite() && c.capacity >= 0.0, "team {}: {c:?}", row.team);
        }
    }
    assert_eq!(view.over_weeks, view.teams.iter().map(|r| r.over_weeks).sum::<u32>());
    assert_eq!(timeline.bars.len(), plan.initiatives.len(), "a bar per initiative");
    assert!(timeline.bars.iter().all(|b| b.current.start <= b.current.finish), "a bar ends before it starts");
}

/// MSPDI and CSV exports (`bridger export`, File > Export): what a Bridger plan exports
/// reads back as the same plan (`io::mspdi`, `io::csv` say so), without a finding.
fn exports(plan: &Plan) {
    let xml = match bridger::api::files::render(plan, &[], bridger::api::files::Format::Mspdi) {
        Ok(r) => r.text,
        Err(e) => panic!("check accepts the plan but the MSPDI export refuses it: {e}"),
    };
    match bridger::io::mspdi::from_str(&xml, "exported.xml") {
        Ok(again) => {
            assert!(again.plan == *plan, "MSPDI export then import changed the plan: {}", difference(plan, &again.plan));
            assert!(again.findings.is_empty(), "a Bridger export reads with findings: {:?}", again.findings);
        }
        Err(e) => panic!("an exported plan does not import: {e}\n{xml}"),
    }
    let out = bridger::io::csv::to_files(plan);
    let again: Vec<(&'static str, Option<&[u8]>)> = out.iter().map(|(n, b)| (*n, Some(b.as_slice()))).collect();
    // A CSV cell cannot tell an empty site region from none (docs/csv-format.md: an empty
    // optional cell is none); the two mean the same to a person, so they compare as one.
    let mut blank_is_none = plan.clone();
    for site in &mut blank_is_none.sites {
        if site.region.as_deref() == Some("") {
            site.region = None;
        }
    }
    match bridger::io::csv::from_files(&again) {
        Ok(back) => assert!(back == blank_is_none, "CSV export then import changed the plan: {}", difference(&blank_is_none, &back)),
        Err((problems, _)) => panic!("a plan exported as CSV does not import: {problems:?}"),
    }
}

/// The PDF brief (`bridger brief`, File > Brief), with the figures of a kept run, written
/// through the API to a file: a whole PDF.
fn brief(plan: &Plan, ran: &bridger::api::analysis::Ran) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("brief.pdf");
    let date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
    let kept = Some(&ran.kept);
    match bridger::api::brief::write(
        plan,
        kept,
        bridger::api::brief::Baselines::default(),
        &path,
        date,
        bridger::api::Paper::A4,
        bridger::api::Overwrite::Replace,
    ) {
        Ok(w) => {
            let bytes = std::fs::read(&path).unwrap_or_default();
            assert!(bytes.starts_with(b"%PDF-") && w.bytes == bytes.len() as u64, "the brief is not a whole PDF");
            assert!(bytes.windows(5).rev().take(64).any(|t| t == b"%%EOF"), "the brief does not end as a PDF");
        }
        Err(e) => panic!("check accepts the plan but the brief refuses it: {e}"),
    }
}

/// Import into a plan file (`bridger import X --into PLAN`, File > Import) made from another
/// small plan: it succeeds, after which the file holds the plan (importing it again has
/// nothing left to do, and so imports into a file holding it: nothing changes) and is
/// valid; or it is refused with an error and the file is as it was.
fn imports(plan: &Plan) {
    use bridger::api::files::import_into;
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("other.bridger");
    // Creating a plan file costs tens of milliseconds (its schema, synced to disk): the
    // file of the base plan is made once, and copied.
    static BASE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let bytes = BASE.get_or_init(|| {
        let made = dir.path().join("base.bridger");
        match bridger::api::files::create(&made, &base()) {
            Ok(()) => {}
            Err(e) => panic!("the base plan is refused: {e}"),
        }
        std::fs::read(&made).unwrap_or_else(|e| panic!("the base plan's file does not read back: {e}"))
    });
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let read = |path: &std::path::Path| match bridger::store::read(path) {
        Ok(p) => p,
        Err(e) => panic!("a plan file does not read: {e}"),
    };
    let before = read(&path);
    let incoming: bridger::api::files::Foreign = plan.clone().into();
    match import_into(&path, &incoming) {
        Ok(_) => {
            let after = read(&path);
            let errors = bridger::health::errors(&after);
            assert!(errors.is_empty(), "an import left the plan invalid: {errors:?}");
            let left = bridger::api::files::merge(&after, plan);
            assert!(left.edits.is_empty(), "after an import, importing the same plan again still changes {:?}", left.edits);
            match import_into(&path, &incoming) {
                Ok(m) => assert!(m.edits.is_empty() && read(&path) == after, "importing a plan into a file holding it changed it"),
                Err(e) => panic!("importing a plan into a file holding it is refused: {e}"),
            }
        }
        Err(e) => {
            let after = read(&path);
            assert!(after == before, "a refused import ({e}) changed the plan: {}", difference(&before, &after));
        }
    }
}

/// A terminal report holds no control character but the newline ending each line.
fn no_control_characters(text: &str) {
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("raw control character {:?} in a text report:\n{text}", c);
    }
}

/// Reads the fuzzer's bytes as choices; past the end every choice is 0.
struct Choices<'a> {
    data: &'a [u8],
    at: usize,
}

impl Choices<'_> {
    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n.max(1)
    }

    fn pick<T: Clone>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())].clone()
    }

    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// An id from a small space, so that collisions and dangling references are common.
    fn id(&mut self, prefix: &str) -> String {
        match self.below(16) {
            0 => String::new(),
            1 => " ".to_string(),
            2 => format!("{prefix}\u{1b}[2J"),
            3 => format!("{prefix}-é"),
            k => format!("{prefix}{}", k % 6),
        }
    }

    fn text(&mut self) -> String {
        self.pick(&["", "a name", "x", "  ", "\u{1b}]0;title\u{7}", "line\nforged", "tab\there", "Ωμέγα", "\u{202e}evil", "\r"]).to_string()
    }

    fn days(&mut self) -> i32 {
        self.pick(&[0, 1, 2, 3, 5, 8, -1, 40, 1000, 100_000, 2_000_000_000, i32::MAX, i32::MIN])
    }

    fn number(&mut self) -> f64 {
        self.pick(&[0.0, 0.5, 0.65, 1.0, 2.5, 3.0, -1.0, 1.3, 1e300, f64::NAN, f64::INFINITY, -0.0, 5e-324])
    }

    fn date(&mut self) -> NaiveDate {
        let d = match self.below(8) {
            0 => NaiveDate::from_ymd_opt(1970, 1, 1),
            1 => NaiveDate::from_ymd_opt(9999, 12, 31),
            2 => Some(NaiveDate::MAX),
            3 => Some(NaiveDate::MIN),
            k => NaiveDate::from_ymd_opt(2027, 1 + k as u32, 1 + self.below(28) as u32),
        };
        d.unwrap_or_default()
    }

    fn maybe_date(&mut self) -> Option<NaiveDate> {
        if self.below(4) == 0 {
            Some(self.date())
        } else {
            None
        }
    }

    fn maybe_id(&mut self, prefix: &str) -> Option<String> {
        if self.flag() {
            Some(self.id(prefix))
        } else {
            None
        }
    }

    fn calendar(&mut self) -> Calendar {
        let mask = self.byte();
        let days = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
        let working_days = days.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0 || mask == 0x80).map(|(_, d)| *d).collect();
        let holidays = (0..self.below(3)).map(|_| self.date()).collect();
        Calendar { working_days, holidays }
    }

    fn team(&mut self) -> Team {
        let mut t = Team::new(&self.id("t"), &self.text(), self.number());
        t.utilization_target = self.number();
        t
    }

    fn wave(&mut self) -> Wave {
        Wave { id: self.id("w"), name: self.text(), order: self.days(), ..Wave::default() }
    }

    fn site(&mut self) -> Site {
        Site { id: self.id("s"), name: self.text(), region: self.flag().then(|| self.text()), wave: self.maybe_id("w"), ..Site::default() }
    }

    fn initiative(&mut self) -> Initiative {
        let mut i = Initiative::new(&self.id("i"), &self.text(), &self.text(), self.days());
        if self.flag() {
            i.duration = Estimate { optimistic: self.days(), likely: self.days(), pessimistic: self.days() };
        }
        i.team = self.maybe_id("t");
        for _ in 0..self.below(3) {
            i.effort.push(Effort { team: self.id("t"), person_days: self.number() });
        }
        i.status = self.pick(&Status::ALL);
        i.progress = self.number();
        i.site = self.maybe_id("s");
        i.wave = self.maybe_id("w");
        i.start_no_earlier_than = self.maybe_date();
        i.finish_no_later_than = self.maybe_date();
        if self.flag() {
            i.position = Some(Position { x: self.number(), y: self.number() });
        }
        if self.flag() {
            i.notes = self.text();
        }
        i
    }

    fn handoff(&mut self) -> Handoff {
        let mut h = Handoff::fs(&self.id("h"), &self.id("i"), &self.id("i"));
        h.kind = self.pick(&[Kind::FS, Kind::SS, Kind::FF, Kind::SF]);
        h.lag = self.pick(&[0, 1, -1, 3, -3, 100_000, -100_000, 2_000_000_000, -2_000_000_000, i32::MAX, i32::MIN]);
        h.owner = self.text();
        h.assumption = self.text();
        h.confirmed = self.flag();
        h.due = self.maybe_date();
        h
    }

    fn risk(&mut self) -> Risk {
        Risk {
            id: self.id("r"),
            title: self.text(),
            owner: self.text(),
            probability: self.number(),
            impact: self.days(),
            mitigation: self.text(),
            status: self.pick(&[RiskStatus::Open, RiskStatus::Mitigating, RiskStatus::Closed]),
            initiatives: (0..self.below(3)).map(|_| self.id("i")).collect(),
            schedule_impact: self.flag().then(|| Estimate { optimistic: self.days(), likely: self.days(), pessimistic: self.days() }),
        }
    }

    fn plan(&mut self) -> Plan {
        let mut p = Plan::new(&self.text(), self.date());
        if self.flag() {
            p.calendar = self.calendar();
        }
        p.teams = (0..self.below(4)).map(|_| self.team()).collect();
        p.waves = (0..self.below(3)).map(|_| self.wave()).collect();
        p.sites = (0..self.below(3)).map(|_| self.site()).collect();
        p.initiatives = (0..self.below(7)).map(|_| self.initiative()).collect();
        p.handoffs = (0..self.below(6)).map(|_| self.handoff()).collect();
        p.risks = (0..self.below(3)).map(|_| self.risk()).collect();
        p
    }

    fn edit(&mut self) -> Edit {
        match self.below(19) {
            0 => Edit::AddInitiative(self.initiative()),
            1 => Edit::UpdateInitiative(self.initiative()),
            2 => Edit::RemoveInitiative(self.id("i")),
            3 => Edit::AddHandoff(self.handoff()),
            4 => Edit::UpdateHandoff(self.handoff()),
            5 => Edit::RemoveHandoff(self.id("h")),
            6 => Edit::AddRisk(self.risk()),
            7 => Edit::UpdateRisk(self.risk()),
            8 => Edit::RemoveRisk(self.id("r")),
            9 => Edit::AddTeam(self.team()),
            10 => Edit::UpdateTeam(self.team()),
            11 => Edit::RemoveTeam(self.id("t")),
            12 => Edit::AddSite(self.site()),
            13 => Edit::UpdateSite(self.site()),
            14 => Edit::RemoveSite(self.id("s")),
            15 => Edit::AddWave(self.wave()),
            16 => Edit::UpdateWave(self.wave()),
            17 => Edit::RemoveWave(self.id("w")),
            _ => {
                let mut p = Plan::new(&self.text(), self.date());
                p.calendar = self.calendar();
                Edit::UpdatePlan(p.settings())
            }
        }
    }
}

/// A small valid plan: two teams and four initiatives with the ids `Choices::id` makes.
fn base() -> Plan {
    let mut p = Plan::new("fuzz", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default());
    p.teams.push(Team::new("t0", "T0", 3.0));
    p.teams.push(Team { utilization_target: 0.7, ..Team::new("t1", "T1", 2.0) });
    for k in 0..4 {
        p.initiatives.push(Initiative::new(&format!("i{k}"), &format!("I{k}"), "o", 2));
    }
    p.handoffs.push(Handoff::fs("h0", "i0", "i1"));
    p
}

/// One step of the `edits` target.
#[derive(Debug)]
enum Step {
    One(Edit),
    Batch(Vec<Edit>),
    Undo,
    Redo,
}

pub fn edits(data: &[u8]) {
    let mut c = Choices { data, at: 0 };
    let plan = c.plan();
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("fuzz.bridger");
    // Most random plans are invalid and refused: the edits then start from a small valid one.
    let (mut file, plan) = match PlanFile::create(&path, &plan) {
        Ok(f) => (f, plan),
        Err(_) => match PlanFile::create(&path, &base()) {
            Ok(f) => (f, base()),
            Err(e) => panic!("the base plan is refused: {e}"),
        },
    };
    // The file keeps holidays as a set, in date order (ARCHITECTURE.md): nothing else changes.
    let mut given = plan;
    given.calendar.holidays.sort();
    given.calendar.holidays.dedup();
    assert!(file.plan() == &given, "the file was created with another plan than the one given: {}", difference(&given, file.plan()));
    for _ in 0..32 {
        if c.done() {
            break;
        }
        let step = match c.below(8) {
            0 => Step::Undo,
            1 => Step::Redo,
            2 => Step::Batch((0..1 + c.below(3)).map(|_| c.edit()).collect()),
            _ => Step::One(c.edit()),
        };
        let before = file.plan().clone();
        let result = match &step {
            Step::One(e) => file.apply(e.clone()).map(|_| ()),
            Step::Batch(edits) => file.apply_batch(edits.clone()).map(|_| ()),
            Step::Undo => file.undo().map(|_| ()),
            Step::Redo => file.redo().map(|_| ()),
        };
        if let Err(e) = &result {
            assert!(file.plan() == &before, "refused {step:?} ({e}) changed the plan in memory");
        }
        let errors = bridger::health::errors(file.plan());
        assert!(errors.is_empty(), "after {step:?} ({result:?}) the plan is invalid: {errors:?}");
        match PlanFile::open(&path) {
            Ok(disk) => assert!(
                disk.plan() == file.plan(),
                "after {step:?} ({result:?}) the file holds another plan than memory: {}",
                difference(file.plan(), disk.plan())
            ),
            Err(e) => panic!("after {step:?} ({result:?}) the file does not open: {e}"),
        }
    }
    // The plan the edits made is one the window shows: every analysis runs on it.
    analyse(file.plan());
}

/// Where two plans differ, as JSON paths with both values (for the fuzzer's crash reports).
fn difference(a: &Plan, b: &Plan) -> String {
    fn walk(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
        use serde_json::Value;
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    walk(&format!("{path}.{k}"), x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), out);
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (k, (p, q)) in x.iter().zip(y).enumerate() {
                    walk(&format!("{path}[{k}]"), p, q, out);
                }
            }
            _ if a != b => out.push(format!("{path}: {a} != {b}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let value = |p: &Plan| serde_json::to_value(p).unwrap_or_default();
    walk("plan", &value(a), &value(b), &mut out);
    if out.is_empty() {
        // Equal as JSON but not as values: a float JSON cannot show (NaN) or -0.0.
        out.push(format!("{a:?} != {b:?}"));
    }
    out.join("; ")
}
