//! Validation errors: one per problem, each with the field path, a stable kind and a message.

use std::fmt;

/// What kind of rule a field broke: stable, for programs that react to errors.
///
/// ```
/// assert_eq!(shiplabel::ErrorKind::InvalidPostcode.code(), "invalid_postcode");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A required field is absent.
    Missing,
    /// A field is present but empty once white space is trimmed.
    Empty,
    /// A field is longer than allowed.
    TooLong,
    /// A list has more entries than allowed.
    TooMany,
    /// A field contains a control character (Unicode category Cc), such as a tab or a NUL.
    ControlCharacter,
    /// A field contains a bidirectional embedding, override or isolate control (U+202A to
    /// U+202E, U+2066 to U+2069), which would make the printed text read differently from
    /// the data.
    BidiControl,
    /// A field that must be printable ASCII contains another character.
    NotPrintableAscii,
    /// The country is not an ISO 3166-1 alpha-2 code that the address data knows.
    UnknownCountry,
    /// The postcode does not match the destination country's postcode format, or lies
    /// outside the region's postcode range.
    InvalidPostcode,
    /// The region (state, province, prefecture, …) is not one of the country's.
    UnknownRegion,
    /// The city is not one of the region's, in countries whose data lists cities.
    UnknownCity,
    /// A tracking number in the shape of a carrier's format (UPU S10, UPS `1Z…`, FedEx, …)
    /// whose check digit is wrong; the message gives the right one.
    InvalidCheckDigit,
    /// A tracking number that is none of the named carrier's formats; the message lists
    /// them, each with an example.
    UnknownTrackingFormat,
    /// A tracking number that is valid only for other carriers than the one named; the
    /// message names them.
    WrongCarrier,
    /// A tracking number valid for several carriers, with none named: `order.carrier`
    /// must say which.
    AmbiguousCarrier,
    /// A number outside its allowed range.
    OutOfRange,
    /// A character no bundled font can draw (an emoji, a script the fonts lack): it would
    /// print as a blank box.
    UncoveredCharacter,
    /// A name that is not one of the field's choices (a customs `form`, `contents`,
    /// `non_delivery` or tax id `kind`).
    UnknownValue,
    /// Not a decimal number in the field's form (money: digits, a point, at most the
    /// currency's minor digits).
    InvalidNumber,
    /// Not an ISO 4217 currency code.
    UnknownCurrency,
    /// Items of one customs declaration in more than one currency.
    MixedCurrencies,
    /// A customs description customs refuse alone ("gift", "goods", "parts"…).
    VagueDescription,
    /// Not a Harmonized System code of 6 to 10 digits.
    InvalidHsCode,
    /// Not a calendar date written `YYYY-MM-DD`.
    InvalidDate,
    /// A tax identifier not in its kind's shape (IOSS `IM` + 10 digits, …).
    InvalidTaxId,
    /// A customs form that does not fit the declaration (a CN22 for 300 SDR or more).
    WrongForm,
    /// Items heavier together than the parcel.
    OverWeight,
    /// An EU consignment of goods of €150 or less without the seller's IOSS number.
    IossRequired,
    /// Text that is not JSON at all (`Label::from_json`): the message says where.
    InvalidJson,
    /// A JSON field the order format does not have: a typo such as `postcod`.
    UnknownField,
    /// A JSON value of the wrong type: a number where text belongs, an object given as an
    /// array.
    InvalidType,
    /// A JSON field the order format requires, absent.
    MissingField,
    /// A JSON field given twice in one object.
    DuplicateField,
}

impl ErrorKind {
    /// The kind as a `snake_case` code, for logs and JSON.
    ///
    /// ```
    /// assert_eq!(shiplabel::ErrorKind::Missing.code(), "missing");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Missing => "missing",
            ErrorKind::Empty => "empty",
            ErrorKind::TooLong => "too_long",
            ErrorKind::TooMany => "too_many",
            ErrorKind::ControlCharacter => "control_character",
            ErrorKind::BidiControl => "bidi_control",
            ErrorKind::NotPrintableAscii => "not_printable_ascii",
            ErrorKind::UnknownCountry => "unknown_country",
            ErrorKind::InvalidPostcode => "invalid_postcode",
            ErrorKind::UnknownRegion => "unknown_region",
            ErrorKind::UnknownCity => "unknown_city",
            ErrorKind::InvalidCheckDigit => "invalid_check_digit",
            ErrorKind::UnknownTrackingFormat => "unknown_tracking_format",
            ErrorKind::WrongCarrier => "wrong_carrier",
            ErrorKind::AmbiguousCarrier => "ambiguous_carrier",
            ErrorKind::OutOfRange => "out_of_range",
            ErrorKind::UncoveredCharacter => "uncovered_character",
            ErrorKind::UnknownValue => "unknown_value",
            ErrorKind::InvalidNumber => "invalid_number",
            ErrorKind::UnknownCurrency => "unknown_currency",
            ErrorKind::MixedCurrencies => "mixed_currencies",
            ErrorKind::VagueDescription => "vague_description",
            ErrorKind::InvalidHsCode => "invalid_hs_code",
            ErrorKind::InvalidDate => "invalid_date",
            ErrorKind::InvalidTaxId => "invalid_tax_id",
            ErrorKind::WrongForm => "wrong_form",
            ErrorKind::OverWeight => "over_weight",
            ErrorKind::IossRequired => "ioss_required",
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::UnknownField => "unknown_field",
            ErrorKind::InvalidType => "invalid_type",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::DuplicateField => "duplicate_field",
        }
    }
}

