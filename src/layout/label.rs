//! The label template, for every [`LabelSize`]: zones from top to bottom, as a carrier's
//! eye and scanner want them. The sender, order and shipment zones keep their heights; the
//! recipient takes what is left, so a 4 × 8 in label gives the address more room.
//!
//! ```text
//! ┌──────────────────────────────┐
//! │ FROM  seller, small          │  sender: as tall as it needs, at most SENDER_MAX_H
//! ├──────────────────────────────┤
//! │ SHIP TO                      │  recipient: all the room that is left; name large,
//! │ Name                         │  address in the destination's line order, postcode
//! │ address lines …              │  line bold, country last in bold capitals
//! │ COUNTRY                      │
//! ├──────────────────────────────┤
//! │ ORDER                        │  order: Code 128 of the order number, centred,
//! │ ║│║║│║│║║│║║│║│║║│║║│║║│      │  with the number printed below
//! │        TT-2026-000123        │
//! ├──────────────────────────────┤
//! │ ▣ QR  TRACKING        ┌────┐ │  QR of the order, shipment details beside it,
//! │       carrier/service │ GB │ │  and the destination country code in a box
//! │       weight          └────┘ │
//! └──────────────────────────────┘
//! ```

use crate::address::Field;
use crate::barcode::{CODE128_QUIET_MODULES, QR_QUIET_MODULES, encode_code128, encode_qr};
use crate::layout::{Element, LabelLayout, LayoutError, qr_payload};
use crate::text::{
    BASELINE, FitError, Fitted, Item, LEADING, MIN_SIZE, Weight, extra_above, extra_below,
    fit_block, shape_line,
};
use crate::units::{Dots, Dpi, Mm, Pt};
use crate::validate::{ValidLabel, ValidParty};
use crate::{LabelSize, Options};

/// White border around the content.
const MARGIN: f32 = 10.0;

/// The label's page, in points.
#[derive(Debug, Clone, Copy)]
struct Page {
    w: f32,
    h: f32,
}

impl Page {
    fn of(size: LabelSize) -> Page {
        Page {
            w: size.width().0,
            h: size.height().0,
        }
    }

    /// Width of the content, inside the margins.
    fn inner_w(self) -> f32 {
        self.w - 2.0 * MARGIN
    }
}
/// A strip along the page edge that stays blank even for quiet zones: printheads and
/// die-cut labels do not reach the very edge.
const EDGE: f32 = 4.0;
/// Thickness of the rules between zones.
const RULE: f32 = 1.5;
/// Space between a rule and the content next to it.
const GAP: f32 = 5.0;
/// The sender block's greatest height.
const SENDER_MAX_H: f32 = 84.0;
/// Height of the order zone: caption, bars, human-readable number.
const ORDER_ZONE_H: f32 = 96.0;
/// A label taller than 6 in gives this share of its extra height to the bars (taller bars
/// scan from further away and at steeper angles), the rest to the recipient.
const EXTRA_TO_BARS: f32 = 0.5;
/// Height of the bottom zone (QR and shipment details).
const INFO_ZONE_H: f32 = 78.0;
/// The widest Code 128 module GS1 logistics labels use.
const MAX_MODULE: Mm = Mm(1.016);
/// The widest QR module used: larger adds nothing for a scanner at arm's length.
const MAX_QR_MODULE: Mm = Mm(1.0);
/// Narrowest module for either symbol, in dots: a 1-dot bar does not print reliably.
const MIN_MODULE_DOTS: u32 = 2;
/// Caption size ("FROM", "SHIP TO", "ORDER", "TRACKING").
const CAPTION: f32 = 7.0;
/// The destination country box, bottom right.
const COUNTRY_BOX_W: f32 = 56.0;
const COUNTRY_BOX_H: f32 = 42.0;
/// The country code's size, unless the two letters (MW, say) need it smaller to fit.
const COUNTRY_CODE_SIZE: f32 = 27.0;
/// Height of capitals in Noto Sans, as a fraction of the size (714 units of 1000).
const CAP_HEIGHT: f32 = 0.714;
/// Size of the human-readable order number under the bars.
const HRI_SIZE: f32 = 13.0;

