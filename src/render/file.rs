//! The PDF file itself: numbered objects written one after another to any writer, small
//! dictionaries packed into compressed object streams, and a cross-reference stream at the
//! end (PDF 32000-1, 7.5.7 and 7.5.8), so a document streams out as it is made and holds
//! only what is still to be written.

use std::cell::RefCell;
use std::io::Write;

use flate2::{Compress, Compression, FlushCompress, Status};
use libdeflater::{Adler32, CompressionLvl, Compressor, Crc};

use super::RenderError;
use super::content::{push_hex, push_integer};
use super::page_deflate::deflate_page;

/// How hard libdeflate compresses a stream: content too long for the page code
/// ([`deflate_content`]) and object streams fast (there are many, and object streams are
/// compressed on the thread that writes), fonts best (each is written once per document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effort {
    Fast,
    Best,
}

impl Effort {
    /// libdeflate's level. Level 1 deflates a 3.2 KB label page in about 15 µs to about
    /// 1,010 bytes, where zlib-rs took 36 µs at level 6 (959 bytes) and 28 µs at level 2
    /// (1,026 bytes). Fonts take level 9: level 12, libdeflate's closest search, saved 57
    /// bytes of the single-label PDF and took about ten times as long, after the last page.
    fn level(self) -> i32 {
        match self {
            Effort::Fast => 1,
            Effort::Best => 9,
        }
    }
}

/// The most room a thread keeps for compressing into: a customs form's content needs up to
/// about 22 KB, a sheet of labels some tens.
const SCRATCH_MAX: usize = 64 * 1024;

/// A thread's compressors, one per effort, and the room they compress into.
#[derive(Default)]
struct Compressors {
    by_effort: [Option<Compressor>; 2],
    /// Sized for the worst case of each stream, and kept: what a stream takes is copied
    /// out at its own size, so a page waiting to be written holds only its bytes.
    scratch: Vec<u8>,
}

thread_local! {
    /// One compressor per effort per thread: setting one up costs more than compressing a
    /// label's content.
    static COMPRESSORS: RefCell<Compressors> = RefCell::default();
}

/// `data` compressed with zlib (`/FlateDecode`), in one piece.
pub(crate) fn deflate(data: &[u8], effort: Effort) -> Vec<u8> {
    COMPRESSORS.with_borrow_mut(|Compressors { by_effort, scratch }| {
        let slot = usize::from(effort == Effort::Best);
        let compressor = by_effort[slot].get_or_insert_with(|| {
            // Levels 0 to 12 are all valid, so the fallback is never taken.
            Compressor::new(CompressionLvl::new(effort.level()).unwrap_or_default())
        });
        let bound = compressor.zlib_compress_bound(data.len());
        // A font's stream, written once, gets room of its own rather than leaving the
        // thread holding as much.
        if bound > SCRATCH_MAX {
            let mut own = vec![0; bound];
            return match compressor.zlib_compress(data, &mut own) {
                Ok(written) => {
                    own.truncate(written);
                    own.shrink_to_fit();
                    own
                }
                Err(_) => zlib_stored(data),
            };
        }
        if scratch.len() < bound {
            scratch.resize(bound, 0);
        }
        match compressor.zlib_compress(data, scratch) {
            Ok(written) => scratch.get(..written).unwrap_or_default().to_vec(),
            // Only an output smaller than the bound fails; the stream stays valid
            // uncompressed.
            Err(_) => zlib_stored(data),
        }
    })
}

/// The longest content stream compressed with the page code ([`deflate_page`]): a 4x6
/// label's page (2 to 4 KB). Longer ones (larger sizes such as A6, long or Arabic addresses,
/// customs forms of 7 to 22 KB, sheets) go to libdeflate, whose cost before the first byte
/// (about 6 µs) is then a smaller part, and whose code made for the stream saves about a
/// tenth of their bytes.
pub(crate) const PAGE_CODE_MAX: usize = 4 * 1024;

