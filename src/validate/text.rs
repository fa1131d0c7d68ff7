//! Normalising free text: names, companies, address lines.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::error::{ErrorKind, ValidationError};
use crate::limits::MAX_TEXT_CHARS;

/// `'é' (U+00E9)` for messages, or just `U+0009` for a character that prints as nothing
/// (or, like a bidirectional control, would disturb the message around it).
pub(crate) fn describe_char(c: char) -> String {
    if c.is_control() || is_invisible(c) {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}' (U+{:04X})", c as u32)
    }
}

/// ` (e.g. "EC1Y 8SY")` after a message, or nothing without an example.
pub(crate) fn example_suffix(example: Option<&str>) -> String {
    example
        .map(|ex| format!(" (e.g. {ex:?})"))
        .unwrap_or_default()
}

/// The first control character (Unicode Cc: tab, newline, NUL, DEL, …) of `raw`, as an
/// error naming it and its 1-based position in `raw`.
pub(crate) fn reject_control(
    raw: &str,
    field: impl Into<String> + Copy,
) -> Result<(), ValidationError> {
    match raw.chars().enumerate().find(|(_, c)| c.is_control()) {
        Some((pos, c)) => Err(ValidationError::new(
            field,
            ErrorKind::ControlCharacter,
            format!(
                "contains the control character {} at position {}",
                describe_char(c),
                pos + 1
            ),
        )),
        None => Ok(()),
    }
}

/// The bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069). They reorder the text around them when it is displayed, so a label could
/// print something other than what the data says (and the label fonts do not shape
/// right-to-left text anyway); marks such as U+200E are left alone.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first bidirectional control of `raw` (see [`is_bidi_control`]), as an error naming it
/// and its 1-based position.
fn reject_bidi(raw: &str, field: impl Into<String> + Copy) -> Result<(), ValidationError> {
    match raw.chars().enumerate().find(|(_, c)| is_bidi_control(*c)) {
        Some((pos, c)) => Err(ValidationError::new(
            field,
            ErrorKind::BidiControl,
            format!(
                "contains the bidirectional control {} at position {}; it would reorder the \
                 printed text",
                describe_char(c),
                pos + 1
            ),
        )),
        None => Ok(()),
    }
}

/// Characters that print as nothing (Unicode's Default_Ignorable_Code_Point): zero-width
/// joiners and spaces, soft hyphens, variation selectors, fillers, tags. Text made only of
/// these and white space is blank.
///
/// The fonts' list ([`crate::text::is_default_ignorable`], what shaping consumes) plus three
/// rare ranges it leaves to the font: unassigned specials, shorthand format controls and
/// musical format controls. No bundled font draws those, so inside text they are refused
/// as uncovered; alone, they are blank.
pub(crate) fn is_invisible(c: char) -> bool {
    crate::text::is_default_ignorable(c)
        || matches!(c, '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}')
}

/// Whether an optional field counts as absent: nothing but white space and invisible
/// characters (a lone zero-width joiner prints nothing), and no control character (a lone
/// tab is an error, not a blank).
pub(crate) fn is_blank(raw: &str) -> bool {
    raw.chars()
        .all(|c| (c.is_whitespace() || is_invisible(c)) && !c.is_control())
}

