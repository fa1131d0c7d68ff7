//! The printing layer: orders in, validated, laid out and drawn on a budget of threads,
//! written in order to an [`Output`] (a PDF, PNG images, an app's own), with one batch
//! policy and one record of every order set aside.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::batch::{BatchMode, Printable, Printed, Rejected, Rejection};
use crate::error::RenderError;
use crate::layout::{LabelLayout, LayoutError, customs_layouts, layout};
use crate::options::Options;
use crate::sellers::Sellers;

/// Where the printing layer puts labels: a backend, from the laid-out label to bytes.
///
/// [`drawer`](Output::drawer) runs on worker threads and must depend only on the layout;
/// [`write`](Output::write) gets each page drawn (a label, then its customs forms' pages),
/// in order, on the calling thread (and may
/// hold what comes before it: a sheet being filled, the fonts a document uses so far);
/// [`finish`](Output::finish) ends the output. The PDF ([`PdfOutput`](crate::PdfOutput),
/// behind [`PdfWriter`](crate::PdfWriter)) and PNG images
/// ([`PngOutput`](crate::PngOutput), feature `png`) are outputs; an application can add
/// its own.
///
/// ```
/// use shiplabel::{Element, LabelLayout, Options, Output, Printer, RenderError};
///
/// /// Counts the bars of every label, as a test double or a dry run would.
/// struct Bars(Vec<usize>);
/// impl Output for Bars {
///     type Drawn = usize;
///     type Finished = Vec<usize>;
///     fn drawer(&self, _: &Options) -> impl Fn(&LabelLayout) -> Result<usize, RenderError> + Sync + 'static {
///         |layout| Ok(layout.elements().iter().map(|e| match e {
///             Element::Code128(bars) => bars.modules().windows(2).filter(|w| w[0] && !w[1]).count() + 1,
///             _ => 0,
///         }).sum())
///     }
///     fn write(&mut self, _: &Options, _: LabelLayout, bars: usize) -> Result<(), RenderError> {
///         self.0.push(bars);
///         Ok(())
///     }
///     fn finish(self, _: &Options) -> Result<Vec<usize>, RenderError> {
///         Ok(self.0)
///     }
/// }
///
/// let mut printer = Printer::to(Bars(Vec::new()), &Options::default());
/// printer.write_labels([shiplabel::Label::sample()])?;
/// let printed = printer.finish()?;
/// assert!(printed.output[0] > 20);
/// # Ok::<(), RenderError>(())
/// ```
pub trait Output {
    /// One label drawn, ready to write.
    type Drawn: Send;
    /// What the output gives back when it is finished.
    type Finished;

    /// The function that draws a laid-out label, run on worker threads while the output
    /// writes.
    ///
    /// # Errors
    ///
    /// The drawer's error fails the run (a bundled font that cannot be read, say).
    fn drawer(
        &self,
        options: &Options,
    ) -> impl Fn(&LabelLayout) -> Result<Self::Drawn, RenderError> + Sync + 'static;

    /// The function that says, on the worker threads, whether this output can print a
    /// page at all: a [`LayoutError`](crate::LayoutError) for one it cannot (ZPL and a
    /// CN23's A4 page) sets that page's order aside with the reason, as a label that cannot
    /// be laid out is, instead of failing the run. Every page is accepted unless an output
    /// says otherwise.
    fn accepts(
        &self,
        _options: &Options,
    ) -> impl Fn(&LabelLayout) -> Result<(), LayoutError> + Sync + 'static {
        |_: &LabelLayout| Ok(())
    }

    /// Writes a label drawn (with its layout), in order.
    ///
    /// # Errors
    ///
    /// A failure to write, which stops the run.
    fn write(
        &mut self,
        options: &Options,
        layout: LabelLayout,
        drawn: Self::Drawn,
    ) -> Result<(), RenderError>;

    /// Ends the output, once every label is written.
    ///
    /// # Errors
    ///
    /// A failure to write the end.
    fn finish(self, options: &Options) -> Result<Self::Finished, RenderError>;
}

