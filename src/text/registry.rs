//! Fonts given at run time: each file is checked when it is given ([`FontFile`]), then
//! registered for the life of the process ([`register_font`]) after the bundled fonts in
//! the fallback chain, for every thread.
//!
//! Registering only ever appends: a family takes the next free slot and keeps it, and the
//! chain tries it after every font before it. So text that was printable before a
//! registration is drawn by the same fonts after it, and the caches of shaped lines (per
//! thread, by text) never hold a line a registration would change.

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock, PoisonError};

use rustybuzz::ttf_parser::{self, GlyphId, name_id};

use super::fonts::{Font, Typeface, Weight};

/// How many font families ([`register_font`], [`register_font_with_bold`]) one process can
/// register.
///
/// ```
/// assert_eq!(shiplabel::MAX_REGISTERED_FONTS, 8);
/// ```
pub const MAX_REGISTERED_FONTS: usize = 8;

/// [`MAX_REGISTERED_FONTS`], as the rest of the crate names it.
pub(crate) const MAX_REGISTERED: usize = MAX_REGISTERED_FONTS;

/// A face given at run time, as [`Typeface::Registered`] names it: which registration it
/// came from, and whether it is that registration's bold.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let bytes: &'static [u8] = shiplabel::Typeface::Latin.data();
/// let typeface = shiplabel::register_font(shiplabel::FontFile::new(bytes)?)?;
/// assert!(matches!(typeface, shiplabel::Typeface::Registered(_)));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegisteredFace {
    family: u8,
    bold: bool,
}

impl RegisteredFace {
    /// The face of registration `family` (below [`MAX_REGISTERED`]), its bold or not.
    pub(crate) fn new(family: usize, bold: bool) -> RegisteredFace {
        RegisteredFace {
            family: u8::try_from(family.min(MAX_REGISTERED - 1)).unwrap_or(0),
            bold,
        }
    }

    /// Its slot among the registered faces: two per family, regular then bold.
    pub(crate) fn slot(self) -> usize {
        2 * usize::from(self.family) + usize::from(self.bold)
    }

    /// Whether it is a bold face given as such (not a regular one drawn stroked for bold).
    pub(crate) fn is_bold(self) -> bool {
        self.bold
    }
}

/// A font file given at run time, read and checked, ready to
/// [register](register_font): a TrueType or OpenType font (`.ttf`, `.otf`), or one face of a
/// collection (`.ttc`, `.otc`).
///
/// It must hold a Unicode character map, outlines the crate can subset and embed in a PDF
/// (TrueType `glyf` outlines, or CID-keyed CFF as Adobe's and Google's CJK fonts have), and
/// allow embedding a subset (its OS/2 `fsType`). Each is checked here, so a file that
/// passes can be printed with; a file that does not is a [`FontFileError`], never a panic.
///
/// ```
/// use shiplabel::{FontFile, FontFileError};
/// // Any font file, as bytes: from disk (`std::fs::read`), or compiled in.
/// let bytes: &'static [u8] = shiplabel::Typeface::Latin.data();
/// let font = FontFile::new(bytes)?;
/// assert_eq!(font.postscript_name(), "NotoSans-Regular");
///
/// let err = FontFile::new(b"not a font".to_vec()).unwrap_err();
/// assert!(matches!(err, FontFileError::Unreadable { .. }));
/// assert_eq!(err.to_string(), "the font file cannot be read: unknown magic");
/// # Ok::<(), FontFileError>(())
/// ```
#[derive(Clone)]
pub struct FontFile {
    data: Cow<'static, [u8]>,
    index: u32,
    name: String,
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("name", &self.name)
            .field("index", &self.index)
            .field("bytes", &self.data.len())
            .finish()
    }
}

