//! Late-acceptance hill climbing over rule-keeping moves, with fairness trades and repairs.

use super::*;

impl Engine<'_> {
    /// Late-acceptance hill climbing over rule-keeping moves; the best roster seen is kept.
    pub(in crate::roster::generate) fn search(
        &mut self,
        seed: u64,
        steps: Option<u64>,
        progress: &mut dyn FnMut(u8) -> bool,
    ) -> Result<(), Cancelled> {
        let movable: Vec<usize> = (0..self.agents.len())
            .filter(|a| !self.agents[*a].free.is_empty() && !self.agents[*a].allowed.is_empty())
            .collect();
        if movable.is_empty() {
            return Ok(());
        }
        let free_cells: usize = movable.iter().map(|a| self.agents[*a].free.len()).sum();
        let steps = steps.unwrap_or((free_cells as u64 * 250).clamp(50_000, 1_500_000));
        let pair_days: Vec<usize> = (self.ff..=self.m1)
            .filter(|i| self.day_agents[*i].len() >= 2)
            .collect();
        let history = (steps / 200).clamp(100, 5000) as usize;
        let replan_one_in = (steps / (REPLANS_PER_AGENT * movable.len() as u64)).max(1) as usize;
        let mut rng = Rng(seed);
        // Each agent's month re-planned whole once, before the small moves.
        for (n, &a) in movable.iter().enumerate() {
            if !progress((5 + n * 5 / movable.len()) as u8) {
                return Err(Cancelled);
            }
            if let Some(changes) = self.replan(a) {
                self.try_move(&changes, |delta| delta < 0.0);
            }
        }
        let mut current = self.score();
        let mut late = vec![current; history];
        let mut best = current;
        let mut best_days: Vec<Vec<Day>> = self.agents.iter().map(|a| a.days.clone()).collect();
        let tick = (steps / 80).max(1);
        let settle = steps - steps / 5;
        for step in 0..steps {
            if step % tick == 0 {
                if !progress((10 + step * 80 / steps) as u8) {
                    return Err(Cancelled);
                }
                if current < best {
                    best = current;
                    for (a, saved) in self.agents.iter().zip(best_days.iter_mut()) {
                        saved.clone_from(&a.days);
                    }
                }
            }
            let v = (step % history as u64) as usize;
            // The last stretch only descends (sideways moves allowed), ending on a roster no
            // single move improves.
            let bound = if step >= settle { current } else { late[v] };
            let accept = |delta: f64| delta <= 0.0 || current + delta <= bound;
            let taken = if rng.below(replan_one_in) == 0 {
                let a = movable[rng.below(movable.len())];
                self.replan(a)
                    .and_then(|changes| self.try_move(&changes, accept))
            } else if rng.below(RUN_SWAP_ONE_IN) == 0 {
                self.run_swap(&mut rng, &movable)
                    .and_then(|changes| self.try_move(&changes, accept))
            } else {
                self.propose(&mut rng, &movable, &pair_days)
                    .and_then(|mv| self.try_move(&mv.ch[..mv.n], accept))
            };
            if let Some(delta) = taken {
                current += delta;
            }
            late[v] = current;
        }
        if best < current {
            for (a, saved) in self.agents.iter_mut().zip(best_days) {
                a.days = saved;
            }
        }
        self.recompute();
        // Polish: each agent's month re-planned against the final roster while that helps.
        for round in 0..2 {
            let mut better = false;
            for (n, &a) in movable.iter().enumerate() {
                if !progress((90 + (round * movable.len() + n) * 4 / movable.len()) as u8) {
                    return Err(Cancelled);
                }
                if let Some(changes) = self.replan(a) {
                    better |= self.try_move(&changes, |delta| delta < -1e-6).is_some();
                }
            }
            if !better {
                break;
            }
        }
        if !progress(98) {
            return Err(Cancelled);
        }
        self.repair_fairness(&movable);
        self.recompute();
        Ok(())
    }

    /// A run of one agent's shifts on one template, inside a stretch of another (a few nights
    /// among day shifts), handed over whole to the partner that takes it best, who gives its
    /// own cells of those days in return: a stretch becomes one template.
    fn run_swap(&mut self, rng: &mut Rng, movable: &[usize]) -> Option<Vec<Change>> {
        let a = movable[rng.below(movable.len())];
        let ag = &self.agents[a];
        let i = ag.free[rng.below(ag.free.len())];
        let t = self.cell(a, i)?;
        let same = |x: usize| ag.is_free[x] && self.cell(a, x) == Some(t);
        let (mut from, mut to) = (i, i);
        while from > 0 && same(from - 1) {
            from -= 1;
        }
        while to + 1 < ag.days.len() && same(to + 1) {
            to += 1;
        }
        if to - from + 1 > MAX_CHANGES {
            return None;
        }
        let list = &self.day_agents[from];
        let picks: Vec<usize> = (0..RUN_SWAP_PARTNERS.min(list.len()))
            .map(|_| list[rng.below(list.len())] as usize)
            .collect();
        let mut best: Option<(f64, Vec<Change>)> = None;
        for b in picks {
            if b == a {
                continue;
            }
            let bg = &self.agents[b];
            let mut changes = Vec::with_capacity(2 * (to - from + 1));
            let mut fits = true;
            for x in from..=to {
                let (ca, cb) = (self.cell(a, x), self.cell(b, x));
                if !bg.is_free[x]
                    || cb == Some(t)
                    || !bg.allowed.contains(&t)
                    || cb.is_some_and(|k| !self.agents[a].allowed.contains(&k))
                {
                    fits = false;
                    break;
                }
                changes.push((a, x, cb));
                changes.push((b, x, ca));
            }
            if !fits {
                continue;
            }
            let seen = std::cell::Cell::new(None);
            self.try_move(&changes, |delta| {
                seen.set(Some(delta));
                false
            });
            if let Some(delta) = seen.get()
                && best.as_ref().is_none_or(|(d, _)| delta < *d)
            {
                best = Some((delta, changes));
            }
        }
        best.map(|(_, changes)| changes)
    }

    fn propose(&self, rng: &mut Rng, movable: &[usize], pair_days: &[usize]) -> Option<Move> {
        let pick = |rng: &mut Rng| movable[rng.below(movable.len())];
        let roll = rng.below(100);
        if roll < 3 {
            self.propose_fair(rng, movable)
        } else if roll < 25 {
            // Another template for a shift.
            let a = pick(rng);
            let ag = &self.agents[a];
            let i = ag.free[rng.below(ag.free.len())];
            let k = self.cell(a, i)?;
            let new = ag.allowed[rng.below(ag.allowed.len())];
            (new != k).then(|| Move::one(a, i, Some(new)))
        } else if roll < 50 {
            // One agent's work day and rest day (or two shifts) change places.
            let a = pick(rng);
            let ag = &self.agents[a];
            let i = ag.free[rng.below(ag.free.len())];
            let j = if rng.below(2) == 0 {
                let off = rng.below(14) as i64 - 7;
                let j = i as i64 + if off >= 0 { off + 1 } else { off };
                if j < 0 || j as usize >= ag.days.len() {
                    return None;
                }
                j as usize
            } else {
                ag.free[rng.below(ag.free.len())]
            };
            if !ag.is_free[j] {
                return None;
            }
            let (ci, cj) = (self.cell(a, i), self.cell(a, j));
            (ci != cj).then(|| Move::of(&[(a, i, cj), (a, j, ci)]))
        } else if roll < 65 {
            // A stretch of one agent's free days slides a day (its rest days move together),
            // the cell falling off one end coming back at the other.
            let a = pick(rng);
            let ag = &self.agents[a];
            let start = ag.free[rng.below(ag.free.len())];
            let end = start + 2 + rng.below(MAX_CHANGES - 2);
            if end >= ag.days.len() || !ag.is_free[start..=end].iter().all(|f| *f) {
                return None;
            }
            let right = rng.below(2) == 0;
            let mut mv = Move::of(&[]);
            for x in start..=end {
                let from = match (right, x == start, x == end) {
                    (true, true, _) => end,
                    (true, false, _) => x - 1,
                    (false, _, true) => start,
                    (false, _, false) => x + 1,
                };
                let cell = self.cell(a, from);
                if cell != self.cell(a, x) {
                    mv.push((a, x, cell));
                }
            }
            (mv.n > 0).then_some(mv)
        } else if roll < 95 {
            // Two agents' cells of a day change hands.
            if pair_days.is_empty() {
                return None;
            }
            let i = pair_days[rng.below(pair_days.len())];
            let list = &self.day_agents[i];
            let a = list[rng.below(list.len())] as usize;
            let b = list[rng.below(list.len())] as usize;
            if a == b {
                return None;
            }
            // One day, or a stretch of up to eight (a block of nights for a block of days).
            let days = if rng.below(2) == 0 {
                1
            } else {
                2 + rng.below(MAX_CHANGES / 2 - 1)
            };
            let fits =
                |x: usize, c: Option<u16>| c.is_none_or(|k| self.agents[x].allowed.contains(&k));
            let mut mv = Move::of(&[]);
            for x in i..i + days {
                if x > self.m1 || !self.agents[a].is_free[x] || !self.agents[b].is_free[x] {
                    return None;
                }
                let (ca, cb) = (self.cell(a, x), self.cell(b, x));
                if ca != cb {
                    if !fits(a, cb) || !fits(b, ca) {
                        return None;
                    }
                    mv.push((a, x, cb));
                    mv.push((b, x, ca));
                }
            }
            (mv.n > 0).then_some(mv)
        } else {
            // A rest day worked, or a shift rested.
            let a = pick(rng);
            let ag = &self.agents[a];
            let i = ag.free[rng.below(ag.free.len())];
            match self.cell(a, i) {
                Some(_) => Some(Move::one(a, i, None)),
                None => Some(Move::one(
                    a,
                    i,
                    Some(ag.allowed[rng.below(ag.allowed.len())]),
                )),
            }
        }
    }

    /// A move aimed at the widest fairness spread: an agent with the most nights (weekend
    /// shifts) trades with one with the fewest — a stretch of nights for days, or a weekend
    /// shift for a rest day nearby.
    fn propose_fair(&self, rng: &mut Rng, movable: &[usize]) -> Option<Move> {
        let c = rng.below(3);
        let (high, low) = self.extremes(c, movable)?;
        let a = high[rng.below(high.len())];
        let b = low[rng.below(low.len())];
        let i = self.agents[a].free[rng.below(self.agents[a].free.len())];
        let arg = if c == 0 {
            1 + rng.below(MAX_CHANGES / 2) as i64
        } else {
            rng.below(15) as i64 - 7
        };
        self.fair_trade(c, a, b, i, arg)
    }

    /// The agents with the most and the fewest of fairness count `c` (nights, weekend or
    /// holiday shifts), when they are more than one apart.
    fn extremes(&self, c: usize, movable: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
        let count = |a: usize| Self::counts(&self.agents[a].stats)[c];
        let eligible: Vec<usize> = movable
            .iter()
            .copied()
            .filter(|a| self.agents[*a].fair[c])
            .collect();
        let most = eligible.iter().map(|a| count(*a)).max()?;
        let least = eligible.iter().map(|a| count(*a)).min()?;
        if most <= least + 1 {
            return None;
        }
        let high = eligible
            .iter()
            .copied()
            .filter(|a| count(*a) == most)
            .collect();
        let low = eligible
            .iter()
            .copied()
            .filter(|a| count(*a) == least)
            .collect();
        Some((high, low))
    }

    /// A trade from `a` (more of count `c`) to `b` (fewer) on day `i`: for nights, the `arg`
    /// days from a night of `a` on swapped whole; for weekend (holiday) shifts, `a` rests on
    /// the day `i` that `b` works and works the day `i + arg` that `b` rests.
    fn fair_trade(&self, c: usize, a: usize, b: usize, i: usize, arg: i64) -> Option<Move> {
        let (ag, bg) = (&self.agents[a], &self.agents[b]);
        let both = |x: usize| ag.is_free[x] && bg.is_free[x];
        let fits = |x: &Agent, cell: Option<u16>| cell.is_none_or(|k| x.allowed.contains(&k));
        let mut mv = Move::of(&[]);
        if c == 0 {
            if !both(i) || !ag.days[i].night || bg.days[i].night {
                return None;
            }
            for x in i..(i + arg.max(1) as usize).min(self.m1 + 1) {
                if !both(x) {
                    break;
                }
                let (ca, cb) = (self.cell(a, x), self.cell(b, x));
                if ca != cb && fits(ag, cb) && fits(bg, ca) {
                    mv.push((a, x, cb));
                    mv.push((b, x, ca));
                }
            }
        } else {
            let special = |x: usize| {
                if c == 1 {
                    self.weekend[x]
                } else {
                    self.holiday[x]
                }
            };
            let j = i as i64 + arg;
            if arg == 0 || j < 0 || j as usize >= ag.days.len() {
                return None;
            }
            let j = j as usize;
            if !both(i) || !special(i) || self.cell(a, i).is_none() || self.cell(b, i).is_some() {
                return None;
            }
            if !both(j) || special(j) || self.cell(a, j).is_some() || self.cell(b, j).is_none() {
                return None;
            }
            let (ai, bj) = (self.cell(a, i), self.cell(b, j));
            if !fits(bg, ai) || !fits(ag, bj) {
                return None;
            }
            mv.push((a, i, None));
            mv.push((b, i, ai));
            mv.push((b, j, None));
            mv.push((a, j, bj));
        }
        (mv.n > 0).then_some(mv)
    }

    /// After the search: while a fairness count spreads over more than one, the best trade
    /// between the agents at its ends, tried exhaustively, if it improves the roster.
    fn repair_fairness(&mut self, movable: &[usize]) {
        for c in 0..3 {
            for _ in 0..REPAIRS {
                let Some((high, low)) = self.extremes(c, movable) else {
                    break;
                };
                let args: Vec<i64> = if c == 0 {
                    (1..=(MAX_CHANGES / 2) as i64).collect()
                } else {
                    (-7..=7).filter(|o| *o != 0).collect()
                };
                let mut best: Option<(f64, Move)> = None;
                for &a in high.iter().take(4) {
                    for &b in low.iter().take(4) {
                        for i in self.ff..=self.m1 {
                            for &arg in &args {
                                let Some(mv) = self.fair_trade(c, a, b, i, arg) else {
                                    continue;
                                };
                                let seen = std::cell::Cell::new(None);
                                self.try_move(&mv.ch[..mv.n], |delta| {
                                    seen.set(Some(delta));
                                    false
                                });
                                if let Some(delta) = seen.get()
                                    && best.as_ref().is_none_or(|(d, _)| delta < *d)
                                {
                                    best = Some((delta, mv));
                                }
                            }
                        }
                    }
                }
                match best {
                    Some((delta, mv)) if delta < -1e-6 => {
                        self.try_move(&mv.ch[..mv.n], |_| true);
                    }
                    _ => break,
                }
            }
        }
    }

    /// Applies the move if every touched agent keeps the rules and `accept` takes the change
    /// of score; the change, or `None` (nothing changed).
    fn try_move(&mut self, changes: &[Change], accept: impl Fn(f64) -> bool) -> Option<f64> {
        let mut old = std::mem::take(&mut self.scratch);
        old.clear();
        for &(a, i, c) in changes {
            old.push(self.agents[a].days[i]);
            self.agents[a].days[i] = self.day_of(i, c);
        }
        let out = self.judge(changes, &old, accept);
        self.scratch = old;
        out
    }

    /// [`Engine::try_move`] once the cells are written (`old` holds what they were).
    fn judge(
        &mut self,
        changes: &[Change],
        old: &[Day],
        accept: impl Fn(f64) -> bool,
    ) -> Option<f64> {
        let first = changes[0].0;
        let second = changes.iter().map(|c| c.0).find(|b| *b != first);
        let revert_days = |e: &mut Self| {
            for (o, &(a, i, _)) in old.iter().zip(changes).rev() {
                e.agents[a].days[i] = *o;
            }
        };
        let st0 = self.agent_stats(first);
        if !st0.valid {
            revert_days(self);
            return None;
        }
        let st1 = match second {
            Some(b) => {
                let st = self.agent_stats(b);
                if !st.valid {
                    revert_days(self);
                    return None;
                }
                Some(st)
            }
            None => None,
        };
        let (mut du, mut dov) = (0, 0);
        for (o, &(_, i, c)) in old.iter().zip(changes) {
            if o.kind == Kind::Work {
                let (u, v) = self.cover(i, o.tmpl, -1);
                du += u;
                dov += v;
            }
            if let Some(k) = c {
                let (u, v) = self.cover(i, k, 1);
                du += u;
                dov += v;
            }
        }
        let mut fair = self.fair;
        let mut pen = 0.0;
        for (a, st) in [(first, Some(st0)), (second.unwrap_or(first), st1)] {
            let Some(st) = st else {
                continue;
            };
            let ag = &self.agents[a];
            pen += Self::agent_penalty(ag, &st) - Self::agent_penalty(ag, &ag.stats);
            let (was, now) = (Self::counts(&ag.stats), Self::counts(&st));
            for c in 0..3 {
                if ag.fair[c] {
                    fair[c].shift(was[c], now[c]);
                }
            }
        }
        let delta = W_UNDER * du as f64 + W_OVER * dov as f64 + pen + Self::fair_penalty(&fair)
            - Self::fair_penalty(&self.fair);
        if accept(delta) {
            self.agents[first].stats = st0;
            if let (Some(b), Some(st)) = (second, st1) {
                self.agents[b].stats = st;
            }
            self.fair = fair;
            self.under += du;
            self.over += dov;
            self.agent_pen += pen;
            Some(delta)
        } else {
            for (o, &(_, i, c)) in old.iter().zip(changes).rev() {
                if let Some(k) = c {
                    self.cover(i, k, -1);
                }
                if o.kind == Kind::Work {
                    self.cover(i, o.tmpl, 1);
                }
            }
            revert_days(self);
            None
        }
    }
}
