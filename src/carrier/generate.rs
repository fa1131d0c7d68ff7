//! Generator of `couriers.rs` from `data/couriers/*.json` (the `tracking_number_data` set),
//! run as a test, plus the few carriers and pages the set does not have (each with its
//! source, below).
//!
//! `cargo test carrier::generate` checks that `couriers.rs` is up to date;
//! `UPDATE_GENERATED=1 cargo test carrier::generate` rewrites it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::name_key;
use crate::pattern::Pattern;

/// Directory of this module in the source tree.
fn module_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/carrier")
}

/// Names the label prints and other names carriers go by, where the data's own name is
/// not what a seller types or a sorter reads: (code in the data, or `post_XX` for the post
/// of country XX; code to use; name printed; other names).
const NAMES: &[(&str, &str, &str, &[&str])] = &[
    (
        "usps",
        "usps",
        "USPS",
        &["United States Postal Service", "US Postal Service"],
    ),
    ("ups", "ups", "UPS", &["United Parcel Service"]),
    // Services ("FedEx Ground", "DHL eCommerce") are not other names: a carrier is found by
    // the leading words of what the seller wrote, and the label prints the service too.
    ("fedex", "fedex", "FedEx", &["Federal Express"]),
    (
        "landmark",
        "landmark",
        "Landmark Global",
        &["Landmark Global LTN"],
    ),
    (
        "old_dominion",
        "old_dominion",
        "Old Dominion",
        &["Old Dominion Freight Line", "ODFL"],
    ),
    ("speedee", "speedee", "Spee-Dee", &["Spee-Dee Delivery"]),
    (
        "yunexpress",
        "yunexpress",
        "YunExpress",
        &["Yun Express", "云途物流"],
    ),
    (
        "canada_post",
        "canada_post",
        "Canada Post",
        &["Postes Canada"],
    ),
    (
        "post_GB",
        "royal_mail",
        "Royal Mail",
        &["Royal Mail Group plc"],
    ),
    ("post_CN", "china_post", "China Post", &["中国邮政"]),
    ("post_IE", "an_post", "An Post", &[]),
    // The data calls it "Post", which would make any seller's "post" Luxembourg's.
    ("post_LU", "post_lu", "POST Luxembourg", &[]),
];

/// Names in the data too generic to name one carrier.
const GENERIC: &[&str] = &["Post"];

/// The posts whose S10 numbers are also a carrier of the data with its own formats.
const POSTS_WITH_FORMATS: &[(&str, &str)] = &[("US", "usps"), ("CA", "canada_post")];

/// Carriers of the data that issue numbers of other formats than the data's: a number of
/// no format of theirs is accepted for them (as for the posts, whose domestic numbers the
/// data does not describe, and EMS), and so is an all-digit number in one of their shapes
/// with a wrong check digit, which may be one of their other numbers. (code, why.)
///
/// USPS is not one: its domestic numbers are all IMpb (USPS Publication 199), which the
/// data describes with the legacy 20- and 22-digit ones, and its international ones S10.
const OPEN: &[(&str, &str)] = &[
    (
        "dhl",
        "DHL Paket's 12- and 20-digit numbers (Deutsche Post DHL), DHL Global Forwarding's \
         and DHL eCommerce's other numbers are not in the data",
    ),
    (
        "dpd",
        "the data has the 14-digit parcel number only with its check character; DPD gives \
         customers the 14 digits alone, and DPD UK 10-digit consignment numbers",
    ),
    (
        "canada_post",
        "the data has only its 16-digit numbers; Canada Post also issues 12-digit and \
         13-character ones",
    ),
];

