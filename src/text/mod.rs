//! Text: the bundled fonts and their fallback chain, shaping (bidi ordering, OpenType
//! shaping), and fitting text into zones with the shaped widths.

mod fit;
mod fonts;
mod shape;

pub(crate) use fit::{
    BASELINE, FitError, Fitted, Item, LEADING, MIN_SIZE, extra_above, extra_below, fit_block,
};
pub use fonts::Typeface;
pub(crate) use fonts::{Font, Weight, is_default_ignorable};
pub(crate) use shape::{Glyph, Run, ShapedLine, first_uncovered, shape_line};
