//! Rendering options: the label size, the sheet labels are printed on, the printer's
//! resolution, and what the QR code holds.

use std::fmt;
use std::str::FromStr;

use crate::units::{Dpi, Mm, Pt};

/// The size of one label.
///
/// ```
/// use shiplabel::{LabelSize, Pt};
/// assert_eq!(LabelSize::In4x6.width(), Pt(288.0));
/// assert_eq!("100x150".parse::<LabelSize>(), Ok(LabelSize::Mm100x150));
/// assert_eq!(LabelSize::A6.to_string(), "a6");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum LabelSize {
    /// 4 × 6 in (101.6 × 152.4 mm), the common thermal shipping label.
    #[default]
    In4x6,
    /// 4 × 8 in (101.6 × 203.2 mm).
    In4x8,
    /// 100 × 150 mm, the metric thermal label.
    Mm100x150,
    /// A6, 105 × 148 mm: a quarter of an A4 sheet.
    A6,
}

impl LabelSize {
    /// Every size, in the order the `label` example lists them.
    pub const ALL: [LabelSize; 4] = [
        LabelSize::In4x6,
        LabelSize::In4x8,
        LabelSize::Mm100x150,
        LabelSize::A6,
    ];

    /// The label's width.
    ///
    /// ```
    /// assert_eq!(shiplabel::LabelSize::In4x8.width(), shiplabel::Pt(288.0));
    /// ```
    pub fn width(self) -> Pt {
        match self {
            LabelSize::In4x6 | LabelSize::In4x8 => Pt(288.0),
            LabelSize::Mm100x150 => Pt::from(Mm(100.0)),
            LabelSize::A6 => Pt::from(Mm(105.0)),
        }
    }

    /// The label's height.
    ///
    /// ```
    /// assert_eq!(shiplabel::LabelSize::In4x8.height(), shiplabel::Pt(576.0));
    /// ```
    pub fn height(self) -> Pt {
        match self {
            LabelSize::In4x6 => Pt(432.0),
            LabelSize::In4x8 => Pt(576.0),
            LabelSize::Mm100x150 => Pt::from(Mm(150.0)),
            LabelSize::A6 => Pt::from(Mm(148.0)),
        }
    }

    /// The name it is written as on the command line and in `Display`.
    ///
    /// ```
    /// assert_eq!(shiplabel::LabelSize::In4x6.name(), "4x6");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            LabelSize::In4x6 => "4x6",
            LabelSize::In4x8 => "4x8",
            LabelSize::Mm100x150 => "100x150",
            LabelSize::A6 => "a6",
        }
    }
}

impl fmt::Display for LabelSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of the sizes or sheets.
///
/// ```
/// let err = "5x7".parse::<shiplabel::LabelSize>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown label size \"5x7\"; one of: 4x6, 4x8, 100x150, a6");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {given:?}; one of: {choices}")]
pub struct UnknownName {
    what: &'static str,
    given: String,
    choices: String,
}

