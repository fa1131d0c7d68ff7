//! printpdf output (`draw_on_printpdf`, feature `printpdf`): a label drawn onto a page of an
//! app's own printpdf document prints as our own PDF of it does, dot for dot; its fonts are
//! embedded, subset, with character maps; its codes scan; and the `packing_slip` example
//! writes the same bytes every run.
//!
//! Needs the `printpdf` feature (not a default): `cargo test --all-features` builds the
//! examples first; `cargo test --features printpdf --test printpdf` alone does not, so run
//! `cargo build --features printpdf --examples` before it. The tests marked ignored need poppler,
//! Ghostscript, MuPDF, zbar and qpdf; `.ci/run` installs them and runs them.

mod common;

use printpdf::{CurTransMat, Op, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect};
use rxing::BarcodeFormat;
use shiplabel::{Dpi, Element, LabelLayout, Options, RenderError};
use std::path::{Path, PathBuf};

use common::raster::{Grey, decode_hard, hayro_page, off_nominal, parse_dump, read_pnm};
use common::tools::{run, zbar};

/// A blank page `width` × `height` points.
fn page(width: f32, height: f32) -> PdfPage {
    let media = Rect::from_wh(Pt(width), Pt(height));
    PdfPage {
        media_box: media.clone(),
        trim_box: media.clone(),
        crop_box: media,
        ops: Vec::new(),
    }
}

/// US Letter and A4, in points.
const LETTER: (f32, f32) = (612.0, 792.0);
const A4: (f32, f32) = (595.28, 841.89);

fn sample_layout() -> LabelLayout {
    let label = shiplabel::Label::sample().validate().unwrap();
    shiplabel::layout(&label, &Options::default()).unwrap()
}

