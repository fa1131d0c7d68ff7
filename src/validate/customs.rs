//! The customs declaration (UPU CN22 / CN23): every field checked, every problem reported
//! with its path (`customs.items[0].hs_code`), the form chosen and the items totalled.

use super::currency::{Currency, Money, parse_decimal};
use super::error::{ErrorKind, ValidationError};
use super::fields::CountryCode;
use super::path::FieldPath;
use super::text;
use crate::limits::{MAX_CUSTOMS_ITEMS, MAX_TAX_IDS};
use crate::model::{Customs, CustomsItem, TaxId};

/// A CN22 is for items worth less than this many SDR; a CN23 from this value up.
const CN22_LIMIT_SDR: u64 = 300;

/// The EU's low-value threshold for the Import One-Stop Shop, in euro cents: consignments of
/// goods of at most €150 need the seller's IOSS number to clear without VAT at the door.
const IOSS_LIMIT_EUR_CENTS: u64 = 150 * 100;

/// The member states of the European Union (ISO 3166-1 alpha-2).
const EU: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Descriptions customs refuse when they stand alone: they say nothing of what the item is.
const VAGUE: &[&str] = &[
    "accessories",
    "accessory",
    "clothes",
    "clothing",
    "electronics",
    "general merchandise",
    "gift",
    "gifts",
    "goods",
    "item",
    "items",
    "merchandise",
    "misc",
    "miscellaneous",
    "other",
    "parts",
    "personal effects",
    "personal items",
    "product",
    "products",
    "sample",
    "samples",
    "spare parts",
    "stuff",
    "various",
];

/// Words that say nothing more of an item next to a vague one ("various items", "a gift").
const FILLER: &[&str] = &[
    "a", "an", "and", "assorted", "for", "general", "of", "personal", "some", "the", "thing",
    "things", "use",
];

/// Whether `description` says nothing of what the item is: every word vague or filler.
fn is_vague(description: &str) -> bool {
    let lower = match description.is_ascii() {
        true => description.to_ascii_lowercase(),
        false => description.to_lowercase(),
    };
    // One pass over the words: the first few kept for the phrases, and whether each is
    // vague or filler.
    let mut first = [""; PHRASE_WORDS];
    let (mut count, mut all_known, mut any_vague) = (0, true, false);
    for word in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if let Some(slot) = first.get_mut(count) {
            *slot = word;
        }
        count += 1;
        if all_known {
            let vague = VAGUE.contains(&word);
            any_vague |= vague;
            all_known = vague || FILLER.contains(&word);
        } else if count > PHRASE_WORDS {
            // A word says what the item is, and there are too many for a vague phrase.
            return false;
        }
    }
    // The words, one space apart, are one of the vague phrases.
    let whole = || {
        let words = first.get(..count).unwrap_or(&[]);
        let head = words.first().copied().unwrap_or_default();
        VAGUE
            .iter()
            .any(|phrase| phrase.starts_with(head) && phrase.split(' ').eq(words.iter().copied()))
    };
    count > 0 && (all_known && any_vague || whole())
}

/// More words than any of [`VAGUE`]'s phrases has.
const PHRASE_WORDS: usize = 4;

/// Which UPU form the declaration is printed on.
///
/// ```
/// assert_eq!(shiplabel::CustomsForm::Cn22.name(), "CN 22");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CustomsForm {
    /// CN22: items worth less than 300 SDR; a label of the label's size.
    Cn22,
    /// CN23: 300 SDR or more, or a parcel; a page (A4 or Letter).
    Cn23,
}

impl CustomsForm {
    /// The form's name as printed: `CN 22`, `CN 23`.
    ///
    /// ```
    /// assert_eq!(shiplabel::CustomsForm::Cn23.name(), "CN 23");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            CustomsForm::Cn22 => "CN 22",
            CustomsForm::Cn23 => "CN 23",
        }
    }

    /// The name in the JSON input: `cn22`, `cn23`.
    ///
    /// ```
    /// assert_eq!(shiplabel::CustomsForm::Cn22.code(), "cn22");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            CustomsForm::Cn22 => "cn22",
            CustomsForm::Cn23 => "cn23",
        }
    }
}

