//! Pure account rules: emails, passwords, account types, token lifetimes and
//! lockout arithmetic. No database, no I/O: unit-tested below.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Duration, OffsetDateTime};

/// Failed logins for one account from one address within
/// [`LOCKOUT_WINDOW`] that lock that address out of that account.
pub const MAX_FAILED_LOGINS: i64 = 5;
/// Failed logins for one account from anywhere within [`LOCKOUT_WINDOW`]
/// that lock it for everyone (guessing spread over many addresses).
pub const MAX_FAILED_LOGINS_PER_ACCOUNT: i64 = 20;
pub const LOCKOUT_WINDOW: Duration = Duration::minutes(15);
/// Failed logins from one address within [`LOCKOUT_WINDOW`], whatever the
/// accounts, before logging in from there takes a link sent by email
/// (password spraying). Accounts behind one office NAT share an address,
/// so it is higher than the per-account limit.
pub const MAX_FAILED_LOGINS_PER_IP: i64 = 20;
pub const SIGN_IN_LINK_TTL: Duration = Duration::minutes(15);
pub const PASSWORD_RESET_TTL: Duration = Duration::minutes(15);
pub const EMAIL_VERIFICATION_TTL: Duration = Duration::hours(48);
pub const TERMS_VERSION: &str = "2026-11";

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A syntactically valid email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, String> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your email address.".into());
        }
        if email.chars().count() > 254 {
            return Err("An email address can be at most 254 characters long.".into());
        }
        let invalid = || "Enter an email address like name@example.com.".to_string();
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local_ok && domain_ok {
            Ok(Self(email))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Passwords people pick first; refused outright.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password1",
    "password12",
    "password123",
    "password1234",
    "1234567890",
    "12345678910",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "iloveyou12",
    "letmein123",
    "welcome123",
    "admin12345",
    "abc1234567",
    "passw0rd12",
    "football12",
    "1q2w3e4r5t",
    "monkey1234",
    "dragon1234",
    "sunshine12",
    "princess12",
    "changeme12",
    "trustno1234",
];

/// Checks a new password against the strength rules and returns the first
/// rule it breaks, phrased for the person typing it.
pub fn check_password_strength(password: &str, email: Option<&str>) -> Result<(), String> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err("Enter a password.".into());
    }
    if chars < PASSWORD_MIN_CHARS {
        return Err(format!(
            "Use at least {PASSWORD_MIN_CHARS} characters ({chars} so far)."
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(format!("Use at most {PASSWORD_MAX_CHARS} characters."));
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_other = password.chars().any(|c| !c.is_alphabetic());
    if !has_letter || !has_other {
        return Err("Mix letters with numbers or symbols.".into());
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str()) {
        return Err("This password is too common; choose another.".into());
    }
    let distinct: std::collections::HashSet<char> = lower.chars().collect();
    if distinct.len() < 4 {
        return Err("Use more different characters.".into());
    }
    if let Some(local) = email.and_then(|e| e.split('@').next())
        && local.chars().count() >= 4
        && lower.contains(&local.to_lowercase())
    {
        return Err("Do not use your email address in your password.".into());
    }
    Ok(())
}

/// What kind of account a user has. Admins are created by the operator, never
/// by the registration form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountType {
    Candidate,
    Employer,
    Admin,
}

impl AccountType {
    pub const ALL: [AccountType; 3] = [Self::Candidate, Self::Employer, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Candidate => "candidate",
            Self::Employer => "employer",
            Self::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Candidate => "Job seeker",
            Self::Employer => "Employer",
            Self::Admin => "Administrator",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }

    /// The account types a person may choose when registering.
    pub fn parse_self_service(value: &str) -> Result<Self, String> {
        match Self::parse(value) {
            Some(t @ (Self::Candidate | Self::Employer)) => Ok(t),
            _ => Err("Choose whether you are looking for work or hiring.".into()),
        }
    }
}

/// What an administrator may do (seed 001 admin_users): a super admin
/// everything, the others their part of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdminRole {
    SuperAdmin,
    Moderator,
    Support,
    Finance,
}

/// The parts of the admin dashboard, each open to some admin roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminArea {
    /// The dashboard's counts.
    Dashboard,
    /// Accounts: the list, and job seekers and employers changing type.
    People,
    /// Companies' verification and featured vacancies.
    Companies,
    /// Reports, the moderation queue, decisions and appeals.
    Moderation,
    /// Revenue, invoices, refunds, credits and plans.
    Billing,
    /// The email templates.
    Emails,
    /// The audit log and its chain.
    Audit,
    /// Site settings.
    Settings,
    /// Making, changing and ending administrators.
    Admins,
}

