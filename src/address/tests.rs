//! Tests of the address rules against the generated table.

use super::countries::COUNTRIES;
use super::*;

/// The country `code`, which the test expects to exist.
fn c(code: &str) -> &'static Country {
    country(code).unwrap_or_else(|| panic!("no country {code}"))
}

/// Owned street lines.
fn lines(l: &[&str]) -> Vec<String> {
    l.iter().map(|s| (*s).to_owned()).collect()
}

// ---------------------------------------------------------------- the table

#[test]
fn table_is_sorted_unique_and_complete() {
    assert_eq!(COUNTRIES.len(), 252);
    assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code));
    assert!(country("ZZ").is_none(), "the defaults are not a country");
    for c in COUNTRIES {
        assert!(c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase()));
        assert!(std::ptr::eq(country(c.code).expect("lookup"), c));
        assert!(!c.name.is_empty() && c.fmt.contains("%A"), "{}", c.code);
    }
    // Every string of two ASCII characters and a few others, as a search of the table.
    let searched = |code: &str| {
        COUNTRIES
            .binary_search_by(|c| c.code.cmp(code))
            .ok()
            .map(|i| &COUNTRIES[i])
    };
    let mut codes: Vec<String> = (0u8..128)
        .flat_map(|a| (0u8..128).map(move |b| String::from_utf8(vec![a, b]).unwrap()))
        .collect();
    codes.extend(["", "A", "USA", "É", "ÉU", "U", "\u{0}"].map(String::from));
    for code in &codes {
        let found = country(code);
        assert_eq!(
            super::position(code).map(|i| &COUNTRIES[i].code),
            searched(code).map(|c| &c.code)
        );
        assert_eq!(
            found.map(|c| c.code),
            searched(code).map(|c| c.code),
            "{code:?}"
        );
        assert!(found.is_none_or(|c| std::ptr::eq(c, searched(code).unwrap())));
    }
    assert!(country("us").is_none(), "codes are upper case");
    assert!(country("").is_none());
    assert!(country("USA").is_none());
    assert_eq!(c("DE").name, "GERMANY");
}

#[test]
fn defaults_are_inherited() {
    // AO says nothing but its name: everything comes from ZZ.
    let ao = c("AO");
    assert_eq!(
        (ao.fmt, ao.require, ao.upper, ao.lfmt, ao.zip),
        ("%N%n%O%n%A%n%C", "AC", "C", None, None)
    );
    assert!(ao.zipex.is_empty());
    // Switzerland's explicit empty `upper` is kept, not replaced.
    assert_eq!(c("CH").upper, "");
    // Own values win over the defaults.
    assert_eq!(c("US").upper, "CS");
    assert_eq!(c("AG").require, "A");
}

#[test]
fn every_pattern_compiles() {
    for c in COUNTRIES {
        if let Some(zip) = c.zip {
            assert!(
                crate::pattern::Pattern::parse(zip).is_ok(),
                "{}: {zip}",
                c.code
            );
        }
    }
}

/// Variants of a postcode that a seller might type, right and wrong: itself, without
/// separators, each character replaced by a digit, a letter or a space in turn, one
/// character more or fewer.
fn variants(example: &str) -> Vec<String> {
    let mut out = vec![
        example.to_owned(),
        example.replace([' ', '-'], ""),
        format!("{example}0"),
        format!("0{example}"),
        format!("{example} "),
    ];
    for (i, c) in example.char_indices() {
        for with in ["0", "9", "A", "Z", " ", "-"] {
            let mut changed = example.to_owned();
            changed.replace_range(i..i + c.len_utf8(), with);
            out.push(changed);
        }
        let mut shorter = example.to_owned();
        shorter.remove(i);
        out.push(shorter);
    }
    out
}

