//! Newtypes that can only hold valid values: order number, tracking number, country code,
//! postcode. Each is built with `TryFrom` (or `Postcode::parse`, which needs the country).

use std::fmt;
use std::sync::OnceLock;

use super::error::{ErrorKind, ValidationError};
use super::text::describe_char;
use crate::address::{self, Country};
use crate::carrier::{self, CarrierId, FormatId, Identity, Problem};
use crate::limits::{MAX_POSTCODE_CHARS, MAX_TEXT_CHARS};

/// `raw` without leading and trailing spaces, when it is non-empty printable ASCII (`' '` to
/// `'~'`); otherwise the error, naming the first other character and its 1-based position in
/// `raw` as given.
fn printable_ascii<'a>(raw: &'a str, field: &str) -> Result<&'a str, ValidationError> {
    let s = raw.trim_matches(' ');
    if s.is_empty() {
        return Err(ValidationError::new(
            field,
            ErrorKind::Empty,
            "must not be empty",
        ));
    }
    if let Some((pos, c)) = raw
        .chars()
        .enumerate()
        .find(|(_, c)| !(' '..='~').contains(c))
    {
        let kind = if c.is_control() {
            ErrorKind::ControlCharacter
        } else {
            ErrorKind::NotPrintableAscii
        };
        return Err(ValidationError::new(
            field,
            kind,
            format!(
                "must be printable ASCII: {} at position {} is not",
                describe_char(c),
                pos + 1
            ),
        ));
    }
    Ok(s)
}

fn too_long(field: &str, len: usize, max: usize) -> ValidationError {
    ValidationError::new(
        field,
        ErrorKind::TooLong,
        format!("is {len} characters long; at most {max} are allowed"),
    )
}

/// An order number: 1 to 48 printable ASCII characters (`' '` to `'~'`), leading and
/// trailing spaces trimmed.
///
/// Printable ASCII is what Code 128 set B carries and every scanner reports unchanged. How
/// many characters fit the label's Code 128 depends on them: runs of digits pack two to a
/// symbol: on a 4 × 6 in label at 203 dpi, 38 digits or 19 letters fit at the narrowest
/// module (0.33 mm). An order number too wide for the label is refused when it is laid out,
/// with the longest that fits
/// ([`LayoutError::BarcodeTooWide`](crate::LayoutError::BarcodeTooWide)).
///
/// ```
/// use shiplabel::OrderNumber;
/// let n = OrderNumber::try_from(" TT-2026-000123 ").unwrap();
/// assert_eq!(n.as_str(), "TT-2026-000123");
/// let err = OrderNumber::try_from("Nº-12").unwrap_err();
/// assert_eq!(err.message(), "must be printable ASCII: 'º' (U+00BA) at position 2 is not");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrderNumber(String);

impl OrderNumber {
    /// The most characters an order number may have.
    ///
    /// ```
    /// let longest = "7".repeat(shiplabel::OrderNumber::MAX_LEN);
    /// assert!(shiplabel::OrderNumber::try_from(longest.as_str()).is_ok());
    /// ```
    pub const MAX_LEN: usize = 48;

    /// The order number.
    ///
    /// ```
    /// assert_eq!(shiplabel::OrderNumber::try_from("A1").unwrap().as_str(), "A1");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for OrderNumber {
    type Error = ValidationError;

    /// # Errors
    ///
    /// [`ErrorKind::Empty`], [`ErrorKind::NotPrintableAscii`] or
    /// [`ErrorKind::ControlCharacter`] (naming the character and its position), or
    /// [`ErrorKind::TooLong`] over [`OrderNumber::MAX_LEN`] characters.
    fn try_from(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "order.number";
        let s = printable_ascii(raw, FIELD)?;
        if s.len() > Self::MAX_LEN {
            return Err(too_long(FIELD, s.len(), Self::MAX_LEN));
        }
        Ok(OrderNumber(s.to_owned()))
    }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A carrier tracking number, checked against its carrier's formats.
///
/// Spaces are removed first (receipts print `1Z 999 AA1 01 2345 6784`). Then:
///
/// - with a carrier the crate knows (see [`TrackingNumber::parse`]), the number must be one
///   of that carrier's formats with a correct check digit where the format has one (for
///   carriers that also issue numbers the data does not describe, the posts, DHL, DPD,
///   Canada Post, EMS, other numbers are accepted too);
/// - with no carrier, the carrier is found from a number with letters (UPS `1Z…`, S10,
///   OnTrac `C…`) when exactly one carrier's format and check digit match it
///   ([`TrackingNumber::carrier`]); an all-digit number names no carrier, since one random
///   number in 7 to 10 has a right check digit for one of the all-digit formats;
/// - a number of no format the crate knows (or of a carrier it does not know) is accepted as
///   1 to 40 printable ASCII characters, except that a number with letters in the shape of a
///   format with a check digit (UPU S10, whatever its country; UPS `1Z…`) must have a right
///   check digit.
///
/// A number of a shape the crate knows (a valid S10 number above all) is kept in its
/// canonical form (no spaces, capitals), which the label, its barcode and its QR code
/// print; any other as given.
///
/// ```
/// use shiplabel::TrackingNumber;
/// let t = TrackingNumber::try_from("rr473124829gb").unwrap();
/// assert_eq!(t.as_str(), "RR473124829GB");
/// assert!(t.is_s10());
/// assert_eq!(t.carrier(), Some("Royal Mail"));
/// assert!(TrackingNumber::try_from("RR473124828GB").is_err());
/// // S10 whatever the country: its check digit is checked, its form canonical.
/// assert!(TrackingNumber::try_from("RR473124828XK").is_err());
/// let t = TrackingNumber::parse("rr 473 124 829 xk", Some("Acme Couriers")).unwrap();
/// assert_eq!((t.as_str(), t.is_s10()), ("RR473124829XK", true));
/// // All digits: no carrier is found from them (name it).
/// assert_eq!(TrackingNumber::try_from("986578788855").unwrap().carrier(), None);
/// let ups = TrackingNumber::try_from("1Z 5R8 939 03 5756 7127").unwrap();
/// assert_eq!((ups.as_str(), ups.carrier()), ("1Z5R89390357567127", Some("UPS")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TrackingNumber {
    value: String,
    s10: bool,
    carrier: Option<CarrierId>,
    format: Option<FormatId>,
}

