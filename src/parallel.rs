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

/// `f` of each of `items`, in order, with the items split into one contiguous part per
/// core, but never fewer than `per_thread` items to a part (below that, starting a thread
/// costs more than it saves).
pub(crate) fn map_in_parts<'a, T: Sync, R: Send>(
    items: &'a [T],
    per_thread: usize,
    f: impl Fn(&'a T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len() / per_thread.max(1)).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let parts: Vec<&'a [T]> = items.chunks(items.len().div_ceil(threads)).collect();
    map_on_threads(&parts, |part: &&'a [T]| {
        part.iter().map(&f).collect::<Vec<R>>()
    })
    .into_iter()
    .flatten()
    .collect()
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
        let many: Vec<u32> = (0..1000).collect();
        let squares: Vec<u32> = many.iter().map(|n| n * n).collect();
        assert_eq!(map_in_parts(&many, 16, |n| n * n), squares);
        assert_eq!(map_in_parts(&many[..3], 16, |n| n * n), squares[..3]);
        assert!(map_in_parts(&[] as &[u32], 16, |n| *n).is_empty());
    }
}
