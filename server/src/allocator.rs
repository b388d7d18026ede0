//! The server's allocator, mimalloc, and how it hands memory back.
//!
//! glibc's allocator kept hundreds of MB in its per-thread arenas after
//! bursts of large allocations (résumé parsing, uploads). mimalloc by
//! default commits whole arenas up front, and returns freed pages a second
//! later only when some thread allocates or frees again: on the large data
//! set that held 30 to 80 MB more after loading the search index and after
//! a burst of requests (README, "Memory"). A thread returning them every
//! second still left about 17 MB more than returning them at once; the
//! throughput measured the same either way.

use std::os::raw::c_int;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The position of `mi_option_purge_delay` in mimalloc's `mi_option_e`
// (the same in its v2 and v3), which the Rust binding does not name. The
// test below reads its default back.
const PURGE_DELAY: c_int = 15;

/// Return freed pages to the system at once, unless the operator chose a
/// delay (`MIMALLOC_PURGE_DELAY`, read by mimalloc itself): a few
/// milliseconds buy new searches 10 to 20% more throughput for 30 to 60 MB
/// more under load. Call first thing in `main`. Arena memory is committed
/// as it is used: that default is compiled in (`.cargo/config.toml`), as
/// the first arena is made before `main`.
pub fn return_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: a plain option setter, called before other threads start.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `mi_option_arena_eager_commit`.
    const ARENA_EAGER_COMMIT: c_int = 4;

    #[test]
    fn the_options_are_the_ones_meant() {
        // SAFETY: reading options.
        let (eager, delay) = unsafe {
            (
                libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
            )
        };
        // Eager commit compiled out (mimalloc's own default is 2: where
        // the OS overcommits); mimalloc's purge delay of one second, until
        // `return_memory_promptly`.
        assert_eq!((eager, delay), (0, 1000));
    }
}
