// Computed score items (绩效考核 part 2) in the real app, on the demo floor on the 2nd of this
// month at 10:00 (last month's window is open). The demo's 电商客服月度考核 fills 出勤纪律 from
// attendance and 现场纪律 from alerts and incidents. The supervisor rewrites 出勤纪律's formula,
// previews it on last month's data and saves it (a new version: last month keeps the one it began
// on); a 班长 sees an agent's late sign-ins in the read-only 出勤纪律 cell of their superior
// sheet, with its inputs on hover; the supervisor reopens and publishes an earlier month, whose
// computed values stay as published; the quarter's top three, the overdue improvement plan and
// last month's spot checks show; an agent sees their own late sign-ins in their computed items.
// wdio.conf.mjs starts this spec on the 2nd at 10:00.
import { browser, expect } from '@wdio/globals';
import {
  byTid,
  clickEl,
  completeSetup,
  invoke,
  login,
  openSection,
  pressButton,
  restartApp,
  screenshot,
  settle,
  tid,
  typeKeys,
} from '../helpers.mjs';

const SUPERVISOR = '计算主管';
const SUPERVISOR_PIN = '2580';
const DEMO_PIN = '1234';
const LEAD = '王静 · 班长';
const TEMPLATE = '电商客服月度考核';
const ITEM = '出勤纪律';
const FORMULA = 'max(0, 5 - 2 * late_count - 3 * absences)';

const log = (...args) => console.log('[scores-computed]', ...args);
const press = (...keys) => browser.keys(keys);

/** YYYY-MM of `back` months before the app's month. */
function monthBefore(back) {
  const now = new Date();
  const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now);
  const [y, m] = shanghai.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const LAST_MONTH = monthBefore(1);
const EARLIER = monthBefore(2);

async function openTab(key) {
  await openSection('scores');
  await byTid('scores-page', { timeout: 30000 });
  await clickEl(await byTid(`scores-tab-${key}`), `the ${key} tab`);
}

/** Hovers an element: the mouseover the grid listens for (WebKitWebDriver's pointer moves are
 * unreliable under Xvfb). */
async function hover(el) {
  await el.scrollIntoView({ block: 'center' });
  // WebKit re-hovers whatever lies under the (real, still) pointer once a scroll ends: let it,
  // then hover the cell.
  await settle();
  await browser.pause(500);
  await browser.execute((e) => e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })), el);
}

