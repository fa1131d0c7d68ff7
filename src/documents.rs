//! A day's orders as a series of PDFs of bounded size, rendered one at a time.
//!
//! [`PdfWriter`](crate::PdfWriter) streams any number of labels into one PDF. Some printers
//! and print queues take long documents badly, and a run split into files can be resumed
//! from the file that failed: [`documents`] takes the labels as an iterator and renders
//! them as consecutive PDFs of at most `max_pages` pages each (and at most
//! [`MAX_LABELS`](crate::MAX_LABELS) labels), one at a time, so memory stays that of one
//! document however long the run.

use std::io::Write;

use crate::error::{IoError, RenderError};
use crate::layout::{SheetCursor, customs_layouts};
use crate::limits::MAX_LABELS;
use crate::options::{Options, Sheet};
use crate::print::render_pdf;
use crate::validate::ValidLabel;

/// The PDFs of [`documents`], in order: each a complete document, rendered when asked for.
///
/// ```
/// let labels = vec![shiplabel::Label::sample().validate()?; 5];
/// let pdfs: Vec<Vec<u8>> =
///     shiplabel::documents(labels, &Default::default(), 2).collect::<Result<_, _>>()?;
/// assert_eq!(pdfs.len(), 3); // 2 + 2 + 1 pages
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Documents<I> {
    labels: I,
    /// An order taken from `labels` that did not fit the previous document.
    pending: Option<ValidLabel>,
    options: Options,
    max_pages: usize,
    /// Where the next label goes on the sheets, across documents.
    cursor: SheetCursor,
}

/// Renders `labels` as consecutive PDFs of at most `max_pages` pages each (at least 1, and
/// at most [`MAX_LABELS`] labels each), one document at a time: it holds the labels of one
/// document at most, so memory stays that of one document however many labels there are.
///
/// On sheets, each document holds whole sheets: the first starts at the sheet's start
/// position, the next ones at position 1, so the labels sit on the sheets exactly as one
/// long document would put them.
///
/// An order's customs forms (its CN22, its CN23's pages) stay in its document, right after
/// its label, and count as the pages they are (on sheets, a CN22 takes a place and a CN23
/// ends the sheet); only an order that alone has more pages than `max_pages` makes a longer
/// document, of its own.
///
/// Each item is what [`render_pdf`] returns for that part, so a label that cannot be laid
/// out fails its document (with its index within that document: add the labels of the
/// documents before it).
///
/// ```
/// use shiplabel::{Options, Sheet, SheetLayout};
/// let labels = vec![shiplabel::Label::sample().validate()?; 7];
/// let sheet = Sheet::new(SheetLayout::A4FourA6).starting_at(4)?;
/// let options = Options::default().with_sheet(sheet);
/// let pages: Vec<usize> = shiplabel::documents(labels, &options, 1)
///     .map(|pdf| Ok::<_, shiplabel::RenderError>(lopdf::Document::load_mem(&pdf?).unwrap().get_pages().len()))
///     .collect::<Result<_, _>>()?;
/// // One sheet per document: position 4 of the first, then four and two.
/// assert_eq!(pages, [1, 1, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn documents<I: IntoIterator<Item = ValidLabel>>(
    labels: I,
    options: &Options,
    max_pages: usize,
) -> Documents<I::IntoIter> {
    Documents {
        labels: labels.into_iter(),
        pending: None,
        options: options.clone(),
        max_pages: max_pages.max(1),
        cursor: SheetCursor::default(),
    }
}

/// The pages an order adds to a document: its label and its customs forms (when printed);
/// on sheets, the sheets it starts, its CN22 taking a place, a CN23 ending the sheet.
fn footprint(label: &ValidLabel, options: &Options, cursor: &mut SheetCursor) -> usize {
    let forms = if options.customs_forms() {
        // A form that cannot be laid out fails the document when it is rendered.
        customs_layouts(label, options).unwrap_or_default()
    } else {
        Vec::new()
    };
    let Some(sheet) = options.sheet() else {
        return 1 + forms.len();
    };
    // A label in a sheet's first place starts a sheet; so does the first of a document.
    let place = |cursor: &mut SheetCursor| {
        let (slot, _) = cursor.place(&sheet);
        let starts = slot == 0 || !cursor.has_sheet_open();
        cursor.open_sheet();
        usize::from(starts)
    };
    let mut pages = place(cursor);
    for form in &forms {
        if SheetCursor::is_label_of(&sheet, form) {
            pages += place(cursor);
        } else {
            cursor.restart();
            pages += 1;
        }
    }
    pages
}

