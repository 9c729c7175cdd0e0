// A scripted run of the real app, not a test: the 评分录入 (score entry) grid of a 班长 who rates
// 299 people × 20 items as superior for last month. Measures, for each keystroke pair (a digit,
// then Tab), the time from the digit's keydown to the cell showing the new value on screen (the
// editor opened, the value committed, the row redrawn), and on to the row showing it saved (the
// write `enter_scores` answered). Also the time from opening the page or its 评分录入 tab to the
// grid drawn. Writes tests/e2e/artifacts/scores-latency.json and scores-latency.png.
//
// How: the app starts on a fresh database on the 2nd of this month at 10:00 Shanghai time
// (wdio.conf.mjs SPEC_ARGS: last month's scoring window is open), the first-run wizard makes the
// site and a supervisor (PIN 2580), then floordesk-cli imports into that database 300 agents in
// one team (the first a 班长), a 20-item template (5 points each, every item rated by self,
// superior and peer) and assigns it to the team. No CLI command creates users: the supervisor
// adds the 班长's user (linked to the team's first agent, PIN 1357) on the Users page, logs out,
// and the 班长 logs in. The 班长 then rates everyone else in the team as superior.
// Each measured pair is one `executeAsync` in the page: it dispatches the digit's keydown on the
// grid (the cell editor opens with it), then Tab on the editor (commit, the cursor moves right),
// and times with performance.now() until a MutationObserver sees the cell with the digit and no
// editor, then the next requestAnimationFrame and a task posted from it (the frame that shows it:
// its style, layout and paint done); then on until the write has answered and the row's status
// shows it saved (and that frame). WebDriver's own latency is outside the timed span. A row is
// typed left to right; at its end the next row's first cell is selected (a mouse press, outside
// the timing). The page's calls to the backend are timed too (a wrapper around the IPC fetch).
// A second, smaller series types real keys through WebDriver (the digit and Tab in one action
// chain) and times from the digit's keydown seen in the page (a capturing listener).
//
// Run (release build recommended): scripts/perf-scores.sh
// Environment: PERF_AGENTS (300), PERF_KEYS (200), PERF_REAL_KEYS (40), PERF_OPENS (5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { browser } from '@wdio/globals';
import { artifactsDir, byTid, click, clickEl, completeSetup, dbPath, dialogOpen, invoke, login, openSection, screenshot, typeInto } from '../helpers.mjs';
import { startLagProbe, stats, timeBackendCalls } from './measure.mjs';

const run = promisify(execFile);
const AGENTS = Number(process.env.PERF_AGENTS ?? 300);
const KEYS = Number(process.env.PERF_KEYS ?? 200);
const REAL_KEYS = Number(process.env.PERF_REAL_KEYS ?? 40);
const OPENS = Number(process.env.PERF_OPENS ?? 5);
const WARMUP = 6;
const ITEMS = 20; // 5 points each: the template's 100
const TEAM = '评分压测组';
const TEMPLATE = '压测月度考核';
const LEAD_NAME = '评分班长';
const LEAD_PIN = '1357';
const cli = process.env.FLOORDESK_CLI ?? path.join(path.dirname(process.env.FLOORDESK_APP ?? ''), 'floordesk-cli');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'floordesk-perf-scores-'));

const round = (x) => (x == null ? null : Math.round(x * 10) / 10);

