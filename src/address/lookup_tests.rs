//! Tests of the region and city lookup against the generated tables.

use super::lookup::{Place, PlaceProblem, check_place, regions};
use super::regions::REGIONS;
use super::{COUNTRIES, Country, country, is_latin};

/// The country `code`, which the test expects to exist.
fn c(code: &str) -> &'static Country {
    country(code).unwrap_or_else(|| panic!("no country {code}"))
}

/// `check_place` with the arguments in a short form.
fn check(
    code: &str,
    region: Option<&str>,
    city: Option<&str>,
    postcode: Option<&str>,
    latin: bool,
) -> (Place, Vec<PlaceProblem>) {
    check_place(c(code), region, city, postcode, latin)
}

/// The normalised (region, city) of an address that must have no problem.
fn ok(
    code: &str,
    region: &str,
    city: Option<&str>,
    postcode: Option<&str>,
    latin: bool,
) -> (String, Option<String>) {
    let (place, problems) = check(code, Some(region), city, postcode, latin);
    assert!(
        problems.is_empty(),
        "{code} {region:?} {city:?} {postcode:?}: {problems:?}"
    );
    (place.region.expect("a region"), place.city)
}

/// The normalised region of a region-only address that must have no problem.
fn region(code: &str, given: &str, latin: bool) -> String {
    ok(code, given, None, None, latin).0
}

/// Owned strings.
fn strings(s: &[&str]) -> Vec<String> {
    s.iter().map(|s| (*s).to_owned()).collect()
}

// ---------------------------------------------------------------- regions

#[test]
fn us_states_by_key_name_and_iso_code() {
    for given in [
        "ca",
        "CA",
        "California",
        "CALIFORNIA",
        "US-CA",
        "us-ca",
        " california ",
        "  California\t",
    ] {
        assert_eq!(region("US", given, true), "CA", "{given:?}");
    }
    assert_eq!(region("US", "new  york", true), "NY");
    assert_eq!(region("US", "District of Columbia", true), "DC");
    // Territories have no ISO 3166-2 code under US, but their keys work.
    assert_eq!(region("US", "Guam", true), "GU");
    assert_eq!(region("US", "gu", true), "GU");
}

#[test]
fn unknown_us_state_suggests_the_near_misses() {
    let (place, problems) = check(
        "US",
        Some("Californa"),
        Some("Mountain View"),
        Some("94043"),
        true,
    );
    assert_eq!(place.region.as_deref(), Some("Californa"), "kept as given");
    assert_eq!(place.city.as_deref(), Some("Mountain View"));
    assert_eq!(
        problems,
        [PlaceProblem::UnknownRegion {
            given: "Californa".to_owned(),
            accepted: strings(&["CA"]),
            all: false,
        }]
    );

    let (_, problems) = check("US", Some("Nwe York"), None, Some("94043"), true);
    assert_eq!(
        problems,
        [PlaceProblem::UnknownRegion {
            given: "Nwe York".to_owned(),
            accepted: strings(&["NY"]),
            all: false,
        }],
        "an unknown region skips the postcode range check"
    );

    let (_, problems) = check("US", Some("Texes"), None, None, true);
    assert_eq!(
        problems,
        [PlaceProblem::UnknownRegion {
            given: "Texes".to_owned(),
            accepted: strings(&["TX"]),
            all: false,
        }]
    );
}

#[test]
fn postcode_outside_the_state() {
    let (place, problems) = check("US", Some("ny"), None, Some("94043"), true);
    assert_eq!(place.region.as_deref(), Some("NY"));
    assert_eq!(
        problems,
        [PlaceProblem::PostcodeNotInRegion {
            postcode: "94043".to_owned(),
            region: "NY".to_owned(),
            example: Some("10000"),
        }]
    );
    // In range, with or without the ZIP+4 part.
    for postcode in ["94043", "94043-1234", "96161"] {
        ok("US", "CA", None, Some(postcode), true);
    }
    ok("US", "NY", None, Some("10001"), true);
    // NY's range includes odd single codes: the IRS at 00501 and 00544.
    ok("US", "NY", None, Some("00501"), true);
    let (_, problems) = check("US", Some("CA"), None, Some("96200"), true);
    assert!(
        matches!(
            &problems[..],
            [PlaceProblem::PostcodeNotInRegion {
                example: Some("90000"),
                ..
            }]
        ),
        "{problems:?}"
    );
}

