//! Rollouts, for every front end: add the sites of a sites file and apply a template to them
//! (`bridger rollout`), as one undo step, or say what that would add (`--dry-run`). The
//! rules of what a template makes are `crate::rollout`'s; the store runs them inside the
//! edit's transaction.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::{ApiError, ErrorCode};
use crate::edit::{Application, Edit};
use crate::io::csv::Problem;
use crate::model::{Plan, Site};
use crate::store::{Editor, StoreError};

/// What a rollout added (or, dry, would add), by id in the plan's order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Rollout {
    pub template: String,
    pub dry_run: bool,
    pub sites: Vec<String>,
    pub initiatives: Vec<String>,
    pub handoffs: Vec<String>,
    pub risks: Vec<String>,
    /// Waves given a completion milestone.
    pub waves: Vec<String>,
    /// Existing work changed to fit (crew chains made anew), by id.
    pub changed: Vec<String>,
}

/// One field a site overrides of one step of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StepOverride {
    pub template: String,
    pub step: String,
    /// The instance (`{site}-{step}`).
    pub initiative: String,
    pub field: String,
}

/// A site's overrides, in the plan's order of initiatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SiteOverrides {
    pub site: String,
    pub overrides: Vec<StepOverride>,
}

/// The overrides of every site that has any, in the plan's order of sites: where a site does
/// the template's work its own way (kept until cleared, whatever the template becomes).
pub fn overrides(plan: &Plan) -> Vec<SiteOverrides> {
    let mut by_site: std::collections::HashMap<&str, Vec<StepOverride>> = std::collections::HashMap::new();
    for i in &plan.initiatives {
        let (Some(x), Some(site)) = (&i.instance, i.site.as_deref()) else { continue };
        for field in &i.overrides {
            by_site.entry(site).or_default().push(StepOverride {
                template: x.template.clone(),
                step: x.step.clone(),
                initiative: i.id.clone(),
                field: field.clone(),
            });
        }
    }
    plan.sites
        .iter()
        .filter_map(|s| by_site.remove(s.id.as_str()).map(|overrides| SiteOverrides { site: s.id.clone(), overrides }))
        .collect()
}

/// The largest sites file read.
pub const MAX_SITES_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the sites of `sites` (a sites file, docs/csv-format.md) and checks them against
/// `plan`: every bad row is reported with the file, its line and column (a wave that does
/// not exist, an id the plan or the file already has), and nothing is returned then.
pub fn read_sites(plan: &Plan, sites: &Path) -> Result<Vec<Site>, ApiError> {
    let invalid = |message: String| ApiError { code: ErrorCode::Invalid, message, details: Vec::new() };
    let bytes = crate::io::input::read_bytes(sites, MAX_SITES_BYTES, "a sites file").map_err(|e| invalid(e.to_string()))?;
    sites_from_bytes(plan, &bytes, &sites.display().to_string())
}

/// The sites of the bytes of a sites file, checked against `plan` as [`read_sites`] checks
/// them; `file` names it in each problem.
pub fn sites_from_bytes(plan: &Plan, bytes: &[u8], file: &str) -> Result<Vec<Site>, ApiError> {
    let file = file.to_string();
    let (rows, mut problems, mut count) = crate::io::csv::read_sites(bytes);
    let mut bad = |line: u64, column: &str, reason: String| {
        count += 1;
        problems.push(Problem { file: String::new(), line, column: Some(column.to_string()), reason });
    };
    let mut seen: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for (line, s) in &rows {
        if let Some(w) = s.wave.as_deref().filter(|w| !w.trim().is_empty() && plan.wave(w).is_none()) {
            bad(*line, "wave", format!("wave '{w}' does not exist in the plan; add it first"));
        }
        if s.id.trim().is_empty() {
            continue;
        }
        if plan.site(&s.id).is_some() {
            bad(*line, "id", format!("site '{}' already exists in the plan", s.id));
        } else if let Some(first) = seen.insert(&s.id, *line) {
            bad(*line, "id", format!("site '{}' is already on line {first}", s.id));
        }
    }
    if count > 0 {
        // In the order of the file, whichever check found them.
        problems.sort_by_key(|p| p.line);
        let mut details: Vec<String> = problems.into_iter().map(|p| Problem { file: file.clone(), ..p }.to_string()).collect();
        if count > details.len() {
            details.push(format!("... and {} more", count - details.len()));
        }
        return Err(ApiError {
            code: ErrorCode::Invalid,
            message: format!("{file}: {count} problem(s) in the sites; nothing added"),
            details,
        });
    }
    Ok(rows.into_iter().map(|(_, s)| s).collect())
}

