//! One PDF written as labels come: each page goes out as soon as it is drawn (a sheet when
//! it is full), the fonts and the page tree at the end. Memory holds the labels being drawn
//! and the glyphs used so far, never the pages written.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use super::RenderError;
use super::draw::{Drawn, draw_label};
use super::embed::DocumentFonts;
use super::file::{Effort, ObjRef, PdfFile, deflate};
use super::sheet::SheetPage;
use crate::batch::{BatchMode, Printable, Printed, Rejected, Rejection};
use crate::layout::{LabelLayout, layout};
use crate::options::Options;
use crate::units::Pt;

/// Pages under the page tree's root before the rest go under intermediate nodes of this
/// many each: a short document has a flat tree, a long one a tree readers walk quickly.
const PAGES_PER_NODE: usize = 64;

/// The printing layer: orders into one PDF on any [`Write`], a page per label (or a sheet
/// per few), as they come, with one policy for orders that cannot be printed
/// ([`BatchMode`]) and a [`Rejected`] for each of them: none is lost.
///
/// Orders ([`Printable`]: a [`Label`](crate::Label) or a
/// [`ValidLabel`](crate::ValidLabel)) are validated, laid out and drawn on
/// [`Options::threads`] threads while this thread writes the pages, in order; memory
/// stays that of the labels being drawn, however long the document. One label
/// ([`write_label`](PdfWriter::write_label)) is drawn on the calling thread. Fonts are
/// embedded once, at the end, subset to the glyphs the whole document uses. The output
/// depends only on the orders and the options: the same input gives the same bytes.
///
/// In [`BatchMode::AllOrNothing`] (the default), [`finish`](PdfWriter::finish) fails with
/// every order set aside if there is one, and the bytes written so far are to be thrown
/// away (write to a temporary file and keep it only when `finish` succeeds); after the
/// first rejection labels are still validated and laid out, to report every problem, but
/// no longer drawn. In [`BatchMode::PrintValid`] the document holds every order that could
/// be printed and [`Printed::rejected`] the others.
///
/// ```
/// use shiplabel::{Label, Options, PdfWriter};
/// let file = std::fs::File::create(std::env::temp_dir().join("stream.pdf"))?;
/// let mut writer = PdfWriter::new(std::io::BufWriter::new(file), &Options::default())?;
/// // Orders can come from anywhere, one at a time or in runs of any length.
/// let day = (0..200).map(|i| {
///     let mut label = Label::sample();
///     label.order.number = format!("TT-{i:06}");
///     label
/// });
/// writer.write_labels(day)?;
/// assert_eq!(writer.pages(), 200);
/// let printed = writer.finish()?;
/// assert!(printed.rejected.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # In an async application
///
/// Drawing is CPU work: run it where blocking is allowed (`tokio::task::spawn_blocking`,
/// or a thread of your own), stream the bytes out through a [`Write`] that sends them on
/// (to an HTTP response body, say), and cancel by failing that writer: the next write
/// returns [`RenderError::Io`] and the run stops. Here a thread stands in for
/// `spawn_blocking` and a channel for the body:
///
/// ```
/// use std::io::{Error, Write};
/// use std::sync::mpsc::{SyncSender, sync_channel};
///
/// /// Sends each chunk to the response body; fails once the client has gone.
/// struct Body(SyncSender<Vec<u8>>);
/// impl Write for Body {
///     fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
///         self.0.send(buf.to_vec()).map_err(|_| Error::other("client went away"))?;
///         Ok(buf.len())
///     }
///     fn flush(&mut self) -> std::io::Result<()> {
///         Ok(())
///     }
/// }
///
/// let (tx, rx) = sync_channel(16);
/// let job = std::thread::spawn(move || -> Result<(), shiplabel::RenderError> {
///     let out = std::io::BufWriter::with_capacity(64 * 1024, Body(tx));
///     let mut writer = shiplabel::PdfWriter::new(out, &Default::default())?;
///     writer.write_labels(vec![shiplabel::Label::sample(); 50])?;
///     writer.finish()?.output.flush().map_err(|e| shiplabel::RenderError::Io(e.to_string()))
/// });
/// // The body reads the first chunk, then the client disconnects: the run stops.
/// let first = rx.recv().unwrap();
/// assert!(first.starts_with(b"%PDF-"));
/// drop(rx);
/// assert!(matches!(job.join().unwrap(), Err(shiplabel::RenderError::Io(_))));
/// ```
pub struct PdfWriter<W: Write> {
    file: PdfFile<W>,
    options: Options,
    catalog: ObjRef,
    root: ObjRef,
    resources: ObjRef,
    info: ObjRef,
    fonts: DocumentFonts,
    /// The root's kids: the first pages, then the intermediate nodes.
    root_kids: Vec<ObjRef>,
    /// The intermediate node being filled and its pages.
    node: Option<(ObjRef, Vec<ObjRef>)>,
    pages: usize,
    /// Orders offered so far, written or not: the index a rejection is reported with.
    offered: usize,
    /// Labels written.
    written: usize,
    /// What to do with orders that cannot be printed.
    mode: BatchMode,
    /// The index of each order printed, in print order.
    printed: Vec<usize>,
    /// The orders set aside, in order.
    rejected: Vec<Rejected>,
    sheet: SheetPage,
    /// Set once writing fails: the document is then unfinished and stays so.
    broken: Option<RenderError>,
}

