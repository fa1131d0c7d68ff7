//! Fitting text into a box: shrink, then wrap, then shrink the whole block, and only then
//! refuse. Nothing is ever cut off. Every width is measured on shaped text, so fitting is
//! exact in every script.

use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{FontError, Weight};
use std::sync::Arc;

use super::shape::{ShapeError, ShapedLine, is_rtl, measure, shape_line};

/// The smallest text size printed, in points: about 2.5 mm capitals, still legible on a
/// 203 dpi thermal print.
pub(crate) const MIN_SIZE: f32 = 7.0;

/// Line height as a multiple of the text size.
pub(crate) const LEADING: f32 = 1.2;

/// Where the baseline sits in a line, from its top, as a multiple of the text size. Glyphs
/// reaching higher than this above the baseline, or lower than `LEADING - BASELINE` below
/// it (stacked Vietnamese capitals, Thai vowels and tone marks, Arabic descenders), get the
/// difference as extra room, so lines never touch.
pub(crate) const BASELINE: f32 = 0.93;

/// Sizes are multiples of this many points, so the layout dump stays readable.
const SIZE_STEP: f32 = 0.25;

/// How much each round of block shrinking takes off the sizes, as a fraction.
const BLOCK_STEP: f32 = 0.05;

/// One paragraph of a text block: a field's text and how it would like to be set.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The input field the text comes from, for errors (e.g. `recipient.name`).
    pub(crate) field: String,
    pub(crate) text: String,
    pub(crate) weight: Weight,
    /// The preferred size in points.
    pub(crate) size: f32,
    /// The size the text shrinks to on one line before it wraps instead.
    pub(crate) min_size: f32,
    /// Extra space above this item, in points.
    pub(crate) gap_before: f32,
    /// Items of the same group are set at one size (the smallest any of them needs), so
    /// that, say, all address lines match.
    pub(crate) group: Option<u8>,
}

/// An item as it will be set: its size and its shaped lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fitted {
    pub(crate) field: String,
    pub(crate) size: f32,
    pub(crate) lines: Vec<Arc<ShapedLine>>,
    pub(crate) gap_before: f32,
}

impl Fitted {
    /// The height this item takes, gap included.
    pub(crate) fn height(&self) -> f32 {
        self.gap_before
            + self
                .lines
                .iter()
                .map(|line| (LEADING + extra_above(line) + extra_below(line)) * self.size)
                .sum::<f32>()
    }
}

/// Rounds an extra room up to a hundredth of an em, so the layout dump stays readable.
fn room(excess: f32) -> f32 {
    if excess > 0.0 {
        (excess * 100.0).ceil() / 100.0
    } else {
        0.0
    }
}

/// The extra room a line needs above its baseline, as a fraction of its size.
pub(crate) fn extra_above(line: &ShapedLine) -> f32 {
    room(line.top - BASELINE)
}

/// The extra room a line needs below its baseline, as a fraction of its size.
pub(crate) fn extra_below(line: &ShapedLine) -> f32 {
    room(line.bottom - (LEADING - BASELINE))
}

/// Why a block could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum FitError {
    /// A character that no bundled font draws.
    #[error("{field}: the character {chars} is not covered by the label fonts")]
    Uncovered { field: String, chars: String },
    /// Even at the smallest size, wrapped, the block is taller than its zone.
    #[error("{field}: too long to fit its zone of the label, even at {MIN_SIZE} pt and wrapped")]
    Overflow { field: String },
    /// A bundled font is broken.
    #[error(transparent)]
    Font(#[from] FontError),
}

impl FitError {
    fn from_shape(field: &str, error: ShapeError) -> FitError {
        match error {
            ShapeError::Uncovered { chars } => FitError::Uncovered {
                field: field.to_owned(),
                chars,
            },
            ShapeError::Font(e) => FitError::Font(e),
        }
    }
}

fn round_down(size: f32) -> f32 {
    (size / SIZE_STEP).floor() * SIZE_STEP
}

