//! Each page render and server function call runs apart from the others,
//! and its own pieces take turns rather than run at once:
//!
//! - The tasks Leptos starts for a request (a resource's fetch, a
//!   `Transition`'s effect) run inside that request's task, between its
//!   steps, not anywhere on the runtime's threads. Leptos 0.8's signals only
//!   *try* their lock when read: a read that meets a write in progress on
//!   another thread finds nothing and panics as if the value were disposed
//!   (leptos-rs/leptos#3681, fixed after 0.8). Spread over two threads, a
//!   job seeker's `/jobs` hit that about once in 3,000 renders: a 500.
//! - No reactive owner is current when a step starts or after it ends.
//!   Leptos makes each page's root owner the current one of the thread that
//!   starts rendering it and never unsets it (`Owner::new_root`), so the next
//!   request on that thread found it there: a server function's owner became
//!   a child of another person's page, cleaned up when that page ended, its
//!   context lookups falling through to that page's.
//!
//! Nothing of a request may block its thread waiting for another of its
//! tasks, which runs only once the step ends: Leptos's blocking reads of an
//! `AsyncDerived` would, were its writer pending in the same request behind
//! a read held across an await (neither Leptos's code nor ours holds one).

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use leptos::prelude::Owner;
use std::cell::RefCell;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

/// Tasks started and not yet polled.
type Started = Arc<Mutex<Vec<PinnedFuture<()>>>>;

thread_local! {
    /// Where the tasks started by the step being run on this thread go.
    static STARTED: RefCell<Option<Started>> = const { RefCell::new(None) };
}

/// Leptos's executor: a task started within a request's step joins that
/// request's tasks; any other (at start-up, say) goes to the runtime.
struct RequestExecutor;

impl CustomExecutor for RequestExecutor {
    fn spawn(&self, task: PinnedFuture<()>) {
        let mut task = Some(task);
        let _ = STARTED.try_with(|started| {
            if let Some(started) = &*started.borrow() {
                lock(started).extend(task.take());
            }
        });
        if let Some(task) = task {
            tokio::spawn(task);
        }
    }

    /// As Leptos's own tokio executor does (the server starts none).
    fn spawn_local(&self, task: PinnedLocalFuture<()>) {
        tokio::task::spawn_local(task);
    }

    fn poll_local(&self) {}
}

/// Makes Leptos start its tasks this way. Must come before Leptos sets up an
/// executor of its own (listing the routes does), which would then stay.
pub fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        if Executor::init_custom_executor(RequestExecutor).is_err() {
            tracing::error!("Leptos's executor was set up before the server's: a request's tasks run on any thread");
        }
    });
}

/// One request's tasks. Dropped with some unfinished (a render whose reader
/// left, an effect that outlived its page), it hands them to the runtime,
/// where they go on taking turns.
#[derive(Default)]
pub struct RequestTasks {
    started: Started,
    running: FuturesUnordered<PinnedFuture<()>>,
    /// Handed to the runtime already: dropped, they are dropped.
    handed_over: bool,
}

impl RequestTasks {
    /// Runs one step of the request (a poll of its handler or of its body),
    /// then its tasks until each waits.
    pub fn step<T>(&mut self, cx: &mut Context<'_>, step: impl FnOnce(&mut Context<'_>) -> T) -> T {
        unset_reactive_owner();
        // Put back as it was even when the step panics (tokio catches it and
        // the thread runs other requests).
        let _restore = RestoreOnDrop(STARTED.replace(Some(self.started.clone())));
        let result = step(cx);
        // Tasks may start others as they run: a few rounds, then the rest
        // waits for the next step so that this one ends.
        for _ in 0..ROUNDS {
            let started = std::mem::take(&mut *lock(&self.started));
            if started.is_empty() && self.running.is_empty() {
                break;
            }
            self.running.extend(started);
            while let Poll::Ready(Some(())) = self.running.poll_next_unpin(cx) {}
            if lock(&self.started).is_empty() {
                break;
            }
        }
        if !lock(&self.started).is_empty() {
            cx.waker().wake_by_ref();
        }
        result
    }

    fn is_done(&self) -> bool {
        self.running.is_empty() && lock(&self.started).is_empty()
    }
}

