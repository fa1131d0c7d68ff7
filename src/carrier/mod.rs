//! Carriers: their names, the formats and check digits of their tracking numbers, and
//! their official tracking pages, from the public `tracking_number_data` set (see
//! `data/README.md`) and a few sourced additions.
//!
//! [`identify`] takes a tracking number without spaces, in capitals, and the carrier the
//! seller named (if any), and says whose number it is, or what is wrong with it. It knows
//! nothing of labels or fields: `validate` turns its answers into errors.

mod checksum;
mod couriers;
#[cfg(test)]
mod generate;
mod tables;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use crate::pattern::{Pattern, Subject};
use couriers::{CARRIERS, FORMATS, POST_PAGES, S10};
use tables::{Carrier, Format, S10Issuer};

/// One of the known carriers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct CarrierId(usize);

/// One tracking-number format: of the list, or UPU S10 (shared by the posts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FormatId {
    Listed(usize),
    S10,
}

impl CarrierId {
    fn get(self) -> Option<&'static Carrier> {
        CARRIERS.get(self.0)
    }

    /// The name printed on labels, e.g. `UPS`, `Royal Mail`.
    pub(crate) fn name(self) -> &'static str {
        self.get().map_or("", |c| c.name)
    }

    /// Whether the carrier issues numbers of other formats than the data's (a post, EMS,
    /// DHL, DPD, …): see [`Carrier::open`].
    fn open(self) -> bool {
        self.get().is_some_and(|c| c.open)
    }

    /// Whether the carrier is a post (it issues the S10 numbers of a country).
    fn is_post(self) -> bool {
        matches!(self.get().and_then(|c| c.s10), Some(S10Issuer::Country(_)))
    }

    /// The carrier's formats, its S10 numbers last.
    fn formats(self) -> impl Iterator<Item = FormatId> {
        let carrier = self.get();
        let code = carrier.map_or("", |c| c.code);
        let s10 = carrier.and_then(|c| c.s10).map(|_| FormatId::S10);
        FORMATS
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.carrier == code)
            .map(|(i, _)| FormatId::Listed(i))
            .chain(s10)
    }

    /// A valid number of the carrier's S10 numbers: the UPU's own example serial.
    fn s10_example(self) -> String {
        match self.get().and_then(|c| c.s10) {
            Some(S10Issuer::Country(country)) => format!("RR473124829{country}"),
            _ => "EE473124829CN".to_owned(),
        }
    }
}

impl FormatId {
    fn get(self) -> &'static Format {
        match self {
            FormatId::Listed(i) => FORMATS.get(i).unwrap_or(&S10),
            FormatId::S10 => &S10,
        }
    }

    /// The format's name, e.g. `FedEx Express (12)`, `S10`.
    pub(crate) fn name(self) -> &'static str {
        self.get().name
    }

    /// Whether the format has a check digit.
    pub(crate) fn has_check_digit(self) -> bool {
        self.get().checksum.is_some()
    }
}

/// The lookup key of a carrier name: letters and digits only, lower case (`J&T Express`,
/// `j&t express` and `JT-Express` are one key).
pub(crate) fn name_key(name: &str) -> String {
    // Most names are ASCII: the same key, byte by byte.
    if name.is_ascii() {
        let mut key = String::with_capacity(name.len());
        key.extend(
            name.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return key;
    }
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The names a carrier goes by: its code, its name, its other names.
fn names(carrier: &Carrier) -> impl Iterator<Item = &'static str> {
    [carrier.code, carrier.name]
        .into_iter()
        .chain(carrier.aliases.iter().copied())
}

/// Every carrier's names as lookup keys with their carrier, sorted (by key, then by the
/// carrier's place in the table): made once, on the first lookup, so that a label's carrier
/// is a binary search, not a pass over every name of every carrier.
static KEYS: LazyLock<Vec<(String, CarrierId)>> = LazyLock::new(|| {
    let mut keys: Vec<(String, CarrierId)> = CARRIERS
        .iter()
        .enumerate()
        .flat_map(|(i, c)| names(c).map(move |n| (name_key(n), CarrierId(i))))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
});

/// The keys that start with `key`, with their carriers.
fn keys_from(key: &str) -> impl Iterator<Item = &'static (String, CarrierId)> {
    let first = KEYS.partition_point(|(k, _)| k.as_str() < key);
    KEYS[first..]
        .iter()
        .take_while(move |(k, _)| k.starts_with(key))
}

