//! XER's tables: `%T` names a table, `%F` its fields, each `%R` a row, `%E` ends the file
//! (`ERMHDR` first). Reading keeps every row's line for errors.

use std::collections::HashMap;

use super::P6Error;

/// One table: its field names and rows (each with its line in the file).
#[derive(Debug, Default)]
pub(super) struct Table {
    pub name: String,
    pub fields: Vec<String>,
    pub rows: Vec<Row>,
    /// For a table made from PMXML (`pmxml`): the element each field came from, so that
    /// errors name what is in the file.
    pub source: HashMap<String, String>,
}

#[derive(Debug)]
pub(super) struct Row {
    pub line: usize,
    pub values: Vec<String>,
}

/// The tables of a file, by name.
pub(super) struct Tables {
    pub what: String,
    pub tables: HashMap<String, Table>,
}

impl Tables {
    pub fn get(&self, name: &str) -> Option<&Table> {
        self.tables.get(name)
    }

    pub fn need(&self, name: &str) -> Result<&Table, P6Error> {
        self.get(name).ok_or_else(|| P6Error::MissingTable { what: self.what.clone(), table: name.to_string() })
    }

    pub fn rows(&self, name: &str) -> impl Iterator<Item = Cell<'_>> {
        self.get(name).into_iter().flat_map(move |t| t.rows.iter().map(move |r| Cell { what: &self.what, table: t, row: r }))
    }
}

/// A row of a table, read field by field.
#[derive(Clone, Copy)]
pub(super) struct Cell<'a> {
    pub what: &'a str,
    pub table: &'a Table,
    pub row: &'a Row,
}

impl<'a> Cell<'a> {
    pub fn line(&self) -> usize {
        self.row.line
    }

    pub fn bad(&self, field: &str, message: String) -> P6Error {
        P6Error::Value {
            what: self.what.to_string(),
            line: self.row.line,
            table: self.table.name.clone(),
            field: self.table.source.get(field).cloned().unwrap_or_else(|| field.to_string()),
            message,
        }
    }

    /// The text of `field`, trimmed; empty when the table has no such field.
    pub fn text(&self, field: &str) -> &'a str {
        self.table.fields.iter().position(|f| f == field).and_then(|k| self.row.values.get(k)).map_or("", |v| v.trim())
    }

    /// The text of a field every row must have.
    pub fn need(&self, field: &str) -> Result<&'a str, P6Error> {
        match self.text(field) {
            "" => Err(self.bad(field, "is empty".to_string())),
            t => Ok(t),
        }
    }

    /// The number in `field`, none when empty.
    pub fn num(&self, field: &str) -> Result<Option<f64>, P6Error> {
        match self.text(field) {
            "" => Ok(None),
            t => match t.parse::<f64>() {
                Ok(x) if x.is_finite() && x.abs() < 1e12 => Ok(Some(x)),
                _ => Err(self.bad(field, format!("'{}' is not a number", shown(t)))),
            },
        }
    }

    /// A date and time (`2024-01-08 08:00`), none when empty.
    pub fn datetime(&self, field: &str) -> Result<Option<chrono::NaiveDateTime>, P6Error> {
        let t = self.text(field);
        if t.is_empty() {
            return Ok(None);
        }
        ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]
            .iter()
            .find_map(|f| {
                chrono::NaiveDateTime::parse_from_str(t, f)
                    .ok()
                    .or_else(|| chrono::NaiveDate::parse_from_str(t, f).ok().and_then(|d| d.and_hms_opt(0, 0, 0)))
            })
            .map(Some)
            .ok_or_else(|| self.bad(field, format!("'{}' is not a date (YYYY-MM-DD hh:mm)", shown(t))))
    }
}

pub(super) fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(60).map(|c| if c.is_control() { '?' } else { c }).collect();
    if s.chars().count() > 60 {
        out.push_str("...");
    }
    out
}

/// Splits XER text into its tables. A file that does not start with `ERMHDR`, a row before
/// any table or with more values than its fields, a table without fields, a table twice, or
/// no `%E` at the end (a truncated file) is an error naming the line.
pub(super) fn parse(text: &str, what: &str) -> Result<Tables, P6Error> {
    let structure = |line: usize, message: String| P6Error::Structure { what: what.to_string(), line, message };
    let mut lines = text.split('\n').enumerate().map(|(k, l)| (k + 1, l.strip_suffix('\r').unwrap_or(l)));
    match lines.next() {
        Some((_, l)) if l.starts_with("ERMHDR") => {}
        _ => return Err(structure(1, "not a Primavera P6 XER file (it does not start with ERMHDR)".to_string())),
    }
    let mut tables: HashMap<String, Table> = HashMap::new();
    let mut current: Option<Table> = None;
    let mut ended = false;
    let mut last = 1;
    for (n, line) in lines {
        last = n;
        if ended {
            if line.trim().is_empty() {
                continue;
            }
            return Err(structure(n, "text after the end of the file (%E)".to_string()));
        }
        let mut parts = line.split('\t');
        let tag = parts.next().unwrap_or("");
        match tag {
            "%T" => {
                if let Some(t) = current.take() {
                    tables.insert(t.name.clone(), t);
                }
                let name = parts.next().unwrap_or("").trim().to_string();
                if name.is_empty() {
                    return Err(structure(n, "%T names no table".to_string()));
                }
                if tables.contains_key(&name) {
                    return Err(structure(n, format!("the table {name} appears twice")));
                }
                current = Some(Table { name, ..Table::default() });
            }
            "%F" => {
                let Some(t) = current.as_mut() else { return Err(structure(n, "field names (%F) before any table (%T)".to_string())) };
                if !t.fields.is_empty() {
                    return Err(structure(n, format!("the table {} has two lines of field names (%F)", t.name)));
                }
                t.fields = parts.map(|f| f.trim().to_string()).collect();
            }
            "%R" => {
                let Some(t) = current.as_mut() else { return Err(structure(n, "a row (%R) before any table (%T)".to_string())) };
                if t.fields.is_empty() {
                    return Err(structure(n, format!("a row of the table {} before its field names (%F)", t.name)));
                }
                let values: Vec<String> = parts.map(str::to_string).collect();
                if values.len() > t.fields.len() {
                    return Err(structure(
                        n,
                        format!("a row of the table {} has {} values for {} fields", t.name, values.len(), t.fields.len()),
                    ));
                }
                t.rows.push(Row { line: n, values });
            }
            "%E" => ended = true,
            "" if line.trim().is_empty() => {}
            _ => return Err(structure(n, format!("'{}' is not an XER line (%T, %F, %R or %E)", shown(tag)))),
        }
    }
    if !ended {
        return Err(structure(last, "the file ends before its end mark (%E): it is truncated".to_string()));
    }
    if let Some(t) = current.take() {
        tables.insert(t.name.clone(), t);
    }
    Ok(Tables { what: what.to_string(), tables })
}

/// Writes one table.
pub(super) fn table(out: &mut String, name: &str, fields: &[&str], rows: &[Vec<String>]) {
    out.push_str("%T\t");
    out.push_str(name);
    out.push_str("\r\n%F\t");
    out.push_str(&fields.join("\t"));
    out.push_str("\r\n");
    for r in rows {
        out.push_str("%R");
        for v in r {
            out.push('\t');
            // A tab or line break would break the table: XER has no escape for them.
            out.extend(v.chars().map(|c| if matches!(c, '\t' | '\r' | '\n') { ' ' } else { c }));
        }
        out.push_str("\r\n");
    }
}
