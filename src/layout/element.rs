//! The things a laid-out label is made of, as read-only data for any output: text lines
//! (shaped glyphs, their fonts and positions, and the text they stand for), rules, the
//! Code 128 modules and the QR matrix.
//!
//! Coordinates are from the page's top left corner, y downwards. Text and rules are placed
//! in points ([`Pt`]; [`Pt::in_dots`] converts); the barcodes are placed and sized in whole
//! printer [`Dots`] of the layout's [`Dpi`](crate::Dpi), so every output can print each
//! bar and module with exactly its number of dots.

use std::sync::Arc;

use crate::barcode::{QrLevel, QrMatrix};
use crate::text::{Run, ShapedLine, Typeface};
use crate::units::{Dots, Pt};

/// One thing drawn on a label, in drawing order.
///
/// ```
/// use shiplabel::{Element, Label, Options, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let mut texts = 0;
/// for element in layout.elements() {
///     match element {
///         Element::Text(line) => texts += usize::from(!line.text().is_empty()),
///         Element::Rule(rule) => assert!(rule.width().0 > 0.0),
///         Element::Code128(bars) => assert_eq!(bars.data(), "TT-2026-000123"),
///         Element::Qr(qr) => assert!(qr.payload().starts_with("SL1\n")),
///         _ => {}
///     }
/// }
/// assert!(texts > 10);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Element {
    /// A line of shaped text.
    Text(TextLine),
    /// A filled black rectangle (the rules between zones, the country box).
    Rule(Rule),
    /// The order number's Code 128.
    Code128(Code128Symbol),
    /// The order's QR code.
    Qr(QrSymbol),
}

/// A line of text, shaped: runs of glyphs of one font each, in visual order (left to
/// right), at one size.
///
/// ```
/// use shiplabel::{Element, Label, Options, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let name = layout
///     .elements()
///     .iter()
///     .find_map(|e| match e {
///         Element::Text(line) if line.text() == "Oliver Smith" => Some(line),
///         _ => None,
///     })
///     .unwrap();
/// assert!(name.size().0 > 12.0);
/// let glyphs: usize = name.runs().map(|run| run.glyphs().count()).sum();
/// assert_eq!(glyphs, 12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub(crate) x: Pt,
    pub(crate) baseline: Pt,
    pub(crate) size: f32,
    pub(crate) line: Arc<ShapedLine>,
    pub(crate) align: Align,
}

/// Which point of a text line the layout placed: its left edge, its centre or its right
/// edge. An output that prints the line in another font (a thermal printer's resident font)
/// keeps that point, so a centred line stays centred in its zone.
///
/// ```
/// use shiplabel::{Align, Element, Label, Options, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let number = layout
///     .elements()
///     .iter()
///     .find_map(|e| match e {
///         Element::Text(line) if line.text() == "TT-2026-000123" => Some(line),
///         _ => None,
///     })
///     .unwrap();
/// assert_eq!(number.align(), Align::Centre);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Align {
    /// Placed by its left edge ([`TextLine::x`]).
    Left,
    /// Centred in its zone: placed by the middle of its width.
    Centre,
    /// Placed by its right edge ([`TextLine::x`] + [`TextLine::width`]): lines that read
    /// right to left.
    Right,
}

impl TextLine {
    /// The text it stands for, in logical (reading) order.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert_eq!(line.text(), "FROM");
    /// ```
    pub fn text(&self) -> &str {
        &self.line.text
    }

    /// The left edge of the line.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert!(line.x().0 > 0.0);
    /// ```
    pub fn x(&self) -> Pt {
        self.x
    }

    /// The baseline, from the page's top.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert!(line.baseline().0 > line.x().0);
    /// ```
    pub fn baseline(&self) -> Pt {
        self.baseline
    }

    /// The font size (one em).
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert!(line.size().0 >= 7.0);
    /// ```
    pub fn size(&self) -> Pt {
        Pt(self.size)
    }

    /// The advance width of the whole line.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert!(line.width().0 > line.size().0);
    /// ```
    pub fn width(&self) -> Pt {
        Pt(self.line.width * self.size)
    }

