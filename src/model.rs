//! The input: an order as it arrives from an order-management system, before validation.
//!
//! These types mirror the JSON format one to one (see the crate README). Each is read from a
//! JSON object only, with every field at most once: an unknown field (a typo such as
//! `postcod`) is an error instead of a silently missing postcode, a repeated one is an error
//! instead of a silently chosen value, and the fields written as an array in declaration
//! order (serde's positional form, `[order, recipient, seller]`) are refused instead of
//! trusted to be in that order. Nothing here checks values: [`Label::validate`] does, and turns a `Label` into a
//! [`ValidLabel`](crate::ValidLabel).

#[cfg(feature = "serde")]
use serde::Serialize;

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
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Label {
    /// The order the parcel belongs to.
    pub order: Order,
    /// Who the parcel goes to.
    pub recipient: Party,
    /// Who sends it: the seller's full name and address.
    pub seller: Party,
    /// The customs declaration (CN22 or CN23) of a parcel that crosses a border, printed
    /// after the label; `None` for a domestic parcel.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub customs: Option<Customs>,
}

/// The order: its number, and the shipment details printed beside the QR code.
///
/// ```
/// let order = shiplabel::Order::new("TT-2026-000123");
/// assert!(order.tracking.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Order {
    /// The order number: 1–48 printable ASCII characters, encoded in the Code 128.
    pub number: String,
    /// The carrier's tracking number, if one was issued (UPU S10 numbers are check-digit
    /// verified).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub tracking: Option<String>,
    /// The carrier's name, e.g. `Royal Mail`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub carrier: Option<String>,
    /// The carrier's service, e.g. `International Tracked`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub service: Option<String>,
    /// The parcel's weight in grams.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub weight_grams: Option<u32>,
}

/// A person or business with a postal address: the recipient or the seller.
///
/// ```
/// use shiplabel::{Address, Party};
/// let party = Party::new(
///     "Emily Johnson",
///     Address::new("US", ["1600 Amphitheatre Parkway"])
///         .with_city("Mountain View")
///         .with_region("CA")
///         .with_postcode("94043"),
/// )
/// .with_company("Johnson Design LLC");
/// assert_eq!(party.address.lines.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Party {
    /// The person's (or business's) name.
    pub name: String,
    /// A company or organisation, printed under the name.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub company: Option<String>,
    /// A phone number for the carrier.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
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
/// let address = shiplabel::Address::new("DE", ["Schönhauser Allee 36"])
///     .with_city("Berlin")
///     .with_postcode("10435");
/// assert!(address.region.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Address {
    /// Street address lines: street and number, building, flat. At least one.
    pub lines: Vec<String>,
    /// City, town or post town.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub city: Option<String>,
    /// Dependent locality: a district or neighbourhood within the city, where a country uses
    /// one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub city_area: Option<String>,
    /// State, province, prefecture or emirate.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub region: Option<String>,
    /// Postal code, where the country uses one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub postcode: Option<String>,
    /// Sorting code (CEDEX-style), where the country uses one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub sorting_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. `GB` (case-insensitive).
    pub country: String,
}

