//! Shaping: one line of text becomes positioned glyphs.
//!
//! A line is first ordered by the Unicode Bidirectional Algorithm (unicode-bidi) into runs of
//! one direction, in visual order; each run is split where the font changes (the fallback
//! chain, per grapheme cluster) and each piece is shaped with rustybuzz, an OpenType shaper,
//! so Arabic letters join, Thai and Vietnamese marks stack and kerning applies. A piece of
//! printable ASCII without `f` in Noto Sans, which the shaper only kerns pair by pair, is set
//! from the shaper's own advance for each pair ([`super::pairs`]). Shaping does not depend
//! on the size: positions are in em and scale with it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use rustybuzz::{BufferFlags, Direction, Script, ShapePlan, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};
use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{Font, FontError, Typeface, Weight, is_default_ignorable, typeface_for};
use super::pairs::Pairs;
use super::recent::Recent;

/// One glyph of a shaped line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The glyph id in its typeface.
    pub(crate) id: u16,
    /// Where its origin sits: font units from the start of its run.
    pub(crate) x: i32,
    /// Font units above the baseline (marks placed by the font can sit higher or lower).
    pub(crate) y: i32,
    /// The characters this glyph stands for, for text extraction: the glyph of a ligature
    /// stands for several, the second glyph of a split vowel for none.
    pub(crate) text: String,
}

/// Glyphs of one typeface, in visual order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// The font the glyphs are from.
    pub(crate) typeface: Typeface,
    /// Where the run starts: em from the line's left edge.
    pub(crate) x: f32,
    /// The typeface's units per em, which glyph positions are in.
    pub(crate) units_per_em: f32,
    /// Drawn with a stroked outline: bold text in a typeface without a bold.
    pub(crate) synthetic_bold: bool,
    /// The glyphs, left to right.
    pub(crate) glyphs: Vec<Glyph>,
}

/// A line of text, shaped: its runs in visual order, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShapedLine {
    /// The line as given, in logical order.
    pub(crate) text: String,
    /// Whether the line's base direction is right to left (it is then right-aligned).
    pub(crate) rtl: bool,
    /// Whether any of its text was shaped right to left, its glyphs then in the reverse of
    /// reading order (Hebrew or Arabic words, even inside a left-to-right line).
    pub(crate) reversed: bool,
    /// The runs of one font each, left to right.
    pub(crate) runs: Vec<Run>,
    /// The advance width, in em.
    pub(crate) width: f32,
    /// The highest point of any glyph, in em above the baseline (0 for an empty line).
    pub(crate) top: f32,
    /// The lowest point of any glyph, in em below the baseline, as a positive number.
    pub(crate) bottom: f32,
}

/// Why a line could not be shaped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ShapeError {
    /// No font draws this grapheme cluster; `chars` describes the characters no
    /// font has, e.g. `'😀' (U+1F600)`.
    #[error("the character {chars} is not covered by the label fonts")]
    Uncovered { chars: String },
    /// A bundled font is broken.
    #[error(transparent)]
    Font(#[from] FontError),
}

/// Describes the characters of `cluster` that no typeface of `weight` draws, or, if each
/// has some font but no one font has them all, the whole cluster.
fn describe_uncovered(cluster: &str, weight: Weight) -> Result<String, FontError> {
    let mut missing = Vec::new();
    for c in cluster.chars() {
        let mut covered = false;
        for typeface in weight.chain() {
            covered |= Font::get(typeface)?.covers(c);
        }
        if !covered {
            missing.push(c);
        }
    }
    if missing.is_empty() {
        missing = cluster.chars().collect();
    }
    Ok(missing
        .iter()
        .map(|c| format!("{c:?} (U+{:04X})", *c as u32))
        .collect::<Vec<_>>()
        .join(" + "))
}

/// The first grapheme cluster of `text` no bundled font draws, described as in
/// [`ShapeError::Uncovered`]. Both weights cover the same characters; both are checked.
///
/// Printable ASCII needs no look: Noto Sans has all of it (see [`typeface_for`]), and two
/// printable ASCII characters in a row are always two clusters. So only the stretches
/// around other characters are split into clusters: each run of them with the character
/// before and after it, runs one character apart taken together. Such a stretch starts and
/// ends where the whole text has cluster boundaries, so it splits as the text does.
pub(crate) fn first_uncovered(text: &str) -> Result<Option<String>, FontError> {
    let bytes = text.as_bytes();
    let plain = |at: usize| bytes.get(at).is_some_and(|b| (b' '..=b'~').contains(b));
    let mut at = 0;
    while let Some(first) = (at..bytes.len()).find(|&i| !plain(i)) {
        let start = if first > at { first - 1 } else { first };
        let mut end = first;
        loop {
            while end < bytes.len() && !plain(end) {
                end += 1;
            }
            // `end` is printable ASCII (or the end): taken, and the stretch goes on if
            // another run starts right after it.
            end = (end + 1).min(bytes.len());
            if end >= bytes.len() || plain(end) {
                break;
            }
        }
        for cluster in text.get(start..end).unwrap_or_default().graphemes(true) {
            for weight in Weight::ALL {
                if typeface_for(cluster, weight)?.is_none() {
                    return describe_uncovered(cluster, weight).map(Some);
                }
            }
        }
        at = end;
    }
    Ok(None)
}

