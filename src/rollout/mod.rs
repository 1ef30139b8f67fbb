//! Rollouts: a template's work at every site it is applied to, and the edits that bring a
//! plan from one state of a rollout to another (docs/plan-format.md, "Rollouts").
//!
//! One rule serves every rollout edit: what a template generates over the sites it is
//! applied to ([`generate`]: instances `{site}-{step}`, handoffs `h-{from}>{to}`, risks
//! `{risk}-{site}`, gate and completion links, crew chains, completion milestones) is
//! computed for the plan before and after the change, and the difference is applied to the
//! plan as edits ([`reconcile`]), field by field, leaving what an instance overrides. So
//! applying a template to new sites, changing a template, moving a site to another wave and
//! removing a site are one mechanism; the store runs it inside the edit's transaction on the
//! file as it is, and writes the edits as one undo step.
//!
//! What a template makes at one site, its texts and numbers from the site's values and its
//! place among the sites of its wave, is `per_site`'s.
//!
//! **Architecture Invariant:** pure: a function of plans and templates; writes nothing (the
//! store writes the edits it returns).

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};
use thiserror::Error;

mod per_site;

use per_site::{effort_at, estimate_at, instance_name, places, Context, CrewAt, Formulas, Place};

use crate::edit::Edit;
use crate::model::{Handoff, Initiative, Instance, Plan, Risk, RiskStatus, Site, SiteScope, Template, ANCHOR};

/// Why a rollout edit is refused; each names the thing.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RolloutError {
    #[error("template '{0}' does not exist")]
    NoTemplate(String),
    #[error("site '{0}' does not exist")]
    NoSite(String),
    #[error("template '{template}' is already applied to site {}", quoted(.sites))]
    AlreadyApplied { template: String, sites: Vec<String> },
    #[error("template '{template}' would add ids the plan already has: {}; nothing was added", quoted(.ids))]
    Clash { template: String, ids: Vec<String> },
    #[error("template '{template}' handoff '{handoff}' links to anchor '@{anchor}', which wave '{wave}' of site '{site}' does not name")]
    NoAnchor { template: String, handoff: String, anchor: String, wave: String, site: String },
    #[error("template '{template}' handoff '{handoff}' links to anchor '@{anchor}', but site '{site}' is in no wave")]
    NoWave { template: String, handoff: String, anchor: String, site: String },
    #[error("site '{site}' still has work {}; it can be removed once that work is removed or moved", quoted(.initiatives))]
    SiteInUse { site: String, initiatives: Vec<String> },
    #[error("template '{template}' cannot change: its instances {} have begun or are done and the change would remove them", quoted(.initiatives))]
    Begun { template: String, initiatives: Vec<String> },
    #[error("template '{template}' is still applied at site {}; remove those sites' instances first", quoted(.sites))]
    TemplateInUse { template: String, sites: Vec<String> },
    #[error("initiative '{0}' is no instance of a template step")]
    NotInstance(String),
    #[error("initiative '{initiative}' has no override of '{field}'")]
    NoOverride { initiative: String, field: String },
    #[error("template '{template}' {at} at site '{site}': {why}")]
    Value { template: String, site: String, at: String, why: String },
}

fn quoted(ids: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut parts: Vec<String> = ids.iter().take(SHOWN).map(|x| format!("'{x}'")).collect();
    if ids.len() > SHOWN {
        parts.push(format!("and {} more", ids.len() - SHOWN));
    }
    parts.join(", ")
}

/// The id of site `site`'s instance of step `step`.
pub fn instance_id(site: &str, step: &str) -> String {
    format!("{site}-{step}")
}

/// The id of the handoff from `from` to `to` made by a rollout.
pub fn handoff_id(from: &str, to: &str) -> String {
    format!("h-{from}>{to}")
}

/// The id of site `site`'s instance of template risk `risk`.
pub fn risk_id(risk: &str, site: &str) -> String {
    format!("{risk}-{site}")
}

/// The id of the completion milestone a wave gets when it has none.
pub fn completion_id(wave: &str) -> String {
    format!("{wave}-complete")
}

