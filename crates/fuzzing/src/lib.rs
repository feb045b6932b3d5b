//! The bodies of the fuzz targets in `fuzz/` (issue 4), here so that the fuzzer and the normal
//! test run (which replays every committed corpus file) execute the same code. Each function
//! takes arbitrary bytes, must return for any of them, and panics only when an invariant breaks:
//! a panic, a hang or unbounded memory on hostile input is a bug in the code under test.
//!
//! Nothing here prints: a corpus may hold identifier-shaped text, and a failing assertion names
//! the invariant, never the value.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use time::macros::date;

use exposure_build::plan::Plan;
use exposure_build::source::{Column, Compression, Encoding, Field, Format, Source};
use exposure_core::identifier::{Kind, Normalizer, Region};
use exposure_core::keys::cost::Cost;
use exposure_core::keys::{KEY_LEN, Key};
use exposure_core::pack::Pack;
use exposure_core::pack::v2::bucket;
use exposure_core::pack::v2::params::Params;
use exposure_core::progress::Silent;
use exposure_core::trust::{self, Binding, PublicKey, TrustedKeys};

/// Fixed, so that a corpus file means the same thing on every day it is replayed.
fn normalizer(region: Region) -> Normalizer {
    Normalizer::with_today(region, date!(2026 - 01 - 01))
}

/// Regions a first byte selects: the default, and a few whose numbering plans differ.
const REGIONS: [&str; 6] = ["CN", "US", "GB", "DE", "JP", "IN"];

/// One private folder per fuzzing process for the files the readers need.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("exposure-fuzz")
            .tempdir()
            .expect("a temporary folder")
    })
    .path()
}

/// Every normalizer on the same text: none may panic, and a normalized value must normalize to
/// itself (the builder and the checker may each see either form).
pub fn normalize(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let region: Region = REGIONS[usize::from(selector) % REGIONS.len()]
        .parse()
        .expect("a known region");
    let normalizer = normalizer(region);
    for kind in Kind::ALL {
        if let Ok(normalized) = normalizer.normalize(kind, text) {
            let again = normalizer
                .normalize(kind, normalized.expose())
                .unwrap_or_else(|_| panic!("a normalized {kind} is refused when normalized again"));
            if kind == Kind::Phone {
                // The one exception, libphonenumber's own and pinned by the phone vectors: a
                // national number that starts with its region's national prefix (`+86 0 0800...`)
                // loses it once more, so the form only shortens, and settles.
                assert!(
                    again.expose().len() < normalized.expose().len() || again == normalized,
                    "normalizing a normalized phone number lengthens or changes it"
                );
                let third = normalizer.normalize(kind, again.expose());
                assert!(
                    third.is_ok(),
                    "a phone number normalized twice is refused the third time"
                );
            } else {
                assert!(
                    again == normalized,
                    "normalizing a normalized {kind} changes it"
                );
            }
        }
    }
    let (name, dob) = text.split_once('\n').unwrap_or((text, ""));
    if let Ok(normalized) = normalizer.name_dob(name, dob) {
        let again = normalizer
            .normalize(Kind::NameDob, normalized.expose())
            .unwrap_or_else(|_| panic!("a normalized name_dob is refused when normalized again"));
        assert!(
            again == normalized,
            "normalizing a normalized name_dob changes it"
        );
        // The Simplified form is hashed as it is: it must be what the builder makes of it.
        if let Some(simplified) = normalized.simplified() {
            let again = normalizer
                .normalize(Kind::NameDob, simplified.expose())
                .unwrap_or_else(|_| panic!("the Simplified form of a name_dob is refused"));
            assert!(
                again == simplified,
                "normalizing the Simplified form of a name_dob changes it"
            );
        }
    }
    if let Ok(dob) = normalizer.date_of_birth(dob) {
        let _ = normalizer.name_with_birth_date(name, dob);
    }
}

/// `check --batch`'s people file: read to its end whatever it holds, each row a person or a
/// row error, numbered past the header line.
pub fn people(data: &[u8]) {
    let Ok(mut people) = exposure_core::check::batch::People::new(data) else {
        return;
    };
    while let Ok(Some(read)) = people.next_person() {
        let row = match read {
            Ok(person) => person.row,
            Err(error) => error.row(),
        };
        assert!(row >= 2, "a row is numbered at or before the header line");
    }
}

/// The demo the seeds are made from, small: the plan target's folder holds its dump, so the demo
/// plan's header checks run.
pub const DEMO: exposure_demo::DemoOptions = exposure_demo::DemoOptions { seed: 7, rows: 12 };

