//! Address validation on its own (`Party::validate`), with arbitrary field values and a
//! country that is usually one the data knows. An input that starts with `{` is read as a
//! party in JSON instead, so that real addresses (`fuzz/seeds/address/`) can seed the
//! corpus and be mutated into near misses: regions, cities and postcodes that almost match.
//!
//! Nothing may panic or hang; every error names a field of the party; a valid address
//! formats with the country's name last; and validation is idempotent: the normalised
//! address, validated again, is valid and unchanged.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use shiplabel::{Address, Party};

/// Countries with postcodes, regions, city lists, Latin formats, and none of these.
const COUNTRIES: &[&str] = &[
    "GB", "US", "DE", "FR", "BR", "CN", "JP", "KR", "TW", "HK", "AE", "MX", "CA", "ES", "IT", "NL",
    "VN", "CL", "AU", "IN", "IE", "RU", "PL", "CH", "SE", "AR", "ID", "TH", "QA", "SG",
];

#[derive(Debug, Arbitrary)]
enum Country {
    Known(u8),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
struct Input {
    name: String,
    company: Option<String>,
    phone: Option<String>,
    lines: Vec<String>,
    city: Option<String>,
    city_area: Option<String>,
    region: Option<String>,
    postcode: Option<String>,
    sorting_code: Option<String>,
    country: Country,
}

const FIELDS: &[&str] = &[
    "name",
    "company",
    "phone",
    "address.lines",
    "address.city",
    "address.city_area",
    "address.region",
    "address.postcode",
    "address.sorting_code",
    "address.country",
];

fuzz_target!(|data: &[u8]| {
    let party = if data.first() == Some(&b'{') {
        match serde_json::from_slice::<Party>(data) {
            Ok(party) => party,
            Err(_) => return,
        }
    } else {
        match Input::arbitrary_take_rest(Unstructured::new(data)) {
            Ok(input) => party(input),
            Err(_) => return,
        }
    };
    check(&party);
});

fn party(input: Input) -> Party {
    let country = match input.country {
        Country::Known(i) => COUNTRIES[usize::from(i) % COUNTRIES.len()].to_owned(),
        Country::Raw(raw) => raw,
    };
    let mut address = Address::new(country, input.lines);
    address.city = input.city;
    address.city_area = input.city_area;
    address.region = input.region;
    address.postcode = input.postcode;
    address.sorting_code = input.sorting_code;
    let mut party = Party::new(input.name, address);
    party.company = input.company;
    party.phone = input.phone;
    party
}

fn check(party: &Party) {
    let valid = match party.validate() {
        Ok(valid) => valid,
        Err(errors) => {
            for error in &errors {
                assert!(
                    FIELDS.iter().any(|f| error.field().starts_with(f)),
                    "unexpected field path: {error:?}"
                );
                assert!(!error.message().is_empty(), "{error:?}");
            }
            return;
        }
    };
    let lines = valid.lines();
    assert_eq!(
        lines.last().map(String::as_str),
        Some(valid.address().country().name())
    );
    // The normalised address is itself valid, and normalises to itself.
    let address = valid.address();
    let mut again_address =
        Address::new(address.country().as_str(), address.street_lines().to_vec());
    again_address.city = address.city().map(str::to_owned);
    again_address.city_area = address.city_area().map(str::to_owned);
    again_address.region = address.region().map(str::to_owned);
    again_address.postcode = address.postcode().map(|p| p.as_str().to_owned());
    again_address.sorting_code = address.sorting_code().map(str::to_owned);
    let mut again = Party::new(valid.name(), again_address);
    again.company = valid.company().map(str::to_owned);
    again.phone = valid.phone().map(str::to_owned);
    match again.validate() {
        Ok(revalidated) => assert_eq!(revalidated, valid, "{again:?}"),
        Err(errors) => panic!("the normalised party {again:?} is invalid: {errors}"),
    }
}
