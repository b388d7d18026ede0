//! Gzip bodies put together from pieces compressed apart, so that a piece
//! every page shares (the stylesheet) is compressed once rather than for
//! every response.
//!
//! Each piece is raw deflate that refers to nothing before it and ends on a
//! byte boundary (a sync flush), so pieces can follow one another in one
//! gzip member; the member's check sum is combined from the pieces' own.

use axum::body::Bytes;
use axum::http::HeaderValue;
use axum::http::{HeaderMap, header};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress};
use std::cell::RefCell;

/// A gzip member's header: deflate, no name, no time, unknown system.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// The last deflate block: final, fixed codes, holding only its end.
const LAST_BLOCK: [u8; 2] = [0x03, 0x00];

/// The largest stored (uncompressed) deflate block.
const LARGEST_STORED: usize = u16::MAX as usize;

/// One piece of a gzip body.
#[derive(Clone)]
pub struct Deflated {
    blocks: Bytes,
    crc: crc32fast::Hasher,
    len: u64,
}

impl Deflated {
    /// `data` compressed at `level`, for one response.
    pub fn new(data: &[u8], level: Compression) -> Result<Self, flate2::CompressError> {
        let blocks = with_compressor(level, |compress| deflate(compress, data))?;
        Ok(Self::of(data, blocks))
    }

    /// `data` compressed at `level`, for a piece held for long (the
    /// stylesheet, a kept page): without the spare room compressing leaves,
    /// which can be as much again as the piece weighs.
    pub fn kept(data: &[u8], level: Compression) -> Result<Self, flate2::CompressError> {
        let mut blocks = with_compressor(level, |compress| deflate(compress, data))?;
        blocks.shrink_to_fit();
        Ok(Self::of(data, blocks))
    }

    /// `data` as it is, in stored blocks: for a few bytes that change with
    /// every response (a nonce) between pieces compressed once.
    pub fn stored(data: &[u8]) -> Self {
        let mut blocks = Vec::with_capacity(data.len() + 5 * (data.len() / LARGEST_STORED + 1));
        for chunk in data.chunks(LARGEST_STORED) {
            let len = chunk.len() as u16;
            // Not final, stored; the block's header bits pad to a byte.
            blocks.push(0);
            blocks.extend_from_slice(&len.to_le_bytes());
            blocks.extend_from_slice(&(!len).to_le_bytes());
            blocks.extend_from_slice(chunk);
        }
        Self::of(data, blocks)
    }

    fn of(data: &[u8], blocks: Vec<u8>) -> Self {
        Self {
            blocks: blocks.into(),
            crc: crc_of(data),
            len: data.len() as u64,
        }
    }

    /// The compressed size.
    pub fn size(&self) -> usize {
        self.blocks.len()
    }

    /// Appends the data as it was before compressing it to `out`.
    pub fn inflate_into(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        let mut inflate = Decompress::new(false);
        out.reserve(self.len as usize);
        let end = out.len() + self.len as usize;
        while out.len() < end {
            let (read, written) = (inflate.total_in() as usize, out.len());
            inflate
                .decompress_vec(&self.blocks[read..], out, FlushDecompress::Sync)
                .map_err(std::io::Error::other)?;
            if inflate.total_in() as usize == read && out.len() == written {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(())
    }
}

/// A gzip body being put together, piece after piece.
pub struct GzipBody {
    bytes: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u64,
}

impl GzipBody {
    /// A body with room for about `size` compressed bytes.
    pub fn with_capacity(size: usize) -> Self {
        let mut bytes = Vec::with_capacity(HEADER.len() + size + LAST_BLOCK.len() + 8);
        bytes.extend_from_slice(&HEADER);
        Self {
            bytes,
            crc: crc32fast::Hasher::new(),
            len: 0,
        }
    }

    pub fn push(&mut self, piece: &Deflated) {
        self.bytes.extend_from_slice(&piece.blocks);
        self.crc.combine(&piece.crc);
        self.len += piece.len;
    }

    /// The whole body: the last block and the member's check sum and length.
    pub fn finish(mut self) -> Bytes {
        self.bytes.extend_from_slice(&LAST_BLOCK);
        self.bytes
            .extend_from_slice(&self.crc.finalize().to_le_bytes());
        // The length modulo 2^32, as gzip records it.
        self.bytes
            .extend_from_slice(&(self.len as u32).to_le_bytes());
        self.bytes.into()
    }
}

/// Marks a response's headers for a gzip body put together here.
pub fn mark_gzip(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
}

/// Whether a request's `Accept-Encoding` takes gzip (by name or `*`, with
/// a quality above zero).
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    let (mut gzip, mut any) = (None, None);
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for coding in value.split(',') {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let quality = parts
                .find_map(|param| {
                    let (key, value) = param.split_once('=')?;
                    key.trim()
                        .eq_ignore_ascii_case("q")
                        .then(|| value.trim().parse::<f32>().unwrap_or(0.0))
                })
                .unwrap_or(1.0);
            if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                gzip = Some(quality);
            } else if name == "*" {
                any = Some(quality);
            }
        }
    }
    gzip.or(any).is_some_and(|quality| quality > 0.0)
}

