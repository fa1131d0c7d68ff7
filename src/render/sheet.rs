//! Labels on office sheets: several to a page, each moved to its position, with optional
//! cut marks.

use super::content::Content;
use super::draw::grid_offset;
use crate::SheetLayout;
use crate::units::Dpi;

/// Length of each arm of a cut mark, and its thickness, in points.
const CUT_MARK: (f32, f32) = (6.0, 0.5);

/// One sheet being filled.
#[derive(Debug, Default)]
pub(super) struct SheetPage {
    content: Content,
    labels: usize,
}

impl SheetPage {
    /// Adds a label's drawing (in its own coordinates) at `slot`, moved by a whole number
    /// of printer dots so its bars stay on the dot grid.
    pub(super) fn place(&mut self, layout: SheetLayout, slot: usize, dpi: Dpi, label: &[u8]) {
        let (_, page_h) = layout.page();
        let label_h = layout.label_size().height();
        let (x, y) = layout.slot_origin(slot);
        self.content.save();
        // The label's top on a whole dot from the sheet's top, as the label's own bars are
        // from its top; the label drew its barcodes between its own page's two pixel grids,
        // and is moved to lie between the sheet's.
        let regrid = grid_offset(page_h, dpi).0 - grid_offset(label_h, dpi).0;
        self.content.transform(
            (1.0, 1.0),
            (dpi.snap(x).0, page_h.0 - dpi.snap(y).0 - label_h.0 - regrid),
        );
        self.content.extend(label);
        self.content.restore();
        self.labels += 1;
    }

    /// Whether no label is on it yet.
    pub(super) fn is_empty(&self) -> bool {
        self.labels == 0
    }

    /// The page's content, with cut marks if asked for; the sheet is empty again.
    pub(super) fn take(&mut self, layout: SheetLayout, dpi: Dpi, marks: bool) -> Vec<u8> {
        if marks {
            cut_marks(&mut self.content, layout, dpi);
        }
        self.labels = 0;
        std::mem::take(&mut self.content).into_bytes()
    }
}

/// Short crosses where the cut lines between and around the labels meet: on the labels'
/// edges as drawn (each moved to whole dots), so cutting removes them; the labels' content
/// keeps a margin far wider than the arms. Marks at the sheet's edge are clipped to it.
fn cut_marks(c: &mut Content, layout: SheetLayout, dpi: Dpi) {
    let (page_w, page_h) = layout.page();
    let size = layout.label_size();
    let (arm, thick) = CUT_MARK;
    // Every label edge, left and right, top and bottom, without repeats.
    let mut xs: Vec<f32> = Vec::new();
    let mut ys: Vec<f32> = Vec::new();
    for slot in 0..layout.slots() {
        let (x, y) = layout.slot_origin(slot);
        let (x, y) = (dpi.snap(x).0, dpi.snap(y).0);
        for (edges, values) in [
            (&mut xs, [x, x + size.width().0]),
            (&mut ys, [y, y + size.height().0]),
        ] {
            for v in values {
                if !edges.iter().any(|e| (e - v).abs() < 0.5) {
                    edges.push(v);
                }
            }
        }
    }
    for &x in &xs {
        for &y in &ys {
            // In PDF coordinates (origin bottom left), clipped to the page.
            let py = page_h.0 - y;
            let (x0, x1) = ((x - arm).max(0.0), (x + arm).min(page_w.0));
            let (y0, y1) = ((py - arm).max(0.0), (py + arm).min(page_h.0));
            c.rect(x0, py - thick / 2.0, x1 - x0, thick);
            c.rect(x - thick / 2.0, y0, thick, y1 - y0);
        }
    }
    c.fill();
}
