//! The openings of several windows in one time order: a k-way merge of
//! their opening streams ([`super::next::Openings`], computed one at a
//! time) over a binary heap that holds one opening per window, so listing
//! `m` openings of `k` windows costs about `m log k` steps and never more
//! memory than the listing itself.
//!
//! [`listing`] bounds what it gathers by [`Limits`]: past a limit it stops
//! and says which ([`Capped`]), so a capped listing is never taken for a
//! whole one.

use super::next::Opening;
use jiff::Timestamp;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// The next opening of one stream, ordered by its start, then by the
/// stream's index (so equal starts keep the windows' order).
struct Head {
    at: Timestamp,
    stream: usize,
    opening: Opening,
}

impl PartialEq for Head {
    fn eq(&self, other: &Head) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Head) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, other: &Head) -> Ordering {
        (self.at, self.stream).cmp(&(other.at, other.stream))
    }
}

/// The openings of several streams, each in time order, as one stream in
/// time order: `(index of the stream, opening)`.
pub struct Merge<I> {
    streams: Vec<I>,
    heap: BinaryHeap<Reverse<Head>>,
}

impl<I: Iterator<Item = Opening>> Merge<I> {
    /// The merge of `streams`; each must give its openings in time order.
    pub fn new(mut streams: Vec<I>) -> Merge<I> {
        let mut heap = BinaryHeap::with_capacity(streams.len());
        for (stream, iter) in streams.iter_mut().enumerate() {
            if let Some(opening) = iter.next() {
                heap.push(Reverse(Head {
                    at: opening.start.timestamp(),
                    stream,
                    opening,
                }));
            }
        }
        Merge { streams, heap }
    }
}

impl<I: Iterator<Item = Opening>> Iterator for Merge<I> {
    type Item = (usize, Opening);

    fn next(&mut self) -> Option<(usize, Opening)> {
        let Reverse(head) = self.heap.pop()?;
        if let Some(opening) = self.streams.get_mut(head.stream).and_then(Iterator::next) {
            self.heap.push(Reverse(Head {
                at: opening.start.timestamp(),
                stream: head.stream,
                opening,
            }));
        }
        Some((head.stream, head.opening))
    }
}

/// The most openings a listing holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Of one window.
    pub per_window: usize,
    /// Of all windows together.
    pub total: usize,
}

/// Why a listing was not made: it would hold more openings than a limit.
#[derive(Debug, Clone, PartialEq)]
pub enum Capped {
    /// The window of this stream has more than [`Limits::per_window`]; the
    /// start of its first opening past the limit.
    Window(usize, Timestamp),
    /// All windows together have more than [`Limits::total`]; the start of
    /// the first opening past the limit.
    Total(Timestamp),
}

/// Every opening of `streams` in time order, `(stream, opening)`, or
/// [`Capped`] as soon as one more would pass a limit.
pub fn listing<I: Iterator<Item = Opening>>(
    streams: Vec<I>,
    limits: Limits,
) -> Result<Vec<(usize, Opening)>, Capped> {
    let mut counts = vec![0usize; streams.len()];
    let mut out = Vec::new();
    for (stream, opening) in Merge::new(streams) {
        let at = opening.start.timestamp();
        let count = counts.get_mut(stream).map_or(0, |c| {
            *c += 1;
            *c
        });
        if count > limits.per_window {
            return Err(Capped::Window(stream, at));
        }
        if out.len() >= limits.total {
            return Err(Capped::Total(at));
        }
        out.push((stream, opening));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::next::Plan;
    use crate::schedule::parse;

    fn plan<'s>(schedule: &'s crate::schedule::Schedule, tz: &str) -> Plan<'s> {
        Plan {
            schedule,
            tz: jiff::tz::db().get(tz).expect("zone"),
            offset_days: 0,
            start: None,
            end: None,
            duration_hours: 2,
            cutoff_hours: 1,
        }
    }

    #[test]
    fn merges_in_time_order_and_keeps_the_windows_order_on_ties() {
        let daily = parse("cron(0 3 ? * * *)").schedule.expect("valid");
        let hourly = parse("rate(12 hours)").schedule.expect("valid");
        let plans = [
            plan(&daily, "UTC"),
            plan(&hourly, "UTC"),
            plan(&daily, "UTC"),
        ];
        let from: Timestamp = "2026-11-23T03:00:00Z".parse().expect("timestamp");
        let until: Timestamp = "2026-11-25T00:00:00Z".parse().expect("timestamp");
        let streams: Vec<_> = plans
            .iter()
            .map(|p| {
                p.iter(from)
                    .take_while(move |o| o.start.timestamp() < until)
            })
            .collect();
        let got: Vec<(usize, String)> = listing(
            streams,
            Limits {
                per_window: 10,
                total: 100,
            },
        )
        .expect("within the limits")
        .into_iter()
        .map(|(i, o)| (i, o.start.strftime("%dT%H").to_string()))
        .collect();
        let want = [
            (1, "23T15"),
            (0, "24T03"),
            (1, "24T03"),
            (2, "24T03"),
            (1, "24T15"),
        ];
        let want: Vec<(usize, String)> = want.iter().map(|(i, s)| (*i, s.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn stops_past_a_limit() {
        let daily = parse("cron(0 3 ? * * *)").schedule.expect("valid");
        let plans = [plan(&daily, "UTC"), plan(&daily, "UTC")];
        let from: Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
        let streams = || plans.iter().map(|p| p.iter(from)).collect::<Vec<_>>();
        let third: Timestamp = "2026-11-25T03:00:00Z".parse().expect("timestamp");
        let per_window = Limits {
            per_window: 2,
            total: 100,
        };
        assert_eq!(
            listing(streams(), per_window),
            Err(Capped::Window(0, third))
        );
        let second: Timestamp = "2026-11-24T03:00:00Z".parse().expect("timestamp");
        let total = Limits {
            per_window: 100,
            total: 3,
        };
        assert_eq!(listing(streams(), total), Err(Capped::Total(second)));
    }
}
