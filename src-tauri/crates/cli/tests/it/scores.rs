//! Assessment (绩效考核) from the command line: templates imported and assigned, a month's scores
//! imported, reported as JSON Lines with exactly the contract's keys and the composite worked out
//! by hand, published (refused while someone is not fully rated), locked, and exported.

use std::path::{Path, PathBuf};
use std::process::Output;

use floordesk_store::Store;

use crate::common::{asset, cli, refused, stderr, write};

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A site with the demo's ten agents: 售前一组 2001 (lead) … 2006, 售后组 2007 (lead) … 2010
/// (2008 senior, 2009 intermediate, 2010 junior).
fn site(dir: &Path) -> PathBuf {
    let db = dir.join("floor.sqlite");
    ok(cli(&db, &["init"]));
    ok(cli(
        &db,
        &["import", "agents", arg(&asset("agents-import.csv"))],
    ));
    db
}

/// Two templates, Chinese headers: the monthly one's items are scored by self (服务态度, 40
/// points), superior (all three, 100) and peer (服务态度 and 业务知识, 70); the other is
/// quarterly.
const TEMPLATES: &str = "模板,分组,考核项目,分值,评分角色,周期
客服月度考核,服务类,服务态度,40,自评|上级|小组,月度
客服月度考核,服务类,业务知识,30,上级|小组,
客服月度考核,纪律类,出勤纪律,30,superior,
主管季度考核,管理类,团队管理,60,superior|peer,季度
主管季度考核,管理类,现场管理,40,,季度
";

/// One rater's sheet for one person in November: a row per item.
fn sheet(out: &mut String, employee_no: &str, role: &str, rater: &str, items: &[(&str, &str)]) {
    for (item, score) in items {
        out.push_str(&format!(
            "2026-11,{employee_no},{role},{rater},{item},{score}\n"
        ));
    }
}

/// November's scores, every sheet full except that 2010 has no peer yet. By hand (rater score =
/// 100 × Σ item scores ÷ Σ max of the role's items; role score = mean of the raters, half up to 2
/// places; composite = (15 × self + 60 × superior + 25 × peer) ÷ 100, half up to 2 places):
/// - 2001: self 100×30÷40 = 75; superior (79.00 + 79.09) ÷ 2 = 79.045 → 79.05 (half up, not
///   79.04); peer 100×49.35÷70 = 70.50; (1125 + 4743 + 1762.5) ÷ 100 = 76.305 → 76.31: pass.
/// - 2007: self 100×38÷40 = 95; superior 92; peer (100×63÷70 + 100×63.5÷70) ÷ 2 =
///   (90 + 90.714285…) ÷ 2 = 90.357… → 90.36; (1425 + 5520 + 2259) ÷ 100 = 92.04: excellent.
/// - 2008: self 100×36÷40 = 90; superior 85; peer 100×56÷70 = 80; (1350 + 5100 + 2000) ÷ 100
///   = 84.50: good.
/// - 2009: self 100×30÷40 = 75; superior 85; peer 100×62.3÷70 = 89; (1125 + 5100 + 2225) ÷ 100
///   = 84.50: good, tied with 2008.
/// - 2010: self 100×36÷40 = 90; superior 85; no peer: incomplete.
fn november() -> String {
    let mut s = String::from("月份,工号,评分角色,评分人,考核项目,得分\n");
    let superior = |total: [&'static str; 3]| {
        [
            ("服务态度", total[0]),
            ("业务知识", total[1]),
            ("出勤纪律", total[2]),
        ]
    };
    sheet(&mut s, "2001", "self", "2001", &[("服务态度", "30")]);
    sheet(
        &mut s,
        "2001",
        "superior",
        "2007",
        &superior(["32", "24", "23"]),
    );
    sheet(
        &mut s,
        "2001",
        "上级",
        "2002",
        &superior(["32.09", "24", "23"]),
    );
    sheet(
        &mut s,
        "2001",
        "peer",
        "2003",
        &[("服务态度", "28.35"), ("业务知识", "21")],
    );

    sheet(&mut s, "2007", "自评", "2007", &[("服务态度", "38")]);
    sheet(
        &mut s,
        "2007",
        "superior",
        "2001",
        &superior(["36", "27", "29"]),
    );
    sheet(
        &mut s,
        "2007",
        "小组",
        "2008",
        &[("服务态度", "35"), ("业务知识", "28")],
    );
    sheet(
        &mut s,
        "2007",
        "peer",
        "2009",
        &[("服务态度", "36"), ("业务知识", "27.5")],
    );

    sheet(&mut s, "2008", "self", "2008", &[("服务态度", "36")]);
    sheet(
        &mut s,
        "2008",
        "superior",
        "2007",
        &superior(["34", "26", "25"]),
    );
    sheet(
        &mut s,
        "2008",
        "peer",
        "2009",
        &[("服务态度", "32"), ("业务知识", "24")],
    );

    sheet(&mut s, "2009", "self", "2009", &[("服务态度", "30")]);
    sheet(
        &mut s,
        "2009",
        "superior",
        "2007",
        &superior(["34", "26", "25"]),
    );
    sheet(
        &mut s,
        "2009",
        "peer",
        "2010",
        &[("服务态度", "35.3"), ("业务知识", "27")],
    );

    sheet(&mut s, "2010", "self", "2010", &[("服务态度", "36")]);
    sheet(
        &mut s,
        "2010",
        "superior",
        "2007",
        &superior(["35", "25", "25"]),
    );
    s
}