impl AdminRole {
    pub const ALL: [AdminRole; 4] = [
        Self::SuperAdmin,
        Self::Moderator,
        Self::Support,
        Self::Finance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SuperAdmin => "super_admin",
            Self::Moderator => "moderator",
            Self::Support => "support",
            Self::Finance => "finance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SuperAdmin => "Super admin",
            Self::Moderator => "Moderator",
            Self::Support => "Support",
            Self::Finance => "Finance",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// Whether this role may use `area`.
    pub fn may(self, area: AdminArea) -> bool {
        use AdminArea::*;
        match self {
            Self::SuperAdmin => true,
            Self::Moderator => matches!(area, Dashboard | People | Companies | Moderation),
            Self::Support => matches!(area, Dashboard | People | Companies | Emails),
            Self::Finance => matches!(area, Dashboard | Billing),
        }
    }
}

/// An account type with, for administrators, their role: the choice an
/// admin makes on the users page (`candidate`, `employer`, `admin:finance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub account_type: AccountType,
    pub admin_role: Option<AdminRole>,
}

impl Access {
    pub fn all() -> impl Iterator<Item = Access> {
        [AccountType::Candidate, AccountType::Employer]
            .into_iter()
            .map(|account_type| Access {
                account_type,
                admin_role: None,
            })
            .chain(AdminRole::ALL.into_iter().map(|role| Access {
                account_type: AccountType::Admin,
                admin_role: Some(role),
            }))
    }

    pub fn value(self) -> String {
        match self.admin_role {
            Some(role) => format!("admin:{}", role.as_str()),
            None => self.account_type.as_str().to_string(),
        }
    }

    pub fn label(self) -> String {
        match self.admin_role {
            Some(role) => format!("Administrator: {}", role.label()),
            None => self.account_type.label().to_string(),
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::all().find(|access| access.value() == value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountStatus {
    Pending,
    Active,
    Suspended,
    Deleted,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Deleted => "deleted",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Pending, Self::Active, Self::Suspended, Self::Deleted]
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    /// Whether a person with this status may log in.
    pub fn may_log_in(self) -> bool {
        matches!(self, Self::Pending | Self::Active)
    }
}

/// Recent failed logins that bear on one attempt (see [`LOCKOUT_WINDOW`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginFailures {
    /// For the address typed, from the caller's network.
    pub account_here: i64,
    /// For the address typed, from anywhere.
    pub account: i64,
    /// From the caller's network, for any address.
    pub network: i64,
}

impl LoginFailures {
    /// The failures after one more failed attempt from the same network.
    pub fn plus_one(self) -> Self {
        Self {
            account_here: self.account_here + 1,
            account: self.account + 1,
            network: self.network + 1,
        }
    }
}

/// What a login attempt may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginGate {
    /// Check the password and log in.
    Open,
    /// Too many failures for this account (from here or overall): refused
    /// without checking the password, for known and unknown addresses alike.
    Locked,
    /// Too many failures from this network: a right password gets a
    /// one-time sign-in link by email instead of a session.
    LinkOnly,
}

pub fn login_gate(f: LoginFailures) -> LoginGate {
    if f.account_here >= MAX_FAILED_LOGINS || f.account >= MAX_FAILED_LOGINS_PER_ACCOUNT {
        LoginGate::Locked
    } else if f.network >= MAX_FAILED_LOGINS_PER_IP {
        LoginGate::LinkOnly
    } else {
        LoginGate::Open
    }
}

/// An administrator's session ends after this long without a request.
const ADMIN_IDLE_SECONDS: i64 = 30 * 60;
/// An administrator's session notes its last use at most this often (to
/// spare the session store a write per request).
const ADMIN_SEEN_EVERY_SECONDS: i64 = 60;
/// Anyone else's session notes its use at most this often. Noting it saves
/// the session, and only a save restarts its 14 days (`Expiry::OnInactivity`
/// in the server), so someone who keeps coming back stays signed in.
const SEEN_EVERY_SECONDS: i64 = 24 * 60 * 60;

/// What a request does to a session last noted in use at `seen_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionUse {
    /// An administrator's, idle too long: the session ends.
    Expired,
    /// Still going; `note` says to record this use.
    Active { note: bool },
}

pub fn session_use(administrator: bool, seen_at: i64, now: i64) -> SessionUse {
    let idle = now - seen_at;
    if administrator && idle > ADMIN_IDLE_SECONDS {
        return SessionUse::Expired;
    }
    let every = if administrator {
        ADMIN_SEEN_EVERY_SECONDS
    } else {
        SEEN_EVERY_SECONDS
    };
    SessionUse::Active {
        note: idle >= every,
    }
}

