//! The demo's 违规与奖惩: last month's book as a team lead would have kept it (a non-work
//! ladder to its third step with the lead's co-penalty, a meeting missed, a valid complaint, a
//! false record appealed and changed, a late report with the manager's share, a headset nobody
//! owned split across the team on shift, rewards), signed or refused, published to every team,
//! and the fund with a payout; this month a few of the board's own alerts recorded, one still
//! waiting for the supervisor. Base pay by level, so statements show deductions.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use floordesk_domain::access::Role;
use floordesk_domain::floor::RuleCode;

use crate::incidents::{
    AckMode, AppealDecision, Approval, Confirmation, FundEntryKind, IncidentInput, IncidentSource,
};
use crate::time::local_at as local;
use crate::{Actor, Result, Store};

/// Monthly base pay by level, in fen (a Tier-3 city's service floor).
const BASE_PAY: [(&str, i64); 4] = [
    ("lead", 520_000),
    ("senior", 480_000),
    ("intermediate", 430_000),
    ("junior", 380_000),
];

/// One of last month's incidents: day of month, time, 工号, rule and its facts.
struct Planned {
    day: u32,
    at: (u32, u32),
    employee_no: &'static str,
    rule: &'static str,
    severity: Option<u8>,
    quantity: Option<u32>,
    item: Option<&'static str>,
    co: Option<&'static str>,
    place: &'static str,
    note: &'static str,
}

const fn planned(
    day: u32,
    at: (u32, u32),
    employee_no: &'static str,
    rule: &'static str,
    note: &'static str,
) -> Planned {
    Planned {
        day,
        at,
        employee_no,
        rule,
        severity: None,
        quantity: None,
        item: None,
        co: None,
        place: "",
        note,
    }
}

fn last_month_plan() -> Vec<Planned> {
    vec![
        Planned {
            place: "A08",
            ..planned(3, (10, 20), "1008", "non_work_activity", "上班时间刷短视频")
        },
        planned(4, (9, 40), "1010", "meeting_late", "班前会迟到 6 分钟"),
        Planned {
            quantity: Some(1),
            ..planned(
                6,
                (15, 5),
                "1026",
                "data_error_found",
                "发现退款报表金额错误并上报",
            )
        },
        Planned {
            place: "A08",
            co: Some("1001"),
            ..planned(
                9,
                (14, 45),
                "1008",
                "non_work_activity",
                "在座位上玩手机游戏，班长在场未制止",
            )
        },
        Planned {
            severity: Some(2),
            ..planned(
                11,
                (16, 30),
                "1030",
                "valid_complaint",
                "买家投诉售后回复敷衍，经核实有理",
            )
        },
        Planned {
            quantity: Some(2),
            ..planned(
                12,
                (11, 10),
                "1029",
                "record_false",
                "回访记录两条与录音不符",
            )
        },
        Planned {
            co: Some("M001"),
            ..planned(
                13,
                (12, 30),
                "1027",
                "report_late",
                "售后周报未按时发送，事先未申请",
            )
        },
        Planned {
            item: Some("mouse"),
            ..planned(16, (13, 15), "1005", "equipment_damage", "鼠标摔坏")
        },
        planned(
            17,
            (9, 35),
            "1021",
            "meeting_absent",
            "月度培训缺席，未请假",
        ),
        Planned {
            co: Some("M001"),
            ..planned(
                18,
                (17, 40),
                "1016",
                "data_inconsistent",
                "日报与系统数据不一致",
            )
        },
        planned(
            20,
            (10, 5),
            "1014",
            "adopted_suggestion",
            "提出的快捷短语整理方案被采纳",
        ),
        Planned {
            place: "A08",
            ..planned(
                23,
                (11, 25),
                "1008",
                "non_work_activity",
                "第三次上班时间做与工作无关的事",
            )
        },
        Planned {
            severity: Some(1),
            ..planned(
                24,
                (15, 50),
                "1007",
                "valid_complaint",
                "回复不及时被买家投诉，经核实有理",
            )
        },
        planned(
            25,
            (14, 0),
            "1019",
            "adopted_suggestion",
            "提出的满线话术被采纳",
        ),
    ]
}

