//! Windows that collide (MW0320): two windows whose tasks can run on the
//! same nodes and whose openings overlap within the next [`HORIZON_DAYS`]
//! days from "now".
//!
//! What "the same nodes" means is [`same_nodes`]: a shared instance id, the
//! same resource group with compatible resource types, or tag selections
//! whose keys are one a subset of the other's with a common value for every
//! key both name. Selections that cannot be compared without knowing the
//! nodes (tags against instance ids, different tag keys) are never flagged.
//!
//! Nothing here is quadratic in the number of windows. Selections that
//! are the same (whichever windows make them) are one class; the classes
//! that can select the same nodes are found through an index of their keys
//! (each instance id, each resource group, each tag key and value), each
//! class compared with those sharing its rarest key, so classes that share
//! a common tag but differ on another are never paired. Only the windows of
//! a class of several windows, or of a pair of classes, have their openings
//! in the horizon computed (once each: at most [`MAX_OPENINGS`], and
//! [`TOTAL_OPENINGS`] for all windows together), and each class is swept
//! once in time order, alone and with the partner classes no larger than
//! it: when an opening starts, it is compared with the openings of the
//! other side still open then, the [`MAX_COMPARED`] latest of them. A pair
//! of windows is reported once, at its first overlap; a window is reported
//! once, with the other windows it overlaps counted.

use super::errors;
use crate::diagnostic::Diagnostic;
use crate::model::{Program, Selection, TaskTarget, Text, Window};
use crate::schedule::next::Plan;
use crate::source::Span;
use jiff::{SignedDuration, Timestamp};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};

/// How far ahead of "now" openings are compared, in days.
pub const HORIZON_DAYS: i64 = 90;

/// The most openings of one window compared: an hourly schedule's 90 days
/// (2,160) fit. A window that opens more often is compared over the part of
/// the horizon its first openings cover.
pub const MAX_OPENINGS: usize = 2_200;

/// The most openings computed for all windows together: each window that
/// shares a selection with another gets an equal share, at most
/// [`MAX_OPENINGS`] (so up to 2,222 daily windows are compared over the
/// whole horizon, and 20,000 over their first 10 openings).
pub const TOTAL_OPENINGS: usize = 200_000;

/// The most openings still open that an opening is compared with when it
/// starts (the latest to have started), in one bucket.
pub const MAX_COMPARED: usize = 64;

/// The other windows a report names (the rest are counted).
const MAX_NAMED: usize = 3;

/// The most earlier windows recorded as overlapping one window: a report
/// counts the rest up to this many, and says "at least" past it.
pub const MAX_PARTNERS: usize = 16;

/// The nodes one target (or the instance ids of one task) selects, in a
/// canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Nodes<'a> {
    /// Nodes carrying every key, each with one of its values (None: any
    /// value, from `tag_keys`), sorted by key.
    Tags(Vec<(&'a str, Option<Vec<&'a str>>)>),
    /// These instance ids, sorted, without repeats.
    Instances(Vec<&'a str>),
    /// The members of a resource group, of these resource types (empty:
    /// every type), sorted.
    Group(&'a str, Vec<&'a str>),
}

