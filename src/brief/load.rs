//! The load page: each team's load per week against its capacity, as `crate::capacity`
//! computes them (effort spread evenly over an initiative's working days at the plan's own
//! dates; capacity is the team's people on each working day, with its capacity changes,
//! times its utilization target). The page says how the figures were made.

use chrono::NaiveDate;

use super::facts::Facts;
use super::BriefError;

/// Plans longer than this many working days get no weekly table (400 years of weeks would
/// not be read, and the walk of their days would cost more than the rest of the brief).
const LONGEST: i64 = 100_000;

pub(crate) struct TeamLoad {
    pub name: String,
    /// Per week: (demand, capacity) in person-days.
    pub weeks: Vec<(f64, f64)>,
}

impl TeamLoad {
    /// Weeks whose demand exceeds the capacity.
    pub fn over(&self) -> usize {
        self.weeks.iter().filter(|(d, c)| over(*d, *c)).count()
    }

    /// The highest demand / capacity of a week, and that week's index.
    pub fn peak(&self) -> Option<(f64, usize)> {
        self.weeks
            .iter()
            .enumerate()
            .filter(|(_, (d, _))| *d > 0.0)
            .map(|(k, (d, c))| (if *c > 0.0 { d / c } else { f64::INFINITY }, k))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
    }
}

pub(crate) use crate::capacity::over;

pub(crate) enum Load {
    /// Monday of each week, and each team's figures (in the plan's order of teams).
    Weekly { weeks: Vec<NaiveDate>, teams: Vec<TeamLoad> },
    /// Why there is no table.
    Missing(String),
}

impl Load {
    /// The figures of `capacity::load` (the one rule for load against capacity, which the
    /// over-allocation findings use too), per team and week.
    pub fn compute(facts: &Facts) -> Result<Load, BriefError> {
        let plan = facts.plan;
        if plan.teams.is_empty() {
            return Ok(Load::Missing("the plan has no teams".to_string()));
        }
        if !plan.initiatives.iter().any(crate::model::Initiative::asks_effort) {
            return Ok(Load::Missing("no initiative asks any effort of a team".to_string()));
        }
        let days = facts.schedule.makespan_days;
        if days > LONGEST {
            return Ok(Load::Missing(format!("the plan runs {days} working days, too long for a weekly table")));
        }
        let loads = crate::capacity::load(plan)?;
        let weeks: Vec<NaiveDate> = loads.first().map(|t| t.weeks.iter().map(|w| w.monday).collect()).unwrap_or_default();
        let teams = plan
            .teams
            .iter()
            .zip(&loads)
            .map(|(team, l)| TeamLoad {
                name: team.name.clone(),
                weeks: l.weeks.iter().map(|w| (w.load.max(0.0), w.capacity.max(0.0))).collect(),
            })
            .collect();
        Ok(Load::Weekly { weeks, teams })
    }
}

