//! Batches: many orders in one call, and none of them lost.
//!
//! [`validate_batch`] checks every order and keeps each invalid one, as given, with every
//! problem. [`render_batch`] (or [`Batch::render_pdf`]) then prints either all of them or
//! nothing ([`BatchMode::AllOrNothing`], the default), or the ones that can be printed while
//! returning the others ([`BatchMode::PrintValid`]). Every order ends up on a page or in a
//! [`Rejected`], never in neither.

use std::fmt;

use crate::limits::MAX_LABELS;
use crate::model::Label;
use crate::options::Options;
use crate::validate::{ValidLabel, ValidationErrors};
use crate::{LayoutError, render};

/// What a batch does when some of its orders cannot be printed.
///
/// ```
/// assert_eq!(shiplabel::BatchMode::default(), shiplabel::BatchMode::AllOrNothing);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BatchMode {
    /// Print nothing unless every order is valid and can be laid out; otherwise report every
    /// order that cannot be printed ([`BatchError::Rejected`]). The default, as
    /// [`render_pdf`](crate::render_pdf).
    #[default]
    AllOrNothing,
    /// Print the orders that can be printed and return the others, as given, in
    /// [`Printed::rejected`].
    PrintValid,
}

/// Why an order was not printed.
///
/// ```
/// let mut label = shiplabel::Label::sample();
/// label.recipient.address.postcode = None;
/// let batch = shiplabel::validate_batch(&[label]);
/// match &batch.rejected()[0].reason {
///     shiplabel::Rejection::Invalid(errors) => {
///         assert_eq!(errors.iter().next().unwrap().field(), "recipient.address.postcode");
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rejection {
    /// The order failed validation: every problem, with its field path.
    Invalid(ValidationErrors),
    /// The order is valid but cannot be laid out on the label (text too long even at the
    /// smallest size, a character the fonts lack, an order number too wide for the Code 128).
    Layout(LayoutError),
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Invalid(errors) => errors.fmt(f),
            Rejection::Layout(error) => error.fmt(f),
        }
    }
}

/// An order of a batch that was not printed: where it was, its order number, the order
/// itself exactly as it was passed in, and why.
///
/// `Display` gives one line per problem, `label 1 (order TT-1): recipient.name: …`.
///
/// ```
/// let mut label = shiplabel::Label::sample();
/// label.seller.name = " ".into();
/// let batch = shiplabel::validate_batch(&[shiplabel::Label::sample(), label.clone()]);
/// let rejected = &batch.rejected()[0];
/// assert_eq!(rejected.index, 1);
/// assert_eq!(rejected.order_number.as_deref(), Some("TT-2026-000123"));
/// assert_eq!(rejected.label, label);
/// assert_eq!(rejected.to_string(), "label 1 (order TT-2026-000123): seller.name: must not be empty");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// The order's position in the list passed in, from 0.
    pub index: usize,
    /// The order number as given, trimmed; `None` when it is blank.
    pub order_number: Option<String>,
    /// The order, unchanged.
    pub label: Label,
    /// Why it was not printed.
    pub reason: Rejection,
}

impl Rejected {
    fn new(index: usize, label: Label, reason: Rejection) -> Rejected {
        let number = label.order.number.trim();
        Rejected {
            index,
            order_number: (!number.is_empty()).then(|| number.to_owned()),
            label,
            reason,
        }
    }
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match &self.order_number {
            Some(number) => format!("label {} (order {number}): ", self.index),
            None => format!("label {}: ", self.index),
        };
        let reason = self.reason.to_string();
        for (i, line) in reason.lines().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{prefix}{line}")?;
        }
        Ok(())
    }
}

/// Orders validated together: the valid ones, ready to lay out, and every invalid one.
///
/// Built by [`validate_batch`]; printed by [`Batch::render_pdf`].
///
/// ```
/// let mut bad = shiplabel::Label::sample();
/// bad.recipient.address.country = "UK".into();
/// let batch = shiplabel::validate_batch(&[shiplabel::Label::sample(), bad]);
/// assert_eq!(batch.len(), 2);
/// assert_eq!(batch.valid().len(), 1);
/// assert_eq!(batch.rejected()[0].index, 1);
/// ```
#[derive(Debug, Clone)]
pub struct Batch {
    len: usize,
    valid: Vec<(usize, ValidLabel)>,
    /// The valid orders as given, beside `valid`: returned if one cannot be laid out.
    inputs: Vec<Label>,
    rejected: Vec<Rejected>,
}

