//! Importing scores in the long form (month, 工号, role, rater, item, score), English or Chinese
//! headers: every bad row named, nothing written then; a rater's sheet re-imported replaces what
//! they had entered (the old values kept); a published month refused; and the export's raw sheet
//! importing back to the same scores.

use std::path::Path;

use calamine::{Data, Reader};
use floordesk_domain::scores::{Grade, ScoreMonth};
use floordesk_store::import::ImportIssue;
use floordesk_store::{Store, StoreError};

use crate::common::{actor, demo_asset, fresh, now, write};

fn month() -> ScoreMonth {
    ScoreMonth::parse("2026-11").unwrap()
}

/// agents-import.csv's ten agents (2001–2010, 售前一组 and 售后组) and the seeds' templates:
/// 电商客服月度考核 on both teams.
fn assessed(dir: &Path) -> Store {
    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    store.seed_score_templates(actor()).unwrap();
    store
}

/// Seed 002's items by role: 上级 ten (65 points), 自评 three (15), 小组 two (20).
const SUPERIOR_ITEMS: [&str; 10] = [
    "咨询转化率",
    "平均响应时间",
    "客户流失率",
    "总成交额",
    "有效订单比",
    "付款比",
    "退款比",
    "客单价",
    "投诉比",
    "异常订单比",
];
const SELF_ITEMS: [&str; 3] = ["报表及时性", "数据真实性", "完整性"];
const PEER_ITEMS: [&str; 2] = ["工作协作性", "服务性"];

/// One rater's sheet as file rows: `month,employee_no,role,rater,item,score`.
fn sheet(
    month: &str,
    no: &str,
    role: &str,
    rater: &str,
    items: &[&str],
    scores: &[&str],
) -> String {
    assert_eq!(items.len(), scores.len());
    items
        .iter()
        .zip(scores)
        .map(|(item, score)| format!("{month},{no},{role},{rater},{item},{score}\n"))
        .collect()
}

/// 2003's month, English headers. By hand (seed 002's weights 15/60/25):
/// - self 5 + 4.5 + 4 = 13.5 of 15 → 90;
/// - superior 2001: 9 + 9 + 4 + 8 + 4 × 6 = 54 of 65 → 83.0769… → 83.08;
/// - peer 2002: 9 + 8.5 = 17.5 of 20 → 87.5;
/// - composite (15 × 90 + 60 × 83.08 + 25 × 87.5) / 100 = 85.223 → 85.22, 良好.
fn english_2003() -> String {
    let mut csv = String::from("month,employee_no,rater_role,rater,item,score\n");
    csv += &sheet(
        "2026-11",
        "2003",
        "self",
        "2003",
        &SELF_ITEMS,
        &["5", "4.5", "4"],
    );
    csv += &sheet(
        "2026-11",
        "2003",
        "superior",
        "2001",
        &SUPERIOR_ITEMS,
        &["9", "9", "4", "8", "4", "4", "4", "4", "4", "4"],
    );
    csv += &sheet(
        "2026-11",
        "2003",
        "peer",
        "2002",
        &PEER_ITEMS,
        &["9", "8.5"],
    );
    csv
}

/// 2004's month, Chinese headers and words (自评, 上级, 互评). By hand:
/// - self 15 of 15 → 100;
/// - superior 2007 (售后组's lead, rating across teams): 63 of 65 → 96.923… → 96.92;
/// - peer 2005: 20 of 20 → 100;
/// - composite (15 × 100 + 60 × 96.92 + 25 × 100) / 100 = 98.152 → 98.15, 优秀.
fn chinese_2004() -> String {
    let mut csv = String::from("月份,工号,评分角色,评分人,考核项目,得分\n");
    csv += &sheet(
        "2026-11",
        "2004",
        "自评",
        "2004",
        &SELF_ITEMS,
        &["5", "5", "5"],
    );
    csv += &sheet(
        "2026-11",
        "2004",
        "上级",
        "2007",
        &SUPERIOR_ITEMS,
        &["8", "10", "5", "10", "5", "5", "5", "5", "5", "5"],
    );
    csv += &sheet(
        "2026-11",
        "2004",
        "互评",
        "2005",
        &PEER_ITEMS,
        &["10", "10"],
    );
    csv
}