/// Carriers the data does not have, checked by format only (no check digit is published
/// for them): (code, name printed, other names, [(format name, pattern, example)], page).
///
/// Sources (public statements of the format; none of these carriers publishes a check
/// digit):
/// - SF Express: waybill numbers `SF` and 13 digits, e.g. `SF1193907051991` as quoted with
///   SF's own tracking page, `www.sf-express.com/…/dynamic_function/waybill/#search/
///   bill-number/<number>`, the page SF's site opens for a number.
/// - J&T Express (China): `JT` and 13 digits, as J&T prints on its waybills and Chinese
///   retail platforms list it. No tracking URL taking the number is published, so none.
/// - Cainiao (AliExpress logistics): `LP` and 14 digits; the tracking page
///   `global.cainiao.com/detail.htm?mailNoList=<number>`.
/// - EMS, the posts' express mail service (UPU): S10 numbers whose service indicator starts
///   with `E` (UPU S10, service indicators `EA`–`EZ`), checked as S10; tracked at the
///   issuing post's page.
const EXTRA: &[Extra] = &[
    Extra {
        code: "sf_express",
        name: "SF Express",
        aliases: &["SF", "顺丰", "顺丰速运", "S.F. Express"],
        formats: &[(
            "SF Express",
            r"\s*S\s*F\s*(?<SerialNumber>([0-9]\s*){13})",
            "SF1193907051991",
        )],
        url: Some(
            "https://www.sf-express.com/cn/en/dynamic_function/waybill/#search/bill-number/%s",
        ),
    },
    Extra {
        code: "jt_express",
        name: "J&T Express",
        aliases: &["J&T", "JT Express", "极兔", "极兔速递"],
        formats: &[(
            "J&T Express",
            r"\s*J\s*T\s*(?<SerialNumber>([0-9]\s*){13})",
            "JT0001234567890",
        )],
        url: None,
    },
    Extra {
        code: "cainiao",
        name: "Cainiao",
        aliases: &["菜鸟", "Cainiao Network", "Cainiao Global"],
        formats: &[(
            "Cainiao",
            r"\s*L\s*P\s*(?<SerialNumber>([0-9]\s*){14})",
            "LP00123456789012",
        )],
        url: Some("https://global.cainiao.com/detail.htm?mailNoList=%s"),
    },
];

/// A carrier added by hand.
struct Extra {
    code: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    formats: &'static [(&'static str, &'static str, &'static str)],
    url: Option<&'static str>,
}

/// Posts' tracking pages for their S10 numbers that the data does not have (its S10 entries
/// give each post's home or postcode page, not a tracking page): (country, page).
///
/// Sources: Royal Mail's "track your item" page, the `tracking_url` Royal Mail's tracking
/// API returns (`https://www.royalmail.com/track-your-item#/tracking-results/<number>`);
/// China Post's mail query page (`yjcx.ems.com.cn`, 邮件查询), which takes the number in
/// its form: no address with the number in it is published.
const POST_PAGES: &[(&str, &str)] = &[
    ("CN", "https://yjcx.ems.com.cn/qps/english/yjcx"),
    (
        "GB",
        "https://www.royalmail.com/track-your-item#/tracking-results/%s",
    ),
];

/// A format as it will be written.
#[derive(Debug, Clone, PartialEq)]
struct FormatEntry {
    carrier: String,
    name: String,
    pattern: String,
    checksum: Option<String>,
    prepend_if: Option<(String, String)>,
    needs_post: bool,
    url: Option<String>,
    example: String,
    /// The data's test numbers, for the tests (not written).
    valid: Vec<String>,
    invalid: Vec<String>,
}

/// A carrier as it will be written.
#[derive(Debug, Clone, PartialEq)]
struct CarrierEntry {
    code: String,
    name: String,
    aliases: Vec<String>,
    s10: Option<String>,
    inferable: bool,
    open: bool,
}

/// Everything read from the data.
pub(super) struct Data {
    formats: Vec<FormatEntry>,
    s10: FormatEntry,
    carriers: Vec<CarrierEntry>,
    pages: Vec<(String, String)>,
}

/// A courier file's tracking-number kinds, each with the courier's code.
fn str_of<'v>(v: &'v Value, key: &str, what: &str) -> &'v str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{what}: no string {key:?}"))
}