/// Whether a one-time token may still be used.
pub fn token_usable(
    expires_at: OffsetDateTime,
    used_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> bool {
    used_at.is_none() && expires_at > now
}

/// Where to send someone after logging in: a path on this site, as the
/// browser itself will read it, or the home page. The address is parsed by
/// the same (WHATWG) rules as the browser's, so tricks the browser undoes,
/// such as a tab in `/\t/evil.example` that it drops to leave
/// `//evil.example`, cannot lead off the site; the path is returned as that
/// parser wrote it, which is also a valid header value.
#[cfg(feature = "ssr")]
pub fn safe_next(next: Option<&str>) -> String {
    let home = || "/".to_string();
    let Some(path) = next else { return home() };
    if !path.starts_with('/')
        || path.starts_with("//")
        || path.contains('\\')
        || path.chars().any(char::is_control)
    {
        return home();
    }
    let Ok(base) = url::Url::parse("http://site.invalid/") else {
        return home();
    };
    match base.join(path) {
        Ok(target) if target.origin() == base.origin() => {
            target[url::Position::BeforePath..].to_string()
        }
        _ => home(),
    }
}

/// Only the SHA-256 of a token is stored, so a database leak reveals no
/// usable links.
#[cfg(feature = "ssr")]
pub fn hash_token(token: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A new random token for a link: 256 bits, URL-safe.
#[cfg(feature = "ssr")]
pub fn new_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A browser and system in words ("Chrome on Android"), from a user agent,
/// for the notice of a sign-in from a new device.
pub fn describe_device(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map_or("A browser", |(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map(|(_, name)| name);
    match system {
        Some(system) => format!("{browser} on {system}"),
        None => browser.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn an_administrators_session_ends_after_thirty_idle_minutes() {
        let admin = |idle| session_use(true, 0, idle);
        assert_eq!(admin(30), SessionUse::Active { note: false });
        assert_eq!(admin(60), SessionUse::Active { note: true });
        assert_eq!(admin(1_800), SessionUse::Active { note: true });
        assert_eq!(admin(1_801), SessionUse::Expired);
    }

    #[test]
    fn anyone_elses_session_is_noted_in_use_once_a_day() {
        let member = |idle| session_use(false, 0, idle);
        assert_eq!(member(1_801), SessionUse::Active { note: false });
        assert_eq!(member(86_399), SessionUse::Active { note: false });
        assert_eq!(member(86_400), SessionUse::Active { note: true });
        // Sessions from before the rule noted nothing: noted at once.
        assert_eq!(
            session_use(false, 0, 1_800_000_000),
            SessionUse::Active { note: true }
        );
    }

    #[test]
    fn admin_roles_open_their_own_areas() {
        use AdminArea::*;
        let areas = [
            Dashboard, People, Companies, Moderation, Billing, Emails, Audit, Settings, Admins,
        ];
        let open = |role: AdminRole| -> Vec<AdminArea> {
            areas.into_iter().filter(|a| role.may(*a)).collect()
        };
        assert_eq!(open(AdminRole::SuperAdmin), areas);
        assert_eq!(
            open(AdminRole::Moderator),
            [Dashboard, People, Companies, Moderation]
        );
        assert_eq!(
            open(AdminRole::Support),
            [Dashboard, People, Companies, Emails]
        );
        assert_eq!(open(AdminRole::Finance), [Dashboard, Billing]);
    }

    #[test]
    fn access_choices_read_back() {
        for access in Access::all() {
            assert_eq!(Access::parse(&access.value()), Some(access));
        }
        assert_eq!(Access::all().count(), 6);
        assert_eq!(
            Access::parse("admin:finance").map(Access::label).as_deref(),
            Some("Administrator: Finance")
        );
        for bad in ["admin", "admin:owner", "owner", ""] {
            assert_eq!(Access::parse(bad), None, "{bad}");
        }
    }

    fn at(minute: i64) -> OffsetDateTime {
        datetime!(2026-01-01 12:00 UTC) + Duration::minutes(minute)
    }

    #[test]
    fn email_is_trimmed_and_lowercased() {
        let e = Email::parse("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(e.as_str(), "ada.lovelace@example.com");
    }

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let cases = [
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
                "Chrome on Android",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari on iPhone",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "Firefox on Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
                "Edge on Windows",
            ),
            ("curl/8.5.0", "A browser"),
        ];
        for (agent, words) in cases {
            assert_eq!(describe_device(agent), words, "{agent}");
        }
    }

    #[test]
    fn invalid_emails_are_refused() {
        for bad in [
            "",
            "   ",
            "plain",
            "@example.com",
            "ada@",
            "ada@example",
            "ada@@example.com",
            "ada @example.com",
            "ada@exa mple.com",
            ".ada@example.com",
            "ada..l@example.com",
            "ada@-example.com",
            "ada@example..com",
            "ada@example.com.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn overlong_email_is_refused_with_its_own_message() {
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(Email::parse(&long).unwrap_err().contains("254"));
    }

    #[test]
    fn valid_emails_pass() {
        for good in [
            "a@b.co",
            "first.last+tag@sub.example.org",
            "o'neil@example.ie",
        ] {
            assert!(Email::parse(good).is_ok(), "{good:?} should pass");
        }
    }

    #[test]
    fn password_rules() {
        assert!(
            check_password_strength("", None)
                .unwrap_err()
                .contains("Enter")
        );
        assert!(
            check_password_strength("short1!", None)
                .unwrap_err()
                .contains("at least 10")
        );
        assert!(
            check_password_strength("onlyletterswords", None)
                .unwrap_err()
                .contains("Mix")
        );
        assert!(
            check_password_strength("12345678901234", None)
                .unwrap_err()
                .contains("Mix")
        );
        assert!(
            check_password_strength("Password123", None)
                .unwrap_err()
                .contains("common")
        );
        assert!(
            check_password_strength("aaaaaaaaa1", None)
                .unwrap_err()
                .contains("different")
        );
        assert!(
            check_password_strength("graceh0pper-rocks", Some("gracehopper@example.com")).is_ok()
        );
        assert!(
            check_password_strength("my-gracehopper-1", Some("gracehopper@example.com"))
                .unwrap_err()
                .contains("email")
        );
        assert!(
            check_password_strength(&"ab1".repeat(50), None)
                .unwrap_err()
                .contains("at most")
        );
        assert!(check_password_strength("correct horse 9 battery", None).is_ok());
    }

    #[test]
    fn only_candidate_and_employer_can_self_register() {
        assert_eq!(
            AccountType::parse_self_service("candidate"),
            Ok(AccountType::Candidate)
        );
        assert_eq!(
            AccountType::parse_self_service("employer"),
            Ok(AccountType::Employer)
        );
        assert!(AccountType::parse_self_service("admin").is_err());
        assert!(AccountType::parse_self_service("").is_err());
    }

    #[test]
    fn account_status_round_trips_and_gates_login() {
        for s in ["pending", "active", "suspended", "deleted"] {
            assert_eq!(AccountStatus::parse(s).unwrap().as_str(), s);
        }
        assert!(AccountStatus::Pending.may_log_in());
        assert!(AccountStatus::Active.may_log_in());
        assert!(!AccountStatus::Suspended.may_log_in());
        assert!(!AccountStatus::Deleted.may_log_in());
    }

    #[test]
    fn failures_lock_the_account_here_then_everywhere_and_throttle_the_network() {
        let f = |account_here, account, network| LoginFailures {
            account_here,
            account,
            network,
        };
        assert_eq!(login_gate(f(0, 0, 0)), LoginGate::Open);
        assert_eq!(login_gate(f(4, 4, 4)), LoginGate::Open);
        assert_eq!(login_gate(f(4, 4, 4).plus_one()), LoginGate::Locked);
        // Another network is not locked out by someone else's guesses...
        assert_eq!(login_gate(f(0, 12, 0)), LoginGate::Open);
        // ...until the account has had too many from everywhere.
        assert_eq!(login_gate(f(0, 20, 0)), LoginGate::Locked);
        assert_eq!(login_gate(f(0, 0, 20)), LoginGate::LinkOnly);
        assert_eq!(login_gate(f(5, 5, 20)), LoginGate::Locked);
    }

    #[test]
    fn tokens_expire_and_are_single_use() {
        assert!(token_usable(at(15), None, at(14)));
        assert!(!token_usable(at(15), None, at(15)));
        assert!(!token_usable(at(15), Some(at(1)), at(2)));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn next_stays_on_site_as_the_browser_reads_it() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(
            safe_next(Some("/jobs?q=data&page=2#top")),
            "/jobs?q=data&page=2#top"
        );
        assert_eq!(
            safe_next(Some("/company/join?token=a b")),
            "/company/join?token=a%20b"
        );
        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r//evil.example",
            "\t//evil.example",
            "/\u{0}",
            "javascript:alert(1)",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn token_hash_is_stable_and_not_the_token() {
        let token = new_token();
        assert_eq!(token.len(), 43);
        assert_eq!(hash_token(&token), hash_token(&token));
        assert_ne!(hash_token(&token), token.as_bytes());
        assert_ne!(new_token(), token);
    }
}
