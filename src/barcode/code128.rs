//! Code 128 (ISO/IEC 15417) encoding for shipping-label data.
//!
//! [`encode`] picks the code sets (A, B, C) with a dynamic programme that
//! minimises the number of symbol characters, computes the symbol values
//! ("codewords") itself, and takes the bar/space modules from `barcoders`, the
//! crate the design names. A symbol value's modules are the same in every code
//! set and wherever it stands, so `barcoders` draws each value once per process
//! (a few symbols that hold all 107 of them, [`barcoders_modules`]) and a
//! label's symbol is those patterns in turn: the same modules as `barcoders`
//! drawing the whole symbol, for a table lookup a value where drawing it took
//! about 24,000 instructions a label. The standard width table below lives in
//! the tests (and the fuzz hooks) only, as the cross-check: every test
//! encoding's modules must equal our codewords rendered with it, read back to
//! the data, and equal `barcoders`' modules for the whole symbol; and every
//! value's pattern must equal barcoders'. At run time, once, each symbol
//! `barcoders` draws for the table must have the length its characters give
//! (11 modules each, the check's too, and 13 for the stop).
//!
//! Notes on `barcoders` 2.0 (`src/sym/code128.rs`):
//! - Input is a string whose first char selects the start set: `'À'` (A),
//!   `'Ɓ'` (B) or `'Ć'` (C); the same chars later in the string emit
//!   CODE A / CODE B / CODE C and switch the set it parses with.
//! - Set A control characters are written as themselves (`'\u{0009}'` for
//!   TAB, value 73). Set B value 95 (DEL, 0x7F) must be written as `'÷'`
//!   (U+00F7): `barcoders` has no entry for `'\u{7f}'`.
//! - SHIFT is accepted as `'Ž'` (U+017D, value 98), but `barcoders` does not
//!   apply its meaning: the character after it is still looked up in the
//!   *current* set. We therefore write the shifted character by its symbol
//!   value, i.e. as the current set's character with the same value (TAB
//!   shifted from set B is written `'i'`, value 73). The result is the correct
//!   symbol sequence, and the cross-check confirms the modules. With that,
//!   SHIFT is used whenever it makes the symbol shorter.
//! - FNC1–FNC4 are never emitted here.

use std::sync::OnceLock;

use thiserror::Error;

/// Maximum number of data characters accepted by [`encode`].
pub(crate) const MAX_LEN: usize = 80;

/// Symbol value of SHIFT (sets A and B).
const SHIFT: u8 = 98;
/// Symbol value of CODE C (sets A and B).
const CODE_C: u8 = 99;
/// Symbol value of CODE B (sets A and C).
const CODE_B: u8 = 100;
/// Symbol value of CODE A (sets B and C).
const CODE_A: u8 = 101;
/// Symbol value of FNC1 (all sets).
const FNC1: u8 = 102;
/// Symbol value of Start A.
const START_A: u8 = 103;
/// Symbol value of Start B.
const START_B: u8 = 104;
/// Symbol value of Start C.
const START_C: u8 = 105;
/// Symbol value of Stop.
pub(super) const STOP: u8 = 106;

/// Bar/space widths (bar first) of every Code 128 symbol, indexed by value
/// (ISO/IEC 15417, table 1): the tests' cross-check of `barcoders`.
/// Values 0..=105 are 11 modules wide; the stop (106) is 13 modules wide
/// because it includes the 2-module termination bar.
#[cfg(any(test, fuzzing))]
pub(super) const PATTERNS: [&[u8]; 107] = [
    b"212222", b"222122", b"222221", b"121223", b"121322", b"131222", b"122213", b"122312",
    b"132212", b"221213", b"221312", b"231212", b"112232", b"122132", b"122231", b"113222",
    b"123122", b"123221", b"223211", b"221132", b"221231", b"213212", b"223112", b"312131",
    b"311222", b"321122", b"321221", b"312212", b"322112", b"322211", b"212123", b"212321",
    b"232121", b"111323", b"131123", b"131321", b"112313", b"132113", b"132311", b"211313",
    b"231113", b"231311", b"112133", b"112331", b"132131", b"113123", b"113321", b"133121",
    b"313121", b"211331", b"231131", b"213113", b"213311", b"213131", b"311123", b"311321",
    b"331121", b"312113", b"312311", b"332111", b"314111", b"221411", b"431111", b"111224",
    b"111422", b"121124", b"121421", b"141122", b"141221", b"112214", b"112412", b"122114",
    b"122411", b"142112", b"142211", b"241211", b"221114", b"413111", b"241112", b"134111",
    b"111242", b"121142", b"121241", b"114212", b"124112", b"124211", b"411212", b"421112",
    b"421211", b"212141", b"214121", b"412121", b"111143", b"111341", b"131141", b"114113",
    b"114311", b"411113", b"411311", b"113141", b"114131", b"311141", b"411131", b"211412",
    b"211214", b"211232", b"2331112",
];