/// Why a font file cannot be used: each names the font when it could be read that far.
///
/// ```
/// let err = shiplabel::FontFile::from_collection(shiplabel::Typeface::Latin.data(), 3).unwrap_err();
/// assert_eq!(err.to_string(), "the font file cannot be read: face index is out of bounds");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FontFileError {
    /// The bytes are not a font (or not the face asked for of a collection), or the font
    /// is malformed; `reason` says what the reader found.
    #[error("the font file cannot be read: {reason}")]
    Unreadable {
        /// What is wrong, e.g. `unknown magic` for bytes that are no font at all.
        reason: String,
    },
    /// The font has no Unicode character map, so no text can be set in it.
    #[error("the font {name} has no Unicode character map: no text can be set in it")]
    NoCharacterMap {
        /// The font's PostScript name.
        name: String,
    },
    /// The font's outlines are not ones this crate can subset and embed: CFF2 (variable
    /// OpenType), name-keyed CFF, or none (a bitmap font).
    #[error(
        "the font {name} has {outlines}; only TrueType (glyf) and CID-keyed CFF outlines can \
         be embedded"
    )]
    UnsupportedOutlines {
        /// The font's PostScript name.
        name: String,
        /// What outlines it has, e.g. `CFF2 outlines`.
        outlines: String,
    },
    /// The font's licence flags (OS/2 `fsType`) forbid embedding it, or a subset of it, in
    /// a document.
    #[error("the font {name} does not allow a subset of it to be embedded (its OS/2 fsType)")]
    NotEmbeddable {
        /// The font's PostScript name.
        name: String,
    },
    /// [`MAX_REGISTERED_FONTS`](crate::MAX_REGISTERED_FONTS) families are registered
    /// already: nothing was registered.
    #[error("{max} fonts are registered already; no more can be")]
    TooManyFonts {
        /// The limit.
        max: usize,
    },
}

impl FontFile {
    /// Reads and checks a font file (a single font, or the first face of a collection).
    /// Borrowed bytes (`include_bytes!`, a `&'static [u8]`) are not copied; owned ones
    /// (`std::fs::read`) are kept.
    ///
    /// # Errors
    ///
    /// A [`FontFileError`] saying what is wrong with the file.
    ///
    /// # Examples
    ///
    /// ```
    /// let font = shiplabel::FontFile::new(shiplabel::Typeface::LatinBold.data())?;
    /// assert_eq!(font.postscript_name(), "NotoSans-Bold");
    /// # Ok::<(), shiplabel::FontFileError>(())
    /// ```
    pub fn new(data: impl Into<Cow<'static, [u8]>>) -> Result<FontFile, FontFileError> {
        FontFile::from_collection(data, 0)
    }

    /// Reads and checks face `index` of a font collection (`.ttc`, `.otc`; the faces are
    /// numbered from 0 in the order the file lists them). For a single font, 0 is the font.
    ///
    /// # Errors
    ///
    /// [`FontFileError::Unreadable`] if the file has no face `index`, or any other
    /// [`FontFileError`] saying what is wrong with that face.
    ///
    /// # Examples
    ///
    /// ```
    /// let bytes = shiplabel::Typeface::Latin.data();
    /// assert!(shiplabel::FontFile::from_collection(bytes, 0).is_ok());
    /// assert!(shiplabel::FontFile::from_collection(bytes, 1).is_err());
    /// ```
    pub fn from_collection(
        data: impl Into<Cow<'static, [u8]>>,
        index: u32,
    ) -> Result<FontFile, FontFileError> {
        let data = data.into();
        let name = check(&data, index)?;
        Ok(FontFile { data, index, name })
    }

    /// The font's PostScript name (from its `name` table), as the PDF will name it: only
    /// the characters a PDF name may hold, at most 63 of them; `Registered` if the font
    /// gives none.
    ///
    /// ```
    /// let font = shiplabel::FontFile::new(shiplabel::Typeface::Latin.data())?;
    /// assert_eq!(font.postscript_name(), "NotoSans-Regular");
    /// # Ok::<(), shiplabel::FontFileError>(())
    /// ```
    pub fn postscript_name(&self) -> &str {
        &self.name
    }
}

