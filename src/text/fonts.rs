//! The bundled fonts: which typeface draws which characters, and parsing each once.
//!
//! Text is set in a weight ([`Weight`]); each grapheme cluster is drawn by the first
//! typeface of that weight's fallback chain that covers it: Noto Sans (Latin, Greek,
//! Cyrillic, Vietnamese), then Noto Sans Arabic, Hebrew, Thai, Armenian and Georgian, then a
//! subset of Noto Sans
//! CJK JP (Chinese, Japanese, Korean; `fonts/subset-cjk.py` says what it keeps). The CJK
//! face has one weight: bold CJK text is drawn from it with a stroked outline.

use std::sync::OnceLock;

/// How heavy text is set. The layout chooses a weight; the fallback chain picks the fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// Both weights.
    pub(crate) const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];

    /// The typefaces tried, in order, for a grapheme cluster set in this weight.
    pub(crate) fn chain(self) -> &'static [Typeface] {
        match self {
            Weight::Regular => REGULAR_CHAIN,
            Weight::Bold => BOLD_CHAIN,
        }
    }

    /// The chain's first typeface, Noto Sans, which draws all of printable ASCII.
    pub(crate) fn latin(self) -> Typeface {
        match self {
            Weight::Regular => Typeface::Latin,
            Weight::Bold => Typeface::LatinBold,
        }
    }
}

const REGULAR_CHAIN: &[Typeface] = &[
    Typeface::Latin,
    Typeface::Arabic,
    Typeface::Hebrew,
    Typeface::Thai,
    Typeface::Armenian,
    Typeface::Georgian,
    #[cfg(feature = "cjk")]
    Typeface::Cjk,
];

const BOLD_CHAIN: &[Typeface] = &[
    Typeface::LatinBold,
    Typeface::ArabicBold,
    Typeface::HebrewBold,
    Typeface::ThaiBold,
    Typeface::ArmenianBold,
    Typeface::GeorgianBold,
    #[cfg(feature = "cjk")]
    Typeface::Cjk,
];

/// One bundled font file (SIL Open Font License 1.1: `fonts/OFL.txt`, `fonts/OFL-CJK.txt`),
/// as a [`GlyphRun`](crate::GlyphRun) names the font of its glyph ids.
///
/// ```
/// use shiplabel::{Element, Label, Options, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let Element::Text(line) = &layout.elements()[0] else { unreachable!() };
/// let typeface = line.runs().next().unwrap().typeface();
/// assert_eq!(typeface.postscript_name(), "NotoSans-Bold");
/// assert_eq!(&typeface.data()[..4], b"\0\x01\0\0"); // a TrueType font
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Typeface {
    /// Noto Sans (Latin, Greek, Cyrillic, Vietnamese).
    Latin,
    /// Noto Sans Bold.
    LatinBold,
    /// Noto Sans Arabic.
    Arabic,
    /// Noto Sans Arabic Bold.
    ArabicBold,
    /// Noto Sans Hebrew.
    Hebrew,
    /// Noto Sans Hebrew Bold.
    HebrewBold,
    /// Noto Sans Thai.
    Thai,
    /// Noto Sans Thai Bold.
    ThaiBold,
    /// Noto Sans Armenian.
    Armenian,
    /// Noto Sans Armenian Bold.
    ArmenianBold,
    /// Noto Sans Georgian.
    Georgian,
    /// Noto Sans Georgian Bold.
    GeorgianBold,
    /// The bundled subset of Noto Sans CJK JP (one weight; bold is drawn stroked).
    #[cfg(feature = "cjk")]
    Cjk,
}

impl Typeface {
    /// Every typeface, in a fixed order (font resource names and parsing slots follow it).
    pub(crate) const ALL: &[Typeface] = &[
        Typeface::Latin,
        Typeface::LatinBold,
        Typeface::Arabic,
        Typeface::ArabicBold,
        Typeface::Hebrew,
        Typeface::HebrewBold,
        Typeface::Thai,
        Typeface::ThaiBold,
        Typeface::Armenian,
        Typeface::ArmenianBold,
        Typeface::Georgian,
        Typeface::GeorgianBold,
        #[cfg(feature = "cjk")]
        Typeface::Cjk,
    ];