/// The category of the contents, one box ticked on the form.
///
/// ```
/// assert_eq!(shiplabel::Contents::ReturnedGoods.code(), "returned_goods");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Contents {
    /// A gift.
    Gift,
    /// Documents.
    Documents,
    /// A commercial sample.
    Sample,
    /// Returned goods.
    ReturnedGoods,
    /// Goods sold (the sale of goods).
    Merchandise,
    /// Anything else, with an explanation.
    Other,
}

impl Contents {
    /// Every category, in the form's order.
    ///
    /// ```
    /// assert_eq!(shiplabel::Contents::ALL.len(), 6);
    /// ```
    pub const ALL: [Contents; 6] = [
        Contents::Gift,
        Contents::Documents,
        Contents::Sample,
        Contents::ReturnedGoods,
        Contents::Merchandise,
        Contents::Other,
    ];

    /// The name in the JSON input.
    ///
    /// ```
    /// assert_eq!(shiplabel::Contents::Gift.code(), "gift");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Contents::Gift => "gift",
            Contents::Documents => "documents",
            Contents::Sample => "sample",
            Contents::ReturnedGoods => "returned_goods",
            Contents::Merchandise => "merchandise",
            Contents::Other => "other",
        }
    }

    /// The box's caption on the form, English and French as the UPU prints them.
    ///
    /// ```
    /// assert_eq!(shiplabel::Contents::Merchandise.caption(), "Sale of goods / Vente de marchandises");
    /// ```
    pub fn caption(self) -> &'static str {
        match self {
            Contents::Gift => "Gift / Cadeau",
            Contents::Documents => "Documents",
            Contents::Sample => "Commercial sample / Échantillon commercial",
            Contents::ReturnedGoods => "Returned goods / Marchandise retournée",
            Contents::Merchandise => "Sale of goods / Vente de marchandises",
            Contents::Other => "Other / Autre",
        }
    }
}

/// What the post does with an item it cannot deliver.
///
/// ```
/// assert_eq!(shiplabel::NonDelivery::Return.code(), "return");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NonDelivery {
    /// Return it to the sender.
    Return,
    /// Treat it as abandoned.
    Abandon,
}

impl NonDelivery {
    /// The name in the JSON input.
    ///
    /// ```
    /// assert_eq!(shiplabel::NonDelivery::Abandon.code(), "abandon");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            NonDelivery::Return => "return",
            NonDelivery::Abandon => "abandon",
        }
    }
}

/// The kind of a tax identifier.
///
/// ```
/// assert_eq!(shiplabel::TaxIdKind::Ioss.printed_name(), "IOSS");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TaxIdKind {
    /// The EU Import One-Stop Shop number: `IM` and 10 digits.
    Ioss,
    /// An Economic Operators Registration and Identification number: a country code and up
    /// to 15 letters or digits.
    Eori,
    /// Norway's VAT On E-Commerce number: 7 digits.
    Voec,
    /// A VAT number.
    Vat,
    /// Any other identifier.
    Other,
}

impl TaxIdKind {
    /// The name in the JSON input.
    ///
    /// ```
    /// assert_eq!(shiplabel::TaxIdKind::Eori.code(), "eori");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            TaxIdKind::Ioss => "ioss",
            TaxIdKind::Eori => "eori",
            TaxIdKind::Voec => "voec",
            TaxIdKind::Vat => "vat",
            TaxIdKind::Other => "other",
        }
    }

    /// How it is printed before the number.
    ///
    /// ```
    /// assert_eq!(shiplabel::TaxIdKind::Voec.printed_name(), "VOEC");
    /// ```
    pub fn printed_name(self) -> &'static str {
        match self {
            TaxIdKind::Ioss => "IOSS",
            TaxIdKind::Eori => "EORI",
            TaxIdKind::Voec => "VOEC",
            TaxIdKind::Vat => "VAT",
            TaxIdKind::Other => "Tax ID",
        }
    }
}

/// A checked tax identifier, in capitals without spaces where its kind has a shape.
///
/// ```
/// # let valid = shiplabel::Label::sample_international().validate()?;
/// let ioss = &valid.customs().unwrap().tax_ids()[0];
/// assert_eq!((ioss.kind(), ioss.id()), (shiplabel::TaxIdKind::Ioss, "IM2760000742"));
/// # Ok::<(), shiplabel::ValidationErrors>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidTaxId {
    kind: TaxIdKind,
    id: String,
}

