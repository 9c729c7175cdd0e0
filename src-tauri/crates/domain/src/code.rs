//! The one vocabulary of failure codes. Every layer (domain, store, app, CLI) names a failure
//! with an [`ErrorCode`]; the TypeScript bindings carry the same list as a union type and as the
//! constant `ERROR_CODES`, over which the UI's translation test walks, so a code without a zh
//! and an en text fails the build. Only add a code that something sends.

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal [$($param:ident),*] ),* $(,)?) => {
        /// A stable, machine-readable failure code: the UI translates it, scripts match it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
        pub enum ErrorCode {
            $( $(#[$doc])* #[serde(rename = $text)] $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $text,)* }
            }

            /// The params the code's text shows (some may be absent; a few codes also carry ids for
            /// scripts, which the text leaves out).
            pub fn params(self) -> &'static [&'static str] {
                match self { $(ErrorCode::$variant => &[$(stringify!($param)),*],)* }
            }
        }
    };
}

error_codes! {
    // ---- sign-in and permissions ----
    AuthNotLoggedIn = "auth.not_logged_in" [],
    AuthForbidden = "auth.forbidden" [],
    AuthInactive = "auth.inactive" [],
    AuthWrongPin = "auth.wrong_pin" [remaining],
    AuthLocked = "auth.locked" [seconds],
    SetupAlreadyDone = "setup.already_done" [],
    SiteNotInitialized = "site.not_initialized" [],

    // ---- the database file ----
    DbBusy = "db.busy" [],
    /// SQLite's own words, passed on as the message.
    DbError = "db.error" [],
    DbNewerSchema = "db.newer_schema" [found, supported],
    DbNotFloorDesk = "db.not_floordesk" [],
    IoError = "io.error" [path],
    RestoreBadBackup = "restore.bad_backup" [file],
    ExportFailed = "export.failed" [path],
    /// A failure that is nobody's input: a panic, a hashing failure, IPC.
    Internal = "internal" [],
    NotFound = "not_found" [entity, id],

    // ---- forms ----
    ValidationRequired = "validation.required" [field],
    ValidationTooLong = "validation.too_long" [field, max],
    ValidationEmployeeNo = "validation.employee_no" [value],
    ValidationPin = "validation.pin" [min, max],
    ValidationTimeZone = "validation.time_zone" [value],
    ValidationOutOfRange = "validation.out_of_range" [min, max, value],
    ValidationPosition = "validation.position" [max],
    ValidationLocalTime = "validation.local_time" [],
    PolicyUnknownKey = "policy.unknown_key" [key],

    // ---- people, teams, seats, users ----
    AgentDuplicateEmployeeNo = "agent.duplicate_employee_no" [employee_no],
    AgentLeavesBeforeHired = "agent.leaves_before_hired" [left_on, hired_on],
    TeamDuplicateName = "team.duplicate_name" [name],
    TeamHasAgents = "team.has_agents" [count],
    TeamInactive = "team.inactive" [],
    SeatDuplicateCode = "seat.duplicate_code" [code],
    SeatInactive = "seat.inactive" [],
    SeatTaken = "seat.taken" [seat, employee_no],
    UserDuplicateName = "user.duplicate_name" [name],
    UserAgentLinked = "user.agent_linked" [employee_no],
    UserUnknownEmployeeNo = "user.unknown_employee_no" [employee_no],
    UserDuplicateEmployeeNo = "user.duplicate_employee_no" [employee_no],
    UserLastSupervisor = "user.last_supervisor" [],
    UserCannotDeactivateSelf = "user.cannot_deactivate_self" [],

    // ---- the live floor ----
    /// A state change dated before the agent's last recorded change.
    FloorOutOfOrder = "floor.out_of_order" [agent, at, now],
    /// A shift time that does not exist on that day (the clocks went forward).
    FloorNonexistentLocalTime = "floor.nonexistent_local_time" [agent, date, time],
    BreakUnknownAgent = "break.unknown_agent" [employee_no],
    BreakSignedOut = "break.signed_out" [employee_no],
    BreakAlreadyOnBreak = "break.already_on_break" [employee_no],
    BreakAlreadyWaiting = "break.already_waiting" [employee_no],
    BreakNotWaiting = "break.not_waiting" [],
    BreakNotFound = "break.not_found" [],
    BreakReasonRequired = "break.reason_required" [],
    /// 报备 for an agent with no shift running or to come around that instant.
    NoticeNoShift = "notice.no_shift" [employee_no],
    NoticeReasonRequired = "notice.reason_required" [],
    /// A notice dated after the moment it is recorded.
    NoticeInFuture = "notice.in_future" [],

    // ---- imports: the whole file ----
    ImportInvalid = "import.invalid" [file, count, row, field],
    ImportUnreadable = "import.unreadable" [file],
    ImportUnsupportedFile = "import.unsupported_file" [file],
    /// The CLI's `--until` is not an RFC 3339 instant.
    UsageBadUntil = "usage.bad_until" [value],
    /// The CLI's `demo --now` is not an RFC 3339 instant.
    UsageBadNow = "usage.bad_now" [value],
    /// The CLI's `--month` is not `YYYY-MM`.
    UsageBadMonth = "usage.bad_month" [value],

    // ---- imports: one row (an ImportIssue names the row, the column and the cell) ----
    ImportMissingColumn = "import.missing_column" [],
    ImportRequired = "import.required" [],
    ImportEmpty = "import.empty" [],
    ImportBadLevel = "import.bad_level" [],
    ImportBadDate = "import.bad_date" [],
    ImportBadTime = "import.bad_time" [],
    ImportBadKind = "import.bad_kind" [],
    ImportDuplicateInFile = "import.duplicate_in_file" [],
    ImportSeatTaken = "import.seat_taken" [],
    ImportSeatInactive = "import.seat_inactive" [],
    ImportTeamInactive = "import.team_inactive" [],
    ImportInvalidValue = "import.invalid_value" [],
    ImportUnknownAgent = "import.unknown_agent" [],
    /// The last issue of a file with more problems than an import lists: how many more there are
    /// (its value is the count).
    ImportMoreProblems = "import.more_problems" [],
    EventsBadJson = "events.bad_json" [],
    EventsNotUtf8 = "events.not_utf8" [],
    EventsBadTs = "events.bad_ts" [],
    EventsRequired = "events.required" [],
    EventsBadState = "events.bad_state" [],
    /// A roster cell that is no shift code, rest day or span.
    RosterBadCell = "roster.bad_cell" [],
    PrintFailed = "print.failed" [reason],
    RosterNotYourTeam = "roster.not_your_team" [employee_no],
    RosterNotYourself = "roster.not_yourself" [employee_no],
    RosterLockedForLead = "roster.locked_for_lead" [month],
    /// A change to a published month without a reason.
    RosterNeedsReason = "roster.needs_reason" [month],
    LeaveEndsBeforeStart = "leave.ends_before_start" [],
    LeaveNotPending = "leave.not_pending" [],
    /// A swap between an agent and themselves.
    SwapSameAgent = "swap.same_agent" [],
    /// Approving or rejecting a swap that is no longer pending.
    SwapNotPending = "swap.not_pending" [],
    /// Approving a swap with nobody signed in to sign it.
    SwapNeedsSigner = "swap.needs_signer" [],
    /// Publishing a month with violations and no override reason.
    RosterHasViolations = "roster.has_violations" [count],
    /// A line's `notice` is neither `late` nor `absent`, or the line also has a `state`.
    EventsBadNotice = "events.bad_notice" [],
    EventsOutOfOrder = "events.out_of_order" [],
    EventsUnknownAgent = "events.unknown_agent" [],
    EventsBeforeLast = "events.before_last" [],
    // ---- shift handover (交接班) ----
    /// Any change to a signed (frozen) log, its roll call, seats or items there.
    HandoverSigned = "handover.signed" [date, team, shift],
    /// An addendum to a log nobody has signed yet.
    HandoverNotSigned = "handover.not_signed" [],
    HandoverNotYourTeam = "handover.not_your_team" [team],
    HandoverNotYourEntry = "handover.not_your_entry" [],
    /// The key is not a shift of the team in the roster.
    HandoverNoShift = "handover.no_shift" [team, date, shift],
    HandoverNotStarted = "handover.not_started" [starts_at],
    /// The signer is neither the shift's 交接班长 nor a supervisor or manager.
    HandoverNotLead = "handover.not_lead" [name, side],
    HandoverSameSigner = "handover.same_signer" [],
    /// The shifts meet: both 交接班长 sign face to face.
    HandoverNeedsBothSides = "handover.needs_both_sides" [gap_min],
    /// Seed 003: the outgoing shift leaves only once the incoming one is signed in.
    HandoverIncomingNotSignedIn = "handover.incoming_not_signed_in" [names],
    HandoverOverrideNotAllowed = "handover.override_not_allowed" [],
    /// Queries raised in the handover are settled before it is signed (seed 003).
    HandoverOpenQueries = "handover.open_queries" [count],
    HandoverNotAwaitingReceipt = "handover.not_awaiting_receipt" [],
    HandoverReceiptTooEarly = "handover.receipt_too_early" [opens_at],
    HandoverItemClosed = "handover.item_closed" [id],
    HandoverQueryResolved = "handover.query_resolved" [],
    HandoverBadDue = "handover.bad_due" [value],
    HandoverSeatTaken = "handover.seat_taken" [seat, employee_no],
    HandoverNotOnRollCall = "handover.not_on_roll_call" [employee_no],
    HandoverLeadHasNoUser = "handover.lead_has_no_user" [employee_no],
    /// Acknowledging a 交接提醒 already acknowledged, or resolved by the log signed, the item
    /// closed or its due time changed.
    HandoverReminderAcknowledged = "handover.reminder_acknowledged" [],
    // ---- assessment (绩效考核) ----
    /// Not a month like 2026-11.
    ScoresBadMonth = "scores.bad_month" [value],
    /// A change to a published month (reopen it first).
    ScoresPublished = "scores.published" [month],
    /// Reopening a month that is not published.
    ScoresNotPublished = "scores.not_published" [month],
    /// A score below 0, above the item's maximum or with more than two decimals.
    ScoresOutOfRange = "scores.out_of_range" [item, max, value],
    /// The item is not on the person's sheet for this role.
    ScoresItemNotForRole = "scores.item_not_for_role" [item, role],
    /// The operator does not rate this person in this role this month.
    ScoresNotRater = "scores.not_rater" [employee_no, role],
    /// A 小组 rater who is the person themselves.
    ScoresSelfAsPeer = "scores.self_as_peer" [employee_no],
    /// The person has no template for the month (none assigned, or a quarterly one off-quarter).
    ScoresNoTemplate = "scores.no_template" [employee_no, month],
    /// Entry for a month opens on the 1st of the next.
    ScoresWindowNotOpen = "scores.window_not_open" [opens_on],
    /// Past the window: a change needs a supervisor's PIN and a reason.
    ScoresWindowClosed = "scores.window_closed" [closes_on],
    /// Publishing with people neither complete nor excepted.
    ScoresIncomplete = "scores.incomplete" [count, names],
    /// A template's items do not add up to 100 points.
    ScoresTemplateTotal = "scores.template_total" [template, total],
    /// A template with two items of one name, or with none.
    ScoresTemplateItems = "scores.template_items" [template],
    /// An exception for a person who is complete, or with nothing scored at all.
    ScoresExceptionNotNeeded = "scores.exception_not_needed" [employee_no],
    /// Only the assessed person confirms or appeals their own result.
    ScoresNotYours = "scores.not_yours" [],
    /// A template name another template already has.
    ScoresTemplateNameTaken = "scores.template_name_taken" [name],
    /// A computed item's formula that does not parse or evaluate: where and why.
    ScoresFormulaInvalid = "scores.formula_invalid" [item, line, column, reason],
    /// A score typed for an item the floor's records fill.
    ScoresItemComputed = "scores.item_computed" [item],
    /// An improvement plan asked for a step its state does not allow (filed twice, closed
    /// before it was filed, a follow-up after its close).
    ScoresPlanState = "scores.plan_state" [employee_no, state],
    // ---- commission and pay ----
    /// A tier table, a coefficient table or an after-sales team's settings that do not hold
    /// together.
    CommissionInvalidTable = "commission.invalid_table" [field],
    // ---- incidents and the ledger (违规与奖惩) ----
    /// A rule of the book that does not hold together (its code, names, ladder or amounts).
    IncidentsRuleInvalid = "incidents.rule_invalid" [code, field],
    /// A severity, quantity, equipment or amount the rule does not take, or lacks.
    IncidentsBadFact = "incidents.bad_fact" [rule, field],
    IncidentsUnknownRule = "incidents.unknown_rule" [code],
    /// A retired rule takes no new incidents.
    IncidentsRuleRetired = "incidents.rule_retired" [code],
    /// A rule only the product writes (the quarterly reward).
    IncidentsNotImportable = "incidents.not_importable" [code],
    /// The same instant, person and rule is already recorded.
    IncidentsDuplicate = "incidents.duplicate" [ts, employee_no, rule],
    /// A back-dated incident would change the number of confirmed offences.
    IncidentsRenumbers = "incidents.renumbers" [employee_no, rule, count],
    /// A confirmed record never changes: void it or decide an appeal instead.
    IncidentsConfirmed = "incidents.confirmed" [id],
    IncidentsVoided = "incidents.voided" [id],
    /// The rule's co-penalty always names someone (the manager of a late report).
    IncidentsCoPersonRequired = "incidents.co_person_required" [rule],
    /// A co-penalised person named on a rule that has no co-penalty.
    IncidentsCoPersonNotWanted = "incidents.co_person_not_wanted" [rule],
    /// The co-penalised person is the offender.
    IncidentsCoPersonIsOffender = "incidents.co_person_is_offender" [employee_no],
    IncidentsUnknownItem = "incidents.unknown_item" [item],
    /// Nobody of the team was rostered on a shift at the incident's instant.
    IncidentsNobodyToSplit = "incidents.nobody_to_split" [team, ts],
    /// A changed penalty, a void or an appeal's decision needs a reason.
    IncidentsReasonRequired = "incidents.reason_required" [],
    /// The month's deductions would pass the legal cap: confirm again to record anyway.
    IncidentsOverCap = "incidents.over_cap" [employee_no, month, cap, total],
    /// Only the person the record is about acknowledges or appeals it.
    IncidentsNotYours = "incidents.not_yours" [],
    IncidentsAlreadyAcknowledged = "incidents.already_acknowledged" [],
    /// Past the appeal deadline of the month's published list.
    IncidentsAppealClosed = "incidents.appeal_closed" [deadline],
    IncidentsAppealDecided = "incidents.appeal_decided" [],
    /// An appeal of a record that was not published.
    IncidentsNotPublished = "incidents.not_published" [],
    /// A rule book file that is not the JSON `rules export` writes.
    IncidentsBadRuleBook = "incidents.bad_rule_book" [file, reason],
    /// An equipment entry without a code, a name or a price.
    IncidentsEquipmentInvalid = "incidents.equipment_invalid" [field],
    // ---- complaints, meetings, reports due ----
    /// A step taken out of order (e.g. a reply before the ruling, anything once closed).
    ComplaintsWrongStep = "complaints.wrong_step" [status, step],
    /// A complaint field missing or out of range (customer, content, deadline, severity, …).
    ComplaintsInvalid = "complaints.invalid" [field],
    ComplaintsUnknownCause = "complaints.unknown_cause" [cause],
    /// A cause list entry without a code or a name, or a code taken.
    ComplaintsCauseInvalid = "complaints.cause_invalid" [field],
    /// A meeting field missing or out of range (title, time, nobody expected, …).
    MeetingsInvalid = "meetings.invalid" [field],
    /// Attendance of someone the meeting did not expect, or with a bad late time or score.
    MeetingsBadAttendance = "meetings.bad_attendance" [employee_no, field],
    /// Attendance already taken is final (its proposals are in the incidents' queue).
    MeetingsAttendanceTaken = "meetings.attendance_taken" [],
    /// A report duty field missing or out of range.
    ReportsInvalid = "reports.invalid" [field],
    ReportsAlreadySubmitted = "reports.already_submitted" [],
    /// Only the person who owes a report marks it submitted (or a supervisor).
    ReportsNotYours = "reports.not_yours" [],
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// A code with the params its message is filled with: what the UI's translation test walks.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorCodeInfo {
    pub code: ErrorCode,
    pub params: Vec<&'static str>,
}

/// Every code with its params, for the generated `ERROR_CODES` constant.
pub fn catalogue() -> Vec<ErrorCodeInfo> {
    ErrorCode::ALL
        .iter()
        .map(|&code| ErrorCodeInfo {
            code,
            params: code.params().to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_text_and_are_unique() {
        for (i, code) in ErrorCode::ALL.iter().enumerate() {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: ErrorCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *code);
            assert!(
                ErrorCode::ALL[i + 1..]
                    .iter()
                    .all(|o| o.as_str() != code.as_str()),
                "{code} twice"
            );
        }
    }

    #[test]
    fn a_code_compares_with_its_text() {
        assert_eq!(ErrorCode::AuthLocked, "auth.locked");
        assert_eq!(ErrorCode::AuthLocked.params(), &["seconds"]);
    }
}