/// Checks face `index` of `data`, returning its PostScript name.
fn check(data: &[u8], index: u32) -> Result<String, FontFileError> {
    let unreadable = |reason: String| FontFileError::Unreadable { reason };
    let face = ttf_parser::Face::parse(data, index).map_err(|e| unreadable(e.to_string()))?;
    // The reader skips a table that is not all there; a file cut short is an error here.
    let raw = ttf_parser::RawFace::parse(data, index).map_err(|e| unreadable(e.to_string()))?;
    for record in raw.table_records {
        let end = usize::try_from(record.offset)
            .ok()
            .and_then(|offset| offset.checked_add(usize::try_from(record.length).ok()?));
        if end.is_none_or(|end| end > data.len()) {
            let tag = String::from_utf8_lossy(&record.tag.to_bytes()).into_owned();
            return Err(unreadable(format!(
                "its {tag:?} table lies past the end of the file, which is cut short"
            )));
        }
    }
    let name = postscript_name(&face);
    let tables = face.tables();
    let mut mapped = false;
    if let Some(cmap) = tables.cmap {
        for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            subtable.codepoints(|c| {
                mapped |= subtable.glyph_index(c).is_some_and(|g| g.0 != 0);
            });
        }
    }
    if !mapped {
        return Err(FontFileError::NoCharacterMap { name });
    }
    let unsupported = |outlines: &str| FontFileError::UnsupportedOutlines {
        name: name.clone(),
        outlines: outlines.to_owned(),
    };
    match (tables.glyf, tables.cff, tables.cff2) {
        (Some(_), _, _) => {}
        (None, Some(cff), _) => {
            if cff.glyph_cid(GlyphId(0)).is_none() {
                return Err(unsupported("name-keyed CFF outlines"));
            }
        }
        (None, None, Some(_)) => return Err(unsupported("CFF2 outlines")),
        (None, None, None) => return Err(unsupported("no outlines")),
    }
    let restricted = face.permissions() == Some(ttf_parser::Permissions::Restricted);
    if restricted || !tables.os2.is_none_or(|os2| os2.is_subsetting_allowed()) {
        return Err(FontFileError::NotEmbeddable { name });
    }
    if rustybuzz::Face::from_slice(data, index).is_none() {
        return Err(unreadable("the shaper cannot read it".into()));
    }
    // The subsetters read the font as the PDF writers will: cut down to `.notdef` (ours
    // for TrueType outlines in our own PDFs; allsorts for CFF, and for printpdf).
    subset_notdef(data, index).map_err(|e| unreadable(format!("it cannot be subset: {e}")))?;
    if tables.glyf.is_some() {
        crate::sfnt::keeping_ids(data, index, &[])
            .map_err(|e| unreadable(format!("it cannot be subset: {e}")))?;
    }
    Ok(name)
}

