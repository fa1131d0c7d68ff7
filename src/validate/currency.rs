//! ISO 4217 currencies and their minor units (the digits after the point), and money as a
//! whole number of minor units: a decimal string in, never a float.

use std::fmt;

/// The active ISO 4217 currency codes (funds and precious metals left out; they are not
/// what goods are sold in) with their minor units, sorted by code. Source: the ISO 4217
/// list as maintained by SIX (list one, as of 2025, with XCG and ZWG).
#[rustfmt::skip]
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("AOA", 2), ("ARS", 2), ("AUD", 2),
    ("AWG", 2), ("AZN", 2), ("BAM", 2), ("BBD", 2), ("BDT", 2), ("BGN", 2), ("BHD", 3),
    ("BIF", 0), ("BMD", 2), ("BND", 2), ("BOB", 2), ("BRL", 2), ("BSD", 2), ("BTN", 2),
    ("BWP", 2), ("BYN", 2), ("BZD", 2), ("CAD", 2), ("CDF", 2), ("CHF", 2), ("CLP", 0),
    ("CNY", 2), ("COP", 2), ("CRC", 2), ("CUP", 2), ("CVE", 2), ("CZK", 2), ("DJF", 0),
    ("DKK", 2), ("DOP", 2), ("DZD", 2), ("EGP", 2), ("ERN", 2), ("ETB", 2), ("EUR", 2),
    ("FJD", 2), ("FKP", 2), ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2), ("GMD", 2),
    ("GNF", 0), ("GTQ", 2), ("GYD", 2), ("HKD", 2), ("HNL", 2), ("HTG", 2), ("HUF", 2),
    ("IDR", 2), ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0), ("JMD", 2),
    ("JOD", 3), ("JPY", 0), ("KES", 2), ("KGS", 2), ("KHR", 2), ("KMF", 0), ("KPW", 2),
    ("KRW", 0), ("KWD", 3), ("KYD", 2), ("KZT", 2), ("LAK", 2), ("LBP", 2), ("LKR", 2),
    ("LRD", 2), ("LSL", 2), ("LYD", 3), ("MAD", 2), ("MDL", 2), ("MGA", 2), ("MKD", 2),
    ("MMK", 2), ("MNT", 2), ("MOP", 2), ("MRU", 2), ("MUR", 2), ("MVR", 2), ("MWK", 2),
    ("MXN", 2), ("MYR", 2), ("MZN", 2), ("NAD", 2), ("NGN", 2), ("NIO", 2), ("NOK", 2),
    ("NPR", 2), ("NZD", 2), ("OMR", 3), ("PAB", 2), ("PEN", 2), ("PGK", 2), ("PHP", 2),
    ("PKR", 2), ("PLN", 2), ("PYG", 0), ("QAR", 2), ("RON", 2), ("RSD", 2), ("RUB", 2),
    ("RWF", 0), ("SAR", 2), ("SBD", 2), ("SCR", 2), ("SDG", 2), ("SEK", 2), ("SGD", 2),
    ("SHP", 2), ("SLE", 2), ("SOS", 2), ("SRD", 2), ("SSP", 2), ("STN", 2), ("SVC", 2),
    ("SYP", 2), ("SZL", 2), ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3), ("TOP", 2),
    ("TRY", 2), ("TTD", 2), ("TWD", 2), ("TZS", 2), ("UAH", 2), ("UGX", 0), ("USD", 2),
    ("UYU", 2), ("UZS", 2), ("VED", 2), ("VES", 2), ("VND", 0), ("VUV", 0), ("WST", 2), ("XAF", 0),
    ("XCD", 2), ("XCG", 2), ("XOF", 0), ("XPF", 0), ("YER", 2), ("ZAR", 2), ("ZMW", 2),
    ("ZWG", 2),
];

/// An ISO 4217 currency.
///
/// ```
/// let yen = shiplabel::Currency::from_code("jpy").unwrap();
/// assert_eq!((yen.code(), yen.minor_digits()), ("JPY", 0));
/// assert!(shiplabel::Currency::from_code("XYZ").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    digits: u8,
}

impl Currency {
    /// The currency of an ISO 4217 code (case-insensitive), if it is one.
    ///
    /// ```
    /// assert_eq!(shiplabel::Currency::from_code("EUR").unwrap().code(), "EUR");
    /// ```
    pub fn from_code(code: &str) -> Option<Currency> {
        // A code is three letters: upper-cased in place, no allocation.
        let [a, b, c] = code.trim().as_bytes() else {
            return None;
        };
        let upper = [a, b, c].map(u8::to_ascii_uppercase);
        CURRENCIES
            .binary_search_by(|(code, _)| code.as_bytes().cmp(&upper[..]))
            .ok()
            .and_then(|i| CURRENCIES.get(i))
            .map(|&(code, digits)| Currency { code, digits })
    }

    /// The three-letter code.
    ///
    /// ```
    /// assert_eq!(shiplabel::Currency::from_code("usd").unwrap().code(), "USD");
    /// ```
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The digits after the decimal point (2 for USD, 0 for JPY, 3 for KWD).
    ///
    /// ```
    /// assert_eq!(shiplabel::Currency::from_code("KWD").unwrap().minor_digits(), 3);
    /// ```
    pub fn minor_digits(&self) -> u8 {
        self.digits
    }
}

