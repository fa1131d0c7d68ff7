//! Batches: many orders, and none of them lost. What the printing layer does with orders
//! that cannot be printed ([`BatchMode`]), the one record of an order set aside
//! ([`Rejected`]), what a run printed ([`Printed`]), what can be printed ([`Printable`]),
//! and checking a batch before printing ([`validate_batch`]).
//!
//! Every order ends up on a page or in a [`Rejected`], never in neither.

use std::borrow::Cow;
use std::fmt;

use crate::layout::LayoutError;
use crate::model::Label;
use crate::validate::{ValidLabel, ValidationErrors};

/// What a batch does when some of its orders cannot be printed.
///
/// ```
/// assert_eq!(shiplabel::BatchMode::default(), shiplabel::BatchMode::AllOrNothing);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BatchMode {
    /// Print nothing unless every order is valid and can be laid out; otherwise report every
    /// order that cannot be printed
    /// ([`RenderError::Rejected`](crate::RenderError::Rejected)). The default, and what
    /// [`render_pdf`](crate::render_pdf) does.
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
    /// The order as it was passed in (one passed as a [`ValidLabel`] comes back as the
    /// order it validated from, in its checked form).
    pub label: Label,
    /// Why it was not printed.
    pub reason: Rejection,
}

impl Rejected {
    pub(crate) fn new(index: usize, label: Label, reason: Rejection) -> Rejected {
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
/// Built by [`validate_batch`], to show every problem before anything is printed (in a
/// form, say); [`render_batch`](crate::render_batch) validates and prints in one call.
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
    rejected: Vec<Rejected>,
}

/// Validates every order of a batch.
///
/// Each invalid order is kept, unchanged, in [`Batch::rejected`] with its index, its order
/// number and every problem; the valid ones are in [`Batch::valid`]. Validation holds
/// nothing larger than the orders themselves, so any number of orders may be checked.
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
    let mut rejected = Vec::new();
    for (index, label) in labels.iter().enumerate() {
        match label.validate() {
            Ok(v) => valid.push((index, v)),
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
}

/// What a run printed: the document, which order each label printed is, and the orders
/// left out, each as given and with why.
///
/// ```
/// let labels = [shiplabel::Label::sample(), shiplabel::Label::sample()];
/// let printed = shiplabel::render_batch(&labels, Default::default(), &Default::default())?;
/// assert!(printed.output.starts_with(b"%PDF-"));
/// assert_eq!(printed.pages, [0, 1]);
/// assert_eq!(printed.orders, [0, 1]);
/// assert!(printed.rejected.is_empty());
/// # Ok::<(), shiplabel::RenderError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Printed<W = Vec<u8>> {
    /// Where the document went: the PDF's bytes in memory, or the writer it was streamed
    /// to, complete.
    pub output: W,
    /// The orders printed, in print order: the index of each among those passed in, once.
    pub orders: Vec<usize>,
    /// For each layout printed, in print order, the index of its order: each order's label,
    /// then the pages of its customs declaration when it has one (a CN22, or each page of
    /// its CN23). Each is a page of its own, but on sheets, where a label or a CN22 is a
    /// place on a sheet: entry `i` is then the `i`-th place filled from the sheet's start
    /// (a CN23 page ends its sheet). Without forms this is [`orders`](Printed::orders).
    pub pages: Vec<usize>,
    /// The orders not printed, by index, each as given and with why
    /// ([`BatchMode::PrintValid`] only: in `AllOrNothing` a rejection prints nothing).
    pub rejected: Vec<Rejected>,
}

/// An order the printing layer can print: a [`Label`] (validated as it is printed) or a
/// [`ValidLabel`], owned or borrowed. An order that cannot be printed comes back as a
/// [`Label`] in its [`Rejected`].
///
/// Sealed: the printing layer may learn to take more kinds of order.
///
/// ```
/// use shiplabel::{Label, Options, PdfWriter};
/// let mut writer = PdfWriter::new(Vec::new(), &Options::default())?;
/// writer.write_labels([Label::sample()])?; // an order as read from JSON
/// writer.write_labels([Label::sample().validate().unwrap()])?; // or one checked already
/// assert_eq!(writer.finish()?.pages, [0, 1]);
/// # Ok::<(), shiplabel::RenderError>(())
/// ```
pub trait Printable: Send + sealed::Sealed {
    /// The order, validated.
    ///
    /// # Errors
    ///
    /// Every problem of an order that is not valid.
    ///
    /// ```
    /// use shiplabel::Printable;
    /// assert!(shiplabel::Label::sample().valid().is_ok());
    /// ```
    fn valid(&self) -> Result<Cow<'_, ValidLabel>, ValidationErrors>;

    /// The order as given, to return when it is set aside.
    ///
    /// ```
    /// use shiplabel::Printable;
    /// let label = shiplabel::Label::sample();
    /// assert_eq!(label.clone().into_label(), label);
    /// ```
    fn into_label(self) -> Label;
}

pub(crate) mod sealed {
    use crate::model::{Label, Party};
    use crate::validate::{ValidLabel, ValidParty};

    /// What only this crate's orders are: the seller an order names, as given, which the
    /// printer compares with the sellers of the orders before it.
    pub trait Sealed {
        /// The order's seller, as given.
        fn seller_given(&self) -> Seller<'_>;
    }

    /// An order's seller as given: checked, or not yet. The same seller given alike prints
    /// the same sender block.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Seller<'a> {
        Given(&'a Party),
        Valid(&'a ValidParty),
    }

    impl Sealed for Label {
        fn seller_given(&self) -> Seller<'_> {
            Seller::Given(&self.seller)
        }
    }
    impl Sealed for &Label {
        fn seller_given(&self) -> Seller<'_> {
            Seller::Given(&self.seller)
        }
    }
    impl Sealed for ValidLabel {
        fn seller_given(&self) -> Seller<'_> {
            Seller::Valid(self.seller())
        }
    }
    impl Sealed for &ValidLabel {
        fn seller_given(&self) -> Seller<'_> {
            Seller::Valid(self.seller())
        }
    }
}

impl Printable for Label {
    fn valid(&self) -> Result<Cow<'_, ValidLabel>, ValidationErrors> {
        self.validate().map(Cow::Owned)
    }
    fn into_label(self) -> Label {
        self
    }
}

impl Printable for &Label {
    fn valid(&self) -> Result<Cow<'_, ValidLabel>, ValidationErrors> {
        self.validate().map(Cow::Owned)
    }
    fn into_label(self) -> Label {
        self.clone()
    }
}

impl Printable for ValidLabel {
    fn valid(&self) -> Result<Cow<'_, ValidLabel>, ValidationErrors> {
        Ok(Cow::Borrowed(self))
    }
    fn into_label(self) -> Label {
        Label::from(&self)
    }
}

impl Printable for &ValidLabel {
    fn valid(&self) -> Result<Cow<'_, ValidLabel>, ValidationErrors> {
        Ok(Cow::Borrowed(*self))
    }
    fn into_label(self) -> Label {
        Label::from(self)
    }
}

/// The lines of a batch that printed nothing: a summary, then each order set aside.
pub(crate) fn rejected_lines(total: usize, rejected: &[Rejected]) -> String {
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
pub(crate) mod tests {
    use super::*;
    use crate::validate::ErrorKind;

    /// An order with three problems (its number padded, a bad postcode, no seller name),
    /// for the batch tests here and the printing tests.
    pub(crate) fn invalid() -> Label {
        let mut label = Label::sample();
        label.order.number = "  BAD-1 ".into();
        label.recipient.address.postcode = Some("NW1".into());
        label.seller.name = String::new();
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
}