/// Trims, collapses runs of white space into one space, composes the text (Unicode NFC, so
/// `e` + combining acute becomes `é`, as typed on some systems) and checks a free-text field.
///
/// `Ok(None)` when the text is blank (see [`is_blank`]); the caller decides whether that is
/// an error. Control characters (Unicode Cc, which includes tab and newline) are an error,
/// not white space: label printers and carrier EDI choke on them. So are bidirectional
/// controls (see [`is_bidi_control`]).
///
/// Text over [`MAX_TEXT_CHARS`] is an error giving its full length; only the first
/// [`MAX_TEXT_CHARS`] characters are ever copied, so a huge value costs no memory.
pub(crate) fn clean(
    raw: &str,
    field: impl Into<String> + Copy,
) -> Result<Option<String>, ValidationError> {
    if let Some(printable) = clean_printable_ascii(raw) {
        return Ok(printable);
    }
    reject_control(raw, field)?;
    reject_bidi(raw, field)?;
    if is_blank(raw) {
        return Ok(None);
    }
    // Room for the text as given, up to what the limit keeps (composing only shortens
    // most text).
    let mut out = Bounded {
        text: String::with_capacity(raw.len().min(4 * MAX_TEXT_CHARS)),
        len: 0,
    };
    for word in raw.split_whitespace() {
        if out.len > 0 {
            out.push(' ');
        }
        // Most text is already composed: then it is taken as it is.
        if is_nfc_quick(word.chars()) == IsNormalized::Yes {
            word.chars().for_each(|c| out.push(c));
        } else {
            word.nfc().for_each(|c| out.push(c));
        }
    }
    let Bounded { text: out, len } = out;
    if len > MAX_TEXT_CHARS {
        return Err(ValidationError::new(
            field,
            ErrorKind::TooLong,
            format!("is {len} characters long; at most {MAX_TEXT_CHARS} are allowed"),
        ));
    }
    reject_uncovered(&out, field)?;
    Ok(Some(out))
}

/// [`clean`] of the most common text, printable ASCII of at most [`MAX_TEXT_CHARS`]
/// characters (`None` for any other): it holds no control or bidirectional character, is
/// already composed, cannot be too long, and Noto Sans, which is always bundled, draws every
/// one of its characters; what is left is to collapse the spaces.
fn clean_printable_ascii(raw: &str) -> Option<Option<String>> {
    if raw.len() > MAX_TEXT_CHARS {
        return None;
    }
    // One pass: printable, and whether any space is one to collapse (leading, trailing or
    // after another).
    let mut spaced = false;
    let mut collapse = false;
    for &b in raw.as_bytes() {
        if !matches!(b, b' '..=b'~') {
            return None;
        }
        let space = b == b' ';
        collapse |= space && spaced;
        spaced = space;
    }
    collapse |= spaced || raw.starts_with(' ');
    if !collapse {
        // Most text: taken as it is.
        return Some((!raw.is_empty()).then(|| raw.to_owned()));
    }
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Some((!out.is_empty()).then_some(out))
}

/// Every grapheme cluster must be drawable by one of the bundled fonts: an emoji or a
/// character of a script the fonts lack is refused here, with the field named, rather than
/// printed as a blank box. (A broken bundled font is not the input's fault: layout reports
/// it.)
pub(crate) fn reject_uncovered(
    text: &str,
    field: impl Into<String> + Copy,
) -> Result<(), ValidationError> {
    match crate::text::first_uncovered(text) {
        Ok(Some(chars)) => Err(ValidationError::new(
            field,
            ErrorKind::UncoveredCharacter,
            format!("contains the character {chars}, which the label fonts cannot print"),
        )),
        Ok(None) | Err(_) => Ok(()),
    }
}

/// Text being built, counted in full but kept only up to [`MAX_TEXT_CHARS`] characters.
struct Bounded {
    text: String,
    len: usize,
}

impl Bounded {
    fn push(&mut self, c: char) {
        self.len += 1;
        if self.len <= MAX_TEXT_CHARS {
            self.text.push(c);
        }
    }
}

/// A required free-text field: blank is an error, which names an invisible character when
/// that is all there is.
pub(crate) fn required(
    raw: &str,
    field: impl Into<String> + Copy,
) -> Result<String, ValidationError> {
    clean(raw, field)?.ok_or_else(|| {
        let message = match raw.chars().find(|&c| is_invisible(c)) {
            Some(c) => format!(
                "must not be empty; it holds only white space and invisible characters such as {}",
                describe_char(c)
            ),
            None => "must not be empty".to_owned(),
        };
        ValidationError::new(field, ErrorKind::Empty, message)
    })
}

