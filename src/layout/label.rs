//! The label template, for every [`LabelSize`]: zones from top to bottom, as a carrier's
//! eye and scanner want them. The order zone is as tall as the size's bars
//! ([`bar_height`]), the shipment zone as tall as its QR code needs at the printer's
//! resolution ([`info_zone_h`]), the sender as tall as its text; the recipient takes what is
//! left, so a 4 × 8 in label gives the address more room.
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
//! │  ║│║║│║│║║│║║│║│║║│║║│║║│║║   │  order: Code 128 of the order number, centred,
//! │  ║│║║│║│║║│║║│║│║║│║║│║║│║║   │  at least 1 in tall, the number printed below
//! │ ORDER    TT-2026-000123      │  with its caption
//! ├──────────────────────────────┤
//! │ ▣ QR  TRACKING        ┌────┐ │  QR of the order (0.85 mm modules and up), shipment
//! │       number          │ GB │ │  details beside it,
//! │       carrier/service └────┘ │  and the destination country code in a box
//! │       weight                 │
//! └──────────────────────────────┘
//! ```

use std::cell::RefCell;

use crate::address::Field;
use crate::barcode::{CODE128_QUIET_MODULES, QR_QUIET_MODULES, QrLevel, encode_code128, encode_qr};
use crate::last_met::LastMet;
use crate::layout::form::{CAP_HEIGHT, fit_error, place_lines};
use crate::layout::{
    Align, Code128Symbol, Element, LabelLayout, LayoutError, QrSymbol, Rule, TextLine, qr_payload,
};
use crate::options::{LabelSize, Options, QrContent};
use crate::text::{BASELINE, Fitted, Item, MIN_SIZE, Weight, extra_above, fit_block, shape_line};
use crate::units::{Dots, Dpi, Mm, Pt};
use crate::validate::{ValidLabel, ValidParty};

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
/// How close to the label's edge a quiet zone may reach: the label is white to its edge,
/// and labels sit within about half a millimetre of where the printer expects them. (Bars,
/// QR modules and text stay inside the margins.)
const QUIET_EDGE: Mm = Mm(0.5);
/// Thickness of the rules between zones.
const RULE: f32 = 1.5;
/// Space between a rule and the content next to it.
const GAP: f32 = 5.0;
/// The sender block's greatest height.
const SENDER_MAX_H: f32 = 84.0;
/// The narrowest Code 128 module: USPS's minimum for parcel barcodes (3 dots at 203 dpi,
/// 4 at 300). Wider is chosen whenever the order number leaves room.
const MIN_BAR_MODULE: Mm = Mm(0.33);
/// The widest Code 128 module, the top of GS1's range for logistic labels.
const MAX_BAR_MODULE: Mm = Mm(1.016);
/// The narrowest QR module for any payload a label usually carries: it survives blur, dot
/// gain and a phone held at a distance (7 dots at 203 dpi, 11 at 300).
const QR_MODULE: Mm = Mm(0.85);
/// The smallest QR symbol, quiet zone not included: a short payload gets larger modules.
const QR_MIN_SIDE: Mm = Mm(25.0);
/// The QR module of last resort, for payloads too long for the zone at [`QR_MODULE`] even at
/// level M (an order number, a tracking number and a postcode all near their maximum
/// lengths): smaller, never below this.
const QR_FLOOR: Mm = Mm(0.5);
/// The widest QR symbol the bottom zone holds at [`QR_MODULE`]: version 5, 37 modules (up
/// to 60 bytes at level Q, 84 at level M; the sample's payload is 51).
const QR_ZONE_MODULES: u32 = 37;
/// Space between the bars and the human-readable line under them.
const HRI_GAP: f32 = 2.0;
/// Caption size ("FROM", "SHIP TO", "ORDER", "TRACKING").
const CAPTION: f32 = 7.0;
/// The destination country box, bottom right.
const COUNTRY_BOX_W: f32 = 56.0;
const COUNTRY_BOX_H: f32 = 42.0;
/// The country code's size, unless the two letters (MW, say) need it smaller to fit.
const COUNTRY_CODE_SIZE: f32 = 27.0;
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
    let align = if centre { Align::Centre } else { Align::Left };
    place_lines(elements, fitted, x, top, width, align)
}

/// How many sellers' blocks each thread keeps placed ([`place_sender`]).
const SENDERS_KEPT: usize = 8;

/// A sender block placed on a page of one size: its lines and its bottom.
struct SenderBlock {
    size: LabelSize,
    seller: ValidParty,
    elements: Vec<Element>,
    bottom: f32,
}

