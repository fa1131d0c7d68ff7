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
    Dpi, LabelLayout, Options, Raster, ZplBars, ZplOptions, ZplText, layout, render_png,
    render_zpl, render_zpl_with,
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
        let zpl = render_zpl_with(&laid_out, ZplOptions::default().with_bars(bars)).unwrap();
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

/// Labels whose every character is in font 0's repertoire (de-berlin's recipient has a
/// Polish `Ł`: that line stays a graphic field).
const LATIN: &[&str] = &[
    "gb-london",
    "us-mountain-view",
    "fr-paris",
    "br-sao-paulo",
    "mx-mexico-city",
    "de-long-names",
];

/// The lines of `laid_out` that `zpl` (its ZPL) prints in font 0, each with its field, and
/// how many non-blank lines the label has. Fields come one per element, in the layout's
/// order, after the five header lines; a blank line has none.
fn font0_fields<'a>(
    laid_out: &'a LabelLayout,
    zpl: &'a str,
) -> (Vec<(&'a shiplabel::TextLine, &'a str)>, usize) {
    let mut fields = Vec::new();
    let mut lines = 0;
    let mut zpl_lines = zpl.lines().skip(5);
    for element in laid_out.elements() {
        let line = match element {
            shiplabel::Element::Text(line) if line.text().trim().is_empty() => continue,
            shiplabel::Element::Text(line) => line,
            _ => {
                zpl_lines.next();
                continue;
            }
        };
        lines += 1;
        let field = zpl_lines.next().expect("a field for every line");
        if field.contains("^A0N,") {
            assert!(
                field.ends_with(&format!("^FD{}^FS", line.text())),
                "{field}"
            );
            fields.push((line, field));
        }
    }
    (fields, lines)
}

/// Every font-0 line of `laid_out` whose ink, drawn by `draw` (ZPL to an image of the
/// label's dots), is missing or leaves the line's own band: its advance width, and from the
/// top of its line space to the bottom of its leading (the layout's 1.2 em pitch, baseline
/// at 0.93 em), a dot of slack at the sides. The lines are drawn alternately in two images
/// so that no line's ink meets a neighbour's.
fn font0_out_of_band(
    what: &str,
    laid_out: &LabelLayout,
    fields: &[(&shiplabel::TextLine, &str)],
    mut draw: impl FnMut(&[u8]) -> Grey,
) -> Vec<String> {
    let k = laid_out.dpi().get() as f32 / 72.0;
    let head = format!(
        "^XA\n^PW{}\n^LL{}\n^LH0,0\n^CI28\n",
        laid_out.width_dots().0,
        laid_out.height_dots().0
    );
    let mut failures = Vec::new();
    for parity in 0..2 {
        let mut alone = head.clone();
        for (_, field) in fields.iter().skip(parity).step_by(2) {
            alone.push_str(field);
            alone.push('\n');
        }
        alone.push_str("^XZ\n");
        let drawn = draw(alone.as_bytes());
        for (line, _) in fields.iter().skip(parity).step_by(2) {
            let size = line.size().0;
            let band = (
                (line.x().0 * k).floor() as usize - 1,
                ((line.baseline().0 - 0.93 * size) * k).floor() as usize,
                ((line.x().0 + line.width().0) * k).ceil() as usize + 1,
                ((line.baseline().0 + 0.27 * size) * k).ceil() as usize,
            );
            let around = (band.0 - 12, band.1 - 12, band.2 + 12, band.3 + 12);
            let inside = common::raster::ink_box(&drawn, band);
            let all = common::raster::ink_box(&drawn, around);
            if inside.is_none() || inside != all {
                failures.push(format!(
                    "{what}: {:?} in font 0: ink {all:?} outside its band {band:?}",
                    line.text()
                ));
            }
        }
    }
    failures
}

