//! Text in the printer's resident scalable font, `^A0` (Zebra's font 0, a bold condensed
//! sans): a few dozen bytes a line instead of a graphic field of its dots.
//!
//! The font is the printer's, so its widths are not ours: each line is sized so that its
//! capitals stand as tall as ours, then narrowed (`^A0`'s width parameter) until its width,
//! estimated from the advance widths below with a margin, fits the width our own line
//! takes, so it never runs into a neighbouring zone. The line keeps the point the layout
//! placed (its left edge, centre or right edge) and its baseline (`^FT`).
//!
//! A line is printed in font 0 only when every character is in the font's Windows-1252
//! repertoire (what Zebra printers print in font 0 under `^CI27`/`^CI28`) and it fits no
//! narrower than [`MIN_WIDTH_RATIO`] of its height; any other line stays a graphic field.
//!
//! The advance widths were measured by drawing each character twenty times in a row at
//! `^A0N,100,100` with labelize, whose font 0 is calibrated against Labelary, the reference
//! ZPL renderer (rounded up to whole dots at that size).

use std::fmt::Write as _;

use crate::layout::{Align, TextLine};
use crate::units::Dpi;

/// Our fonts' capital height, in ems (Noto Sans: 714 units of 1,000).
const OUR_CAP_HEIGHT: f32 = 0.714;
/// Font 0's capital height as a share of `^A0`'s height parameter.
const FONT0_CAP_HEIGHT: f32 = 0.75;
/// Room kept for a printer whose font 0 is a little wider than the measured one.
const WIDTH_MARGIN: f32 = 1.05;
/// The narrowest a line may be condensed, as width parameter over height; a line that
/// would need less prints as a graphic field instead.
pub(super) const MIN_WIDTH_RATIO: f32 = 0.6;

/// Advance widths of U+0020 to U+007E at `^A0N,100,100`, in dots.
const ASCII: [u8; 95] = [
    30, 30, 48, 48, 48, 78, 61, 26, 30, 30, 48, 78, 30, 78, 30, 30, //
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 30, 30, 78, 78, 78, 45, //
    78, 56, 56, 54, 59, 50, 50, 59, 61, 28, 45, 56, 48, 76, 61, 58, //
    56, 58, 59, 54, 50, 61, 54, 78, 56, 56, 50, 30, 48, 30, 51, 50, //
    30, 47, 50, 45, 50, 48, 28, 50, 50, 26, 26, 45, 26, 76, 50, 48, //
    50, 50, 34, 43, 28, 50, 45, 67, 45, 45, 39, 50, 50, 50, 61,
];

/// Advance widths of U+00A0 to U+00FF at `^A0N,100,100`, in dots.
const LATIN_1: [u8; 96] = [
    30, 34, 51, 48, 51, 51, 26, 48, 34, 47, 31, 51, 51, 30, 47, 34, //
    48, 51, 31, 31, 34, 59, 56, 34, 34, 31, 31, 51, 76, 76, 76, 51, //
    57, 57, 57, 57, 57, 57, 78, 57, 51, 51, 51, 51, 29, 29, 29, 29, //
    62, 62, 62, 62, 62, 62, 62, 51, 62, 62, 62, 62, 62, 57, 57, 52, //
    47, 51, 51, 51, 47, 51, 73, 45, 48, 48, 51, 51, 29, 29, 29, 29, //
    51, 50, 51, 51, 51, 51, 48, 51, 51, 51, 51, 51, 50, 45, 51, 45,
];

/// The advance width of `c` at `^A0N,100,100`, in dots, when font 0 prints it.
fn advance(c: char) -> Option<u8> {
    let code = u32::from(c);
    match code {
        0x20..=0x7E => ASCII.get((code - 0x20) as usize).copied(),
        0xA0..=0xFF => LATIN_1.get((code - 0xA0) as usize).copied(),
        // The rest of Windows-1252.
        _ => match c {
            'Œ' | '–' | '—' | '…' | '‰' => Some(78),
            'œ' => Some(73),
            '™' => Some(76),
            'Š' | 'Ÿ' => Some(57),
            'Ž' | 'ƒ' | '“' | '”' | '„' | '†' | '‡' => Some(51),
            '€' => Some(48),
            'š' => Some(45),
            '•' => Some(43),
            'ž' => Some(40),
            'ˆ' | '˜' => Some(34),
            '‘' | '’' | '‚' | '‹' | '›' => Some(29),
            _ => None,
        },
    }
}

