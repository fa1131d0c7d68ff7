//! QR code (ISO/IEC 18004) as a square grid of modules, at error correction level M or Q.

use qrcode::bits::{Bits, encode_auto};
use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{EcLevel, Version};
use std::sync::OnceLock;

use super::qr_ec;
use crate::bits::pack_word_rows;

/// The quiet zone a QR symbol needs on every side, in modules.
pub(crate) const QR_QUIET_MODULES: usize = 4;

/// The ECI assignment number of UTF-8.
const ECI_UTF8: u32 = 26;

/// The error correction levels a label uses: M recovers about 15 % of the symbol, Q about
/// 25 % (a scuffed or creased label still reads).
///
/// ```
/// assert_eq!(shiplabel::QrLevel::Q.letter(), 'Q');
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum QrLevel {
    /// About 15 % of the symbol can be lost.
    M,
    /// About 25 % of the symbol can be lost.
    Q,
}

impl QrLevel {
    fn ec(self) -> EcLevel {
        match self {
            QrLevel::M => EcLevel::M,
            QrLevel::Q => EcLevel::Q,
        }
    }

    /// The level's two bits in the format information (ISO/IEC 18004, table 12).
    fn format_bits(self) -> u16 {
        match self {
            QrLevel::M => 0b00,
            QrLevel::Q => 0b11,
        }
    }

    /// The letter the standard names it by.
    ///
    /// ```
    /// assert_eq!(shiplabel::QrLevel::M.letter(), 'M');
    /// ```
    pub fn letter(self) -> char {
        match self {
            QrLevel::M => 'M',
            QrLevel::Q => 'Q',
        }
    }
}

/// A QR symbol: `width × width` modules, row by row. No quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QrMatrix {
    width: usize,
    level: QrLevel,
    /// The rows, each [`QrMatrix::stride`] words: bit `x % 64` of word `x / 64` is column
    /// `x`, set where the module is dark (the mask search's own layout, so the chosen
    /// symbol is kept as it was scored).
    words: Vec<u64>,
}

impl QrMatrix {
    /// A symbol of up to 64 modules a side, a word per row.
    fn from_rows(width: usize, level: QrLevel, rows: Vec<u64>) -> Self {
        debug_assert!(width <= 64 && rows.len() == width);
        QrMatrix {
            width,
            level,
            words: rows,
        }
    }

    /// A symbol of any width from its modules, row by row, `true` = dark.
    fn from_modules(width: usize, level: QrLevel, modules: &[bool]) -> Self {
        let stride = width.div_ceil(64);
        let mut words = vec![0u64; stride * width];
        for (row, modules) in modules.chunks(width.max(1)).take(width).enumerate() {
            for (x, &dark) in modules.iter().enumerate() {
                words[row * stride + x / 64] |= u64::from(dark) << (x % 64);
            }
        }
        QrMatrix {
            width,
            level,
            words,
        }
    }

    /// Words per row.
    fn stride(&self) -> usize {
        self.width.div_ceil(64)
    }

    /// The error correction level it was encoded at.
    pub(crate) fn level(&self) -> QrLevel {
        self.level
    }

    /// Modules per side (21 for version 1, +4 per version).
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark (`false` outside the symbol).
    pub(crate) fn dark(&self, x: usize, y: usize) -> bool {
        x < self.width
            && y < self.width
            && self
                .words
                .get(y * self.stride() + x / 64)
                .is_some_and(|word| word >> (x % 64) & 1 == 1)
    }

    /// The rows as 1-bit image rows ([`crate::bits`]): the first module of a row in the
    /// most significant bit of its first byte, a set bit dark.
    pub(crate) fn packed_rows(&self) -> Vec<u8> {
        pack_word_rows(self.width, self.words.chunks(self.stride().max(1)))
    }
}

/// Why a payload could not become a QR symbol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum QrError {
    /// More data than a version-40 symbol at the level holds.
    #[error("{len} bytes do not fit in a QR code at error correction level {}", level.letter())]
    TooLong { len: usize, level: QrLevel },
}

/// Encodes `payload` at error correction `level` in the smallest version that holds it.
///
/// ASCII payloads use the most compact segments (numeric, alphanumeric, byte). Anything
/// else is one byte segment of UTF-8 preceded by an ECI designator for UTF-8, so scanners do
/// not guess ISO-8859-1.
pub(crate) fn encode_qr(payload: &str, level: QrLevel) -> Result<QrMatrix, QrError> {
    let too_long = || QrError::TooLong {
        len: payload.len(),
        level,
    };
    let bits = if payload.is_ascii() {
        encode_auto(payload.as_bytes(), level.ec()).map_err(|_| too_long())?
    } else {
        (1..=40)
            .find_map(|v| utf8_bits(payload.as_bytes(), Version::Normal(v), level))
            .ok_or_else(too_long)?
    };
    with_best_mask(bits, level).ok_or_else(too_long)
}

