//! The JSON exchange format is lossless: any plan, exported and read back, is the same
//! plan, floats to the last bit included.

use bridger::io::json;
use bridger::model::{Effort, Initiative, Plan, Position, Risk, RiskStatus, Team};
use proptest::prelude::*;

proptest! {
    #[test]
    fn export_then_import_gives_the_same_plan(
        fte in 0.0f64..1e4, util in 0.0f64..1.0, progress in 0.0f64..1.0, p in 0.0f64..1.0,
        x in -1e6f64..1e6, days in 0.0f64..1e5, name in "\\PC{0,20}", notes in "\\PC{0,40}",
    ) {
        let mut plan = Plan::new(&name, chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        plan.teams.push(Team { id: "t".into(), name: name.clone(), fte, utilization_target: util, correlation: 0.0, capacity: Vec::new() });
        let mut i = Initiative::new("i", &name, "o", 3);
        i.progress = progress;
        i.position = Some(Position { x, y: -x });
        i.effort.push(Effort { team: "t".into(), person_days: days });
        i.notes = notes;
        plan.initiatives.push(i);
        plan.risks.push(Risk {
            id: "r".into(), title: "t".into(), owner: "o".into(), probability: p, impact: 3,
            mitigation: String::new(), status: RiskStatus::Open, initiatives: vec!["i".into()], schedule_impact: None,
        });
        let back = json::from_str(&json::to_string(&plan), "x.json").unwrap();
        prop_assert_eq!(back, plan);
    }
}
