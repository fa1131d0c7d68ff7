//! The lines shaped lately, in two generations: a line found in the older one
//! moves to the newer, and when the newer is full the older is let go and the newer takes
//! its place. Lines met again and again (captions, country names, a batch's repeated
//! recipients) stay however many lines are met once in between (order numbers, one-off
//! names), where clearing everything when full would drop them all each time.

use std::collections::HashMap;

/// Values by a slot (a few kinds of line, each a map of its own) and text, at most
/// `2 × per_generation` of them. Each value is stamped with the generation that last met it:
/// one lookup finds a value of either generation (one of the older then moves up, which takes
/// two more, and may start a generation).
#[derive(Debug)]
pub(super) struct Recent<V, const SLOTS: usize> {
    maps: [HashMap<String, (V, u64)>; SLOTS],
    /// The newer generation.
    generation: u64,
    /// Values stamped with it.
    len: usize,
    per_generation: usize,
}

impl<V: Clone, const SLOTS: usize> Recent<V, SLOTS> {
    /// Empty, keeping up to `per_generation` values in each generation.
    pub(super) fn new(per_generation: usize) -> Self {
        Recent {
            maps: std::array::from_fn(|_| HashMap::new()),
            generation: 0,
            len: 0,
            per_generation: per_generation.max(1),
        }
    }

    /// The value kept for `text` in `slot`, if any: moved to the newer generation.
    pub(super) fn get(&mut self, slot: usize, text: &str) -> Option<V> {
        let map = self.maps.get_mut(slot)?;
        let (value, stamp) = map.get(text)?;
        if *stamp == self.generation {
            return Some(value.clone());
        }
        let (text, (value, _)) = map.remove_entry(text)?;
        self.put(slot, text, value.clone());
        Some(value)
    }

    /// Keeps `value` for `text` in `slot`.
    pub(super) fn insert(&mut self, slot: usize, text: &str, value: V) {
        self.put(slot, text.to_owned(), value);
    }

    fn put(&mut self, slot: usize, text: String, value: V) {
        let generation = self.generation;
        let Some(map) = self.maps.get_mut(slot) else {
            return;
        };
        // A text kept already: its value replaced, counted in the newer generation once.
        match map.get_mut(&text) {
            Some(kept) if kept.1 == generation => {
                kept.0 = value;
                return;
            }
            Some(_) => {
                map.remove(&text);
            }
            None => {}
        }
        if self.len >= self.per_generation {
            // A new generation: the older one is let go, the newer becomes the older.
            self.generation += 1;
            self.len = 0;
            let older = self.generation - 1;
            for map in &mut self.maps {
                map.retain(|_, (_, stamp)| *stamp >= older);
            }
        }
        if let Some(map) = self.maps.get_mut(slot) {
            map.insert(text, (value, self.generation));
            self.len += 1;
        }
    }

    /// How many values are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.maps.iter().map(HashMap::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_met_again_stay_while_lines_met_once_go() {
        let mut recent: Recent<u32, 2> = Recent::new(4);
        recent.insert(0, "SHIP TO", 1);
        recent.insert(1, "SHIP TO", 2);
        for i in 0..1000 {
            // One line met once, then the caption again.
            recent.insert(0, &format!("TT-{i}"), i);
            assert_eq!(recent.get(0, "SHIP TO"), Some(1), "after {i}");
            assert!(recent.len() <= 8);
        }
        // A slot is a map of its own, and its line, not met again, was let go.
        assert_eq!(recent.get(1, "SHIP TO"), None);
        // The last lines met once are still there; the first are not.
        assert_eq!(recent.get(0, "TT-999"), Some(999));
        assert_eq!(recent.get(0, "TT-0"), None);
        // No slot past the last, and trying one changes nothing.
        assert_eq!(recent.get(2, "SHIP TO"), None);
        let before = recent.len();
        for _ in 0..10 {
            recent.insert(2, "SHIP TO", 3);
        }
        assert_eq!(recent.get(2, "SHIP TO"), None);
        assert_eq!(recent.len(), before);
        assert_eq!(recent.get(0, "SHIP TO"), Some(1));
    }

    #[test]
    fn the_same_texts_inserted_again_and_again_keep_within_the_bound() {
        let mut recent: Recent<u32, 1> = Recent::new(2);
        for round in 0..100 {
            for text in ["a", "b", "c", "d", "e"] {
                recent.insert(0, text, round);
                assert!(recent.len() <= 4, "round {round}");
            }
        }
        // The last value inserted is the one kept.
        assert_eq!(recent.get(0, "e"), Some(99));
    }

    #[test]
    fn a_line_in_the_older_generation_moves_to_the_newer() {
        let mut recent: Recent<u32, 1> = Recent::new(2);
        recent.insert(0, "a", 1);
        recent.insert(0, "b", 2);
        // Full: "c" starts a generation, and "a" and "b" are the older one.
        recent.insert(0, "c", 3);
        assert_eq!(recent.get(0, "a"), Some(1));
        // "d" starts another: "c" and "a" (moved up) stay, "b" goes.
        recent.insert(0, "d", 4);
        assert_eq!(recent.get(0, "b"), None);
        assert_eq!((recent.get(0, "a"), recent.get(0, "c")), (Some(1), Some(3)));
        assert_eq!(recent.len(), 3);
    }
}