/// The postcode patterns run on the crate's own matcher: on every example of every
/// country and region, and variants of them, it says what `regex-lite` says of the same
/// pattern (anchored at both ends for a country, at the start for a region's prefix).
/// Each country's pattern meets its own examples' variants and every tenth of the
/// others'; each region's prefix its own and its country's.
#[test]
fn postcode_patterns_match_as_a_regex_engine_matches_them() {
    let mut everyone: Vec<String> = vec![String::new(), "GIR 0AA".into(), "BFPO 1234".into()];
    for c in COUNTRIES {
        for ex in c.zipex {
            everyone.extend(variants(ex));
        }
    }
    everyone.sort();
    everyone.dedup();
    let others: Vec<&String> = everyone.iter().step_by(10).collect();
    let mut matched = 0;
    for c in COUNTRIES {
        let Some(zip) = c.zip else { continue };
        let regex = regex_lite::Regex::new(&format!("^(?:{zip})$")).unwrap();
        let own: Vec<String> = c.zipex.iter().flat_map(|ex| variants(ex)).collect();
        for input in own.iter().chain(others.iter().copied()) {
            let ours = c.postcode_matches(input);
            assert_eq!(ours, regex.is_match(input), "{} {zip} {input:?}", c.code);
            matched += usize::from(ours);
        }
    }
    assert!(matched > 1_000, "{matched}");
    let mut prefixes = 0;
    for (code, regions) in crate::address::regions::REGIONS {
        let country: Vec<String> = COUNTRIES
            .iter()
            .filter(|c| c.code == *code)
            .flat_map(|c| c.zipex.iter().flat_map(|ex| variants(ex)))
            .collect();
        for r in *regions {
            let Some(zip) = r.zip else { continue };
            let regex = regex_lite::Regex::new(&format!("^(?:{zip})")).unwrap();
            let ours = crate::pattern::Pattern::parse(&format!("(?:{zip}).*")).unwrap();
            let own: Vec<String> = r.zipex.iter().flat_map(|ex| variants(ex)).collect();
            for input in own.iter().chain(&country) {
                let found = ours.captures(input).is_some();
                assert_eq!(
                    found,
                    regex.is_match(input),
                    "{code} {} {zip} {input:?}",
                    r.key
                );
                prefixes += usize::from(found);
            }
        }
    }
    assert!(prefixes > 1_000, "{prefixes}");
}

// ---------------------------------------------------------------- postcodes

/// `example` with its first ASCII digit (or, failing that, letter) replaced
/// by the full-width form.
fn full_width(example: &str) -> String {
    let mut done = false;
    let swap = |ch: char, first: char, base: u32| {
        char::from_u32(u32::from(ch) - u32::from(first) + base).expect("full-width form")
    };
    let digits: String = example
        .chars()
        .map(|ch| match ch {
            '0'..='9' if !done => {
                done = true;
                swap(ch, '0', 0xFF10)
            }
            _ => ch,
        })
        .collect();
    if done {
        return digits;
    }
    example
        .chars()
        .map(|ch| match ch {
            'A'..='Z' if !done => {
                done = true;
                swap(ch, 'A', 0xFF21)
            }
            _ => ch,
        })
        .collect()
}