/// What a template generates over the sites it is applied to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Generated {
    pub initiatives: Vec<Initiative>,
    pub handoffs: Vec<Handoff>,
    pub risks: Vec<Risk>,
    /// Completion milestones the waves have not got yet: (wave, milestone).
    pub completions: Vec<(String, Initiative)>,
}

/// The sites `template` is applied to, in the plan's site order: those with an instance of
/// one of its steps.
pub fn applied_sites(plan: &Plan, template: &str) -> Vec<String> {
    let with: FxHashSet<&str> = plan
        .initiatives
        .iter()
        .filter(|i| i.instance.as_ref().is_some_and(|x| x.template == template))
        .filter_map(|i| i.site.as_deref())
        .collect();
    plan.sites.iter().filter(|s| with.contains(s.id.as_str())).map(|s| s.id.clone()).collect()
}

/// The owner of a step at a site: the person the site names for the step's role, else the
/// role itself (a finding, `health`), else the step's owner. (A crew chain with leads gives
/// the step at each crew's sites to the crew's lead instead: `generate`.)
pub fn owner_at(step: &crate::model::Step, site: &Site) -> String {
    match &step.role {
        Some(role) => site.roles.get(role).cloned().unwrap_or_else(|| role.clone()),
        None => step.owner.clone(),
    }
}

/// Whether a step's role is one the site does not fill.
pub fn role_unfilled(step: &crate::model::Step, site: &Site) -> bool {
    step.role.as_ref().is_some_and(|r| !site.roles.contains_key(r))
}

