//! The command line, read as the operating system gives it: file names are any bytes, so
//! they stay `OsString`s; the other values must be text.

use std::ffi::OsString;
use std::path::PathBuf;

use shiplabel::{Dpi, LabelSize, Options, Paper, QrContent, Sheet, SheetLayout, ZplText};

use crate::input::Source;
use crate::output::Target;

pub const USAGE: &str = "usage: label [ORDERS.json|.jsonl|-] [-o OUT.pdf|.png|.zpl|-] [--format pdf|png|zpl]\n             \
     [--rejected REJECTED.json|-] [--size 4x6|4x8|100x150|a6]\n             \
     [--sheet a4|letter [--start N] [--cut-marks]] [--dpi N] [--zpl-text graphic|resident]\n             \
     [--qr order|tracking-url|none] [--no-customs] [--customs-paper a4|letter]";

/// What the labels are written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One PDF, a page per label (or per sheet).
    Pdf,
    /// A 1-bit PNG per label (or per sheet) at the printer's resolution, numbered.
    Png,
    /// ZPL II for a thermal printer: one format per label, in one stream.
    Zpl,
}

/// What a run is asked to do.
#[derive(Debug)]
pub struct Args {
    pub input: Source,
    pub output: Target,
    pub format: Format,
    pub rejected: Option<Target>,
    pub options: Options,
    /// How ZPL writes text lines: graphic fields, or the printer's font for Latin lines.
    pub zpl_text: ZplText,
}

/// Why the arguments were not taken: `None` for `--help`.
pub type Usage = Option<String>;

