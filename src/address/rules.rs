//! Per-country address rules: required fields, postcode validation and the
//! line layout of a postal address.
//!
//! The data comes from the generated table in `countries.rs` (see
//! `data/README.md` for its provenance and how to regenerate it).

use std::sync::OnceLock;

use crate::pattern::Pattern;

use super::countries::COUNTRIES;
pub(crate) use super::tables::Country;

/// Looks up a country by its ISO 3166-1 alpha-2 code, already upper case: one index into
/// a table of the 676 codes of two capitals, made once (a search of the sorted countries
/// compared strings some eight times a lookup, and every party and customs item looks one
/// up).
pub(crate) fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.get(position(code)?)
}

/// Where the country of `code` (already upper case) is in `COUNTRIES`, for tables kept in
/// the same order: [`country`]'s lookup.
pub(crate) fn position(code: &str) -> Option<usize> {
    static BY_CODE: OnceLock<Vec<Option<usize>>> = OnceLock::new();
    let slot = code_slot(code)?;
    let table = BY_CODE.get_or_init(|| {
        let mut table = vec![None; 26 * 26];
        for (i, country) in COUNTRIES.iter().enumerate() {
            if let Some(entry) = code_slot(country.code).and_then(|s| table.get_mut(s)) {
                *entry = Some(i);
            }
        }
        table
    });
    table.get(slot).copied().flatten()
}

/// Where a code of two capitals sits in [`position`]'s table.
fn code_slot(code: &str) -> Option<usize> {
    match code.as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

/// A field of a postal address, named after its letter in the formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    /// `N`: the recipient's name.
    Name,
    /// `O`: the organisation or company.
    Organisation,
    /// `A`: the street address lines.
    StreetLines,
    /// `D`: the dependent locality (suburb, district, neighbourhood).
    DependentLocality,
    /// `C`: the city or post town.
    City,
    /// `S`: the region (state, province, prefecture, …).
    Region,
    /// `Z`: the postcode.
    Postcode,
    /// `X`: the sorting code (e.g. CEDEX).
    SortingCode,
}

impl Field {
    /// Every field, in the order of the letters `N O A D C S Z X`.
    #[cfg(test)]
    pub(crate) const ALL: [Field; 8] = [
        Field::Name,
        Field::Organisation,
        Field::StreetLines,
        Field::DependentLocality,
        Field::City,
        Field::Region,
        Field::Postcode,
        Field::SortingCode,
    ];

    /// The letter that stands for this field in `fmt`, `require` and `upper`.
    pub(crate) const fn letter(self) -> char {
        match self {
            Field::Name => 'N',
            Field::Organisation => 'O',
            Field::StreetLines => 'A',
            Field::DependentLocality => 'D',
            Field::City => 'C',
            Field::Region => 'S',
            Field::Postcode => 'Z',
            Field::SortingCode => 'X',
        }
    }

    /// The field a format letter stands for, if any.
    pub(crate) const fn from_letter(letter: char) -> Option<Field> {
        Some(match letter {
            'N' => Field::Name,
            'O' => Field::Organisation,
            'A' => Field::StreetLines,
            'D' => Field::DependentLocality,
            'C' => Field::City,
            'S' => Field::Region,
            'Z' => Field::Postcode,
            'X' => Field::SortingCode,
            _ => return None,
        })
    }
}

impl Country {
    /// Whether the country's rules require `field`.
    pub(crate) fn requires(&self, field: Field) -> bool {
        self.require.contains(field.letter())
    }

    /// Whether addresses in this country carry a postcode: the country has a
    /// postcode pattern or its format has a place for one.
    pub(crate) fn uses_postcode(&self) -> bool {
        self.zip.is_some() || self.fmt.contains("%Z")
    }

