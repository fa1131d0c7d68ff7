//! A label drawn onto a page of an app's own `printpdf` document: the same drawing as our
//! PDF writer's ([`super::draw`]), as printpdf operations, with the label's fonts subset
//! and registered in the app's document.
//!
//! Text is shown by glyph id, never re-shaped: each typeface the label uses is cut down to
//! its glyphs here (printpdf subsets only with its heavy `text_layout` feature) and
//! registered under a fixed font id, `TAG+PostScriptName`, whose tag follows the glyphs, so
//! the same glyphs are registered once however many labels show them, and the id does not
//! depend on what else the process did (printpdf's own ids come from a process-wide
//! counter).

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, FontId, Greyscale, LineCapStyle, LineDashPattern,
    LineJoinStyle, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, Pt,
    Rect, TextItem, TextMatrix, TextRenderingMode, WindingOrder,
};

use super::RenderError;
use super::cells::{Cell, code128_cells, qr_cells};
use super::draw::{grid_offset, needs_actual_text};
use super::embed::TypefaceCodes;
use super::subset::{SubsetFont, subset_font, subset_tag_with};
use crate::layout::{Element, LabelLayout, SYNTHETIC_BOLD_STROKE};
use crate::text::Typeface;
use crate::units::{Dots, Dpi};

/// Draws a laid-out label onto `page`, a page of the app's own printpdf document `doc`,
/// with the label's bottom-left corner at `at`.
///
/// Coordinates are printpdf's, which are PDF's: points from the page's **bottom-left**
/// corner, y upwards, so `at` is where the label's bottom-left corner goes (a 4 × 6 in
/// label at `(Pt(306.0), Pt(324.0))` on a Letter page, 612 × 792 pt, fills the right half
/// from half an inch below its top). The label is drawn in the page's default coordinates: append it where any
/// transformation of the app's own (`cm` inside a `q`) has been restored. It is drawn as it
/// prints on its own page: black text, rules and barcodes, 4 × 6 in (or the layout's size),
/// no border; the page's colours, line style and text state are set for it and restored
/// after it.
///
/// The operations are appended to `page.ops`; the fonts they show are registered in `doc`
/// (`doc.resources.fonts`), each subset to the glyphs the label uses, with a character map
/// so the text can be searched and copied. Labels that use the same glyphs share their
/// fonts. Add the page to the document after drawing on it (`doc.pages.push(page)`).
///
/// **Dots.** The layout put every bar and QR module on its printer's dot grid
/// ([`LabelLayout::dpi`]). Here each symbol is moved by less than half a dot so it lies on
/// that grid as counted from the corners of `page`'s media box, so a printer of that
/// resolution prints every bar and module at exactly its width in dots wherever the label
/// is; the text and rules stay where they are. Place the label itself on whole dots
/// ([`Dpi::snap`](crate::Dpi::snap)) and nothing moves at all. On a page that is not a whole
/// number of dots tall (A4 at 203 dpi), the symbols lie halfway between the grids counted
/// from its top and its bottom, as our own PDFs do.
///
/// The app's document stays the app's: save it as usual. (printpdf writes a different
/// trailer `/ID` on every save; an app that wants the same bytes for the same document
/// replaces it, as `examples/packing_slip.rs` does.)
///
/// # Errors
///
/// [`RenderError::Pdf`] if `at` or the page's media box is not finite (or the box is
/// empty), or a bundled font cannot be subset or read: nothing is then added to the page
/// or the document.
///
/// # Examples
///
/// A packing slip and its label on one Letter page:
///
/// ```
/// use printpdf::{BuiltinFont, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem, TextMatrix};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let label = shiplabel::Label::sample().validate()?;
/// let layout = shiplabel::layout(&label, &shiplabel::Options::default())?;
///
/// let mut doc = PdfDocument::new("Order TT-2026-000123");
/// let slip = vec![
///     Op::StartTextSection,
///     Op::SetFont { font: PdfFontHandle::Builtin(BuiltinFont::Helvetica), size: Pt(18.0) },
///     Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(36.0), Pt(740.0)) },
///     Op::ShowText { items: vec![TextItem::Text("Packing slip".into())] },
///     Op::EndTextSection,
/// ];
/// let mut page = PdfPage::new(Mm(215.9), Mm(279.4), slip);
/// // The label's bottom-left corner 306 pt from the left edge, 324 pt up from the bottom.
/// shiplabel::draw_on_printpdf(&layout, &mut doc, &mut page, (Pt(306.0), Pt(324.0)))?;
/// doc.pages.push(page);
///
/// let pdf = doc.save(&PdfSaveOptions::default(), &mut Vec::new());
/// assert!(pdf.starts_with(b"%PDF-"));
/// # Ok(()) }
/// ```
pub fn draw_on_printpdf(
    layout: &LabelLayout,
    doc: &mut PdfDocument,
    page: &mut PdfPage,
    at: (Pt, Pt),
) -> Result<(), RenderError> {
    let media = &page.media_box;
    let finite = [at.0, at.1, media.x, media.y, media.width, media.height]
        .iter()
        .all(|v| v.0.is_finite());
    if !finite || media.height.0 <= 0.0 {
        return Err(RenderError::Pdf(format!(
            "a label cannot be drawn at ({}, {}) on a page whose media box is {} × {} at \
             ({}, {}): every value must be finite and the page's height positive",
            at.0.0, at.1.0, media.width.0, media.height.0, media.x.0, media.y.0
        )));
    }
    let grid = PageGrid {
        left: f64::from(media.x.0),
        top: f64::from(media.y.0) + f64::from(media.height.0),
        offset: f64::from(grid_offset(crate::Pt(media.height.0), layout.dpi).0),
        dpi: layout.dpi,
    };
    let fonts = LabelFonts::collect(layout)?;
    // Every font is made before any is registered, so an error leaves `doc` untouched.
    let made: Vec<(Typeface, Program)> = fonts
        .faces
        .iter()
        .map(|(&typeface, face)| face.program(typeface).map(|p| (typeface, p)))
        .collect::<Result<_, _>>()?;
    let ids: Vec<(FontId, bool)> = made
        .iter()
        .map(|(typeface, program)| font_id(doc, *typeface, program))
        .collect::<Result<_, _>>()?;
    let mut registered = BTreeMap::new();
    for ((typeface, program), (id, new)) in made.into_iter().zip(ids) {
        if new {
            let font = PdfFont::new(program.parsed);
            doc.resources.fonts.map.insert(id.clone(), font);
        }
        registered.insert(typeface, (id, program.subset));
    }
    let ops = label_ops(layout, &fonts, &registered, at, &grid);
    page.ops.extend(ops);
    Ok(())
}

