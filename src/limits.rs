//! The largest input shiplabel accepts, every limit in one place.
//!
//! Order data comes from spreadsheets, marketplace exports and web forms. Each limit is
//! checked before any work or allocation that grows with the input, and going over one is
//! an error that names the field (or the batch) and the limit; nothing is ever cut short.
//!
//! | input | limit |
//! | --- | --- |
//! | a free-text field (name, company, phone, address line, city, region, …, carrier, service) | [`MAX_TEXT_CHARS`] characters, after trimming and collapsing white space |
//! | `address.lines` | [`MAX_ADDRESS_LINES`] lines |
//! | `address.postcode` | [`MAX_POSTCODE_CHARS`] characters, trimmed |
//! | `address.country` | [`MAX_TEXT_CHARS`] characters, trimmed (a code has two) |
//! | `order.number` | [`OrderNumber::MAX_LEN`](crate::OrderNumber::MAX_LEN) characters |
//! | `order.tracking` | [`TrackingNumber::MAX_LEN`](crate::TrackingNumber::MAX_LEN) characters |
//! | `order.weight_grams` | 1 to 4,294,967,295 (a `u32`) |
//! | labels in one call ([`render_pdf`](crate::render_pdf), [`render_batch`](crate::render_batch)) | [`MAX_LABELS`] |
//! | JSON read by the `label` example | [`MAX_JSON_BYTES`] bytes |
//! | orders in one input of the `label` example | [`MAX_ORDERS`] |

/// The most characters a free-text field may have (name, company, phone, address line,
/// city, city area, region, sorting code, carrier, service), counted after trimming,
/// collapsing runs of white space and composing (Unicode NFC).
///
/// ```
/// let mut label = shiplabel::Label::sample();
/// label.recipient.name = "A".repeat(shiplabel::MAX_TEXT_CHARS + 1);
/// let errors = label.validate().unwrap_err();
/// assert_eq!(errors.to_string(), "recipient.name: is 201 characters long; at most 200 are allowed");
/// ```
pub const MAX_TEXT_CHARS: usize = 200;

/// The most street lines an address may have (blank ones included).
///
/// ```
/// let mut label = shiplabel::Label::sample();
/// label.recipient.address.lines = vec!["x".into(); shiplabel::MAX_ADDRESS_LINES + 1];
/// let errors = label.validate().unwrap_err();
/// assert_eq!(errors.iter().next().unwrap().kind(), shiplabel::ErrorKind::TooMany);
/// ```
pub const MAX_ADDRESS_LINES: usize = 6;

/// The most items one customs declaration may list (a CN23 continues over pages; a CN22
/// holds as many as its label has room for).
///
/// ```
/// let mut label = shiplabel::Label::sample_international();
/// let customs = label.customs.as_mut().unwrap();
/// customs.items = vec![customs.items[0].clone(); shiplabel::MAX_CUSTOMS_ITEMS + 1];
/// let errors = label.validate().unwrap_err();
/// assert_eq!(errors.iter().next().unwrap().field(), "customs.items");
/// ```
pub const MAX_CUSTOMS_ITEMS: usize = 100;

/// The most tax ids one customs declaration may carry (an IOSS or VOEC number, an EORI, a
/// VAT number: a form has room for a few).
///
/// ```
/// let mut label = shiplabel::Label::sample_international();
/// let customs = label.customs.as_mut().unwrap();
/// customs.tax_ids = vec![customs.tax_ids[0].clone(); shiplabel::MAX_TAX_IDS + 1];
/// let errors = label.validate().unwrap_err();
/// assert_eq!(errors.iter().next().unwrap().field(), "customs.tax_ids");
/// ```
pub const MAX_TAX_IDS: usize = 4;

/// The most characters a postcode may have, trimmed (the longest the world's posts use is
/// 10, such as a US ZIP+4 `94043-1234`; the rest is room for stray separators).
///
/// ```
/// let mut label = shiplabel::Label::sample();
/// label.recipient.address.postcode = Some("NW1 6XE".repeat(3));
/// let errors = label.validate().unwrap_err();
/// assert_eq!(
///     errors.to_string(),
///     "recipient.address.postcode: is 21 characters long; at most 20 are allowed"
/// );
/// ```
pub const MAX_POSTCODE_CHARS: usize = 20;

/// The most labels one call prints: [`render_pdf`](crate::render_pdf) and
/// [`render_batch`](crate::render_batch) refuse more (they lay out every label before
/// writing any, so that nothing is printed unless all can be, and return the PDF in
/// memory). [`PdfWriter`](crate::PdfWriter) streams any number.
///
/// ```
/// let label = shiplabel::Label::sample().validate()?;
/// let labels = vec![label; shiplabel::MAX_LABELS + 1];
/// let err = shiplabel::render_pdf(&labels, &shiplabel::Options::default()).unwrap_err();
/// assert_eq!(err.to_string(), "1001 labels in one call; at most 1000 are allowed");
/// # Ok::<(), shiplabel::ValidationErrors>(())
/// ```
pub const MAX_LABELS: usize = 1000;

/// The most bytes of JSON the `label` example reads (16 MiB): a thousand orders take about
/// half a megabyte. A program that parses orders itself should bound its input the same way, before
/// parsing it.
///
/// ```
/// assert_eq!(shiplabel::MAX_JSON_BYTES, 16 * 1024 * 1024);
/// ```
pub const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;

/// The most orders the `label` example reads from one input (one array, or JSON Lines),
/// counted as the input is split, before any is parsed: with [`MAX_JSON_BYTES`] it bounds
/// the run's memory (the orders are kept as references into the input, about 16 bytes each,
/// and a rejected one's problems as a few hundred bytes; the labels printed stream). A real
/// order takes 200 bytes or more of JSON, so the byte limit comes first for real exports;
/// this one stops a file of millions of tiny values (`0` per line) early. A program that
/// reads orders itself should bound their number the same way.
///
/// ```
/// assert_eq!(shiplabel::MAX_ORDERS, 100_000);
/// ```
pub const MAX_ORDERS: usize = 100_000;
