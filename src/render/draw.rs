//! The drawing of one label: its text, rules and barcodes as content-stream operators in the
//! label's own coordinates (PDF's origin is the bottom left, the layout's the top left), and
//! the glyphs it shows, for the document's fonts.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::RenderError;
use super::cells::code128_cells;
use super::content::Content;
use super::embed::{DocumentFonts, Seen, Shown, TypefaceCodes, width};
use crate::layout::{Element, LabelLayout, QrSymbol, Rule, SYNTHETIC_BOLD_STROKE, TextLine};
use crate::text::{Font, Run, ShapedLine};
use crate::units::{Dpi, Pt};

/// A label drawn: its operators and every glyph they show.
#[derive(Debug, Clone)]
pub(super) struct Drawn {
    pub(super) content: Vec<u8>,
    pub(super) shown: Vec<Shown>,
}

/// Room made for a label's operators before drawing: a 4 × 6 label's are about 3.3 KB, a
/// customs form's more (the buffer then grows as it must).
const CONTENT_CAPACITY: usize = 4096;

/// Draws `layout`. `document` is the fonts of the document so far, which say what text each
/// code extracts as; without it, a glyph the character map does not reach is taken to
/// extract as what it stands for here (true unless the document gave its code another text
/// first: [`DocumentFonts::record`] says so, and the label is drawn again with it).
pub(super) fn draw_label(
    layout: &LabelLayout,
    document: Option<&DocumentFonts>,
) -> Result<Drawn, RenderError> {
    draw_elements(layout, &layout.elements, document, None)
}

/// Draws `elements` of `layout` as [`draw_label`] draws them all, after painting the form
/// XObject named `form` when there is one (the label's shared block, drawn once for the
/// document).
pub(super) fn draw_elements(
    layout: &LabelLayout,
    elements: &[Element],
    document: Option<&DocumentFonts>,
    form: Option<&str>,
) -> Result<Drawn, RenderError> {
    let h = layout.height.0;
    let dpi = layout.dpi;
    // Barcodes sit between the page's two pixel grids, in points.
    let offset = grid_offset(layout.height, dpi).0;
    let mut c = Content::with_capacity(CONTENT_CAPACITY);
    let mut shown = Vec::new();
    // Glyphs waiting for one `TJ`, one buffer for every run.
    let mut pending = Vec::new();
    let mut seen = Seen::default();
    c.fill_grey(0.0);
    if let Some(name) = form {
        c.paint_form(name);
    }
    let mut in_text = false;
    for element in elements {
        let is_text = matches!(element, Element::Text(_));
        if is_text != in_text {
            if is_text {
                c.begin_text();
            } else {
                c.end_text();
            }
            in_text = is_text;
        }
        match element {
            Element::Text(TextLine {
                x,
                baseline,
                size,
                line,
                ..
            }) => {
                let base_y = h - baseline.0;
                DRAWN_LINES.with_borrow_mut(|lines| {
                    let drawing = lines.of(line);
                    if drawing.actual_text {
                        c.begin_actual_text(&line.text);
                    }
                    for (run, plain) in line.runs.iter().zip(&drawing.runs) {
                        c.font(run.typeface.index(), *size);
                        if run.synthetic_bold {
                            c.render_mode(2);
                            c.line_width(size * SYNTHETIC_BOLD_STROKE);
                        }
                        let origin = (x.0 + run.x * size, base_y);
                        match plain {
                            Some(plain) => {
                                plain.draw(&mut c, &mut shown, &mut seen, run, origin, *size);
                            }
                            None => {
                                let glyphs = Glyphs {
                                    run,
                                    origin,
                                    size: *size,
                                    mark_odd_glyphs: !drawing.actual_text,
                                };
                                glyphs.draw(
                                    &mut c,
                                    &mut shown,
                                    &mut seen,
                                    &mut pending,
                                    document,
                                )?;
                            }
                        }
                        if run.synthetic_bold {
                            c.render_mode(0);
                        }
                    }
                    if drawing.actual_text {
                        c.end_marked();
                    }
                    Ok::<(), RenderError>(())
                })?;
            }
            Element::Rule(Rule {
                x,
                y,
                width,
                height,
            }) => {
                c.rect(x.0, h - y.0 - height.0, width.0, height.0);
                c.fill();
            }
            Element::Code128(bars) => {
                let origin = (bars.x.to_pt(dpi).0, h - bars.y.to_pt(dpi).0 - offset);
                in_dots(&mut c, dpi, origin, |c| c.fill_rects(&code128_cells(bars)));
            }
            Element::Qr(qr) => {
                let origin = (qr.x.to_pt(dpi).0, h - qr.y.to_pt(dpi).0 - offset);
                in_dots(&mut c, dpi, origin, |c| qr_mask(qr).draw(c));
            }
        }
    }
    if in_text {
        c.end_text();
    }
    Ok(Drawn {
        content: c.into_bytes(),
        shown,
    })
}