#[test]
fn japan_local_and_latin() {
    assert_eq!(region("JP", "東京都", false), "東京都");
    for given in ["Tokyo", "tokyo", "TOKYO", "13", "JP-13", "jp-13", "東京都"] {
        assert_eq!(region("JP", given, true), "Tokyo", "{given:?}");
        assert_eq!(region("JP", given, false), "東京都", "{given:?}");
    }
    assert_eq!(region("JP", "大阪府", true), "Osaka");
    ok("JP", "Osaka", None, Some("530-0001"), true);
    ok("JP", "Osaka", None, Some("5300001"), true);
    let (_, problems) = check("JP", Some("東京都"), None, Some("530-0001"), false);
    assert_eq!(
        problems,
        [PlaceProblem::PostcodeNotInRegion {
            postcode: "530-0001".to_owned(),
            region: "東京都".to_owned(),
            example: None,
        }],
        "JP regions have prefixes but no examples"
    );
    // 47 prefectures: an unknown one gets suggestions in the address's script.
    let (_, problems) = check("JP", Some("Tokio"), None, None, true);
    assert_eq!(
        problems,
        [PlaceProblem::UnknownRegion {
            given: "Tokio".to_owned(),
            accepted: strings(&["Tokyo"]),
            all: false,
        }]
    );
    // Without its administrative suffix 都, 東京 is still Tokyo; a typo is not.
    assert_eq!(ok("JP", "東京", None, None, false).0, "東京都");
    let (_, problems) = check("JP", Some("東亰都"), None, None, false);
    let [PlaceProblem::UnknownRegion { accepted, all, .. }] = problems.as_slice() else {
        panic!("{problems:?}")
    };
    assert!(!all);
    assert_eq!(accepted.first().map(String::as_str), Some("東京都"));
}

#[test]
fn china_region_and_city() {
    assert_eq!(
        ok("CN", "广东省", Some("深圳市"), Some("518040"), false),
        ("广东省".to_owned(), Some("深圳市".to_owned()))
    );
    for (r, city) in [
        ("Guangdong Sheng", "Shenzhen Shi"),
        ("guangdong sheng", "shenzhen shi"),
        ("广东省", "深圳市"),
        ("CN-44", "Shenzhen Shi"),
        ("44", "深圳市"),
    ] {
        assert_eq!(
            ok("CN", r, Some(city), Some("518040"), true),
            (
                "Guangdong Sheng".to_owned(),
                Some("Shenzhen Shi".to_owned())
            ),
            "{r:?} {city:?}"
        );
    }
    // Latin full names of autonomous prefectures are accepted too.
    assert_eq!(
        ok(
            "CN",
            "Yunnan Sheng",
            Some("Dali Baizu Zizhizhou"),
            None,
            true
        )
        .1,
        Some("Dali Zhou".to_owned())
    );
    assert_eq!(
        ok("CN", "云南省", Some("大理州"), None, false).1,
        Some("大理白族自治州".to_owned())
    );
    // A city of another province.
    let (place, problems) = check(
        "CN",
        Some("Guangdong Sheng"),
        Some("Hangzhou Shi"),
        None,
        true,
    );
    assert_eq!(place.city.as_deref(), Some("Hangzhou Shi"), "kept as given");
    let [
        PlaceProblem::UnknownCity {
            given,
            region,
            accepted,
            all,
        },
    ] = &problems[..]
    else {
        panic!("{problems:?}")
    };
    assert_eq!(
        (given.as_str(), region.as_str(), *all),
        ("Hangzhou Shi", "Guangdong Sheng", false)
    );
    assert_eq!(
        accepted,
        &strings(&["Guangzhou Shi", "Chaozhou Shi", "Huizhou Shi"])
    );
}

