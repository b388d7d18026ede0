//! Files for demo data and tests: a one-page PDF résumé with real text and
//! a portrait-style placeholder photo, both made here so the repository
//! carries no binary files.

use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

/// A valid single-page PDF showing `lines` in Helvetica.
pub fn resume_pdf(lines: &[&str]) -> Vec<u8> {
    let escape = |line: &str| {
        line.chars()
            .filter(|c| c.is_ascii() && !c.is_ascii_control())
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect::<String>()
    };
    let mut content = String::from("BT /F1 11 Tf 14 TL 72 760 Td\n");
    for line in lines {
        content.push_str(&format!("({}) Tj T*\n", escape(line)));
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A placeholder portrait: a head-and-shoulders silhouette on a coloured
/// background, as JPEG. `hue` picks one of a few background colours.
pub fn portrait_jpeg(size: u32, hue: usize) -> Vec<u8> {
    const BACKGROUNDS: [[u8; 3]; 6] = [
        [79, 70, 229],
        [5, 150, 105],
        [217, 119, 6],
        [190, 24, 93],
        [14, 116, 144],
        [87, 83, 78],
    ];
    let background = Rgb(BACKGROUNDS[hue % BACKGROUNDS.len()]);
    let figure = Rgb([241, 245, 249]);
    let s = size as f32;
    let image = RgbImage::from_fn(size, size, |x, y| {
        let (x, y) = (x as f32 / s, y as f32 / s);
        let head = (x - 0.5).powi(2) + (y - 0.40).powi(2) < 0.17f32.powi(2);
        let shoulders = y > 0.62 && ((x - 0.5) / 0.36).powi(2) + ((y - 1.0) / 0.38).powi(2) < 1.0;
        if head || shoulders {
            figure
        } else {
            background
        }
    });
    let mut out = Vec::new();
    // Encoding an in-memory RGB image cannot fail.
    let _ = image.write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_has_extractable_text() {
        let pdf = resume_pdf(&["Ada Okafor", "Finance Director (Lagos)"]);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        assert!(text.contains("Finance Director (Lagos)"), "{text}");
    }

    #[test]
    fn the_portrait_is_a_jpeg() {
        let jpeg = portrait_jpeg(64, 1);
        assert_eq!(&jpeg[..3], &[0xFF, 0xD8, 0xFF]);
    }
}