/// Plan text, parsed as if it sat beside the demo's dump files (so header checks run). Returns
/// whether it parsed, so a test can tell that a seed gets through.
pub fn plan(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    static DUMP: OnceLock<PathBuf> = OnceLock::new();
    let dir = DUMP.get_or_init(|| {
        let dir = scratch().join("plan");
        exposure_demo::write_dump(&dir, &DEMO).expect("the demo dump in a scratch folder");
        dir
    });
    let Ok(plan) = Plan::parse(&dir.join("plan.toml"), text) else {
        return false;
    };
    let _ = plan.class_table();
    let _ = plan.total_bytes();
    true
}

/// The columns the dump target maps, in both shapes a source can name them.
const DUMP_FIELDS: [Field; 6] = [
    Field::Phone,
    Field::Name,
    Field::Dob,
    Field::NationalIdCn,
    Field::Email,
    Field::Username,
];

/// Where the JSON Lines dump keeps each of [`DUMP_FIELDS`]: one of them a level down, as dotted
/// paths allow.
const JSON_PATHS: [&[&str]; 6] = [
    &["phone"],
    &["name"],
    &["user", "dob"],
    &["id"],
    &["email"],
    &["username"],
];

/// A dump file streamed row by row as the builder does, each value through its normalizer. The
/// first byte picks the format, the encoding and whether a header row comes first.
pub fn dump(data: &[u8]) {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let format = [Format::Csv, Format::Tsv, Format::Jsonl, Format::Json][usize::from(selector & 3)];
    // Bit 4 as before (UTF-8 or GB18030); bit 16 the transcoded ones (Big5 or UTF-16).
    let encoding = [
        Encoding::Utf8,
        Encoding::Gb18030,
        Encoding::Big5,
        Encoding::Utf16,
    ][usize::from((selector >> 2) & 1 | (selector >> 3) & 2)];
    let json = matches!(format, Format::Jsonl | Format::Json);
    let header = !json && selector & 8 != 0;
    let path = scratch().join("dump");
    std::fs::write(&path, content).expect("a scratch dump");
    let columns = DUMP_FIELDS
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let column = if json {
                Column::Path(JSON_PATHS[i].iter().map(|key| (*key).to_owned()).collect())
            } else {
                Column::Index(i)
            };
            (column, field.clone())
        })
        .collect();
    let mut source = Source {
        path,
        format,
        compression: Compression::None,
        encoding,
        encoding_detected: None,
        header,
        columns,
        header_width: None,
        table: None,
        delimiter: None,
        sheet: None,
    };
    if header {
        match exposure_build::dump::read_header(&source) {
            Ok(Some(names)) => source.header_width = Some(names.len()),
            _ => return,
        }
    }
    read_text_rows(&source, content.len());
}

/// Streams a source of text of `length` bytes: every row but an empty last one consumes at
/// least one byte, and the reader cannot have consumed more bytes than the file holds.
fn read_text_rows(source: &Source, length: usize) {
    let bytes_read = stream(source, Some(length + 1));
    assert!(
        bytes_read <= length as u64,
        "the reader claims more bytes than the file holds"
    );
}

/// Streams a source row by row as the builder does, each value through its normalizer, until
/// the end or a read error, at most `max_rows` rows; returns the bytes the reader says it read.
fn stream(source: &Source, max_rows: Option<usize>) -> u64 {
    let Ok(mut reader) = exposure_build::dump::SourceReader::open(source) else {
        return 0;
    };
    let normalizer = normalizer(Region::CN);
    let mut rows = 0usize;
    while let Ok(Some(row)) = reader.next_row() {
        rows += 1;
        assert!(
            max_rows.is_none_or(|max| rows <= max),
            "the reader returns rows it did not read"
        );
        check_position(row.position());
        let exposure_build::dump::Row::Record(record) = row else {
            continue;
        };
        for value in &record.values {
            let kind = match source.columns.get(value.column).map(|(_, field)| field) {
                Some(Field::Phone) => Kind::Phone,
                Some(Field::NationalIdCn) => Kind::NationalId,
                Some(Field::Email) => Kind::Email,
                Some(Field::Username) => Kind::Username,
                Some(Field::Dob) => {
                    let _ = normalizer.date_of_birth(&value.text);
                    continue;
                }
                Some(_) => continue,
                None => panic!("a value names a column the source does not map"),
            };
            let _ = normalizer.normalize(kind, &value.text);
        }
    }
    reader.bytes_read()
}