#[test]
fn brazil_state_and_municipality() {
    assert_eq!(
        ok("BR", "SP", Some("são paulo"), Some("01310-200"), true),
        ("SP".to_owned(), Some("São Paulo".to_owned()))
    );
    assert_eq!(
        ok("BR", "São Paulo", Some("SÃO PAULO"), Some("01310200"), true),
        ("SP".to_owned(), Some("São Paulo".to_owned()))
    );
    assert_eq!(
        ok("BR", "br-pr", Some("curitiba"), Some("80010-010"), true),
        ("PR".to_owned(), Some("Curitiba".to_owned()))
    );
    let (place, problems) = check("BR", Some("SP"), Some("Sao Paolo"), Some("01310-200"), true);
    assert_eq!(place.city.as_deref(), Some("Sao Paolo"));
    assert_eq!(
        problems,
        [PlaceProblem::UnknownCity {
            given: "Sao Paolo".to_owned(),
            region: "SP".to_owned(),
            accepted: strings(&["São Paulo"]),
            all: false,
        }]
    );
    // City and postcode problems are both reported.
    let (_, problems) = check("BR", Some("RJ"), Some("Curitiba"), Some("80010-010"), true);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(matches!(&problems[0], PlaceProblem::UnknownCity { region, .. } if region == "RJ"));
    assert_eq!(
        problems[1],
        PlaceProblem::PostcodeNotInRegion {
            postcode: "80010-010".to_owned(),
            region: "RJ".to_owned(),
            example: Some("20000-000"),
        }
    );
}

#[test]
fn hong_kong_area_and_district() {
    for (r, city) in [
        ("Hong Kong Island", "Wan Chai"),
        ("hong kong island", "wan chai"),
        ("香港島", "灣仔"),
    ] {
        for latin in [true, false] {
            assert_eq!(
                ok("HK", r, Some(city), None, latin),
                ("Hong Kong Island".to_owned(), Some("Wan Chai".to_owned())),
                "{r:?} {city:?} {latin}"
            );
        }
    }
    // Three areas: an unknown one lists them all.
    let (_, problems) = check("HK", Some("Lantau"), Some("Wan Chai"), None, true);
    assert_eq!(
        problems,
        [PlaceProblem::UnknownRegion {
            given: "Lantau".to_owned(),
            accepted: strings(&["Kowloon", "Hong Kong Island", "New Territories"]),
            all: true,
        }]
    );
}

#[test]
fn korea_and_taiwan() {
    assert_eq!(
        ok("KR", "서울", Some("강남구"), Some("06236"), false),
        ("서울특별시".to_owned(), Some("강남구".to_owned()))
    );
    assert_eq!(
        ok("KR", "seoul", Some("gangnam-gu"), Some("06236"), true),
        ("Seoul".to_owned(), Some("Gangnam-gu".to_owned()))
    );
    let (_, problems) = check("KR", Some("서울특별시"), None, Some("48058"), false);
    assert_eq!(
        problems,
        [PlaceProblem::PostcodeNotInRegion {
            postcode: "48058".to_owned(),
            region: "서울특별시".to_owned(),
            example: Some("06321"),
        }]
    );
    assert_eq!(
        ok("TW", "台北市", Some("大安區"), Some("106"), false),
        ("台北市".to_owned(), Some("大安區".to_owned()))
    );
    assert_eq!(
        ok("TW", "TW-TPE", Some("Da'an District"), Some("10603"), true),
        ("Taipei City".to_owned(), Some("Da'an District".to_owned()))
    );
}

