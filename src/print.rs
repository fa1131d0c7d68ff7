//! Printing in memory: orders into one PDF held in a `Vec<u8>`, through the printing
//! layer ([`PdfWriter`]) with its one batch policy.

use crate::batch::{BatchMode, Printable, Printed};
use crate::error::RenderError;
use crate::limits::MAX_LABELS;
use crate::model::Label;
use crate::options::Options;
use crate::render::PdfWriter;
use crate::validate::ValidLabel;

/// Renders labels into one PDF in memory: a page per label, each followed by its customs
/// forms' pages when it has a declaration, or on a [`Sheet`](crate::Sheet) several to a
/// page; all or nothing.
///
/// Fonts are embedded once for the whole document and subset to the characters used. The
/// output depends only on `labels` and `options`: the same input gives the same bytes. One
/// label is drawn on the calling thread; more on [`Options::threads`] threads.
///
/// # Errors
///
/// [`RenderError::NoLabels`] for an empty list; [`RenderError::TooManyLabels`] for more than
/// [`MAX_LABELS`], before anything is laid out (stream longer runs with [`PdfWriter`]);
/// [`RenderError::Rejected`] listing every label that cannot be laid out, each with its
/// index, order number and [`LayoutError`](crate::LayoutError) (text that does not fit even
/// at 7 pt wrapped, a character the fonts lack, an order number too long for a Code 128 on
/// the label); [`RenderError::Pdf`] if making the PDF fails. Nothing is rendered unless
/// every label can be.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let label = shiplabel::Label::sample().validate()?;
/// let pdf = shiplabel::render_pdf(&[label.clone(), label], &shiplabel::Options::default())?;
/// std::fs::write(std::env::temp_dir().join("two-labels.pdf"), &pdf)?;
/// # Ok(()) }
/// ```
pub fn render_pdf(labels: &[ValidLabel], options: &Options) -> Result<Vec<u8>, RenderError> {
    print(labels, BatchMode::AllOrNothing, options).map(|printed| printed.output)
}

/// Validates orders and renders the printable ones into one PDF in memory, as `mode` says:
/// all or nothing (the default), or the printable ones with the others returned, each as
/// given and with why.
///
/// # Errors
///
/// [`RenderError::NoLabels`] for no orders; [`RenderError::TooManyLabels`] for more than
/// [`MAX_LABELS`], before any order is validated; [`RenderError::Rejected`] with every
/// order that cannot be printed, when that means nothing is printed (any of them in
/// [`BatchMode::AllOrNothing`], all of them in [`BatchMode::PrintValid`]);
/// [`RenderError::Pdf`] if making the PDF fails.
///
/// # Examples
///
/// ```
/// use shiplabel::{BatchMode, Options, RenderError};
/// let mut bad = shiplabel::Label::sample();
/// bad.order.number = "TT-7".into();
/// bad.recipient.address.country = "XX".into();
/// let labels = [shiplabel::Label::sample(), bad];
///
/// // All or nothing (the default): no PDF, and every rejected order with its problems.
/// match shiplabel::render_batch(&labels, BatchMode::default(), &Options::default()) {
///     Err(RenderError::Rejected { total, rejected }) => {
///         assert_eq!((total, rejected.len()), (2, 1));
///         assert_eq!(rejected[0].order_number.as_deref(), Some("TT-7"));
///     }
///     other => panic!("{other:?}"),
/// }
///
/// // Print the valid ones: a PDF of one page, and the other order back, unchanged.
/// let printed = shiplabel::render_batch(&labels, BatchMode::PrintValid, &Options::default()).unwrap();
/// assert_eq!(printed.pages, [0]);
/// assert_eq!(printed.rejected[0].label, labels[1]);
/// ```
pub fn render_batch(
    labels: &[Label],
    mode: BatchMode,
    options: &Options,
) -> Result<Printed, RenderError> {
    print(labels, mode, options)
}

