//! Money: whole minor units (kobo) with their currency code, never floats.
//! Amounts are formatted for people here and nowhere else.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// In the currency's minor unit: 100 kobo make a naira.
    pub minor: i64,
    pub currency: Currency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Currency {
    Ngn,
}

impl Currency {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "NGN" => Some(Self::Ngn),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Ngn => "NGN",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Self::Ngn => "₦",
        }
    }
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// "₦50,000.00"; "-₦1,250.50" for a credit.
    pub fn format(self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        format!("{sign}{}{}", self.currency.symbol(), self.abs_number())
    }

    /// The amount without its symbol: "50,000.00", "-1,250.50".
    pub fn format_number(self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        format!("{sign}{}", self.abs_number())
    }

    fn abs_number(self) -> String {
        let minor = self.minor.unsigned_abs();
        format!("{}.{:02}", group_digits(minor / 100), minor % 100)
    }

    /// "₦50,000" where the amount is whole (prices on the pricing page).
    pub fn format_short(self) -> String {
        if self.minor % 100 == 0 {
            let full = self.format();
            full[..full.len() - 3].to_string()
        } else {
            self.format()
        }
    }
}

/// 1250000 → "1,250,000".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Minor units as major units with thousands separators, cents only when
/// there are any: 125050 → "1,250.50", 4500000000 → "45,000,000".
pub fn grouped_minor(minor: i64) -> String {
    let whole = group_digits((minor / 100).unsigned_abs());
    match minor % 100 {
        0 => whole,
        cents => format!("{whole}.{:02}", cents.abs()),
    }
}

/// Value added tax in Nigeria: 7.5%, as basis points so no float is near it.
pub const VAT_BASIS_POINTS: i64 = 750;

/// The VAT on a subtotal, rounded half up to the minor unit (once per
/// invoice, on its subtotal).
pub fn vat(subtotal_minor: i64, basis_points: i64) -> i64 {
    let scaled = i128::from(subtotal_minor) * i128::from(basis_points);
    let (whole, rest) = (scaled / 10_000, scaled % 10_000);
    let rounded = if rest.abs() * 2 >= 10_000 {
        whole + scaled.signum()
    } else {
        whole
    };
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// The unused part of a period's price when a plan changes part way: the
/// price times the share of the period left, rounded down to the minor
/// unit (the buyer is never credited more than they paid).
pub fn unused_share(price_minor: i64, period_seconds: i64, seconds_left: i64) -> i64 {
    if period_seconds <= 0 || seconds_left <= 0 {
        return 0;
    }
    let left = seconds_left.min(period_seconds);
    let share = i128::from(price_minor) * i128::from(left) / i128::from(period_seconds);
    i64::try_from(share).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naira(minor: i64) -> Money {
        Money::new(minor, Currency::Ngn)
    }

    #[test]
    fn amounts_read_as_naira_and_kobo() {
        assert_eq!(naira(5_000_000).format(), "₦50,000.00");
        assert_eq!(naira(162_000_000).format(), "₦1,620,000.00");
        assert_eq!(naira(125_050).format(), "₦1,250.50");
        assert_eq!(naira(5).format(), "₦0.05");
        assert_eq!(naira(0).format(), "₦0.00");
        assert_eq!(naira(-125_050).format(), "-₦1,250.50");
        assert_eq!(naira(5_000_000).format_short(), "₦50,000");
        assert_eq!(naira(125_050).format_short(), "₦1,250.50");
        assert_eq!(naira(5_000_000).format_number(), "50,000.00");
        assert_eq!(naira(-125_050).format_number(), "-1,250.50");
    }

    #[test]
    fn digits_group_in_threes() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(group_digits(123_456_789), "123,456,789");
        assert_eq!(grouped_minor(4_500_000_000), "45,000,000");
        assert_eq!(grouped_minor(125_050), "1,250.50");
        assert_eq!(grouped_minor(5), "0.05");
    }

    #[test]
    fn vat_is_seven_and_a_half_percent_rounded_half_up() {
        assert_eq!(vat(5_000_000, VAT_BASIS_POINTS), 375_000);
        // 7.5% of 1 kobo is 0.075: rounds down; of 20 kobo 1.5: rounds up.
        assert_eq!(vat(1, VAT_BASIS_POINTS), 0);
        assert_eq!(vat(20, VAT_BASIS_POINTS), 2);
        assert_eq!(vat(6, VAT_BASIS_POINTS), 0);
        assert_eq!(vat(7, VAT_BASIS_POINTS), 1);
        // Exactly half a kobo goes up: 300,001.5 → 300,002.
        assert_eq!(vat(4_000_020, VAT_BASIS_POINTS), 300_002);
        assert_eq!(vat(0, VAT_BASIS_POINTS), 0);
        // A credit note's VAT rounds away from zero the same way.
        assert_eq!(vat(-20, VAT_BASIS_POINTS), -2);
        assert_eq!(vat(i64::MAX, VAT_BASIS_POINTS), 691_752_902_764_108_186);
    }

    #[test]
    fn the_unused_share_of_a_period_is_never_more_than_was_paid() {
        let day = 86_400;
        assert_eq!(unused_share(5_000_000, 30 * day, 15 * day), 2_500_000);
        assert_eq!(unused_share(5_000_000, 30 * day, 0), 0);
        assert_eq!(unused_share(5_000_000, 30 * day, 31 * day), 5_000_000);
        assert_eq!(unused_share(100, 3, 1), 33);
        assert_eq!(unused_share(5_000_000, 0, 10), 0);
    }
}
