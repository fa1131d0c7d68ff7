//! The fonts: which typeface draws which characters, and parsing each once.
//!
//! Text is set in a weight ([`Weight`]); each grapheme cluster is drawn by the first
//! typeface of that weight's fallback chain that covers it: Noto Sans (Latin, Greek,
//! Cyrillic, Vietnamese, always bundled), then those of Noto Sans Arabic, Hebrew, Thai,
//! Armenian and Georgian and a subset of Noto Sans CJK JP (Chinese, Japanese, Korean;
//! `fonts/subset-cjk.py` says what it keeps) whose features are on, then the fonts given at
//! run time ([`super::registry`]), in the order they were registered. The CJK face has one
//! weight: bold CJK text is drawn from it with a stroked outline, as is bold text in a
//! registered font given without a bold.

use std::sync::OnceLock;

use super::registry::{self, RegisteredFace};

/// How heavy text is set. The layout chooses a weight; the fallback chain picks the fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// Both weights.
    pub(crate) const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];

    /// The typefaces tried, in order, for a grapheme cluster set in this weight: the
    /// bundled ones, then the registered ones. Registering a font only ever adds to the end,
    /// so text a chain covered is drawn by the same typefaces after any registration.
    pub(crate) fn chain(self) -> impl Iterator<Item = Typeface> {
        let bundled = match self {
            Weight::Regular => REGULAR_CHAIN,
            Weight::Bold => BOLD_CHAIN,
        };
        bundled
            .iter()
            .copied()
            .chain(registry::faces(self).map(Typeface::Registered))
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
    #[cfg(feature = "arabic")]
    Typeface::Arabic,
    #[cfg(feature = "hebrew")]
    Typeface::Hebrew,
    #[cfg(feature = "thai")]
    Typeface::Thai,
    #[cfg(feature = "armenian")]
    Typeface::Armenian,
    #[cfg(feature = "georgian")]
    Typeface::Georgian,
    #[cfg(feature = "cjk")]
    Typeface::Cjk,
];

const BOLD_CHAIN: &[Typeface] = &[
    Typeface::LatinBold,
    #[cfg(feature = "arabic")]
    Typeface::ArabicBold,
    #[cfg(feature = "hebrew")]
    Typeface::HebrewBold,
    #[cfg(feature = "thai")]
    Typeface::ThaiBold,
    #[cfg(feature = "armenian")]
    Typeface::ArmenianBold,
    #[cfg(feature = "georgian")]
    Typeface::GeorgianBold,
    #[cfg(feature = "cjk")]
    Typeface::Cjk,
];

/// One font a [`GlyphRun`](crate::GlyphRun) names its glyph ids in: a bundled font file
/// (SIL Open Font License 1.1: `fonts/OFL.txt`, `fonts/OFL-CJK.txt`), one per weight of each
/// script family whose feature is on, or a font given at run time
/// ([`register_font`](crate::register_font)).
///
/// The bundled faces' variants exist only with their feature (`arabic`, `hebrew`, `thai`,
/// `armenian`, `georgian`, `cjk`); Noto Sans ([`Typeface::Latin`], [`Typeface::LatinBold`])
/// is always bundled.
///
/// ```
/// use shiplabel::{Element, Label, Options, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let Element::Text(line) = &layout.elements()[0] else { unreachable!() };
/// let typeface = line.runs().next().unwrap().typeface();
/// assert_eq!(typeface.postscript_name(), "NotoSans-Bold");
/// assert_eq!(&typeface.data()[..4], b"\0\x01\0\0"); // a TrueType font
/// assert!(typeface.is_bundled());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Typeface {
    /// Noto Sans (Latin, Greek, Cyrillic, Vietnamese).
    Latin,
    /// Noto Sans Bold.
    LatinBold,
    /// Noto Sans Arabic (feature `arabic`).
    #[cfg(feature = "arabic")]
    Arabic,
    /// Noto Sans Arabic Bold (feature `arabic`).
    #[cfg(feature = "arabic")]
    ArabicBold,
    /// Noto Sans Hebrew (feature `hebrew`).
    #[cfg(feature = "hebrew")]
    Hebrew,
    /// Noto Sans Hebrew Bold (feature `hebrew`).
    #[cfg(feature = "hebrew")]
    HebrewBold,
    /// Noto Sans Thai (feature `thai`).
    #[cfg(feature = "thai")]
    Thai,
    /// Noto Sans Thai Bold (feature `thai`).
    #[cfg(feature = "thai")]
    ThaiBold,
    /// Noto Sans Armenian (feature `armenian`).
    #[cfg(feature = "armenian")]
    Armenian,
    /// Noto Sans Armenian Bold (feature `armenian`).
    #[cfg(feature = "armenian")]
    ArmenianBold,
    /// Noto Sans Georgian (feature `georgian`).
    #[cfg(feature = "georgian")]
    Georgian,
    /// Noto Sans Georgian Bold (feature `georgian`).
    #[cfg(feature = "georgian")]
    GeorgianBold,
    /// The bundled subset of Noto Sans CJK JP (feature `cjk`; one weight, bold is drawn
    /// stroked).
    #[cfg(feature = "cjk")]
    Cjk,
    /// A font given at run time, with [`register_font`](crate::register_font) or
    /// [`register_font_with_bold`](crate::register_font_with_bold).
    Registered(RegisteredFace),
}