/// The one of `all` whose `name` is `given` (trimmed, in any case).
fn by_name<T: Copy>(
    given: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    what: &'static str,
) -> Result<T, UnknownName> {
    all.iter()
        .copied()
        .find(|&item| name(item).eq_ignore_ascii_case(given.trim()))
        .ok_or_else(|| UnknownName {
            what,
            given: given.to_owned(),
            choices: all
                .iter()
                .map(|&item| name(item))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

impl FromStr for LabelSize {
    type Err = UnknownName;

    /// `4x6`, `4x8`, `100x150` or `a6`, in any case (`4X6` and `A6` too).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(s, &LabelSize::ALL, LabelSize::name, "label size")
    }
}

/// What the label's QR code holds ([`Options::with_qr`]).
///
/// ```
/// use shiplabel::QrContent;
/// assert_eq!(QrContent::default(), QrContent::Order);
/// assert_eq!("tracking-url".parse::<QrContent>(), Ok(QrContent::TrackingUrl));
/// assert_eq!(QrContent::None.to_string(), "none");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum QrContent {
    /// The order: `SL1`, order number, tracking number, postcode, country, one per line
    /// (see the crate documentation), for the seller's and the carrier's scanners.
    #[default]
    Order,
    /// The official page where the parcel is tracked
    /// ([`ValidOrder::tracking_url`](crate::ValidOrder::tracking_url)): a phone opens it.
    /// An order without one (no tracking number, or a carrier whose page the crate does not
    /// know) cannot be laid out: [`LayoutError::NoTrackingUrl`](crate::LayoutError::NoTrackingUrl).
    TrackingUrl,
    /// No QR code, for platforms whose packaging rules forbid codes or links on parcels: the
    /// shipment details take its place, larger, and the zone only the height they need.
    None,
}

impl QrContent {
    /// Every choice, in the order the `label` example lists them.
    ///
    /// ```
    /// let names: Vec<&str> = shiplabel::QrContent::ALL.iter().map(|q| q.name()).collect();
    /// assert_eq!(names, ["order", "tracking-url", "none"]);
    /// ```
    pub const ALL: [QrContent; 3] = [QrContent::Order, QrContent::TrackingUrl, QrContent::None];

    /// The name it is written as on the command line and in `Display`.
    ///
    /// ```
    /// assert_eq!(shiplabel::QrContent::TrackingUrl.name(), "tracking-url");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            QrContent::Order => "order",
            QrContent::TrackingUrl => "tracking-url",
            QrContent::None => "none",
        }
    }
}

impl fmt::Display for QrContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for QrContent {
    type Err = UnknownName;

    /// `order`, `tracking-url` or `none`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(s, &QrContent::ALL, QrContent::name, "QR content")
    }
}

/// An office sheet that carries several labels, as label stock for laser and inkjet printers
/// comes.
///
/// ```
/// use shiplabel::{LabelSize, SheetLayout};
/// assert_eq!(SheetLayout::A4FourA6.label_size(), LabelSize::A6);
/// assert_eq!(SheetLayout::LetterTwo4x6.slots(), 2);
/// assert_eq!("a4".parse::<SheetLayout>(), Ok(SheetLayout::A4FourA6));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SheetLayout {
    /// A4 (210 × 297 mm) with four A6 labels, two across and two down.
    A4FourA6,
    /// US Letter (8.5 × 11 in) with two 4 × 6 in labels side by side, centred.
    LetterTwo4x6,
}

impl SheetLayout {
    /// Both layouts.
    pub const ALL: [SheetLayout; 2] = [SheetLayout::A4FourA6, SheetLayout::LetterTwo4x6];

    /// The size of the labels on this sheet.
    ///
    /// ```
    /// assert_eq!(shiplabel::SheetLayout::LetterTwo4x6.label_size(), shiplabel::LabelSize::In4x6);
    /// ```
    pub fn label_size(self) -> LabelSize {
        match self {
            SheetLayout::A4FourA6 => LabelSize::A6,
            SheetLayout::LetterTwo4x6 => LabelSize::In4x6,
        }
    }

    /// The sheet's width and height.
    ///
    /// ```
    /// let (w, h) = shiplabel::SheetLayout::LetterTwo4x6.page();
    /// assert_eq!((w.0, h.0), (612.0, 792.0));
    /// ```
    pub fn page(self) -> (Pt, Pt) {
        match self {
            SheetLayout::A4FourA6 => (Pt::from(Mm(210.0)), Pt::from(Mm(297.0))),
            SheetLayout::LetterTwo4x6 => (Pt(612.0), Pt(792.0)),
        }
    }

    /// How many labels one sheet carries.
    ///
    /// ```
    /// assert_eq!(shiplabel::SheetLayout::A4FourA6.slots(), 4);
    /// ```
    pub fn slots(self) -> usize {
        match self {
            SheetLayout::A4FourA6 => 4,
            SheetLayout::LetterTwo4x6 => 2,
        }
    }

