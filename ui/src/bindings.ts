// Generated from the Rust model by tests/bindings.rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test --test bindings` after changing the model.

export type Plan = { name: string, 
/**
 * Day 0 of the schedule. If it is not a working day, day 0 is the next working day.
 */
start: string, calendar: Calendar, teams: Array<Team>, waves: Array<Wave>, sites: Array<Site>, initiatives: Array<Initiative>, handoffs: Array<Handoff>, risks: Array<Risk>, 
/**
 * Rollout templates: work defined once and applied per site (docs/plan-format.md,
 * "Rollouts").
 */
templates?: Array<Template>, 
/**
 * The strategy the work serves: each priority with one owner and a unique rank, 1 the
 * highest (docs/plan-format.md, "Priorities").
 */
priorities?: Array<Priority>, 
/**
 * The date the plan must meet (the simulation's probability, the brief, leveling's
 * proposal of what to stop).
 */
target?: string | null, 
/**
 * How the simulation draws a duration from its three-point estimate.
 */
distribution?: Distribution, 
/**
 * The program manager's own summary (page 1 of the brief).
 */
summary?: string, 
/**
 * What the program manager asks of leaders (page 1 of the brief).
 */
asks?: string, 
/**
 * The fingerprint (`leveling_fingerprint`) of the inputs an accepted leveling was
 * computed on; when it no longer matches, the leveling is stale (a finding).
 */
leveling_basis?: string | null, 
/**
 * The status date (MS Project's; P6's data date is the working day after it): progress
 * and actual dates are true at the end of this day, and work still to do starts no
 * earlier than the first working day after it. None: the plan schedules as if nothing
 * had started (docs/scheduling.md, "Progress").
 */
status_date?: string | null, 
/**
 * Calendar days between two reviews: work in progress, or due to start or finish
 * within this many days of the status date, not updated within them is a finding.
 */
review_every_days?: number, };

export type PlanSettings = { name: string, start: string, calendar: Calendar, target: string | null, distribution: Distribution, summary: string, asks: string, leveling_basis: string | null, status_date: string | null, review_every_days: number, };

export type Calendar = { 
/**
 * The weekdays that are worked, e.g. `["Mon","Tue","Wed","Thu","Fri"]`.
 */
working_days: Array<string>, 
/**
 * Dates that are not worked although their weekday is.
 */
holidays: Array<string>, };

export type Team = { id: string, name: string, 
/**
 * People (full-time equivalents) available per working day.
 */
fte: number, 
/**
 * Share of `fte` that may be planned, 0-1.
 */
utilization_target: number, 
/**
 * How strongly the durations of this team's initiatives move together in the
 * simulation, 0 (independent) to 1 (all late or all early together).
 */
correlation?: number, 
/**
 * Changes of `fte` over time, sorted by date, one per date: from `from` on, the team
 * has that many people. Before the first change, `fte` holds.
 */
capacity?: Array<CapacityChange>, 
/**
 * The one person who decides what the team takes on (whom a decision about its
 * capacity asks). Empty: nobody named.
 */
lead?: string, };

export type CapacityChange = { from: string, fte: number, };

export type Distribution = "triangular" | "pert";

export type Wave = { id: string, name: string, order: number, 
/**
 * The wave's gate (an initiative, usually a go/no-go milestone): template steps marked
 * `after_gate` wait for it.
 */
gate?: string | null, 
/**
 * The wave's completion milestone (an initiative), made when a template is first applied
 * to a site of the wave: steps marked `before_completion` hand off to it.
 */
completion?: string | null, 
/**
 * Other wave-level work a template's handoffs may name by anchor (`@network`): anchor
 * name -> initiative id.
 */
anchors?: Record<string, string>, };

export type Site = { id: string, name: string, region?: string | null, wave?: string | null, 
/**
 * Who fills each owner role of a template at this site (role -> person).
 */
roles?: Record<string, string>, 
/**
 * What the site is like, by name (`lanes` -> 8, `store` -> "Store 014"): what a
 * template's texts name as `{lanes}` and its formulas compute with.
 */
values?: Record<string, number | string>, };

export type Estimate = { optimistic: number, likely: number, pessimistic: number, };

export type Status = "not_started" | "on_track" | "at_risk" | "blocked" | "done";

export type Effort = { team: string, person_days: number, };

export type Position = { x: number, y: number, };

export type Initiative = { id: string, name: string, 
/**
 * One named person, accountable for the work.
 */
owner: string, 
/**
 * The team that does the work (id of a Team).
 */
team?: string | null, duration: Estimate, effort?: Array<Effort>, status: Status, 
/**
 * Share done, 0-1.
 */
progress: number, site?: string | null, wave?: string | null, 
/**
 * Constraint: the work cannot start before this date.
 */
start_no_earlier_than?: string | null, 
/**
 * Deadline: the work must be finished by the end of this date.
 */
finish_no_later_than?: string | null, position?: Position | null, notes?: string, 
/**
 * Working days the initiative waits after the early start its handoffs and
 * constraints allow (MS Project's leveling delay; set by an accepted leveling).
 */
leveling_delay?: number, 
/**
 * 0-1000, higher first (MS Project's convention); 500 unless set.
 */
priority?: number, 
/**
 * What the initiative is worth, >= 0, in the plan's own unit (what to stop).
 */
value?: number, 
/**
 * The day the work really started (with the plan's status date: it keeps this start).
 */
actual_start?: string | null, 
/**
 * The day the work really finished (with the plan's status date: it sits on its
 * actual dates).
 */
actual_finish?: string | null, 
/**
 * Working days of work left, as its owner sees it; when set it wins over `progress`.
 */
remaining?: number | null, 
/**
 * When the owner last said where the work stands (set its status, progress,
 * remaining work or actual dates, or confirmed them unchanged): the review rhythm's
 * record. Edits write it; an import keeps what the file says.
 */
updated?: Updated | null, 
/**
 * The template step this initiative is the instance of at its site, if any.
 */
instance?: Instance | null, 
/**
 * The template-controlled fields this instance sets for itself (`name`, `duration`,
 * `team`, `effort`, `owner`, `start_no_earlier_than`, `finish_no_later_than`,
 * `handoffs`): a template change leaves them until the override is cleared.
 */
overrides?: Array<string>, 
/**
 * The priorities (ids) this work serves, each once.
 */
serves?: Array<string>, 
/**
 * Set while the work is deferred (stopped for now, kept in the plan).
 */
deferred?: Deferral | null, 
/**
 * A start or finish the work is held to whatever its handoffs allow (MS Project's
 * must-start-on and must-finish-on, a manually scheduled task): docs/scheduling.md,
 * "Pinned dates".
 */
pinned?: Pin | null, 
/**
 * The definition of done, in words: what must be true for the work to count as done
 * (the schedule health check "owned by a person, with a definition of done").
 */
done_when?: string, };

