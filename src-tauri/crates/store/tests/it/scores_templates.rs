//! Assessment templates (考核模板) on a real file: the 100-point rule, the seeds, versions frozen
//! once a month's sheets use them (in the schema itself, whoever writes), which template each
//! person is assessed on, and importing templates from a spreadsheet.

use std::path::Path;

use floordesk_domain::access::Role;
use floordesk_domain::people::Level;
use floordesk_domain::scores::{RoleSet, ScoreCycle, ScoreMonth};
use floordesk_store::people::{AgentInput, TeamInput};
use floordesk_store::scores::{AssignTarget, ScoreItemInput, TemplateInput, TemplateRow};
use floordesk_store::users::UserInput;
use floordesk_store::{Store, StoreError};
use rusqlite::{Connection, params};

use crate::common::{actor, fresh, write};

fn item(group: &str, name: &str, max_points: i64, roles: &str) -> ScoreItemInput {
    ScoreItemInput {
        group: group.into(),
        name: name.into(),
        max_points,
        roles: RoleSet::parse(roles).unwrap(),
        computed: false,
        standard: format!("{name}的评分标准"),
        formula: None,
    }
}

fn template(name: &str, cycle: ScoreCycle, items: Vec<ScoreItemInput>) -> TemplateInput {
    TemplateInput {
        name: name.into(),
        cycle,
        items,
    }
}

/// Two items, 60 + 40.
fn simple(name: &str, cycle: ScoreCycle) -> TemplateInput {
    template(
        name,
        cycle,
        vec![
            item("服务类", "客户满意度", 60, "superior"),
            item("协作类", "团队协作", 40, "self|peer"),
        ],
    )
}

fn month(text: &str) -> ScoreMonth {
    ScoreMonth::parse(text).unwrap()
}

fn code(err: &StoreError) -> String {
    err.to_problem().code.as_str().to_owned()
}

fn param(err: &StoreError, key: &str) -> String {
    err.to_problem()
        .params
        .get(key)
        .cloned()
        .unwrap_or_default()
}

fn total(t: &TemplateRow) -> i64 {
    t.items.iter().map(|i| i.max_points).sum()
}

/// A second connection to the database file, as another program would open it.
fn raw(dir: &Path) -> Connection {
    Connection::open(dir.join("floor.sqlite")).unwrap()
}

/// What a month's first score does: binds the month's sheets of the template to its newest
/// version.
fn begin_month(conn: &Connection, month: &str, template: &TemplateRow) {
    conn.execute(
        "INSERT INTO score_sheet_versions (month, template_id, version_id) VALUES (?1, ?2, ?3)",
        params![month, template.id, template.version_id],
    )
    .unwrap();
}

