//! One log as the page shows it, on a real file: a log not opened previews its roll call; an
//! open log shows its items and what a sign-off now would refuse (seed 003's incoming check,
//! with the names) before anyone types a PIN; a signed log shows what was frozen, its
//! signatures and no blockers; another team's lead cannot read it. And drafts: saved as typed,
//! replaced, cleared by adding the item, refused on a signed log, bounded in size.

use floordesk_domain::ErrorCode;
use floordesk_domain::handover::item::{ItemChange, ItemStatus};
use floordesk_domain::handover::lead::LeadBasis;
use floordesk_store::Actor;
use floordesk_store::handover::drafts::DraftInput;
use floordesk_store::handover::logs::LogStatus;
use floordesk_store::handover::view::HandoverLogView;

use crate::handover_common::{Floor, at, key};

/// 售前一组's log of `shift` on 11-23 as the supervisor reads it at `local`.
fn supervisor_reads(floor: &Floor, shift: &str, local: &str) -> HandoverLogView {
    let now = at(local);
    floor
        .f
        .store
        .handover_log(
            &key(floor.f.presale, shift),
            now,
            Actor::user(floor.f.supervisor, now),
        )
        .unwrap()
}

/// The supervisor at the desk signs D off face to face at 16:02: 2001 out, 2004 in.
fn sign_face_to_face_at_1602(floor: &mut Floor, d: i64) {
    let (lead, n_lead, sup) = (floor.f.lead_2001, floor.f.agent_2004, floor.f.supervisor);
    floor
        .sign(d, lead, Some(n_lead), None, sup, "11-23 16:02")
        .unwrap();
}

