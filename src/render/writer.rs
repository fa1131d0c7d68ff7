//! One PDF written as labels come: each page goes out as soon as it is drawn (a sheet when
//! it is full), the fonts and the page tree at the end. Memory holds the labels being drawn
//! and the glyphs used so far, never the pages written.

use std::borrow::Borrow;
use std::io::Write;

use super::draw::{Drawn, draw_label};
use super::embed::DocumentFonts;
use super::file::{Effort, ObjRef, PdfFile, deflate};
use super::sheet::SheetPage;
use super::{LabelFailure, RenderError};
use crate::layout::{LabelLayout, layout};
use crate::units::Pt;
use crate::{Options, ValidLabel};

/// Pages under the page tree's root before the rest go under intermediate nodes of this
/// many each: a short document has a flat tree, a long one a tree readers walk quickly.
const PAGES_PER_NODE: usize = 64;

/// Writes labels into one PDF on any [`Write`], a page per label (or a sheet per few), as
/// they come: memory stays that of the labels being drawn, however long the document.
///
/// Fonts are embedded once, at the end, subset to the glyphs the whole document uses. The
/// output depends only on the labels and the options: the same input gives the same bytes,
/// and the same bytes as [`render_pdf`](crate::render_pdf).
///
/// A label that cannot be laid out is not written and is reported (see
/// [`write_labels`](PdfWriter::write_labels)); the document stays valid without it.
///
/// ```
/// use shiplabel::{Label, Options, PdfWriter};
/// let file = std::fs::File::create(std::env::temp_dir().join("stream.pdf"))?;
/// let mut writer = PdfWriter::new(std::io::BufWriter::new(file), &Options::default())?;
/// // Labels can come from anywhere, one at a time or in runs of any length.
/// let day = (0..200).map(|i| {
///     let mut label = Label::sample();
///     label.order.number = format!("TT-{i:06}");
///     label.validate()
/// });
/// let labels: Vec<_> = day.collect::<Result<_, _>>()?;
/// let failed = writer.write_labels(labels)?;
/// assert!(failed.is_empty());
/// assert_eq!(writer.pages(), 200);
/// writer.finish()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
    /// Labels offered so far, written or not: the index a failure is reported with.
    offered: usize,
    /// Labels written.
    written: usize,
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
struct Prepared<L> {
    layout: L,
    drawn: Drawn,
    compressed: Option<Vec<u8>>,
}

