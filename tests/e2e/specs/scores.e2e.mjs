// 绩效考核 in the real app, on the demo floor on the 2nd of this month at 10:00: last month's
// scoring window is open (its first five working days) and last month is half scored; the six
// months before it are published. A 班长 types a row of scores by keyboard and has a value above
// an item's maximum refused on the spot; an agent logs in with their own PIN and writes their
// 自评; the supervisor is refused publishing last month (people not fully rated, named), reopens
// an earlier month with a reason and their PIN and publishes it again; the ranking and the grade
// chart show. wdio.conf.mjs starts this spec on the 2nd at 10:00, real speed.
import { browser, expect } from '@wdio/globals';
import fs from 'node:fs';
import {
  byTid,
  click,
  clickEl,
  completeSetup,
  invoke,
  login,
  openSection,
  pressButton,
  printToPng,
  restartApp,
  screenshot,
  settle,
  tid,
  typeKeys,
} from '../helpers.mjs';

const SUPERVISOR = '考核主管';
const SUPERVISOR_PIN = '2580';
const DEMO_PIN = '1234';
const LEAD = '王静 · 班长';
const AGENT = '李娜 · 坐席';

const log = (...args) => console.log('[scores]', ...args);

/** YYYY-MM of `back` months before the app's month (the clock starts on the 2nd of this one). */
function monthBefore(back) {
  const now = new Date();
  const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now);
  const [y, m] = shanghai.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const LAST_MONTH = monthBefore(1);
const EARLIER = monthBefore(2);

const press = (...keys) => browser.keys(keys);

const textOf = (id) => browser.execute((sel) => document.querySelector(sel)?.innerText ?? '', tid(id));

async function openTab(key) {
  await openSection('scores');
  await byTid('scores-page', { timeout: 30000 });
  await clickEl(await byTid(`scores-tab-${key}`), `the ${key} tab`);
}

/** Sets the month picker to `month` by keyboard (select all, type, Enter). */
async function chooseMonth(month) {
  // antd puts the test id on the picker's input itself (or on its wrapper in other versions).
  const picker = await byTid('scores-month');
  const input = (await picker.getTagName()) === 'input' ? picker : await picker.$('input');
  await clickEl(input, 'the month picker');
  await press('Control', 'a');
  await typeKeys(month);
  await press('Enter');
  await browser.waitUntil(async () => (await input.getValue()) === month, { timeout: 10000, timeoutMsg: `the month picker did not take ${month}` });
  await settle();
}

