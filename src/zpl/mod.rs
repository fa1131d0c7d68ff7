//! ZPL II output (feature `zpl`, on by default): the language of Zebra and compatible
//! thermal printers, drawn from the same layout as the PDF and PNG.
//!
//! Each label is one `^XA … ^XZ` format of the label's size in dots (`^PW`, `^LL`), UTF-8
//! (`^CI28`). The Code 128 is the printer's own `^BC`, with exactly our code sets (the
//! start and switch codes written out) and our module width and bar height (`^BY`); the QR
//! code and every text line are graphic fields (`^GF`, Z64-compressed) of exactly the dots
//! the 1-bit PNG prints: the printer's resident fonts neither shape Arabic or Thai nor match
//! our fonts' widths, and our QR keeps its level, mask and module size. Rules are `^GB`.

mod code128;
mod field;

use std::fmt::Write as _;
use std::io::Write;

use crate::error::RenderError;
use crate::layout::{Element, LabelLayout, QrSymbol, Rule};
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
    render_zpl_with(layout, ZplBars::Native)
}

/// A label as ZPL II, as [`render_zpl`] makes it, with its Code 128 drawn as `bars` says.
///
/// # Errors
///
/// As [`render_zpl`].
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use shiplabel::{ZplBars, render_zpl_with};
/// let layout = shiplabel::layout(&shiplabel::Label::sample().validate()?, &Default::default())?;
/// let zpl = String::from_utf8(render_zpl_with(&layout, ZplBars::Graphic)?)?;
/// assert!(!zpl.contains("^BC"));
/// # Ok(()) }
/// ```
pub fn render_zpl_with(layout: &LabelLayout, bars_as: ZplBars) -> Result<Vec<u8>, RenderError> {
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
                if let Some(dots) = text_dots(line, dpi)? {
                    let (x, y) = dots.origin;
                    let field = field::graphic_field(dots.width, &dots.ink);
                    let _ = writeln!(out, "^FO{x},{y}{field}^FS");
                }
            }
            Element::Rule(rule) => rule_box(&mut out, rule, dpi.get()),
            Element::Code128(bars) => {
                let (x, y) = (bars.x().0, bars.y().0);
                let module = bars.module().0;
                if module <= MAX_BY_MODULE && bars_as == ZplBars::Native {
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
    bars: ZplBars,
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
            bars: ZplBars::Native,
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
        self.bars = bars;
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
        let bars = self.bars;
        move |layout| {
            if on_sheets {
                return Err(RenderError::Zpl(
                    "ZPL prints on a thermal printer's labels; sheets are for office printers"
                        .into(),
                ));
            }
            render_zpl_with(layout, bars)
        }
    }

    fn write(
        &mut self,
        _options: &Options,
        _layout: LabelLayout,
        zpl: Vec<u8>,
    ) -> Result<(), RenderError> {
        self.out
            .write_all(&zpl)
            .map_err(|e| RenderError::Io(e.to_string()))
    }

    fn finish(mut self, _options: &Options) -> Result<W, RenderError> {
        self.out
            .flush()
            .map_err(|e| RenderError::Io(e.to_string()))?;
        Ok(self.out)
    }
}
