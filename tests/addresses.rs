//! Address validation and formatting for the countries sellers ship to most: the exact
//! lines each prints, in the destination's order and case, the country's name last.

use shiplabel::{ErrorKind, Party};

/// The printed lines of a valid name and address given as JSON.
fn lines(json: &str) -> Vec<String> {
    let party: Party = serde_json::from_str(json).expect("the JSON has the right shape");
    match party.validate() {
        Ok(valid) => valid.lines(),
        Err(errors) => panic!("{json}\n{errors}"),
    }
}

/// The errors of an invalid one, as `field: message`.
fn errors(json: &str) -> Vec<String> {
    let party: Party = serde_json::from_str(json).expect("the JSON has the right shape");
    match party.validate() {
        Ok(valid) => panic!("{json} is valid: {:?}", valid.lines()),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn each_country_prints_in_its_own_order() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"name": "Emily Johnson", "company": "Johnson Design LLC", "address": {"lines": ["1600 Amphitheatre Parkway", "Suite 200"], "city": "Mountain View", "region": "california", "postcode": "94043-1351", "country": "us"}}"#,
            &[
                "Emily Johnson",
                "Johnson Design LLC",
                "1600 Amphitheatre Parkway",
                "Suite 200",
                "MOUNTAIN VIEW, CA 94043-1351",
                "UNITED STATES",
            ],
        ),
        (
            r#"{"name": "Oliver Smith", "address": {"lines": ["Flat 4, 221 Baker Street"], "city": "London", "postcode": "nw16xe", "country": "GB"}}"#,
            &[
                "Oliver Smith",
                "Flat 4, 221 Baker Street",
                "LONDON",
                "NW1 6XE",
                "UNITED KINGDOM",
            ],
        ),
        (
            r#"{"name": "Marie Tremblay", "address": {"lines": ["111 Wellington Street"], "city": "Ottawa", "region": "Ontario", "postcode": "k1a 0a9", "country": "CA"}}"#,
            &[
                "MARIE TREMBLAY",
                "111 WELLINGTON STREET",
                "OTTAWA ON K1A 0A9",
                "CANADA",
            ],
        ),
        (
            r#"{"name": "Jürgen Müller", "address": {"lines": ["Schönhauser Allee 36"], "city": "Berlin", "postcode": "10435", "country": "DE"}}"#,
            &[
                "Jürgen Müller",
                "Schönhauser Allee 36",
                "10435 BERLIN",
                "GERMANY",
            ],
        ),
        (
            r#"{"name": "Zoë Lefèvre", "company": "Atelier Lumière SARL", "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "sorting_code": "Cedex 02", "country": "FR"}}"#,
            &[
                "Atelier Lumière SARL",
                "Zoë Lefèvre",
                "5 quai Saint-Antoine",
                "69002 LYON CEDEX 02",
                "FRANCE",
            ],
        ),
        (
            r#"{"name": "Lucía García", "address": {"lines": ["Calle de Alcalá 50"], "city": "Madrid", "region": "Madrid", "postcode": "28014", "country": "ES"}}"#,
            &[
                "Lucía García",
                "Calle de Alcalá 50",
                "28014 MADRID",
                "SPAIN",
            ],
        ),
        (
            r#"{"name": "Giulia Rossi", "address": {"lines": ["Via Roma 10"], "city": "Milano", "region": "MI", "postcode": "20121", "country": "IT"}}"#,
            &["Giulia Rossi", "Via Roma 10", "20121 MILANO MI", "ITALY"],
        ),
        (
            r#"{"name": "Daan de Vries", "address": {"lines": ["Damrak 1"], "city": "Amsterdam", "postcode": "1012 lg", "country": "NL"}}"#,
            &[
                "Daan de Vries",
                "Damrak 1",
                "1012 LG AMSTERDAM",
                "NETHERLANDS",
            ],
        ),
        (
            r#"{"name": "山田 太郎", "address": {"lines": ["千代田1-1"], "city": "千代田区", "region": "東京都", "postcode": "100-0001", "country": "JP"}}"#,
            &[
                "〒100-0001",
                "東京都",
                "千代田区",
                "千代田1-1",
                "山田 太郎",
                "JAPAN",
            ],
        ),
        (
            r#"{"name": "Taro Yamada", "address": {"lines": ["2-4-9 Umeda", "Kita-ku"], "city": "Osaka", "region": "osaka", "postcode": "530-0001", "country": "JP"}}"#,
            &[
                "Taro Yamada",
                "2-4-9 Umeda",
                "Kita-ku, OSAKA",
                "530-0001",
                "JAPAN",
            ],
        ),
        (
            r#"{"name": "王伟", "address": {"lines": ["天安数码城A座1203室"], "city": "深圳市", "region": "广东省", "postcode": "518040", "country": "CN"}}"#,
            &[
                "518040",
                "广东省深圳市",
                "天安数码城A座1203室",
                "王伟",
                "CHINA",
            ],
        ),
        (
            r#"{"name": "Wang Wei", "address": {"lines": ["Room 1203, Building A, Tianan Cyber Park"], "city": "shenzhen shi", "region": "guangdong sheng", "postcode": "518040", "country": "CN"}}"#,
            &[
                "Wang Wei",
                "Room 1203, Building A, Tianan Cyber Park",
                "Shenzhen Shi",
                "GUANGDONG SHENG, 518040",
                "CHINA",
            ],
        ),
        (
            r#"{"name": "João da Silva", "address": {"lines": ["Avenida Paulista, 1578"], "city_area": "Bela Vista", "city": "sao paulo", "region": "SP", "postcode": "01310-200", "country": "BR"}}"#,
            &[
                "João da Silva",
                "Avenida Paulista, 1578",
                "Bela Vista",
                "SÃO PAULO-SP",
                "01310-200",
                "BRAZIL",
            ],
        ),
        (
            r#"{"name": "María González", "address": {"lines": ["Av. Insurgentes Sur 1602"], "city_area": "Col. Crédito Constructor", "city": "Ciudad de México", "region": "CDMX", "postcode": "03940", "country": "MX"}}"#,
            &[
                "María González",
                "Av. Insurgentes Sur 1602",
                "Col. Crédito Constructor",
                "03940 CIUDAD DE MÉXICO, CDMX",
                "MEXICO",
            ],
        ),
        (
            r#"{"name": "Mohammed Al Ali", "address": {"lines": ["King Fahd Road 4321"], "city": "Riyadh", "postcode": "12271", "country": "SA"}}"#,
            &[
                "Mohammed Al Ali",
                "King Fahd Road 4321",
                "RIYADH 12271",
                "SAUDI ARABIA",
            ],
        ),
        (
            r#"{"name": "Fatima Al Mansouri", "address": {"lines": ["Villa 12, Street 5", "Al Wasl"], "region": "dubai", "country": "AE"}}"#,
            &[
                "Fatima Al Mansouri",
                "Villa 12, Street 5",
                "Al Wasl",
                "Dubai",
                "UNITED ARAB EMIRATES",
            ],
        ),
        (
            r#"{"name": "Somchai Jaidee", "address": {"lines": ["99/9 Sukhumvit Road"], "city_area": "Khlong Toei Nuea", "city": "Watthana", "region": "Bangkok", "postcode": "10110", "country": "TH"}}"#,
            &[
                "Somchai Jaidee",
                "99/9 Sukhumvit Road",
                "Khlong Toei Nuea, Watthana",
                "BANGKOK 10110",
                "THAILAND",
            ],
        ),
        (
            r#"{"name": "Nguyễn Thị Hương", "address": {"lines": ["12 Nguyễn Huệ", "Phường Bến Nghé"], "city": "Quận 1", "region": "Thành phố Hồ Chí Minh", "postcode": "700000", "country": "VN"}}"#,
            &[
                "Nguyễn Thị Hương",
                "12 Nguyễn Huệ",
                "Phường Bến Nghé",
                "QUẬN 1",
                "Thành phố Hồ Chí Minh 700000",
                "VIET NAM",
            ],
        ),
        (
            r#"{"name": "Budi Santoso", "address": {"lines": ["Jl. M.H. Thamrin No. 1"], "city": "Jakarta Pusat", "region": "DKI Jakarta", "postcode": "10310", "country": "ID"}}"#,
            &[
                "Budi Santoso",
                "Jl. M.H. Thamrin No. 1",
                "JAKARTA PUSAT",
                "DKI Jakarta 10310",
                "INDONESIA",
            ],
        ),
        (
            r#"{"name": "Ahmad Razak", "address": {"lines": ["Lot 5, Jalan Ampang"], "city": "Kuala Lumpur", "region": "Kuala Lumpur", "postcode": "50450", "country": "MY"}}"#,
            &[
                "Ahmad Razak",
                "Lot 5, Jalan Ampang",
                "50450 KUALA LUMPUR",
                "MALAYSIA",
            ],
        ),
        (
            r#"{"name": "Juan dela Cruz", "address": {"lines": ["6750 Ayala Avenue"], "city_area": "Bel-Air", "city": "Makati City", "region": "Metro Manila", "postcode": "1226", "country": "PH"}}"#,
            &[
                "Juan dela Cruz",
                "6750 Ayala Avenue",
                "Bel-Air, MAKATI CITY",
                "1226 Metro Manila",
                "PHILIPPINES",
            ],
        ),
        (
            r##"{"name": "Tan Wei Ming", "address": {"lines": ["1 Raffles Place", "#20-01"], "postcode": "048616", "country": "SG"}}"##,
            &[
                "Tan Wei Ming",
                "1 Raffles Place",
                "#20-01",
                "SINGAPORE 048616",
                "REP. OF SINGAPORE",
            ],
        ),
        (
            r#"{"name": "Chan Tai Man", "address": {"lines": ["Flat B, 12/F, Tower 2", "8 Harbour Road"], "city": "wan chai", "region": "hong kong island", "country": "HK"}}"#,
            &[
                "Chan Tai Man",
                "Flat B, 12/F, Tower 2",
                "8 Harbour Road",
                "Wan Chai",
                "HONG KONG ISLAND",
                "HONG KONG",
            ],
        ),
        (
            r#"{"name": "Kim Min-jun", "address": {"lines": ["110 Sejong-daero"], "city": "Jung-gu", "region": "Seoul", "postcode": "04524", "country": "KR"}}"#,
            &[
                "Kim Min-jun",
                "110 Sejong-daero",
                "Jung-gu",
                "Seoul",
                "04524",
                "SOUTH KOREA",
            ],
        ),
        (
            r#"{"name": "Jack Wilson", "address": {"lines": ["1 Macquarie Street"], "city": "Sydney", "region": "nsw", "postcode": "2000", "country": "AU"}}"#,
            &[
                "Jack Wilson",
                "1 Macquarie Street",
                "SYDNEY NSW 2000",
                "AUSTRALIA",
            ],
        ),
        (
            r#"{"name": "Sakura Ito", "address": {"lines": ["1-9-1 Marunouchi"], "city": "Chiyoda-ku", "region": "Tokyo", "postcode": "1000005", "country": "JP"}}"#,
            &[
                "Sakura Ito",
                "1-9-1 Marunouchi",
                "Chiyoda-ku, TOKYO",
                "100-0005",
                "JAPAN",
            ],
        ),
        (
            r#"{"name": "Aoife Murphy", "address": {"lines": ["1 Grafton Street"], "city": "Dublin 2", "region": "Dublin", "postcode": "d02 x285", "country": "IE"}}"#,
            &[
                "Aoife Murphy",
                "1 Grafton Street",
                "DUBLIN 2",
                "Co. Dublin",
                "D02 X285",
                "IRELAND",
            ],
        ),
        (
            r#"{"name": "Ana Pérez", "address": {"lines": ["Av. Providencia 1234", "Depto. 56"], "city": "Providencia", "region": "Santiago", "postcode": "7500000", "country": "CL"}}"#,
            &[
                "Ana Pérez",
                "Av. Providencia 1234",
                "Depto. 56",
                "7500000 PROVIDENCIA",
                "Región Metropolitana",
                "CHILE",
            ],
        ),
    ];
    for (json, expected) in cases {
        assert_eq!(lines(json), *expected, "{json}");
    }
}

