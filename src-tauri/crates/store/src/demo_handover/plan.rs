//! The week's plan: every act the loader will do, by time, fixed before anything is written —
//! logs opened at their roll call, items with their later changes (`ItemPlan`, `Step`, `Change`),
//! seats moved (`SeatPlan`), sign-offs and receipts, addenda (`AddendumPlan`). It reads only the
//! `Week` and the stories, never the store, so the words and times follow from the date, team
//! and shift alone; the module's root then applies the acts in order through the store.

use chrono::{DateTime, Days, Duration, Utc};
use floordesk_domain::handover::HandoverPolicy;
use floordesk_domain::handover::item::{Channel, NoticeCategory};

use super::stories::{Body, ON_THE_WAY, STORIES, Story, pick_story};
use super::week::{Rng, STAND_IN_NOS, Week};
use crate::handover::items::NewItemFields;

/// 王静, who writes the first addendum.
const ADDENDUM_LEAD_NO: &str = "1001";

/// One step of the plan (indexes into the week's shifts and the plan's lists).
#[derive(Debug, Clone, Copy)]
pub(super) enum Act {
    Open(usize),
    Seat(usize),
    Add(usize),
    Step(usize, usize),
    Handover(usize),
    Receive(usize),
    Addendum(usize),
}

impl Act {
    /// At one instant: logs open first, addenda come last.
    fn rank(self) -> u8 {
        match self {
            Act::Open(_) => 0,
            Act::Seat(_) => 1,
            Act::Add(_) => 2,
            Act::Step(..) => 3,
            Act::Handover(_) => 4,
            Act::Receive(_) => 5,
            Act::Addendum(_) => 6,
        }
    }
}

/// A change an item's plan makes later.
pub(super) enum Change {
    Note(String),
    Progress(String),
    HandTo(i64, String),
    Close(String),
}

pub(super) struct Step {
    pub(super) shift: usize,
    at: DateTime<Utc>,
    pub(super) change: Change,
}

pub(super) struct ItemPlan {
    pub(super) shift: usize,
    at: DateTime<Utc>,
    pub(super) fields: NewItemFields,
    pub(super) steps: Vec<Step>,
}

pub(super) struct SeatPlan {
    pub(super) shift: usize,
    pub(super) employee_no: String,
    pub(super) seat: &'static str,
}

/// One addendum by the 工号 (or a stand-in): on the log of `shift` with these words; or (None)
/// the roll call correction, on a log signed before `shift` starts, found when it is written.
pub(super) struct AddendumPlan {
    pub(super) shift: usize,
    pub(super) author_no: &'static str,
    pub(super) text: Option<String>,
}

/// The plan: the acts by time, and the lists they index into.
#[derive(Default)]
pub(super) struct Plan {
    pub(super) acts: Vec<(DateTime<Utc>, Act)>,
    pub(super) items: Vec<ItemPlan>,
    pub(super) seats: Vec<SeatPlan>,
    pub(super) addenda: Vec<AddendumPlan>,
}

/// Everything the week does, by time: logs opened at their roll call, items and their later
/// changes, seats, sign-offs and receipts, addenda; today's started logs with one new item.
pub(super) fn plan(week: &Week, now: DateTime<Utc>) -> Plan {
    let mut plan = Plan::default();
    // The fixed stories first, so the random ones leave their logs alone.
    plan.lost_parcel(week);
    plan.handed_to_after_sales(week);
    plan.seats_moved(week);
    plan.shifts(week, now);
    plan.item_acts();
    plan.roll_call_correction(week);
    plan.by_time()
}

