//! The greedy start: rest days spread first (wishes first, staggered), then each day filled where
//! the requirement is short.

use super::*;

impl Engine<'_> {
    /// Rest days spread over each agent's free days (wishes first), then each day filled:
    /// the half hours still short first, then the rest of the agents where they do least harm.
    pub(in crate::roster::generate) fn greedy(
        &mut self,
        progress: &mut dyn FnMut(u8) -> bool,
    ) -> Result<(), Cancelled> {
        let n = self.agents.len();
        let mut planned: Vec<Vec<bool>> = Vec::with_capacity(n);
        for (a, ag) in self.agents.iter().enumerate() {
            let mut plan = vec![false; self.dates.len()];
            let free = ag.free.len();
            let fixed_rests = ag.stats.rests - free as i64;
            let quota = (ag.required - fixed_rests).clamp(0, free as i64) as usize;
            let wishes: Vec<usize> = ag.free.iter().copied().filter(|i| ag.wish[*i]).collect();
            let take = quota.min(wishes.len());
            for j in 0..take {
                plan[wishes[j * wishes.len() / take]] = true;
            }
            let rest = quota - take;
            if rest > 0 {
                // Evenly spaced (blocks of about (free − rest) / (rest + 1) working days),
                // staggered from agent to agent so the team's rest days spread over the month.
                let spacing = (free + 1) as f64 / (rest + 1) as f64;
                let stagger = ((a as f64 * 0.618_033_988_75).fract() - 0.5) * spacing;
                for j in 0..rest {
                    let at = ((j + 1) as f64 * spacing + stagger - 1.0).round();
                    let mut k = (at.max(0.0) as usize).min(free - 1);
                    while plan[ag.free[k]] {
                        k = (k + 1) % free;
                    }
                    plan[ag.free[k]] = true;
                }
            }
            planned.push(plan);
        }

        let mut nights = vec![0i64; n];
        let days = (self.m1 + 1).saturating_sub(self.ff).max(1);
        let templates = self.tmpl.len();
        for i in self.ff..=self.m1 {
            if !progress(((i - self.ff) * 5 / days) as u8) {
                return Err(Cancelled);
            }
            let workers: Vec<usize> = self.day_agents[i]
                .iter()
                .map(|a| *a as usize)
                .filter(|a| !planned[*a][i])
                .collect();
            let mut assigned = vec![false; workers.len()];
            let mut refused = vec![false; workers.len() * templates];
            let mut exhausted = vec![false; templates];
            // The half hours still short, best-covering template first.
            loop {
                let mut best: Option<(usize, u16)> = None;
                for &k in &self.usable {
                    if exhausted[usize::from(k)] {
                        continue;
                    }
                    let gain = self
                        .slots(i, k)
                        .filter(|x| self.have[*x] < self.need[*x])
                        .count();
                    if gain > 0 && best.is_none_or(|(g, _)| gain > g) {
                        best = Some((gain, k));
                    }
                }
                let Some((_, k)) = best else {
                    break;
                };
                let night = self.tmpl[usize::from(k)].night;
                let mut placed = false;
                loop {
                    let mut choice: Option<((bool, i64, usize), usize)> = None;
                    for (w, &a) in workers.iter().enumerate() {
                        if assigned[w]
                            || refused[w * templates + usize::from(k)]
                            || !self.agents[a].allowed.contains(&k)
                        {
                            continue;
                        }
                        let key = (
                            self.previous(a, i) != Some(k),
                            if night { nights[a] } else { 0 },
                            a,
                        );
                        if choice.is_none_or(|(c, _)| key < c) {
                            choice = Some((key, w));
                        }
                    }
                    let Some((_, w)) = choice else {
                        break;
                    };
                    let a = workers[w];
                    if self.valid_with(a, &[(i, Some(k))]) {
                        self.put(a, i, Some(k));
                        assigned[w] = true;
                        nights[a] += i64::from(night);
                        placed = true;
                        break;
                    }
                    refused[w * templates + usize::from(k)] = true;
                }
                if !placed {
                    exhausted[usize::from(k)] = true;
                }
            }
            // Everyone else due to work: where it adds least over the requirement.
            for (w, &a) in workers.iter().enumerate() {
                if assigned[w] {
                    continue;
                }
                let prev = self.previous(a, i);
                let mut options: Vec<((bool, i64), u16)> = self.agents[a]
                    .allowed
                    .iter()
                    .map(|&k| {
                        let room: i64 = self
                            .slots(i, k)
                            .map(|x| i64::from(self.need[x] - self.have[x]))
                            .sum();
                        let t = &self.tmpl[usize::from(k)];
                        let value = room + if prev == Some(k) { 8 } else { 0 };
                        // Nights only for the nights needed: a surplus agent works days.
                        ((t.night, -value), k)
                    })
                    .collect();
                options.sort_unstable();
                let mut placed = false;
                for (_, k) in options {
                    if self.valid_with(a, &[(i, Some(k))]) {
                        self.put(a, i, Some(k));
                        nights[a] += i64::from(self.tmpl[usize::from(k)].night);
                        placed = true;
                        break;
                    }
                }
                if !placed {
                    // A rule forces a rest today: it stands for the next one planned.
                    let ag = &self.agents[a];
                    if let Some(&j) = ag
                        .free
                        .iter()
                        .find(|j| **j > i && planned[a][**j] && !ag.wish[**j])
                    {
                        planned[a][j] = false;
                    }
                }
            }
        }
        self.recompute();
        Ok(())
    }
}
