//! The leveling solver on PSPLIB: every schedule it reports for the 480 j30 instances is
//! checked by a checker of its own here (its own small `.sm` reader, not the importer):
//! every precedence holds and no resource is over its availability in any period, and no
//! makespan beats the proven optimum. The budget is tiny so that `make test` stays short;
//! the quality at 1 s per instance is a benchmark (`make bench-level`), not a test.

mod common;

use std::path::{Path, PathBuf};

use bridger::io::psplib::parse_rcpsp;
use bridger::schedule::level::{self, Config};

fn benchmarks() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/psplib")
}

/// An instance as this test reads it.
struct Sm {
    duration: Vec<i64>,
    successors: Vec<Vec<usize>>,
    demand: Vec<Vec<i64>>,
    capacity: Vec<i64>,
}

/// A reader written apart from `bridger::io::psplib`: it finds the three tables by their
/// headers and reads their rows of numbers.
fn read_sm(text: &str) -> Sm {
    let lines: Vec<&str> = text.lines().collect();
    let after = |header: &str| -> usize {
        let k = lines.iter().position(|l| l.starts_with(header)).unwrap_or_else(|| panic!("no {header}"));
        k + 1
    };
    let rows = |from: usize| -> Vec<Vec<i64>> {
        lines[from..]
            .iter()
            .take_while(|l| !l.starts_with('*'))
            .filter(|l| {
                !l.trim().is_empty() && !l.starts_with('-') && !l.trim_start().starts_with("jobnr") && !l.trim_start().starts_with('R')
            })
            .map(|l| l.split_whitespace().map(|t| t.parse::<i64>().unwrap()).collect())
            .collect()
    };
    let prec = rows(after("PRECEDENCE RELATIONS:"));
    let req = rows(after("REQUESTS/DURATIONS:"));
    let cap = rows(after("RESOURCEAVAILABILITIES:"));
    assert_eq!(prec.len(), req.len());
    Sm {
        duration: req.iter().map(|r| r[2]).collect(),
        successors: prec.iter().map(|r| r[3..].iter().map(|s| *s as usize - 1).collect()).collect(),
        demand: req.iter().map(|r| r[3..].to_vec()).collect(),
        capacity: cap[0].clone(),
    }
}

/// The broken rules of a schedule, empty when it is feasible.
fn violations(sm: &Sm, start: &[i64]) -> Vec<String> {
    let mut out = Vec::new();
    if start.len() != sm.duration.len() {
        return vec![format!("{} starts for {} jobs", start.len(), sm.duration.len())];
    }
    for (j, succ) in sm.successors.iter().enumerate() {
        if start[j] < 0 {
            out.push(format!("job {} starts at {}", j + 1, start[j]));
        }
        for &s in succ {
            if start[s] < start[j] + sm.duration[j] {
                out.push(format!("job {} starts at {} before job {} ends at {}", s + 1, start[s], j + 1, start[j] + sm.duration[j]));
            }
        }
    }
    let end = (0..start.len()).map(|j| start[j] + sm.duration[j]).max().unwrap_or(0);
    for t in 0..end {
        for (r, cap) in sm.capacity.iter().enumerate() {
            let load: i64 = (0..start.len()).filter(|&j| start[j] <= t && t < start[j] + sm.duration[j]).map(|j| sm.demand[j][r]).sum();
            if load > *cap {
                out.push(format!("resource {} loaded {load} > {cap} in period {t}", r + 1));
            }
        }
    }
    out
}

fn optima() -> std::collections::HashMap<String, i64> {
    let text = std::fs::read_to_string(benchmarks().join("j30opt.sm")).unwrap();
    text.lines()
        .filter_map(|l| {
            let n: Vec<i64> = l.split_whitespace().take(3).map_while(|t| t.parse().ok()).collect();
            (n.len() == 3).then(|| (format!("j30{}_{}.sm", n[0], n[1]), n[2]))
        })
        .collect()
}

#[test]
fn every_j30_schedule_is_feasible_and_no_shorter_than_the_optimum() {
    let optima = optima();
    let dir = benchmarks().join("j30");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "sm")).collect();
    files.sort();
    assert_eq!(files.len(), 480);
    let config = Config { iterations: Some(300), time_limit: None, seed: 7, threads: 1 };
    let (mut failures, mut at_optimum) = (Vec::new(), 0);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let problem = parse_rcpsp(&text, &name).unwrap().problem().unwrap();
        let s = level::solve(&problem, &config, None).unwrap();
        let sm = read_sm(&text);
        let broken = violations(&sm, &s.start);
        if !broken.is_empty() {
            failures.push(format!("{name}: {}", broken.join("; ")));
        }
        let makespan = (0..s.start.len()).map(|j| s.start[j] + sm.duration[j]).max().unwrap();
        assert_eq!(makespan, s.makespan, "{name}: the reported makespan is not the schedule's");
        let opt = optima[&name];
        assert!(s.makespan >= opt, "{name}: makespan {} below the proven optimum {opt}", s.makespan);
        assert!(s.lower_bound <= opt, "{name}: lower bound {} above the proven optimum {opt}", s.lower_bound);
        at_optimum += usize::from(s.makespan == opt);
    }
    assert!(failures.is_empty(), "{} infeasible:\n{}", failures.len(), failures.join("\n"));
    // 300 schedules find about 387 optima with this seed, the first schedule alone 267: a
    // floor that a search which stopped searching would not reach, not a target.
    assert!(at_optimum >= 350, "only {at_optimum} of 480 at their optimum");
}

