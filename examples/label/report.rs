//! What the tool says: messages on standard error, the summary on standard output, every
//! one of them written without ever panicking and with control characters shown escaped.
//!
//! Order numbers, field names and file names come from the input: an escape sequence in one
//! must not retitle the terminal or change its colours, so every message passes through
//! [`escaped`] on its way out. A stream that cannot be written (a closed pipe, a full disk)
//! loses the message, never the orders: the files are in place before anything is said, and
//! the exit status says what was printed.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// `text` with every control character (C0, DEL, C1) and every bidirectional control shown
/// as a `\u{…}` escape, so that it prints as the characters it holds.
///
/// ```text
/// "order \u{1b}]0;pwned\u{7}" -> "order \u{1b}]0;pwned\u{7}" (as those 15 visible characters)
/// ```
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// A file name as text: its bytes that are not UTF-8 shown as `\xNN`, so two different
/// names never print alike.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{byte:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Writes one line of `text`, escaped, to standard error; a failure to write is ignored
/// (there is nowhere left to report it).
pub fn say(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", escaped(text));
}

/// `error: ` and the problem, on standard error.
pub fn error(text: &str) {
    say(&format!("error: {text}"));
}

/// Writes one line of `text`, escaped, to standard output (the summary of a run that wrote
/// its PDF to a file); a failure to write is ignored: the PDF is in place and the exit
/// status says so.
pub fn tell(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", escaped(text)).and_then(|()| out.flush());
}

/// Writes the program's own fixed text (the usage, several lines) as it is, to standard
/// output for `--help` or to standard error after a mistake; a failure to write is ignored.
pub fn usage(text: &str, to_stdout: bool) {
    let _ = if to_stdout {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{text}").and_then(|()| out.flush())
    } else {
        writeln!(std::io::stderr().lock(), "{text}")
    };
}

/// `1 label`, `3 labels`.
pub fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(escaped("Zoë Lefèvre, 東京"), "Zoë Lefèvre, 東京");
        assert_eq!(
            escaped("TT-1\u{1b}]0;pwned\u{7}"),
            "TT-1\\u{1b}]0;pwned\\u{7}"
        );
        assert_eq!(
            escaped("a\u{9b}31mb\u{202e}c\n"),
            "a\\u{9b}31mb\\u{202e}c\\u{a}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_names_that_are_not_utf8_show_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.json");
        assert_eq!(path_text(Path::new(name)), "caf\\xE9.json");
    }
}
