//! The next openings of a window: its schedule in its time zone, shifted by
//! its offset, bounded by its start and end dates.
//!
//! Cron openings are found by walking years, months, days, hours, minutes and
//! seconds through each field's bit set, so even `cron(0 0 29 2 ? *)` costs a
//! few steps per opening. Local times that daylight saving time skips or
//! repeats are resolved as Java's `ZonedDateTime.of` resolves them (see
//! `docs/decisions/dst.md`): a skipped time moves forward by the length of the
//! gap, a repeated time takes its first occurrence.
//!
//! Time ends at [`LAST_INSTANT`]: an opening counts only when it opens,
//! closes and stops starting tasks by then (see `docs/decisions/schedules.md`).
//! [`Plan::upcoming`] says why a list of openings ends; `mwc check` and
//! `mwc schedule` both ask it, so they agree on whether a window opens.

use super::Schedule;
use super::cron::{Bits, Cron, Dom, Dow};
use jiff::civil::{Date, DateTime};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp, ToSpan, Zoned};

/// What the time zone did to an opening's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// The local time exists once.
    None,
    /// The local time was skipped by a daylight-saving change; the opening
    /// moves forward by the gap.
    Gap,
    /// The local time happens twice; the opening is the first of the two.
    Fold,
}

/// One opening of a window.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    /// When the window opens.
    pub start: Zoned,
    /// When it closes (start + duration).
    pub end: Zoned,
    /// When it stops starting tasks (end − cutoff).
    pub cutoff: Zoned,
    /// The local time the schedule named (before any daylight-saving shift).
    pub local: DateTime,
    /// What daylight saving time did to it.
    pub shift: Shift,
}

/// The last instant mwc computes with: 9999-12-30 22:00:00.999999999 UTC,
/// the latest instant that has a date and time in every time zone (the end
/// of the `jiff` library's range).
pub const LAST_INSTANT: Timestamp = Timestamp::MAX;

/// [`LAST_INSTANT`] as messages show it, to the second:
/// `9999-12-30T22:00:00Z`.
pub fn last_instant() -> String {
    LAST_INSTANT.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Why a list of openings ends before the number asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The schedule has no further opening: its dates or years ran out, its
    /// end date came, or its one `at(...)` time is past.
    Done,
    /// The next opening would come after [`LAST_INSTANT`]; its local time,
    /// when it has one.
    PastRange(Option<DateTime>),
    /// The next opening, at this local time, would close (or stop starting
    /// tasks) after [`LAST_INSTANT`].
    ClosesPastRange(DateTime),
}

/// The next openings of a window, and why there are no more when there are
/// fewer than asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Upcoming {
    /// The openings, in order.
    pub openings: Vec<Opening>,
    /// Why the list ends early (None when it has as many as asked for).
    pub stop: Option<Stop>,
}

/// Everything that decides a window's openings.
#[derive(Debug, Clone)]
pub struct Plan<'s> {
    /// The schedule.
    pub schedule: &'s Schedule,
    /// The time zone (UTC when the window has none).
    pub tz: TimeZone,
    /// Days added to every cron occurrence.
    pub offset_days: i64,
    /// The start of the active period.
    pub start: Option<Timestamp>,
    /// The end of the active period.
    pub end: Option<Timestamp>,
    /// Hours the window stays open.
    pub duration_hours: i64,
    /// Hours before the end when no task starts.
    pub cutoff_hours: i64,
}

impl<'s> Plan<'s> {
    /// The first `n` openings strictly after `from` (for cron, the base
    /// occurrence must be after `from`: an occurrence already past does not
    /// open later by its offset).
    pub fn next(&self, from: Timestamp, n: usize) -> Vec<Opening> {
        self.upcoming(from, n).openings
    }

    /// The first `n` openings strictly after `from`, as [`Plan::next`], and
    /// why there are no more when there are fewer.
    pub fn upcoming(&self, from: Timestamp, n: usize) -> Upcoming {
        if n == 0 {
            return Upcoming {
                openings: Vec::new(),
                stop: None,
            };
        }
        let mut openings = Vec::with_capacity(n.min(1024));
        let mut iter = self.iter(from);
        openings.extend(iter.by_ref().take(n));
        Upcoming {
            stop: (openings.len() < n).then(|| iter.stop().unwrap_or(Stop::Done)),
            openings,
        }
    }