impl<W: Write> std::fmt::Debug for PdfWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfWriter")
            .field("pages", &self.pages)
            .field("labels", &self.written)
            .finish_non_exhaustive()
    }
}

/// A label drawn, ready to be written: its layout (drawn again if the document's fonts ask
/// for it), its drawing, and that compressed when the label is a page of its own.
struct Prepared {
    layout: LabelLayout,
    drawn: Drawn,
    compressed: Option<Vec<u8>>,
}

fn prepare(layout: LabelLayout, compress: bool) -> Result<Prepared, RenderError> {
    let drawn = draw_label(&layout, None)?;
    let compressed = compress.then(|| deflate(&drawn.content, Effort::Fast));
    Ok(Prepared {
        layout,
        drawn,
        compressed,
    })
}

impl<W: Write> PdfWriter<W> {
    /// Starts a document on `out`, writing its header. Wrap a file in a
    /// [`BufWriter`](std::io::BufWriter): the writer writes many small pieces.
    ///
    /// # Errors
    ///
    /// [`RenderError::Io`] if `out` fails.
    ///
    /// ```
    /// let writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// assert_eq!(writer.pages(), 0);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn new(out: W, options: &Options) -> Result<Self, RenderError> {
        let mut file = PdfFile::new(out)?;
        let [catalog, root, resources, info] = [(); 4].map(|()| file.reserve());
        Ok(PdfWriter {
            file,
            options: options.clone(),
            catalog,
            root,
            resources,
            info,
            fonts: DocumentFonts::default(),
            root_kids: Vec::new(),
            node: None,
            pages: 0,
            offered: 0,
            written: 0,
            mode: BatchMode::default(),
            printed: Vec::new(),
            rejected: Vec::new(),
            sheet: SheetPage::default(),
            broken: None,
        })
    }

    /// Pages written so far (a sheet being filled counts once it is written).
    ///
    /// ```
    /// let mut writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// writer.write_label(&shiplabel::Label::sample().validate()?)?;
    /// assert_eq!(writer.pages(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Labels written so far.
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
        self.written
    }

    fn check(&self) -> Result<(), RenderError> {
        match &self.broken {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// Keeps the first failure: a document that failed half-way cannot be finished.
    fn guard<T>(&mut self, result: Result<T, RenderError>) -> Result<T, RenderError> {
        if let Err(e) = &result {
            self.broken = Some(e.clone());
        }
        result
    }

    /// This writer, setting orders that cannot be printed aside as `mode` says (by default
    /// [`BatchMode::AllOrNothing`]).
    ///
    /// ```
    /// use shiplabel::{BatchMode, Label, PdfWriter};
    /// let mut bad = Label::sample();
    /// bad.recipient.address.postcode = None;
    /// let mut writer = PdfWriter::new(Vec::new(), &Default::default())?.with_mode(BatchMode::PrintValid);
    /// writer.write_labels([bad, Label::sample()])?;
    /// let printed = writer.finish()?;
    /// assert_eq!((printed.pages.as_slice(), printed.rejected[0].index), (&[1][..], 0));
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn with_mode(mut self, mode: BatchMode) -> Self {
        self.mode = mode;
        self
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
    /// cannot be printed is set aside ([`rejected`](PdfWriter::rejected)) with its index
    /// (counting every order offered to this writer).
    ///
    /// # Errors
    ///
    /// [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails: the document cannot be
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
    /// ([`rejected`](PdfWriter::rejected)), each with its index (counting every order
    /// offered to this writer), order number and reason.
    ///
    /// # Errors
    ///
    /// [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails: the document cannot be
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

    /// [`write_labels`](PdfWriter::write_labels) on `threads` threads.
    fn write_on<P: Printable>(
        &mut self,
        threads: usize,
        labels: impl Iterator<Item = P>,
    ) -> Result<(), RenderError> {
        self.check()?;
        let compress = self.options.sheet().is_none();
        let options = self.options.clone();
        let all_or_nothing = self.mode == BatchMode::AllOrNothing;
        // All or nothing, after a rejection nothing more is drawn: the run prints nothing.
        let stopped = AtomicBool::new(all_or_nothing && !self.rejected.is_empty());
        let result = crate::parallel::pipeline(
            threads,
            labels,
            |label| {
                let valid = match label.valid() {
                    Ok(valid) => valid,
                    Err(errors) => return Outcome::Rejected(Rejection::Invalid(errors)),
                };
                let laid_out = match layout(&valid, &options) {
                    Ok(l) => l,
                    Err(error) => return Outcome::Rejected(Rejection::Layout(error)),
                };
                if stopped.load(Ordering::Relaxed) {
                    return Outcome::Skipped;
                }
                Outcome::Drawn(prepare(laid_out, compress))
            },
            |label, outcome| {
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
                    Outcome::Drawn(_) | Outcome::Skipped
                        if all_or_nothing && !self.rejected.is_empty() =>
                    {
                        Ok(())
                    }
                    Outcome::Skipped => Ok(()),
                    Outcome::Drawn(prepared) => {
                        self.add(prepared?)?;
                        self.printed.push(index);
                        Ok(())
                    }
                }
            },
            worker_failed,
        );
        self.guard(result)
    }

    /// Writes a drawn label: its glyphs join the document's fonts (drawn again if one of
    /// them extracts as other text here than the document gave its code), then its page, or
    /// its place on the sheet.
    fn add(&mut self, p: Prepared) -> Result<(), RenderError> {
        let (content, compressed) = if self.fonts.record(&p.drawn.shown) {
            (p.drawn.content, p.compressed)
        } else {
            let again = draw_label(&p.layout, Some(&self.fonts))?;
            let compressed = p
                .compressed
                .is_some()
                .then(|| deflate(&again.content, Effort::Fast));
            (again.content, compressed)
        };
        self.written += 1;
        match self.options.sheet() {
            None => {
                let compressed = compressed.unwrap_or_else(|| deflate(&content, Effort::Fast));
                self.page((p.layout.width, p.layout.height), &compressed)
            }
            Some(sheet) => {
                let slots = sheet.layout().slots();
                let slot = (sheet.start() - 1 + self.written - 1) % slots;
                let dpi = self.options.dpi();
                self.sheet.place(sheet.layout(), slot, dpi, &content);
                if slot == slots - 1 {
                    self.flush_sheet()?;
                }
                Ok(())
            }
        }
    }

    /// Writes the sheet being filled as a page.
    fn flush_sheet(&mut self) -> Result<(), RenderError> {
        let Some(sheet) = self.options.sheet() else {
            return Ok(());
        };
        if self.sheet.is_empty() {
            return Ok(());
        }
        let content = self
            .sheet
            .take(sheet.layout(), self.options.dpi(), sheet.cut_marks());
        self.page(sheet.layout().page(), &deflate(&content, Effort::Fast))
    }

    /// Writes a page: its compressed content and its dictionary, under the page tree.
    fn page(&mut self, (width, height): (Pt, Pt), compressed: &[u8]) -> Result<(), RenderError> {
        let contents = self.file.reserve();
        self.file
            .stream(contents, b"/Filter/FlateDecode", compressed)?;
        let page = self.file.reserve();
        let parent = if self.pages < PAGES_PER_NODE {
            self.root_kids.push(page);
            self.root
        } else {
            if self
                .node
                .as_ref()
                .is_some_and(|(_, kids)| kids.len() == PAGES_PER_NODE)
            {
                self.write_node()?;
            }
            match &mut self.node {
                Some((node, kids)) => {
                    kids.push(page);
                    *node
                }
                None => {
                    let node = self.file.reserve();
                    self.root_kids.push(node);
                    self.node = Some((node, vec![page]));
                    node
                }
            }
        };
        let mut d = b"<</Type/Page/Parent ".to_vec();
        parent.push(&mut d);
        d.extend_from_slice(b"/MediaBox[0 0 ");
        super::content::push_number(&mut d, f64::from(width.0), 3);
        d.push(b' ');
        super::content::push_number(&mut d, f64::from(height.0), 3);
        d.extend_from_slice(b"]/Resources ");
        self.resources.push(&mut d);
        d.extend_from_slice(b"/Contents ");
        contents.push(&mut d);
        d.extend_from_slice(b">>");
        self.file.object(page, d)?;
        self.pages += 1;
        Ok(())
    }

    /// Writes the intermediate node being filled.
    fn write_node(&mut self) -> Result<(), RenderError> {
        if let Some((node, kids)) = self.node.take() {
            let mut d = b"<</Type/Pages/Parent ".to_vec();
            self.root.push(&mut d);
            d.extend_from_slice(b"/Count ");
            super::content::push_integer(&mut d, kids.len() as u64);
            kids_array(&mut d, &kids);
            d.extend_from_slice(b">>");
            self.file.object(node, d)?;
        }
        Ok(())
    }

    /// Ends the document: the last sheet, the fonts, the page tree, the catalogue and the
    /// cross-reference; returns the output, which order each label is, and the orders set
    /// aside.
    ///
    /// # Errors
    ///
    /// [`RenderError::NoLabels`] if no order was offered (a PDF needs a page);
    /// [`RenderError::Rejected`] with every order set aside when nothing is to be printed
    /// (in [`BatchMode::AllOrNothing`] any was set aside, or none could be printed): the
    /// output is then incomplete, to be thrown away; [`RenderError::Io`] or
    /// [`RenderError::Pdf`] if writing fails, or failed before.
    ///
    /// ```
    /// let writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// assert_eq!(writer.finish().unwrap_err(), shiplabel::RenderError::NoLabels);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn finish(mut self) -> Result<Printed<W>, RenderError> {
        self.check()?;
        if self.offered == 0 {
            return Err(RenderError::NoLabels);
        }
        let rejected = std::mem::take(&mut self.rejected);
        if self.written == 0 || (self.mode == BatchMode::AllOrNothing && !rejected.is_empty()) {
            return Err(RenderError::Rejected {
                total: self.offered,
                rejected,
            });
        }
        self.flush_sheet()?;
        self.write_node()?;
        let fonts = self.fonts.write(&mut self.file)?;
        let mut d = b"<</Font<<".to_vec();
        d.extend_from_slice(&fonts);
        d.extend_from_slice(b">>>>");
        self.file.object(self.resources, d)?;

        let mut d = b"<</Type/Pages/Count ".to_vec();
        super::content::push_integer(&mut d, self.pages as u64);
        kids_array(&mut d, &self.root_kids);
        d.extend_from_slice(b">>");
        self.file.object(self.root, d)?;

        // Printing at actual size is the default a label needs: scaled to fit, its bars
        // would leave the printer's dot grid.
        let mut d = b"<</Type/Catalog/Pages ".to_vec();
        self.root.push(&mut d);
        d.extend_from_slice(b"/ViewerPreferences<</PrintScaling/None>>>>");
        self.file.object(self.catalog, d)?;
        self.file.object(
            self.info,
            b"<</Title(Shipping labels)/Producer(shiplabel)>>".to_vec(),
        )?;
        let output = self.file.finish(self.catalog, self.info)?;
        Ok(Printed {
            output,
            pages: self.printed,
            rejected,
        })
    }
}

/// What a worker made of an order.
enum Outcome {
    /// Set aside: invalid, or it cannot be laid out.
    Rejected(Rejection),
    /// Laid out but not drawn: all or nothing, an order was set aside already.
    Skipped,
    /// Drawn, ready to write (or drawing failed: a bundled font could not be read).
    Drawn(Result<Prepared, RenderError>),
}

/// A worker thread stopped on a bug.
fn worker_failed() -> RenderError {
    RenderError::Pdf("a thread drawing labels stopped unexpectedly".into())
}

fn kids_array(d: &mut Vec<u8>, kids: &[ObjRef]) {
    d.extend_from_slice(b"/Kids[");
    for (i, kid) in kids.iter().enumerate() {
        if i > 0 {
            d.push(b' ');
        }
        kid.push(d);
    }
    d.push(b']');
}