/// A customs declaration (UPU CN22 or CN23) for a parcel that crosses a border, as it
/// arrives: every value is checked by [`Label::validate`], which chooses the form and totals
/// the items.
///
/// Money is a decimal string (`"24.00"`), never a float; currencies are ISO 4217 codes.
///
/// ```
/// use shiplabel::{Customs, CustomsItem, Label};
/// let item = CustomsItem::new("Cotton T-shirt, men's", 2, 300, "24.00", "USD", "610910", "CN");
/// let customs = Customs::new("merchandise", vec![item], "Li Wei", "2026-12-01")
///     .with_value_sdr("25.40")
///     .with_non_delivery("return");
/// let label = Label::sample().with_customs(customs);
/// let valid = label.validate()?;
/// assert_eq!(valid.customs().unwrap().form(), shiplabel::CustomsForm::Cn22);
/// # Ok::<(), shiplabel::ValidationErrors>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Customs {
    /// `cn22`, `cn23` or `auto` (the default: CN22 under 300 SDR, else CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub form: Option<String>,
    /// The declared value in Special Drawing Rights, as a decimal string: `auto` needs it
    /// (the caller knows today's exchange rate; the crate does not).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub value_sdr: Option<String>,
    /// `gift`, `documents`, `sample`, `returned_goods`, `merchandise` or `other`.
    pub contents: String,
    /// What the contents are, required when `contents` is `other`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub explanation: Option<String>,
    /// What the post does if the parcel cannot be delivered: `return` or `abandon`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub non_delivery: Option<String>,
    /// The items, at least one.
    pub items: Vec<CustomsItem>,
    /// The commercial invoice's number (CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub invoice: Option<String>,
    /// An export or import licence's number (CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub licence: Option<String>,
    /// A certificate's number: origin, health, phytosanitary (CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub certificate: Option<String>,
    /// The sender's customs reference (CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub exporter_reference: Option<String>,
    /// The importer's reference: a tax code, VAT number (CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub importer_reference: Option<String>,
    /// The importer's telephone, fax or e-mail (CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub importer_contact: Option<String>,
    /// Tax identifiers: the seller's IOSS number for EU consignments of €150 or less, an
    /// EORI, Norway's VOEC, a VAT number.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub tax_ids: Vec<TaxId>,
    /// Postage and fees paid, a decimal string in the items' currency (CN23).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub postage: Option<String>,
    /// Who signs the declaration.
    pub signer: String,
    /// The date of signing, `YYYY-MM-DD`.
    pub date: String,
}

/// One line of a customs declaration.
///
/// ```
/// let item = shiplabel::CustomsItem::new("Ceramic coffee mug", 1, 350, "12.50", "EUR", "6912.00", "CN");
/// assert_eq!(item.quantity, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct CustomsItem {
    /// What it is, specifically: "Cotton T-shirt, men's", not "clothes".
    pub description: String,
    /// How many, at least 1.
    pub quantity: u32,
    /// The net weight of all of them, in grams, at least 1.
    pub weight_grams: u32,
    /// The value of all of them, a decimal string with at most the currency's minor digits.
    pub value: String,
    /// The ISO 4217 code of `value`, e.g. `USD`; one currency per declaration.
    pub currency: String,
    /// The Harmonized System code, 6 to 10 digits (dots and spaces allowed).
    pub hs_code: String,
    /// The ISO 3166-1 alpha-2 code of the country of origin.
    pub origin_country: String,
}

/// A tax identifier on a customs declaration.
///
/// ```
/// let ioss = shiplabel::TaxId::new("ioss", "IM2760000742");
/// assert_eq!(ioss.kind, "ioss");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct TaxId {
    /// `ioss`, `eori`, `voec`, `vat` or `other`.
    pub kind: String,
    /// The identifier.
    pub id: String,
}

impl Label {
    /// A label for `order`, from `seller` to `recipient`, without a customs declaration
    /// ([`Label::with_customs`] adds one).
    ///
    /// ```
    /// use shiplabel::{Address, Label, Order, Party};
    /// let label = Label::new(
    ///     Order::new("TT-2026-000123").with_tracking("RR473124829GB"),
    ///     Party::new("Oliver Smith", Address::new("GB", ["Flat 4, 221 Baker Street"])
    ///         .with_city("London")
    ///         .with_postcode("NW1 6XE")),
    ///     Party::new("Atelier Lumière", Address::new("FR", ["5 quai Saint-Antoine"])
    ///         .with_city("Lyon")
    ///         .with_postcode("69002")),
    /// );
    /// assert!(label.validate().is_ok());
    /// ```
    ///
    /// A builder whose result is dropped is a mistake the compiler points out:
    ///
    /// ```compile_fail
    /// #![deny(unused_must_use)]
    /// let order = shiplabel::Order::new("TT-1");
    /// order.with_tracking("RR473124829GB"); // the order with the number is thrown away
    /// ```
    #[must_use]
    pub fn new(order: Order, recipient: Party, seller: Party) -> Label {
        Label {
            order,
            recipient,
            seller,
            customs: None,
        }
    }

