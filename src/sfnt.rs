//! Dropping TrueType hinting from an embedded font.
//!
//! Hinting (the programs in `fpgm` and `prep`, the control values in `cvt `, and each
//! glyph's instructions) grid-fits outlines for small sizes on screens. A label is printed,
//! or rendered by a viewer that does not hint, and the hinting is most of a small subset's
//! bytes: a 40-glyph subset of Noto Sans is 13.7 KB with it and about 5 KB without. This
//! module rewrites a subset without it; the outlines are untouched. The tables PDF asks of
//! an embedded TrueType font stay (ISO 32000-1, 9.9: `fpgm`, `prep` and `cvt ` if the font
//! had them), empty.

/// Why a font could not be rewritten: it is not the TrueType the bundled fonts are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the font subset is not a TrueType font this writer can rewrite: {0}")]
pub(crate) struct SfntError(&'static str);

fn u16_at(data: &[u8], at: usize) -> Result<u16, SfntError> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(SfntError("truncated"))
}

fn u32_at(data: &[u8], at: usize) -> Result<u32, SfntError> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(SfntError("truncated"))
}

/// A table of an sfnt: its tag and its bytes.
type Table<'a> = ([u8; 4], &'a [u8]);

/// The tables of an sfnt, in directory order.
fn tables(font: &[u8]) -> Result<Vec<Table<'_>>, SfntError> {
    tables_at(font, 0)
}

/// Where the table directory of font `index` of `font` starts: 0 in a font file, the
/// offset the header gives in a collection (`ttcf`).
fn directory_of(font: &[u8], index: u32) -> Result<usize, SfntError> {
    if font.get(..4) != Some(b"ttcf") {
        return match index {
            0 => Ok(0),
            _ => Err(SfntError("a font file holds one font")),
        };
    }
    if index >= u32_at(font, 8)? {
        return Err(SfntError("no such font in the collection"));
    }
    Ok(u32_at(font, 12 + 4 * index as usize)? as usize)
}

/// The tables of the sfnt whose directory starts at `start` (table offsets count from the
/// start of the file, as in a collection), in directory order.
fn tables_at(font: &[u8], start: usize) -> Result<Vec<Table<'_>>, SfntError> {
    // Version 1.0, or `true` as older Apple fonts say.
    if !matches!(u32_at(font, start)?, 0x0001_0000 | 0x7472_7565) {
        return Err(SfntError("not TrueType outlines"));
    }
    let count = usize::from(u16_at(font, start + 4)?);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let entry = start + 12 + 16 * i;
        let tag = font
            .get(entry..entry + 4)
            .and_then(|t| <[u8; 4]>::try_from(t).ok())
            .ok_or(SfntError("truncated"))?;
        let offset = u32_at(font, entry + 8)? as usize;
        let length = u32_at(font, entry + 12)? as usize;
        let data = font
            .get(offset..offset + length)
            .ok_or(SfntError("a table lies outside the font"))?;
        out.push((tag, data));
    }
    Ok(out)
}

/// One glyph without its instructions: a simple glyph loses its instruction bytes, a
/// composite one the instructions after its components (and the flag announcing them).
fn strip_glyph(glyph: &[u8]) -> Result<Vec<u8>, SfntError> {
    if glyph.is_empty() {
        return Ok(Vec::new());
    }
    let contours = u16_at(glyph, 0)? as i16;
    if contours >= 0 {
        // Header (10 bytes), end points (2 per contour), instruction length, instructions,
        // then flags and coordinates.
        let at = 10 + 2 * contours as usize;
        let length = usize::from(u16_at(glyph, at)?);
        let rest = glyph
            .get(at + 2 + length..)
            .ok_or(SfntError("an instruction length runs past its glyph"))?;
        let points = match contours {
            0 => 0,
            _ => usize::from(u16_at(glyph, at - 2)?) + 1,
        };
        let end = outline_length(rest, points)?;
        let mut out = Vec::with_capacity(at + 2 + end);
        out.extend_from_slice(glyph.get(..at).ok_or(SfntError("truncated"))?);
        out.extend_from_slice(&[0, 0]);
        // The flags and coordinates, without the padding after them.
        out.extend_from_slice(rest.get(..end).ok_or(SfntError("truncated"))?);
        return Ok(out);
    }
    // Composite: components until one lacks MORE_COMPONENTS.
    let mut out = glyph.get(..10).ok_or(SfntError("truncated"))?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let size = component_size(flags);
        let component = glyph
            .get(at..at + size)
            .ok_or(SfntError("a component runs past its glyph"))?;
        out.extend_from_slice(&(flags & !WE_HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(component.get(2..).ok_or(SfntError("truncated"))?);
        at += size;
        if flags & MORE_COMPONENTS == 0 {
            return Ok(out);
        }
    }
}

// A composite glyph's component flags (OpenType, glyf).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;
const WE_HAVE_INSTRUCTIONS: u16 = 0x0100;

/// The bytes of one component of a composite glyph: flags, glyph id, its two arguments,
/// and the transform its flags announce.
fn component_size(flags: u16) -> usize {
    let arguments = if flags & ARG_1_AND_2_ARE_WORDS != 0 {
        4
    } else {
        2
    };
    let transform = if flags & WE_HAVE_A_SCALE != 0 {
        2
    } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
        4
    } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
        8
    } else {
        0
    };
    4 + arguments + transform
}