/// The dataset's regex: a string or a list of strings to join.
fn regex_of(kind: &Value, what: &str) -> String {
    match kind.get("regex") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .map(|p| p.as_str().unwrap_or_else(|| panic!("{what}: regex part")))
            .collect(),
        _ => panic!("{what}: no regex"),
    }
}

fn numbers(kind: &Value, which: &str) -> Vec<String> {
    kind.get("test_numbers")
        .and_then(|t| t.get(which))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|n| n.as_str().expect("a test number is a string").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The Rust expression of a dataset checksum.
fn checksum_of(spec: &Value, what: &str) -> String {
    let name = str_of(spec, "name", what);
    let int = |key: &str| {
        spec.get(key)
            .and_then(Value::as_u64)
            .unwrap_or_else(|| panic!("{what}: checksum {name} without {key}"))
    };
    let weights = |key: &str| -> Vec<u64> {
        spec.get(key)
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{what}: no {key}"))
            .iter()
            .map(|w| w.as_u64().expect("a weight is a number"))
            .collect()
    };
    match name {
        "s10" => {
            assert_eq!(weights("weightings"), [8, 6, 4, 2, 3, 5, 9, 7], "{what}");
            assert_eq!(int("modulo"), 11, "{what}");
            "Checksum::S10".to_owned()
        }
        "mod10" => {
            assert_eq!(int("modulo"), 10, "{what}");
            format!(
                "Checksum::Mod10 {{ evens: {}, odds: {}, reverse: {} }}",
                int("evens_multiplier"),
                int("odds_multiplier"),
                spec.get("reverse")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            )
        }
        "sum_product_with_weightings_and_modulo" => format!(
            "Checksum::Weighted {{ weights: &{:?}, modulo1: {}, modulo2: {} }}",
            weights("weightings"),
            int("modulo1"),
            int("modulo2")
        ),
        "mod7" => {
            assert_eq!(int("modulo"), 7, "{what}");
            "Checksum::Mod7".to_owned()
        }
        "luhn" => "Checksum::Luhn".to_owned(),
        "mod_37_36" => {
            assert_eq!(int("modulo"), 36, "{what}");
            "Checksum::Mod37_36".to_owned()
        }
        other => panic!("{what}: unknown checksum {other:?}"),
    }
}

/// A test number as the crate stores it: no white space, capitals.
pub(super) fn canonical(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

fn format_entry(code: &str, kind: &Value, what: &str) -> FormatEntry {
    let name = str_of(kind, "name", what).to_owned();
    let pattern = regex_of(kind, what);
    if let Err(e) = Pattern::parse(&pattern) {
        panic!("{what}: the pattern {pattern:?} does not parse: {e:?}");
    }
    let validation = kind.get("validation");
    if let Some(Value::Object(v)) = validation {
        for key in v.keys() {
            assert!(
                ["checksum", "additional", "serial_number_format"].contains(&key.as_str()),
                "{what}: unknown validation {key:?}"
            );
        }
    }
    let prepend_if = validation
        .and_then(|v| v.get("serial_number_format"))
        .map(|f| {
            let rule = f.get("prepend_if").unwrap_or_else(|| panic!("{what}: {f}"));
            let pattern = str_of(rule, "matches_regex", what).to_owned();
            Pattern::parse(&pattern).unwrap_or_else(|e| panic!("{what}: {pattern:?}: {e:?}"));
            (pattern, str_of(rule, "content", what).to_owned())
        });
    let checksum = validation
        .and_then(|v| v.get("checksum"))
        .map(|c| checksum_of(c, what));
    let needs_post = match validation.and_then(|v| v.get("additional")) {
        None => false,
        Some(extra) => {
            assert_eq!(
                extra,
                &serde_json::json!({"exists": ["Courier"]}),
                "{what}: an unknown additional validation"
            );
            true
        }
    };
    let valid = numbers(kind, "valid");
    let invalid = numbers(kind, "invalid");
    let example = canonical(
        valid
            .first()
            .unwrap_or_else(|| panic!("{what}: no valid test number")),
    );
    FormatEntry {
        carrier: code.to_owned(),
        name,
        pattern,
        checksum,
        prepend_if,
        needs_post,
        url: kind.get("tracking_url").and_then(Value::as_str).map(secure),
        example,
        valid,
        invalid,
    }
}

/// A tracking page over HTTPS: the set gives DHL's and OnTrac's pages as `http://`, and a
/// page printed in a QR code is opened as printed, so in the clear, redirect or not. Both
/// sites (`www.dhl.com`, `www.ontrac.com`) serve the same pages over HTTPS, as every other
/// carrier of the set does.
fn secure(url: &str) -> String {
    match url.strip_prefix("http://") {
        Some(rest) => format!("https://{rest}"),
        None => url.to_owned(),
    }
}

/// The printed name, code and other names of the carrier known as `key` in the data.
fn naming(key: &str, code: &str, name: &str) -> (String, String, Vec<String>) {
    match NAMES.iter().find(|(k, ..)| *k == key) {
        Some((_, code, shown, aliases)) => {
            let mut all: Vec<String> = aliases.iter().map(|a| (*a).to_owned()).collect();
            if name != *shown && !all.iter().any(|a| a == name) && !GENERIC.contains(&name) {
                all.push(name.to_owned());
            }
            ((*code).to_owned(), (*shown).to_owned(), all)
        }
        None => (code.to_owned(), name.to_owned(), Vec::new()),
    }
}

/// Reads the courier files (`(file name, JSON text)`, in name order).
pub(super) fn parse(files: &[(String, String)]) -> Data {
    let mut formats = Vec::new();
    let mut carriers = Vec::new();
    let mut s10 = None;
    // (country code, post's name, country's name)
    let mut posts: Vec<(String, String, String)> = Vec::new();
    for (file, text) in files {
        let courier: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: bad JSON: {e}"));
        let code = str_of(&courier, "courier_code", file);
        let name = str_of(&courier, "name", file);
        let kinds = courier
            .get("tracking_numbers")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{file}: no tracking_numbers"));
        if code == "s10" {
            let [kind] = kinds.as_slice() else {
                panic!("{file}: one S10 format expected");
            };
            s10 = Some(format_entry("", kind, file));
            let lookup = kind
                .get("additional")
                .and_then(Value::as_array)
                .and_then(|a| {
                    a.iter()
                        .find(|x| x.get("name").and_then(Value::as_str) == Some("Courier"))
                })
                .and_then(|c| c.get("lookup"))
                .and_then(Value::as_array)
                .unwrap_or_else(|| panic!("{file}: no Courier lookup"));
            for post in lookup {
                let country = str_of(post, "matches", file).to_owned();
                assert!(
                    country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()),
                    "{file}: country {country:?}"
                );
                posts.push((
                    country,
                    str_of(post, "courier", file).trim().to_owned(),
                    str_of(post, "country", file).trim().to_owned(),
                ));
            }
            continue;
        }
        let (code_out, shown, aliases) = naming(code, code, name);
        let first = formats.len();
        for (i, kind) in kinds.iter().enumerate() {
            formats.push(format_entry(&code_out, kind, &format!("{file} #{i}")));
        }
        assert!(formats.len() > first, "{file}: no formats");
        let s10 = POSTS_WITH_FORMATS
            .iter()
            .find(|(_, c)| *c == code_out)
            .map(|(country, _)| (*country).to_owned());
        let open = OPEN.iter().any(|(c, _)| *c == code_out);
        carriers.push(CarrierEntry {
            code: code_out,
            name: shown,
            aliases,
            s10,
            inferable: true,
            open,
        });
    }
    posts.sort();
    for (country, name, country_name) in &posts {
        if POSTS_WITH_FORMATS.iter().any(|(c, _)| c == country) {
            continue;
        }
        // Two posts of one name (Cambodia's and Liberia's ministries) are told apart by
        // their country.
        let shared = posts.iter().filter(|(_, n, _)| n == name).count() > 1;
        let name = if shared {
            format!("{name} ({country_name})")
        } else {
            name.clone()
        };
        let key = format!("post_{country}");
        let (code, shown, aliases) = naming(&key, &key.to_lowercase(), &name);
        carriers.push(CarrierEntry {
            code,
            name: shown,
            aliases,
            s10: Some(country.clone()),
            inferable: true,
            open: true,
        });
    }
    for extra in EXTRA {
        for (name, pattern, example) in extra.formats {
            Pattern::parse(pattern).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            formats.push(FormatEntry {
                carrier: extra.code.to_owned(),
                name: (*name).to_owned(),
                pattern: (*pattern).to_owned(),
                checksum: None,
                prepend_if: None,
                needs_post: false,
                url: extra.url.map(str::to_owned),
                example: (*example).to_owned(),
                valid: vec![(*example).to_owned()],
                invalid: Vec::new(),
            });
        }
        carriers.push(CarrierEntry {
            code: extra.code.to_owned(),
            name: extra.name.to_owned(),
            aliases: extra.aliases.iter().map(|a| (*a).to_owned()).collect(),
            s10: None,
            inferable: true,
            open: false,
        });
    }
    carriers.push(CarrierEntry {
        code: "ems".to_owned(),
        name: "EMS".to_owned(),
        aliases: vec!["Express Mail Service".to_owned()],
        s10: Some("EMS".to_owned()),
        inferable: false,
        // China's domestic EMS numbers are 13 digits, not S10.
        open: true,
    });

    // Every name leads to one carrier.
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    for c in &carriers {
        let names = [&c.code, &c.name].into_iter().chain(&c.aliases);
        for name in names {
            let key = name_key(name);
            assert!(!key.is_empty(), "{}: empty name {name:?}", c.code);
            if let Some(other) = keys.insert(key.clone(), c.code.clone()) {
                assert_eq!(other, c.code, "{name:?} names both {other} and {}", c.code);
            }
        }
    }

    // Pages for S10 numbers: the data's own pages of the posts that are also carriers of
    // the data, then the ones added by hand.
    let has_post = |country: &str| carriers.iter().any(|c| c.s10.as_deref() == Some(country));
    let mut pages: Vec<(String, String)> = POSTS_WITH_FORMATS
        .iter()
        .filter(|(country, _)| has_post(country))
        .map(|(country, code)| {
            let url = formats
                .iter()
                .filter(|f| f.carrier == *code)
                .find_map(|f| f.url.clone())
                .unwrap_or_else(|| panic!("{code}: no tracking page"));
            ((*country).to_owned(), url)
        })
        .chain(
            POST_PAGES
                .iter()
                .filter(|(country, _)| has_post(country))
                .map(|(c, u)| ((*c).to_owned(), (*u).to_owned())),
        )
        .collect();
    pages.sort();
    Data {
        formats,
        s10: s10.expect("s10.json"),
        carriers,
        pages,
    }
}

/// A Rust string literal for `s`: raw when it has backslashes (patterns).
fn lit(s: &str) -> String {
    if s.contains('\\') && !s.contains('"') && !s.chars().any(char::is_control) {
        format!("r\"{s}\"")
    } else {
        format!("{s:?}")
    }
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| format!("Some({})", lit(s)))
}

