//! PSPLIB single-mode `.sm` instances: the public benchmark of resource-constrained
//! project scheduling (Kolisch and Sprecher).
//!
//! Jobs become initiatives (`job-1` .. `job-N`), precedence relations finish-to-start
//! handoffs, renewable resources teams whose `fte` is the availability, and each job's
//! demand on a resource becomes effort of that team (demand x duration person-days).

use chrono::NaiveDate;

use super::IoError;
use crate::model::{Effort, Handoff, Initiative, Plan, Team};
use crate::schedule::level;

/// The largest `.sm` file read (the benchmark's files are a few kB; generated instances of
/// 100,000 jobs a few MB).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The text of the `.sm` file at `path`: a regular file of at most [`MAX_BYTES`].
pub fn read_text(path: &std::path::Path) -> Result<String, IoError> {
    Ok(super::input::read_text(path, MAX_BYTES, "a PSPLIB .sm file")?)
}

/// Reads the `.sm` file at `path` as an instance ([`parse_rcpsp`]); errors name the file.
pub fn read_rcpsp(path: &std::path::Path) -> Result<Rcpsp, IoError> {
    parse_rcpsp(&read_text(path)?, &path.display().to_string())
}

/// Reads the `.sm` file at `path` into a plan ([`parse`]); errors name the file.
pub fn read_file(path: &std::path::Path, start: NaiveDate) -> Result<Instance, IoError> {
    parse(&read_text(path)?, &path.display().to_string(), start)
}

/// A parsed instance and the reference numbers from its header.
#[derive(Debug, Clone)]
pub struct Instance {
    pub plan: Plan,
    /// The critical-path length with resources ignored, as the file states it.
    pub mpm_time: Option<i64>,
    pub horizon: Option<i64>,
}

struct Lines<'a> {
    what: &'a str,
    lines: Vec<&'a str>,
    at: usize,
}

impl<'a> Lines<'a> {
    fn err(&self, line: usize, message: impl Into<String>) -> IoError {
        IoError::Psplib { what: self.what.to_string(), line: line + 1, message: message.into() }
    }

    /// Moves past the line starting with `header`, or fails naming it.
    fn seek(&mut self, header: &str) -> Result<usize, IoError> {
        while self.at < self.lines.len() {
            let l = self.lines[self.at];
            self.at += 1;
            if l.trim_start().starts_with(header) {
                return Ok(self.at - 1);
            }
        }
        Err(self.err(self.lines.len().saturating_sub(1), format!("no '{header}' section")))
    }

    /// Rows of whitespace-separated integers until a separator line (`***` or `---`).
    fn numbers_until_rule(&mut self) -> Result<Vec<(usize, Vec<i64>)>, IoError> {
        let mut rows = Vec::new();
        while self.at < self.lines.len() {
            let k = self.at;
            let l = self.lines[k].trim();
            self.at += 1;
            if l.starts_with("***") || l.starts_with("===") {
                break;
            }
            if l.is_empty() || l.starts_with("---") {
                continue;
            }
            let mut nums = Vec::new();
            for tok in l.split_whitespace() {
                nums.push(tok.parse::<i64>().map_err(|_| self.err(k, format!("expected a number, found '{tok}'")))?);
            }
            rows.push((k, nums));
        }
        Ok(rows)
    }
}

fn field_after_colon(l: &str) -> Option<i64> {
    l.split(':').nth(1)?.split_whitespace().next()?.parse().ok()
}

/// One job of an instance, numbered from 0 in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub duration: i64,
    /// Successors (finish-to-start, no lag), numbered from 0.
    pub successors: Vec<usize>,
    /// Demand per period on each renewable resource.
    pub demand: Vec<i64>,
    /// The 1-based line of the job's request row (for errors about its demands).
    pub line: usize,
    /// The 1-based line of the job's precedence row (for errors about its successors).
    pub successors_line: usize,
}

/// An instance as the solver needs it: jobs, precedence and capacities, no plan around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rcpsp {
    pub jobs: Vec<Job>,
    /// Availability of each renewable resource per period.
    pub capacity: Vec<i64>,
    /// The critical-path length with resources ignored, as the file states it.
    pub mpm_time: Option<i64>,
    pub horizon: Option<i64>,
}

