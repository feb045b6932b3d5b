use std::io::Write;
use std::path::PathBuf;

use zip::write::SimpleFileOptions;

use super::*;
use crate::dump::tests::{ReadRow, rows};
use crate::dump::{RowProblem, SourceReader, UnclosedQuote};
use crate::source::{Column, Encoding, Field, Format};

/// Synthetic rows: a name and a phone, some of them Chinese, a quoted one over two lines.
fn people_csv() -> String {
    let mut text = String::from("name,phone\n");
    for i in 0..500 {
        text.push_str(&format!("陳大文{i},139{i:08}\n"));
    }
    text.push_str("\"Wang,\nFang\",13912345678\n");
    text
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A zip archive of `members` (name, bytes), deflated.
fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, bytes) in members {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn source(path: PathBuf, compression: Compression, encoding: Encoding) -> Source {
    Source {
        path,
        format: Format::Csv,
        compression,
        encoding,
        encoding_detected: None,
        header: true,
        columns: vec![
            (Column::Index(0), Field::Name),
            (Column::Index(1), Field::Phone),
        ],
        header_width: Some(2),
        table: None,
        delimiter: None,
        sheet: None,
    }
}

fn written(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn plain_rows(dir: &tempfile::TempDir) -> Vec<ReadRow> {
    let path = written(dir, "plain.csv", people_csv().as_bytes());
    rows(&source(path, Compression::None, Encoding::Utf8)).unwrap()
}

#[test]
fn a_gzipped_or_zipped_csv_reads_as_the_plain_one_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let plain = plain_rows(&dir);
    assert_eq!(plain.len(), 501);
    let text = people_csv();
    let gz = written(&dir, "people.csv.gz", &gzip(text.as_bytes()));
    assert_eq!(
        rows(&source(gz, Compression::Gzip, Encoding::Utf8)).unwrap(),
        plain
    );
    let archive = zip(&[("dumps/people.csv", text.as_bytes())]);
    let zipped = written(&dir, "people.zip", &archive);
    let member = zip_member(&zipped, None).unwrap();
    assert_eq!(member, "dumps/people.csv");
    let zipped = source(zipped, Compression::Zip { member }, Encoding::Utf8);
    assert_eq!(rows(&zipped).unwrap(), plain);
}

#[test]
fn concatenated_gzip_streams_read_as_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let plain = plain_rows(&dir);
    let text = people_csv();
    let (head, tail) = text.split_at(text.find("陳大文300").unwrap());
    let path = written(
        &dir,
        "cat.csv.gz",
        &[gzip(head.as_bytes()), gzip(tail.as_bytes())].concat(),
    );
    assert_eq!(
        rows(&source(path, Compression::Gzip, Encoding::Utf8)).unwrap(),
        plain
    );
}

#[test]
fn progress_counts_the_compressed_bytes_up_to_the_file_s_size() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = gzip(people_csv().as_bytes());
    let path = written(&dir, "people.csv.gz", &bytes);
    let source = source(path, Compression::Gzip, Encoding::Utf8);
    let mut reader = SourceReader::open(&source).unwrap();
    while reader.next_row().unwrap().is_some() {}
    assert_eq!(reader.bytes_read(), bytes.len() as u64);
}

#[test]
fn an_unclosed_quote_in_a_gzipped_csv_is_located_by_reading_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let text = "name,phone\na,13912345678\n\"b,13912345679\nc,13912345670\n";
    let path = written(&dir, "quote.csv.gz", &gzip(text.as_bytes()));
    let error = rows(&source(path, Compression::Gzip, Encoding::Utf8)).unwrap_err();
    assert_eq!(UnclosedQuote::of(&error), Some(3));
}

/// A member of `size` bytes of one repeated byte: deflate shrinks it about a thousandfold.
fn bomb_bytes(size: usize) -> Vec<u8> {
    let mut bytes = b"name,phone\n".to_vec();
    bytes.resize(size, b'a');
    bytes
}

#[test]
fn a_zip_member_or_gzip_file_inflating_a_thousandfold_is_refused_as_it_streams() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = bomb_bytes(32 << 20);
    let archive = zip(&[("people.csv", &bomb)]);
    assert!(archive.len() * 900 < bomb.len(), "{} bytes", archive.len());
    let zipped = written(&dir, "bomb.zip", &archive);
    let gz = written(&dir, "bomb.csv.gz", &gzip(&bomb));
    for source in [
        source(
            zipped,
            Compression::Zip {
                member: "people.csv".into(),
            },
            Encoding::Utf8,
        ),
        source(gz, Compression::Gzip, Encoding::Utf8),
    ] {
        let mut bytes = SourceBytes::open(&source).unwrap();
        let error = std::io::copy(&mut bytes, &mut std::io::sink()).unwrap_err();
        assert_eq!(ArchiveProblem::of(&error), Some(&ArchiveProblem::Bomb));
        // Refused within its allowance and ratio, not after inflating the whole member.
        let inflated_at_most = INFLATION_ALLOWANCE + MAX_INFLATION * bytes.file_bytes().get();
        assert!(
            inflated_at_most < bomb.len() as u64 / 2,
            "{inflated_at_most}"
        );
    }
}

