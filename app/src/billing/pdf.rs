//! An invoice or a credit note as a PDF, made on the server with the PDF library the site
//! already has (`lopdf`), in the fonts every PDF reader carries: Helvetica
//! for words and Courier for amounts, whose equal widths line the figures
//! up on the right. Those fonts know only Western European letters, so
//! amounts carry the currency code ("NGN 50,000.00") and other letters
//! lose their accents (the invoice's page shows them as written).

use super::rules::percent_label;
use super::{CreditNote, Invoice, InvoiceLine, Party};
use crate::money::Money;
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
/// Courier's advance, as a share of the font size.
const COURIER_WIDTH: f32 = 0.6;

/// The invoice's PDF document, with the refunds given on it.
pub fn invoice_pdf(invoice: &Invoice) -> Result<Vec<u8>, lopdf::Error> {
    let mut notes = vec![format!("Issued on {}", day(invoice.issued_at))];
    match (invoice.paid_at, invoice.due_at) {
        (Some(paid), _) => notes.push(format!("Paid on {}", day(paid))),
        (None, Some(due)) => notes.push(format!("Due on {}", day(due))),
        (None, None) => {}
    }
    let refunds = invoice
        .credit_notes
        .iter()
        .map(|n| {
            format!(
                "Refunded {} on {}: credit note {}",
                amount(n.total),
                day(n.issued_at),
                n.number
            )
        })
        .collect();
    document(&Printed {
        title: format!("Invoice {}", invoice.number),
        status: Some(invoice.status.label()),
        notes,
        seller: &invoice.seller,
        buyer: &invoice.buyer,
        lines: invoice.lines.clone(),
        subtotal: invoice.subtotal,
        vat_basis_points: invoice.vat_basis_points,
        vat: invoice.vat,
        total: invoice.total,
        total_label: "Total",
        after: refunds,
    })
}

/// The credit note's PDF document: what was given back of which invoice,
/// and why.
pub fn credit_note_pdf(note: &CreditNote) -> Result<Vec<u8>, lopdf::Error> {
    let mut after = vec![format!("Reason: {}", note.reason)];
    if note.credits_taken_back > 0 {
        after.push(format!(
            "{} introduction credits of the pack were taken back.",
            note.credits_taken_back
        ));
    }
    document(&Printed {
        title: format!("Credit note {}", note.number),
        status: None,
        notes: vec![
            format!("Issued on {}", day(note.issued_at)),
            format!("For invoice {}", note.invoice_number),
        ],
        seller: &note.seller,
        buyer: &note.buyer,
        lines: vec![InvoiceLine {
            description: format!("Refund of invoice {}", note.invoice_number),
            quantity: 1,
            unit_amount: note.subtotal,
            amount: note.subtotal,
        }],
        subtotal: note.subtotal,
        vat_basis_points: note.vat_basis_points,
        vat: note.vat,
        total: note.total,
        total_label: "Total credited",
        after,
    })
}

/// A billing document as printed: an invoice or a credit note.
struct Printed<'a> {
    title: String,
    /// The invoice's state, at the top right.
    status: Option<&'static str>,
    /// Lines under the title: when it was issued, paid or due.
    notes: Vec<String>,
    seller: &'a Party,
    buyer: &'a Party,
    lines: Vec<InvoiceLine>,
    subtotal: Money,
    vat_basis_points: i32,
    vat: Money,
    total: Money,
    total_label: &'static str,
    /// Lines under the totals (refunds, a reason).
    after: Vec<String>,
}

fn document(doc: &Printed<'_>) -> Result<Vec<u8>, lopdf::Error> {
    let mut page = Page::default();
    let mut y = PAGE_HEIGHT - MARGIN - 20.0;
    page.text(Font::Bold, 20.0, MARGIN, y, &doc.title);
    if let Some(status) = doc.status {
        page.text(
            Font::Bold,
            11.0,
            PAGE_WIDTH - MARGIN - 80.0,
            y + 4.0,
            status,
        );
    }
    y -= 8.0;
    for line in &doc.notes {
        y -= 14.0;
        page.text(Font::Regular, 10.0, MARGIN, y, line);
    }

    y -= 40.0;
    let parties = [
        ("FROM", doc.seller, MARGIN),
        ("BILLED TO", doc.buyer, PAGE_WIDTH / 2.0),
    ];
    let mut lowest = y;
    for (title, party, x) in parties {
        let mut line_y = y;
        page.text(Font::Bold, 8.0, x, line_y, title);
        line_y -= 15.0;
        page.text(Font::Bold, 11.0, x, line_y, &party.name);
        for line in party.address.lines().filter(|l| !l.trim().is_empty()) {
            line_y -= 13.0;
            page.text(Font::Regular, 10.0, x, line_y, line.trim());
        }
        if !party.tax_id.is_empty() {
            line_y -= 13.0;
            page.text(
                Font::Regular,
                10.0,
                x,
                line_y,
                &format!("Tax ID: {}", party.tax_id),
            );
        }
        lowest = lowest.min(line_y);
    }

    y = lowest - 40.0;
    let right = PAGE_WIDTH - MARGIN;
    page.text(Font::Bold, 9.0, MARGIN, y, "Description");
    page.text(Font::Bold, 9.0, 300.0, y, "Qty");
    page.text(Font::Bold, 9.0, 350.0, y, "Unit price");
    page.text(Font::Bold, 9.0, right - 40.0, y, "Amount");
    y -= 6.0;
    page.rule(y);
    for line in &doc.lines {
        y -= 16.0;
        page.text(Font::Regular, 10.0, MARGIN, y, &line.description);
        page.text(Font::Regular, 10.0, 300.0, y, &line.quantity.to_string());
        page.text(Font::Regular, 10.0, 350.0, y, &amount(line.unit_amount));
        page.amount(10.0, right, y, &amount(line.amount));
    }
    y -= 8.0;
    page.rule(y);
    let vat = format!("VAT ({})", percent_label(doc.vat_basis_points));
    let totals = [
        ("Subtotal", doc.subtotal, Font::Regular),
        (vat.as_str(), doc.vat, Font::Regular),
        (doc.total_label, doc.total, Font::Bold),
    ];
    for (label, money, font) in totals {
        y -= 18.0;
        page.text(font, 10.0, 350.0, y, label);
        page.amount(10.0, right, y, &amount(money));
    }
    y -= 16.0;
    for line in doc.after.iter().flat_map(|l| wrap(l, AFTER_LINE_CHARS)) {
        y -= 14.0;
        page.text(Font::Regular, 10.0, MARGIN, y, &line);
    }
    page.into_pdf()
}

