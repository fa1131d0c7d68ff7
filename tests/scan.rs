//! Barcodes must scan: every golden label is rasterised at 203 dpi, the way a thermal
//! printer prints it (no anti-aliasing: each pixel is black or white), and both symbols are
//! decoded with rxing, a port of ZXing. The Code 128 must give the order number exactly, the
//! QR the documented payload exactly.

mod common;

use rxing::BarcodeFormat;

/// The first page of `pdf` as 8-bit grey at `dpi`, thresholded like a thermal head.
fn rasterise(pdf: &[u8], dpi: f32) -> (Vec<u8>, u32, u32) {
    rasterise_page(pdf, 0, dpi)
}

/// Page `index` of `pdf` as 8-bit grey at `dpi`, thresholded like a thermal head.
fn rasterise_page(pdf: &[u8], index: usize, dpi: f32) -> (Vec<u8>, u32, u32) {
    let page = common::raster::hayro_page(pdf, index, dpi, true);
    (page.pixels, page.width as u32, page.height as u32)
}

fn decode(grey: &[u8], width: u32, height: u32, format: BarcodeFormat) -> Result<String, String> {
    decode_with(grey, (width, height), format, rxing::DecodeHints::default())
}

/// As [`decode`], trying every row of the image (ZXing's "try harder"), as a scanner held
/// over a worn label tries again and again; rxing's default reads about 15 rows.
fn decode_hard(
    grey: &[u8],
    width: u32,
    height: u32,
    format: BarcodeFormat,
) -> Result<String, String> {
    let hints = rxing::DecodeHints::default().with(rxing::DecodeHintValue::TryHarder(true));
    decode_with(grey, (width, height), format, hints)
}

/// The text of the first `format` symbol rxing finds in `grey` with `hints`.
fn decode_with(
    grey: &[u8],
    (width, height): (u32, u32),
    format: BarcodeFormat,
    mut hints: rxing::DecodeHints,
) -> Result<String, String> {
    rxing::helpers::detect_in_luma_with_hints(
        grey.to_vec(),
        width,
        height,
        Some(format),
        &mut hints,
    )
    .map(|r| r.getText().to_string())
    .map_err(|e| format!("{format:?}: {e:?}"))
}