fn item_names_of_version(conn: &Connection, version_id: i64) -> Vec<(String, i64)> {
    conn.prepare("SELECT name, max_points FROM score_items WHERE version_id = ?1 ORDER BY position")
        .unwrap()
        .query_map([version_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn refused(result: rusqlite::Result<usize>) {
    match result {
        Err(e) => assert!(
            e.to_string().contains("in use by a month's scores"),
            "refused for another reason: {e}"
        ),
        Ok(n) => panic!("the change went through ({n} rows)"),
    }
}

fn team(store: &mut Store, name: &str) -> i64 {
    let input = TeamInput {
        id: None,
        name: name.into(),
        channel: None,
    };
    store.save_team(&input, actor()).unwrap().id
}

fn agent(store: &mut Store, no: &str, team_id: i64, level: Level) -> i64 {
    let input = AgentInput {
        id: None,
        employee_no: no.into(),
        name: format!("坐席{no}"),
        team_id,
        level,
        seat_id: None,
        hired_on: None,
        left_on: None,
        base_pay_fen: None,
    };
    store.save_agent(&input, actor()).unwrap().id
}

/// A login for the agent of 工号 `no`, or (no agent has it) a user with a 工号 of their own.
fn user(store: &mut Store, no: &str, role: Role) -> i64 {
    let input = UserInput {
        id: None,
        display_name: format!("用户{no}"),
        role,
        employee_no: no.into(),
        pin: Some("2580".into()),
    };
    store.save_user(&input, actor()).unwrap().id
}

#[test]
fn a_template_must_add_up_to_100_points_with_distinct_scored_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());

    let mut short = simple("电话客服考核", ScoreCycle::Monthly);
    short.items[1].max_points = 30;
    let err = store
        .save_score_template(None, &short, actor())
        .unwrap_err();
    assert_eq!(code(&err), "scores.template_total");
    assert_eq!(param(&err, "template"), "电话客服考核");
    assert_eq!(param(&err, "total"), "90");

    let mut twice = simple("电话客服考核", ScoreCycle::Monthly);
    twice.items[1].name = " 客户满意度 ".into();
    let err = store
        .save_score_template(None, &twice, actor())
        .unwrap_err();
    assert_eq!(code(&err), "scores.template_items");
    assert_eq!(param(&err, "template"), "电话客服考核");

    let mut unnamed = simple("电话客服考核", ScoreCycle::Monthly);
    unnamed.items[0].name = "  ".into();
    let err = store
        .save_score_template(None, &unnamed, actor())
        .unwrap_err();
    assert_eq!(code(&err), "scores.template_items");

    let mut nobody = simple("电话客服考核", ScoreCycle::Monthly);
    nobody.items[0].roles = RoleSet::from_roles([]);
    let err = store
        .save_score_template(None, &nobody, actor())
        .unwrap_err();
    assert_eq!(code(&err), "scores.template_items");

    let empty = template("电话客服考核", ScoreCycle::Monthly, vec![]);
    let err = store
        .save_score_template(None, &empty, actor())
        .unwrap_err();
    assert_eq!(code(&err), "scores.template_items");

    let mut zero = simple("电话客服考核", ScoreCycle::Monthly);
    zero.items[0].max_points = 0;
    zero.items[1].max_points = 100;
    let err = store.save_score_template(None, &zero, actor()).unwrap_err();
    assert_eq!(code(&err), "validation.out_of_range");

    let err = store
        .save_score_template(None, &simple("  ", ScoreCycle::Monthly), actor())
        .unwrap_err();
    assert_eq!(code(&err), "validation.required");

    assert!(
        store.list_score_templates().unwrap().is_empty(),
        "nothing was written"
    );

    let saved = store
        .save_score_template(
            None,
            &simple(" 电话客服考核 ", ScoreCycle::Monthly),
            actor(),
        )
        .unwrap();
    assert_eq!(saved.name, "电话客服考核");
    assert_eq!(
        (saved.version, saved.in_use, saved.active),
        (1, false, true)
    );
    assert_eq!(total(&saved), 100);
    assert_eq!(saved.items[1].roles, RoleSet::parse("self|peer").unwrap());
    assert_eq!(
        saved.items.iter().map(|i| i.position).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(store.score_template(saved.id).unwrap(), saved);
    assert_eq!(
        store.score_template_by_name("电话客服考核").unwrap(),
        Some(saved)
    );
    assert_eq!(store.score_template_by_name("没有").unwrap(), None);
    assert_eq!(code(&store.score_template(999).unwrap_err()), "not_found");
}

#[test]
fn a_template_name_is_one_templates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let first = store
        .save_score_template(None, &simple("电话客服考核", ScoreCycle::Monthly), actor())
        .unwrap();
    let other = store
        .save_score_template(None, &simple("在线客服考核", ScoreCycle::Monthly), actor())
        .unwrap();

    let err = store
        .save_score_template(None, &simple("电话客服考核", ScoreCycle::Monthly), actor())
        .unwrap_err();
    assert_eq!(code(&err), "scores.template_name_taken");
    assert_eq!(param(&err, "name"), "电话客服考核");
    let err = store
        .save_score_template(
            Some(other.id),
            &simple("电话客服考核", ScoreCycle::Monthly),
            actor(),
        )
        .unwrap_err();
    assert_eq!(code(&err), "scores.template_name_taken");

    let renamed = store
        .save_score_template(
            Some(first.id),
            &simple("热线客服考核", ScoreCycle::Quarterly),
            actor(),
        )
        .unwrap();
    assert_eq!(
        (renamed.id, renamed.name.as_str()),
        (first.id, "热线客服考核")
    );
    assert_eq!(renamed.cycle, ScoreCycle::Quarterly);
    assert_eq!(renamed.items, first.items, "unchanged items keep their ids");
    let err = store
        .save_score_template(Some(999), &simple("新模板", ScoreCycle::Monthly), actor())
        .unwrap_err();
    assert_eq!(code(&err), "not_found");
}

#[test]
fn the_seeds_templates_add_up_to_100_and_are_assigned_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let presale = team(&mut store, "售前一组");
    let hotline = team(&mut store, "热线组");
    store
        .save_score_template(None, &simple("热线考核", ScoreCycle::Monthly), actor())
        .unwrap();
    store
        .assign_score_template(
            "热线考核",
            &AssignTarget::Team { team_id: hotline },
            actor(),
        )
        .unwrap();

    store.seed_score_templates(actor()).unwrap();
    let templates = store.list_score_templates().unwrap();
    assert_eq!(templates.len(), 4);
    let seeded = |name: &str| {
        templates
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no template {name}"))
            .clone()
    };
    let ecommerce = seeded("电商客服月度考核");
    let call_centre = seeded("呼叫中心客服月度考核");
    let supervisors = seeded("客服主管季度考核");
    for t in [&ecommerce, &call_centre, &supervisors] {
        assert_eq!(total(t), 100, "{}", t.name);
        assert_eq!(t.version, 1);
        assert!(t.items.iter().all(|i| !i.standard.is_empty()), "{}", t.name);
    }
    assert_eq!(ecommerce.items.len(), 15);
    assert_eq!(ecommerce.cycle, ScoreCycle::Monthly);
    let groups: Vec<&str> = ecommerce.items.iter().map(|i| i.group.as_str()).collect();
    assert_eq!(groups.first(), Some(&"服务类"));
    assert_eq!(groups.last(), Some(&"协作类"));
    let peer_points: i64 = ecommerce
        .items
        .iter()
        .filter(|i| i.roles == RoleSet::parse("peer").unwrap())
        .map(|i| i.max_points)
        .sum();
    assert_eq!(peer_points, 20, "小组 scores 工作协作性 and 服务性");
    assert_eq!(call_centre.items.len(), 7);
    assert_eq!(supervisors.cycle, ScoreCycle::Quarterly);
    let first = &supervisors.items[0];
    assert_eq!(
        (first.group.as_str(), first.name.as_str()),
        ("工作态度", "工作态度")
    );
    assert_eq!(first.roles, RoleSet::ALL);
    assert!(first.standard.contains("准时上下班"));

    let assignments = store.list_template_assignments().unwrap();
    let assigned = |target: AssignTarget| {
        assignments
            .iter()
            .find(|a| a.target == target)
            .map(|a| (a.template_name.clone(), a.target_label.clone()))
    };
    assert_eq!(
        assigned(AssignTarget::Role {
            role: Role::Supervisor
        }),
        Some(("客服主管季度考核".into(), "主管".into()))
    );
    assert_eq!(
        assigned(AssignTarget::Team { team_id: presale }),
        Some(("电商客服月度考核".into(), "售前一组".into()))
    );
    assert_eq!(
        assigned(AssignTarget::Team { team_id: hotline }),
        Some(("热线考核".into(), "热线组".into())),
        "a team's own choice stands"
    );
    assert_eq!(
        assignments.len(),
        3,
        "the call-centre template is not assigned"
    );

    store.seed_score_templates(actor()).unwrap();
    assert_eq!(
        store.list_score_templates().unwrap(),
        templates,
        "seeding twice adds nothing"
    );
    assert_eq!(store.list_template_assignments().unwrap(), assignments);
}