    /// How far the highest glyph outline reaches above the baseline, and the lowest below
    /// it (both zero or positive).
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// let (above, below) = line.ink_extent();
    /// assert!(above.0 > 0.0 && below.0 >= 0.0);
    /// ```
    pub fn ink_extent(&self) -> (Pt, Pt) {
        (
            Pt(self.line.top * self.size),
            Pt(self.line.bottom * self.size),
        )
    }

    /// Whether the line's base direction is right to left (Arabic, Hebrew); it is then
    /// aligned to the right of its zone.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert!(!line.is_rtl());
    /// ```
    pub fn is_rtl(&self) -> bool {
        self.line.rtl
    }

    /// Which of its points the layout placed: see [`Align`].
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert_eq!(line.align(), shiplabel::Align::Left);
    /// ```
    pub fn align(&self) -> Align {
        self.align
    }

    /// The runs of glyphs, one font each, left to right.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// let run = line.runs().next().unwrap();
    /// assert_eq!(run.typeface().postscript_name(), "NotoSans-Bold");
    /// ```
    pub fn runs(&self) -> impl ExactSizeIterator<Item = GlyphRun<'_>> {
        self.line
            .runs
            .iter()
            .map(move |run| GlyphRun { line: self, run })
    }
}

/// Glyphs of one font within a [`TextLine`].
///
/// ```
/// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
/// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
/// let run = line.runs().next().unwrap();
/// let text: String = run.glyphs().map(|g| g.text().to_owned()).collect();
/// assert_eq!(text, "FROM");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct GlyphRun<'a> {
    line: &'a TextLine,
    run: &'a Run,
}

impl<'a> GlyphRun<'a> {
    /// The font the glyph ids belong to.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// let font = line.runs().next().unwrap().typeface();
    /// assert!(font.data().len() > 1000);
    /// ```
    pub fn typeface(&self) -> Typeface {
        self.run.typeface
    }

    /// Whether the run is drawn bold by stroking its outlines as well as filling them, at
    /// [`SYNTHETIC_BOLD_STROKE`] of the size: bold text in a font that has no bold (CJK).
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert!(!line.runs().next().unwrap().synthetic_bold());
    /// ```
    pub fn synthetic_bold(&self) -> bool {
        self.run.synthetic_bold
    }

    /// The glyphs, left to right, each at its place on the page.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// let xs: Vec<f32> = line.runs().next().unwrap().glyphs().map(|g| g.x().0).collect();
    /// assert!(xs.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub fn glyphs(&self) -> impl ExactSizeIterator<Item = PlacedGlyph<'a>> + use<'a> {
        let scale = self.line.size / self.run.units_per_em;
        let left = self.line.x.0 + self.run.x * self.line.size;
        let baseline = self.line.baseline.0;
        self.run.glyphs.iter().map(move |g| PlacedGlyph {
            id: g.id,
            x: Pt(left + g.x as f32 * scale),
            y: Pt(baseline - g.y as f32 * scale),
            text: &g.text,
        })
    }
}

/// How wide the stroke is that draws a [`GlyphRun::synthetic_bold`] run bold, as a fraction
/// of the size (the outline grows by half of it on each side).
///
/// ```
/// assert!(shiplabel::SYNTHETIC_BOLD_STROKE < 0.1);
/// ```
pub const SYNTHETIC_BOLD_STROKE: f32 = 0.035;

/// One glyph of a [`GlyphRun`]: its id in the run's font, its origin on the page, and the
/// characters it stands for.
///
/// ```
/// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
/// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
/// let f = line.runs().next().unwrap().glyphs().next().unwrap();
/// assert_eq!(f.text(), "F");
/// assert_eq!(f.y(), line.baseline());
/// assert!(f.id() > 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph<'a> {
    id: u16,
    x: Pt,
    y: Pt,
    text: &'a str,
}