impl ValidTaxId {
    /// The kind.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().tax_ids()[0].kind().code(), "ioss");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn kind(&self) -> TaxIdKind {
        self.kind
    }

    /// The identifier.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert!(valid.customs().unwrap().tax_ids()[0].id().starts_with("IM"));
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// A checked line of the declaration.
///
/// ```
/// # let valid = shiplabel::Label::sample_international().validate()?;
/// let item = &valid.customs().unwrap().items()[0];
/// assert_eq!(item.hs_code(), "610910");
/// assert_eq!(item.value().to_string(), "24.00 EUR");
/// # Ok::<(), shiplabel::ValidationErrors>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidItem {
    description: String,
    quantity: u32,
    weight_grams: u32,
    value: Money,
    hs_code: String,
    origin: CountryCode,
}

impl ValidItem {
    /// The description, as cleaned (white space collapsed, NFC).
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items()[0].description(), "Cotton T-shirt, men's");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// How many.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items()[0].quantity(), 2);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn quantity(&self) -> u32 {
        self.quantity
    }

    /// Their net weight, in grams.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items()[0].weight_grams(), 300);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn weight_grams(&self) -> u32 {
        self.weight_grams
    }

    /// Their value.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items()[0].value().minor_units(), 2400);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn value(&self) -> Money {
        self.value
    }

    /// The HS code, digits only.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items()[1].hs_code(), "69120000");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn hs_code(&self) -> &str {
        &self.hs_code
    }

    /// The country of origin.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items()[0].origin().as_str(), "CN");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn origin(&self) -> CountryCode {
        self.origin
    }
}

/// A checked customs declaration: its form chosen, its items totalled.
///
/// ```
/// let valid = shiplabel::Label::sample_international().validate()?;
/// let customs = valid.customs().unwrap();
/// assert_eq!(customs.form(), shiplabel::CustomsForm::Cn22);
/// assert_eq!(customs.total_value().to_string(), "36.50 EUR");
/// assert_eq!(customs.total_weight_grams(), 650);
/// # Ok::<(), shiplabel::ValidationErrors>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCustoms {
    form: CustomsForm,
    value_sdr: Option<u64>,
    contents: Contents,
    explanation: Option<String>,
    non_delivery: Option<NonDelivery>,
    items: Vec<ValidItem>,
    invoice: Option<String>,
    licence: Option<String>,
    certificate: Option<String>,
    exporter_reference: Option<String>,
    importer_reference: Option<String>,
    importer_contact: Option<String>,
    tax_ids: Vec<ValidTaxId>,
    postage: Option<Money>,
    signer: String,
    date: String,
    total_value: Money,
    total_weight_grams: u64,
}

macro_rules! getters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty => |$c:ident| $body:expr;)*) => {
        impl ValidCustoms {
            $(
                $(#[$doc])*
                pub fn $name(&self) -> $ty {
                    let $c = self;
                    $body
                }
            )*
        }
    };
}

getters! {
    /// The form: CN22 or CN23.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().form().name(), "CN 22");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    form: CustomsForm => |c| c.form;
    /// The declared value in SDR as given, in hundredths.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().value_sdr_hundredths(), Some(3340));
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    value_sdr_hundredths: Option<u64> => |c| c.value_sdr;
    /// The category of the contents.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().contents(), shiplabel::Contents::Merchandise);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    contents: Contents => |c| c.contents;
    /// The explanation of `other` contents.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().explanation(), None);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    explanation: Option<&str> => |c| c.explanation.as_deref();
    /// The instruction in case of non-delivery.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().non_delivery(), Some(shiplabel::NonDelivery::Return));
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    non_delivery: Option<NonDelivery> => |c| c.non_delivery;
    /// The items.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().items().len(), 2);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    items: &[ValidItem] => |c| c.items.as_slice();
    /// The commercial invoice's number.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().invoice(), Some("INV-2026-0042"));
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    invoice: Option<&str> => |c| c.invoice.as_deref();
    /// The licence's number.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().licence(), None);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    licence: Option<&str> => |c| c.licence.as_deref();
    /// The certificate's number.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().certificate(), None);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    certificate: Option<&str> => |c| c.certificate.as_deref();
    /// The sender's customs reference.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().exporter_reference(), None);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    exporter_reference: Option<&str> => |c| c.exporter_reference.as_deref();
    /// The importer's reference.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().importer_reference(), None);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    importer_reference: Option<&str> => |c| c.importer_reference.as_deref();
    /// The importer's telephone, fax or e-mail.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().importer_contact(), None);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    importer_contact: Option<&str> => |c| c.importer_contact.as_deref();
    /// The tax identifiers.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().tax_ids().len(), 1);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    tax_ids: &[ValidTaxId] => |c| c.tax_ids.as_slice();
    /// Postage and fees paid.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().postage().unwrap().amount(), "6.90");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    postage: Option<Money> => |c| c.postage;
    /// Who signed.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().signer(), "Li Wei");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    signer: &str => |c| c.signer.as_str();
    /// The date of signing, `YYYY-MM-DD`.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().date(), "2026-12-01");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    date: &str => |c| c.date.as_str();
    /// The items' total value.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().total_value().amount(), "36.50");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    total_value: Money => |c| c.total_value;
    /// The items' total net weight, in grams.
    ///
    /// ```
    /// # let valid = shiplabel::Label::sample_international().validate()?;
    /// assert_eq!(valid.customs().unwrap().total_weight_grams(), 650);
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    total_weight_grams: u64 => |c| c.total_weight_grams;
}

