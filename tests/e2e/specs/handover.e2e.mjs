// 交接班 in the real app (docs/design/handover.md §10): on the demo floor at 15:40, 售前一组's 白班 D
// (08:30–16:00) is the running log and its 晚班 N (16:00–23:30) is still signed out. The lead
// corrects the roll call and assigns a seat by keyboard, writes ten items without the mouse in
// under a minute, loses nothing typed when the app is killed, closes an item, is held back until
// someone of the incoming shift is signed in (seed 003), and both 交接班长 sign with their PINs.
// A later edit is refused in words and an addendum takes its place; the 晚班 sees the carried
// customer with its history; the sheet prints to PDF (and a PNG of its first page); the CLI
// verifies the chain. wdio.conf.mjs runs this spec at 15:40 today, real speed, no simulator.
import { browser, expect } from '@wdio/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { shanghaiToday } from '../wdio.conf.mjs';
import {
  $tid,
  artifactsDir,
  byTid,
  click,
  clickEl,
  completeSetup,
  dbPath,
  invoke,
  killApp,
  login,
  openSection,
  pressButton,
  repoRoot,
  savePdf,
  screenshot,
  settle,
  tid,
  typeKeys,
} from '../helpers.mjs';

const SUPERVISOR = '值班主管';
const SUPERVISOR_PIN = '2580';
const DEMO_PIN = '1234';
const TEAM = '售前一组';
const HEX12 = /\b[0-9a-f]{12}\b/;

/** The customer handed over (移交客户), as typed. */
const CUSTOMER = {
  customer: '张女士',
  order_no: 'TB3920118842',
  problem: '客户要求退款，物流显示已签收',
  promised: '今晚20:00前回复',
};
const URGENT = '核对退款单';
const NOTE = '系统今晚22点升级';
const SHORT_NOTES = Array.from({ length: 7 }, (_, i) => `备注${i + 1}：第${i + 1}号台电脑已重启`);
const ADDENDUM = '补充：1004 14:00 后调去售后组支援';

const log = (...args) => console.log('[handover]', ...args);

// ---- the keyboard ----

/** Presses keys together (a chord such as Alt+N or Ctrl+Enter), or a single named key. */
const press = (...keys) => browser.keys(keys);

/** The data-testid of the focused element (or of the nearest element around it that has one). */
const focused = () => browser.execute(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

async function waitFocus(id, what) {
  await browser.waitUntil(async () => (await focused()) === id, { timeout: 10000, timeoutMsg: `${what}: the focus is not on [data-testid="${id}"] (it is on ${await focused()})` });
}

/** Page text of an element, read in the page (getText is unreliable on re-rendering rows). */
const textOf = (id) => browser.execute((sel) => document.querySelector(sel)?.innerText ?? '', tid(id));

// ---- the page ----

/** The id of 售前一组 in the shift list (the page groups the day's shifts by team). */
async function teamId() {
  let id = null;
  await browser.waitUntil(
    async () => {
      id = await browser.execute((name) => {
        const team = [...document.querySelectorAll('[data-testid^="handover-team-"]')].find(
          (el) => /^handover-team-\d+$/.test(el.getAttribute('data-testid')) && el.firstElementChild?.textContent.trim() === name,
        );
        return team ? Number(team.getAttribute('data-testid').slice('handover-team-'.length)) : null;
      }, TEAM);
      return id !== null;
    },
    { timeout: 30000, timeoutMsg: `${TEAM} is not in the shift list` },
  );
  return id;
}

/** Opens 交接班 (today) and the log of 售前一组's shift `key`; waits for its heading. */
async function openLog(key, { navigate = true } = {}) {
  if (navigate) {
    await openSection('handover');
    await byTid('handover-page', { timeout: 30000 });
    await click('handover-today');
  }
  const team = await teamId();
  const card = await byTid(`handover-team-${team}`);
  await clickEl(await card.$(tid(`handover-shift-${key}`)), `${TEAM} ${key}`);
  await browser.waitUntil(async () => (await textOf('handover-log-title')).includes(`${shanghaiToday()} ${TEAM}`) && (await textOf('handover-log-title')).includes(` ${key} `), {
    timeout: 30000,
    timeoutMsg: `the log of ${TEAM} ${key} did not open`,
  });
  return team;
}

/** The roll call's rows: 工号, each cell's text, and whether the keyboard's cursor is on it. */
const rollCallRows = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="handover-rollcall"] tr[data-testid^="rollcall-row-"]')].map((tr) => ({
      no: tr.getAttribute('data-testid').slice('rollcall-row-'.length),
      cells: [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()),
      cursor: tr.getAttribute('aria-selected') === 'true',
    })),
  );

