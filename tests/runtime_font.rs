//! Fonts given at run time (`register_font`): our own Thai family (TrueType, regular and
//! bold) and CJK subset (CID-keyed CFF, one weight) loaded as an app would load its own.
//!
//! Built without the `thai` and `cjk` features (CI: `--no-default-features --features
//! png,zpl,printpdf`), Thai and Japanese text is refused until the fonts are registered, then
//! prints exactly as with the bundled fonts: the same layout dump, PNG and ZPL as the golden
//! files, and a PDF whose fonts are subset and embedded (TrueType, and CFF as CID-keyed) and
//! whose text extracts. Built with them (`cargo test`), registering the same files changes
//! nothing: the bundled fonts come first, so every output is still the golden one.
//!
//! The registry is the process's: every test here goes through [`registered`], which checks
//! what is refused before it registers, once.

mod common;

use std::sync::OnceLock;

use shiplabel::{
    Element, ErrorKind, FontFile, FontFileError, LabelLayout, Options, Typeface, ValidLabel,
};

const THAI: &[u8] = include_bytes!("../fonts/NotoSansThai-Regular.ttf");
const THAI_BOLD: &[u8] = include_bytes!("../fonts/NotoSansThai-Bold.ttf");
const CJK: &[u8] = include_bytes!("../fonts/NotoSansCJKjp-Regular-subset.otf");

/// The golden labels in Thai and in Japanese: file stem and index in the sample orders.
const LABELS: [(&str, usize); 2] = [("th-thai-address", 17), ("jp-tokyo", 4)];

/// The registered typefaces: Thai regular and bold, CJK.
struct Registered {
    thai: Typeface,
    thai_bold: Typeface,
    cjk: Typeface,
}

/// Checks what the fonts of this build refuse, then registers the Thai and CJK files, once
/// per process.
fn registered() -> &'static Registered {
    static REGISTERED: OnceLock<Registered> = OnceLock::new();
    REGISTERED.get_or_init(|| {
        for ((stem, index), bundled) in LABELS
            .into_iter()
            .zip([cfg!(feature = "thai"), cfg!(feature = "cjk")])
        {
            let label = common::sample_orders().swap_remove(index);
            match label.validate() {
                Ok(_) => assert!(bundled, "{stem} validated without its font"),
                Err(errors) => {
                    assert!(!bundled, "{stem}: {errors}");
                    assert!(
                        errors
                            .iter()
                            .all(|e| e.kind() == ErrorKind::UncoveredCharacter),
                        "{stem}: {errors}"
                    );
                    assert!(
                        errors.iter().any(|e| e.field() == "recipient.name"),
                        "{stem}: {errors}"
                    );
                }
            }
        }
        let (thai, thai_bold) = shiplabel::register_font_with_bold(
            FontFile::new(THAI).unwrap(),
            FontFile::new(THAI_BOLD).unwrap(),
        )
        .unwrap();
        let cjk = FontFile::new(CJK).unwrap();
        assert_eq!(cjk.postscript_name(), "NotoSansCJKjp-Regular");
        let cjk = shiplabel::register_font(cjk).unwrap();
        Registered {
            thai,
            thai_bold,
            cjk,
        }
    })
}

fn golden_label(index: usize) -> ValidLabel {
    registered();
    common::sample_orders()
        .swap_remove(index)
        .validate()
        .expect("valid once the fonts are registered")
}

fn read_golden(stem: &str, ext: &str) -> Vec<u8> {
    std::fs::read(common::golden_path(stem, ext)).unwrap()
}

/// The typefaces a layout's text runs name, in order of first use.
fn typefaces(layout: &LabelLayout) -> Vec<Typeface> {
    let mut out = Vec::new();
    for element in layout.elements() {
        if let Element::Text(line) = element {
            for run in line.runs() {
                if !out.contains(&run.typeface()) {
                    out.push(run.typeface());
                }
            }
        }
    }
    out
}