describe('绩效考核: entry, self-assessment, publish and results', function () {
  this.timeout(600000);
  let sheet;

  it('1. the demo opens; a 班长 sees last month\'s superior sheet of their team, inside the window', async () => {
    await completeSetup({ site: '考核演示', supervisor: SUPERVISOR, pin: SUPERVISOR_PIN, demo: true, landing: null });
    await restartApp();
    await login(LEAD, DEMO_PIN);
    await openTab('entry');
    await byTid('score-entry', { timeout: 30000 });
    expect(await textOf('score-phase')).toContain('评分期内');
    sheet = await invoke('my_score_sheet', { month: LAST_MONTH });
    const superior = sheet.groups.find((g) => g.role === 'superior');
    expect(superior).toBeTruthy();
    await byTid(`score-grid-superior-${superior.template_id}`, { timeout: 30000 });
    log(`${LAST_MONTH}: ${superior.rows.length} people on 王静's superior sheet, ${superior.items.length} items`);
  });

  it('2. a row of five scores typed by keyboard is saved as typed', async () => {
    const superior = sheet.groups.find((g) => g.role === 'superior');
    const row = superior.rows[0];
    const items = superior.items.slice(0, 5);
    // Within each item's maximum: 80 % of it, in halves.
    const values = items.map((i) => String(Math.round(i.max_points * 1.6) / 2));
    await clickEl(await byTid(`score-cell-${row.employee_no}-${items[0].id}`), 'the first cell');
    const started = Date.now();
    for (const [n, v] of values.entries()) {
      await typeKeys(v);
      await press(n === values.length - 1 ? 'Enter' : 'Tab');
    }
    await browser.waitUntil(
      async () => {
        const now = await invoke('my_score_sheet', { month: LAST_MONTH });
        const saved = now.groups.find((g) => g.role === 'superior').rows.find((r) => r.employee_no === row.employee_no);
        return items.every((item, n) => saved.cells[n] === Math.round(Number(values[n]) * 100));
      },
      { timeout: 15000, timeoutMsg: `the backend does not hold ${values.join(', ')} for ${row.employee_no}` },
    );
    log(`five cells typed and saved in ${Date.now() - started} ms: ${values.join(' ')}`);
    await screenshot('scores-entry-grid.png');
  });

  it('3. a value above the item\'s maximum is refused on the spot and nothing is saved', async () => {
    const superior = sheet.groups.find((g) => g.role === 'superior');
    const row = superior.rows[1];
    const n = superior.items.findIndex((i) => i.max_points === 5);
    const item = superior.items[n];
    const before = (await invoke('my_score_sheet', { month: LAST_MONTH })).groups
      .find((g) => g.role === 'superior')
      .rows.find((r) => r.employee_no === row.employee_no).cells[n];
    await clickEl(await byTid(`score-cell-${row.employee_no}-${item.id}`), `${item.name} of ${row.employee_no}`);
    await typeKeys('7');
    await press('Enter');
    const error = await byTid('score-cell-error', { timeout: 10000 });
    const words = await error.getText();
    log(`refused: ${words}`);
    expect(words).toContain('5');
    await press('Escape');
    await settle();
    const after = (await invoke('my_score_sheet', { month: LAST_MONTH })).groups
      .find((g) => g.role === 'superior')
      .rows.find((r) => r.employee_no === row.employee_no).cells[n];
    expect(after).toBe(before);
  });

  it('4. an agent logs in with their own PIN and writes their 自评', async () => {
    await restartApp();
    await login(AGENT, DEMO_PIN);
    await openTab('entry');
    const mine = await invoke('my_score_sheet', { month: LAST_MONTH });
    // Their own 自评, and the colleagues the 班长 chose them to rate as 小组; never a superior's sheet.
    expect(mine.groups.map((g) => g.role)).toContain('self');
    expect(mine.groups.map((g) => g.role)).not.toContain('superior');
    const own = mine.groups.find((g) => g.role === 'self');
    await byTid(`score-grid-self-${own.template_id}`, { timeout: 30000 });
    const values = own.items.map((i) => String(i.max_points - 1));
    await clickEl(await byTid(`score-cell-${own.rows[0].employee_no}-${own.items[0].id}`), 'my first item');
    for (const [n, v] of values.entries()) {
      await typeKeys(v);
      await press(n === values.length - 1 ? 'Enter' : 'Tab');
    }
    await browser.waitUntil(
      async () => {
        const now = (await invoke('my_score_sheet', { month: LAST_MONTH })).groups.find((g) => g.role === 'self').rows[0];
        return values.every((v, n) => now.cells[n] === Number(v) * 100);
      },
      { timeout: 15000, timeoutMsg: 'the 自评 was not saved' },
    );
    // The agent's results tab is their own card, without any 小组 number.
    await clickEl(await byTid('scores-tab-results'), 'the results tab');
    await byTid('my-result', { timeout: 30000 });
    log(`my result: ${(await textOf('my-result')).replace(/\s+/g, ' ').slice(0, 120)}`);
  });

  it('5. publishing last month is refused while people are not fully rated, naming them', async () => {
    await restartApp();
    await login(`${SUPERVISOR} · 主管`, SUPERVISOR_PIN);
    await openTab('results');
    await byTid('results-table', { timeout: 30000 });
    await pressButton('publish-scores');
    await pressButton('publish-confirm-ok');
    const refused = await byTid('publish-incomplete', { timeout: 15000 });
    log(`refused: ${(await refused.getText()).replace(/\s+/g, ' ').slice(0, 160)}`);
    const status = await invoke('score_results', { month: LAST_MONTH });
    expect(status.published).toBe(false);
  });

  it('6. the supervisor reopens an earlier month with a reason and the PIN, and publishes it again', async () => {
    await press('Escape');
    await settle();
    await chooseMonth(EARLIER);
    await byTid('results-table', { timeout: 30000 });
    await pressButton('reopen-scores');
    await byTid('reopen-modal', { timeout: 10000 });
    await clickEl(await (await byTid('reopen-modal-reason')), 'the reason');
    await typeKeys('上级评分录入有误，重新核对');
    await clickEl(await (await byTid('reopen-modal-pin')).$('input'), 'the PIN').catch(async () => clickEl(await byTid('reopen-modal-pin'), 'the PIN'));
    await typeKeys(SUPERVISOR_PIN);
    await pressButton('reopen-modal-ok');
    await browser.waitUntil(async () => !(await invoke('score_results', { month: EARLIER })).published, { timeout: 15000, timeoutMsg: `${EARLIER} was not reopened` });
    await pressButton('publish-scores');
    await pressButton('publish-confirm-ok');
    await browser.waitUntil(async () => (await invoke('score_results', { month: EARLIER })).published, { timeout: 15000, timeoutMsg: `${EARLIER} was not published again` });
  });

  it('7. the ranking and the grade chart show the published month', async () => {
    const results = await invoke('score_results', { month: EARLIER });
    const first = results.rows.filter((r) => r.rank === 1);
    expect(first.length).toBeGreaterThan(0);
    const row = await byTid(`results-row-${first[0].employee_no}`, { timeout: 30000 });
    expect(await row.getText()).toContain(first[0].composite_text);
    const chart = await byTid('grade-chart', { timeout: 15000 });
    const summary = await chart.getAttribute('aria-label');
    log(`grade chart: ${summary}`);
    expect(summary).toMatch(/优秀\s*\d+/);
    // The chart is drawn: ECharts' SVG has shapes in it.
    const shapes = await browser.execute((sel) => document.querySelector(sel)?.querySelectorAll('svg path, svg rect').length ?? 0, tid('grade-chart'));
    expect(shapes).toBeGreaterThan(3);
    await screenshot('scores-results.png');
  });

  it('8. the first-ranked person\'s score card prints to A4 (PDF, and a PNG of it)', async () => {
    const results = await invoke('score_results', { month: EARLIER });
    const top = results.rows.find((r) => r.rank === 1);
    await pressButton(`results-row-${top.employee_no}`);
    await pressButton('print-score-card');
    const card = await byTid('score-card', { timeout: 15000 });
    expect(await card.getText()).toContain(top.composite_text);
    // The dialog zooms in: print it once it has stopped moving (mid-animation it prints blank).
    await settle();
    await browser.pause(1000);
    const { pdf, png } = await printToPng('score-card');
    expect(fs.statSync(pdf).size).toBeGreaterThan(5000);
    expect(fs.statSync(png).size).toBeGreaterThan(5000);
    log(`score card of ${top.employee_no}: ${pdf}, ${png}`);
    await pressButton('score-card-close');
  });
});