/// A row's position counts from 1 in every part, and a cell is one a spreadsheet has: a position
/// is shown to the curator, who must find the row by it.
fn check_position(position: &exposure_build::dump::Position) {
    use exposure_build::dump::{MAX_SHEET_COLUMNS, Position};
    let from_one = match position {
        Position::Line { line } => *line >= 1,
        Position::Tuple {
            line,
            statement,
            tuple,
        } => *line >= 1 && *statement >= 1 && *tuple >= 1,
        Position::Element { line, element } => *line >= 1 && *element >= 1,
        Position::SheetRow { row, .. } => *row >= 1,
        Position::Cell { row, column, .. } => {
            assert!(
                (1..=MAX_SHEET_COLUMNS as u32).contains(column),
                "a cell past the columns a sheet has: {position:?}"
            );
            *row >= 1
        }
    };
    assert!(from_one, "a position counted from 0: {position:?}");
}

/// The delimiters the text target's first byte picks from: the shapes lists circulate in, and a
/// multi-byte one.
const TEXT_DELIMITERS: [&str; 6] = ["----", "|", " ", "\t", ":", "，"];

/// A `text` list streamed row by row as the builder does. The first byte picks the delimiter, the
/// encoding and whether a header row comes first.
pub fn text(data: &[u8]) {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let delimiter = TEXT_DELIMITERS[usize::from(selector & 7) % TEXT_DELIMITERS.len()];
    let encoding = if selector & 8 == 0 {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    };
    let header = selector & 16 != 0;
    let path = scratch().join("list");
    std::fs::write(&path, content).expect("a scratch list");
    let mut source = Source {
        path,
        format: Format::Text,
        compression: Compression::None,
        encoding,
        encoding_detected: None,
        header,
        columns: indexed_columns(),
        header_width: None,
        table: None,
        delimiter: Some(delimiter.to_owned()),
        sheet: None,
    };
    if header {
        match exposure_build::dump::first_line_fields(&source) {
            Ok(names) => source.header_width = Some(names.len()),
            Err(_) => return,
        }
    }
    read_text_rows(&source, content.len());
}

/// A workbook checked as the plan checks it, then its first sheet streamed row by row as the
/// builder does. The first byte says whether a header row comes first. A workbook is compressed
/// and read by seeking, so neither its rows nor the bytes read are bounded by its size: the
/// invariants are no panic, no hang and bounded memory.
pub fn xlsx(data: &[u8]) {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let header = selector & 1 != 0;
    let path = scratch().join("sheet.xlsx");
    std::fs::write(&path, content).expect("a scratch workbook");
    let Ok(first) = exposure_build::dump::first_row(&path, None) else {
        return;
    };
    let source = Source {
        path,
        format: Format::Xlsx,
        compression: Compression::None,
        encoding: Encoding::Utf8,
        encoding_detected: None,
        header,
        columns: indexed_columns(),
        header_width: header.then_some(first.cells.len()),
        table: None,
        delimiter: None,
        sheet: None,
    };
    stream(&source, None);
}

/// [`DUMP_FIELDS`] as the first columns of a row.
fn indexed_columns() -> Vec<(Column, Field)> {
    DUMP_FIELDS
        .iter()
        .enumerate()
        .map(|(i, field)| (Column::Index(i), field.clone()))
        .collect()
}

