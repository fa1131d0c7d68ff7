//! ZPL II output, drawn back by independent renderers.
//!
//! labelize (ZPL to a 1-bit PNG, as Labelary draws) in `cargo test`: for every golden label
//! at 203 and 300 dpi, with the Code 128 native (`^BC`) and as a graphic field, both codes
//! decode (rxing); the Code 128 the renderer builds from our `^BC` and the QR graphic field
//! are exactly the layout's bars and modules, dot for dot; every text line's graphic field
//! lands within one dot of where our own PNG draws it. zpl-renderer-js (Zebrash) in CI, below.
//! The golden `.zpl` files themselves are checked byte for byte by `tests/golden.rs`.

#![cfg(feature = "zpl")]

mod common;

use rxing::BarcodeFormat;
use shiplabel::{
    Dpi, LabelLayout, Options, Raster, ZplBars, layout, render_png, render_zpl, render_zpl_with,
};

use common::raster::{Grey, decode_hard, off_nominal, parse_dump, png_pixels, text_ink_apart};

/// `zpl` drawn by labelize at the layout's resolution, on a canvas of the layout's dots.
fn labelize(zpl: &[u8], laid_out: &LabelLayout) -> Grey {
    // labelize counts whole dots per millimetre: 8 at 203 dpi, 12 at 300; the canvas is
    // given in millimetres of those dots so that it is exactly the label's dots.
    let dpmm = dpmm(laid_out.dpi());
    let options = labelize::RenderOptions {
        width_mm: Some(f64::from(laid_out.width_dots().0) / f64::from(dpmm)),
        height_mm: Some(f64::from(laid_out.height_dots().0) / f64::from(dpmm)),
        dpmm,
        ..Default::default()
    };
    let png = labelize::render_png(zpl, options).expect("labelize renders our ZPL");
    png_pixels(&png.bytes).expect("labelize writes a PNG")
}

/// Whole dots per millimetre of the printers at `dpi`.
fn dpmm(dpi: Dpi) -> i32 {
    match dpi.get() {
        203 => 8,
        300 => 12,
        other => panic!("no dpmm for {other} dpi"),
    }
}

/// Every text line of `laid_out` whose ink in `drawn` (the ZPL's image) is not within one
/// dot of its ink in our own 1-bit PNG.
fn misplaced_text(what: &str, laid_out: &LabelLayout, drawn: &Grey) -> Vec<String> {
    let ours = png_pixels(&render_png(laid_out, Raster::Print).unwrap()).unwrap();
    text_ink_apart(what, laid_out, &ours, drawn, 3)
}

/// Every golden label at 203 and 300 dpi with each way of drawing the bars.
fn cases() -> Vec<(String, usize, Options, ZplBars)> {
    let mut cases = Vec::new();
    for dpi in [Dpi::DPI_203, Dpi::DPI_300] {
        for &(stem, index) in common::GOLDEN {
            for bars in [ZplBars::Native, ZplBars::Graphic] {
                let what = format!("{stem} at {dpi}, bars {bars:?}");
                cases.push((what, index, Options::default().with_dpi(dpi), bars));
            }
        }
    }
    cases
}

