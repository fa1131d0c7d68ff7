//! Label pages' content streams compressed (zlib, `/FlateDecode`) with one Huffman code
//! made in advance, and a hash table that is never cleared.
//!
//! A 4x6 label page's operators are 2 to 4 KB of the same few dozen characters. libdeflate
//! at level 1 took 13.8 µs for one of the peers' pages, about 6 µs of it before the first
//! byte: it clears a 128 KiB hash table and builds a Huffman code for each stream (a
//! 200-byte stream took 6.6 µs). Here the code is the one our pages' characters call for,
//! built once per process from how often each symbol came in pages we drew
//! ([`PRINTABLE_COUNTS`], [`LENGTH_COUNTS`], [`DISTANCE_COUNTS`]), its block header ready to
//! copy. The hash table keeps positions offset by a count that moves on past each stream,
//! so what an earlier stream left is out of reach without being cleared.
//!
//! The code has symbols for printable ASCII and newline, all a page's operators use (text
//! is shown as hexadecimal glyph codes, images as ASCIIHex): a stream holding any other byte
//! is not compressed here ([`deflate_page`] returns `None`). Matches are found greedily,
//! four bytes or more, at the latest place of each hash; the places a match covers are not
//! hashed. The peers' label pages come out 6 % larger than libdeflate made them (900 bytes
//! on average, where it made 846) in half the time (6.7 µs and 48,000 instructions a page,
//! where libdeflate took 13.8 µs and 123,000).

use std::cell::RefCell;
use std::sync::OnceLock;

use libdeflater::Adler32;

use super::deflate_code::{BitWriter, Sym, canonical_codes, code_lengths, write_header};

/// Places in the hash table (a power of two): as many as the longest stream the page code
/// takes has bytes ([`super::file::PAGE_CODE_MAX`]); 16 KiB a thread.
const HASH_BITS: u32 = 12;
/// DEFLATE's window: the farthest back a match may point.
const WINDOW: usize = 32 * 1024;
/// The shortest match looked for (the hash covers four bytes); DEFLATE allows 3.
const MIN_MATCH: usize = 4;
/// DEFLATE's longest match.
const MAX_MATCH: usize = 258;

/// Symbols of the literal/length alphabet: bytes 0 to 255, end of block 256, lengths 257
/// to 285 (RFC 1951, 3.2.5).
const LITERAL_LENGTH_SYMBOLS: usize = 286;
/// Symbols of the distance alphabet.
const DISTANCE_SYMBOLS: usize = 30;
/// The end-of-block symbol.
const END_OF_BLOCK: usize = 256;

/// The shortest length of each length symbol (257 + index), and its extra bits.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
/// The extra bits after each length symbol.
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// The shortest distance of each distance symbol, and its extra bits.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
/// The extra bits after each distance symbol.
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// How often each printable ASCII byte (space to `~`) came as a literal, per 65,536
/// symbols, in the pages' content streams of the peers' 10,000 labels (`tools/peerbench`)
/// and of the golden PDFs (every size, sheet, script and customs form the tests draw):
/// 10,038 pages, matched as this module matches; each at least 1.
/// `cargo test --release --lib counts_from_pdfs -- --ignored --nocapture` counts them again
/// from the PDFs named in `SHIPLABEL_DEFLATE_CORPUS` (separated by `:`).
const PRINTABLE_COUNTS: [u32; 95] = [
    3025, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 203, 1569, 606, 8035, 3695, 4246, 3028, 2455, 3213,
    2424, 2151, 3079, 1807, 1, 1, 124, 1, 438, 1, 1, 1859, 1489, 1145, 1004, 1521, 1571, 1, 135,
    270, 68, 1, 1, 68, 1, 1, 68, 139, 1, 68, 474, 1, 1, 68, 1, 1, 1, 135, 1, 135, 1, 1, 1, 1, 1,
    136, 1, 136, 136, 68, 1, 1, 68, 1, 1, 221, 1, 68, 1, 136, 136, 1, 68, 68, 1, 1, 68, 1, 1, 1, 1,
    1, 1,
];
/// How often a newline came as a literal, counted as [`PRINTABLE_COUNTS`].
const NEWLINE_COUNT: u32 = 1099;
/// How often each length symbol (257 + index) came, counted as [`PRINTABLE_COUNTS`].
const LENGTH_COUNTS: [u32; 29] = [
    1, 4462, 1894, 980, 1016, 350, 62, 182, 1930, 418, 1023, 155, 34, 161, 38, 1, 69, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1,
];
/// How often each distance symbol came, per 65,536 distances (not symbols), in the same
/// pages; each at least 1.
const DISTANCE_COUNTS: [u32; DISTANCE_SYMBOLS] = [
    2, 3, 1, 754, 698, 561, 1980, 1878, 4163, 1217, 3622, 4254, 7806, 6168, 6699, 3933, 5034, 2690,
    3700, 1119, 6481, 2000, 746, 17, 13, 7, 3, 1, 1, 1,
];
/// How often the end of a block came (once a stream), counted as [`PRINTABLE_COUNTS`].
const END_COUNT: u32 = 68;

