//! The drawing of one label: its text, rules and barcodes as content-stream operators in the
//! label's own coordinates (PDF's origin is the bottom left, the layout's the top left), and
//! the glyphs it shows, for the document's fonts.

use super::RenderError;
use super::content::Content;
use super::embed::{DocumentFonts, Shown, code_of, width};
use crate::layout::{Element, LabelLayout};
use crate::text::{Font, Run, ShapedLine};
use crate::units::{Dots, Dpi};

/// The stroke width that makes text bold in a typeface without a bold, as a fraction of the
/// size: the outline grows by half of it on each side.
const SYNTHETIC_BOLD_STROKE: f32 = 0.035;

/// A label drawn: its operators and every glyph they show.
#[derive(Debug, Clone)]
pub(super) struct Drawn {
    pub(super) content: Vec<u8>,
    pub(super) shown: Vec<Shown>,
}

/// Draws `layout`. `document` is the fonts of the document so far, which say what text each
/// code extracts as; without it, a glyph the character map does not reach is taken to
/// extract as what it stands for here (true unless the document gave its code another text
/// first: [`DocumentFonts::record`] says so, and the label is drawn again with it).
pub(super) fn draw_label(
    layout: &LabelLayout,
    document: Option<&DocumentFonts>,
) -> Result<Drawn, RenderError> {
    let h = layout.height.0;
    let dpi = layout.dpi;
    let mut c = Content::default();
    let mut shown = Vec::new();
    c.fill_grey(0.0);
    let mut in_text = false;
    for element in &layout.elements {
        let is_text = matches!(element, Element::Text { .. });
        if is_text != in_text {
            if is_text {
                c.begin_text();
            } else {
                c.end_text();
            }
            in_text = is_text;
        }
        match element {
            Element::Text {
                x,
                baseline,
                size,
                line,
            } => {
                let base_y = h - baseline.0;
                let actual_text = needs_actual_text(line);
                if actual_text {
                    c.begin_actual_text(&line.text);
                }
                for run in &line.runs {
                    c.font(run.typeface.index(), *size);
                    if run.synthetic_bold {
                        c.render_mode(2);
                        c.line_width(size * SYNTHETIC_BOLD_STROKE);
                    }
                    let origin = (x.0 + run.x * size, base_y);
                    let glyphs = Glyphs {
                        run,
                        origin,
                        size: *size,
                        mark_odd_glyphs: !actual_text,
                    };
                    glyphs.draw(&mut c, &mut shown, document)?;
                    if run.synthetic_bold {
                        c.render_mode(0);
                    }
                }
                if actual_text {
                    c.end_marked();
                }
            }
            Element::Rule {
                x,
                y,
                width,
                height,
            } => {
                c.rect(x.0, h - y.0 - height.0, width.0, height.0);
                c.fill();
            }
            Element::Code128 {
                x,
                y,
                module,
                height,
                modules,
                ..
            } => {
                // One unit = one module wide and the full bar height: bar edges stay exact
                // multiples of the module, which is a whole number of dots.
                c.save();
                c.transform(
                    (module_pt(*module, dpi), round3(height.0)),
                    (x.0, h - y.0 - height.0),
                );
                for (start, len) in runs(modules.iter().copied()) {
                    c.rect(start as f32, 0.0, len as f32, 1.0);
                }
                c.fill();
                c.restore();
            }
            Element::Qr {
                x,
                y,
                module,
                matrix,
                ..
            } => {
                // One unit = one module, rows counted downwards from the top edge.
                let m = module_pt(*module, dpi);
                c.save();
                c.transform((m, -m), (x.0, h - y.0));
                let n = matrix.width();
                for row in 0..n {
                    for (start, len) in runs((0..n).map(|col| matrix.dark(col, row))) {
                        c.rect(start as f32, row as f32, len as f32, 1.0);
                    }
                }
                c.fill();
                c.restore();
            }
        }
    }
    if in_text {
        c.end_text();
    }
    shown
        .sort_unstable_by(|a, b| (a.typeface, a.code, &a.text).cmp(&(b.typeface, b.code, &b.text)));
    shown.dedup();
    Ok(Drawn {
        content: c.into_bytes(),
        shown,
    })
}

/// One run's glyphs, its left edge and baseline at `origin`.
struct Glyphs<'a> {
    run: &'a Run,
    origin: (f32, f32),
    size: f32,
    /// Whether a glyph that extracts as other characters than it stands for here gets a
    /// span of its own (not inside a line that has one).
    mark_odd_glyphs: bool,
}