/// Subsets face `index` of `data` to its `.notdef` glyph, as embedding a font does.
fn subset_notdef(data: &[u8], index: u32) -> Result<(), String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    let font = ReadScope::new(data)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = font
        .table_provider(index as usize)
        .map_err(|e| e.to_string())?;
    subset(&provider, &[0], &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The font's PostScript name, reduced to what a PDF name may hold (printable ASCII but
/// delimiters, `#` and `%`), at most 63 characters; `Registered` if nothing is left.
fn postscript_name(face: &ttf_parser::Face<'_>) -> String {
    let given = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_default();
    pdf_name(&given)
}

/// `given`, reduced to what a PDF name may hold (see [`postscript_name`]).
fn pdf_name(given: &str) -> String {
    let name: String = given
        .chars()
        .filter(|&c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(c))
        .take(63)
        .collect();
    if name.is_empty() {
        "Registered".into()
    } else {
        name
    }
}

/// A registered face, parsed, for the life of the process.
pub(crate) struct RegisteredFont {
    pub(crate) font: Font,
    /// Its PostScript name.
    pub(crate) name: &'static str,
    /// A digest of its file and face index (see [`Typeface::fingerprint`]).
    pub(crate) fingerprint: u64,
}

impl RegisteredFont {
    /// Keeps `file`'s bytes for the life of the process and parses them.
    fn keep(file: FontFile) -> Option<RegisteredFont> {
        let bytes: &'static [u8] = match file.data {
            Cow::Borrowed(bytes) => bytes,
            Cow::Owned(bytes) => Box::leak(bytes.into_boxed_slice()),
        };
        let mut fingerprint: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in bytes.iter().chain(&file.index.to_be_bytes()) {
            fingerprint = (fingerprint ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        Some(RegisteredFont {
            font: Font::parse(bytes, file.index)?,
            name: Box::leak(file.name.into_boxed_str()),
            fingerprint,
        })
    }
}

/// One registration: a regular face, and a bold one if it was given.
struct Family {
    regular: RegisteredFont,
    bold: Option<RegisteredFont>,
}

/// The registered families, in slots filled in order and never emptied.
pub(crate) struct Registry {
    families: [OnceLock<Family>; MAX_REGISTERED],
    /// Held while a family is added, so slots fill one after the other.
    adding: Mutex<()>,
}

/// The process's registry.
static REGISTRY: Registry = Registry::new();

impl Registry {
    const fn new() -> Registry {
        Registry {
            families: [const { OnceLock::new() }; MAX_REGISTERED],
            adding: Mutex::new(()),
        }
    }

    /// Adds a family in the next free slot and returns its regular and bold faces (the
    /// regular one again when no bold is given).
    fn add(
        &self,
        regular: FontFile,
        bold: Option<FontFile>,
    ) -> Result<(RegisteredFace, RegisteredFace), FontFileError> {
        let _adding = self.adding.lock().unwrap_or_else(PoisonError::into_inner);
        let (family, slot) = self
            .families
            .iter()
            .enumerate()
            .find(|(_, slot)| slot.get().is_none())
            .ok_or(FontFileError::TooManyFonts {
                max: MAX_REGISTERED,
            })?;
        let keep = |file: FontFile| {
            RegisteredFont::keep(file).ok_or_else(|| FontFileError::Unreadable {
                reason: "the shaper cannot read it".into(),
            })
        };
        let has_bold = bold.is_some();
        let family_fonts = Family {
            regular: keep(regular)?,
            bold: bold.map(keep).transpose()?,
        };
        if slot.set(family_fonts).is_err() {
            // Not reachable: the slot was empty and only this call, holding the lock, fills.
            return Err(FontFileError::TooManyFonts {
                max: MAX_REGISTERED,
            });
        }
        Ok((
            RegisteredFace::new(family, false),
            RegisteredFace::new(family, has_bold),
        ))
    }

    /// The parsed font of a registered face, if it is registered.
    fn font(&self, face: RegisteredFace) -> Option<&RegisteredFont> {
        let family = self.families.get(usize::from(face.family))?.get()?;
        if face.bold {
            family.bold.as_ref()
        } else {
            Some(&family.regular)
        }
    }

    /// The registered faces text set in `weight` falls back to, in the order registered.
    fn faces(&self, weight: Weight) -> impl Iterator<Item = RegisteredFace> + '_ {
        self.families
            .iter()
            .map_while(OnceLock::get)
            .enumerate()
            .map(move |(n, family)| {
                RegisteredFace::new(n, weight == Weight::Bold && family.bold.is_some())
            })
    }
}

/// The parsed font of a registered face.
pub(crate) fn font(face: RegisteredFace) -> Option<&'static RegisteredFont> {
    REGISTRY.font(face)
}

/// The registered faces text set in `weight` falls back to, in the order registered.
pub(crate) fn faces(weight: Weight) -> impl Iterator<Item = RegisteredFace> {
    REGISTRY.faces(weight)
}

/// Registers a font for every label this process lays out from now on, on every thread:
/// text no bundled font covers is set in it (and validation accepts it), bold text drawn
/// from it with a stroked outline. Returns the [`Typeface`] its glyph runs name.
///
/// This is how an app that already ships a font, say the full Noto Sans CJK, prints with it
/// instead of the crate's own (build without the `cjk` feature; see the crate's "Crate
/// features"), or how labels print a script no bundled font has (Devanagari, Khmer, …).
///
/// Register at start-up, before labels are validated or laid out. Registered fonts come
/// after the bundled ones, in the order registered, and registering only adds: text that
/// was printable before a registration is drawn exactly as before it, so the same input
/// with the same fonts registered in the same order gives the same bytes. A font is kept
/// for the life of the process (owned bytes are never freed; a `&'static [u8]` is not
/// copied); at most [`MAX_REGISTERED_FONTS`](crate::MAX_REGISTERED_FONTS) can be
/// registered.
///
/// # Errors
///
/// [`FontFileError::TooManyFonts`] when the registry is full; nothing is registered then.
///
/// # Examples
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // An app that ships Noto Sans CJK, built with `default-features = false` and
/// // `features = ["arabic", "hebrew", "thai", "armenian", "georgian"]`.
/// let bytes = std::fs::read("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")?;
/// let jp = shiplabel::FontFile::from_collection(bytes, 0)?;
/// shiplabel::register_font(jp)?;
/// # Ok(()) }
/// ```
pub fn register_font(font: FontFile) -> Result<Typeface, FontFileError> {
    REGISTRY
        .add(font, None)
        .map(|(regular, _)| Typeface::Registered(regular))
}