impl<'a> Nodes<'a> {
    /// The canonical form of a target's selection. `tags` and `tag_keys`
    /// together are one conjunction: a key in both keeps the values of
    /// `tags`.
    pub fn of(selection: &Selection<'a>) -> Nodes<'a> {
        match selection {
            Selection::Tags { tags, keys } => {
                let mut map: BTreeMap<&'a str, Option<Vec<&'a str>>> = BTreeMap::new();
                for key in keys {
                    map.entry(key.value).or_insert(None);
                }
                for (key, values) in tags {
                    let mut values: Vec<&'a str> = values.iter().map(|v| v.value).collect();
                    values.sort_unstable();
                    values.dedup();
                    // A key given twice (an error) keeps the values it has in common.
                    let entry = map.entry(key.value).or_insert(None);
                    *entry = Some(match entry.take() {
                        Some(before) => before.into_iter().filter(|v| values.contains(v)).collect(),
                        None => values,
                    });
                }
                Nodes::Tags(map.into_iter().collect())
            }
            Selection::Instances(ids) => Nodes::instances(ids),
            Selection::ResourceGroup { group, types } => {
                let mut types: Vec<&'a str> = types.iter().map(|t| t.value).collect();
                types.sort_unstable();
                types.dedup();
                Nodes::Group(group.value, types)
            }
        }
    }

    /// Instance ids, sorted, without repeats.
    pub fn instances(ids: &[Text<'a>]) -> Nodes<'a> {
        let mut ids: Vec<&'a str> = ids.iter().map(|i| i.value).collect();
        ids.sort_unstable();
        ids.dedup();
        Nodes::Instances(ids)
    }
}

/// Why two selections can select the same node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why<'a> {
    /// A node with these tags (key, and value or None for any value) is
    /// selected by both.
    Tags(Vec<(&'a str, Option<&'a str>)>),
    /// Both name this instance id.
    Instance(&'a str),
    /// Both select this resource group, and these resource types (None:
    /// every type).
    Group(&'a str, Option<&'a str>),
}

/// Whether two selections can select the same node, and why; None when
/// they cannot, or when that cannot be told from the program alone:
///
/// - instance ids: when they share an id;
/// - resource groups: the same group name, and resource types that
///   intersect (no `resource_types` is every type);
/// - tags: when the keys of one are a subset of the keys of the other
///   (or the same keys), and for every key both name, their values
///   intersect (a key from `tag_keys` takes any value). Keys that neither
///   contain the other are not compared: whether a node carries both sets
///   of tags is not in the program;
/// - any two different ways (tags and ids, ids and a group, a group and
///   tags) are not compared either.
pub fn same_nodes<'a>(a: &Nodes<'a>, b: &Nodes<'a>) -> Option<Why<'a>> {
    match (a, b) {
        (Nodes::Instances(a), Nodes::Instances(b)) => first_common(a, b).map(Why::Instance),
        (Nodes::Group(ga, ta), Nodes::Group(gb, tb)) if ga == gb => {
            match (ta.is_empty(), tb.is_empty()) {
                (true, true) => Some(Why::Group(ga, None)),
                (true, false) => tb.first().map(|t| Why::Group(ga, Some(*t))),
                (false, true) => ta.first().map(|t| Why::Group(ga, Some(*t))),
                (false, false) => first_common(ta, tb).map(|t| Why::Group(ga, Some(t))),
            }
        }
        (Nodes::Tags(a), Nodes::Tags(b)) => {
            let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            let mut node = Vec::with_capacity(large.len());
            for (key, values) in large {
                let value = match small.binary_search_by(|(k, _)| k.cmp(key)) {
                    Ok(i) => match (&small[i].1, values) {
                        (None, None) => None,
                        (Some(v), None) | (None, Some(v)) => Some(*v.first()?),
                        (Some(x), Some(y)) => Some(first_common(x, y)?),
                    },
                    Err(_) => values.as_ref().and_then(|v| v.first().copied()),
                };
                node.push((*key, value));
            }
            // Every key of the smaller selection must be one of the larger's.
            let subset = small
                .iter()
                .all(|(k, _)| large.binary_search_by(|(l, _)| l.cmp(k)).is_ok());
            subset.then_some(Why::Tags(node))
        }
        _ => None,
    }
}

/// The first item of two sorted lists that both hold.
fn first_common<'a>(a: &[&'a str], b: &[&'a str]) -> Option<&'a str> {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(x),
        }
    }
    None
}

/// What a window runs its tasks on: one of its targets, or the instance ids
/// one of its tasks names directly.
struct Selector<'p, 'a> {
    window: usize,
    nodes: Nodes<'a>,
    /// The target's or task's name.
    name: &'a str,
    /// A task's own instance ids (None for a target).
    ids: Option<&'p [TaskTarget<'a>]>,
    /// The target's or task's name in the source.
    span: Span,
}

