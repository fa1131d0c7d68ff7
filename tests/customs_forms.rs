//! The customs forms as printed: a CN22 after its label and a CN23's pages (continued when
//! long), in every output; their text holds every field and total; the tracking number's
//! Code 128 on them decodes; a CN22 with more items than it holds is refused clearly.

#![cfg(feature = "png")]

mod common;

use rxing::BarcodeFormat;
use shiplabel::{
    BatchMode, Label, LayoutError, Options, Paper, PdfWriter, Raster, Sheet, SheetLayout,
    customs_layouts, render_png,
};

use common::raster::{decode_hard, png_pixels};

use common::customs_orders;

/// Every text line of the forms of `label`, one string per page.
fn form_texts(label: &Label, options: &Options) -> Vec<String> {
    let valid = label.validate().unwrap();
    customs_layouts(&valid, options)
        .unwrap()
        .iter()
        .map(|page| {
            page.elements()
                .iter()
                .filter_map(|e| match e {
                    shiplabel::Element::Text(line) => Some(line.text().to_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// What a form must show of `label`'s declaration: every item's description (its words),
/// quantity, weight, value, HS code and origin; the totals; the signer and date; the tax ids.
fn expected_fields(label: &Label) -> Vec<String> {
    let valid = label.validate().unwrap();
    let customs = valid.customs().unwrap();
    let mut want = Vec::new();
    for item in customs.items() {
        want.extend(item.description().split(' ').map(str::to_owned));
        want.push(item.quantity().to_string());
        want.push(item.value().amount());
        want.push(item.hs_code().to_owned());
        want.push(item.origin().as_str().to_owned());
        let g = item.weight_grams();
        want.push(format!("{}.{:03}", g / 1000, g % 1000));
    }
    let g = customs.total_weight_grams();
    want.push(format!("{}.{:03}", g / 1000, g % 1000));
    want.push(customs.total_value().amount());
    want.push(customs.signer().to_owned());
    want.push(customs.date().to_owned());
    for id in customs.tax_ids() {
        want.push(id.id().to_owned());
    }
    want.extend(customs.explanation().map(str::to_owned));
    if customs.form() == shiplabel::CustomsForm::Cn23 {
        // The CN23's own boxes.
        for value in [
            customs.invoice(),
            customs.licence(),
            customs.certificate(),
            customs.exporter_reference(),
            customs.importer_reference(),
            customs.importer_contact(),
        ]
        .into_iter()
        .flatten()
        {
            want.push(value.to_owned());
        }
        want.extend(customs.postage().map(|p| p.to_string()));
    }
    want
}

#[test]
fn every_field_and_total_is_on_the_forms() {
    let mut labels = vec![Label::sample_international()];
    labels.extend(customs_orders());
    for label in labels {
        let text = form_texts(&label, &Options::default()).join("\n");
        for want in expected_fields(&label) {
            assert!(
                text.contains(&want),
                "{}: {want:?} missing from\n{text}",
                label.order.number
            );
        }
    }
}

#[test]
fn a_cn22_is_one_label_and_a_cn23_continues_over_pages() {
    let options = Options::default();
    let cn22 =
        customs_layouts(&Label::sample_international().validate().unwrap(), &options).unwrap();
    assert_eq!(cn22.len(), 1);
    assert_eq!(cn22[0].width(), options.label_size().width());
    assert_eq!(cn22[0].height(), options.label_size().height());
    let long = &customs_orders()[1];
    let pages = form_texts(long, &options);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    assert!(pages[0].contains("CN 23"));
    for (n, page) in pages.iter().enumerate().skip(1) {
        let heading = format!(
            "CN 23 (continued / suite) · Order AU-2026-004411 · page {} of {}",
            n + 1,
            pages.len()
        );
        assert!(page.starts_with(&heading), "{page}");
    }
    // Each item on exactly one page; the certification on the last.
    for i in 1..=28 {
        let colour = format!("colour {i}\n");
        let on: Vec<usize> = (0..pages.len())
            .filter(|&p| format!("{}\n", pages[p]).contains(&colour))
            .collect();
        assert_eq!(on.len(), 1, "item {i} on pages {on:?}");
    }
    let last = pages.last().unwrap();
    assert!(last.contains("Date and sender's signature: 2026-12-02   Li Wei"));
    // Letter paper, when asked.
    let letter = options.with_customs_paper(Paper::Letter);
    let valid = long.validate().unwrap();
    let pages = customs_layouts(&valid, &letter).unwrap();
    assert_eq!((pages[0].width().0, pages[0].height().0), (612.0, 792.0));
}

#[test]
fn the_tracking_number_on_the_forms_decodes() {
    let mut labels = vec![Label::sample_international()];
    labels.extend(customs_orders());
    for label in labels {
        let valid = label.validate().unwrap();
        let forms = customs_layouts(&valid, &Options::default()).unwrap();
        let first = png_pixels(&render_png(&forms[0], Raster::Print).unwrap()).unwrap();
        let tracking = label.order.tracking.clone().unwrap();
        assert_eq!(
            decode_hard(&first, BarcodeFormat::CODE_128).as_deref(),
            Ok(tracking.as_str()),
            "{}",
            label.order.number
        );
    }
}

#[test]
fn a_cn22_with_more_items_than_it_holds_is_refused_naming_the_fix() {
    let mut label = Label::sample_international();
    let customs = label.customs.as_mut().unwrap();
    let item = customs.items[0].clone();
    customs.items = vec![item; 30];
    label.order.weight_grams = None;
    customs.tax_ids.clear();
    customs
        .items
        .iter_mut()
        .for_each(|i| i.value = "1.00".into());
    customs
        .tax_ids
        .push(shiplabel::TaxId::new("ioss", "IM2760000742"));
    let valid = label.validate().unwrap();
    let err = customs_layouts(&valid, &Options::default()).unwrap_err();
    let LayoutError::TooManyCustomsItems { items, fit, .. } = err else {
        panic!("{err}");
    };
    assert_eq!(items, 30);
    assert!((5..30).contains(&fit), "{fit}");
    assert_eq!(
        err.to_string(),
        format!(
            "customs.items: 30 items do not fit a CN22 on a 4x6 label (at most {fit} do); \
             declare them on a CN23 (form \"cn23\")"
        )
    );
    assert_eq!(err.field(), Some("customs.items"));
    // In a run, that order is set aside with the reason; the others print.
    let mut writer = PdfWriter::new(Vec::new(), &Options::default())
        .unwrap()
        .with_mode(BatchMode::PrintValid);
    writer
        .write_labels([label, Label::sample_international()])
        .unwrap();
    let printed = writer.finish().unwrap();
    assert_eq!(printed.pages, [1, 1]);
    assert_eq!(printed.rejected[0].index, 0);
}

#[test]
fn runs_print_each_label_then_its_forms_or_leave_them_out() {
    let labels = [
        Label::sample_international(),
        Label::sample(),
        customs_orders()[1].clone(),
    ];
    let mut writer = PdfWriter::new(Vec::new(), &Options::default()).unwrap();
    writer.write_labels(labels.clone()).unwrap();
    assert_eq!(writer.labels(), 3);
    let printed = writer.finish().unwrap();
    let cn23_pages = form_texts(&labels[2], &Options::default()).len();
    let mut expected = vec![0, 0, 1, 2];
    expected.extend(std::iter::repeat_n(2, cn23_pages));
    assert_eq!(printed.pages, expected);
    let doc = lopdf::Document::load_mem(&printed.output).unwrap();
    assert_eq!(doc.get_pages().len(), expected.len());

    let options = Options::default().with_customs_forms(false);
    let mut writer = PdfWriter::new(Vec::new(), &options).unwrap();
    writer.write_labels(labels).unwrap();
    assert_eq!(writer.finish().unwrap().pages, [0, 1, 2]);
}

#[test]
fn on_sheets_a_cn22_takes_the_next_place_and_a_cn23_a_page_of_its_own() {
    let sheet = Sheet::new(SheetLayout::A4FourA6);
    let options = Options::default().with_sheet(sheet);
    let labels = [
        Label::sample_international(), // label + CN22: places 1, 2
        customs_orders()[1].clone(),   // label: place 3; the sheet ends; CN23 pages
        Label::sample(),               // a fresh sheet, place 1
    ];
    let cn23_pages = form_texts(&labels[1], &options).len();
    let mut writer = PdfWriter::new(Vec::new(), &options).unwrap();
    writer.write_labels(labels).unwrap();
    let printed = writer.finish().unwrap();
    let doc = lopdf::Document::load_mem(&printed.output).unwrap();
    let sizes: Vec<(i64, i64)> = doc
        .get_pages()
        .values()
        .map(|&id| {
            let media = doc
                .get_dictionary(id)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()
                .clone();
            (
                media[2].as_float().unwrap().round() as i64,
                media[3].as_float().unwrap().round() as i64,
            )
        })
        .collect();
    // Sheet, the CN23's A4 pages, then the next sheet: every page A4 here.
    assert_eq!(sizes.len(), 1 + cn23_pages + 1, "{sizes:?}");
    assert!(sizes.iter().all(|&s| s == (595, 842)), "{sizes:?}");
    // The same order in PNG images.
    let mut images = Vec::new();
    let output = shiplabel::PngOutput::new(Raster::Preview { ppi: 20 }, |_, png: Vec<u8>| {
        images.push(png);
        Ok(())
    });
    let mut printer = shiplabel::Printer::to(output, &options);
    printer
        .write_labels([
            Label::sample_international(),
            customs_orders()[1].clone(),
            Label::sample(),
        ])
        .unwrap();
    assert_eq!(printer.finish().unwrap().output, 1 + cn23_pages + 1);
}

#[cfg(feature = "zpl")]
#[test]
fn zpl_prints_a_cn22_after_its_label_and_sets_a_cn23_order_aside_clearly() {
    use shiplabel::{Printer, Rejection, RenderError, ZplOutput};
    let mut printer = Printer::to(ZplOutput::new(Vec::new()), &Options::default());
    printer.write_label(Label::sample_international()).unwrap();
    let zpl = String::from_utf8(printer.finish().unwrap().output).unwrap();
    assert_eq!(zpl.matches("^XA\n").count(), 2);
    let second = zpl.split("^XZ\n").nth(1).unwrap();
    assert!(second.contains("^BC"), "the CN22's tracking bars");
    // A CN23 order among others: set aside with the reason, the others printed.
    let cn23 = customs_orders()[1].clone();
    let printer = Printer::to(ZplOutput::new(Vec::new()), &Options::default());
    let mut printer = printer.with_mode(BatchMode::PrintValid);
    printer
        .write_labels([Label::sample(), cn23.clone(), Label::sample_international()])
        .unwrap();
    let printed = printer.finish().unwrap();
    assert_eq!(printed.orders, [0, 2]);
    assert_eq!(printed.rejected.len(), 1);
    assert_eq!(printed.rejected[0].index, 1);
    let Rejection::Layout(reason) = &printed.rejected[0].reason else {
        panic!("{:?}", printed.rejected[0].reason);
    };
    assert_eq!(reason.field(), Some("customs.form"));
    assert!(
        reason
            .to_string()
            .starts_with("customs.form: a CN23 customs declaration prints on 595 × 842 pt paper"),
        "{reason}"
    );
    let zpl = String::from_utf8(printed.output).unwrap();
    assert_eq!(
        zpl.matches("^XA\n").count(),
        3,
        "a label, a label and its CN22"
    );
    // All or nothing: the run fails naming the order.
    let mut printer = Printer::to(ZplOutput::new(Vec::new()), &Options::default());
    printer.write_labels([Label::sample(), cn23]).unwrap();
    match printer.finish() {
        Err(RenderError::Rejected { total: 2, rejected }) => assert_eq!(rejected[0].index, 1),
        other => panic!("{other:?}"),
    }
}

/// poppler's `pdftotext` reads every field and total back from the PDF of a run with
/// forms. `.ci/run` installs poppler and runs it.
#[test]
#[ignore = "needs pdftotext (poppler-utils); .ci/run runs it"]
fn pdftotext_reads_every_field_and_total() {
    let mut labels = vec![Label::sample_international()];
    labels.extend(customs_orders());
    let dir = tempfile::tempdir().unwrap();
    for label in labels {
        let mut writer = PdfWriter::new(Vec::new(), &Options::default()).unwrap();
        writer.write_label(label.clone()).unwrap();
        let pdf = dir.path().join("forms.pdf");
        std::fs::write(&pdf, writer.finish().unwrap().output).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args([pdf.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext runs");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for want in expected_fields(&label) {
            assert!(
                text.contains(&want),
                "{}: {want:?} missing from pdftotext's\n{text}",
                label.order.number
            );
        }
    }
}

#[test]
fn forms_lay_out_on_every_label_size_and_resolution() {
    use shiplabel::{Dpi, LabelSize};
    let mut labels = vec![Label::sample_international()];
    labels.extend(customs_orders());
    for size in LabelSize::ALL {
        for dpi in [Dpi::DPI_203, Dpi::DPI_300] {
            let options = Options::default().with_size(size).with_dpi(dpi);
            for label in &labels {
                let valid = label.validate().unwrap();
                let forms = customs_layouts(&valid, &options)
                    .unwrap_or_else(|e| panic!("{} on {size:?} at {dpi}: {e}", label.order.number));
                assert!(!forms.is_empty());
                // Nothing drawn off the page.
                for form in &forms {
                    for e in form.elements() {
                        if let shiplabel::Element::Text(line) = e {
                            assert!(
                                line.x().0 >= 0.0 && line.x().0 + line.width().0 <= form.width().0,
                                "{:?} off the page",
                                line.text()
                            );
                            assert!(line.baseline().0 <= form.height().0, "{:?}", line.text());
                        }
                    }
                }
            }
        }
    }
}
