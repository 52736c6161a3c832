//! Time-zone names: which the bundled IANA database holds, which of those
//! are legacy names or fixed offsets, and what the names people type
//! instead (abbreviations such as `PST`, offsets such as `UTC+8`) mean.
//!
//! Two tables are the one source of truth, and the tests at the end check
//! both against the bundled database rather than memory:
//!
//! - [`ABBREVIATIONS`]: abbreviations people write, each with the offset it
//!   stands for and the canonical zone whose clocks it names (`PST`, UTC−8,
//!   `America/Los_Angeles`).
//! - [`LEGACY`]: every name of the database that is not canonical (see
//!   [`canonical`]), other than UTC's names and `Etc/GMT±N`, with the
//!   canonical zone that keeps the same times from 2000 on (`US/Eastern`,
//!   `America/New_York`; `EST`, `America/Panama`).
//!
//! What a zone's clocks do (its offsets and the months they change in) is
//! never written down: [`Clocks`] reads it from the database for the year
//! after "now", so that messages say what the zone does when the window
//! runs.
//!
//! The checker asks [`verdict`] once per distinct `timezone` string.

use crate::suggest::Index;
use Kind::{Daylight, Generic, Standard};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A UTC offset in minutes, east of UTC positive: UTC−8 is −480.
pub type Minutes = i32;

/// What an abbreviation says about the offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Standard time (`PST` is UTC−8): the zone's offset in winter, or all
    /// year when it has no daylight saving.
    Standard(Minutes),
    /// Daylight-saving time (`PDT` is UTC−7): the zone's offset in summer.
    Daylight(Minutes),
    /// The zone's time whichever it is (`PT`).
    Generic,
}

/// An abbreviation people write where a zone name belongs.
#[derive(Debug, PartialEq, Eq)]
pub struct Abbreviation {
    /// As written, in upper case (`PST`); looked up ignoring case.
    pub text: &'static str,
    /// The offset it stands for.
    pub kind: Kind,
    /// The canonical zone whose clocks it names.
    pub zone: &'static str,
    /// Those clocks in words: "US Pacific time".
    pub place: &'static str,
    /// Other zones to name beside `zone`, with their places in words.
    pub also: &'static [(&'static str, &'static str)],
    /// Whether the abbreviation names the zones of `also` too (`IST` is
    /// India's, Ireland's and Israel's); otherwise they are zones that keep
    /// its standard time all year (Arizona keeps `MST`).
    pub ambiguous: bool,
}

/// A row of [`ABBREVIATIONS`] that names one zone.
const fn row(
    text: &'static str,
    kind: Kind,
    zone: &'static str,
    place: &'static str,
) -> Abbreviation {
    Abbreviation {
        text,
        kind,
        zone,
        place,
        also: &[],
        ambiguous: false,
    }
}

/// A row of [`ABBREVIATIONS`] that names other zones too (`ambiguous`) or
/// whose zone's region has places keeping standard time all year.
const fn row_also(
    text: &'static str,
    kind: Kind,
    zone: &'static str,
    place: &'static str,
    also: &'static [(&'static str, &'static str)],
    ambiguous: bool,
) -> Abbreviation {
    Abbreviation {
        text,
        kind,
        zone,
        place,
        also,
        ambiguous,
    }
}

const fn hours(h: Minutes) -> Minutes {
    h * 60
}

/// Places of the US Mountain zone that keep its standard time all year.
const ARIZONA: &[(&str, &str)] = &[("America/Phoenix", "Arizona time")];
/// Places of Australian Eastern time that keep it standard all year.
const QUEENSLAND: &[(&str, &str)] = &[("Australia/Brisbane", "Queensland time")];
/// Places of Australian Central time that keep it standard all year.
const NORTHERN_TERRITORY: &[(&str, &str)] = &[("Australia/Darwin", "Northern Territory time")];

