//! The fingerprint of what a leveling is computed from, so that a later edit that changes
//! those inputs can be told apart from one that does not.
//!
//! An accepted leveling is kept as a delay per initiative (`leveling_delay`) and the
//! fingerprint of its inputs (`Plan::leveling_basis`). When the plan's fingerprint no
//! longer matches, the delays were computed for another plan and `health` says the
//! leveling is stale. The fingerprint covers what moves a levelled schedule: the plan's
//! start and calendar, each initiative's likely duration, status, progress, effort per
//! team (or its team, when the effort is assumed), start-no-earlier-than constraint and
//! whether it is deferred (deferred work is out of the leveling), the handoffs (ends, kind,
//! lag), and each team's people, utilization target and capacity changes. It leaves out the
//! leveling delays themselves (accepting a leveling must not make it stale) and everything a
//! leveling does not read: names, owners, notes, positions, deadlines, risks, sites, waves
//! and the priorities work serves (they order what to stop, not the leveling).
//!
//! The hash is FNV-1a (64 bits), written here so that it is the same on every machine,
//! in every build and every release (std's hasher is seeded per process). Entities are
//! taken in id order, so the order of the lists does not matter.

use super::{Plan, Status};

/// A stable fingerprint of the plan's leveling inputs: `lv1-` and 16 hex digits. The
/// prefix names the recipe, so a future change of what is covered is never mistaken for
/// a match.
pub fn leveling_fingerprint(plan: &Plan) -> String {
    let mut h = Fnv::new();
    start_and_calendar(&mut h, plan);

    let mut teams: Vec<_> = plan.teams.iter().collect();
    teams.sort_by(|a, b| a.id.cmp(&b.id));
    h.str("teams");
    h.u64(teams.len() as u64);
    for t in teams {
        h.str(&t.id);
        h.f64(t.fte);
        h.f64(t.utilization_target);
        h.u64(t.capacity.len() as u64);
        for c in &t.capacity {
            h.str(&c.from.to_string());
            h.f64(c.fte);
        }
    }

    let mut initiatives: Vec<_> = plan.initiatives.iter().collect();
    initiatives.sort_by(|a, b| a.id.cmp(&b.id));
    h.str("initiatives");
    h.u64(initiatives.len() as u64);
    for i in initiatives {
        h.str(&i.id);
        h.i64(i64::from(i.duration.likely));
        h.u64(Status::ALL.iter().position(|s| *s == i.status).unwrap_or(0) as u64);
        h.f64(i.progress);
        actuals(&mut h, i);
        h.str(&i.start_no_earlier_than.map(|d| d.to_string()).unwrap_or_default());
        pin(&mut h, i);
        let mut effort: Vec<_> = i.effort.iter().collect();
        effort.sort_by(|a, b| a.team.cmp(&b.team));
        h.u64(effort.len() as u64);
        for e in effort {
            h.str(&e.team);
            h.f64(e.person_days);
        }
        // Work stating no effort loads its team (`Initiative::effort_by_team`): its team is
        // an input then. Hashed only then, so plans that state their effort keep their bytes.
        if let (true, Some(team)) = (i.effort_is_assumed(), &i.team) {
            h.str("assumed");
            h.str(team);
        }
        deferral(&mut h, i);
    }

    handoffs(&mut h, plan);
    format!("lv1-{:016x}", h.0)
}

/// A stable fingerprint of what a simulation reads (`sim1-` and 16 hex digits): the start,
/// calendar, target and distribution; each initiative's three-point estimate, status,
/// progress, start-no-earlier-than, leveling delay, team, wave and whether it is deferred;
/// the handoffs; each team's correlation; each risk's probability, status, the initiatives
/// it hits and its schedule impact. A kept forecast is stale when this changes, and only then: a name, a
/// note, an owner, a card's position, the summary or the asks do not move a date.
pub fn simulation_fingerprint(plan: &Plan) -> String {
    let mut h = Fnv::new();
    start_and_calendar(&mut h, plan);
    h.str(&plan.target.map(|d| d.to_string()).unwrap_or_default());
    h.str(plan.distribution.as_str());
    let mut teams: Vec<_> = plan.teams.iter().collect();
    teams.sort_by(|a, b| a.id.cmp(&b.id));
    h.u64(teams.len() as u64);
    for t in teams {
        h.str(&t.id);
        h.f64(t.correlation);
    }
    let mut initiatives: Vec<_> = plan.initiatives.iter().collect();
    initiatives.sort_by(|a, b| a.id.cmp(&b.id));
    h.str("initiatives");
    h.u64(initiatives.len() as u64);
    for i in initiatives {
        h.str(&i.id);
        h.i64(i64::from(i.duration.optimistic));
        h.i64(i64::from(i.duration.likely));
        h.i64(i64::from(i.duration.pessimistic));
        h.u64(Status::ALL.iter().position(|s| *s == i.status).unwrap_or(0) as u64);
        h.f64(i.progress);
        actuals(&mut h, i);
        h.str(&i.start_no_earlier_than.map(|d| d.to_string()).unwrap_or_default());
        pin(&mut h, i);
        h.i64(i64::from(i.leveling_delay));
        h.str(i.team.as_deref().unwrap_or(""));
        h.str(i.wave.as_deref().unwrap_or(""));
        deferral(&mut h, i);
    }
    handoffs(&mut h, plan);
    let mut risks: Vec<_> = plan.risks.iter().collect();
    risks.sort_by(|a, b| a.id.cmp(&b.id));
    h.str("risks");
    h.u64(risks.len() as u64);
    for r in risks {
        h.str(&r.id);
        h.f64(r.probability);
        h.str(r.status.as_str());
        let mut hits = r.initiatives.clone();
        hits.sort();
        h.u64(hits.len() as u64);
        for id in &hits {
            h.str(id);
        }
        match r.schedule_impact {
            Some(e) => {
                h.u64(1);
                h.i64(i64::from(e.optimistic));
                h.i64(i64::from(e.likely));
                h.i64(i64::from(e.pessimistic));
            }
            None => h.u64(0),
        }
    }
    format!("sim1-{:016x}", h.0)
}

