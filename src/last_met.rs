//! The last few things met, the last met last: a memory of a fixed size that lets go of what
//! was met longest ago. The printer's sellers, a document's sender forms, and each thread's
//! sender blocks and checked sellers are kept so.

/// At most `capacity` items, the one met last at the end.
#[derive(Debug)]
pub(crate) struct LastMet<T> {
    items: Vec<T>,
    capacity: usize,
}

impl<T> LastMet<T> {
    /// Empty, keeping up to `capacity` items (at least one).
    pub(crate) const fn new(capacity: usize) -> Self {
        LastMet {
            items: Vec::new(),
            capacity,
        }
    }

    /// The item `matches` picks (the one met last, if it picks several), met again: it
    /// moves to the end.
    pub(crate) fn find(&mut self, matches: impl Fn(&T) -> bool) -> Option<&T> {
        let at = self.items.iter().rposition(matches)?;
        let item = self.items.remove(at);
        self.items.push(item);
        self.items.last()
    }

    /// Keeps `item`, met now; when full, the item met longest ago is let go.
    pub(crate) fn push(&mut self, item: T) {
        if self.items.len() >= self.capacity.max(1) {
            self.items.remove(0);
        }
        self.items.push(item);
    }

    /// The items kept, the one met last at the end.
    #[cfg(test)]
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_item_met_longest_ago_is_let_go() {
        let mut met = LastMet::new(3);
        for n in [1, 2, 3] {
            met.push(n);
        }
        // Met again, 1 moves to the end; a fourth lets go of 2, met longest ago.
        assert_eq!(met.find(|&n| n == 1), Some(&1));
        assert_eq!(met.items(), [2, 3, 1]);
        met.push(4);
        assert_eq!(met.items(), [3, 1, 4]);
        assert_eq!(met.find(|&n| n == 2), None);
        assert_eq!(met.items(), [3, 1, 4]);
        // Of several it picks, the one met last.
        assert_eq!(met.find(|&n| n < 4), Some(&1));
        // A memory of no size keeps one.
        let mut none = LastMet::new(0);
        none.push('a');
        none.push('b');
        assert_eq!(none.items(), ['b']);
    }
}