/// The lines a thread has drawn lately, by address: a label's captions, places and sender
/// repeat across a batch (the shaping cache hands out the same line each time), and their
/// plain runs are drawn from what was worked out the first time.
struct DrawnLines(HashMap<usize, LineDrawing>);

/// Lines kept: a label's repeated lines come back within a few labels, and one new line a
/// label (the order number) fills the rest. Past it the lines are let go, all at once, and
/// the repeated ones worked out again: a few labels' worth of drawing every 200 or so, more
/// often when every recipient is new.
const LINES_KEPT: usize = 256;

thread_local! {
    static DRAWN_LINES: RefCell<DrawnLines> = RefCell::new(DrawnLines(HashMap::new()));
}

impl DrawnLines {
    /// `line` as drawn: worked out now if it was not drawn lately.
    fn of(&mut self, line: &Arc<ShapedLine>) -> &LineDrawing {
        let key = Arc::as_ptr(line) as usize;
        if self.0.len() >= LINES_KEPT && !self.0.contains_key(&key) {
            self.0.clear();
        }
        self.0.entry(key).or_insert_with(|| LineDrawing {
            _line: Arc::clone(line),
            actual_text: needs_actual_text(line),
            runs: line.runs.iter().map(PlainRun::of).collect(),
        })
    }
}

/// What drawing a line needs of it beyond where it goes: whether it is marked with its text,
/// and each run's glyphs if the run is plain.
struct LineDrawing {
    /// The line, held so that no other takes its address (the key) while it is kept.
    _line: Arc<ShapedLine>,
    /// [`needs_actual_text`].
    actual_text: bool,
    /// Each run, [`PlainRun::of`].
    runs: Vec<Option<PlainRun>>,
}

/// A run whose every glyph sits on the baseline and extracts as the one character-map
/// character it stands for (most text). [`Glyphs::draw`] draws it as one text matrix and one
/// `Tj` or `TJ`, whose operands depend on the run alone: that operator is written out once.
struct PlainRun {
    /// Where its first glyph sits: font units from the start of the run.
    first_x: i32,
    /// The operator showing every glyph, with the kerning between them.
    show: Vec<u8>,
    /// Each glyph's code, id and character, in order: what it reports to the document.
    glyphs: Vec<(u16, u16, char)>,
}

impl PlainRun {
    /// `run` worked out as [`Glyphs::draw`] draws it, if it is plain (and its font and codes
    /// can be read: if not, drawing it the long way reports why).
    fn of(run: &Run) -> Option<PlainRun> {
        let font = Font::get(run.typeface).ok()?;
        let codes = TypefaceCodes::of(run.typeface).ok()?;
        let per_unit = 1000.0 / f64::from(run.units_per_em);
        // Each glyph's code and the `TJ` number after it, as `Glyphs::draw` gathers them.
        let mut pending: Vec<(u16, f32)> = Vec::with_capacity(run.glyphs.len());
        let mut glyphs = Vec::with_capacity(run.glyphs.len());
        let mut previous: Option<(i32, f64)> = None;
        for glyph in &run.glyphs {
            let (code, Some(char)) = codes.code_of(glyph.id).ok()? else {
                return None;
            };
            let mut chars = glyph.text.chars();
            if glyph.y != 0 || chars.next() != Some(char) || chars.next().is_some() {
                return None;
            }
            if let (Some((previous_x, previous_width)), Some(last)) = (previous, pending.last_mut())
            {
                last.1 = adjustment(previous_width, glyph.x - previous_x, per_unit);
            }
            pending.push((code, 0.0));
            previous = Some((glyph.x, width(font, glyph.id)));
            glyphs.push((code, glyph.id, char));
        }
        let first_x = run.glyphs.first()?.x;
        let mut show = Content::with_capacity(8 + 6 * pending.len());
        show.show(&pending);
        Some(PlainRun {
            first_x,
            show: show.into_bytes(),
            glyphs,
        })
    }

