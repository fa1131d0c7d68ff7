//! A Code 128 symbol's values as `^BC` field data in ZPL's "no mode": the start code and
//! every switch written out as invocation codes (`>9` `>:` `>;` start in code set A, B or C;
//! `>7` `>6` `>5` switch to A, B or C), so the printer draws exactly our symbol. The data is
//! written under `^FH_` (hexadecimal escapes), so that `^`, `~` and `_` print as themselves.

use std::fmt::Write as _;

/// The field data for `codewords` (start, data, check, stop: the check and stop are the
/// printer's to add), or why `^BC` cannot spell them.
pub(super) fn field_data(codewords: &[u8]) -> Result<String, String> {
    let Some((&start, rest)) = codewords.split_first() else {
        return Err("no start code".into());
    };
    // The values between the start and the check character.
    let data = rest.get(..rest.len().saturating_sub(2)).unwrap_or(&[]);
    let mut out = String::with_capacity(2 * data.len() + 2);
    let mut set = match start {
        103 => 'A',
        104 => 'B',
        105 => 'C',
        other => return Err(format!("{other} is not a start code")),
    };
    out.push_str(match set {
        'A' => ">9",
        'B' => ">:",
        _ => ">;",
    });
    for &value in data {
        match (set, value) {
            ('C', 0..=99) => {
                let _ = write!(out, "{value:02}");
            }
            ('A' | 'B', 99) => {
                out.push_str(">5");
                set = 'C';
            }
            ('A' | 'C', 100) => {
                out.push_str(">6");
                set = 'B';
            }
            ('B' | 'C', 101) => {
                out.push_str(">7");
                set = 'A';
            }
            ('A', 0..=63) | ('B', 0..=95) => push_char(&mut out, 32 + value),
            ('A', 64..=95) => push_char(&mut out, value - 64),
            (set, value) => {
                return Err(format!(
                    "value {value} in code set {set} (a shift or function code) has no ^BC spelling here"
                ));
            }
        }
    }
    Ok(out)
}

/// One data character: `>` doubled as `><`, and under `^FH_` the characters ZPL would take
/// for commands or escapes (`^`, `~`, `_`) and control characters as `_XX`.
fn push_char(out: &mut String, byte: u8) {
    match byte {
        b'>' => out.push_str("><"),
        b'^' | b'~' | b'_' | 0..=31 | 127 => {
            let _ = write!(out, "_{byte:02X}");
        }
        _ => out.push(char::from(byte)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::encode_code128;

    fn data(text: &str) -> String {
        field_data(encode_code128(text).unwrap().codewords()).unwrap()
    }

    #[test]
    fn code_sets_and_switches_are_written_out() {
        assert_eq!(data("TT-2026-000123"), ">:TT-2026->5000123");
        assert_eq!(data("578204193364875210"), ">;578204193364875210");
        assert_eq!(data("1234567A"), ">;123456>67A");
        assert_eq!(data("ORD-20240517-0042"), ">:ORD->520240517>6->50042");
    }

    #[test]
    fn characters_zpl_would_read_as_commands_are_escaped() {
        assert_eq!(data("A>B"), ">:A><B");
        assert_eq!(data("a^b~c_d"), ">:a_5Eb_7Ec_5Fd");
    }

    #[test]
    fn what_cannot_be_spelled_is_an_error() {
        assert!(field_data(&[]).is_err());
        assert!(field_data(&[7, 1, 2, 106]).is_err());
        // SHIFT (98) in code set B.
        assert!(field_data(&[104, 65, 98, 73, 0, 106]).is_err());
    }
}