impl<I: Iterator<Item = ValidLabel>> Documents<I> {
    fn next_part(&mut self) -> Option<(Vec<ValidLabel>, Options)> {
        let mut options = self.options.clone();
        if let Some(sheet) = self.options.sheet() {
            // The document starts where the previous one ended on its sheets.
            let start = self.cursor.next_place(&sheet) + 1;
            let here = Sheet::new(sheet.layout())
                .with_cut_marks(sheet.cut_marks())
                .starting_at(start)
                .unwrap_or(sheet);
            options = options.with_sheet(here);
        }
        let mut part = Vec::new();
        let mut pages = 0;
        let mut cursor = self.cursor.fresh_document();
        while let Some(label) = self.pending.take().or_else(|| self.labels.next()) {
            let mut trial = cursor;
            let more = footprint(&label, &self.options, &mut trial);
            if !part.is_empty() && (pages + more > self.max_pages || part.len() == MAX_LABELS) {
                self.pending = Some(label);
                break;
            }
            pages += more;
            cursor = trial;
            part.push(label);
        }
        if part.is_empty() {
            return None;
        }
        self.cursor = cursor;
        Some((part, options))
    }
}

impl<I: Iterator<Item = ValidLabel>> Iterator for Documents<I> {
    type Item = Result<Vec<u8>, RenderError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_part()
            .map(|(part, options)| render_pdf(&part, &options))
    }
}