#[test]
fn a_zip_member_whose_path_leaves_the_archive_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let csv = people_csv();
    for name in [
        "../../etc/cron.d/people.csv",
        "/tmp/people.csv",
        "C:\\people.csv",
        "a/../../b.csv",
    ] {
        let path = written(&dir, "evil.zip", &zip(&[(name, csv.as_bytes())]));
        let unsafe_member = Some(&ArchiveProblem::UnsafeMember {
            member: name.into(),
        });
        let error = zip_member(&path, None).unwrap_err();
        assert_eq!(ArchiveProblem::of(&error), unsafe_member, "{name}");
        let error = zip_member(&path, Some(name)).unwrap_err();
        assert_eq!(ArchiveProblem::of(&error), unsafe_member, "{name}");
    }
}

#[test]
fn a_missing_member_or_several_without_one_named_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = people_csv();
    let path = written(
        &dir,
        "two.zip",
        &zip(&[("a.csv", csv.as_bytes()), ("b.csv", csv.as_bytes())]),
    );
    let problem = |wanted| zip_member(&path, wanted).map_err(|e| ArchiveProblem::of(&e).cloned());
    assert_eq!(
        problem(None),
        Err(Some(ArchiveProblem::SeveralMembers { count: 2 }))
    );
    assert_eq!(problem(Some("b.csv")), Ok("b.csv".to_owned()));
    assert_eq!(
        problem(Some("c.csv")),
        Err(Some(ArchiveProblem::MemberMissing {
            member: "c.csv".into()
        }))
    );
    let not_zip = written(&dir, "not.zip", csv.as_bytes());
    let error = zip_member(&not_zip, None).unwrap_err();
    assert_eq!(ArchiveProblem::of(&error), Some(&ArchiveProblem::NotZip));
}

#[test]
fn a_gzip_file_cut_mid_stream_fails_the_read_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = gzip(people_csv().as_bytes());
    let path = written(&dir, "cut.csv.gz", &bytes[..bytes.len() / 2]);
    let error = rows(&source(path, Compression::Gzip, Encoding::Utf8)).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::UnexpectedEof, "{error}");
}

#[test]
fn a_zip_member_whose_bytes_do_not_match_its_checksum_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    writer.start_file("people.csv", stored).unwrap();
    writer.write_all(people_csv().as_bytes()).unwrap();
    let mut archive = writer.finish().unwrap().into_inner();
    // A byte of the stored member's data, past its local header, changed.
    let at = archive.windows(6).position(|w| w == b"139000").unwrap();
    archive[at] = b'8';
    let path = written(&dir, "damaged.zip", &archive);
    let member = Compression::Zip {
        member: "people.csv".into(),
    };
    let error = rows(&source(path, member, Encoding::Utf8)).unwrap_err();
    assert_eq!(
        ArchiveProblem::of(&error),
        Some(&ArchiveProblem::Damaged {
            member: "people.csv".into()
        })
    );
}

#[test]
fn big5_and_utf16_read_as_the_utf8_file_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let plain = plain_rows(&dir);
    let text = people_csv();
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    let path = written(&dir, "big5.csv", &big5);
    assert_eq!(
        rows(&source(path, Compression::None, Encoding::Big5)).unwrap(),
        plain
    );
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let path = written(&dir, "utf16.csv.gz", &gzip(&utf16be));
    assert_eq!(
        rows(&source(path, Compression::Gzip, Encoding::Utf16)).unwrap(),
        plain
    );
}

#[test]
fn bytes_big5_does_not_define_make_a_row_problem_on_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let (head, _, _) = encoding_rs::BIG5.encode("name,phone\n陳大文,13912345678\n");
    // 0x80 and 0xFF lead no Big5 character.
    let bytes = [&head[..], b"\x80\xFF,13912345679\n", b"Lee,13912345670\n"].concat();
    let path = written(&dir, "big5.csv", &bytes);
    let rows = rows(&source(path, Compression::None, Encoding::Big5)).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1], (3, Err(RowProblem::Encoding)));
    assert!(rows[2].1.is_ok());
}

#[test]
fn the_compression_follows_the_file_name_when_the_plan_does_not_say() {
    for (name, kind) in [
        ("a.csv.gz", CompressionKind::Gzip),
        ("a.GZ", CompressionKind::Gzip),
        ("dump.zip", CompressionKind::Zip),
        ("a.csv", CompressionKind::None),
        ("gz", CompressionKind::None),
    ] {
        assert_eq!(compression_by_name(Path::new(name)), kind, "{name}");
    }
}

#[test]
fn a_member_named_like_an_identifier_is_shown_masked() {
    for name in ["../13800138000.csv", "../someone@example.org.csv"] {
        let shown = Message::from(&ArchiveProblem::UnsafeMember {
            member: name.into(),
        })
        .to_string();
        assert!(!shown.contains(&name[3..name.len() - 4]), "{shown}");
    }
}