#[test]
fn emirates_vietnam_mexico_chile_turkey() {
    assert_eq!(region("AE", "dubai", true), "Dubai");
    assert_eq!(region("AE", "AE-DU", true), "Dubai");
    assert_eq!(region("AE", "دبي", true), "Dubai");
    assert_eq!(region("AE", "dubai", false), "إمارة دبيّ");
    let (_, problems) = check("AE", Some("Al Ain"), None, None, true);
    assert_eq!(
        problems,
        [PlaceProblem::UnknownRegion {
            given: "Al Ain".to_owned(),
            accepted: strings(&[
                "Abu Dhabi",
                "Sharjah",
                "Fujairah",
                "Umm Al Quwain",
                "Dubai",
                "Ras al Khaimah",
                "Ajman"
            ]),
            all: true,
        }]
    );

    // Vietnam's keys are already Latin: they stay, even in a Latin address.
    for given in ["Thành phố Hồ Chí Minh", "thành phố hồ chí minh", "VN-SG"] {
        assert_eq!(region("VN", given, true), "Thành phố Hồ Chí Minh");
    }
    assert_eq!(
        region("VN", "Ho Chi Minh City", true),
        "Thành phố Hồ Chí Minh"
    );

    // Mexico's keys are the post's abbreviations.
    for given in ["CDMX", "cdmx", "Ciudad de México", "MX-CMX"] {
        assert_eq!(
            ok("MX", given, Some("Ciudad de México"), Some("03940"), true),
            ("CDMX".to_owned(), Some("Ciudad de México".to_owned())),
            "{given:?}: MX lists no cities, so the city stays"
        );
    }
    assert_eq!(region("MX", "Nuevo León", true), "N.L.");

    assert_eq!(
        ok(
            "CL",
            "Metropolitana de Santiago",
            Some("las condes"),
            Some("7550000"),
            true
        ),
        (
            "Región Metropolitana".to_owned(),
            Some("Las Condes".to_owned())
        )
    );
    assert_eq!(region("TR", "Istanbul", true), "İstanbul");
    assert_eq!(region("TR", "TR-34", true), "İstanbul");
}

#[test]
fn armenia_old_six_digit_codes_are_not_range_checked() {
    ok("AM", "Yerevan", None, Some("0010"), true);
    ok("AM", "Yerevan", None, Some("375010"), true);
    let (_, problems) = check("AM", Some("Yerevan"), None, Some("2201"), true);
    assert!(
        matches!(&problems[..], [PlaceProblem::PostcodeNotInRegion { region, example: Some("0000"), .. }] if region == "Yerevan"),
        "{problems:?}"
    );
}

#[test]
fn countries_without_regions_pass_everything_through() {
    for code in ["DE", "GB", "FR", "SA"] {
        let (place, problems) = check(
            code,
            Some("Bayern  Nord"),
            Some("nowhere"),
            Some("00000"),
            true,
        );
        assert!(problems.is_empty(), "{code}");
        assert_eq!(
            place,
            Place {
                region: Some("Bayern  Nord".to_owned()),
                city: Some("nowhere".to_owned())
            }
        );
        assert!(regions(code).is_empty(), "{code}");
    }
}

#[test]
fn absent_or_blank_values() {
    let (place, problems) = check("US", None, Some("Mountain View"), Some("94043"), true);
    assert!(problems.is_empty());
    assert_eq!(place.region, None);
    let (place, problems) = check("US", Some("  "), None, None, true);
    assert!(problems.is_empty());
    assert_eq!(place.region.as_deref(), Some("  "));
    // A region without a city list keeps the city; a blank city is kept.
    assert_eq!(
        ok("US", "CA", Some("mountain view"), None, true)
            .1
            .as_deref(),
        Some("mountain view")
    );
    assert_eq!(
        ok("BR", "SP", Some(" "), None, true).1.as_deref(),
        Some(" ")
    );
    assert_eq!(ok("BR", "SP", None, None, true).1, None);
}

// ---------------------------------------------------------------- the samples

