//! Checking uploaded bytes: the type comes from the content, never the name
//! or the browser's claim; images are decoded and encoded afresh, which drops
//! EXIF and GPS data and anything hidden after the pixels.

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_RESUME_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_VIDEO_BYTES: usize = 100 * 1024 * 1024;
pub const THUMBNAIL_SIZE: u32 = 256;
/// Larger photos are scaled down to this many pixels on the long side.
const MAX_PHOTO_SIDE: u32 = 2048;

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Jpeg,
    Png,
    WebP,
    Pdf,
    Mp4,
    WebM,
    Other,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Sniffed::Jpeg,
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Sniffed::Png,
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Sniffed::WebP,
        [b'%', b'P', b'D', b'F', b'-', ..] => Sniffed::Pdf,
        // ISO media (MP4, MOV): a box of type `ftyp` first.
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => Sniffed::Mp4,
        // Matroska's EBML header, with the doc type `webm` inside it.
        [0x1A, 0x45, 0xDF, 0xA3, rest @ ..]
            if rest[..rest.len().min(64)].windows(4).any(|w| w == b"webm") =>
        {
            Sniffed::WebM
        }
        _ => Sniffed::Other,
    }
}

/// The content type and file extension of a video upload, from its first
/// bytes; errors are messages for the person.
pub fn video_kind(head: &[u8]) -> Result<(&'static str, &'static str), String> {
    if head.is_empty() {
        return Err("The file is empty.".into());
    }
    match sniff(head) {
        Sniffed::Mp4 => Ok(("video/mp4", "mp4")),
        Sniffed::WebM => Ok(("video/webm", "webm")),
        _ => Err("Choose an MP4 or WebM video.".into()),
    }
}

/// A photo ready to store: the re-encoded image and its thumbnail.
#[derive(Debug)]
pub struct CleanImage {
    pub bytes: Vec<u8>,
    pub thumbnail: Vec<u8>,
    pub content_type: &'static str,
    pub extension: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Decodes a JPEG, PNG or WebP image of at most `max_bytes` and encodes it
/// again: JPEG for photos without transparency, PNG otherwise. Errors are
/// messages for the person.
pub fn clean_image(bytes: &[u8], max_bytes: usize) -> Result<CleanImage, String> {
    if bytes.is_empty() {
        return Err("The file is empty.".into());
    }
    if bytes.len() > max_bytes {
        return Err(format!(
            "The image is larger than {} MB. Choose a smaller one.",
            max_bytes / (1024 * 1024)
        ));
    }
    let format = match sniff(bytes) {
        Sniffed::Jpeg => ImageFormat::Jpeg,
        Sniffed::Png => ImageFormat::Png,
        Sniffed::WebP => ImageFormat::WebP,
        _ => return Err("Choose a JPEG, PNG or WebP image.".into()),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // Refuse decompression bombs: a small file that claims huge dimensions.
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| {
        "The image could not be read. It may be damaged; try another file.".to_string()
    })?;
    let image = if image.width().max(image.height()) > MAX_PHOTO_SIDE {
        image.resize(
            MAX_PHOTO_SIDE,
            MAX_PHOTO_SIDE,
            image::imageops::FilterType::Lanczos3,
        )
    } else {
        image
    };
    let thumbnail = image.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
    let (content_type, extension, encode): (_, _, Encoder) = if image.color().has_alpha() {
        ("image/png", "png", encode_png)
    } else {
        ("image/jpeg", "jpg", encode_jpeg)
    };
    Ok(CleanImage {
        bytes: encode(&image)?,
        thumbnail: encode(&thumbnail)?,
        content_type,
        extension,
        width: image.width(),
        height: image.height(),
    })
}

type Encoder = fn(&DynamicImage) -> Result<Vec<u8>, String>;

fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&image.to_rgb8())
        .map_err(|_| "The image could not be saved.".to_string())?;
    Ok(out)
}

fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image
        .to_rgba8()
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|_| "The image could not be saved.".to_string())?;
    Ok(out)
}

/// Checks a résumé upload by its size and first bytes. Its text is read
/// later, by a job, in a contained child (`super::pdf_text`).
pub fn check_resume(bytes: &[u8]) -> Result<(), String> {
    check_pdf(
        bytes,
        "The résumé is larger than 10 MB. Choose a smaller file.",
    )
}

/// Checks a PDF upload of at most 10 MB by its size and first bytes.
pub fn check_pdf(bytes: &[u8], too_big: &str) -> Result<(), String> {
    if bytes.is_empty() {
        return Err("The file is empty.".into());
    }
    if bytes.len() > MAX_RESUME_BYTES {
        return Err(too_big.into());
    }
    if sniff(bytes) != Sniffed::Pdf {
        return Err("Choose a PDF file.".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::new_rgb8(width, height);
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(&png(2, 2)), Sniffed::Png);
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"MZ\x90\x00 windows program"), Sniffed::Other);
        assert_eq!(sniff(b""), Sniffed::Other);
    }

    #[test]
    fn videos_are_known_by_their_first_bytes() {
        let mp4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00";
        assert_eq!(video_kind(mp4), Ok(("video/mp4", "mp4")));
        let webm = b"\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm\x42\x87";
        assert_eq!(video_kind(webm), Ok(("video/webm", "webm")));
        // Matroska that is not WebM, a program and nothing at all.
        let mkv = b"\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x88matroska";
        assert!(video_kind(mkv).unwrap_err().contains("MP4 or WebM"));
        assert!(
            video_kind(b"MZ\x90\x00")
                .unwrap_err()
                .contains("MP4 or WebM")
        );
        assert!(video_kind(b"").unwrap_err().contains("empty"));
    }

    #[test]
    fn images_are_reencoded_with_a_thumbnail() {
        let clean = clean_image(&png(800, 400), MAX_PHOTO_BYTES).unwrap();
        assert_eq!(clean.content_type, "image/jpeg");
        assert_eq!((clean.width, clean.height), (800, 400));
        assert_eq!(sniff(&clean.bytes), Sniffed::Jpeg);
        let thumb = image::load_from_memory(&clean.thumbnail).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (256, 128));
    }

    #[test]
    fn refuses_what_is_not_a_sound_image() {
        assert!(
            clean_image(b"", MAX_PHOTO_BYTES)
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            clean_image(b"MZ\x90\x00", MAX_PHOTO_BYTES)
                .unwrap_err()
                .contains("JPEG, PNG or WebP")
        );
        let mut truncated = png(300, 300);
        truncated.truncate(truncated.len() / 2);
        assert!(
            clean_image(&truncated, MAX_PHOTO_BYTES)
                .unwrap_err()
                .contains("could not be read")
        );
        let mut big = png(2, 2);
        big.resize(MAX_PHOTO_BYTES + 1, 0);
        assert!(
            clean_image(&big, MAX_PHOTO_BYTES)
                .unwrap_err()
                .contains("5 MB")
        );
    }

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert!(check_resume(b"").unwrap_err().contains("empty"));
        assert!(check_resume(&png(2, 2)).unwrap_err().contains("PDF"));
        assert!(check_resume(b"%PDF-1.4 anything").is_ok());
    }
}
