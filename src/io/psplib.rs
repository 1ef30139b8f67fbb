//! PSPLIB single-mode `.sm` instances: the public benchmark of resource-constrained
//! project scheduling (Kolisch and Sprecher).
//!
//! Jobs become initiatives (`job-1` .. `job-N`), precedence relations finish-to-start
//! handoffs, renewable resources teams whose `fte` is the availability, and each job's
//! demand on a resource becomes effort of that team (demand x duration person-days).

use chrono::NaiveDate;

use super::IoError;
use crate::model::{Effort, Handoff, Initiative, Plan, Team};

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

/// Parses an `.sm` file; `what` names it in errors.
pub fn parse(text: &str, what: &str, start: NaiveDate) -> Result<Instance, IoError> {
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
    let mut succs: Vec<(usize, usize, Vec<i64>)> = Vec::with_capacity(n);
    for (line, row) in &prec {
        if row.len() < 3 {
            return Err(r.err(*line, "a precedence row needs job, modes and successor count"));
        }
        let count = usize::try_from(row[2]).map_err(|_| r.err(*line, "negative successor count"))?;
        if row.len() != 3 + count {
            return Err(r.err(*line, format!("job {} lists {} successors but names {}", row[0], count, row.len() - 3)));
        }
        succs.push((*line, row[0] as usize, row[3..].to_vec()));
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

    let stem = what.rsplit('/').next().unwrap_or(what).trim_end_matches(".sm");
    let mut plan = Plan::new(&format!("PSPLIB {stem}"), start);
    for (k, cap) in avail.1.iter().take(renewable).enumerate() {
        plan.teams.push(Team { id: format!("R{}", k + 1), name: format!("Resource {}", k + 1), fte: *cap as f64, utilization_target: 1.0 });
    }
    for (k, (line, row)) in req.iter().enumerate() {
        if row.len() < 3 + renewable {
            return Err(r.err(*line, format!("expected job, mode, duration and {renewable} demands")));
        }
        let job = row[0];
        if job != (k + 1) as i64 {
            return Err(r.err(*line, format!("expected job {}, found {}", k + 1, job)));
        }
        let days = i32::try_from(row[2]).map_err(|_| r.err(*line, "duration out of range"))?;
        let mut i = Initiative::new(&format!("job-{job}"), &format!("Job {job}"), "PSPLIB", days);
        for (res, demand) in row[3..3 + renewable].iter().enumerate() {
            if *demand != 0 {
                // Checked: demand 2^62 x 4 days once wrapped around to 0 person-days.
                let person_days = demand.checked_mul(row[2]).ok_or_else(|| IoError::PsplibEffort {
                    what: what.to_string(),
                    line: line + 1,
                    job,
                    resource: res + 1,
                    demand: *demand,
                    days: row[2],
                })?;
                i.effort.push(Effort { team: format!("R{}", res + 1), person_days: person_days as f64 });
            }
        }
        plan.initiatives.push(i);
    }
    for (line, job, list) in succs {
        if job == 0 || job > n {
            return Err(r.err(line, format!("job {job} is out of range 1..{n}")));
        }
        for s in list {
            if s < 1 || s as usize > n {
                return Err(r.err(line, format!("job {job} names successor {s}, out of range 1..{n}")));
            }
            plan.handoffs.push(Handoff::fs(&format!("job-{job}>job-{s}"), &format!("job-{job}"), &format!("job-{s}")));
        }
    }
    Ok(Instance { plan, mpm_time, horizon })
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
