//! 1-bit images as bytes: rows of bits, the first pixel of a row in the most significant bit
//! of its first byte, each row padded to a whole byte. It is the layout a PDF image mask, a
//! PNG of bit depth 1 and a ZPL graphic field share.

/// Packs `rows` of pixels `width` wide, a bit set where a pixel is `true`; a row's pixels
/// beyond `width` are not read. (The rasters of PNG and ZPL use it; the PDF's QR is packed
/// from words, [`pack_word_rows`].)
#[cfg(any(feature = "png", test))]
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

/// Packs rows held as words, `width` pixels each: pixel `x` of a row is bit `x % 64` of its
/// word `x / 64` (a set bit is `true`), bits past `width` are not read.
pub(crate) fn pack_word_rows<'a>(
    width: usize,
    rows: impl IntoIterator<Item = &'a [u64]>,
) -> Vec<u8> {
    let stride = width.div_ceil(8);
    // The last byte's pixels past the width are cleared.
    let last_kept = match width % 8 {
        0 => 0xFF,
        pixels => 0xFFu8 << (8 - pixels),
    };
    let rows = rows.into_iter();
    let mut out = Vec::with_capacity(stride.saturating_mul(rows.size_hint().0));
    for words in rows {
        let start = out.len();
        // A word at a time: reversed, pixel `x` of the word is bit `63 - x`, so its bytes,
        // most significant first, are its pixels eight at a time, the first highest.
        for byte in (0..stride).step_by(8) {
            let word = words.get(byte / 8).copied().unwrap_or(0);
            let bytes = word.reverse_bits().to_be_bytes();
            out.extend_from_slice(&bytes[..(stride - byte).min(8)]);
        }
        if let Some(last) = out.get_mut(start..).and_then(<[u8]>::last_mut) {
            *last &= last_kept;
        }
    }
    out
}

/// `n` pseudo-random words from `seed` (xorshift64), for tests of word-level bit code.
#[cfg(test)]
pub(crate) fn random_words(mut seed: u64, n: usize) -> Vec<u64> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        })
        .collect()
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

    #[test]
    fn word_rows_pack_as_the_same_pixels_as_bool_rows() {
        // Widths across one, two and three words, bits set past the width too.
        for width in [1, 7, 8, 9, 33, 63, 64, 65, 127, 128, 129, 177] {
            let stride = usize::div_ceil(width, 64);
            let words = random_words(0x2545_F491_4F6C_DD1D ^ width as u64, stride * 5);
            let bools = words
                .chunks(stride)
                .map(|row| (0..width).map(move |x| row[x / 64] >> (x % 64) & 1 == 1));
            assert_eq!(
                pack_word_rows(width, words.chunks(stride)),
                pack_rows(width, bools),
                "width {width}"
            );
        }
        assert_eq!(pack_word_rows(0, [&[u64::MAX][..]]), [] as [u8; 0]);
        // A row of fewer words than its width needs reads as light past them.
        let short: [&[u64]; 3] = [&[], &[u64::MAX], &[u64::MAX, 1]];
        let mut expected = vec![0u8; 17];
        expected.extend([0xFF; 8].iter().chain(&[0; 9]));
        expected.extend([0xFF; 8].iter().chain(&[0x80]).chain(&[0; 8]));
        assert_eq!(pack_word_rows(136, short), expected);
    }
}