#[test]
fn every_example_matches_and_mutations_do_not() {
    let mut checked = 0;
    for c in COUNTRIES {
        assert_eq!(c.zip.is_some(), !c.zipex.is_empty(), "{}", c.code);
        for &ex in c.zipex {
            assert!(c.postcode_matches(ex), "{}: {ex:?} should match", c.code);
            for bad in [
                format!("{ex}#"),
                format!("#{ex}"),
                format!("{ex}\n"),
                full_width(ex),
            ] {
                assert!(
                    !c.postcode_matches(&bad),
                    "{}: {bad:?} should not match",
                    c.code
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} examples");
}

#[test]
fn postcode_is_matched_whole() {
    let us = c("US");
    assert!(us.postcode_matches("94043"));
    assert!(us.postcode_matches("94043-1234"));
    assert!(us.postcode_matches("94043 1234"));
    assert!(!us.postcode_matches("94043-12345"));
    assert!(!us.postcode_matches("9404"));
    assert!(!us.postcode_matches("940430"));
    assert!(!us.postcode_matches(" 94043"));
    assert!(!us.postcode_matches("94043-"));
    assert!(!us.postcode_matches("９４０４３"));
    assert!(!us.postcode_matches(""));

    // GB: an alternation, which only works anchored as a whole.
    let gb = c("GB");
    for ok in ["NW1 6XE", "NW16XE", "GIR 0AA", "BFPO 61", "EC1A 1HQ"] {
        assert!(gb.postcode_matches(ok), "{ok}");
    }
    for bad in [
        "GIR 0AAX",
        "XGIR 0AA",
        "BFPO 12345",
        "nw1 6xe",
        "NW1 6XE ",
        "QQ1 1AA",
    ] {
        assert!(!gb.postcode_matches(bad), "{bad}");
    }
    // BH's pattern carries its own anchors inside.
    assert!(c("BH").postcode_matches("317"));
    assert!(!c("BH").postcode_matches("317 317"));
    // VN: five or six digits, not seven.
    assert!(c("VN").postcode_matches("700000"));
    assert!(!c("VN").postcode_matches("7000000"));
    // CA: letters as the pattern spells them; D, F, I, O, Q, U never.
    assert!(c("CA").postcode_matches("K1A 0B1"));
    assert!(!c("CA").postcode_matches("D1A 0B1"));
}

#[test]
fn countries_without_postcodes() {
    for code in ["AE", "HK", "QA", "AO", "IE"] {
        let _ = c(code);
    }
    for code in ["AE", "HK", "QA", "AO", "AG", "BS", "JM", "MO", "PA"] {
        let c = c(code);
        assert!(!c.uses_postcode(), "{code}");
        assert_eq!(c.postcode_example(), None, "{code}");
        assert!(
            c.postcode_matches("anything"),
            "{code}: nothing to check against"
        );
    }
    for code in ["US", "GB", "DE", "IE", "JP", "BR"] {
        assert!(c(code).uses_postcode(), "{code}");
    }
    // North Korea has a place for a postcode but no pattern.
    let kp = c("KP");
    assert!(kp.zip.is_none() && kp.uses_postcode());

    let without_pattern = COUNTRIES.iter().filter(|c| c.zip.is_none()).count();
    let without_postcode = COUNTRIES.iter().filter(|c| !c.uses_postcode()).count();
    println!(
        "countries without a zip pattern: {without_pattern}; without postcodes: {without_postcode}"
    );
    assert_eq!(without_pattern, 71);
    assert_eq!(without_postcode, 70);
}

#[test]
fn postcode_examples() {
    assert_eq!(c("US").postcode_example(), Some("95014"));
    assert_eq!(c("GB").postcode_example(), Some("EC1Y 8SY"));
    assert_eq!(c("JP").postcode_example(), Some("154-0023"));
}

#[test]
fn broken_pattern_is_no_pattern() {
    let broken = Country {
        code: "QZ",
        name: "NOWHERE",
        fmt: "%N%n%A%n%Z %C",
        lfmt: None,
        require: "AZ",
        upper: "",
        zip: Some("(\\d{4"),
        zipex: &["1234"],
    };
    assert!(broken.postcode_matches("1234"));
    assert!(broken.postcode_matches("anything"));
    assert!(broken.uses_postcode());
    // A country outside the table still gets its pattern applied.
    let outside = Country {
        zip: Some("\\d{4}"),
        ..broken
    };
    assert!(outside.postcode_matches("1234"));
    assert!(!outside.postcode_matches("12345"));
}

#[test]
fn patterns_are_compiled_once_and_shared_across_threads() {
    let handles: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(|| {
                COUNTRIES
                    .iter()
                    .all(|c| c.zipex.iter().all(|z| c.postcode_matches(z)))
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().expect("thread"));
    }
}

// ---------------------------------------------------------------- required fields

#[test]
fn required_fields() {
    use Field::*;
    let req = |code: &str| -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|&f| c(code).requires(f))
            .collect()
    };
    assert_eq!(req("US"), [StreetLines, City, Region, Postcode]);
    assert_eq!(req("GB"), [StreetLines, City, Postcode]);
    assert_eq!(req("DE"), [StreetLines, City, Postcode]);
    assert_eq!(req("HK"), [StreetLines, Region]);
    assert_eq!(req("JP"), [StreetLines, Region, Postcode]);
    assert_eq!(req("AE"), [StreetLines, Region]);
    // ZZ's default where the country says nothing.
    assert_eq!(req("AO"), [StreetLines, City]);
    assert_eq!(req("FR"), [StreetLines, City, Postcode]);
    assert!(!c("US").requires(Name) && !c("US").requires(Organisation));
}

#[test]
fn field_letters_round_trip() {
    let letters: String = Field::ALL.iter().map(|f| f.letter()).collect();
    assert_eq!(letters, "NOADCSZX");
    for f in Field::ALL {
        assert_eq!(Field::from_letter(f.letter()), Some(f));
    }
    assert_eq!(Field::from_letter('n'), None);
    assert_eq!(Field::from_letter('Q'), None);
}

// ---------------------------------------------------------------- is_latin

#[test]
fn latin_heuristic() {
    for yes in [
        "Emily Johnson",
        "Jürgen Müller-Łukasiewicz",
        "Nguyễn Thị Hương",
        "Zoë Lefèvre, 12 rue de l'Église",
        "São Paulo",
        "Ǆemal Ș",
        "e\u{301}",
        "12345 / #7",
        "",
    ] {
        assert!(is_latin(yes), "{yes:?}");
    }
    for no in [
        "山田 太郎",
        "Room 1203 深圳",
        "محمد العلي",
        "สมชาย ใจดี",
        "Москва",
        "Ελλάδα",
        "ＡＢＣ",
        "ɐ",
    ] {
        assert!(!is_latin(no), "{no:?}");
    }
}

// ---------------------------------------------------------------- format_lines

/// Runs [`format_lines`] for `code`.
fn fmt(code: &str, parts: &Parts, latin: bool) -> Vec<String> {
    format_lines(c(code), parts, latin)
}

#[test]
fn format_us() {
    let street = lines(&["1600 Amphitheatre Parkway", "Suite 200"]);
    let mut p = Parts {
        name: "Emily Johnson",
        organisation: Some("Johnson Design LLC"),
        street_lines: &street,
        city: Some("Mountain View"),
        region: Some("CA"),
        postcode: Some("94043"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("US", &p, true),
        [
            "Emily Johnson",
            "Johnson Design LLC",
            "1600 Amphitheatre Parkway",
            "Suite 200",
            "MOUNTAIN VIEW, CA 94043",
            "UNITED STATES"
        ]
    );
    // No lfmt: the flag changes nothing.
    assert_eq!(fmt("US", &p, false), fmt("US", &p, true));
    p.region = None;
    assert_eq!(fmt("US", &p, true)[4], "MOUNTAIN VIEW 94043");
    p.region = Some("CA");
    p.city = None;
    assert_eq!(fmt("US", &p, true)[4], "CA 94043");
    p.city = Some("Mountain View");
    p.postcode = Some("  ");
    assert_eq!(fmt("US", &p, true)[4], "MOUNTAIN VIEW, CA");
    p.organisation = None;
    p.city = None;
    p.region = None;
    p.postcode = None;
    assert_eq!(
        fmt("US", &p, true),
        [
            "Emily Johnson",
            "1600 Amphitheatre Parkway",
            "Suite 200",
            "UNITED STATES"
        ]
    );
}

#[test]
fn format_gb() {
    let street = lines(&["Flat 4, 221 Baker Street"]);
    let p = Parts {
        name: "Oliver Smith",
        street_lines: &street,
        city: Some("London"),
        postcode: Some("nw1 6xe"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("GB", &p, true),
        [
            "Oliver Smith",
            "Flat 4, 221 Baker Street",
            "LONDON",
            "NW1 6XE",
            "UNITED KINGDOM"
        ]
    );
    // GB has no place for a dependent locality or a county: the locality is
    // kept under the street, the county goes on its own line after the post
    // town. Nothing given is dropped.
    let street = lines(&["1 High Street"]);
    let p = Parts {
        name: "A. Person",
        street_lines: &street,
        dependent_locality: Some("Little Snoring"),
        city: Some("Fakenham"),
        region: Some("Norfolk"),
        postcode: Some("NR21 0AA"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("GB", &p, true),
        [
            "A. Person",
            "1 High Street",
            "Little Snoring",
            "FAKENHAM",
            "Norfolk",
            "NR21 0AA",
            "UNITED KINGDOM"
        ]
    );
}

#[test]
fn format_de() {
    let street = lines(&["Schönhauser Allee 36"]);
    let p = Parts {
        name: "Jürgen Müller-Łukasiewicz",
        street_lines: &street,
        city: Some("Berlin"),
        postcode: Some("10435"),
        ..Parts::default()
    };
    // DE has no `upper` of its own: ZZ's "C" applies.
    assert_eq!(
        fmt("DE", &p, true),
        [
            "Jürgen Müller-Łukasiewicz",
            "Schönhauser Allee 36",
            "10435 BERLIN",
            "GERMANY"
        ]
    );
    let street = lines(&[
        "Hinterhaus, 3. Obergeschoss, Wohnung 12, bei Familie Oberbergmannsdorfer",
        "Kurfürstendammstraße 1234a",
    ]);
    let p = Parts {
        name: "Maximiliane Alexandra Theodora von und zu Hohenzollern-Sigmaringen-Wittelsbach",
        organisation: Some(
            "Internationale Handelsgesellschaft für Haushaltswaren und Geschenkartikel mbH",
        ),
        street_lines: &street,
        city: Some("Garmisch-Partenkirchen"),
        postcode: Some("82467"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("DE", &p, true),
        [
            "Maximiliane Alexandra Theodora von und zu Hohenzollern-Sigmaringen-Wittelsbach",
            "Internationale Handelsgesellschaft für Haushaltswaren und Geschenkartikel mbH",
            "Hinterhaus, 3. Obergeschoss, Wohnung 12, bei Familie Oberbergmannsdorfer",
            "Kurfürstendammstraße 1234a",
            "82467 GARMISCH-PARTENKIRCHEN",
            "GERMANY"
        ]
    );
}

#[test]
fn format_fr() {
    let street = lines(&["12 rue de l'Église", "Bâtiment B"]);
    let mut p = Parts {
        name: "Zoë Lefèvre",
        street_lines: &street,
        city: Some("Paris"),
        postcode: Some("75004"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("FR", &p, true),
        [
            "Zoë Lefèvre",
            "12 rue de l'Église",
            "Bâtiment B",
            "75004 PARIS",
            "FRANCE"
        ]
    );
    // Organisation first; France's format has no place for the sorting code
    // (CEDEX): it follows the city on its line, upper-cased like the city.
    let street = lines(&["5 quai Saint-Antoine"]);
    p = Parts {
        name: "Service client",
        organisation: Some("Atelier Lumière SARL"),
        street_lines: &street,
        city: Some("Lyon"),
        postcode: Some("69002"),
        sorting_code: Some("Cedex 02"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("FR", &p, true),
        [
            "Atelier Lumière SARL",
            "Service client",
            "5 quai Saint-Antoine",
            "69002 LYON CEDEX 02",
            "FRANCE"
        ]
    );
}

#[test]
fn format_jp_local_and_latin() {
    let street = lines(&["千代田1-1"]);
    let p = Parts {
        name: "山田 太郎",
        street_lines: &street,
        city: Some("千代田区"),
        region: Some("東京都"),
        postcode: Some("100-0001"),
        ..Parts::default()
    };
    // JP's format has no city: the ward goes before the street lines.
    assert_eq!(
        fmt("JP", &p, false),
        [
            "〒100-0001",
            "東京都",
            "千代田区",
            "千代田1-1",
            "山田 太郎",
            "JAPAN"
        ]
    );
    // Without a postcode the "〒" mark goes too.
    let no_zip = Parts {
        postcode: None,
        ..p
    };
    assert_eq!(
        fmt("JP", &no_zip, false),
        ["東京都", "千代田区", "千代田1-1", "山田 太郎", "JAPAN"]
    );

    let street = lines(&["2-4-9 Umeda", "Kita-ku"]);
    let p = Parts {
        name: "Osaka Select K.K.",
        street_lines: &street,
        city: Some("Osaka"),
        region: Some("Osaka"),
        postcode: Some("530-0001"),
        ..Parts::default()
    };
    // lfmt "%N%n%O%n%A, %S%n%Z": the region joins the last street line; the
    // city, which repeats the region, is not added.
    assert_eq!(
        fmt("JP", &p, true),
        [
            "Osaka Select K.K.",
            "2-4-9 Umeda",
            "Kita-ku, OSAKA",
            "530-0001",
            "JAPAN"
        ]
    );
    let p = Parts {
        city: Some("Osaka-shi"),
        ..p
    };
    assert_eq!(
        fmt("JP", &p, true),
        [
            "Osaka Select K.K.",
            "2-4-9 Umeda",
            "Kita-ku",
            "Osaka-shi, OSAKA",
            "530-0001",
            "JAPAN"
        ]
    );
}

#[test]
fn format_br() {
    let street = lines(&["Avenida Paulista, 1578", "Bela Vista"]);
    let p = Parts {
        name: "João da Silva Araújo",
        street_lines: &street,
        city: Some("São Paulo"),
        region: Some("SP"),
        postcode: Some("01310-200"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("BR", &p, true),
        [
            "João da Silva Araújo",
            "Avenida Paulista, 1578",
            "Bela Vista",
            "SÃO PAULO-SP",
            "01310-200",
            "BRAZIL"
        ]
    );
    let street = lines(&["Rua das Flores, 100"]);
    let p = Parts {
        name: "Ana Souza",
        organisation: Some("Loja Verde Ltda."),
        street_lines: &street,
        dependent_locality: Some("Centro"),
        city: Some("Curitiba"),
        region: None,
        postcode: Some("80010-010"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("BR", &p, true),
        [
            "Loja Verde Ltda.",
            "Ana Souza",
            "Rua das Flores, 100",
            "Centro",
            "CURITIBA",
            "80010-010",
            "BRAZIL"
        ]
    );
}

#[test]
fn format_hk() {
    let street = lines(&["Flat B, 12/F, Tower 2", "8 Harbour Road"]);
    let p = Parts {
        name: "Chan Tai Man",
        street_lines: &street,
        city: Some("Wan Chai"),
        region: Some("Hong Kong Island"),
        postcode: Some("999077"),
        ..Parts::default()
    };
    // No postcodes in Hong Kong: one given is left out.
    assert_eq!(
        fmt("HK", &p, true),
        [
            "Chan Tai Man",
            "Flat B, 12/F, Tower 2",
            "8 Harbour Road",
            "Wan Chai",
            "HONG KONG ISLAND",
            "HONG KONG"
        ]
    );
    let street = lines(&["港灣道8號"]);
    let p = Parts {
        name: "陳大文",
        street_lines: &street,
        city: Some("灣仔"),
        region: Some("香港島"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("HK", &p, false),
        ["香港島", "灣仔", "港灣道8號", "陳大文", "HONG KONG"]
    );
}

#[test]
fn format_ae() {
    let street = lines(&["Villa 12, Street 5", "Al Wasl"]);
    let p = Parts {
        name: "Fatima Al Mansouri",
        street_lines: &street,
        region: Some("Dubai"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("AE", &p, true),
        [
            "Fatima Al Mansouri",
            "Villa 12, Street 5",
            "Al Wasl",
            "Dubai",
            "UNITED ARAB EMIRATES"
        ]
    );
    // No place for a city: kept under the street unless it repeats the emirate.
    let p = Parts {
        city: Some("Dubai"),
        ..p
    };
    assert_eq!(fmt("AE", &p, true)[3..], ["Dubai", "UNITED ARAB EMIRATES"]);
    let p = Parts {
        city: Some("Al Ain"),
        region: Some("Abu Dhabi"),
        ..p
    };
    assert_eq!(
        fmt("AE", &p, true),
        [
            "Fatima Al Mansouri",
            "Villa 12, Street 5",
            "Al Wasl",
            "Al Ain",
            "Abu Dhabi",
            "UNITED ARAB EMIRATES"
        ]
    );
    // Both a district and a city without a place: smallest unit first, under
    // the street; a sorting code without a city line goes last.
    let street = lines(&["Villa 12, Street 5"]);
    let p = Parts {
        street_lines: &street,
        dependent_locality: Some("Al Wasl"),
        city: Some("Dubai City"),
        region: Some("Dubai"),
        sorting_code: Some("SC-7"),
        ..p
    };
    assert_eq!(
        fmt("AE", &p, true),
        [
            "Fatima Al Mansouri",
            "Villa 12, Street 5",
            "Al Wasl",
            "Dubai City",
            "Dubai",
            "SC-7",
            "UNITED ARAB EMIRATES"
        ]
    );
}

#[test]
fn format_cn() {
    let street = lines(&[
        "Room 1203, Building A, Tianan Cyber Park",
        "Futian District",
    ]);
    let p = Parts {
        name: "Shenzhen Bright Home Co., Ltd.",
        street_lines: &street,
        city: Some("Shenzhen Shi"),
        region: Some("Guangdong Sheng"),
        postcode: Some("518040"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("CN", &p, true),
        [
            "Shenzhen Bright Home Co., Ltd.",
            "Room 1203, Building A, Tianan Cyber Park",
            "Futian District",
            "Shenzhen Shi",
            "GUANGDONG SHENG, 518040",
            "CHINA"
        ]
    );
    let street = lines(&["高新南一道8号"]);
    let p = Parts {
        name: "张伟",
        organisation: Some("深圳光明家居有限公司"),
        street_lines: &street,
        dependent_locality: Some("南山区"),
        city: Some("深圳市"),
        region: Some("广东省"),
        postcode: Some("518057"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("CN", &p, false),
        [
            "518057",
            "广东省深圳市南山区",
            "高新南一道8号",
            "深圳光明家居有限公司",
            "张伟",
            "CHINA"
        ]
    );
    let p = Parts {
        postcode: None,
        region: None,
        ..p
    };
    assert_eq!(fmt("CN", &p, true)[4..], ["深圳市", "CHINA"]);
}

#[test]
fn format_mx() {
    let street = lines(&["Av. Insurgentes Sur 1602", "Col. Crédito Constructor"]);
    let p = Parts {
        name: "María Fernanda González Hernández",
        street_lines: &street,
        city: Some("Ciudad de México"),
        region: Some("CDMX"),
        postcode: Some("03940"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("MX", &p, true),
        [
            "María Fernanda González Hernández",
            "Av. Insurgentes Sur 1602",
            "Col. Crédito Constructor",
            "03940 CIUDAD DE MÉXICO, CDMX",
            "MEXICO"
        ]
    );
    let p = Parts { city: None, ..p };
    assert_eq!(fmt("MX", &p, true)[3], "03940, CDMX");
    let p = Parts {
        postcode: None,
        ..p
    };
    assert_eq!(fmt("MX", &p, true)[3], "CDMX");
}

#[test]
fn format_vn_unicode_upper_case() {
    let street = lines(&["12 Nguyễn Huệ", "Phường Bến Nghé"]);
    let p = Parts {
        name: "Nguyễn Thị Hương",
        street_lines: &street,
        city: Some("Quận 1"),
        region: Some("Thành phố Hồ Chí Minh"),
        postcode: Some("700000"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("VN", &p, true),
        [
            "Nguyễn Thị Hương",
            "12 Nguyễn Huệ",
            "Phường Bến Nghé",
            "QUẬN 1",
            "Thành phố Hồ Chí Minh 700000",
            "VIET NAM"
        ]
    );
}

#[test]
fn format_literals_and_prefixes() {
    let street = lines(&["Torggatan 2"]);
    let p = Parts {
        name: "Anna Karlsson",
        street_lines: &street,
        city: Some("Mariehamn"),
        postcode: Some("22100"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("AX", &p, true),
        [
            "Anna Karlsson",
            "Torggatan 2",
            "AX-22100 MARIEHAMN",
            "ÅLAND",
            "FINLAND"
        ]
    );
    let no_zip = Parts {
        postcode: None,
        ..p
    };
    assert_eq!(
        fmt("AX", &no_zip, true),
        [
            "Anna Karlsson",
            "Torggatan 2",
            "MARIEHAMN",
            "ÅLAND",
            "FINLAND"
        ]
    );

    // Switzerland upper-cases nothing.
    let street = lines(&["Bahnhofstrasse 1"]);
    let p = Parts {
        name: "Urs Meier",
        street_lines: &street,
        city: Some("Zürich"),
        postcode: Some("8001"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("CH", &p, true),
        [
            "Urs Meier",
            "Bahnhofstrasse 1",
            "CH-8001 Zürich",
            "SWITZERLAND"
        ]
    );

    // Singapore's city is literal text in the format: not repeated, and it
    // stays when the postcode is missing.
    let street = lines(&["1 Raffles Place"]);
    let p = Parts {
        name: "Tan Wei",
        street_lines: &street,
        city: Some("Singapore"),
        postcode: Some("048616"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("SG", &p, true),
        [
            "Tan Wei",
            "1 Raffles Place",
            "SINGAPORE 048616",
            "REP. OF SINGAPORE"
        ]
    );
    let p = Parts {
        postcode: None,
        ..p
    };
    assert_eq!(
        fmt("SG", &p, true),
        [
            "Tan Wei",
            "1 Raffles Place",
            "SINGAPORE",
            "REP. OF SINGAPORE"
        ]
    );

    // Puerto Rico: "%C PR %Z".
    let street = lines(&["1 Calle Sol"]);
    let p = Parts {
        name: "Ana Ruiz",
        street_lines: &street,
        city: Some("San Juan"),
        postcode: Some("00901"),
        ..Parts::default()
    };
    assert_eq!(fmt("PR", &p, true)[2], "SAN JUAN PR 00901");
    let p = Parts {
        postcode: None,
        ..p
    };
    assert_eq!(fmt("PR", &p, true)[2], "SAN JUAN PR");

    // South Georgia's format has an empty line ("%A%n%n%C").
    let street = lines(&["King Edward Point"]);
    let p = Parts {
        name: "Base Leader",
        street_lines: &street,
        city: Some("Grytviken"),
        postcode: Some("SIQQ 1ZZ"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("GS", &p, true),
        [
            "Base Leader",
            "King Edward Point",
            "GRYTVIKEN",
            "SIQQ 1ZZ",
            "SOUTH GEORGIA"
        ]
    );

    // Mixed-case names in the data are printed in capitals.
    let p = Parts {
        name: "Ion Popescu",
        street_lines: &street,
        city: Some("Chișinău"),
        postcode: Some("2012"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("MD", &p, true),
        [
            "Ion Popescu",
            "King Edward Point",
            "MD-2012 CHIȘINĂU",
            "REP. MOLDOVA"
        ]
    );
}

#[test]
fn format_separators_between_fields() {
    // CO "%C, %S, %Z", TR "%Z %C/%S", GT "%Z- %C", BD "%C - %Z", PH "%D, %C".
    let street = lines(&["Calle 1"]);
    let base = Parts {
        name: "N",
        street_lines: &street,
        ..Parts::default()
    };
    let co = Parts {
        city: Some("Bogotá"),
        region: None,
        postcode: Some("111221"),
        ..base
    };
    assert_eq!(fmt("CO", &co, true)[2], "BOGOTÁ, 111221");
    let tr = Parts {
        city: Some("Kadıköy"),
        region: Some("İstanbul"),
        postcode: Some("34710"),
        ..base
    };
    assert_eq!(fmt("TR", &tr, true)[2], "34710 KADIKÖY/İstanbul");
    let tr = Parts { region: None, ..tr };
    assert_eq!(fmt("TR", &tr, true)[2], "34710 KADIKÖY");
    let gt = Parts {
        city: Some("Guatemala"),
        postcode: None,
        ..base
    };
    assert_eq!(fmt("GT", &gt, true)[2], "GUATEMALA");
    let bd = Parts {
        city: Some("Dhaka"),
        postcode: None,
        ..base
    };
    assert_eq!(fmt("BD", &bd, true)[2], "DHAKA");
    let ph = Parts {
        city: Some("Makati"),
        postcode: Some("1200"),
        region: Some("Metro Manila"),
        ..base
    };
    assert_eq!(
        fmt("PH", &ph, true)[2..],
        ["MAKATI", "1200 Metro Manila", "PHILIPPINES"]
    );
}

#[test]
fn format_cleans_values() {
    let street = lines(&["  1600   Amphitheatre\tParkway ", "", "   ", "Suite\n200"]);
    let p = Parts {
        name: "  Emily \r\n Johnson ",
        organisation: Some("   "),
        street_lines: &street,
        city: Some(" Mountain  View "),
        region: Some("CA"),
        postcode: Some("94043"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("US", &p, true),
        [
            "Emily Johnson",
            "1600 Amphitheatre Parkway",
            "Suite 200",
            "MOUNTAIN VIEW, CA 94043",
            "UNITED STATES"
        ]
    );
    // Nothing at all: just the country.
    assert_eq!(fmt("US", &Parts::default(), true), ["UNITED STATES"]);
}

#[test]
fn format_never_leaves_stray_separators() {
    // Every country, every subset of the single-value fields, both scripts.
    let street = lines(&["1 Street"]);
    for c in COUNTRIES {
        for mask in 0u32..64 {
            let on = |bit: u32, v: &'static str| (mask & (1 << bit) != 0).then_some(v);
            let p = Parts {
                name: "Name",
                organisation: None,
                street_lines: &street,
                dependent_locality: on(0, "Dep"),
                city: on(1, "City"),
                region: on(2, "Reg"),
                postcode: on(3, "12345"),
                sorting_code: on(4, "Sort"),
            };
            for latin in [false, true] {
                let out = format_lines(c, &p, latin);
                assert_eq!(
                    out.last().map(String::as_str),
                    Some(c.name.to_uppercase().as_str())
                );
                for line in &out {
                    let bad_end = |ch: char| matches!(ch, ',' | '-' | '/' | ' ');
                    assert!(
                        !line.is_empty()
                            && !line.starts_with(bad_end)
                            && !line.ends_with(bad_end)
                            && !line.contains("  ")
                            && !line.contains(", ,"),
                        "{} {mask:#b} {latin}: {out:?}",
                        c.code
                    );
                }
            }
        }
    }
}

#[test]
fn format_kr_local_keeps_korean_words_apart() {
    // Korea's local format writes "%S %C%D": in Hangul the city and district are
    // separate words; in Chinese characters (China's "%S%C%D") they run together.
    let street = lines(&["테헤란로 152"]);
    let p = Parts {
        name: "김민준",
        street_lines: &street,
        city: Some("강남구"),
        dependent_locality: Some("역삼동"),
        region: Some("서울특별시"),
        postcode: Some("06236"),
        ..Parts::default()
    };
    assert_eq!(
        fmt("KR", &p, false),
        [
            "서울특별시 강남구 역삼동",
            "테헤란로 152",
            "김민준",
            "06236",
            "SOUTH KOREA"
        ]
    );
    let street = lines(&["天安数码城A座1203室"]);
    let p = Parts {
        name: "王伟",
        street_lines: &street,
        city: Some("深圳市"),
        dependent_locality: Some("福田区"),
        region: Some("广东省"),
        postcode: Some("518040"),
        ..Parts::default()
    };
    assert_eq!(fmt("CN", &p, false)[1], "广东省深圳市福田区");
}

#[test]
fn greek_capitals_drop_accents_and_other_scripts_keep_theirs() {
    use super::rules::capitals;
    assert_eq!(capitals("Αθήνα"), "ΑΘΗΝΑ");
    assert_eq!(capitals("Ηράκλειο"), "ΗΡΑΚΛΕΙΟ");
    // The diaeresis stays: it changes the pronunciation.
    assert_eq!(capitals("Πλαϊνός"), "ΠΛΑΪΝΟΣ");
    assert_eq!(capitals("Ἀθῆναι"), "ΑΘΗΝΑΙ");
    // An accent that kept two vowels apart becomes a diaeresis on the second.
    assert_eq!(capitals("Μάιος"), "ΜΑΪΟΣ");
    assert_eq!(capitals("Άυλος"), "ΑΫΛΟΣ");
    assert_eq!(capitals("Παίζω"), "ΠΑΙΖΩ");
    assert_eq!(capitals("ρολόι"), "ΡΟΛΟΪ");
    assert_eq!(capitals("Besançon"), "BESANÇON");
    assert_eq!(capitals("Hồ Chí Minh"), "HỒ CHÍ MINH");
    assert_eq!(capitals("straße"), "STRASSE");
}
