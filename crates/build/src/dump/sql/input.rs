//! A SQL dump's bytes through a buffer of the reader's own: the parser looks a byte or two ahead,
//! takes a string's run of plain bytes a buffer at a time, and counts lines as it goes.

use std::io::Read;

/// The bytes of a stream, a buffer at a time, with the line of the next byte.
pub(super) struct Input<R> {
    inner: R,
    buf: Box<[u8]>,
    /// The next byte is `buf[pos]`; `buf[pos..end]` is read and not yet consumed.
    pos: usize,
    end: usize,
    /// Bytes of the stream before `buf[0]`.
    before: u64,
    line: u64,
    eof: bool,
}

impl<R: Read> Input<R> {
    /// `capacity` is at least 2, so that two bytes can always be looked at.
    pub(super) fn new(inner: R, capacity: usize) -> Input<R> {
        Input {
            inner,
            buf: vec![0; capacity.max(2)].into_boxed_slice(),
            pos: 0,
            end: 0,
            before: 0,
            line: 1,
            eof: false,
        }
    }

    /// Bytes of the stream consumed so far.
    pub(super) fn bytes_read(&self) -> u64 {
        self.before + self.pos as u64
    }

    /// The line of the next byte, from 1.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    /// The bytes read and not consumed, at least `want` of them unless the stream ends first
    /// (and never more than the buffer holds).
    fn fill(&mut self, want: usize) -> std::io::Result<&[u8]> {
        if self.end - self.pos < want && !self.eof {
            self.buf.copy_within(self.pos..self.end, 0);
            self.before += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
            while self.end < want.min(self.buf.len()) && !self.eof {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Ok(0) => self.eof = true,
                    Ok(n) => self.end += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.pos..self.end])
    }

    /// The bytes read and not consumed; empty only at the end of the stream.
    pub(super) fn available(&mut self) -> std::io::Result<&[u8]> {
        self.fill(1)
    }

    /// The next `n` bytes, not consumed: fewer only at the end of the stream.
    pub(super) fn ahead(&mut self, n: usize) -> std::io::Result<&[u8]> {
        let bytes = self.fill(n)?;
        Ok(&bytes[..n.min(bytes.len())])
    }

    /// The next byte, not consumed.
    #[inline]
    pub(super) fn peek(&mut self) -> std::io::Result<Option<u8>> {
        if self.pos < self.end {
            return Ok(Some(self.buf[self.pos]));
        }
        Ok(self.fill(1)?.first().copied())
    }

    /// The byte after the next one, not consumed.
    #[inline]
    pub(super) fn peek_second(&mut self) -> std::io::Result<Option<u8>> {
        if self.pos + 1 < self.end {
            return Ok(Some(self.buf[self.pos + 1]));
        }
        Ok(self.fill(2)?.get(1).copied())
    }

    /// Consumes the next byte, which [`Input::peek`] has shown.
    #[inline]
    pub(super) fn bump(&mut self) {
        if self.buf[self.pos] == b'\n' {
            self.line += 1;
        }
        self.pos += 1;
    }

    /// Consumes and returns the next byte.
    #[inline]
    pub(super) fn next_byte(&mut self) -> std::io::Result<Option<u8>> {
        let byte = self.peek()?;
        if byte.is_some() {
            self.bump();
        }
        Ok(byte)
    }

    /// Consumes `n` bytes of those [`Input::available`] returned.
    pub(super) fn consume(&mut self, n: usize) {
        let taken = &self.buf[self.pos..self.pos + n];
        self.line += taken.iter().filter(|&&byte| byte == b'\n').count() as u64;
        self.pos += n;
    }
}
