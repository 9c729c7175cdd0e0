//! The demo's complaints, meetings and reports: last month's complaints closed with their causes
//! (the two valid ones are the book's own valid_complaint records), this month's in every step
//! of the workflow (one overdue, two valid rulings waiting in 待确认), the contacts each team
//! handled; a 班前会 with a late and an absent agent (their proposals waiting) and a training
//! still to come; the reports three leads owe, one weekly report sent late (proposed for the
//! lead and the manager) and one daily report whose delay was announced beforehand.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use floordesk_domain::meetings::{Attendance, MeetingKind};
use floordesk_domain::reports::ReportKind;

use crate::complaints::{
    ClosedComplaint, ComplaintAction, ComplaintChannel, ComplaintInput, ComplaintSource,
    ContactsInput, insert_closed,
};
use crate::meetings::{AttendanceInput, MeetingInput};
use crate::reports_due::ReportDutyInput;
use crate::scores::people::person_by_employee_no;
use crate::time::local_at as local;
use crate::{Actor, Result, Store};

/// A complaint of the demo: received `hours` before now, about 工号, and how far it went.
struct Live {
    hours: i64,
    customer: &'static str,
    channel: ComplaintChannel,
    order_no: Option<&'static str>,
    content: &'static str,
    employee_no: &'static str,
    /// 0 registered … 5 closed.
    steps: usize,
    valid: bool,
    severity: Option<u8>,
    cause: &'static str,
}

const fn live(
    hours: i64,
    customer: &'static str,
    channel: ComplaintChannel,
    content: &'static str,
    employee_no: &'static str,
    steps: usize,
) -> Live {
    Live {
        hours,
        customer,
        channel,
        order_no: None,
        content,
        employee_no,
        steps,
        valid: false,
        severity: None,
        cause: "other",
    }
}

fn this_month() -> Vec<Live> {
    use ComplaintChannel::*;
    vec![
        Live {
            order_no: Some("TB3920011870"),
            ..live(
                1,
                "陈女士",
                Phone,
                "咨询尺码后下单，收到货与客服说的不一致，要求退货并投诉客服",
                "1005",
                0,
            )
        },
        // Registered in the morning and never routed: past complaint_route_hours.
        Live {
            order_no: Some("DY7710023345"),
            ..live(
                7,
                "刘先生",
                Platform,
                "抖音平台投诉：退款申请三天无人处理",
                "1027",
                0,
            )
        },
        Live {
            order_no: Some("TB3920019921"),
            ..live(
                20,
                "周女士",
                Chat,
                "客服答复“赠品已发”，实际未收到赠品",
                "1008",
                1,
            )
        },
        Live {
            order_no: Some("TB3920017702"),
            valid: true,
            severity: Some(2),
            ..live(
                30,
                "吴先生",
                Phone,
                "客服在电话中不耐烦，多次打断客户",
                "1019",
                2,
            )
        },
        Live {
            cause: "logistics",
            ..live(
                52,
                "郑女士",
                Email,
                "快递延误五天，客服未主动告知",
                "1031",
                3,
            )
        },
        Live {
            order_no: Some("TB3920012208"),
            valid: true,
            severity: Some(1),
            cause: "knowledge",
            ..live(
                74,
                "孙先生",
                Chat,
                "客服介绍的保修政策与页面不一致",
                "1014",
                4,
            )
        },
        Live {
            cause: "system",
            ..live(
                98,
                "冯女士",
                Chat,
                "下单页面优惠券无法使用，客服未能解决",
                "1004",
                5,
            )
        },
    ]
}

