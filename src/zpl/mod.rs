//! ZPL II output (feature `zpl`, on by default): the language of Zebra and compatible
//! thermal printers, drawn from the same layout as the PDF and PNG.
//!
//! Each label is one `^XA … ^XZ` format of the label's size in dots (`^PW`, `^LL`), UTF-8
//! (`^CI28`). The Code 128 is the printer's own `^BC`, with exactly our code sets (the
//! start and switch codes written out) and our module width and bar height (`^BY`); the QR
//! code and every text line are graphic fields (`^GF`, Z64-compressed) of exactly the dots
//! the 1-bit PNG prints: the printer's resident fonts neither shape Arabic or Thai nor match
//! our fonts' widths, and our QR keeps its level, mask and module size. Rules are `^GB`.
//! [`ZplText::ResidentFont`] prints the Latin lines in the printer's own font instead.

mod code128;
mod field;
mod resident;

use std::fmt::Write as _;
use std::io::Write;

use crate::error::RenderError;
use crate::layout::{Element, LabelLayout, LayoutError, QrSymbol, Rule};
use crate::options::Options;
use crate::printer::Output;
use crate::raster::{rule_edges, text_dots};

/// The widest module `^BY` takes, in dots; wider bars are drawn as a graphic field.
const MAX_BY_MODULE: u32 = 10;

/// How the Code 128 goes into ZPL.
///
/// ```
/// assert_eq!(shiplabel::ZplBars::default(), shiplabel::ZplBars::Native);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ZplBars {
    /// The printer's own `^BC`, given our code sets with the start and switch codes and
    /// our module and height, so a Zebra printer (and Labelary, and labelize) draws exactly
    /// our symbol; the smallest stream. The default.
    #[default]
    Native,
    /// A graphic field of exactly our bars: for printers and renderers that mishandle
    /// `^BC`'s code set switches (zpl-renderer-js 3.4 draws a symbol that switches to code
    /// set C part way as another, wider symbol that does not decode).
    Graphic,
}

/// How text lines go into ZPL.
///
/// ```
/// assert_eq!(shiplabel::ZplText::default(), shiplabel::ZplText::Graphic);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ZplText {
    /// Every line a graphic field of exactly the dots the 1-bit PNG prints: our fonts,
    /// shaped (Arabic joined, Thai marks placed), on every printer. The default.
    #[default]
    Graphic,
    /// Lines of Latin text in the printer's resident scalable font (`^A0`, Zebra's font 0,
    /// a bold condensed sans) at our capital height and baseline, condensed to fit the
    /// width our line takes: a few dozen bytes a line instead of hundreds, so a Latin 4 × 6
    /// label is about 2 KB instead of 11 and prints sooner. Font 0 refuses what it cannot show: a line
    /// with a character outside its Windows-1252 repertoire (Polish `Ł`, Cyrillic, Arabic,
    /// Thai, CJK…), or one that would need condensing below 60 % of its height, stays a
    /// graphic field, so nothing is lost. The printer's font is not ours: lines print
    /// bold and a little narrower than in the PDF.
    ResidentFont,
}

/// How [`render_zpl_with`] and [`ZplOutput`] write a label: the Code 128 ([`ZplBars`]) and
/// the text ([`ZplText`]).
///
/// ```
/// use shiplabel::{ZplBars, ZplOptions, ZplText};
/// let options = ZplOptions::default().with_text(ZplText::ResidentFont);
/// assert_eq!(options.bars(), ZplBars::Native);
/// assert_eq!(options.text(), ZplText::ResidentFont);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ZplOptions {
    bars: ZplBars,
    text: ZplText,
}

impl ZplOptions {
    /// These options, with the Code 128 drawn as `bars` says.
    ///
    /// ```
    /// use shiplabel::{ZplBars, ZplOptions};
    /// assert_eq!(ZplOptions::default().with_bars(ZplBars::Graphic).bars(), ZplBars::Graphic);
    /// ```
    #[must_use]
    pub fn with_bars(mut self, bars: ZplBars) -> Self {
        self.bars = bars;
        self
    }

    /// These options, with text lines written as `text` says.
    ///
    /// ```
    /// use shiplabel::{ZplOptions, ZplText};
    /// let options = ZplOptions::default().with_text(ZplText::ResidentFont);
    /// assert_eq!(options.text(), ZplText::ResidentFont);
    /// ```
    #[must_use]
    pub fn with_text(mut self, text: ZplText) -> Self {
        self.text = text;
        self
    }

    /// How the Code 128 is drawn.
    ///
    /// ```
    /// assert_eq!(shiplabel::ZplOptions::default().bars(), shiplabel::ZplBars::Native);
    /// ```
    pub fn bars(&self) -> ZplBars {
        self.bars
    }

    /// How text lines are written.
    ///
    /// ```
    /// assert_eq!(shiplabel::ZplOptions::default().text(), shiplabel::ZplText::Graphic);
    /// ```
    pub fn text(&self) -> ZplText {
        self.text
    }
}