impl TrackingNumber {
    /// The most characters a tracking number may have (spaces between its characters not
    /// counted when it is of a known format).
    ///
    /// ```
    /// let too_long = "7".repeat(shiplabel::TrackingNumber::MAX_LEN + 1);
    /// assert!(shiplabel::TrackingNumber::try_from(too_long.as_str()).is_err());
    /// ```
    pub const MAX_LEN: usize = 40;

    /// Checks `raw` as a tracking number of `carrier`, as [`Label::validate`](crate::Label::validate)
    /// checks `order.tracking` against `order.carrier`.
    ///
    /// Carriers are named case-insensitively, spaces and punctuation aside, by name or
    /// code: `UPS`, `fedex`, `USPS`, `DHL`, `Royal Mail`, `China Post`, `EMS`, `J&T`,
    /// `SF Express`, `Cainiao`, `YunExpress`, `Canada Post`, `DPD`, … and every post by its
    /// name in the UPU's list (`Deutsche Post`, `La Poste`, `PostNL`, …), alone or followed
    /// by a service (`UPS Ground`, `FedEx Home Delivery`, `Royal Mail Tracked 48`,
    /// `DHL Paket`: leading words that start no other carrier's name).
    ///
    /// A post takes the UPU S10 numbers of every post (it delivers the items other posts
    /// send it under their number; [`TrackingNumber::tracking_url`] is then the issuing
    /// post's page) and, like DHL, DPD, Canada Post and EMS, which also issue numbers the
    /// data does not describe, any number but another carrier's lettered one: an all-digit
    /// number in one of their shapes with a wrong check digit may be one of their others.
    /// Only a number with letters is another carrier's ([`ErrorKind::WrongCarrier`]): an
    /// all-digit one may be anyone's.
    ///
    /// A carrier the crate does not know is no error: the number is then checked as with no
    /// carrier (a wrong check digit in a lettered shape is refused), but not assigned to
    /// one.
    ///
    /// # Errors
    ///
    /// As [`TryFrom<&str>`](#impl-TryFrom%3C%26str%3E-for-TrackingNumber), and, for a known
    /// carrier: [`ErrorKind::WrongCarrier`] when the number has letters and is valid only
    /// for other carriers (named in the message), [`ErrorKind::InvalidCheckDigit`] in the
    /// shape of one of the carrier's formats with a wrong check digit, or of any format for
    /// a number with letters (the message gives the right one), and
    /// [`ErrorKind::UnknownTrackingFormat`] otherwise, for a carrier whose numbers the data
    /// describes all of (the message lists the carrier's formats with an example of each).
    ///
    /// # Examples
    ///
    /// ```
    /// use shiplabel::{ErrorKind, TrackingNumber};
    /// let t = TrackingNumber::parse("986578788855", Some("fedex")).unwrap();
    /// assert_eq!(t.carrier(), Some("FedEx"));
    /// assert_eq!(t.format(), Some("FedEx Express (12)"));
    /// let err = TrackingNumber::parse("1Z5R89390357567127", Some("FedEx")).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::WrongCarrier);
    /// // A service after the carrier's name.
    /// let t = TrackingNumber::parse("1Z5R89390357567127", Some("UPS Ground")).unwrap();
    /// assert_eq!(t.carrier(), Some("UPS"));
    /// let err = TrackingNumber::parse("1Z5R89390357567128", Some("UPS Ground")).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidCheckDigit);
    /// // DHL Paket's 20 digits, which the data does not describe.
    /// let t = TrackingNumber::parse("00340434161094042557", Some("DHL Paket")).unwrap();
    /// assert_eq!((t.carrier(), t.format()), (Some("DHL"), None));
    /// // China Post's item, delivered by Royal Mail: tracked on China Post's page.
    /// let t = TrackingNumber::parse("LX473124829CN", Some("Royal Mail")).unwrap();
    /// assert_eq!(t.tracking_url().as_deref(), Some("https://yjcx.ems.com.cn/qps/english/yjcx"));
    /// // A carrier the crate does not know: accepted as given, checked as with none.
    /// let t = TrackingNumber::parse("ZX-0042", Some("Acme Couriers")).unwrap();
    /// assert_eq!((t.as_str(), t.carrier()), ("ZX-0042", None));
    /// let err = TrackingNumber::parse("1Z5R89390357567128", Some("Acme Couriers")).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidCheckDigit);
    /// ```
    pub fn parse(raw: &str, carrier: Option<&str>) -> Result<TrackingNumber, ValidationError> {
        let carrier = carrier.filter(|c| !c.trim().is_empty());
        Self::parse_for(raw, carrier.map(carrier::find_carrier))
    }