/// The length of a simple glyph's flags and coordinates for `points` points: each flag
/// may repeat, and says whether its x and y are one byte, two, or the same as before.
fn outline_length(data: &[u8], points: usize) -> Result<usize, SfntError> {
    const X_SHORT: u8 = 0x02;
    const Y_SHORT: u8 = 0x04;
    const REPEAT: u8 = 0x08;
    const X_SAME_OR_POSITIVE: u8 = 0x10;
    const Y_SAME_OR_POSITIVE: u8 = 0x20;
    let truncated = SfntError("a glyph's outline runs past its end");
    let (mut at, mut seen, mut coordinates) = (0, 0, 0);
    while seen < points {
        let flag = *data.get(at).ok_or(truncated.clone())?;
        at += 1;
        let mut times = 1;
        if flag & REPEAT != 0 {
            times += usize::from(*data.get(at).ok_or(truncated.clone())?);
            at += 1;
        }
        let size = |short: u8, same: u8| match (flag & short != 0, flag & same != 0) {
            (true, _) => 1,
            (false, true) => 0,
            (false, false) => 2,
        };
        let each = size(X_SHORT, X_SAME_OR_POSITIVE) + size(Y_SHORT, Y_SAME_OR_POSITIVE);
        coordinates += each * times;
        seen += times;
    }
    let end = at + coordinates;
    if seen != points || end > data.len() {
        return Err(truncated);
    }
    Ok(end)
}

