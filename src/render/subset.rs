//! Font subsets: each typeface a document uses, cut down to the glyphs it shows, renumbered,
//! without hinting, tagged and named as PDF readers expect.

use std::collections::BTreeMap;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::{ParsedFont, PdfFont};

use super::RenderError;
use crate::text::{Font, Typeface};

/// The glyphs a document uses of one typeface: each original glyph id with the characters
/// its code extracts as (one text per code: see `write_pdf`; a glyph drawn for other
/// characters somewhere carries those as `/ActualText` there: see `glyph_ops`).
pub(super) type GlyphUse = BTreeMap<u16, String>;

/// One glyph of a subset.
pub(super) struct SubsetGlyph {
    /// Its id in the subset, which the content stream shows.
    pub(super) code: u16,
    /// The characters it stands for.
    pub(super) text: String,
    /// Its advance as the PDF's `/W` array gives it, in thousandths of an em.
    pub(super) width: f64,
}

/// One typeface's subset, by original glyph id.
pub(super) struct Subset {
    pub(super) glyphs: BTreeMap<u16, SubsetGlyph>,
}

/// A subset of `typeface` holding just the glyphs `used` (and `.notdef`, which stays glyph
/// 0), renumbered in order.
pub(super) fn subset_font(
    typeface: Typeface,
    used: &GlyphUse,
) -> Result<(PdfFont, Subset), RenderError> {
    let font = Font::get(typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let glyphs: Vec<u16> = std::iter::once(0)
        .chain(used.keys().copied().filter(|&g| g != 0))
        .collect();
    let fail = |what: &str| {
        RenderError::Pdf(format!(
            "subsetting the font {} failed: {what}",
            typeface.postscript_name()
        ))
    };
    let data = ReadScope::new(font.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e.to_string()))?;
    let provider = data.table_provider(0).map_err(|e| fail(&e.to_string()))?;
    let bytes = subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| fail(&e.to_string()))?;
    // TrueType subsets lose their hinting, most of their bytes (see `sfnt`); the CJK face's
    // CFF outlines carry none worth the trouble.
    let bytes = if bytes.starts_with(&[0, 1, 0, 0]) {
        super::sfnt::without_hinting(&bytes).map_err(|e| fail(&e.to_string()))?
    } else {
        bytes
    };
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| fail("the subset does not parse"))?;
    let mut subset_glyphs = BTreeMap::new();
    for (new, &old) in glyphs.iter().enumerate() {
        let code = u16::try_from(new).map_err(|_| fail("more than 65,535 glyphs"))?;
        let text = used.get(&old).cloned().unwrap_or_default();
        // printpdf writes `/W` as the advance in thousandths of an em, truncated.
        let advance = font
            .face()
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(old))
            .unwrap_or(0);
        let width = (f64::from(advance) * 1000.0 / f64::from(font.units_per_em())).trunc();
        subset_glyphs.insert(old, SubsetGlyph { code, text, width });
    }
    Ok((
        PdfFont::new(parsed),
        Subset {
            glyphs: subset_glyphs,
        },
    ))
}

/// The six capital letters that mark an embedded font as a subset (PDF 32000-1, 9.6.4),
/// derived from the typeface and the glyphs it holds, so equal subsets get equal tags.
pub(super) fn subset_tag(typeface: Typeface, used: &GlyphUse) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = typeface
        .postscript_name()
        .bytes()
        .chain(used.keys().flat_map(|g| g.to_be_bytes()));
    for byte in bytes {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// Replaces the name `from` with `to` wherever a font dictionary or descriptor gives it as
/// `/BaseFont` or `/FontName`, nested dictionaries included.
pub(super) fn rename_font(object: &mut lopdf::Object, from: &[u8], to: &[u8]) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_content() {
        let glyphs =
            |ids: &[u16]| -> GlyphUse { ids.iter().map(|&g| (g, String::new())).collect() };
        let abc = glyphs(&[68, 69, 70]);
        let abd = glyphs(&[68, 69, 71]);
        let tag = subset_tag(Typeface::Latin, &abc);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{tag}");
        assert_eq!(tag, subset_tag(Typeface::Latin, &abc));
        assert_ne!(tag, subset_tag(Typeface::Latin, &abd));
        assert_ne!(tag, subset_tag(Typeface::LatinBold, &abc));
    }
}