    /// (columns, rows) of labels.
    fn grid(self) -> (usize, usize) {
        match self {
            SheetLayout::A4FourA6 => (2, 2),
            SheetLayout::LetterTwo4x6 => (2, 1),
        }
    }

    /// The top-left corner of label `slot` (from 0: left to right, then top to bottom),
    /// from the sheet's top left: the grid of labels is centred on the sheet, abutting. A
    /// slot past the last counts again from the first (slot 4 of an A4 sheet is slot 0).
    ///
    /// ```
    /// let (x, y) = shiplabel::SheetLayout::LetterTwo4x6.slot_origin(1);
    /// assert_eq!((x.0, y.0), (306.0, 180.0));
    /// ```
    pub fn slot_origin(self, slot: usize) -> (Pt, Pt) {
        let (columns, rows) = self.grid();
        let size = self.label_size();
        let (page_w, page_h) = self.page();
        let left = (page_w.0 - columns as f32 * size.width().0) / 2.0;
        let top = (page_h.0 - rows as f32 * size.height().0) / 2.0;
        let (column, row) = (slot % columns, slot / columns % rows);
        (
            Pt(left + column as f32 * size.width().0),
            Pt(top + row as f32 * size.height().0),
        )
    }

    /// The name it is written as on the command line.
    ///
    /// ```
    /// assert_eq!(shiplabel::SheetLayout::A4FourA6.name(), "a4");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SheetLayout::A4FourA6 => "a4",
            SheetLayout::LetterTwo4x6 => "letter",
        }
    }
}

impl fmt::Display for SheetLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SheetLayout {
    type Err = UnknownName;

    /// `a4` (four A6 labels) or `letter` (two 4 × 6 in labels), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(s, &SheetLayout::ALL, SheetLayout::name, "sheet")
    }
}

/// Labels printed on office sheets: the layout, where on the first sheet to start (so a
/// half-used sheet can go through the printer again), and whether to draw cut marks.
///
/// ```
/// use shiplabel::{Sheet, SheetLayout};
/// let sheet = Sheet::new(SheetLayout::A4FourA6).starting_at(3)?.with_cut_marks(true);
/// assert_eq!(sheet.start(), 3);
/// assert!(Sheet::new(SheetLayout::A4FourA6).starting_at(5).is_err());
/// # Ok::<(), shiplabel::StartOutOfRange>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sheet {
    layout: SheetLayout,
    start: usize,
    cut_marks: bool,
}

/// A start position that is not a slot of the sheet.
///
/// ```
/// let err = shiplabel::Sheet::new(shiplabel::SheetLayout::LetterTwo4x6).starting_at(3).unwrap_err();
/// assert_eq!(err.to_string(), "start position 3 is not on a letter sheet, which has positions 1 to 2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("start position {start} is not on a{} {layout} sheet, which has positions 1 to {slots}",
    if layout.name().starts_with('a') { "n" } else { "" })]
pub struct StartOutOfRange {
    start: usize,
    layout: SheetLayout,
    slots: usize,
}

impl Sheet {
    /// Sheets of `layout`, starting at the first position, without cut marks.
    ///
    /// ```
    /// let sheet = shiplabel::Sheet::new(shiplabel::SheetLayout::LetterTwo4x6);
    /// assert_eq!((sheet.start(), sheet.cut_marks()), (1, false));
    /// ```
    pub fn new(layout: SheetLayout) -> Sheet {
        Sheet {
            layout,
            start: 1,
            cut_marks: false,
        }
    }

    /// The first label goes to position `start` of the first sheet (1 is the top left,
    /// counting left to right, then down); the positions before it stay blank.
    ///
    /// # Errors
    ///
    /// [`StartOutOfRange`] unless `1 <= start <= layout.slots()`.
    ///
    /// ```
    /// let sheet = shiplabel::Sheet::new(shiplabel::SheetLayout::A4FourA6).starting_at(4)?;
    /// assert_eq!(sheet.start(), 4);
    /// # Ok::<(), shiplabel::StartOutOfRange>(())
    /// ```
    pub fn starting_at(mut self, start: usize) -> Result<Sheet, StartOutOfRange> {
        if !(1..=self.layout.slots()).contains(&start) {
            return Err(StartOutOfRange {
                start,
                layout: self.layout,
                slots: self.layout.slots(),
            });
        }
        self.start = start;
        Ok(self)
    }