    /// This label, with `customs` as its declaration.
    ///
    /// ```
    /// let with = shiplabel::Label::sample().with_customs(
    ///     shiplabel::Label::sample_international().customs.unwrap(),
    /// );
    /// assert!(with.customs.is_some());
    /// ```
    #[must_use]
    pub fn with_customs(mut self, customs: Customs) -> Label {
        self.customs = Some(customs);
        self
    }
}

impl Order {
    /// An order numbered `number`, with nothing else yet.
    ///
    /// ```
    /// assert_eq!(shiplabel::Order::new("TT-1").number, "TT-1");
    /// ```
    #[must_use]
    pub fn new(number: impl Into<String>) -> Order {
        Order {
            number: number.into(),
            ..Order::default()
        }
    }

    /// This order, with the carrier's tracking number.
    ///
    /// ```
    /// let order = shiplabel::Order::new("TT-1").with_tracking("RR473124829GB");
    /// assert_eq!(order.tracking.as_deref(), Some("RR473124829GB"));
    /// ```
    #[must_use]
    pub fn with_tracking(mut self, tracking: impl Into<String>) -> Order {
        self.tracking = Some(tracking.into());
        self
    }

    /// This order, with the carrier's name.
    ///
    /// ```
    /// let order = shiplabel::Order::new("TT-1").with_carrier("Royal Mail");
    /// assert_eq!(order.carrier.as_deref(), Some("Royal Mail"));
    /// ```
    #[must_use]
    pub fn with_carrier(mut self, carrier: impl Into<String>) -> Order {
        self.carrier = Some(carrier.into());
        self
    }

    /// This order, with the carrier's service.
    ///
    /// ```
    /// let order = shiplabel::Order::new("TT-1").with_service("International Tracked");
    /// assert_eq!(order.service.as_deref(), Some("International Tracked"));
    /// ```
    #[must_use]
    pub fn with_service(mut self, service: impl Into<String>) -> Order {
        self.service = Some(service.into());
        self
    }

    /// This order, with the parcel's weight in grams.
    ///
    /// ```
    /// assert_eq!(shiplabel::Order::new("TT-1").with_weight_grams(420).weight_grams, Some(420));
    /// ```
    #[must_use]
    pub fn with_weight_grams(mut self, grams: u32) -> Order {
        self.weight_grams = Some(grams);
        self
    }
}

impl Party {
    /// `name` at `address`.
    ///
    /// ```
    /// let party = shiplabel::Party::new("Oliver Smith", shiplabel::Address::new("GB", ["221B Baker Street"]));
    /// assert_eq!(party.name, "Oliver Smith");
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>, address: Address) -> Party {
        Party {
            name: name.into(),
            company: None,
            phone: None,
            address,
        }
    }

    /// This party, with a company, printed under the name.
    ///
    /// ```
    /// # let party = shiplabel::Party::new("Emily Johnson", shiplabel::Address::new("US", ["1 Main St"]));
    /// let party = party.with_company("Johnson Design LLC");
    /// assert_eq!(party.company.as_deref(), Some("Johnson Design LLC"));
    /// ```
    #[must_use]
    pub fn with_company(mut self, company: impl Into<String>) -> Party {
        self.company = Some(company.into());
        self
    }

    /// This party, with a phone number for the carrier.
    ///
    /// ```
    /// # let party = shiplabel::Party::new("Oliver Smith", shiplabel::Address::new("GB", ["221B Baker Street"]));
    /// let party = party.with_phone("+44 20 7946 0018");
    /// assert!(party.phone.is_some());
    /// ```
    #[must_use]
    pub fn with_phone(mut self, phone: impl Into<String>) -> Party {
        self.phone = Some(phone.into());
        self
    }
}