#[test]
fn a_change_to_a_template_no_month_uses_replaces_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let saved = store
        .save_score_template(None, &simple("电话客服考核", ScoreCycle::Monthly), actor())
        .unwrap();

    let mut changed = simple("电话客服考核", ScoreCycle::Monthly);
    changed.items[0].max_points = 50;
    changed
        .items
        .push(item("业务知识", "业务知识考核", 10, "self|superior"));
    let after = store
        .save_score_template(Some(saved.id), &changed, actor())
        .unwrap();
    assert_eq!((after.version, after.version_id), (1, saved.version_id));
    assert_eq!(after.items.len(), 3);
    assert_eq!(after.items[0].max_points, 50);
    assert_eq!(after.items[2].position, 3);

    let conn = raw(dir.path());
    let versions: i64 = conn
        .query_row("SELECT count(*) FROM score_template_versions", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(versions, 1);
    assert_eq!(item_names_of_version(&conn, saved.version_id).len(), 3);
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'score_template' AND entity_id = ?1",
            [saved.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 2);
}

#[test]
fn a_change_to_a_template_a_month_uses_becomes_version_2_and_the_month_keeps_version_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let saved = store
        .save_score_template(None, &simple("电话客服考核", ScoreCycle::Monthly), actor())
        .unwrap();
    let conn = raw(dir.path());
    begin_month(&conn, "2026-11", &saved);
    let v1 = store.score_template(saved.id).unwrap();
    assert!(v1.in_use);

    let mut changed = simple("电话客服考核", ScoreCycle::Monthly);
    changed.items[0].max_points = 70;
    changed.items[1].max_points = 30;
    let v2 = store
        .save_score_template(Some(saved.id), &changed, actor())
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_ne!(v2.version_id, v1.version_id);
    assert!(!v2.in_use, "December has not begun on it");
    assert_eq!(v2.items[0].max_points, 70);
    assert_eq!(
        item_names_of_version(&conn, v1.version_id),
        [("客户满意度".to_owned(), 60), ("团队协作".to_owned(), 40)],
        "November's items are as they were"
    );

    // Version 2 is free until a month uses it: changing it again adds no version 3.
    changed.items[0].standard = "回访满意度".into();
    let again = store
        .save_score_template(Some(saved.id), &changed, actor())
        .unwrap();
    assert_eq!((again.version, again.version_id), (2, v2.version_id));
}

