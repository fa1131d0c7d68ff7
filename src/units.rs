//! Typed lengths: points for layout and PDF, millimetres for people, printer dots for bars.
//!
//! Layout computes in [`Pt`]; every barcode module and its position is first counted in
//! whole [`Dots`] of the target [`Dpi`] and only then converted, so that a thermal printer
//! prints each bar with the same number of dots.

use std::fmt;

/// Points per inch: the PDF user-space unit.
const PT_PER_INCH: f32 = 72.0;
/// Millimetres per inch.
const MM_PER_INCH: f32 = 25.4;

/// A length in PDF points (1/72 inch).
///
/// ```
/// use shiplabel::{Mm, Pt};
/// assert_eq!(Pt::from(Mm(25.4)), Pt(72.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Pt(pub f32);

/// A length in millimetres.
///
/// ```
/// use shiplabel::{Mm, Pt};
/// assert!((Mm::from(Pt(72.0)).0 - 25.4).abs() < 1e-4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Mm(pub f32);

/// A whole number of printer dots at some [`Dpi`].
///
/// ```
/// use shiplabel::{Dots, Dpi};
/// let dpi = Dpi::new(203).unwrap();
/// assert_eq!(Dots(203).to_pt(dpi).0, 72.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Dots(pub u32);

/// A printer resolution in dots per inch.
///
/// Thermal label printers print at 203 dpi (8 dots/mm) or 300 dpi (11.8 dots/mm).
///
/// ```
/// use shiplabel::Dpi;
/// assert_eq!(Dpi::default().get(), 203);
/// assert!(Dpi::new(0).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dpi(u32);

impl Dpi {
    /// The lowest resolution accepted: below it one dot (over 0.25 mm) is too coarse for the
    /// barcodes' whole-dot modules.
    pub const MIN: u32 = 100;
    /// The highest resolution accepted.
    pub const MAX: u32 = 1200;
    /// 203 dpi, the common thermal label printer (8 dots per millimetre).
    pub const DPI_203: Dpi = Dpi(203);
    /// 300 dpi (11.8 dots per millimetre).
    pub const DPI_300: Dpi = Dpi(300);

    /// A resolution from `MIN` to `MAX` dots per inch, or `None` outside that range.
    ///
    /// ```
    /// use shiplabel::Dpi;
    /// assert_eq!(Dpi::new(300), Some(Dpi::DPI_300));
    /// assert_eq!(Dpi::new(5000), None);
    /// ```
    pub fn new(dpi: u32) -> Option<Dpi> {
        (Self::MIN..=Self::MAX).contains(&dpi).then_some(Dpi(dpi))
    }

    /// The number of dots per inch.
    ///
    /// ```
    /// assert_eq!(shiplabel::Dpi::DPI_300.get(), 300);
    /// ```
    pub fn get(self) -> u32 {
        self.0
    }

    /// The size of one dot in points.
    ///
    /// ```
    /// use shiplabel::Dpi;
    /// assert_eq!(Dpi::new(144).unwrap().dot().0, 0.5);
    /// ```
    pub fn dot(self) -> Pt {
        Pt(PT_PER_INCH / self.0 as f32)
    }

    /// The whole number of dots that fits in `len` (rounded down).
    ///
    /// ```
    /// use shiplabel::{Dots, Dpi, Pt};
    /// assert_eq!(Dpi::DPI_203.dots_in(Pt(288.0)), Dots(812));
    /// ```
    pub fn dots_in(self, len: Pt) -> Dots {
        // Lengths on a label are far below u32::MAX dots; the small epsilon keeps 812.0
        // from becoming 811 through float rounding.
        let dots = (len.0 * self.0 as f32 / PT_PER_INCH + 1e-3).floor();
        Dots(if dots > 0.0 { dots as u32 } else { 0 })
    }

    /// The fewest whole dots that cover `len` (rounded up): a minimum size in dots.
    ///
    /// ```
    /// use shiplabel::{Dots, Dpi, Mm, Pt};
    /// // 0.33 mm is 2.64 dots at 203 dpi: a bar at least that wide takes 3 dots.
    /// assert_eq!(Dpi::DPI_203.dots_covering(Pt::from(Mm(0.33))), Dots(3));
    /// assert_eq!(Dpi::DPI_203.dots_covering(Pt(72.0)), Dots(203));
    /// ```
    pub fn dots_covering(self, len: Pt) -> Dots {
        // The epsilon keeps a length of exactly n dots from becoming n + 1.
        let dots = (len.0 * self.0 as f32 / PT_PER_INCH - 1e-3).ceil();
        Dots(if dots > 0.0 { dots as u32 } else { 0 })
    }