#[test]
fn registered_fonts_lay_out_and_draw_exactly_as_the_bundled_ones() {
    let fonts = registered();
    let bundled = [cfg!(feature = "thai"), cfg!(feature = "cjk")];
    let wanted = [vec![fonts.thai, fonts.thai_bold], vec![fonts.cjk]];
    for (((stem, index), bundled), wanted) in LABELS.into_iter().zip(bundled).zip(wanted) {
        let label = golden_label(index);
        let layout = shiplabel::layout(&label, &Options::default()).unwrap();
        // The same positions, sizes and font names as with the bundled fonts.
        assert_eq!(
            layout.to_string(),
            String::from_utf8(read_golden(stem, "txt")).unwrap(),
            "{stem}"
        );
        let used = typefaces(&layout);
        for typeface in wanted {
            // The registered faces draw the text only where no bundled font does.
            assert_eq!(used.contains(&typeface), !bundled, "{stem}: {used:?}");
        }
        assert_eq!(
            used.iter().all(|t| t.is_bundled()),
            bundled,
            "{stem}: {used:?}"
        );
        #[cfg(feature = "png")]
        assert!(
            shiplabel::render_png(&layout, shiplabel::Raster::Print).unwrap()
                == read_golden(stem, "png"),
            "{stem}: the PNG differs from the golden one"
        );
        #[cfg(feature = "zpl")]
        assert_eq!(
            String::from_utf8(shiplabel::render_zpl(&layout).unwrap()).unwrap(),
            String::from_utf8(read_golden(stem, "zpl")).unwrap(),
            "{stem}"
        );
        let pdf = shiplabel::render_pdf(std::slice::from_ref(&label), &Options::default()).unwrap();
        let again = shiplabel::render_pdf(&[label], &Options::default()).unwrap();
        assert!(pdf == again, "{stem}: two runs differ");
        if bundled {
            assert!(
                pdf == read_golden(stem, "pdf"),
                "{stem}: not the golden PDF"
            );
        }
    }
}

/// The PDF's fonts: for each, its base font name without the subset tag, whether its
/// program is CFF (`FontFile3`, `CIDFontType0C`) or TrueType (`FontFile2`), and its size.
fn embedded_fonts(pdf: &[u8]) -> Vec<(String, bool, usize)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let mut out = Vec::new();
    for font in doc.get_page_fonts(page).unwrap().values() {
        let get = |dict: &lopdf::Dictionary, key: &[u8]| {
            let object = dict.get(key).unwrap();
            doc.dereference(object).unwrap().1.clone()
        };
        let name =
            String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        assert!(font.get(b"ToUnicode").is_ok(), "{name}");
        let descendants = get(font, b"DescendantFonts");
        let cid_font = doc
            .dereference(&descendants.as_array().unwrap()[0])
            .unwrap()
            .1
            .as_dict()
            .unwrap()
            .clone();
        let descriptor = get(&cid_font, b"FontDescriptor");
        let descriptor = descriptor.as_dict().unwrap();
        let cff = descriptor.get(b"FontFile3").is_ok();
        let program = get(descriptor, if cff { b"FontFile3" } else { b"FontFile2" });
        let program = program.as_stream().unwrap();
        if cff {
            assert_eq!(
                program.dict.get(b"Subtype").unwrap().as_name().unwrap(),
                b"CIDFontType0C"
            );
            assert_eq!(
                cid_font.get(b"Subtype").unwrap().as_name().unwrap(),
                b"CIDFontType0"
            );
        }
        let (tag, rest) = name.split_once('+').unwrap();
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
        let size = program.get_plain_content().unwrap().len();
        out.push((rest.to_owned(), cff, size));
    }
    out.sort();
    out
}

#[test]
fn registered_fonts_are_subset_and_embedded_with_their_text() {
    for (stem, index) in LABELS {
        let label = golden_label(index);
        let pdf = shiplabel::render_pdf(&[label], &Options::default()).unwrap();
        let fonts = embedded_fonts(&pdf);
        // Each font a subset of a few of its glyphs (the CJK file is 6 MB).
        for (name, _, size) in &fonts {
            assert!(*size < 40_000, "{stem}: {name} is {size} bytes");
        }
        // The same fonts as the golden PDF's, of the same kinds, bundled or registered.
        let kinds = |fonts: Vec<(String, bool, usize)>| -> Vec<(String, bool)> {
            fonts
                .into_iter()
                .map(|(name, cff, _)| (name, cff))
                .collect()
        };
        assert_eq!(
            kinds(fonts),
            kinds(embedded_fonts(&read_golden(stem, "pdf"))),
            "{stem}"
        );
        // The content streams show the same codes as the golden PDF's, which lopdf maps to
        // the same text (it does not read our ToUnicode maps as poppler does: the ignored
        // test below checks the text itself).
        let text = |pdf: &[u8]| {
            lopdf::Document::load_mem(pdf)
                .unwrap()
                .extract_text(&[1])
                .unwrap()
        };
        assert_eq!(text(&pdf), text(&read_golden(stem, "pdf")), "{stem}");
    }
}

