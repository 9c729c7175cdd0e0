//! The demo book's words: the stories an item may tell (移交客户, 紧急事项, 潜在客户, 通知, 备注 —
//! which team and time of day each fits, its own notes on the way and its outcomes), the
//! surnames for customers, the words of a query at a face-to-face handover and the everyday
//! notes on a carried item. Data and the little that fills it in (names, order numbers, times),
//! kept apart so the plan reads as the week's shape and this file as the floor's Chinese; which
//! note comes when an item is carried is the plan's (`plan::on_the_way`).

use chrono::{DateTime, Datelike, Days, Duration, Timelike, Utc};
use floordesk_domain::handover::item::{Channel, ItemKind, NoticeCategory};

use super::week::{Rng, Week, WeekShift};
use crate::handover::items::NewItemFields;

/// Which team's items a story fits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Teams {
    Presale,
    AfterSales,
    Any,
}

/// When in the day a story fits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum When {
    Day,
    Night,
    Any,
}

/// What an item says, before the names, order numbers and times are filled in.
pub(super) enum Body {
    /// Channel, order number prefix, problem, promised.
    Customer(
        Channel,
        Option<&'static str>,
        &'static str,
        Option<&'static str>,
    ),
    /// What (`{prev}`: the day before), due this many hours after it is written.
    Urgent(&'static str, i64),
    /// Who (`{name}`), why; to be contacted by 10:00 the next day.
    Prospect(&'static str, &'static str),
    /// Category and text (`{t1}`–`{t2}`: a quarter hour ending twenty minutes ago).
    Notice(NoticeCategory, &'static str),
    Note(&'static str),
}

pub(super) struct Story {
    teams: Teams,
    when: When,
    pub(super) body: Body,
    /// Whether it may stay open over several shifts (a 备注 of the day does not).
    pub(super) carries: bool,
    /// Its own notes (for a customer, progress) on the way while it is carried.
    pub(super) notes: &'static [&'static str],
    pub(super) outcomes: &'static [&'static str],
}

const SURNAMES: [&str; 16] = [
    "王", "李", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "朱", "胡", "郭", "林", "罗", "梁",
];

/// A question about an item at the handover and the outgoing side's answer, by the item's kind.
pub(super) fn query_words(kind: ItemKind) -> (&'static str, &'static str) {
    match kind {
        ItemKind::Customer => (
            "客户如果今晚再来电，按什么口径答复？",
            "按承诺时间回复核实结果；结果出来前不要答应赔付。",
        ),
        ItemKind::Urgent => (
            "截止前做不完怎么办？",
            "已和财务说好，做不完交下一班接着做，截止时间不变。",
        ),
        ItemKind::Prospect => (
            "报价按哪个价格表？",
            "按本月团购价格表，50 件以上的再问主管。",
        ),
        ItemKind::Notice => (
            "报修单号是多少？",
            "IT 工单已登记，备件到了会直接打台席电话。",
        ),
        ItemKind::Note => (
            "需要每个人都通知到吗？",
            "已在班组群发了，点名时再口头说一遍。",
        ),
    }
}

pub(super) const QUERY_ACCEPTED: &str = "这件事接班后还需要我们做什么？";

pub(super) const ON_THE_WAY: [&str; 3] = [
    "客户来电询问进度，已告知正在处理",
    "已电话联系客户，未接通，已短信告知",
    "已在班组群提醒下一班跟进",
];

impl Story {
    fn kind(&self) -> ItemKind {
        match self.body {
            Body::Customer(..) => ItemKind::Customer,
            Body::Urgent(..) => ItemKind::Urgent,
            Body::Prospect(..) => ItemKind::Prospect,
            Body::Notice(..) => ItemKind::Notice,
            Body::Note(_) => ItemKind::Note,
        }
    }

    fn fits(&self, w: &WeekShift) -> bool {
        let presale = w.team.starts_with("售前");
        let team = match self.teams {
            Teams::Any => true,
            Teams::Presale => presale,
            Teams::AfterSales => !presale,
        };
        let when = match self.when {
            When::Any => true,
            When::Day => !w.night,
            When::Night => w.night,
        };
        team && when
    }