/// The printing layer: orders into an [`Output`], as they come, with one policy for orders
/// that cannot be printed ([`BatchMode`]) and a [`Rejected`] for each of them: none is lost.
///
/// Orders ([`Printable`]: a [`Label`](crate::Label) or a
/// [`ValidLabel`](crate::ValidLabel)) are validated, laid out and drawn on
/// [`Options::threads`] threads while this thread writes them, in order; memory stays that
/// of the labels being drawn, however many there are. One label
/// ([`write_label`](Printer::write_label)) is drawn on the calling thread.
///
/// In [`BatchMode::AllOrNothing`] (the default), [`finish`](Printer::finish) fails with
/// every order set aside if there is one, and what was written so far is to be thrown away
/// (write to a temporary file and keep it only when `finish` succeeds); after the first
/// rejection orders are still validated and laid out, to report every problem, but no
/// longer drawn. In [`BatchMode::PrintValid`] the output holds every order that could be
/// printed and [`Printed::rejected`] the others.
///
/// [`PdfWriter`](crate::PdfWriter) is the printer to a PDF.
///
/// ```
/// use shiplabel::{BatchMode, Label, Options, PdfWriter};
/// let mut bad = Label::sample();
/// bad.recipient.address.postcode = None;
/// let mut writer = PdfWriter::new(Vec::new(), &Options::default())?.with_mode(BatchMode::PrintValid);
/// writer.write_labels([bad, Label::sample()])?;
/// let printed = writer.finish()?;
/// assert_eq!(printed.pages, [1]);
/// assert_eq!(printed.rejected[0].index, 0);
/// # Ok::<(), shiplabel::RenderError>(())
/// ```
#[derive(Debug)]
#[must_use = "the output is complete only after `finish`"]
pub struct Printer<O> {
    output: O,
    options: Options,
    mode: BatchMode,
    /// Orders offered so far, printed or not: the index a rejection is reported with.
    offered: usize,
    /// For each page printed (a label, or a page of its customs forms), its order's index.
    printed: Vec<usize>,
    /// The index of each order printed.
    orders: Vec<usize>,
    /// The orders set aside, in order.
    rejected: Vec<Rejected>,
    /// Set once writing fails: the output is then unfinished and stays so.
    broken: Option<RenderError>,
    /// The sellers of the last orders offered: a page whose seller repeats can paint a
    /// sender block its output drew once.
    sellers: Sellers,
}