#[test]
fn every_golden_label_in_zpl_scans_prints_exact_codes_and_places_its_text() {
    let orders = common::sample_orders();
    let mut failures = Vec::new();
    for (what, index, options, bars) in cases() {
        let laid_out = layout(&common::golden_label(index), &options).unwrap();
        let zpl = render_zpl_with(&laid_out, bars).unwrap();
        let drawn = labelize(&zpl, &laid_out);
        assert_eq!(
            (drawn.width, drawn.height),
            (
                laid_out.width_dots().0 as usize,
                laid_out.height_dots().0 as usize
            ),
            "{what}"
        );
        // Both codes read back.
        let order = &orders[index];
        let number = order.order.number.trim().to_owned();
        match decode_hard(&drawn, BarcodeFormat::CODE_128) {
            Ok(text) if text == number => {}
            other => failures.push(format!("{what}: Code 128 gave {other:?}")),
        }
        let payload = common::expected_payload(order);
        match decode_hard(&drawn, BarcodeFormat::QR_CODE) {
            Ok(text) if text == payload => {}
            other => failures.push(format!("{what}: QR gave {other:?}")),
        }
        // The printer's own Code 128 from our ^BC (or our bars' graphic field) is our
        // symbol, and the QR field our matrix: every dot of both, quiet zones included.
        let dumped = &parse_dump(&laid_out.to_string())[0];
        for problem in off_nominal(&drawn, dumped, (0.0, 0.0)) {
            failures.push(format!("{what}: {problem}"));
        }
        failures.extend(misplaced_text(&what, &laid_out, &drawn));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_run_in_zpl_is_one_format_per_label_and_refuses_sheets() {
    use shiplabel::{Label, Printer, Sheet, SheetLayout, ZplOutput};
    let mut printer = Printer::to(ZplOutput::new(Vec::new()), &Options::default());
    printer
        .write_labels([Label::sample(), Label::sample(), Label::sample()])
        .unwrap();
    let zpl = String::from_utf8(printer.finish().unwrap().output).unwrap();
    assert_eq!(zpl.matches("^XA\n").count(), 3);
    assert_eq!(zpl.matches("^XZ\n").count(), 3);
    // Each format alone is the label's ZPL.
    let sample = layout(&Label::sample().validate().unwrap(), &Options::default()).unwrap();
    assert_eq!(zpl.as_bytes(), render_zpl(&sample).unwrap().repeat(3));
    // With the bars as a graphic field, there is no ^BC.
    let mut printer = Printer::to(
        ZplOutput::new(Vec::new()).with_bars(ZplBars::Graphic),
        &Options::default(),
    );
    printer.write_label(Label::sample()).unwrap();
    let zpl = printer.finish().unwrap().output;
    assert_eq!(zpl, render_zpl_with(&sample, ZplBars::Graphic).unwrap());
    assert!(!String::from_utf8(zpl).unwrap().contains("^BC"));

    let options = Options::default().with_sheet(Sheet::new(SheetLayout::A4FourA6));
    let mut printer = Printer::to(ZplOutput::new(Vec::new()), &options);
    let err = printer.write_labels([Label::sample()]).unwrap_err();
    assert!(err.to_string().starts_with("zpl: "), "{err}");
}

/// The second renderer: zpl-renderer-js (Zebrash, a Go ZPL renderer compiled to
/// WebAssembly), run by `tools/zpl-render/render.cjs` under Node. For every golden label at
/// 203 and 300 dpi with the bars as a graphic field (`ZplBars::Graphic`; everything else is
/// the same ZPL as with native bars), zbar and rxing read both codes from its image and
/// every text line's graphic field lands within one dot of where our own PNG draws it.
/// (Zebrash draws a `^BC` that switches code sets part way as another, wider symbol, which
/// no decoder reads as the order number; labelize, like Labelary and the printers, draws
/// ours dot for dot: above.)
/// Needs Node, the package (`npm ci` in `tools/zpl-render`) and zbar: `.ci/run` installs
/// them and runs it.
#[test]
#[ignore = "needs node, tools/zpl-render/node_modules and zbarimg; .ci/run runs it"]
fn a_second_renderer_reads_every_golden_label_in_zpl() {
    use common::tools::{run, zbar};
    let dir = std::env::temp_dir().join(format!("shiplabel-zpl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/zpl-render/render.cjs");
    let orders = common::sample_orders();
    let mut failures = Vec::new();
    let cases = cases()
        .into_iter()
        .filter(|(.., bars)| *bars == ZplBars::Graphic);
    for (n, (what, index, options, bars)) in cases.enumerate() {
        let laid_out = layout(&common::golden_label(index), &options).unwrap();
        let zpl_path = dir.join(format!("{n}.zpl"));
        let png_path = zpl_path.with_extension("png");
        std::fs::write(&zpl_path, render_zpl_with(&laid_out, bars).unwrap()).unwrap();
        let dpmm = f64::from(dpmm(laid_out.dpi()));
        let (w, h) = (
            f64::from(laid_out.width_dots().0) / dpmm,
            f64::from(laid_out.height_dots().0) / dpmm,
        );
        run(
            "node",
            &[
                script.to_str().unwrap(),
                zpl_path.to_str().unwrap(),
                png_path.to_str().unwrap(),
                &w.to_string(),
                &h.to_string(),
                &dpmm.to_string(),
            ],
        )
        .unwrap();
        let drawn = common::raster::read_png(&png_path).unwrap();
        let order = &orders[index];
        let number = order.order.number.trim().to_owned();
        let payload = common::expected_payload(order);
        let codes = [
            (BarcodeFormat::QR_CODE, "qrcode", &payload),
            (BarcodeFormat::CODE_128, "code128", &number),
        ];
        for (format, symbology, expected) in codes {
            match decode_hard(&drawn, format) {
                Ok(text) if &text == expected => {}
                other => failures.push(format!("{what}: rxing {symbology} gave {other:?}")),
            }
            match zbar(&png_path, symbology) {
                Ok(text) if &text == expected => {}
                other => failures.push(format!("{what}: zbar {symbology} gave {other:?}")),
            }
        }
        failures.extend(misplaced_text(&what, &laid_out, &drawn));
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
