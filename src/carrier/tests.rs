//! Every test number of the data through [`identify`], with its carrier; mutated check
//! digits; ambiguity; names; tracking pages.

use super::generate::{canonical, parse, read_files, test_numbers};
use super::*;

/// (carrier code, format name, valid, invalid) of every format of the data; S10's code is
/// empty.
fn dataset() -> Vec<(String, String, Vec<String>, Vec<String>)> {
    test_numbers(&parse(&read_files()))
}

fn carrier(name: &str) -> CarrierId {
    find_carrier(name).unwrap_or_else(|| panic!("no carrier {name:?}"))
}

fn format_named(code: &str, name: &str) -> FormatId {
    if code.is_empty() {
        return FormatId::S10;
    }
    let i = FORMATS
        .iter()
        .position(|f| f.carrier == code && f.name == name)
        .unwrap_or_else(|| panic!("no format {name:?} of {code}"));
    FormatId::Listed(i)
}

/// The carrier a valid test number is of: its format's, or for S10 the post of its last
/// two letters.
fn owner(code: &str, number: &str) -> CarrierId {
    if code.is_empty() {
        post_of(&number[number.len() - 2..]).expect("a post")
    } else {
        carrier(code)
    }
}

#[test]
fn every_valid_test_number_is_its_carriers() {
    let mut checked = 0;
    let mut inferred = 0;
    let mut ambiguous = Vec::new();
    for (code, format_name, valid, _) in dataset() {
        let format = format_named(&code, &format_name);
        for raw in &valid {
            let number = canonical(raw);
            let owner = owner(&code, &number);
            assert!(
                matches!(fit(format, &number), Fit::Valid { .. }),
                "{raw:?} is not a {format_name} number"
            );
            // Named: its carrier's, in one of its formats.
            assert!(
                matches!(identify(&number, Some(owner)), Ok(Identity::Known(c, Some(_))) if c == owner),
                "{raw:?} named {}: {:?}",
                owner.name(),
                identify(&number, Some(owner))
            );
            // Not named: found, when the format has a check digit.
            match identify(&number, None) {
                Ok(Identity::Known(c, Some(_))) => {
                    assert_eq!(c, owner, "{raw:?}");
                    assert!(
                        format.has_check_digit(),
                        "{raw:?}: found without a check digit"
                    );
                    inferred += 1;
                }
                Ok(Identity::Unknown) => {
                    assert!(!format.has_check_digit(), "{raw:?} not found");
                }
                Err(Problem::Ambiguous { candidates }) => {
                    assert!(candidates.iter().any(|(c, _)| *c == owner), "{raw:?}");
                    ambiguous.push((number.clone(), candidates));
                }
                other => panic!("{raw:?}: {other:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
    assert!(inferred > 90, "{inferred}");
    // Some numbers of the data are valid for two carriers: without a carrier named they
    // cannot be told apart.
    let names = |m: &[Match]| -> Vec<&str> { m.iter().map(|(_, f)| f.name()).collect() };
    let ambiguous: Vec<(&str, Vec<&str>)> = ambiguous
        .iter()
        .map(|(n, m)| (n.as_str(), names(m)))
        .collect();
    assert_eq!(
        ambiguous,
        [
            ("78045768393", vec!["DHL Express", "Old Dominion"]),
            ("287809468872", vec!["FedEx Express (12)", "Purolator (12)"]),
            ("320610804900", vec!["FedEx Express (12)", "Purolator (12)"]),
            (
                "4201028200009261290113185417468510",
                vec!["FedEx Express (34)", "USPS IMpb C"]
            ),
            (
                "4201028200009261290113185417468510",
                vec!["FedEx Express (34)", "USPS IMpb C"]
            ),
        ]
    );
}

#[test]
fn every_invalid_test_number_is_refused_for_its_carrier() {
    let mut refused = 0;
    for (code, format_name, _, invalid) in dataset() {
        let format = format_named(&code, &format_name);
        for raw in &invalid {
            let number = canonical(raw);
            assert!(
                !matches!(fit(format, &number), Fit::Valid { .. }),
                "{raw:?} passes as {format_name}"
            );
            // S10's invalid numbers name no post (`XX`) or have a wrong check digit:
            // refused as Royal Mail's.
            let named = if code.is_empty() {
                carrier("Royal Mail")
            } else {
                carrier(&code)
            };
            match identify(&number, Some(named)) {
                Err(_) => refused += 1,
                // Invalid for Purolator's lettered format, valid for its numeric one.
                Ok(Identity::Known(c, Some(f)))
                    if number == "331426749957"
                        && c == named
                        && f == format_named("purolator", "Purolator (12)") => {}
                other => panic!("{raw:?} named {}: {other:?}", named.name()),
            }
        }
    }
    assert!(refused > 60, "{refused}");
}

/// The check character of `number` in `format`, and where it is.
fn check_at(format: FormatId, number: &str) -> Option<(usize, usize)> {
    let f = format.get();
    f.checksum?;
    Pattern::parse(f.pattern)
        .ok()?
        .captures(number)?
        .span("CheckDigit")
}

#[test]
fn mutated_check_digits_are_refused() {
    let mut mutated = 0;
    for (code, format_name, valid, _) in dataset() {
        let format = format_named(&code, &format_name);
        for raw in &valid {
            let number = canonical(raw);
            let Some((start, end)) = check_at(format, &number) else {
                continue;
            };
            let owner = owner(&code, &number);
            let alphabet = if number
                .get(start..end)
                .is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit()))
            {
                "0123456789"
            } else {
                "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            };
            for c in alphabet.chars() {
                let mut wrong = number.clone();
                wrong.replace_range(start..end, &c.to_string());
                if wrong == number {
                    continue;
                }
                // Refused, unless another of the carrier's formats takes it (USPS 20
                // numbers are also USPS Legacy numbers, checked as `91…`).
                match identify(&wrong, Some(owner)) {
                    Ok(Identity::Known(c, Some(f)))
                        if c == owner
                            && f != format
                            && matches!(fit(f, &wrong), Fit::Valid { .. }) =>
                    {
                        let mut pair = [format.name(), f.name()];
                        pair.sort_unstable();
                        assert_eq!(pair, ["USPS 20", "USPS Legacy"], "{wrong}");
                        continue;
                    }
                    Err(Problem::CheckDigit {
                        format: f,
                        expected,
                        ..
                    }) => {
                        // The first of the carrier's shapes it has: this one, or another
                        // the same digits fit (USPS 20 and USPS Legacy).
                        assert!(owner.formats().any(|o| o == f), "{wrong}");
                        if f == format {
                            let right = number.get(start..end).and_then(|s| s.chars().next());
                            assert_eq!(expected, right, "{wrong}");
                        }
                    }
                    Err(Problem::WrongCarrier { .. }) => {}
                    other => panic!("{wrong} (from {raw:?}) named {}: {other:?}", owner.name()),
                }
                mutated += 1;
            }
        }
    }
    assert!(mutated > 800, "{mutated}");
}

#[test]
fn a_number_valid_for_two_carriers_needs_one_named() {
    // 320595463904: FedEx Express (12) (weights 3 1 7, mod 11, mod 10) and Purolator (12)
    // (Luhn).
    let number = "320595463904";
    let (fedex, purolator) = (carrier("FedEx"), carrier("Purolator"));
    assert_eq!(
        identify(number, None),
        Err(Problem::Ambiguous {
            candidates: vec![
                (fedex, format_named("fedex", "FedEx Express (12)")),
                (purolator, format_named("purolator", "Purolator (12)")),
            ]
        })
    );
    for named in [fedex, purolator] {
        assert!(
            matches!(identify(number, Some(named)), Ok(Identity::Known(c, Some(_))) if c == named)
        );
    }
    // Named for a third carrier: valid for both others.
    assert!(matches!(
        identify(number, Some(carrier("UPS"))),
        Err(Problem::WrongCarrier { actual, .. }) if actual.len() == 2
    ));
}

#[test]
fn carriers_are_named_in_any_case_and_spelling() {
    for (name, code) in [
        ("ups", "ups"),
        ("UPS", "ups"),
        ("fedex", "fedex"),
        ("FedEx", "fedex"),
        ("Fed Ex", "fedex"),
        ("usps", "usps"),
        ("United States Postal Service", "usps"),
        ("dhl", "dhl"),
        ("DHL Express", "dhl"),
        ("royal mail", "royal_mail"),
        ("Royal Mail", "royal_mail"),
        ("china post", "china_post"),
        ("中国邮政", "china_post"),
        ("ems", "ems"),
        ("EMS", "ems"),
        ("J&T", "jt_express"),
        ("j&t express", "jt_express"),
        ("SF Express", "sf_express"),
        ("顺丰", "sf_express"),
        ("cainiao", "cainiao"),
        ("YunExpress", "yunexpress"),
        ("Canada Post", "canada_post"),
        ("Deutsche Post", "post_de"),
        ("POST Luxembourg", "post_lu"),
        ("Hongkong Post", "post_hk"),
        ("PostNL", "post_nl"),
        ("dpd", "dpd"),
    ] {
        assert_eq!(
            find_carrier(name).and_then(CarrierId::get).map(|c| c.code),
            Some(code),
            "{name}"
        );
    }
    for unknown in ["", "  ", "Acme Couriers", "Colissimo", "post"] {
        assert_eq!(find_carrier(unknown), None, "{unknown}");
    }
    // Every carrier is found by its code, its printed name and its other names, and the
    // printed names are unique.
    for (i, c) in CARRIERS.iter().enumerate() {
        for name in [c.code, c.name].iter().chain(c.aliases) {
            assert_eq!(find_carrier(name), Some(CarrierId(i)), "{name}");
        }
        assert_eq!(
            CARRIERS.iter().filter(|o| o.name == c.name).count(),
            1,
            "{}",
            c.name
        );
    }
}

#[test]
fn every_formats_example_is_its_carriers() {
    for (i, f) in FORMATS.iter().enumerate() {
        let format = FormatId::Listed(i);
        let owner = carrier(f.carrier);
        assert!(
            matches!(fit(format, f.example), Fit::Valid { .. }),
            "{}",
            f.name
        );
        assert!(
            matches!(identify(f.example, Some(owner)), Ok(Identity::Known(c, Some(_))) if c == owner),
            "{}",
            f.name
        );
    }
}

#[test]
fn posts_and_ems() {
    let (royal_mail, china_post, ems) =
        (carrier("royal mail"), carrier("china post"), carrier("ems"));
    let s10 = Some(FormatId::S10);
    // Found from the country code.
    assert_eq!(
        identify("RR473124829GB", None),
        Ok(Identity::Known(royal_mail, s10))
    );
    assert_eq!(
        identify("EE000000080CN", None),
        Ok(Identity::Known(china_post, s10))
    );
    // EMS: an S10 number of an E service, of any post; never found on its own.
    assert_eq!(
        identify("EE000000080CN", Some(ems)),
        Ok(Identity::Known(ems, s10))
    );
    assert_eq!(
        identify("EA473124829GB", Some(ems)),
        Ok(Identity::Known(ems, s10))
    );
    assert!(matches!(
        identify("RR473124829GB", Some(ems)),
        Err(Problem::WrongCarrier { actual, .. }) if actual == [(royal_mail, FormatId::S10)]
    ));
    // Another post's S10 number.
    assert!(matches!(
        identify("RR473124829GB", Some(china_post)),
        Err(Problem::WrongCarrier { named, actual }) if named == china_post && actual == [(royal_mail, FormatId::S10)]
    ));
    // A wrong check digit in the post's own shape.
    assert_eq!(
        identify("RR473124828GB", Some(royal_mail)),
        Err(Problem::CheckDigit {
            carrier: None,
            format: FormatId::S10,
            serial: "47312482".into(),
            given: "8".into(),
            expected: Some('9'),
        })
    );
    // A post's domestic numbers are not in the data: accepted, unless S10-like.
    assert_eq!(
        identify("9612345678901", Some(china_post)),
        Ok(Identity::Known(china_post, None))
    );
    assert!(matches!(
        identify("RR47312482GB", Some(royal_mail)),
        Err(Problem::NotOfCarrier { expected, .. }) if expected == [("S10", "RR473124829GB".to_owned())]
    ));
    // ... unless another carrier's check digit says whose it is.
    assert!(matches!(
        identify("1Z5R89390357567127", Some(royal_mail)),
        Err(Problem::WrongCarrier { .. })
    ));
    // USPS: its own formats and S10 numbers ending in US.
    let usps = carrier("usps");
    assert_eq!(
        identify("EA473124829US", None),
        Ok(Identity::Known(usps, s10))
    );
    assert!(matches!(
        identify("12345", Some(usps)),
        Err(Problem::NotOfCarrier { expected, .. }) if expected.len() == 5 && expected[4] == ("S10", "RR473124829US".to_owned())
    ));
}

#[test]
fn unknown_numbers_and_lettered_shapes() {
    // No carrier, no format: not this module's business.
    assert_eq!(identify("ZX0042", None), Ok(Identity::Unknown));
    // Format only (no check digit): found only when named.
    assert_eq!(identify("SF1193907051991", None), Ok(Identity::Unknown));
    // All digits, the shape of FedEx Ground with a wrong check digit: another carrier's
    // number, perhaps; a lettered shape with a wrong check digit is a typo.
    assert_eq!(identify("041441760228965", None), Ok(Identity::Unknown));
    assert!(matches!(
        identify("1Z5R89390357567128", None),
        Err(Problem::CheckDigit {
            expected: Some('7'),
            ..
        })
    ));
}

#[test]
fn tracking_pages() {
    let url = |number: &str, named: Option<&str>| {
        let named = named.map(carrier);
        match identify(number, named) {
            Ok(Identity::Known(c, f)) => tracking_url(c, f, number),
            other => panic!("{number}: {other:?}"),
        }
    };
    assert_eq!(
        url("1Z5R89390357567127", None).as_deref(),
        Some("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z5R89390357567127")
    );
    assert_eq!(
        url("RR473124829GB", None).as_deref(),
        Some("https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB")
    );
    assert_eq!(
        url("EA473124829US", None).as_deref(),
        Some("https://tools.usps.com/go/TrackConfirmAction?tLabels=EA473124829US")
    );
    assert_eq!(
        url("EE000000080CN", Some("EMS")).as_deref(),
        Some("https://yjcx.ems.com.cn/qps/english/yjcx")
    );
    // A post whose page the crate does not know.
    assert_eq!(url("RR473124829DE", None), None);
    // A format without a page of its own: its carrier's.
    assert_eq!(
        url("32971514560102447849175802862014", None).as_deref(),
        Some(
            "https://www.fedex.com/apps/fedextrack/?tracknumbers=32971514560102447849175802862014"
        )
    );
    assert_eq!(
        url("SF1193907051991", Some("sf express")).as_deref(),
        Some(
            "https://www.sf-express.com/cn/en/dynamic_function/waybill/#search/bill-number/SF1193907051991"
        )
    );
    // A post's domestic number: the post's page.
    assert_eq!(
        url("123456", Some("Royal Mail")).as_deref(),
        Some("https://www.royalmail.com/track-your-item#/tracking-results/123456")
    );
    assert_eq!(url("JT0001234567890", Some("J&T")), None);
    // Anything outside unreserved URL characters is escaped.
    assert_eq!(
        url_encode("1LS7119013618127-1 ?&"),
        "1LS7119013618127-1%20%3F%26"
    );
}
