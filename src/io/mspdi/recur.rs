//! Recurring calendar exceptions (MSPDI `Exception` of `Type` 2 to 7) expanded into the dates
//! they mean, as MPXJ's `RecurringData.getDates` does: from the first date of the exception's
//! `TimePeriod` up to its last, and at most `Occurrences` of them when the file gives a count.
//!
//! | Type | means | fields |
//! | --- | --- | --- |
//! | 1 | every day of the period (not recurring) | |
//! | 2 | yearly on a date | `Month` (0 = January), `MonthDay` |
//! | 3 | yearly on the n-th weekday of a month | `Month`, `MonthPosition` (0..3 = first..fourth, 4 = last), `MonthItem` (3 = Sunday .. 9 = Saturday) |
//! | 4 | every `Period` months on a day (the month's last day when it is shorter) | `MonthDay` |
//! | 5 | every `Period` months on the n-th weekday | `MonthPosition`, `MonthItem` |
//! | 6 | every `Period` weeks (Sunday to Saturday, from the first date's) on the weekdays of `DaysOfWeek` (1 = Sunday, 2 = Monday, .. 64 = Saturday) | `DaysOfWeek` |
//! | 7 | every `Period` days | |

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// What a recurring exception says, as read from its element.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Rule {
    pub kind: i64,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub occurrences: Option<i64>,
    pub period: Option<i64>,
    pub month: Option<i64>,
    pub month_day: Option<i64>,
    pub month_item: Option<i64>,
    pub month_position: Option<i64>,
    pub days_of_week: Option<i64>,
}

