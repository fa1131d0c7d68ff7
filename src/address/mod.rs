//! Per-country postal address rules and label layout.

mod countries;
#[cfg(test)]
mod generate;
mod rules;
#[cfg(test)]
mod tests;

pub(crate) use countries::COUNTRIES;
pub(crate) use rules::*;
