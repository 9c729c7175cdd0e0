//! Sign-off plans: every refusal in its order, face to face when the shifts meet (with seed
//! 003's incoming-signed-in check and its override), alone when they do not, and the receipt.

use chrono::{DateTime, Duration, TimeZone, Utc};
use floordesk_domain::handover::sign::{
    SignFacts, SignMode, SignPlan, Span, plan_receipt, plan_sign,
};
use floordesk_domain::handover::{HandoverPolicy, Side};
use floordesk_domain::{ErrorCode, Problem};

const OUT_LEAD: i64 = 11;
const IN_LEAD: i64 = 21;

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    // Shanghai is UTC+8 all year: 08:30 local is 00:30 UTC.
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap() - Duration::hours(8)
}

fn policy() -> HandoverPolicy {
    HandoverPolicy {
        gap_min: 60,
        unsigned_after_min: 15,
        roll_call_before_start_min: 10,
        absent_after_min: 30,
    }
}

/// 白班 08:30–16:00.
fn day_shift() -> Span {
    Span {
        start: utc(23, 8, 30),
        end: utc(23, 16, 0),
    }
}

/// 晚班 16:00–23:30: meets the 白班.
fn evening() -> Span {
    Span {
        start: utc(23, 16, 0),
        end: utc(23, 23, 30),
    }
}

/// The next day's 白班: 9 hours after the 晚班 ends.
fn next_morning() -> Span {
    Span {
        start: utc(24, 8, 30),
        end: utc(24, 16, 0),
    }
}

struct Case {
    policy: HandoverPolicy,
    now: DateTime<Utc>,
    outgoing: Span,
    incoming: Option<Span>,
    signed: Vec<Side>,
    outgoing_signer: Option<i64>,
    incoming_signer: Option<i64>,
    open_queries: usize,
    incoming_names: Vec<String>,
    incoming_signed_in: usize,
    override_reason: Option<&'static str>,
    may_override: bool,
}

impl Case {
    /// The 白班 hands to the 晚班 at 16:05, both leads present, one of the 晚班 signed in.
    fn face_to_face() -> Case {
        Case {
            policy: policy(),
            now: utc(23, 16, 5),
            outgoing: day_shift(),
            incoming: Some(evening()),
            signed: Vec::new(),
            outgoing_signer: Some(OUT_LEAD),
            incoming_signer: Some(IN_LEAD),
            open_queries: 0,
            incoming_names: vec!["张三".into(), "李四".into()],
            incoming_signed_in: 1,
            override_reason: None,
            may_override: false,
        }
    }

    /// The 晚班 hands to the next morning at 23:35.
    fn overnight() -> Case {
        Case {
            now: utc(23, 23, 35),
            outgoing: evening(),
            incoming: Some(next_morning()),
            incoming_signer: None,
            incoming_signed_in: 0,
            ..Case::face_to_face()
        }
    }

    fn plan(&self) -> Result<SignPlan, Problem> {
        plan_sign(&SignFacts {
            now: self.now,
            policy: &self.policy,
            outgoing: self.outgoing,
            incoming: self.incoming,
            signed: &self.signed,
            outgoing_signer: self.outgoing_signer,
            incoming_signer: self.incoming_signer,
            open_queries: self.open_queries,
            incoming_names: &self.incoming_names,
            incoming_signed_in: self.incoming_signed_in,
            override_reason: self.override_reason,
            may_override: self.may_override,
        })
    }

    fn refusal(&self) -> Problem {
        match self.plan() {
            Ok(plan) => panic!("expected a refusal, got {plan:?}"),
            Err(p) => p,
        }
    }
}

fn both() -> Vec<(Side, SignMode)> {
    vec![
        (Side::Outgoing, SignMode::FaceToFace),
        (Side::Incoming, SignMode::FaceToFace),
    ]
}

#[test]
fn when_the_shifts_meet_both_leads_sign_face_to_face() {
    assert_eq!(
        Case::face_to_face().plan(),
        Ok(SignPlan {
            signatures: both(),
            overridden: false
        })
    );
    // Before the outgoing end too: the shift has started.
    let mut case = Case::face_to_face();
    case.now = utc(23, 15, 50);
    assert_eq!(case.plan().unwrap().signatures, both());
}