    /// Every opening strictly after `from`, in order, computed one at a
    /// time as the iterator is advanced (the rules of [`Plan::upcoming`]);
    /// [`Openings::stop`] says why it ended.
    pub fn iter(&self, from: Timestamp) -> Openings<'_, 's> {
        let state = match self.schedule {
            Schedule::Cron(_) => {
                // Skip straight to the active period: nothing before it opens.
                let mut after = from;
                if let Some(start) = self.start {
                    let earliest = start
                        .checked_sub(SignedDuration::from_hours(24 * self.offset_days + 24))
                        .unwrap_or(start);
                    after = after.max(earliest);
                }
                State::Cron {
                    cursor: after.to_zoned(self.tz.clone()).datetime(),
                    last: None,
                }
            }
            Schedule::Rate(_) => {
                // Counted from the start date when it is still ahead, else
                // from `from` itself, as if the window were created then.
                let (anchor, k) = match self.start {
                    Some(start) if start > from => (start, 0),
                    _ => (from, 1),
                };
                State::Rate { anchor, k }
            }
            Schedule::At(_) => State::At,
        };
        Openings {
            plan: self,
            from,
            state,
            stop: None,
        }
    }

    fn in_period(&self, t: Timestamp) -> bool {
        self.start.is_none_or(|s| t >= s) && self.end.is_none_or(|e| t <= e)
    }

    /// The opening at `start`, when it closes and stops starting tasks by
    /// [`LAST_INSTANT`].
    fn opening(&self, start: Timestamp, local: DateTime, shift: Shift) -> Result<Opening, Stop> {
        let start = start.to_zoned(self.tz.clone());
        let close = |start: &Zoned| {
            let end = start
                .checked_add(SignedDuration::from_hours(self.duration_hours))
                .ok()?;
            let cutoff = end
                .checked_sub(SignedDuration::from_hours(self.cutoff_hours))
                .ok()?;
            Some((end, cutoff))
        };
        let (end, cutoff) = close(&start).ok_or(Stop::ClosesPastRange(local))?;
        Ok(Opening {
            start,
            end,
            cutoff,
            local,
            shift,
        })
    }

    fn next_cron(
        &self,
        cron: &Cron,
        from: Timestamp,
        cursor: &mut DateTime,
        last: &mut Option<Timestamp>,
    ) -> Result<Opening, Stop> {
        loop {
            let Some(base) = next_local(cron, *cursor) else {
                return Err(Stop::Done);
            };
            *cursor = base;
            // A base past the range is after `from`, whatever it is.
            if resolve(&self.tz, base).is_some_and(|(at, _)| at <= from) {
                continue;
            }
            let Ok(local) = base.checked_add(self.offset_days.days()) else {
                return Err(Stop::PastRange(None));
            };
            let Some((start, shift)) = resolve(&self.tz, local) else {
                return Err(Stop::PastRange(Some(local)));
            };
            if self.end.is_some_and(|e| start > e) {
                return Err(Stop::Done);
            }
            if !self.in_period(start) || last.is_some_and(|l| start <= l) {
                continue;
            }
            *last = Some(start);
            return self.opening(start, local, shift);
        }
    }

    fn next_rate(&self, interval: i64, anchor: Timestamp, k: i64) -> Result<Opening, Stop> {
        let Some(offset) = interval.checked_mul(k) else {
            return Err(Stop::PastRange(None));
        };
        let Ok(start) = anchor.checked_add(SignedDuration::from_secs(offset)) else {
            return Err(Stop::PastRange(None));
        };
        if self.end.is_some_and(|e| start > e) {
            return Err(Stop::Done);
        }
        let local = start.to_zoned(self.tz.clone()).datetime();
        self.opening(start, local, Shift::None)
    }

    fn next_at(&self, when: DateTime, from: Timestamp) -> Result<Opening, Stop> {
        match resolve(&self.tz, when) {
            Some((start, shift)) if start > from && self.in_period(start) => {
                self.opening(start, when, shift)
            }
            Some(_) => Err(Stop::Done),
            None => Err(Stop::PastRange(Some(when))),
        }
    }
}

/// Where an [`Openings`] iterator is in its schedule.
#[derive(Debug, Clone)]
enum State {
    /// The last base occurrence looked at, and the last opening given.
    Cron {
        cursor: DateTime,
        last: Option<Timestamp>,
    },
    /// The anchor and the index of the next interval.
    Rate { anchor: Timestamp, k: i64 },
    /// The one opening is still to come.
    At,
    /// No more openings.
    Ended,
}

