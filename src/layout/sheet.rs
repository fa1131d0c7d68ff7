//! Labels on office sheets, as data: each label's place on its sheet in whole printer dots
//! (so its bars stay on the printer's dot grid) and the cut marks, for every output to draw.

use crate::options::{Sheet, SheetLayout};
use crate::units::{Dots, Dpi, Pt};

use super::{LabelLayout, Rule};

/// Length of each arm of a cut mark, and its thickness, in points.
const CUT_MARK: (f32, f32) = (6.0, 0.5);

/// The top-left corner of `slot` on a sheet of `layout`, moved onto the dot grid (down to
/// the whole dot at or before it), in dots from the sheet's top left.
pub(crate) fn slot_origin_dots(layout: SheetLayout, slot: usize, dpi: Dpi) -> (Dots, Dots) {
    let (x, y) = layout.slot_origin(slot);
    (dpi.dots_in(x), dpi.dots_in(y))
}

/// The cut marks of a sheet of `layout`: short crosses where the cut lines between and
/// around the labels meet, on the labels' edges as placed (each on whole dots), so cutting
/// removes them; the labels' content keeps a margin far wider than the arms. Marks at the
/// sheet's edge are clipped to it. In points from the sheet's top left.
pub(crate) fn cut_marks(layout: SheetLayout, dpi: Dpi) -> Vec<Rule> {
    let (page_w, page_h) = layout.page();
    let size = layout.label_size();
    let (arm, thick) = CUT_MARK;
    // Every label edge, left and right, top and bottom, without repeats.
    let mut xs: Vec<f32> = Vec::new();
    let mut ys: Vec<f32> = Vec::new();
    for slot in 0..layout.slots() {
        let (x, y) = slot_origin_dots(layout, slot, dpi);
        let (x, y) = (x.to_pt(dpi).0, y.to_pt(dpi).0);
        for (edges, values) in [
            (&mut xs, [x, x + size.width().0]),
            (&mut ys, [y, y + size.height().0]),
        ] {
            for v in values {
                if !edges.iter().any(|e| (e - v).abs() < 0.5) {
                    edges.push(v);
                }
            }
        }
    }
    let mut marks = Vec::with_capacity(2 * xs.len() * ys.len());
    for &x in &xs {
        for &y in &ys {
            let (x0, x1) = ((x - arm).max(0.0), (x + arm).min(page_w.0));
            let (y0, y1) = ((y - arm).max(0.0), (y + arm).min(page_h.0));
            marks.push(Rule {
                x: Pt(x0),
                y: Pt(y - thick / 2.0),
                width: Pt(x1 - x0),
                height: Pt(thick),
            });
            marks.push(Rule {
                x: Pt(x - thick / 2.0),
                y: Pt(y0),
                width: Pt(thick),
                height: Pt(y1 - y0),
            });
        }
    }
    marks
}

/// One sheet of labels: the page, each label laid out at its place, and the cut marks.
///
/// [`Sheet::pages`] makes them from labels laid out with that sheet's options.
///
/// ```
/// use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
/// let sheet = Sheet::new(SheetLayout::LetterTwo4x6).with_cut_marks(true);
/// let options = Options::default().with_sheet(sheet);
/// let label = layout(&Label::sample().validate().unwrap(), &options).unwrap();
/// let pages = sheet.pages(vec![label.clone(), label.clone(), label]);
/// assert_eq!(pages.len(), 2);
/// assert_eq!(pages[0].labels().len(), 2);
/// let (x, _) = pages[0].labels()[1].origin();
/// assert_eq!(x, shiplabel::Dots(862)); // 306 pt at 203 dpi, on a whole dot
/// assert!(!pages[0].cut_marks().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPage {
    layout: SheetLayout,
    dpi: Dpi,
    labels: Vec<PlacedLabel>,
    cut_marks: Vec<Rule>,
}