/// The plan's start and working calendar (holidays in date order), as both fingerprints
/// read them.
fn start_and_calendar(h: &mut Fnv, plan: &Plan) {
    h.str("start");
    h.str(&plan.start.to_string());
    h.str("calendar");
    h.u64(plan.calendar.working_days.len() as u64);
    for d in &plan.calendar.working_days {
        h.u64(u64::from(d.num_days_from_monday()));
    }
    let mut holidays = plan.calendar.holidays.clone();
    holidays.sort();
    holidays.dedup();
    h.u64(holidays.len() as u64);
    for d in &holidays {
        h.str(&d.to_string());
    }
    // Hashed only when set, so that a plan without one keeps its fingerprint.
    if let Some(d) = plan.status_date {
        h.str("status date");
        h.str(&d.to_string());
    }
}

/// An initiative's actual dates and remaining work, only when one is set (a plan without
/// An initiative's pin, hashed only when it has one, so that the fingerprint of a plan
/// without pins is what it was before pins existed.
fn pin(h: &mut Fnv, i: &crate::model::Initiative) {
    if let Some(p) = i.pinned {
        h.str("pinned");
        h.str(p.at.as_str());
        h.str(&p.date.to_string());
    }
}

/// progress over time keeps the fingerprint it had before these fields).
fn actuals(h: &mut Fnv, i: &super::Initiative) {
    if i.actual_start.is_some() || i.actual_finish.is_some() || i.remaining.is_some() {
        h.str("actuals");
        h.str(&i.actual_start.map(|d| d.to_string()).unwrap_or_default());
        h.str(&i.actual_finish.map(|d| d.to_string()).unwrap_or_default());
        h.i64(i.remaining.map_or(-1, i64::from));
    }
}

/// Whether the work is deferred (out of the schedule, the leveling and the forecast), only
/// when it is (a plan with no deferred work keeps the fingerprint it had before deferral).
/// The day and the reason move nothing: only being deferred is hashed.
fn deferral(h: &mut Fnv, i: &super::Initiative) {
    if i.is_deferred() {
        h.str("deferred");
    }
}

/// The handoffs in id order: ends, kind and lag.
fn handoffs(h: &mut Fnv, plan: &Plan) {
    let mut handoffs: Vec<_> = plan.handoffs.iter().collect();
    handoffs.sort_by(|a, b| a.id.cmp(&b.id));
    h.str("handoffs");
    h.u64(handoffs.len() as u64);
    for x in handoffs {
        h.str(&x.id);
        h.str(&x.from);
        h.str(&x.to);
        h.str(x.kind.as_str());
        h.i64(i64::from(x.lag));
    }
}

