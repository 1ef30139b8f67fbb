//! The demo plan: a new point-of-sale (POS) system rolled out to 40 stores in 4 waves.
//!
//! This is the first plan a new user sees (`bridger new x.bridger --demo`, and the desktop
//! app on first start), so it has to read like a real program rather than test data, and
//! it has to show on its first screen what Bridger is for.
//!
//! **The demo is data**, three files in `assets/demo/` embedded in the binary, read through
//! the same doors as a user's files, in the order a user would run the commands:
//! - `plan.json`, what `bridger import` reads (docs/plan-format.md): the teams, the program
//!   work, each wave's work with its gate and anchors, the risks, and the rollout template
//!   `store` (a site survey, then install and cutover);
//! - `stores.csv`, what `bridger rollout --template store --sites` reads (docs/csv-format.md):
//!   the 40 stores, their wave, and their values (`{store}`, `{place}`, `{lanes}`), the
//!   template applied to them;
//! - `facts.jsonl`, what `bridger edit PLAN -` reads, one edit a line: what is true of single
//!   stores as of the status date (statuses, the blocked survey and its note, the deadlines of
//!   the pilot's and the last wave's last installs, the one handoff nobody owns, the survey
//!   walk's start at the survey playbook).
//!
//! What it models: a US retailer replaces the tills of 40 stores with Tillpoint lanes.
//! Eight teams deliver: Product, IT (ERP/inventory integration, payments, network,
//! security), Operations, Field Install, the vendor Tillpoint, Training, Support and
//! Marketing. The work comes in three layers:
//! - program work (~45 initiatives): contract and hardware order, POS configuration, ERP
//!   integration, payment certification, network standard, security review, training
//!   curriculum, support runbook, communications, pilot readiness and review, and the
//!   decommission of the old tills at the end;
//! - per-wave work (6 per wave): network upgrades, hardware kitting, store training,
//!   store communications, a go/no-go gate (a milestone) and hypercare;
//! - per-store work, the template: a site survey, then install and cutover, its estimate and
//!   effort worked out from the store's checkout lanes (`2 + ceil({lanes} / 4)` days). One
//!   surveyor walks the stores in order across the waves (a crew chain across waves); install
//!   crews move from store to store (one crew in the pilot, two in the later waves, each led
//!   by its lead), so the chains of stores set the pace of a wave. Each crew's first store
//!   waits for the wave's go/no-go; the wave's first store opens its hypercare and each
//!   crew's last store keeps it open. Applying the template also gives each wave its
//!   completion milestone (`wave-n-complete`), which the demo built in code before had not.
//!
//! The pilot wave (4 stores near the Columbus head office) must prove the lanes before the
//! three waves of 12 stores; each wave's go/no-go waits for the previous wave's hypercare.
//!
//! What it shows on purpose, so that a first look finds something:
//! - the critical path runs from the vendor's hardware shipment through the pilot and the
//!   waves to the decommission of the old tills;
//! - the vendor ships no earlier than 22 March but the pilot kits are needed at the DC by
//!   26 March: exactly one missed deadline (the only initiative with negative float);
//! - six handoffs nobody owns and ten assumptions the receiving side has not confirmed;
//! - two high risks without a mitigation, and payment certification close to critical;
//! - statuses as of early February: the first items done, some on track, at risk, blocked.
//! - four strategic priorities with their owners (checkout, payments, legacy, loyalty), the
//!   work tied to each, one priority owned by a team rather than a person, and four pieces of
//!   governance work tied to none (`work-serves-no-priority`); the stores serve checkout
//!   (the last line of `facts.jsonl`).
//!
//! `tests/demo.rs` holds it to the plan the code built before (`tests/data/demo-plan-by-code.json`).

use super::{ApiError, ErrorCode};
use crate::edit::Application;
use crate::model::Plan;
use crate::store::{edit_in_memory, Edit};

