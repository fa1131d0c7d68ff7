//! # shiplabel
//!
//! Turns an order into a correct, printable, scannable shipping label: it validates the
//! recipient's name and full postal address (postcode checked against the destination
//! country's format), the order number, the carrier's tracking number and the seller's name
//! and address, then renders a label (4 × 6 in, or another [`LabelSize`], alone or several
//! to a [`Sheet`]) with a Code 128 barcode of the order number and a QR code of the order,
//! and, for a parcel that crosses a border, its customs declaration (CN22 or CN23).
//!
//! The pipeline runs one way: [`Label`] → [`Label::validate`] → [`ValidLabel`] →
//! [`layout`] → an output ([`render_pdf`], [`PdfWriter`], PNG, ZPL, printpdf). Only a
//! `ValidLabel` can be laid out or rendered.
//!
//! ## Quick start
//!
//! From structs:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use shiplabel::{Address, Label, Options, Order, Party};
//!
//! let label = Label::new(
//!     Order::new("TT-2026-000123").with_tracking("RR473124829GB").with_carrier("Royal Mail"),
//!     Party::new(
//!         "Oliver Smith",
//!         Address::new("GB", ["Flat 4, 221 Baker Street"]).with_city("London").with_postcode("NW1 6XE"),
//!     ),
//!     Party::new(
//!         "Shenzhen Bright Home Co., Ltd.",
//!         Address::new("CN", ["Room 1203, Building A, Tianan Cyber Park"])
//!             .with_city("Shenzhen Shi")
//!             .with_region("Guangdong Sheng")
//!             .with_postcode("518040"),
//!     ),
//! );
//! // Validate: every problem at once, each with its field path; then render.
//! let pdf: Vec<u8> = shiplabel::render_pdf(&[label.validate()?], &Options::default())?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok(()) }
//! ```
//!
//! From JSON (feature `serde`), a webhook's body say: every mistake of the order at once, a
//! typo in the JSON as much as a bad postcode, each `{"field", "code", "message"}`:
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! let body = r#"{"order": {"number": "TT-7"},
//!   "recipient": {"name": "Oliver Smith",
//!     "address": {"lines": ["Flat 4, 221 Baker Street"], "city": "London", "postcod": "NW1 6XE", "country": "GB"}},
//!   "seller": {"name": "Atelier Lumière",
//!     "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}}"#;
//! match shiplabel::ValidLabel::from_json(body) {
//!     Ok(label) => { /* print it */ }
//!     Err(errors) => {
//!         // 422 Unprocessable Entity, with the errors as the body.
//!         let json = serde_json::to_value(&errors).unwrap();
//!         assert_eq!(json[0]["field"], "recipient.address.postcod");
//!         assert_eq!(json[0]["code"], "unknown_field");
//!         assert_eq!(json[1]["field"], "recipient.address.postcode");
//!         assert_eq!(json[1]["code"], "missing");
//!     }
//! }
//! # }
//! ```
//!
//! ## Outputs
//!
//! The laid-out label is public data ([`LabelLayout::elements`]: text lines of shaped
//! glyphs, rules, the Code 128 modules, the QR matrix, in printer dots; sheets through
//! [`Sheet::pages`]), which every output draws:
//!
//! - PDF, our own streaming writer: [`render_pdf`], [`render_batch`], [`PdfWriter`] (any
//!   [`std::io::Write`]), [`documents`] / [`write_documents`] (runs split into files);
//! - PNG (feature `png`): `render_png`, `PngOutput`: a 1-bit print at the printer's
//!   resolution or a greyscale preview;
//! - ZPL II for thermal printers (feature `zpl`): `render_zpl`, `ZplOutput`;
//! - a page of an app's own printpdf document (feature `printpdf`): `draw_on_printpdf`;
//! - an app's own: implement [`Output`] and print through [`Printer`].
//!
//! A label with a customs declaration prints its CN22 (a label of the label's size) or CN23
//! (A4 or Letter pages) right after it, in every output ([`customs_layouts`],
//! [`Options::with_customs_forms`]).
//!
//! ## Crate features
//!
//! | feature | default | what it adds |
//! | --- | --- | --- |
//! | `serde` | on | the order types read from and written as JSON; [`Label::from_json`] and `ValidLabel::from_json` with every JSON mistake by field path; errors, reports and options (de)serialisable |
//! | `png` | on | `render_png`, `render_sheet_png`, `PngOutput` (tiny-skia, png) |
//! | `zpl` | on | `render_zpl`, `ZplOutput` (needs `png`; base64) |
//! | `printpdf` | off | `draw_on_printpdf` onto a `printpdf` page: for apps that use printpdf 0.12 themselves (it roughly doubles a release build's CPU time otherwise) |
//! | `fonts` | on | every script family below |
//! | `arabic`, `hebrew`, `thai`, `armenian`, `georgian` | on (through `fonts`) | that script's Noto Sans fonts (54 to 497 KB each); without one, its text is refused at validation |
//! | `cjk` | on (through `fonts`) | the Chinese, Japanese and Korean font (a 6 MB subset of Noto Sans CJK) |
//!
//! Noto Sans (Latin, Greek, Cyrillic) is always bundled. Without default features the crate
//! validates and renders PDFs from structs.
//!
//! ## Errors
//!
//! One error type per concern:
//!
//! - [`ValidationErrors`] (from [`Label::validate`] and `from_json`): every problem of an
//!   order, each a [`ValidationError`] with [`field`](ValidationError::field)
//!   (`recipient.address.postcode`), [`kind`](ValidationError::kind) and a message. The
//!   kinds' codes: `missing`, `empty`, `too_long`, `too_many`, `control_character`,
//!   `bidi_control`, `not_printable_ascii`, `unknown_country`, `invalid_postcode`,
//!   `unknown_region`, `unknown_city`, `invalid_check_digit`, `unknown_tracking_format`,
//!   `wrong_carrier`, `ambiguous_carrier`, `out_of_range`, `uncovered_character`,
//!   `unknown_value`, `invalid_number`, `unknown_currency`, `mixed_currencies`,
//!   `vague_description`, `invalid_hs_code`, `invalid_date`, `invalid_tax_id`,
//!   `wrong_form`, `over_weight`, `ioss_required`, and for JSON `invalid_json`,
//!   `unknown_field`, `invalid_type`, `missing_field`, `duplicate_field` ([`ErrorKind`]
//!   documents each).
//! - [`LayoutError`]: a valid order that cannot be laid out (text too long even at 7 pt
//!   and wrapped, an order number too long for a Code 128 on the label, a CN22 with too
//!   many items…), with [`code`](LayoutError::code) and the field.
//! - [`RenderError`]: a run that failed, with [`code`](RenderError::code): the orders set
//!   aside ([`Rejected`], each with its index, the order as given and its problems), an I/O
//!   error with its [`std::io::Error`] as the source ([`IoError`]), contradictory options.
//!
//! With `serde`, each serialises as `{"field", "code", "message"}`.
//!
//! ## Threads and async
//!
//! [`PdfWriter`] and every [`Printer`] lay out and draw a run's labels on
//! [`Options::threads`] worker threads (the available cores unless set) while the calling
//! thread writes them in order; one label ([`Printer::write_label`]) stays on the calling
//! thread, and `with_threads(1)` keeps everything there, as a server running a request per
//! core wants. What is global is bounded and only makes work faster: one cache of shaped text
//! lines shared by every thread, each pair of ASCII characters' advance (kept for the
//! process) and the fonts; each thread also keeps shaping plans and the drawing of its
//! latest lines. The types are `Send` and `Sync`. In an async server, print in
//! `spawn_blocking` and stream to the response body ([`PdfWriter`] shows how).
//!
//! ## Limits and guarantees
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
//! [`MAX_CUSTOMS_ITEMS`], [`MAX_TAX_IDS`], [`MAX_LABELS`], [`MAX_JSON_BYTES`]), checked
//! before any work that grows with the input. The library never panics on input. The same
//! input and options give byte-identical output.
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
//! found from a number with letters when none is named: see [`TrackingNumber::parse`].

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
mod bits;
mod carrier;
mod documents;
mod error;
#[cfg(test)]
mod generated;
#[cfg(feature = "serde")]
mod json;
mod last_met;
mod layout;
mod limits;
mod model;
mod options;
mod parallel;
mod pattern;
mod print;
mod printer;
#[cfg(feature = "png")]
mod raster;
mod render;
mod sellers;
mod sfnt;
#[cfg(test)]
mod testing;
mod text;
mod units;
mod validate;
#[cfg(feature = "zpl")]
mod zpl;

