//! Drawing a layout into pixels: glyph outlines and rules filled by tiny-skia, barcodes as
//! rectangles on the layout's dot grid, all as ink coverage (0 = paper, 255 = ink).

use std::collections::HashMap;

use rustybuzz::ttf_parser;
use tiny_skia::{FillRule, Paint, Path, PathBuilder, Pixmap, Rect, Stroke, Transform};

use crate::error::RenderError;
use crate::layout::{Element, LabelLayout, Rule, SYNTHETIC_BOLD_STROKE, TextLine};
use crate::text::{Font, Typeface};

/// Ink drawn on a page of pixels.
pub(super) struct Canvas {
    pixmap: Pixmap,
    /// Pixels per inch.
    ppi: f32,
    /// Pixels per point.
    per_pt: f32,
    /// Each glyph's outline in font units, read once per canvas.
    outlines: HashMap<(Typeface, u16), Option<Path>>,
    /// Whether edges are anti-aliased (a preview) or every pixel is all ink or none.
    anti_alias: bool,
}

impl Canvas {
    /// A blank page `width` × `height` pixels, at `ppi` pixels per inch.
    pub(super) fn new(
        width: u32,
        height: u32,
        ppi: u32,
        anti_alias: bool,
    ) -> Result<Canvas, RenderError> {
        let pixmap = Pixmap::new(width, height).ok_or_else(|| {
            RenderError::Png(format!(
                "an image of {width} × {height} pixels cannot be made"
            ))
        })?;
        Ok(Canvas {
            pixmap,
            ppi: ppi as f32,
            per_pt: ppi as f32 / 72.0,
            outlines: HashMap::new(),
            anti_alias,
        })
    }

    /// Draws `layout` with its top-left corner `origin` pixels from the page's.
    pub(super) fn label(
        &mut self,
        layout: &LabelLayout,
        origin: (f32, f32),
    ) -> Result<(), RenderError> {
        // Pixels per dot of this layout's own resolution (1 when printing at it).
        let per_dot = self.ppi / layout.dpi().get() as f32;
        for element in layout.elements() {
            match element {
                Element::Text(line) => self.text(line, origin)?,
                Element::Rule(rule) => self.rule(rule, origin),
                Element::Code128(bars) => {
                    let module = bars.module().0 as f32;
                    let height = bars.height().0 as f32;
                    let cells = runs(bars.modules().iter().copied()).map(|(start, len)| {
                        (start as f32 * module, 0.0, len as f32 * module, height)
                    });
                    self.cells(origin, per_dot, (bars.x().0, bars.y().0), cells);
                }
                Element::Qr(qr) => {
                    let m = qr.module().0 as f32;
                    let n = qr.modules_per_side();
                    let cells = (0..n).flat_map(|row| {
                        runs((0..n).map(move |col| qr.is_dark(col, row))).map(
                            move |(start, len)| {
                                (start as f32 * m, row as f32 * m, len as f32 * m, m)
                            },
                        )
                    });
                    self.cells(origin, per_dot, (qr.x().0, qr.y().0), cells);
                }
            }
        }
        Ok(())
    }

    /// Fills a rule (points from the origin of the layout drawn at `origin` pixels). In a
    /// print its edges go to the nearest pixel edges and it is at least a pixel thick, so a
    /// thin rule (a cut mark at a low resolution) never vanishes between pixel centres.
    pub(super) fn rule(&mut self, rule: &Rule, origin: (f32, f32)) {
        let (x0, y0, x1, y1) = rule_edges(rule, self.per_pt, origin, !self.anti_alias);
        // As a path: tiny-skia's own anti-aliased rectangle fill mishandles rectangles
        // thinner than a pixel (a cut mark in a small preview).
        if let Some(rect) = Rect::from_ltrb(x0, y0, x1, y1) {
            let path = PathBuilder::from_rect(rect);
            let ink = self.ink();
            self.pixmap
                .fill_path(&path, &ink, FillRule::Winding, Transform::identity(), None);
        }
    }

