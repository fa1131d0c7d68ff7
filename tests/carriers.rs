//! Tracking numbers through validation: every test number of the `tracking_number_data` set
//! (`src/carrier/data/couriers`) with its carrier, mutated check digits, ambiguity, carriers
//! named in any spelling, the canonical form and the tracking page.

use std::path::Path;

use serde_json::Value;
use shiplabel::{ErrorKind, Label, ValidLabel, ValidationError};

/// The sample label with this tracking number and carrier.
fn label(tracking: &str, carrier: Option<&str>) -> Label {
    let mut label = Label::sample();
    label.order.tracking = Some(tracking.to_owned());
    label.order.carrier = carrier.map(str::to_owned);
    label
}

fn valid(tracking: &str, carrier: Option<&str>) -> ValidLabel {
    label(tracking, carrier)
        .validate()
        .unwrap_or_else(|e| panic!("{tracking:?} ({carrier:?}): {e}"))
}

/// The one error of this tracking number and carrier.
fn error(tracking: &str, carrier: Option<&str>) -> ValidationError {
    let errors = label(tracking, carrier)
        .validate()
        .err()
        .unwrap_or_else(|| panic!("{tracking:?} ({carrier:?}) passed"))
        .into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().expect("one error")
}

/// (courier code, courier name, format name, valid, invalid) of every format of the data.
fn dataset() -> Vec<(String, String, Vec<String>, Vec<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/carrier/data/couriers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the data")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let courier: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("a file")).expect("JSON");
        for kind in courier["tracking_numbers"].as_array().expect("formats") {
            let list = |which: &str| -> Vec<String> {
                kind["test_numbers"][which]
                    .as_array()
                    .map(|l| {
                        l.iter()
                            .map(|n| n.as_str().expect("text").to_owned())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            out.push((
                courier["courier_code"].as_str().expect("code").to_owned(),
                kind["name"].as_str().expect("name").to_owned(),
                list("valid"),
                list("invalid"),
            ));
        }
    }
    assert_eq!(out.len(), 39, "formats in the data");
    out
}

/// What the label prints for the data's couriers.
fn printed_name(code: &str) -> &'static str {
    match code {
        "amazon" => "Amazon",
        "canada_post" => "Canada Post",
        "canpar" => "Canpar",
        "dhl" => "DHL",
        "dpd" => "DPD",
        "fedex" => "FedEx",
        "gofo" => "GOFO Express",
        "landmark" => "Landmark Global",
        "lasership" => "LaserShip",
        "old_dominion" => "Old Dominion",
        "ontrac" => "OnTrac",
        "purolator" => "Purolator",
        "speedee" => "Spee-Dee",
        "ups" => "UPS",
        "usps" => "USPS",
        "yodel" => "Yodel",
        "yunexpress" => "YunExpress",
        other => panic!("a courier the test does not know: {other}"),
    }
}

/// The post of S10 numbers ending in these letters, as the data names it.
fn post(country: &str) -> &'static str {
    match country {
        "GB" => "Royal Mail",
        "US" => "USPS",
        "CV" => "Correios de Cabo Verde",
        "CF" => "Direction des services postaux de l'Office National des Postes et de l'Épargne",
        other => panic!("{other}"),
    }
}

fn canonical(raw: &str) -> String {
    raw.chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_uppercase()
}

#[test]
fn every_valid_test_number_validates_with_its_carrier() {
    let mut count = 0;
    for (code, format, valid_numbers, _) in dataset() {
        for raw in &valid_numbers {
            let number = canonical(raw);
            let (named, expected) = if code == "s10" {
                (None, post(&number[number.len() - 2..]))
            } else {
                // Named by its code: printed by its name; upper case and spaces as given.
                (Some(code.to_uppercase()), printed_name(&code))
            };
            let label = valid(raw, named.as_deref());
            let order = label.order();
            assert_eq!(order.carrier(), Some(expected), "{raw:?} ({format})");
            let tracking = order.tracking().expect("a tracking number");
            assert_eq!(tracking.as_str(), number, "{raw:?}: the canonical form");
            assert_eq!(tracking.carrier(), Some(expected), "{raw:?}");
            count += 1;
        }
    }
    assert!(count > 150, "{count}");
}