/// `doc` saved, with no warnings from printpdf.
fn save(doc: &PdfDocument) -> Vec<u8> {
    let mut warnings = Vec::new();
    let pdf = doc.save(&PdfSaveOptions::default(), &mut warnings);
    assert!(warnings.is_empty(), "{warnings:?}");
    pdf
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("shiplabel-printpdf-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the `packing_slip` example in `dir` with `args`; its PDF, read from `file`.
fn packing_slip(dir: &Path, args: &[&str], file: &str) -> Vec<u8> {
    let out = std::process::Command::new(common::example("packing_slip"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the packing_slip example runs (cargo build --examples)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(dir.join(file)).unwrap()
}

/// Page `index` of `pdf` as 8-bit grey at `dpi`, thresholded like a thermal head, without
/// hinting: as a printer prints, and hayro's auto-hinter reads the font's character map,
/// which a font given to printpdf keeps and our own PDFs' fonts do not.
fn rasterise(pdf: &[u8], index: usize, dpi: f32) -> Grey {
    hayro_page(pdf, index, dpi, false)
}

/// Whether `page` shows `own` (our own PDF of `layout`, rasterised at its dots) with its
/// top-left corner at `(x, y)` pixels: every pixel of each barcode and its quiet zone the
/// same, and of the rest at most [`TEXT_EDGE_PIXELS`], each on an edge of the ink (a
/// rasterizer's rounding where a glyph edge falls on a pixel's centre: the two PDFs place
/// glyphs to within a thousandth of a point, not to the same bits).
fn prints_as(
    page: &Grey,
    own: &Grey,
    (x, y): (usize, usize),
    layout: &LabelLayout,
) -> Result<(), String> {
    let zones: Vec<[usize; 4]> = layout
        .elements()
        .iter()
        .filter_map(|e| {
            let (x, y, w, h, quiet) = match e {
                Element::Code128(b) => (
                    b.x().0,
                    b.y().0,
                    b.width().0,
                    b.height().0,
                    10 * b.module().0,
                ),
                Element::Qr(q) => (q.x().0, q.y().0, q.width().0, q.width().0, 4 * q.module().0),
                _ => return None,
            };
            let vertical = if matches!(e, Element::Qr(_)) {
                quiet
            } else {
                1
            };
            let [x, y, w, h, quiet, vertical] = [x, y, w, h, quiet, vertical].map(|v| v as usize);
            Some([x - quiet, y - vertical, x + w + quiet, y + h + vertical])
        })
        .collect();
    // A label has its Code 128 and its QR code; a customs form the tracking number's bars.
    let form = !layout
        .elements()
        .iter()
        .any(|e| matches!(e, Element::Qr(_)));
    assert_eq!(zones.len(), if form { 1 } else { 2 });
    let mut in_symbols = Vec::new();
    let mut elsewhere = Vec::new();
    for oy in 0..own.height {
        for ox in 0..own.width {
            if page.dark(x + ox, y + oy) == own.dark(ox, oy) {
                continue;
            }
            if zones
                .iter()
                .any(|z| (z[0]..z[2]).contains(&ox) && (z[1]..z[3]).contains(&oy))
            {
                in_symbols.push((ox, oy));
            } else {
                let edge = (oy.saturating_sub(1)..=(oy + 1).min(own.height - 1)).any(|ny| {
                    (ox.saturating_sub(1)..=(ox + 1).min(own.width - 1))
                        .any(|nx| own.dark(nx, ny) != own.dark(ox, oy))
                });
                elsewhere.push((ox, oy, edge));
            }
        }
    }
    let inside = elsewhere.iter().filter(|p| !p.2).count();
    // A form, a page of much small text, has more edges: a pixel per line.
    let lines = layout
        .elements()
        .iter()
        .filter(|e| matches!(e, Element::Text(_)))
        .count();
    let allowed = if form {
        TEXT_EDGE_PIXELS.max(lines)
    } else {
        TEXT_EDGE_PIXELS
    };
    if !in_symbols.is_empty() || elsewhere.len() > allowed || inside > 0 {
        return Err(format!(
            "pixels that differ: in the barcodes {in_symbols:?}; elsewhere ({} of at most \
             {allowed}) {elsewhere:?} (x, y, on an edge)",
            elsewhere.len()
        ));
    }
    Ok(())
}

/// How many pixels of a label's text may differ from our own PDF's, each on an edge (or
/// one per text line, on a page of more lines).
const TEXT_EDGE_PIXELS: usize = 12;

/// Where the label's bottom-left corner is on page 1 of `pdf`, in points: the translation
/// `draw_on_printpdf` draws it with (the one `1 0 0 1 x y cm` on the page).
fn label_position(pdf: &[u8]) -> (f32, f32) {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let content = doc.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    let moves: Vec<Vec<f32>> = ops
        .iter()
        .filter(|op| op.operator == "cm")
        .map(|op| op.operands.iter().map(|v| v.as_float().unwrap()).collect())
        .filter(|m: &Vec<f32>| m[..4] == [1.0, 0.0, 0.0, 1.0])
        .collect();
    assert_eq!(moves.len(), 1, "{moves:?}");
    (moves[0][4], moves[0][5])
}

/// The label's top-left corner on a Letter page in whole dots at 203 dpi from the page's
/// top left, for a label drawn with its bottom-left corner at `at`, which must be on whole
/// dots.
fn top_left_dots(at: (f32, f32), label_height: f32) -> (usize, usize) {
    let dots = |pt: f32| {
        let d = f64::from(pt) * 203.0 / 72.0;
        assert!(
            (d - d.round()).abs() < 1e-3,
            "{pt} pt is not on a whole dot"
        );
        d.round() as usize
    };
    (dots(at.0), dots(LETTER.1) - dots(at.1) - dots(label_height))
}

#[test]
fn the_packing_slip_is_the_same_bytes_every_run_and_written_whole() {
    let dir = temp_dir("determinism");
    let first = packing_slip(&dir, &[], "packing-slip.pdf");
    let again = packing_slip(&dir, &[], "packing-slip.pdf");
    let elsewhere = packing_slip(&dir, &["other.pdf"], "other.pdf");
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == again, "two runs wrote different bytes");
    assert!(first == elsewhere, "the path changed the bytes");
    // No temporary file is left beside the outputs.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["other.pdf", "packing-slip.pdf"]);
    // An output that cannot be written is an error, and nothing is left behind.
    let out = std::process::Command::new(common::example("packing_slip"))
        .arg("no-such-directory/slip.pdf")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("no-such-directory").exists());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_label_on_the_packing_slip_scans_and_prints_as_our_own_pdf() {
    let dir = temp_dir("scan");
    let pdf = packing_slip(&dir, &[], "packing-slip.pdf");
    std::fs::remove_dir_all(dir).ok();
    let layout = sample_layout();
    let at = label_position(&pdf);
    let (x, y) = top_left_dots(at, layout.height().0);

    let page = rasterise(&pdf, 0, 203.0);
    assert_eq!(page.height, 2233, "Letter at 203 dpi");
    let label = page.crop(x, y, 812, 1218);
    let sample = shiplabel::Label::sample();
    assert_eq!(
        decode_hard(&label, BarcodeFormat::CODE_128).as_deref(),
        Ok(sample.order.number.as_str())
    );
    assert_eq!(
        decode_hard(&label, BarcodeFormat::QR_CODE),
        Ok(common::expected_payload(&sample))
    );

    // Every pixel of the label as in our own PDF of it.
    let own = shiplabel::render_pdf(&[sample.validate().unwrap()], &Options::default()).unwrap();
    let own = rasterise(&own, 0, 203.0);
    prints_as(&page, &own, (x, y), &layout).unwrap();
}

#[test]
fn every_golden_label_drawn_with_printpdf_prints_as_our_own_pdf() {
    // Latin, Vietnamese, Japanese (a synthetic bold name), Arabic, Thai, Hebrew, Korean,
    // Greek: each on a page of its own size, at its corner.
    let mut doc = PdfDocument::new("golden labels");
    let mut layouts = Vec::new();
    for &(_, index) in common::GOLDEN {
        let layout = shiplabel::layout(&common::golden_label(index), &Options::default()).unwrap();
        let mut p = page(layout.width().0, layout.height().0);
        shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(0.0), Pt(0.0))).unwrap();
        doc.pages.push(p);
        layouts.push(layout);
    }
    let pdf = save(&doc);
    let mut failures = Vec::new();
    for (page, &(stem, _)) in common::GOLDEN.iter().enumerate() {
        let ours = rasterise(&pdf, page, 203.0);
        let golden = rasterise(
            &std::fs::read(common::golden_path(stem, "pdf")).unwrap(),
            0,
            203.0,
        );
        assert_eq!((ours.width, ours.height), (golden.width, golden.height));
        if let Err(e) = prints_as(&ours, &golden, (0, 0), &layouts[page]) {
            failures.push(format!("{stem}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fonts_are_embedded_subset_with_character_maps_and_the_text_extracts() {
    let mut doc = PdfDocument::new("a label");
    let mut p = page(LETTER.0, LETTER.1);
    let layout = sample_layout();
    shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(36.0), Pt(36.0))).unwrap();
    doc.pages.push(p);
    let pdf = save(&doc);

    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let fonts = doc.get_page_fonts(page).unwrap();
    let mut names: Vec<String> = Vec::new();
    for font in fonts.values() {
        let name =
            String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"Type0");
        assert!(font.get(b"ToUnicode").is_ok(), "{name} has no ToUnicode");
        let get = |dict: &lopdf::Dictionary, key: &[u8]| {
            let object = dict
                .get(key)
                .unwrap_or_else(|_| panic!("{name}: no {key:?}"));
            doc.dereference(object).unwrap().1.clone()
        };
        let descendants = get(font, b"DescendantFonts");
        let descendant = doc
            .dereference(&descendants.as_array().unwrap()[0])
            .unwrap()
            .1;
        let descriptor = get(descendant.as_dict().unwrap(), b"FontDescriptor");
        let program = get(descriptor.as_dict().unwrap(), b"FontFile2");
        let program = program.as_stream().unwrap();
        // A subset: a few kilobytes, not the whole font (Noto Sans is 500 KB).
        let bytes = program.get_plain_content().unwrap();
        assert!(bytes.len() < 40_000, "{name}: {} bytes", bytes.len());
        let (tag, rest) = name.split_once('+').unwrap();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        names.push(rest.to_owned());
    }
    names.sort();
    assert_eq!(names, ["NotoSans-Bold", "NotoSans-Regular"]);

    let text = doc.extract_text(&[1]).unwrap();
    for line in [
        "Oliver Smith",
        "Flat 4, 221 Baker Street",
        "NW1 6XE",
        "UNITED KINGDOM",
        "TT-2026-000123",
        "Shenzhen Bright Home Co., Ltd.",
    ] {
        assert!(text.contains(line), "{line:?} not in {text:?}");
    }
}

#[test]
fn labels_with_the_same_glyphs_share_fonts_and_others_get_their_own() {
    let mut doc = PdfDocument::new("three labels");
    let mut p = page(LETTER.0, LETTER.1);
    let layout = sample_layout();
    shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(18.0), Pt(180.0))).unwrap();
    let ids: Vec<String> = doc
        .resources
        .fonts
        .map
        .keys()
        .map(|k| k.0.clone())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(306.0), Pt(180.0))).unwrap();
    let again: Vec<String> = doc
        .resources
        .fonts
        .map
        .keys()
        .map(|k| k.0.clone())
        .collect();
    assert_eq!(again, ids, "the same label registers no new font");
    // The same ids in another document, whatever happened in the process before.
    let mut other = PdfDocument::new("other");
    shiplabel::draw_on_printpdf(
        &layout,
        &mut other,
        &mut page(612.0, 792.0),
        (Pt(0.0), Pt(0.0)),
    )
    .unwrap();
    let other_ids: Vec<String> = other
        .resources
        .fonts
        .map
        .keys()
        .map(|k| k.0.clone())
        .collect();
    assert_eq!(other_ids, ids);
    // A label with other glyphs (Japanese) gets fonts of its own.
    let tokyo = shiplabel::layout(&common::golden_label(4), &Options::default()).unwrap();
    shiplabel::draw_on_printpdf(&tokyo, &mut doc, &mut p, (Pt(18.0), Pt(0.0))).unwrap();
    assert!(doc.resources.fonts.map.len() > 2);
    assert!(
        doc.resources
            .fonts
            .map
            .keys()
            .any(|k| k.0.ends_with("+NotoSansCJKjp-Regular")),
        "{:?}",
        doc.resources.fonts.map.keys()
    );
}