/// The dates a recurring rule means (type 2 to 7), at most `limit` of them; `Err` says, in
/// words, what the rule lacks or has that no date can be made of.
pub(super) fn dates(r: &Rule, limit: usize) -> Result<Vec<NaiveDate>, String> {
    let from = r.from.ok_or("has no first date (TimePeriod FromDate)")?;
    let count = match r.occurrences {
        Some(n) if n > 0 => usize::try_from(n).unwrap_or(usize::MAX).min(limit),
        _ => limit,
    };
    // Without an end date, the occurrences bound it; without either, nothing is expanded.
    let to = match (r.to, r.occurrences) {
        (Some(t), _) => t,
        (None, Some(n)) if n > 0 => NaiveDate::MAX,
        _ => return Err("has neither a last date nor a number of occurrences".into()),
    };
    let period = r.period.unwrap_or(1).max(1);
    let period_u = u32::try_from(period).map_err(|_| format!("repeats every {period}: too far apart"))?;
    let mut out = Vec::new();
    let push = |d: NaiveDate, out: &mut Vec<NaiveDate>| -> bool {
        if d < from {
            return true;
        }
        if d > to || out.len() >= count {
            return false;
        }
        out.push(d);
        true
    };
    let weekday = |item: Option<i64>| -> Result<Weekday, String> {
        match item {
            Some(i @ 3..=9) => Ok(Weekday::try_from(((i - 3 + 6) % 7) as u8).unwrap_or(Weekday::Mon)),
            Some(i) => Err(format!("recurs on a day of kind {i} (a weekday, a weekend day or any day), which MPXJ does not expand")),
            None => Err("has no weekday (MonthItem)".into()),
        }
    };
    let position = |p: Option<i64>| -> Result<u32, String> {
        match p {
            Some(p @ 0..=4) => Ok(p as u32 + 1),
            Some(p) => Err(format!("has the position {p} in the month (0 to 4 expected)")),
            None => Err("has no position in the month (MonthPosition)".into()),
        }
    };
    let month_of = |m: Option<i64>| -> Result<u32, String> {
        match m {
            Some(m @ 0..=11) => Ok(m as u32 + 1),
            Some(m) => Err(format!("has the month {m} (0 to 11 expected)")),
            None => Err("has no month (Month)".into()),
        }
    };
    let day_of = |d: Option<i64>| -> Result<u32, String> {
        match d {
            Some(d @ 1..=31) => Ok(d as u32),
            Some(d) => Err(format!("has the day {d} of the month (1 to 31 expected)")),
            None => Err("has no day of the month (MonthDay)".into()),
        }
    };
    let first_of = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    match r.kind {
        7 => {
            let mut d = from;
            while push(d, &mut out) {
                match d.checked_add_days(Days::new(u64::from(period_u))) {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        6 => {
            let mask = r.days_of_week.unwrap_or(0);
            if mask & 127 == 0 {
                return Err("recurs weekly on no weekday (DaysOfWeek)".into());
            }
            // Weeks from Sunday to Saturday, every `period` of them from the first date's
            // (MPXJ's weeks, whatever the file's WeekStartDay); days before it do not count.
            let mut week = from - Days::new(u64::from(from.weekday().num_days_from_sunday()));
            'weeks: loop {
                for k in 0..7u64 {
                    let Some(d) = week.checked_add_days(Days::new(k)) else { break 'weeks };
                    let bit = 1 << d.weekday().num_days_from_sunday();
                    if mask & bit != 0 && !push(d, &mut out) {
                        break 'weeks;
                    }
                }
                match week.checked_add_days(Days::new(7 * u64::from(period_u))) {
                    Some(n) if n <= to => week = n,
                    _ => break,
                }
            }
        }
        2..=5 => {
            let yearly = r.kind <= 3;
            let step = if yearly { Months::new(12) } else { Months::new(period_u) };
            let mut month = first_of(from);
            if yearly {
                let m = month_of(r.month)?;
                month = NaiveDate::from_ymd_opt(from.year(), m, 1).ok_or("has a month that makes no date")?;
                if month < first_of(from) {
                    month = month.checked_add_months(Months::new(12)).ok_or("runs past the last date")?;
                }
            }
            loop {
                let d = if r.kind == 2 || r.kind == 4 {
                    let want = day_of(r.month_day)?;
                    let last = last_day(month);
                    month.with_day(want.min(last)).unwrap_or(month)
                } else {
                    nth_weekday(month, weekday(r.month_item)?, position(r.month_position)?)
                };
                if d > to || !push(d, &mut out) {
                    break;
                }
                match month.checked_add_months(step) {
                    Some(n) if n <= to => month = n,
                    _ => break,
                }
            }
        }
        k => return Err(format!("has the exception type {k}, which MSPDI does not define")),
    }
    Ok(out)
}

fn last_day(month: NaiveDate) -> u32 {
    month.checked_add_months(Months::new(1)).and_then(|n| n.pred_opt()).map_or(28, |d| d.day())
}

/// The `n`-th `weekday` of the month starting at `month` (5 = the last).
fn nth_weekday(month: NaiveDate, weekday: Weekday, n: u32) -> NaiveDate {
    if n >= 5 {
        let last = month.with_day(last_day(month)).unwrap_or(month);
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return last - Days::new(u64::from(back));
    }
    let ahead = (7 + weekday.num_days_from_monday() - month.weekday().num_days_from_monday()) % 7;
    month + Days::new(u64::from(ahead + 7 * (n - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_last_friday_and_the_fourth_thursday() {
        assert_eq!(nth_weekday(d(2020, 1, 1), Weekday::Fri, 5), d(2020, 1, 31));
        assert_eq!(nth_weekday(d(2019, 11, 1), Weekday::Thu, 4), d(2019, 11, 28));
        assert_eq!(nth_weekday(d(2028, 11, 1), Weekday::Thu, 4), d(2028, 11, 23));
    }

    #[test]
    fn a_day_past_the_month_end_is_its_last_day() {
        let r = Rule { kind: 4, from: Some(d(2021, 1, 31)), to: Some(d(2021, 4, 30)), month_day: Some(31), ..Rule::default() };
        assert_eq!(dates(&r, 100).unwrap(), vec![d(2021, 1, 31), d(2021, 2, 28), d(2021, 3, 31), d(2021, 4, 30)]);
    }

    #[test]
    fn a_rule_without_end_stops_at_the_limit() {
        let r = Rule { kind: 7, from: Some(d(2020, 1, 1)), occurrences: Some(i64::MAX), ..Rule::default() };
        assert_eq!(dates(&r, 1000).unwrap().len(), 1000);
        let r = Rule {
            kind: 2,
            from: Some(d(2020, 1, 1)),
            month: Some(1),
            month_day: Some(29),
            occurrences: Some(i64::MAX),
            ..Rule::default()
        };
        let leap = dates(&r, 5).unwrap();
        assert_eq!(leap[..2], [d(2020, 2, 29), d(2021, 2, 28)]);
        let r = Rule { kind: 6, from: Some(d(2020, 1, 1)), to: Some(d(2020, 12, 31)), days_of_week: Some(0), ..Rule::default() };
        assert!(dates(&r, 5).is_err());
    }

    #[test]
    fn weeks_run_from_sunday_as_mpxj_counts_them() {
        // MPXJ 16.10's RecurringData.getDates for Sunday, Monday and Saturday every other
        // week from Wednesday 2021-03-03, six times.
        let r = Rule {
            kind: 6,
            from: Some(d(2021, 3, 3)),
            occurrences: Some(6),
            period: Some(2),
            days_of_week: Some(1 | 2 | 64),
            ..Rule::default()
        };
        let want = [d(2021, 3, 6), d(2021, 3, 14), d(2021, 3, 15), d(2021, 3, 20), d(2021, 3, 28), d(2021, 3, 29)];
        assert_eq!(dates(&r, 100).unwrap(), want);
    }
}
