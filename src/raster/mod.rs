//! PNG output, drawn from the layout (feature `png`, on by default): a 1-bit image with one
//! pixel per printer dot for raster label printers, or an anti-aliased greyscale preview at
//! any resolution for screens.

mod canvas;

use canvas::Canvas;
pub(crate) use canvas::rule_edges;

use crate::bits::pack_rows;
use crate::error::{IoError, RenderError};
use crate::layout::{LabelLayout, SheetCursor, SheetPage, TextLine};
use crate::options::{Options, Sheet};
use crate::printer::Output;
use crate::units::{Dpi, Pt};

/// How a label becomes pixels.
///
/// ```
/// use shiplabel::Raster;
/// let printer = Raster::Print;
/// let screen = Raster::Preview { ppi: 96 };
/// assert_ne!(printer, screen);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Raster {
    /// Black and white, one pixel per printer dot at the layout's resolution: every bar,
    /// space and QR module is exactly its number of dots, and text is its outlines filled
    /// where they cover at least half a dot. For raster label printers and for checking
    /// what a thermal printer prints.
    #[default]
    Print,
    /// Greyscale, anti-aliased, at `ppi` pixels per inch (from [`Raster::MIN_PPI`] to
    /// [`Raster::MAX_PPI`]): a preview for a screen or a web page, at any size.
    Preview {
        /// Pixels per inch (96 is a common screen; a 4 × 6 in label is then 384 × 576).
        ppi: u32,
    },
}

impl Raster {
    /// The lowest preview resolution: a 4 × 6 in label 40 × 60 pixels.
    pub const MIN_PPI: u32 = 10;
    /// The highest preview resolution: an A4 sheet is then 4961 × 7016 pixels (a 139 MB
    /// canvas while it is drawn), a 4 × 6 in label 2400 × 3600.
    pub const MAX_PPI: u32 = 600;
}

/// A label as a PNG image, drawn from its layout.
///
/// With [`Raster::Print`], the image has one pixel per printer dot (812 × 1218 for a
/// 4 × 6 in label at 203 dpi), one bit per pixel, and its resolution recorded (`pHYs`), so
/// a raster printer prints it dot for dot; with [`Raster::Preview`] it is 8-bit greyscale
/// at the given resolution. The same layout and raster give the same bytes.
///
/// # Errors
///
/// [`RenderError::Png`] for a preview resolution outside [`Raster::MIN_PPI`] to
/// [`Raster::MAX_PPI`], or a bundled font that cannot be read.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use shiplabel::{Label, Options, Raster, layout, render_png};
/// let layout = layout(&Label::sample().validate()?, &Options::default())?;
/// let png = render_png(&layout, Raster::Print)?;
/// assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
/// // Width and height from the IHDR chunk: one pixel per dot.
/// assert_eq!(&png[16..24], &[0, 0, 0x03, 0x2c, 0, 0, 0x04, 0xc2]); // 812 × 1218
/// let preview = render_png(&layout, Raster::Preview { ppi: 96 })?;
/// assert_eq!(&preview[16..24], &[0, 0, 0x01, 0x80, 0, 0, 0x02, 0x40]); // 384 × 576
/// # Ok(()) }
/// ```
pub fn render_png(layout: &LabelLayout, raster: Raster) -> Result<Vec<u8>, RenderError> {
    let (mut canvas, ppi) = blank(raster, (layout.width(), layout.height()), layout.dpi())?;
    canvas.label(layout, (0.0, 0.0))?;
    encode(&canvas, raster, ppi)
}

/// A sheet of labels ([`Sheet::pages`](crate::Sheet::pages)) as a PNG image: each label at
/// its place, in whole dots, and the cut marks; as [`render_png`] draws one label.
///
/// # Errors
///
/// As [`render_png`].
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use shiplabel::{Label, Options, Raster, Sheet, SheetLayout, layout, render_sheet_png};
/// let sheet = Sheet::new(SheetLayout::LetterTwo4x6).with_cut_marks(true);
/// let label = layout(&Label::sample().validate()?, &Options::default().with_sheet(sheet))?;
/// let pages = sheet.pages(vec![label.clone(), label]);
/// let png = render_sheet_png(&pages[0], Raster::Preview { ppi: 50 })?;
/// assert_eq!(&png[16..24], &[0, 0, 0x01, 0xa9, 0, 0, 0x02, 0x26]); // 425 × 550
/// # Ok(()) }
/// ```
pub fn render_sheet_png(page: &SheetPage, raster: Raster) -> Result<Vec<u8>, RenderError> {
    let (mut canvas, ppi) = blank(raster, (page.width(), page.height()), page.dpi())?;
    for placed in page.labels() {
        let per_dot = ppi as f32 / placed.layout().dpi().get() as f32;
        let (x, y) = placed.origin();
        canvas.label(
            placed.layout(),
            (x.0 as f32 * per_dot, y.0 as f32 * per_dot),
        )?;
    }
    for mark in page.cut_marks() {
        canvas.rule(mark, (0.0, 0.0));
    }
    encode(&canvas, raster, ppi)
}