#[test]
fn every_invalid_test_number_is_refused_for_its_carrier() {
    let mut count = 0;
    let mut open = 0;
    for (code, format, _, invalid) in dataset() {
        let named = if code == "s10" {
            "Royal Mail".to_owned()
        } else {
            code.clone()
        };
        for raw in &invalid {
            // Listed as invalid for Purolator's lettered format; a valid numeric one.
            if raw == "331426749957" {
                assert!(label(raw, Some(&named)).validate().is_ok());
                continue;
            }
            // Not of the formats the data lists for Canada Post and DHL, which issue
            // others (DHL Paket, …): accepted, of no format.
            if ["canada_post", "dhl"].contains(&code.as_str())
                && let Ok(label) = label(raw, Some(&named)).validate()
            {
                let tracking = label.order().tracking().expect("a tracking number");
                assert_eq!(tracking.format(), None, "{raw:?}");
                open += 1;
                continue;
            }
            let e = error(raw, Some(&named));
            assert_eq!(e.field(), "order.tracking");
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::InvalidCheckDigit
                        | ErrorKind::UnknownTrackingFormat
                        | ErrorKind::WrongCarrier
                ),
                "{raw:?} ({format}): {e}"
            );
            count += 1;
        }
    }
    assert!(count > 45, "{count}");
    assert_eq!(open, 18);
}

#[test]
fn a_carrier_is_found_from_its_number_and_printed() {
    for (raw, carrier, number) in [
        ("1Z 5R8 939 03 5756 7127", "UPS", "1Z5R89390357567127"),
        ("C 1103 1500 0018 79", "OnTrac", "C11031500001879"),
        ("rr473124829gb", "Royal Mail", "RR473124829GB"),
        ("EE000000080CN", "China Post", "EE000000080CN"),
    ] {
        let label = valid(raw, None);
        assert_eq!(label.order().carrier(), Some(carrier), "{raw}");
        assert_eq!(label.order().tracking().map(|t| t.as_str()), Some(number));
    }
    // All-digit numbers do not name a carrier: one random number in 7 to 10 has a right
    // check digit for one of the all-digit formats. Accepted, in canonical form, the
    // carrier to be named.
    for (raw, number) in [
        ("986578788855", "986578788855"),
        ("9400 1112 0108 0805 4830 16", "9400111201080805483016"),
        ("3318810025", "3318810025"),
    ] {
        let label = valid(raw, None);
        let tracking = label.order().tracking().expect("a tracking number");
        assert_eq!(
            (
                label.order().carrier(),
                tracking.carrier(),
                tracking.as_str()
            ),
            (None, None, number),
            "{raw}"
        );
        assert_eq!(label.order().tracking_url(), None);
    }
    // Formats without a check digit do not name a carrier on their own.
    let label = valid("YT2229521272164446", None);
    assert_eq!(
        (label.order().carrier(), label.order().tracking_url()),
        (None, None)
    );
}

#[test]
fn mutated_check_digits_are_refused_with_the_right_one() {
    for (raw, carrier, message) in [
        (
            "1Z5R89390357567128",
            Some("UPS"),
            r#""1Z5R89390357567128" has the shape of a UPS number (UPS) but its check digit is 8; the serial number 5R8939035756712 gives 7"#,
        ),
        (
            "1Z5R89390357567128",
            None,
            r#""1Z5R89390357567128" has the shape of a UPS number (UPS) but its check digit is 8; the serial number 5R8939035756712 gives 7"#,
        ),
        (
            "986578788856",
            Some("FedEx"),
            r#""986578788856" has the shape of a FedEx number (FedEx Express (12)) but its check digit is 6; the serial number 98657878885 gives 5"#,
        ),
        (
            "RR473124828CN",
            Some("China Post"),
            r#""RR473124828CN" has the UPU S10 shape but its check digit is 8; the serial number 47312482 gives 9"#,
        ),
    ] {
        let e = error(raw, carrier);
        assert_eq!(
            (e.field(), e.kind(), e.message()),
            ("order.tracking", ErrorKind::InvalidCheckDigit, message)
        );
    }
}

