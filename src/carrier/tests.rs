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
    let mut not_inferred = 0;
    let mut ambiguous = Vec::new();
    for (code, format_name, valid, _) in dataset() {
        let format = format_named(&code, &format_name);
        for raw in &valid {
            let number = canonical(raw);
            let owner = owner(&code, &number);
            assert!(
                matches!(fit(format, &Subject::new(&number)), Fit::Valid { .. }),
                "{raw:?} is not a {format_name} number"
            );
            // Named: its carrier's, in one of its formats.
            assert!(
                matches!(identify(&number, Some(owner)), Ok(Identity::Known(c, Some(_))) if c == owner),
                "{raw:?} named {}: {:?}",
                owner.name(),
                identify(&number, Some(owner))
            );
            // Not named: found when the format has a check digit and the number letters
            // (an all-digit match is weak evidence).
            match identify(&number, None) {
                Ok(Identity::Known(c, Some(_))) => {
                    assert_eq!(c, owner, "{raw:?}");
                    assert!(
                        format.has_check_digit(),
                        "{raw:?}: found without a check digit"
                    );
                    assert!(lettered(&number), "{raw:?}: found from digits alone");
                    inferred += 1;
                }
                Ok(Identity::Unknown) => {
                    assert!(
                        !format.has_check_digit() || !lettered(&number),
                        "{raw:?} not found"
                    );
                    not_inferred += 1;
                }
                Err(Problem::Ambiguous { candidates }) => {
                    assert!(candidates.iter().any(|(c, _)| *c == owner), "{raw:?}");
                    ambiguous.push(number.clone());
                }
                other => panic!("{raw:?}: {other:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
    // UPS, UPS Waybill, OnTrac, DPD with a check letter, S10.
    assert!(inferred >= 30, "{inferred}");
    assert!(not_inferred > 100, "{not_inferred}");
    // The numbers of the data valid for two carriers (`78045768393`: DHL Express and Old
    // Dominion; `287809468872`: FedEx and Purolator; …) are all digits: no carrier is
    // found from them, so none is ambiguous.
    assert_eq!(ambiguous, Vec::<String>::new());
}

#[test]
fn every_invalid_test_number_is_refused_for_its_carrier() {
    let mut refused = 0;
    let mut open = Vec::new();
    for (code, format_name, _, invalid) in dataset() {
        let format = format_named(&code, &format_name);
        for raw in &invalid {
            let number = canonical(raw);
            // Not of the format, or (S10 of no post the data knows) no one's.
            match fit(format, &Subject::new(&number)) {
                Fit::Valid { service, country } => assert_eq!(
                    owners(format, service, country).collect::<Vec<_>>(),
                    [],
                    "{raw:?} passes as {format_name}"
                ),
                Fit::NoShape | Fit::BadCheck { .. } => {}
            }
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
                // All digits, for a carrier with numbers the data does not describe (DHL,
                // Canada Post): perhaps one of those; accepted, of no format.
                Ok(Identity::Known(c, None)) if c == named && named.open() => {
                    open.push(number);
                }
                other => panic!("{raw:?} named {}: {other:?}", named.name()),
            }
        }
    }
    assert!(refused > 60, "{refused}");
    // Canada Post's and DHL's: not numbers of the formats the data lists for them, but
    // perhaps of their others.
    assert_eq!(
        open,
        [
            "0073938000549292",
            "7035114477138471",
            "5002847016405018",
            "3318810010",
            "3318810034",
            "3318810011",
            "XJD0099999998",
            "GS295117494011169041",
            "GR295117494011169045",
            "AAAAAAAAAAAAAAAAAA",
            "ABCDEFGHILJKLMNOPQ",
            "ABCDEFGHILJKLMNOPQRSTU1234567890",
            "A60120172242323",
            "160120172242323",
            "6012017224232301",
            "601201722X2323",
            "GS295117494011169041",
            "GR295117494011169045",
        ]
    );
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
    let mut open = 0;
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
                            && matches!(fit(f, &Subject::new(&wrong)), Fit::Valid { .. }) =>
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
                    // All digits, for a carrier with numbers the data does not describe:
                    // accepted, of no format.
                    Ok(Identity::Known(c, None))
                        if c == owner && owner.open() && !lettered(&wrong) =>
                    {
                        open += 1;
                        continue;
                    }
                    other => panic!("{wrong} (from {raw:?}) named {}: {other:?}", owner.name()),
                }
                mutated += 1;
            }
        }
    }
    assert!(mutated > 700, "{mutated}");
    // DHL Express's and Canada Post's all-digit numbers.
    assert!((50..150).contains(&open), "{open}");
}

