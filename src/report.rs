//! Plain-text reports for the terminal: what `bridger check`, `health`, `schedule`, `simulate`,
//! `level`, `baseline`, `baselines` and `diff` print.
//!
//! Kept apart from the CLI so the text is snapshot-tested like any other output.

mod drift;
mod health;
mod level;
mod priorities;
mod simulate;
mod sites;

pub use drift::{baselines_text, drift_text, kept_text};
pub use health::{grade_line, grade_word, health_text, threshold_text, value_text};
pub use level::{leveling_text, stop_text};
pub use priorities::priorities_text;
pub use simulate::simulation_text;
pub use sites::sites_text;

use std::fmt::Write;

use crate::health::{Finding, Report, Severity};
use crate::model::Plan;
use crate::schedule::Schedule;

/// Text from a plan made safe for a terminal. Control characters (C0, DEL and C1: an escape
/// sequence could clear the screen, set the window title or forge a report line; a newline
/// or a carriage return could forge a line too), the Unicode line and paragraph separators,
/// and the bidirectional-text controls (which reorder what a line shows) are shown escaped
/// the way Rust writes them, `\u{1b}`, `\u{a}`, `\u{202e}`; everything else is kept as is.
/// A backslash is not escaped, so a name that literally holds `\u{1b}` looks the same: it
/// is text either way, never a control. JSON output needs none of this (serde escapes).
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "{}", c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `c` must not reach a terminal raw.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

pub fn severity_word(s: Severity) -> &'static str {
    crate::words::severity(s)
}

/// `text` escaped and padded or cut to `width` characters, written straight into the
/// report (a schedule has a row per initiative: no string per cell).
struct Fit<'a>(&'a str, usize);

impl std::fmt::Display for Fit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (text, width) = (escape(self.0), self.1);
        let n = text.chars().count();
        if n <= width {
            f.write_str(&text)?;
            const SPACES: &str = "                                                                ";
            let mut pad = width - n;
            while pad > 0 {
                let k = pad.min(SPACES.len());
                f.write_str(&SPACES[..k])?;
                pad -= k;
            }
        } else {
            for c in text.chars().take(width.saturating_sub(1)) {
                f.write_char(c)?;
            }
            f.write_char('…')?;
        }
        Ok(())
    }
}

fn counts(findings: &[Finding]) -> String {
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    severity_counts(n(Severity::Blocker), n(Severity::Warning), n(Severity::Note))
}

/// "1 blocker, 3 warnings, 0 notes".
fn severity_counts(blockers: usize, warnings: usize, notes: usize) -> String {
    use crate::words::count;
    format!("{}, {}, {}", count(blockers, "blocker", "blockers"), count(warnings, "warning", "warnings"), count(notes, "note", "notes"))
}

/// `bridger check`: errors first (each names the thing), then findings by severity.
pub fn check_text(what: &str, report: &Report) -> String {
    let mut out = String::new();
    let errors = report.errors.len();
    let _ = writeln!(
        out,
        "{}: {}, {}",
        escape(what),
        if errors == 1 { "1 error".to_string() } else { format!("{errors} errors") },
        counts(&report.findings)
    );
    for e in &report.errors {
        let _ = writeln!(out, "error     {}", escape(&e.message));
    }
    for f in &report.findings {
        let _ = writeln!(out, "{:<9} {:<22} {}  [{}]", severity_word(f.severity), escape(&f.code), escape(&f.message), escape(&f.subject));
    }
    out
}

/// `bridger schedule`: the plan's dates, in the order the work runs.
pub fn schedule_text(plan: &Plan, s: &Schedule, findings: &crate::health::Counts) -> String {
    let mut out = schedule_table(plan, s);
    push_schedule_counts(&mut out, findings);
    out
}

