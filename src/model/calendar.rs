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

/// A calendar with both its fields given (`update_plan`'s): the holidays left out are
/// not taken for none.
pub(super) fn whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Calendar, D::Error> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Whole {
        working_days: Vec<Weekday>,
        holidays: Vec<NaiveDate>,
    }
    let Whole { working_days, holidays } = Whole::deserialize(d)?;
    Ok(Calendar { working_days, holidays })
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
        // A holiday on a day that is not worked anyway changes nothing: keep the others,
        // sorted, so that counting them in a range is two binary searches.
        let mut holidays: Vec<NaiveDate> =
            self.holidays.iter().copied().filter(|h| working[h.weekday().num_days_from_monday() as usize]).collect();
        holidays.sort_unstable();
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

    fn per_week(&self) -> i64 {
        self.working.iter().filter(|w| **w).count() as i64
    }

    /// Working days in `[from, to)` (`from <= to`): whole weeks, the days left, minus the
    /// holidays on working weekdays. O(log holidays), however far apart the two are.
    fn working_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let days = (to - from).num_days();
        let weeks = days / 7;
        let first = from.weekday().num_days_from_monday() as usize;
        let rest = (0..(days - weeks * 7) as usize).filter(|k| self.working[(first + k) % 7]).count() as i64;
        weeks * self.per_week() + rest - self.holidays_between(from, to) as i64
    }

    /// Working days from day 0 to `d`, signed: `[day0, d)` counted up, `[d, day0)` down.
    fn signed_offset(&self, d: NaiveDate) -> i64 {
        if d >= self.day0 {
            self.working_between(self.day0, d)
        } else {
            -self.working_between(d, self.day0)
        }
    }

    /// The date of working day `offset` (offset 0 is day 0). Negative offsets count back.
    /// A few steps from a first guess in the common case; a binary search over the days
    /// when holidays crowd the way (a calendar may hold years of them).
    pub fn date(&self, offset: i64) -> Result<NaiveDate, CalendarError> {
        let err = || CalendarError::OutOfRange(offset, self.day0);
        let shift = |d: NaiveDate, days: i64| -> Option<NaiveDate> {
            if days >= 0 {
                d.checked_add_days(Days::new(days as u64))
            } else {
                d.checked_sub_days(Days::new(days.unsigned_abs()))
            }
        };
        // The working day `offset` is the first day d whose next day has a signed offset
        // past `offset` (signed_offset grows by one after each working day).
        let past = |d: NaiveDate| -> Option<bool> { Some(self.signed_offset(d.succ_opt()?) > offset) };
        // A first guess from whole weeks: holidays only push the answer later.
        let guess = shift(self.day0, offset.div_euclid(self.per_week()).checked_mul(7).ok_or_else(err)?).ok_or_else(err)?;
        let mut d = guess;
        for _ in 0..16 {
            let at = self.signed_offset(d);
            let working = self.is_working(d);
            if working && at == offset {
                return Ok(d);
            }
            // Not there yet, or on a day off at the right count: the answer is later.
            d = if at < offset || (at == offset && !working) { d.succ_opt() } else { d.pred_opt() }.ok_or_else(err)?;
        }
        // Bracket the answer by doubling steps, then halve: lo is not past, hi is.
        let (mut lo, mut hi);
        if past(d).ok_or_else(err)? {
            hi = d;
            let mut step = 7i64;
            loop {
                lo = shift(hi, -step).ok_or_else(err)?;
                if !past(lo).ok_or_else(err)? {
                    break;
                }
                hi = lo;
                step = step.saturating_mul(2);
            }
        } else {
            lo = d;
            let mut step = 7i64;
            loop {
                hi = shift(lo, step).ok_or_else(err)?;
                if past(hi).ok_or_else(err)? {
                    break;
                }
                lo = hi;
                step = step.saturating_mul(2);
            }
        }
        while (hi - lo).num_days() > 1 {
            let mid = shift(lo, (hi - lo).num_days() / 2).ok_or_else(err)?;
            if past(mid).ok_or_else(err)? {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }

    /// The dates of working days `0..=last`, in one walk: cheaper than `date` for each
    /// when most offsets up to `last` are wanted (a schedule's start and finish dates).
    pub fn dates(&self, last: i64) -> Result<Vec<NaiveDate>, CalendarError> {
        let err = || CalendarError::OutOfRange(last, self.day0);
        let mut out = Vec::with_capacity(usize::try_from(last.max(-1) + 1).map_err(|_| err())?);
        let mut h = self.holidays.partition_point(|x| *x < self.day0);
        let mut d = self.day0;
        let mut wd = d.weekday().num_days_from_monday() as usize;
        while (out.len() as i64) <= last {
            let holiday = self.holidays.get(h) == Some(&d);
            if holiday {
                h += 1;
            } else if self.working[wd] {
                out.push(d);
                if out.len() as i64 > last {
                    break;
                }
            }
            d = d.succ_opt().ok_or_else(err)?;
            wd = (wd + 1) % 7;
        }
        Ok(out)
    }

    /// Holidays in `[from, to)` (only those on working weekdays are kept).
    fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> usize {
        self.holidays.partition_point(|h| *h < to) - self.holidays.partition_point(|h| *h < from)
    }

    /// The offset of the first working day on or after `date` (so a constraint on a
    /// weekend means the Monday after). Dates before day 0 give negative offsets.
    pub fn offset_on_or_after(&self, date: NaiveDate) -> i64 {
        self.signed_offset(date)
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
