//! How DEFLATE (RFC 1951) writes with a Huffman code: code lengths limited to a depth,
//! the canonical codes they stand for, a dynamic block's header that sends them, and the
//! bits themselves. [`super::page_deflate`] makes its one code with these.

/// A Huffman code's symbol as it is written: its bits, first bit lowest (DEFLATE writes
/// codes from their most significant bit, into bytes from their least), with any extra bits
/// above them, and how many bits that is in all. No bits: the symbol has no code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Sym {
    /// The code's bits (and any extra bits above them), first bit lowest.
    pub(super) bits: u32,
    /// How many bits: 0 for a symbol without a code.
    pub(super) len: u32,
}

/// The order the code-length code's lengths are sent in (RFC 1951, 3.2.7).
const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Huffman code lengths for `counts`, none longer than `limit` bits; 0 for a symbol that
/// never comes. A code too deep is made again from counts halved (each kept at least 1),
/// which flattens it, until it fits: deterministic, and at worst as flat as equal counts,
/// which fits as long as at most 2^`limit` symbols come (every alphabet of DEFLATE does).
pub(super) fn code_lengths<const N: usize>(counts: &[u32; N], limit: u32) -> [u8; N] {
    debug_assert!(counts.iter().filter(|&&c| c > 0).count() <= 1 << limit.min(31));
    let mut counts = *counts;
    // Counts of 32 bits are all 1 after 32 halvings.
    for _ in 0..32 {
        let lengths = huffman_lengths(&counts);
        if lengths.iter().all(|&l| u32::from(l) <= limit) {
            return lengths;
        }
        for count in counts.iter_mut().filter(|c| **c > 0) {
            *count = count.div_ceil(2);
        }
    }
    huffman_lengths(&counts)
}

/// Unlimited Huffman code lengths: the two lightest nodes joined until one is left (ties
/// to the lower symbol, then to leaves), each symbol's length its depth.
fn huffman_lengths<const N: usize>(counts: &[u32; N]) -> [u8; N] {
    let mut lengths = [0u8; N];
    let mut leaves: Vec<(u64, usize)> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(symbol, &c)| (u64::from(c), symbol))
        .collect();
    match leaves.as_slice() {
        [] => return lengths,
        // One symbol still needs a bit. RFC 1951 allows a code of one symbol for distances
        // only; [`write_header`] gives its code-length code a second symbol.
        [(_, only)] => {
            lengths[*only] = 1;
            return lengths;
        }
        _ => {}
    }
    leaves.sort_unstable();
    // Nodes: leaves first (0..n), then joins; each node's parent.
    let n = leaves.len();
    let mut weight: Vec<u64> = leaves.iter().map(|&(w, _)| w).collect();
    let mut parent = vec![usize::MAX; 2 * n - 1];
    // Two queues: the leaves in order, and the joins, which come in order of weight.
    let (mut next_leaf, mut next_join) = (0, n);
    let mut lightest = |weight: &Vec<u64>| {
        let take_leaf =
            next_leaf < n && (next_join >= weight.len() || weight[next_leaf] <= weight[next_join]);
        if take_leaf {
            next_leaf += 1;
            next_leaf - 1
        } else {
            next_join += 1;
            next_join - 1
        }
    };
    for _ in 0..n - 1 {
        let a = lightest(&weight);
        let b = lightest(&weight);
        let join = weight.len();
        weight.push(weight[a] + weight[b]);
        parent[a] = join;
        parent[b] = join;
    }
    // Depths from the root (the last join) down: a parent comes after its children.
    let mut depth = vec![0u8; 2 * n - 1];
    for node in (0..2 * n - 2).rev() {
        depth[node] = depth[parent[node]] + 1;
    }
    for (leaf, &(_, symbol)) in leaves.iter().enumerate() {
        lengths[symbol] = depth[leaf];
    }
    lengths
}

