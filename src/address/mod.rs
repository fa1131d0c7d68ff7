//! Per-country postal address rules and label layout.

mod countries;
#[cfg(test)]
mod generate;
mod lookup;
#[cfg(test)]
mod lookup_tests;
mod regions;
mod rules;
mod tables;
#[cfg(test)]
mod tests;

pub(crate) use countries::COUNTRIES;
#[cfg(test)]
pub(crate) use lookup::regions;
pub(crate) use lookup::{PlaceProblem, check_place};
pub(crate) use rules::*;
