//! Fonts in a PDF that is written as it goes: content streams show each glyph by a code
//! fixed in advance (the glyph id for TrueType, whose subset keeps its glyph ids; the CID
//! for the CJK face's CID-keyed CFF, whose subset keeps its CIDs), so pages
//! can be written before the document knows which glyphs it uses. At the end, each typeface
//! is subset to those glyphs and embedded once: a `Type0` font, its CIDFont, descriptor,
//! font program, widths and a `ToUnicode` map.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustybuzz::ttf_parser::{self, GlyphId};

use super::RenderError;
use super::content::{push_hex, push_integer, push_number};
use super::file::{Effort, ObjRef, PdfFile};
use super::glyph_chars::smallest_chars;
use super::subset::{subset_font, subset_keeping_ids, subset_tag};
use crate::text::{Font, SLOTS, Typeface};

/// What a typeface's glyphs are shown as, worked out once per process from the font.
struct Codes {
    /// Whether the outlines are CFF (else TrueType).
    cff: bool,
    /// The code of each glyph: its CID in a CID-keyed CFF; `None` for TrueType, where the
    /// code is the glyph id (and for a CFF font that is not CID-keyed, which cannot be
    /// embedded: registering refuses one).
    cids: Option<Vec<u16>>,
    /// For each glyph, the smallest character the font's character map gives it (0: none),
    /// which is the text its code extracts as.
    chars: Vec<u32>,
}

impl Codes {
    fn build(font: &Font) -> Codes {
        let face = font.face();
        let count = face.number_of_glyphs();
        let chars = smallest_chars(face, count);
        let cff = face.tables().glyf.is_none();
        let cids = if cff {
            face.raw_face()
                .table(ttf_parser::Tag::from_bytes(b"CFF "))
                .and_then(|table| cids(table, count))
        } else {
            None
        };
        Codes { cff, cids, chars }
    }

    fn get(typeface: Typeface) -> Result<&'static Codes, RenderError> {
        static CODES: [OnceLock<Codes>; SLOTS] = [const { OnceLock::new() }; SLOTS];
        let font = Font::get(typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
        CODES
            .get(typeface.index())
            .map(|slot| slot.get_or_init(|| Codes::build(font)))
            .ok_or_else(|| RenderError::Pdf("a typeface without a slot".into()))
    }
}

/// The CID of each glyph of a CID-keyed CFF font, read from its charset in one pass (a
/// lookup per glyph walks the ranges each time); `None` if the font is not CID-keyed.
fn cids(table: &[u8], count: u16) -> Option<Vec<u16>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::cff::{CFF, Charset, CustomCharset};
    let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
    let font = cff.fonts.first().filter(|f| f.is_cid_keyed())?;
    let Charset::Custom(charset) = &font.charset else {
        return None;
    };
    // Glyph 0 is .notdef, CID 0; the charset lists the others in order.
    let mut out = vec![0u16];
    let mut ranges = |first: u16, n_left: u16| {
        out.extend((0..=n_left).map(|i| first.wrapping_add(i)));
    };
    match charset {
        CustomCharset::Format0 { glyphs } => out.extend(glyphs.iter()),
        CustomCharset::Format1 { ranges: r } => {
            r.iter().for_each(|r| ranges(r.first, u16::from(r.n_left)));
        }
        CustomCharset::Format2 { ranges: r } => r.iter().for_each(|r| ranges(r.first, r.n_left)),
    }
    out.truncate(usize::from(count));
    (out.len() == usize::from(count)).then_some(out)
}

/// The codes of one typeface's glyphs, looked up once for many glyphs (a run's): the code
/// a content stream shows each glyph by, and the character the code extracts as.
#[derive(Clone, Copy)]
pub(super) struct TypefaceCodes {
    typeface: Typeface,
    codes: &'static Codes,
}

impl TypefaceCodes {
    /// The codes of `typeface`.
    pub(super) fn of(typeface: Typeface) -> Result<TypefaceCodes, RenderError> {
        Ok(TypefaceCodes {
            typeface,
            codes: Codes::get(typeface)?,
        })
    }

