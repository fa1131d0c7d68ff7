//! Where a field is in the order (`recipient.address.lines[1]`,
//! `customs.items[2].description`), written out only when a problem there is reported:
//! checking a valid order builds no paths.

/// `path.field`, or `field` at the top level.
pub(super) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// The path of the field `name` of the value at `parent`, that value perhaps an entry of a
/// list (`customs.items`, entry 2) and the field perhaps one of a list itself (`lines`,
/// line 1). It becomes a `String` only when an error names it.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldPath<'a> {
    parent: &'a str,
    entry: Option<usize>,
    name: &'a str,
    index: Option<usize>,
}

impl<'a> FieldPath<'a> {
    /// `parent.name`.
    pub(super) fn new(parent: &'a str, name: &'a str) -> Self {
        FieldPath {
            parent,
            entry: None,
            name,
            index: None,
        }
    }

    /// `parent.name[index]`.
    pub(super) fn item(parent: &'a str, name: &'a str, index: usize) -> Self {
        FieldPath {
            index: Some(index),
            ..FieldPath::new(parent, name)
        }
    }

    /// `list[entry].name`.
    pub(super) fn of_entry(list: &'a str, entry: usize, name: &'a str) -> Self {
        FieldPath {
            entry: Some(entry),
            ..FieldPath::new(list, name)
        }
    }
}

impl From<FieldPath<'_>> for String {
    fn from(path: FieldPath<'_>) -> String {
        let parent = match path.entry {
            Some(entry) => format!("{}[{entry}]", path.parent),
            None => path.parent.to_owned(),
        };
        let mut out = join(&parent, path.name);
        if let Some(index) = path.index {
            out.push('[');
            out.push_str(&index.to_string());
            out.push(']');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_out_in_full() {
        let written = |path: FieldPath<'_>| String::from(path);
        assert_eq!(
            written(FieldPath::new("recipient", "name")),
            "recipient.name"
        );
        assert_eq!(written(FieldPath::new("", "order")), "order");
        assert_eq!(
            written(FieldPath::item("recipient.address", "lines", 1)),
            "recipient.address.lines[1]"
        );
        assert_eq!(
            written(FieldPath::of_entry("customs.items", 2, "description")),
            "customs.items[2].description"
        );
        assert_eq!(join("customs", "invoice"), "customs.invoice");
    }
}
