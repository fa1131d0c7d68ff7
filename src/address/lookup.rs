//! Regions and cities: matching what an address gives against the data's
//! lists, normalising it to the form the post expects, and checking that the
//! postcode lies in the region's range.
//!
//! The lists come from the generated table in `regions.rs` (see
//! `data/README.md`). A region is accepted by its key, its local name, its
//! Latin name or its ISO 3166-2 code (alone, `13`, or with the country,
//! `JP-13`); a city (in the countries whose data lists them) by its key, local
//! name or Latin names. Matching ignores case (Unicode lower case) and extra
//! white space.
//!
//! The normalised form is the key, except in an address written in Latin
//! script when the key is not (Japan's `東京都`, China's `广东省`, the Arabic
//! names of the emirates): then it is the Latin name (`Tokyo`), or the key
//! when the data has no Latin name.
//!
//! Each country's lower-cased index is built once, on first use, and shared
//! across threads; cities and postcode patterns are indexed per region, on
//! first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::pattern::Pattern;
use unicode_normalization::UnicodeNormalization;

use super::regions::REGIONS;
use super::rules::{Country, Field, is_latin};
use super::tables::{City, Region};

/// Up to this many regions (or cities), an unknown one is answered with the
/// complete list; beyond it, with the nearest [`SUGGESTIONS`].
const ALL_UP_TO: usize = 12;

/// How many suggestions an unknown region or city gets when the list is long.
const SUGGESTIONS: usize = 3;

/// Characters of a given value compared when looking for suggestions: enough
/// for any real name, and a bound on the work a very long value causes.
const COMPARED_CHARS: usize = 64;

impl Region {
    /// The form to print: the Latin name (or the key, failing one) in an
    /// address written in Latin script when the key is not; else the key.
    pub(crate) fn display(&self, latin: bool) -> &'static str {
        display(self.key, self.lname, latin)
    }

    /// The region's first example postcode, if it has any.
    pub(crate) fn postcode_example(&self) -> Option<&'static str> {
        self.zipex.first().copied()
    }
}

impl City {
    /// The form to print, by the same rule as [`Region::display`].
    pub(crate) fn display(&self, latin: bool) -> &'static str {
        display(self.key, self.lname, latin)
    }
}

/// The normalised form of a region or city with `key` and Latin name `lname`.
fn display(key: &'static str, lname: Option<&'static str>, latin: bool) -> &'static str {
    if latin && !is_latin(key) {
        lname.unwrap_or(key)
    } else {
        key
    }
}

/// Countries whose post writes the region's name where the data's key is a
/// code: Correos writes Spanish provinces out (`28014 MADRID MADRID`), not
/// as their old vehicle codes (`M`).
const PROVINCE_NAMES: &[&str] = &["ES"];

/// How `region` of `country` is printed: [`Region::display`], or its name in the
/// countries of [`PROVINCE_NAMES`].
fn region_display(country: &Country, region: &Region, latin: bool) -> &'static str {
    if PROVINCE_NAMES.contains(&country.code) {
        region.name.unwrap_or(region.key)
    } else {
        region.display(latin)
    }
}

/// The regions of the country with ISO code `code` (upper case); empty when
/// the data lists none.
#[cfg(test)]
pub(crate) fn regions(code: &str) -> &'static [Region] {
    region_table(code).map_or(&[], |(_, regions)| regions)
}

/// Position in [`REGIONS`] and region list of the country `code`.
fn region_table(code: &str) -> Option<(usize, &'static [Region])> {
    let i = REGIONS.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    REGIONS.get(i).map(|(_, regions)| (i, *regions))
}

/// The region and city of an address as they should be printed: the
/// normalised forms where they were recognised, else as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// The region, normalised when the country lists its regions.
    pub(crate) region: Option<String>,
    /// The city, normalised when the region lists its cities.
    pub(crate) city: Option<String>,
}

