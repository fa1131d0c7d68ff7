//! JSON (feature `serde`): orders read with every shape mistake reported by field path
//! ([`Label::from_json`](crate::Label::from_json)); errors, reports and options written and
//! read.

mod errors;
mod options;
mod shape;