/// Registers a font family, a regular face and its bold, as [`register_font`] does one face:
/// bold text is then drawn from the bold face, not stroked. Returns the regular and the
/// bold [`Typeface`].
///
/// # Errors
///
/// [`FontFileError::TooManyFonts`] when the registry is full; nothing is registered then.
///
/// # Examples
///
/// ```
/// use shiplabel::{FontFile, Typeface};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let regular = FontFile::new(Typeface::Latin.data())?;
/// let bold = FontFile::new(Typeface::LatinBold.data())?;
/// let (regular, bold) = shiplabel::register_font_with_bold(regular, bold)?;
/// assert_ne!(regular, bold);
/// assert_eq!(bold.postscript_name(), "NotoSans-Bold");
/// # Ok(()) }
/// ```
pub fn register_font_with_bold(
    regular: FontFile,
    bold: FontFile,
) -> Result<(Typeface, Typeface), FontFileError> {
    REGISTRY
        .add(regular, Some(bold))
        .map(|(regular, bold)| (Typeface::Registered(regular), Typeface::Registered(bold)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin() -> FontFile {
        FontFile::new(Typeface::Latin.data()).unwrap()
    }

    #[test]
    fn families_fill_slots_in_order_until_the_registry_is_full() {
        let registry = Registry::new();
        assert_eq!(registry.faces(Weight::Regular).count(), 0);
        let (regular, bold) = registry.add(latin(), None).unwrap();
        assert_eq!((regular, bold), (RegisteredFace::new(0, false), regular));
        let bold_file = FontFile::new(Typeface::LatinBold.data()).unwrap();
        let (regular, bold) = registry.add(latin(), Some(bold_file)).unwrap();
        assert_eq!(
            (regular, bold),
            (RegisteredFace::new(1, false), RegisteredFace::new(1, true))
        );
        // A family without a bold is drawn stroked in bold: its regular face stands in.
        let in_bold: Vec<_> = registry.faces(Weight::Bold).collect();
        assert_eq!(in_bold, [RegisteredFace::new(0, false), bold]);
        let in_regular: Vec<_> = registry.faces(Weight::Regular).collect();
        assert_eq!(in_regular, [RegisteredFace::new(0, false), regular]);
        assert_eq!(registry.font(bold).unwrap().name, "NotoSans-Bold");
        assert_eq!(registry.font(regular).unwrap().name, "NotoSans-Regular");
        assert!(registry.font(RegisteredFace::new(0, true)).is_none());
        assert!(registry.font(RegisteredFace::new(2, false)).is_none());
        for _ in 2..MAX_REGISTERED {
            registry.add(latin(), None).unwrap();
        }
        assert_eq!(
            registry.add(latin(), None).unwrap_err(),
            FontFileError::TooManyFonts {
                max: MAX_REGISTERED
            }
        );
        assert_eq!(registry.faces(Weight::Regular).count(), MAX_REGISTERED);
    }

    #[test]
    fn a_registered_font_keeps_static_bytes_and_copies_none() {
        let registry = Registry::new();
        let (face, _) = registry.add(latin(), None).unwrap();
        let kept = registry.font(face).unwrap();
        assert_eq!(kept.font.bytes().as_ptr(), Typeface::Latin.data().as_ptr());
        // Owned bytes are kept too, and the same file gives the same digest.
        let owned = FontFile::new(Typeface::Latin.data().to_vec()).unwrap();
        let (copy, _) = registry.add(owned, None).unwrap();
        let copy = registry.font(copy).unwrap();
        assert_ne!(copy.font.bytes().as_ptr(), Typeface::Latin.data().as_ptr());
        assert_eq!(copy.fingerprint, kept.fingerprint);
        let bold = FontFile::new(Typeface::LatinBold.data()).unwrap();
        let (bold, _) = registry.add(bold, None).unwrap();
        assert_ne!(registry.font(bold).unwrap().fingerprint, kept.fingerprint);
    }

    #[test]
    fn files_that_cannot_be_used_are_refused_with_the_reason() {
        let unreadable = |reason: &str| FontFileError::Unreadable {
            reason: reason.into(),
        };
        assert_eq!(
            FontFile::new(b"".as_slice()).unwrap_err(),
            unreadable("unknown magic")
        );
        assert_eq!(
            FontFile::new(b"OTTO and then nothing".to_vec()).unwrap_err(),
            unreadable("malformed font")
        );
        assert_eq!(
            FontFile::from_collection(Typeface::Latin.data(), 1).unwrap_err(),
            unreadable("face index is out of bounds")
        );
        // A font cut short: its tables point past its end.
        let cut = Typeface::Latin.data()[..4096].to_vec();
        assert_eq!(
            FontFile::new(cut).unwrap_err().to_string(),
            "the font file cannot be read: its \"DSIG\" table lies past the end of the file, \
             which is cut short"
        );
    }

    /// Noto Sans with one byte of its tables changed.
    fn patched(table: &[u8; 4], at: usize, value: &[u8]) -> Vec<u8> {
        let mut bytes = Typeface::Latin.data().to_vec();
        let raw = ttf_parser::RawFace::parse(&bytes, 0).unwrap();
        let record = raw
            .table_records
            .into_iter()
            .find(|r| &r.tag.to_bytes() == table)
            .unwrap();
        let start = record.offset as usize + at;
        bytes[start..start + value.len()].copy_from_slice(value);
        bytes
    }

    #[test]
    fn a_font_that_forbids_embedding_or_maps_no_characters_is_refused() {
        // OS/2 fsType (at byte 8): 2 is restricted-licence embedding; 0x0100, no subsetting.
        for fs_type in [[0, 2], [1, 0]] {
            let err = FontFile::new(patched(b"OS/2", 8, &fs_type)).unwrap_err();
            assert_eq!(
                err,
                FontFileError::NotEmbeddable {
                    name: "NotoSans-Regular".into()
                }
            );
            assert_eq!(
                err.to_string(),
                "the font NotoSans-Regular does not allow a subset of it to be embedded (its \
                 OS/2 fsType)"
            );
        }
        // Installable (0) and print-and-preview (4) are fine.
        assert!(FontFile::new(patched(b"OS/2", 8, &[0, 4])).is_ok());
        // The character map renamed: no Unicode map is left.
        let mut bytes = Typeface::Latin.data().to_vec();
        let at = bytes.windows(4).position(|w| w == b"cmap").unwrap();
        bytes[at..at + 4].copy_from_slice(b"cmaq");
        assert_eq!(
            FontFile::new(bytes).unwrap_err(),
            FontFileError::NoCharacterMap {
                name: "NotoSans-Regular".into()
            }
        );
    }

    #[test]
    #[cfg(feature = "cjk")]
    fn a_cid_keyed_cff_font_is_accepted() {
        let font = FontFile::new(Typeface::Cjk.data()).unwrap();
        assert_eq!(font.postscript_name(), "NotoSansCJKjp-Regular");
    }

    #[test]
    fn a_font_without_outlines_is_refused() {
        // The glyf table renamed: no outlines of any kind are left.
        let mut bytes = Typeface::Latin.data().to_vec();
        let at = bytes.windows(4).position(|w| w == b"glyf").unwrap();
        bytes[at..at + 4].copy_from_slice(b"glyq");
        let err = FontFile::new(bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the font NotoSans-Regular has no outlines; only TrueType (glyf) and CID-keyed \
             CFF outlines can be embedded"
        );
    }

    #[test]
    fn postscript_names_keep_only_what_a_pdf_name_may_hold() {
        let face = ttf_parser::Face::parse(Typeface::LatinBold.data(), 0).unwrap();
        assert_eq!(postscript_name(&face), "NotoSans-Bold");
        assert_eq!(pdf_name("My Font/(Bold)#1 [β]"), "MyFontBold1");
        assert_eq!(pdf_name(&"N".repeat(100)), "N".repeat(63));
        assert_eq!(pdf_name(" /\u{3042}"), "Registered");
    }
}