/// Every score of a database, in key order: (month, ratee, role, rater, item id, points).
type ScoreRows = Vec<(String, String, String, String, i64, i64)>;

fn scores_in(store: &Store) -> ScoreRows {
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT month, ratee, role, rater, item_id, points FROM scores
             ORDER BY month, ratee, role, rater, item_id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn issues_of(err: StoreError) -> Vec<ImportIssue> {
    match err {
        StoreError::Import { issues, .. } => issues,
        other => panic!("expected a file's problems, got {other}"),
    }
}

fn issue_at(issues: &[ImportIssue], row: u32) -> &ImportIssue {
    issues
        .iter()
        .find(|i| i.row == row)
        .unwrap_or_else(|| panic!("no problem on row {row}: {issues:?}"))
}

fn person_of(store: &Store, no: &str) -> String {
    store
        .score_person_by_employee_no(no)
        .unwrap()
        .unwrap()
        .person
}

#[test]
fn a_good_file_in_either_language_writes_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = assessed(dir.path());

    let summary = store
        .import_scores(&write(dir.path(), "en.csv", &english_2003()), actor())
        .unwrap();
    assert_eq!((summary.rows, summary.sheets, summary.replaced), (15, 3, 0));
    assert_eq!(summary.months, ["2026-11"]);
    let summary = store
        .import_scores(&write(dir.path(), "zh.csv", &chinese_2004()), actor())
        .unwrap();
    assert_eq!((summary.rows, summary.sheets, summary.replaced), (15, 3, 0));

    let results = store.month_results(month(), now()).unwrap();
    assert_eq!(results.rows.len(), 10, "everyone on a template is listed");
    let row = |no: &str| results.rows.iter().find(|r| r.employee_no == no).unwrap();
    let r = row("2003");
    assert!(r.complete && !r.exception, "{r:?}");
    assert_eq!(
        (r.scores.self_score, r.scores.superior, r.scores.peer),
        (Some(90.0), Some(83.08), Some(87.5))
    );
    assert_eq!(r.composite_text.as_deref(), Some("85.22"));
    assert_eq!(r.grade, Some(Grade::Good));
    let r = row("2004");
    assert_eq!(r.scores.superior, Some(96.92));
    assert_eq!(r.composite_text.as_deref(), Some("98.15"));
    assert_eq!(r.grade, Some(Grade::Excellent));
    assert_eq!((r.rank, row("2003").rank), (Some(1), Some(2)));
    assert!(!row("2005").complete, "2005 was rated by no one");

    // The file's raters became raters of that role for that person.
    let raters = store.month_raters(month()).unwrap();
    let rates = |ratee: &str, role: &str, rater: &str| {
        raters.iter().any(|a| {
            a.ratee_employee_no == ratee && a.role.as_str() == role && a.rater_employee_no == rater
        })
    };
    assert!(rates("2003", "superior", "2001"));
    assert!(rates("2003", "peer", "2002"));
    assert!(rates("2004", "superior", "2007"));
    assert!(rates("2004", "peer", "2005"));

    // The rater's own sheet shows what the file gave (4.5 kept exactly as 450 hundredths).
    let sheet = store
        .rater_sheet(month(), &person_of(&store, "2003"), now())
        .unwrap();
    let own = sheet
        .groups
        .iter()
        .find(|g| g.role.as_str() == "self")
        .unwrap();
    let mine = own.rows.iter().find(|r| r.employee_no == "2003").unwrap();
    assert_eq!(mine.cells, vec![Some(500), Some(450), Some(400)]);
}