    /// Whether `postcode` matches the country's pattern as a whole.
    ///
    /// The match is exact: no trimming, and case-sensitive (the patterns are
    /// written for upper case), so callers normalise first. Digits are ASCII
    /// only. A country without a usable pattern accepts any postcode, as
    /// there is nothing to check it against.
    pub(crate) fn postcode_matches(&self, postcode: &str) -> bool {
        match self.postcode_pattern() {
            Some(Compiled::Shared(pattern)) => pattern.captures(postcode).is_some(),
            Some(Compiled::Owned(pattern)) => pattern.captures(postcode).is_some(),
            None => true,
        }
    }

    /// The first example postcode of the country, if it has any.
    pub(crate) fn postcode_example(&self) -> Option<&'static str> {
        self.zipex.first().copied()
    }

    /// The parsed postcode pattern (matched against the whole postcode); parsed at most
    /// once per country of the table, on first use.
    fn postcode_pattern(&self) -> Option<Compiled> {
        let pattern = self.zip?;
        let index = COUNTRIES
            .binary_search_by(|c| c.code.cmp(self.code))
            .ok()
            .filter(|&i| COUNTRIES.get(i).is_some_and(|c| c.zip == self.zip));
        let Some(index) = index else {
            // Not an entry of the table (only tests build such values).
            return Pattern::parse(pattern)
                .ok()
                .map(|p| Compiled::Owned(Box::new(p)));
        };
        static CACHE: OnceLock<Vec<OnceLock<Option<Pattern>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| COUNTRIES.iter().map(|_| OnceLock::new()).collect());
        cache
            .get(index)?
            .get_or_init(|| Pattern::parse(pattern).ok())
            .as_ref()
            .map(Compiled::Shared)
    }
}

/// A postcode pattern either from the per-country cache or parsed for the caller.
enum Compiled {
    /// Parsed once and kept for the life of the program.
    Shared(&'static Pattern),
    /// Parsed for a country that is not in the table.
    Owned(Box<Pattern>),
}

/// Whether every alphabetic character of `text` is Latin: Basic Latin,
/// Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional, or
/// a combining diacritical mark. Text without letters counts as Latin.
pub(crate) fn is_latin(text: &str) -> bool {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| matches!(c, '\0'..='\u{024F}' | '\u{0300}'..='\u{036F}' | '\u{1E00}'..='\u{1EFF}'))
}

/// The parts of an address to lay out with [`format_lines`]. Empty or
/// whitespace-only values count as absent.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Parts<'a> {
    /// Recipient's name.
    pub(crate) name: &'a str,
    /// Organisation or company.
    pub(crate) organisation: Option<&'a str>,
    /// Street address lines, in order.
    pub(crate) street_lines: &'a [String],
    /// Dependent locality (suburb, district, neighbourhood).
    pub(crate) dependent_locality: Option<&'a str>,
    /// City or post town.
    pub(crate) city: Option<&'a str>,
    /// Region (state, province, prefecture, …).
    pub(crate) region: Option<&'a str>,
    /// Postcode.
    pub(crate) postcode: Option<&'a str>,
    /// Sorting code (e.g. CEDEX).
    pub(crate) sorting_code: Option<&'a str>,
}

/// One piece of a format line.
#[derive(Debug, Clone, Copy)]
enum Token<'f> {
    /// Literal text of the format.
    Literal(&'f str),
    /// A field placeholder.
    Field(Field),
}

/// Splits a format into lines of tokens at `%n`. Unknown `%` escapes and a
/// lone trailing `%` are dropped.
fn tokenize(format: &str) -> Vec<Vec<Token<'_>>> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut rest = format;
    while let Some(pos) = rest.find('%') {
        let (literal, tail) = rest.split_at(pos);
        if !literal.is_empty() {
            line.push(Token::Literal(literal));
        }
        let mut chars = tail.chars();
        chars.next(); // the '%'
        match chars.next() {
            Some('n') => lines.push(std::mem::take(&mut line)),
            Some(letter) => line.extend(Field::from_letter(letter).map(Token::Field)),
            None => {}
        }
        rest = chars.as_str();
    }
    if !rest.is_empty() {
        line.push(Token::Literal(rest));
    }
    lines.push(line);
    lines
}