/// Everything `t` generates at `sites` (ids of sites of `plan`, any order): each site's
/// instances (their texts and numbers worked out from the site's values), the handoffs
/// between them and to wave-level work by anchor (at the sites of a wave each names), the gate
/// and completion links, the crew chains (sites of a wave in the plan's order, waves in time
/// order) and the risks. Sites unknown to the plan generate nothing. A text or a formula
/// naming what a site lacks refuses it, naming the template, the site and the step.
pub fn generate(plan: &Plan, t: &Template, sites: &[String]) -> Result<Generated, RolloutError> {
    let wanted: FxHashSet<&str> = sites.iter().map(String::as_str).collect();
    let chosen: Vec<&Site> = plan.sites.iter().filter(|s| wanted.contains(s.id.as_str())).collect();
    let places = places(plan, t, &chosen);
    let formulas: Vec<Formulas> = t.initiatives.iter().map(Formulas::of).collect();
    let chain_of: FxHashMap<&str, usize> = t.chains.iter().enumerate().map(|(k, c)| (c.step.as_str(), k)).collect();
    // Anchors' names, looked up only when a text names one.
    let names = std::cell::OnceCell::new();
    let name_of = |id: &str| -> Option<&str> {
        names
            .get_or_init(|| plan.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect::<FxHashMap<&str, &str>>())
            .get(id)
            .copied()
    };
    let crew_at = |place: &Place<'_>, step: &str| -> Option<(CrewAt, Option<&str>)> {
        let c = *chain_of.get(step)?;
        let at = place.crews[c]?;
        Some((at, t.chains[c].leads.get(at.index).map(String::as_str)))
    };
    let refused = |site: &Site, (at, why): (String, String)| RolloutError::Value { template: t.id.clone(), site: site.id.clone(), at, why };
    let mut out = Generated::default();
    let mut completion_owner: FxHashMap<String, (String, Option<String>)> = FxHashMap::default();
    for (k, site) in chosen.iter().enumerate() {
        let place = &places[k];
        let wave = place.wave;
        for (st, f) in t.initiatives.iter().zip(&formulas) {
            let crew = crew_at(place, &st.id);
            let ctx = Context { site, wave, crew: crew.map(|(c, lead)| (c.index, lead)), names: &name_of };
            let name = instance_name(&st.name, &ctx).map_err(|why| refused(site, (format!("step '{}' name", st.id), why)))?;
            let owner = crew.and_then(|(_, lead)| lead).map_or_else(|| owner_at(st, site), str::to_string);
            let duration = estimate_at(st, f, &ctx).map_err(|e| refused(site, e))?;
            let mut i = Initiative::new(&instance_id(&site.id, &st.id), &name, &owner, duration.likely);
            i.duration = duration;
            i.team = st.team.clone();
            i.effort = effort_at(st, f, &ctx).map_err(|e| refused(site, e))?;
            i.start_no_earlier_than = st.start_no_earlier_than;
            i.finish_no_later_than = st.finish_no_later_than;
            i.site = Some(site.id.clone());
            i.wave = site.wave.clone();
            i.instance = Some(Instance { template: t.id.clone(), step: st.id.clone() });
            if let Some(w) = wave {
                if st.after_gate {
                    if let Some(gate) = &w.gate {
                        let mut h = Handoff::fs(&handoff_id(gate, &i.id), gate, &i.id);
                        h.owner = i.owner.clone();
                        out.handoffs.push(h);
                    }
                }
                if st.before_completion {
                    let done = w.completion.clone().unwrap_or_else(|| completion_id(&w.id));
                    let mut h = Handoff::fs(&handoff_id(&i.id, &done), &i.id, &done);
                    h.owner = i.owner.clone();
                    h.assumption = format!("The wave counts as complete only once {} has done this", site.name);
                    h.confirmed = true;
                    out.handoffs.push(h);
                    completion_owner.entry(w.id.clone()).or_insert_with(|| (i.owner.clone(), i.team.clone()));
                }
            }
            out.initiatives.push(i);
        }
        let mut made: FxHashSet<String> = FxHashSet::default();
        for th in &t.handoffs {
            // The crew of the chain on its receiving step, else on its giving step.
            let crew = [&th.to, &th.from].into_iter().filter(|e| !e.starts_with(ANCHOR)).find_map(|e| crew_at(place, e));
            let here = match th.sites {
                SiteScope::All => true,
                SiteScope::First => place.first,
                SiteScope::Last => place.last,
                SiteScope::FirstOfCrew => crew.is_some_and(|(c, _)| c.first),
                SiteScope::LastOfCrew => crew.is_some_and(|(c, _)| c.last),
            };
            if !here {
                continue;
            }
            let end = |e: &str| -> Result<String, RolloutError> {
                let Some(anchor) = e.strip_prefix(ANCHOR) else { return Ok(instance_id(&site.id, e)) };
                let Some(w) = wave else {
                    return Err(RolloutError::NoWave {
                        template: t.id.clone(),
                        handoff: th.id.clone(),
                        anchor: anchor.to_string(),
                        site: site.id.clone(),
                    });
                };
                w.anchor(anchor).map(str::to_string).ok_or_else(|| RolloutError::NoAnchor {
                    template: t.id.clone(),
                    handoff: th.id.clone(),
                    anchor: anchor.to_string(),
                    wave: w.id.clone(),
                    site: site.id.clone(),
                })
            };
            let (from, to) = (end(&th.from)?, end(&th.to)?);
            let id = handoff_id(&from, &to);
            // One handoff per pair: a site that is both first and last of a crew gets the
            // first of two template handoffs between the same two initiatives.
            if !made.insert(id.clone()) {
                continue;
            }
            let ctx = Context { site, wave, crew: crew.map(|(c, lead)| (c.index, lead)), names: &name_of };
            let text = |field: &str, s: &str| ctx.fill(s).map_err(|why| refused(site, (format!("handoff '{}' {field}", th.id), why)));
            let mut h = Handoff::fs(&id, &from, &to);
            h.kind = th.kind;
            h.lag = th.lag;
            h.owner = text("owner", &th.owner)?;
            h.assumption = text("assumption", &th.assumption)?;
            h.confirmed = th.confirmed;
            out.handoffs.push(h);
        }
        for tr in &t.risks {
            out.risks.push(Risk {
                id: risk_id(&tr.id, &site.id),
                title: tr.title.clone(),
                owner: tr.owner.clone(),
                probability: tr.probability,
                impact: tr.impact,
                mitigation: tr.mitigation.clone(),
                status: RiskStatus::Open,
                initiatives: tr.initiatives.iter().map(|s| instance_id(&site.id, s)).collect(),
                schedule_impact: tr.schedule_impact,
            });
        }
    }
    for (c, chain) in t.chains.iter().enumerate() {
        for (k, site) in chosen.iter().enumerate() {
            let Some(at) = places[k].crews[c] else { continue };
            let Some(prev) = at.prev else { continue };
            let (from, to) = (instance_id(&chosen[prev].id, &chain.step), instance_id(&site.id, &chain.step));
            let ctx = Context {
                site,
                wave: places[k].wave,
                crew: Some((at.index, chain.leads.get(at.index).map(String::as_str))),
                names: &name_of,
            };
            let text =
                |field: &str, s: &str| ctx.fill(s).map_err(|why| refused(site, (format!("chain of step '{}' {field}", chain.step), why)));
            let mut h = Handoff::fs(&handoff_id(&from, &to), &from, &to);
            h.lag = chain.lag;
            h.owner = text("owner", &chain.owner)?;
            h.assumption = text("assumption", &chain.assumption)?;
            h.confirmed = chain.confirmed;
            out.handoffs.push(h);
        }
    }
    bridge_skipped(plan, t, &mut out.handoffs);
    for w in &plan.waves {
        if w.completion.is_none() {
            if let Some((owner, team)) = completion_owner.get(&w.id) {
                let mut m = Initiative::new(&completion_id(&w.id), &format!("{} complete", w.name), owner, 0);
                m.team = team.clone();
                m.wave = Some(w.id.clone());
                out.completions.push((w.id.clone(), m));
            }
        }
    }
    Ok(out)
}