#[test]
fn every_bad_row_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = assessed(dir.path());
    // 2011 joins a team the seeds did not assign a template to.
    store
        .import_agents(
            &write(
                dir.path(),
                "new.csv",
                "name,employee_no,level,team\n新同事,2011,junior,质检组\n",
            ),
            actor(),
        )
        .unwrap();
    let csv = "month,employee_no,rater_role,rater,item,score\n\
               2026-11,2003,self,2003,报表及时性,5\n\
               2026-13,2003,self,2003,数据真实性,5\n\
               2026-11,9999,self,9999,报表及时性,5\n\
               2026-11,2011,self,2011,报表及时性,5\n\
               2026-11,2003,boss,2001,咨询转化率,5\n\
               2026-11,2003,superior,8888,咨询转化率,5\n\
               2026-11,2003,self,2004,完整性,5\n\
               2026-11,2003,peer,2003,服务性,5\n\
               2026-11,2003,superior,2001,不存在的项目,5\n\
               2026-11,2003,superior,2001,报表及时性,5\n\
               2026-11,2003,superior,2001,咨询转化率,12\n\
               2026-11,2003,superior,2001,平均响应时间,8.125\n\
               2026-11,2003,self,2003,报表及时性,4\n\
               2026-11,2003,peer,2002,工作协作性,abc\n";
    let before = scores_in(&store);
    let err = store
        .import_scores(&write(dir.path(), "bad.csv", csv), actor())
        .unwrap_err();
    assert!(err.is_bad_data());
    let issues = issues_of(err);
    let expect = [
        (3, "month", "scores.bad_month"),
        (4, "employee_no", "import.unknown_agent"),
        (5, "employee_no", "scores.no_template"),
        (6, "rater_role", "import.invalid_value"),
        (7, "rater", "import.unknown_agent"),
        (8, "rater", "import.invalid_value"),
        (9, "rater", "scores.self_as_peer"),
        (10, "item", "scores.item_not_for_role"),
        (11, "item", "scores.item_not_for_role"),
        (12, "score", "scores.out_of_range"),
        (13, "score", "scores.out_of_range"),
        (14, "item", "import.duplicate_in_file"),
        (15, "score", "import.invalid_value"),
    ];
    for (row, field, code) in expect {
        let issue = issue_at(&issues, row);
        assert_eq!(
            (issue.field.as_str(), issue.code.as_str()),
            (field, code),
            "row {row}: {issue:?}"
        );
    }
    assert!(
        issues.iter().all(|i| i.row != 2),
        "the good row is fine: {issues:?}"
    );
    // Row 4's unknown rater (the same 9999) is named too, on its own column.
    assert!(
        issues
            .iter()
            .any(|i| i.row == 4 && i.field == "rater" && i.code == "import.unknown_agent")
    );
    let range = issue_at(&issues, 12);
    assert!(
        range.message.contains("咨询转化率") && range.message.contains("10"),
        "{}",
        range.message
    );
    assert_eq!(range.value, "12");
    assert!(issue_at(&issues, 13).message.contains("2 decimals"));
    assert!(
        issue_at(&issues, 14).message.contains("row 2"),
        "{}",
        issue_at(&issues, 14).message
    );
    assert_eq!(issue_at(&issues, 9).value, "2003");
    assert_eq!(scores_in(&store), before, "nothing written");
    assert!(before.is_empty());
    assert!(
        store
            .month_raters(month())
            .unwrap()
            .iter()
            .all(|a| a.source != floordesk_store::scores::RaterSource::Import)
    );

    // Chinese headers name the Chinese columns; a missing column is named on the header row.
    let err = store
        .import_scores(
            &write(
                dir.path(),
                "cols.csv",
                "月份,工号,评分角色,评分人,考核项目\n2026-11,2003,自评,2003,完整性\n",
            ),
            actor(),
        )
        .unwrap_err();
    let issues = issues_of(err);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(
        (issues[0].row, issues[0].code.as_str()),
        (1, "import.missing_column")
    );
    let err = store
        .import_scores(
            &write(
                dir.path(),
                "zh-bad.csv",
                "月份,工号,评分角色,评分人,考核项目,得分\n2026-11,2003,上级,2003,咨询转化率,5\n",
            ),
            actor(),
        )
        .unwrap_err();
    let issues = issues_of(err);
    assert_eq!(
        (
            issues[0].row,
            issues[0].field.as_str(),
            issues[0].code.as_str()
        ),
        (2, "评分人", "scores.self_as_peer")
    );
    assert!(scores_in(&store).is_empty());
}