/** The items' rows: id, each cell's text, and whether the list's selection is on it. */
const itemRows = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="handover-items"] tr[data-testid^="handover-item-"]')].map((tr) => ({
      id: Number(tr.getAttribute('data-testid').slice('handover-item-'.length)),
      cells: [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()),
      selected: tr.getAttribute('aria-selected') === 'true',
    })),
  );

/** Moves a keyboard cursor (roll call or item list, already focused) with ↑/↓ onto the row `match` picks. */
async function cursorTo(rowsOf, match, what) {
  await browser.waitUntil(
    async () => {
      const rows = await rowsOf();
      const target = rows.findIndex(match);
      const at = rows.findIndex((r) => r.cursor ?? r.selected);
      if (target < 0 || at < 0) return false;
      if (target === at) return true;
      await press(target > at ? 'ArrowDown' : 'ArrowUp');
      return false;
    },
    { timeout: 15000, interval: 150, timeoutMsg: `the keyboard could not reach ${what}` },
  );
}

/** Reads the log as the backend answers it (the same command the page reads). */
const backendLog = (key) => invoke('handover_log', { key });

/** The drafts the backend holds for a log. */
const backendDrafts = (logId) => invoke('handover_drafts', { logId });

describe('交接班: a shift handed over by keyboard, signed, and read by the next shift', () => {
  const started = Date.now();
  let team = null;
  let lateNo = null;
  let customerId = null;
  let noteId = null;

  after(() => log(`spec took ${((Date.now() - started) / 1000).toFixed(1)} s`));

  it('1. opens 售前一组 白班 D today: the running log lists its agents', async () => {
    await completeSetup({ site: '交接演示', supervisor: SUPERVISOR, pin: SUPERVISOR_PIN, demo: true, landing: null });
    team = await openLog('D');
    expect(await textOf('handover-log-title')).toContain('白班 D 08:30–16:00');
    expect(await textOf('handover-log-title')).toContain('晚班 N 16:00–23:30（当面交接）');
    expect(['进行中', '待签字']).toContain((await textOf('handover-log-status')).trim());
    expect(await textOf('handover-lead-outgoing')).toMatch(/王静\s*班长/);
    const rows = await rollCallRows();
    expect(rows.map((r) => r.no)).toEqual(['1001', '1002', '1003', '1004', '1011']);
    // Each read from the demo's history of the floor: a status word on every row.
    for (const r of rows) expect(r.cells[2]).toMatch(/到岗|迟到|缺勤|未到|请假|已报备/);
    expect(rows.find((r) => r.no === '1001').cells[1]).toContain('王静');
  });

  it('2. corrects the roll call by keyboard: one agent 迟到 with minutes, 1002 seated on A13 (Z)', async () => {
    await press('Alt', 'r');
    await waitFocus('handover-rollcall', 'Alt+R');
    // Someone the floor read as 到岗 (not the lead, not the one to seat) becomes 迟到 12 minutes:
    // S steps 到岗 → 迟到, L puts the caret in the minutes, Enter saves.
    const before = await rollCallRows();
    const target = before.find((r) => !['1001', '1002'].includes(r.no) && r.cells[2] === '到岗') ?? before.find((r) => r.no === '1004');
    lateNo = target.no;
    await cursorTo(rollCallRows, (r) => r.no === lateNo, `row ${lateNo}`);
    const ORDER = ['到岗', '迟到', '缺勤', '请假', '已报备'];
    const from = ORDER.indexOf(target.cells[2] === '未到' ? '缺勤' : target.cells[2]);
    for (let i = 0; i < (1 - from + ORDER.length) % ORDER.length; i += 1) await press('s');
    await byTid('rollcall-status-select');
    expect(await textOf('rollcall-status-select')).toContain('迟到');
    await press('l');
    await waitFocus('rollcall-late-input', 'L');
    await press('Control', 'a');
    await typeKeys('12');
    await press('Enter');
    await browser.waitUntil(
      async () => {
        const row = (await rollCallRows()).find((r) => r.no === lateNo);
        return row.cells[2] === '迟到' && row.cells[3] === '12' && row.cells[7].includes(SUPERVISOR);
      },
      { timeout: 15000, timeoutMsg: `row ${lateNo} does not show 迟到 12 corrected by ${SUPERVISOR}` },
    );
    // Z on 1002: the seat for this shift.
    await waitFocus('handover-rollcall', 'after saving');
    await cursorTo(rollCallRows, (r) => r.no === '1002', 'row 1002');
    await press('z');
    await waitFocus('rollcall-seat-input', 'Z');
    await typeKeys('A13');
    await press('Enter');
    await browser.waitUntil(async () => (await rollCallRows()).find((r) => r.no === '1002').cells[5] === 'A13', {
      timeout: 15000,
      timeoutMsg: 'row 1002 does not show the seat A13',
    });
    log(`roll call: ${lateNo} 迟到 12 分钟, 1002 → A13`);
  });

  it('3. writes three items and seven notes by keyboard alone, ten in under a minute', async () => {
    const before = new Set((await itemRows()).map((r) => r.id));
    const added = async () => (await itemRows()).filter((r) => !before.has(r.id));
    /** Waits until the n-th new item is listed and the entry row is ready again. */
    const listed = async (n, first) => {
      await browser.waitUntil(async () => (await added()).length >= n, { timeout: 15000, timeoutMsg: `item ${n} was not added` });
      await waitFocus(`handover-entry-${first}`, `after item ${n}`);
    };

    const t0 = Date.now();
    await press('Alt', 'n');
    await waitFocus('handover-entry-customer', 'Alt+N');
    // 移交客户: 客户 Tab 渠道 (2 = 千牛) Tab 订单号 Tab 问题 Tab 承诺事项, Ctrl+Enter adds.
    await press('Control', '1');
    await waitFocus('handover-entry-customer', 'Ctrl+1');
    await typeKeys(CUSTOMER.customer);
    await press('Tab');
    await waitFocus('handover-entry-channel', 'Tab to 渠道');
    await press('2');
    await press('Tab');
    await typeKeys(CUSTOMER.order_no);
    await press('Tab');
    await typeKeys(CUSTOMER.problem);
    await press('Tab');
    await waitFocus('handover-entry-promised', 'Tab to 承诺事项');
    await typeKeys(CUSTOMER.promised);
    await press('Control', 'Enter');
    await listed(1, 'customer');
    // 紧急事项 with a due time: Enter in the last field adds.
    await press('Control', '2');
    await waitFocus('handover-entry-what', 'Ctrl+2');
    await typeKeys(URGENT);
    await press('Tab');
    await waitFocus('handover-entry-due', 'Tab to 截止时间');
    await typeKeys('17:00');
    await press('Enter');
    await listed(2, 'what');
    // 备注, then seven more.
    await press('Control', '5');
    await waitFocus('handover-entry-text', 'Ctrl+5');
    await typeKeys(NOTE);
    await press('Enter');
    await listed(3, 'text');
    for (let i = 0; i < SHORT_NOTES.length; i += 1) {
      await typeKeys(SHORT_NOTES[i]);
      await press('Enter');
      await listed(4 + i, 'text');
    }
    const seconds = (Date.now() - t0) / 1000;
    log(`ten items by keyboard took ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);

    const rows = await added();
    expect(rows).toHaveLength(10);
    const customer = rows.find((r) => r.cells[1] === '移交客户');
    expect(customer.cells[2]).toContain(CUSTOMER.customer);
    expect(customer.cells[2]).toContain(CUSTOMER.order_no);
    expect(customer.cells[2]).toContain('千牛');
    expect(customer.cells[3]).toBe('未结');
    customerId = customer.id;
    const urgent = rows.find((r) => r.cells[1] === '紧急事项');
    expect(urgent.cells[2]).toContain(URGENT);
    expect(urgent.cells[2]).toContain('17:00');
    const note = rows.find((r) => r.cells[2].includes(NOTE));
    expect(note.cells[1]).toBe('备注');
    noteId = note.id;
    for (const text of SHORT_NOTES) expect(rows.some((r) => r.cells[1] === '备注' && r.cells[2].includes(text))).toBe(true);
    // The whole customer, as stored.
    const stored = (await backendLog({ team_id: team, date: shanghaiToday(), shift: 'D' })).items.find((i) => i.id === customerId);
    expect(stored.fields).toMatchObject({ kind: 'customer', customer: CUSTOMER.customer, channel: 'qianniu', order_no: CUSTOMER.order_no, problem: CUSTOMER.problem, promised: CUSTOMER.promised });
  });

  it('4. keeps what was typed when the app is killed: the draft comes back after logging in again', async () => {
    // Nothing is pending after the last add: the indicator shows for this typing alone.
    expect(await $tid('handover-draft-saved').isExisting()).toBe(false);
    await press('Control', '1');
    await waitFocus('handover-entry-customer', 'Ctrl+1');
    // One burst of keys: 客户 Tab Tab Tab 问题 (no click, no pause).
    await browser.performActions([
      {
        type: 'key',
        id: 'keyboard',
        actions: [...'赵先生', '\uE004', '\uE004', '\uE004', ...'发票抬头要改'].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]),
      },
    ]);
    await browser.releaseActions();
    await waitFocus('handover-entry-problem', 'Tab Tab Tab');
    const saved = await byTid('handover-draft-saved', { timeout: 10000 });
    log(`draft indicator: ${await saved.getText()}`);
    // The indicator shows at the first confirmed save; the last keystrokes' save (300 ms after
    // them) is confirmed by the backend holding the whole row before the plug is pulled.
    const logId = (await backendLog({ team_id: team, date: shanghaiToday(), shift: 'D' })).log_id;
    await browser.waitUntil(
      async () => (await backendDrafts(logId)).some((d) => d.slot === 'new' && d.body.includes('赵先生') && d.body.includes('发票抬头要改')),
      { timeout: 10000, timeoutMsg: 'the backend does not hold the draft the indicator promised' },
    );

    await killApp();
    await login(`${SUPERVISOR} · 主管`, SUPERVISOR_PIN);
    await openLog('D');
    const value = (id) => browser.execute((sel) => document.querySelector(sel)?.value ?? null, tid(id));
    await browser.waitUntil(async () => (await value('handover-entry-customer')) === '赵先生', {
      timeout: 15000,
      timeoutMsg: 'the entry row did not come back with 赵先生 after the kill',
    });
    expect(await value('handover-entry-problem')).toBe('发票抬头要改');
    // Esc clears the row, and the draft with it.
    await press('Alt', 'n');
    await waitFocus('handover-entry-customer', 'Alt+N');
    await press('Escape');
    await browser.waitUntil(async () => (await value('handover-entry-customer')) === '' && (await value('handover-entry-problem')) === '', {
      timeout: 10000,
      timeoutMsg: 'Esc did not clear the entry row',
    });
    await browser.waitUntil(async () => !(await backendDrafts(logId)).some((d) => d.slot === 'new'), {
      timeout: 10000,
      timeoutMsg: 'the cleared row left its draft behind',
    });
    // The ten items and the roll call survived too.
    expect((await itemRows()).some((r) => r.id === customerId)).toBe(true);
    expect((await rollCallRows()).find((r) => r.no === '1002').cells[5]).toBe('A13');
  });

  it('5. closes the 备注 by keyboard (C, outcome, Enter): 已结', async () => {
    await press('Alt', 'l');
    await waitFocus('handover-items', 'Alt+L');
    await cursorTo(itemRows, (r) => r.id === noteId, `item ${noteId}`);
    await press('c');
    await byTid('handover-action-close', { timeout: 15000 });
    await waitFocus('handover-action-text', 'C');
    await typeKeys('已通知全组');
    await press('Enter');
    await browser.waitUntil(
      async () => {
        const row = (await itemRows()).find((r) => r.id === noteId);
        return row?.cells[3] === '已结' && row.cells[2].includes('处理结果：已通知全组');
      },
      { timeout: 15000, timeoutMsg: `item ${noteId} did not turn 已结` },
    );
    await browser.waitUntil(async () => !(await $tid('handover-action-close').isExisting()), { timeout: 10000, timeoutMsg: 'the 结案 dialog stays open' });
  });

  it('6. holds the sign-off while nobody of the 晚班 is signed in, until 赵敏 signs in on the board', async () => {
    const blockers = await byTid('handover-blockers');
    await browser.waitUntil(async () => /接班客服尚未上线：.*赵敏/.test(await blockers.getText()), {
      timeout: 10000,
      timeoutMsg: 'the blockers do not name the 晚班 agents not signed in',
    });
    log(`blockers: ${(await blockers.getText()).replace(/\s+/g, ' ')}`);
    // The sign dialog says so before anyone types a PIN.
    await press('Alt', 's');
    await byTid('handover-sign', { timeout: 15000 });
    const shown = await browser.execute(() => [...document.querySelectorAll('[data-testid="handover-sign-blockers"] li')].map((li) => [li.dataset.code, li.innerText]));
    expect(shown.some(([code, text]) => code === 'handover.incoming_not_signed_in' && text.includes('赵敏'))).toBe(true);
    await pressButton('handover-sign-cancel');
    await browser.waitUntil(async () => !(await $tid('handover-sign').isExisting()), { timeout: 10000, timeoutMsg: 'the sign dialog did not close' });

    // On the board: 1002's card sits on A13 with 排; 赵敏 (1007) goes 空闲 through her card's menu.
    await openSection('board');
    const card = await byTid('board-agent-1007', { timeout: 30000 });
    expect(await card.getAttribute('data-state')).toBe('signed_out');
    expect(await (await byTid('board-agent-1002')).getAttribute('data-seat')).toBe('A13');
    await byTid('board-seat-assigned-1002');
    await click('board-agent-1007');
    await byTid('state-menu');
    await click('set-state-ready');
    await browser.waitUntil(async () => (await (await $tid('board-agent-1007')).getAttribute('data-state')) === 'ready', {
      timeout: 15000,
      timeoutMsg: 'board-agent-1007 did not turn ready',
    });
    await browser.keys(['Escape']);

    await openLog('D');
    await browser.waitUntil(async () => !(await textOf('handover-log-header')).includes('接班客服尚未上线'), {
      timeout: 15000,
      timeoutMsg: 'the blocker stays after 赵敏 signed in',
    });
    // Signed in, 赵敏 is the 晚班's 交接班长 as the supervisor named her.
    await browser.waitUntil(async () => /赵敏\s*主管指定/.test(await textOf('handover-lead-incoming')), {
      timeout: 15000,
      timeoutMsg: `the incoming lead is not 赵敏 · 主管指定 (${await textOf('handover-lead-incoming')})`,
    });
  });

  it('7. both 交接班长 sign with their PINs: 已签字, two signature lines with 12-hex codes', async () => {
    await byTid('handover-sign-open');
    await press('Alt', 's');
    await byTid('handover-sign', { timeout: 15000 });
    await settle();
    // Both leads prefilled: 王静 (班长) hands over, 赵敏 (主管指定) takes over.
    await browser.waitUntil(async () => (await textOf('handover-sign-outgoing-user')).includes('王静'), { timeout: 10000, timeoutMsg: 'the outgoing lead is not prefilled' });
    expect(await textOf('handover-sign-incoming-user')).toContain('赵敏');
    expect(await $tid('handover-sign-blockers').isExisting()).toBe(false);
    // Each lead types their own PIN: the outgoing PIN has the caret, Tab Tab reaches the incoming one.
    await waitFocus('handover-sign-outgoing-pin', 'the dialog opening');
    await typeKeys(DEMO_PIN);
    await press('Tab');
    await press('Tab');
    await waitFocus('handover-sign-incoming-pin', 'Tab Tab');
    await typeKeys(DEMO_PIN);
    const pins = await browser.execute(() => ['outgoing', 'incoming'].map((side) => document.querySelector(`[data-testid="handover-sign-${side}-pin"]`)?.value));
    expect(pins).toEqual([DEMO_PIN, DEMO_PIN]);
    await screenshot('handover-ready-to-sign.png');
    // OK: Enter in the PIN signs, as the button does.
    await press('Enter');
    await browser.waitUntil(async () => (await textOf('handover-log-status')).trim() === '已签字', { timeout: 20000, timeoutMsg: 'the log is not 已签字' });
    await browser.waitUntil(async () => !(await $tid('handover-sign').isExisting()), { timeout: 10000, timeoutMsg: 'the sign dialog stays open' });
    const out = await textOf('handover-signature-outgoing');
    const inc = await textOf('handover-signature-incoming');
    log(`signatures: ${out.replace(/\s+/g, ' ')} | ${inc.replace(/\s+/g, ' ')}`);
    expect(out).toMatch(/交班班长：王静（1001）/);
    expect(out).toContain('当面交接');
    expect(out).toMatch(HEX12);
    expect(inc).toMatch(/接班班长：赵敏（1007）/);
    expect(inc).toContain('主管指定');
    expect(inc).toMatch(HEX12);
    expect(out.match(HEX12)[0]).not.toBe(inc.match(HEX12)[0]);
  });

  it('8. refuses a roll-call correction of the signed log in words, and takes an addendum', async () => {
    await press('Alt', 'r');
    await waitFocus('handover-rollcall', 'Alt+R');
    await cursorTo(rollCallRows, (r) => r.no === '1004', 'row 1004');
    const was = (await rollCallRows()).find((r) => r.no === '1004').cells[2];
    await press('s');
    await byTid('rollcall-status-select');
    await press('Enter');
    const refused = await byTid('handover-refused', { timeout: 15000 });
    const words = await refused.getText();
    log(`refused: ${words}`);
    // The backend names the shift by its key (D), as it does in every handover.signed refusal.
    expect(words).toContain(`${shanghaiToday()} ${TEAM} 白班 D 的交接记录已签字，不能再修改；如需补充，请添加补充说明`);
    // Nothing changed: Esc drops the correction and the row reads as before.
    await press('Escape');
    await browser.waitUntil(async () => (await rollCallRows()).find((r) => r.no === '1004').cells[2] === was, {
      timeout: 10000,
      timeoutMsg: 'row 1004 changed in a signed log',
    });

    // The refusal offers the addendum instead.
    await pressButton('handover-refused-addendum');
    await waitFocus('handover-addendum-input', '添加补充说明');
    await typeKeys(ADDENDUM);
    await pressButton('handover-addendum-add');
    let addendum = '';
    await browser.waitUntil(
      async () => {
        addendum = await browser.execute(
          (text) => [...document.querySelectorAll('[data-testid^="handover-addendum-"]')].find((el) => /^handover-addendum-\d+$/.test(el.getAttribute('data-testid')) && el.innerText.includes(text))?.innerText ?? '',
          ADDENDUM,
        );
        return addendum !== '';
      },
      { timeout: 15000, timeoutMsg: 'the addendum is not shown' },
    );
    log(`addendum: ${addendum.replace(/\s+/g, ' ')}`);
    expect(addendum).toMatch(new RegExp(`${shanghaiToday()} \\d{2}:\\d{2} · ${SUPERVISOR}（`));
    expect(addendum).toMatch(HEX12);
  });

  it('9. the 晚班 sees the carried customer, open two shifts, with its creation and carry-over', async () => {
    const card = await byTid(`handover-team-${team}`);
    await clickEl(await card.$(tid('handover-shift-N')), `${TEAM} N`);
    await browser.waitUntil(async () => (await textOf('handover-log-title')).includes('晚班 N 16:00–23:30'), { timeout: 15000, timeoutMsg: 'the 晚班 N log did not open' });
    let row;
    await browser.waitUntil(
      async () => {
        row = (await itemRows()).find((r) => r.id === customerId);
        return Boolean(row);
      },
      { timeout: 15000, timeoutMsg: `the customer item ${customerId} is not in the 晚班's log` },
    );
    expect(row.cells[2]).toContain(CUSTOMER.customer);
    expect(row.cells[3]).toBe('未结');
    expect(row.cells[4]).toBe('2');
    expect(row.cells[6]).toContain('遗留');
    // The closed note stayed behind; the open ones came along.
    const rows = await itemRows();
    expect(rows.some((r) => r.id === noteId)).toBe(false);
    expect(rows.some((r) => r.cells[1] === '紧急事项' && r.cells[2].includes(URGENT))).toBe(true);

    await press('Alt', 'l');
    await waitFocus('handover-items', 'Alt+L');
    await cursorTo(itemRows, (r) => r.id === customerId, `item ${customerId}`);
    await press('Enter');
    const timeline = await byTid('handover-item-timeline', { timeout: 15000 });
    let story = '';
    await browser.waitUntil(
      async () => {
        story = await timeline.getText();
        return story.includes('随交接移交');
      },
      { timeout: 15000, timeoutMsg: 'the timeline does not show the carry-over' },
    );
    log(`timeline: ${story.replace(/\s+/g, ' ')}`);
    expect(story).toContain('已开 2 个班次');
    expect(story).toMatch(new RegExp(`创建[\\s\\S]*${SUPERVISOR}[\\s\\S]*随交接移交`));
    expect(story).toContain(`${shanghaiToday()} ${TEAM} 白班 D → ${shanghaiToday()} ${TEAM} 晚班 N`);
    expect(story).toContain(`承诺事项：${CUSTOMER.promised}`);
    await press('Escape');
    await browser.waitUntil(async () => !(await $tid('handover-item-timeline').isExisting()), { timeout: 10000, timeoutMsg: 'the timeline did not close' });
  });

  it('10. prints the 白班 D sheet: roll call, the customer, both signers, the codes; PDF and PNG', async () => {
    const card = await byTid(`handover-team-${team}`);
    await clickEl(await card.$(tid('handover-shift-D')), `${TEAM} D`);
    await browser.waitUntil(async () => (await textOf('handover-log-status')).trim() === '已签字', { timeout: 15000, timeoutMsg: 'the 白班 D log is not shown signed' });
    await press('Control', 'p');
    const sheet = await byTid('handover-print-sheet', { timeout: 15000 });
    await settle();
    const text = await sheet.getText();
    for (const part of ['交接班记录', '点名', CUSTOMER.customer, '王静（1001）', '赵敏（1007）', ADDENDUM, '当面交接']) expect(text).toContain(part);
    expect(text).not.toContain('草稿');
    expect(text).toMatch(HEX12);
    const pdf = path.join(artifactsDir, 'handover-sheet.pdf');
    const png = path.join(artifactsDir, 'handover-sheet.png');
    fs.rmSync(pdf, { force: true });
    await savePdf(pdf, false);
    expect(fs.statSync(pdf).size).toBeGreaterThan(10000);
    fs.rmSync(png, { force: true });
    execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', pdf, png.replace(/\.png$/, '')]);
    expect(fs.statSync(png).size).toBeGreaterThan(10000);
    log(`sheet: ${pdf} (${fs.statSync(pdf).size} B), ${png} (${fs.statSync(png).size} B)`);
    await pressButton('handover-print-close');
    await browser.waitUntil(async () => !(await $tid('handover-print-sheet').isExisting()), { timeout: 10000, timeoutMsg: 'the print view did not close' });
  });

  it('11. floordesk-cli verify: the chain holds', async function () {
    const targetDir = path.resolve(repoRoot, process.env.CARGO_TARGET_DIR ?? 'target');
    const cli = path.join(targetDir, 'debug', 'floordesk-cli');
    if (!fs.existsSync(cli)) {
      log(`no ${cli}: verify skipped`);
      this.skip();
    }
    const out = execFileSync(cli, ['--db', dbPath(), 'verify'], { encoding: 'utf8' }).trim();
    log(out);
    expect(out).toMatch(/^verify: ok \(/);
  });
});
