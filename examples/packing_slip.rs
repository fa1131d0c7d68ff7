//! A packing slip and its shipping label on one US Letter page, in one printpdf document:
//! the slip drawn with printpdf's own API on the left half, the 4 × 6 in label drawn by
//! `shiplabel::draw_on_printpdf` on the right half, inside a dashed line to cut along.
//!
//! ```text
//! cargo run --features printpdf --example packing_slip                  # writes packing-slip.pdf
//! cargo run --features printpdf --example packing_slip -- out/slip.pdf  # or the path given
//! ```
//!
//! The file is written atomically (a temporary file beside it, renamed over it when
//! complete) and deterministically: the same order gives the same bytes, run after run.
//! Exit status 0 on success, 1 when the label cannot be made or the file cannot be written.

use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use printpdf::{
    BuiltinFont, Color, Greyscale, Line, LineDashPattern, LinePoint, Op, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};
use shiplabel::{Dpi, Label, Options, ValidLabel};

/// US Letter, in points.
const PAGE: (f32, f32) = (612.0, 792.0);
/// The page margin on every side.
const MARGIN: f32 = 36.0;
/// The slip's column: from the left margin to here.
const SLIP_RIGHT: f32 = 282.0;

/// One line of the order.
struct Item {
    name: &'static str,
    sku: &'static str,
    quantity: u32,
    /// The unit price in pence.
    price: u32,
}

const ITEMS: &[Item] = &[
    Item {
        name: "Bamboo cutting board",
        sku: "KT-1042",
        quantity: 1,
        price: 1850,
    },
    Item {
        name: "Ceramic mug, 350 ml",
        sku: "KT-2207",
        quantity: 2,
        price: 790,
    },
    Item {
        name: "Linen tea towel",
        sku: "TX-0318",
        quantity: 3,
        price: 420,
    },
    Item {
        name: "Beeswax food wraps (3)",
        sku: "KT-0951",
        quantity: 1,
        price: 900,
    },
];

/// Shipping, in pence.
const SHIPPING: u32 = 650;

fn main() -> ExitCode {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("packing-slip.pdf"), PathBuf::from);
    match packing_slip(&Label::sample()).and_then(|pdf| write_atomically(&path, &pdf)) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// The packing slip and label of `order`, as a PDF.
fn packing_slip(order: &Label) -> Result<Vec<u8>, Box<dyn Error>> {
    let options = Options::default();
    let label = order.clone().validate()?;
    let layout = shiplabel::layout(&label, &options)?;

    let mut doc = PdfDocument::new(&format!("Packing slip {}", order.order.number));
    let page_box = Rect::from_wh(Pt(PAGE.0), Pt(PAGE.1));
    let mut page = PdfPage {
        media_box: page_box.clone(),
        trim_box: page_box.clone(),
        crop_box: page_box,
        ops: slip(order, &label),
    };

    // The label in the right half, its top at the top margin and its right edge a quarter
    // of an inch in from the page's, both moved onto the printer's dot grid (to the dot at
    // or before), so nothing of the label needs to move to print at exact dots.
    let dpi = options.dpi();
    let (width, height) = (layout.width().0, layout.height().0);
    let at = (
        snap(dpi, PAGE.0 - 18.0 - width),
        snap(dpi, PAGE.1 - MARGIN - height),
    );
    // A dashed line to cut along, a little outside the label.
    page.ops.extend(cut_line(at, (width, height)));
    shiplabel::draw_on_printpdf(&layout, &mut doc, &mut page, (Pt(at.0), Pt(at.1)))?;
    let mut under = Text::new(&mut page.ops);
    under.grey(0.4);
    under.show(
        BuiltinFont::Helvetica,
        8.0,
        (at.0, at.1 - 20.0),
        "Cut along the dashed line and attach the label to the parcel.",
    );
    doc.pages.push(page);

    let mut warnings = Vec::new();
    let mut pdf = doc.save(&PdfSaveOptions::default(), &mut warnings);
    if let Some(w) = warnings.first() {
        return Err(format!("printpdf: {w:?}").into());
    }
    deterministic_id(&mut pdf)?;
    Ok(pdf)
}

/// `pt` moved to the printer's dot at or before it.
fn snap(dpi: Dpi, pt: f32) -> f32 {
    dpi.snap(shiplabel::Pt(pt)).0
}

