// 违规与奖惩 in the real app, on the demo floor at 10:00 today (real speed): the shop's rule book
// gives the board's alert rules a fine (each shop writes its own: a first offence 口头警告 + 10
// 元); the supervisor records one of the morning's open alerts as an incident in one click from
// the alert panel, sees the ladder's proposal with its fine, confirms it; finds it in the month's
// ledger (台账) and in its xlsx export; prints its 罚款通知单 to A4 (PDF, and a PNG of it).
import { browser, expect } from '@wdio/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, byTid, clickEl, completeSetup, invoke, openSection, pressButton, printToPng, screenshot, settle, tid } from '../helpers.mjs';

const log = (...args) => console.log('[incidents]', ...args);

const textOf = (selector) => browser.execute((sel) => document.querySelector(sel)?.innerText ?? '', selector);

/** Today's date in Shanghai, YYYY-MM-DD. */
function shanghaiToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

describe('违规与奖惩: an alert becomes a confirmed fine in the ledger', function () {
  this.timeout(600000);
  let alert;
  let incidentId;
  const month = shanghaiToday().slice(0, 7);

  it('1. the demo opens on the board; the shop gives its alert rules a fine', async () => {
    await completeSetup({ site: '奖惩演示', supervisor: '奖惩主管', pin: '2580', demo: true, landing: null });
    await byTid('alert-panel', { timeout: 60000 });
    const rules = await invoke('incident_rules', {});
    const yesterday = new Date(Date.now() - 86400000);
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(yesterday);
    const fine = (yuan) => ({ action: 'fine', amount: { kind: 'fixed', fen: yuan * 100 } });
    let changed = 0;
    for (const r of rules.filter((x) => x.body.alert_rule)) {
      const body = { ...r.body, ladder: [[{ action: 'verbal_warning' }, fine(10)], [fine(20)]] };
      await invoke('save_incident_rule', { body, effectiveFrom: from });
      changed += 1;
    }
    expect(changed).toBe(7);
  });

  it('2. an open alert is recorded in one click: the form opens filled in and proposes the fine', async () => {
    await browser.waitUntil(
      async () => {
        alert = await browser.execute(() => {
          const list = document.querySelector('[data-testid="alert-list"]');
          for (const el of list?.querySelectorAll('[data-testid^="alert-record-incident-"]') ?? []) {
            const id = Number(/(\d+)$/.exec(el.getAttribute('data-testid'))?.[1]);
            const row = list.querySelector(`[data-testid="alert-${id}"]`);
            if (row) return { id, agent: row.getAttribute('data-agent'), rule: row.getAttribute('data-rule') };
          }
          return null;
        });
        return alert !== null;
      },
      { timeout: 60000, interval: 1000, timeoutMsg: 'no open alert with 记为违规 in the alert panel' },
    );
    log(`alert ${alert.id}: ${alert.agent} ${alert.rule}`);
    await pressButton(`alert-record-incident-${alert.id}`);
    await byTid('record-incident', { timeout: 15000 });
    await browser.waitUntil(async () => /罚款/.test(await textOf(tid('incident-proposal'))), {
      timeout: 20000,
      timeoutMsg: 'the proposal shows no fine',
    });
    const proposal = await textOf(tid('incident-proposal'));
    expect(proposal).toMatch(/口头警告/);
    expect(proposal).toMatch(/10\.00/);
    expect(await textOf(tid('record-incident'))).toContain(alert.agent);
    await settle();
    await screenshot('incident-record-from-alert.png');
  });

  it('3. the supervisor confirms it; the ledger holds the fine', async () => {
    await pressButton('incident-confirm');
    await browser.waitUntil(async () => !(await (await $(tid('record-incident'))).isDisplayed().catch(() => false)), {
      timeout: 20000,
      timeoutMsg: 'the record form is still open after confirming',
    });
    const rows = await invoke('incidents', { query: { month, team_id: null, employee_no: alert.agent, id: null } });
    const recorded = rows.find((r) => r.alert_ref && r.alert_ref.startsWith(`${alert.agent}|${alert.rule}|`));
    expect(recorded).toBeTruthy();
    expect(recorded.status).toBe('confirmed');
    expect(recorded.source).toBe('board');
    incidentId = recorded.id;
    const own = recorded.lines.filter((l) => !l.co_penalty_of).map((l) => [l.line.action, l.line.amount_fen]);
    expect(own).toEqual([
      ['verbal_warning', 0],
      ['fine', 1000],
    ]);
    const lines = await invoke('ledger_lines', { query: { month, team_id: null, employee_no: alert.agent, include_voided: false } });
    expect(lines.some((l) => l.incident_id === incidentId && l.line.action === 'fine' && l.line.amount_fen === 1000)).toBe(true);
  });

  it('4. the incidents page lists it in the month\'s 台账', async () => {
    await openSection('incidents');
    await byTid('incidents-page', { timeout: 30000 });
    await byTid('ledger-table', { timeout: 30000 });
    await browser.waitUntil(async () => (await $(tid(`ledger-row-${incidentId}`))).isExisting(), {
      timeout: 20000,
      timeoutMsg: `ledger-row-${incidentId} is not in the ledger`,
    });
    const row = await textOf(tid(`ledger-row-${incidentId}`));
    expect(row).toContain(alert.agent);
    expect(row).toMatch(/10\.00/);
    expect(row).toMatch(/已确认/);
    await settle();
    await screenshot('incidents-ledger.png');
  });

  it('5. the month\'s xlsx export holds it', async () => {
    const file = path.join(artifactsDir, 'ledger.xlsx');
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.rmSync(file, { force: true });
    const written = await invoke('export_ledger', { month, teamId: null, path: file });
    expect(written).toBeGreaterThan(0);
    const strings = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml']).toString('utf8');
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString('utf8');
    expect(strings).toContain(alert.agent);
    expect(strings).toContain(alert.rule);
    expect(strings).toContain('罚款');
    expect(sheet).toMatch(/<v>10<\/v>/);
    log(`ledger export: ${written} lines in ${file}`);
  });

  it('6. its 罚款通知单 prints to A4 (PDF, and a PNG of it)', async () => {
    await pressButton(`ledger-detail-${incidentId}`);
    await byTid('incident-detail', { timeout: 15000 });
    await pressButton('incident-detail-print');
    const notice = await byTid('fine-notice', { timeout: 15000 });
    expect(await notice.getText()).toContain('罚款通知单');
    expect(await textOf(tid('fine-notice-total-upper'))).toContain('壹拾元整');
    await settle();
    await browser.pause(1000);
    const { pdf, png } = await printToPng('fine-notice');
    expect(fs.statSync(pdf).size).toBeGreaterThan(5000);
    expect(fs.statSync(png).size).toBeGreaterThan(5000);
    log(`fine notice: ${pdf}, ${png}`);
    await clickEl(await byTid('fine-notice-close'), 'the notice close button');
  });

  it('7. last month\'s demo book: published, an appeal changed, the rule book and the fund', async () => {
    const [y, m] = month.split('-').map(Number);
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    // The detail drawer is still open over the page: close it.
    await browser.execute(() => document.querySelector('.ant-drawer-open .ant-drawer-close')?.click());
    await browser.waitUntil(async () => !(await (await $(tid('incident-detail'))).isDisplayed().catch(() => false)), {
      timeout: 10000,
      timeoutMsg: 'the detail drawer did not close',
    });
    await settle();
    const picker = await byTid('incidents-month');
    const input = (await picker.getTagName()) === 'input' ? picker : await picker.$('input');
    await clickEl(input, 'the month picker');
    await browser.keys(['Control', 'a']);
    // One key action per character: browser.keys drops a repeated one ('11').
    await browser.performActions([
      { type: 'key', id: 'keyboard', actions: [...last].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]) },
    ]);
    await browser.releaseActions();
    await browser.keys(['Enter']);
    await browser.waitUntil(async () => (await input.getValue()) === last, { timeout: 10000, timeoutMsg: `the month picker did not take ${last}` });
    await browser.waitUntil(async () => /公示/.test(await textOf(tid('ledger-tab'))) && (await textOf(tid('ledger-table'))).includes('1008'), {
      timeout: 20000,
      timeoutMsg: `the ledger of ${last} does not show the demo's book`,
    });
    const lines = await invoke('ledger_lines', { query: { month: last, team_id: null, employee_no: '1008', include_voided: false } });
    expect(lines.filter((l) => !l.co_penalty_of).map((l) => l.line.action)).toEqual(['verbal_warning', 'fine', 'fine', 'dismissal_proposal']);
    await settle();
    await screenshot('incidents-ledger-last-month.png');
    for (const tab of ['rules', 'fund', 'appeals']) {
      await pressButton(`incidents-tab-${tab}`);
      await settle();
      await browser.pause(500);
      await screenshot(`incidents-${tab}.png`);
    }
  });
});
