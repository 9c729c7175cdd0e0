//! The report: what was written, the gaps and wishes refused with their reasons, the spreads.

use super::*;

impl Engine<'_> {
    /// Why a wished day off `w` of agent `a` (a free cell, worked) was refused.
    fn wish_reason(&mut self, a: usize, w: usize) -> UnmetReason {
        let Some(k) = self.cell(a, w) else {
            return UnmetReason::WishTradeOff;
        };
        if self.slots(w, k).any(|x| self.have[x] <= self.need[x]) {
            return UnmetReason::WishNeededForCoverage;
        }
        let rests: Vec<usize> = self.agents[a]
            .free
            .iter()
            .copied()
            .filter(|i| self.cell(a, *i).is_none() && !self.agents[a].wish[*i])
            .collect();
        if rests.is_empty() {
            return UnmetReason::WishOverRestDays;
        }
        let allowed = self.agents[a].allowed.clone();
        for r in rests {
            for &t in &allowed {
                if self.valid_with(a, &[(w, None), (r, Some(t))]) {
                    return UnmetReason::WishTradeOff;
                }
            }
        }
        UnmetReason::WishBlockedByRule
    }

    /// Why day `i`'s half hours `short` (slots of the day) stay under-covered.
    fn gap_reason(&mut self, i: usize, short: &[usize]) -> UnmetReason {
        let covers = |e: &Self, k: u16, s: usize| {
            let slots = &e.tmpl[usize::from(k)].slots;
            (
                slots.contains(&(s as u8)),
                slots.contains(&((s + SLOTS_PER_DAY) as u8)),
            )
        };
        let coverable: Vec<usize> = short
            .iter()
            .copied()
            .filter(|s| {
                self.usable.iter().any(|k| {
                    let (same, next) = covers(self, *k, *s);
                    same || next
                })
            })
            .collect();
        if coverable.is_empty() {
            return UnmetReason::NoTemplate;
        }
        let base = (i - self.m0) * SLOTS_PER_DAY;
        let most = coverable
            .iter()
            .map(|s| self.need[base + s])
            .max()
            .unwrap_or(0);
        let available = self
            .agents
            .iter()
            .filter(|ag| ag.is_free[i] || (ag.days[i].kind == Kind::Work))
            .count();
        if most as usize > available {
            return UnmetReason::TooFewAgents;
        }
        let mut budget = 5_000usize;
        for c in [i.checked_sub(1), Some(i)].into_iter().flatten() {
            if c < self.ff {
                continue;
            }
            let agents: Vec<usize> = self.day_agents[c].iter().map(|a| *a as usize).collect();
            for a in agents {
                if self.cell(a, c).is_some() {
                    continue;
                }
                let allowed = self.agents[a].allowed.clone();
                for k in allowed {
                    let helps = coverable.iter().any(|s| {
                        let (same, next) = covers(self, k, *s);
                        if c == i { same } else { next }
                    });
                    if !helps {
                        continue;
                    }
                    if self.valid_with(a, &[(c, Some(k))]) {
                        return UnmetReason::CoverageTradeOff;
                    }
                    let worked: Vec<usize> = self.agents[a]
                        .free
                        .iter()
                        .copied()
                        .filter(|j| self.cell(a, *j).is_some())
                        .collect();
                    for j in worked {
                        if self.valid_with(a, &[(c, Some(k)), (j, None)]) {
                            return UnmetReason::CoverageTradeOff;
                        }
                        budget = budget.saturating_sub(1);
                        if budget == 0 {
                            return UnmetReason::CoverageTradeOff;
                        }
                    }
                }
            }
        }
        UnmetReason::RuleLimit
    }

    /// A broken rule as `check_month` lists it.
    fn violation(&self, employee_no: &str, v: &VKey) -> Violation {
        let (rule, at) = match v {
            VKey::Streak { over, .. } => (RosterRule::MaxConsecutiveWorkDays, *over),
            VKey::Rest { .. } => (RosterRule::MinRestDays, self.m1),
            VKey::Gap { at, .. } => (RosterRule::MinRestBetweenShifts, *at),
            VKey::Leave { at } => (RosterRule::ShiftDuringLeave, *at),
        };
        let mut out = Violation::new(rule, employee_no, self.dates[at]);
        match *v {
            VKey::Streak { from, to, .. } => {
                out.from = Some(self.dates[from]);
                out.to = Some(self.dates[to]);
            }
            VKey::Rest { rest, required } => {
                out.rest_days = Some(rest);
                out.required = Some(required);
            }
            VKey::Gap { gap, .. } => out.gap_minutes = Some(gap),
            VKey::Leave { .. } => {}
        }
        out
    }

    pub(in crate::roster::generate) fn report(&mut self, input: &GenerateInput) -> Generated {
        let mut out = Generated::empty();
        for a in 0..self.agents.len() {
            let ag = &self.agents[a];
            for i in &ag.free {
                let cell = match self.cell(a, *i) {
                    Some(k) => Cell::Shift(self.templates[usize::from(k)].code.clone()),
                    None => Cell::Rest,
                };
                out.cells.insert((ag.no.clone(), self.dates[*i]), cell);
            }
            for v in &ag.base {
                let v = self.violation(&ag.no, v);
                out.unmet.push(Unmet {
                    employee_no: Some(v.employee_no),
                    date: Some(v.date),
                    reason: UnmetReason::FixedBreaksRule(v.rule),
                });
            }
            out.template_changes += (ag.stats.next_day_changes + ag.stats.later_changes) as usize;
        }

        // Wishes.
        for (a, gen_agent) in input.agents.iter().enumerate() {
            let Some((e0, e1)) = self.agents[a].employed else {
                continue;
            };
            for date in &gen_agent.wishes {
                let Some(i) = self.dates.iter().position(|d| d == date) else {
                    continue;
                };
                if i < self.ff.max(e0) || i > e1 || self.agents[a].leave[i] {
                    continue;
                }
                out.wishes_asked += 1;
                if self.agents[a].days[i].kind != Kind::Work {
                    out.wishes_granted += 1;
                    continue;
                }
                let reason = if self.agents[a].is_free[i] {
                    self.wish_reason(a, i)
                } else {
                    UnmetReason::WishOnFixedDay
                };
                out.unmet.push(Unmet {
                    employee_no: Some(gen_agent.employee_no.clone()),
                    date: Some(*date),
                    reason,
                });
            }
        }

        // Coverage from the first free day on.
        for i in self.ff..=self.m1 {
            let base = (i - self.m0) * SLOTS_PER_DAY;
            let mut short = Vec::new();
            let mut s = 0;
            while s < SLOTS_PER_DAY {
                let (n, h) = (self.need[base + s], self.have[base + s]);
                out.needed_slot_agents += n as u64;
                out.uncovered_slot_agents += (n - h).max(0) as u64;
                out.over_slot_agents += (h - n).max(0) as u64;
                if h < n {
                    short.push(s);
                    match out.uncovered.last_mut() {
                        Some(g)
                            if g.date == self.dates[i]
                                && usize::from(g.slot_to) == s
                                && i32::from(g.needed) == n
                                && i32::from(g.rostered) == h =>
                        {
                            g.slot_to += 1;
                        }
                        _ => out.uncovered.push(Gap {
                            date: self.dates[i],
                            slot_from: s as u8,
                            slot_to: s as u8 + 1,
                            needed: n as u16,
                            rostered: h as u16,
                        }),
                    }
                }
                s += 1;
            }
            if !short.is_empty() {
                let reason = self.gap_reason(i, &short);
                out.unmet.push(Unmet {
                    employee_no: None,
                    date: Some(self.dates[i]),
                    reason,
                });
            }
        }
        out.unmet.sort_by(|a, b| {
            (a.date, &a.employee_no, a.reason).cmp(&(b.date, &b.employee_no, b.reason))
        });
        out.unmet.dedup();

        // Fairness, as the roster page reads it.
        let calendar: HashMap<NaiveDate, HolidayKind> =
            input.calendar.iter().map(|(d, k)| (*d, *k)).collect();
        let (first, last) = (self.dates[self.m0], self.dates[self.m1]);
        for (a, gen_agent) in input.agents.iter().enumerate() {
            let mut cells: BTreeMap<NaiveDate, Cell> = gen_agent
                .fixed
                .range(first..=last)
                .map(|(d, c)| (*d, c.clone()))
                .collect();
            for i in &self.agents[a].free {
                if let Some(cell) = out
                    .cells
                    .get(&(gen_agent.employee_no.clone(), self.dates[*i]))
                {
                    cells.insert(self.dates[*i], cell.clone());
                }
            }
            out.fairness.push(fair_share(
                &gen_agent.employee_no,
                &cells,
                self.templates,
                &calendar,
            ));
        }
        let spread = |f: &dyn Fn(&FairShare) -> u32| {
            let values = out.fairness.iter().map(f);
            Spread {
                min: values.clone().min().unwrap_or(0),
                max: values.max().unwrap_or(0),
            }
        };
        out.nights = spread(&|s| s.nights);
        out.weekend_shifts = spread(&|s| s.weekend_shifts);
        out.holiday_shifts = spread(&|s| s.holiday_shifts);
        out
    }

    /// What the fast check finds in the fixed cells with every free cell resting.
    #[cfg(test)]
    pub(in crate::roster::generate) fn base_violations(&self) -> Vec<Violation> {
        self.agents
            .iter()
            .flat_map(|a| a.base.iter().map(|v| self.violation(&a.no, v)))
            .collect()
    }
}