impl From<&ValidCustoms> for Customs {
    fn from(c: &ValidCustoms) -> Customs {
        Customs {
            form: Some(c.form.code().to_owned()),
            value_sdr: c.value_sdr.map(|h| format!("{}.{:02}", h / 100, h % 100)),
            contents: c.contents.code().to_owned(),
            explanation: c.explanation.clone(),
            non_delivery: c.non_delivery.map(|n| n.code().to_owned()),
            items: c
                .items
                .iter()
                .map(|i| CustomsItem {
                    description: i.description.clone(),
                    quantity: i.quantity,
                    weight_grams: i.weight_grams,
                    value: i.value.amount(),
                    currency: i.value.currency().code().to_owned(),
                    hs_code: i.hs_code.clone(),
                    origin_country: i.origin.as_str().to_owned(),
                })
                .collect(),
            invoice: c.invoice.clone(),
            licence: c.licence.clone(),
            certificate: c.certificate.clone(),
            exporter_reference: c.exporter_reference.clone(),
            importer_reference: c.importer_reference.clone(),
            importer_contact: c.importer_contact.clone(),
            tax_ids: c
                .tax_ids
                .iter()
                .map(|t| TaxId {
                    kind: t.kind.code().to_owned(),
                    id: t.id.clone(),
                })
                .collect(),
            postage: c.postage.map(|p| p.amount()),
            signer: c.signer.clone(),
            date: c.date.clone(),
        }
    }
}

/// What the declaration is checked against: the rest of the label.
pub(super) struct Parcel {
    /// The recipient's country, when it is valid.
    pub destination: Option<CountryCode>,
    /// `order.weight_grams`, when given.
    pub weight_grams: Option<u32>,
    /// The recipient's postcode as given: some postcodes are EU territories outside its VAT
    /// area (the Canary Islands), or places inside it under another country's code
    /// (Northern Ireland).
    pub postcode: Option<String>,
}

/// Whether goods sent to `country` (at `postcode`) enter the EU's VAT area, where the IOSS
/// applies: the member states but for their territories outside it (the Canary Islands,
/// Ceuta and Melilla; Åland; Mount Athos; Büsingen and Heligoland; Livigno and Campione
/// d'Italia), and Monaco and Northern Ireland, which are inside it for goods.
fn in_eu_vat_area(country: CountryCode, postcode: Option<&str>) -> bool {
    let code: String = postcode
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| code.starts_with(p));
    match country.as_str() {
        "MC" => true,
        "GB" => starts(&["BT"]),
        "ES" => !starts(&["35", "38", "51", "52"]),
        "FI" => !starts(&["22"]),
        "GR" => !starts(&["63086", "63087"]),
        "DE" => !starts(&["78266", "27498"]),
        "IT" => !starts(&["23041", "23030", "22061", "22060"]),
        other => EU.contains(&other),
    }
}

/// Collects errors; keeps what is valid.
struct Check<'a> {
    errors: &'a mut Vec<ValidationError>,
}

