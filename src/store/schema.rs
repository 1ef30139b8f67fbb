//! The plan file's schema and its migrations.
//!
//! A `.bridger` file is an SQLite database marked with `application_id` = "BRDG" and its
//! schema version in `user_version`. Migrations run forward one version at a time inside
//! one transaction. A file whose version is newer than this binary is refused, never
//! touched: an older Bridger must not damage a plan written by a newer one.

/// `PRAGMA application_id` of every plan file: the bytes "BRDG".
pub const APPLICATION_ID: i32 = 0x4252_4447;

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// `MIGRATIONS[k]` upgrades a file from version k to k + 1.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, PRIORITIES, PINNED, DONE_WHEN];

const V1: &str = r#"
CREATE TABLE plan (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    start       TEXT NOT NULL,          -- ISO date, day 0
    working_days TEXT NOT NULL          -- e.g. 'Mon,Tue,Wed,Thu,Fri'
);
CREATE TABLE holiday (
    date        TEXT PRIMARY KEY
);
CREATE TABLE team (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    fte         REAL NOT NULL,
    utilization_target REAL NOT NULL
);
CREATE TABLE wave (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    ord         INTEGER NOT NULL
);
CREATE TABLE site (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    region      TEXT,
    wave_id     TEXT REFERENCES wave(id)
);
CREATE TABLE initiative (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    team_id     TEXT REFERENCES team(id),
    optimistic  INTEGER NOT NULL,
    likely      INTEGER NOT NULL,
    pessimistic INTEGER NOT NULL,
    status      TEXT NOT NULL,
    progress    REAL NOT NULL,
    site_id     TEXT REFERENCES site(id),
    wave_id     TEXT REFERENCES wave(id),
    start_no_earlier_than TEXT,
    finish_no_later_than  TEXT,
    x           REAL,
    y           REAL,
    notes       TEXT NOT NULL
);
CREATE TABLE effort (
    initiative_id TEXT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    team_id     TEXT NOT NULL REFERENCES team(id),
    person_days REAL NOT NULL,
    PRIMARY KEY (initiative_id, team_id)
);
CREATE TABLE handoff (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    from_id     TEXT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    to_id       TEXT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    lag         INTEGER NOT NULL,
    owner       TEXT NOT NULL,
    assumption  TEXT NOT NULL,
    confirmed   INTEGER NOT NULL,
    due         TEXT,
    UNIQUE (from_id, to_id)
);
CREATE INDEX handoff_to ON handoff(to_id);
CREATE TABLE risk (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    title       TEXT NOT NULL,
    owner       TEXT NOT NULL,
    probability REAL NOT NULL,
    impact      INTEGER NOT NULL,
    mitigation  TEXT NOT NULL,
    status      TEXT NOT NULL,
    impact_min  INTEGER,
    impact_likely INTEGER,
    impact_max  INTEGER
);
CREATE TABLE risk_initiative (
    risk_id     TEXT NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    initiative_id TEXT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    pos         INTEGER NOT NULL,
    PRIMARY KEY (risk_id, initiative_id)
);
CREATE INDEX risk_initiative_initiative ON risk_initiative(initiative_id);
-- Every edit, in order: what it changed, before and after, as JSON of the model types.
-- This is the undo journal: `grp` ties the rows of one edit (a cascade) together, `pos`
-- is the entity's place in its list (its `seq`), `undone` marks edits that can be redone.
CREATE TABLE journal (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    grp         INTEGER NOT NULL,
    at          TEXT NOT NULL,
    op          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    pos         INTEGER,
    before      TEXT,
    after       TEXT,
    undone      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX journal_grp ON journal(grp);
"#;

/// Version 2: what two writers need to share one file safely, and indexes for a plan of
/// hundreds of thousands of initiatives edited without reading it whole.
/// - `plan.next_seq`: the next list position and journal group, allocated inside each
///   write transaction (two programs never reuse one).
/// - `plan.undo_depth`: how many edits the journal keeps for undo (older ones are
///   compacted away, so a plan edited for a year stays small).
/// - `journal.source`: which program made the edit ("bridger edit", "Bridger app"), and
///   `journal.edits`: how many edits its group holds (a batch is one undo step).
/// - indexes on the columns that reference a team, site or wave (a removal checks them)
///   and on the journal's redo branch.
const V2: &str = r#"
ALTER TABLE plan ADD COLUMN next_seq INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plan ADD COLUMN undo_depth INTEGER NOT NULL DEFAULT 1000;
UPDATE plan SET next_seq = 1 + (SELECT COALESCE(MAX(m), 0) FROM (
    SELECT MAX(seq) AS m FROM team UNION ALL SELECT MAX(seq) FROM wave
    UNION ALL SELECT MAX(seq) FROM site UNION ALL SELECT MAX(seq) FROM initiative
    UNION ALL SELECT MAX(seq) FROM handoff UNION ALL SELECT MAX(seq) FROM risk
    UNION ALL SELECT MAX(grp) FROM journal));
ALTER TABLE journal ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE journal ADD COLUMN edits INTEGER NOT NULL DEFAULT 1;
CREATE INDEX journal_undone ON journal(undone, grp);
CREATE INDEX initiative_team ON initiative(team_id);
CREATE INDEX initiative_site ON initiative(site_id);
CREATE INDEX initiative_wave ON initiative(wave_id);
CREATE INDEX effort_team ON effort(team_id);
CREATE INDEX site_wave ON site(wave_id);
"#;

/// Version 3: the settings and fields of the simulation, capacity and brief issues (14,
/// 15, 16), added together so that the file changes once, and the last simulation's
/// results.
/// - `plan`: the target date, the simulation's distribution, the program manager's summary
///   and asks, the fingerprint of the inputs of an accepted leveling, and `revision`,
///   counted up by every edit, batch, undo and redo: stored results of an earlier revision
///   are stale.
/// - `team.correlation`, and `capacity`: a team's people from a date on (a child table, as
///   effort is of an initiative; one row per date).
/// - `initiative`: the leveling delay, the priority and the value.
/// - `simulation`: the last run (one row): its seed (the u64's bits as an integer), its
///   iterations and distribution, when it ran (RFC 3339, UTC), the revision it was computed
///   on and its figures as JSON. Saving it is not an edit: no journal, no revision.
const V3: &str = r#"
ALTER TABLE plan ADD COLUMN target TEXT;
ALTER TABLE plan ADD COLUMN distribution TEXT NOT NULL DEFAULT 'triangular';
ALTER TABLE plan ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE plan ADD COLUMN asks TEXT NOT NULL DEFAULT '';
ALTER TABLE plan ADD COLUMN leveling_basis TEXT;
ALTER TABLE plan ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE team ADD COLUMN correlation REAL NOT NULL DEFAULT 0;
CREATE TABLE capacity (
    team_id     TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    fte         REAL NOT NULL,
    PRIMARY KEY (team_id, date)
);
ALTER TABLE initiative ADD COLUMN leveling_delay INTEGER NOT NULL DEFAULT 0;
ALTER TABLE initiative ADD COLUMN priority INTEGER NOT NULL DEFAULT 500;
ALTER TABLE initiative ADD COLUMN value REAL NOT NULL DEFAULT 0;
CREATE TABLE simulation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    seed        INTEGER NOT NULL,
    iterations  INTEGER NOT NULL,
    distribution TEXT NOT NULL,
    at          TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    results     TEXT NOT NULL
);
"#;