/// The canonical code of each length (RFC 1951, 3.2.2), as written (bits reversed).
pub(super) fn canonical_codes<const N: usize>(lengths: &[u8; N]) -> [Sym; N] {
    let mut count = [0u32; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    let mut code = 0;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    std::array::from_fn(|symbol| {
        let len = u32::from(lengths[symbol]);
        if len == 0 {
            return Sym::default();
        }
        let code = next[len as usize];
        next[len as usize] += 1;
        Sym {
            bits: code.reverse_bits() >> (32 - len),
            len,
        }
    })
}

/// A dynamic block's header (RFC 1951, 3.2.7), marked the last block: the code lengths of
/// both alphabets (257 to 286 literal/length symbols, 1 to 32 distance symbols), run-length
/// coded with the code-length code, and that code's own lengths.
pub(super) fn write_header(out: &mut BitWriter, literal_lengths: &[u8], distance_lengths: &[u8]) {
    // The lengths of both alphabets as one sequence, runs of a length coded as 16 (the
    // previous length 3 to 6 times more), runs of zeros as 17 (3 to 10) or 18 (11 to 138).
    let lengths: Vec<u8> = literal_lengths
        .iter()
        .chain(distance_lengths)
        .copied()
        .collect();
    let mut runs: Vec<(usize, u32)> = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let length = lengths[i];
        let run = lengths[i..].iter().take_while(|&&l| l == length).count();
        let mut left = run;
        if length == 0 {
            while left >= 11 {
                let n = left.min(138);
                runs.push((18, (n - 11) as u32));
                left -= n;
            }
            if left >= 3 {
                runs.push((17, (left - 3) as u32));
                left = 0;
            }
        } else {
            runs.push((usize::from(length), 0));
            left -= 1;
            while left >= 3 {
                let n = left.min(6);
                runs.push((16, (n - 3) as u32));
                left -= n;
            }
        }
        runs.extend(std::iter::repeat_n((usize::from(length), 0), left));
        i += run;
    }
    let mut counts = [0u32; 19];
    for &(symbol, _) in &runs {
        counts[symbol] += 1;
    }
    // A code of one symbol is not complete, which inflaters refuse for this code: a second
    // symbol, never sent, completes it.
    if counts.iter().filter(|&&c| c > 0).count() < 2 {
        let unused = usize::from(counts[0] != 0);
        counts[unused] = 1;
    }
    let code_lengths = code_lengths(&counts, 7);
    let codes = canonical_codes(&code_lengths);
    let sent = CODE_LENGTH_ORDER
        .iter()
        .rposition(|&symbol| code_lengths[symbol] != 0)
        .map_or(4, |last| (last + 1).max(4));
    out.put(1, 1); // the last block
    out.put(2, 2); // dynamic Huffman codes
    out.put(literal_lengths.len().saturating_sub(257) as u32, 5);
    out.put(distance_lengths.len().saturating_sub(1) as u32, 5);
    out.put((sent - 4) as u32, 4);
    for &symbol in &CODE_LENGTH_ORDER[..sent] {
        out.put(u32::from(code_lengths[symbol]), 3);
    }
    for (symbol, extra) in runs {
        let code = codes[symbol];
        out.put(code.bits, code.len);
        match symbol {
            16 => out.put(extra, 2),
            17 => out.put(extra, 3),
            18 => out.put(extra, 7),
            _ => {}
        }
    }
}

/// Bits into bytes, first bit lowest, into room made in advance.
pub(super) struct BitWriter {
    out: Vec<u8>,
    /// Bytes of `out` written.
    at: usize,
    /// Bits not yet in `out`, the first lowest, and how many.
    pending: u64,
    count: u32,
}

impl BitWriter {
    /// Room for `capacity` bytes and 8 more (a flush writes four bytes at a time).
    pub(super) fn with_capacity(capacity: usize) -> Self {
        BitWriter {
            out: vec![0; capacity + 8],
            at: 0,
            pending: 0,
            count: 0,
        }
    }

    /// Appends the `len` low bits of `bits` (`len` at most 32, no bits above it set).
    #[inline(always)]
    pub(super) fn put(&mut self, bits: u32, len: u32) {
        self.pending |= u64::from(bits) << self.count;
        self.count += len;
        if self.count >= 32 {
            self.flush_word();
        }
    }