/// A problem with the region, city or postcode of an address, found by
/// [`check_place`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlaceProblem {
    /// The country lists its regions and the given one is not among them.
    UnknownRegion {
        /// The region as given.
        given: String,
        /// What is accepted, in the normalised form: every region when `all`,
        /// else the nearest few to what was given.
        accepted: Vec<String>,
        /// Whether `accepted` is the complete list.
        all: bool,
    },
    /// The region lists its cities and the given one is not among them.
    UnknownCity {
        /// The city as given.
        given: String,
        /// The (recognised) region, normalised.
        region: String,
        /// What is accepted, in the normalised form: every city of the
        /// region when `all`, else the nearest few to what was given.
        accepted: Vec<String>,
        /// Whether `accepted` is the complete list.
        all: bool,
    },
    /// The postcode lies outside the range of the (recognised) region.
    PostcodeNotInRegion {
        /// The postcode as given.
        postcode: String,
        /// The region, normalised.
        region: String,
        /// An example postcode of the region, if the data has one.
        example: Option<&'static str>,
    },
}

/// Checks and normalises the region and city of an address in `country`, and
/// checks its postcode against the region's range.
///
/// `region`, `city` and `postcode` are the address's values (trimmed, runs of
/// spaces collapsed, the postcode normalised and already matched against the
/// country's pattern), `None` when absent; `latin` says whether the address is
/// written in Latin script (see [`is_latin`]), which decides the normalised
/// form (see [`Region::display`]).
///
/// - A country without a region list keeps the region as given; so does a
///   blank region.
/// - An unknown region is a [`PlaceProblem::UnknownRegion`] and stops there:
///   neither the city nor the postcode is checked against it.
/// - A region with a city list normalises the city or reports
///   [`PlaceProblem::UnknownCity`]; other cities are kept as given.
/// - A region with a postcode prefix pattern reports
///   [`PlaceProblem::PostcodeNotInRegion`] for a postcode that does not start
///   with it. (Armenia's older six-digit `37…` codes, which its pattern
///   still allows, are not checked: the prefixes are for the four-digit ones.)
///
/// Never panics, whatever the input.
pub(crate) fn check_place(
    country: &Country,
    region: Option<&str>,
    city: Option<&str>,
    postcode: Option<&str>,
    latin: bool,
) -> (Place, Vec<PlaceProblem>) {
    let mut place = Place {
        region: region.map(str::to_owned),
        city: city.map(str::to_owned),
    };
    let mut problems = Vec::new();
    let Some((table, regions)) = region_table(country.code) else {
        return (place, problems);
    };
    let Some(given) = region.filter(|r| !r.trim().is_empty()) else {
        return (place, problems);
    };
    let Some(index) = country_index(table, country.code, regions) else {
        return (place, problems);
    };
    let folded = fold(given);
    let Some((r, found)) = index
        .regions
        .find(&folded)
        .and_then(|r| regions.get(r).map(|found| (r, found)))
    else {
        let (accepted, all) = index.regions.suggest(
            &folded,
            regions.iter().map(|r| region_display(country, r, latin)),
        );
        problems.push(PlaceProblem::UnknownRegion {
            given: given.to_owned(),
            accepted,
            all,
        });
        return (place, problems);
    };
    let region_name = region_display(country, found, latin);
    place.region = Some(region_name.to_owned());

    if !found.cities.is_empty()
        && let Some(given) = city.filter(|c| !c.trim().is_empty())
        && let Some(cities) = index.cities.get(r)
    {
        let cities = cities.get_or_init(|| city_names(found.cities));
        let folded = fold(given);
        match cities.find(&folded).and_then(|c| found.cities.get(c)) {
            Some(known) => place.city = Some(known.display(latin).to_owned()),
            // A city-level region (Seoul, Beijing) lists its districts as cities;
            // the city may be the region itself.
            None if index.regions.find(&folded) == Some(r) => {
                place.city = Some(region_name.to_owned());
            }
            // Where a city is optional (Hong Kong), the data's list is a guide, not
            // the whole list: an unknown city is printed as given.
            None if !country.requires(Field::City) => {}
            None => {
                let (accepted, all) =
                    cities.suggest(&folded, found.cities.iter().map(|c| c.display(latin)));
                problems.push(PlaceProblem::UnknownCity {
                    given: given.to_owned(),
                    region: region_name.to_owned(),
                    accepted,
                    all,
                });
            }
        }
    }

    if let Some(zip) = found.zip
        && let Some(postcode) = postcode.map(str::trim).filter(|p| !p.is_empty())
        && range_applies(country.code, postcode)
        && let Some(pattern) = index.zips.get(r)
        && let Some(pattern) = pattern
            .get_or_init(|| Pattern::parse(&format!("(?:{zip}).*")).ok())
            .as_ref()
        && pattern.captures(postcode).is_none()
    {
        problems.push(PlaceProblem::PostcodeNotInRegion {
            postcode: postcode.to_owned(),
            region: region_name.to_owned(),
            example: found.postcode_example(),
        });
    }
    (place, problems)
}

