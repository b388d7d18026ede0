//! The server's allocator, mimalloc, and how it hands memory back.
//!
//! glibc's allocator kept hundreds of MB in its per-thread arenas after
//! bursts of large allocations (résumé parsing, uploads). mimalloc by
//! default commits whole arenas up front, and returns freed pages a second
//! later only when some thread allocates or frees again: on the large data
//! set that held 30 to 80 MB more after loading the search index and after
//! a burst of requests (README, "Memory").

use std::os::raw::c_int;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The position of `mi_option_purge_delay` in mimalloc's `mi_option_e`
// (the same in its v2 and v3), which the Rust binding does not name. The
// test below reads its default back.
const PURGE_DELAY: c_int = 15;

/// How long freed pages wait before they go back to the system.
const PURGE_DELAY_MS: std::os::raw::c_long = 2;

/// How often the purging thread returns the pages whose delay has passed.
const PURGE_EVERY: Duration = Duration::from_millis(100);

/// Return freed pages to the system `PURGE_DELAY_MS` after they are freed,
/// unless the operator chose a delay (`MIMALLOC_PURGE_DELAY`, read by
/// mimalloc itself). Returning each page at once cost new searches a tenth
/// of their throughput: the next request faulted the same pages in again.
/// Call first thing in `main`. Arena memory is committed as it is used:
/// that default is compiled in (`.cargo/config.toml`), as the first arena
/// is made before `main` could set it.
pub fn return_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: a plain option setter, called before other threads start.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
}

/// Start the thread that returns freed pages once their delay has passed.
/// mimalloc purges only when some thread takes a new page: without this, a
/// server going quiet after a burst kept what the burst had freed (all of
/// it in the test below).
pub fn start_purging() {
    let purge = || loop {
        std::thread::sleep(PURGE_EVERY);
        // SAFETY: collects this thread's heap and the process's arenas.
        unsafe { libmimalloc_sys::mi_collect(false) };
    };
    if let Err(error) = std::thread::Builder::new()
        .name("allocator-purge".into())
        .spawn(purge)
    {
        tracing::warn!(%error, "could not start the allocator's purging thread");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `mi_option_arena_eager_commit`.
    const ARENA_EAGER_COMMIT: c_int = 4;

    fn options() -> (std::os::raw::c_long, std::os::raw::c_long) {
        // SAFETY: reading options.
        unsafe {
            (
                libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
            )
        }
    }

    /// Resident memory of this process, in bytes.
    fn resident() -> usize {
        let statm = std::fs::read_to_string("/proc/self/statm").expect("statm");
        let pages: usize = statm
            .split_whitespace()
            .nth(1)
            .expect("rss")
            .parse()
            .expect("pages");
        pages * 4096
    }

    // One test, as the options are the process's: the only one of this
    // binary, so nothing else allocates meanwhile and purges on its behalf.
    #[test]
    fn freed_memory_goes_back_to_the_system_soon_after() {
        // Eager commit compiled out (mimalloc's own default is 2: where
        // the OS overcommits); mimalloc's purge delay of one second, until
        // `return_memory_promptly`.
        assert_eq!(options(), (0, 1000));
        return_memory_promptly();
        assert_eq!(options(), (0, PURGE_DELAY_MS));
        start_purging();

        const HELD: usize = 256 << 20;
        let before = resident();
        let blocks: Vec<Vec<u8>> = (0..HELD / (64 << 10))
            .map(|_| vec![1_u8; 64 << 10])
            .collect();
        let held = resident();
        assert!(held >= before + HELD * 3 / 4, "{held} after {before}");
        drop(blocks);
        // From here this thread only reads its RSS, from pages it holds:
        // no new page is taken, so only the purging thread returns them.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while resident() > before + HELD / 4 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let after = resident();
        assert!(
            after <= before + HELD / 4,
            "{after} after {held}, from {before}"
        );
    }
}
