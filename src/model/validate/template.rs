//! A rollout template's rules (`crate::rollout` applies a template to sites): its steps read
//! as an initiative's, its handoffs between its steps or anchors, its risks on its steps, its
//! crew chains on its steps, and its texts and formulas must read.

use super::limits::*;
use super::{date_range, id_chars, nonempty, range, reference, repeats, s, Index, Known, ValidationError};
use crate::model::{Quantity, Template, ANCHOR};

pub fn validate_template(t: &Template, ix: &Index) -> Vec<ValidationError> {
    let mut out = Vec::new();
    template_rules(&mut out, t, ix);
    out
}

/// A template's own rules: its steps as an initiative's (named `step 'x'`), its handoffs
/// between its steps or anchors, its risks on its steps, its crew chains on its steps.
pub(super) fn template_rules(out: &mut Vec<ValidationError>, t: &Template, known: &impl Known) {
    let id = t.id.as_str();
    id_chars(out, "template", id);
    nonempty(out, "template", id, "name", &t.name);
    for what in ["step", "handoff", "risk"] {
        let repeated = match what {
            "step" => repeats(&t.initiatives, |x| x.id.as_str()),
            "handoff" => repeats(&t.handoffs, |x| x.id.as_str()),
            _ => repeats(&t.risks, |x| x.id.as_str()),
        };
        for r in repeated {
            out.push(ValidationError::Repeated { kind: s("template"), id: s(id), what: s(what), target: s(r) });
        }
    }
    let step = |x: &str| t.step(x).is_some();
    for st in &t.initiatives {
        let at = |field: &str| format!("step '{}' {field}", st.id);
        id_chars(out, "template", &st.id);
        nonempty(out, "template", id, &at("id"), &st.id);
        nonempty(out, "template", id, &at("name"), &st.name);
        if st.owner.trim().is_empty() && st.role.as_deref().is_none_or(|r| r.trim().is_empty()) {
            out.push(ValidationError::EmptyField { kind: s("template"), id: s(id), field: at("owner (a person or a role)") });
        }
        let d = &st.duration;
        for (point, q) in d.points() {
            let field = format!("{point} duration");
            match q {
                Quantity::Fixed(value) => range(out, "template", id, || at(&field), f64::from(*value), 0.0, f64::from(MAX_DURATION)),
                Quantity::Formula(text) => formula_rule(out, id, &at(&field), text),
            }
        }
        if let Some(d) = d.fixed() {
            if !(d.optimistic <= d.likely && d.likely <= d.pessimistic) {
                out.push(ValidationError::EstimateOrder {
                    id: format!("{id}: step {}", st.id),
                    optimistic: d.optimistic,
                    likely: d.likely,
                    pessimistic: d.pessimistic,
                });
            }
        }
        if let Some(team) = &st.team {
            reference(out, known.team(team), "template", id, &at("team"), "team", team);
        }
        for e in &st.effort {
            reference(out, known.team(&e.team), "template", id, &at("effort"), "team", &e.team);
            match &e.person_days {
                Quantity::Fixed(days) => range(out, "template", id, || at("person_days"), *days, 0.0, MAX_EFFORT),
                Quantity::Formula(text) => formula_rule(out, id, &at("person_days"), text),
            }
        }
        text_rule(out, id, &at("name"), &st.name);
        date_range(out, "template", id, &at("start_no_earlier_than"), st.start_no_earlier_than);
        date_range(out, "template", id, &at("finish_no_later_than"), st.finish_no_later_than);
    }
    for h in &t.handoffs {
        let at = |field: &str| format!("handoff '{}' {field}", h.id);
        nonempty(out, "template", id, &at("id"), &h.id);
        for (field, end) in [("from", &h.from), ("to", &h.to)] {
            if !end.starts_with(ANCHOR) {
                reference(out, step(end), "template", id, &at(field), "step", end);
            }
        }
        if h.from.starts_with(ANCHOR) && h.to.starts_with(ANCHOR) {
            out.push(ValidationError::EmptyField { kind: s("template"), id: s(id), field: at("step (both ends are anchors)") });
        }
        if h.from == h.to {
            out.push(ValidationError::SelfLink { id: format!("{id}: {}", h.id), initiative: h.from.clone() });
        }
        range(out, "template", id, || at("lag"), f64::from(h.lag), -f64::from(MAX_LAG), f64::from(MAX_LAG));
        text_rule(out, id, &at("owner"), &h.owner);
        text_rule(out, id, &at("assumption"), &h.assumption);
        if h.sites.by_crew() {
            let chained = [&h.from, &h.to].into_iter().any(|end| t.chain(end).is_some());
            if !chained {
                out.push(ValidationError::Unreadable {
                    kind: s("template"),
                    id: s(id),
                    field: at("sites"),
                    text: s(h.sites.as_str()),
                    reason: s("counts crews, but no crew chain walks either of its steps"),
                });
            }
        }
    }
    for r in &t.risks {
        let at = |field: &str| format!("risk '{}' {field}", r.id);
        nonempty(out, "template", id, &at("title"), &r.title);
        range(out, "template", id, || at("probability"), r.probability, 0.0, 1.0);
        range(out, "template", id, || at("impact"), f64::from(r.impact), 1.0, 5.0);
        for x in &r.initiatives {
            reference(out, step(x), "template", id, &at("initiatives"), "step", x);
        }
    }
    for c in &t.chains {
        let at = |field: &str| format!("chain of step '{}' {field}", c.step);
        reference(out, step(&c.step), "template", id, "chain step", "step", &c.step);
        range(out, "template", id, || at("crews"), f64::from(c.crews), 1.0, 1e6);
        for (wave, crews) in &c.wave_crews {
            range(out, "template", id, || at(&format!("crews in wave '{wave}'")), f64::from(*crews), 1.0, 1e6);
        }
        range(out, "template", id, || at("lag"), f64::from(c.lag), -f64::from(MAX_LAG), f64::from(MAX_LAG));
        for lead in &c.leads {
            nonempty(out, "template", id, &at("lead"), lead);
        }
        text_rule(out, id, &at("owner"), &c.owner);
        text_rule(out, id, &at("assumption"), &c.assumption);
    }
    for r in repeats(&t.chains, |c| c.step.as_str()) {
        out.push(ValidationError::Repeated { kind: s("template"), id: s(id), what: s("crew chain of step"), target: s(r) });
    }
}

/// A template's text with placeholders (`{store}`, `{@gate}`) must read: every brace closed
/// or written twice. What each name stands for is known only per site (`crate::rollout`).
fn text_rule(out: &mut Vec<ValidationError>, id: &str, field: &str, text: &str) {
    if let Err(reason) = crate::model::formula::pieces(text) {
        out.push(ValidationError::Unreadable { kind: s("template"), id: s(id), field: s(field), text: s(text), reason });
    }
}

/// A template's formula must read (docs/plan-format.md, "Values of a site").
fn formula_rule(out: &mut Vec<ValidationError>, id: &str, field: &str, text: &str) {
    if let Err(reason) = crate::model::formula::Formula::parse(text) {
        out.push(ValidationError::Unreadable { kind: s("template"), id: s(id), field: s(field), text: s(text), reason });
    }
}