/// Errors returned by [`encode`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum Code128Error {
    /// The data is empty.
    #[error("code 128 data is empty")]
    Empty,
    /// The data has more characters than allowed.
    #[error("code 128 data is too long: {len} characters (maximum {max})")]
    TooLong {
        /// Number of characters in the data.
        len: usize,
        /// Maximum number of characters allowed.
        max: usize,
    },
    /// The data contains a character outside ASCII 0..=127.
    #[error("code 128 data contains non-ascii character {ch:?} at position {position}")]
    NotAscii {
        /// The offending character.
        ch: char,
        /// Its 0-based character position.
        position: usize,
    },
    /// A bug in this module or in `barcoders` (e.g. the cross-check failed).
    #[error("internal code 128 error: {0}")]
    Internal(String),
}

/// An encoded Code 128 symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Code128 {
    codewords: Vec<u8>,
    modules: Vec<bool>,
    text: String,
}

impl Code128 {
    /// All symbol values: start, data and code switches, check, stop (106).
    pub(crate) fn codewords(&self) -> &[u8] {
        &self.codewords
    }

    /// The modules, `true` = bar, without quiet zones. The length is
    /// `11 * codewords().len() + 2` (the stop carries the termination bar).
    pub(crate) fn modules(&self) -> &[bool] {
        &self.modules
    }

    /// The encoded data, for the human-readable line.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

/// Encodes `data` (1..=80 ASCII characters) as the shortest Code 128 symbol.
pub(crate) fn encode(data: &str) -> Result<Code128, Code128Error> {
    if data.is_empty() {
        return Err(Code128Error::Empty);
    }
    if let Some((position, ch)) = data.chars().enumerate().find(|(_, ch)| !ch.is_ascii()) {
        return Err(Code128Error::NotAscii { ch, position });
    }
    // All ASCII from here on, so bytes and characters coincide.
    let bytes = data.as_bytes();
    if bytes.len() > MAX_LEN {
        return Err(Code128Error::TooLong {
            len: bytes.len(),
            max: MAX_LEN,
        });
    }

    let mut codewords = plan(bytes)?;
    codewords.push(check_value(&codewords)?);
    codewords.push(STOP);

    let patterns = barcoders_patterns()?;
    let mut modules = Vec::with_capacity(11 * codewords.len() + 2);
    for &value in &codewords {
        let pattern = patterns
            .get(usize::from(value))
            .ok_or_else(|| internal(format!("no pattern for value {value}")))?;
        modules.extend_from_slice(pattern);
    }

    Ok(Code128 {
        codewords,
        modules,
        text: data.to_owned(),
    })
}

fn internal(message: impl Into<String>) -> Code128Error {
    Code128Error::Internal(message.into())
}

/// The modules of every symbol value (index = value, `true` = bar) as `barcoders` draws
/// them, read once per process from [`barcoders_modules`]: 11 modules a value, 13 for the
/// stop.
fn barcoders_patterns() -> Result<&'static [Vec<bool>], Code128Error> {
    static PATTERNS: OnceLock<Result<Vec<Vec<bool>>, String>> = OnceLock::new();
    match PATTERNS.get_or_init(|| barcoders_modules().map_err(|e| e.to_string())) {
        Ok(patterns) => Ok(patterns),
        Err(message) => Err(internal(message.clone())),
    }
}

/// Every value's modules, cut from a few symbols `barcoders` draws: each input (in
/// `barcoders`' spelling, see the module documentation) with the values it holds from its
/// first symbol on, and its symbols before the check. Each symbol must come out 11 modules a
/// symbol character (its check too) and 13 for the stop, or nothing is cut from it.
fn barcoders_modules() -> Result<Vec<Vec<bool>>, Code128Error> {
    // Start C, then the pairs 00 to 99: values 105 and 0 to 99.
    let pairs: String = (0..100).map(|pair| format!("{pair:02}")).collect();
    let all_pairs: Vec<u8> = std::iter::once(START_C).chain(0..100).collect();
    let inputs: [(String, &[u8], usize); 6] = [
        (format!("Ć{pairs}"), &all_pairs, 101),
        // Start A, 'A'; Start B, 'A'.
        ("ÀA".to_owned(), &[START_A], 2),
        ("ƁA".to_owned(), &[START_B], 2),
        // Start C, 00, CODE B, 'a'; Start C, 00, CODE A, 'A'.
        ("Ć00Ɓa".to_owned(), &[START_C, 0, CODE_B], 4),
        ("Ć00ÀA".to_owned(), &[START_C, 0, CODE_A], 4),
        // Start C, FNC1, 00: FNC1 is never emitted, but every value gets its pattern.
        ("ĆŹ00".to_owned(), &[START_C, FNC1], 3),
    ];
    let mut patterns: Vec<Option<Vec<bool>>> = vec![None; usize::from(STOP) + 1];
    for (input, values, symbols) in &inputs {
        let modules: Vec<bool> = barcoders::sym::code128::Code128::new(input)
            .map_err(|e| internal(format!("barcoders rejected {input:?}: {e}")))?
            .encode()
            .into_iter()
            .map(|module| module == 1)
            .collect();
        // The symbols, the check and the stop; any other length is not the symbol asked for.
        let stop_at = 11 * (symbols + 1);
        if modules.len() != stop_at + 13 {
            return Err(internal(format!(
                "barcoders gave {} modules for {input:?}, {} expected",
                modules.len(),
                stop_at + 13
            )));
        }
        let cut = values
            .iter()
            .enumerate()
            .map(|(k, &value)| (value, modules.get(11 * k..11 * (k + 1))))
            .chain([(STOP, modules.get(stop_at..))]);
        for (value, pattern) in cut {
            if let Some(slot) = patterns.get_mut(usize::from(value)) {
                *slot = pattern.map(<[bool]>::to_vec);
            }
        }
    }
    patterns
        .into_iter()
        .enumerate()
        .map(|(value, pattern)| pattern.ok_or_else(|| internal(format!("no pattern for {value}"))))
        .collect()
}

