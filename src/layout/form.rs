//! Drawing a form page: text set to fit its box (shrunk, then wrapped, then refused with its
//! field named), ruled boxes, tick boxes and a Code 128, all as layout elements. The customs
//! declarations (CN22, CN23) are drawn with it.

use crate::barcode::{CODE128_QUIET_MODULES, encode_code128};
use crate::layout::{Align, Code128Symbol, Element, LabelLayout, LayoutError, Rule, TextLine};
use crate::text::{
    BASELINE, FitError, Fitted, Item, LEADING, MIN_SIZE, Weight, extra_above, extra_below,
    fit_block, shape_line,
};
use crate::units::{Dots, Dpi, Mm, Pt};

/// Places fitted text from `top` down: each line by `align` in the box from `x`, `width`
/// wide (a line that reads right to left is always placed by its right edge). Returns the
/// bottom of the block.
pub(super) fn place_lines(
    elements: &mut Vec<Element>,
    fitted: Vec<Fitted>,
    x: f32,
    top: f32,
    width: f32,
    align: Align,
) -> f32 {
    let mut y = top;
    for f in fitted {
        y += f.gap_before;
        for line in f.lines {
            y += extra_above(&line) * f.size;
            let line_width = line.width * f.size;
            let room = (width - line_width).max(0.0);
            let align = if line.rtl { Align::Right } else { align };
            let line_x = match align {
                Align::Left => x,
                Align::Centre => x + room / 2.0,
                Align::Right => x + room,
            };
            let below = extra_below(&line) * f.size;
            elements.push(Element::Text(TextLine {
                x: Pt(line_x),
                baseline: Pt(y + f.size * BASELINE),
                size: f.size,
                line,
                align,
            }));
            y += f.size * LEADING + below;
        }
    }
    y
}

