#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use anyhow::Context;
use app::state::AppState;
use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};
use leptos::config::get_configuration;
use server::config::Config;
use server::embedded_pg::EmbeddedPostgres;
use server::seed::{self, Scale};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::net::SocketAddr;
use tower_sessions::ExpiredDeletion;

mod allocator;

#[derive(Parser)]
#[command(name = "server", about = "The Hirewell web server")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Load the demo data set (idempotent).
    Seed {
        #[arg(long, value_enum, default_value = "small")]
        scale: Scale,
    },
    /// Create an administrator. The password comes from ADMIN_PASSWORD or a prompt.
    CreateAdmin { email: String },
    /// Work with the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Print how PostgreSQL runs a talent search (EXPLAIN ANALYZE) for the
    /// company member at EMAIL; QUERY as in the address, e.g. `q=finance&open=1`.
    ExplainTalentSearch { email: String, query: String },
    /// Run a program with limits on memory and CPU time (used by the server
    /// itself for work on untrusted files).
    #[command(hide = true)]
    Contained {
        #[arg(long)]
        memory_bytes: u64,
        #[arg(long)]
        cpu_seconds: u64,
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        program: Vec<String>,
    },
    /// Read a PDF on standard input; its text (or why not) as JSON on
    /// standard output. Run contained by the server.
    #[command(hide = true)]
    ExtractPdfText,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Walk the audit log's hash chain from its first entry; name the first
    /// broken link and exit with 1 if there is one.
    Verify,
}

fn main() {
    allocator::return_memory_promptly();
    let cli = Cli::parse();
    // The contained children do their one thing without a runtime or a
    // database.
    match &cli.command {
        Some(Command::Contained {
            memory_bytes,
            cpu_seconds,
            program,
        }) => std::process::exit(app::sandbox::become_contained(
            *memory_bytes,
            *cpu_seconds,
            program,
        )),
        Some(Command::ExtractPdfText) => std::process::exit(app::media::pdf_text::child_main()),
        _ => {}
    }
    init_tracing();
    allocator::start_purging();
    let outcome = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| runtime.block_on(run(cli)));
    if let Err(error) = outcome {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().init();
    } else {
        builder.compact().init();
    }
}

/// Connects to DATABASE_URL, or starts the embedded cluster, and migrates.
async fn connect(config: &Config) -> anyhow::Result<(PgPool, Option<EmbeddedPostgres>)> {
    let (options, embedded) = match &config.database_url {
        Some(url) => (
            url.parse::<PgConnectOptions>()
                .context("DATABASE_URL is not valid")?,
            None,
        ),
        None => {
            let (pg, options) = EmbeddedPostgres::start(&config.data_dir).await?;
            (options, Some(pg))
        }
    };
    // The site's data is read from memory or SSD, where a random read
    // costs little more than a sequential one. PostgreSQL's default (4)
    // assumes spinning disks: with it the talent search read all 220,000
    // privacy settings to join the 1,000 people it had found.
    let options = options.options([("random_page_cost", "1.1")]);
    // No ping before each use of a pooled connection: it was a round trip
    // on every request, and the pool already pings each connection it takes
    // back (closing one that fails). One the database dropped while idle
    // fails its next statement instead.
    let pool = PgPoolOptions::new()
        .max_connections(20)
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .context("could not connect to PostgreSQL")?;
    server::MIGRATOR
        .run(&pool)
        .await
        .context("migrations failed")?;
    Ok((pool, embedded))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env();
    let (pool, embedded) = connect(&config).await?;
    let state = server::app_state(pool.clone(), &config, config.field_cipher()?)?;
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&config, state, embedded.is_some()).await,
        Command::Contained { .. } | Command::ExtractPdfText => Ok(()),
        Command::Seed { scale } => seed::seed(&state, scale).await,
        Command::ExplainTalentSearch { email, query } => {
            explain_talent_search(&state, &email, &query).await
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => verify_audit_chain(&pool).await,
        Command::CreateAdmin { email } => {
            let password = match std::env::var("ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let p = rpassword::prompt_password("Password: ")?;
                    if p != rpassword::prompt_password("Password again: ")? {
                        anyhow::bail!("the two passwords differ");
                    }
                    p
                }
            };
            let id = server::operator::create_admin(&pool, &email, &password).await?;
            println!("Created administrator {email} ({id})");
            Ok(())
        }
    };
    if let Some(pg) = embedded {
        pg.stop();
    }
    result
}

