// 投诉处理 in the real app, on the demo floor (real speed): the supervisor registers a customer's
// complaint, routes it to an agent, rules it 有理 at severity 3 and sees the proposed fine (60 元
// and a 书面检查 by the seeded rule book), answers the customer, makes the follow-up visit and
// closes it with a cause; the complaint then counts in the analysis chart of its cause. The
// board lists the demo's overdue complaint. Screenshots of the drawer and the analysis page.
import { browser, expect } from '@wdio/globals';
import { byTid, completeSetup, invoke, openSection, pressButton, screenshot, selectOption, settle, tid, typeInto } from '../helpers.mjs';

const log = (...args) => console.log('[complaints]', ...args);

const textOf = (selector) => browser.execute((sel) => document.querySelector(sel)?.innerText ?? '', selector);

const CUSTOMER = '端到端客户';
const query = { from: null, to: null, status: null, open_only: false, overdue_only: false, employee_no: null, team_id: null, valid_only: false };

async function ours() {
  const rows = await invoke('complaints', { query });
  return rows.find((r) => r.customer === CUSTOMER);
}

/** Waits until our complaint reached `status` (the drawer's step went through). */
async function reached(status) {
  let row;
  await browser.waitUntil(
    async () => {
      row = await ours();
      return row?.status === status;
    },
    { timeout: 20000, interval: 500, timeoutMsg: `the complaint did not reach ${status}` },
  );
  return row;
}

describe('投诉处理: register, route, rule valid with its fine, reply, visit, close, analyse', function () {
  this.timeout(600000);

  it('1. the demo board lists the overdue complaint', async () => {
    await completeSetup({ site: '投诉演示', supervisor: '投诉主管', pin: '2580', demo: true, landing: null });
    await byTid('alert-panel', { timeout: 60000 });
    const block = await byTid('overdue-complaints', { timeout: 30000 });
    expect(await block.getText()).toMatch(/逾期/);
  });

  it('2. a complaint is registered from the complaints page', async () => {
    await openSection('complaints');
    await byTid('complaints-page', { timeout: 30000 });
    await pressButton('complaint-register');
    await byTid('complaint-register-modal', { timeout: 15000 });
    await typeInto('complaint-customer', CUSTOMER);
    await selectOption('complaint-channel', '电话');
    await typeInto('complaint-order', 'TB2026E2E001');
    await typeInto('complaint-content', '客服答复敷衍，问题三天未解决');
    await pressButton('complaint-register-submit');
    const row = await reached('registered');
    log(`registered #${row.id}`);
    expect(row.next_step).toBe('route');
  });

  it('3. routed to 1019, ruled 有理 at severity 3: the proposed fine shows in the drawer', async () => {
    const row = await ours();
    await browser.waitUntil(async () => (await $(tid(`complaint-row-${row.id}`))).isExisting(), {
      timeout: 20000,
      timeoutMsg: `complaint-row-${row.id} is not listed`,
    });
    await pressButton(`complaint-row-${row.id}`);
    await byTid('complaint-drawer', { timeout: 15000 });
    // The dropdown is a virtual list of every agent: search narrows it to the one wanted.
    await typeInto('complaint-route-agent', '1019');
    await selectOption('complaint-route-agent', '1019 马超');
    await pressButton('complaint-route-submit');
    const routed = await reached('routed');
    expect(routed.employee_no).toBe('1019');

    await typeInto('complaint-findings', '调取录音，坐席语气生硬，属实');
    await pressButton('complaint-valid');
    await selectOption('complaint-severity', '3');
    await pressButton('complaint-rule-submit');
    const ruled = await reached('ruled');
    expect(ruled.valid).toBe(true);
    expect(ruled.incident_id).toBeTruthy();
    await browser.waitUntil(async () => /60\.00/.test(await textOf(tid('complaint-proposal'))), {
      timeout: 20000,
      timeoutMsg: 'the drawer does not show the proposed 60 yuan fine',
    });
    expect(await textOf(tid('complaint-proposal'))).toMatch(/书面检查/);
    const preview = await invoke('preview_stored_incident', { id: ruled.incident_id });
    expect(preview.lines.map((l) => [l.line.action, l.line.amount_fen])).toEqual([
      ['fine', 6000],
      ['self_review', 0],
    ]);
    await settle();
    await screenshot('complaint-ruled.png');
  });

  it('4. answered, visited and closed with the cause 服务态度', async () => {
    await typeInto('complaint-reply', '已致电客户致歉，补发赠品');
    await pressButton('complaint-reply-submit');
    await reached('replied');
    await typeInto('complaint-visit-note', '回访客户，表示满意');
    await pressButton('complaint-visit-submit');
    await reached('visited');
    await selectOption('complaint-cause', '服务态度');
    await pressButton('complaint-close-submit');
    const closed = await reached('closed');
    expect(closed.cause_code).toBe('attitude');
    expect(closed.steps.map((s) => s.step)).toEqual(['route', 'rule', 'reply', 'visit', 'close']);
    await settle();
    await screenshot('complaint-closed.png');
    await browser.execute(() => document.querySelector('.ant-drawer-open .ant-drawer-close')?.click());
  });

  it('5. the analysis chart counts it under 服务态度', async () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);
    const analysis = await invoke('complaint_analysis', { fromMonth: month, toMonth: month });
    const attitude = analysis.by_cause.find((c) => c.key === 'attitude');
    expect(attitude.total).toBeGreaterThanOrEqual(1);
    await pressButton('complaints-tab-analysis');
    const chart = await byTid('complaint-chart-causes', { timeout: 20000 });
    await browser.waitUntil(async () => /服务态度/.test((await chart.getAttribute('aria-label')) ?? ''), {
      timeout: 20000,
      timeoutMsg: 'the causes chart does not name 服务态度',
    });
    log(`causes chart: ${await chart.getAttribute('aria-label')}`);
    await settle();
    await browser.pause(800);
    await screenshot('complaints-analysis.png');
  });
});