pub use barcode::QrLevel;
pub use batch::{Batch, BatchMode, Printable, Printed, Rejected, Rejection, validate_batch};
pub use documents::{Documents, documents, write_documents};
pub use error::{IoError, RenderError};
pub use layout::{
    Align, Code128Symbol, Element, GlyphRun, LabelLayout, LayoutError, PlacedGlyph, PlacedLabel,
    QrSymbol, Rule, SYNTHETIC_BOLD_STROKE, SheetPage, TextLine, customs_layouts, layout,
};
pub use limits::{
    MAX_ADDRESS_LINES, MAX_CUSTOMS_ITEMS, MAX_JSON_BYTES, MAX_LABELS, MAX_ORDERS,
    MAX_POSTCODE_CHARS, MAX_TAX_IDS, MAX_TEXT_CHARS,
};
pub use model::{Address, Customs, CustomsItem, Label, Order, Party, TaxId};
pub use options::{
    LabelSize, Options, OptionsConflict, Paper, QrContent, Sheet, SheetLayout, StartOutOfRange,
    UnknownName,
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
pub use units::{Dots, Dpi, InvalidDpi, Mm, Pt};
pub use validate::{
    Contents, CountryCode, Currency, CustomsForm, ErrorKind, Money, NonDelivery, OrderNumber,
    Postcode, TaxIdKind, TrackingNumber, UnknownErrorCode, ValidAddress, ValidCustoms, ValidItem,
    ValidLabel, ValidOrder, ValidParty, ValidTaxId, ValidationError, ValidationErrors,
};
#[cfg(feature = "zpl")]
pub use zpl::{ZplBars, ZplOptions, ZplOutput, ZplText, render_zpl, render_zpl_with};

/// Hooks for the fuzz targets in `fuzz/`, compiled only under `cargo fuzz` (which sets
/// `--cfg fuzzing`): the Code 128 encoder and a reader of its module pattern, and the
/// content streams' compression, which are otherwise private. Not part of the API.
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

    /// A content stream as the PDF writer compresses it (zlib): with the page code up to
    /// its length limit when every byte is printable ASCII or newline, else libdeflate's.
    pub fn deflate_content(data: &[u8]) -> Vec<u8> {
        crate::render::deflate_content(data)
    }

    /// `data` with the page code alone; `None` when it holds a byte the code lacks.
    pub fn deflate_page(data: &[u8]) -> Option<Vec<u8>> {
        crate::render::deflate_page(data)
    }

    /// A zlib stream inflated; `None` if it is not a whole, valid one.
    pub fn inflate(data: &[u8]) -> Option<Vec<u8>> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .ok()
            .map(|_| out)
    }
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