async fn verify_audit_chain(pool: &PgPool) -> anyhow::Result<()> {
    let mut conn = pool.acquire().await?;
    let check = app::audit::chain::verify(&mut conn).await?;
    let walked = format!(
        "{} entries, {} daily heads checked, head {}",
        check.entries, check.anchors, check.head_hash
    );
    match check.broken {
        None => {
            println!("The audit chain is intact: {walked}.");
            Ok(())
        }
        Some(broken) => anyhow::bail!(
            "the audit chain is broken. {} (Walked before the break: {walked}.)",
            broken.describe()
        ),
    }
}

async fn serve(config: &Config, state: AppState, embedded: bool) -> anyhow::Result<()> {
    let pool = state.pool.clone();
    let leptos_options = get_configuration(None)?.leptos_options;
    let addr: SocketAddr = leptos_options.site_addr;
    config.check_listen_address(addr)?;
    // Demo data, with its published password, is for trying the site out.
    let demo = config.demo_data.unwrap_or(embedded && config.development);
    if demo && !seed::demo_present(&pool).await? {
        seed::seed(&state, Scale::Small).await?;
    }

    let store = tower_sessions_sqlx_store::PostgresStore::new(pool.clone());
    let cleanup =
        tokio::spawn(store.continuously_delete_expired(tokio::time::Duration::from_secs(3600)));

    let swept = app::media::video::api::sweep_abandoned_uploads(state.storage.as_ref()).await;
    if swept > 0 {
        tracing::info!(swept, "removed files of uploads cut short");
    }
    let worker = tokio::spawn(run_jobs(state.clone()));
    let live = tokio::spawn(state.live.clone().listen(pool.clone()));
    let settings = tokio::spawn(state.settings.clone().follow(pool.clone()));
    let pages = tokio::spawn(state.pages.clone().follow(pool.clone()));
    let search = tokio::spawn(state.search.clone().follow(pool.clone()));
    // The bundle's best-compressed forms, made once per build.
    let pkg_dir = std::path::Path::new(leptos_options.site_root.as_ref())
        .join(leptos_options.site_pkg_dir.as_ref());
    tokio::task::spawn_blocking(move || {
        let compressed = server::static_files::precompress(&pkg_dir);
        if compressed > 0 {
            tracing::info!(compressed, "precompressed the site's files");
        }
    });
    let app = server::router(state, leptos_options);
    // Pages go out in several writes; without TCP_NODELAY, Nagle's
    // algorithm holds the last one back until the client acknowledges.
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("could not listen on {addr}"))?
        .tap_io(|stream| {
            if let Err(error) = stream.set_nodelay(true) {
                tracing::debug!(%error, "could not set TCP_NODELAY");
            }
        });
    print_banner(config, &pool).await;
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    cleanup.abort();
    worker.abort();
    live.abort();
    settings.abort();
    pages.abort();
    search.abort();
    Ok(())
}

