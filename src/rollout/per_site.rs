//! What a template makes at one site (docs/plan-format.md, "Values of a site"): where the site
//! stands among the sites of its wave (first, last, its crew on each chain and the site that
//! crew comes from), and the site's texts and numbers: placeholders filled from the site, its
//! wave and its crew, formulas worked out from its values. Pure: plans in, values out.

use rustc_hash::FxHashMap;

use crate::model::formula::{self, Formula};
use crate::model::{Effort, Estimate, Plan, Quantity, Site, SiteValue, Template, Wave, ANCHOR};

/// Where a site stands among the sites a template is applied to: its wave, whether it is the
/// wave's first or last site, and its crew on each of the template's chains.
#[derive(Debug, Clone, Default)]
pub(super) struct Place<'p> {
    pub(super) wave: Option<&'p Wave>,
    pub(super) first: bool,
    pub(super) last: bool,
    /// Per chain of the template, in its order: the site's crew, if the chain walks its wave.
    pub(super) crews: Vec<Option<CrewAt>>,
}

/// A site's place on one crew chain.
#[derive(Debug, Clone, Copy)]
pub(super) struct CrewAt {
    /// The crew, from 0 (crew A).
    pub(super) index: usize,
    /// The crew's first and last site in the wave.
    pub(super) first: bool,
    pub(super) last: bool,
    /// The site the crew comes from (an index into the sites), if any.
    pub(super) prev: Option<usize>,
}

/// The sites of one wave (its place in the plan's waves and the wave; none: sites in no
/// wave), as indexes into the sites.
type Group<'p> = (Option<(usize, &'p Wave)>, Vec<usize>);

/// The places of `sites` (in the plan's order): grouped by wave, the waves in time order
/// (their `order`, then the plan's), sites in no wave (or in a wave the plan lacks) in a
/// group of their own that no crew walks.
pub(super) fn places<'p>(plan: &'p Plan, t: &Template, sites: &[&Site]) -> Vec<Place<'p>> {
    let waves: FxHashMap<&str, (usize, &Wave)> = plan.waves.iter().enumerate().map(|(k, w)| (w.id.as_str(), (k, w))).collect();
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut group_of: FxHashMap<Option<&str>, usize> = FxHashMap::default();
    for (k, site) in sites.iter().enumerate() {
        let wave = site.wave.as_deref().and_then(|w| waves.get(w).copied());
        let key = wave.map(|(_, w)| w.id.as_str());
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push((wave, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(k);
    }
    groups.sort_by_key(|(w, _)| w.map_or((1, 0, 0), |(k, w)| (0, w.order, k)));
    let mut out: Vec<Place<'p>> = vec![Place { crews: vec![None; t.chains.len()], ..Place::default() }; sites.len()];
    for (wave, members) in &groups {
        for (pos, &m) in members.iter().enumerate() {
            out[m].wave = wave.map(|(_, w)| w);
            out[m].first = pos == 0;
            out[m].last = pos + 1 == members.len();
        }
    }
    for (c, chain) in t.chains.iter().enumerate() {
        // Across waves: each crew's last site so far.
        let mut carry: Vec<Option<usize>> = Vec::new();
        for (wave, members) in &groups {
            let Some((_, w)) = wave else { continue };
            let k = chain.crews_in(&w.id) as usize;
            let n = members.len();
            for (pos, &m) in members.iter().enumerate() {
                let prev = if pos >= k {
                    Some(members[pos - k])
                } else if chain.across_waves {
                    carry.get(pos % k).copied().flatten()
                } else {
                    None
                };
                out[m].crews[c] = Some(CrewAt { index: pos % k, first: pos < k, last: pos + k >= n, prev });
            }
            if chain.across_waves {
                if carry.len() < k {
                    carry.resize(k, None);
                }
                for pos in n.saturating_sub(k)..n {
                    carry[pos % k] = Some(members[pos]);
                }
            }
        }
    }
    out
}

/// What a template's texts and formulas name at one site (docs/plan-format.md, "Values of a
/// site"): `{site}`, `{wave}`, `{crew}`, `{lead}`, `{@anchor}` and the site's values.
pub(super) struct Context<'a> {
    pub(super) site: &'a Site,
    pub(super) wave: Option<&'a Wave>,
    /// The crew (from 0) and its lead, when a chain walks the step.
    pub(super) crew: Option<(usize, Option<&'a str>)>,
    pub(super) names: &'a dyn Fn(&str) -> Option<&'a str>,
}

impl Context<'_> {
    fn value(&self, name: &str) -> Result<String, String> {
        match name {
            "site" => Ok(self.site.name.clone()),
            "wave" => self.wave.map(|w| w.name.clone()).ok_or_else(|| "the site is in no wave, so {wave} names nothing".to_string()),
            "crew" => self
                .crew
                .map(|(k, _)| crate::model::crew_name(k))
                .ok_or_else(|| "no crew chain walks this step, so {crew} names no crew".to_string()),
            "lead" => self.crew.and_then(|(_, lead)| lead).map(str::to_string).ok_or_else(|| match self.crew {
                Some((k, _)) => format!("the chain names no lead for crew {}, so {{lead}} names nobody", crate::model::crew_name(k)),
                None => "no crew chain walks this step, so {lead} names nobody".to_string(),
            }),
            _ => {
                if let Some(anchor) = name.strip_prefix(ANCHOR) {
                    let Some(w) = self.wave else { return Err(format!("the site is in no wave, so {{{name}}} names nothing")) };
                    let Some(id) = w.anchor(anchor) else { return Err(format!("wave '{}' names no '{name}'", w.id)) };
                    return (self.names)(id)
                        .map(str::to_string)
                        .ok_or_else(|| format!("'{id}' ({{{name}}}) is not an initiative of the plan"));
                }
                self.site.values.get(name).map(|v| v.to_string()).ok_or_else(|| no_value(name))
            }
        }
    }

    fn number(&self, name: &str) -> Result<f64, String> {
        match self.site.values.get(name) {
            Some(SiteValue::Number(x)) => Ok(*x),
            Some(SiteValue::Text(t)) => Err(format!("the site's value '{name}' is the text '{t}', not a number")),
            None => Err(no_value(name)),
        }
    }

    pub(super) fn fill(&self, text: &str) -> Result<String, String> {
        formula::fill(text, &mut |n| self.value(n))
    }

    /// A step's quantity at the site: its number, or its formula worked out.
    fn quantity(&self, q: &Quantity<f64>, parsed: Option<&Formula>) -> Result<f64, String> {
        match (q, parsed) {
            (Quantity::Fixed(x), _) => Ok(*x),
            (Quantity::Formula(_), Some(f)) => f.eval(&mut |n| self.number(n)),
            (Quantity::Formula(text), None) => Formula::parse(text).and_then(|f| f.eval(&mut |n| self.number(n))),
        }
    }
}

