//! Layout: where everything goes on the page, as a device-independent list of text runs,
//! rules and barcode grids in points (origin top left, y downwards), with barcode geometry
//! snapped to printer dots.

mod cn22;
mod cn23;
mod element;
mod form;
mod label;
mod payload;
mod sheet;

use std::fmt;

use crate::options::{LabelSize, Options};
use crate::units::{Dots, Dpi, Pt};
use crate::validate::ValidLabel;

pub use element::{
    Align, Code128Symbol, Element, GlyphRun, PlacedGlyph, QrSymbol, Rule, SYNTHETIC_BOLD_STROKE,
    TextLine,
};
pub(crate) use payload::qr_payload;
pub use sheet::{PlacedLabel, SheetPage};
pub(crate) use sheet::{SheetCursor, cut_marks, slot_origin_dots};

/// A label laid out on its page, ready to render.
///
/// `Display` prints a readable dump of every text run, rule and barcode with positions in
/// points (origin at the top left), the form the golden tests keep beside each PDF.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let label = shiplabel::Label::sample().validate().unwrap();
/// let layout = shiplabel::layout(&label, &shiplabel::Options::default())?;
/// let dump = layout.to_string();
/// assert!(dump.starts_with("page 288.00 x 432.00 pt, 203 dpi"));
/// assert!(dump.contains("\"Oliver Smith\""));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct LabelLayout {
    pub(crate) width: Pt,
    pub(crate) height: Pt,
    pub(crate) dpi: Dpi,
    pub(crate) elements: Vec<Element>,
    /// How many of the first elements are the sender's block, which labels of one seller
    /// repeat and a PDF can draw once for all of them; 0 for a page without one (a customs
    /// form's).
    pub(crate) sender_elements: usize,
    /// The block a printer found on an order before this one, in the order the orders came
    /// (so the output depends only on them): its number (unique in the process), by which a
    /// PDF draws it once, as a form its pages paint. `None` for a layout made alone, and a
    /// seller's first order.
    pub(crate) repeated_sender: Option<u64>,
}

/// Two layouts are equal when they draw the same: whether a printer had met the sender
/// before is not part of the label.
impl PartialEq for LabelLayout {
    fn eq(&self, other: &Self) -> bool {
        (self.width, self.height, self.dpi, self.sender_elements)
            == (other.width, other.height, other.dpi, other.sender_elements)
            && self.elements == other.elements
    }
}

impl LabelLayout {
    /// The sender's block and the rest of the page, if the page has one.
    pub(crate) fn sender_block(&self) -> Option<(&[Element], &[Element])> {
        self.elements
            .split_at_checked(self.sender_elements)
            .filter(|(block, _)| !block.is_empty())
    }

    /// The page width.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// assert_eq!(layout.width(), shiplabel::Pt(288.0));
    /// ```
    pub fn width(&self) -> Pt {
        self.width
    }

    /// Whether this page is a label of `size` (and not, say, a CN23's A4 page): what the
    /// outputs ask to place it on a sheet or print it on a thermal printer's labels.
    pub(crate) fn is_of_size(&self, size: LabelSize) -> bool {
        (self.width.0 - size.width().0).abs() < 0.01
            && (self.height.0 - size.height().0).abs() < 0.01
    }

    /// The page height.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// assert_eq!(layout.height(), shiplabel::Pt(432.0));
    /// ```
    pub fn height(&self) -> Pt {
        self.height
    }

    /// The resolution it was laid out for: every barcode module is a whole number of its
    /// dots.
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// assert_eq!(layout.dpi(), shiplabel::Dpi::DPI_203);
    /// ```
    pub fn dpi(&self) -> Dpi {
        self.dpi
    }

    /// The page width in whole dots (rounded to the nearest; a 4 × 6 in label is exactly
    /// 812 × 1218 dots at 203 dpi).
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// assert_eq!(layout.width_dots(), shiplabel::Dots(812));
    /// ```
    pub fn width_dots(&self) -> Dots {
        Dots(self.width.in_dots(self.dpi).round() as u32)
    }

    /// The page height in whole dots (rounded to the nearest).
    ///
    /// ```
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// assert_eq!(layout.height_dots(), shiplabel::Dots(1218));
    /// ```
    pub fn height_dots(&self) -> Dots {
        Dots(self.height.in_dots(self.dpi).round() as u32)
    }

