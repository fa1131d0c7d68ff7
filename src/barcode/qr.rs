//! QR code (ISO/IEC 18004) as a square grid of modules, error correction level M.

use qrcode::bits::Bits;
use qrcode::{EcLevel, QrCode, Version};

/// The quiet zone a QR symbol needs on every side, in modules.
pub(crate) const QR_QUIET_MODULES: usize = 4;

/// The ECI assignment number of UTF-8.
const ECI_UTF8: u32 = 26;

/// A QR symbol: `width × width` modules, row by row, `true` = dark. No quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QrMatrix {
    width: usize,
    modules: Vec<bool>,
}

impl QrMatrix {
    /// Modules per side (21 for version 1, +4 per version).
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark (`false` outside the symbol).
    pub(crate) fn dark(&self, x: usize, y: usize) -> bool {
        x < self.width
            && self
                .modules
                .get(y * self.width + x)
                .copied()
                .unwrap_or(false)
    }
}

/// Why a payload could not become a QR symbol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum QrError {
    /// More data than a version-40 symbol at level M holds.
    #[error("{len} bytes do not fit in a QR code at error correction level M")]
    TooLong { len: usize },
}

/// Encodes `payload` at error correction level M in the smallest version that holds it.
///
/// ASCII payloads use the most compact segments (numeric, alphanumeric, byte). Anything
/// else is one byte segment of UTF-8 preceded by an ECI designator for UTF-8, so scanners do
/// not guess ISO-8859-1.
pub(crate) fn encode_qr(payload: &str) -> Result<QrMatrix, QrError> {
    let too_long = || QrError::TooLong { len: payload.len() };
    let code = if payload.is_ascii() {
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
            .map_err(|_| too_long())?
    } else {
        let bits = (1..=40)
            .find_map(|v| utf8_bits(payload.as_bytes(), Version::Normal(v)))
            .ok_or_else(too_long)?;
        QrCode::with_bits(bits, EcLevel::M).map_err(|_| too_long())?
    };
    Ok(QrMatrix {
        width: code.width(),
        modules: code
            .into_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect(),
    })
}

/// An ECI (UTF-8) + byte segment in `version`, or `None` when it does not fit.
fn utf8_bits(data: &[u8], version: Version) -> Option<Bits> {
    let mut bits = Bits::new(version);
    bits.push_eci_designator(ECI_UTF8).ok()?;
    bits.push_byte_data(data).ok()?;
    bits.push_terminator(EcLevel::M).ok()?;
    Some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_version_is_chosen() {
        // Version 1-M holds 14 bytes; version 2-M 26 bytes (ISO/IEC 18004 table 7).
        assert_eq!(encode_qr("abcdefghijklmn").unwrap().width(), 21);
        assert_eq!(encode_qr("abcdefghijklmno").unwrap().width(), 25);
    }

    #[test]
    fn capacity_limit_at_level_m_on_both_sides() {
        // Version 40-M holds 2331 bytes in byte mode.
        let max = "a".repeat(2331);
        assert_eq!(encode_qr(&max).unwrap().width(), 177);
        assert_eq!(
            encode_qr(&"a".repeat(2332)),
            Err(QrError::TooLong { len: 2332 })
        );
    }

    #[test]
    fn utf8_payloads_carry_an_eci_header() {
        // 14 bytes of UTF-8 fit version 1-M without ECI, but the 12-bit ECI designator
        // pushes "Zoë Lefèvre!" (14 bytes) into version 2.
        let text = "Zoë Lefèvre!";
        assert_eq!(text.len(), 14);
        assert_eq!(encode_qr(text).unwrap().width(), 25);
    }

    /// Draws a symbol at 4 pixels per module with its quiet zone and decodes it with rxing,
    /// a decoder we did not write.
    fn scan(qr: &QrMatrix) -> String {
        let scale = 4;
        let side = (qr.width() + 2 * QR_QUIET_MODULES) * scale;
        let mut luma = vec![255u8; side * side];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = (x / scale, y / scale);
                let inside = |m: usize| m >= QR_QUIET_MODULES && m < QR_QUIET_MODULES + qr.width();
                if inside(mx) && inside(my) && qr.dark(mx - QR_QUIET_MODULES, my - QR_QUIET_MODULES)
                {
                    luma[y * side + x] = 0;
                }
            }
        }
        let side = side as u32;
        rxing::helpers::detect_in_luma(luma, side, side, Some(rxing::BarcodeFormat::QR_CODE))
            .map(|r| r.getText().to_string())
            .unwrap_or_else(|e| panic!("rxing could not read the symbol: {e:?}"))
    }

    #[test]
    fn utf8_payloads_decode_to_the_same_text() {
        for text in [
            "SL1\nO:1\nZ:Zoë Lefèvre\nC:KP",
            "山田 太郎",
            "محمد العلي",
            "Ελένη",
        ] {
            assert_eq!(scan(&encode_qr(text).unwrap()), text);
        }
        assert_eq!(
            scan(&encode_qr("SL1\nO:TT-2026-000123\nC:GB").unwrap()),
            "SL1\nO:TT-2026-000123\nC:GB"
        );
    }

    #[test]
    fn finder_pattern_is_dark_at_the_corners() {
        let qr = encode_qr("SL1").unwrap();
        assert!(qr.dark(0, 0));
        assert!(qr.dark(qr.width() - 1, 0));
        assert!(qr.dark(0, qr.width() - 1));
        assert!(!qr.dark(qr.width(), 0));
    }
}
