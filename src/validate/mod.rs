//! Validation: turns a raw [`Label`] into a [`ValidLabel`], or reports every problem at once.
//!
//! "Parse, don't validate": layout and rendering accept only a `ValidLabel`, so a label that
//! failed a rule cannot be printed by mistake.

#[cfg(test)]
mod country_tests;
mod currency;
mod customs;
mod error;
mod fields;
mod path;
#[cfg(test)]
mod seller_tests;
mod text;

pub use currency::{Currency, Money};
pub use customs::{
    Contents, CustomsForm, NonDelivery, TaxIdKind, ValidCustoms, ValidItem, ValidTaxId,
};
pub use error::{ErrorKind, UnknownErrorCode, ValidationError, ValidationErrors};
pub use fields::{CountryCode, OrderNumber, Postcode, TrackingNumber};

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use crate::address::{self, Field, FormattedLine, Parts, PlaceProblem};
use crate::last_met::LastMet;
use crate::limits::MAX_ADDRESS_LINES;
use crate::model::{Address, Customs, Label, Order, Party};
use path::{FieldPath, join};

/// A label whose every field passed validation, normalised for printing.
///
/// Built only by [`Label::validate`].
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let json = r#"{"order": {"number": " TT-2026-000123 "},
/// #   "recipient": {"name": "  Oliver   Smith", "address": {"lines": ["221B Baker Street"], "city": "London", "postcode": "nw1 6xe", "country": "gb"}},
/// #   "seller": {"name": "Atelier Lumière SARL", "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}}"#;
/// let label: shiplabel::Label = serde_json::from_str(json)?;
/// let valid = label.validate()?;
/// assert_eq!(valid.order().number().as_str(), "TT-2026-000123");
/// assert_eq!(valid.recipient().name(), "Oliver Smith");
/// assert_eq!(valid.recipient().address().postcode().map(|p| p.as_str()), Some("NW1 6XE"));
/// assert_eq!(valid.recipient().address().country().as_str(), "GB");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLabel {
    order: ValidOrder,
    recipient: ValidParty,
    seller: ValidParty,
    customs: Option<ValidCustoms>,
}

impl From<&ValidLabel> for Label {
    /// The order as validated: every field in its checked form (trimmed, the postcode and
    /// country code as printed), which validates to the same label again.
    ///
    /// ```
    /// use shiplabel::Label;
    /// let valid = Label::sample().validate().unwrap();
    /// let label = Label::from(&valid);
    /// assert_eq!(label.validate().unwrap(), valid);
    /// ```
    fn from(valid: &ValidLabel) -> Label {
        let party = |p: &ValidParty| Party {
            name: p.0.name.clone(),
            company: p.0.company.clone(),
            phone: p.0.phone.clone(),
            address: Address {
                lines: p.0.address.lines.clone(),
                city: p.0.address.city.clone(),
                city_area: p.0.address.city_area.clone(),
                region: p.0.address.region.clone(),
                postcode: p.0.address.postcode.as_ref().map(|c| c.as_str().to_owned()),
                sorting_code: p.0.address.sorting_code.clone(),
                country: p.0.address.country.as_str().to_owned(),
            },
        };
        let o = &valid.order;
        Label {
            order: Order {
                number: o.number.as_str().to_owned(),
                tracking: o.tracking.as_ref().map(|t| t.as_str().to_owned()),
                carrier: o.carrier.clone(),
                service: o.service.clone(),
                weight_grams: o.weight_grams,
            },
            recipient: party(&valid.recipient),
            seller: party(&valid.seller),
            customs: valid.customs.as_ref().map(Customs::from),
        }
    }
}

impl From<ValidLabel> for Label {
    /// As [`From<&ValidLabel>`](#impl-From%3C%26ValidLabel%3E-for-Label).
    ///
    /// ```
    /// let valid = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(shiplabel::Label::from(valid).order.number, "TT-2026-000123");
    /// ```
    fn from(valid: ValidLabel) -> Label {
        Label::from(&valid)
    }
}

impl ValidLabel {
    /// The order.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert!(!label.order().number().as_str().is_empty());
    /// ```
    pub fn order(&self) -> &ValidOrder {
        &self.order
    }

