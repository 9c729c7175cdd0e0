//! The month's commission from a real chat log and orders: seed 003's reception rules end to
//! end, the tier and the published grade's coefficient, seed 000's after-sales bonus, every
//! attribution explained, and the pay sheet against the ledger.

use floordesk_domain::commission::{AttributionRule, Direction, Sender, Target};
use floordesk_domain::scores::Grade;
use floordesk_store::commission::settings::{Scheme, TeamSchemeInput};
use rust_decimal::Decimal;

use crate::common::{actor, write};
use crate::incidents::{Floor, floor, floor_from, offence};
use crate::scores_common::{in_window, november, score_floor};

const CHATS: &str = "时间,买家,工号,发送方
2026-11-05 10:00:00,阿明,2002,buyer
2026-11-05 10:00:30,阿明,2002,agent
2026-11-05 10:01:00,阿明,2002,buyer
2026-11-05 10:01:20,阿明,2002,agent
2026-11-05 11:00:00,小白,2003,buyer
2026-11-05 11:00:20,小白,2003,agent
2026-11-06 15:00:00,小红,2003,buyer
2026-11-06 15:00:40,小红,2003,agent
2026-11-06 15:01:00,小红,2003,buyer
2026-11-07 12:00:00,老张,2004,agent
2026-11-07 12:00:30,老张,2004,buyer
2026-11-07 12:00:50,老张,2004,agent
2026-11-07 12:01:10,老张,2004,buyer
2026-11-08 09:00:00,售后甲,2008,buyer
2026-11-08 09:00:10,售后甲,2008,agent
2026-11-08 09:00:40,售后甲,2008,buyer
";

const ORDERS: &str = "订单号,买家,付款时间,金额
A1,阿明,2026-11-05 10:30:00,60000.00
B1,小白,2026-11-05 11:30:00,88.00
C1,小红,2026-11-06 09:00:00,12345.67
D1,老张,2026-11-07 09:00:00,199.00
E1,售后甲,2026-11-08 08:00:00,10000
";

/// The floor with November's chats and orders imported and November's grades published: 2002
/// excellent, everyone else good.
fn month(dir: &std::path::Path) -> Floor {
    let mut rated = score_floor(dir);
    rated.rate_everyone_in(november(), |no| if no == "2002" { 95 } else { 85 });
    let mut f = floor_from(rated, dir);
    f.store
        .publish_scores(november(), f.sup(in_window()))
        .unwrap();
    f.store
        .import_chats(&write(dir, "chats.csv", CHATS), actor())
        .unwrap();
    f.store
        .import_orders(&write(dir, "orders.csv", ORDERS), actor())
        .unwrap();
    f
}

#[test]
fn the_month_follows_seed_003_from_the_chat_log_to_the_commission() {
    let dir = tempfile::tempdir().unwrap();
    let f = month(dir.path());
    let m = f.store.commission_month("2026-11").unwrap();
    assert!(m.grades_published);
    let row = |no: &str| m.rows.iter().find(|r| r.employee_no == no).unwrap();
    let nos: Vec<&str> = m.rows.iter().map(|r| r.employee_no.as_str()).collect();
    assert_eq!(nos, ["2002", "2003", "2004", "2008"]);

    // 60,000 yuan consulted before paying: the 0.8 % tier (from 50,000), excellent × 1.2.
    let a = row("2002");
    assert_eq!((a.receptions, a.valid_receptions, a.orders), (1, 1, 1));
    assert_eq!(a.sales_fen, 6_000_000);
    assert_eq!(a.tier.as_ref().unwrap().rate_pct, Decimal::new(8, 1));
    assert_eq!(a.grade, Some(Grade::Excellent));
    assert_eq!(a.coefficient, Some(Decimal::new(12, 1)));
    assert_eq!(a.commission_fen, 57_600);

    // Two messages are no reception; the buyer who paid and then asked makes C1 2003's:
    // 12,345.67 yuan × 0.5 % × 1.0 = 61.728… → 61.73 yuan.
    let b = row("2003");
    assert_eq!((b.receptions, b.valid_receptions, b.orders), (2, 1, 1));
    assert_eq!(b.sales_fen, 1_234_567);
    assert_eq!(b.commission_fen, 6_173);

    // The agent who contacted the buyer after the payment has a reception, not a valid one.
    let c = row("2004");
    assert_eq!((c.receptions, c.valid_receptions, c.sales_fen), (1, 0, 0));
    assert_eq!(c.commission_fen, 0);

    assert_eq!((m.orders, m.unattributed_orders), (5, 2));
    assert_eq!(m.unattributed_fen, 8_800 + 19_900);
}