/// A label as ZPL II: one `^XA … ^XZ` format, 812 × 1218 dots for a 4 × 6 in label at
/// 203 dpi (the layout's resolution is the printer's).
///
/// # Errors
///
/// [`RenderError::Zpl`] for a Code 128 that `^BC` cannot spell (a control character in
/// the order number, which validation refuses) or a bundled font that cannot be read.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let layout = shiplabel::layout(&shiplabel::Label::sample().validate()?, &Default::default())?;
/// let zpl = String::from_utf8(shiplabel::render_zpl(&layout)?)?;
/// assert!(zpl.starts_with("^XA\n^PW812\n^LL1218\n"));
/// assert!(zpl.contains("^BCN,208,N,N,N,N^FH_^FD>:TT-2026->5000123^FS"));
/// assert!(zpl.trim_end().ends_with("^XZ"));
/// # Ok(()) }
/// ```
pub fn render_zpl(layout: &LabelLayout) -> Result<Vec<u8>, RenderError> {
    render_zpl_with(layout, ZplOptions::default())
}

/// A label as ZPL II, as [`render_zpl`] makes it, with its Code 128 and text written as
/// `options` says.
///
/// # Errors
///
/// As [`render_zpl`].
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use shiplabel::{ZplBars, ZplOptions, ZplText, render_zpl_with};
/// let layout = shiplabel::layout(&shiplabel::Label::sample().validate()?, &Default::default())?;
/// let zpl = String::from_utf8(render_zpl_with(&layout, ZplOptions::default().with_bars(ZplBars::Graphic))?)?;
/// assert!(!zpl.contains("^BC"));
///
/// // The Latin lines in the printer's font 0.
/// let zpl = String::from_utf8(render_zpl_with(&layout, ZplOptions::default().with_text(ZplText::ResidentFont))?)?;
/// assert!(zpl.contains("^FDOliver Smith^FS"));
/// # Ok(()) }
/// ```
pub fn render_zpl_with(layout: &LabelLayout, options: ZplOptions) -> Result<Vec<u8>, RenderError> {
    let dpi = layout.dpi();
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "^XA\n^PW{}\n^LL{}\n^LH0,0\n^CI28\n",
        layout.width_dots().0,
        layout.height_dots().0
    );
    for element in layout.elements() {
        match element {
            Element::Text(line) => {
                let in_font = match options.text {
                    ZplText::ResidentFont => resident::font0_field(line, dpi),
                    ZplText::Graphic => None,
                };
                if let Some(field) = in_font {
                    out.push_str(&field);
                    out.push('\n');
                } else if let Some(dots) = text_dots(line, dpi)? {
                    let (x, y) = dots.origin;
                    let field = field::graphic_field(dots.width, &dots.ink);
                    let _ = writeln!(out, "^FO{x},{y}{field}^FS");
                }
            }
            Element::Rule(rule) => rule_box(&mut out, rule, dpi.get()),
            Element::Code128(bars) => {
                let (x, y) = (bars.x().0, bars.y().0);
                let module = bars.module().0;
                if module <= MAX_BY_MODULE && options.bars == ZplBars::Native {
                    let data = code128::field_data(bars.codewords())
                        .map_err(|e| RenderError::Zpl(format!("order {}: {e}", bars.data())))?;
                    let height = bars.height().0;
                    let _ = writeln!(
                        out,
                        "^FO{x},{y}^BY{module},3,{height}^BCN,{height},N,N,N,N^FH_^FD{data}^FS"
                    );
                } else {
                    let width = bars.width().0;
                    let row: Vec<bool> = bars
                        .modules()
                        .iter()
                        .flat_map(|&bar| std::iter::repeat_n(bar, module as usize))
                        .collect();
                    let ink = row.repeat(bars.height().0 as usize);
                    let _ = writeln!(out, "^FO{x},{y}{}^FS", field::graphic_field(width, &ink));
                }
            }
            Element::Qr(qr) => qr_field(&mut out, qr),
        }
    }
    out.push_str("^XZ\n");
    Ok(out.into_bytes())
}

/// A rule as a filled `^GB` box, its edges at the nearest dots and at least a dot thick, as
/// the 1-bit PNG fills it.
fn rule_box(out: &mut String, rule: &Rule, dpi: u32) {
    let (x0, y0, x1, y1) = rule_edges(rule, dpi as f32 / 72.0, (0.0, 0.0), true);
    let (w, h) = ((x1 - x0) as u32, (y1 - y0) as u32);
    let _ = writeln!(
        out,
        "^FO{},{}^GB{w},{h},{},B,0^FS",
        x0 as u32,
        y0 as u32,
        w.min(h)
    );
}