/// The override that says a step is skipped at its site.
pub const SKIPPED: &str = "skipped";

/// Whether an instance is of a step skipped at its site.
pub fn is_skipped(i: &Initiative) -> bool {
    i.overrides.iter().any(|o| o == SKIPPED)
}

/// Takes the instances of `t` skipped at their site out of the handoffs: each one's
/// predecessors hand off straight to its successors (`h-{from}>{to}`, finish to start, the
/// owner of the handoff out of the skipped step), so the site's work still waits for what it
/// waited for through the skipped step. Skipped steps one after another are bridged in turn.
fn bridge_skipped(plan: &Plan, t: &Template, handoffs: &mut Vec<Handoff>) {
    let skipped: Vec<&Initiative> =
        plan.initiatives.iter().filter(|i| is_skipped(i) && i.instance.as_ref().is_some_and(|x| x.template == t.id)).collect();
    for x in skipped {
        let (touching, rest): (Vec<Handoff>, Vec<Handoff>) = handoffs.drain(..).partition(|h| h.from == x.id || h.to == x.id);
        *handoffs = rest;
        for p in touching.iter().filter(|h| h.to == x.id) {
            for s in touching.iter().filter(|h| h.from == x.id) {
                if p.from == s.to || handoffs.iter().any(|h| h.from == p.from && h.to == s.to) {
                    continue;
                }
                let mut h = Handoff::fs(&handoff_id(&p.from, &s.to), &p.from, &s.to);
                h.owner = s.owner.clone();
                h.assumption = format!("'{}' is skipped at this site: {}", x.name, s.assumption).trim_end_matches(": ").to_string();
                h.confirmed = s.confirmed;
                handoffs.push(h);
            }
        }
    }
}

/// The fields of an instance its template sets, compared as their JSON; `wave` follows
/// the site and is never an override.
fn controlled(i: &Initiative) -> [(&'static str, serde_json::Value); 8] {
    let j = |v: serde_json::Result<serde_json::Value>| v.unwrap_or(serde_json::Value::Null);
    [
        ("name", j(serde_json::to_value(&i.name))),
        ("duration", j(serde_json::to_value(i.duration))),
        ("team", j(serde_json::to_value(&i.team))),
        ("effort", j(serde_json::to_value(&i.effort))),
        ("owner", j(serde_json::to_value(&i.owner))),
        ("start_no_earlier_than", j(serde_json::to_value(i.start_no_earlier_than))),
        ("finish_no_later_than", j(serde_json::to_value(i.finish_no_later_than))),
        ("wave", j(serde_json::to_value(&i.wave))),
    ]
}

/// Sets one controlled field of `to` from `from`.
fn copy_field(to: &mut Initiative, from: &Initiative, field: &str) {
    match field {
        "name" => to.name = from.name.clone(),
        "duration" => to.duration = from.duration,
        "team" => to.team = from.team.clone(),
        "effort" => to.effort = from.effort.clone(),
        "owner" => to.owner = from.owner.clone(),
        "start_no_earlier_than" => to.start_no_earlier_than = from.start_no_earlier_than,
        "finish_no_later_than" => to.finish_no_later_than = from.finish_no_later_than,
        "wave" => to.wave = from.wave.clone(),
        _ => {}
    }
}

/// The template-controlled fields `after` changes against `before` (an edit of an
/// instance by a person): the overrides it records. Status, progress, actual dates, notes,
/// position, leveling delay and the rest are the instance's own and are none.
pub fn overridden(before: &Initiative, after: &Initiative) -> Vec<&'static str> {
    controlled(before)
        .into_iter()
        .zip(controlled(after))
        .filter(|((field, a), (_, b))| *field != "wave" && a != b)
        .map(|((field, _), _)| field)
        .collect()
}

