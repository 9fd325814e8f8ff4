//! Work on all cores: a few threads take items in turn, and results come back in item
//! order whatever thread ran them (the split YAML parse, emission); or two jobs at once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Threads this machine runs at once (1 when unknown).
pub fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// `f` on every item, on up to `threads` threads (with `stack` bytes each, or the default
/// stack); results in item order. Items are taken in turn, so uneven items even out. After
/// the first `Err` no new item is started. `None` marks an item that did not run to the
/// end: work stopped after an error, or no thread could start, or its thread panicked.
pub fn map_in_turn<T, R, E, F>(items: &[T], threads: usize, stack: Option<usize>, f: F) -> Vec<Option<Result<R, E>>>
where
    T: Sync,
    R: Send,
    E: Send,
    F: Fn(&T) -> Result<R, E> + Sync,
{
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let slots: Vec<Mutex<Option<Result<R, E>>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            let worker = || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let result = f(item);
                if result.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
                *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
            };
            let mut builder = std::thread::Builder::new();
            if let Some(bytes) = stack {
                builder = builder.stack_size(bytes);
            }
            handles.extend(builder.spawn_scoped(scope, worker).ok());
        }
        // Joined here, so that a panicked thread leaves `None`s instead of a panic.
        for h in handles {
            let _ = h.join();
        }
    });
    slots.into_iter().map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner())).collect()
}

/// `a` on a thread of its own while `b` runs on this one: both results. When no thread can
/// start, `a` runs here after `b`. A panic in `a` goes on in the caller.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    RA: Send,
    B: FnOnce() -> RB,
{
    let a = Mutex::new(Some(a));
    let run_a = || a.lock().unwrap_or_else(|e| e.into_inner()).take().map(|f| f());
    let (ra, rb) = std::thread::scope(|scope| {
        let other = std::thread::Builder::new().spawn_scoped(scope, run_a);
        let rb = b();
        (other.ok().and_then(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))), rb)
    });
    // `a` ran on the other thread, or is still here because no thread started.
    (ra.or_else(run_a).expect("`a` runs on one thread or the other"), rb)
}

/// Drops `value` on a thread of its own, so that freeing a large tree (a parsed spec is a
/// million small allocations: 5 % of a full-Plaid run, all of it on one core) does not hold up the
/// caller; on this thread when no thread can start. The thread is not waited for: the
/// process may end first.
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    // A thread that cannot start drops its closure, and `value` with it, right here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_item_order_and_stop_after_an_error() {
        let items: Vec<u32> = (0..100).collect();
        for threads in [1, 2, 7] {
            let out = map_in_turn(&items, threads, None, |&n| Ok::<u32, ()>(n * 2));
            assert_eq!(out, items.iter().map(|n| Some(Ok(n * 2))).collect::<Vec<_>>());
        }
        let out = map_in_turn(&items, 1, None, |&n| if n == 3 { Err(n) } else { Ok(n) });
        assert_eq!(&out[..5], &[Some(Ok(0)), Some(Ok(1)), Some(Ok(2)), Some(Err(3)), None]);
        assert!(map_in_turn(&[] as &[u32], 4, None, |&n| Ok::<u32, ()>(n)).is_empty());
    }

    #[test]
    fn a_panicking_item_is_none_not_a_panic() {
        let out = map_in_turn(&[1, 2], 2, Some(1 << 20), |&n: &i32| if n == 2 { panic!("boom") } else { Ok::<i32, ()>(n) });
        assert_eq!(out[1], None);
    }

    #[test]
    fn join_runs_both_and_returns_both_results() {
        let here = std::thread::current().id();
        let (a, b) = join(|| std::thread::current().id(), || std::thread::current().id());
        assert_ne!(a, here, "a runs on another thread");
        assert_eq!(b, here);
        let borrowed = [1, 2, 3];
        let mut local = 0;
        let (sum, ()) = join(|| borrowed.iter().sum::<i32>(), || local += 1);
        assert_eq!((sum, local), (6, 1));
    }
}