    /// Draws it as [`Glyphs::draw`] would, `run` at `origin` in `size`.
    fn draw(
        &self,
        c: &mut Content,
        shown: &mut Vec<Shown>,
        seen: &mut Seen,
        run: &Run,
        origin: (f32, f32),
        size: f32,
    ) {
        let scale = size / run.units_per_em;
        let (x, y) = origin;
        // As [`Glyphs::draw`] places a glyph, one on the baseline.
        c.text_at(x + self.first_x as f32 * scale, y + 0.0 * scale);
        c.raw(&self.show);
        for &(code, glyph, char) in &self.glyphs {
            if seen.insert(run.typeface.index(), code) {
                shown.push(Shown {
                    typeface: run.typeface,
                    glyph,
                    code,
                    text: None,
                    char: Some(char),
                });
            }
        }
    }
}

/// The `TJ` number after a glyph `width` thousandths of an em wide when the next glyph starts
/// `moved` font units after it (`per_unit` thousandths of an em each): the viewer moves the
/// pen by the glyph's width, and a number n moves it back by n thousandths.
fn adjustment(width: f64, moved: i32, per_unit: f64) -> f32 {
    let moved = f64::from(moved) * per_unit;
    (((width - moved) * 1000.0).round() / 1000.0) as f32
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
        seen: &mut Seen,
        pending: &mut Vec<(u16, f32)>,
        document: Option<&DocumentFonts>,
    ) -> Result<(), RenderError> {
        let run = self.run;
        let font = Font::get(run.typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
        let scale = self.size / run.units_per_em;
        let per_unit = 1000.0 / f64::from(run.units_per_em);
        let (x, y) = self.origin;
        let at = |g: &crate::text::Glyph| (x + g.x as f32 * scale, y + g.y as f32 * scale);
        let codes = TypefaceCodes::of(run.typeface)?;
        pending.clear();
        // The previous glyph on the baseline of `pending`: its position and width.
        let mut previous: Option<(i32, f64)> = None;
        for glyph in &run.glyphs {
            let (code, char) = codes.code_of(glyph.id)?;
            let own_text = match char {
                Some(ch) => {
                    let mut chars = glyph.text.chars();
                    chars.next() == Some(ch) && chars.next().is_none()
                }
                None => document
                    .and_then(|d| d.text_of(run.typeface, code))
                    .is_none_or(|text| text == glyph.text),
            };
            // A glyph the character map reaches is the same whatever it stands for here,
            // and is reported once a label (a bit says it was); one it does not reach, once
            // for each text it stands for (looked for among those reported so far).
            let new = match char {
                Some(_) => seen.insert(run.typeface.index(), code),
                None => !shown.iter().any(|s: &Shown| {
                    s.char.is_none()
                        && s.typeface == run.typeface
                        && s.code == code
                        && s.text.as_deref() == Some(glyph.text.as_str())
                }),
            };
            if new {
                shown.push(Shown {
                    typeface: run.typeface,
                    glyph: glyph.id,
                    code,
                    text: char.is_none().then(|| glyph.text.clone()),
                    char,
                });
            }
            if self.mark_odd_glyphs && !own_text {
                flush(c, pending);
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
                    last.1 = adjustment(previous_width, glyph.x - previous_x, per_unit);
                }
                _ => {
                    flush(c, pending);
                    let (gx, gy) = at(glyph);
                    c.text_at(gx, gy);
                }
            }
            pending.push((code, 0.0));
            if glyph.y == 0 {
                previous = Some((glyph.x, width(font, glyph.id)));
            } else {
                flush(c, pending);
                previous = None;
            }
        }
        flush(c, pending);
        Ok(())
    }
}

/// How far below the dot grid counted from the page's top the barcodes are drawn on a page
/// `height` tall (negative: above).
///
/// poppler, MuPDF and cairo count pixel rows from the page's top, Ghostscript from its
/// bottom. On a page that is not a whole number of dots tall (A6, 100 × 150 mm, A4 at
/// 203 dpi) the two grids lie a fraction of a dot apart; drawing halfway between them keeps
/// every edge within a quarter of a dot of both, which the quarter-dot insets of the bars
/// ([`super::cells`]) and of the QR image ([`EDGE_INSET`]) absorb. (At a resolution
/// where the two lie almost exactly half a dot apart, that leaves no margin: the resolutions
/// the tests print at, 203, 300 and 600 dpi, are not such.)
pub(super) fn grid_offset(height: Pt, dpi: Dpi) -> Pt {
    let dots = f64::from(height.0) * f64::from(dpi.get()) / 72.0;
    // How far above a line of the top-counted grid the next line of the bottom-counted
    // one lies, from 0 to 1.
    let apart = (dots.ceil() - dots) as f32;
    let apart = if apart < 1e-3 { 0.0 } else { apart };
    let offset = if apart <= 0.5 {
        -apart / 2.0
    } else {
        (1.0 - apart) / 2.0
    };
    Pt(offset * dpi.dot().0)
}