/// Validates every order of a batch.
///
/// Each invalid order is kept, unchanged, in [`Batch::rejected`] with its index, its order
/// number and every problem; the valid ones are in [`Batch::valid`]. Validation holds
/// nothing larger than the orders themselves, so any number of orders may be checked;
/// printing is limited to [`MAX_LABELS`] a call.
///
/// # Examples
///
/// ```
/// let mut bad = shiplabel::Label::sample();
/// bad.recipient.address.postcode = Some("NW1".into());
/// let batch = shiplabel::validate_batch(&[bad, shiplabel::Label::sample()]);
/// for rejected in batch.rejected() {
///     eprintln!("{rejected}");
/// }
/// assert_eq!(
///     batch.rejected()[0].to_string(),
///     "label 0 (order TT-2026-000123): recipient.address.postcode: \"NW1\" is not a valid \
///      postcode for UNITED KINGDOM (e.g. \"EC1Y 8SY\")"
/// );
/// ```
pub fn validate_batch(labels: &[Label]) -> Batch {
    let mut valid = Vec::new();
    let mut inputs = Vec::new();
    let mut rejected = Vec::new();
    for (index, label) in labels.iter().enumerate() {
        match label.validate() {
            Ok(v) => {
                valid.push((index, v));
                inputs.push(label.clone());
            }
            Err(errors) => rejected.push(Rejected::new(
                index,
                label.clone(),
                Rejection::Invalid(errors),
            )),
        }
    }
    Batch {
        len: labels.len(),
        valid,
        inputs,
        rejected,
    }
}

impl Batch {
    /// How many orders the batch holds, valid or not.
    ///
    /// ```
    /// assert_eq!(shiplabel::validate_batch(&[shiplabel::Label::sample()]).len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the batch holds no orders.
    ///
    /// ```
    /// assert!(shiplabel::validate_batch(&[]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The valid orders, each with its index in the list passed in, in order.
    ///
    /// ```
    /// let batch = shiplabel::validate_batch(&[shiplabel::Label::sample()]);
    /// assert_eq!(batch.valid()[0].0, 0);
    /// assert_eq!(batch.valid()[0].1.order().number().as_str(), "TT-2026-000123");
    /// ```
    pub fn valid(&self) -> &[(usize, ValidLabel)] {
        &self.valid
    }

    /// The invalid orders, in order, each as given and with every problem.
    ///
    /// ```
    /// let batch = shiplabel::validate_batch(&[shiplabel::Label::sample()]);
    /// assert!(batch.rejected().is_empty());
    /// ```
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Lays out the valid orders and renders them into one PDF: a page per label, or on a
    /// [`Sheet`](crate::Sheet) several to a page.
    ///
    /// Every valid order is laid out, so that the orders that cannot be printed are all
    /// reported at once. In [`BatchMode::AllOrNothing`] the PDF is written only if no order
    /// was rejected; in [`BatchMode::PrintValid`] it holds every order that could be laid
    /// out, and [`Printed::rejected`] the others.
    ///
    /// # Errors
    ///
    /// [`BatchError::NoLabels`] for an empty batch; [`BatchError::TooManyLabels`] for more
    /// than [`MAX_LABELS`] orders, before anything is laid out; [`BatchError::Rejected`]
    /// with every order that cannot be printed, when that means nothing is printed (any of
    /// them in `AllOrNothing`, all of them in `PrintValid`); [`BatchError::Pdf`] if writing
    /// the PDF fails.
    ///
    /// # Examples
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use shiplabel::{BatchMode, Options};
    /// let mut bad = shiplabel::Label::sample();
    /// // Valid, but its Code 128 is wider than the label.
    /// bad.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
    /// let labels = [shiplabel::Label::sample(), bad];
    /// let printed = shiplabel::validate_batch(&labels).render_pdf(BatchMode::PrintValid, &Options::default())?;
    /// assert_eq!(printed.pages, [0]);
    /// assert_eq!(printed.rejected[0].index, 1);
    /// assert_eq!(printed.rejected[0].label, labels[1]);
    /// # Ok(()) }
    /// ```
    pub fn render_pdf(self, mode: BatchMode, options: &Options) -> Result<Printed, BatchError> {
        let total = self.len;
        if total == 0 {
            return Err(BatchError::NoLabels);
        }
        if total > MAX_LABELS {
            return Err(BatchError::TooManyLabels {
                count: total,
                max: MAX_LABELS,
            });
        }
        let mut rejected = self.rejected;
        let mut layouts = Vec::new();
        let mut pages = Vec::new();
        let (indices, labels): (Vec<usize>, Vec<ValidLabel>) = self.valid.into_iter().unzip();
        let laid_out = crate::layout::layout_all(&labels, options);
        for ((index, result), input) in indices.into_iter().zip(laid_out).zip(self.inputs) {
            match result {
                Ok(l) => {
                    layouts.push(l);
                    pages.push(index);
                }
                Err(error) => rejected.push(Rejected::new(index, input, Rejection::Layout(error))),
            }
        }
        rejected.sort_by_key(|r| r.index);
        if layouts.is_empty() || (mode == BatchMode::AllOrNothing && !rejected.is_empty()) {
            return Err(BatchError::Rejected { total, rejected });
        }
        let pdf = render::writer::write_pdf(&layouts, options)
            .map_err(|e| BatchError::Pdf(e.to_string()))?;
        Ok(Printed {
            pdf,
            pages,
            rejected,
        })
    }
}