/// A line of text as printer dots, cut to its ink.
pub(crate) struct TextDots {
    /// Its top-left dot on the page's dot grid.
    pub(crate) origin: (u32, u32),
    /// Its width in dots.
    pub(crate) width: u32,
    /// A `bool` per dot, row by row, `true` for ink.
    pub(crate) ink: Vec<bool>,
}

/// One line of text as printer dots at `dpi`, cut to its ink, filled exactly as
/// [`render_png`] fills them in a print. `None` for a line without ink.
pub(crate) fn text_dots(line: &TextLine, dpi: Dpi) -> Result<Option<TextDots>, RenderError> {
    // The line's box with a margin for outlines past the advance and a stroked bold.
    const PAD: f32 = 4.0;
    let (above, below) = line.ink_extent();
    let k = dpi.get() as f32 / 72.0;
    let x0 = ((line.x().0 * k).floor() - PAD).max(0.0);
    let y0 = (((line.baseline().0 - above.0) * k).floor() - PAD).max(0.0);
    let x1 = ((line.x().0 + line.width().0) * k).ceil() + PAD;
    let y1 = ((line.baseline().0 + below.0) * k).ceil() + PAD;
    let (width, height) = ((x1 - x0).max(1.0) as u32, (y1 - y0).max(1.0) as u32);
    let mut canvas = Canvas::new(width, height, dpi.get(), false)?;
    canvas.text(line, (-x0, -y0))?;
    let ink: Vec<bool> = canvas.coverage().iter().map(|&c| c >= 128).collect();
    let (w, h) = (width as usize, height as usize);
    let rows = (0..h).filter(|&r| ink[r * w..(r + 1) * w].contains(&true));
    let cols = (0..w).filter(|&c| (0..h).any(|r| ink[r * w + c]));
    let (Some(top), Some(left)) = (rows.clone().next(), cols.clone().next()) else {
        return Ok(None);
    };
    let bottom = rows.clone().next_back().unwrap_or(top);
    let right = cols.clone().next_back().unwrap_or(left);
    let (cw, ch) = (right - left + 1, bottom - top + 1);
    let mut cut = Vec::with_capacity(cw * ch);
    for r in top..=bottom {
        cut.extend_from_slice(&ink[r * w + left..=r * w + right]);
    }
    Ok(Some(TextDots {
        origin: (x0 as u32 + left as u32, y0 as u32 + top as u32),
        width: cw as u32,
        ink: cut,
    }))
}

/// A blank page of `size` for layouts at `dpi`, and its resolution in pixels per inch.
fn blank(
    raster: Raster,
    (width, height): (Pt, Pt),
    dpi: Dpi,
) -> Result<(Canvas, u32), RenderError> {
    let dpi = dpi.get();
    let ppi = ppi(raster, dpi)?;
    let canvas = Canvas::new(
        pixels(width, ppi),
        pixels(height, ppi),
        ppi,
        raster != Raster::Print,
    )?;
    Ok((canvas, ppi))
}

/// The image's resolution: the layout's own for a print, the asked one for a preview.
fn ppi(raster: Raster, dpi: u32) -> Result<u32, RenderError> {
    match raster {
        Raster::Print => Ok(dpi),
        Raster::Preview { ppi } if (Raster::MIN_PPI..=Raster::MAX_PPI).contains(&ppi) => Ok(ppi),
        Raster::Preview { ppi } => Err(RenderError::Png(format!(
            "a preview at {ppi} pixels per inch; use {} to {}",
            Raster::MIN_PPI,
            Raster::MAX_PPI
        ))),
    }
}

/// A length in whole pixels at `ppi`, rounded to the nearest.
fn pixels(len: Pt, ppi: u32) -> u32 {
    (f64::from(len.0) * f64::from(ppi) / 72.0).round().max(1.0) as u32
}