/// Places the sender block at the top of a `size` label; returns its bottom.
///
/// The block depends on the seller and the page's size alone, and a batch prints its few
/// sellers on every label: each thread keeps the blocks it placed last (the lines are
/// shared, so a block kept costs a list of elements), and a seller seen before is copied,
/// not formatted, fitted and placed again. The block is the same either way.
fn place_sender(
    elements: &mut Vec<Element>,
    seller: &ValidParty,
    size: LabelSize,
) -> Result<f32, LayoutError> {
    thread_local! {
        static KEPT: RefCell<LastMet<SenderBlock>> =
            const { RefCell::new(LastMet::new(SENDERS_KEPT)) };
    }
    let found = KEPT.with_borrow_mut(|kept| {
        let block = kept.find(|b| b.size == size && b.seller == *seller)?;
        elements.extend(block.elements.iter().cloned());
        Some(block.bottom)
    });
    if let Some(bottom) = found {
        return Ok(bottom);
    }
    let inner_w = Page::of(size).inner_w();
    let fitted = fit_block(
        &party_items(seller, "seller", &SENDER),
        inner_w,
        SENDER_MAX_H,
    )
    .map_err(fit_error)?;
    let start = elements.len();
    let bottom = place(elements, fitted, MARGIN, MARGIN, inner_w, false);
    let block = SenderBlock {
        size,
        seller: seller.clone(),
        elements: elements.get(start..).unwrap_or_default().to_vec(),
        bottom,
    };
    KEPT.with_borrow_mut(|kept| kept.push(block));
    Ok(bottom)
}

/// A rule across the content at `y`.
fn rule(elements: &mut Vec<Element>, page: Page, y: f32) {
    elements.push(Element::Rule(Rule {
        x: Pt(MARGIN),
        y: Pt(y),
        width: Pt(page.inner_w()),
        height: Pt(RULE),
    }));
}

/// The height of the bars on a label of `size`: at least 1 in (25.4 mm, what carriers ask
/// for), more where the label is taller: tall bars read at steeper angles and from further
/// away.
fn bar_height(size: LabelSize) -> Mm {
    match size {
        LabelSize::In4x8 => Mm(32.0),
        LabelSize::In4x6 | LabelSize::Mm100x150 => Mm(26.0),
        LabelSize::A6 => Mm(25.5),
    }
}

/// The Code 128 module, in dots, for a symbol of `bars` modules (start to stop) on `page`:
/// the widest whole number of dots that keeps the bars inside the margins and the bars with
/// their 10-module quiet zones on the label, at most [`MAX_BAR_MODULE`].
///
/// `Err` holds the most modules (start to stop) that fit at the narrowest module allowed,
/// [`MIN_BAR_MODULE`], when this symbol does not.
fn bar_module(bars: u32, page: Page, dpi: Dpi) -> Result<Dots, u32> {
    let quiet = 2 * CODE128_QUIET_MODULES as u32;
    let edge = dpi.dots_covering(Pt::from(QUIET_EDGE)).0;
    let usable = dpi.dots_in(Pt(page.w)).0.saturating_sub(2 * edge);
    let inner = dpi.dots_in(Pt(page.inner_w())).0;
    let widest = dpi.dots_in(Pt::from(MAX_BAR_MODULE)).0;
    let narrowest = dpi.dots_covering(Pt::from(MIN_BAR_MODULE)).0.max(1);
    let module = (usable / (bars + quiet))
        .min(inner / bars.max(1))
        .min(widest);
    if module >= narrowest {
        Ok(Dots(module))
    } else {
        Err((usable / narrowest)
            .saturating_sub(quiet)
            .min(inner / narrowest))
    }
}

/// The Code 128 of the order number, centred on the page, `top` its bars' top; returns the
/// bars' bottom.
fn order_barcode(
    elements: &mut Vec<Element>,
    label: &ValidLabel,
    options: &Options,
    page: Page,
    top: f32,
) -> Result<f32, LayoutError> {
    let dpi = options.dpi();
    let number = label.order().number().as_str();
    let code = encode_code128(number).map_err(|e| LayoutError::Barcode {
        field: "order.number".into(),
        message: e.to_string(),
    })?;
    let bars = code.modules().len() as u32;
    let module = bar_module(bars, page, dpi).map_err(|max_modules| {
        let narrowest = dpi.dots_covering(Pt::from(MIN_BAR_MODULE));
        // Start, the data symbols, the check symbol: 11 modules each; the stop: 13.
        let symbols = (max_modules as usize).saturating_sub(35) / 11;
        LayoutError::BarcodeTooWide {
            modules: bars as usize,
            max_modules: max_modules as usize,
            size: options.label_size().name(),
            module_dots: narrowest.0,
            module_mm: format!("{:.2}", Mm::from(narrowest.to_pt(dpi)).0),
            dpi: dpi.to_string(),
            max_chars: symbols,
            max_digits: 2 * symbols,
        }
    })?;
    let across = dpi.dots_in(Pt(page.w)).0;
    let left = (across - bars * module.0) / 2;
    let y = dpi.dots_covering(Pt(top));
    let height = dpi.dots_covering(Pt::from(bar_height(options.label_size())));
    elements.push(Element::Code128(Code128Symbol {
        x: Dots(left),
        y,
        module,
        height,
        modules: code.modules().to_vec(),
        codewords: code.codewords().to_vec(),
        text: code.text().to_owned(),
    }));
    Ok(Dots(y.0 + height.0).to_pt(dpi).0)
}

