// A scripted run of the real app, not a test: the roster grid at 300 agents × a full month.
// Measures, for each keystroke, the time from the keydown to the cell showing its new text AND
// its violation mark being updated on screen (the write `put_roster_cells`, the month read back,
// the re-render). Writes tests/e2e/artifacts/roster-latency.json and roster-latency.png.
//
// How: the app starts on a fresh database (wdio.conf.mjs), the first-run wizard makes the site and
// a supervisor (PIN 2580), then floordesk-cli imports into that database 300 agents in 10 teams
// and next month's roster (D/N, 休 every 7th day, a 13-day streak for every 30th agent), and the
// roster page opens on that month. Each measured keystroke is one `executeAsync` in the
// page: it dispatches the code's keydown on the grid (the cell editor opens), then Enter on the
// editor (commit), and times with performance.now() until a MutationObserver sees the cell with
// the code and the expected mark, then the next requestAnimationFrame and a task posted from it
// (the frame that shows it: its style, layout and paint done).
// WebDriver's own latency is outside the timed span. The codes alternate on one cell: D on a 休
// that ends six working days makes that very cell the 7th day in a row (marked), 休 takes the
// mark away again. The page's calls to the backend are timed too (a wrapper around
// the IPC fetch), to split the span into write, read-back and render.
// A second, smaller series types real keys through WebDriver (browser.keys) and times from the
// Enter keydown in the page (a capturing listener's performance.now()).
//
// Run (release build recommended): scripts/perf-roster.sh
// Environment: PERF_AGENTS (300), PERF_TEAMS (10), PERF_KEYS (200), PERF_REAL_KEYS (40).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { browser } from '@wdio/globals';
import { artifactsDir, byTid, click, completeSetup, dbPath, openSection, screenshot } from '../helpers.mjs';
import { startLagProbe, stats, timeBackendCalls } from './measure.mjs';

const run = promisify(execFile);
const AGENTS = Number(process.env.PERF_AGENTS ?? 300);
const TEAMS = Number(process.env.PERF_TEAMS ?? 10);
const KEYS = Number(process.env.PERF_KEYS ?? 200);
const REAL_KEYS = Number(process.env.PERF_REAL_KEYS ?? 40);
const WARMUP = 6;
const STREAK_EVERY = 30; // every 30th agent works 13 days in a row once: a violation from the start
const cli = process.env.FLOORDESK_CLI ?? path.join(path.dirname(process.env.FLOORDESK_APP ?? ''), 'floordesk-cli');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'floordesk-perf-roster-'));

const round = (x) => (x == null ? null : Math.round(x * 10) / 10);

/** Today's date (YYYY-MM-DD) in Asia/Shanghai, the default site time zone. */
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The month after the Shanghai date today, YYYY-MM, and its number of days. */
function nextMonth() {
  const [y, m] = shanghaiToday().split('-').map(Number);
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { ym: `${year}-${String(month).padStart(2, '0')}`, days };
}

/** Day c (0-based) of agent i: 休 when (c + offset) % 7 == 6, else D or N by week. */
const offsetOf = (i) => i % 7;
const isRest = (i, c) => (c + offsetOf(i)) % 7 === 6;
function cellOf(i, c) {
  if (isRest(i, c)) {
    // Streak agents work through their second rest day.
    if (i % STREAK_EVERY === 0) {
      const rests = [];
      for (let d = 0; d <= c; d++) if (isRest(i, d)) rests.push(d);
      if (rests.length === 2) return 'D';
    }
    return '休';
  }
  return Math.floor((c + offsetOf(i)) / 7) % 2 === 0 ? 'D' : 'N';
}