/// How many characters of 10-point Helvetica fit across the page, with
/// room to spare for wide letters.
const AFTER_LINE_CHARS: usize = 90;

/// `text` in lines of at most `width` characters, broken between words
/// (a longer word stands alone on its line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn amount(money: Money) -> String {
    format!("{} {}", money.currency.code(), money.format_number())
}

fn day(at: time::OffsetDateTime) -> String {
    crate::ui::format_date(at.date())
}

#[derive(Clone, Copy)]
enum Font {
    Regular,
    Bold,
    Fixed,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Self::Regular => "F1",
            Self::Bold => "F2",
            Self::Fixed => "F3",
        }
    }
}

/// One page's drawing operations.
#[derive(Default)]
struct Page {
    operations: Vec<Operation>,
}

impl Page {
    fn text(&mut self, font: Font, size: f32, x: f32, y: f32, text: &str) {
        self.operations.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec![font.resource().into(), size.into()]),
            Operation::new("Td", vec![x.into(), y.into()]),
            Operation::new(
                "Tj",
                vec![Object::String(win_ansi(text), StringFormat::Literal)],
            ),
            Operation::new("ET", vec![]),
        ]);
    }

    /// An amount in Courier, ending at `right`.
    fn amount(&mut self, size: f32, right: f32, y: f32, text: &str) {
        let width = text.chars().count() as f32 * size * COURIER_WIDTH;
        self.text(Font::Fixed, size, right - width, y, text);
    }

    /// A thin line across the page.
    fn rule(&mut self, y: f32) {
        self.operations.extend([
            Operation::new("w", vec![0.5.into()]),
            Operation::new("m", vec![MARGIN.into(), y.into()]),
            Operation::new("l", vec![(PAGE_WIDTH - MARGIN).into(), y.into()]),
            Operation::new("S", vec![]),
        ]);
    }

    fn into_pdf(self) -> Result<Vec<u8>, lopdf::Error> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = |doc: &mut Document, name: &str| {
            doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => name,
                "Encoding" => "WinAnsiEncoding",
            })
        };
        let regular = font(&mut doc, "Helvetica");
        let bold = font(&mut doc, "Helvetica-Bold");
        let fixed = font(&mut doc, "Courier");
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => regular, "F2" => bold, "F3" => fixed },
        });
        let content = Content {
            operations: self.operations,
        };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode()?));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page_id.into()],
                "Count" => 1,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => pages_id,
        });
        doc.trailer.set("Root", catalog_id);
        doc.compress();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes)?;
        Ok(bytes)
    }
}

/// Text in the standard fonts' encoding: Latin-1 letters as they are, a
/// few typographic marks at their Windows code points, other letters
/// without their accents ("Ọ" → "O"), and "?" for anything else.
fn win_ansi(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Some(byte) = win_ansi_byte(c) {
            bytes.push(byte);
            continue;
        }
        let base: Vec<u8> = std::iter::once(c)
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .filter_map(win_ansi_byte)
            .collect();
        if base.is_empty() {
            bytes.push(b'?');
        } else {
            bytes.extend(base);
        }
    }
    bytes
}

fn win_ansi_byte(c: char) -> Option<u8> {
    Some(match c {
        '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u8,
        '€' => 0x80,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_written_in_the_standard_fonts_encoding() {
        assert_eq!(win_ansi("Acme Bank"), b"Acme Bank");
        assert_eq!(win_ansi("Ọlá Àdìgún"), b"Ol\xe1 \xc0d\xecg\xfan");
        assert_eq!(win_ansi("Café – “test”"), b"Caf\xe9 \x96 \x93test\x94");
        assert_eq!(win_ansi("₦ 5"), b"? 5");
    }

    #[test]
    fn long_text_breaks_between_words() {
        assert_eq!(
            wrap("The buyer was charged twice for March", 16),
            vec!["The buyer was", "charged twice", "for March"]
        );
        assert_eq!(wrap("Refunded", 4), vec!["Refunded"]);
        assert!(wrap("  ", 10).is_empty());
    }
}
