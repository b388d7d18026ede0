//! The real router over a fresh database, and a client that keeps its
//! session cookie the way a browser does.

use app::error::AppError;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::config::Config;
use sqlx::PgPool;
use std::net::SocketAddr;
use tower::ServiceExt;

pub const ORIGIN: &str = "http://localhost:3000";
pub const PASSWORD: &str = "correct horse 9 battery";

/// The site's page routes. Listed once for the whole run: listing pauses
/// resource loading in the process, which would stall pages rendering in
/// parallel tests.
/// "2026-12-02T10:00", `days` from now, as the interview form takes it.
pub fn days_ahead(days: i64) -> String {
    let at = time::OffsetDateTime::now_utc() + time::Duration::days(days);
    at.format(time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]"
    ))
    .unwrap()
}

pub fn page_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(server::routes::page_routes).clone()
}

/// An active account with a confirmed email, written directly: registering
/// each of many would hash a password. Returns its id.
pub async fn insert_user(pool: &PgPool, email: &str, account_type: &str) -> uuid::Uuid {
    let id = uuid::Uuid::now_v7();
    sqlx::query(
        "insert into users (id, email, password_hash, account_type, status,
                            email_verified_at, terms_accepted_at, terms_version)
         values ($1, $2, 'not a hash', $3, 'active', now(), now(), '1')",
    )
    .bind(id)
    .bind(email)
    .bind(account_type)
    .execute(pool)
    .await
    .unwrap();
    id
}

/// A real S3-compatible server (s3s over a temporary folder) on a free
/// local port for as long as the test runs, with one empty bucket.
pub async fn s3_server() -> app::media::storage::S3Settings {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    let root = std::env::temp_dir().join(format!("hirewell-s3-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(root.join("uploads")).unwrap();
    let mut builder = s3s::service::S3ServiceBuilder::new(s3s_fs::FileSystem::new(&root).unwrap());
    builder.set_auth(s3s::auth::SimpleAuth::from_single(
        "test-key",
        "test-secret",
    ));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let server = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
        while let Ok((socket, _)) = listener.accept().await {
            let connection = server
                .serve_connection(TokioIo::new(socket), service.clone())
                .into_owned();
            tokio::spawn(connection);
        }
    });
    app::media::storage::S3Settings {
        bucket: "uploads".into(),
        endpoint: format!("http://{address}"),
        region: "us-east-1".into(),
        access_key_id: "test-key".into(),
        secret_access_key: "test-secret".into(),
    }
}

/// How a test app is set up.
pub struct Setup {
    pub development: bool,
    /// The address connections come from.
    pub peer: std::net::IpAddr,
    pub site_url: &'static str,
    /// Keep uploads in this bucket instead of a folder.
    pub s3: Option<app::media::storage::S3Settings>,
    /// Send mail through this SMTP server instead of capturing it.
    pub smtp: Option<server::config::SmtpSettings>,
    pub email_events_secret: Option<&'static str>,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            development: true,
            peer: [127, 0, 0, 1].into(),
            site_url: ORIGIN,
            s3: None,
            smtp: None,
            email_events_secret: None,
        }
    }
}

pub struct TestApp {
    pub pool: PgPool,
    router: Router,
    pub state: app::state::AppState,
    data_dir: std::path::PathBuf,
}

impl TestApp {
    pub fn new(pool: PgPool) -> Self {
        Self::with(pool, Setup::default())
    }

    /// `development: false` is production mode (no mailbox).
    pub fn with_mode(pool: PgPool, development: bool) -> Self {
        Self::with(
            pool,
            Setup {
                development,
                ..Setup::default()
            },
        )
    }

    pub fn with(pool: PgPool, setup: Setup) -> Self {
        let config = Config {
            database_url: None,
            // Each test app keeps its uploads in a folder of its own.
            data_dir: std::env::temp_dir().join(format!("hirewell-test-{}", uuid::Uuid::new_v4())),
            development: setup.development,
            site_url: setup.site_url.into(),
            // As behind a reverse proxy, so a client can come from another
            // network (`Client::seen_as`); without the header the
            // connection's own address counts.
            trust_proxy: true,
            demo_data: None,
            data_key: None,
            development_on_network: false,
            // The real server program, which reads PDFs in contained children.
            program: env!("CARGO_BIN_EXE_server").into(),
            s3: setup.s3,
            instance_name: None,
            smtp: setup.smtp,
            email_events_secret: setup.email_events_secret.map(str::to_string),
            seller: app::billing::Party {
                name: "Hirewell Test Ltd".into(),
                address: "1 Test Street, Lagos".into(),
                tax_id: "TIN-0001".into(),
            },
            payments: Default::default(),
        };
        let cipher =
            app::crypto::FieldCipher::from_base64(&app::crypto::FieldCipher::generate_key())
                .unwrap();
        let options = LeptosOptions::builder().output_name("hirewell").build();
        let state = server::app_state(pool.clone(), &config, cipher).unwrap();
        let router = server::router_with_routes(state.clone(), options, page_routes()).layer(
            axum::Extension(ConnectInfo(SocketAddr::new(setup.peer, 40000))),
        );
        Self {
            pool,
            router,
            state,
            data_dir: config.data_dir,
        }
    }