/// The QR symbol as a graphic field of its exact modules.
fn qr_field(out: &mut String, qr: &QrSymbol) {
    let n = qr.modules_per_side();
    let m = qr.module().0 as usize;
    let side = n * m;
    let mut ink = Vec::with_capacity(side * side);
    for row in 0..n {
        let dots: Vec<bool> = (0..n)
            .flat_map(|col| std::iter::repeat_n(qr.is_dark(col, row), m))
            .collect();
        for _ in 0..m {
            ink.extend_from_slice(&dots);
        }
    }
    let _ = writeln!(
        out,
        "^FO{},{}{}^FS",
        qr.x().0,
        qr.y().0,
        field::graphic_field(side as u32, &ink)
    );
}

/// ZPL II as the output of the printing layer ([`Printer`](crate::Printer)): every label a
/// format of its own, back to back in one stream on any [`Write`] (a file, a socket to the
/// printer's port 9100). Labels are drawn on the printer's threads and written in order.
/// Sheets are for office printers: a run with a [`Sheet`](crate::Sheet) set fails.
///
/// ```
/// use shiplabel::{Label, Options, Printer, ZplOutput};
/// let mut printer = Printer::to(ZplOutput::new(Vec::new()), &Options::default());
/// printer.write_labels([Label::sample(), Label::sample()])?;
/// let zpl = printer.finish()?.output;
/// assert_eq!(zpl.windows(3).filter(|w| w == b"^XA").count(), 2);
/// # Ok::<(), shiplabel::RenderError>(())
/// ```
#[derive(Debug)]
pub struct ZplOutput<W> {
    out: W,
    options: ZplOptions,
}

impl<W: Write> ZplOutput<W> {
    /// ZPL written to `out` (wrap a file in a [`BufWriter`](std::io::BufWriter)).
    ///
    /// ```
    /// let output = shiplabel::ZplOutput::new(Vec::new());
    /// # let _ = output;
    /// ```
    pub fn new(out: W) -> Self {
        ZplOutput {
            out,
            options: ZplOptions::default(),
        }
    }

    /// This output, with the Code 128 drawn as `bars` says.
    ///
    /// ```
    /// let output = shiplabel::ZplOutput::new(Vec::new()).with_bars(shiplabel::ZplBars::Graphic);
    /// # let _ = output;
    /// ```
    #[must_use]
    pub fn with_bars(mut self, bars: ZplBars) -> Self {
        self.options = self.options.with_bars(bars);
        self
    }

    /// This output, with text lines written as `text` says.
    ///
    /// ```
    /// use shiplabel::{Label, Options, Printer, ZplOutput, ZplText};
    /// let output = ZplOutput::new(Vec::new()).with_text(ZplText::ResidentFont);
    /// let mut printer = Printer::to(output, &Options::default());
    /// printer.write_label(Label::sample())?;
    /// let zpl = String::from_utf8(printer.finish()?.output).unwrap();
    /// assert!(zpl.contains("^A0N,"));
    /// # Ok::<(), shiplabel::RenderError>(())
    /// ```
    #[must_use]
    pub fn with_text(mut self, text: ZplText) -> Self {
        self.options = self.options.with_text(text);
        self
    }
}

impl<W: Write> Output for ZplOutput<W> {
    /// A label's format.
    type Drawn = Vec<u8>;
    /// The writer, flushed.
    type Finished = W;

    fn drawer(
        &self,
        options: &Options,
    ) -> impl Fn(&LabelLayout) -> Result<Vec<u8>, RenderError> + Sync + 'static {
        let on_sheets = options.sheet().is_some();
        let zpl = self.options;
        move |layout| {
            if on_sheets {
                return Err(RenderError::Zpl(
                    "ZPL prints on a thermal printer's labels; sheets are for office printers"
                        .into(),
                ));
            }
            render_zpl_with(layout, zpl)
        }
    }

    /// Labels and CN22s, which are labels of the label's size; not a CN23's A4 or Letter
    /// page: that order is set aside, saying why.
    fn accepts(
        &self,
        options: &Options,
    ) -> impl Fn(&LabelLayout) -> Result<(), LayoutError> + Sync + 'static {
        let label = options.label_size();
        move |layout| {
            if !layout.is_of_size(label) {
                return Err(LayoutError::Unprintable {
                    field: "customs.form".into(),
                    message: format!(
                        "a CN23 customs declaration prints on {:.0} × {:.0} pt paper, not on a \
                         thermal printer's {} labels: print this order as a PDF or PNG, or \
                         leave the forms out (Options::with_customs_forms(false))",
                        layout.width().0,
                        layout.height().0,
                        label.name()
                    ),
                });
            }
            Ok(())
        }
    }

    fn write(
        &mut self,
        _options: &Options,
        _layout: LabelLayout,
        zpl: Vec<u8>,
    ) -> Result<(), RenderError> {
        self.out.write_all(&zpl).map_err(RenderError::from)
    }

    fn finish(mut self, _options: &Options) -> Result<W, RenderError> {
        self.out.flush().map_err(RenderError::from)?;
        Ok(self.out)
    }
}