/// Whether a paragraph reads right to left: its first strong character is Arabic, Hebrew or
/// another right-to-left script (rules P2 and P3 of the bidi algorithm).
pub(crate) fn is_rtl(text: &str) -> bool {
    if !text.chars().any(may_be_rtl) {
        return false;
    }
    BidiInfo::new(text, None)
        .paragraphs
        .first()
        .is_some_and(|p| p.level.is_rtl())
}

/// Whether `c` can make text right to left: a right-to-left letter (Hebrew, Arabic, …) or
/// an explicit right-to-left embedding, override or isolate. Nothing below U+0590 is, so
/// Latin text skips the lookup, and Thai or CJK text skips the bidi algorithm.
fn may_be_rtl(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R, RLE, RLI, RLO};
    c >= '\u{590}' && matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI)
}

/// Punctuation, digits, spaces and symbols: a cluster of these stays in the font of the text
/// around it when that font has it, so a space between Arabic words stays Arabic.
fn is_neutral(cluster: &str) -> bool {
    cluster
        .chars()
        .all(|c| !c.is_alphabetic() || is_default_ignorable(c))
}

/// Splits `text` (one direction) into pieces of one typeface, per grapheme cluster, in
/// logical order.
fn font_runs(text: &str, weight: Weight) -> Result<Vec<(Range<usize>, Typeface)>, ShapeError> {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        // Printable ASCII, most text on most labels: one run of the chain's first font.
        return Ok(vec![(0..text.len(), weight.latin())]);
    }
    let mut runs: Vec<(Range<usize>, Typeface)> = Vec::new();
    for (start, cluster) in text.grapheme_indices(true) {
        let end = start + cluster.len();
        if let Some((range, current)) = runs.last_mut() {
            let font = Font::get(*current)?;
            if (is_neutral(cluster) || Some(*current) == typeface_for(cluster, weight)?)
                && cluster.chars().all(|c| font.covers(c))
            {
                range.end = end;
                continue;
            }
        }
        let typeface = typeface_for(cluster, weight)?.ok_or_else(|| {
            describe_uncovered(cluster, weight)
                .map(|chars| ShapeError::Uncovered { chars })
                .unwrap_or_else(ShapeError::Font)
        })?;
        runs.push((start..end, typeface));
    }
    Ok(runs)
}

/// The characters of `cluster` a glyph can stand for: all but the invisible format
/// characters.
fn visible_chars(cluster: &str) -> impl Iterator<Item = char> + '_ {
    cluster.chars().filter(|&c| !is_default_ignorable(c))
}

/// What the one glyph of a cluster drawn as one stands for: all of its visible characters.
fn whole_cluster_text(cluster: &str) -> String {
    visible_chars(cluster).collect()
}

/// Which characters each glyph of one cluster stands for.
///
/// A glyph that is the font's own glyph for one of the cluster's characters stands for that
/// character (a Thai consonant and its vowel mark each keep their letter); the other glyphs
/// (contextual forms, ligatures) take the remaining characters in logical order, and the
/// last of them any left over. Invisible format characters stand for nothing.
fn cluster_texts(font: &Font, cluster: &str, glyph_ids: &[u16], rtl: bool) -> Vec<String> {
    if glyph_ids.len() == 1 {
        return vec![whole_cluster_text(cluster)];
    }
    let chars: Vec<char> = visible_chars(cluster).collect();
    let mut texts = vec![String::new(); glyph_ids.len()];
    let mut taken = vec![false; chars.len()];
    let mut matched = vec![false; glyph_ids.len()];
    for (gi, &id) in glyph_ids.iter().enumerate() {
        if let Some(ci) =
            (0..chars.len()).find(|&ci| !taken[ci] && font.glyph(chars[ci]) == Some(id))
        {
            taken[ci] = true;
            matched[gi] = true;
            texts[gi].push(chars[ci]);
        }
    }
    // The unmatched glyphs in logical order: visual order, reversed for right to left.
    let mut logical: Vec<usize> = (0..glyph_ids.len()).filter(|&gi| !matched[gi]).collect();
    if rtl {
        logical.reverse();
    }
    let mut rest = (0..chars.len())
        .filter(|&ci| !taken[ci])
        .map(|ci| chars[ci]);
    for &gi in &logical {
        if let Some(c) = rest.next() {
            texts[gi].push(c);
        }
    }
    let leftover: String = rest.collect();
    if !leftover.is_empty() {
        let last = logical
            .last()
            .copied()
            .unwrap_or(if rtl { 0 } else { glyph_ids.len() - 1 });
        if let Some(text) = texts.get_mut(last) {
            text.push_str(&leftover);
        }
    }
    texts
}

