//! Helpers shared by tests in several modules. Compiled for tests only.

use std::sync::{Arc, Barrier, Condvar, Mutex, PoisonError};

/// Runs `f` while every thread of rayon's global pool is held waiting, as they are while a
/// large corpus is extracted, and lets them go when `f` returns. Work that `f` hands to the
/// global pool waits until then; work on a pool of its own does not.
pub fn with_global_pool_busy<R>(f: impl FnOnce() -> R) -> R {
    let threads = rayon::current_num_threads();
    let started = Arc::new(Barrier::new(threads + 1));
    let release = Arc::new((Mutex::new(false), Condvar::new()));
    let holder = {
        let (started, release) = (Arc::clone(&started), Arc::clone(&release));
        std::thread::spawn(move || {
            rayon::broadcast(|_| {
                started.wait();
                let (open, changed) = &*release;
                let mut open = open.lock().unwrap_or_else(PoisonError::into_inner);
                while !*open {
                    open = changed.wait(open).unwrap_or_else(PoisonError::into_inner);
                }
            });
        })
    };
    started.wait();
    let result = f();
    let (open, changed) = &*release;
    *open.lock().unwrap_or_else(PoisonError::into_inner) = true;
    changed.notify_all();
    // The holder only waits; it cannot fail, and if it did the pool would be free anyway.
    let _ = holder.join();
    result
}