/// Last month's other complaints, closed as not valid: (day, hour, customer, channel, content,
/// 工号, cause).
const LAST_MONTH: &[(u32, u32, &str, ComplaintChannel, &str, &str, &str)] = &[
    (
        2,
        10,
        "何女士",
        ComplaintChannel::Phone,
        "物流信息长时间不更新",
        "1029",
        "logistics",
    ),
    (
        5,
        15,
        "马先生",
        ComplaintChannel::Platform,
        "发错颜色，客服让自行联系快递",
        "1033",
        "process",
    ),
    (
        8,
        11,
        "罗女士",
        ComplaintChannel::Chat,
        "系统重复扣款",
        "1016",
        "system",
    ),
    (
        14,
        16,
        "许先生",
        ComplaintChannel::Chat,
        "到货破损",
        "1034",
        "logistics",
    ),
    (
        17,
        9,
        "林女士",
        ComplaintChannel::Email,
        "发票开具信息错误",
        "1022",
        "process",
    ),
    (
        20,
        14,
        "黄先生",
        ComplaintChannel::Phone,
        "询问退换货规则，客服回答前后不一",
        "1010",
        "knowledge",
    ),
    (
        27,
        10,
        "蒋女士",
        ComplaintChannel::Chat,
        "快递员态度差",
        "1036",
        "other",
    ),
];