    /// [`TrackingNumber::parse`] with the carrier looked up already: `None` when none was
    /// named (or a blank name), else the one the crate knows by the name given, if any.
    pub(crate) fn parse_for(
        raw: &str,
        carrier: Option<Option<CarrierId>>,
    ) -> Result<TrackingNumber, ValidationError> {
        const FIELD: &str = "order.tracking";
        let trimmed = printable_ascii(raw, FIELD)?;
        let mut compact = String::with_capacity(trimmed.len().min(Self::MAX_LEN + 1));
        compact.extend(
            trimmed
                .chars()
                .filter(|c| *c != ' ')
                .map(|c| c.to_ascii_uppercase()),
        );
        if compact.len() > Self::MAX_LEN {
            return Err(too_long(FIELD, compact.len(), Self::MAX_LEN));
        }
        let s10 =
            s10_parts(&compact).is_some_and(|(serial, check)| check == s10_check_digit(&serial));
        // Canonical (no spaces, capitals) when of a shape the data knows, S10 above all.
        let fits = carrier::Fits::of(&compact);
        let canonical = s10 || fits.known_shape();
        // Whose number it is: (carrier, format), or what is wrong with it.
        let named = carrier.flatten();
        let found = if carrier == Some(None) {
            // A carrier the crate does not know: the number is checked as with none named
            // (a wrong check digit in a lettered shape is an error), but not assigned to
            // the carrier it looks like, nor refused for looking like several.
            match carrier::identify_in(&fits, &compact, None) {
                Err(problem @ Problem::CheckDigit { .. }) => Err(problem),
                _ => Ok((None, None)),
            }
        } else {
            match carrier::identify_in(&fits, &compact, named) {
                Ok(Identity::Known(carrier, format)) => Ok((Some(carrier), format)),
                Ok(Identity::Unknown) => Ok((None, None)),
                Err(problem) => Err(problem),
            }
        };
        let (carrier, format) = found.map_err(|problem| {
            ValidationError::new(
                FIELD,
                problem_kind(&problem),
                problem_message(&problem, &compact),
            )
        })?;
        let value = if canonical {
            compact
        } else if trimmed.len() > Self::MAX_LEN {
            return Err(too_long(FIELD, trimmed.len(), Self::MAX_LEN));
        } else {
            trimmed.to_owned()
        };
        Ok(TrackingNumber {
            value,
            s10,
            carrier,
            format,
        })
    }

    /// The tracking number, in its canonical form when it is of a known format (no spaces,
    /// capitals).
    ///
    /// ```
    /// assert_eq!(shiplabel::TrackingNumber::try_from("1Z999").unwrap().as_str(), "1Z999");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether this is a UPU S10 number (with a verified check digit).
    ///
    /// ```
    /// assert!(shiplabel::TrackingNumber::try_from("RR473124829GB").unwrap().is_s10());
    /// ```
    pub fn is_s10(&self) -> bool {
        self.s10
    }

    /// The carrier the number is of, by the crate's name for it: the one named, when the
    /// crate knows it (`UPS` for `ups ground`), or the one found from the number (`None`
    /// when neither).
    ///
    /// ```
    /// let t = shiplabel::TrackingNumber::try_from("EE000000080CN").unwrap();
    /// assert_eq!(t.carrier(), Some("China Post"));
    /// ```
    pub fn carrier(&self) -> Option<&'static str> {
        self.carrier.map(CarrierId::name)
    }

    /// The format the number matched, as the data names it (`S10`, `UPS`,
    /// `FedEx Express (12)`, `USPS IMpb N`, …), if any.
    ///
    /// ```
    /// let t = shiplabel::TrackingNumber::try_from("RR473124829GB").unwrap();
    /// assert_eq!(t.format(), Some("S10"));
    /// ```
    pub fn format(&self) -> Option<&'static str> {
        self.format.map(FormatId::name)
    }

    /// The carrier's official page for this number, when the crate knows one: the format's
    /// page from the data, for UPU S10 numbers the issuing post's (by the last two letters;
    /// Royal Mail, China Post, USPS and Canada Post). China Post's page asks for the number
    /// itself: it is the one page without the number in it.
    ///
    /// ```
    /// let t = shiplabel::TrackingNumber::try_from("1Z5R89390357567127").unwrap();
    /// assert_eq!(
    ///     t.tracking_url().as_deref(),
    ///     Some("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z5R89390357567127")
    /// );
    /// let unknown = shiplabel::TrackingNumber::try_from("ZX-0042").unwrap();
    /// assert_eq!(unknown.tracking_url(), None);
    /// ```
    pub fn tracking_url(&self) -> Option<String> {
        carrier::tracking_url(self.carrier?, self.format, &self.value)
    }
}

