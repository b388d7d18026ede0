//! schema.org JobPosting for search engines, built from a vacancy's facts.

use serde_json::{Value, json};

/// What the structured data describes.
pub struct PostingFacts<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    /// `None` for a confidential vacancy.
    pub company: Option<&'a str>,
    pub date_posted: time::OffsetDateTime,
    pub valid_through: Option<time::OffsetDateTime>,
    pub employment_type: &'a str,
    pub remote_option: &'a str,
    pub city: &'a str,
    pub region: &'a str,
    pub country: &'a str,
    /// (min, max) in minor units, currency and period.
    pub salary: Option<(i64, i64, &'a str, &'a str)>,
}

/// A decimal amount from minor units, exactly (no floating point).
fn amount(minor: i64) -> Value {
    let text = crate::profiles::rules::minor_to_money(minor);
    serde_json::from_str::<serde_json::Number>(&text)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

fn rfc3339(moment: time::OffsetDateTime) -> String {
    moment
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The JSON-LD text, safe to place inside a `<script>` element: `<`, `>`
/// and `&` are escaped so no text of the vacancy can end the element.
pub fn job_posting_json_ld(f: &PostingFacts<'_>) -> String {
    let employment_type = match f.employment_type {
        "full_time" => "FULL_TIME",
        "part_time" => "PART_TIME",
        "contract" | "consulting" => "CONTRACTOR",
        "internship" => "INTERN",
        _ => "OTHER",
    };
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": f.title,
        "description": f.description,
        "url": f.url,
        "datePosted": rfc3339(f.date_posted),
        "employmentType": employment_type,
        "hiringOrganization": {
            "@type": "Organization",
            "name": f.company.unwrap_or("Confidential company"),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": f.city,
                "addressRegion": f.region,
                "addressCountry": f.country,
            }
        },
    });
    if let Some(until) = f.valid_through {
        posting["validThrough"] = json!(rfc3339(until));
    }
    if f.remote_option == "remote" {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        if !f.country.is_empty() {
            posting["applicantLocationRequirements"] =
                json!({ "@type": "Country", "name": f.country });
        }
    }
    if let Some((min, max, currency, period)) = f.salary {
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": amount(min),
                "maxValue": amount(max),
                "unitText": match period { "month" => "MONTH", "hour" => "HOUR", _ => "YEAR" },
            }
        });
    }
    posting
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_posting_carries_pay_place_and_cannot_break_out_of_its_script() {
        let text = job_posting_json_ld(&PostingFacts {
            title: "Analyst </script><script>alert(1)</script>",
            description: "Numbers & words",
            url: "https://hirewell.example/jobs/analyst-1",
            company: None,
            date_posted: time::macros::datetime!(2026-11-20 09:00 UTC),
            valid_through: Some(time::macros::datetime!(2026-12-20 09:00 UTC)),
            employment_type: "contract",
            remote_option: "remote",
            city: "",
            region: "",
            country: "Nigeria",
            salary: Some((85_000_050, 120_000_000, "NGN", "month")),
        });
        assert!(!text.contains('<') && !text.contains('&'));
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["title"], "Analyst </script><script>alert(1)</script>");
        assert_eq!(value["hiringOrganization"]["name"], "Confidential company");
        assert_eq!(value["employmentType"], "CONTRACTOR");
        assert_eq!(value["jobLocationType"], "TELECOMMUTE");
        assert_eq!(value["validThrough"], "2026-12-20T09:00:00Z");
        assert_eq!(
            value["baseSalary"]["value"]["minValue"].to_string(),
            "850000.5"
        );
        assert_eq!(value["baseSalary"]["value"]["unitText"], "MONTH");
    }
}