    /// Draws small crosses where the cut lines between and around the labels meet, on the
    /// lines themselves, for stock without die-cut labels.
    ///
    /// ```
    /// let sheet = shiplabel::Sheet::new(shiplabel::SheetLayout::A4FourA6).with_cut_marks(true);
    /// assert!(sheet.cut_marks());
    /// ```
    #[must_use]
    pub fn with_cut_marks(mut self, cut_marks: bool) -> Sheet {
        self.cut_marks = cut_marks;
        self
    }

    /// The layout.
    ///
    /// ```
    /// let sheet = shiplabel::Sheet::new(shiplabel::SheetLayout::A4FourA6);
    /// assert_eq!(sheet.layout(), shiplabel::SheetLayout::A4FourA6);
    /// ```
    pub fn layout(&self) -> SheetLayout {
        self.layout
    }

    /// The position of the first label on the first sheet, from 1.
    ///
    /// ```
    /// assert_eq!(shiplabel::Sheet::new(shiplabel::SheetLayout::A4FourA6).start(), 1);
    /// ```
    pub fn start(&self) -> usize {
        self.start
    }

    /// Whether cut marks are drawn.
    ///
    /// ```
    /// assert!(!shiplabel::Sheet::new(shiplabel::SheetLayout::A4FourA6).cut_marks());
    /// ```
    pub fn cut_marks(&self) -> bool {
        self.cut_marks
    }
}

/// How labels are laid out and rendered: the label size (4 × 6 in unless set), or the sheet
/// they are printed on, and the printer resolution. Every bar and QR module is a whole
/// number of printer dots at [`Options::dpi`].
///
/// ```
/// use shiplabel::{Dpi, LabelSize, Options, Sheet, SheetLayout};
/// let options = Options::default().with_dpi(Dpi::DPI_300);
/// assert_eq!(options.dpi(), Dpi::DPI_300);
/// assert_eq!(Options::default().dpi().get(), 203);
/// assert_eq!(Options::default().label_size(), LabelSize::In4x6);
/// // On a sheet, the sheet decides the label size.
/// let a4 = Options::default().with_sheet(Sheet::new(SheetLayout::A4FourA6));
/// assert_eq!(a4.label_size(), LabelSize::A6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Options {
    dpi: Dpi,
    /// The label size set with [`Options::with_size`], if any.
    size: Option<LabelSize>,
    sheet: Option<Sheet>,
    /// Threads for runs of many labels; `None`: the available cores.
    threads: Option<usize>,
    /// Whether a label's customs declaration is printed after it.
    no_customs: bool,
    /// The page a CN23 is printed on.
    customs_paper: Paper,
    /// What the QR code holds.
    qr: QrContent,
}

impl Options {
    /// The printer resolution the barcodes are drawn for (default 203 dpi).
    ///
    /// ```
    /// assert_eq!(shiplabel::Options::default().dpi(), shiplabel::Dpi::DPI_203);
    /// ```
    pub fn dpi(&self) -> Dpi {
        self.dpi
    }

    /// These options, for a printer of resolution `dpi`.
    ///
    /// ```
    /// let options = shiplabel::Options::default().with_dpi(shiplabel::Dpi::DPI_300);
    /// assert_eq!(options.dpi().get(), 300);
    /// ```
    #[must_use]
    pub fn with_dpi(mut self, dpi: Dpi) -> Self {
        self.dpi = dpi;
        self
    }

