//! ZPL II graphic fields (`^GF`): a 1-bit image in the printer's dots, compressed as Z64
//! (zlib, then base64, then a CRC-16 of the base64 text), as Zebra's ZPL II manual
//! describes for `^GF` data.

use std::fmt::Write as _;
use std::io::Write as _;

use base64::Engine as _;

use crate::bits::pack_rows;
use flate2::Compression;
use flate2::write::ZlibEncoder;

/// `^GFA` for an image `width` dots wide whose dots are `ink`, row by row (`true` prints):
/// `^GFA,<bytes>,<bytes>,<bytes per row>,:Z64:<base64>:<crc>`.
pub(super) fn graphic_field(width: u32, ink: &[bool]) -> String {
    let row_bytes = width.div_ceil(8) as usize;
    let rows = ink.chunks_exact(width.max(1) as usize);
    let data = pack_rows(width as usize, rows.map(|dots| dots.iter().copied()));
    let total = data.len();
    format!("^GFA,{total},{total},{row_bytes},{}", z64(&data))
}

/// `:Z64:` data: zlib-compressed, base64 (standard alphabet, padded), and the CRC-16 of the
/// base64 text in four hex digits.
fn z64(data: &[u8]) -> String {
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec does not fail.
    let compressed = zlib
        .write_all(data)
        .and_then(|()| zlib.finish())
        .unwrap_or_default();
    let text = base64::engine::general_purpose::STANDARD.encode(compressed);
    let mut out = String::with_capacity(text.len() + 11);
    let _ = write!(out, ":Z64:{text}:{:04X}", crc16(text.as_bytes()));
    out
}

/// CRC-16 as ZPL's Z64 check uses it: polynomial 0x1021, initial value 0, no reflection, no
/// final XOR (CRC-16/XMODEM).
pub(super) fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc16_matches_the_xmodem_check_value() {
        // The catalogue's check value of CRC-16/XMODEM for "123456789".
        assert_eq!(crc16(b"123456789"), 0x31C3);
        assert_eq!(crc16(b""), 0);
    }

    #[test]
    fn a_graphic_field_packs_rows_and_its_z64_round_trips() {
        // 10 × 2 dots: a row of ink at the first and last dot, then an empty row.
        let mut ink = vec![false; 20];
        ink[0] = true;
        ink[9] = true;
        let field = graphic_field(10, &ink);
        let rest = field.strip_prefix("^GFA,4,4,2,:Z64:").unwrap();
        let (text, crc) = rest.rsplit_once(':').unwrap();
        assert_eq!(crc, format!("{:04X}", crc16(text.as_bytes())));
        let compressed = base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::ZlibDecoder::new(&compressed[..]),
            &mut data,
        )
        .unwrap();
        assert_eq!(data, [0x80, 0x40, 0x00, 0x00]);
    }
}