impl SheetPage {
    /// The sheet's width.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::LetterTwo4x6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// let page = &sheet.pages(vec![label])[0];
    /// assert_eq!(page.width().0, 612.0);
    /// ```
    pub fn width(&self) -> Pt {
        self.layout.page().0
    }

    /// The sheet's height.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::LetterTwo4x6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// let page = &sheet.pages(vec![label])[0];
    /// assert_eq!(page.height().0, 792.0);
    /// ```
    pub fn height(&self) -> Pt {
        self.layout.page().1
    }

    /// The resolution of its labels' dot grid.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::LetterTwo4x6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// assert_eq!(sheet.pages(vec![label])[0].dpi(), shiplabel::Dpi::DPI_203);
    /// ```
    pub fn dpi(&self) -> Dpi {
        self.dpi
    }

    /// The sheet's layout.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::A4FourA6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// assert_eq!(sheet.pages(vec![label])[0].layout(), SheetLayout::A4FourA6);
    /// ```
    pub fn layout(&self) -> SheetLayout {
        self.layout
    }

    /// The labels on it, in the order given.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// let sheet = Sheet::new(SheetLayout::A4FourA6).starting_at(4).unwrap();
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// let pages = sheet.pages(vec![label.clone(), label]);
    /// assert_eq!(pages[0].labels()[0].slot(), 3); // the last place of the first sheet
    /// assert_eq!(pages[1].labels()[0].slot(), 0);
    /// ```
    pub fn labels(&self) -> &[PlacedLabel] {
        &self.labels
    }

    /// The cut marks (empty unless the sheet asks for them), in points from the sheet's
    /// top left.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::A4FourA6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// assert!(sheet.pages(vec![label])[0].cut_marks().is_empty());
    /// ```
    pub fn cut_marks(&self) -> &[Rule] {
        &self.cut_marks
    }
}

/// A label laid out, at its place on a sheet.
///
/// ```
/// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
/// # let sheet = Sheet::new(SheetLayout::A4FourA6);
/// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
/// let pages = sheet.pages(vec![label]);
/// let placed = &pages[0].labels()[0];
/// assert_eq!(placed.slot(), 0);
/// assert!(placed.layout().elements().len() > 10);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    slot: usize,
    x: Dots,
    y: Dots,
    layout: LabelLayout,
}

impl PlacedLabel {
    /// Its place on the sheet: 0 at the top left, then left to right and top to bottom.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::A4FourA6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// assert_eq!(sheet.pages(vec![label])[0].labels()[0].slot(), 0);
    /// ```
    pub fn slot(&self) -> usize {
        self.slot
    }

    /// The label's top-left corner, in whole dots from the sheet's top left.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::LetterTwo4x6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// let (x, y) = sheet.pages(vec![label])[0].labels()[0].origin();
    /// assert_eq!((x.0, y.0), (50, 507)); // 18 pt in and 180 pt down, at 203 dpi
    /// ```
    pub fn origin(&self) -> (Dots, Dots) {
        (self.x, self.y)
    }

    /// The label itself, in its own coordinates.
    ///
    /// ```
    /// # use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// # let sheet = Sheet::new(SheetLayout::LetterTwo4x6);
    /// # let label = layout(&Label::sample().validate().unwrap(), &Options::default().with_sheet(sheet)).unwrap();
    /// assert_eq!(sheet.pages(vec![label])[0].labels()[0].layout().width().0, 288.0);
    /// ```
    pub fn layout(&self) -> &LabelLayout {
        &self.layout
    }
}

/// Where the next label of a run goes on its sheets: the first at the sheet's start
/// position, each next one in the next position, on to fresh sheets. A page that is not a
/// label of the sheet's size (a CN23 customs declaration on A4 or Letter) ends the sheet
/// being filled and prints as a page of its own; the next label starts a fresh sheet.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SheetCursor {
    /// The next label's position (from 0), once the run has started.
    next: Option<usize>,
    /// Whether a sheet of this document holds a label already (for counting pages).
    open: bool,
}

