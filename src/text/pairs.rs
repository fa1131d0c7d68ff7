//! Printable ASCII but `f`, in the bundled Noto Sans (regular or bold), shaped without the
//! shaper: each character's glyph from the character map, at the advance the shaper gives it
//! before the character that follows. Those advances are the shaper's own, for each pair of
//! characters as it is first met (and each character last on its line), kept for the
//! process.
//!
//! Every order number is a line shaped once, as are a batch's new names, streets and
//! towns: most of them printable ASCII. Shaping such a line from the pairs costs about a
//! hundred instructions a character, where rustybuzz took some 35,000 for an order number
//! (it applies every lookup of the font's features to the line): some 8 % of a label's.
//!
//! # Why it is the shaper's result
//!
//! Of the lookups the shaper applies to Latin or script-less text in these two fonts (GSUB
//! `ccmp` and `liga`, GPOS `kern`, `mark` and `mkmk`), on printable ASCII without `f`:
//! - no substitution can apply: `ccmp`'s need a variation selector after `0`, or a combining
//!   mark after a vowel, `i` or `j`; every ligature of `liga` starts with `f`;
//! - `mark` and `mkmk` place marks, and no ASCII glyph is one;
//! - `kern`'s contextual lookup starts only at glyphs outside ASCII; its pair lookup (value
//!   format 2 empty) changes only the first glyph of a pair, its advance, and the shaper then
//!   moves on to the second glyph, so each glyph's advance is the one the pair it starts gets,
//!   whatever comes before it or after the pair.
//!
//! The tests compare the two on every pair, every character alone and random lines, in both
//! weights and both scripts. Each pair, when first shaped here, must also come out as the
//! character map's two glyphs, or the line goes to the shaper.

use std::sync::atomic::{AtomicI32, Ordering};

use rustybuzz::Script;

use super::fonts::Typeface;

/// Characters a table covers: printable ASCII, space to tilde.
const CHARS: usize = 95;
/// A character's row of a table: its advance before each printable character, then alone
/// (last on the line).
const ROW: usize = CHARS + 1;

/// Advances by typeface (regular, bold) and script (Latin, none), each `ROW` a character:
/// 0 for one not yet shaped, else the advance doubled plus one.
static ADVANCES: [[AtomicI32; CHARS * ROW]; 4] =
    [const { [const { AtomicI32::new(0) }; CHARS * ROW] }; 4];

/// The advances of one typeface for the lines of one script.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pairs {
    cells: &'static [AtomicI32; CHARS * ROW],
    script: Option<Script>,
}

impl Pairs {
    /// The advances for `text` in `typeface`, if it is printable ASCII but `f` in Noto Sans:
    /// of the Latin script if it has a letter, as the shaper would guess it, else of none.
    pub(super) fn of(typeface: Typeface, text: &str) -> Option<Pairs> {
        let weight = match typeface {
            Typeface::Latin => 0,
            Typeface::LatinBold => 1,
            _ => return None,
        };
        if !text
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) && b != b'f')
        {
            return None;
        }
        let latin = text.bytes().any(|b| b.is_ascii_alphabetic());
        let table = weight + if latin { 0 } else { 2 };
        Some(Pairs {
            cells: ADVANCES.get(table)?,
            script: latin.then_some(rustybuzz::script::LATIN),
        })
    }

    /// The script the shaper takes the line to be in: `None` for none (digits and signs).
    pub(super) fn script(self) -> Option<Script> {
        self.script
    }

    /// The advance of printable `c` before `next` (`None`: last on its line), in font units,
    /// shaping the pair (or `c` alone) with `shape` the first time: it gives the advance of a
    /// text's first glyph, or `None` if the text did not come out as the character map's
    /// glyphs.
    pub(super) fn advance(
        self,
        c: u8,
        next: Option<u8>,
        shape: impl FnOnce(&str) -> Option<i32>,
    ) -> Option<i32> {
        let printable = |b: u8| Some(usize::from(b.checked_sub(b' ')?)).filter(|&i| i < CHARS);
        let row = printable(c)?;
        let column = match next {
            Some(next) => printable(next)?,
            None => CHARS,
        };
        let cell = self.cells.get(row * ROW + column)?;
        let kept = cell.load(Ordering::Relaxed);
        if kept != 0 {
            return Some(kept >> 1);
        }
        let pair = [c, next.unwrap_or(c)];
        let text = std::str::from_utf8(&pair[..if next.is_some() { 2 } else { 1 }]).ok()?;
        let advance = shape(text)?;
        // Kept only if it fits with its mark bit; another thread may have kept the same.
        if let Some(doubled) = advance.checked_mul(2) {
            cell.store(doubled | 1, Ordering::Relaxed);
        }
        Some(advance)
    }
}
