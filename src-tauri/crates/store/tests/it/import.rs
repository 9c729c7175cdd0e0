//! Importing agents from the files people really have: CSV in UTF-8 or GBK, xlsx with numbers
//! and dates as cells. Bad files name the row and field and write nothing.

use crate::common::{actor, demo_asset, fresh, write};
use floordesk_domain::people::Level;
use floordesk_store::StoreError;
use floordesk_store::import::agents::ImportAction;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[test]
fn a_good_file_imports_creating_teams_and_seats() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let path = demo_asset("agents-import.csv");
    let preview = store.preview_agents_import(&path).unwrap();
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!((preview.creates, preview.updates), (10, 0));
    assert!(
        store.list_agents(true).unwrap().is_empty(),
        "a preview writes nothing"
    );

    let summary = store.import_agents(&path, actor()).unwrap();
    assert_eq!(summary.created, 10);
    assert_eq!(summary.teams_created as usize, preview.new_teams.len());
    let agents = store.list_agents(false).unwrap();
    assert_eq!(agents.len(), 10);
    let first = agents.iter().find(|a| a.employee_no == "2001").unwrap();
    assert_eq!((first.name.as_str(), first.level), ("贺一鸣", Level::Lead));
    assert_eq!(first.seat_code.as_deref(), Some("D01"));
    assert_eq!(first.hired_on.unwrap().to_string(), "2020-05-11");

    // The same file again updates in place.
    let again = store.preview_agents_import(&path).unwrap();
    assert_eq!((again.creates, again.updates), (0, 10));
    assert!(again.rows.iter().all(|r| r.action == ImportAction::Update));
    store.import_agents(&path, actor()).unwrap();
    assert_eq!(store.list_agents(true).unwrap().len(), 10);
}

#[test]
fn a_bad_file_names_rows_and_fields_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let before = store.list_agents(true).unwrap();
    let teams_before = store.list_teams().unwrap();

    let path = demo_asset("agents-bad.csv");
    let preview = store.preview_agents_import(&path).unwrap();
    let level = preview
        .errors
        .iter()
        .find(|e| e.code == "import.bad_level")
        .expect("level error");
    assert_eq!(
        (level.row, level.field.as_str(), level.value.as_str()),
        (7, "职级", "组长")
    );
    let dup = preview
        .errors
        .iter()
        .find(|e| e.code == "import.duplicate_in_file")
        .expect("dup error");
    assert_eq!((dup.row, dup.field.as_str()), (9, "工号"));
    assert!(dup.message.contains("row 3"), "{}", dup.message);

    let err = store.import_agents(&path, actor()).unwrap_err();
    let StoreError::Import { issues, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(issues.len(), preview.errors.len());
    assert!(err.is_bad_data());
    assert_eq!(store.list_agents(true).unwrap(), before, "nothing written");
    assert_eq!(store.list_teams().unwrap(), teams_before, "no team created");
}

#[test]
fn missing_columns_bad_dates_and_taken_seats_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let no_level = write(dir.path(), "a.csv", "工号,姓名,班组\n1,张三,一组\n");
    let preview = store.preview_agents_import(&no_level).unwrap();
    assert_eq!(preview.errors[0].code, "import.missing_column");
    assert_eq!(preview.errors[0].row, 1);

    write(
        dir.path(),
        "first.csv",
        "工号,姓名,班组,职级,台席\n1,张三,一组,初级,A1\n",
    );
    store
        .import_agents(&dir.path().join("first.csv"), actor())
        .unwrap();
    let clash = write(
        dir.path(),
        "b.csv",
        "employee_no,name,team,level,seat,hired_on\n2,李四,一组,junior,A1,2024-13-01\n3,王五,一组,senior,B1,\n4,赵六,一组,senior,B1,\n",
    );
    let preview = store.preview_agents_import(&clash).unwrap();
    let codes: Vec<(u32, &str, &str)> = preview
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.code.as_str()))
        .collect();
    assert!(
        codes.contains(&(2, "seat", "import.seat_taken")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(2, "hired_on", "import.bad_date")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(4, "seat", "import.seat_taken")),
        "{codes:?}"
    );
}

#[test]
fn two_agents_can_swap_seats_in_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let first = write(
        dir.path(),
        "1.csv",
        "工号,姓名,班组,职级,台席\n1,张三,一组,初级,A1\n2,李四,一组,初级,A2\n",
    );
    store.import_agents(&first, actor()).unwrap();
    let swap = write(
        dir.path(),
        "2.csv",
        "工号,姓名,班组,职级,台席\n1,张三,一组,初级,A2\n2,李四,一组,初级,A1\n",
    );
    store.import_agents(&swap, actor()).unwrap();
    let seats: Vec<_> = store
        .list_agents(false)
        .unwrap()
        .into_iter()
        .map(|a| a.seat_code.unwrap())
        .collect();
    assert_eq!(seats, ["A2", "A1"]);
}