/// `line` as a font-0 field (`^FT…^A0N,h,w^FH_^FD…^FS`), or `None` when font 0 cannot
/// show it (a character outside its repertoire, right-to-left text) or it would not fit
/// even condensed to [`MIN_WIDTH_RATIO`].
pub(super) fn font0_field(line: &TextLine, dpi: Dpi) -> Option<String> {
    if line.is_rtl() || line.text().trim().is_empty() {
        return None;
    }
    let text = line.text();
    let advances: u32 = text
        .chars()
        .map(|c| advance(c).map(u32::from))
        .sum::<Option<u32>>()?;
    let scale = dpi.get() as f32 / 72.0;
    let height = (line.size().0 * scale * OUR_CAP_HEIGHT / FONT0_CAP_HEIGHT).round();
    let room = line.width().0 * scale;
    if height < 1.0 || advances == 0 {
        return None;
    }
    // Width at `w` = advances × w / 100 (font 0's widths scale with `w`), with the margin.
    let widest = (room * 100.0 / (advances as f32 * WIDTH_MARGIN)).floor();
    let width = widest.min(height);
    if width < height * MIN_WIDTH_RATIO {
        return None;
    }
    let printed = advances as f32 * width / 100.0;
    let left = line.x().0 * scale;
    let x = match line.align() {
        Align::Left => left,
        Align::Centre => left + (room - printed) / 2.0,
        Align::Right => left + room - printed,
    };
    let baseline = line.baseline().0 * scale;
    let mut out = String::with_capacity(text.len() + 40);
    let _ = write!(
        out,
        "^FT{},{}^A0N,{},{}^FH_^FD",
        x.round().max(0.0) as u32,
        baseline.round().max(0.0) as u32,
        height as u32,
        width as u32
    );
    for c in text.chars() {
        match c {
            '^' | '~' | '_' => {
                let _ = write!(out, "_{:02X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push_str("^FS");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Element, layout};
    use crate::model::Label;
    use crate::options::Options;

    fn line_of(label: &Label, text: &str) -> TextLine {
        let laid_out = layout(&label.validate().unwrap(), &Options::default()).unwrap();
        laid_out
            .elements()
            .iter()
            .find_map(|e| match e {
                Element::Text(line) if line.text() == text => Some(line.clone()),
                _ => None,
            })
            .unwrap()
    }

    /// The height and width parameters of a field's `^A0N,h,w`.
    fn font0_size(field: &str) -> (u32, u32) {
        let params: Vec<u32> = field
            .split("^A0N,")
            .nth(1)
            .and_then(|rest| rest.split('^').next())
            .unwrap()
            .split(',')
            .map(|n| n.parse().unwrap())
            .collect();
        (params[0], params[1])
    }

    /// The summed advance widths of `text` at `^A0N,100,100`.
    fn advances_of(text: &str) -> u32 {
        text.chars().map(|c| u32::from(advance(c).unwrap())).sum()
    }

    #[test]
    fn repertoire_is_windows_1252() {
        assert_eq!(advance('A'), Some(56));
        assert_eq!(advance('é'), Some(48));
        assert_eq!(advance('€'), Some(48));
        assert_eq!(advance('\u{7F}'), None);
        assert_eq!(advance('Ł'), None);
        assert_eq!(advance('中'), None);
        assert_eq!(advance('ا'), None);
    }

    #[test]
    fn a_line_keeps_its_baseline_and_fits_its_width() {
        let label = Label::sample();
        let name = line_of(&label, "Oliver Smith");
        let field = font0_field(&name, Dpi::DPI_203).unwrap();
        let dots = |pt: f32| (pt * 203.0 / 72.0).round() as u32;
        assert!(
            field.starts_with(&format!(
                "^FT{},{}^A0N,",
                dots(name.x().0),
                dots(name.baseline().0)
            )),
            "{field}"
        );
        let (h, w) = font0_size(&field);
        // Capitals as tall as ours.
        let cap = name.size().0 * 203.0 / 72.0 * OUR_CAP_HEIGHT;
        assert!(
            (h as f32 * FONT0_CAP_HEIGHT - cap).abs() <= 1.0,
            "{h} vs {cap}"
        );
        assert!(advances_of("Oliver Smith") * w / 100 <= (name.width().0 * 203.0 / 72.0) as u32);
        assert!(field.ends_with("^FH_^FDOliver Smith^FS"));
    }

    #[test]
    fn centred_lines_stay_centred() {
        let label = Label::sample();
        let number = line_of(&label, "TT-2026-000123");
        assert_eq!(number.align(), Align::Centre);
        let field = font0_field(&number, Dpi::DPI_203).unwrap();
        let x: f32 = field[3..].split(',').next().unwrap().parse().unwrap();
        let (_, w) = font0_size(&field);
        let printed = advances_of("TT-2026-000123") as f32 * w as f32 / 100.0;
        let centre = (number.x().0 + number.width().0 / 2.0) * 203.0 / 72.0;
        assert!((x + printed / 2.0 - centre).abs() <= 1.0);
    }

    #[test]
    fn escapes_and_refusals() {
        let mut label = Label::sample();
        label.recipient.name = "A^B~C_D".into();
        let field = font0_field(&line_of(&label, "A^B~C_D"), Dpi::DPI_203).unwrap();
        assert!(field.ends_with("^FDA_5EB_7EC_5FD^FS"), "{field}");
        label.recipient.name = "Łucja Kowalska".into();
        assert_eq!(
            font0_field(&line_of(&label, "Łucja Kowalska"), Dpi::DPI_203),
            None
        );
    }
}