/// A Code 128 code set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    A,
    B,
    C,
}

impl Set {
    /// Every set, in table order (see [`Set::index`]).
    const ALL: [Set; 3] = [Set::A, Set::B, Set::C];
    /// Tie-break order when two choices give equally short symbols.
    const PREFERENCE: [Set; 3] = [Set::B, Set::A, Set::C];

    fn index(self) -> usize {
        match self {
            Set::A => 0,
            Set::B => 1,
            Set::C => 2,
        }
    }

    fn start_value(self) -> u8 {
        match self {
            Set::A => START_A,
            Set::B => START_B,
            Set::C => START_C,
        }
    }

    /// Value of the CODE x character that switches to this set.
    fn switch_value(self) -> u8 {
        match self {
            Set::A => CODE_A,
            Set::B => CODE_B,
            Set::C => CODE_C,
        }
    }

    /// `barcoders`' marker for this set (start or switch).
    #[cfg(test)]
    fn marker(self) -> char {
        match self {
            Set::A => 'À',
            Set::B => 'Ɓ',
            Set::C => 'Ć',
        }
    }

    /// The set a SHIFT reaches from this set (none from set C).
    fn shifted(self) -> Option<Set> {
        match self {
            Set::A => Some(Set::B),
            Set::B => Some(Set::A),
            Set::C => None,
        }
    }
}

/// Symbol value of one ASCII byte in set A or B (`None` if not encodable).
fn value_in(set: Set, byte: u8) -> Option<u8> {
    match (set, byte) {
        (Set::A, 0..=31) => Some(byte + 64),
        (Set::A, 32..=95) | (Set::B, 32..=127) => Some(byte - 32),
        _ => None,
    }
}

/// Set C value of the two digits at `i`, if both are digits.
fn digit_pair(bytes: &[u8], i: usize) -> Option<u8> {
    let high = *bytes.get(i)?;
    let low = *bytes.get(i.checked_add(1)?)?;
    (high.is_ascii_digit() && low.is_ascii_digit()).then(|| (high - b'0') * 10 + (low - b'0'))
}

/// Position after the next unit encoded in `set` at `i`, if encodable.
fn unit_end(bytes: &[u8], i: usize, set: Set) -> Option<usize> {
    match set {
        Set::C => digit_pair(bytes, i).map(|_| i + 2),
        Set::A | Set::B => value_in(set, *bytes.get(i)?).map(|_| i + 1),
    }
}

/// How the next unit is encoded from a given state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Encode the next unit in this set, emitting CODE x first if it is not
    /// the current set (one char in A/B, two digits in C).
    In(Set),
    /// SHIFT, then one char of the other set of A/B; the set stays.
    Shift,
}

/// DP cell: fewest symbols for the rest of the data, and the first step.
#[derive(Debug, Clone, Copy)]
struct Cell {
    cost: u32,
    step: Step,
}

fn cost_at(rows: &[[Cell; 3]], i: usize, set: Set) -> Result<u32, Code128Error> {
    rows.get(i)
        .map(|row| row[set.index()].cost)
        .ok_or_else(|| internal("dp position out of range"))
}

