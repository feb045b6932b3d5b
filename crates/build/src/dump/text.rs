//! From a dump's bytes to text: byte order marks, decoding in the declared encoding, the check
//! that a file's start does not contradict that encoding, and detecting it for `auto`.

use std::io::Read;

use super::bytes::SourceBytes;
use crate::source::Encoding;

/// Drops a UTF-8 or GB18030 byte order mark at the start of a stream.
pub(super) struct SkipBom<R> {
    inner: R,
    start: Option<([u8; 4], usize, usize)>,
}

impl<R: Read> SkipBom<R> {
    pub(super) fn new(inner: R) -> Self {
        SkipBom { inner, start: None }
    }
}

impl SkipBom<SourceBytes> {
    /// Back to the start of the stream, whose byte order mark is skipped again.
    pub(super) fn restart(&mut self) -> std::io::Result<()> {
        self.inner.reopen()?;
        self.start = None;
        Ok(())
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.start.is_none() {
            let mut head = [0u8; 4];
            let mut filled = 0;
            while filled < 4 {
                match self.inner.read(&mut head[filled..])? {
                    0 => break,
                    n => filled += n,
                }
            }
            let skip = if head[..filled].starts_with(&[0xEF, 0xBB, 0xBF]) {
                3
            } else if head[..filled] == [0x84, 0x31, 0x95, 0x33] {
                4
            } else {
                0
            };
            self.start = Some((head, skip, filled));
        }
        if let Some((head, pos, end)) = &mut self.start
            && *pos < *end
        {
            let n = (*end - *pos).min(buf.len());
            buf[..n].copy_from_slice(&head[*pos..*pos + n]);
            *pos += n;
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

/// Bytes at the start of a source that plan checking reads to catch a wrong `encoding`.
pub const SAMPLE_BYTES: usize = 64 << 10;

/// A declared encoding that the start of a file contradicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingMismatch {
    /// Declared UTF-8, but `line` is not UTF-8 and the sample reads as GB18030: every row with a
    /// Chinese character would be skipped.
    NotUtf8 { line: u64 },
    /// Declared GB18030, but the text is UTF-8 (a UTF-8 byte order mark, or non-ASCII bytes that
    /// are all valid UTF-8, which GB18030 text almost never is): it would decode into mojibake
    /// (`张伟` as `寮犱紵`) and every name would make a wrong key, with no row refused. Big5 the
    /// same.
    LooksUtf8,
    /// Declared UTF-16, but the file does not start with a UTF-16 byte order mark: its byte order
    /// would be a guess, and a wrong guess reads every character as another.
    Utf16WithoutBom,
}

/// Non-ASCII characters a sample must hold, all valid UTF-8, before a source declared GB18030 is
/// taken for UTF-8. A GB18030 character happens to read as UTF-8 about one time in ten, so a few
/// could be chance; six in a row, about one in a million.
const UTF8_EVIDENCE: usize = 6;

/// How the bytes of a sample read as UTF-8.
struct Utf8Reading {
    /// Characters of two bytes or more.
    multibyte: usize,
    /// Runs of bytes that are not UTF-8, and where the first one starts.
    invalid: usize,
    first_invalid: Option<usize>,
}

/// Reads `bytes` as UTF-8; a character cut by the end of a sample that is not the whole file
/// is not counted as invalid.
fn read_utf8(bytes: &[u8], whole: bool) -> Utf8Reading {
    let mut reading = Utf8Reading {
        multibyte: 0,
        invalid: 0,
        first_invalid: None,
    };
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        reading.multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
        offset += valid.len();
        let cut = !whole && offset + chunk.invalid().len() == bytes.len();
        if !chunk.invalid().is_empty() && !cut {
            reading.invalid += 1;
            reading.first_invalid.get_or_insert(offset);
        }
        offset += chunk.invalid().len();
    }
    reading
}

/// Checks the first bytes of a source (`whole`: they are the whole file) against its declared
/// encoding. Stray undecodable bytes in a file of the declared encoding are not a mismatch: they
/// are counted row problems.
pub fn check_encoding(sample: &[u8], whole: bool, declared: Encoding) -> Option<EncodingMismatch> {
    const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
    match declared {
        Encoding::Utf8 => {
            let text = sample.strip_prefix(UTF8_BOM).unwrap_or(sample);
            let reading = read_utf8(text, whole);
            let bad = reading.first_invalid?;
            // UTF-8 text with a few damaged rows also reads as GB18030 (as mojibake): only
            // text where invalid sequences outnumber the valid characters is GB18030.
            if reading.multibyte >= reading.invalid {
                return None;
            }
            let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let capacity = decoder.max_utf8_buffer_length_without_replacement(text.len())?;
            let mut decoded = String::with_capacity(capacity);
            let (result, _) =
                decoder.decode_to_string_without_replacement(text, &mut decoded, whole);
            (result == encoding_rs::DecoderResult::InputEmpty).then(|| EncodingMismatch::NotUtf8 {
                line: text[..bad].iter().filter(|b| **b == b'\n').count() as u64 + 1,
            })
        }
        Encoding::Gb18030 | Encoding::Big5 => {
            let reading = read_utf8(sample, whole);
            (sample.starts_with(UTF8_BOM)
                || (reading.invalid == 0 && reading.multibyte >= UTF8_EVIDENCE))
                .then_some(EncodingMismatch::LooksUtf8)
        }
        Encoding::Utf16 => (!has_utf16_bom(sample)).then_some(EncodingMismatch::Utf16WithoutBom),
    }
}

fn has_utf16_bom(sample: &[u8]) -> bool {
    sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF])
}