#[test]
fn a_signed_log_says_so_before_anything_else() {
    let mut case = Case::face_to_face();
    case.signed = vec![Side::Outgoing];
    case.now = utc(23, 8, 0);
    case.outgoing_signer = None;
    case.open_queries = 2;
    assert_eq!(case.refusal().code, ErrorCode::HandoverSigned);
}

#[test]
fn a_shift_not_started_cannot_be_handed_over() {
    let mut case = Case::face_to_face();
    case.now = utc(23, 8, 29);
    case.outgoing_signer = None;
    case.open_queries = 1;
    let p = case.refusal();
    assert_eq!(p.code, ErrorCode::HandoverNotStarted);
    assert_eq!(p.params["starts_at"], day_shift().start.to_rfc3339());

    case.now = utc(23, 8, 30);
    assert_ne!(case.refusal().code, ErrorCode::HandoverNotStarted);
}

#[test]
fn the_outgoing_signer_is_required() {
    let mut case = Case::face_to_face();
    case.outgoing_signer = None;
    case.open_queries = 1;
    let p = case.refusal();
    assert_eq!(p.code, ErrorCode::ValidationRequired);
    assert_eq!(p.params["field"], "outgoing_signer");
}

#[test]
fn nobody_signs_both_sides() {
    let mut case = Case::face_to_face();
    case.incoming_signer = Some(OUT_LEAD);
    case.open_queries = 1;
    assert_eq!(case.refusal().code, ErrorCode::HandoverSameSigner);
}

#[test]
fn open_queries_block_signing() {
    let mut case = Case::face_to_face();
    case.open_queries = 3;
    case.incoming_signer = None;
    let p = case.refusal();
    assert_eq!(p.code, ErrorCode::HandoverOpenQueries);
    assert_eq!(p.params["count"], "3");

    // Also when the outgoing would sign alone.
    let mut case = Case::overnight();
    case.open_queries = 1;
    assert_eq!(case.refusal().code, ErrorCode::HandoverOpenQueries);
}

#[test]
fn when_the_shifts_meet_the_incoming_lead_must_sign_too() {
    let mut case = Case::face_to_face();
    case.incoming_signer = None;
    case.incoming_signed_in = 0;
    let p = case.refusal();
    assert_eq!(p.code, ErrorCode::HandoverNeedsBothSides);
    assert_eq!(p.params["gap_min"], "60");

    // Exactly at the gap they still meet; a minute more and the outgoing may sign alone.
    let mut case = Case::face_to_face();
    case.incoming_signer = None;
    let later = |min: i64| Span {
        start: day_shift().end + Duration::minutes(min),
        end: utc(23, 23, 30),
    };
    case.incoming = Some(later(60));
    assert_eq!(case.refusal().code, ErrorCode::HandoverNeedsBothSides);
    case.incoming = Some(later(61));
    assert_eq!(
        case.plan().unwrap().signatures,
        [(Side::Outgoing, SignMode::Alone)]
    );
}

#[test]
fn the_incoming_shift_must_be_signed_in_and_the_refusal_names_them() {
    let mut case = Case::face_to_face();
    case.incoming_signed_in = 0;
    let p = case.refusal();
    assert_eq!(p.code, ErrorCode::HandoverIncomingNotSignedIn);
    assert_eq!(p.params["names"], "张三、李四");

    // A blank reason is no reason.
    case.override_reason = Some("  ");
    case.may_override = true;
    assert_eq!(case.refusal().code, ErrorCode::HandoverIncomingNotSignedIn);
}

#[test]
fn a_supervisor_may_override_the_incoming_check_with_a_reason() {
    let mut case = Case::face_to_face();
    case.incoming_signed_in = 0;
    case.override_reason = Some("系统故障，接班坐席无法签入");
    case.may_override = true;
    assert_eq!(
        case.plan(),
        Ok(SignPlan {
            signatures: both(),
            overridden: true
        })
    );

    // Nothing to override when someone is signed in.
    case.incoming_signed_in = 2;
    assert!(!case.plan().unwrap().overridden);
}

