//! Rendering laid-out labels into output formats.

pub(crate) mod pdf;

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
    /// A label could not be laid out.
    #[error("label {index} (order {order}): {source}")]
    Layout {
        /// The label's position in the list, from 0.
        index: usize,
        /// Its order number.
        order: String,
        /// What went wrong.
        source: crate::LayoutError,
    },
    /// Writing the PDF failed (font subsetting or serialisation).
    #[error("pdf: {0}")]
    Pdf(String),
}
