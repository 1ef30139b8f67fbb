//! The JSON exchange format is lossless: any plan, exported and read back, is the same
//! plan, floats to the last bit included.

use bridger::io::json;
use bridger::model::{CapacityChange, Distribution, Effort, Initiative, Plan, Position, Risk, RiskStatus, Team};
use proptest::prelude::*;

proptest! {
    #[test]
    fn export_then_import_gives_the_same_plan(
        fte in 0.0f64..1e4, util in 0.0f64..1.0, progress in 0.0f64..1.0, p in 0.0f64..1.0,
        x in -1e6f64..1e6, days in 0.0f64..1e5, name in "\\PC{0,20}", notes in "\\PC{0,40}",
        correlation in prop_oneof![prop::sample::select(vec![0.0f64, -0.0, 1.0]), 0.0f64..1.0],
        steps in prop::collection::btree_map(0i64..3000, 0.0f64..50.0, 0..4),
        delay in prop::option::of(0i32..100_000), priority in 0i32..=1000, value in prop::option::of(0.0f64..1e12),
        target in prop::option::of(0i64..3000), pert in any::<bool>(), basis in prop::option::of("[0-9a-f]{0,16}"),
        status_date in prop::option::of(0i64..3000), review in 1i32..=366, actual in prop::option::of((0i64..3000, prop::option::of(0i64..30))),
        remaining in prop::option::of(0i32..100_000), updated in prop::option::of((prop::option::of(0i64..3000), "\\PC{0,30}")),
    ) {
        let mut plan = Plan::new(&name, chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        let day = |k: i64| chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() + chrono::Duration::days(k);
        let capacity = steps.into_iter().map(|(k, fte)| CapacityChange { from: day(k), fte }).collect();
        plan.teams.push(Team { id: "t".into(), name: name.clone(), fte, utilization_target: util, correlation, capacity, lead: name.clone() });
        plan.target = target.map(day);
        plan.distribution = if pert { Distribution::Pert } else { Distribution::Triangular };
        plan.summary = notes.clone();
        plan.asks = name.clone();
        plan.leveling_basis = basis;
        plan.status_date = status_date.map(day);
        plan.review_every_days = review;
        let mut i = Initiative::new("i", &name, "o", 3);
        i.progress = progress;
        i.position = Some(Position { x, y: -x });
        i.effort.push(Effort { team: "t".into(), person_days: days });
        i.notes = notes;
        i.leveling_delay = delay.unwrap_or(0);
        i.priority = priority;
        i.value = value.unwrap_or(0.0);
        i.actual_start = actual.map(|(s, _)| day(s));
        i.actual_finish = actual.and_then(|(s, f)| Some(day(s + f?)));
        i.remaining = remaining;
        i.updated = updated.map(|(d, at)| bridger::model::Updated { status_date: d.map(day), at });
        plan.initiatives.push(i);
        plan.risks.push(Risk {
            id: "r".into(), title: "t".into(), owner: "o".into(), probability: p, impact: 3,
            mitigation: String::new(), status: RiskStatus::Open, initiatives: vec!["i".into()], schedule_impact: None,
        });
        let back = json::from_str(&json::to_string(&plan), "x.json").unwrap();
        prop_assert_eq!(back, plan);
    }
}