#[test]
fn an_override_by_someone_not_allowed_is_refused() {
    let mut case = Case::face_to_face();
    case.incoming_signed_in = 0;
    case.override_reason = Some("接班迟到");
    case.may_override = false;
    assert_eq!(case.refusal().code, ErrorCode::HandoverOverrideNotAllowed);
}

#[test]
fn when_the_shifts_do_not_meet_the_outgoing_signs_alone() {
    assert_eq!(
        Case::overnight().plan(),
        Ok(SignPlan {
            signatures: vec![(Side::Outgoing, SignMode::Alone)],
            overridden: false
        })
    );
    // Not meeting, nobody of the incoming signed in: no check, it is hours away.
    let case = Case::overnight();
    assert_eq!(case.incoming_signed_in, 0);
    assert!(case.plan().is_ok());
}

#[test]
fn when_the_shifts_do_not_meet_an_incoming_lead_who_came_early_signs_face_to_face() {
    let mut case = Case::overnight();
    case.incoming_signer = Some(IN_LEAD);
    assert_eq!(
        case.plan(),
        Ok(SignPlan {
            signatures: both(),
            overridden: false
        })
    );
}

#[test]
fn without_an_incoming_shift_the_outgoing_signs_alone() {
    let mut case = Case::face_to_face();
    case.incoming = None;
    case.incoming_signer = None;
    case.incoming_signed_in = 0;
    assert_eq!(
        case.plan().unwrap().signatures,
        [(Side::Outgoing, SignMode::Alone)]
    );
}

#[test]
fn the_receipt_opens_at_the_incoming_roll_call() {
    let alone = [(Side::Outgoing, SignMode::Alone)];
    let opens = next_morning().start - Duration::minutes(10);

    let p = plan_receipt(
        opens - Duration::minutes(1),
        &policy(),
        Some(next_morning()),
        &alone,
    )
    .unwrap_err();
    assert_eq!(p.code, ErrorCode::HandoverReceiptTooEarly);
    assert_eq!(p.params["opens_at"], opens.to_rfc3339());

    assert_eq!(
        plan_receipt(opens, &policy(), Some(next_morning()), &alone),
        Ok(())
    );
    assert_eq!(
        plan_receipt(utc(24, 12, 0), &policy(), Some(next_morning()), &alone),
        Ok(())
    );
}

#[test]
fn only_a_log_signed_alone_awaits_a_receipt() {
    let now = utc(24, 9, 0);
    let awaiting = |signed: &[(Side, SignMode)], incoming: Option<Span>| {
        plan_receipt(now, &policy(), incoming, signed).map_err(|p| p.code)
    };
    let not_awaiting = Err(ErrorCode::HandoverNotAwaitingReceipt);

    assert_eq!(awaiting(&[], Some(next_morning())), not_awaiting);
    assert_eq!(awaiting(&both(), Some(next_morning())), not_awaiting);
    assert_eq!(
        awaiting(
            &[
                (Side::Outgoing, SignMode::Alone),
                (Side::Incoming, SignMode::Received)
            ],
            Some(next_morning())
        ),
        not_awaiting
    );
    assert_eq!(
        awaiting(&[(Side::Outgoing, SignMode::Alone)], None),
        not_awaiting
    );
    // The order of the checks: not awaiting wins over too early.
    let early = plan_receipt(utc(23, 23, 40), &policy(), Some(next_morning()), &both());
    assert_eq!(early.map_err(|p| p.code), not_awaiting);
    assert_eq!(
        awaiting(&[(Side::Outgoing, SignMode::Alone)], Some(next_morning())),
        Ok(())
    );
}

#[test]
fn sign_modes_read_back() {
    for mode in SignMode::ALL {
        assert_eq!(SignMode::parse(mode.as_str()), Some(mode));
    }
    assert_eq!(
        serde_json::to_string(&SignMode::FaceToFace).unwrap(),
        "\"face_to_face\""
    );
    assert_eq!(SignMode::parse("together"), None);
}