/// A window's openings after a time, one at a time ([`Plan::iter`]): its
/// memory does not grow with the number of openings taken.
#[derive(Debug, Clone)]
pub struct Openings<'p, 's> {
    plan: &'p Plan<'s>,
    from: Timestamp,
    state: State,
    stop: Option<Stop>,
}

impl Openings<'_, '_> {
    /// Why the openings ended, once the iterator has returned `None`.
    pub fn stop(&self) -> Option<Stop> {
        self.stop
    }
}

impl Iterator for Openings<'_, '_> {
    type Item = Opening;

    fn next(&mut self) -> Option<Opening> {
        let plan = self.plan;
        let next = match (&mut self.state, plan.schedule) {
            (State::Ended, _) => return None,
            (State::Cron { cursor, last }, Schedule::Cron(cron)) => {
                plan.next_cron(cron, self.from, cursor, last)
            }
            (State::Rate { anchor, k }, Schedule::Rate(rate)) => {
                let next = plan.next_rate(rate.seconds(), *anchor, *k);
                *k = k.saturating_add(1);
                next
            }
            (State::At, Schedule::At(when)) => {
                let next = plan.next_at(*when, self.from);
                self.state = State::Ended;
                match next {
                    // The one opening given, the schedule has no more.
                    Ok(o) => {
                        self.stop = Some(Stop::Done);
                        return Some(o);
                    }
                    Err(stop) => Err(stop),
                }
            }
            // The state is made from the schedule and never changes kind.
            _ => Err(Stop::Done),
        };
        match next {
            Ok(o) => Some(o),
            Err(stop) => {
                self.state = State::Ended;
                // Past the range is past any end date: the period ended first.
                self.stop = Some(match stop {
                    Stop::PastRange(_) if plan.end.is_some() => Stop::Done,
                    stop => stop,
                });
                None
            }
        }
    }
}

/// A local time in a zone, resolved as `ZonedDateTime.of` does; None when
/// it falls after [`LAST_INSTANT`] (or before the first instant).
pub fn resolve(tz: &TimeZone, local: DateTime) -> Option<(Timestamp, Shift)> {
    let ambiguous = tz.to_ambiguous_timestamp(local);
    let shift = match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { .. } => Shift::None,
        AmbiguousOffset::Gap { .. } => Shift::Gap,
        AmbiguousOffset::Fold { .. } => Shift::Fold,
    };
    let at = ambiguous.compatible().ok()?;
    Some((at, shift))
}

/// The smallest local time strictly after `after` that matches every field.
pub fn next_local(cron: &Cron, after: DateTime) -> Option<DateTime> {
    let seconds = cron.seconds.unwrap_or(Bits(1));
    let start = after.checked_add(1.second()).ok()?;
    let (mut y, mut mo, mut d) = (
        i32::from(start.year()),
        start.month() as u32,
        start.day() as u32,
    );
    let (mut h, mut mi, mut s) = (
        start.hour() as u32,
        start.minute() as u32,
        start.second() as u32,
    );
    loop {
        let year = cron.years.next_from(y)?;
        if year != y {
            (y, mo, d, h, mi, s) = (year, 1, 1, 0, 0, 0);
        }
        let Some(month) = cron.months.next_from(mo) else {
            (y, mo, d, h, mi, s) = (y + 1, 1, 1, 0, 0, 0);
            continue;
        };
        if month != mo {
            (mo, d, h, mi, s) = (month, 1, 0, 0, 0);
        }
        let Some(day) = days_of_month(cron, y, mo).next_from(d) else {
            if mo == 12 {
                (y, mo) = (y + 1, 1);
            } else {
                mo += 1;
            }
            (d, h, mi, s) = (1, 0, 0, 0);
            continue;
        };
        if day != d {
            (d, h, mi, s) = (day, 0, 0, 0);
        }
        let Some(hour) = cron.hours.next_from(h) else {
            (d, h, mi, s) = (d + 1, 0, 0, 0);
            continue;
        };
        if hour != h {
            (h, mi, s) = (hour, 0, 0);
        }
        let Some(minute) = cron.minutes.next_from(mi) else {
            (h, mi, s) = (h + 1, 0, 0);
            continue;
        };
        if minute != mi {
            (mi, s) = (minute, 0);
        }
        let Some(second) = seconds.next_from(s) else {
            (mi, s) = (mi + 1, 0);
            continue;
        };
        let date = Date::new(i16::try_from(y).ok()?, mo as i8, d as i8).ok()?;
        return Some(date.at(h as i8, mi as i8, second as i8, 0));
    }
}

