//! Reading P6's XML (PMXML, `<APIBusinessObjects>`): its projects, calendars, WBS,
//! activities, relationships, resources and assignments are turned into the tables an XER
//! file holds (`xer::Table`, each row keeping its element's line and each field the
//! element it came from), then read as XER is (`read`). The element tree is the MSPDI
//! reader's (`mspdi::xml`), with its limits.

use std::collections::HashMap;

use chrono::Weekday;

use super::xer::{Row, Table, Tables};
use super::{Imported, P6Error};
use crate::io::mspdi::xml::{self, Element};

/// XER fields and the PMXML element each is read from.
type Fields = &'static [(&'static str, &'static str)];

const PROJECT: Fields = &[
    ("proj_id", "ObjectId"),
    ("proj_short_name", "Id"),
    ("plan_start_date", "PlannedStartDate"),
    ("last_recalc_date", "DataDate"),
    ("clndr_id", "ActivityDefaultCalendarObjectId"),
];
const WBS: Fields = &[("wbs_id", "ObjectId"), ("parent_wbs_id", "ParentObjectId"), ("wbs_name", "Name"), ("proj_id", "ProjectObjectId")];
const TASK: Fields = &[
    ("task_id", "ObjectId"),
    ("proj_id", "ProjectObjectId"),
    ("wbs_id", "WBSObjectId"),
    ("clndr_id", "CalendarObjectId"),
    ("task_code", "Id"),
    ("task_name", "Name"),
    ("task_type", "Type"),
    ("status_code", "Status"),
    ("target_drtn_hr_cnt", "PlannedDuration"),
    ("remain_drtn_hr_cnt", "RemainingDuration"),
    ("act_start_date", "ActualStartDate"),
    ("act_end_date", "ActualFinishDate"),
    ("early_start_date", "RemainingEarlyStartDate"),
    ("early_end_date", "RemainingEarlyFinishDate"),
    ("total_float_hr_cnt", "TotalFloat"),
    ("phys_complete_pct", "PhysicalPercentComplete"),
    ("cstr_type", "PrimaryConstraintType"),
    ("cstr_date", "PrimaryConstraintDate"),
    ("cstr_type2", "SecondaryConstraintType"),
    ("cstr_date2", "SecondaryConstraintDate"),
];
const PRED: Fields = &[
    ("task_id", "SuccessorActivityObjectId"),
    ("pred_task_id", "PredecessorActivityObjectId"),
    ("pred_type", "Type"),
    ("lag_hr_cnt", "Lag"),
];
const RSRC: Fields = &[("rsrc_id", "ObjectId"), ("rsrc_name", "Name"), ("rsrc_short_name", "Id"), ("rsrc_type", "ResourceType")];
const TASKRSRC: Fields = &[("task_id", "ActivityObjectId"), ("rsrc_id", "ResourceObjectId"), ("target_qty", "PlannedUnits")];

/// PMXML's words for what XER writes as codes; a word not listed is kept as it is (and
/// refused by the reading, naming it).
fn code(field: &str, text: &str) -> String {
    let c = match (field, text) {
        ("task_type", "Task Dependent") => "TT_Task",
        ("task_type", "Resource Dependent") => "TT_Rsrc",
        ("task_type", "Level of Effort") => "TT_LOE",
        ("task_type", "Start Milestone") => "TT_Mile",
        ("task_type", "Finish Milestone") => "TT_FinMile",
        ("task_type", "WBS Summary") => "TT_WBS",
        ("status_code", "Not Started") => "TK_NotStart",
        ("status_code", "In Progress") => "TK_Active",
        ("status_code", "Completed") => "TK_Complete",
        ("pred_type", "Finish to Start") => "PR_FS",
        ("pred_type", "Start to Start") => "PR_SS",
        ("pred_type", "Finish to Finish") => "PR_FF",
        ("pred_type", "Start to Finish") => "PR_SF",
        ("rsrc_type", "Labor") => "RT_Labor",
        ("rsrc_type", "Nonlabor") => "RT_Equip",
        ("rsrc_type", "Material") => "RT_Mat",
        ("cstr_type" | "cstr_type2", t) => match t {
            "Start On or After" => "CS_MSOA",
            "Finish On or Before" => "CS_MEOB",
            "Start On" => "CS_MSO",
            "Finish On" => "CS_MEO",
            "Start On or Before" => "CS_MSOB",
            "Finish On or After" => "CS_MEOA",
            "Mandatory Start" => "CS_MANDSTART",
            "Mandatory Finish" => "CS_MANDFIN",
            "As Late As Possible" => "CS_ALAP",
            _ => t,
        },
        _ => text,
    };
    c.to_string()
}

/// A table named for its PMXML element, its fields XER's (errors name the element).
fn table(element: &str, fields: Fields, rows: Vec<Row>) -> Table {
    let source: HashMap<String, String> = fields.iter().map(|(x, p)| (x.to_string(), p.to_string())).collect();
    Table { name: element.to_string(), fields: fields.iter().map(|f| f.0.to_string()).collect(), rows, source }
}

