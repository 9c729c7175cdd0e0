//! 交接事项: the fields each kind requires, edits, titles, due times as people type them, and the
//! fold of an item's timeline (including a property over random valid timelines).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use floordesk_domain::ErrorCode;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::item::{
    Channel, ItemChange, ItemEvent, ItemEventKind, ItemFields, ItemIdentity, ItemKind, ItemNow,
    ItemPatch, ItemStatus, NoticeCategory, apply_patch, check_change, check_fields, fold_item,
    resolve_due, title,
};
use floordesk_domain::limits::{HANDOVER_FIELD_MAX_LEN, HANDOVER_TEXT_MAX_LEN};
use proptest::prelude::*;

fn local(m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn shanghai(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(2026, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn customer(problem: &str) -> ItemFields {
    ItemFields::Customer {
        customer: "张女士".into(),
        channel: Channel::Qianniu,
        order_no: Some("TB3920118842".into()),
        problem: problem.into(),
        promised: None,
        progress: None,
    }
}

fn note(text: &str) -> ItemFields {
    ItemFields::Note { text: text.into() }
}

fn code(r: Result<impl std::fmt::Debug, floordesk_domain::Problem>) -> ErrorCode {
    r.unwrap_err().code
}

// ---- fields ----

#[test]
fn each_kind_is_trimmed_and_blank_optionals_become_absent() {
    let typed = ItemFields::Customer {
        customer: "  张女士 ".into(),
        channel: Channel::Phone,
        order_no: Some("   ".into()),
        problem: "\n客户要求退款 ".into(),
        promised: Some(" 今天 17:00 前回电 ".into()),
        progress: Some("".into()),
    };
    assert_eq!(
        check_fields(&typed).unwrap(),
        ItemFields::Customer {
            customer: "张女士".into(),
            channel: Channel::Phone,
            order_no: None,
            problem: "客户要求退款".into(),
            promised: Some("今天 17:00 前回电".into()),
            progress: None,
        }
    );
    let due = Some(shanghai(11, 23, 17, 0));
    assert_eq!(
        check_fields(&ItemFields::Urgent {
            what: " 核对退款单 ".into(),
            due_at: due
        })
        .unwrap(),
        ItemFields::Urgent {
            what: "核对退款单".into(),
            due_at: due
        }
    );
    assert_eq!(
        check_fields(&ItemFields::Notice {
            category: NoticeCategory::Equipment,
            text: " B07 耳机故障\t".into()
        })
        .unwrap(),
        ItemFields::Notice {
            category: NoticeCategory::Equipment,
            text: "B07 耳机故障".into()
        }
    );
    assert_eq!(check_fields(&note(" 备注 ")).unwrap(), note("备注"));
}

#[test]
fn each_kind_names_its_missing_required_field() {
    let required = |f: ItemFields| {
        let p = check_fields(&f).unwrap_err();
        assert_eq!(p.code, ErrorCode::ValidationRequired);
        p.params["field"].clone()
    };
    let mut blank_customer = customer("退款");
    if let ItemFields::Customer { customer, .. } = &mut blank_customer {
        *customer = "  ".into();
    }
    assert_eq!(required(blank_customer), "customer");
    assert_eq!(required(customer(" ")), "problem");
    assert_eq!(
        required(ItemFields::Urgent {
            what: "".into(),
            due_at: None
        }),
        "what"
    );
    assert_eq!(
        required(ItemFields::Prospect {
            who: "".into(),
            why: "咨询团购".into(),
            due_at: None
        }),
        "who"
    );
    assert_eq!(
        required(ItemFields::Prospect {
            who: "李小姐".into(),
            why: " ".into(),
            due_at: None
        }),
        "why"
    );
    assert_eq!(
        required(ItemFields::Notice {
            category: NoticeCategory::Outage,
            text: "".into()
        }),
        "text"
    );
    assert_eq!(required(note("\n")), "text");
}

#[test]
fn lengths_count_characters_and_name_the_limit() {
    let at_limit = "张".repeat(HANDOVER_FIELD_MAX_LEN);
    let over = "张".repeat(HANDOVER_FIELD_MAX_LEN + 1);
    let with_customer = |c: &str| ItemFields::Customer {
        customer: c.into(),
        channel: Channel::Douyin,
        order_no: None,
        problem: "退款".into(),
        promised: None,
        progress: None,
    };
    assert!(check_fields(&with_customer(&at_limit)).is_ok());
    let p = check_fields(&with_customer(&over)).unwrap_err();
    assert_eq!(p.code, ErrorCode::ValidationTooLong);
    assert_eq!(p.params["field"], "customer");
    assert_eq!(p.params["max"], "100");

    assert!(check_fields(&customer(&"退".repeat(HANDOVER_TEXT_MAX_LEN))).is_ok());
    let p = check_fields(&customer(&"退".repeat(HANDOVER_TEXT_MAX_LEN + 1))).unwrap_err();
    assert_eq!(
        (p.code, p.params["field"].as_str()),
        (ErrorCode::ValidationTooLong, "problem")
    );
    assert_eq!(p.params["max"], "1000");

    let p = check_fields(&ItemFields::Prospect {
        who: "x".repeat(HANDOVER_FIELD_MAX_LEN + 1),
        why: "y".into(),
        due_at: None,
    })
    .unwrap_err();
    assert_eq!(
        (p.code, p.params["field"].as_str()),
        (ErrorCode::ValidationTooLong, "who")
    );
}

#[test]
fn fields_serialise_tagged_by_kind_with_instants_in_ms() {
    let f = ItemFields::Urgent {
        what: "核对退款单".into(),
        due_at: Some(shanghai(11, 23, 17, 0)),
    };
    let json = serde_json::to_string(&f).unwrap();
    let ms = shanghai(11, 23, 17, 0).timestamp_millis();
    assert_eq!(
        json,
        format!(r#"{{"kind":"urgent","what":"核对退款单","due_at":{ms}}}"#)
    );
    assert_eq!(serde_json::from_str::<ItemFields>(&json).unwrap(), f);
    assert_eq!(
        serde_json::to_string(&customer("退款")).unwrap(),
        r#"{"kind":"customer","customer":"张女士","channel":"qianniu","order_no":"TB3920118842","problem":"退款","promised":null,"progress":null}"#
    );
}

// ---- edits ----

#[test]
fn a_patch_sets_clears_and_leaves_alone() {
    let before = ItemFields::Customer {
        customer: "张女士".into(),
        channel: Channel::Qianniu,
        order_no: Some("TB1".into()),
        problem: "退款".into(),
        promised: Some("17:00 回电".into()),
        progress: None,
    };
    let patch = ItemPatch {
        order_no: Some(None),
        progress: Some(Some(" 已联系快递 ".into())),
        channel: Some(Some(Channel::Phone)),
        ..ItemPatch::default()
    };
    let after = apply_patch(&before, &patch).unwrap();
    assert_eq!(
        after,
        ItemFields::Customer {
            customer: "张女士".into(),
            channel: Channel::Phone,
            order_no: None,
            problem: "退款".into(),
            promised: Some("17:00 回电".into()),
            progress: Some("已联系快递".into()),
        }
    );
    // Stored as the changed keys only, null for a clear.
    let stored = ItemPatch::between(&before, &after);
    assert_eq!(
        serde_json::to_string(&stored).unwrap(),
        r#"{"channel":"phone","order_no":null,"progress":"已联系快递"}"#
    );
    let back: ItemPatch = serde_json::from_str(r#"{"order_no":null}"#).unwrap();
    assert_eq!(back.order_no, Some(None));
    assert_eq!(back.customer, None);
    assert!(serde_json::from_str::<ItemPatch>(r#"{"colour":"red"}"#).is_err());
}

#[test]
fn a_patch_is_checked_like_new_fields_and_keeps_to_its_kind() {
    let before = customer("退款");
    let clear_required = ItemPatch {
        problem: Some(None),
        ..ItemPatch::default()
    };
    let p = apply_patch(&before, &clear_required).unwrap_err();
    assert_eq!(
        (p.code, p.params["field"].as_str()),
        (ErrorCode::ValidationRequired, "problem")
    );
    let clear_channel = ItemPatch {
        channel: Some(None),
        ..ItemPatch::default()
    };
    assert_eq!(
        code(apply_patch(&before, &clear_channel)),
        ErrorCode::ValidationRequired
    );
    let foreign = ItemPatch {
        what: Some(Some("核对".into())),
        ..ItemPatch::default()
    };
    assert_eq!(code(apply_patch(&before, &foreign)), ErrorCode::Internal);
    let too_long = ItemPatch {
        customer: Some(Some("张".repeat(HANDOVER_FIELD_MAX_LEN + 1))),
        ..ItemPatch::default()
    };
    assert_eq!(
        code(apply_patch(&before, &too_long)),
        ErrorCode::ValidationTooLong
    );
    // A due time is cleared and set in ms.
    let urgent = ItemFields::Urgent {
        what: "核对".into(),
        due_at: Some(shanghai(11, 23, 17, 0)),
    };
    let cleared = apply_patch(
        &urgent,
        &ItemPatch {
            due_at: Some(None),
            ..ItemPatch::default()
        },
    )
    .unwrap();
    assert_eq!(cleared.due_at(), None);
    let json = serde_json::to_string(&ItemPatch::between(&cleared, &urgent)).unwrap();
    let ms = shanghai(11, 23, 17, 0).timestamp_millis();
    assert_eq!(json, format!(r#"{{"due_at":{ms}}}"#));
    let back: ItemPatch = serde_json::from_str(&json).unwrap();
    assert_eq!(back.due_at, Some(Some(shanghai(11, 23, 17, 0))));
}

// ---- titles ----

#[test]
fn titles_per_kind() {
    assert_eq!(
        title(&customer("客户要求退款"), Shanghai),
        "张女士（千牛）TB3920118842：客户要求退款"
    );
    let no_order = ItemFields::Customer {
        customer: "王先生".into(),
        channel: Channel::Phone,
        order_no: None,
        problem: "发票".into(),
        promised: None,
        progress: None,
    };
    assert_eq!(title(&no_order, Shanghai), "王先生（电话）：发票");
    assert_eq!(
        title(
            &ItemFields::Urgent {
                what: "核对退款单".into(),
                due_at: Some(shanghai(11, 23, 17, 0))
            },
            Shanghai
        ),
        "核对退款单（截止 11-23 17:00）"
    );
    assert_eq!(
        title(
            &ItemFields::Urgent {
                what: "核对退款单".into(),
                due_at: None
            },
            Shanghai
        ),
        "核对退款单"
    );
    assert_eq!(
        title(
            &ItemFields::Prospect {
                who: "李小姐".into(),
                why: "咨询团购 50 件".into(),
                due_at: Some(shanghai(11, 24, 10, 0))
            },
            Shanghai
        ),
        "李小姐：咨询团购 50 件（11-24 10:00 前联系）"
    );
    assert_eq!(
        title(
            &ItemFields::Notice {
                category: NoticeCategory::Equipment,
                text: "B07 耳机故障".into()
            },
            Shanghai
        ),
        "[设备] B07 耳机故障"
    );
    assert_eq!(
        title(&note("今日来电高峰\n10:00–11:30"), Shanghai),
        "今日来电高峰 10:00–11:30"
    );
}

#[test]
fn titles_are_cut_at_sixty_characters_not_bytes() {
    // 60 Chinese characters are 180 bytes and still fit.
    let sixty = "话".repeat(60);
    assert_eq!(title(&note(&sixty), Shanghai), sixty);
    let long = format!("{}尾", "话".repeat(60));
    let t = title(&note(&long), Shanghai);
    assert_eq!(t, format!("{}…", "话".repeat(59)));

    let t = title(
        &customer(&format!("客户要求退款{}", "快".repeat(80))),
        Shanghai,
    );
    assert_eq!(t.chars().count(), 60);
    assert!(
        t.starts_with("张女士（千牛）TB3920118842：客户要求退款快"),
        "{t}"
    );
    assert!(t.ends_with("快…"), "{t}");

    // The deadline stays readable: the free text is what is cut.
    let t = title(
        &ItemFields::Urgent {
            what: "核".repeat(100),
            due_at: Some(shanghai(11, 23, 17, 0)),
        },
        Shanghai,
    );
    assert_eq!(t.chars().count(), 60);
    assert!(t.ends_with("核…（截止 11-23 17:00）"), "{t}");
}

// ---- due times ----

#[test]
fn due_times_resolve_against_the_shift_start() {
    let day = local(11, 23, 8, 30);
    let night = local(11, 23, 16, 0);
    assert_eq!(resolve_due("", day).unwrap(), None);
    assert_eq!(resolve_due("  ", day).unwrap(), None);
    // Same day.
    assert_eq!(
        resolve_due("17:00", day).unwrap(),
        Some(local(11, 23, 17, 0))
    );
    assert_eq!(
        resolve_due("1700", day).unwrap(),
        Some(local(11, 23, 17, 0))
    );
    assert_eq!(resolve_due("9:05", day).unwrap(), Some(local(11, 23, 9, 5)));
    assert_eq!(
        resolve_due("17：00", day).unwrap(),
        Some(local(11, 23, 17, 0))
    );
    // At the start itself is that day; a minute before is the next day.
    assert_eq!(
        resolve_due("08:30", day).unwrap(),
        Some(local(11, 23, 8, 30))
    );
    assert_eq!(
        resolve_due("08:29", day).unwrap(),
        Some(local(11, 24, 8, 29))
    );
    // 01:00 typed in a 晚班 is after midnight.
    assert_eq!(
        resolve_due("01:00", night).unwrap(),
        Some(local(11, 24, 1, 0))
    );
    // Month and day: this year, or next year once past.
    assert_eq!(
        resolve_due("11-24 10:00", day).unwrap(),
        Some(local(11, 24, 10, 0))
    );
    assert_eq!(
        resolve_due("11/24 1000", day).unwrap(),
        Some(local(11, 24, 10, 0))
    );
    assert_eq!(
        resolve_due("01-05 10:00", day).unwrap(),
        Some(
            NaiveDate::from_ymd_opt(2027, 1, 5)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap()
        )
    );
    // A full date is taken as written, even before the shift.
    assert_eq!(
        resolve_due("2026-11-24 10:00", day).unwrap(),
        Some(local(11, 24, 10, 0))
    );
    assert_eq!(
        resolve_due("2026-11-22 10:00", day).unwrap(),
        Some(local(11, 22, 10, 0))
    );
}

#[test]
fn due_times_people_cannot_mean_are_refused_with_the_text() {
    let day = local(11, 23, 8, 30);
    for bad in [
        "明天",
        "25:00",
        "17:0",
        "17",
        "17:00:00",
        "11-31 10:00",
        "2026-13-01 10:00",
        "11-24",
        "11-24 10:00 extra",
        "abcd",
        "-1:00",
    ] {
        let p = resolve_due(bad, day).unwrap_err();
        assert_eq!(p.code, ErrorCode::HandoverBadDue, "{bad}");
        assert_eq!(p.params["value"], bad.trim());
    }
}

// ---- the fold ----

const TEAM: i64 = 10;
const LOG: i64 = 100;

fn identity(kind: ItemKind) -> ItemIdentity {
    ItemIdentity {
        id: 7,
        kind,
        origin_log_id: LOG,
        origin_team_id: TEAM,
        author_employee_no: Some("1001".into()),
        created_at: shanghai(11, 23, 9, 0),
    }
}

fn event(id: i64, log_id: i64, kind: ItemEventKind, by: Option<&str>) -> ItemEvent {
    ItemEvent {
        id,
        log_id,
        at: shanghai(11, 23, 9, 0) + chrono::Duration::minutes(id),
        by_employee_no: by.map(str::to_owned),
        kind,
        side: None,
        text: None,
        fields: None,
        ref_event_id: None,
        from_log_id: None,
        to_team_id: None,
        not_handed_over: false,
    }
}

fn created(fields: &ItemFields) -> ItemEvent {
    ItemEvent {
        fields: Some(serde_json::to_string(fields).unwrap()),
        ..event(1, LOG, ItemEventKind::Created, Some("1001"))
    }
}

/// Appends the event that records an accepted change, as the store does.
fn record(events: &mut Vec<ItemEvent>, item: &ItemNow, change: &ItemChange, by: &str, to_log: i64) {
    let id = events.last().map_or(1, |e| e.id + 1);
    let mut e = event(id, item.current_log, change.event_kind(), Some(by));
    e.side = change.side();
    match change {
        ItemChange::Update { patch } => e.fields = Some(serde_json::to_string(patch).unwrap()),
        ItemChange::Note { text } | ItemChange::Query { text } => e.text = Some(text.clone()),
        ItemChange::Answer { query_id, text } => {
            e.ref_event_id = Some(*query_id);
            e.text = Some(text.clone());
        }
        ItemChange::Accept { query_id } => e.ref_event_id = Some(*query_id),
        ItemChange::HandToTeam { team_id, text } => {
            e.log_id = to_log;
            e.from_log_id = Some(item.current_log);
            e.to_team_id = Some(*team_id);
            e.text = (!text.is_empty()).then(|| text.clone());
        }
        ItemChange::Close { outcome } => e.text = Some(outcome.clone()),
    }
    events.push(e);
}

fn carried(events: &mut Vec<ItemEvent>, item: &ItemNow, to_log: i64) {
    let id = events.last().map_or(1, |e| e.id + 1);
    events.push(ItemEvent {
        from_log_id: Some(item.current_log),
        ..event(id, to_log, ItemEventKind::Carried, None)
    });
}

/// Checks the change against the item now, records it, and folds again.
fn change(events: &mut Vec<ItemEvent>, change: ItemChange, by: &str) -> ItemNow {
    let kind = kind_of(events);
    let item = fold_item(&identity(kind), events).unwrap();
    let accepted = check_change(&item, &change).unwrap();
    record(events, &item, &accepted, by, 300);
    fold_item(&identity(kind), events).unwrap()
}

fn kind_of(events: &[ItemEvent]) -> ItemKind {
    let fields: ItemFields = serde_json::from_str(events[0].fields.as_deref().unwrap()).unwrap();
    fields.kind()
}

#[test]
fn a_created_item_is_open_in_its_log_and_team() {
    let events = vec![created(&customer("退款"))];
    let item = fold_item(&identity(ItemKind::Customer), &events).unwrap();
    assert_eq!(item.status, ItemStatus::Open);
    assert_eq!(item.fields, customer("退款"));
    assert_eq!((item.current_log, item.team_id), (LOG, TEAM));
    assert_eq!(item.placements, [LOG]);
    assert_eq!(item.touched_by, ["1001"]);
    assert_eq!(item.open_queries, Vec::<i64>::new());
    assert_eq!((item.last_event_id, item.outcome.clone()), (1, None));
}

#[test]
fn notes_queries_answers_and_acceptances() {
    let mut events = vec![created(&customer("退款"))];
    let item = change(
        &mut events,
        ItemChange::Note {
            text: " 已联系快递 ".into(),
        },
        "1002",
    );
    assert_eq!(item.touched_by, ["1001", "1002"]);
    assert_eq!(events[1].text.as_deref(), Some("已联系快递"));

    let item = change(
        &mut events,
        ItemChange::Query {
            text: "退款单号是多少？".into(),
        },
        "1007",
    );
    assert_eq!(item.open_queries, [3]);
    assert_eq!(events[2].side, Some(Side::Incoming));
    let item = change(
        &mut events,
        ItemChange::Query {
            text: "客户电话？".into(),
        },
        "1007",
    );
    assert_eq!(item.open_queries, [3, 4]);

    let item = change(
        &mut events,
        ItemChange::Answer {
            query_id: 3,
            text: "RF2026112301".into(),
        },
        "1001",
    );
    assert_eq!(item.open_queries, [4]);
    assert_eq!(events[4].side, Some(Side::Outgoing));
    let item = change(&mut events, ItemChange::Accept { query_id: 4 }, "1007");
    assert_eq!(item.open_queries, Vec::<i64>::new());
    assert_eq!(item.touched_by, ["1001", "1002", "1007"]);
    assert_eq!(item.last_event_id, 6);

    // Settled or unknown queries cannot be answered or accepted again.
    for settle in [
        ItemChange::Answer {
            query_id: 3,
            text: "再答".into(),
        },
        ItemChange::Accept { query_id: 4 },
        ItemChange::Accept { query_id: 99 },
        ItemChange::Answer {
            query_id: 2,
            text: "不是提问".into(),
        },
    ] {
        assert_eq!(
            code(check_change(&item, &settle)),
            ErrorCode::HandoverQueryResolved
        );
    }
    // Words are required where the timeline keeps words.
    let p = check_change(&item, &ItemChange::Note { text: " ".into() }).unwrap_err();
    assert_eq!(
        (p.code, p.params["field"].as_str()),
        (ErrorCode::ValidationRequired, "text")
    );
    let long = "字".repeat(HANDOVER_TEXT_MAX_LEN + 1);
    assert_eq!(
        code(check_change(&item, &ItemChange::Query { text: long })),
        ErrorCode::ValidationTooLong
    );
}

#[test]
fn an_update_records_only_what_changed() {
    let mut events = vec![created(&customer("退款"))];
    let item = fold_item(&identity(ItemKind::Customer), &events).unwrap();
    let same = ItemPatch {
        problem: Some(Some(" 退款 ".into())),
        progress: Some(Some("已联系".into())),
        ..ItemPatch::default()
    };
    let accepted = check_change(
        &item,
        &ItemChange::Update {
            patch: Box::new(same),
        },
    )
    .unwrap();
    assert_eq!(
        accepted,
        ItemChange::Update {
            patch: Box::new(ItemPatch {
                progress: Some(Some("已联系".into())),
                ..ItemPatch::default()
            })
        }
    );
    let item = change(&mut events, accepted, "1002");
    if let ItemFields::Customer { progress, .. } = &item.fields {
        assert_eq!(progress.as_deref(), Some("已联系"));
    } else {
        panic!("kind changed");
    }
    let nothing = check_change(
        &item,
        &ItemChange::Update {
            patch: Box::default(),
        },
    )
    .unwrap();
    assert_eq!(
        nothing,
        ItemChange::Update {
            patch: Box::default()
        }
    );
}

#[test]
fn handing_to_a_team_and_carrying_move_the_item() {
    let mut events = vec![created(&customer("退款"))];
    let item = fold_item(&identity(ItemKind::Customer), &events).unwrap();
    carried(&mut events, &item, 101);
    let item = fold_item(&identity(ItemKind::Customer), &events).unwrap();
    assert_eq!((item.current_log, item.team_id), (101, TEAM));
    assert_eq!(item.placements, [LOG, 101]);
    // The system carried it: nobody is added to 经手人.
    assert_eq!(item.touched_by, ["1001"]);

    let item = change(
        &mut events,
        ItemChange::HandToTeam {
            team_id: 20,
            text: " 售后跟进 ".into(),
        },
        "1002",
    );
    assert_eq!((item.current_log, item.team_id), (300, 20));
    assert_eq!(item.placements, [LOG, 101, 300]);
    assert_eq!(events[2].text.as_deref(), Some("售后跟进"));
    assert_eq!(events[2].from_log_id, Some(101));
}

#[test]
fn a_closed_item_has_its_outcome_and_takes_nothing_more() {
    let mut events = vec![created(&customer("退款"))];
    let item = fold_item(&identity(ItemKind::Customer), &events).unwrap();
    let p = check_change(
        &item,
        &ItemChange::Close {
            outcome: "  ".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        (p.code, p.params["field"].as_str()),
        (ErrorCode::ValidationRequired, "outcome")
    );

    let item = change(
        &mut events,
        ItemChange::Close {
            outcome: " 已退款 ".into(),
        },
        "1007",
    );
    assert_eq!(item.status, ItemStatus::Closed);
    assert_eq!(item.outcome.as_deref(), Some("已退款"));
    assert_eq!(item.closed_at, Some(events[1].at));
    for next in [
        ItemChange::Note {
            text: "又来电".into(),
        },
        ItemChange::Close {
            outcome: "again".into(),
        },
        ItemChange::Update {
            patch: Box::default(),
        },
    ] {
        let p = check_change(&item, &next).unwrap_err();
        assert_eq!(p.code, ErrorCode::HandoverItemClosed);
        assert_eq!(p.params["id"], "7");
    }
    // A stored event after closed is a broken timeline.
    let mut after = events.clone();
    after.push(ItemEvent {
        text: Some("x".into()),
        ..event(3, LOG, ItemEventKind::Note, Some("1001"))
    });
    assert_eq!(
        code(fold_item(&identity(ItemKind::Customer), &after)),
        ErrorCode::Internal
    );
}

#[test]
fn broken_timelines_are_internal_problems() {
    let id = identity(ItemKind::Customer);
    assert_eq!(code(fold_item(&id, &[])), ErrorCode::Internal);
    let note_first = event(1, LOG, ItemEventKind::Note, None);
    assert_eq!(code(fold_item(&id, &[note_first])), ErrorCode::Internal);
    let unreadable = ItemEvent {
        fields: Some("{\"kind\":\"customer\"".into()),
        ..event(1, LOG, ItemEventKind::Created, None)
    };
    assert_eq!(code(fold_item(&id, &[unreadable])), ErrorCode::Internal);
    let other_kind = created(&note("备注"));
    assert_eq!(code(fold_item(&id, &[other_kind])), ErrorCode::Internal);
    let stray_answer = ItemEvent {
        ref_event_id: Some(5),
        text: Some("答".into()),
        ..event(2, LOG, ItemEventKind::Answer, None)
    };
    assert_eq!(
        code(fold_item(&id, &[created(&customer("退款")), stray_answer])),
        ErrorCode::Internal
    );
}

// ---- property: any timeline built through check_change folds ----

fn base_fields(kind: usize) -> ItemFields {
    match kind {
        0 => customer("退款"),
        1 => ItemFields::Urgent {
            what: "核对退款单".into(),
            due_at: Some(shanghai(11, 23, 17, 0)),
        },
        2 => ItemFields::Prospect {
            who: "李小姐".into(),
            why: "团购".into(),
            due_at: None,
        },
        3 => ItemFields::Notice {
            category: NoticeCategory::Policy,
            text: "新规".into(),
        },
        _ => note("备注"),
    }
}

/// Some patches are refused (a required field cleared, a key of another kind): that is fine,
/// they are simply not recorded.
fn some_patch(arg: u8) -> ItemPatch {
    let words = Some(Some(format!(" 改{arg} ")));
    match arg % 8 {
        0 => ItemPatch {
            problem: words,
            ..ItemPatch::default()
        },
        1 => ItemPatch {
            what: words,
            due_at: Some(None),
            ..ItemPatch::default()
        },
        2 => ItemPatch {
            who: words,
            why: Some(Some("再联系".into())),
            ..ItemPatch::default()
        },
        3 => ItemPatch {
            text: words,
            ..ItemPatch::default()
        },
        4 => ItemPatch {
            order_no: Some(None),
            promised: words,
            ..ItemPatch::default()
        },
        5 => ItemPatch {
            text: Some(None),
            ..ItemPatch::default()
        },
        6 => ItemPatch {
            due_at: Some(Some(shanghai(11, 24, u32::from(arg % 24), 0))),
            ..ItemPatch::default()
        },
        _ => ItemPatch::default(),
    }
}

fn distinct<T: PartialEq + Clone>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

proptest! {
    #[test]
    fn any_timeline_built_through_check_change_folds(
        kind in 0usize..5,
        // One op in 16 closes (9), four carry (12..16): most timelines run long before closing.
        steps in prop::collection::vec((0u8..16, any::<u8>(), 0usize..3), 0..40),
    ) {
        let people = ["1001", "1002", "1007"];
        let fields = base_fields(kind);
        let id = identity(fields.kind());
        let mut events = vec![created(&fields)];
        let mut next_log = LOG + 1;
        for (op, arg, who) in steps {
            let item = fold_item(&id, &events).unwrap();
            if op >= 12 {
                if item.status == ItemStatus::Open {
                    // A carry may lead back to a log it was in (a team handed it back).
                    let to = if arg % 5 == 0 { LOG } else { next_log };
                    next_log += 1;
                    carried(&mut events, &item, to);
                }
                continue;
            }
            let text = if arg % 7 == 0 { " ".to_owned() } else { format!("话{arg}") };
            let query = || {
                let open = &item.open_queries;
                if open.is_empty() || arg % 4 == 0 { i64::from(arg) } else { open[usize::from(arg) % open.len()] }
            };
            let change = match op {
                0 | 1 => ItemChange::Note { text },
                2 | 3 => ItemChange::Query { text },
                4 | 5 => ItemChange::Answer { query_id: query(), text },
                6 | 7 => ItemChange::Accept { query_id: query() },
                8 => ItemChange::HandToTeam { team_id: i64::from(arg % 3) + 20, text },
                9 => ItemChange::Close { outcome: text },
                _ => ItemChange::Update { patch: Box::new(some_patch(arg)) },
            };
            match check_change(&item, &change) {
                Ok(accepted) => {
                    prop_assert!(item.status == ItemStatus::Open);
                    if matches!(&accepted, ItemChange::Update { patch } if patch.is_empty()) {
                        continue;
                    }
                    record(&mut events, &item, &accepted, people[who], next_log);
                    next_log += 1;
                }
                Err(p) if item.status == ItemStatus::Closed => {
                    prop_assert_eq!(p.code, ErrorCode::HandoverItemClosed);
                }
                Err(_) => {}
            }
        }

        let item = fold_item(&id, &events);
        prop_assert!(item.is_ok(), "{:?}", item);
        let item = item.unwrap();
        let moves = events.iter().filter(|e| matches!(
            e.kind,
            ItemEventKind::Created | ItemEventKind::Carried | ItemEventKind::HandedToTeam
        ));
        prop_assert_eq!(&item.placements, &distinct(moves.clone().map(|e| e.log_id)));
        prop_assert_eq!(item.current_log, moves.clone().next_back().unwrap().log_id);
        prop_assert_eq!(
            &item.touched_by,
            &distinct(events.iter().filter_map(|e| e.by_employee_no.clone()))
        );
        let settled: Vec<i64> = events.iter().filter_map(|e| e.ref_event_id).collect();
        let open: Vec<i64> = events
            .iter()
            .filter(|e| e.kind == ItemEventKind::Query && !settled.contains(&e.id))
            .map(|e| e.id)
            .collect();
        prop_assert_eq!(&item.open_queries, &open);
        let closed = events.iter().any(|e| e.kind == ItemEventKind::Closed);
        prop_assert_eq!(item.status == ItemStatus::Closed, closed);
        prop_assert_eq!(item.last_event_id, events.last().unwrap().id);
        prop_assert_eq!(item.fields.kind(), fields.kind());
        prop_assert!(check_fields(&item.fields).is_ok());
    }
}