/// What the map's layout reads of a plan, in the plan's order (order matters to a layout):
/// the initiatives' ids, names (a card's height), teams, waves, sites and hand-placed positions, the handoffs' ids
/// and ends, the teams, the waves with their order and the sites (what `layout::Graph::new`,
/// `group_keys` and `finish` read). The window keeps the layout it last drew with this, in the
/// file and in its history: a plan with the same fingerprint (reopened, or after an undo) is
/// drawn exactly as it was then.
pub fn layout_fingerprint(plan: &Plan) -> String {
    let mut h = Fnv::new();
    let opt = |h: &mut Fnv, s: &Option<String>| match s {
        Some(s) => {
            h.u64(1);
            h.str(s);
        }
        None => h.u64(0),
    };
    h.str("initiatives");
    h.u64(plan.initiatives.len() as u64);
    for i in &plan.initiatives {
        h.str(&i.id);
        // the card is as tall as its name needs
        h.str(&i.name);
        opt(&mut h, &i.team);
        opt(&mut h, &i.wave);
        opt(&mut h, &i.site);
        match i.position {
            Some(p) => {
                h.u64(1);
                h.f64(p.x);
                h.f64(p.y);
            }
            None => h.u64(0),
        }
    }
    h.str("handoffs");
    h.u64(plan.handoffs.len() as u64);
    for x in &plan.handoffs {
        h.str(&x.id);
        h.str(&x.from);
        h.str(&x.to);
    }
    h.str("teams");
    h.u64(plan.teams.len() as u64);
    for t in &plan.teams {
        h.str(&t.id);
    }
    h.str("waves");
    h.u64(plan.waves.len() as u64);
    for w in &plan.waves {
        h.str(&w.id);
        h.i64(i64::from(w.order));
    }
    h.str("sites");
    h.u64(plan.sites.len() as u64);
    for s in &plan.sites {
        h.str(&s.id);
    }
    format!("map1-{:016x}", h.0)
}

/// What a folded map reads besides [`layout_fingerprint`]: the waves and sites collapsed
/// (`waves`, `sites`: ids), the names of the waves and sites (a group card's title sets its
/// height) and each site's wave (which wave's card holds its work).
pub fn fold_fingerprint(plan: &Plan, waves: &[String], sites: &[String]) -> String {
    let mut h = Fnv::new();
    for (word, list) in [("waves", waves), ("sites", sites)] {
        h.str(word);
        h.u64(list.len() as u64);
        for id in list {
            h.str(id);
        }
    }
    h.str("wave names");
    for w in &plan.waves {
        h.str(&w.name);
    }
    h.str("site names");
    for s in &plan.sites {
        h.str(&s.name);
        match &s.wave {
            Some(w) => {
                h.u64(1);
                h.str(w);
            }
            None => h.u64(0),
        }
    }
    format!("fold1-{:016x}", h.0)
}

/// FNV-1a, 64 bits. Every value is written with its length or at a fixed width, so two
/// different sequences of values never give the same bytes.
struct Fnv(u64);

impl Fnv {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Fnv {
        Fnv(Self::OFFSET)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn u64(&mut self, x: u64) {
        self.bytes(&x.to_le_bytes());
    }

    fn i64(&mut self, x: i64) {
        self.bytes(&x.to_le_bytes());
    }

    /// -0.0 and 0.0 are one value here (the same capacity, the same progress).
    fn f64(&mut self, x: f64) {
        let x = if x == 0.0 { 0.0 } else { x };
        self.u64(x.to_bits());
    }

    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CapacityChange, Effort, Handoff, Initiative, Team};
    use chrono::NaiveDate;

    fn plan() -> Plan {
        let mut p = Plan::new("p", NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        p.teams.push(Team::new("t", "T", 3.0));
        let mut a = Initiative::new("a", "A", "ann", 5);
        a.effort.push(Effort { team: "t".into(), person_days: 10.0 });
        p.initiatives.push(a);
        p.initiatives.push(Initiative::new("b", "B", "bob", 3));
        p.handoffs.push(Handoff::fs("h", "a", "b"));
        p
    }

    #[test]
    fn known_value_of_fnv1a() {
        // The published FNV-1a 64 test vector for "a".
        let mut h = Fnv::new();
        h.bytes(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn inputs_change_it_and_the_rest_does_not() {
        let base = leveling_fingerprint(&plan());
        assert!(base.starts_with("lv1-") && base.len() == 20, "{base}");
        let same: [fn(&mut Plan); 5] = [
            |p| p.initiatives[0].leveling_delay = 4,
            |p| p.initiatives[0].notes = "moved".into(),
            |p| p.initiatives[0].name = "Other".into(),
            |p| p.initiatives.reverse(),
            |p| p.leveling_basis = Some("x".into()),
        ];
        for change in same {
            let mut p = plan();
            change(&mut p);
            assert_eq!(leveling_fingerprint(&p), base);
        }
        let differ: [fn(&mut Plan); 8] = [
            |p| p.initiatives[0].duration.likely = 6,
            |p| p.initiatives[0].effort[0].person_days = 11.0,
            |p| p.initiatives[0].progress = 0.5,
            |p| p.initiatives[1].status = Status::Done,
            |p| p.handoffs[0].lag = 2,
            |p| p.teams[0].utilization_target = 0.8,
            |p| p.teams[0].capacity.push(CapacityChange { from: NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(), fte: 1.0 }),
            |p| p.handoffs.clear(),
        ];
        for change in differ {
            let mut p = plan();
            change(&mut p);
            assert_ne!(leveling_fingerprint(&p), base);
        }
    }
}
