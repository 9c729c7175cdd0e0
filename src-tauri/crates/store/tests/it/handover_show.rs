//! `handover show` and `handover export` on a real file (docs/design/handover.md §7): a signed
//! D and an open N of 售前一组 on 2026-11-23 read exactly — leads signed and in line, the roll
//! call by 工号, the items, the addenda — the signed log keeping what its first signature froze
//! after the item changed in N, and the xlsx read back with calamine.

use calamine::{Data, Reader, Xlsx, open_workbook};
use floordesk_domain::ErrorCode;
use floordesk_domain::floor::AgentState;
use floordesk_domain::handover::item::{ItemChange, ItemKind, ItemPatch, ItemStatus};
use floordesk_domain::handover::roll_call::RollCallStatus;
use floordesk_store::handover::export::{HANDOVER_COLUMNS, HANDOVER_SHEET};
use floordesk_store::handover::roll_call::RollCallCorrection;
use floordesk_store::handover::show::{ShowAddendum, ShowItem, ShowLog, ShowRollCall, ShowStatus};

use crate::handover_common::{Floor, HandoverFloor, at, date};

/// `refund_item("张女士")` as D froze it, and as N closed it after rewording.
const REFUND: &str = "张女士（千牛）TB-1001：客户要求退款";
const REFUND_NOW: &str = "张女士（千牛）TB-1001：客户要求退款并补偿运费";

/// The items of the day: the refund (customer) and the call peak (note, closed in D) written in
/// D, and the upgrade (note) written in N.
struct Day {
    f: HandoverFloor,
    refund: i64,
    peak: i64,
    upgrade: i64,
}

/// The fixture floor with 售前一组's D repeated on 11-24 (N's incoming shift, not opened), 2004
/// designated the 交接班长 of N; D's agents ready at 08:20, 08:25 and 08:42 (2003 late 12 min,
/// corrected as 报备), N's at 15:58. D holds the refund and the peak (closed), and is signed face
/// to face at 16:00 by 2001 and 2004; a 补充说明 at 17:00. Then in N the refund is reworded and
/// closed, and the upgrade written.
fn signed_day(dir: &std::path::Path) -> Day {
    let mut floor = Floor::designated(dir, &[("2001", "D"), ("2002", "D"), ("2003", "D")]);
    for (no, local) in [
        ("2001", "11-23 08:20"),
        ("2002", "11-23 08:25"),
        ("2003", "11-23 08:42"),
        ("2004", "11-23 15:58"),
        ("2005", "11-23 15:58"),
    ] {
        floor.state(no, local, AgentState::Ready);
    }
    let d = floor.open("11-23", "D");
    let lead = floor.lead("11-23 09:00");
    floor
        .store()
        .correct_roll_call(
            d,
            &RollCallCorrection {
                employee_no: "2003".into(),
                status: RollCallStatus::Late,
                late_min: Some(12),
                notified: true,
                note: Some("路上堵车，已报备".into()),
            },
            lead,
        )
        .unwrap();
    let refund = floor.add_item(d, "张女士", "11-23 10:00");
    let peak = floor.add_note(d, "今日来电高峰 10:00–11:30", "11-23 10:05");
    floor.change(
        peak,
        ItemChange::Close {
            outcome: "高峰已过".into(),
        },
        "11-23 11:40",
    );
    let (lead_2001, agent_2004) = (floor.f.lead_2001, floor.f.agent_2004);
    floor
        .sign(
            d,
            lead_2001,
            Some(agent_2004),
            None,
            lead_2001,
            "11-23 16:00",
        )
        .unwrap();
    let lead = floor.lead("11-23 17:00");
    floor
        .store()
        .add_handover_addendum(d, "补充：快递已找回", at("11-23 17:00"), lead)
        .unwrap();
    let n = floor.log_id("11-23", "N").expect("the sign-off opened N");
    let upgrade = floor.add_note(n, "22:00 系统升级，提前保存工单", "11-23 18:00");
    floor.change(
        refund,
        ItemChange::Update {
            patch: Box::new(ItemPatch {
                problem: Some(Some("客户要求退款并补偿运费".into())),
                ..ItemPatch::default()
            }),
        },
        "11-23 19:00",
    );
    floor.change(
        refund,
        ItemChange::Close {
            outcome: "已退款，运费已补".into(),
        },
        "11-23 20:00",
    );
    Day {
        f: floor.f,
        refund,
        peak,
        upgrade,
    }
}