/// Whether a person's change of a handoff (`after`; `None`: its removal) changes one a rollout
/// made (its id in the rollout's form, `h-{from}>{to}`): its ends, kind, lag, owner or
/// assumption. Confirming it or setting its due date is no change of what the template
/// made; such a change overrides the receiving instance's `handoffs`.
pub fn changes_made_handoff(before: &Handoff, after: Option<&Handoff>) -> bool {
    if before.id != handoff_id(&before.from, &before.to) {
        return false;
    }
    match after {
        None => true,
        Some(a) => {
            (&a.from, &a.to, a.kind, a.lag, &a.owner, &a.assumption)
                != (&before.from, &before.to, before.kind, before.lag, &before.owner, &before.assumption)
        }
    }
}

/// The edits that take `plan` from what a rollout generated (`old`) to what it generates
/// now (`new`): new work added (refused whole, listing every id the plan already has),
/// changed work updated field by field except the fields an instance overrides (and its
/// handoffs when it overrides `handoffs`), work no longer generated removed (refused,
/// naming it, if it has begun). Handoff removals come before the removals of initiatives.
pub fn reconcile(plan: &Plan, template: &str, old: &Generated, new: &Generated) -> Result<Vec<Edit>, RolloutError> {
    let initiatives: FxHashMap<&str, &Initiative> = plan.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
    let handoffs: FxHashMap<&str, &Handoff> = plan.handoffs.iter().map(|h| (h.id.as_str(), h)).collect();
    let risks: FxHashMap<&str, &Risk> = plan.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    let old_i: FxHashMap<&str, &Initiative> = old.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
    let old_h: FxHashMap<&str, &Handoff> = old.handoffs.iter().map(|h| (h.id.as_str(), h)).collect();
    let old_r: FxHashMap<&str, &Risk> = old.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut clashes = BTreeSet::new();
    let mut adds = Vec::new();
    let mut updates = Vec::new();
    let mut removals = Vec::new();
    // Completion milestones first: the links to them are added after them.
    let mut waves_done = Vec::new();
    let mut present: FxHashSet<&str> = initiatives.keys().copied().collect();
    for (wave, m) in &new.completions {
        if !initiatives.contains_key(m.id.as_str()) {
            adds.push(Edit::AddInitiative(m.clone()));
            present.insert(&m.id);
        }
        waves_done.push((wave.clone(), m.id.clone()));
    }
    for i in &new.initiatives {
        match old_i.get(i.id.as_str()) {
            None if initiatives.contains_key(i.id.as_str()) => {
                clashes.insert(i.id.clone());
            }
            None => {
                adds.push(Edit::AddInitiative(i.clone()));
                present.insert(&i.id);
            }
            Some(was) => {
                // Gone from the plan: skipped or removed at the site; left so.
                let Some(actual) = initiatives.get(i.id.as_str()) else { continue };
                if is_skipped(actual) {
                    continue;
                }
                let mut next = (*actual).clone();
                for ((field, a), (_, b)) in controlled(was).into_iter().zip(controlled(i)) {
                    if a != b && !actual.overrides.iter().any(|o| o == field) {
                        copy_field(&mut next, i, field);
                    }
                }
                if next != **actual {
                    updates.push(Edit::UpdateInitiative(next));
                }
            }
        }
    }
    let new_ids: FxHashSet<&str> = new.initiatives.iter().map(|i| i.id.as_str()).collect();
    let mut begun = Vec::new();
    for i in &old.initiatives {
        if new_ids.contains(i.id.as_str()) {
            continue;
        }
        if let Some(actual) = initiatives.get(i.id.as_str()) {
            if actual.has_begun() || actual.status != crate::model::Status::NotStarted {
                begun.push(i.id.clone());
            }
            removals.push(Edit::RemoveInitiative(i.id.clone()));
        }
    }
    if !begun.is_empty() {
        return Err(RolloutError::Begun { template: template.to_string(), initiatives: begun });
    }
    let removed: FxHashSet<&str> =
        removals.iter().filter_map(|e| if let Edit::RemoveInitiative(id) = e { Some(id.as_str()) } else { None }).collect();
    let keeps_own = |to: &str| initiatives.get(to).is_some_and(|i| i.overrides.iter().any(|o| o == "handoffs"));
    let new_h: FxHashSet<&str> = new.handoffs.iter().map(|h| h.id.as_str()).collect();
    let mut handoff_removals = Vec::new();
    for h in &old.handoffs {
        if !new_h.contains(h.id.as_str()) && handoffs.contains_key(h.id.as_str()) && !keeps_own(&h.to) {
            // A removed initiative takes its handoffs with it.
            if !removed.contains(h.from.as_str()) && !removed.contains(h.to.as_str()) {
                handoff_removals.push(Edit::RemoveHandoff(h.id.clone()));
            }
        }
    }
    for h in &new.handoffs {
        // A link to work skipped or removed at the site is not made.
        if !present.contains(h.from.as_str()) || !present.contains(h.to.as_str()) {
            continue;
        }
        match (old_h.get(h.id.as_str()), handoffs.get(h.id.as_str())) {
            (None, Some(_)) => {
                clashes.insert(h.id.clone());
            }
            // New to the rollout; one it made before and the plan no longer has was removed
            // by a person, and stays removed.
            (None, None) => adds.push(Edit::AddHandoff(h.clone())),
            (Some(was), Some(actual)) if *was != h && !keeps_own(&h.to) => {
                let mut next = (*actual).clone();
                (next.kind, next.lag, next.owner, next.assumption) = (h.kind, h.lag, h.owner.clone(), h.assumption.clone());
                if was.confirmed != h.confirmed {
                    next.confirmed = h.confirmed;
                }
                if next != **actual {
                    updates.push(Edit::UpdateHandoff(next));
                }
            }
            _ => {}
        }
    }
    let new_r: FxHashSet<&str> = new.risks.iter().map(|r| r.id.as_str()).collect();
    for r in &old.risks {
        if !new_r.contains(r.id.as_str()) && risks.contains_key(r.id.as_str()) {
            handoff_removals.push(Edit::RemoveRisk(r.id.clone()));
        }
    }
    let mut risk_adds = Vec::new();
    for r in &new.risks {
        let mut r = r.clone();
        r.initiatives.retain(|i| present.contains(i.as_str()) && !removed.contains(i.as_str()));
        match (old_r.get(r.id.as_str()), risks.get(r.id.as_str())) {
            (None, Some(_)) => {
                clashes.insert(r.id.clone());
            }
            (_, None) => risk_adds.push(Edit::AddRisk(r)),
            (Some(was), Some(actual)) if **was != r => {
                let mut next = (*actual).clone();
                (next.title, next.owner, next.probability, next.impact, next.mitigation, next.schedule_impact) =
                    (r.title, r.owner, r.probability, r.impact, r.mitigation, r.schedule_impact);
                next.initiatives = r.initiatives;
                if next != **actual {
                    updates.push(Edit::UpdateRisk(next));
                }
            }
            _ => {}
        }
    }
    if !clashes.is_empty() {
        return Err(RolloutError::Clash { template: template.to_string(), ids: clashes.into_iter().collect() });
    }
    let mut edits = handoff_removals;
    edits.extend(removals);
    // Initiatives are added before the handoffs and risks that name them.
    let (mut first, rest): (Vec<Edit>, Vec<Edit>) = adds.into_iter().partition(|e| matches!(e, Edit::AddInitiative(_)));
    edits.append(&mut first);
    for (wave, milestone) in waves_done {
        if let Some(w) = plan.wave(&wave) {
            if w.completion.is_none() {
                let mut w = w.clone();
                w.completion = Some(milestone);
                edits.push(Edit::UpdateWave(w));
            }
        }
    }
    edits.extend(updates);
    edits.extend(rest);
    edits.extend(risk_adds);
    Ok(edits)
}