/// With `ZplText::ResidentFont`, every golden label at 203 and 300 dpi: both codes still
/// decode and are exactly our dots; each line printed in the printer's font 0 (as labelize
/// draws it, with Labelary's font-0 metrics) has ink, all of it inside its own line's band,
/// so it never runs into a neighbour. The Latin labels print every line in font 0, the
/// others at least their Latin lines (the captions, the order number).
#[test]
fn resident_font_lines_stay_inside_their_lines() {
    let orders = common::sample_orders();
    let mut failures = Vec::new();
    for dpi in [Dpi::DPI_203, Dpi::DPI_300] {
        for &(stem, index) in common::GOLDEN {
            let what = format!("{stem} at {dpi}, resident font");
            let laid_out = layout(
                &common::golden_label(index),
                &Options::default().with_dpi(dpi),
            )
            .unwrap();
            let options = ZplOptions::default().with_text(ZplText::ResidentFont);
            let zpl = render_zpl_with(&laid_out, options).unwrap();
            let drawn = labelize(&zpl, &laid_out);
            let order = &orders[index];
            match decode_hard(&drawn, BarcodeFormat::CODE_128) {
                Ok(read) if read == order.order.number.trim() => {}
                other => failures.push(format!("{what}: Code 128 gave {other:?}")),
            }
            match decode_hard(&drawn, BarcodeFormat::QR_CODE) {
                Ok(read) if read == common::expected_payload(order) => {}
                other => failures.push(format!("{what}: QR gave {other:?}")),
            }
            let dumped = &parse_dump(&laid_out.to_string())[0];
            for problem in off_nominal(&drawn, dumped, (0.0, 0.0)) {
                failures.push(format!("{what}: {problem}"));
            }
            let text = String::from_utf8(zpl).unwrap();
            let (fields, lines) = font0_fields(&laid_out, &text);
            failures.extend(font0_out_of_band(&what, &laid_out, &fields, |zpl| {
                labelize(zpl, &laid_out)
            }));
            let in_font = fields.len();
            if in_font == 0 || (LATIN.contains(&stem) && in_font != lines) {
                failures.push(format!("{what}: {in_font} of {lines} lines in font 0"));
            }
        }
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
    assert_eq!(
        zpl,
        render_zpl_with(&sample, ZplOptions::default().with_bars(ZplBars::Graphic)).unwrap()
    );
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
/// At 203 dpi also with `ZplText::ResidentFont`: both codes read and every font-0 line
/// stays inside its own line's band, in Zebrash's font 0 as in labelize's. (Zebrash draws
/// a `^BC` that switches code sets part way as another, wider symbol, which no decoder
/// reads as the order number; labelize, like Labelary and the printers, draws ours dot for
/// dot: above.)
/// Needs Node, the package (`npm ci` in `tools/zpl-render`) and zbar: `.ci/run` installs
/// them and runs it.
#[test]
#[ignore = "needs node, tools/zpl-render/node_modules and zbarimg; .ci/run runs it"]
fn a_second_renderer_reads_every_golden_label_in_zpl() {
    use common::tools::zbar;
    let dir = std::env::temp_dir().join(format!("shiplabel-zpl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let drawings = std::sync::atomic::AtomicUsize::new(0);
    // `zpl` drawn by Zebrash on a canvas of the label's dots; the image and its file.
    let zebrash = |renderer: &mut Zebrash, zpl: &[u8], laid_out: &LabelLayout| {
        let drawing = drawings.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let zpl_path = dir.join(format!("{drawing}.zpl"));
        let png_path = zpl_path.with_extension("png");
        std::fs::write(&zpl_path, zpl).unwrap();
        let dpmm = f64::from(dpmm(laid_out.dpi()));
        let (w, h) = (
            f64::from(laid_out.width_dots().0) / dpmm,
            f64::from(laid_out.height_dots().0) / dpmm,
        );
        renderer.draw(&zpl_path, &png_path, w, h, dpmm);
        (common::raster::read_png(&png_path).unwrap(), png_path)
    };
    let orders = common::sample_orders();
    let cases: Vec<_> = cases()
        .into_iter()
        .filter(|(.., bars)| *bars == ZplBars::Graphic)
        .collect();
    // Each case's problems (a Node process draws one label at a time; two run at once, one
    // a core).
    let check = |renderer: &mut Zebrash,
                 (what, index, options, bars): &(String, usize, Options, ZplBars)| {
        let (index, bars) = (*index, *bars);
        let mut failures = Vec::new();
        let laid_out = layout(&common::golden_label(index), options).unwrap();
        let order = &orders[index];
        let number = order.order.number.trim().to_owned();
        let payload = common::expected_payload(order);
        // Text as graphic fields, then (at 203 dpi, the common printer; labelize checks
        // both resolutions) the Latin lines in the printer's font 0.
        let texts: &[ZplText] = if laid_out.dpi() == Dpi::DPI_203 {
            &[ZplText::Graphic, ZplText::ResidentFont]
        } else {
            &[ZplText::Graphic]
        };
        for &text in texts {
            let what = format!("{what}, text {text:?}");
            let zpl_options = ZplOptions::default().with_bars(bars).with_text(text);
            let zpl = render_zpl_with(&laid_out, zpl_options).unwrap();
            let (drawn, png_path) = zebrash(renderer, &zpl, &laid_out);
            let codes = [
                (BarcodeFormat::QR_CODE, "qrcode", &payload),
                (BarcodeFormat::CODE_128, "code128", &number),
            ];
            for (format, symbology, expected) in codes {
                match decode_hard(&drawn, format) {
                    Ok(read) if &read == expected => {}
                    other => failures.push(format!("{what}: rxing {symbology} gave {other:?}")),
                }
                match zbar(&png_path, symbology) {
                    Ok(read) if &read == expected => {}
                    other => failures.push(format!("{what}: zbar {symbology} gave {other:?}")),
                }
            }
            match text {
                ZplText::ResidentFont => {
                    let zpl = String::from_utf8(zpl).unwrap();
                    let (fields, _) = font0_fields(&laid_out, &zpl);
                    failures.extend(font0_out_of_band(&what, &laid_out, &fields, |zpl| {
                        zebrash(renderer, zpl, &laid_out).0
                    }));
                }
                _ => failures.extend(misplaced_text(&what, &laid_out, &drawn)),
            }
        }
        failures
    };
    let failures: Vec<String> = std::thread::scope(|scope| {
        let (first, second) = cases.split_at(cases.len() / 2);
        let workers = [first, second].map(|half| {
            scope.spawn(|| {
                let mut renderer = Zebrash::start();
                half.iter()
                    .flat_map(|case| check(&mut renderer, case))
                    .collect::<Vec<_>>()
            })
        });
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    });
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One Node process running `tools/zpl-render/render.cjs`, which loads Zebrash's WebAssembly
/// once and then draws a job a line (half a second of start-up saved on each of the ~100
/// drawings). Its answers are read on a thread of their own, so a drawing that never
/// answers fails the test after a minute instead of hanging it; the process is killed when
/// dropped.
struct Zebrash {
    child: std::process::Child,
    answers: std::sync::mpsc::Receiver<std::io::Result<String>>,
}

impl Zebrash {
    /// How long one drawing may take (a few hundred milliseconds is usual).
    const PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

    fn start() -> Zebrash {
        use std::io::BufRead;
        use std::process::{Command, Stdio};
        let script =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/zpl-render/render.cjs");
        let mut child = Command::new("node")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node runs (is it installed?)");
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let (send, answers) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines() {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Zebrash { child, answers }
    }

    /// Draws the ZPL in `zpl` to the PNG `png`, `width` x `height` mm at `dpmm` dots a mm.
    fn draw(
        &mut self,
        zpl: &std::path::Path,
        png: &std::path::Path,
        width: f64,
        height: f64,
        dpmm: f64,
    ) {
        use std::io::Write;
        let (zpl_path, png_path) = (zpl.to_str().unwrap(), png.to_str().unwrap());
        // A job is a line of tab-separated fields.
        for path in [zpl_path, png_path] {
            assert!(
                !path.contains(['\t', '\n', '\r']),
                "a path with a tab or a line break: {path:?}"
            );
        }
        let job = format!("{zpl_path}\t{png_path}\t{width}\t{height}\t{dpmm}\n");
        let input = self.child.stdin.as_mut().unwrap();
        input.write_all(job.as_bytes()).unwrap();
        input.flush().unwrap();
        match self.answers.recv_timeout(Self::PATIENCE) {
            Ok(Ok(answer)) if answer == "ok" => {}
            Ok(Ok(answer)) => panic!("zpl-renderer-js on {zpl_path}: {answer}"),
            Ok(Err(e)) => panic!("reading zpl-renderer-js's answer on {zpl_path}: {e}"),
            Err(e) => {
                let status = self.child.try_wait();
                panic!("no answer from zpl-renderer-js on {zpl_path} ({e}; node: {status:?})")
            }
        }
    }
}

impl Drop for Zebrash {
    fn drop(&mut self) {
        // Input closed, it finishes and exits; if it does not, or the test is failing
        // already, it is killed.
        drop(self.child.stdin.take());
        let deadline = std::time::Instant::now() + Self::PATIENCE;
        while !std::thread::panicking() && std::time::Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