describe(`roster grid with ${AGENTS} agents × a month`, () => {
  it('measures keystroke-to-screen latency', async function () {
    this.timeout(4 * 60 * 60 * 1000);
    if (!fs.existsSync(cli)) throw new Error(`no floordesk-cli at ${cli} (set FLOORDESK_CLI)`);
    await completeSetup({ site: '排班压测', supervisor: '排班主管', pin: '2580', landing: null });

    // ---- the data: agents, then next month's roster ----
    const { ym, days } = nextMonth();
    const nos = [];
    const agentsCsv = ['工号,姓名,班组,职级,台席'];
    for (let i = 0; i < AGENTS; i++) {
      const no = String(20001 + i);
      nos.push(no);
      const team = Math.floor((i * TEAMS) / AGENTS) + 1;
      agentsCsv.push(`${no},坐席${i + 1},压测${team}组,${i % 30 === 1 ? '班长' : '中级'},P${String(i + 1).padStart(4, '0')}`);
    }
    const agentsFile = path.join(work, 'agents.csv');
    fs.writeFileSync(agentsFile, agentsCsv.join('\n') + '\n');
    await run(cli, ['--db', dbPath(), 'import', 'agents', agentsFile]);
    const rosterCsv = [['工号', ...Array.from({ length: days }, (_, c) => String(c + 1))].join(',')];
    nos.forEach((no, i) => rosterCsv.push([no, ...Array.from({ length: days }, (_, c) => cellOf(i, c))].join(',')));
    const rosterFile = path.join(work, 'roster.csv');
    fs.writeFileSync(rosterFile, rosterCsv.join('\n') + '\n');
    const imported = await run(cli, ['--db', dbPath(), 'import', 'roster', rosterFile, '--month', ym]);
    console.log(`roster ${ym}: ${AGENTS} agents × ${days} days imported (${imported.stdout.trim()})`);

    // ---- the page, on that month ----
    await openSection('roster');
    await byTid('roster-grid', { timeout: 60000 });
    const shownMonth = () =>
      browser.execute(() => document.querySelector('[data-testid^="day-"]')?.getAttribute('data-testid').slice(4, 11) ?? null);
    for (let i = 0; i < 3; i++) {
      let shown = null;
      await browser.waitUntil(async () => (shown = await shownMonth()) !== null, { timeout: 30000, timeoutMsg: 'no month shown' });
      if (shown === ym) break;
      await click('roster-next');
      await browser.waitUntil(async () => (await shownMonth()) !== shown, { timeout: 30000, timeoutMsg: 'the next month did not open' });
    }
    const date = (c) => `${ym}-${String(c + 1).padStart(2, '0')}`;
    // The first row (a big month may render only the rows near the view).
    await browser.waitUntil(
      () =>
        browser.execute(
          (sel, want) => document.querySelector(sel)?.textContent.trim() === want,
          `[data-testid="cell-${nos[0]}-${date(0)}"]`,
          cellOf(0, 0),
        ),
      { timeout: 60000, timeoutMsg: `the grid did not show ${ym} with the imported roster` },
    );
    // The streak agents are rows 0, 30, 60 …: the first is in view with its mark.
    await browser.waitUntil(
      () => browser.execute(() => document.querySelectorAll('[data-testid="roster-grid"] .fd-rc-violation').length > 0),
      { timeout: 30000, timeoutMsg: 'no violation marks in the imported month' },
    );
    const grid = await browser.execute(() => ({
      rows_in_dom: document.querySelectorAll('[data-testid="roster-grid"] tr[data-r]').length,
      cells_in_dom: document.querySelectorAll('[data-testid="roster-grid"] td[data-c]').length,
      marked_in_dom: document.querySelectorAll('[data-testid="roster-grid"] .fd-rc-violation').length,
      violations_listed: document.querySelectorAll('[data-testid^="violation-"]').length,
    }));
    console.log(`grid: ${JSON.stringify(grid)}`);

    // ---- instruments in the page ----
    await browser.setTimeout({ script: 60000 });
    await browser.execute(timeBackendCalls, true);
    await browser.execute(startLagProbe);

    /**
     * Scrolls the cell into view and selects it as a mouse press does (outside any timing). A cell
     * not in the DOM (rows rendered near the view only) is scrolled to by its row's position:
     * `item` = its index among the body's rows (team header rows included).
     */
    const select = (testid, item) =>
      browser.executeAsync((id, item, done) => {
        const grid = document.querySelector('[data-testid="roster-grid"]');
        const frames = (n, then) => requestAnimationFrame(() => (n > 1 ? frames(n - 1, then) : then()));
        let tries = 0;
        const go = () => {
          const cell = document.querySelector(`[data-testid="${id}"]`);
          if (!cell) {
            if (tries++ > 20) return done(false);
            const row = grid.querySelector('tbody tr[data-r]');
            const h = row ? row.getBoundingClientRect().height : 27;
            const head = grid.querySelector('thead')?.getBoundingClientRect().height ?? 0;
            grid.scrollTop = Math.max(0, head + item * h - grid.clientHeight / 2);
            return frames(2, go);
          }
          cell.scrollIntoView({ block: 'center', inline: 'center' });
          cell.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 }));
          cell.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
          // Two frames: the selection drawn, the page idle.
          frames(2, () => done(!!document.querySelector(`[data-testid="${id}"]`)?.classList.contains('fd-rc-focus')));
        };
        go();
      }, testid, item);

    /**
     * In the page: keydown `code` on the grid, Enter on the editor it opens, then wait until the
     * cell shows `code` with (`mark`) or without the violation mark, and the next frame.
     */
    const typeTimed = async (testid, code, mark) =>
      JSON.parse(await browser.executeAsync(
        (id, code, mark, done) => {
          const q = () => document.querySelector(`[data-testid="${id}"]`);
          const grid = document.querySelector('[data-testid="roster-grid"]');
          const r = { code, mark, t0: performance.now() };
          const from = window.__calls.length;
          const finish = (error) => {
            observer.disconnect();
            clearTimeout(timer);
            r.calls = window.__calls.slice(from).filter(([cmd]) => !cmd.startsWith('plugin:'));
            if (error) r.error = error;
            done(JSON.stringify(r));
          };
          let phase = 'editor';
          const check = () => {
            const cell = q();
            if (phase === 'editor') {
              const input = cell?.querySelector('input[data-testid="cell-editor"]');
              if (!input) return;
              phase = 'commit';
              r.tEditor = performance.now();
              input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
              r.tEnter = r.tEnter ?? performance.now();
            }
            if (phase === 'commit') {
              const text = cell?.textContent.trim();
              if (text === code && r.tText === undefined) r.tText = performance.now();
              if (text === code && cell.classList.contains('fd-rc-violation') === mark && !cell.querySelector('input')) {
                phase = 'frame';
                r.tDom = performance.now();
                // The frame that shows it: its rAF, then a task queued from the rAF runs once
                // that frame's style, layout and paint are done.
                requestAnimationFrame(() => {
                  r.tFrame = performance.now();
                  const ch = new MessageChannel();
                  ch.port1.onmessage = () => {
                    r.tPaint = performance.now();
                    finish();
                  };
                  ch.port2.postMessage(0);
                });
              }
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(grid, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
          const timer = setTimeout(() => finish(`timed out in phase ${phase}`), 20000);
          r.tKey = performance.now();
          grid.dispatchEvent(new KeyboardEvent('keydown', { key: code, bubbles: true, cancelable: true }));
          check();
          if (phase === 'commit') check();
        },
        testid,
        code,
        mark,
      ));

    // Targets: a 休 preceded by six working days, in rows with no streak of their own, spread
    // over the grid. D there marks the cell itself (7th day in a row); 休 takes the mark away.
    const targets = [];
    const need = Math.ceil((KEYS + WARMUP + REAL_KEYS) / 2) + 1;
    const targetRows = [];
    for (let i = 1; i < AGENTS; i += 3) if (i % STREAK_EVERY !== 0) targetRows.push(i);
    for (let round = 0; targets.length < need; round++) {
      for (const i of targetRows) {
        const cs = [];
        for (let c = 6; c < days; c++) if (isRest(i, c)) cs.push(c);
        // Its row among the body's rows: team header rows come before each team's agents.
        const item = i + Math.floor((i * TEAMS) / AGENTS) + 1;
        if (cs.length && targets.length < need) targets.push({ no: nos[i], c: cs[(i + round) % cs.length], item });
      }
    }

    /** Where one keystroke's time went (ms), from its marks and the backend calls during it. */
    const phasesOf = (s) => {
      const byCall = (cmd) => s.calls.filter(([c]) => c === cmd);
      const put = byCall('put_roster_cells')[0];
      const reads = byCall('roster_month');
      const lastRead = reads.at(-1);
      return {
        total: s.tPaint - s.tKey,
        fromEnter: s.tPaint - s.tEnter,
        dom: s.tDom - s.tKey,
        editorOpen: s.tEditor - s.tKey,
        optimisticText: s.tText != null ? s.tText - s.tEnter : null,
        put: put ? put[2] - put[1] : null,
        reads: reads.length,
        read: lastRead ? lastRead[2] - lastRead[1] : null,
        putToLastReadEnd: put && lastRead ? lastRead[2] - put[2] : null,
        renderAfterRead: lastRead ? s.tDom - lastRead[2] : null,
        frame: s.tFrame - s.tDom,
        rendering: s.tPaint - s.tFrame,
      };
    };
    const samples = [];
    const real = [];
    /** Writes roster-latency.json (also part-way, `complete` false, so a long run leaves figures). */
    const writeResults = async (complete) => {
      const lag = await browser.execute(() => window.__lag);
      const phases = samples.map(phasesOf);
      const col = (key) => phases.map((p) => p[key]);
      const result = {
        agents: AGENTS,
        teams: TEAMS,
        month: ym,
        days,
        grid,
        complete,
        // Other work on the machine skews the figures: the load when the keystrokes began and now.
        machine: { cpus: os.cpus().length, load_average_at_start: loadAtStart, load_average_now: os.loadavg().map(round) },
        keystrokes: samples.length,
        latency_ms: stats(col('total')),
        latency_from_enter_ms: stats(col('fromEnter')),
        breakdown_ms: {
          editor_open: stats(col('editorOpen')),
          optimistic_text_after_enter: stats(col('optimisticText')),
          put_roster_cells: stats(col('put')),
          roster_month_read: stats(col('read')),
          put_end_to_last_read_end: stats(col('putToLastReadEnd')),
          render_after_last_read: stats(col('renderAfterRead')),
          dom_to_next_frame: stats(col('frame')),
          frame_style_layout_paint: stats(col('rendering')),
        },
        roster_month_reads_per_keystroke: stats(col('reads')),
        real_keys_from_enter_ms: stats(real),
        main_thread_lag_ms: stats(lag),
        method:
          'one executeAsync per keystroke: keydown(code) on the grid, keydown(Enter) on the cell editor; performance.now() from the first keydown until a MutationObserver sees the cell with the new text and the expected fd-rc-violation class, then the next requestAnimationFrame and a task posted from it (after the style, layout and paint of that frame). WebDriver latency is outside the span. real_keys_*: browser.keys, timed from performance.now() in a capturing keydown listener for Enter, to the same end.',
        samples: samples.map((s, i) => ({ cell: s.cell, code: s.code, ...Object.fromEntries(Object.entries(phases[i]).map(([k, v]) => [k, round(v)])) })),
      };
      fs.mkdirSync(artifactsDir, { recursive: true });
      fs.writeFileSync(path.join(artifactsDir, 'roster-latency.json'), JSON.stringify(result, null, 2));
      const { samples: _omit, ...summary } = result;
      console.log(JSON.stringify(summary, null, 2));
    };

    const loadAtStart = os.loadavg().map(round);
    let k = 0;
    for (const [n, keep] of [[WARMUP, false], [KEYS, true]]) {
      for (let j = 0; j < n; j++, k++) {
        const target = targets[Math.floor(k / 2)];
        const testid = `cell-${target.no}-${date(target.c)}`;
        const [code, mark] = k % 2 === 0 ? ['D', true] : ['休', false];
        if (!(await select(testid, target.item))) throw new Error(`could not select ${testid}`);
        const r = await typeTimed(testid, code, mark);
        if (r.error) throw new Error(`${testid} ${code}: ${r.error}`);
        if (keep) samples.push({ cell: testid, ...r });
        if (j % 20 === 0) {
          const ph = Object.entries(phasesOf(r)).map(([key, v]) => `${key} ${v == null ? '-' : Math.round(v)}`);
          console.log(`${keep ? 'keystroke' : 'warm-up'} ${j + 1}/${n}: ${testid} ${code}: ${ph.join(', ')}`);
        }
      }
    }

    // Real keys through WebDriver: timed from the Enter keydown, seen by a capturing listener in the page.
    await browser.execute(() => {
      window.__keys = [];
      document.addEventListener('keydown', (e) => window.__keys.push([e.key, e.timeStamp, performance.now()]), true);
    });
    await writeResults(false);
    for (let j = 0; j < REAL_KEYS; j++, k++) {
      const target = targets[Math.floor(k / 2)];
      const testid = `cell-${target.no}-${date(target.c)}`;
      // WebDriver cannot type 休 here; R is a rest day too (the backend stores 休).
      const [key, code, mark] = k % 2 === 0 ? ['D', 'D', true] : ['R', '休', false];
      if (!(await select(testid, target.item))) throw new Error(`could not select ${testid}`);
      await browser.execute(() => (window.__keys.length = 0));
      await browser.keys([key]);
      await browser.waitUntil(
        () => browser.execute((id) => !!document.querySelector(`[data-testid="${id}"] input`), testid),
        { timeout: 10000, interval: 20, timeoutMsg: `${testid}: no editor after ${key}` },
      );
      await browser.keys(['Enter']);
      const r = JSON.parse(await browser.executeAsync(
        (id, code, mark, done) => {
          const q = () => document.querySelector(`[data-testid="${id}"]`);
          const enter = window.__keys.find(([k]) => k === 'Enter');
          const ok = () => {
            const cell = q();
            return cell && cell.textContent.trim() === code && cell.classList.contains('fd-rc-violation') === mark && !cell.querySelector('input');
          };
          const end = () =>
            requestAnimationFrame(() => {
              const ch = new MessageChannel();
              ch.port1.onmessage = () => done(JSON.stringify({ enter: enter?.[2] ?? null, tPaint: performance.now() }));
              ch.port2.postMessage(0);
            });
          if (ok()) return end();
          const observer = new MutationObserver(() => {
            if (!ok()) return;
            observer.disconnect();
            end();
          });
          observer.observe(document.querySelector('[data-testid="roster-grid"]'), { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => {
            observer.disconnect();
            done(JSON.stringify({ error: 'timed out' }));
          }, 20000);
        },
        testid,
        code,
        mark,
      ));
      if (r.error) throw new Error(`${testid} ${key}: ${r.error}`);
      real.push(r.enter == null ? null : r.tPaint - r.enter);
    }

    // ---- the screenshot: the top of the grid, a D just typed on the second row and marked ----
    const shot = `cell-${targets[0].no}-${date(targets[0].c)}`;
    await select(shot, targets[0].item);
    const shotRun = await typeTimed(shot, 'D', true);
    if (shotRun.error) throw new Error(`${shot} D: ${shotRun.error}`);
    await browser.executeAsync((done) => {
      document.querySelector('[data-testid="roster-grid"]')?.scrollTo({ top: 0, left: 0 });
      window.scrollTo(0, 0);
      requestAnimationFrame(() => requestAnimationFrame(() => done()));
    });
    await screenshot('roster-latency.png');

    await writeResults(true);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