fn crc_of(data: &[u8]) -> crc32fast::Hasher {
    let mut crc = crc32fast::Hasher::new();
    crc.update(data);
    crc
}

/// Runs `f` with this thread's compressor for `level`: a compressor holds
/// a few hundred KB of tables, made once per thread rather than per piece.
fn with_compressor<T>(level: Compression, f: impl FnOnce(&mut Compress) -> T) -> T {
    thread_local! {
        static COMPRESSORS: RefCell<Vec<(u32, Compress)>> = const { RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with_borrow_mut(|compressors| {
        let at = match compressors.iter().position(|(l, _)| *l == level.level()) {
            Some(at) => at,
            None => {
                compressors.push((level.level(), Compress::new(level, false)));
                compressors.len() - 1
            }
        };
        let compress = &mut compressors[at].1;
        compress.reset();
        f(compress)
    })
}

/// Raw deflate of `data` from a fresh history, flushed to a byte boundary.
fn deflate(compress: &mut Compress, data: &[u8]) -> Result<Vec<u8>, flate2::CompressError> {
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let read = compress.total_in() as usize;
        compress.compress_vec(&data[read..], &mut out, FlushCompress::Sync)?;
        // Done once all is read and the flush left room: nothing is pending.
        if compress.total_in() as usize == data.len() && out.len() < out.capacity() {
            return Ok(out);
        }
        out.reserve(out.capacity().max(64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        // One member only: a reader of several would hide a second one.
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn pieces_compressed_apart_make_one_gzip_body() {
        let style = "p{color:red}".repeat(500);
        // Held for long, as the stylesheet is.
        let shared = Deflated::kept(style.as_bytes(), Compression::best()).unwrap();
        let head = "<html><head><style>".repeat(3);
        let tail = "</style></head><body>".to_string() + &"<p>Hello</p>".repeat(2000);
        let mut body = GzipBody::with_capacity(0);
        body.push(&Deflated::new(head.as_bytes(), Compression::fast()).unwrap());
        body.push(&shared);
        body.push(&Deflated::stored(b"N0NCE"));
        body.push(&Deflated::new(tail.as_bytes(), Compression::fast()).unwrap());
        let gzip = body.finish();
        assert_eq!(
            String::from_utf8(gunzip(&gzip)).unwrap(),
            format!("{head}{style}N0NCE{tail}")
        );
        assert!(gzip.len() < (head.len() + style.len() + tail.len()) / 10);
    }

    #[test]
    fn stored_pieces_of_any_length_and_empty_bodies() {
        let long = vec![7u8; LARGEST_STORED * 2 + 3];
        let mut body = GzipBody::with_capacity(0);
        body.push(&Deflated::stored(&long));
        body.push(&Deflated::stored(b""));
        body.push(&Deflated::new(b"", Compression::fast()).unwrap());
        assert_eq!(gunzip(&body.finish()), long);
        assert!(gunzip(&GzipBody::with_capacity(0).finish()).is_empty());
    }

    #[test]
    fn a_piece_inflates_to_what_it_was() {
        let text = "<p>Hello</p>".repeat(10_000);
        let mut out = b"before ".to_vec();
        Deflated::new(text.as_bytes(), Compression::fast())
            .unwrap()
            .inflate_into(&mut out)
            .unwrap();
        Deflated::stored(b"N0NCE").inflate_into(&mut out).unwrap();
        assert_eq!(out, format!("before {text}N0NCE").as_bytes());
    }

    #[test]
    fn a_compressor_is_used_again_from_a_fresh_history() {
        let first = Deflated::new(b"abcabcabc", Compression::fast()).unwrap();
        let second = Deflated::new(b"abcabcabc", Compression::fast()).unwrap();
        assert_eq!(first.blocks, second.blocks);
    }

    #[test]
    fn gzip_is_taken_unless_refused() {
        let accepts = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(value).unwrap(),
            );
            accepts_gzip(&headers)
        };
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts("*"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("br, *;q=0"));
        assert!(!accepts("identity"));
        assert!(!accepts("gzip;q=0, *"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