/// Renders `labels` as [`documents`] of at most `max_pages` pages and writes each, in order,
/// to the writer `next` gives for it (a file per document, say). Documents are independent,
/// so it renders as many at once as [`Options::threads`] allows (at most four), each on a
/// thread of its own (no thread starts more), and memory stays that of that many documents.
/// Returns how many documents were written.
///
/// # Errors
///
/// The first [`RenderError`] of a document (nothing more is written), or an I/O error of the
/// writer, as [`RenderError::Io`].
///
/// ```
/// let labels = vec![shiplabel::Label::sample().validate()?; 3];
/// let dir = std::env::temp_dir();
/// let name = |i: usize| dir.join(format!("labels-{}-{i}.pdf", std::process::id()));
/// let written = shiplabel::write_documents(labels, &Default::default(), 2, |i| {
///     std::fs::File::create(name(i))
/// })?;
/// assert_eq!(written, 2);
/// assert!(std::fs::read(name(1))?.starts_with(b"%PDF-"));
/// # for i in 0..2 { std::fs::remove_file(name(i))?; }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_documents<W: Write>(
    labels: impl IntoIterator<Item = ValidLabel>,
    options: &Options,
    max_pages: usize,
    mut next: impl FnMut(usize) -> std::io::Result<W>,
) -> Result<usize, RenderError> {
    let at_once = options.threads().min(4);
    // Each document on one thread: the threads are the documents'.
    let inner = options.clone().with_threads(1);
    let mut parts = documents(labels, &inner, max_pages);
    let mut written = 0;
    loop {
        let round: Vec<(Vec<ValidLabel>, Options)> = std::iter::from_fn(|| parts.next_part())
            .take(at_once)
            .collect();
        if round.is_empty() {
            return Ok(written);
        }
        let pdfs = crate::parallel::map_on_threads(&round, |(part, o)| render_pdf(part, o));
        for pdf in pdfs {
            let pdf = pdf?;
            let index = written;
            let io = |e: std::io::Error| IoError::new(format!("document {index}"), e);
            let mut out = next(index).map_err(io)?;
            out.write_all(&pdf).map_err(io)?;
            out.flush().map_err(io)?;
            written += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;
    use crate::options::SheetLayout;

    fn labels(n: usize) -> Vec<ValidLabel> {
        (0..n)
            .map(|i| {
                let mut label = Label::sample();
                label.order.number = format!("DOC-{i:05}");
                label.validate().unwrap()
            })
            .collect()
    }

    fn page_counts(pdfs: &[Vec<u8>]) -> Vec<usize> {
        pdfs.iter()
            .map(|pdf| lopdf::Document::load_mem(pdf).unwrap().get_pages().len())
            .collect()
    }

    #[test]
    fn documents_split_labels_in_order_and_lose_none() {
        let labels = labels(7);
        let options = Options::default();
        let pdfs: Vec<Vec<u8>> = documents(labels.clone(), &options, 3)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(page_counts(&pdfs), [3, 3, 1]);
        // Each document is exactly what rendering its labels alone gives.
        assert_eq!(pdfs[1], render_pdf(&labels[3..6], &options).unwrap());
        assert_eq!(documents(labels.clone(), &options, 0).count(), 7); // at least one page each
        assert_eq!(documents(Vec::new(), &options, 3).count(), 0);
    }

    #[test]
    fn customs_forms_stay_in_their_labels_document_and_count_as_pages() {
        let mut cn23 = Label::sample_international();
        cn23.customs.as_mut().unwrap().form = Some("cn23".into());
        let cn22 = Label::sample_international().validate().unwrap();
        let cn23 = cn23.validate().unwrap();
        let plain = Label::sample().validate().unwrap();
        let labels = vec![
            cn22.clone(),
            plain.clone(),
            cn22.clone(),
            cn23.clone(),
            plain,
        ];
        let options = Options::default();
        let pdfs: Vec<Vec<u8>> = documents(labels.clone(), &options, 3)
            .collect::<Result<_, _>>()
            .unwrap();
        // Label + CN22, label; label + CN22; label + CN23, label.
        assert_eq!(page_counts(&pdfs), [3, 2, 3]);
        assert_eq!(pdfs[2], render_pdf(&labels[3..], &options).unwrap());
        // Without forms, a page per label.
        let without = Options::default().with_customs_forms(false);
        let pdfs: Vec<Vec<u8>> = documents(labels.clone(), &without, 3)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(page_counts(&pdfs), [3, 2]);
        // On sheets of four A6 from position 2, one page per document: a CN22 takes a
        // place, a CN23 ends the sheet, and each document starts where the last one ended.
        // Places 2 and 3 (its CN22) and 4; places 1 and 2 (its CN22) of a new sheet; the
        // CN23 order alone (its label at place 3 and its CN23 page: two pages); the last
        // label at place 1 of a fresh sheet.
        let sheet = Sheet::new(SheetLayout::A4FourA6).starting_at(2).unwrap();
        let on_sheets = Options::default().with_sheet(sheet);
        let pdfs: Vec<Vec<u8>> = documents(labels.clone(), &on_sheets, 1)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(page_counts(&pdfs), [1, 1, 2, 1]);
        let from = |place: usize| {
            let sheet = Sheet::new(SheetLayout::A4FourA6)
                .starting_at(place)
                .unwrap();
            Options::default().with_sheet(sheet)
        };
        assert_eq!(pdfs[1], render_pdf(&labels[2..3], &from(1)).unwrap());
        assert_eq!(pdfs[2], render_pdf(&labels[3..4], &from(3)).unwrap());
        assert_eq!(pdfs[3], render_pdf(&labels[4..], &from(1)).unwrap());
    }

    #[test]
    fn on_sheets_documents_hold_whole_sheets_from_the_start_position() {
        let labels = labels(11);
        let sheet = Sheet::new(SheetLayout::A4FourA6).starting_at(3).unwrap();
        let options = Options::default().with_sheet(sheet);
        let pdfs: Vec<Vec<u8>> = documents(labels.clone(), &options, 2)
            .collect::<Result<_, _>>()
            .unwrap();
        // Positions 3 and 4 and then a full sheet (six labels), then five from position 1.
        assert_eq!(page_counts(&pdfs), [2, 2]);
        let fresh = Options::default().with_sheet(Sheet::new(SheetLayout::A4FourA6));
        assert_eq!(pdfs[0], render_pdf(&labels[..6], &options).unwrap());
        assert_eq!(pdfs[1], render_pdf(&labels[6..], &fresh).unwrap());
    }

    #[test]
    fn written_documents_equal_the_documents_in_order() {
        let labels = labels(9);
        let sheet = Sheet::new(SheetLayout::LetterTwo4x6)
            .starting_at(2)
            .unwrap();
        for options in [Options::default(), Options::default().with_sheet(sheet)] {
            let expected: Vec<Vec<u8>> = documents(labels.clone(), &options, 2)
                .collect::<Result<_, _>>()
                .unwrap();
            let files = std::cell::RefCell::new(Vec::new());
            let count = write_documents(labels.clone(), &options, 2, |i| {
                assert_eq!(i, files.borrow().len(), "writers are asked for in order");
                files.borrow_mut().push(Vec::new());
                Ok(Sink(&files))
            })
            .unwrap();
            assert_eq!(count, expected.len());
            assert_eq!(files.into_inner(), expected);
        }
    }

    /// A writer that appends to the last buffer of a shared list.
    struct Sink<'a>(&'a std::cell::RefCell<Vec<Vec<u8>>>);

    impl Write for Sink<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut files = self.0.borrow_mut();
            match files.last_mut() {
                Some(file) => file.extend_from_slice(buf),
                None => return Err(std::io::Error::other("no file")),
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_writer_is_an_error_naming_the_document() {
        let labels = labels(2);
        let err = write_documents(labels, &Options::default(), 1, |i| {
            if i == 1 {
                Err(std::io::Error::other("disk full"))
            } else {
                Ok(Vec::new())
            }
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "writing the output failed: document 1: disk full"
        );
    }
}
