//! Independent work spread over threads: labels to lay out, documents to render.

/// `f` of each of `items`, in order, each on a thread of its own (scoped, so `items` and
/// `f` may borrow); a single item runs on this thread. A worker only panics on a bug: its
/// item is then done again here, so the panic surfaces in the caller's thread.
pub(crate) fn map_on_threads<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() <= 1 {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .iter()
            .map(|item| scope.spawn(move || f(item)))
            .collect();
        workers
            .into_iter()
            .zip(items)
            .map(|(worker, item)| worker.join().unwrap_or_else(|_| f(item)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u64> = (0..9).collect();
        assert_eq!(
            map_on_threads(&items, |n| n * n),
            [0, 1, 4, 9, 16, 25, 36, 49, 64]
        );
        assert_eq!(map_on_threads(&[7u8], |n| *n), [7]);
        assert!(map_on_threads(&[] as &[u8], |n| *n).is_empty());
    }
}
