//! Golden files: for each sample in `common::GOLDEN`, the exact PDF bytes and a readable
//! layout dump under `tests/golden/`. `UPDATE_GOLDEN=1 cargo test` rewrites them; a missing
//! file is written and the test fails, so a new golden is always looked at before it counts.

mod common;

use std::path::Path;

use shiplabel::Options;

fn check(path: &Path, actual: &[u8], failures: &mut Vec<String>) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    match std::fs::read(path) {
        Ok(expected) if expected == actual => {}
        Ok(_) if update => std::fs::write(path, actual).expect("write golden"),
        Ok(_) => failures.push(format!(
            "{} differs (UPDATE_GOLDEN=1 cargo test rewrites it)",
            path.display()
        )),
        Err(_) => {
            std::fs::create_dir_all(path.parent().expect("golden dir"))
                .expect("create tests/golden");
            std::fs::write(path, actual).expect("write golden");
            if !update {
                failures.push(format!(
                    "{} was missing and has been written: look at it, then run again",
                    path.display()
                ));
            }
        }
    }
}

#[test]
fn golden_labels_match_byte_for_byte() {
    let options = Options::default();
    let mut failures = Vec::new();
    for &(stem, index) in common::GOLDEN {
        let label = common::golden_label(index);
        let dump = shiplabel::layout(&label, &options)
            .expect("golden labels lay out")
            .to_string();
        let pdf = shiplabel::render_pdf(std::slice::from_ref(&label), &options)
            .expect("golden labels render");
        check(
            &common::golden_path(stem, "txt"),
            dump.as_bytes(),
            &mut failures,
        );
        check(&common::golden_path(stem, "pdf"), &pdf, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rendering_is_deterministic_within_a_process() {
    let labels: Vec<_> = common::GOLDEN
        .iter()
        .map(|&(_, i)| common::golden_label(i))
        .collect();
    let options = Options::default();
    let first = shiplabel::render_pdf(&labels, &options).unwrap();
    let second = shiplabel::render_pdf(&labels, &options).unwrap();
    assert_eq!(first, second);
    // A different label gives a different document id.
    let one = shiplabel::render_pdf(&labels[..1], &options).unwrap();
    let other = shiplabel::render_pdf(&labels[1..2], &options).unwrap();
    let id = |pdf: &[u8]| {
        let text = String::from_utf8_lossy(pdf).into_owned();
        let start = text.find("/ID").expect("trailer has /ID");
        text[start..start + 80].to_owned()
    };
    assert_ne!(id(&one), id(&other));
}

#[test]
fn one_page_per_label_and_fonts_embedded_once() {
    let labels: Vec<_> = common::GOLDEN
        .iter()
        .map(|&(_, i)| common::golden_label(i))
        .collect();
    let pdf = shiplabel::render_pdf(&labels, &Options::default()).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).expect("the PDF parses");
    assert_eq!(doc.get_pages().len(), labels.len(), "one page per label");
    // Subset fonts carry a six-letter tag before their PostScript name (PDF 32000-1, 9.6.4).
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"FontName").ok())
        .filter_map(|n| n.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort_by(|a, b| a[7..].cmp(&b[7..]));
    // Every typeface the golden labels use, each embedded once for all pages.
    let families = [
        "NotoSans-Bold",
        "NotoSans-Regular",
        "NotoSansArabic-Bold",
        "NotoSansArabic-Regular",
        "NotoSansCJKjp-Regular",
        "NotoSansHebrew-Bold",
        "NotoSansHebrew-Regular",
        "NotoSansThai-Bold",
        "NotoSansThai-Regular",
    ];
    assert_eq!(names.len(), families.len(), "{names:?}");
    for (name, family) in names.iter().zip(families) {
        let (tag, rest) = name.split_at(7);
        assert!(
            tag.len() == 7
                && tag[..6].chars().all(|c| c.is_ascii_uppercase())
                && tag.ends_with('+'),
            "{name}"
        );
        assert_eq!(rest, family);
    }
}
