//! The yardstick of `scripts/bench.sh`: about the least a page can do on
//! this stack. It reads 12 rows with sqlx and renders them as HTML with
//! axum, with no sessions, templates or layout. The benchmark compares the
//! real pages against this, measured in the same run.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use axum::serve::ListenerExt;
use sqlx::PgPool;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL")?;
    let addr = std::env::var("BASELINE_ADDR").unwrap_or_else(|_| "127.0.0.1:3100".into());
    // The same pool size as the site's.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(20)
        .connect(&url)
        .await?;
    let app = axum::Router::new().route("/", get(page)).with_state(pool);
    // As the site does: no Nagle delay on the last write of a response.
    let listener = tokio::net::TcpListener::bind(&addr)
        .await?
        .tap_io(|stream| {
            let _ = stream.set_nodelay(true);
        });
    axum::serve(listener, app).await?;
    Ok(())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

async fn page(State(pool): State<PgPool>) -> Result<Html<String>, StatusCode> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "select v.title, c.name from vacancies v join companies c on c.id = v.company_id
          where v.status = 'active' order by v.published_at desc, v.id desc limit 12",
    )
    .fetch_all(&pool)
    .await
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Jobs</title></head><body><ul>",
    );
    for (title, company) in rows {
        html.push_str(&format!(
            "<li>{} at {}</li>",
            escape(&title),
            escape(&company)
        ));
    }
    html.push_str("</ul></body></html>");
    Ok(Html(html))
}
