//! The rule book a new site starts with, from the seeds' words, and the equipment price list
//! (seed 003 names the equipment without prices: those are the product's defaults). Every
//! amount is a default a supervisor edits.

use super::rule::{Action, Amount, Category, CoParty, CoPenalty, Period, RuleBody};
use crate::floor::RuleCode;

fn yuan(y: i64) -> i64 {
    y * 100
}

fn fine(y: i64) -> Action {
    Action::Fine {
        amount: Amount::Fixed { fen: yuan(y) },
    }
}

fn rule(
    code: &str,
    name_zh: &str,
    name_en: &str,
    category: Category,
    ladder: Vec<Vec<Action>>,
    source: &str,
) -> RuleBody {
    RuleBody {
        code: code.into(),
        name_zh: name_zh.into(),
        name_en: name_en.into(),
        category,
        period: Period::Month,
        ladder,
        co_penalties: Vec::new(),
        alert_rule: None,
        source: source.into(),
        importable: true,
    }
}

/// Verbal warning, then a written one: the seeds give no amounts for most floor rules.
fn warnings() -> Vec<Vec<Action>> {
    vec![vec![Action::VerbalWarning], vec![Action::WrittenWarning]]
}

const FLOOR: &[(&str, &str, &str, &str)] = &[
    (
        "badge_not_worn",
        "未佩戴工号牌",
        "Badge not worn",
        "进入办公区域必须佩戴工号牌",
    ),
    (
        "phone_not_silent",
        "手机未静音或放在台面",
        "Phone not silent or on the desk",
        "进入办公区域手机必须调为静音或关机",
    ),
    (
        "loud_or_uncivil",
        "大声喧哗或不文明用语",
        "Loud talk or uncivil words",
        "禁止大声喧哗、出现不文明用语",
    ),
    (
        "roll_call_late",
        "点名迟到",
        "Late for roll call",
        "进班点名时间请提前十分钟到达并列队等待交接班长点名",
    ),
    (
        "seat_or_equipment_moved",
        "私自选座换座或挪动设备",
        "Chose or swapped a seat, moved equipment",
        "进班座位不得私自进行选择……不得私自更换台席设备",
    ),
    (
        "seat_untidy",
        "离席未整理台席",
        "Seat left untidy",
        "离席时需将凳子推至台席下摆放好,并注意桌面整洁",
    ),
    (
        "wandering",
        "随意站立走动或跨位聊天",
        "Standing, wandering or chatting across seats",
        "上班期间不可随意站立,禁止跨位聊天",
    ),
    (
        "eating_or_smoking",
        "现场吸烟或吃东西",
        "Eating or smoking on the floor",
        "机房办公区域内禁止吸烟,吃东西",
    ),
    (
        "unauthorised_visitor",
        "带无关人员进入现场",
        "Unauthorised visitor on the floor",
        "非工作人员未经许可不得进入现场",
    ),
    (
        "private_call",
        "工作电话私用",
        "Private call on a work phone",
        "不得用工作电话拨打私人电话",
    ),
    (
        "system_abuse",
        "滥用话务系统或他人工号",
        "Abused the phone system or another's login",
        "不得使用他人工号登录系统",
    ),
    (
        "rude_record_note",
        "客户记录中不当备注",
        "Rude note in a customer record",
        "客户资料中不得出现不当备注",
    ),
    (
        "data_transfer",
        "私自上传下载公司数据",
        "Uploaded or downloaded company data",
        "未经允许不得私自在电脑上使用U盘",
    ),
    (
        "asset_removed",
        "私自带走公司财物",
        "Took company assets out",
        "严禁随意移动位置",
    ),
];