/// A content stream (a page's, a sheet's or a form's) compressed with zlib: up to
/// [`PAGE_CODE_MAX`] bytes with the code made for pages' operators ([`deflate_page`]), or
/// as any stream at [`Effort::Fast`] if it is longer or holds a byte that code lacks.
pub(crate) fn deflate_content(data: &[u8]) -> Vec<u8> {
    (data.len() <= PAGE_CODE_MAX)
        .then(|| deflate_page(data))
        .flatten()
        .unwrap_or_else(|| deflate(data, Effort::Fast))
}

/// Compresses all of `data` onto `out` with `compress`: with [`FlushCompress::None`] as
/// part of a longer stream, with [`FlushCompress::Finish`] to its end. The error is zlib's
/// (which only fails on misuse).
fn deflate_more(
    compress: &mut Compress,
    data: &[u8],
    out: &mut Vec<u8>,
    flush: FlushCompress,
) -> Result<(), flate2::CompressError> {
    let start = compress.total_in();
    loop {
        let consumed = (compress.total_in() - start) as usize;
        let input = data.get(consumed..).unwrap_or_default();
        // Room for what is left, and more each time the output fills.
        out.reserve(input.len() / 2 + 64);
        match compress.compress_vec(input, out, flush)? {
            Status::StreamEnd => return Ok(()),
            Status::Ok | Status::BufError
                if flush == FlushCompress::None
                    && compress.total_in() - start == data.len() as u64 =>
            {
                return Ok(());
            }
            Status::Ok | Status::BufError => {}
        }
    }
}

/// The error of a cross-reference that could not be compressed.
fn xref_failed(e: flate2::CompressError) -> RenderError {
    RenderError::Pdf(format!("compressing the cross-reference failed: {e}"))
}

/// `data` as a zlib stream of stored (uncompressed) blocks: valid for `/FlateDecode`.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(0xFFFF).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// A reference to an object: its number (generation 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ObjRef(u32);

impl ObjRef {
    /// Appends ` n 0 R`-style text: `n 0 R`.
    pub(crate) fn push(self, buf: &mut Vec<u8>) {
        push_integer(buf, u64::from(self.0));
        buf.extend_from_slice(b" 0 R");
    }
}

/// Where an object was put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Location {
    /// Numbered but not written yet.
    Pending,
    /// At this byte offset of the file.
    At(u64),
    /// The `index`th object of the object stream `stream`.
    Packed { stream: u32, index: u16 },
}

/// Each object's [`Location`], by number - 1, eight bytes each in blocks of a fixed size:
/// a document of 100,000 pages keeps some 200,000 of them until its cross-reference is
/// written, and neither a location's size nor a growing vector's spare half and copying
/// should make memory follow the page count more than that.
#[derive(Debug, Default)]
struct Locations {
    blocks: Vec<Vec<u64>>,
    len: usize,
}

impl Locations {
    /// Locations per block: 32 KiB.
    const BLOCK: usize = 4096;
    /// The top bit marks an object in an object stream (offsets stay below 2⁶³).
    const PACKED: u64 = 1 << 63;
    const PENDING: u64 = u64::MAX;

    fn encode(location: Location) -> u64 {
        match location {
            Location::Pending => Self::PENDING,
            Location::At(offset) => offset & !Self::PACKED,
            Location::Packed { stream, index } => {
                Self::PACKED | u64::from(stream) << 16 | u64::from(index)
            }
        }
    }

