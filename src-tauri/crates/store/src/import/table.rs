use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use floordesk_domain::Problem;

use crate::{Result, StoreError};
use floordesk_domain::ErrorCode;

/// A sheet of text cells, with each data row's spreadsheet number.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    pub row: u32,
    pub cells: Vec<String>,
}

impl TableRow {
    pub fn cell(&self, index: Option<usize>) -> &str {
        index
            .and_then(|i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }
}

pub(super) fn unreadable(file: &str, why: impl std::fmt::Display) -> StoreError {
    Problem::new(
        ErrorCode::ImportUnreadable,
        format!("{file}: cannot read the file: {why}"),
    )
    .with("file", file)
    .into()
}

/// Reads a .csv or .xlsx file (by its extension); of a workbook, the first sheet.
pub fn read_table(path: &Path) -> Result<Table> {
    read_table_preferring(path, &[])
}

/// [`read_table`], but of a workbook the first sheet named one of `sheets` when it has one (an
/// export whose data sheet is not the first imports back unchanged).
pub(crate) fn read_table_preferring(path: &Path, sheets: &[&str]) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    read_bytes(&path.display().to_string(), &ext, bytes, sheets)
}

pub fn read_table_bytes(file: &str, ext: &str, bytes: Vec<u8>) -> Result<Table> {
    read_bytes(file, ext, bytes, &[])
}

fn read_bytes(file: &str, ext: &str, bytes: Vec<u8>, sheets: &[&str]) -> Result<Table> {
    match ext {
        "csv" | "txt" | "tsv" => read_csv(file, &bytes),
        "xlsx" | "xlsm" | "xls" | "ods" => read_sheet(file, bytes, sheets),
        other => Err(Problem::new(
            ErrorCode::ImportUnsupportedFile,
            format!("{file}: .{other} files cannot be imported; use .csv or .xlsx"),
        )
        .with("file", file)
        .into()),
    }
}

/// UTF-8 (BOM or not), UTF-16 as Excel's "Unicode text", otherwise GBK/GB18030 as Excel in
/// China saves CSV.
pub(super) fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// A CSV reader over decoded text: tab-separated when the header has tabs and no commas (as
/// Excel's "Unicode text" saves), comma-separated otherwise; the header is read as a record.
pub(super) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

fn read_csv(file: &str, bytes: &[u8]) -> Result<Table> {
    let text = decode(bytes);
    let mut reader = csv_reader(&text);
    let mut table = Table::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| unreadable(file, e))?;
        // The csv reader skips blank lines (and reports the record as starting on them); a
        // spreadsheet still numbers them, so count the line breaks before the record's text.
        let row = record.position().map_or(i as u64 + 1, |p| {
            let skipped = text.as_bytes()[p.byte() as usize..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .filter(|b| **b == b'\n')
                .count();
            p.line() + skipped as u64
        }) as u32;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if i == 0 {
            table.headers = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push(TableRow { row, cells });
        }
    }
    Ok(table)
}

fn read_sheet(file: &str, bytes: Vec<u8>, sheets: &[&str]) -> Result<Table> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(file, e))?;
    let index = book
        .sheet_names()
        .iter()
        .position(|name| sheets.contains(&name.trim()))
        .unwrap_or(0);
    let range = match book.worksheet_range_at(index) {
        Some(range) => range.map_err(|e| unreadable(file, e))?,
        None => return Ok(Table::default()),
    };
    let first_row = range.start().map_or(0, |(row, _)| row);
    let first_col = range.start().map_or(0, |(_, col)| col) as usize;
    let mut table = Table::default();
    for (i, cells) in range.rows().enumerate() {
        // Keep column positions as the sheet has them, even when the data starts at column C.
        let cells: Vec<String> = std::iter::repeat_n(String::new(), first_col)
            .chain(cells.iter().map(cell_text))
            .collect();
        if i == 0 {
            table.headers = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push(TableRow {
                row: first_row + i as u32 + 1,
                cells,
            });
        }
    }
    Ok(table)
}

/// A cell as the person sees it: 1001 not 1001.0, dates as YYYY-MM-DD.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_bom_and_in_gbk_reads_the_same() {
        let text = "工号,姓名\n1001,张三\n\n1002,李四\n";
        let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        for bytes in [text.as_bytes().to_vec(), utf8_bom, gbk.into_owned()] {
            let table = read_table_bytes("t.csv", "csv", bytes).unwrap();
            assert_eq!(table.headers, ["工号", "姓名"]);
            assert_eq!(table.rows.len(), 2);
            assert_eq!(table.rows[1].row, 4, "blank lines keep their row numbers");
            assert_eq!(table.rows[1].cells[1], "李四");
        }
    }

    #[test]
    fn unknown_extensions_are_refused() {
        let err = read_table_bytes("a.pdf", "pdf", vec![]).unwrap_err();
        assert_eq!(err.to_problem().code, "import.unsupported_file");
    }
}