/// Shapes `text` with one typeface in one direction, appending its glyphs at `pen` (font
/// units from the start of the run); returns the new pen position. Positions stay in whole
/// font units, as the shaper gives them, so the PDF can place glyphs exactly.
fn shape_piece(
    typeface: Typeface,
    text: &str,
    rtl: bool,
    pen: i32,
    glyphs: &mut Vec<Glyph>,
) -> Result<i32, FontError> {
    let font = Font::get(typeface)?;
    // Nothing to shape. (Shaping an empty buffer would also leave it limited in length:
    // rustybuzz restores its default limits only after shaping some text.)
    if text.is_empty() {
        return Ok(pen);
    }
    if !rtl && let Some(pen) = shape_from_pairs(font, typeface, text, pen, glyphs) {
        return Ok(pen);
    }
    Ok(shaped(
        font,
        typeface,
        text,
        rtl,
        None,
        |infos, positions| place_shaped(font, text, rtl, pen, infos, positions, glyphs),
    ))
}

/// [`shape_piece`] of printable ASCII but `f` in Noto Sans, left to right, from the
/// shaper's advances of each pair ([`Pairs`]); `None` (and nothing appended) for other text.
fn shape_from_pairs(
    font: &Font,
    typeface: Typeface,
    text: &str,
    mut pen: i32,
    glyphs: &mut Vec<Glyph>,
) -> Option<i32> {
    let pairs = Pairs::of(typeface, text)?;
    // What the shaper gives a pair (or a character alone), if it is the character map's
    // glyphs on the baseline, moved by nothing but their advances: the first one's advance.
    let shape = |pair: &str| {
        shaped(
            font,
            typeface,
            pair,
            false,
            pairs.script(),
            |infos, positions| {
                let mapped = infos.len() == pair.len()
                    && infos
                        .iter()
                        .zip(pair.chars())
                        .all(|(info, c)| font.glyph(c).map(u32::from) == Some(info.glyph_id))
                    && positions
                        .iter()
                        .all(|p| p.x_offset == 0 && p.y_offset == 0 && p.y_advance == 0);
                positions.first().filter(|_| mapped).map(|p| p.x_advance)
            },
        )
    };
    let start = glyphs.len();
    let bytes = text.as_bytes();
    glyphs.reserve(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        let c = char::from(b);
        let placed = font
            .glyph(c)
            .and_then(|id| Some((id, pairs.advance(b, bytes.get(i + 1).copied(), shape)?)));
        let Some((id, advance)) = placed else {
            glyphs.truncate(start);
            return None;
        };
        glyphs.push(Glyph {
            id,
            x: pen,
            y: 0,
            text: c.to_string(),
        });
        pen = pen.saturating_add(advance);
    }
    Some(pen)
}

/// `text` shaped by rustybuzz with one typeface in one direction, in `script` (`None`: the
/// one it guesses from the text), its glyphs and their positions given to `read`.
fn shaped<R>(
    font: &Font,
    typeface: Typeface,
    text: &str,
    rtl: bool,
    script: Option<Script>,
    read: impl FnOnce(&[rustybuzz::GlyphInfo], &[rustybuzz::GlyphPosition]) -> R,
) -> R {
    thread_local! {
        /// The buffer of the last piece shaped on this thread, emptied: its storage is
        /// used again rather than allocated for every piece.
        static BUFFER: RefCell<Option<UnicodeBuffer>> = const { RefCell::new(None) };
    }
    let mut buffer = BUFFER.take().unwrap_or_default();
    buffer.push_str(text);
    if let Some(script) = script {
        buffer.set_script(script);
    }
    buffer.guess_segment_properties();
    let direction = if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    };
    buffer.set_direction(direction);
    buffer.set_flags(BufferFlags::REMOVE_DEFAULT_IGNORABLES);
    // A shaping plan (the font's features compiled for a script and direction) costs more
    // to build than shaping a line with it: build each once per thread.
    thread_local! {
        static PLANS: RefCell<HashMap<(Typeface, bool, Script), ShapePlan>> =
            RefCell::new(HashMap::new());
    }
    // The script guessed from the text; none (digits, punctuation) is `UNKNOWN`, as the
    // plan built for a buffer without one would have it.
    let script = buffer.script();
    let plan_script = (script != rustybuzz::script::UNKNOWN).then_some(script);
    let output = PLANS.with_borrow_mut(|plans| {
        let plan = plans
            .entry((typeface, rtl, script))
            .or_insert_with(|| ShapePlan::new(font.face(), direction, plan_script, None, &[]));
        rustybuzz::shape_with_plan(font.face(), plan, buffer)
    });
    let result = read(output.glyph_infos(), output.glyph_positions());
    BUFFER.set(Some(output.clear()));
    result
}

