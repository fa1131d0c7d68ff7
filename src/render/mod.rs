//! Rendering laid-out labels into output formats.

mod content;
mod draw;
mod embed;
mod file;
#[cfg(feature = "printpdf")]
mod printpdf_page;
mod sfnt;
mod sheet;
mod subset;
pub(crate) mod writer;

#[cfg(feature = "printpdf")]
pub use printpdf_page::draw_on_printpdf;
pub use writer::PdfWriter;

/// Why labels could not be rendered.
///
/// ```
/// let err = shiplabel::render_pdf(&[], &shiplabel::Options::default()).unwrap_err();
/// assert_eq!(err.to_string(), "no labels to render");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The list of labels was empty: a PDF needs at least one page.
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
    /// Labels that could not be laid out: every one of them, in order.
    #[error("{}", LabelFailure::lines(.0))]
    Layout(Vec<LabelFailure>),
    /// Making the PDF failed (a bundled font could not be subset or embedded).
    #[error("pdf: {0}")]
    Pdf(String),
    /// The writer the PDF goes to failed.
    #[error("writing the pdf failed: {0}")]
    Io(String),
    /// Making a PNG failed: a preview resolution out of range, or a bundled font that
    /// could not be read.
    #[error("png: {0}")]
    Png(String),
}

/// One label of a batch that could not be laid out.
///
/// `Display` gives `label 3 (order TT-1): recipient.name: …`.
///
/// ```
/// let mut label = shiplabel::Label::sample();
/// // A valid order number, but its Code 128 is wider than the label.
/// label.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
/// let labels = [shiplabel::Label::sample().validate()?, label.validate()?];
/// match shiplabel::render_pdf(&labels, &Default::default()) {
///     Err(shiplabel::RenderError::Layout(failures)) => {
///         assert_eq!(failures.len(), 1);
///         assert_eq!(failures[0].index, 1);
///         assert_eq!(failures[0].error.field(), Some("order.number"));
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("label {index} (order {order}): {error}")]
pub struct LabelFailure {
    /// The label's position in the list, from 0.
    pub index: usize,
    /// Its order number.
    pub order: String,
    /// What went wrong.
    pub error: crate::LayoutError,
}

impl LabelFailure {
    fn lines(failures: &[LabelFailure]) -> String {
        failures
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }
}