/// Adds the sites of the sites file `sites` to the plan file at `path` and applies template
/// `template` to them, as one undo step (refused whole: a bad row, a clash of ids); with
/// `dry_run`, writes nothing and says what it would add. `source` names the program in the
/// journal.
pub fn rollout(path: &Path, template: &str, sites: &Path, dry_run: bool, source: &str) -> Result<Rollout, ApiError> {
    let plan = crate::store::read(path)?;
    let t = plan.template(template).ok_or_else(|| ApiError {
        code: ErrorCode::NotFound,
        message: format!("template '{template}' does not exist in {}", path.display()),
        details: Vec::new(),
    })?;
    let new_sites = read_sites(&plan, sites)?;
    let ids: Vec<String> = new_sites.iter().map(|s| s.id.clone()).collect();
    let made = if dry_run {
        // What it would make, on the plan in memory.
        let t = t.clone();
        let mut after = plan;
        after.sites.extend(new_sites);
        crate::rollout::apply(&after, &t, &ids).map_err(StoreError::from)?
    } else {
        // Made once, by the store inside the edit's transaction on the file as it is then:
        // what it says is what it wrote. A refusal is the template's, not the batch's.
        let mut edits: Vec<Edit> = new_sites.into_iter().map(Edit::AddSite).collect();
        let added = edits.len();
        edits.push(Edit::ApplyTemplate(Application { template: template.to_string(), sites: ids.clone() }));
        let mut editor = Editor::open(path)?;
        editor.set_source(source);
        let mut applied = editor.apply_batch_made(&edits).map_err(|e| match e {
            StoreError::InBatch { item, source, .. } if item == edits.len() && matches!(*source, StoreError::Rollout(_)) => *source,
            other => other,
        })?;
        applied.drain(..added.min(applied.len()));
        applied
    };
    let mut out = Rollout {
        template: template.to_string(),
        dry_run,
        sites: ids,
        initiatives: Vec::new(),
        handoffs: Vec::new(),
        risks: Vec::new(),
        waves: Vec::new(),
        changed: Vec::new(),
    };
    for e in &made {
        match e {
            Edit::AddInitiative(i) => out.initiatives.push(i.id.clone()),
            Edit::AddHandoff(h) => out.handoffs.push(h.id.clone()),
            Edit::AddRisk(r) => out.risks.push(r.id.clone()),
            Edit::UpdateWave(w) => out.waves.push(w.id.clone()),
            other => out.changed.push(other.describe().id),
        }
    }
    Ok(out)
}

/// A template drawn as the map draws a plan (the Sites tab's template editor): its steps as
/// cards, its handoffs as routes, and the wave-level work its steps wait for or hold up as
/// cards of their own (`anchors`): `@gate` before the steps that wait for the gate, an
/// anchor a handoff names (`@network`), and `@completion` after the steps the wave's
/// completion waits for. Also how many sites use the template and what each overrides.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TemplateLayout {
    pub template: String,
    /// Cards by step id (anchors by `@name`); routes by template handoff id, and
    /// `@gate>{step}` / `{step}>@completion` for the gate's and the completion's links.
    pub layout: crate::layout::Layout,
    /// The cards that stand for wave-level work, not steps: id (`@gate`) and name.
    pub anchors: Vec<TemplateAnchor>,
    /// The sites the template is applied to, in the plan's order.
    pub sites: Vec<String>,
    /// The overrides of this template's steps, per site that has any.
    pub overrides: Vec<SiteOverrides>,
}

