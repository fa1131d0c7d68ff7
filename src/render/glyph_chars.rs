//! The character each glyph of a font extracts as: the smallest its Unicode character maps
//! give it, read in one pass over each map.
//!
//! ttf-parser walks a map's characters and looks each one up again (a binary search over
//! the segments of a format-4 map), and the bundled fonts carry the same format-4 map twice
//! (Unicode and Windows platforms): 2.6 million instructions for the two Latin faces, a
//! third of printing one label. Here a map that another record already pointed at is read
//! once, and a format-4 map is read segment by segment. Other formats, and format-4 maps
//! whose segments are not in order (where a search and a walk could disagree), are read
//! through ttf-parser, as before.

use rustybuzz::ttf_parser::{self, Face, GlyphId, cmap};

/// For each of the face's `count` glyphs, the smallest character its Unicode maps give it
/// (0: none).
pub(super) fn smallest_chars(face: &Face<'_>, count: u16) -> Vec<u32> {
    let mut chars = vec![0u32; usize::from(count)];
    let mut note = |c: u32, glyph: u16| {
        if let Some(slot) = chars
            .get_mut(usize::from(glyph))
            .filter(|slot| glyph != 0 && (**slot == 0 || c < **slot))
        {
            *slot = c;
        }
    };
    let (Some(table), Some(raw)) = (
        face.tables().cmap,
        face.raw_face().table(ttf_parser::Tag::from_bytes(b"cmap")),
    ) else {
        return chars;
    };
    let mut read: Vec<usize> = Vec::new();
    // By record: the index says where the record's offset is in the table.
    for index in 0..table.subtables.len() {
        let Some(subtable) = table.subtables.get(index) else {
            break;
        };
        if !subtable.is_unicode() {
            continue;
        }
        // Encoding records (platform, encoding, offset) follow the version and their count.
        let offset = be_u32(raw, 4 + 8 * usize::from(index) + 4).map(|o| o as usize);
        if let Some(offset) = offset {
            if read.contains(&offset) {
                continue;
            }
            read.push(offset);
        }
        let walked = match (subtable.format, offset) {
            (cmap::Format::SegmentMappingToDeltaValues(_), Some(offset)) => raw
                .get(offset..)
                .is_some_and(|data| walk_format4(data, &mut note)),
            _ => false,
        };
        if !walked {
            subtable.codepoints(|c| {
                if let Some(GlyphId(glyph)) = subtable.glyph_index(c) {
                    note(c, glyph);
                }
            });
        }
    }
    chars
}

/// The big-endian `u16` at `at`, if it is there.
fn be_u16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

/// The big-endian `u32` at `at`, if it is there.
fn be_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// Every character of a format-4 map (`data` from its start) and its glyph, to `note`, as
/// ttf-parser's lookup would give them; `false` (having noted nothing) if the map cannot be
/// read or its segments are not in ascending order without overlaps, which a search and a
/// walk might read differently.
fn walk_format4(data: &[u8], note: &mut impl FnMut(u32, u16)) -> bool {
    let Some(segments) = Format4::read(data) else {
        return false;
    };
    for i in 0..segments.count {
        let (Some(start), Some(end)) = (segments.start(i), segments.end(i)) else {
            return false;
        };
        // The last segment, 0xFFFF alone, ends the map.
        if start == 0xFFFF && end == 0xFFFF {
            break;
        }
        let (Some(delta), Some(range_offset)) = (segments.delta(i), segments.range_offset(i))
        else {
            return false;
        };
        for c in start..=end {
            let glyph = match range_offset {
                0 => Some(c.wrapping_add(delta)),
                0xFFFF => None,
                _ => {
                    // The glyph array entry `range_offset` bytes on from the segment's own
                    // offset entry, in 16-bit arithmetic, as ttf-parser reads it.
                    u16::try_from(2 * u32::from(c - start))
                        .ok()
                        .map(|step| {
                            ((segments.range_offsets_at + 2 * i) as u16)
                                .wrapping_add(step)
                                .wrapping_add(range_offset)
                        })
                        .and_then(|position| be_u16(data, usize::from(position)))
                        .filter(|&g| g != 0)
                        .and_then(|g| u16::try_from((g as i16).wrapping_add(delta as i16)).ok())
                }
            };
            if let Some(glyph) = glyph {
                note(u32::from(c), glyph);
            }
        }
    }
    true
}

/// A format-4 map's segment arrays: the map's bytes, its number of segments, and where each
/// array starts (the segments' last characters, first characters, deltas and glyph-array
/// offsets).
struct Format4<'a> {
    data: &'a [u8],
    count: usize,
    ends_at: usize,
    starts_at: usize,
    deltas_at: usize,
    range_offsets_at: usize,
}