/// The eight mask patterns, in the order ISO/IEC 18004 numbers them (000 to 111): on equal
/// penalties the first wins, as in the qrcode crate.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The symbol for `bits`, with the mask of lowest penalty.
///
/// Any of the eight masks gives a valid symbol; the penalty picks the most readable one.
/// The qrcode crate scores each candidate module by module through its canvas (about
/// 0.4 ms for a version-4 symbol). Here the unmasked symbol is read once into a word per
/// row; each mask is then a few word operations per row plus its format information, and
/// [`penalty`] scores the same rules on the words, so the choice, and so the symbol, is the
/// same at a fraction of the cost. Symbols wider than a word (version 12 and up, far more
/// than a label's payload) go through the canvas.
fn with_best_mask(bits: Bits, level: QrLevel) -> Option<QrMatrix> {
    let version = bits.version();
    let data = bits.into_bytes();
    let width = usize::try_from(version.width()).ok()?;
    let Some((frame, number)) = Frame::get(version) else {
        let (codewords, ec) = qrcode::ec::construct_codewords(&data, version, level.ec()).ok()?;
        let mut canvas = Canvas::new(version, level.ec());
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&codewords, &ec);
        return with_best_mask_on_canvas(&canvas, width, level);
    };
    let (codewords, ec) = qr_ec::codewords(&data, number, level)?;
    // The function patterns from the frame; the data placed on the words.
    let data = place_data(&frame.order, width, codewords.iter().chain(&ec).copied());
    let mut dark = [0u64; 64];
    for ((row, f), d) in dark.iter_mut().zip(&frame.dark).zip(data) {
        *row = f | d;
    }
    // Each mask in turn into `candidate`, the lowest score so far kept in `best` (on equal
    // scores the first).
    let (mut best, mut candidate) = ([0u64; 64], [0u64; 64]);
    let mut lowest = None;
    for index in 0..MASKS.len() {
        let rows = &mut candidate[..width];
        masked_rows(&dark[..width], &frame.maskable, width, index, level, rows);
        if let Some(score) = penalty_below(rows, width, lowest.unwrap_or(u32::MAX)) {
            lowest = Some(score);
            std::mem::swap(&mut best, &mut candidate);
        }
    }
    lowest?;
    Some(QrMatrix::from_rows(width, level, best[..width].to_vec()))
}

/// The unmasked symbol as words per row (bit `x` is column `x`): its dark modules, and the
/// modules a mask flips (data and error correction; the rest are function patterns).
fn unmasked_rows(canvas: &Canvas, width: usize) -> (Vec<u64>, Vec<u64>) {
    let mut dark = vec![0u64; width];
    let mut maskable = vec![0u64; width];
    for (y, (dark_row, mask_row)) in dark.iter_mut().zip(&mut maskable).enumerate() {
        for x in 0..width {
            let module = canvas.get(x as i16, y as i16);
            if module.is_dark() {
                *dark_row |= 1 << x;
            }
            if !matches!(module, Module::Masked(_)) {
                *mask_row |= 1 << x;
            }
        }
    }
    (dark, maskable)
}

/// A symbol of one version up to 64 modules wide before its data: the words of its function
/// patterns and where its data goes, worked out once per process (from the qrcode crate's
/// canvas) for every symbol of that size. The error correction level changes none of it:
/// the format information, which says the level, is drawn over the frame's reserved
/// modules with each mask ([`draw_format_info`]).
#[derive(Debug)]
struct Frame {
    /// The function patterns' dark modules, a word per row (bit `x` is column `x`).
    dark: Vec<u64>,
    /// The modules a mask flips (data and error correction), a word per row.
    maskable: Vec<u64>,
    /// The data modules, as (row, column), in the order the codewords' bits fill them.
    order: Vec<(u8, u8)>,
}

// The widest frame fits a word: 17 modules and 4 a version; its codewords are worked out
// here too.
const _: () = assert!(17 + 4 * Frame::VERSIONS <= 64);
const _: () = assert!(Frame::VERSIONS == qr_ec::VERSIONS);

impl Frame {
    /// Versions up to 64 modules wide: 1 to 11 (61 modules; version 12 is 65).
    const VERSIONS: usize = 11;

    /// The frame of `version`, and the version's number; `None` for symbols wider than a
    /// word.
    fn get(version: Version) -> Option<(&'static Frame, usize)> {
        static FRAMES: [OnceLock<Frame>; Frame::VERSIONS] =
            [const { OnceLock::new() }; Frame::VERSIONS];
        let Version::Normal(number) = version else {
            return None;
        };
        let number = usize::try_from(number).ok()?;
        let frame = FRAMES.get(number.checked_sub(1)?)?;
        Some((frame.get_or_init(|| Frame::build(version)), number))
    }

    fn build(version: Version) -> Frame {
        // The canvas reads its level only for Micro QR symbols.
        let mut canvas = Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        let width = usize::try_from(version.width()).unwrap_or(0).min(64);
        let (dark, maskable) = unmasked_rows(&canvas, width);
        let order = placement_order(&maskable, width);
        Frame {
            dark,
            maskable,
            order,
        }
    }
}