/// How one kind of line is set: weight, preferred size, and the size it shrinks to on one line
/// before wrapping.
#[derive(Clone, Copy)]
struct Style {
    weight: Weight,
    size: f32,
    min_size: f32,
}

impl Style {
    const fn new(weight: Weight, size: f32, min_size: f32) -> Style {
        Style {
            weight,
            size,
            min_size,
        }
    }
}

/// The styles of one party block.
struct PartyStyles {
    caption: &'static str,
    name: Style,
    company: Style,
    line: Style,
    postcode: Style,
    country: Style,
    phone: Style,
}

const SENDER: PartyStyles = PartyStyles {
    caption: "FROM",
    name: Style::new(Weight::Bold, 9.0, 8.0),
    company: Style::new(Weight::Regular, 8.0, 7.5),
    line: Style::new(Weight::Regular, 8.0, 7.5),
    postcode: Style::new(Weight::Regular, 8.0, 7.5),
    country: Style::new(Weight::Bold, 8.0, 7.5),
    phone: Style::new(Weight::Regular, 7.5, 7.0),
};

const RECIPIENT: PartyStyles = PartyStyles {
    caption: "SHIP TO",
    name: Style::new(Weight::Bold, 18.0, 12.0),
    company: Style::new(Weight::Regular, 13.0, 10.0),
    line: Style::new(Weight::Regular, 13.0, 10.0),
    postcode: Style::new(Weight::Bold, 15.0, 11.0),
    country: Style::new(Weight::Bold, 17.0, 12.0),
    phone: Style::new(Weight::Regular, 9.0, 8.0),
};

fn item(field: impl Into<String>, text: impl Into<String>, style: Style, gap_before: f32) -> Item {
    Item {
        field: field.into(),
        text: text.into(),
        weight: style.weight,
        size: style.size,
        min_size: style.min_size,
        gap_before,
        group: None,
    }
}

/// The group of a party block's body text (company and address lines): set at one size.
const BODY: u8 = 1;

fn caption(text: &str) -> Item {
    item("", text, Style::new(Weight::Bold, CAPTION, CAPTION), 0.0)
}

fn fit_error(err: FitError) -> LayoutError {
    match err {
        FitError::Uncovered { field, chars } => LayoutError::UncoveredCharacter {
            field,
            character: chars,
        },
        FitError::Overflow { field } => LayoutError::DoesNotFit {
            field,
            min_size: MIN_SIZE,
        },
        FitError::Font(e) => LayoutError::Font(e.to_string()),
    }
}

/// The field name of an address component, for error paths.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Name => "name",
        Field::Organisation => "company",
        Field::StreetLines => "address.lines",
        Field::DependentLocality => "address.city_area",
        Field::City => "address.city",
        Field::Region => "address.region",
        Field::Postcode => "address.postcode",
        Field::SortingCode => "address.sorting_code",
    }
}

/// A party's block: caption, then its address in the country's line order (name and company
/// included), then the phone number.
fn party_items(party: &ValidParty, path: &str, styles: &PartyStyles) -> Vec<Item> {
    let lines = party.formatted();
    let mut items = vec![caption(styles.caption)];
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.into_iter().enumerate() {
        let has = |f: Field| line.fields.contains(&f);
        let (style, gap, group) = if i == last && line.fields.is_empty() {
            (styles.country, 1.0, None)
        } else if has(Field::Name) {
            (styles.name, 0.0, None)
        } else if has(Field::Organisation) {
            (styles.company, 0.0, Some(BODY))
        } else if has(Field::Postcode) {
            (styles.postcode, 0.0, None)
        } else {
            (styles.line, 0.0, Some(BODY))
        };
        // Errors name the line's first field: the city on a US "CITY, ST ZIP" line.
        let field = line
            .fields
            .first()
            .map_or("address.country", |f| field_name(*f));
        let mut line_item = item(format!("{path}.{field}"), line.text, style, gap);
        line_item.group = group;
        items.push(line_item);
    }
    if let Some(phone) = party.phone() {
        items.push(item(
            format!("{path}.phone"),
            format!("Tel. {phone}"),
            styles.phone,
            1.0,
        ));
    }
    items
}