    /// The code of glyph `id`, and the character it extracts as when the font maps one to it
    /// (`None` for ligatures, contextual forms and other glyphs only shaping reaches).
    pub(super) fn code_of(self, id: u16) -> Result<(u16, Option<char>), RenderError> {
        let TypefaceCodes { typeface, codes } = self;
        let code = match &codes.cids {
            Some(cids) => *cids.get(usize::from(id)).ok_or_else(|| {
                RenderError::Pdf(format!(
                    "glyph {id} is not in {}",
                    typeface.postscript_name()
                ))
            })?,
            None if codes.cff => return Err(fail(typeface, "its CFF outlines are not CID-keyed")),
            None => id,
        };
        let char = codes
            .chars
            .get(usize::from(id))
            .and_then(|&c| char::from_u32(c))
            .filter(|&c| c != '\0');
        Ok((code, char))
    }
}

/// One glyph a document shows: its id in the font and the text its code extracts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CodeUse {
    pub(super) glyph: u16,
    pub(super) text: String,
}

/// The glyphs a document shows, by typeface and code, in the order of first use.
#[derive(Debug, Default)]
pub(super) struct DocumentFonts {
    pub(super) used: BTreeMap<Typeface, BTreeMap<u16, CodeUse>>,
    /// The codes in `used` that extract as their character-map character: a label showing
    /// one again changes nothing, and is passed over without a look in `used`.
    with_char: Seen,
}

/// Codes of each typeface (by index), a bit each: those a label has reported, or those a
/// document has recorded with their character.
#[derive(Debug, Default)]
pub(super) struct Seen(Vec<Vec<u64>>);

impl Seen {
    /// Marks `code` of typeface `index` seen; whether it was new.
    #[inline]
    pub(super) fn insert(&mut self, index: usize, code: u16) -> bool {
        let bit = 1u64 << (code % 64);
        // Most codes fall in words made already: one look, one bit.
        if let Some(word) = self
            .0
            .get_mut(index)
            .and_then(|words| words.get_mut(usize::from(code / 64)))
        {
            let new = *word & bit == 0;
            *word |= bit;
            return new;
        }
        self.grow_and_insert(index, code)
    }

    /// [`Seen::insert`] of a code past the words made so far: the words made, then the
    /// code inserted.
    #[cold]
    fn grow_and_insert(&mut self, index: usize, code: u16) -> bool {
        if self.0.len() <= index {
            self.0.resize_with(index + 1, Vec::new);
        }
        if let Some(words) = self.0.get_mut(index) {
            let word = usize::from(code / 64);
            if words.len() <= word {
                words.resize(word + 1, 0);
            }
        }
        self.insert(index, code)
    }
}

/// A glyph a label shows, as drawing reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shown {
    pub(super) typeface: Typeface,
    pub(super) glyph: u16,
    pub(super) code: u16,
    /// The characters it stands for here, for a glyph the character map does not reach
    /// (whose code's text is the first the document gives it); `None` otherwise.
    pub(super) text: Option<String>,
    /// Its character-map character, if any.
    pub(super) char: Option<char>,
}

impl DocumentFonts {
    /// Records the glyphs of one label. `false` if one of them stands for other characters
    /// here than its code already extracts as (only possible for glyphs the character map
    /// does not reach), so the label must be drawn again with [`DocumentFonts::text_of`].
    pub(super) fn record(&mut self, shown: &[Shown]) -> bool {
        let mut agrees = true;
        for s in shown {
            if s.char.is_some() && !self.with_char.insert(s.typeface.index(), s.code) {
                continue;
            }
            let codes = self.used.entry(s.typeface).or_default();
            match codes.get(&s.code) {
                // A character-map glyph's code always extracts as its character.
                Some(existing) => {
                    agrees &=
                        s.char.is_some() || existing.text == s.text.as_deref().unwrap_or_default();
                }
                None => {
                    let text = match (s.char, &s.text) {
                        (Some(c), _) => c.to_string(),
                        (None, text) => text.clone().unwrap_or_default(),
                    };
                    codes.insert(
                        s.code,
                        CodeUse {
                            glyph: s.glyph,
                            text,
                        },
                    );
                }
            }
        }
        agrees
    }