/// The data modules (`maskable`, a word per row) in the order ISO/IEC 18004 (7.7.3) fills
/// them: in two-module columns from the right, up then down in turn, the vertical timing
/// pattern's column passed over, the right module of each pair first.
fn placement_order(maskable: &[u64], width: usize) -> Vec<(u8, u8)> {
    let mut order = Vec::new();
    let mut right = width;
    let mut upward = true;
    while right >= 2 {
        // The pair's right column; the timing column (6) is skipped.
        let column = if right - 1 == 6 { 5 } else { right - 1 };
        for i in 0..width {
            let y = if upward { width - 1 - i } else { i };
            for x in [column, column - 1] {
                if maskable[y] >> x & 1 == 1 {
                    // Both below 64: the frame is at most a word wide.
                    order.push((y as u8, x as u8));
                }
            }
        }
        upward = !upward;
        right = column - 1;
    }
    order
}

/// The dark modules of `codewords` placed in the data modules, `order` being where their
/// bits go, each codeword's most significant first; modules left over are light (the
/// remainder bits).
fn place_data(order: &[(u8, u8)], width: usize, codewords: impl Iterator<Item = u8>) -> Vec<u64> {
    let mut dark = vec![0u64; width];
    for (places, byte) in order.chunks(8).zip(codewords) {
        // Only the set bits are visited: bit `7 - i` goes to place `i`.
        let mut bits = byte;
        while bits != 0 {
            let i = bits.leading_zeros() as usize;
            bits &= !(0x80 >> i);
            if let Some(&(y, x)) = places.get(i)
                && let Some(row) = dark.get_mut(usize::from(y))
            {
                *row |= 1 << x;
            }
        }
    }
    dark
}

/// The symbol with mask `MASKS[index]` and its format information, as words per row, into
/// `rows` (a word for each of `dark`'s).
fn masked_rows(
    dark: &[u64],
    maskable: &[u64],
    width: usize,
    index: usize,
    level: QrLevel,
    rows: &mut [u64],
) {
    let index = index % MASKS.len();
    let pattern = &mask_patterns()[index];
    // `maskable` has no bit beyond the symbol's width, so neither has the flipped part.
    for (y, (row, (&d, &m))) in rows.iter_mut().zip(dark.iter().zip(maskable)).enumerate() {
        *row = d ^ (pattern[y % 12] & m);
    }
    draw_format_info(rows, width, format_info(level, index));
}

/// The modules each of [`MASKS`] flips, a word per row for twelve rows, worked out once per
/// process. Every mask repeats after 6 columns and 12 rows (periods 2, 3, 4 and 6): each
/// row of a pattern is its first six columns, doubled until the word is full, and row `y`
/// of a symbol is flipped as row `y % 12`.
fn mask_patterns() -> &'static [[u64; 12]; MASKS.len()] {
    static PATTERNS: OnceLock<[[u64; 12]; MASKS.len()]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        MASKS.map(|mask| {
            std::array::from_fn(|y| {
                let mut row = (0..6)
                    .filter(|&x| flips(mask, x, y))
                    .fold(0u64, |row, x| row | 1 << x);
                let mut period = 6;
                while period < 64 {
                    row |= row << period;
                    period *= 2;
                }
                row
            })
        })
    })
}

/// Whether `mask` flips the module at column `x`, row `y` (ISO/IEC 18004, table 10).
fn flips(mask: MaskPattern, x: usize, y: usize) -> bool {
    match mask {
        MaskPattern::Checkerboard => (x + y).is_multiple_of(2),
        MaskPattern::HorizontalLines => y.is_multiple_of(2),
        MaskPattern::VerticalLines => x.is_multiple_of(3),
        MaskPattern::DiagonalLines => (x + y).is_multiple_of(3),
        MaskPattern::LargeCheckerboard => (y / 2 + x / 3).is_multiple_of(2),
        MaskPattern::Fields => (x * y) % 2 + (x * y) % 3 == 0,
        MaskPattern::Diamonds => ((x * y) % 2 + (x * y) % 3).is_multiple_of(2),
        MaskPattern::Meadow => ((x + y) % 2 + (x * y) % 3).is_multiple_of(2),
    }
}

/// The 15 format information bits of `level` with mask `MASKS[mask]`: the level's two bits
/// and the mask's three, BCH (15, 5) coded with the generator x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1
/// and XORed with 101010000010010 (ISO/IEC 18004, 7.9 and annex C).
fn format_info(level: QrLevel, mask: usize) -> u16 {
    const GENERATOR: u16 = 0b101_0011_0111;
    let data = (level.format_bits() << 3) | (mask as u16 & 0b111);
    let mut remainder = data << 10;
    for bit in (10..15).rev() {
        if remainder >> bit & 1 == 1 {
            remainder ^= GENERATOR << (bit - 10);
        }
    }
    ((data << 10) | remainder) ^ 0b101_0100_0001_0010
}