impl PlacedGlyph<'_> {
    /// The glyph id in the run's font.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert!(line.runs().next().unwrap().glyphs().all(|g| g.id() != 0));
    /// ```
    pub fn id(&self) -> u16 {
        self.id
    }

    /// The glyph origin's distance from the page's left edge.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert_eq!(line.runs().next().unwrap().glyphs().next().unwrap().x(), line.x());
    /// ```
    pub fn x(&self) -> Pt {
        self.x
    }

    /// The glyph origin's distance from the page's top: the baseline, or above or below it
    /// for a mark the font moved.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert_eq!(line.runs().next().unwrap().glyphs().next().unwrap().y(), line.baseline());
    /// ```
    pub fn y(&self) -> Pt {
        self.y
    }

    /// The characters the glyph stands for: several for a ligature, none for the second
    /// glyph of a split vowel.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let shiplabel::Element::Text(line) = &layout.elements()[0] else { panic!() };
    /// assert_eq!(line.runs().next().unwrap().glyphs().last().unwrap().text(), "M");
    /// ```
    pub fn text(&self) -> &str {
        self.text
    }
}

/// A filled black rectangle.
///
/// ```
/// use shiplabel::{Element, Label, Options, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let rule = layout.elements().iter().find_map(|e| match e {
///     Element::Rule(rule) => Some(rule),
///     _ => None,
/// });
/// assert!(rule.unwrap().height().0 > 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub(crate) x: Pt,
    pub(crate) y: Pt,
    pub(crate) width: Pt,
    pub(crate) height: Pt,
}

impl Rule {
    /// Its left edge.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let rule = layout.elements().iter().find_map(|e| match e { Element::Rule(r) => Some(r), _ => None }).unwrap();
    /// assert!(rule.x().0 > 0.0);
    /// ```
    pub fn x(&self) -> Pt {
        self.x
    }

    /// Its top edge.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let rule = layout.elements().iter().find_map(|e| match e { Element::Rule(r) => Some(r), _ => None }).unwrap();
    /// assert!(rule.y().0 > 0.0);
    /// ```
    pub fn y(&self) -> Pt {
        self.y
    }

    /// Its width.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let rule = layout.elements().iter().find_map(|e| match e { Element::Rule(r) => Some(r), _ => None }).unwrap();
    /// assert!(rule.width() > rule.height());
    /// ```
    pub fn width(&self) -> Pt {
        self.width
    }

    /// Its height.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let rule = layout.elements().iter().find_map(|e| match e { Element::Rule(r) => Some(r), _ => None }).unwrap();
    /// assert!(rule.height().0 < 2.0);
    /// ```
    pub fn height(&self) -> Pt {
        self.height
    }
}

/// A Code 128 symbol: its modules (bars and spaces) from the start character to the stop
/// pattern, each [`module`](Self::module) dots wide; quiet zones of 10 modules are left
/// light on either side.
///
/// ```
/// use shiplabel::{Dots, Element, Label, Options, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let bars = layout.elements().iter().find_map(|e| match e {
///     Element::Code128(bars) => Some(bars),
///     _ => None,
/// }).unwrap();
/// assert_eq!(bars.module(), Dots(4)); // 0.5 mm at 203 dpi
/// assert_eq!(bars.width(), Dots(4 * bars.modules().len() as u32));
/// assert!(bars.modules()[0]); // the start character begins with a bar
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Code128Symbol {
    pub(crate) x: Dots,
    pub(crate) y: Dots,
    pub(crate) module: Dots,
    pub(crate) height: Dots,
    pub(crate) modules: Vec<bool>,
    pub(crate) codewords: Vec<u8>,
    pub(crate) text: String,
}

impl Code128Symbol {
    /// The first bar's left edge, in dots from the page's left edge.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// assert!(bars.x().0 >= 10 * bars.module().0);
    /// ```
    pub fn x(&self) -> Dots {
        self.x
    }

    /// The bars' top, in dots from the page's top.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// assert!(bars.y().0 > 0);
    /// ```
    pub fn y(&self) -> Dots {
        self.y
    }

    /// The width of one module (the narrowest bar or space).
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// assert!(bars.module().0 >= 3);
    /// ```
    pub fn module(&self) -> Dots {
        self.module
    }

    /// The bars' height.
    ///
    /// ```
    /// # use shiplabel::{Dots, Element};
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// assert!(bars.height() >= Dots(203)); // at least 1 in
    /// ```
    pub fn height(&self) -> Dots {
        self.height
    }

    /// The symbol's width, start to stop, without quiet zones.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// assert!(bars.x().0 + bars.width().0 <= layout.width_dots().0);
    /// ```
    pub fn width(&self) -> Dots {
        Dots(self.module.0 * self.modules.len() as u32)
    }

