//! Working-day calendar: which weekdays are worked and which dates are holidays.
//!
//! The core schedules in integer working-day offsets from the plan start; this is the only
//! place where offsets become dates and back, so the rest of the core never sees a weekend.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The weekdays that are worked, e.g. `["Mon","Tue","Wed","Thu","Fri"]`.
    #[ts(type = "Array<string>")]
    pub working_days: Vec<Weekday>,
    /// Dates that are not worked although their weekday is.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar { working_days: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri], holidays: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum CalendarError {
    #[error("the calendar has no working days")]
    NoWorkingDays,
    #[error("date out of range: {0} working days after {1}")]
    OutOfRange(i64, NaiveDate),
}

/// Maps working-day offsets to dates for one plan start. Built once per analysis.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    day0: NaiveDate,
    working: [bool; 7],
    holidays: Vec<NaiveDate>,
}

impl Calendar {
    /// The calendar anchored at `start`: day 0 is the first working day on or after it.
    pub fn anchored(&self, start: NaiveDate) -> Result<WorkCalendar, CalendarError> {
        let mut working = [false; 7];
        for d in &self.working_days {
            working[d.num_days_from_monday() as usize] = true;
        }
        if !working.iter().any(|w| *w) {
            return Err(CalendarError::NoWorkingDays);
        }
        let mut holidays = self.holidays.clone();
        holidays.sort();
        holidays.dedup();
        let mut cal = WorkCalendar { day0: start, working, holidays };
        cal.day0 = cal.next_working(start)?;
        Ok(cal)
    }
}

impl WorkCalendar {
    pub fn is_working(&self, d: NaiveDate) -> bool {
        self.working[d.weekday().num_days_from_monday() as usize] && self.holidays.binary_search(&d).is_err()
    }

    fn next_working(&self, mut d: NaiveDate) -> Result<NaiveDate, CalendarError> {
        // A year of holidays on every working day is the worst case that still ends.
        for _ in 0..(self.holidays.len() + 8) {
            if self.is_working(d) {
                return Ok(d);
            }
            d = d.checked_add_days(Days::new(1)).ok_or(CalendarError::OutOfRange(1, d))?;
        }
        // Holidays are finite, so past them the weekly pattern always yields a day.
        loop {
            if self.is_working(d) {
                return Ok(d);
            }
            d = d.checked_add_days(Days::new(1)).ok_or(CalendarError::OutOfRange(1, d))?;
        }
    }

    /// Day 0.
    pub fn day0(&self) -> NaiveDate {
        self.day0
    }

    /// The date of working day `offset` (offset 0 is day 0). Negative offsets count back.
    pub fn date(&self, offset: i64) -> Result<NaiveDate, CalendarError> {
        let per_week = self.working.iter().filter(|w| **w).count() as i64;
        let err = || CalendarError::OutOfRange(offset, self.day0);
        if offset >= 0 {
            // Jump whole weeks (minus the holidays inside them), then walk day by day.
            let weeks = offset / per_week;
            let mut d = self.day0.checked_add_days(Days::new((weeks * 7) as u64)).ok_or_else(err)?;
            let mut left = offset - (weeks * per_week - self.holidays_between(self.day0, d) as i64);
            loop {
                if self.is_working(d) {
                    if left == 0 {
                        return Ok(d);
                    }
                    left -= 1;
                }
                d = d.checked_add_days(Days::new(1)).ok_or_else(err)?;
            }
        } else {
            let mut d = self.day0;
            let mut left = -offset;
            while left > 0 {
                d = d.checked_sub_days(Days::new(1)).ok_or_else(err)?;
                if self.is_working(d) {
                    left -= 1;
                }
            }
            Ok(d)
        }
    }

    /// Working holidays (holidays on working weekdays) in `[from, to)`.
    fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> usize {
        let lo = self.holidays.partition_point(|h| *h < from);
        let hi = self.holidays.partition_point(|h| *h < to);
        self.holidays[lo..hi].iter().filter(|h| self.working[h.weekday().num_days_from_monday() as usize]).count()
    }

    /// The offset of the first working day on or after `date` (so a constraint on a
    /// weekend means the Monday after). Dates before day 0 give negative offsets.
    pub fn offset_on_or_after(&self, date: NaiveDate) -> i64 {
        let per_week = self.working.iter().filter(|w| **w).count() as i64;
        if date >= self.day0 {
            let days = (date - self.day0).num_days();
            let weeks = days / 7;
            let mut d = self.day0 + Days::new((weeks * 7) as u64);
            let mut n = weeks * per_week - self.holidays_between(self.day0, d) as i64;
            while d < date {
                if self.is_working(d) {
                    n += 1;
                }
                d = d + Days::new(1);
            }
            n
        } else {
            // Count working days in [date, day0): the offset of `date` rounded forward.
            let weeks = (self.day0 - date).num_days() / 7;
            let mut d = date + Days::new((weeks * 7) as u64);
            let mut n = weeks * per_week - self.holidays_between(date, d) as i64;
            while d < self.day0 {
                if self.is_working(d) {
                    n += 1;
                }
                d = d + Days::new(1);
            }
            -n
        }
    }

    /// The exclusive finish offset that a "finish no later than `date`" deadline allows:
    /// all work must be done by the end of the last working day on or before `date`.
    pub fn finish_limit(&self, date: NaiveDate) -> i64 {
        // Working days in [day0, date] inclusive == offset of the day after.
        match date.succ_opt() {
            Some(next) => self.offset_on_or_after(next),
            None => i64::MAX / 4, // the last representable date: no limit at all
        }
    }

    /// The date a person reads as the finish: the last working day of the work, or the
    /// start date for a milestone.
    pub fn finish_date(&self, start: i64, finish: i64) -> Result<NaiveDate, CalendarError> {
        if finish > start {
            self.date(finish - 1)
        } else {
            self.date(start)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn offsets_and_dates_agree_with_a_day_by_day_walk() {
        let cal = Calendar { holidays: vec![d("2027-01-01"), d("2027-01-06"), d("2027-01-09")], ..Calendar::default() };
        let wc = cal.anchored(d("2026-12-26")).unwrap(); // a Saturday
        assert_eq!(wc.day0(), d("2026-12-28"));
        let mut walk = Vec::new();
        let mut x = d("2026-12-28");
        while walk.len() < 60 {
            if wc.is_working(x) {
                walk.push(x);
            }
            x = x + Days::new(1);
        }
        for (i, want) in walk.iter().enumerate() {
            assert_eq!(wc.date(i as i64).unwrap(), *want, "offset {i}");
            assert_eq!(wc.offset_on_or_after(*want), i as i64);
        }
        // A holiday maps to the next working day.
        assert_eq!(wc.offset_on_or_after(d("2027-01-01")), wc.offset_on_or_after(d("2027-01-04")));
        // A deadline on a Sunday allows finishing on the Friday before.
        let fri = wc.offset_on_or_after(d("2027-01-08"));
        assert_eq!(wc.finish_limit(d("2027-01-10")), fri + 1);
        assert_eq!(wc.date(-1).unwrap(), d("2026-12-25"));
    }

    #[test]
    fn no_working_days_is_an_error() {
        let cal = Calendar { working_days: vec![], holidays: vec![] };
        assert_eq!(cal.anchored(d("2027-01-01")).unwrap_err(), CalendarError::NoWorkingDays);
    }
}
