//! Barcode symbols as plain module grids: no units, no drawing. Layout sizes them in printer
//! dots; render draws them.

mod code128;
#[cfg(any(test, fuzzing))]
pub(crate) mod code128_decode;
mod qr;
mod qr_ec;

#[cfg(fuzzing)]
pub(crate) use code128::MAX_LEN as CODE128_MAX_LEN;
pub(crate) use code128::encode as encode_code128;
pub use qr::QrLevel;
pub(crate) use qr::{QR_QUIET_MODULES, QrMatrix, encode_qr};

/// The quiet zone Code 128 needs on each side, in modules (ISO/IEC 15417: at least 10X).
pub(crate) const CODE128_QUIET_MODULES: usize = 10;