fn prepare<L: Borrow<LabelLayout>>(layout: L, compress: bool) -> Result<Prepared<L>, RenderError> {
    let drawn = draw_label(layout.borrow(), None)?;
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

    /// Lays out one label and writes it.
    ///
    /// # Errors
    ///
    /// [`RenderError::Layout`] with the label (its index counts every label offered to this
    /// writer) if it cannot be laid out: nothing of it is written, and the writer goes on.
    /// [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails: the document cannot be
    /// finished then.
    ///
    /// ```
    /// let mut label = shiplabel::Label::sample();
    /// label.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
    /// let mut writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// let err = writer.write_label(&label.validate()?).unwrap_err();
    /// assert!(err.to_string().starts_with("label 0 (order THIS-ORDER"));
    /// writer.write_label(&shiplabel::Label::sample().validate()?)?;
    /// let pdf = writer.finish()?;
    /// assert!(pdf.starts_with(b"%PDF-1.7"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_label(&mut self, label: &ValidLabel) -> Result<(), RenderError> {
        self.check()?;
        let index = self.offered;
        self.offered += 1;
        let laid_out = layout(label, &self.options).map_err(|error| {
            RenderError::Layout(vec![LabelFailure {
                index,
                order: label.order().number().to_string(),
                error,
            }])
        })?;
        let prepared = prepare(laid_out, self.options.sheet().is_none());
        let result = prepared.and_then(|p| self.add(p));
        self.guard(result)
    }

    /// Lays out and writes every label, in order, drawing them on every core while this
    /// thread writes the ones drawn (and pulls the next from `labels`, which may validate
    /// them as they come), and returns those that could not be laid out (empty when all were written):
    /// they are left out of the document, each reported with its index (counting every
    /// label offered to this writer), order number and reason.
    ///
    /// # Errors
    ///
    /// [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails: the document cannot be
    /// finished then.
    ///
    /// ```
    /// let labels = vec![shiplabel::Label::sample().validate()?; 3];
    /// let mut writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// assert!(writer.write_labels(labels)?.is_empty());
    /// assert_eq!(writer.labels(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_labels(
        &mut self,
        labels: impl IntoIterator<Item = ValidLabel>,
    ) -> Result<Vec<LabelFailure>, RenderError> {
        self.check()?;
        let mut failures = Vec::new();
        let compress = self.options.sheet().is_none();
        let options = self.options.clone();
        let result = crate::parallel::pipeline(
            labels.into_iter(),
            |label| layout(label, &options).map(|l| prepare(l, compress)),
            |label, result| {
                let index = self.offered;
                self.offered += 1;
                match result {
                    Ok(prepared) => prepared.and_then(|p| self.add(p)),
                    Err(error) => {
                        failures.push(LabelFailure {
                            index,
                            order: label.order().number().to_string(),
                            error,
                        });
                        Ok(())
                    }
                }
            },
            worker_failed,
        );
        self.guard(result)?;
        Ok(failures)
    }

    /// Writes labels already laid out, drawing them on all cores.
    pub(crate) fn write_layouts(&mut self, layouts: &[LabelLayout]) -> Result<(), RenderError> {
        self.check()?;
        let compress = self.options.sheet().is_none();
        let result = crate::parallel::pipeline(
            layouts.iter(),
            |l| prepare(*l, compress),
            |_, prepared| {
                self.offered += 1;
                prepared.and_then(|p| self.add(p))
            },
            worker_failed,
        );
        self.guard(result)
    }

    /// Writes a drawn label: its glyphs join the document's fonts (drawn again if one of
    /// them extracts as other text here than the document gave its code), then its page, or
    /// its place on the sheet.
    fn add<L: Borrow<LabelLayout>>(&mut self, p: Prepared<L>) -> Result<(), RenderError> {
        let (content, compressed) = if self.fonts.record(&p.drawn.shown) {
            (p.drawn.content, p.compressed)
        } else {
            let again = draw_label(p.layout.borrow(), Some(&self.fonts))?;
            let compressed = p
                .compressed
                .is_some()
                .then(|| deflate(&again.content, Effort::Fast));
            (again.content, compressed)
        };
        self.written += 1;
        match self.options.sheet() {
            None => {
                let layout = p.layout.borrow();
                let compressed = compressed.unwrap_or_else(|| deflate(&content, Effort::Fast));
                self.page((layout.width, layout.height), &compressed)
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
    /// cross-reference; returns `out`.
    ///
    /// # Errors
    ///
    /// [`RenderError::NoLabels`] if no label was written (a PDF needs a page);
    /// [`RenderError::Io`] or [`RenderError::Pdf`] if writing fails, or failed before.
    ///
    /// ```
    /// let writer = shiplabel::PdfWriter::new(Vec::new(), &Default::default())?;
    /// assert_eq!(writer.finish().unwrap_err(), shiplabel::RenderError::NoLabels);
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    pub fn finish(mut self) -> Result<W, RenderError> {
        self.check()?;
        if self.written == 0 {
            return Err(RenderError::NoLabels);
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
        self.file.finish(self.catalog, self.info)
    }
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

/// Renders laid-out labels as one PDF in memory.
pub(crate) fn write_pdf(
    layouts: &[LabelLayout],
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    let mut writer = PdfWriter::new(Vec::new(), options)?;
    writer.write_layouts(layouts)?;
    writer.finish()
}