/// The edits that apply template `t` to `sites` (ids of sites in the plan): refused whole
/// when a site does not exist, already has the template (naming the sites) or an id the
/// template would add is taken (listing every one).
pub fn apply(plan: &Plan, t: &Template, sites: &[String]) -> Result<Vec<Edit>, RolloutError> {
    let before = applied_sites(plan, &t.id);
    let again: Vec<String> = sites.iter().filter(|s| before.contains(s)).cloned().collect();
    if !again.is_empty() {
        return Err(RolloutError::AlreadyApplied { template: t.id.clone(), sites: again });
    }
    for s in sites {
        if plan.site(s).is_none() {
            return Err(RolloutError::NoSite(s.clone()));
        }
    }
    let mut after = before.clone();
    after.extend(sites.iter().cloned());
    let old = generate(plan, t, &before)?;
    let new = generate(plan, t, &after)?;
    reconcile(plan, &t.id, &old, &new)
}

/// The edits that carry a change of a template (`old` to `new`, same id) to every site it
/// is applied to, leaving each instance's overrides.
pub fn change(plan: &Plan, old: &Template, new: &Template) -> Result<Vec<Edit>, RolloutError> {
    let sites = applied_sites(plan, &old.id);
    reconcile(plan, &old.id, &generate(plan, old, &sites)?, &generate(plan, new, &sites)?)
}