#[test]
fn the_items_of_a_version_in_use_refuse_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let saved = store
        .save_score_template(None, &simple("电话客服考核", ScoreCycle::Monthly), actor())
        .unwrap();
    let conn = raw(dir.path());
    // Not in use yet: the items change like any row.
    conn.execute(
        "UPDATE score_items SET standard = '改过' WHERE version_id = ?1",
        [saved.version_id],
    )
    .unwrap();

    begin_month(&conn, "2026-11", &saved);
    refused(conn.execute(
        "UPDATE score_items SET max_points = 100 WHERE version_id = ?1",
        [saved.version_id],
    ));
    refused(conn.execute(
        "DELETE FROM score_items WHERE version_id = ?1",
        [saved.version_id],
    ));
    refused(conn.execute(
        "INSERT INTO score_items (version_id, position, group_name, name, max_points, roles)
         VALUES (?1, 3, '其他类', '加塞项', 5, 'superior')",
        [saved.version_id],
    ));
    assert!(
        conn.execute(
            "UPDATE score_sheet_versions SET version_id = version_id WHERE month = '2026-11'",
            []
        )
        .is_err(),
        "nor does the month let go of its version"
    );
    assert_eq!(
        item_names_of_version(&conn, saved.version_id),
        [("客户满意度".to_owned(), 60), ("团队协作".to_owned(), 40)]
    );
}