/// An amount of money: whole minor units (cents) of a currency.
///
/// ```
/// let usd = shiplabel::Currency::from_code("USD").unwrap();
/// let m = shiplabel::Money::new(2400, usd);
/// assert_eq!(m.to_string(), "24.00 USD");
/// assert_eq!(m.amount(), "24.00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: u64,
    currency: Currency,
}

impl Money {
    /// `minor` minor units of `currency`.
    ///
    /// ```
    /// let jpy = shiplabel::Currency::from_code("JPY").unwrap();
    /// assert_eq!(shiplabel::Money::new(1500, jpy).amount(), "1500");
    /// ```
    pub fn new(minor: u64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// The amount in minor units.
    ///
    /// ```
    /// let usd = shiplabel::Currency::from_code("USD").unwrap();
    /// assert_eq!(shiplabel::Money::new(2400, usd).minor_units(), 2400);
    /// ```
    pub fn minor_units(&self) -> u64 {
        self.minor
    }

    /// The currency.
    ///
    /// ```
    /// let usd = shiplabel::Currency::from_code("USD").unwrap();
    /// assert_eq!(shiplabel::Money::new(1, usd).currency(), usd);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount as a decimal string with the currency's minor digits: `24.00`.
    ///
    /// ```
    /// let kwd = shiplabel::Currency::from_code("KWD").unwrap();
    /// assert_eq!(shiplabel::Money::new(1250, kwd).amount(), "1.250");
    /// ```
    pub fn amount(&self) -> String {
        let digits = u32::from(self.currency.digits);
        if digits == 0 {
            return self.minor.to_string();
        }
        let unit = 10u64.pow(digits);
        format!(
            "{}.{:0width$}",
            self.minor / unit,
            self.minor % unit,
            width = digits as usize
        )
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount(), self.currency.code)
    }
}

/// The most digits before the point a declared amount may have (under a trillion).
pub(crate) const MAX_WHOLE_DIGITS: usize = 12;

/// A non-negative decimal string (`"24"`, `"24.5"`, `"24.50"`) as a whole number of units
/// of `10^-digits`, or why it is not one: a sign, a comma, an exponent, more than `digits`
/// digits after the point or more than [`MAX_WHOLE_DIGITS`] before it.
pub(crate) fn parse_decimal(raw: &str, digits: u8) -> Result<u64, String> {
    let s = raw.trim();
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return Err(format!(
            "{raw:?} is not a decimal number: write digits with a point, e.g. \"24.00\""
        ));
    }
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(format!(
            "{raw:?} has {} digits before the point; at most {MAX_WHOLE_DIGITS}",
            whole.len()
        ));
    }
    let fraction = fraction.unwrap_or("");
    if fraction.len() > usize::from(digits) {
        return Err(match digits {
            0 => format!("{raw:?} has digits after the point; this currency has no minor unit"),
            d => format!(
                "{raw:?} has {} digits after the point; at most {d}",
                fraction.len()
            ),
        });
    }
    let mut value: u64 = 0;
    let padded = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(usize::from(digits));
    for b in whole.bytes().chain(padded) {
        value = value * 10 + u64::from(b - b'0');
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_every_code_is_three_capitals() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            CURRENCIES
                .iter()
                .all(|(c, d)| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) && *d <= 3)
        );
        for (code, digits) in [("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("BHD", 3)] {
            assert_eq!(Currency::from_code(code).unwrap().minor_digits(), digits);
        }
        assert_eq!(Currency::from_code("XDR"), None);
    }

    #[test]
    fn codes_are_found_in_any_case_with_space_around() {
        for &(code, digits) in CURRENCIES {
            for given in [
                code.to_owned(),
                code.to_ascii_lowercase(),
                format!(" {} ", code.to_ascii_lowercase()),
            ] {
                let found = Currency::from_code(&given).unwrap();
                assert_eq!((found.code(), found.minor_digits()), (code, digits));
            }
        }
        for wrong in ["", "US", "USDD", "U SD", "ÜSD", "é€", "\u{0}EU"] {
            assert_eq!(Currency::from_code(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn decimals_parse_to_minor_units_or_say_why_not() {
        assert_eq!(parse_decimal("24", 2), Ok(2400));
        assert_eq!(parse_decimal("24.5", 2), Ok(2450));
        assert_eq!(parse_decimal(" 0.99 ", 2), Ok(99));
        assert_eq!(parse_decimal("1500", 0), Ok(1500));
        assert_eq!(parse_decimal("1.250", 3), Ok(1250));
        assert_eq!(
            parse_decimal("24.001", 2).unwrap_err(),
            "\"24.001\" has 3 digits after the point; at most 2"
        );
        assert_eq!(
            parse_decimal("1500.5", 0).unwrap_err(),
            "\"1500.5\" has digits after the point; this currency has no minor unit"
        );
        for bad in ["-1", "1,50", "1e3", "", ".5", "5.", "+2", "NaN"] {
            assert!(parse_decimal(bad, 2).is_err(), "{bad}");
        }
        assert!(parse_decimal("9999999999999", 2).is_err());
        assert_eq!(parse_decimal("999999999999.99", 2), Ok(99_999_999_999_999));
    }
}