fn problem_kind(problem: &Problem) -> ErrorKind {
    match problem {
        Problem::CheckDigit { .. } => ErrorKind::InvalidCheckDigit,
        Problem::WrongCarrier { .. } => ErrorKind::WrongCarrier,
        Problem::Ambiguous { .. } => ErrorKind::AmbiguousCarrier,
        Problem::NotOfCarrier { .. } => ErrorKind::UnknownTrackingFormat,
    }
}

/// `A`, `A and B`, `A, B and C`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `UPS (UPS Waybill)`, or `Royal Mail (S10)`, for each match.
fn matches_list(matches: &[carrier::Match]) -> String {
    let names: Vec<String> = matches
        .iter()
        .map(|(c, f)| format!("{} ({})", c.name(), f.name()))
        .collect();
    and_list(&names)
}

fn problem_message(problem: &Problem, number: &str) -> String {
    match problem {
        Problem::CheckDigit {
            carrier,
            format,
            serial,
            given,
            expected,
        } => {
            let gives =
                expected.map_or_else(|| "calls for another".to_owned(), |e| format!("gives {e}"));
            match carrier {
                None => format!(
                    "{number:?} has the UPU S10 shape but its check digit is {given}; \
                     the serial number {serial} {gives}"
                ),
                Some(c) => format!(
                    "{number:?} has the shape of a {} number ({}) but its check digit is \
                     {given}; the serial number {serial} {gives}",
                    c.name(),
                    format.name()
                ),
            }
        }
        Problem::WrongCarrier { named, actual } => format!(
            "{number:?} is a tracking number of {}, not of {}; name the right carrier in \
             order.carrier, or give a {} number",
            matches_list(actual),
            named.name(),
            named.name()
        ),
        Problem::Ambiguous { candidates } => format!(
            "{number:?} is a valid tracking number of {}; name the carrier in order.carrier",
            matches_list(candidates)
        ),
        Problem::NotOfCarrier { named, expected } => {
            let formats: Vec<String> = expected
                .iter()
                .map(|(name, example)| format!("{name} (e.g. {example:?})"))
                .collect();
            let formats = if formats.len() > 1 {
                format!(
                    "one of {}",
                    and_list(&formats).replacen(" and ", " or ", usize::from(formats.len() == 2))
                )
            } else {
                and_list(&formats)
            };
            format!(
                "{number:?} is not a {} tracking number; expected {formats}",
                named.name()
            )
        }
    }
}

/// The UPU S10 check digit of an 8-digit serial number: weights 8 6 4 2 3 5 9 7,
/// C = 11 − (sum mod 11), with 10 → 0 and 11 → 5.
pub(crate) fn s10_check_digit(serial: &[u8; 8]) -> u8 {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let sum: u32 = serial
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c as u8,
    }
}

/// `Some(serial digits, check digit)` when `s` has the S10 shape (case-insensitive).
fn s10_parts(s: &str) -> Option<([u8; 8], u8)> {
    let b = s.as_bytes();
    if b.len() != 13 {
        return None;
    }
    let (prefix, digits, suffix) = (b.get(..2)?, b.get(2..11)?, b.get(11..)?);
    if !prefix.iter().all(u8::is_ascii_alphabetic)
        || !digits.iter().all(u8::is_ascii_digit)
        || !suffix.iter().all(u8::is_ascii_alphabetic)
    {
        return None;
    }
    let mut serial = [0u8; 8];
    for (d, c) in serial.iter_mut().zip(digits) {
        *d = c - b'0';
    }
    Some((serial, digits.get(8)? - b'0'))
}

impl TryFrom<&str> for TrackingNumber {
    type Error = ValidationError;

    /// Checks `raw` with no carrier named: [`TrackingNumber::parse`]`(raw, None)`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidCheckDigit`] for a number with letters in the shape of a format
    /// with a check digit (UPU S10 whatever its country, UPS `1Z…`, OnTrac, UPS Waybill, DPD
    /// with a check letter) whose check digit is wrong; [`ErrorKind::AmbiguousCarrier`] for
    /// a number with letters valid for several carriers (name one); [`ErrorKind::Empty`], [`ErrorKind::NotPrintableAscii`],
    /// [`ErrorKind::ControlCharacter`] or [`ErrorKind::TooLong`] (over
    /// [`TrackingNumber::MAX_LEN`]) otherwise.
    fn try_from(raw: &str) -> Result<Self, ValidationError> {
        TrackingNumber::parse(raw, None)
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

/// An ISO 3166-1 alpha-2 country code that the bundled address data knows, in capitals.
///
/// ```
/// use shiplabel::CountryCode;
/// let gb = CountryCode::try_from(" gb ").unwrap();
/// assert_eq!(gb.as_str(), "GB");
/// assert_eq!(gb.name(), "UNITED KINGDOM");
/// let err = CountryCode::try_from("UK").unwrap_err();
/// assert_eq!(err.message(), r#""UK" is not an ISO 3166-1 alpha-2 country code; did you mean "GB" (UNITED KINGDOM)?"#);
/// ```
#[derive(Clone, Copy)]
pub struct CountryCode(&'static Country);

impl CountryCode {
    /// The two-letter code, e.g. `GB`.
    ///
    /// ```
    /// assert_eq!(shiplabel::CountryCode::try_from("de").unwrap().as_str(), "DE");
    /// ```
    pub fn as_str(&self) -> &'static str {
        self.0.code
    }

    /// The country's English name in capitals, as printed on the last line of an
    /// international address (UPU practice), e.g. `GERMANY`.
    ///
    /// ```
    /// assert_eq!(shiplabel::CountryCode::try_from("DE").unwrap().name(), "GERMANY");
    /// ```
    pub fn name(&self) -> &'static str {
        self.0.name
    }

    pub(crate) fn rules(&self) -> &'static Country {
        self.0
    }
}