impl Check<'_> {
    fn keep<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        result.map_err(|e| self.errors.push(e)).ok()
    }

    fn push(&mut self, field: impl Into<String>, kind: ErrorKind, message: impl Into<String>) {
        self.errors.push(ValidationError::new(field, kind, message));
    }

    /// One of `choices` by its code (case-insensitive, surrounding space ignored).
    fn choice<T: Copy>(
        &mut self,
        raw: &str,
        field: impl Into<String>,
        choices: &[T],
        code: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let wanted = raw.trim().to_ascii_lowercase();
        let found = choices.iter().copied().find(|&c| code(c) == wanted);
        if found.is_none() {
            let names: Vec<String> = choices.iter().map(|&c| format!("{:?}", code(c))).collect();
            self.push(
                field,
                ErrorKind::UnknownValue,
                format!("{raw:?} is not one of {}", names.join(", ")),
            );
        }
        found
    }
}

/// Checks `customs` against `parcel`, pushing every problem to `errors`; the valid
/// declaration when there was none.
pub(super) fn check(
    customs: &Customs,
    parcel: &Parcel,
    errors: &mut Vec<ValidationError>,
) -> Option<ValidCustoms> {
    let before = errors.len();
    let mut c = Check { errors };

    let form = match customs.form.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) if raw.eq_ignore_ascii_case("auto") => None,
        Some(raw) => c
            .choice(
                raw,
                "customs.form",
                &[CustomsForm::Cn22, CustomsForm::Cn23],
                CustomsForm::code,
            )
            .map(Some)
            .unwrap_or(None),
    };
    let form_named = customs
        .form
        .as_deref()
        .is_some_and(|f| !f.trim().is_empty() && !f.trim().eq_ignore_ascii_case("auto"));
    let value_sdr = match customs.value_sdr.as_deref() {
        None => None,
        Some(raw) if text::is_blank(raw) => None,
        Some(raw) => match parse_decimal(raw, 2) {
            Ok(v) => Some(v),
            Err(why) => {
                c.push("customs.value_sdr", ErrorKind::InvalidNumber, why);
                None
            }
        },
    };
    let contents = c.choice(
        &customs.contents,
        "customs.contents",
        &Contents::ALL,
        Contents::code,
    );
    let explanation = c.keep(text::optional(
        customs.explanation.as_deref(),
        "customs.explanation",
    ));
    if contents == Some(Contents::Other) && matches!(explanation, Some(None)) {
        c.push(
            "customs.explanation",
            ErrorKind::Missing,
            "is required when contents is \"other\": say what the contents are, e.g. \
             \"Replacement part under warranty\"",
        );
    }
    let non_delivery = match customs.non_delivery.as_deref() {
        None => Some(None),
        Some(raw) if text::is_blank(raw) => Some(None),
        Some(raw) => c
            .choice(
                raw,
                "customs.non_delivery",
                &[NonDelivery::Return, NonDelivery::Abandon],
                NonDelivery::code,
            )
            .map(Some),
    };

    // Items.
    let mut items = Vec::new();
    let mut items_ok = true;
    let mut currency: Option<(Currency, usize)> = None;
    if customs.items.is_empty() {
        c.push(
            "customs.items",
            ErrorKind::Missing,
            "at least one item is required",
        );
        items_ok = false;
    } else if customs.items.len() > MAX_CUSTOMS_ITEMS {
        c.push(
            "customs.items",
            ErrorKind::TooMany,
            format!(
                "has {} items; at most {MAX_CUSTOMS_ITEMS} are allowed",
                customs.items.len()
            ),
        );
        items_ok = false;
    } else {
        for (i, item) in customs.items.iter().enumerate() {
            match check_item(&mut c, item, i, &mut currency) {
                Some(valid) => items.push(valid),
                None => items_ok = false,
            }
        }
    }
    let total_weight_grams: u64 = items.iter().map(|i| u64::from(i.weight_grams)).sum();
    if items_ok
        && let Some(parcel_weight) = parcel.weight_grams
        && total_weight_grams > u64::from(parcel_weight)
    {
        c.push(
            "customs.items",
            ErrorKind::OverWeight,
            format!(
                "weigh {total_weight_grams} g together, more than the parcel's \
                 order.weight_grams of {parcel_weight} g"
            ),
        );
    }
    let total_value = currency.map(|(currency, _)| {
        Money::new(items.iter().map(|i| i.value.minor_units()).sum(), currency)
    });

    // The other boxes.
    let mut optional = |raw: &Option<String>, name: &str| {
        c.keep(text::optional(
            raw.as_deref(),
            FieldPath::new("customs", name),
        ))
    };
    let invoice = optional(&customs.invoice, "invoice");
    let licence = optional(&customs.licence, "licence");
    let certificate = optional(&customs.certificate, "certificate");
    let exporter_reference = optional(&customs.exporter_reference, "exporter_reference");
    let importer_reference = optional(&customs.importer_reference, "importer_reference");
    let importer_contact = optional(&customs.importer_contact, "importer_contact");
    let mut tax_ids = Vec::new();
    if customs.tax_ids.len() > MAX_TAX_IDS {
        c.push(
            "customs.tax_ids",
            ErrorKind::TooMany,
            format!(
                "has {} tax ids; at most {MAX_TAX_IDS} are allowed",
                customs.tax_ids.len()
            ),
        );
    }
    for (i, tax_id) in customs.tax_ids.iter().enumerate().take(MAX_TAX_IDS) {
        if let Some(valid) = check_tax_id(&mut c, tax_id, i) {
            tax_ids.push(valid);
        }
    }
    let postage = match (customs.postage.as_deref(), currency) {
        (None, _) => Some(None),
        (Some(raw), _) if text::is_blank(raw) => Some(None),
        (Some(raw), Some((currency, _))) => match parse_decimal(raw, currency.minor_digits()) {
            Ok(minor) => Some(Some(Money::new(minor, currency))),
            Err(why) => {
                c.push(
                    "customs.postage",
                    ErrorKind::InvalidNumber,
                    format!("{why} (it is in the items' currency, {})", currency.code()),
                );
                None
            }
        },
        // The items' currency is not known: their own errors say why.
        (Some(_), None) => None,
    };
    let signer = c.keep(text::required(&customs.signer, "customs.signer"));
    let date = match check_date(&customs.date) {
        Ok(date) => Some(date),
        Err(why) => {
            c.push("customs.date", ErrorKind::InvalidDate, why);
            None
        }
    };

    // The form: chosen by value, or checked against it.
    let form = match (form, value_sdr) {
        (Some(CustomsForm::Cn22), Some(sdr)) if sdr >= CN22_LIMIT_SDR * 100 => {
            c.push(
                "customs.form",
                ErrorKind::WrongForm,
                format!(
                    "a CN22 is for items worth less than {CN22_LIMIT_SDR} SDR, and value_sdr is \
                     {}.{:02}: use \"cn23\" (or \"auto\")",
                    sdr / 100,
                    sdr % 100
                ),
            );
            None
        }
        (Some(form), _) => Some(form),
        (None, Some(sdr)) if sdr < CN22_LIMIT_SDR * 100 => Some(CustomsForm::Cn22),
        (None, Some(_)) => Some(CustomsForm::Cn23),
        (None, None) if form_named => None,
        (None, None) => {
            if customs.value_sdr.as_deref().is_none_or(text::is_blank) {
                c.push(
                    "customs.value_sdr",
                    ErrorKind::Missing,
                    "is needed to choose the form (a CN22 under 300 SDR, a CN23 from 300 up), \
                     e.g. \"25.40\"; or set form to \"cn22\" or \"cn23\"",
                );
            }
            None
        }
    };

    // The EU's IOSS for low-value goods.
    if let (Some(destination), Some(Contents::Merchandise), Some(total)) =
        (parcel.destination, contents, total_value)
        && items_ok
        && in_eu_vat_area(destination, parcel.postcode.as_deref())
        && total.currency().code() == "EUR"
        && total.minor_units() <= IOSS_LIMIT_EUR_CENTS
        && !customs
            .tax_ids
            .iter()
            .any(|t| t.kind.trim().eq_ignore_ascii_case("ioss"))
    {
        c.push(
            "customs.tax_ids",
            ErrorKind::IossRequired,
            format!(
                "goods sold to the EU ({}) worth €150 or less (these: {total}) need the \
                 seller's IOSS number, so that VAT paid at the sale is not charged again at the \
                 door: add {{\"kind\": \"ioss\", \"id\": \"IM\" and 10 digits}}",
                destination.as_str()
            ),
        );
    }

    if c.errors.len() != before {
        return None;
    }
    Some(ValidCustoms {
        form: form?,
        value_sdr,
        contents: contents?,
        explanation: explanation?,
        non_delivery: non_delivery?,
        items,
        invoice: invoice?,
        licence: licence?,
        certificate: certificate?,
        exporter_reference: exporter_reference?,
        importer_reference: importer_reference?,
        importer_contact: importer_contact?,
        tax_ids,
        postage: postage?,
        signer: signer?,
        date: date?,
        total_value: total_value?,
        total_weight_grams,
    })
}