#[test]
fn a_font_id_taken_by_another_font_is_not_reused() {
    // Draw the sample once to learn its font ids; then take those ids in a new document
    // with the fonts of another label, as two glyph sets whose tags agree would.
    let layout = sample_layout();
    let mut first = PdfDocument::new("first");
    shiplabel::draw_on_printpdf(
        &layout,
        &mut first,
        &mut page(612.0, 792.0),
        (Pt(0.0), Pt(0.0)),
    )
    .unwrap();
    let mut donor = PdfDocument::new("donor");
    let berlin = shiplabel::layout(&common::golden_label(2), &Options::default()).unwrap();
    shiplabel::draw_on_printpdf(
        &berlin,
        &mut donor,
        &mut page(612.0, 792.0),
        (Pt(0.0), Pt(0.0)),
    )
    .unwrap();
    let mut doc = PdfDocument::new("taken");
    for (id, font) in &first.resources.fonts.map {
        let other = donor
            .resources
            .fonts
            .map
            .iter()
            .find(|(other, _)| other.0.split('+').nth(1) == id.0.split('+').nth(1))
            .map(|(_, f)| f.clone())
            .unwrap();
        assert!(other.parsed_font != font.parsed_font);
        doc.resources.fonts.map.insert(id.clone(), other);
    }
    let mut p = page(layout.width().0, layout.height().0);
    shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(0.0), Pt(0.0))).unwrap();
    assert_eq!(doc.resources.fonts.map.len(), 4);
    doc.pages.push(p);
    // The label is drawn with its own glyphs: as our own PDF prints it.
    let pdf = save(&doc);
    let own = shiplabel::render_pdf(
        &[shiplabel::Label::sample().validate().unwrap()],
        &Options::default(),
    )
    .unwrap();
    let (ours, own) = (rasterise(&pdf, 0, 203.0), rasterise(&own, 0, 203.0));
    prints_as(&ours, &own, (0, 0), &layout).unwrap();
}

