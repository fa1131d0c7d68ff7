//! PDF output through printpdf: the drawing of each label (text, rules, barcodes), one page
//! per label or sheet, each font subset once per document (`subset`), byte-identical output
//! for identical input.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, FontId, Greyscale, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Rect, TextItem, TextMatrix, TextRenderingMode,
};

use super::RenderError;
use super::sheet::sheet_pages;
use super::subset::{GlyphUse, Subset, rename_font, subset_font, subset_tag};
use crate::Options;
use crate::layout::{Element, LabelLayout};
use crate::text::{Font, Run, ShapedLine, Typeface};
use crate::units::Pt;

/// The stroke width that makes text bold in a typeface without a bold, as a fraction of the
/// size: the outline grows by half of it on each side.
const SYNTHETIC_BOLD_STROKE: f32 = 0.035;

/// The resource name a typeface is embedded under: fixed, so output does not depend on
/// printpdf's process-wide font counter.
fn font_id(typeface: Typeface) -> FontId {
    FontId(format!("F{}", typeface.index()))
}

/// A coordinate on the page, rounded to a thousandth of a point: finer than any printer, and
/// the content stream stays short.
fn coordinate(v: f32) -> printpdf::Pt {
    printpdf::Pt((v * 1000.0).round() / 1000.0)
}

pub(super) fn pt(v: Pt) -> printpdf::Pt {
    printpdf::Pt(v.0)
}

pub(super) fn rect(x: f32, y: f32, width: f32, height: f32) -> Op {
    // `mode: Some(Fill)`: a rectangle without a paint mode is a path that paints nothing.
    Op::DrawRectangle {
        rectangle: Rect {
            x: printpdf::Pt(x),
            y: printpdf::Pt(y),
            width: printpdf::Pt(width),
            height: printpdf::Pt(height),
            mode: Some(PaintMode::Fill),
            winding_order: None,
        },
    }
}

/// Draws one run's glyphs, its left edge and baseline at `origin`: one text matrix, then
/// the glyphs with the kerning between them as `TJ` adjustments in whole thousandths of an
/// em (shaped positions are whole font units), and a matrix of its own for each glyph the
/// font moved off the baseline (a mark).
///
/// With `mark_odd_glyphs`, a glyph that stands for other characters here than its code
/// extracts as (a bracket mirrored in right-to-left text, the second half of a split Thai
/// vowel) is wrapped in a span with its own `/ActualText`, so copying gives what was
/// written. `None` if a glyph is missing from the subset.
fn glyph_ops(
    ops: &mut Vec<Op>,
    run: &Run,
    subset: &Subset,
    (x, y): (f32, f32),
    size: f32,
    mark_odd_glyphs: bool,
) -> Option<()> {
    let scale = size / run.units_per_em;
    let per_unit = 1000.0 / f64::from(run.units_per_em);
    let mut shown: Vec<Codepoint> = Vec::new();
    // The previous glyph on the baseline of the open `shown`: its position and width.
    let mut previous: Option<(i32, f64)> = None;
    let flush = |ops: &mut Vec<Op>, shown: &mut Vec<Codepoint>| {
        if !shown.is_empty() {
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(std::mem::take(shown))],
            });
        }
    };
    for glyph in &run.glyphs {
        let entry = subset.glyphs.get(&glyph.id)?;
        if mark_odd_glyphs && glyph.text != entry.text {
            flush(ops, &mut shown);
            ops.push(actual_text_span(&glyph.text));
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(
                    coordinate(x + glyph.x as f32 * scale),
                    coordinate(y + glyph.y as f32 * scale),
                ),
            });
            shown.push(Codepoint::with_cid(entry.code, 0.0, entry.text.clone()));
            flush(ops, &mut shown);
            ops.push(Op::EndMarkedContent);
            previous = None;
            continue;
        }
        match (glyph.y, previous, shown.last_mut()) {
            (0, Some((previous_x, previous_width)), Some(last)) => {
                // The viewer moves the pen by the previous glyph's width; a TJ number n
                // moves it back by n thousandths of an em.
                let moved = f64::from(glyph.x - previous_x) * per_unit;
                let kern = ((previous_width - moved) * 1000.0).round() / 1000.0;
                last.offset = kern as f32;
            }
            _ => {
                flush(ops, &mut shown);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(
                        coordinate(x + glyph.x as f32 * scale),
                        coordinate(y + glyph.y as f32 * scale),
                    ),
                });
            }
        }
        shown.push(Codepoint::with_cid(entry.code, 0.0, entry.text.clone()));
        if glyph.y == 0 {
            previous = Some((glyph.x, entry.width));
        } else {
            flush(ops, &mut shown);
            previous = None;
        }
    }
    flush(ops, &mut shown);
    Some(())
}

