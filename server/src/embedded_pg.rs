//! The embedded default database: a private PostgreSQL cluster under
//! `<data dir>/pg`, reachable only through a unix socket inside that folder.
//! PostgreSQL refuses to run as root, so as root the cluster belongs to the
//! `postgres` system user; when that user cannot reach the data folder (a
//! checkout in root's home, mode 700), the cluster lives in a folder of its
//! own under `/var/lib/hirewell`, named after the data folder, and
//! `<data dir>/pg.location` says where.

use anyhow::{Context, bail};
use sqlx::postgres::PgConnectOptions;
use std::path::{Path, PathBuf};
use std::process::Command;

const PORT: u16 = 5432;
const DATABASE: &str = "hirewell";

pub struct EmbeddedPostgres {
    bin_dir: PathBuf,
    cluster_dir: PathBuf,
    as_postgres_user: bool,
}

/// Where the postgres user's clusters go when it cannot reach the checkout.
const FALLBACK_HOME: &str = "/var/lib/hirewell";

/// Finds the PostgreSQL server programs: `PG_BIN_DIR`, `pg_config --bindir`,
/// the newest `/usr/lib/postgresql/<version>/bin`, or `initdb` on PATH.
fn find_bin_dir() -> anyhow::Result<PathBuf> {
    let has_initdb = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Ok(dir) = std::env::var("PG_BIN_DIR") {
        let dir = PathBuf::from(dir);
        if has_initdb(&dir) {
            return Ok(dir);
        }
        bail!("PG_BIN_DIR={} has no initdb and pg_ctl", dir.display());
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if has_initdb(&dir) {
            return Ok(dir);
        }
    }
    let mut versioned: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, e.path().join("bin")))
        })
        .filter(|(_, dir)| has_initdb(dir))
        .collect();
    versioned.sort();
    if let Some((_, dir)) = versioned.pop() {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find(|d| has_initdb(d))
    {
        return Ok(dir);
    }
    bail!(
        "PostgreSQL server programs (initdb, pg_ctl) were not found: install the \
         `postgresql` package, set PG_BIN_DIR, or set DATABASE_URL to use another server"
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl EmbeddedPostgres {
    fn run(&self, program: &str, args: &[&str]) -> anyhow::Result<std::process::Output> {
        let program = self.bin_dir.join(program);
        let mut command = if self.as_postgres_user {
            let mut c = Command::new("runuser");
            // From /, which that user can always enter (the checkout may not be).
            c.args(["-u", "postgres", "--"])
                .arg(&program)
                .current_dir("/");
            c
        } else {
            Command::new(&program)
        };
        command
            .args(args)
            .output()
            .with_context(|| format!("could not run {}", program.display()))
    }

    fn run_ok(&self, program: &str, args: &[&str]) -> anyhow::Result<()> {
        let out = self.run(program, args)?;
        if !out.status.success() {
            bail!(
                "{program} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    /// Creates the cluster on first use, starts it, and returns how to connect.
    pub async fn start(data_dir: &Path) -> anyhow::Result<(Self, PgConnectOptions)> {
        let as_postgres_user = is_root();
        let root = cluster_home(&std::path::absolute(data_dir)?, as_postgres_user)?;
        let cluster_dir = root.join("cluster");
        let socket_dir = root.join("socket");
        let log_file = root.join("postgres.log");
        std::fs::create_dir_all(&socket_dir)?;
        let pg = Self {
            bin_dir: find_bin_dir()?,
            cluster_dir: cluster_dir.clone(),
            as_postgres_user,
        };
        if as_postgres_user {
            chown_to_postgres(&root)?;
        }
        let (cluster, socket, log) = (
            cluster_dir.to_string_lossy().to_string(),
            socket_dir.to_string_lossy().to_string(),
            log_file.to_string_lossy().to_string(),
        );
        if !cluster_dir.join("PG_VERSION").exists() {
            tracing::info!(dir = %cluster, "creating the embedded PostgreSQL cluster");
            pg.run_ok(
                "initdb",
                &[
                    "-D",
                    &cluster,
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-instructions",
                ],
            )?;
        }
        let running = pg
            .run("pg_ctl", &["-D", &cluster, "status"])?
            .status
            .success();
        if !running {
            let options = format!(
                "-k {socket} -p {PORT} -c listen_addresses='' -c unix_socket_permissions=0700"
            );
            pg.run_ok(
                "pg_ctl",
                &[
                    "-D", &cluster, "-l", &log, "-o", &options, "-w", "-t", "60", "start",
                ],
            )
            .with_context(|| format!("starting PostgreSQL failed; see {log}"))?;
        }
        let connect = |database: &str| {
            PgConnectOptions::new()
                .host(&socket)
                .port(PORT)
                .username("postgres")
                .database(database)
        };
        create_database_if_missing(connect("postgres")).await?;
        Ok((pg, connect(DATABASE)))
    }

    /// Stops the cluster (fast shutdown: open sessions are ended).
    pub fn stop(&self) {
        let cluster = self.cluster_dir.to_string_lossy().to_string();
        match self.run_ok("pg_ctl", &["-D", &cluster, "-m", "fast", "-w", "stop"]) {
            Ok(()) => tracing::info!("embedded PostgreSQL stopped"),
            Err(error) => tracing::warn!(%error, "could not stop embedded PostgreSQL"),
        }
    }
}

fn chown_to_postgres(path: &Path) -> anyhow::Result<()> {
    let status = Command::new("chown")
        .args(["-R", "postgres:postgres"])
        .arg(path)
        .status()?;
    if !status.success() {
        bail!(
            "running as root needs a `postgres` system user to own {}",
            path.display()
        );
    }
    Ok(())
}

/// The folder of the cluster for `data_dir`: `<data_dir>/pg`, unless the
/// postgres user (running as root) cannot reach it; then a folder under
/// [`FALLBACK_HOME`] named after the data folder, written down in
/// `<data_dir>/pg.location` (for `make clean-data`) and announced.
fn cluster_home(data_dir: &Path, as_postgres_user: bool) -> anyhow::Result<PathBuf> {
    let wanted = data_dir.join("pg");
    std::fs::create_dir_all(&wanted)?;
    if !as_postgres_user {
        return Ok(wanted);
    }
    chown_to_postgres(&wanted)?;
    let reachable = Command::new("runuser")
        .args(["-u", "postgres", "--", "test", "-w"])
        .arg(&wanted)
        .current_dir("/")
        .status()?
        .success();
    if reachable {
        return Ok(wanted);
    }
    let name = data_dir
        .to_string_lossy()
        .trim_start_matches('/')
        .replace('/', "-");
    let home = Path::new(FALLBACK_HOME).join(name);
    std::fs::create_dir_all(&home)?;
    chown_to_postgres(&home)?;
    std::fs::write(
        data_dir.join("pg.location"),
        home.to_string_lossy().as_bytes(),
    )?;
    println!(
        "The postgres user cannot reach {}, so the embedded database lives in {}.",
        data_dir.display(),
        home.display()
    );
    Ok(home)
}

async fn create_database_if_missing(admin: PgConnectOptions) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect_with(&admin).await?;
    let exists: bool =
        sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
            .bind(DATABASE)
            .fetch_one(&mut conn)
            .await?;
    if !exists {
        sqlx::query(&format!("create database {DATABASE}"))
            .execute(&mut conn)
            .await?;
    }
    Ok(())
}