/// An item shaped once: its direction and its text as one line.
struct Measured {
    rtl: bool,
    whole: Arc<ShapedLine>,
}

/// Sets `items` in a box `width` wide and at most `height` tall.
///
/// Each item first shrinks from its preferred size towards its `min_size` to stay on one
/// line; below that it wraps (see [`wrap`]). If the block is still too tall, every size
/// shrinks together, step by step, down to [`MIN_SIZE`]. If it still does not fit, the
/// error names the field that takes the most room.
pub(crate) fn fit_block(items: &[Item], width: f32, height: f32) -> Result<Vec<Fitted>, FitError> {
    let mut measured = Vec::with_capacity(items.len());
    for item in items {
        // Shaping refuses a character no font covers, naming it.
        let rtl = is_rtl(&item.text);
        let whole = shape_line(&item.text, item.weight, rtl)
            .map_err(|e| FitError::from_shape(&item.field, e))?;
        measured.push(Measured { rtl, whole });
    }
    let mut scale = 1.0f32;
    loop {
        let mut fitted = Vec::with_capacity(items.len());
        for (item, m) in items.iter().zip(&measured) {
            fitted.push(fit_item(item, m, scale, width)?);
        }
        unify_groups(items, &measured, &mut fitted, width)?;
        let total: f32 = fitted.iter().map(Fitted::height).sum();
        let all_at_min = fitted.iter().all(|f| f.size <= MIN_SIZE);
        if total <= height + 1e-3 {
            return Ok(fitted);
        }
        if all_at_min {
            let field = fitted
                .iter()
                .max_by(|a, b| a.height().total_cmp(&b.height()))
                .map(|f| f.field.clone())
                .unwrap_or_default();
            return Err(FitError::Overflow { field });
        }
        scale -= BLOCK_STEP;
    }
}

/// The lines of `item` at `size`: the whole text if it fits, else wrapped and shaped.
fn lines_at(
    item: &Item,
    m: &Measured,
    size: f32,
    width: f32,
) -> Result<Vec<Arc<ShapedLine>>, FitError> {
    if m.whole.width * size <= width + 1e-3 {
        return Ok(vec![m.whole.clone()]);
    }
    let shape_err = |e| FitError::from_shape(&item.field, e);
    let lines = wrap(&item.text, item.weight, m.rtl, size, width)
        .map_err(shape_err)?
        .ok_or_else(|| FitError::Overflow {
            field: item.field.clone(),
        })?;
    lines
        .iter()
        .map(|line| shape_line(line, item.weight, m.rtl).map_err(shape_err))
        .collect()
}

/// Sets every member of a group at the group's smallest size, re-wrapping where needed.
fn unify_groups(
    items: &[Item],
    measured: &[Measured],
    fitted: &mut [Fitted],
    width: f32,
) -> Result<(), FitError> {
    for (i, (item, m)) in items.iter().zip(measured).enumerate() {
        let Some(group) = item.group else { continue };
        let smallest = items
            .iter()
            .zip(fitted.iter())
            .filter(|(other, _)| other.group == Some(group))
            .map(|(_, f)| f.size)
            .fold(f32::INFINITY, f32::min);
        let Some(f) = fitted.get_mut(i) else { continue };
        if f.size > smallest {
            f.size = smallest;
            f.lines = lines_at(item, m, smallest, width)?;
        }
    }
    Ok(())
}

/// One item at a block scale: the largest size that keeps it on one line, or wrapped lines.
fn fit_item(item: &Item, m: &Measured, scale: f32, width: f32) -> Result<Fitted, FitError> {
    let cap = round_down((item.size * scale).max(MIN_SIZE));
    let floor = round_down((item.min_size * scale).max(MIN_SIZE)).min(cap);
    let one_line = if m.whole.width > 0.0 {
        round_down(width / m.whole.width).min(cap)
    } else {
        cap
    };
    let (size, lines) = if one_line >= floor {
        (one_line, vec![m.whole.clone()])
    } else {
        (floor, lines_at(item, m, floor, width)?)
    };
    Ok(Fitted {
        field: item.field.clone(),
        size,
        lines,
        gap_before: item.gap_before,
    })
}

