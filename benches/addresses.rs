//! `cargo bench --bench addresses`: validating and formatting 10,000 addresses, as the
//! `validate` example does for a seller's export. Prints figures; asserts nothing about time.

use std::hint::black_box;
use std::time::Instant;

use shiplabel::{Label, Party};

fn main() {
    let orders: Vec<Label> =
        serde_json::from_str(include_str!("../tests/data/orders.json")).expect("the samples parse");
    // Recipients and sellers of every sample, and a broken copy of each (a postcode one digit
    // short), repeated to 10,000 addresses.
    let mut parties: Vec<Party> = Vec::new();
    for order in &orders {
        for party in [&order.recipient, &order.seller] {
            parties.push(party.clone());
            let mut broken = party.clone();
            broken.address.postcode = broken.address.postcode.map(|p| p[..p.len() - 1].to_owned());
            parties.push(broken);
        }
    }
    let parties: Vec<Party> = parties.iter().cycle().take(10_000).cloned().collect();

    for round in 1..=3 {
        let start = Instant::now();
        let mut valid = 0;
        let mut lines = 0;
        for party in black_box(&parties) {
            if let Ok(p) = party.validate() {
                valid += 1;
                lines += p.lines().len();
            }
        }
        let elapsed = start.elapsed();
        println!(
            "round {round}: 10,000 addresses validated and formatted in {elapsed:.2?} \
             ({:.2} µs each; {valid} valid, {lines} lines)",
            elapsed.as_secs_f64() * 1e6 / 10_000.0
        );
    }
}