/// Runs due background jobs, queues subscriptions' renewals and endings,
/// sends due auto-applications, closes listings
/// and expires introduction requests whose time is up, queues the day's
/// saved search alerts, and sweeps old records (`app::jobs::sweep`);
/// several server instances can share the work.
/// A new job wakes it at once (LISTEN on the jobs channel); otherwise it
/// looks every 30 seconds.
async fn run_jobs(state: AppState) {
    let mut listener = job_listener(&state.pool).await;
    let mut last_sweep: Option<std::time::Instant> = None;
    loop {
        // Housekeeping once an hour.
        if last_sweep.is_none_or(|at| at.elapsed() > std::time::Duration::from_secs(3600)) {
            last_sweep = Some(std::time::Instant::now());
            match app::jobs::sweep(&state).await {
                Ok(swept) if swept == app::jobs::Swept::default() => {}
                Ok(swept) => tracing::info!(?swept, "deleted old records"),
                Err(error) => tracing::warn!(%error, "could not delete old records"),
            }
            let today = time::OffsetDateTime::now_utc().date();
            if let Err(error) = app::audit::chain::record_daily_head(&state.pool, today).await {
                tracing::warn!(%error, "could not record the audit chain's head");
            }
            if let Err(error) = app::metrics::db::refresh(&state.pool, today).await {
                tracing::warn!(%error, "could not count the day's figures");
            }
        }
        match app::notifications::digest::send_due(&state.pool, time::OffsetDateTime::now_utc())
            .await
        {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "queued daily summaries"),
            Err(error) => tracing::warn!(%error, "could not send daily summaries"),
        }
        match app::vacancies::db::notify_expiring_listings(&state.pool).await {
            Ok(0) => {}
            Ok(told) => tracing::info!(told, "told teams of listings ending soon"),
            Err(error) => tracing::warn!(%error, "could not tell of listings ending soon"),
        }
        match app::vacancies::db::close_expired_listings(&state.pool).await {
            Ok(0) => {}
            Ok(closed) => tracing::info!(closed, "closed expired vacancies"),
            Err(error) => tracing::warn!(%error, "could not close expired vacancies"),
        }
        match app::introductions::db::expire_due(&state.pool).await {
            Ok(0) => {}
            Ok(expired) => tracing::info!(expired, "expired introduction requests"),
            Err(error) => tracing::warn!(%error, "could not expire introduction requests"),
        }
        match app::introductions::db::remind_due(&state.pool).await {
            Ok(0) => {}
            Ok(reminded) => tracing::info!(reminded, "reminded of expiring introduction requests"),
            Err(error) => tracing::warn!(%error, "could not remind of introduction requests"),
        }
        match app::talent::searches::queue_due_alerts(&state.pool).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "queued saved search alerts"),
            Err(error) => tracing::warn!(%error, "could not queue saved search alerts"),
        }
        match app::billing::lifecycle::queue_due(&state.pool, time::OffsetDateTime::now_utc()).await
        {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "queued subscription renewals and endings"),
            Err(error) => tracing::warn!(%error, "could not queue subscription renewals"),
        }
        match app::swipe::queue::process_due(&state.pool).await {
            Ok(0) => {}
            Ok(handled) => tracing::info!(handled, "sent due auto-applications"),
            Err(error) => tracing::warn!(%error, "could not send auto-applications"),
        }
        match app::jobs::run_next(&state).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, "job worker could not reach the database"),
        }
        let pause = std::time::Duration::from_secs(30);
        match listener.as_mut() {
            Some(l) => {
                if let Ok(Err(error)) = tokio::time::timeout(pause, l.recv()).await {
                    // It reconnects by itself on the next receive; meanwhile
                    // the 30-second look still finds every job.
                    tracing::warn!(%error, "job notifications interrupted");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
            None => tokio::time::sleep(pause).await,
        }
    }
}

/// Listens for new jobs; `None` (polling only) when that is not possible.
async fn job_listener(pool: &PgPool) -> Option<sqlx::postgres::PgListener> {
    let mut listener = match sqlx::postgres::PgListener::connect_with(pool).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::warn!(%error, "no job notifications; looking for jobs every 30 seconds");
            return None;
        }
    };
    match listener.listen(app::jobs::CHANNEL).await {
        Ok(()) => Some(listener),
        Err(error) => {
            tracing::warn!(%error, "no job notifications; looking for jobs every 30 seconds");
            None
        }
    }
}

async fn explain_talent_search(state: &AppState, email: &str, query: &str) -> anyhow::Result<()> {
    let member = sqlx::query!(
        "select m.user_id, m.company_id from company_members m
           join users u on u.id = m.user_id where lower(u.email) = lower($1)",
        email
    )
    .fetch_optional(&state.pool)
    .await?
    .with_context(|| format!("{email} is not a company member"))?;
    let query =
        app::talent::query::TalentQuery::from_pairs(form_urlencoded::parse(query.as_bytes()));
    let (filters, _) = app::talent::query::parse(&query);
    for line in
        app::talent::db::explain_search(&state.pool, &filters, member.company_id, member.user_id)
            .await?
    {
        println!("{line}");
    }
    Ok(())
}

async fn print_banner(config: &Config, pool: &PgPool) {
    println!("\nHirewell is running at {}", config.site_url);
    if seed::demo_present(pool).await.unwrap_or(false) {
        if !config.development {
            tracing::warn!(
                "the demo accounts exist, with the password published in the README: \
                 delete them, or start from a database without the demo data (DEMO_DATA=0)"
            );
        }
        println!("Demo logins (password: {}):", seed::DEMO_PASSWORD);
        for (email, account_type) in seed::DEMO_ACCOUNTS {
            println!("  {:<14} {email}", account_type.label());
        }
        println!(
            "The administrator's authenticator key (add it to an authenticator app): {}",
            app::auth::second_factor::rules::readable_key(seed::DEMO_ADMIN_AUTHENTICATOR_KEY)
        );
    }
    if config.development {
        println!(
            "Captured email (from this machine only): {}/dev/mailbox",
            config.site_url
        );
    }
    println!("Press Ctrl-C to stop.\n");
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
