//! The check every generated source file gets (tests only): the file in the repository is
//! exactly what its generator makes from the data today.

use std::path::Path;

/// Checks that `path` has the text `expected`, or writes it when `UPDATE_GENERATED=1` (or
/// when it is missing, then failing so that the tests run again). `module` names the
/// generator's tests in the message (`address::generate`).
pub(crate) fn check_generated(path: &Path, expected: &str, module: &str) {
    let update = std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1");
    match std::fs::read_to_string(path) {
        Ok(actual) if actual == expected => {}
        Ok(_) if update => std::fs::write(path, expected)
            .unwrap_or_else(|e| panic!("write {}: {e}", path.display())),
        Ok(actual) => {
            let first = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .map_or_else(|| "length".to_owned(), |n| format!("line {}", n + 1));
            panic!(
                "{} is out of date (first difference: {first}); \
                 run `UPDATE_GENERATED=1 cargo test {module}`",
                path.display()
            );
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::write(path, expected)
                .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
            assert!(
                update,
                "{} was missing and has been written; run the tests again",
                path.display()
            );
        }
        Err(e) => panic!("read {}: {e}", path.display()),
    }
}