/// The slip: the seller, the order, where it goes, the items and the totals, in the left
/// half of the page. The names and addresses are the validated ones, formatted as the label
/// prints them.
fn slip(order: &Label, valid: &ValidLabel) -> Vec<Op> {
    use BuiltinFont::{Helvetica, HelveticaBold};
    let mut ops = Vec::new();
    let mut t = Text::new(&mut ops);
    let left = MARGIN;
    let mut y = PAGE.1 - MARGIN - 14.0;

    // The seller.
    let seller = valid.seller();
    t.show(HelveticaBold, 14.0, (left, y), seller.name());
    t.grey(0.35);
    y -= 14.0;
    for line in seller.address().lines() {
        t.show(Helvetica, 8.5, (left, y), &line);
        y -= 11.0;
    }
    t.grey(0.0);

    y -= 26.0;
    t.show(HelveticaBold, 22.0, (left, y), "Packing slip");
    y -= 26.0;

    // The order's particulars, two columns of label and value.
    let o = &order.order;
    let particulars = [
        ("Order", Some(o.number.clone())),
        ("Date", Some("14 March 2026".to_owned())),
        ("Tracking", o.tracking.clone()),
        (
            "Service",
            match (&o.carrier, &o.service) {
                (Some(c), Some(s)) => Some(format!("{c}, {s}")),
                (c, s) => c.clone().or_else(|| s.clone()),
            },
        ),
        ("Weight", o.weight_grams.map(|g| format!("{g} g"))),
    ];
    for (name, value) in particulars {
        if let Some(value) = value {
            t.grey(0.35);
            t.show(Helvetica, 9.0, (left, y), name);
            t.grey(0.0);
            t.show(Helvetica, 9.0, (left + 58.0, y), &value);
            y -= 13.0;
        }
    }

    // Where it goes.
    y -= 14.0;
    t.show(HelveticaBold, 9.0, (left, y), "SHIP TO");
    y -= 14.0;
    let recipient = valid.recipient();
    t.show(HelveticaBold, 10.5, (left, y), recipient.name());
    y -= 13.0;
    for line in recipient.address().lines() {
        t.show(Helvetica, 9.0, (left, y), &line);
        y -= 12.0;
    }

    // The items: description and SKU, quantity, unit price, amount.
    y -= 22.0;
    let columns = (left + 150.0, left + 194.0, SLIP_RIGHT);
    t.show(HelveticaBold, 8.5, (left, y), "ITEM");
    t.right(HelveticaBold, 8.5, (columns.0, y), "QTY");
    t.right(HelveticaBold, 8.5, (columns.1, y), "PRICE");
    t.right(HelveticaBold, 8.5, (columns.2, y), "AMOUNT");
    y -= 7.0;
    rule(t.ops, (left, SLIP_RIGHT), y, 0.8);
    y -= 15.0;
    let mut subtotal = 0;
    for item in ITEMS {
        let amount = item.quantity * item.price;
        subtotal += amount;
        t.show(Helvetica, 9.5, (left, y), item.name);
        t.right(Helvetica, 9.5, (columns.0, y), &item.quantity.to_string());
        t.right(Helvetica, 9.5, (columns.1, y), &pounds(item.price));
        t.right(Helvetica, 9.5, (columns.2, y), &pounds(amount));
        t.grey(0.4);
        t.show(Helvetica, 7.5, (left, y - 10.0), item.sku);
        t.grey(0.0);
        y -= 17.0;
        rule(t.ops, (left, SLIP_RIGHT), y + 4.0, 0.25);
        y -= 11.0;
    }

    // The totals, right-aligned under the amounts.
    y -= 4.0;
    let count: u32 = ITEMS.iter().map(|i| i.quantity).sum();
    t.grey(0.35);
    t.show(Helvetica, 9.0, (left, y), &format!("{count} items"));
    t.grey(0.0);
    for (name, value) in [("Subtotal", subtotal), ("Shipping", SHIPPING)] {
        t.right(Helvetica, 9.0, (columns.1, y), name);
        t.right(Helvetica, 9.0, (columns.2, y), &pounds(value));
        y -= 14.0;
    }
    rule(t.ops, (columns.0, SLIP_RIGHT), y + 8.0, 0.8);
    y -= 6.0;
    t.right(HelveticaBold, 11.0, (columns.1, y), "Total");
    t.right(
        HelveticaBold,
        11.0,
        (columns.2, y),
        &pounds(subtotal + SHIPPING),
    );

    // A word at the bottom.
    let mut y = MARGIN + 40.0;
    t.show(HelveticaBold, 9.5, (left, y), "Thank you for your order.");
    t.grey(0.35);
    for line in [
        "Something not right? Write to us within 30 days",
        "with your order number and we will make it good.",
    ] {
        y -= 13.0;
        t.show(Helvetica, 8.5, (left, y), line);
    }
    t.grey(0.0);
    ops
}

/// Pence as pounds: `£18.50`.
fn pounds(pence: u32) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