impl SheetCursor {
    /// The position of the label placed now, and whether it fills its sheet.
    pub(crate) fn place(&mut self, sheet: &Sheet) -> (usize, bool) {
        let slots = sheet.layout().slots();
        let slot = self.next.unwrap_or(sheet.start() - 1) % slots;
        let full = slot + 1 == slots;
        self.next = Some(if full { 0 } else { slot + 1 });
        (slot, full)
    }

    /// A page of its own came between labels: the next label starts a fresh sheet.
    pub(crate) fn restart(&mut self) {
        self.next = Some(0);
        self.open = false;
    }

    /// Where the next label goes (from 0).
    pub(crate) fn next_place(&self, sheet: &Sheet) -> usize {
        self.next.unwrap_or(sheet.start() - 1) % sheet.layout().slots()
    }

    /// Whether the sheet being filled already holds a label of this document.
    pub(crate) fn has_sheet_open(&self) -> bool {
        self.open
    }

    /// A label is on the sheet being filled.
    pub(crate) fn open_sheet(&mut self) {
        self.open = true;
    }

    /// The cursor for the next document: the next label goes where it would have, on a
    /// sheet of the new document.
    pub(crate) fn fresh_document(self) -> SheetCursor {
        SheetCursor {
            next: self.next,
            open: false,
        }
    }

    /// Whether `layout` is a label of the sheet's size, to be placed on it.
    pub(crate) fn is_label_of(sheet: &Sheet, layout: &LabelLayout) -> bool {
        layout.is_of_size(sheet.layout().label_size())
    }
}

impl Sheet {
    /// The place on its sheet (from 0) of the `n`-th label of a run (from 0): the run
    /// starts at the sheet's start position and goes on to fresh sheets.
    pub(crate) fn slot_of(&self, n: usize) -> usize {
        (self.start() - 1 + n) % self.layout().slots()
    }

    /// Places `labels`, in order, on as many sheets as they need, from the sheet's
    /// [`start`](Sheet::start) position: what every output draws for a sheet. Lay the labels
    /// out with options [`with_sheet`](crate::Options::with_sheet) this sheet, which sets
    /// their size; each is placed on the dot grid of its own resolution.
    ///
    /// ```
    /// use shiplabel::{Label, Options, Sheet, SheetLayout, layout};
    /// let sheet = Sheet::new(SheetLayout::A4FourA6).starting_at(2)?;
    /// let options = Options::default().with_sheet(sheet);
    /// let label = layout(&Label::sample().validate().unwrap(), &options).unwrap();
    /// let pages = sheet.pages(std::iter::repeat_n(label, 5));
    /// let per_page: Vec<usize> = pages.iter().map(|p| p.labels().len()).collect();
    /// assert_eq!(per_page, [3, 2]);
    /// # Ok::<(), shiplabel::StartOutOfRange>(())
    /// ```
    pub fn pages(&self, labels: impl IntoIterator<Item = LabelLayout>) -> Vec<SheetPage> {
        let layout = self.layout();
        let slots = layout.slots();
        let mut pages: Vec<SheetPage> = Vec::new();
        for (n, label) in labels.into_iter().enumerate() {
            let slot = self.slot_of(n);
            let dpi = label.dpi();
            if slot == 0 || pages.is_empty() {
                pages.push(SheetPage {
                    layout,
                    dpi,
                    labels: Vec::with_capacity(slots),
                    cut_marks: if self.cut_marks() {
                        cut_marks(layout, dpi)
                    } else {
                        Vec::new()
                    },
                });
            }
            let (x, y) = slot_origin_dots(layout, slot, dpi);
            if let Some(page) = pages.last_mut() {
                page.labels.push(PlacedLabel {
                    slot,
                    x,
                    y,
                    layout: label,
                });
            }
        }
        pages
    }
}