/// The carrier whose code, name or other name has this key, if any (the first in the table
/// when several have).
fn carrier_of_key(key: &str) -> Option<CarrierId> {
    if key.is_empty() {
        return None;
    }
    keys_from(key)
        .take_while(|(k, _)| k == key)
        .map(|&(_, id)| id)
        .next()
}

/// The carrier called `name` (its code, name or another name it goes by, or that followed
/// by a service: `UPS Ground`, `Royal Mail Tracked 48`; see [`named_in`]), if known.
pub(crate) fn find_carrier(name: &str) -> Option<CarrierId> {
    named_in(name).map(|(carrier, _)| carrier)
}

/// The carrier `name` names, and what the seller wrote after its name (`""` when nothing).
///
/// `name` names a carrier when it is one of the carrier's names (case, spaces and
/// punctuation aside), or when its leading words are and no other carrier has a name that
/// starts so: `UPS Ground` and `ups-ground` are UPS's (`Ground` after), `FedEx Home
/// Delivery` FedEx's, `Royal Mail Tracked 48` Royal Mail's; `La Poste Colissimo` is no
/// carrier's, since `La Poste Suisse`, `La Poste Monaco`, … start like `La Poste`.
pub(crate) fn named_in(name: &str) -> Option<(CarrierId, &str)> {
    if let Some(carrier) = carrier_of_key(&name_key(name)) {
        return Some((carrier, ""));
    }
    // The ends of the words (runs of letters and digits), the last one aside: that prefix
    // is the whole name, already looked up.
    let mut ends: Vec<usize> = name
        .char_indices()
        .zip(name.chars().skip(1).map(Some).chain(std::iter::once(None)))
        .filter(|((_, c), next)| c.is_alphanumeric() && !next.is_some_and(char::is_alphanumeric))
        .map(|((i, c), _)| i + c.len_utf8())
        .collect();
    ends.pop();
    ends.iter().rev().find_map(|&end| {
        let (lead, rest) = (name.get(..end)?, name.get(end..)?);
        let key = name_key(lead);
        let carrier = carrier_of_key(&key)?;
        let shared = keys_from(&key).any(|&(_, id)| id != carrier);
        let rest = rest
            .trim_start_matches(|c: char| c.is_whitespace() || "-–—/,:;|·".contains(c))
            .trim_end();
        (!shared).then_some((carrier, rest))
    })
}

/// How a label prints the carrier the seller called `given`, when the crate knows it.
#[cfg(test)]
pub(crate) fn printed_name(given: &str) -> Option<String> {
    named_in(given).map(printed)
}

/// How a label prints a carrier the crate knows, from what [`named_in`] found in the name
/// the seller gave: the carrier's name as it spells it, then what the seller wrote after
/// the name (the service: `UPS Ground`, `FedEx Home Delivery`, `Royal Mail Tracked 48`,
/// `DHL Paket`).
pub(crate) fn printed((carrier, rest): (CarrierId, &str)) -> String {
    if rest.is_empty() {
        carrier.name().to_owned()
    } else {
        format!("{} {rest}", carrier.name())
    }
}

/// The post that issues S10 numbers ending in `country`.
fn post_of(country: &str) -> Option<CarrierId> {
    issuers()
        .posts(country)
        .iter()
        .map(|&(_, post)| post)
        .find(|post| post.get().is_some_and(|c| c.inferable))
}

/// Who issues which numbers, worked out once from `FORMATS` and `CARRIERS`, so that
/// identifying a number looks its owners up instead of comparing the codes of some 200
/// carriers.
struct Issuers {
    /// The carrier of each of `FORMATS`, in order (the first with its code).
    listed: Vec<Option<CarrierId>>,
    /// The posts and the country whose S10 numbers each issues ([`country_key`]), by
    /// country, then in `CARRIERS` order.
    posts: Vec<(u16, CarrierId)>,
    /// The carriers of EMS numbers (S10 numbers whose service indicator starts with `E`),
    /// in `CARRIERS` order.
    ems: Vec<CarrierId>,
}

impl Issuers {
    /// The posts of `country`'s S10 numbers.
    fn posts(&self, country: &str) -> &[(u16, CarrierId)] {
        let Some(key) = country_key(country) else {
            return &[];
        };
        let first = self.posts.partition_point(|&(c, _)| c < key);
        let after = first + self.posts[first..].partition_point(|&(c, _)| c == key);
        self.posts.get(first..after).unwrap_or(&[])
    }
}

