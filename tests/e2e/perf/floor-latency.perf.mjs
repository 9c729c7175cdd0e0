// A scripted run of the real app, not a test: 1,000 live agents on the board while another
// program (floordesk-cli ingest, as a telephony feed would) writes 100 state changes a second.
// Measures the time from each event's instant to its card showing the new state on screen, and
// the memory (PSS) of the app with its WebKit processes. Writes
// tests/e2e/artifacts/floor-latency.json and floor-latency.png.
//
// Run (release build recommended): scripts/perf-floor.sh
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { browser } from '@wdio/globals';
import { artifactsDir, byTid, completeSetup, dbPath, openSection, screenshot } from '../helpers.mjs';

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

/** PSS in KiB of the app and the WebKit processes it started (its descendants). */
function memory(rootPid) {
  const byName = {};
  const visit = (pid) => {
    let name;
    try {
      name = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const pss = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      byName[name] = (byName[name] ?? 0) + pss;
    } catch {
      return;
    }
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      let children = '';
      try {
        children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    }
  };
  visit(rootPid);
  return byName;
}

function appPid() {
  const db = dbPath();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(db) && !args[0].endsWith('floordesk-cli')) return Number(entry);
    } catch {
      // gone
    }
  }
  return null;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

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
    await byTid(`board-agent-${nos[AGENTS - 1]}`, { timeout: 60000 });

    // Everyone signs in, in one batch.
    const state = new Map(nos.map((no) => [no, 'ready']));
    const t0 = new Date().toISOString();
    await ingest(nos.map((agent) => ({ ts: t0, agent, state: 'ready' })));
    await browser.waitUntil(
      () => browser.execute((last) => document.querySelector(`[data-testid="board-agent-${last}"]`)?.getAttribute('data-state') === 'ready', nos[AGENTS - 1]),
      { timeout: 30000, timeoutMsg: 'the sign-in batch did not reach the board' },
    );

    // Record when each card's state changes: when the DOM changed (before layout and paint), and
    // when the next frame ran (what is on screen). Only the changed cards are looked at, so the
    // measuring does not load the page.
    await browser.execute(() => {
      window.__changes = [];
      window.__dom = [];
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
      // How late a 50 ms timer fires: how busy the page's main thread is.
      window.__lag = [];
      let expected = performance.now() + 50;
      setInterval(() => {
        const t = performance.now();
        window.__lag.push(t - expected);
        expected = t + 50;
      }, 50);
    });

    const pid = appPid();
    const samples = [];
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
      if (pid && samples.length < (Date.now() - start) / 5000) samples.push(memory(pid));
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    // Let the last changes arrive.
    await new Promise((r) => setTimeout(r, 3000));
    const changes = await browser.execute(() => window.__changes);
    const dom = await browser.execute(() => window.__dom);
    const lag = (await browser.execute(() => window.__lag)).sort((a, b) => a - b);
    await screenshot('floor-latency.png');

    const byAgent = new Map();
    for (const [no, st, at] of changes) {
      if (!byAgent.has(no)) byAgent.set(no, []);
      byAgent.get(no).push([st, at]);
    }
    const latencies = [];
    let missing = 0;
    for (const e of sent) {
      const hit = (byAgent.get(e.agent) ?? []).find(([st, at]) => st === e.state && at >= e.at);
      if (hit) latencies.push(hit[1] - e.at);
      else missing += 1;
    }
    latencies.sort((a, b) => a - b);
    const domBy = new Map();
    for (const [no, st, at] of dom) {
      if (!domBy.has(no)) domBy.set(no, []);
      domBy.get(no).push([st, at]);
    }
    const domMs = [];
    for (const e of sent) {
      const hit = (domBy.get(e.agent) ?? []).find(([st, at]) => st === e.state && at >= e.at);
      if (hit) domMs.push(hit[1] - e.at);
    }
    domMs.sort((a, b) => a - b);
    batchMs.sort((a, b) => a - b);
    const total = (s) => Object.values(s).reduce((a, b) => a + b, 0);
    const result = {
      agents: AGENTS,
      events_per_second: RATE,
      seconds: SECONDS,
      events_sent: sent.length,
      events_seen_on_screen: latencies.length,
      events_not_seen: missing,
      latency_ms: { p50: pct(latencies, 50), p90: pct(latencies, 90), p99: pct(latencies, 99), max: latencies.at(-1) },
      dom_latency_ms: { seen: domMs.length, p50: pct(domMs, 50), p90: pct(domMs, 90), p99: pct(domMs, 99) },
      main_thread_lag_ms: { p50: Math.round(pct(lag, 50)), p99: Math.round(pct(lag, 99)), max: Math.round(lag.at(-1)) },
      cli_batch_ms: { p50: pct(batchMs, 50), p99: pct(batchMs, 99) },
      memory_pss_kib: { totals_every_5s: samples.map(total), last: samples.at(-1), peak_total: Math.max(...samples.map(total)) },
    };
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'floor-latency.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    if (latencies.length === 0) throw new Error('no change reached the screen');
    fs.rmSync(work, { recursive: true, force: true });
  });
});