/// `labels` through the printing layer into memory.
fn print<'a, P>(labels: &'a [P], mode: BatchMode, options: &Options) -> Result<Printed, RenderError>
where
    &'a P: Printable,
{
    if labels.is_empty() {
        return Err(RenderError::NoLabels);
    }
    if labels.len() > MAX_LABELS {
        return Err(RenderError::TooManyLabels {
            count: labels.len(),
            max: MAX_LABELS,
        });
    }
    let mut writer = PdfWriter::new(Vec::new(), options)?.with_mode(mode);
    if labels.len() == 1 {
        writer.write_label(&labels[0])?;
    } else {
        writer.write_labels(labels)?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Rejection;
    use crate::batch::tests::invalid;

    fn unprintable() -> Label {
        let mut label = Label::sample();
        // Valid, but its Code 128 is wider than the label.
        label.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
        label
    }

    #[test]
    fn all_or_nothing_prints_nothing_and_reports_invalid_and_unprintable_orders() {
        let labels = [Label::sample(), unprintable(), invalid()];
        for threads in [1, 3] {
            let options = Options::default().with_threads(threads);
            let err = render_batch(&labels, BatchMode::AllOrNothing, &options).unwrap_err();
            let RenderError::Rejected { total, rejected } = &err else {
                panic!("{err:?}")
            };
            assert_eq!(*total, 3);
            let indices: Vec<usize> = rejected.iter().map(|r| r.index).collect();
            assert_eq!(indices, [1, 2]);
            assert!(
                matches!(&rejected[0].reason, Rejection::Layout(e) if e.field() == Some("order.number"))
            );
            assert_eq!(rejected[0].label, labels[1]);
            let text = err.to_string();
            assert_eq!(
                text.lines().next(),
                Some("2 of 3 labels cannot be printed; nothing was printed")
            );
            assert_eq!(
                text.lines().nth(1),
                Some(
                    "label 1 (order THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128): order.number: \
                     its Code 128 is 541 modules wide, but the 4x6 label has room for 248 (with \
                     10-module quiet zones) at the narrowest module, 3 dots (0.38 mm) at 203 dpi; \
                     use an order number of at most 19 characters, or 38 digits (runs of digits \
                     encode two to a symbol)"
                )
            );
            assert_eq!(text.lines().count(), 4);
        }
    }

    #[test]
    fn print_valid_prints_the_rest_and_returns_every_rejected_order_intact() {
        let labels = [invalid(), Label::sample(), unprintable(), Label::sample()];
        let printed = render_batch(&labels, BatchMode::PrintValid, &Options::default()).unwrap();
        assert_eq!(printed.pages, [1, 3]);
        let pages = lopdf::Document::load_mem(&printed.output)
            .unwrap()
            .get_pages();
        assert_eq!(pages.len(), 2);
        let returned: Vec<(usize, &Label)> = printed
            .rejected
            .iter()
            .map(|r| (r.index, &r.label))
            .collect();
        assert_eq!(returned, [(0, &labels[0]), (2, &labels[2])]);
        // Every order is printed or returned: none is lost.
        let mut seen: Vec<usize> = printed.pages.clone();
        seen.extend(printed.rejected.iter().map(|r| r.index));
        seen.sort_unstable();
        assert_eq!(seen, [0, 1, 2, 3]);
    }

    #[test]
    fn print_valid_with_nothing_printable_is_an_error_holding_every_order() {
        let labels = [invalid(), unprintable()];
        match render_batch(&labels, BatchMode::PrintValid, &Options::default()) {
            Err(RenderError::Rejected { total: 2, rejected }) => {
                assert_eq!(rejected.len(), 2);
                assert_eq!(rejected[1].label, labels[1]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn all_valid_prints_every_order_in_either_mode_with_any_threads() {
        let labels = [Label::sample(), Label::sample(), Label::sample()];
        let valid: Vec<ValidLabel> = labels.iter().map(|l| l.validate().unwrap()).collect();
        let expected = render_pdf(&valid, &Options::default()).unwrap();
        for mode in [BatchMode::AllOrNothing, BatchMode::PrintValid] {
            for threads in [1, 2, 5] {
                let options = Options::default().with_threads(threads);
                let printed = render_batch(&labels, mode, &options).unwrap();
                assert_eq!(printed.pages, [0, 1, 2]);
                assert!(printed.rejected.is_empty());
                // The same bytes as render_pdf gives for the same labels, on any threads.
                assert_eq!(printed.output, expected);
            }
        }
    }

    #[test]
    fn limits_are_checked_before_any_work() {
        assert_eq!(
            render_batch(&[], BatchMode::PrintValid, &Options::default()),
            Err(RenderError::NoLabels)
        );
        // Invalid orders over the limit: refused for their number, not validated.
        let labels = vec![invalid(); MAX_LABELS + 1];
        let err = render_batch(&labels, BatchMode::PrintValid, &Options::default()).unwrap_err();
        assert_eq!(
            err,
            RenderError::TooManyLabels {
                count: MAX_LABELS + 1,
                max: MAX_LABELS
            }
        );
        assert_eq!(
            err.to_string(),
            "1001 labels in one call; at most 1000 are allowed"
        );
    }

    #[test]
    fn a_valid_label_set_aside_comes_back_as_the_order_it_is() {
        let valid = unprintable().validate().unwrap();
        let err = render_pdf(std::slice::from_ref(&valid), &Options::default()).unwrap_err();
        let RenderError::Rejected { rejected, .. } = err else {
            panic!("{err:?}")
        };
        assert_eq!(rejected[0].label.validate().unwrap(), valid);
    }
}