/// Chooses code sets with the fewest symbol characters and returns the start
/// and data/switch values (without check and stop).
///
/// `rows[i][s]` is the fewest symbols needed for `bytes[i..]` when set `s` is
/// active. From a state one may encode the next unit in any set (plus one
/// CODE x if it is a different set) or, in A/B, SHIFT and encode one char of
/// the other set. Chained switches are never shorter, so they are not
/// modelled. Ties keep the first option in the order B, A, C, SHIFT (so a
/// switch is preferred over an equally short SHIFT), and the start set is
/// chosen the same way.
fn plan(bytes: &[u8]) -> Result<Vec<u8>, Code128Error> {
    const END: Cell = Cell {
        cost: 0,
        step: Step::In(Set::B),
    };
    let n = bytes.len();
    let mut rows = vec![[END; 3]; n + 1];
    for i in (0..n).rev() {
        let byte = *bytes
            .get(i)
            .ok_or_else(|| internal("dp byte out of range"))?;
        let mut row = [END; 3];
        for current in Set::ALL {
            let mut best: Option<Cell> = None;
            let mut consider = |cost: u32, step: Step| {
                if best.is_none_or(|b| cost < b.cost) {
                    best = Some(Cell { cost, step });
                }
            };
            for target in Set::PREFERENCE {
                if let Some(next) = unit_end(bytes, i, target) {
                    let switch = u32::from(target != current);
                    consider(cost_at(&rows, next, target)? + switch + 1, Step::In(target));
                }
            }
            if let Some(other) = current.shifted()
                && value_in(other, byte).is_some()
            {
                consider(cost_at(&rows, i + 1, current)? + 2, Step::Shift);
            }
            row[current.index()] = best.ok_or_else(|| internal("no encoding for a byte"))?;
        }
        *rows
            .get_mut(i)
            .ok_or_else(|| internal("dp row out of range"))? = row;
    }

    let mut start = Set::B;
    let mut best = u32::MAX;
    for set in Set::PREFERENCE {
        let cost = cost_at(&rows, 0, set)?;
        if cost < best {
            (start, best) = (set, cost);
        }
    }

    let mut codewords = vec![start.start_value()];
    let mut set = start;
    let mut i = 0;
    while i < n {
        let row = rows.get(i).ok_or_else(|| internal("dp row out of range"))?;
        let byte = *bytes
            .get(i)
            .ok_or_else(|| internal("dp byte out of range"))?;
        match row[set.index()].step {
            Step::In(target) => {
                if target != set {
                    codewords.push(target.switch_value());
                    set = target;
                }
                let value = match target {
                    Set::C => digit_pair(bytes, i),
                    Set::A | Set::B => value_in(target, byte),
                };
                codewords.push(value.ok_or_else(|| internal("dp chose an invalid set"))?);
                i += if target == Set::C { 2 } else { 1 };
            }
            Step::Shift => {
                let value = set
                    .shifted()
                    .and_then(|other| value_in(other, byte))
                    .ok_or_else(|| internal("dp chose an invalid shift"))?;
                codewords.extend([SHIFT, value]);
                i += 1;
            }
        }
    }
    Ok(codewords)
}

/// The mod-103 check value: start value plus each following value times its
/// position (starting at 1).
fn check_value(values: &[u8]) -> Result<u8, Code128Error> {
    let sum: u32 = values
        .iter()
        .enumerate()
        .map(|(position, &value)| u32::from(value) * u32::try_from(position.max(1)).unwrap_or(0))
        .sum();
    u8::try_from(sum % 103).map_err(|_| internal("check value out of range"))
}

/// `barcoders`' spelling of data value `value` (0..=95) in set A or B.
#[cfg(test)]
fn barcoders_char(set: Set, value: u8) -> Option<char> {
    match (set, value) {
        (Set::A | Set::B, 0..=63) | (Set::B, 64..=94) => Some(char::from(value + 32)),
        (Set::A, 64..=95) => Some(char::from(value - 64)),
        (Set::B, 95) => Some('÷'),
        _ => None,
    }
}

/// Builds the `barcoders` input for start + data/switch values: how the whole symbol was
/// once drawn a label at a time, kept to check [`encode`]'s modules against.
#[cfg(test)]
fn barcoders_input(values: &[u8]) -> Result<String, Code128Error> {
    let mut iter = values.iter().copied();
    let mut set = match iter.next() {
        Some(START_A) => Set::A,
        Some(START_B) => Set::B,
        Some(START_C) => Set::C,
        other => return Err(internal(format!("bad start value {other:?}"))),
    };
    let mut out = String::new();
    out.push(set.marker());
    let mut shifted = false;
    for value in iter {
        let unexpected = || internal(format!("unexpected value {value} in set {set:?}"));
        if shifted {
            // Written as the current set's char with the same value (see the
            // module documentation).
            out.push(barcoders_char(set, value).ok_or_else(unexpected)?);
            shifted = false;
            continue;
        }
        match (set, value) {
            (Set::C, 0..=99) => {
                out.push(char::from(b'0' + value / 10));
                out.push(char::from(b'0' + value % 10));
            }
            (Set::A | Set::B, 0..=95) => {
                out.push(barcoders_char(set, value).ok_or_else(unexpected)?)
            }
            (Set::A | Set::B, SHIFT) => {
                out.push('Ž');
                shifted = true;
            }
            (Set::A | Set::B, CODE_C) | (Set::A | Set::C, CODE_B) | (Set::B | Set::C, CODE_A) => {
                set = match value {
                    CODE_A => Set::A,
                    CODE_B => Set::B,
                    _ => Set::C,
                };
                out.push(set.marker());
            }
            _ => return Err(unexpected()),
        }
    }
    if shifted {
        return Err(internal("shift without a following value"));
    }
    Ok(out)
}