/// A compressed dump opened as the builder opens it: the first byte picks gzip or zip, whether
/// the plan names the zip member, and the encoding; the rest is the file. The archive layer must
/// refuse or read it, never inflate it past its ratio, and rows must read without a panic.
/// Returns the rows read, so that a test can tell that a seed reaches that far.
pub fn archive(data: &[u8]) -> u64 {
    use exposure_build::dump;
    use std::io::Read;

    let Some((&selector, content)) = data.split_first() else {
        return 0;
    };
    let path = scratch().join("archive");
    std::fs::write(&path, content).expect("a scratch archive");
    let compression = if selector & 1 == 0 {
        Compression::Gzip
    } else {
        let wanted = (selector & 2 != 0).then_some(ARCHIVE_MEMBER);
        match dump::zip_member(&path, wanted) {
            Ok(member) => Compression::Zip { member },
            Err(_) => return 0,
        }
    };
    let encoding = [
        Encoding::Utf8,
        Encoding::Gb18030,
        Encoding::Big5,
        Encoding::Utf16,
    ][usize::from(selector >> 2 & 3)];
    if let Ok(sample) = dump::sample(&path, &compression, dump::SAMPLE_BYTES) {
        let _ = dump::detect_encoding(&sample, sample.len() < dump::SAMPLE_BYTES);
    }
    let source = Source {
        path,
        format: Format::Csv,
        compression,
        encoding,
        encoding_detected: None,
        header: false,
        columns: DUMP_FIELDS
            .iter()
            .enumerate()
            .map(|(i, field)| (Column::Index(i), field.clone()))
            .collect(),
        header_width: None,
        table: None,
        delimiter: None,
        sheet: None,
    };
    let Ok(mut bytes) = dump::SourceBytes::open(&source) else {
        return 0;
    };
    let mut chunk = vec![0u8; 64 << 10];
    let mut read = 0u64;
    while let Ok(n @ 1..) = bytes.read(&mut chunk) {
        read += n as u64;
        let file = bytes.file_bytes().get();
        assert!(
            file <= content.len() as u64,
            "more bytes read than the file holds"
        );
        // Transcoding may triple what inflation gives (a lone byte becomes U+FFFD).
        let bound = 3 * (dump::INFLATION_ALLOWANCE + dump::MAX_INFLATION * file) + 8;
        assert!(read <= bound, "inflated past the ratio");
    }
    let mut rows = 0;
    if let Ok(mut reader) = dump::SourceReader::open(&source) {
        while let Ok(Some(_)) = reader.next_row() {
            rows += 1;
        }
    }
    rows
}

/// The member the archive target names when its selector says to.
pub const ARCHIVE_MEMBER: &str = "dump.csv";

/// The column names the SQL target maps to [`DUMP_FIELDS`].
const SQL_NAMES: [&str; 6] = ["phone", "name", "dob", "id", "email", "username"];

/// A SQL dump: the plan check's search for its table, then that table's rows streamed as the
/// builder reads them. The first byte picks the encoding (bit 1: GB18030), whether the plan names
/// the table `users` or takes the first with rows (bit 2), and whether columns go by name or by
/// position (bit 4).
pub fn sql(data: &[u8]) {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let encoding = if selector & 1 == 0 {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    };
    let wanted = (selector & 2 == 0).then_some("users");
    let path = scratch().join("dump.sql");
    std::fs::write(&path, content).expect("a scratch dump");
    let file = std::fs::File::open(&path).expect("the scratch dump");
    let found = exposure_build::dump::find_sql_table(file, encoding, wanted)
        .expect("a regular file reads to its end");
    let exposure_build::dump::SqlTable::Found { table, .. } = found else {
        return;
    };
    let columns = DUMP_FIELDS
        .iter()
        .zip(SQL_NAMES)
        .enumerate()
        .map(|(i, (field, name))| {
            let column = if selector & 4 == 0 {
                Column::Name(name.to_owned())
            } else {
                Column::Index(i)
            };
            (column, field.clone())
        })
        .collect();
    let source = Source {
        path,
        format: Format::Sql,
        compression: Compression::None,
        encoding,
        encoding_detected: None,
        header: false,
        columns,
        header_width: None,
        table: Some(wanted.map_or(table, str::to_owned)),
        delimiter: None,
        sheet: None,
    };
    read_text_rows(&source, content.len());
}

/// What the signature target's files sign.
pub const SIGNED_CONTENT: &[u8] = b"exposure fuzz pack";

/// A trusted comment on its own, then, if the input holds a public key file and a signature file
/// (separated by a NUL byte), the signature file checked against that key over
/// [`SIGNED_CONTENT`]. A binding that parses must write back to a comment that parses to it.
/// Returns whether the signature was trusted, so a test can tell that a seed reaches that far.
pub fn trusted_comment(data: &[u8]) -> bool {
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(binding) = Binding::parse(text)
        && let Some(comment) = binding.comment()
    {
        assert!(
            Binding::parse(&comment).as_ref() == Some(&binding),
            "a written trusted comment does not parse back to its binding"
        );
    }
    let Some(split) = data.iter().position(|&b| b == 0) else {
        return false;
    };
    let (key, signature) = (&data[..split], &data[split + 1..]);
    let mut trusted = TrustedKeys::new();
    if let Some(key) = std::str::from_utf8(key).ok().and_then(PublicKey::parse) {
        trusted.add(key);
    }
    let whole = trust::verify_signature_text(signature, SIGNED_CONTENT, &trusted);
    let comment_only = trust::verify_comment_text(signature, &trusted);
    // The comment checked alone (v2 packs at open) agrees with the `minisign` crate's check of
    // comment and content, except that it refuses a signature line longer than 74 bytes.
    if let Ok(verdict) = &whole {
        assert!(
            comment_only.as_ref() == Ok(verdict)
                || comment_only == Err(trust::SignatureProblem::Malformed),
            "the comment alone is judged otherwise than the whole signature: {comment_only:?}"
        );
    }
    let Ok(trust::Verdict::Trusted { binding, .. }) = whole else {
        return false;
    };
    assert!(
        binding.blake2b == Some(trust::content_hash(SIGNED_CONTENT)),
        "a signature is trusted for content its comment does not name"
    );
    true
}

