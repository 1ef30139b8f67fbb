//! What changed between two plans, entity by entity and field by field: added and removed by
//! id, and for an entity in both each field (as the plan format names it) whose value differs.
//! Fields are compared as their JSON, so a field added to the model is compared without a
//! line here; a card's position on the map is not a change of the plan.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::model::Plan;

/// Ids of the entities one side has and the other has not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Entities {
    pub initiatives: Vec<String>,
    pub handoffs: Vec<String>,
    pub risks: Vec<String>,
    pub teams: Vec<String>,
    pub sites: Vec<String>,
    pub waves: Vec<String>,
}

/// One field of one entity that differs: `kind` is `plan`, `initiative`, `handoff`, `risk`,
/// `team`, `site` or `wave`; `id` is "" for the plan; values as in the plan format (null when
/// unset).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Change {
    pub kind: String,
    pub id: String,
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// Fields that are no change of the plan.
const IGNORED: &[&str] = &["id", "position"];

/// The fields of two JSON objects whose values differ, in the order of `after`'s fields, then
/// those only `before` has; a missing field is null.
pub(crate) fn fields(before: &Value, after: &Value) -> Vec<(String, Value, Value)> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for (k, v) in a {
        let was = b.get(k).unwrap_or(&Value::Null);
        if !IGNORED.contains(&k.as_str()) && was != v {
            out.push((k.clone(), was.clone(), v.clone()));
        }
    }
    for (k, v) in b {
        if !IGNORED.contains(&k.as_str()) && !a.contains_key(k) && !v.is_null() {
            out.push((k.clone(), v.clone(), Value::Null));
        }
    }
    out
}

fn json<T: Serialize>(x: &T) -> Value {
    // Plain data with string keys: serializing cannot fail.
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// Compares one list of entities by id: ids added, ids removed, changed fields.
fn list<T: Serialize + PartialEq>(
    kind: &str,
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> &str,
    added: &mut Vec<String>,
    removed: &mut Vec<String>,
    changed: &mut Vec<Change>,
) {
    let old: rustc_hash::FxHashMap<&str, &T> = before.iter().map(|x| (id(x), x)).collect();
    let new: rustc_hash::FxHashSet<&str> = after.iter().map(&id).collect();
    for x in after {
        match old.get(id(x)) {
            None => added.push(id(x).to_string()),
            Some(was) if *was != x => {
                for (field, before, after) in fields(&json(was), &json(x)) {
                    changed.push(Change { kind: kind.into(), id: id(x).to_string(), field, before, after });
                }
            }
            Some(_) => {}
        }
    }
    removed.extend(before.iter().map(&id).filter(|k| !new.contains(k)).map(str::to_string));
}

/// What was added, what was removed and what changed from `before` to `after`.
pub fn changes(before: &Plan, after: &Plan) -> (Entities, Entities, Vec<Change>) {
    let (mut a, mut r, mut c) = (Entities::default(), Entities::default(), Vec::new());
    for (field, was, now) in fields(&json(&before.settings()), &json(&after.settings())) {
        c.push(Change { kind: "plan".into(), id: String::new(), field, before: was, after: now });
    }
    list("team", &before.teams, &after.teams, |x| &x.id, &mut a.teams, &mut r.teams, &mut c);
    list("wave", &before.waves, &after.waves, |x| &x.id, &mut a.waves, &mut r.waves, &mut c);
    list("site", &before.sites, &after.sites, |x| &x.id, &mut a.sites, &mut r.sites, &mut c);
    list("initiative", &before.initiatives, &after.initiatives, |x| &x.id, &mut a.initiatives, &mut r.initiatives, &mut c);
    list("handoff", &before.handoffs, &after.handoffs, |x| &x.id, &mut a.handoffs, &mut r.handoffs, &mut c);
    list("risk", &before.risks, &after.risks, |x| &x.id, &mut a.risks, &mut r.risks, &mut c);
    (a, r, c)
}
