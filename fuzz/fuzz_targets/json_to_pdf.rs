//! JSON bytes → `Label` → validation → layout → PDF, as the `label` example runs an order.
//!
//! Whatever the bytes, nothing may panic, hang or run out of memory; every refusal must be
//! a clear error (a field path and a message), a label that lays out must render, and the
//! batch entry point must agree: the label printed, or returned with the same reason.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplabel::{BatchError, BatchMode, Label, Options, Rejection};

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
        Ok(_) => {
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
