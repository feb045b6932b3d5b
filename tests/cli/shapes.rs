//! Leaks in the shapes they circulate in (issue 15): the same generated people written as a CSV
//! file, a `----` text list, a JSON array with MongoDB Extended JSON numbers and dates, and
//! workbooks (xlsx, xls and ods) with phones stored as numbers and dates as date cells build packs
//! that answer every probe alike; and hostile dumps of these shapes, made here by code, are skipped
//! row by row or refused before any work.

use std::sync::OnceLock;

use exposure_demo::ods;
use exposure_demo::xls::{XlsBook, compound_file, push_record, record};
use exposure_demo::{DemoOptions, DemoPerson, absent_person, write_dump};
use rust_xlsxwriter::{Format as CellFormat, Formula, Workbook, Worksheet};

use crate::dumps::{CANARIES, Case, Expect, GOOD_PHONE, csv_plan, run};
use crate::support::{
    answers, assert_same_answers, build_one_source, build_people, found, one_source_plan,
};

/// The generated people, of whom every other one is in the dumps.
fn people() -> &'static [DemoPerson] {
    static PEOPLE: OnceLock<Vec<DemoPerson>> = OnceLock::new();
    PEOPLE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let options = DemoOptions { seed: 15, rows: 60 };
        write_dump(dir.path(), &options).unwrap().people
    })
}

fn in_dump() -> impl Iterator<Item = &'static DemoPerson> {
    people().iter().step_by(2)
}

const COLUMNS: [&str; 6] = ["name", "phone", "national_id", "dob", "email", "username"];

fn fields(person: &DemoPerson) -> [String; 6] {
    [
        person.name.clone(),
        person.phone.clone(),
        person.national_id.clone(),
        person.dob.to_string(),
        person.email.clone(),
        person.username.clone(),
    ]
}

fn csv() -> Vec<u8> {
    let mut text = COLUMNS.join(",") + "\n";
    for person in in_dump() {
        text += &(fields(person).join(",") + "\n");
    }
    text.into_bytes()
}

fn text_list() -> Vec<u8> {
    let mut text = COLUMNS.join("----") + "\n";
    for person in in_dump() {
        text += &(fields(person).join("----") + "\n");
    }
    text.into_bytes()
}

/// As `mongoexport --jsonArray` writes it: numbers as `$numberLong`, dates as `$date`.
fn json_array() -> Vec<u8> {
    let elements: Vec<String> = in_dump()
        .map(|person| {
            let millis = person.dob.midnight().assume_utc().unix_timestamp() * 1000;
            serde_json::json!({
                "_id": {"$oid": "5f1d7a3e9c1b2a0012345678"},
                "name": person.name,
                "contact": {"phone": {"$numberLong": person.phone}, "email": person.email},
                "national_id": person.national_id,
                "dob": {"$date": {"$numberLong": millis.to_string()}},
                "username": person.username,
            })
            .to_string()
        })
        .collect();
    format!("[\n{}\n]\n", elements.join(",\n")).into_bytes()
}

/// A workbook whose first sheet is notes and whose second holds the people, with phones stored
/// as numbers and dates of birth as date cells, as a courier's export has them.
fn workbook() -> Vec<u8> {
    workbook_with(|sheet| {
        let date = CellFormat::new().set_num_format("yyyy-mm-dd");
        for (column, name) in COLUMNS.iter().enumerate() {
            sheet.write_string(0, column as u16, *name)?;
        }
        for (row, person) in in_dump().enumerate() {
            let row = row as u32 + 1;
            let [name, _, id, _, email, username] = fields(person);
            sheet.write_string(row, 0, name)?;
            sheet.write_number(row, 1, person.phone.parse::<f64>().unwrap())?;
            sheet.write_string(row, 2, id)?;
            let dob = &person.dob;
            let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
                dob.year() as u16,
                dob.month() as u8,
                dob.day(),
            )?;
            sheet.write_datetime_with_format(row, 3, &day, &date)?;
            sheet.write_string(row, 4, email)?;
            sheet.write_string(row, 5, username)?;
        }
        Ok(())
    })
}

