//! Page rasters for the print and scan tests: grey images read from the PNM files that
//! rasterizers write, the degradations of thermal printing and scanning, and the barcode
//! geometry read back from the golden layout dumps.

use std::path::Path;

/// A grey image, one byte a pixel, row by row: 0 is black, 255 white.
#[derive(Debug, Clone, PartialEq)]
pub struct Grey {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Grey {
    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.at(x, y) < 128
    }

    /// The part inside `x, y, width, height` pixels.
    pub fn crop(&self, x: usize, y: usize, width: usize, height: usize) -> Grey {
        let mut pixels = Vec::with_capacity(width * height);
        for row in y..y + height {
            let start = row * self.width + x;
            pixels.extend_from_slice(&self.pixels[start..start + width]);
        }
        Grey {
            width,
            height,
            pixels,
        }
    }

    /// As a binary PGM file, which zbarimg reads.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }

    /// Dot gain of one dot on every side, as a thermal head burns: a pixel stays white only
    /// when its 3 × 3 neighbourhood is all white (an erosion of white).
    pub fn dot_gain(&self) -> Grey {
        let (w, h) = (self.width, self.height);
        let mut pixels = vec![255u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let dark = (y.saturating_sub(1)..=(y + 1).min(h - 1)).any(|yy| {
                    (x.saturating_sub(1)..=(x + 1).min(w - 1)).any(|xx| self.dark(xx, yy))
                });
                if dark {
                    pixels[y * w + x] = 0;
                }
            }
        }
        Grey {
            width: w,
            height: h,
            pixels,
        }
    }

    /// A Gaussian blur of `sigma` pixels (a worn head, a scanner out of focus), in two
    /// passes, the kernel cut at three sigma and the edges clamped.
    pub fn blur(&self, sigma: f32) -> Grey {
        let radius = (3.0 * sigma).ceil() as isize;
        let kernel: Vec<f32> = (-radius..=radius)
            .map(|i| (-((i * i) as f32) / (2.0 * sigma * sigma)).exp())
            .collect();
        let total: f32 = kernel.iter().sum();
        let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
        let (w, h) = (self.width as isize, self.height as isize);
        let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
            let mut out = vec![0.0; src.len()];
            for y in 0..h {
                for x in 0..w {
                    let mut sum = 0.0;
                    for (k, weight) in kernel.iter().enumerate() {
                        let d = k as isize - radius;
                        let (sx, sy) = if horizontal {
                            ((x + d).clamp(0, w - 1), y)
                        } else {
                            (x, (y + d).clamp(0, h - 1))
                        };
                        sum += weight * src[(sy * w + sx) as usize];
                    }
                    out[(y * w + x) as usize] = sum;
                }
            }
            out
        };
        let src: Vec<f32> = self.pixels.iter().map(|&p| f32::from(p)).collect();
        let blurred = pass(&pass(&src, true), false);
        Grey {
            width: self.width,
            height: self.height,
            pixels: blurred.iter().map(|&v| v.round() as u8).collect(),
        }
    }

    /// Scaled down to `factor` of its size by averaging (a camera further away), then back
    /// up to its size by bilinear interpolation.
    pub fn downscaled(&self, factor: f32) -> Grey {
        let (w, h) = (self.width, self.height);
        let sw = ((w as f32 * factor).round() as usize).max(1);
        let sh = ((h as f32 * factor).round() as usize).max(1);
        // Area average: each small pixel covers w/sw × h/sh source pixels.
        let mut small = vec![0f32; sw * sh];
        for (sy, row) in small.chunks_mut(sw).enumerate() {
            let y0 = sy * h / sh;
            let y1 = ((sy + 1) * h / sh).max(y0 + 1);
            for (sx, value) in row.iter_mut().enumerate() {
                let x0 = sx * w / sw;
                let x1 = ((sx + 1) * w / sw).max(x0 + 1);
                let mut sum = 0u32;
                for y in y0..y1 {
                    for x in x0..x1 {
                        sum += u32::from(self.at(x, y));
                    }
                }
                *value = sum as f32 / ((y1 - y0) * (x1 - x0)) as f32;
            }
        }
        let mut pixels = Vec::with_capacity(w * h);
        for y in 0..h {
            let fy = ((y as f32 + 0.5) * sh as f32 / h as f32 - 0.5).clamp(0.0, (sh - 1) as f32);
            let (y0, ty) = (fy.floor() as usize, fy.fract());
            let y1 = (y0 + 1).min(sh - 1);
            for x in 0..w {
                let fx =
                    ((x as f32 + 0.5) * sw as f32 / w as f32 - 0.5).clamp(0.0, (sw - 1) as f32);
                let (x0, tx) = (fx.floor() as usize, fx.fract());
                let x1 = (x0 + 1).min(sw - 1);
                let top = small[y0 * sw + x0] * (1.0 - tx) + small[y0 * sw + x1] * tx;
                let bottom = small[y1 * sw + x0] * (1.0 - tx) + small[y1 * sw + x1] * tx;
                pixels.push((top * (1.0 - ty) + bottom * ty).round() as u8);
            }
        }
        Grey {
            width: w,
            height: h,
            pixels,
        }
    }
}