/// How many slots the bundled typefaces take: one per face any build can bundle, so a face
/// keeps its number (and its PDF font resource name, `/F<n>`) whatever features are on.
pub(crate) const BUNDLED_SLOTS: usize = 13;

/// How many slots all typefaces take: the bundled ones, then two per registered family.
pub(crate) const SLOTS: usize = BUNDLED_SLOTS + 2 * registry::MAX_REGISTERED;

impl Typeface {
    /// Every bundled typeface of this build, in a fixed order.
    #[cfg(test)]
    pub(crate) const ALL: &[Typeface] = &[
        Typeface::Latin,
        Typeface::LatinBold,
        #[cfg(feature = "arabic")]
        Typeface::Arabic,
        #[cfg(feature = "arabic")]
        Typeface::ArabicBold,
        #[cfg(feature = "hebrew")]
        Typeface::Hebrew,
        #[cfg(feature = "hebrew")]
        Typeface::HebrewBold,
        #[cfg(feature = "thai")]
        Typeface::Thai,
        #[cfg(feature = "thai")]
        Typeface::ThaiBold,
        #[cfg(feature = "armenian")]
        Typeface::Armenian,
        #[cfg(feature = "armenian")]
        Typeface::ArmenianBold,
        #[cfg(feature = "georgian")]
        Typeface::Georgian,
        #[cfg(feature = "georgian")]
        Typeface::GeorgianBold,
        #[cfg(feature = "cjk")]
        Typeface::Cjk,
    ];

    /// Its slot, below [`SLOTS`]: font resource names and parsing slots follow it.
    pub(crate) fn index(self) -> usize {
        match self {
            Typeface::Latin => 0,
            Typeface::LatinBold => 1,
            #[cfg(feature = "arabic")]
            Typeface::Arabic => 2,
            #[cfg(feature = "arabic")]
            Typeface::ArabicBold => 3,
            #[cfg(feature = "hebrew")]
            Typeface::Hebrew => 4,
            #[cfg(feature = "hebrew")]
            Typeface::HebrewBold => 5,
            #[cfg(feature = "thai")]
            Typeface::Thai => 6,
            #[cfg(feature = "thai")]
            Typeface::ThaiBold => 7,
            #[cfg(feature = "armenian")]
            Typeface::Armenian => 8,
            #[cfg(feature = "armenian")]
            Typeface::ArmenianBold => 9,
            #[cfg(feature = "georgian")]
            Typeface::Georgian => 10,
            #[cfg(feature = "georgian")]
            Typeface::GeorgianBold => 11,
            #[cfg(feature = "cjk")]
            Typeface::Cjk => 12,
            Typeface::Registered(face) => BUNDLED_SLOTS + face.slot(),
        }
    }

    /// Whether the font is one the crate bundles (not one given at run time).
    ///
    /// ```
    /// # use shiplabel::{Element, Label, Options, layout};
    /// # let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
    /// # let Element::Text(line) = &layout.elements()[0] else { unreachable!() };
    /// let typeface = line.runs().next().unwrap().typeface();
    /// assert!(typeface.is_bundled());
    /// ```
    pub fn is_bundled(self) -> bool {
        !matches!(self, Typeface::Registered(_))
    }

