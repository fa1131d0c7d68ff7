//! The CN23 customs declaration on A4 or Letter pages, laid out as the UPU form: title and
//! form number with the tracking number's bars, sender and addressee, the references, the
//! items (description, quantity, net weight, value, HS tariff number, origin), the totals
//! and postal charges, the category, the licence, certificate and invoice, the tax ids, the
//! instruction in case of non-delivery, and the certification with date and signature.
//!
//! Items take as many pages as they need: each page after the first starts with a line that
//! names the form, the order and the page, then the table's header again; the totals and the
//! rest follow the last item, on a page of their own when they do not fit under it.

use crate::layout::form::{CERTIFICATION, FormPage, HAIRLINE, Text, kilograms};
use crate::layout::{Align, LabelLayout, LayoutError};
use crate::options::Options;
use crate::units::Mm;
use crate::validate::{Contents, NonDelivery, ValidCustoms, ValidLabel, ValidParty};

/// White border around the content.
const MARGIN: f32 = 36.0;
/// Space between sections.
const GAP: f32 = 8.0;
/// Padding inside a box.
const PAD: f32 = 3.0;
/// Thickness of the rule under the title.
const RULE: f32 = 1.5;
/// Tick boxes' side.
const TICK: f32 = 8.0;
/// Text in boxes and the table.
const BODY: f32 = 9.0;
/// Box captions.
const CAPTION: f32 = 7.0;
/// The tracking number's bars.
const BAR_HEIGHT: Mm = Mm(10.0);

/// Column widths of the items table, as fractions of the content's width; the description
/// takes the rest.
const COLUMNS: [(&str, f32, Align); 6] = [
    ("Detailed description of contents", 0.0, Align::Left),
    ("Quantity", 0.09, Align::Right),
    ("Net weight (kg)", 0.11, Align::Right),
    ("Value", 0.13, Align::Right),
    ("HS tariff number", 0.14, Align::Left),
    ("Country of origin", 0.11, Align::Centre),
];