    fn decode(word: u64) -> Location {
        match word {
            Self::PENDING => Location::Pending,
            w if w & Self::PACKED != 0 => Location::Packed {
                stream: (w >> 16) as u32,
                index: w as u16,
            },
            offset => Location::At(offset),
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn push(&mut self, location: Location) {
        if self.len.is_multiple_of(Self::BLOCK) {
            self.blocks.push(Vec::with_capacity(Self::BLOCK));
        }
        if let Some(block) = self.blocks.last_mut() {
            block.push(Self::encode(location));
            self.len += 1;
        }
    }

    /// Sets the location of object `index` (its number - 1), if there is one.
    fn set(&mut self, index: usize, location: Location) {
        if let Some(word) = self
            .blocks
            .get_mut(index / Self::BLOCK)
            .and_then(|block| block.get_mut(index % Self::BLOCK))
        {
            *word = Self::encode(location);
        }
    }

    fn iter(&self) -> impl Iterator<Item = Location> + '_ {
        self.blocks.iter().flatten().map(|&word| Self::decode(word))
    }
}

/// Objects per object stream: enough to compress page dictionaries well, few enough that
/// little waits in memory.
const PACK: usize = 100;

/// A PDF being written: objects go out as they are finished.
pub(crate) struct PdfFile<W: Write> {
    out: W,
    /// Bytes written so far.
    written: u64,
    /// Checksums of everything written, for the document's `/ID` (with its length): CRC-32
    /// and Adler-32, which libdeflate computes many bytes at a time (a byte-at-a-time hash
    /// of a 1,000-label document cost the writing thread about 2 % of a run's CPU).
    crc: Crc,
    adler: Adler32,
    /// Each object's place.
    locations: Locations,
    /// Small objects waiting for their object stream: number and body.
    packed: Vec<(u32, Vec<u8>)>,
}

impl<W: Write> PdfFile<W> {
    /// Starts a file: the header, with the binary comment that marks it as 8-bit data.
    pub(crate) fn new(out: W) -> Result<Self, RenderError> {
        let mut file = PdfFile {
            out,
            written: 0,
            crc: Crc::new(),
            adler: Adler32::new(),
            locations: Locations::default(),
            packed: Vec::new(),
        };
        file.emit(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(file)
    }

    fn emit(&mut self, bytes: &[u8]) -> Result<(), RenderError> {
        self.out.write_all(bytes).map_err(RenderError::from)?;
        self.written += bytes.len() as u64;
        self.crc.update(bytes);
        self.adler.update(bytes);
        Ok(())
    }

    /// Numbers an object to be written later, so others can refer to it now.
    pub(crate) fn reserve(&mut self) -> ObjRef {
        self.locations.push(Location::Pending);
        ObjRef(self.locations.len() as u32)
    }

    fn locate(&mut self, id: ObjRef, location: Location) {
        if let Some(index) = (id.0 as usize).checked_sub(1) {
            self.locations.set(index, location);
        }
    }

    /// Writes a stream object: `dict` holds its entries other than `/Length`; `data` is
    /// written as given (compress it first, and say so in `dict`).
    pub(crate) fn stream(
        &mut self,
        id: ObjRef,
        dict: &[u8],
        data: &[u8],
    ) -> Result<(), RenderError> {
        self.locate(id, Location::At(self.written));
        let mut head = Vec::with_capacity(dict.len() + 48);
        push_integer(&mut head, u64::from(id.0));
        head.extend_from_slice(b" 0 obj\n<<");
        head.extend_from_slice(dict);
        head.extend_from_slice(b"/Length ");
        push_integer(&mut head, data.len() as u64);
        head.extend_from_slice(b">>\nstream\n");
        self.emit(&head)?;
        self.emit(data)?;
        self.emit(b"\nendstream\nendobj\n")
    }

    /// A stream compressed with `/FlateDecode`.
    pub(crate) fn deflated_stream(
        &mut self,
        id: ObjRef,
        dict: &[u8],
        data: &[u8],
        effort: Effort,
    ) -> Result<(), RenderError> {
        self.flate_stream(id, dict, &deflate(data, effort))
    }

    /// A stream of data compressed already, with `/FlateDecode`.
    fn flate_stream(
        &mut self,
        id: ObjRef,
        dict: &[u8],
        compressed: &[u8],
    ) -> Result<(), RenderError> {
        let mut full = Vec::with_capacity(dict.len() + 20);
        full.extend_from_slice(b"/Filter/FlateDecode");
        full.extend_from_slice(dict);
        self.stream(id, &full, compressed)
    }

    /// Writes a small object (a dictionary, an array): it waits to be packed into an
    /// object stream.
    pub(crate) fn object(&mut self, id: ObjRef, body: Vec<u8>) -> Result<(), RenderError> {
        self.packed.push((id.0, body));
        if self.packed.len() >= PACK {
            self.pack()?;
        }
        Ok(())
    }

    /// Writes the waiting small objects as one object stream.
    fn pack(&mut self) -> Result<(), RenderError> {
        if self.packed.is_empty() {
            return Ok(());
        }
        let objects = std::mem::take(&mut self.packed);
        let stream = self.reserve();
        let mut index = Vec::new();
        let mut bodies = Vec::new();
        for (i, (number, body)) in objects.iter().enumerate() {
            push_integer(&mut index, u64::from(*number));
            index.push(b' ');
            push_integer(&mut index, bodies.len() as u64);
            index.push(b' ');
            bodies.extend_from_slice(body);
            bodies.push(b'\n');
            self.locate(
                ObjRef(*number),
                Location::Packed {
                    stream: stream.0,
                    index: i as u16,
                },
            );
        }
        let mut dict = b"/Type/ObjStm/N ".to_vec();
        push_integer(&mut dict, objects.len() as u64);
        dict.extend_from_slice(b"/First ");
        push_integer(&mut dict, index.len() as u64);
        index.extend_from_slice(&bodies);
        self.deflated_stream(stream, &dict, &index, Effort::Fast)
    }

    /// Ends the file: the last object stream, then the cross-reference stream with the
    /// trailer's entries (`/Root`, `/Info`, and an `/ID` from checksums of every byte before
    /// it), and returns the writer.
    pub(crate) fn finish(mut self, root: ObjRef, info: ObjRef) -> Result<W, RenderError> {
        self.pack()?;
        if self.locations.iter().any(|l| l == Location::Pending) {
            return Err(RenderError::Pdf(
                "an object was numbered but never written".into(),
            ));
        }
        let xref = self.reserve();
        let at = self.written;
        self.locate(xref, Location::At(at));
        // Field widths: type, offset or object stream, generation or index.
        let offset_bytes = (1..=8).find(|&n| n == 8 || at < 1 << (8 * n)).unwrap_or(8);
        // The entries, compressed a block at a time: a long document's would be megabytes.
        // Level 6, not 9: the entries repeat so much that level 9's longer search took
        // 53 ms for 10,000 labels' (121 KB, on the thread that writes, after the last page)
        // where level 6 takes 2.3 ms, for 2 bytes a label more.
        let mut compress = Compress::new(Compression::new(6), true);
        let mut compressed = Vec::new();
        let mut entries = Vec::with_capacity(Locations::BLOCK * (offset_bytes + 3));
        let entry = |entries: &mut Vec<u8>, kind: u8, field: u64, last: u16| {
            entries.push(kind);
            entries.extend_from_slice(&field.to_be_bytes()[8 - offset_bytes..]);
            entries.extend_from_slice(&last.to_be_bytes());
        };
        entry(&mut entries, 0, 0, 0xFFFF);
        for location in self.locations.iter() {
            match location {
                Location::At(offset) => entry(&mut entries, 1, offset, 0),
                Location::Packed { stream, index } => {
                    entry(&mut entries, 2, u64::from(stream), index);
                }
                Location::Pending => entry(&mut entries, 0, 0, 0),
            }
            if entries.len() >= Locations::BLOCK * (offset_bytes + 3) {
                deflate_more(
                    &mut compress,
                    &entries,
                    &mut compressed,
                    FlushCompress::None,
                )
                .map_err(xref_failed)?;
                entries.clear();
            }
        }
        deflate_more(
            &mut compress,
            &entries,
            &mut compressed,
            FlushCompress::Finish,
        )
        .map_err(xref_failed)?;
        // 16 bytes, as an MD5 digest would be: the two checksums, then the length.
        let mut id = Vec::with_capacity(32);
        push_hex(&mut id, &self.crc.sum().to_be_bytes());
        push_hex(&mut id, &self.adler.sum().to_be_bytes());
        push_hex(&mut id, &at.to_be_bytes());
        let mut dict = b"/Type/XRef/Size ".to_vec();
        push_integer(&mut dict, self.locations.len() as u64 + 1);
        dict.extend_from_slice(b"/W[1 ");
        push_integer(&mut dict, offset_bytes as u64);
        dict.extend_from_slice(b" 2]/Root ");
        root.push(&mut dict);
        dict.extend_from_slice(b"/Info ");
        info.push(&mut dict);
        // The same id twice: the document was never changed after it was made.
        dict.extend_from_slice(b"/ID[<");
        dict.extend_from_slice(&id);
        dict.extend_from_slice(b"><");
        dict.extend_from_slice(&id);
        dict.extend_from_slice(b">]");
        self.flate_stream(xref, &dict, &compressed)?;
        let mut tail = b"startxref\n".to_vec();
        push_integer(&mut tail, at);
        tail.extend_from_slice(b"\n%%EOF\n");
        self.emit(&tail)?;
        self.out.flush().map_err(RenderError::from)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut d = flate2::Decompress::new(true);
        d.decompress_vec(data, &mut out, flate2::FlushDecompress::Finish)
            .unwrap();
        out.reserve(1 << 20);
        d.decompress_vec(
            &data[d.total_in() as usize..],
            &mut out,
            flate2::FlushDecompress::Finish,
        )
        .unwrap();
        out
    }

    #[test]
    fn deflate_round_trips_and_stored_blocks_are_valid_zlib() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for effort in [Effort::Fast, Effort::Best] {
            assert_eq!(inflate(&deflate(&data, effort)), data);
            assert_eq!(inflate(&deflate(b"", effort)), b"");
        }
        assert_eq!(inflate(&zlib_stored(&data)), data);
        assert_eq!(inflate(&zlib_stored(b"")), b"");
    }

