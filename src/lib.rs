//! # shiplabel
//!
//! Turns an order into a correct, printable, scannable shipping label: it validates the
//! recipient's name and full postal address (postcode checked against the destination
//! country's format), the order number and the seller's name and address, then renders a
//! PDF label (4 × 6 in, or another [`LabelSize`], alone or several to a [`Sheet`]) with a
//! Code 128 barcode of the order number and a QR code of the
//! order.
//!
//! The pipeline runs one way: [`Label`] (serde) → [`Label::validate`] → [`ValidLabel`] →
//! [`layout`] → [`render_pdf`]. Only a `ValidLabel` can be laid out or rendered.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let json = r#"{
//!   "order": {"number": "TT-2026-000123", "tracking": "RR473124829GB"},
//!   "recipient": {"name": "Oliver Smith",
//!     "address": {"lines": ["Flat 4, 221 Baker Street"], "city": "London", "postcode": "NW1 6XE", "country": "GB"}},
//!   "seller": {"name": "Shenzhen Bright Home Co., Ltd.",
//!     "address": {"lines": ["Room 1203, Building A, Tianan Cyber Park"], "city": "Shenzhen Shi",
//!                 "region": "Guangdong Sheng", "postcode": "518040", "country": "CN"}}
//! }"#;
//! // 1. Parse: unknown fields are an error, so a typo cannot hide a missing postcode.
//! let label: shiplabel::Label = serde_json::from_str(json)?;
//! // 2. Validate: every problem at once, each with its field path.
//! let label = label.validate()?;
//! // 3. Render: one page per label, fonts embedded and subset, byte-identical every time.
//! let pdf: Vec<u8> = shiplabel::render_pdf(&[label], &shiplabel::Options::default())?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok(()) }
//! ```
//!
//! Many orders at once: [`render_batch`] validates and prints them, and either prints
//! nothing if one cannot be printed ([`BatchMode::AllOrNothing`], the default) or prints the
//! others and returns those orders intact ([`BatchMode::PrintValid`]), each a [`Rejected`]
//! with its index, order number and every problem; [`validate_batch`] checks them without
//! printing.
//!
//! Every way of printing runs through one printing layer, [`PdfWriter`], with that one
//! policy and one error, [`RenderError`]: it streams orders of any number into one PDF on
//! any [`std::io::Write`], on [`Options::threads`] threads (one label on the calling
//! thread), with memory that does not grow with the number of labels; [`documents`] and
//! [`write_documents`] split a run into PDFs of at most N pages.
//!
//! The laid-out label is public data ([`LabelLayout::elements`]: text lines of shaped
//! glyphs, rules, the Code 128 modules, the QR matrix, in printer dots; sheets through
//! [`Sheet::pages`]), which every output draws: the PDF; with the `png` feature
//! `render_png` (a 1-bit print or a greyscale preview); with `zpl`, `render_zpl` (ZPL II
//! for thermal printers); with `printpdf`, `draw_on_printpdf` (a page of an app's own
//! printpdf document). All three features are on by default.
//!
//! Fonts: Noto Sans (Latin, Greek, Cyrillic, Vietnamese) is always bundled; each other script
//! family is a feature, all on by default: `arabic`, `hebrew`, `thai`, `armenian`,
//! `georgian` and `cjk` (a 6 MB subset of Noto Sans CJK), or `fonts` for all six. Text no
//! enabled font covers is refused by validation ([`ErrorKind::UncoveredCharacter`]). An app
//! can give the crate a font file of its own at run time ([`FontFile`], [`register_font`]):
//! one it already ships, such as the full Noto Sans CJK, or one for a script no feature
//! bundles.
//!
//! Every input has a documented maximum ([`MAX_TEXT_CHARS`], [`MAX_ADDRESS_LINES`],
//! [`MAX_POSTCODE_CHARS`], [`OrderNumber::MAX_LEN`], [`TrackingNumber::MAX_LEN`],
//! [`MAX_LABELS`], [`MAX_JSON_BYTES`]), checked before any work that grows with the input.
//! The library never panics on input.
//!
//! Geometry: every bar and QR module is a whole number of printer dots at
//! [`Options::dpi`] (203 dpi by default). The Code 128 module is the widest that fits with
//! 10-module quiet zones, from 0.33 mm up to 1.016 mm (an order number whose symbol is 178
//! modules or fewer gets at least 0.5 mm on a 4 × 6 in label); its bars are at least 1 in
//! tall. The QR code has modules of at least 0.85 mm and is at least 25 mm across, at error
//! correction level Q where that fits, else M. It holds the payload
//! `SL1\nO:<order>\nT:<tracking>\nZ:<postcode>\nC:<country>`, the `T` and `Z` lines only
//! when there is a tracking number and a postcode; or, with [`Options::with_qr`], the
//! carrier's tracking page ([`ValidOrder::tracking_url`]), or no QR code at all.
//!
//! Tracking numbers are checked against their carrier's formats and check digits (UPU S10,
//! UPS, FedEx, USPS, DHL, …, from the public `tracking_number_data` set), and the carrier is
//! found from the number when none is named: see [`TrackingNumber::parse`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Library code never panics on input: no unwrap, expect or panic outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod address;
mod barcode;
mod batch;
mod carrier;
mod documents;
mod error;
mod layout;
mod limits;
mod model;
mod options;
mod parallel;
mod print;
mod printer;
#[cfg(feature = "png")]
mod raster;
mod render;
mod text;
mod units;
mod validate;
#[cfg(feature = "zpl")]
mod zpl;