/// Validates a batch of orders and renders the printable ones into one PDF, as `mode`
/// says: [`validate_batch`] then [`Batch::render_pdf`].
///
/// # Errors
///
/// As [`Batch::render_pdf`]; [`BatchError::TooManyLabels`] is checked before any order is
/// validated.
///
/// # Examples
///
/// ```
/// use shiplabel::{BatchError, BatchMode, Options};
/// let mut bad = shiplabel::Label::sample();
/// bad.order.number = "TT-7".into();
/// bad.recipient.address.country = "XX".into();
/// let labels = [shiplabel::Label::sample(), bad];
///
/// // All or nothing (the default): no PDF, and every rejected order with its problems.
/// match shiplabel::render_batch(&labels, BatchMode::default(), &Options::default()) {
///     Err(BatchError::Rejected { total, rejected }) => {
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
) -> Result<Printed, BatchError> {
    if labels.len() > MAX_LABELS {
        return Err(BatchError::TooManyLabels {
            count: labels.len(),
            max: MAX_LABELS,
        });
    }
    validate_batch(labels).render_pdf(mode, options)
}

/// A printed batch: the PDF, which order is on each page, and the orders left out.
///
/// ```
/// let labels = [shiplabel::Label::sample(), shiplabel::Label::sample()];
/// let printed = shiplabel::render_batch(&labels, Default::default(), &Default::default()).unwrap();
/// assert!(printed.pdf.starts_with(b"%PDF-"));
/// assert_eq!(printed.pages, [0, 1]);
/// assert!(printed.rejected.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The PDF: a page per printed order, or on sheets several to a page, in order.
    pub pdf: Vec<u8>,
    /// For each printed label, in print order, the index of its order in the list passed in:
    /// label `i` is page `i`, or on sheets the `i`-th position filled from the sheet's start.
    pub pages: Vec<usize>,
    /// The orders not printed, by index, each as given and with why
    /// ([`BatchMode::PrintValid`] only; in `AllOrNothing` a rejection prints nothing).
    pub rejected: Vec<Rejected>,
}

/// Why a batch printed nothing.
///
/// ```
/// let err = shiplabel::render_batch(&[], Default::default(), &Default::default()).unwrap_err();
/// assert_eq!(err.to_string(), "no labels to render");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The batch was empty: a PDF needs at least one page.
    #[error("no labels to render")]
    NoLabels,
    /// More orders than one call prints ([`MAX_LABELS`]); none was looked at. Split the run.
    #[error("{count} labels in one call; at most {max} are allowed")]
    TooManyLabels {
        /// How many orders were passed.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Orders that cannot be printed, and so nothing was: in
    /// [`BatchMode::AllOrNothing`] any, in [`BatchMode::PrintValid`] all of them. Each is
    /// here, as given, with every problem.
    #[error("{}", rejected_lines(*.total, .rejected))]
    Rejected {
        /// How many orders the batch held.
        total: usize,
        /// Every order that cannot be printed, in order.
        rejected: Vec<Rejected>,
    },
    /// Writing the PDF failed (font subsetting or serialisation).
    #[error("pdf: {0}")]
    Pdf(String),
}

