//! Sign-off. Seed 003: 「当面履行交接手续」 when the shifts meet, and the outgoing side leaves
//! only once the incoming one is online; when they do not meet (晚班 → 次日白班) the outgoing
//! signs alone and the incoming signs its receipt (接班签收) when it comes in.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::shift::shifts_meet;
use super::{HandoverPolicy, Side};
use crate::{ErrorCode, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SignMode {
    /// 当面交接签字: both 交接班长 in one action.
    FaceToFace,
    /// 交班签字: the outgoing side alone, the incoming receipt to follow.
    Alone,
    /// 接班签收.
    Received,
}

impl SignMode {
    pub const ALL: [SignMode; 3] = [SignMode::FaceToFace, SignMode::Alone, SignMode::Received];

    pub fn as_str(self) -> &'static str {
        match self {
            SignMode::FaceToFace => "face_to_face",
            SignMode::Alone => "alone",
            SignMode::Received => "received",
        }
    }

    pub fn parse(text: &str) -> Option<SignMode> {
        SignMode::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy)]
pub struct SignFacts<'a> {
    pub now: DateTime<Utc>,
    pub policy: &'a HandoverPolicy,
    pub outgoing: Span,
    /// None when the roster has no next shift for the team.
    pub incoming: Option<Span>,
    /// The sides already signed for this log.
    pub signed: &'a [Side],
    /// User ids whose PINs the caller has already checked.
    pub outgoing_signer: Option<i64>,
    pub incoming_signer: Option<i64>,
    pub open_queries: usize,
    /// The incoming shift's members, named in the refusal.
    pub incoming_names: &'a [String],
    /// How many of them are signed in now.
    pub incoming_signed_in: usize,
    pub override_reason: Option<&'a str>,
    /// The operator or a signer is a supervisor or manager.
    pub may_override: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SignPlan {
    pub signatures: Vec<(Side, SignMode)>,
    /// The seed-003 incoming-signed-in check was overridden (主管特批).
    pub overridden: bool,
}

/// The signatures a first sign-off writes, or the first rule it breaks, checked in the design's
/// order (§4.6) so that the same facts always give the same refusal.
pub fn plan_sign(f: &SignFacts) -> Result<SignPlan, Problem> {
    if !f.signed.is_empty() {
        return Err(Problem::new(
            ErrorCode::HandoverSigned,
            "This handover log is already signed",
        ));
    }
    if f.now < f.outgoing.start {
        return Err(Problem::new(
            ErrorCode::HandoverNotStarted,
            "The shift has not started: it cannot be handed over yet",
        )
        .with("starts_at", f.outgoing.start.to_rfc3339()));
    }
    let Some(outgoing_signer) = f.outgoing_signer else {
        return Err(Problem::new(
            ErrorCode::ValidationRequired,
            "The outgoing 交接班长 must sign",
        )
        .with("field", "outgoing_signer"));
    };
    if f.incoming_signer == Some(outgoing_signer) {
        return Err(Problem::new(
            ErrorCode::HandoverSameSigner,
            "Nobody signs both sides of one handover",
        ));
    }
    if f.open_queries > 0 {
        return Err(Problem::new(
            ErrorCode::HandoverOpenQueries,
            format!("{} queries are still open", f.open_queries),
        )
        .with("count", f.open_queries));
    }
    let both = vec![
        (Side::Outgoing, SignMode::FaceToFace),
        (Side::Incoming, SignMode::FaceToFace),
    ];
    let meet = f
        .incoming
        .is_some_and(|i| shifts_meet(f.outgoing.end, i.start, f.policy.gap_min));
    if meet {
        if f.incoming_signer.is_none() {
            return Err(Problem::new(
                ErrorCode::HandoverNeedsBothSides,
                "The shifts meet: both 交接班长 sign face to face",
            )
            .with("gap_min", f.policy.gap_min));
        }
        let overridden = f.incoming_signed_in == 0 && check_override(f)?;
        return Ok(SignPlan {
            signatures: both,
            overridden,
        });
    }
    // The incoming lead may have come early: then it is face to face all the same.
    let signatures = if f.incoming_signer.is_some() {
        both
    } else {
        vec![(Side::Outgoing, SignMode::Alone)]
    };
    Ok(SignPlan {
        signatures,
        overridden: false,
    })
}

/// Nobody of the incoming shift is signed in: only a supervisor or manager with a reason lets
/// the outgoing side go (seed 003 「确定晚班客服已上线,之后再下线」).
fn check_override(f: &SignFacts) -> Result<bool, Problem> {
    let reason = f.override_reason.map(str::trim).filter(|r| !r.is_empty());
    match (reason, f.may_override) {
        (Some(_), true) => Ok(true),
        (Some(_), false) => Err(Problem::new(
            ErrorCode::HandoverOverrideNotAllowed,
            "Only a supervisor or manager may override the incoming-signed-in check",
        )),
        (None, _) => {
            let names = f.incoming_names.join("、");
            Err(Problem::new(
                ErrorCode::HandoverIncomingNotSignedIn,
                format!("Nobody of the incoming shift is signed in ({names})"),
            )
            .with("names", names))
        }
    }
}

/// May the incoming side sign its receipt now: only after the outgoing signed alone, and from
/// the incoming shift's roll-call time.
pub fn plan_receipt(
    now: DateTime<Utc>,
    policy: &HandoverPolicy,
    incoming: Option<Span>,
    signed: &[(Side, SignMode)],
) -> Result<(), Problem> {
    let not_awaiting = || {
        Problem::new(
            ErrorCode::HandoverNotAwaitingReceipt,
            "This log is not awaiting the incoming side's receipt",
        )
    };
    if signed != [(Side::Outgoing, SignMode::Alone)] {
        return Err(not_awaiting());
    }
    let incoming = incoming.ok_or_else(not_awaiting)?;
    let opens_at = incoming.start - Duration::minutes(policy.roll_call_before_start_min);
    if now < opens_at {
        return Err(Problem::new(
            ErrorCode::HandoverReceiptTooEarly,
            "The receipt opens at the incoming shift's roll call",
        )
        .with("opens_at", opens_at.to_rfc3339()));
    }
    Ok(())
}