/** Last month (YYYY-MM) of the Shanghai date today: the app's clock starts on the 2nd of this one. */
function lastMonth() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m] = today.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe(`score entry grid: a 班长 rating ${AGENTS - 1} people × ${ITEMS} items`, () => {
  it('measures keystroke-to-screen latency', async function () {
    this.timeout(4 * 60 * 60 * 1000);
    if (!fs.existsSync(cli)) throw new Error(`no floordesk-cli at ${cli} (set FLOORDESK_CLI)`);
    await completeSetup({ site: '评分压测', supervisor: '评分主管', pin: '2580', landing: null });
    const month = lastMonth();

    // ---- the data, by floordesk-cli: agents, the template, its assignment ----
    const agentsCsv = ['工号,姓名,班组,职级'];
    const levels = ['初级', '中级', '高级'];
    for (let i = 0; i < AGENTS; i++) {
      agentsCsv.push(`${30001 + i},${i === 0 ? LEAD_NAME : `坐席${i + 1}`},${TEAM},${i === 0 ? '班长' : levels[i % 3]}`);
    }
    const leadNo = '30001';
    const agentsFile = path.join(work, 'agents.csv');
    fs.writeFileSync(agentsFile, agentsCsv.join('\n') + '\n');
    const groups = ['业务能力', '服务质量', '工作态度', '团队协作'];
    const templateCsv = ['template,group,item,max_points,roles,cycle'];
    for (let i = 0; i < ITEMS; i++) {
      templateCsv.push(`${TEMPLATE},${groups[Math.floor((i * groups.length) / ITEMS)]},项目${String(i + 1).padStart(2, '0')},${100 / ITEMS},self|superior|peer,monthly`);
    }
    const templateFile = path.join(work, 'template.csv');
    fs.writeFileSync(templateFile, templateCsv.join('\n') + '\n');
    const db = dbPath();
    for (const args of [
      ['import', 'agents', agentsFile],
      ['templates', 'import', templateFile],
      ['templates', 'assign', TEMPLATE, '--team', TEAM],
    ]) {
      const out = await run(cli, ['--db', db, ...args]);
      console.log(`floordesk-cli ${args.slice(0, 2).join(' ')}: ${out.stdout.trim()}`);
    }

    // ---- the 班长's user: no CLI command makes users, so the supervisor adds it in the app ----
    await openSection('users');
    await byTid('users-table', { timeout: 30000 });
    await click('user-add');
    await typeInto('user-form-name', LEAD_NAME);
    // The role is 班长 by default. The PIN before the 工号: the 工号's suggestions drop down over it.
    await typeInto('user-form-pin', LEAD_PIN);
    await typeInto('user-form-employee-no', leadNo);
    await click('user-form-submit');
    await browser.waitUntil(async () => !(await dialogOpen()), { timeout: 30000, timeoutMsg: 'the new user was not saved' });
    await click('logout');
    await login(`${LEAD_NAME} · 班长`, LEAD_PIN);

    // ---- instruments in the page ----
    await browser.setTimeout({ script: 120000 });
    await browser.execute(timeBackendCalls, true);
    await browser.execute(startLagProbe);

    /** Waits until no backend call is out (at most 15 s; a page may poll) and two frames pass. */
    const quiet = async () => {
      await browser
        .waitUntil(() => browser.execute(() => window.__pending === 0), { timeout: 15000, interval: 50 })
        .catch(() => console.warn('backend calls still out after 15 s; going on'));
      await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    };

    /**
     * In the page: clicks `selector` and times until the superior grid has its rows drawn, then the
     * next frame. Marks when the page, the entry tab and the grid appear, and the sheet's read.
     */
    const openTimed = async (selector) =>
      JSON.parse(await browser.executeAsync(
        (sel, done) => {
          const r = {};
          const from = window.__calls.length;
          const grid = () => document.querySelector('[data-testid^="score-grid-superior-"]');
          let timer;
          const finish = (error) => {
            observer.disconnect();
            clearTimeout(timer);
            r.calls = window.__calls.slice(from).filter(([cmd]) => !cmd.startsWith('plugin:'));
            r.rows_in_dom = grid()?.querySelectorAll('tbody tr[data-r]').length ?? 0;
            if (error) r.error = error;
            done(JSON.stringify(r));
          };
          const check = () => {
            const t = performance.now();
            if (r.tPage === undefined && document.querySelector('[data-testid="scores-page"]')) r.tPage = t;
            if (r.tEntry === undefined && document.querySelector('[data-testid="score-entry"]')) r.tEntry = t;
            if (r.tGrid === undefined && grid()?.querySelector('tbody tr[data-r] td[data-c]')) {
              r.tGrid = t;
              observer.disconnect();
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
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true });
          timer = setTimeout(() => finish('the grid was not drawn within 60 s'), 60000);
          const target = document.querySelector(sel);
          if (!target) return finish(`nothing to click at ${sel}`);
          r.t0 = performance.now();
          target.click();
          check();
        },
        selector,
      ));
    const openPhases = (o) => {
      const read = o.calls.filter(([c]) => c === 'my_score_sheet').at(-1);
      return {
        total: o.tPaint - o.t0,
        page: o.tPage != null ? o.tPage - o.t0 : null,
        entry: o.tEntry != null ? o.tEntry - o.t0 : null,
        grid_in_dom: o.tGrid - o.t0,
        frame_after_grid: o.tPaint - o.tGrid,
        my_score_sheet_read: read ? read[2] - read[1] : null,
        read_end_to_grid: read ? o.tGrid - read[2] : null,
        calls: o.calls.map(([c]) => c),
        rows_in_dom: o.rows_in_dom,
      };
    };

    // ---- the page: first open from the menu (its code loaded then too) ----
    await quiet();
    const first = await openTimed('[data-testid="nav-scores"]');
    if (first.error) throw new Error(`opening 绩效考核: ${first.error}`);
    const firstOpen = openPhases(first);
    console.log(`first open (menu → grid drawn): ${JSON.stringify(firstOpen)}`);
    const phase = await (await byTid('score-phase')).getText();
    if (!phase.includes('评分期内')) throw new Error(`${month}'s scoring window is not open on the app's clock: ${phase}`);

    const sheet = await invoke('my_score_sheet', { month });
    if (sheet.month !== month) throw new Error(`the sheet is of ${sheet.month}, not ${month}`);
    const superior = sheet.groups.find((g) => g.role === 'superior');
    if (!superior) throw new Error(`no superior sheet for ${LEAD_NAME}: ${JSON.stringify(sheet.groups.map((g) => g.role))}`);
    const gridSel = `[data-testid="score-grid-superior-${superior.template_id}"]`;
    const rows = superior.rows;
    const items = superior.items;
    console.log(`${month}: ${rows.length} people × ${items.length} items on ${LEAD_NAME}'s superior sheet (${sheet.groups.map((g) => `${g.role} ${g.rows.length}`).join(', ')})`);
    if (rows.length !== AGENTS - 1 || items.length !== ITEMS) throw new Error(`expected ${AGENTS - 1} × ${ITEMS}`);
    const grid = await browser.execute((sel) => ({
      rows_in_dom: document.querySelectorAll(`${sel} tbody tr[data-r]`).length,
      cells_in_dom: document.querySelectorAll(`${sel} td[data-c]`).length,
      all_cells_on_page: document.querySelectorAll('[data-testid^="score-cell-"]').length,
    }), gridSel);
    console.log(`grid: ${JSON.stringify(grid)}`);

    // ---- opening again: the 评分录入 tab from 考核结果, and the page from the board ----
    const tabOpens = [];
    const menuOpens = [];
    for (let i = 0; i < OPENS; i++) {
      await click('scores-tab-results');
      await browser.waitUntil(() => browser.execute(() => !document.querySelector('[data-testid^="score-grid-superior-"]')), {
        timeout: 30000,
        timeoutMsg: 'the entry grid stayed after switching to 考核结果',
      });
      await quiet();
      const tab = await openTimed('[data-testid="scores-tab-entry"]');
      if (tab.error) throw new Error(`reopening the entry tab: ${tab.error}`);
      tabOpens.push(openPhases(tab));
      await quiet();
      await click('nav-board');
      await browser.waitUntil(() => browser.execute(() => !document.querySelector('[data-testid="scores-page"]')), {
        timeout: 30000,
        timeoutMsg: 'the scores page stayed after opening the board',
      });
      await quiet();
      const menu = await openTimed('[data-testid="nav-scores"]');
      if (menu.error) throw new Error(`reopening 绩效考核: ${menu.error}`);
      menuOpens.push(openPhases(menu));
      await quiet();
    }
    console.log(`tab reopen (考核结果 → 评分录入): ${tabOpens.map((o) => Math.round(o.total)).join(', ')} ms`);
    console.log(`menu reopen (board → 绩效考核): ${menuOpens.map((o) => Math.round(o.total)).join(', ')} ms`);

    // ---- typing ----
    const cellId = (k) => `score-cell-${rows[Math.floor(k / ITEMS)].employee_no}-${items[k % ITEMS].id}`;
    const statusId = (k) => `score-status-${rows[Math.floor(k / ITEMS)].employee_no}`;
    const digitOf = (k) => String((k % 5) + 1);
    const capacity = rows.length * ITEMS;
    if (WARMUP + KEYS + REAL_KEYS > capacity) throw new Error(`at most ${capacity - WARMUP - REAL_KEYS} keys (PERF_KEYS) fit the sheet`);

    /**
     * Selects a cell as a mouse press does (outside any timing), scrolling to its row first when
     * it is not in the DOM (only the rows near the view are): `r` = its row's index.
     */
    const select = (testid, r) =>
      browser.executeAsync((sel, id, r, done) => {
        const grid = document.querySelector(sel);
        const frames = (n, then) => requestAnimationFrame(() => (n > 1 ? frames(n - 1, then) : then()));
        let tries = 0;
        const go = () => {
          const cell = document.querySelector(`[data-testid="${id}"]`);
          if (!cell) {
            if (tries++ > 20) return done(false);
            const row = grid.querySelector('tbody tr[data-r]');
            const h = row ? row.getBoundingClientRect().height : 27;
            const head = grid.querySelector('thead')?.getBoundingClientRect().height ?? 0;
            grid.scrollTop = Math.max(0, head + r * h - grid.clientHeight / 2);
            return frames(2, go);
          }
          cell.scrollIntoView({ block: 'center', inline: 'nearest' });
          cell.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 }));
          cell.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
          // Two frames: the selection drawn, the page idle.
          frames(2, () => done(!!document.querySelector(`[data-testid="${id}"]`)?.classList.contains('fd-rc-focus')));
        };
        go();
      }, gridSel, testid, r);

    /**
     * In the page: the digit's keydown on the grid, Tab on the editor it opens, then wait until the
     * cell shows the digit without an editor (and the next frame), then until the write has
     * answered and the row's status no longer says 保存中 (and that frame).
     */
    const typeTimed = async (testid, statusTestid, digit) =>
      JSON.parse(await browser.executeAsync(
        (sel, id, statusSel, digit, done) => {
          const q = () => document.querySelector(`[data-testid="${id}"]`);
          const grid = document.querySelector(sel);
          const cell0 = q();
          if (!cell0?.classList.contains('fd-rc-focus')) return done(JSON.stringify({ error: 'the cell is not the focused one' }));
          // A value the cell does not hold already (else nothing would be written).
          if (cell0.textContent.trim() === digit) digit = String((Number(digit) % 5) + 1);
          const r = { digit };
          const from = window.__calls.length;
          let timer;
          const finish = (error) => {
            observer.disconnect();
            clearTimeout(timer);
            r.calls = window.__calls.slice(from).filter(([cmd]) => !cmd.startsWith('plugin:'));
            if (error) r.error = error;
            done(JSON.stringify(r));
          };
          const afterFrame = (then) =>
            requestAnimationFrame(() => {
              const tFrame = performance.now();
              const ch = new MessageChannel();
              ch.port1.onmessage = () => then(tFrame, performance.now());
              ch.port2.postMessage(0);
            });
          let phase = 'editor';
          const check = () => {
            const cell = q();
            if (phase === 'editor') {
              const input = cell?.querySelector('input[data-testid="score-editor"]');
              if (!input) return;
              phase = 'commit';
              r.tEditor = performance.now();
              r.editorValue = input.value;
              r.tTab = performance.now();
              input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', code: 'Tab', bubbles: true, cancelable: true }));
            }
            if (phase === 'commit') {
              // The editor gone: the cell may show its old value until the sheet's patch renders.
              if (r.tEditorGone === undefined && cell && !cell.querySelector('input')) {
                r.tEditorGone = performance.now();
                r.textWhenEditorGone = cell.textContent.trim();
              }
              if (cell && !cell.querySelector('input') && cell.textContent.trim() === digit) {
                phase = 'frame';
                r.tDom = performance.now();
                afterFrame((tFrame, tPaint) => {
                  r.tFrame = tFrame;
                  r.tPaint = tPaint;
                  phase = 'save';
                  check();
                });
              }
              return;
            }
            if (phase === 'save') {
              if (!window.__calls.slice(from).some(([c]) => c === 'enter_scores')) return;
              const status = document.querySelector(statusSel)?.textContent ?? '';
              if (status.includes('未保存')) return finish(`the save failed (${status})`);
              if (status.includes('保存中') || status.trim() === '') return;
              phase = 'saved frame';
              r.tSavedDom = performance.now();
              r.status = status;
              afterFrame((_, tPaint) => {
                r.tSaved = tPaint;
                finish();
              });
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(grid, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
          timer = setTimeout(() => finish(`timed out in phase ${phase}`), 20000);
          r.tKey = performance.now();
          grid.dispatchEvent(new KeyboardEvent('keydown', { key: digit, bubbles: true, cancelable: true }));
          check();
        },
        gridSel,
        testid,
        `[data-testid="${statusTestid}"]`,
        digit,
      ));

    /** Where one pair's time went (ms), from its marks and the backend calls during it. */
    const phasesOf = (s) => {
      const write = s.calls.find(([c]) => c === 'enter_scores');
      return {
        total: s.tPaint - s.tKey,
        fromTab: s.tPaint - s.tTab,
        dom: s.tDom - s.tKey,
        editorOpen: s.tEditor - s.tKey,
        tabToText: s.tDom - s.tTab,
        // The editor gone before the new value shows (the old text meanwhile): 0 when together.
        oldTextShown: s.tEditorGone != null ? s.tDom - s.tEditorGone : null,
        frame: s.tFrame - s.tDom,
        rendering: s.tPaint - s.tFrame,
        saved: s.tSaved - s.tKey,
        write: write ? write[2] - write[1] : null,
        writeStartAfterKey: write ? write[1] - s.tKey : null,
        writeEndToSavedShown: write ? s.tSavedDom - write[2] : null,
        calls: s.calls.length,
      };
    };

    const samples = [];
    const real = [];
    const realFromTab = [];
    const realSaved = [];
    /** Writes scores-latency.json (also part-way, `complete` false, so a long run leaves figures). */
    const writeResults = async (complete, saveCheck = null) => {
      const lag = await browser.execute(() => window.__lag);
      const phases = samples.map(phasesOf);
      const col = (key) => phases.map((p) => p[key]);
      const otherCalls = {};
      for (const s of samples) for (const [c] of s.calls) otherCalls[c] = (otherCalls[c] ?? 0) + 1;
      const ocol = (list, key) => list.map((o) => o[key]);
      const result = {
        agents: AGENTS,
        month,
        sheet: { template_id: superior.template_id, people: rows.length, items: items.length, groups: sheet.groups.map((g) => ({ role: g.role, rows: g.rows.length })) },
        grid,
        complete,
        // Other work on the machine skews the figures: the load when the keystrokes began and now.
        machine: { cpus: os.cpus().length, load_average_at_start: loadAtStart, load_average_now: os.loadavg().map(round) },
        open_ms: {
          first_from_menu: Object.fromEntries(Object.entries(firstOpen).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])),
          tab_reopen: stats(ocol(tabOpens, 'total')),
          tab_reopen_grid_in_dom: stats(ocol(tabOpens, 'grid_in_dom')),
          tab_reopen_sheet_read: stats(ocol(tabOpens, 'my_score_sheet_read')),
          tab_reopen_calls: tabOpens[0]?.calls ?? [],
          menu_reopen: stats(ocol(menuOpens, 'total')),
          menu_reopen_grid_in_dom: stats(ocol(menuOpens, 'grid_in_dom')),
          menu_reopen_sheet_read: stats(ocol(menuOpens, 'my_score_sheet_read')),
          menu_reopen_calls: menuOpens[0]?.calls ?? [],
        },
        keystrokes: samples.length,
        latency_ms: stats(col('total')),
        latency_from_tab_ms: stats(col('fromTab')),
        keydown_to_saved_shown_ms: stats(col('saved')),
        breakdown_ms: {
          editor_open: stats(col('editorOpen')),
          tab_to_text: stats(col('tabToText')),
          old_text_shown_after_editor_closed: stats(col('oldTextShown')),
          dom_to_next_frame: stats(col('frame')),
          frame_style_layout_paint: stats(col('rendering')),
          enter_scores: stats(col('write')),
          enter_scores_start_after_keydown: stats(col('writeStartAfterKey')),
          enter_scores_end_to_saved_shown: stats(col('writeEndToSavedShown')),
        },
        backend_calls_per_keystroke: stats(col('calls')),
        backend_calls_during_keystrokes: otherCalls,
        real_keys_from_digit_ms: stats(real),
        real_keys_from_tab_ms: stats(realFromTab),
        real_keys_to_saved_shown_ms: stats(realSaved),
        main_thread_lag_ms: stats(lag),
        saved_check: saveCheck,
        method:
          'one executeAsync per keystroke pair: keydown(digit) on the grid, keydown(Tab) on the cell editor it opens; performance.now() from the digit keydown until a MutationObserver sees the cell with the digit and no editor, then the next requestAnimationFrame and a task posted from it (after the style, layout and paint of that frame); keydown_to_saved_shown: on until enter_scores has answered and the row status no longer says 保存中 (and that frame). WebDriver latency is outside the span. real_keys_*: the digit and Tab in one WebDriver action chain, timed from performance.now() in a capturing keydown listener to the same end. open_ms: from a click() in the page on the menu item or tab to the superior grid with rows in the DOM and the next frame.',
        samples: samples.map((s, i) => ({ cell: s.cell, digit: s.digit, ...Object.fromEntries(Object.entries(phases[i]).map(([k, v]) => [k, round(v)])) })),
      };
      fs.mkdirSync(artifactsDir, { recursive: true });
      fs.writeFileSync(path.join(artifactsDir, 'scores-latency.json'), JSON.stringify(result, null, 2));
      const { samples: _omit, ...summary } = result;
      console.log(JSON.stringify(summary, null, 2));
    };

    // The first cell, clicked as a person does.
    await clickEl(await byTid(cellId(0), { timeout: 30000 }), 'the first cell');
    await browser.waitUntil(
      () => browser.execute((id) => !!document.querySelector(`[data-testid="${id}"]`)?.classList.contains('fd-rc-focus'), cellId(0)),
      { timeout: 10000, timeoutMsg: 'the first cell did not take the focus' },
    );

    const loadAtStart = os.loadavg().map(round);
    let k = 0;
    for (const [n, keep] of [[WARMUP, false], [KEYS, true]]) {
      for (let j = 0; j < n; j++, k++) {
        const testid = cellId(k);
        // A new row: its first cell, selected outside the timing (Tab stops at the row's end).
        if (k > 0 && k % ITEMS === 0 && !(await select(testid, Math.floor(k / ITEMS)))) throw new Error(`could not select ${testid}`);
        const r = await typeTimed(testid, statusId(k), digitOf(k));
        if (r.error) throw new Error(`${testid} ${r.digit ?? digitOf(k)}: ${r.error}`);
        if (keep) samples.push({ cell: testid, ...r });
        if (j % 20 === 0) {
          const ph = Object.entries(phasesOf(r)).map(([key, v]) => `${key} ${v == null ? '-' : Math.round(v)}`);
          console.log(`${keep ? 'keystroke' : 'warm-up'} ${j + 1}/${n}: ${testid} ${r.digit}: ${ph.join(', ')}`);
        }
      }
    }

    // Real keys through WebDriver: timed from the digit's keydown, seen by a capturing listener.
    await browser.execute(() => {
      window.__keys = [];
      document.addEventListener('keydown', (e) => window.__keys.push([e.key, performance.now()]), true);
    });
    await writeResults(false);
    for (let j = 0; j < REAL_KEYS; j++, k++) {
      const testid = cellId(k);
      if (k % ITEMS === 0 && !(await select(testid, Math.floor(k / ITEMS)))) throw new Error(`could not select ${testid}`);
      const digit = digitOf(k);
      await browser.execute(() => {
        window.__keys.length = 0;
        window.__mark = window.__calls.length;
      });
      await browser.performActions([
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value: digit },
            { type: 'keyUp', value: digit },
            { type: 'keyDown', value: '\uE004' },
            { type: 'keyUp', value: '\uE004' },
          ],
        },
      ]);
      const r = JSON.parse(await browser.executeAsync(
        (id, statusSel, digit, done) => {
          const q = () => document.querySelector(`[data-testid="${id}"]`);
          const keyAt = (key) => window.__keys.find(([k]) => k === key)?.[1] ?? null;
          const shown = () => {
            const cell = q();
            return cell && !cell.querySelector('input') && cell.textContent.trim() === digit;
          };
          const saved = () => {
            if (!window.__calls.slice(window.__mark).some(([c]) => c === 'enter_scores')) return false;
            const s = document.querySelector(statusSel)?.textContent ?? '';
            return s.trim() !== '' && !s.includes('保存中');
          };
          const out = {};
          const frameThen = (then) =>
            requestAnimationFrame(() => {
              const ch = new MessageChannel();
              ch.port1.onmessage = () => then(performance.now());
              ch.port2.postMessage(0);
            });
          let stage = 'shown';
          let timer;
          const step = () => {
            if (stage === 'shown' && shown()) {
              stage = 'frame';
              frameThen((t) => {
                out.tPaint = t;
                stage = 'saved';
                step();
              });
            } else if (stage === 'saved' && shown() && saved()) {
              stage = 'done';
              frameThen((t) => {
                out.tSaved = t;
                observer.disconnect();
                clearTimeout(timer);
                done(JSON.stringify({ digit: keyAt(digit), tab: keyAt('Tab'), ...out }));
              });
            }
          };
          const observer = new MutationObserver(step);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          timer = setTimeout(() => {
            observer.disconnect();
            done(JSON.stringify({ error: `timed out at ${stage}; the cell shows ${JSON.stringify(q()?.textContent ?? null)}` }));
          }, 20000);
          step();
        },
        testid,
        `[data-testid="${statusId(k)}"]`,
        digit,
      ));
      if (r.error) throw new Error(`${testid} ${digit}: ${r.error}`);
      real.push(r.digit == null ? null : r.tPaint - r.digit);
      realFromTab.push(r.tab == null ? null : r.tPaint - r.tab);
      realSaved.push(r.digit == null ? null : r.tSaved - r.digit);
    }

    // ---- what the backend holds: every cell typed, saved ----
    const typed = k;
    const now = (await invoke('my_score_sheet', { month })).groups.find((g) => g.role === 'superior');
    const filled = now.rows.reduce((n, row) => n + row.filled, 0);
    const saveCheck = { cells_typed: typed, cells_filled_in_backend: filled, ok: filled === typed };
    if (!saveCheck.ok) console.warn(`the backend holds ${filled} cells, ${typed} were typed`);

    // ---- the screenshot: the top of the grid, the first rows typed ----
    await browser.executeAsync((sel, done) => {
      document.querySelector(sel)?.scrollTo({ top: 0, left: 0 });
      window.scrollTo(0, 0);
      requestAnimationFrame(() => requestAnimationFrame(() => done()));
    }, gridSel);
    await screenshot('scores-latency.png');

    await writeResults(true, saveCheck);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