/// Whether the region prefixes apply to `postcode` in country `code`.
///
/// Armenia's pattern, `(?:37)?\d{4}`, also allows the older six-digit codes
/// (`375010`, the data's own first example); the region prefixes are written
/// for the four-digit codes, so the six-digit ones are not checked.
fn range_applies(code: &str, postcode: &str) -> bool {
    !(code == "AM" && postcode.chars().count() == 6)
}

/// The lower-cased lookup structures of one country.
#[derive(Debug)]
struct CountryIndex {
    /// Every accepted spelling of every region.
    regions: Names,
    /// Per region (same positions as the region list): its cities' spellings,
    /// built on first use.
    cities: Vec<OnceLock<Names>>,
    /// Per region: its postcode prefix pattern, followed by anything (`None` when it
    /// does not parse), built on first use.
    zips: Vec<OnceLock<Option<Pattern>>>,
}

/// The index of the country at position `table` of [`REGIONS`], built on
/// first use. `None` only if `table` is out of range.
fn country_index(
    table: usize,
    code: &str,
    regions: &'static [Region],
) -> Option<&'static CountryIndex> {
    static INDEXES: OnceLock<Vec<OnceLock<CountryIndex>>> = OnceLock::new();
    let indexes = INDEXES.get_or_init(|| REGIONS.iter().map(|_| OnceLock::new()).collect());
    Some(
        indexes
            .get(table)?
            .get_or_init(|| build_country_index(code, regions)),
    )
}

/// Indexes the regions of country `code`: key, names, ISO code and
/// `CODE-ISO`.
fn build_country_index(code: &str, regions: &[Region]) -> CountryIndex {
    let mut names = Names::default();
    for (i, r) in regions.iter().enumerate() {
        for spelling in [Some(r.key), r.name, r.lname, r.isoid]
            .into_iter()
            .flatten()
        {
            names.add(spelling, i);
            // Irish counties are keyed `Co. Dublin`; people write `Dublin` or
            // `County Dublin` as often.
            if let Some(county) = spelling.strip_prefix("Co. ") {
                names.add(county, i);
                names.add(&format!("County {county}"), i);
            }
        }
        if let Some(isoid) = r.isoid {
            names.add(&format!("{code}-{isoid}"), i);
        }
    }
    for (country, alias, official) in REGION_ALIASES {
        if *country == code
            && let Some(i) = names.find(&fold(official))
        {
            names.add(alias, i);
        }
    }
    CountryIndex {
        regions: names,
        cities: regions.iter().map(|_| OnceLock::new()).collect(),
        zips: regions.iter().map(|_| OnceLock::new()).collect(),
    }
}

/// Names people write for a region that the data does not list: (country,
/// alias, a spelling the data has). The co-official Basque, Catalan and
/// Galician names of Spanish provinces, Mexico's former Distrito Federal and
/// common short forms elsewhere.
const REGION_ALIASES: &[(&str, &str, &str)] = &[
    ("CL", "Santiago", "Región Metropolitana de Santiago"),
    ("CL", "Metropolitana", "Región Metropolitana de Santiago"),
    ("ES", "A Coruña", "La Coruña"),
    ("ES", "Alacant", "Alicante"),
    ("ES", "Araba", "Álava"),
    ("ES", "Araba/Álava", "Álava"),
    ("ES", "Baleares", "Islas Baleares"),
    ("ES", "Bizkaia", "Vizcaya"),
    ("ES", "Castelló", "Castellón"),
    ("ES", "Gipuzkoa", "Guipúzcoa"),
    ("ES", "Illes Balears", "Islas Baleares"),
    ("ES", "Lleida", "Lérida"),
    ("ES", "Nafarroa", "Navarra"),
    ("ID", "Yogyakarta", "Daerah Istimewa Yogyakarta"),
    ("ID", "DI Yogyakarta", "Daerah Istimewa Yogyakarta"),
    ("ID", "DIY", "Daerah Istimewa Yogyakarta"),
    ("MX", "DF", "CDMX"),
    ("MX", "Distrito Federal", "CDMX"),
    ("MX", "Coahuila", "Coahuila de Zaragoza"),
    ("MX", "México", "Estado de México"),
    ("MX", "Edomex", "Estado de México"),
    ("MX", "Michoacán de Ocampo", "Michoacán"),
    ("MX", "Veracruz de Ignacio de la Llave", "Veracruz"),
    ("MY", "Penang", "Pulau Pinang"),
    ("MY", "Malacca", "Melaka"),
];

