//! The input: an order as it arrives from an order-management system, before validation.
//!
//! These types mirror the JSON format one to one (see the crate README). Unknown fields are
//! rejected by serde, so a typo such as `postcod` is an error instead of a silently missing
//! postcode. Nothing here checks values: [`Label::validate`] does, and turns a `Label` into a
//! [`ValidLabel`](crate::ValidLabel).

use serde::{Deserialize, Serialize};

/// One shipping label's worth of input: the order, who receives it, and who sends it.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let json = r#"{
///   "order": {"number": "TT-2026-000123"},
///   "recipient": {"name": "Oliver Smith",
///     "address": {"lines": ["221B Baker Street"], "city": "London", "postcode": "NW1 6XE", "country": "GB"}},
///   "seller": {"name": "Atelier Lumière SARL",
///     "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}
/// }"#;
/// let label: shiplabel::Label = serde_json::from_str(json)?;
/// assert_eq!(label.recipient.address.country, "GB");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// The order the parcel belongs to.
    pub order: Order,
    /// Who the parcel goes to.
    pub recipient: Party,
    /// Who sends it: the seller's full name and address.
    pub seller: Party,
}

/// The order: its number, and the shipment details printed beside the QR code.
///
/// ```
/// let order = shiplabel::Order { number: "TT-2026-000123".into(), ..Default::default() };
/// assert!(order.tracking.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// The order number: 1–48 printable ASCII characters, encoded in the Code 128.
    pub number: String,
    /// The carrier's tracking number, if one was issued (UPU S10 numbers are check-digit
    /// verified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// The carrier's name, e.g. `Royal Mail`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    /// The carrier's service, e.g. `International Tracked`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The parcel's weight in grams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_grams: Option<u32>,
}

/// A person or business with a postal address: the recipient or the seller.
///
/// ```
/// let party = shiplabel::Party {
///     name: "Emily Johnson".into(),
///     company: Some("Johnson Design LLC".into()),
///     phone: None,
///     address: shiplabel::Address {
///         lines: vec!["1600 Amphitheatre Parkway".into()],
///         city: Some("Mountain View".into()),
///         region: Some("CA".into()),
///         postcode: Some("94043".into()),
///         country: "US".into(),
///         ..Default::default()
///     },
/// };
/// assert_eq!(party.address.lines.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The person's (or business's) name.
    pub name: String,
    /// A company or organisation, printed under the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// A phone number for the carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The postal address.
    pub address: Address,
}

/// A postal address in the fields the world's posts use (Google's address data model).
///
/// Which fields a country requires, and in which order they are printed, depends on
/// `country`.
///
/// ```
/// let address = shiplabel::Address {
///     lines: vec!["Schönhauser Allee 36".into()],
///     city: Some("Berlin".into()),
///     postcode: Some("10435".into()),
///     country: "DE".into(),
///     ..Default::default()
/// };
/// assert!(address.region.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street address lines: street and number, building, flat. At least one.
    pub lines: Vec<String>,
    /// City, town or post town.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Dependent locality: a district or neighbourhood within the city, where a country uses
    /// one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_area: Option<String>,
    /// State, province, prefecture or emirate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code, where the country uses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// Sorting code (CEDEX-style), where the country uses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sorting_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. `GB` (case-insensitive).
    pub country: String,
}

impl Label {
    /// A complete, valid example: a parcel from a Shenzhen seller to London, with a Royal
    /// Mail S10 tracking number. `cargo run --example label` prints it.
    ///
    /// ```
    /// let label = shiplabel::Label::sample();
    /// assert_eq!(label.order.number, "TT-2026-000123");
    /// assert!(label.validate().is_ok());
    /// ```
    pub fn sample() -> Label {
        let s = |v: &str| Some(v.to_owned());
        Label {
            order: Order {
                number: "TT-2026-000123".into(),
                tracking: s("RR473124829GB"),
                carrier: s("Royal Mail"),
                service: s("International Tracked"),
                weight_grams: Some(420),
            },
            recipient: Party {
                name: "Oliver Smith".into(),
                company: None,
                phone: s("+44 20 7946 0018"),
                address: Address {
                    lines: vec!["Flat 4, 221 Baker Street".into()],
                    city: s("London"),
                    postcode: s("NW1 6XE"),
                    country: "GB".into(),
                    ..Address::default()
                },
            },
            seller: Party {
                name: "Shenzhen Bright Home Co., Ltd.".into(),
                company: None,
                phone: None,
                address: Address {
                    lines: vec![
                        "Room 1203, Building A, Tianan Cyber Park".into(),
                        "Futian District".into(),
                    ],
                    city: s("Shenzhen Shi"),
                    region: s("Guangdong Sheng"),
                    postcode: s("518040"),
                    country: "CN".into(),
                    ..Address::default()
                },
            },
        }
    }
}
