//! `cargo bench --bench pipeline`: each stage of the pipeline, timed by divan (median and
//! spread over many runs), and a label drawn onto a printpdf page. `cargo bench --bench render` prints the cold start and the PDF
//! sizes; `cargo run --release --example throughput` a long run's speed and peak memory.

use divan::{Bencher, black_box};
use shiplabel::{Label, Options, ValidLabel};

fn main() {
    divan::main();
}

/// The sample orders, and the ones in other scripts, validated.
fn samples() -> Vec<(&'static str, ValidLabel)> {
    let shared: Vec<Label> =
        serde_json::from_str(include_str!("../tests/data/orders.json")).expect("samples parse");
    let scripts: Vec<Label> =
        serde_json::from_str(include_str!("../tests/data/scripts.json")).expect("samples parse");
    let pick = |label: &Label| label.validate().expect("samples are valid");
    vec![
        ("latin", pick(&shared[0])),
        ("japanese", pick(&shared[4])),
        ("arabic", pick(&scripts[3])),
        ("thai", pick(&scripts[4])),
    ]
}

fn sample(name: &str) -> ValidLabel {
    samples()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, l)| l)
        .expect("a known sample")
}

#[divan::bench]
fn validate(bencher: Bencher) {
    let label = Label::sample();
    bencher.bench(|| black_box(&label).validate());
}

#[divan::bench(args = ["latin", "japanese", "arabic", "thai"])]
fn layout(bencher: Bencher, name: &str) {
    let label = sample(name);
    let options = Options::default();
    bencher.bench(|| shiplabel::layout(black_box(&label), &options));
}

#[divan::bench(args = ["latin", "japanese", "arabic", "thai"])]
fn single_label_pdf(bencher: Bencher, name: &str) {
    let label = sample(name);
    let options = Options::default();
    bencher.bench(|| shiplabel::render_pdf(std::slice::from_ref(black_box(&label)), &options));
}

/// A laid-out label drawn onto a page of a printpdf document (`draw_on_printpdf`: its fonts
/// subset and registered, its operations appended); the app's `save` is not timed.
#[cfg(feature = "printpdf")]
#[divan::bench(args = ["latin", "japanese", "arabic", "thai"])]
fn printpdf_page(bencher: Bencher, name: &str) {
    use printpdf::{Mm, PdfDocument, PdfPage, Pt};
    let layout = shiplabel::layout(&sample(name), &Options::default()).expect("lays out");
    bencher.bench(|| {
        let mut doc = PdfDocument::new("bench");
        let mut page = PdfPage::new(Mm(215.9), Mm(279.4), Vec::new());
        shiplabel::draw_on_printpdf(
            black_box(&layout),
            &mut doc,
            &mut page,
            (Pt(306.0), Pt(324.0)),
        )
        .map(|()| (doc, page))
    });
}

/// A batch of different labels (order numbers differ, so every barcode does), per label.
#[divan::bench(args = [100], sample_count = 10)]
fn batch_pdf(bencher: Bencher, n: usize) {
    let labels: Vec<ValidLabel> = (0..n)
        .map(|i| {
            let mut label = Label::sample();
            label.order.number = format!("BENCH-{i:06}");
            label.validate().expect("valid")
        })
        .collect();
    let options = Options::default();
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| shiplabel::render_pdf(black_box(&labels), &options));
}