/// The CN23 pages of `label`'s declaration.
pub(super) fn lay_out(
    label: &ValidLabel,
    customs: &ValidCustoms,
    options: &Options,
) -> Result<Vec<LabelLayout>, LayoutError> {
    let (w, h) = options.customs_paper().size();
    let (w, h) = (w.0, h.0);
    let inner = w - 2.0 * MARGIN;
    let dpi = options.dpi();
    let currency = customs.total_value().currency().code();
    let table = Table::new(inner, currency);
    let rows: Vec<Vec<Text>> = customs
        .items()
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let field = |f: &str| format!("customs.items[{i}].{f}");
            vec![
                // Wrapped rather than shrunk below the row's other cells.
                Text {
                    min_size: BODY - 1.0,
                    ..Text::new(field("description"), item.description(), BODY)
                },
                Text::new(field("quantity"), item.quantity().to_string(), BODY),
                Text::new(
                    field("weight_grams"),
                    kilograms(u64::from(item.weight_grams())),
                    BODY,
                ),
                Text::new(field("value"), item.value().amount(), BODY),
                Text::new(field("hs_code"), item.hs_code(), BODY),
                Text::new(field("origin_country"), item.origin().as_str(), BODY),
            ]
        })
        .collect();
    let row_heights: Vec<f32> = rows
        .iter()
        .map(|r| table.row_height(r, h))
        .collect::<Result<_, _>>()?;
    let head_h = table.row_height(&table.header(), h)?;

    // What goes above the table on the first page, and after it on the last; measured on
    // a scratch page.
    let mut scratch = FormPage::new(w, h, dpi);
    let first_top = first_page_top(&mut scratch, label, customs, inner)?;
    let tail_h = tail(&mut scratch, label, customs, inner, 0.0)?;
    let continued_top = continued(&mut scratch, label, 2, 2)?;
    let bottom = h - MARGIN;

    // Items onto pages: as many rows as fit under the table's header.
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    let mut y = first_top + head_h;
    for (i, rh) in row_heights.iter().enumerate() {
        // A row that does not fit goes to the next page; a continued page takes any row
        // (rows are at most half a page tall).
        let fresh = pages.len() > 1 && pages.last().is_some_and(Vec::is_empty);
        if y + rh > bottom && !fresh {
            pages.push(Vec::new());
            y = continued_top + head_h;
        }
        if let Some(page) = pages.last_mut() {
            page.push(i);
        }
        y += rh;
    }
    // The totals and the rest under the last row, or on a page of their own.
    let tail_alone = y + GAP + tail_h > bottom;
    let count = pages.len() + usize::from(tail_alone);

    let mut out = Vec::with_capacity(count);
    for (n, rows_here) in pages.iter().enumerate() {
        let mut page = FormPage::new(w, h, dpi);
        let mut y = if n == 0 {
            first_page_top(&mut page, label, customs, inner)?
        } else {
            continued(&mut page, label, n + 1, count)?
        };
        let table_top = y;
        table.row(&mut page, &table.header(), y, head_h)?;
        y += head_h;
        page.rule(MARGIN, y - HAIRLINE / 2.0, inner, HAIRLINE);
        for &i in rows_here {
            let rh = row_heights.get(i).copied().unwrap_or(0.0);
            if let Some(row) = rows.get(i) {
                table.row(&mut page, row, y, rh)?;
            }
            y += rh;
        }
        table.sides(&mut page, table_top, y);
        let last = n + 1 == pages.len();
        if last && !tail_alone {
            tail(&mut page, label, customs, inner, y + GAP)?;
        }
        if count > 1 {
            page_number(&mut page, n + 1, count)?;
        }
        out.push(page.finish());
    }
    if tail_alone {
        let mut page = FormPage::new(w, h, dpi);
        let y = continued(&mut page, label, count, count)?;
        tail(&mut page, label, customs, inner, y)?;
        page_number(&mut page, count, count)?;
        out.push(page.finish());
    }
    Ok(out)
}

/// The first page's title, tracking bars, parties and references; returns where the
/// items table starts.
fn first_page_top(
    page: &mut FormPage,
    label: &ValidLabel,
    customs: &ValidCustoms,
    inner: f32,
) -> Result<f32, LayoutError> {
    let w = page.w;
    let right_w = 190.0;
    page.block(
        &[Text::new("", "CN 23", 30.0).bold().fixed()],
        w - MARGIN - right_w,
        MARGIN - 4.0,
        right_w,
        44.0,
        Align::Right,
    )?;
    let mut y = page.block(
        &[
            Text::new("", "CUSTOMS DECLARATION", 15.0).bold(),
            Text::new("", "DÉCLARATION EN DOUANE", 10.0),
            Text::new(
                "",
                "May be opened officially / Peut être ouvert d'office",
                8.0,
            ),
            Text::new(
                "order.carrier",
                format!(
                    "Designated operator / Opérateur désigné: {}",
                    label.order().carrier().unwrap_or("—")
                ),
                9.0,
            ),
            Text::new(
                "order.number",
                format!("Order {}", label.order().number()),
                9.0,
            )
            .bold(),
        ],
        MARGIN,
        MARGIN,
        inner - right_w - GAP,
        110.0,
        Align::Left,
    )?;
    if let Some(tracking) = label.order().tracking() {
        let top = MARGIN + 40.0;
        let bars_bottom = page.code128(
            "order.tracking",
            tracking.as_str(),
            w - MARGIN - right_w / 2.0,
            top,
            BAR_HEIGHT,
            right_w,
            Mm(0.33),
        )?;
        let below = page.block(
            &[Text::new("order.tracking", tracking.as_str(), 10.0).bold()],
            w - MARGIN - right_w,
            bars_bottom + 1.0,
            right_w,
            20.0,
            Align::Centre,
        )?;
        y = y.max(below);
    }
    page.rule(MARGIN, y + 3.0, inner, RULE);
    y += 3.0 + RULE + GAP;

    // Sender and addressee, side by side, in boxes of one height.
    let half = (inner - GAP) / 2.0;
    let from = party_texts("From / Expéditeur", label.seller(), "seller");
    let to = party_texts("To / Destinataire", label.recipient(), "recipient");
    let text_w = half - 2.0 * PAD;
    let height = FormPage::height_of(&from, text_w, 240.0)?
        .max(FormPage::height_of(&to, text_w, 240.0)?)
        + 2.0 * PAD;
    for (texts, x) in [(from, MARGIN), (to, MARGIN + half + GAP)] {
        page.block(&texts, x + PAD, y + PAD, text_w, 240.0, Align::Left)?;
        page.frame(x, y, half, height);
    }
    y += height + GAP;

    // The references, three boxes in a row.
    let bottom = boxes_row(
        page,
        &[
            (
                "Sender's customs reference",
                customs.exporter_reference(),
                "customs.exporter_reference",
            ),
            (
                "Importer's reference (tax code / VAT No. / importer code)",
                customs.importer_reference(),
                "customs.importer_reference",
            ),
            (
                "Importer's telephone / fax / e-mail",
                customs.importer_contact(),
                "customs.importer_contact",
            ),
        ],
        y,
        inner,
    )?;
    Ok(bottom + GAP)
}