    /// The size each label is laid out at: the sheet's label size when printing on sheets,
    /// else the size set with [`Options::with_size`] (4 × 6 in by default).
    ///
    /// ```
    /// let options = shiplabel::Options::default().with_size(shiplabel::LabelSize::A6);
    /// assert_eq!(options.label_size(), shiplabel::LabelSize::A6);
    /// ```
    pub fn label_size(&self) -> LabelSize {
        self.sheet
            .map_or(self.size.unwrap_or_default(), |s| s.layout.label_size())
    }

    /// These options, for labels of `size`, a page each. A sheet sets its labels' size:
    /// with a [`Sheet`] of labels of another size too, the options contradict each other,
    /// and printing or laying out with them is an error ([`Options::conflict`]) rather than
    /// one setting silently dropped.
    ///
    /// ```
    /// use shiplabel::{LabelSize, Options, Sheet, SheetLayout};
    /// let options = Options::default().with_size(LabelSize::In4x8);
    /// assert_eq!(options.label_size().height(), shiplabel::Pt(576.0));
    /// // An A4 sheet holds A6 labels: asking for 4 × 8 in labels on it is a contradiction.
    /// let both = options.with_sheet(Sheet::new(SheetLayout::A4FourA6));
    /// assert!(both.conflict().is_some());
    /// ```
    #[must_use]
    pub fn with_size(mut self, size: LabelSize) -> Self {
        self.size = Some(size);
        self
    }

    /// Why these options contradict each other, if they do: a label size set with
    /// [`Options::with_size`] that is not the size of the labels on the
    /// [`Sheet`] set with [`Options::with_sheet`].
    ///
    /// ```
    /// use shiplabel::{LabelSize, Options, Sheet, SheetLayout};
    /// let a4 = Sheet::new(SheetLayout::A4FourA6);
    /// assert!(Options::default().with_sheet(a4).conflict().is_none());
    /// assert!(Options::default().with_size(LabelSize::A6).with_sheet(a4).conflict().is_none());
    /// let conflict = Options::default().with_sheet(a4).with_size(LabelSize::In4x6).conflict().unwrap();
    /// assert_eq!(conflict.to_string(),
    ///     "label size 4x6 and sheet a4 do not go together: the sheet holds a6 labels");
    /// ```
    pub fn conflict(&self) -> Option<OptionsConflict> {
        match (self.size, self.sheet) {
            (Some(size), Some(sheet)) if size != sheet.layout.label_size() => {
                Some(OptionsConflict {
                    size,
                    sheet: sheet.layout,
                })
            }
            _ => None,
        }
    }

    /// The sheet labels are printed on, if any.
    ///
    /// ```
    /// assert_eq!(shiplabel::Options::default().sheet(), None);
    /// ```
    pub fn sheet(&self) -> Option<Sheet> {
        self.sheet
    }

    /// These options, printing on `sheet`: several labels per page, of the sheet's label
    /// size (see [`Options::conflict`] for a size set too).
    ///
    /// ```
    /// use shiplabel::{Options, Sheet, SheetLayout};
    /// let options = Options::default().with_sheet(Sheet::new(SheetLayout::LetterTwo4x6));
    /// assert_eq!(options.sheet().map(|s| s.layout()), Some(SheetLayout::LetterTwo4x6));
    /// ```
    #[must_use]
    pub fn with_sheet(mut self, sheet: Sheet) -> Self {
        self.sheet = Some(sheet);
        self
    }

    /// The label size set with [`Options::with_size`], if any.
    #[cfg(feature = "serde")]
    pub(crate) fn size_set(&self) -> Option<LabelSize> {
        self.size
    }

    /// The threads set with [`Options::with_threads`], if any.
    #[cfg(feature = "serde")]
    pub(crate) fn threads_set(&self) -> Option<usize> {
        self.threads
    }