/// The height of the bottom zone (QR and shipment details), from the rule above it to the
/// page's bottom edge: what a [`QR_ZONE_MODULES`]-wide symbol of [`QR_MODULE`] modules needs
/// with its quiet zones at `dpi` (113.5 pt at 203 dpi, 120.5 pt at 300).
fn info_zone_h(page: Page, dpi: Dpi) -> f32 {
    let module = dpi.dots_covering(Pt::from(QR_MODULE)).0;
    let quiet = QR_QUIET_MODULES as u32 * module;
    let top = qr_lowest_end(page, dpi, quiet)
        .saturating_sub(QR_ZONE_MODULES * module + quiet + RULE_CLEARANCE);
    page.h - Dots(top).to_pt(dpi).0
}

/// Dots between the rule over the bottom zone and the QR's quiet zone: a rasterizer that
/// fills every pixel a shape touches prints the rule's edge a dot lower where it falls
/// between dots.
const RULE_CLEARANCE: u32 = 1;

/// The dot row a QR symbol with a quiet zone `quiet` dots wide may end at, at the lowest:
/// the symbol inside the bottom margin, its quiet zone on the label.
fn qr_lowest_end(page: Page, dpi: Dpi, quiet: u32) -> u32 {
    let edge = dpi.dots_covering(Pt::from(QUIET_EDGE)).0;
    dpi.dots_in(Pt(page.h - MARGIN))
        .0
        .min(dpi.dots_in(Pt(page.h)).0.saturating_sub(edge + quiet))
}

/// Where a QR symbol of `width` modules goes in the bottom zone, and how large: the
/// module in dots and the symbol's top-left corner in dots, or `None` when it does not fit
/// at `module` dots or more. The quiet zone lies inside the zone (below its top rule, on
/// the label); the symbol inside the margins, centred in the zone's height.
fn qr_place(width: u32, module: u32, page: Page, dpi: Dpi, top: f32) -> Option<(u32, u32, u32)> {
    let quiet = QR_QUIET_MODULES as u32 * module;
    let side = width * module;
    let first = dpi.dots_covering(Pt(top)).0 + RULE_CLEARANCE + quiet;
    let spare = qr_lowest_end(page, dpi, quiet).checked_sub(first + side)?;
    let edge = dpi.dots_covering(Pt::from(QUIET_EDGE)).0;
    let x = dpi.dots_covering(Pt(MARGIN)).0.max(edge + quiet);
    Some((module, x, first + spare / 2))
}

/// The QR code of `payload` at the left of the bottom zone, `top` the zone's top (under its
/// rule); returns its right edge, quiet zone included.
///
/// The most robust symbol that fits: error correction level Q with modules of at least
/// [`QR_MODULE`] (and a symbol of at least [`QR_MIN_SIDE`]); else level M with such modules;
/// else, as a last resort for an unusually long payload, level M with the widest modules
/// that fit, down to [`QR_FLOOR`].
fn order_qr(
    elements: &mut Vec<Element>,
    payload: String,
    page: Page,
    dpi: Dpi,
    top: f32,
) -> Result<f32, LayoutError> {
    let encode = |level| {
        encode_qr(&payload, level).map_err(|e| LayoutError::Barcode {
            field: "order".into(),
            message: e.to_string(),
        })
    };
    let nominal = dpi.dots_covering(Pt::from(QR_MODULE)).0;
    let min_side = dpi.dots_covering(Pt::from(QR_MIN_SIDE)).0;
    let floor = dpi.dots_covering(Pt::from(QR_FLOOR)).0.max(1);
    // The module for a symbol `width` modules wide: at least the nominal one, and enough
    // for the smallest symbol. Level Q is tried at that module only: any larger fits less.
    let sized = |width: u32| nominal.max(min_side.div_ceil(width.max(1)));
    let at_q = encode(QrLevel::Q).ok().and_then(|q| {
        let width = q.width() as u32;
        qr_place(width, sized(width), page, dpi, top).map(|place| (q, place))
    });
    let (matrix, (module, x, y)) = match at_q {
        Some(placed) => placed,
        None => {
            let m = encode(QrLevel::M)?;
            let width = m.width() as u32;
            let place = (floor..=sized(width))
                .rev()
                .find_map(|module| qr_place(width, module, page, dpi, top))
                .ok_or_else(|| LayoutError::QrTooLarge {
                    modules: m.width() + 2 * QR_QUIET_MODULES,
                    module_mm: format!("{:.2}", Mm::from(Dots(floor).to_pt(dpi)).0),
                    dpi: dpi.to_string(),
                })?;
            (m, place)
        }
    };
    let right = x + (matrix.width() as u32 + QR_QUIET_MODULES as u32) * module;
    elements.push(Element::Qr(QrSymbol {
        x: Dots(x),
        y: Dots(y),
        module: Dots(module),
        matrix,
        payload,
    }));
    Ok(Dots(right).to_pt(dpi).0)
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
        elements.push(Element::Rule(Rule {
            x: Pt(rx),
            y: Pt(ry),
            width: Pt(rw),
            height: Pt(rh),
        }));
    }
    let line =
        shape_line(code, Weight::Bold, false).map_err(|e| LayoutError::Font(e.to_string()))?;
    let size = COUNTRY_CODE_SIZE.min((COUNTRY_BOX_W - 8.0) / line.width.max(1e-3));
    elements.push(Element::Text(TextLine {
        x: Pt(x + (COUNTRY_BOX_W - line.width * size) / 2.0),
        baseline: Pt(top + (height + CAP_HEIGHT * size) / 2.0),
        size,
        line,
        align: Align::Centre,
    }));
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