/// The code every page is compressed with, and what writing with it takes.
#[derive(Debug)]
struct PageCode {
    /// Each byte's code; none for bytes the code lacks.
    literal: [Sym; 256],
    /// The end of the block.
    end: Sym,
    /// Each match length's (3 to 258) length symbol with its extra bits.
    length: [Sym; MAX_MATCH + 1],
    /// Each distance symbol's code (its extra bits are added when written).
    distance: [Sym; DISTANCE_SYMBOLS],
    /// The block's header: last block, dynamic codes, and the code itself, as bytes of
    /// bits, the last byte's `header_bits % 8` low bits in use.
    header: Vec<u8>,
    header_bits: usize,
}

impl PageCode {
    /// The code, made the first time it is needed.
    fn get() -> &'static PageCode {
        static CODE: OnceLock<PageCode> = OnceLock::new();
        CODE.get_or_init(PageCode::build)
    }

    /// The code of the counts above, and its header.
    fn build() -> PageCode {
        let mut literal_counts = [0u32; LITERAL_LENGTH_SYMBOLS];
        for (count, byte) in PRINTABLE_COUNTS.iter().zip(b' '..=b'~') {
            literal_counts[usize::from(byte)] = *count;
        }
        literal_counts[usize::from(b'\n')] = NEWLINE_COUNT;
        literal_counts[END_OF_BLOCK] = END_COUNT;
        literal_counts[END_OF_BLOCK + 1..].copy_from_slice(&LENGTH_COUNTS);
        let literal_lengths = code_lengths(&literal_counts, 15);
        let distance_lengths = code_lengths(&DISTANCE_COUNTS, 15);
        let literal_codes = canonical_codes(&literal_lengths);
        let distance_codes = canonical_codes(&distance_lengths);

        let literal = std::array::from_fn(|byte| literal_codes[byte]);
        let length = std::array::from_fn(|length| {
            if length < 3 {
                return Sym::default();
            }
            let index = length_symbol(length);
            let code = literal_codes[END_OF_BLOCK + 1 + index];
            let extra = (length - usize::from(LENGTH_BASE[index])) as u32;
            Sym {
                bits: code.bits | extra << code.len,
                len: code.len + u32::from(LENGTH_EXTRA[index]),
            }
        });
        let distance = std::array::from_fn(|symbol| distance_codes[symbol]);
        let mut header = BitWriter::with_capacity(128);
        write_header(&mut header, &literal_lengths, &distance_lengths);
        let header_bits = header.bits_written();
        PageCode {
            literal,
            end: literal_codes[END_OF_BLOCK],
            length,
            distance,
            header: header.into_bytes(),
            header_bits,
        }
    }
}

/// The length symbol (257 + the index returned) of a match length from 3 to 258.
fn length_symbol(length: usize) -> usize {
    LENGTH_BASE.partition_point(|&base| usize::from(base) <= length) - 1
}

/// The distance symbol of a distance from 1 to 32,768.
fn distance_symbol(distance: usize) -> usize {
    DISTANCE_BASE.partition_point(|&base| usize::from(base) <= distance) - 1
}

/// The distance symbols of distances 1 to 256 (at `distance - 1`), then of longer ones by
/// `(distance - 1) >> 7` (at 256 plus that): the symbols above 256 each span a multiple of
/// 128 distances, as zlib looks them up.
fn distance_symbols() -> &'static [u8; 512] {
    static SYMBOLS: OnceLock<[u8; 512]> = OnceLock::new();
    SYMBOLS.get_or_init(|| {
        std::array::from_fn(|i| {
            let distance = if i < 256 { i + 1 } else { ((i - 256) << 7) + 1 };
            distance_symbol(distance.min(WINDOW)) as u8
        })
    })
}