export type Kind = "FS" | "SS" | "FF" | "SF";

export type Handoff = { id: string, 
/**
 * The initiative that delivers (predecessor).
 */
from: string, 
/**
 * The initiative that receives (successor).
 */
to: string, kind: Kind, 
/**
 * Working days; negative is a lead.
 */
lag: number, 
/**
 * Who owns the seam. Empty means nobody does: a finding, not an error.
 */
owner: string, 
/**
 * What the receiving side assumes, in words.
 */
assumption: string, 
/**
 * The receiving side confirmed the assumption.
 */
confirmed: boolean, due?: string | null, };

export type RiskStatus = "open" | "mitigating" | "closed";

export type Risk = { id: string, title: string, owner: string, 
/**
 * 0-1. Shown on a 1-5 scale.
 */
probability: number, 
/**
 * 1-5.
 */
impact: number, mitigation: string, status: RiskStatus, 
/**
 * Ids of the initiatives it hits.
 */
initiatives: Array<string>, 
/**
 * Working days added to each linked initiative if the risk fires.
 */
schedule_impact?: Estimate | null, };

export type ValidationError = { "code": "empty_id", kind: string, } | { "code": "duplicate_id", kind: string, id: string, } | { "code": "control_character", kind: string, id: string, } | { "code": "dangling", kind: string, id: string, field: string, target_kind: string, target: string, } | { "code": "repeated", kind: string, id: string, what: string, target: string, } | { "code": "self_link", id: string, initiative: string, } | { "code": "duplicate_handoff", id: string, other: string, from: string, to: string, } | { "code": "negative_duration", id: string, field: string, value: number, } | { "code": "estimate_order", id: string, optimistic: number, likely: number, pessimistic: number, } | { "code": "out_of_range", kind: string, id: string, field: string, value: number, min: number, max: number, } | { "code": "date_out_of_range", kind: string, id: string, field: string, value: string, min: string, max: string, } | { "code": "horizon", total: number, limit: number, } | { "code": "empty_owner", kind: string, id: string, } | { "code": "empty_field", kind: string, id: string, field: string, } | { "code": "cycle", members: Array<string>, } | { "code": "more_cycles", count: number, } | { "code": "calendar", reason: string, } | { "code": "capacity_order", id: string, date: string, previous: string, } | { "code": "actual_order", id: string, start: string, finish: string, } | { "code": "unreadable", kind: string, id: string, field: string, text: string, reason: string, } | { "code": "duplicate_rank", rank: number, first: string, second: string, };

export type Severity = "critical" | "warning" | "info";

export type PlanError = { message: string, } & ({ "code": "empty_id", kind: string, } | { "code": "duplicate_id", kind: string, id: string, } | { "code": "control_character", kind: string, id: string, } | { "code": "dangling", kind: string, id: string, field: string, target_kind: string, target: string, } | { "code": "repeated", kind: string, id: string, what: string, target: string, } | { "code": "self_link", id: string, initiative: string, } | { "code": "duplicate_handoff", id: string, other: string, from: string, to: string, } | { "code": "negative_duration", id: string, field: string, value: number, } | { "code": "estimate_order", id: string, optimistic: number, likely: number, pessimistic: number, } | { "code": "out_of_range", kind: string, id: string, field: string, value: number, min: number, max: number, } | { "code": "date_out_of_range", kind: string, id: string, field: string, value: string, min: string, max: string, } | { "code": "horizon", total: number, limit: number, } | { "code": "empty_owner", kind: string, id: string, } | { "code": "empty_field", kind: string, id: string, field: string, } | { "code": "cycle", members: Array<string>, } | { "code": "more_cycles", count: number, } | { "code": "calendar", reason: string, } | { "code": "capacity_order", id: string, date: string, previous: string, } | { "code": "actual_order", id: string, start: string, finish: string, } | { "code": "unreadable", kind: string, id: string, field: string, text: string, reason: string, } | { "code": "duplicate_rank", rank: number, first: string, second: string, });

export type Finding = { severity: Severity, 
/**
 * Stable code, kebab-case: what the UI and scripts branch on.
 */
code: string, subject: string, message: string, };

export type Report = { errors: Array<PlanError>, findings: Array<Finding>, };

export type ScheduledInitiative = { id: string, name: string, owner: string, team: string | null, duration: number, early_start: number, early_finish: number, late_start: number, late_finish: number, total_float: number, free_float: number, critical: boolean, 
/**
 * First working day of the work at the early dates.
 */
start_date: string, 
/**
 * Last working day of the work at the early dates (the start date for a milestone).
 */
finish_date: string, 
/**
 * The "finish no later than" date, if any.
 */
deadline: string | null, 
/**
 * Working days between the early finish and the deadline; negative when it is missed.
 */
deadline_slack: number | null, 
/**
 * With a status date: the day the work really started (its start date then).
 */
actual_start?: string, 
/**
 * With a status date: the day the work really finished (done work sits on it).
 */
actual_finish?: string, 
/**
 * Its start date in the plan file's baseline of record, when one is kept and holds it
 * (`drift::against_record`): the Timeline's baseline bar starts here.
 */
baseline_start?: string, 
/**
 * Its finish date in the plan file's baseline of record, when one is kept and holds it
 * (`drift::against_record`).
 */
baseline_finish?: string, 
/**
 * Working days between the baseline's finish and this one (+ later, - earlier), counted
 * in the plan's calendar now.
 */
finish_variance?: number, };

