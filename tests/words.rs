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
    assert!(inside.iter().all(|f| f.severity == Severity::Note), "{inside:#?}");
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

/// Point 3: one risk scale. The register's score is the heat map's number (probability level
/// x impact, 1-25), and its band is the band of that number on both.
#[test]
fn the_register_and_the_heat_map_share_one_scale_and_one_set_of_bands() {
    let plan = bridger::demo::plan();
    let cells = bridger::risk::heat_map(&plan);
    for s in bridger::risk::scores(&plan) {
        let value = serde_json::to_value(&s).expect("a score as JSON");
        let score = value["score"].as_f64().expect("a number");
        assert_eq!(score, f64::from(s.probability_level * s.impact), "{} scores its cell", s.id);
        if let Some(cell) = cells.iter().find(|c| c.risks.contains(&s.id)) {
            assert_eq!(cell.band, s.band, "{}: the register's band is the heat map's", s.id);
        }
    }
    let pdf = bridger::brief::render(&plan, &brief_options()).expect("a brief");
    let text = pdf_text(&pdf);
    assert!(text.contains("High: score above 12"), "the heat map's legend speaks of the register's score");
    assert!(!text.contains("impact, 0–5") && text.contains("1–25"), "no second scale");
}

fn brief_options() -> bridger::brief::BriefOptions {
    bridger::brief::BriefOptions {
        paper: bridger::brief::Paper::A4,
        date: NaiveDate::from_ymd_opt(2027, 3, 1).expect("a date"),
        simulation: None,
        since: None,
        record: None,
    }
}

/// The text of a PDF (pdftotext, poppler-utils), runs of white space as one space.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("brief.pdf");
    std::fs::write(&path, pdf).expect("the brief written");
    let o = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Point 4: the demo's decisions, one per cause, in words, with a person or "Needs an owner".
#[test]
fn the_demo_brief_asks_one_decision_per_cause_without_ids() {
    let plan = bridger::demo::plan();
    let text = pdf_text(&bridger::brief::render(&plan, &brief_options()).expect("a brief"));
    let at = text.find("Appendix: decisions needed").expect("the decisions appendix");
    let decisions = &text[at..];
    assert_eq!(decisions.matches("Recover 'First hardware lot shipped to the Columbus DC'").count(), 1, "{decisions}");
    assert_eq!(decisions.matches("Add people to IT (integration, ERP, payments)").count(), 1, "one per team: {decisions}");
    assert!(!decisions.contains("(no owner)"), "{decisions}");
    // A team over capacity: its lead decides (the demo's IT lead), else it needs one.
    let it = plan.team("it").expect("IT");
    let row = decisions.split("Add people to IT (integration, ERP, payments)").nth(1).expect("the IT decision");
    assert!(row.get(..400).unwrap_or(row).contains(&it.lead), "IT's lead {} decides: {row}", it.lead);
    let mut leaderless = plan.clone();
    leaderless.teams.iter_mut().for_each(|t| t.lead.clear());
    let text = pdf_text(&bridger::brief::render(&leaderless, &brief_options()).expect("a brief"));
    let at = text.find("Appendix: decisions needed").expect("the decisions appendix");
    let row = text[at..].split("Add people to IT (integration, ERP, payments)").nth(1).expect("the IT decision");
    assert!(row.get(..400).unwrap_or(row).contains("Needs an owner") && !row.get(..400).unwrap_or(row).contains(&it.lead), "{row}");
    for i in &plan.initiatives {
        assert!(
            !decisions.contains(&format!(" {} ", i.id)) && !decisions.contains(&format!("{},", i.id)),
            "the id {} is shown: {decisions}",
            i.id
        );
    }
    for h in &plan.handoffs {
        assert!(!decisions.contains(&h.id), "the id {} is shown", h.id);
    }
}

/// Point 5: names, not ids, in the capacity findings; numbers agree with their words.
#[test]
fn findings_name_the_work_and_count_in_words() {
    let plan = bridger::demo::plan();
    let findings = health::check(&plan).findings;
    let over: Vec<_> = findings.iter().filter(|f| f.code == "over-allocated").collect();
    assert!(!over.is_empty());
    for f in over {
        for i in &plan.initiatives {
            assert!(!f.message.contains(&format!(" {},", i.id)) && !f.message.ends_with(&format!(" {}", i.id)), "{}", f.message);
        }
    }
    let mut one = field_and_it();
    one.initiatives[0].duration = bridger::model::Estimate { optimistic: 1, likely: 1, pessimistic: 1 };
    let assumed = health::check(&one).findings.into_iter().find(|f| f.code == "effort-assumed" && f.subject == "a").expect("a note");
    assert!(assumed.message.ends_with("its 1 working day"), "{}", assumed.message);
}
