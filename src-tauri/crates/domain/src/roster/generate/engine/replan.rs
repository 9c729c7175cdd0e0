//! One agent's month re-planned whole by dynamic programming against everyone else's cells.

use super::*;

impl Engine<'_> {
    /// The best month for agent `a` with everyone else's cells as they are, by dynamic
    /// programming over its days (state: working streak, last template worked, rest days so
    /// far): the cells to change, or `None` when nothing better or no plan is found. The
    /// streak, rest-day and next-day rest rules are exact in the states; fairness counts are
    /// priced at their current slope; the caller judges the result exactly.
    pub(super) fn replan(&mut self, a: usize) -> Option<Vec<Change>> {
        let ag = &self.agents[a];
        let (&f0, &f_last) = (ag.free.first()?, ag.free.last()?);
        let (e0, e1) = ag.employed?;
        let (m0, m1) = (self.m0, self.m1);
        let end = self.dates.len() - 1;
        let limit = self.limit;
        let over_cap = limit + 1;
        let in_month = |i: usize| m0 <= i && i <= m1;
        let templates = self.tmpl.len();
        let other = templates; // a working cell without a usable template
        let none = templates + 1; // nothing worked yet
        let lks = templates + 2;
        let id = |d: &Day| {
            if usize::from(d.tmpl) < templates {
                usize::from(d.tmpl)
            } else {
                other
            }
        };

        // Where the agent stands the day before its first free day.
        let mut s0 = 0;
        while s0 < f0 && ag.days[f0 - 1 - s0].kind == Kind::Work {
            s0 += 1;
        }
        if s0 > limit {
            let over = f0 - s0 + limit;
            if in_month(over) {
                return None;
            }
            s0 = over_cap;
        }
        let lk0 = ag.days[..f0]
            .iter()
            .rev()
            .find(|d| d.kind == Kind::Work)
            .map_or(none, id);
        let rests_before = ag.days[e0.min(f0)..f0]
            .iter()
            .filter(|d| d.kind == Kind::Rest)
            .count() as i64;
        let need_rests = (ag.required - rests_before).max(0) as usize;
        // Room for one rest day more than owed, or as many more as the agent has now.
        let rests_now = ag.days[f0..]
            .iter()
            .zip(f0..)
            .filter(|(d, i)| d.kind == Kind::Rest && *i <= e1)
            .count();
        let cap = (need_rests + 1).max(rests_now);

        // Prices: coverage with this agent's own shifts taken out, wishes, nights, fairness.
        let allowed = ag.allowed.clone();
        let own: Vec<(usize, u16)> = ag
            .free
            .iter()
            .filter_map(|i| (ag.days[*i].kind == Kind::Work).then_some((*i, ag.days[*i].tmpl)))
            .collect();
        for (i, k) in &own {
            self.cover(*i, *k, -1);
        }
        let span = end - f0 + 1;
        let mut price = vec![0.0f64; span * allowed.len()];
        for (j, i) in (f0..=f_last).enumerate() {
            if !self.agents[a].is_free[i] {
                continue;
            }
            for (p, k) in allowed.iter().enumerate() {
                price[j * allowed.len() + p] = self
                    .slots(i, *k)
                    .map(|x| {
                        if self.have[x] < self.need[x] {
                            -W_UNDER
                        } else {
                            W_OVER
                        }
                    })
                    .sum();
            }
        }
        for (i, k) in &own {
            self.cover(*i, *k, 1);
        }
        let ag = &self.agents[a];
        let counts = Self::counts(&ag.stats);
        // Weekend and holiday shifts are priced at their slope (bounded), nights exactly: the
        // state counts them, and the end prices the count against everyone else's.
        let slope: Vec<f64> = (1..3)
            .map(|c| {
                if ag.fair[c] {
                    W_FAIR[c] * self.fair[c].slope(counts[c]).clamp(-1.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect();
        let nights_before = (m0..f0)
            .filter(|i| ag.days[*i].kind == Kind::Work && ag.days[*i].night)
            .count() as i64;
        let track_nights = ag.fair[0];
        let nd = if track_nights {
            ((counts[0] + NIGHT_BAND).min(MAX_COUNT as i64 - 1) - nights_before).max(0) as usize + 1
        } else {
            1
        };
        let night_price: Vec<f64> = (0..nd)
            .map(|n| {
                if !track_nights {
                    return 0.0;
                }
                let mut others = self.fair[0];
                others.shift(counts[0], nights_before + n as i64);
                W_FAIR[0] * (others.penalty() - self.fair[0].penalty())
            })
            .collect();

        // The DP. State index: (((streak × lks) + last template) × (cap + 1) + rests) × nd +
        // nights.
        let states = (over_cap + 1) * lks * (cap + 1) * nd;
        let index =
            |s: usize, lk: usize, r: usize, n: usize| ((s * lks + lk) * (cap + 1) + r) * nd + n;
        let parts = |x: usize| {
            let (n, x) = (x % nd, x / nd);
            let (r, x) = (x % (cap + 1), x / (cap + 1));
            (x / lks, x % lks, r, n)
        };
        let mut dp = std::mem::take(&mut self.dp);
        dp.prepare(states, span);
        let start = index(s0, lk0, 0, 0);
        dp.cost[start] = 0.0;
        dp.active.push(start as u32);
        for (j, i) in (f0..=end).enumerate() {
            let free = ag.is_free[i];
            let fixed = ag.days[i];
            let counts_rest = e0 <= i && i <= e1;
            let works: Vec<(Day, usize, f64, u8)> = if free {
                allowed
                    .iter()
                    .enumerate()
                    .map(|(p, k)| {
                        let d = self.work_day(i, *k);
                        let mut c = price[j * allowed.len() + p];
                        if ag.wish[i] {
                            c += W_WISH;
                        }
                        if d.night {
                            c += W_NIGHT;
                        }
                        c += slope[0] * f64::from(u8::from(self.weekend[i]))
                            + slope[1] * f64::from(u8::from(self.holiday[i]));
                        (d, usize::from(*k), c, p as u8 + 1)
                    })
                    .collect()
            } else if fixed.kind == Kind::Work {
                vec![(fixed, id(&fixed), 0.0, 0)]
            } else {
                Vec::new()
            };
            let rest = if free { true } else { fixed.kind == Kind::Rest };
            let mut active = std::mem::take(&mut dp.active);
            for &from in &active {
                let from = from as usize;
                let here = dp.cost[from];
                let (s, lk, r, n) = parts(from);
                // A day not worked.
                if free || fixed.kind != Kind::Work {
                    let r2 = r + usize::from(rest && counts_rest);
                    if r2 <= cap {
                        dp.reach(j, index(0, lk, r2, n), from, here, 0);
                    }
                }
                // A day worked: the streak and the rest since yesterday's shift.
                for &(d, k, c, choice) in &works {
                    let mut c = c;
                    let s2 = if s == over_cap {
                        over_cap
                    } else if s < limit {
                        s + 1
                    } else if in_month(i) {
                        continue; // from + limit = today, in the month
                    } else {
                        over_cap
                    };
                    let n2 = n + usize::from(track_nights && d.night && in_month(i));
                    if n2 >= nd {
                        continue;
                    }
                    if s > 0 && d.timed && in_month(i) {
                        let y = i - 1;
                        let yd = if ag.is_free[y] {
                            if lk >= templates {
                                continue;
                            }
                            self.work_day(y, lk as u16)
                        } else {
                            ag.days[y]
                        };
                        if yd.timed && d.start - yd.end < self.min_gap {
                            continue;
                        }
                    }
                    if in_month(i) && lk != none && lk != k {
                        c += if s > 0 {
                            W_CHANGE_NEXT_DAY
                        } else {
                            W_CHANGE_AFTER_BREAK
                        };
                    }
                    dp.reach(j, index(s2, k, r, n2), from, here + c, choice);
                }
            }
            for &x in &active {
                dp.cost[x as usize] = f64::INFINITY;
            }
            active.clear();
            dp.active = std::mem::replace(&mut dp.next_active, active);
            std::mem::swap(&mut dp.cost, &mut dp.next);
        }
        // The rest days the month needs, each one more priced, and the nights' fairness.
        let mut best: Option<(f64, usize)> = None;
        for &x in &dp.active {
            let x = x as usize;
            let (_, _, r, n) = parts(x);
            if r < need_rests {
                continue;
            }
            let c = dp.cost[x] + W_EXTRA_REST * (r - need_rests) as f64 + night_price[n];
            if best.is_none_or(|(b, _)| c < b) {
                best = Some((c, x));
            }
        }
        for &x in &dp.active {
            dp.cost[x as usize] = f64::INFINITY;
        }
        dp.active.clear();
        let Some((_, mut state)) = best else {
            self.dp = dp;
            return None;
        };
        let mut changes = Vec::new();
        for j in (0..span).rev() {
            let i = f0 + j;
            let (from, choice) = dp.back[j * states + state];
            if ag.is_free[i] {
                let cell = (choice > 0).then(|| allowed[usize::from(choice - 1)]);
                if cell != self.cell(a, i) {
                    changes.push((a, i, cell));
                }
            }
            state = from as usize;
        }
        self.dp = dp;
        (!changes.is_empty()).then_some(changes)
    }
}