/// A country code of two bytes as a number, compared without comparing strings (every
/// post's country is two capitals).
fn country_key(country: &str) -> Option<u16> {
    match country.as_bytes() {
        &[a, b] => Some(u16::from_be_bytes([a, b])),
        _ => None,
    }
}

fn issuers() -> &'static Issuers {
    static ISSUERS: OnceLock<Issuers> = OnceLock::new();
    ISSUERS.get_or_init(|| {
        let ids = || CARRIERS.iter().enumerate().map(|(i, c)| (CarrierId(i), c));
        let mut posts: Vec<(u16, CarrierId)> = ids()
            .filter_map(|(id, c)| match c.s10 {
                Some(S10Issuer::Country(country)) => Some((country_key(country)?, id)),
                _ => None,
            })
            .collect();
        posts.sort_unstable();
        Issuers {
            listed: FORMATS
                .iter()
                .map(|f| ids().find(|(_, c)| c.code == f.carrier).map(|(id, _)| id))
                .collect(),
            posts,
            ems: ids()
                .filter(|(_, c)| c.s10 == Some(S10Issuer::Ems))
                .map(|(id, _)| id)
                .collect(),
        }
    })
}

/// How a number fared against one format: the parts it names borrowed from the number.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fit<'a> {
    /// Not this format's shape.
    NoShape,
    /// The shape, but the wrong check character.
    BadCheck {
        serial: Cow<'a, str>,
        given: &'a str,
        expected: Option<char>,
        /// For S10: the service indicator and the country code.
        service: &'a str,
        country: &'a str,
    },
    /// A number of this format.
    Valid { service: &'a str, country: &'a str },
}

/// A format's patterns, parsed once: the number's, with the slots of the groups `fit`
/// reads, and the serial number's for `prepend_if`.
struct Parsed {
    number: Option<Pattern>,
    slots: Slots,
    prepend_if: Option<Pattern>,
}

/// Where a number pattern captures each part a check reads.
#[derive(Default)]
struct Slots {
    service: Option<usize>,
    country: Option<usize>,
    serial: Option<usize>,
    check: Option<usize>,
}

/// The patterns, parsed once: `FORMATS` in order, then S10. A pattern that does not parse
/// (the generator test makes sure none) matches nothing.
fn patterns() -> &'static [Parsed] {
    static PATTERNS: OnceLock<Vec<Parsed>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        FORMATS
            .iter()
            .chain(std::iter::once(&S10))
            .map(|f| {
                let number = Pattern::parse(f.pattern).ok();
                let slot = |name: &str| number.as_ref().and_then(|p| p.slot(name));
                Parsed {
                    slots: Slots {
                        service: slot("ServiceType"),
                        country: slot("CountryCode"),
                        serial: slot("SerialNumber"),
                        check: slot("CheckDigit"),
                    },
                    number,
                    prepend_if: f.prepend_if.and_then(|(p, _)| Pattern::parse(p).ok()),
                }
            })
            .collect()
    })
}

/// The patterns of `format`.
fn pattern_of(format: FormatId) -> Option<&'static Parsed> {
    let slot = match format {
        FormatId::Listed(i) => i,
        FormatId::S10 => FORMATS.len(),
    };
    patterns().get(slot)
}

fn fit<'a>(format: FormatId, number: &Subject<'a>) -> Fit<'a> {
    let Some(parsed) = pattern_of(format) else {
        return Fit::NoShape;
    };
    let Some(caps) = parsed.number.as_ref().and_then(|p| p.captures_of(number)) else {
        return Fit::NoShape;
    };
    let f = format.get();
    let slots = &parsed.slots;
    let service = caps.at(slots.service).unwrap_or("");
    let country = caps.at(slots.country).unwrap_or("");
    // An S10 number of a country the data has no post for is still S10, its check digit
    // checked: it is no carrier's (`owners`), not of no shape.
    let Some(checksum) = f.checksum else {
        return Fit::Valid { service, country };
    };
    let mut serial = Cow::Borrowed(caps.at(slots.serial).unwrap_or(""));
    if let (Some((_, prefix)), Some(rule)) = (f.prepend_if, &parsed.prepend_if)
        && rule.captures(&serial).is_some()
    {
        serial = Cow::Owned(format!("{prefix}{serial}"));
    }
    let given = caps.at(slots.check).unwrap_or("");
    if checksum.verifies(&serial, given) {
        Fit::Valid { service, country }
    } else {
        Fit::BadCheck {
            expected: checksum.expected(&serial),
            serial,
            given,
            service,
            country,
        }
    }
}

