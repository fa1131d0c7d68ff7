//! Text: the bundled fonts, measuring with their real metrics, and fitting text into zones.

mod fit;
mod fonts;

pub(crate) use fit::{FitError, Fitted, Item, LEADING, MIN_SIZE, extra_above, fit_block};
pub(crate) use fonts::{Face, Font};
