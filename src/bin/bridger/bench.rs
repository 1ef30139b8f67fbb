//! `bridger bench`: the engine's speed on generated plans, in a release build.
//!
//! Reports the median of several runs; the targets (CPM on 100k initiatives < 100 ms, one
//! committed edit < 2 ms, opening a 20k plan < 300 ms) are printed next to the numbers.

use std::time::{Duration, Instant};

use anyhow::Result;
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

pub fn run(quick: bool) -> Result<()> {
    if cfg!(debug_assertions) {
        println!("note: this is a debug build; measure with `cargo run --release --bin bridger -- bench`");
    }
    let sizes: &[usize] = if quick { &[1_000, 10_000] } else { &[1_000, 10_000, 100_000] };
    println!("{:<44} {:>12}  target", "benchmark", "median");
    for &n in sizes {
        let plan = bridger::gen::plan(n, 3, 7, true);
        let runs = if n >= 100_000 { 11 } else { 31 };
        let cpm = time(runs, || Ok(bridger::schedule::cpm(&plan)?))?;
        let target = if n == 100_000 { "< 100 ms" } else { "" };
        println!("{:<44} {:>12}  {target}", format!("cpm {n} initiatives, {} handoffs", plan.handoffs.len()), ms(cpm));
        let full = time(runs, || Ok(bridger::schedule::schedule(&plan)?))?;
        println!("{:<44} {:>12}", format!("schedule with dates, {n} initiatives"), ms(full));
    }

    let n = if quick { 2_000 } else { 20_000 };
    let plan = bridger::gen::plan(n, 3, 11, true);
    let dir = std::env::temp_dir().join(format!("bridger-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut k = 0;
    let save = time(5, || {
        k += 1;
        Ok(PlanFile::create(&dir.join(format!("save{k}.bridger")), &plan)?)
    })?;
    println!("{:<44} {:>12}", format!("save (create) a {n}-initiative plan file"), ms(save));
    let path = dir.join("save1.bridger");
    let open = time(11, || Ok(PlanFile::open(&path)?))?;
    println!("{:<44} {:>12}  < 300 ms", format!("open a {n}-initiative plan file"), ms(open));

    let mut file = PlanFile::open(&path)?;
    let mut i = 0usize;
    let update = time(201, || {
        i += 1;
        let mut x = file.plan().initiatives[i % n].clone();
        x.name = format!("renamed {i}");
        x.duration.likely = x.duration.optimistic;
        Ok(file.apply(Edit::UpdateInitiative(x))?)
    })?;
    println!("{:<44} {:>12}  < 2 ms", "one edit committed (update initiative)", ms(update));
    let mut j = 0usize;
    let add = time(101, || {
        j += 1;
        let mut h = bridger::model::Handoff::fs(&format!("bench-{j}"), &format!("I{}", j), &format!("I{}", n - 1 - j));
        h.owner = "bench".into();
        Ok(file.apply(Edit::AddHandoff(h))?)
    })?;
    println!("{:<44} {:>12}  < 2 ms", "one edit committed (add handoff, cycle check)", ms(add));
    drop(file);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
