//! Font subsets: each typeface a document uses, cut down to the glyphs it shows, renumbered,
//! without hinting, tagged and named as PDF readers expect.

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};

use super::RenderError;
use crate::text::{Font, Typeface};

/// A typeface cut down to some of its glyphs.
pub(super) struct SubsetFont {
    /// The font file.
    pub(super) bytes: Vec<u8>,
    /// The original id of each of its glyphs, in order: `.notdef` first, then ascending.
    #[cfg_attr(not(feature = "printpdf"), allow(dead_code))]
    ids: Vec<u16>,
}

impl SubsetFont {
    /// The id in the subset of the original glyph `old`.
    #[cfg_attr(not(feature = "printpdf"), allow(dead_code))]
    pub(super) fn new_id(&self, old: u16) -> Option<u16> {
        self.ids
            .binary_search(&old)
            .ok()
            .and_then(|i| u16::try_from(i).ok())
    }
}

/// A subset of `typeface` holding just `glyphs` (and `.notdef`, which stays glyph 0),
/// renumbered in ascending order of their original ids: the CJK face's CFF for our own
/// writer, and any typeface for printpdf. A TrueType subset keeps its character map and a
/// `name` table with its PostScript name, as printpdf needs (see
/// [`crate::sfnt::without_hinting`]); our writer embeds TrueType through
/// [`subset_keeping_ids`].
pub(super) fn subset_font(typeface: Typeface, glyphs: &[u16]) -> Result<SubsetFont, RenderError> {
    let font = Font::get(typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let mut ids: Vec<u16> = std::iter::once(0).chain(glyphs.iter().copied()).collect();
    ids.sort_unstable();
    ids.dedup();
    let fail = |what: &str| {
        RenderError::Pdf(format!(
            "subsetting the font {} failed: {what}",
            typeface.postscript_name()
        ))
    };
    let data = ReadScope::new(font.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e.to_string()))?;
    let provider = data
        .table_provider(font.index() as usize)
        .map_err(|e| fail(&e.to_string()))?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| fail(&e.to_string()))?;
    // TrueType subsets lose their hinting, most of their bytes (see `sfnt`); the CJK face's
    // CFF outlines carry none worth the trouble.
    let bytes = if bytes.starts_with(&[0, 1, 0, 0]) {
        crate::sfnt::without_hinting(&bytes, Some(typeface.postscript_name()))
            .map_err(|e| fail(&e.to_string()))?
    } else {
        bytes
    };
    Ok(SubsetFont { bytes, ids })
}

/// A subset of the TrueType `typeface` in which `glyphs` (and `.notdef`, and the parts of
/// composite glyphs) keep their ids, without hinting (see [`crate::sfnt::keeping_ids`]):
/// what our own writer embeds, showing each glyph by its id with no `/CIDToGIDMap`.
pub(super) fn subset_keeping_ids(
    typeface: Typeface,
    glyphs: &[u16],
) -> Result<Vec<u8>, RenderError> {
    let font = Font::get(typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
    crate::sfnt::keeping_ids(font.bytes(), font.index(), glyphs).map_err(|e| {
        RenderError::Pdf(format!(
            "subsetting the font {} failed: {e}",
            typeface.postscript_name()
        ))
    })
}

/// The six capital letters that mark an embedded font as a subset (PDF 32000-1, 9.6.4),
/// derived from the typeface (its name, and for a registered font a digest of its file, as
/// two files can have one name) and the glyphs it holds, so equal subsets get equal tags.
pub(super) fn subset_tag(typeface: Typeface, glyphs: &[u16]) -> String {
    subset_tag_with(typeface, glyphs, &[])
}

/// As [`subset_tag`], the tag also following `extra`: whatever else tells two subsets apart
/// (the text their glyphs extract as, say). With no `extra`, the same tag.
#[cfg_attr(not(feature = "printpdf"), allow(dead_code))]
pub(super) fn subset_tag_with(typeface: Typeface, glyphs: &[u16], extra: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let fingerprint = typeface.fingerprint().map(u64::to_be_bytes);
    let bytes = typeface
        .postscript_name()
        .bytes()
        .chain(fingerprint.into_iter().flatten())
        .chain(glyphs.iter().flat_map(|g| g.to_be_bytes()))
        .chain(extra.iter().copied());
    for byte in bytes {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_keeps_each_glyphs_outline_and_advance_under_its_new_id() {
        use rustybuzz::ttf_parser::{self, GlyphId};
        let font = Font::get(Typeface::Latin).unwrap();
        let glyphs: Vec<u16> = "Oliver Smith, 221B Baker Street ÆØÅ ŁĘ ǅ ﬁ"
            .chars()
            .filter_map(|c| font.glyph(c))
            .collect();
        let subset = subset_font(Typeface::Latin, &glyphs).unwrap();
        let after = ttf_parser::Face::parse(&subset.bytes, 0).unwrap();
        // A subset this small uses short glyph offsets.
        assert_eq!(
            after.tables().head.index_to_location_format,
            ttf_parser::head::IndexToLocationFormat::Short
        );
        let before = font.face();
        for &old in &glyphs {
            let new = subset.new_id(old).unwrap();
            let bbox =
                |face: &ttf_parser::Face<'_>, id| face.tables().glyf.unwrap().bbox(GlyphId(id));
            assert_eq!(bbox(before, old), bbox(&after, new), "glyph {old}");
            assert_eq!(
                before.glyph_hor_advance(GlyphId(old)),
                after.glyph_hor_advance(GlyphId(new))
            );
            let mut a = Outline::default();
            let mut b = Outline::default();
            before.outline_glyph(GlyphId(old), &mut a);
            after.outline_glyph(GlyphId(new), &mut b);
            assert_eq!(a.0, b.0, "glyph {old}");
        }
        assert_eq!(subset.new_id(0), Some(0));
        assert_eq!(subset.new_id(u16::MAX), None);
    }

    /// An outline as the drawing commands it gives.
    #[derive(Default)]
    struct Outline(Vec<(char, i32, i32)>);

    impl rustybuzz::ttf_parser::OutlineBuilder for Outline {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(('M', x as i32, y as i32));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(('L', x as i32, y as i32));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(('Q', x1 as i32, y1 as i32));
            self.0.push(('q', x as i32, y as i32));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(('C', x1 as i32, y1 as i32));
            self.0.push(('c', x2 as i32, y2 as i32));
            self.0.push(('C', x as i32, y as i32));
        }
        fn close(&mut self) {
            self.0.push(('Z', 0, 0));
        }
    }

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_content() {
        let abc = [68, 69, 70];
        let abd = [68, 69, 71];
        let tag = subset_tag(Typeface::Latin, &abc);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{tag}");
        assert_eq!(tag, subset_tag(Typeface::Latin, &abc));
        assert_ne!(tag, subset_tag(Typeface::Latin, &abd));
        assert_ne!(tag, subset_tag(Typeface::LatinBold, &abc));
    }
}
