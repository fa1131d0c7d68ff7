//! `cargo bench --bench render`: how long validation, layout and PDF rendering take, and how
//! big the output is. Prints figures; asserts nothing about time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use shiplabel::{Label, Options};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let options = Options::default();
    let label = Label::sample();

    // The first label in the process parses the bundled fonts.
    let start = Instant::now();
    let valid = label.validate().expect("the sample is valid");
    let pdf =
        shiplabel::render_pdf(std::slice::from_ref(&valid), &options).expect("the sample renders");
    let cold = start.elapsed();
    println!(
        "cold start, one label (fonts parsed):  {:>9.2?}  {} bytes",
        cold,
        pdf.len()
    );

    let runs = 200;
    let validate = median(
        (0..runs)
            .map(|_| time(|| drop(black_box(&label).validate())))
            .collect(),
    );
    let layout = median(
        (0..runs)
            .map(|_| time(|| drop(shiplabel::layout(black_box(&valid), &options))))
            .collect(),
    );
    let single = median(
        (0..runs)
            .map(|_| {
                time(|| {
                    drop(shiplabel::render_pdf(
                        std::slice::from_ref(black_box(&valid)),
                        &options,
                    ))
                })
            })
            .collect(),
    );
    println!("validate one label (median of {runs}):    {validate:>9.2?}");
    println!("layout one label (median of {runs}):      {layout:>9.2?}");
    println!("one single-label PDF (median of {runs}):  {single:>9.2?}");

    // Labels in other scripts: shaping, bidi and the fallback fonts. The first of each
    // parses its fonts; the median is of later runs.
    let shared: Vec<Label> =
        serde_json::from_str(include_str!("../tests/data/orders.json")).expect("samples parse");
    let scripts: Vec<Label> =
        serde_json::from_str(include_str!("../tests/data/scripts.json")).expect("samples parse");
    let others = [
        ("Japanese", &shared[4]),
        ("Arabic address", &scripts[3]),
        ("Thai address", &scripts[4]),
        ("Korean + Chinese", &scripts[1]),
    ];
    for (name, label) in others {
        let valid = label.validate().expect("the sample is valid");
        let one = std::slice::from_ref(&valid);
        let start = Instant::now();
        let pdf = shiplabel::render_pdf(one, &options).expect("renders");
        let first = start.elapsed();
        let median = median(
            (0..runs)
                .map(|_| time(|| drop(shiplabel::render_pdf(black_box(one), &options))))
                .collect(),
        );
        println!(
            "{name:<17} single-label PDF:   {median:>9.2?}  (first {first:.2?})  {} bytes",
            pdf.len()
        );
    }

    // The other outputs, drawn from the same layout: cost per label and size.
    let laid_out = shiplabel::layout(&valid, &options).expect("the sample lays out");
    #[cfg(feature = "png")]
    for (name, raster) in [
        ("1-bit PNG at 203 dpi", shiplabel::Raster::Print),
        (
            "greyscale PNG, 96 ppi",
            shiplabel::Raster::Preview { ppi: 96 },
        ),
        (
            "greyscale PNG, 300 ppi",
            shiplabel::Raster::Preview { ppi: 300 },
        ),
    ] {
        let png = shiplabel::render_png(&laid_out, raster).expect("a PNG");
        let median = median(
            (0..runs / 4)
                .map(|_| time(|| drop(shiplabel::render_png(black_box(&laid_out), raster))))
                .collect(),
        );
        println!(
            "{name:<23} from the layout: {median:>9.2?}  {} bytes",
            png.len()
        );
    }
    #[cfg(feature = "zpl")]
    {
        use shiplabel::{ZplBars, ZplOptions, ZplText};
        for (name, zpl_options) in [
            ("ZPL, native ^BC", ZplOptions::default()),
            (
                "ZPL, bars as ^GF",
                ZplOptions::default().with_bars(ZplBars::Graphic),
            ),
            (
                "ZPL, resident font",
                ZplOptions::default().with_text(ZplText::ResidentFont),
            ),
        ] {
            let zpl = shiplabel::render_zpl_with(&laid_out, zpl_options).expect("ZPL");
            let median = median(
                (0..runs / 4)
                    .map(|_| {
                        time(|| {
                            drop(shiplabel::render_zpl_with(
                                black_box(&laid_out),
                                zpl_options,
                            ))
                        })
                    })
                    .collect(),
            );
            println!(
                "{name:<23} from the layout: {median:>9.2?}  {} bytes",
                zpl.len()
            );
        }
    }
    let _ = &laid_out;

    for n in [100, 1000] {
        let labels = vec![valid.clone(); n];
        let start = Instant::now();
        let pdf = shiplabel::render_pdf(black_box(&labels), &options).expect("renders");
        let elapsed = start.elapsed();
        println!(
            "{n:>5} labels in one PDF:               {elapsed:>9.2?}  {:>7.1} µs/label  {:>6} bytes/label",
            elapsed.as_secs_f64() * 1e6 / n as f64,
            pdf.len() / n
        );
    }
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}