fn check_item(
    c: &mut Check<'_>,
    item: &CustomsItem,
    i: usize,
    currency: &mut Option<(Currency, usize)>,
) -> Option<ValidItem> {
    let path = |field| FieldPath::of_entry("customs.items", i, field);
    let before = c.errors.len();
    let description = c.keep(text::required(&item.description, path("description")));
    if let Some(description) = &description
        && is_vague(description)
    {
        c.push(
            path("description"),
            ErrorKind::VagueDescription,
            format!(
                "{description:?} alone is refused by customs: say what the item is, what it is \
                 made of and what it is for, e.g. \"Cotton T-shirt, men's\" or \"Ceramic coffee \
                 mug\""
            ),
        );
    }
    if item.quantity == 0 {
        c.push(
            path("quantity"),
            ErrorKind::OutOfRange,
            "must be at least 1",
        );
    }
    if item.weight_grams == 0 {
        c.push(
            path("weight_grams"),
            ErrorKind::OutOfRange,
            "must be at least 1 gram",
        );
    }
    let code = item.currency.trim();
    let this_currency = match Currency::from_code(code) {
        Some(cur) => Some(cur),
        None => {
            c.push(
                path("currency"),
                ErrorKind::UnknownCurrency,
                format!(
                    "{code:?} is not an ISO 4217 currency code, e.g. \"USD\", \"EUR\", \"CNY\""
                ),
            );
            None
        }
    };
    if let Some(cur) = this_currency {
        match currency {
            None => *currency = Some((cur, i)),
            Some((first, at)) if *first != cur => {
                c.push(
                    path("currency"),
                    ErrorKind::MixedCurrencies,
                    format!(
                        "is {}, but customs.items[{at}] is in {}: one declaration has one \
                         currency",
                        cur.code(),
                        first.code()
                    ),
                );
            }
            Some(_) => {}
        }
    }
    let value =
        this_currency.and_then(|cur| match parse_decimal(&item.value, cur.minor_digits()) {
            Ok(minor) => Some(Money::new(minor, cur)),
            Err(why) => {
                c.push(path("value"), ErrorKind::InvalidNumber, why);
                None
            }
        });
    let hs_code: String = item
        .hs_code
        .chars()
        .filter(|ch| !matches!(ch, '.' | ' '))
        .collect();
    // Chapters run from 01 to 97.
    let chapter = hs_code.get(..2).and_then(|c| c.parse::<u8>().ok());
    let hs_ok = (6..=10).contains(&hs_code.len())
        && hs_code.bytes().all(|b| b.is_ascii_digit())
        && chapter.is_some_and(|c| (1..=97).contains(&c));
    if !hs_ok {
        c.push(
            path("hs_code"),
            ErrorKind::InvalidHsCode,
            format!(
                "{:?} is not a Harmonized System code: 6 to 10 digits (dots and spaces allowed) \
                 of a chapter from 01 to 97, e.g. \"610910\" or \"6109.10.00\"",
                item.hs_code
            ),
        );
    }
    let origin = c.keep(
        CountryCode::try_from(item.origin_country.as_str())
            .map_err(|e| e.at(path("origin_country"))),
    );
    if c.errors.len() != before {
        return None;
    }
    Some(ValidItem {
        description: description?,
        quantity: item.quantity,
        weight_grams: item.weight_grams,
        value: value?,
        hs_code,
        origin: origin?,
    })
}