/// Version 4: `map`, the last layout the window drew in each arrangement (its JSON) with the
/// fingerprint of what it was computed from (`model::layout_fingerprint`), so that a plan
/// reopened shows the same map as when it was closed; a layout depends on the ones before it
/// (cards stay where the user saw them), which a fresh layout cannot reproduce. Saving it is
/// not an edit: no journal, no revision.
const V4: &str = r#"
CREATE TABLE map (
    arrangement TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    layout      TEXT NOT NULL
);
"#;

/// Version 5: progress over time (issue 27).
/// - `plan.status_date`: the day progress is true at the end of; `plan.review_every_days`:
///   the review rhythm, in calendar days.
/// - `initiative`: its actual start and finish, the working days left, and when its
///   progress was last stated (the status date then, and the moment).
/// - `team.lead`: the person who decides what the team takes on.
const V5: &str = r#"
ALTER TABLE plan ADD COLUMN status_date TEXT;
ALTER TABLE plan ADD COLUMN review_every_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE initiative ADD COLUMN actual_start TEXT;
ALTER TABLE initiative ADD COLUMN actual_finish TEXT;
ALTER TABLE initiative ADD COLUMN remaining INTEGER;
ALTER TABLE initiative ADD COLUMN updated_status_date TEXT;
ALTER TABLE initiative ADD COLUMN updated_at TEXT;
ALTER TABLE team ADD COLUMN lead TEXT NOT NULL DEFAULT '';
"#;