    /// Its position in [`Typeface::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The font's PostScript name, as the PDF names the embedded font and the layout dump
    /// names the fonts a line uses.
    ///
    /// ```
    /// # use shiplabel::{Element, Label, Options, layout};
    /// # let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
    /// # let Element::Text(line) = &layout.elements()[0] else { unreachable!() };
    /// let name = line.runs().next().unwrap().typeface().postscript_name();
    /// assert!(name.starts_with("NotoSans"));
    /// ```
    pub fn postscript_name(self) -> &'static str {
        match self {
            Typeface::Latin => "NotoSans-Regular",
            Typeface::LatinBold => "NotoSans-Bold",
            Typeface::Arabic => "NotoSansArabic-Regular",
            Typeface::ArabicBold => "NotoSansArabic-Bold",
            Typeface::Hebrew => "NotoSansHebrew-Regular",
            Typeface::HebrewBold => "NotoSansHebrew-Bold",
            Typeface::Thai => "NotoSansThai-Regular",
            Typeface::ThaiBold => "NotoSansThai-Bold",
            Typeface::Armenian => "NotoSansArmenian-Regular",
            Typeface::ArmenianBold => "NotoSansArmenian-Bold",
            Typeface::Georgian => "NotoSansGeorgian-Regular",
            Typeface::GeorgianBold => "NotoSansGeorgian-Bold",
            #[cfg(feature = "cjk")]
            Typeface::Cjk => "NotoSansCJKjp-Regular",
        }
    }

    /// Whether text set in `weight` with this typeface needs a stroked outline to look
    /// bold, because the typeface has no bold of its own.
    pub(crate) fn synthetic_bold(self, weight: Weight) -> bool {
        #[cfg(feature = "cjk")]
        let no_bold = self == Typeface::Cjk;
        #[cfg(not(feature = "cjk"))]
        let no_bold = false;
        no_bold && weight == Weight::Bold
    }

    /// The font file (OpenType: TrueType outlines, or CFF for the CJK face), as bundled.
    ///
    /// ```
    /// # use shiplabel::{Element, Label, Options, layout};
    /// # let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
    /// # let Element::Text(line) = &layout.elements()[0] else { unreachable!() };
    /// let data = line.runs().next().unwrap().typeface().data();
    /// assert!(data.len() > 100_000);
    /// ```
    pub fn data(self) -> &'static [u8] {
        match self {
            Typeface::Latin => include_bytes!("../../fonts/NotoSans-Regular.ttf"),
            Typeface::LatinBold => include_bytes!("../../fonts/NotoSans-Bold.ttf"),
            Typeface::Arabic => include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
            Typeface::ArabicBold => include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
            Typeface::Hebrew => include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
            Typeface::HebrewBold => include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
            Typeface::Thai => include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
            Typeface::ThaiBold => include_bytes!("../../fonts/NotoSansThai-Bold.ttf"),
            Typeface::Armenian => include_bytes!("../../fonts/NotoSansArmenian-Regular.ttf"),
            Typeface::ArmenianBold => include_bytes!("../../fonts/NotoSansArmenian-Bold.ttf"),
            Typeface::Georgian => include_bytes!("../../fonts/NotoSansGeorgian-Regular.ttf"),
            Typeface::GeorgianBold => include_bytes!("../../fonts/NotoSansGeorgian-Bold.ttf"),
            #[cfg(feature = "cjk")]
            Typeface::Cjk => include_bytes!("../../fonts/NotoSansCJKjp-Regular-subset.otf"),
        }
    }
}