/// The days of a month that match day-of-month and day-of-week (bits 1..=31).
pub fn days_of_month(cron: &Cron, year: i32, month: u32) -> Bits {
    let Ok(first) = Date::new(year as i16, month as i8, 1) else {
        return Bits(0);
    };
    let len = first.days_in_month() as u32;
    let all = Bits(((1u64 << len) - 1) << 1);
    // 1 = Sunday, as AWS counts.
    let first_dow = first.weekday().to_sunday_one_offset() as u32;
    let dow_of = |day: u32| (first_dow - 1 + day - 1) % 7 + 1;
    let by_dom = match cron.dom {
        Dom::Unspecified => all,
        Dom::Days(bits) => Bits(bits.0 & all.0),
        Dom::Last => Bits(1 << len),
        Dom::NearestWeekday(n) if n <= len => {
            let day = match dow_of(n) {
                7 if n == 1 => 3,
                7 => n - 1,
                1 if n == len => n - 2,
                1 => n + 1,
                _ => n,
            };
            Bits(1 << day)
        }
        Dom::NearestWeekday(_) => Bits(0),
    };
    let by_dow = match cron.dow {
        Dow::Unspecified => all,
        Dow::Days(bits) => Bits(
            (1..=len)
                .filter(|&d| bits.has(dow_of(d)))
                .fold(0, |acc, d| acc | 1 << d),
        ),
        Dow::Last(wd) => match (1..=len).rev().find(|&d| dow_of(d) == wd) {
            Some(d) => Bits(1 << d),
            None => Bits(0),
        },
        Dow::Nth(wd, k) => match (1..=len).filter(|&d| dow_of(d) == wd).nth(k as usize - 1) {
            Some(d) => Bits(1 << d),
            None => Bits(0),
        },
    };
    Bits(by_dom.0 & by_dow.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::parse;

    fn openings(expr: &str, tz: &str, offset: i64, from: &str, n: usize) -> Vec<String> {
        let parsed = parse(expr);
        let schedule = parsed.schedule.expect("valid");
        let plan = Plan {
            schedule: &schedule,
            tz: jiff::tz::db().get(tz).expect("zone"),
            offset_days: offset,
            start: None,
            end: None,
            duration_hours: 3,
            cutoff_hours: 1,
        };
        let from: Timestamp = from.parse().expect("timestamp");
        plan.next(from, n)
            .into_iter()
            .map(|o| o.start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
            .collect()
    }

    #[test]
    fn patch_tuesday_plus_two_days() {
        assert_eq!(
            openings(
                "cron(30 23 ? * TUE#3 *)",
                "America/New_York",
                2,
                "2026-01-01T00:00:00Z",
                2
            ),
            ["2026-01-22T23:30:00-05:00", "2026-02-19T23:30:00-05:00"]
        );
    }

    #[test]
    fn february_29_opens_only_in_leap_years() {
        assert_eq!(
            openings("cron(0 0 29 2 ? *)", "UTC", 0, "2026-01-01T00:00:00Z", 3),
            [
                "2028-02-29T00:00:00+00:00",
                "2032-02-29T00:00:00+00:00",
                "2036-02-29T00:00:00+00:00"
            ]
        );
    }

    #[test]
    fn a_time_skipped_by_daylight_saving_moves_forward() {
        // 02:30 does not exist on 2027-03-14 in New York.
        assert_eq!(
            openings(
                "cron(30 2 ? * * *)",
                "America/New_York",
                0,
                "2027-03-13T12:00:00Z",
                2
            ),
            ["2027-03-14T03:30:00-04:00", "2027-03-15T02:30:00-04:00"]
        );
    }

    #[test]
    fn last_and_nearest_weekday() {
        assert_eq!(
            openings("cron(0 2 L * ? *)", "UTC", 0, "2026-02-01T00:00:00Z", 2),
            ["2026-02-28T02:00:00+00:00", "2026-03-31T02:00:00+00:00"]
        );
        // 2026-08-15 is a Saturday: the nearest weekday is Friday the 14th.
        assert_eq!(
            openings(
                "cron(0 2 15W 8 ? 2026)",
                "UTC",
                0,
                "2026-01-01T00:00:00Z",
                1
            ),
            ["2026-08-14T02:00:00+00:00"]
        );
    }
}
