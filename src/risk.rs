//! Risk scoring and the 5 x 5 heat map: one place that says how exposed a plan is, so the
//! window's register, its heat map and the PDF brief show the same numbers.
//!
//! A risk's probability (0-1) is shown on a 1-5 scale in fifths (up to 20% is 1, over 80%
//! is 5); its impact is already 1-5. Its score is the product of the two levels (1-25), as
//! on the common 5 x 5 matrix, and its band comes from that same score: up to 4 low, up to
//! 12 medium, above high. One scale (issue 26): the register's score is the number of its
//! heat-map cell, so a risk's score, its cell and its band never disagree. Risks of one
//! score are ranked by their exact probability x impact. (What a risk does to the dates is
//! the forecast's: working days added at P80.)

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Plan, Risk, RiskStatus};

/// The heat map's band of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Low,
    Medium,
    High,
}

/// How one risk scores and where it sits on the heat map.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RiskScore {
    pub id: String,
    /// Probability level x impact, 1-25: the number of its heat-map cell.
    pub score: i32,
    /// Probability on the 1-5 scale.
    pub probability_level: i32,
    pub impact: i32,
    pub band: Band,
}

/// One cell of the 5 x 5 heat map and the risks in it (closed risks are not on the map).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HeatCell {
    /// 1-5, the probability level.
    pub probability: i32,
    /// 1-5.
    pub impact: i32,
    /// The probabilities of the level, as people read them ("21–40%").
    pub probability_range: String,
    pub band: Band,
    /// Ids of the open or mitigating risks in the cell, highest score first.
    pub risks: Vec<String>,
}

/// A probability (0-1) on the 1-5 scale, in fifths.
pub fn probability_level(p: f64) -> i32 {
    if p.is_nan() {
        return 1;
    }
    ((p * 5.0).ceil() as i32).clamp(1, 5)
}

/// The probabilities a level stands for, as the register and the heat map label it; the
/// bounds are those of `probability_level` (0.2 is level 1, 0.21 level 2).
pub fn probability_range(level: i32) -> &'static str {
    match level {
        ..=1 => "≤ 20%",
        2 => "21–40%",
        3 => "41–60%",
        4 => "61–80%",
        _ => "> 80%",
    }
}

/// The highest score of the low band and of the medium band: what the heat map's legend
/// and the register's both say.
pub const LOW_UP_TO: i32 = 4;
pub const MEDIUM_UP_TO: i32 = 12;

/// The band of a score (1-25).
pub fn band_of(score: i32) -> Band {
    match score {
        ..=LOW_UP_TO => Band::Low,
        ..=MEDIUM_UP_TO => Band::Medium,
        _ => Band::High,
    }
}

fn band(probability: i32, impact: i32) -> Band {
    band_of(probability * impact)
}

/// The order risks are listed in: highest score first, then by exact probability x impact,
/// then by id.
pub fn rank(a: (&RiskScore, &Risk), b: (&RiskScore, &Risk)) -> std::cmp::Ordering {
    b.0.score.cmp(&a.0.score).then_with(|| exact(b.1).total_cmp(&exact(a.1))).then_with(|| a.1.id.cmp(&b.1.id))
}

/// Probability x impact without the levels: only to order risks of one score.
fn exact(r: &Risk) -> f64 {
    r.probability * f64::from(r.impact)
}

/// A risk's score and heat-map cell.
pub fn score(r: &Risk) -> RiskScore {
    let probability_level = probability_level(r.probability);
    let impact = r.impact.clamp(1, 5);
    RiskScore { id: r.id.clone(), score: probability_level * impact, probability_level, impact, band: band(probability_level, impact) }
}

/// Every risk's score, in the plan's order.
pub fn scores(plan: &Plan) -> Vec<RiskScore> {
    plan.risks.iter().map(score).collect()
}

/// The 25 cells, highest probability first, then lowest impact first (the order a grid with
/// probability up the side and impact along the bottom is read in).
pub fn heat_map(plan: &Plan) -> Vec<HeatCell> {
    let mut open: Vec<(RiskScore, &Risk)> = plan.risks.iter().filter(|r| r.status != RiskStatus::Closed).map(|r| (score(r), r)).collect();
    open.sort_by(|a, b| rank((&a.0, a.1), (&b.0, b.1)));
    let mut cells = Vec::with_capacity(25);
    for probability in (1..=5).rev() {
        for impact in 1..=5 {
            let risks =
                open.iter().filter(|(s, _)| s.probability_level == probability && s.impact == impact).map(|(s, _)| s.id.clone()).collect();
            cells.push(HeatCell {
                probability,
                impact,
                probability_range: probability_range(probability).into(),
                band: band(probability, impact),
                risks,
            });
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probability_is_shown_in_fifths() {
        let levels: Vec<i32> = [0.0, 0.05, 0.2, 0.21, 0.4, 0.6, 0.8, 0.81, 1.0].iter().map(|&p| probability_level(p)).collect();
        assert_eq!(levels, [1, 1, 1, 2, 2, 3, 4, 5, 5]);
    }

    #[test]
    fn each_level_is_labelled_with_the_probabilities_it_holds() {
        // the label's bounds are the level's: the highest percent of a level and the next one up
        for (p, label) in [(0.2, "≤ 20%"), (0.21, "21–40%"), (0.4, "21–40%"), (0.41, "41–60%"), (0.8, "61–80%"), (0.81, "> 80%")]
        {
            assert_eq!(probability_range(probability_level(p)), label, "{p}");
        }
    }

    #[test]
    fn the_demo_heat_map_holds_every_open_risk_once() {
        let plan = crate::demo::plan();
        let cells = heat_map(&plan);
        assert_eq!(cells.len(), 25);
        let placed: usize = cells.iter().map(|c| c.risks.len()).sum();
        assert_eq!(placed, plan.risks.iter().filter(|r| r.status != RiskStatus::Closed).count());
        for c in &cells {
            for id in &c.risks {
                let s = score(plan.risks.iter().find(|r| &r.id == id).unwrap());
                assert_eq!((s.probability_level, s.impact), (c.probability, c.impact));
            }
        }
        assert_eq!(cells[4].band, Band::High, "5 x 5 is high");
        assert_eq!(cells[20].band, Band::Low, "1 x 1 is low");
    }
}