/// The sizes of the shipment details: beside a QR code, or in its place, larger.
struct ShipmentStyles {
    carrier: Style,
    service: Style,
    tracking: Style,
    weight: Style,
}

const BESIDE_QR: ShipmentStyles = ShipmentStyles {
    carrier: Style::new(Weight::Bold, 15.0, 9.0),
    service: Style::new(Weight::Bold, 11.0, 8.0),
    // A tracking number is read digit by digit: it shrinks all the way to the smallest
    // size before it wraps.
    tracking: Style::new(Weight::Bold, 13.0, MIN_SIZE),
    weight: Style::new(Weight::Regular, 9.0, 8.0),
};

const WITHOUT_QR: ShipmentStyles = ShipmentStyles {
    carrier: Style::new(Weight::Bold, 22.0, 10.0),
    service: Style::new(Weight::Bold, 14.0, 9.0),
    tracking: Style::new(Weight::Bold, 16.0, MIN_SIZE),
    weight: Style::new(Weight::Regular, 11.0, 8.0),
};

/// The shipment details: the carrier and its service, large and bold as a sorter reads
/// them (beside the country box), and the tracking number and weight (under it).
fn shipment_items(label: &ValidLabel, styles: &ShipmentStyles) -> (Vec<Item>, Vec<Item>) {
    let order = label.order();
    let mut carrier = Vec::new();
    if let Some(name) = order.carrier() {
        carrier.push(item("order.carrier", name, styles.carrier, 0.0));
    }
    if let Some(service) = order.service() {
        carrier.push(item("order.service", service, styles.service, 0.0));
    }
    let mut details = Vec::new();
    if let Some(tracking) = order.tracking() {
        details.push(caption("TRACKING"));
        details.push(item(
            "order.tracking",
            tracking.as_str(),
            styles.tracking,
            0.0,
        ));
    }
    if let Some(grams) = order.weight_grams() {
        let gap = if details.is_empty() { 0.0 } else { 2.0 };
        details.push(item(
            "order.weight_grams",
            format!("Weight {}", format_weight(grams)),
            styles.weight,
            gap,
        ));
    }
    (carrier, details)
}

/// What the QR code holds, or `None` for no QR code.
fn qr_content(label: &ValidLabel, options: &Options) -> Result<Option<String>, LayoutError> {
    match options.qr() {
        QrContent::Order => Ok(Some(qr_payload(label))),
        QrContent::None => Ok(None),
        QrContent::TrackingUrl => {
            let order = label.order();
            match (order.tracking(), order.tracking_url()) {
                (_, Some(url)) => Ok(Some(url)),
                (None, None) => Err(LayoutError::NoTrackingUrl {
                    reason: "there is no tracking number".into(),
                }),
                (Some(tracking), None) => Err(LayoutError::NoTrackingUrl {
                    reason: match order.carrier() {
                        Some(carrier) => format!(
                            "no tracking page is known for {carrier}'s number {:?}",
                            tracking.as_str()
                        ),
                        None => format!(
                            "the carrier of {:?} is not known (name it in order.carrier)",
                            tracking.as_str()
                        ),
                    },
                }),
            }
        }
    }
}

/// The shipment details fitted into the zone right of `x` (the QR's right edge, or the
/// margin), from `top`: the carrier block beside the country box, the tracking number and
/// weight under both (or beside the box, when there is no carrier block).
struct Shipment {
    carrier: Vec<Fitted>,
    details: Vec<Fitted>,
    /// Where the details start, below the zone's top.
    details_top: f32,
    /// The details' width.
    details_w: f32,
    /// The height the details take.
    height: f32,
}

/// The bottom zone: a QR code of this payload with the shipment details beside it, or the
/// details alone, already fitted.
enum Zone {
    Qr(String),
    Plain(Shipment),
}

/// Fits the shipment details at `x`, in a zone `room` high.
fn fit_shipment(
    label: &ValidLabel,
    styles: &ShipmentStyles,
    page: Page,
    x: f32,
    room: f32,
) -> Result<Shipment, LayoutError> {
    let (carrier_items, detail_items) = shipment_items(label, styles);
    let box_x = page.w - MARGIN - COUNTRY_BOX_W;
    let beside_w = box_x - 6.0 - x;
    let under_w = page.w - MARGIN - x;
    let room = room - GAP;
    let carrier = fit_block(&carrier_items, beside_w, room).map_err(fit_error)?;
    let carrier_h: f32 = carrier.iter().map(Fitted::height).sum();
    let (details_top, details_w) = if carrier.is_empty() {
        (0.0, beside_w)
    } else {
        (carrier_h.max(COUNTRY_BOX_H) + 4.0, under_w)
    };
    let details =
        fit_block(&detail_items, details_w, (room - details_top).max(0.0)).map_err(fit_error)?;
    let details_h: f32 = details.iter().map(Fitted::height).sum();
    let height = (details_top + details_h).max(carrier_h).max(COUNTRY_BOX_H);
    Ok(Shipment {
        carrier,
        details,
        details_top,
        details_w,
        height,
    })
}

