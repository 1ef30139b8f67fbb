//! `check` names every cycle of a plan (one per tangle of initiatives that reach each
//! other), up to a limit, and counts the rest (issue 11, defect 12: two disjoint cycles
//! used to be reported as one).

use bridger::health::{self, CYCLES_NAMED};
use bridger::model::{Handoff, Initiative, Plan, ValidationError};
use chrono::NaiveDate;

fn plan(initiatives: &[&str], links: &[(&str, &str)]) -> Plan {
    let mut plan = Plan::new("cycles", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    for id in initiatives {
        plan.initiatives.push(Initiative::new(id, id, "o", 1));
    }
    for (k, (from, to)) in links.iter().enumerate() {
        plan.handoffs.push(Handoff::fs(&format!("h{k}"), from, to));
    }
    plan
}

fn cycles(plan: &Plan) -> (Vec<Vec<String>>, Option<usize>) {
    let mut named = Vec::new();
    let mut more = None;
    for e in health::errors(plan) {
        match e {
            ValidationError::Cycle { members } => named.push(members),
            ValidationError::MoreCycles { count } => more = Some(count),
            other => panic!("unexpected error: {other}"),
        }
    }
    (named, more)
}

fn linked(plan: &Plan, cycle: &[String]) -> bool {
    (0..cycle.len()).all(|k| {
        let (a, b) = (&cycle[k], &cycle[(k + 1) % cycle.len()]);
        plan.handoffs.iter().any(|h| &h.from == a && &h.to == b)
    })
}

#[test]
fn two_disjoint_cycles_are_both_named_in_handoff_order() {
    let p = plan(
        &["start", "a", "b", "c", "x", "y", "end"],
        &[("start", "a"), ("a", "b"), ("b", "c"), ("c", "a"), ("start", "x"), ("x", "y"), ("y", "x"), ("c", "end")],
    );
    let (named, more) = cycles(&p);
    assert_eq!(named, vec![vec!["a", "b", "c"], vec!["x", "y"]]);
    assert_eq!(more, None);
    let text: Vec<String> = health::check(&p).errors.iter().map(|e| e.message.clone()).collect();
    assert_eq!(text, ["handoffs form a cycle: a -> b -> c -> a", "handoffs form a cycle: x -> y -> x"]);
}

#[test]
fn a_tangle_is_named_by_its_shortest_cycle_through_its_first_initiative() {
    // a -> b -> c -> d -> a, with a shortcut c -> a: one tangle, named a -> b -> c.
    let p = plan(&["a", "b", "c", "d"], &[("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("c", "a")]);
    let (named, more) = cycles(&p);
    assert_eq!(named, vec![vec!["a", "b", "c"]]);
    assert_eq!(more, None);
}

#[test]
fn past_the_limit_the_other_cycles_are_counted() {
    let n = CYCLES_NAMED + 7;
    let ids: Vec<String> = (0..n).flat_map(|k| [format!("p{k}"), format!("q{k}")]).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let links: Vec<(String, String)> =
        (0..n).flat_map(|k| [(format!("p{k}"), format!("q{k}")), (format!("q{k}"), format!("p{k}"))]).collect();
    let link_refs: Vec<(&str, &str)> = links.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let p = plan(&refs, &link_refs);
    let (named, more) = cycles(&p);
    assert_eq!(named.len(), CYCLES_NAMED);
    assert!(named.iter().all(|c| linked(&p, c)));
    assert_eq!(named[0], vec!["p0", "q0"]);
    assert_eq!(more, Some(7));
    let last = health::check(&p).errors.last().map(|e| e.message.clone()).unwrap_or_default();
    assert!(last.contains("7 more"), "{last}");
}

#[test]
fn a_cycle_through_a_hundred_thousand_initiatives_is_named_without_overflowing() {
    let ids: Vec<String> = (0..100_000).map(|k| format!("i{k}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let links: Vec<(&str, &str)> = (0..ids.len()).map(|k| (refs[k], refs[(k + 1) % ids.len()])).collect();
    let p = plan(&refs, &links);
    let (named, more) = cycles(&p);
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].len(), 100_000);
    assert_eq!(named[0][0], "i0");
    assert_eq!(more, None);
}