/// Draws with `draw` in printer dots: one unit is one dot, the origin at `origin` (points,
/// PDF's y upwards), y downwards; the graphics state is saved before and restored after.
fn in_dots(c: &mut Content, dpi: Dpi, origin: (f32, f32), draw: impl FnOnce(&mut Content)) {
    let dot = 72.0 / f64::from(dpi.get());
    c.save();
    c.transform((dot, -dot), origin);
    draw(c);
    c.restore();
}

/// How far inside its nominal dots a barcode's image is placed on every side, in dots.
///
/// Rasterizers round an image's edges differently: poppler fills from the pixel its left
/// edge falls in to the one after the pixel its right edge falls in (one dot too many for an
/// image that ends exactly on a pixel boundary), MuPDF widens an image to the whole pixels it
/// touches, cairo and Ghostscript fill the pixels whose centres it covers. An image whose
/// edges lie a quarter of a dot inside the nominal ones gets exactly the nominal dots from
/// each, its inner module edges stay within a quarter of a dot of the grid, and it stays
/// exact when the page sits up to a quarter of a dot off the rasterizer's pixel grid
/// ([`grid_offset`]). `tests/print_dots.rs` measures every bar and module under all four.
const EDGE_INSET: f32 = 0.25;

/// A QR symbol as a 1-bit image mask: a sample per module, each sample `scale` dots wide
/// and tall, so the symbol lands on whole dots.
///
/// An image says "these dots" in one operator, placed as [`EDGE_INSET`] says. It is also
/// small: a QR of 41 × 41 modules is 246 bytes of samples where rectangles were about 500
/// `re f` pairs (some 8 KB of operators, most of a label's content and of the time spent
/// compressing it). The Code 128 stays rectangles (a few dozen bars): as an image it would
/// be one row of samples stretched over the bars' height, and cairo, which samples images
/// bilinearly, then drops the top row of bars when the image's edge falls a little above a
/// pixel centre (`tests/print_dots.rs` saw it on the 4 × 8 label).
struct Mask {
    /// Samples per row and rows.
    width: usize,
    height: usize,
    /// Dots per sample, across and down.
    scale: (u32, u32),
    /// The rows, each packed from the most significant bit and padded to a whole byte.
    rows: Vec<u8>,
}

impl Mask {
    /// Draws it in dot units (see [`in_dots`]): its top-left corner at the origin.
    fn draw(&self, c: &mut Content) {
        let (w, h) = (
            self.width as f64 * f64::from(self.scale.0),
            self.height as f64 * f64::from(self.scale.1),
        );
        // The unit square to w × h dots less [`EDGE_INSET`] on every side, its first row at
        // the top (y runs downwards here).
        let inset = f64::from(EDGE_INSET);
        c.save();
        c.transform(
            (w - 2.0 * inset, -(h - 2.0 * inset)),
            (EDGE_INSET, (h - inset) as f32),
        );
        c.image_mask(self.width, self.height, &self.rows);
        c.restore();
    }
}

