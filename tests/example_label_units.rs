//! The `label` example's own unit tests (its output files and images, escapes, input
//! bounds, arguments), compiled here from its modules: `cargo test` builds the example as
//! the program the other example tests run, so its modules' tests live in this crate.

#![cfg(feature = "png")]
// Only the modules' tests use them here; the program uses the rest.
#![allow(dead_code)]

#[path = "../examples/label/args.rs"]
mod args;
#[path = "../examples/label/images.rs"]
mod images;
#[path = "../examples/label/input.rs"]
mod input;
#[path = "../examples/label/output.rs"]
mod output;
#[path = "../examples/label/rejected.rs"]
mod rejected;
#[path = "../examples/label/report.rs"]
mod report;
