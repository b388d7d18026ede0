#![deny(clippy::unwrap_used, clippy::expect_used)]

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
}

#[tokio::main]
async fn main() {
    init_tracing();
    if let Err(error) = run(Cli::parse()).await {
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
    let pool = PgPoolOptions::new()
        .max_connections(20)
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
    let state = server::app_state(pool.clone(), &config, config.field_cipher()?);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&config, state, embedded.is_some()).await,
        Command::Seed { scale } => seed::seed(&state, scale).await,
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

async fn serve(config: &Config, state: AppState, embedded: bool) -> anyhow::Result<()> {
    let pool = state.pool.clone();
    if config.demo_data.unwrap_or(embedded) && !seed::demo_present(&pool).await? {
        seed::seed(&state, Scale::Small).await?;
    }
    let leptos_options = get_configuration(None)?.leptos_options;
    let addr: SocketAddr = leptos_options.site_addr;

    let store = tower_sessions_sqlx_store::PostgresStore::new(pool.clone());
    let cleanup =
        tokio::spawn(store.continuously_delete_expired(tokio::time::Duration::from_secs(3600)));

    let worker = tokio::spawn(run_jobs(state.clone()));
    let videos = state.clone();
    tokio::spawn(async move {
        if let Err(error) = app::media::video::process::resume_unfinished(&videos).await {
            tracing::warn!(%error, "could not resume processing videos");
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
    Ok(())
}

/// Runs due background jobs, sends due auto-applications and closes
/// listings whose time is up; several server instances can share the work.
async fn run_jobs(state: AppState) {
    loop {
        match app::vacancies::db::close_expired_listings(&state.pool).await {
            Ok(0) => {}
            Ok(closed) => tracing::info!(closed, "closed expired vacancies"),
            Err(error) => tracing::warn!(%error, "could not close expired vacancies"),
        }
        match app::swipe::queue::process_due(&state.pool).await {
            Ok(0) => {}
            Ok(handled) => tracing::info!(handled, "sent due auto-applications"),
            Err(error) => tracing::warn!(%error, "could not send auto-applications"),
        }
        match app::jobs::run_next(&state.pool, state.storage.as_ref()).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, "job worker could not reach the database"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
    }
}

async fn print_banner(config: &Config, pool: &PgPool) {
    println!("\nHirewell is running at {}", config.site_url);
    if seed::demo_present(pool).await.unwrap_or(false) {
        println!("Demo logins (password: {}):", seed::DEMO_PASSWORD);
        for (email, account_type) in seed::DEMO_ACCOUNTS {
            println!("  {:<14} {email}", account_type.label());
        }
    }
    if config.development {
        println!("Captured email: {}/dev/mailbox", config.site_url);
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