    /// The recipient.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert!(!label.recipient().name().is_empty());
    /// ```
    pub fn recipient(&self) -> &ValidParty {
        &self.recipient
    }

    /// The seller (sender).
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert!(!label.seller().name().is_empty());
    /// ```
    pub fn seller(&self) -> &ValidParty {
        &self.seller
    }

    /// The customs declaration, when the order has one.
    ///
    /// ```
    /// assert!(shiplabel::Label::sample().validate()?.customs().is_none());
    /// let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items().len(), 2);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn customs(&self) -> Option<&ValidCustoms> {
        self.customs.as_ref()
    }
}

/// A validated order.
///
/// ```
/// # let label = shiplabel::Label::sample().validate().unwrap();
/// let order = label.order();
/// assert_eq!(order.tracking().map(|t| t.as_str()), Some("RR473124829GB"));
/// assert_eq!(order.weight_grams(), Some(420));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOrder {
    number: OrderNumber,
    tracking: Option<TrackingNumber>,
    carrier: Option<String>,
    service: Option<String>,
    weight_grams: Option<u32>,
}

impl ValidOrder {
    /// The order number.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.order().number().as_str(), "TT-2026-000123");
    /// ```
    pub fn number(&self) -> &OrderNumber {
        &self.number
    }

    /// The tracking number, if any.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert!(label.order().tracking().is_some());
    /// ```
    pub fn tracking(&self) -> Option<&TrackingNumber> {
        self.tracking.as_ref()
    }

    /// The carrier's name as the label prints it. For a carrier the crate knows: its name as
    /// the carrier spells it, followed by what the seller wrote after the name, the service
    /// (`UPS` for `ups`, `UPS Ground` for `ups ground`, `FedEx Home Delivery`, `Royal Mail
    /// Tracked 48`): a sorter matches the carrier's own spelling, and the service says which
    /// network or stream the parcel goes to. A carrier the crate does not know: as given.
    /// With none named: the carrier found from the tracking number, if any.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.order().carrier(), Some("Royal Mail"));
    /// let mut label = shiplabel::Label::sample();
    /// label.order.carrier = None;
    /// label.order.tracking = Some("1Z 5R8 939 03 5756 7127".into());
    /// let valid = label.validate().unwrap();
    /// assert_eq!(valid.order().carrier(), Some("UPS"));
    /// assert_eq!(valid.order().tracking().map(|t| t.as_str()), Some("1Z5R89390357567127"));
    /// let mut label = shiplabel::Label::sample();
    /// label.order.carrier = Some("ups Ground".into());
    /// label.order.tracking = Some("1Z5R89390357567127".into());
    /// assert_eq!(label.validate().unwrap().order().carrier(), Some("UPS Ground"));
    /// ```
    pub fn carrier(&self) -> Option<&str> {
        self.carrier.as_deref()
    }

    /// The official page where the parcel is tracked (the carrier's "track your item"
    /// page), when the tracking number's carrier is known and the crate knows its page: the
    /// page of the number's format from the `tracking_number_data` set; for UPU S10 numbers,
    /// the issuing post's page by the number's last two letters where the crate has one.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(
    ///     label.order().tracking_url().as_deref(),
    ///     Some("https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB")
    /// );
    /// ```
    pub fn tracking_url(&self) -> Option<String> {
        self.tracking.as_ref()?.tracking_url()
    }

    /// The carrier's service, if given.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.order().service(), Some("International Tracked"));
    /// ```
    pub fn service(&self) -> Option<&str> {
        self.service.as_deref()
    }

    /// The weight in grams (at least 1), if given.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.order().weight_grams(), Some(420));
    /// ```
    pub fn weight_grams(&self) -> Option<u32> {
        self.weight_grams
    }
}

/// A validated recipient or seller.
///
/// Cloning one is cheap: its fields are shared, not copied (a batch's orders repeat their
/// seller, and each label holds it).
///
/// ```
/// # let label = shiplabel::Label::sample().validate().unwrap();
/// let seller = label.seller();
/// assert_eq!(seller.name(), "Shenzhen Bright Home Co., Ltd.");
/// assert_eq!(seller.company(), None);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ValidParty(Arc<PartyFields>);