impl ErrorKind {
    /// Every kind, in the order they are documented.
    ///
    /// ```
    /// assert!(shiplabel::ErrorKind::ALL.contains(&shiplabel::ErrorKind::InvalidPostcode));
    /// ```
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Missing,
        ErrorKind::Empty,
        ErrorKind::TooLong,
        ErrorKind::TooMany,
        ErrorKind::ControlCharacter,
        ErrorKind::BidiControl,
        ErrorKind::NotPrintableAscii,
        ErrorKind::UnknownCountry,
        ErrorKind::InvalidPostcode,
        ErrorKind::UnknownRegion,
        ErrorKind::UnknownCity,
        ErrorKind::InvalidCheckDigit,
        ErrorKind::OutOfRange,
        ErrorKind::UncoveredCharacter,
        ErrorKind::UnknownValue,
        ErrorKind::InvalidNumber,
        ErrorKind::UnknownCurrency,
        ErrorKind::MixedCurrencies,
        ErrorKind::VagueDescription,
        ErrorKind::InvalidHsCode,
        ErrorKind::InvalidDate,
        ErrorKind::InvalidTaxId,
        ErrorKind::WrongForm,
        ErrorKind::OverWeight,
        ErrorKind::IossRequired,
        ErrorKind::UnknownTrackingFormat,
        ErrorKind::WrongCarrier,
        ErrorKind::AmbiguousCarrier,
        ErrorKind::InvalidJson,
        ErrorKind::UnknownField,
        ErrorKind::InvalidType,
        ErrorKind::MissingField,
        ErrorKind::DuplicateField,
    ];
}

/// Not the code of an [`ErrorKind`].
///
/// ```
/// let err = "postcode".parse::<shiplabel::ErrorKind>().unwrap_err();
/// assert_eq!(err.to_string(), "\"postcode\" is not an error code");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an error code")]
pub struct UnknownErrorCode(String);

impl std::str::FromStr for ErrorKind {
    type Err = UnknownErrorCode;

    /// The kind whose [`code`](ErrorKind::code) is `s`.
    fn from_str(s: &str) -> Result<ErrorKind, UnknownErrorCode> {
        ErrorKind::ALL
            .iter()
            .copied()
            .find(|k| k.code() == s)
            .ok_or_else(|| UnknownErrorCode(s.to_owned()))
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem with one field of the input.
///
/// `Display` gives `field: message`, e.g.
/// `recipient.address.postcode: "NW1" is not a valid postcode for UNITED KINGDOM (e.g. "EC1Y 8SY")`.
///
/// ```
/// let label = shiplabel::Label::new(shiplabel::Order::new(""), Default::default(), Default::default());
/// let errors = label.validate().unwrap_err();
/// let first = errors.iter().next().unwrap();
/// assert_eq!(first.field(), "order.number");
/// assert_eq!(first.kind(), shiplabel::ErrorKind::Empty);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    field: String,
    kind: ErrorKind,
    message: String,
}

impl ValidationError {
    pub(crate) fn new(
        field: impl Into<String>,
        kind: ErrorKind,
        message: impl Into<String>,
    ) -> Self {
        ValidationError {
            field: field.into(),
            kind,
            message: message.into(),
        }
    }

    /// The same problem, reported at another field path.
    pub(crate) fn at(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The path of the field, e.g. `recipient.address.lines[1]` or `order.number`.
    ///
    /// ```
    /// let err = shiplabel::OrderNumber::try_from("").unwrap_err();
    /// assert_eq!(err.field(), "order.number");
    /// ```
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule that was broken.
    ///
    /// ```
    /// let err = shiplabel::CountryCode::try_from("XX").unwrap_err();
    /// assert_eq!(err.kind(), shiplabel::ErrorKind::UnknownCountry);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message (lowercase, without the field path).
    ///
    /// ```
    /// let err = shiplabel::OrderNumber::try_from("").unwrap_err();
    /// assert_eq!(err.message(), "must not be empty");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ValidationError {}

/// Every problem found in one label, in field order. Never empty.
///
/// `Display` prints one problem per line.
///
/// ```
/// let label = shiplabel::Label::new(shiplabel::Order::new("A\u{1}"), Default::default(), Default::default());
/// let errors = label.validate().unwrap_err();
/// assert!(errors.len() > 1);
/// assert!(errors.to_string().lines().any(|l| l.starts_with("seller.name: ")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
    /// The problems found. Every check that rejects a value records why, so `errors` is never
    /// empty; should that ever fail, the list still says that validation failed.
    pub(crate) fn new(mut errors: Vec<ValidationError>) -> Self {
        if errors.is_empty() {
            errors.push(ValidationError::new(
                "label",
                ErrorKind::Missing,
                "could not be validated",
            ));
        }
        ValidationErrors { errors }
    }

    /// The problems, in field order.
    ///
    /// ```
    /// # let label = shiplabel::Label::new(Default::default(), Default::default(), Default::default());
    /// let errors = label.validate().unwrap_err();
    /// let fields: Vec<&str> = errors.iter().map(|e| e.field()).collect();
    /// assert_eq!(fields[0], "order.number");
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    /// How many problems there are (at least one).
    ///
    /// ```
    /// # let label = shiplabel::Label::new(Default::default(), Default::default(), Default::default());
    /// assert!(label.validate().unwrap_err().len() >= 1);
    /// ```
    #[allow(clippy::len_without_is_empty)] // never empty by construction
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The problems, by value.
    ///
    /// ```
    /// # let label = shiplabel::Label::new(Default::default(), Default::default(), Default::default());
    /// let errors: Vec<shiplabel::ValidationError> = label.validate().unwrap_err().into_vec();
    /// assert!(!errors.is_empty());
    /// ```
    pub fn into_vec(self) -> Vec<ValidationError> {
        self.errors
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