/// The degradations every golden label must survive: name and image.
pub fn degradations(page: &Grey) -> Vec<(&'static str, Grey)> {
    vec![
        ("clean", page.clone()),
        ("dot gain 1 px", page.dot_gain()),
        ("blur sigma 2 px", page.blur(2.0)),
        ("downscaled to 40 %", page.downscaled(0.4)),
    ]
}

/// Reads a binary PBM (P4) or PGM (P5) file, as pdftoppm -mono, Ghostscript's pbmraw and
/// MuPDF's pgm write them.
pub fn read_pnm(path: &Path) -> Result<Grey, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // The header: magic, width, height and (PGM) the maximum value, separated by white
    // space, with `#` comments; one white-space byte before the pixels.
    let mut fields = Vec::new();
    let mut i = 0;
    let wanted = if bytes.starts_with(b"P4") { 3 } else { 4 };
    while fields.len() < wanted {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'#') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if start == i {
            return Err(format!("{}: truncated header", path.display()));
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    let data = &bytes[i + 1..];
    let number = |s: &str| s.parse::<usize>().map_err(|e| format!("{s}: {e}"));
    let (width, height) = (number(&fields[1])?, number(&fields[2])?);
    let pixels = match fields[0].as_str() {
        "P4" => {
            let stride = width.div_ceil(8);
            if data.len() < stride * height {
                return Err(format!("{}: short PBM", path.display()));
            }
            (0..height)
                .flat_map(|y| {
                    (0..width).map(move |x| {
                        let bit = data[y * stride + x / 8] >> (7 - x % 8) & 1;
                        if bit == 1 { 0 } else { 255 }
                    })
                })
                .collect()
        }
        "P5" if fields[3] == "255" => {
            if data.len() < width * height {
                return Err(format!("{}: short PGM", path.display()));
            }
            data[..width * height].to_vec()
        }
        other => {
            return Err(format!(
                "{}: not a PBM or 8-bit PGM ({other})",
                path.display()
            ));
        }
    };
    Ok(Grey {
        width,
        height,
        pixels,
    })
}

/// A Code 128 symbol as the layout dump gives it: top left of its first bar in points,
/// module in dots, bar height in points, and the modules.
#[derive(Debug, Clone)]
pub struct Bars {
    pub x: f32,
    pub y: f32,
    pub module: usize,
    pub height: f32,
    pub modules: Vec<bool>,
}

/// A QR symbol as the layout dump gives it: its top-left module in points, the module in
/// dots, and its rows.
#[derive(Debug, Clone)]
pub struct Qr {
    pub x: f32,
    pub y: f32,
    pub module: usize,
    pub rows: Vec<Vec<bool>>,
}