/// The dot grid of a page: where its media box's left and top edges are, how far below the
/// grid counted from the top the symbols go to lie between it and the one counted from the
/// bottom, in points, and the resolution.
struct PageGrid {
    left: f64,
    top: f64,
    offset: f64,
    dpi: Dpi,
}

impl PageGrid {
    /// The point, in page coordinates, nearest to `(x, y)` (PDF coordinates, points) that
    /// lies on the grid: a whole number of dots from the page's left and top edges, moved
    /// by the offset between the page's two grids.
    fn snap(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let dot = 72.0 / f64::from(self.dpi.get());
        let x = self.left + ((x - self.left) / dot).round() * dot;
        let y = self.top - ((self.top - y) / dot).round() * dot - self.offset;
        (x, y)
    }
}

/// The glyphs one typeface shows on a label, with the text each extracts as.
#[derive(Debug, Default)]
struct Face {
    /// Each glyph id shown, and its text: the character the font's character map gives it,
    /// or for a glyph the map does not reach, what it stands for where it is first shown.
    texts: BTreeMap<u16, GlyphText>,
}

/// What a glyph's code extracts as.
#[derive(Debug)]
struct GlyphText {
    text: String,
    /// Whether the font's character map gives it (the text is then that character).
    mapped: bool,
}

/// A typeface cut down to a label's glyphs: the subset, as printpdf reads it, and its tag.
struct Program {
    subset: SubsetFont,
    parsed: ParsedFont,
    tag: String,
}

impl Face {
    /// The typeface cut down to the glyphs.
    fn program(&self, typeface: Typeface) -> Result<Program, RenderError> {
        let glyphs: Vec<u16> = self.texts.keys().copied().collect();
        // With its character map and name: printpdf's font parser needs the one (with
        // `text_layout`, which an app's own printpdf may have on) and names the font from
        // the other.
        let subset = subset_font(typeface, &glyphs)?;
        let mut warnings = Vec::new();
        let program = ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings).ok_or_else(|| {
            RenderError::Pdf(format!(
                "printpdf cannot read the subset of {}: {warnings:?}",
                typeface.postscript_name()
            ))
        })?;
        // The texts of the glyphs the character map does not reach follow the glyphs in
        // the tag: printpdf keeps one text per glyph for each font id, so two labels share
        // a font only when every glyph extracts as the same text on both.
        let mut extra = Vec::new();
        for (id, text) in &self.texts {
            if !text.mapped {
                extra.extend_from_slice(&id.to_be_bytes());
                extra.extend_from_slice(text.text.as_bytes());
                extra.push(0);
            }
        }
        Ok(Program {
            tag: subset_tag_with(typeface, &glyphs, &extra),
            subset,
            parsed: program,
        })
    }
}