/// The canvas as a PNG: 1-bit, ink where it covers at least half a pixel, for a print;
/// 8-bit greyscale for a preview.
fn encode(canvas: &Canvas, raster: Raster, ppi: u32) -> Result<Vec<u8>, RenderError> {
    let (width, height) = canvas.size();
    let coverage = canvas.coverage();
    let (depth, data) = match raster {
        Raster::Print => {
            // Rows of bits, the first pixel in the high bit; 1 is white.
            let rows = coverage.chunks_exact((width as usize).max(1));
            let data = pack_rows(
                width as usize,
                rows.map(|cells| cells.iter().map(|&ink| ink < 128)),
            );
            (png::BitDepth::One, data)
        }
        Raster::Preview { .. } => (
            png::BitDepth::Eight,
            coverage.iter().map(|&ink| 255 - ink).collect(),
        ),
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(depth);
    encoder.set_compression(png::Compression::Balanced);
    // Pixels per metre, as PNG records a resolution.
    let per_metre = (f64::from(ppi) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let fail = |e: png::EncodingError| RenderError::Png(e.to_string());
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&data).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// PNG images as the output of the printing layer ([`Printer`](crate::Printer)): an image
/// per label, or per sheet on [`Sheet`](crate::Sheet)s, each handed to `sink` with its
/// number (from 0) as soon as it is made, so a run of any length holds a few images at once.
/// Labels are drawn on the printer's threads; a sheet's image is drawn when the sheet is
/// full, on the calling thread. In [`BatchMode::AllOrNothing`](crate::BatchMode) the images
/// handed on are to be kept only when `finish` succeeds (the `label` example writes them to
/// temporary files and renames them all at the end).
///
/// ```
/// use shiplabel::{Label, Options, PngOutput, Printer, Raster};
/// let mut images = Vec::new();
/// let output = PngOutput::new(Raster::Print, |n, png: Vec<u8>| {
///     images.push((n, png.len()));
///     Ok(())
/// });
/// let mut printer = Printer::to(output, &Options::default());
/// printer.write_labels([Label::sample(), Label::sample()])?;
/// let printed = printer.finish()?;
/// assert_eq!(printed.output, 2); // images written
/// assert_eq!(images.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [0, 1]);
/// # Ok::<(), shiplabel::RenderError>(())
/// ```
pub struct PngOutput<F> {
    raster: Raster,
    sink: F,
    /// Images handed to the sink.
    images: usize,
    /// The labels of the sheet being filled, and the first one's position on it.
    sheet: Vec<LabelLayout>,
    first_slot: usize,
    /// Where the next label goes on the sheets.
    cursor: SheetCursor,
}

impl<F> std::fmt::Debug for PngOutput<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PngOutput")
            .field("raster", &self.raster)
            .field("images", &self.images)
            .finish_non_exhaustive()
    }
}

impl<F: FnMut(usize, Vec<u8>) -> std::io::Result<()>> PngOutput<F> {
    /// Images made as `raster` says, each handed to `sink` (to write it to a file, say).
    ///
    /// ```
    /// let output = shiplabel::PngOutput::new(shiplabel::Raster::Preview { ppi: 96 }, |_, _| Ok(()));
    /// assert_eq!(output.images(), 0);
    /// ```
    pub fn new(raster: Raster, sink: F) -> Self {
        PngOutput {
            raster,
            sink,
            images: 0,
            sheet: Vec::new(),
            first_slot: 0,
            cursor: SheetCursor::default(),
        }
    }

    /// Images handed to the sink so far.
    ///
    /// ```
    /// let output = shiplabel::PngOutput::new(shiplabel::Raster::Print, |_, _| Ok(()));
    /// assert_eq!(output.images(), 0);
    /// ```
    pub fn images(&self) -> usize {
        self.images
    }

    fn emit(&mut self, png: Vec<u8>) -> Result<(), RenderError> {
        let n = self.images;
        (self.sink)(n, png).map_err(|e| IoError::new(format!("image {n}"), e))?;
        self.images += 1;
        Ok(())
    }

    /// Draws the sheet being filled, if it holds a label, and hands it on.
    fn flush_sheet(&mut self, options: &Options) -> Result<(), RenderError> {
        let Some(sheet) = options.sheet() else {
            return Ok(());
        };
        if self.sheet.is_empty() {
            return Ok(());
        }
        let page = Sheet::new(sheet.layout())
            .starting_at(self.first_slot + 1)
            .map_err(|e| RenderError::Png(e.to_string()))?
            .with_cut_marks(sheet.cut_marks())
            .pages(std::mem::take(&mut self.sheet));
        for page in &page {
            let png = render_sheet_png(page, self.raster)?;
            self.emit(png)?;
        }
        Ok(())
    }
}

impl<F: FnMut(usize, Vec<u8>) -> std::io::Result<()>> Output for PngOutput<F> {
    /// A label's image, or `None` on sheets (the sheet is drawn when it is full).
    type Drawn = Option<Vec<u8>>;
    /// How many images were made.
    type Finished = usize;

    fn drawer(
        &self,
        options: &Options,
    ) -> impl Fn(&LabelLayout) -> Result<Option<Vec<u8>>, RenderError> + Sync + 'static {
        let raster = self.raster;
        let sheet = options.sheet();
        move |layout| match sheet {
            Some(sheet) if SheetCursor::is_label_of(&sheet, layout) => Ok(None),
            _ => render_png(layout, raster).map(Some),
        }
    }

    fn write(
        &mut self,
        options: &Options,
        layout: LabelLayout,
        drawn: Option<Vec<u8>>,
    ) -> Result<(), RenderError> {
        match (drawn, options.sheet()) {
            (None, Some(sheet)) if SheetCursor::is_label_of(&sheet, &layout) => {
                let (slot, full) = self.cursor.place(&sheet);
                if self.sheet.is_empty() {
                    self.first_slot = slot;
                }
                self.sheet.push(layout);
                if full {
                    self.flush_sheet(options)?;
                }
                Ok(())
            }
            (drawn, on_sheets) => {
                // A page of its own: a label without sheets, or a CN23 between sheets.
                if on_sheets.is_some() {
                    self.flush_sheet(options)?;
                    self.cursor.restart();
                }
                let png = match drawn {
                    Some(png) => png,
                    None => render_png(&layout, self.raster)?,
                };
                self.emit(png)
            }
        }
    }

    fn finish(mut self, options: &Options) -> Result<usize, RenderError> {
        self.flush_sheet(options)?;
        Ok(self.images)
    }
}