impl Store {
    /// The demo's complaints, meetings and reports (see the module) at `now`. Writes nothing when
    /// the file already has complaints; returns how many complaints it wrote.
    pub(crate) fn load_demo_workflows(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        let existing: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM complaints", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(0);
        }
        let tz = self.require_site()?.tz();
        let users: HashMap<String, i64> = self
            .list_users()?
            .into_iter()
            .map(|u| (u.employee_no, u.id))
            .collect();
        let (Some(&sup), Some(&lead_1001), Some(&lead_1013), Some(&lead_1025)) = (
            users.get("S001"),
            users.get("1001"),
            users.get("1013"),
            users.get("1025"),
        ) else {
            return Ok(0);
        };
        let written = self.demo_complaints(today, now, tz, sup)?;
        self.demo_meetings(today, now, tz, lead_1001, lead_1025)?;
        self.demo_reports(today, now, tz, sup, [lead_1001, lead_1013, lead_1025])?;
        Ok(written)
    }

    fn demo_complaints(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
        tz: Tz,
        sup: i64,
    ) -> Result<u32> {
        let first_this = today.with_day(1).unwrap_or(today);
        let first_last = first_this
            .pred_opt()
            .and_then(|d| d.with_day(1))
            .unwrap_or(first_this);
        let mut written = 0;
        // Last month: the book's two valid complaints, and the others closed as not valid.
        let booked: Vec<(i64, String, i64, Option<u8>)> = {
            let mut stmt = self.conn().prepare(
                "SELECT id, employee_no, ts, severity FROM incidents
                 WHERE rule_code = 'valid_complaint' AND status = 'confirmed' ORDER BY ts",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<std::result::Result<_, _>>()?
        };
        let people = |no: &str| person_by_employee_no(self.conn(), no);
        let mut closed = Vec::new();
        for (id, no, ts, severity) in &booked {
            closed.push((
                crate::from_ms(*ts),
                people(no)?,
                "买家（历史记录）",
                ComplaintChannel::Platform,
                "售后回复敷衍、不及时，买家在平台投诉",
                "attitude",
                true,
                *severity,
                Some(*id),
            ));
        }
        for &(day, hour, customer, channel, content, no, cause) in LAST_MONTH {
            let Some(date) = first_last.with_day(day).filter(|d| *d < first_this) else {
                continue;
            };
            closed.push((
                local(tz, date, hour, 0),
                people(no)?,
                customer,
                channel,
                content,
                cause,
                false,
                None,
                None,
            ));
        }
        self.write(|tx| {
            for (at, person, customer, channel, content, cause, valid, severity, incident) in
                &closed
            {
                insert_closed(
                    tx,
                    &ClosedComplaint {
                        received_at: *at,
                        person: person.as_ref(),
                        customer,
                        channel: *channel,
                        order_no: None,
                        content,
                        findings: Some(if *valid {
                            "调取聊天记录，属实"
                        } else {
                            "核实后非客服责任"
                        }),
                        valid: *valid,
                        severity: *severity,
                        reply: Some("已向客户说明处理结果并致歉"),
                        cause,
                        incident: *incident,
                    },
                    ComplaintSource::Demo,
                    *at + Duration::days(2),
                )?;
            }
            Ok(())
        })?;
        written += closed.len() as u32;

        // This month: one in every step.
        for c in this_month() {
            let received = now - Duration::hours(c.hours);
            let by = |h: i64| Actor::user(sup, (received + Duration::hours(h)).min(now));
            let mut steps: Vec<(ComplaintAction, Actor)> = vec![
                (
                    ComplaintAction::Route {
                        employee_no: Some(c.employee_no.into()),
                        team_id: None,
                        deadline_at: Some(received + Duration::hours(48)),
                    },
                    by(1),
                ),
                (
                    ComplaintAction::Rule {
                        findings: if c.valid {
                            "调取录音与聊天记录，情况属实".into()
                        } else {
                            "核实后非客服服务问题".into()
                        },
                        valid: c.valid,
                        severity: c.severity,
                        employee_no: None,
                    },
                    by(5),
                ),
                (
                    ComplaintAction::Reply {
                        text: "已致电客户说明处理方案，客户接受".into(),
                    },
                    by(8),
                ),
                (
                    ComplaintAction::Visit {
                        note: "回访客户，问题已解决".into(),
                        satisfied: true,
                    },
                    by(30),
                ),
                (
                    ComplaintAction::Close {
                        cause: c.cause.into(),
                        note: None,
                    },
                    by(31),
                ),
            ];
            steps.truncate(c.steps);
            self.complaint_with_steps(
                &ComplaintInput {
                    received_at: received,
                    customer: c.customer.into(),
                    channel: c.channel,
                    order_no: c.order_no.map(str::to_owned),
                    content: c.content.into(),
                },
                &steps,
                ComplaintSource::Demo,
                Actor::user(sup, received + Duration::minutes(10)),
            )?;
            written += 1;
        }

        // Contacts handled, for the complaint rate.
        let teams = self.list_teams()?;
        for (month, scale) in [
            (first_last, 100u64),
            (first_this, u64::from(today.day()) * 100 / 30),
        ] {
            for (i, team) in teams.iter().enumerate() {
                self.set_complaint_contacts(
                    &ContactsInput {
                        month: month.format("%Y-%m").to_string(),
                        team_id: team.id,
                        contacts: [4200u64, 3900, 2600].get(i).copied().unwrap_or(2000)
                            * scale.max(3)
                            / 100,
                    },
                    Actor::user(sup, now),
                )?;
            }
        }
        Ok(written)
    }

    fn demo_meetings(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
        tz: Tz,
        lead_1001: i64,
        lead_1025: i64,
    ) -> Result<()> {
        let teams = self.list_teams()?;
        let team = |name: &str| teams.iter().find(|t| t.name == name).map(|t| t.id);
        let (Some(presale), Some(aftersale)) = (team("售前一组"), team("售后组")) else {
            return Ok(());
        };
        let held = today.checked_sub_days(Days::new(2)).unwrap_or(today);
        let starts = local(tz, held, 17, 30);
        let meeting = self.schedule_meeting(
            &MeetingInput {
                kind: MeetingKind::Meeting,
                title: "售前一组服务质量例会".into(),
                starts_at: starts,
                minutes: 45,
                place: Some("二楼会议室".into()),
                note: Some("通报本周投诉与抽查结果，讲解新品话术".into()),
                has_test: false,
                team_ids: vec![presale],
                employee_nos: vec![],
            },
            Actor::user(lead_1001, starts - Duration::days(2)),
        )?;
        let attendees = self.meeting(meeting)?.attendees;
        let taken: Vec<AttendanceInput> = attendees
            .iter()
            .map(|a| {
                let (attendance, late_min) = match a.employee_no.as_str() {
                    "1008" => (Attendance::Late, Some(7)),
                    "1010" => (Attendance::Absent, None),
                    "1006" => (Attendance::Excused, None),
                    _ => (Attendance::Present, None),
                };
                AttendanceInput {
                    employee_no: a.employee_no.clone(),
                    attendance,
                    late_min,
                    test_score: None,
                }
            })
            .collect();
        self.take_attendance(
            meeting,
            &taken,
            Actor::user(lead_1001, starts + Duration::minutes(50)),
        )?;
        let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
        self.schedule_meeting(
            &MeetingInput {
                kind: MeetingKind::Training,
                title: "退换货新规培训".into(),
                starts_at: local(tz, tomorrow, 16, 30),
                minutes: 60,
                place: Some("培训室".into()),
                note: Some("培训后笔试，成绩计入当月考核".into()),
                has_test: true,
                team_ids: vec![aftersale],
                employee_nos: vec![],
            },
            Actor::user(lead_1025, now),
        )?;
        Ok(())
    }

    fn demo_reports(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
        tz: Tz,
        sup: i64,
        leads: [i64; 3],
    ) -> Result<()> {
        let [lead_1001, lead_1013, lead_1025] = leads;
        let setup = Actor::user(sup, now - Duration::days(40));
        let week = ReportKind::Weekly.period_of(today);
        let first_this = ReportKind::Monthly.period_of(today);
        let first_last = first_this
            .pred_opt()
            .map_or(first_this, |d| ReportKind::Monthly.period_of(d));
        let duty = |store: &mut Store, title: &str, kind, no: &str, from: NaiveDate| {
            store.add_report_duty(
                &ReportDutyInput {
                    title: title.into(),
                    kind,
                    employee_no: no.into(),
                    manager_employee_no: Some("M001".into()),
                    starts_on: from,
                },
                setup,
            )
        };
        let daily_from = today.checked_sub_days(Days::new(6)).unwrap_or(today);
        let daily = duty(self, "售前一组日报", ReportKind::Daily, "1001", daily_from)?;
        let weekly = duty(
            self,
            "售前二组周报",
            ReportKind::Weekly,
            "1013",
            week - Days::new(14),
        )?;
        let monthly = duty(self, "售后组月报", ReportKind::Monthly, "1025", first_last)?;
        let due_of =
            |store: &Store, duty: i64, period: NaiveDate| -> Result<Option<DateTime<Utc>>> {
                Ok(store
                    .reports_due(period, period, now)?
                    .into_iter()
                    .find(|r| r.duty.id == duty)
                    .map(|r| r.due_at))
            };
        // Daily: sent by 10:30 the next morning; one delay announced at 09:00 and sent at 15:00.
        let announced_day = today.checked_sub_days(Days::new(3)).unwrap_or(today);
        for back in 2..=6 {
            let Some(day) = today.checked_sub_days(Days::new(back)) else {
                continue;
            };
            let next = day + Days::new(1);
            if day == announced_day {
                self.announce_report_delay(
                    daily,
                    day,
                    "ERP 报表导出故障，已报 IT 处理",
                    Actor::user(lead_1001, local(tz, next, 9, 0)),
                )?;
                self.submit_report(
                    daily,
                    day,
                    None,
                    Actor::user(lead_1001, local(tz, next, 15, 0)),
                )?;
            } else {
                self.submit_report(
                    daily,
                    day,
                    None,
                    Actor::user(lead_1001, local(tz, next, 10, 30)),
                )?;
            }
        }
        // Weekly: the week before last sent a day late, unannounced: proposed for 1013 and M001.
        let late_week = week - Days::new(14);
        if let Some(sent) = due_of(self, weekly, late_week)?.map(|d| d + Duration::hours(9))
            && sent < now
        {
            self.submit_report(weekly, late_week, None, Actor::user(lead_1013, sent))?;
        }
        let last_week = week - Days::new(7);
        if let Some(on_time) = due_of(self, weekly, last_week)?.map(|d| d - Duration::hours(8))
            && on_time < now
        {
            self.submit_report(weekly, last_week, None, Actor::user(lead_1013, on_time))?;
        }
        // Monthly: last month's sent on the 3rd when that has passed.
        let sent = local(tz, first_this + Days::new(2), 16, 0);
        if sent < now {
            self.submit_report(monthly, first_last, None, Actor::user(lead_1025, sent))?;
        }
        Ok(())
    }
}
