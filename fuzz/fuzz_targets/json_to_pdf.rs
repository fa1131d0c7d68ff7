//! JSON bytes → `Label` → validation → layout → PDF, as the `label` example runs an order.
//!
//! Whatever the bytes, nothing may panic, hang or run out of memory; every refusal must be
//! a clear error (a field path and a message), and a label that lays out must render.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplabel::{Label, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(label) = serde_json::from_slice::<Label>(data) else {
        return;
    };
    let valid = match label.validate() {
        Ok(valid) => valid,
        Err(errors) => {
            for error in &errors {
                assert!(!error.field().is_empty(), "{error:?}");
                assert!(!error.message().is_empty(), "{error:?}");
            }
            return;
        }
    };
    let options = Options::default();
    match shiplabel::layout(&valid, &options) {
        Ok(_) => {
            let pdf = shiplabel::render_pdf(std::slice::from_ref(&valid), &options)
                .unwrap_or_else(|e| panic!("a label that lays out must render: {e}"));
            assert!(pdf.starts_with(b"%PDF-"));
        }
        Err(error) => {
            assert!(error.field().is_some(), "{error:?}");
            assert!(!error.to_string().is_empty());
        }
    }
});