    #[test]
    fn a_file_parses_with_its_objects_packed_and_referenced() {
        let mut file = PdfFile::new(Vec::new()).unwrap();
        let catalog = file.reserve();
        let pages = file.reserve();
        let info = file.reserve();
        let page = file.reserve();
        let content = file.reserve();
        file.deflated_stream(content, b"", b"0 0 10 10 re\nf\n", Effort::Fast)
            .unwrap();
        let mut body = b"<</Type/Page/Parent ".to_vec();
        pages.push(&mut body);
        body.extend_from_slice(b"/MediaBox[0 0 100 100]/Contents ");
        content.push(&mut body);
        body.extend_from_slice(b">>");
        file.object(page, body).unwrap();
        let mut body = b"<</Type/Pages/Count 1/Kids[".to_vec();
        page.push(&mut body);
        body.extend_from_slice(b"]>>");
        file.object(pages, body).unwrap();
        let mut body = b"<</Type/Catalog/Pages ".to_vec();
        pages.push(&mut body);
        body.extend_from_slice(b">>");
        file.object(catalog, body).unwrap();
        file.object(info, b"<</Producer(test)>>".to_vec()).unwrap();
        let pdf = file.finish(catalog, info).unwrap();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let page_id = *doc.get_pages().values().next().unwrap();
        // lopdf ends the page's content with a newline of its own.
        assert_eq!(
            doc.get_page_content(page_id).trim_ascii_end(),
            b"0 0 10 10 re\nf"
        );
        assert!(pdf.ends_with(b"%%EOF\n"));
    }