/// What a [`ValidParty`] holds.
#[derive(Debug, PartialEq, Eq, Hash)]
struct PartyFields {
    name: String,
    company: Option<String>,
    phone: Option<String>,
    address: ValidAddress,
}

impl fmt::Debug for ValidParty {
    /// As the party's fields: how it is shared is not part of it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PartyFields {
            name,
            company,
            phone,
            address,
        } = &*self.0;
        f.debug_struct("ValidParty")
            .field("name", name)
            .field("company", company)
            .field("phone", phone)
            .field("address", address)
            .finish()
    }
}

impl ValidParty {
    /// The name, trimmed and with runs of white space collapsed.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.recipient().name(), "Oliver Smith");
    /// ```
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The company, if any.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.recipient().company(), None);
    /// ```
    pub fn company(&self) -> Option<&str> {
        self.0.company.as_deref()
    }

    /// The phone number, if any.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.recipient().phone(), Some("+44 20 7946 0018"));
    /// ```
    pub fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }

    /// The postal address.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.recipient().address().city(), Some("London"));
    /// ```
    pub fn address(&self) -> &ValidAddress {
        &self.0.address
    }

    /// The name and address as printed: the name and company where the destination's format
    /// puts them, then the address in its line order, the country's name last.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(
    ///     label.recipient().lines(),
    ///     ["Oliver Smith", "Flat 4, 221 Baker Street", "LONDON", "NW1 6XE", "UNITED KINGDOM"]
    /// );
    /// ```
    pub fn lines(&self) -> Vec<String> {
        self.formatted().into_iter().map(|l| l.text).collect()
    }

    /// The formatted lines, each tagged with the fields it shows.
    pub(crate) fn formatted(&self) -> Vec<FormattedLine> {
        let party = &*self.0;
        party
            .address
            .format(Some(&party.name), party.company.as_deref())
    }
}

/// A validated postal address: required fields present for its country, postcode in the
/// country's format, text normalised.
///
/// ```
/// # let label = shiplabel::Label::sample().validate().unwrap();
/// let address = label.recipient().address();
/// assert_eq!(address.street_lines(), ["Flat 4, 221 Baker Street"]);
/// assert_eq!(address.country().as_str(), "GB");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidAddress {
    lines: Vec<String>,
    city: Option<String>,
    city_area: Option<String>,
    region: Option<String>,
    postcode: Option<Postcode>,
    sorting_code: Option<String>,
    country: CountryCode,
    /// Written in Latin script (decided once, at validation, from the street lines and city).
    latin: bool,
}

impl ValidAddress {
    /// The street lines (at least one), blank lines dropped.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.seller().address().street_lines().len(), 2);
    /// ```
    pub fn street_lines(&self) -> &[String] {
        &self.lines
    }