/// Appends the glyphs rustybuzz gave `text` at `pen` ([`shape_piece`]); returns the new pen.
fn place_shaped(
    font: &Font,
    text: &str,
    rtl: bool,
    mut pen: i32,
    infos: &[rustybuzz::GlyphInfo],
    positions: &[rustybuzz::GlyphPosition],
    glyphs: &mut Vec<Glyph>,
) -> i32 {
    // Glyphs come in visual order; a cluster's glyphs are adjacent, its value is the byte
    // offset of its first character, and it ends where the next cluster in logical order
    // starts.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let glyph_id = |g: &rustybuzz::GlyphInfo| u16::try_from(g.glyph_id).unwrap_or(0);
    // Each glyph at the pen, which it then moves on.
    let mut place = |id: u16, position: &rustybuzz::GlyphPosition, text: String| {
        glyphs.push(Glyph {
            id,
            x: pen.saturating_add(position.x_offset),
            y: position.y_offset,
            text,
        });
        pen = pen.saturating_add(position.x_advance);
    };
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster as usize;
        let mut j = i + 1;
        while j < infos.len() && infos[j].cluster as usize == cluster {
            j += 1;
        }
        let next = starts.partition_point(|&c| c <= cluster);
        let end = starts.get(next).copied().unwrap_or(text.len());
        let cluster_text = text.get(cluster..end).unwrap_or("");
        if j == i + 1 {
            // One glyph for the cluster (most of any line): no lists to build.
            place(
                glyph_id(&infos[i]),
                &positions[i],
                whole_cluster_text(cluster_text),
            );
        } else {
            let ids: Vec<u16> = infos[i..j].iter().map(glyph_id).collect();
            let texts = cluster_texts(font, cluster_text, &ids, rtl);
            for ((id, text), position) in ids.into_iter().zip(texts).zip(&positions[i..j]) {
                place(id, position, text);
            }
        }
        i = j;
    }
    pen
}

/// Shapes one line set in `weight`, with the base direction `rtl` (the paragraph's, so a
/// wrapped continuation of an Arabic line stays right to left even if it starts with
/// digits).
pub(crate) fn shape_line(
    text: &str,
    weight: Weight,
    rtl: bool,
) -> Result<Arc<ShapedLine>, ShapeError> {
    // Labels of one batch repeat much of their text (captions, country names, a seller's
    // lines): the lines shaped lately are kept, up to a bound, those met again longest
    // ([`Recent`]). One cache serves every thread, so a line the threads drawing a batch
    // each meet is shaped once; it is held only to look a line up or keep one (and, every
    // 512 new lines, to let the older generation go), while shaping happens outside it: a
    // small part of the time a label takes. A line is shared, not copied, and looking one
    // up allocates nothing. 512 lines a generation (up to 1,024 kept) keep a name met every
    // few hundred labels (about one new line a label: the order number); twice as many
    // cost 3 MiB more, some 3 KB a line, for 0.5 % fewer instructions.
    const LINES_PER_GENERATION: usize = 512;
    /// By weight and direction, then text.
    static LINES: LazyLock<Mutex<Recent<Arc<ShapedLine>, 4>>> =
        LazyLock::new(|| Mutex::new(Recent::new(LINES_PER_GENERATION)));
    let slot = 2 * usize::from(weight == Weight::Bold) + usize::from(rtl);
    // (Were a thread to panic holding the cache, a bug, what it holds would still be whole
    // lines, each shaped in full before it was kept: the cache is used on.)
    let lines = || LINES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(line) = lines().get(slot, text) {
        return Ok(line);
    }
    let line = Arc::new(shape_line_uncached(text, weight, rtl)?);
    lines().insert(slot, text, Arc::clone(&line));
    Ok(line)
}

/// [`shape_line`] without the cache.
fn shape_line_uncached(text: &str, weight: Weight, rtl: bool) -> Result<ShapedLine, ShapeError> {
    let mut line = shape_runs(text, weight, rtl)?;
    let (mut top, mut bottom) = (0.0f32, 0.0f32);
    for run in &line.runs {
        let font = Font::get(run.typeface)?;
        for glyph in &run.glyphs {
            if let Some((high, low)) = font.vertical_extent(glyph.id) {
                let y = glyph.y as f32 / run.units_per_em;
                top = top.max(y + high);
                bottom = bottom.max(-(y + low));
            }
        }
    }
    line.top = top;
    line.bottom = bottom;
    Ok(line)
}