#[test]
fn gbk_csv_as_excel_in_china_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let summary = store
        .import_agents(&demo_asset("agents-gbk.csv"), actor())
        .unwrap();
    assert_eq!(summary.created, 5);
    let names: Vec<String> = store
        .list_agents(false)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.chars().all(|c| !c.is_ascii() && c != '\u{FFFD}')),
        "{names:?}"
    );
}

#[test]
fn xlsx_numbers_and_dates_read_as_people_see_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path());
    let path = dir.path().join("people.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["工号", "姓名", "班组", "职级", "入职日期"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 1001.0).unwrap();
    sheet.write_string(1, 1, "张三").unwrap();
    sheet.write_string(1, 2, "售后组").unwrap();
    sheet.write_string(1, 3, "高级").unwrap();
    let date = ExcelDateTime::from_ymd(2023, 5, 8).unwrap();
    sheet
        .write_datetime_with_format(1, 4, &date, &Format::new().set_num_format("yyyy/m/d"))
        .unwrap();
    sheet.write_number(2, 0, 1002.0).unwrap();
    sheet.write_string(2, 1, "李四").unwrap();
    sheet.write_string(2, 2, "售后组").unwrap();
    sheet.write_string(2, 3, "大师").unwrap();
    book.save(&path).unwrap();

    let preview = store.preview_agents_import(&path).unwrap();
    assert_eq!(preview.rows[0].employee_no, "1001");
    assert_eq!(preview.rows[0].hired_on.unwrap().to_string(), "2023-05-08");
    assert_eq!(
        (preview.errors[0].row, preview.errors[0].field.as_str()),
        (3, "职级")
    );
}

#[test]
fn an_export_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let path = dir.path().join("导出.xlsx");
    assert_eq!(store.export_agents_xlsx(&path).unwrap(), 10);

    let other_dir = tempfile::tempdir().unwrap();
    let mut other = fresh(other_dir.path());
    other.import_agents(&path, actor()).unwrap();
    let strip = |v: Vec<floordesk_store::people::AgentRow>| -> Vec<_> {
        v.into_iter()
            .map(|a| {
                (
                    a.employee_no,
                    a.name,
                    a.team_name,
                    a.level,
                    a.seat_code,
                    a.hired_on,
                )
            })
            .collect()
    };
    assert_eq!(
        strip(other.list_agents(true).unwrap()),
        strip(store.list_agents(true).unwrap())
    );
}

#[test]
fn a_leaving_date_is_imported_exported_and_cleared_only_by_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let file = write(
        dir.path(),
        "离职.csv",
        "工号,姓名,班组,职级,入职日期,离职日期\n\
         2001,周一,一组,初级,2026-01-05,2026-11-20\n\
         2002,周二,一组,初级,2026-01-05,\n",
    );
    store.import_agents(&file, actor()).unwrap();
    let left = |store: &floordesk_store::Store, no: &str| {
        store.agent_by_employee_no(no).unwrap().unwrap().left_on
    };
    assert_eq!(left(&store, "2001"), "2026-11-20".parse().ok());
    assert_eq!(left(&store, "2002"), None);

    // A file without the column keeps the date; one with an empty cell clears it.
    let without = write(
        dir.path(),
        "无列.csv",
        "工号,姓名,班组,职级\n2001,周一,一组,中级\n",
    );
    store.import_agents(&without, actor()).unwrap();
    assert_eq!(left(&store, "2001"), "2026-11-20".parse().ok());
    let path = dir.path().join("导出.xlsx");
    store.export_agents_xlsx(&path).unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = fresh(other_dir.path());
    other.import_agents(&path, actor()).unwrap();
    assert_eq!(left(&other, "2001"), "2026-11-20".parse().ok());
    let cleared = write(
        dir.path(),
        "清空.csv",
        "工号,姓名,班组,职级,离职日期\n2001,周一,一组,中级,\n",
    );
    store.import_agents(&cleared, actor()).unwrap();
    assert_eq!(left(&store, "2001"), None);

    // Leaving before joining names the row and field, and nothing is written.
    let bad = write(
        dir.path(),
        "倒挂.csv",
        "工号,姓名,班组,职级,入职日期,离职日期\n2003,周三,一组,初级,2026-06-01,2026-05-31\n",
    );
    let preview = store.preview_agents_import(&bad).unwrap();
    assert_eq!(
        (
            preview.errors[0].row,
            preview.errors[0].field.as_str(),
            preview.errors[0].code.as_str()
        ),
        (2, "离职日期", "agent.leaves_before_hired")
    );
    assert!(store.agent_by_employee_no("2003").unwrap().is_none());
}