/// The load page: a grid of teams by week (weeks grouped when there are too many to read),
/// each cell shaded by demand / capacity, then a table per team.
pub(crate) fn page(doc: &mut super::doc::Doc, load: &Load) -> Result<(), BriefError> {
    use super::page::{Align, Font, Stroke};
    use super::style::{self, BAND_LOW, BAND_MEDIUM, CRIT, INK, MUTED, PAPER, RULE};
    use super::table::{table, Cell, Column};

    doc.section("Load per team and week", true)?;
    let (weeks, teams) = match load {
        Load::Missing(why) => return super::doc::note(doc, &format!("Capacity is not computed: {why}.")),
        Load::Weekly { weeks, teams } => (weeks, teams),
    };
    super::doc::note(
        doc,
        "Demand: each initiative's effort spread evenly over its working days at the schedule's early dates (with any accepted leveling). Capacity: the team's people on each working day × its utilization target. A cell over 100% is over capacity.",
    )?;
    let (x0, w) = doc.column();
    let label = 130.0;
    let per = ((weeks.len() as f32 * 11.0) / (w - label)).ceil().max(1.0) as usize;
    let columns = weeks.len().div_ceil(per);
    let cw = (w - label) / columns.max(1) as f32;
    let rh = 16.0;
    doc.need(rh * (teams.len() as f32 + 1.5))?;
    let y0 = doc.y + 4.0;
    let page = doc.page();
    // Column heads: the month where it changes.
    let mut last_month = 0;
    for c in 0..columns {
        let d = weeks[c * per];
        let m = chrono::Datelike::month(&d) + 12 * chrono::Datelike::year(&d) as u32;
        if m != last_month {
            page.line(vec![(x0 + label + c as f32 * cw, y0), (x0 + label + c as f32 * cw, y0 + 10.0)], Stroke::solid(MUTED, 0.5));
            // "Jan 2027" where the year starts or changes, else the month alone: "Jan 27"
            // read as a day (issue 26)
            let text =
                if last_month == 0 || chrono::Datelike::month(&d) == 1 { crate::words::month(d) } else { d.format("%b").to_string() };
            page.text_in(x0 + label + c as f32 * cw + 1.5, y0 + 8.0, 60.0, Align::Left, style::small(), &text)?;
            last_month = m;
        }
    }
    let mut y = y0 + 12.0;
    for t in teams {
        page.text_in(x0, y + 11.0, label - 6.0, Align::Left, style::body_bold(), &t.name)?;
        for c in 0..columns {
            let slice = &t.weeks[c * per..((c + 1) * per).min(t.weeks.len())];
            let (d, cap): (f64, f64) = slice.iter().fold((0.0, 0.0), |a, x| (a.0 + x.0, a.1 + x.1));
            let ratio = if cap > 0.0 {
                d / cap
            } else if d > 0.0 {
                f64::INFINITY
            } else {
                0.0
            };
            let fill = if d <= 0.0 {
                PAPER
            } else if over(d, cap) {
                CRIT
            } else if ratio > crate::capacity::LIGHT_SHARE {
                BAND_MEDIUM
            } else {
                BAND_LOW
            };
            let x = x0 + label + c as f32 * cw;
            page.rect(x, y, cw, rh - 2.0, Some(fill), Some(Stroke::solid(PAPER, 0.6)));
            if cw >= 19.0 && d > 0.0 {
                let text = if ratio.is_finite() { format!("{:.0}", ratio * 100.0) } else { "∞".to_string() };
                let tone = if over(d, cap) { PAPER } else { INK };
                page.text_in(x, y + 10.0, cw, Align::Center, Font::regular(6.0, tone), &text)?;
            }
        }
        y += rh;
    }
    page.line(vec![(x0, y), (x0 + w, y)], Stroke::solid(RULE, 0.4));
    let legend = if per > 1 { format!("Each column is {per} weeks. ") } else { String::new() };
    let mut lx = x0;
    let ly = y + 14.0;
    let light = format!("{:.0}", crate::capacity::LIGHT_SHARE * 100.0);
    for (fill, text) in [(BAND_LOW, format!("up to {light}%")), (BAND_MEDIUM, format!("{light}–100%")), (CRIT, "over capacity".to_string())]
    {
        page.rect(lx, ly - 7.0, 10.0, 8.0, Some(fill), Some(Stroke::solid(MUTED, 0.3)));
        lx += 14.0 + page.text_in(lx + 14.0, ly, 120.0, Align::Left, style::small(), &text)? + 12.0;
    }
    page.text_in(lx, ly, w - (lx - x0), Align::Left, style::small(), &format!("{legend}Numbers: demand as % of capacity."))?;
    doc.y = ly + 12.0;

    let rows: Vec<Vec<Cell>> = teams
        .iter()
        .map(|t| {
            let demand: f64 = t.weeks.iter().map(|x| x.0).sum();
            let capacity: f64 = t.weeks.iter().map(|x| x.1).sum();
            let peak = match t.peak() {
                Some((p, k)) if p.is_finite() => {
                    format!("{:.0}% (week of {})", p * 100.0, weeks.get(k).map(|d| super::doc::short_date(*d)).unwrap_or_default())
                }
                Some(_) => "demand without capacity".to_string(),
                None => "no demand".to_string(),
            };
            let over = t.over();
            vec![
                Cell::new(t.name.clone()).font(style::body_bold()),
                Cell::new(format!("{demand:.0}")),
                Cell::new(format!("{capacity:.0}")),
                Cell::new(if over > 0 { format!("{over} of {}", weeks.len()) } else { "none".to_string() }).font(if over > 0 {
                    Font::bold(8.6, CRIT)
                } else {
                    style::body()
                }),
                Cell::new(peak),
            ]
        })
        .collect();
    table(
        doc,
        &[
            Column::new("Team", 0.28),
            Column::new("Demand (person-days)", 0.15).right(),
            Column::new("Capacity (person-days)", 0.15).right(),
            Column::new("Weeks over capacity", 0.15).right(),
            Column::new("Peak week", 0.27),
        ],
        &rows,
    )
}