fn no_value(name: &str) -> String {
    format!("the site has no value '{name}' (a column '{{{name}}}' of the sites file, or '{name}' in its values, gives it one)")
}

/// A step's formulas, read once for all the sites.
pub(super) struct Formulas {
    duration: [Option<Formula>; 3],
    effort: Vec<Option<Formula>>,
}

impl Formulas {
    pub(super) fn of(st: &crate::model::Step) -> Formulas {
        let read = |q: &Quantity<i32>| match q {
            Quantity::Formula(text) => Formula::parse(text).ok(),
            Quantity::Fixed(_) => None,
        };
        Formulas {
            duration: [read(&st.duration.optimistic), read(&st.duration.likely), read(&st.duration.pessimistic)],
            effort: st
                .effort
                .iter()
                .map(|e| match &e.person_days {
                    Quantity::Formula(text) => Formula::parse(text).ok(),
                    Quantity::Fixed(_) => None,
                })
                .collect(),
        }
    }
}

/// The name of a step's instance at a site, so that the same step at two sites reads apart on
/// the map, in the schedule and in every finding: the step's name with its placeholders
/// filled (`{site}`, a site's value such as `{store}`), or, when it names neither the site nor
/// any of its values, "step: site" ("Site survey: Store 012 Dayton").
pub(super) fn instance_name(step: &str, ctx: &Context<'_>) -> Result<String, String> {
    let filled = ctx.fill(step)?;
    let of_site = formula::pieces(step)?.iter().any(|p| match p {
        formula::Piece::Name(n) => !matches!(*n, "wave" | "crew" | "lead") && !n.starts_with(ANCHOR),
        _ => false,
    });
    Ok(if of_site { filled } else { format!("{filled}: {}", ctx.site.name) })
}

/// A step's estimate at a site: whole working days, in order.
pub(super) fn estimate_at(st: &crate::model::Step, f: &Formulas, ctx: &Context<'_>) -> Result<Estimate, (String, String)> {
    let mut days = [0i32; 3];
    for (k, (point, q)) in st.duration.points().into_iter().enumerate() {
        let at = || format!("step '{}' {point} duration", st.id);
        let x = match q {
            Quantity::Fixed(x) => *x,
            Quantity::Formula(text) => {
                let x = ctx.quantity(&Quantity::Formula(text.clone()), f.duration[k].as_ref()).map_err(|why| (at(), why))?;
                if x < 0.0 || x.fract() != 0.0 || x > f64::from(crate::model::limits::MAX_DURATION) {
                    return Err((
                        at(),
                        format!(
                            "'{text}' gives {} working days; a duration is a whole number of days from 0 (ceil, floor or round make one)",
                            formula::number_text(x)
                        ),
                    ));
                }
                x as i32
            }
        };
        days[k] = x;
    }
    let [optimistic, likely, pessimistic] = days;
    if !(optimistic <= likely && likely <= pessimistic) {
        return Err((
            format!("step '{}' duration", st.id),
            format!("gives {optimistic} / {likely} / {pessimistic} working days; optimistic <= likely <= pessimistic"),
        ));
    }
    Ok(Estimate { optimistic, likely, pessimistic })
}

/// A step's effort at a site: person-days per team, none negative.
pub(super) fn effort_at(st: &crate::model::Step, f: &Formulas, ctx: &Context<'_>) -> Result<Vec<Effort>, (String, String)> {
    st.effort
        .iter()
        .zip(&f.effort)
        .map(|(e, parsed)| {
            let at = || format!("step '{}' effort of team '{}'", st.id, e.team);
            let days = ctx.quantity(&e.person_days, parsed.as_ref()).map_err(|why| (at(), why))?;
            if days < 0.0 {
                return Err((
                    at(),
                    format!("'{}' gives {} person-days; effort cannot be negative", e.person_days, formula::number_text(days)),
                ));
            }
            Ok(Effort { team: e.team.clone(), person_days: days })
        })
        .collect()
}
