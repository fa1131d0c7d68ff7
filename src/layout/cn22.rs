//! The CN22 customs declaration, laid out as the UPU form on a label of the label's size:
//! title and form number, the category boxes, the items (quantity and description, weight,
//! value, HS tariff number, origin: boxes 1 to 5), the totals (6, 7), the certification
//! with date and signature (8), and the tracking number as a Code 128.

use crate::layout::form::{CERTIFICATION, FormPage, HAIRLINE, Text, kilograms};
use crate::layout::{Align, LabelLayout, LayoutError};
use crate::options::Options;
use crate::units::{Mm, Pt};
use crate::validate::{Contents, ValidCustoms, ValidLabel};

/// White border around the content.
const MARGIN: f32 = 10.0;
/// Space between a rule and what follows.
const GAP: f32 = 4.0;
/// Thickness of the rules between sections.
const RULE: f32 = 1.5;
/// Padding inside a table cell.
const PAD: f32 = 2.0;
/// The tick boxes' side.
const TICK: f32 = 7.5;
/// The tracking number's bars.
const BAR_HEIGHT: Mm = Mm(12.0);
/// How close to the edge a quiet zone may reach, as on the label.
const QUIET_EDGE: Mm = Mm(0.5);
/// The column widths of the items table, in points, but for the description's (the rest).
const WEIGHT_W: f32 = 36.0;
const VALUE_W: f32 = 42.0;
const HS_W: f32 = 46.0;
const ORIGIN_W: f32 = 40.0;