impl PartialEq for CountryCode {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for CountryCode {}

impl std::hash::Hash for CountryCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CountryCode").field(&self.as_str()).finish()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Codes people write instead of the ISO alpha-2 code, and the code they mean: the
/// exceptionally reserved `UK` and `EL`, and the alpha-3 codes of common destinations.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("ARE", "AE"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("BEL", "BE"),
    ("BRA", "BR"),
    ("CAN", "CA"),
    ("CHE", "CH"),
    ("CHN", "CN"),
    ("DEU", "DE"),
    ("DNK", "DK"),
    ("EL", "GR"),
    ("ESP", "ES"),
    ("FRA", "FR"),
    ("GBR", "GB"),
    ("HKG", "HK"),
    ("IDN", "ID"),
    ("IND", "IN"),
    ("IRL", "IE"),
    ("ITA", "IT"),
    ("JPN", "JP"),
    ("KOR", "KR"),
    ("MEX", "MX"),
    ("MYS", "MY"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NZL", "NZ"),
    ("PHL", "PH"),
    ("POL", "PL"),
    ("PRT", "PT"),
    ("SAU", "SA"),
    ("SGP", "SG"),
    ("SWE", "SE"),
    ("THA", "TH"),
    ("TUR", "TR"),
    ("TWN", "TW"),
    ("UK", "GB"),
    ("USA", "US"),
    ("VNM", "VN"),
];

impl TryFrom<&str> for CountryCode {
    type Error = ValidationError;