#[test]
fn a_role_wins_over_a_level_and_a_level_over_a_team() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let presale = team(&mut store, "售前一组");
    let aftersale = team(&mut store, "售后组");
    let junior = agent(&mut store, "1001", presale, Level::Junior);
    let senior = agent(&mut store, "1002", presale, Level::Senior);
    let lead = agent(&mut store, "1003", presale, Level::Senior);
    let elsewhere = agent(&mut store, "1004", aftersale, Level::Junior);
    let gone = agent(&mut store, "1005", presale, Level::Junior);
    store.set_agent_active(gone, false, actor()).unwrap();
    user(&mut store, "1003", Role::TeamLead);
    let manager = user(&mut store, "9002", Role::Manager);

    let mut id = |name: &str| {
        store
            .save_score_template(None, &simple(name, ScoreCycle::Monthly), actor())
            .unwrap()
            .id
    };
    let (by_team, by_level, by_role) = (id("班组模板"), id("高级模板"), id("班长模板"));
    store
        .assign_score_template(
            "班组模板",
            &AssignTarget::Team { team_id: presale },
            actor(),
        )
        .unwrap();
    let senior_target = AssignTarget::Level {
        level: Level::Senior,
    };
    store
        .assign_score_template("高级模板", &senior_target, actor())
        .unwrap();
    let lead_target = AssignTarget::Role {
        role: Role::TeamLead,
    };
    store
        .assign_score_template("班长模板", &lead_target, actor())
        .unwrap();

    let of = store.score_templates_of_people(month("2026-11")).unwrap();
    assert_eq!(of.get(&format!("a{junior}")), Some(&by_team));
    assert_eq!(of.get(&format!("a{senior}")), Some(&by_level));
    assert_eq!(of.get(&format!("a{lead}")), Some(&by_role));
    assert_eq!(
        of.get(&format!("a{elsewhere}")),
        None,
        "售后组 has no template"
    );
    assert_eq!(
        of.get(&format!("a{gone}")),
        None,
        "nobody assesses who left"
    );
    assert_eq!(of.get(&format!("u{manager}")), None);
    assert_eq!(of.len(), 3);

    let labels: Vec<String> = store
        .list_template_assignments()
        .unwrap()
        .into_iter()
        .map(|a| format!("{}→{}", a.target_label, a.template_name))
        .collect();
    assert_eq!(
        labels,
        ["班长→班长模板", "高级→高级模板", "售前一组→班组模板"]
    );

    // Reassigning a target replaces its template.
    store
        .assign_score_template("班组模板", &senior_target, actor())
        .unwrap();
    let of = store.score_templates_of_people(month("2026-11")).unwrap();
    assert_eq!(of.get(&format!("a{senior}")), Some(&by_team));
    assert_eq!(store.list_template_assignments().unwrap().len(), 3);

    let err = store
        .assign_score_template("没有这个模板", &senior_target, actor())
        .unwrap_err();
    assert_eq!(code(&err), "not_found");
    assert_eq!(param(&err, "id"), "没有这个模板");
    let err = store
        .assign_score_template("班组模板", &AssignTarget::Team { team_id: 999 }, actor())
        .unwrap_err();
    assert_eq!(
        (code(&err), param(&err, "entity")),
        ("not_found".into(), "team".into())
    );
}