/// Places fitted text from `top` down: each line starts at `x`, or is centred in `width`,
/// or, if it reads right to left, ends at `x + width`. Returns the bottom of the block.
fn place(
    elements: &mut Vec<Element>,
    fitted: Vec<Fitted>,
    x: f32,
    top: f32,
    width: f32,
    centre: bool,
) -> f32 {
    let mut y = top;
    for f in fitted {
        y += f.gap_before;
        for line in f.lines {
            y += extra_above(&line) * f.size;
            let line_width = line.width * f.size;
            let line_x = if centre {
                x + (width - line_width).max(0.0) / 2.0
            } else if line.rtl {
                x + (width - line_width).max(0.0)
            } else {
                x
            };
            let below = extra_below(&line) * f.size;
            elements.push(Element::Text {
                x: Pt(line_x),
                baseline: Pt(y + f.size * BASELINE),
                size: f.size,
                line,
            });
            y += f.size * LEADING + below;
        }
    }
    y
}

/// A rule across the content at `y`.
fn rule(elements: &mut Vec<Element>, page: Page, y: f32) {
    elements.push(Element::Rule {
        x: Pt(MARGIN),
        y: Pt(y),
        width: Pt(page.inner_w()),
        height: Pt(RULE),
    });
}

/// One decimal, for millimetre figures in messages.
fn mm1(pt: Pt) -> String {
    format!("{:.1}", Mm::from(pt).0)
}

/// The Code 128 of the order number, centred on the page; returns the bars' bottom.
fn order_barcode(
    elements: &mut Vec<Element>,
    label: &ValidLabel,
    page: Page,
    dpi: Dpi,
    top: f32,
    bar_height: f32,
) -> Result<f32, LayoutError> {
    let number = label.order().number().as_str();
    let code = encode_code128(number).map_err(|e| LayoutError::Barcode {
        field: "order.number".into(),
        message: e.to_string(),
    })?;
    let bars = code.modules().len() as u32;
    let with_quiet = bars + 2 * CODE128_QUIET_MODULES as u32;
    let across = dpi.dots_in(Pt(page.w)).0;
    let usable = dpi.dots_in(Pt(page.w - 2.0 * EDGE)).0;
    let inner = dpi.dots_in(Pt(page.inner_w())).0;
    let widest = dpi.dots_in(Pt::from(MAX_MODULE)).0;
    let module = (usable / with_quiet).min(inner / bars).min(widest);
    if module < MIN_MODULE_DOTS {
        // Report the limit that bound: the bars between the margins, or the bars with their
        // quiet zones across the page.
        let (modules, room, what) = if bars * MIN_MODULE_DOTS > inner {
            (bars, inner, "the bars, within the margins")
        } else {
            (with_quiet, usable, "with 10-module quiet zones")
        };
        return Err(LayoutError::BarcodeTooWide {
            modules: modules as usize,
            what,
            needed_mm: mm1(Dots(modules * MIN_MODULE_DOTS).to_pt(dpi)),
            available_mm: mm1(Dots(room).to_pt(dpi)),
        });
    }
    let left = (across - bars * module) / 2;
    let y = dpi.snap(Pt(top));
    let height = dpi.dots_in(Pt(bar_height)).to_pt(dpi);
    elements.push(Element::Code128 {
        x: Dots(left).to_pt(dpi),
        y,
        module: Dots(module),
        height,
        modules: code.modules().to_vec(),
        codewords: code.codewords().to_vec(),
        text: code.text().to_owned(),
    });
    Ok((y + height).0)
}