export type ScheduledHandoff = { id: string, 
/**
 * Working days this handoff's lag could grow (or its giver slip) before its receiver's
 * early dates move: P6's relationship free float. Never negative (the early dates meet
 * every handoff) but into pinned work that starts before the handoff allows: the pin
 * violates it by that many working days (a `pinned-handoff-violated` finding).
 */
relationship_float: number, 
/**
 * No relationship float: this handoff is what pins its receiver's early dates (a tie
 * with another handoff or a start-no-earlier-than date drives too).
 */
driving: boolean, 
/**
 * On the critical path: driving, and both its initiatives are critical.
 */
critical: boolean, 
/**
 * The date the receiving team needs the handoff, if it has one.
 */
due?: string, 
/**
 * Working days between when the handoff is delivered (at early dates) and its due date;
 * negative when it is late. See docs/scheduling.md for the date compared, per kind.
 */
due_slack?: number, 
/**
 * Met by actual dates (into done work, or start-to-start into work in progress): it
 * binds nothing any more (docs/scheduling.md, "Progress").
 */
met?: boolean, };

export type Schedule = { start_date: string, finish_date: string, makespan_days: number, 
/**
 * Critical initiatives in the order the work runs (early start, then finish).
 */
critical_path: Array<string>, 
/**
 * Every initiative, in the order the work runs (early start, then early finish).
 */
initiatives: Array<ScheduledInitiative>, 
/**
 * Every handoff, in the plan's order.
 */
handoffs: Array<ScheduledHandoff>, 
/**
 * The plan's status date, if it has one: what is done and started is true at its end.
 */
status_date?: string, };

export type EntityKind = "initiative" | "handoff" | "risk" | "team" | "site" | "wave" | "template" | "priority" | "plan";

export type Patch = { kind: EntityKind, id: string, fields: Record<string, unknown>, };

export type Edit = { "op": "add_initiative", "value": Initiative } | { "op": "update_initiative", "value": Initiative } | { "op": "remove_initiative", "value": string } | { "op": "add_handoff", "value": Handoff } | { "op": "update_handoff", "value": Handoff } | { "op": "remove_handoff", "value": string } | { "op": "add_risk", "value": Risk } | { "op": "update_risk", "value": Risk } | { "op": "remove_risk", "value": string } | { "op": "add_team", "value": Team } | { "op": "update_team", "value": Team } | { "op": "remove_team", "value": string } | { "op": "add_site", "value": Site } | { "op": "update_site", "value": Site } | { "op": "remove_site", "value": string } | { "op": "add_wave", "value": Wave } | { "op": "update_wave", "value": Wave } | { "op": "remove_wave", "value": string } | { "op": "add_template", "value": Template } | { "op": "update_template", "value": Template } | { "op": "remove_template", "value": string } | { "op": "apply_template", "value": Application } | { "op": "clear_override", "value": Override } | { "op": "skip_step", "value": string } | { "op": "add_priority", "value": Priority } | { "op": "update_priority", "value": Priority } | { "op": "remove_priority", "value": string } | { "op": "patch", "value": Patch } | { "op": "update_plan", "value": PlanSettings };

export type EditSummary = { 
/**
 * `add`, `update` or `remove`; `apply` (a template to sites) or `skip` (a step at a site).
 */
op: string, 
/**
 * `initiative`, `handoff`, `risk`, `team`, `site`, `wave`, `template`, `priority` or `plan`.
 */
kind: string, id: string, 
/**
 * How many edits the step holds: more than one for a batch (the summary names its last).
 */
edits: number, 
/**
 * The program that made the edit (`bridger edit`, `Bridger app`); empty if unknown.
 */
source: string, 
/**
 * When the edit was made (RFC 3339, UTC); empty if unknown.
 */
at: string, };

export type ErrorCode = "not_found" | "already_exists" | "not_a_plan" | "newer_version" | "invalid" | "in_use" | "cycle" | "busy" | "storage" | "cancelled" | "no_plan" | "internal";

export type ApiError = { code: ErrorCode, 
/**
 * One line for people, naming the thing.
 */
message: string, 
/**
 * What the message sums up, one item per line (every bad row of a CSV folder), when
 * there is more to say than one line.
 */
details?: Array<string>, };

export type Overview = { path: string, name: string, teams: Array<Team>, schedule: Schedule | null, 
/**
 * Why there is no schedule, when there is none.
 */
schedule_error: ApiError | null, report: Report, };

export type Arrangement = "flow" | "seams";

export type Group = "wave" | "site";

export type CardSize = { width: number, height: number, };

export type Arrange = { "kind": "keep" } | { "kind": "all" } | { "kind": "selection", "ids": Array<string> };

export type NameFit = { 
/**
 * Size of the name's font, in the units of the drawing.
 */
font: number, 
/**
 * Height of one more line of name.
 */
line: number, 
/**
 * Lines of name a card of the configured height holds.
 */
lines: number, 
/**
 * Width of the card not given to the name (margins).
 */
inset: number, 
/**
 * Width the first line leaves besides (the risk badge).
 */
badge: number, };

export type LayoutConfig = { arrangement: Arrangement, 
/**
 * The size of a card whose name fits it (every card, without `name`).
 */
card: CardSize, 
/**
 * Seams only: group the cards of a lane by wave or site.
 */
group: Group | null, arrange: Arrange, 
/**
 * A card as tall as its whole name needs, measured so (the window's cards by default);
 * `None`: every card `card`'s size (the brief fits its names on cards of its own).
 */
name: NameFit | null, 
/**
 * The waves and sites drawn as one card each ([`fold`]); empty: every initiative.
 */
fold?: Fold, };

export type Card = { id: string, x: number, y: number, width: number, height: number, 
/**
 * Seams only: the team whose lane holds the card, `null` for an initiative without a
 * team. Absent in Flow.
 */
lane?: string | null, };

export type Route = { id: string, points: Array<[number, number]>, 
/**
 * The handoff goes from one team to another (from one lane to another in Seams); a
 * route of several handoffs, when any of them does.
 */
seam: boolean, 
/**
 * A route to or from a collapsed group: the handoffs it stands for (its id is then no
 * handoff's). Empty for a route of one handoff, whose id it bears.
 */
handoffs?: Array<string>, };