#[test]
fn every_british_postcode_shape_is_accepted_and_spaced() {
    let shapes = [
        ("m11ae", "M1 1AE"),     // A9 9AA
        ("M60 1NW", "M60 1NW"),  // A99 9AA
        ("cr2 6xh", "CR2 6XH"),  // AA9 9AA
        ("DN551PT", "DN55 1PT"), // AA99 9AA
        ("w1a 1hq", "W1A 1HQ"),  // A9A 9AA
        ("EC1A1BB", "EC1A 1BB"), // AA9A 9AA
        ("gir 0aa", "GIR 0AA"),  // Girobank
        ("BFPO 61", "BFPO 61"),  // British Forces
    ];
    for (given, printed) in shapes {
        let json = format!(
            r#"{{"name": "A. Person", "address": {{"lines": ["1 High Street"], "city": "London", "postcode": "{given}", "country": "GB"}}}}"#
        );
        assert_eq!(lines(&json)[3], printed, "{given}");
    }
    for bad in ["M1", "1AA 1AA", "EC1A 1BBB", "QQ1 1AA"] {
        let json = format!(
            r#"{{"name": "A. Person", "address": {{"lines": ["1 High Street"], "city": "London", "postcode": "{bad}", "country": "GB"}}}}"#
        );
        let errors = errors(&json);
        assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
        assert!(
            errors[0].starts_with("address.postcode: "),
            "{bad}: {errors:?}"
        );
    }
}