/// Indexes a region's cities: key and names.
fn city_names(cities: &[City]) -> Names {
    let mut names = Names::default();
    for (i, c) in cities.iter().enumerate() {
        for spelling in [Some(c.key), c.name, c.lname, c.lfname]
            .into_iter()
            .flatten()
        {
            names.add(spelling, i);
        }
    }
    names
}

/// Accepted spellings of a list of regions or cities, folded with [`fold`].
#[derive(Debug, Default)]
struct Names {
    /// Spelling → position in the list. On a clash the first entry wins (the
    /// tests check that the data has none).
    by_spelling: HashMap<String, usize>,
    /// Every distinct (spelling, position), in list order, as characters,
    /// for suggestions.
    spellings: Vec<(Box<[char]>, usize)>,
    /// Spelling without diacritics → position, or `None` where two entries
    /// share it: exports often strip accents (`Sao Paulo`), and an
    /// unambiguous match without them is still a match.
    by_plain: HashMap<String, Option<usize>>,
    /// Spelling without diacritics, spaces, dots, hyphens and apostrophes →
    /// position (`None` where ambiguous): `NL` is Mexico's `N.L.`.
    by_compact: HashMap<String, Option<usize>>,
    /// Per distinct (spelling, position): the spelling's core words (without
    /// diacritics and administrative words such as `province` or `sheng`) and
    /// whether it names a city (`city`, `shi`, 市), for the word match of
    /// [`Names::find`].
    cores: Vec<(Vec<String>, bool, usize)>,
}

impl Names {
    /// Adds `spelling` (not yet folded) for the entry at `position`.
    fn add(&mut self, spelling: &str, position: usize) {
        let folded = fold(spelling);
        if folded.is_empty() {
            return;
        }
        let plain = strip_marks(&folded);
        self.cores
            .push((core_words(&plain), names_a_city(&plain), position));
        for (map, spelling) in [
            (&mut self.by_compact, compact(&plain)),
            (&mut self.by_plain, plain),
        ] {
            let entry = map.entry(spelling).or_insert(Some(position));
            if *entry != Some(position) {
                *entry = None;
            }
        }
        if let Some(&existing) = self.by_spelling.get(&folded) {
            if existing == position {
                return;
            }
        } else {
            self.by_spelling.insert(folded.clone(), position);
        }
        self.spellings.push((folded.chars().collect(), position));
    }

    /// The position of the entry spelled `folded`; failing that, the one entry
    /// spelled so once diacritics are ignored; failing that, the one entry
    /// with the same core words (`Guangdong` and `Guangdong Province` for
    /// `Guangdong Sheng`, `Busan` for `Busan-si`). Nothing when that is
    /// ambiguous. A word of a longer name is no match: `York` is not `New York`.
    fn find(&self, folded: &str) -> Option<usize> {
        if let Some(&found) = self.by_spelling.get(folded) {
            return Some(found);
        }
        let plain = strip_marks(folded);
        if let Some(found) = self.by_plain.get(&plain).copied().flatten() {
            return Some(found);
        }
        if let Some(found) = self.by_compact.get(&compact(&plain)).copied().flatten() {
            return Some(found);
        }
        let given = core_words(&plain);
        if given.is_empty() {
            return None;
        }
        // `Quezon City` is a city, not the province of Quezon.
        let city = names_a_city(&plain);
        let mut matches = self
            .cores
            .iter()
            .filter(|(words, is_city, _)| *words == given && (!city || *is_city))
            .map(|(_, _, position)| *position);
        let first = matches.next()?;
        matches.all(|p| p == first).then_some(first)
    }

