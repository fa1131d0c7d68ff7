//! Property tests: random valid labels render, or fail layout with a clear error naming the
//! field; rendering is deterministic; every PDF parses back with one page per printed label.
//! Case counts are kept small so that `cargo test` stays quick (each case renders PDFs).

mod common;

use common::labels;
use proptest::prelude::*;
use shiplabel::{BatchMode, Dpi, LayoutError, Options, Rejection, RenderError};

/// A layout error a user can act on: it names a field of the order.
fn is_clear(error: &LayoutError) -> bool {
    let known = error.field().is_some_and(|f| {
        f == "order"
            || ["order.", "recipient.", "seller."]
                .iter()
                .any(|p| f.starts_with(p))
    });
    let actionable = matches!(
        error,
        LayoutError::DoesNotFit { .. }
            | LayoutError::UncoveredCharacter { .. }
            | LayoutError::BarcodeTooWide { .. }
            | LayoutError::QrTooLarge { .. }
    );
    known && actionable
}

fn page_count(pdf: &[u8]) -> Result<usize, TestCaseError> {
    let document = lopdf::Document::load_mem(pdf)
        .map_err(|e| TestCaseError::fail(format!("the PDF does not parse back: {e}")))?;
    Ok(document.get_pages().len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_valid_label_renders_deterministically_or_fails_layout_clearly(label in labels::label()) {
        let valid = label
            .validate()
            .map_err(|e| TestCaseError::fail(format!("the generator made an invalid label: {e}")))?;
        let options = Options::default();
        let labels = std::slice::from_ref(&valid);
        match shiplabel::render_pdf(labels, &options) {
            Ok(pdf) => {
                prop_assert_eq!(page_count(&pdf)?, 1);
                let again = shiplabel::render_pdf(labels, &options);
                prop_assert!(again.as_ref() == Ok(&pdf), "a second rendering differs");
            }
            Err(RenderError::Rejected { total, rejected }) => {
                prop_assert_eq!((total, rejected.len()), (1, 1));
                prop_assert_eq!(rejected[0].index, 0);
                let Rejection::Layout(error) = &rejected[0].reason else {
                    return Err(TestCaseError::fail(format!("not a layout error: {:?}", rejected[0])));
                };
                prop_assert!(is_clear(error), "{:?}", error);
                // The same error every time, and the same from layout alone.
                prop_assert_eq!(shiplabel::layout(&valid, &options), Err(error.clone()));
            }
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_batch_prints_a_page_per_printable_label_and_returns_the_rest(
        batch in prop::collection::vec(labels::label(), 1..=4),
        dpi in prop::sample::select(vec![Dpi::DPI_203, Dpi::DPI_300]),
    ) {
        let options = Options::default().with_dpi(dpi);
        match shiplabel::render_batch(&batch, BatchMode::PrintValid, &options) {
            Ok(printed) => {
                prop_assert_eq!(page_count(&printed.output)?, printed.pages.len());
                let mut seen = printed.pages.clone();
                seen.extend(printed.rejected.iter().map(|r| r.index));
                seen.sort_unstable();
                prop_assert_eq!(seen, (0..batch.len()).collect::<Vec<_>>());
                for r in &printed.rejected {
                    prop_assert_eq!(&r.label, &batch[r.index]);
                }
                let again = shiplabel::render_batch(&batch, BatchMode::PrintValid, &options);
                prop_assert!(again.as_ref() == Ok(&printed), "a second rendering differs");
            }
            Err(RenderError::Rejected { total, rejected }) => {
                prop_assert_eq!(total, batch.len());
                prop_assert_eq!(rejected.len(), batch.len());
            }
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A valid label turned back into an order (as the printing layer returns a ValidLabel
    /// it sets aside) is the same order: it validates to the same label.
    #[test]
    fn a_valid_label_as_an_order_validates_to_itself(label in labels::label()) {
        let valid = label
            .validate()
            .map_err(|e| TestCaseError::fail(format!("the generator made an invalid label: {e}")))?;
        let again = shiplabel::Label::from(&valid).validate();
        prop_assert_eq!(again, Ok(valid));
    }
}