/// Whether S10 numbers of this `service` and `country` are `carrier`'s.
fn issues(carrier: CarrierId, service: &str, country: &str) -> bool {
    match carrier.get().and_then(|c| c.s10) {
        Some(S10Issuer::Country(issuer)) => issuer == country,
        Some(S10Issuer::Ems) => service.starts_with('E'),
        None => false,
    }
}

/// The carriers whose number `format` makes it (`fit` being valid or a bad check), in
/// `CARRIERS` order.
fn owners(format: FormatId, service: &str, country: &str) -> Owners {
    let issuers = issuers();
    let none = Owners {
        listed: None,
        posts: &[],
        ems: &[],
    };
    match format {
        FormatId::Listed(i) => Owners {
            listed: issuers.listed.get(i).copied().flatten(),
            ..none
        },
        // The data's S10 numbers are valid only for a post it knows (`needs_post`).
        FormatId::S10 if S10.needs_post && post_of(country).is_none() => none,
        FormatId::S10 => Owners {
            posts: issuers.posts(country),
            ems: match service.starts_with('E') {
                true => &issuers.ems,
                false => &[],
            },
            ..none
        },
    }
}

/// The carriers of [`owners`]: a listed format's, or the posts and EMS carriers that issue
/// an S10 number, merged in `CARRIERS` order (a carrier is a post or EMS, never both).
struct Owners {
    listed: Option<CarrierId>,
    posts: &'static [(u16, CarrierId)],
    ems: &'static [CarrierId],
}

impl Iterator for Owners {
    type Item = CarrierId;

    fn next(&mut self) -> Option<CarrierId> {
        if let Some(carrier) = self.listed.take() {
            return Some(carrier);
        }
        let post = self.posts.split_first();
        let ems = self.ems.split_first();
        match (post, ems) {
            (Some((&(_, p), rest)), Some((&e, _))) if p < e => {
                self.posts = rest;
                Some(p)
            }
            (_, Some((&e, rest))) => {
                self.ems = rest;
                Some(e)
            }
            (Some((&(_, p), rest)), None) => {
                self.posts = rest;
                Some(p)
            }
            (None, None) => None,
        }
    }
}

/// Whose number a tracking number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Identity {
    /// The carrier's number, of this format (`None`: a post's number that is not S10, which
    /// the data does not describe, accepted as the seller gave it).
    Known(CarrierId, Option<FormatId>),
    /// No carrier was named and no check-digit format matches: a number the data does not
    /// know.
    Unknown,
}

/// A number and the format it matched, for messages.
pub(crate) type Match = (CarrierId, FormatId);

/// What is wrong with a tracking number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The shape of `format` (of `carrier`, unless S10), the wrong check character.
    CheckDigit {
        carrier: Option<CarrierId>,
        format: FormatId,
        serial: String,
        given: String,
        expected: Option<char>,
    },
    /// Valid for other carriers than the one named.
    WrongCarrier {
        named: CarrierId,
        actual: Vec<Match>,
    },
    /// No carrier named, and valid for several.
    Ambiguous { candidates: Vec<Match> },
    /// None of the named carrier's formats.
    NotOfCarrier {
        named: CarrierId,
        /// Each format's name and a valid example.
        expected: Vec<(&'static str, String)>,
    },
}

/// Whether `number` looks like an S10 number (two letters, digits, two letters), right or
/// wrong: such a number named for a post must be one of the posts' S10 numbers.
fn s10_like(number: &str) -> bool {
    let b = number.as_bytes();
    b.len() > 4
        && b.iter().take(2).all(u8::is_ascii_uppercase)
        && b.iter().rev().take(2).all(u8::is_ascii_uppercase)
        && b.get(2..b.len() - 2)
            .is_some_and(|mid| mid.iter().all(u8::is_ascii_digit))
}