/// One parsed font, ready to shape with and to embed.
pub(crate) struct Font {
    bytes: &'static [u8],
    face: rustybuzz::Face<'static>,
    units_per_em: f32,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("bytes", &self.bytes.len())
            .field("units_per_em", &self.units_per_em)
            .finish()
    }
}

/// A bundled font failed to parse: the crate was built with a broken font file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the bundled font {0} could not be parsed")]
pub(crate) struct FontError(pub(crate) &'static str);

impl Font {
    fn parse(typeface: Typeface) -> Result<Font, FontError> {
        let fail = || FontError(typeface.postscript_name());
        let face = rustybuzz::Face::from_slice(typeface.data(), 0).ok_or_else(fail)?;
        let units_per_em = face.units_per_em();
        if units_per_em <= 0 {
            return Err(fail());
        }
        Ok(Font {
            bytes: typeface.data(),
            face,
            units_per_em: units_per_em as f32,
        })
    }

    /// The parsed font, parsed on first use and then kept for the life of the process (a
    /// label in Latin script never parses the CJK font).
    pub(crate) fn get(typeface: Typeface) -> Result<&'static Font, FontError> {
        static FONTS: [OnceLock<Result<Font, FontError>>; Typeface::ALL.len()] =
            [const { OnceLock::new() }; Typeface::ALL.len()];
        match FONTS.get(typeface.index()) {
            Some(slot) => slot
                .get_or_init(|| Font::parse(typeface))
                .as_ref()
                .map_err(Clone::clone),
            None => Err(FontError(typeface.postscript_name())),
        }
    }

    /// The font file.
    pub(crate) fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    /// The shaping face.
    pub(crate) fn face(&self) -> &rustybuzz::Face<'static> {
        &self.face
    }

    /// Font units per em.
    pub(crate) fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// The glyph the character map gives `c`, if the font has one.
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// Whether the font draws `c`. Invisible format characters (joiners, direction marks,
    /// variation selectors) count as drawn: shaping consumes them.
    pub(crate) fn covers(&self, c: char) -> bool {
        is_default_ignorable(c) || self.glyph(c).is_some()
    }

    /// The top and bottom of glyph `id`'s outline, in em above the baseline (the bottom is
    /// negative below it); `None` for a glyph without outline, such as a space.
    pub(crate) fn vertical_extent(&self, id: u16) -> Option<(f32, f32)> {
        let id = rustybuzz::ttf_parser::GlyphId(id);
        // TrueType fonts store each glyph's box in its header; CFF ones (the CJK face) only
        // in the outline, which is then read.
        let bbox = match self.face.tables().glyf {
            Some(glyf) => glyf.bbox(id),
            None => self.face.glyph_bounding_box(id),
        }?;
        Some((
            f32::from(bbox.y_max) / self.units_per_em,
            f32::from(bbox.y_min) / self.units_per_em,
        ))
    }
}

