//! The tokens of a SQL dump: white space and comments, words and names, quoted strings with their
//! escapes, hex and numeric literals, and what a statement this reader does not know is read past.

use std::io::Read;

use super::{MAX_COLUMNS, Scan, SqlReader};
use crate::dump::text::decode;
use crate::source::Encoding;

/// The most bytes of a table or column name kept: MySQL allows 64 characters, so a longer name is
/// garbage, and need not be held whole.
pub(super) const MAX_NAME_BYTES: usize = 256;

/// A name with its quotes removed, and whether it was quoted (a quoted name is never a keyword).
pub(super) struct Name {
    pub(super) text: String,
    pub(super) quoted: bool,
}

/// A byte of a bare word or name: an ASCII letter or digit, `_`, `$`, or a byte of a character
/// beyond ASCII.
pub(super) fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// Whether a word read by [`SqlReader::word`] is `keyword`, without regard to ASCII case.
pub(super) fn is(head: &[u8; 32], len: usize, keyword: &str) -> bool {
    len == keyword.len() && head[..len].eq_ignore_ascii_case(keyword.as_bytes())
}

impl<R: Read> SqlReader<R> {
    /// Reads past white space and comments (`-- …`, `# …`, `/* … */`, and MySQL's executable
    /// `/*!40101 … */`, which dumps use for settings only).
    pub(super) fn skip_space(&mut self) -> std::io::Result<()> {
        loop {
            match self.input.peek()? {
                Some(byte) if byte.is_ascii_whitespace() => self.input.bump(),
                Some(b'#') => self.skip_line()?,
                Some(b'-') if self.input.peek_second()? == Some(b'-') => self.skip_line()?,
                Some(b'/') if self.input.peek_second()? == Some(b'*') => {
                    self.input.bump();
                    self.input.bump();
                    self.skip_comment()?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Reads through the end of the line.
    pub(super) fn skip_line(&mut self) -> std::io::Result<()> {
        if self
            .take_until(None, |chunk| memchr::memchr(b'\n', chunk))?
            .is_some()
        {
            self.input.bump();
        }
        Ok(())
    }

    /// Reads through the `*/` that ends a comment.
    fn skip_comment(&mut self) -> std::io::Result<()> {
        while self
            .take_until(None, |chunk| memchr::memchr(b'*', chunk))?
            .is_some()
        {
            self.input.bump();
            if self.input.peek()? == Some(b'/') {
                self.input.bump();
                return Ok(());
            }
        }
        Ok(())
    }

    /// Reads through the `;` that ends the statement, past strings and comments.
    pub(super) fn skip_statement(&mut self) -> std::io::Result<()> {
        loop {
            let Some(byte) = self.input.peek()? else {
                return Ok(());
            };
            match byte {
                b';' => {
                    self.input.bump();
                    return Ok(());
                }
                b'\'' | b'"' | b'`' => {
                    self.input.bump();
                    let escapes = byte != b'`' && self.backslashes;
                    if self.string(byte, escapes, None)? == Scan::Truncated {
                        return Ok(());
                    }
                }
                b'#' | b'-' | b'/' => {
                    let before = self.input.bytes_read();
                    self.skip_space()?;
                    if self.input.bytes_read() == before {
                        self.input.bump();
                    }
                }
                _ => self.input.bump(),
            }
        }
    }

    /// A word (`INSERT`, `NULL`, a bare name), its first bytes kept to compare with keywords.
    pub(super) fn word(&mut self) -> std::io::Result<([u8; 32], usize)> {
        let mut head = [0u8; 32];
        let mut len = 0;
        while let Some(byte) = self.input.peek()? {
            if !is_word_byte(byte) {
                break;
            }
            if len < head.len() {
                head[len] = byte;
            }
            len += 1;
            self.input.bump();
        }
        Ok((head, len))
    }

    /// Whether the next word, after white space, is `keyword` (it is consumed either way).
    pub(super) fn keyword(&mut self, keyword: &str) -> std::io::Result<bool> {
        self.skip_space()?;
        let (head, len) = self.word()?;
        Ok(is(&head, len, keyword))
    }

    /// A table or column name: quoted in backticks, double quotes or brackets (a doubled closing
    /// quote stands for itself), or bare; at most [`MAX_NAME_BYTES`] of it kept.
    pub(super) fn name(&mut self) -> std::io::Result<Name> {
        self.skip_space()?;
        let mut bytes = Vec::new();
        let close = match self.input.peek()? {
            Some(b'`') => Some(b'`'),
            Some(b'"') => Some(b'"'),
            Some(b'[') => Some(b']'),
            _ => None,
        };
        let keep = |bytes: &mut Vec<u8>, byte| {
            if bytes.len() < MAX_NAME_BYTES {
                bytes.push(byte);
            }
        };
        match close {
            Some(close) => {
                self.input.bump();
                while let Some(byte) = self.input.next_byte()? {
                    if byte == close {
                        if self.input.peek()? != Some(close) {
                            break;
                        }
                        self.input.bump();
                    }
                    keep(&mut bytes, byte);
                }
            }
            None => {
                while let Some(byte) = self.input.peek()? {
                    if !is_word_byte(byte) {
                        break;
                    }
                    keep(&mut bytes, byte);
                    self.input.bump();
                }
            }
        }
        let text = decode(self.encoding, &bytes)
            .map(|text| text.into_owned())
            .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
        Ok(Name {
            text,
            quoted: close.is_some(),
        })
    }

    /// A name with its schema or database (`db`.`t`, `public.t`), joined by dots.
    pub(super) fn qualified_name(&mut self) -> std::io::Result<Name> {
        let mut name = self.name()?;
        while self.input.peek()? == Some(b'.') {
            self.input.bump();
            let part = self.name()?;
            name.text.push('.');
            name.text.push_str(&part.text);
            name.quoted |= part.quoted;
        }
        Ok(name)
    }

    /// A parenthesized list of column names, its `(` already read; `None` if it is not one.
    fn name_list(&mut self) -> std::io::Result<Option<Vec<String>>> {
        let mut names = Vec::new();
        loop {
            let name = self.name()?;
            if names.len() < MAX_COLUMNS {
                names.push(name.text);
            }
            self.skip_space()?;
            match self.input.next_byte()? {
                Some(b',') => {}
                Some(b')') => return Ok(Some(names)),
                _ => return Ok(None),
            }
        }
    }

    /// Consumes the bytes before the first that `find` finds in the bytes read (its index),
    /// keeping them in the plan column `slot` if any: a string's or a field's run of plain bytes,
    /// a buffer at a time. The byte found, not consumed, or `None` at the end of the file.
    pub(super) fn take_until(
        &mut self,
        slot: Option<usize>,
        find: impl Fn(&[u8]) -> Option<usize>,
    ) -> std::io::Result<Option<u8>> {
        loop {
            let chunk = self.input.available()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let stop = find(chunk);
            let n = stop.unwrap_or(chunk.len());
            let found = stop.map(|stop| chunk[stop]);
            if let Some(slot) = slot {
                self.values[slot].push(&chunk[..n]);
            }
            self.input.consume(n);
            if found.is_some() {
                return Ok(found);
            }
        }
    }

    /// A parenthesized list of column names after a table name: `Some(None)` if there is no
    /// list, `None` if a list begins but is not one.
    pub(super) fn column_list(&mut self) -> std::io::Result<Option<Option<Vec<String>>>> {
        self.skip_space()?;
        if self.input.peek()? != Some(b'(') {
            return Ok(Some(None));
        }
        self.input.bump();
        Ok(self.name_list()?.map(Some))
    }

    /// Reads a quoted string whose opening quote is read, through its closing quote, into the
    /// plan column `slot` if any: MySQL's escapes (`\0 \' \" \b \n \r \t \Z \\`; `\%` and `\_`
    /// keep their backslash) when `escapes`, and a doubled quote for one quote.
    pub(super) fn string(
        &mut self,
        quote: u8,
        escapes: bool,
        slot: Option<usize>,
    ) -> std::io::Result<Scan> {
        // GBK and GB18030 have trail bytes that are `\` (0x5C): a byte from 0x81 on starts a
        // character whose next byte is never a quote or an escape. Big5 (whose trail bytes are
        // too) and UTF-16 reach the reader already transcoded to UTF-8 (`dump::bytes`), where no
        // byte of a character is ever ASCII.
        let multibyte = matches!(self.encoding, Encoding::Gb18030);
        loop {
            if !multibyte {
                let stop = self.take_until(slot, |chunk| {
                    if escapes {
                        memchr::memchr2(quote, b'\\', chunk)
                    } else {
                        memchr::memchr(quote, chunk)
                    }
                })?;
                if stop.is_none() {
                    return Ok(Scan::Truncated);
                }
            }
            let Some(byte) = self.input.next_byte()? else {
                return Ok(Scan::Truncated);
            };
            let mut push = |bytes: &[u8]| {
                if let Some(slot) = slot {
                    self.values[slot].push(bytes);
                }
            };
            if byte == quote {
                if self.input.peek()? != Some(quote) {
                    return Ok(Scan::Done);
                }
                self.input.bump();
                push(&[quote]);
            } else if byte == b'\\' && escapes {
                let Some(escaped) = self.input.next_byte()? else {
                    return Ok(Scan::Truncated);
                };
                match escaped {
                    b'0' => push(&[0]),
                    b'b' => push(&[8]),
                    b'n' => push(b"\n"),
                    b'r' => push(b"\r"),
                    b't' => push(b"\t"),
                    b'Z' => push(&[0x1A]),
                    b'%' => push(b"\\%"),
                    b'_' => push(b"\\_"),
                    other => push(&[other]),
                }
            } else {
                push(&[byte]);
                if byte >= 0x81 {
                    let Some(trail) = self.input.next_byte()? else {
                        return Ok(Scan::Truncated);
                    };
                    push(&[trail]);
                }
            }
        }
    }

    /// Reads hex digits into `slot`; `quoted`: up to a closing `'` (`X'3133'`), where anything
    /// else is a syntax error.
    pub(super) fn hex(&mut self, slot: Option<usize>, quoted: bool) -> std::io::Result<Scan> {
        loop {
            match self.input.peek()? {
                Some(byte) if byte.is_ascii_hexdigit() => {
                    if let Some(slot) = slot {
                        self.values[slot].push(&[byte]);
                    }
                    self.input.bump();
                }
                Some(b'\'') if quoted => {
                    self.input.bump();
                    break;
                }
                None if quoted => return Ok(Scan::Truncated),
                Some(_) if quoted => return Ok(Scan::Syntax),
                _ => break,
            }
        }
        if let Some(slot) = slot {
            self.values[slot].unhex();
        }
        Ok(Scan::Done)
    }

    /// A number as its text (`13800138000`, `-1.5e+3`).
    pub(super) fn number(&mut self, slot: Option<usize>) -> std::io::Result<Scan> {
        let mut previous = 0u8;
        while let Some(byte) = self.input.peek()? {
            let sign = matches!(byte, b'+' | b'-')
                && (previous == 0 || previous.eq_ignore_ascii_case(&b'e'));
            if !(sign || byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'_') {
                break;
            }
            if let Some(slot) = slot {
                self.values[slot].push(&[byte]);
            }
            previous = byte;
            self.input.bump();
        }
        Ok(Scan::Done)
    }

    /// Reads the arguments of a function call through its closing parenthesis, whose opening
    /// one is read.
    pub(super) fn skip_call(&mut self) -> std::io::Result<Scan> {
        let mut depth = 1u64;
        loop {
            let Some(byte) = self.input.next_byte()? else {
                return Ok(Scan::Truncated);
            };
            match byte {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(Scan::Done);
                    }
                }
                b'\'' | b'"' => {
                    let read = self.string(byte, self.backslashes, None)?;
                    if read != Scan::Done {
                        return Ok(read);
                    }
                }
                b';' => return Ok(Scan::Syntax),
                _ => {}
            }
        }
    }
}