/// The checksum of a table (PDF readers do not check it, font tools do).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// `font` (TrueType outlines) without hinting: `fpgm`, `prep` and `cvt ` emptied, every
/// glyph's instructions removed, `glyf` rebuilt without padding beyond even offsets, `loca`
/// with short offsets when the glyphs fit them, and `maxp`'s instruction limits cleared. The
/// `name` and `cmap` tables go: PDF names the font itself, and a CIDFont's codes reach its
/// glyphs through `/CIDToGIDMap`, not the font's character map (ISO 32000-1, 9.7.4.2).
/// With `keep_maps`, its PostScript name, the character map stays and `name` holds that
/// name alone: what a font handed to printpdf needs (printpdf's font parser with its
/// `text_layout` feature refuses a font without a character map, and names the font from
/// `name`). Other tables are kept as they are, and the file checksum in `head` is set as
/// the OpenType specification says.
pub(crate) fn without_hinting(font: &[u8], keep_maps: Option<&str>) -> Result<Vec<u8>, SfntError> {
    let tables = tables(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let head = find(b"head").ok_or(SfntError("no head table"))?;
    let loca = find(b"loca").ok_or(SfntError("no loca table"))?;
    let glyf = find(b"glyf").ok_or(SfntError("no glyf table"))?;
    let maxp = find(b"maxp").ok_or(SfntError("no maxp table"))?;
    let glyphs = usize::from(u16_at(maxp, 4)?);
    let long = u16_at(head, 50)? == 1;

    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut starts = Vec::with_capacity(glyphs + 1);
    for i in 0..glyphs {
        let glyph = glyph_in(glyf, loca, long, i)?;
        starts.push(new_glyf.len());
        new_glyf.extend_from_slice(&strip_glyph(glyph)?);
        // Glyphs start on even offsets, as short offsets need.
        if new_glyf.len() % 2 != 0 {
            new_glyf.push(0);
        }
    }
    starts.push(new_glyf.len());
    let (new_loca, short) = loca_for(&starts);
    let new_head = head_for(head, short)?;
    let new_maxp = maxp_without_hinting(maxp, None);

    let mut kept: Vec<([u8; 4], Vec<u8>)> = tables
        .iter()
        .filter(|(tag, _)| match tag {
            b"name" => false,
            b"cmap" => keep_maps.is_some(),
            _ => true,
        })
        .map(|(tag, data)| {
            let data = match tag {
                b"glyf" => new_glyf.clone(),
                b"loca" => new_loca.clone(),
                b"head" => new_head.clone(),
                b"maxp" => new_maxp.clone(),
                b"fpgm" | b"prep" | b"cvt " => Vec::new(),
                _ => data.to_vec(),
            };
            (*tag, data)
        })
        .collect();
    if let Some(name) = keep_maps {
        kept.push((*b"name", postscript_name_table(name)?));
    }
    assemble(kept)
}

/// A subset of the TrueType font `index` of `font` (a font file or collection) that keeps
/// every glyph's id: `glyphs`, `.notdef` and the components of composite glyphs keep their
/// outlines and advances, without hinting; the others up to the highest id kept are empty,
/// and the ids past it are gone. A PDF then shows each glyph by its id in the full font and
/// needs no `/CIDToGIDMap` (the default, `Identity`, is right; ISO 32000-1, 9.7.4.2), which
/// for a label is smaller than the map a renumbered subset needs: the unused ids below the
/// highest cost a run of equal `loca` offsets and zero metrics, which deflate to almost
/// nothing. The tables are those PDF asks of an embedded TrueType font (9.9): `head`, `hhea`,
/// `loca`, `maxp`, `glyf`, `hmtx`, and `cvt `, `fpgm` and `prep` empty where the font had
/// them; a format 3 `post` (no glyph names) as subsetters write it.
pub(crate) fn keeping_ids(font: &[u8], index: u32, glyphs: &[u16]) -> Result<Vec<u8>, SfntError> {
    let tables = tables_at(font, directory_of(font, index)?)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let head = find(b"head").ok_or(SfntError("no head table"))?;
    let hhea = find(b"hhea").ok_or(SfntError("no hhea table"))?;
    let hmtx = find(b"hmtx").ok_or(SfntError("no hmtx table"))?;
    let loca = find(b"loca").ok_or(SfntError("no loca table"))?;
    let glyf = find(b"glyf").ok_or(SfntError("no glyf table"))?;
    let maxp = find(b"maxp").ok_or(SfntError("no maxp table"))?;
    let count = usize::from(u16_at(maxp, 4)?);
    let metrics = usize::from(u16_at(hhea, 34)?);
    if metrics == 0 || metrics > count {
        return Err(SfntError(
            "hhea's number of metrics is not that of the glyphs",
        ));
    }
    let long = u16_at(head, 50)? == 1;
    let glyph = |id: usize| glyph_in(glyf, loca, long, id);

    // The glyphs kept: those asked for, .notdef, and every component of a kept composite.
    let mut keep = vec![false; count];
    let mut pending: Vec<usize> = std::iter::once(0)
        .chain(glyphs.iter().map(|&g| usize::from(g)))
        .collect();
    while let Some(id) = pending.pop() {
        match keep.get_mut(id) {
            None => return Err(SfntError("a glyph id past the font's glyphs")),
            Some(true) => continue,
            Some(kept) => *kept = true,
        }
        pending.extend(components(glyph(id)?)?.into_iter().map(usize::from));
    }
    let last = keep.iter().rposition(|&k| k).unwrap_or(0);

    let mut new_glyf = Vec::new();
    let mut starts = Vec::with_capacity(last + 2);
    let mut new_hmtx = Vec::with_capacity(4 * (last + 1));
    let last_advance = u16_at(hmtx, 4 * (metrics - 1))?;
    for (id, &kept) in keep.iter().enumerate().take(last + 1) {
        starts.push(new_glyf.len());
        if !kept {
            new_hmtx.extend_from_slice(&[0; 4]);
            continue;
        }
        new_glyf.extend_from_slice(&strip_glyph(glyph(id)?)?);
        if new_glyf.len() % 2 != 0 {
            new_glyf.push(0);
        }
        // Past the long metrics, a glyph has the last advance and a side bearing of its own.
        let (advance, bearing) = if id < metrics {
            (u16_at(hmtx, 4 * id)?, u16_at(hmtx, 4 * id + 2)?)
        } else {
            (
                last_advance,
                u16_at(hmtx, 4 * metrics + 2 * (id - metrics))?,
            )
        };
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&bearing.to_be_bytes());
    }
    starts.push(new_glyf.len());
    let (new_loca, short) = loca_for(&starts);
    let mut post = vec![0u8; 32];
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    if let Some(original) = find(b"post").and_then(|p| p.get(4..16)) {
        // Italic angle, underline position and thickness, fixed pitch: as they were.
        post[4..16].copy_from_slice(original);
    }
    let kept_count = u16::try_from(last + 1).map_err(|_| SfntError("too many glyphs"))?;
    let mut new_hhea = hhea.to_vec();
    new_hhea
        .get_mut(34..36)
        .ok_or(SfntError("truncated"))?
        .copy_from_slice(&kept_count.to_be_bytes());

    let mut kept: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"head", head_for(head, short)?),
        (*b"hhea", new_hhea),
        (*b"maxp", maxp_without_hinting(maxp, Some(kept_count))),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"glyf", new_glyf),
        (*b"post", post),
    ];
    for program in [b"cvt ", b"fpgm", b"prep"] {
        if find(program).is_some() {
            kept.push((*program, Vec::new()));
        }
    }
    assemble(kept)
}