/// Places the format information, most significant bit first, around the top-left finder
/// pattern and again split between the other two, and the dark module beside the
/// bottom-left finder (ISO/IEC 18004, 7.9.1, figure 25). Negative coordinates count from
/// the far edge.
fn draw_format_info(rows: &mut [u64], width: usize, format: u16) {
    const AROUND_TOP_LEFT: [(i16, i16); 15] = [
        (0, 8),
        (1, 8),
        (2, 8),
        (3, 8),
        (4, 8),
        (5, 8),
        (7, 8),
        (8, 8),
        (8, 7),
        (8, 5),
        (8, 4),
        (8, 3),
        (8, 2),
        (8, 1),
        (8, 0),
    ];
    const SPLIT: [(i16, i16); 15] = [
        (8, -1),
        (8, -2),
        (8, -3),
        (8, -4),
        (8, -5),
        (8, -6),
        (8, -7),
        (-8, 8),
        (-7, 8),
        (-6, 8),
        (-5, 8),
        (-4, 8),
        (-3, 8),
        (-2, 8),
        (-1, 8),
    ];
    let at = |v: i16| if v < 0 { width as i16 + v } else { v } as usize;
    let mut set = |x: i16, y: i16, dark: bool| {
        if let Some(row) = rows.get_mut(at(y)) {
            let bit = 1u64 << at(x);
            *row = if dark { *row | bit } else { *row & !bit };
        }
    };
    for coords in [AROUND_TOP_LEFT, SPLIT] {
        for (i, (x, y)) in coords.into_iter().enumerate() {
            set(x, y, format >> (14 - i) & 1 == 1);
        }
    }
    set(8, -8, true);
}

/// [`with_best_mask`] through the qrcode crate's canvas, for any width.
fn with_best_mask_on_canvas(canvas: &Canvas, width: usize, level: QrLevel) -> Option<QrMatrix> {
    let mut best: Option<(u32, Vec<bool>)> = None;
    for mask in MASKS {
        let mut candidate = canvas.clone();
        candidate.apply_mask(mask);
        let modules: Vec<bool> = candidate
            .into_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        let score = penalty(&modules, width);
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, modules));
        }
    }
    best.map(|(_, modules)| QrMatrix::from_modules(width, level, &modules))
}

/// The mask penalty of a `width`×`width` symbol (ISO/IEC 18004, 7.8.3), scored as the qrcode
/// crate scores it: runs of five or more in a row or column (N1 + run − 5), 2×2 blocks of one
/// colour (3 each), finder-like 1:1:3:1:1 patterns without four light modules on one side (40
/// each, less the 360 that the three real finder patterns score in each direction), and the
/// deviation of the dark share from half (one point per half percent).
fn penalty(modules: &[bool], width: usize) -> u32 {
    if width == 0 || modules.len() != width * width {
        return u32::MAX;
    }
    if width <= 64 {
        penalty_of_bits(modules, width)
    } else {
        penalty_of_slices(modules, width)
    }
}

/// [`penalty`] for any width, a line at a time as slices of modules.
fn penalty_of_slices(modules: &[bool], width: usize) -> u32 {
    // The symbol by rows and by columns, so both directions scan contiguous memory.
    let rows = modules;
    let mut columns = vec![false; modules.len()];
    for (y, row) in rows.chunks_exact(width).enumerate() {
        for (x, &dark) in row.iter().enumerate() {
            columns[x * width + y] = dark;
        }
    }
    let mut score: i64 = 0;
    for lines in [rows, &columns[..]] {
        let mut finder = 0;
        for line in lines.chunks_exact(width) {
            score += run_penalty(line);
            finder += 40 * finder_like(line);
        }
        score += finder - 360;
    }
    for pair in rows.chunks_exact(width).collect::<Vec<_>>().windows(2) {
        let (upper, lower) = (pair[0], pair[1]);
        for x in 0..width - 1 {
            let c = upper[x];
            if upper[x + 1] == c && lower[x] == c && lower[x + 1] == c {
                score += 3;
            }
        }
    }
    let dark = modules.iter().filter(|&&m| m).count();
    let ratio = (dark * 200 / modules.len()) as i64;
    score += (ratio - 100).abs();
    u32::try_from(score.max(0)).unwrap_or(u32::MAX)
}

/// [`penalty`] for symbols up to 64 modules wide (version 11), each row and column a `u64`
/// (bit `x` is column `x`), scored a word at a time.
fn penalty_of_bits(modules: &[bool], width: usize) -> u32 {
    let mut rows = vec![0u64; width];
    for (y, row) in modules.chunks_exact(width).enumerate() {
        for (x, &dark) in row.iter().enumerate() {
            if dark {
                rows[y] |= 1 << x;
            }
        }
    }
    penalty_of_rows(&rows, width)
}