/// Collapses runs of whitespace (and control characters, so that a value
/// cannot break a line) into single spaces and trims the ends.
fn clean(text: &str) -> String {
    if is_clean(text) {
        text.to_owned()
    } else {
        collapse(text)
    }
}

/// [`clean`] of a text that is no longer needed: kept as it is when it is clean.
fn cleaned(text: String) -> String {
    if is_clean(&text) {
        text
    } else {
        collapse(&text)
    }
}

/// What [`clean`] takes for a space between words: white space, and control characters.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// [`clean`] done in full: the words between separators, joined by single spaces.
fn collapse(text: &str) -> String {
    text.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether [`clean`] would give `text` back unchanged (as almost every value, already
/// cleaned by validation, is): words separated by single spaces, none at either end.
fn is_clean(text: &str) -> bool {
    // A separator first is not clean; nor is one after another, nor any but a space.
    let mut after_separator = true;
    for c in text.chars() {
        let separator = is_space(c);
        if separator && (c != ' ' || after_separator) {
            return false;
        }
        after_separator = separator;
    }
    !after_separator || text.is_empty()
}

/// Whether a literal only separates fields (`" "`, `", "`, `"-"`, `"/"`), as
/// opposed to text that means something on its own, such as `"SINGAPORE "`,
/// the prefix `"AX-"` or the postcode mark `"〒"`.
fn is_separator(literal: &str) -> bool {
    literal
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | '-' | '/' | '–' | '—' | '·' | '、' | '，'))
}