#[test]
fn regions_cities_and_region_postcodes_are_checked() {
    let cases = [
        (
            r#"{"name": "E", "address": {"lines": ["1 Main St"], "city": "Austin", "region": "Texes", "postcode": "78701", "country": "US"}}"#,
            r#"address.region: "Texes" is not a region of UNITED STATES; did you mean "TX"?"#,
        ),
        (
            r#"{"name": "J", "address": {"lines": ["1 Macquarie Street"], "city": "Sydney", "region": "nsw", "postcode": "3000", "country": "AU"}}"#,
            r#"address.postcode: "3000" is not a postcode of NSW (AUSTRALIA) (e.g. "1000")"#,
        ),
        (
            r#"{"name": "J", "address": {"lines": ["Rua das Flores, 100"], "city": "Curitba", "region": "PR", "postcode": "80010-010", "country": "BR"}}"#,
            r#"address.city: "Curitba" is not a city of PR (BRAZIL); did you mean "Curitiba" or "Curiúva"?"#,
        ),
        (
            r#"{"name": "C", "address": {"lines": ["8 Harbour Road"], "city": "Wan Chai", "region": "Macau", "country": "HK"}}"#,
            r#"address.region: "Macau" is not a region of HONG KONG; expected one of "Kowloon", "Hong Kong Island", "New Territories""#,
        ),
    ];
    for (json, message) in cases {
        assert_eq!(errors(json), [message], "{json}");
    }
    let party: Party = serde_json::from_str(cases[0].0).unwrap();
    let kinds: Vec<ErrorKind> = party
        .validate()
        .unwrap_err()
        .iter()
        .map(|e| e.kind())
        .collect();
    assert_eq!(kinds, [ErrorKind::UnknownRegion]);
}

#[test]
fn region_problems_are_reported_with_every_other_problem() {
    assert_eq!(
        errors(
            r#"{"name": " ", "address": {"lines": ["1 Main St"], "city": "Austin", "region": "Texes", "country": "US"}}"#
        ),
        [
            "name: must not be empty",
            r#"address.postcode: is required for addresses in UNITED STATES (e.g. "95014")"#,
            r#"address.region: "Texes" is not a region of UNITED STATES; did you mean "TX"?"#,
        ]
    );
}