/// [`site`] with [`TEMPLATES`] imported, the monthly one assigned to 售后组 and to the level
/// lead (2001 of 售前一组 joins), the quarterly one to the role supervisor.
fn assessed(dir: &Path) -> PathBuf {
    let db = site(dir);
    let file = write(dir, "模板.csv", TEMPLATES);
    assert!(ok(cli(&db, &["templates", "import", arg(&file)])).contains("2 assessment templates"),);
    for target in [["--team", "售后组"], ["--level", "lead"]] {
        ok(cli(
            &db,
            &["templates", "assign", "客服月度考核", target[0], target[1]],
        ));
    }
    ok(cli(
        &db,
        &[
            "templates",
            "assign",
            "主管季度考核",
            "--role",
            "supervisor",
        ],
    ));
    db
}

fn report(db: &Path) -> Vec<String> {
    ok(cli(db, &["scores", "report", "--month", "2026-11"]))
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn templates_import_names_bad_rows_and_writes_nothing_then_imports_and_assigns() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    // Row 3: an unknown role word; template B (rows 4–5) adds up to 90 points.
    let bad = write(
        dir.path(),
        "bad.csv",
        "template,group,item,max_points,roles,cycle
A,服务类,x,60,self,monthly
A,服务类,y,40,boss|peer,
B,管理类,z,60,,quarterly
B,管理类,w,30,peer,quarterly
",
    );
    refused(
        &cli(&db, &["templates", "import", arg(&bad)]),
        &[
            "row 3, field roles",
            "boss",
            "row 4, field max_points",
            "90",
            "nothing was written",
        ],
    );
    assert!(
        Store::open(&db)
            .unwrap()
            .list_score_templates()
            .unwrap()
            .is_empty()
    );

    let good = write(dir.path(), "模板.csv", TEMPLATES);
    let out = ok(cli(&db, &["templates", "import", arg(&good)]));
    assert!(out.contains("2 assessment templates imported"), "{out}");
    let templates = Store::open(&db).unwrap().list_score_templates().unwrap();
    let cycles: Vec<(&str, &str, usize)> = templates
        .iter()
        .map(|t| (t.name.as_str(), t.cycle.as_str(), t.items.len()))
        .collect();
    assert_eq!(
        cycles,
        [
            ("主管季度考核", "quarterly", 2),
            ("客服月度考核", "monthly", 3)
        ]
    );

    // By team name, level and role; exactly one of them.
    let assign = |args: &[&str]| cli(&db, &[&["templates", "assign"], args].concat());
    assert!(ok(assign(&["客服月度考核", "--team", "售后组"])).contains("team 售后组"));
    assert!(ok(assign(&["客服月度考核", "--level", "高级"])).contains("level senior"));
    assert!(ok(assign(&["主管季度考核", "--role", "supervisor"])).contains("role supervisor"));
    let assignments = Store::open(&db)
        .unwrap()
        .list_template_assignments()
        .unwrap();
    assert_eq!(assignments.len(), 3, "{assignments:?}");
    let assessed = |month: &str| -> Vec<String> {
        ok(cli(&db, &["scores", "report", "--month", month]))
            .lines()
            .map(|l| l[16..20].to_owned())
            .collect()
    };
    // 售后组 and the seniors (2002, 2008) are on the monthly template.
    assert_eq!(
        assessed("2026-11"),
        ["2002", "2007", "2008", "2009", "2010"]
    );
    // The seniors' assignment replaced, by the quarterly one: they have a sheet in the quarter's
    // last month only (and the level's template wins over 售后组's for 2008).
    ok(assign(&["主管季度考核", "--level", "senior"]));
    assert_eq!(
        Store::open(&db)
            .unwrap()
            .list_template_assignments()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(assessed("2026-11"), ["2007", "2009", "2010"]);
    assert_eq!(
        assessed("2026-12"),
        ["2002", "2007", "2008", "2009", "2010"]
    );

    assert_eq!(assign(&["客服月度考核"]).status.code(), Some(1));
    assert_eq!(
        assign(&["客服月度考核", "--team", "售后组", "--level", "senior"])
            .status
            .code(),
        Some(1)
    );
    refused(
        &assign(&["客服月度考核", "--team", "没有这组"]),
        &["没有这组"],
    );
    refused(&assign(&["客服月度考核", "--level", "boss"]), &["boss"]);
    refused(&assign(&["客服月度考核", "--role", "boss"]), &["boss"]);
}

#[test]
fn report_prints_the_contract_keys_with_the_composite_ranks_and_ties() {
    let dir = tempfile::tempdir().unwrap();
    let db = assessed(dir.path());
    // Nobody rated yet: everyone assessed is listed, incomplete.
    assert_eq!(
        report(&db),
        ["2001", "2007", "2008", "2009", "2010"].map(|no| format!(
            r#"{{"employee_no":"{no}","self":null,"superior":null,"peer":null,"composite":null,"grade":null,"rank":null,"team_rank":null,"complete":false,"exception":false}}"#
        ))
    );

    let scores = write(dir.path(), "评分.csv", &november());
    let out = ok(cli(&db, &["scores", "import", arg(&scores)]));
    assert!(out.contains("33 scores written"), "{out}");
    // Ranks among the monthly template's graded people: 92.04, 84.50, 84.50, 76.31 → 1, 2, 2,
    // 4; team ranks within 售后组 (2007, 2008, 2009) and 售前一组 (2001 alone).
    assert_eq!(
        report(&db),
        [
            r#"{"employee_no":"2001","self":75.0,"superior":79.05,"peer":70.5,"composite":76.31,"grade":"pass","rank":4,"team_rank":1,"complete":true,"exception":false}"#,
            r#"{"employee_no":"2007","self":95.0,"superior":92.0,"peer":90.36,"composite":92.04,"grade":"excellent","rank":1,"team_rank":1,"complete":true,"exception":false}"#,
            r#"{"employee_no":"2008","self":90.0,"superior":85.0,"peer":80.0,"composite":84.5,"grade":"good","rank":2,"team_rank":2,"complete":true,"exception":false}"#,
            r#"{"employee_no":"2009","self":75.0,"superior":85.0,"peer":89.0,"composite":84.5,"grade":"good","rank":2,"team_rank":2,"complete":true,"exception":false}"#,
            r#"{"employee_no":"2010","self":90.0,"superior":85.0,"peer":null,"composite":null,"grade":null,"rank":null,"team_rank":null,"complete":false,"exception":false}"#,
        ]
    );

    let bad_month = cli(&db, &["scores", "report", "--month", "2026-13"]);
    refused(&bad_month, &["2026-13"]);
}

#[test]
fn a_bad_scores_file_names_rows_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = assessed(dir.path());
    let before = report(&db);
    // Row 3: 45 of 40 points; row 4: no such 工号.
    let bad = write(
        dir.path(),
        "bad.csv",
        "month,employee_no,rater_role,rater,item,score
2026-11,2008,self,2008,服务态度,36
2026-11,2009,self,2009,服务态度,45
2026-11,9999,self,9999,服务态度,30
",
    );
    refused(
        &cli(&db, &["scores", "import", arg(&bad)]),
        &["row 3, field score", "row 4", "nothing was written"],
    );
    assert_eq!(report(&db), before);
}

