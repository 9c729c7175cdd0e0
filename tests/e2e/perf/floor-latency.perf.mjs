// A scripted run of the real app, not a test: 1,000 live agents on the board while another
// program (floordesk-cli ingest, as a telephony feed would) writes 100 state changes a second.
// Measures the time from each event's instant to its card showing the new state on screen (for
// the cards in view: a big board draws only those), and the memory (PSS) of the app with its
// WebKit processes; then scrolls through the floor (a screenshot half way, floor-scrolling.png)
// checking that every card met shows the last state sent. Writes
// tests/e2e/artifacts/floor-latency.json and floor-latency.png.
//
// PERF_SECONDS=1800 makes it the soak: the memory is summarised at the start, minute 5 and
// minute 30 (what the page records is moved out of it every 5 s, so the measuring itself does
// not grow the page).
//
// Run (release build recommended): scripts/perf-floor.sh
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { browser } from '@wdio/globals';
import { artifactsDir, byTid, completeSetup, dbPath, openSection, screenshot } from '../helpers.mjs';
import { appPid, memory, pageHeld, pssSummary, startLagProbe, stats, timeBackendCalls, webEngineOptions } from './measure.mjs';

const run = promisify(execFile);
const AGENTS = Number(process.env.PERF_AGENTS ?? 1000);
const RATE = Number(process.env.PERF_RATE ?? 100); // events per second
const SECONDS = Number(process.env.PERF_SECONDS ?? 60);
const BATCH_MS = 100;
const cli = process.env.FLOORDESK_CLI ?? path.join(path.dirname(process.env.FLOORDESK_APP ?? ''), 'floordesk-cli');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'floordesk-perf-'));

const NEXT = {
  ready: ['busy', 'busy', 'busy', 'small_break', 'meeting'],
  busy: ['wrap_up', 'wrap_up', 'ready'],
  wrap_up: ['ready', 'ready', 'busy'],
  small_break: ['ready'],
  meeting: ['ready'],
};

async function ingest(lines) {
  const file = path.join(work, `batch-${process.hrtime.bigint()}.jsonl`);
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await run(cli, ['--db', dbPath(), 'ingest', file]);
  fs.rmSync(file);
}