/// What an index of classes is keyed by: a class is looked for only among
/// the classes that share one of these with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    /// Names this instance id.
    Instance(&'a str),
    /// Selects this resource group.
    Group(&'a str),
    /// Takes this tag key with this value.
    Tag(&'a str, &'a str),
    /// Takes this tag key with any value (`tag_keys`).
    AnyValue(&'a str),
    /// Takes this tag key, with values or not.
    Keyed(&'a str),
}

/// The most other classes looked at for one class: past it, a class is
/// compared with the first ones only.
pub const MAX_CANDIDATES: usize = 4_096;

/// The most openings swept, over all sweeps: past it, the remaining pairs
/// are not compared (a program would need thousands of windows that all
/// select the same nodes in different ways).
pub const MAX_SWEPT: usize = 4_000_000;

/// One overlap found: the earlier-declared window first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    /// When both are first open.
    at: Timestamp,
    /// The selectors of the first and second window.
    selectors: (usize, usize),
    /// Their openings (start, end).
    first: (Timestamp, Timestamp),
    second: (Timestamp, Timestamp),
}

/// Reports windows whose tasks can run on the same nodes at the same time
/// within [`HORIZON_DAYS`] days after `now`.
pub fn collisions(program: &Program<'_>, now: Timestamp, diags: &mut Vec<Diagnostic>) {
    let selectors = selectors(program);
    if selectors.len() < 2 {
        return;
    }
    // Classes: selections that are the same, whichever window makes them.
    let mut class_of = Vec::with_capacity(selectors.len());
    let mut classes: Vec<Vec<usize>> = Vec::new();
    let mut by_nodes: HashMap<&Nodes<'_>, usize> = HashMap::new();
    for (i, s) in selectors.iter().enumerate() {
        let class = *by_nodes.entry(&s.nodes).or_insert_with(|| {
            classes.push(Vec::new());
            classes.len() - 1
        });
        classes[class].push(i);
        class_of.push(class);
    }
    let nodes = |class: usize| &selectors[classes[class][0]].nodes;
    let pairs = colliding_classes(classes.len(), nodes);

    // The sweeps: each class of two windows or more on its own (its
    // selections are the same nodes), and each class with the partners
    // that are its (smaller or equal) share of the pairs.
    let windows_of = |class: usize| classes[class].iter().map(|&m| selectors[m].window);
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); classes.len()];
    for &(a, b) in &pairs {
        let (hub, other) = if (classes[b].len(), a) > (classes[a].len(), b) {
            (b, a)
        } else {
            (a, b)
        };
        partners[hub].push(other);
    }
    let mut sweeps: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    for (class, members) in classes.iter().enumerate() {
        let first = selectors[members[0]].window;
        if windows_of(class).any(|w| w != first) {
            sweeps.push((None, members.clone()));
        }
        if !partners[class].is_empty() {
            let mut all = members.clone();
            for &other in &partners[class] {
                all.extend_from_slice(&classes[other]);
            }
            sweeps.push((Some(class), all));
        }
    }
    if sweeps.is_empty() {
        return;
    }

    let horizon = now
        .checked_add(SignedDuration::from_hours(24 * HORIZON_DAYS))
        .unwrap_or(now);
    let compared: HashSet<usize> = sweeps
        .iter()
        .flat_map(|(_, members)| members.iter().map(|&m| selectors[m].window))
        .collect();
    let share = (TOTAL_OPENINGS / compared.len().max(1)).clamp(1, MAX_OPENINGS);
    let mut openings: HashMap<usize, Vec<(Timestamp, Timestamp)>> = HashMap::new();
    // For each window, the earlier windows found to overlap it.
    let mut found: Vec<Vec<(usize, Found)>> = vec![Vec::new(); program.windows.len()];
    let mut swept = 0usize;
    for (hub, members) in &sweeps {
        for &m in members {
            let w = selectors[m].window;
            openings
                .entry(w)
                .or_insert_with(|| window_openings(&program.windows[w], now, horizon, share));
        }
        let side = |m: usize| hub.is_some_and(|h| class_of[m] == h);
        swept += sweep(&selectors, members, side, &openings, &mut found);
        if swept > MAX_SWEPT {
            break;
        }
    }

    // One report per window, at its earliest overlap with an earlier window.
    for (second, mut pairs) in found.into_iter().enumerate() {
        pairs.sort_unstable_by_key(|(first, f)| (f.at, *first));
        let Some(&(first, f)) = pairs.first() else {
            continue;
        };
        let others: Vec<&str> = pairs
            .iter()
            .skip(1)
            .map(|(w, _)| program.windows[*w].id.value)
            .collect();
        let (a, b) = (&selectors[f.selectors.0], &selectors[f.selectors.1]);
        let Some(why) = same_nodes(&a.nodes, &b.nodes) else {
            continue;
        };
        diags.push(errors::windows_collide(
            &side(&program.windows[first], a, f.first, &why),
            &side(&program.windows[second], b, f.second, &why),
            f.at,
            &why,
            &others[..others.len().min(MAX_NAMED)],
            others.len().saturating_sub(MAX_NAMED),
            pairs.len() >= MAX_PARTNERS,
        ));
    }
}

