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
//! Many orders at once: [`validate_batch`] and [`render_batch`] report every order that
//! cannot be printed, with its index, order number and every problem, and either print
//! nothing ([`BatchMode::AllOrNothing`], the default) or print the others and return those
//! orders intact ([`BatchMode::PrintValid`]).
//!
//! A day's run of any length: [`PdfWriter`] streams labels into one PDF on any
//! [`std::io::Write`], drawing them on every core, with memory that does not grow with the
//! number of labels; [`documents`] and [`write_documents`] split a run into PDFs of at most
//! N pages.
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
//! when there is a tracking number and a postcode.

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
mod documents;
mod layout;
mod limits;
mod model;
mod options;
mod parallel;
#[cfg(feature = "png")]
mod raster;
mod render;
mod text;
mod units;
mod validate;

pub use barcode::QrLevel;
pub use batch::{
    Batch, BatchError, BatchMode, Printed, Rejected, Rejection, render_batch, validate_batch,
};
pub use documents::{Documents, documents, write_documents};
pub use layout::{
    Code128Symbol, Element, GlyphRun, LabelLayout, LayoutError, PlacedGlyph, PlacedLabel, QrSymbol,
    Rule, SYNTHETIC_BOLD_STROKE, SheetPage, TextLine, layout,
};
pub use limits::{
    MAX_ADDRESS_LINES, MAX_JSON_BYTES, MAX_LABELS, MAX_ORDERS, MAX_POSTCODE_CHARS, MAX_TEXT_CHARS,
};
pub use model::{Address, Label, Order, Party};
pub use options::{LabelSize, Options, Sheet, SheetLayout, StartOutOfRange, UnknownName};
#[cfg(feature = "png")]
pub use raster::{Raster, render_png, render_sheet_png};
#[cfg(feature = "printpdf")]
pub use render::draw_on_printpdf;
pub use render::{LabelFailure, PdfWriter, RenderError};
pub use text::Typeface;
pub use units::{Dots, Dpi, Mm, Pt};
pub use validate::{
    CountryCode, ErrorKind, OrderNumber, Postcode, TrackingNumber, ValidAddress, ValidLabel,
    ValidOrder, ValidParty, ValidationError, ValidationErrors,
};

/// Renders labels into one PDF: a page per label, or on a [`Sheet`] several to a page.
///
/// Fonts are embedded once for the whole document and subset to the characters used. The
/// output depends only on `labels` and `options`: the same input gives the same bytes.
///
/// # Errors
///
/// [`RenderError::NoLabels`] for an empty list; [`RenderError::TooManyLabels`] for more than
/// [`MAX_LABELS`], before anything is laid out; [`RenderError::Layout`] listing every label
/// that cannot be laid out, each with its index, order number and [`LayoutError`] (text that
/// does not fit even at 7 pt wrapped, a character the fonts lack, an order number too long
/// for a Code 128 on the label); [`RenderError::Pdf`] if writing the PDF fails. Nothing is
/// rendered unless every label can be.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let label = shiplabel::Label::sample().validate()?;
/// let pdf = shiplabel::render_pdf(&[label.clone(), label], &shiplabel::Options::default())?;
/// std::fs::write(std::env::temp_dir().join("two-labels.pdf"), &pdf)?;
/// # Ok(()) }
/// ```
pub fn render_pdf(labels: &[ValidLabel], options: &Options) -> Result<Vec<u8>, RenderError> {
    if labels.is_empty() {
        return Err(RenderError::NoLabels);
    }
    if labels.len() > MAX_LABELS {
        return Err(RenderError::TooManyLabels {
            count: labels.len(),
            max: MAX_LABELS,
        });
    }
    let mut layouts = Vec::with_capacity(labels.len());
    let mut failures = Vec::new();
    for (index, (label, laid_out)) in labels
        .iter()
        .zip(layout::layout_all(labels, options))
        .enumerate()
    {
        match laid_out {
            Ok(l) => layouts.push(l),
            Err(error) => failures.push(LabelFailure {
                index,
                order: label.order().number().to_string(),
                error,
            }),
        }
    }
    if !failures.is_empty() {
        return Err(RenderError::Layout(failures));
    }
    render::writer::write_pdf(&layouts, options)
}

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
