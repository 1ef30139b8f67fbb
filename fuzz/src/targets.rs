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
//!   imports back to itself; every analysis runs on it without panicking, a plan `check`
//!   accepts can be scheduled, and the text reports hold no control character.
//! - `psplib`: the same for PSPLIB `.sm` text.
//! - `mspdi`: MS Project XML: a plan and findings, or an error; a valid plan it gives
//!   exports to MSPDI and imports back to itself without a finding.
//! - `csv`: a CSV folder (the first byte picks which file the rest is, beside a fixed
//!   `plan.csv`): a plan or the list of bad rows; a valid plan exports to CSV and back.
//! - `edits`: bytes decode to a small plan and a sequence of edits (single, batches, undo,
//!   redo) applied through `bridger::store::PlanFile` on a real file; after each step the
//!   plan in memory equals a fresh open of the file, it is valid, and a refused edit
//!   changed nothing.

#![allow(dead_code)]

use bridger::model::{Calendar, Effort, Estimate, Handoff, Initiative, Kind, Plan, Position, Risk, RiskStatus, Site, Status, Team, Wave};
use bridger::store::{Edit, PlanFile};
use chrono::{NaiveDate, Weekday};

/// The names of the targets, as in `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/`.
pub const TARGETS: [&str; 5] = ["json", "psplib", "edits", "mspdi", "csv"];

/// Runs the target called `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "json" => json(data),
        "psplib" => psplib(data),
        "edits" => edits(data),
        "mspdi" => mspdi(data),
        "csv" => csv(data),
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
    let plan = imported.plan;
    analyse(&plan);
    if bridger::health::errors(&plan).is_empty() {
        let exported = bridger::io::mspdi::to_string(&plan).text;
        match bridger::io::mspdi::from_str(&exported, "exported.xml") {
            Ok(again) => {
                assert!(again.plan == plan, "export then import changed the plan:\n{exported}");
                assert!(again.findings.is_empty(), "a Bridger export reads with findings: {:?}", again.findings);
            }
            Err(e) => panic!("an exported plan does not import: {e}\n{exported}"),
        }
    }
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
    analyse(&plan);
    if bridger::health::errors(&plan).is_empty() {
        let out = bridger::io::csv::to_files(&plan);
        let again: Vec<(&'static str, Option<&[u8]>)> = out.iter().map(|(n, b)| (*n, Some(b.as_slice()))).collect();
        match bridger::io::csv::from_files(&again) {
            Ok(back) => assert!(back == plan, "export then import changed the plan: {plan:?} became {back:?}"),
            Err((problems, _)) => panic!("an exported plan does not import: {problems:?}"),
        }
    }
}

/// What the CLI does with an imported plan (`check`, `schedule`), which must never panic.
fn analyse(plan: &Plan) {
    let report = bridger::health::check(plan);
    no_control_characters(&bridger::report::check_text("fuzz", &report));
    if report.errors.is_empty() {
        // Whatever `check` accepts, every analysis accepts (issue 11, defect 8).
        let schedule = match bridger::schedule::schedule(plan) {
            Ok(s) => s,
            Err(e) => panic!("check accepts the plan but schedule refuses it: {e}"),
        };
        let _ = bridger::health::findings(plan, Some(&schedule));
        let counts = bridger::health::counts(plan, Some(&schedule));
        no_control_characters(&bridger::report::schedule_text(plan, &schedule, &counts));
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
        Wave { id: self.id("w"), name: self.text(), order: self.days() }
    }

    fn site(&mut self) -> Site {
        Site { id: self.id("s"), name: self.text(), region: self.flag().then(|| self.text()), wave: self.maybe_id("w") }
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
