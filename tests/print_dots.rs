//! Exact dots under the rasterizers that print paths use: every golden document is
//! rasterized at its printer's resolution in black and white by poppler (`pdftoppm -mono`),
//! Ghostscript (`pbmraw`, no anti-aliasing), MuPDF (`mutool draw`, no anti-aliasing) and
//! cairo (`pdftocairo`, no anti-aliasing), and every pixel of each Code 128 and QR symbol,
//! quiet zones included, must be exactly what the layout dump says: each bar, space and
//! module its nominal whole number of dots, nothing wider, nothing narrower. A document of
//! many labels, whose pages paint their sender blocks from forms the document holds once,
//! must print and read every page exactly as its label alone.
//!
//! Ignored in a plain `cargo test`; `.ci/run` installs the tools and runs it.

mod common;

use std::path::{Path, PathBuf};

use shiplabel::{Dpi, Options};

use common::raster::{Grey, off_nominal, parse_dump, read_pnm};
use common::tools::{run, zbar};

/// The rasterizers: name, and a function that renders page `page` (from 1) of `pdf` at
/// `dpi` to a PNM file under `out` (its stem), returning the file.
type Rasterize = fn(&Path, usize, u32, &Path) -> Result<PathBuf, String>;

const RASTERIZERS: [(&str, Rasterize); 4] = [
    ("poppler pdftoppm -mono", |pdf, page, dpi, out| {
        let (p, r) = (page.to_string(), dpi.to_string());
        let args = ["-mono", "-r", &r, "-f", &p, "-l", &p, "-singlefile"];
        let (pdf, stem) = (pdf.to_str().unwrap(), out.to_str().unwrap());
        run("pdftoppm", &[&args[..], &[pdf, stem]].concat())?;
        Ok(out.with_extension("pbm"))
    }),
    ("ghostscript pbmraw", |pdf, page, dpi, out| {
        let file = out.with_extension("pbm");
        let args = [
            "-q".to_owned(),
            "-dSAFER".into(),
            "-dBATCH".into(),
            "-dNOPAUSE".into(),
            "-sDEVICE=pbmraw".into(),
            format!("-r{dpi}"),
            "-dGraphicsAlphaBits=1".into(),
            "-dTextAlphaBits=1".into(),
            format!("-dFirstPage={page}"),
            format!("-dLastPage={page}"),
            format!("-sOutputFile={}", file.display()),
            pdf.display().to_string(),
        ];
        run("gs", &args.iter().map(String::as_str).collect::<Vec<_>>())?;
        Ok(file)
    }),
    ("mupdf mutool draw -A 0", |pdf, page, dpi, out| {
        let file = out.with_extension("pgm");
        let (p, r) = (page.to_string(), dpi.to_string());
        let (pdf, f) = (pdf.to_str().unwrap(), file.to_str().unwrap());
        run(
            "mutool",
            &[
                "draw", "-q", "-A", "0", "-c", "gray", "-r", &r, "-o", f, pdf, &p,
            ],
        )?;
        Ok(file)
    }),
    ("cairo pdftocairo -mono", |pdf, page, dpi, out| {
        let (p, r) = (page.to_string(), dpi.to_string());
        let (pdf, stem) = (pdf.to_str().unwrap(), out.to_str().unwrap());
        let args = ["-png", "-mono", "-r", &r, "-f", &p, "-l", &p, "-singlefile"];
        run("pdftocairo", &[&args[..], &[pdf, stem]].concat())?;
        Ok(out.with_extension("png"))
    }),
];

/// Reads what a rasterizer wrote: PNM, or PNG (cairo).
fn read(path: &Path) -> Result<Grey, String> {
    if path.extension().is_some_and(|e| e == "png") {
        common::raster::read_png(path)
    } else {
        read_pnm(path)
    }
}

/// A document to check: its name, its PDF, its layout dump, its resolution, whether its
/// pages are a whole number of dots tall, and for each label in the dump's order, its page
/// (from 1) and its top-left corner on that page in points.
struct Document {
    name: String,
    pdf: PathBuf,
    dump: String,
    dpi: u32,
    whole_dots: bool,
    places: Vec<(usize, (f32, f32))>,
}

/// Where each of `count` labels goes with `options`: page and top-left corner.
fn places(options: &Options, count: usize) -> Vec<(usize, (f32, f32))> {
    (0..count)
        .map(|k| match options.sheet() {
            None => (k + 1, (0.0, 0.0)),
            Some(sheet) => {
                let at = sheet.start() - 1 + k;
                let layout = sheet.layout();
                let (x, y) = layout.slot_origin(at % layout.slots());
                (at / layout.slots() + 1, (x.0, y.0))
            }
        })
        .collect()
}

