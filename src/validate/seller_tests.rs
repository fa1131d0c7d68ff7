//! The sellers a thread keeps checked ([`Checker::seller`](super::Checker)).

use super::Checker;
use crate::model::Label;

/// The sample label sold by `seller`.
fn sold_by(seller: &str) -> Label {
    let mut label = Label::sample();
    label.seller.name = seller.to_owned();
    label
}

/// Validates `label` and checks its seller is what checking the seller alone gives.
fn check(label: &Label) {
    let valid = label.validate().unwrap();
    assert_eq!(*valid.seller(), label.seller.validate().unwrap());
}

#[test]
fn a_seller_met_again_is_kept_and_is_what_checking_it_gives() {
    // Eight sellers, as many as a thread keeps, then each again: every one comes from the
    // memory, as checking it alone gives.
    let labels: Vec<Label> = (0..8).map(|i| sold_by(&format!("Seller {i}"))).collect();
    for label in &labels {
        check(label);
    }
    let names = |range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|i| format!("Seller {i}")).collect()
    };
    assert_eq!(Checker::kept_sellers(), names(0..8));
    for label in labels.iter().rev() {
        check(label);
    }
    // Met again, each moved to the end: now 7 down to 0.
    assert_eq!(
        Checker::kept_sellers(),
        names(0..8).into_iter().rev().collect::<Vec<_>>()
    );
    // A ninth lets go of the one met longest ago (seller 7), not of one met again since.
    check(&labels[7]);
    check(&sold_by("Seller 8"));
    let kept = Checker::kept_sellers();
    assert_eq!(kept.len(), 8);
    assert!(!kept.contains(&"Seller 6".to_owned()), "{kept:?}");
    assert!(kept.contains(&"Seller 7".to_owned()), "{kept:?}");
    // Two sellers alike but for one character of the address are two sellers.
    let mut moved = sold_by("Seller 0");
    moved.seller.address.lines[0].push('A');
    check(&moved);
    assert_ne!(
        *moved.validate().unwrap().seller(),
        *sold_by("Seller 0").validate().unwrap().seller()
    );
}

#[test]
fn a_seller_with_a_problem_or_too_big_to_keep_is_checked_every_time() {
    let mut label = sold_by("Seller 0");
    label.seller.address.postcode = Some("1".into());
    for _ in 0..3 {
        let errors = label.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field()).collect();
        assert_eq!(fields, ["seller.address.postcode"]);
    }
    assert!(Checker::kept_sellers().is_empty());
    // Once mended, it is valid, and kept.
    label.seller.address.postcode = Label::sample().seller.address.postcode;
    for _ in 0..2 {
        check(&label);
    }
    assert_eq!(Checker::kept_sellers(), ["Seller 0"]);
    // Valid, but big as given (white space collapses): checked, not kept.
    let spaced = sold_by(&format!("Seller{}1", " ".repeat(10_000)));
    check(&spaced);
    assert_eq!(spaced.validate().unwrap().seller().name(), "Seller 1");
    assert_eq!(Checker::kept_sellers(), ["Seller 0"]);
}

#[test]
fn a_seller_met_again_is_shared_not_copied() {
    let label = sold_by("Shared Seller Ltd");
    let first = label.validate().unwrap();
    let again = label.validate().unwrap();
    // The same fields, held once; a clone shares them too.
    assert!(std::sync::Arc::ptr_eq(&first.seller().0, &again.seller().0));
    let cloned = again.seller().clone();
    assert!(std::sync::Arc::ptr_eq(&cloned.0, &first.seller().0));
    assert_eq!(cloned, label.seller.validate().unwrap());
    // Its debug form is its fields', as the derived one was before it was shared.
    let seller = first.seller();
    assert_eq!(
        format!("{seller:?}"),
        format!(
            "ValidParty {{ name: {:?}, company: {:?}, phone: {:?}, address: {:?} }}",
            seller.name(),
            seller.company(),
            seller.phone(),
            seller.address()
        )
    );
}
