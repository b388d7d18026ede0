//! Reading the text of an uploaded PDF (a résumé) without letting a hostile
//! file take the server down. The reading runs in a contained child
//! process (`crate::sandbox`): the server program's `extract-pdf-text`
//! command reads the PDF on standard input and writes its verdict as JSON.
//! Inside it, a document with too many pages, or whose streams inflate to
//! too much, is refused before any text is extracted; the child's memory
//! and CPU limits catch whatever those checks do not foresee.

use crate::sandbox::{self, Limits};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// Résumés are short: longer documents are refused.
pub const MAX_PAGES: usize = 50;
/// What all the streams of the document may inflate to together.
pub const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;
/// Text beyond this is cut (the parser needs far less).
const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// The child's limits.
pub const LIMITS: Limits = Limits {
    memory_bytes: 1024 * 1024 * 1024,
    cpu_seconds: 20,
    wall: Duration::from_secs(30),
};

/// The verdict on a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Extracted {
    Text(String),
    /// A readable PDF with no text in it (a scan).
    NoText,
    /// Refused or unreadable; the message is for the person.
    Refused(String),
}

const UNREADABLE: &str = "We could not read this PDF. It may be damaged; try saving it again.";

/// Reads the text of `bytes` in this process, within the page and inflated
/// size limits. Meant to run inside the contained child.
pub fn extract(bytes: &[u8]) -> Extracted {
    // The PDF libraries can panic on malformed files; contain that too.
    std::panic::catch_unwind(|| extract_checked(bytes))
        .unwrap_or_else(|_| Extracted::Refused(UNREADABLE.into()))
}

fn extract_checked(bytes: &[u8]) -> Extracted {
    let Ok(document) = lopdf::Document::load_mem(bytes) else {
        return Extracted::Refused(UNREADABLE.into());
    };
    if document.get_pages().len() > MAX_PAGES {
        return Extracted::Refused(format!(
            "This PDF has more than {MAX_PAGES} pages. Upload a shorter résumé."
        ));
    }
    if inflated_size(&document, MAX_INFLATED_BYTES) > MAX_INFLATED_BYTES {
        return Extracted::Refused(
            "This PDF holds far more data than a résumé does, so we did not read it.".into(),
        );
    }
    let mut text = String::new();
    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
    if pdf_extract::output_doc(&document, &mut output).is_err() {
        return Extracted::Refused(UNREADABLE.into());
    }
    if text.trim().is_empty() {
        return Extracted::NoText;
    }
    if text.len() > MAX_TEXT_BYTES {
        let mut end = MAX_TEXT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    Extracted::Text(text)
}

/// What the document's streams inflate to, counted without keeping the
/// output and without counting past `budget`.
fn inflated_size(document: &lopdf::Document, budget: u64) -> u64 {
    let mut total = 0u64;
    for object in document.objects.values() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        let left = budget.saturating_sub(total) + 1;
        total += match stream.filters().ok().as_deref() {
            None | Some([]) => stream.content.len() as u64,
            Some([b"FlateDecode"]) => {
                let mut inflated =
                    flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(left);
                std::io::copy(&mut inflated, &mut std::io::sink()).unwrap_or(left)
            }
            // Rare chains of other filters: decode them for real (the
            // child's memory limit still holds).
            Some(_) => stream
                .decompressed_content()
                .map_or(0, |content| content.len() as u64),
        };
        if total > budget {
            break;
        }
    }
    total
}

/// The `extract-pdf-text` command: the PDF on standard input, the verdict
/// as JSON on standard output. Returns the exit code.
pub fn child_main() -> i32 {
    let mut bytes = Vec::new();
    let limit = crate::media::files::MAX_RESUME_BYTES as u64 + 1;
    if std::io::stdin()
        .take(limit)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return 1;
    }
    let verdict = extract(&bytes);
    match serde_json::to_writer(std::io::stdout().lock(), &verdict) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// Reads `bytes` in a contained child of the server program `exe`. `Err`
/// when the child could not be run at all (the server's fault, not the
/// file's: worth trying again).
pub async fn extract_contained(exe: &Path, bytes: Vec<u8>) -> Result<Extracted, String> {
    let exe_text = exe.to_string_lossy().into_owned();
    match sandbox::run(exe, LIMITS, &exe_text, &["extract-pdf-text"], Some(bytes)).await {
        Ok(output) if output.status.success() => Ok(serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| Extracted::Refused(UNREADABLE.into()))),
        Ok(output) => {
            // Out of memory or CPU time, or a crash: the file is at fault.
            tracing::warn!(status = %output.status, "reading a PDF failed in its child");
            Ok(Extracted::Refused(UNREADABLE.into()))
        }
        Err(sandbox::Failure::TimedOut) => Ok(Extracted::Refused(
            "This PDF took too long to read, so we stopped.".into(),
        )),
        Err(failure) => Err(format!("the PDF reader {failure}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object, Stream, dictionary};
    use std::io::Write;

    /// A PDF of `pages` pages with `text` on each, plus an unused stream of
    /// `zeros` bytes compressed with Flate.
    fn pdf(pages: usize, text: &str, zeros: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let kids: Vec<Object> = (0..pages)
            .map(|_| {
                let content = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
                let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
                doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
                    "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                })
                .into()
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Count" => pages as i64, "Kids" => kids,
            }),
        );
        if zeros > 0 {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            let chunk = vec![0u8; 1024 * 1024];
            for _ in 0..zeros / chunk.len() {
                encoder.write_all(&chunk).unwrap();
            }
            let compressed = encoder.finish().unwrap();
            doc.add_object(Stream::new(
                dictionary! { "Filter" => "FlateDecode" },
                compressed,
            ));
        }
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn reads_the_text_of_a_sound_pdf() {
        match extract(&pdf(2, "Data Analyst with SQL", 0)) {
            Extracted::Text(text) => assert!(text.contains("Data Analyst with SQL"), "{text}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_a_decompression_bomb_without_inflating_it_in_memory() {
        let bomb = pdf(1, "Hello", 200 * 1024 * 1024);
        assert!(
            bomb.len() < 1024 * 1024,
            "the bomb is small: {}",
            bomb.len()
        );
        match extract(&bomb) {
            Extracted::Refused(message) => assert!(message.contains("far more data"), "{message}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_too_many_pages_and_garbage() {
        assert!(
            matches!(extract(&pdf(MAX_PAGES + 1, "x", 0)), Extracted::Refused(m) if m.contains("pages"))
        );
        assert!(matches!(
            extract(b"%PDF-1.4 garbage"),
            Extracted::Refused(_)
        ));
        assert!(matches!(extract(b""), Extracted::Refused(_)));
    }
}
