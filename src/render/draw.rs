//! The drawing of one label: its text, rules and barcodes as content-stream operators in the
//! label's own coordinates (PDF's origin is the bottom left, the layout's the top left), and
//! the glyphs it shows, for the document's fonts.

use super::RenderError;
use super::content::Content;
use super::embed::{DocumentFonts, Shown, code_of, width};
use crate::barcode::QrMatrix;
use crate::layout::{
    Code128Symbol, Element, LabelLayout, QrSymbol, Rule, SYNTHETIC_BOLD_STROKE, TextLine,
};
use crate::text::{Font, Run, ShapedLine};
use crate::units::{Dpi, Pt};

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
    // Barcodes sit between the page's two pixel grids, in points.
    let offset = grid_offset(layout.height, dpi).0;
    let mut c = Content::default();
    let mut shown = Vec::new();
    c.fill_grey(0.0);
    let mut in_text = false;
    for element in &layout.elements {
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
                in_dots(&mut c, dpi, origin, |c| fill_all(c, &code128_cells(bars)));
            }
            Element::Qr(qr) => {
                let origin = (qr.x.to_pt(dpi).0, h - qr.y.to_pt(dpi).0 - offset);
                in_dots(&mut c, dpi, origin, |c| fill_all(c, &qr_cells(qr)));
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

/// How far the edge between a dark and a light module of a barcode lies inside the dark
/// one, in dots.
///
/// Rasterizers differ on the pixels an edge touches: MuPDF without anti-aliasing and
/// Ghostscript fill every pixel a shape touches (a 4-dot bar on the grid prints 5 dots),
/// poppler's 1-bit path does so for shapes of several rectangles, cairo and others fill the
/// pixels whose centres the shape covers. With every edge a quarter of a dot inside its
/// dark module, both rules fill exactly the nominal dots, and stay exact when the page sits
/// up to a quarter of a dot off their pixel grid ([`grid_offset`]). Edges between two dark
/// modules move only by [`SEAM`], so nothing shows between them on a screen.
/// `tests/print_dots.rs` measures every bar and module under poppler, Ghostscript, MuPDF
/// and cairo.
const INSET: f32 = 0.25;

/// How far the edge between two dark modules drawn as separate rectangles lies inside each,
/// in dots: a rasterizer that fills every pixel a shape touches would otherwise fill the
/// light pixel diagonally across an inner corner. Too thin to show on a screen.
const SEAM: f32 = 0.02;

/// How far below the dot grid counted from the page's top the barcodes are drawn on a page
/// `height` tall (negative: above).
///
/// poppler, MuPDF and cairo count pixel rows from the page's top, Ghostscript from its
/// bottom. On a page that is not a whole number of dots tall (A6, 100 × 150 mm, A4 at
/// 203 dpi) the two grids lie a fraction of a dot apart; drawing halfway between them keeps
/// every edge within a quarter of a dot of both, which [`INSET`] absorbs. (At a resolution
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

/// A rectangle of a barcode to fill as a path of its own: `(x, y, width, height)` in dots
/// from the symbol's top-left corner, y downwards, its edges already moved inwards by
/// [`INSET`] or [`SEAM`].
pub(super) type Cell = (f32, f32, f32, f32);

/// Fills each cell as a path of its own.
fn fill_all(c: &mut Content, cells: &[Cell]) {
    for &(x, y, width, height) in cells {
        c.rect(x, y, width, height);
        c.fill();
    }
}

/// The cells a Code 128 is printed as: each bar a rectangle, light on every side.
pub(super) fn code128_cells(bars: &Code128Symbol) -> Vec<Cell> {
    let module = bars.module.0 as f32;
    let tall = bars.height.0 as f32;
    runs(bars.modules.iter().copied())
        .into_iter()
        .map(|(start, len)| {
            let bar = (start as f32 * module, 0.0, len as f32 * module, tall);
            inset_cells(bar, [true; 4])
        })
        .collect()
}

/// The cells a QR symbol is printed as: each row's runs of dark modules, split where the
/// modules above or below change, so that only edges against light modules move.
pub(super) fn qr_cells(qr: &QrSymbol) -> Vec<Cell> {
    let matrix = &qr.matrix;
    let m = qr.module.0 as f32;
    let n = matrix.width();
    let mut out = Vec::new();
    for row in 0..n {
        for (start, len) in runs((0..n).map(|col| matrix.dark(col, row))) {
            let run = (start, start + len);
            for (from, to, above, below) in segments(matrix, row, run) {
                let cells = (from as f32 * m, row as f32 * m, (to - from) as f32 * m, m);
                let light = [from == start, !above, to == start + len, !below];
                out.push(inset_cells(cells, light));
            }
        }
    }
    out
}

/// `width` × `height` dots at `x`, `y`, each side moved [`INSET`] inwards where `light`
/// (left, top, right, bottom) says a light module is on the other side, and [`SEAM`] where
/// a dark one is.
fn inset_cells(
    (x, y, width, height): (f32, f32, f32, f32),
    [left, top, right, bottom]: [bool; 4],
) -> Cell {
    let inset = |light: bool| if light { INSET } else { SEAM };
    let (x0, y0) = (x + inset(left), y + inset(top));
    let (x1, y1) = (x + width - inset(right), y + height - inset(bottom));
    (x0, y0, x1 - x0, y1 - y0)
}

/// The parts of a run of dark modules `start..end` in row `row` of `matrix` between which
/// the modules above and below change from dark to light: `(from, to, above dark, below
/// dark)`.
fn segments(
    matrix: &QrMatrix,
    row: usize,
    (start, end): (usize, usize),
) -> Vec<(usize, usize, bool, bool)> {
    let around = |col: usize| {
        (
            row > 0 && matrix.dark(col, row - 1),
            matrix.dark(col, row + 1),
        )
    };
    let mut out: Vec<(usize, usize, bool, bool)> = Vec::new();
    for col in start..end {
        let (above, below) = around(col);
        match out.last_mut() {
            Some(last) if (last.2, last.3) == (above, below) => last.1 = col + 1,
            _ => out.push((col, col + 1, above, below)),
        }
    }
    out
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
    fn qr_runs_split_where_the_modules_above_or_below_change() {
        let qr = crate::barcode::encode_qr("SL1", crate::barcode::QrLevel::Q).unwrap();
        // The top row of the top-left finder: seven dark modules over a row that is dark at
        // both ends and light between.
        assert_eq!(
            segments(&qr, 0, (0, 7)),
            [
                (0, 1, false, true),
                (1, 6, false, false),
                (6, 7, false, true)
            ]
        );
    }

    #[test]
    fn runs_of_dark_cells() {
        let cells = [true, true, false, true, false, false, true];
        assert_eq!(runs(cells.into_iter()), [(0, 2), (3, 1), (6, 1)]);
        assert_eq!(runs([false, false].into_iter()), []);
        assert_eq!(runs([true].into_iter()), [(0, 1)]);
    }

    #[test]
    fn a_label_draws_each_bar_as_a_filled_path_of_its_own_on_the_dot_grid() {
        let label = crate::Label::sample().validate().unwrap();
        let layout = crate::layout(&label, &crate::Options::default()).unwrap();
        let drawn = draw_label(&layout, None).unwrap();
        let text = String::from_utf8(drawn.content).unwrap();
        assert!(text.starts_with("0 g\nBT\n"), "{text}");
        // The Code 128 in units of one dot at 203 dpi (0.35468 pt), y downwards from its
        // top-left corner: every bar a rectangle filled on its own, inset a quarter of a
        // dot on each side, 4-dot modules and 208 dots tall (26 mm).
        let code = text
            .find("0.35468 0 0 -0.35468 ")
            .expect("a dot-scaled matrix");
        let after = &text[code..];
        let end = after.find("\nQ\n").unwrap();
        let ops: Vec<&str> = after[..end].lines().skip(1).collect();
        assert_eq!(ops[..2], ["0.25 0.25 7.5 207.5 re", "f"]);
        assert!(ops.len() > 40, "{ops:?}");
        for pair in ops.chunks(2) {
            let numbers: Vec<f32> = pair[0]
                .trim_end_matches(" re")
                .split(' ')
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(pair[1], "f", "{pair:?}");
            assert_eq!((numbers[0] - 0.25) % 4.0, 0.0, "{pair:?}");
            assert_eq!((numbers[2] + 0.5) % 4.0, 0.0, "{pair:?}");
            assert_eq!((numbers[1], numbers[3]), (0.25, 207.5), "{pair:?}");
        }
        // Every glyph shown is reported, with its text.
        assert!(drawn.shown.iter().any(|s| s.char == Some('O')));
        assert!(drawn.shown.windows(2).all(|w| w[0] != w[1]), "no repeats");
    }
}
