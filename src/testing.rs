//! Inputs and helpers the unit tests share.

/// Every string of at most `longest` of the `pieces`, the empty one first, shorter ones
/// before longer: inputs that try a matcher or a cleaner on every arrangement.
pub(crate) fn strings_of(pieces: &[&str], longest: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = all.clone();
    for _ in 0..longest {
        last = last
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

#[test]
fn strings_of_every_length_in_order() {
    assert_eq!(
        strings_of(&["a", " "], 2),
        ["", "a", " ", "aa", "a ", " a", "  "]
    );
    assert_eq!(strings_of(&["x"], 0), [""]);
    assert_eq!(strings_of(&["a", "b", "9"], 4).len(), 1 + 3 + 9 + 27 + 81);
}

/// A zlib stream inflated (`/FlateDecode`), as a reader of the PDF would.
pub(crate) fn inflate(compressed: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(compressed)
        .read_to_end(&mut out)
        .unwrap();
    out
}