/// Whether pages printed with `options` are a whole number of dots tall.
fn whole_dots(options: &Options) -> bool {
    let height = match options.sheet() {
        Some(sheet) => sheet.layout().page().1,
        None => options.label_size().height(),
    };
    let dots = height.0 * options.dpi().get() as f32 / 72.0;
    (dots - dots.round()).abs() < 1e-3
}

/// Every golden document, and the metric sizes and the A4 sheet at 300 dpi and a 4 x 6 in
/// label at 600 dpi, rendered into `dir`.
fn documents(dir: &Path) -> Vec<Document> {
    let mut out: Vec<Document> = common::GOLDEN
        .iter()
        .map(|&(stem, _)| (stem, Options::default(), 1))
        .chain(
            common::golden_layouts()
                .into_iter()
                .map(|(stem, options, labels)| (stem, options, labels.len())),
        )
        .map(|(stem, options, count)| Document {
            name: stem.to_owned(),
            pdf: common::golden_path(stem, "pdf"),
            dump: std::fs::read_to_string(common::golden_path(stem, "txt")).unwrap(),
            dpi: options.dpi().get(),
            whole_dots: whole_dots(&options),
            places: places(&options, count),
        })
        .collect();
    // The metric sizes and the A4 sheet again at 300 dpi: their heights in dots have other
    // fractions there.
    for (stem, options, indices) in common::golden_layouts() {
        if ["size-a6", "size-100x150", "sheet-a4-from-2-cut-marks"].contains(&stem) {
            let name = format!("{stem}-300dpi");
            out.push(rendered(
                dir,
                &name,
                options.with_dpi(Dpi::DPI_300),
                &indices,
            ));
        }
    }
    let options = Options::default().with_dpi(Dpi::new(600).expect("600 dpi"));
    out.push(rendered(dir, "4x6-600dpi", options, &[0]));
    out
}

/// The sample labels `indices` rendered with `options` into `dir`, with their dump.
fn rendered(dir: &Path, name: &str, options: Options, indices: &[usize]) -> Document {
    let labels: Vec<_> = indices.iter().map(|&i| common::golden_label(i)).collect();
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&pdf, shiplabel::render_pdf(&labels, &options).unwrap()).unwrap();
    let dump = labels
        .iter()
        .map(|l| shiplabel::layout(l, &options).unwrap().to_string())
        .collect();
    Document {
        name: name.to_owned(),
        pdf,
        dump,
        dpi: options.dpi().get(),
        whole_dots: whole_dots(&options),
        places: places(&options, labels.len()),
    }
}