export type Fold = { waves: Array<string>, sites: Array<string>, };

export type FoldChange = { "op": "default" } | { "op": "collapse_all" } | { "op": "expand_all" } | { "op": "collapse_wave", "id": string } | { "op": "expand_wave", "id": string } | { "op": "collapse_site", "id": string } | { "op": "expand_site", "id": string };

export type GroupKind = "wave" | "site";

export type GroupCard = { 
/**
 * The card's id in the layout's cards (no initiative's: made unique against the plan's ids).
 */
id: string, kind: GroupKind, 
/**
 * The wave's or the site's id.
 */
of: string, 
/**
 * The initiatives it stands for, in the plan's order.
 */
members: Array<string>, };

export type GroupSummary = { 
/**
 * The card's id (`layout.groups[..].id`).
 */
id: string, kind: GroupKind, 
/**
 * The wave's or the site's id, and its name.
 */
of: string, name: string, 
/**
 * How many initiatives it stands for, and of how many sites.
 */
initiatives: number, sites: number, 
/**
 * Its status, by the rule of the module's doc.
 */
status: Status, status_counts: StatusCounts, 
/**
 * The first start and the latest finish of its work.
 */
start: string | null, finish: string | null, 
/**
 * Some of its work is on the critical path.
 */
critical: boolean, 
/**
 * Its sites unlike their wave, and why (`sites::rows`' flags, each naming its site).
 */
flagged_sites: number, flags: Array<Flag>, };

export type LinkSummary = { 
/**
 * The route's id (`layout.handoffs[..].id`).
 */
id: string, 
/**
 * The cards it joins (a group card's id, or an initiative's).
 */
from: string, to: string, 
/**
 * How many handoffs it stands for.
 */
count: number, 
/**
 * Some of them are on the critical path (`schedule::critical_handoffs`).
 */
critical: boolean, 
/**
 * How many of them nobody owns or the receiving side has not confirmed.
 */
open: number, };

export type Layout = { arrangement: Arrangement, cards: Array<Card>, handoffs: Array<Route>, 
/**
 * Proper crossings of the straight segments between the centres of the cards of two
 * handoffs that share no card (the measure used to compare layouts).
 */
crossings: number, 
/**
 * The fold it was drawn with (nothing collapsed: absent).
 */
fold?: Fold, 
/**
 * The cards that stand for a collapsed wave or site, with what they hold.
 */
groups?: Array<GroupCard>, };

export type Lane = { 
/**
 * The team, `None` for the lane of initiatives without a team.
 */
team: string | null, top: number, bottom: number, };

export type Band = "low" | "medium" | "high";

export type RiskScore = { id: string, 
/**
 * Probability level x impact, 1-25: the number of its heat-map cell.
 */
score: number, 
/**
 * Probability on the 1-5 scale.
 */
probability_level: number, impact: number, band: Band, };

export type HeatCell = { 
/**
 * 1-5, the probability level.
 */
probability: number, 
/**
 * 1-5.
 */
impact: number, 
/**
 * The probabilities of the level, as people read them ("21–40%").
 */
probability_range: string, band: Band, 
/**
 * Ids of the open or mitigating risks in the cell, highest score first.
 */
risks: Array<string>, };

export type WholeCounts = { initiatives: number, handoffs: number, risks: number, errors: number, critical: number, warnings: number, infos: number, };

export type PlanView = { 
/**
 * Which view of the open plan this is: an edit's `ViewDelta` names the revision it
 * applies to and the one it gives.
 */
revision: number, path: string, 
/**
 * The window's title (`window_title`).
 */
title: string, plan: Plan, schedule: Schedule | null, 
/**
 * Why there is no schedule, when there is none.
 */
schedule_error: ApiError | null, 
/**
 * The handoffs the map draws as the critical path (`schedule::critical_handoffs`).
 */
critical_handoffs: Array<string>, report: Report, layout: Layout, 
/**
 * Seams only: each team's horizontal band of the drawing.
 */
lanes: Array<Lane>, 
/**
 * What each card of a collapsed wave or site says (`layout.groups`), in its order.
 */
groups: Array<GroupSummary>, 
/**
 * Each route of several handoffs (to or from a group card): its count, whether it is
 * critical, how many of its handoffs are open.
 */
group_links: Array<LinkSummary>, 
/**
 * Every risk's score and heat-map cell, in the plan's order.
 */
risk_scores: Array<RiskScore>, 
/**
 * The 5 x 5 heat map, highest probability first.
 */
heat: Array<HeatCell>, 
/**
 * What undo would take back now (None: nothing).
 */
undo: EditSummary | null, 
/**
 * What redo would do now (None: nothing).
 */
redo: EditSummary | null, 
/**
 * A first view of a folded plan (`first::first`): its lists hold only what the folded
 * map draws, and these are the whole plan's counts; None in a whole view.
 */
partial?: WholeCounts, };

export type ListDelta<T> = { len: number, set: Array<[number, T]>, };

export type KeyedDelta<T> = { set: Array<T>, order: Array<string> | null, };

export type ScheduleDelta = { 
/**
 * The schedule now, its lists empty (they come below); null when there is none now
 * (then `error` says why).
 */
now: Schedule | null, error: ApiError | null, critical_path: ListDelta<string> | null, initiatives: KeyedDelta<ScheduledInitiative> | null, 
/**
 * The rows of the handoffs, in the plan's order of handoffs (positions, as the plan's
 * own list of handoffs).
 */
handoffs: ListDelta<ScheduledHandoff> | null, };

export type LayoutDelta = { crossings: number, cards: ListDelta<Card> | null, handoffs: ListDelta<Route> | null, 
/**
 * The fold and the group cards, whole, when they changed.
 */
fold: Fold | null, groups: Array<GroupCard> | null, };