fn check_tax_id(c: &mut Check<'_>, tax_id: &TaxId, i: usize) -> Option<ValidTaxId> {
    let path = |field| FieldPath::of_entry("customs.tax_ids", i, field);
    let kind = c.choice(
        &tax_id.kind,
        path("kind"),
        &[
            TaxIdKind::Ioss,
            TaxIdKind::Eori,
            TaxIdKind::Voec,
            TaxIdKind::Vat,
            TaxIdKind::Other,
        ],
        TaxIdKind::code,
    )?;
    let id_field = path("id");
    let compact: String = tax_id
        .id
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let shaped = |ok: bool, shape: &str, example: &str, c: &mut Check<'_>| {
        if ok && compact.is_ascii() {
            Some(ValidTaxId {
                kind,
                id: compact.clone(),
            })
        } else {
            c.push(
                id_field,
                ErrorKind::InvalidTaxId,
                format!(
                    "{:?} is not a valid {} number: {shape}, e.g. {example:?}",
                    tax_id.id,
                    kind.printed_name()
                ),
            );
            None
        }
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match kind {
        TaxIdKind::Ioss => shaped(
            compact.len() == 12
                && compact.starts_with("IM")
                && digits(compact.get(2..).unwrap_or_default()),
            "\"IM\" and 10 digits",
            "IM2760000742",
            c,
        ),
        TaxIdKind::Eori => {
            let (country, rest) = (
                compact.get(..2).unwrap_or_default(),
                compact.get(2..).unwrap_or_default(),
            );
            shaped(
                country.len() == 2
                    && country.bytes().all(|b| b.is_ascii_uppercase())
                    && (1..=15).contains(&rest.len())
                    && rest.bytes().all(|b| b.is_ascii_alphanumeric()),
                "a country code and up to 15 letters or digits",
                "DE123456789012345",
                c,
            )
        }
        TaxIdKind::Voec => shaped(
            compact.len() == 7 && digits(&compact),
            "7 digits",
            "2024926",
            c,
        ),
        TaxIdKind::Vat | TaxIdKind::Other => {
            let id = c.keep(text::required(&tax_id.id, id_field))?;
            if id.chars().count() > 40 {
                c.push(
                    id_field,
                    ErrorKind::TooLong,
                    format!("is {} characters long; at most 40", id.chars().count()),
                );
                return None;
            }
            Some(ValidTaxId { kind, id })
        }
    }
}