fn format_lit(f: &FormatEntry) -> String {
    format!(
        "Format {{ carrier: {}, name: {}, pattern: {}, checksum: {}, prepend_if: {}, needs_post: {}, url: {}, example: {} }}",
        lit(&f.carrier),
        lit(&f.name),
        lit(&f.pattern),
        f.checksum
            .as_deref()
            .map_or_else(|| "None".to_owned(), |c| format!("Some({c})")),
        f.prepend_if.as_ref().map_or_else(
            || "None".to_owned(),
            |(p, c)| format!("Some(({}, {}))", lit(p), lit(c))
        ),
        f.needs_post,
        opt(f.url.as_deref()),
        lit(&f.example),
    )
}

/// The text of `couriers.rs`.
fn render(data: &Data) -> String {
    let mut out = String::from(
        "// @generated by src/carrier/generate.rs from src/carrier/data/couriers/*.json.\n\
         // Do not edit by hand. To regenerate after changing the data or the generator:\n\
         //     UPDATE_GENERATED=1 cargo test carrier::generate\n\
         // (plain `cargo test` checks that this file is up to date).\n\
         \n\
         //! Carriers and their tracking-number formats. Source: the `tracking_number_data`\n\
         //! set (MIT, see `data/README.md` and `data/LICENSE-tracking_number_data`), and the\n\
         //! carriers and pages `generate.rs` adds, with their sources.\n\
         \n\
         use super::tables::{Carrier, Checksum, Format, PostPage, S10Issuer};\n\
         \n\
         /// Every format but S10, carrier by carrier.\n\
         #[rustfmt::skip]\n\
         pub(crate) static FORMATS: &[Format] = &[\n",
    );
    for f in &data.formats {
        writeln!(out, "    {},", format_lit(f)).expect("writing to a String");
    }
    out.push_str("];\n\n/// UPU S10, the posts' international format.\n#[rustfmt::skip]\n");
    writeln!(
        out,
        "pub(crate) static S10: Format = {};",
        format_lit(&data.s10)
    )
    .expect("writing to a String");
    out.push_str(
        "\n/// Every carrier: the data's couriers, the posts (by the country of their S10\n\
         /// numbers), then the carriers added by hand.\n\
         #[rustfmt::skip]\n\
         pub(crate) static CARRIERS: &[Carrier] = &[\n",
    );
    for c in &data.carriers {
        let aliases: Vec<String> = c.aliases.iter().map(|a| lit(a)).collect();
        let s10 = match c.s10.as_deref() {
            None => "None".to_owned(),
            Some("EMS") => "Some(S10Issuer::Ems)".to_owned(),
            Some(country) => format!("Some(S10Issuer::Country({}))", lit(country)),
        };
        writeln!(
            out,
            "    Carrier {{ code: {}, name: {}, aliases: &[{}], s10: {s10}, inferable: {}, open: {} }},",
            lit(&c.code),
            lit(&c.name),
            aliases.join(", "),
            c.inferable,
            c.open,
        )
        .expect("writing to a String");
    }
    out.push_str(
        "];\n\n/// The posts' tracking pages for their S10 numbers, by country.\n\
         #[rustfmt::skip]\n\
         pub(crate) static POST_PAGES: &[PostPage] = &[\n",
    );
    for (country, url) in &data.pages {
        writeln!(
            out,
            "    PostPage {{ country: {}, url: {} }},",
            lit(country),
            lit(url)
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    out
}

/// The courier files, in name order.
pub(super) fn read_files() -> Vec<(String, String)> {
    let dir = module_dir().join("data/couriers");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a UTF-8 file name")
                .to_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            (name, text)
        })
        .filter(|(name, _)| name.ends_with(".json"))
        .collect();
    files.sort();
    files
}