/// The abbreviations people type for a time zone, with the zone each means.
///
/// A standard-time abbreviation's offset is its zone's winter offset, a
/// daylight one its summer offset, and where the zone's clocks never
/// change, its only offset; the tests check every row against the bundled
/// database. The zone is the one the tz database keeps for the region's
/// largest city: `CET` maps to `Europe/Paris`, and Berlin, Madrid, Rome and
/// the rest of Central Europe keep the same times; `EET` maps to
/// `Europe/Athens` (Helsinki's are the same).
///
/// Ambiguous abbreviations map to the zone most people mean by them and
/// name the others: `IST` is India's time, and also Irish and Israel
/// Standard Time; `CST` is also China's; `BST` also Bangladesh's; `AST`
/// also Puerto Rico's (UTC−4 all year) and Arabia's.
pub const ABBREVIATIONS: &[Abbreviation] = &[
    // North America.
    row(
        "PST",
        Standard(hours(-8)),
        "America/Los_Angeles",
        "US Pacific time",
    ),
    row(
        "PDT",
        Daylight(hours(-7)),
        "America/Los_Angeles",
        "US Pacific time",
    ),
    row("PT", Generic, "America/Los_Angeles", "US Pacific time"),
    row_also(
        "MST",
        Standard(hours(-7)),
        "America/Denver",
        "US Mountain time",
        ARIZONA,
        false,
    ),
    row_also(
        "MDT",
        Daylight(hours(-6)),
        "America/Denver",
        "US Mountain time",
        ARIZONA,
        false,
    ),
    row_also(
        "MT",
        Generic,
        "America/Denver",
        "US Mountain time",
        ARIZONA,
        false,
    ),
    row_also(
        "CST",
        Standard(hours(-6)),
        "America/Chicago",
        "US Central time",
        &[("Asia/Shanghai", "China Standard Time")],
        true,
    ),
    row(
        "CDT",
        Daylight(hours(-5)),
        "America/Chicago",
        "US Central time",
    ),
    row("CT", Generic, "America/Chicago", "US Central time"),
    row(
        "EST",
        Standard(hours(-5)),
        "America/New_York",
        "US Eastern time",
    ),
    row(
        "EDT",
        Daylight(hours(-4)),
        "America/New_York",
        "US Eastern time",
    ),
    row("ET", Generic, "America/New_York", "US Eastern time"),
    row(
        "AKST",
        Standard(hours(-9)),
        "America/Anchorage",
        "Alaska time",
    ),
    row(
        "AKDT",
        Daylight(hours(-8)),
        "America/Anchorage",
        "Alaska time",
    ),
    row(
        "HST",
        Standard(hours(-10)),
        "Pacific/Honolulu",
        "Hawaii time",
    ),
    row_also(
        "AST",
        Standard(hours(-4)),
        "America/Halifax",
        "Atlantic time (Canada)",
        &[
            (
                "America/Puerto_Rico",
                "Puerto Rico's Atlantic Standard Time",
            ),
            ("Asia/Riyadh", "Arabia Standard Time"),
        ],
        true,
    ),
    row(
        "ADT",
        Daylight(hours(-3)),
        "America/Halifax",
        "Atlantic time (Canada)",
    ),
    row(
        "NST",
        Standard(-210),
        "America/St_Johns",
        "Newfoundland time",
    ),
    row(
        "NDT",
        Daylight(-150),
        "America/St_Johns",
        "Newfoundland time",
    ),
    // South America.
    row(
        "BRT",
        Standard(hours(-3)),
        "America/Sao_Paulo",
        "Brasília time",
    ),
    row(
        "ART",
        Standard(hours(-3)),
        "America/Argentina/Buenos_Aires",
        "Argentina time",
    ),
    // Europe.
    row("GMT", Standard(0), "Europe/London", "UK time"),
    row_also(
        "BST",
        Daylight(hours(1)),
        "Europe/London",
        "UK time",
        &[("Asia/Dhaka", "Bangladesh Standard Time")],
        true,
    ),
    row("WET", Standard(0), "Europe/Lisbon", "Western European time"),
    row(
        "WEST",
        Daylight(hours(1)),
        "Europe/Lisbon",
        "Western European time",
    ),
    row(
        "CET",
        Standard(hours(1)),
        "Europe/Paris",
        "Central European time",
    ),
    row(
        "CEST",
        Daylight(hours(2)),
        "Europe/Paris",
        "Central European time",
    ),
    row(
        "EET",
        Standard(hours(2)),
        "Europe/Athens",
        "Eastern European time",
    ),
    row(
        "EEST",
        Daylight(hours(3)),
        "Europe/Athens",
        "Eastern European time",
    ),
    row("MSK", Standard(hours(3)), "Europe/Moscow", "Moscow time"),
    // Africa.
    row(
        "WAT",
        Standard(hours(1)),
        "Africa/Lagos",
        "West Africa time",
    ),
    row(
        "CAT",
        Standard(hours(2)),
        "Africa/Maputo",
        "Central Africa time",
    ),
    row(
        "SAST",
        Standard(hours(2)),
        "Africa/Johannesburg",
        "South African time",
    ),
    row(
        "EAT",
        Standard(hours(3)),
        "Africa/Nairobi",
        "East Africa time",
    ),
    // Asia.
    row("GST", Standard(hours(4)), "Asia/Dubai", "Gulf time"),
    row("PKT", Standard(hours(5)), "Asia/Karachi", "Pakistan time"),
    row_also(
        "IST",
        Standard(330),
        "Asia/Kolkata",
        "India time",
        &[
            ("Europe/Dublin", "Irish Standard Time"),
            ("Asia/Jerusalem", "Israel Standard Time"),
        ],
        true,
    ),
    row("ICT", Standard(hours(7)), "Asia/Bangkok", "Indochina time"),
    row(
        "WIB",
        Standard(hours(7)),
        "Asia/Jakarta",
        "Western Indonesia time",
    ),
    row(
        "SGT",
        Standard(hours(8)),
        "Asia/Singapore",
        "Singapore time",
    ),
    row(
        "HKT",
        Standard(hours(8)),
        "Asia/Hong_Kong",
        "Hong Kong time",
    ),
    row("JST", Standard(hours(9)), "Asia/Tokyo", "Japan time"),
    row("KST", Standard(hours(9)), "Asia/Seoul", "Korea time"),
    // Oceania.
    row(
        "AWST",
        Standard(hours(8)),
        "Australia/Perth",
        "Australian Western time",
    ),
    row_also(
        "ACST",
        Standard(570),
        "Australia/Adelaide",
        "Australian Central time",
        NORTHERN_TERRITORY,
        false,
    ),
    row_also(
        "ACDT",
        Daylight(630),
        "Australia/Adelaide",
        "Australian Central time",
        NORTHERN_TERRITORY,
        false,
    ),
    row_also(
        "AEST",
        Standard(hours(10)),
        "Australia/Sydney",
        "Australian Eastern time",
        QUEENSLAND,
        false,
    ),
    row_also(
        "AEDT",
        Daylight(hours(11)),
        "Australia/Sydney",
        "Australian Eastern time",
        QUEENSLAND,
        false,
    ),
    row(
        "NZST",
        Standard(hours(12)),
        "Pacific/Auckland",
        "New Zealand time",
    ),
    row(
        "NZDT",
        Daylight(hours(13)),
        "Pacific/Auckland",
        "New Zealand time",
    ),
];