/// The workbook of [`workbook`] as Excel 97 saves it (xls).
fn excel_97_workbook() -> Vec<u8> {
    let mut book = XlsBook::new();
    book.sheet("Notes");
    let sheet = book.sheet("People");
    for (column, name) in COLUMNS.iter().enumerate() {
        book.text(sheet, 0, column as u16, name);
    }
    let epoch = time::macros::date!(1899 - 12 - 30);
    for (row, person) in in_dump().enumerate() {
        let row = row as u16 + 1;
        let [name, _, id, _, email, username] = fields(person);
        book.text(sheet, row, 0, &name);
        book.number(sheet, row, 1, person.phone.parse::<f64>().unwrap());
        book.text(sheet, row, 2, &id);
        book.date(sheet, row, 3, (person.dob - epoch).whole_days() as f64);
        book.text(sheet, row, 4, &email);
        book.text(sheet, row, 5, &username);
    }
    book.to_bytes()
}

/// The workbook of [`workbook`] as LibreOffice saves it (ods).
fn open_document_workbook() -> Vec<u8> {
    let mut rows = ods::row(&COLUMNS.map(ods::text));
    for person in in_dump() {
        let [name, _, id, dob, email, username] = fields(person);
        rows += &ods::row(&[
            ods::text(&name),
            ods::number(person.phone.parse::<f64>().unwrap()),
            ods::text(&id),
            ods::date(&dob),
            ods::text(&email),
            ods::text(&username),
        ]);
    }
    ods::ods_file(&[("Notes", String::new()), ("People", rows)])
}

/// A workbook with an empty sheet "Notes" first and a sheet "People" that `write` fills.
fn workbook_with(
    write: impl FnOnce(&mut Worksheet) -> Result<(), rust_xlsxwriter::XlsxError>,
) -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Notes").unwrap();
    write(book.add_worksheet().set_name("People").unwrap()).unwrap();
    book.save_to_buffer().unwrap()
}

const MAPPED: &str = "name = \"name\"\nphone = \"phone\"\nnational_id = \"national_id_cn\"\ndob = \"dob\"\nemail = \"email\"\nusername = \"username\"";

#[test]
fn the_same_people_in_every_shape_answer_every_probe_as_the_csv_file_does() {
    let json_columns = MAPPED
        .replace("phone = ", "\"contact.phone\" = ")
        .replace("email = ", "\"contact.email\" = ");
    let people_sheet = "sheet = \"People\"";
    let shapes = [
        ("people.csv", "csv", "", MAPPED, csv()),
        (
            "people.txt",
            "text",
            "delimiter = \"----\"",
            MAPPED,
            text_list(),
        ),
        ("people.json", "json", "", &json_columns, json_array()),
        ("people.xlsx", "xlsx", people_sheet, MAPPED, workbook()),
        (
            "people.xls",
            "xlsx",
            people_sheet,
            MAPPED,
            excel_97_workbook(),
        ),
        (
            "people.ods",
            "xlsx",
            people_sheet,
            MAPPED,
            open_document_workbook(),
        ),
    ];
    let builds: Vec<_> = shapes
        .iter()
        .map(|(file, format, options, columns, bytes)| {
            build_one_source(
                &one_source_plan(file, format, options, columns),
                file,
                bytes,
            )
        })
        .collect();
    let (_, csv_pack) = &builds[0];
    let probed: Vec<DemoPerson> = people().iter().cloned().chain([absent_person()]).collect();
    let expected = answers(csv_pack, &probed);
    for (_, pack) in &builds[1..] {
        assert_same_answers(pack, &probed, &expected, &pack.display().to_string());
    }
    // The probes hit and miss: a comparison of empty reports would prove nothing.
    let found = found(&expected);
    assert!(found > 10 && found < people().len(), "{found}");
}

/// A workbook of good and bad rows: an ID stored as a number in C12, a phone that is no phone in
/// B13, a row of a name alone (no identifier) in 14.
fn workbook_with_bad_cells() -> Vec<u8> {
    workbook_with(|sheet| {
        for (column, name) in COLUMNS.iter().enumerate() {
            sheet.write_string(0, column as u16, *name)?;
        }
        let person = &people()[0];
        for (column, value) in fields(person).into_iter().enumerate() {
            sheet.write_string(1, column as u16, value)?;
        }
        sheet.write_string(11, 0, "张三")?;
        sheet.write_number(11, 2, 110_105_198_503_071_234.0)?;
        sheet.write_string(12, 1, "13012")?;
        sheet.write_string(13, 0, "李四")?;
        Ok(())
    })
}

