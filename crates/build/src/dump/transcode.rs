//! Big5 and UTF-16 to UTF-8, as a stream, before any reader splits a row. Splitting first is
//! sound only for encodings whose multi-byte characters never hold an ASCII byte: a Big5
//! character's second byte may be `\`, `[`, `{` or `|`, and every UTF-16 character is two bytes.

use std::io::Read;

use encoding_rs::{CoderResult, Decoder};

use crate::source::Encoding;

/// Bytes read from the inner stream at a time.
const CHUNK: usize = 64 << 10;

/// A stream of text in Big5 or UTF-16, read as UTF-8. A sequence the encoding does not define
/// reads as U+FFFD, which [`super::text::decode`] refuses in a mapped value: a row problem on the
/// row's own line, since newlines stay where they were.
pub(super) struct Transcode<R> {
    inner: R,
    decoder: Decoder,
    input: Box<[u8]>,
    /// The part of `input` not decoded yet.
    pending: std::ops::Range<usize>,
    output: Box<[u8]>,
    /// The part of `output` not handed out yet.
    ready: std::ops::Range<usize>,
    /// The inner stream ended and the decoder has flushed.
    done: bool,
}

impl<R: Read> Transcode<R> {
    /// Any encoding transcodes; only those that are not ASCII-safe need to.
    pub(super) fn new(inner: R, encoding: Encoding) -> Self {
        let decoder = match encoding {
            // A UTF-16 byte order mark says which byte order (the plan makes sure there is one),
            // and is dropped.
            Encoding::Utf16 => encoding_rs::UTF_16LE.new_decoder(),
            Encoding::Big5 => encoding_rs::BIG5.new_decoder_without_bom_handling(),
            Encoding::Utf8 => encoding_rs::UTF_8.new_decoder_with_bom_removal(),
            Encoding::Gb18030 => encoding_rs::GB18030.new_decoder_without_bom_handling(),
        };
        Transcode {
            inner,
            decoder,
            input: vec![0; CHUNK].into_boxed_slice(),
            pending: 0..0,
            // Room for the worst case of a whole chunk (three UTF-8 bytes for each UTF-16 unit or
            // each Big5 byte pair, U+FFFD for a lone byte), so that one decode call empties it.
            output: vec![0; CHUNK * 3 + 16].into_boxed_slice(),
            ready: 0..0,
            done: false,
        }
    }
}

impl<R: Read> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if !self.ready.is_empty() {
                let n = self.ready.len().min(buf.len());
                buf[..n].copy_from_slice(&self.output[self.ready.start..self.ready.start + n]);
                self.ready.start += n;
                return Ok(n);
            }
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            let last = if self.pending.is_empty() {
                let n = self.inner.read(&mut self.input)?;
                self.pending = 0..n;
                n == 0
            } else {
                false
            };
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.pending.clone()],
                &mut self.output,
                last,
            );
            self.pending.start += read;
            self.ready = 0..written;
            self.done = last && result == CoderResult::InputEmpty;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a stream through the transcoder in reads of at most `size` bytes.
    fn transcoded(bytes: &[u8], encoding: Encoding, size: usize) -> String {
        struct Pieces<'a>(&'a [u8], usize);
        impl Read for Pieces<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        let mut reader = Transcode::new(Pieces(bytes, size), encoding);
        let mut buf = vec![0; size];
        loop {
            match reader.read(&mut buf).unwrap() {
                0 => break,
                n => out.extend_from_slice(&buf[..n]),
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn utf16_of_either_byte_order_reads_as_utf8_whatever_the_read_sizes() {
        let text = "姓名,手機\n陳大文,0912345678\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for size in [1, 3, 7, 64 << 10] {
            assert_eq!(
                transcoded(&le, Encoding::Utf16, size),
                text,
                "reads of {size}"
            );
            assert_eq!(
                transcoded(&be, Encoding::Utf16, size),
                text,
                "reads of {size}"
            );
        }
    }

    #[test]
    fn a_big5_trail_byte_that_is_a_backslash_or_bar_stays_inside_its_character() {
        // 許, 功 and 蓋 each end in 0x5C in Big5, the byte of `\` in ASCII.
        let (bytes, _, _) = encoding_rs::BIG5.encode("許功蓋|,\n");
        assert!(
            bytes.contains(&b'\\'),
            "the sample must hold a 0x5C trail byte"
        );
        assert_eq!(transcoded(&bytes, Encoding::Big5, 1), "許功蓋|,\n");
    }

    #[test]
    fn bytes_big5_does_not_define_read_as_replacement_characters_on_their_own_line() {
        let bytes = b"a,b\n\x80\xFF,c\nd,e\n";
        assert_eq!(
            transcoded(bytes, Encoding::Big5, 2),
            "a,b\n\u{FFFD}\u{FFFD},c\nd,e\n"
        );
    }
}