#[test]
fn a_log_shows_its_roll_call_items_and_blockers_and_freezes_at_signing() {
    let dir = tempfile::tempdir().unwrap();
    let mut floor = Floor::new(dir.path());

    // Not opened: the roster's members as the floor reads them, no items, nothing to block.
    let preview = supervisor_reads(&floor, "D", "11-23 08:30");
    assert_eq!(preview.status, LogStatus::NotOpened);
    assert_eq!(preview.log_id, None);
    let nos: Vec<&str> = preview
        .roll_call
        .iter()
        .map(|r| r.employee_no.as_str())
        .collect();
    assert_eq!(nos, ["2001", "2002", "2003"]);
    assert!(preview.roll_call.iter().all(|r| r.arrived_at.is_some()));
    let incoming = preview.incoming.as_ref().unwrap();
    assert_eq!(
        (
            incoming.key.shift.as_str(),
            incoming.meets,
            incoming.gap_min
        ),
        ("N", true, 0)
    );
    assert_eq!(
        preview.outgoing_lead.person.as_ref().unwrap().employee_no,
        "2001"
    );
    assert_eq!(preview.outgoing_lead.basis, LeadBasis::TeamLead);

    let (d, refund, done) = floor.d_with_an_open_and_a_closed_refund();

    // 15:50: nobody of the incoming N is signed in yet: the page names them.
    let view = supervisor_reads(&floor, "D", "11-23 15:50");
    assert_eq!(view.status, LogStatus::Open);
    assert!(!view.frozen);
    let ids: Vec<i64> = view.items.iter().map(|i| i.id).collect();
    assert_eq!(ids, [refund, done]);
    assert_eq!(view.items[1].status, ItemStatus::Closed);
    assert_eq!(view.blockers.len(), 1);
    assert_eq!(
        view.blockers[0].code,
        ErrorCode::HandoverIncomingNotSignedIn
    );
    assert!(
        view.blockers[0].params["names"].contains("范诗琪"),
        "{:?}",
        view.blockers
    );
    let incoming = view.incoming.as_ref().unwrap();
    assert!(incoming.signed_in.is_empty());
    assert_eq!(incoming.members.len(), 2);
    assert_eq!(incoming.lead.basis, LeadBasis::Designated);

    // 16:00: the N shift signed in at 15:58, the blocker is gone.
    let view = supervisor_reads(&floor, "D", "11-23 16:00");
    assert!(view.blockers.is_empty(), "{:?}", view.blockers);
    assert_eq!(view.incoming.as_ref().unwrap().signed_in.len(), 2);

    sign_face_to_face_at_1602(&mut floor, d);
    // Later changes to the carried item do not change what the signed log shows.
    floor.change(
        refund,
        ItemChange::Close {
            outcome: "已退款 199 元".into(),
        },
        "11-23 17:00",
    );
    let signed = supervisor_reads(&floor, "D", "11-23 17:05");
    assert_eq!(signed.status, LogStatus::Signed);
    assert!(signed.frozen);
    assert!(signed.blockers.is_empty());
    assert_eq!(signed.signatures.len(), 2);
    assert_eq!(signed.signatures[0].hash_prefix.len(), 12);
    let frozen: Vec<(i64, ItemStatus, Option<&str>)> = signed
        .items
        .iter()
        .map(|i| (i.id, i.status, i.outcome.as_deref()))
        .collect();
    assert_eq!(
        frozen,
        [
            (refund, ItemStatus::Open, None),
            (done, ItemStatus::Closed, Some("已退款"))
        ]
    );
    // Both were written in D: the signed D does not call them carried in, though the refund has
    // moved on since; the supervisor who closed the other is named though no agent.
    assert!(signed.items.iter().all(|i| !i.carried_in));
    let handled: Vec<(&str, &str)> = signed.items[1]
        .touched_by
        .iter()
        .map(|p| (p.employee_no.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(handled, [("2001", "贺一鸣"), ("9001", "主管")]);
    // The next shift's log shows the carried item, closed there.
    let n = supervisor_reads(&floor, "N", "11-23 17:05");
    let carried = n.items.iter().find(|i| i.id == refund).unwrap();
    assert!(carried.carried_in);
    assert_eq!(carried.status, ItemStatus::Closed);
}

#[test]
fn a_team_lead_reads_only_their_own_team_s_log() {
    let dir = tempfile::tempdir().unwrap();
    let floor = Floor::new(dir.path());
    let aftersale = key(floor.f.aftersale, "M");
    let now = at("11-23 10:00");
    let err = floor
        .f
        .store
        .handover_log(&aftersale, now, floor.lead("11-23 10:00"))
        .unwrap_err();
    assert_eq!(err.to_problem().code, ErrorCode::HandoverNotYourTeam);
    assert!(
        floor
            .f
            .store
            .handover_log(&aftersale, now, Actor::user(floor.f.supervisor, now))
            .is_ok()
    );
}

#[test]
fn drafts_are_kept_as_typed_until_the_item_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let mut floor = Floor::new(dir.path());
    let d = floor.open("11-23", "D");
    let lead = floor.lead("11-23 10:00");
    let save = |floor: &mut Floor, slot: &str, body: &str| {
        let input = DraftInput {
            log_id: d,
            slot: slot.into(),
            body: body.into(),
        };
        floor.store().save_handover_draft(&input, lead)
    };
    save(&mut floor, "new", r#"{"kind":"note","text":"系统"}"#).unwrap();
    save(
        &mut floor,
        "new",
        r#"{"kind":"note","text":"系统今晚升级"}"#,
    )
    .unwrap();
    save(&mut floor, "item:1:close", "已通知").unwrap();
    let drafts = floor.f.store.handover_drafts(d, lead).unwrap();
    let slots: Vec<(&str, &str)> = drafts
        .iter()
        .map(|d| (d.slot.as_str(), d.body.as_str()))
        .collect();
    assert_eq!(
        slots,
        [
            ("item:1:close", "已通知"),
            ("new", r#"{"kind":"note","text":"系统今晚升级"}"#)
        ]
    );
    // Another user's drafts are their own.
    let sup = Actor::user(floor.f.supervisor, at("11-23 10:00"));
    assert!(floor.f.store.handover_drafts(d, sup).unwrap().is_empty());
    // Too long: refused, the saved draft stays.
    let err = save(&mut floor, "new", &"字".repeat(3000)).unwrap_err();
    assert_eq!(err.to_problem().code, ErrorCode::ValidationTooLong);
    // Adding the item clears the entry row's draft, not the others.
    floor.add_note(d, "系统今晚升级", "11-23 10:00");
    let slots: Vec<String> = floor
        .f
        .store
        .handover_drafts(d, lead)
        .unwrap()
        .into_iter()
        .map(|d| d.slot)
        .collect();
    assert_eq!(slots, ["item:1:close"]);
    floor
        .store()
        .discard_handover_draft(d, "item:1:close", lead)
        .unwrap();
    assert!(floor.f.store.handover_drafts(d, lead).unwrap().is_empty());
    // A system actor has no drafts.
    assert!(
        floor
            .f
            .store
            .handover_drafts(d, Actor::system(at("11-23 10:00")))
            .is_err()
    );
    // Signed: no more drafts.
    sign_face_to_face_at_1602(&mut floor, d);
    let err = save(&mut floor, "new", "x").unwrap_err();
    assert_eq!(err.to_problem().code, ErrorCode::HandoverSigned);
}