#[test]
fn barcodes_move_onto_the_dot_grid_of_the_page_wherever_the_label_is() {
    let layout = sample_layout();
    let dot = 72.0 / 203.0;
    for (size, at) in [
        (LETTER, (100.3, 200.9)),
        (A4, (37.0, 61.13)),
        (A4, (0.0, 0.0)),
        (LETTER, (306.0, 324.0)),
    ] {
        let mut doc = PdfDocument::new("grid");
        let mut p = page(size.0, size.1);
        shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(at.0), Pt(at.1))).unwrap();
        // The symbols are drawn in dots, y downwards: `dot 0 0 -dot x y cm` in the label's
        // coordinates, which are moved by `at`.
        let origins: Vec<(f64, f64)> = p
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw(m),
                } if m[3] < 0.0 => Some((f64::from(at.0 + m[4]), f64::from(at.1 + m[5]))),
                _ => None,
            })
            .collect();
        assert_eq!(origins.len(), 2, "{size:?} {at:?}");
        // The page's grids: counted from its left edge, and from its top and its bottom,
        // which lie a fraction apart on A4 (2373.66 dots tall); the symbols lie halfway.
        let height = f64::from(size.1) / dot;
        let apart = height.ceil() - height;
        for (x, y) in origins {
            let x = x / dot;
            assert!((x - x.round()).abs() < 1e-3, "{size:?} {at:?}: x {x}");
            let from_top = height - y / dot;
            let from_bottom = y / dot;
            for d in [from_top, from_bottom] {
                let off = (d - d.round()).abs();
                assert!(
                    (off - apart.min(1.0 - apart) / 2.0).abs() < 1e-3,
                    "{size:?} {at:?}: {d} dots, the grids {apart} apart"
                );
            }
        }
    }
}

