//! The calendar against a day-by-day walk, on random working weeks and holidays.

use bridger::model::Calendar;
use chrono::{Days, NaiveDate, Weekday};
use proptest::prelude::*;

const WEEK: [Weekday; 7] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn calendar() -> impl Strategy<Value = (NaiveDate, Calendar)> {
    let days = prop::collection::vec(any::<bool>(), 7).prop_filter("at least one working day", |w| w.iter().any(|x| *x));
    (0u64..800, days, prop::collection::vec(0u64..400, 0..30)).prop_map(|(start, days, holidays)| {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let start = base + Days::new(start);
        let cal = Calendar {
            working_days: WEEK.iter().zip(&days).filter(|(_, w)| **w).map(|(d, _)| *d).collect(),
            holidays: holidays.into_iter().map(|h| start + Days::new(h)).collect(),
        };
        (start, cal)
    })
}

proptest! {
    #[test]
    fn offsets_and_dates_match_a_day_by_day_walk((start, cal) in calendar()) {
        let wc = cal.anchored(start).unwrap();
        let working = |d: NaiveDate| {
            cal.working_days.contains(&chrono::Datelike::weekday(&d)) && !cal.holidays.contains(&d)
        };
        let mut d = start;
        while !working(d) {
            d = d + Days::new(1);
        }
        prop_assert_eq!(wc.day0(), d);
        for k in 0..300i64 {
            prop_assert_eq!(wc.date(k).unwrap(), d, "offset {}", k);
            prop_assert_eq!(wc.offset_on_or_after(d), k);
            // The day after a working day maps to the next offset.
            prop_assert_eq!(wc.offset_on_or_after(d + Days::new(1)), k + 1);
            d = d + Days::new(1);
            while !working(d) {
                d = d + Days::new(1);
            }
        }
    }
}

proptest! {
    #[test]
    fn dates_before_day_0_count_back((start, cal) in calendar(), back in 0u64..900) {
        let wc = cal.anchored(start).unwrap();
        let date = wc.day0() - Days::new(back);
        let mut n = 0;
        let mut d = date;
        while d < wc.day0() {
            if cal.working_days.contains(&chrono::Datelike::weekday(&d)) && !cal.holidays.contains(&d) {
                n += 1;
            }
            d = d + Days::new(1);
        }
        prop_assert_eq!(wc.offset_on_or_after(date), -n);
        if n > 0 {
            prop_assert_eq!(wc.offset_on_or_after(wc.date(-n).unwrap()), -n);
        }
    }
}

/// Few working days and years of holidays: most working weekdays for up to eight years
/// are holidays (the calendar must stay exact and fast when holidays crowd the way).
fn crowded_calendar() -> impl Strategy<Value = (NaiveDate, Calendar)> {
    let days = prop::collection::vec(prop::bool::weighted(0.3), 7).prop_filter("at least one working day", |w| w.iter().any(|x| *x));
    (0u64..400, days, 0u64..3000, 1u32..20).prop_map(|(start, days, span, keep_one_in)| {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let start = base + Days::new(start);
        let working_days: Vec<Weekday> = WEEK.iter().zip(&days).filter(|(_, w)| **w).map(|(d, _)| *d).collect();
        // Every day of the span is a holiday but one in `keep_one_in`; a few off days too.
        let holidays = (0..span).filter(|k| k % u64::from(keep_one_in) != 0).map(|k| start + Days::new(k)).collect();
        (start, Calendar { working_days, holidays })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn crowded_calendars_match_a_day_by_day_walk((start, cal) in crowded_calendar(), far in 0i64..2_000_000) {
        let wc = cal.anchored(start).unwrap();
        let working = |d: NaiveDate| {
            cal.working_days.contains(&chrono::Datelike::weekday(&d)) && !cal.holidays.contains(&d)
        };
        let mut d = wc.day0();
        prop_assert!(working(d));
        let table = wc.dates(120).unwrap();
        prop_assert_eq!(table.len(), 121);
        for k in 0..=120i64 {
            prop_assert_eq!(wc.date(k).unwrap(), d, "offset {}", k);
            prop_assert_eq!(table[k as usize], d, "table at offset {}", k);
            prop_assert_eq!(wc.offset_on_or_after(d), k);
            d = d + Days::new(1);
            while !working(d) {
                d = d + Days::new(1);
            }
        }
        // Far offsets (a binary search past the holidays) agree with counting back.
        let date = wc.date(far).unwrap();
        prop_assert!(wc.is_working(date));
        prop_assert_eq!(wc.offset_on_or_after(date), far);
        prop_assert_eq!(wc.offset_on_or_after(date + Days::new(1)), far + 1);
        let before = wc.date(-far).unwrap();
        prop_assert!(wc.is_working(before));
        prop_assert_eq!(wc.offset_on_or_after(before), -far);
    }
}