/// Shapes one line as [`shape_line`] does, without measuring how high and low its glyphs
/// reach (`top` and `bottom` are 0): what measuring a width needs.
fn shape_runs(text: &str, weight: Weight, rtl: bool) -> Result<ShapedLine, ShapeError> {
    // Visual runs of one direction: (logical range, right to left?).
    let mut directional: Vec<(Range<usize>, bool)> = Vec::new();
    if rtl || text.chars().any(may_be_rtl) {
        let level = if rtl { Level::rtl() } else { Level::ltr() };
        let bidi = BidiInfo::new(text, Some(level));
        for paragraph in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for run in runs {
                let run_rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
                directional.push((run, run_rtl));
            }
        }
    } else if !text.is_empty() {
        directional.push((0..text.len(), false));
    }

    let mut runs: Vec<Run> = Vec::new();
    // The pen: the run being filled's start (em) and position within it (its font units).
    let mut run_start = 0.0f32;
    let mut run_pen = 0i32;
    let reversed = directional.iter().any(|(_, run_rtl)| *run_rtl);
    for (range, run_rtl) in directional {
        let piece_text = text.get(range.clone()).unwrap_or("");
        let mut pieces = font_runs(piece_text, weight)?;
        if run_rtl {
            pieces.reverse();
        }
        for (sub, typeface) in pieces {
            let piece = piece_text.get(sub).unwrap_or("");
            let synthetic_bold = typeface.synthetic_bold(weight);
            let run = match runs.last_mut() {
                Some(last)
                    if last.typeface == typeface && last.synthetic_bold == synthetic_bold =>
                {
                    last
                }
                last => {
                    if let Some(last) = last {
                        run_start = last.x + run_pen as f32 / last.units_per_em;
                    }
                    run_pen = 0;
                    runs.push(Run {
                        typeface,
                        x: run_start,
                        units_per_em: Font::get(typeface)?.units_per_em(),
                        synthetic_bold,
                        glyphs: Vec::new(),
                    });
                    let Some(run) = runs.last_mut() else {
                        continue;
                    };
                    run
                }
            };
            run_pen = shape_piece(typeface, piece, run_rtl, run_pen, &mut run.glyphs)?;
        }
    }
    let width = runs
        .last()
        .map_or(0.0, |last| last.x + run_pen as f32 / last.units_per_em);

    Ok(ShapedLine {
        text: text.to_owned(),
        rtl,
        reversed,
        runs,
        width,
        top: 0.0,
        bottom: 0.0,
    })
}

