//! JSON bytes → `Label` → validation → layout → PDF, as the `label` example runs an order.
//!
//! Whatever the bytes, nothing may panic, hang or run out of memory; every refusal must be
//! a clear error (a field path and a message), a label that lays out must render, and the
//! batch entry point must agree: the label printed, or returned with the same reason. The
//! laid-out Code 128 must read back to the order number.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplabel::fuzzing::code128_read;
use shiplabel::{BatchError, BatchMode, Label, Options, Rejection};

/// The Code 128 modules in a layout's dump: the line of bars two lines after `code128 …`.
fn code128_bars(dump: &str) -> Option<Vec<bool>> {
    let mut lines = dump.lines().skip_while(|l| !l.starts_with("code128 "));
    let bars = lines.nth(2)?.trim();
    Some(bars.chars().map(|c| c == '1').collect())
}

fuzz_target!(|data: &[u8]| {
    let Ok(label) = serde_json::from_slice::<Label>(data) else {
        return;
    };
    let options = Options::default();
    let batch = shiplabel::render_batch(
        std::slice::from_ref(&label),
        BatchMode::PrintValid,
        &options,
    );
    let valid = match label.validate() {
        Ok(valid) => valid,
        Err(errors) => {
            for error in &errors {
                assert!(!error.field().is_empty(), "{error:?}");
                assert!(!error.message().is_empty(), "{error:?}");
            }
            match batch {
                Err(BatchError::Rejected { rejected, .. }) => {
                    assert_eq!(rejected[0].reason, Rejection::Invalid(errors));
                    assert_eq!(rejected[0].label, label);
                }
                other => panic!("an invalid label in a batch gave {other:?}"),
            }
            return;
        }
    };
    match shiplabel::layout(&valid, &options) {
        Ok(layout) => {
            let bars = code128_bars(&layout.to_string()).expect("the layout has a Code 128");
            assert_eq!(
                code128_read(&bars).as_deref(),
                Some(valid.order().number().as_str())
            );
            let pdf = shiplabel::render_pdf(std::slice::from_ref(&valid), &options)
                .unwrap_or_else(|e| panic!("a label that lays out must render: {e}"));
            assert!(pdf.starts_with(b"%PDF-"));
            match batch {
                Ok(printed) => {
                    assert_eq!(printed.pages, [0]);
                    assert_eq!(printed.pdf, pdf);
                }
                other => panic!("a printable label in a batch gave {other:?}"),
            }
        }
        Err(error) => {
            assert!(error.field().is_some(), "{error:?}");
            assert!(!error.to_string().is_empty());
            match batch {
                Err(BatchError::Rejected { rejected, .. }) => {
                    assert_eq!(rejected[0].reason, Rejection::Layout(error));
                }
                other => panic!("an unprintable label in a batch gave {other:?}"),
            }
        }
    }
});