impl Address {
    /// An address in `country` (ISO 3166-1 alpha-2) with its street `lines`.
    ///
    /// ```
    /// let address = shiplabel::Address::new("DE", ["Schönhauser Allee 36"])
    ///     .with_city("Berlin")
    ///     .with_postcode("10435");
    /// assert!(address.validate().is_ok());
    /// ```
    #[must_use]
    pub fn new(
        country: impl Into<String>,
        lines: impl IntoIterator<Item = impl Into<String>>,
    ) -> Address {
        Address {
            lines: lines.into_iter().map(Into::into).collect(),
            country: country.into(),
            ..Address::default()
        }
    }

    /// This address, with its city or post town.
    ///
    /// ```
    /// assert_eq!(shiplabel::Address::new("GB", ["1 High St"]).with_city("York").city.as_deref(), Some("York"));
    /// ```
    #[must_use]
    pub fn with_city(mut self, city: impl Into<String>) -> Address {
        self.city = Some(city.into());
        self
    }

    /// This address, with a district within the city.
    ///
    /// ```
    /// let address = shiplabel::Address::new("CN", ["稠州北路88号"]).with_city_area("义乌市");
    /// assert!(address.city_area.is_some());
    /// ```
    #[must_use]
    pub fn with_city_area(mut self, area: impl Into<String>) -> Address {
        self.city_area = Some(area.into());
        self
    }

    /// This address, with its state, province or prefecture.
    ///
    /// ```
    /// assert_eq!(shiplabel::Address::new("US", ["1 Main St"]).with_region("CA").region.as_deref(), Some("CA"));
    /// ```
    #[must_use]
    pub fn with_region(mut self, region: impl Into<String>) -> Address {
        self.region = Some(region.into());
        self
    }

    /// This address, with its postcode.
    ///
    /// ```
    /// assert!(shiplabel::Address::new("GB", ["1 High St"]).with_postcode("YO1 7HH").postcode.is_some());
    /// ```
    #[must_use]
    pub fn with_postcode(mut self, postcode: impl Into<String>) -> Address {
        self.postcode = Some(postcode.into());
        self
    }

    /// This address, with a sorting code (CEDEX-style).
    ///
    /// ```
    /// assert!(shiplabel::Address::new("FR", ["1 rue X"]).with_sorting_code("CEDEX 07").sorting_code.is_some());
    /// ```
    #[must_use]
    pub fn with_sorting_code(mut self, code: impl Into<String>) -> Address {
        self.sorting_code = Some(code.into());
        self
    }
}

impl CustomsItem {
    /// One line of a declaration: `quantity` of `description` weighing `weight_grams` in
    /// all, worth `value` (a decimal string) in `currency`, of HS code `hs_code`, made in
    /// `origin_country`.
    ///
    /// ```
    /// let item = shiplabel::CustomsItem::new("Ceramic coffee mug", 1, 350, "12.50", "EUR", "691200", "CN");
    /// assert_eq!(item.hs_code, "691200");
    /// ```
    #[must_use]
    pub fn new(
        description: impl Into<String>,
        quantity: u32,
        weight_grams: u32,
        value: impl Into<String>,
        currency: impl Into<String>,
        hs_code: impl Into<String>,
        origin_country: impl Into<String>,
    ) -> CustomsItem {
        CustomsItem {
            description: description.into(),
            quantity,
            weight_grams,
            value: value.into(),
            currency: currency.into(),
            hs_code: hs_code.into(),
            origin_country: origin_country.into(),
        }
    }
}

impl TaxId {
    /// A tax id of `kind` (`ioss`, `eori`, `voec`, `vat`, `other`).
    ///
    /// ```
    /// let ioss = shiplabel::TaxId::new("ioss", "IM2760000742");
    /// assert_eq!(ioss.id, "IM2760000742");
    /// ```
    #[must_use]
    pub fn new(kind: impl Into<String>, id: impl Into<String>) -> TaxId {
        TaxId {
            kind: kind.into(),
            id: id.into(),
        }
    }
}