/// The names of UTC. They say what they mean, and are not warned about.
/// (`Etc/UTC` is the database's own zone, `UTC` its link; the others are
/// backward-compatibility links to it.)
pub const UTC_NAMES: &[&str] = &[
    "Etc/UCT",
    "Etc/UTC",
    "Etc/Universal",
    "Etc/Zulu",
    "UCT",
    "UTC",
    "Universal",
    "Zulu",
];

/// The placeholder zone of systems whose zone was never set.
pub const PLACEHOLDER: &str = "Factory";

/// Every name of the bundled database that is not canonical (see
/// [`canonical`]), other than [`UTC_NAMES`], `Etc/GMT±N` and
/// [`PLACEHOLDER`], sorted, with the canonical zone that keeps the same
/// times from 2000 on.
///
/// Most are backward-compatibility links of the database (`US/Eastern` to
/// `America/New_York`). The System V names are links too since 2024b:
/// `EST5EDT`, `CST6CDT`, `MST7MDT` and `PST8PDT` keep the US times with
/// daylight saving, `CET`, `MET`, `EET` and `WET` the European ones; but
/// `EST`, `MST` and `HST` are fixed UTC−5, UTC−7 and UTC−10 (Panama's,
/// Arizona's and Hawaii's times), and the `GMT` names fixed UTC+0. Where
/// the zone an abbreviation means ([`ABBREVIATIONS`]) keeps other times
/// (`EST` is not New York's time in summer), the warning says so.
pub const LEGACY: &[(&str, &str)] = &[
    ("Brazil/Acre", "America/Rio_Branco"),
    ("Brazil/DeNoronha", "America/Noronha"),
    ("Brazil/East", "America/Sao_Paulo"),
    ("Brazil/West", "America/Manaus"),
    ("CET", "Europe/Paris"),
    ("CST6CDT", "America/Chicago"),
    ("Canada/Atlantic", "America/Halifax"),
    ("Canada/Central", "America/Winnipeg"),
    ("Canada/Eastern", "America/Toronto"),
    ("Canada/Mountain", "America/Edmonton"),
    ("Canada/Newfoundland", "America/St_Johns"),
    ("Canada/Pacific", "America/Vancouver"),
    ("Canada/Saskatchewan", "America/Regina"),
    ("Canada/Yukon", "America/Whitehorse"),
    ("Chile/Continental", "America/Santiago"),
    ("Chile/EasterIsland", "Pacific/Easter"),
    ("Cuba", "America/Havana"),
    ("EET", "Europe/Athens"),
    ("EST", "America/Panama"),
    ("EST5EDT", "America/New_York"),
    ("Egypt", "Africa/Cairo"),
    ("Eire", "Europe/Dublin"),
    ("Etc/GMT", "UTC"),
    ("Etc/GMT+0", "UTC"),
    ("Etc/GMT-0", "UTC"),
    ("Etc/GMT0", "UTC"),
    ("Etc/Greenwich", "UTC"),
    ("GB", "Europe/London"),
    ("GB-Eire", "Europe/London"),
    ("GMT", "UTC"),
    ("GMT+0", "UTC"),
    ("GMT-0", "UTC"),
    ("GMT0", "UTC"),
    ("Greenwich", "UTC"),
    ("HST", "Pacific/Honolulu"),
    ("Hongkong", "Asia/Hong_Kong"),
    ("Iceland", "Atlantic/Reykjavik"),
    ("Iran", "Asia/Tehran"),
    ("Israel", "Asia/Jerusalem"),
    ("Jamaica", "America/Jamaica"),
    ("Japan", "Asia/Tokyo"),
    ("Kwajalein", "Pacific/Kwajalein"),
    ("Libya", "Africa/Tripoli"),
    ("MET", "Europe/Paris"),
    ("MST", "America/Phoenix"),
    ("MST7MDT", "America/Denver"),
    ("Mexico/BajaNorte", "America/Tijuana"),
    ("Mexico/BajaSur", "America/Mazatlan"),
    ("Mexico/General", "America/Mexico_City"),
    ("NZ", "Pacific/Auckland"),
    ("NZ-CHAT", "Pacific/Chatham"),
    ("Navajo", "America/Denver"),
    ("PRC", "Asia/Shanghai"),
    ("PST8PDT", "America/Los_Angeles"),
    ("Poland", "Europe/Warsaw"),
    ("Portugal", "Europe/Lisbon"),
    ("ROC", "Asia/Taipei"),
    ("ROK", "Asia/Seoul"),
    ("Singapore", "Asia/Singapore"),
    ("Turkey", "Europe/Istanbul"),
    ("US/Alaska", "America/Anchorage"),
    ("US/Aleutian", "America/Adak"),
    ("US/Arizona", "America/Phoenix"),
    ("US/Central", "America/Chicago"),
    ("US/East-Indiana", "America/Indiana/Indianapolis"),
    ("US/Eastern", "America/New_York"),
    ("US/Hawaii", "Pacific/Honolulu"),
    ("US/Indiana-Starke", "America/Indiana/Knox"),
    ("US/Michigan", "America/Detroit"),
    ("US/Mountain", "America/Denver"),
    ("US/Pacific", "America/Los_Angeles"),
    ("US/Samoa", "Pacific/Pago_Pago"),
    ("W-SU", "Europe/Moscow"),
    ("WET", "Europe/Lisbon"),
];