/// The CN22 of `label`'s declaration, a page of the label's size.
pub(super) fn lay_out(
    label: &ValidLabel,
    customs: &ValidCustoms,
    options: &Options,
) -> Result<LabelLayout, LayoutError> {
    let size = options.label_size();
    let mut page = FormPage::new(size.width().0, size.height().0, options.dpi());
    let (w, h) = (page.w, page.h);
    let inner = w - 2.0 * MARGIN;
    let currency = customs.total_value().currency().code();

    // Title, form number and the operator.
    let number_w = 58.0;
    page.block(
        &[Text::new("", "CN 22", 22.0).bold().fixed()],
        w - MARGIN - number_w,
        MARGIN - 2.0,
        number_w,
        40.0,
        Align::Right,
    )?;
    let mut heading = vec![
        Text::new("", "CUSTOMS DECLARATION", 11.0).bold(),
        Text::new("", "DÉCLARATION EN DOUANE", 8.0),
        Text::new(
            "",
            "May be opened officially / Peut être ouvert d'office",
            7.0,
        ),
    ];
    let operator = label.order().carrier().unwrap_or("—");
    heading.push(Text::new(
        "order.carrier",
        format!("Designated operator / Opérateur désigné: {operator}"),
        7.5,
    ));
    let mut y = page.block(
        &heading,
        MARGIN,
        MARGIN,
        inner - number_w - GAP,
        80.0,
        Align::Left,
    )?;
    let ids: Vec<Text> = customs
        .tax_ids()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Text::new(
                format!("customs.tax_ids[{i}].id"),
                format!("{} {}", t.kind().printed_name(), t.id()),
                9.0,
            )
            .bold()
        })
        .collect();
    // Up to four tax ids (validation's limit), then the order number.
    if !ids.is_empty() {
        y = page.block(&ids, MARGIN, y + 1.0, inner, 50.0, Align::Left)?;
    }
    let order = [Text::new(
        "order.number",
        format!("Order {}", label.order().number()),
        7.5,
    )];
    y = page.block(&order, MARGIN, y + 1.0, inner, 20.0, Align::Left)?;
    page.rule(MARGIN, y + 2.0, inner, RULE);
    y += 2.0 + RULE + GAP;

    // The category boxes, two columns.
    let col = inner / 2.0;
    let mut row_top = y;
    for pair in Contents::ALL.chunks(2) {
        let mut bottom = row_top + TICK;
        for (c, contents) in pair.iter().enumerate() {
            let x = MARGIN + c as f32 * col;
            page.tick_box(x, row_top, TICK, customs.contents() == *contents)?;
            let end = page.block(
                &[Text::new("", contents.caption(), 7.0).fixed()],
                x + TICK + 3.0,
                row_top - 0.5,
                col - TICK - 6.0,
                30.0,
                Align::Left,
            )?;
            bottom = bottom.max(end);
        }
        row_top = bottom + 2.0;
    }
    y = row_top;
    if let Some(explanation) = customs.explanation() {
        y = page.block(
            &[Text::new(
                "customs.explanation",
                format!("Explanation / Explication: {explanation}"),
                7.5,
            )],
            MARGIN,
            y,
            inner,
            40.0,
            Align::Left,
        )?;
    }
    page.rule(MARGIN, y + 1.0, inner, RULE);
    y += 1.0 + RULE;

    // From the bottom up: the tracking number's bars, the signature, the certification.
    let mut bottom = h - MARGIN;
    if let Some(tracking) = label.order().tracking() {
        let hri = [Text::new("order.tracking", tracking.as_str(), 9.0).bold()];
        let hri_h = FormPage::height_of(&hri, inner, 30.0)?;
        let bars_pt = Pt::from(BAR_HEIGHT).0;
        let bars_top = bottom - hri_h - 1.0 - bars_pt - page.dpi.dot().0;
        let bars_bottom = page.code128(
            "order.tracking",
            tracking.as_str(),
            w / 2.0,
            bars_top,
            BAR_HEIGHT,
            w - 2.0 * Pt::from(QUIET_EDGE).0,
            Mm(0.33),
        )?;
        page.block(
            &hri,
            MARGIN,
            bars_bottom + 1.0,
            inner,
            hri_h + 1.0,
            Align::Centre,
        )?;
        bottom = bars_top - GAP;
    }
    let signature = [
        Text::new("", CERTIFICATION, 7.0).fixed(),
        Text::new(
            "customs.signer",
            format!(
                "Date and sender's signature (8): {}   {}",
                customs.date(),
                customs.signer()
            ),
            8.0,
        )
        .bold(),
    ];
    let signature_h = FormPage::height_of(&signature, inner, 120.0)?;
    let signature_top = bottom - signature_h;
    page.block(
        &signature,
        MARGIN,
        signature_top,
        inner,
        signature_h + 1.0,
        Align::Left,
    )?;
    page.rule(MARGIN, signature_top - 3.0, inner, HAIRLINE);

    // The items table between.
    let table_bottom = signature_top - 5.0;
    items_table(&mut page, customs, currency, y + GAP, table_bottom, options)?;
    Ok(page.finish())
}