impl<O: Output> Printer<O> {
    /// A printer of orders laid out with `options` into `output`.
    ///
    /// ```
    /// # use shiplabel::{Printer, PdfOutput, Options};
    /// let printer = Printer::to(PdfOutput::new(Vec::new())?, &Options::default());
    /// assert_eq!(printer.labels(), 0);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn to(output: O, options: &Options) -> Self {
        Printer {
            output,
            options: options.clone(),
            mode: BatchMode::default(),
            offered: 0,
            printed: Vec::new(),
            orders: Vec::new(),
            rejected: Vec::new(),
            broken: None,
            sellers: Sellers::default(),
        }
    }

    /// This printer, setting orders that cannot be printed aside as `mode` says (by default
    /// [`BatchMode::AllOrNothing`]).
    ///
    /// ```
    /// use shiplabel::{BatchMode, Label, PdfWriter};
    /// let writer = PdfWriter::new(Vec::new(), &Default::default())?.with_mode(BatchMode::PrintValid);
    /// assert_eq!(writer.mode(), BatchMode::PrintValid);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    ///
    /// The policy holds for a whole run: set it before the first order. Changed after
    /// orders were offered, the printer fails ([`RenderError::ModeChanged`]), since orders
    /// the old policy left undrawn could otherwise be lost.
    pub fn with_mode(mut self, mode: BatchMode) -> Self {
        if self.offered > 0 && mode != self.mode && self.broken.is_none() {
            self.broken = Some(RenderError::ModeChanged {
                offered: self.offered,
            });
        }
        self.mode = mode;
        self
    }

    /// What it does with orders that cannot be printed.
    ///
    /// ```
    /// let writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// assert_eq!(writer.mode(), shiplabel::BatchMode::AllOrNothing);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn mode(&self) -> BatchMode {
        self.mode
    }

    /// The output, as written so far.
    ///
    /// ```
    /// let writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// assert_eq!(writer.output().pages(), 0);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn output(&self) -> &O {
        &self.output
    }

    /// Orders printed so far (on a sheet being filled, counted already); an order's
    /// customs forms do not count again.
    ///
    /// ```
    /// let options = shiplabel::Options::default()
    ///     .with_sheet(shiplabel::Sheet::new(shiplabel::SheetLayout::A4FourA6));
    /// let mut writer = shiplabel::PdfWriter::new(Vec::new(), &options)?;
    /// writer.write_label(&shiplabel::Label::sample().validate()?)?;
    /// assert_eq!((writer.labels(), writer.pages()), (1, 0)); // the sheet is not full
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn labels(&self) -> usize {
        self.orders.len()
    }

    /// The orders set aside so far, in order, each as given and with why.
    ///
    /// ```
    /// let mut bad = shiplabel::Label::sample();
    /// bad.seller.name.clear();
    /// let mut writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// writer.write_label(bad)?;
    /// assert_eq!(writer.rejected()[0].index, 0);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Validates, lays out and writes one order, on the calling thread. An order that
    /// cannot be printed is set aside ([`rejected`](Printer::rejected)) with its index
    /// (counting every order offered to this printer).
    ///
    /// # Errors
    ///
    /// [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails: the output cannot be
    /// finished then.
    ///
    /// ```
    /// let mut label = shiplabel::Label::sample();
    /// label.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
    /// let mut writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?
    ///     .with_mode(shiplabel::BatchMode::PrintValid);
    /// writer.write_label(&label)?;
    /// writer.write_label(shiplabel::Label::sample())?;
    /// let printed = writer.finish()?;
    /// assert!(printed.output.starts_with(b"%PDF-1.7"));
    /// assert_eq!(printed.rejected[0].label, label);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_label(&mut self, label: impl Printable) -> Result<(), RenderError> {
        self.write_on(1, std::iter::once(label))
    }

    /// Validates, lays out and writes every order, in order, drawing them on
    /// [`Options::threads`] threads while this thread writes the ones drawn (and pulls the
    /// next from `labels`). Those that cannot be printed are set aside
    /// ([`rejected`](Printer::rejected)), each with its index (counting every order
    /// offered to this printer), order number and reason.
    ///
    /// # Errors
    ///
    /// [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails: the output cannot be
    /// finished then.
    ///
    /// ```
    /// let labels = vec![shiplabel::Label::sample().validate()?; 3];
    /// let mut writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// writer.write_labels(&labels)?;
    /// assert_eq!(writer.labels(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_labels<P: Printable>(
        &mut self,
        labels: impl IntoIterator<Item = P>,
    ) -> Result<(), RenderError> {
        self.write_on(self.options.threads(), labels.into_iter())
    }

    /// [`write_labels`](Printer::write_labels) on `threads` threads.
    fn write_on<P: Printable>(
        &mut self,
        threads: usize,
        labels: impl Iterator<Item = P>,
    ) -> Result<(), RenderError> {
        if let Some(e) = &self.broken {
            return Err(e.clone());
        }
        if let Some(conflict) = self.options.conflict() {
            let error = RenderError::Options(conflict);
            self.broken = Some(error.clone());
            return Err(error);
        }
        let options = self.options.clone();
        let draw = self.output.drawer(&options);
        let accepts = self.output.accepts(&options);
        let all_or_nothing = self.mode == BatchMode::AllOrNothing;
        // All or nothing, after a rejection nothing more is drawn: the run prints nothing.
        let stopped = AtomicBool::new(all_or_nothing && !self.rejected.is_empty());
        // Whose seller came before, decided here, in order: the output depends on the orders
        // alone, whichever thread draws which.
        let sellers = &mut self.sellers;
        let labels = labels.map(|label| {
            let repeated = sellers.meet(label.seller_given());
            (label, repeated)
        });
        let result = crate::parallel::pipeline(
            threads,
            labels,
            |(label, repeated)| {
                let valid = match label.valid() {
                    Ok(valid) => valid,
                    Err(errors) => return Outcome::Rejected(Rejection::Invalid(errors)),
                };
                let laid_out = match layout(&valid, &options) {
                    Ok(l) => LabelLayout {
                        repeated_sender: *repeated,
                        ..l
                    },
                    Err(error) => return Outcome::Rejected(Rejection::Layout(error)),
                };
                // The customs declaration's pages follow the label.
                let forms = if options.customs_forms() {
                    match customs_layouts(&valid, &options) {
                        Ok(forms) => forms,
                        Err(error) => return Outcome::Rejected(Rejection::Layout(error)),
                    }
                } else {
                    Vec::new()
                };
                let pages: Vec<LabelLayout> = std::iter::once(laid_out).chain(forms).collect();
                if let Err(error) = pages.iter().try_for_each(&accepts) {
                    return Outcome::Rejected(Rejection::Layout(error));
                }
                if stopped.load(Ordering::Relaxed) {
                    return Outcome::Skipped;
                }
                let pages = pages
                    .into_iter()
                    .map(|page| {
                        let drawn = draw(&page);
                        (page, drawn)
                    })
                    .collect();
                Outcome::Drawn(pages)
            },
            |(label, _), outcome| {
                let index = self.offered;
                self.offered += 1;
                match outcome {
                    Outcome::Rejected(reason) => {
                        self.rejected
                            .push(Rejected::new(index, label.into_label(), reason));
                        if all_or_nothing {
                            stopped.store(true, Ordering::Relaxed);
                        }
                        Ok(())
                    }
                    Outcome::Drawn(..) | Outcome::Skipped
                        if all_or_nothing && !self.rejected.is_empty() =>
                    {
                        Ok(())
                    }
                    Outcome::Skipped => Ok(()),
                    Outcome::Drawn(pages) => {
                        // Drawn in full before anything is written: a page that failed to
                        // draw leaves no part of its order in the output.
                        let pages = pages
                            .into_iter()
                            .map(|(page, drawn)| drawn.map(|d| (page, d)))
                            .collect::<Result<Vec<_>, _>>()?;
                        for (page, drawn) in pages {
                            self.output.write(&options, page, drawn)?;
                            self.printed.push(index);
                        }
                        self.orders.push(index);
                        Ok(())
                    }
                }
            },
            || RenderError::Pdf("a thread drawing labels stopped unexpectedly".into()),
        );
        if let Err(e) = &result {
            self.broken = Some(e.clone());
        }
        result
    }

    /// Ends the output; returns it, which order each label printed is, and the orders set
    /// aside.
    ///
    /// # Errors
    ///
    /// [`RenderError::NoLabels`] if no order was offered; [`RenderError::Rejected`] with
    /// every order set aside when nothing is to be printed (in [`BatchMode::AllOrNothing`]
    /// any was set aside, or none could be printed): the output is then incomplete, to be
    /// thrown away; [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails, or failed
    /// before.
    ///
    /// ```
    /// let writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// assert_eq!(writer.finish().unwrap_err(), shiplabel::RenderError::NoLabels);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn finish(self) -> Result<Printed<O::Finished>, RenderError> {
        if let Some(e) = self.broken {
            return Err(e);
        }
        if self.offered == 0 {
            return Err(RenderError::NoLabels);
        }
        if self.printed.is_empty()
            || (self.mode == BatchMode::AllOrNothing && !self.rejected.is_empty())
        {
            return Err(RenderError::Rejected {
                total: self.offered,
                rejected: self.rejected,
            });
        }
        let output = self.output.finish(&self.options)?;
        Ok(Printed {
            output,
            orders: self.orders,
            pages: self.printed,
            rejected: self.rejected,
        })
    }
}

/// What a worker made of an order.
enum Outcome<D> {
    /// Set aside: invalid, or it cannot be laid out.
    Rejected(Rejection),
    /// Laid out but not drawn: all or nothing, an order was set aside already.
    Skipped,
    /// Laid out and drawn, ready to write (or drawing failed).
    /// The label and its customs forms, each drawn.
    Drawn(Vec<(LabelLayout, Result<D, RenderError>)>),
}