export type ViewDelta = { 
/**
 * The revision of the view this delta applies to.
 */
base: number, 
/**
 * The revision of the view it gives.
 */
revision: number, arrangement: Arrangement, path?: string, title?: string, 
/**
 * The plan's own fields (name, start, calendar...), its lists empty, when they changed.
 */
plan?: Plan, teams?: ListDelta<Team>, waves?: ListDelta<Wave>, sites?: ListDelta<Site>, initiatives?: ListDelta<Initiative>, handoffs?: ListDelta<Handoff>, risks?: ListDelta<Risk>, schedule?: ScheduleDelta, critical_handoffs?: Array<string>, errors?: ListDelta<PlanError>, findings?: ListDelta<Finding>, layout?: LayoutDelta, lanes?: Array<Lane>, groups?: Array<GroupSummary>, group_links?: Array<LinkSummary>, risk_scores?: Array<RiskScore>, heat?: Array<HeatCell>, undo: EditSummary | null, redo: EditSummary | null, 
/**
 * A view of only what the folded map draws (`first::first`): the whole plan's counts;
 * absent in a whole view.
 */
partial?: WholeCounts, };

export type Update = { "kind": "full", view: PlanView, } | { "kind": "delta", delta: ViewDelta, };

export type Step = { 
/**
 * What was taken back or done again; None when there was nothing to do.
 */
summary: EditSummary | null, update: Update, };

export type Changed = { 
/**
 * A committed edit, batch, undo or redo: the window draws the plan again and says so.
 */
plan: boolean, 
/**
 * Something that is no edit (a kept simulation): the Analysis tab reads it again,
 * quietly, since the plan is as it was.
 */
analysis: boolean, 
/**
 * Another baseline of record (kept first, marked, or the one of record deleted; no
 * edit): the window asks for the view again, quietly, its variance measured anew.
 */
baselines: boolean, };

export type NewKind = "team" | "site" | "wave";

export type Removal = { edits: Array<Edit>, 
/**
 * One line per thing that goes too: "the handoff Pilot → Rollout", "the link of the
 * risk “Vendor late” to Pilot".
 */
goes: Array<string>, };

export type Placement = { id: string, x: number, y: number, };

export type Format = "mspdi" | "csv" | "json" | "sm" | "xer" | "pmxml";

export type Imported = { message: string, notes: Array<string>, update: Update | null, };

export type Exported = { message: string, notes: Array<string>, };

export type Mark = { days: number, date: string, };

export type PercentileMark = { percent: number, days: number, date: string, };

export type TargetMark = { date: string, days: number, probability: number, };

export type Bin = { from_days: number, to_days: number, count: number, 
/**
 * count / iterations
 */
share: number, };

export type CurvePoint = { days: number, probability: number, };

export type Tick = { days: number, label: string, };

export type DriverBar = { risk: string, 
/**
 * The risk's title (its id when the plan no longer holds it).
 */
title: string, p80_delta_days: number, p50_delta_days: number, };

export type PointRow = { id: string, name: string, p50: Mark, p80: Mark, percentiles: Array<PercentileMark>, mean_days: number | null, histogram: Array<Bin>, };

export type DatedKind = "deadline" | "handoff";

export type DeadlineRow = { kind: DatedKind, id: string, 
/**
 * The initiative's name; a handoff's as "giver's name → receiver's name".
 */
name: string, 
/**
 * The date to meet.
 */
date: string, 
/**
 * Share of runs meeting it.
 */
probability: number, 
/**
 * Its finish (a handoff: when it is delivered) at P80, where the run kept it.
 */
p80: Mark | null, };

export type Share = { id: string, share: number, };

export type SimulationView = { iterations: number, seed: number, distribution: Distribution, 
/**
 * When it ran (RFC 3339, UTC).
 */
at: string, 
/**
 * The plan changed since this run.
 */
stale: boolean, 
/**
 * CPM's finish (likely durations, no risk), for comparison.
 */
cpm: Mark, p50: Mark, p80: Mark, mean_days: number, 
/**
 * P10..P90.
 */
percentiles: Array<PercentileMark>, target: TargetMark | null, histogram: Array<Bin>, 
/**
 * Rises from 0 to 1, never falls.
 */
s_curve: Array<CurvePoint>, 
/**
 * The date axis every chart shares: from `axis_from` to `axis_to` working days.
 */
axis_from: number, axis_to: number, ticks: Array<Tick>, 
/**
 * The measured risks, the largest P80 delta first.
 */
tornado: Array<DriverBar>, waves: Array<PointRow>, milestones: Array<PointRow>, 
/**
 * The deadlines and due dates beside the target, the least likely met first: every one
 * when there are at most [`DEADLINES_LISTED`], else those met in fewer than every run.
 */
deadlines: Array<DeadlineRow>, 
/**
 * How many deadlines and due dates the run checked (those not listed are met in every
 * run).
 */
deadlines_checked: number, 
/**
 * Every run was scheduled within the teams' capacity (a levelled forecast, never kept
 * in the file as the plain one).
 */
levelled: boolean, 
/**
 * Per initiative of the plan (plan order), per handoff.
 */
criticality: Array<Share>, handoff_criticality: Array<Share>, };

export type Analysis = { 
/**
 * None when the plan has not been simulated yet.
 */
simulation: SimulationView | null, 
/**
 * Why stored results are not shown when the file holds some it cannot read.
 */
problem: string | null, };

export type SimProgress = { done: number, total: number, };

export type Reached = { id: string, name: string, 
/**
 * When measured: the P80 of the delay when the risk fires (0 when it never moved it).
 */
p80_delay_days: number | null, 
/**
 * When measured: share of all runs in which the risk delayed it.
 */
share: number | null, };

export type RiskReach = { risk: string, title: string, 
/**
 * The initiatives it hits.
 */
hits: Array<string>, 
/**
 * Every initiative reachable from them (theirs included), in plan order.
 */
reached: Array<Reached>, 
/**
 * The waves with a reached member, and the reached milestones.
 */
waves: Array<Reached>, milestones: Array<Reached>, 
/**
 * The delays come from the last run (it measured this risk).
 */
measured: boolean, 
/**
 * That run is older than the plan.
 */
stale: boolean, };

export type Written = { path: string, bytes: number, };

export type Paper = "a4" | "letter";

export type LoadBand = "idle" | "light" | "busy" | "over";

export type CellLoad = { id: string, name: string, person_days: number, };

