//! What the brief says, gathered once from the core's analyses: the schedule (CPM), the
//! findings (`health`), the risk scores and heat-map cells (`risk`), and lookups from ids to
//! names, teams and owners. The pages only arrange these; none computes a date, a score or
//! a finding of its own.

use rustc_hash::FxHashMap;

use crate::health::{self, Finding, Severity};
use crate::model::{Handoff, Initiative, Plan, Status};
use crate::risk::{self, HeatCell, RiskScore};
use crate::schedule::{Schedule, ScheduledInitiative};

use super::BriefError;

/// A handoff that needs attention: nobody owns it, or the receiving side has not confirmed
/// it (its `confirmed` flag).
pub(crate) struct SeamFact<'p> {
    pub handoff: &'p Handoff,
    pub unowned: bool,
    pub unconfirmed: bool,
    /// The least total float of its two initiatives (working days).
    pub float: i64,
    pub critical: bool,
}

/// One decision for leaders (made by `decide`).
pub(crate) struct Decision {
    pub severity: Severity,
    /// What to decide, in words a leader acts on.
    pub text: String,
    /// The person who must act, or "Needs an owner".
    pub who: String,
}

pub(crate) struct Facts<'p> {
    pub plan: &'p Plan,
    pub schedule: Schedule,
    pub findings: Vec<Finding>,
    pub scores: Vec<RiskScore>,
    pub heat: Vec<HeatCell>,
    /// Initiative id -> (plan index, schedule index).
    index: FxHashMap<&'p str, (usize, usize)>,
    teams: FxHashMap<&'p str, &'p str>,
    handoffs: FxHashMap<&'p str, &'p Handoff>,
    /// Unowned or unconfirmed handoffs, worst first (least float, unowned before unconfirmed).
    pub seams: Vec<SeamFact<'p>>,
    pub unowned: usize,
    pub unconfirmed: usize,
    /// The decisions needed, one per cause: filled by `decide` once the facts are gathered.
    pub decisions: Vec<Decision>,
}

impl<'p> Facts<'p> {
    pub fn gather(plan: &'p Plan) -> Result<Facts<'p>, BriefError> {
        let errors = health::errors(plan);
        if let Some(first) = errors.first() {
            return Err(BriefError::Invalid { count: errors.len(), first: first.to_string() });
        }
        let schedule = crate::schedule::schedule(plan)?;
        let findings = health::findings(plan, Some(&schedule));
        let mut index: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        index.reserve(plan.initiatives.len());
        for (k, i) in plan.initiatives.iter().enumerate() {
            index.entry(i.id.as_str()).or_insert((k, usize::MAX));
        }
        for (s, si) in schedule.initiatives.iter().enumerate() {
            if let Some(e) = index.get_mut(si.id.as_str()) {
                e.1 = s;
            }
        }
        let teams = plan.teams.iter().map(|t| (t.id.as_str(), t.name.as_str())).collect();
        let mut facts = Facts {
            plan,
            schedule,
            findings,
            scores: risk::scores(plan),
            heat: risk::heat_map(plan),
            index,
            teams,
            handoffs: plan.handoffs.iter().rev().map(|h| (h.id.as_str(), h)).collect(),
            seams: Vec::new(),
            unowned: 0,
            unconfirmed: 0,
            decisions: Vec::new(),
        };
        facts.seams = facts.gather_seams();
        facts.unowned = facts.seams.iter().filter(|s| s.unowned).count();
        facts.unconfirmed = facts.seams.iter().filter(|s| s.unconfirmed).count();
        Ok(facts)
    }

    /// Handoffs between two teams (or with an end that has no team) nobody owns or confirmed,
    /// read from each handoff itself (its owner, its `confirmed` flag), not from finding
    /// codes: a handoff with no assumption gets a `no-assumption` finding, not an
    /// `unconfirmed-handoff` one, and was printed "Confirmed: yes" (issue 25). On the
    /// critical path by the schedule's one rule (`schedule::critical_handoffs`).
    fn gather_seams(&self) -> Vec<SeamFact<'p>> {
        let plan = self.plan;
        let on_path: rustc_hash::FxHashSet<String> = crate::schedule::critical_handoffs(&self.schedule).into_iter().collect();
        let mut seams: Vec<SeamFact> = Vec::new();
        for h in &plan.handoffs {
            let (unowned, unconfirmed) = (h.owner.trim().is_empty(), !h.confirmed);
            if !unowned && !unconfirmed {
                continue;
            }
            // A seam joins two teams (or has an end with none): inside one team the team
            // settles it, and `health` says so only as a note (issue 26).
            let team = |id: &str| self.initiative(id).and_then(|i| i.team.as_deref());
            if matches!((team(&h.from), team(&h.to)), (Some(a), Some(b)) if a == b) {
                continue;
            }
            if self.handoffs.get(h.id.as_str()).is_none_or(|first| !std::ptr::eq(*first, h)) {
                continue;
            }
            let ends = [self.scheduled(&h.from), self.scheduled(&h.to)];
            let float = ends.iter().flatten().map(|s| s.total_float).min().unwrap_or(0);
            let critical = on_path.contains(&h.id);
            seams.push(SeamFact { handoff: h, unowned, unconfirmed, float, critical });
        }
        seams.sort_by_key(|s| (!s.critical, s.float, !s.unowned));
        seams
    }

    pub fn initiative(&self, id: &str) -> Option<&'p Initiative> {
        self.index.get(id).map(|(k, _)| &self.plan.initiatives[*k])
    }

    pub fn scheduled(&self, id: &str) -> Option<&ScheduledInitiative> {
        self.index.get(id).and_then(|(_, s)| self.schedule.initiatives.get(*s))
    }

    /// The initiative's name, or its id when there is no such initiative.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.initiative(id).map_or(id, |i| i.name.as_str())
    }

    /// A team's name from its id.
    pub fn team_name<'a>(&'a self, team: Option<&'a str>) -> &'a str {
        match team {
            Some(t) => self.teams.get(t).copied().unwrap_or(t),
            None => "no team",
        }
    }

    /// The team of an initiative, by name.
    pub fn team_of(&self, id: &str) -> &str {
        self.team_name(self.initiative(id).and_then(|i| i.team.as_deref()))
    }

    /// Share of the work done, weighted by each initiative's likely duration (a milestone
    /// counts as one day).
    pub fn progress(&self) -> f64 {
        let (mut done, mut all) = (0.0, 0.0);
        for i in &self.plan.initiatives {
            let w = f64::from(i.duration.likely.max(1));
            let p = if i.status == Status::Done { 1.0 } else { i.progress.clamp(0.0, 1.0) };
            done += w * p;
            all += w;
        }
        if all > 0.0 {
            done / all
        } else {
            0.0
        }
    }

    pub fn count(&self, status: Status) -> usize {
        self.plan.initiatives.iter().filter(|i| i.status == status).count()
    }

    /// Risk scores highest first (open and mitigating only), with their risks.
    pub fn ranked_risks(&self) -> Vec<(&RiskScore, &'p crate::model::Risk)> {
        let mut v: Vec<_> =
            self.scores.iter().zip(&self.plan.risks).filter(|(_, r)| r.status != crate::model::RiskStatus::Closed).collect();
        v.sort_by(|a, b| risk::rank(*a, *b));
        v
    }
}