    /// Moves 32 pending bits into the bytes.
    #[inline(always)]
    fn flush_word(&mut self) {
        if self.out.len() < self.at + 4 {
            self.out.resize(self.at + 4 + 1024, 0);
        }
        self.out[self.at..self.at + 4].copy_from_slice(&(self.pending as u32).to_le_bytes());
        self.at += 4;
        self.pending >>= 32;
        self.count -= 32;
    }

    /// How many bits have been appended.
    pub(super) fn bits_written(&self) -> usize {
        self.at * 8 + self.count as usize
    }

    /// The bytes written, the last padded with zero bits.
    pub(super) fn into_bytes(self) -> Vec<u8> {
        let (mut out, end) = self.finish();
        out.truncate(end);
        out
    }

    /// The buffer written into, the last byte padded with zero bits, and how many of its
    /// bytes were written (the rest is room, its bytes left as they were).
    pub(super) fn finish(mut self) -> (Vec<u8>, usize) {
        let end = self.at + self.count.div_ceil(8) as usize;
        if self.out.len() < self.at + 8 {
            self.out.resize(self.at + 8, 0);
        }
        self.out[self.at..self.at + 8].copy_from_slice(&self.pending.to_le_bytes());
        (self.out, end)
    }

    /// A writer into `buffer` (its bytes overwritten), with room for `capacity` bytes.
    pub(super) fn on(mut buffer: Vec<u8>, capacity: usize) -> Self {
        // What it held is written over, not cleared.
        if buffer.len() < capacity + 8 {
            buffer.resize(capacity + 8, 0);
        }
        BitWriter {
            out: buffer,
            at: 0,
            pending: 0,
            count: 0,
        }
    }

    /// Appends whole bytes; no bits may be pending.
    pub(super) fn put_bytes(&mut self, bytes: &[u8]) {
        debug_assert_eq!(self.count, 0);
        let end = self.at + bytes.len();
        if self.out.len() < end + 8 {
            self.out.resize(end + 8, 0);
        }
        self.out[self.at..end].copy_from_slice(bytes);
        self.at = end;
    }

    /// Appends `bits` bits of `bytes`, first bit lowest; no bits may be pending.
    pub(super) fn put_bits_of(&mut self, bytes: &[u8], bits: usize) {
        let whole = bits / 8;
        self.put_bytes(&bytes[..whole]);
        if !bits.is_multiple_of(8) {
            self.put(u32::from(bytes[whole]), (bits % 8) as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huffman_lengths_are_optimal_and_limited() {
        assert_eq!(huffman_lengths(&[1, 1, 2, 4]), [3, 3, 2, 1]);
        assert_eq!(huffman_lengths(&[0, 5, 0]), [0, 1, 0]);
        assert_eq!(huffman_lengths(&[0u32; 3]), [0, 0, 0]);
        assert_eq!(huffman_lengths(&[3, 3, 3, 3]), [2, 2, 2, 2]);
        // Fibonacci counts make the deepest tree: 20 symbols would need 19 bits.
        let mut fibonacci = [0u32; 20];
        (fibonacci[0], fibonacci[1]) = (1, 1);
        for i in 2..20 {
            fibonacci[i] = fibonacci[i - 1] + fibonacci[i - 2];
        }
        assert_eq!(huffman_lengths(&fibonacci).iter().max(), Some(&19));
        let limited = code_lengths(&fibonacci, 7);
        assert!(limited.iter().all(|&l| (1..=7).contains(&l)));
        let kraft: f64 = limited.iter().map(|&l| (-f64::from(l)).exp2()).sum();
        assert_eq!(kraft, 1.0);
    }

    #[test]
    fn canonical_codes_follow_rfc_1951() {
        // RFC 1951, 3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) give codes 010, 011, 100, 101,
        // 110, 00, 1110, 1111 (written here bit-reversed, first bit lowest).
        let codes = canonical_codes(&[3, 3, 3, 3, 3, 2, 4, 4]);
        let expected = [0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111];
        for (code, (want, len)) in codes
            .iter()
            .zip(expected.iter().zip([3, 3, 3, 3, 3, 2, 4, 4]))
        {
            assert_eq!(code.len, len);
            assert_eq!(code.bits, (*want as u32).reverse_bits() >> (32 - len));
        }
    }
}