export type LoadCell = { load: number, capacity: number, 
/**
 * Load / capacity; None when the team has no capacity that week.
 */
ratio: number | null, band: LoadBand, over: boolean, 
/**
 * The initiatives loading the team that week, largest first.
 */
initiatives: Array<CellLoad>, };

export type WeekColumn = { monday: string, 
/**
 * "Mar 2" (the year only on the first column and in January).
 */
label: string, };

export type TeamRow = { team: string, name: string, 
/**
 * One per column.
 */
cells: Array<LoadCell>, 
/**
 * Weeks over capacity.
 */
over_weeks: number, };

export type Span = { start: number, finish: number, start_date: string, finish_date: string, };

export type Bar = { id: string, name: string, team: string | null, 
/**
 * The team's name, or "No team".
 */
team_name: string, current: Span, 
/**
 * Where the proposed leveling puts it, when one is proposed and moves it.
 */
levelled: Span | null, 
/**
 * Its dates in the baseline of record, when one is kept and holds it (offsets in the
 * plan's calendar now; before day 0 when the plan's start moved later since).
 */
baseline: Span | null, 
/**
 * Working days its finish moved since the baseline of record (+ later); None without one.
 */
finish_variance: number | null, critical: boolean, milestone: boolean, };

export type Connector = { id: string, from: string, to: string, kind: Kind, critical: boolean, };

export type AxisTick = { offset: number, label: string, };

export type Timeline = { 
/**
 * Working days the axis spans (the latest of the current, levelled and baseline finish).
 */
days: number, 
/**
 * The name of the baseline of record whose bars are drawn, when one is kept.
 */
baseline: string | null, ticks: Array<AxisTick>, 
/**
 * In work order (early start, then finish).
 */
bars: Array<Bar>, 
/**
 * The same bars grouped by team (the plan's team order, then those without a team), as
 * indexes into `bars`.
 */
by_team: Array<number>, connectors: Array<Connector>, };

export type Moved = { id: string, name: string, from: string, to: string, 
/**
 * Its leveling delay, before and proposed (working days).
 */
delay_before: number, delay_after: number, };

export type Leveling = { finish_before: string, finish_after: string, days_before: number, days_after: number, 
/**
 * No schedule within capacity takes fewer working days than this.
 */
lower_bound: number, moved: Array<Moved>, 
/**
 * Team-weeks over capacity now and with the proposal.
 */
over_before: number, over_after: number, 
/**
 * Work that asks more of a team than it ever has, said for people.
 */
cannot_fit: Array<string>, schedules: number, 
/**
 * Nothing to change: the plan is levelled as it is.
 */
unchanged: boolean, };

export type CapacityView = { weeks: Array<WeekColumn>, teams: Array<TeamRow>, 
/**
 * Team-weeks over capacity, in all.
 */
over_weeks: number, 
/**
 * None when the plan has no schedule (then the message says why).
 */
timeline: Timeline | null, message: string | null, 
/**
 * A leveling is accepted in the plan (some initiative has a leveling delay).
 */
levelled: boolean, 
/**
 * The proposal the timeline shows, when one is pending.
 */
proposal: Leveling | null, };

export type LevelProgress = { schedules: number, elapsed_ms: number, limit_ms: number, };

export type Updated = { status_date?: string | null, at: string, };

export type Template = { id: string, name: string, initiatives: Array<TemplateStep>, handoffs: Array<TemplateHandoff>, risks: Array<TemplateRisk>, 
/**
 * Steps done by K crews that walk the sites of a wave in order.
 */
chains?: Array<CrewChain>, };

export type TemplateStep = { 
/**
 * Template-local id; the instance at site S is `S-{id}`.
 */
id: string, name: string, 
/**
 * The accountable person, when the same at every site (else `role`).
 */
owner: string, 
/**
 * An owner role ("site lead") filled per site from the site's `roles`; a role the
 * site does not fill leaves the role as the owner text, and a finding names the site.
 */
role?: string | null, team?: string | null, 
/**
 * Working days; each point a number or a formula of the site's values.
 */
duration: StepEstimate, 
/**
 * Person-days per team; each a number or a formula of the site's values.
 */
effort?: Array<StepEffort>, start_no_earlier_than?: string | null, finish_no_later_than?: string | null, 
/**
 * The step waits for its wave's gate.
 */
after_gate?: boolean, 
/**
 * The wave's completion milestone waits for the step.
 */
before_completion?: boolean, };

export type StepEstimate = { optimistic: Quantity<number>, likely: Quantity<number>, pessimistic: Quantity<number>, };

export type StepEffort = { team: string, person_days: Quantity<number>, };

export type Quantity<T> = T | string;

export type SiteScope = "all" | "first" | "last" | "first_of_crew" | "last_of_crew";

export type TemplateHandoff = { id: string, from: string, to: string, kind: Kind, lag: number, owner: string, assumption: string, confirmed: boolean, 
/**
 * The sites of a wave it is made at (default: every site).
 */
sites?: SiteScope, };

export type TemplateRisk = { id: string, title: string, owner: string, probability: number, impact: number, mitigation: string, 
/**
 * Step ids.
 */
initiatives: Array<string>, schedule_impact?: Estimate | null, };

export type CrewChain = { step: string, crews: number, 
/**
 * Crews in the waves named here (wave id -> crews), `crews` in the others.
 */
wave_crews?: Record<string, number>, 
/**
 * The crews walk on from wave to wave, in the waves' order: crew A's first site of a
 * wave waits for crew A's last site of the wave before.
 */
across_waves?: boolean, 
/**
 * Each crew's lead, crew A's first: the owner of the step at the crew's sites (in place
 * of the step's owner or role), and `{lead}` in the chain's texts.
 */
leads?: Array<string>, 
/**
 * Working days between one site's step and the next one's on the same crew.
 */
lag: number, 
/**
 * Who owns the hand-over between sites (the crew lead).
 */
owner: string, 
/**
 * The crew confirmed the route.
 */
confirmed: boolean, 
/**
 * What the next site's crew assumes of the site before (its placeholders filled for the
 * next site).
 */
assumption?: string, };

export type Instance = { template: string, step: string, };

