//! Every PSPLIB j30 and j60 instance (960 files) loads, and the CPM makespan with
//! resources ignored equals the critical-path length the instance itself states
//! (`MPM-Time`). The benchmark files live in `../shared/benchmarks/psplib`.

use std::path::{Path, PathBuf};

use bridger::io::psplib;
use chrono::NaiveDate;

fn benchmarks() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/psplib")
}

fn instances(set: &str) -> Vec<PathBuf> {
    let dir = benchmarks().join(set);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sm"))
        .collect();
    files.sort();
    files
}

#[test]
fn cpm_makespan_equals_mpm_time_on_all_j30_and_j60_instances() {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for set in ["j30", "j60"] {
        let files = instances(set);
        assert_eq!(files.len(), 480, "{set}: expected 480 instances");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let inst = psplib::parse(&text, &f.display().to_string(), start).unwrap_or_else(|e| panic!("{e}"));
            let jobs = if set == "j30" { 32 } else { 62 };
            assert_eq!(inst.plan.initiatives.len(), jobs, "{}", f.display());
            assert_eq!(inst.plan.teams.len(), 4, "{}", f.display());
            let errors = bridger::health::check(&inst.plan).errors;
            assert!(errors.is_empty(), "{}: {errors:?}", f.display());
            let mpm = inst.mpm_time.unwrap_or_else(|| panic!("{}: no MPM-Time", f.display()));
            let cpm = bridger::schedule::cpm(&inst.plan).unwrap();
            if cpm.makespan != mpm {
                failures.push(format!("{}: cpm {} != MPM-Time {}", f.display(), cpm.makespan, mpm));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 960);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn j30_optimal_makespans_are_never_below_the_critical_path() {
    // A resource-feasible schedule can only be as long as the critical path or longer:
    // this ties the importer to the published optima that leveling will be judged by.
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let opt = std::fs::read_to_string(benchmarks().join("j30opt.sm")).unwrap();
    let mut rows = 0;
    for line in opt.lines() {
        let nums: Vec<i64> = line.split_whitespace().map_while(|t| t.parse().ok()).collect();
        if nums.len() < 3 {
            continue;
        }
        let f = benchmarks().join(format!("j30/j30{}_{}.sm", nums[0], nums[1]));
        let inst = psplib::parse(&std::fs::read_to_string(&f).unwrap(), "j30", start).unwrap();
        let cp = bridger::schedule::cpm(&inst.plan).unwrap().makespan;
        assert!(nums[2] >= cp, "{}: optimum {} below critical path {}", f.display(), nums[2], cp);
        rows += 1;
    }
    assert_eq!(rows, 480);
}

#[test]
fn malformed_sm_files_are_refused_with_the_line() {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let good = std::fs::read_to_string(benchmarks().join("j30/j301_1.sm")).unwrap();
    let bad = good.replacen("PRECEDENCE RELATIONS:", "PRECEDENCE:", 1);
    let e = psplib::parse(&bad, "bad.sm", start).unwrap_err().to_string();
    assert!(e.contains("bad.sm") && e.contains("PRECEDENCE RELATIONS"), "{e}");
    // A successor number that is not a number names the line it is on.
    let lines: Vec<&str> = good.lines().collect();
    let k = lines.iter().position(|l| l.trim_start().starts_with("jobnr.")).unwrap() + 2;
    let mut broken: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    broken[k] = broken[k].replacen(" 1 ", " x ", 1);
    let e = psplib::parse(&broken.join("\n"), "broken.sm", start).unwrap_err().to_string();
    assert!(e.contains(&format!("line {}", k + 1)), "{e}");
    assert!(psplib::parse("", "empty.sm", start).is_err());
}
