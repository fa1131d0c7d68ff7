//! PDF output through printpdf: one page per label, each font subset once per document,
//! byte-identical output for identical input.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::{
    Color, CurTransMat, FontId, Greyscale, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Rect, TextItem, TextMatrix,
};

use super::RenderError;
use crate::layout::{Element, LabelLayout};
use crate::text::{Face, Font};
use crate::units::Pt;

/// The resource name a face is embedded under: fixed, so output does not depend on
/// printpdf's process-wide font counter.
fn font_id(face: Face) -> FontId {
    FontId(format!("F{}", face.name()))
}

fn pt(v: Pt) -> printpdf::Pt {
    printpdf::Pt(v.0)
}

fn rect(x: f32, y: f32, width: f32, height: f32) -> Op {
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

/// The content of one page. PDF's origin is the bottom left; the layout's is the top left.
fn page_ops(layout: &LabelLayout) -> Vec<Op> {
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
                face,
                text,
            } => {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(*face)),
                    size: printpdf::Pt(*size),
                });
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(pt(*x), printpdf::Pt(h - baseline.0)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
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
    ops
}

/// A subset of `face` holding just `chars` (and `.notdef`), with a Unicode cmap so text maps
/// straight to the subset's glyphs.
fn subset_font(face: Face, chars: &BTreeSet<char>) -> Result<PdfFont, RenderError> {
    let font = Font::get(face).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let mut glyphs: Vec<u16> = vec![0];
    glyphs.extend(
        chars
            .iter()
            .filter_map(|&c| font.glyph(c))
            .collect::<BTreeSet<u16>>(),
    );
    let fail = |what: &str| {
        RenderError::Pdf(format!(
            "subsetting the {} font failed: {what}",
            face.name()
        ))
    };
    let data = ReadScope::new(font.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e.to_string()))?;
    let provider = data.table_provider(0).map_err(|e| fail(&e.to_string()))?;
    let bytes = subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| fail(&e.to_string()))?;
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| fail("the subset does not parse"))?;
    Ok(PdfFont::new(parsed))
}

/// The six capital letters that mark an embedded font as a subset (PDF 32000-1, 9.6.4),
/// derived from the face and the characters it holds, so equal subsets get equal tags.
fn subset_tag(face: Face, chars: &BTreeSet<char>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = face
        .name()
        .bytes()
        .chain(chars.iter().flat_map(|c| (*c as u32).to_be_bytes()));
    for byte in bytes {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// Replaces the name `from` with `to` wherever a font dictionary or descriptor gives it as
/// `/BaseFont` or `/FontName`, nested dictionaries included.
fn rename_font(object: &mut lopdf::Object, from: &[u8], to: &[u8]) {
    match object {
        lopdf::Object::Dictionary(dict) => rename_in_dict(dict, from, to),
        lopdf::Object::Stream(stream) => rename_in_dict(&mut stream.dict, from, to),
        lopdf::Object::Array(items) => items.iter_mut().for_each(|o| rename_font(o, from, to)),
        _ => {}
    }
}

fn rename_in_dict(dict: &mut lopdf::Dictionary, from: &[u8], to: &[u8]) {
    for (key, value) in dict.iter_mut() {
        match value {
            lopdf::Object::Name(name)
                if (key == b"BaseFont" || key == b"FontName") && name == from =>
            {
                *name = to.to_vec();
            }
            other => rename_font(other, from, to),
        }
    }
}

/// A 16-byte document id from the content (FNV-1a, twice with different seeds): the same
/// labels give the same id, as PDF asks of `/ID`, without a clock or random numbers.
fn document_id(pages: &[PdfPage]) -> Vec<u8> {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    let mut eat = |bytes: &[u8]| {
        for &byte in bytes {
            a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(byte))
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(5);
        }
    };
    for page in pages {
        eat(format!("{:?}", page.ops).as_bytes());
    }
    let mut id = a.to_be_bytes().to_vec();
    id.extend_from_slice(&b.to_be_bytes());
    id
}

/// Renders laid-out labels as one PDF, a page each.
pub(crate) fn write_pdf(layouts: &[LabelLayout]) -> Result<Vec<u8>, RenderError> {
    let mut chars: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for layout in layouts {
        for element in &layout.elements {
            if let Element::Text { face, text, .. } = element {
                chars.entry(*face).or_default().extend(text.chars());
            }
        }
    }
    let pages: Vec<PdfPage> = layouts
        .iter()
        .map(|layout| {
            let size = printpdf::Rect::from_wh(pt(layout.width), pt(layout.height));
            PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size,
                ops: page_ops(layout),
            }
        })
        .collect();
    let id = document_id(&pages);

    let mut doc = PdfDocument::new("Shipping labels");
    doc.metadata.info.producer = "shiplabel".into();
    doc.metadata.info.creator = "shiplabel".into();
    for (face, chars) in &chars {
        doc.resources
            .fonts
            .map
            .insert(font_id(*face), subset_font(*face, chars)?);
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
    for (face, chars) in &chars {
        let from = font_id(*face).0;
        let to = format!("{}+{}", subset_tag(*face, chars), face.postscript_name());
        for object in lo.objects.values_mut() {
            rename_font(object, from.as_bytes(), to.as_bytes());
        }
    }
    let id = lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_content() {
        let abc: BTreeSet<char> = "abc".chars().collect();
        let abd: BTreeSet<char> = "abd".chars().collect();
        let tag = subset_tag(Face::Regular, &abc);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{tag}");
        assert_eq!(tag, subset_tag(Face::Regular, &abc));
        assert_ne!(tag, subset_tag(Face::Regular, &abd));
        assert_ne!(tag, subset_tag(Face::Bold, &abc));
    }

    #[test]
    fn runs_of_dark_cells() {
        let cells = [true, true, false, true, false, false, true];
        assert_eq!(runs(cells.into_iter()), [(0, 2), (3, 1), (6, 1)]);
        assert_eq!(runs([false, false].into_iter()), []);
        assert_eq!(runs([true].into_iter()), [(0, 1)]);
    }
}
