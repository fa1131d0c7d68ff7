//! One PDF written as labels come: each page goes out as soon as it is drawn (a sheet when
//! it is full), the fonts and the page tree at the end. Memory holds the labels being drawn,
//! the glyphs used so far and the forms of the last sellers, never the pages written.
//!
//! A seller's sender block is drawn once per document, as a form XObject, when a second
//! label of the seller comes: that page and the seller's later ones paint it. Which pages do
//! is decided as orders are handed out, in order ([`LabelLayout::repeated_sender`]), so the
//! document is the same however its pages were drawn; a batch of one seller saves about a
//! tenth of its bytes and of the work of drawing them, and a batch whose every seller differs
//! has no form.

use std::io::Write;

use super::RenderError;
use super::draw::{Drawn, draw_elements, draw_label};
use super::embed::DocumentFonts;
use super::file::{ObjRef, PdfFile, deflate_content};
use super::sheet::SheetPage;
use crate::last_met::LastMet;
use crate::layout::{Element, LabelLayout, SheetCursor};
use crate::options::Options;
use crate::printer::{Output, Printer};
use crate::sellers::SELLERS_KEPT;
use crate::units::Pt;

/// Pages under the page tree's root before the rest go under intermediate nodes of this
/// many each: a short document has a flat tree, a long one a tree readers walk quickly.
const PAGES_PER_NODE: usize = 64;

/// The name a page gives the form of its sender block, in the resources it paints it from.
const SENDER_FORM: &str = "S";

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
    /// The sender forms written, by their blocks' numbers (unique in the process: see
    /// `sellers`), with the resources of the pages that paint them; the last used last, at
    /// most [`SELLERS_KEPT`](crate::sellers::SELLERS_KEPT).
    forms: LastMet<(u64, ObjRef)>,
    /// The font dictionary as an object of its own, which the document's resources and the
    /// sender forms' pages share, once there is a form.
    font_dict: Option<ObjRef>,
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
/// threads; only the printing layer reads it. A page whose seller the printer met before
/// paints the sender block from the document's form instead of drawing it (the document
/// writes the form when it first needs it).
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
    /// The number of the sender block the page paints from its form instead of drawing it.
    form: Option<u64>,
}

