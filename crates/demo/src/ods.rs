//! A small writer of OpenDocument spreadsheets (ods), for tests: a zip of the parts a reader
//! needs (`mimetype`, the manifest, `content.xml`), whose sheets are given as their rows' XML, so
//! that tests can write both what LibreOffice writes and what no spreadsheet does (a cell repeated
//! a hundred million times).

use std::io::{Cursor, Write};

/// A cell of text.
pub fn text(text: &str) -> String {
    format!(
        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
        escaped(text)
    )
}

/// A cell of a number, as a spreadsheet stores a phone typed into it.
pub fn number(value: f64) -> String {
    format!("<table:table-cell office:value-type=\"float\" office:value=\"{value}\"/>")
}

/// A date cell, `YYYY-MM-DD`.
pub fn date(date: &str) -> String {
    format!(
        "<table:table-cell office:value-type=\"date\" office:date-value=\"{}\"/>",
        escaped(date)
    )
}

/// A row of cells.
pub fn row(cells: &[String]) -> String {
    format!("<table:table-row>{}</table:table-row>", cells.concat())
}

/// An ods file of the sheets given by name and their rows' XML, in order.
pub fn ods_file(sheets: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut part = |name: &str, content: &[u8]| {
        zip.start_file(name, stored).expect("in memory");
        zip.write_all(content).expect("in memory");
    };
    part(
        "mimetype",
        b"application/vnd.oasis.opendocument.spreadsheet",
    );
    part(
        "META-INF/manifest.xml",
        b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
          <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
          </manifest:manifest>",
    );
    let tables: String = sheets
        .iter()
        .map(|(name, rows)| {
            format!(
                "<table:table table:name=\"{}\">{rows}</table:table>",
                escaped(name)
            )
        })
        .collect();
    part(
        "content.xml",
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <office:document-content \
             xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
             <office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>\
             </office:document-content>"
        )
        .as_bytes(),
    );
    zip.finish().expect("in memory").into_inner()
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader};

    use super::*;

    #[test]
    fn calamine_reads_what_is_written_as_a_spreadsheet_shows_it() {
        let rows = row(&[
            text("姓名 & <id>"),
            number(13800138000.0),
            date("1985-03-07"),
        ]);
        let bytes = ods_file(&[("Notes", String::new()), ("People", rows)]);
        let mut ods = calamine::Ods::new(Cursor::new(bytes)).unwrap();
        assert_eq!(ods.sheet_names(), ["Notes", "People"]);
        let range = ods.worksheet_range("People").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("姓名 & <id>".into()))
        );
        assert_eq!(range.get_value((0, 1)), Some(&Data::Float(13800138000.0)));
        assert_eq!(
            range.get_value((0, 2)),
            Some(&Data::DateTimeIso("1985-03-07".into()))
        );
    }
}