    /// The text a code of `typeface` extracts as in this document, if it has been shown.
    pub(super) fn text_of(&self, typeface: Typeface, code: u16) -> Option<&str> {
        self.used
            .get(&typeface)
            .and_then(|codes| codes.get(&code))
            .map(|u| u.text.as_str())
    }

    /// Writes every typeface used, subset to its glyphs, and returns the `/Font` resource
    /// dictionary's entries (`/F0 5 0 R…`).
    pub(super) fn write<W: std::io::Write>(
        &self,
        file: &mut PdfFile<W>,
    ) -> Result<Vec<u8>, RenderError> {
        // One `ToUnicode` map serves every typeface whose codes agree with it: each
        // typeface joins the first map none of whose codes it gives other text, a code
        // that extracts as nothing (the second glyph of a split vowel) included, so no
        // glyph takes another typeface's text. A regular and a bold cut of one family
        // number their glyphs alike and share one; typefaces whose codes do not meet
        // (Noto Sans and the CJK face's CIDs, mostly) may too.
        let mut maps: Vec<BTreeMap<u16, &str>> = Vec::new();
        let mut map_of: Vec<usize> = Vec::with_capacity(self.used.len());
        for codes in self.used.values() {
            let texts = codes.iter().map(|(&code, u)| (code, u.text.as_str()));
            let agrees = |map: &BTreeMap<u16, &str>| {
                texts
                    .clone()
                    .all(|(code, text)| map.get(&code).is_none_or(|&t| t == text))
            };
            let index = match maps.iter().position(agrees) {
                Some(index) => index,
                None => {
                    maps.push(BTreeMap::new());
                    maps.len() - 1
                }
            };
            maps[index].extend(texts);
            map_of.push(index);
        }
        let mut map_refs = Vec::with_capacity(maps.len());
        for map in &maps {
            let to_unicode = file.reserve();
            file.deflated_stream(to_unicode, b"", &to_unicode_cmap(map), Effort::Best)?;
            map_refs.push(to_unicode);
        }
        let mut resources = Vec::new();
        for ((&typeface, codes), map) in self.used.iter().zip(map_of) {
            let font = write_font(file, typeface, codes, map_refs[map])?;
            resources.extend_from_slice(b"/F");
            push_integer(&mut resources, typeface.index() as u64);
            resources.push(b' ');
            font.push(&mut resources);
        }
        Ok(resources)
    }
}

/// A glyph's advance in thousandths of an em, as the `/W` array gives it and as kerning in
/// content streams is measured against.
pub(super) fn width(font: &Font, glyph: u16) -> f64 {
    let advance = font.face().glyph_hor_advance(GlyphId(glyph)).unwrap_or(0);
    f64::from(advance) * 1000.0 / f64::from(font.units_per_em())
}

fn fail(typeface: Typeface, what: &str) -> RenderError {
    RenderError::Pdf(format!(
        "embedding the font {} failed: {what}",
        typeface.postscript_name()
    ))
}

