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
    /// Writing the output failed: the writer a PDF goes to, or where images go. The
    /// [`std::io::Error`] is its [`source`](std::error::Error::source).
    #[error("writing the output failed: {0}")]
    Io(#[from] IoError),
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
    /// The options contradict each other (a label size and a sheet of labels of another
    /// size): nothing was laid out.
    #[error(transparent)]
    Options(#[from] crate::options::OptionsConflict),
}

impl RenderError {
    /// A stable name for the kind of error, for programs: `no_labels`, `too_many_labels`,
    /// `rejected`, `pdf`, `io`, `mode_changed`, `zpl`, `png` or `conflicting_options`.
    ///
    /// ```
    /// let err = shiplabel::render_pdf(&[], &shiplabel::Options::default()).unwrap_err();
    /// assert_eq!(err.code(), "no_labels");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::NoLabels => "no_labels",
            RenderError::TooManyLabels { .. } => "too_many_labels",
            RenderError::Rejected { .. } => "rejected",
            RenderError::Pdf(_) => "pdf",
            RenderError::Io(_) => "io",
            RenderError::ModeChanged { .. } => "mode_changed",
            RenderError::Zpl(_) => "zpl",
            RenderError::Png(_) => "png",
            RenderError::Options(_) => "conflicting_options",
        }
    }
}

/// An I/O error while writing the output, with what was being written (`image 3`,
/// `document 2`) when there is more than one thing: [`RenderError::Io`]. The
/// [`std::io::Error`] is kept whole, as the [`source`](std::error::Error::source), so its
/// [`kind`](std::io::ErrorKind) can be matched (a client that went away, a full disk).
///
/// ```
/// use std::error::Error as _;
/// let err = shiplabel::IoError::new("image 3", std::io::Error::other("disk full"));
/// assert_eq!(err.to_string(), "image 3: disk full");
/// assert_eq!(err.kind(), std::io::ErrorKind::Other);
/// assert_eq!(err.source().unwrap().to_string(), "disk full");
/// ```
#[derive(Debug, Clone)]
pub struct IoError {
    context: Option<String>,
    source: std::sync::Arc<std::io::Error>,
}

impl IoError {
    /// `source`, met while writing `context` (empty: the one output).
    ///
    /// ```
    /// let err = shiplabel::IoError::new("", std::io::Error::other("broken pipe"));
    /// assert_eq!(err.to_string(), "broken pipe");
    /// ```
    pub fn new(context: impl Into<String>, source: std::io::Error) -> IoError {
        let context = context.into();
        IoError {
            context: (!context.is_empty()).then_some(context),
            source: std::sync::Arc::new(source),
        }
    }

    /// The kind of the I/O error.
    ///
    /// ```
    /// let err = shiplabel::IoError::new("", std::io::ErrorKind::BrokenPipe.into());
    /// assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    /// ```
    pub fn kind(&self) -> std::io::ErrorKind {
        self.source.kind()
    }

    /// The I/O error itself.
    ///
    /// ```
    /// let err = shiplabel::IoError::new("", std::io::Error::other("x"));
    /// assert_eq!(err.io_error().to_string(), "x");
    /// ```
    pub fn io_error(&self) -> &std::io::Error {
        &self.source
    }
}

impl From<std::io::Error> for IoError {
    fn from(source: std::io::Error) -> IoError {
        IoError::new("", source)
    }
}

impl From<std::io::Error> for RenderError {
    fn from(source: std::io::Error) -> RenderError {
        RenderError::Io(IoError::from(source))
    }
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.context {
            Some(context) => write!(f, "{context}: {}", self.source),
            None => write!(f, "{}", self.source),
        }
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Two I/O errors are equal when they say the same of the same thing.
impl PartialEq for IoError {
    fn eq(&self, other: &IoError) -> bool {
        self.context == other.context
            && self.kind() == other.kind()
            && self.source.to_string() == other.source.to_string()
    }
}