    /// What to suggest for the unknown `folded`, given each entry's display
    /// form in list order: all of them (and `true`) for a short list, else
    /// the [`SUGGESTIONS`] entries with a spelling nearest to `folded` by
    /// edit distance (ties in list order), without repeats.
    fn suggest(
        &self,
        folded: &str,
        displays: impl ExactSizeIterator<Item = &'static str>,
    ) -> (Vec<String>, bool) {
        let displays: Vec<&'static str> = displays.collect();
        if displays.len() <= ALL_UP_TO {
            let mut all: Vec<String> = Vec::with_capacity(displays.len());
            for d in displays {
                if !all.iter().any(|a| a == d) {
                    all.push(d.to_owned());
                }
            }
            return (all, true);
        }
        let given: Vec<char> = folded.chars().take(COMPARED_CHARS).collect();
        // A near miss is a typo or two away (more in long names) and leaves most of
        // the spelling standing, so that two-letter codes (`OK` for `York`) are not
        // near misses of anything. A spelling whose length differs by more than that
        // cannot be near: its distance is not even computed.
        let limit = (given.len() / 3).max(2);
        let mut near = vec![usize::MAX; displays.len()];
        let mut row = Vec::new();
        for (spelling, position) in &self.spellings {
            if spelling.len().abs_diff(given.len()) > limit {
                continue;
            }
            let d = edit_distance(&given, spelling, &mut row);
            if d * 2 < spelling.len()
                && let Some(n) = near.get_mut(*position)
            {
                *n = (*n).min(d);
            }
        }
        // Failing those, a name that shares a word with the input (`Santiago` in
        // `Región Metropolitana de Santiago`, `York` in `New York`). Failing that,
        // nothing: the nearest of unrelated names would only mislead.
        if near.iter().all(|&d| d > limit) {
            let words = core_words(&strip_marks(folded));
            for (core, _, position) in &self.cores {
                if core.iter().any(|w| words.contains(w))
                    && let Some(n) = near.get_mut(*position)
                {
                    *n = (*n).min(limit);
                }
            }
        }
        let mut order: Vec<usize> = (0..displays.len())
            .filter(|&i| near.get(i).is_some_and(|&d| d <= limit))
            .collect();
        order.sort_by_key(|&i| (near.get(i).copied().unwrap_or(usize::MAX), i));
        let mut nearest: Vec<String> = Vec::with_capacity(SUGGESTIONS);
        for d in order.into_iter().filter_map(|i| displays.get(i)) {
            if nearest.len() == SUGGESTIONS {
                break;
            }
            if !nearest.iter().any(|n| n == d) {
                nearest.push((*d).to_owned());
            }
        }
        (nearest, false)
    }
}

/// Levenshtein distance between `a` and `b` in characters; `row` is scratch
/// space reused between calls.
fn edit_distance(a: &[char], b: &[char], row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != cb);
            let value = cost.min(up.saturating_add(1)).min(left + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
            left = value;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(a.len())
}