/// Draws a label, and compresses it if it is a page of its own (`compress`); such a page
/// whose seller came before paints its sender block from the document's form.
fn prepare(layout: &LabelLayout, compress: bool) -> Result<Prepared, RenderError> {
    let repeated = layout.repeated_sender.filter(|_| compress);
    let (mut drawn, form) = match (repeated, layout.sender_block()) {
        (Some(number), Some((_, rest))) => (
            draw_elements(layout, rest, None, Some(SENDER_FORM))?,
            Some(number),
        ),
        _ => (draw_label(layout, None)?, None),
    };
    let compressed = compress.then(|| {
        let compressed = deflate_content(&drawn.content);
        // Only the compressed stream is written: the operators' buffer goes back to this
        // thread's allocator now, for the next label, rather than from the writing thread
        // once the page is written.
        drawn.content = Vec::new();
        compressed
    });
    Ok(Prepared {
        drawn,
        compressed,
        form,
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
            forms: LastMet::new(SELLERS_KEPT),
            font_dict: None,
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
    /// its place on the sheet. A page that paints its sender's form has the form written
    /// first, the first time.
    fn add(
        &mut self,
        options: &Options,
        layout: &LabelLayout,
        p: Prepared,
    ) -> Result<(), RenderError> {
        let sheet = options
            .sheet()
            .filter(|sheet| SheetCursor::is_label_of(sheet, layout));
        // The sender's form, and the rest of the page, for a page of its own that paints it
        // (a sheet draws its labels whole).
        let form = match (p.form, layout.sender_block()) {
            (Some(number), Some((block, rest))) if sheet.is_none() => {
                Some((self.sender_form(number, layout, block)?, rest))
            }
            _ => None,
        };
        let (elements, name) = match form {
            Some((_, rest)) => (rest, Some(SENDER_FORM)),
            None => (layout.elements.as_slice(), None),
        };
        // Content drawn again here is compressed where it goes: as a page of its own, or
        // with its sheet.
        // A page drawn to be a page of its own keeps only its compressed stream
        // ([`prepare`]): placed on a sheet, it is drawn again too.
        let own_page_on_sheet = sheet.is_some() && p.compressed.is_some();
        let (content, compressed) = if p.form.is_some() != form.is_some() || own_page_on_sheet {
            // Drawn for other options than these (by a drawer of its own): drawn again.
            (self.draw_recorded(layout, elements, name)?.content, None)
        } else if self.fonts.record(&p.drawn.shown) {
            (p.drawn.content, p.compressed)
        } else {
            let again = draw_elements(layout, elements, Some(&self.fonts), name)?;
            (again.content, None)
        };
        self.written += 1;
        match sheet {
            Some(sheet) => {
                let (slot, full) = self.cursor.place(&sheet);
                self.sheet
                    .place(sheet.layout(), slot, options.dpi(), &content);
                if full {
                    self.flush_sheet(options)?;
                }
                Ok(())
            }
            None => {
                // A page of its own: a label without sheets, or a CN23 between sheets.
                if options.sheet().is_some() {
                    self.flush_sheet(options)?;
                    self.cursor.restart();
                }
                let compressed = compressed.unwrap_or_else(|| deflate_content(&content));
                let resources = form.map_or(self.resources, |(resources, _)| resources);
                self.page((layout.width, layout.height), &compressed, resources)
            }
        }
    }

    /// Draws `elements` of `layout` (after painting the sender form `form`, if named); their
    /// glyphs join the document's fonts, and they are drawn again with them if one extracts
    /// as other text here than the document gave its code.
    fn draw_recorded(
        &mut self,
        layout: &LabelLayout,
        elements: &[Element],
        form: Option<&str>,
    ) -> Result<Drawn, RenderError> {
        let drawn = draw_elements(layout, elements, None, form)?;
        if self.fonts.record(&drawn.shown) {
            Ok(drawn)
        } else {
            draw_elements(layout, elements, Some(&self.fonts), form)
        }
    }

    /// The resources of the pages that paint sender block `number` (`block`, of `layout`)
    /// from its form: the form is written the first time (and again once the document has
    /// let it go, after [`SELLERS_KEPT`] others).
    fn sender_form(
        &mut self,
        number: u64,
        layout: &LabelLayout,
        block: &[Element],
    ) -> Result<ObjRef, RenderError> {
        if let Some(&(_, resources)) = self.forms.find(|&(n, _)| n == number) {
            return Ok(resources);
        }
        let drawn = self.draw_recorded(layout, block, None)?;
        let form = self.file.reserve();
        let mut d = b"/Type/XObject/Subtype/Form/BBox[0 0 ".to_vec();
        super::content::push_number(&mut d, f64::from(layout.width.0), 3);
        d.push(b' ');
        super::content::push_number(&mut d, f64::from(layout.height.0), 3);
        d.extend_from_slice(b"]/Resources ");
        self.resources.push(&mut d);
        d.extend_from_slice(b"/Filter/FlateDecode");
        self.file
            .stream(form, &d, &deflate_content(&drawn.content))?;
        let fonts = match self.font_dict {
            Some(fonts) => fonts,
            None => *self.font_dict.insert(self.file.reserve()),
        };
        let resources = self.file.reserve();
        let mut d = b"<</Font ".to_vec();
        fonts.push(&mut d);
        d.extend_from_slice(b"/XObject<</");
        d.extend_from_slice(SENDER_FORM.as_bytes());
        d.push(b' ');
        form.push(&mut d);
        d.extend_from_slice(b">>>>");
        self.file.object(resources, d)?;
        self.forms.push((number, resources));
        Ok(resources)
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
        self.page(
            sheet.layout().page(),
            &deflate_content(&content),
            self.resources,
        )
    }

    /// Writes a page: its compressed content and its dictionary, with `resources`, under the
    /// page tree.
    fn page(
        &mut self,
        (width, height): (Pt, Pt),
        compressed: &[u8],
        resources: ObjRef,
    ) -> Result<(), RenderError> {
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
        resources.push(&mut d);
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
        let mut font_dict = b"<<".to_vec();
        font_dict.extend_from_slice(&fonts);
        font_dict.extend_from_slice(b">>");
        // The fonts in the document's resources; or, once there are sender forms, an object
        // of its own that their pages' resources name too.
        let mut d = b"<</Font".to_vec();
        match self.font_dict {
            None => d.extend_from_slice(&font_dict),
            Some(id) => {
                d.push(b' ');
                id.push(&mut d);
                self.file.object(id, font_dict)?;
            }
        }
        d.extend_from_slice(b">>");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::inflate;
    use crate::{BatchMode, Label, Sheet, SheetLayout, ValidLabel};

    /// The sample label, sold by `seller`, numbered `i`.
    fn label(seller: &str, i: usize) -> Label {
        let mut label = Label::sample();
        label.seller.name = seller.to_owned();
        label.order.number = format!("TT-2026-{i:06}");
        label
    }

    fn content_of(doc: &lopdf::Document, id: lopdf::ObjectId) -> Vec<u8> {
        inflate(&doc.get_object(id).unwrap().as_stream().unwrap().content)
    }

    /// Each page's content with its sender form's in place of the `Do` that paints it, and
    /// the forms the pages paint (by object), in order of first use.
    fn pages_drawn(pdf: &[u8]) -> (Vec<String>, Vec<lopdf::ObjectId>) {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let mut forms = Vec::new();
        let pages = doc
            .get_pages()
            .values()
            .map(|&page| {
                let content = content_of(&doc, doc.get_page_contents(page)[0]);
                let drawn = match content.strip_prefix(b"0 g\n/S Do\n") {
                    None => content,
                    Some(rest) => {
                        let dict = doc.get_dictionary(page).unwrap();
                        let resources = dict.get(b"Resources").unwrap().as_reference().unwrap();
                        let resources = doc.get_dictionary(resources).unwrap();
                        let named = resources.get(b"XObject").unwrap().as_dict().unwrap();
                        assert_eq!(named.len(), 1);
                        let form = named.get(b"S").unwrap().as_reference().unwrap();
                        let stream = doc.get_object(form).unwrap().as_stream().unwrap();
                        assert_eq!(
                            stream.dict.get(b"Subtype").unwrap().as_name().unwrap(),
                            b"Form"
                        );
                        // Its fonts are the document's.
                        assert_eq!(
                            resources.get(b"Font").unwrap(),
                            doc.get_dictionary(
                                stream
                                    .dict
                                    .get(b"Resources")
                                    .unwrap()
                                    .as_reference()
                                    .unwrap()
                            )
                            .unwrap()
                            .get(b"Font")
                            .unwrap()
                        );
                        if !forms.contains(&form) {
                            forms.push(form);
                        }
                        [content_of(&doc, form).as_slice(), rest].concat()
                    }
                };
                String::from_utf8(drawn).unwrap()
            })
            .collect();
        (pages, forms)
    }

    /// The content of `label`'s page in a PDF of its own.
    fn alone(label: &ValidLabel, options: &Options) -> String {
        let pdf = crate::render_pdf(std::slice::from_ref(label), options).unwrap();
        let (pages, forms) = pages_drawn(&pdf);
        assert!(forms.is_empty());
        pages.into_iter().next().unwrap()
    }

    #[test]
    fn a_sellers_labels_after_the_first_paint_its_block_from_one_form() {
        let sellers = ["Tidy Threads Ltd", "Blue Heron Books", "Øresund Ceramics"];
        let order = [0, 1, 0, 1, 0, 0, 2, 1];
        let labels: Vec<ValidLabel> = order
            .iter()
            .enumerate()
            .map(|(i, &s)| label(sellers[s], i).validate().unwrap())
            .collect();
        let options = Options::default();
        let pdf = crate::render_pdf(&labels, &options).unwrap();
        let (pages, forms) = pages_drawn(&pdf);
        // Each page draws what its label alone draws.
        for (page, label) in pages.iter().zip(&labels) {
            assert_eq!(*page, alone(label, &options));
        }
        // The first label of each seller draws its block; the others paint it, from one form
        // a seller that repeats, written once.
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let paints: Vec<bool> = doc
            .get_pages()
            .values()
            .map(|&p| content_of(&doc, doc.get_page_contents(p)[0]).starts_with(b"0 g\n/S Do"))
            .collect();
        assert_eq!(paints, [false, false, true, true, true, true, false, true]);
        assert_eq!(forms.len(), 2);
        // A document of one label, or of sellers all different, has no form.
        for labels in [&labels[..1], &labels[..2]] {
            let pdf = crate::render_pdf(labels, &options).unwrap();
            assert!(!pdf.windows(5).any(|w| w == b"/Form"));
        }
    }

    #[test]
    fn a_document_is_the_same_however_many_threads_draw_it() {
        let sellers = ["Tidy Threads Ltd", "Blue Heron Books", "Øresund Ceramics"];
        let labels: Vec<ValidLabel> = (0..300)
            .map(|i| label(sellers[(i * 7 / 5) % 3], i).validate().unwrap())
            .collect();
        let one = crate::render_pdf(&labels, &Options::default().with_threads(1)).unwrap();
        assert!(one.windows(5).any(|w| w == b"/Form"));
        for threads in [2, 3, 4] {
            let options = Options::default().with_threads(threads);
            assert!(
                crate::render_pdf(&labels, &options).unwrap() == one,
                "{threads}"
            );
        }
    }

    #[test]
    fn a_form_is_written_when_a_page_first_paints_it_even_after_a_rejected_order() {
        // The seller's second order is set aside: its third paints the form, written then.
        let mut bad = label("Tidy Threads Ltd", 1);
        bad.recipient.address.postcode = None;
        let labels = [
            label("Tidy Threads Ltd", 0),
            bad,
            label("Tidy Threads Ltd", 2),
        ];
        let mut writer = PdfWriter::new(Vec::new(), &Options::default())
            .unwrap()
            .with_mode(BatchMode::PrintValid);
        writer.write_labels(&labels).unwrap();
        let printed = writer.finish().unwrap();
        assert_eq!(printed.rejected.len(), 1);
        let (pages, forms) = pages_drawn(&printed.output);
        assert_eq!((pages.len(), forms.len()), (2, 1));
        for (page, label) in pages.iter().zip([&labels[0], &labels[2]]) {
            assert_eq!(
                *page,
                alone(&label.validate().unwrap(), &Options::default())
            );
        }
    }

    #[test]
    fn a_document_keeps_the_forms_of_its_last_sellers_only() {
        // Each seller twice, one more seller than kept, then the first again: let go, its
        // block is drawn by its first label again and a new form painted by the second.
        let mut sellers: Vec<usize> = (0..=SELLERS_KEPT).collect();
        sellers.push(0);
        let labels: Vec<ValidLabel> = sellers
            .iter()
            .flat_map(|&s| [2 * s, 2 * s + 1].map(|i| (s, i)))
            .map(|(s, i)| label(&format!("Seller {s}"), i).validate().unwrap())
            .collect();
        let options = Options::default();
        let pdf = crate::render_pdf(&labels, &options).unwrap();
        let (pages, forms) = pages_drawn(&pdf);
        assert_eq!(forms.len(), SELLERS_KEPT + 2);
        assert_eq!(pages.len(), labels.len());
        let last = labels.len() - 2;
        assert_eq!(pages[last], alone(&labels[last], &options));
        assert_eq!(pages[last + 1], alone(&labels[last + 1], &options));
    }

    #[test]
    fn a_form_let_go_is_written_again_when_a_page_paints_it() {
        // Pages painting one more block than a document keeps forms of, then the first
        // again (a seller the printer still remembers, whose form the document let go: its
        // order in between was set aside).
        let options = Options::default();
        let mut output = PdfOutput::new(Vec::new()).unwrap();
        let draw = output.drawer(&options);
        let numbers: Vec<u64> = (0..=SELLERS_KEPT as u64).chain([0, 0]).collect();
        for (i, &number) in numbers.iter().enumerate() {
            let valid = label(&format!("Seller {number}"), i).validate().unwrap();
            let mut layout = crate::layout(&valid, &options).unwrap();
            layout.repeated_sender = Some(number);
            let prepared = draw(&layout).unwrap();
            output.write(&options, layout, prepared).unwrap();
        }
        let pdf = output.end(&options).unwrap();
        let (pages, forms) = pages_drawn(&pdf);
        assert_eq!(pages.len(), numbers.len());
        assert_eq!(forms.len(), SELLERS_KEPT + 2);
        let labels: Vec<ValidLabel> = numbers
            .iter()
            .enumerate()
            .map(|(i, n)| label(&format!("Seller {n}"), i).validate().unwrap())
            .collect();
        for (page, label) in pages.iter().zip(&labels).skip(SELLERS_KEPT - 1) {
            assert_eq!(*page, alone(label, &options));
        }
    }

    #[test]
    fn labels_on_sheets_are_drawn_whole() {
        let labels: Vec<ValidLabel> = (0..6)
            .map(|i| label("Tidy Threads Ltd", i).validate().unwrap())
            .collect();
        let options = Options::default().with_sheet(Sheet::new(SheetLayout::A4FourA6));
        let pdf = crate::render_pdf(&labels, &options).unwrap();
        assert!(!pdf.windows(5).any(|w| w == b"/Form"));
        // A label drawn to paint its form, written to a sheet, is drawn whole there.
        let mut layout = crate::layout(&labels[1], &options).unwrap();
        layout.repeated_sender = Some(0);
        let own_page = PdfOutput::new(Vec::new())
            .unwrap()
            .drawer(&Options::default());
        let prepared = own_page(&layout).unwrap();
        assert_eq!(prepared.form, Some(0));
        let mut output = PdfOutput::new(Vec::new()).unwrap();
        let whole = output.drawer(&options)(&layout).unwrap();
        assert_eq!(whole.form, None);
        output.write(&options, layout.clone(), prepared).unwrap();
        assert!(!output.sheet.is_empty());
        let mut other = PdfOutput::new(Vec::new()).unwrap();
        other.write(&options, layout, whole).unwrap();
        let (a, b) = (output.end(&options).unwrap(), other.end(&options).unwrap());
        assert!(a == b, "the same sheet either way");
        // So is one drawn as a page of its own without a form, whose operators were let go
        // once compressed.
        let layout = crate::layout(&labels[0], &options).unwrap();
        let prepared = own_page(&layout).unwrap();
        assert!(prepared.form.is_none() && prepared.compressed.is_some());
        assert!(prepared.drawn.content.is_empty());
        let mut output = PdfOutput::new(Vec::new()).unwrap();
        let whole = output.drawer(&options)(&layout).unwrap();
        output.write(&options, layout.clone(), prepared).unwrap();
        let mut other = PdfOutput::new(Vec::new()).unwrap();
        other.write(&options, layout, whole).unwrap();
        let (a, b) = (output.end(&options).unwrap(), other.end(&options).unwrap());
        assert!(a == b, "the same sheet either way");
    }
}
