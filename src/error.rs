//! The one error of every way of printing.

use crate::batch::{Rejected, rejected_lines};

/// Why labels could not be rendered: the one error of every way of printing.
///
/// ```
/// let err = shiplabel::render_pdf(&[], &shiplabel::Options::default()).unwrap_err();
/// assert_eq!(err.to_string(), "no labels to render");
///
/// let mut label = shiplabel::Label::sample();
/// // A valid order number, but its Code 128 is wider than the label.
/// label.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
/// let labels = [shiplabel::Label::sample().validate()?, label.validate()?];
/// match shiplabel::render_pdf(&labels, &Default::default()) {
///     Err(shiplabel::RenderError::Rejected { total: 2, rejected }) => {
///         assert_eq!(rejected[0].index, 1);
///         assert!(matches!(&rejected[0].reason,
///             shiplabel::Rejection::Layout(e) if e.field() == Some("order.number")));
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// No order was given: a PDF needs at least one page.
    #[error("no labels to render")]
    NoLabels,
    /// More labels than one call prints ([`MAX_LABELS`](crate::MAX_LABELS)); nothing was
    /// laid out. Split the run.
    #[error("{count} labels in one call; at most {max} are allowed")]
    TooManyLabels {
        /// How many labels were passed.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Orders that cannot be printed, and so nothing was: in
    /// [`BatchMode::AllOrNothing`](crate::BatchMode::AllOrNothing) any, in
    /// [`BatchMode::PrintValid`](crate::BatchMode::PrintValid) all of them. Each is here,
    /// as given, with every problem.
    #[error("{}", rejected_lines(*.total, .rejected))]
    Rejected {
        /// How many orders the run held.
        total: usize,
        /// Every order that cannot be printed, in order.
        rejected: Vec<Rejected>,
    },
    /// Making the PDF failed (a bundled font could not be subset or embedded).
    #[error("pdf: {0}")]
    Pdf(String),
    /// Writing the output failed: the writer a PDF goes to, or where images go.
    #[error("writing the output failed: {0}")]
    Io(String),
    /// [`Printer::with_mode`](crate::Printer::with_mode) was called after orders were
    /// offered: the batch policy holds for a whole run.
    #[error(
        "the batch mode can only be set before the first order; {offered} were offered already"
    )]
    ModeChanged {
        /// Orders offered before the change.
        offered: usize,
    },
    /// Making ZPL failed: a Code 128 `^BC` cannot spell, or a bundled font that could not
    /// be read; or ZPL asked for on sheets.
    #[error("zpl: {0}")]
    Zpl(String),
    /// Making a PNG failed: a preview resolution out of range, or a bundled font that
    /// could not be read.
    #[error("png: {0}")]
    Png(String),
}