pub(super) fn lay_out(label: &ValidLabel, options: &Options) -> Result<LabelLayout, LayoutError> {
    let dpi = options.dpi();
    let size = options.label_size();
    let page = Page::of(size);
    let inner_w = page.inner_w();
    // Room for a label's elements (the sample's are 31), so none is moved as more come.
    let mut elements = Vec::with_capacity(32);

    // The human-readable order number under the bars, centred, with the "ORDER" caption at
    // the left of its line: it gets the width that keeps it clear of the caption on both
    // sides.
    let order_caption = fit_block(&[caption("ORDER")], inner_w, page.h).map_err(fit_error)?;
    let caption_w = order_caption
        .iter()
        .flat_map(|f| f.lines.iter().map(move |l| l.width * f.size))
        .fold(0.0, f32::max);
    let hri_w = inner_w - 2.0 * (caption_w + GAP);
    let hri = fit_block(
        &[item(
            "order.number",
            label.order().number().as_str(),
            Style::new(Weight::Bold, HRI_SIZE, MIN_SIZE),
            0.0,
        )],
        hri_w,
        page.h,
    )
    .map_err(fit_error)?;
    let hri_height: f32 = hri.iter().map(Fitted::height).sum();

    // Fixed zones from the bottom up: shipment details under the last rule, as tall as the
    // QR code needs (or, without one, as the details need); above it the order zone, the
    // bars' height (whole dots) and the human-readable line.
    let qr_zone_h = info_zone_h(page, dpi);
    let zone = match qr_content(label, options)? {
        Some(payload) => Zone::Qr(payload),
        None => {
            let room = qr_zone_h - GAP - MARGIN;
            Zone::Plain(fit_shipment(label, &WITHOUT_QR, page, MARGIN, room)?)
        }
    };
    let zone_h = match &zone {
        Zone::Qr(_) => qr_zone_h,
        Zone::Plain(s) => (s.height + 2.0 * GAP + MARGIN).min(qr_zone_h),
    };
    let rule3 = page.h - zone_h - RULE;
    let bars_h = dpi.dots_covering(Pt::from(bar_height(size))).to_pt(dpi).0;
    // The bars' top from the bottom up, a dot higher for snapping it down to the grid.
    let bars_top = rule3 - GAP - hri_height - HRI_GAP - bars_h - dpi.dot().0;
    let rule2 = bars_top - GAP - RULE;

    // Sender, from the top.
    let sender_bottom = place_sender(&mut elements, label.seller(), size)?;
    let sender_elements = elements.len();
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

    // Order number: bars, then the caption and the human-readable number on one line.
    let bars_bottom = order_barcode(&mut elements, label, options, page, bars_top)?;
    let hri_top = bars_bottom + HRI_GAP;
    let hri_baseline_top = hri
        .first()
        .and_then(|f| f.lines.first().map(|l| extra_above(l) * f.size))
        .unwrap_or(0.0);
    // The caption shares the number's baseline.
    let caption_size = order_caption.first().map_or(CAPTION, |f| f.size);
    let number_size = hri.first().map_or(HRI_SIZE, |f| f.size);
    let baseline = hri_top + hri_baseline_top + number_size * BASELINE;
    place(
        &mut elements,
        order_caption,
        MARGIN,
        baseline - caption_size * BASELINE,
        inner_w,
        false,
    );
    place(
        &mut elements,
        hri,
        MARGIN + caption_w + GAP,
        hri_top,
        hri_w,
        true,
    );
    rule(&mut elements, page, rule3);

    // QR (if any), shipment details, and the destination country code in a box for
    // sorting.
    let info_top = rule3 + RULE;
    let (shipment, info_x) = match zone {
        Zone::Qr(payload) => {
            let qr_right = order_qr(&mut elements, payload, page, dpi, info_top)?;
            let x = qr_right + 4.0;
            let room = page.h - MARGIN - info_top - GAP;
            (fit_shipment(label, &BESIDE_QR, page, x, room)?, x)
        }
        Zone::Plain(fitted) => (fitted, MARGIN),
    };
    let box_x = page.w - MARGIN - COUNTRY_BOX_W;
    country_box(&mut elements, label, box_x, info_top + GAP)?;
    let top = info_top + GAP;
    place(
        &mut elements,
        shipment.carrier,
        info_x,
        top,
        box_x - 6.0 - info_x,
        false,
    );
    place(
        &mut elements,
        shipment.details,
        info_x,
        top + shipment.details_top,
        shipment.details_w,
        false,
    );

    Ok(LabelLayout {
        width: Pt(page.w),
        height: Pt(page.h),
        dpi,
        elements,
        sender_elements,
        repeated_sender: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Address, Label};
    use crate::units::Dpi;

    fn lay(label: &Label, dpi: Dpi) -> Result<LabelLayout, LayoutError> {
        lay_out(
            &label.validate().unwrap(),
            &Options::default().with_dpi(dpi),
        )
    }

    #[test]
    fn a_kept_sender_block_is_the_block_placed_afresh() {
        // More sellers than a thread keeps, some with names long enough to be set
        // differently on each size: each layout equals the one a new thread makes, where no
        // block is kept yet.
        let labels: Vec<ValidLabel> = (0..SENDERS_KEPT + 4)
            .map(|i| {
                let mut label = Label::sample();
                label.seller.name = format!("Seller {i} {}", "Handmade Ceramics ".repeat(i / 2));
                if i % 3 == 1 {
                    label.seller.company = Some(format!("Workshop {i}"));
                }
                label.validate().unwrap()
            })
            .collect();
        // Every size for each seller in turn (so a kept block meets the other sizes), then
        // every seller for each size in turn (so blocks are dropped and placed again).
        let mut pairs: Vec<(usize, LabelSize)> = (0..labels.len())
            .flat_map(|i| LabelSize::ALL.map(|size| (i, size)))
            .collect();
        pairs.extend(
            LabelSize::ALL
                .iter()
                .flat_map(|&size| (0..labels.len()).map(move |i| (i, size))),
        );
        let mut blocks: Vec<Vec<Vec<Element>>> = vec![Vec::new(); labels.len()];
        for (i, size) in pairs {
            let options = Options::default().with_size(size);
            let label = &labels[i];
            let here = lay_out(label, &options).unwrap();
            let fresh = std::thread::scope(|s| {
                s.spawn(|| lay_out(label, &options).unwrap())
                    .join()
                    .unwrap()
            });
            assert_eq!(here, fresh, "{size:?}, seller {i}");
            // The block: the lines above the first rule.
            let block = here
                .elements
                .iter()
                .take_while(|e| !matches!(e, Element::Rule(_)))
                .cloned()
                .collect();
            blocks[i].push(block);
        }
        // The test means something: some seller's block is set differently on two sizes.
        assert!(blocks.iter().any(|b| b.iter().any(|other| *other != b[0])));
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
        label.recipient.address = Address {
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
                Element::Text(TextLine {
                    x,
                    baseline,
                    size,
                    line,
                    ..
                }) => Some((
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

    /// The symbols of a layout: the Code 128's (x, y, module, height, modules) and the QR's
    /// (x, y, module, width, level).
    type BarsOf = (Pt, Pt, u32, Pt, usize);
    type QrOf = (Pt, Pt, u32, usize, char);

    fn symbols(layout: &LabelLayout) -> (BarsOf, QrOf) {
        let mut bars = None;
        let mut qr = None;
        for e in &layout.elements {
            match e {
                Element::Code128(Code128Symbol {
                    x,
                    y,
                    module,
                    height,
                    modules,
                    ..
                }) => {
                    let dpi = layout.dpi;
                    bars = Some((
                        x.to_pt(dpi),
                        y.to_pt(dpi),
                        module.0,
                        height.to_pt(dpi),
                        modules.len(),
                    ))
                }
                Element::Qr(QrSymbol {
                    x,
                    y,
                    module,
                    matrix,
                    ..
                }) => {
                    let dpi = layout.dpi;
                    qr = Some((
                        x.to_pt(dpi),
                        y.to_pt(dpi),
                        module.0,
                        matrix.width(),
                        matrix.level().letter(),
                    ))
                }
                _ => {}
            }
        }
        (bars.unwrap(), qr.unwrap())
    }

    fn dots(v: Pt, dpi: Dpi) -> f32 {
        v.0 * dpi.get() as f32 / 72.0
    }

    #[test]
    fn every_size_and_resolution_gets_its_geometry() {
        // (size, dpi): the Code 128 module, the QR module, in dots, for the sample (its
        // symbol is 167 modules).
        let expected = [
            (LabelSize::In4x6, Dpi::DPI_203, 4, 7),
            (LabelSize::In4x6, Dpi::DPI_300, 6, 11),
            (LabelSize::In4x8, Dpi::DPI_203, 4, 7),
            (LabelSize::In4x8, Dpi::DPI_300, 6, 11),
            (LabelSize::Mm100x150, Dpi::DPI_203, 4, 7),
            (LabelSize::Mm100x150, Dpi::DPI_300, 6, 11),
            (LabelSize::A6, Dpi::DPI_203, 4, 7),
            (LabelSize::A6, Dpi::DPI_300, 6, 11),
        ];
        for (size, dpi, bar_module, qr_module) in expected {
            let options = Options::default().with_size(size).with_dpi(dpi);
            let layout = lay_out(&Label::sample().validate().unwrap(), &options).unwrap();
            let what = format!("{size} at {dpi}");
            let ((bx, by, module, height, modules), (qx, qy, qm, width, level)) = symbols(&layout);
            assert_eq!((module, qm, level), (bar_module, qr_module, 'Q'), "{what}");
            // Everything on whole dots.
            for v in [bx, by, height, qx, qy] {
                let d = dots(v, dpi);
                assert!((d - d.round()).abs() < 1e-2, "{what}: {v:?}");
            }
            // Code 128: at least 0.33 mm, at most 1.016 mm, the widest that fits: the bars
            // inside the margins, the quiet zones on the label half a millimetre from its
            // edges; bars at least an inch tall.
            let mm = |dots: u32| Mm::from(Dots(dots).to_pt(dpi)).0;
            assert!(mm(module) >= 0.33 && mm(module) <= 1.016, "{what}");
            let edge = dpi.dots_covering(Pt::from(QUIET_EDGE)).0;
            let across = dpi.dots_in(size.width()).0;
            let inner = dpi.dots_in(Pt(size.width().0 - 2.0 * MARGIN)).0;
            let fits = |m: u32| {
                m * (modules as u32 + 20) + 2 * edge <= across && m * modules as u32 <= inner
            };
            assert!(
                fits(module) && (!fits(module + 1) || mm(module + 1) > 1.016),
                "{what}"
            );
            let left = dots(bx, dpi).round() as u32;
            assert!(left >= edge + 10 * module, "{what}: left quiet zone");
            assert!(
                left + (modules as u32 + 10) * module + edge <= across,
                "{what}: right quiet zone"
            );
            assert!(Mm::from(height).0 >= 25.4, "{what}: {height:?}");
            assert!(
                (Mm::from(height).0 - bar_height(size).0).abs() < 0.2,
                "{what}"
            );
            // QR: modules of at least 0.85 mm, a symbol of at least 25 mm, its 4-module quiet
            // zone below the rule over the zone and on the label.
            assert!(mm(qm) >= 0.85, "{what}");
            assert!(mm(qm * width as u32) >= 25.0, "{what}");
            let quiet = 4.0 * Dots(qm).to_pt(dpi).0;
            let rule3 = size.height().0 - info_zone_h(Page::of(size), dpi) - RULE;
            assert!(
                qy.0 - quiet >= rule3 + RULE - 0.01,
                "{what}: top quiet zone"
            );
            let side = Dots(qm * width as u32).to_pt(dpi).0;
            let edge = Pt::from(QUIET_EDGE).0;
            assert!(
                qx.0 - quiet >= edge - 0.01 && qx.0 >= MARGIN - 0.01,
                "{what}"
            );
            assert!(qy.0 + side <= size.height().0 - MARGIN + 0.01, "{what}");
            assert!(
                qy.0 + side + quiet <= size.height().0 - edge + 0.01,
                "{what}: bottom quiet zone"
            );
        }
    }

    #[test]
    fn marketplace_order_numbers_get_half_millimetre_bars_on_a_4x6() {
        // (order number, its symbol in modules): whatever fits in 178 modules gets 4 dots
        // (0.50 mm) at 203 dpi and 6 (0.51 mm) at 300; longer falls towards 0.33 mm.
        let table = [
            // TikTok Shop, 18 digits: StartC, 9 pairs, check, stop.
            ("578204193364875210", 134, 5, 7),
            // 19 digits: StartB 5 CodeC, 9 pairs, check, stop.
            ("5782041933648752101", 156, 4, 6),
            // Shopify: StartB # CodeC 10 01, check, stop; and the longest, 8 digits.
            ("#1001", 79, 8, 12),
            ("#99999999", 101, 6, 9),
            ("TT-2026-000123", 167, 4, 6),
            // eBay: StartC 12 CodeB - CodeC 34 56 CodeB 7 - CodeC 89 01 CodeB 2, check, stop.
            ("12-34567-89012", 178, 4, 6),
            // Amazon: longer than 178 modules, down towards 0.33 mm.
            ("113-4567890-1234567", 211, 3, 5),
        ];
        for (number, symbol, at_203, at_300) in table {
            let mut label = Label::sample();
            label.order.number = number.into();
            for (dpi, want) in [(Dpi::DPI_203, at_203), (Dpi::DPI_300, at_300)] {
                let layout = lay(&label, dpi).unwrap();
                let ((.., module, _, modules), _) = symbols(&layout);
                assert_eq!((modules, module), (symbol, want), "{number} at {dpi}");
                if modules <= 178 {
                    assert!(Mm::from(Dots(module).to_pt(dpi)).0 >= 0.5, "{number}");
                }
            }
        }
    }

    #[test]
    fn payloads_get_level_q_where_it_fits_then_level_m_then_smaller_modules() {
        let mut label = Label::sample();
        let level_and_module = |label: &Label| {
            let ((..), (_, _, module, width, level)) = symbols(&lay(label, Dpi::DPI_203).unwrap());
            (level, module, width)
        };
        // The sample's 51 bytes: version 5 at level Q, 7-dot modules.
        assert_eq!(level_and_module(&label), ('Q', 7, 37));
        // The longest order number a 4 x 6 Code 128 holds and the longest tracking number
        // still keep 7-dot modules: level M, digits and capitals packed.
        label.order.number = "7".repeat(38);
        label.order.tracking = Some("A".repeat(crate::TrackingNumber::MAX_LEN));
        assert_eq!(level_and_module(&label), ('M', 7, 37));
        // A payload too long for version 5 even at level M (90 bytes of lower-case text,
        // version 6 at level M, 41 modules) gets the widest modules that fit the zone: 6 dots
        // at 203 dpi; one far too long for the 0.5 mm floor is refused.
        let page = Page::of(LabelSize::In4x6);
        let dpi = Dpi::DPI_203;
        let top = page.h - info_zone_h(page, dpi);
        let mut elements = Vec::new();
        order_qr(&mut elements, "x".repeat(90), page, dpi, top).unwrap();
        let qr = elements.iter().find_map(|e| match e {
            Element::Qr(QrSymbol { module, matrix, .. }) => {
                Some((matrix.level(), module.0, matrix.width()))
            }
            _ => None,
        });
        assert_eq!(qr, Some((QrLevel::M, 6, 41)));
        let err = order_qr(&mut elements, "x".repeat(400), page, dpi, top).unwrap_err();
        assert_eq!(
            err.to_string(),
            "order: the QR code (85 modules with its quiet zone) does not fit its zone with \
             0.50 mm modules at 203 dpi; shorten the order or tracking number"
        );
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
                    Element::Rule(Rule {
                        x,
                        y,
                        width,
                        height,
                    }) => (x.0, y.0, x.0 + width.0, y.0 + height.0),
                    Element::Code128(bars) => {
                        // With the 10-module quiet zones on either side.
                        let dpi = layout.dpi;
                        let quiet = Dots(bars.module.0 * 10).to_pt(dpi).0;
                        let (x, y) = (bars.x.to_pt(dpi).0, bars.y.to_pt(dpi).0);
                        (
                            x - quiet,
                            y,
                            x + bars.width().to_pt(dpi).0 + quiet,
                            y + bars.height.to_pt(dpi).0,
                        )
                    }
                    Element::Qr(qr) => {
                        // With the 4-module quiet zone all round.
                        let dpi = layout.dpi;
                        let side = qr.width().to_pt(dpi).0;
                        let quiet = Dots(qr.module.0 * 4).to_pt(dpi).0;
                        let (x, y) = (qr.x.to_pt(dpi).0, qr.y.to_pt(dpi).0);
                        (x - quiet, y - quiet, x + side + quiet, y + side + quiet)
                    }
                    Element::Text(_) => continue,
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
    fn an_order_number_too_wide_for_code_128_is_refused_with_the_longest_that_fits() {
        // On a 4 x 6 in label at 203 dpi, 3-dot modules (0.33 mm and up): 804 dots between
        // the half-millimetre edges hold 268 modules, 248 of them bars with 20 of quiet zone.
        // 19 letters need 11 x (19 + 2) + 13 = 244 modules and fit; 20 need 255.
        let mut label = Label::sample();
        label.order.number = "ABCDEFGHIJKLMNOPQRS".into();
        let layout = lay(&label, Dpi::DPI_203).unwrap();
        assert_eq!(symbols(&layout).0.2, 3);
        label.order.number = "ABCDEFGHIJKLMNOPQRST".into();
        let err = lay(&label, Dpi::DPI_203).unwrap_err();
        assert_eq!(err.field(), Some("order.number"));
        assert_eq!(
            err.to_string(),
            "order.number: its Code 128 is 255 modules wide, but the 4x6 label has room for 248 \
             (with 10-module quiet zones) at the narrowest module, 3 dots (0.38 mm) at 203 dpi; \
             use an order number of at most 19 characters, or 38 digits (runs of digits encode \
             two to a symbol)"
        );
        // 38 digits fit: set C packs two per symbol.
        label.order.number = "1".repeat(38);
        assert!(lay(&label, Dpi::DPI_203).is_ok());
    }

    #[test]
    fn tracking_numbers_shrink_before_they_wrap_and_are_never_cut() {
        let mut label = Label::sample();
        label.order.tracking = Some("9400111202555842332669".into()); // USPS, 22 digits
        label.order.carrier = Some("USPS".into());
        let layout = lay(&label, Dpi::DPI_203).unwrap();
        let texts: Vec<String> = text_boxes(&layout).into_iter().map(|b| b.4).collect();
        assert!(
            texts.contains(&"9400111202555842332669".to_owned()),
            "{texts:?}"
        );
        // The longest accepted (40 characters) wraps as a last resort, every digit kept.
        let longest = "1234567890".repeat(4);
        label.order.tracking = Some(longest.clone());
        label.order.carrier = None;
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
        label.recipient.address = Address {
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
    #[cfg(feature = "arabic")]
    fn every_script_lays_out_and_right_to_left_lines_end_at_the_right_margin() {
        let mut label = Label::sample();
        label.recipient.name = "محمد عبدالله".into();
        label.recipient.address = Address {
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
