//! One PDF written as labels come: each page goes out as soon as it is drawn (a sheet when
//! it is full), the fonts and the page tree at the end. Memory holds the labels being drawn
//! and the glyphs used so far, never the pages written.

use std::io::Write;

use super::RenderError;
use super::draw::{Drawn, draw_label};
use super::embed::DocumentFonts;
use super::file::{Effort, ObjRef, PdfFile, deflate};
use super::sheet::SheetPage;
use crate::layout::{LabelLayout, SheetCursor};
use crate::options::Options;
use crate::printer::{Output, Printer};
use crate::units::Pt;

/// Pages under the page tree's root before the rest go under intermediate nodes of this
/// many each: a short document has a flat tree, a long one a tree readers walk quickly.
const PAGES_PER_NODE: usize = 64;

/// The printing layer to one PDF on any [`Write`], a page per label (or a sheet per few),
/// as orders come, with one policy for orders that cannot be printed
/// ([`BatchMode`](crate::BatchMode)) and a [`Rejected`](crate::Rejected) for each of them:
/// none is lost. A [`Printer`] to a [`PdfOutput`]; its methods are [`Printer`]'s.
///
/// Orders ([`Printable`](crate::Printable): a [`Label`](crate::Label) or a
/// [`ValidLabel`](crate::ValidLabel)) are validated, laid out and drawn on
/// [`Options::threads`] threads while this thread writes the pages, in order; memory
/// stays that of the labels being drawn, however long the document. One label
/// ([`write_label`](Printer::write_label)) is drawn on the calling thread. Fonts are
/// embedded once, at the end, subset to the glyphs the whole document uses. The output
/// depends only on the orders and the options: the same input gives the same bytes.
///
/// In [`BatchMode::AllOrNothing`](crate::BatchMode::AllOrNothing) (the default), [`finish`](Printer::finish) fails with
/// every order set aside if there is one, and the bytes written so far are to be thrown
/// away (write to a temporary file and keep it only when `finish` succeeds); after the
/// first rejection labels are still validated and laid out, to report every problem, but
/// no longer drawn. In [`BatchMode::PrintValid`](crate::BatchMode::PrintValid) the document holds every
/// order that could be printed and [`Printed::rejected`](crate::Printed::rejected) the
/// others.
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
/// // A rendezvous: each chunk waits until the body takes it.
/// let (tx, rx) = sync_channel(0);
/// let job = std::thread::spawn(move || -> Result<(), shiplabel::RenderError> {
///     let out = std::io::BufWriter::with_capacity(8 * 1024, Body(tx));
///     let mut writer = shiplabel::PdfWriter::new(out, &Default::default())?;
///     writer.write_labels(vec![shiplabel::Label::sample(); 50])?;
///     Ok(writer.finish()?.output.flush()?)
/// });
/// // The body reads the first chunk, then the client disconnects: the run stops.
/// let first = rx.recv().unwrap();
/// assert!(first.starts_with(b"%PDF-"));
/// drop(rx);
/// assert!(matches!(job.join().unwrap(), Err(shiplabel::RenderError::Io(_))));
/// ```
pub type PdfWriter<W> = Printer<PdfOutput<W>>;

/// A PDF being written: the output of a [`PdfWriter`]. Pages go out as they are drawn (a
/// sheet when it is full); the fonts, the page tree and the cross-reference at the end.
///
/// ```
/// let output = shiplabel::PdfOutput::new(Vec::new())?;
/// assert_eq!(output.pages(), 0);
/// # Ok::<(), shiplabel::RenderError>(())
/// ```
pub struct PdfOutput<W: Write> {
    file: PdfFile<W>,
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
    /// Layouts written: labels and customs form pages.
    written: usize,
    sheet: SheetPage,
    /// Where the next label goes on the sheets.
    cursor: SheetCursor,
}

impl<W: Write> std::fmt::Debug for PdfOutput<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfOutput")
            .field("pages", &self.pages)
            .field("layouts", &self.written)
            .finish_non_exhaustive()
    }
}

/// A label drawn for a PDF, ready to be written: its content stream, and that compressed
/// when the label is a page of its own. What [`PdfOutput`]'s drawer makes on the printer's
/// threads; only the printing layer reads it.
///
/// ```
/// use shiplabel::{Options, Output, PdfOutput};
/// let output = PdfOutput::new(Vec::new())?;
/// let draw = output.drawer(&Options::default());
/// let layout = shiplabel::layout(&shiplabel::Label::sample().validate().unwrap(), &Options::default()).unwrap();
/// let prepared: shiplabel::Prepared = draw(&layout)?;
/// assert!(format!("{prepared:?}").starts_with("Prepared"));
/// # Ok::<(), shiplabel::RenderError>(())
/// ```
#[derive(Debug)]
pub struct Prepared {
    drawn: Drawn,
    compressed: Option<Vec<u8>>,
}