/// Whether a number is distinctive enough for its shape and check digit to say whose it
/// is: it has a letter (UPS `1Z…`, S10, OnTrac `C…`, a DPD check letter). All-digit
/// numbers are not: a check digit of one digit (mod 7, mod 10) matches one random number
/// in 7 to 10, and many carriers' all-digit numbers are not in the data (DHL Paket, DPD,
/// the posts' domestic numbers). So an all-digit match is weak evidence: it never names a
/// carrier, never makes a number another carrier's, and its wrong check digit is refused
/// only for a carrier whose formats the data knows all of.
fn lettered(number: &str) -> bool {
    number.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Every format: `FORMATS` in order, then S10.
fn all_formats() -> impl Iterator<Item = FormatId> {
    (0..FORMATS.len())
        .map(FormatId::Listed)
        .chain(std::iter::once(FormatId::S10))
}

/// For each length a number without spaces may have (up to [`MAX_LEN`](crate::TrackingNumber::MAX_LEN)),
/// the formats whose numbers may have it, in [`all_formats`] order: identifying a number
/// tries only those, where trying the others would only find that they cannot match.
fn by_length() -> &'static [Vec<FormatId>] {
    static BY_LENGTH: OnceLock<Vec<Vec<FormatId>>> = OnceLock::new();
    BY_LENGTH.get_or_init(|| {
        (0..=crate::TrackingNumber::MAX_LEN)
            .map(|len| {
                all_formats()
                    .filter(|&f| {
                        pattern_of(f)
                            .and_then(|p| p.number.as_ref())
                            .is_some_and(|p| p.may_match_unspaced(len))
                    })
                    .collect()
            })
            .collect()
    })
}

/// How a number fares against every format of the data, S10 last: the formats whose
/// shape it has (a valid number or a wrong check character), in order, worked out once per
/// number for [`Fits::known_shape`] and [`identify`].
pub(crate) struct Fits<'a>(Vec<(FormatId, Fit<'a>)>);