/// [`penalty`] of a symbol held as one `u64` per row (bit `x` is column `x`), up to 64
/// modules wide.
fn penalty_of_rows(rows: &[u64], width: usize) -> u32 {
    penalty_below(rows, width, u32::MAX).unwrap_or(u32::MAX)
}

/// [`penalty_of_rows`] if it is below `bound`, else `None`, found out as early as can be:
/// the parts are added in turn (the 2×2 blocks and the dark share, the rows' runs and
/// finder-like patterns, then the columns'), and none is negative, so a sum that reaches
/// `bound` can only grow. (The finder-like part of each direction is at least the 360
/// taken off it: the three real finder patterns, which no mask changes, are nine such
/// lines each way, all at the symbol's edge.)
fn penalty_below(rows: &[u64], width: usize, bound: u32) -> Option<u32> {
    let full = low_bits(width);
    let bound = i64::from(bound);
    let mut score: i64 = 0;
    // 2×2 blocks: a module that equals its right neighbour, and whose right-hand pair
    // equals the pair below.
    let pairs = full >> 1; // positions that have a right neighbour
    for pair in rows.windows(2) {
        let (upper, lower) = (pair[0], pair[1]);
        let same_right = !(upper ^ (upper >> 1)) & !(lower ^ (lower >> 1));
        let same_below = !(upper ^ lower);
        score += 3 * i64::from((same_right & same_below & pairs).count_ones());
    }
    let dark: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let ratio = (dark as usize * 200 / (width * width).max(1)) as i64;
    score += (ratio - 100).abs();
    if score >= bound {
        return None;
    }
    score += row_penalty(rows, width, full);
    if score >= bound {
        return None;
    }
    score += column_penalty(rows, full);
    (score < bound).then(|| u32::try_from(score.max(0)).unwrap_or(u32::MAX))
}

/// The rows' part of [`penalty_of_rows`] (their runs and finder-like patterns, less 360).
fn row_penalty(rows: &[u64], width: usize, full: u64) -> i64 {
    let mut score = 0;
    let mut finder = 0;
    for &line in rows {
        score += run_penalty_bits(line, width);
        finder += finder_like_bits(line, width, full);
    }
    score + 40 * finder - 360
}

/// The columns' part of [`penalty_of_rows`] (their runs and finder-like patterns, less
/// 360), read off the rows: a step down the symbol compares a row with the rows below it,
/// bit `x` of each word being column `x`, so every column moves on at once.
fn column_penalty(rows: &[u64], full: u64) -> i64 {
    // The rows between four light ones above and below: off the symbol counts as light.
    const PAD: usize = 4;
    let height = rows.len().min(64);
    let mut padded = [0u64; 64 + 2 * PAD];
    padded[PAD..PAD + height].copy_from_slice(&rows[..height]);
    let symbol = &padded[PAD..PAD + height];
    let mut score = 0;
    // As in [`run_penalty_bits`], down the columns: bit x of `same` says the modules of
    // column x in a row and the next match, and `long` marks where five modules down are
    // one colour.
    let mut long_above = 0;
    let mut previous = [full; 4];
    for (y, pair) in symbol.windows(2).enumerate() {
        let same = !(pair[0] ^ pair[1]) & full;
        if y >= 3 {
            let long = same & previous[0] & previous[1] & previous[2];
            let starts = long & !long_above;
            score += i64::from(long.count_ones() + 2 * starts.count_ones());
            long_above = long;
        }
        previous = [same, previous[0], previous[1], previous[2]];
    }
    // As in [`finder_like_bits`], down the columns: dark, light, dark, dark, dark, light,
    // dark from a row down, lacking a dark module in the four rows above it or in the four
    // below the pattern.
    let mut finder = 0;
    for w in padded
        .windows(7 + 2 * PAD)
        .take((height + 1).saturating_sub(7))
    {
        let starts = w[PAD]
            & !w[PAD + 1]
            & w[PAD + 2]
            & w[PAD + 3]
            & w[PAD + 4]
            & !w[PAD + 5]
            & w[PAD + 6]
            & full;
        if starts != 0 {
            let above = w[0] | w[1] | w[2] | w[3];
            let below = w[PAD + 7] | w[PAD + 8] | w[PAD + 9] | w[PAD + 10];
            finder += i64::from((starts & (!above | !below)).count_ones());
        }
    }
    score + 40 * finder - 360
}

