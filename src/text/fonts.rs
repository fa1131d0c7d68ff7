//! The bundled fonts and their metrics.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

/// A typeface of the bundled family (Noto Sans, SIL Open Font License 1.1: `fonts/OFL.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
}

impl Face {
    /// Both faces, in a fixed order (font resource names derive from it).
    pub(crate) const ALL: [Face; 2] = [Face::Regular, Face::Bold];

    /// A short stable name, used in the layout dump and as the PDF font resource name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Face::Regular => "Regular",
            Face::Bold => "Bold",
        }
    }

    /// The font's PostScript name, as the PDF names the embedded font.
    pub(crate) fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "NotoSans-Regular",
            Face::Bold => "NotoSans-Bold",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../fonts/NotoSans-Regular.ttf"),
            Face::Bold => include_bytes!("../../fonts/NotoSans-Bold.ttf"),
        }
    }
}

/// One parsed face: the character map and advance widths, enough to measure and to embed.
#[derive(Debug)]
pub(crate) struct Font {
    bytes: &'static [u8],
    units_per_em: f32,
    cmap: BTreeMap<u32, u16>,
    advances: BTreeMap<u16, u16>,
}

/// A bundled font failed to parse: the crate was built with a broken font file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the bundled font {0} could not be parsed")]
pub(crate) struct FontError(pub(crate) &'static str);

impl Font {
    fn parse(face: Face) -> Result<Font, FontError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(face.bytes(), 0, &mut warnings).ok_or(FontError(face.name()))?;
        if parsed.units_per_em == 0 {
            return Err(FontError(face.name()));
        }
        Ok(Font {
            bytes: face.bytes(),
            units_per_em: f32::from(parsed.units_per_em),
            cmap: parsed.codepoint_to_glyph,
            advances: parsed.glyph_widths,
        })
    }

    /// The parsed face, parsed once per process.
    pub(crate) fn get(face: Face) -> Result<&'static Font, FontError> {
        static FONTS: OnceLock<[Result<Font, FontError>; 2]> = OnceLock::new();
        let fonts = FONTS.get_or_init(|| Face::ALL.map(Font::parse));
        match face {
            Face::Regular => fonts[0].as_ref(),
            Face::Bold => fonts[1].as_ref(),
        }
        .map_err(Clone::clone)
    }

    /// The font file.
    pub(crate) fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    /// The glyph for `c`, if the font has one.
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.get(&(c as u32)).copied().filter(|&g| g != 0)
    }

    /// Whether the font draws `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The width of `text` set at `size` points (advance widths; the bundled Latin fonts
    /// need no shaping for the scripts they cover).
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.glyph(c)
                    .and_then(|g| self.advances.get(&g))
                    .map_or(0, |&a| u32::from(a))
            })
            .sum();
        units as f32 * size / self.units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_parse_and_cover_latin_greek_cyrillic_vietnamese() {
        for face in Face::ALL {
            let font = Font::get(face).unwrap();
            for c in "AzÆßŁőΩЖжỄễ€ ".chars() {
                assert!(font.covers(c), "{face:?} lacks {c:?}");
            }
            assert!(!font.covers('山'));
            assert!(!font.covers('ش'));
        }
    }

    #[test]
    fn widths_scale_with_size_and_bold_is_wider() {
        let regular = Font::get(Face::Regular).unwrap();
        let bold = Font::get(Face::Bold).unwrap();
        let w10 = regular.width("Oliver Smith", 10.0);
        let w20 = regular.width("Oliver Smith", 20.0);
        assert!((w20 - 2.0 * w10).abs() < 1e-3);
        assert!(bold.width("Oliver Smith", 10.0) > w10);
        // Noto Sans's space is 260 units of 1000.
        assert!(
            (regular.width(" ", 10.0) - 2.6).abs() < 1e-3,
            "{}",
            regular.width(" ", 10.0)
        );
    }
}
