//! Allowed values for the settings, with labels for the page.

/// Who may see a candidate's profile.
pub const VISIBILITIES: [(&str, &str, &str); 3] = [
    (
        "public",
        "Public",
        "Anyone, including visitors who are not logged in.",
    ),
    (
        "network",
        "Companies",
        "Only people signed in for a company on Hirewell. Other job seekers and visitors cannot see it.",
    ),
    (
        "private",
        "Private",
        "Nobody but you; employers see you only when you apply or accept an introduction.",
    ),
];

/// Languages a person may prefer. Nothing is translated yet: the choice is
/// kept for the site and its emails once translations arrive.
pub const LANGUAGES: [(&str, &str); 8] = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
    ("de", "Deutsch"),
    ("ar", "العربية"),
    ("sw", "Kiswahili"),
    ("yo", "Yorùbá"),
];

/// Time zones offered (IANA names), grouped roughly west to east.
pub const TIME_ZONES: [&str; 36] = [
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Toronto",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Atlantic/Azores",
    "UTC",
    "Europe/London",
    "Europe/Lisbon",
    "Africa/Lagos",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Europe/Kyiv",
    "Africa/Nairobi",
    "Europe/Istanbul",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Asia/Seoul",
];

pub fn parse_visibility(value: &str) -> Result<String, String> {
    VISIBILITIES
        .iter()
        .find(|(v, _, _)| *v == value)
        .map(|(v, _, _)| v.to_string())
        .ok_or_else(|| "Choose who can see your profile.".into())
}

pub fn parse_language(value: &str) -> Result<String, String> {
    LANGUAGES
        .iter()
        .find(|(code, _)| *code == value)
        .map(|(code, _)| code.to_string())
        .ok_or_else(|| "Choose a language from the list.".into())
}

pub fn parse_time_zone(value: &str) -> Result<String, String> {
    TIME_ZONES
        .iter()
        .find(|zone| **zone == value)
        .map(|zone| zone.to_string())
        .ok_or_else(|| "Choose a time zone from the list.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_values_pass() {
        assert_eq!(parse_visibility("network").as_deref(), Ok("network"));
        assert!(parse_visibility("everyone").is_err());
        assert_eq!(parse_language("fr").as_deref(), Ok("fr"));
        assert!(parse_language("klingon").is_err());
        assert_eq!(
            parse_time_zone("Africa/Lagos").as_deref(),
            Ok("Africa/Lagos")
        );
        assert!(parse_time_zone("Mars/Olympus_Mons").is_err());
        assert!(parse_time_zone("").is_err());
    }

    #[test]
    fn time_zones_are_unique() {
        let mut zones = TIME_ZONES.to_vec();
        zones.sort();
        zones.dedup();
        assert_eq!(zones.len(), TIME_ZONES.len());
    }
}