/// The QR code in the bottom-left corner, quiet zone inside the zone; returns its right edge
/// including the quiet zone.
fn order_qr(
    elements: &mut Vec<Element>,
    label: &ValidLabel,
    dpi: Dpi,
    top: f32,
) -> Result<f32, LayoutError> {
    let payload = qr_payload(label);
    let matrix = encode_qr(&payload).map_err(|e| LayoutError::Barcode {
        field: "order".into(),
        message: e.to_string(),
    })?;
    let side = (matrix.width() + 2 * QR_QUIET_MODULES) as u32;
    let room = dpi.dots_in(Pt(INFO_ZONE_H)).0;
    let widest = dpi.dots_in(Pt::from(MAX_QR_MODULE)).0;
    let module = (room / side).min(widest);
    if module < MIN_MODULE_DOTS {
        return Err(LayoutError::QrTooLarge {
            modules: side as usize,
            dpi: dpi.to_string(),
        });
    }
    let quiet = Dots(module * QR_QUIET_MODULES as u32).to_pt(dpi);
    let x = dpi.snap(Pt(MARGIN)) + quiet;
    let y = dpi.snap(Pt(top)) + quiet;
    let size = Dots(module * matrix.width() as u32).to_pt(dpi);
    elements.push(Element::Qr {
        x,
        y,
        module: Dots(module),
        matrix,
        payload,
    });
    Ok((x + size + quiet).0)
}

/// The destination's ISO country code, large, in a frame: a sorting aid for cross-border
/// parcels that reads at a glance.
fn country_box(
    elements: &mut Vec<Element>,
    label: &ValidLabel,
    x: f32,
    top: f32,
) -> Result<(), LayoutError> {
    let code = label.recipient().address().country().as_str();
    let height = COUNTRY_BOX_H;
    for (rx, ry, rw, rh) in [
        (x, top, COUNTRY_BOX_W, RULE),
        (x, top + height - RULE, COUNTRY_BOX_W, RULE),
        (x, top, RULE, height),
        (x + COUNTRY_BOX_W - RULE, top, RULE, height),
    ] {
        elements.push(Element::Rule {
            x: Pt(rx),
            y: Pt(ry),
            width: Pt(rw),
            height: Pt(rh),
        });
    }
    let line =
        shape_line(code, Weight::Bold, false).map_err(|e| LayoutError::Font(e.to_string()))?;
    let size = COUNTRY_CODE_SIZE.min((COUNTRY_BOX_W - 8.0) / line.width.max(1e-3));
    elements.push(Element::Text {
        x: Pt(x + (COUNTRY_BOX_W - line.width * size) / 2.0),
        baseline: Pt(top + (height + CAP_HEIGHT * size) / 2.0),
        size,
        line,
    });
    Ok(())
}