#[test]
fn sample_orders_have_no_place_problems() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/orders.json");
    let text = std::fs::read_to_string(&path).expect("read tests/data/orders.json");
    let orders: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let orders = orders.as_array().expect("a list of orders");
    assert_eq!(orders.len(), 13);
    let mut places = Vec::new();
    for order in orders {
        for party in ["recipient", "seller"] {
            let party = &order[party];
            let address = &party["address"];
            let field = |name: &str| {
                address[name]
                    .as_str()
                    .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            let lines: Vec<&str> = address["lines"]
                .as_array()
                .expect("lines")
                .iter()
                .filter_map(|l| l.as_str())
                .collect();
            let city = field("city");
            // As the layout decides: name, street lines and city together.
            let sample: String = party["name"]
                .as_str()
                .into_iter()
                .chain(lines.iter().copied())
                .chain(city.as_deref())
                .collect();
            let code = field("country").expect("country").to_uppercase();
            let postcode = field("postcode").map(|p| p.to_uppercase());
            let region = field("region");
            let (place, problems) = check_place(
                c(&code),
                region.as_deref(),
                city.as_deref(),
                postcode.as_deref(),
                is_latin(&sample),
            );
            assert!(
                problems.is_empty(),
                "{code} {region:?} {city:?}: {problems:?}"
            );
            places.push(format!(
                "{code} {} / {}",
                place.region.unwrap_or_default(),
                place.city.unwrap_or_default()
            ));
        }
    }
    for expected in [
        "US CA / Mountain View",
        "CN Guangdong Sheng / Shenzhen Shi",
        "CN Zhejiang Sheng / Jinhua Shi",
        "CN Guangdong Sheng / Guangzhou Shi",
        "JP 東京都 / 千代田区",
        "JP Osaka / Osaka",
        "BR SP / São Paulo",
        "BR PR / Curitiba",
        // A Thai name makes the address non-Latin: the region takes its Thai key.
        "TH กรุงเทพมหานคร / Khlong Toei",
        "TH Bangkok / Pathum Wan",
        "VN Thành phố Hồ Chí Minh / Quận 1",
        "VN Hà Nội / Hoàn Kiếm",
        "HK Hong Kong Island / Wan Chai",
        "AE Dubai / ",
        "MX CDMX / Ciudad de México",
        "DE  / Berlin",
    ] {
        assert!(
            places.iter().any(|p| p == expected),
            "{expected}: {places:#?}"
        );
    }
}

// ---------------------------------------------------------------- the data