impl Plan {
    /// 张女士's refund (§9): written in 白班, carried through 晚班, closed next morning; the
    /// parcel turns up the day after (the first addendum).
    fn lost_parcel(&mut self, week: &Week) {
        let Some(origin) = week.find(1, "售前一组", "D") else {
            return;
        };
        let Some(closed_in) = week.after(origin, 2) else {
            return;
        };
        let start = week.shifts[origin].shift.start;
        let next = week.shifts[closed_in].shift.start;
        self.items.push(ItemPlan {
            shift: origin,
            at: start + Duration::minutes(102),
            fields: NewItemFields::Customer {
                customer: "张女士".into(),
                channel: Channel::Qianniu,
                order_no: Some("TB3920118842".into()),
                problem: "客户要求退款，物流显示已签收但本人未收到".into(),
                promised: Some("今晚 20:00 前回复核实结果".into()),
                progress: None,
            },
            steps: vec![
                Step {
                    shift: origin,
                    at: start + Duration::minutes(290),
                    change: Change::Progress("已联系快递，驿站称包裹可能被误领，等快递回复".into()),
                },
                Step {
                    shift: closed_in,
                    at: next + Duration::minutes(80),
                    change: Change::Note("快递回复无法确认投递位置，已提交丢件理赔".into()),
                },
                Step {
                    shift: closed_in,
                    at: next + Duration::minutes(170),
                    change: Change::Close("已为客户提交退款申请 199 元，客户确认".into()),
                },
            ],
        });
        if let Some(day) = week.shifts[closed_in]
            .shift
            .date
            .checked_add_days(Days::new(1))
            && let Some(at) = week.local(day, 10, 5)
        {
            self.addenda.push(AddendumPlan {
                shift: closed_in,
                author_no: ADDENDUM_LEAD_NO,
                text: Some("补充：TB3920118842 快递已于次日找回，客户撤销退款申请".into()),
            });
            self.acts.push((at, Act::Addendum(self.addenda.len() - 1)));
        }
    }