export type Priority = { id: string, name: string, 
/**
 * One named person (not a team): a blank owner or a team's id or name is the finding
 * `priority-owner-not-a-person`, not an error.
 */
owner: string, 
/**
 * 1 the highest; unique among the plan's priorities.
 */
rank: number, 
/**
 * The date the priority should be met by (its status in the Priorities view).
 */
target?: string | null, description?: string, };

export type Deferral = { 
/**
 * The day it was deferred.
 */
since: string, reason: string, };

export type Pin = { 
/**
 * Which end of the work is pinned.
 */
at: PinAt, 
/**
 * The day the work starts (a pinned start) or the last day it works (a pinned finish).
 */
date: string, 
/**
 * Where the pin came from, so that an export writes it back as it came.
 */
source?: PinSource, };

export type PinAt = "start" | "finish";

export type PinSource = "bridger" | "manual" | "must_start_on" | "must_finish_on";

export type PriorityStatus = "on_track" | "at_risk" | "late";

export type PriorityRow = { id: string, name: string, owner: string, rank: number, 
/**
 * Its own target date, else the plan's; null when neither has one.
 */
target: string | null, 
/**
 * The initiatives that serve it, in plan order (deferred ones included).
 */
initiatives: Array<string>, 
/**
 * How many of them are done, blocked, deferred.
 */
done: number, blocked: number, deferred: number, 
/**
 * The last finish of the work serving it that is not deferred (the schedule's, CPM);
 * null when no such work.
 */
finish: string | null, 
/**
 * The kept forecast's P80 of the work serving it; null without a current kept forecast.
 */
p80: string | null, status: PriorityStatus, };

export type PriorityLoad = { priority: string, team: string, person_days: number, };

export type PrioritiesView = { priorities: Array<PriorityRow>, loads: Array<PriorityLoad>, 
/**
 * Unfinished, not deferred work (no milestone) serving no priority, in plan order
 * (empty while the plan has no priority).
 */
unserved: Array<string>, 
/**
 * A current kept forecast gave `p80`.
 */
forecast: boolean, };

export type Op = "<=" | ">=" | "=";

export type Threshold = { op: Op, value: number, };

export type MeasureId = number | string;

export type ItemKind = "initiative" | "handoff" | "team" | "risk" | "priority";

export type Item = { kind: ItemKind, id: string, };

export type Measure = { id: MeasureId, name: string, numerator: number, denominator: number, 
/**
 * numerator / denominator; null when not computed (`reason` says why).
 */
value: number | null, threshold: Threshold, 
/**
 * Whether the value meets the threshold; null when not computed.
 */
pass: boolean | null, 
/**
 * Why it is not computed.
 */
reason?: string, 
/**
 * What the numerator counts (for a metric that passes with a numerator, those too).
 */
items: Array<Item>, };

export type Grade = "green" | "amber" | "red";

export type HealthReport = { metrics: Array<Measure>, checks: Array<Measure>, grade: Grade, };

export type StopProposal = { target: string, 
/**
 * The levelled plan meets the target after the deferrals.
 */
meets: boolean, finish_before_days: number, finish_before_date: string, finish_after_days: number, finish_after_date: string, days_gained: number, value_deferred: number, value_total: number, deferred: Array<Deferred>, };

export type Deferred = { initiative: string, name: string, value: number, 
/**
 * Its leveling priority (0-1,000).
 */
priority: number, 
/**
 * The best (lowest) rank of a strategic priority it and what goes with it serve; null:
 * they serve none.
 */
rank: number | null, 
/**
 * The work not done that waits on it (deferred with it).
 */
successors: Array<string>, 
/**
 * Its value and its successors'.
 */
value_deferred: number, 
/**
 * Working days this deferral gains, after the ones before it.
 */
days_gained: number, finish_days: number, finish_date: string, };

export type Application = { template: string, sites: Array<string>, };

export type Override = { initiative: string, field: string, };

export type Why = "in_progress" | "due_to_start" | "due_to_finish";

export type UpdateRow = { id: string, name: string, owner: string, 
/**
 * Its team's name, if it has one.
 */
team: string | null, why: Why, 
/**
 * The status date in force when it was last updated; none: never.
 */
last_update: string | null, 
/**
 * Not updated within one rhythm of the status date (the `not-updated` finding).
 */
stale: boolean, 
/**
 * Its scheduled start and finish.
 */
start_date: string, finish_date: string, 
/**
 * The edit that confirms where it stands is still true.
 */
still_true: Edit, };

export type StatusCounts = { not_started: number, in_progress: number, on_track: number, at_risk: number, blocked: number, done: number, };

export type SiteOverride = { step: string, field: string, };

export type Flag = { 
/**
 * `site-long-span`, `site-slipped`, `site-blocked-work`, `site-open-risks`, `site-overrides`.
 */
code: string, reason: string, };

export type SiteRow = { id: string, name: string, wave: string | null, region: string | null, 
/**
 * The first start of its work.
 */
start: string | null, 
/**
 * The last finish of its work.
 */
finish: string | null, 
/**
 * Working days from its first start to its last finish, both counted.
 */
span_days: number | null, 
/**
 * Working days on which some of its work runs (its span less the days it waits, for a
 * gate, a crew or a handoff): what the span flag measures.
 */
work_days: number | null, 
/**
 * Its finish at P50 and P80 in the kept forecast, when it is current.
 */
p50: string | null, p80: string | null, 
/**
 * Working days its finish is later than in the baseline of record (earlier: negative);
 * without one, than its wave's median finish.
 */
late_days: number | null, status_counts: StatusCounts, 
/**
 * Risks not closed that hit its work.
 */
open_risks: number, 
/**
 * Findings about its work, its risks or the site itself.
 */
findings: number, overrides: Array<SiteOverride>, flags: Array<Flag>, };

export type WaveRow = { id: string, name: string, 
/**
 * The first start and the last finish of its work (its sites' and its own).
 */
start: string | null, finish: string | null, 
/**
 * Its gate's date (the gate initiative's finish) and name, when it names one.
 */
gate: string | null, gate_name: string | null, 
/**
 * Its completion milestone's date, when it has one.
 */
completion: string | null, 
/**
 * Its finish at P50 and P80 in the kept forecast, when it is current.
 */
p50: string | null, p80: string | null, 
/**
 * How many sites it has, and how many of them are flagged.
 */
sites: number, flagged: number, };