#[test]
fn every_attribution_and_every_order_nobody_got_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let f = month(dir.path());
    let d = f.store.commission_detail("2003", "2026-11").unwrap();
    assert_eq!(d.attribution_days, 1);
    assert_eq!(d.receptions.len(), 2);
    assert_eq!(
        d.receptions[0].invalid_reason.as_deref(),
        Some("too_few_messages")
    );
    assert_eq!(d.orders.len(), 1);
    let why = d.orders[0].attribution.as_ref().unwrap();
    assert_eq!(why.rule, AttributionRule::BuyerAfter);
    assert_eq!(why.reception.buyer, "小红");
    assert_eq!(why.minutes_apart, 6 * 60);
    assert_eq!(d.receptions[1].orders, ["C1"]);

    let nobody = f.store.commission_orders("2026-11", true).unwrap();
    let nos: Vec<&str> = nobody.iter().map(|o| o.order_no.as_str()).collect();
    assert_eq!(nos, ["B1", "D1"]);
    assert_eq!(
        nobody[0].nearby[0].invalid_reason.as_deref(),
        Some("too_few_messages")
    );
    let chased = &nobody[1].nearby[0];
    assert_eq!(chased.initiator, Sender::Agent);
    assert_eq!(
        chased.invalid_reason.as_deref(),
        Some("agent_after_payment")
    );
    assert_eq!(chased.after_order_no.as_deref(), Some("D1"));

    let all = f.store.commission_orders("2026-11", false).unwrap();
    let a1 = all.iter().find(|o| o.order_no == "A1").unwrap();
    let why = a1.attribution.as_ref().unwrap();
    assert_eq!(why.rule, AttributionRule::ConsultedBefore);
    assert_eq!(
        (why.reception.employee_no.as_str(), why.minutes_apart),
        ("2002", 28)
    );
}

#[test]
fn a_rule_change_rebuilds_the_receptions() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = month(dir.path());
    // Two messages now make a valid reception: 小白's becomes valid and B1 is 2003's.
    f.store
        .set_policy("valid_reception_min_messages", 2, actor())
        .unwrap();
    let m = f.store.commission_month("2026-11").unwrap();
    let b = m.rows.iter().find(|r| r.employee_no == "2003").unwrap();
    assert_eq!(
        (b.valid_receptions, b.orders, b.sales_fen),
        (2, 2, 1_234_567 + 8_800)
    );
    assert_eq!(m.unattributed_orders, 1);
}