impl Customs {
    /// A declaration of `items`, of `contents` (`merchandise`, `gift`, …), signed by
    /// `signer` on `date` (`YYYY-MM-DD`); the form chosen by value unless set
    /// ([`Customs::with_value_sdr`], [`Customs::with_form`]).
    ///
    /// ```
    /// use shiplabel::{Customs, CustomsItem};
    /// let customs = Customs::new(
    ///     "merchandise",
    ///     vec![CustomsItem::new("Ceramic coffee mug", 1, 350, "12.50", "EUR", "691200", "CN")],
    ///     "Li Wei",
    ///     "2026-12-01",
    /// )
    /// .with_value_sdr("11.20")
    /// .with_tax_id("ioss", "IM2760000742");
    /// assert_eq!(customs.tax_ids.len(), 1);
    /// ```
    #[must_use]
    pub fn new(
        contents: impl Into<String>,
        items: Vec<CustomsItem>,
        signer: impl Into<String>,
        date: impl Into<String>,
    ) -> Customs {
        Customs {
            contents: contents.into(),
            items,
            signer: signer.into(),
            date: date.into(),
            ..Customs::default()
        }
    }

    /// This declaration on `form`: `cn22`, `cn23` or `auto`.
    ///
    /// ```
    /// # let customs = shiplabel::Label::sample_international().customs.unwrap();
    /// assert_eq!(customs.with_form("cn23").form.as_deref(), Some("cn23"));
    /// ```
    #[must_use]
    pub fn with_form(mut self, form: impl Into<String>) -> Customs {
        self.form = Some(form.into());
        self
    }

    /// This declaration, worth `sdr` Special Drawing Rights (a decimal string).
    ///
    /// ```
    /// # let customs = shiplabel::Label::sample_international().customs.unwrap();
    /// assert_eq!(customs.with_value_sdr("40").value_sdr.as_deref(), Some("40"));
    /// ```
    #[must_use]
    pub fn with_value_sdr(mut self, sdr: impl Into<String>) -> Customs {
        self.value_sdr = Some(sdr.into());
        self
    }

    /// This declaration, with what to do if the parcel cannot be delivered: `return` or
    /// `abandon`.
    ///
    /// ```
    /// # let customs = shiplabel::Label::sample_international().customs.unwrap();
    /// assert_eq!(customs.with_non_delivery("abandon").non_delivery.as_deref(), Some("abandon"));
    /// ```
    #[must_use]
    pub fn with_non_delivery(mut self, instruction: impl Into<String>) -> Customs {
        self.non_delivery = Some(instruction.into());
        self
    }

    /// This declaration, with one more tax id (`ioss`, `eori`, `voec`, `vat`, `other`).
    ///
    /// ```
    /// # let customs = shiplabel::Label::sample_international().customs.unwrap();
    /// assert_eq!(customs.with_tax_id("eori", "DE123456789012345").tax_ids.len(), 2);
    /// ```
    #[must_use]
    pub fn with_tax_id(mut self, kind: impl Into<String>, id: impl Into<String>) -> Customs {
        self.tax_ids.push(TaxId::new(kind, id));
        self
    }
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
            customs: None,
        }
    }

    /// A complete, valid cross-border example with a customs declaration: a Shenzhen
    /// seller's parcel of two items to Berlin, declared on a CN22 with the seller's IOSS
    /// number (an EU consignment of goods under €150).
    ///
    /// ```
    /// let label = shiplabel::Label::sample_international();
    /// let valid = label.validate()?;
    /// assert_eq!(valid.customs().unwrap().total_value().to_string(), "36.50 EUR");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn sample_international() -> Label {
        let s = |v: &str| Some(v.to_owned());
        let item =
            |description: &str, quantity, weight_grams, value: &str, hs_code: &str| CustomsItem {
                description: description.into(),
                quantity,
                weight_grams,
                value: value.into(),
                currency: "EUR".into(),
                hs_code: hs_code.into(),
                origin_country: "CN".into(),
            };
        Label {
            order: Order {
                number: "TT-2026-000456".into(),
                tracking: s("LX123456785CN"),
                carrier: s("China Post"),
                service: s("ePacket"),
                weight_grams: Some(800),
            },
            recipient: Party {
                name: "Anna Schmidt".into(),
                company: None,
                phone: s("+49 30 901820"),
                address: Address {
                    lines: vec!["Schönhauser Allee 36".into()],
                    city: s("Berlin"),
                    postcode: s("10435"),
                    country: "DE".into(),
                    ..Address::default()
                },
            },
            customs: Some(Customs {
                form: None,
                value_sdr: s("33.40"),
                contents: "merchandise".into(),
                non_delivery: s("return"),
                items: vec![
                    item("Cotton T-shirt, men's", 2, 300, "24.00", "610910"),
                    item("Ceramic coffee mug", 1, 350, "12.50", "6912.00.00"),
                ],
                invoice: s("INV-2026-0042"),
                tax_ids: vec![TaxId {
                    kind: "ioss".into(),
                    id: "IM2760000742".into(),
                }],
                postage: s("6.90"),
                signer: "Li Wei".into(),
                date: "2026-12-01".into(),
                ..Customs::default()
            }),
            ..Label::sample()
        }
    }
}

