//! Normalising free text: names, companies, address lines.

use unicode_normalization::UnicodeNormalization;

use super::error::{ErrorKind, ValidationError};

/// The longest free-text field (name, company, address line), in characters.
pub(crate) const MAX_TEXT_CHARS: usize = 200;

/// `U+0009` style notation for messages.
pub(crate) fn describe_char(c: char) -> String {
    if c.is_control() {
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
pub(crate) fn reject_control(raw: &str, field: &str) -> Result<(), ValidationError> {
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

/// Whether an optional field counts as absent: nothing but white space, and no control
/// character (a lone tab is an error, not a blank).
pub(crate) fn is_blank(raw: &str) -> bool {
    raw.chars().all(|c| c.is_whitespace() && !c.is_control())
}

/// Trims, collapses runs of white space into one space, composes the text (Unicode NFC, so
/// `e` + combining acute becomes `é`, as typed on some systems) and checks a free-text field.
///
/// `Ok(None)` when the text is empty after trimming; the caller decides whether that is an
/// error. Control characters (Unicode Cc, which includes tab and newline) are an error, not
/// white space: label printers and carrier EDI choke on them.
pub(crate) fn clean(raw: &str, field: &str) -> Result<Option<String>, ValidationError> {
    reject_control(raw, field)?;
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.nfc());
    }
    if out.is_empty() {
        return Ok(None);
    }
    let len = out.chars().count();
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

/// Every grapheme cluster must be drawable by one of the bundled fonts: an emoji or a
/// character of a script the fonts lack is refused here, with the field named, rather than
/// printed as a blank box. (A broken bundled font is not the input's fault: layout reports
/// it.)
pub(crate) fn reject_uncovered(text: &str, field: &str) -> Result<(), ValidationError> {
    match crate::text::first_uncovered(text) {
        Ok(Some(chars)) => Err(ValidationError::new(
            field,
            ErrorKind::UncoveredCharacter,
            format!("contains the character {chars}, which the label fonts cannot print"),
        )),
        Ok(None) | Err(_) => Ok(()),
    }
}

/// A required free-text field: empty is an error.
pub(crate) fn required(raw: &str, field: &str) -> Result<String, ValidationError> {
    clean(raw, field)?
        .ok_or_else(|| ValidationError::new(field, ErrorKind::Empty, "must not be empty"))
}

/// An optional free-text field: absent or blank is `None`.
pub(crate) fn optional(raw: Option<&str>, field: &str) -> Result<Option<String>, ValidationError> {
    match raw {
        Some(raw) => clean(raw, field),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn required_rejects_blank() {
        let err = required("   ", "seller.name").unwrap_err();
        assert_eq!(err.to_string(), "seller.name: must not be empty");
        assert_eq!(err.kind(), ErrorKind::Empty);
    }
}