/// Where matches are found: a thread's hash table, kept from stream to stream.
struct Matcher {
    /// The latest position of each hash of four bytes, offset (see [`Matcher::offset`]);
    /// 0 for none.
    table: Box<[u32; 1 << HASH_BITS]>,
    /// What this stream's positions are stored as, added to them. Each stream's offset is
    /// past every position stored before it, so a place is this stream's exactly when it is
    /// at least the offset.
    offset: u32,
    /// The room compressing takes, kept for the next stream.
    scratch: Vec<u8>,
}

/// The most room a thread keeps for compressing into: twice the longest stream the page code
/// takes ([`super::file::PAGE_CODE_MAX`]), and the header.
const SCRATCH_MAX: usize = 16 * 1024;

/// The longest stream [`deflate_page`] takes: positions are stored as `u32`, with room for
/// the offset to move on.
const LONGEST: usize = 1 << 30;

thread_local! {
    static MATCHER: RefCell<Matcher> = RefCell::new(Matcher {
        table: Box::new([0; 1 << HASH_BITS]),
        offset: 1,
        scratch: Vec::new(),
    });
}

/// What [`Matcher::parse`] finds, in order: literal bytes and copies of earlier bytes.
trait Tokens {
    /// A byte as it is; `false` stops the parse (the byte cannot be written).
    fn literal(&mut self, byte: u8) -> bool;
    /// `length` bytes (3 to 258) copied from `distance` bytes back (1 to 32,768).
    fn copy(&mut self, length: usize, distance: usize);
}

/// The bytes at `i` as a number (four of them must be there).
#[inline(always)]
fn four(data: &[u8], i: usize) -> u32 {
    data[i..i + 4].try_into().map_or(0, u32::from_le_bytes)
}

