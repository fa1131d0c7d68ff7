//! The batch policy, tested once through every entry point of the printing layer
//! (`render_pdf`, `render_batch`, `PdfWriter` one order at a time or many, a `Printer` to PNG
//! images, `documents`): every order is printed or set aside with its index and reason,
//! none twice, none lost; all or nothing prints nothing when one is set aside.

mod common;

use shiplabel::{BatchMode, Label, Options, PdfWriter, Printed, Rejected, Rejection, RenderError};

/// Valid orders with invalid and unprintable ones between them; and which are which.
fn orders() -> (Vec<Label>, Vec<usize>) {
    let mut orders = Vec::new();
    let mut bad = Vec::new();
    for i in 0..9 {
        let mut label = Label::sample();
        label.order.number = format!("MIX-{i:03}");
        match i % 4 {
            1 => {
                label.recipient.address.postcode = Some("NW1".into());
                bad.push(i);
            }
            3 => {
                // Valid, but its Code 128 is wider than the label.
                label.order.number = format!("THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-{i:04}");
                bad.push(i);
            }
            _ => {}
        }
        orders.push(label);
    }
    (orders, bad)
}

/// Checks a print-valid outcome: the good orders printed in order, the bad ones set aside
/// as given, each once.
fn check_print_valid<W>(what: &str, printed: &Printed<W>, orders: &[Label], bad: &[usize]) {
    let good: Vec<usize> = (0..orders.len()).filter(|i| !bad.contains(i)).collect();
    assert_eq!(printed.pages, good, "{what}: pages");
    check_rejected(what, &printed.rejected, orders, bad);
}