    /// # Errors
    ///
    /// [`ErrorKind::Empty`], [`ErrorKind::ControlCharacter`], [`ErrorKind::TooLong`] over
    /// [`MAX_TEXT_CHARS`](crate::MAX_TEXT_CHARS) characters, or
    /// [`ErrorKind::UnknownCountry`] with a hint when the input is a common alias (`UK`,
    /// `USA`) or an English country name.
    fn try_from(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "address.country";
        super::text::reject_control(raw, FIELD)?;
        let s = raw.trim();
        let len = s.chars().count();
        if len > MAX_TEXT_CHARS {
            return Err(too_long(FIELD, len, MAX_TEXT_CHARS));
        }
        if s.is_empty() {
            return Err(ValidationError::new(
                FIELD,
                ErrorKind::Empty,
                "must not be empty; expected an ISO 3166-1 alpha-2 code such as \"US\"",
            ));
        }
        // Most come as the code: looked up without an allocation.
        if let [a, b] = s.as_bytes()
            && let Ok(code) = std::str::from_utf8(&[a.to_ascii_uppercase(), b.to_ascii_uppercase()])
            && let Some(country) = address::country(code)
        {
            return Ok(CountryCode(country));
        }
        let upper = s.to_uppercase();
        if upper.len() == 2
            && let Some(country) = address::country(&upper)
        {
            return Ok(CountryCode(country));
        }
        let alias = COUNTRY_ALIASES
            .iter()
            .find(|(alias, _)| *alias == upper)
            .map(|(_, code)| *code);
        let by_name = address::COUNTRIES
            .iter()
            .find(|c| c.name == upper)
            .map(|c| c.code);
        let message = match alias.or(by_name).and_then(address::country) {
            Some(meant) => format!(
                "{s:?} is not an ISO 3166-1 alpha-2 country code; did you mean {:?} ({})?",
                meant.code, meant.name
            ),
            None => format!(
                "{s:?} is not a known ISO 3166-1 alpha-2 country code; expected two letters such as \"US\", \"GB\" or \"DE\""
            ),
        };
        Err(ValidationError::new(
            FIELD,
            ErrorKind::UnknownCountry,
            message,
        ))
    }
}

/// A postcode, normalised (trimmed, runs of spaces collapsed, upper case) and matched in full
/// against its country's postcode format.
///
/// ```
/// use shiplabel::{CountryCode, Postcode};
/// let gb = CountryCode::try_from("GB").unwrap();
/// assert_eq!(Postcode::parse(" nw1  6xe", gb).unwrap().as_str(), "NW1 6XE");
/// let err = Postcode::parse("NW1", gb).unwrap_err();
/// assert_eq!(err.kind(), shiplabel::ErrorKind::InvalidPostcode);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Postcode(String);

impl Postcode {
    /// Normalises `raw` and checks it against `country`'s postcode pattern.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`] for a blank postcode, [`ErrorKind::InvalidPostcode`] when it does
    /// not match the whole pattern (the message gives an example of a valid one),
    /// [`ErrorKind::ControlCharacter`] for a control character, and [`ErrorKind::TooLong`]
    /// over [`MAX_POSTCODE_CHARS`](crate::MAX_POSTCODE_CHARS) characters (checked first).
    ///
    /// # Examples
    ///
    /// ```
    /// use shiplabel::{CountryCode, Postcode};
    /// let us = CountryCode::try_from("US").unwrap();
    /// assert!(Postcode::parse("94043-1234", us).is_ok());
    /// assert!(Postcode::parse("94043-12345", us).is_err());
    /// ```
    pub fn parse(raw: &str, country: CountryCode) -> Result<Postcode, ValidationError> {
        const FIELD: &str = "address.postcode";
        super::text::reject_control(raw, FIELD)?;
        let len = raw.trim().chars().count();
        if len > MAX_POSTCODE_CHARS {
            return Err(too_long(FIELD, len, MAX_POSTCODE_CHARS));
        }
        // Japan's postcode mark 〒 is not part of the postcode.
        let mut normalised = String::with_capacity(raw.len());
        for word in raw.split_whitespace() {
            if !normalised.is_empty() {
                normalised.push(' ');
            }
            normalised.push_str(word);
        }
        if normalised.is_ascii() {
            normalised.make_ascii_uppercase();
        } else {
            normalised = normalised.to_uppercase();
            let mark = normalised.trim_start_matches('〒').trim_start();
            if mark.len() != normalised.len() {
                normalised = mark.to_owned();
            }
        }
        if normalised.is_empty() {
            return Err(ValidationError::new(
                FIELD,
                ErrorKind::Empty,
                "must not be empty",
            ));
        }
        let rules = country.rules();
        // A canonical form is one that matched the country's pattern already.
        let (normalised, matches) = match canonical(rules, &normalised) {
            Some(canonical) => (canonical, true),
            None => {
                let matches = rules.postcode_matches(&normalised);
                (normalised, matches)
            }
        };
        if !matches {
            let example = super::text::example_suffix(rules.postcode_example());
            return Err(ValidationError::new(
                FIELD,
                ErrorKind::InvalidPostcode,
                format!(
                    "{normalised:?} is not a valid postcode for {}{example}",
                    rules.name
                ),
            ));
        }
        Ok(Postcode(normalised))
    }