    /// The address as it is printed: in the destination country's line order, the fields its
    /// post wants in capitals, the country's name last (UPU practice for international mail).
    /// [`ValidParty::lines`] includes the name and company.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(
    ///     label.recipient().address().lines(),
    ///     ["Flat 4, 221 Baker Street", "LONDON", "NW1 6XE", "UNITED KINGDOM"]
    /// );
    /// ```
    pub fn lines(&self) -> Vec<String> {
        self.format(None, None)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    /// The formatted lines, each tagged with the fields it shows, for `name` and `company`.
    pub(crate) fn format(&self, name: Option<&str>, company: Option<&str>) -> Vec<FormattedLine> {
        let parts = Parts {
            name: name.unwrap_or(""),
            organisation: company,
            street_lines: &self.lines,
            dependent_locality: self.city_area.as_deref(),
            city: self.city.as_deref(),
            region: self.region.as_deref(),
            postcode: self.postcode.as_ref().map(Postcode::as_str),
            sorting_code: self.sorting_code.as_deref(),
        };
        address::format_address(self.country.rules(), &parts, self.latin)
    }

    /// The city, if given.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.seller().address().city(), Some("Shenzhen Shi"));
    /// ```
    pub fn city(&self) -> Option<&str> {
        self.city.as_deref()
    }

    /// The dependent locality (district), if given.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.seller().address().city_area(), None);
    /// ```
    pub fn city_area(&self) -> Option<&str> {
        self.city_area.as_deref()
    }

    /// The region (state, province, …), if given.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.seller().address().region(), Some("Guangdong Sheng"));
    /// ```
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The postcode: present when given for a country that uses postcodes (one given for a
    /// country without postcodes is left off the label).
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.seller().address().postcode().map(|p| p.as_str()), Some("518040"));
    /// ```
    pub fn postcode(&self) -> Option<&Postcode> {
        self.postcode.as_ref()
    }

    /// The sorting code, if given.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.seller().address().sorting_code(), None);
    /// ```
    pub fn sorting_code(&self) -> Option<&str> {
        self.sorting_code.as_deref()
    }

    /// The country.
    ///
    /// ```
    /// # let label = shiplabel::Label::sample().validate().unwrap();
    /// assert_eq!(label.seller().address().country().name(), "CHINA");
    /// ```
    pub fn country(&self) -> CountryCode {
        self.country
    }
}

/// Collects problems; each check either yields a value or records why not.
struct Checker {
    errors: Vec<ValidationError>,
}

thread_local! {
    /// The sellers this thread found valid last ([`Checker::seller`]), as given and as
    /// checked, the last met last.
    static SELLERS: RefCell<LastMet<(Party, ValidParty)>> =
        const { RefCell::new(LastMet::new(SELLERS_KEPT)) };
}

/// How many sellers each thread keeps checked ([`Checker::seller`]).
const SELLERS_KEPT: usize = 8;

/// The bytes of a party as given: its texts.
fn given_bytes(party: &Party) -> usize {
    let a = &party.address;
    [
        &party.company,
        &party.phone,
        &a.city,
        &a.city_area,
        &a.region,
        &a.postcode,
        &a.sorting_code,
    ]
    .into_iter()
    .map(|field| field.as_deref().map_or(0, str::len))
    .chain(a.lines.iter().map(String::len))
    .sum::<usize>()
        + party.name.len()
        + a.country.len()
}

impl Checker {
    fn keep<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    fn order(&mut self, order: &Order) -> Option<ValidOrder> {
        let number = self.keep(OrderNumber::try_from(order.number.as_str()));
        let carrier = self.keep(text::optional(order.carrier.as_deref(), "order.carrier"));
        // The number is checked against the carrier as given (a carrier that failed its own
        // check names none).
        let named = carrier.as_ref().and_then(Option::as_deref);
        // The carrier the crate knows by that name, and what follows it, looked up once.
        let found = named.and_then(crate::carrier::named_in);
        let tracking = match order.tracking.as_deref() {
            None => Some(None),
            Some(t) if text::is_blank(t) => Some(None),
            Some(t) => {
                let known = named.map(|_| found.map(|(carrier, _)| carrier));
                self.keep(TrackingNumber::parse_for(t, known)).map(Some)
            }
        };
        // The carrier as the label prints it: for one the crate knows, its name as the
        // carrier spells it and the service the seller wrote after it (`UPS Ground` for
        // `ups ground`); for another, as given; with none named, the one found from the
        // number.
        let printed = found.map(crate::carrier::printed);
        let carrier = carrier.map(|given| match given {
            Some(given) => Some(printed.unwrap_or(given)),
            None => tracking
                .as_ref()
                .and_then(Option::as_ref)
                .and_then(TrackingNumber::carrier)
                .map(str::to_owned),
        });
        let service = self.keep(text::optional(order.service.as_deref(), "order.service"));
        let weight_grams = match order.weight_grams {
            Some(0) => {
                self.errors.push(ValidationError::new(
                    "order.weight_grams",
                    ErrorKind::OutOfRange,
                    "must be at least 1 gram",
                ));
                None
            }
            w => Some(w),
        };
        Some(ValidOrder {
            number: number?,
            tracking: tracking?,
            carrier: carrier?,
            service: service?,
            weight_grams: weight_grams?,
        })
    }