/// Whether a line is marked with its text as `/ActualText` (PDF 32000-1, 14.9.4), which copy
/// and paste and text extraction then use instead of the glyphs: lines whose glyphs are not
/// one per character or are moved off the baseline (Thai vowels and tone marks, ligatures),
/// where extracting glyph by glyph would give the characters out of order or on a line of
/// their own.
///
/// Lines with right-to-left text are not marked: their glyphs each map to their own
/// characters (see `GlyphUse`), and readers rebuild the reading order from the glyphs'
/// positions; poppler, for one, would read a marked line's text backwards.
fn needs_actual_text(line: &ShapedLine) -> bool {
    !(line.rtl || line.reversed)
        && line.runs.iter().any(|run| {
            run.glyphs
                .iter()
                .any(|g| g.y != 0 || g.text.chars().count() != 1)
        })
}

/// Opens a marked-content span whose text, for copying and extraction, is `text`.
fn actual_text_span(text: &str) -> Op {
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict {
            map: BTreeMap::from([(
                "ActualText".to_owned(),
                DictItem::String {
                    data: utf16_text(text),
                    literal: false,
                },
            )]),
        },
    }
}

/// `text` as a PDF text string: UTF-16BE with a byte order mark.
fn utf16_text(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
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

/// The drawing of one label, in its own coordinates: PDF's origin is the bottom left, the
/// layout's the top left.
pub(super) fn label_ops(
    layout: &LabelLayout,
    subsets: &BTreeMap<Typeface, Subset>,
) -> Result<Vec<Op>, RenderError> {
    let missing = |what: &str| {
        RenderError::Pdf(format!(
            "a {what} of the layout is missing from the document's font subsets"
        ))
    };
    let h = layout.height.0;
    let dpi = layout.dpi;
    let mut ops = vec![Op::SetFillColor {
        col: Color::Greyscale(Greyscale::new(0.0, None)),
    }];
    let mut in_text = false;
    for element in &layout.elements {
        let is_text = matches!(element, Element::Text { .. });
        if is_text != in_text {
            ops.push(if is_text {
                Op::StartTextSection
            } else {
                Op::EndTextSection
            });
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
                    ops.push(actual_text_span(&line.text));
                }
                for run in &line.runs {
                    let subset = subsets.get(&run.typeface).ok_or_else(|| missing("font"))?;
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(run.typeface)),
                        size: printpdf::Pt(*size),
                    });
                    if run.synthetic_bold {
                        ops.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::FillStroke,
                        });
                        ops.push(Op::SetOutlineThickness {
                            pt: printpdf::Pt(size * SYNTHETIC_BOLD_STROKE),
                        });
                    }
                    let origin = (x.0 + run.x * size, base_y);
                    glyph_ops(&mut ops, run, subset, origin, *size, !actual_text)
                        .ok_or_else(|| missing("glyph"))?;
                    if run.synthetic_bold {
                        ops.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::Fill,
                        });
                    }
                }
                if actual_text {
                    ops.push(Op::EndMarkedContent);
                }
            }
            Element::Rule {
                x,
                y,
                width,
                height,
            } => {
                ops.push(rect(x.0, h - y.0 - height.0, width.0, height.0));
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
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([
                        module.to_pt(dpi).0,
                        0.0,
                        0.0,
                        height.0,
                        x.0,
                        h - y.0 - height.0,
                    ]),
                });
                for (start, len) in runs(modules.iter().copied()) {
                    ops.push(rect(start as f32, 0.0, len as f32, 1.0));
                }
                ops.push(Op::RestoreGraphicsState);
            }
            Element::Qr {
                x,
                y,
                module,
                matrix,
                ..
            } => {
                // One unit = one module, rows counted downwards from the top edge.
                let m = module.to_pt(dpi).0;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([m, 0.0, 0.0, -m, x.0, h - y.0]),
                });
                let n = matrix.width();
                for row in 0..n {
                    for (start, len) in runs((0..n).map(|col| matrix.dark(col, row))) {
                        ops.push(rect(start as f32, row as f32, len as f32, 1.0));
                    }
                }
                ops.push(Op::RestoreGraphicsState);
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    Ok(ops)
}