/// A card of a template's drawing that is wave-level work, not a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateAnchor {
    pub id: String,
    pub name: String,
}

/// The id of the completion's card in a template's drawing.
pub const COMPLETION: &str = "@completion";

/// The drawing of template `template` of `plan` (`TemplateLayout`), laid out by the map's
/// engine (Flow, the window's card size) on a small plan of the steps.
pub fn template_layout(plan: &Plan, template: &str) -> Result<TemplateLayout, ApiError> {
    use crate::model::{Handoff, Initiative};
    use crate::model::{ANCHOR, GATE};
    let t = plan.template(template).ok_or_else(|| ApiError {
        code: ErrorCode::NotFound,
        message: format!("template '{template}' does not exist"),
        details: Vec::new(),
    })?;
    let mut graph = Plan::new(&t.name, plan.start);
    graph.teams = plan.teams.clone();
    let gate = format!("{ANCHOR}{GATE}");
    let mut anchors: Vec<TemplateAnchor> = Vec::new();
    let mut anchor = |graph: &mut Plan, id: &str| {
        if anchors.iter().any(|a| a.id == id) {
            return;
        }
        let name = match id.strip_prefix(ANCHOR) {
            Some(GATE) => "The wave's gate".to_string(),
            _ if id == COMPLETION => "The wave's completion".to_string(),
            Some(other) => format!("The wave's {other}"),
            None => id.to_string(),
        };
        graph.initiatives.push(Initiative::new(id, &name, "", 0));
        anchors.push(TemplateAnchor { id: id.to_string(), name });
    };
    if t.initiatives.iter().any(|s| s.after_gate) {
        anchor(&mut graph, &gate);
    }
    for h in &t.handoffs {
        for end in [&h.from, &h.to] {
            if end.starts_with(ANCHOR) {
                anchor(&mut graph, end);
            }
        }
    }
    for s in &t.initiatives {
        // A formula's days differ by site; the drawing needs only some duration.
        let mut i = Initiative::new(&s.id, &s.name, &s.owner, 1);
        if let Some(fixed) = s.duration.fixed() {
            i.duration = fixed;
        }
        i.team = s.team.clone();
        graph.initiatives.push(i);
    }
    if t.initiatives.iter().any(|s| s.before_completion) {
        anchor(&mut graph, COMPLETION);
    }
    for s in t.initiatives.iter().filter(|s| s.after_gate) {
        graph.handoffs.push(Handoff::fs(&format!("{gate}>{}", s.id), &gate, &s.id));
    }
    for h in &t.handoffs {
        graph.handoffs.push(Handoff { kind: h.kind, lag: h.lag, ..Handoff::fs(&h.id, &h.from, &h.to) });
    }
    for s in t.initiatives.iter().filter(|s| s.before_completion) {
        graph.handoffs.push(Handoff::fs(&format!("{}>{COMPLETION}", s.id), &s.id, COMPLETION));
    }
    let config = crate::layout::Config { arrange: crate::layout::Arrange::All, ..crate::layout::Config::default() };
    let layout = crate::layout::layout(&graph, &config, None);
    let overrides = overrides(plan)
        .into_iter()
        .filter_map(|s| {
            let mine: Vec<StepOverride> = s.overrides.into_iter().filter(|o| o.template == template).collect();
            (!mine.is_empty()).then_some(SiteOverrides { site: s.site, overrides: mine })
        })
        .collect();
    Ok(TemplateLayout { template: template.to_string(), layout, anchors, sites: crate::rollout::applied_sites(plan, template), overrides })
}

impl super::Editing {
    /// The template editor's drawing of template `template` of the open plan.
    pub fn template_layout(&self, template: &str) -> Result<TemplateLayout, ApiError> {
        template_layout(self.file.plan(), template)
    }
}