/// Reads the arguments after the program's name, and checks that the outputs are files it
/// may replace and that no two of the input and outputs are one file.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, Usage> {
    let mut input = None;
    let mut output = None;
    let mut rejected = None;
    let mut size = None;
    let mut sheet = None;
    let mut start = None;
    let mut cut_marks = false;
    let mut dpi = Dpi::DPI_203;
    let mut format = None;
    let mut zpl_text = None;
    let mut customs_forms = true;
    let mut customs_paper = Paper::A4;
    let mut qr = QrContent::Order;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let flag = arg.to_str().unwrap_or("").to_owned();
        let mut value = |what: &str| args.next().ok_or_else(|| format!("{flag} needs {what}"));
        let text = |value: OsString, flag: &str| {
            value
                .into_string()
                .map_err(|v| format!("{flag} needs text, not {:?}", v.to_string_lossy()))
        };
        match flag.as_str() {
            "--size" => {
                let value = text(value("a size")?, "--size")?;
                size = Some(value.parse::<LabelSize>().map_err(|e| e.to_string())?);
            }
            "--sheet" => {
                let value = text(value("a sheet")?, "--sheet")?;
                sheet = Some(value.parse::<SheetLayout>().map_err(|e| e.to_string())?);
            }
            "--start" => {
                let value = text(value("a position")?, "--start")?;
                let position = value
                    .parse::<usize>()
                    .map_err(|_| format!("--start needs a position on the sheet, not {value:?}"))?;
                start = Some(position);
            }
            "--cut-marks" => cut_marks = true,
            "--qr" => {
                let value = text(value("what the QR code holds")?, "--qr")?;
                qr = value.parse::<QrContent>().map_err(|e| e.to_string())?;
            }
            "--dpi" => {
                let value = text(value("a resolution")?, "--dpi")?;
                dpi = value
                    .parse::<u32>()
                    .ok()
                    .and_then(Dpi::new)
                    .ok_or_else(|| {
                        format!(
                            "--dpi must be a whole number from {} to {}, not {value:?}",
                            Dpi::MIN,
                            Dpi::MAX
                        )
                    })?;
            }
            "--format" => {
                let value = text(value("a format")?, "--format")?;
                format = Some(match value.to_ascii_lowercase().as_str() {
                    "pdf" => Format::Pdf,
                    "png" => Format::Png,
                    "zpl" => Format::Zpl,
                    _ => return Err(Some(format!("--format is pdf, png or zpl, not {value:?}"))),
                });
            }
            "--zpl-text" => {
                let value = text(value("graphic or resident")?, "--zpl-text")?;
                zpl_text = Some(match value.to_ascii_lowercase().as_str() {
                    "graphic" => ZplText::Graphic,
                    "resident" => ZplText::ResidentFont,
                    _ => {
                        return Err(Some(format!(
                            "--zpl-text is graphic or resident, not {value:?}"
                        )));
                    }
                });
            }
            "--no-customs" => customs_forms = false,
            "--customs-paper" => {
                let value = text(value("a paper size")?, "--customs-paper")?;
                customs_paper = value.parse::<Paper>().map_err(|e| e.to_string())?;
            }
            "-o" | "--output" => output = Some(Target::from_arg(value("a file name")?)),
            "--rejected" => rejected = Some(Target::from_arg(value("a file name")?)),
            "-h" | "--help" => return Err(None),
            "-" if input.is_none() => input = Some(Source::Stdin),
            _ if input.is_none() && !arg.as_encoded_bytes().starts_with(b"-") => {
                input = Some(Source::Path(PathBuf::from(arg)));
            }
            _ => {
                return Err(Some(format!(
                    "unexpected argument {:?}",
                    arg.to_string_lossy()
                )));
            }
        }
    }
    // Without --format, an output named *.png asks for images, *.zpl for ZPL.
    let named = |ext: &str| {
        matches!(&output, Some(Target::Path(path))
            if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
    };
    let format = format.unwrap_or(if named("png") {
        Format::Png
    } else if named("zpl") {
        Format::Zpl
    } else {
        Format::Pdf
    });
    let output = output.unwrap_or_else(|| {
        let stem = if input.is_some() { "labels" } else { "label" };
        let ext = match format {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Zpl => "zpl",
        };
        Target::Path(PathBuf::from(format!("{stem}.{ext}")))
    });
    if format == Format::Zpl && sheet.is_some() {
        return Err(Some(
            "--format zpl prints on a thermal printer's labels; --sheet is for office printers"
                .into(),
        ));
    }
    if format != Format::Zpl && zpl_text.is_some() {
        return Err(Some("--zpl-text is for --format zpl".into()));
    }
    if format == Format::Png && output == Target::Stdout {
        return Err(Some(
            "--format png writes a file per label; give -o a file name such as labels.png".into(),
        ));
    }
    let mut options = Options::default()
        .with_dpi(dpi)
        .with_qr(qr)
        .with_customs_forms(customs_forms)
        .with_customs_paper(customs_paper);
    match (sheet, size) {
        (Some(_), Some(_)) => {
            return Err(Some(
                "--size and --sheet do not go together: a sheet sets its labels' size".into(),
            ));
        }
        (Some(layout), None) => {
            let sheet = Sheet::new(layout)
                .starting_at(start.unwrap_or(1))
                .map_err(|e| e.to_string())?
                .with_cut_marks(cut_marks);
            options = options.with_sheet(sheet);
        }
        (None, size) => {
            if start.is_some() || cut_marks {
                return Err(Some("--start and --cut-marks need --sheet".into()));
            }
            options = options.with_size(size.unwrap_or_default());
        }
    }
    let args = Args {
        input: input.unwrap_or(Source::Sample),
        output,
        format,
        rejected,
        options,
        zpl_text: zpl_text.unwrap_or_default(),
    };
    args.check()?;
    Ok(args)
}

impl Args {
    /// The outputs are files a rename may replace, and no two of the input and the outputs
    /// are one file (the PDF would overwrite the orders, or the rejected orders the PDF).
    fn check(&self) -> Result<(), Usage> {
        self.output.check()?;
        if let Some(rejected) = &self.rejected {
            rejected.check()?;
            if rejected.same_as(&self.output) {
                return Err(Some(format!(
                    "-o and --rejected both name {}; give them different files",
                    self.output.name()
                )));
            }
        }
        if let Source::Path(input) = &self.input {
            let outputs = std::iter::once(&self.output).chain(&self.rejected);
            for output in outputs {
                if let Target::Path(path) = output
                    && crate::output::same_file(input, path)
                {
                    return Err(Some(format!(
                        "{} is the input; writing it would replace the orders",
                        output.name()
                    )));
                }
            }
        }
        Ok(())
    }
}