describe(`board with ${AGENTS} live agents at ${RATE} events/s`, () => {
  it('measures ingest-to-screen latency and memory', async function () {
    this.timeout((SECONDS + 240) * 1000);
    if (!fs.existsSync(cli)) throw new Error(`no floordesk-cli at ${cli} (set FLOORDESK_CLI)`);
    await completeSetup({ site: '压测现场', supervisor: '压测主管', pin: '2580', landing: null });
    await openSection('board');

    const csv = ['name,employee_no,level,team,seat'];
    const nos = [];
    for (let i = 0; i < AGENTS; i++) {
      const no = String(10001 + i);
      nos.push(no);
      csv.push(`坐席${i},${no},intermediate,${['售前一组', '售前二组', '售后一组', '售后二组'][i % 4]},S${String(i + 1).padStart(4, '0')}`);
    }
    const agentsFile = path.join(work, 'agents.csv');
    fs.writeFileSync(agentsFile, csv.join('\n') + '\n');
    await run(cli, ['--db', dbPath(), 'import', 'agents', agentsFile]);
    // A big floor draws only the cards in view (the first rows of the map): wait for the first.
    await byTid(`board-agent-${nos[0]}`, { timeout: 60000 });

    // Everyone signs in, in one batch.
    const state = new Map(nos.map((no) => [no, 'ready']));
    const t0 = new Date().toISOString();
    await ingest(nos.map((agent) => ({ ts: t0, agent, state: 'ready' })));
    await browser.waitUntil(
      () => browser.execute((first) => document.querySelector(`[data-testid="board-agent-${first}"]`)?.getAttribute('data-state') === 'ready', nos[0]),
      { timeout: 30000, timeoutMsg: 'the sign-in batch did not reach the board' },
    );

    // Record when each card's state changes: when the DOM changed (before layout and paint), and
    // when the next frame ran (what is on screen). Only the changed cards are looked at, so the
    // measuring does not load the page.
    await browser.execute(() => {
      window.__changes = [];
      window.__dom = [];
      // Each push as it arrives, before the page renders it (the backend's probe hook), and each
      // call the page makes to the backend: where the time goes, and what else the page reads.
      window.__arrivals = [];
      window.__fdPushProbe = (delta) => {
        const now = Date.now();
        for (const a of delta.agents) window.__arrivals.push([a.employee_no, a.now.state, now]);
      };
      let frame = [];
      const noOf = (el) => el.getAttribute('data-testid')?.slice('board-agent-'.length);
      new MutationObserver((records) => {
        const now = Date.now();
        const hits = [];
        for (const r of records) {
          if (r.type === 'attributes') hits.push(r.target);
          else for (const n of r.addedNodes) if (n.nodeType === 1) hits.push(...(n.matches('[data-testid^="board-agent-"][data-state]') ? [n] : n.querySelectorAll('[data-testid^="board-agent-"][data-state]')));
        }
        const rows = hits.map((el) => [noOf(el), el.getAttribute('data-state')]);
        for (const [no, st] of rows) window.__dom.push([no, st, now]);
        if (frame.length === 0 && rows.length > 0) {
          requestAnimationFrame(() => {
            const painted = Date.now();
            for (const [no, st] of frame) window.__changes.push([no, st, painted]);
            frame = [];
          });
        }
        frame.push(...rows);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    await browser.execute(timeBackendCalls, false);
    await browser.execute(startLagProbe);

    // The cards on screen (the board does not scroll during the feed): their events are the ones
    // that can be seen; the others' are checked after the feed by scrolling to them.
    const drawn = new Set(
      await browser.execute(() =>
        [...document.querySelectorAll('[data-testid^="board-agent-"][data-state]')].map((el) => el.getAttribute('data-testid').slice('board-agent-'.length)),
      ),
    );
    const pid = appPid(dbPath());
    const samples = [];
    const changes = [];
    const dom = [];
    const arrivals = [];
    const lag = [];
    // What the page has recorded, moved out of it (a long run would grow the page's memory).
    // Each memory sample also counts what the page holds (its elements, the open alerts listed).
    const drain = async () => {
      const [c, d, a, l] = await browser.execute(() => {
        const got = [window.__changes, window.__dom, window.__arrivals, window.__lag];
        window.__changes = [];
        window.__dom = [];
        window.__arrivals = [];
        window.__lag = [];
        return got;
      });
      if (samples.length) samples.at(-1).page = await browser.execute(pageHeld);
      changes.push(...c);
      dom.push(...d);
      arrivals.push(...a);
      lag.push(...l);
    };
    const sent = [];
    const recent = new Map(); // agent → ms it last changed: no agent changes twice within 3 s
    const perBatch = Math.round((RATE * BATCH_MS) / 1000);
    const start = Date.now();
    let next = start;
    let batchMs = [];
    while (Date.now() - start < SECONDS * 1000) {
      next += BATCH_MS;
      const lines = [];
      const now = Date.now();
      while (lines.length < perBatch) {
        const no = nos[Math.floor(Math.random() * nos.length)];
        if (now - (recent.get(no) ?? 0) < 3000 || lines.some((l) => l.agent === no)) continue;
        const options = NEXT[state.get(no)];
        const to = options[Math.floor(Math.random() * options.length)];
        state.set(no, to);
        recent.set(no, now);
        lines.push({ ts: new Date(now).toISOString(), agent: no, state: to });
      }
      const before = Date.now();
      await ingest(lines);
      batchMs.push(Date.now() - before);
      for (const l of lines) sent.push({ agent: l.agent, state: l.state, at: Date.parse(l.ts) });
      if (pid && samples.length < (Date.now() - start) / 5000) {
        samples.push({ s: Math.round((Date.now() - start) / 1000), pss: memory(pid) });
        await drain();
        if (samples.length % 60 === 1) console.log(`minute ${Math.round((Date.now() - start) / 60000)}: ${sent.length} events sent, PSS ${JSON.stringify(samples.at(-1).pss)}, page ${JSON.stringify(samples.at(-1).page)}`);
      }
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    // Let the last changes arrive.
    await new Promise((r) => setTimeout(r, 3000));
    await drain();
    await screenshot('floor-latency.png');

    // Off screen: scroll the board through the floor while the feed goes on, a screenshot half
    // way, and every card met on the way must show the last state sent for its agent.
    const lastState = new Map();
    for (const e of sent) lastState.set(e.agent, e.state);
    const scrollTo = (fraction) =>
      browser.executeAsync((f, done) => {
        const pane = document.querySelector('.fd-board-scroll');
        if (!pane) return done(false);
        pane.scrollTop = f * (pane.scrollHeight - pane.clientHeight);
        requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
      }, fraction);
    const offScreen = { cards_checked: 0, wrong: [] };
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      if (!(await scrollTo(fraction))) throw new Error('no scrolling pane on the board: is it virtualised?');
      if (fraction === 0.5) await screenshot('floor-scrolling.png');
      const shown = await browser.execute(() =>
        [...document.querySelectorAll('[data-testid^="board-agent-"][data-state]')].map((el) => [el.getAttribute('data-testid').slice('board-agent-'.length), el.getAttribute('data-state')]),
      );
      for (const [no, st] of shown) {
        if (drawn.has(no)) continue;
        offScreen.cards_checked += 1;
        if (st !== (lastState.get(no) ?? 'ready')) offScreen.wrong.push([no, st, lastState.get(no)]);
      }
    }

    const byAgent = new Map();
    for (const [no, st, at] of changes) {
      if (!byAgent.has(no)) byAgent.set(no, []);
      byAgent.get(no).push([st, at]);
    }
    const latencies = [];
    let missing = 0;
    for (const e of sent) {
      if (!drawn.has(e.agent)) continue;
      const hit = (byAgent.get(e.agent) ?? []).find(([st, at]) => st === e.state && at >= e.at);
      if (hit) latencies.push(hit[1] - e.at);
      else missing += 1;
    }
    /** For each event of a drawn card, ms from the event to the first record of its state after it. */
    const sinceEvent = (records) => {
      const by = new Map();
      for (const [no, st, at] of records) {
        if (!by.has(no)) by.set(no, []);
        by.get(no).push([st, at]);
      }
      const ms = new Map();
      for (const e of sent) {
        if (!drawn.has(e.agent)) continue;
        const hit = (by.get(e.agent) ?? []).find(([st, at]) => st === e.state && at >= e.at);
        if (hit) ms.set(e, hit[1] - e.at);
      }
      return ms;
    };
    const domMs = [...sinceEvent(dom).values()];
    const arrivedMs = sinceEvent(arrivals);
    const paintedMs = sinceEvent(changes);
    // The page's part: from the push's arrival to the frame that shows it.
    const pageMs = [...arrivedMs].flatMap(([e, arrived]) => (paintedMs.has(e) ? [paintedMs.get(e) - arrived] : []));
    const calls = await browser.execute(() => window.__callCounts);
    const result = {
      agents: AGENTS,
      events_per_second: RATE,
      seconds: SECONDS,
      cards_drawn: drawn.size,
      events_sent: sent.length,
      events_for_drawn_cards: latencies.length + missing,
      events_seen_on_screen: latencies.length,
      events_not_seen: missing,
      off_screen_checked: offScreen,
      latency_ms: stats(latencies),
      dom_latency_ms: stats(domMs),
      // Where the time goes: the event to its push arriving in the page (the feed's CLI run,
      // the app hearing the commit, the push), then the page to the frame that shows it.
      event_to_push_arrival_ms: stats([...arrivedMs.values()]),
      push_arrival_to_screen_ms: stats(pageMs),
      page_calls_to_backend: calls,
      main_thread_lag_ms: stats(lag),
      cli_batch_ms: stats(batchMs),
      memory_pss_kib: pssSummary(samples),
      web_engine_options: webEngineOptions(pid),
    };
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'floor-latency.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify({ ...result, memory_pss_kib: { ...result.memory_pss_kib, every_sample: undefined } }, null, 2));
    if (latencies.length === 0) throw new Error('no change reached the screen');
    if (offScreen.wrong.length > 0) throw new Error(`cards scrolled to show a stale state: ${JSON.stringify(offScreen.wrong.slice(0, 5))}`);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