/// The layout error for text that could not be set.
pub(super) fn fit_error(err: FitError) -> LayoutError {
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

/// A text to set: its field (for errors), weight, preferred and smallest size.
#[derive(Debug, Clone)]
pub(super) struct Text {
    pub field: String,
    pub text: String,
    pub weight: Weight,
    pub size: f32,
    pub min_size: f32,
}

impl Text {
    /// `text` from `field`, regular, at `size` (shrinking to at most 7 pt).
    pub fn new(field: impl Into<String>, text: impl Into<String>, size: f32) -> Text {
        Text {
            field: field.into(),
            text: text.into(),
            weight: Weight::Regular,
            size,
            min_size: MIN_SIZE.min(size),
        }
    }

    /// The same, in bold.
    pub fn bold(mut self) -> Text {
        self.weight = Weight::Bold;
        self
    }

    /// The same, kept at its size (a caption): it wraps rather than shrinks.
    pub fn fixed(mut self) -> Text {
        self.min_size = self.size;
        self
    }

    fn item(&self) -> Item {
        Item {
            field: self.field.clone(),
            text: self.text.clone(),
            weight: self.weight,
            size: self.size,
            min_size: self.min_size,
            gap_before: 0.0,
            group: None,
        }
    }
}

/// A page being drawn.
#[derive(Debug)]
pub(super) struct FormPage {
    pub w: f32,
    pub h: f32,
    pub dpi: Dpi,
    elements: Vec<Element>,
}

/// Thickness of a box's sides.
pub(super) const HAIRLINE: f32 = 0.75;

impl FormPage {
    pub fn new(w: f32, h: f32, dpi: Dpi) -> FormPage {
        FormPage {
            w,
            h,
            dpi,
            elements: Vec::new(),
        }
    }

    /// A filled rectangle.
    pub fn rule(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.elements.push(Element::Rule(Rule {
            x: Pt(x),
            y: Pt(y),
            width: Pt(w),
            height: Pt(h),
        }));
    }

    /// The outline of a box, its sides `HAIRLINE` thick inside it.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let t = HAIRLINE;
        self.rule(x, y, w, t);
        self.rule(x, y + h - t, w, t);
        self.rule(x, y, t, h);
        self.rule(x + w - t, y, t, h);
    }

    /// `texts` set one after another from `top` down, in the box from `x`, `width` wide and
    /// at most `max_h` tall: each shrinks to its smallest size to stay on one line, then
    /// wraps; if the block is still too tall, all shrink together to 7 pt; then it fails
    /// naming the field that takes the most room. Returns the bottom.
    pub fn block(
        &mut self,
        texts: &[Text],
        x: f32,
        top: f32,
        width: f32,
        max_h: f32,
        align: Align,
    ) -> Result<f32, LayoutError> {
        let items: Vec<Item> = texts.iter().map(Text::item).collect();
        let fitted = fit_block(&items, width, max_h).map_err(fit_error)?;
        Ok(place_lines(
            &mut self.elements,
            fitted,
            x,
            top,
            width,
            align,
        ))
    }

    /// The height `texts` take when set in a box `width` wide (no taller than `max_h`).
    pub fn height_of(texts: &[Text], width: f32, max_h: f32) -> Result<f32, LayoutError> {
        let items: Vec<Item> = texts.iter().map(Text::item).collect();
        let fitted = fit_block(&items, width, max_h).map_err(fit_error)?;
        Ok(fitted.iter().map(Fitted::height).sum())
    }

    /// A tick box `side` wide with its top left at (`x`, `top`), an X in it when `ticked`.
    pub fn tick_box(
        &mut self,
        x: f32,
        top: f32,
        side: f32,
        ticked: bool,
    ) -> Result<(), LayoutError> {
        self.frame(x, top, side, side);
        if ticked {
            let size = side * 0.95;
            let line = shape_line("X", Weight::Bold, false)
                .map_err(|e| LayoutError::Font(e.to_string()))?;
            let width = line.width * size;
            self.elements.push(Element::Text(TextLine {
                x: Pt(x + (side - width) / 2.0),
                baseline: Pt(top + (side + CAP_HEIGHT * size) / 2.0),
                size,
                line,
                align: Align::Centre,
            }));
        }
        Ok(())
    }

    /// A Code 128 of `data` (from `field`) centred on `centre`, its bars' top at `top` and
    /// `height` tall, its module the widest whole number of dots that keeps it and its
    /// quiet zones `max_width` wide, at least `min_module`. Returns the bars' bottom.
    #[allow(clippy::too_many_arguments)]
    pub fn code128(
        &mut self,
        field: &str,
        data: &str,
        centre: f32,
        top: f32,
        height: Mm,
        max_width: f32,
        min_module: Mm,
    ) -> Result<f32, LayoutError> {
        let dpi = self.dpi;
        let code = encode_code128(data).map_err(|e| LayoutError::Barcode {
            field: field.to_owned(),
            message: e.to_string(),
        })?;
        let bars = code.modules().len() as u32;
        let with_quiet = bars + 2 * CODE128_QUIET_MODULES as u32;
        let module = dpi.dots_in(Pt(max_width)).0 / with_quiet.max(1);
        let narrowest = dpi.dots_covering(Pt::from(min_module)).0.max(1);
        if module < narrowest {
            return Err(LayoutError::Barcode {
                field: field.to_owned(),
                message: format!(
                    "{data:?} needs {with_quiet} modules with its quiet zones; the form has room \
                     for {} at {narrowest} dots",
                    dpi.dots_in(Pt(max_width)).0 / narrowest
                ),
            });
        }
        let module = module.min(dpi.dots_in(Pt::from(Mm(0.5))).0.max(narrowest));
        let width = bars * module;
        let left = dpi.dots_in(Pt(centre)).0.saturating_sub(width / 2);
        let y = dpi.dots_covering(Pt(top));
        let h = dpi.dots_covering(Pt::from(height));
        self.elements.push(Element::Code128(Code128Symbol {
            x: Dots(left),
            y,
            module: Dots(module),
            height: h,
            modules: code.modules().to_vec(),
            codewords: code.codewords().to_vec(),
            text: code.text().to_owned(),
        }));
        Ok(Dots(y.0 + h.0).to_pt(dpi).0)
    }

    pub fn finish(self) -> LabelLayout {
        LabelLayout {
            width: Pt(self.w),
            height: Pt(self.h),
            dpi: self.dpi,
            elements: self.elements,
            sender_elements: 0,
            repeated_sender: None,
        }
    }
}

/// The UPU's certification, in English (the form's language alongside French).
pub(super) const CERTIFICATION: &str = "I, the undersigned, whose name and address are given \
    on the item, certify that the particulars given in this declaration are correct and that \
    this item does not contain any dangerous article or articles prohibited by legislation or \
    by postal or customs regulations.";

/// Height of capitals in Noto Sans, as a fraction of the size (714 units of 1000).
pub(super) const CAP_HEIGHT: f32 = 0.714;

/// Weight in grams as kilograms with three decimals, as the UPU forms ask: `0.300`.
pub(super) fn kilograms(grams: u64) -> String {
    format!("{}.{:03}", grams / 1000, grams % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilograms_have_three_decimals() {
        assert_eq!(kilograms(300), "0.300");
        assert_eq!(kilograms(12_050), "12.050");
    }
}
