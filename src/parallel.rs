//! Independent work spread over threads: labels to lay out and draw, documents to render.

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

/// Items of a [`pipeline`]'s first rounds (each handed to a worker at once): few, so that a
/// short run is spread over every worker too. Rounds then double, a round for each worker
/// at each size, up to [`LARGEST_ROUND`].
const FIRST_ROUND: usize = 4;
/// Items of a long run's rounds: each round costs its worker and this thread a wake-up or
/// two, which rounds of 4 made about one system call per item.
const LARGEST_ROUND: usize = 32;
/// Items given out and not yet consumed: the work in memory at once.
const IN_FLIGHT: usize = 128;

/// `work` on every item of `items`, on `workers` worker threads, while this thread hands the
/// items out (pulling them from `items`, which may do work of its own, such as validating)
/// and passes each item and its result to `consume`, in order, as soon as they are ready.
/// At most [`IN_FLIGHT`] items are out at once, however many there are. The first
/// error of `consume` stops the pipeline and is returned.
///
/// With one worker, or one item, everything runs on this thread: no thread is started.
///
/// A worker only panics on a bug: its round then comes back as `on_panic`'s error.
pub(crate) fn pipeline<T: Send, R: Send, E>(
    workers: usize,
    items: impl Iterator<Item = T>,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(T, R) -> Result<(), E>,
    on_panic: impl Fn() -> E,
) -> Result<(), E> {
    use std::collections::BTreeMap;
    use std::sync::{Mutex, mpsc};

    let mut items = items.peekable();
    let Some(first) = items.next() else {
        return Ok(());
    };
    let alone = items.peek().is_none();
    let mut items = std::iter::once(first).chain(items);
    // One worker, or one item: everything here.
    if workers <= 1 || alone {
        for item in items {
            let result = work(&item);
            consume(item, result)?;
        }
        return Ok(());
    }
    let (jobs, job_queue) = mpsc::sync_channel::<(usize, Vec<T>)>(IN_FLIGHT / FIRST_ROUND);
    let job_queue = Mutex::new(job_queue);
    std::thread::scope(|scope| {
        // Owned here, so the workers stop when this returns, however it returns.
        let jobs = jobs;
        let (done, results) = mpsc::channel::<(usize, Option<Vec<(T, R)>>)>();
        for _ in 0..workers {
            let done = done.clone();
            let (job_queue, work) = (&job_queue, &work);
            scope.spawn(move || {
                loop {
                    let job = match job_queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    let Ok((index, round)) = job else {
                        return;
                    };
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        round.iter().map(work).collect::<Vec<R>>()
                    }));
                    let finished = outcome
                        .ok()
                        .map(|results| round.into_iter().zip(results).collect());
                    if done.send((index, finished)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done);
        let (mut sent, mut next) = (0usize, 0usize);
        let mut waiting: BTreeMap<usize, Vec<(T, R)>> = BTreeMap::new();
        // Items given out and not yet consumed.
        let mut out = 0usize;
        let mut exhausted = false;
        loop {
            loop {
                let doublings = u32::try_from(sent / workers).unwrap_or(u32::MAX).min(8);
                let size = (FIRST_ROUND << doublings).min(LARGEST_ROUND);
                if exhausted || out + size > IN_FLIGHT {
                    break;
                }
                let round: Vec<T> = items.by_ref().take(size).collect();
                if round.is_empty() {
                    exhausted = true;
                } else {
                    out += round.len();
                    if jobs.send((sent, round)).is_err() {
                        return Err(on_panic());
                    }
                    sent += 1;
                }
            }
            if next == sent {
                return Ok(());
            }
            match results.recv() {
                Ok((index, Some(finished))) => {
                    waiting.insert(index, finished);
                }
                Ok((_, None)) | Err(_) => return Err(on_panic()),
            }
            while let Some(finished) = waiting.remove(&next) {
                out -= finished.len();
                for (item, result) in finished {
                    consume(item, result)?;
                }
                next += 1;
            }
        }
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

    #[test]
    fn a_pipeline_consumes_every_item_in_order() {
        let mut seen = Vec::new();
        let result: Result<(), ()> = pipeline(
            3,
            0..1000u64,
            |n| n * n,
            |n, square| {
                seen.push((n, square));
                Ok(())
            },
            || (),
        );
        assert!(result.is_ok());
        assert_eq!(seen, (0..1000).map(|n| (n, n * n)).collect::<Vec<_>>());
        let none: Result<(), ()> = pipeline(3, 0..0u8, |n| *n, |_, _| Err(()), || ());
        assert!(none.is_ok());
        // On this thread alone: one worker, or one item.
        let here = std::thread::current().id();
        for (workers, items) in [(1, 0..50u64), (4, 0..1)] {
            let mut seen = Vec::new();
            let result: Result<(), ()> = pipeline(
                workers,
                items.clone(),
                |n| (*n, std::thread::current().id()),
                |n, (m, thread)| {
                    seen.push(n);
                    assert_eq!((n, thread), (m, here));
                    Ok(())
                },
                || (),
            );
            assert!(result.is_ok());
            assert_eq!(seen, items.collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_pipeline_stops_at_the_first_error_and_reports_a_panicking_worker() {
        let mut consumed = 0;
        let result = pipeline(
            2,
            0..1000u32,
            |n| *n,
            |n, _| {
                consumed += 1;
                if n == 100 {
                    Err(format!("stopped at {n}"))
                } else {
                    Ok(())
                }
            },
            || "a worker panicked".to_owned(),
        );
        assert_eq!(result, Err("stopped at 100".to_owned()));
        assert_eq!(consumed, 101);
        let result = pipeline(
            2,
            0..100u32,
            |n| if *n == 50 { panic!("a bug") } else { *n },
            |_, _| Ok(()),
            || "a worker panicked".to_owned(),
        );
        assert_eq!(result, Err("a worker panicked".to_owned()));
    }
}