#[test]
fn an_all_digit_number_valid_for_two_carriers_names_neither() {
    // 320595463904: FedEx Express (12) (weights 3 1 7, mod 11, mod 10) and Purolator (12)
    // (Luhn).
    // All digits: no carrier is found from it, though it is valid for two.
    let number = "320595463904";
    let (fedex, purolator) = (carrier("FedEx"), carrier("Purolator"));
    assert_eq!(identify(number, None), Ok(Identity::Unknown));
    for named in [fedex, purolator] {
        assert!(
            matches!(identify(number, Some(named)), Ok(Identity::Known(c, Some(_))) if c == named)
        );
    }
    // Named for a third carrier: not its number, but all digits do not make it the
    // others'.
    assert!(matches!(
        identify(number, Some(carrier("UPS"))),
        Err(Problem::NotOfCarrier { .. })
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
fn owners_are_looked_up_as_the_carriers_would_be_searched() {
    // The table `owners` reads against a search of every carrier, for every format and
    // every country a post issues S10 numbers for, with EMS and other service indicators.
    let mut countries: Vec<&str> = CARRIERS
        .iter()
        .filter_map(|c| match c.s10 {
            Some(S10Issuer::Country(country)) => Some(country),
            _ => None,
        })
        .collect();
    countries.extend(["XX", "ZZ", ""]);
    let mut compared = 0;
    for (i, f) in FORMATS.iter().enumerate() {
        let searched: Vec<CarrierId> = CARRIERS
            .iter()
            .position(|c| c.code == f.carrier)
            .map(CarrierId)
            .into_iter()
            .collect();
        let found: Vec<CarrierId> = owners(FormatId::Listed(i), "", "").collect();
        assert_eq!(found, searched, "{}", f.name);
        compared += 1;
    }
    for country in &countries {
        let searched_post = CARRIERS
            .iter()
            .position(|c| {
                matches!(c.s10, Some(S10Issuer::Country(c)) if c == *country) && c.inferable
            })
            .map(CarrierId);
        assert_eq!(post_of(country), searched_post, "{country}");
        for service in ["EE", "EA", "RR", "LX", "CP", ""] {
            let searched: Vec<CarrierId> = match searched_post {
                None => Vec::new(),
                Some(_) => (0..CARRIERS.len())
                    .map(CarrierId)
                    .filter(|c| issues(*c, service, country))
                    .collect(),
            };
            let found: Vec<CarrierId> = owners(FormatId::S10, service, country).collect();
            assert_eq!(found, searched, "{service}…{country}");
            compared += 1;
        }
    }
    assert!(compared > 1000, "{compared}");
    // EMS numbers are the posts' and EMS's, merged in order.
    let ems: Vec<CarrierId> = owners(FormatId::S10, "EE", "CN").collect();
    assert!(
        ems.len() >= 2 && ems.windows(2).all(|w| w[0] < w[1]),
        "{ems:?}"
    );
    assert!(ems.contains(&carrier("China Post")) && ems.contains(&carrier("EMS")));
}

#[test]
fn a_number_is_tried_with_the_formats_of_its_length_as_with_all() {
    let mut numbers: Vec<String> = Vec::new();
    for (_, _, valid, invalid) in dataset() {
        for raw in valid.iter().chain(&invalid) {
            let compact = canonical(raw);
            numbers.push(format!("{compact}0"));
            numbers.push(compact.get(1..).unwrap_or_default().to_owned());
            numbers.push(compact);
            numbers.push(raw.clone());
        }
    }
    numbers.extend((0..=45).map(|n| "9".repeat(n)));
    let mut found = 0;
    for number in &numbers {
        let subject = Subject::new(number);
        let every: Vec<(FormatId, Fit<'_>)> = all_formats()
            .map(|f| (f, fit(f, &subject)))
            .filter(|(_, fit)| *fit != Fit::NoShape)
            .collect();
        let fits = Fits::of(number);
        assert_eq!(fits.0, every, "{number:?}");
        found += fits.0.len();
    }
    assert!(found > 500, "{found}");
}

#[test]
fn name_keys_of_ascii_names_are_those_of_any_name() {
    let by_char = |name: &str| -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut names: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
    names.extend(CARRIERS.iter().flat_map(super::names).map(str::to_owned));
    names.extend(
        [
            "J&T Express",
            "DHL Paket",
            " Royal-Mail Tracked 48 ",
            "UPS\tGround",
        ]
        .map(String::from),
    );
    assert!(names.iter().filter(|n| n.is_ascii()).count() > 500);
    for name in &names {
        assert_eq!(name_key(name), by_char(name), "{name:?}");
    }
    assert_eq!(name_key("J&T Express"), "jtexpress");
    // Any other name goes character by character.
    assert_eq!(name_key("La Poste – Colissimo"), "lapostecolissimo");
    assert_eq!(name_key("ÖSTERREICHISCHE POST"), "österreichischepost");
}

#[test]
fn every_formats_example_is_its_carriers() {
    for (i, f) in FORMATS.iter().enumerate() {
        let format = FormatId::Listed(i);
        let owner = carrier(f.carrier);
        assert!(
            matches!(fit(format, &Subject::new(f.example)), Fit::Valid { .. }),
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
    // Another post's S10 number: the destination post delivers it under the origin post's
    // number (the last mile).
    assert_eq!(
        identify("RR473124829GB", Some(china_post)),
        Ok(Identity::Known(china_post, s10))
    );
    assert_eq!(
        identify("LX473124829CN", Some(royal_mail)),
        Ok(Identity::Known(royal_mail, s10))
    );
    // ... with a right check digit, of a post the data knows.
    assert!(matches!(
        identify("LX473124828CN", Some(royal_mail)),
        Err(Problem::CheckDigit {
            format: FormatId::S10,
            expected: Some('9'),
            ..
        })
    ));
    assert!(matches!(
        identify("RB123456785XX", Some(royal_mail)),
        Err(Problem::NotOfCarrier { .. })
    ));
    // Not for a carrier that is no post.
    assert!(matches!(
        identify("LX473124829CN", Some(carrier("UPS"))),
        Err(Problem::WrongCarrier { actual, .. }) if actual == [(china_post, FormatId::S10)]
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
    // S10 with a country the data has no post for: still S10, its check digit checked.
    for number in ["RR473124828ZZ", "RR473124828XK", "RR473124828AQ"] {
        assert_eq!(
            identify(number, None),
            Err(Problem::CheckDigit {
                carrier: None,
                format: FormatId::S10,
                serial: "47312482".into(),
                given: "8".into(),
                expected: Some('9'),
            }),
            "{number}"
        );
        let right = number
            .replacen("8Z", "9Z", 1)
            .replacen("8X", "9X", 1)
            .replacen("8A", "9A", 1);
        assert_eq!(identify(&right, None), Ok(Identity::Unknown), "{right}");
        assert!(Fits::of(&right).known_shape(), "{right}");
    }
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
    // Another post's S10 number, delivered by the post named: the issuing post's page.
    assert_eq!(
        url("LX473124829CN", Some("Royal Mail")).as_deref(),
        Some("https://yjcx.ems.com.cn/qps/english/yjcx")
    );
    assert_eq!(
        url("RR473124829GB", Some("USPS")).as_deref(),
        Some("https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB")
    );
    assert_eq!(url("RR473124829DE", Some("Royal Mail")), None);
    // DHL's and OnTrac's pages, over HTTPS (the data has them as HTTP).
    assert_eq!(
        url("3318810025", Some("DHL")).as_deref(),
        Some("https://www.dhl.com/en/express/tracking.html?brand=DHL&AWB=3318810025")
    );
    assert_eq!(
        url("C11031500001879", None).as_deref(),
        Some("https://www.ontrac.com/tracking/?number=C11031500001879")
    );
    // A DHL number the data does not describe (DHL Paket, 20 digits): DHL's page.
    assert_eq!(
        url("00340434161094042557", Some("DHL")).as_deref(),
        Some("https://www.dhl.com/en/express/tracking.html?brand=DHL&AWB=00340434161094042557")
    );
    // A format without a page of its own: its carrier's.
    assert_eq!(
        url("32971514560102447849175802862014", Some("FedEx")).as_deref(),
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

/// SplitMix64: a fixed sequence of pseudo-random numbers, the same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `len` random decimal digits.
    fn digits(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b'0' + u8::try_from(self.next() % 10).unwrap_or(0)))
            .collect()
    }
}

#[test]
fn random_all_digit_numbers_name_no_carrier_and_no_wrong_one() {
    let mut rng = SplitMix(0x5EED_0016);
    let open = ["DHL", "DPD", "Deutsche Post", "Canada Post"];
    let others = ["UPS", "FedEx", "USPS", "Purolator"];
    // How many of the random numbers one of the data's all-digit formats takes, check
    // digit and all: without the rule they would name a carrier, or another one.
    let mut of_a_format = 0;
    for len in 10..=22 {
        for _ in 0..120 {
            let number = rng.digits(len);
            let matched = FORMATS.iter().enumerate().any(|(i, f)| {
                f.checksum.is_some()
                    && matches!(
                        fit(FormatId::Listed(i), &Subject::new(&number)),
                        Fit::Valid { .. }
                    )
            });
            of_a_format += usize::from(matched);
            assert_eq!(identify(&number, None), Ok(Identity::Unknown), "{number}");
            for name in open {
                let named = carrier(name);
                assert!(
                    matches!(identify(&number, Some(named)), Ok(Identity::Known(c, _)) if c == named),
                    "{number} named {name}: {:?}",
                    identify(&number, Some(named))
                );
            }
            for name in others {
                let result = identify(&number, Some(carrier(name)));
                assert!(
                    !matches!(result, Err(Problem::WrongCarrier { .. })),
                    "{number} named {name}: {result:?}"
                );
            }
        }
    }
    assert!(of_a_format > 100, "{of_a_format}");
}

#[test]
fn a_named_carrier_still_refuses_its_lettered_shapes_with_a_wrong_check_digit() {
    let ups = carrier("UPS");
    assert!(matches!(
        identify("1Z5R89390357567128", Some(ups)),
        Err(Problem::CheckDigit {
            expected: Some('7'),
            ..
        })
    ));
    // DPD's check letter, though DPD's list of formats is open.
    assert!(matches!(
        identify("09980000020033G", Some(carrier("DPD"))),
        Err(Problem::CheckDigit {
            expected: Some('F'),
            ..
        })
    ));
    // An open carrier is not given another carrier's lettered number, right or wrong.
    let dhl = carrier("DHL");
    assert!(matches!(
        identify("1Z5R89390357567127", Some(dhl)),
        Err(Problem::WrongCarrier { actual, .. }) if actual == [(ups, format_named("ups", "UPS"))]
    ));
    assert!(matches!(
        identify("1Z5R89390357567128", Some(dhl)),
        Err(Problem::CheckDigit {
            expected: Some('7'),
            ..
        })
    ));
    // A carrier whose formats the data knows all of: an all-digit number in one of its
    // shapes with a wrong check digit is a typo.
    assert!(matches!(
        identify("986578788856", Some(carrier("FedEx"))),
        Err(Problem::CheckDigit {
            expected: Some('5'),
            ..
        })
    ));
    // DHL Paket (12 and 20 digits), DPD's 14 digits without the check character: accepted.
    for (number, name) in [
        ("340434161094", "DHL"),
        ("00340434161094042557", "DHL"),
        ("09980000020033", "DPD"),
        ("3318810026", "DHL"),
    ] {
        let named = carrier(name);
        assert_eq!(
            identify(number, Some(named)),
            Ok(Identity::Known(named, None)),
            "{number}"
        );
    }
}

#[test]
fn carriers_are_found_by_their_leading_words() {
    for (given, code, rest) in [
        ("UPS Ground", "ups", "Ground"),
        ("ups ground", "ups", "ground"),
        ("USPS Priority Mail", "usps", "Priority Mail"),
        ("FedEx Home Delivery", "fedex", "Home Delivery"),
        ("FedEx Ground", "fedex", "Ground"),
        ("Fed Ex Ground", "fedex", "Ground"),
        ("FedEx (Home Delivery)", "fedex", "(Home Delivery)"),
        ("Royal Mail Tracked 48", "royal_mail", "Tracked 48"),
        ("DHL Parcel", "dhl", "Parcel"),
        ("DHL Paket", "dhl", "Paket"),
        ("DHL-Paket", "dhl", "Paket"),
        ("DHL eCommerce", "dhl", "eCommerce"),
        ("DHL Express", "dhl", "Express"),
        ("DPD Local", "dpd", "Local"),
        ("United Parcel Service Next Day Air", "ups", "Next Day Air"),
        ("Deutsche Post Warenpost", "post_de", "Warenpost"),
        ("China Post ePacket", "china_post", "ePacket"),
        // A name, whole: nothing after it.
        ("Royal Mail", "royal_mail", ""),
        ("Royal Mail Group plc", "royal_mail", ""),
        ("J&T", "jt_express", ""),
    ] {
        let found = named_in(given).map(|(c, rest)| (c.get().map_or("", |c| c.code), rest));
        assert_eq!(found, Some((code, rest)), "{given}");
    }
    // Leading words that start other carriers' names too name none of them.
    for given in [
        "La Poste Colissimo",
        "Posten Sverige",
        "Korea Post EMS",
        "Ground UPS",
        "Upsilon Couriers",
        "Post Express",
    ] {
        assert_eq!(named_in(given), None, "{given}");
    }
    // The leading words of the common carriers' names start no other carrier's.
    for name in [
        "UPS",
        "USPS",
        "FedEx",
        "DHL",
        "DPD",
        "Royal Mail",
        "China Post",
        "Canada Post",
        "EMS",
    ] {
        let with = format!("{name} Something");
        assert_eq!(
            named_in(&with).map(|(c, rest)| (c.name(), rest)),
            Some((name, "Something"))
        );
    }
    assert_eq!(printed_name("ups ground").as_deref(), Some("UPS ground"));
    assert_eq!(printed_name("fed ex").as_deref(), Some("FedEx"));
    assert_eq!(printed_name("DHL - Paket").as_deref(), Some("DHL Paket"));
    assert_eq!(printed_name("Acme Couriers"), None);
}

/// The shape tests and the patterns without `\s*` that [`Pattern::captures`] takes first
/// change nothing: on every test number of the data, with and without spaces, each with
/// every character replaced in turn, every pattern gives the captures the backtracking
/// matcher gives on the pattern as written.
#[test]
fn the_fast_paths_of_the_patterns_change_no_match() {
    use crate::pattern::{Pattern, match_as_written};
    let patterns: Vec<Pattern> = FORMATS
        .iter()
        .chain(std::iter::once(&S10))
        .flat_map(|f| std::iter::once(f.pattern).chain(f.prepend_if.map(|(p, _)| p)))
        .map(|p| Pattern::parse(p).unwrap())
        .collect();
    let mut inputs: Vec<String> = Vec::new();
    for (_, _, valid, invalid) in dataset() {
        for raw in valid.iter().chain(&invalid) {
            let compact: String = raw.chars().filter(|c| *c != ' ').collect();
            for base in [raw.clone(), compact] {
                for (i, _) in base.char_indices() {
                    for with in ["0", "A", " ", "-"] {
                        let mut changed = base.clone();
                        changed.replace_range(i..=i, with);
                        inputs.push(changed);
                    }
                }
                inputs.push(format!("{base}7"));
                inputs.push(base.get(1..).unwrap_or_default().to_owned());
                inputs.push(base);
            }
        }
    }
    inputs.push(String::new());
    let matched = match_as_written(&patterns, &inputs);
    assert!(matched > 1_000, "{matched}");
}