/// The advance width of `text` in em, shaped as one line in the direction `rtl`.
pub(crate) fn measure(text: &str, weight: Weight, rtl: bool) -> Result<f32, ShapeError> {
    shape_line(text, weight, rtl).map(|line| line.width)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`first_uncovered`] as it reads, every cluster of the text looked at.
    fn first_uncovered_everywhere(text: &str) -> Option<String> {
        for cluster in text.graphemes(true) {
            for weight in Weight::ALL {
                if typeface_for(cluster, weight).unwrap().is_none() {
                    return describe_uncovered(cluster, weight).ok();
                }
            }
        }
        None
    }

    #[test]
    fn looking_only_around_other_characters_finds_what_looking_everywhere_finds() {
        let pieces = [
            "a",
            " ",
            "7",
            "é",
            "e\u{301}",
            "\u{600}1",
            "1\u{600}",
            "🇩🇪",
            "🇩",
            "👍🏽",
            "👨\u{200d}👩",
            "\r\n",
            "\n",
            "\t",
            "\u{1b}",
            "ß",
            "中",
            "硅胶",
            "ع",
            "مر",
            "ש",
            "ก\u{e31}",
            "\u{e31}",
            "😀",
            "\u{2060}",
            "Ω",
            "\u{10ffff}",
            "\u{5d0}\u{301}a\u{301}",
            "\u{200d}",
            "\u{fe0f}",
        ];
        let mut texts: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in ["", "x", "xy", "x y"] {
                    texts.push(format!("{a}{c}{b}"));
                    texts.push(format!("q{a}{b}{c}{a}"));
                }
            }
        }
        texts.push(String::new());
        let mut found = 0;
        for text in &texts {
            let fast = first_uncovered(text).unwrap();
            assert_eq!(fast, first_uncovered_everywhere(text), "{text:?}");
            found += usize::from(fast.is_some());
        }
        assert!(found > 100, "{found}");
    }

    fn shaped(text: &str, weight: Weight) -> ShapedLine {
        ShapedLine::clone(&shape_line(text, weight, is_rtl(text)).unwrap())
    }

    /// The line's text as drawn, left to right, one run after the other.
    fn visual_text(line: &ShapedLine) -> String {
        line.runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.text.as_str()))
            .collect()
    }

    #[test]
    #[cfg(feature = "arabic")]
    fn arabic_with_digits_reads_right_to_left_with_the_number_left_to_right() {
        let text = "شارع الملك 12";
        assert!(is_rtl(text));
        let line = shaped(text, Weight::Regular);
        assert!(line.rtl);
        // Visually, from the left: the number (still 1 then 2), then the words from the
        // last to the first, each drawn from its last letter to its first.
        let expected: String = "12".chars().chain("شارع الملك ".chars().rev()).collect();
        assert_eq!(visual_text(&line), expected);
        let digits: Vec<&Run> = line
            .runs
            .iter()
            .filter(|r| r.glyphs.iter().any(|g| g.text == "1"))
            .collect();
        assert_eq!(digits.len(), 1);
        assert_eq!(digits[0].typeface, Typeface::Latin);
        assert!(
            line.runs
                .iter()
                .any(|r| r.typeface == Typeface::Arabic && r.glyphs.len() >= 8)
        );
    }

    #[test]
    #[cfg(feature = "arabic")]
    fn arabic_letters_join_into_contextual_forms() {
        let font = Font::get(Typeface::Arabic).unwrap();
        // Beh alone is the font's nominal glyph; inside a word it takes another form.
        let alone = shaped("ب", Weight::Regular);
        assert_eq!(alone.runs[0].glyphs[0].id, font.glyph('ب').unwrap());
        let word = shaped("ببب", Weight::Regular);
        let ids: Vec<u16> = word.runs[0].glyphs.iter().map(|g| g.id).collect();
        assert_eq!(ids.len(), 3);
        assert!(ids.iter().all(|&id| Some(id) != font.glyph('ب')), "{ids:?}");
        // Initial, medial and final forms differ from each other.
        assert!(ids[0] != ids[1] && ids[1] != ids[2]);
        // Every glyph still stands for its letter.
        assert_eq!(visual_text(&word), "ببب");
    }

    #[test]
    #[cfg(feature = "hebrew")]
    fn hebrew_with_a_house_number() {
        let text = "רחוב הרצל 15";
        let line = shaped(text, Weight::Bold);
        assert!(line.rtl);
        let visual = visual_text(&line);
        let expected: String = "15 ".chars().chain("רחוב הרצל".chars().rev()).collect();
        assert_eq!(visual, expected);
        assert!(line.runs.iter().any(|r| r.typeface == Typeface::HebrewBold));
    }

    #[test]
    fn latin_text_kerns() {
        let font = Font::get(Typeface::Latin).unwrap();
        let line = shaped("AVAVAV", Weight::Regular);
        let plain: f32 = "AVAVAV"
            .chars()
            .map(|c| {
                let id = font.glyph(c).unwrap();
                f32::from(
                    font.face()
                        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
                        .unwrap(),
                ) / font.units_per_em()
            })
            .sum();
        assert!(line.width < plain - 0.1, "{} vs {plain}", line.width);
        assert!(!line.rtl);
    }

    #[test]
    #[cfg(feature = "thai")]
    fn thai_marks_sit_above_their_consonant() {
        // ที่ : tho thahan + sara ii + mai ek, one cluster, three glyphs.
        let line = shaped("ที่", Weight::Regular);
        let glyphs = &line.runs[0].glyphs;
        assert_eq!(glyphs.len(), 3);
        assert_eq!(visual_text(&line), "ที่");
        let font = Font::get(Typeface::Thai).unwrap();
        let base_top = font.vertical_extent(glyphs[0].id).unwrap().0;
        let tone = &glyphs[2];
        let tone_bottom = tone.y as f32 / 1000.0 + font.vertical_extent(tone.id).unwrap().1;
        // The tone mark is stacked above the vowel, clear of the consonant.
        assert!(tone_bottom > base_top, "{tone_bottom} {base_top}");
        assert!(line.top > 0.9, "{}", line.top);
    }

    #[test]
    fn vietnamese_stacked_capitals_reach_high() {
        let line = shaped("HỒ CHÍ MINH", Weight::Bold);
        assert!(line.top > 0.95, "{}", line.top);
        assert!(shaped("HO CHI MINH", Weight::Bold).top < 0.8);
    }

    #[test]
    #[cfg(feature = "cjk")]
    fn japanese_uses_the_cjk_face_and_latin_digits_stay_latin() {
        let line = shaped("東京都千代田区1-1", Weight::Bold);
        let faces: Vec<(Typeface, bool)> = line
            .runs
            .iter()
            .map(|r| (r.typeface, r.synthetic_bold))
            .collect();
        assert_eq!(faces, [(Typeface::Cjk, true), (Typeface::LatinBold, false)]);
        assert_eq!(visual_text(&line), "東京都千代田区1-1");
        // Ideographs are a full em wide; the Latin run starts after seven of them.
        assert_eq!(line.runs[0].glyphs[1].x, 1000);
        assert_eq!(line.runs[0].units_per_em, 1000.0);
        assert_eq!(line.runs[1].x, 7.0);
    }

    #[test]
    #[cfg(feature = "hebrew")]
    fn brackets_in_right_to_left_text_are_mirrored_and_stand_for_themselves() {
        // "(דירה 4)": in a right-to-left run the shaper draws "(" with the glyph of ")".
        let line = shaped("דירה (4)", Weight::Regular);
        let latin = Font::get(Typeface::Latin).unwrap();
        let close = latin.glyph(')').unwrap();
        let glyphs: Vec<&Glyph> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
        // Visually: "(4)" mirrored reads ")4(" in logical terms: the leftmost glyph is the
        // shape of "(" standing for ")".
        let leftmost = glyphs[0];
        assert_eq!(leftmost.text, ")");
        assert_eq!(leftmost.id, latin.glyph('(').unwrap());
        let rightmost_bracket = glyphs.iter().find(|g| g.text == "(").unwrap();
        assert_eq!(rightmost_bracket.id, close);
    }

    #[test]
    #[cfg(feature = "thai")]
    fn glyph_texts_follow_the_characters_they_draw() {
        let thai = Font::get(Typeface::Thai).unwrap();
        // ก + SARA AM: the vowel is drawn as NIKHAHIT + SARA AA, neither its own glyph;
        // the first stands for the vowel, the second for nothing.
        let nikhahit = thai.glyph('\u{E4D}').unwrap();
        let sara_aa = thai.glyph('\u{E32}').unwrap();
        let texts = cluster_texts(thai, "\u{E33}", &[nikhahit, sara_aa], false);
        assert_eq!(texts, ["\u{E33}", ""]);
        // A consonant and its marks each keep their own character, in any glyph order.
        let ko = thai.glyph('ก').unwrap();
        let mai_ek = thai.glyph('\u{E48}').unwrap();
        assert_eq!(
            cluster_texts(thai, "ก\u{E48}", &[mai_ek, ko], false),
            ["\u{E48}", "ก"]
        );
    }

    #[test]
    #[cfg(feature = "arabic")]
    fn ligatures_and_contextual_forms_stand_for_their_characters() {
        // A ligature stands for all of its characters; joiners for none.
        let arabic = Font::get(Typeface::Arabic).unwrap();
        assert_eq!(cluster_texts(arabic, "لا", &[999], true), ["لا"]);
        assert_eq!(cluster_texts(arabic, "ل\u{200D}", &[999], true), ["ل"]);
        // Two contextual forms for three characters: the last takes what is left over.
        assert_eq!(
            cluster_texts(arabic, "abc", &[998, 999], false),
            ["a", "bc"]
        );
    }

    #[test]
    #[cfg(feature = "armenian")]
    fn armenian_uses_its_font() {
        let armenian = shaped("Երևան", Weight::Bold);
        assert_eq!(armenian.runs.len(), 1);
        assert_eq!(armenian.runs[0].typeface, Typeface::ArmenianBold);
        assert_eq!(visual_text(&armenian), "Երևան");
    }

    #[test]
    #[cfg(feature = "georgian")]
    fn georgian_uses_its_font_and_latin_digits() {
        let georgian = shaped("თბილისი 0108", Weight::Regular);
        let faces: Vec<Typeface> = georgian.runs.iter().map(|r| r.typeface).collect();
        // Noto Sans Georgian has no digits: they come from Noto Sans.
        assert_eq!(faces, [Typeface::Georgian, Typeface::Latin]);
        assert!(georgian.width > 5.0);
    }

    #[test]
    fn cached_lines_equal_freshly_shaped_ones() {
        let texts = [
            "Oliver Smith",
            #[cfg(feature = "arabic")]
            "شارع الملك 12",
            #[cfg(feature = "thai")]
            "ที่",
            #[cfg(feature = "armenian")]
            "Երևան",
            "Ễ",
        ];
        for text in texts {
            let rtl = is_rtl(text);
            let fresh = Arc::new(shape_line_uncached(text, Weight::Bold, rtl).unwrap());
            assert_eq!(shape_line(text, Weight::Bold, rtl).unwrap(), fresh);
            // The second time, the line itself comes back, not a copy.
            assert!(Arc::ptr_eq(
                &shape_line(text, Weight::Bold, rtl).unwrap(),
                &shape_line(text, Weight::Bold, rtl).unwrap()
            ));
            // The weight and direction are part of the key.
            assert_ne!(shape_line(text, Weight::Regular, rtl).unwrap(), fresh);
            assert_eq!(
                *shape_line(text, Weight::Bold, !rtl).unwrap(),
                shape_line_uncached(text, Weight::Bold, !rtl).unwrap()
            );
            assert!(shape_line(text, Weight::Bold, !rtl).unwrap().rtl != rtl);
        }
    }

    #[test]
    fn invisible_joiners_are_consumed_not_drawn() {
        let line = shaped("a\u{200D}b", Weight::Regular);
        assert_eq!(visual_text(&line), "ab");
        assert_eq!(line.runs[0].glyphs.len(), 2);
    }

    #[test]
    fn uncovered_clusters_are_named() {
        assert_eq!(
            first_uncovered("Oliver 😀 Smith").unwrap().as_deref(),
            Some("'😀' (U+1F600)")
        );
        assert_eq!(first_uncovered("Ễ Ж Ω").unwrap(), None);
        // Each script is covered when its family's feature is on, and refused when not
        // (no font is registered in the unit tests).
        let scripts = [
            ("شارع", cfg!(feature = "arabic"), "'ش' (U+0634)"),
            ("רחוב", cfg!(feature = "hebrew"), "'ר' (U+05E8)"),
            (
                "ที่",
                cfg!(feature = "thai"),
                "'ท' (U+0E17) + '\\u{e35}' (U+0E35) + '\\u{e48}' (U+0E48)",
            ),
            ("Ժ", cfg!(feature = "armenian"), "'Ժ' (U+053A)"),
            ("თბილისი", cfg!(feature = "georgian"), "'თ' (U+10D7)"),
            ("山田 太郎", cfg!(feature = "cjk"), "'山' (U+5C71)"),
        ];
        for (text, covered, named) in scripts {
            let uncovered = first_uncovered(text).unwrap();
            if covered {
                assert_eq!(uncovered, None, "{text}");
            } else {
                assert_eq!(uncovered.as_deref(), Some(named), "{text}");
            }
        }
        let err = shape_line("ab\u{E000}", Weight::Regular, false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the character '\\u{e000}' (U+E000) is not covered by the label fonts"
        );
    }

    /// `text` shaped by rustybuzz as [`shape_piece`] shapes other text: its glyphs and the
    /// pen after them.
    fn by_the_shaper(typeface: Typeface, text: &str) -> (Vec<Glyph>, i32) {
        let font = Font::get(typeface).unwrap();
        let mut glyphs = Vec::new();
        let pen = super::shaped(font, typeface, text, false, None, |infos, positions| {
            place_shaped(font, text, false, 0, infos, positions, &mut glyphs)
        });
        (glyphs, pen)
    }

    /// `text` shaped from the pairs, if it can be.
    fn from_pairs(typeface: Typeface, text: &str) -> Option<(Vec<Glyph>, i32)> {
        let font = Font::get(typeface).unwrap();
        let mut glyphs = Vec::new();
        let pen = shape_from_pairs(font, typeface, text, 0, &mut glyphs)?;
        Some((glyphs, pen))
    }

    #[test]
    fn ascii_shaped_from_pairs_is_what_the_shaper_gives_it() {
        let chars: Vec<char> = (' '..='~').filter(|&c| c != 'f').collect();
        let mut texts: Vec<String> = Vec::new();
        // Every character alone and every pair: each advance the tables hold.
        for &a in &chars {
            texts.push(a.to_string());
            for &b in &chars {
                texts.push([a, b].iter().collect());
            }
        }
        // Lines of up to 40 characters (a fixed sequence), and lines like a label's.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2000 {
            let len = 1 + next(40);
            texts.push((0..len).map(|_| chars[next(chars.len())]).collect());
        }
        texts.extend(
            [
                "TT-2026-000123",
                "ORD-7731/B",
                "10 Downing Street",
                "Tidy Threads Ltd",
                "WAVE AVENUE, T.V. TOWER",
                "\"Yo\" (L'Avy), Pj. 7",
                "1/4 @ 50%",
            ]
            .map(String::from),
        );
        for typeface in [Typeface::Latin, Typeface::LatinBold] {
            for text in &texts {
                assert_eq!(
                    from_pairs(typeface, text).as_ref(),
                    Some(&by_the_shaper(typeface, text)),
                    "{typeface:?} {text:?}"
                );
            }
        }
    }

    /// Every line of three characters, as
    /// [`ascii_shaped_from_pairs_is_what_the_shaper_gives_it`] checks every pair: some 1.7
    /// million lines, under two minutes. Run it after changing the fonts or the shaping:
    /// `cargo test --lib every_ascii_triple -- --ignored`.
    #[test]
    #[ignore = "under two minutes; run it after changing the fonts or the shaping"]
    fn every_ascii_triple_shaped_from_pairs_is_what_the_shaper_gives_it() {
        let chars: Vec<char> = (' '..='~').filter(|&c| c != 'f').collect();
        for typeface in [Typeface::Latin, Typeface::LatinBold] {
            for &a in &chars {
                for &b in &chars {
                    for &c in &chars {
                        let text: String = [a, b, c].iter().collect();
                        assert_eq!(
                            from_pairs(typeface, &text).as_ref(),
                            Some(&by_the_shaper(typeface, &text)),
                            "{typeface:?} {text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn only_ascii_but_f_in_noto_sans_is_shaped_from_pairs() {
        // `f` starts ligatures (fi, fl, ff, ffi, ffl), other text is other scripts' or marks'.
        for text in ["fit", "Staff", "Zoë", "e\u{301}", "Straße", "\t"] {
            assert_eq!(from_pairs(Typeface::Latin, text), None, "{text:?}");
        }
        #[cfg(feature = "thai")]
        assert_eq!(from_pairs(Typeface::Thai, "12"), None);
        // A line with `f` is still shaped, by the shaper.
        let line = shape_line("fit", Weight::Regular, false).unwrap();
        assert_eq!(line.runs[0].glyphs.len(), 2, "the fi ligature, then t");
    }
}