    /// How many threads a run of many labels uses: as set with [`Options::with_threads`],
    /// else the cores available to the process (`std::thread::available_parallelism`).
    ///
    /// ```
    /// assert!(shiplabel::Options::default().threads() >= 1);
    /// ```
    pub fn threads(&self) -> usize {
        self.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })
    }

    /// These options, with runs of many labels laid out and drawn on `threads` worker
    /// threads (0 counts as 1) while the calling thread hands them out and writes them in
    /// order; 1 keeps all the work on the calling thread, as a server that runs one request
    /// per core wants. One label is always drawn on the calling thread, and no call starts
    /// threads inside threads it started.
    ///
    /// ```
    /// let options = shiplabel::Options::default().with_threads(1);
    /// assert_eq!(options.threads(), 1);
    /// assert_eq!(shiplabel::Options::default().with_threads(0).threads(), 1);
    /// ```
    #[must_use]
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads.max(1));
        self
    }

    /// What the QR code holds ([`QrContent::Order`] by default).
    ///
    /// ```
    /// assert_eq!(shiplabel::Options::default().qr(), shiplabel::QrContent::Order);
    /// ```
    pub fn qr(&self) -> QrContent {
        self.qr
    }

    /// These options, with the QR code holding `content`: the order (the default), the
    /// carrier's tracking page, or no QR code at all.
    ///
    /// ```
    /// use shiplabel::{Element, Label, Options, QrContent};
    /// let label = Label::sample().validate().unwrap();
    /// let options = Options::default().with_qr(QrContent::TrackingUrl);
    /// let layout = shiplabel::layout(&label, &options).unwrap();
    /// let qr = layout.elements().iter().find_map(|e| match e {
    ///     Element::Qr(qr) => Some(qr.payload()),
    ///     _ => None,
    /// });
    /// assert_eq!(qr, Some("https://www.royalmail.com/track-your-item#/tracking-results/RR473124829GB"));
    /// let none = shiplabel::layout(&label, &Options::default().with_qr(QrContent::None)).unwrap();
    /// assert!(!none.elements().iter().any(|e| matches!(e, Element::Qr(_))));
    /// ```
    #[must_use]
    pub fn with_qr(mut self, content: QrContent) -> Self {
        self.qr = content;
        self
    }

    /// Whether a label's customs declaration (CN22 or CN23) is printed after it (the
    /// default; see [`Options::with_customs_forms`]).
    ///
    /// ```
    /// assert!(shiplabel::Options::default().customs_forms());
    /// ```
    pub fn customs_forms(&self) -> bool {
        !self.no_customs
    }

    /// These options, printing each label's customs declaration after it (`true`, the
    /// default) or not (`false`: the platform or the carrier prints it, or it goes to the
    /// carrier electronically). Validation checks a declaration either way.
    ///
    /// ```
    /// let options = shiplabel::Options::default().with_customs_forms(false);
    /// assert!(!options.customs_forms());
    /// ```
    #[must_use]
    pub fn with_customs_forms(mut self, print: bool) -> Self {
        self.no_customs = !print;
        self
    }

    /// The page a CN23 is printed on (A4 unless set). A CN22 is a label of the label's
    /// size.
    ///
    /// ```
    /// assert_eq!(shiplabel::Options::default().customs_paper(), shiplabel::Paper::A4);
    /// ```
    pub fn customs_paper(&self) -> Paper {
        self.customs_paper
    }

    /// These options, printing CN23 declarations on `paper`.
    ///
    /// ```
    /// use shiplabel::{Options, Paper};
    /// let options = Options::default().with_customs_paper(Paper::Letter);
    /// assert_eq!(options.customs_paper(), Paper::Letter);
    /// ```
    #[must_use]
    pub fn with_customs_paper(mut self, paper: Paper) -> Self {
        self.customs_paper = paper;
        self
    }
}

/// Options that contradict each other: a label size that is not the size of the labels on
/// the sheet ([`Options::conflict`]).
///
/// ```
/// use shiplabel::{LabelSize, Options, Sheet, SheetLayout};
/// let options = Options::default()
///     .with_size(LabelSize::In4x8)
///     .with_sheet(Sheet::new(SheetLayout::LetterTwo4x6));
/// let err = shiplabel::render_pdf(&[shiplabel::Label::sample().validate()?], &options).unwrap_err();
/// assert_eq!(err.to_string(),
///     "label size 4x8 and sheet letter do not go together: the sheet holds 4x6 labels");
/// # Ok::<(), shiplabel::ValidationErrors>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "label size {size} and sheet {sheet} do not go together: the sheet holds {} labels",
    sheet.label_size()
)]
pub struct OptionsConflict {
    size: LabelSize,
    sheet: SheetLayout,
}

