//! Rendering laid-out labels into output formats.

mod cells;
mod content;
mod deflate_code;
mod draw;
mod embed;
mod file;
mod glyph_chars;
mod page_deflate;
#[cfg(feature = "printpdf")]
mod printpdf_page;
mod sheet;
mod subset;
pub(crate) mod writer;

#[cfg(feature = "printpdf")]
pub use printpdf_page::draw_on_printpdf;
pub use writer::{PdfOutput, PdfWriter, Prepared};

pub(crate) use crate::error::RenderError;
#[cfg(fuzzing)]
pub(crate) use file::deflate_content;
#[cfg(fuzzing)]
pub(crate) use page_deflate::deflate_page;