    /// [`Checker::party`] for an order's seller. A batch's orders repeat their sellers:
    /// each thread keeps the last few it found valid, as given and as checked, and a seller
    /// met again is not checked again. (A party's checks depend on it alone; fonts given at
    /// run time only add what prints, so a valid party stays valid. One that fails is
    /// checked each time, for its problems.)
    fn seller(&mut self, party: &Party) -> Option<ValidParty> {
        // A seller kept is at most this big as given: the limits bound what is checked,
        // after white space is collapsed, not what comes in, and the memory outlives a run.
        const KEPT_BYTES: usize = 4096;
        let kept = SELLERS.with_borrow_mut(|sellers| {
            let (_, valid) = sellers.find(|(given, _)| given == party)?;
            Some(valid.clone())
        });
        if kept.is_some() {
            return kept;
        }
        let before = self.errors.len();
        let valid = self.party(party, "seller")?;
        if self.errors.len() == before && given_bytes(party) <= KEPT_BYTES {
            SELLERS.with_borrow_mut(|sellers| sellers.push((party.clone(), valid.clone())));
        }
        Some(valid)
    }

    /// The names of the sellers this thread keeps checked, the last met last.
    #[cfg(test)]
    pub(super) fn kept_sellers() -> Vec<String> {
        SELLERS.with_borrow(|sellers| {
            sellers
                .items()
                .iter()
                .map(|(p, _)| p.name.clone())
                .collect()
        })
    }

    fn party(&mut self, party: &Party, path: &str) -> Option<ValidParty> {
        let name = self.keep(text::required(&party.name, FieldPath::new(path, "name")));
        let company = self.keep(text::optional(
            party.company.as_deref(),
            FieldPath::new(path, "company"),
        ));
        let phone = self.keep(text::optional(
            party.phone.as_deref(),
            FieldPath::new(path, "phone"),
        ));
        let address = self.address(&party.address, &join(path, "address"));
        Some(ValidParty(Arc::new(PartyFields {
            name: name?,
            company: company?,
            phone: phone?,
            address: address?,
        })))
    }