/// Ideographs, kana and CJK punctuation: Chinese and Japanese lines may break between any
/// two of them. (Korean separates words with spaces and breaks there, like Latin.)
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'      // radicals
        | '\u{3000}'..='\u{30FF}'    // CJK punctuation, hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'    // katakana extensions
        | '\u{3400}'..='\u{4DBF}'    // extension A
        | '\u{4E00}'..='\u{9FFF}'    // unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // compatibility ideographs
        | '\u{FF01}'..='\u{FF0F}'    // full-width punctuation (not its digits and letters,
        | '\u{FF1A}'..='\u{FF20}'    // which stay together like ASCII ones: "１２３")
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FFEF}'    // and half-width forms
        | '\u{20000}'..='\u{3FFFF}') // supplementary ideographs
}

/// Characters a Japanese or Chinese line must not start with (closing brackets, small kana,
/// the prolonged sound mark, full stops and commas).
fn no_line_start(c: char) -> bool {
    "、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々)]}.,:;!?"
        .contains(c)
}

/// Characters a Japanese or Chinese line must not end with (opening brackets).
fn no_line_end(c: char) -> bool {
    "（「『【〔〈《([{".contains(c)
}

/// Splits one space-separated word into the pieces a line may break between: between CJK
/// characters, unless that would start a line with closing punctuation or end one with an
/// opening bracket.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<&str> = None;
    for (i, g) in word.grapheme_indices(true) {
        if let Some(p) = prev {
            let (a, b) = (p.chars().last(), g.chars().next());
            let breakable = match (a, b) {
                (Some(a), Some(b)) => {
                    (is_cjk(a) || is_cjk(b)) && !no_line_start(b) && !no_line_end(a)
                }
                _ => false,
            };
            if breakable {
                out.push(&word[start..i]);
                start = i;
            }
        }
        prev = Some(g);
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Thai and Lao vowels written before the consonant they follow in speech (เ แ โ ใ ไ):
/// a line never ends with one.
fn is_leading_vowel(c: char) -> bool {
    matches!(c, '\u{E40}'..='\u{E44}' | '\u{EC0}'..='\u{EC4}')
}

/// The grapheme clusters of `text`, a leading Thai or Lao vowel kept with the cluster after
/// it: the places a word without spaces may break.
fn clusters(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, g) in text.grapheme_indices(true) {
        let from = start.take().unwrap_or(i);
        if g.chars().last().is_some_and(is_leading_vowel) {
            start = Some(from);
        } else if let Some(unit) = text.get(from..i + g.len()) {
            out.push(unit);
        }
    }
    if let Some(unit) = start.and_then(|from| text.get(from..)) {
        out.push(unit);
    }
    out
}

/// Greedy wrapping in logical order, measured on shaped text: see [`wrap_by`]. `None` if a
/// single grapheme cluster is wider than `width`.
pub(crate) fn wrap(
    text: &str,
    weight: Weight,
    rtl: bool,
    size: f32,
    width: f32,
) -> Result<Option<Vec<String>>, ShapeError> {
    wrap_by(
        text,
        |s| Ok(measure(s, weight, rtl)? * size <= width + 1e-3),
    )
}

