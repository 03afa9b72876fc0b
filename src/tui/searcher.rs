//! The runner's corpus-search worker: each [`SearchJob`] runs on its own thread so the key loop
//! never waits for a scan of every article; a newer job or a cancel raises the older job's stop
//! flag. Answers come back on a channel the event loop drains. Never touches the App or the
//! terminal.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::app::{SearchDone, SearchJob};

/// Starts, supersedes and cancels corpus searches.
#[derive(Debug)]
pub struct Searcher {
    tx: Sender<SearchDone>,
    rx: Receiver<SearchDone>,
    /// The id and stop flag of the job whose answer is awaited.
    current: Option<(u64, Arc<AtomicBool>)>,
}

impl Default for Searcher {
    fn default() -> Searcher {
        let (tx, rx) = mpsc::channel();
        Searcher {
            tx,
            rx,
            current: None,
        }
    }
}

impl Searcher {
    /// Runs `job` on a new thread, stopping the one before it.
    pub fn start(&mut self, job: SearchJob) {
        self.cancel();
        let stop = Arc::new(AtomicBool::new(false));
        self.current = Some((job.id, Arc::clone(&stop)));
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new()
            .name("byline-search".to_owned())
            .spawn(move || {
                if let Some(done) = job.run(&stop) {
                    // The loop may be gone (the reader quit): nobody needs the answer then.
                    let _ = tx.send(done);
                }
            });
        if spawned.is_err() {
            // No thread to be had: the App keeps saying "searching…" until Esc, which is
            // honest; nothing here can run the scan without blocking the keys.
            self.current = None;
        }
    }

    /// Stops the running job, if any; its answer, should it still arrive, is stale.
    pub fn cancel(&mut self) {
        if let Some((_, stop)) = self.current.take() {
            stop.store(true, Ordering::Relaxed);
        }
    }

    /// True while a job's answer is awaited (the loop then polls input more often).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.current.is_some()
    }

    /// The next answer that arrived, if any.
    pub fn try_recv(&mut self) -> Option<SearchDone> {
        let done = self.rx.try_recv().ok()?;
        if self.current.as_ref().is_some_and(|(id, _)| *id == done.id) {
            self.current = None;
        }
        Some(done)
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
    fn the_worker_answers_and_a_cancelled_job_stays_silent() {
        let mut app = App::with_corpus(crate::app::tests::fixture(), true);
        let mut s = Searcher::default();
        let first = job_for(&mut app, "streaming");
        s.start(first);
        let done = s.rx.recv().expect("an answer");
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