fn check_rejected(what: &str, rejected: &[Rejected], orders: &[Label], bad: &[usize]) {
    let indices: Vec<usize> = rejected.iter().map(|r| r.index).collect();
    assert_eq!(indices, bad, "{what}: rejected");
    for r in rejected {
        // The order as given (a ValidLabel comes back as the same order, validated).
        let given = &orders[r.index];
        assert!(
            r.label == *given
                || r.label.validate().ok() == given.validate().ok() && given.validate().is_ok(),
            "{what}: {r:?} is not {given:?}"
        );
        assert_eq!(r.order_number.as_deref(), Some(given.order.number.trim()));
        match (&r.reason, r.index % 4) {
            (Rejection::Invalid(_), 1) | (Rejection::Layout(_), 3) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
}

fn check_all_or_nothing<T: std::fmt::Debug>(
    what: &str,
    result: Result<T, RenderError>,
    orders: &[Label],
    bad: &[usize],
) {
    match result {
        Err(RenderError::Rejected { total, rejected }) => {
            assert_eq!(total, orders.len(), "{what}: total");
            check_rejected(what, &rejected, orders, bad);
        }
        other => panic!("{what}: {other:?}"),
    }
}

#[test]
fn every_entry_point_keeps_every_order_under_either_policy() {
    let (orders, bad) = orders();
    for threads in [1, 3] {
        let options = Options::default().with_threads(threads);
        let what = |entry: &str| format!("{entry} on {threads} threads");

        // render_batch, both policies.
        let printed = shiplabel::render_batch(&orders, BatchMode::PrintValid, &options).unwrap();
        check_print_valid(&what("render_batch"), &printed, &orders, &bad);
        let pdf = printed.output;
        check_all_or_nothing(
            &what("render_batch all or nothing"),
            shiplabel::render_batch(&orders, BatchMode::AllOrNothing, &options),
            &orders,
            &bad,
        );

        // PdfWriter, many at once and one at a time, both policies: the same PDF.
        for one_by_one in [false, true] {
            let entry = what(if one_by_one {
                "PdfWriter::write_label"
            } else {
                "PdfWriter::write_labels"
            });
            for mode in [BatchMode::PrintValid, BatchMode::AllOrNothing] {
                let mut writer = PdfWriter::new(Vec::new(), &options)
                    .unwrap()
                    .with_mode(mode);
                if one_by_one {
                    for order in &orders {
                        writer.write_label(order).unwrap();
                    }
                } else {
                    writer.write_labels(&orders).unwrap();
                }
                match mode {
                    BatchMode::PrintValid => {
                        let printed = writer.finish().unwrap();
                        check_print_valid(&entry, &printed, &orders, &bad);
                        assert_eq!(printed.output, pdf, "{entry}: the same bytes");
                    }
                    _ => check_all_or_nothing(&entry, writer.finish(), &orders, &bad),
                }
            }
        }

        // render_pdf takes valid labels: the unprintable ones are set aside, all or nothing.
        let valid: Vec<_> = orders.iter().filter_map(|o| o.validate().ok()).collect();
        match shiplabel::render_pdf(&valid, &options) {
            Err(RenderError::Rejected { total, rejected }) => {
                assert_eq!(total, valid.len());
                for r in &rejected {
                    assert_eq!(r.label.validate().unwrap(), valid[r.index]);
                    assert!(matches!(r.reason, Rejection::Layout(_)));
                }
                assert_eq!(rejected.len(), bad.iter().filter(|i| *i % 4 == 3).count());
            }
            other => panic!("render_pdf: {other:?}"),
        }

        // documents: a document fails on its own orders, and says which.
        let parts: Vec<_> = shiplabel::documents(valid.clone(), &options, 3).collect();
        let failed: usize = parts
            .iter()
            .map(|part| match part {
                Ok(_) => 0,
                Err(RenderError::Rejected { rejected, .. }) => rejected.len(),
                Err(other) => panic!("documents: {other}"),
            })
            .sum();
        assert_eq!(failed, bad.iter().filter(|i| *i % 4 == 3).count());
    }
}

#[cfg(feature = "png")]
#[test]
fn png_images_through_the_printing_layer_keep_every_order_too() {
    use shiplabel::{PngOutput, Printer, Raster, Sheet, SheetLayout};
    let (orders, bad) = orders();
    // One image per label: the same bytes as render_png of the same layout.
    let mut images = Vec::new();
    let mut printer = Printer::to(
        PngOutput::new(Raster::Print, |n, png| {
            images.push((n, png));
            Ok(())
        }),
        &Options::default(),
    )
    .with_mode(BatchMode::PrintValid);
    printer.write_labels(&orders).unwrap();
    let printed = printer.finish().unwrap();
    check_print_valid("PngOutput", &printed, &orders, &bad);
    assert_eq!(printed.output, printed.pages.len());
    for ((n, png), &index) in images.iter().zip(&printed.pages) {
        let layout =
            shiplabel::layout(&orders[index].validate().unwrap(), &Options::default()).unwrap();
        assert_eq!(
            png,
            &shiplabel::render_png(&layout, Raster::Print).unwrap(),
            "image {n}"
        );
    }

    // On sheets from position 2: an image per sheet, as Sheet::pages places them.
    let sheet = Sheet::new(SheetLayout::A4FourA6)
        .starting_at(2)
        .unwrap()
        .with_cut_marks(true);
    let options = Options::default().with_sheet(sheet);
    let mut images = Vec::new();
    let mut printer = Printer::to(
        PngOutput::new(Raster::Preview { ppi: 40 }, |_, png| {
            images.push(png);
            Ok(())
        }),
        &options,
    )
    .with_mode(BatchMode::PrintValid);
    printer.write_labels(&orders).unwrap();
    let printed = printer.finish().unwrap();
    let layouts: Vec<_> = printed
        .pages
        .iter()
        .map(|&i| shiplabel::layout(&orders[i].validate().unwrap(), &options).unwrap())
        .collect();
    let expected: Vec<Vec<u8>> = sheet
        .pages(layouts)
        .iter()
        .map(|page| shiplabel::render_sheet_png(page, Raster::Preview { ppi: 40 }).unwrap())
        .collect();
    // 5 labels from position 2: 3 on the first sheet, 2 on the second.
    assert_eq!((printed.pages.len(), expected.len()), (5, 2));
    assert_eq!(images, expected);

    // All or nothing: no image at all is kept.
    let mut printer = Printer::to(PngOutput::new(Raster::Print, |_, _| Ok(())), &options);
    printer.write_labels(&orders).unwrap();
    check_all_or_nothing("PngOutput all or nothing", printer.finish(), &orders, &bad);
}

#[test]
fn a_failing_writer_stops_the_run_with_an_io_error() {
    /// Accepts `left` bytes, then fails.
    #[derive(Debug)]
    struct Full {
        left: usize,
    }
    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if buf.len() > self.left {
                return Err(std::io::Error::other("disk full"));
            }
            self.left -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let (orders, _) = orders();
    // Room for less than the first label's page (about 1.3 KB): the run fails while it
    // writes labels, not only at the end.
    let mut writer = PdfWriter::new(Full { left: 1_000 }, &Options::default())
        .unwrap()
        .with_mode(BatchMode::PrintValid);
    let err = writer.write_labels(&orders).unwrap_err();
    assert!(matches!(err, RenderError::Io(_)), "{err:?}");
    assert_eq!(err.to_string(), "writing the output failed: disk full");
    // The I/O error itself is the cause, whole.
    let source = std::error::Error::source(&err).expect("a source");
    let io = source
        .downcast_ref::<shiplabel::IoError>()
        .expect("an IoError");
    assert_eq!(io.kind(), std::io::ErrorKind::Other);
    assert_eq!(
        std::error::Error::source(io).map(ToString::to_string),
        Some("disk full".to_owned())
    );
    // The writer stays failed: nothing more is written, and it cannot be finished.
    assert_eq!(writer.write_label(&orders[0]).unwrap_err(), err);
    assert_eq!(writer.finish().unwrap_err(), err);
}

#[test]
fn the_batch_mode_cannot_change_once_orders_are_offered() {
    let (orders, _) = orders();
    let options = Options::default().with_threads(1);
    let mut writer = PdfWriter::new(Vec::new(), &options).unwrap();
    writer.write_labels(&orders).unwrap();
    // All or nothing left the orders after the first rejection undrawn: switching to
    // print-valid now would lose them, so the printer fails instead.
    let writer = writer.with_mode(BatchMode::PrintValid);
    let err = writer.finish().unwrap_err();
    assert_eq!(err, RenderError::ModeChanged { offered: 9 });
    assert_eq!(
        err.to_string(),
        "the batch mode can only be set before the first order; 9 were offered already"
    );
    // Setting the mode it already has, or any mode before the first order, is fine.
    let mut writer = PdfWriter::new(Vec::new(), &options)
        .unwrap()
        .with_mode(BatchMode::PrintValid);
    writer.write_labels(&orders[..1]).unwrap();
    let printed = writer.with_mode(BatchMode::PrintValid).finish().unwrap();
    assert_eq!(printed.pages, [0]);
}
