//! Rendering laid-out labels into output formats.

mod content;
mod draw;
mod embed;
mod file;
mod sfnt;
mod sheet;
mod subset;
pub(crate) mod writer;

pub use writer::{PdfOutput, PdfWriter, Prepared};

pub(crate) use crate::error::RenderError;