#[test]
#[cfg(feature = "printpdf")]
fn registered_fonts_draw_on_printpdf_pages() {
    for (stem, index) in LABELS {
        let layout = shiplabel::layout(&golden_label(index), &Options::default()).unwrap();
        let mut doc = printpdf::PdfDocument::new(stem);
        let mut page = printpdf::PdfPage::new(printpdf::Mm(101.6), printpdf::Mm(152.4), vec![]);
        let at = (printpdf::Pt(0.0), printpdf::Pt(0.0));
        shiplabel::draw_on_printpdf(&layout, &mut doc, &mut page, at).unwrap();
        doc.pages.push(page);
        let pdf = doc.save(&printpdf::PdfSaveOptions::default(), &mut Vec::new());
        let text = lopdf::Document::load_mem(&pdf)
            .unwrap()
            .extract_text(&[1])
            .unwrap();
        // (lopdf spaces Thai marks apart: a line without marks.)
        let name = if stem == "jp-tokyo" {
            "千代田区"
        } else {
            "แขวงคลองเตย"
        };
        assert!(text.contains(name), "{stem}: {name} not in {text:?}");
    }
}

/// poppler (not this crate's code) reads the same text from the PDF made with the registered
/// fonts as from the golden one made with the bundled fonts, and draws the same pixels.
#[test]
#[ignore = "needs poppler's pdftotext and pdftoppm (CI installs them)"]
fn poppler_reads_and_draws_the_registered_fonts_as_the_bundled_ones() {
    let dir = std::env::temp_dir().join(format!("shiplabel-runtime-font-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (stem, index) in LABELS {
        let pdf = shiplabel::render_pdf(&[golden_label(index)], &Options::default()).unwrap();
        let path = dir.join(format!("{stem}.pdf"));
        std::fs::write(&path, pdf).unwrap();
        let text = |path: &std::path::Path| {
            common::tools::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
                .unwrap()
        };
        let ours = text(&path);
        assert_eq!(ours, text(&common::golden_path(stem, "pdf")), "{stem}");
        assert!(ours.contains("JAPAN") || ours.contains("THAILAND"));
        // And draws it with the same pixels: the embedded subsets hold the same outlines.
        let page = |pdf: &std::path::Path, name: &str| {
            let out = dir.join(name);
            let args = ["-r", "150", "-gray", "-singlefile", pdf.to_str().unwrap()];
            common::tools::run("pdftoppm", &[&args[..], &[out.to_str().unwrap()]].concat())
                .unwrap();
            std::fs::read(out.with_extension("pgm")).unwrap()
        };
        let golden = page(&common::golden_path(stem, "pdf"), "golden");
        assert!(
            page(&path, "ours") == golden,
            "{stem}: poppler draws it differently"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_full_registry_refuses_more_and_keeps_what_it_has() {
    let fonts = registered();
    let mut added = 0;
    let err = loop {
        match shiplabel::register_font(FontFile::new(THAI).unwrap()) {
            Ok(_) => added += 1,
            Err(err) => break err,
        }
        assert!(
            added <= shiplabel::MAX_REGISTERED_FONTS,
            "the registry never fills"
        );
    };
    assert_eq!(
        err,
        FontFileError::TooManyFonts {
            max: shiplabel::MAX_REGISTERED_FONTS
        }
    );
    assert_eq!(
        err.to_string(),
        "8 fonts are registered already; no more can be"
    );
    // Two families were registered before: the Thai one and the CJK one.
    assert_eq!(added, shiplabel::MAX_REGISTERED_FONTS - 2);
    // The first registrations still draw, first in the chain after the bundled fonts.
    let layout = shiplabel::layout(&golden_label(17), &Options::default()).unwrap();
    assert_eq!(
        typefaces(&layout).contains(&fonts.thai_bold),
        !cfg!(feature = "thai")
    );
}