fn rejected_lines(total: usize, rejected: &[Rejected]) -> String {
    let mut out = format!(
        "{} of {total} labels cannot be printed; nothing was printed",
        rejected.len()
    );
    for r in rejected {
        out.push('\n');
        out.push_str(&r.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn invalid() -> Label {
        let mut label = Label::sample();
        label.order.number = "  BAD-1 ".into();
        label.recipient.address.postcode = Some("NW1".into());
        label.seller.name = String::new();
        label
    }

    fn unprintable() -> Label {
        let mut label = Label::sample();
        // Valid, but its Code 128 is wider than the label.
        label.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
        label
    }

    #[test]
    fn every_invalid_order_is_kept_with_its_index_number_and_problems() {
        let labels = [Label::sample(), invalid(), Label::sample(), invalid()];
        let batch = validate_batch(&labels);
        assert_eq!(batch.len(), 4);
        let valid: Vec<usize> = batch.valid().iter().map(|(i, _)| *i).collect();
        assert_eq!(valid, [0, 2]);
        let rejected = batch.rejected();
        assert_eq!(rejected.len(), 2);
        for (r, index) in rejected.iter().zip([1, 3]) {
            assert_eq!(r.index, index);
            assert_eq!(r.order_number.as_deref(), Some("BAD-1"));
            assert_eq!(r.label, labels[index]);
            let Rejection::Invalid(errors) = &r.reason else {
                panic!("{r:?}")
            };
            let found: Vec<(&str, ErrorKind)> =
                errors.iter().map(|e| (e.field(), e.kind())).collect();
            assert_eq!(
                found,
                [
                    ("recipient.address.postcode", ErrorKind::InvalidPostcode),
                    ("seller.name", ErrorKind::Empty)
                ]
            );
        }
        assert_eq!(
            rejected[0].to_string(),
            "label 1 (order BAD-1): recipient.address.postcode: \"NW1\" is not a valid postcode \
             for UNITED KINGDOM (e.g. \"EC1Y 8SY\")\n\
             label 1 (order BAD-1): seller.name: must not be empty"
        );
    }

    #[test]
    fn a_blank_order_number_is_none() {
        let mut label = Label::sample();
        label.order.number = "   ".into();
        let batch = validate_batch(std::slice::from_ref(&label));
        assert_eq!(batch.rejected()[0].order_number, None);
        assert!(
            batch.rejected()[0]
                .to_string()
                .starts_with("label 0: order.number: ")
        );
    }

    #[test]
    fn all_or_nothing_prints_nothing_and_reports_invalid_and_unprintable_orders() {
        let labels = [Label::sample(), unprintable(), invalid()];
        let err = render_batch(&labels, BatchMode::AllOrNothing, &Options::default()).unwrap_err();
        let BatchError::Rejected { total, rejected } = &err else {
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

    #[test]
    fn print_valid_prints_the_rest_and_returns_every_rejected_order_intact() {
        let labels = [invalid(), Label::sample(), unprintable(), Label::sample()];
        let printed = render_batch(&labels, BatchMode::PrintValid, &Options::default()).unwrap();
        assert_eq!(printed.pages, [1, 3]);
        let pages = lopdf::Document::load_mem(&printed.pdf).unwrap().get_pages();
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
            Err(BatchError::Rejected { total: 2, rejected }) => {
                assert_eq!(rejected.len(), 2);
                assert_eq!(rejected[1].label, labels[1]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn all_valid_prints_every_order_in_either_mode() {
        let labels = [Label::sample(), Label::sample()];
        for mode in [BatchMode::AllOrNothing, BatchMode::PrintValid] {
            let printed = render_batch(&labels, mode, &Options::default()).unwrap();
            assert_eq!(printed.pages, [0, 1]);
            assert!(printed.rejected.is_empty());
            // The same bytes as render_pdf gives for the same labels.
            let valid: Vec<ValidLabel> = labels.iter().map(|l| l.validate().unwrap()).collect();
            assert_eq!(
                printed.pdf,
                crate::render_pdf(&valid, &Options::default()).unwrap()
            );
        }
    }

    #[test]
    fn limits_are_checked_before_any_work() {
        assert_eq!(
            render_batch(&[], BatchMode::PrintValid, &Options::default()),
            Err(BatchError::NoLabels)
        );
        // Invalid orders over the limit: refused for their number, not validated.
        let labels = vec![invalid(); MAX_LABELS + 1];
        let err = render_batch(&labels, BatchMode::PrintValid, &Options::default()).unwrap_err();
        assert_eq!(
            err,
            BatchError::TooManyLabels {
                count: MAX_LABELS + 1,
                max: MAX_LABELS
            }
        );
        assert_eq!(
            err.to_string(),
            "1001 labels in one call; at most 1000 are allowed"
        );
    }
}