/// A party's box text: its caption, then its address lines (its name first, bold) and
/// phone.
fn party_texts(caption: &str, party: &ValidParty, path: &str) -> Vec<Text> {
    let mut texts = vec![Text::new("", caption, CAPTION).fixed()];
    for (i, line) in party.lines().into_iter().enumerate() {
        let text = Text::new(format!("{path}.address"), line, BODY);
        texts.push(if i == 0 { text.bold() } else { text });
    }
    if let Some(phone) = party.phone() {
        texts.push(Text::new(
            format!("{path}.phone"),
            format!("Tel. {phone}"),
            BODY,
        ));
    }
    texts
}

/// Boxes side by side across the content, each a caption and a value (or nothing), all
/// of one height; returns their bottom.
fn boxes_row(
    page: &mut FormPage,
    boxes: &[(&str, Option<&str>, &str)],
    top: f32,
    inner: f32,
) -> Result<f32, LayoutError> {
    let n = boxes.len().max(1) as f32;
    let width = (inner - (n - 1.0) * GAP) / n;
    let texts: Vec<[Text; 2]> = boxes
        .iter()
        .map(|&(caption, value, field)| {
            [
                Text::new("", caption, CAPTION).fixed(),
                Text::new(field, value.unwrap_or(" "), BODY),
            ]
        })
        .collect();
    let mut height: f32 = 0.0;
    for t in &texts {
        height = height.max(FormPage::height_of(t, width - 2.0 * PAD, 80.0)?);
    }
    let height = height + 2.0 * PAD;
    for (i, t) in texts.iter().enumerate() {
        let x = MARGIN + i as f32 * (width + GAP);
        page.block(t, x + PAD, top + PAD, width - 2.0 * PAD, 80.0, Align::Left)?;
        page.frame(x, top, width, height);
    }
    Ok(top + height)
}

/// A page after the first: the form, the order and the page; returns where the table
/// starts.
fn continued(
    page: &mut FormPage,
    label: &ValidLabel,
    n: usize,
    count: usize,
) -> Result<f32, LayoutError> {
    let inner = page.w - 2.0 * MARGIN;
    let y = page.block(
        &[Text::new(
            "order.number",
            format!(
                "CN 23 (continued / suite) · Order {} · page {n} of {count}",
                label.order().number()
            ),
            10.0,
        )
        .bold()],
        MARGIN,
        MARGIN,
        inner,
        30.0,
        Align::Left,
    )?;
    page.rule(MARGIN, y + 2.0, inner, HAIRLINE);
    Ok(y + 2.0 + HAIRLINE + GAP)
}