/// `420 g`, `1.25 kg`.
fn format_weight(grams: u32) -> String {
    if grams < 1000 {
        format!("{grams} g")
    } else {
        let kg = format!("{}.{:03}", grams / 1000, grams % 1000);
        format!("{} kg", kg.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// Shipment details beside the QR code.
fn info_items(label: &ValidLabel) -> Vec<Item> {
    let order = label.order();
    let mut items = Vec::new();
    if let Some(tracking) = order.tracking() {
        items.push(caption("TRACKING"));
        items.push(item(
            "order.tracking",
            tracking.as_str(),
            // A tracking number is read digit by digit: it shrinks all the way to the
            // smallest size before it wraps.
            Style::new(Weight::Bold, 11.0, MIN_SIZE),
            0.0,
        ));
    }
    let gap = if items.is_empty() { 0.0 } else { 4.0 };
    if let Some(carrier) = order.carrier() {
        items.push(item(
            "order.carrier",
            carrier,
            Style::new(Weight::Bold, 10.0, 8.0),
            gap,
        ));
    }
    if let Some(service) = order.service() {
        // Directly under the carrier, or a gap under the tracking number.
        let gap = if items.is_empty() || order.carrier().is_some() {
            0.0
        } else {
            gap
        };
        items.push(item(
            "order.service",
            service,
            Style::new(Weight::Regular, 9.0, 8.0),
            gap,
        ));
    }
    if let Some(grams) = order.weight_grams() {
        let gap = if items.is_empty() { 0.0 } else { 2.0 };
        items.push(item(
            "order.weight_grams",
            format!("Weight {}", format_weight(grams)),
            Style::new(Weight::Regular, 9.0, 8.0),
            gap,
        ));
    }
    items
}

pub(super) fn lay_out(label: &ValidLabel, options: &Options) -> Result<LabelLayout, LayoutError> {
    let dpi = options.dpi();
    let page = Page::of(options.label_size());
    let inner_w = page.inner_w();
    let order_zone_h =
        ORDER_ZONE_H + (page.h - LabelSize::In4x6.height().0).max(0.0) * EXTRA_TO_BARS;
    let mut elements = Vec::new();

    // Fixed zones from the bottom up.
    let info_top = page.h - MARGIN - INFO_ZONE_H;
    let rule3 = info_top - RULE;
    let order_top = rule3 - GAP - order_zone_h;
    let rule2 = order_top - GAP - RULE;

    // Sender, from the top.
    let sender = fit_block(
        &party_items(label.seller(), "seller", &SENDER),
        inner_w,
        SENDER_MAX_H,
    )
    .map_err(fit_error)?;
    let sender_bottom = place(&mut elements, sender, MARGIN, MARGIN, inner_w, false);
    let rule1 = sender_bottom + 3.0;
    rule(&mut elements, page, rule1);

    // Recipient: everything between the first two rules.
    let recipient_top = rule1 + RULE + GAP;
    let recipient_room = rule2 - GAP - recipient_top;
    let recipient = fit_block(
        &party_items(label.recipient(), "recipient", &RECIPIENT),
        inner_w,
        recipient_room,
    )
    .map_err(fit_error)?;
    place(
        &mut elements,
        recipient,
        MARGIN,
        recipient_top,
        inner_w,
        false,
    );
    rule(&mut elements, page, rule2);

    // Order number: caption, bars, human-readable text.
    let caption_bottom = place(
        &mut elements,
        fit_block(&[caption("ORDER")], inner_w, order_zone_h).map_err(fit_error)?,
        MARGIN,
        order_top,
        inner_w,
        false,
    );
    let hri = fit_block(
        &[item(
            "order.number",
            label.order().number().as_str(),
            Style::new(Weight::Bold, HRI_SIZE, MIN_SIZE),
            0.0,
        )],
        inner_w,
        order_zone_h,
    )
    .map_err(fit_error)?;
    let hri_height: f32 = hri.iter().map(Fitted::height).sum();
    let bars_top = caption_bottom + 2.0;
    let bar_height = order_top + order_zone_h - hri_height - 2.0 - bars_top;
    let bars_bottom = order_barcode(&mut elements, label, page, dpi, bars_top, bar_height)?;
    place(&mut elements, hri, MARGIN, bars_bottom + 2.0, inner_w, true);
    rule(&mut elements, page, rule3);

    // QR, shipment details, and the destination country code in a box for sorting.
    let qr_right = order_qr(&mut elements, label, dpi, info_top + RULE)?;
    let box_x = page.w - MARGIN - COUNTRY_BOX_W;
    country_box(&mut elements, label, box_x, info_top + GAP)?;
    let info_x = qr_right + 4.0;
    let info_w = box_x - 6.0 - info_x;
    let info = fit_block(&info_items(label), info_w, INFO_ZONE_H - GAP).map_err(fit_error)?;
    place(&mut elements, info, info_x, info_top + GAP, info_w, false);

    Ok(LabelLayout {
        width: Pt(page.w),
        height: Pt(page.h),
        dpi,
        elements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dpi, Label};

    fn lay(label: &Label, dpi: Dpi) -> Result<LabelLayout, LayoutError> {
        lay_out(
            &label.validate().unwrap(),
            &Options::default().with_dpi(dpi),
        )
    }

    fn long_label() -> Label {
        let mut label = Label::sample();
        label.recipient.name =
            "Maximiliane Alexandra Theodora von und zu Hohenzollern-Sigmaringen-Wittelsbach".into();
        label.recipient.company = Some(
            "Internationale Handelsgesellschaft für Haushaltswaren und Geschenkartikel mbH".into(),
        );
        label.recipient.address.lines = vec![
            "Hinterhaus, 3. Obergeschoss, Wohnung 12, bei Familie Oberbergmannsdorfer".into(),
            "Kurfürstendammstraße 1234a".into(),
        ];
        label
    }

    fn vietnamese_capitals() -> Label {
        let mut label = Label::sample();
        label.recipient.name = "NGUYỄN THỊ HƯƠNG".into();
        label.recipient.company = Some("CÔNG TY TNHH ĐẶNG QUỐC BẢO".into());
        label.recipient.address = crate::Address {
            lines: vec!["12 NGUYỄN HUỆ".into(), "PHƯỜNG BẾN NGHÉ".into()],
            city: Some("Quận 1".into()),
            region: Some("THÀNH PHỐ HỒ CHÍ MINH".into()),
            postcode: Some("700000".into()),
            country: "VN".into(),
            ..Default::default()
        };
        label
    }

    /// Text boxes: (x0, top, x1, bottom, text), from the shaped advance widths and the
    /// glyph outlines' extents.
    fn text_boxes(layout: &LabelLayout) -> Vec<(f32, f32, f32, f32, String)> {
        layout
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Text {
                    x,
                    baseline,
                    size,
                    line,
                } => Some((
                    x.0,
                    baseline.0 - line.top * size,
                    x.0 + line.width * size,
                    baseline.0 + line.bottom * size,
                    line.text.clone(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn weights_read_naturally() {
        assert_eq!(format_weight(420), "420 g");
        assert_eq!(format_weight(1000), "1 kg");
        assert_eq!(format_weight(1250), "1.25 kg");
        assert_eq!(format_weight(1005), "1.005 kg");
    }

    #[test]
    fn bars_and_modules_sit_on_whole_printer_dots() {
        for dpi in [Dpi::DPI_203, Dpi::DPI_300, Dpi::new(600).unwrap()] {
            let layout = lay(&Label::sample(), dpi).unwrap();
            let on_grid = |v: Pt| {
                let dots = v.0 * dpi.get() as f32 / 72.0;
                (dots - dots.round()).abs() < 1e-2
            };
            let mut seen = 0;
            for e in &layout.elements {
                match e {
                    Element::Code128 {
                        x,
                        y,
                        module,
                        height,
                        modules,
                        ..
                    } => {
                        seen += 1;
                        assert!(
                            on_grid(*x) && on_grid(*y) && on_grid(*height),
                            "{dpi}: {x:?} {y:?} {height:?}"
                        );
                        assert!(module.0 >= MIN_MODULE_DOTS);
                        // The widest module that fits: one dot more would not.
                        let with_quiet = modules.len() as u32 + 20;
                        let usable = dpi.dots_in(Pt(LabelSize::In4x6.width().0 - 2.0 * EDGE)).0;
                        let widest = dpi.dots_in(Pt::from(MAX_MODULE)).0;
                        assert!(module.0 * with_quiet <= usable);
                        assert!(
                            module.0 == widest || (module.0 + 1) * with_quiet > usable,
                            "{dpi}: {module:?}"
                        );
                        // Quiet zones stay on the page, clear of the edge strip.
                        let quiet = Dots(module.0 * 10).to_pt(dpi).0;
                        let right = x.0 + Dots(module.0 * modules.len() as u32).to_pt(dpi).0;
                        assert!(
                            x.0 - quiet >= EDGE - 0.01
                                && right + quiet <= LabelSize::In4x6.width().0 - EDGE + 0.01
                        );
                    }
                    Element::Qr { x, y, module, .. } => {
                        seen += 1;
                        assert!(on_grid(*x) && on_grid(*y), "{dpi}: {x:?} {y:?}");
                        assert!(module.0 >= MIN_MODULE_DOTS);
                    }
                    _ => {}
                }
            }
            assert_eq!(seen, 2);
        }
    }

    #[test]
    fn at_203_dpi_the_sample_gets_4_dot_bars_and_5_dot_qr_modules() {
        let layout = lay(&Label::sample(), Dpi::DPI_203).unwrap();
        let modules: Vec<u32> = layout
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Code128 { module, .. } | Element::Qr { module, .. } => Some(module.0),
                _ => None,
            })
            .collect();
        assert_eq!(modules, [4, 5]);
    }

    #[test]
    fn no_text_overlaps_and_all_of_it_stays_inside_the_margins() {
        let labels = [Label::sample(), long_label(), vietnamese_capitals()];
        for (label, size) in labels
            .iter()
            .flat_map(|l| LabelSize::ALL.map(|size| (l, size)))
        {
            let options = Options::default().with_size(size);
            let layout = lay_out(&label.validate().unwrap(), &options).unwrap();
            let boxes = text_boxes(&layout);
            for (i, a) in boxes.iter().enumerate() {
                assert!(
                    a.0 >= MARGIN - 0.01
                        && a.2 <= size.width().0 - MARGIN + 0.01
                        && a.1 >= MARGIN - 3.0
                        && a.3 <= size.height().0,
                    "{size}: {a:?}"
                );
                for b in &boxes[i + 1..] {
                    let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                    assert!(apart, "{size}: {a:?} overlaps {b:?}");
                }
            }
            // And no text runs into a rule or a barcode.
            for e in &layout.elements {
                let (x0, y0, x1, y1) = match e {
                    Element::Rule {
                        x,
                        y,
                        width,
                        height,
                    } => (x.0, y.0, x.0 + width.0, y.0 + height.0),
                    Element::Code128 {
                        x,
                        y,
                        module,
                        height,
                        modules,
                        ..
                    } => (
                        x.0,
                        y.0,
                        x.0 + Dots(module.0 * modules.len() as u32).to_pt(layout.dpi).0,
                        y.0 + height.0,
                    ),
                    Element::Qr {
                        x,
                        y,
                        module,
                        matrix,
                        ..
                    } => {
                        let side = Dots(module.0 * matrix.width() as u32).to_pt(layout.dpi).0;
                        (x.0, y.0, x.0 + side, y.0 + side)
                    }
                    Element::Text { .. } => continue,
                };
                for b in &boxes {
                    let apart = x1 <= b.0 || b.2 <= x0 || y1 <= b.1 || b.3 <= y0;
                    assert!(apart, "{size}: {b:?} overlaps {e:?}");
                }
            }
        }
    }

    #[test]
    fn long_text_is_wrapped_not_cut() {
        let layout = lay(&long_label(), Dpi::DPI_203).unwrap();
        let printed: String = text_boxes(&layout)
            .into_iter()
            .map(|b| b.4)
            .collect::<Vec<_>>()
            .join(" ");
        for word in [
            "Maximiliane",
            "Hohenzollern-",
            "Sigmaringen-Wittelsbach",
            "Geschenkartikel",
            "Oberbergmannsdorfer",
            "1234a",
        ] {
            assert!(printed.contains(word), "{word} missing from {printed}");
        }
    }

    #[test]
    fn too_much_text_is_refused_with_the_field() {
        let mut label = long_label();
        label.recipient.address.lines = vec![
                "Hinterhaus, 3. Obergeschoss, Wohnung 12, bei Familie Oberbergmannsdorfer "
                    .repeat(2);
                6
            ];
        let err = lay(&label, Dpi::DPI_203).unwrap_err();
        assert_eq!(err.field(), Some("recipient.address.lines"));
        assert_eq!(
            err.to_string(),
            "recipient.address.lines: too long to fit its zone of the label, even at 7 pt and wrapped"
        );
    }

    #[test]
    fn an_order_number_too_wide_for_code_128_is_refused() {
        let mut label = Label::sample();
        label.order.number = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUV".into();
        assert_eq!(
            lay(&label, Dpi::DPI_203).unwrap_err().to_string(),
            "order.number: its Code 128 needs 563 modules (the bars, within the margins), 140.9 mm \
             at the narrowest 2-dot module, but the label has 94.5 mm for them; use a shorter order \
             number (runs of digits encode at two per symbol)"
        );
        // 31 letters: start + 31 + check = 33 symbols of 11 modules, + 13 for the stop = 376
        // modules, 752 dots at 2 dots each: within the 755 dots between the margins, but not
        // with the quiet zones (396 modules, 792 dots > 789 dots across the page).
        label.order.number = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE".into();
        assert_eq!(
            lay(&label, Dpi::DPI_203).unwrap_err().to_string(),
            "order.number: its Code 128 needs 396 modules (with 10-module quiet zones), 99.1 mm at \
             the narrowest 2-dot module, but the label has 98.7 mm for them; use a shorter order \
             number (runs of digits encode at two per symbol)"
        );
        // 48 digits fit: set C packs two per symbol.
        label.order.number = "1".repeat(48);
        assert!(lay(&label, Dpi::DPI_203).is_ok());
    }

    #[test]
    fn tracking_numbers_shrink_before_they_wrap_and_are_never_cut() {
        let mut label = Label::sample();
        label.order.tracking = Some("9400111202555842332669".into()); // USPS, 22 digits
        let layout = lay(&label, Dpi::DPI_203).unwrap();
        let texts: Vec<String> = text_boxes(&layout).into_iter().map(|b| b.4).collect();
        assert!(
            texts.contains(&"9400111202555842332669".to_owned()),
            "{texts:?}"
        );
        // The longest accepted (40 characters) wraps as a last resort, every digit kept.
        let longest = "1234567890".repeat(4);
        label.order.tracking = Some(longest.clone());
        let layout = lay(&label, Dpi::DPI_203).unwrap();
        let digits: String = text_boxes(&layout)
            .into_iter()
            .map(|b| b.4)
            .filter(|t| t.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(digits, longest);
    }

    #[test]
    fn the_country_code_stays_inside_its_box() {
        let mut label = Label::sample();
        label.recipient.address = crate::Address {
            lines: vec!["Area 3".into()],
            city: Some("Lilongwe".into()),
            country: "MW".into(),
            ..Default::default()
        };
        let layout = lay(&label, Dpi::DPI_203).unwrap();
        let code = text_boxes(&layout)
            .into_iter()
            .find(|b| b.4 == "MW")
            .expect("the code is printed");
        let left = LabelSize::In4x6.width().0 - MARGIN - COUNTRY_BOX_W + RULE;
        assert!(
            code.0 > left && code.2 < LabelSize::In4x6.width().0 - MARGIN - RULE,
            "{code:?}"
        );
    }

    #[test]
    fn every_script_lays_out_and_right_to_left_lines_end_at_the_right_margin() {
        let mut label = Label::sample();
        label.recipient.name = "محمد عبدالله".into();
        label.recipient.address = crate::Address {
            lines: vec!["شارع الملك فهد 12".into()],
            city: Some("Riyadh".into()),
            postcode: Some("12271".into()),
            country: "SA".into(),
            ..Default::default()
        };
        let layout = lay(&label, Dpi::DPI_203).unwrap();
        let boxes = text_boxes(&layout);
        for text in ["محمد عبدالله", "شارع الملك فهد 12"] {
            let found = boxes.iter().find(|b| b.4 == text);
            let (_, _, x1, _, _) = found.unwrap_or_else(|| panic!("{text}: {layout}"));
            assert!(
                (x1 - (LabelSize::In4x6.width().0 - MARGIN)).abs() < 0.01,
                "{text}: {x1}"
            );
        }
        // Latin lines still start at the left margin.
        let found = boxes.iter().find(|b| b.4 == "RIYADH 12271");
        let (x0, ..) = found.unwrap_or_else(|| panic!("{layout}"));
        assert_eq!(*x0, MARGIN);
        let dump = layout.to_string();
        assert!(
            dump.contains("\"محمد عبدالله\" NotoSansArabic-Bold rtl"),
            "{dump}"
        );

        if cfg!(feature = "cjk") {
            label.recipient.name = "山田 太郎".into();
            let dump = lay(&label, Dpi::DPI_203).unwrap().to_string();
            assert!(
                dump.contains("\"山田 太郎\" NotoSansCJKjp-Regular*\n"),
                "{dump}"
            );
        }
    }
}