/// Whether a zone is a canonical `Area/City` name under one of the
/// continent and ocean areas, or `UTC`. Names outside these areas are
/// legacy ([`LEGACY`]), UTC's other names, `Etc/GMT±N` or the placeholder.
/// (A few backward-compatibility links have the `Area/City` form, such as
/// `Europe/Kiev` for `Europe/Kyiv`; they keep the same times and are
/// accepted without a warning.)
pub fn canonical(zone: &str) -> bool {
    const AREAS: &[&str] = &[
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    ];
    zone == "UTC"
        || zone
            .split('/')
            .next()
            .is_some_and(|area| AREAS.contains(&area))
}

/// What a zone's clocks do in the year after a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clocks {
    /// The same offset all year.
    Fixed(Minutes),
    /// Daylight saving: a lower offset in winter and a higher one in
    /// summer.
    Seasons {
        /// The offset in winter.
        winter: Minutes,
        /// The offset in summer.
        summer: Minutes,
        /// The month (1 to 12, local) the clocks change to `summer`.
        from: i8,
        /// The month they change back to `winter`.
        to: i8,
    },
    /// Changes that are not a yearly back and forth, such as a zone that
    /// moves its offset for good.
    Changing {
        /// The offset at the moment.
        now: Minutes,
        /// Each change in the year, in order.
        changes: Vec<Change>,
    },
}

/// A change of a zone's offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The offset from then on.
    pub offset: Minutes,
    /// The year, local.
    pub year: i16,
    /// The month (1 to 12), local.
    pub month: i8,
}

impl Clocks {
    /// The clocks of a zone of the bundled database in the year (366 days)
    /// after `now`; None for a name the database does not hold.
    pub fn of(zone: &str, now: Timestamp) -> Option<Clocks> {
        let tz = jiff::tz::db().get(zone).ok()?;
        Some(Clocks::of_zone(&tz, now))
    }

    fn of_zone(tz: &TimeZone, now: Timestamp) -> Clocks {
        /// More changes than this in a year are not a zone's yearly
        /// rhythm; the first ones tell enough.
        const CHANGES: usize = 8;
        let end = now
            .checked_add(SignedDuration::from_hours(24 * 366))
            .unwrap_or(Timestamp::MAX);
        let minutes = |offset: jiff::tz::Offset| offset.seconds() / 60;
        let first = minutes(tz.to_offset(now));
        let mut last = first;
        let mut changes = Vec::new();
        for transition in tz.following(now).take_while(|t| t.timestamp() <= end) {
            let offset = minutes(transition.offset());
            // A transition may change the abbreviation only.
            if offset == last {
                continue;
            }
            last = offset;
            let local = tz.to_datetime(transition.timestamp());
            changes.push(Change {
                offset,
                year: local.year(),
                month: local.month(),
            });
            if changes.len() == CHANGES {
                break;
            }
        }
        Clocks::from_changes(first, changes)
    }

    /// Daylight saving when the offset goes back and forth between two
    /// values (at least once each way in the year), a fixed offset when it
    /// does not change, and changing clocks otherwise.
    fn from_changes(first: Minutes, changes: Vec<Change>) -> Clocks {
        let Some(there) = changes.first().map(|c| c.offset) else {
            return Clocks::Fixed(first);
        };
        let back_and_forth = changes.len() >= 2
            && changes
                .iter()
                .enumerate()
                .all(|(i, c)| c.offset == if i % 2 == 0 { there } else { first });
        match (back_and_forth, changes.first(), changes.get(1)) {
            (true, Some(a), Some(b)) => {
                let (up, down) = if there > first { (a, b) } else { (b, a) };
                Clocks::Seasons {
                    winter: first.min(there),
                    summer: first.max(there),
                    from: up.month,
                    to: down.month,
                }
            }
            _ => Clocks::Changing {
                now: first,
                changes,
            },
        }
    }

    /// The offset in winter, or all year; the offset at the moment for
    /// changing clocks.
    pub fn winter(&self) -> Minutes {
        match self {
            Clocks::Fixed(offset) => *offset,
            Clocks::Seasons { winter, .. } => *winter,
            Clocks::Changing { now, .. } => *now,
        }
    }

    /// The offset in summer, for daylight saving.
    #[cfg(test)]
    fn summer(&self) -> Option<Minutes> {
        match self {
            Clocks::Seasons { summer, .. } => Some(*summer),
            _ => None,
        }
    }
}

/// What the checker makes of a `timezone` string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A canonical name, or one of UTC's: nothing to say.
    Fine,
    /// In the database, but a legacy name or a fixed offset (MW0319).
    Legacy(Legacy),
    /// Not in the database (MW0302), with what was probably meant.
    Unknown(Meant),
}

/// A name of the database that is not the canonical name of what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Legacy {
    /// It keeps the times of `zone` (`US/Eastern`, `CET`, `HST`).
    Alias {
        /// The canonical zone with the same times.
        zone: &'static str,
        /// Their clocks.
        clocks: Clocks,
    },
    /// A fixed offset with the name of a time whose zone changes its
    /// clocks (`EST`, `MST`, `GMT`).
    Fixed {
        /// The name's offset, all year.
        offset: Minutes,
        /// The abbreviation it is, and the zone that means.
        meant: &'static Abbreviation,
        /// The clocks of that zone.
        clocks: Clocks,
        /// A zone of `meant.also` that keeps the name's offset all year,
        /// with its place in words (`America/Phoenix` for `MST`).
        instead: Option<(&'static str, &'static str)>,
    },
    /// `Etc/GMT+5`: a fixed offset whose sign is POSIX's (UTC−5).
    EtcGmt {
        /// The offset, all year.
        offset: Minutes,
    },
    /// `Factory`, where no zone was set.
    Placeholder,
}

