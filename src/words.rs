//! The words people read, in one place for the core's text (the brief, the CLI, findings):
//! counts that agree with their nouns, working days, dates and months that read as dates,
//! and the names of a finding's severities. `ui/src/words.ts` is the window's twin; both
//! follow `docs/glossary.md`, and `tests/tidy.rs` fails when a word it retires comes back.

use chrono::NaiveDate;

use crate::findings::Severity;
use crate::model::{PinAt, Status};

/// "1 wave", "3 waves": a number and its noun agree.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Items as a sentence lists them: "a", "a and b", "a, b and c".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1 working day", "3 working days", "-2 working days".
pub fn working_days(n: i64) -> String {
    if n == 1 || n == -1 {
        format!("{n} working day")
    } else {
        format!("{n} working days")
    }
}

/// A month as a person reads it, never mistaken for a day: "Jan 2027", not "Jan 27".
pub fn month(d: NaiveDate) -> String {
    d.format("%b %Y").to_string()
}

/// A finding's severity as a person reads it: a blocker stops the plan's promise, a
/// warning needs someone to act, a note is for the record.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Blocker => "blocker",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// An initiative's status as a person reads it ("on track", "not started").
pub fn status(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "not started",
        Status::OnTrack => "on track",
        Status::AtRisk => "at risk",
        Status::Blocked => "blocked",
        Status::Done => "done",
    }
}

/// Which end of the work a pin holds, as the screen labels it ("Pinned start" is `pinned
/// start` in a sentence).
pub fn pin_at(at: PinAt) -> &'static str {
    match at {
        PinAt::Start => "start",
        PinAt::Finish => "finish",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_agree_with_their_words() {
        assert_eq!(count(1, "wave", "waves"), "1 wave");
        assert_eq!(count(0, "wave", "waves"), "0 waves");
        assert_eq!(working_days(1), "1 working day");
        assert_eq!(working_days(4), "4 working days");
        assert_eq!(month(NaiveDate::from_ymd_opt(2027, 1, 27).expect("a date")), "Jan 2027");
    }
}
