//! Labels on office sheets: several to a page, each moved to its position, with optional
//! cut marks.

use std::collections::BTreeMap;

use printpdf::{CurTransMat, Op, PdfPage};

use super::RenderError;
use super::pdf::{label_ops, pt, rect};
use super::subset::Subset;
use crate::layout::LabelLayout;
use crate::text::Typeface;
use crate::units::{Dpi, Pt};
use crate::{Sheet, SheetLayout};

/// Length of each arm of a cut mark, and its thickness, in points.
const CUT_MARK: (f32, f32) = (6.0, 0.5);

/// Labels on sheets: the first at the sheet's start position, then in order, a page per
/// sheet. Each label is drawn in its own coordinates, moved to its slot by a whole number of
/// printer dots, so its bars stay on the dot grid.
pub(super) fn sheet_pages(
    layouts: &[LabelLayout],
    sheet: Sheet,
    dpi: Dpi,
    subsets: &BTreeMap<Typeface, Subset>,
) -> Result<Vec<PdfPage>, RenderError> {
    let layout = sheet.layout();
    let (page_w, page_h) = layout.page();
    let label_h = layout.label_size().height();
    let slots = layout.slots();
    let first = sheet.start() - 1;
    let mut pages = Vec::new();
    let mut ops: Vec<Op> = Vec::new();
    for (i, label) in layouts.iter().enumerate() {
        let slot = (first + i) % slots;
        let (x, y) = layout.slot_origin(slot);
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetTransformationMatrix {
            matrix: CurTransMat::Translate(
                pt(dpi.snap(x)),
                // The label's top on a whole dot from the sheet's top, as the label's own
                // bars are from its top.
                pt(Pt(page_h.0 - dpi.snap(y).0 - label_h.0)),
            ),
        });
        ops.extend(label_ops(label, subsets)?);
        ops.push(Op::RestoreGraphicsState);
        if slot == slots - 1 || i == layouts.len() - 1 {
            if sheet.cut_marks() {
                ops.extend(cut_marks(layout, dpi));
            }
            let size = printpdf::Rect::from_wh(pt(page_w), pt(page_h));
            pages.push(PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size,
                ops: std::mem::take(&mut ops),
            });
        }
    }
    Ok(pages)
}

/// Short crosses where the cut lines between and around the labels meet: on the labels'
/// edges as drawn (each moved to whole dots), so cutting removes them; the labels' content
/// keeps a margin far wider than the arms. Marks at the sheet's edge are clipped to it.
fn cut_marks(layout: SheetLayout, dpi: Dpi) -> Vec<Op> {
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
    let mut ops = Vec::new();
    for &x in &xs {
        for &y in &ys {
            // In PDF coordinates (origin bottom left), clipped to the page.
            let py = page_h.0 - y;
            let (x0, x1) = ((x - arm).max(0.0), (x + arm).min(page_w.0));
            let (y0, y1) = ((py - arm).max(0.0), (py + arm).min(page_h.0));
            ops.push(rect(x0, py - thick / 2.0, x1 - x0, thick));
            ops.push(rect(x - thick / 2.0, y0, thick, y1 - y0));
        }
    }
    ops
}