/// What an unknown name probably meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Meant {
    /// An abbreviation (`PST`), with the clocks of its zone and of the
    /// zones of its `also`, in order.
    Abbreviation {
        /// The table's row.
        abbreviation: &'static Abbreviation,
        /// The clocks of its zone.
        clocks: Clocks,
        /// The clocks of the zones of its `also`.
        also: Vec<Clocks>,
    },
    /// A UTC offset (`UTC+8`, `GMT-5`, `+05:30`).
    Offset {
        /// The offset written.
        offset: Minutes,
        /// The `Etc/GMT` name that keeps it, when it is whole hours.
        etc: Option<&'static str>,
    },
    /// A zone name close to what was written.
    Name(&'static str),
    /// A legacy alias close to what was written, and its canonical zone.
    Alias {
        /// The legacy name.
        alias: &'static str,
        /// The canonical zone with its times.
        zone: &'static str,
    },
    /// Nothing close.
    Nothing,
}

/// The IANA names of the bundled time-zone database, sorted.
static ZONES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut zones: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_string())
        .collect();
    zones.sort_unstable();
    zones
});

/// The IANA names of the bundled time-zone database, sorted.
pub fn names() -> &'static [String] {
    &ZONES
}

/// The tables and the zone names arranged for lookups, built once.
struct Tables {
    /// Upper-cased abbreviation to its row.
    abbreviations: HashMap<&'static str, &'static Abbreviation>,
    /// Legacy name to its canonical zone ([`LEGACY`]).
    legacy: HashMap<&'static str, &'static str>,
    /// ASCII-lower-cased name to the first zone (sorted) with that name.
    same_case: HashMap<String, &'static str>,
    /// The canonical zones (see [`canonical`]).
    canonical: Index<'static>,
    /// ASCII-lower-cased city (the last part of a canonical name) to the
    /// first canonical zone (sorted) of that city.
    cities: HashMap<String, &'static str>,
    /// Every zone worth suggesting: the canonical ones, UTC's names and the
    /// legacy aliases (suggested as their canonical zones); not the fixed
    /// offsets named like places' times, `Etc/GMT±N` or the placeholder.
    all: Index<'static>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let abbreviations: HashMap<_, _> = ABBREVIATIONS.iter().map(|a| (a.text, a)).collect();
    let legacy: HashMap<_, _> = LEGACY.iter().copied().collect();
    let names = || ZONES.iter().map(String::as_str);
    let mut same_case = HashMap::new();
    let mut cities = HashMap::new();
    for zone in names() {
        same_case.entry(zone.to_ascii_lowercase()).or_insert(zone);
        if canonical(zone)
            && let Some(city) = zone.rsplit('/').next()
        {
            cities.entry(city.to_ascii_lowercase()).or_insert(zone);
        }
    }
    let suggestible = |zone: &str| {
        canonical(zone)
            || UTC_NAMES.contains(&zone)
            || legacy
                .get(zone)
                .is_some_and(|same| meant_otherwise(&abbreviations, zone, same).is_none())
    };
    let all = Index::exhaustive(names().filter(|z| suggestible(z)));
    Tables {
        canonical: Index::exhaustive(names().filter(|z| canonical(z))),
        all,
        abbreviations,
        legacy,
        same_case,
        cities,
    }
});

/// The abbreviation a legacy name is, when that abbreviation means another
/// zone than the one with the name's times (`EST` means New York's time;
/// the name keeps Panama's).
fn meant_otherwise(
    abbreviations: &HashMap<&'static str, &'static Abbreviation>,
    name: &str,
    same: &str,
) -> Option<&'static Abbreviation> {
    abbreviations.get(name).copied().filter(|a| a.zone != same)
}

/// The offset of an `Etc/GMT±N` name other than `Etc/GMT±0`: the sign is
/// POSIX's, so `Etc/GMT+5` is UTC−5.
fn etc_gmt(name: &str) -> Option<Minutes> {
    let rest = name.strip_prefix("Etc/GMT")?;
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (-1, &rest[1..]),
        b'-' => (1, &rest[1..]),
        _ => return None,
    };
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: Minutes = digits.parse().ok()?;
    (h != 0).then_some(sign * h * 60)
}

/// What the checker makes of a `timezone` string, with "now" deciding the
/// year whose clocks messages describe.
pub fn verdict(name: &str, now: Timestamp) -> Verdict {
    if ZONES.binary_search_by(|z| z.as_str().cmp(name)).is_ok() {
        legacy(name, now).map_or(Verdict::Fine, Verdict::Legacy)
    } else {
        Verdict::Unknown(meant(name, now))
    }
}

/// What is wrong with a name of the database; None for a canonical name,
/// one of UTC's, or one the tables do not know.
fn legacy(name: &str, now: Timestamp) -> Option<Legacy> {
    if canonical(name) || UTC_NAMES.contains(&name) {
        return None;
    }
    if name == PLACEHOLDER {
        return Some(Legacy::Placeholder);
    }
    if let Some(offset) = etc_gmt(name) {
        return Some(Legacy::EtcGmt { offset });
    }
    let tables = &*TABLES;
    let same = *tables.legacy.get(name)?;
    match meant_otherwise(&tables.abbreviations, name, same) {
        Some(meant) => {
            let own = Clocks::of(name, now)?;
            Some(Legacy::Fixed {
                offset: own.winter(),
                meant,
                clocks: Clocks::of(meant.zone, now)?,
                instead: meant.also.iter().copied().find(|(z, _)| *z == same),
            })
        }
        None => Some(Legacy::Alias {
            zone: same,
            clocks: Clocks::of(same, now)?,
        }),
    }
}

