//! Fitting text into a box: shrink, then wrap, then shrink the whole block, and only then
//! refuse. Nothing is ever cut off.

use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{Face, Font, FontError};

/// The smallest text size printed, in points: about 2.5 mm capitals, still legible on a
/// 203 dpi thermal print.
pub(crate) const MIN_SIZE: f32 = 7.0;

/// Line height as a multiple of the text size.
pub(crate) const LEADING: f32 = 1.2;

/// Extra room above a line whose capitals carry stacked marks, as a fraction of the size:
/// Vietnamese capitals such as Ễ or Ậ reach 1.05 em above the baseline in Noto Sans, while
/// the line pitch leaves about 0.93 em clear of the descenders above.
const STACKED_MARKS_EXTRA: f32 = 0.13;

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
    pub(crate) face: Face,
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

/// An item as it will be set: its size and its lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fitted {
    pub(crate) field: String,
    pub(crate) face: Face,
    pub(crate) size: f32,
    pub(crate) lines: Vec<String>,
    pub(crate) gap_before: f32,
}

impl Fitted {
    /// The height this item takes, gap included.
    pub(crate) fn height(&self) -> f32 {
        self.gap_before
            + self
                .lines
                .iter()
                .map(|line| (LEADING + extra_above(line)) * self.size)
                .sum::<f32>()
    }
}

/// The extra room a line needs above it, as a fraction of its size: non-zero for lines with
/// capitals that carry stacked marks (the Latin Extended Additional block, Vietnamese).
pub(crate) fn extra_above(line: &str) -> f32 {
    let stacked = line
        .chars()
        .any(|c| ('\u{1E00}'..='\u{1EFF}').contains(&c) && c.is_uppercase());
    if stacked { STACKED_MARKS_EXTRA } else { 0.0 }
}

/// Why a block could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum FitError {
    /// A character that no bundled font draws.
    #[error("{field}: the character {ch} is not covered by the label fonts")]
    Uncovered { field: String, ch: String },
    /// Even at the smallest size, wrapped, the block is taller than its zone.
    #[error("{field}: too long to fit its zone of the label, even at {MIN_SIZE} pt and wrapped")]
    Overflow { field: String },
    /// A bundled font is broken.
    #[error(transparent)]
    Font(#[from] FontError),
}

fn round_down(size: f32) -> f32 {
    (size / SIZE_STEP).floor() * SIZE_STEP
}