    /// The font's PostScript name, as the PDF names the embedded font and the layout dump
    /// names the fonts a line uses. A registered font's is the one its `name` table gives,
    /// reduced to the characters a PDF name may hold.
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
            #[cfg(feature = "arabic")]
            Typeface::Arabic => "NotoSansArabic-Regular",
            #[cfg(feature = "arabic")]
            Typeface::ArabicBold => "NotoSansArabic-Bold",
            #[cfg(feature = "hebrew")]
            Typeface::Hebrew => "NotoSansHebrew-Regular",
            #[cfg(feature = "hebrew")]
            Typeface::HebrewBold => "NotoSansHebrew-Bold",
            #[cfg(feature = "thai")]
            Typeface::Thai => "NotoSansThai-Regular",
            #[cfg(feature = "thai")]
            Typeface::ThaiBold => "NotoSansThai-Bold",
            #[cfg(feature = "armenian")]
            Typeface::Armenian => "NotoSansArmenian-Regular",
            #[cfg(feature = "armenian")]
            Typeface::ArmenianBold => "NotoSansArmenian-Bold",
            #[cfg(feature = "georgian")]
            Typeface::Georgian => "NotoSansGeorgian-Regular",
            #[cfg(feature = "georgian")]
            Typeface::GeorgianBold => "NotoSansGeorgian-Bold",
            #[cfg(feature = "cjk")]
            Typeface::Cjk => "NotoSansCJKjp-Regular",
            Typeface::Registered(face) => registry::font(face).map_or("", |f| f.name),
        }
    }

    /// Whether text set in `weight` with this typeface needs a stroked outline to look
    /// bold, because the typeface has no bold of its own: the CJK face, and a registered
    /// font given without a bold.
    pub(crate) fn synthetic_bold(self, weight: Weight) -> bool {
        let no_bold = match self {
            #[cfg(feature = "cjk")]
            Typeface::Cjk => true,
            Typeface::Registered(face) => !face.is_bold(),
            _ => false,
        };
        no_bold && weight == Weight::Bold
    }

    /// The font file (OpenType: TrueType outlines, or CFF for the CJK face), as bundled or
    /// as registered (a file holding several fonts, a collection, is given whole; a
    /// registered one's face in it is the one given).
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
            #[cfg(feature = "arabic")]
            Typeface::Arabic => include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
            #[cfg(feature = "arabic")]
            Typeface::ArabicBold => include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
            #[cfg(feature = "hebrew")]
            Typeface::Hebrew => include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
            #[cfg(feature = "hebrew")]
            Typeface::HebrewBold => include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
            #[cfg(feature = "thai")]
            Typeface::Thai => include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
            #[cfg(feature = "thai")]
            Typeface::ThaiBold => include_bytes!("../../fonts/NotoSansThai-Bold.ttf"),
            #[cfg(feature = "armenian")]
            Typeface::Armenian => include_bytes!("../../fonts/NotoSansArmenian-Regular.ttf"),
            #[cfg(feature = "armenian")]
            Typeface::ArmenianBold => include_bytes!("../../fonts/NotoSansArmenian-Bold.ttf"),
            #[cfg(feature = "georgian")]
            Typeface::Georgian => include_bytes!("../../fonts/NotoSansGeorgian-Regular.ttf"),
            #[cfg(feature = "georgian")]
            Typeface::GeorgianBold => include_bytes!("../../fonts/NotoSansGeorgian-Bold.ttf"),
            #[cfg(feature = "cjk")]
            Typeface::Cjk => include_bytes!("../../fonts/NotoSansCJKjp-Regular-subset.otf"),
            Typeface::Registered(face) => registry::font(face).map_or(&[], |f| f.font.bytes()),
        }
    }

    /// What tells this font's subsets apart from another font's of the same name: nothing
    /// for a bundled font (its name is its own), a digest of the file for a registered one.
    pub(crate) fn fingerprint(self) -> Option<u64> {
        match self {
            Typeface::Registered(face) => registry::font(face).map(|f| f.fingerprint),
            _ => None,
        }
    }
}

/// One parsed font, ready to shape with and to embed.
pub(crate) struct Font {
    bytes: &'static [u8],
    /// Which face of the file (a collection holds several; a single font is face 0).
    index: u32,
    face: rustybuzz::Face<'static>,
    units_per_em: f32,
    /// The glyph of each printable ASCII character, space to tilde (0 for none), looked up
    /// when the font is parsed: most text is ASCII, and a look in the character map searches
    /// its subtables each time.
    ascii: [u16; 95],
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("bytes", &self.bytes.len())
            .field("index", &self.index)
            .field("units_per_em", &self.units_per_em)
            .finish()
    }
}