/// The zone meant by an unknown name, in this order: an abbreviation, a
/// UTC offset, the same name in another case, a close canonical name, a
/// canonical zone of that city, or any close name (a legacy alias as its
/// canonical zone).
fn meant(name: &str, now: Timestamp) -> Meant {
    let tables = &*TABLES;
    if let Some(found) = abbreviation(name, now) {
        return found;
    }
    if let Some(offset) = written_offset(name) {
        let etc = (offset != 0 && offset % 60 == 0)
            .then(|| {
                let posix = format!(
                    "Etc/GMT{}{}",
                    if offset > 0 { '-' } else { '+' },
                    offset.abs() / 60
                );
                ZONES
                    .binary_search(&posix)
                    .ok()
                    .and_then(|i| ZONES.get(i))
                    .map(String::as_str)
            })
            .flatten();
        return Meant::Offset { offset, etc };
    }
    let wanted = name.replace(' ', "_");
    let found = tables
        .same_case
        .get(&name.to_ascii_lowercase())
        .copied()
        .or_else(|| tables.canonical.suggest(&wanted))
        .or_else(|| tables.cities.get(&wanted.to_ascii_lowercase()).copied())
        .or_else(|| tables.all.suggest(&wanted));
    match found {
        Some(zone) => match tables.legacy.get(zone) {
            Some(&same) if meant_otherwise(&tables.abbreviations, zone, same).is_none() => {
                Meant::Alias {
                    alias: zone,
                    zone: same,
                }
            }
            _ => Meant::Name(zone),
        },
        None => Meant::Nothing,
    }
}

/// An abbreviation of the table, written in any case.
fn abbreviation(name: &str, now: Timestamp) -> Option<Meant> {
    let row = *TABLES
        .abbreviations
        .get(name.trim().to_ascii_uppercase().as_str())?;
    let also = row
        .also
        .iter()
        .map(|(zone, _)| Clocks::of(zone, now))
        .collect::<Option<Vec<_>>>()?;
    Some(Meant::Abbreviation {
        abbreviation: row,
        clocks: Clocks::of(row.zone, now)?,
        also,
    })
}

