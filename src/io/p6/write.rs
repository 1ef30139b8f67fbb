//! Writing a plan as XER: one project, its calendar, WBS nodes for waves and sites,
//! activities with Bridger's schedule as their early dates, relationships, resources and
//! assignments. What XER has no field for is a finding.

use chrono::NaiveDate;

use super::xer::table;
use super::Finding;
use crate::io::mspdi::Exported;
use crate::model::{Kind, PinAt, Plan, Status};

/// Hours in a working day of the calendar written.
const HOURS_PER_DAY: f64 = 8.0;

fn at(d: NaiveDate, hour: u32) -> String {
    format!("{} {hour:02}:00", super::super::mspdi::XsdDate(d))
}

fn num(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// The plan as XER text (to be written as Windows-1252, `super::encode`), with what the
/// file cannot say.
pub fn to_string(plan: &Plan) -> Exported {
    let mut findings = Vec::new();
    let mut note = |subject: &str, message: String| findings.push(Finding { subject: subject.to_string(), message });
    let schedule = crate::schedule::schedule(plan).ok();
    let work = plan.calendar.anchored(plan.start).ok();
    let mut out = String::new();
    out.push_str(&format!(
        "ERMHDR\t20.12\t{}\tProject\tbridger\tbridger\tdbxDatabaseNoName\tProject Management\tUSD\r\n",
        super::super::mspdi::XsdDate(plan.start)
    ));
    // The data date: the first working day after the status date.
    let data_date = match (plan.status_date, work.as_ref()) {
        (Some(s), Some(w)) => {
            let mut d = s;
            for _ in 0..3700 {
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
                if w.is_working(d) {
                    break;
                }
            }
            d
        }
        _ => plan.start,
    };
    let short: String = plan.name.chars().filter(|c| !c.is_control()).take(40).collect();
    let short = if short.trim().is_empty() { "Bridger".to_string() } else { short };
    let finish = schedule.as_ref().and_then(|s| s.initiatives.iter().map(|i| i.finish_date).max()).unwrap_or(plan.start);
    table(
        &mut out,
        "PROJECT",
        &[
            "proj_id",
            "project_flag",
            "proj_short_name",
            "clndr_id",
            "plan_start_date",
            "last_recalc_date",
            "scd_end_date",
            "def_duration_type",
            "def_task_type",
            "def_complete_pct_type",
        ],
        &[vec![
            "1".into(),
            "Y".into(),
            short.clone(),
            "1".into(),
            at(plan.start, 8),
            at(data_date, 8),
            at(finish, 17),
            "DT_FixedDUR2".into(),
            "TT_Task".into(),
            "CP_Drtn".into(),
        ]],
    );
    let days = plan.calendar.working_days.len() as f64;
    table(
        &mut out,
        "CALENDAR",
        &[
            "clndr_id",
            "default_flag",
            "clndr_name",
            "proj_id",
            "base_clndr_id",
            "clndr_type",
            "day_hr_cnt",
            "week_hr_cnt",
            "month_hr_cnt",
            "year_hr_cnt",
            "clndr_data",
        ],
        &[vec![
            "1".into(),
            "Y".into(),
            "Standard".into(),
            String::new(),
            String::new(),
            "CA_Base".into(),
            num(HOURS_PER_DAY),
            num(HOURS_PER_DAY * days),
            num(HOURS_PER_DAY * days * 4.0),
            num(HOURS_PER_DAY * days * 52.0),
            super::calendar::write(&plan.calendar.working_days, &plan.calendar.holidays),
        ]],
    );
    // WBS: the project node, a node per wave, a node per site under its wave (under a node
    // named for no wave when it has none, so that it does not read back as a wave).
    let mut wbs: Vec<Vec<String>> =
        vec![vec!["1".into(), "1".into(), "Y".into(), String::new(), short.clone(), plan.name.clone(), "1".into()]];
    let wbs_fields = ["wbs_id", "proj_id", "proj_node_flag", "parent_wbs_id", "wbs_short_name", "wbs_name", "seq_num"];
    let wave_node = |k: usize| 100 + k;
    for (k, w) in plan.waves.iter().enumerate() {
        wbs.push(vec![wave_node(k).to_string(), "1".into(), "N".into(), "1".into(), w.id.clone(), w.name.clone(), (k + 1).to_string()]);
    }
    let no_wave = 99;
    if plan.sites.iter().any(|s| s.wave.as_ref().is_none_or(|w| !plan.waves.iter().any(|x| &x.id == w))) {
        wbs.push(vec![no_wave.to_string(), "1".into(), "N".into(), "1".into(), "none".into(), "(no wave)".into(), "0".into()]);
    }
    let site_node = |k: usize| 100_000 + k;
    for (k, s) in plan.sites.iter().enumerate() {
        let parent = s.wave.as_ref().and_then(|w| plan.waves.iter().position(|x| &x.id == w)).map_or(no_wave, wave_node);
        wbs.push(vec![
            site_node(k).to_string(),
            "1".into(),
            "N".into(),
            parent.to_string(),
            s.id.clone(),
            s.name.clone(),
            (k + 1).to_string(),
        ]);
    }
    table(&mut out, "PROJWBS", &wbs_fields, &wbs);
    let teams: Vec<Vec<String>> = plan
        .teams
        .iter()
        .enumerate()
        .map(|(k, t)| vec![(k + 1).to_string(), t.name.clone(), t.id.clone(), "RT_Labor".into(), "1".into()])
        .collect();
    table(&mut out, "RSRC", &["rsrc_id", "rsrc_name", "rsrc_short_name", "rsrc_type", "clndr_id"], &teams);

    let task_fields = [
        "task_id",
        "proj_id",
        "wbs_id",
        "clndr_id",
        "phys_complete_pct",
        "complete_pct_type",
        "task_type",
        "duration_type",
        "status_code",
        "task_code",
        "task_name",
        "total_float_hr_cnt",
        "remain_drtn_hr_cnt",
        "target_drtn_hr_cnt",
        "cstr_date",
        "cstr_type",
        "act_start_date",
        "act_end_date",
        "early_start_date",
        "early_end_date",
        "target_start_date",
        "target_end_date",
    ];
    let mut tasks = Vec::new();
    let mut owners = 0;
    for (k, i) in plan.initiatives.iter().enumerate() {
        let s = schedule.as_ref().and_then(|s| s.initiatives.iter().find(|x| x.id == i.id));
        let wbs_id = match (&i.site, &i.wave) {
            (Some(site), _) if plan.sites.iter().any(|s| &s.id == site) => {
                site_node(plan.sites.iter().position(|s| &s.id == site).unwrap_or(0))
            }
            (_, Some(w)) if plan.waves.iter().any(|x| &x.id == w) => wave_node(plan.waves.iter().position(|x| &x.id == w).unwrap_or(0)),
            _ => 1,
        };
        let milestone = i.is_milestone();
        let hours = f64::from(i.duration.likely) * HOURS_PER_DAY;
        if i.duration.optimistic != i.duration.likely || i.duration.pessimistic != i.duration.likely {
            note(
                &format!("activity {}", i.id),
                format!(
                    "its range {}-{} days is not written (XER has one duration: {})",
                    i.duration.optimistic, i.duration.pessimistic, i.duration.likely
                ),
            );
        }
        if !crate::model::is_stand_in_owner(&i.owner) && !i.owner.trim().is_empty() {
            owners += 1;
        }
        let done = i.status == Status::Done || i.actual_finish.is_some();
        let remaining = if done {
            0.0
        } else if let Some(r) = i.remaining {
            f64::from(r) * HOURS_PER_DAY
        } else {
            hours * (1.0 - i.progress)
        };
        let status = if done {
            "TK_Complete"
        } else if i.actual_start.is_some() || i.progress > 0.0 {
            "TK_Active"
        } else {
            "TK_NotStart"
        };
        let (es, ef, tf) = match s {
            Some(s) if milestone => (at(s.start_date, 8), at(s.start_date, 8), num(s.total_float as f64 * HOURS_PER_DAY)),
            Some(s) => (at(s.start_date, 8), at(s.finish_date, 17), num(s.total_float as f64 * HOURS_PER_DAY)),
            None => (String::new(), String::new(), String::new()),
        };
        let (cstr_date, cstr_type) = match (i.pinned, i.start_no_earlier_than, i.finish_no_later_than) {
            // A pin is P6's mandatory start or finish (the other dates are then not written).
            (Some(p), _, _) if p.at == PinAt::Start => (at(p.date, 8), "CS_MANDSTART".to_string()),
            (Some(p), _, _) => (at(p.date, 17), "CS_MANDFIN".to_string()),
            (None, Some(d), _) => (at(d, 8), "CS_MSOA".to_string()),
            (None, None, Some(d)) => (at(d, 17), "CS_MEOB".to_string()),
            _ => (String::new(), String::new()),
        };
        if i.start_no_earlier_than.is_some() && i.finish_no_later_than.is_some() {
            note(&format!("activity {}", i.id), "has a start-no-earlier-than date and a deadline: only the first is written (the second in cstr_type2 is not read by every tool)".into());
        }
        tasks.push(vec![
            (k + 1).to_string(),
            "1".into(),
            wbs_id.to_string(),
            "1".into(),
            num(i.progress * 100.0),
            "CP_Drtn".into(),
            if milestone { "TT_FinMile" } else { "TT_Task" }.into(),
            "DT_FixedDUR2".into(),
            status.into(),
            i.id.clone(),
            i.name.clone(),
            tf,
            num(remaining),
            num(hours),
            cstr_date,
            cstr_type,
            i.actual_start.map(|d| at(d, 8)).unwrap_or_default(),
            i.actual_finish.map(|d| at(d, 17)).unwrap_or_default(),
            es.clone(),
            ef.clone(),
            es,
            ef,
        ]);
    }
    if owners > 0 {
        note("owners", format!("XER has no field for an activity's owner: the owners of {owners} initiatives are not written"));
    }
    table(&mut out, "TASK", &task_fields, &tasks);
    let index: std::collections::HashMap<&str, usize> = plan.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k + 1)).collect();
    let mut preds = Vec::new();
    for (n, h) in plan.handoffs.iter().enumerate() {
        let (Some(from), Some(to)) = (index.get(h.from.as_str()), index.get(h.to.as_str())) else { continue };
        let kind = match h.kind {
            Kind::FS => "PR_FS",
            Kind::SS => "PR_SS",
            Kind::FF => "PR_FF",
            Kind::SF => "PR_SF",
        };
        preds.push(vec![
            (n + 1).to_string(),
            to.to_string(),
            from.to_string(),
            "1".into(),
            "1".into(),
            kind.into(),
            num(f64::from(h.lag) * HOURS_PER_DAY),
        ]);
    }
    table(&mut out, "TASKPRED", &["task_pred_id", "task_id", "pred_task_id", "proj_id", "pred_proj_id", "pred_type", "lag_hr_cnt"], &preds);
    let mut assignments = Vec::new();
    for (k, i) in plan.initiatives.iter().enumerate() {
        for (team, person_days) in i.effort_by_team() {
            let Some(r) = plan.teams.iter().position(|t| t.id == team) else { continue };
            let hours = person_days * HOURS_PER_DAY;
            assignments.push(vec![
                (assignments.len() + 1).to_string(),
                (k + 1).to_string(),
                "1".into(),
                (r + 1).to_string(),
                num(hours),
                num(hours * (1.0 - i.progress)),
            ]);
        }
    }
    table(&mut out, "TASKRSRC", &["taskrsrc_id", "task_id", "proj_id", "rsrc_id", "target_qty", "remain_qty"], &assignments);
    out.push_str("%E\r\n");
    if !plan.risks.is_empty() {
        note("the plan", format!("its {} risks are not written (XER has no risk register Bridger fills)", plan.risks.len()));
    }
    if plan.handoffs.iter().any(|h| !h.owner.is_empty() || !h.assumption.is_empty()) {
        note("handoffs", "their owners and assumptions are not written (a relationship has no such fields)".into());
    }
    Exported { text: out, findings }
}
