//! The decisions a leader is asked for, one per cause (issue 26): the findings of one missed
//! deadline (the deadline itself, the work upstream that holds it up, an open handoff into
//! it) are one decision; a team over capacity in several runs of weeks is one; each open
//! seam, late handoff and unmitigated risk is one. Each says what to decide in words, and who
//! must act: the owner of the deciding item, or, when it has none, "Needs an owner" (then
//! naming one is the decision).

use rustc_hash::FxHashMap;

use crate::health::{Finding, Severity};
use crate::model::Handoff;
use crate::words::{count, working_days};

use super::doc::short_date;
use super::facts::{Decision, Facts};

/// Who acts when the deciding item has no owner: naming one is the decision.
pub(crate) const NEEDS_AN_OWNER: &str = "Needs an owner";

/// The deciding item of a finding: where its decision is kept while the rest fold in.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Cause {
    Deadline(usize),
    Team(String),
    Own(usize),
}

/// The decisions of a plan's blockers and warnings, blockers first, each cause once.
pub(crate) fn decisions(facts: &Facts) -> Vec<Decision> {
    let plan = facts.plan;
    // Sites unlike their wave have their own list (appendix), not a decision each.
    let acted: Vec<&Finding> = facts.findings.iter().filter(|f| f.severity != Severity::Note && !f.code.starts_with("site-")).collect();
    // Missed deadlines, by initiative id, and what reaches each downstream.
    let missed: Vec<&str> = acted.iter().filter(|f| f.code == "missed-deadline").map(|f| f.subject.as_str()).collect();
    let reaches = |id: &str| -> Option<usize> {
        let flags = crate::graph::downstream(plan, &[id.to_string()]);
        missed.iter().position(|m| plan.initiatives.iter().position(|i| i.id == *m).is_some_and(|k| flags.get(k).copied().unwrap_or(false)))
    };
    let look = Lookup::new(plan);
    let handoff = |id: &str| look.handoffs.get(id).copied();
    let mut order: Vec<Cause> = Vec::new();
    let mut groups: FxHashMap<Cause, Vec<&Finding>> = FxHashMap::default();
    for f in &acted {
        let cause = match f.code.as_str() {
            "missed-deadline" => missed.iter().position(|m| *m == f.subject).map_or(Cause::Own(0), Cause::Deadline),
            "drives-missed-deadline" => reaches(&f.subject).map_or(Cause::Own(0), Cause::Deadline),
            "unowned-handoff" | "unconfirmed-handoff" => match handoff(&f.subject).and_then(|h| missed.iter().position(|m| *m == h.to)) {
                Some(k) => Cause::Deadline(k),
                None => Cause::Own(0),
            },
            "over-allocated" => Cause::Team(f.subject.clone()),
            _ => Cause::Own(0),
        };
        let cause = if cause == Cause::Own(0) { Cause::Own(order.len()) } else { cause };
        let list = groups.entry(cause.clone()).or_default();
        if list.is_empty() {
            order.push(cause);
        }
        list.push(f);
    }
    let mut out: Vec<Decision> = order.iter().filter_map(|c| groups.get(c).map(|fs| decide(facts, &look, c, fs))).collect();
    out.sort_by_key(|d| d.severity);
    out
}

/// An owner's name, or [`NEEDS_AN_OWNER`].
fn owner_or(owner: &str) -> String {
    let o = owner.trim();
    if o.is_empty() || crate::model::is_stand_in_owner(o) {
        NEEDS_AN_OWNER.to_string()
    } else {
        o.to_string()
    }
}

/// What the decisions look up, made once for all of them: a rollout has thousands of open
/// seams and unmitigated risks, each a decision, and several teams over capacity.
struct Lookup<'p> {
    /// By id, the first of an id.
    handoffs: FxHashMap<&'p str, &'p Handoff>,
    risks: FxHashMap<&'p str, &'p crate::model::Risk>,
    /// The capacity load, computed when a team over capacity first asks.
    loads: std::cell::OnceCell<Option<Vec<crate::capacity::TeamLoad>>>,
}