fn prepare(layout: &LabelLayout, compress: bool) -> Result<Prepared, RenderError> {
    let drawn = draw_label(layout, None)?;
    let compressed = compress.then(|| deflate(&drawn.content, Effort::Fast));
    Ok(Prepared { drawn, compressed })
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
        Ok(Printer::to(PdfOutput::new(out)?, options))
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
        self.output().pages
    }
}

impl<W: Write> PdfOutput<W> {
    /// Starts a document on `out`, writing its header.
    ///
    /// # Errors
    ///
    /// [`RenderError::Io`] if `out` fails.
    ///
    /// ```
    /// let output = shiplabel::PdfOutput::new(Vec::new())?;
    /// let writer = shiplabel::Printer::to(output, &Default::default());
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn new(out: W) -> Result<Self, RenderError> {
        let mut file = PdfFile::new(out)?;
        let [catalog, root, resources, info] = [(); 4].map(|()| file.reserve());
        Ok(PdfOutput {
            file,
            catalog,
            root,
            resources,
            info,
            fonts: DocumentFonts::default(),
            root_kids: Vec::new(),
            node: None,
            pages: 0,
            written: 0,
            sheet: SheetPage::default(),
            cursor: SheetCursor::default(),
        })
    }

    /// Pages written so far (a sheet being filled counts once it is written).
    ///
    /// ```
    /// assert_eq!(shiplabel::PdfOutput::new(Vec::new())?.pages(), 0);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Writes a drawn label: its glyphs join the document's fonts (drawn again if one of
    /// them extracts as other text here than the document gave its code), then its page, or
    /// its place on the sheet.
    fn add(
        &mut self,
        options: &Options,
        layout: &LabelLayout,
        p: Prepared,
    ) -> Result<(), RenderError> {
        let (content, compressed) = if self.fonts.record(&p.drawn.shown) {
            (p.drawn.content, p.compressed)
        } else {
            let again = draw_label(layout, Some(&self.fonts))?;
            let compressed = p
                .compressed
                .is_some()
                .then(|| deflate(&again.content, Effort::Fast));
            (again.content, compressed)
        };
        self.written += 1;
        match options.sheet() {
            Some(sheet) if SheetCursor::is_label_of(&sheet, layout) => {
                let (slot, full) = self.cursor.place(&sheet);
                self.sheet
                    .place(sheet.layout(), slot, options.dpi(), &content);
                if full {
                    self.flush_sheet(options)?;
                }
                Ok(())
            }
            on_sheets => {
                // A page of its own: a label without sheets, or a CN23 between sheets.
                if on_sheets.is_some() {
                    self.flush_sheet(options)?;
                    self.cursor.restart();
                }
                let compressed = compressed.unwrap_or_else(|| deflate(&content, Effort::Fast));
                self.page((layout.width, layout.height), &compressed)
            }
        }
    }

    /// Writes the sheet being filled as a page.
    fn flush_sheet(&mut self, options: &Options) -> Result<(), RenderError> {
        let Some(sheet) = options.sheet() else {
            return Ok(());
        };
        if self.sheet.is_empty() {
            return Ok(());
        }
        let content = self
            .sheet
            .take(sheet.layout(), options.dpi(), sheet.cut_marks());
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
    /// cross-reference; returns `out`.
    fn end(mut self, options: &Options) -> Result<W, RenderError> {
        self.flush_sheet(options)?;
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
        self.file.finish(self.catalog, self.info)
    }
}

impl<W: Write> Output for PdfOutput<W> {
    type Drawn = Prepared;
    type Finished = W;

    fn drawer(
        &self,
        options: &Options,
    ) -> impl Fn(&LabelLayout) -> Result<Prepared, RenderError> + Sync + 'static {
        // A page of its own is compressed on the worker; a sheet's labels, once the sheet is
        // full.
        let compress = options.sheet().is_none();
        move |layout| prepare(layout, compress)
    }

    /// Its glyphs join the document's fonts (the label is drawn again if one of them
    /// extracts as other text here than the document gave its code), then its page, or its
    /// place on the sheet.
    fn write(
        &mut self,
        options: &Options,
        layout: LabelLayout,
        drawn: Prepared,
    ) -> Result<(), RenderError> {
        self.add(options, &layout, drawn)
    }

    fn finish(self, options: &Options) -> Result<W, RenderError> {
        self.end(options)
    }
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