/// The trailer's `/ID` as written before the document is hashed: two hex strings of 16 zero
/// bytes, replaced by [`set_document_id`].
const ID_PLACEHOLDER: &[u8] =
    b"/ID[<00000000000000000000000000000000><00000000000000000000000000000000>]";

/// Replaces the placeholder `/ID` at the end of `pdf` with a 16-byte id derived from the
/// whole document (FNV-1a, twice with different seeds): the same labels give the same id,
/// as PDF asks of `/ID`, without a clock or random numbers.
fn set_document_id(pdf: &mut [u8]) -> Result<(), RenderError> {
    let at = pdf
        .windows(ID_PLACEHOLDER.len())
        .rposition(|w| w == ID_PLACEHOLDER)
        .ok_or_else(|| RenderError::Pdf("the trailer has no /ID to fill in".into()))?;
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for &byte in pdf.iter() {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ u64::from(byte))
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(5);
    }
    let hex: Vec<u8> = a
        .to_be_bytes()
        .iter()
        .chain(b.to_be_bytes().iter())
        .flat_map(|byte| format!("{byte:02X}").into_bytes())
        .collect();
    for start in [at + 5, at + 5 + 32 + 2] {
        if let Some(slot) = pdf.get_mut(start..start + 32) {
            slot.copy_from_slice(&hex);
        }
    }
    Ok(())
}

/// Renders laid-out labels as one PDF, a page each.
pub(crate) fn write_pdf(
    layouts: &[LabelLayout],
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    // Each glyph's text for ToUnicode: the character the font maps to it if it is ever used
    // for that (its nominal use), else the first text it stands for, else none.
    let mut used: BTreeMap<Typeface, BTreeMap<u16, (String, bool)>> = BTreeMap::new();
    for layout in layouts {
        for element in &layout.elements {
            if let Element::Text { line, .. } = element {
                for run in &line.runs {
                    let font =
                        Font::get(run.typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
                    let glyphs = used.entry(run.typeface).or_default();
                    for glyph in &run.glyphs {
                        let mut chars = glyph.text.chars();
                        let nominal = match (chars.next(), chars.next()) {
                            (Some(c), None) => font.glyph(c) == Some(glyph.id),
                            _ => false,
                        };
                        let (text, is_nominal) = glyphs.entry(glyph.id).or_default();
                        if !*is_nominal && (nominal || text.is_empty()) {
                            text.clone_from(&glyph.text);
                            *is_nominal = nominal;
                        }
                    }
                }
            }
        }
    }
    let used: BTreeMap<Typeface, GlyphUse> = used
        .into_iter()
        .map(|(typeface, glyphs)| {
            let texts = glyphs.into_iter().map(|(id, (text, _))| (id, text));
            (typeface, texts.collect())
        })
        .collect();
    let mut fonts = BTreeMap::new();
    let mut subsets = BTreeMap::new();
    for (typeface, glyphs) in &used {
        let (font, subset) = subset_font(*typeface, glyphs)?;
        fonts.insert(*typeface, font);
        subsets.insert(*typeface, subset);
    }
    let pages = match options.sheet() {
        None => layouts
            .iter()
            .map(|layout| {
                let size = printpdf::Rect::from_wh(pt(layout.width), pt(layout.height));
                Ok(PdfPage {
                    media_box: size.clone(),
                    trim_box: size.clone(),
                    crop_box: size,
                    ops: label_ops(layout, &subsets)?,
                })
            })
            .collect::<Result<Vec<PdfPage>, RenderError>>()?,
        Some(sheet) => sheet_pages(layouts, sheet, options.dpi(), &subsets)?,
    };
    let mut doc = PdfDocument::new("Shipping labels");
    doc.metadata.info.producer = "shiplabel".into();
    doc.metadata.info.creator = "shiplabel".into();
    for (typeface, font) in fonts {
        doc.resources.fonts.map.insert(font_id(typeface), font);
    }
    doc.pages = pages;

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    // printpdf names an embedded font after its resource id and, since it did not subset it
    // itself, without a subset tag: give each its PostScript name and tag, as readers and
    // preflight tools expect of a subset.
    for (typeface, glyphs) in &used {
        let from = font_id(*typeface).0;
        let to = format!(
            "{}+{}",
            subset_tag(*typeface, glyphs),
            typeface.postscript_name()
        );
        for object in lo.objects.values_mut() {
            rename_font(object, from.as_bytes(), to.as_bytes());
        }
    }
    let id = lopdf::Object::String(vec![0; 16], lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    set_document_id(&mut out)?;
    Ok(out)
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
}