/// Appends the modules of a width pattern (bar first).
#[cfg(test)]
fn push_widths(out: &mut Vec<bool>, widths: &[u8]) {
    for (k, &width) in widths.iter().enumerate() {
        let bar = k % 2 == 0;
        out.extend(std::iter::repeat_n(
            bar,
            usize::from(width.saturating_sub(b'0')),
        ));
    }
}

/// Renders full codewords (including check and stop) with [`PATTERNS`].
#[cfg(test)]
fn render(codewords: &[u8]) -> Result<Vec<bool>, Code128Error> {
    let mut out = Vec::with_capacity(codewords.len() * 11 + 2);
    for &value in codewords {
        let widths = PATTERNS
            .get(usize::from(value))
            .ok_or_else(|| internal(format!("no pattern for value {value}")))?;
        push_widths(&mut out, widths);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::code128_decode::{codewords_to_text, modules_to_codewords, modules_to_text};
    use super::*;

    /// Encodes and checks every invariant; returns the codewords.
    fn encode_checked(data: &str) -> Vec<u8> {
        let code = encode(data).unwrap_or_else(|e| panic!("encode({data:?}): {e}"));
        let codewords = code.codewords();
        assert_eq!(code.text(), data);
        assert_eq!(code.modules().len(), 11 * codewords.len() + 2, "{data:?}");
        // The modules are our codewords drawn with the standard's width table, and what
        // barcoders draws for the whole symbol.
        assert_eq!(
            code.modules(),
            render(codewords).unwrap().as_slice(),
            "{data:?}"
        );
        let input = barcoders_input(&codewords[..codewords.len() - 2]).unwrap();
        let whole: Vec<bool> = barcoders::sym::code128::Code128::new(&input)
            .unwrap_or_else(|e| panic!("barcoders rejected {input:?}: {e}"))
            .encode()
            .into_iter()
            .map(|module| module == 1)
            .collect();
        assert_eq!(code.modules(), whole.as_slice(), "{data:?}");
        let decoded = modules_to_codewords(code.modules());
        assert_eq!(decoded.as_deref(), Some(codewords), "{data:?}");
        assert_eq!(codewords_to_text(codewords).as_deref(), Some(data));
        assert_eq!(modules_to_text(code.modules()).as_deref(), Some(data));
        codewords.to_vec()
    }

    /// Expected full codewords. Check = (start + sum of value * position)
    /// mod 103, worked out in each comment.
    const CASES: &[(&str, &[u8])] = &[
        // StartC 12 34 56 CodeB 7 A | 105+12*1+34*2+56*3+100*4+23*5+33*6 = 1066 = 10*103+36
        ("1234567A", &[105, 12, 34, 56, 100, 23, 33, 36, 106]),
        // StartB T T - 2 0 2 6 - CodeC 00 01 23 ("2026" in C would also cost 4 with
        // CodeC/CodeB, tie -> stay in B)
        // 104+52*1+52*2+13*3+18*4+16*5+18*6+22*7+13*8+99*9+0*10+1*11+23*12 = 1995 = 19*103+38
        (
            "TT-2026-000123",
            &[104, 52, 52, 13, 18, 16, 18, 22, 13, 99, 0, 1, 23, 38, 106],
        ),
        // StartB 1 CodeC 23 45 (ties StartC 12 34 CodeB 5; B preferred)
        // 104+17*1+99*2+23*3+45*4 = 568 = 5*103+53
        ("12345", &[104, 17, 99, 23, 45, 53, 106]),
        // StartB 1 CodeC 23 45 67 89 | 104+17+198+69+180+335+534 = 1437 = 13*103+98
        ("123456789", &[104, 17, 99, 23, 45, 67, 89, 98, 106]),
        // StartC 57 82 04 19 33 64 87 52 10
        // 105+57*1+82*2+4*3+19*4+33*5+64*6+87*7+52*8+10*9 = 2078 = 20*103+18
        (
            "578204193364875210",
            &[105, 57, 82, 4, 19, 33, 64, 87, 52, 10, 18, 106],
        ),
        // StartB O R D - CodeC 20 24 05 17 CodeB - CodeC 00 42
        // 104+47*1+50*2+36*3+13*4+99*5+20*6+24*7+5*8+17*9+100*10+13*11+99*12+0*13+42*14
        // = 4306 = 41*103+83
        (
            "ORD-20240517-0042",
            &[
                104, 47, 50, 36, 13, 99, 20, 24, 5, 17, 100, 13, 99, 0, 42, 83, 106,
            ],
        ),
        // StartB p a r c e l | 104+80*1+65*2+82*3+67*4+69*5+76*6 = 1629 = 15*103+84
        ("parcel", &[104, 80, 65, 82, 67, 69, 76, 84, 106]),
        // StartA A B TAB C D | 103+33*1+34*2+73*3+35*4+36*5 = 743 = 7*103+22
        ("AB\tCD", &[103, 33, 34, 73, 35, 36, 22, 106]),
        // StartB a b Shift TAB c d | 104+65*1+66*2+98*3+73*4+67*5+68*6 = 1630 = 15*103+85
        ("ab\tcd", &[104, 65, 66, 98, 73, 67, 68, 85, 106]),
        // StartB a CodeA TAB (ties Shift TAB; switch preferred)
        // 104+65*1+101*2+73*3 = 590 = 5*103+75
        ("a\t", &[104, 65, 101, 73, 75, 106]),
        // StartB Shift TAB a (ties StartA TAB CodeB a; B preferred)
        // 104+98*1+73*2+65*3 = 543 = 5*103+28
        ("\ta", &[104, 98, 73, 65, 28, 106]),
        // StartB a b CodeA TAB TAB CodeB c d (ties two shifts; switch preferred)
        // 104+65*1+66*2+101*3+73*4+73*5+100*6+67*7+68*8 = 2874 = 27*103+93
        (
            "ab\t\tcd",
            &[104, 65, 66, 101, 73, 73, 100, 67, 68, 93, 106],
        ),
        // 4 digits in the middle: B = 4 symbols, CodeC 12 34 CodeB = 4: not worth it.
        // StartB A B 1 2 3 4 C D | 104+33*1+34*2+17*3+18*4+19*5+20*6+35*7+36*8 = 1076
        // = 10*103+46
        ("AB1234CD", &[104, 33, 34, 17, 18, 19, 20, 35, 36, 46, 106]),
        // 6 digits in the middle: B = 6, CodeC 12 34 56 CodeB = 5: worth it.
        // StartB A B CodeC 12 34 56 CodeB C D
        // 104+33*1+34*2+99*3+12*4+34*5+56*6+100*7+35*8+36*9 = 2360 = 22*103+94
        (
            "AB123456CD",
            &[104, 33, 34, 99, 12, 34, 56, 100, 35, 36, 94, 106],
        ),
        // 4 digits at the end: B = 4, CodeC 12 34 = 3. StartB A B CodeC 12 34
        // 104+33*1+34*2+99*3+12*4+34*5 = 720 = 6*103+102
        ("AB1234", &[104, 33, 34, 99, 12, 34, 102, 106]),
        // StartA NUL | 103+64*1 = 167 = 103+64
        ("\0", &[103, 64, 64, 106]),
        // StartB a DEL | 104+65*1+95*2 = 359 = 3*103+50
        ("a\x7f", &[104, 65, 95, 50, 106]),
        // StartC 12 | 105+12 = 117 = 103+14
        ("12", &[105, 12, 14, 106]),
        // StartB 1 | 104+17 = 121 = 103+18
        ("1", &[104, 17, 18, 106]),
        // StartC 00 42 | 105+0*1+42*2 = 189 = 103+86
        ("0042", &[105, 0, 42, 86, 106]),
    ];

    #[test]
    fn known_codewords() {
        for &(data, expected) in CASES {
            assert_eq!(encode_checked(data), expected, "{data:?}");
        }
    }

    #[test]
    fn module_count_and_edges() {
        for &(data, expected) in CASES {
            let code = encode(data).expect("encodes");
            assert_eq!(code.modules().len(), 11 * expected.len() + 2, "{data:?}");
            assert!(code.modules()[0], "starts with a bar");
            assert!(
                code.modules().ends_with(&[false, true, true]),
                "termination bar"
            );
        }
        // "1234567A": 9 codewords -> 101 modules.
        assert_eq!(encode("1234567A").expect("encodes").modules().len(), 101);
    }

    #[test]
    fn first_symbols_render_as_expected() {
        let code = encode("1234567A").expect("encodes");
        let bits: String = code.modules()[..22]
            .iter()
            .map(|&m| if m { '1' } else { '0' })
            .collect();
        // Start C (211232) then value 12 (112232).
        assert_eq!(bits, "11010011100".to_owned() + "10110011100");
        let tail: String = code.modules()[code.modules().len() - 13..]
            .iter()
            .map(|&m| if m { '1' } else { '0' })
            .collect();
        assert_eq!(tail, "1100011101011");
    }

    #[test]
    fn length_limits() {
        let max = "A".repeat(80);
        assert_eq!(encode_checked(&max).len(), 80 + 3);
        let digits = "7".repeat(80);
        assert_eq!(encode_checked(&digits).len(), 40 + 3);
        assert_eq!(
            encode(&"A".repeat(81)),
            Err(Code128Error::TooLong { len: 81, max: 80 })
        );
        assert_eq!(encode(""), Err(Code128Error::Empty));
    }

    #[test]
    fn error_messages() {
        let err = encode("AB€C").expect_err("not ascii");
        assert_eq!(
            err,
            Code128Error::NotAscii {
                ch: '€',
                position: 2
            }
        );
        assert_eq!(
            err.to_string(),
            "code 128 data contains non-ascii character '€' at position 2"
        );
        // Position counts characters, not bytes.
        assert_eq!(
            encode("é1é"),
            Err(Code128Error::NotAscii {
                ch: 'é',
                position: 0
            })
        );
        assert_eq!(
            encode("1\u{80}"),
            Err(Code128Error::NotAscii {
                ch: '\u{80}',
                position: 1
            })
        );
        assert_eq!(Code128Error::Empty.to_string(), "code 128 data is empty");
        assert_eq!(
            encode(&"1".repeat(81)).expect_err("too long").to_string(),
            "code 128 data is too long: 81 characters (maximum 80)"
        );
        assert_eq!(
            Code128Error::Internal("x".into()).to_string(),
            "internal code 128 error: x"
        );
    }

    #[test]
    fn internal_errors_are_reported() {
        // CODE A while in set A (value 101 is FNC4 there).
        assert!(matches!(
            barcoders_input(&[103, 33, 101]),
            Err(Code128Error::Internal(_))
        ));
        assert!(matches!(
            barcoders_input(&[104, 98]),
            Err(Code128Error::Internal(_))
        ));
        assert!(matches!(
            barcoders_input(&[7]),
            Err(Code128Error::Internal(_))
        ));
        assert!(matches!(render(&[107]), Err(Code128Error::Internal(_))));
    }

    #[test]
    fn barcoders_input_spelling() {
        assert_eq!(
            barcoders_input(&[105, 12, 34, 56, 100, 23, 33]).as_deref(),
            Ok("Ć123456Ɓ7A")
        );
        // Shifted TAB from set B is written as the B char of value 73.
        assert_eq!(
            barcoders_input(&[104, 65, 98, 73, 66]).as_deref(),
            Ok("ƁaŽib")
        );
        // Shifted 'a' from set A is written as the A char of value 65 (SOH).
        assert_eq!(
            barcoders_input(&[103, 9, 98, 65]).as_deref(),
            Ok("À)Ž\u{1}")
        );
        assert_eq!(barcoders_input(&[104, 95]).as_deref(), Ok("Ɓ÷"));
        assert_eq!(barcoders_input(&[103, 95, 64]).as_deref(), Ok("À\u{1f}\0"));
    }

    #[test]
    fn shift_is_used_when_shorter() {
        // Shift from A to B: StartA TAB TAB Shift a TAB TAB
        // (switching twice would cost one more).
        let codewords = encode_checked("\t\ta\t\t");
        assert_eq!(&codewords[..7], &[103, 73, 73, 98, 65, 73, 73]);
    }

    #[test]
    fn pattern_table_is_well_formed() {
        for (value, widths) in PATTERNS.iter().enumerate() {
            let total: u32 = widths.iter().map(|w| u32::from(w - b'0')).sum();
            let bars: u32 = widths.iter().step_by(2).map(|w| u32::from(w - b'0')).sum();
            let expected = if value == 106 { 13 } else { 11 };
            assert_eq!(total, expected, "value {value}");
            assert_eq!(bars % 2, 0, "bar modules are even, value {value}");
            assert!(widths.iter().all(|w| (b'1'..=b'4').contains(w)));
        }
        for (i, a) in PATTERNS.iter().enumerate() {
            for b in &PATTERNS[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    /// The width table agrees with barcoders for every value, using
    /// barcoders directly: "Ć" + symbol => StartC, value, check, stop.
    #[test]
    fn pattern_table_matches_barcoders() {
        let mut inputs: Vec<(String, u8)> = (0..=99u8).map(|v| (format!("Ć{v:02}"), v)).collect();
        inputs.extend([
            ("ĆƁ".to_owned(), 100),
            ("ĆÀ".to_owned(), 101),
            ("ĆŹ".to_owned(), 102),
            ("À!".to_owned(), 103),
            ("Ɓ!".to_owned(), 104),
        ]);
        for (input, value) in inputs {
            let bits: Vec<bool> = barcoders::sym::code128::Code128::new(&input)
                .expect("valid barcoders input")
                .encode()
                .into_iter()
                .map(|m| m == 1)
                .collect();
            let (first, symbol) = if value >= 103 { (value, 11) } else { (105, 22) };
            let mut expected = Vec::new();
            push_widths(&mut expected, PATTERNS[usize::from(first)]);
            if value < 103 {
                push_widths(&mut expected, PATTERNS[usize::from(value)]);
            }
            assert_eq!(&bits[..symbol], expected.as_slice(), "{input}");
            let mut stop = Vec::new();
            push_widths(&mut stop, PATTERNS[106]);
            assert!(bits.ends_with(&stop), "{input}");
        }
    }

    /// The patterns read from barcoders once are the standard's, value by value.
    #[test]
    fn barcoders_patterns_are_the_standards() {
        let patterns = barcoders_patterns().unwrap();
        assert_eq!(patterns.len(), PATTERNS.len());
        for (value, (pattern, widths)) in patterns.iter().zip(PATTERNS).enumerate() {
            let mut expected = Vec::new();
            push_widths(&mut expected, widths);
            assert_eq!(pattern, &expected, "value {value}");
        }
    }

    /// Exhaustive search over every sequence of set choices (start set, and
    /// for each unit: stay, switch to A/B/C, or SHIFT); returns the fewest
    /// symbols including start, check and stop.
    fn brute_force_len(data: &[u8]) -> usize {
        fn go(data: &[u8], i: usize, set: Set, used: usize, best: &mut usize) {
            if used >= *best {
                return;
            }
            if i == data.len() {
                *best = used;
                return;
            }
            for target in [Set::A, Set::B, Set::C] {
                let switch = usize::from(target != set);
                match target {
                    Set::C => {
                        if i + 1 < data.len()
                            && data[i].is_ascii_digit()
                            && data[i + 1].is_ascii_digit()
                        {
                            go(data, i + 2, target, used + switch + 1, best);
                        }
                    }
                    Set::A => {
                        if data[i] <= 95 {
                            go(data, i + 1, target, used + switch + 1, best);
                        }
                    }
                    Set::B => {
                        if data[i] >= 32 {
                            go(data, i + 1, target, used + switch + 1, best);
                        }
                    }
                }
            }
            let shift_ok = match set {
                Set::A => data[i] >= 32,
                Set::B => data[i] <= 95,
                Set::C => false,
            };
            if shift_ok {
                go(data, i + 1, set, used + 2, best);
            }
        }
        let mut best = usize::MAX;
        for start in [Set::A, Set::B, Set::C] {
            go(data, 0, start, 1, &mut best);
        }
        best + 2
    }

    #[test]
    fn brute_force_sanity() {
        // Hand counts (start + data + check + stop).
        assert_eq!(brute_force_len(b"1234567A"), 9);
        assert_eq!(brute_force_len(b"AB1234CD"), 11);
        assert_eq!(brute_force_len(b"AB123456CD"), 12);
        assert_eq!(brute_force_len(b"ab\tcd"), 9);
        assert_eq!(brute_force_len(b"12345"), 7);
    }

    #[test]
    fn dp_is_shortest_for_all_short_strings() {
        const ALPHABET: [u8; 5] = [b'0', b'1', b'A', b'a', b'\t'];
        let mut checked = 0;
        for len in 1..=6u32 {
            for mut n in 0..ALPHABET.len().pow(len) {
                let mut data = Vec::new();
                for _ in 0..len {
                    data.push(ALPHABET[n % ALPHABET.len()]);
                    n /= ALPHABET.len();
                }
                let text = String::from_utf8(data.clone()).expect("ascii");
                let codewords = encode_checked(&text);
                assert_eq!(codewords.len(), brute_force_len(&data), "{text:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, 5 + 25 + 125 + 625 + 3125 + 15625);
    }

    #[test]
    fn every_ascii_char_round_trips() {
        for byte in 0..=127u8 {
            let single = char::from(byte).to_string();
            encode_checked(&single);
            encode_checked(&format!("ab{single}cd"));
            encode_checked(&format!("AB{single}CD"));
            encode_checked(&format!("12{single}34"));
        }
        let all: String = (0..=127u8).map(char::from).collect();
        encode_checked(&all[..64]);
        encode_checked(&all[64..]);
        let reversed: String = all.chars().rev().collect();
        encode_checked(&reversed[..80]);
    }

    #[test]
    fn pseudo_random_strings_round_trip_and_are_shortest_for_short_ones() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..1500 {
            let len = usize::try_from(next() % 80).expect("small") + 1;
            let text: String = (0..len)
                .map(|_| {
                    let r = next();
                    // Mostly digits, to exercise set C runs.
                    let byte = if r % 3 == 0 {
                        u8::try_from(r % 128).expect("small")
                    } else {
                        b'0' + u8::try_from(r % 10).expect("small")
                    };
                    char::from(byte)
                })
                .collect();
            let codewords = encode_checked(&text);
            if len <= 8 {
                assert_eq!(
                    codewords.len(),
                    brute_force_len(text.as_bytes()),
                    "{text:?}"
                );
            }
        }
    }
}