impl Drop for RequestTasks {
    fn drop(&mut self) {
        if self.handed_over || self.is_done() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let mut rest = Self {
            started: std::mem::take(&mut self.started),
            running: std::mem::take(&mut self.running),
            handed_over: true,
        };
        runtime.spawn(std::future::poll_fn(move |cx| {
            rest.step(cx, |_| ());
            if rest.is_done() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        }));
    }
}

/// Puts back the thread's tasks as they were before a step, and leaves no
/// reactive owner.
struct RestoreOnDrop(Option<Started>);

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        let outer = self.0.take();
        let _ = STARTED.try_with(|started| *started.borrow_mut() = outer);
        unset_reactive_owner();
    }
}

/// How many times a step lets its tasks run, when they start more.
const ROUNDS: usize = 8;

fn lock(started: &Started) -> std::sync::MutexGuard<'_, Vec<PinnedFuture<()>>> {
    started.lock().unwrap_or_else(PoisonError::into_inner)
}

fn unset_reactive_owner() {
    if let Some(owner) = Owner::current() {
        owner.unset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A step that starts `count` tasks, each of which starts one more.
    fn start_tasks(count: usize, done: &Arc<AtomicUsize>) {
        for _ in 0..count {
            let done = done.clone();
            Executor::spawn(async move {
                let inner = done.clone();
                Executor::spawn(async move {
                    inner.fetch_add(1, Ordering::SeqCst);
                });
                tokio::task::yield_now().await;
                done.fetch_add(1, Ordering::SeqCst);
            });
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn tasks_started_in_a_step_run_in_the_request_s_own_task() {
        install();
        let done = Arc::new(AtomicUsize::new(0));
        let mut tasks = RequestTasks::default();
        let thread = std::thread::current().id();
        let on_this_thread = Arc::new(AtomicUsize::new(0));
        let mut first = true;
        let all_done = std::future::poll_fn(|cx| {
            tasks.step(cx, |_| {
                if !std::mem::take(&mut first) {
                    return;
                }
                start_tasks(3, &done);
                let on_this_thread = on_this_thread.clone();
                Executor::spawn(async move {
                    if std::thread::current().id() == thread {
                        on_this_thread.fetch_add(1, Ordering::SeqCst);
                    }
                });
            });
            if done.load(Ordering::SeqCst) == 6 {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        });
        let waited = tokio::time::timeout(std::time::Duration::from_secs(5), all_done).await;
        assert!(waited.is_ok(), "the tasks' ends woke the request");
        assert_eq!(on_this_thread.load(Ordering::SeqCst), 1);
        assert!(tasks.running.is_empty());
    }

    #[tokio::test]
    async fn tasks_left_when_a_request_ends_still_finish() {
        install();
        let done = Arc::new(AtomicUsize::new(0));
        let (go, wait) = futures::channel::oneshot::channel::<()>();
        let mut tasks = RequestTasks::default();
        let waker = futures::task::noop_waker();
        tasks.step(&mut Context::from_waker(&waker), |_| {
            let done = done.clone();
            Executor::spawn(async move {
                let _ = wait.await;
                done.fetch_add(1, Ordering::SeqCst);
            });
        });
        drop(tasks);
        go.send(()).unwrap();
        for _ in 0..100 {
            if done.load(Ordering::SeqCst) == 1 {
                return;
            }
            tokio::task::yield_now().await;
        }
        panic!("the task left behind did not finish");
    }

    #[tokio::test]
    async fn a_step_that_panics_leaves_the_thread_as_it_was() {
        install();
        let mut tasks = RequestTasks::default();
        let waker = futures::task::noop_waker();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tasks.step(&mut Context::from_waker(&waker), |_| {
                panic!("a render fails")
            })
        }));
        assert!(panicked.is_err());
        let (sent, received) = futures::channel::oneshot::channel();
        Executor::spawn(async move {
            let _ = sent.send(());
        });
        let ran = tokio::time::timeout(std::time::Duration::from_secs(5), received).await;
        assert!(ran.is_ok(), "a task started after the step ran");
    }

    #[tokio::test]
    async fn outside_a_step_tasks_go_to_the_runtime() {
        install();
        let (sent, received) = futures::channel::oneshot::channel();
        Executor::spawn(async move {
            let _ = sent.send(());
        });
        assert!(received.await.is_ok());
    }
}
