//! The runner's workers for the scans too long for the key loop on a large corpus: the corpus
//! search and the list filter. Each job runs on its own thread; a newer job of the same kind
//! or a cancel raises the older one's stop flag. Answers come back on channels the event loop
//! drains. Never touches the App or the terminal.
//!
//! The scans split their work over a thread pool of their own, not rayon's global one: while a
//! large corpus is being extracted, extraction's work fills the global pool, and a scan queued
//! behind it waited for a whole pass over the articles (0.7-1.7 s at 100,000 articles).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::app::{FilterDone, FilterJob, SearchDone, SearchJob};

/// One kind of job: at most one whose answer is awaited.
#[derive(Debug)]
struct Slot<D> {
    tx: Sender<D>,
    rx: Receiver<D>,
    /// The id and stop flag of the job whose answer is awaited.
    current: Option<(u64, Arc<AtomicBool>)>,
}

impl<D: Send + 'static> Slot<D> {
    fn new() -> Slot<D> {
        let (tx, rx) = mpsc::channel();
        Slot {
            tx,
            rx,
            current: None,
        }
    }

    /// Runs `work` on a new thread, in `pool` when there is one, stopping the job before it.
    fn start<F>(&mut self, id: u64, pool: Option<Arc<rayon::ThreadPool>>, work: F)
    where
        F: FnOnce(&AtomicBool) -> Option<D> + Send + 'static,
    {
        self.cancel();
        let stop = Arc::new(AtomicBool::new(false));
        self.current = Some((id, Arc::clone(&stop)));
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new()
            .name("byline-worker".to_owned())
            .spawn(move || {
                let done = match pool {
                    Some(pool) => pool.install(|| work(&stop)),
                    None => work(&stop),
                };
                if let Some(done) = done {
                    // The loop may be gone (the reader quit): nobody needs the answer then.
                    let _ = tx.send(done);
                }
            });
        if spawned.is_err() {
            // No thread to be had: the App keeps saying it is busy until the user moves on;
            // nothing here can run the scan without blocking the keys.
            self.current = None;
        }
    }

    fn cancel(&mut self) {
        if let Some((_, stop)) = self.current.take() {
            stop.store(true, Ordering::Relaxed);
        }
    }

    fn try_recv(&mut self, id_of: impl Fn(&D) -> u64) -> Option<D> {
        let done = self.rx.try_recv().ok()?;
        if self
            .current
            .as_ref()
            .is_some_and(|(id, _)| *id == id_of(&done))
        {
            self.current = None;
        }
        Some(done)
    }
}

/// Starts, supersedes and cancels corpus searches and filter scans.
#[derive(Debug)]
pub struct Searcher {
    search: Slot<SearchDone>,
    filter: Slot<FilterDone>,
    /// The scans' own pool, made at the first scan; `None` before that, or if no threads could
    /// be had (the scans then use the global pool).
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl Default for Searcher {
    fn default() -> Searcher {
        Searcher {
            search: Slot::new(),
            filter: Slot::new(),
            pool: None,
        }
    }
}

impl Searcher {
    /// Runs a corpus search, stopping the one before it.
    pub fn start(&mut self, job: SearchJob) {
        let pool = self.pool();
        self.search.start(job.id, pool, move |stop| job.run(stop));
    }

    /// Runs a filter scan, stopping the one before it.
    pub fn start_filter(&mut self, job: FilterJob) {
        let pool = self.pool();
        self.filter.start(job.id, pool, move |stop| job.run(stop));
    }

    /// The scans' pool, as many threads as rayon's global one, made on first use.
    fn pool(&mut self) -> Option<Arc<rayon::ThreadPool>> {
        if self.pool.is_none() {
            self.pool = rayon::ThreadPoolBuilder::new()
                .num_threads(rayon::current_num_threads())
                .thread_name(|i| format!("byline-scan-{i}"))
                .build()
                .ok()
                .map(Arc::new);
        }
        self.pool.clone()
    }

    /// Stops the running corpus search, if any; its answer, should it still arrive, is stale.
    pub fn cancel(&mut self) {
        self.search.cancel();
    }

    /// True while an answer is awaited (the loop then polls input more often).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.search.current.is_some() || self.filter.current.is_some()
    }

    /// The next corpus-search answer that arrived, if any.
    pub fn try_recv(&mut self) -> Option<SearchDone> {
        self.search.try_recv(|d| d.id)
    }

    /// The next filter answer that arrived, if any.
    pub fn try_recv_filter(&mut self) -> Option<FilterDone> {
        self.filter.try_recv(|d| d.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, App, Effect};

    fn job_for(app: &mut App, query: &str) -> SearchJob {
        app.update(Action::SearchCorpus);
        for c in query.chars() {
            app.update(Action::Input(c));
        }
        let fx = app.update(Action::Activate);
        fx.into_iter()
            .find_map(|f| match f {
                Effect::SearchCorpus(j) => Some(j),
                _ => None,
            })
            .expect("a search job")
    }

    #[test]
    fn a_scan_is_answered_while_the_global_pool_is_busy() {
        // Enough articles that the scan splits its work over the pool (a short list is
        // scanned on the calling thread and never waits for a pool).
        let corpus = crate::app::tests::fixture_repeated(640);
        let mut app = App::with_corpus(corpus, true);
        let mut s = Searcher::default();
        let job = job_for(&mut app, "streaming");
        let answer = crate::test_support::with_global_pool_busy(|| {
            s.start(job);
            s.search.rx.recv_timeout(std::time::Duration::from_secs(10))
        });
        let answer = answer.expect("the scan waited for the busy global pool");
        assert_eq!(answer.query, "streaming");
        assert!(!answer.found.is_empty());
    }

    #[test]
    fn the_worker_answers_and_a_cancelled_job_stays_silent() {
        let mut app = App::with_corpus(crate::app::tests::fixture(), true);
        let mut s = Searcher::default();
        let first = job_for(&mut app, "streaming");
        s.start(first);
        let done = s.search.rx.recv().expect("an answer");
        assert_eq!(done.query, "streaming");
        assert_eq!(
            done.found.iter().map(|(a, _)| *a).collect::<Vec<_>>(),
            vec![1, 2]
        );
        // A job whose flag is already raised sends nothing.
        let job = job_for(&mut app, "streaming");
        let stop = AtomicBool::new(true);
        assert!(job.run(&stop).is_none());
    }
}