impl<'p> Lookup<'p> {
    fn new(plan: &'p crate::model::Plan) -> Lookup<'p> {
        let mut handoffs = FxHashMap::default();
        for h in &plan.handoffs {
            handoffs.entry(h.id.as_str()).or_insert(h);
        }
        let mut risks = FxHashMap::default();
        for r in &plan.risks {
            risks.entry(r.id.as_str()).or_insert(r);
        }
        Lookup { handoffs, risks, loads: std::cell::OnceCell::new() }
    }
}

fn decide(facts: &Facts, look: &Lookup<'_>, cause: &Cause, fs: &[&Finding]) -> Decision {
    let plan = facts.plan;
    let severity = fs.iter().map(|f| f.severity).min().unwrap_or(Severity::Warning);
    let initiative_owner = |id: &str| owner_or(facts.initiative(id).map_or("", |i| i.owner.as_str()));
    let handoff = |id: &str| look.handoffs.get(id).copied();
    let ends = |h: &Handoff| {
        let (from, to) = (facts.team_of(&h.from), facts.team_of(&h.to));
        let teams = if from == to { format!("inside {from}") } else { format!("from {from} to {to}") };
        format!("'{}' → '{}', {teams},", facts.name(&h.from), facts.name(&h.to))
    };
    match cause {
        Cause::Deadline(_) => {
            let Some(head) = fs.iter().find(|f| f.code == "missed-deadline") else {
                return fallback(facts, fs[0]);
            };
            let id = head.subject.as_str();
            let late = facts.scheduled(id).and_then(|s| s.deadline.zip(s.deadline_slack));
            let mut text = match late {
                Some((d, slack)) => format!(
                    "Recover '{}' or move its deadline: it finishes {} after {}",
                    facts.name(id),
                    working_days(-slack),
                    short_date(d)
                ),
                None => format!("Recover '{}' or move its deadline", facts.name(id)),
            };
            let upstream = fs.iter().filter(|f| f.code == "drives-missed-deadline").count();
            if upstream > 0 {
                text.push_str(&format!(
                    "; {} upstream hold{} it up",
                    count(upstream, "initiative", "initiatives"),
                    if upstream == 1 { "s" } else { "" }
                ));
            }
            for f in fs.iter().filter(|f| f.code.ends_with("-handoff")) {
                if let Some(h) = handoff(&f.subject) {
                    let what = if h.owner.trim().is_empty() { "nobody owns" } else { "nobody has confirmed" };
                    text.push_str(&format!("; {what} its handoff from '{}'", facts.name(&h.from)));
                }
            }
            Decision { severity, text, who: initiative_owner(id) }
        }
        Cause::Team(team) => {
            let name = facts.team_name(Some(team.as_str())).to_string();
            let loads = look.loads.get_or_init(|| crate::capacity::load(plan).ok());
            let weeks = loads.as_ref().and_then(|loads| loads.iter().find(|t| &t.team == team)).map(|t| {
                let over: Vec<_> = t.weeks.iter().filter(|w| w.over()).collect();
                let worst = over.iter().map(|w| w.load - w.capacity).fold(0.0, f64::max);
                (over.len(), worst)
            });
            let text = match weeks {
                Some((n, worst)) if n > 0 => format!(
                    "Add people to {name} or move its work: it is asked more than it can give in {}, by up to {worst:.1} person-days a week",
                    count(n, "week", "weeks")
                ),
                _ => format!("Add people to {name} or move its work: it is asked more than it can give"),
            };
            // The team's lead decides what it takes on; a team without one needs one named.
            let lead = plan.team(team).map(|t| t.lead.trim()).filter(|l| !l.is_empty());
            Decision { severity, text, who: lead.map_or_else(|| NEEDS_AN_OWNER.to_string(), str::to_string) }
        }
        Cause::Own(_) => {
            let f = fs[0];
            match (f.code.as_str(), handoff(&f.subject)) {
                ("unowned-handoff", Some(h)) => Decision {
                    severity,
                    text: if h.confirmed {
                        format!("Name an owner for the handoff {}", ends(h).trim_end_matches(','))
                    } else {
                        format!("Name an owner for the handoff {} and have it confirmed", ends(h))
                    },
                    who: NEEDS_AN_OWNER.to_string(),
                },
                ("unconfirmed-handoff", Some(h)) => Decision {
                    severity,
                    text: format!(
                        "Have {} confirm the handoff {}: \"{}\"",
                        facts.team_of(&h.to),
                        ends(h).trim_end_matches(','),
                        h.assumption.trim()
                    ),
                    who: owner_or(&h.owner),
                },
                ("handoff-due-missed", Some(h)) => {
                    let late = facts.schedule.handoffs.iter().find(|r| r.id == h.id).and_then(|r| r.due.zip(r.due_slack));
                    let when = late.map_or(String::new(), |(d, s)| format!(": it arrives {} after {}", working_days(-s), short_date(d)));
                    Decision {
                        severity,
                        text: format!("Bring the handoff {} forward or agree a later date{when}", ends(h).trim_end_matches(',')),
                        who: owner_or(&h.owner),
                    }
                }
                ("unmitigated-risk", _) => match look.risks.get(f.subject.as_str()) {
                    Some(r) => Decision {
                        severity,
                        text: format!("Agree a mitigation for the risk '{}' (score {} of 25)", r.title, crate::risk::score(r).score),
                        who: owner_or(&r.owner),
                    },
                    None => fallback(facts, f),
                },
                ("not-updated", _) => Decision {
                    severity,
                    text: format!(
                        "Get an update on '{}': nobody has said where it stands within the plan's review rhythm ({})",
                        facts.name(&f.subject),
                        count(plan.review_every_days.max(1) as usize, "day", "days")
                    ),
                    who: initiative_owner(&f.subject),
                },
                ("drives-missed-deadline", _) => Decision {
                    severity,
                    text: format!("Recover '{}': {}", facts.name(&f.subject), f.message),
                    who: initiative_owner(&f.subject),
                },
                _ => fallback(facts, f),
            }
        }
    }
}

/// A finding with no decision of its own: its message, and the owner of what it names.
fn fallback(facts: &Facts, f: &Finding) -> Decision {
    let mut text = f.message.clone();
    if let Some(c) = text.get(..1) {
        text = c.to_uppercase() + text.get(1..).unwrap_or("");
    }
    let who = facts.initiative(&f.subject).map_or(NEEDS_AN_OWNER.to_string(), |i| owner_or(&i.owner));
    Decision { severity: f.severity, text, who }
}