#[test]
fn the_same_seed_and_iterations_give_the_same_schedule_on_two_threads() {
    let text = std::fs::read_to_string(benchmarks().join("j30/j3013_1.sm")).unwrap();
    let problem = parse_rcpsp(&text, "j3013_1.sm").unwrap().problem().unwrap();
    let config = Config { iterations: Some(3000), time_limit: None, seed: 11, threads: 2 };
    let a = level::solve(&problem, &config, None).unwrap();
    let b = level::solve(&problem, &config, None).unwrap();
    assert_eq!((a.makespan, &a.start), (b.makespan, &b.start));
    assert!(violations(&read_sm(&text), &a.start).is_empty());
}

#[test]
fn psplib_solve_prints_one_start_per_job_and_a_feasible_schedule() {
    let file = benchmarks().join("j30/j301_1.sm");
    let dir = tempfile::tempdir().unwrap();
    let out = common::bridger(dir.path(), &["psplib", "solve", file.to_str().unwrap(), "--iterations", "200", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let starts: Vec<i64> = v["starts"].as_array().unwrap().iter().map(|x| x.as_i64().unwrap()).collect();
    let sm = read_sm(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(starts.len(), 32);
    assert_eq!(violations(&sm, &starts), Vec::<String>::new());
    assert_eq!(v["makespan"].as_i64().unwrap(), starts.iter().zip(&sm.duration).map(|(s, d)| s + d).max().unwrap());
}

#[test]
fn a_malformed_instance_is_refused_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(benchmarks().join("j30/j301_1.sm")).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let k = lines.iter().position(|l| l.starts_with("REQUESTS/DURATIONS")).unwrap() + 4;
    let mut broken: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    broken[k] = broken[k].replacen(" 1 ", " one ", 1);
    let bad = dir.path().join("bad.sm");
    std::fs::write(&bad, broken.join("\n")).unwrap();
    let out = common::bridger(dir.path(), &["psplib", "solve", bad.to_str().unwrap(), "--iterations", "10"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("line {}", k + 1)) && err.contains("bad.sm"), "{err}");
}

#[test]
fn an_instance_no_schedule_can_satisfy_is_refused_naming_the_job_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(benchmarks().join("j30/j301_1.sm")).unwrap();
    let line_of = |text: &str, start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    // Job 5 names job 4 as a successor: 4 -> 5 -> 4.
    let cycle = good.replacen("   5        1          1          20", "   5        1          2          20   4", 1);
    // Job 3 asks 99 of R1, which has 12.
    let greedy = good.replacen("  3      1     4      10    0    0    0", "  3      1     4      99    0    0    0", 1);
    assert_ne!(cycle, good);
    assert_ne!(greedy, good);
    for (name, text, expect) in [
        ("cycle.sm", &cycle, format!("line {}: job 4 is on a cycle", line_of(&cycle, "   4        1"))),
        ("greedy.sm", &greedy, format!("line {}: job 3 needs 99 of R1", line_of(&greedy, "  3      1     4      99"))),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        let out = common::bridger(dir.path(), &["psplib", "solve", name, "--iterations", "10"]);
        assert_eq!(out.status.code(), Some(2));
        let err = common::stderr(&out);
        assert!(err.contains(name) && err.contains(&expect), "{err}");
    }
}

#[test]
fn a_search_shows_its_progress_and_stops_when_cancelled_with_its_best_schedule() {
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};
    let text = std::fs::read_to_string(benchmarks().join("j30/j3029_1.sm")).unwrap();
    let problem = parse_rcpsp(&text, "j3029_1.sm").unwrap().problem().unwrap();
    let watch = level::Watch::default();
    let config = Config { iterations: None, time_limit: Some(Duration::from_secs(60)), seed: 1, threads: 2 };
    let began = Instant::now();
    let s = std::thread::scope(|scope| {
        let run = scope.spawn(|| level::solve(&problem, &config, Some(&watch)).unwrap());
        while watch.schedules.load(Ordering::Relaxed) < 1000 && began.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(5));
        }
        watch.cancel.store(true, Ordering::Relaxed);
        run.join().unwrap()
    });
    assert!(began.elapsed() < Duration::from_secs(30), "cancel did not stop the search");
    assert!(s.schedules >= 1000);
    assert_eq!(watch.schedules.load(Ordering::Relaxed), s.schedules);
    assert_eq!(watch.best.load(Ordering::Relaxed), s.makespan);
    assert!(violations(&read_sm(&text), &s.start).is_empty());
}