/// A token of a line once the field values are known.
#[derive(Debug)]
enum Piece<'f, 'v> {
    /// Literal text of the format.
    Literal(&'f str),
    /// A field's value: one line, or several for the street lines.
    Value(Field, &'v [String]),
    /// A field with no value.
    Empty,
}

/// Chinese characters and Japanese kana, which run together without spaces.
fn is_han_or_kana(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xF900..=0xFAFF // CJK Compatibility Ideographs
        | 0x20000..=0x2FFFF) // CJK Extensions B and later
}

/// `text` in capitals, as the post prints it. Greek capitals drop the accent (tonos) and the
/// breathings, as Greek spelling does: Αθήνα becomes ΑΘΗΝΑ, not ΑΘΉΝΑ. Where the accent kept
/// two vowels apart (Μάιος), the second gets a diaeresis instead, so they do not read as one
/// sound: ΜΑΪΟΣ.
pub(crate) fn capitals(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let is_greek =
        |c: char| ('\u{370}'..='\u{3FF}').contains(&c) || ('\u{1F00}'..='\u{1FFF}').contains(&c);
    let upper = text.to_uppercase();
    if !upper.chars().any(is_greek) {
        return upper;
    }
    let chars: Vec<char> = upper.nfd().collect();
    let is_mark = |c: char| ('\u{300}'..='\u{36F}').contains(&c);
    // Acute (tonos), grave, perispomeni, breathings and iota subscript go; a diaeresis stays.
    let dropped = |c: char| {
        matches!(
            c,
            '\u{301}' | '\u{300}' | '\u{342}' | '\u{313}' | '\u{314}' | '\u{345}'
        )
    };
    let mut out = String::with_capacity(upper.len());
    // The last letter, and whether its accent was dropped.
    let mut previous: Option<char> = None;
    let mut lost_accent = false;
    for (i, &c) in chars.iter().enumerate() {
        if is_mark(c) {
            if previous.is_some_and(is_greek) && dropped(c) {
                lost_accent |= c != '\u{345}';
            } else {
                out.push(c);
            }
            continue;
        }
        out.push(c);
        // The accent sat on the first of two vowels that would otherwise form a diphthong
        // (ΑΙ, ΕΙ, ΟΙ, ΥΙ, ΑΥ, ΕΥ, ΗΥ, ΟΥ).
        let diphthong = matches!(
            (previous, c),
            (Some('Α' | 'Ε' | 'Ο' | 'Υ'), 'Ι') | (Some('Α' | 'Ε' | 'Η' | 'Ο'), 'Υ')
        );
        let marks = chars.get(i + 1..).unwrap_or(&[]);
        let has_diaeresis = marks
            .iter()
            .take_while(|&&m| is_mark(m))
            .any(|&m| m == '\u{308}');
        if lost_accent && diphthong && !has_diaeresis {
            out.push('\u{308}');
        }
        previous = Some(c);
        lost_accent = false;
    }
    out.nfc().collect()
}

/// Lays out an address as label lines in the country's order, with the
/// country's name (in capitals, as UPU practice asks for international mail)
/// as the last line.
///
/// Uses the Latin-script format when `latin` is set and the country has one
/// (see [`is_latin`] to decide). Fields the country prints in upper case are
/// upper-cased. Empty fields are left out together with the separators and
/// prefixes (`"AX-"`, `"〒"`) that belong to them, so no line is empty or
/// starts or ends with a separator; runs of spaces are collapsed.
///
/// A city or dependent locality that the format has no place for (Japan's
/// format has no city: its data expects the ward in the street lines) is
/// kept as an extra street line, after the street lines, or before them in
/// formats that start from the largest unit (name last), unless it repeats
/// another field or literal text of the format. A region or sorting code
/// the format has no place for goes next to the city (see
/// `place_unslotted`). A postcode where the country has no place for one
/// (Hong Kong) is left out: validation drops it for countries without
/// postcodes.
pub(crate) fn format_address(country: &Country, parts: &Parts, latin: bool) -> Vec<FormattedLine> {
    let format = match country.lfmt {
        Some(lfmt) if latin => lfmt,
        _ => country.fmt,
    };
    let lines = tokenize(format);
    let upper = |field: Field, text: String| {
        if country.upper.contains(field.letter()) {
            capitals(&text)
        } else {
            text
        }
    };
    let single = |field: Field, value: Option<&str>| {
        let text = clean(value.unwrap_or(""));
        (!text.is_empty()).then(|| upper(field, text))
    };
    let in_format = |field: Field| {
        lines
            .iter()
            .flatten()
            .any(|t| matches!(t, Token::Field(f) if *f == field))
    };

    let name = single(Field::Name, Some(parts.name));
    let organisation = single(Field::Organisation, parts.organisation);
    let dependent_locality = single(Field::DependentLocality, parts.dependent_locality);
    let city = single(Field::City, parts.city);
    // Where the format prints both, a region that only repeats the city
    // (Madrid in Madrid, Kuala Lumpur in Kuala Lumpur) says nothing more:
    // printed once.
    let both = in_format(Field::City) && in_format(Field::Region);
    let region = single(Field::Region, parts.region).filter(|r| {
        !both
            || city
                .as_ref()
                .is_none_or(|c| c.to_lowercase() != r.to_lowercase())
    });
    let postcode = single(Field::Postcode, parts.postcode);
    let sorting_code = single(Field::SortingCode, parts.sorting_code);

    // Nothing given is left off the label. A city or dependent locality with
    // no place in the format becomes an extra street line; a region without a
    // place gets a line of its own after the city, and a sorting code without
    // one follows the city on its line (see `place_unslotted`). A value that
    // another field or the format's own text already says is not repeated.
    let foldable = [
        (Field::SortingCode, parts.sorting_code),
        (Field::Region, parts.region),
        (Field::City, parts.city),
        (Field::DependentLocality, parts.dependent_locality),
    ];
    let mut extra = Vec::new();
    let mut unslotted = Vec::new();
    // Only a value with no place in the format is weighed against what is said: most
    // addresses have none, and skip gathering it.
    let has_text = |v: Option<&str>| v.is_some_and(|v| v.chars().any(|c| !is_space(c)));
    let outside = foldable
        .iter()
        .any(|(field, value)| !in_format(*field) && has_text(*value));
    if outside {
        let mut said: Vec<String> = lines
            .iter()
            .flatten()
            .filter_map(|t| match t {
                Token::Literal(l) => Some(clean(l).to_lowercase()),
                Token::Field(_) => None,
            })
            .collect();
        said.extend(
            foldable
                .iter()
                .filter(|(field, _)| in_format(*field))
                .map(|(_, v)| clean(v.unwrap_or("")).to_lowercase()),
        );
        for (field, value) in foldable {
            if in_format(field) {
                continue;
            }
            let text = clean(value.unwrap_or(""));
            let key = text.to_lowercase();
            if !text.is_empty() && !said.contains(&key) {
                match field {
                    Field::City | Field::DependentLocality => extra.push(text),
                    _ => unslotted.push((field, upper(field, text))),
                }
            }
            // A dependent locality that repeats the city is not repeated.
            said.push(key);
        }
    }
    let mut street: Vec<String> = parts
        .street_lines
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect();
    if format.find("%N") < format.find("%A") {
        // Smallest unit first: street, then dependent locality, city, region.
        extra.reverse();
        street.append(&mut extra);
    } else {
        // Largest unit first (name last): region, city, dependent locality, street.
        extra.append(&mut street);
        street = extra;
    }
    let street: Vec<String> = street
        .into_iter()
        .map(|l| upper(Field::StreetLines, l))
        .collect();

    fn one(value: &Option<String>) -> Option<&[String]> {
        value.as_ref().map(std::slice::from_ref)
    }
    let value = |field: Field| -> Option<&[String]> {
        match field {
            Field::Name => one(&name),
            Field::Organisation => one(&organisation),
            Field::StreetLines => (!street.is_empty()).then_some(street.as_slice()),
            Field::DependentLocality => one(&dependent_locality),
            Field::City => one(&city),
            Field::Region => one(&region),
            Field::Postcode => one(&postcode),
            Field::SortingCode => one(&sorting_code),
        }
    };

    let mut out = Vec::new();
    for line in &lines {
        let pieces = line
            .iter()
            .map(|t| match *t {
                Token::Literal(l) => Piece::Literal(l),
                Token::Field(f) => value(f).map_or(Piece::Empty, |v| Piece::Value(f, v)),
            })
            .collect();
        render_line(pieces, &mut out);
    }
    place_unslotted(&mut out, unslotted);
    out.push(FormattedLine {
        text: clean(country.name).to_uppercase(),
        fields: Vec::new(),
    });
    out
}

/// Puts a region or sorting code that the country's format has no place for next to the
/// city: a sorting code at the end of the city's line (`69002 LYON CEDEX 02`), a region on a
/// line of its own after it (a British county after the post town). Without a city line, the
/// postcode's line anchors them; without either, they go last.
fn place_unslotted(out: &mut Vec<FormattedLine>, unslotted: Vec<(Field, String)>) {
    for (field, text) in unslotted {
        let anchor = [Field::City, Field::Postcode]
            .iter()
            .find_map(|f| out.iter().rposition(|l| l.fields.contains(f)));
        match (field, anchor.and_then(|i| out.get_mut(i))) {
            (Field::SortingCode, Some(line)) => {
                line.text = format!("{} {text}", line.text);
                line.fields.push(field);
            }
            _ => {
                let at = anchor.map_or(out.len(), |i| i + 1);
                out.insert(
                    at,
                    FormattedLine {
                        text,
                        fields: vec![field],
                    },
                );
            }
        }
    }
}

/// [`format_address`] as plain text lines.
#[cfg(test)]
pub(crate) fn format_lines(country: &Country, parts: &Parts, latin: bool) -> Vec<String> {
    format_address(country, parts, latin)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// One line of a formatted address, and the fields whose values it shows (empty for the
/// country line, which is always last).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FormattedLine {
    /// The text of the line.
    pub(crate) text: String,
    /// The fields on this line, in order.
    pub(crate) fields: Vec<Field>,
}

/// Renders one format line, dropping empty fields and the literals that only
/// made sense next to them, and pushes the resulting non-empty lines.
fn render_line(pieces: Vec<Piece<'_, '_>>, out: &mut Vec<FormattedLine>) {
    // 1. Text literals glued to an empty field (no space between), such as
    //    the postcode prefixes "AX-" or "〒", go with it.
    let glued = |i: usize, pieces: &[Piece<'_, '_>]| match pieces.get(i) {
        Some(Piece::Literal(l)) if !is_separator(l) => {
            let before_empty = matches!(pieces.get(i + 1), Some(Piece::Empty))
                && !l.ends_with(char::is_whitespace);
            let after_empty = i > 0
                && matches!(pieces.get(i - 1), Some(Piece::Empty))
                && !l.starts_with(char::is_whitespace);
            before_empty || after_empty
        }
        _ => false,
    };
    let keep: Vec<bool> = (0..pieces.len())
        .map(|i| !glued(i, &pieces) && !matches!(pieces.get(i), Some(Piece::Empty)))
        .collect();
    let pieces: Vec<Piece<'_, '_>> = pieces
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect();

    // 2. Separators only stand between two pieces of content: drop them at
    //    the ends of the line, and of a run left by dropped fields keep the
    //    last one ("%C, %S %Z" without a region gives "CITY 94043").
    let mut kept: Vec<&Piece<'_, '_>> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if let Piece::Literal(l) = piece
            && is_separator(l)
        {
            let next_is_separator =
                matches!(pieces.get(i + 1), Some(Piece::Literal(n)) if is_separator(n));
            let at_start = kept.is_empty();
            let at_end = pieces
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .all(|p| matches!(p, Piece::Literal(n) if is_separator(n)));
            if next_is_separator || at_start || at_end {
                continue;
            }
        }
        kept.push(piece);
    }