    /// Fills rectangles given in dots (`per_dot` pixels each) from `at` (dots from the
    /// layout's top left), as one
    /// path: where two touch, no seam shows even when they land between pixels.
    fn cells(
        &mut self,
        origin: (f32, f32),
        per_dot: f32,
        at: (u32, u32),
        cells: impl Iterator<Item = (f32, f32, f32, f32)>,
    ) {
        let mut path = PathBuilder::new();
        for (x, y, w, h) in cells {
            if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                path.push_rect(rect);
            }
        }
        let Some(path) = path.finish() else { return };
        let k = per_dot;
        let transform = Transform::from_row(
            k,
            0.0,
            0.0,
            k,
            origin.0 + at.0 as f32 * k,
            origin.1 + at.1 as f32 * k,
        );
        self.pixmap
            .fill_path(&path, &self.ink(), FillRule::Winding, transform, None);
    }

    /// Fills the outlines of a line's glyphs (and strokes them for a synthetic bold).
    pub(super) fn text(&mut self, line: &TextLine, origin: (f32, f32)) -> Result<(), RenderError> {
        let k = self.per_pt;
        let ink = self.ink();
        for run in line.runs() {
            let typeface = run.typeface();
            let font = Font::get(typeface).map_err(|e| RenderError::Png(e.to_string()))?;
            let scale = line.size().0 / font.units_per_em() * k;
            let stroke = run.synthetic_bold().then(|| Stroke {
                width: SYNTHETIC_BOLD_STROKE * font.units_per_em(),
                ..Stroke::default()
            });
            for glyph in run.glyphs() {
                let outline = self
                    .outlines
                    .entry((typeface, glyph.id()))
                    .or_insert_with(|| outline(font, glyph.id()));
                let Some(path) = outline.as_ref() else {
                    continue;
                };
                // Font units are y up; the page is y down.
                let transform = Transform::from_row(
                    scale,
                    0.0,
                    0.0,
                    -scale,
                    origin.0 + glyph.x().0 * k,
                    origin.1 + glyph.y().0 * k,
                );
                self.pixmap
                    .fill_path(path, &ink, FillRule::Winding, transform, None);
                if let Some(stroke) = &stroke {
                    self.pixmap.stroke_path(path, &ink, stroke, transform, None);
                }
            }
        }
        Ok(())
    }

    /// Black: anti-aliased for a preview; for a print, each pixel inked or not by whether
    /// its centre is inside the shape, as a printer's rasterizer fills.
    fn ink(&self) -> Paint<'static> {
        let mut paint = Paint::default();
        paint.set_color_rgba8(0, 0, 0, 255);
        paint.anti_alias = self.anti_alias;
        paint
    }

    /// The ink's coverage, a byte per pixel, row by row.
    pub(super) fn coverage(&self) -> Vec<u8> {
        self.pixmap.pixels().iter().map(|p| p.alpha()).collect()
    }

    /// The page's width and height in pixels.
    pub(super) fn size(&self) -> (u32, u32) {
        (self.pixmap.width(), self.pixmap.height())
    }
}

/// Glyph `id`'s outline in font units, `None` for a glyph without one (a space).
fn outline(font: &Font, id: u16) -> Option<Path> {
    let mut builder = Outline(PathBuilder::new());
    font.face()
        .outline_glyph(ttf_parser::GlyphId(id), &mut builder)?;
    builder.0.finish()
}

/// Collects an outline as a tiny-skia path.
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// A rule's edges in pixels (`per_pt` a point) from a layout drawn at `origin`: left, top,
/// right, bottom. For a print (`whole`) each edge goes to the nearest pixel edge and the
/// rule is at least a pixel thick, so a thin rule (a cut mark at a low resolution) never
/// vanishes between pixel centres; the ZPL output's `^GB` boxes are these same dots.
pub(crate) fn rule_edges(
    rule: &Rule,
    per_pt: f32,
    origin: (f32, f32),
    whole: bool,
) -> (f32, f32, f32, f32) {
    let (x0, y0) = (
        origin.0 + rule.x().0 * per_pt,
        origin.1 + rule.y().0 * per_pt,
    );
    let (x1, y1) = (x0 + rule.width().0 * per_pt, y0 + rule.height().0 * per_pt);
    if whole {
        let (x0, y0) = (x0.round(), y0.round());
        (x0, y0, x1.round().max(x0 + 1.0), y1.round().max(y0 + 1.0))
    } else {
        (x0, y0, x1, y1)
    }
}

/// Runs of `true` in `cells`: (start, length).
fn runs(cells: impl Iterator<Item = bool>) -> impl Iterator<Item = (usize, usize)> {
    let mut cells = cells.enumerate().peekable();
    std::iter::from_fn(move || {
        let (start, _) = cells.find(|&(_, dark)| dark)?;
        let mut len = 1;
        while cells.next_if(|&(_, dark)| dark).is_some() {
            len += 1;
        }
        Some((start, len))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_dark_cells() {
        let cells = [true, true, false, true, false, false, true];
        let found: Vec<_> = runs(cells.into_iter()).collect();
        assert_eq!(found, [(0, 2), (3, 1), (6, 1)]);
        assert_eq!(runs([false; 3].into_iter()).count(), 0);
    }
}