/// A QR symbol as an image mask: a sample per module (the quiet zone is the light around
/// it).
fn qr_mask(qr: &QrSymbol) -> Mask {
    let n = qr.matrix.width();
    Mask {
        width: n,
        height: n,
        scale: (qr.module.0, qr.module.0),
        rows: qr.matrix.packed_rows(),
    }
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
pub(super) fn needs_actual_text(line: &ShapedLine) -> bool {
    !(line.rtl || line.reversed)
        && line.runs.iter().any(|run| {
            run.glyphs
                .iter()
                .any(|g| g.y != 0 || g.text.chars().count() != 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn barcodes_sit_halfway_between_the_top_and_bottom_pixel_grids() {
        // 4 x 6 in is 1218 dots tall at 203 dpi: both grids agree.
        let dots = |height: f32| grid_offset(Pt(height), Dpi::DPI_203).0 * 203.0 / 72.0;
        assert_eq!(dots(432.0), 0.0);
        // A6 (419.53 pt) is 1182.83 dots: the grid counted from the bottom lies 0.17 dot
        // above the one from the top; draw 0.08 dot above.
        let a6 = dots(crate::options::LabelSize::A6.height().0);
        assert!((a6 + 0.083).abs() < 0.005, "{a6}");
        // A4 (841.89 pt) is 2373.66 dots: 0.34 dot above; draw 0.17 above.
        let a4 = dots(841.89);
        assert!((a4 + 0.169).abs() < 0.005, "{a4}");
        // 1000.5 dots: the grids are half a dot apart either way; a quarter of a dot below.
        let half = dots(1000.5 * 72.0 / 203.0);
        assert!(
            (half - 0.25).abs() < 0.005 || (half + 0.25).abs() < 0.005,
            "{half}"
        );
    }

    #[test]
    fn a_label_draws_its_bars_as_rectangles_and_its_qr_as_an_image_mask_on_the_dot_grid() {
        let label = crate::Label::sample().validate().unwrap();
        let layout = crate::layout(&label, &crate::Options::default()).unwrap();
        let drawn = draw_label(&layout, None).unwrap();
        let text = String::from_utf8(drawn.content).unwrap();
        assert!(text.starts_with("0 g\nBT\n"), "{text}");
        let bars = layout
            .elements()
            .iter()
            .find_map(|e| match e {
                Element::Code128(b) => Some(b),
                _ => None,
            })
            .unwrap();
        let qr = layout
            .elements()
            .iter()
            .find_map(|e| match e {
                Element::Qr(q) => Some(q),
                _ => None,
            })
            .unwrap();
        // Each barcode in units of one dot at 203 dpi (0.35468 pt), y downwards from its
        // top-left corner, then the unit square stretched over the symbol's dots.
        let symbols: Vec<&str> = text.split("0.35468 0 0 -0.35468 ").skip(1).collect();
        assert_eq!(symbols.len(), 2, "{text}");
        // The Code 128: every bar a rectangle filled on its own, inset a quarter of a dot on
        // each side, 4-dot modules and 208 dots tall (26 mm): the band they share starts a
        // quarter of a dot in, at the first bar, and is the unit height stretched over dots
        // 0.25 to 207.75; each bar stands whole modules from there.
        let ops: Vec<&str> = symbols[0]
            .lines()
            .skip(1)
            .take_while(|l| *l != "Q")
            .collect();
        assert_eq!(
            ops[..4],
            ["q", "1 0 0 207.5 0.25 0.25 cm", "0 0 7.5 1 re", "f"]
        );
        let bar_count = (ops.len() - 2) / 2;
        let runs = bars.modules.windows(2).filter(|w| w[1] && !w[0]).count() + 1;
        assert_eq!(bar_count, runs, "{ops:?}");
        for pair in ops[2..].chunks(2) {
            let numbers: Vec<f32> = pair[0]
                .trim_end_matches(" re")
                .split(' ')
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(pair[1], "f", "{pair:?}");
            assert_eq!(numbers[0] % 4.0, 0.0, "{pair:?}");
            assert_eq!((numbers[2] + 0.5) % 4.0, 0.0, "{pair:?}");
            assert_eq!((numbers[1], numbers[3]), (0.0, 1.0), "{pair:?}");
        }
        // The QR: an image mask of a sample per module, each 7 × 7 dots, a quarter of a dot
        // inside its dots on every side.
        let n = qr.matrix.width();
        let w = n * 7;
        assert!(
            symbols[1].contains(&format!(
                "\nq\n{}.5 0 0 -{}.5 0.25 {}.75 cm\nBI /W {n} /H {n} /IM true /BPC 1 /D [1 0] /F /AHx ID\n",
                w - 1,
                w - 1,
                w - 1
            )),
            "{}",
            symbols[1]
        );
        // Its samples are the modules, row by row, from each byte's most significant bit.
        let hex = symbols[1]
            .split(" ID\n")
            .nth(1)
            .unwrap()
            .split('>')
            .next()
            .unwrap();
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        let stride = n.div_ceil(8);
        assert_eq!(bytes.len(), stride * n);
        for y in 0..n {
            for x in 0..n {
                let bit = bytes[y * stride + x / 8] >> (7 - x % 8) & 1 == 1;
                assert_eq!(bit, qr.matrix.dark(x, y), "module ({x}, {y})");
            }
        }
        // Every glyph shown is reported, with its text.
        assert!(drawn.shown.iter().any(|s| s.char == Some('O')));
        // Once each: no two entries alike anywhere in the list.
        for (i, one) in drawn.shown.iter().enumerate() {
            assert!(!drawn.shown[i + 1..].contains(one), "{one:?} twice");
        }
    }
}
