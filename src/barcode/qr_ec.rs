//! A QR symbol's error correction codewords (ISO/IEC 18004, 7.5): its data split into
//! blocks, each block's Reed–Solomon remainder, both interleaved, for versions 1 to 11 at
//! levels M and Q (the symbols a label prints; larger ones go through the qrcode crate).
//!
//! The qrcode crate divides by the generator one coefficient at a time, through logarithm
//! tables and a remainder by 255 for every product: 18,000 instructions for a version-4
//! symbol, a fifth of encoding it. Here the products of each byte with the whole generator
//! are worked out once per process (256 rows for each number of error correction
//! codewords), so a data byte costs a shift of the remainder and one row XORed onto it.
//! The codewords are the crate's, byte for byte (tested for every version and level).

use std::sync::OnceLock;

use super::qr::QrLevel;

/// The most error correction codewords a block of versions 1 to 11 has at M or Q (version
/// 11 at M).
const MOST_EC: usize = 30;

/// How a version's codewords are split at one level (ISO/IEC 18004, table 9): the error
/// correction codewords of each block, then the blocks of the first group and their data
/// codewords, then those of the second group (one data codeword more each, or none).
#[derive(Debug, Clone, Copy)]
struct Blocks {
    /// Error correction codewords per block.
    ec: usize,
    /// The first group: how many blocks, and data codewords in each.
    first: (usize, usize),
    /// The second group, as the first (none: `(0, 0)`).
    second: (usize, usize),
}

/// A [`Blocks`] entry of the table.
const fn blocks(ec: usize, first: (usize, usize), second: (usize, usize)) -> Blocks {
    Blocks { ec, first, second }
}

/// Versions 1 to 11, levels M and Q: (blocks, data codewords) per group.
const TABLE: [[Blocks; 2]; 11] = [
    [blocks(10, (1, 16), (0, 0)), blocks(13, (1, 13), (0, 0))],
    [blocks(16, (1, 28), (0, 0)), blocks(22, (1, 22), (0, 0))],
    [blocks(26, (1, 44), (0, 0)), blocks(18, (2, 17), (0, 0))],
    [blocks(18, (2, 32), (0, 0)), blocks(26, (2, 24), (0, 0))],
    [blocks(24, (2, 43), (0, 0)), blocks(18, (2, 15), (2, 16))],
    [blocks(16, (4, 27), (0, 0)), blocks(24, (4, 19), (0, 0))],
    [blocks(18, (4, 31), (0, 0)), blocks(18, (2, 14), (4, 15))],
    [blocks(22, (2, 38), (2, 39)), blocks(22, (4, 18), (2, 19))],
    [blocks(22, (3, 36), (2, 37)), blocks(20, (4, 16), (4, 17))],
    [blocks(26, (4, 43), (1, 44)), blocks(24, (6, 19), (2, 20))],
    [blocks(30, (1, 50), (4, 51)), blocks(28, (4, 22), (4, 23))],
];

/// The versions [`codewords`] serves.
pub(crate) const VERSIONS: usize = TABLE.len();

/// The data codewords of `data` (the symbol's data, all its codewords) and their error
/// correction codewords, each interleaved block by block as the symbol places them; `None`
/// for a version other than 1 to 11, or data of another length than the version holds.
pub(crate) fn codewords(data: &[u8], version: usize, level: QrLevel) -> Option<(Vec<u8>, Vec<u8>)> {
    let row = TABLE.get(version.checked_sub(1)?)?;
    let Blocks { ec, first, second } = match level {
        QrLevel::M => row[0],
        QrLevel::Q => row[1],
    };
    if data.len() != first.0 * first.1 + second.0 * second.1 {
        return None;
    }
    let split = first.0 * first.1;
    let blocks: Vec<&[u8]> = data[..split]
        .chunks(first.1)
        .chain(data[split..].chunks(second.1.max(1)))
        .collect();
    let products = products(ec)?;
    let remainders: Vec<[u8; MOST_EC]> = blocks.iter().map(|b| remainder(b, products)).collect();
    // Interleaved: the first codeword of every block, then the second...; the longer
    // blocks (the second group) have one more, which comes last.
    let longest = first.1.max(second.1);
    let mut interleaved = Vec::with_capacity(data.len());
    for i in 0..longest {
        interleaved.extend(blocks.iter().filter_map(|block| block.get(i)));
    }
    let mut ec_interleaved = Vec::with_capacity(ec * blocks.len());
    for i in 0..ec {
        ec_interleaved.extend(remainders.iter().map(|r| r[i]));
    }
    Some((interleaved, ec_interleaved))
}

/// The remainder of `block` (as a polynomial, its first byte the highest coefficient,
/// times x^ec) divided by the generator whose products are `products`: the block's error
/// correction codewords, in its first `ec` bytes.
fn remainder(block: &[u8], products: &[[u8; MOST_EC]; 256]) -> [u8; MOST_EC] {
    let mut remainder = [0u8; MOST_EC];
    for &byte in block {
        let lead = byte ^ remainder[0];
        remainder.copy_within(1.., 0);
        remainder[MOST_EC - 1] = 0;
        for (r, p) in remainder.iter_mut().zip(&products[usize::from(lead)]) {
            *r ^= p;
        }
    }
    remainder
}