#[test]
fn a_workbook_s_problems_are_shown_by_their_cell_or_sheet_row_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("people.xlsx"), workbook_with_bad_cells()).unwrap();
    let plan = one_source_plan("people.xlsx", "xlsx", "sheet = \"People\"", MAPPED);
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    let expected = [
        (
            "en",
            [
                "people.xlsx cell People!C12: number mangled by a spreadsheet",
                "people.xlsx cell People!B13: phone number refused",
                "people.xlsx sheet People, row 14: no usable identifier",
            ],
        ),
        (
            "zh-CN",
            [
                "people.xlsx 单元格 People!C12：",
                "people.xlsx 单元格 People!B13：",
                "people.xlsx 工作表 People 第 14 行：",
            ],
        ),
        (
            "zh-TW",
            [
                "people.xlsx 儲存格 People!C12：",
                "people.xlsx 儲存格 People!B13：",
                "people.xlsx 工作表 People 第 14 列：",
            ],
        ),
    ];
    for (lang, lines) in expected {
        let stdout = build_people(dir.path(), lang);
        for line in lines {
            assert!(stdout.contains(line), "{lang}: {line}\n{stdout}");
        }
        assert!(!stdout.contains("13012"), "{lang}: {stdout}");
    }
}

#[test]
fn every_hostile_dump_of_these_shapes_is_skipped_row_by_row_or_refused_before_any_work() {
    let [canary_phone, canary_name, canary_email] = CANARIES;
    let phone_plan = |file: &str, format: &str, options: &str| {
        csv_plan(file, format, "utf-8", "phone = \"phone\"\nname = \"name\"").replace(
            &format!("format = \"{format}\""),
            &format!("format = \"{format}\"\n{options}"),
        )
    };
    let json_plan = |file: &str, format: &str| {
        csv_plan(
            file,
            format,
            "utf-8",
            "phone = \"phone\"\nemail = \"email\"",
        )
    };
    let good_object = format!("{{\"phone\": \"{GOOD_PHONE}\"}}");
    let sheet = |write: &dyn Fn(&mut Worksheet) -> Result<(), rust_xlsxwriter::XlsxError>| {
        workbook_with(|sheet| {
            sheet.write_string(0, 0, "phone")?;
            sheet.write_string(0, 1, "name")?;
            sheet.write_string(1, 0, GOOD_PHONE)?;
            write(sheet)
        })
    };
    let many_rows = || {
        sheet(&|sheet| {
            for row in 2..200 {
                sheet.write_string(row, 0, format!("1360000{row:04}"))?;
            }
            Ok(())
        })
    };
    let xlsx_plan = phone_plan("dump.xlsx", "xlsx", "sheet = \"People\"");
    let corpus = vec![
        Case {
            name: "a text list whose delimiter appears inside a field",
            plan: phone_plan("dump.txt", "text", "delimiter = \"----\""),
            files: vec![(
                "dump.txt",
                format!(
                    "phone----name\n{GOOD_PHONE}----王----芳\n{canary_phone}\n13600000002----李四\n"
                )
                .into_bytes(),
            )],
            expect: Expect::Built(&[(1, "wrong number of fields")]),
        },
        Case {
            name: "a text source without a delimiter",
            plan: phone_plan("dump.txt", "text", ""),
            files: vec![("dump.txt", format!("phone----name\n{GOOD_PHONE}----王芳\n").into_bytes())],
            expect: Expect::Refused("a text source needs a delimiter"),
        },
        Case {
            name: "Extended JSON with unknown $ keys",
            plan: json_plan("dump.json", "json"),
            files: vec![(
                "dump.json",
                format!(
                    "[{good_object},\n{{\"phone\": {{\"$regularExpression\": {{\"pattern\": \"{canary_phone}\"}}}}, \"email\": \"{canary_email}\"}},\n{{\"phone\": {{\"$numberLong\": \"13600000002\"}}}}]"
                )
                .into_bytes(),
            )],
            expect: Expect::Built(&[(1, "a MongoDB Extended JSON value that is not a number")]),
        },
        Case {
            name: "Extended JSON with unknown $ keys in JSON Lines",
            plan: json_plan("dump.jsonl", "jsonl"),
            files: vec![(
                "dump.jsonl",
                format!("{good_object}\n{{\"phone\": {{\"$binary\": \"{canary_phone}\"}}}}\n")
                    .into_bytes(),
            )],
            expect: Expect::Built(&[(1, "a MongoDB Extended JSON value that is not a number")]),
        },
        Case {
            name: "a JSON array never closed",
            plan: json_plan("dump.json", "json"),
            files: vec![(
                "dump.json",
                format!("[{good_object},\n{{\"email\": \"{canary_email}\", \"phone\": \"{canary_phone}")
                    .into_bytes(),
            )],
            expect: Expect::Built(&[(1, "not a JSON object")]),
        },
        Case {
            name: "a JSON array element nested 10,000 deep",
            plan: json_plan("dump.json", "json"),
            files: vec![(
                "dump.json",
                format!(
                    "[{good_object}, {{\"email\": \"{canary_email}\", \"x\": {}{}}}]",
                    "[".repeat(10_000),
                    "]".repeat(10_000)
                )
                .into_bytes(),
            )],
            expect: Expect::Built(&[(1, "not a JSON object")]),
        },
        Case {
            name: "a JSON array element longer than 64 MiB",
            plan: json_plan("dump.json", "json"),
            files: vec![(
                "dump.json",
                format!(
                    "[{good_object}, {{\"email\": \"{canary_email}\", \"pad\": \"{}\"}}, {{\"phone\": \"13600000002\"}}]",
                    "x".repeat(65 << 20)
                )
                .into_bytes(),
            )],
            expect: Expect::Built(&[(1, "a value longer than 1 MiB, or a line longer than 64 MiB")]),
        },
        Case {
            name: "JSON Lines given as a JSON array",
            plan: json_plan("dump.json", "json"),
            files: vec![("dump.json", format!("{good_object}\n{good_object}\n").into_bytes())],
            expect: Expect::Refused("is not one JSON array; if it holds one JSON object a line, set format = \"jsonl\""),
        },
        Case {
            name: "a workbook whose shared strings are a zip bomb",
            plan: xlsx_plan.clone(),
            files: vec![("dump.xlsx", shared_strings_bomb())],
            expect: Expect::Refused("its part xl/sharedStrings.xml inflates to more than 200 times its size"),
        },
        Case {
            name: "a sheet of 16,384 columns",
            plan: xlsx_plan.clone(),
            files: vec![(
                "dump.xlsx",
                sheet(&|sheet| {
                    for column in 2..16_384u16 {
                        sheet.write_string(0, column, format!("c{column}"))?;
                        sheet.write_number(1, column, f64::from(column))?;
                    }
                    Ok(())
                }),
            )],
            expect: Expect::Built(&[]),
        },
        Case {
            name: "a formula cell",
            plan: xlsx_plan.clone(),
            files: vec![(
                "dump.xlsx",
                sheet(&|sheet| {
                    // Its cached value is read: the one the good row holds.
                    sheet.write_formula(
                        2,
                        0,
                        Formula::new("=A2&\"\"").set_result(GOOD_PHONE),
                    )?;
                    Ok(())
                }),
            )],
            expect: Expect::Built(&[]),
        },
        Case {
            name: "a date cell where a phone was expected",
            plan: xlsx_plan.clone(),
            files: vec![(
                "dump.xlsx",
                sheet(&|sheet| {
                    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
                    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2013, 7, 1)?;
                    sheet.write_datetime_with_format(2, 0, &day, &date)?;
                    sheet.write_string(2, 1, canary_name)?;
                    Ok(())
                }),
            )],
            expect: Expect::Built(&[(1, "a date cell where a phone, ID, email or username was expected")]),
        },
        Case {
            name: "an 18-digit ID stored as a number",
            plan: xlsx_plan.replace(
                "phone = \"phone\"",
                "phone = \"phone\"\nid = \"national_id_cn\"",
            ),
            files: vec![(
                "dump.xlsx",
                sheet(&|sheet| {
                    sheet.write_string(0, 2, "id")?;
                    sheet.write_number(2, 2, 110_105_198_503_071_234.0)?;
                    sheet.write_string(2, 1, canary_name)?;
                    Ok(())
                }),
            )],
            expect: Expect::Built(&[(1, "number mangled by a spreadsheet")]),
        },
        Case {
            name: "the first sheet when none is named, whose header lacks the column",
            plan: phone_plan("dump.xlsx", "xlsx", ""),
            files: vec![("dump.xlsx", sheet(&|_| Ok(())))],
            expect: Expect::Refused("the column \"name\" is not in the file's header"),
        },
        Case {
            name: "a sheet that is not there",
            plan: phone_plan("dump.xlsx", "xlsx", "sheet = \"Parcels\""),
            files: vec![("dump.xlsx", sheet(&|_| Ok(())))],
            expect: Expect::Refused("has no sheet by that name; its sheets are: Notes, People."),
        },
        Case {
            name: "a sheet cut off in the middle of a row",
            plan: xlsx_plan.clone(),
            files: vec![(
                "dump.xlsx",
                with_part(
                    many_rows(),
                    "xl/worksheets/sheet2.xml",
                    |xml| xml[..xml.len() / 2].to_vec(),
                ),
            )],
            // Its XML is read through before any work, and ends inside a tag.
            expect: Expect::Refused("dump.xlsx is not a workbook that can be read"),
        },
        Case {
            name: "a sheet whose cell 150 rows down has a type no spreadsheet writes",
            plan: xlsx_plan.clone(),
            files: vec![(
                "dump.xlsx",
                with_part(many_rows(), "xl/worksheets/sheet2.xml", |xml| {
                    String::from_utf8(xml)
                        .unwrap()
                        .replace("<c r=\"A150\" t=\"s\">", "<c r=\"A150\" t=\"bogus\">")
                        .into_bytes()
                }),
            )],
            expect: Expect::Refused("turned out damaged partway through its sheet, so no pack was written"),
        },
        Case {
            name: "a sheet whose one cell holds 2 MB of text in rich-text runs",
            plan: xlsx_plan.clone(),
            files: vec![(
                "dump.xlsx",
                with_part(sheet(&|_| Ok(())), "xl/worksheets/sheet2.xml", |_| {
                    let run = format!("<r><t>{canary_name}{}</t></r>", "1".repeat(1000));
                    format!(
                        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>{}</is></c>\
                         </row></sheetData></worksheet>",
                        run.repeat(2000)
                    )
                    .into_bytes()
                }),
            )],
            expect: Expect::Refused("holds a cell or a stretch of XML longer than 1 MiB"),
        },
        Case {
            name: "an xls sheet of two cells far apart, which calamine would lay out whole",
            plan: phone_plan("dump.xls", "xlsx", "sheet = \"People\""),
            files: vec![("dump.xls", {
                let mut book = XlsBook::new();
                let sheet = book.sheet("People");
                book.text(sheet, 0, 0, "phone");
                book.text(sheet, 0, 1, "name");
                book.text(sheet, 1, 0, GOOD_PHONE);
                book.text(sheet, u16::MAX, 255, canary_name);
                book.to_bytes()
            })],
            expect: Expect::Refused("is an xls or ods file whose sheets lay out more than 8 million cells"),
        },
        Case {
            name: "an xls file whose list of sheets is cut short, on which calamine panics",
            plan: phone_plan("dump.xls", "xlsx", "sheet = \"People\""),
            files: vec![("dump.xls", {
                let mut stream = Vec::new();
                push_record(&mut stream, record::BOF, &[0, 6, 5, 0]);
                push_record(&mut stream, record::BOUND_SHEET, &[0; 4]);
                push_record(&mut stream, record::EOF, &[]);
                compound_file(&stream)
            })],
            expect: Expect::Refused("dump.xls is not a workbook that can be read"),
        },
        Case {
            name: "a CSV file named as a workbook",
            plan: xlsx_plan,
            files: vec![("dump.xlsx", format!("phone\n{GOOD_PHONE}\n").into_bytes())],
            expect: Expect::Refused("dump.xlsx is not a workbook that can be read"),
        },
    ];
    run(corpus);
}

/// A zip named as a workbook whose shared strings part inflates two-thousandfold.
fn shared_strings_bomb() -> Vec<u8> {
    let real = workbook_with(|sheet| sheet.write_string(0, 0, "phone").map(drop));
    with_part(real, "xl/sharedStrings.xml", |_| vec![b' '; 16 << 20])
}

/// `workbook` with the part `name` made anew from its old bytes.
fn with_part(workbook: Vec<u8>, name: &str, make: impl FnOnce(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(workbook)).unwrap();
    let mut old = Vec::new();
    source.by_name(name).unwrap().read_to_end(&mut old).unwrap();
    let mut made = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..source.len() {
        let part = source.by_index(index).unwrap();
        if part.name().unwrap() != name {
            made.raw_copy_file(part).unwrap();
        }
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    made.start_file(name, options).unwrap();
    made.write_all(&make(old)).unwrap();
    made.finish().unwrap().into_inner()
}
