//! Golden files: for each sample in `common::GOLDEN`, the exact PDF bytes, a readable
//! layout dump, the 1-bit PNG at the printer's resolution and the ZPL under `tests/golden/`. `UPDATE_GOLDEN=1 cargo test` rewrites them; a missing
//! file is written and the test fails, so a new golden is always looked at before it counts.

mod common;

use std::path::Path;

use shiplabel::{Dpi, Label, Options, SheetLayout};

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

/// Checks the PDF of `labels` under `options`, and the layout dump of each (in order), against
/// `tests/golden/<stem>.pdf` and `.txt`.
fn check_document(
    stem: &str,
    options: &Options,
    labels: &[shiplabel::ValidLabel],
    failures: &mut Vec<String>,
) {
    let dump: String = labels
        .iter()
        .map(|label| {
            shiplabel::layout(label, options)
                .expect("golden labels lay out")
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let pdf = shiplabel::render_pdf(labels, options).expect("golden labels render");
    check(&common::golden_path(stem, "txt"), dump.as_bytes(), failures);
    check(&common::golden_path(stem, "pdf"), &pdf, failures);
    #[cfg(feature = "png")]
    check_pngs(stem, options, labels, failures);
    #[cfg(feature = "zpl")]
    if options.sheet().is_none() {
        // ZPL prints on a thermal printer's labels, not on sheets.
        let zpl: Vec<u8> = labels
            .iter()
            .flat_map(|label| {
                let layout = shiplabel::layout(label, options).expect("golden labels lay out");
                shiplabel::render_zpl(&layout).expect("golden labels make ZPL")
            })
            .collect();
        check(&common::golden_path(stem, "zpl"), &zpl, failures);
    }
}

/// The document as 1-bit PNGs at its printer's resolution, against
/// `tests/golden/<stem>.png` (a single label) or `<stem>-<page>.png` (sheets, from 1).
#[cfg(feature = "png")]
fn check_pngs(
    stem: &str,
    options: &Options,
    labels: &[shiplabel::ValidLabel],
    failures: &mut Vec<String>,
) {
    use shiplabel::{Raster, render_png, render_sheet_png};
    let layouts: Vec<_> = labels
        .iter()
        .map(|label| shiplabel::layout(label, options).expect("golden labels lay out"))
        .collect();
    match options.sheet() {
        None => {
            assert_eq!(layouts.len(), 1, "{stem}: one label per golden PNG");
            let png = render_png(&layouts[0], Raster::Print).expect("a PNG");
            check(&common::golden_path(stem, "png"), &png, failures);
        }
        Some(sheet) => {
            for (n, page) in sheet.pages(layouts).iter().enumerate() {
                let png = render_sheet_png(page, Raster::Print).expect("a PNG");
                let name = format!("{stem}-{}", n + 1);
                check(&common::golden_path(&name, "png"), &png, failures);
            }
        }
    }
}

/// ZPL with the Latin lines in the printer's font 0 (`ZplText::ResidentFont`): a Latin label,
/// every line in the font, and an Arabic one, its Arabic lines left graphic fields.
#[cfg(feature = "zpl")]
#[test]
fn golden_resident_font_zpl_match_byte_for_byte() {
    use shiplabel::{ZplOptions, ZplText};
    let mut failures = Vec::new();
    for (stem, index) in [("gb-london", 0), ("sa-riyadh", 6)] {
        let layout = shiplabel::layout(&common::golden_label(index), &Options::default())
            .expect("golden labels lay out");
        let zpl = shiplabel::render_zpl_with(
            &layout,
            ZplOptions::default().with_text(ZplText::ResidentFont),
        )
        .expect("golden labels make ZPL");
        let name = format!("{stem}-font0");
        check(&common::golden_path(&name, "zpl"), &zpl, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Labels with their customs forms, as a run prints them: the PDF of the label and its
/// forms, the forms' layout dump, each form page as a 1-bit PNG, and (for CN22s) the ZPL.
/// A Latin CN22 and CN23 (to Berlin), a CN22 with Chinese descriptions and a Chinese sender,
/// and a 28-item CN23 continued over pages.
#[test]
fn golden_customs_forms_match_byte_for_byte() {
    let mut cn23 = Label::sample_international();
    cn23.customs.as_mut().expect("a declaration").form = Some("cn23".into());
    let orders = common::customs_orders();
    let cases = [
        ("customs-cn22-de", Label::sample_international()),
        ("customs-cn23-de", cn23),
        ("customs-cn22-zh", orders[0].clone()),
        ("customs-cn23-au-long", orders[1].clone()),
    ];
    let options = Options::default();
    let mut failures = Vec::new();
    for (stem, label) in cases {
        let valid = label.validate().expect("golden declarations are valid");
        let forms = shiplabel::customs_layouts(&valid, &options).expect("forms lay out");
        let dump: Vec<String> = forms.iter().map(ToString::to_string).collect();
        check(
            &common::golden_path(stem, "txt"),
            dump.join("\n").as_bytes(),
            &mut failures,
        );
        let pdf = shiplabel::render_pdf(std::slice::from_ref(&valid), &options)
            .expect("golden forms render");
        check(&common::golden_path(stem, "pdf"), &pdf, &mut failures);
        #[cfg(feature = "png")]
        for (n, form) in forms.iter().enumerate() {
            let png = shiplabel::render_png(form, shiplabel::Raster::Print).expect("a PNG");
            let name = format!("{stem}-{}", n + 1);
            check(&common::golden_path(&name, "png"), &png, &mut failures);
        }
        #[cfg(feature = "zpl")]
        if valid.customs().map(|c| c.form()) == Some(shiplabel::CustomsForm::Cn22) {
            let mut zpl =
                shiplabel::render_zpl(&shiplabel::layout(&valid, &options).unwrap()).expect("ZPL");
            for form in &forms {
                zpl.extend(shiplabel::render_zpl(form).expect("ZPL"));
            }
            check(&common::golden_path(stem, "zpl"), &zpl, &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_labels_match_byte_for_byte() {
    let mut failures = Vec::new();
    for &(stem, index) in common::GOLDEN {
        let label = common::golden_label(index);
        check_document(stem, &Options::default(), &[label], &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_labels_with_a_tracking_page_or_no_qr_code_match_byte_for_byte() {
    let mut failures = Vec::new();
    for &(stem, qr, index) in common::GOLDEN_QR {
        let options = Options::default().with_qr(qr);
        check_document(
            stem,
            &options,
            &[common::golden_label(index)],
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_sizes_sheets_and_300_dpi_match_byte_for_byte() {
    let mut failures = Vec::new();
    for (stem, options, indices) in common::golden_layouts() {
        let labels: Vec<_> = indices.iter().map(|&i| common::golden_label(i)).collect();
        check_document(stem, &options, &labels, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sheets_hold_their_labels_in_order_from_the_start_position() {
    let (_, options, indices) = common::golden_layouts()
        .into_iter()
        .find(|(stem, ..)| *stem == "sheet-a4-from-2-cut-marks")
        .expect("the A4 golden");
    let labels: Vec<_> = indices.iter().map(|&i| common::golden_label(i)).collect();
    let pdf = shiplabel::render_pdf(&labels, &options).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    // Five labels from position 2 of four: three on the first sheet, two on the second.
    assert_eq!(doc.get_pages().len(), 2);
    let sizes: Vec<Vec<f32>> = doc
        .get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            media.iter().map(|v| v.as_float().unwrap()).collect()
        })
        .collect();
    for size in sizes {
        assert!(
            (size[2] - 595.28).abs() < 0.01 && (size[3] - 841.89).abs() < 0.01,
            "{size:?}"
        );
    }
    // Each label is drawn moved to its slot: positions 2, 3 and 4 of the first sheet, then
    // 1 and 2 of the second (the translations, in PDF coordinates), its left edge on a whole
    // printer dot from the sheet's, its top within a dot of its slot's. Its barcodes are
    // drawn in units of one dot (`0.35468 0 0 -0.35468 x y cm`); where they start lies
    // within a quarter of a dot of both the grid of dots counted from the sheet's top and
    // the one counted from its bottom, as rasterizers count one way or the other.
    let layout = SheetLayout::A4FourA6;
    let dpi = Dpi::DPI_203;
    let (_, page_h) = layout.page();
    let label_h = layout.label_size().height().0;
    let dots = |pt: f32| pt * 203.0 / 72.0;
    let off_grid = |d: f32| (d - d.round()).abs();
    let pages: Vec<Vec<Vec<f32>>> = doc
        .get_pages()
        .values()
        .map(|&id| {
            let content = doc.get_page_content(id);
            let ops = lopdf::content::Content::decode(&content)
                .unwrap()
                .operations;
            ops.iter()
                .filter(|op| op.operator == "cm")
                .map(|op| op.operands.iter().map(|v| v.as_float().unwrap()).collect())
                .collect()
        })
        .collect();
    for (page, slots) in pages.iter().zip([&[1, 2, 3][..], &[0, 1][..]]) {
        let moves: Vec<&Vec<f32>> = page
            .iter()
            .filter(|m| m[..4] == [1.0, 0.0, 0.0, 1.0])
            .collect();
        assert_eq!(moves.len(), slots.len(), "{page:?}");
        for (m, &slot) in moves.iter().zip(slots) {
            let (x, y) = layout.slot_origin(slot);
            assert!((m[4] - dpi.snap(x).0).abs() < 0.01, "{m:?}");
            let top = page_h.0 - m[5] - label_h;
            assert!((dots(top) - dots(dpi.snap(y).0)).abs() < 1.0, "{m:?}");
            assert!(off_grid(dots(m[4])) < 0.01, "{m:?}");
        }
        // Each label's transformation, then its barcodes' within it.
        let mut label_y = 0.0;
        let mut barcodes = 0;
        for m in page {
            if m[..4] == [1.0, 0.0, 0.0, 1.0] {
                label_y = m[5];
            } else if (m[0] - 0.35468).abs() < 1e-5 {
                let from_bottom = dots(label_y + m[5]);
                let from_top = dots(page_h.0) - from_bottom;
                assert!(
                    off_grid(from_top) <= 0.25 && off_grid(from_bottom) <= 0.25,
                    "{m:?}"
                );
                barcodes += 1;
            }
        }
        assert_eq!(barcodes, 2 * slots.len());
    }
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
    // TrueType subsets keep their glyph ids, so no CIDFont needs a map from codes to glyphs;
    // the regular and bold cuts of a family number their glyphs alike and share one
    // `ToUnicode` map (the text of every golden label extracting right is crosscheck's).
    let fonts: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type")
                .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Font"))
        })
        .collect();
    assert!(
        fonts.iter().all(|d| d.get(b"CIDToGIDMap").is_err()),
        "no CIDToGIDMap"
    );
    let to_unicode = |family: &str| {
        let font = fonts
            .iter()
            .find(|d| {
                d.get(b"Subtype")
                    .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Type0"))
                    && d.get(b"BaseFont")
                        .and_then(|n| n.as_name())
                        .is_ok_and(|n| n.ends_with(format!("+{family}").as_bytes()))
            })
            .unwrap_or_else(|| panic!("{family}"));
        font.get(b"ToUnicode").unwrap().as_reference().unwrap()
    };
    assert_eq!(to_unicode("NotoSans-Regular"), to_unicode("NotoSans-Bold"));
    assert_ne!(
        to_unicode("NotoSans-Regular"),
        to_unicode("NotoSansArabic-Regular")
    );
    let maps: std::collections::BTreeSet<_> = families.iter().map(|f| to_unicode(f)).collect();
    assert!(maps.len() < families.len(), "{maps:?}");
}