    pub(super) fn fields(&self, rng: &mut Rng, at: DateTime<Utc>, week: &Week) -> NewItemFields {
        let local = at.with_timezone(&week.tz);
        let name = |rng: &mut Rng, female: &str, male: &str| {
            let title = if rng.below(2) == 0 { female } else { male };
            format!("{}{title}", rng.pick(&SURNAMES))
        };
        match self.body {
            Body::Customer(channel, prefix, problem, promised) => NewItemFields::Customer {
                customer: name(rng, "女士", "先生"),
                channel,
                order_no: prefix.map(|p| format!("{p}{}", 3_000_000_000 + rng.below(900_000_000))),
                problem: problem.into(),
                promised: promised.map(Into::into),
                progress: None,
            },
            Body::Urgent(what, hours) => {
                let prev = local.date_naive() - Days::new(1);
                let due = local + Duration::hours(hours);
                NewItemFields::Urgent {
                    what: what.replace("{prev}", &prev.format("%m-%d").to_string()),
                    due: Some(format!("{:02}:00", due.hour())),
                }
            }
            Body::Prospect(who, why) => {
                let next = local.date_naive() + Days::new(1);
                NewItemFields::Prospect {
                    who: who.replace("{name}", &name(rng, "小姐", "先生")),
                    why: why.into(),
                    due: Some(format!("{:02}-{:02} 10:00", next.month(), next.day())),
                }
            }
            Body::Notice(category, text) => NewItemFields::Notice {
                category,
                text: text
                    .replace("{t1}", &week.hhmm(at - Duration::minutes(35)))
                    .replace("{t2}", &week.hhmm(at - Duration::minutes(20))),
            },
            Body::Note(text) => NewItemFields::Note { text: text.into() },
        }
    }
}

/// A story for a shift, by kind (weighted by team), not one already taken in the log (one that
/// is carried over when `carried`).
pub(super) fn pick_story(rng: &mut Rng, w: &WeekShift, taken: &[usize], carried: bool) -> usize {
    let fits =
        |s: usize| STORIES[s].fits(w) && !taken.contains(&s) && (!carried || STORIES[s].carries);
    let weights: [(ItemKind, usize); 5] = if w.team.starts_with("售前") {
        [
            (ItemKind::Customer, 35),
            (ItemKind::Prospect, 20),
            (ItemKind::Urgent, 15),
            (ItemKind::Notice, 12),
            (ItemKind::Note, 18),
        ]
    } else {
        [
            (ItemKind::Customer, 50),
            (ItemKind::Prospect, 0),
            (ItemKind::Urgent, 20),
            (ItemKind::Notice, 12),
            (ItemKind::Note, 18),
        ]
    };
    let total: usize = weights.iter().map(|(_, n)| n).sum();
    for _ in 0..20 {
        let mut roll = rng.below(total);
        let kind = weights
            .iter()
            .find(|(_, n)| {
                if roll < *n {
                    true
                } else {
                    roll -= n;
                    false
                }
            })
            .map_or(ItemKind::Note, |(k, _)| *k);
        let fit: Vec<usize> = (0..STORIES.len())
            .filter(|s| STORIES[*s].kind() == kind && fits(*s))
            .collect();
        if !fit.is_empty() {
            return *rng.pick(&fit);
        }
    }
    (0..STORIES.len()).find(|s| fits(*s)).unwrap_or(0)
}

pub(super) const STORIES: &[Story] = &[
    // 移交客户, 售前.
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "下单后要求改收货地址，仓库已打包",
            Some("联系仓库拦截改址，今晚前回复客户"),
        ),
        carries: true,
        notes: &["仓库回复可以改址，等快递重新揽收"],
        outcomes: &["仓库已改址发出，客户确认", "客户取消订单"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Phone,
            None,
            "尺码不合适要求换货",
            Some("明天上午确认库存后回电"),
        ),
        carries: true,
        notes: &[
            "43 码有货，已登记换货",
            "客户白天不方便接电话，约 19:00 后联系",
        ],
        outcomes: &["已寄出换货，单号已短信告知客户"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            None,
            "咨询的羽绒服 XL 断码，要求到货通知",
            Some("到货后第一时间通知客户"),
        ),
        carries: true,
        notes: &["仓库回复周四到货"],
        outcomes: &["已到货并通知，客户已下单", "客户已在别家购买"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Douyin,
            Some("DY"),
            "直播间下单的套装少发一件赠品",
            Some("核实后补寄赠品"),
        ),
        carries: true,
        notes: &["仓库核实确实漏发，已登记补寄"],
        outcomes: &["赠品已补寄，客户确认"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Wechat,
            None,
            "咨询会员积分未到账",
            Some("核实后今天内回复"),
        ),
        carries: true,
        notes: &["会员系统同步延迟，已报技术处理"],
        outcomes: &["积分已补录 500 分，客户确认"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Day,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "要求开增值税专用发票，抬头和税号已提供",
            Some("两个工作日内寄出发票"),
        ),
        carries: true,
        notes: &["财务已开票，等快递揽收"],
        outcomes: &["发票已寄出，单号已告知客户"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Customer(
            Channel::Phone,
            Some("TB"),
            "优惠券下单时无法使用",
            Some("核实活动规则后回电"),
        ),
        carries: true,
        notes: &["运营确认券的适用商品设置有误"],
        outcomes: &["已补发 20 元无门槛券，客户满意", "客户取消订单"],
    },
    // 移交客户, 售后.
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "客户要求退款，物流显示已签收但本人未收到",
            Some("今晚 20:00 前回复核实结果"),
        ),
        carries: true,
        notes: &["已联系快递，驿站称包裹可能被误领"],
        outcomes: &["已退款 199 元，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Douyin,
            Some("DY"),
            "收到的保温杯外包装破损，要求补发",
            Some("24 小时内给处理方案"),
        ),
        carries: true,
        notes: &["客户已上传破损照片，已提交补发申请"],
        outcomes: &["已补发新品，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "退货已寄回 5 天仍未退款",
            Some("今天 18:00 前催财务并回复"),
        ),
        carries: true,
        notes: &["仓库已签收退货，等财务审核"],
        outcomes: &["已退款 359 元，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Phone,
            None,
            "投诉配送员态度差，要求道歉",
            Some("明天 12:00 前回电说明处理结果"),
        ),
        carries: true,
        notes: &["已向物流公司投诉，等对方回复"],
        outcomes: &["已向物流投诉并回电致歉，客户接受"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Day,
        body: Body::Customer(
            Channel::Phone,
            Some("TB"),
            "空调安装预约要求改到周六",
            Some("与安装师傅确认后回电"),
        ),
        carries: true,
        notes: &["安装师傅周六上午有空档"],
        outcomes: &["已改约周六上午，客户确认"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Wechat,
            None,
            "加湿器使用一周不出雾，要求维修或换新",
            Some("今天内给维修方案"),
        ),
        carries: true,
        notes: &["已发送自检视频，客户检查后仍不出雾"],
        outcomes: &["已安排换新，旧机上门取回"],
    },
    Story {
        teams: Teams::AfterSales,
        when: When::Any,
        body: Body::Customer(
            Channel::Qianniu,
            Some("TB"),
            "商品已拆封要求退货，客户认为不影响二次销售",
            Some("请主管确认后答复"),
        ),
        carries: true,
        notes: &["已上报主管审批"],
        outcomes: &["主管同意退货，已发退货地址", "客户接受补偿 30 元，不退货"],
    },
    // 潜在客户.
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Prospect("{name}", "咨询团购 50 件，需回电报价"),
        carries: true,
        notes: &["已发报价单，客户说和同事商量"],
        outcomes: &["已回电，下单 50 件", "客户预算不够，暂不购买"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Prospect("{name}（公司行政）", "年会礼品定制 200 份，要样品图"),
        carries: true,
        notes: &["设计已出样品图，等客户确认颜色"],
        outcomes: &["已发样品图，客户下单 200 份", "客户选了别家，已记录原因"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Any,
        body: Body::Prospect("{name}", "想买空气净化器，等活动降价再联系"),
        carries: true,
        notes: &["活动价已确认，周五开始"],
        outcomes: &["活动开始已通知，客户已下单"],
    },
    Story {
        teams: Teams::Presale,
        when: When::Day,
        body: Body::Prospect("{name}（门店采购）", "采购 100 箱纸巾，要阶梯价"),
        carries: true,
        notes: &["已请运营核算阶梯价"],
        outcomes: &["已报价，客户暂不需要", "已回电，下单 100 箱"],
    },
    // 紧急事项.
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Urgent("核对 {prev} 批次退款单", 3),
        carries: true,
        notes: &["已核对一半，剩余明早继续"],
        outcomes: &["已核对 37 单，2 单有误已退回财务"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Urgent("抖音店铺 2 条差评 24 小时内回复", 5),
        carries: true,
        notes: &["已回复 1 条，另一条客户未回消息"],
        outcomes: &["已回复并私信客户，1 条已追评"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Urgent("补录昨日漏登的 3 通投诉来电", 2),
        carries: true,
        notes: &[],
        outcomes: &["已补录，工单号已回填"],
    },
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Urgent("给 5 位预约回访的老客户回电", 4),
        carries: true,
        notes: &["已回访 3 位，2 位未接"],
        outcomes: &["已回访 5 位，1 位要求下周再联系"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Urgent("质检退回的 2 通录音整改确认", 3),
        carries: true,
        notes: &[],
        outcomes: &["已整改，班长复听通过"],
    },
    // 通知.
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Equipment, "B07 台席耳机故障，已报修"),
        carries: true,
        notes: &["IT 说备件明天到"],
        outcomes: &["已更换新耳机"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Outage, "千牛 {t1}–{t2} 无法登录，已恢复"),
        carries: false,
        notes: &[],
        outcomes: &["期间的咨询已全部回复"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(
            NoticeCategory::Policy,
            "双十二活动：满 300 减 40，12 月 1 日起",
        ),
        carries: true,
        notes: &[],
        outcomes: &["已传达全组，话术已更新"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(
            NoticeCategory::Policy,
            "运费险规则调整：7 天无理由退货运费由店铺承担",
        ),
        carries: true,
        notes: &[],
        outcomes: &["已传达全组"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Equipment, "C03 台席电脑频繁死机，已报 IT"),
        carries: true,
        notes: &["IT 远程检查过，怀疑内存条问题"],
        outcomes: &["IT 已更换主机"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Notice(NoticeCategory::Outage, "来电弹屏延迟约 10 秒，已反馈厂商"),
        carries: true,
        notes: &["厂商远程排查中"],
        outcomes: &["厂商已修复"],
    },
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Notice(
            NoticeCategory::Other,
            "明天上午 9:00 消防演练，值班人员留守",
        ),
        carries: false,
        notes: &[],
        outcomes: &["演练结束，已恢复正常接线"],
    },
    // 备注.
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Note("今日来电高峰 10:00–11:30"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
    Story {
        teams: Teams::Any,
        when: When::Night,
        body: Body::Note("今晚来电高峰 20:00–21:30"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
    Story {
        teams: Teams::Any,
        when: When::Night,
        body: Body::Note("物流系统 22:00 后不更新轨迹，客户查件请说明"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
    Story {
        teams: Teams::Any,
        when: When::Day,
        body: Body::Note("财务退款审核今天只到 17:00，之后的退款单明早处理"),
        carries: false,
        notes: &[],
        outcomes: &["已转达全组"],
    },
    Story {
        teams: Teams::Any,
        when: When::Any,
        body: Body::Note("新话术已更新到知识库“售后-退换货”目录"),
        carries: false,
        notes: &[],
        outcomes: &["已知悉"],
    },
];