/// Every rule a new site starts with.
pub fn seeded_rules() -> Vec<RuleBody> {
    use Category::*;
    let mut rules: Vec<RuleBody> = FLOOR
        .iter()
        .map(|(code, zh, en, source)| rule(code, zh, en, FloorDiscipline, warnings(), source))
        .collect();

    let mut non_work = rule(
        "non_work_activity",
        "上班做与工作无关的事",
        "Non-work activity at work",
        FloorDiscipline,
        vec![
            vec![Action::VerbalWarning, fine(10)],
            vec![fine(30)],
            vec![Action::DismissalProposal],
        ],
        "发现第一次违规罚款口头警告并处罚10元,第二次30元,第三次开除.领导发现未做出处理及时制止受相应处罚",
    );
    non_work.co_penalties.push(CoPenalty {
        party: CoParty::Lead,
        always: false,
        actions: Vec::new(),
    });
    rules.push(non_work);

    for alert in RuleCode::ALL {
        let mut r = rule(
            alert.as_str(),
            alert.label_zh(),
            alert_label_en(alert),
            Attendance,
            warnings(),
            "现场告警规则（见规则手册第1章）",
        );
        r.alert_rule = Some(alert);
        rules.push(r);
    }

    rules.push(rule(
        "meeting_late",
        "会议培训迟到",
        "Late for a meeting or training",
        MeetingsTraining,
        vec![vec![fine(20)]],
        "不得借故推脫或遲到,遲到一次罰款 20 元",
    ));
    rules.push(rule(
        "meeting_absent",
        "会议培训缺席",
        "Absent from a meeting or training",
        MeetingsTraining,
        vec![vec![fine(100), Action::WrittenWarning]],
        "缺席處以 100 元/次的罰款並給予書面警告",
    ));
    rules.push(rule(
        "valid_complaint",
        "有理投诉",
        "Valid customer complaint",
        CustomerComplaints,
        vec![vec![
            Action::Fine {
                amount: Amount::BySeverity {
                    fen: [20, 40, 60, 80, 100].map(yuan).into(),
                },
            },
            Action::SelfReview,
        ]],
        "投訴根據情節嚴重性扣款 20-100 元/次,並寫書面檢查一份繳部門主管評定",
    ));
    rules.push(rule(
        "record_false",
        "虚假或漏报记录",
        "False or missing record",
        DataAccuracy,
        vec![vec![Action::Fine {
            amount: Amount::PerUnit { fen: yuan(20) },
        }]],
        "如发现虚报、漏报则责任人进行20元/个的处罚",
    ));
    let mut inconsistent = rule(
        "data_inconsistent",
        "数据与报表不符",
        "Data inconsistent with the report",
        DataAccuracy,
        vec![vec![fine(10)]],
        "录音内容与提供给集团客服的数据报表不符者,责任人罚款10元/次,客服经理罚款20元/次",
    );
    inconsistent.co_penalties.push(CoPenalty {
        party: CoParty::Manager,
        always: true,
        actions: vec![fine(20)],
    });
    rules.push(inconsistent);
    let mut report_late = rule(
        "report_late",
        "报表未按时发送",
        "Report sent late",
        DataAccuracy,
        vec![vec![fine(50)]],
        "如无提前申请并不能准时发送者,均以无发送为准,给予责任人罚款50元/次,客服经理外罚80元/次",
    );
    report_late.co_penalties.push(CoPenalty {
        party: CoParty::Manager,
        always: true,
        actions: vec![fine(80)],
    });
    rules.push(report_late);
    let mut unreported = rule(
        "major_complaint_unreported",
        "重大投诉未上报",
        "Major complaint not reported",
        CustomerComplaints,
        vec![vec![Action::PayPercent { percent: 10 }]],
        "客户重要投诉而店客服未上报集团客服部……对客服部门集体处罚当月工资总收入的10%",
    );
    unreported.co_penalties.push(CoPenalty {
        party: CoParty::ShiftTeam,
        always: true,
        actions: vec![Action::PayPercent { percent: 10 }],
    });
    rules.push(unreported);
    rules.push(rule(
        "rest_not_arranged",
        "休息未与经理沟通安排",
        "Rested without arranging it with the manager",
        Attendance,
        vec![vec![fine(50)]],
        "如发现销售前台人员有休息无提前跟客服经理沟通,销售前台人员则处罚50元/次",
    ));
    rules.push(rule(
        "no_cover_assigned",
        "经理未安排顶岗",
        "Manager told, assigned no cover",
        Attendance,
        vec![vec![fine(50)]],
        "已跟客服经理沟通,但客服经理未安排其他人员值班,客服经理则处罚50元/次",
    ));
    rules.push(rule(
        "equipment_damage",
        "设备损坏或遗失",
        "Equipment damaged or lost",
        Equipment,
        vec![vec![Action::Compensation]],
        "损坏和遗失的鼠标、耳机等固定设备,需照价赔偿,详情请查阅附件价格赔偿表",
    ));
    rules.push(rule(
        "adopted_suggestion",
        "建议被采纳",
        "Suggestion adopted",
        Rewards,
        vec![vec![Action::Reward {
            amount: Amount::Fixed { fen: yuan(30) },
        }]],
        "每提供一项好的建议被采纳奖励30元",
    ));
    rules.push(rule(
        "data_error_found",
        "发现宝贝数据错误",
        "Product-data error found",
        Rewards,
        vec![vec![Action::Reward {
            amount: Amount::PerUnit { fen: yuan(10) },
        }]],
        "每发现一个宝贝数据类的错误奖励10元",
    ));
    let mut quarter = rule(
        "quarter_reward",
        "季度考核前三名奖励",
        "Quarterly top-three reward",
        Rewards,
        vec![vec![Action::Reward {
            amount: Amount::Stated,
        }]],
        "季度考核前三名分别奖励300元、200元、100元",
    );
    quarter.importable = false;
    quarter.period = Period::Ever;
    rules.push(quarter);
    rules
}

