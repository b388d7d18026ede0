//! Work that a hostile file could make unbounded (reading PDFs, probing
//! videos) runs in a child process with limits on memory and CPU time and
//! under a wall-clock timeout, so the worst a file can do is end its own
//! child. The child is the server's own program: `server contained` sets
//! the limits on itself and then runs the real work (another program, or
//! the server's own `extract-pdf-text`), which inherits them.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// What a contained child may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Address space in bytes (allocation fails beyond it).
    pub memory_bytes: u64,
    /// CPU seconds before the kernel ends the child.
    pub cpu_seconds: u64,
    /// Time before the server ends the child, whatever it is doing.
    pub wall: Duration,
}

/// The command line of `server contained` for these limits and program.
pub fn contained_args(limits: Limits, program: &str, args: &[&str]) -> Vec<String> {
    let mut line = vec![
        "contained".to_string(),
        "--memory-bytes".to_string(),
        limits.memory_bytes.to_string(),
        "--cpu-seconds".to_string(),
        limits.cpu_seconds.to_string(),
        "--".to_string(),
        program.to_string(),
    ];
    line.extend(args.iter().map(|a| a.to_string()));
    line
}

/// The exit code of `server contained` when the program could not be
/// started (as a shell reports a missing command).
pub const NOT_FOUND_EXIT: i32 = 127;

/// Why a contained run gave no answer.
#[derive(Debug)]
pub enum Failure {
    /// The program is not installed.
    NotFound,
    /// It went past its wall-clock time and was ended.
    TimedOut,
    /// It could not be started, or its pipes failed.
    Io(std::io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotFound => f.write_str("not installed"),
            Self::TimedOut => f.write_str("took too long and was stopped"),
            Self::Io(e) => write!(f, "could not run: {e}"),
        }
    }
}

/// Runs `program args` contained by `limits` through the server program
/// `exe`, feeding it `input` on standard input. A child that ran out of
/// memory or CPU time comes back as a failed exit status.
pub async fn run(
    exe: &Path,
    limits: Limits,
    program: &str,
    args: &[&str],
    input: Option<Vec<u8>>,
) -> Result<std::process::Output, Failure> {
    let mut command = tokio::process::Command::new(exe);
    command
        .args(contained_args(limits, program, args))
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let work = async {
        let mut child = command.spawn()?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            // A child that stops reading early (it refused the file) is fine.
            let _ = stdin.write_all(&bytes).await;
        }
        child.wait_with_output().await
    };
    let output = match tokio::time::timeout(limits.wall, work).await {
        Err(_) => return Err(Failure::TimedOut),
        Ok(Err(e)) => return Err(Failure::Io(e)),
        Ok(Ok(output)) => output,
    };
    if output.status.code() == Some(NOT_FOUND_EXIT) {
        return Err(Failure::NotFound);
    }
    Ok(output)
}

/// The `server contained` command: sets the limits on this process, then
/// replaces it with the program. Returns only when that failed, with the
/// exit code to end with.
pub fn become_contained(memory_bytes: u64, cpu_seconds: u64, program: &[String]) -> i32 {
    use rlimit::{Resource, setrlimit};
    use std::os::unix::process::CommandExt;
    let limited = setrlimit(Resource::AS, memory_bytes, memory_bytes)
        .and_then(|()| setrlimit(Resource::CPU, cpu_seconds, cpu_seconds))
        // No core dumps of what a hostile file did.
        .and_then(|()| setrlimit(Resource::CORE, 0, 0));
    if let Err(error) = limited {
        eprintln!("could not set limits: {error}");
        return 1;
    }
    let Some((name, args)) = program.split_first() else {
        eprintln!("no program to run");
        return 2;
    };
    // `exec` returns only on failure.
    let error = std::process::Command::new(name).args(args).exec();
    eprintln!("could not run {name}: {error}");
    if error.kind() == std::io::ErrorKind::NotFound {
        NOT_FOUND_EXIT
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_carries_limits_then_the_program() {
        let limits = Limits {
            memory_bytes: 1024,
            cpu_seconds: 5,
            wall: Duration::from_secs(9),
        };
        assert_eq!(
            contained_args(limits, "ffprobe", &["-v", "error"]),
            [
                "contained",
                "--memory-bytes",
                "1024",
                "--cpu-seconds",
                "5",
                "--",
                "ffprobe",
                "-v",
                "error"
            ]
        );
    }
}