    /// Everything drawn on the label, in drawing order: what every output (PDF, PNG, an
    /// app's own drawing) draws.
    ///
    /// ```
    /// use shiplabel::Element;
    /// # let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Default::default()).unwrap();
    /// let codes = layout
    ///     .elements()
    ///     .iter()
    ///     .filter(|e| matches!(e, Element::Code128(_) | Element::Qr(_)))
    ///     .count();
    /// assert_eq!(codes, 2);
    /// ```
    pub fn elements(&self) -> &[Element] {
        &self.elements
    }
}

/// Why a valid label could not be laid out on the page.
///
/// ```
/// let mut json: serde_json::Value = serde_json::from_str(r#"{
///   "order": {"number": "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128"},
///   "recipient": {"name": "Oliver Smith", "address": {"lines": ["221B Baker Street"], "city": "London", "postcode": "NW1 6XE", "country": "GB"}},
///   "seller": {"name": "Atelier Lumière", "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}
/// }"#).unwrap();
/// let label: shiplabel::Label = serde_json::from_value(json).unwrap();
/// let err = shiplabel::layout(&label.validate().unwrap(), &Default::default()).unwrap_err();
/// assert_eq!(err.field(), Some("order.number"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LayoutError {
    /// A field's text does not fit its zone even at the smallest size, wrapped.
    #[error("{field}: too long to fit its zone of the label, even at {min_size} pt and wrapped")]
    DoesNotFit {
        /// The field, e.g. `recipient.address.lines`.
        field: String,
        /// The smallest size tried, in points.
        min_size: f32,
    },
    /// A character that no bundled font can draw.
    #[error("{field}: the character {character} is not covered by the label fonts")]
    UncoveredCharacter {
        /// The field, e.g. `recipient.name`.
        field: String,
        /// The character(s), e.g. `'😀' (U+1F600)`.
        character: String,
    },
    /// The order number's Code 128 is wider than the label even at the narrowest module
    /// allowed (0.33 mm, whole dots).
    #[error(
        "order.number: its Code 128 is {modules} modules wide, but the {size} label has room for \
         {max_modules} (with 10-module quiet zones) at the narrowest module, {module_dots} dots \
         ({module_mm} mm) at {dpi}; use an order number of at most {max_chars} characters, or \
         {max_digits} digits (runs of digits encode two to a symbol)"
    )]
    BarcodeTooWide {
        /// The symbol's width in modules, start to stop.
        modules: usize,
        /// The most modules, start to stop, that fit the label at the narrowest module.
        max_modules: usize,
        /// The label size, as named on the command line (`4x6`).
        size: &'static str,
        /// The narrowest module, in dots.
        module_dots: u32,
        /// The narrowest module, in millimetres (two decimals).
        module_mm: String,
        /// The resolution (`203 dpi`).
        dpi: String,
        /// The longest order number of letters and other characters that fits.
        max_chars: usize,
        /// The longest order number of digits only that fits.
        max_digits: usize,
    },
    /// The QR payload needs more modules than the bottom zone holds at the smallest module.
    #[error(
        "order: the QR code ({modules} modules with its quiet zone) does not fit its zone with \
         {module_mm} mm modules at {dpi}; shorten the order or tracking number"
    )]
    QrTooLarge {
        /// Modules per side including the quiet zone.
        modules: usize,
        /// The smallest module tried, in millimetres (two decimals).
        module_mm: String,
        /// The resolution.
        dpi: String,
    },
    /// The QR code is to hold the tracking page ([`QrContent::TrackingUrl`](crate::QrContent::TrackingUrl)),
    /// but the order has none: no tracking number, or a carrier whose page the crate does
    /// not know (see [`ValidOrder::tracking_url`](crate::ValidOrder::tracking_url)).
    #[error(
        "order.tracking: the QR code is to open the tracking page, but {reason}; print the \
         order's QR code or none (QrContent::Order or QrContent::None)"
    )]
    NoTrackingUrl {
        /// Why there is no page: `there is no tracking number`, or that the carrier's is
        /// not known.
        reason: String,
    },
    /// A barcode could not be encoded.
    #[error("{field}: {message}")]
    Barcode {
        /// The field encoded.
        field: String,
        /// What went wrong.
        message: String,
    },
    /// A CN22 has no room for all the items of its declaration, even at the smallest text.
    #[error(
        "customs.items: {items} items do not fit a CN22 on a {size} label (at most {fit} do); \
         declare them on a CN23 (form \"cn23\")"
    )]
    TooManyCustomsItems {
        /// The items declared.
        items: usize,
        /// How many fit.
        fit: usize,
        /// The label size's name.
        size: &'static str,
    },
    /// A page the output cannot print: a CN23's A4 page in ZPL for a thermal printer
    /// ([`Output::accepts`](crate::Output::accepts)).
    #[error("{field}: {message}")]
    Unprintable {
        /// The field that asked for the page (`customs.form`).
        field: String,
        /// Why, and what to do.
        message: String,
    },
    /// The options contradict each other: a label size set and a sheet of labels of
    /// another size ([`Options::conflict`]).
    #[error(transparent)]
    ConflictingOptions(#[from] crate::options::OptionsConflict),
    /// A bundled font could not be read: the crate itself is broken.
    #[error("{0}")]
    Font(String),
}