    /// Files under the test's upload folder.
    pub fn stored_files(&self) -> Vec<std::path::PathBuf> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&self.data_dir.join("uploads"), &mut files);
        files
    }

    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookie: None,
            clock: None,
            forwarded_for: None,
            user_agent: None,
        }
    }

    /// Registers a user and returns their logged-in client (the
    /// confirmation mail sent, as the server's worker would at once).
    pub async fn registered(&self, email: &str, account_type: &str) -> Client {
        let mut client = self.client();
        let res = client.register(email, PASSWORD, account_type).await;
        assert_eq!(res.status, StatusCode::OK, "register failed: {}", res.body);
        self.run_jobs().await;
        client
    }

    /// The id of the account with this email.
    pub async fn user_id(&self, email: &str) -> uuid::Uuid {
        sqlx::query_scalar("select id from users where email = $1")
            .bind(email)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// A registered user made a super admin directly in the database.
    pub async fn admin(&self, email: &str) -> Client {
        self.admin_as(email, "super_admin").await
    }

    /// A registered user made an administrator with `role` (`support`,
    /// `finance`...) directly in the database, signed in again with their
    /// password and a newly set-up authenticator.
    pub async fn admin_as(&self, email: &str, role: &str) -> Client {
        self.admin_with_key(email, role).await.0
    }

    /// The same, with the administrator's authenticator key (base32).
    pub async fn admin_with_key(&self, email: &str, role: &str) -> (Client, String) {
        let mut client = self.registered(email, "candidate").await;
        sqlx::query("update users set account_type = 'admin', admin_role = $2 where email = $1")
            .bind(email)
            .bind(role)
            .execute(&self.pool)
            .await
            .unwrap();
        let reply = client.login(email, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let step = client.second_step().await;
        let key = step["SetUp"]["key"].as_str().unwrap().replace(' ', "");
        let reply = client.second_factor(&authenticator_code(&key, 0)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        (client, key)
    }

    /// The token in the newest captured email to an address (sending what
    /// the outbox holds first, as the server's worker does).
    pub async fn token_from_email(&self, to: &str, subject: &str) -> String {
        self.run_jobs().await;
        let body: String = sqlx::query_scalar(
            "select body_text from captured_emails where to_address = $1 and subject = $2
              order by created_at desc limit 1",
        )
        .bind(to)
        .bind(subject)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let start = body.find("token=").expect("email has a link with a token") + 6;
        body[start..].split_whitespace().next().unwrap().to_string()
    }

    /// An employer who owns a new company with this website ("" for none)
    /// that has room to work: verified by our team, on an agreement without
    /// limits. The limits have their own tests, on `fresh_employer_of`.
    pub async fn employer_of(&self, email: &str, company: &str, website: &str) -> Client {
        let client = self.fresh_employer_of(email, company, website).await;
        sqlx::query(
            "with company as (
                 update companies set verification_status = 'verified', verified_at = now()
                  where name = $1 returning id),
               agreement as (
                 insert into plan_versions (id, plan_code, version, company_id, features)
                 select gen_random_uuid(), 'enterprise',
                        (select max(version) + 1 from plan_versions where plan_code = 'enterprise'),
                        id, '{all_features}'
                   from company
                 returning id, company_id)
             update subscriptions s
                set plan_version_id = a.id, status = 'active', trial_ends_at = null
               from agreement a where s.company_id = a.company_id and s.ended_at is null",
        )
        .bind(company)
        .execute(&self.pool)
        .await
        .unwrap();
        client
    }

    /// An employer who owns a new company as setting one up leaves it: on
    /// the trial, its domain not yet confirmed.
    pub async fn fresh_employer_of(&self, email: &str, company: &str, website: &str) -> Client {
        let mut client = self.registered(email, "employer").await;
        let industry: uuid::Uuid =
            sqlx::query_scalar("select id from industries where name = 'Technology'")
                .fetch_one(&self.pool)
                .await
                .unwrap();
        let reply = client
            .call(
                "company/create",
                &[
                    ("name", company),
                    ("industry_id", &industry.to_string()),
                    ("company_size", "51-200"),
                    ("headquarters", "Lagos, Nigeria"),
                    ("website", website),
                    ("description", "We build things."),
                    ("linkedin_url", ""),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        client
    }

    /// Invites `email` to the inviter's company as `role` and sends the
    /// mail, as the worker would.
    pub async fn invite(&self, inviter: &mut Client, email: &str, role: &str) {
        let reply = inviter
            .call("company/invite", &[("email", email), ("role", role)])
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        self.run_jobs().await;
    }

    /// Invites `email` to the inviter's company as `role` and has them
    /// accept; returns their client.
    pub async fn join_company(&self, inviter: &mut Client, email: &str, role: &str) -> Client {
        self.invite(inviter, email, role).await;
        let subject: String = sqlx::query_scalar(
            "select subject from captured_emails where to_address = $1
              order by created_at desc limit 1",
        )
        .bind(email)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let token = self.token_from_email(email, &subject).await;
        let mut client = self.registered(email, "employer").await;
        let reply = client
            .call("company/invite/accept", &[("token", &token)])
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        client
    }

    /// Runs the due jobs with two workers at once, as two instances would;
    /// returns how many ran in all.
    pub async fn run_jobs_with_two_workers(&self) -> usize {
        let worker = |state: app::state::AppState| async move {
            let mut ran = 0;
            while app::jobs::run_next(&state).await.unwrap() {
                ran += 1;
            }
            ran
        };
        let (a, b) = tokio::join!(
            tokio::spawn(worker(self.state.clone())),
            tokio::spawn(worker(self.state.clone()))
        );
        a.unwrap() + b.unwrap()
    }

    /// Runs the background jobs that are due, as the server's worker does;
    /// returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        let mut ran = 0;
        while app::jobs::run_next(&self.state).await.unwrap() {
            ran += 1;
        }
        ran
    }

    pub async fn audit_count(&self, action: &str) -> i64 {
        sqlx::query_scalar("select count(*) from audit_log where action = $1")
            .bind(action)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn error(&self) -> AppError {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not an AppError ({e}): {} {}", self.status, self.body))
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }

    /// The nonce the reply's content security policy lets scripts run by.
    pub fn nonce(&self) -> String {
        let policy = self.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        let nonce = policy.split("'nonce-").nth(1).unwrap().split('\'').next();
        nonce.unwrap().to_string()
    }
}

#[derive(Clone)]
pub struct Client {
    router: Router,
    /// The session cookie (`name=value`).
    pub cookie: Option<String>,
    /// The time zone clock cookie the pages read, when one was set.
    pub clock: Option<String>,
    /// What the reverse proxy says about the client's address.
    forwarded_for: Option<String>,
    /// The browser's `User-Agent`, when it sends one.
    user_agent: Option<String>,
}

impl Client {
    /// The same client seen by the proxy as `x-forwarded-for` (the proxy
    /// appends the address it saw to whatever the client sent).
    pub fn seen_as(mut self, forwarded_for: &str) -> Self {
        self.forwarded_for = Some(forwarded_for.to_string());
        self
    }

    /// The same client in another browser (`User-Agent`).
    pub fn using(mut self, user_agent: &str) -> Self {
        self.user_agent = Some(user_agent.to_string());
        self
    }

    /// The `Cookie` header a browser would send.
    fn cookie_header(&self) -> Option<String> {
        let cookies: Vec<&str> = [&self.cookie, &self.clock]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!cookies.is_empty()).then(|| cookies.join("; "))
    }

    async fn send(&mut self, mut request: Request<Body>) -> Reply {
        if let Some(forwarded) = &self.forwarded_for {
            request
                .headers_mut()
                .insert("x-forwarded-for", forwarded.parse().unwrap());
        }
        if let Some(agent) = &self.user_agent {
            request
                .headers_mut()
                .insert(header::USER_AGENT, agent.parse().unwrap());
        }
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        for set in headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            let pair = set.split(';').next().unwrap_or_default().to_string();
            let kept = (!set.contains("Max-Age=0")).then_some(pair);
            if set.starts_with(app::ui::CLOCK_COOKIE) {
                self.clock = kept;
            } else {
                self.cookie = kept;
            }
        }
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// Calls a server function the way the hydrated page does.
    pub async fn call(&mut self, endpoint: &str, form: &[(&str, &str)]) -> Reply {
        self.call_from(endpoint, form, Some(ORIGIN)).await
    }

    /// Calls a server function with a body exactly as given (bytes a form
    /// encoder would never write, say).
    pub async fn call_raw(&mut self, endpoint: &str, body: String) -> Reply {
        let mut request = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::HOST, "localhost:3000")
            .header(header::ORIGIN, ORIGIN);
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    pub async fn call_from(
        &mut self,
        endpoint: &str,
        form: &[(&str, &str)],
        origin: Option<&str>,
    ) -> Reply {
        let mut request = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::HOST, "localhost:3000");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        let body = serde_urlencoded::to_string(form).unwrap();
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// Posts a form the way a browser without JavaScript does: it asks for
    /// HTML and names the page the form was on.
    pub async fn call_plain_form(
        &mut self,
        endpoint: &str,
        form: &[(&str, &str)],
        referer: &str,
    ) -> Reply {
        let mut request = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::HOST, "localhost:3000")
            .header(header::ORIGIN, ORIGIN)
            .header(header::REFERER, referer);
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        let body = serde_urlencoded::to_string(form).unwrap();
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// Posts a form without JavaScript (`call_plain_form`) and opens the
    /// page it is sent back to: that address and the page.
    pub async fn call_plain_form_and_follow(
        &mut self,
        endpoint: &str,
        form: &[(&str, &str)],
        referer: &str,
    ) -> (String, Reply) {
        let reply = self.call_plain_form(endpoint, form, referer).await;
        assert!(reply.status.is_redirection(), "{}", reply.status);
        let back = reply.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        // A browser keeps the fragment to itself.
        let page = self.get(back.split('#').next().unwrap_or_default()).await;
        (back, page)
    }

    /// Uploads a file to a server function as the page's upload form does.
    pub async fn upload(
        &mut self,
        endpoint: &str,
        field: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Reply {
        self.upload_with(endpoint, &[], field, file_name, bytes)
            .await
    }

    /// Uploads a file after the text fields of a form, as a browser sends
    /// them.
    pub async fn upload_with(
        &mut self,
        endpoint: &str,
        fields: &[(&str, &str)],
        field: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Reply {
        let boundary = "hirewell-test-boundary";
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        let mut body = format!(
            "{body}--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let mut request = Request::post(format!("/api/{endpoint}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::ACCEPT, "application/json")
            .header(header::HOST, "localhost:3000")
            .header(header::ORIGIN, ORIGIN);
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// A POST from outside the site (a mail client, a mail provider): no
    /// Origin and no cookie.
    pub async fn post_from_elsewhere(
        &mut self,
        path: &str,
        content_type: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::HOST, "localhost:3000");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::from(body.to_string())).unwrap())
            .await
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    /// A GET with extra headers (a `Range`, say).
    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Request::get(path).header(header::HOST, "localhost:3000");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Opens an event stream: its status and the body, to read as it arrives.
    pub async fn open_stream(
        &mut self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Body) {
        let mut request = Request::get(path)
            .header(header::HOST, "localhost:3000")
            .header(header::ACCEPT, "text/event-stream");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        (response.status(), response.into_body())
    }

    pub async fn register(&mut self, email: &str, password: &str, account_type: &str) -> Reply {
        self.call(
            "register",
            &[
                ("email", email),
                ("password", password),
                ("password_confirm", password),
                ("account_type", account_type),
                ("accept_terms", "on"),
            ],
        )
        .await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Reply {
        self.call("login", &[("email", email), ("password", password)])
            .await
    }

    /// What the second step of an administrator's sign-in asks for.
    pub async fn second_step(&mut self) -> serde_json::Value {
        let reply = self.call("second-factor", &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    /// Sends an authenticator or recovery code for the second step.
    pub async fn second_factor(&mut self, code: &str) -> Reply {
        self.call("second-factor/verify", &[("code", code)]).await
    }

    /// The email of the logged-in user, if any.
    pub async fn whoami(&mut self) -> Option<String> {
        let reply = self.call("session", &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["user"]["email"].as_str().map(str::to_string)
    }
}

/// The code an authenticator with this key (base32) shows now, or `steps`
/// steps of 30 seconds later (earlier when negative).
pub fn authenticator_code(key: &str, steps: i64) -> String {
    use app::auth::second_factor::rules::{code_at, secret_from_base32};
    let secret = secret_from_base32(key).expect("a base32 key");
    let now = time::OffsetDateTime::now_utc().unix_timestamp() + steps * 30;
    code_at(&secret, u64::try_from(now).unwrap()).unwrap()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}
