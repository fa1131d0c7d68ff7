//! Options as JSON (or any serde format): what an app keeps in its configuration.
//!
//! ```json
//! {"dpi": 300, "size": "4x6", "qr": "tracking-url", "customs_paper": "letter"}
//! {"sheet": {"layout": "a4", "start": 3, "cut_marks": true}}
//! ```
//!
//! Every field may be left out (the default); unknown fields are refused, and so are a
//! `size` and a `sheet` of labels of another size (a sheet sets its labels' size).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::options::{LabelSize, Options, Paper, QrContent, Sheet, SheetLayout};
use crate::units::Dpi;

/// A type read and written by its name (`"4x6"`, `"a4"`, `"letter"`, `"tracking-url"`).
macro_rules! by_name {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                let name = String::deserialize(deserializer)?;
                name.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

by_name!(LabelSize);
by_name!(SheetLayout);
by_name!(Paper);
by_name!(QrContent);

/// The number of dots per inch: `203`.
impl Serialize for Dpi {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.get())
    }
}

/// A number of dots per inch from 100 to 1200.
impl<'de> Deserialize<'de> for Dpi {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Dpi, D::Error> {
        let dpi = u32::deserialize(deserializer)?;
        Dpi::new(dpi).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{dpi} is not a printer resolution from {} to {} dpi",
                Dpi::MIN,
                Dpi::MAX
            ))
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetWire {
    layout: SheetLayout,
    #[serde(default = "first")]
    start: usize,
    #[serde(default)]
    cut_marks: bool,
}

fn first() -> usize {
    1
}

/// `{"layout": "a4", "start": 1, "cut_marks": false}`.
impl Serialize for Sheet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SheetWire {
            layout: self.layout(),
            start: self.start(),
            cut_marks: self.cut_marks(),
        }
        .serialize(serializer)
    }
}

/// `layout` required; `start` (1 unless given) must be a place on the sheet.
impl<'de> Deserialize<'de> for Sheet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Sheet, D::Error> {
        let wire = SheetWire::deserialize(deserializer)?;
        Sheet::new(wire.layout)
            .starting_at(wire.start)
            .map(|sheet| sheet.with_cut_marks(wire.cut_marks))
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionsWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dpi: Option<Dpi>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    size: Option<LabelSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sheet: Option<Sheet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    threads: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qr: Option<QrContent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    customs_forms: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    customs_paper: Option<Paper>,
}

/// Every setting, as [`Options`]'s methods name them; `threads` only when set.
impl Serialize for Options {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sheet = self.sheet();
        OptionsWire {
            dpi: Some(self.dpi()),
            size: self.size_set(),
            sheet,
            threads: self.threads_set(),
            qr: Some(self.qr()),
            customs_forms: Some(self.customs_forms()),
            customs_paper: Some(self.customs_paper()),
        }
        .serialize(serializer)
    }
}

/// Any of the fields; the others keep their defaults. `size` and `sheet` together are an
/// error: a sheet sets its labels' size.
impl<'de> Deserialize<'de> for Options {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Options, D::Error> {
        let wire = OptionsWire::deserialize(deserializer)?;
        let mut options = Options::default();
        if let Some(dpi) = wire.dpi {
            options = options.with_dpi(dpi);
        }
        if let Some(size) = wire.size {
            options = options.with_size(size);
        }
        if let Some(sheet) = wire.sheet {
            options = options.with_sheet(sheet);
        }
        if let Some(conflict) = options.conflict() {
            return Err(serde::de::Error::custom(conflict));
        }
        if let Some(threads) = wire.threads {
            options = options.with_threads(threads);
        }
        if let Some(qr) = wire.qr {
            options = options.with_qr(qr);
        }
        if let Some(print) = wire.customs_forms {
            options = options.with_customs_forms(print);
        }
        if let Some(paper) = wire.customs_paper {
            options = options.with_customs_paper(paper);
        }
        Ok(options)
    }
}
