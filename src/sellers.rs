//! The sellers a printer met last, in the order the orders came: an order whose seller is
//! among them repeats a sender block a document can draw once and paint on every page (a
//! PDF form). Deciding it here, as orders are handed out and not where pages are drawn,
//! keeps the output a function of the orders alone, whichever thread draws which page.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::batch::sealed::Seller;
use crate::last_met::LastMet;
use crate::model::Party;
use crate::validate::ValidParty;

/// How many sellers a printer remembers: a batch of countless sellers holds no more, and a
/// seller met again after being let go counts as new.
pub(crate) const SELLERS_KEPT: usize = 64;

/// A seller kept, as given (a party as given boxed: a valid one is a shared pointer).
#[derive(Debug)]
enum Kept {
    Given(Box<Party>),
    Valid(ValidParty),
}

impl Kept {
    fn is(&self, seller: Seller<'_>) -> bool {
        match (self, seller) {
            (Kept::Given(kept), Seller::Given(given)) => **kept == *given,
            (Kept::Valid(kept), Seller::Valid(given)) => kept == given,
            _ => false,
        }
    }
}

/// The number the next new seller's block gets, in this process: never one given before,
/// by any printer, so that an output written by several printers in turn (an app's own
/// `Output` around a `PdfOutput`) cannot take one seller's form for another's. The numbers
/// are never written: the output does not depend on them.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A seller met.
#[derive(Debug)]
struct Met {
    /// A hash of the seller, to pass over the others quickly.
    hash: u64,
    seller: Kept,
    /// The number of its block.
    number: u64,
}

/// The sellers met last, the most recent last.
#[derive(Debug)]
pub(crate) struct Sellers {
    kept: LastMet<Met>,
}

impl Default for Sellers {
    fn default() -> Self {
        Sellers {
            kept: LastMet::new(SELLERS_KEPT),
        }
    }
}

impl Sellers {
    /// Meets an order's seller: the number of its block if the seller was met before (its
    /// pages can paint the block a document drew once), `None` the first time.
    pub(crate) fn meet(&mut self, seller: Seller<'_>) -> Option<u64> {
        let mut hasher = DefaultHasher::new();
        seller.hash(&mut hasher);
        let hash = hasher.finish();
        if let Some(met) = self
            .kept
            .find(|met| met.hash == hash && met.seller.is(seller))
        {
            return Some(met.number);
        }
        let kept = match seller {
            Seller::Given(party) => Kept::Given(Box::new(party.clone())),
            Seller::Valid(party) => Kept::Valid(party.clone()),
        };
        self.kept.push(Met {
            hash,
            seller: kept,
            number: NEXT.fetch_add(1, Ordering::Relaxed),
        });
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;

    fn seller(name: &str) -> Party {
        let mut party = Label::sample().seller;
        party.name = name.to_owned();
        party
    }

    #[test]
    fn a_seller_met_again_has_the_number_it_was_given_the_first_time() {
        let (a, b) = (seller("Tidy Threads Ltd"), seller("Blue Heron Books"));
        let mut sellers = Sellers::default();
        assert_eq!(sellers.meet(Seller::Given(&a)), None);
        assert_eq!(sellers.meet(Seller::Given(&b)), None);
        let first = sellers.meet(Seller::Given(&a)).unwrap();
        let second = sellers.meet(Seller::Given(&b)).unwrap();
        assert_ne!(first, second);
        assert_eq!(sellers.meet(Seller::Given(&b.clone())), Some(second));
        assert_eq!(sellers.meet(Seller::Given(&a)), Some(first));
        // Any difference is another seller: one character of the address.
        let mut moved = a.clone();
        moved.address.lines[0].push('A');
        assert_eq!(sellers.meet(Seller::Given(&moved)), None);
        let third = sellers.meet(Seller::Given(&moved)).unwrap();
        assert!(![first, second].contains(&third));
        // A seller checked is kept apart from one as given: their blocks are numbered apart.
        let valid = Label::sample().validate().unwrap();
        assert_eq!(sellers.meet(Seller::Valid(valid.seller())), None);
        let checked = sellers.meet(Seller::Valid(valid.seller())).unwrap();
        assert_eq!(sellers.meet(Seller::Given(&Label::sample().seller)), None);
        let given = sellers
            .meet(Seller::Given(&Label::sample().seller))
            .unwrap();
        assert_ne!(checked, given);
    }

    #[test]
    fn two_printers_never_number_two_sellers_alike() {
        let (a, b) = (seller("Tidy Threads Ltd"), seller("Blue Heron Books"));
        let (mut one, mut other) = (Sellers::default(), Sellers::default());
        assert_eq!(one.meet(Seller::Given(&a)), None);
        assert_eq!(other.meet(Seller::Given(&b)), None);
        let (a_number, b_number) = (
            one.meet(Seller::Given(&a)).unwrap(),
            other.meet(Seller::Given(&b)).unwrap(),
        );
        assert_ne!(a_number, b_number);
    }

    #[test]
    fn the_sellers_met_longest_ago_are_let_go_first() {
        let parties: Vec<Party> = (0..=SELLERS_KEPT)
            .map(|i| seller(&format!("Seller {i}")))
            .collect();
        let mut sellers = Sellers::default();
        // The first two are met again before the others fill the memory, the first last: it
        // stays.
        assert_eq!(sellers.meet(Seller::Given(&parties[0])), None);
        assert_eq!(sellers.meet(Seller::Given(&parties[1])), None);
        let second = sellers.meet(Seller::Given(&parties[1])).unwrap();
        let first = sellers.meet(Seller::Given(&parties[0])).unwrap();
        for party in &parties[2..] {
            assert_eq!(sellers.meet(Seller::Given(party)), None);
        }
        // One more seller than kept: the second, met longest ago, was let go; the first not.
        assert_eq!(sellers.kept.items().len(), SELLERS_KEPT);
        assert_eq!(sellers.meet(Seller::Given(&parties[0])), Some(first));
        assert_eq!(sellers.meet(Seller::Given(&parties[1])), None);
        let again = sellers.meet(Seller::Given(&parties[1])).unwrap();
        assert_ne!(again, second);
    }
}