impl Rcpsp {
    /// The leveling problem: each job an activity, each precedence a gap of the
    /// predecessor's duration, each resource's capacity constant from period 0.
    pub fn problem(&self) -> Result<level::Problem, level::LevelError> {
        let mut input = level::Input {
            duration: self.jobs.iter().map(|j| j.duration).collect(),
            capacity: self.capacity.iter().map(|c| vec![(0, *c)]).collect(),
            ..level::Input::default()
        };
        for (k, j) in self.jobs.iter().enumerate() {
            for &s in &j.successors {
                let gap = i32::try_from(j.duration).unwrap_or(i32::MAX);
                input.gaps.push(level::Gap { from: k as u32, to: s as u32, gap });
            }
            for (r, d) in j.demand.iter().enumerate() {
                if *d != 0 {
                    input.demand.push((k, r, *d));
                }
            }
        }
        level::Problem::new(&input)
    }
}

/// Parses an `.sm` file into its jobs and resources; `what` names it in errors.
pub fn parse_rcpsp(text: &str, what: &str) -> Result<Rcpsp, IoError> {
    let mut r = Lines { what, lines: text.lines().collect(), at: 0 };
    let horizon = r.lines.iter().find(|l| l.trim_start().starts_with("horizon")).and_then(|l| field_after_colon(l));
    let renewable = {
        let k = r.lines.iter().position(|l| l.trim_start().starts_with("- renewable")).ok_or_else(|| r.err(0, "no '- renewable' line"))?;
        field_after_colon(r.lines[k]).ok_or_else(|| r.err(k, "cannot read the number of renewable resources"))? as usize
    };
    r.seek("PROJECT INFORMATION")?;
    let header = r.seek("pronr.")?;
    let mpm_col = r.lines[header].split_whitespace().position(|t| t == "MPM-Time");
    let info = r.numbers_until_rule()?;
    let mpm_time = match (mpm_col, info.first()) {
        (Some(c), Some((_, row))) => row.get(c).copied(),
        _ => None,
    };

    r.seek("PRECEDENCE RELATIONS")?;
    r.seek("jobnr.")?;
    let prec = r.numbers_until_rule()?;
    let n = prec.len();
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let succ_lines: Vec<usize> = prec.iter().map(|(line, _)| line + 1).collect();
    for (k, (line, row)) in prec.iter().enumerate() {
        if row.len() < 3 {
            return Err(r.err(*line, "a precedence row needs job, modes and successor count"));
        }
        let count = usize::try_from(row[2]).map_err(|_| r.err(*line, "negative successor count"))?;
        if row.len() != 3 + count {
            return Err(r.err(*line, format!("job {} lists {} successors but names {}", row[0], count, row.len() - 3)));
        }
        let job = row[0];
        if job < 1 || job as usize > n {
            return Err(r.err(*line, format!("job {job} is out of range 1..{n}")));
        }
        if job != (k + 1) as i64 {
            return Err(r.err(*line, format!("expected job {}, found {}", k + 1, job)));
        }
        for &s in &row[3..] {
            if s < 1 || s as usize > n {
                return Err(r.err(*line, format!("job {job} names successor {s}, out of range 1..{n}")));
            }
            succs[k].push(s as usize - 1);
        }
    }

    r.seek("REQUESTS/DURATIONS")?;
    r.seek("jobnr.")?;
    let req = r.numbers_until_rule()?;
    if req.len() != n {
        return Err(
            r.err(req.first().map(|x| x.0).unwrap_or(0), format!("{} jobs in precedence relations but {} in requests", n, req.len()))
        );
    }

    r.seek("RESOURCEAVAILABILITIES")?;
    r.at += 1; // the "R 1  R 2 ..." line
    let avail = r.numbers_until_rule()?;
    let avail = avail.first().ok_or_else(|| r.err(r.at, "no resource availabilities"))?;
    if avail.1.len() < renewable {
        return Err(r.err(avail.0, format!("{} renewable resources but {} availabilities", renewable, avail.1.len())));
    }
    for (k, cap) in avail.1.iter().take(renewable).enumerate() {
        if *cap < 0 {
            return Err(r.err(avail.0, format!("resource R{} has a negative availability ({cap})", k + 1)));
        }
    }

    let mut jobs = Vec::with_capacity(n);
    for ((k, (line, row)), (successors, successors_line)) in req.iter().enumerate().zip(succs.into_iter().zip(succ_lines)) {
        if row.len() < 3 + renewable {
            return Err(r.err(*line, format!("expected job, mode, duration and {renewable} demands")));
        }
        let job = row[0];
        if job != (k + 1) as i64 {
            return Err(r.err(*line, format!("expected job {}, found {}", k + 1, job)));
        }
        if row[2] < 0 {
            return Err(r.err(*line, format!("job {job} has a negative duration ({})", row[2])));
        }
        if let Some(d) = row[3..3 + renewable].iter().find(|d| **d < 0) {
            return Err(r.err(*line, format!("job {job} has a negative demand ({d})")));
        }
        jobs.push(Job { duration: row[2], successors, demand: row[3..3 + renewable].to_vec(), line: line + 1, successors_line });
    }
    Ok(Rcpsp { jobs, capacity: avail.1[..renewable].to_vec(), mpm_time, horizon })
}

