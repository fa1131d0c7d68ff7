//! Reads our own Code 128 module pattern back to text, for the tests and fuzz targets that
//! check the encoder round-trips: modules → symbol values (checking the stop and the mod-103
//! check character) → text, following start sets, CODE A/B/C switches and SHIFT.
//!
//! Written from the symbology's rules (ISO/IEC 15417), independently of the encoder's
//! set-choosing code; it shares only the width table.

use super::code128::{PATTERNS, STOP};

/// Reads modules (`true` = bar, no quiet zones) back to symbol values, start to stop.
/// `None` when the modules are not a well-formed symbol or its check character is wrong.
pub(crate) fn modules_to_codewords(modules: &[bool]) -> Option<Vec<u8>> {
    let stop_at = modules.len().checked_sub(13)?;
    if modules.len() < 11 * 3 + 13 || !stop_at.is_multiple_of(11) {
        return None;
    }
    let (body, stop) = modules.split_at(stop_at);
    let mut codewords = Vec::new();
    for chunk in body.chunks(11).chain([stop]) {
        // Every symbol starts with a bar.
        if !*chunk.first()? {
            return None;
        }
        let mut widths: Vec<u8> = Vec::new();
        let mut previous = false;
        for &module in chunk {
            if module == previous {
                *widths.last_mut()? += 1;
            } else {
                widths.push(b'1');
                previous = module;
            }
        }
        let value = PATTERNS.iter().position(|p| *p == widths.as_slice())?;
        codewords.push(u8::try_from(value).ok()?);
    }
    let (&last, rest) = codewords.split_last()?;
    let (&check, values) = rest.split_last()?;
    let sum: usize = values
        .iter()
        .enumerate()
        .map(|(i, &v)| usize::from(v) * i.max(1))
        .sum();
    (last == STOP && usize::from(check) == sum % 103).then_some(codewords)
}

/// Interprets symbol values (start .. check, stop) as text, following sets, switches and
/// SHIFT. `None` for a value that has no meaning where it stands.
pub(crate) fn codewords_to_text(codewords: &[u8]) -> Option<String> {
    let (&start, rest) = codewords.split_first()?;
    let data = rest.get(..rest.len().checked_sub(2)?)?;
    let mut set = match start {
        103 => 'A',
        104 => 'B',
        105 => 'C',
        _ => return None,
    };
    let char_in = |set: char, v: u8| match (set, v) {
        ('A', 0..=63) | ('B', 0..=95) => Some(char::from(v + 32)),
        ('A', 64..=95) => Some(char::from(v - 64)),
        _ => None,
    };
    let mut text = String::new();
    let mut values = data.iter().copied();
    while let Some(v) = values.next() {
        match (set, v) {
            ('C', 0..=99) => text.push_str(&format!("{v:02}")),
            ('A' | 'B', 0..=95) => text.push(char_in(set, v)?),
            ('A' | 'B', 98) => {
                let other = if set == 'A' { 'B' } else { 'A' };
                text.push(char_in(other, values.next()?)?);
            }
            ('A' | 'B', 99) => set = 'C',
            ('A' | 'C', 100) => set = 'B',
            ('B' | 'C', 101) => set = 'A',
            _ => return None,
        }
    }
    Some(text)
}

/// Reads modules back to text: [`modules_to_codewords`] then [`codewords_to_text`].
pub(crate) fn modules_to_text(modules: &[bool]) -> Option<String> {
    codewords_to_text(&modules_to_codewords(modules)?)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::barcode::encode_code128;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Every order number the validator accepts (printable ASCII, 1 to 48 characters)
        /// encodes, and its modules read back to exactly that text.
        #[test]
        fn printable_ascii_up_to_48_round_trips(data in "[ -~]{1,48}") {
            let code = encode_code128(&data).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(code.modules().len(), 11 * code.codewords().len() + 2);
            let codewords = modules_to_codewords(code.modules());
            prop_assert_eq!(codewords.as_deref(), Some(code.codewords()));
            prop_assert_eq!(modules_to_text(code.modules()), Some(data));
        }

        /// Digit runs are where set C and the set switches are chosen: bias towards them.
        #[test]
        fn digit_heavy_data_round_trips(data in "([0-9]{1,9}[ -~]?){1,8}") {
            prop_assume!(data.len() <= 48);
            let code = encode_code128(&data).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(modules_to_text(code.modules()), Some(data));
        }
    }

    #[test]
    fn malformed_modules_read_as_nothing() {
        let code = encode_code128("TT-1").unwrap();
        let modules = code.modules();
        assert_eq!(modules_to_text(modules).as_deref(), Some("TT-1"));
        assert_eq!(modules_to_text(&[]), None);
        assert_eq!(modules_to_text(&modules[..modules.len() - 1]), None);
        // One module flipped: a bad pattern or a wrong check character, never other text.
        for i in 0..modules.len() {
            let mut flipped = modules.to_vec();
            flipped[i] = !flipped[i];
            assert_eq!(modules_to_text(&flipped), None, "module {i}");
        }
    }
}