impl<'a> Format4<'a> {
    /// The arrays of a format-4 map, if its segments are whole and each starts after the
    /// one before ends.
    fn read(data: &'a [u8]) -> Option<Format4<'a>> {
        if be_u16(data, 0)? != 4 {
            return None;
        }
        let count = usize::from(be_u16(data, 6)? / 2);
        let ends_at = 14;
        let starts_at = ends_at + 2 * count + 2;
        let deltas_at = starts_at + 2 * count;
        let range_offsets_at = deltas_at + 2 * count;
        data.get(..range_offsets_at + 2 * count)?;
        let map = Format4 {
            data,
            count,
            ends_at,
            starts_at,
            deltas_at,
            range_offsets_at,
        };
        let mut after = 0u32;
        for i in 0..count {
            let (start, end) = (map.start(i)?, map.end(i)?);
            if u32::from(start) < after || start > end {
                return None;
            }
            after = u32::from(end) + 1;
        }
        Some(map)
    }

    /// Segment `i`'s first character.
    fn start(&self, i: usize) -> Option<u16> {
        be_u16(self.data, self.starts_at + 2 * i)
    }

    /// Segment `i`'s last character.
    fn end(&self, i: usize) -> Option<u16> {
        be_u16(self.data, self.ends_at + 2 * i)
    }

    /// Segment `i`'s delta.
    fn delta(&self, i: usize) -> Option<u16> {
        be_u16(self.data, self.deltas_at + 2 * i)
    }

    /// Segment `i`'s glyph-array offset (0: none, the delta alone).
    fn range_offset(&self, i: usize) -> Option<u16> {
        be_u16(self.data, self.range_offsets_at + 2 * i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled fonts (the `fonts` feature).
    #[cfg(feature = "fonts")]
    mod bundled {
        use super::*;
        use crate::text::{Font, Typeface};

        /// The smallest character of each glyph the slow way: every character of every Unicode
        /// map, looked up.
        fn looked_up(face: &Face<'_>) -> Vec<u32> {
            let mut chars = vec![0u32; usize::from(face.number_of_glyphs())];
            for subtable in face.tables().cmap.unwrap().subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                subtable.codepoints(|c| {
                    let glyph = subtable.glyph_index(c).map_or(0, |g| usize::from(g.0));
                    if let Some(slot) = chars
                        .get_mut(glyph)
                        .filter(|slot| glyph != 0 && (**slot == 0 || c < **slot))
                    {
                        *slot = c;
                    }
                });
            }
            chars
        }

        #[test]
        fn every_bundled_face_maps_as_looking_each_character_up() {
            for &typeface in Typeface::ALL {
                let face = Font::get(typeface).unwrap().face();
                let fast = smallest_chars(face, face.number_of_glyphs());
                assert_eq!(fast, looked_up(face), "{typeface:?}");
                assert!(
                    fast.iter().filter(|&&c| c != 0).count() > 50,
                    "{typeface:?}"
                );
            }
        }
    }

    /// A format-4 map of the given segments (start, end, delta, range offset) and glyph
    /// array.
    fn format4(segments: &[(u16, u16, i16, u16)], glyphs: &[u16]) -> Vec<u8> {
        let n = segments.len() as u16;
        let mut out = Vec::new();
        for v in [4u16, 0, 0, 2 * n, 0, 0, 0] {
            out.extend(v.to_be_bytes());
        }
        out.extend(segments.iter().flat_map(|s| s.1.to_be_bytes()));
        out.extend(0u16.to_be_bytes());
        out.extend(segments.iter().flat_map(|s| s.0.to_be_bytes()));
        out.extend(segments.iter().flat_map(|s| s.2.to_be_bytes()));
        out.extend(segments.iter().flat_map(|s| s.3.to_be_bytes()));
        out.extend(glyphs.iter().flat_map(|g| g.to_be_bytes()));
        let length = out.len() as u16;
        out[2..4].copy_from_slice(&length.to_be_bytes());
        out
    }

    #[test]
    fn a_format4_walk_reads_deltas_the_glyph_array_and_refuses_disorder() {
        // 'A'..'C' by delta (glyphs 1-3); 'a'..'c' through the glyph array (its offset
        // counts from the segment's own entry: 2 segments on is the array's start), the
        // middle one missing (0); then the end.
        let map = format4(
            &[(65, 67, -64, 0), (97, 99, 0, 4), (0xFFFF, 0xFFFF, 1, 0)],
            &[7, 0, 9],
        );
        let parsed = cmap::Subtable4::parse(&map).unwrap();
        let mut walked = Vec::new();
        assert!(walk_format4(&map, &mut |c, g| walked.push((c, g))));
        let mut looked = Vec::new();
        parsed.codepoints(|c| {
            if let Some(GlyphId(g)) = parsed.glyph_index(c) {
                looked.push((c, g));
            }
        });
        assert_eq!(walked, looked);
        assert_eq!(walked, [(65, 1), (66, 2), (67, 3), (97, 7), (99, 9)]);
        // Overlapping segments are left to the lookup.
        let overlapping = format4(
            &[(65, 70, 0, 0), (68, 72, 0, 0), (0xFFFF, 0xFFFF, 1, 0)],
            &[],
        );
        assert!(!walk_format4(&overlapping, &mut |_, _| panic!("noted")));
        assert!(!walk_format4(&map[..20], &mut |_, _| panic!("noted")));
    }
}
