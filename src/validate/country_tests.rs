//! Data-driven: every country of the address data, through the public validation, as a
//! seller's address would go.

use crate::address::{COUNTRIES, Country, Field, check_place, regions};
use crate::model::Address;
use crate::validate::ErrorKind;

/// A complete address in `country` with `postcode`: every required field filled, and a
/// region (and city, where the data lists cities) that the postcode belongs to.
fn address_for(country: &Country, postcode: Option<&str>) -> Option<Address> {
    let mut address = Address {
        lines: vec!["1 Main Street".into()],
        city: Some("Capital".into()),
        postcode: postcode.map(str::to_owned),
        country: country.code.into(),
        ..Address::default()
    };
    if country.requires(Field::DependentLocality) {
        address.city_area = Some("Centre".into());
    }
    if country.requires(Field::SortingCode) {
        address.sorting_code = Some("1".into());
    }
    let list = regions(country.code);
    if list.is_empty() {
        if country.requires(Field::Region) {
            address.region = Some("Province".into());
        }
        return Some(address);
    }
    // The first region (and its first city) that the postcode fits: by its key, or by its
    // Latin name where no enabled font prints the key (a build without that script's
    // font feature), as a seller would then write it.
    let printable =
        |key: &'static str, lname: Option<&'static str>| match crate::text::first_uncovered(key) {
            Ok(None) => key,
            _ => lname.unwrap_or(key),
        };
    for region in list {
        let city = region
            .cities
            .first()
            .map_or("Capital", |c| printable(c.key, c.lname));
        let key = printable(region.key, region.lname);
        let (_, problems) = check_place(country, Some(key), Some(city), postcode, true);
        if problems.is_empty() {
            address.region = Some(key.into());
            address.city = Some(city.into());
            return Some(address);
        }
    }
    // A postcode no region claims (Russia's first example is Belarusian): leave the region
    // out where the country allows it.
    (!country.requires(Field::Region)).then_some(address)
}

#[test]
#[cfg(feature = "cjk")] // region and city names in Chinese, Japanese and Korean are printed
fn every_postcode_example_of_every_country_validates_and_is_printed() {
    let (mut checked, mut skipped) = (0, Vec::new());
    for country in COUNTRIES {
        for zipex in country.zipex {
            let Some(address) = address_for(country, Some(zipex)) else {
                skipped.push(format!("{} {zipex}", country.code));
                continue;
            };
            let valid = address
                .validate()
                .unwrap_or_else(|e| panic!("{} {zipex}: {e}", country.code));
            let lines = valid.lines();
            let postcode = zipex.to_uppercase();
            assert!(
                lines.iter().any(|l| l.contains(&postcode)),
                "{} {zipex}: {lines:?}",
                country.code
            );
            assert_eq!(
                lines.last().map(String::as_str),
                Some(country.name.to_uppercase().as_str())
            );
            assert!(
                lines.iter().all(|l| !l.trim().is_empty()),
                "{} {lines:?}",
                country.code
            );
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} examples checked");
    // Only examples that fall in no region of a country that requires one are skipped.
    assert!(skipped.len() <= 2, "{skipped:?}");
}

/// Letters for digits and digits for letters.
fn swap_letters_and_digits(postcode: &str) -> String {
    postcode
        .chars()
        .map(|c| match c {
            '0'..='9' => 'Q',
            c if c.is_ascii_alphabetic() => '7',
            c => c,
        })
        .collect()
}

#[test]
fn a_mutated_postcode_example_fails_in_every_country() {
    let mut checked = 0;
    for country in COUNTRIES {
        let Some(pattern) = country.zip else { continue };
        // A pattern with optional or repeated parts admits longer codes (Costa Rica's
        // `\d{4,5}`): one character too many is only wrong where the length is fixed.
        let fixed_length = !pattern.contains(['?', '*', '+', '|', ',']);
        // Ireland's Eircodes take a letter or a digit in most places: swapping them proves
        // nothing there.
        let typed_positions = !(pattern.contains(r"[\dA-Z]{") || pattern.contains("[A-Z0-9]{"));
        for zipex in country.zipex {
            let Some(mut address) = address_for(country, Some(zipex)) else {
                continue;
            };
            let longer = format!("{zipex}{}", zipex.chars().last().unwrap_or('0'));
            let mutations = [
                typed_positions.then(|| swap_letters_and_digits(zipex)),
                fixed_length.then_some(longer),
            ];
            for mutated in mutations.into_iter().flatten() {
                address.postcode = Some(mutated.clone());
                let errors = address
                    .validate()
                    .expect_err(&format!("{} {mutated}", country.code));
                assert!(
                    errors
                        .iter()
                        .any(|e| e.field() == "postcode" && e.kind() == ErrorKind::InvalidPostcode),
                    "{} {mutated}: {errors}",
                    country.code
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 600, "only {checked} mutations checked");
}

#[test]
fn every_country_without_postcodes_accepts_an_address_without_one() {
    let mut without = 0;
    for country in COUNTRIES.iter().filter(|c| !c.uses_postcode()) {
        let address = address_for(country, None).expect("an address");
        let valid = address
            .validate()
            .unwrap_or_else(|e| panic!("{}: {e}", country.code));
        assert_eq!(valid.postcode(), None);
        // One given anyway is left off: the country's post has no use for it.
        let mut with = address.clone();
        with.postcode = Some("12345".into());
        let valid = with
            .validate()
            .unwrap_or_else(|e| panic!("{}: {e}", country.code));
        assert!(
            valid.lines().iter().all(|l| !l.contains("12345")),
            "{}",
            country.code
        );
        without += 1;
    }
    assert!(without >= 60, "{without}");
}

/// Every country's address, as validated, turned back into an address and validated again
/// gives the same lines: the judgement of its script settles on the normalised city (a
/// Hong Kong city typed in Chinese on Latin street lines has a Latin key).
#[test]
fn a_validated_address_validates_to_itself() {
    let mut hk = Address {
        lines: vec!["Flat 5, 18 Harbour Road".into()],
        city: Some("灣仔".into()),
        region: Some("香港島".into()),
        country: "HK".into(),
        ..Address::default()
    };
    let mut cases = vec![hk.clone()];
    hk.lines = vec!["港灣道18號".into()];
    cases.push(hk);
    for country in COUNTRIES {
        let postcode = country.zipex.first().copied();
        cases.extend(address_for(country, postcode));
    }
    for address in cases {
        let Ok(valid) = address.validate() else {
            continue;
        };
        let again = crate::model::Address {
            lines: valid.street_lines().to_vec(),
            city: valid.city().map(str::to_owned),
            city_area: valid.city_area().map(str::to_owned),
            region: valid.region().map(str::to_owned),
            postcode: valid.postcode().map(|p| p.as_str().to_owned()),
            sorting_code: valid.sorting_code().map(str::to_owned),
            country: valid.country().as_str().to_owned(),
        };
        let revalidated = again
            .validate()
            .unwrap_or_else(|e| panic!("{again:?}: {e}"));
        assert_eq!(revalidated.lines(), valid.lines(), "{address:?}");
        assert_eq!(revalidated, valid, "{address:?}");
    }
}