#[test]
fn region_table_is_sorted_and_matches_countries() {
    assert!(REGIONS.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(REGIONS.len(), 48);
    for (code, regions) in REGIONS {
        assert!(country(code).is_some(), "{code}");
        assert!(!regions.is_empty(), "{code}");
        assert!(
            std::ptr::eq(*regions, super::lookup::regions(code)),
            "{code}"
        );
    }
    let count = |f: fn(&&str) -> usize| REGIONS.iter().map(|(c, _)| f(c)).sum::<usize>();
    assert_eq!(count(|c| regions(c).len()), 1382);
    assert_eq!(
        count(|c| regions(c).iter().map(|r| r.cities.len()).sum()),
        7136
    );
    assert_eq!(
        regions("BR").iter().map(|r| r.cities.len()).sum::<usize>(),
        5569
    );
    let with_cities: Vec<&str> = REGIONS
        .iter()
        .filter(|(_, r)| r.iter().any(|r| !r.cities.is_empty()))
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(with_cities, ["BR", "CL", "CN", "HK", "KR", "TW"]);
}

#[test]
fn every_spelling_resolves_to_its_own_region_and_city() {
    let mut checked = 0;
    for (code, regions) in REGIONS {
        let country = c(code);
        for r in *regions {
            let iso = r.isoid.map(|i| format!("{code}-{i}"));
            let spellings = [Some(r.key), r.name, r.lname, r.isoid, iso.as_deref()];
            for spelling in spellings.into_iter().flatten() {
                for latin in [false, true] {
                    for given in [
                        spelling.to_owned(),
                        spelling.to_lowercase(),
                        format!(" {spelling} "),
                    ] {
                        let (place, problems) =
                            check_place(country, Some(&given), None, None, latin);
                        assert!(problems.is_empty(), "{code} {given:?}: {problems:?}");
                        // Spain prints the province's name (see `PROVINCE_NAMES`).
                        let expected = if *code == "ES" {
                            r.name.unwrap_or(r.key)
                        } else {
                            r.display(latin)
                        };
                        assert_eq!(place.region.as_deref(), Some(expected), "{code} {given:?}");
                        checked += 1;
                    }
                }
            }
            for city in r.cities {
                for spelling in [Some(city.key), city.name, city.lname, city.lfname]
                    .into_iter()
                    .flatten()
                {
                    for latin in [false, true] {
                        let (place, problems) =
                            check_place(country, Some(r.key), Some(spelling), None, latin);
                        assert!(
                            problems.is_empty(),
                            "{code} {} {spelling:?}: {problems:?}",
                            r.key
                        );
                        assert_eq!(place.city.as_deref(), Some(city.display(latin)));
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 30_000, "only {checked}");
}

#[test]
fn every_region_pattern_compiles_and_its_examples_pass() {
    let mut checked = 0;
    for (code, regions) in REGIONS {
        let country = c(code);
        for r in *regions {
            assert!(
                r.zipex.is_empty() || r.zip.is_some(),
                "{code} {}: examples without a pattern",
                r.key
            );
            let Some(zip) = r.zip else { continue };
            assert!(
                crate::pattern::Pattern::parse(&format!("(?:{zip}).*")).is_ok(),
                "{code} {}: {zip}",
                r.key
            );
            for ex in r.zipex {
                assert!(
                    country.postcode_matches(ex),
                    "{code} {}: {ex} is no {code} postcode",
                    r.key
                );
                let (_, problems) = check_place(country, Some(r.key), None, Some(ex), true);
                assert!(problems.is_empty(), "{code} {} {ex}: {problems:?}", r.key);
                checked += 1;
            }
            // The country's examples fall in some region (RU's first is a Belarusian code).
        }
        for ex in country.zipex {
            let inside = regions.iter().any(|r| {
                r.zip.is_none()
                    || check_place(country, Some(r.key), None, Some(ex), true)
                        .1
                        .is_empty()
            });
            assert!(
                inside || (*code, *ex) == ("RU", "247112"),
                "{code} {ex} is in no region"
            );
        }
    }
    assert!(checked > 400, "only {checked}");
}

#[test]
fn strange_input_never_panics() {
    let long = "ж".repeat(10_000);
    let inputs = [
        "", " ", "\u{0}", "\n\t", "-", "US-", "-CA", "🙂", "İ", "ß", "\u{301}", &long, "9", "??",
    ];
    for country in COUNTRIES {
        for region in inputs
            .iter()
            .copied()
            .chain(regions(country.code).first().map(|r| r.key))
        {
            for city in [None, Some(""), Some("🙂"), Some(long.as_str())] {
                for postcode in [None, Some(""), Some("0"), Some("🙂")] {
                    let _ = check_place(country, Some(region), city, postcode, true);
                }
            }
        }
    }
    // A country built outside the table (only tests do that) is looked up by code.
    let outside = Country {
        code: "QQ",
        ..*c("US")
    };
    assert!(
        check_place(&outside, Some("nowhere"), None, None, true)
            .1
            .is_empty()
    );
}

#[test]
fn indexes_are_shared_across_threads() {
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let latin = i % 2 == 0;
                REGIONS.iter().all(|(code, regions)| {
                    regions.iter().all(|r| {
                        let city = r.cities.last().map(|c| c.key);
                        check_place(c(code), Some(r.key), city, None, latin)
                            .1
                            .is_empty()
                    })
                })
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().expect("thread"));
    }
}

/// One address for the timing.
struct Sample {
    country: &'static Country,
    region: String,
    city: Option<String>,
    postcode: Option<String>,
    latin: bool,
}

/// `cargo test --release --lib address::lookup_tests::timing -- --ignored --nocapture`:
/// prints the time to check 10,000 varied addresses: every region of every
/// country with regions, by key, name or Latin name, a quarter of them
/// misspelt (so suggestions are computed), with a city where the region
/// lists them (a third misspelt) and a postcode; and some countries without
/// regions. The first round includes building the indexes.
#[test]
#[ignore = "a timing, run on demand in release"]
fn timing() {
    let mut samples = Vec::new();
    for (code, regions) in REGIONS {
        let country = c(code);
        for (i, r) in regions.iter().enumerate() {
            let region = match i % 4 {
                0 => r.key.to_owned(),
                1 => r.name.unwrap_or(r.key).to_lowercase(),
                2 => r.lname.unwrap_or(r.key).to_uppercase(),
                _ => format!("{}x", r.key),
            };
            let city = r
                .cities
                .get(i * 7 % r.cities.len().max(1))
                .map(|c| match i % 3 {
                    0 => c.key.to_owned(),
                    1 => c.lname.unwrap_or(c.key).to_lowercase(),
                    _ => format!("{}q", c.key),
                });
            let postcode = r
                .zipex
                .first()
                .or(country.zipex.first())
                .map(|z| (*z).to_owned());
            samples.push(Sample {
                country,
                region,
                city,
                postcode,
                latin: i % 2 == 0,
            });
        }
    }
    for country in COUNTRIES.iter().take(40) {
        samples.push(Sample {
            country,
            region: "Somewhere".to_owned(),
            city: Some("Town".to_owned()),
            postcode: None,
            latin: true,
        });
    }
    let samples: Vec<&Sample> = samples.iter().cycle().take(10_000).collect();
    for round in 1..=3 {
        let start = std::time::Instant::now();
        let mut problems = 0;
        for s in &samples {
            let (_, found) = check_place(
                s.country,
                Some(&s.region),
                s.city.as_deref(),
                s.postcode.as_deref(),
                s.latin,
            );
            problems += found.len();
        }
        println!(
            "round {round}: 10,000 addresses in {:.2?} ({problems} problems)",
            start.elapsed()
        );
    }
    // The same without the addresses that have problems (no suggestions).
    let check = |s: &Sample| {
        check_place(
            s.country,
            Some(&s.region),
            s.city.as_deref(),
            s.postcode.as_deref(),
            s.latin,
        )
    };
    let clean: Vec<&Sample> = samples
        .iter()
        .copied()
        .filter(|s| check(s).1.is_empty())
        .collect();
    let clean: Vec<&Sample> = clean.iter().copied().cycle().take(10_000).collect();
    let start = std::time::Instant::now();
    let problems: usize = clean.iter().map(|s| check(s).1.len()).sum();
    println!(
        "10,000 addresses without problems in {:.2?} ({problems} problems)",
        start.elapsed()
    );
}

#[test]
fn without_a_near_miss_nothing_is_suggested() {
    // The nearest of unrelated names would only mislead.
    let (_, problems) = check("US", Some("Xqzzy Wqrf"), None, None, true);
    assert_eq!(
        problems,
        [PlaceProblem::UnknownRegion {
            given: "Xqzzy Wqrf".to_owned(),
            accepted: Vec::new(),
            all: false,
        }]
    );
}

#[test]
fn common_spellings_the_data_lacks() {
    let cases = [
        ("ES", "A Coruña", "La Coruña"),
        ("ES", "Lleida", "Lérida"),
        ("ES", "Gipuzkoa", "Guipúzcoa"),
        ("ES", "Illes Balears", "Islas Baleares"),
        ("MX", "NL", "N.L."),
        ("MX", "BCS", "B.C.S."),
        ("MX", "DF", "CDMX"),
        ("MX", "Coahuila", "Coah."),
        ("MY", "Penang", "Pulau Pinang"),
        ("ID", "Yogyakarta", "Daerah Istimewa Yogyakarta"),
        ("CL", "Santiago", "Región Metropolitana"),
        ("JP", "Kanagawa-ken", "Kanagawa"),
        ("JP", "Tokyo-to", "Tokyo"),
        ("JP", "Osaka-fu", "Osaka"),
        ("TW", "臺北市", "台北市"),
    ];
    for (code, given, expected) in cases {
        let latin = code != "TW";
        let (place, problems) = check(code, Some(given), None, None, latin);
        assert_eq!(problems, [], "{code} {given}");
        assert_eq!(place.region.as_deref(), Some(expected), "{code} {given}");
    }
    // 神奈川 without its suffix 県.
    let (place, problems) = check("JP", Some("神奈川"), None, None, false);
    assert_eq!(
        (place.region.as_deref(), problems.len()),
        (Some("神奈川県"), 0)
    );
    // Quezon City is a city of Metro Manila, not the province of Quezon.
    let (_, problems) = check("PH", Some("Quezon City"), None, None, true);
    assert!(
        matches!(problems.as_slice(), [PlaceProblem::UnknownRegion { .. }]),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_city_is_kept_where_a_city_is_optional() {
    // Hong Kong's data lists some neighbourhoods, not all, and needs no city.
    let (place, problems) = check("HK", Some("Kowloon"), Some("Yau Tsim Mong"), None, true);
    assert_eq!(problems, []);
    assert_eq!(place.city.as_deref(), Some("Yau Tsim Mong"));
}

#[test]
fn irish_counties_with_or_without_co() {
    for given in ["Co. Dublin", "Dublin", "county dublin", "D", "IE-D"] {
        let (place, problems) = check("IE", Some(given), Some("Dublin"), None, true);
        assert_eq!(problems, [], "{given}");
        assert_eq!(place.region.as_deref(), Some("Co. Dublin"), "{given}");
    }
}

#[test]
fn names_match_without_their_accents_when_unambiguous() {
    assert_eq!(
        ok("BR", "SP", Some("Sao Paulo"), Some("01310-200"), true),
        ("SP".to_owned(), Some("São Paulo".to_owned()))
    );
    let (place, problems) = check("VN", Some("Thanh pho Ho Chi Minh"), None, None, true);
    assert_eq!(problems, []);
    assert_eq!(place.region.as_deref(), Some("Thành phố Hồ Chí Minh"));
}

#[test]
fn spanish_provinces_print_by_name() {
    for given in ["M", "Madrid", "madrid", " MADRID "] {
        let (place, problems) = check("ES", Some(given), Some("Madrid"), Some("28014"), true);
        assert_eq!(problems, [], "{given}");
        assert_eq!(place.region.as_deref(), Some("Madrid"), "{given}");
    }
}

#[test]
fn names_match_without_their_administrative_words() {
    for (given, expected) in [
        ("Guangdong", "Guangdong Sheng"),
        ("guangdong province", "Guangdong Sheng"),
        ("Beijing", "Beijing Shi"),
    ] {
        let (place, problems) = check("CN", Some(given), None, None, true);
        assert_eq!(problems, [], "{given}");
        assert_eq!(place.region.as_deref(), Some(expected), "{given}");
    }
    // In Chinese script too: 广东 is 广东省.
    let (place, problems) = check("CN", Some("广东"), Some("深圳"), Some("518040"), false);
    assert_eq!(problems, []);
    assert_eq!(
        (place.region.as_deref(), place.city.as_deref()),
        (Some("广东省"), Some("深圳市"))
    );
    // A word of a longer name is no match, but it is the first suggestion.
    let (_, problems) = check("US", Some("York"), None, None, true);
    assert!(
        matches!(problems.as_slice(), [PlaceProblem::UnknownRegion { accepted, .. }] if accepted.first().map(String::as_str) == Some("NY")),
        "{problems:?}"
    );
}

#[test]
fn a_city_level_region_may_be_its_own_city() {
    // Seoul and Beijing list their districts as cities; "Seoul, Seoul" is a whole address.
    assert_eq!(
        ok("KR", "Seoul", Some("Seoul"), Some("04524"), true),
        ("Seoul".to_owned(), Some("Seoul".to_owned()))
    );
    assert_eq!(
        ok("CN", "Beijing", Some("beijing shi"), Some("100000"), true),
        ("Beijing Shi".to_owned(), Some("Beijing Shi".to_owned()))
    );
}