    fn address(&mut self, address: &Address, path: &str) -> Option<ValidAddress> {
        let before = self.errors.len();
        let country = self.keep(
            CountryCode::try_from(address.country.as_str())
                .map_err(|e| e.at(join(path, "country"))),
        );

        let mut lines = Vec::new();
        let mut bad_lines = 0;
        if address.lines.len() > MAX_ADDRESS_LINES {
            self.errors.push(ValidationError::new(
                join(path, "lines"),
                ErrorKind::TooMany,
                format!(
                    "has {} lines; at most {MAX_ADDRESS_LINES} are allowed",
                    address.lines.len()
                ),
            ));
        } else {
            for (i, line) in address.lines.iter().enumerate() {
                match text::clean(line, FieldPath::item(path, "lines", i)) {
                    Ok(Some(line)) => lines.push(line),
                    Ok(None) => {} // a blank line carries nothing: dropped
                    Err(e) => {
                        bad_lines += 1;
                        self.errors.push(e);
                    }
                }
            }
            if lines.is_empty() && bad_lines == 0 {
                self.errors.push(ValidationError::new(
                    join(path, "lines"),
                    ErrorKind::Missing,
                    "at least one street line is required",
                ));
            }
        }

        let city = self.keep(text::optional(
            address.city.as_deref(),
            FieldPath::new(path, "city"),
        ));
        let city_area = self.keep(text::optional(
            address.city_area.as_deref(),
            FieldPath::new(path, "city_area"),
        ));
        let region = self.keep(text::optional(
            address.region.as_deref(),
            FieldPath::new(path, "region"),
        ));
        let sorting_code = self.keep(text::optional(
            address.sorting_code.as_deref(),
            FieldPath::new(path, "sorting_code"),
        ));

        let mut postcode = None;
        if let Some(country) = country {
            let rules = country.rules();
            let required = |field: Field, present: bool, name: &str, checker: &mut Checker| {
                if rules.requires(field) && !present {
                    checker.errors.push(ValidationError::new(
                        join(path, name),
                        ErrorKind::Missing,
                        format!("is required for addresses in {}", rules.name),
                    ));
                }
            };
            let given = |raw: &Option<String>| raw.as_deref().is_some_and(|s| !text::is_blank(s));
            required(Field::City, given(&address.city), "city", self);
            required(
                Field::DependentLocality,
                given(&address.city_area),
                "city_area",
                self,
            );
            required(Field::Region, given(&address.region), "region", self);
            required(
                Field::SortingCode,
                given(&address.sorting_code),
                "sorting_code",
                self,
            );
            let raw_postcode = address.postcode.as_deref().filter(|p| !text::is_blank(p));
            if rules.uses_postcode() {
                match raw_postcode {
                    Some(raw) => {
                        postcode = self.keep(
                            Postcode::parse(raw, country).map_err(|e| e.at(join(path, "postcode"))),
                        );
                    }
                    None if rules.requires(Field::Postcode) => {
                        let example = text::example_suffix(rules.postcode_example());
                        self.errors.push(ValidationError::new(
                            join(path, "postcode"),
                            ErrorKind::Missing,
                            format!("is required for addresses in {}{example}", rules.name),
                        ));
                    }
                    None => {}
                }
            }
        }

        // The region and city are checked even when another field failed, so that every
        // problem is reported at once; only what is itself valid takes part.
        let country = country?;
        let given_city = city.as_ref().and_then(Option::as_deref);
        let mut latin = latin_script(&lines, given_city);
        // Regions, and the cities of the countries whose data lists them: matched in any of
        // their spellings and normalised; the postcode checked against the region's range.
        let check = |latin: bool| {
            address::check_place(
                country.rules(),
                region.as_ref().and_then(Option::as_deref),
                given_city,
                postcode.as_ref().map(Postcode::as_str),
                latin,
            )
        };
        let (mut place, mut problems) = check(latin);
        // The script is judged again with the city as normalised (a city typed in Chinese
        // whose key is Latin, as in Hong Kong, on Latin street lines): the address then
        // reads, prints and validates again the same way.
        if problems.is_empty() {
            let settled = latin_script(&lines, place.city.as_deref().or(given_city));
            if settled != latin {
                let (again, again_problems) = check(settled);
                let stays = latin_script(&lines, again.city.as_deref().or(given_city));
                if again_problems.is_empty() && stays == settled {
                    (place, problems, latin) = (again, again_problems, settled);
                }
            }
        }
        for problem in problems {
            self.errors.push(place_error(problem, path, country));
        }
        if self.errors.len() != before {
            return None;
        }
        let region = place.region.or(region?);
        let city = place.city.or(city?);
        Some(ValidAddress {
            lines,
            city,
            city_area: city_area?,
            region,
            postcode,
            sorting_code: sorting_code?,
            country,
            latin,
        })
    }
}

/// Whether an address is written in Latin script, judged from its street lines and city
/// (not the name: a Cyrillic name on a Latin-script address to Japan still gets Japan's
/// Latin format): then a country's Latin format applies and regions take their Latin names.
fn latin_script(lines: &[String], city: Option<&str>) -> bool {
    lines
        .iter()
        .map(String::as_str)
        .chain(city)
        .all(address::is_latin)
}

/// `did you mean A, B or C?` / `expected one of A, B, C`.
fn alternatives(accepted: &[String], all: bool) -> String {
    let quoted: Vec<String> = accepted.iter().map(|a| format!("{a:?}")).collect();
    match (all, quoted.as_slice()) {
        (_, []) => String::new(),
        (true, _) => format!("; expected one of {}", quoted.join(", ")),
        (false, [one]) => format!("; did you mean {one}?"),
        (false, [init @ .., last]) => format!("; did you mean {} or {last}?", init.join(", ")),
    }
}

fn place_error(problem: PlaceProblem, path: &str, country: CountryCode) -> ValidationError {
    match problem {
        PlaceProblem::UnknownRegion {
            given,
            accepted,
            all,
        } => ValidationError::new(
            join(path, "region"),
            ErrorKind::UnknownRegion,
            format!(
                "{given:?} is not a region of {}{}",
                country.name(),
                alternatives(&accepted, all)
            ),
        ),
        PlaceProblem::UnknownCity {
            given,
            region,
            accepted,
            all,
        } => ValidationError::new(
            join(path, "city"),
            ErrorKind::UnknownCity,
            format!(
                "{given:?} is not a city of {region} ({}){}",
                country.name(),
                alternatives(&accepted, all)
            ),
        ),
        PlaceProblem::PostcodeNotInRegion {
            postcode,
            region,
            example,
        } => ValidationError::new(
            join(path, "postcode"),
            ErrorKind::InvalidPostcode,
            format!(
                "{postcode:?} is not a postcode of {region} ({}){}",
                country.name(),
                text::example_suffix(example)
            ),
        ),
    }
}

impl Party {
    /// Checks a name, company, phone and address on their own, as an app that only checks
    /// addresses needs; field paths are relative (`name`, `address.postcode`).
    ///
    /// # Errors
    ///
    /// [`ValidationErrors`] with every problem, as for [`Label::validate`].
    ///
    /// # Examples
    ///
    /// ```
    /// let party = shiplabel::Party::new(
    ///     "Emily Johnson",
    ///     shiplabel::Address::new("US", ["1600 Amphitheatre Parkway"])
    ///         .with_city("Mountain View")
    ///         .with_postcode("94043"),
    /// );
    /// let errors = party.validate().unwrap_err();
    /// assert_eq!(errors.to_string(), "address.region: is required for addresses in UNITED STATES");
    /// ```
    pub fn validate(&self) -> Result<ValidParty, ValidationErrors> {
        let mut checker = Checker { errors: Vec::new() };
        match checker.party(self, "") {
            Some(party) if checker.errors.is_empty() => Ok(party),
            _ => Err(ValidationErrors::new(checker.errors)),
        }
    }
}

impl Address {
    /// Checks an address on its own; field paths are relative (`postcode`, `lines[0]`).
    ///
    /// # Errors
    ///
    /// [`ValidationErrors`] with every problem, as for [`Label::validate`].
    ///
    /// # Examples
    ///
    /// ```
    /// let address = shiplabel::Address::new("de", ["Schönhauser Allee 36"])
    ///     .with_city("Berlin")
    ///     .with_postcode("10435");
    /// let valid = address.validate().unwrap();
    /// assert_eq!(valid.lines(), ["Schönhauser Allee 36", "10435 BERLIN", "GERMANY"]);
    /// ```
    pub fn validate(&self) -> Result<ValidAddress, ValidationErrors> {
        let mut checker = Checker { errors: Vec::new() };
        match checker.address(self, "") {
            Some(address) if checker.errors.is_empty() => Ok(address),
            _ => Err(ValidationErrors::new(checker.errors)),
        }
    }
}

impl Label {
    /// Checks every field and returns the normalised, printable label, or every problem found.
    ///
    /// # Errors
    ///
    /// [`ValidationErrors`] listing each problem with its field path (such as
    /// `recipient.address.postcode`), its [`ErrorKind`] and a message, in field order:
    /// order, recipient, seller.
    ///
    /// # Examples
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let json = r#"{
    ///   "order": {"number": "DE-8841-2026-11"},
    ///   "recipient": {"name": "Jürgen Müller",
    ///     "address": {"lines": ["Schönhauser Allee 36"], "city": "Berlin", "postcode": "1043", "country": "DE"}},
    ///   "seller": {"name": "",
    ///     "address": {"lines": ["2401 E 8th St"], "city": "Los Angeles", "region": "CA", "postcode": "90021", "country": "US"}}
    /// }"#;
    /// let label: shiplabel::Label = serde_json::from_str(json)?;
    /// let errors = label.validate().unwrap_err();
    /// assert_eq!(
    ///     errors.to_string(),
    ///     "recipient.address.postcode: \"1043\" is not a valid postcode for GERMANY (e.g. \"26133\")\n\
    ///      seller.name: must not be empty"
    /// );
    /// # Ok(()) }
    /// ```
    pub fn validate(&self) -> Result<ValidLabel, ValidationErrors> {
        let mut checker = Checker { errors: Vec::new() };
        let order = checker.order(&self.order);
        let recipient = checker.party(&self.recipient, "recipient");
        let seller = checker.seller(&self.seller);
        let customs = self.customs.as_ref().map(|customs| {
            let parcel = customs::Parcel {
                destination: CountryCode::try_from(self.recipient.address.country.as_str()).ok(),
                weight_grams: self.order.weight_grams.filter(|&w| w > 0),
                postcode: self.recipient.address.postcode.clone(),
            };
            customs::check(customs, &parcel, &mut checker.errors)
        });
        if checker.errors.is_empty()
            && let (Some(order), Some(recipient), Some(seller)) = (order, recipient, seller)
        {
            return Ok(ValidLabel {
                order,
                recipient,
                seller,
                customs: customs.flatten(),
            });
        }
        Err(ValidationErrors::new(checker.errors))
    }
}