fn roll(no: &str, status: RollCallStatus, late_min: Option<i64>, notified: bool) -> ShowRollCall {
    ShowRollCall {
        employee_no: no.into(),
        status,
        late_min,
        notified,
    }
}

fn item(
    id: i64,
    kind: ItemKind,
    title: &str,
    status: ItemStatus,
    shifts_open: u32,
    outcome: Option<&str>,
) -> ShowItem {
    ShowItem {
        id,
        kind,
        title: title.into(),
        status,
        shifts_open,
        outcome: outcome.map(str::to_owned),
    }
}

#[test]
fn show_reads_a_signed_log_as_frozen_and_an_open_log_as_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let day = signed_day(dir.path());
    let (refund, peak, upgrade) = (day.refund, day.peak, day.upgrade);
    let shown = day
        .f
        .store
        .handover_show(date("11-23"), "售前一组")
        .unwrap();
    assert_eq!(
        shown,
        [
            ShowLog {
                shift: "D".into(),
                status: ShowStatus::Signed,
                outgoing_lead: Some("2001".into()),
                incoming_lead: Some("2004".into()),
                signed_at: Some("2026-11-23T16:00:00+08:00".into()),
                roll_call: vec![
                    roll("2001", RollCallStatus::Present, None, false),
                    roll("2002", RollCallStatus::Present, None, false),
                    roll("2003", RollCallStatus::Late, Some(12), true),
                    roll("2006", RollCallStatus::OnLeave, None, false),
                ],
                // As the signature froze them: the refund reworded and closed in N since.
                items: vec![
                    item(
                        refund,
                        ItemKind::Customer,
                        REFUND,
                        ItemStatus::Open,
                        1,
                        None
                    ),
                    item(
                        peak,
                        ItemKind::Note,
                        "今日来电高峰 10:00–11:30",
                        ItemStatus::Closed,
                        1,
                        Some("高峰已过"),
                    ),
                ],
                addenda: vec![ShowAddendum {
                    author: "2001".into(),
                    at: "2026-11-23T17:00:00+08:00".into(),
                    text: "补充：快递已找回".into(),
                }],
            },
            ShowLog {
                shift: "N".into(),
                status: ShowStatus::Open,
                // Nobody signed yet: the designated 2004 in line, and for the incoming side
                // 11-24's D (not opened) led by its team lead 2001.
                outgoing_lead: Some("2004".into()),
                incoming_lead: Some("2001".into()),
                signed_at: None,
                roll_call: vec![
                    roll("2004", RollCallStatus::Present, None, false),
                    roll("2005", RollCallStatus::Present, None, false),
                ],
                items: vec![
                    item(
                        refund,
                        ItemKind::Customer,
                        REFUND_NOW,
                        ItemStatus::Closed,
                        2,
                        Some("已退款，运费已补"),
                    ),
                    item(
                        upgrade,
                        ItemKind::Note,
                        "22:00 系统升级，提前保存工单",
                        ItemStatus::Open,
                        1,
                        None,
                    ),
                ],
                addenda: vec![],
            },
        ]
    );

    // The JSON is the contract's: fields in its order, null for nothing, instants with offset.
    let json = serde_json::to_string(&shown[0].items[0]).unwrap();
    assert_eq!(
        json,
        format!(
            r#"{{"id":{refund},"kind":"customer","title":"{REFUND}","status":"open","shifts_open":1,"outcome":null}}"#
        )
    );
    assert_eq!(
        serde_json::to_string(&shown[0].roll_call[3]).unwrap(),
        r#"{"employee_no":"2006","status":"on_leave","late_min":null,"notified":false}"#
    );
    let json = serde_json::to_string(&shown[1]).unwrap();
    assert!(
        json.starts_with(
            r#"{"shift":"N","status":"open","outgoing_lead":"2004","incoming_lead":"2001","signed_at":null,"roll_call":[{"employee_no":"2004","status":"present","late_min":null,"notified":false},"#
        ),
        "{json}"
    );
    assert!(json.ends_with(r#""addenda":[]}"#), "{json}");

    // A day with no log, and a team nobody is called.
    assert_eq!(
        day.f
            .store
            .handover_show(date("11-22"), "售前一组")
            .unwrap(),
        []
    );
    assert_eq!(
        day.f.store.handover_show(date("11-23"), "售后组").unwrap(),
        []
    );
    let err = day
        .f
        .store
        .handover_show(date("11-23"), "无此组")
        .unwrap_err();
    assert_eq!(err.to_problem().code, ErrorCode::NotFound);
    assert_eq!(err.to_string(), "no team is called 无此组");
    assert!(err.is_bad_data());
}

/// Every row of the sheet as text (numbers as integers, empty cells as "").
fn sheet_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    assert_eq!(book.sheet_names(), [HANDOVER_SHEET]);
    let range = book.worksheet_range(HANDOVER_SHEET).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => {
                        assert_eq!(f.fract(), 0.0, "已开班次 is an integer");
                        format!("{}", *f as i64)
                    }
                    Data::Int(i) => i.to_string(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

#[test]
fn export_writes_a_row_per_item_per_log_and_an_empty_range_writes_the_header_alone() {
    let dir = tempfile::tempdir().unwrap();
    let day = signed_day(dir.path());
    let file = dir.path().join("交接记录.xlsx");
    let n = day
        .f
        .store
        .export_handover_xlsx(date("11-22"), date("11-24"), &file)
        .unwrap();
    assert_eq!(n, 4);
    let rows = sheet_rows(&file);
    assert_eq!(
        HANDOVER_COLUMNS,
        [
            "日期",
            "班组",
            "班次",
            "交班班长",
            "接班班长",
            "签字时间",
            "类型",
            "事项",
            "状态",
            "已开班次",
            "结果"
        ]
    );
    assert_eq!(rows[0], HANDOVER_COLUMNS);
    let row = |cells: [&str; 11]| cells.map(str::to_owned).to_vec();
    assert_eq!(
        rows[1..],
        [
            row([
                "2026-11-23",
                "售前一组",
                "D",
                "2001",
                "2004",
                "2026-11-23 16:00",
                "移交客户",
                REFUND,
                "未结",
                "1",
                ""
            ]),
            row([
                "2026-11-23",
                "售前一组",
                "D",
                "2001",
                "2004",
                "2026-11-23 16:00",
                "备注",
                "今日来电高峰 10:00–11:30",
                "已结",
                "1",
                "高峰已过"
            ]),
            row([
                "2026-11-23",
                "售前一组",
                "N",
                "2004",
                "2001",
                "",
                "移交客户",
                REFUND_NOW,
                "已结",
                "2",
                "已退款，运费已补"
            ]),
            row([
                "2026-11-23",
                "售前一组",
                "N",
                "2004",
                "2001",
                "",
                "备注",
                "22:00 系统升级，提前保存工单",
                "未结",
                "1",
                ""
            ]),
        ]
    );

    // The sheet and `show` agree: the same logs, items and leads.
    let shown = day
        .f
        .store
        .handover_show(date("11-23"), "售前一组")
        .unwrap();
    let items: usize = shown.iter().map(|l| l.items.len()).sum();
    assert_eq!(items as u32, n);

    let empty = dir.path().join("空.xlsx");
    assert_eq!(
        day.f
            .store
            .export_handover_xlsx(date("11-25"), date("11-30"), &empty)
            .unwrap(),
        0
    );
    assert_eq!(
        sheet_rows(&empty),
        [HANDOVER_COLUMNS.map(str::to_owned).to_vec()]
    );
}