    /// The position of the dot grid line at or before `len`.
    ///
    /// ```
    /// use shiplabel::{Dpi, Pt};
    /// let dpi = Dpi::new(144).unwrap();
    /// assert_eq!(dpi.snap(Pt(10.3)), Pt(10.0));
    /// ```
    pub fn snap(self, len: Pt) -> Pt {
        self.dots_in(len).to_pt(self)
    }
}

/// Not a printer resolution from [`Dpi::MIN`] to [`Dpi::MAX`].
///
/// ```
/// let err = "72000".parse::<shiplabel::Dpi>().unwrap_err();
/// assert_eq!(err.to_string(), "\"72000\" is not a printer resolution from 100 to 1200 dpi");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a printer resolution from {min} to {max} dpi", min = Dpi::MIN, max = Dpi::MAX)]
pub struct InvalidDpi(String);

impl std::str::FromStr for Dpi {
    type Err = InvalidDpi;

    /// `203`, `300`, or with the unit: `300dpi`, `300 dpi`.
    ///
    /// ```
    /// assert_eq!("300".parse(), Ok(shiplabel::Dpi::DPI_300));
    /// assert_eq!("203 dpi".parse(), Ok(shiplabel::Dpi::DPI_203));
    /// ```
    fn from_str(s: &str) -> Result<Dpi, InvalidDpi> {
        let number = s.trim();
        let number = number
            .strip_suffix("dpi")
            .or_else(|| number.strip_suffix("DPI"))
            .unwrap_or(number)
            .trim();
        number
            .parse::<u32>()
            .ok()
            .and_then(Dpi::new)
            .ok_or_else(|| InvalidDpi(s.to_owned()))
    }
}

impl Default for Dpi {
    fn default() -> Self {
        Dpi::DPI_203
    }
}

impl fmt::Display for Dpi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} dpi", self.0)
    }
}

impl Dots {
    /// This many dots as a length at `dpi`.
    ///
    /// ```
    /// use shiplabel::{Dots, Dpi};
    /// assert_eq!(Dots(406).to_pt(Dpi::DPI_203).0, 144.0);
    /// ```
    pub fn to_pt(self, dpi: Dpi) -> Pt {
        Pt(self.0 as f32 * PT_PER_INCH / dpi.0 as f32)
    }
}

impl Pt {
    /// This length in dots at `dpi`, as a fraction where it is not whole.
    ///
    /// ```
    /// use shiplabel::{Dpi, Pt};
    /// assert_eq!(Pt(36.0).in_dots(Dpi::DPI_300), 150.0);
    /// ```
    pub fn in_dots(self, dpi: Dpi) -> f32 {
        self.0 * dpi.0 as f32 / PT_PER_INCH
    }
}

impl From<Mm> for Pt {
    fn from(mm: Mm) -> Pt {
        Pt(mm.0 * PT_PER_INCH / MM_PER_INCH)
    }
}

impl From<Pt> for Mm {
    fn from(pt: Pt) -> Mm {
        Mm(pt.0 * MM_PER_INCH / PT_PER_INCH)
    }
}

impl std::ops::Add for Pt {
    type Output = Pt;
    fn add(self, rhs: Pt) -> Pt {
        Pt(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Pt {
    type Output = Pt;
    fn sub(self, rhs: Pt) -> Pt {
        Pt(self.0 - rhs.0)
    }
}

impl std::ops::Mul<f32> for Pt {
    type Output = Pt;
    fn mul(self, rhs: f32) -> Pt {
        Pt(self.0 * rhs)
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl fmt::Display for Mm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2} mm", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_4x6_label_is_a_whole_number_of_dots_at_203_dpi() {
        let dpi = Dpi::DPI_203;
        assert_eq!(dpi.dots_in(Pt(288.0)), Dots(812));
        assert_eq!(dpi.dots_in(Pt(432.0)), Dots(1218));
    }

    #[test]
    fn mm_and_points_convert_both_ways() {
        let pt = Pt::from(Mm(101.6));
        assert!((pt.0 - 288.0).abs() < 1e-3, "{pt:?}");
        let mm = Mm::from(Pt(432.0));
        assert!((mm.0 - 152.4).abs() < 1e-3, "{mm:?}");
    }

    #[test]
    fn dpi_range_is_enforced() {
        assert!(Dpi::new(99).is_none());
        assert!(Dpi::new(100).is_some());
        assert!(Dpi::new(1200).is_some());
        assert!(Dpi::new(1201).is_none());
    }

    #[test]
    fn snapping_lands_on_the_dot_grid() {
        let dpi = Dpi::DPI_203;
        let snapped = dpi.snap(Pt(100.0));
        let dots = snapped.0 * 203.0 / 72.0;
        assert!((dots - dots.round()).abs() < 1e-3, "{dots}");
        assert!(snapped.0 <= 100.0 && snapped.0 > 100.0 - dpi.dot().0);
    }
}