/// Why `encoding = "auto"` chose no encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undetected {
    /// NUL bytes between the characters, without a byte order mark: UTF-16 (or UTF-32) whose
    /// byte order is a guess. With a byte order mark it would be read.
    Utf16WithoutBom,
    /// The detector's best guess is an encoding Exposure does not read (its WHATWG name).
    Unsupported(&'static str),
}

/// The most bytes `encoding = "auto"` reads looking for the first byte beyond ASCII, a buffer at
/// a time: a file all ASCII that far is taken for UTF-8, and a row further on that is not
/// UTF-8 is a row problem of its own.
pub const MAX_DETECT_BYTES: u64 = 16 << 20;

/// What `encoding = "auto"` chose, and from how many bytes of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: Result<Encoding, Undetected>,
    /// Bytes read from the start: the encoding was decided on those.
    pub bytes: u64,
}

/// The encoding of a stream (see [`detect_encoding`]), decided on its first [`SAMPLE_BYTES`]
/// unless those are all ASCII, which every encoding reads alike and which tells nothing: then it
/// is decided on the [`SAMPLE_BYTES`] from the first byte beyond ASCII, read for up to `limit`
/// bytes (a file whose Chinese rows start after thousands of ASCII ones is not taken for UTF-8).
/// Memory holds two samples at most, whatever the limit.
pub fn detect_encoding_streamed(mut reader: impl Read, limit: u64) -> std::io::Result<Detected> {
    let mut window = Vec::with_capacity(SAMPLE_BYTES);
    let mut bytes = read_up_to(&mut reader, &mut window, SAMPLE_BYTES)?;
    let whole = window.len() < SAMPLE_BYTES;
    let encoding = detect_encoding(&window, whole);
    if whole || encoding != Ok(Encoding::Utf8) || !window.is_ascii() {
        return Ok(Detected { encoding, bytes });
    }
    while bytes < limit {
        window.clear();
        let read = read_up_to(&mut reader, &mut window, SAMPLE_BYTES)?;
        bytes += read;
        if let Some(first) = window.iter().position(|byte| !byte.is_ascii()) {
            window.drain(..first);
            let more = SAMPLE_BYTES - window.len();
            let topped = read_up_to(&mut reader, &mut window, more)?;
            bytes += topped;
            let whole = read < SAMPLE_BYTES as u64 || topped < more as u64;
            return Ok(Detected {
                encoding: detect_encoding(&window, whole),
                bytes,
            });
        }
        if read < SAMPLE_BYTES as u64 {
            break;
        }
    }
    Ok(Detected {
        encoding: Ok(Encoding::Utf8),
        bytes,
    })
}

/// Appends up to `max` bytes of `reader` to `buffer`; how many, fewer only at the end.
fn read_up_to(reader: &mut impl Read, buffer: &mut Vec<u8>, max: usize) -> std::io::Result<u64> {
    reader
        .take(max as u64)
        .read_to_end(buffer)
        .map(|n| n as u64)
}

/// The encoding of a file from its first bytes (`whole`: they are the whole file): a byte order
/// mark, else UTF-8 if the sample is valid UTF-8 (ASCII included, which every encoding reads
/// alike), else the best guess of a detector trained on legacy web pages (chardetng, Firefox's),
/// which tells GBK from Big5 by their frequent characters.
pub fn detect_encoding(sample: &[u8], whole: bool) -> Result<Encoding, Undetected> {
    if sample.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(Encoding::Utf8);
    }
    if sample.starts_with(&[0x84, 0x31, 0x95, 0x33]) {
        return Ok(Encoding::Gb18030);
    }
    if has_utf16_bom(sample) {
        return Ok(Encoding::Utf16);
    }
    // Text in any encoding this reads has no NUL byte; UTF-16 of Latin text is half NUL bytes.
    if sample.iter().filter(|b| **b == 0).count() * 8 > sample.len() {
        return Err(Undetected::Utf16WithoutBom);
    }
    if read_utf8(sample, whole).invalid == 0 {
        return Ok(Encoding::Utf8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, whole);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        Ok(Encoding::Gb18030)
    } else if guess == encoding_rs::BIG5 {
        Ok(Encoding::Big5)
    } else {
        Err(Undetected::Unsupported(guess.name()))
    }
}

pub(super) fn decode(encoding: Encoding, bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    match encoding {
        Encoding::Utf8 => std::str::from_utf8(bytes)
            .ok()
            .map(std::borrow::Cow::Borrowed),
        Encoding::Gb18030 => {
            encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
        }
        // Transcoded to UTF-8 beneath the reader, where bytes the encoding does not define became
        // U+FFFD (a real U+FFFD in UTF-16 text is refused too: it marks text already damaged).
        Encoding::Big5 | Encoding::Utf16 => std::str::from_utf8(bytes)
            .ok()
            .filter(|text| !text.contains('\u{FFFD}'))
            .map(std::borrow::Cow::Borrowed),
    }
}

/// A byte order mark where a file's start once was, in files concatenated whole.
pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .or_else(|| bytes.strip_prefix(&[0x84, 0x31, 0x95, 0x33]))
        .unwrap_or(bytes)
}