#[test]
fn an_all_digit_number_valid_for_two_carriers_is_the_named_ones() {
    // FedEx Express (12) and Purolator (12): digits alone say neither.
    assert_eq!(valid("320595463904", None).order().carrier(), None);
    assert_eq!(
        valid("320595463904", Some("purolator")).order().carrier(),
        Some("Purolator")
    );
    assert_eq!(
        valid("320595463904", Some("FEDEX")).order().carrier(),
        Some("FedEx")
    );
}

#[test]
fn a_number_of_another_carrier_names_it() {
    let e = error("1Z5R89390357567127", Some("fedex"));
    assert_eq!(
        (e.kind(), e.message()),
        (
            ErrorKind::WrongCarrier,
            r#""1Z5R89390357567127" is a tracking number of UPS (UPS), not of FedEx; name the right carrier in order.carrier, or give a FedEx number"#
        )
    );
    let e = error("RR473124829GB", Some("UPS"));
    assert_eq!(
        e.message(),
        r#""RR473124829GB" is a tracking number of Royal Mail (S10), not of UPS; name the right carrier in order.carrier, or give a UPS number"#
    );
    // ... but only a number with letters: all digits may be anyone's.
    assert_eq!(
        error("986578788855", Some("UPS")).kind(),
        ErrorKind::UnknownTrackingFormat
    );
}

#[test]
fn a_number_of_none_of_the_carriers_formats_lists_them() {
    let e = error("12345", Some("UPS"));
    assert_eq!(
        (e.kind(), e.message()),
        (
            ErrorKind::UnknownTrackingFormat,
            r#""12345" is not a UPS tracking number; expected one of UPS (e.g. "1Z5R89390357567127") or UPS Waybill (e.g. "K1506235620")"#
        )
    );
    let e = error("SF12345", Some("SF Express"));
    assert_eq!(
        e.message(),
        r#""SF12345" is not a SF Express tracking number; expected SF Express (e.g. "SF1193907051991")"#
    );
    let e = error("EE47312482CN", Some("EMS"));
    assert_eq!(
        e.message(),
        r#""EE47312482CN" is not a EMS tracking number; expected S10 (e.g. "EE473124829CN")"#
    );
}

#[test]
fn carriers_are_named_in_any_case_and_unknown_ones_are_not_refused() {
    for (tracking, named, printed) in [
        ("1Z5R89390357567127", "ups", "UPS"),
        ("1Z5R89390357567127", "Ups", "UPS"),
        ("RR473124829GB", "royal mail", "Royal Mail"),
        ("RR473124829GB", "ROYAL-MAIL", "Royal Mail"),
        ("986578788855", "Fed Ex", "FedEx"),
        ("JT0001234567890", "j&t", "J&T Express"),
    ] {
        let label = valid(tracking, Some(named));
        assert_eq!(label.order().carrier(), Some(printed), "{named}");
    }
    assert_eq!(
        error("RR473124829GB", Some("ups")).kind(),
        ErrorKind::WrongCarrier
    );
    // A carrier the crate does not know: the number as given, the carrier as given.
    let label = valid("zx 0042", Some("Acme Couriers"));
    assert_eq!(label.order().carrier(), Some("Acme Couriers"));
    assert_eq!(
        label.order().tracking().map(|t| t.as_str()),
        Some("zx 0042")
    );
    // ... even when it looks like another carrier's (in its canonical form); a wrong check
    // digit in a lettered shape is still refused, as with no carrier.
    let label = valid("1z 5r8 939 03 5756 7127", Some("Acme Couriers"));
    let tracking = label.order().tracking().expect("a tracking number");
    assert_eq!(
        (tracking.as_str(), tracking.carrier()),
        ("1Z5R89390357567127", None)
    );
    assert_eq!(
        error("RR473124828GB", Some("Acme")).kind(),
        ErrorKind::InvalidCheckDigit
    );
    // A post's domestic numbers, which the data does not describe.
    let label = valid("9612345678901", Some("China Post"));
    assert_eq!(label.order().carrier(), Some("China Post"));
}