/// Version 6: `baseline`, the plan kept at a review (`store/baseline.rs`): a unique name, when
/// it was kept (RFC 3339, UTC), the status date then, whether it is the baseline of record
/// (the approved plan, MS Project's Baseline0), how many initiatives it holds, and three
/// deflate-compressed JSON parts: the plan (NULL for a baseline imported with dates only), the
/// dates of its schedule, and the forecast kept then when it was current (else NULL). Keeping
/// one is not an edit: no journal, no revision.
const V6: &str = r#"
CREATE TABLE baseline (
    name        TEXT PRIMARY KEY,
    created     TEXT NOT NULL,
    status_date TEXT,
    of_record   INTEGER NOT NULL DEFAULT 0,
    initiatives INTEGER NOT NULL,
    plan        BLOB,
    dates       BLOB NOT NULL,
    forecast    BLOB
);
"#;

/// Version 7: rollouts (issue 28).
/// - `template`: a rollout template, its name and the whole template as JSON (steps, handoffs,
///   risks, crew chains: read and written whole, as an edit replaces it whole).
/// - `initiative`: the template step it is the instance of (`instance_template`,
///   `instance_step`, both or neither) and the fields it overrides, comma-separated.
/// - `wave`: its gate and completion milestone (initiative ids) and its anchors (JSON object,
///   anchor name -> initiative id).
/// - `site.roles`: who fills each owner role at the site (JSON object, role -> person).
const V7: &str = r#"
CREATE TABLE template (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    body        TEXT NOT NULL
);
ALTER TABLE initiative ADD COLUMN instance_template TEXT;
ALTER TABLE initiative ADD COLUMN instance_step TEXT;
ALTER TABLE initiative ADD COLUMN overrides TEXT NOT NULL DEFAULT '';
CREATE INDEX initiative_instance ON initiative(instance_template, site_id);
ALTER TABLE wave ADD COLUMN gate TEXT;
ALTER TABLE wave ADD COLUMN completion TEXT;
ALTER TABLE wave ADD COLUMN anchors TEXT NOT NULL DEFAULT '{}';
ALTER TABLE site ADD COLUMN roles TEXT NOT NULL DEFAULT '{}';
"#;

/// Version 8: a site's values (issue 28, the demo as data): `site.site_values`, what the
/// site is like by name (JSON object, name -> number or text), what a template's texts and
/// formulas name as `{lanes}`. One self-contained step.
const V8: &str = r#"
ALTER TABLE site ADD COLUMN site_values TEXT NOT NULL DEFAULT '{}';
"#;

/// Version 9: strategic priorities and deferral (issue 29), in new tables only, so that the
/// tables before it read as they did (a reader of an older file finds no `priority` table and
/// reads none):
/// - `priority`: a strategic priority (name, owner, rank, target date, description).
/// - `serves`: the priorities an initiative serves, in its order (`pos`); removing a served
///   priority is refused, so the reference to it always holds.
/// - `deferral`: an initiative deferred, since when and why (one row per deferred initiative).
const PRIORITIES: &str = r#"
CREATE TABLE priority (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    rank        INTEGER NOT NULL,
    target      TEXT,
    description TEXT NOT NULL
);
CREATE TABLE serves (
    initiative_id TEXT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    priority_id TEXT NOT NULL REFERENCES priority(id),
    pos         INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, priority_id)
);
CREATE INDEX serves_priority ON serves(priority_id);
CREATE TABLE deferral (
    initiative_id TEXT PRIMARY KEY REFERENCES initiative(id) ON DELETE CASCADE,
    since       TEXT NOT NULL,
    reason      TEXT NOT NULL
);
"#;

/// Version 10: pinned dates (issue 30), in a new table only, so that the tables before it
/// read as they did (a reader of an older file finds no `pin` table: nothing is pinned):
/// - `pin`: an initiative's pinned start or finish (`at`: `start` or `finish`), its date and
///   where it came from (`source`: `bridger`, or MS Project's `manual`, `must_start_on`,
///   `must_finish_on`), at most one per initiative.
const PINNED: &str = r#"
CREATE TABLE pin (
    initiative_id TEXT PRIMARY KEY REFERENCES initiative(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    date        TEXT NOT NULL,
    source      TEXT NOT NULL
);
"#;

/// Version 11: an initiative's definition of done (issue 31), in a table of its own so that
/// the initiative's row reads as it did: `done_when`, one row per initiative that has one.
const DONE_WHEN: &str = r#"
CREATE TABLE done_when (
    initiative_id TEXT PRIMARY KEY REFERENCES initiative(id) ON DELETE CASCADE,
    done_when   TEXT NOT NULL
);
"#;