    /// The normalised postcode.
    ///
    /// ```
    /// let fr = shiplabel::CountryCode::try_from("FR").unwrap();
    /// assert_eq!(shiplabel::Postcode::parse("75004", fr).unwrap().as_str(), "75004");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The postcode in the form the country's examples show, whatever separators it was typed
/// with (`NW16XE`, `01.310 200`, `K1A-0B1`, `75 004` become `NW1 6XE`, `01310-200`, `K1A 0B1`,
/// `75004`), when that form matches the country's pattern: the post reads the canonical form
/// best. `None` when no such form matches.
fn canonical(rules: &Country, postcode: &str) -> Option<String> {
    let mut bare = String::with_capacity(postcode.len());
    bare.extend(postcode.chars().filter(|c| !matches!(c, ' ' | '-' | '.')));
    with_separator(rules, &bare).or_else(|| rules.postcode_matches(&bare).then_some(bare))
}

/// `postcode` (without separators) with the separator where the country's examples have one,
/// when that matches the pattern.
fn with_separator(rules: &Country, postcode: &str) -> Option<String> {
    let chars = postcode.chars().count();
    separator_shapes(rules)
        .iter()
        .find_map(|&(separator, after)| {
            let split = postcode.char_indices().nth(chars.checked_sub(after)?)?.0;
            let (head, tail) = postcode.split_at(split);
            let candidate = format!("{head}{separator}{tail}");
            (!head.is_empty() && rules.postcode_matches(&candidate)).then_some(candidate)
        })
}

/// (separator, characters after it) of the country's examples with exactly one separator,
/// most common first, ties in the data's order: worked out once per country.
fn separator_shapes(rules: &Country) -> &'static [(char, usize)] {
    static SHAPES: OnceLock<Vec<Vec<(char, usize)>>> = OnceLock::new();
    let all = SHAPES.get_or_init(|| address::COUNTRIES.iter().map(shapes_of).collect());
    address::position(rules.code)
        .and_then(|i| all.get(i))
        .map_or(&[], Vec::as_slice)
}

fn shapes_of(rules: &Country) -> Vec<(char, usize)> {
    let mut shapes: Vec<((char, usize), usize)> = Vec::new();
    for example in rules.zipex {
        let mut separators = example
            .char_indices()
            .filter(|(_, c)| *c == ' ' || *c == '-');
        if let (Some((at, separator)), None) = (separators.next(), separators.next()) {
            let after = example.get(at + 1..).map_or(0, |rest| rest.chars().count());
            match shapes
                .iter_mut()
                .find(|(shape, _)| *shape == (separator, after))
            {
                Some((_, count)) => *count += 1,
                None => shapes.push(((separator, after), 1)),
            }
        }
    }
    shapes.sort_by_key(|shape| std::cmp::Reverse(shape.1));
    shapes.into_iter().map(|(shape, _)| shape).collect()
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each row: input, the value kept, or the exact message.
    #[test]
    fn order_numbers() {
        let ok: &[(&str, &str)] = &[
            ("TT-2026-000123", "TT-2026-000123"),
            ("  7 ", "7"),
            ("A B", "A B"), // inner spaces are part of the number
            (
                "~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}",
                "~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}",
            ),
        ];
        for (raw, kept) in ok {
            assert_eq!(
                OrderNumber::try_from(*raw).unwrap().as_str(),
                *kept,
                "{raw:?}"
            );
        }
        assert_eq!(
            OrderNumber::try_from("X".repeat(48).as_str())
                .unwrap()
                .as_str()
                .len(),
            48
        );
        let bad: &[(&str, ErrorKind, &str)] = &[
            ("", ErrorKind::Empty, "must not be empty"),
            ("   ", ErrorKind::Empty, "must not be empty"),
            (
                "ORDÉR-1",
                ErrorKind::NotPrintableAscii,
                "must be printable ASCII: 'É' (U+00C9) at position 4 is not",
            ),
            (
                "A\tB",
                ErrorKind::ControlCharacter,
                "must be printable ASCII: U+0009 at position 2 is not",
            ),
            (
                "AB\u{7f}",
                ErrorKind::ControlCharacter,
                "must be printable ASCII: U+007F at position 3 is not",
            ),
            // Positions count from the start of the input, leading spaces included.
            (
                "  A\nB",
                ErrorKind::ControlCharacter,
                "must be printable ASCII: U+000A at position 4 is not",
            ),
        ];
        for (raw, kind, msg) in bad {
            let err = OrderNumber::try_from(*raw).unwrap_err();
            assert_eq!((err.kind(), err.message()), (*kind, *msg), "{raw:?}");
            assert_eq!(err.field(), "order.number");
        }
        let err = OrderNumber::try_from("X".repeat(49).as_str()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "order.number: is 49 characters long; at most 48 are allowed"
        );
    }

    #[test]
    fn s10_check_digits_follow_the_upu_algorithm() {
        // 47312482: 4*8+7*6+3*4+1*2+2*3+4*5+8*9+2*7 = 32+42+12+2+6+20+72+14 = 200;
        // 200 mod 11 = 2; 11 - 2 = 9.
        assert_eq!(s10_check_digit(&[4, 7, 3, 1, 2, 4, 8, 2]), 9);
        // 00000000: sum 0, 11 - 0 = 11 -> 5.
        assert_eq!(s10_check_digit(&[0; 8]), 5);
        // 00000001: sum 7, 11 - 7 = 4.
        assert_eq!(s10_check_digit(&[0, 0, 0, 0, 0, 0, 0, 1]), 4);
        // 00000006: 6*7 = 42, 42 mod 11 = 9, 11 - 9 = 2.
        assert_eq!(s10_check_digit(&[0, 0, 0, 0, 0, 0, 0, 6]), 2);
        // 10000000: 8, 11 - 8 = 3.
        assert_eq!(s10_check_digit(&[1, 0, 0, 0, 0, 0, 0, 0]), 3);
        // 00000008: 8*7 = 56; 56 mod 11 = 1; 11 - 1 = 10 -> 0.
        assert_eq!(s10_check_digit(&[0, 0, 0, 0, 0, 0, 0, 8]), 0);
    }

    #[test]
    fn tracking_numbers() {
        let t = TrackingNumber::try_from("RR473124829GB").unwrap();
        assert!(t.is_s10());
        assert_eq!(
            TrackingNumber::try_from("EE000000080CN").unwrap().as_str(),
            "EE000000080CN"
        );
        let err = TrackingNumber::try_from("RR473124828GB").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidCheckDigit);
        assert_eq!(
            err.to_string(),
            "order.tracking: \"RR473124828GB\" has the UPU S10 shape but its check digit is 8; \
             the serial number 47312482 gives 9"
        );
        // Other carriers' formats: printable ASCII, at most 40.
        let ups = TrackingNumber::try_from("1Z999AA10123456784").unwrap();
        assert!(!ups.is_s10());
        assert!(TrackingNumber::try_from("9".repeat(40).as_str()).is_ok());
        let err = TrackingNumber::try_from("9".repeat(41).as_str()).unwrap_err();
        assert_eq!(
            err.message(),
            "is 41 characters long; at most 40 are allowed"
        );
        let err = TrackingNumber::try_from("JD０１").unwrap_err();
        assert_eq!(
            err.message(),
            "must be printable ASCII: '０' (U+FF10) at position 3 is not"
        );
    }