#[test]
fn tracking_pages() {
    let url =
        |tracking: &str, carrier: Option<&str>| valid(tracking, carrier).order().tracking_url();
    assert_eq!(
        url("1Z5R89390357567127", None).as_deref(),
        Some("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z5R89390357567127")
    );
    assert_eq!(
        url("RR473124829GB", Some("Royal Mail")).as_deref(),
        Some("https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB")
    );
    assert_eq!(
        url("EE000000080CN", Some("EMS")).as_deref(),
        Some("https://yjcx.ems.com.cn/qps/english/yjcx")
    );
    assert_eq!(
        url("LP00123456789012", Some("cainiao")).as_deref(),
        Some("https://global.cainiao.com/detail.htm?mailNoList=LP00123456789012")
    );
    assert_eq!(url("RR473124829DE", None), None);
    assert_eq!(url("zx 0042", Some("Acme")), None);
}

#[test]
fn validated_labels_validate_again_to_themselves() {
    for (tracking, carrier) in [
        ("1Z 5R8 939 03 5756 7127", None),
        ("986578788855", Some("fedex")),
        ("RR473124829CN", Some("china post")),
        ("9612345678901", Some("China Post")),
        ("zx 0042", Some("Acme")),
    ] {
        let once = valid(tracking, carrier);
        let again = Label::from(&once).validate().expect("valid again");
        assert_eq!(again, once, "{tracking}");
    }
}

#[test]
fn a_carrier_named_with_its_service_is_still_checked() {
    // UPS's number with a wrong check digit: refused whatever carrier is named, as with
    // none, the carrier found by the leading words of its name.
    for carrier in [
        None,
        Some("UPS"),
        Some("UPS Ground"),
        Some("USPS Priority Mail"),
        Some("FedEx Home Delivery"),
        Some("Royal Mail Tracked 48"),
        Some("DHL Parcel"),
        Some("DHL Paket"),
        Some("Acme Couriers"),
    ] {
        let e = error("1Z5R89390357567128", carrier);
        assert_eq!(
            (e.field(), e.kind()),
            ("order.tracking", ErrorKind::InvalidCheckDigit),
            "{carrier:?}: {e}"
        );
        assert!(e.message().ends_with("gives 7"), "{carrier:?}: {e}");
    }
    // The carrier found: checked against it.
    assert_eq!(
        error("1Z5R89390357567127", Some("FedEx Home Delivery")).kind(),
        ErrorKind::WrongCarrier
    );
    assert_eq!(
        error("986578788856", Some("FedEx Home Delivery")).kind(),
        ErrorKind::InvalidCheckDigit
    );
    let label = valid("1Z5R89390357567127", Some("UPS Ground"));
    let tracking = label.order().tracking().expect("a tracking number");
    assert_eq!(
        (tracking.carrier(), tracking.format()),
        (Some("UPS"), Some("UPS"))
    );
}

#[test]
fn the_label_prints_the_carrier_as_it_spells_itself_and_the_service_as_given() {
    for (given, tracking, printed) in [
        ("ups", "1Z5R89390357567127", "UPS"),
        ("UPS Ground", "1Z5R89390357567127", "UPS Ground"),
        ("ups Ground", "1Z5R89390357567127", "UPS Ground"),
        ("FedEx Ground", "041441760228964", "FedEx Ground"),
        (
            "Fed Ex Home Delivery",
            "986578788855",
            "FedEx Home Delivery",
        ),
        ("DHL eCommerce", "GM2951173225174494", "DHL eCommerce"),
        ("DHL-Paket", "00340434161094042557", "DHL Paket"),
        (
            "Royal Mail Tracked 48",
            "RR473124829GB",
            "Royal Mail Tracked 48",
        ),
        ("royal mail", "RR473124829GB", "Royal Mail"),
        ("Acme Couriers Next Day", "ZX0042", "Acme Couriers Next Day"),
    ] {
        let label = valid(tracking, Some(given));
        assert_eq!(label.order().carrier(), Some(printed), "{given}");
        // What the label prints validates again to itself.
        let again = Label::from(&label).validate().expect("valid again");
        assert_eq!(again, label, "{given}");
    }
}