/// [`schedule_text`] but its last line, the counts of the findings (they can be counted
/// meanwhile: `api::schedule_text`).
pub fn schedule_table(plan: &Plan, s: &Schedule) -> String {
    let mut out = String::with_capacity(128 * (s.initiatives.len() + 8));
    let _ = writeln!(out, "{}", escape(&plan.name));
    let _ = writeln!(
        out,
        "start {}   finish {}   {}   {} on the critical path",
        s.start_date,
        s.finish_date,
        crate::words::working_days(s.makespan_days),
        crate::words::count(s.critical_path.len(), "initiative", "initiatives")
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<24} {:<40} {:<20} {:<10}  {:<10}  {:>5}", "ID", "INITIATIVE", "TEAM", "START", "FINISH", "FLOAT");
    // A row per initiative, written piece by piece: `write!` of the row cost more than
    // the rest of the command's own work on a large plan.
    // Rows of one team come in runs: its name is looked up once a run.
    let mut last_team: (Option<&str>, &str) = (None, "-");
    for r in &s.initiatives {
        if last_team.0 != r.team.as_deref() {
            last_team = (r.team.as_deref(), r.team.as_deref().and_then(|t| plan.team(t)).map(|t| t.name.as_str()).unwrap_or("-"));
        }
        let team = last_team.1;
        let mark = if r.total_float < 0 {
            "  late"
        } else if r.critical {
            "  critical"
        } else {
            ""
        };
        push_fit(&mut out, &r.id, 24);
        out.push(' ');
        push_fit(&mut out, &r.name, 40);
        out.push(' ');
        push_fit(&mut out, team, 20);
        out.push(' ');
        push_date(&mut out, r.start_date);
        out.push_str("  ");
        push_date(&mut out, r.finish_date);
        out.push_str("  ");
        push_right(&mut out, r.total_float, 5);
        out.push_str(mark);
        out.push('\n');
    }
    out
}

/// The last line of [`schedule_text`].
pub fn push_schedule_counts(out: &mut String, findings: &crate::health::Counts) {
    let _ = writeln!(out);
    let _ = writeln!(out, "findings: {} (bridger check lists them)", severity_counts(findings.critical, findings.warning, findings.info));
}

/// What `Fit(text, width)` writes, without the formatter.
fn push_fit(out: &mut String, text: &str, width: usize) {
    const SPACES: &str = "                                                  ";
    if text.len() + SPACES.len() >= width && text.len() <= width && text.bytes().all(|b| b.is_ascii() && !b.is_ascii_control()) {
        out.push_str(text);
        out.push_str(&SPACES[..width - text.len()]);
    } else {
        let _ = write!(out, "{}", Fit(text, width));
    }
}

/// What `{:>width$}` writes of `n`, without the formatter.
fn push_right(out: &mut String, n: i64, width: usize) {
    let mut digits = [b' '; 24];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    let from = at.min(digits.len().saturating_sub(width));
    out.push_str(std::str::from_utf8(&digits[from..]).unwrap_or_default());
}

/// A date as chrono shows it (`2027-03-01`), without the formatter for the years it
/// writes in four digits.
fn push_date(out: &mut String, d: chrono::NaiveDate) {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if (0..=9999).contains(&y) {
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = y as u32;
        let text =
            [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), b'-', digit(m / 10), digit(m), b'-', digit(day / 10), digit(day)];
        out.push_str(std::str::from_utf8(&text).unwrap_or_default());
    } else {
        let _ = write!(out, "{d}");
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn the_schedule_rows_cells_are_written_as_the_formatter_writes_them() {
        use chrono::NaiveDate;
        for d in [NaiveDate::MIN, NaiveDate::MAX, NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(), NaiveDate::from_ymd_opt(0, 1, 1).unwrap()]
            .into_iter()
            .chain(
                [(9, 3, 7), (999, 10, 1), (2027, 3, 1), (9999, 12, 31), (10000, 1, 1)]
                    .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            )
        {
            let mut out = String::new();
            super::push_date(&mut out, d);
            assert_eq!(out, d.to_string());
        }
        for n in [0, 7, -7, 12345, -1234, -12345, 123456, i64::MIN, i64::MAX] {
            for width in [0, 5, 22] {
                let mut out = String::new();
                super::push_right(&mut out, n, width);
                assert_eq!(out, format!("{n:>width$}"));
            }
        }
        let long = "x".repeat(50);
        for text in ["", "I1", "Initiative 1", "exactly-twenty-chars", "tab\there", "Café – Ωμέγα", "a\u{1b}[2J", long.as_str()] {
            for width in [0, 1, 20, 24, 40, 64] {
                let mut out = String::new();
                super::push_fit(&mut out, text, width);
                assert_eq!(out, super::Fit(text, width).to_string(), "{text:?} in {width}");
            }
        }
    }

    #[test]
    fn escape_spells_out_what_a_terminal_would_obey_and_keeps_the_rest() {
        assert_eq!(escape("Café – Ωμέγα 東京"), "Café – Ωμέγα 東京");
        assert_eq!(escape("a\u{1b}[2Jb\u{7}\n\r\t"), r"a\u{1b}[2Jb\u{7}\u{a}\u{d}\u{9}");
        assert_eq!(escape("\u{9b}2J\u{7f}"), r"\u{9b}2J\u{7f}");
        assert_eq!(escape("x\u{202e}y\u{2066}z\u{2028}"), r"x\u{202e}y\u{2066}z\u{2028}");
    }
}