/// One label of a layout dump: its page size in points, resolution and symbols.
#[derive(Debug, Clone)]
pub struct DumpedLabel {
    pub width: f32,
    pub height: f32,
    pub dpi: u32,
    pub bars: Bars,
    pub qr: Qr,
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

fn parse_f32(s: &str) -> f32 {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The labels of a golden layout dump, in order (a document's dump is its labels' dumps,
/// one after another).
pub fn parse_dump(dump: &str) -> Vec<DumpedLabel> {
    let lines: Vec<&str> = dump.lines().collect();
    let mut labels = Vec::new();
    let mut page = None;
    let mut bars = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let w = words(line);
        if line.starts_with("page ") {
            // page 288.00 x 432.00 pt, 203 dpi
            page = Some((
                parse_f32(w[1]),
                parse_f32(w[3]),
                w[5].parse::<u32>().expect("dpi"),
            ));
        } else if line.starts_with("code128 ") {
            // code128 X Y module M dots (PT) height H width W data "…", codewords, bars
            let modules = lines[i + 2].trim().chars().map(|c| c == '1').collect();
            bars = Some(Bars {
                x: parse_f32(w[1]),
                y: parse_f32(w[2]),
                module: w[4].parse().expect("module"),
                height: parse_f32(w[8]),
                modules,
            });
            i += 2;
        } else if line.starts_with("qr ") {
            // qr X Y module M dots (PT) NxN level L size S data "…", then N rows
            let n: usize = w[7]
                .split('x')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("n");
            let rows = lines[i + 1..i + 1 + n]
                .iter()
                .map(|row| row.trim().chars().map(|c| c == '#').collect())
                .collect();
            let (width, height, dpi) = page.expect("a page line first");
            labels.push(DumpedLabel {
                width,
                height,
                dpi,
                bars: bars.take().expect("the bars before the QR"),
                qr: Qr {
                    x: parse_f32(w[1]),
                    y: parse_f32(w[2]),
                    module: w[4].parse().expect("module"),
                    rows,
                },
            });
            i += n;
        }
        i += 1;
    }
    labels
}

/// Points to whole dots: the layout puts every symbol on the dot grid.
pub fn dots(pt: f32, dpi: u32) -> usize {
    (pt * dpi as f32 / 72.0).round() as usize
}

/// The dot at or before `pt`: where the library puts a label on a sheet.
pub fn snapped(pt: f32, dpi: u32) -> usize {
    (pt * dpi as f32 / 72.0 + 1e-3).floor() as usize
}

/// Every pixel of a symbol and its quiet zone that differs from the nominal symbol, for a
/// label whose top-left corner is at `origin` (points) on `page`: a list of differences,
/// one per symbol at most, empty when each bar, space and module prints at its exact width
/// and place.
pub fn off_nominal(page: &Grey, label: &DumpedLabel, origin: (f32, f32)) -> Vec<String> {
    let dpi = label.dpi;
    let mut found = Vec::new();
    let mut check = |what: &str,
                     (x0, y0): (usize, usize),
                     (w, h): (usize, usize),
                     dark: &dyn Fn(usize, usize) -> bool| {
        let mut count = 0;
        let mut first = None;
        for y in 0..h {
            for x in 0..w {
                let (px, py) = (x0 + x, y0 + y);
                let inside = px < page.width && py < page.height;
                if !inside || page.dark(px, py) != dark(x, y) {
                    count += 1;
                    first.get_or_insert((x, y));
                }
            }
        }
        if let Some((x, y)) = first {
            found.push(format!(
                "{what}: {count} of {} pixels differ, the first at ({x}, {y}) from its quiet \
                 zone's top-left corner",
                w * h
            ));
        }
    };
    // The bars, their 10-module quiet zones, and a dot above and below them.
    let b = &label.bars;
    let m = b.module;
    let left = snapped(origin.0, dpi) + dots(b.x, dpi) - 10 * m;
    let top = snapped(origin.1, dpi) + dots(b.y, dpi) - 1;
    let height = dots(b.height, dpi) + 2;
    let width = (b.modules.len() + 20) * m;
    check("code 128", (left, top), (width, height), &|x, y| {
        y > 0 && y + 1 < height && {
            let i = (x / m).checked_sub(10);
            i.is_some_and(|i| b.modules.get(i).copied().unwrap_or(false))
        }
    });
    // The QR and its 4-module quiet zone.
    let q = &label.qr;
    let m = q.module;
    let n = q.rows.len();
    let left = snapped(origin.0, dpi) + dots(q.x, dpi) - 4 * m;
    let top = snapped(origin.1, dpi) + dots(q.y, dpi) - 4 * m;
    let side = (n + 8) * m;
    check("qr", (left, top), (side, side), &|x, y| {
        let (col, row) = ((x / m).wrapping_sub(4), (y / m).wrapping_sub(4));
        row < n && col < n && q.rows[row][col]
    });
    found
}

/// Reads an 8-bit grey or 1-bit PNG, as pdftocairo writes them.
pub fn read_png(path: &Path) -> Result<Grey, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    png_pixels(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The pixels of an 8-bit grey or 1-bit PNG (1-bit pixels come out as 0 and 255).
pub fn png_pixels(bytes: &[u8]) -> Result<Grey, String> {
    let path = Path::new("the PNG");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| p[0])
        .collect::<Vec<u8>>();
    if pixels.len() != width * height {
        return Err(format!("{}: unexpected PNG layout", path.display()));
    }
    Ok(Grey {
        width,
        height,
        pixels,
    })
}

/// The box of dark pixels of `page` inside `(x0, y0)..(x1, y1)`, if any: `[left, top, right,
/// bottom]`, inclusive.
pub fn ink_box(page: &Grey, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> Option<[usize; 4]> {
    let mut found: Option<[usize; 4]> = None;
    for y in y0..y1.min(page.height) {
        for x in x0..x1.min(page.width) {
            if page.dark(x, y) {
                let b = found.get_or_insert([x, y, x, y]);
                *b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            }
        }
    }
    found
}

/// The text of the first `format` symbol rxing finds anywhere in `page`, trying every row
/// (ZXing's "try harder").
pub fn decode_hard(page: &Grey, format: rxing::BarcodeFormat) -> Result<String, String> {
    let mut hints = rxing::DecodeHints::default().with(rxing::DecodeHintValue::TryHarder(true));
    rxing::helpers::detect_in_luma_with_hints(
        page.pixels.clone(),
        page.width as u32,
        page.height as u32,
        Some(format),
        &mut hints,
    )
    .map(|r| r.getText().to_string())
    .map_err(|e| format!("{format:?}: {e:?}"))
}

/// Page `index` of `pdf` drawn by hayro (an independent PDF renderer) as 8-bit grey at
/// `dpi`, thresholded like a thermal head (no anti-aliasing); glyphs hinted or not.
pub fn hayro_page(pdf: &[u8], index: usize, dpi: f32, hinting: bool) -> Grey {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

    let pdf = Pdf::new(std::sync::Arc::new(pdf.to_vec())).expect("hayro parses the PDF");
    let pixmap_settings = PixmapSettings {
        x_scale: dpi / 72.0,
        y_scale: dpi / 72.0,
        bg_color: WHITE,
    };
    let render_settings = RenderSettings {
        aliasing_threshold: Some(128),
        hinting,
        ..Default::default()
    };
    let pages = pdf.pages();
    let page = pages.get(index).expect("the page exists");
    let pixmap = render(
        page,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &render_settings,
        &pixmap_settings,
    );
    Grey {
        width: usize::from(pixmap.width()),
        height: usize::from(pixmap.height()),
        pixels: pixmap
            .data_as_u8_slice()
            .chunks_exact(4)
            .map(|p| p[1])
            .collect(),
    }
}

/// Every text line of `laid_out` (at its own resolution, a pixel a dot) whose ink in
/// `theirs` is not within one dot of its ink in `ours`, both looked for in the line's box
/// widened by `pad` dots; each described as `what: "text": ink at … and …`. Blank lines
/// are skipped; a line with ink in neither image is apart too.
pub fn text_ink_apart(
    what: &str,
    laid_out: &shiplabel::LabelLayout,
    ours: &Grey,
    theirs: &Grey,
    pad: usize,
) -> Vec<String> {
    let k = laid_out.dpi().get() as f32 / 72.0;
    let mut apart = Vec::new();
    for element in laid_out.elements() {
        let shiplabel::Element::Text(line) = element else {
            continue;
        };
        if line.text().trim().is_empty() {
            continue;
        }
        let (above, below) = line.ink_extent();
        let area = (
            ((line.x().0 * k).floor() as usize).saturating_sub(pad),
            (((line.baseline().0 - above.0) * k).floor() as usize).saturating_sub(pad),
            ((line.x().0 + line.width().0) * k).ceil() as usize + pad,
            ((line.baseline().0 + below.0) * k).ceil() as usize + pad,
        );
        let (a, b) = (ink_box(ours, area), ink_box(theirs, area));
        let near = match (a, b) {
            (Some(a), Some(b)) => a.iter().zip(&b).all(|(p, q)| p.abs_diff(*q) <= 1),
            _ => false,
        };
        if !near {
            apart.push(format!(
                "{what}: {:?}: ink at {a:?} and at {b:?}",
                line.text()
            ));
        }
    }
    apart
}
