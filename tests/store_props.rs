//! Random sequences of edits, good and bad, on a real plan file. After every edit the
//! file holds exactly the plan in memory, the plan is still valid, and a refused edit
//! changed nothing at all.

use bridger::model::{CapacityChange, Estimate, Handoff, Initiative, Kind, Plan, Risk, RiskStatus, Team};
use bridger::store::{Edit, EntityKind, Patch, PlanFile};
use proptest::prelude::*;

fn base() -> Plan {
    let mut p = Plan::new("props", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    p.teams.push(Team {
        id: "t0".into(),
        name: "T0".into(),
        fte: 3.0,
        utilization_target: 0.65,
        correlation: 0.0,
        lead: String::new(),
        capacity: Vec::new(),
    });
    p.teams.push(Team {
        id: "t1".into(),
        name: "T1".into(),
        fte: 2.0,
        utilization_target: 0.7,
        correlation: 0.0,
        lead: String::new(),
        capacity: Vec::new(),
    });
    for k in 0..4 {
        p.initiatives.push(Initiative::new(&format!("i{k}"), &format!("I{k}"), "o", 2));
    }
    p
}

/// A raw edit over a small id space, so that collisions, cycles and dangling ids happen.
fn edit() -> impl Strategy<Value = Edit> {
    let id = || (0u8..7).prop_map(|k| format!("i{k}"));
    prop_oneof![
        (id(), -2i32..9, prop::option::of(0u8..3)).prop_map(|(id, d, team)| {
            let mut i = Initiative::new(&id, &format!("name {id}"), "o", d);
            i.team = team.map(|t| format!("t{t}"));
            Edit::AddInitiative(i)
        }),
        (id(), 0i32..9, "[a-z ]{0,6}").prop_map(|(id, d, owner)| {
            let mut i = Initiative::new(&id, "renamed", &owner, d);
            i.duration = Estimate { optimistic: d / 2, likely: d, pessimistic: d + 1 };
            Edit::UpdateInitiative(i)
        }),
        id().prop_map(Edit::RemoveInitiative),
        ((0u8..6), id(), id(), -3i32..4, 0u8..4).prop_map(|(h, a, b, lag, k)| {
            let mut x = Handoff::fs(&format!("h{h}"), &a, &b);
            x.lag = lag;
            x.kind = [Kind::FS, Kind::SS, Kind::FF, Kind::SF][k as usize];
            Edit::AddHandoff(x)
        }),
        ((0u8..6), id(), id()).prop_map(|(h, a, b)| Edit::UpdateHandoff(Handoff::fs(&format!("h{h}"), &a, &b))),
        (0u8..6).prop_map(|h| Edit::RemoveHandoff(format!("h{h}"))),
        ((0u8..3), 0.0f64..1.3, 0i32..7, prop::collection::vec(id(), 0..3)).prop_map(|(r, p, i, on)| {
            Edit::AddRisk(Risk {
                id: format!("r{r}"),
                title: "risk".into(),
                owner: "o".into(),
                probability: p,
                impact: i,
                mitigation: String::new(),
                status: RiskStatus::Open,
                initiatives: on,
                schedule_impact: None,
            })
        }),
        (0u8..3).prop_map(|t| Edit::RemoveTeam(format!("t{t}"))),
        // The fields of plan file version 3, in range and out of it.
        ((0u8..3), -0.2f64..1.2, prop::collection::vec((0i64..60, -1.0f64..9.0), 0..4)).prop_map(|(t, correlation, steps)| {
            let day = |k: i64| chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() + chrono::Duration::days(k);
            let mut team = Team::new(&format!("t{t}"), "team", 2.0);
            team.correlation = correlation;
            team.capacity = steps.into_iter().map(|(k, fte)| CapacityChange { from: day(k), fte }).collect();
            Edit::UpdateTeam(team)
        }),
        (id(), -2i32..30, -10i32..1010, -1.0f64..1e6).prop_map(|(id, delay, priority, value)| {
            let fields = serde_json::json!({"leveling_delay": delay, "priority": priority, "value": value});
            Edit::Patch(Patch { kind: EntityKind::Initiative, id, fields: fields.as_object().unwrap().clone() })
        }),
        (prop::option::of(0i64..400), "[a-z ]{0,8}", any::<bool>()).prop_map(|(target, summary, pert)| {
            let target =
                target.map(|k| serde_json::json!(chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() + chrono::Duration::days(k)));
            let fields =
                serde_json::json!({"target": target, "summary": summary, "distribution": if pert { "pert" } else { "triangular" }});
            Edit::Patch(Patch { kind: EntityKind::Plan, id: "plan".into(), fields: fields.as_object().unwrap().clone() })
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_file_always_holds_the_plan_in_memory(edits in prop::collection::vec(edit(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.bridger");
        let mut f = PlanFile::create(&path, &base()).unwrap();
        let mut accepted = 0;
        for e in edits {
            let before = f.plan().clone();
            match f.apply(e.clone()) {
                Ok(()) => accepted += 1,
                Err(_) => prop_assert_eq!(f.plan(), &before, "refused {:?} changed the plan", e),
            }
            let report = bridger::health::check(f.plan());
            prop_assert!(report.errors.is_empty(), "after {:?}: {:?}", e, report.errors);
            let disk = PlanFile::open(&path).unwrap();
            prop_assert_eq!(disk.plan(), f.plan(), "after {:?}", e);
        }
        prop_assert_eq!(f.journal_len().unwrap(), accepted);

        // Undo everything: back to the plan the file was created with; redo everything:
        // back to where the edits left it.
        let last = f.plan().clone();
        while f.undo().unwrap().is_some() {
            prop_assert!(bridger::health::check(f.plan()).errors.is_empty());
        }
        prop_assert_eq!(f.plan(), &base());
        let disk = PlanFile::open(&path).unwrap();
        prop_assert_eq!(disk.plan(), &base());
        let mut redone = 0;
        while f.redo().unwrap().is_some() {
            redone += 1;
        }
        prop_assert_eq!(redone, accepted);
        prop_assert_eq!(f.plan(), &last);
    }
}