/// Writes one typeface's font objects, its text given by the `ToUnicode` map `to_unicode`,
/// and returns its `Type0` font.
fn write_font<W: std::io::Write>(
    file: &mut PdfFile<W>,
    typeface: Typeface,
    codes: &BTreeMap<u16, CodeUse>,
    to_unicode: ObjRef,
) -> Result<ObjRef, RenderError> {
    let font = Font::get(typeface).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let glyphs: Vec<u16> = codes.values().map(|u| u.glyph).collect();
    let name = format!(
        "{}+{}",
        subset_tag(typeface, &glyphs),
        typeface.postscript_name()
    );
    let [type0, cid_font, descriptor, program] = [(); 4].map(|()| file.reserve());
    let cff = Codes::get(typeface)?.cff;

    // The font program: TrueType whole; CFF as the bare table.
    if cff {
        let subset = subset_font(typeface, &glyphs)?;
        let table = ttf_parser::RawFace::parse(&subset.bytes, 0)
            .ok()
            .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")))
            .ok_or_else(|| fail(typeface, "the subset has no CFF table"))?;
        file.deflated_stream(program, b"/Subtype/CIDFontType0C", table, Effort::Best)?;
    } else {
        let subset = subset_keeping_ids(typeface, &glyphs)?;
        let mut dict = b"/Length1 ".to_vec();
        push_integer(&mut dict, subset.len() as u64);
        file.deflated_stream(program, &dict, &subset, Effort::Best)?;
    }

    // The descriptor, metrics in thousandths of an em.
    let face = font.face();
    let per_unit = 1000.0 / f64::from(font.units_per_em());
    let scaled = |v: i16| f64::from(v) * per_unit;
    let bbox = face.global_bounding_box();
    let mut d = b"<</Type/FontDescriptor/FontName/".to_vec();
    d.extend_from_slice(name.as_bytes());
    // Flags 4: symbolic, as every font shown through Identity-H codes is.
    d.extend_from_slice(b"/Flags 4/FontBBox[");
    for (i, v) in [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            d.push(b' ');
        }
        push_number(&mut d, scaled(v).round(), 0);
    }
    d.extend_from_slice(b"]/ItalicAngle 0/Ascent ");
    push_number(&mut d, scaled(face.ascender()).round(), 0);
    d.extend_from_slice(b"/Descent ");
    push_number(&mut d, scaled(face.descender()).round(), 0);
    d.extend_from_slice(b"/CapHeight ");
    push_number(
        &mut d,
        scaled(face.capital_height().unwrap_or(face.ascender())).round(),
        0,
    );
    // No font says its stem width; 80 is what readers assume of a regular weight.
    d.extend_from_slice(b"/StemV 80");
    d.extend_from_slice(if cff { b"/FontFile3 " } else { b"/FontFile2 " });
    program.push(&mut d);
    d.extend_from_slice(b">>");
    file.object(descriptor, d)?;

    // The CIDFont: widths by code. A TrueType subset keeps the glyph ids the codes are, so
    // its codes map to its glyphs by the default `/CIDToGIDMap`, `Identity`.
    let mut c = b"<</Type/Font/Subtype/".to_vec();
    c.extend_from_slice(if cff {
        b"CIDFontType0"
    } else {
        b"CIDFontType2"
    });
    c.extend_from_slice(b"/BaseFont/");
    c.extend_from_slice(name.as_bytes());
    c.extend_from_slice(
        b"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor ",
    );
    descriptor.push(&mut c);
    c.extend_from_slice(b"/W[");
    let mut previous: Option<u16> = None;
    for (&code, u) in codes {
        if previous.is_some_and(|p| p + 1 == code) {
            c.push(b' ');
        } else {
            if previous.is_some() {
                c.push(b']');
            }
            push_integer(&mut c, u64::from(code));
            c.push(b'[');
        }
        push_number(&mut c, width(font, u.glyph), 3);
        previous = Some(code);
    }
    if previous.is_some() {
        c.push(b']');
    }
    c.push(b']');
    c.extend_from_slice(b">>");
    file.object(cid_font, c)?;

    let mut t = b"<</Type/Font/Subtype/Type0/BaseFont/".to_vec();
    t.extend_from_slice(name.as_bytes());
    t.extend_from_slice(b"/Encoding/Identity-H/DescendantFonts[");
    cid_font.push(&mut t);
    t.extend_from_slice(b"]/ToUnicode ");
    to_unicode.push(&mut t);
    t.extend_from_slice(b">>");
    file.object(type0, t)?;
    Ok(type0)
}