/// The bytes of glyph `id` in `glyf`, where `loca` puts them (`long`: four-byte offsets,
/// else halved two-byte ones, as `head` says).
fn glyph_in<'a>(glyf: &'a [u8], loca: &[u8], long: bool, id: usize) -> Result<&'a [u8], SfntError> {
    let offset = |i: usize| -> Result<usize, SfntError> {
        Ok(if long {
            u32_at(loca, 4 * i)? as usize
        } else {
            2 * usize::from(u16_at(loca, 2 * i)?)
        })
    };
    glyf.get(offset(id)?..offset(id + 1)?)
        .ok_or(SfntError("a glyph lies outside glyf"))
}

/// The glyph ids a composite glyph is made of (none for a simple or empty glyph).
fn components(glyph: &[u8]) -> Result<Vec<u16>, SfntError> {
    if glyph.is_empty() || u16_at(glyph, 0)? as i16 >= 0 {
        return Ok(Vec::new());
    }
    let mut ids = Vec::new();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        ids.push(u16_at(glyph, at + 2)?);
        at += component_size(flags);
        if flags & MORE_COMPONENTS == 0 {
            return Ok(ids);
        }
    }
}

/// `loca` for glyphs starting at `starts` (the last entry the end of the last glyph): short
/// offsets (halved, two bytes) while the glyphs fit them, else long ones; and which it is.
fn loca_for(starts: &[usize]) -> (Vec<u8>, bool) {
    let short = starts.last().is_none_or(|&end| end < 0x2_0000);
    let mut loca = Vec::with_capacity(if short { 2 } else { 4 } * starts.len());
    for &start in starts {
        if short {
            loca.extend_from_slice(&((start / 2) as u16).to_be_bytes());
        } else {
            loca.extend_from_slice(&(start as u32).to_be_bytes());
        }
    }
    (loca, short)
}

/// `head` for a rebuilt font: its checksum adjustment cleared (set once the font is
/// assembled) and the `loca` format given.
fn head_for(head: &[u8], short: bool) -> Result<Vec<u8>, SfntError> {
    let mut new_head = head.to_vec();
    new_head
        .get_mut(8..12)
        .ok_or(SfntError("truncated"))?
        .fill(0);
    new_head
        .get_mut(50..52)
        .ok_or(SfntError("truncated"))?
        .copy_from_slice(&u16::from(!short).to_be_bytes());
    Ok(new_head)
}

/// `maxp` with nothing left to run (maxZones 1; twilight points, storage, function and
/// instruction definitions, stack elements and instruction size 0), and the number of
/// glyphs changed to `glyphs` if given.
fn maxp_without_hinting(maxp: &[u8], glyphs: Option<u16>) -> Vec<u8> {
    let mut new_maxp = maxp.to_vec();
    if let (Some(count), Some(field)) = (glyphs, new_maxp.get_mut(4..6)) {
        field.copy_from_slice(&count.to_be_bytes());
    }
    if new_maxp.len() >= 32 {
        new_maxp[14..16].copy_from_slice(&1u16.to_be_bytes());
        new_maxp[16..28].fill(0);
    }
    new_maxp
}