#[test]
fn a_quarterly_template_has_a_sheet_only_in_the_quarters_last_month() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let presale = team(&mut store, "售前一组");
    let agent_id = agent(&mut store, "1001", presale, Level::Junior);
    // A supervisor on the floor (an agent of the team) and one off it (a 工号 of their own).
    let on_floor = agent(&mut store, "1002", presale, Level::Lead);
    user(&mut store, "1002", Role::Supervisor);
    let off_floor = user(&mut store, "9001", Role::Supervisor);
    store.seed_score_templates(actor()).unwrap();
    let ecommerce = store
        .score_template_by_name("电商客服月度考核")
        .unwrap()
        .unwrap();
    let quarterly = store
        .score_template_by_name("客服主管季度考核")
        .unwrap()
        .unwrap();

    let november = store.score_templates_of_people(month("2026-11")).unwrap();
    assert_eq!(november.get(&format!("a{agent_id}")), Some(&ecommerce.id));
    assert_eq!(november.get(&format!("u{off_floor}")), None);
    assert_eq!(
        november.get(&format!("a{on_floor}")),
        None,
        "a supervisor is assessed quarterly, not on the team's sheet in between"
    );

    let december = store.score_templates_of_people(month("2026-12")).unwrap();
    assert_eq!(december.get(&format!("a{agent_id}")), Some(&ecommerce.id));
    assert_eq!(december.get(&format!("u{off_floor}")), Some(&quarterly.id));
    assert_eq!(december.get(&format!("a{on_floor}")), Some(&quarterly.id));
}

fn import_issues(err: StoreError) -> Vec<(u32, String, String)> {
    let StoreError::Import { issues, .. } = err else {
        panic!("not an import error: {err}")
    };
    issues
        .into_iter()
        .map(|i| (i.row, i.field, i.code.as_str().to_owned()))
        .collect()
}

#[test]
fn templates_import_from_a_file_with_chinese_or_english_headers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let chinese = write(
        dir.path(),
        "模板.csv",
        "模板,分组,考核项目,分值,评分角色,周期,评分标准\n\
         热线考核,服务质量,客户满意度,50,上级,,回访满意度达标\n\
         主管考核,工作态度,工作态度,40,自评|上级|小组,季度,准时上下班\n\
         热线考核,团队协作,团队协作,50,自评|小组,月度,\n\
         主管考核,团队管理,团队管理,60,superior|peer,,\n",
    );
    assert_eq!(store.import_score_templates(&chinese, actor()).unwrap(), 2);
    let hotline = store.score_template_by_name("热线考核").unwrap().unwrap();
    assert_eq!(hotline.cycle, ScoreCycle::Monthly);
    assert_eq!(hotline.version, 1);
    let items: Vec<(i64, &str, &str, i64, String, &str)> = hotline
        .items
        .iter()
        .map(|i| {
            (
                i.position,
                i.group.as_str(),
                i.name.as_str(),
                i.max_points,
                i.roles.key(),
                i.standard.as_str(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (
                1,
                "服务质量",
                "客户满意度",
                50,
                "superior".into(),
                "回访满意度达标"
            ),
            (2, "团队协作", "团队协作", 50, "self|peer".into(), ""),
        ]
    );
    let supervisors = store.score_template_by_name("主管考核").unwrap().unwrap();
    assert_eq!(supervisors.cycle, ScoreCycle::Quarterly);
    assert_eq!(supervisors.items[0].roles, RoleSet::ALL);

    // Once a month uses it, importing the template again makes version 2; roles default to all,
    // and the cycle the file leaves out is the one the template has.
    let conn = raw(dir.path());
    begin_month(&conn, "2026-12", &supervisors);
    let english = write(
        dir.path(),
        "templates.csv",
        "template,group,item,max_points\n\
         主管考核,工作态度,工作态度,30\n\
         主管考核,业务能力,业务能力,70\n",
    );
    assert_eq!(store.import_score_templates(&english, actor()).unwrap(), 1);
    let v2 = store.score_template(supervisors.id).unwrap();
    assert_eq!((v2.version, v2.cycle), (2, ScoreCycle::Quarterly));
    assert_eq!(v2.items[1].roles, RoleSet::ALL);
    assert_eq!(
        item_names_of_version(&conn, supervisors.version_id),
        [("工作态度".to_owned(), 40), ("团队管理".to_owned(), 60)]
    );
    assert_eq!(store.list_score_templates().unwrap().len(), 2);
}

#[test]
fn a_bad_template_file_names_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let before = store
        .save_score_template(None, &simple("热线考核", ScoreCycle::Monthly), actor())
        .unwrap();
    let bad = write(
        dir.path(),
        "bad.csv",
        "模板,分组,考核项目,分值,评分角色,周期\n\
         热线考核,服务质量,客户满意度,60,上级,\n\
         热线考核,服务质量,客户满意度,40,上级,\n\
         ,服务质量,投诉率,10,上级,\n\
         主管考核,工作态度,,20,上级,季度\n\
         主管考核,工作态度,业务能力,abc,上级,月度\n\
         主管考核,工作态度,团队管理,0,老板,每年\n\
         三项考核,服务类,甲,50,,\n\
         三项考核,服务类,乙,40,,\n\
         四项考核,服务类,丙,60,上级,\n\
         四项考核,服务类,丁,40,老板,\n",
    );
    let err = store.import_score_templates(&bad, actor()).unwrap_err();
    let issues = import_issues(err);
    let expected: Vec<(u32, String, String)> = [
        (3, "考核项目", "import.duplicate_in_file"),
        (4, "模板", "import.required"),
        (5, "考核项目", "import.required"),
        (6, "分值", "import.invalid_value"),
        (6, "周期", "import.invalid_value"),
        (7, "分值", "import.invalid_value"),
        (7, "评分角色", "import.invalid_value"),
        (7, "周期", "import.invalid_value"),
        // A role not understood is that row's problem alone: 60 + 40 still makes 100.
        (11, "评分角色", "import.invalid_value"),
        // Totals are judged once every row is read.
        (8, "分值", "scores.template_total"),
    ]
    .into_iter()
    .map(|(row, field, code)| (row, field.to_owned(), code.to_owned()))
    .collect();
    assert_eq!(issues, expected);

    let missing = write(
        dir.path(),
        "missing.csv",
        "template,group,item,roles\n热线考核,服务质量,客户满意度,superior\n",
    );
    let issues = import_issues(store.import_score_templates(&missing, actor()).unwrap_err());
    assert_eq!(
        issues,
        [(
            1,
            "max_points/分值".to_owned(),
            "import.missing_column".to_owned()
        )]
    );

    assert_eq!(
        store.list_score_templates().unwrap(),
        [before],
        "nothing was written"
    );
}