describe('computed score items', function () {
  this.timeout(600000);
  let template;
  let index;

  it('1. the supervisor rewrites a computed item\'s formula and previews it on last month', async () => {
    await completeSetup({ site: '计算演示', supervisor: SUPERVISOR, pin: SUPERVISOR_PIN, demo: true, landing: null });
    template = (await invoke('score_templates')).find((t) => t.name === TEMPLATE);
    index = template.items.findIndex((i) => i.name === ITEM);
    expect(template.items[index].computed).toBe(true);
    await openTab('templates');
    await pressButton(`template-edit-${template.id}`);
    await byTid('template-editor', { timeout: 15000 });
    const field = await byTid(`formula-${index}`, { timeout: 15000 });
    await field.scrollIntoView({ block: 'center' });
    await clickEl(field, 'the formula');
    await press('Control', 'a');
    await press('Backspace');
    await typeKeys(FORMULA);
    await browser.waitUntil(async () => (await field.getValue()) === FORMULA, { timeout: 10000, timeoutMsg: 'the formula was not typed' });
    await pressButton(`formula-preview-${index}`);
    await byTid(`formula-preview-table-${index}`, { timeout: 30000 });

    // The backend's own preview of the same formula: someone late last month loses points, and
    // the table (the hardest hit first) shows what the backend worked out.
    const rows = await invoke('preview_score_formula', { item: ITEM, formula: FORMULA, maxPoints: 5, month: LAST_MONTH });
    const wasLate = (r) => r.score.inputs.some((i) => i.name === 'late_count' && i.value > 0);
    expect(rows.some(wasLate)).toBe(true);
    const shownNos = await browser.execute(
      () => [...document.querySelectorAll('[data-testid^="formula-preview-row-"]')].map((e) => e.getAttribute('data-testid').slice('formula-preview-row-'.length)),
    );
    expect(shownNos.length).toBeGreaterThan(0);
    const byNo = new Map(rows.map((r) => [r.employee_no, r]));
    const late = shownNos.map((no) => byNo.get(no)).find((r) => r && wasLate(r) && r.score.points > 0) ?? byNo.get(shownNos[0]);
    const shown = await browser.execute((sel) => document.querySelector(sel)?.innerText ?? '', tid(`formula-preview-row-${late.employee_no}`));
    log(`preview of ${late.employee_no}: ${shown.replace(/\s+/g, ' ')} (backend: ${late.score.points / 100})`);
    expect(shown).toContain(String(late.score.points / 100));
    await screenshot('formula-preview.png');
  });

  it('2. saved, the formula is a new version: last month keeps the one it began on', async () => {
    await pressButton('template-editor-save');
    await browser.waitUntil(
      async () => {
        const now = (await invoke('score_templates')).find((t) => t.id === template.id);
        return now.version > template.version && now.items.find((i) => i.name === ITEM).formula === FORMULA;
      },
      { timeout: 15000, timeoutMsg: 'the new formula was not saved as a new version' },
    );
  });

  it('3. a 班长 sees an agent\'s late sign-ins in the read-only cell, with its inputs on hover', async () => {
    await restartApp();
    await login(LEAD, DEMO_PIN);
    await openTab('entry');
    const sheet = await invoke('my_score_sheet', { month: LAST_MONTH });
    const superior = sheet.groups.find((g) => g.role === 'superior');
    const item = superior.items.find((i) => i.name === ITEM);
    expect(item.computed).toBe(true);
    const row = superior.rows.find((r) => r.computed.some((c) => c.item_id === item.id && c.inputs.some((i) => i.name === 'late_count' && i.value > 0)))
      ?? superior.rows[0];
    const value = row.computed.find((c) => c.item_id === item.id);
    const lateCount = value.inputs.find((i) => i.name === 'late_count').value;
    log(`${row.employee_no}: ${ITEM} ${value.points / 100} from late_count ${lateCount}`);
    await byTid(`score-grid-superior-${superior.template_id}`, { timeout: 30000 });
    const cell = await byTid(`score-cell-${row.employee_no}-${item.id}`);
    expect(await cell.getAttribute('aria-readonly')).toBe('true');
    // Typing into it changes nothing.
    await clickEl(cell, 'the computed cell');
    await typeKeys('1');
    await press('Enter');
    await settle();
    const after = (await invoke('my_score_sheet', { month: LAST_MONTH })).groups
      .find((g) => g.role === 'superior').rows.find((r) => r.employee_no === row.employee_no);
    expect(after.computed.find((c) => c.item_id === item.id).points).toBe(value.points);
    await press('Escape');

    await hover(cell);
    const detail = await byTid('computed-detail', { timeout: 15000 });
    // The popover names the person hovered, and shows what the backend worked out for them.
    const title = await browser.execute(() => document.querySelector('.ant-popover-title')?.innerText ?? '');
    expect(title).toContain(row.employee_no);
    expect(await (await byTid('computed-points')).getText()).toContain(String(value.points / 100));
    const late = await byTid('computed-input-late_count');
    const text = (await late.getText()).replace(/\s+/g, ' ');
    log(`popover: ${(await detail.getText()).replace(/\s+/g, ' ')}`);
    expect(text).toContain('迟到次数');
    expect(text).toContain(String(lateCount));
    await screenshot('scores-computed-sheet.png');
  });

  it('4. the supervisor reopens and publishes an earlier month; its computed values stay as published', async () => {
    await restartApp();
    await login(`${SUPERVISOR} · 主管`, SUPERVISOR_PIN);
    const before = await invoke('preview_score_formula', { item: ITEM, formula: 'late_count', maxPoints: 100, month: EARLIER });
    await openTab('results');
    await byTid('results-table', { timeout: 30000 });
    // The results page opens on last month; the earlier one by the month picker.
    const picker = await byTid('scores-month');
    const input = (await picker.getTagName()) === 'input' ? picker : await picker.$('input');
    await clickEl(input, 'the month picker');
    await press('Control', 'a');
    await typeKeys(EARLIER);
    await press('Enter');
    await browser.waitUntil(async () => (await input.getValue()) === EARLIER, { timeout: 10000 });
    await settle();
    await pressButton('reopen-scores');
    await byTid('reopen-modal', { timeout: 10000 });
    await clickEl(await byTid('reopen-modal-reason'), 'the reason');
    await typeKeys('出勤纪律按新口径核对');
    await clickEl(await (await byTid('reopen-modal-pin')).$('input'), 'the PIN').catch(async () => clickEl(await byTid('reopen-modal-pin'), 'the PIN'));
    await typeKeys(SUPERVISOR_PIN);
    await pressButton('reopen-modal-ok');
    await browser.waitUntil(async () => !(await invoke('score_results', { month: EARLIER })).published, { timeout: 15000, timeoutMsg: `${EARLIER} was not reopened` });
    await pressButton('publish-scores');
    await pressButton('publish-confirm-ok');
    await browser.waitUntil(async () => (await invoke('score_results', { month: EARLIER })).published, { timeout: 15000, timeoutMsg: `${EARLIER} was not published` });
    // Every computed value of the published month is there, from the records it was judged by.
    const results = await invoke('score_results', { month: EARLIER });
    expect(results.rows.every((r) => r.complete)).toBe(true);
    log(`${EARLIER} published again: ${results.rows.length} people; late sign-ins that month: ${before.filter((r) => r.score.points > 0).length} people`);
  });

  it('5. the supervisor sees the quarter\'s top three, the overdue improvement plan and the teams\' spot checks', async () => {
    // 季度排名 of the quarter before this one: the top three with their rewards, as the backend ranks.
    const previousQuarter = (() => {
      const [y, m] = monthBefore(3).split('-').map(Number);
      return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
    })();
    const ranking = await invoke('quarter_ranking', { quarter: previousQuarter });
    const top = ranking.filter((r) => r.reward_fen > 0);
    log(`${previousQuarter}: ${ranking.length} ranked, rewarded ${top.map((r) => `${r.employee_no} ¥${r.reward_fen / 100}`).join(', ')}`);
    await openTab('results');
    // The quarter view opens on the quarter of the month the page shows: show the quarter's last.
    const picker = await byTid('scores-month');
    const input = (await picker.getTagName()) === 'input' ? picker : await picker.$('input');
    await clickEl(input, 'the month picker');
    await press('Control', 'a');
    await typeKeys(monthBefore(3));
    await press('Enter');
    await settle();
    await clickEl(await byTid('results-view-quarter'), 'the quarter view');
    await byTid('quarter-ranking', { timeout: 15000 });
    expect(top.length).toBeGreaterThanOrEqual(3);
    const first = await byTid(`quarter-row-${top[0].employee_no}`, { timeout: 15000 });
    expect(await first.getText()).toContain(`${top[0].reward_fen / 100}`);
    await screenshot('scores-quarter.png');

    // 整改计划: the demo left one overdue; the tab's badge counts it.
    const plans = await invoke('improvement_plans', { month: null });
    const overdue = plans.filter((p) => p.status === 'overdue');
    expect(overdue.length).toBe(1);
    expect(await (await byTid('plans-overdue-badge', { timeout: 15000 })).getText()).toContain('1');
    await clickEl(await byTid('scores-tab-plans'), 'the plans tab');
    await byTid('plans-page', { timeout: 15000 });
    await byTid(`plan-row-${overdue[0].id}`, { timeout: 15000 });
    await screenshot('scores-plans.png');

    // 质检: last month every team had its two checks.
    await clickEl(await byTid('scores-tab-spot-checks'), 'the spot-checks tab');
    await byTid('spot-checks-page', { timeout: 15000 });
    const coverage = await invoke('spot_check_coverage', { month: LAST_MONTH });
    expect(coverage.every((t) => t.checks >= 2)).toBe(true);
    // Last month's checks, every team at its minimum.
    const spotPicker = await byTid('spot-month');
    const spotInput = (await spotPicker.getTagName()) === 'input' ? spotPicker : await spotPicker.$('input');
    await clickEl(spotInput, 'the spot-check month');
    await press('Control', 'a');
    await typeKeys(LAST_MONTH);
    await press('Enter');
    await browser.waitUntil(
      async () => (await browser.execute(() => document.querySelectorAll('[data-testid^="spot-row-"]').length)) > 0,
      { timeout: 15000, timeoutMsg: `no spot checks shown for ${LAST_MONTH}` },
    );
    expect(await (await byTid(`spot-team-${coverage[0].team_id}`)).getAttribute('data-below')).toBe('false');
    await settle();
    await screenshot('scores-spot-checks.png');
  });

  it('6. an agent sees their own late sign-ins in their computed items', async () => {
    await restartApp();
    await login('李娜 · 坐席', DEMO_PIN);
    const mine = await invoke('my_computed_items', { month: LAST_MONTH });
    const attendance = mine.find((i) => i.name === ITEM);
    expect(attendance).toBeTruthy();
    const late = attendance.score.inputs.find((i) => i.name === 'late_count');
    await openTab('results');
    const shown = await byTid(`my-computed-${attendance.item_id}`, { timeout: 30000 });
    await browser.waitUntil(async () => (await shown.getText()).includes(`迟到次数 ${late.value}`), {
      timeout: 15000,
      timeoutMsg: `the agent's ${ITEM} does not show 迟到次数 ${late.value}`,
    });
    log(`agent's ${ITEM}: ${(await shown.getText()).replace(/\s+/g, ' ')}`);
    await (await byTid('my-computed')).scrollIntoView({ block: 'center' });
    await settle();
    await screenshot('scores-my-computed.png');
  });
});