impl LayoutError {
    /// The input field the problem is about, when there is one.
    ///
    /// ```
    /// let err = shiplabel::LayoutError::DoesNotFit { field: "recipient.name".into(), min_size: 7.0 };
    /// assert_eq!(err.field(), Some("recipient.name"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            LayoutError::DoesNotFit { field, .. }
            | LayoutError::UncoveredCharacter { field, .. }
            | LayoutError::Unprintable { field, .. }
            | LayoutError::Barcode { field, .. } => Some(field),
            LayoutError::BarcodeTooWide { .. } => Some("order.number"),
            LayoutError::QrTooLarge { .. } => Some("order"),
            LayoutError::TooManyCustomsItems { .. } => Some("customs.items"),
            LayoutError::NoTrackingUrl { .. } => Some("order.tracking"),
            LayoutError::Font(_) | LayoutError::ConflictingOptions(_) => None,
        }
    }

    /// A stable name for the kind of problem, for programs: `does_not_fit`,
    /// `uncovered_character`, `barcode_too_wide`, `qr_too_large`, `no_tracking_url`,
    /// `barcode`, `too_many_customs_items`, `unprintable`, `conflicting_options` or `font`.
    ///
    /// ```
    /// let err = shiplabel::LayoutError::DoesNotFit { field: "recipient.name".into(), min_size: 7.0 };
    /// assert_eq!(err.code(), "does_not_fit");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            LayoutError::DoesNotFit { .. } => "does_not_fit",
            LayoutError::UncoveredCharacter { .. } => "uncovered_character",
            LayoutError::BarcodeTooWide { .. } => "barcode_too_wide",
            LayoutError::QrTooLarge { .. } => "qr_too_large",
            LayoutError::NoTrackingUrl { .. } => "no_tracking_url",
            LayoutError::Barcode { .. } => "barcode",
            LayoutError::TooManyCustomsItems { .. } => "too_many_customs_items",
            LayoutError::Unprintable { .. } => "unprintable",
            LayoutError::ConflictingOptions(_) => "conflicting_options",
            LayoutError::Font(_) => "font",
        }
    }

    /// What is wrong, without the field it is about (which [`field`](LayoutError::field)
    /// gives): the error's text after `field: `.
    ///
    /// ```
    /// let err = shiplabel::LayoutError::DoesNotFit { field: "recipient.name".into(), min_size: 7.0 };
    /// assert_eq!(err.message(), "too long to fit its zone of the label, even at 7 pt and wrapped");
    /// ```
    pub fn message(&self) -> String {
        let text = self.to_string();
        match self.field() {
            Some(field) => text
                .strip_prefix(field)
                .and_then(|rest| rest.strip_prefix(": "))
                .map_or_else(|| text.clone(), str::to_owned),
            None => text,
        }
    }
}