/// Greedy wrapping in logical order, `fits` telling whether a line fits: at spaces, and
/// between Chinese and Japanese characters; a piece wider than the line breaks after a
/// hyphen or slash if it can, else between grapheme clusters (so Thai, written without
/// spaces, breaks between clusters, never inside one). `None` if a single grapheme cluster
/// does not fit.
fn wrap_by<E>(
    text: &str,
    mut fits: impl FnMut(&str) -> Result<bool, E>,
) -> Result<Option<Vec<String>>, E> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        for (k, piece) in pieces(word).into_iter().enumerate() {
            let joiner = if k == 0 && !line.is_empty() { " " } else { "" };
            let candidate = format!("{line}{joiner}{piece}");
            if fits(&candidate)? {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fits(piece)? {
                line = piece.to_owned();
                continue;
            }
            // A piece wider than the line: break it.
            for g in clusters(piece) {
                let candidate = format!("{line}{g}");
                if fits(&candidate)? {
                    line = candidate;
                    continue;
                }
                if line.is_empty() {
                    return Ok(None); // one grapheme cluster wider than the box
                }
                // Prefer to break after the last hyphen or slash of the piece.
                let hyphen = line
                    .char_indices()
                    .rev()
                    .find(|&(i, c)| i > 0 && (c == '-' || c == '/'));
                match hyphen {
                    Some((i, c)) if fits(&format!("{}{g}", &line[i + c.len_utf8()..]))? => {
                        let rest = line.split_off(i + c.len_utf8());
                        lines.push(std::mem::replace(&mut line, format!("{rest}{g}")));
                    }
                    _ => lines.push(std::mem::replace(&mut line, g.to_owned())),
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(Some(lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, size: f32, min_size: f32) -> Item {
        Item {
            field: "recipient.name".into(),
            text: text.into(),
            weight: Weight::Regular,
            size,
            min_size,
            gap_before: 0.0,
            group: None,
        }
    }

    /// The width of `text` at `size`, shaped, left to right unless it is right to left.
    fn width(text: &str, size: f32) -> f32 {
        measure(text, Weight::Regular, is_rtl(text)).unwrap() * size
    }

    fn texts(fitted: &Fitted) -> Vec<&str> {
        fitted.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn lines_with_marks_above_or_below_get_room() {
        let line = |text: &str| shape_line(text, Weight::Regular, is_rtl(text)).unwrap();
        // Stacked Vietnamese capitals reach about 0.98 em, above the baseline's 0.93.
        let stacked = extra_above(&line("THÀNH PHỐ HỒ CHÍ MINH"));
        assert!((0.03..=0.10).contains(&stacked), "{stacked}");
        assert_eq!(extra_above(&line("Thành phố Hồ Chí Minh")), 0.0);
        assert_eq!(extra_above(&line("Oliver Smith")), 0.0);
        assert_eq!(extra_below(&line("Oliver Smith, gypsy")), 0.0);
        // Arabic descenders reach deeper than Latin ones; Thai's stay within the line.
        #[cfg(feature = "arabic")]
        assert!(extra_below(&line("ي ع ج")) > 0.1);
        #[cfg(feature = "thai")]
        assert_eq!(extra_below(&line("ฏฎ ปู่")), 0.0);
        let plain = Fitted {
            field: String::new(),
            size: 10.0,
            lines: vec![line("A"), line("B")],
            gap_before: 0.0,
        };
        let tall = Fitted {
            lines: vec![line("A"), line("Ễ")],
            ..plain.clone()
        };
        let extra = extra_above(&line("Ễ")) * 10.0;
        assert!(extra > 0.0);
        assert!((tall.height() - plain.height() - extra).abs() < 1e-4);
    }

    #[test]
    fn short_text_keeps_its_preferred_size() {
        let out = fit_block(&[item("Oliver Smith", 16.0, 10.0)], 200.0, 100.0).unwrap();
        assert_eq!(out[0].size, 16.0);
        assert_eq!(texts(&out[0]), ["Oliver Smith"]);
    }

    #[test]
    fn long_text_shrinks_before_it_wraps() {
        let text = "María Fernanda González Hernández";
        let at16 = width(text, 16.0);
        let out = fit_block(&[item(text, 16.0, 10.0)], at16 * 0.8, 100.0).unwrap();
        assert_eq!(texts(&out[0]), [text]);
        assert!(out[0].size < 16.0 && out[0].size >= 12.5, "{}", out[0].size);
        assert!(width(text, out[0].size) <= at16 * 0.8);
    }

    #[test]
    fn very_long_text_wraps_at_spaces_and_loses_nothing() {
        let text = "Maximiliane Alexandra Theodora von und zu Hohenzollern-Sigmaringen-Wittelsbach";
        let out = fit_block(&[item(text, 16.0, 10.0)], 150.0, 200.0).unwrap();
        assert_eq!(out[0].size, 10.0);
        assert!(out[0].lines.len() > 1);
        for line in &out[0].lines {
            assert!(line.width * 10.0 <= 150.0 + 1e-3, "{}", line.text);
            assert!((line.width * 10.0 - width(&line.text, 10.0)).abs() < 1e-3);
        }
        // Every character survives: lines re-joined give the text back.
        let joined: String = texts(&out[0]).join(" ");
        assert_eq!(joined.replace("- ", "-"), text);
    }

    #[test]
    fn an_overlong_word_breaks_after_a_hyphen_then_between_graphemes() {
        let wrapped = |text: &str, w: f32| wrap(text, Weight::Regular, false, 10.0, w).unwrap();
        let lines = wrapped(
            "Hohenzollern-Sigmaringen",
            width("Hohenzollern-Sigma", 10.0),
        );
        assert_eq!(lines.unwrap(), ["Hohenzollern-", "Sigmaringen"]);
        // Combining marks stay with their base letter: "e\u{301}" is one grapheme.
        let word = "e\u{301}e\u{301}e\u{301}e\u{301}";
        let lines = wrapped(word, width("e\u{301}e\u{301}", 10.0)).unwrap();
        assert_eq!(lines, ["e\u{301}e\u{301}", "e\u{301}e\u{301}"]);
        assert_eq!(wrapped("W", 1.0), None);
    }

    #[test]
    #[cfg(feature = "thai")]
    fn thai_and_emoji_wrap_between_grapheme_clusters_only() {
        // Thai has no spaces between words: it breaks between clusters, and a consonant
        // never loses its vowel or tone mark.
        let thai = "กรุงเทพมหานครที่สวยงาม";
        let lines = wrap(thai, Weight::Regular, false, 10.0, width("กรุงเทพ", 10.0))
            .unwrap()
            .unwrap();
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat(), thai);
        let graphemes: Vec<&str> = thai.graphemes(true).collect();
        let mut at = 0;
        for line in &lines {
            // Each line is whole clusters, and none ends with a leading vowel.
            let n = line.graphemes(true).count();
            assert_eq!(line.as_str(), graphemes[at..at + n].concat(), "{lines:?}");
            at += n;
            assert!(!line.ends_with(is_leading_vowel), "{lines:?}");
            assert!(width(line, 10.0) <= width("กรุงเทพ", 10.0) + 1e-3);
        }
        // A line never ends with a vowel written before its consonant (เ, แ, โ, ใ, ไ).
        assert_eq!(clusters("แขวงเตย"), ["แข", "ว", "ง", "เต", "ย"]);
        assert_eq!(clusters("กเ"), ["ก", "เ"]);
        // Emoji sequences (a family joined by ZWJ, a flag, a skin tone) are one cluster each:
        // wrapped three clusters to a line, none is split. (No label font draws emoji, so
        // this measures by counting clusters.)
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let flag = "\u{1F1EF}\u{1F1F5}";
        let thumb = "\u{1F44D}\u{1F3FD}";
        let text = format!("a{family}{flag}{thumb}bc");
        let by_three = |s: &str| -> Result<bool, ()> { Ok(s.graphemes(true).count() <= 3) };
        let lines = wrap_by(&text, by_three).unwrap().unwrap();
        assert_eq!(lines, [format!("a{family}{flag}"), format!("{thumb}bc")]);
    }

    #[test]
    #[cfg(feature = "cjk")]
    fn chinese_and_japanese_break_between_characters_but_not_before_closing_marks() {
        assert_eq!(
            pieces("東京都千代田区"),
            ["東", "京", "都", "千", "代", "田", "区"]
        );
        assert_eq!(pieces("区1-1"), ["区", "1-1"]);
        assert_eq!(pieces("ビル。"), ["ビ", "ル。"]);
        assert_eq!(pieces("（株）"), ["（株）"]);
        assert_eq!(pieces("Baker"), ["Baker"]);
        // Full-width digits and letters stay together, as ASCII ones do.
        assert_eq!(pieces("１２３ＡＢ"), ["１２３ＡＢ"]);
        assert_eq!(pieces("１丁目"), ["１", "丁", "目"]);
        assert_eq!(pieces("서울특별시"), ["서울특별시"]);
        let text = "東京都千代田区丸の内一丁目";
        let w = width("東京都千代田", 10.0) + 0.5;
        let lines = wrap(text, Weight::Regular, false, 10.0, w)
            .unwrap()
            .unwrap();
        assert_eq!(lines, ["東京都千代田", "区丸の内一丁", "目"]);
    }

    #[test]
    #[cfg(feature = "arabic")]
    fn right_to_left_text_wraps_in_reading_order() {
        let text = "شارع الملك فهد حي العليا الرياض";
        let w = width("شارع الملك فهد", 12.0) + 1.0;
        let out = fit_block(&[item(text, 12.0, 12.0)], w, 200.0).unwrap();
        // The first line holds the first words; every line stays right to left.
        assert_eq!(out[0].lines[0].text, "شارع الملك فهد");
        assert!(out[0].lines.iter().all(|l| l.rtl));
        assert_eq!(texts(&out[0]).join(" "), text);
    }

    #[test]
    fn the_whole_block_shrinks_when_it_is_too_tall() {
        let items = [
            item("Line one", 12.0, 9.0),
            item("Line two", 12.0, 9.0),
            item("Line three", 12.0, 9.0),
        ];
        let out = fit_block(&items, 200.0, 3.0 * 10.0 * LEADING).unwrap();
        for f in &out {
            assert!(f.size <= 10.0 && f.size >= MIN_SIZE, "{}", f.size);
        }
        let total: f32 = out.iter().map(Fitted::height).sum();
        assert!(total <= 36.0 + 1e-3);
    }

    #[test]
    fn a_group_shares_the_smallest_size() {
        let long = "Hinterhaus, 3. Obergeschoss, Wohnung 12, bei Familie Oberbergmannsdorfer";
        let mut items = [
            item(long, 12.0, 9.0),
            item("Kurfürstendammstraße 1234a", 12.0, 9.0),
        ];
        let alone = fit_block(&items, 200.0, 200.0).unwrap();
        assert_eq!(alone[1].size, 12.0);
        assert_eq!(alone[0].size, 9.0);
        for item in &mut items {
            item.group = Some(1);
        }
        let grouped = fit_block(&items, 200.0, 200.0).unwrap();
        assert_eq!(grouped[0].size, 9.0);
        assert_eq!(grouped[1].size, 9.0);
        assert_eq!(texts(&grouped[1]), ["Kurfürstendammstraße 1234a"]);
    }

    #[test]
    fn refuses_with_the_field_name_when_nothing_fits() {
        let mut long = item(&"word ".repeat(60), 12.0, 9.0);
        long.field = "recipient.address.lines[0]".into();
        let err = fit_block(&[item("A", 12.0, 9.0), long], 100.0, 40.0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "recipient.address.lines[0]: too long to fit its zone of the label, even at 7 pt and wrapped"
        );
    }

    #[test]
    fn uncovered_characters_are_named() {
        let err = fit_block(&[item("Tanaka 😀", 12.0, 9.0)], 200.0, 100.0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "recipient.name: the character '😀' (U+1F600) is not covered by the label fonts"
        );
    }
}
