//! Fairness (the spread of night, weekend and holiday shifts in a team) and seed 004's leave
//! flags: counted as a lead would count them by hand.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use floordesk_domain::calendar::HolidayKind;
use floordesk_domain::roster::{
    Cell, LeaveFlagKind, LeaveRecord, Spread, TeamMember, leave_flags, seeded_templates,
    team_fairness,
};

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, day).unwrap()
}

fn cells(list: &[(u32, &str)]) -> BTreeMap<NaiveDate, Cell> {
    let templates = seeded_templates();
    list.iter()
        .map(|(day, text)| (d(*day), Cell::parse(text, &templates).unwrap()))
        .collect()
}

#[test]
fn each_team_shows_the_fewest_and_most_unsocial_shifts() {
    // October 2026: 1–7 National Day holidays; Sat 10-10 a 调休 working day; 3, 4 weekends.
    let mut calendar = HashMap::new();
    for day in 1..=7 {
        calendar.insert(d(day), HolidayKind::Holiday);
    }
    calendar.insert(d(10), HolidayKind::Workday);
    // A: N on a holiday weekend day (night, weekend, holiday), O on the 10th (a worked
    // Saturday: night only), D on Sunday 11 (weekend). B: D on the 12th (Monday) and rests.
    // C (another team): nothing unsocial.
    let a = cells(&[(3, "N"), (10, "O"), (11, "D"), (12, "休")]);
    let b = cells(&[(12, "D"), (13, "休"), (17, "R")]);
    let c = cells(&[(14, "M")]);
    let spans = cells(&[(18, "22:00-02:00")]);
    let members = [
        TeamMember {
            team_id: 1,
            employee_no: "A",
            cells: &a,
        },
        TeamMember {
            team_id: 1,
            employee_no: "B",
            cells: &b,
        },
        TeamMember {
            team_id: 2,
            employee_no: "C",
            cells: &c,
        },
        TeamMember {
            team_id: 1,
            employee_no: "S",
            cells: &spans,
        },
    ];
    let teams = team_fairness(&members, &seeded_templates(), &calendar);
    assert_eq!(
        teams
            .iter()
            .map(|t| (t.team_id, t.agents))
            .collect::<Vec<_>>(),
        [(1, 3), (2, 1)]
    );
    let one = &teams[0];
    let share = |no: &str| one.shares.iter().find(|s| s.employee_no == no).unwrap();
    assert_eq!(
        (
            share("A").nights,
            share("A").weekend_shifts,
            share("A").holiday_shifts
        ),
        (2, 2, 1)
    );
    assert_eq!(
        (
            share("B").nights,
            share("B").weekend_shifts,
            share("B").holiday_shifts
        ),
        (0, 0, 0)
    );
    // Ad-hoc spans are no template, so never a night; Sunday 18 is a weekend shift.
    assert_eq!((share("S").nights, share("S").weekend_shifts), (0, 1));
    assert_eq!(one.nights, Spread { min: 0, max: 2 });
    assert_eq!(one.weekend_shifts, Spread { min: 0, max: 2 });
    assert_eq!(one.holiday_shifts, Spread { min: 0, max: 1 });
    assert_eq!(teams[1].nights, Spread { min: 0, max: 0 });
}

fn leave(id: i64, no: &str, from: u32, to: u32, asked: u32) -> LeaveRecord {
    LeaveRecord {
        id,
        employee_no: no.into(),
        from: d(from),
        to: d(to),
        requested_on: d(asked),
        approved: true,
        rejected: false,
        cover: Some("1009".into()),
        decided_by: Some("江涛".into()),
    }
}

#[test]
fn rest_without_telling_and_leave_without_cover_are_flagged() {
    let told = leave(1, "1001", 20, 21, 15);
    let same_day = leave(2, "1002", 20, 20, 20);
    let mut no_cover = leave(3, "1003", 22, 22, 15);
    no_cover.cover = Some("  ".into());
    let mut rejected = leave(4, "1004", 20, 20, 25);
    rejected.approved = false;
    rejected.rejected = true;
    let mut pending_late = leave(5, "1005", 20, 20, 21);
    pending_late.approved = false;
    let missed = [
        ("1001".to_owned(), d(21)), // inside approved leave: not flagged
        ("1006".to_owned(), d(19)),
    ];
    let flags = leave_flags(&[told, same_day, no_cover, rejected, pending_late], &missed);
    let got: Vec<_> = flags
        .iter()
        .map(|f| {
            (
                f.date.format("%d").to_string(),
                f.employee_no.as_str(),
                f.flag,
                f.leave_id,
                f.manager.as_deref(),
            )
        })
        .collect();
    use LeaveFlagKind::*;
    assert_eq!(
        got,
        [
            ("19".into(), "1006", RestNotArranged, None, None),
            ("20".into(), "1002", RestNotArranged, Some(2), None),
            ("20".into(), "1005", RestNotArranged, Some(5), None),
            ("22".into(), "1003", NoCoverAssigned, Some(3), Some("江涛")),
        ]
    );
    assert_eq!(RestNotArranged.as_str(), "rest_not_arranged");
    assert_eq!(NoCoverAssigned.as_str(), "no_cover_assigned");
}