    #[test]
    fn country_codes() {
        assert_eq!(CountryCode::try_from("us").unwrap().as_str(), "US");
        assert_eq!(CountryCode::try_from("HK").unwrap().name(), "HONG KONG");
        let cases: &[(&str, &str)] = &[
            (
                "UK",
                r#""UK" is not an ISO 3166-1 alpha-2 country code; did you mean "GB" (UNITED KINGDOM)?"#,
            ),
            (
                "usa",
                r#""usa" is not an ISO 3166-1 alpha-2 country code; did you mean "US" (UNITED STATES)?"#,
            ),
            (
                "Germany",
                r#""Germany" is not an ISO 3166-1 alpha-2 country code; did you mean "DE" (GERMANY)?"#,
            ),
            (
                "XX",
                r#""XX" is not a known ISO 3166-1 alpha-2 country code; expected two letters such as "US", "GB" or "DE""#,
            ),
        ];
        for (raw, msg) in cases {
            let err = CountryCode::try_from(*raw).unwrap_err();
            assert_eq!(
                (err.kind(), err.message()),
                (ErrorKind::UnknownCountry, *msg),
                "{raw:?}"
            );
        }
        assert_eq!(
            CountryCode::try_from(" ").unwrap_err().kind(),
            ErrorKind::Empty
        );
    }

    #[test]
    fn postcodes_match_in_full_and_are_normalised() {
        let us = CountryCode::try_from("US").unwrap();
        let gb = CountryCode::try_from("GB").unwrap();
        let nl = CountryCode::try_from("NL").unwrap();
        assert_eq!(Postcode::parse("94043", us).unwrap().as_str(), "94043");
        assert_eq!(
            Postcode::parse("94043-1234", us).unwrap().as_str(),
            "94043-1234"
        );
        assert_eq!(Postcode::parse("1234  ab", nl).unwrap().as_str(), "1234 AB");
        // Typed without the separator: put where the country's examples have it.
        assert_eq!(Postcode::parse("1234ab", nl).unwrap().as_str(), "1234 AB");
        assert_eq!(Postcode::parse("nw16xe", gb).unwrap().as_str(), "NW1 6XE");
        assert_eq!(Postcode::parse("ec1a1bb", gb).unwrap().as_str(), "EC1A 1BB");
        assert_eq!(Postcode::parse("bfpo61", gb).unwrap().as_str(), "BFPO 61");
        let br = CountryCode::try_from("BR").unwrap();
        assert_eq!(
            Postcode::parse("01310200", br).unwrap().as_str(),
            "01310-200"
        );
        let jp = CountryCode::try_from("JP").unwrap();
        assert_eq!(Postcode::parse("1000001", jp).unwrap().as_str(), "100-0001");
        // Whatever separators it was typed with, the postcode comes out as the country
        // writes it.
        assert_eq!(
            Postcode::parse("01.310 200", br).unwrap().as_str(),
            "01310-200"
        );
        assert_eq!(
            Postcode::parse("〒100 0001", jp).unwrap().as_str(),
            "100-0001"
        );
        let ca = CountryCode::try_from("CA").unwrap();
        assert_eq!(Postcode::parse("k1a-0b1", ca).unwrap().as_str(), "K1A 0B1");
        let fr = CountryCode::try_from("FR").unwrap();
        assert_eq!(Postcode::parse("75 004", fr).unwrap().as_str(), "75004");
        assert_eq!(
            Postcode::parse("94043 1234", us).unwrap().as_str(),
            "94043-1234"
        );
        // A ZIP+4 typed as nine digits gets its hyphen; ten digits are still wrong.
        assert_eq!(
            Postcode::parse("943041351", us).unwrap().as_str(),
            "94304-1351"
        );
        assert!(Postcode::parse("9430413510", us).is_err());
        for bad in ["9404", "940431", "94043-12345", "x94043", "９４０４３"] {
            let err = Postcode::parse(bad, us).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidPostcode, "{bad}");
        }
        let err = Postcode::parse("NW1", gb).unwrap_err();
        assert_eq!(
            err.message(),
            r#""NW1" is not a valid postcode for UNITED KINGDOM (e.g. "EC1Y 8SY")"#
        );
    }

    #[test]
    fn postcode_and_country_lengths_are_limited_before_normalising() {
        let gb = CountryCode::try_from("GB").unwrap();
        // 20 characters trimmed is the most; surrounding spaces do not count.
        let twenty = format!("  {}  ", "N".repeat(20));
        assert_eq!(
            Postcode::parse(&twenty, gb).unwrap_err().kind(),
            ErrorKind::InvalidPostcode
        );
        let err = Postcode::parse(&"9".repeat(1_000_000), gb).unwrap_err();
        assert_eq!(
            (err.kind(), err.message()),
            (
                ErrorKind::TooLong,
                "is 1000000 characters long; at most 20 are allowed"
            )
        );
        // 200 characters is the most: looked up (and not found), not refused for its length.
        let err = CountryCode::try_from(format!(" {} ", "X".repeat(200)).as_str()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnknownCountry);
        let err = CountryCode::try_from("GB".repeat(101).as_str()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "address.country: is 202 characters long; at most 200 are allowed"
        );
    }
}
