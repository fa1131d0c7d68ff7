//! Draws the golden labels gb-london, jp-tokyo, sa-arabic-address and th-thai-address, a
//! page each, with printpdf's default features on, writes the PDF to the path given, and
//! reads some of their text back: exits with status 1 if anything fails.
//!
//! ```text
//! cargo run --manifest-path compat/printpdf-text-layout/Cargo.toml -- out.pdf
//! ```

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let shared: Vec<shiplabel::Label> =
        serde_json::from_str(include_str!("../../../tests/data/orders.json"))?;
    let scripts: Vec<shiplabel::Label> =
        serde_json::from_str(include_str!("../../../tests/data/scripts.json"))?;
    let orders: Vec<shiplabel::Label> = shared.into_iter().chain(scripts).collect();
    // gb-london, jp-tokyo, sa-arabic-address, th-thai-address, and text that must read
    // back through the character maps alone (lopdf reads no /ActualText, which Arabic's
    // contextual forms and Thai's marks need: .ci/run compares pdftotext's reading).
    let labels = [
        (0, "Oliver Smith"),
        (4, "山田 太郎"),
        (16, "SAUDI ARABIA"),
        (17, "THAILAND"),
    ];
    let mut doc = PdfDocument::new("printpdf with text_layout");
    for &(index, _) in &labels {
        let order = orders.get(index).ok_or("a sample is missing")?;
        let layout = shiplabel::layout(&order.clone().validate()?, &Default::default())?;
        let media = Rect::from_wh(Pt(layout.width().0), Pt(layout.height().0));
        let mut page = PdfPage {
            media_box: media.clone(),
            trim_box: media.clone(),
            crop_box: media,
            ops: Vec::new(),
        };
        shiplabel::draw_on_printpdf(&layout, &mut doc, &mut page, (Pt(0.0), Pt(0.0)))?;
        doc.pages.push(page);
    }
    let mut warnings = Vec::new();
    let pdf = doc.save(&PdfSaveOptions::default(), &mut warnings);
    if !warnings.is_empty() {
        return Err(format!("printpdf warned: {warnings:?}").into());
    }
    if let Some(path) = std::env::args_os().nth(1) {
        std::fs::write(path, &pdf)?;
    }
    let read = lopdf::Document::load_mem(&pdf)?;
    for (page, &(_, expected)) in (1..).zip(&labels) {
        let text = read.extract_text(&[page])?;
        if !text.contains(expected) {
            return Err(format!("page {page}: {expected:?} not in {text:?}").into());
        }
    }
    println!(
        "{} labels drawn with printpdf's text_layout; their text reads back",
        labels.len()
    );
    Ok(())
}
