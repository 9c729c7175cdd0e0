// 提成与工资 in the real app, on the demo shop (售前二组 sells in chat, 售后组 is after-sales): the
// supervisor opens the month before last (its grades published), sees each agent's commission by
// tier and grade, opens one agent and reads why each order is theirs; lists the orders nobody got
// and why; opens the pay sheet and prints one agent's 工资条 to A4 (PDF, and a PNG of it). An agent
// sees only their own commission and slip.
import { browser, expect } from '@wdio/globals';
import fs from 'node:fs';
import { byTid, clickEl, completeSetup, invoke, login, openSection, pressButton, printToPng, restartApp, screenshot, settle, tid, typeKeys } from '../helpers.mjs';

const log = (...args) => console.log('[commission]', ...args);
const textOf = (selector) => browser.execute((sel) => document.querySelector(sel)?.innerText ?? '', selector);

/** YYYY-MM of `back` months before this one, in Shanghai. */
function monthBefore(back) {
  const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const [y, m] = shanghai.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const MONTH = monthBefore(2);
const LAST_MONTH = monthBefore(1);

/** Types a month into the page's month picker. */
async function pickMonth(month) {
  const input = await $(`${tid('pay-month')} input, input${tid('pay-month')}`);
  await clickEl(input, 'the month picker');
  await browser.keys(['Control', 'a']);
  await browser.keys(['Control']);
  await typeKeys(month);
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await input.getValue()) === month, { timeout: 10000, timeoutMsg: `the picker does not show ${month}` });
}

describe('提成与工资: the demo shop\'s commission explained and a pay slip printed', function () {
  this.timeout(600000);
  let agent;

  it('1. the month before last: commission by tier and the published grade', async () => {
    await completeSetup({ site: '提成演示', supervisor: '提成主管', pin: '2580', demo: true, landing: null });
    await openSection('pay');
    await byTid('pay-page', { timeout: 30000 });
    await pickMonth(MONTH);
    const month = await invoke('commission_month', { month: MONTH });
    expect(month.grades_published).toBe(true);
    expect(month.rows.length).toBe(24);
    // The 售前二组 agent with the most attributed orders.
    agent = month.rows.filter((r) => r.scheme === 'sales').sort((a, b) => b.orders - a.orders)[0];
    log(`${MONTH}: ${month.rows.length} agents, ${month.orders} orders, ${month.unattributed_orders} nobody's; ${agent.employee_no} ${agent.name}: ${agent.orders} orders, ${agent.commission_fen} fen`);
    await byTid(`commission-row-${agent.employee_no}`, { timeout: 30000 });
    expect(await $(tid('commission-provisional')).isExisting()).toBe(false);
    const row = await textOf(tid(`commission-row-${agent.employee_no}`));
    expect(row).toContain(agent.name);
    expect(row).toContain((agent.commission_fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    await settle();
    await screenshot('commission-month.png');
  });

  it('2. one agent: each order with the reception and the rule that made it theirs', async () => {
    // A row is clicked from the page's side (WebKitWebDriver will not click a <tr>).
    await pressButton(`commission-row-${agent.employee_no}`);
    await byTid('attributed-orders', { timeout: 20000 });
    const detail = await invoke('commission_detail', { employeeNo: agent.employee_no, month: MONTH });
    const first = detail.orders[0];
    const sentence = await textOf(tid(`attributed-order-${first.order_no}`));
    log(`${first.order_no}: ${sentence}`);
    expect(sentence).toContain(first.order_no);
    expect(sentence).toContain(first.buyer);
    expect(sentence).toMatch(first.attribution.rule === 'consulted_before' ? /付款前/ : /付款后/);
    expect(await textOf(tid('commission-formula'))).toMatch(/×/);
    await settle();
    await screenshot('commission-attribution.png');
    await browser.keys(['Escape']);
  });

  it('3. the orders nobody got, each with why', async () => {
    await clickEl(await byTid('pay-tab-orders'), 'the orders tab');
    await byTid('orders-table', { timeout: 20000 });
    await clickEl(await byTid('orders-only-unattributed'), 'only the unattributed');
    const nobody = await invoke('commission_orders', { month: MONTH, unattributedOnly: true });
    const chased = nobody.find((o) => o.nearby.some((r) => r.invalid_reason === 'agent_after_payment'));
    expect(chased).toBeTruthy();
    await byTid(`order-row-${nobody[0].order_no}`, { timeout: 20000 });
    const basis = await textOf(tid(`order-basis-${nobody[0].order_no}`));
    log(`${nobody[0].order_no}: ${basis}`);
    expect(basis.length).toBeGreaterThan(4);
    await settle();
    await screenshot('commission-orders-nobody.png');
  });

  it('4. last month\'s pay sheet, and the slip of an agent with fines and rewards printed to A4', async () => {
    await clickEl(await byTid('pay-tab-sheet'), 'the pay sheet tab');
    await pickMonth(LAST_MONTH);
    const sheet = await invoke('pay_sheet', { month: LAST_MONTH });
    // An agent whose slip has everything: commission, and the ledger's rewards or fines.
    const row = sheet.rows.find((r) => r.line.commission_fen > 0 && r.line.deductions_fen > 0 && r.line.rewards_fen > 0)
      ?? sheet.rows.find((r) => r.line.commission_fen > 0 && r.line.deductions_fen + r.line.rewards_fen > 0);
    expect(row).toBeTruthy();
    const line = row.line;
    log(`${LAST_MONTH} slip of ${row.employee_no} ${row.name}: ${JSON.stringify(line)}`);
    expect(line.net_fen).toBe(line.base_fen + line.commission_fen + line.rewards_fen - line.deductions_fen);
    await byTid(`pay-row-${row.employee_no}`, { timeout: 20000 });
    await byTid('pay-sheet-provisional', { timeout: 20000 });
    await settle();
    await screenshot('pay-sheet.png');
    await pressButton(`pay-row-${row.employee_no}`);
    await byTid('pay-slip-net', { timeout: 20000 });
    expect(await textOf(tid('pay-slip-net'))).toContain((line.net_fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    await settle();
    await screenshot('pay-slip-dialog.png');
    const { pdf, png } = await printToPng('pay-slip');
    expect(fs.statSync(pdf).size).toBeGreaterThan(5000);
    expect(fs.existsSync(png)).toBe(true);
    await pressButton('pay-slip-close');
  });

  it('5. an agent sees their own commission and slip, nobody else\'s', async () => {
    await restartApp();
    await login('朱琳 · 坐席', '1234');
    await openSection('pay');
    await byTid('pay-page', { timeout: 30000 });
    expect(await $(tid('pay-tab-commission')).isExisting()).toBe(false);
    await pickMonth(MONTH);
    await byTid('my-commission', { timeout: 20000 });
    const mine = await invoke('my_commission', { month: MONTH });
    expect(mine.employee_no).toBe('1014');
    await expect(invoke('commission_month', { month: MONTH })).rejects.toThrow(/auth\.forbidden/);
    await settle();
    await screenshot('commission-mine.png');
  });
});
