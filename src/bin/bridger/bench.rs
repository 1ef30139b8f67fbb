//! `bridger bench`: the engine's speed on generated plans, in a release build.
//!
//! Reports the median of several runs, with the targets next to the numbers: CPM on
//! 100,000 initiatives and ~300,000 handoffs in process < 30 ms; `bridger schedule` on a
//! 5,000-initiative plan file as a whole process (this very executable, spawned) < 20 ms,
//! with where its time goes; one committed edit < 2 ms; opening a 20k plan < 300 ms.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use bridger::store::{Edit, PlanFile};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median time of `f`; what it returns is dropped after the clock stops.
fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<Duration> {
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let out = std::hint::black_box(f()?);
        v.push(t.elapsed());
        drop(out);
    }
    Ok(median(v))
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, d: Duration, target: &str) {
    println!("{what:<52} {:>12}  {target}", ms(d));
}

pub fn run(quick: bool) -> Result<()> {
    if cfg!(debug_assertions) {
        println!("note: this is a debug build; measure with `cargo run --release --bin bridger -- bench`");
    }
    let dir = std::env::temp_dir().join(format!("bridger-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run_in(&dir, quick);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_in(dir: &Path, quick: bool) -> Result<()> {
    println!("{:<52} {:>12}  target", "benchmark", "median");
    let sizes: &[usize] = if quick { &[1_000, 10_000] } else { &[1_000, 10_000, 100_000] };
    // About three handoffs per initiative: 100,000 initiatives, ~300,000 handoffs.
    let shape = bridger::gen::Shape { handoffs_per_initiative: 3.25, seam_share: 0.25, teams: 8, window: 50, kinds: true };
    for &n in sizes {
        let plan = bridger::gen::shaped(n, &shape, 7);
        let runs = if n >= 100_000 { 21 } else { 31 };
        let cpm = time(runs, || Ok(bridger::schedule::cpm(&plan)?))?;
        let target = if n == 100_000 { "< 30 ms" } else { "" };
        row(&format!("cpm {n} initiatives, {} handoffs", plan.handoffs.len()), cpm, target);
        let net = time(runs, || Ok(bridger::schedule::Network::of(&plan)?))?;
        row("  of which ids interned, links grouped, ordered", net, "");
        let built = bridger::schedule::Network::of(&plan)?;
        let cal = plan.calendar.anchored(plan.start)?;
        let passes = time(runs, || Ok(bridger::schedule::passes(&built, &cal)))?;
        row("  the passes alone, on a network built once", passes, "");
        let full = time(runs, || Ok(bridger::schedule::schedule(&plan)?))?;
        row(&format!("schedule with dates, {n} initiatives"), full, "");
        let check = time(runs, || Ok(bridger::health::errors(&plan)))?;
        row(&format!("validate + every cycle, {n} initiatives"), check, "");
    }

    // Monte Carlo (issue 14): the finish distribution, milestones and criticality.
    let plan = bridger::gen::risky(10_000, 500, 7);
    let iterations = if quick { 1_000 } else { 10_000 };
    let config = bridger::schedule::SimConfig { iterations, drivers: 0, ..Default::default() };
    let sim = time(5, || Ok(bridger::schedule::simulate(&plan, &config)?))?;
    row(&format!("simulate {iterations} iterations, 10k initiatives, 500 risks"), sim, if quick { "" } else { "< 500 ms" });
    let config = bridger::schedule::SimConfig { drivers: 20, ..config };
    let sim = time(5, || Ok(bridger::schedule::simulate(&plan, &config)?))?;
    row("  the same with risk drivers for 20 risks", sim, if quick { "" } else { "< 3 s" });

    // Leveling (issue 15): the demo plan within its teams' capacity, a fixed budget.
    let plan = bridger::demo::plan();
    let schedules = if quick { 2_000 } else { 20_000 };
    let config = bridger::schedule::level::Config { iterations: Some(schedules), time_limit: None, seed: 1, threads: 2 };
    let level = time(3, || Ok(bridger::schedule::level::level_plan(&plan, &config, None)?))?;
    row(&format!("level the demo plan, {schedules} schedules"), level, if quick { "" } else { "< 1 s" });

    brief(quick)?;

    // Schedule health (issue 31) on the plan `bridger generate` makes: the schedule, the
    // findings the checks read, the 14 metrics (the critical path test schedules again).
    let plan = bridger::gen::plan(5_000, 3, 7, true);
    let options = bridger::api::assessment::Options::default();
    let health = time(21, || Ok(bridger::api::assessment::report(&plan, None, options)?))?;
    row("schedule health, 5,000 initiatives", health, "< 50 ms");
    let s = bridger::schedule::schedule(&plan)?;
    row("  of which the schedule", time(21, || Ok(bridger::schedule::schedule(&plan)?))?, "");
    let findings = time(21, || Ok(bridger::health::findings(&plan, Some(&s))))?;
    row("  of which the findings the checks read", findings, "");
    let f = bridger::health::findings(&plan, Some(&s));
    let metrics = time(21, || Ok(bridger::assessment::assess(&plan, &s, None, &f, options)))?;
    row("  of which the metrics and checks", metrics, "");

    whole_process(dir)?;

    let n = if quick { 2_000 } else { 20_000 };
    let plan = bridger::gen::plan(n, 3, 11, true);
    let mut k = 0;
    let save = time(5, || {
        k += 1;
        Ok(PlanFile::create(&dir.join(format!("save{k}.bridger")), &plan)?)
    })?;
    row(&format!("save (create) a {n}-initiative plan file"), save, "");
    let path = dir.join("save1.bridger");
    let open = time(11, || Ok(PlanFile::open(&path)?))?;
    row(&format!("open a {n}-initiative plan file"), open, "< 300 ms");

    let mut file = PlanFile::open(&path)?;
    let mut i = 0usize;
    let update = time(201, || {
        i += 1;
        let mut x = file.plan().initiatives[i % n].clone();
        x.name = format!("renamed {i}");
        x.duration.likely = x.duration.optimistic;
        Ok(file.apply(Edit::UpdateInitiative(x))?)
    })?;
    row("one edit committed (update initiative)", update, "< 2 ms");
    let mut j = 0usize;
    let add = time(101, || {
        j += 1;
        let mut h = bridger::model::Handoff::fs(&format!("bench-{j}"), &format!("I{}", j), &format!("I{}", n - 1 - j));
        h.owner = "bench".into();
        Ok(file.apply(Edit::AddHandoff(h))?)
    })?;
    row("one edit committed (add handoff, cycle check)", add, "< 2 ms");
    Ok(())
}

/// `bridger schedule FILE` on a generated 5,000-initiative plan file, as a user runs it:
/// this executable spawned with its output discarded. Then the same steps in process, to
/// show where the time goes (the process adds start-up, page faults and exit).
fn whole_process(dir: &Path) -> Result<()> {
    let n = 5_000;
    let plan = bridger::gen::plan(n, 3, 7, true);
    let path = dir.join("schedule-5k.bridger");
    drop(PlanFile::create(&path, &plan)?);
    let exe = std::env::current_exe().context("cannot find this executable")?;
    let spawn = time(21, || {
        let status = Command::new(&exe).arg("schedule").arg(&path).stdout(Stdio::null()).stderr(Stdio::null()).status()?;
        if !status.success() {
            bail!("`bridger schedule {}` failed: {status}", path.display());
        }
        Ok(())
    })?;
    row(&format!("bridger schedule, {n}-initiative file, whole process"), spawn, "< 20 ms");

    let open = time(21, || Ok(bridger::store::read(&path)?))?;
    row("  open + read the plan (store)", open, "");
    let plan = bridger::store::read(&path)?;
    let validate = time(21, || Ok(bridger::model::validate(&plan)))?;
    row("  validate", validate, "");
    let schedule = time(21, || Ok(bridger::schedule::schedule(&plan)?))?;
    row("  schedule with dates", schedule, "");
    let s = bridger::schedule::schedule(&plan)?;
    let findings = time(21, || Ok(bridger::health::findings(&plan, Some(&s))))?;
    row("  findings (the list check prints)", findings, "");
    let counts = time(21, || Ok(bridger::health::counts(&plan, Some(&s))))?;
    row("  finding counts (all schedule prints of them)", counts, "");
    // The over-allocation findings `check` and the app recompute on every edit, on a plan
    // whose initiatives all ask effort of their teams (the plan above asks none).
    let effort = bridger::gen::briefed(n, 7);
    let es = bridger::schedule::schedule(&effort)?;
    let capacity = time(21, || Ok(bridger::capacity::findings_on(&effort, &es)?))?;
    row("  over-allocation findings, all with effort", capacity, "< 5 ms");
    let f = bridger::health::counts(&plan, Some(&s));
    let text = time(21, || Ok(bridger::report::schedule_text(&plan, &s, &f)))?;
    row("  report text", text, "");
    Ok(())
}

/// The PDF brief (issue 16) of a generated plan with teams, effort, risks, waves and stored
/// simulation figures, including its schedule, findings and the layout of its map.
fn brief(quick: bool) -> Result<()> {
    use bridger::brief::{render, BriefOptions, Paper, SimulationFigures};
    let n = if quick { 2_000 } else { 20_000 };
    let plan = bridger::gen::briefed(n, 7);
    let finish = bridger::schedule::schedule(&plan)?.finish_date;
    let later = |days| finish.checked_add_days(chrono::Days::new(days)).unwrap_or(finish);
    let simulation = SimulationFigures {
        p50: later(20),
        p80: later(45),
        iterations: 10_000,
        at: "2027-01-04".into(),
        stale: false,
        probability_on_target: Some(0.3),
        waves: Default::default(),
        milestones: Default::default(),
        deadlines: Default::default(),
    };
    let options = BriefOptions { paper: Paper::A4, date: plan.start, simulation: Some(simulation), since: None, record: None };
    let mut size = 0;
    let t = time(5, || {
        let pdf = render(&plan, &options)?;
        size = pdf.len();
        Ok(pdf)
    })?;
    row(&format!("brief (PDF), {n} initiatives, with its layout"), t, if quick { "" } else { "< 1 s" });
    println!("{:<52} {:>9.2} MB  {}", "  its size", size as f64 / 1e6, if quick { "" } else { "< 3 MB" });
    Ok(())
}

fn median_ms(mut f: impl FnMut() -> bridger::layout::Layout) -> f64 {
    let mut v: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[2]
}

/// `bridger layout --measure`: in-process times of a full layout, and of a re-layout after
/// one added handoff and after one added initiative given the previous layout.
pub fn layout_times(plan: &bridger::model::Plan, config: &bridger::layout::Config, before: &bridger::layout::Layout) {
    use bridger::layout::{self, Layout};
    let full = median_ms(|| layout::layout(plan, config, None));
    let n = plan.initiatives.len();
    let mut one_handoff = plan.clone();
    if n >= 2 {
        let (a, b) = (plan.initiatives[n / 3].id.clone(), plan.initiatives[2 * n / 3].id.clone());
        one_handoff.handoffs.push(bridger::model::Handoff::fs("measure-added", &a, &b));
    }
    let handoff = median_ms(|| layout::layout(&one_handoff, config, Some(before)));
    let moved = |after: &Layout| before.cards.iter().zip(&after.cards).filter(|(a, b)| (a.x, a.y) != (b.x, b.y)).count();
    let after_handoff = layout::layout(&one_handoff, config, Some(before));
    let mut one_initiative = plan.clone();
    let mut i = bridger::model::Initiative::new("measure-new", "New work", "someone", 3);
    i.team = plan.initiatives.get(n / 2).and_then(|x| x.team.clone());
    one_initiative.initiatives.push(i);
    if let Some(x) = plan.initiatives.get(n / 2) {
        one_initiative.handoffs.push(bridger::model::Handoff::fs("measure-into", &x.id, "measure-new"));
    }
    let initiative = median_ms(|| layout::layout(&one_initiative, config, Some(before)));
    let after_initiative = layout::layout(&one_initiative, config, Some(before));
    println!("full layout: {full:.1} ms");
    // cards, not initiatives: a collapsed wave or site is one card
    let cards = before.cards.len();
    println!("after one added handoff: {handoff:.1} ms, {} of {cards} cards moved", moved(&after_handoff));
    println!("after one added initiative: {initiative:.1} ms, {} of {cards} cards moved", moved(&after_initiative));
}

/// `bridger bench --window PLAN`: the window's side of opening and editing a plan, in process
/// (what the desktop app's commands call): the first view and the whole view with their size
/// as JSON, then an edit of a critical initiative's estimate answered as the window gets it
/// (the edit saved, the view after it and what changed, as JSON), with the parts of the view
/// after an edit timed alone. PLAN is copied first: it is not changed.
pub fn window(plan: &Path) -> Result<()> {
    use bridger::api::{Editing, Update};
    use bridger::layout::Arrangement;
    let dir = std::env::temp_dir().join(format!("bridger-bench-window-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("plan.bridger");
    std::fs::copy(plan, &path).with_context(|| format!("cannot copy {}", plan.display()))?;
    let result = (|| -> Result<()> {
        let t = Instant::now();
        let mut e = Editing::open(&path, "bench").map_err(|e| anyhow::anyhow!(e.message))?;
        row("open the plan", t.elapsed(), "");
        // a view asked for, timed, then its JSON timed and measured
        let mut shown = |what: &str, first: bool| -> Result<bridger::api::PlanView> {
            let t = Instant::now();
            let v = if first { e.first_view(Arrangement::Flow) } else { e.view(Arrangement::Flow) };
            let v = v.map_err(|e| anyhow::anyhow!(e.message))?;
            let took = t.elapsed();
            let t = Instant::now();
            let bytes = serde_json::to_string(&v)?.len();
            row(&format!("{what} ({:.1} MB of JSON, {} initiatives)", bytes as f64 / 1e6, v.plan.initiatives.len()), took, "");
            row("  its JSON", t.elapsed(), "");
            Ok(v)
        };
        shown("first view", true)?;
        let whole = shown("whole view", false)?;
        let schedule = whole.schedule.as_ref().context("the plan has no schedule")?;
        // critical work drawn as its own card (not inside a collapsed wave or site)
        let grouped: std::collections::HashSet<&str> = whole.layout.groups.iter().map(|g| g.id.as_str()).collect();
        let drawn: Vec<&String> = schedule
            .critical_path
            .iter()
            .filter(|id| !grouped.contains(id.as_str()) && whole.layout.cards.iter().any(|c| &c.id == *id))
            .collect();
        let id = drawn.get(drawn.len() / 2).context("no critical work drawn")?.to_string();
        let likely = whole.plan.initiative(&id).map_or(1, |i| i.duration.likely);
        // the window holds the folded map's part (as it does after opening), then the whole
        for part in [true, false] {
            if part {
                e.first_view(Arrangement::Flow).map_err(|e| anyhow::anyhow!(e.message))?;
            } else {
                e.view(Arrangement::Flow).map_err(|e| anyhow::anyhow!(e.message))?;
            }
            let mut answers = Vec::new();
            let mut sizes = Vec::new();
            for k in 0..7 {
                let d = likely + 1 + (k % 2);
                let mut changed = e.plan().initiative(&id).context("the edited initiative")?.clone();
                changed.duration = bridger::model::Estimate { optimistic: d, likely: d, pessimistic: d + 2 };
                let edit = Edit::UpdateInitiative(changed);
                let t = Instant::now();
                let u = e.apply(vec![edit], Arrangement::Flow).map_err(|e| anyhow::anyhow!(e.message))?;
                let json = serde_json::to_string(&u)?;
                answers.push(t.elapsed());
                sizes.push((json.len(), matches!(u, Update::Delta { .. })));
            }
            let (size, delta) = sizes[sizes.len() / 2];
            let held = if part { "the folded map's part held" } else { "the whole view held" };
            row(&format!("an edit of {id}'s estimate, {held}"), median(answers), "");
            println!("  answered with {:.2} MB of JSON ({})", size as f64 / 1e6, if delta { "a delta" } else { "the whole view" });
        }
        let plan = e.plan().clone();
        row("  schedule", time(5, || Ok(bridger::schedule::schedule(&plan)?))?, "");
        row("  check (errors and findings, with a schedule)", time(5, || Ok(bridger::api::overview_of(&plan, "")))?, "");
        row("  the plan copied", time(5, || Ok(plan.clone()))?, "");
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
