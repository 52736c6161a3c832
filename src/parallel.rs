//! Work on many independent programs at once, with results in their order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on `0..n`, on up to as many threads as there are cores, and
/// hands each result to `emit` in index order, as soon as it and all before
/// it are done: the output is that of a run one after the other, whatever
/// finished first. One item, or one core, runs on the calling thread.
pub fn ordered<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync, mut emit: impl FnMut(T)) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .min(n)
        .min(16);
    if threads <= 1 {
        for i in 0..n {
            emit(work(i));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n || send.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Results that came before their turn wait here.
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, result) in receive {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                emit(result);
                due += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order() {
        let mut seen = Vec::new();
        ordered(
            200,
            |i| {
                // Later items finish first.
                std::thread::sleep(std::time::Duration::from_micros((200 - i as u64) * 5));
                i * 2
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }
}