#[test]
fn a_position_or_page_that_is_not_finite_is_an_error_and_changes_nothing() {
    let layout = sample_layout();
    let mut doc = PdfDocument::new("errors");
    for (mut p, at) in [
        (page(612.0, 792.0), (f32::NAN, 0.0)),
        (page(612.0, 792.0), (0.0, f32::INFINITY)),
        (page(612.0, f32::NAN), (0.0, 0.0)),
        (page(612.0, 0.0), (0.0, 0.0)),
    ] {
        let err = shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(at.0), Pt(at.1)))
            .unwrap_err();
        assert!(matches!(err, RenderError::Pdf(_)), "{err:?}");
        assert!(err.to_string().contains("finite"), "{err}");
        assert!(p.ops.is_empty());
        assert!(doc.resources.fonts.map.is_empty());
    }
}

// ---- With poppler, Ghostscript, MuPDF, zbar and qpdf (CI) --------------------------------

/// Page 1 of `pdf` in black and white at 203 dpi by `rasterizer` (`poppler`, `gs` or
/// `mupdf`), written under `dir`.
fn mono(pdf: &Path, rasterizer: &str, dir: &Path) -> Grey {
    let stem = dir.join(format!("{rasterizer}-203"));
    let file = match rasterizer {
        "poppler" => {
            let args = ["-mono", "-r", "203", "-f", "1", "-l", "1", "-singlefile"];
            run(
                "pdftoppm",
                &[&args[..], &[pdf.to_str().unwrap(), stem.to_str().unwrap()]].concat(),
            )
            .unwrap();
            stem.with_extension("pbm")
        }
        "gs" => {
            let file = stem.with_extension("pbm");
            let out = format!("-sOutputFile={}", file.display());
            run(
                "gs",
                &[
                    "-q",
                    "-dSAFER",
                    "-dBATCH",
                    "-dNOPAUSE",
                    "-sDEVICE=pbmraw",
                    "-r203",
                    "-dGraphicsAlphaBits=1",
                    "-dTextAlphaBits=1",
                    &out,
                    pdf.to_str().unwrap(),
                ],
            )
            .unwrap();
            file
        }
        _ => {
            let file = stem.with_extension("pgm");
            let (pdf, f) = (pdf.to_str().unwrap(), file.to_str().unwrap());
            run(
                "mutool",
                &[
                    "draw", "-q", "-A", "0", "-c", "gray", "-r", "203", "-o", f, pdf, "1",
                ],
            )
            .unwrap();
            file
        }
    };
    read_pnm(&file).unwrap()
}