#[test]
fn publish_waits_for_everyone_then_locks_the_month_and_export_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = assessed(dir.path());
    let scores = write(dir.path(), "评分.csv", &november());
    ok(cli(&db, &["scores", "import", arg(&scores)]));

    let refused_publish = cli(&db, &["scores", "publish", "--month", "2026-11"]);
    refused(&refused_publish, &["2010"]);
    for graded in ["2001", "2007", "2008", "2009"] {
        assert!(
            !stderr(&refused_publish).contains(graded),
            "{}",
            stderr(&refused_publish)
        );
    }

    // 2010's peer sheet: 100×55÷70 = 78.571… → 78.57; (1350 + 5100 + 1964.25) ÷ 100 = 84.1425
    // → 84.14, ranked 4th behind the tie and ahead of 2001.
    let mut missing = String::from("month,employee_no,rater_role,rater,item,score\n");
    sheet(
        &mut missing,
        "2010",
        "peer",
        "2008",
        &[("服务态度", "30"), ("业务知识", "25")],
    );
    let missing = write(dir.path(), "补评.csv", &missing);
    ok(cli(&db, &["scores", "import", arg(&missing)]));
    let out = ok(cli(&db, &["scores", "publish", "--month", "2026-11"]));
    assert!(
        out.contains("2026-11") && out.contains("published"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");

    let published = report(&db);
    assert_eq!(
        published[4],
        r#"{"employee_no":"2010","self":90.0,"superior":85.0,"peer":78.57,"composite":84.14,"grade":"good","rank":4,"team_rank":4,"complete":true,"exception":false}"#
    );
    assert!(published[0].contains(r#""composite":76.31,"grade":"pass","rank":5,"team_rank":1"#));

    // The month is locked: an import into it is refused and changes nothing.
    refused(
        &cli(&db, &["scores", "import", arg(&scores)]),
        &["row 2", "nothing was written"],
    );
    assert_eq!(report(&db), published);
    // Publishing again is refused as well.
    refused(
        &cli(&db, &["scores", "publish", "--month", "2026-11"]),
        &["2026-11"],
    );

    let xlsx = dir.path().join("考核.xlsx");
    let out = ok(cli(
        &db,
        &["scores", "export", "--month", "2026-11", arg(&xlsx)],
    ));
    assert!(out.contains("5 people"), "{out}");
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip file");
    // Its 原始评分 sheet imports back: another floor with the same templates gets the same results.
    let other = tempfile::tempdir().unwrap();
    let other_db = assessed(other.path());
    let out = ok(cli(&other_db, &["scores", "import", arg(&xlsx)]));
    assert!(out.contains("35 scores written"), "{out}");
    assert_eq!(report(&other_db), published);
}

#[test]
fn quarter_ranks_the_people_complete_in_all_three_months_and_books_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = assessed(dir.path());
    // November's sheets in October and December too; 2009 is left without a December superior
    // (incomplete there, so out of the quarter), 2010 never has a peer.
    let nov = november();
    let dec: String = nov
        .lines()
        .filter(|l| !l.starts_with("2026-11,2009,superior"))
        .map(|l| format!("{}\n", l.replacen("2026-11,", "2026-12,", 1)))
        .collect();
    let oct = nov.replace("2026-11,", "2026-10,");
    for (name, text) in [("10.csv", oct), ("11.csv", nov), ("12.csv", dec)] {
        ok(cli(
            &db,
            &["scores", "import", arg(&write(dir.path(), name, &text))],
        ));
    }
    let out = ok(cli(&db, &["scores", "quarter", "--quarter", "2026Q4"]));
    // 2007 92.04 ×3, 2008 84.50 ×3, 2001 76.31 ×3; 2009 and 2010 each miss a month.
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            r#"{"employee_no":"2007","mean_composite":92.04,"rank":1,"reward_fen":30000}"#,
            r#"{"employee_no":"2008","mean_composite":84.5,"rank":2,"reward_fen":20000}"#,
            r#"{"employee_no":"2001","mean_composite":76.31,"rank":3,"reward_fen":10000}"#,
        ]
    );
    // It prints; it books nothing.
    let store = Store::open(&db).unwrap();
    let booked: i64 = store_count(
        &store,
        "SELECT count(*) FROM incidents WHERE rule_code = 'quarter_reward'",
    );
    assert_eq!(booked, 0);
    refused(
        &cli(&db, &["scores", "quarter", "--quarter", "2026Q5"]),
        &["2026Q5"],
    );
}

fn store_count(store: &Store, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}
