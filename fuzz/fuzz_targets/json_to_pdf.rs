//! JSON bytes → `Label` → validation → layout → PDF, as the `label` example runs an order.
//!
//! Whatever the bytes, nothing may panic, hang or run out of memory; every refusal must be
//! a clear error (a field path and a message), a label that lays out must render, and the
//! batch entry point must agree: the label printed, or returned with the same reason. The
//! laid-out Code 128 must read back to the order number.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplabel::fuzzing::code128_read;
use shiplabel::{BatchMode, Element, Label, Options, Rejection, RenderError};

/// The Code 128 modules of a layout.
fn code128_bars(layout: &shiplabel::LabelLayout) -> Option<Vec<bool>> {
    layout.elements().iter().find_map(|e| match e {
        Element::Code128(bars) => Some(bars.modules().to_vec()),
        _ => None,
    })
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
                Err(RenderError::Rejected { rejected, .. }) => {
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
            let bars = code128_bars(&layout).expect("the layout has a Code 128");
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
                    assert_eq!(printed.output, pdf);
                }
                other => panic!("a printable label in a batch gave {other:?}"),
            }
        }
        Err(error) => {
            assert!(error.field().is_some(), "{error:?}");
            assert!(!error.to_string().is_empty());
            match batch {
                Err(RenderError::Rejected { rejected, .. }) => {
                    assert_eq!(rejected[0].reason, Rejection::Layout(error));
                }
                other => panic!("an unprintable label in a batch gave {other:?}"),
            }
        }
    }
});