/// Every format of the data with its carrier's code and test numbers: (carrier code,
/// format name, valid, invalid), S10 with an empty code.
pub(super) fn test_numbers(data: &Data) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    data.formats
        .iter()
        .chain(std::iter::once(&data.s10))
        .map(|f| {
            (
                f.carrier.clone(),
                f.name.clone(),
                f.valid.clone(),
                f.invalid.clone(),
            )
        })
        .collect()
}

/// Checks that `couriers.rs` is up to date.
fn check_generated(expected: &str) {
    let path = module_dir().join("couriers.rs");
    crate::generated::check_generated(&path, expected, "carrier::generate");
}

#[test]
fn couriers_rs_is_up_to_date() {
    let data = parse(&read_files());
    assert!(
        data.formats.len() > 30,
        "only {} formats",
        data.formats.len()
    );
    assert!(
        data.carriers.len() > 180,
        "only {} carriers",
        data.carriers.len()
    );
    let countries: Vec<&str> = data.pages.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(countries, ["CA", "CN", "GB", "US"]);
    for (code, _) in OPEN {
        assert!(
            data.carriers.iter().any(|c| c.code == *code && c.open),
            "OPEN names {code}, which the data does not have"
        );
    }
    // Every page goes into QR codes: HTTPS only (the set has DHL's and OnTrac's as HTTP).
    let urls = data.formats.iter().filter_map(|f| f.url.as_deref());
    for url in urls.chain(data.pages.iter().map(|(_, u)| u.as_str())) {
        assert!(url.starts_with("https://"), "{url}");
    }
    check_generated(&render(&data));
}