#[test]
fn s10_check_digits_are_checked_whatever_the_country_and_kept_canonical() {
    for number in ["RR473124828ZZ", "RR473124828XK", "RR473124828AQ"] {
        for carrier in [None, Some("Acme Couriers")] {
            let e = error(number, carrier);
            assert_eq!(
                (e.kind(), e.message()),
                (
                    ErrorKind::InvalidCheckDigit,
                    format!(
                        "{number:?} has the UPU S10 shape but its check digit is 8; the serial \
                         number 47312482 gives 9"
                    )
                    .as_str()
                ),
                "{carrier:?}"
            );
        }
    }
    // Right check digit: S10, canonical, whatever the carrier; a post's page by the country.
    for (raw, carrier, page) in [
        ("rr 473 124 829 gb", Some("Acme Couriers"), None),
        ("rr 473 124 829 xk", None, None),
        ("rr 473 124 829 xk", Some("Acme"), None),
        (
            "rr 473 124 829 gb",
            None,
            Some("https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB"),
        ),
    ] {
        let label = valid(raw, carrier);
        let tracking = label.order().tracking().expect("a tracking number");
        assert!(tracking.is_s10(), "{raw}");
        let canonical = raw.replace(' ', "").to_uppercase();
        assert_eq!(tracking.as_str(), canonical, "{raw} ({carrier:?})");
        assert_eq!(label.order().tracking_url().as_deref(), page, "{raw}");
    }
}

#[test]
fn a_post_delivers_other_posts_s10_numbers() {
    // China Post's item, delivered in the UK by Royal Mail: the label names Royal Mail, the
    // page is China Post's, where the number is tracked.
    let label = valid("LX473124829CN", Some("Royal Mail"));
    assert_eq!(label.order().carrier(), Some("Royal Mail"));
    assert_eq!(
        label.order().tracking_url().as_deref(),
        Some("https://yjcx.ems.com.cn/qps/english/yjcx")
    );
    let label = valid("RR473124829GB", Some("China Post"));
    assert_eq!(
        label.order().tracking_url().as_deref(),
        Some("https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB")
    );
    // Still checked: the digit, the post.
    assert_eq!(
        error("LX473124828CN", Some("Royal Mail")).kind(),
        ErrorKind::InvalidCheckDigit
    );
    assert_eq!(
        error("LX473124829XX", Some("Royal Mail")).kind(),
        ErrorKind::UnknownTrackingFormat
    );
    // Not for a carrier that is no post.
    assert_eq!(
        error("LX473124829CN", Some("UPS")).kind(),
        ErrorKind::WrongCarrier
    );
}

/// SplitMix64: the same pseudo-random numbers on every run.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn random_all_digit_numbers_are_never_given_a_carrier_nor_refused_as_anothers() {
    let mut state = 16;
    for len in 10..=22 {
        for _ in 0..40 {
            let number: String = (0..len)
                .map(|_| char::from(b'0' + (split_mix(&mut state) % 10) as u8))
                .collect();
            let unnamed = valid(&number, None);
            assert_eq!(unnamed.order().carrier(), None, "{number}");
            for carrier in ["DHL", "DPD", "Deutsche Post", "DHL Paket"] {
                let named = valid(&number, Some(carrier));
                assert_eq!(named.order().carrier(), Some(carrier), "{number}");
            }
            for carrier in ["UPS", "FedEx", "USPS", "Purolator"] {
                if let Err(errors) = label(&number, Some(carrier)).validate() {
                    for e in errors.into_vec() {
                        assert_ne!(e.kind(), ErrorKind::WrongCarrier, "{number} {carrier}: {e}");
                    }
                }
            }
        }
    }
}

#[test]
fn tracking_pages_are_https() {
    for (tracking, carrier) in [
        ("3318810025", "DHL"),
        ("C11031500001879", "OnTrac"),
        ("D10011354453707", "OnTrac"),
    ] {
        let url = valid(tracking, Some(carrier))
            .order()
            .tracking_url()
            .expect("a page");
        assert!(url.starts_with("https://"), "{url}");
    }
}