/// The pages of `label`'s customs declaration, in order: none when it has none; a CN22 of
/// the label's size; or the CN23's pages, on [`Options::customs_paper`]. The printing layer
/// prints them after the label unless [`Options::with_customs_forms`] turned them off; this
/// lays them out either way.
///
/// # Errors
///
/// A [`LayoutError`] naming the field whose text does not fit even at 7 pt and wrapped
/// (`customs.items[2].description`), or [`LayoutError::TooManyCustomsItems`] for a CN22
/// with more items than its label holds.
///
/// # Examples
///
/// ```
/// use shiplabel::{Label, Options, customs_layouts};
/// let valid = Label::sample_international().validate()?;
/// let forms = customs_layouts(&valid, &Options::default())?;
/// assert_eq!(forms.len(), 1); // a CN22
/// assert_eq!(forms[0].width(), Options::default().label_size().width());
/// assert!(customs_layouts(&Label::sample().validate()?, &Options::default())?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn customs_layouts(
    label: &ValidLabel,
    options: &Options,
) -> Result<Vec<LabelLayout>, LayoutError> {
    match label.customs() {
        None => Ok(Vec::new()),
        Some(customs) => match customs.form() {
            crate::validate::CustomsForm::Cn22 => {
                cn22::lay_out(label, customs, options).map(|page| vec![page])
            }
            crate::validate::CustomsForm::Cn23 => cn23::lay_out(label, customs, options),
        },
    }
}

/// Lays out one label on a page of the options' label size ([`Options::label_size`]).
///
/// # Errors
///
/// A [`LayoutError`] when something valid still cannot be printed legibly: text that does
/// not fit its zone even shrunk to 7 pt and wrapped, a character the bundled fonts lack, or
/// an order number whose Code 128 is wider than the label at the narrowest module.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &shiplabel::Options::default())?;
/// assert!(layout.to_string().contains("code128"));
/// # Ok(()) }
/// ```
pub fn layout(label: &ValidLabel, options: &Options) -> Result<LabelLayout, LayoutError> {
    if let Some(conflict) = options.conflict() {
        return Err(conflict.into());
    }
    label::lay_out(label, options)
}

/// `text` in double quotes, as written: only quotes, backslashes and control characters are
/// escaped, so Thai or Arabic in the dump reads as text (`{:?}` would escape its marks).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl fmt::Display for LabelLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "page {} x {} pt, {}", self.width, self.height, self.dpi)?;
        for element in &self.elements {
            match element {
                Element::Text(TextLine {
                    x,
                    baseline,
                    size,
                    line,
                    ..
                }) => {
                    write!(f, "text {x} {baseline} {size:.2} {}", quoted(&line.text))?;
                    // The fonts, as PostScript names with `*` for a synthetic bold.
                    let fonts: Vec<String> = line
                        .runs
                        .iter()
                        .map(|run| {
                            let star = if run.synthetic_bold { "*" } else { "" };
                            format!("{}{star}", run.typeface.postscript_name())
                        })
                        .collect();
                    write!(f, " {}", fonts.join(","))?;
                    if line.rtl {
                        write!(f, " rtl")?;
                    }
                    writeln!(f)?;
                }
                Element::Rule(Rule {
                    x,
                    y,
                    width,
                    height,
                }) => {
                    writeln!(f, "rule {x} {y} {width} x {height}")?;
                }
                Element::Code128(Code128Symbol {
                    x,
                    y,
                    module,
                    height,
                    modules,
                    codewords,
                    text,
                }) => {
                    let (x, y, height) =
                        (x.to_pt(self.dpi), y.to_pt(self.dpi), height.to_pt(self.dpi));
                    let bars: String = modules.iter().map(|&m| if m { '1' } else { '0' }).collect();
                    let values: Vec<String> = codewords.iter().map(u8::to_string).collect();
                    writeln!(
                        f,
                        "code128 {x} {y} module {} dots ({}) height {height} width {} data {text:?}",
                        module.0,
                        module.to_pt(self.dpi),
                        Dots(module.0 * modules.len() as u32).to_pt(self.dpi)
                    )?;
                    writeln!(f, "  codewords {}", values.join(" "))?;
                    writeln!(f, "  {bars}")?;
                }
                Element::Qr(QrSymbol {
                    x,
                    y,
                    module,
                    matrix,
                    payload,
                }) => {
                    let (x, y) = (x.to_pt(self.dpi), y.to_pt(self.dpi));
                    let n = matrix.width();
                    writeln!(
                        f,
                        "qr {x} {y} module {} dots ({}) {n}x{n} level {} size {} data {payload:?}",
                        module.0,
                        module.to_pt(self.dpi),
                        matrix.level().letter(),
                        Dots(module.0 * n as u32).to_pt(self.dpi)
                    )?;
                    for row in 0..n {
                        let line: String = (0..n)
                            .map(|col| if matrix.dark(col, row) { '#' } else { '.' })
                            .collect();
                        writeln!(f, "  {line}")?;
                    }
                }
            }
        }
        Ok(())
    }
}