/// The lowest `n` bits set.
fn low_bits(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// [`run_penalty`] of a line held as bits, without walking its runs.
///
/// Bit `i` of `same` says module `i` has the colour of module `i + 1`, so a run of `n`
/// modules is `n - 1` set bits in a row, and `long` (four of them in a row) marks `n - 4`
/// places in each run of five or more. A run's penalty `n - 2` is then its places in
/// `long` plus 2 for the run, which starts wherever `long` does.
fn run_penalty_bits(line: u64, width: usize) -> i64 {
    if width < 5 {
        return 0;
    }
    let same = !(line ^ (line >> 1)) & low_bits(width - 1);
    let long = same & (same >> 1) & (same >> 2) & (same >> 3);
    let starts = long & !(long << 1);
    i64::from(long.count_ones() + 2 * starts.count_ones())
}

/// [`finder_like`] of a line held as bits.
fn finder_like_bits(line: u64, width: usize, full: u64) -> i64 {
    if width < 7 {
        return 0;
    }
    // Bit j set: modules j..j+7 read dark, light, dark, dark, dark, light, dark.
    let l = line;
    let mut starts =
        (full >> 6) & l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6);
    let mut count = 0;
    while starts != 0 {
        let j = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        // Four modules before j and after j + 7, clipped to the line.
        let before = line & low_bits(j) & !low_bits(j.saturating_sub(4));
        let after = line & low_bits((j + 11).min(width)) & !low_bits(j + 7);
        if before == 0 || after == 0 {
            count += 1;
        }
    }
    count
}

/// Runs of five or more modules of one colour in `line`: N1 (3) plus one per module beyond
/// five, each.
fn run_penalty(line: &[bool]) -> i64 {
    let mut score = 0;
    let mut run = 1;
    for pair in line.windows(2) {
        if pair[0] == pair[1] {
            run += 1;
        } else {
            if run >= 5 {
                score += run - 2;
            }
            run = 1;
        }
    }
    if run >= 5 {
        score += run - 2;
    }
    score
}

/// Dark-light-dark-dark-dark-light-dark patterns in `line` lacking a dark module among the
/// four neighbours on either side (off the symbol counts as light).
fn finder_like(line: &[bool]) -> i64 {
    // The last seven modules as bits, the newest lowest: 1011101 is the pattern.
    const FINDER: u8 = 0b101_1101;
    let width = line.len();
    let mut window: u8 = 0;
    let mut count = 0;
    for (end, &dark) in line.iter().enumerate() {
        window = ((window << 1) | u8::from(dark)) & 0x7F;
        if end >= 6 && window == FINDER {
            let j = end - 6;
            let dark_before = line[j.saturating_sub(4)..j].iter().any(|&m| m);
            let dark_after = line[end + 1..(end + 5).min(width)].iter().any(|&m| m);
            if !dark_before || !dark_after {
                count += 1;
            }
        }
    }
    count
}

