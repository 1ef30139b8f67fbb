//! P6's calendar text (CALENDAR.clndr_data): nested `(0||name(attributes)(children))`
//! nodes; `DaysOfWeek` holds days 1 (Sunday) to 7 (Saturday), each with its working hours
//! as children (none: not worked); `Exceptions` holds dates (`d|45000`, days after
//! 1899-12-30) with their hours (none: not worked).

use chrono::{NaiveDate, Weekday};

struct Node {
    name: String,
    attrs: String,
    children: Vec<Node>,
}

/// Deepest nesting read (P6 writes four levels).
const MAX_DEPTH: usize = 32;

fn node(s: &[u8], at: &mut usize, depth: usize) -> Option<Node> {
    if depth > MAX_DEPTH || s.get(*at) != Some(&b'(') {
        return None;
    }
    *at += 1;
    let start = *at;
    while *s.get(*at)? != b'(' {
        *at += 1;
    }
    let head = std::str::from_utf8(&s[start..*at]).ok()?;
    let name = head.rsplit("||").next()?.trim().to_string();
    *at += 1;
    let a = *at;
    while *s.get(*at)? != b')' {
        *at += 1;
    }
    let attrs = std::str::from_utf8(&s[a..*at]).ok()?.to_string();
    *at += 1;
    if *s.get(*at)? != b'(' {
        return None;
    }
    *at += 1;
    let mut children = Vec::new();
    loop {
        skip_space(s, at);
        match *s.get(*at)? {
            b')' => break,
            b'(' => children.push(node(s, at, depth + 1)?),
            _ => return None,
        }
    }
    *at += 1; // the children's ')'
    skip_space(s, at);
    if *s.get(*at)? != b')' {
        return None;
    }
    *at += 1;
    Some(Node { name, attrs, children })
}

fn skip_space(s: &[u8], at: &mut usize) {
    while s.get(*at).is_some_and(|b| b.is_ascii_whitespace()) {
        *at += 1;
    }
}

fn find<'n>(n: &'n Node, name: &str) -> Option<&'n Node> {
    if n.name == name {
        return Some(n);
    }
    n.children.iter().find_map(|c| find(c, name))
}

/// Working weekdays and non-working dates; None when the text cannot be read.
pub(super) fn parse(text: &str) -> Option<(Vec<Weekday>, Vec<NaiveDate>)> {
    let s = text.as_bytes();
    let mut at = 0;
    skip_space(s, &mut at);
    let root = node(s, &mut at, 0)?;
    let mut days = Vec::new();
    if let Some(week) = find(&root, "DaysOfWeek") {
        for d in &week.children {
            let weekday = match d.name.as_str() {
                "1" => Weekday::Sun,
                "2" => Weekday::Mon,
                "3" => Weekday::Tue,
                "4" => Weekday::Wed,
                "5" => Weekday::Thu,
                "6" => Weekday::Fri,
                "7" => Weekday::Sat,
                _ => return None,
            };
            if !d.children.is_empty() {
                days.push(weekday);
            }
        }
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    let mut holidays = Vec::new();
    if let Some(ex) = find(&root, "Exceptions") {
        let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
        for e in &ex.children {
            let serial: i64 = e.attrs.split('|').nth(1)?.trim().parse().ok()?;
            if !(0..=3_000_000).contains(&serial) {
                return None;
            }
            if e.children.is_empty() {
                holidays.push(base.checked_add_days(chrono::Days::new(serial as u64))?);
            }
        }
    }
    holidays.sort();
    holidays.dedup();
    Some((days, holidays))
}

/// P6's text for a calendar: each working weekday 08:00-12:00 and 13:00-17:00 (eight hours),
/// each holiday an exception without hours.
pub(super) fn write(working: &[Weekday], holidays: &[NaiveDate]) -> String {
    let mut out = String::from("(0||CalendarData()((0||DaysOfWeek()(");
    for (k, wd) in [Weekday::Sun, Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat].iter().enumerate() {
        if working.contains(wd) {
            out.push_str(&format!("(0||{}()((0||0(f|12:00|s|08:00)())(0||1(f|17:00|s|13:00)())))", k + 1));
        } else {
            out.push_str(&format!("(0||{}()())", k + 1));
        }
    }
    out.push_str("))(0||Exceptions()(");
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    for (k, h) in holidays.iter().enumerate() {
        out.push_str(&format!("(0||{k}(d|{})())", (*h - base).num_days()));
    }
    out.push_str("))))");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_what_p6_writes() {
        let p6 = "(0||CalendarData()((0||DaysOfWeek()((0||1()())(0||2()((0||0(f|12:00|s|08:00)())))(0||3()((0||0(f|12:00|s|08:00)())))(0||4()())(0||5()())(0||6()())(0||7()())))(0||Exceptions()((0||0(d|45320)())(0||1(d|45321)((0||0(f|12:00|s|08:00)())))))))";
        let (days, holidays) = parse(p6).unwrap();
        assert_eq!(days, vec![Weekday::Mon, Weekday::Tue]);
        assert_eq!(holidays, vec![NaiveDate::from_ymd_opt(2024, 1, 29).unwrap()]);
        let text = write(&[Weekday::Mon, Weekday::Fri], &holidays);
        assert_eq!(parse(&text).unwrap(), (vec![Weekday::Mon, Weekday::Fri], holidays));
        assert!(parse("(0||CalendarData()(").is_none());
    }
}