#[test]
#[ignore = "needs poppler-utils, ghostscript and mupdf-tools; .ci/run installs them and runs it"]
fn every_bar_space_and_module_prints_at_its_nominal_width() {
    let dir = std::env::temp_dir().join(format!("shiplabel-dots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for document in documents(&dir) {
        let Document {
            name: stem,
            pdf,
            dump,
            dpi,
            whole_dots,
            places,
        } = document;
        let labels = parse_dump(&dump);
        assert_eq!(labels.len(), places.len(), "{stem}: labels in the dump");
        let mut pages: Vec<usize> = places.iter().map(|p| p.0).collect();
        pages.dedup();
        for (name, rasterize) in RASTERIZERS {
            // pdftocairo fits a page that is not a whole number of dots tall (A6, 100 × 150 mm,
            // A4 at 203 dpi) to whole pixels by scaling it a little: rows drift by a fraction
            // of a dot down the page, and some edge rows come out a dot off. Such pages are
            // checked with the other three.
            if name.starts_with("cairo") && !whole_dots {
                continue;
            }
            for &page in &pages {
                let out = dir.join(format!("{stem}-{page}"));
                let raster = match rasterize(&pdf, page, dpi, &out).and_then(|f| read(&f)) {
                    Ok(raster) => raster,
                    Err(e) => {
                        failures.push(format!("{stem} page {page}, {name}: {e}"));
                        continue;
                    }
                };
                for (label, &(_, origin)) in labels.iter().zip(&places).filter(|(_, p)| p.0 == page)
                {
                    assert_eq!(label.dpi, dpi, "{stem}");
                    for problem in off_nominal(&raster, label, origin) {
                        failures.push(format!("{stem} page {page}, {name}: {problem}"));
                    }
                    checked += 1;
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The golden ones: 18 labels on their own, 4 in other sizes or resolutions, 8 on sheets;
    // at 300 dpi an A6 label, a 100 x 150 mm label and 5 on A4 sheets; one at 600 dpi. By 4
    // rasterizers, but cairo not on the A6 and 100 x 150 mm labels nor on A4 sheets.
    assert_eq!(checked, 38 * 4 - 14);
}

#[test]
#[ignore = "needs poppler-utils and zbar-tools; .ci/run installs them and runs it"]
fn zbar_reads_every_golden_label_after_dot_gain_blur_and_distance() {
    // As `scan.rs` does with rxing, with poppler's 1-bit raster and zbar: labels with bars
    // of 4 dots or more survive every degradation; those whose order number is too long
    // for 4-dot bars, the clean print and dot gain.
    let orders = common::sample_orders();
    let dir = std::env::temp_dir().join(format!("shiplabel-zbar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for &(stem, index) in common::GOLDEN {
        let pdf = common::golden_path(stem, "pdf");
        let dump = std::fs::read_to_string(common::golden_path(stem, "txt")).unwrap();
        let module = parse_dump(&dump)[0].bars.module;
        let (_, rasterize) = RASTERIZERS[0];
        let page = rasterize(&pdf, 1, 203, &dir.join(stem))
            .and_then(|f| read(&f))
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let order = &orders[index];
        let expected = [
            ("code128", order.order.number.trim().to_owned()),
            ("qrcode", common::expected_payload(order)),
        ];
        for (what, image) in common::raster::degradations(&page) {
            if module < 4 && !matches!(what, "clean" | "dot gain 1 px") {
                continue;
            }
            let file = dir.join(format!("{stem}-degraded.pgm"));
            std::fs::write(&file, image.to_pgm()).unwrap();
            for (symbology, want) in &expected {
                match zbar(&file, symbology) {
                    Ok(got) if &got == want => {}
                    other => failures.push(format!(
                        "{stem} ({module}-dot bars), {what}: zbar {symbology} gave {other:?}"
                    )),
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A document's pages print as its labels alone: a seller's labels after its first paint the
/// sender block the document writes once (a form XObject) instead of drawing it, and each
/// rasterizer must print every page dot for dot as the label's own one-page PDF. The golden
/// labels (every script, several sellers) twice over, so that blocks repeat; the document's
/// text (`pdftotext`) must also be theirs.
#[test]
#[ignore = "needs poppler-utils, ghostscript and mupdf-tools; .ci/run installs them and runs it"]
fn a_documents_pages_print_as_its_labels_alone() {
    let dir = std::env::temp_dir().join(format!("shiplabel-blocks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let options = Options::default();
    let dpi = options.dpi().get();
    let labels: Vec<_> = common::GOLDEN
        .iter()
        .chain(common::GOLDEN)
        .map(|&(_, i)| common::golden_label(i))
        .collect();
    let document = dir.join("document.pdf");
    let pdf = shiplabel::render_pdf(&labels, &options).unwrap();
    assert!(
        pdf.windows(5).any(|w| w == b"/Form"),
        "the document has forms"
    );
    std::fs::write(&document, pdf).unwrap();
    let mut failures = Vec::new();
    let text = |pdf: &Path| run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut texts_alone = String::new();
    for (page, label) in (1..).zip(&labels) {
        let alone = dir.join(format!("alone-{page}.pdf"));
        std::fs::write(
            &alone,
            shiplabel::render_pdf(std::slice::from_ref(label), &options).unwrap(),
        )
        .unwrap();
        texts_alone.push_str(&text(&alone).unwrap());
        for (name, rasterize) in RASTERIZERS {
            let tag = name.split(' ').next().unwrap_or(name);
            let images = (
                rasterize(&document, page, dpi, &dir.join(format!("doc-{tag}-{page}"))),
                rasterize(&alone, 1, dpi, &dir.join(format!("alone-{tag}-{page}"))),
            );
            match images {
                (Ok(a), Ok(b)) => match (read(&a), read(&b)) {
                    (Ok(a), Ok(b)) if a == b => {}
                    (Ok(_), Ok(_)) => failures.push(format!("page {page}: {name} differs")),
                    (a, b) => failures.push(format!("page {page}: {name}: {:?}", a.and(b))),
                },
                (a, b) => failures.push(format!("page {page}: {name}: {:?}", a.and(b))),
            }
        }
    }
    // And its text reads back as theirs, page by page.
    if text(&document).unwrap() != texts_alone {
        failures.push("pdftotext reads the document otherwise than its labels alone".into());
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
