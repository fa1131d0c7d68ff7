//! The types the generated tables (`countries.rs`, `regions.rs`) are made of, apart from
//! the code that reads them (`rules.rs`, `lookup.rs`), so that data flows one way: the
//! tables depend on these types only, and the readers on the tables.

/// Address rules of one country (or territory), as found in Google's address
/// data, with the `ZZ` defaults already applied.
#[derive(Debug)]
pub(crate) struct Country {
    /// ISO 3166-1 alpha-2 code, upper case (`"US"`).
    pub(crate) code: &'static str,
    /// English name in capitals, as given by the data (`"UNITED STATES"`).
    pub(crate) name: &'static str,
    /// Line format in the local script and order (see [`Field`] for the
    /// `%` letters; `%n` is a line break; anything else is literal text).
    pub(crate) fmt: &'static str,
    /// Line format for addresses written in Latin script, when it differs.
    pub(crate) lfmt: Option<&'static str>,
    /// Format letters of the required fields (`"ACSZ"`).
    pub(crate) require: &'static str,
    /// Format letters of the fields printed in upper case (`"CS"`).
    pub(crate) upper: &'static str,
    /// Postcode pattern (unanchored, as in the data), if the country has one.
    pub(crate) zip: Option<&'static str>,
    /// Example postcodes that match `zip`.
    pub(crate) zipex: &'static [&'static str],
}

/// A region (state, province, prefecture, …) of a country, as listed in the
/// data. Optional names are absent when the data has none or they repeat the
/// key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Region {
    /// The key: the form the post expects (`"CA"`, `"東京都"`, `"CDMX"`).
    pub(crate) key: &'static str,
    /// Local name, when it differs from the key (`"California"`).
    pub(crate) name: Option<&'static str>,
    /// Latin-script name, when it differs from the key (`"Tokyo"`).
    pub(crate) lname: Option<&'static str>,
    /// ISO 3166-2 subdivision code without the country (`"CA"`, `"13"`).
    pub(crate) isoid: Option<&'static str>,
    /// Postcode prefix pattern of the region (unanchored, matched at the start
    /// of the postcode), if the data has one.
    pub(crate) zip: Option<&'static str>,
    /// Example postcodes of the region (often the ends of its range).
    pub(crate) zipex: &'static [&'static str],
    /// The region's cities, in the countries whose data lists them.
    pub(crate) cities: &'static [City],
}

/// A city (or district, county, …: the level below the region) as listed in
/// the data. Optional names are absent when the data has none or they repeat
/// the key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct City {
    /// The key: the form the post expects (`"深圳市"`, `"São Paulo"`).
    pub(crate) key: &'static str,
    /// Local name, when it differs from the key.
    pub(crate) name: Option<&'static str>,
    /// Latin-script name, when it differs from the key (`"Shenzhen Shi"`).
    pub(crate) lname: Option<&'static str>,
    /// Full Latin-script name, when the data gives one besides the short one
    /// (`"Dali Baizu Zizhizhou"` for `"Dali Zhou"`).
    pub(crate) lfname: Option<&'static str>,
}
