//! The demo plan: a new point-of-sale (POS) system rolled out to 40 stores in 4 waves.
//!
//! This is the first plan a new user sees (`bridger new x.bridger --demo`, and the desktop
//! app on first start), so it has to read like a real program rather than test data, and
//! it has to show on its first screen what Bridger is for.
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
//! - per-store work (2 per store): a site survey, then install and cutover. One surveyor
//!   walks the stores in order; install crews move from store to store (one crew in the
//!   pilot, two crews in the later waves), so the chains of stores set the pace of a wave.
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
//!
//! Everything is built from the tables below with loops where the work is regular (stores,
//! waves), so a change of the rollout (a store, a wave, a duration) is a one-line edit.
//!
//! Long because it is data: 149 initiatives written out for people to read (it moves with the
//! rollouts issue, which builds it from a template).

use chrono::NaiveDate;

use crate::model::{Calendar, Effort, Estimate, Handoff, Initiative, Kind, Plan, Risk, RiskStatus, Site, Status, Team, Wave};

const PRODUCT: &str = "product";
const IT: &str = "it";
const OPS: &str = "ops";
const FIELD: &str = "field";
const VENDOR: &str = "vendor";
const TRAINING: &str = "training";
const SUPPORT: &str = "support";
const MARKETING: &str = "marketing";

/// (id, name, people available per day, utilization target)
const TEAMS: [(&str, &str, f64, f64); 8] = [
    (PRODUCT, "Product", 5.0, 0.65),
    (IT, "IT (integration, ERP, payments)", 12.0, 0.65),
    (OPS, "Operations", 6.0, 0.65),
    (FIELD, "Field Install", 14.0, 0.75),
    (VENDOR, "Tillpoint (vendor)", 10.0, 0.8),
    (TRAINING, "Training", 4.0, 0.65),
    (SUPPORT, "Support", 8.0, 0.65),
    (MARKETING, "Marketing", 3.0, 0.65),
];

/// Wave names, in order; wave `n` (1-based) has the id `wave-n`.
const WAVES: [&str; 4] = ["Wave 1 - Pilot (Central Ohio)", "Wave 2 - Midwest", "Wave 3 - Northeast", "Wave 4 - Southeast"];

/// (store number, location, region, wave 1-4, checkout lanes). Within a wave the order is
/// the order of the survey walk and of the install crews' routes.
const STORES: [(u16, &str, &str, usize, i32); 40] = [
    (14, "Columbus Easton", "Central Ohio", 1, 10),
    (22, "Columbus Polaris", "Central Ohio", 1, 8),
    (31, "Dublin Bridge Park", "Central Ohio", 1, 6),
    (47, "Westerville Uptown", "Central Ohio", 1, 5),
    (52, "Cincinnati Kenwood", "Ohio", 2, 9),
    (58, "Dayton Kettering", "Ohio", 2, 6),
    (63, "Cleveland Crocker Park", "Ohio", 2, 10),
    (67, "Akron Fairlawn", "Ohio", 2, 6),
    (71, "Toledo Levis Commons", "Ohio", 2, 7),
    (76, "Indianapolis Castleton", "Indiana & Kentucky", 2, 11),
    (80, "Fort Wayne Jefferson Pointe", "Indiana & Kentucky", 2, 5),
    (84, "Louisville St. Matthews", "Indiana & Kentucky", 2, 8),
    (88, "Lexington Hamburg", "Indiana & Kentucky", 2, 6),
    (93, "Pittsburgh Waterfront", "Great Lakes", 2, 9),
    (97, "Royal Oak Main Street", "Great Lakes", 2, 7),
    (101, "Grand Rapids Woodland", "Great Lakes", 2, 6),
    (105, "Philadelphia Rittenhouse", "Mid-Atlantic", 3, 8),
    (109, "King of Prussia", "Mid-Atlantic", 3, 12),
    (112, "Baltimore Harbor East", "Mid-Atlantic", 3, 7),
    (118, "Arlington Clarendon", "Mid-Atlantic", 3, 8),
    (121, "Richmond Short Pump", "Mid-Atlantic", 3, 9),
    (126, "Short Hills", "Mid-Atlantic", 3, 10),
    (130, "West Hartford", "New England", 3, 6),
    (134, "Boston Seaport", "New England", 3, 7),
    (139, "Providence Garden City", "New England", 3, 6),
    (142, "Albany Crossgates", "Upstate New York", 3, 8),
    (147, "Buffalo Elmwood", "Upstate New York", 3, 5),
    (150, "Rochester Pittsford", "Upstate New York", 3, 6),
    (155, "Nashville Green Hills", "Tennessee", 4, 9),
    (158, "Memphis Saddle Creek", "Tennessee", 4, 7),
    (163, "Atlanta Buckhead", "Georgia & Carolinas", 4, 12),
    (166, "Charlotte SouthPark", "Georgia & Carolinas", 4, 9),
    (171, "Raleigh North Hills", "Georgia & Carolinas", 4, 8),
    (174, "Charleston King Street", "Georgia & Carolinas", 4, 5),
    (178, "Jacksonville St. Johns", "Florida & Alabama", 4, 8),
    (183, "Orlando Winter Park", "Florida & Alabama", 4, 7),
    (186, "Tampa Hyde Park", "Florida & Alabama", 4, 6),
    (190, "Birmingham Summit", "Florida & Alabama", 4, 8),
    (194, "Chattanooga Hamilton Place", "Tennessee", 4, 7),
    (198, "Knoxville Turkey Creek", "Tennessee", 4, 6),
];