#[test]
fn every_golden_label_scans_at_203_dpi() {
    let orders = common::sample_orders();
    let mut failures = Vec::new();
    for &(stem, index) in common::GOLDEN {
        let path = common::golden_path(stem, "pdf");
        let pdf = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run the golden test first)", path.display()));
        let (grey, width, height) = rasterise(&pdf, 203.0);
        assert_eq!((width, height), (812, 1218), "4 x 6 in at 203 dpi");
        let order = &orders[index];
        let expected_code128 = order.order.number.trim().to_owned();
        let expected_qr = common::expected_payload(order);
        match decode(&grey, width, height, BarcodeFormat::CODE_128) {
            Ok(text) if text == expected_code128 => {}
            other => failures.push(format!(
                "{stem}: Code 128 gave {other:?}, expected {expected_code128:?}"
            )),
        }
        match decode(&grey, width, height, BarcodeFormat::QR_CODE) {
            Ok(text) if text == expected_qr => {}
            other => failures.push(format!(
                "{stem}: QR gave {other:?}, expected {expected_qr:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_qr_code_holds_what_the_options_ask() {
    use shiplabel::QrContent;
    // The sample with each content: the order's payload, the tracking page, nothing.
    let label = common::golden_label(0);
    let order = common::expected_payload(&common::sample_orders()[0]);
    let page = "https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB";
    for (qr, expected) in [
        (QrContent::Order, Some(order.as_str())),
        (QrContent::TrackingUrl, Some(page)),
        (QrContent::None, None),
    ] {
        let options = shiplabel::Options::default().with_qr(qr);
        let pdf = shiplabel::render_pdf(std::slice::from_ref(&label), &options).unwrap();
        let (grey, width, height) = rasterise(&pdf, 203.0);
        let got = decode_hard(&grey, width, height, BarcodeFormat::QR_CODE).ok();
        assert_eq!(got.as_deref(), expected, "{qr}");
        // The order number's bars scan whatever the QR holds.
        assert_eq!(
            decode(&grey, width, height, BarcodeFormat::CODE_128).as_deref(),
            Ok("TT-2026-000123"),
            "{qr}"
        );
    }
    // Tracking pages of other carriers, with the number in them.
    for (tracking, carrier, page) in [
        (
            "1Z 5R8 939 03 5756 7127",
            None,
            "https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z5R89390357567127",
        ),
        (
            "SF1193907051991",
            Some("SF Express"),
            "https://www.sf-express.com/cn/en/dynamic_function/waybill/#search/bill-number/SF1193907051991",
        ),
    ] {
        let mut order = common::sample_orders().swap_remove(0);
        order.order.tracking = Some(tracking.into());
        order.order.carrier = carrier.map(str::to_owned);
        let label = order.validate().unwrap();
        let options = shiplabel::Options::default().with_qr(QrContent::TrackingUrl);
        let pdf = shiplabel::render_pdf(&[label], &options).unwrap();
        let (grey, width, height) = rasterise(&pdf, 203.0);
        assert_eq!(
            decode_hard(&grey, width, height, BarcodeFormat::QR_CODE).as_deref(),
            Ok(page)
        );
    }
}

#[test]
fn the_label_also_scans_when_rendered_for_300_dpi() {
    let label = common::golden_label(0);
    let options = shiplabel::Options::default().with_dpi(shiplabel::Dpi::DPI_300);
    let pdf = shiplabel::render_pdf(&[label], &options).unwrap();
    let (grey, width, height) = rasterise(&pdf, 300.0);
    assert_eq!(
        decode(&grey, width, height, BarcodeFormat::CODE_128).as_deref(),
        Ok("TT-2026-000123")
    );
    let expected_qr = common::expected_payload(&common::sample_orders()[0]);
    assert_eq!(
        decode(&grey, width, height, BarcodeFormat::QR_CODE),
        Ok(expected_qr)
    );
}

/// The part of a page raster inside `(x, y, w, h)` points.
fn crop(
    grey: &[u8],
    width: u32,
    dpi: f32,
    (x, y, w, h): (f32, f32, f32, f32),
) -> (Vec<u8>, u32, u32) {
    let px = |v: f32| (v * dpi / 72.0).round() as u32;
    let (x0, y0, cw, ch) = (px(x), px(y), px(w), px(h));
    let mut out = Vec::with_capacity((cw * ch) as usize);
    for row in y0..y0 + ch {
        let start = (row * width + x0) as usize;
        out.extend_from_slice(&grey[start..start + cw as usize]);
    }
    (out, cw, ch)
}

/// Both symbols of the label in `grey`, checked against its order; failures are pushed.
fn check_label(
    grey: &[u8],
    (width, height): (u32, u32),
    order: &shiplabel::Label,
    what: &str,
    failures: &mut Vec<String>,
) {
    let expected_code128 = order.order.number.trim().to_owned();
    let expected_qr = common::expected_payload(order);
    match decode(grey, width, height, BarcodeFormat::CODE_128) {
        Ok(text) if text == expected_code128 => {}
        other => failures.push(format!(
            "{what}: Code 128 gave {other:?}, expected {expected_code128:?}"
        )),
    }
    match decode(grey, width, height, BarcodeFormat::QR_CODE) {
        Ok(text) if text == expected_qr => {}
        other => failures.push(format!(
            "{what}: QR gave {other:?}, expected {expected_qr:?}"
        )),
    }
}

#[test]
fn every_label_of_a_4_up_a4_sheet_scans() {
    let orders = common::sample_orders();
    let indices = [0, 1, 2, 3];
    let labels: Vec<_> = indices.iter().map(|&i| common::golden_label(i)).collect();
    let layout = shiplabel::SheetLayout::A4FourA6;
    let options = shiplabel::Options::default().with_sheet(shiplabel::Sheet::new(layout));
    let pdf = shiplabel::render_pdf(&labels, &options).unwrap();
    let (grey, width, _) = rasterise(&pdf, 203.0);
    let size = layout.label_size();
    let mut failures = Vec::new();
    for (slot, &index) in indices.iter().enumerate() {
        let (x, y) = layout.slot_origin(slot);
        let (part, w, h) = crop(
            &grey,
            width,
            203.0,
            (x.0, y.0, size.width().0, size.height().0),
        );
        check_label(
            &part,
            (w, h),
            &orders[index],
            &format!("slot {}", slot + 1),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_20_label_batch_scans_at_203_and_300_dpi() {
    // The eighteen golden samples, then two more with other order numbers.
    let mut orders = common::sample_orders();
    for (i, number) in ["BATCH-0019", "20261125000020"].into_iter().enumerate() {
        let mut order = orders[i].clone();
        order.order.number = number.into();
        orders.push(order);
    }
    assert_eq!(orders.len(), 20);
    let labels: Vec<_> = orders.iter().map(|o| o.validate().unwrap()).collect();
    let mut failures = Vec::new();
    for dpi in [shiplabel::Dpi::DPI_203, shiplabel::Dpi::DPI_300] {
        let options = shiplabel::Options::default().with_dpi(dpi);
        let pdf = shiplabel::render_pdf(&labels, &options).unwrap();
        for (page, order) in orders.iter().enumerate() {
            let (grey, width, height) = rasterise_page(&pdf, page, dpi.get() as f32);
            check_label(
                &grey,
                (width, height),
                order,
                &format!("{dpi} page {}", page + 1),
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A raster as the shared degradation helpers take it.
fn grey_of(grey: Vec<u8>, width: u32, height: u32) -> common::raster::Grey {
    common::raster::Grey {
        width: width as usize,
        height: height as usize,
        pixels: grey,
    }
}

#[test]
fn every_golden_label_scans_after_dot_gain_blur_and_distance() {
    // Each golden label's 1-bit raster at 203 dpi, degraded as thermal printing and
    // scanning degrade it, must still give both codes to rxing: the QR from the whole page,
    // the Code 128 from its zone (the bars and a little around them, as a scanner aimed at
    // it sees them; rxing's row sampler misses it on the whole blurred page, where zbar and
    // ZXing-C++ read it). Labels whose order number is too long for 4-dot bars (their
    // Code 128 falls towards the 0.33 mm floor) must survive the clean print and dot gain;
    // README's *How well the codes scan* gives their other rates. rxing's Code 128 reader
    // does not read 1-px dot gain (4-dot bars printed 6 dots wide, spaces 2), which zbar
    // (`tests/print_dots.rs`, in CI) and ZXing-C++ read: there only rxing's QR counts.
    let orders = common::sample_orders();
    let mut failures = Vec::new();
    for &(stem, index) in common::GOLDEN {
        let pdf = std::fs::read(common::golden_path(stem, "pdf")).unwrap();
        let dump = std::fs::read_to_string(common::golden_path(stem, "txt")).unwrap();
        let bars = &common::raster::parse_dump(&dump)[0].bars;
        let (grey, width, height) = rasterise(&pdf, 203.0);
        let page = grey_of(grey, width, height);
        // The order zone: the bars' rows and 30 dots above and below, across the page.
        let top = common::raster::dots(bars.y, 203) - 30;
        let rows = common::raster::dots(bars.height, 203) + 60;
        let order = &orders[index];
        for (what, image) in common::raster::degradations(&page) {
            if bars.module < 4 && !matches!(what, "clean" | "dot gain 1 px") {
                continue;
            }
            let rxing_reads_it = what != "dot gain 1 px";
            let what = format!("{stem} ({}-dot bars), {what}", bars.module);
            let zone = image.crop(0, top, image.width, rows);
            let want = order.order.number.trim().to_owned();
            match decode_hard(
                &zone.pixels,
                zone.width as u32,
                zone.height as u32,
                BarcodeFormat::CODE_128,
            ) {
                Ok(text) if text == want => {}
                Err(_) if !rxing_reads_it => {}
                other => failures.push(format!("{what}: Code 128 gave {other:?}")),
            }
            let want = common::expected_payload(order);
            match decode_hard(
                &image.pixels,
                image.width as u32,
                image.height as u32,
                BarcodeFormat::QR_CODE,
            ) {
                Ok(text) if text == want => {}
                other => failures.push(format!("{what}: QR gave {other:?}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