/// A UTC offset written as a zone: `UTC+8`, `GMT-5`, `utc+05:30`,
/// `UTC+0545`, or without `UTC` with its minutes (`+05:30`, `-0300`); at
/// most 14 hours.
fn written_offset(name: &str) -> Option<Minutes> {
    let upper = name.trim().to_ascii_uppercase();
    let prefixed = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"));
    let rest = prefixed.unwrap_or(&upper);
    let (sign, rest) = if let Some(r) = rest.strip_prefix('+') {
        (1, r)
    } else if let Some(r) = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('\u{2212}'))
    {
        (-1, r)
    } else {
        return None;
    };
    let (h, m) = match rest.split_once(':') {
        Some(parts) => parts,
        None if rest.len() == 4 => rest.split_at(2),
        // Hours alone only after `UTC` or `GMT`.
        None if prefixed.is_some() => (rest, "00"),
        None => return None,
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<Minutes>().ok())
            .flatten()
    };
    let (h, m) = (number(h)?, number(m)?);
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::errors;
    use crate::source::{FileId, Span, Spanned};

    /// The first moment of the year whose clocks the tests read.
    fn year() -> Timestamp {
        "2026-01-01T00:00:00Z".parse().unwrap()
    }

    fn zone(name: &str) -> TimeZone {
        jiff::tz::db()
            .get(name)
            .unwrap_or_else(|_| panic!("the bundled database has no {name}"))
    }

    fn in_database(name: &str) -> bool {
        ZONES.binary_search_by(|z| z.as_str().cmp(name)).is_ok()
    }

    /// The offsets and abbreviations a zone shows in 2026, at its first
    /// moment and after each transition.
    fn shown(name: &str) -> Vec<(Minutes, String)> {
        let tz = zone(name);
        let start = year();
        let end: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        let mut moments = vec![start];
        moments.extend(
            tz.following(start)
                .take_while(|t| t.timestamp() < end)
                .map(|t| t.timestamp()),
        );
        moments
            .into_iter()
            .map(|t| {
                let info = tz.to_offset_info(t);
                (
                    info.offset().seconds() / 60,
                    info.abbreviation().to_string(),
                )
            })
            .collect()
    }

    /// Whether the database writes an abbreviation in letters (it writes
    /// numbers, such as `+08`, where no abbreviation is in common use).
    fn alphabetic(abbreviation: &str) -> bool {
        abbreviation.bytes().all(|b| b.is_ascii_alphabetic())
    }

    /// Whether two zones keep the same offset at every moment from 2000 to
    /// 2100: compared just before and at every transition of either.
    fn same_times(a: &str, b: &str) -> bool {
        let (za, zb) = (zone(a), zone(b));
        let start: Timestamp = "2000-01-01T00:00:00Z".parse().unwrap();
        let end: Timestamp = "2100-01-01T00:00:00Z".parse().unwrap();
        let mut moments = vec![start];
        for z in [&za, &zb] {
            moments.extend(
                z.following(start)
                    .take_while(|t| t.timestamp() < end)
                    .map(|t| t.timestamp()),
            );
        }
        moments.iter().all(|&t| {
            let before = t - SignedDuration::from_secs(1);
            za.to_offset(t) == zb.to_offset(t) && za.to_offset(before) == zb.to_offset(before)
        })
    }

    /// The clocks of a table's zone in 2026: daylight saving or one offset,
    /// never changes of another kind, which the table would have to say.
    fn clocks_2026(name: &str) -> Clocks {
        let clocks = Clocks::of(name, year()).unwrap();
        assert!(
            !matches!(clocks, Clocks::Changing { .. }),
            "{name}: {clocks:?}"
        );
        clocks
    }

    fn text(value: &str) -> Spanned<&str> {
        Spanned::new(value, Span::point(FileId(0), 0))
    }

    #[test]
    fn every_abbreviation_means_a_canonical_zone_at_its_offset() {
        let mut texts = std::collections::HashSet::new();
        for row in ABBREVIATIONS {
            let text = row.text;
            assert!(texts.insert(text), "{text} twice");
            assert_eq!(text, text.to_ascii_uppercase(), "{text} in upper case");
            assert!(
                in_database(row.zone) && canonical(row.zone),
                "{text}: {}",
                row.zone
            );
            let clocks = clocks_2026(row.zone);
            let offset = match row.kind {
                Kind::Standard(o) => {
                    assert_eq!(
                        o,
                        clocks.winter(),
                        "{text}: the winter offset of {}",
                        row.zone
                    );
                    o
                }
                Kind::Daylight(o) => {
                    assert_eq!(
                        Some(o),
                        clocks.summer(),
                        "{text}: the summer offset of {}",
                        row.zone
                    );
                    o
                }
                Kind::Generic => {
                    assert!(
                        clocks.summer().is_some(),
                        "{text}: {} keeps one offset",
                        row.zone
                    );
                    continue;
                }
            };
            // Where the database spells the abbreviation in letters, it
            // spells this one at this offset.
            for (o, abbr) in shown(row.zone) {
                if o == offset && alphabetic(&abbr) {
                    assert_eq!(abbr, text, "{}: {abbr} at {o} minutes", row.zone);
                }
            }
            for (also, _) in row.also {
                assert!(in_database(also) && canonical(also), "{text}: {also}");
                let theirs = clocks_2026(also);
                if row.ambiguous {
                    // The other zones it names call their time so.
                    let uses = shown(also)
                        .iter()
                        .any(|(_, abbr)| abbr == text || !alphabetic(abbr));
                    assert!(uses, "{text}: {also} never shows it");
                } else {
                    // A place that keeps the standard time all year.
                    assert_eq!(theirs, Clocks::Fixed(clocks.winter()), "{text}: {also}");
                }
            }
        }
    }

    #[test]
    fn the_help_for_an_abbreviation_states_its_offsets() {
        for row in ABBREVIATIONS {
            // In lower case: `EST` and a few others are names of the
            // database, and get MW0319 instead.
            let written = row.text.to_ascii_lowercase();
            let Verdict::Unknown(meant) = verdict(&written, year()) else {
                panic!("{written} is unknown");
            };
            let help = errors::unknown_timezone(text(&written), &meant)
                .help
                .unwrap();
            assert!(help.contains(&format!("`\"{}\"`", row.zone)), "{help}");
            let clocks = clocks_2026(row.zone);
            // The offset written, and the zone's other one with when it holds.
            for offset in [Some(clocks.winter()), clocks.summer()]
                .into_iter()
                .flatten()
            {
                assert!(help.contains(&utc_text(offset)), "{help}");
            }
            if clocks.summer().is_some() {
                assert!(
                    help.contains("daylight saving") && help.contains(" from "),
                    "{help}"
                );
            } else {
                assert!(help.contains("all year"), "{help}");
            }
        }
    }

    /// `UTC−5`, as the messages write it.
    fn utc_text(minutes: Minutes) -> String {
        let sign = if minutes < 0 { '\u{2212}' } else { '+' };
        match (minutes.abs() / 60, minutes.abs() % 60) {
            (h, 0) => format!("UTC{sign}{h}"),
            (h, m) => format!("UTC{sign}{h}:{m:02}"),
        }
    }

    #[test]
    fn central_european_time_is_the_same_across_central_europe() {
        for city in [
            "Europe/Berlin",
            "Europe/Madrid",
            "Europe/Rome",
            "Europe/Brussels",
        ] {
            assert!(same_times("Europe/Paris", city), "{city}");
        }
        assert!(same_times("Europe/Athens", "Europe/Helsinki"));
    }

    #[test]
    fn every_legacy_name_keeps_the_times_of_its_canonical_zone() {
        let mut sorted = LEGACY.to_vec();
        sorted.sort_unstable();
        sorted.dedup_by_key(|(name, _)| *name);
        assert_eq!(sorted, LEGACY, "sorted, each name once");
        for &(name, same) in LEGACY {
            assert!(in_database(name), "{name}");
            assert!(!canonical(name) && !UTC_NAMES.contains(&name), "{name}");
            assert!(in_database(same) && canonical(same), "{name}: {same}");
            assert!(
                same_times(name, same),
                "{name} and {same} differ after 2000"
            );
        }
    }

    #[test]
    fn every_name_of_the_database_is_canonical_or_in_a_table() {
        for name in ZONES.iter() {
            let known = canonical(name)
                || UTC_NAMES.contains(&name.as_str())
                || name == PLACEHOLDER
                || etc_gmt(name).is_some()
                || TABLES.legacy.contains_key(name.as_str());
            assert!(known, "{name} is in no table");
        }
        for name in UTC_NAMES {
            assert!(in_database(name) && same_times(name, "UTC"), "{name}");
        }
    }

    #[test]
    fn the_sign_of_etc_gmt_names_is_inverted() {
        for name in ZONES.iter() {
            if let Some(offset) = etc_gmt(name) {
                assert_eq!(
                    Clocks::of(name, year()),
                    Some(Clocks::Fixed(offset)),
                    "{name}"
                );
            }
        }
        assert_eq!(etc_gmt("Etc/GMT+5"), Some(-300));
        assert_eq!(etc_gmt("Etc/GMT-14"), Some(14 * 60));
        assert_eq!(etc_gmt("Etc/GMT+0"), None);
        assert_eq!(etc_gmt("Etc/GMT"), None);
    }

    #[test]
    fn a_fixed_legacy_offset_is_the_winter_offset_of_the_zone_meant() {
        let mut fixed = Vec::new();
        for &(name, _) in LEGACY {
            if let Some(Legacy::Fixed {
                offset,
                meant,
                clocks,
                ..
            }) = legacy(name, year())
            {
                assert_eq!(clocks_2026(name), Clocks::Fixed(offset), "{name} is fixed");
                assert_eq!(offset, clocks.winter(), "{name} against {}", meant.zone);
                assert!(clocks.summer().is_some(), "{}", meant.zone);
                fixed.push(name);
            }
        }
        assert_eq!(fixed, ["EST", "GMT", "MST"]);
    }

    #[test]
    fn verdicts() {
        let now = year();
        assert_eq!(verdict("America/New_York", now), Verdict::Fine);
        assert_eq!(verdict("UTC", now), Verdict::Fine);
        assert_eq!(verdict("Etc/UTC", now), Verdict::Fine);
        assert_eq!(verdict("Europe/Kiev", now), Verdict::Fine);
        assert!(matches!(
            verdict("US/Eastern", now),
            Verdict::Legacy(Legacy::Alias {
                zone: "America/New_York",
                ..
            })
        ));
        assert!(matches!(
            verdict("HST", now),
            Verdict::Legacy(Legacy::Alias {
                zone: "Pacific/Honolulu",
                ..
            })
        ));
        assert!(matches!(
            verdict("MST", now),
            Verdict::Legacy(Legacy::Fixed {
                offset: -420,
                instead: Some(("America/Phoenix", _)),
                ..
            })
        ));
        assert_eq!(
            verdict("Etc/GMT+5", now),
            Verdict::Legacy(Legacy::EtcGmt { offset: -300 })
        );
        assert_eq!(
            verdict("Factory", now),
            Verdict::Legacy(Legacy::Placeholder)
        );
        let Verdict::Unknown(Meant::Abbreviation {
            abbreviation,
            clocks,
            ..
        }) = verdict("pst", now)
        else {
            panic!("pst is an abbreviation");
        };
        assert_eq!(abbreviation.zone, "America/Los_Angeles");
        assert_eq!(
            clocks,
            Clocks::Seasons {
                winter: -480,
                summer: -420,
                from: 3,
                to: 11
            }
        );
        assert_eq!(
            verdict("us/eastern", now),
            Verdict::Unknown(Meant::Alias {
                alias: "US/Eastern",
                zone: "America/New_York"
            })
        );
        assert_eq!(
            verdict("Europe/Berln", now),
            Verdict::Unknown(Meant::Name("Europe/Berlin"))
        );
    }

    #[test]
    fn offsets_written_as_zones() {
        let cases = [
            ("UTC+8", Some(480)),
            ("GMT-5", Some(-300)),
            ("utc+05:30", Some(330)),
            ("UTC+0545", Some(345)),
            ("+05:30", Some(330)),
            ("-0300", Some(-180)),
            ("UTC\u{2212}3", Some(-180)),
            ("UTC+15", None),
            ("UTC+5:75", None),
            ("+5", None),
            ("UTC", None),
            ("PST", None),
        ];
        for (text, want) in cases {
            assert_eq!(written_offset(text), want, "{text}");
        }
        assert_eq!(
            verdict("UTC+8", year()),
            Verdict::Unknown(Meant::Offset {
                offset: 480,
                etc: Some("Etc/GMT-8")
            })
        );
        assert_eq!(
            verdict("UTC+5:30", year()),
            Verdict::Unknown(Meant::Offset {
                offset: 330,
                etc: None
            })
        );
    }

    #[test]
    fn clocks_read_from_now() {
        let june_2027: Timestamp = "2027-06-01T00:00:00Z".parse().unwrap();
        assert_eq!(
            Clocks::of("Australia/Sydney", june_2027),
            Some(Clocks::Seasons {
                winter: 600,
                summer: 660,
                from: 10,
                to: 4
            })
        );
        assert_eq!(
            Clocks::of("Asia/Tokyo", Timestamp::MAX),
            Some(Clocks::Fixed(540))
        );
    }

    #[test]
    fn changes_that_are_not_seasons() {
        let change = |offset, year, month| Change {
            offset,
            year,
            month,
        };
        // Daylight saving that stops, the clocks staying forward.
        assert_eq!(
            Clocks::from_changes(-360, vec![change(-300, 2026, 3)]),
            Clocks::Changing {
                now: -360,
                changes: vec![change(-300, 2026, 3)]
            }
        );
        // Back and forth, seen from summer; three changes in 366 days.
        assert_eq!(
            Clocks::from_changes(
                -300,
                vec![
                    change(-360, 2026, 11),
                    change(-300, 2027, 3),
                    change(-360, 2027, 11)
                ]
            ),
            Clocks::Seasons {
                winter: -360,
                summer: -300,
                from: 3,
                to: 11
            }
        );
        // A third offset.
        assert!(matches!(
            Clocks::from_changes(0, vec![change(60, 2026, 3), change(120, 2026, 6)]),
            Clocks::Changing { .. }
        ));
    }
}