/// A horizontal rule from `x.0` to `x.1` at `y`.
fn rule(ops: &mut Vec<Op>, (x0, x1): (f32, f32), y: f32, width: f32) {
    ops.push(Op::SetOutlineColor {
        col: Color::Greyscale(Greyscale::new(0.0, None)),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    ops.push(Op::DrawLine {
        line: line(&[(x0, y), (x1, y)], false),
    });
}

fn line(points: &[(f32, f32)], closed: bool) -> Line {
    Line {
        points: points
            .iter()
            .map(|&(x, y)| LinePoint {
                p: Point { x: Pt(x), y: Pt(y) },
                bezier: false,
            })
            .collect(),
        is_closed: closed,
    }
}

/// A dashed grey rectangle 6 pt outside a label of `size` at `at`.
fn cut_line(at: (f32, f32), size: (f32, f32)) -> Vec<Op> {
    let (x0, y0) = (at.0 - 6.0, at.1 - 6.0);
    let (x1, y1) = (at.0 + size.0 + 6.0, at.1 + size.1 + 6.0);
    vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor {
            col: Color::Greyscale(Greyscale::new(0.55, None)),
        },
        Op::SetOutlineThickness { pt: Pt(0.6) },
        Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
        },
        Op::DrawLine {
            line: line(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)], true),
        },
        Op::RestoreGraphicsState,
    ]
}

/// Text in the standard fonts, appended to a page's operations.
struct Text<'a> {
    ops: &'a mut Vec<Op>,
}

impl<'a> Text<'a> {
    fn new(ops: &'a mut Vec<Op>) -> Self {
        Text { ops }
    }

    /// The colour of the text that follows, as a grey level (0 is black).
    fn grey(&mut self, level: f32) {
        self.ops.push(Op::SetFillColor {
            col: Color::Greyscale(Greyscale::new(level, None)),
        });
    }

    /// `text` with its baseline starting at `at`.
    fn show(&mut self, font: BuiltinFont, size: f32, at: (f32, f32), text: &str) {
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::Builtin(font),
                size: Pt(size),
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(at.0), Pt(at.1)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// `text` with its baseline ending at `at`.
    fn right(&mut self, font: BuiltinFont, size: f32, at: (f32, f32), text: &str) {
        let width = helvetica_width(font, text) * size / 1000.0;
        self.show(font, size, (at.0 - width, at.1), text);
    }
}

/// The advance of `text` in Helvetica or Helvetica-Bold, in thousandths of an em, from
/// the fonts' metrics (their AFM files): the characters of the slip's right-aligned words
/// and amounts (others count as a digit).
fn helvetica_width(font: BuiltinFont, text: &str) -> f32 {
    let bold = matches!(font, BuiltinFont::HelveticaBold);
    let width = |c: char| -> (u16, u16) {
        match c {
            '0'..='9' | '£' => (556, 556),
            '.' | ',' | ' ' => (278, 278),
            'A' => (667, 722),
            'C' | 'N' | 'R' | 'U' => (722, 722),
            'E' | 'P' | 'S' | 'Y' => (667, 667),
            'I' => (278, 278),
            'M' => (833, 833),
            'O' | 'Q' => (778, 778),
            'T' => (611, 611),
            'a' | 'e' => (556, 556),
            'b' | 'g' | 'h' | 'n' | 'o' | 'p' | 'u' => (556, 611),
            'i' | 'l' => (222, 278),
            't' => (278, 333),
            _ => (556, 556),
        }
    };
    text.chars()
        .map(|c| f32::from(if bold { width(c).1 } else { width(c).0 }))
        .sum()
}

/// Replaces the trailer's `/ID` strings, which printpdf makes from a process-wide counter,
/// with a hash of the rest of the file, keeping their lengths so the cross-reference
/// offsets stay right: the same document then gives the same bytes.
fn deterministic_id(pdf: &mut [u8]) -> Result<(), Box<dyn Error>> {
    let start = pdf
        .windows(4)
        .rposition(|w| w == b"/ID[")
        .ok_or("the PDF has no trailer /ID")?;
    // The two literal strings: `(…)(…)`.
    let mut strings = Vec::new();
    let mut i = start + 4;
    for _ in 0..2 {
        while pdf.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if pdf.get(i) != Some(&b'(') {
            return Err("the trailer /ID is not two literal strings".into());
        }
        let open = i + 1;
        let close = pdf[open..]
            .iter()
            .position(|&b| b == b')' || b == b'\\')
            .map(|p| open + p)
            .filter(|&c| pdf[c] == b')')
            .ok_or("the trailer /ID is not two plain literal strings")?;
        strings.push(open..close);
        i = close + 1;
    }
    // FNV-1a, 64 bits, over everything but the two strings.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (at, &byte) in pdf.iter().enumerate() {
        if !strings.iter().any(|s| s.contains(&at)) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let hex = format!("{hash:016x}");
    for range in strings {
        for (k, at) in range.enumerate() {
            pdf[at] = hex.as_bytes()[k % hex.len()];
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed over
/// `path` once complete: a reader never sees half a file, and a failure leaves any earlier
/// file as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Box<dyn Error>> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".packing-slip-").suffix(".tmp");
    #[cfg(unix)]
    {
        // Readable as a new file would be (rw for all, less the umask), not tempfile's 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // tempfile's error names the temporary file; the user asked for `path`.
    let mut temp = builder.tempfile_in(dir).map_err(|e| {
        format!(
            "cannot write in {}: {}",
            dir.display(),
            std::io::Error::from(e.kind())
        )
    })?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
