//! A barcode as filled rectangles: each bar (our PDF's Code 128, and a printpdf page's), and
//! each run of dark QR modules (a printpdf page's), a rectangle on the printer's dot grid, its
//! edges moved inwards so that every rasterizer fills exactly the nominal dots.

#[cfg(any(feature = "printpdf", test))]
use crate::barcode::QrMatrix;
use crate::layout::Code128Symbol;
#[cfg(feature = "printpdf")]
use crate::layout::QrSymbol;

/// How far the edge between a dark and a light module of a barcode lies inside the dark
/// one, in dots.
///
/// Rasterizers differ on the pixels an edge touches: MuPDF without anti-aliasing and
/// Ghostscript fill every pixel a shape touches (a 4-dot bar on the grid prints 5 dots),
/// poppler's 1-bit path does so for shapes of several rectangles, cairo and others fill the
/// pixels whose centres the shape covers. With every edge a quarter of a dot inside its
/// dark module, both rules fill exactly the nominal dots, and stay exact when the page sits
/// up to a quarter of a dot off their pixel grid ([`super::draw::grid_offset`]). Edges
/// between two dark modules move only by [`SEAM`], so nothing shows between them on a
/// screen.
/// `tests/print_dots.rs` measures every bar and module under poppler, Ghostscript, MuPDF
/// and cairo.
const INSET: f32 = 0.25;

/// How far the edge between two dark modules drawn as separate rectangles lies inside each,
/// in dots: a rasterizer that fills every pixel a shape touches would otherwise fill the
/// light pixel diagonally across an inner corner. Too thin to show on a screen.
const SEAM: f32 = 0.02;

/// A rectangle of a barcode to fill as a path of its own: `(x, y, width, height)` in dots
/// from the symbol's top-left corner, y downwards, its edges already moved inwards by
/// [`INSET`] or [`SEAM`].
pub(super) type Cell = (f32, f32, f32, f32);

/// The cells a Code 128 is printed as: each bar a rectangle, light on every side.
pub(super) fn code128_cells(bars: &Code128Symbol) -> Vec<Cell> {
    let module = bars.module.0 as f32;
    let tall = bars.height.0 as f32;
    runs(bars.modules.iter().copied())
        .into_iter()
        .map(|(start, len)| {
            let bar = (start as f32 * module, 0.0, len as f32 * module, tall);
            inset_cells(bar, [true; 4])
        })
        .collect()
}

/// The cells a QR symbol is printed as: each row's runs of dark modules, split where the
/// modules above or below change, so that only edges against light modules move.
#[cfg(feature = "printpdf")]
pub(super) fn qr_cells(qr: &QrSymbol) -> Vec<Cell> {
    let matrix = &qr.matrix;
    let m = qr.module.0 as f32;
    let n = matrix.width();
    let mut out = Vec::new();
    for row in 0..n {
        for (start, len) in runs((0..n).map(|col| matrix.dark(col, row))) {
            let run = (start, start + len);
            for (from, to, above, below) in segments(matrix, row, run) {
                let cells = (from as f32 * m, row as f32 * m, (to - from) as f32 * m, m);
                let light = [from == start, !above, to == start + len, !below];
                out.push(inset_cells(cells, light));
            }
        }
    }
    out
}

/// `width` × `height` dots at `x`, `y`, each side moved [`INSET`] inwards where `light`
/// (left, top, right, bottom) says a light module is on the other side, and [`SEAM`] where
/// a dark one is.
fn inset_cells(
    (x, y, width, height): (f32, f32, f32, f32),
    [left, top, right, bottom]: [bool; 4],
) -> Cell {
    let inset = |light: bool| if light { INSET } else { SEAM };
    let (x0, y0) = (x + inset(left), y + inset(top));
    let (x1, y1) = (x + width - inset(right), y + height - inset(bottom));
    (x0, y0, x1 - x0, y1 - y0)
}

/// The parts of a run of dark modules `start..end` in row `row` of `matrix` between which
/// the modules above and below change from dark to light: `(from, to, above dark, below
/// dark)`.
#[cfg(any(feature = "printpdf", test))]
fn segments(
    matrix: &QrMatrix,
    row: usize,
    (start, end): (usize, usize),
) -> Vec<(usize, usize, bool, bool)> {
    let around = |col: usize| {
        (
            row > 0 && matrix.dark(col, row - 1),
            matrix.dark(col, row + 1),
        )
    };
    let mut out: Vec<(usize, usize, bool, bool)> = Vec::new();
    for col in start..end {
        let (above, below) = around(col);
        match out.last_mut() {
            Some(last) if (last.2, last.3) == (above, below) => last.1 = col + 1,
            _ => out.push((col, col + 1, above, below)),
        }
    }
    out
}

/// Runs of `true` in `cells`: (start, length).
fn runs(cells: impl Iterator<Item = bool>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, dark) in cells.enumerate() {
        match (dark, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - s));
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start {
        out.push((s, n - s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_runs_split_where_the_modules_above_or_below_change() {
        let qr = crate::barcode::encode_qr("SL1", crate::barcode::QrLevel::Q).unwrap();
        // The top row of the top-left finder: seven dark modules over a row that is dark at
        // both ends and light between.
        assert_eq!(
            segments(&qr, 0, (0, 7)),
            [
                (0, 1, false, true),
                (1, 6, false, false),
                (6, 7, false, true)
            ]
        );
    }

    #[test]
    fn runs_of_dark_cells() {
        let cells = [true, true, false, true, false, false, true];
        assert_eq!(runs(cells.into_iter()), [(0, 2), (3, 1), (6, 1)]);
        assert_eq!(runs([false, false].into_iter()), []);
        assert_eq!(runs([true].into_iter()), [(0, 1)]);
    }
}