    /// The modules, left to right: `true` for a bar, `false` for a space.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// // Every symbol ends with the stop pattern's 2-module bar.
    /// assert!(bars.modules().ends_with(&[true, true]));
    /// ```
    pub fn modules(&self) -> &[bool] {
        &self.modules
    }

    /// The symbol's values, start character to check character (the stop pattern has no
    /// value): 103, 104 or 105 for start A, B or C, then one per symbol character.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// assert!((103..=105).contains(&bars.codewords()[0]));
    /// ```
    pub fn codewords(&self) -> &[u8] {
        &self.codewords
    }

    /// The data it encodes: the order number.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let bars = layout.elements().iter().find_map(|e| match e { Element::Code128(b) => Some(b), _ => None }).unwrap();
    /// assert_eq!(bars.data(), "TT-2026-000123");
    /// ```
    pub fn data(&self) -> &str {
        &self.text
    }
}

/// A QR symbol: a square of modules, each [`module`](Self::module) dots wide, with a
/// 4-module quiet zone left light all round.
///
/// ```
/// use shiplabel::{Element, Label, Options, QrLevel, layout};
/// let layout = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let qr = layout.elements().iter().find_map(|e| match e {
///     Element::Qr(qr) => Some(qr),
///     _ => None,
/// }).unwrap();
/// assert_eq!(qr.level(), QrLevel::Q);
/// assert!(qr.is_dark(0, 0)); // the top-left finder pattern
/// assert!(!qr.is_dark(qr.modules_per_side(), 0)); // outside the symbol
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct QrSymbol {
    pub(crate) x: Dots,
    pub(crate) y: Dots,
    pub(crate) module: Dots,
    pub(crate) matrix: QrMatrix,
    pub(crate) payload: String,
}

impl QrSymbol {
    /// The symbol's left edge (inside its quiet zone), in dots from the page's left edge.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// assert!(qr.x().0 >= 4 * qr.module().0);
    /// ```
    pub fn x(&self) -> Dots {
        self.x
    }

    /// The symbol's top edge, in dots from the page's top.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// assert!(qr.y().0 + qr.width().0 <= layout.height_dots().0);
    /// ```
    pub fn y(&self) -> Dots {
        self.y
    }

    /// The width of one module.
    ///
    /// ```
    /// # use shiplabel::{Dots, Element};
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// assert_eq!(qr.module(), Dots(7)); // 0.88 mm at 203 dpi
    /// ```
    pub fn module(&self) -> Dots {
        self.module
    }

    /// Modules per side: 21 for version 1, 4 more per version.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// assert_eq!((qr.modules_per_side() - 21) % 4, 0);
    /// ```
    pub fn modules_per_side(&self) -> usize {
        self.matrix.width()
    }

    /// The symbol's width (and height), without the quiet zone.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// assert_eq!(qr.width().0, qr.module().0 * qr.modules_per_side() as u32);
    /// ```
    pub fn width(&self) -> Dots {
        Dots(self.module.0 * self.matrix.width() as u32)
    }

    /// Whether the module in column `col`, row `row` (from the top left) is dark; `false`
    /// outside the symbol.
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// // A finder pattern: dark ring, light ring, dark centre.
    /// assert!(qr.is_dark(0, 3) && !qr.is_dark(1, 3) && qr.is_dark(3, 3));
    /// ```
    pub fn is_dark(&self, col: usize, row: usize) -> bool {
        self.matrix.dark(col, row)
    }

    /// The error correction level it was encoded at.
    ///
    /// ```
    /// # use shiplabel::{Element, QrLevel};
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// assert!(matches!(qr.level(), QrLevel::M | QrLevel::Q));
    /// ```
    pub fn level(&self) -> QrLevel {
        self.matrix.level()
    }

    /// The data it encodes (README, "What is on it", gives the format).
    ///
    /// ```
    /// # use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// # let qr = layout.elements().iter().find_map(|e| match e { Element::Qr(q) => Some(q), _ => None }).unwrap();
    /// assert!(qr.payload().contains("O:TT-2026-000123"));
    /// ```
    pub fn payload(&self) -> &str {
        &self.payload
    }
}