/// How many bytes `a` and `b` share from their start, at most `max`.
#[inline(always)]
fn common_prefix(a: &[u8], b: &[u8], max: usize) -> usize {
    let max = max.min(a.len()).min(b.len());
    let mut n = 0;
    while n + 8 <= max {
        let x = a[n..n + 8].try_into().map_or(0, u64::from_le_bytes);
        let y = b[n..n + 8].try_into().map_or(0, u64::from_le_bytes);
        let differ = x ^ y;
        if differ != 0 {
            return n + (differ.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while n < max && a[n] == b[n] {
        n += 1;
    }
    n
}

impl Matcher {
    /// The table's place for four bytes read as a number (Fibonacci hashing).
    #[inline(always)]
    fn hash(word: u32) -> usize {
        (word.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
    }

    /// Reads `data` as literals and copies, greedily: at each place the latest earlier place
    /// of the same four bytes' hash, if it holds them and is within the window, is copied
    /// from as far as the bytes agree. Returns `false` if `tokens` stopped it.
    fn parse(&mut self, data: &[u8], tokens: &mut impl Tokens) -> bool {
        // Positions are stored as u32 (`data` is at most `LONGEST`, a quarter of the range):
        // near the top, start again from 1 with the table cleared.
        let Ok(len) = u32::try_from(data.len()) else {
            return false;
        };
        if self
            .offset
            .checked_add(len)
            .is_none_or(|end| end == u32::MAX)
        {
            self.table.fill(0);
            self.offset = 1;
        }
        let base = self.offset;
        // The next stream's positions start past this one's.
        self.offset = base.saturating_add(len);
        let table = &mut *self.table;
        let mut i = 0;
        while i + MIN_MATCH <= data.len() {
            let word = four(data, i);
            let slot = &mut table[Matcher::hash(word)];
            let candidate = *slot;
            *slot = base + i as u32;
            if candidate >= base {
                // An earlier place of this stream (every place stored is below `base + i`),
                // within the window.
                let at = (candidate - base) as usize;
                let distance = i.checked_sub(at).filter(|d| (1..=WINDOW).contains(d));
                if let Some(distance) = distance
                    && four(data, at) == word
                {
                    let length = MIN_MATCH
                        + common_prefix(
                            &data[at + MIN_MATCH..],
                            &data[i + MIN_MATCH..],
                            MAX_MATCH - MIN_MATCH,
                        );
                    tokens.copy(length, distance);
                    i += length;
                    continue;
                }
            }
            if !tokens.literal(data[i]) {
                return false;
            }
            i += 1;
        }
        data[i..].iter().all(|&byte| tokens.literal(byte))
    }
}

/// Tokens written with the page code.
struct Writer<'a> {
    code: &'a PageCode,
    distance_symbols: &'a [u8; 512],
    out: BitWriter,
}

impl Tokens for Writer<'_> {
    #[inline(always)]
    fn literal(&mut self, byte: u8) -> bool {
        let sym = self.code.literal[usize::from(byte)];
        self.out.put(sym.bits, sym.len);
        sym.len != 0
    }

    #[inline(always)]
    fn copy(&mut self, length: usize, distance: usize) {
        let sym = self.code.length[length];
        self.out.put(sym.bits, sym.len);
        let index = if distance <= 256 {
            distance - 1
        } else {
            256 + ((distance - 1) >> 7)
        };
        let symbol = usize::from(self.distance_symbols[index]);
        let sym = self.code.distance[symbol];
        let extra = (distance - usize::from(DISTANCE_BASE[symbol])) as u32;
        self.out.put(
            sym.bits | extra << sym.len,
            sym.len + u32::from(DISTANCE_EXTRA[symbol]),
        );
    }
}

/// `data` as a zlib stream (RFC 1950) of one DEFLATE block in the page code, or `None` if
/// it holds a byte other than printable ASCII or newline, or is longer than 1 GiB.
pub(crate) fn deflate_page(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() > LONGEST {
        return None;
    }
    MATCHER.with_borrow_mut(|matcher| deflate_with(matcher, data))
}

/// [`deflate_page`] with `matcher`.
fn deflate_with(matcher: &mut Matcher, data: &[u8]) -> Option<Vec<u8>> {
    let code = PageCode::get();
    // A literal takes at most 15 bits, a copy of 4 bytes or more at most 48.
    let capacity = 2 + code.header.len() + 2 * data.len() + 4;
    let mut writer = Writer {
        code,
        distance_symbols: distance_symbols(),
        out: BitWriter::on(std::mem::take(&mut matcher.scratch), capacity),
    };
    // Deflate, 32 KiB window, fastest; the check bits make the pair a multiple of 31.
    writer.out.put_bytes(&[0x78, 0x01]);
    writer.out.put_bits_of(&code.header, code.header_bits);
    let written = matcher.parse(data, &mut writer);
    let mut out = writer.out;
    out.put(code.end.bits, code.end.len);
    let (buffer, end) = out.finish();
    let compressed = written.then(|| {
        let mut adler = Adler32::new();
        adler.update(data);
        let mut bytes = Vec::with_capacity(end + 4);
        bytes.extend_from_slice(&buffer[..end]);
        bytes.extend_from_slice(&adler.sum().to_be_bytes());
        bytes
    });
    if buffer.len() <= SCRATCH_MAX {
        matcher.scratch = buffer;
    }
    compressed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::inflate;

    /// A matcher of its own, its positions starting at `offset`.
    fn matcher_at(offset: u32) -> Matcher {
        Matcher {
            table: Box::new([0; 1 << HASH_BITS]),
            offset,
            scratch: Vec::new(),
        }
    }

    /// Printable ASCII and newlines, from a small generator (no dependency on a crate's
    /// random numbers): `alphabet` characters only, so shorter alphabets repeat more.
    fn text(len: usize, alphabet: usize, seed: u64) -> Vec<u8> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let pick = (state % alphabet.clamp(1, 96) as u64) as u8;
                if pick == 95 { b'\n' } else { b' ' + pick }
            })
            .collect()
    }

    #[test]
    fn streams_of_every_size_and_kind_inflate_to_their_bytes() {
        let mut inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"q".to_vec(),
            b"Q\n".to_vec(),
            b"abc".to_vec(),
            b"abcd".to_vec(),
            b"abcdabcd".to_vec(),
            // Runs: copies from one byte back, up to the longest match and past it.
            vec![b'0'; 3],
            vec![b'0'; 258 + 4],
            vec![b'0'; 70_000],
            b"0 0 1 1 re\nf\n".repeat(500),
        ];
        for (len, alphabet) in [(5, 2), (300, 4), (2_000, 20), (9_000, 96), (40_000, 11)] {
            inputs.push(text(len, alphabet, len as u64));
        }
        // Longer than the window: matches must not reach back further than 32 KiB.
        let far = text(1_000, 96, 7);
        inputs.push([&far[..], &text(WINDOW, 3, 8), &far[..]].concat());
        for data in &inputs {
            let compressed = deflate_page(data).unwrap();
            assert_eq!(&compressed[..2], [0x78, 0x01]);
            assert_eq!(inflate(&compressed), *data, "{} bytes", data.len());
        }
    }

    #[test]
    fn a_stream_never_copies_from_the_one_before() {
        // The same bytes twice: the second stream's table holds the first's places, which
        // must be out of reach, so it inflates alone.
        let page = text(3_000, 30, 1);
        let first = deflate_page(&page).unwrap();
        let second = deflate_page(&page).unwrap();
        assert_eq!(first, second);
        assert_eq!(inflate(&second), page);
        // And when the offsets come to the top of a u32, the table starts again (its places,
        // all from earlier streams, below the offset).
        let mut matcher = matcher_at(u32::MAX - 5_000);
        matcher.table.fill(u32::MAX - 6_000);
        for _ in 0..3 {
            let written = deflate_with(&mut matcher, &page).unwrap();
            assert_eq!(inflate(&written), page);
        }
        assert!(matcher.offset < u32::MAX / 2);
    }

    #[test]
    fn bytes_the_code_lacks_are_refused_whole() {
        for data in [&b"\x00"[..], b"BT (\xC3\xA9) Tj ET", b"\t", b"0 0 m\r\n"] {
            assert_eq!(deflate_page(data), None);
        }
        // Refused midway, the next stream is still its own.
        let page = text(2_000, 40, 3);
        assert_eq!(deflate_page(&[&page[..], b"\xFF"].concat()), None);
        assert_eq!(inflate(&deflate_page(&page).unwrap()), page);
    }

    #[test]
    fn the_code_is_complete_and_fits_deflates_limits() {
        let code = PageCode::get();
        // Kraft: a complete prefix code has sum 2^-len = 1 over its symbols.
        let kraft = |lens: &mut dyn Iterator<Item = u32>| -> f64 {
            lens.filter(|&l| l > 0).map(|l| (-(l as f64)).exp2()).sum()
        };
        let literal_lens = code
            .literal
            .iter()
            .map(|s| s.len)
            .chain([code.end.len])
            .chain((0..LENGTH_BASE.len()).map(|i| {
                let length = usize::from(LENGTH_BASE[i]);
                code.length[length].len - u32::from(LENGTH_EXTRA[i])
            }));
        let lens: Vec<u32> = literal_lens.collect();
        assert!(lens.iter().all(|&l| l <= 15));
        assert_eq!(kraft(&mut lens.iter().copied()), 1.0);
        let distance_lens: Vec<u32> = code.distance.iter().map(|s| s.len).collect();
        assert!(distance_lens.iter().all(|&l| (1..=15).contains(&l)));
        assert_eq!(kraft(&mut distance_lens.iter().copied()), 1.0);
        // Exactly printable ASCII and newline have codes.
        for byte in 0..=255u8 {
            let printable = byte == b'\n' || (b' '..=b'~').contains(&byte);
            assert_eq!(
                code.literal[usize::from(byte)].len != 0,
                printable,
                "{byte}"
            );
        }
        assert_eq!(code.header_bits.div_ceil(8), code.header.len());
    }

    #[test]
    fn distance_symbols_match_rfc_1951() {
        for distance in 1..=WINDOW {
            let index = if distance <= 256 {
                distance - 1
            } else {
                256 + ((distance - 1) >> 7)
            };
            let symbol = usize::from(distance_symbols()[index]);
            assert_eq!(symbol, distance_symbol(distance), "{distance}");
            let base = usize::from(DISTANCE_BASE[symbol]);
            assert!(distance >= base && distance - base < 1 << DISTANCE_EXTRA[symbol]);
        }
    }

    /// The golden PDFs (every size, sheet, script and customs form the tests draw) have
    /// every content stream of a label's length in the page code (nothing a label draws
    /// falls back) and the longer ones as libdeflate makes them.
    #[test]
    fn every_golden_page_is_compressed_as_its_length_calls_for() {
        use crate::render::file::{Effort, PAGE_CODE_MAX, deflate};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
        let (mut short, mut long) = (0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            let doc = lopdf::Document::load(&path).unwrap();
            for (_, object) in doc.objects.iter() {
                let Ok(stream) = object.as_stream() else {
                    continue;
                };
                // Content: compressed, no type (object streams and the cross-reference
                // have one), not a font program, and no subtype but a form's.
                let dict = &stream.dict;
                let flate = dict.get(b"Filter").and_then(|f| f.as_name()).ok();
                let subtype = dict.get(b"Subtype").and_then(|s| s.as_name());
                if flate != Some(b"FlateDecode".as_slice())
                    || dict.get(b"Type").is_ok()
                    || dict.get(b"Length1").is_ok()
                    || subtype.is_ok_and(|s| s != b"Form")
                {
                    continue;
                }
                let raw = inflate(&stream.content);
                if raw.starts_with(b"/CIDInit") {
                    continue;
                }
                let expected = if raw.len() <= PAGE_CODE_MAX {
                    short += 1;
                    deflate_page(&raw).unwrap()
                } else {
                    long += 1;
                    deflate(&raw, Effort::Fast)
                };
                assert!(
                    expected == stream.content,
                    "a content stream of {} ({} bytes) is not compressed as expected",
                    path.display(),
                    raw.len()
                );
            }
        }
        assert!(short > 25 && long > 5, "{short} short, {long} long");
    }

    /// Counts the symbols of the content streams in the PDFs named (separated by `:`) in
    /// `SHIPLABEL_DEFLATE_CORPUS`, and prints them as this module's tables.
    #[test]
    #[ignore = "a tool: prints the symbol counts of a corpus of PDFs"]
    fn counts_from_pdfs() {
        struct Counts {
            literal: [u64; LITERAL_LENGTH_SYMBOLS],
            distance: [u64; DISTANCE_SYMBOLS],
        }
        impl Tokens for Counts {
            fn literal(&mut self, byte: u8) -> bool {
                self.literal[usize::from(byte)] += 1;
                true
            }
            fn copy(&mut self, length: usize, distance: usize) {
                self.literal[END_OF_BLOCK + 1 + length_symbol(length)] += 1;
                self.distance[distance_symbol(distance)] += 1;
            }
        }
        let corpus = std::env::var("SHIPLABEL_DEFLATE_CORPUS").unwrap_or_default();
        let mut counts = Counts {
            literal: [0; LITERAL_LENGTH_SYMBOLS],
            distance: [0; DISTANCE_SYMBOLS],
        };
        let mut matcher = matcher_at(1);
        let mut pages = 0;
        for path in corpus.split(':').filter(|p| !p.is_empty()) {
            let doc = lopdf::Document::load(path).unwrap();
            for page in doc.get_pages().into_values() {
                for id in doc.get_page_contents(page) {
                    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
                    matcher.parse(&inflate(&stream.content), &mut counts);
                    counts.literal[END_OF_BLOCK] += 1;
                    pages += 1;
                }
            }
        }
        let total: u64 = counts.literal.iter().sum::<u64>().max(1);
        let per_65536 = |n: u64, total: u64| n * 65_536 / total + 1;
        let printable: Vec<u64> = (b' '..=b'~')
            .map(|b| per_65536(counts.literal[usize::from(b)], total))
            .collect();
        println!("{pages} pages");
        println!("const PRINTABLE_COUNTS: [u32; 95] = {printable:?};");
        let newline = per_65536(counts.literal[usize::from(b'\n')], total);
        println!("const NEWLINE_COUNT: u32 = {newline};");
        println!("const END_COUNT: u32 = {};", per_65536(pages, total));
        let lengths: Vec<u64> = counts.literal[END_OF_BLOCK + 1..]
            .iter()
            .map(|&n| per_65536(n, total))
            .collect();
        println!("const LENGTH_COUNTS: [u32; 29] = {lengths:?};");
        let distances: u64 = counts.distance.iter().sum::<u64>().max(1);
        let distance: Vec<u64> = counts
            .distance
            .iter()
            .map(|&n| per_65536(n, distances))
            .collect();
        println!("const DISTANCE_COUNTS: [u32; DISTANCE_SYMBOLS] = {distance:?};");
    }
}