    // 3. Join; street lines break the line. Two fields the format writes
    // together (Korea's `%C%D`, China's `%S%C%D`) run together only in
    // Chinese and Japanese characters, which take no spaces between words; in
    // any other script (Hangul: 강남구 역삼동) they get a space.
    let mut current = FormattedLine::default();
    let mut lines = Vec::new();
    let mut after_value = false;
    for piece in kept {
        match piece {
            Piece::Literal(l) => {
                current.text.push_str(l);
                after_value = false;
            }
            Piece::Value(field, values) => {
                for (n, v) in values.iter().enumerate() {
                    if n > 0 {
                        lines.push(std::mem::take(&mut current));
                    } else if after_value
                        && !(current.text.chars().last().is_some_and(is_han_or_kana)
                            && v.chars().next().is_some_and(is_han_or_kana))
                    {
                        current.text.push(' ');
                    }
                    current.text.push_str(v);
                    current.fields.push(*field);
                }
                after_value = true;
            }
            Piece::Empty => {}
        }
    }
    lines.push(current);
    out.extend(
        lines
            .into_iter()
            .map(|l| FormattedLine {
                text: cleaned(l.text),
                fields: l.fields,
            })
            .filter(|l| !l.text.is_empty()),
    );
}

#[cfg(test)]
mod clean_tests {
    use super::*;

    #[test]
    fn the_shortcut_takes_exactly_the_texts_that_come_back_unchanged() {
        // Every string of up to four characters from letters, a space, the other kinds of
        // white space, a control character and a non-ASCII letter.
        let alphabet = ['a', 'é', ' ', '\u{a0}', '\t', '\n', '\u{3000}', '\u{1}'];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().map_or(0, |l| l.chars().count()))
                .flat_map(|t| alphabet.iter().map(move |&c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        assert_eq!(texts.len(), 1 + 8 + 64 + 512 + 4096);
        for text in &texts {
            assert_eq!(is_clean(text), collapse(text) == *text, "{text:?}");
            assert_eq!(clean(text), collapse(text), "{text:?}");
        }
    }
}