#[test]
#[ignore = "needs qpdf, poppler-utils and zbar-tools; .ci/run installs them and runs it"]
fn the_packing_slip_passes_qpdf_extracts_scans_and_prints_exact_dots() {
    let dir = temp_dir("ci");
    let bytes = packing_slip(&dir, &["slip.pdf"], "slip.pdf");
    let pdf = dir.join("slip.pdf");
    let path = pdf.to_str().unwrap();
    let checked = run("qpdf", &["--check", path]).unwrap();
    assert!(
        checked.contains("No syntax or stream encoding errors"),
        "{checked}"
    );

    // The text of each half, read from its area of the page (pdftotext crops in points
    // from the top left at its default 72 dpi).
    let layout = sample_layout();
    let at = label_position(&bytes);
    let top = LETTER.1 - at.1 - layout.height().0;
    let area = |x: f32, y: f32, w: f32, h: f32| {
        let n = |v: f32| (v.round() as i32).to_string();
        let (x, y, w, h) = (n(x), n(y), n(w), n(h));
        run(
            "pdftotext",
            &[
                "-enc", "UTF-8", "-x", &x, "-y", &y, "-W", &w, "-H", &h, path, "-",
            ],
        )
        .unwrap()
    };
    let label_text = area(at.0, top, layout.width().0, layout.height().0);
    for line in [
        "Oliver Smith",
        "NW1 6XE",
        "UNITED KINGDOM",
        "TT-2026-000123",
        "CHINA",
    ] {
        assert!(
            label_text.contains(line),
            "{line:?} not on the label: {label_text}"
        );
    }
    let slip_text = area(0.0, 0.0, at.0 - 8.0, LETTER.1);
    for line in [
        "Packing slip",
        "Bamboo cutting board",
        "Beeswax food wraps (3)",
        "£62.40",
        "Oliver Smith",
    ] {
        assert!(
            slip_text.contains(line),
            "{line:?} not on the slip: {slip_text}"
        );
    }
    assert!(
        !slip_text.contains("TRACKING"),
        "the label's text is outside its half"
    );

    // zbar reads both codes from poppler's black and white page at the printer's dots.
    let stem = dir.join("zbar");
    run(
        "pdftoppm",
        &[
            "-mono",
            "-r",
            "203",
            "-singlefile",
            path,
            stem.to_str().unwrap(),
        ],
    )
    .unwrap();
    let image = stem.with_extension("pbm");
    let sample = shiplabel::Label::sample();
    assert_eq!(zbar(&image, "code128").unwrap(), sample.order.number);
    assert_eq!(
        zbar(&image, "qrcode").unwrap(),
        common::expected_payload(&sample)
    );

    // Placed on whole dots, every bar, space and module prints at its exact dots.
    let dumped = &parse_dump(&layout.to_string())[0];
    let (x, y) = top_left_dots(at, layout.height().0);
    let origin = (x as f32 * 72.0 / 203.0, y as f32 * 72.0 / 203.0);
    for rasterizer in ["poppler", "gs", "mupdf"] {
        let page = mono(&pdf, rasterizer, &dir);
        let off = off_nominal(&page, dumped, origin);
        assert!(off.is_empty(), "{rasterizer}: {off:?}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
#[ignore = "needs poppler-utils, ghostscript and mupdf-tools; .ci/run installs them and runs it"]
fn a_label_off_the_dot_grid_on_a4_still_prints_exact_dots() {
    // Its corner a fraction of a dot off the grid both ways (under half a dot, so the
    // symbols move back by that fraction): on A4, 2373.66 dots tall at 203 dpi.
    let dpi = Dpi::DPI_203;
    let dot = dpi.dot().0;
    let layout = sample_layout();
    let (left, top) = (120.0 * dot + 0.3 * dot, 300.0 * dot + 0.2 * dot);
    let at = (left, A4.1 - top - layout.height().0);
    let mut doc = PdfDocument::new("off the grid");
    let mut p = page(A4.0, A4.1);
    shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(at.0), Pt(at.1))).unwrap();
    doc.pages.push(p);
    let dir = temp_dir("a4");
    let pdf = dir.join("a4.pdf");
    std::fs::write(&pdf, save(&doc)).unwrap();
    let dumped = &parse_dump(&layout.to_string())[0];
    let origin = (120.0 * dot, 300.0 * dot);
    for rasterizer in ["poppler", "gs", "mupdf"] {
        let page = mono(&pdf, rasterizer, &dir);
        let off = off_nominal(&page, dumped, origin);
        assert!(off.is_empty(), "{rasterizer}: {off:?}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
#[ignore = "needs poppler-utils; .ci/run installs it and runs it"]
fn golden_labels_drawn_with_printpdf_give_the_same_text_as_our_own_pdfs() {
    // pdftotext reads each label as it reads our own PDF of it: character maps and
    // /ActualText spans (ligatures, Thai marks, mirrored brackets) alike.
    let dir = temp_dir("text");
    let mut doc = PdfDocument::new("golden labels");
    for &(_, index) in common::GOLDEN {
        let layout = shiplabel::layout(&common::golden_label(index), &Options::default()).unwrap();
        let mut p = page(layout.width().0, layout.height().0);
        shiplabel::draw_on_printpdf(&layout, &mut doc, &mut p, (Pt(0.0), Pt(0.0))).unwrap();
        doc.pages.push(p);
    }
    let pdf = dir.join("golden.pdf");
    std::fs::write(&pdf, save(&doc)).unwrap();
    let mut failures = Vec::new();
    for (n, &(stem, _)) in common::GOLDEN.iter().enumerate() {
        let page = (n + 1).to_string();
        let ours = run(
            "pdftotext",
            &[
                "-enc",
                "UTF-8",
                "-f",
                &page,
                "-l",
                &page,
                pdf.to_str().unwrap(),
                "-",
            ],
        )
        .unwrap();
        let golden = common::golden_path(stem, "pdf");
        let own = run(
            "pdftotext",
            &["-enc", "UTF-8", golden.to_str().unwrap(), "-"],
        )
        .unwrap();
        if ours != own {
            failures.push(format!("{stem}:\nprintpdf: {ours:?}\nour own:  {own:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    std::fs::remove_dir_all(dir).ok();
}

/// The customs forms drawn with printpdf (a CN22, a CN23's first page) print as our own PDF
/// of them, and the CN22's tracking number scans.
#[test]
fn customs_forms_drawn_with_printpdf_print_as_our_own_pdf() {
    let cn22 = shiplabel::Label::sample_international();
    let mut cn23 = cn22.clone();
    cn23.customs.as_mut().unwrap().form = Some("cn23".into());
    let mut doc = PdfDocument::new("customs forms");
    let mut failures = Vec::new();
    let mut ours = Vec::new();
    for label in [&cn22, &cn23] {
        let valid = label.validate().unwrap();
        let form = shiplabel::customs_layouts(&valid, &Options::default())
            .unwrap()
            .remove(0);
        let mut p = page(form.width().0, form.height().0);
        shiplabel::draw_on_printpdf(&form, &mut doc, &mut p, (Pt(0.0), Pt(0.0))).unwrap();
        doc.pages.push(p);
        // Our own PDF of the label and its forms: the form is its second page.
        let mut writer = shiplabel::PdfWriter::new(Vec::new(), &Options::default()).unwrap();
        writer.write_label(label.clone()).unwrap();
        ours.push((writer.finish().unwrap().output, form));
    }
    let pdf = save(&doc);
    for (i, (own_pdf, form)) in ours.iter().enumerate() {
        let drawn = rasterise(&pdf, i, 203.0);
        let own = rasterise(own_pdf, 1, 203.0);
        assert_eq!((drawn.width, drawn.height), (own.width, own.height));
        if let Err(e) = prints_as(&drawn, &own, (0, 0), form) {
            failures.push(format!("form {i}: {e}"));
        }
        assert_eq!(
            decode_hard(&drawn, BarcodeFormat::CODE_128).as_deref(),
            Ok("LX123456785CN")
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