/// An optional free-text field: absent or blank is `None`.
pub(crate) fn optional(
    raw: Option<&str>,
    field: impl Into<String> + Copy,
) -> Result<Option<String>, ValidationError> {
    match raw {
        Some(raw) => clean(raw, field),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_taken_as_it_is_or_with_its_spaces_collapsed() {
        // Every string of up to six of ' ', 'a', '~', and a few others, against the words
        // joined by one space.
        let mut inputs = crate::testing::strings_of(&[" ", "a", "~"], 6);
        inputs.extend(["a\tb", "é", "a\u{7f}"].map(String::from));
        inputs.push("x".repeat(MAX_TEXT_CHARS + 1));
        inputs.push(format!(" {} ", "x".repeat(MAX_TEXT_CHARS - 2)));
        for raw in &inputs {
            let printable =
                raw.len() <= MAX_TEXT_CHARS && raw.bytes().all(|b| (b' '..=b'~').contains(&b));
            let joined = raw.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            let expected = printable.then(|| (!joined.is_empty()).then_some(joined));
            assert_eq!(clean_printable_ascii(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn printable_ascii_is_cleaned_as_the_general_path_cleans_it() {
        // Every printable ASCII character is drawn by the always-bundled Noto Sans.
        let all: String = (b' '..=b'~').map(char::from).collect();
        assert_eq!(crate::text::first_uncovered(&all).ok(), Some(None));
        for raw in ["  Flat 4,  221 Baker Street ", "a", "   ", "", &all] {
            let fast = clean_printable_ascii(raw).expect("printable ASCII");
            // The general path, as it runs for any other text.
            let words: Vec<&str> = raw.split_whitespace().collect();
            let general = (!words.is_empty()).then(|| words.join(" "));
            assert_eq!(fast, general, "{raw:?}");
            assert_eq!(clean(raw, "f").unwrap(), general, "{raw:?}");
        }
        // Anything else takes the general path.
        for raw in [
            "Zoë",
            "tab\there",
            "\u{7f}",
            &"x".repeat(MAX_TEXT_CHARS + 1),
        ] {
            assert_eq!(clean_printable_ascii(raw), None, "{raw:?}");
        }
    }

    /// Each bundled script family, a name in it, and whether this build bundles its font.
    const FAMILIES: [(&str, &str, bool); 6] = [
        ("arabic", "محمد العلي", cfg!(feature = "arabic")),
        ("hebrew", "דוד כהן", cfg!(feature = "hebrew")),
        ("thai", "สมชาย ใจดี", cfg!(feature = "thai")),
        ("armenian", "Արամ Սարգսյան", cfg!(feature = "armenian")),
        ("georgian", "გიორგი", cfg!(feature = "georgian")),
        ("cjk", "山田 太郎", cfg!(feature = "cjk")),
    ];

    #[test]
    fn a_script_validates_exactly_when_its_font_feature_is_on() {
        // (No font is registered in the unit tests: the bundled ones decide.)
        for (feature, name, bundled) in FAMILIES {
            let mut label = crate::Label::sample();
            label.recipient.name = name.into();
            match label.validate() {
                Ok(valid) => {
                    assert!(bundled, "{feature}: {name} validated without its font");
                    assert_eq!(valid.recipient().name(), name);
                }
                Err(errors) => {
                    assert!(!bundled, "{feature}: {errors}");
                    let found: Vec<_> = errors.iter().map(|e| (e.field(), e.kind())).collect();
                    assert_eq!(
                        found,
                        [("recipient.name", ErrorKind::UncoveredCharacter)],
                        "{feature}"
                    );
                }
            }
        }
        // Latin, Greek, Cyrillic and Vietnamese are always bundled.
        let mut label = crate::Label::sample();
        label.recipient.name = "Γιώργος Иван Nguyễn".into();
        assert!(label.validate().is_ok());
    }

    #[test]
    fn trims_and_collapses_white_space() {
        assert_eq!(
            clean("  Oliver \u{00A0}  Smith ", "f").unwrap().as_deref(),
            Some("Oliver Smith")
        );
    }

    #[test]
    fn blank_is_none() {
        assert_eq!(clean(" \u{3000} ", "f").unwrap(), None);
        assert_eq!(optional(None, "f").unwrap(), None);
    }

    #[test]
    fn control_characters_are_named_with_their_position() {
        let err = clean("Ab\tc", "recipient.name").unwrap_err();
        assert_eq!(
            err.to_string(),
            "recipient.name: contains the control character U+0009 at position 3"
        );
        assert_eq!(err.kind(), ErrorKind::ControlCharacter);
        let err = clean("x\u{0}", "f").unwrap_err();
        assert_eq!(
            err.message(),
            "contains the control character U+0000 at position 2"
        );
    }

    #[test]
    fn length_limit_counts_characters_after_normalising() {
        let ok = "é".repeat(200);
        assert_eq!(
            clean(&ok, "f").unwrap().map(|s| s.chars().count()),
            Some(200)
        );
        // Extra spaces collapse away before counting.
        let padded = format!("   {}   ", "a ".repeat(100));
        assert!(clean(&padded, "f").unwrap().is_some());
        let err = clean(&"é".repeat(201), "seller.name").unwrap_err();
        assert_eq!(
            err.to_string(),
            "seller.name: is 201 characters long; at most 200 are allowed"
        );
    }

    #[test]
    fn decomposed_text_is_composed() {
        let cleaned = clean("Zoe\u{308} Lefe\u{300}vre", "f").unwrap().unwrap();
        assert_eq!(cleaned, "Zoë Lefèvre");
        assert_eq!(cleaned.chars().count(), 11);
    }

    #[test]
    fn blank_means_white_space_without_control_characters() {
        assert!(is_blank(""));
        assert!(is_blank(" \u{a0}\u{3000}"));
        assert!(!is_blank("\t"));
        assert!(!is_blank(" x "));
    }

    #[test]
    fn bidi_controls_are_named_with_their_position() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            let err = clean(&format!("ab{c}c"), "recipient.name").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BidiControl);
            assert_eq!(
                err.message(),
                format!(
                    "contains the bidirectional control U+{:04X} at position 3; it would \
                     reorder the printed text",
                    c as u32
                )
            );
        }
        // Marks are not controls: they change no order on their own.
        assert!(clean("a\u{200E}b", "f").unwrap().is_some());
    }

    #[test]
    fn invisible_characters_alone_are_blank() {
        for raw in [
            "\u{200D}",
            " \u{200B}\u{FEFF} ",
            "\u{00AD}",
            "\u{FE0F}\u{200C}",
        ] {
            assert!(is_blank(raw), "{raw:?}");
            assert_eq!(clean(raw, "f").unwrap(), None, "{raw:?}");
        }
        // Beside a visible character they are kept: ZWJ joins emoji, ZWNJ shapes Persian.
        #[cfg(feature = "arabic")]
        assert_eq!(
            clean("می\u{200C}خواهم", "f").unwrap().as_deref(),
            Some("می\u{200C}خواهم")
        );
    }

    #[test]
    fn a_huge_value_is_measured_in_full_but_not_copied() {
        let huge = "ab ".repeat(1_000_000);
        let err = clean(&huge, "seller.name").unwrap_err();
        assert_eq!(
            err.message(),
            "is 2999999 characters long; at most 200 are allowed"
        );
        // Decomposed text is counted composed, past the limit too.
        let decomposed = "e\u{301}".repeat(201);
        assert_eq!(
            clean(&decomposed, "f").unwrap_err().message(),
            "is 201 characters long; at most 200 are allowed"
        );
    }

    #[test]
    fn required_rejects_blank() {
        let err = required("   ", "seller.name").unwrap_err();
        assert_eq!(err.to_string(), "seller.name: must not be empty");
        assert_eq!(err.kind(), ErrorKind::Empty);
        let err = required("\u{200D}", "recipient.name").unwrap_err();
        assert_eq!(
            err.to_string(),
            "recipient.name: must not be empty; it holds only white space and invisible \
             characters such as U+200D"
        );
    }
}
