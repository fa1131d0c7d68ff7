//! Content streams: the drawing operators of a page, written straight into bytes.
//!
//! Each method appends one operator with its operands (PDF 32000-1, 8 and 9). Numbers are
//! written in fixed point without a formatter: a content stream is mostly numbers, and
//! formatting floats was the largest single cost of writing a label.

/// One page's (or one label's) drawing operators, each on a line of its own.
#[derive(Debug, Default, Clone)]
pub(crate) struct Content {
    buf: Vec<u8>,
}

/// Ten to the power of each number of decimal places [`push_number`] writes.
const POW10: [u64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/// The digits of 0 to 99, two each: digits are written a pair at a time.
const PAIRS: [u8; 200] = {
    let mut pairs = [0; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
};

/// Appends `value` rounded to `decimals` (at most 6) places, without trailing zeros: `12`,
/// `-0.5`, `431.998`.
pub(crate) fn push_number(buf: &mut Vec<u8>, value: f64, decimals: u32) {
    // Whole, half and quarter values (a barcode's bars and widths in dots, most rules and
    // sizes) need no rounding with two places or more: their digits are written at once.
    if decimals >= 2 && value.abs() < QUARTERS_BELOW {
        let quarters = value * 4.0;
        let whole_quarters = quarters as i64;
        if whole_quarters as f64 == quarters {
            push_quarters(buf, whole_quarters);
            return;
        }
    }
    let decimals = decimals.min(6) as usize;
    let unit = POW10[decimals];
    let scaled = value * unit as f64;
    // Coordinates on a page are far inside 15 digits; anything that rounds to more, NaN or
    // an infinity is a bug upstream, and 0 keeps the stream valid. Rounded half away from
    // zero as `f64::round` does, without its library call: the part after the point is
    // exact.
    let scaled = if scaled.abs() < 999_999_999_999_999.5 {
        let whole = scaled as i64;
        let rest = scaled - whole as f64;
        whole + i64::from(rest >= 0.5) - i64::from(rest <= -0.5)
    } else {
        0
    };
    let magnitude = scaled.unsigned_abs();
    let (whole, mut fraction) = match decimals {
        0 => (magnitude, 0),
        1 => split::<10>(magnitude),
        2 => split::<100>(magnitude),
        3 => split::<1_000>(magnitude),
        4 => split::<10_000>(magnitude),
        5 => split::<100_000>(magnitude),
        _ => split::<1_000_000>(magnitude),
    };
    // The places the fraction keeps: its trailing zeros are not written.
    let mut places = if fraction == 0 { 0 } else { decimals };
    while places > 0 && fraction % 10 == 0 {
        fraction /= 10;
        places -= 1;
    }
    if scaled < 0 {
        buf.push(b'-');
    }
    push_integer(buf, whole);
    if places > 0 {
        buf.push(b'.');
        push_fraction(buf, fraction, places);
    }
}

/// Appends the `places` digits of `fraction` (below 10^`places`, at most 6 places), leading
/// zeros too, each length appended as one of its own (see [`push_integer`]).
fn push_fraction(buf: &mut Vec<u8>, fraction: u64, places: usize) {
    let mut digits = [b'0'; 6];
    let end = places.min(digits.len());
    put_digits(&mut digits, end, fraction, end);
    match end {
        1 => buf.push(digits[0]),
        2 => buf.extend_from_slice(&digits[..2]),
        3 => buf.extend_from_slice(&digits[..3]),
        4 => buf.extend_from_slice(&digits[..4]),
        5 => buf.extend_from_slice(&digits[..5]),
        6 => buf.extend_from_slice(&digits),
        _ => {}
    }
}

/// Below this, a value in quarters is far inside what [`push_number`] writes (rounded to 6
/// places, under 10^15).
const QUARTERS_BELOW: f64 = 1e8;

/// Appends `quarters` / 4 in decimal, without trailing zeros: `-3` is `-0.75`.
fn push_quarters(buf: &mut Vec<u8>, quarters: i64) {
    if quarters < 0 {
        buf.push(b'-');
    }
    let magnitude = quarters.unsigned_abs();
    push_integer(buf, magnitude >> 2);
    match magnitude & 3 {
        1 => buf.extend_from_slice(b".25"),
        2 => buf.extend_from_slice(b".5"),
        3 => buf.extend_from_slice(b".75"),
        _ => {}
    }
}

/// `value` divided by `UNIT`, and the remainder: by a constant, which compiles to
/// multiplications where a division by a variable takes tens of cycles.
fn split<const UNIT: u64>(value: u64) -> (u64, u64) {
    (value / UNIT, value % UNIT)
}

/// Writes `value` in decimal, at least `least` digits (leading zeros then), into `digits`
/// ending before index `end` (which has room for them), two at a time while two or more are
/// left to write; returns the index of the first.
fn put_digits<const N: usize>(
    digits: &mut [u8; N],
    end: usize,
    mut value: u64,
    least: usize,
) -> usize {
    let mut at = end;
    while value >= 10 || end - at + 1 < least {
        let pair = 2 * (value % 100) as usize;
        value /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    // One more digit, unless the pairs wrote every digit asked for and the value is used up.
    if value > 0 || end - at < least.max(1) {
        at -= 1;
        digits[at] = b'0' + value as u8;
    }
    at
}

/// Appends a non-negative integer in decimal.
pub(crate) fn push_integer(buf: &mut Vec<u8>, value: u64) {
    // Up to four digits (a bar's place in dots, a font size, most object numbers) as an
    // array of its length, which is copied in a move or two: a slice of a length known only
    // when running is copied by a call to the library's `memcpy`, much of the cost of a
    // short number.
    let pair = |n: u64| {
        let at = 2 * (n % 100) as usize;
        [PAIRS[at], PAIRS[at + 1]]
    };
    match value {
        0..=9 => return buf.push(b'0' + value as u8),
        10..=99 => return buf.extend_from_slice(&pair(value)),
        100..=999 => {
            let [tens, units] = pair(value);
            return buf.extend_from_slice(&[b'0' + (value / 100) as u8, tens, units]);
        }
        1000..=9999 => {
            let ([a, b], [c, d]) = (pair(value / 100), pair(value));
            return buf.extend_from_slice(&[a, b, c, d]);
        }
        _ => {}
    }
    let mut digits = [0u8; 24];
    let at = put_digits(&mut digits, 24, value, 1);
    buf.extend_from_slice(&digits[at..]);
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `bytes` as hex digits (no brackets).
pub(crate) fn push_hex(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.reserve(2 * bytes.len());
    for &byte in bytes {
        buf.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
    }
}

/// Appends `text` as a PDF text string: a hex string of UTF-16BE with a byte order mark.
pub(crate) fn push_text_string(buf: &mut Vec<u8>, text: &str) {
    buf.extend_from_slice(b"<FEFF");
    for unit in text.encode_utf16() {
        push_hex(buf, &unit.to_be_bytes());
    }
    buf.push(b'>');
}

/// Decimal places of a coordinate: a thousandth of a point is far finer than any printer.
const COORDINATE: u32 = 3;
/// Decimal places of a scale factor (a module's width), whose error multiplies across a
/// symbol.
const SCALE: u32 = 6;

impl Content {
    /// Empty, with room for `bytes` of operators (a 4 × 6 label's are about 3.3 KB): the
    /// buffer then seldom grows while a page is drawn.
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Content {
            buf: Vec::with_capacity(bytes),
        }
    }

    /// The operators, taken.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// Appends operators written elsewhere (a label's, onto a sheet).
    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    fn number(&mut self, value: f32) {
        push_number(&mut self.buf, f64::from(value), COORDINATE);
    }

    fn op(&mut self, operator: &[u8]) {
        self.buf.extend_from_slice(operator);
        self.buf.push(b'\n');
    }

    /// `g`: the fill colour, as a grey level (0 is black).
    pub(crate) fn fill_grey(&mut self, level: f32) {
        self.number(level);
        self.op(b" g");
    }

    /// `re`: a rectangle added to the path.
    pub(crate) fn rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        for v in [x, y, width, height] {
            self.number(v);
            self.buf.push(b' ');
        }
        self.op(b"re");
    }

    /// Fills each `(x, y, width, height)` of `cells` as a path of its own (`re` then `f`).
    ///
    /// Cells in a row that share their `y` and `height` (every bar of a barcode) are drawn as
    /// one band: a `cm` moves to the first cell's `x` and maps the unit height onto theirs
    /// (`1 0 0 height x y cm`, inside `q` and `Q`), and each cell is then only its `x` from
    /// there and its width (`x 0 width 1 re`): a barcode's bars then stand at whole dots
    /// from the first. The same shapes in fewer bytes: a bar's 27 became about 16.
    pub(crate) fn fill_rects(&mut self, cells: &[(f32, f32, f32, f32)]) {
        // NaN (a bug upstream, written as 0) never equals itself: compare the bits. (A NaN
        // first x puts every cell of its band at 0.)
        let band_of = |&(_, y, _, height): &(f32, f32, f32, f32)| (y.to_bits(), height.to_bits());
        for band in cells.chunk_by(|a, b| band_of(a) == band_of(b)) {
            let Some(&(left, y, _, height)) = band.first() else {
                continue;
            };
            self.save();
            self.transform((1.0, f64::from(height)), (left, y));
            for &(x, _, width, _) in band {
                self.number(x - left);
                self.buf.extend_from_slice(b" 0 ");
                self.number(width);
                self.buf.extend_from_slice(b" 1 re\nf\n");
            }
            self.restore();
        }
    }

    /// `f`: fills the path (non-zero winding).
    pub(crate) fn fill(&mut self) {
        self.op(b"f");
    }

    /// `q`: saves the graphics state.
    pub(crate) fn save(&mut self) {
        self.op(b"q");
    }

    /// `Q`: restores it.
    pub(crate) fn restore(&mut self) {
        self.op(b"Q");
    }

    /// `cm`: a scale and a move, `[sx 0 0 sy x y]`. The scales keep six decimals: a bar's
    /// width multiplies across the symbol.
    pub(crate) fn transform(&mut self, (sx, sy): (f64, f64), (x, y): (f32, f32)) {
        push_number(&mut self.buf, sx, SCALE);
        self.buf.extend_from_slice(b" 0 0 ");
        push_number(&mut self.buf, sy, SCALE);
        self.buf.push(b' ');
        self.number(x);
        self.buf.push(b' ');
        self.number(y);
        self.op(b" cm");
    }

    /// `BI … ID … EI`: an inline image mask (PDF 32000-1, 8.9.6.2 and 8.9.7) of `width` ×
    /// `height` samples filling the unit square, its first row at the top: each row's bits
    /// packed from the most significant bit of `rows`' bytes, padded to a whole byte, 1
    /// painting the fill colour. The samples are written in hexadecimal (`/F /AHx`): the
    /// content stream is compressed anyway, and the data then ends at its filter's own `>`,
    /// which every reader finds without guessing where binary data might end.
    pub(crate) fn image_mask(&mut self, width: usize, height: usize, rows: &[u8]) {
        self.buf.extend_from_slice(b"BI /W ");
        push_integer(&mut self.buf, width as u64);
        self.buf.extend_from_slice(b" /H ");
        push_integer(&mut self.buf, height as u64);
        self.buf
            .extend_from_slice(b" /IM true /BPC 1 /D [1 0] /F /AHx ID\n");
        push_hex(&mut self.buf, rows);
        self.op(b">\nEI");
    }

    /// `Do`: paints the form XObject `/name` of the resources.
    pub(crate) fn paint_form(&mut self, name: &str) {
        self.buf.push(b'/');
        self.buf.extend_from_slice(name.as_bytes());
        self.op(b" Do");
    }

    /// `BT`.
    pub(crate) fn begin_text(&mut self) {
        self.op(b"BT");
    }

    /// `ET`.
    pub(crate) fn end_text(&mut self) {
        self.op(b"ET");
    }

    /// `Tf`: the font resource `/F{index}` at `size` points.
    pub(crate) fn font(&mut self, index: usize, size: f32) {
        self.buf.extend_from_slice(b"/F");
        push_integer(&mut self.buf, index as u64);
        self.buf.push(b' ');
        self.number(size);
        self.op(b" Tf");
    }

    /// Operators written out before (by another `Content`), as they are.
    pub(crate) fn raw(&mut self, operators: &[u8]) {
        self.buf.extend_from_slice(operators);
    }

    /// `Tm`: the text matrix, a move to `x`, `y`.
    pub(crate) fn text_at(&mut self, x: f32, y: f32) {
        self.buf.extend_from_slice(b"1 0 0 1 ");
        self.number(x);
        self.buf.push(b' ');
        self.number(y);
        self.op(b" Tm");
    }

    /// `Tr`: the text rendering mode (0 fill, 2 fill and stroke).
    pub(crate) fn render_mode(&mut self, mode: u8) {
        push_integer(&mut self.buf, u64::from(mode));
        self.op(b" Tr");
    }

    /// `w`: the line width.
    pub(crate) fn line_width(&mut self, width: f32) {
        self.number(width);
        self.op(b" w");
    }

    /// `TJ`: shows two-byte codes, each with the adjustment after it in thousandths of an em
    /// (positive moves left; the last one's is not written); `Tj` when there is none.
    pub(crate) fn show(&mut self, glyphs: &[(u16, f32)]) {
        if glyphs[..glyphs.len().saturating_sub(1)]
            .iter()
            .all(|&(_, adjust)| adjust == 0.0)
        {
            self.buf.push(b'<');
            for &(code, _) in glyphs {
                push_hex(&mut self.buf, &code.to_be_bytes());
            }
            self.op(b"> Tj");
            return;
        }
        self.buf.push(b'[');
        let mut open = false;
        for (i, &(code, adjust)) in glyphs.iter().enumerate() {
            if !open {
                self.buf.push(b'<');
                open = true;
            }
            push_hex(&mut self.buf, &code.to_be_bytes());
            if adjust != 0.0 && i + 1 < glyphs.len() {
                self.buf.push(b'>');
                open = false;
                self.number(adjust);
            }
        }
        if open {
            self.buf.push(b'>');
        }
        self.op(b"] TJ");
    }

    /// `BDC`: opens a `/Span` whose text, for copying and extraction, is `text`
    /// (`/ActualText`, PDF 32000-1, 14.9.4).
    pub(crate) fn begin_actual_text(&mut self, text: &str) {
        self.buf.extend_from_slice(b"/Span<</ActualText");
        push_text_string(&mut self.buf, text);
        self.op(b">> BDC");
    }

    /// `EMC`: closes the span.
    pub(crate) fn end_marked(&mut self) {
        self.op(b"EMC");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f64, decimals: u32) -> String {
        let mut buf = Vec::new();
        push_number(&mut buf, v, decimals);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn integers_are_appended_in_decimal() {
        let mut values: Vec<u64> = (0..=12_000).collect();
        let mut power = 10u64;
        while let Some(next) = power.checked_mul(10) {
            values.extend([power - 1, power, power + 1]);
            power = next;
        }
        values.push(u64::MAX);
        for value in values {
            let mut buf = b"x ".to_vec();
            push_integer(&mut buf, value);
            assert_eq!(buf, format!("x {value}").as_bytes(), "{value}");
        }
    }

    #[test]
    fn hex_is_two_capital_digits_a_byte_appended() {
        let bytes: Vec<u8> = (0..=255).collect();
        let mut buf = b"<".to_vec();
        push_hex(&mut buf, &bytes);
        let expected: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(buf, [b"<", expected.as_bytes()].concat());
        let mut empty = Vec::new();
        push_hex(&mut empty, &[]);
        assert!(empty.is_empty());
    }

    #[test]
    fn filled_rects_are_drawn_in_bands_a_path_each() {
        // Bands shared and not, a band that comes back, NaN (written as 0).
        let cells = [
            (0.25, 0.25, 3.5, 207.5),
            (8.25, 0.25, 7.5, 207.5),
            (40.25, 1.0, 3.5, 207.5),
            (44.0, 1.0, 3.5, 100.0),
            (48.0, 0.25, 3.5, 207.5),
            (56.0, f32::NAN, 3.5, f32::NAN),
            (60.0, f32::NAN, 3.5, f32::NAN),
        ];
        let mut c = Content::default();
        c.fill_rects(&cells);
        assert_eq!(
            String::from_utf8(c.into_bytes()).unwrap(),
            "q\n1 0 0 207.5 0.25 0.25 cm\n0 0 3.5 1 re\nf\n8 0 7.5 1 re\nf\nQ\n\
             q\n1 0 0 207.5 40.25 1 cm\n0 0 3.5 1 re\nf\nQ\n\
             q\n1 0 0 100 44 1 cm\n0 0 3.5 1 re\nf\nQ\n\
             q\n1 0 0 207.5 48 0.25 cm\n0 0 3.5 1 re\nf\nQ\n\
             q\n1 0 0 0 56 0 cm\n0 0 3.5 1 re\nf\n4 0 3.5 1 re\nf\nQ\n"
        );
        let mut none = Content::default();
        none.fill_rects(&[]);
        assert!(none.into_bytes().is_empty());
    }

    #[test]
    fn numbers_are_fixed_point_without_trailing_zeros() {
        assert_eq!(number(0.0, 3), "0");
        assert_eq!(number(12.0, 3), "12");
        assert_eq!(number(-0.5, 3), "-0.5");
        assert_eq!(number(431.998_04, 3), "431.998");
        assert_eq!(number(0.0004, 3), "0");
        assert_eq!(number(-0.0004, 3), "0");
        assert_eq!(number(1.05, 3), "1.05");
        assert_eq!(number(0.007, 3), "0.007");
        assert_eq!(number(1.773_399, 6), "1.773399");
        assert_eq!(number(1_234_567.0, 3), "1234567");
        assert_eq!(number(f64::NAN, 3), "0");
        assert_eq!(number(f64::INFINITY, 3), "0");
    }

    #[test]
    fn numbers_have_the_digits_of_their_rounded_value() {
        // Written with the formatter from the same rounded integer: the digits, the point
        // and the sign are ours to get right.
        let reference = |value: f64, decimals: u32| {
            let scaled = (value * 10f64.powi(decimals as i32)).round() as i64;
            let scale = 10_u64.pow(decimals);
            let (whole, fraction) = (scaled.unsigned_abs() / scale, scaled.unsigned_abs() % scale);
            let mut s = format!(
                "{}{whole}.{fraction:0width$}",
                if scaled < 0 { "-" } else { "" },
                width = decimals as usize
            );
            while s.ends_with('0') && s.contains('.') {
                s.pop();
            }
            s.trim_end_matches('.').to_owned()
        };
        // Out of range (rounded to 10^15 or more, NaN, infinite): 0. Decimals past 6: 6.
        assert_eq!(number(999_999_999_999_999.6, 0), "0");
        assert_eq!(number(-999_999_999_999_999.5, 0), "0");
        assert_eq!(number(999_999_999_999_999.4, 0), "999999999999999");
        assert_eq!(number(-999_999_999.999_9, 6), "-999999999.9999");
        assert_eq!(number(f64::NEG_INFINITY, 3), "0");
        assert_eq!(number(-0.0, 3), "0");
        assert_eq!(number(1.234_567_89, 9), "1.234568");
        for half in [0.5, 1.5, -0.5, -2.5, 0.0005, -0.0015, 431.9985, 12_345.5] {
            for decimals in 0..=6 {
                assert_eq!(number(half, decimals), reference(half, decimals), "{half}");
            }
        }
        // Quarters, written at once: every one from -1,000 to 1,000, and far ones.
        for quarters in (-4000..=4000).chain([399_999_999, -399_999_999, 400_000_001]) {
            let value = f64::from(quarters) / 4.0;
            for decimals in 0..=7 {
                assert_eq!(
                    number(value, decimals),
                    reference(value, decimals.min(6)),
                    "{value} to {decimals}"
                );
            }
        }
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for i in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Magnitudes from thousandths to millions, both signs.
            let value = (state % 2_000_000_000) as f64 / 1000.0 / 10f64.powi(i % 4)
                * if state & 1 == 0 { 1.0 } else { -1.0 };
            for decimals in 0..=6 {
                assert_eq!(
                    number(value, decimals),
                    reference(value, decimals),
                    "{value} to {decimals}"
                );
            }
        }
    }

    #[test]
    fn operators_are_written_with_their_operands() {
        let mut c = Content::default();
        c.fill_grey(0.0);
        c.save();
        c.transform((5.0 * 72.0 / 203.0, 67.74), (44.69, 0.0));
        c.rect(0.0, 0.0, 2.0, 1.0);
        c.rect(3.0, 0.0, 1.0, 1.0);
        c.fill();
        c.restore();
        c.image_mask(10, 2, &[0b1010_0000, 0b0100_0000, 0xFF, 0xC0]);
        c.begin_text();
        c.font(2, 9.0);
        c.text_at(10.0, 405.49);
        c.show(&[(0x24, 0.0), (0x25, 0.0)]);
        c.show(&[(0x24, 12.0), (0x25, 0.0), (0x26, -3.5), (0x27, 5.0)]);
        c.render_mode(2);
        c.line_width(0.315);
        c.begin_actual_text("(a)");
        c.end_marked();
        c.end_text();
        assert_eq!(
            String::from_utf8(c.into_bytes()).unwrap(),
            "0 g\nq\n1.773399 0 0 67.74 44.69 0 cm\n0 0 2 1 re\n3 0 1 1 re\nf\nQ\n\
             BI /W 10 /H 2 /IM true /BPC 1 /D [1 0] /F /AHx ID\nA040FFC0>\nEI\nBT\n\
             /F2 9 Tf\n1 0 0 1 10 405.49 Tm\n<00240025> Tj\n[<0024>12<00250026>-3.5<0027>] TJ\n\
             2 Tr\n0.315 w\n/Span<</ActualText<FEFF002800610029>>> BDC\nEMC\nET\n"
        );
    }
}