/// An ECI (UTF-8) + byte segment in `version`, or `None` when it does not fit.
fn utf8_bits(data: &[u8], version: Version, level: QrLevel) -> Option<Bits> {
    let mut bits = Bits::new(version);
    bits.push_eci_designator(ECI_UTF8).ok()?;
    bits.push_byte_data(data).ok()?;
    bits.push_terminator(level.ec()).ok()?;
    Some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEVELS: [QrLevel; 2] = [QrLevel::M, QrLevel::Q];

    /// The symbol the qrcode crate itself builds, mask search included.
    fn reference(payload: &str, level: QrLevel) -> QrMatrix {
        let code = if payload.is_ascii() {
            qrcode::QrCode::with_error_correction_level(payload.as_bytes(), level.ec()).unwrap()
        } else {
            let bits = (1..=40)
                .find_map(|v| utf8_bits(payload.as_bytes(), Version::Normal(v), level))
                .unwrap();
            qrcode::QrCode::with_bits(bits, level.ec()).unwrap()
        };
        let width = code.width();
        let modules: Vec<bool> = code
            .into_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        QrMatrix::from_modules(width, level, &modules)
    }

    #[test]
    fn both_ways_of_scoring_agree() {
        // Random grids of every symbol width that fits a word, some mostly dark or light.
        let mut state = 0x9e37_79b9_u32;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        for width in (21..=61).step_by(4) {
            for density in [2u32, 8, 14] {
                let modules: Vec<bool> =
                    (0..width * width).map(|_| next() % 16 < density).collect();
                assert_eq!(
                    penalty_of_bits(&modules, width),
                    penalty_of_slices(&modules, width),
                    "width {width}, density {density}"
                );
            }
        }
    }

    #[test]
    fn the_fast_mask_choice_equals_the_qrcode_crates() {
        // Payloads of every length up to 300, over a mix of digits, capitals and text, and
        // non-ASCII ones: every symbol must equal the crate's own, module for module.
        let alphabet: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:abcxyz\n"
            .chars()
            .collect();
        let mut state = 0x2545_f491_u32;
        let mut payloads: Vec<String> = Vec::new();
        for len in 1..=300 {
            let s: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    alphabet[state as usize % alphabet.len()]
                })
                .collect();
            payloads.push(s);
        }
        payloads.extend([
            "SL1\nO:TT-2026-000123\nT:RR473124829GB\nZ:NW1 6XE\nC:GB".to_owned(),
            "山田 太郎".to_owned(),
            "Zoë Lefèvre, 12 rue de l'Église".to_owned(),
        ]);
        for payload in &payloads {
            for level in LEVELS {
                assert_eq!(
                    encode_qr(payload, level).unwrap(),
                    reference(payload, level),
                    "{payload:?} at {level:?}"
                );
            }
        }
    }

    #[test]
    fn data_placement_equals_the_qrcode_crates() {
        assert!(Frame::get(Version::Normal(12)).is_none(), "65 modules wide");
        for (v, level) in (1..=11).flat_map(|v| LEVELS.map(|level| (v, level))) {
            let version = Version::Normal(v);
            // As much of a long payload as the version holds, so data, padding and error
            // correction all fill it.
            let payload: Vec<u8> = (0..400u32)
                .map(|i| b"S:RR473124829GB O:TT-2026"[i as usize % 25] ^ (i as u8 & 7))
                .collect();
            let bits = (1..=payload.len())
                .rev()
                .find_map(|n| {
                    let mut bits = Bits::new(version);
                    bits.push_byte_data(&payload[..n]).ok()?;
                    bits.push_terminator(level.ec()).ok()?;
                    Some(bits)
                })
                .unwrap();
            let (codewords, ec) =
                qrcode::ec::construct_codewords(&bits.into_bytes(), version, level.ec()).unwrap();
            // One frame for both levels, compared with the canvas of each.
            let (frame, _) = Frame::get(version).unwrap();
            let width = usize::try_from(version.width()).unwrap();
            let data = place_data(&frame.order, width, codewords.iter().chain(&ec).copied());
            let mut canvas = Canvas::new(version, level.ec());
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&codewords, &ec);
            let (expected, expected_maskable) = unmasked_rows(&canvas, width);
            assert_eq!(frame.maskable, expected_maskable, "version {v}-{level:?}");
            assert_eq!(
                frame.order.len() as u32,
                frame
                    .maskable
                    .iter()
                    .map(|row| row.count_ones())
                    .sum::<u32>(),
                "every data module once"
            );
            let got: Vec<u64> = frame.dark.iter().zip(&data).map(|(f, d)| f | d).collect();
            assert_eq!(got, expected, "version {v}-{level:?}");
            assert!(data.iter().any(|&row| row != 0));
        }
    }

    #[test]
    fn each_mask_and_its_format_information_equal_the_qrcode_crates() {
        for (v, level) in (1..=11).flat_map(|v| LEVELS.map(|level| (v, level))) {
            let version = Version::Normal(v);
            let mut bits = Bits::new(version);
            bits.push_byte_data(b"O:TT-2026").unwrap();
            bits.push_terminator(level.ec()).unwrap();
            let (codewords, ec) =
                qrcode::ec::construct_codewords(&bits.into_bytes(), version, level.ec()).unwrap();
            let mut canvas = Canvas::new(version, level.ec());
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&codewords, &ec);
            let width = usize::try_from(version.width()).unwrap();
            let (dark, maskable) = unmasked_rows(&canvas, width);
            // Nothing past the width, which masking relies on (it flips `maskable` only).
            let (frame, _) = Frame::get(version).unwrap();
            let past_width = |row: &u64| row & !low_bits(width) != 0;
            assert!(!maskable.iter().chain(&frame.maskable).any(past_width));
            for (index, mask) in MASKS.into_iter().enumerate() {
                let mut reference = canvas.clone();
                reference.apply_mask(mask);
                let expected: Vec<bool> = reference
                    .into_colors()
                    .into_iter()
                    .map(|c| c == qrcode::Color::Dark)
                    .collect();
                let mut rows = vec![0; width];
                masked_rows(&dark, &maskable, width, index, level, &mut rows);
                assert!(!rows.iter().any(past_width), "version {v}, mask {index}");
                let got: Vec<bool> = rows
                    .iter()
                    .flat_map(|&row| (0..width).map(move |x| row >> x & 1 == 1))
                    .collect();
                assert_eq!(got, expected, "version {v}-{level:?}, mask {index}");
            }
        }
    }

    #[test]
    fn a_bounded_score_stops_only_where_the_whole_score_reaches_the_bound() {
        // Every mask of symbols of every frame width: each part of a real symbol's score is
        // at least zero, so stopping early never drops a score below the bound.
        for (v, level) in (1..=11).flat_map(|v| LEVELS.map(|level| (v, level))) {
            let version = Version::Normal(v);
            let (frame, _) = Frame::get(version).unwrap();
            let width = usize::try_from(version.width()).unwrap();
            let payload = format!("SL1\nO:TT-{v}-{level:?}\nZ:SW1A 1AA\nC:GB");
            let codewords: Vec<u8> = payload.bytes().cycle().take(400).collect();
            let data = place_data(&frame.order, width, codewords.into_iter());
            let dark: Vec<u64> = frame.dark.iter().zip(data).map(|(f, d)| f | d).collect();
            for index in 0..MASKS.len() {
                let mut rows = vec![0; width];
                masked_rows(&dark, &frame.maskable, width, index, level, &mut rows);
                let modules: Vec<bool> = rows
                    .iter()
                    .flat_map(|&row| (0..width).map(move |x| row >> x & 1 == 1))
                    .collect();
                let whole = penalty_of_slices(&modules, width);
                assert_eq!(penalty_of_rows(&rows, width), whole);
                for bound in [0, whole / 3, whole / 2, whole, whole + 1, u32::MAX] {
                    assert_eq!(
                        penalty_below(&rows, width, bound),
                        (whole < bound).then_some(whole),
                        "version {v}-{level:?}, mask {index}, bound {bound}"
                    );
                }
            }
        }
    }

    #[test]
    fn smallest_version_is_chosen() {
        // Version 1-M holds 14 bytes, version 2-M 26; version 1-Q 11, version 2-Q 20
        // (ISO/IEC 18004, table 7).
        assert_eq!(encode_qr("abcdefghijklmn", QrLevel::M).unwrap().width(), 21);
        assert_eq!(
            encode_qr("abcdefghijklmno", QrLevel::M).unwrap().width(),
            25
        );
        assert_eq!(encode_qr("abcdefghijk", QrLevel::Q).unwrap().width(), 21);
        assert_eq!(encode_qr("abcdefghijkl", QrLevel::Q).unwrap().width(), 25);
        let q = encode_qr(&"a".repeat(20), QrLevel::Q).unwrap();
        assert_eq!((q.width(), q.level()), (25, QrLevel::Q));
    }

    #[test]
    fn capacity_limits_on_both_sides() {
        // Version 40 holds 2331 bytes in byte mode at level M, 1663 at level Q.
        for (level, max) in [(QrLevel::M, 2331), (QrLevel::Q, 1663)] {
            assert_eq!(encode_qr(&"a".repeat(max), level).unwrap().width(), 177);
            let err = encode_qr(&"a".repeat(max + 1), level).unwrap_err();
            assert_eq!(
                err,
                QrError::TooLong {
                    len: max + 1,
                    level
                }
            );
            assert_eq!(
                err.to_string(),
                format!(
                    "{} bytes do not fit in a QR code at error correction level {}",
                    max + 1,
                    level.letter()
                )
            );
        }
    }

    #[test]
    fn format_information_matches_the_standards_table() {
        // ISO/IEC 18004, table C.1: level M (00) with masks 000 to 111, and level Q (11)
        // with mask 000 and 111.
        let m: Vec<u16> = (0..8).map(|mask| format_info(QrLevel::M, mask)).collect();
        assert_eq!(
            m,
            [
                0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0
            ]
        );
        assert_eq!(format_info(QrLevel::Q, 0), 0x355F);
        assert_eq!(format_info(QrLevel::Q, 7), 0x2BED);
    }

    #[test]
    fn utf8_payloads_carry_an_eci_header() {
        // 14 bytes of UTF-8 fit version 1-M without ECI, but the 12-bit ECI designator
        // pushes "Zoë Lefèvre!" (14 bytes) into version 2.
        let text = "Zoë Lefèvre!";
        assert_eq!(text.len(), 14);
        assert_eq!(encode_qr(text, QrLevel::M).unwrap().width(), 25);
    }

    /// Draws a symbol at 4 pixels per module with its quiet zone and decodes it with rxing,
    /// a decoder we did not write.
    fn scan(qr: &QrMatrix) -> String {
        let scale = 4;
        let side = (qr.width() + 2 * QR_QUIET_MODULES) * scale;
        let mut luma = vec![255u8; side * side];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = (x / scale, y / scale);
                let inside = |m: usize| m >= QR_QUIET_MODULES && m < QR_QUIET_MODULES + qr.width();
                if inside(mx) && inside(my) && qr.dark(mx - QR_QUIET_MODULES, my - QR_QUIET_MODULES)
                {
                    luma[y * side + x] = 0;
                }
            }
        }
        let side = side as u32;
        rxing::helpers::detect_in_luma(luma, side, side, Some(rxing::BarcodeFormat::QR_CODE))
            .map(|r| r.getText().to_string())
            .unwrap_or_else(|e| panic!("rxing could not read the symbol: {e:?}"))
    }

    #[test]
    fn utf8_payloads_decode_to_the_same_text() {
        for text in [
            "SL1\nO:1\nZ:Zoë Lefèvre\nC:KP",
            "山田 太郎",
            "محمد العلي",
            "Ελένη",
        ] {
            for level in LEVELS {
                assert_eq!(scan(&encode_qr(text, level).unwrap()), text);
            }
        }
        for level in LEVELS {
            assert_eq!(
                scan(&encode_qr("SL1\nO:TT-2026-000123\nC:GB", level).unwrap()),
                "SL1\nO:TT-2026-000123\nC:GB"
            );
        }
    }

    #[test]
    fn finder_pattern_is_dark_at_the_corners() {
        let qr = encode_qr("SL1", QrLevel::Q).unwrap();
        assert!(qr.dark(0, 0));
        assert!(qr.dark(qr.width() - 1, 0));
        assert!(qr.dark(0, qr.width() - 1));
        assert!(!qr.dark(qr.width(), 0));
    }
}