/// GF(256) with the QR code's polynomial x⁸ + x⁴ + x³ + x² + 1: α's powers and logarithms.
struct Field {
    exp: [u8; 255],
    log: [u8; 256],
}

impl Field {
    const fn new() -> Field {
        let mut exp = [0u8; 255];
        let mut log = [0u8; 256];
        let mut x: u16 = 1;
        let mut i = 0;
        while i < 255 {
            exp[i] = x as u8;
            log[x as usize] = i as u8;
            x <<= 1;
            if x & 0x100 != 0 {
                x ^= 0x11D;
            }
            i += 1;
        }
        Field { exp, log }
    }

    /// The product of `a` and `b`.
    fn mul(&self, a: u8, b: u8) -> u8 {
        if a == 0 || b == 0 {
            return 0;
        }
        let sum = usize::from(self.log[usize::from(a)]) + usize::from(self.log[usize::from(b)]);
        self.exp[sum % 255]
    }
}

const FIELD: Field = Field::new();

/// For each byte value, its products with the generator of `ec` error correction
/// codewords, (x − α⁰)(x − α¹)…(x − α^(ec−1)), its leading 1 left out: the row a remainder is
/// XORed with when that byte leads it. Made once per process for each `ec` (`None` above
/// [`MOST_EC`]).
fn products(ec: usize) -> Option<&'static [[u8; MOST_EC]; 256]> {
    static TABLES: [OnceLock<Box<[[u8; MOST_EC]; 256]>>; MOST_EC + 1] =
        [const { OnceLock::new() }; MOST_EC + 1];
    Some(TABLES.get(ec)?.get_or_init(|| {
        // The generator's coefficients, highest first: multiplied by (x − α^i) in turn.
        let mut generator = vec![1u8];
        for i in 0..ec {
            let root = FIELD.exp[i % 255];
            let mut next = vec![0u8; generator.len() + 1];
            for (j, &g) in generator.iter().enumerate() {
                next[j] ^= g;
                next[j + 1] ^= FIELD.mul(g, root);
            }
            generator = next;
        }
        let mut table = Box::new([[0u8; MOST_EC]; 256]);
        for (lead, row) in table.iter_mut().enumerate() {
            for (product, &g) in row.iter_mut().zip(&generator[1..]) {
                *product = FIELD.mul(lead as u8, g);
            }
        }
        table
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{EcLevel, Version};

    #[test]
    fn codewords_equal_the_qrcode_crates_for_every_version_and_level() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut byte = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        };
        for version in 1..=VERSIONS {
            for (level, ec_level) in [(QrLevel::M, EcLevel::M), (QrLevel::Q, EcLevel::Q)] {
                let v = Version::Normal(version as i16);
                let capacity = v.fetch(ec_level, &DATA_CAPACITY).unwrap();
                for round in 0..20 {
                    let data: Vec<u8> = match round {
                        0 => vec![0; capacity],
                        1 => vec![0xFF; capacity],
                        _ => (0..capacity).map(|_| byte()).collect(),
                    };
                    let ours = codewords(&data, version, level).unwrap();
                    let theirs = qrcode::ec::construct_codewords(&data, v, ec_level).unwrap();
                    assert_eq!(ours, theirs, "version {version} {level:?} round {round}");
                }
                // Any other length is refused.
                assert_eq!(codewords(&vec![0; capacity + 1], version, level), None);
            }
        }
        assert_eq!(codewords(&[0; 16], 0, QrLevel::M), None);
        assert_eq!(codewords(&[0; 16], VERSIONS + 1, QrLevel::M), None);
    }

    /// Data codewords per version (1 to 11) at L, M, Q and H: the data of each level's
    /// blocks, as `Version::fetch` reads a table (ISO/IEC 18004, table 7).
    const DATA_CAPACITY: [[usize; 4]; 11] = [
        [19, 16, 13, 9],
        [34, 28, 22, 16],
        [55, 44, 34, 26],
        [80, 64, 48, 36],
        [108, 86, 62, 46],
        [136, 108, 76, 60],
        [156, 124, 88, 66],
        [194, 154, 110, 86],
        [232, 182, 132, 100],
        [274, 216, 154, 122],
        [324, 254, 180, 140],
    ];

    #[test]
    fn the_field_and_a_generator_match_the_standard() {
        // α⁸ = α⁴ + α³ + α² + 1 (0x1D); α²⁵⁵ = 1.
        assert_eq!(FIELD.exp[8], 0x1D);
        assert_eq!(FIELD.mul(FIELD.exp[254], 2), 1);
        // ISO/IEC 18004 annex A: the generator for 7 codewords is
        // x⁷ + α⁸⁷x⁶ + α²²⁹x⁵ + α¹⁴⁶x⁴ + α¹⁴⁹x³ + α²³⁸x² + α¹⁰²x + α²¹.
        let row = products(7).unwrap()[1];
        let logs: Vec<u8> = row[..7]
            .iter()
            .map(|&c| FIELD.log[usize::from(c)])
            .collect();
        assert_eq!(logs, [87, 229, 146, 149, 238, 102, 21]);
        assert!(row[7..].iter().all(|&c| c == 0));
    }
}