#[test]
fn reimporting_a_raters_sheet_replaces_it_and_keeps_the_old_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = assessed(dir.path());
    store
        .import_scores(&write(dir.path(), "first.csv", &english_2003()), actor())
        .unwrap();
    let before = scores_in(&store);
    assert_eq!(before.len(), 15);

    // 2001's sheet for 2003 again: 咨询转化率 9 → 10, 总成交额 unchanged, 异常订单比 left out.
    let mut csv = String::from("month,employee_no,rater_role,rater,item,score\n");
    csv += &sheet(
        "2026-11",
        "2003",
        "superior",
        "2001",
        &SUPERIOR_ITEMS[..9],
        &["10", "9", "4", "8", "4", "4", "4", "4", "4"],
    );
    let path = write(dir.path(), "second.csv", &csv);
    let summary = store.import_scores(&path, actor()).unwrap();
    assert_eq!((summary.rows, summary.sheets, summary.replaced), (9, 1, 1));

    let after = scores_in(&store);
    assert_eq!(after.len(), 14, "the cell left out is cleared");
    let lead = person_of(&store, "2001");
    let sheet_of_lead = store.rater_sheet(month(), &lead, now()).unwrap();
    let group = sheet_of_lead
        .groups
        .iter()
        .find(|g| g.role.as_str() == "superior")
        .unwrap();
    let row = group.rows.iter().find(|r| r.employee_no == "2003").unwrap();
    assert_eq!(row.cells[0], Some(1000));
    assert_eq!(row.cells[9], None, "异常订单比 cleared");
    // The other raters' sheets for 2003 are untouched.
    let others = |rows: &ScoreRows| -> ScoreRows {
        rows.iter().filter(|r| r.2 != "superior").cloned().collect()
    };
    assert_eq!(others(&after), others(&before));
    // 2001's sheet now has a blank item: not counted, so 2003 has no superior score for now.
    let results = store.month_results(month(), now()).unwrap();
    let r = results
        .rows
        .iter()
        .find(|r| r.employee_no == "2003")
        .unwrap();
    assert_eq!(
        r.scores.superior, None,
        "a blank item: the rater is not counted"
    );
    assert_eq!(r.partial[1], 1);

    // The values replaced and cleared are in the change history, from the import.
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    let changes: Vec<(Option<i64>, Option<i64>, String)> = conn
        .prepare(
            "SELECT c.old_points, c.new_points, c.source FROM score_changes c
             JOIN score_items i ON i.id = c.item_id
             WHERE c.month = '2026-11' AND c.ratee = ?1 AND c.rater = ?2 ORDER BY i.position",
        )
        .unwrap()
        .query_map([person_of(&store, "2003"), lead.clone()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        changes,
        vec![
            (Some(900), Some(1000), "import".to_owned()),
            (Some(400), None, "import".to_owned())
        ]
    );
    let audit: Vec<(String, String)> = conn
        .prepare(
            "SELECT action, coalesce(detail, '') FROM audit_log
             WHERE action IN ('replace_score_sheet', 'import_scores') ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        ["import_scores", "replace_score_sheet", "import_scores"]
    );
    let detail = &audit[1].1;
    assert!(
        detail.contains("2026-11")
            && detail.contains("2003")
            && detail.contains("superior")
            && detail.contains("2001"),
        "{detail}"
    );

    // The same file again changes nothing and logs no change.
    let summary = store.import_scores(&path, actor()).unwrap();
    assert_eq!((summary.sheets, summary.replaced), (1, 0));
    assert_eq!(scores_in(&store), after);
    let logged: i64 = conn
        .query_row("SELECT count(*) FROM score_changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(logged, 2);
}

#[test]
fn a_published_month_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = assessed(dir.path());
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    conn.execute(
        "INSERT INTO score_publications (month, action, at) VALUES ('2026-10', 'publish', 0)",
        [],
    )
    .unwrap();
    let csv = english_2003().replace("2026-11", "2026-10");
    let err = store
        .import_scores(&write(dir.path(), "october.csv", &csv), actor())
        .unwrap_err();
    let issues = issues_of(err);
    assert_eq!(issues.len(), 15, "every row: {issues:?}");
    assert!(
        issues
            .iter()
            .all(|i| i.code == "scores.published" && i.field == "month" && i.value == "2026-10")
    );
    assert_eq!(issues[0].row, 2);
    assert!(issues[0].message.contains("2026-10"));
    assert!(scores_in(&store).is_empty());

    // November is open: the same scores for it go in.
    store
        .import_scores(&write(dir.path(), "november.csv", &english_2003()), actor())
        .unwrap();
    assert_eq!(scores_in(&store).len(), 15);
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_export_lists_the_results_and_its_raw_sheet_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = assessed(dir.path());
    for (name, csv) in [("en.csv", english_2003()), ("zh.csv", chinese_2004())] {
        store
            .import_scores(&write(dir.path(), name, &csv), actor())
            .unwrap();
    }
    let scores = scores_in(&store);
    let xlsx = dir.path().join("scores.xlsx");
    let listed = store.export_scores_xlsx(month(), now(), &xlsx).unwrap();
    assert_eq!(listed, 10);

    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["结果", "原始评分"]);
    let results = book.worksheet_range("结果").unwrap();
    let rows: Vec<Vec<String>> = results
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "工号",
            "姓名",
            "班组",
            "考核模板",
            "自评",
            "上级",
            "小组",
            "综合得分",
            "等级",
            "排名",
            "组内排名",
            "状态"
        ]
    );
    let of = |no: &str| rows.iter().find(|r| r[0] == no).unwrap();
    assert_eq!(
        of("2003")[1..],
        [
            "崔明轩",
            "售前一组",
            "电商客服月度考核",
            "90",
            "83.08",
            "87.5",
            "85.22",
            "良好",
            "2",
            "2",
            "已完成"
        ]
    );
    assert_eq!(of("2004")[8..], ["优秀", "1", "1", "已完成"]);
    assert_eq!(of("2005")[4..], ["", "", "", "", "", "", "", "未完成"]);
    let composite = results.get((3, 7)).unwrap();
    assert_eq!(*composite, Data::Float(85.22), "a number, not text");

    let raw = book.worksheet_range("原始评分").unwrap();
    let raw: Vec<Vec<String>> = raw
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert_eq!(
        raw[0],
        ["月份", "工号", "评分角色", "评分人", "考核项目", "得分"]
    );
    assert_eq!(raw.len(), 31);
    // By 工号, role, rater, item position: 2003's self sheet first.
    assert_eq!(
        raw[1],
        ["2026-11", "2003", "自评", "2003", "报表及时性", "5"]
    );
    assert_eq!(
        raw[2],
        ["2026-11", "2003", "自评", "2003", "数据真实性", "4.5"]
    );
    assert_eq!(raw[4][2..5], ["上级", "2001", "咨询转化率"]);
    assert_eq!(raw[14][2..5], ["小组", "2002", "工作协作性"]);
    assert_eq!(raw[16][1..3], ["2004", "自评"]);

    // The workbook as exported imports back: into this database, changing nothing …
    let summary = store.import_scores(&xlsx, actor()).unwrap();
    assert_eq!((summary.rows, summary.sheets, summary.replaced), (30, 6, 0));
    assert_eq!(scores_in(&store), scores);
    // … and into another with the same people, writing the same scores.
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = assessed(other_dir.path());
    other.import_scores(&xlsx, actor()).unwrap();
    assert_eq!(scores_in(&other), scores);
    assert_eq!(
        other.month_results(month(), now()).unwrap().rows,
        store.month_results(month(), now()).unwrap().rows
    );

    // A plain read of the workbook is still its first sheet.
    let table = floordesk_store::import::read_table(&xlsx).unwrap();
    assert_eq!(table.headers[0], "工号");
    assert_eq!(table.headers[7], "综合得分");
}