    /// A customer of 售前 with an after-sales problem goes to 售后组 (Q2: 售前→售后), whose shift
    /// at the time closes it.
    fn handed_to_after_sales(&mut self, week: &Week) {
        let Some(origin) = week.find(2, "售前一组", "D") else {
            return;
        };
        let Some(&after_sales) = week.teams.get("售后组") else {
            return;
        };
        let start = week.shifts[origin].shift.start;
        let handed = start + Duration::minutes(140);
        let target = week
            .shifts
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                w.shift.team_id == after_sales && w.shift.start <= handed && handed < w.shift.end
            })
            .min_by_key(|(_, w)| (w.shift.start, w.shift.end))
            .map(|(i, _)| i);
        if let Some(target) = target {
            self.items.push(ItemPlan {
                shift: origin,
                at: start + Duration::minutes(120),
                fields: NewItemFields::Customer {
                    customer: "陈先生".into(),
                    channel: Channel::Phone,
                    order_no: Some("TB3917730265".into()),
                    problem: "上周购买的加湿器不出雾，要求退货".into(),
                    promised: Some("售后组今天内联系客户".into()),
                    progress: None,
                },
                steps: vec![
                    Step {
                        shift: origin,
                        at: handed,
                        change: Change::HandTo(
                            after_sales,
                            "已购客户的售后问题，转售后组处理".into(),
                        ),
                    },
                    Step {
                        shift: target,
                        at: handed + Duration::minutes(170),
                        change: Change::Close("已安排上门取件退货，客户确认".into()),
                    },
                ],
            });
        }
    }

    /// A seat out of order, three times in the week: the 交接班长 seats the agent elsewhere at
    /// roll call (Q6) and posts the notice.
    fn seats_moved(&mut self, week: &Week) {
        for (day, team, shift, no, seat) in [
            (1, "售前一组", "D", "1002", "A13"),
            (3, "售前二组", "M", "1014", "B13"),
            (5, "售后组", "D", "1026", "A14"),
        ] {
            let Some(i) = week.find(day, team, shift) else {
                continue;
            };
            let w = &week.shifts[i];
            let Some(no) = std::iter::once(no)
                .chain(w.shift.members.iter().map(String::as_str))
                .find(|m| {
                    w.shift.members.iter().any(|x| x == m) && w.agent_lead.as_deref() != Some(*m)
                })
            else {
                continue;
            };
            let (name, home) = week.people.agents.get(no).cloned().unwrap_or_default();
            let home = home.unwrap_or_else(|| no.to_owned());
            let at = w.shift.start - Duration::minutes(8);
            self.seats.push(SeatPlan {
                shift: i,
                employee_no: no.to_owned(),
                seat,
            });
            self.acts.push((at, Act::Seat(self.seats.len() - 1)));
            let mut rng = Rng::new(&[&w.shift.date.to_string(), team, shift, "seat"]);
            let trouble = *rng.pick(&["耳机故障", "电脑无法开机", "键盘进水"]);
            self.items.push(ItemPlan {
                shift: i,
                at: at + Duration::minutes(2),
                fields: NewItemFields::Notice {
                    category: NoticeCategory::Equipment,
                    text: format!("{home} 台席{trouble}，已报修；{name}本班改坐 {seat}"),
                },
                steps: vec![Step {
                    shift: i,
                    at: w.shift.start + Duration::minutes(150 + rng.below(60) as i64),
                    change: Change::Close(format!("{home} 已修好，{name}下一班回原台席")),
                }],
            });
        }
    }

    /// Every shift whose roll call has come: its log opened; a past shift's items, its sign-off
    /// (face to face when the shifts meet, else alone and received at the next roll call); today:
    /// one new item once the shift has begun, nothing signed.
    fn shifts(&mut self, week: &Week, now: DateTime<Utc>) {
        let early = Duration::minutes(HandoverPolicy::default().roll_call_before_start_min);
        for (i, w) in week.shifts.iter().enumerate() {
            let s = &w.shift;
            if s.date > week.today || s.start - early > now {
                continue;
            }
            self.acts.push((s.start - early, Act::Open(i)));
            if !w.past {
                // Today: one new item once the shift has begun; nothing signed.
                if s.start <= now {
                    let mut rng = Rng::new(&[&s.date.to_string(), &w.team, &s.key, "today"]);
                    let story = pick_story(&mut rng, w, &[], false);
                    let at = (s.start + Duration::minutes(25)).min(now);
                    self.items.push(ItemPlan {
                        shift: i,
                        at,
                        fields: STORIES[story].fields(&mut rng, at, week),
                        steps: Vec::new(),
                    });
                }
                continue;
            }
            plan_items(week, i, &mut self.items);
            let mut rng = Rng::new(&[&s.date.to_string(), &w.team, &s.key, "sign"]);
            if w.meets {
                self.acts
                    .push((s.end + rng.minutes(3, 6), Act::Handover(i)));
            } else {
                self.acts
                    .push((s.end + Duration::minutes(3), Act::Handover(i)));
                if let Some(next) = w.incoming {
                    let at = week.shifts[next].shift.start - Duration::minutes(5);
                    self.acts.push((at, Act::Receive(i)));
                }
            }
        }
    }

    /// The items planned so far, written and changed at their times.
    fn item_acts(&mut self) {
        for (k, item) in self.items.iter().enumerate() {
            self.acts.push((item.at, Act::Add(k)));
            for (s, step) in item.steps.iter().enumerate() {
                self.acts.push((step.at, Act::Step(k, s)));
            }
        }
    }

    /// The roll call correction, yesterday morning, by the supervisor.
    fn roll_call_correction(&mut self, week: &Week) {
        let yesterday = week.today - Days::new(1);
        if let Some(i) = week
            .shifts
            .iter()
            .position(|w| w.past && w.shift.date == yesterday)
            && let Some(at) = week.local(yesterday, 9, 40)
        {
            self.addenda.push(AddendumPlan {
                shift: i,
                author_no: STAND_IN_NOS[0],
                text: None,
            });
            self.acts.push((at, Act::Addendum(self.addenda.len() - 1)));
        }
    }

    /// The acts in time order; at one instant by rank, else as planned.
    fn by_time(mut self) -> Plan {
        let mut acts: Vec<(usize, (DateTime<Utc>, Act))> = std::mem::take(&mut self.acts)
            .into_iter()
            .enumerate()
            .collect();
        acts.sort_by_key(|(seq, (at, act))| (*at, act.rank(), *seq));
        self.acts = acts.into_iter().map(|(_, a)| a).collect();
        self
    }
}