/// A font failed to parse: the crate was built with a broken font file (a registered one
/// was checked when it was registered).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the font {0} could not be parsed")]
pub(crate) struct FontError(pub(crate) &'static str);

impl Font {
    /// Parses face `index` of `bytes`; `None` if it is not a font this crate can set text
    /// in.
    pub(crate) fn parse(bytes: &'static [u8], index: u32) -> Option<Font> {
        let face = rustybuzz::Face::from_slice(bytes, index)?;
        let units_per_em = face.units_per_em();
        if units_per_em <= 0 {
            return None;
        }
        let ascii = std::array::from_fn(|i| {
            let c = char::from(b' ' + i as u8);
            face.glyph_index(c).map_or(0, |g| g.0)
        });
        Some(Font {
            bytes,
            index,
            face,
            units_per_em: units_per_em as f32,
            ascii,
        })
    }

    /// The parsed font, parsed on first use and then kept for the life of the process (a
    /// label in Latin script never parses the CJK font); a registered font was parsed when
    /// it was registered.
    pub(crate) fn get(typeface: Typeface) -> Result<&'static Font, FontError> {
        static FONTS: [OnceLock<Option<Font>>; BUNDLED_SLOTS] =
            [const { OnceLock::new() }; BUNDLED_SLOTS];
        let font = match typeface {
            Typeface::Registered(face) => registry::font(face).map(|f| &f.font),
            bundled => FONTS
                .get(bundled.index())
                .and_then(|slot| slot.get_or_init(|| Font::parse(bundled.data(), 0)).as_ref()),
        };
        font.ok_or(FontError(typeface.postscript_name()))
    }

    /// The font file (the whole collection, for a face of one).
    pub(crate) fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    /// Which face of [`Font::bytes`] this is.
    pub(crate) fn index(&self) -> u32 {
        self.index
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
        let glyph = match (c as usize)
            .checked_sub(0x20)
            .and_then(|i| self.ascii.get(i))
        {
            Some(&glyph) => glyph,
            None => self.face.glyph_index(c).map_or(0, |g| g.0),
        };
        (glyph != 0).then_some(glyph)
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
    // A cluster of one character (most are): each thread remembers which typeface drew
    // it, in a slot of its own found from the character and the weight (a character met
    // again is one index, no hashing; two that share a slot take turns). Registering a font
    // only adds to the end of the chain, so the first typeface that covers a character
    // stays the first; one no typeface covers is not remembered.
    const SLOTS: usize = 2048;
    type Slots = [Option<(char, Weight, Typeface)>; SLOTS];
    thread_local! {
        static FIRST_COVERING: std::cell::RefCell<Box<Slots>> =
            std::cell::RefCell::new(Box::new([None; SLOTS]));
    }
    let mut chars = cluster.chars();
    let single = match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let slot = single.map(|c| (c as usize * 2 + weight as usize) % SLOTS);
    if let (Some(c), Some(slot)) = (single, slot)
        && let Some((_, _, typeface)) = FIRST_COVERING
            .with_borrow(|seen| seen.get(slot).copied().flatten())
            .filter(|&(seen, w, _)| seen == c && w == weight)
    {
        return Ok(Some(typeface));
    }
    for typeface in weight.chain() {
        let font = Font::get(typeface)?;
        if cluster.chars().all(|c| font.covers(c)) {
            if let (Some(c), Some(slot)) = (single, slot) {
                FIRST_COVERING.with_borrow_mut(|seen| {
                    if let Some(entry) = seen.get_mut(slot) {
                        *entry = Some((c, weight, typeface));
                    }
                });
            }
            return Ok(Some(typeface));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_SLOT: usize = registry::MAX_REGISTERED - 1;

    fn pick(cluster: &str, weight: Weight) -> Option<Typeface> {
        typeface_for(cluster, weight).unwrap()
    }

    #[test]
    fn characters_sharing_a_remembered_slot_each_get_their_own_typeface() {
        // The first typeface of the chain covering the cluster, looked for every time.
        let looked_for = |cluster: &str, weight: Weight| {
            weight.chain().find(|&t| {
                let font = Font::get(t).unwrap();
                cluster.chars().all(|c| font.covers(c))
            })
        };
        // Characters 1,024 apart share a slot (of a weight), here each pair drawn by two
        // typefaces, or by one and none (Thaana, and Arabic or Hebrew in builds without
        // their fonts): a slot that answered for the other character would be caught.
        let pairs = [("Ȩ", "ب"), ("ǐ", "א"), ("Ω", "\u{7a9}")];
        for (a, b) in pairs {
            let (ca, cb) = (a.chars().next().unwrap(), b.chars().next().unwrap());
            assert_eq!(u32::from(ca) + 1024, u32::from(cb));
            assert_ne!(
                looked_for(a, Weight::Regular),
                looked_for(b, Weight::Regular)
            );
        }
        for _ in 0..3 {
            for cluster in pairs.iter().flat_map(|&(a, b)| [a, b]) {
                for weight in Weight::ALL {
                    assert_eq!(
                        pick(cluster, weight),
                        looked_for(cluster, weight),
                        "{cluster:?}"
                    );
                }
            }
        }
        assert_eq!(pick("Ȩ", Weight::Bold), Some(Typeface::LatinBold));
        // One no typeface draws is never remembered.
        assert_eq!(pick("\u{10ffff}", Weight::Regular), None);
        assert_eq!(pick("\u{10ffff}", Weight::Regular), None);
    }

    #[test]
    fn every_typeface_of_the_chains_parses() {
        for typeface in Weight::Regular.chain().chain(Weight::Bold.chain()) {
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
            #[cfg(feature = "arabic")]
            ("ش", Typeface::Arabic, Typeface::ArabicBold),
            #[cfg(feature = "hebrew")]
            ("ש", Typeface::Hebrew, Typeface::HebrewBold),
            #[cfg(feature = "hebrew")]
            ("שׁ", Typeface::Hebrew, Typeface::HebrewBold),
            #[cfg(feature = "thai")]
            ("ที่", Typeface::Thai, Typeface::ThaiBold),
            #[cfg(feature = "cjk")]
            ("山", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "cjk")]
            ("ひ", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "cjk")]
            ("한", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "cjk")]
            ("〒", Typeface::Cjk, Typeface::Cjk),
            #[cfg(feature = "armenian")]
            ("Ա", Typeface::Armenian, Typeface::ArmenianBold),
            #[cfg(feature = "georgian")]
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
        #[cfg(feature = "arabic")]
        assert_eq!(pick("ل\u{200D}", Weight::Regular), Some(Typeface::Arabic));
        // A script whose feature is off has no font (and none is registered in unit tests).
        #[cfg(not(feature = "cjk"))]
        assert_eq!(pick("山", Weight::Regular), None);
        #[cfg(not(feature = "arabic"))]
        assert_eq!(pick("ش", Weight::Bold), None);
        #[cfg(not(feature = "hebrew"))]
        assert_eq!(pick("ש", Weight::Regular), None);
        #[cfg(not(feature = "thai"))]
        assert_eq!(pick("ที่", Weight::Regular), None);
        #[cfg(not(feature = "armenian"))]
        assert_eq!(pick("Ա", Weight::Bold), None);
        #[cfg(not(feature = "georgian"))]
        assert_eq!(pick("თ", Weight::Regular), None);
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
    fn only_faces_without_a_bold_are_synthetic_in_bold() {
        #[cfg(feature = "cjk")]
        {
            assert!(Typeface::Cjk.synthetic_bold(Weight::Bold));
            assert!(!Typeface::Cjk.synthetic_bold(Weight::Regular));
        }
        #[cfg(feature = "arabic")]
        assert!(!Typeface::ArabicBold.synthetic_bold(Weight::Bold));
        assert!(!Typeface::LatinBold.synthetic_bold(Weight::Bold));
        let alone = Typeface::Registered(RegisteredFace::new(0, false));
        assert!(alone.synthetic_bold(Weight::Bold));
        assert!(!alone.synthetic_bold(Weight::Regular));
        let bold = Typeface::Registered(RegisteredFace::new(0, true));
        assert!(!bold.synthetic_bold(Weight::Bold));
    }

    #[test]
    fn every_bundled_typeface_has_its_own_slot_and_file() {
        let mut slots: Vec<usize> = Typeface::ALL.iter().map(|t| t.index()).collect();
        slots.sort_unstable();
        slots.dedup();
        assert_eq!(slots.len(), Typeface::ALL.len());
        assert!(slots.iter().all(|&s| s < BUNDLED_SLOTS));
        for &typeface in Typeface::ALL {
            assert!(typeface.is_bundled());
            assert_eq!(typeface.fingerprint(), None);
            let font = Font::get(typeface).unwrap();
            assert_eq!(
                font.bytes().as_ptr(),
                typeface.data().as_ptr(),
                "{typeface:?}"
            );
        }
        let registered = Typeface::Registered(RegisteredFace::new(MAX_SLOT, true));
        assert_eq!(registered.index(), SLOTS - 1);
        assert!(!registered.is_bundled());
        // Nothing is registered in the unit tests: the face has no font, and says so.
        assert_eq!(Font::get(registered).unwrap_err(), FontError(""));
        assert_eq!(registered.data(), b"");
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