/// The edits that follow a change of a site (`after`, same id as in `plan`): moved to
/// another wave, its instances move with it and its gate, completion and crew chain links
/// are made anew in both waves; roles filled anew give its instances their owners.
pub fn site_changed(plan: &Plan, after: &Site) -> Result<Vec<Edit>, RolloutError> {
    let mut moved = plan.clone();
    if let Some(s) = moved.sites.iter_mut().find(|s| s.id == after.id) {
        *s = after.clone();
    }
    let mut edits = Vec::new();
    for t in &plan.templates {
        let sites = applied_sites(plan, &t.id);
        if !sites.contains(&after.id) {
            continue;
        }
        edits.extend(reconcile(plan, &t.id, &generate(plan, t, &sites)?, &generate(&moved, t, &sites)?)?);
    }
    Ok(edits)
}

/// The edits that remove a site's instance work before the site itself is removed:
/// refused, naming them, while any of it has begun or is done, or while work of no template
/// names the site.
pub fn site_removed(plan: &Plan, site: &str) -> Result<Vec<Edit>, RolloutError> {
    let users: Vec<String> = plan
        .initiatives
        .iter()
        .filter(|i| {
            i.site.as_deref() == Some(site) && (i.instance.is_none() || i.has_begun() || i.status != crate::model::Status::NotStarted)
        })
        .map(|i| i.id.clone())
        .collect();
    if !users.is_empty() {
        return Err(RolloutError::SiteInUse { site: site.to_string(), initiatives: users });
    }
    let mut edits = Vec::new();
    for t in &plan.templates {
        let sites = applied_sites(plan, &t.id);
        if !sites.iter().any(|s| s == site) {
            continue;
        }
        let rest: Vec<String> = sites.iter().filter(|s| *s != site).cloned().collect();
        edits.extend(reconcile(plan, &t.id, &generate(plan, t, &sites)?, &generate(plan, t, &rest)?)?);
    }
    Ok(edits)
}