fn row(el: &Element, fields: Fields, extra: &[(&str, String)]) -> Row {
    let mut values: Vec<String> = fields.iter().map(|(x, p)| code(x, el.text_of(p).unwrap_or(""))).collect();
    values.extend(extra.iter().map(|(_, v)| v.clone()));
    Row { line: el.line, values }
}

/// Working weekdays and holidays of a PMXML `<Calendar>`, as XER's `clndr_data` text.
fn calendar_data(c: &Element) -> String {
    let mut days = Vec::new();
    if let Some(week) = c.child("StandardWorkWeek") {
        for d in week.all("StandardWorkHours") {
            let wd = match d.text_of("DayOfWeek").unwrap_or("") {
                "Monday" => Weekday::Mon,
                "Tuesday" => Weekday::Tue,
                "Wednesday" => Weekday::Wed,
                "Thursday" => Weekday::Thu,
                "Friday" => Weekday::Fri,
                "Saturday" => Weekday::Sat,
                "Sunday" => Weekday::Sun,
                _ => continue,
            };
            if d.child("WorkTime").is_some() {
                days.push(wd);
            }
        }
    }
    let mut holidays = Vec::new();
    if let Some(ex) = c.child("HolidayOrExceptions") {
        for e in ex.all("HolidayOrException") {
            if e.child("WorkTime").is_none() {
                if let Some(d) = e.text_of("Date").and_then(crate::io::mspdi::parse_xsd_date) {
                    holidays.push(d);
                }
            }
        }
    }
    super::calendar::write(&days, &holidays)
}

/// Reads PMXML text; `project` chooses one project of a file that holds several.
pub fn from_str(text: &str, what: &str, project: Option<&str>) -> Result<Imported, P6Error> {
    let root = xml::parse(text.strip_prefix('\u{feff}').unwrap_or(text), what).map_err(|e| P6Error::Xml(e.to_string()))?;
    if root.name != "APIBusinessObjects" {
        return Err(P6Error::Structure {
            what: what.to_string(),
            line: root.line,
            message: format!("not Primavera P6 XML (the root element is <{}>, expected <APIBusinessObjects>)", root.name),
        });
    }
    let mut tables: HashMap<String, Table> = HashMap::new();
    let projects: Vec<&Element> = root.all("Project").collect();
    let proj_rows = projects.iter().map(|p| row(p, PROJECT, &[("project_flag", "Y".to_string())])).collect();
    let mut t = table("Project", PROJECT, proj_rows);
    t.fields.push("project_flag".into());
    tables.insert("PROJECT".into(), t);
    let mut cal_rows = Vec::new();
    for c in root.all("Calendar") {
        let default = if c.text_of("IsDefault") == Some("1") { "Y" } else { "N" };
        cal_rows.push(Row {
            line: c.line,
            values: vec![
                c.text_of("ObjectId").unwrap_or("").to_string(),
                default.to_string(),
                c.text_of("Name").unwrap_or("").to_string(),
                c.text_of("HoursPerDay").unwrap_or("").to_string(),
                calendar_data(c),
            ],
        });
    }
    let cal_fields: Fields = &[
        ("clndr_id", "ObjectId"),
        ("default_flag", "IsDefault"),
        ("clndr_name", "Name"),
        ("day_hr_cnt", "HoursPerDay"),
        ("clndr_data", "StandardWorkWeek"),
    ];
    tables.insert("CALENDAR".into(), table("Calendar", cal_fields, cal_rows));
    tables.insert("RSRC".into(), table("Resource", RSRC, root.all("Resource").map(|r| row(r, RSRC, &[])).collect()));
    let (mut wbs, mut tasks, mut preds, mut assigns) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in &projects {
        let id = p.text_of("ObjectId").unwrap_or("");
        // The project node of the WBS: the root of every WBS element without a parent.
        let node = format!("project {id}");
        wbs.push(Row {
            line: p.line,
            values: vec![node.clone(), String::new(), p.text_of("Name").unwrap_or("").to_string(), id.to_string(), "Y".into()],
        });
        for w in p.all("WBS") {
            let mut r = row(w, WBS, &[("proj_node_flag", "N".to_string())]);
            if r.values[1].is_empty() || r.values[1] == id && w.text_of("ParentObjectId").is_none() {
                r.values[1] = node.clone();
            }
            if r.values[3].is_empty() {
                r.values[3] = id.to_string();
            }
            wbs.push(r);
        }
        for a in p.all("Activity") {
            let mut r = row(a, TASK, &[]);
            if r.values[1].is_empty() {
                r.values[1] = id.to_string();
            }
            tasks.push(r);
        }
        preds.extend(p.all("Relationship").map(|r| row(r, PRED, &[])));
        assigns.extend(p.all("ResourceAssignment").map(|r| row(r, TASKRSRC, &[])));
    }
    let mut t = table("WBS", WBS, wbs);
    t.fields.push("proj_node_flag".into());
    tables.insert("PROJWBS".into(), t);
    tables.insert("TASK".into(), table("Activity", TASK, tasks));
    tables.insert("TASKPRED".into(), table("Relationship", PRED, preds));
    tables.insert("TASKRSRC".into(), table("ResourceAssignment", TASKRSRC, assigns));
    super::read::from_tables(Tables { what: what.to_string(), tables }, project)
}
