//! 1-bit images as bytes: rows of bits, the first pixel of a row in the most significant bit
//! of its first byte, each row padded to a whole byte. It is the layout a PDF image mask, a
//! PNG of bit depth 1 and a ZPL graphic field share.

/// Packs `rows` of pixels `width` wide, a bit set where a pixel is `true`; a row's pixels
/// beyond `width` are not read.
pub(crate) fn pack_rows<R: IntoIterator<Item = bool>>(
    width: usize,
    rows: impl IntoIterator<Item = R>,
) -> Vec<u8> {
    let stride = width.div_ceil(8);
    let mut out = Vec::new();
    for row in rows {
        let mut pixels = row.into_iter().take(width);
        // A byte at a time: eight pixels, the first in the high bit, zeros past the row's end.
        out.extend((0..stride).map(|_| {
            (0..8).fold(0u8, |byte, bit| match pixels.next() {
                Some(true) => byte | 0x80 >> bit,
                _ => byte,
            })
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_packed_from_the_high_bit_and_padded_to_whole_bytes() {
        let rows = [
            vec![
                true, false, true, false, false, false, false, false, false, true,
            ],
            vec![true; 10],
        ];
        assert_eq!(
            pack_rows(10, rows.iter().map(|r| r.iter().copied())),
            [0b1010_0000, 0b0100_0000, 0xFF, 0b1100_0000]
        );
        // Pixels past the width are not read; no rows, no bytes.
        assert_eq!(pack_rows(1, [[true, true]]), [0x80]);
        assert_eq!(pack_rows(8, Vec::<[bool; 8]>::new()), [] as [u8; 0]);
        assert_eq!(pack_rows(0, [[true]]), [] as [u8; 0]);
    }
}