#[test]
fn daily_totals_stand_for_their_dates_and_a_tier_boundary_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = month(dir.path());
    // 2002's 11-05 is replaced by the tool's total: 49,999.99 yuan falls in the 0.5 % tier.
    let totals = "工号,日期,接待人数,有效接待,销售额\n2002,2026-11-05,9,7,49999.99\n";
    f.store
        .import_sales(&write(dir.path(), "sales.csv", totals), actor())
        .unwrap();
    let m = f.store.commission_month("2026-11").unwrap();
    let a = m.rows.iter().find(|r| r.employee_no == "2002").unwrap();
    assert_eq!(
        (a.receptions, a.valid_receptions, a.daily_total_days),
        (9, 7, 1)
    );
    assert_eq!(a.sales_fen, 4_999_999);
    assert_eq!(a.tier.as_ref().unwrap().from_fen, 0);
    // 4,999,999 × 0.5 % × 1.2 = 29,999.994 fen → 30,000.
    assert_eq!(a.commission_fen, 30_000);
    // A fen more reaches the 0.8 % tier: 5,000,000 × 0.8 % × 1.2 = 48,000.
    let totals =
        "employee_no,date,receptions,valid_receptions,sales\n2002,2026-11-05,9,7,50000.00\n";
    f.store
        .import_sales(&write(dir.path(), "sales2.csv", totals), actor())
        .unwrap();
    let m = f.store.commission_month("2026-11").unwrap();
    let a = m.rows.iter().find(|r| r.employee_no == "2002").unwrap();
    assert_eq!(a.commission_fen, 48_000);
}

fn target(key: &str, direction: Direction, value: i64) -> Target {
    Target {
        key: key.into(),
        label_zh: key.into(),
        unit: String::new(),
        direction,
        target: Decimal::from(value),
        actual: None,
    }
}

#[test]
fn an_after_sales_team_loses_its_whole_bonus_to_one_missed_target() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = month(dir.path());
    let team = f.aftersale;
    f.store
        .put_team_scheme(
            &TeamSchemeInput {
                team_id: team,
                scheme: Scheme::AfterSales,
                after_sales_rate_pct: Decimal::new(3, 1),
                target_bonus_fen: 50_000,
                targets: vec![
                    target("refund_rate", Direction::AtMost, 5),
                    target("dsr", Direction::AtLeast, 4),
                ],
            },
            actor(),
        )
        .unwrap();
    let commission = |f: &Floor| {
        let m = f.store.commission_month("2026-11").unwrap();
        let r = m
            .rows
            .into_iter()
            .find(|r| r.employee_no == "2008")
            .unwrap();
        assert_eq!(r.scheme, Scheme::AfterSales);
        assert_eq!(r.coefficient, None);
        r
    };
    // 10,000 yuan × 0.3 % = 30 yuan; no figures yet, so no bonus.
    let r = commission(&f);
    assert_eq!(r.commission_fen, 3_000);
    assert_eq!(r.after_sales.unwrap().unknown, ["refund_rate", "dsr"]);
    f.store
        .put_after_sales_actual(
            team,
            "2026-11",
            "refund_rate",
            Some(Decimal::from(5)),
            actor(),
        )
        .unwrap();
    f.store
        .put_after_sales_actual(team, "2026-11", "dsr", Some(Decimal::new(48, 1)), actor())
        .unwrap();
    assert_eq!(commission(&f).commission_fen, 3_000 + 50_000);
    f.store
        .put_after_sales_actual(
            team,
            "2026-11",
            "refund_rate",
            Some(Decimal::new(51, 1)),
            actor(),
        )
        .unwrap();
    let r = commission(&f);
    assert_eq!(r.commission_fen, 3_000);
    assert_eq!(r.after_sales.unwrap().missed, ["refund_rate"]);
}