/// Pack bytes opened exactly as a file's are (written to a file of their own, since a v2 pack is
/// opened in place and read page by page), then looked up as a check does: with keys derived
/// from the demo's showcase person (when the pack's cost is cheap enough to derive them on
/// every run) and with a fixed key, and counted, then checked whole. No signature lies beside
/// the file.
pub fn pack_open(data: &[u8]) {
    let Ok(mut file) = tempfile::Builder::new()
        .suffix(".exposure")
        .tempfile_in(scratch())
    else {
        return;
    };
    if std::io::Write::write_all(&mut file, data).is_err() {
        return;
    }
    let Ok(pack) = Pack::open(file.path()) else {
        return;
    };
    let mut keys = vec![Key([0; KEY_LEN])];
    let Cost { m_kib, t, p } = pack.deriver().cost();
    if u64::from(m_kib) * u64::from(t) * u64::from(p) <= 256 {
        let person = exposure_demo::showcase_person();
        let normalizer = normalizer(pack.meta().default_region);
        for (kind, value) in [
            (Kind::Phone, &person.phone),
            (Kind::NationalId, &person.national_id),
            (Kind::Email, &person.email),
        ] {
            if let Ok(normalized) = normalizer.normalize(kind, value) {
                keys.push(pack.deriver().derive(&normalized));
            }
        }
    }
    let answers: Vec<_> = keys.iter().map(|key| pack.lookup(key)).collect();
    for hits in answers.iter().flatten() {
        for hit in hits {
            assert!(
                hit.breach < pack.breaches().len(),
                "a hit names a breach the pack does not list"
            );
        }
    }
    // The full scan checks every bucket and node a lookup checks: a v2 pack it passes cannot
    // refuse a lookup (a v1 pack was checked whole at open, and the scan has nothing to add).
    if pack.verify_all(&Silent).is_ok() && pack.meta().format_version == 2 {
        assert!(
            answers.iter().all(Result::is_ok),
            "a pack that verifies whole refuses a lookup"
        );
    }
}

/// The parameters and palette breaches a `v2_bucket` input's first 4 bytes choose: the entry
/// count (3 bytes), then the palette's size (low 4 bits; codes `2j` and `2j + 1` share breach
/// `j`, so the order rule of one key's entries is reached) and how skewed its counts are (high 4
/// bits, which picks the code Rice parameter).
pub fn v2_bucket_params(head: [u8; 4]) -> (Params, Vec<u32>) {
    let entries = u64::from(u32::from_be_bytes([0, head[0], head[1], head[2]]));
    let size = usize::from(head[3] & 0x0f);
    let skew = u32::from(head[3] >> 4);
    let counts: Vec<u64> = (0..size as u32)
        .map(|code| 1 + (entries >> (code * skew).min(63)))
        .collect();
    let breaches = (0..size as u32).map(|code| code / 2).collect();
    let params = Params::new(entries, &counts).expect("at most 2^24 entries");
    (params, breaches)
}

/// One bucket BLOB decoded as the v2 reader decodes a verified one, under the parameters its
/// first 4 bytes choose ([`v2_bucket_params`]): the decoder must return for any bytes, and what
/// it accepts must encode back to the very same bytes, so that no two BLOBs mean the same
/// entries (the format allows one encoding of a bucket).
pub fn v2_bucket(data: &[u8]) {
    let Some((head, blob)) = data.split_first_chunk::<4>() else {
        return;
    };
    let (params, breaches) = v2_bucket_params(*head);
    let Ok(slots) = bucket::decode(&params, &breaches, blob) else {
        return;
    };
    assert!(
        slots
            .iter()
            .all(|&(suffix, code)| suffix <= params.suffix_mask()
                && (code as usize) < params.palette_size),
        "a decoded entry lies outside its bucket or palette"
    );
    let again = bucket::encode(&params, &slots).expect("a decoded bucket is not too large");
    assert!(
        again == blob,
        "a bucket decodes to entries that encode otherwise"
    );
}
