//! The Code 128 encoder: any 1–80 character ASCII string encodes, and its module pattern
//! reads back to exactly that string; anything else is refused with an error, never a
//! panic or a wrong symbol.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplabel::fuzzing::{CODE128_MAX_LEN, code128_modules, code128_read};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let encodable = !text.is_empty() && text.is_ascii() && text.len() <= CODE128_MAX_LEN;
    match code128_modules(text) {
        Ok(modules) => {
            assert!(encodable, "encoded {text:?}, which it should refuse");
            // 11 modules a symbol, 2 more for the stop's termination bar.
            assert_eq!(modules.len() % 11, 2, "{text:?}");
            assert_eq!(code128_read(&modules).as_deref(), Some(text));
        }
        Err(error) => assert!(!encodable, "refused {text:?}: {error}"),
    }
});