#[test]
fn base_pay_is_imported_in_yuan_kept_without_its_column_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let pay = |store: &floordesk_store::Store, no: &str| {
        store
            .agent_by_employee_no(no)
            .unwrap()
            .unwrap()
            .base_pay_fen
    };
    let file = write(
        dir.path(),
        "工资.csv",
        "工号,姓名,班组,职级,基本工资\n\
         3001,周一,一组,初级,4500\n\
         3002,周二,一组,初级,4500.5\n\
         3003,周三,一组,初级,\n",
    );
    let preview = store.preview_agents_import(&file).unwrap();
    assert!(preview.has_base_pay);
    assert_eq!(preview.rows[1].base_pay_fen, Some(450_050));
    store.import_agents(&file, actor()).unwrap();
    assert_eq!(pay(&store, "3001"), Some(450_000));
    assert_eq!(pay(&store, "3002"), Some(450_050));
    assert_eq!(pay(&store, "3003"), None);

    // A third decimal names the row and the column, and nothing is written.
    let bad = write(
        dir.path(),
        "坏.csv",
        "工号,姓名,班组,职级,基本工资\n3001,周一,一组,初级,4800.00\n3004,周四,一组,初级,45.123\n",
    );
    let preview = store.preview_agents_import(&bad).unwrap();
    let issues: Vec<_> = preview
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.code.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(issues, [(3, "基本工资", "import.invalid_value", "45.123")]);
    let err = store.import_agents(&bad, actor()).unwrap_err();
    assert!(matches!(err, StoreError::Import { .. }), "{err:?}");
    assert_eq!(pay(&store, "3001"), Some(450_000));
    assert!(store.agent_by_employee_no("3004").unwrap().is_none());

    // The English header works too; a file without the column keeps everyone's pay.
    let english = write(
        dir.path(),
        "english.csv",
        "employee_no,name,team,level,base_pay\n3003,周三,一组,初级,3800.00\n",
    );
    store.import_agents(&english, actor()).unwrap();
    assert_eq!(pay(&store, "3003"), Some(380_000));
    let without = write(
        dir.path(),
        "无列.csv",
        "工号,姓名,班组,职级\n3001,周一,一组,中级\n3002,周二,一组,中级\n",
    );
    assert!(!store.preview_agents_import(&without).unwrap().has_base_pay);
    store.import_agents(&without, actor()).unwrap();
    assert_eq!(pay(&store, "3001"), Some(450_000));
    assert_eq!(pay(&store, "3002"), Some(450_050));
    assert_eq!(
        store.agent_by_employee_no("3001").unwrap().unwrap().level,
        Level::Intermediate
    );

    // The export writes 基本工资 in yuan (empty when none) and imports back to the same fen.
    let path = dir.path().join("导出.xlsx");
    store.export_agents_xlsx(&path).unwrap();
    let table = floordesk_store::import::read_table(&path).unwrap();
    let col = table
        .headers
        .iter()
        .position(|h| h == "基本工资")
        .expect("基本工资 column");
    let cell = |no: &str| {
        let r = table.rows.iter().find(|r| r.cell(Some(0)) == no).unwrap();
        r.cell(Some(col)).to_owned()
    };
    assert_eq!(
        (cell("3001"), cell("3002"), cell("3003")),
        ("4500".into(), "4500.5".into(), "3800".into())
    );
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = fresh(other_dir.path());
    other.import_agents(&path, actor()).unwrap();
    for no in ["3001", "3002", "3003"] {
        assert_eq!(pay(&other, no), pay(&store, no), "{no}");
    }

    // Without pay (an operator who may not see it) the column is left out, and importing that
    // file back changes nobody's pay.
    let no_pay = dir.path().join("无工资.xlsx");
    store.export_agents_xlsx_with(&no_pay, false).unwrap();
    let table = floordesk_store::import::read_table(&no_pay).unwrap();
    assert!(
        !table.headers.iter().any(|h| h == "基本工资"),
        "{:?}",
        table.headers
    );
    other.import_agents(&no_pay, actor()).unwrap();
    assert_eq!(pay(&other, "3002"), Some(450_050));
}