/// The `ToUnicode` CMap: each code's text as UTF-16BE (PDF 32000-1, 9.10.3). Runs of
/// consecutive codes for consecutive characters (as glyph ids often follow the alphabet) are
/// one `bfrange` each, within one high byte of code and character as the format asks; the
/// rest are `bfchar` entries. A hundred entries per block, as PostScript asks. Codes without
/// text are left out.
fn to_unicode_cmap(codes: &BTreeMap<u16, &str>) -> Vec<u8> {
    let mut out = b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n"
        .to_vec();
    let entries: Vec<(u16, &str)> = codes
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(&code, &text)| (code, text))
        .collect();
    let unit_of = |text: &str| {
        let mut units = text.encode_utf16();
        match (units.next(), units.next()) {
            (Some(unit), None) => Some(unit),
            _ => None,
        }
    };
    let mut singles: Vec<(u16, &str)> = Vec::new();
    let mut ranges: Vec<(u16, u16, u16)> = Vec::new();
    let mut i = 0;
    while let Some(&(code, text)) = entries.get(i) {
        let mut end = i + 1;
        if let Some(unit) = unit_of(text) {
            while let Some(&(next_code, next_text)) = entries.get(end) {
                let step = (end - i) as u16;
                let (want_code, want_unit) = (code.wrapping_add(step), unit.wrapping_add(step));
                let follows = next_code == want_code
                    && unit_of(next_text) == Some(want_unit)
                    && want_code >> 8 == code >> 8
                    && want_unit >> 8 == unit >> 8;
                if !follows {
                    break;
                }
                end += 1;
            }
            if end - i >= 2 {
                ranges.push((code, code + (end - i - 1) as u16, unit));
                i = end;
                continue;
            }
        }
        singles.push((code, text));
        i += 1;
    }
    for block in singles.chunks(100) {
        push_integer(&mut out, block.len() as u64);
        out.extend_from_slice(b" beginbfchar\n");
        for &(code, text) in block {
            out.push(b'<');
            push_hex(&mut out, &code.to_be_bytes());
            out.extend_from_slice(b"><");
            for unit in text.encode_utf16() {
                push_hex(&mut out, &unit.to_be_bytes());
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    for block in ranges.chunks(100) {
        push_integer(&mut out, block.len() as u64);
        out.extend_from_slice(b" beginbfrange\n");
        for &(first, last, unit) in block {
            for value in [first, last] {
                out.push(b'<');
                push_hex(&mut out, &value.to_be_bytes());
                out.push(b'>');
            }
            out.push(b'<');
            push_hex(&mut out, &unit.to_be_bytes());
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfrange\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truetype_codes_are_glyph_ids_with_their_characters() {
        let font = Font::get(Typeface::Latin).unwrap();
        let codes = TypefaceCodes::of(Typeface::Latin).unwrap();
        let a = font.glyph('A').unwrap();
        assert_eq!(codes.code_of(a).unwrap(), (a, Some('A')));
        // The space glyph serves U+0020 and U+00A0: the smaller is its text.
        let space = font.glyph(' ').unwrap();
        assert_eq!(codes.code_of(space).unwrap().1, Some(' '));
    }

    #[cfg(feature = "cjk")]
    #[test]
    fn cff_codes_are_the_fonts_cids() {
        let font = Font::get(Typeface::Cjk).unwrap();
        let codes = TypefaceCodes::of(Typeface::Cjk).unwrap();
        let glyph = font.glyph('東').unwrap();
        let (code, char) = codes.code_of(glyph).unwrap();
        assert_eq!(char, Some('東'));
        let cff = font.face().tables().cff.unwrap();
        assert_eq!(cff.glyph_cid(GlyphId(glyph)), Some(code));
        assert_ne!(
            code, glyph,
            "the bundled subset's CIDs are not its glyph ids"
        );
        // The charset read in one pass agrees with a lookup per glyph.
        for g in (0..font.face().number_of_glyphs()).step_by(97) {
            assert_eq!(Some(codes.code_of(g).unwrap().0), cff.glyph_cid(GlyphId(g)));
        }
    }

    #[test]
    #[cfg(feature = "arabic")]
    fn a_glyph_without_a_character_keeps_its_first_text() {
        let mut fonts = DocumentFonts::default();
        let shown = |text: &str| Shown {
            typeface: Typeface::Arabic,
            glyph: 900,
            code: 900,
            text: Some(text.into()),
            char: None,
        };
        assert!(fonts.record(&[shown("ي")]));
        assert!(fonts.record(&[shown("ي")]));
        assert!(
            !fonts.record(&[shown("ى")]),
            "another text for the same code"
        );
        assert_eq!(fonts.text_of(Typeface::Arabic, 900), Some("ي"));
    }

    #[test]
    fn seen_codes_are_new_once_per_typeface() {
        let mut seen = Seen::default();
        assert!(seen.insert(0, 36));
        assert!(!seen.insert(0, 36));
        assert!(seen.insert(3, 36), "another typeface");
        assert!(seen.insert(0, 37));
        assert!(seen.insert(0, u16::MAX));
        assert!(!seen.insert(0, u16::MAX));
        assert!(seen.insert(0, 0));
        assert!(!seen.insert(3, 36));
    }

    #[test]
    fn typefaces_share_a_to_unicode_map_only_when_every_code_agrees() {
        let use_of = |glyph: u16, text: &str| CodeUse {
            glyph,
            text: text.into(),
        };
        let maps_of = |used: Vec<(Typeface, Vec<(u16, &str)>)>| {
            let fonts = DocumentFonts {
                used: used
                    .into_iter()
                    .map(|(t, codes)| {
                        (
                            t,
                            codes.into_iter().map(|(c, x)| (c, use_of(c, x))).collect(),
                        )
                    })
                    .collect(),
                with_char: Seen::default(),
            };
            let mut file = PdfFile::new(Vec::new()).unwrap();
            fonts.write(&mut file).unwrap();
            let catalog = file.reserve();
            let info = file.reserve();
            file.object(catalog, b"<</Type/Catalog>>".to_vec()).unwrap();
            file.object(info, b"<<>>".to_vec()).unwrap();
            let pdf = file.finish(catalog, info).unwrap();
            let doc = lopdf::Document::load_mem(&pdf).unwrap();
            let mut maps: Vec<(Vec<u8>, (u32, u16))> = doc
                .objects
                .values()
                .filter_map(|o| o.as_dict().ok())
                .filter(|d| {
                    d.get(b"Subtype")
                        .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Type0"))
                })
                .map(|d| {
                    let name = d.get(b"BaseFont").unwrap().as_name().unwrap();
                    let name = name[7..].to_vec();
                    (name, d.get(b"ToUnicode").unwrap().as_reference().unwrap())
                })
                .collect();
            maps.sort();
            maps.into_iter().map(|(_, r)| r).collect::<Vec<_>>()
        };
        // Regular and bold agreeing on every code: one map.
        let shared = maps_of(vec![
            (Typeface::Latin, vec![(36, "A"), (37, "B")]),
            (Typeface::LatinBold, vec![(36, "A"), (68, "a")]),
        ]);
        assert_eq!(shared[0], shared[1]);
        // A code one typeface extracts as nothing and the other as text: two maps, so
        // the first typeface's glyph does not extract as the second's text.
        let apart = maps_of(vec![
            (Typeface::Latin, vec![(36, "A"), (37, "")]),
            (Typeface::LatinBold, vec![(36, "A"), (37, "B")]),
        ]);
        assert_ne!(apart[0], apart[1]);
        // And a code with other text.
        let apart = maps_of(vec![
            (Typeface::Latin, vec![(36, "A")]),
            (Typeface::LatinBold, vec![(36, "Z")]),
        ]);
        assert_ne!(apart[0], apart[1]);
    }

    #[test]
    fn the_to_unicode_cmap_maps_codes_to_utf16_in_blocks_of_a_hundred() {
        let codes: BTreeMap<u16, &str> = (0..150u16)
            .map(|i| (i, if i == 3 { "fi" } else { "A" }))
            .collect();
        let cmap = String::from_utf8(to_unicode_cmap(&codes)).unwrap();
        assert!(cmap.contains("100 beginbfchar\n<0000><0041>\n"), "{cmap}");
        assert!(cmap.contains("<0003><00660069>\n"));
        assert!(cmap.contains("50 beginbfchar\n"));
        assert!(cmap.ends_with("defineresource pop\nend\nend\n"));
        // Consecutive codes for consecutive characters make ranges, never across a high
        // byte of either.
        let texts: Vec<String> = (0..300u32)
            .map(|i| char::from_u32(0xC0 + i).unwrap().to_string())
            .collect();
        let alphabet: BTreeMap<u16, &str> = (0..300u16)
            .map(|i| (0x20 + i, texts[usize::from(i)].as_str()))
            .collect();
        let cmap = String::from_utf8(to_unicode_cmap(&alphabet)).unwrap();
        assert!(!cmap.contains("bfchar"), "{cmap}");
        assert!(
            cmap.contains(
                "3 beginbfrange\n<0020><005F><00C0>\n<0060><00FF><0100>\n<0100><014B><01A0>\n"
            ),
            "{cmap}"
        );
    }
}
