//! The shapes of the generated carrier tables (`couriers.rs`).

/// A check-digit algorithm of the dataset (`CHECKSUM_ALGORITHMS.md`), with its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checksum {
    /// UPU S10: weights 8 6 4 2 3 5 9 7, 11 − (sum mod 11), 10 → 0, 11 → 5.
    S10,
    /// Sum of the digits (letters as `(code − 3) mod 10`), those at odd and even positions
    /// (from 0, from the right when `reverse`) multiplied as given; the check digit brings
    /// the sum to a multiple of 10.
    Mod10 {
        evens: u32,
        odds: u32,
        reverse: bool,
    },
    /// Σ digit × weight, mod `modulo1`, mod `modulo2`, is the check digit.
    Weighted {
        weights: &'static [u32],
        modulo1: u32,
        modulo2: u32,
    },
    /// The serial number mod 7 is the check digit.
    Mod7,
    /// Luhn over the serial number and the check digit.
    Luhn,
    /// ISO 7064 MOD 37,36 (DPD): a check character from `0`–`9`, `A`–`Z`.
    Mod37_36,
}

/// One tracking-number format of a carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Format {
    /// The carrier's code ([`Carrier::code`]).
    pub(crate) carrier: &'static str,
    /// The format's name in the data, e.g. `FedEx Express (12)`.
    pub(crate) name: &'static str,
    /// The dataset's regex, run by [`super::pattern`] on the number without spaces.
    pub(crate) pattern: &'static str,
    /// The check-digit algorithm, over the `SerialNumber` and `CheckDigit` groups; `None`:
    /// the format alone is checked.
    pub(crate) checksum: Option<Checksum>,
    /// Characters put before the serial number for the check digit when the serial matches
    /// the pattern (the data's `serial_number_format.prepend_if`: USPS's legacy numbers are
    /// checked as `91…`, OnTrac's as `4…` and `5…`): (pattern, characters).
    pub(crate) prepend_if: Option<(&'static str, &'static str)>,
    /// UPU S10: the `CountryCode` group must be a post the data knows.
    pub(crate) needs_post: bool,
    /// The official tracking page, `%s` standing for the number.
    pub(crate) url: Option<&'static str>,
    /// A valid number of this format, from the data's test numbers.
    pub(crate) example: &'static str,
}

/// Which UPU S10 numbers a carrier issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum S10Issuer {
    /// The post of this ISO country code (the number's last two letters).
    Country(&'static str),
    /// EMS, the posts' express service: a service indicator starting with `E`, any post.
    Ems,
}

/// A carrier: its names, and the formats of the numbers it issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Carrier {
    /// A stable code, e.g. `ups`, `royal_mail`, `post_de`.
    pub(crate) code: &'static str,
    /// The name printed on the label, e.g. `UPS`, `Royal Mail`.
    pub(crate) name: &'static str,
    /// Other names it is known by (matched without case, spaces or punctuation, as the
    /// code and the name are).
    pub(crate) aliases: &'static [&'static str],
    /// The UPU S10 numbers it issues, if any (besides its [`Format`]s).
    pub(crate) s10: Option<S10Issuer>,
    /// Whether a number can name this carrier on its own: not for EMS, whose numbers are
    /// also their post's.
    pub(crate) inferable: bool,
    /// Whether the carrier issues numbers of other formats than the data's (the posts,
    /// whose domestic numbers the data does not describe; DHL, DPD, …): a number of none of
    /// its formats is then accepted for it, and so is an all-digit number of one of its
    /// shapes with a wrong check digit.
    pub(crate) open: bool,
}

/// A post's tracking page for its S10 numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PostPage {
    /// ISO country code of the post.
    pub(crate) country: &'static str,
    /// The page, `%s` standing for the number; without `%s`, a page that asks for it.
    pub(crate) url: &'static str,
}