fn month_text(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

impl Store {
    /// The demo's incidents (see the module) for `today` in the site's zone. Writes nothing
    /// when the file already has incidents; returns how many it recorded.
    pub(crate) fn load_demo_incidents(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        let existing: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(0);
        }
        let tz = self.require_site()?.tz();
        self.write(|tx| {
            for (level, fen) in BASE_PAY {
                tx.execute(
                    "UPDATE agents SET base_pay_fen = ?2 WHERE level = ?1 AND base_pay_fen IS NULL",
                    rusqlite::params![level, fen],
                )?;
            }
            Ok(())
        })?;
        let users: HashMap<String, (i64, Role)> = self
            .list_users()?
            .into_iter()
            .map(|u| (u.employee_no, (u.id, u.role)))
            .collect();
        let Some(&(supervisor, _)) = users.get("S001") else {
            return Ok(0);
        };
        let lead_of = |no: &str| users.get(no).map(|u| u.0);
        let first_this = today.with_day(1).unwrap_or(today);
        let Some(first_last) = first_this.pred_opt().and_then(|d| d.with_day(1)) else {
            return Ok(0);
        };
        let last_day = first_this.pred_opt().unwrap_or(first_last);
        let mut written = 0u32;
        let mut records: HashMap<&'static str, Vec<i64>> = HashMap::new();

        for p in last_month_plan() {
            let Some(date) = first_last.with_day(p.day) else {
                continue;
            };
            let at = local(tz, date, p.at.0, p.at.1);
            let input = IncidentInput {
                ts: at,
                employee_no: Some(p.employee_no.to_owned()),
                rule_code: p.rule.to_owned(),
                severity: p.severity,
                quantity: p.quantity,
                item_code: p.item.map(str::to_owned),
                co_employee_no: p.co.map(str::to_owned),
                place: (!p.place.is_empty()).then(|| p.place.to_owned()),
                witness: Some("王静".to_owned()).filter(|_| p.co == Some("1001")),
                note: Some(p.note.to_owned()),
                ..IncidentInput::default()
            };
            let recorded = at + Duration::minutes(25);
            let (_, record) = self.record_confirmed_incident(
                &input,
                IncidentSource::Demo,
                &Confirmation::default(),
                Actor::user(supervisor, recorded),
            )?;
            records.entry(p.employee_no).or_default().push(record);
            written += 1;
        }

        // A headset found broken on the 售后组's desks, owner unknown: split across the team on
        // shift at that moment (the first weekday morning someone was rostered).
        if let Some(team) = self.list_teams()?.into_iter().find(|t| t.name == "售后组") {
            for day in 19..=27 {
                let Some(date) = first_last.with_day(day) else {
                    continue;
                };
                let input = IncidentInput {
                    ts: local(tz, date, 11, 0),
                    team_id: Some(team.id),
                    rule_code: "equipment_damage".to_owned(),
                    item_code: Some("headset".to_owned()),
                    place: Some("售后组 C 区".to_owned()),
                    note: Some("耳机线被扯断，无法确认责任人，当班人员平均分摊".to_owned()),
                    ..IncidentInput::default()
                };
                if self.preview_incident(&input).is_err() {
                    continue;
                }
                self.record_confirmed_incident(
                    &input,
                    IncidentSource::Demo,
                    &Confirmation::default(),
                    Actor::user(supervisor, input.ts + Duration::hours(1)),
                )?;
                written += 1;
                break;
            }
        }

        // Signed by those with a login; the third non-work offence refused before the lead.
        let signed_at = local(tz, last_day, 9, 30);
        for no in ["1007", "1014", "1019", "1029"] {
            for record in records.get(no).into_iter().flatten() {
                let id = self.incident_of_record(*record)?;
                self.acknowledge_incident(
                    id,
                    &AckMode::Signed {
                        pin: crate::demo::DEMO_PIN.to_owned(),
                    },
                    Actor::system(signed_at),
                )?;
            }
        }
        if let (Some(last), Some(lead)) =
            (records.get("1008").and_then(|r| r.last()), lead_of("1001"))
        {
            let id = self.incident_of_record(*last)?;
            self.acknowledge_incident(
                id,
                &AckMode::Refused {
                    witness_user_id: lead,
                    witness_pin: crate::demo::DEMO_PIN.to_owned(),
                },
                Actor::user(lead, signed_at),
            )?;
        }

        // 公示 to every team at the month's end, an appeal within the deadline, decided.
        let month = month_text(first_last);
        let published_at = local(tz, last_day, 18, 0);
        for team in self.list_teams()? {
            self.publish_ledger(team.id, &month, Actor::user(supervisor, published_at))?;
        }
        if let (Some(record), Some(agent)) =
            (records.get("1029").and_then(|r| r.first()), lead_of("1029"))
        {
            let appeal = self.file_appeal(
                *record,
                "两条回访记录中有一条是买家更换了联系电话，录音在新号码下，可以核对。",
                Actor::user(agent, local(tz, last_day, 19, 10)),
            )?;
            self.decide_appeal(
                appeal,
                &AppealDecision::Changed {
                    lines: vec![floordesk_domain::incidents::Line {
                        action: floordesk_domain::incidents::ActionCode::Fine,
                        kind: floordesk_domain::incidents::LineKind::Penalty,
                        amount_fen: 2_000,
                        percent: None,
                    }],
                },
                "复核录音：一条属实，一条为买家换号，按一条处理",
                &Approval {
                    user_id: supervisor,
                    pin: crate::demo::DEMO_PIN.to_owned(),
                },
                Actor::user(supervisor, local(tz, last_day, 20, 30)),
            )?;
        }
        self.add_fund_entry(
            FundEntryKind::Payout,
            15_000,
            "售后组生日会蛋糕",
            Actor::user(supervisor, local(tz, last_day, 16, 0)),
        )?;

        // This month: the board's own alerts of the last days, recorded from the alert.
        written += self.demo_incidents_from_alerts(today, now, tz, supervisor, lead_of("1001"))?;
        Ok(written)
    }

    fn incident_of_record(&self, record: i64) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT incident_id FROM ledger_records WHERE id = ?1",
            [record],
            |r| r.get(0),
        )?)
    }

    /// Up to three of the floor's alerts before today become incidents: two confirmed by the
    /// supervisor, the last proposed by a lead and waiting.
    fn demo_incidents_from_alerts(
        &mut self,
        today: NaiveDate,
        now: DateTime<Utc>,
        tz: Tz,
        supervisor: i64,
        lead: Option<i64>,
    ) -> Result<u32> {
        let by_alert: HashMap<RuleCode, String> = self
            .incident_rules()?
            .into_iter()
            .filter_map(|r| Some((r.body.alert_rule?, r.body.code)))
            .collect();
        let mut alerts = Vec::new();
        for back in 1..=3 {
            let Some(day) = today.checked_sub_days(chrono::Days::new(back)) else {
                continue;
            };
            alerts.extend(self.alerts_on(day, tz, now)?);
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut written = 0;
        for stored in alerts {
            if written == 3 {
                break;
            }
            let alert = stored.alert;
            let code = alert.rule.as_str();
            let Some(rule) = by_alert.get(&alert.rule) else {
                continue;
            };
            if !seen.insert(alert.agent.clone()) {
                continue;
            }
            let input = IncidentInput {
                ts: alert.at,
                employee_no: Some(alert.agent.clone()),
                rule_code: rule.clone(),
                note: Some(alert.detail.clone()),
                alert_ref: Some(format!(
                    "{}|{code}|{}",
                    alert.agent,
                    alert.at.timestamp_millis()
                )),
                ..IncidentInput::default()
            };
            let at = (alert.at + Duration::minutes(20)).min(now);
            if self.preview_incident(&input).is_err() {
                continue;
            }
            match (written, lead) {
                (2, Some(lead)) => {
                    self.record_incident(&input, IncidentSource::Board, Actor::user(lead, at))?;
                }
                _ => {
                    self.record_confirmed_incident(
                        &input,
                        IncidentSource::Board,
                        &Confirmation::default(),
                        Actor::user(supervisor, at),
                    )?;
                }
            }
            written += 1;
        }
        Ok(written)
    }
}
