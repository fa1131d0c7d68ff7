//! Content streams' compression: any bytes compress to a zlib stream that inflates to
//! exactly them, whether the page code takes them (printable ASCII and newlines, up to its
//! length limit) or libdeflate does; the page code refuses exactly the bytes it lacks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplabel::fuzzing::{deflate_content, deflate_page, inflate};

fuzz_target!(|data: &[u8]| {
    let compressed = deflate_content(data);
    assert_eq!(inflate(&compressed).as_deref(), Some(data));
    let encodable = data.iter().all(|&b| b == b'\n' || (b' '..=b'~').contains(&b));
    match deflate_page(data) {
        Some(page) => {
            assert!(encodable, "the page code took a byte it lacks");
            assert_eq!(inflate(&page).as_deref(), Some(data));
        }
        None => assert!(!encodable, "the page code refused printable text"),
    }
});
