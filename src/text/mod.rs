//! Text: the bundled fonts, the fonts given at run time and their fallback chain, shaping
//! (bidi ordering, OpenType shaping), and fitting text into zones with the shaped widths.

mod fit;
mod fonts;
mod pairs;
mod recent;
mod registry;
mod shape;

pub(crate) use fit::{
    BASELINE, FitError, Fitted, Item, LEADING, MIN_SIZE, extra_above, extra_below, fit_block,
};
pub(crate) use fonts::SLOTS;
pub use fonts::Typeface;
pub(crate) use fonts::{Font, Weight, is_default_ignorable};
pub use registry::{
    FontFile, FontFileError, MAX_REGISTERED_FONTS, RegisteredFace, register_font,
    register_font_with_bold,
};
pub(crate) use shape::{Glyph, Run, ShapedLine, first_uncovered, shape_line};