pub use barcode::QrLevel;
pub use batch::{Batch, BatchMode, Printable, Printed, Rejected, Rejection, validate_batch};
pub use documents::{Documents, documents, write_documents};
pub use error::RenderError;
pub use layout::{
    Align, Code128Symbol, Element, GlyphRun, LabelLayout, LayoutError, PlacedGlyph, PlacedLabel,
    QrSymbol, Rule, SYNTHETIC_BOLD_STROKE, SheetPage, TextLine, customs_layouts, layout,
};
pub use limits::{
    MAX_ADDRESS_LINES, MAX_CUSTOMS_ITEMS, MAX_JSON_BYTES, MAX_LABELS, MAX_ORDERS,
    MAX_POSTCODE_CHARS, MAX_TEXT_CHARS,
};
pub use model::{Address, Customs, CustomsItem, Label, Order, Party, TaxId};
pub use options::{
    LabelSize, Options, Paper, QrContent, Sheet, SheetLayout, StartOutOfRange, UnknownName,
};
pub use print::{render_batch, render_pdf};
pub use printer::{Output, Printer};
#[cfg(feature = "png")]
pub use raster::{PngOutput, Raster, render_png, render_sheet_png};
#[cfg(feature = "printpdf")]
pub use render::draw_on_printpdf;
pub use render::{PdfOutput, PdfWriter, Prepared};
pub use text::{
    FontFile, FontFileError, MAX_REGISTERED_FONTS, RegisteredFace, Typeface, register_font,
    register_font_with_bold,
};
pub use units::{Dots, Dpi, Mm, Pt};
pub use validate::{
    Contents, CountryCode, Currency, CustomsForm, ErrorKind, Money, NonDelivery, OrderNumber,
    Postcode, TaxIdKind, TrackingNumber, ValidAddress, ValidCustoms, ValidItem, ValidLabel,
    ValidOrder, ValidParty, ValidTaxId, ValidationError, ValidationErrors,
};
#[cfg(feature = "zpl")]
pub use zpl::{ZplBars, ZplOptions, ZplOutput, ZplText, render_zpl, render_zpl_with};

/// Hooks for the fuzz targets in `fuzz/`, compiled only under `cargo fuzz` (which sets
/// `--cfg fuzzing`): the Code 128 encoder and a reader of its module pattern, which are
/// otherwise private. Not part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    /// The modules (`true` = bar, no quiet zones) of the shortest Code 128 of `data`, or why
    /// the encoder refused it.
    pub fn code128_modules(data: &str) -> Result<Vec<bool>, String> {
        crate::barcode::encode_code128(data)
            .map(|code| code.modules().to_vec())
            .map_err(|e| e.to_string())
    }

    /// Reads modules back to text; `None` for a malformed symbol or a wrong check character.
    pub fn code128_read(modules: &[bool]) -> Option<String> {
        crate::barcode::code128_decode::modules_to_text(modules)
    }

    /// The longest data the Code 128 encoder accepts, in characters.
    pub const CODE128_MAX_LEN: usize = crate::barcode::CODE128_MAX_LEN;
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