/// The id `program` has in `doc`, `TAG+PostScriptName`, and whether it is new (still to be
/// registered). A font already registered under that id is used if it is the same program;
/// if not (two glyph sets whose tags agree, about one pair in 300 million), the next tag is
/// tried.
fn font_id(
    doc: &PdfDocument,
    typeface: Typeface,
    program: &Program,
) -> Result<(FontId, bool), RenderError> {
    const TRIES: u8 = 16;
    let name = typeface.postscript_name();
    for n in 0..TRIES {
        let tag = if n == 0 {
            program.tag.clone()
        } else {
            subset_tag_with(typeface, &[], format!("{}{n}", program.tag).as_bytes())
        };
        let id = FontId(format!("{tag}+{name}"));
        match doc.resources.fonts.map.get(&id) {
            None => return Ok((id, true)),
            Some(font) if font.parsed_font == program.parsed => return Ok((id, false)),
            Some(_) => {}
        }
    }
    Err(RenderError::Pdf(format!(
        "no free font id for {name} in the document after {TRIES} tries"
    )))
}

/// The fonts a label uses: each typeface's glyphs, and what each glyph's code extracts as.
#[derive(Debug, Default)]
struct LabelFonts {
    faces: BTreeMap<Typeface, Face>,
}

impl LabelFonts {
    fn collect(layout: &LabelLayout) -> Result<LabelFonts, RenderError> {
        let mut fonts = LabelFonts::default();
        for element in layout.elements() {
            let Element::Text(line) = element else {
                continue;
            };
            for run in line.runs() {
                let typeface = run.typeface();
                let codes = TypefaceCodes::of(typeface)?;
                let face = fonts.faces.entry(typeface).or_default();
                for glyph in run.glyphs() {
                    if face.texts.contains_key(&glyph.id()) {
                        continue;
                    }
                    let (_, char) = codes.code_of(glyph.id())?;
                    let text = match char {
                        Some(c) => GlyphText {
                            text: c.to_string(),
                            mapped: true,
                        },
                        None => GlyphText {
                            text: glyph.text().to_owned(),
                            mapped: false,
                        },
                    };
                    face.texts.insert(glyph.id(), text);
                }
            }
        }
        Ok(fonts)
    }

    /// The text glyph `id` of `typeface` extracts as.
    fn text(&self, typeface: Typeface, id: u16) -> &str {
        self.faces
            .get(&typeface)
            .and_then(|face| face.texts.get(&id))
            .map_or("", |t| t.text.as_str())
    }
}

fn black() -> Color {
    Color::Greyscale(Greyscale::new(0.0, None))
}

fn fill(x: f32, y: f32, width: f32, height: f32) -> Op {
    Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(x),
            y: Pt(y),
            width: Pt(width),
            height: Pt(height),
            // Without a paint mode, printpdf makes a rectangle a clipping path.
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        },
    }
}

/// A marked-content span whose text is `text` (PDF 32000-1, 14.9.4).
fn begin_actual_text(text: &str) -> Op {
    let mut utf16 = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert("ActualText".to_owned(), DictItem::Bytes(utf16));
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict { map },
    }
}