/// `raw` as a calendar date `YYYY-MM-DD`, or why it is not one.
fn check_date(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!(
            "{raw:?} is not a date written YYYY-MM-DD, e.g. \"2026-12-01\""
        ));
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(format!("{raw:?} is not a date written YYYY-MM-DD"));
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("{raw:?} has no month {month}")),
    };
    if !(1..=days).contains(&day) || year < 1900 {
        return Err(format!("{raw:?} is not a day of the calendar"));
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_vague`] as first written: the words lowercased, collected and joined.
    fn is_vague_as_written(description: &str) -> bool {
        let lower = description.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let whole = words.join(" ");
        !words.is_empty()
            && (VAGUE.contains(&whole.as_str())
                || words
                    .iter()
                    .all(|w| VAGUE.contains(w) || FILLER.contains(w))
                    && words.iter().any(|w| VAGUE.contains(w)))
    }

    #[test]
    fn vague_descriptions() {
        assert!(VAGUE.iter().all(|p| p.split(' ').count() < PHRASE_WORDS));
        let vague = [
            "Gift",
            "A GIFT",
            "spare parts",
            "Spare  Parts!",
            "personal effects",
            "Various items",
            "assorted goods",
            "some stuff, for personal use",
            "stuff stuff stuff stuff stuff",
        ];
        let precise = [
            "",
            "---",
            "Cotton T-shirt, men's",
            "Ceramic coffee mug",
            "Gift box, cardboard",
            "Spare parts for a bicycle: chain",
            "stuff stuff stuff stuff stuff mug",
            "mug stuff stuff stuff stuff stuff",
            "Ｇｉｆｔ",
            "Geschenk",
            "硅胶厨房刮刀 (silicone spatula)",
        ];
        for d in vague {
            assert!(is_vague(d), "{d:?}");
        }
        for d in precise {
            assert!(!is_vague(d), "{d:?}");
        }
        // As first written, for these and for every vague or filler word and phrase in
        // capitals, with a character that lowercases to ASCII (the Kelvin sign) and with
        // words around.
        let mut all: Vec<String> = vague
            .iter()
            .chain(&precise)
            .map(|d| d.to_string())
            .collect();
        for w in VAGUE.iter().chain(FILLER) {
            all.push(w.to_uppercase());
            all.push(format!("{w} mug"));
            all.push(format!("the {w}"));
            all.push(w.replace('k', "\u{212A}"));
        }
        for d in &all {
            assert_eq!(is_vague(d), is_vague_as_written(d), "{d:?}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(check_date("2026-12-01").as_deref(), Ok("2026-12-01"));
        assert!(check_date("2028-02-29").is_ok());
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "01/12/2026",
            "",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }
}