/// One to four items for a past shift, at times spread over it. About a third are carried two
/// to five shifts (a word before handing over and on the way, where the writer may add one)
/// and close in the week where they can; the rest close within the shift. The first item of the
/// team's last shift of yesterday stays open: today's first log holds it.
fn plan_items(week: &Week, i: usize, items: &mut Vec<ItemPlan>) {
    let w = &week.shifts[i];
    let s = &w.shift;
    let mut rng = Rng::new(&[&s.date.to_string(), &w.team, &s.key]);
    let count = 1 + rng.below(3) + usize::from(rng.below(4) == 0);
    let last_of_yesterday = w.incoming.is_some_and(|next| !week.shifts[next].past)
        && !week.shifts.iter().any(|o| {
            o.past
                && o.shift.team_id == s.team_id
                && o.shift.date == s.date
                && o.shift.start > s.start
        });
    let span = (s.end - s.start).num_minutes() - 65;
    let mut taken = Vec::new();
    for j in 0..count {
        let keep_open = last_of_yesterday && j == 0;
        let story = pick_story(&mut rng, w, &taken, keep_open);
        taken.push(story);
        let slot = span * (2 * j as i64 + 1) / (2 * count as i64);
        let at = s.start + Duration::minutes(35 + slot) + rng.minutes(-10, 10);
        let at = at.max(s.start + Duration::minutes(35));
        let st = &STORIES[story];
        let fields = st.fields(&mut rng, at, week);
        let mut steps = Vec::new();
        let mut words = 0;
        if keep_open || (st.carries && rng.below(3) == 0) {
            if rng.below(2) == 0 {
                let when = (s.end - rng.minutes(30, 60)).max(at + Duration::minutes(10));
                steps.push(Step {
                    shift: i,
                    at: when,
                    change: on_the_way(st, &mut rng, words),
                });
                words += 1;
            }
            // The shifts it passes through in the week whose writer may touch it; it closes in
            // the first at least `carried` hand-overs on, else the last one two or more on.
            let carried = 2 + rng.below(4);
            let path: Vec<(usize, usize)> = (1..=carried + 3)
                .map_while(|hop| week.after(i, hop).map(|p| (hop, p)))
                .filter(|(_, p)| week.writable(*p, i))
                .collect();
            let close = if keep_open {
                None
            } else {
                path.iter()
                    .find(|(hop, _)| *hop >= carried)
                    .or_else(|| path.iter().rev().find(|(hop, _)| *hop >= 2))
                    .or(path.last())
                    .copied()
            };
            for &(hop, p) in &path {
                let ps = &week.shifts[p].shift;
                let latest = ps.end - Duration::minutes(20);
                if Some((hop, p)) == close {
                    let when = (ps.start + rng.minutes(60, 240)).min(latest);
                    steps.push(Step {
                        shift: p,
                        at: when,
                        change: Change::Close(rng.pick(st.outcomes).to_string()),
                    });
                    break;
                }
                if rng.below(2) == 0 {
                    let when = (ps.start + rng.minutes(50, 200)).min(latest);
                    steps.push(Step {
                        shift: p,
                        at: when,
                        change: on_the_way(st, &mut rng, words),
                    });
                    words += 1;
                }
            }
        } else {
            let latest = s.end - Duration::minutes(15);
            let when = (at + rng.minutes(30, 180))
                .min(latest)
                .max(at + Duration::minutes(10));
            steps.push(Step {
                shift: i,
                at: when,
                change: Change::Close(rng.pick(st.outcomes).to_string()),
            });
        }
        items.push(ItemPlan {
            shift: i,
            at,
            fields,
            steps,
        });
    }
}

/// A story's `n`th note (or, for a customer, progress update) while the item is carried: its own
/// first, then the everyday ones, none twice.
fn on_the_way(story: &Story, rng: &mut Rng, n: usize) -> Change {
    if let (Some(text), Body::Customer(..)) = (story.notes.get(n), &story.body) {
        return Change::Progress((*text).into());
    }
    if let Some(text) = story.notes.get(n) {
        return Change::Note((*text).into());
    }
    let k = n - story.notes.len();
    let first = rng.below(ON_THE_WAY.len());
    Change::Note(ON_THE_WAY[(first + k) % ON_THE_WAY.len()].into())
}