/// The edits that clear an instance's override of `field`: the field takes the template's
/// value again (for `handoffs`, the template's handoffs of the instance are made again where
/// missing or changed).
pub fn clear_override(plan: &Plan, initiative: &str, field: &str) -> Result<Vec<Edit>, RolloutError> {
    let Some(actual) = plan.initiative(initiative) else { return Err(RolloutError::NotInstance(initiative.to_string())) };
    let (Some(x), Some(_)) = (&actual.instance, actual.site.as_deref()) else {
        return Err(RolloutError::NotInstance(initiative.to_string()));
    };
    if !actual.overrides.iter().any(|o| o == field) {
        return Err(RolloutError::NoOverride { initiative: initiative.to_string(), field: field.to_string() });
    }
    let t = plan.template(&x.template).ok_or_else(|| RolloutError::NoTemplate(x.template.clone()))?;
    let sites = applied_sites(plan, &t.id);
    let expected = generate(plan, t, &sites)?;
    let mut next = actual.clone();
    next.overrides.retain(|o| o != field);
    if field == SKIPPED {
        // The step comes back: the template's values but for the other overrides, its own
        // handoffs in place of the bridges.
        if let Some(want) = expected.initiatives.iter().find(|i| i.id == initiative) {
            for f in ["name", "duration", "team", "effort", "owner", "start_no_earlier_than", "finish_no_later_than"] {
                if !next.overrides.iter().any(|o| o == f) {
                    copy_field(&mut next, want, f);
                }
            }
        }
        let mut after = plan.clone();
        if let Some(i) = after.initiatives.iter_mut().find(|i| i.id == initiative) {
            *i = next.clone();
        }
        let mut edits = reconcile(plan, &t.id, &expected, &generate(&after, t, &sites)?)?;
        edits.push(Edit::UpdateInitiative(next));
        return Ok(edits);
    }
    if let Some(want) = expected.initiatives.iter().find(|i| i.id == initiative) {
        copy_field(&mut next, want, field);
    }
    let mut edits = Vec::new();
    if field == "handoffs" {
        let present: FxHashSet<&str> = plan.initiatives.iter().map(|i| i.id.as_str()).collect();
        let handoffs: FxHashMap<&str, &Handoff> = plan.handoffs.iter().map(|h| (h.id.as_str(), h)).collect();
        for h in expected.handoffs.iter().filter(|h| h.to == initiative) {
            match handoffs.get(h.id.as_str()) {
                None if present.contains(h.from.as_str()) => edits.push(Edit::AddHandoff(h.clone())),
                Some(actual) if *actual != h => edits.push(Edit::UpdateHandoff(h.clone())),
                _ => {}
            }
        }
    }
    edits.push(Edit::UpdateInitiative(next));
    Ok(edits)
}

/// The edits that skip an instance's step at its site: the instance stays as the record of
/// it, taking no time and asking no effort, with the override `skipped`; its handoffs are
/// bridged (`bridge_skipped`). Refused for work that has begun.
pub fn skip(plan: &Plan, initiative: &str) -> Result<Vec<Edit>, RolloutError> {
    let Some(actual) = plan.initiative(initiative) else { return Err(RolloutError::NotInstance(initiative.to_string())) };
    let Some(x) = &actual.instance else { return Err(RolloutError::NotInstance(initiative.to_string())) };
    if actual.has_begun() {
        return Err(RolloutError::Begun { template: x.template.clone(), initiatives: vec![initiative.to_string()] });
    }
    if is_skipped(actual) {
        return Ok(Vec::new());
    }
    let t = plan.template(&x.template).ok_or_else(|| RolloutError::NoTemplate(x.template.clone()))?;
    let mut marked = actual.clone();
    marked.overrides.push(SKIPPED.to_string());
    marked.duration = crate::model::Estimate::exact(0);
    marked.effort.clear();
    let mut after = plan.clone();
    if let Some(i) = after.initiatives.iter_mut().find(|i| i.id == initiative) {
        *i = marked.clone();
    }
    let sites = applied_sites(plan, &t.id);
    // The instance's own edit last: the step is named by it.
    let mut edits = reconcile(plan, &t.id, &generate(plan, t, &sites)?, &generate(&after, t, &sites)?)?;
    edits.push(Edit::UpdateInitiative(marked));
    Ok(edits)
}

/// Refuses removing a template while it is applied.
pub fn template_removed(plan: &Plan, template: &str) -> Result<(), RolloutError> {
    let sites = applied_sites(plan, template);
    if sites.is_empty() {
        Ok(())
    } else {
        Err(RolloutError::TemplateInUse { template: template.to_string(), sites })
    }
}