/// The plan without the stores: what `bridger import` reads.
pub const PLAN_JSON: &str = include_str!("../../assets/demo/plan.json");
/// The stores: what `bridger rollout --sites` reads.
pub const STORES_CSV: &str = include_str!("../../assets/demo/stores.csv");
/// What is true of single stores: what `bridger edit PLAN -` reads, one edit a line.
pub const FACTS: &str = include_str!("../../assets/demo/facts.jsonl");
/// The template applied to the stores.
pub const TEMPLATE: &str = "store";

/// The demo plan. Pure and deterministic: the same plan on every call.
pub fn plan() -> Plan {
    // The files are part of the binary and tests/demo.rs builds them: they cannot fail here.
    build().unwrap_or_else(|e| panic!("the demo's data files make no plan: {e}"))
}

/// The demo plan from its three files, or why they make none (naming the file).
pub fn build() -> Result<Plan, ApiError> {
    let invalid = |message: String| ApiError { code: ErrorCode::Invalid, message, details: Vec::new() };
    // `bridger import plan.json`: the JSON reader of every import.
    let (mut plan, notes) = crate::io::json::from_str_with_notes(PLAN_JSON, "assets/demo/plan.json").map_err(|e| invalid(e.to_string()))?;
    if let Some(note) = notes.first() {
        return Err(invalid(note.message.clone()));
    }
    // `bridger rollout --template store --sites stores.csv`: its reader and checks of the
    // sites, then the sites added and the template applied to them, as that command's edits.
    let sites = super::rollout::sites_from_bytes(&plan, STORES_CSV.as_bytes(), "assets/demo/stores.csv")?;
    let ids: Vec<String> = sites.iter().map(|s| s.id.clone()).collect();
    let mut edits: Vec<Edit> = sites.into_iter().map(Edit::AddSite).collect();
    edits.push(Edit::ApplyTemplate(Application { template: TEMPLATE.to_string(), sites: ids }));
    // `bridger edit PLAN - < facts.jsonl`: each line as that command reads it.
    for (k, line) in FACTS.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let line_edits =
            super::edit::parse(line).map_err(|e| invalid(format!("assets/demo/facts.jsonl: line {}: {}", k + 1, e.message)))?;
        edits.extend(line_edits);
    }
    // Each as the store makes it (a rollout edit into its edits, an override recorded), on
    // the plan in memory.
    for e in edits {
        let what = e.describe().to_string();
        edit_in_memory(&mut plan, e).map_err(|e| invalid(format!("the demo's '{what}': {e}")))?;
    }
    in_reading_order(&mut plan);
    let errors = crate::model::validate(&plan);
    if let Some(e) = errors.first() {
        return Err(invalid(format!("the demo plan is not valid: {e}")));
    }
    Ok(plan)
}

/// Each wave's stores listed right after the wave's own work, as a reader of the plan (and
/// the map, whose first arrangement follows the list) expects them, rather than all 80
/// after the program's work where a rollout appends them. Only the order changes.
fn in_reading_order(plan: &mut Plan) {
    let all = std::mem::take(&mut plan.initiatives);
    // The stores, and the completions applying the template made: both come after.
    let completions: std::collections::HashSet<&str> = plan.waves.iter().filter_map(|w| w.completion.as_deref()).collect();
    let moves = |i: &crate::model::Initiative| i.instance.is_some() || completions.contains(i.id.as_str());
    let last_of_wave = |wave: &str| all.iter().rposition(|i| !moves(i) && i.wave.as_deref() == Some(wave));
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
    let mut at_end = Vec::new();
    for (k, i) in all.iter().enumerate().filter(|(_, i)| moves(i)) {
        match i.wave.as_deref().and_then(last_of_wave) {
            Some(at) => after[at].push(k),
            None => at_end.push(k),
        }
    }
    let mut order = Vec::with_capacity(all.len());
    for k in (0..all.len()).filter(|&k| !moves(&all[k])) {
        order.push(k);
        order.extend(after[k].iter().copied());
    }
    order.extend(at_end);
    let mut slots: Vec<Option<crate::model::Initiative>> = all.into_iter().map(Some).collect();
    plan.initiatives = order.into_iter().filter_map(|k| slots[k].take()).collect();
}
