//! Rendering options.

use crate::units::Dpi;

/// How labels are laid out and rendered.
///
/// The page is a 4 × 6 in thermal label (288 × 432 pt). Every bar and QR module is a whole
/// number of printer dots at [`Options::dpi`].
///
/// ```
/// use shiplabel::{Dpi, Options};
/// let options = Options::default().with_dpi(Dpi::DPI_300);
/// assert_eq!(options.dpi(), Dpi::DPI_300);
/// assert_eq!(Options::default().dpi().get(), 203);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Options {
    dpi: Dpi,
}

impl Options {
    /// The printer resolution the barcodes are drawn for (default 203 dpi).
    ///
    /// ```
    /// assert_eq!(shiplabel::Options::default().dpi(), shiplabel::Dpi::DPI_203);
    /// ```
    pub fn dpi(&self) -> Dpi {
        self.dpi
    }

    /// These options, for a printer of resolution `dpi`.
    ///
    /// ```
    /// let options = shiplabel::Options::default().with_dpi(shiplabel::Dpi::DPI_300);
    /// assert_eq!(options.dpi().get(), 300);
    /// ```
    pub fn with_dpi(mut self, dpi: Dpi) -> Self {
        self.dpi = dpi;
        self
    }
}
