//! Pure rules for companies and their teams: names, slugs, domains, roles
//! and who may change what.

use serde::{Deserialize, Serialize};

pub const COMPANY_SIZES: [(&str, &str); 5] = [
    ("1-10", "1 to 10 people"),
    ("11-50", "11 to 50 people"),
    ("51-200", "51 to 200 people"),
    ("201-500", "201 to 500 people"),
    ("500+", "More than 500 people"),
];

/// How long an invitation link works.
pub const INVITE_DAYS: i64 = 7;

/// The address part of a company page (`/companies/{slug}`): lower-case
/// letters and digits joined by single hyphens. Empty when the name has no
/// letters or digits at all.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug.truncate(60);
    slug.trim_end_matches('-').to_string()
}

/// Common accented letters as their plain form, so "Café Nuñez" reads
/// "cafe-nunez" rather than "caf-nu-ez".
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        c => c,
    }
}

/// A website as typed, with `https://` added when the scheme is missing.
pub fn website_with_scheme(value: &str) -> String {
    let value = value.trim();
    if value.is_empty() || value.contains("://") {
        value.to_string()
    } else {
        format!("https://{value}")
    }
}

/// The email domain of a company from its (already checked) website:
/// the host without `www.`.
pub fn email_domain(website: &str) -> Option<String> {
    let rest = website
        .strip_prefix("https://")
        .or_else(|| website.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    host.contains('.').then_some(host)
}

/// A member's role in their company's team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamRole {
    Owner,
    Admin,
    Member,
}

impl TeamRole {
    pub const ALL: [TeamRole; 3] = [Self::Owner, Self::Admin, Self::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Admin => "Admin",
            Self::Member => "Member",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// Edits the company page and logo, invites and manages the team.
    pub fn manages(self) -> bool {
        matches!(self, Self::Owner | Self::Admin)
    }

    /// What a member of this role may do, as seed 001 lists it for
    /// `hr_partners`: everyone posts roles and sends introductions; billing
    /// is for owners.
    pub fn permissions(self) -> Permissions {
        Permissions {
            can_create_roles: true,
            can_send_introductions: true,
            can_manage_billing: self == Self::Owner,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub can_create_roles: bool,
    pub can_send_introductions: bool,
    pub can_manage_billing: bool,
}

pub const LAST_OWNER: &str =
    "A company needs at least one owner. Make someone else an owner first.";

/// Whether `actor` may give `target` (currently `current`) the role `new`.
/// `owners` counts the company's owners now.
pub fn check_role_change(
    actor: TeamRole,
    current: TeamRole,
    new: TeamRole,
    owners: i64,
) -> Result<(), String> {
    if !actor.manages() {
        return Err("Only owners and admins can change roles.".into());
    }
    if (current == TeamRole::Owner || new == TeamRole::Owner) && actor != TeamRole::Owner {
        return Err("Only an owner can make or unmake owners.".into());
    }
    if current == TeamRole::Owner && new != TeamRole::Owner && owners <= 1 {
        return Err(LAST_OWNER.into());
    }
    Ok(())
}

/// Whether `actor` may take `target` off the team (`is_self`: leaving).
pub fn check_removal(
    actor: TeamRole,
    target: TeamRole,
    is_self: bool,
    owners: i64,
) -> Result<(), String> {
    if target == TeamRole::Owner && owners <= 1 {
        return Err(if is_self {
            "You are the only owner. Make someone else an owner before you leave.".into()
        } else {
            LAST_OWNER.into()
        });
    }
    if is_self {
        return Ok(());
    }
    if !actor.manages() {
        return Err("Only owners and admins can remove people from the team.".into());
    }
    if target == TeamRole::Owner && actor != TeamRole::Owner {
        return Err("Only an owner can remove an owner.".into());
    }
    Ok(())
}

/// Whether `actor` may invite someone with `role`.
pub fn check_invite(actor: TeamRole, role: TeamRole) -> Result<(), String> {
    match (actor.manages(), role) {
        (false, _) => Err("Only owners and admins can invite people.".into()),
        (true, TeamRole::Owner) => Err(
            "Invite people as admins or members; make them owners once they have joined.".into(),
        ),
        (true, _) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::TeamRole::{Admin, Member, Owner};
    use super::*;

    #[test]
    fn slugs_are_plain_and_stable() {
        assert_eq!(slugify("Lagos Growth Bank"), "lagos-growth-bank");
        assert_eq!(slugify("  Café Nuñez & Co. "), "cafe-nunez-co");
        assert_eq!(slugify("A--B__C"), "a-b-c");
        assert_eq!(slugify("!!!"), "");
        assert!(slugify(&"x".repeat(100)).len() <= 60);
    }

    #[test]
    fn email_domain_comes_from_the_website_host() {
        assert_eq!(
            email_domain("https://www.acme.ng/about").as_deref(),
            Some("acme.ng")
        );
        assert_eq!(
            email_domain("http://Careers.Acme.com:8080").as_deref(),
            Some("careers.acme.com")
        );
        assert_eq!(email_domain("acme.com"), None);
        assert_eq!(website_with_scheme("acme.com"), "https://acme.com");
        assert_eq!(website_with_scheme("http://acme.com"), "http://acme.com");
        assert_eq!(website_with_scheme("  "), "");
    }

    #[test]
    fn the_last_owner_stays() {
        assert_eq!(
            check_role_change(Owner, Owner, Admin, 1),
            Err(LAST_OWNER.into())
        );
        assert!(check_role_change(Owner, Owner, Admin, 2).is_ok());
        assert!(check_removal(Owner, Owner, true, 1).is_err());
        assert!(check_removal(Owner, Owner, false, 1).is_err());
        assert!(check_removal(Owner, Owner, false, 2).is_ok());
    }

    #[test]
    fn admins_manage_members_but_not_owners() {
        assert!(check_role_change(Admin, Member, Admin, 1).is_ok());
        assert!(check_role_change(Admin, Member, Owner, 1).is_err());
        assert!(check_role_change(Admin, Owner, Member, 2).is_err());
        assert!(check_removal(Admin, Member, false, 1).is_ok());
        assert!(check_removal(Admin, Owner, false, 2).is_err());
        assert!(check_invite(Admin, Member).is_ok());
        assert!(check_invite(Admin, Owner).is_err());
    }

    #[test]
    fn members_manage_only_themselves() {
        assert!(check_role_change(Member, Member, Admin, 1).is_err());
        assert!(check_removal(Member, Member, false, 1).is_err());
        assert!(check_removal(Member, Member, true, 1).is_ok());
        assert!(check_invite(Member, Member).is_err());
    }

    #[test]
    fn billing_is_for_owners() {
        assert!(Owner.permissions().can_manage_billing);
        assert!(!Admin.permissions().can_manage_billing);
        assert!(Member.permissions().can_send_introductions);
    }
}