export type SitesView = { sites: Array<SiteRow>, waves: Array<WaveRow>, 
/**
 * The baseline `late_days` is measured against (None: against the wave's median finish).
 */
baseline: string | null, 
/**
 * A current forecast gave `p50` and `p80`.
 */
forecast: boolean, };

export type StepOverride = { template: string, step: string, 
/**
 * The instance (`{site}-{step}`).
 */
initiative: string, field: string, };

export type SiteOverrides = { site: string, overrides: Array<StepOverride>, };

export type TemplateAnchor = { id: string, name: string, };

export type TemplateLayout = { template: string, 
/**
 * Cards by step id (anchors by `@name`); routes by template handoff id, and
 * `@gate>{step}` / `{step}>@completion` for the gate's and the completion's links.
 */
layout: Layout, 
/**
 * The cards that stand for wave-level work, not steps: id (`@gate`) and name.
 */
anchors: Array<TemplateAnchor>, 
/**
 * The sites the template is applied to, in the plan's order.
 */
sites: Array<string>, 
/**
 * The overrides of this template's steps, per site that has any.
 */
overrides: Array<SiteOverrides>, };

export type UpdateView = { 
/**
 * None: the plan has no status date, and nothing is due.
 */
status_date: string | null, 
/**
 * Calendar days.
 */
review_every_days: number, 
/**
 * In the schedule's order.
 */
rows: Array<UpdateRow>, 
/**
 * How many rows are stale.
 */
stale: number, };

export type CauseLine = { 
/**
 * "the estimate of 'Store install'".
 */
words: string, 
/**
 * Working days it contributes (+ later).
 */
days: number, 
/**
 * The driving handoffs it came through, in order: ids (to show on the map) and names.
 */
via: Array<string>, via_names: Array<string>, };

export type MovedLine = { id: string, name: string, days: number, causes: Array<CauseLine>, };

export type SinceView = { baselines: Array<BaselineRow>, 
/**
 * None: no baseline kept.
 */
since: Since | null, 
/**
 * Whether the moves have causes (false: a baseline kept with dates only).
 */
explained: boolean, finish_before: string | null, finish_after: string | null, finish_change_days: number, finish_causes: Array<CauseLine>, 
/**
 * Largest move first.
 */
moved: Array<MovedLine>, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type OriginKind = "plan_start" | "calendar" | "status_date" | "initiative_removed" | "handoff_removed" | "estimate" | "remaining" | "progress" | "actual_start" | "actual_finish" | "start_no_earlier_than" | "pinned" | "leveling_delay" | "deferred" | "handoff_changed" | "initiative_added" | "handoff_added" | "other";

export type Cause = { 
/**
 * The id of what changed: an initiative, a handoff, or the plan's own setting ("" for
 * the plan and for `other`).
 */
origin: string, kind: OriginKind, days: number, 
/**
 * Driving handoffs from the origin to the moved initiative, in order: the last 8 of the
 * path (those nearest the moved initiative).
 */
via: Array<string>, 
/**
 * How many handoffs of the path come before `via` (0: `via` is the whole path).
 */
via_more?: number, 
/**
 * Other origins applied in the same step (only valid together, or grouped in a large
 * diff): their days are in this cause's.
 */
together?: Array<string>, 
/**
 * How many more origins were applied in the same step than `together` names.
 */
more?: number, };

export type Move = { id: string, days: number, causes: Array<Cause>, };

export type Since = { name: string, created: string, status_date: string | null, };

export type Entities = { initiatives: Array<string>, handoffs: Array<string>, risks: Array<string>, teams: Array<string>, sites: Array<string>, waves: Array<string>, };

export type Change = { kind: string, id: string, field: string, before: JsonValue, after: JsonValue, };

export type Rescored = { id: string, before: number, after: number, };

export type TeamOver = { team: string, weeks: Array<string>, };

export type FindingRef = { code: string, subject: string, message: string, };

export type DeferredSince = { id: string, since: string, reason: string, };

export type Drift = { since: Since, 
/**
 * Whether the moves have causes: false for a baseline kept with dates only.
 */
explained: boolean, 
/**
 * The plan's finish, in the baseline and now.
 */
finish_before: string, finish_after: string, finish_change_days: number, 
/**
 * Why the plan's finish moved; adds up to `finish_change_days`.
 */
finish_causes: Array<Cause>, 
/**
 * The change of the forecast's P80 when the baseline and the plan now both hold a
 * current forecast.
 */
p80_change_days: number | null, 
/**
 * Initiatives in both whose finish moved, largest move first.
 */
moved: Array<Move>, added: Entities, removed: Entities, changed: Array<Change>, risks_rescored: Array<Rescored>, handoffs_newly_unowned: Array<string>, handoffs_newly_unconfirmed: Array<string>, teams_newly_over: Array<TeamOver>, findings_new: Array<FindingRef>, findings_resolved: Array<FindingRef>, 
/**
 * Work deferred since the baseline, and why, in plan order: its own change (a deferral
 * is not listed again in `changed`).
 */
deferred: Array<DeferredSince>, 
/**
 * Work deferred in the baseline and taken back since, in plan order.
 */
undeferred: Array<string>, 
/**
 * What people read for each id above: an initiative's, a team's or a site's name, a
 * risk's title, a handoff as "giver → receiver" (from the plan now, else the baseline's).
 */
names: { [key in string]: string }, };

export type BaselineRow = { name: string, 
/**
 * When it was kept (RFC 3339, UTC).
 */
created: string, status_date: string | null, 
/**
 * The baseline of record: the approved plan the variance is measured against.
 */
of_record: boolean, 
/**
 * How many initiatives it holds.
 */
initiatives: number, 
/**
 * Kept with dates only (imported): its moves have no causes.
 */
dates_only?: boolean, };

export type Kept = { name: string, created: string, of_record: boolean, initiatives: number, 
/**
 * Whether the kept forecast was current and is kept with it.
 */
forecast: boolean, 
/**
 * Bytes it takes in the plan file.
 */
bytes: number, 
/**
 * Whether it replaced a baseline of the same name.
 */
replaced: boolean, };