/// Reading the order types from JSON (feature `serde`): each from an object only, every
/// field at most once, no unknown field.
#[cfg(feature = "serde")]
mod de {
    use std::fmt;

    use serde::Deserialize;
    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Deserializer, MapAccess, Visitor};

    use super::{Address, Customs, CustomsItem, Label, Order, Party, TaxId};

    /// `Deserialize` for a model type `$ty` that reads a JSON object (a map) and nothing
    /// else, through `$def`, its field-for-field mirror: serde's derived impl would also
    /// read the fields as an array in declaration order, which no order-management system
    /// means.
    macro_rules! from_object_only {
        ($ty:ident, $def:ident, $expecting:literal) => {
            impl<'de> Deserialize<'de> for $ty {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    struct ObjectVisitor;
                    impl<'de> Visitor<'de> for ObjectVisitor {
                        type Value = $ty;
                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str($expecting)
                        }
                        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                            $def::deserialize(MapAccessDeserializer::new(map))
                        }
                    }
                    deserializer.deserialize_map(ObjectVisitor)
                }
            }
        };
    }

    from_object_only!(
        Label,
        LabelDef,
        "an object with `order`, `recipient` and `seller`"
    );
    from_object_only!(Order, OrderDef, "an object with the order's `number`");
    from_object_only!(Party, PartyDef, "an object with `name` and `address`");
    from_object_only!(
        Customs,
        CustomsDef,
        "an object with the declaration's `contents`, `items`, `signer` and `date`"
    );
    from_object_only!(
        CustomsItem,
        CustomsItemDef,
        "an object with the item's `description`, `quantity`, `weight_grams`, `value`, `currency`, `hs_code` and `origin_country`"
    );
    from_object_only!(TaxId, TaxIdDef, "an object with `kind` and `id`");
    from_object_only!(Address, AddressDef, "an object with `lines` and `country`");

    // The mirrors: serde derives each field's reading here (`remote` builds the public type
    // from them, so the compiler checks that no field is missing or extra). Unknown and repeated
    // fields are errors.

    #[derive(Deserialize)]
    #[serde(remote = "Label", deny_unknown_fields)]
    struct LabelDef {
        order: Order,
        recipient: Party,
        seller: Party,
        #[serde(default)]
        customs: Option<Customs>,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Order", deny_unknown_fields)]
    struct OrderDef {
        number: String,
        #[serde(default)]
        tracking: Option<String>,
        #[serde(default)]
        carrier: Option<String>,
        #[serde(default)]
        service: Option<String>,
        #[serde(default)]
        weight_grams: Option<u32>,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Customs", deny_unknown_fields)]
    struct CustomsDef {
        #[serde(default)]
        form: Option<String>,
        #[serde(default)]
        value_sdr: Option<String>,
        contents: String,
        #[serde(default)]
        explanation: Option<String>,
        #[serde(default)]
        non_delivery: Option<String>,
        items: Vec<CustomsItem>,
        #[serde(default)]
        invoice: Option<String>,
        #[serde(default)]
        licence: Option<String>,
        #[serde(default)]
        certificate: Option<String>,
        #[serde(default)]
        exporter_reference: Option<String>,
        #[serde(default)]
        importer_reference: Option<String>,
        #[serde(default)]
        importer_contact: Option<String>,
        #[serde(default)]
        tax_ids: Vec<TaxId>,
        #[serde(default)]
        postage: Option<String>,
        signer: String,
        date: String,
    }

    #[derive(Deserialize)]
    #[serde(remote = "CustomsItem", deny_unknown_fields)]
    struct CustomsItemDef {
        description: String,
        quantity: u32,
        weight_grams: u32,
        value: String,
        currency: String,
        hs_code: String,
        origin_country: String,
    }

    #[derive(Deserialize)]
    #[serde(remote = "TaxId", deny_unknown_fields)]
    struct TaxIdDef {
        kind: String,
        id: String,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Party", deny_unknown_fields)]
    struct PartyDef {
        name: String,
        #[serde(default)]
        company: Option<String>,
        #[serde(default)]
        phone: Option<String>,
        address: Address,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Address", deny_unknown_fields)]
    struct AddressDef {
        lines: Vec<String>,
        #[serde(default)]
        city: Option<String>,
        #[serde(default)]
        city_area: Option<String>,
        #[serde(default)]
        region: Option<String>,
        #[serde(default)]
        postcode: Option<String>,
        #[serde(default)]
        sorting_code: Option<String>,
        country: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_json() -> String {
        serde_json::to_string(&Label::sample()).unwrap()
    }

    #[test]
    fn an_object_reads_back_as_it_was_written() {
        let label: Label = serde_json::from_str(&sample_json()).unwrap();
        assert_eq!(label, Label::sample());
    }

    #[test]
    fn fields_as_an_array_are_refused_at_every_level() {
        let sample = Label::sample();
        let order = serde_json::to_string(&sample.order).unwrap();
        let seller = serde_json::to_string(&sample.seller).unwrap();
        let recipient = serde_json::to_string(&sample.recipient).unwrap();
        // The seller first: serde's positional form would print it under SHIP TO.
        let positional = format!("[{order}, {seller}, {recipient}]");
        let err = serde_json::from_str::<Label>(&positional).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: sequence, expected an object with `order`, `recipient` and `seller` at line 1 column 0"
        );
        let nested = sample_json().replace(
            &serde_json::to_string(&sample.recipient.address).unwrap(),
            r#"[["221 Baker Street"], "London", null, null, "NW1 6XE", null, "GB"]"#,
        );
        let err = serde_json::from_str::<Label>(&nested).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "invalid type: sequence, expected an object with `lines` and `country`"
            ),
            "{err}"
        );
        let order = serde_json::from_str::<Order>(r#"["TT-1"]"#).unwrap_err();
        assert!(
            order
                .to_string()
                .contains("expected an object with the order's `number`")
        );
        let party = serde_json::from_str::<Party>(r#"["Ann", null, null, {}]"#).unwrap_err();
        assert!(
            party
                .to_string()
                .contains("expected an object with `name` and `address`")
        );
    }

    #[test]
    fn a_repeated_field_is_refused_not_chosen() {
        let json = sample_json().replace(
            r#""postcode":"NW1 6XE""#,
            r#""postcode":"XXX","postcode":"NW1 6XE""#,
        );
        let err = serde_json::from_str::<Label>(&json).unwrap_err();
        assert!(
            err.to_string().starts_with("duplicate field `postcode`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_fields_are_refused_and_optional_ones_may_be_left_out() {
        let json = sample_json().replace(r#""postcode":"#, r#""postcod":"#);
        let err = serde_json::from_str::<Label>(&json).unwrap_err();
        assert!(
            err.to_string().starts_with("unknown field `postcod`"),
            "{err}"
        );
        let order: Order = serde_json::from_str(r#"{"number": "TT-1"}"#).unwrap();
        assert_eq!(
            order,
            Order {
                number: "TT-1".into(),
                ..Order::default()
            }
        );
    }
}
