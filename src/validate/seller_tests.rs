//! The sellers a thread keeps checked ([`Checker::seller`](super::Checker)).

use crate::model::Label;

/// The sample label sold by `seller`.
fn sold_by(seller: &str) -> Label {
    let mut label = Label::sample();
    label.seller.name = seller.to_owned();
    label
}

#[test]
fn a_seller_met_again_is_what_checking_it_gives() {
    // More sellers than a thread keeps, each three times, in turns: every label is what
    // checking its seller alone gives.
    let sellers: Vec<String> = (0..12).map(|i| format!("Seller {i}")).collect();
    for round in 0..3 {
        for (i, seller) in sellers.iter().enumerate() {
            let label = sold_by(seller);
            let valid = label.validate().unwrap();
            assert_eq!(
                *valid.seller(),
                label.seller.validate().unwrap(),
                "round {round}, seller {i}"
            );
        }
    }
    // Two sellers alike but for one character of the address are two sellers.
    let mut moved = sold_by("Seller 0");
    moved.seller.address.lines[0].push('A');
    let valid = moved.validate().unwrap();
    assert_eq!(*valid.seller(), moved.seller.validate().unwrap());
    assert_ne!(
        *valid.seller(),
        *sold_by("Seller 0").validate().unwrap().seller()
    );
}

#[test]
fn a_seller_with_a_problem_reports_it_every_time() {
    let mut label = sold_by("Seller 0");
    label.seller.address.postcode = Some("1".into());
    for _ in 0..3 {
        let errors = label.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field()).collect();
        assert_eq!(fields, ["seller.address.postcode"]);
    }
    // Once mended, it is valid, and stays so.
    label.seller.address.postcode = Label::sample().seller.address.postcode;
    for _ in 0..2 {
        assert!(label.validate().is_ok());
    }
}
