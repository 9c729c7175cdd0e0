//! The demo floor's online shop: 售前二组 (sales, chat) and 售后组 (after-sales, chat) answer
//! buyers in chat. Three months of chat log and paid orders — the month before last (its grades
//! published, so coefficients are final), last month (being scored) and this month up to
//! yesterday — drawn so that every rule of seed 003 shows: consultations that end in a payment,
//! 在吗-only chats of two messages, buyers kept waiting over a minute, buyers who pay and then
//! ask, agents who chase a buyer after the payment, and orders nobody consulted about.
//! 售后组 is paid by seed 000's after-sales form, with its targets met the month before last and
//! one missed last month.

use chrono::{Datelike, Days, NaiveDate, TimeZone};
use floordesk_domain::floor::sim::XorShift;
use rusqlite::params;

use crate::demo_scores::rng;
use crate::{Result, Store};

const NICKS: [&str; 16] = [
    "小鹿乱撞",
    "快乐每一天",
    "tb_猫爪",
    "橘子汽水",
    "阳光男孩",
    "爱吃鱼的猫",
    "云朵朵",
    "蓝色星球",
    "晚风",
    "柠檬不萌",
    "大橙子",
    "一只羊",
    "清风徐来",
    "甜甜圈",
    "木子李",
    "星星点灯",
];

