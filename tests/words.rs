//! What a person reads says what the plan means (issue 26): seams are between teams, one
//! finding per handoff, one risk scale, names rather than ids.

use bridger::health::{self, Finding, Severity};
use bridger::model::{Handoff, Initiative, Plan, Team};
use chrono::NaiveDate;

/// Three initiatives: two of Field (`a`, `b`), one of IT (`c`); `a -> b` inside Field and
/// `b -> c` between Field and IT, both handoffs with an assumption nobody owns or confirmed.
fn field_and_it() -> Plan {
    let mut plan = Plan::new("Seams", NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
    plan.teams.push(Team::new("field", "Field", 3.0));
    plan.teams.push(Team::new("it", "IT", 3.0));
    for (id, name, team) in [("a", "Survey", "field"), ("b", "Install", "field"), ("c", "Network", "it")] {
        let mut i = Initiative::new(id, name, "Ana", 5);
        i.team = Some(team.into());
        plan.initiatives.push(i);
    }
    for (id, from, to) in [("h-ab", "a", "b"), ("h-bc", "b", "c")] {
        let mut h = Handoff::fs(id, from, to);
        h.assumption = "the work is signed off".into();
        plan.handoffs.push(h);
    }
    plan
}

fn about<'a>(findings: &'a [Finding], subject: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.subject == subject).collect()
}

#[test]
fn a_handoff_inside_one_team_is_no_warning() {
    let findings = health::check(&field_and_it()).findings;
    let inside = about(&findings, "h-ab");
    assert!(inside.iter().all(|f| f.severity == Severity::Info), "{inside:#?}");
    assert_eq!(inside.len(), 1, "one note, not two: {inside:#?}");
}

#[test]
fn an_unowned_and_unconfirmed_seam_is_one_warning() {
    let findings = health::check(&field_and_it()).findings;
    let seam = about(&findings, "h-bc");
    assert_eq!(seam.len(), 1, "{seam:#?}");
    assert_eq!(seam[0].severity, Severity::Warning);
    assert_eq!(seam[0].code, "unowned-handoff");
    assert!(seam[0].message.contains("Install → Network") && seam[0].message.contains("not confirmed"), "{}", seam[0].message);
}

#[test]
fn a_seam_with_an_end_of_no_team_is_a_warning() {
    let mut plan = field_and_it();
    plan.initiatives[1].team = None;
    let findings = health::check(&plan).findings;
    let inside = about(&findings, "h-ab");
    assert_eq!(inside.iter().filter(|f| f.severity == Severity::Warning).count(), 1, "{inside:#?}");
}
