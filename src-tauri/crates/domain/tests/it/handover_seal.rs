//! The seal: the canonical bytes are fixed (golden hashes written once: a change to the
//! canonical form fails here), and every field hashed matters.

use std::collections::HashSet;

use floordesk_domain::handover::seal::{
    SealAddendumV1, SealContentV1, SealEventV1, SealItemV1, SealLogV1, SealRollCallV1,
    SealSignatureV1, ZERO_HASH, addendum_hash, content_hash, signature_hash,
};
use sha2::{Digest, Sha256};

/// 2026-11-23 售前一组 D, 08:30–16:00 +08:00.
fn content() -> SealContentV1 {
    SealContentV1 {
        log: SealLogV1 {
            id: 17,
            team_id: 1,
            team_name: "售前一组".into(),
            shift_date: "2026-11-23".into(),
            shift_key: "D".into(),
            shift_name: "白班".into(),
            shift_start: 1_795_393_800_000,
            shift_end: 1_795_420_800_000,
            opened_at: 1_795_393_200_000,
            opened_by_employee_no: None,
        },
        roll_call: vec![
            SealRollCallV1 {
                employee_no: "1001".into(),
                name: "王芳".into(),
                rostered: true,
                status: "present".into(),
                late_min: None,
                notified: false,
                pending: false,
                arrived_at: Some(1_795_393_200_000),
                seat_code: Some("A01".into()),
                note: None,
                corrected_at: None,
                corrected_by_employee_no: None,
            },
            SealRollCallV1 {
                employee_no: "1003".into(),
                name: "李娜".into(),
                rostered: true,
                status: "late".into(),
                late_min: Some(12),
                notified: true,
                pending: false,
                arrived_at: Some(1_795_394_470_000),
                seat_code: None,
                note: Some("地铁故障".into()),
                corrected_at: Some(1_795_395_000_000),
                corrected_by_employee_no: Some("1001".into()),
            },
        ],
        items: vec![SealItemV1 {
            item_id: 41,
            kind: "customer".into(),
            origin_log_id: 17,
            author_employee_no: Some("1003".into()),
            created_at: 1_795_400_000_000,
            title: "张女士（千牛）TB3920118842：客户要求退款".into(),
            fields: r#"{"kind":"customer","customer":"张女士","channel":"qianniu","order_no":"TB3920118842","problem":"客户要求退款","promised":null,"progress":null}"#.into(),
            status: "open".into(),
            outcome: None,
            shifts_open: 1,
            touched_by: "1003,1001".into(),
            not_handed_over: false,
            last_event_id: 302,
            carried_to_log_id: Some(18),
        }],
        events: vec![
            SealEventV1 {
                id: 301,
                item_id: 41,
                log_id: 17,
                at: 1_795_400_000_000,
                by_employee_no: Some("1003".into()),
                by_name: Some("李娜".into()),
                kind: "created".into(),
                side: None,
                text: None,
                fields: Some(r#"{"kind":"customer","customer":"张女士","channel":"qianniu","order_no":"TB3920118842","problem":"客户要求退款","promised":null,"progress":null}"#.into()),
                ref_event_id: None,
                from_log_id: None,
                to_team_name: None,
                not_handed_over: false,
            },
            SealEventV1 {
                id: 302,
                item_id: 41,
                log_id: 17,
                at: 1_795_410_000_000,
                by_employee_no: Some("1001".into()),
                by_name: Some("王芳".into()),
                kind: "note".into(),
                side: None,
                text: Some("已联系快递，\"明早\"回电".into()),
                fields: None,
                ref_event_id: None,
                from_log_id: None,
                to_team_name: None,
                not_handed_over: false,
            },
        ],
    }
}

fn signature() -> SealSignatureV1 {
    SealSignatureV1 {
        log_id: 17,
        side: "outgoing".into(),
        mode: "face_to_face".into(),
        signer_employee_no: "1001".into(),
        signer_name: "王芳".into(),
        basis: "team_lead".into(),
        override_reason: None,
        override_by_employee_no: None,
        incoming_log_id: Some(18),
        signed_at: 1_795_421_040_000,
    }
}

fn addendum() -> SealAddendumV1 {
    SealAddendumV1 {
        log_id: 17,
        author_employee_no: "1001".into(),
        author_name: "王芳".into(),
        at: 1_795_482_600_000,
        text: "补充：快递已找回，客户撤销退款申请".into(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn zero_hash_is_64_zeros() {
    assert_eq!(ZERO_HASH.len(), 64);
    assert!(ZERO_HASH.chars().all(|c| c == '0'));
}

/// Written once, and reproduced outside Rust (Python's `json.dumps(…, ensure_ascii=False,
/// separators=(",", ":"))` over the same values gives the same bytes): anyone may re-check a seal.
#[test]
fn golden_hashes() {
    let sealed = content_hash(&content());
    assert_eq!(
        sealed,
        "dbd618c9616f583d26d0a14d8cf78eab3e79433582889ab7687ebbd3f6aab370"
    );
    let first = signature_hash(ZERO_HASH, &sealed, &signature());
    assert_eq!(
        first,
        "4080ea2e32b3b9efeed99a33540221701c512ad7eb21fb0411d38452dbd81283"
    );
    assert_eq!(
        addendum_hash(ZERO_HASH, &first, &addendum()),
        "e8baf59391e1345a23cdfac55e68239864fa8da69145db2778194b7681e4286d"
    );
}

#[test]
fn the_hashed_bytes_are_the_prefix_line_and_the_json_in_declaration_order() {
    let seal = "a".repeat(64);
    let expected = format!(
        "floordesk/handover-addendum/v1\n{{\"prev_hash\":\"{ZERO_HASH}\",\"log_seal\":\"{seal}\",\"addendum\":{{\"log_id\":17,\"author_employee_no\":\"1001\",\"author_name\":\"王芳\",\"at\":1795482600000,\"text\":\"补充：快递已找回，客户撤销退款申请\"}}}}"
    );
    assert_eq!(
        addendum_hash(ZERO_HASH, &seal, &addendum()),
        sha256_hex(expected.as_bytes())
    );

    let signed = "c".repeat(64);
    let expected = format!(
        "floordesk/handover-signature/v1\n{{\"prev_hash\":\"{ZERO_HASH}\",\"content_hash\":\"{signed}\",\"signature\":{{\"log_id\":17,\"side\":\"outgoing\",\"mode\":\"face_to_face\",\"signer_employee_no\":\"1001\",\"signer_name\":\"王芳\",\"basis\":\"team_lead\",\"override_reason\":null,\"override_by_employee_no\":null,\"incoming_log_id\":18,\"signed_at\":1795421040000}}}}"
    );
    assert_eq!(
        signature_hash(ZERO_HASH, &signed, &signature()),
        sha256_hex(expected.as_bytes())
    );

    let c = content();
    let mut bytes = b"floordesk/handover-content/v1\n".to_vec();
    bytes.extend(serde_json::to_vec(&c).unwrap());
    assert_eq!(content_hash(&c), sha256_hex(&bytes));
    // The stored fields text is hashed as a string, not as nested JSON.
    let json = String::from_utf8(bytes).unwrap();
    assert!(
        json.contains(r#""fields":"{\"kind\":\"customer\""#),
        "{json}"
    );
}

#[test]
fn hashes_are_lowercase_hex_of_64() {
    for h in [
        content_hash(&content()),
        signature_hash(ZERO_HASH, ZERO_HASH, &signature()),
        addendum_hash(ZERO_HASH, ZERO_HASH, &addendum()),
    ] {
        assert_eq!(h.len(), 64);
        assert!(
            h.chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
            "{h}"
        );
    }
}

type Edit<T> = (&'static str, fn(&mut T));

#[test]
fn every_content_field_changes_the_hash() {
    let edits: Vec<Edit<SealContentV1>> = vec![
        ("log.id", |c| c.log.id += 1),
        ("log.team_id", |c| c.log.team_id += 1),
        ("log.team_name", |c| c.log.team_name.push('x')),
        ("log.shift_date", |c| c.log.shift_date = "2026-11-24".into()),
        ("log.shift_key", |c| c.log.shift_key = "N".into()),
        ("log.shift_name", |c| c.log.shift_name = "晚班".into()),
        ("log.shift_start", |c| c.log.shift_start += 1),
        ("log.shift_end", |c| c.log.shift_end += 1),
        ("log.opened_at", |c| c.log.opened_at += 1),
        ("log.opened_by_employee_no", |c| {
            c.log.opened_by_employee_no = Some("1001".into())
        }),
        ("roll_call order", |c| c.roll_call.swap(0, 1)),
        ("roll_call removed", |c| {
            c.roll_call.pop();
        }),
        ("rc.employee_no", |c| c.roll_call[0].employee_no.push('0')),
        ("rc.name", |c| c.roll_call[0].name.push('x')),
        ("rc.rostered", |c| c.roll_call[0].rostered = false),
        ("rc.status", |c| c.roll_call[0].status = "late".into()),
        ("rc.late_min", |c| c.roll_call[1].late_min = Some(13)),
        ("rc.notified", |c| c.roll_call[0].notified = true),
        ("rc.pending", |c| c.roll_call[0].pending = true),
        ("rc.arrived_at", |c| c.roll_call[0].arrived_at = None),
        ("rc.seat_code", |c| {
            c.roll_call[0].seat_code = Some("A02".into())
        }),
        ("rc.note", |c| c.roll_call[0].note = Some(String::new())),
        ("rc.corrected_at", |c| c.roll_call[1].corrected_at = None),
        ("rc.corrected_by", |c| {
            c.roll_call[1].corrected_by_employee_no = None
        }),
        ("item.item_id", |c| c.items[0].item_id += 1),
        ("item.kind", |c| c.items[0].kind = "urgent".into()),
        ("item.origin_log_id", |c| c.items[0].origin_log_id += 1),
        ("item.author", |c| c.items[0].author_employee_no = None),
        ("item.created_at", |c| c.items[0].created_at += 1),
        ("item.title", |c| c.items[0].title = "改过".into()),
        ("item.fields", |c| c.items[0].fields.push(' ')),
        ("item.status", |c| c.items[0].status = "closed".into()),
        ("item.outcome", |c| {
            c.items[0].outcome = Some("已退款".into())
        }),
        ("item.shifts_open", |c| c.items[0].shifts_open += 1),
        ("item.touched_by", |c| {
            c.items[0].touched_by = "1001,1003".into()
        }),
        ("item.not_handed_over", |c| {
            c.items[0].not_handed_over = true
        }),
        ("item.last_event_id", |c| c.items[0].last_event_id += 1),
        ("item.carried_to", |c| c.items[0].carried_to_log_id = None),
        ("events order", |c| c.events.swap(0, 1)),
        ("ev.id", |c| c.events[1].id += 1),
        ("ev.item_id", |c| c.events[1].item_id += 1),
        ("ev.log_id", |c| c.events[1].log_id += 1),
        ("ev.at", |c| c.events[1].at += 1),
        ("ev.by_employee_no", |c| c.events[1].by_employee_no = None),
        ("ev.by_name", |c| c.events[1].by_name = Some("王".into())),
        ("ev.kind", |c| c.events[1].kind = "query".into()),
        ("ev.side", |c| c.events[1].side = Some("incoming".into())),
        ("ev.text", |c| c.events[1].text = Some("改过".into())),
        ("ev.fields", |c| c.events[1].fields = Some("{}".into())),
        ("ev.ref_event_id", |c| c.events[1].ref_event_id = Some(301)),
        ("ev.from_log_id", |c| c.events[1].from_log_id = Some(16)),
        ("ev.to_team_name", |c| {
            c.events[1].to_team_name = Some("售后组".into())
        }),
        ("ev.not_handed_over", |c| c.events[1].not_handed_over = true),
    ];
    let base = content_hash(&content());
    let mut seen = HashSet::from([base]);
    for (name, edit) in edits {
        let mut c = content();
        edit(&mut c);
        assert!(
            seen.insert(content_hash(&c)),
            "{name} does not change the hash"
        );
    }
}

#[test]
fn every_signature_and_addendum_field_changes_the_hash() {
    let edits: Vec<Edit<SealSignatureV1>> = vec![
        ("log_id", |s| s.log_id += 1),
        ("side", |s| s.side = "incoming".into()),
        ("mode", |s| s.mode = "alone".into()),
        ("signer_employee_no", |s| {
            s.signer_employee_no = "1002".into()
        }),
        ("signer_name", |s| s.signer_name.push('x')),
        ("basis", |s| s.basis = "stand_in".into()),
        ("override_reason", |s| s.override_reason = Some("急".into())),
        ("override_by", |s| {
            s.override_by_employee_no = Some("9001".into())
        }),
        ("incoming_log_id", |s| s.incoming_log_id = None),
        ("signed_at", |s| s.signed_at += 1),
    ];
    let content = content_hash(&content());
    let base = signature_hash(ZERO_HASH, &content, &signature());
    let mut seen = HashSet::from([base.clone()]);
    for (name, edit) in edits {
        let mut s = signature();
        edit(&mut s);
        assert!(
            seen.insert(signature_hash(ZERO_HASH, &content, &s)),
            "{name}"
        );
    }
    // The links themselves are covered.
    assert!(seen.insert(signature_hash(&base, &content, &signature())));
    assert!(seen.insert(signature_hash(ZERO_HASH, &base, &signature())));

    let edits: Vec<Edit<SealAddendumV1>> = vec![
        ("log_id", |a| a.log_id += 1),
        ("author_employee_no", |a| {
            a.author_employee_no = "1002".into()
        }),
        ("author_name", |a| a.author_name.push('x')),
        ("at", |a| a.at += 1),
        ("text", |a| a.text.push('。')),
    ];
    let base = addendum_hash(ZERO_HASH, &content, &addendum());
    let mut seen = HashSet::from([base.clone()]);
    for (name, edit) in edits {
        let mut a = addendum();
        edit(&mut a);
        assert!(
            seen.insert(addendum_hash(ZERO_HASH, &content, &a)),
            "{name}"
        );
    }
    assert!(seen.insert(addendum_hash(&base, &content, &addendum())));
    assert!(seen.insert(addendum_hash(ZERO_HASH, &base, &addendum())));
}