/// "page n of count" at the foot of a page.
fn page_number(page: &mut FormPage, n: usize, count: usize) -> Result<(), LayoutError> {
    let inner = page.w - 2.0 * MARGIN;
    let top = page.h - MARGIN + 6.0;
    page.block(
        &[Text::new("", format!("page {n} / {count}"), 8.0).fixed()],
        MARGIN,
        top,
        inner,
        20.0,
        Align::Right,
    )?;
    Ok(())
}

/// The totals and everything after the items, from `top`; returns its height (drawn on
/// `page`).
fn tail(
    page: &mut FormPage,
    label: &ValidLabel,
    customs: &ValidCustoms,
    inner: f32,
    top: f32,
) -> Result<f32, LayoutError> {
    let mut y = top;
    let currency = customs.total_value().currency().code();
    // Totals and charges, four boxes in a row.
    let gross = label
        .order()
        .weight_grams()
        .map_or(customs.total_weight_grams(), u64::from);
    let net = kilograms(customs.total_weight_grams());
    let gross = kilograms(gross);
    let total = format!("{} {currency}", customs.total_value().amount());
    let postage = customs.postage().map(|p| p.to_string());
    let bottom = boxes_row(
        page,
        &[
            ("Total net weight (kg)", Some(net.as_str()), "customs.items"),
            (
                "Total gross weight (kg)",
                Some(gross.as_str()),
                "order.weight_grams",
            ),
            ("Total value", Some(total.as_str()), "customs.items"),
            (
                "Postal charges / Fees",
                postage.as_deref(),
                "customs.postage",
            ),
        ],
        y,
        inner,
    )?;
    y = bottom + GAP;

    // Category of item, three columns of tick boxes.
    y = page.block(
        &[Text::new("", "Category of item / Catégorie de l'envoi", CAPTION).fixed()],
        MARGIN,
        y,
        inner,
        20.0,
        Align::Left,
    )?;
    let col = inner / 3.0;
    for row in 0..2 {
        let mut row_bottom = y + TICK;
        for c in 0..3 {
            let Some(&contents) = Contents::ALL.get(row * 3 + c) else {
                continue;
            };
            let x = MARGIN + c as f32 * col;
            page.tick_box(x, y + 1.0, TICK, customs.contents() == contents)?;
            let end = page.block(
                &[Text::new("", contents.caption(), 8.0).fixed()],
                x + TICK + 4.0,
                y,
                col - TICK - 8.0,
                30.0,
                Align::Left,
            )?;
            row_bottom = row_bottom.max(end);
        }
        y = row_bottom + 3.0;
    }
    if let Some(explanation) = customs.explanation() {
        y = page.block(
            &[Text::new(
                "customs.explanation",
                format!("Explanation / Explication: {explanation}"),
                BODY,
            )],
            MARGIN,
            y,
            inner,
            60.0,
            Align::Left,
        )?;
    }
    y += GAP / 2.0;

    // Licence, certificate, invoice.
    let bottom = boxes_row(
        page,
        &[
            ("Licence No.", customs.licence(), "customs.licence"),
            (
                "Certificate No.",
                customs.certificate(),
                "customs.certificate",
            ),
            ("Invoice No.", customs.invoice(), "customs.invoice"),
        ],
        y,
        inner,
    )?;
    y = bottom + GAP;

    // Tax ids and the instruction in case of non-delivery.
    if !customs.tax_ids().is_empty() {
        let ids: Vec<String> = customs
            .tax_ids()
            .iter()
            .map(|t| format!("{} {}", t.kind().printed_name(), t.id()))
            .collect();
        y = page.block(
            &[Text::new("customs.tax_ids", ids.join("   "), 10.0).bold()],
            MARGIN,
            y,
            inner,
            40.0,
            Align::Left,
        )?;
        y += GAP / 2.0;
    }
    y = page.block(
        &[Text::new(
            "",
            "Instructions in case of non-delivery / Instructions en cas de non-livraison",
            CAPTION,
        )
        .fixed()],
        MARGIN,
        y,
        inner,
        20.0,
        Align::Left,
    )?;
    let half = inner / 2.0;
    let mut row_bottom = y + TICK;
    for (i, (choice, caption)) in [
        (
            NonDelivery::Return,
            "Return to sender / Renvoyer à l'expéditeur",
        ),
        (
            NonDelivery::Abandon,
            "Treat as abandoned / Traiter comme abandonné",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let x = MARGIN + i as f32 * half;
        page.tick_box(x, y + 1.0, TICK, customs.non_delivery() == Some(choice))?;
        let end = page.block(
            &[Text::new("", caption, 8.0).fixed()],
            x + TICK + 4.0,
            y,
            half - TICK - 8.0,
            30.0,
            Align::Left,
        )?;
        row_bottom = row_bottom.max(end);
    }
    y = row_bottom + GAP;

    // The certification, date and signature.
    page.rule(MARGIN, y, inner, HAIRLINE);
    y += GAP / 2.0;
    y = page.block(
        &[
            Text::new("", CERTIFICATION, 8.0).fixed(),
            Text::new(
                "customs.signer",
                format!(
                    "Date and sender's signature: {}   {}",
                    customs.date(),
                    customs.signer()
                ),
                11.0,
            )
            .bold(),
        ],
        MARGIN,
        y,
        inner,
        120.0,
        Align::Left,
    )?;
    Ok(y - top)
}

/// The items table's columns.
struct Table {
    /// Left edge, width and alignment of each column.
    columns: Vec<(f32, f32, Align)>,
    currency: String,
}

impl Table {
    fn new(inner: f32, currency: &str) -> Table {
        let fixed: f32 = COLUMNS.iter().map(|c| c.1).sum();
        let mut x = MARGIN;
        let columns = COLUMNS
            .iter()
            .map(|&(_, share, align)| {
                let width = if share == 0.0 {
                    inner * (1.0 - fixed)
                } else {
                    inner * share
                };
                let column = (x, width, align);
                x += width;
                column
            })
            .collect();
        Table {
            columns,
            currency: currency.to_owned(),
        }
    }

    fn header(&self) -> Vec<Text> {
        COLUMNS
            .iter()
            .map(|&(caption, ..)| {
                let caption = if caption == "Value" {
                    format!("Value ({})", self.currency)
                } else {
                    caption.to_owned()
                };
                Text::new("", caption, CAPTION).fixed()
            })
            .collect()
    }

    fn row_height(&self, cells: &[Text], page_h: f32) -> Result<f32, LayoutError> {
        let mut h: f32 = 0.0;
        for (cell, &(_, width, _)) in cells.iter().zip(&self.columns) {
            let cell = std::slice::from_ref(cell);
            h = h.max(FormPage::height_of(cell, width - 2.0 * PAD, page_h / 2.0)?);
        }
        Ok(h + 2.0 * PAD)
    }

    fn row(
        &self,
        page: &mut FormPage,
        cells: &[Text],
        top: f32,
        h: f32,
    ) -> Result<(), LayoutError> {
        for (cell, &(x, width, align)) in cells.iter().zip(&self.columns) {
            page.block(
                std::slice::from_ref(cell),
                x + PAD,
                top + PAD,
                width - 2.0 * PAD,
                h,
                align,
            )?;
        }
        page.rule(
            MARGIN,
            top + h - HAIRLINE / 2.0,
            self.width(),
            HAIRLINE / 2.0,
        );
        Ok(())
    }

    fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.1).sum()
    }

    /// The outline and the column sides from `top` to `bottom`.
    fn sides(&self, page: &mut FormPage, top: f32, bottom: f32) {
        for &(x, ..) in self.columns.iter().skip(1) {
            page.rule(x, top, HAIRLINE, bottom - top);
        }
        page.frame(MARGIN, top, self.width(), bottom - top);
    }
}