#[test]
fn the_pay_sheet_adds_base_commission_and_rewards_and_takes_the_ledgers_deductions() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = month(dir.path());
    f.raw()
        .execute(
            "UPDATE agents SET base_pay_fen = 300000 WHERE employee_no IN ('2002', '2004')",
            [],
        )
        .unwrap();
    // 2002: a 100 yuan fine (meeting absent) and a 30 yuan reward (adopted suggestion).
    f.confirm(&offence("2002", "meeting_absent", "2026-11-05 09:00"));
    f.confirm(&offence("2002", "adopted_suggestion", "2026-11-06 09:00"));
    let ledger = f.store.ledger_statement("2002", "2026-11", true).unwrap();

    let sheet = f.store.pay_sheet("2026-11").unwrap();
    let a = sheet.rows.iter().find(|r| r.employee_no == "2002").unwrap();
    assert_eq!(a.line.base_fen, 300_000);
    assert_eq!(a.line.commission_fen, 57_600);
    assert_eq!(a.line.rewards_fen, ledger.rewards_fen);
    assert_eq!(
        a.line.deductions_fen,
        ledger.penalties_fen + ledger.compensation_fen
    );
    assert_eq!(
        a.line.net_fen,
        300_000 + 57_600 + ledger.rewards_fen - ledger.penalties_fen - ledger.compensation_fen
    );
    assert!(!a.line.over_cap);
    // Everyone employed is on the sheet, with or without sales; a missing base pay is flagged.
    assert!(
        sheet
            .rows
            .iter()
            .any(|r| r.employee_no == "2005" && !r.base_pay_set)
    );
    let total: i64 = sheet.rows.iter().map(|r| r.line.net_fen).sum();
    assert_eq!(sheet.net_fen, total);

    let slip = f.store.pay_slip("2002", "2026-11").unwrap();
    assert_eq!(slip.row, *a);
    assert_eq!(slip.lines.len(), ledger.lines.len());
    assert_eq!(slip.commission.unwrap().commission_fen, 57_600);

    let path = dir.path().join("pay.xlsx");
    let n = f.store.export_pay_sheet("2026-11", &path).unwrap();
    assert_eq!(n as usize, sheet.rows.len());
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "工号",
            "姓名",
            "班组",
            "基本工资",
            "提成",
            "奖励",
            "罚款",
            "应发"
        ]
    );
    let row = range.rows().find(|r| r[0] == "2002").unwrap();
    assert_eq!(row[4].to_string(), "576");
}

#[test]
fn a_large_import_rebuilds_by_scanning_and_agrees_with_a_buyer_at_a_time() {
    // 6,000 buyers is past the point where the rebuild reads the whole table.
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let mut chats = String::from("ts,buyer,employee_no,sender\n");
    let mut orders = String::from("order_no,buyer,paid_at,amount\n");
    for b in 0..6_000 {
        let (h, m) = (9 + b / 600, (b % 600) / 10);
        let agent = 2002 + b % 3;
        for (s, sender) in [(0, "buyer"), (20, "agent"), (40, "buyer")] {
            chats.push_str(&format!(
                "2026-11-10 {h:02}:{m:02}:{s:02},买家{b},{agent},{sender}\n"
            ));
        }
        // Every third buyer pays first, so the consultation after it is theirs by the second rule.
        let paid = if b % 3 == 0 {
            format!("{:02}:{m:02}:00", h - 1)
        } else {
            format!("{h:02}:{m:02}:50")
        };
        orders.push_str(&format!("O{b},买家{b},2026-11-10 {paid},10\n"));
    }
    f.store
        .import_chats(&write(dir.path(), "chats.csv", &chats), actor())
        .unwrap();
    f.store
        .import_orders(&write(dir.path(), "orders.csv", &orders), actor())
        .unwrap();
    let m = f.store.commission_month("2026-11").unwrap();
    assert_eq!((m.orders, m.unattributed_orders), (6_000, 0));
    let total: i64 = m.rows.iter().map(|r| r.valid_receptions).sum();
    assert_eq!(total, 6_000);
    let after: Vec<_> = f
        .store
        .commission_orders("2026-11", false)
        .unwrap()
        .into_iter()
        .filter(|o| o.attribution.as_ref().unwrap().rule == AttributionRule::BuyerAfter)
        .collect();
    assert_eq!(after.len(), 2_000);

    // One buyer's order again, now paid before the agent chased them: one buyer re-judged.
    f.store
        .import_orders(
            &write(
                dir.path(),
                "again.csv",
                "order_no,buyer,paid_at,amount\nO1,买家1,2026-11-10 08:00:00,10\n",
            ),
            actor(),
        )
        .unwrap();
    let m = f.store.commission_month("2026-11").unwrap();
    assert_eq!(
        m.unattributed_orders, 0,
        "买家1 started the chat: still theirs, by the second rule"
    );
}