/// Parses an `.sm` file into a plan; `what` names it in errors.
pub fn parse(text: &str, what: &str, start: NaiveDate) -> Result<Instance, IoError> {
    let inst = parse_rcpsp(text, what)?;
    let stem = what.rsplit('/').next().unwrap_or(what).trim_end_matches(".sm");
    let mut plan = Plan::new(&format!("PSPLIB {stem}"), start);
    for (k, cap) in inst.capacity.iter().enumerate() {
        plan.teams.push(Team { utilization_target: 1.0, ..Team::new(&format!("R{}", k + 1), &format!("Resource {}", k + 1), *cap as f64) });
    }
    for (k, j) in inst.jobs.iter().enumerate() {
        let job = k as i64 + 1;
        let days = i32::try_from(j.duration).map_err(|_| IoError::Psplib {
            what: what.to_string(),
            line: j.line,
            message: "duration out of range".into(),
        })?;
        let mut i = Initiative::new(&format!("job-{job}"), &format!("Job {job}"), "PSPLIB", days);
        for (res, demand) in j.demand.iter().enumerate() {
            if *demand != 0 {
                // Checked: demand 2^62 x 4 days once wrapped around to 0 person-days.
                let person_days = demand.checked_mul(j.duration).ok_or_else(|| IoError::PsplibEffort {
                    what: what.to_string(),
                    line: j.line,
                    job,
                    resource: res + 1,
                    demand: *demand,
                    days: j.duration,
                })?;
                i.effort.push(Effort { team: format!("R{}", res + 1), person_days: person_days as f64 });
            }
        }
        plan.initiatives.push(i);
    }
    for (k, j) in inst.jobs.iter().enumerate() {
        for s in &j.successors {
            let (a, b) = (k + 1, s + 1);
            plan.handoffs.push(Handoff::fs(&format!("job-{a}>job-{b}"), &format!("job-{a}"), &format!("job-{b}")));
        }
    }
    Ok(Instance { plan, mpm_time: inst.mpm_time, horizon: inst.horizon })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = include_str!("../../fuzz/corpus/psplib/tiny.sm");

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default()
    }

    #[test]
    fn effort_is_demand_times_duration() {
        let inst = parse(TINY, "tiny.sm", start()).unwrap();
        let job3 = &inst.plan.initiatives[2];
        let effort: Vec<(&str, f64)> = job3.effort.iter().map(|e| (e.team.as_str(), e.person_days)).collect();
        assert_eq!(effort, [("R1", 10.0), ("R2", 15.0)]);
        assert_eq!(inst.mpm_time, Some(7));
    }

    /// Demand 2^62 for 4 days once wrapped around to 0 person-days and imported silently.
    #[test]
    fn an_effort_that_overflows_is_a_named_error_on_its_line() {
        let text = TINY.replace("  3      1     5       2    3", "  3      1     4       4611686018427387904    3");
        let line = text.lines().position(|l| l.contains("4611686018427387904")).unwrap() + 1;
        let e = parse(&text, "big.sm", start()).unwrap_err();
        assert!(matches!(e, IoError::PsplibEffort { job: 3, resource: 1, .. }), "{e:?}");
        let shown = e.to_string();
        assert!(shown.starts_with(&format!("big.sm: line {line}: job 3 demands 4611686018427387904 of resource R1")), "{shown}");
    }
}