/// Install crew leads: the pilot uses crew A only, so the same people learn every store.
const CREWS: [&str; 2] = ["Marcus Reed", "Dana Kowalski"];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The demo plan. Pure and deterministic: the same plan on every call.
pub fn plan() -> Plan {
    let mut plan = Plan::new("POS rollout - 40 stores (demo)", date(2027, 1, 4));
    plan.calendar = Calendar {
        // Memorial Day, Independence Day (observed), Labor Day, Thanksgiving and the day
        // after, Christmas and New Year (both observed on the Friday before).
        holidays: vec![
            date(2027, 5, 31),
            date(2027, 7, 5),
            date(2027, 9, 6),
            date(2027, 11, 25),
            date(2027, 11, 26),
            date(2027, 12, 24),
            date(2027, 12, 31),
        ],
        ..Calendar::default()
    };
    // The date the steering committee was promised, and the program manager's own words for
    // page 1 of the brief: what a new user sees filled in.
    plan.target = Some(date(2028, 3, 15));
    plan.summary = "Pilot stores are live in Central Ohio and the Midwest wave is being kitted. The rollout is paced by \
                    Tillpoint's hardware lots and by the acquirer's EMV certification; install crews are booked through \
                    wave 3. Two handoffs into the distribution centre still have no owner."
        .to_string();
    plan.asks = "Decide by 15 Feb whether wave 4 may start before the second EMV test slot. Name an owner for DC kitting \
                 on the IT side. Approve air freight for the first hardware lot if the factory slot slips."
        .to_string();
    plan.teams = TEAMS.iter().map(|(id, name, fte, target)| Team { utilization_target: *target, ..Team::new(id, name, *fte) }).collect();
    plan.waves = WAVES.iter().zip(1..).map(|(name, n)| Wave::new(&wave_id(n as usize), name, n)).collect();
    plan.sites = STORES
        .iter()
        .map(|(num, place, region, wave, _)| Site {
            id: store_id(*num),
            name: format!("Store {num:03} - {place}"),
            region: Some(region.to_string()),
            wave: Some(wave_id(*wave)),
            ..Site::default()
        })
        .collect();
    plan.initiatives = program_work();
    plan.handoffs = program_handoffs();
    for n in 1..=WAVES.len() {
        add_wave(&mut plan, n);
    }
    plan.risks = risks();
    // Each team's lead: the owner of its first piece of work (whom a decision about the
    // team's capacity asks).
    for t in &mut plan.teams {
        if let Some(i) = plan.initiatives.iter().find(|i| i.team.as_deref() == Some(t.id.as_str())) {
            t.lead = i.owner.clone();
        }
    }
    as_of_status_date(&mut plan, STATUS_DATE);
    tie_to_priorities(&mut plan);
    plan
}

/// The strategy the demo's work serves (issue 29): four priorities, one owned by a team's name
/// (the finding `priority-owner-not-a-person` shows), and the work tied to them; the program's
/// own governance (requirements, the vendor contract, the pilot's criteria and review,
/// benefits tracking, the program's close) serves none, so `work-serves-no-priority` lists it.
fn tie_to_priorities(plan: &mut Plan) {
    use crate::model::Priority;
    let mut checkout = Priority::new("checkout", "Modern checkout in all 40 stores", "Marcus Lee", 1);
    checkout.target = Some(date(2028, 3, 15));
    checkout.description = "Every lane on Tillpoint, queue time down by a third".into();
    let mut payments = Priority::new("payments", "Certified card and contactless payments", "Sofia Alvarez", 2);
    payments.target = Some(date(2027, 9, 30));
    let legacy = Priority::new("legacy", "Retire the legacy till platform", "IT (integration, ERP, payments)", 3);
    let loyalty = Priority::new("loyalty", "Grow loyalty sign-ups at the till", "Ryan Patel", 4);
    plan.priorities = vec![checkout, payments, legacy, loyalty];
    const PAYMENTS: &[&str] = &["payment-gateway", "payment-cert", "vendor-aoc", "pen-test", "security-review"];
    const LEGACY: &[&str] =
        &["legacy-archive", "legacy-decommission", "erp-interface-spec", "erp-integration", "price-migration", "erp-integration-test"];
    const LOYALTY: &[&str] = &["loyalty-update", "launch-campaign", "comms-plan"];
    const NONE: &[&str] =
        &["pos-requirements", "vendor-contract", "pilot-success-criteria", "pilot-review", "benefits-tracking", "program-close"];
    for i in &mut plan.initiatives {
        let id = i.id.as_str();
        let serves = if PAYMENTS.contains(&id) {
            "payments"
        } else if LEGACY.contains(&id) {
            "legacy"
        } else if LOYALTY.contains(&id) {
            "loyalty"
        } else if NONE.contains(&id) || i.is_milestone() {
            continue;
        } else {
            "checkout"
        };
        i.serves = vec![serves.to_string()];
    }
}