/// One window of a collision, as the message shows it.
fn side<'a>(
    w: &Window<'a>,
    s: &Selector<'_, 'a>,
    open: (Timestamp, Timestamp),
    why: &Why<'_>,
) -> errors::CollidingSide<'a> {
    errors::CollidingSide {
        window: w.id.value,
        schedule: w.schedule.span,
        zone: w.zone.clone().unwrap_or(jiff::tz::TimeZone::UTC),
        zone_name: w.timezone.map_or("UTC", |t| t.value),
        opens: open.0,
        closes: open.1,
        target: match s.ids {
            None => errors::Runs::Target(s.name, s.span),
            Some(ids) => errors::Runs::Instances(s.name, id_span(ids, why).unwrap_or(s.span)),
        },
    }
}

/// The span of the shared instance id among a task's targets.
fn id_span(ids: &[TaskTarget<'_>], why: &Why<'_>) -> Option<Span> {
    let Why::Instance(shared) = why else {
        return None;
    };
    ids.iter().find_map(|t| match t {
        TaskTarget::Instance(id) if id.value == *shared => Some(id.span),
        _ => None,
    })
}

/// Every selection a task runs on: the targets its tasks name (a target no
/// task runs on puts nothing on its nodes), and for each task that names
/// instance ids directly, those ids.
fn selectors<'p, 'a>(program: &'p Program<'a>) -> Vec<Selector<'p, 'a>> {
    let mut out = Vec::new();
    for (w, window) in program.windows.iter().enumerate() {
        let mut used = vec![false; window.targets.len()];
        for task in &window.tasks {
            let mut direct = Vec::new();
            for t in &task.targets {
                match t {
                    TaskTarget::Target(id, _) => {
                        if let Some(u) = used.get_mut(id.0) {
                            *u = true;
                        }
                    }
                    TaskTarget::Instance(id) => direct.push(*id),
                }
            }
            if !direct.is_empty() {
                out.push(Selector {
                    window: w,
                    nodes: Nodes::instances(&direct),
                    name: task.id.value,
                    ids: Some(&task.targets),
                    span: task.id.span,
                });
            }
        }
        for (target, _) in window.targets.iter().zip(used).filter(|(_, u)| *u) {
            out.push(Selector {
                window: w,
                nodes: Nodes::of(&target.selection),
                name: target.id.value,
                ids: None,
                span: target.id.span,
            });
        }
    }
    out
}

/// A window's first `most` openings (start, end) after `now` that start by
/// `horizon`; none when its schedule, zone or dates did not check.
fn window_openings(
    w: &Window<'_>,
    now: Timestamp,
    horizon: Timestamp,
    most: usize,
) -> Vec<(Timestamp, Timestamp)> {
    let (Some(schedule), Some(tz)) = (&w.parsed, &w.zone) else {
        return Vec::new();
    };
    let date = |t: Option<Text<'_>>| t.and_then(|t| t.value.parse::<Timestamp>().ok());
    let end = date(w.end_date).map_or(horizon, |e| e.min(horizon));
    let plan = Plan {
        schedule,
        tz: tz.clone(),
        offset_days: w.offset.map_or(0, |o| o.value),
        start: date(w.start_date),
        end: Some(end),
        duration_hours: w.duration.value,
        cutoff_hours: w.cutoff.value,
    };
    plan.upcoming(now, most)
        .openings
        .into_iter()
        .map(|o| (o.start.timestamp(), o.end.timestamp()))
        .collect()
}

/// The pairs of classes (by index, the lower first) whose selections can
/// select the same nodes ([`same_nodes`]). Each class is compared only
/// with the classes that share its rarest key (a tag selection is found
/// from the side whose keys are the subset: the other takes all of them),
/// at most [`MAX_CANDIDATES`] of them.
fn colliding_classes<'n, 'a: 'n>(
    count: usize,
    nodes: impl Fn(usize) -> &'n Nodes<'a>,
) -> Vec<(usize, usize)> {
    let mut index: HashMap<Key<'a>, Vec<usize>> = HashMap::new();
    for class in 0..count {
        let mut put = |key| index.entry(key).or_default().push(class);
        match nodes(class) {
            Nodes::Instances(ids) => ids.iter().for_each(|id| put(Key::Instance(id))),
            Nodes::Group(group, _) => put(Key::Group(group)),
            Nodes::Tags(tags) => {
                for (key, values) in tags {
                    put(Key::Keyed(key));
                    match values {
                        None => put(Key::AnyValue(key)),
                        Some(values) => values.iter().for_each(|v| put(Key::Tag(key, v))),
                    }
                }
            }
        }
    }
    let list = |key: Key<'a>| index.get(&key).map_or(&[][..], Vec::as_slice);
    let mut pairs = Vec::new();
    let mut seen = HashSet::new();
    for class in 0..count {
        let lists: Vec<&[usize]> = match nodes(class) {
            Nodes::Instances(ids) => ids.iter().map(|id| list(Key::Instance(id))).collect(),
            Nodes::Group(group, _) => vec![list(Key::Group(group))],
            Nodes::Tags(tags) => {
                // The key with the fewest classes that could match.
                let choices = tags.iter().map(|(key, values)| match values {
                    None => vec![list(Key::Keyed(key))],
                    Some(values) => values
                        .iter()
                        .map(|v| list(Key::Tag(key, v)))
                        .chain([list(Key::AnyValue(key))])
                        .collect(),
                });
                choices
                    .min_by_key(|lists: &Vec<&[usize]>| {
                        lists.iter().map(|l| l.len()).sum::<usize>()
                    })
                    .unwrap_or_default()
            }
        };
        seen.clear();
        for &other in lists.iter().flat_map(|l| l.iter()).take(MAX_CANDIDATES) {
            if other != class
                && seen.insert(other)
                && same_nodes(nodes(class), nodes(other)).is_some()
            {
                pairs.push((class.min(other), class.max(other)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Sweeps the openings of the windows of `members` in time order,
/// recording each pair of windows at its first overlap, and returns how
/// many openings it swept. An opening is compared with the openings still
/// open of the other side (`hub`: true for the selections of the sweep's
/// hub class, false for its partners), or of the same side when every
/// selection is on one (a class alone), the [`MAX_COMPARED`] latest.
fn sweep(
    selectors: &[Selector<'_, '_>],
    members: &[usize],
    hub: impl Fn(usize) -> bool,
    openings: &HashMap<usize, Vec<(Timestamp, Timestamp)>>,
    found: &mut [Vec<(usize, Found)>],
) -> usize {
    let mut events: Vec<(Timestamp, Timestamp, usize)> = Vec::new();
    for &m in members {
        if let Some(list) = openings.get(&selectors[m].window) {
            events.extend(list.iter().map(|&(s, e)| (s, e, m)));
        }
    }
    events.sort_unstable();
    let one_side = members.iter().all(|&m| hub(m)) || members.iter().all(|&m| !hub(m));
    // Open now, on each side, by when they started (and their place in
    // `events`); and all of them by when they close, to let them go.
    let mut open: [BTreeMap<(Timestamp, usize), (Timestamp, usize)>; 2] =
        [BTreeMap::new(), BTreeMap::new()];
    let mut closing: BinaryHeap<Reverse<(Timestamp, Timestamp, usize, usize)>> = BinaryHeap::new();
    for (n, &(start, end, m)) in events.iter().enumerate() {
        while let Some(Reverse((close, opened, k, side))) = closing.peek().copied() {
            if close > start {
                break;
            }
            closing.pop();
            open[side].remove(&(opened, k));
        }
        let x = &selectors[m];
        let side = usize::from(hub(m));
        let against = if one_side { side } else { 1 - side };
        for (&(other_start, _), &(other_end, o)) in open[against].iter().rev().take(MAX_COMPARED) {
            let y = &selectors[o];
            if y.window == x.window {
                continue;
            }
            let (first, second) = if y.window < x.window {
                ((o, (other_start, other_end)), (m, (start, end)))
            } else {
                ((m, (start, end)), (o, (other_start, other_end)))
            };
            let (first_window, second_window) =
                (selectors[first.0].window, selectors[second.0].window);
            let Some(list) = found.get_mut(second_window) else {
                continue;
            };
            // Openings come in time order: a pair already found at this
            // time or before is not found earlier again in this sweep.
            let known = list.iter().position(|(w, _)| *w == first_window);
            if known.is_some_and(|i| list[i].1.at <= start)
                || (known.is_none() && list.len() >= MAX_PARTNERS)
            {
                continue;
            }
            let candidate = Found {
                at: start,
                selectors: (first.0, second.0),
                first: first.1,
                second: second.1,
            };
            match known {
                Some(i) => list[i].1 = list[i].1.min(candidate),
                None => list.push((first_window, candidate)),
            }
        }
        if end > start {
            open[side].insert((start, n), (end, m));
            closing.push(Reverse((end, start, n, side)));
        }
    }
    events.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Spanned};

    fn text(s: &str) -> Text<'_> {
        Spanned {
            value: s,
            span: Span::new(FileId(0), 0, 0),
        }
    }

    fn tags<'a>(pairs: &[(&'a str, &[&'a str])], keys: &[&'a str]) -> Nodes<'a> {
        Nodes::of(&Selection::Tags {
            tags: pairs
                .iter()
                .map(|(k, vs)| (text(k), vs.iter().map(|v| text(v)).collect()))
                .collect(),
            keys: keys.iter().map(|k| text(k)).collect(),
        })
    }

    fn group<'a>(name: &'a str, types: &[&'a str]) -> Nodes<'a> {
        Nodes::of(&Selection::ResourceGroup {
            group: text(name),
            types: types.iter().map(|t| text(t)).collect(),
        })
    }

    fn ids<'a>(ids: &[&'a str]) -> Nodes<'a> {
        Nodes::instances(&ids.iter().map(|i| text(i)).collect::<Vec<_>>())
    }

    fn same(a: &Nodes<'_>, b: &Nodes<'_>) -> bool {
        let there = same_nodes(a, b).is_some();
        assert_eq!(there, same_nodes(b, a).is_some(), "not symmetric");
        there
    }

    #[test]
    fn same_tag_keys_need_a_common_value_for_each() {
        let prod = tags(&[("Env", &["prod"])], &[]);
        assert!(same(&prod, &tags(&[("Env", &["dev", "prod"])], &[])));
        assert!(!same(&prod, &tags(&[("Env", &["dev"])], &[])));
        let both = tags(&[("Env", &["prod"]), ("Role", &["web"])], &[]);
        assert!(same(
            &both,
            &tags(&[("Env", &["prod"]), ("Role", &["web", "db"])], &[])
        ));
        assert!(!same(
            &both,
            &tags(&[("Env", &["prod"]), ("Role", &["db"])], &[])
        ));
    }

    #[test]
    fn a_subset_of_keys_is_compared_on_its_keys() {
        let prod = tags(&[("Env", &["prod"])], &[]);
        let web = tags(&[("Env", &["prod"]), ("Role", &["web"])], &[]);
        assert_eq!(
            same_nodes(&prod, &web),
            Some(Why::Tags(vec![
                ("Env", Some("prod")),
                ("Role", Some("web"))
            ]))
        );
        assert!(!same(&tags(&[("Env", &["dev"])], &[]), &web));
    }

    #[test]
    fn different_tag_keys_are_not_compared() {
        let env = tags(&[("Env", &["prod"])], &[]);
        let role = tags(&[("Role", &["web"])], &[]);
        assert!(!same(&env, &role));
        let env_team = tags(&[("Env", &["prod"]), ("Team", &["a"])], &[]);
        let env_role = tags(&[("Env", &["prod"]), ("Role", &["web"])], &[]);
        assert!(!same(&env_team, &env_role));
    }

    #[test]
    fn a_tag_key_takes_any_value() {
        let has_env = tags(&[], &["Env"]);
        assert!(same(&has_env, &tags(&[("Env", &["prod"])], &[])));
        assert!(same(&has_env, &tags(&[], &["Env"])));
        // `tags` and `tag_keys` on one key: the values of `tags`.
        let prod = tags(&[("Env", &["prod"])], &["Env"]);
        assert_eq!(prod, tags(&[("Env", &["prod"])], &[]));
        assert!(!same(
            &tags(&[], &["Env", "Role"]),
            &tags(&[("Env", &["a"])], &["Team"])
        ));
    }

    #[test]
    fn instance_ids_and_groups() {
        assert_eq!(
            same_nodes(&ids(&["i-1", "i-2"]), &ids(&["i-2", "i-3"])),
            Some(Why::Instance("i-2"))
        );
        assert!(!same(&ids(&["i-1"]), &ids(&["i-2"])));
        assert!(same(&group("G", &[]), &group("G", &["AWS::EC2::Instance"])));
        assert!(same(&group("G", &["A", "B"]), &group("G", &["B"])));
        assert!(!same(&group("G", &["A"]), &group("G", &["B"])));
        assert!(!same(&group("G", &[]), &group("H", &[])));
    }

    #[test]
    fn different_ways_are_not_compared() {
        let t = tags(&[("Env", &["prod"])], &[]);
        assert!(!same(&t, &ids(&["i-1"])));
        assert!(!same(&t, &group("G", &[])));
        assert!(!same(&ids(&["i-1"]), &group("G", &[])));
    }
}