/// The operations that draw `layout` with its bottom-left corner at `at`, inside a saved
/// graphics state.
fn label_ops(
    layout: &LabelLayout,
    fonts: &LabelFonts,
    registered: &BTreeMap<Typeface, (FontId, SubsetFont)>,
    at: (Pt, Pt),
    grid: &PageGrid,
) -> Vec<Op> {
    let h = layout.height().0;
    let mut ops = vec![
        Op::SaveGraphicsState,
        // The label's own coordinates: its bottom-left corner at the origin, y upwards.
        Op::SetTransformationMatrix {
            matrix: CurTransMat::Translate(at.0, at.1),
        },
        Op::SetFillColor { col: black() },
        Op::SetOutlineColor { col: black() },
        // The text state and line style as on a new page, whatever the app set before.
        Op::SetCharacterSpacing { multiplier: 0.0 },
        Op::SetWordSpacing { pt: Pt(0.0) },
        Op::SetHorizontalScaling { percent: 100.0 },
        Op::SetLineOffset { multiplier: 0.0 },
        Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        },
        Op::SetLineDashPattern {
            dash: LineDashPattern::solid(),
        },
        Op::SetLineJoinStyle {
            join: LineJoinStyle::Miter,
        },
        Op::SetLineCapStyle {
            cap: LineCapStyle::Butt,
        },
        Op::SetMiterLimit { limit: Pt(10.0) },
    ];
    let mut in_text = false;
    for element in layout.elements() {
        let is_text = matches!(element, Element::Text(_));
        if is_text != in_text {
            ops.push(if is_text {
                Op::StartTextSection
            } else {
                Op::EndTextSection
            });
            in_text = is_text;
        }
        match element {
            Element::Text(line) => {
                let actual_text = needs_actual_text(&line.line);
                if actual_text {
                    ops.push(begin_actual_text(line.text()));
                }
                let size = line.size().0;
                for run in line.runs() {
                    let typeface = run.typeface();
                    let Some((id, subset)) = registered.get(&typeface) else {
                        continue;
                    };
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(size),
                    });
                    if run.synthetic_bold() {
                        ops.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::FillStroke,
                        });
                        ops.push(Op::SetOutlineThickness {
                            pt: Pt(size * SYNTHETIC_BOLD_STROKE),
                        });
                    }
                    for glyph in run.glyphs() {
                        let code_text = fonts.text(typeface, glyph.id());
                        // A glyph that stands for other characters here than its code
                        // extracts as (a mirrored bracket, a split vowel's second half)
                        // gets a span of its own, unless its line has one.
                        let odd = !actual_text && glyph.text() != code_text;
                        if odd {
                            ops.push(begin_actual_text(glyph.text()));
                        }
                        // One matrix per glyph; printpdf joins those on one baseline into
                        // one `TJ`, kerned by the widths it writes.
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Raw([
                                1.0,
                                0.0,
                                0.0,
                                1.0,
                                glyph.x().0,
                                h - glyph.y().0,
                            ]),
                        });
                        // Every glyph shown is in the subset (0, `.notdef`, cannot happen).
                        let gid = subset.new_id(glyph.id()).unwrap_or(0);
                        ops.push(Op::ShowText {
                            items: vec![TextItem::GlyphIds(vec![Codepoint {
                                gid,
                                offset: 0.0,
                                cid: Some(code_text.to_owned()),
                            }])],
                        });
                        if odd {
                            ops.push(Op::EndMarkedContent);
                        }
                    }
                    if run.synthetic_bold() {
                        ops.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::Fill,
                        });
                    }
                }
                if actual_text {
                    ops.push(Op::EndMarkedContent);
                }
            }
            Element::Rule(rule) => {
                let (x, y, w, rh) = (rule.x().0, rule.y().0, rule.width().0, rule.height().0);
                ops.push(fill(x, h - y - rh, w, rh));
            }
            Element::Code128(bars) => {
                ops.extend(symbol(
                    layout,
                    (bars.x(), bars.y()),
                    &code128_cells(bars),
                    at,
                    grid,
                ));
            }
            Element::Qr(qr) => {
                ops.extend(symbol(layout, (qr.x(), qr.y()), &qr_cells(qr), at, grid));
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops.push(Op::RestoreGraphicsState);
    ops
}

/// A barcode's cells, its top-left corner `origin` dots from the label's, drawn in units
/// of one dot, y downwards, from the point of the page's dot grid nearest to where the
/// label puts it.
fn symbol(
    layout: &LabelLayout,
    (x, y): (Dots, Dots),
    cells: &[Cell],
    at: (Pt, Pt),
    grid: &PageGrid,
) -> Vec<Op> {
    let dpi = layout.dpi();
    let dot = 72.0 / f64::from(dpi.get());
    let (ax, ay) = (f64::from(at.0.0), f64::from(at.1.0));
    let height = f64::from(layout.height().0);
    let nominal = (
        ax + f64::from(x.0) * dot,
        ay + height - f64::from(y.0) * dot,
    );
    let (px, py) = grid.snap(nominal);
    // In the label's coordinates, which the operations are drawn in.
    let (ox, oy) = ((px - ax) as f32, (py - ay) as f32);
    let dot = dot as f32;
    let mut ops = Vec::with_capacity(cells.len() + 3);
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw([dot, 0.0, 0.0, -dot, ox, oy]),
    });
    ops.extend(cells.iter().map(|&(cx, cy, w, h)| fill(cx, cy, w, h)));
    ops.push(Op::RestoreGraphicsState);
    ops
}