/// An sfnt of `tables`: header, directory sorted by tag, each table on a 4-byte boundary,
/// checksums, and `head`'s checksum adjustment as the OpenType specification says.
fn assemble(kept: Vec<([u8; 4], Vec<u8>)>) -> Result<Vec<u8>, SfntError> {
    let count = kept.len() as u16;
    let mut power = 1u16;
    let mut log2 = 0u16;
    while power * 2 <= count {
        power *= 2;
        log2 += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&log2.to_be_bytes());
    out.extend_from_slice(&(count * 16 - power * 16).to_be_bytes());
    let mut sorted = kept;
    sorted.sort_by_key(|(tag, _)| *tag);
    let mut offset = 12 + 16 * sorted.len();
    for (tag, data) in &sorted {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &sorted {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    // head.checkSumAdjustment: 0xB1B0AFBA less the checksum of the whole font, taken with
    // the field at 0 (it is).
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    let head_at = sorted
        .iter()
        .position(|(tag, _)| tag == b"head")
        .ok_or(SfntError("no head table"))?;
    let head_offset = u32_at(&out, 12 + 16 * head_at + 8)? as usize;
    out.get_mut(head_offset + 8..head_offset + 12)
        .ok_or(SfntError("truncated"))?
        .copy_from_slice(&adjustment.to_be_bytes());
    Ok(out)
}

/// A `name` table (format 0) holding one name, the PostScript name (name ID 6), in the
/// Windows platform's Unicode encoding (UTF-16BE, US English).
fn postscript_name_table(name: &str) -> Result<Vec<u8>, SfntError> {
    let text: Vec<u8> = name.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let length = u16::try_from(text.len()).map_err(|_| SfntError("a name too long"))?;
    let mut out = Vec::with_capacity(18 + text.len());
    // Format 0, one record, the strings 6 + 12 bytes in.
    for value in [0u16, 1, 18] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    // Platform 3 (Windows), encoding 1 (Unicode BMP), language 0x409, name 6, the length,
    // at offset 0 of the strings.
    for value in [3u16, 1, 0x0409, 6, length, 0] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    out.extend_from_slice(&text);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Font, Typeface};
    use rustybuzz::ttf_parser::{self, GlyphId, OutlineBuilder};

    /// An outline as a list of drawing commands.
    #[derive(Default, PartialEq, Debug)]
    struct Path(Vec<String>);

    impl OutlineBuilder for Path {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }

    fn outline(face: &ttf_parser::Face<'_>, id: u16) -> Path {
        let mut path = Path::default();
        face.outline_glyph(GlyphId(id), &mut path);
        path
    }

    #[test]
    fn every_outline_and_advance_survives_and_the_hinting_is_gone() {
        let typefaces = [
            Typeface::Latin,
            #[cfg(feature = "arabic")]
            Typeface::ArabicBold,
            #[cfg(feature = "thai")]
            Typeface::Thai,
        ];
        for typeface in typefaces {
            let original = Font::get(typeface).unwrap().bytes();
            let stripped = without_hinting(original, None).unwrap();
            assert!(stripped.len() < original.len(), "{typeface:?}");
            let before = ttf_parser::Face::parse(original, 0).unwrap();
            let after = ttf_parser::Face::parse(&stripped, 0).unwrap();
            assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
            for id in 0..before.number_of_glyphs() {
                assert_eq!(
                    outline(&before, id),
                    outline(&after, id),
                    "{typeface:?} {id}"
                );
                assert_eq!(
                    before.glyph_hor_advance(GlyphId(id)),
                    after.glyph_hor_advance(GlyphId(id))
                );
            }
            let tags: Vec<[u8; 4]> = tables(&stripped).unwrap().iter().map(|t| t.0).collect();
            assert!(
                !tags.contains(b"name") && !tags.contains(b"cmap"),
                "{typeface:?}"
            );
            let all = tables(&stripped).unwrap();
            for program in [b"fpgm", b"prep", b"cvt "] {
                let (_, data) = all.iter().find(|(t, _)| t == program).unwrap();
                assert!(data.is_empty(), "{typeface:?}");
            }
            assert!(
                tags.windows(2).all(|w| w[0] < w[1]),
                "the directory is sorted"
            );
        }
    }

    #[test]
    fn the_directory_and_checksums_are_as_opentype_says() {
        let stripped =
            without_hinting(Font::get(Typeface::LatinBold).unwrap().bytes(), None).unwrap();
        let count = u16_at(&stripped, 4).unwrap();
        let search_range = u16_at(&stripped, 6).unwrap();
        let entry_selector = u16_at(&stripped, 8).unwrap();
        let range_shift = u16_at(&stripped, 10).unwrap();
        // The largest power of two not above the count, times 16; its log; the rest.
        assert!(search_range / 16 <= count && search_range / 16 * 2 > count);
        assert_eq!(1u16 << entry_selector, search_range / 16);
        assert_eq!(range_shift, count * 16 - search_range);
        let all = tables(&stripped).unwrap();
        for (i, (tag, data)) in all.iter().enumerate() {
            let recorded = u32_at(&stripped, 12 + 16 * i + 4).unwrap();
            let mut data = data.to_vec();
            if tag == b"head" {
                data[8..12].fill(0); // head's checksum is taken without the adjustment
            }
            assert_eq!(recorded, checksum(&data), "table {i}");
        }
        // The whole font sums to the magic number.
        assert_eq!(checksum(&stripped), 0xB1B0_AFBA);
    }

    #[test]
    fn a_font_for_printpdf_keeps_its_character_map_and_names_itself() {
        let original = Font::get(Typeface::Latin).unwrap().bytes();
        let kept = without_hinting(original, Some("NotoSans-Regular")).unwrap();
        let before = ttf_parser::Face::parse(original, 0).unwrap();
        let after = ttf_parser::Face::parse(&kept, 0).unwrap();
        for c in ['O', 'é', 'ß', '4'] {
            assert!(before.glyph_index(c).is_some(), "{c}");
            assert_eq!(before.glyph_index(c), after.glyph_index(c), "{c}");
        }
        let names: Vec<(u16, String)> = after
            .names()
            .into_iter()
            .map(|n| (n.name_id, n.to_string().unwrap_or_default()))
            .collect();
        assert_eq!(names, [(6, "NotoSans-Regular".to_owned())]);
        assert_eq!(checksum(&kept), 0xB1B0_AFBA);
        // Still without hinting; what it adds is the character map, as it was, and a name
        // table of 50 bytes (each padded to 4), with their two directory entries.
        let all = tables(&kept).unwrap();
        let (_, prep) = all.iter().find(|(t, _)| t == b"prep").unwrap();
        assert!(prep.is_empty());
        let original_tables = tables(original).unwrap();
        let (_, cmap) = original_tables.iter().find(|(t, _)| t == b"cmap").unwrap();
        let (_, kept_cmap) = all.iter().find(|(t, _)| t == b"cmap").unwrap();
        assert_eq!(cmap, kept_cmap);
        let without = without_hinting(original, None).unwrap();
        let padded = |n: usize| n.div_ceil(4) * 4;
        assert_eq!(
            kept.len(),
            without.len() + 2 * 16 + padded(cmap.len()) + padded(50)
        );
    }

    #[test]
    fn a_subset_keeping_ids_keeps_each_glyph_under_its_own_id() {
        let font = Font::get(Typeface::Latin).unwrap();
        let original = font.bytes();
        let before = ttf_parser::Face::parse(original, 0).unwrap();
        // Letters, a ligature, and accented capitals, which Noto Sans makes of components.
        // And the font's last glyph, past its long metrics (Noto Sans gives all but its
        // last glyph an advance of their own).
        let mut glyphs: Vec<u16> = "Oliver Smith, 221B ÅÉÖ ǅ ﬁ"
            .chars()
            .filter_map(|c| font.glyph(c))
            .collect();
        let last_glyph = before.number_of_glyphs() - 1;
        assert!(last_glyph >= before.tables().hhea.number_of_metrics);
        glyphs.push(last_glyph);
        // Every glyph a kept one is made of, as far down as it goes.
        let mut parts: Vec<u16> = Vec::new();
        let mut pending = glyphs.clone();
        while let Some(id) = pending.pop() {
            let more = components(glyph_bytes(original, id)).unwrap();
            pending.extend(more.iter().filter(|p| !parts.contains(p)));
            parts.extend(more);
        }
        let a_ring = components(glyph_bytes(original, font.glyph('Å').unwrap())).unwrap();
        assert!(!a_ring.is_empty(), "Å is a composite glyph in Noto Sans");
        let subset = keeping_ids(original, 0, &glyphs).unwrap();
        let after = ttf_parser::Face::parse(&subset, 0).unwrap();
        let last = *glyphs.iter().chain(&parts).max().unwrap();
        assert_eq!(after.number_of_glyphs(), last + 1);
        for id in 0..=last {
            let kept = id == 0 || glyphs.contains(&id) || parts.contains(&id);
            if kept {
                assert_eq!(outline(&before, id), outline(&after, id), "glyph {id}");
                assert_eq!(
                    before.glyph_hor_advance(GlyphId(id)),
                    after.glyph_hor_advance(GlyphId(id)),
                    "glyph {id}"
                );
            } else {
                assert_eq!(outline(&after, id), Path::default(), "glyph {id}");
                assert_eq!(after.glyph_hor_advance(GlyphId(id)), Some(0));
            }
        }
        let tags: Vec<[u8; 4]> = tables(&subset).unwrap().iter().map(|t| t.0).collect();
        let expected: [&[u8; 4]; 10] = [
            b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"post",
            b"prep",
        ];
        assert_eq!(tags, expected.map(|t| *t));
        assert_eq!(checksum(&subset), 0xB1B0_AFBA);
        // Far smaller than the font, and the same font from a collection.
        assert!(subset.len() < original.len() / 10, "{}", subset.len());
        let collection = as_collection(original);
        assert_eq!(keeping_ids(&collection, 0, &glyphs).unwrap(), subset);
    }

    #[test]
    fn a_subset_keeping_ids_refuses_what_it_cannot_keep() {
        let original = Font::get(Typeface::Latin).unwrap().bytes();
        let count = ttf_parser::Face::parse(original, 0)
            .unwrap()
            .number_of_glyphs();
        assert!(keeping_ids(original, 0, &[count]).is_err());
        assert!(keeping_ids(original, 1, &[3]).is_err());
        assert!(keeping_ids(&as_collection(original), 1, &[3]).is_err());
        assert!(keeping_ids(b"ttcf", 0, &[3]).is_err());
        // Older Apple fonts say `true` for version 1.0.
        let mut apple = original.to_vec();
        apple[..4].copy_from_slice(b"true");
        assert_eq!(
            keeping_ids(&apple, 0, &[36, 68]).unwrap(),
            keeping_ids(original, 0, &[36, 68]).unwrap()
        );
        assert!(keeping_ids(b"OTTO\0\0\0\0", 0, &[3]).is_err());
        // Only .notdef: a font of one glyph.
        let notdef = keeping_ids(original, 0, &[]).unwrap();
        assert_eq!(
            ttf_parser::Face::parse(&notdef, 0)
                .unwrap()
                .number_of_glyphs(),
            1
        );
    }

    /// The bytes of glyph `id` of a TrueType font.
    fn glyph_bytes(font: &[u8], id: u16) -> &[u8] {
        let all = tables(font).unwrap();
        let find = |tag: &[u8; 4]| all.iter().find(|(t, _)| t == tag).unwrap().1;
        let long = u16_at(find(b"head"), 50).unwrap() == 1;
        glyph_in(find(b"glyf"), find(b"loca"), long, usize::from(id)).unwrap()
    }

    /// `font` as the only font of a collection: a `ttcf` header before it, and its table
    /// offsets moved by the header's 16 bytes, as offsets in a collection count from the
    /// start of the file.
    fn as_collection(font: &[u8]) -> Vec<u8> {
        let mut out = b"ttcf".to_vec();
        for value in [0x0001_0000u32, 1, 16] {
            out.extend_from_slice(&value.to_be_bytes());
        }
        let mut font = font.to_vec();
        let count = usize::from(u16_at(&font, 4).unwrap());
        for i in 0..count {
            let at = 12 + 16 * i + 8;
            let moved = u32_at(&font, at).unwrap() + 16;
            font[at..at + 4].copy_from_slice(&moved.to_be_bytes());
        }
        out.extend_from_slice(&font);
        out
    }

    #[test]
    fn not_truetype_is_an_error_not_a_panic() {
        assert!(without_hinting(b"OTTO\0\0\0\0", None).is_err());
        assert!(without_hinting(&[0, 1, 0, 0, 0, 9], None).is_err());
        assert!(without_hinting(&[], None).is_err());
    }
}