/// The page a CN23 customs declaration is printed on: A4 (the default, as most posts use)
/// or US Letter.
///
/// ```
/// use shiplabel::{Paper, Pt};
/// assert_eq!(Paper::Letter.size(), (Pt(612.0), Pt(792.0)));
/// assert_eq!("a4".parse::<Paper>(), Ok(Paper::A4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Every paper, A4 first.
    ///
    /// ```
    /// assert_eq!(shiplabel::Paper::ALL.len(), 2);
    /// ```
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// Width and height in points.
    ///
    /// ```
    /// let (w, h) = shiplabel::Paper::A4.size();
    /// assert!((w.0 - 595.28).abs() < 0.01 && (h.0 - 841.89).abs() < 0.01);
    /// ```
    pub fn size(self) -> (Pt, Pt) {
        match self {
            Paper::A4 => (Pt::from(Mm(210.0)), Pt::from(Mm(297.0))),
            Paper::Letter => (Pt(612.0), Pt(792.0)),
        }
    }

    /// The name: `a4`, `letter`.
    ///
    /// ```
    /// assert_eq!(shiplabel::Paper::Letter.name(), "letter");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Paper {
    type Err = UnknownName;

    /// `a4` or `letter`, in any case.
    fn from_str(s: &str) -> Result<Paper, UnknownName> {
        by_name(s, &Paper::ALL, Paper::name, "paper")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_points() {
        let sizes: Vec<(f32, f32)> = LabelSize::ALL
            .iter()
            .map(|s| {
                (
                    (s.width().0 * 100.0).round() / 100.0,
                    (s.height().0 * 100.0).round() / 100.0,
                )
            })
            .collect();
        assert_eq!(
            sizes,
            [
                (288.0, 432.0),
                (288.0, 576.0),
                (283.46, 425.2),
                (297.64, 419.53)
            ]
        );
        for size in LabelSize::ALL {
            assert_eq!(size.name().parse::<LabelSize>(), Ok(size));
            assert_eq!(size.name().to_uppercase().parse::<LabelSize>(), Ok(size));
        }
    }

    #[test]
    fn sheets_hold_their_labels_inside_the_page() {
        for layout in SheetLayout::ALL {
            let (w, h) = layout.page();
            let size = layout.label_size();
            for slot in 0..layout.slots() {
                let (x, y) = layout.slot_origin(slot);
                assert!(x.0 >= 0.0 && y.0 >= 0.0, "{layout} {slot}");
                assert!(x.0 + size.width().0 <= w.0 + 0.01, "{layout} {slot}");
                assert!(y.0 + size.height().0 <= h.0 + 0.01, "{layout} {slot}");
            }
            assert_eq!(layout.name().parse::<SheetLayout>(), Ok(layout));
        }
        // A4 is exactly two A6 wide: the labels touch the sheet's sides.
        assert_eq!(SheetLayout::A4FourA6.slot_origin(0).0, Pt(0.0));
        let (x, y) = SheetLayout::A4FourA6.slot_origin(3);
        assert!(
            (x.0 - 297.64).abs() < 0.01 && (y.0 - 420.94).abs() < 0.01,
            "{x:?} {y:?}"
        );
    }

    #[test]
    fn start_positions() {
        let sheet = Sheet::new(SheetLayout::A4FourA6);
        assert!(sheet.starting_at(0).is_err());
        assert_eq!(
            sheet.starting_at(5).unwrap_err().to_string(),
            "start position 5 is not on an a4 sheet, which has positions 1 to 4"
        );
        assert_eq!(sheet.starting_at(4).unwrap().start(), 4);
    }
}
