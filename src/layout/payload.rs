//! What the QR code says.

use crate::validate::ValidLabel;

/// The first line of every payload: the format and its version.
pub(crate) const PAYLOAD_HEADER: &str = "SL1";

/// The QR payload of a label: a few `KEY:value` lines after the header `SL1`.
///
/// ```text
/// SL1
/// O:TT-2026-000123      order number (always)
/// T:RR473124829GB       tracking number (when given)
/// Z:NW1 6XE             destination postcode (when the country uses one)
/// C:GB                  destination country, ISO 3166-1 alpha-2 (always)
/// ```
///
/// Lines end with `\n` (none after the last). Values never contain a line break (validation
/// rejects control characters), so no escaping is needed; the keys are fixed and in this
/// order. Everything is ASCII for valid labels; any other text would be UTF-8 with an ECI
/// designator in the symbol.
pub(crate) fn qr_payload(label: &ValidLabel) -> String {
    let order = label.order();
    let address = label.recipient().address();
    let mut out = format!("{PAYLOAD_HEADER}\nO:{}", order.number());
    if let Some(tracking) = order.tracking() {
        out.push_str("\nT:");
        out.push_str(tracking.as_str());
    }
    if let Some(postcode) = address.postcode() {
        out.push_str("\nZ:");
        out.push_str(postcode.as_str());
    }
    out.push_str("\nC:");
    out.push_str(address.country().as_str());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_of_the_sample() {
        assert_eq!(
            qr_payload(&crate::Label::sample().validate().unwrap()),
            "SL1\nO:TT-2026-000123\nT:RR473124829GB\nZ:NW1 6XE\nC:GB"
        );
    }
}