/// The form names are compared in: words separated by single spaces,
/// composed (NFC), in Unicode lower case, with `İ` (and its lower case
/// `i\u{307}`) as plain `i`, so that `Istanbul` finds `İstanbul`.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // ASCII is composed already, and lower-cases a byte at a time.
    let ascii = text.is_ascii();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if ascii {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            continue;
        }
        for c in word.nfc() {
            match c {
                'İ' => out.push('i'),
                // Taiwan writes 臺 and 台 alike (臺北市, 台北市); the data uses 台.
                '臺' => out.push('台'),
                // The dot that lower-casing `İ` leaves (`i\u{307}`).
                '\u{307}' if out.ends_with('i') => {}
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Words that name the kind of a region or city rather than which one: left
/// out when words are compared, so `Guangdong Province` finds `Guangdong
/// Sheng` and `Busan` finds `Busan-si`.
const ADMINISTRATIVE_WORDS: &[&str] = &[
    "ken",
    "to",
    "fu",
    "province",
    "provincia",
    "state",
    "region",
    "city",
    "prefecture",
    "county",
    "sheng",
    "shi",
    "zizhiqu",
    "do",
    "si",
    "gun",
    "gu",
];

/// Suffixes that name the kind of a region or city in Chinese, Japanese and
/// Korean script, where words are not separated: `广东省` is also `广东`.
const ADMINISTRATIVE_SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治区",
    "特別市",
    "特别市",
    "특별자치시",
    "특별자치도",
    "특별시",
    "광역시",
    "省",
    "県",
    "市",
    "縣",
    "县",
    "都",
    "府",
    "道",
    "도",
    "시",
];

/// Words and suffixes that say a spelling names a city.
const CITY_WORDS: &[&str] = &["city", "shi", "si"];
const CITY_SUFFIXES: &[&str] = &["市", "시"];

/// Whether a folded, mark-free spelling says it names a city.
fn names_a_city(plain: &str) -> bool {
    plain
        .split(|c: char| c.is_whitespace() || c == '-')
        .any(|w| CITY_WORDS.contains(&w) || CITY_SUFFIXES.iter().any(|s| w.ends_with(s)))
}

/// A folded, mark-free spelling without spaces, dots, hyphens and apostrophes.
fn compact(plain: &str) -> String {
    plain
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\'' | '’'))
        .collect()
}

/// The words of a folded, mark-free spelling that say which place it is.
fn core_words(plain: &str) -> Vec<String> {
    plain
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '.')
        .filter(|w| !w.is_empty() && !ADMINISTRATIVE_WORDS.contains(w))
        .map(|w| {
            ADMINISTRATIVE_SUFFIXES
                .iter()
                .find_map(|s| w.strip_suffix(s).filter(|rest| !rest.is_empty()))
                .unwrap_or(w)
                .to_owned()
        })
        .collect()
}

/// `folded` without combining marks: `são paulo` → `sao paulo`, `hà nội` →
/// `ha noi`. Letters that are not a base letter plus marks (`ø`, `ł`) stay.
fn strip_marks(folded: &str) -> String {
    folded
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .collect()
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn ascii_folds_as_any_text_folds() {
        // The character by character path, as it folds text that is not ASCII.
        let by_char = |text: &str| {
            let mut out = String::new();
            for word in text.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                word.nfc().for_each(|c| out.extend(c.to_lowercase()));
            }
            out
        };
        let mut texts: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        texts.extend(
            [
                "  New   York ",
                "SAINT-DENIS",
                "Wan Chai\tHK",
                "a\u{b}b",
                "Mountain View",
                "guangdong SHENG",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(fold(text), by_char(text), "{text:?}");
        }
        assert_eq!(fold("  New   York "), "new york");
    }

    #[test]
    fn marks_are_stripped_for_the_fallback_match() {
        assert_eq!(strip_marks(&fold("São Paulo")), "sao paulo");
        assert_eq!(strip_marks(&fold("Hà Nội")), "ha noi");
        assert_eq!(strip_marks("łódź"), "łodz");
    }

    #[test]
    fn core_words_leave_out_administrative_words_and_suffixes() {
        assert_eq!(core_words("guangdong sheng"), ["guangdong"]);
        assert_eq!(core_words("gyeonggi-do"), ["gyeonggi"]);
        assert_eq!(core_words("广东省"), ["广东"]);
        assert_eq!(
            core_words("region metropolitana de santiago"),
            ["metropolitana", "de", "santiago"]
        );
        assert_eq!(core_words("shi"), Vec::<String>::new());
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  São   PAULO "), "são paulo");
        assert_eq!(fold("Sa\u{303}o Paulo"), "são paulo");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("i\u{307}stanbul"), "istanbul");
        assert_eq!(fold("\u{307}i"), "\u{307}i");
        assert_eq!(fold("\t"), "");
    }

    #[test]
    fn distances() {
        let d = |a: &str, b: &str| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            edit_distance(&a, &b, &mut Vec::new())
        };
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("東京都", "東京"), 1);
        assert_eq!(d("same", "same"), 0);
    }
}