/// The demo's status date: the statuses are as of the end of this Friday.
const STATUS_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2027, 2, 5) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Gives the work that is done or under way the actual dates the plan had for it (the work
/// went as planned until the status date), and sets the status date: done work on its
/// planned dates, work with progress started on its planned start. The rest of the plan
/// then runs from the data date (docs/scheduling.md, "Progress").
fn as_of_status_date(plan: &mut Plan, status_date: NaiveDate) {
    let Ok(s) = crate::schedule::schedule(plan) else { return };
    let dates: std::collections::HashMap<&str, (NaiveDate, NaiveDate)> =
        s.initiatives.iter().map(|r| (r.id.as_str(), (r.start_date, r.finish_date))).collect();
    for i in &mut plan.initiatives {
        let Some(&(start, finish)) = dates.get(i.id.as_str()) else { continue };
        if i.status == Status::Done {
            (i.actual_start, i.actual_finish) = (Some(start.min(status_date)), Some(finish.min(status_date)));
        } else if i.progress > 0.0 {
            i.actual_start = Some(start.min(status_date));
        }
    }
    plan.status_date = Some(status_date);
    // The owners of what is under way or due within the week said where it stands at this
    // review, but for the vendor's order (what the review rhythm's finding shows).
    let Ok(s) = crate::schedule::schedule(plan) else { return };
    let review = status_date.checked_add_days(chrono::Days::new(7)).unwrap_or(status_date);
    let soon: std::collections::HashSet<&str> = s.initiatives.iter().filter(|r| r.start_date <= review).map(|r| r.id.as_str()).collect();
    let updated = crate::model::Updated { status_date: Some(status_date), at: format!("{status_date}T16:00:00+00:00") };
    for i in &mut plan.initiatives {
        if soon.contains(i.id.as_str()) && i.id != "hardware-order" {
            i.updated = Some(updated.clone());
        }
    }
}

fn wave_id(n: usize) -> String {
    format!("wave-{n}")
}

fn store_id(num: u16) -> String {
    format!("store-{num:03}")
}

// ---------------------------------------------------------------------------------------
// Building blocks: an initiative or a handoff in one line, adjusted by chained setters.

fn task(id: &str, name: &str, team: &str, owner: &str, [optimistic, likely, pessimistic]: [i32; 3]) -> Initiative {
    let mut i = Initiative::new(id, name, owner, likely);
    i.team = Some(team.to_string());
    i.duration = Estimate { optimistic, likely, pessimistic };
    i
}

trait InitiativeExt {
    fn status(self, status: Status, progress: f64) -> Self;
    fn done(self) -> Self;
    fn effort(self, effort: &[(&str, f64)]) -> Self;
    fn in_wave(self, n: usize) -> Self;
    fn at_site(self, site: &str) -> Self;
    fn not_before(self, d: NaiveDate) -> Self;
    fn deadline(self, d: NaiveDate) -> Self;
    fn note(self, text: &str) -> Self;
}

impl InitiativeExt for Initiative {
    fn status(mut self, status: Status, progress: f64) -> Self {
        self.status = status;
        self.progress = progress;
        self
    }
    fn done(self) -> Self {
        self.status(Status::Done, 1.0)
    }
    fn effort(mut self, effort: &[(&str, f64)]) -> Self {
        self.effort = effort.iter().map(|(team, days)| Effort { team: team.to_string(), person_days: *days }).collect();
        self
    }
    fn in_wave(mut self, n: usize) -> Self {
        self.wave = Some(wave_id(n));
        self
    }
    fn at_site(mut self, site: &str) -> Self {
        self.site = Some(site.to_string());
        self
    }
    fn not_before(mut self, d: NaiveDate) -> Self {
        self.start_no_earlier_than = Some(d);
        self
    }
    fn deadline(mut self, d: NaiveDate) -> Self {
        self.finish_no_later_than = Some(d);
        self
    }
    fn note(mut self, text: &str) -> Self {
        self.notes = text.to_string();
        self
    }
}

/// A confirmed finish-to-start handoff; its id names the pair, which is unique in a plan.
fn handoff(from: &str, to: &str, owner: &str, assumption: &str) -> Handoff {
    let mut h = Handoff::fs(&format!("h-{from}>{to}"), from, to);
    h.owner = owner.to_string();
    h.assumption = assumption.to_string();
    h.confirmed = true;
    h
}

trait HandoffExt {
    fn kind(self, kind: Kind, lag: i32) -> Self;
    fn unconfirmed(self) -> Self;
    /// Nobody owns the seam (and so nobody got it confirmed either).
    fn unowned(self) -> Self;
}

impl HandoffExt for Handoff {
    fn kind(mut self, kind: Kind, lag: i32) -> Self {
        self.kind = kind;
        self.lag = lag;
        self
    }
    fn unconfirmed(mut self) -> Self {
        self.confirmed = false;
        self
    }
    fn unowned(mut self) -> Self {
        self.owner.clear();
        self.confirmed = false;
        self
    }
}

// ---------------------------------------------------------------------------------------
// Program work: done once for the whole rollout.

fn program_work() -> Vec<Initiative> {
    use Status::{AtRisk, Blocked, OnTrack};
    vec![
        // Product
        task("pos-requirements", "POS requirements and store process design", PRODUCT, "Priya Nair", [8, 10, 15])
            .done()
            .effort(&[(PRODUCT, 30.0), (OPS, 8.0)]),
        task("vendor-contract", "Tillpoint contract, SOW and hardware pricing signed", PRODUCT, "Priya Nair", [8, 10, 20])
            .done()
            .effort(&[(PRODUCT, 12.0), (IT, 4.0)]),
        task("pos-config", "POS configuration: catalogue, tax, receipts, promotions", PRODUCT, "Daniel Okafor", [15, 20, 30])
            .effort(&[(PRODUCT, 60.0), (VENDOR, 20.0)]),
        task("uat", "User acceptance testing in the lab store", PRODUCT, "Daniel Okafor", [8, 10, 15]).effort(&[
            (PRODUCT, 30.0),
            (OPS, 10.0),
            (IT, 10.0),
        ]),
        task("pilot-success-criteria", "Pilot success criteria: queue time, cash-up variance, uptime", PRODUCT, "Priya Nair", [3, 5, 8])
            .effort(&[(PRODUCT, 5.0), (OPS, 3.0)]),
        task("pilot-review", "Pilot review and roll-out decision", PRODUCT, "Priya Nair", [3, 5, 8]).effort(&[
            (PRODUCT, 8.0),
            (OPS, 5.0),
            (IT, 3.0),
        ]),
        task("benefits-tracking", "Benefits tracking: queue time and shrink, old lanes vs new", PRODUCT, "Daniel Okafor", [8, 10, 15])
            .effort(&[(PRODUCT, 10.0)]),
        task("program-close", "Program close and handover to business as usual", PRODUCT, "Priya Nair", [3, 5, 8])
            .effort(&[(PRODUCT, 5.0), (SUPPORT, 3.0)]),
        // Tillpoint (vendor)
        task("hardware-order", "Hardware order: 320 lanes of terminals, printers, scanners, drawers", VENDOR, "Marco Bianchi", [3, 5, 8])
            .status(OnTrack, 0.2)
            .effort(&[(VENDOR, 5.0), (IT, 2.0)]),
        task("hardware-delivery", "First hardware lot shipped to the Columbus DC", VENDOR, "Marco Bianchi", [6, 9, 15])
            .effort(&[(VENDOR, 6.0)])
            .not_before(date(2027, 3, 22))
            .deadline(date(2027, 3, 26))
            .note("Tillpoint's factory slot ships no earlier than 22 March; pilot kitting needs the lot at the DC by 26 March."),
        task("pos-software-release", "Tillpoint POS release 4.2 with our customisations", VENDOR, "Hannah Cole", [25, 30, 45])
            .status(OnTrack, 0.1)
            .effort(&[(VENDOR, 90.0), (PRODUCT, 10.0)]),
        task("image-build", "Golden image and lane configuration package", VENDOR, "Hannah Cole", [5, 8, 12])
            .effort(&[(VENDOR, 12.0), (IT, 4.0)]),
        task("vendor-aoc", "Tillpoint PCI DSS attestation of compliance (AOC)", VENDOR, "Hannah Cole", [5, 10, 30])
            .status(AtRisk, 0.2)
            .effort(&[(VENDOR, 6.0)])
            .note("Tillpoint's assessor has not scheduled the on-site review yet."),
        // IT: integration, ERP, payments, network, security
        task("erp-interface-spec", "ERP and inventory interface specification", IT, "Wei Zhang", [8, 10, 15])
            .done()
            .effort(&[(IT, 15.0), (VENDOR, 5.0)]),
        task("erp-integration", "ERP and inventory integration build: sales, stock, prices", IT, "Wei Zhang", [25, 30, 45])
            .status(OnTrack, 0.3)
            .effort(&[(IT, 140.0), (VENDOR, 20.0)]),
        task("price-migration", "Item, price and promotion file migration", IT, "Wei Zhang", [10, 15, 20])
            .effort(&[(IT, 25.0), (PRODUCT, 10.0)]),
        task("erp-integration-test", "End-to-end integration test with ERP", IT, "Wei Zhang", [8, 10, 15])
            .effort(&[(IT, 40.0), (PRODUCT, 5.0)]),
        task("payment-gateway", "Payment gateway integration: card, contactless, gift cards", IT, "Sofia Alvarez", [20, 25, 35])
            .status(OnTrack, 0.1)
            .effort(&[(IT, 60.0), (VENDOR, 15.0)]),
        task("payment-cert", "Payment certification with the acquirer (EMV L3)", IT, "Sofia Alvarez", [15, 20, 40])
            .status(AtRisk, 0.0)
            .effort(&[(IT, 25.0), (VENDOR, 10.0)])
            .note("The acquirer offers one test slot a month; a failed run costs a month."),
        task("network-design", "Store network standard: SD-WAN and a POS VLAN", IT, "Tom Becker", [10, 15, 20])
            .done()
            .effort(&[(IT, 20.0)]),
        task("lab-store", "Lab store: six test lanes at head office", IT, "Tom Becker", [5, 8, 12]).effort(&[(IT, 12.0), (VENDOR, 4.0)]),
        task("mdm-setup", "Device management and lane monitoring", IT, "Tom Becker", [8, 10, 15]).effort(&[(IT, 15.0)]),
        task("pen-test", "Penetration test of the lanes and the payment gateway", IT, "Aisha Rahman", [5, 8, 12]).effort(&[(IT, 10.0)]),
        task("security-review", "Security and PCI DSS review of the new POS", IT, "Aisha Rahman", [8, 10, 15])
            .status(Blocked, 0.0)
            .effort(&[(IT, 15.0)])
            .note("Blocked: waiting for Tillpoint's attestation of compliance."),
        task("legacy-archive", "Archive legacy till transaction data (7 years)", IT, "Wei Zhang", [8, 10, 15]).effort(&[(IT, 12.0)]),
        task("legacy-decommission", "Decommission the legacy till platform: servers, licences, recycling", IT, "Tom Becker", [10, 15, 25])
            .effort(&[(IT, 20.0), (VENDOR, 5.0)])
            .deadline(date(2027, 12, 17))
            .note("The support contract of the old tills ends on 31 December."),
        // Operations
        task("rollout-schedule", "Store rollout schedule agreed with regional managers", OPS, "Grace Thompson", [5, 8, 10])
            .done()
            .effort(&[(OPS, 8.0)]),
        task("store-procedures", "Store procedures: opening, cash-up, returns, voids", OPS, "Luis Romero", [10, 15, 20])
            .status(OnTrack, 0.8)
            .effort(&[(OPS, 20.0)]),
        task("cutover-plan", "Store cutover playbook: night before and first trading day", OPS, "Luis Romero", [8, 10, 15])
            .effort(&[(OPS, 10.0), (FIELD, 3.0)]),
        task("store-staffing", "Go-live staffing: extra floor staff in each store's first week", OPS, "Grace Thompson", [5, 5, 8])
            .effort(&[(OPS, 5.0)]),
        task("pilot-readiness", "Pilot readiness review", OPS, "Grace Thompson", [2, 3, 5]).effort(&[
            (OPS, 4.0),
            (PRODUCT, 2.0),
            (IT, 2.0),
        ]),
        // Field Install
        task("survey-playbook", "Site survey checklist and booking", FIELD, "Jamal Carter", [3, 5, 7]).done().effort(&[(FIELD, 4.0)]),
        task("install-crews", "Install crews contracted and certified by Tillpoint", FIELD, "Jamal Carter", [10, 15, 25])
            .status(OnTrack, 0.2)
            .effort(&[(FIELD, 12.0), (VENDOR, 6.0)]),
        task("install-rehearsal", "Install and cutover rehearsal in the lab store", FIELD, "Erin O'Neill", [2, 3, 5])
            .effort(&[(FIELD, 6.0), (OPS, 2.0)]),
        // Training
        task("training-needs", "Training needs analysis by store role", TRAINING, "Mei Lin", [5, 8, 10]).done().effort(&[(TRAINING, 8.0)]),
        task("training-curriculum", "Training curriculum and e-learning modules", TRAINING, "Mei Lin", [15, 20, 30])
            .effort(&[(TRAINING, 40.0), (PRODUCT, 5.0)]),
        task("training-env", "Training environment: sandbox lanes and practice data", TRAINING, "Olivia Brooks", [5, 8, 12])
            .effort(&[(TRAINING, 6.0), (IT, 6.0)]),
        task("train-the-trainer", "Train-the-trainer for store champions", TRAINING, "Olivia Brooks", [5, 5, 8])
            .effort(&[(TRAINING, 10.0)]),
        // Support
        task("support-model", "Support model: service desk, Tillpoint L3 and escalation", SUPPORT, "Ben Walker", [8, 10, 15])
            .status(OnTrack, 0.9)
            .effort(&[(SUPPORT, 10.0)]),
        task("support-runbook", "Support runbook and known-issue catalogue", SUPPORT, "Nadia Hussein", [10, 12, 18])
            .effort(&[(SUPPORT, 20.0), (VENDOR, 5.0)]),
        task("service-desk-training", "Service desk training on the new POS", SUPPORT, "Nadia Hussein", [3, 5, 7])
            .effort(&[(SUPPORT, 15.0), (TRAINING, 3.0)]),
        task("hypercare-plan", "Hypercare plan and go-live war room", SUPPORT, "Ben Walker", [3, 5, 8]).effort(&[(SUPPORT, 5.0)]),
        // Marketing
        task("comms-plan", "Colleague and customer communications plan", MARKETING, "Chloe Martin", [5, 8, 12]).effort(&[(MARKETING, 8.0)]),
        task("loyalty-update", "Loyalty app update for digital receipts and offers", MARKETING, "Ryan Patel", [15, 20, 30])
            .effort(&[(MARKETING, 10.0), (IT, 15.0)]),
        task("launch-campaign", "'Faster checkout' launch campaign", MARKETING, "Chloe Martin", [10, 15, 20]).effort(&[(MARKETING, 25.0)]),
    ]
}

fn program_handoffs() -> Vec<Handoff> {
    vec![
        // Contract, hardware and vendor software
        handoff(
            "pos-requirements",
            "vendor-contract",
            "Priya Nair",
            "Procurement assumes the requirements are frozen before the SOW is signed",
        ),
        handoff(
            "vendor-contract",
            "hardware-order",
            "Priya Nair",
            "Tillpoint assumes the signed SOW fixes lane counts and hardware pricing",
        ),
        handoff(
            "hardware-order",
            "hardware-delivery",
            "Marco Bianchi",
            "IT assumes the order books a factory slot that ships the first lot in March",
        )
        .unconfirmed(),
        handoff(
            "hardware-delivery",
            "wave-1-kitting",
            "Marco Bianchi",
            "The DC assumes the first lot arrives complete, with pilot quantities for four stores",
        ),
        handoff("vendor-contract", "pos-software-release", "Hannah Cole", "Tillpoint assumes the customisation list in the SOW is final"),
        handoff(
            "pos-software-release",
            "pos-config",
            "Daniel Okafor",
            "Product assumes the first release drop can be configured five days after Tillpoint starts the build",
        )
        .kind(Kind::SS, 5),
        handoff(
            "pos-requirements",
            "pos-config",
            "Daniel Okafor",
            "Product assumes the store process design covers returns, voids and price overrides",
        ),
        handoff(
            "pos-software-release",
            "image-build",
            "Hannah Cole",
            "Tillpoint assumes release 4.2 passes its own regression before imaging",
        ),
        handoff("image-build", "wave-1-kitting", "Hannah Cole", "Kitting assumes every lane is imaged with the signed-off golden image"),
        handoff("mdm-setup", "wave-1-kitting", "", "Kitting assumes lanes enrol in device management when they are staged").unowned(),
        handoff("hardware-order", "lab-store", "Tom Becker", "IT assumes Tillpoint ships six evaluation lanes ten days after the order")
            .kind(Kind::FS, 10),
        // ERP, prices, payments
        handoff("erp-interface-spec", "erp-integration", "Wei Zhang", "Integration assumes the ERP team freezes the interface spec"),
        handoff("erp-interface-spec", "price-migration", "Wei Zhang", "Data migration assumes item and price fields map one to one"),
        handoff(
            "erp-integration",
            "erp-integration-test",
            "Wei Zhang",
            "Test assumes all three interfaces (sales, stock, prices) are deployed to the test ERP",
        ),
        handoff("erp-integration-test", "uat", "Daniel Okafor", "Product assumes UAT runs against the integrated test ERP, not stubs"),
        handoff("price-migration", "uat", "", "UAT assumes the migrated price file matches the shelf edge labels").unowned(),
        handoff("pos-config", "uat", "Daniel Okafor", "Product assumes configuration is frozen for the UAT cycle"),
        handoff("lab-store", "uat", "Tom Becker", "Product assumes the lab store has lanes, printers and a live payment terminal"),
        handoff(
            "vendor-contract",
            "payment-gateway",
            "Sofia Alvarez",
            "Payments assumes Tillpoint's gateway API version is fixed in the SOW",
        ),
        handoff(
            "payment-gateway",
            "payment-cert",
            "Sofia Alvarez",
            "Payments assumes the acquirer accepts the gateway build for EMV L3 testing",
        ),
        handoff(
            "payment-cert",
            "wave-1-gate",
            "Sofia Alvarez",
            "Ops assumes the acquirer's certification letter is in hand before the pilot go/no-go",
        )
        .unconfirmed(),
        // Network and security
        handoff("lab-store", "pen-test", "Aisha Rahman", "Security assumes the lab lanes run the production image and network standard"),
        handoff("lab-store", "mdm-setup", "Tom Becker", "IT assumes the lab lanes are available to test device enrolment"),
        handoff("vendor-contract", "vendor-aoc", "Aisha Rahman", "Security assumes the SOW obliges Tillpoint to deliver a current AOC"),
        handoff("vendor-aoc", "security-review", "", "Security assumes the AOC covers the cloud back office as well as the lanes")
            .unowned(),
        handoff(
            "pen-test",
            "security-review",
            "Aisha Rahman",
            "Security assumes high findings of the pen test are fixed before the review",
        ),
        handoff(
            "security-review",
            "wave-1-gate",
            "Aisha Rahman",
            "Ops assumes the security review is signed off before any lane takes a card",
        ),
        // Store operations, field install, pilot readiness
        handoff("store-procedures", "cutover-plan", "Luis Romero", "Ops assumes the cash-up and returns procedures are final"),
        handoff(
            "cutover-plan",
            "install-rehearsal",
            "Erin O'Neill",
            "Field Install assumes the cutover playbook is written before the rehearsal",
        ),
        handoff(
            "install-crews",
            "install-rehearsal",
            "Erin O'Neill",
            "Field Install assumes both crews are certified before they rehearse",
        ),
        handoff(
            "lab-store",
            "install-rehearsal",
            "Tom Becker",
            "Field Install assumes the lab store can be wiped and reinstalled for the rehearsal",
        ),
        handoff(
            "vendor-contract",
            "install-crews",
            "Jamal Carter",
            "Field Install assumes Tillpoint publishes the install specification with the contract",
        ),
        handoff("install-rehearsal", "pilot-readiness", "Grace Thompson", "Ops assumes the rehearsal cutover finishes inside one night"),
        handoff("store-staffing", "pilot-readiness", "Grace Thompson", "Ops assumes regional managers approved overtime for go-live weeks"),
        handoff(
            "pilot-success-criteria",
            "pilot-readiness",
            "Priya Nair",
            "Ops assumes the pilot has measurable exit criteria agreed by the COO",
        ),
        handoff("rollout-schedule", "store-staffing", "Grace Thompson", "Ops assumes store go-live dates are published to store managers"),
        handoff("uat", "pilot-readiness", "Daniel Okafor", "Ops assumes UAT closes with no open severity-1 defects"),
        handoff("pilot-readiness", "wave-1-gate", "Grace Thompson", "The go/no-go assumes a readiness review with every team's sign-off"),
        handoff(
            "rollout-schedule",
            "survey-playbook",
            "Jamal Carter",
            "Field Install assumes the store order of the survey walk follows the wave plan",
        ),
        // Training
        handoff(
            "training-needs",
            "training-curriculum",
            "Mei Lin",
            "Training assumes the needs analysis covers cashiers, supervisors and managers",
        ),
        handoff(
            "store-procedures",
            "training-curriculum",
            "Luis Romero",
            "Training assumes the store procedures will not change after the curriculum is written",
        ),
        handoff("pos-config", "training-env", "Olivia Brooks", "Training assumes the sandbox lanes carry the final configuration"),
        handoff("training-curriculum", "train-the-trainer", "Mei Lin", "Training assumes modules are signed off by Retail Ops"),
        handoff("training-env", "train-the-trainer", "Olivia Brooks", "Trainers assume sandbox lanes are available at the training centre"),
        // Support
        handoff("support-model", "support-runbook", "Ben Walker", "Support assumes Tillpoint agreed L3 response times"),
        handoff("uat", "support-runbook", "Nadia Hussein", "Support assumes known issues from UAT are in the runbook when UAT closes")
            .kind(Kind::FF, 0),
        handoff(
            "support-runbook",
            "service-desk-training",
            "Nadia Hussein",
            "Support assumes the service desk is trained on the runbook it will use",
        ),
        handoff("service-desk-training", "wave-1-gate", "Ben Walker", "Ops assumes the service desk can take POS calls on day one"),
        handoff("support-model", "hypercare-plan", "Ben Walker", "Support assumes hypercare staffing is funded by the program"),
        handoff("hypercare-plan", "wave-1-gate", "Ben Walker", "Ops assumes the war room is staffed from the first pilot night"),
        // Marketing
        handoff("rollout-schedule", "comms-plan", "Chloe Martin", "Marketing assumes store dates are firm enough to announce"),
        handoff("pos-software-release", "loyalty-update", "Ryan Patel", "Marketing assumes release 4.2 exposes the digital receipt API"),
        handoff("loyalty-update", "launch-campaign", "", "Marketing assumes the loyalty app update is live in both app stores").unowned(),
        handoff(
            "pilot-review",
            "launch-campaign",
            "Chloe Martin",
            "Marketing assumes the pilot proved shorter queues before advertising them",
        ),
        // Pilot review, close
        handoff(
            "pilot-success-criteria",
            "pilot-review",
            "Priya Nair",
            "Product assumes pilot data is collected against the agreed criteria",
        ),
        handoff(
            "wave-1-hypercare",
            "pilot-review",
            "Priya Nair",
            "Product starts the pilot review three days before pilot hypercare closes",
        )
        .kind(Kind::FS, -3),
        handoff("pilot-review", "wave-2-gate", "Priya Nair", "The wave 2 go/no-go assumes the steering group accepted the pilot review"),
        handoff(
            "wave-2-gate",
            "benefits-tracking",
            "Daniel Okafor",
            "Product assumes baseline measures of the old lanes are taken before wave 2 goes live",
        ),
        handoff("wave-4-gate", "legacy-archive", "Wei Zhang", "IT assumes no old till takes a sale after the last wave goes live"),
        handoff(
            "legacy-archive",
            "legacy-decommission",
            "Wei Zhang",
            "IT assumes the archive is verified by Finance before servers are wiped",
        )
        .unconfirmed(),
        handoff(
            "wave-4-hypercare",
            "legacy-decommission",
            "Tom Becker",
            "IT assumes no store needs to fall back to an old till after hypercare",
        ),
        handoff("legacy-decommission", "program-close", "Priya Nair", "The steering group assumes old licences are cancelled before close"),
        handoff(
            "benefits-tracking",
            "program-close",
            "Daniel Okafor",
            "The steering group assumes benefits are measured in at least two waves",
        ),
    ]
}

// ---------------------------------------------------------------------------------------
// Per wave and per store: the rollout template, instantiated for each wave and store.

/// Adds wave `n`'s initiatives (its stores included) and handoffs to the plan.
fn add_wave(plan: &mut Plan, n: usize) {
    let pilot = n == 1;
    let w = |what: &str| format!("wave-{n}-{what}");
    let prev = |what: &str| format!("wave-{}-{what}", n - 1);
    let stores: Vec<_> = STORES.iter().filter(|s| s.3 == n).collect();
    let count = stores.len() as f64;
    let label = if pilot { "Pilot".to_string() } else { format!("Wave {n}") };

    let (network, kitting, training, hypercare) =
        if pilot { ([8, 10, 15], [4, 6, 10], [5, 5, 8], [15, 20, 25]) } else { ([15, 20, 30], [8, 10, 14], [8, 10, 12], [20, 25, 35]) };
    let work = [
        task(&w("network"), &format!("{label} network upgrades ({} stores)", stores.len()), IT, "Tom Becker", network)
            .effort(&[(IT, 3.0 * count), (FIELD, 1.0 * count)]),
        task(&w("kitting"), &format!("{label} hardware kitting and staging at the DC"), VENDOR, "Marco Bianchi", kitting)
            .effort(&[(VENDOR, 1.5 * count)]),
        task(&w("training"), &format!("{label} store training"), TRAINING, "Olivia Brooks", training).effort(&[(TRAINING, 2.0 * count)]),
        task(&w("comms"), &format!("{label} colleague and customer comms"), MARKETING, "Ryan Patel", [5, 5, 8]).effort(&[(MARKETING, 5.0)]),
        task(&w("gate"), &format!("{label} go/no-go"), OPS, "Grace Thompson", [0, 0, 0]),
        task(&w("hypercare"), &format!("{label} hypercare"), SUPPORT, "Ben Walker", hypercare)
            .effort(&[(SUPPORT, 1.5 * f64::from(hypercare[1])), (VENDOR, 0.5 * f64::from(hypercare[1]))]),
    ];
    plan.initiatives.extend(work.into_iter().map(|i| i.in_wave(n)));

    // Wave-level handoffs.
    let h = &mut plan.handoffs;
    let (net_from, kit_from, comms_from) = if pilot {
        ("network-design".to_string(), "hardware-delivery".to_string(), "hardware-delivery".to_string())
    } else {
        (prev("network"), prev("kitting"), prev("gate"))
    };
    let net_assumption = if pilot {
        "IT assumes the network standard is approved before the first store is upgraded"
    } else {
        "IT assumes the network contractor moves on to the next wave's stores as one crew"
    };
    h.push(handoff(&net_from, &w("network"), "Tom Becker", net_assumption));
    if !pilot {
        // The first lot is linked in `program_handoffs`; later lots follow the staging line.
        h.push(handoff(
            &kit_from,
            &w("kitting"),
            "Marco Bianchi",
            "The DC assumes one staging line, freed when the previous wave's kits ship",
        ));
        h.push(handoff(
            &prev("gate"),
            &w("training"),
            "Olivia Brooks",
            "Training assumes trainers are free once the previous wave has gone live",
        ));
    }
    h.push(handoff(
        &w("kitting"),
        &w("gate"),
        "Marco Bianchi",
        "Ops assumes every store's kit is staged and tested at the DC before the go/no-go",
    ));
    let net_gate = handoff(
        &w("network"),
        &w("gate"),
        "Tom Becker",
        "Field Install assumes every store's network upgrade is signed off by IT two days before the go/no-go",
    )
    .kind(Kind::FS, 2);
    h.push(if n == 3 { net_gate.unconfirmed() } else { net_gate });
    h.push(handoff(
        "train-the-trainer",
        &w("training"),
        "Olivia Brooks",
        "Store champions assume they are trained before they train their colleagues",
    ));
    h.push(handoff(
        &w("training"),
        &w("gate"),
        "Olivia Brooks",
        "Ops assumes at least 90% of cashiers in the wave are trained before the go/no-go",
    ));
    h.push(handoff("comms-plan", &w("comms"), "Chloe Martin", "Marketing assumes the comms plan sets the message and the channels"));
    h.push(handoff(
        &comms_from,
        &w("comms"),
        "Ryan Patel",
        "Marketing assumes the store dates of the wave are confirmed before anything is announced",
    ));
    h.push(handoff(
        &w("comms"),
        &w("gate"),
        "Ryan Patel",
        "Ops assumes customers and colleagues were told before the first store changes its tills",
    ));
    h.push(handoff("support-runbook", &w("hypercare"), "Nadia Hussein", "Support assumes the runbook covers the top issues seen so far"));
    if n >= 3 {
        let h_gate = handoff(
            &prev("hypercare"),
            &w("gate"),
            "Grace Thompson",
            "Ops assumes the previous wave leaves hypercare with no open severity-1 incident",
        );
        h.push(if n == 4 { h_gate.unowned() } else { h_gate });
    }

    // Stores: one surveyor walks all stores in order; crews install in turn.
    let crews = if pilot { 1 } else { CREWS.len() };
    let mut last_survey = if pilot {
        Some("survey-playbook".to_string())
    } else {
        STORES.iter().rev().find(|s| s.3 == n - 1).map(|s| format!("{}-survey", store_id(s.0)))
    };
    let mut last_install: Vec<Option<String>> = vec![None; crews];
    for (k, (num, place, _, _, lanes)) in stores.iter().enumerate() {
        let site = store_id(*num);
        let survey = format!("{site}-survey");
        let install = format!("{site}-install");
        let crew = k % crews;
        let last_of_crew = k + crews >= stores.len();
        let status = match (pilot, k) {
            (true, 0 | 1) => (Status::Done, 1.0),
            (true, 2) => (Status::Blocked, 0.5),
            _ => (Status::NotStarted, 0.0),
        };
        let mut survey_task = task(&survey, &format!("Site survey: Store {num:03} {place}"), FIELD, "Jamal Carter", [1, 2, 3])
            .status(status.0, status.1)
            .effort(&[(FIELD, 2.0)]);
        if status.0 == Status::Blocked {
            survey_task = survey_task.note("Blocked: the landlord has not granted ceiling access for cable runs.");
        }
        // Bigger stores take longer: a night per four lanes plus two days of floor support.
        let days = 2 + (lanes + 3) / 4;
        let mut install_task = task(
            &install,
            &format!("Install and cutover: Store {num:03} {place} ({lanes} lanes)"),
            FIELD,
            CREWS[crew],
            [days - 1, days, days + 3],
        )
        .effort(&[(FIELD, 1.5 * f64::from(*lanes)), (VENDOR, 1.0), (OPS, 2.0)]);
        if last_of_crew && pilot {
            install_task = install_task
                .deadline(date(2027, 5, 14))
                .note("Pilot stores must be live by mid-May: the pilot has to prove itself before the Memorial Day trading peak.");
        }
        if last_of_crew && n == WAVES.len() {
            install_task = install_task
                .deadline(date(2027, 11, 12))
                .note("No store changes its tills in the holiday trading freeze from 15 November.");
        }
        plan.initiatives.push(survey_task.in_wave(n).at_site(&site));
        plan.initiatives.push(install_task.in_wave(n).at_site(&site));

        let h = &mut plan.handoffs;
        if let Some(before) = &last_survey {
            h.push(handoff(
                before,
                &survey,
                "Jamal Carter",
                &format!("Field Install assumes the surveyor reaches Store {num:03} after the previous store"),
            ));
        }
        let to_network = handoff(
            &survey,
            &w("network"),
            "Tom Becker",
            &format!("IT assumes the survey of Store {num:03} lists cabling, power and switch-port gaps for {lanes} lanes"),
        );
        h.push(if *num == 139 { to_network.unowned() } else { to_network });
        match &last_install[crew] {
            None => h.push(handoff(
                &w("gate"),
                &install,
                CREWS[crew],
                &format!("Crew {} assumes a 'go' at the {label} go/no-go before the first truck rolls to Store {num:03}", crew_name(crew)),
            )),
            Some(before) => h.push(handoff(
                before,
                &install,
                CREWS[crew],
                &format!("Crew {} moves on to Store {num:03} once the previous store manager signs off", crew_name(crew)),
            )),
        }
        if k == 0 {
            h.push(
                handoff(
                    &install,
                    &w("hypercare"),
                    "Ben Walker",
                    &format!("Support opens {label} hypercare the day after the first store goes live"),
                )
                .kind(Kind::SS, 1),
            );
        }
        if last_of_crew {
            h.push(
                handoff(
                    &install,
                    &w("hypercare"),
                    "Ben Walker",
                    &format!("Support keeps {label} hypercare open ten working days after crew {}'s last store goes live", crew_name(crew)),
                )
                .kind(Kind::FF, 10),
            );
        }
        last_survey = Some(survey);
        last_install[crew] = Some(install);
    }
}

fn crew_name(crew: usize) -> char {
    if crew == 0 {
        'A'
    } else {
        'B'
    }
}

// ---------------------------------------------------------------------------------------
// Risks: a realistic register of twenty, two high ones left without a mitigation.

/// An open risk with no mitigation, no linked initiative and no schedule impact yet.
fn risk(id: &str, title: &str, owner: &str, probability: f64, impact: i32) -> Risk {
    Risk {
        id: id.to_string(),
        title: title.to_string(),
        owner: owner.to_string(),
        probability,
        impact,
        mitigation: String::new(),
        status: RiskStatus::Open,
        initiatives: Vec::new(),
        schedule_impact: None,
    }
}

trait RiskExt {
    fn mitigation(self, text: &str) -> Self;
    fn status(self, status: RiskStatus) -> Self;
    fn hits(self, initiatives: &[&str]) -> Self;
    /// Working days added to each linked initiative if the risk fires: min, likely, max.
    fn delay(self, days: [i32; 3]) -> Self;
}

impl RiskExt for Risk {
    fn mitigation(mut self, text: &str) -> Self {
        self.mitigation = text.to_string();
        self
    }
    fn status(mut self, status: RiskStatus) -> Self {
        self.status = status;
        self
    }
    fn hits(mut self, initiatives: &[&str]) -> Self {
        self.initiatives = initiatives.iter().map(|i| i.to_string()).collect();
        self
    }
    fn delay(mut self, [optimistic, likely, pessimistic]: [i32; 3]) -> Self {
        self.schedule_impact = Some(Estimate { optimistic, likely, pessimistic });
        self
    }
}

fn risks() -> Vec<Risk> {
    use RiskStatus::{Closed, Mitigating};
    vec![
        risk("R-01", "Tillpoint factory slot slips and the first hardware lot ships late", "Marco Bianchi", 0.4, 5)
            .mitigation("Weekly factory status call; air freight for the pilot lot priced and pre-approved")
            .status(Mitigating)
            .hits(&["hardware-delivery", "wave-1-kitting"])
            .delay([5, 10, 20]),
        risk("R-02", "Acquirer EMV certification fails the first test slot", "Sofia Alvarez", 0.5, 4)
            .mitigation("Book the second test slot now; Tillpoint runs a pre-certification with the acquirer's test tool")
            .hits(&["payment-cert"])
            .delay([10, 20, 25]),
        risk("R-03", "ERP cannot take store-level stock updates in real time", "Wei Zhang", 0.3, 4)
            .mitigation("Fallback to 15-minute batch files, agreed with the ERP team")
            .status(Mitigating)
            .hits(&["erp-integration", "erp-integration-test"])
            .delay([5, 10, 20]),
        risk("R-04", "Rural broadband too slow for card authorisation at peak", "Tom Becker", 0.35, 3)
            .mitigation("4G failover router in every wave 3 and wave 4 kit")
            .hits(&["wave-3-network", "wave-4-network"])
            .delay([3, 5, 10]),
        risk("R-05", "Install subcontractor short of technicians in summer", "Jamal Carter", 0.3, 3)
            .mitigation("Crew B contracted with a named backup team; holidays blocked for July and August")
            .hits(&["wave-2-gate", "wave-3-gate"])
            .delay([5, 8, 15]),
        risk("R-06", "Tillpoint's PCI attestation (AOC) arrives late or excludes the cloud back office", "Aisha Rahman", 0.6, 4)
            .hits(&["vendor-aoc", "security-review"])
            .delay([5, 15, 30]),
        risk("R-07", "Store staff turnover erodes training before go-live", "Mei Lin", 0.5, 3)
            .mitigation("Refresher e-learning in the week before each store's install; champions per shift")
            .status(Mitigating)
            .hits(&["wave-2-training", "wave-3-training", "wave-4-training"])
            .delay([0, 2, 5]),
        risk("R-08", "Legacy transaction archive incomplete when servers are wiped", "Wei Zhang", 0.2, 3)
            .mitigation("Finance signs off a reconciliation of archived totals before decommission")
            .hits(&["legacy-archive", "legacy-decommission"])
            .delay([3, 5, 10]),
        risk("R-09", "Integration lead is a single point of knowledge", "Wei Zhang", 0.25, 4)
            .mitigation("Pair a second integration engineer from March; interface docs in the runbook")
            .status(Mitigating)
            .hits(&["erp-integration", "erp-integration-test"])
            .delay([5, 10, 15]),
        risk("R-10", "Wave 4 slips into the holiday trading freeze", "Grace Thompson", 0.3, 5)
            .mitigation("Two spare install crews held on call for October; stores reordered by readiness")
            .hits(&["wave-4-gate", "wave-4-hypercare"])
            .delay([5, 10, 20]),
        risk("R-11", "Gift card and loyalty defects at go-live", "Ryan Patel", 0.4, 3)
            .mitigation("Gift card regression pack in UAT; loyalty offers switched off for the first week of each store")
            .status(Mitigating)
            .hits(&["payment-gateway", "loyalty-update"])
            .delay([2, 5, 10]),
        risk("R-12", "Leased stores restrict cabling work (landlord approval, asbestos surveys)", "Tom Becker", 0.2, 3)
            .mitigation("Landlord approvals collected for all 40 stores in the survey booking")
            .status(Closed)
            .hits(&["wave-1-network"]),
        risk("R-13", "Merchandising asks for promotion engine changes after configuration freeze", "Daniel Okafor", 0.5, 3)
            .mitigation("Change board: new promotion types go into the release after wave 2")
            .hits(&["pos-config", "uat"])
            .delay([3, 5, 10]),
        risk("R-14", "Queues at pilot stores during the first trading days damage customer experience", "Grace Thompson", 0.3, 4)
            .mitigation("Extra floor staff and two old tills kept live for the first week in pilot stores")
            .status(Mitigating)
            .hits(&["wave-1-gate", "wave-1-hypercare"])
            .delay([0, 3, 5]),
        risk("R-15", "Service desk overwhelmed when two waves are in hypercare", "Ben Walker", 0.45, 3)
            .mitigation("Tillpoint L2 staff in the war room during each wave's first two weeks")
            .hits(&["wave-2-hypercare", "wave-3-hypercare", "wave-4-hypercare"])
            .delay([2, 5, 10]),
        risk("R-16", "Card terminal chip shortage cuts the hardware lot", "Marco Bianchi", 0.25, 4)
            .mitigation("Terminals for waves 2-4 ordered in the first lot and stored at the DC")
            .hits(&["hardware-delivery", "wave-3-kitting", "wave-4-kitting"])
            .delay([10, 15, 30]),
        risk("R-17", "Wrong prices at the till after cutover", "Wei Zhang", 0.35, 4)
            .mitigation("Price file reconciliation against the ERP the night before each cutover")
            .status(Mitigating)
            .hits(&["price-migration", "uat"])
            .delay([2, 5, 8]),
        risk("R-18", "Launch campaign runs before all stores have the new lanes", "Chloe Martin", 0.3, 2)
            .mitigation("Campaign targeted by store catchment; national push only after wave 4")
            .hits(&["launch-campaign"]),
        risk("R-19", "Corporate IT network change freeze in the third quarter", "Tom Becker", 0.2, 3)
            .mitigation("Exemption for POS network work agreed with the CIO")
            .status(Closed)
            .hits(&["wave-3-network"]),
        risk("R-20", "Sales tax set up wrongly for stores in several states", "Daniel Okafor", 0.55, 4)
            .hits(&["pos-config", "wave-3-gate", "wave-4-gate"])
            .delay([3, 8, 15]),
    ]
}