/// The items table from `top` to at most `bottom`: header, a row per item, totals; the
/// text at 7.5 pt, or all at 7 when that does not fit.
fn items_table(
    page: &mut FormPage,
    customs: &ValidCustoms,
    currency: &str,
    top: f32,
    bottom: f32,
    options: &Options,
) -> Result<(), LayoutError> {
    let inner = page.w - 2.0 * MARGIN;
    let desc_w = inner - WEIGHT_W - VALUE_W - HS_W - ORIGIN_W;
    let columns = [
        (MARGIN, desc_w),
        (MARGIN + desc_w, WEIGHT_W),
        (MARGIN + desc_w + WEIGHT_W, VALUE_W),
        (MARGIN + desc_w + WEIGHT_W + VALUE_W, HS_W),
        (MARGIN + desc_w + WEIGHT_W + VALUE_W + HS_W, ORIGIN_W),
    ];
    let header = [
        "Quantity and detailed description of contents (1)".to_owned(),
        "Weight (kg) (2)".to_owned(),
        format!("Value (3) {currency}"),
        "HS tariff number (4)".to_owned(),
        "Country of origin (5)".to_owned(),
    ];
    let aligns = [
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Centre,
    ];
    let rows: Vec<[Text; 5]> = customs
        .items()
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let field = |f: &str| format!("customs.items[{i}].{f}");
            [
                Text::new(
                    field("description"),
                    format!("{} × {}", item.quantity(), item.description()),
                    7.5,
                ),
                Text::new(
                    field("weight_grams"),
                    kilograms(u64::from(item.weight_grams())),
                    7.5,
                ),
                Text::new(field("value"), item.value().amount(), 7.5),
                Text::new(field("hs_code"), item.hs_code(), 7.5),
                Text::new(field("origin_country"), item.origin().as_str(), 7.5),
            ]
        })
        .collect();
    let totals = [
        Text::new("", "Total (6) (7)", 7.5).bold(),
        Text::new(
            "customs.items",
            kilograms(customs.total_weight_grams()),
            7.5,
        )
        .bold(),
        Text::new("customs.items", customs.total_value().amount(), 7.5).bold(),
    ];
    // Row heights at a text size, or None when a cell cannot be set.
    let heights = |size: f32| -> Result<(f32, Vec<f32>, f32), LayoutError> {
        let cell_h = |cells: &[Text]| -> Result<f32, LayoutError> {
            let mut h: f32 = 0.0;
            for (cell, &(_, width)) in cells.iter().zip(&columns) {
                let mut cell = cell.clone();
                cell.size = cell.size.min(size);
                cell.min_size = cell.min_size.min(size);
                h = h.max(FormPage::height_of(&[cell], width - 2.0 * PAD, 400.0)?);
            }
            Ok(h + 2.0 * PAD)
        };
        let head: Vec<Text> = header
            .iter()
            .map(|t| Text::new("", t.as_str(), 7.0).fixed())
            .collect();
        let rows: Vec<f32> = rows.iter().map(|r| cell_h(r)).collect::<Result<_, _>>()?;
        Ok((cell_h(&head)?, rows, cell_h(&totals)?))
    };
    let room = bottom - top;
    let mut chosen = None;
    for size in [7.5, 7.0] {
        let (head, rows_h, total) = heights(size)?;
        if head + rows_h.iter().sum::<f32>() + total <= room {
            chosen = Some((size, head, rows_h, total));
            break;
        }
        if size == 7.0 {
            let mut used = head + total;
            let fit = rows_h
                .iter()
                .take_while(|h| {
                    used += **h;
                    used <= room
                })
                .count();
            return Err(LayoutError::TooManyCustomsItems {
                items: rows_h.len(),
                fit,
                size: options.label_size().name(),
            });
        }
    }
    let Some((size, head_h, rows_h, total_h)) = chosen else {
        return Ok(());
    };
    let mut y = top;
    let set = |page: &mut FormPage, cells: &[Text], y: f32, h: f32| -> Result<(), LayoutError> {
        for ((cell, &(x, width)), &align) in cells.iter().zip(&columns).zip(&aligns) {
            let mut cell = cell.clone();
            cell.size = cell.size.min(size);
            cell.min_size = cell.min_size.min(size);
            page.block(&[cell], x + PAD, y + PAD, width - 2.0 * PAD, h, align)?;
        }
        Ok(())
    };
    let head: Vec<Text> = header
        .iter()
        .map(|t| Text::new("", t.as_str(), 7.0).fixed())
        .collect();
    set(page, &head, y, head_h)?;
    y += head_h;
    page.rule(MARGIN, y, inner, HAIRLINE);
    for (row, h) in rows.iter().zip(&rows_h) {
        set(page, row, y, *h)?;
        y += h;
    }
    page.rule(MARGIN, y, inner, HAIRLINE);
    set(page, &totals, y, total_h)?;
    y += total_h;
    // The column sides, from the header's top to the totals' bottom.
    for &(x, _) in columns.iter().skip(1) {
        page.rule(x, top, HAIRLINE, y - top);
    }
    page.frame(MARGIN, top, inner, y - top);
    Ok(())
}