fn alert_label_en(rule: RuleCode) -> &'static str {
    match rule {
        RuleCode::LateSignIn => "Not signed in and ready on time",
        RuleCode::Absent => "Absent",
        RuleCode::EarlyLeave => "Left early",
        RuleCode::BreakOverrun => "Small break too long",
        RuleCode::BreakTotalExceeded => "Small breaks over the shift's total",
        RuleCode::MealOverrun => "Meal too long",
        RuleCode::BreakDuringLineFull => "Small break while the line is full",
    }
}

/// The equipment price list a new site starts with (code, 名称, name, price in fen).
pub const SEEDED_EQUIPMENT: &[(&str, &str, &str, i64)] = &[
    ("mouse", "鼠标", "Mouse", 5_000),
    ("headset", "耳机", "Headset", 12_800),
    ("keyboard", "键盘", "Keyboard", 8_000),
    ("badge", "工号牌", "Badge", 2_000),
    ("monitor", "显示器", "Monitor", 80_000),
    ("phone", "话机", "Desk phone", 30_000),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_book_holds_every_named_code_and_every_alert_rule() {
        let rules = seeded_rules();
        let codes: Vec<&str> = rules.iter().map(|r| r.code.as_str()).collect();
        for code in [
            "non_work_activity",
            "meeting_late",
            "meeting_absent",
            "valid_complaint",
            "record_false",
            "data_inconsistent",
            "report_late",
            "rest_not_arranged",
            "no_cover_assigned",
            "equipment_damage",
            "adopted_suggestion",
            "data_error_found",
            "quarter_reward",
            "badge_not_worn",
            "phone_not_silent",
            "eating_or_smoking",
        ] {
            assert!(codes.contains(&code), "{code}");
        }
        for alert in RuleCode::ALL {
            assert!(
                rules.iter().any(|r| r.alert_rule == Some(alert)),
                "{alert:?}"
            );
        }
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        for r in &rules {
            r.check().unwrap_or_else(|e| panic!("{}: {e}", r.code));
        }
        assert!(
            !rules
                .iter()
                .find(|r| r.code == "quarter_reward")
                .unwrap()
                .importable
        );
    }
}