#[test]
fn an_imported_item_with_a_formula_is_computed_and_a_bad_one_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let good = write(
        dir.path(),
        "good.csv",
        "模板,分组,考核项目,分值,评分角色,公式\n\
         考勤挂钩考核,纪律类,出勤纪律,10,上级,\"max(0, 10 - 2 * late_count)\"\n\
         考勤挂钩考核,服务类,服务质量,90,上级,\n",
    );
    assert_eq!(store.import_score_templates(&good, actor()).unwrap(), 1);
    let t = store
        .score_template_by_name("考勤挂钩考核")
        .unwrap()
        .unwrap();
    assert!(t.items[0].computed);
    assert_eq!(
        t.items[0].formula.as_deref(),
        Some("max(0, 10 - 2 * late_count)")
    );
    assert!(!t.items[1].computed && t.items[1].formula.is_none());

    let bad = write(
        dir.path(),
        "bad.csv",
        "template,group,item,max_points,roles,formula\n\
         坏公式,纪律类,出勤纪律,10,superior,10 - late_cnt\n\
         坏公式,服务类,服务质量,90,superior,\n",
    );
    let issues = import_issues(store.import_score_templates(&bad, actor()).unwrap_err());
    assert_eq!(
        issues,
        [(2, "formula".to_owned(), "scores.formula_invalid".to_owned())]
    );
    assert!(store.score_template_by_name("坏公式").unwrap().is_none());
}