    #[test]
    fn locations_keep_every_kind_across_blocks() {
        let mut locations = Locations::default();
        let n = 3 * Locations::BLOCK + 5;
        for _ in 0..n {
            locations.push(Location::Pending);
        }
        assert_eq!(locations.len(), n);
        let kinds = |i: usize| match i % 3 {
            0 => Location::At(i as u64 * 1_000_003 + (1 << 40)),
            1 => Location::Packed {
                stream: u32::MAX - i as u32,
                index: (i % 100) as u16,
            },
            _ => Location::Pending,
        };
        for i in 0..n {
            locations.set(i, kinds(i));
        }
        locations.set(n, Location::At(1)); // past the end: nothing
        assert_eq!(locations.blocks.len(), 4);
        assert!(
            locations
                .blocks
                .iter()
                .all(|b| b.capacity() == Locations::BLOCK)
        );
        let back: Vec<Location> = locations.iter().collect();
        assert_eq!(back, (0..n).map(kinds).collect::<Vec<_>>());
    }

    #[test]
    fn a_cross_reference_of_several_blocks_finds_every_object() {
        // More objects than a block of locations holds, streams and packed ones mixed.
        let mut file = PdfFile::new(Vec::new()).unwrap();
        let catalog = file.reserve();
        let info = file.reserve();
        let count = 3 * Locations::BLOCK;
        let ids: Vec<ObjRef> = (0..count).map(|_| file.reserve()).collect();
        for (i, &id) in ids.iter().enumerate() {
            let text = format!("({i})");
            if i % 2 == 0 {
                file.stream(id, b"", text.as_bytes()).unwrap();
            } else {
                file.object(id, text.into_bytes()).unwrap();
            }
        }
        file.object(catalog, b"<</Type/Catalog>>".to_vec()).unwrap();
        file.object(info, b"<<>>".to_vec()).unwrap();
        let pdf = file.finish(catalog, info).unwrap();
        // Every entry of the cross-reference stream, read here: a stream object's offset
        // is where `n 0 obj` starts; a packed object's stream lists it at its index.
        // Offsets are bytes: searched in the bytes, not in text made of them.
        let find = |from: usize, key: &str| -> usize {
            from + pdf[from..]
                .windows(key.len())
                .position(|w| w == key.as_bytes())
                .unwrap()
        };
        let number_after = |at: usize, key: &str| -> usize {
            let from = find(at, key) + key.len();
            let digits: String = pdf[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .map(|&b| char::from(b))
                .collect();
            digits.parse().unwrap()
        };
        // The stream data of the object at `at`, inflated.
        let stream_at = |at: usize| -> Vec<u8> {
            let length = number_after(at, "/Length ");
            let start = find(at, ">>\nstream\n") + ">>\nstream\n".len();
            inflate(&pdf[start..start + length])
        };
        let tail = pdf.len() - 40;
        let xref_at = number_after(tail, "startxref\n");
        let width = number_after(xref_at, "/W[1 ");
        let entries = stream_at(xref_at);
        let size = number_after(xref_at, "/Size ");
        assert_eq!(entries.len(), size * (width + 3));
        let entry = |id: usize| {
            let e = &entries[id * (width + 3)..(id + 1) * (width + 3)];
            let field = e[1..1 + width]
                .iter()
                .fold(0usize, |v, &b| v << 8 | usize::from(b));
            (
                e[0],
                field,
                usize::from(u16::from_be_bytes([e[1 + width], e[2 + width]])),
            )
        };
        let mut packed = 0;
        for id in 1..size {
            match entry(id) {
                (1, offset, 0) => {
                    assert!(pdf[offset..].starts_with(format!("{id} 0 obj\n").as_bytes()));
                }
                (2, stream, index) => {
                    let (kind, offset, _) = entry(stream);
                    assert_eq!(kind, 1);
                    let header = stream_at(offset);
                    let numbers: Vec<usize> = String::from_utf8_lossy(&header)
                        .split_ascii_whitespace()
                        .take(2 * number_after(offset, "/N "))
                        .map(|n| n.parse().unwrap())
                        .collect();
                    assert_eq!(numbers[2 * index], id, "object {id}");
                    packed += 1;
                }
                other => panic!("object {id}: {other:?}"),
            }
        }
        assert!(packed >= count / 2, "{packed}");
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        for (i, id) in ids.iter().enumerate() {
            let object = doc.get_object((id.0, 0)).unwrap();
            let text = match object {
                lopdf::Object::Stream(stream) => stream.content.clone(),
                lopdf::Object::String(bytes, _) => {
                    format!("({})", String::from_utf8_lossy(bytes)).into_bytes()
                }
                other => panic!("{other:?}"),
            };
            assert_eq!(text, format!("({i})").into_bytes(), "object {}", id.0);
        }
    }

    #[test]
    fn an_object_never_written_is_an_error() {
        let mut file = PdfFile::new(Vec::new()).unwrap();
        let catalog = file.reserve();
        let info = file.reserve();
        file.object(catalog, b"<<>>".to_vec()).unwrap();
        assert!(file.finish(catalog, info).is_err());
    }
}
