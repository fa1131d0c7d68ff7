//! Labels on office sheets: several to a page, each moved to its position, with optional
//! cut marks.

use super::content::Content;
use super::draw::grid_offset;
use crate::layout::{cut_marks, slot_origin_dots};
use crate::options::SheetLayout;
use crate::units::Dpi;

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
        let (x, y) = slot_origin_dots(layout, slot, dpi);
        self.content.save();
        // The label's top on a whole dot from the sheet's top, as the label's own bars are
        // from its top; the label drew its barcodes between its own page's two pixel grids,
        // and is moved to lie between the sheet's.
        let regrid = grid_offset(page_h, dpi).0 - grid_offset(label_h, dpi).0;
        self.content.transform(
            (1.0, 1.0),
            (
                x.to_pt(dpi).0,
                page_h.0 - y.to_pt(dpi).0 - label_h.0 - regrid,
            ),
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
            // In PDF coordinates: the origin at the bottom left.
            let (_, page_h) = layout.page();
            for mark in cut_marks(layout, dpi) {
                let bottom = page_h.0 - mark.y.0 - mark.height.0;
                self.content
                    .rect(mark.x.0, bottom, mark.width.0, mark.height.0);
            }
            self.content.fill();
        }
        self.labels = 0;
        std::mem::take(&mut self.content).into_bytes()
    }
}