/// Characters with no glyph of their own that shaping uses or drops (Unicode's
/// Default_Ignorable_Code_Point, less its unassigned ranges): soft hyphen, combining grapheme
/// joiner, Arabic letter mark, Mongolian selectors, zero-width space and joiners, direction
/// marks, embeddings, overrides and isolates, word joiner and invisible operators, variation
/// selectors, the byte order mark, Hangul fillers, Khmer inherent vowels and tags.
pub(crate) fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// The first typeface of `weight`'s chain that draws every character of the grapheme
/// cluster `cluster`.
pub(crate) fn typeface_for(cluster: &str, weight: Weight) -> Result<Option<Typeface>, FontError> {
    if cluster.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        // Printable ASCII: Noto Sans has all of it (a test checks).
        return Ok(Some(weight.latin()));
    }
    for &typeface in weight.chain() {
        let font = Font::get(typeface)?;
        if cluster.chars().all(|c| font.covers(c)) {
            return Ok(Some(typeface));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(cluster: &str, weight: Weight) -> Option<Typeface> {
        typeface_for(cluster, weight).unwrap()
    }

    #[test]
    fn every_typeface_of_the_chains_parses() {
        for &typeface in Weight::Regular.chain().iter().chain(Weight::Bold.chain()) {
            let font = Font::get(typeface).unwrap();
            assert!(font.units_per_em() >= 1000.0, "{typeface:?}");
            assert!(font.covers(' '), "{typeface:?}");
        }
    }

    #[test]
    fn the_fallback_chain_picks_the_first_font_that_covers_the_cluster() {
        let cases = [
            ("A", Typeface::Latin, Typeface::LatinBold),
            ("Ễ", Typeface::Latin, Typeface::LatinBold),
            ("Ж", Typeface::Latin, Typeface::LatinBold),
            ("Ω", Typeface::Latin, Typeface::LatinBold),
            ("1", Typeface::Latin, Typeface::LatinBold),
            ("ش", Typeface::Arabic, Typeface::ArabicBold),
            ("ש", Typeface::Hebrew, Typeface::HebrewBold),
            ("שׁ", Typeface::Hebrew, Typeface::HebrewBold),
            ("ที่", Typeface::Thai, Typeface::ThaiBold),
            #[cfg(feature = "cjk")]
            ("山", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "cjk")]
            ("ひ", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "cjk")]
            ("한", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "cjk")]
            ("〒", Typeface::Cjk, Typeface::Cjk),
            ("Ա", Typeface::Armenian, Typeface::ArmenianBold),
            ("თ", Typeface::Georgian, Typeface::GeorgianBold),
            #[cfg(feature = "cjk")]
            ("埗", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "cjk")]
            ("１", Typeface::Cjk, Typeface::Cjk),
        ];
        for (cluster, regular, bold) in cases {
            assert_eq!(pick(cluster, Weight::Regular), Some(regular), "{cluster}");
            assert_eq!(pick(cluster, Weight::Bold), Some(bold), "{cluster}");
        }
        // Joiners and direction marks travel with the cluster they sit in.
        assert_eq!(pick("ل\u{200D}", Weight::Regular), Some(Typeface::Arabic));
        #[cfg(not(feature = "cjk"))]
        assert_eq!(pick("山", Weight::Regular), None);
        // Nothing draws an emoji or a private-use character.
        assert_eq!(pick("😀", Weight::Regular), None);
        assert_eq!(pick("\u{E000}", Weight::Bold), None);
        // A Latin letter with an Arabic mark: no single font has both.
        assert_eq!(pick("a\u{64E}", Weight::Regular), None);
    }

    #[test]
    fn noto_sans_draws_all_printable_ascii() {
        for typeface in [Typeface::Latin, Typeface::LatinBold] {
            let font = Font::get(typeface).unwrap();
            for c in ' '..='~' {
                assert!(font.covers(c), "{typeface:?} {c:?}");
            }
        }
    }

    #[test]
    #[cfg(feature = "cjk")]
    fn only_cjk_in_bold_is_synthetic() {
        assert!(Typeface::Cjk.synthetic_bold(Weight::Bold));
        assert!(!Typeface::Cjk.synthetic_bold(Weight::Regular));
        assert!(!Typeface::ArabicBold.synthetic_bold(Weight::Bold));
    }

    #[test]
    fn glyph_extents_come_from_the_outlines() {
        let latin = Font::get(Typeface::Latin).unwrap();
        let (top_x, bottom_x) = latin.vertical_extent(latin.glyph('x').unwrap()).unwrap();
        assert!(
            top_x > 0.5 && top_x < 0.6 && bottom_x.abs() < 0.01,
            "{top_x} {bottom_x}"
        );
        let (_, bottom_g) = latin.vertical_extent(latin.glyph('g').unwrap()).unwrap();
        assert!(bottom_g < -0.2, "{bottom_g}");
        assert_eq!(latin.vertical_extent(latin.glyph(' ').unwrap()), None);
    }
}