impl<'a> Fits<'a> {
    /// Fits `number` (no spaces, capitals) to every format.
    pub(crate) fn of(number: &'a str) -> Fits<'a> {
        let subject = Subject::new(number);
        let shaped = |f: FormatId| {
            let fit = fit(f, &subject);
            (fit != Fit::NoShape).then_some((f, fit))
        };
        // A number without spaces is tried only with the formats of its length.
        Fits(match by_length().get(number.len()) {
            Some(formats) if !subject.spaced() => {
                formats.iter().copied().filter_map(shaped).collect()
            }
            _ => all_formats().filter_map(shaped).collect(),
        })
    }

    /// Whether the number is of a shape the data knows: one of its formats with a right
    /// check digit, or format only; S10 with a right check digit, whatever its country.
    /// Such a number is kept in its canonical form.
    pub(crate) fn known_shape(&self) -> bool {
        self.0
            .iter()
            .any(|(_, fit)| matches!(fit, Fit::Valid { .. }))
    }
}

/// Whose number `number` (no spaces, capitals) is, when `named` (if any) is the carrier
/// the seller named. Only a number with letters ([`lettered`]) names a carrier by itself
/// or is another carrier's.
///
/// - Named: one of its formats, check digit right; else, for a post, an S10 number of any
///   post (a destination post delivers the origin post's items under their number); else,
///   if it is a lettered number valid for other carriers, [`Problem::WrongCarrier`]; else
///   a check-digit error in one of its shapes (S10 for a post: any post's), when the
///   number is lettered or the carrier's formats are all the data knows of it; else a
///   check-digit error for a lettered number with a wrong check character in any shape;
///   else, for an open carrier ([`Carrier::open`]: a post, EMS, DHL, DPD, …), anything but
///   an S10-like number named for a post or EMS is accepted, of no format; else
///   [`Problem::NotOfCarrier`].
/// - Not named: the carrier whose format and check digit match a lettered number, when
///   there is exactly one (formats without a check digit do not name a carrier on their
///   own); [`Problem::Ambiguous`] for several; a check-digit error for a lettered number
///   with a wrong check character in a shape of the data; else [`Identity::Unknown`].
#[cfg(test)]
pub(crate) fn identify(number: &str, named: Option<CarrierId>) -> Result<Identity, Problem> {
    identify_in(&Fits::of(number), number, named)
}

/// [`identify`] with the number's [`Fits`] worked out already.
pub(crate) fn identify_in(
    fits: &Fits<'_>,
    number: &str,
    named: Option<CarrierId>,
) -> Result<Identity, Problem> {
    let fits = &fits.0;
    let mut valid: Vec<Match> = Vec::new();
    for (format, result) in fits {
        if let Fit::Valid { service, country } = result {
            for carrier in owners(*format, service, country) {
                valid.push((carrier, *format));
            }
        }
    }
    let strong = lettered(number);
    // Carriers a number names by itself: lettered, a check digit verified, one match per
    // carrier.
    let mut checked: Vec<Match> = Vec::new();
    for (carrier, format) in &valid {
        let inferable = carrier.get().is_some_and(|c| c.inferable);
        if strong
            && inferable
            && format.has_check_digit()
            && !checked.iter().any(|(c, _)| c == carrier)
        {
            checked.push((*carrier, *format));
        }
    }
    let bad_check = |wanted: &dyn Fn(FormatId, &str, &str) -> bool| {
        fits.iter().find_map(|(format, result)| match result {
            Fit::BadCheck {
                serial,
                given,
                expected,
                service,
                country,
            } if wanted(*format, service, country) => Some(Problem::CheckDigit {
                carrier: match format {
                    FormatId::Listed(_) => owners(*format, service, country).next(),
                    FormatId::S10 => None,
                },
                format: *format,
                serial: serial.clone().into_owned(),
                given: (*given).to_owned(),
                expected: *expected,
            }),
            _ => None,
        })
    };
    let any_shape = |_: FormatId, _: &str, _: &str| true;

    let Some(named) = named else {
        return match checked.as_slice() {
            [(carrier, format)] => Ok(Identity::Known(*carrier, Some(*format))),
            [] => match bad_check(&any_shape).filter(|_| strong) {
                Some(problem) => Err(problem),
                None => Ok(Identity::Unknown),
            },
            _ => Err(Problem::Ambiguous {
                candidates: checked,
            }),
        };
    };
    if let Some((_, format)) = valid.iter().find(|(c, _)| *c == named) {
        return Ok(Identity::Known(named, Some(*format)));
    }
    // The last mile: a post delivers another post's S10 items under their number.
    let any_posts = valid
        .iter()
        .any(|(c, f)| *f == FormatId::S10 && c.is_post());
    if named.is_post() && any_posts {
        return Ok(Identity::Known(named, Some(FormatId::S10)));
    }
    let others: Vec<Match> = checked.into_iter().filter(|(c, _)| *c != named).collect();
    if !others.is_empty() {
        return Err(Problem::WrongCarrier {
            named,
            actual: others,
        });
    }
    let own = |format: FormatId, service: &str, country: &str| match format {
        FormatId::Listed(_) => owners(format, service, country).any(|c| c == named),
        FormatId::S10 => named.is_post() || issues(named, service, country),
    };
    if (strong || !named.open())
        && let Some(problem) = bad_check(&own)
    {
        return Err(problem);
    }
    // A lettered number with a wrong check digit in another carrier's shape: a typo,
    // whatever carrier is named.
    if strong && let Some(problem) = bad_check(&any_shape) {
        return Err(problem);
    }
    if named.open() {
        let issues_s10 = named.get().is_some_and(|c| c.s10.is_some());
        if !(issues_s10 && s10_like(number)) {
            return Ok(Identity::Known(named, None));
        }
    }
    Err(Problem::NotOfCarrier {
        named,
        expected: named
            .formats()
            .map(|f| {
                let example = match f {
                    FormatId::S10 => named.s10_example(),
                    FormatId::Listed(_) => f.get().example.to_owned(),
                };
                (f.name(), example)
            })
            .collect(),
    })
}

/// The official page where `number` of `carrier` (in `format`, if known) is tracked: the
/// format's page, else the carrier's; for S10 numbers, the issuing post's page (by the
/// last two letters) where one is known.
pub(crate) fn tracking_url(
    carrier: CarrierId,
    format: Option<FormatId>,
    number: &str,
) -> Option<String> {
    let template = match format {
        Some(FormatId::S10) => {
            let country = number.get(number.len().saturating_sub(2)..)?;
            POST_PAGES.iter().find(|p| p.country == country)?.url
        }
        _ => {
            let code = carrier.get()?.code;
            let own = format.and_then(|f| f.get().url);
            let carriers = FORMATS
                .iter()
                .filter(|f| f.carrier == code)
                .find_map(|f| f.url);
            let post = match carrier.get()?.s10 {
                Some(S10Issuer::Country(country)) => POST_PAGES
                    .iter()
                    .find(|p| p.country == country)
                    .map(|p| p.url),
                _ => None,
            };
            own.or(carriers).or(post)?
        }
    };
    Some(template.replace("%s", &url_encode(number)))
}

/// `s` with every byte but unreserved URL characters percent-encoded.
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