/// Sets `items` in a box `width` wide and at most `height` tall.
///
/// Each item first shrinks from its preferred size towards its `min_size` to stay on one
/// line; below that it wraps at spaces (an overlong word breaks after a hyphen or between
/// grapheme clusters, never inside one). If the block is still too tall, every size shrinks
/// together, step by step, down to [`MIN_SIZE`]. If it still does not fit, the error names
/// the field that takes the most room.
pub(crate) fn fit_block(items: &[Item], width: f32, height: f32) -> Result<Vec<Fitted>, FitError> {
    for item in items {
        let font = Font::get(item.face)?;
        if let Some(g) = item
            .text
            .graphemes(true)
            .find(|g| g.chars().any(|c| c != ' ' && !font.covers(c)))
        {
            let ch = g
                .chars()
                .filter(|&c| !font.covers(c))
                .map(|c| format!("{c:?} (U+{:04X})", c as u32))
                .collect::<Vec<_>>()
                .join(" + ");
            return Err(FitError::Uncovered {
                field: item.field.clone(),
                ch,
            });
        }
    }
    let mut scale = 1.0f32;
    loop {
        let mut fitted = Vec::with_capacity(items.len());
        for item in items {
            fitted.push(fit_item(item, scale, width)?);
        }
        unify_groups(items, &mut fitted, width)?;
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

/// Sets every member of a group at the group's smallest size, re-wrapping where needed.
fn unify_groups(items: &[Item], fitted: &mut [Fitted], width: f32) -> Result<(), FitError> {
    for (i, item) in items.iter().enumerate() {
        let Some(group) = item.group else { continue };
        let smallest = items
            .iter()
            .zip(fitted.iter())
            .filter(|(other, _)| other.group == Some(group))
            .map(|(_, f)| f.size)
            .fold(f32::INFINITY, f32::min);
        let Some(f) = fitted.get_mut(i) else { continue };
        if f.size > smallest {
            let font = Font::get(item.face)?;
            f.size = smallest;
            f.lines = if font.width(&item.text, smallest) <= width + 1e-3 {
                vec![item.text.clone()]
            } else {
                wrap(font, &item.text, smallest, width).ok_or_else(|| FitError::Overflow {
                    field: item.field.clone(),
                })?
            };
        }
    }
    Ok(())
}

/// One item at a block scale: the largest size that keeps it on one line, or wrapped lines.
fn fit_item(item: &Item, scale: f32, width: f32) -> Result<Fitted, FitError> {
    let font = Font::get(item.face)?;
    let cap = round_down((item.size * scale).max(MIN_SIZE));
    let floor = round_down((item.min_size * scale).max(MIN_SIZE)).min(cap);
    let width_at_1pt = font.width(&item.text, 1.0);
    let one_line = if width_at_1pt > 0.0 {
        round_down(width / width_at_1pt).min(cap)
    } else {
        cap
    };
    let (size, lines) = if one_line >= floor {
        (one_line, vec![item.text.clone()])
    } else {
        let lines = wrap(font, &item.text, floor, width).ok_or_else(|| FitError::Overflow {
            field: item.field.clone(),
        })?;
        (floor, lines)
    };
    Ok(Fitted {
        field: item.field.clone(),
        face: item.face,
        size,
        lines,
        gap_before: item.gap_before,
    })
}

/// Greedy wrapping at spaces; an overlong word breaks after a hyphen or slash if it can, else
/// between grapheme clusters. `None` if a single grapheme cluster is wider than `width`.
pub(crate) fn wrap(font: &Font, text: &str, size: f32, width: f32) -> Option<Vec<String>> {
    let fits = |s: &str| font.width(s, size) <= width + 1e-3;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if fits(word) {
            line = word.to_owned();
            continue;
        }
        // A word wider than the line: break it.
        for g in word.graphemes(true) {
            let candidate = format!("{line}{g}");
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if line.is_empty() {
                return None; // one grapheme cluster wider than the box
            }
            // Prefer to break after the last hyphen or slash of the piece.
            match line
                .char_indices()
                .rev()
                .find(|&(i, c)| i > 0 && (c == '-' || c == '/'))
            {
                Some((i, c)) if fits(&format!("{}{g}", &line[i + c.len_utf8()..])) => {
                    let rest = line.split_off(i + c.len_utf8());
                    lines.push(std::mem::replace(&mut line, format!("{rest}{g}")));
                }
                _ => lines.push(std::mem::replace(&mut line, g.to_owned())),
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, size: f32, min_size: f32) -> Item {
        Item {
            field: "recipient.name".into(),
            text: text.into(),
            face: Face::Regular,
            size,
            min_size,
            gap_before: 0.0,
            group: None,
        }
    }

    #[test]
    fn lines_with_stacked_vietnamese_capitals_get_room_above() {
        assert_eq!(extra_above("THÀNH PHỐ HỒ CHÍ MINH"), STACKED_MARKS_EXTRA);
        assert_eq!(extra_above("Thành phố Hồ Chí Minh"), 0.0); // lower-case marks fit
        assert_eq!(extra_above("ZOË LEFÈVRE"), 0.0); // one mark fits
        let plain = Fitted {
            field: String::new(),
            face: Face::Regular,
            size: 10.0,
            lines: vec!["A".into(), "B".into()],
            gap_before: 0.0,
        };
        let tall = Fitted {
            lines: vec!["A".into(), "Ễ".into()],
            ..plain.clone()
        };
        assert!((tall.height() - plain.height() - STACKED_MARKS_EXTRA * 10.0).abs() < 1e-4);
    }

    #[test]
    fn short_text_keeps_its_preferred_size() {
        let out = fit_block(&[item("Oliver Smith", 16.0, 10.0)], 200.0, 100.0).unwrap();
        assert_eq!(out[0].size, 16.0);
        assert_eq!(out[0].lines, ["Oliver Smith"]);
    }

    #[test]
    fn long_text_shrinks_before_it_wraps() {
        let text = "María Fernanda González Hernández";
        let regular = Font::get(Face::Regular).unwrap();
        let at16 = regular.width(text, 16.0);
        let out = fit_block(&[item(text, 16.0, 10.0)], at16 * 0.8, 100.0).unwrap();
        assert_eq!(out[0].lines, [text]);
        assert!(out[0].size < 16.0 && out[0].size >= 12.5, "{}", out[0].size);
        assert!(regular.width(text, out[0].size) <= at16 * 0.8);
    }

    #[test]
    fn very_long_text_wraps_at_spaces_and_loses_nothing() {
        let text = "Maximiliane Alexandra Theodora von und zu Hohenzollern-Sigmaringen-Wittelsbach";
        let out = fit_block(&[item(text, 16.0, 10.0)], 150.0, 200.0).unwrap();
        assert_eq!(out[0].size, 10.0);
        assert!(out[0].lines.len() > 1);
        let regular = Font::get(Face::Regular).unwrap();
        for line in &out[0].lines {
            assert!(regular.width(line, 10.0) <= 150.0, "{line}");
        }
        // Every character survives: lines re-joined give the text back.
        let joined: String = out[0].lines.join(" ");
        assert_eq!(joined.replace("- ", "-"), text);
    }

    #[test]
    fn an_overlong_word_breaks_after_a_hyphen_then_between_graphemes() {
        let regular = Font::get(Face::Regular).unwrap();
        let lines = wrap(
            regular,
            "Hohenzollern-Sigmaringen",
            10.0,
            regular.width("Hohenzollern-Sigma", 10.0),
        )
        .unwrap();
        assert_eq!(lines, ["Hohenzollern-", "Sigmaringen"]);
        // Combining marks stay with their base letter: "e\u{301}" is one grapheme.
        let word = "e\u{301}e\u{301}e\u{301}e\u{301}";
        let lines = wrap(regular, word, 10.0, regular.width("e\u{301}e\u{301}", 10.0)).unwrap();
        assert_eq!(lines, ["e\u{301}e\u{301}", "e\u{301}e\u{301}"]);
        assert_eq!(wrap(regular, "W", 10.0, 1.0), None);
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
        assert_eq!(grouped[1].lines, ["Kurfürstendammstraße 1234a"]);
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
        let err = fit_block(&[item("山田 太郎", 12.0, 9.0)], 200.0, 100.0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "recipient.name: the character '山' (U+5C71) is not covered by the label fonts"
        );
    }
}