impl Glyphs<'_> {
    /// Draws the run: one text matrix, then the glyphs with the kerning between them as
    /// `TJ` adjustments in thousandths of an em (shaped positions are whole font units), and
    /// a matrix of its own for each glyph the font moved off the baseline (a mark).
    ///
    /// A glyph that stands for other characters here than its code extracts as (a bracket
    /// mirrored in right-to-left text, the second half of a split Thai vowel) is wrapped in a
    /// span with its own `/ActualText`, so copying gives what was written.
    fn draw(
        &self,
        c: &mut Content,
        shown: &mut Vec<Shown>,
        document: Option<&DocumentFonts>,
    ) -> Result<(), RenderError> {
        let run = self.run;
        let font = Font::get(run.typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
        let scale = self.size / run.units_per_em;
        let per_unit = 1000.0 / f64::from(run.units_per_em);
        let (x, y) = self.origin;
        let at = |g: &crate::text::Glyph| (x + g.x as f32 * scale, y + g.y as f32 * scale);
        let mut pending: Vec<(u16, f32)> = Vec::new();
        // The previous glyph on the baseline of `pending`: its position and width.
        let mut previous: Option<(i32, f64)> = None;
        for glyph in &run.glyphs {
            let (code, char) = code_of(run.typeface, glyph.id)?;
            let own_text = match char {
                Some(ch) => {
                    let mut chars = glyph.text.chars();
                    chars.next() == Some(ch) && chars.next().is_none()
                }
                None => document
                    .and_then(|d| d.text_of(run.typeface, code))
                    .is_none_or(|text| text == glyph.text),
            };
            shown.push(Shown {
                typeface: run.typeface,
                glyph: glyph.id,
                code,
                text: char.is_none().then(|| glyph.text.clone()),
                char,
            });
            if self.mark_odd_glyphs && !own_text {
                flush(c, &mut pending);
                c.begin_actual_text(&glyph.text);
                let (gx, gy) = at(glyph);
                c.text_at(gx, gy);
                c.show(&[(code, 0.0)]);
                c.end_marked();
                previous = None;
                continue;
            }
            match (glyph.y, previous, pending.last_mut()) {
                (0, Some((previous_x, previous_width)), Some(last)) => {
                    // The viewer moves the pen by the previous glyph's width; a TJ number n
                    // moves it back by n thousandths of an em.
                    let moved = f64::from(glyph.x - previous_x) * per_unit;
                    last.1 = (((previous_width - moved) * 1000.0).round() / 1000.0) as f32;
                }
                _ => {
                    flush(c, &mut pending);
                    let (gx, gy) = at(glyph);
                    c.text_at(gx, gy);
                }
            }
            pending.push((code, 0.0));
            if glyph.y == 0 {
                previous = Some((glyph.x, width(font, glyph.id)));
            } else {
                flush(c, &mut pending);
                previous = None;
            }
        }
        flush(c, &mut pending);
        Ok(())
    }
}

/// A module's width in points, in full precision: it multiplies across the symbol.
fn module_pt(module: Dots, dpi: Dpi) -> f64 {
    f64::from(module.0) * 72.0 / f64::from(dpi.get())
}

/// `v` to a thousandth, as a scale written with six decimals.
fn round3(v: f32) -> f64 {
    (f64::from(v) * 1000.0).round() / 1000.0
}

fn flush(c: &mut Content, pending: &mut Vec<(u16, f32)>) {
    if !pending.is_empty() {
        c.show(pending);
        pending.clear();
    }
}

/// Whether a line is marked with its text as `/ActualText` (PDF 32000-1, 14.9.4), which copy
/// and paste and text extraction then use instead of the glyphs: lines whose glyphs are not
/// one per character or are moved off the baseline (Thai vowels and tone marks, ligatures),
/// where extracting glyph by glyph would give the characters out of order or on a line of
/// their own.
///
/// Lines with right-to-left text are not marked: their glyphs each map to their own
/// characters, and readers rebuild the reading order from the glyphs' positions; poppler,
/// for one, would read a marked line's text backwards.
fn needs_actual_text(line: &ShapedLine) -> bool {
    !(line.rtl || line.reversed)
        && line.runs.iter().any(|run| {
            run.glyphs
                .iter()
                .any(|g| g.y != 0 || g.text.chars().count() != 1)
        })
}

/// Runs of `true` in `cells`: (start, length).
fn runs(cells: impl Iterator<Item = bool>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, dark) in cells.enumerate() {
        match (dark, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - s));
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start {
        out.push((s, n - s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_dark_cells() {
        let cells = [true, true, false, true, false, false, true];
        assert_eq!(runs(cells.into_iter()), [(0, 2), (3, 1), (6, 1)]);
        assert_eq!(runs([false, false].into_iter()), []);
        assert_eq!(runs([true].into_iter()), [(0, 1)]);
    }

    #[test]
    fn a_label_draws_its_bars_as_one_filled_path_in_module_units() {
        let label = crate::Label::sample().validate().unwrap();
        let layout = crate::layout(&label, &crate::Options::default()).unwrap();
        let drawn = draw_label(&layout, None).unwrap();
        let text = String::from_utf8(drawn.content).unwrap();
        assert!(text.starts_with("0 g\nBT\n"), "{text}");
        // The Code 128 at 5 dots a module (1.773399 pt at 203 dpi), filled once.
        let code = text.find("1.773399 0 0 ").expect("a module-scaled matrix");
        let after = &text[code..];
        let fill = after.find("\nf\nQ\n").unwrap();
        assert!(after[..fill].matches(" re\n").count() > 20);
        assert!(!after[..fill].contains("\nf\n"));
        // Every glyph shown is reported, with its text.
        assert!(drawn.shown.iter().any(|s| s.char == Some('O')));
        assert!(drawn.shown.windows(2).all(|w| w[0] != w[1]), "no repeats");
    }
}