#[test]
fn parse_reads_formats_posts_and_names() {
    let files = vec![
        (
            "acme.json".to_owned(),
            r#"{"name": "Acme", "courier_code": "acme", "tracking_numbers": [
                {"name": "Acme (5)", "regex": ["\\s*A\\s*(?<SerialNumber>[0-9]{3})", "(?<CheckDigit>[0-9])"],
                 "validation": {"checksum": {"name": "mod7", "modulo": 7}},
                 "tracking_url": "http://acme.example/t?n=%s",
                 "test_numbers": {"valid": ["a 1234"], "invalid": ["A1235"]}}]}"#
                .to_owned(),
        ),
        (
            "s10.json".to_owned(),
            r#"{"name": "S10", "courier_code": "s10", "tracking_numbers": [
                {"name": "S10", "regex": "(?<CountryCode>[A-Z]{2})",
                 "validation": {"checksum": {"name": "s10", "weightings": [8,6,4,2,3,5,9,7], "modulo": 11},
                                "additional": {"exists": ["Courier"]}},
                 "tracking_url": null,
                 "test_numbers": {"valid": ["GB"], "invalid": []},
                 "additional": [{"name": "Courier", "regex_group_name": "CountryCode", "lookup": [
                    {"matches": "GB", "courier": "Royal Mail Group plc", "country": "United Kingdom"},
                    {"matches": "DE", "courier": "Deutsche Post", "country": "Germany"}]}]}]}"#
                .to_owned(),
        ),
    ];
    let data = parse(&files);
    let acme = &data.formats[0];
    assert_eq!(
        (
            acme.carrier.as_str(),
            acme.name.as_str(),
            acme.example.as_str()
        ),
        ("acme", "Acme (5)", "A1234")
    );
    assert_eq!(
        acme.pattern,
        r"\s*A\s*(?<SerialNumber>[0-9]{3})(?<CheckDigit>[0-9])"
    );
    assert_eq!(acme.checksum.as_deref(), Some("Checksum::Mod7"));
    assert!(data.s10.needs_post);
    let names: Vec<(&str, &str, Option<&str>)> = data
        .carriers
        .iter()
        .map(|c| (c.code.as_str(), c.name.as_str(), c.s10.as_deref()))
        .collect();
    assert_eq!(
        &names[..3],
        [
            ("acme", "Acme", None),
            ("post_de", "Deutsche Post", Some("DE")),
            ("royal_mail", "Royal Mail", Some("GB")),
        ]
    );
    assert_eq!(data.carriers[2].aliases, ["Royal Mail Group plc"]);
    let text = render(&data);
    assert!(text.contains(
        r#"    Format { carrier: "acme", name: "Acme (5)", pattern: r"\s*A\s*(?<SerialNumber>[0-9]{3})(?<CheckDigit>[0-9])", checksum: Some(Checksum::Mod7), prepend_if: None, needs_post: false, url: Some("https://acme.example/t?n=%s"), example: "A1234" },"#
    ), "{text}");
}

#[test]
#[should_panic(expected = "unknown checksum")]
fn parse_refuses_an_unknown_checksum() {
    let files = vec![(
        "x.json".to_owned(),
        r#"{"name": "X", "courier_code": "x", "tracking_numbers": [{"name": "X", "regex": "X",
            "validation": {"checksum": {"name": "mod99"}}, "test_numbers": {"valid": ["X"]}}]}"#
            .to_owned(),
    )];
    parse(&files);
}