struct Log {
    messages: Vec<(i64, i64, i64, &'static str)>,
    orders: Vec<(String, i64, i64, i64)>,
}

impl Log {
    fn chat(&mut self, buyer: i64, agent: i64, start: i64, pattern: &[(i64, &'static str)]) -> i64 {
        let mut t = start;
        for (gap, sender) in pattern {
            t += gap * 1_000;
            self.messages.push((t, buyer, agent, sender));
        }
        t
    }

    /// A consultation: the buyer asks, the agent answers within a minute, `turns` exchanges.
    fn consult(&mut self, r: &mut XorShift, buyer: i64, agent: i64, start: i64, turns: i64) -> i64 {
        let mut pattern = vec![(0, "buyer")];
        for _ in 0..turns {
            pattern.push((r.between(5, 50), "agent"));
            pattern.push((r.between(10, 120), "buyer"));
        }
        pattern.push((r.between(5, 40), "agent"));
        self.chat(buyer, agent, start, &pattern)
    }
}

/// An amount in fen: sales teams sell dearer goods than what after-sales sees re-bought.
fn amount(r: &mut XorShift, sales: bool) -> i64 {
    let yuan = if sales {
        r.between(59, 1_899)
    } else {
        r.between(29, 699)
    };
    yuan * 100 + [0, 0, 50, 90][r.between(0, 3) as usize]
}

impl Store {
    /// Writes the demo's chat log and orders (see the module) unless the file has some; returns
    /// the messages written.
    pub(crate) fn load_demo_commission(&mut self, today: NaiveDate) -> Result<u32> {
        let has: bool =
            self.conn()
                .query_row("SELECT EXISTS (SELECT 1 FROM chat_messages)", [], |r| {
                    r.get(0)
                })?;
        if has {
            return Ok(0);
        }
        let tz = crate::incidents::site_tz(self.conn())?;
        let agents: Vec<(i64, String, String)> = self
            .conn()
            .prepare(
                "SELECT a.id, a.employee_no, t.name FROM agents a JOIN teams t ON t.id = a.team_id
                 WHERE t.name IN ('售前二组', '售后组') AND a.active = 1 ORDER BY a.employee_no",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let first = today
            .with_day(1)
            .and_then(|d| d.checked_sub_months(chrono::Months::new(2)))
            .unwrap_or(today);
        let mut log = Log {
            messages: Vec::new(),
            orders: Vec::new(),
        };
        let mut buyers = 0i64;
        let mut order_no = 0u32;
        let mut day = first;
        while day < today {
            let date = day.to_string();
            for (agent, employee_no, team) in &agents {
                let sales = team == "售前二组";
                let mut r = rng(&["chat", &date, employee_no]);
                // Rest about one day in seven.
                if r.percent(14) {
                    continue;
                }
                let skill = 40 + (employee_no.bytes().map(i64::from).sum::<i64>() % 25);
                for _ in 0..r.between(6, 11) {
                    buyers += 1;
                    let buyer = buyers;
                    let minute = r.between(9 * 60, 22 * 60);
                    let Some(start) = tz
                        .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
                        .earliest()
                        .map(|t| t.timestamp_millis() + minute * 60_000)
                    else {
                        continue;
                    };
                    let mut pay = |log: &mut Log, r: &mut XorShift, at: i64| {
                        order_no += 1;
                        let no = format!("{}{:07}", if sales { "TB" } else { "SH" }, order_no);
                        log.orders.push((no, buyer, at, amount(r, sales)));
                    };
                    match r.between(0, 99) {
                        // 在吗 and gone: two messages, no valid reception.
                        0..=11 => {
                            log.chat(
                                buyer,
                                *agent,
                                start,
                                &[(0, "buyer"), (r.between(5, 30), "agent")],
                            );
                        }
                        // Kept waiting over a minute: the late reply starts the agent's own.
                        12..=17 => {
                            let end = log.chat(
                                buyer,
                                *agent,
                                start,
                                &[
                                    (0, "buyer"),
                                    (r.between(65, 240), "agent"),
                                    (20, "buyer"),
                                    (15, "agent"),
                                ],
                            );
                            if r.percent(40) {
                                let at = end + r.between(10, 180) * 60_000;
                                pay(&mut log, &mut r, at);
                            }
                        }
                        // Paid first, then asked: the order is the agent's.
                        18..=25 => {
                            pay(&mut log, &mut r, start);
                            let asked = start + r.between(20, 600) * 60_000;
                            let turns = r.between(1, 3);
                            log.consult(&mut r, buyer, *agent, asked, turns);
                        }
                        // Paid, then the agent chased the buyer: not a valid reception.
                        26..=30 => {
                            pay(&mut log, &mut r, start);
                            let chased = start + r.between(30, 900) * 60_000;
                            log.chat(
                                buyer,
                                *agent,
                                chased,
                                &[(0, "agent"), (r.between(30, 300), "buyer"), (20, "agent")],
                            );
                        }
                        // Paid without asking anyone.
                        31..=36 => pay(&mut log, &mut r, start),
                        // A consultation, converting by the agent's skill.
                        _ => {
                            let turns = r.between(1, 6);
                            let end = log.consult(&mut r, buyer, *agent, start, turns);
                            if r.between(0, 99) < skill {
                                let at = end + r.between(2, 20 * 60) * 60_000;
                                pay(&mut log, &mut r, at);
                            }
                        }
                    }
                }
            }
            day = day.checked_add_days(Days::new(1)).unwrap_or(today);
        }
        // Orders paid after today's start are not known yet.
        let cutoff = tz
            .from_local_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default())
            .earliest()
            .map_or(i64::MAX, |t| t.timestamp_millis());
        log.orders.retain(|o| o.2 < cutoff);
        log.messages.retain(|m| m.0 < cutoff);
        let written = log.messages.len() as u32;
        let months: Vec<String> = (0..2)
            .filter_map(|back| first.checked_add_months(chrono::Months::new(back)))
            .map(|d| d.format("%Y-%m").to_string())
            .collect();
        self.write(|tx| {
            {
                let mut buyer = tx.prepare("INSERT INTO buyers (id, name) VALUES (?1, ?2)")?;
                for id in 1..=buyers {
                    let nick = NICKS[(id as usize * 7) % NICKS.len()];
                    buyer.execute(params![id, format!("{nick}{:04}", id % 9_973)])?;
                }
                let mut message = tx.prepare(
                    "INSERT INTO chat_messages (ts, buyer_id, agent_id, sender) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for m in &log.messages {
                    message.execute(params![m.0, m.1, m.2, m.3])?;
                }
                let mut order = tx.prepare(
                    "INSERT INTO orders (order_no, buyer_id, paid_at, local_date, amount_fen, imported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?3)",
                )?;
                for o in &log.orders {
                    order.execute(params![o.0, o.1, o.2, crate::commission::rebuild::local_date(tz, o.2), o.3])?;
                }
            }
            // 售后组 is paid by seed 000's form: 0.3 % of order value and a 500 yuan bonus.
            tx.execute(
                "INSERT OR REPLACE INTO team_commission (team_id, scheme, after_sales_rate_pct, target_bonus_fen, changed_at)
                 SELECT id, 'after_sales', '0.3', 50000, 0 FROM teams WHERE name = '售后组'",
                [],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO team_commission (team_id, scheme, changed_at)
                 SELECT id, 'sales', 0 FROM teams WHERE name = '售前二组'",
                [],
            )?;
            let targets = [
                ("refund_rate", "退款率", "%", "at_most", "5", ["3.2", "4.1"]),
                ("refund_days", "退款时长", "天", "at_most", "2", ["1.4", "1.8"]),
                ("disputes", "纠纷", "件", "at_most", "0", ["0", "0"]),
                ("dsr", "DSR评分", "分", "at_least", "4.8", ["4.86", "4.78"]),
                ("internal_complaints", "店铺内部投诉", "件", "at_most", "0", ["0", "0"]),
            ];
            for (i, (key, label, unit, direction, target, actuals)) in targets.iter().enumerate() {
                tx.execute(
                    "INSERT OR REPLACE INTO after_sales_targets (team_id, key, label_zh, unit, direction, target, position)
                     SELECT id, ?1, ?2, ?3, ?4, ?5, ?6 FROM teams WHERE name = '售后组'",
                    params![key, label, unit, direction, target, i as i64],
                )?;
                for (month, actual) in months.iter().zip(actuals) {
                    tx.execute(
                        "INSERT OR REPLACE INTO after_sales_actuals (team_id, month, key, actual, entered_at)
                         SELECT id, ?1, ?2, ?3, 0 FROM teams WHERE name = '售后组'",
                        params![month, key, actual],
                    )?;
                }
            }
            crate::commission::rebuild::rebuild_all(tx)
        })?;
        Ok(written)
    }
}
