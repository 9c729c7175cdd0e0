// The live board on the demo floor: a small break set from the board runs its timer, overruns
// its 10-minute limit and raises a 小休超时 alert, which the supervisor acknowledges.
// The app runs on a simulated clock (wdio.conf.mjs SPEC_ARGS: today 10:00 Shanghai, 30× real
// time), so the ten minutes pass in about 20 seconds.
import { browser, expect } from '@wdio/globals';
import { $tid, byTid, click, completeSetup, openSection, screenshot, typeInto } from '../helpers.mjs';

/** The rendered text of an element, read in the page (WebKitWebDriver's getText is unreliable
 * on the board's cards, which re-render every second). */
async function textOf(selector) {
  return browser.execute((sel) => document.querySelector(sel)?.textContent ?? '', selector);
}

/** "mm:ss" or "h:mm:ss" → seconds; NaN for anything else. */
function seconds(text) {
  const parts = String(text).trim().split(':').map(Number);
  if (parts.length < 2 || parts.length > 3 || parts.some((n) => !Number.isInteger(n))) return NaN;
  return parts.reduce((acc, n) => acc * 60 + n, 0);
}

async function timerSecs(employeeNo) {
  return seconds(await (await $tid(`board-timer-${employeeNo}`)).getText());
}

/** The open alert for this agent and rule in the alert panel, as its id, or null. */
async function openAlertId(agent, rule) {
  return browser.execute(
    (agentNo, ruleCode) => {
      const list = document.querySelector('[data-testid="alert-list"]');
      const el = list?.querySelector(`[data-agent="${agentNo}"][data-rule="${ruleCode}"]`);
      const m = /^alert-(\d+)$/.exec(el?.getAttribute('data-testid') ?? '');
      return m ? Number(m[1]) : null;
    },
    agent,
    rule,
  );
}

describe('live board: a small break overruns and is acknowledged', () => {
  let alertId = null;

  it('sets up the demo floor and opens the board on the simulated clock', async () => {
    await completeSetup({ site: '演示现场', supervisor: '值班主管', pin: '2580', demo: true, landing: null });
    await openSection('board');
    await byTid('board-agent-1002', { timeout: 30000 });
    await browser.waitUntil(async () => (await textOf('[data-testid="board-agent-1002"]')).includes('李娜'), {
      timeoutMsg: 'board-agent-1002 does not show 李娜',
    });
    await byTid('alert-panel');
    await byTid('simulated-clock');
  });

  it('puts 1002 on a small break from the card menu, and its timer runs', async () => {
    await click('board-agent-1002');
    await byTid('state-menu');
    await click('set-state-small_break');
    await browser.waitUntil(async () => (await (await $tid('board-agent-1002')).getAttribute('data-state')) === 'small_break', {
      timeoutMsg: 'board-agent-1002 did not turn to small_break',
    });
    expect(await textOf('[data-testid="board-agent-1002"]')).toContain('小休');

    let first = NaN;
    await browser.waitUntil(
      async () => {
        first = await timerSecs('1002');
        return first >= 10;
      },
      { timeout: 30000, timeoutMsg: `board-timer-1002 did not reach 00:10 (shows ${first} s)` },
    );
    let later = NaN;
    await browser.waitUntil(
      async () => {
        later = await timerSecs('1002');
        return later > first;
      },
      { timeout: 15000, timeoutMsg: `board-timer-1002 stays at ${later} s (was ${first} s)` },
    );
  });

  it('raises a 小休超时 alert for 1002 once the break passes 10 minutes', async () => {
    // 20 simulated minutes at 30× are 40 s; allow for a slow machine.
    await browser.waitUntil(
      async () => {
        alertId = await openAlertId('1002', 'break_overrun');
        return alertId !== null;
      },
      { timeout: 60000, interval: 500, timeoutMsg: 'no break_overrun alert for 1002 in the alert panel' },
    );
    await byTid(`alert-${alertId}`);
    const text = await textOf(`[data-testid="alert-${alertId}"]`);
    for (const part of ['小休超时', '李娜', '1002']) expect(text).toContain(part);
    // Past the limit, the timer is red.
    await expect(await $tid('board-timer-1002')).toHaveAttribute('data-level', 'over');
  });

  it('acknowledges the alert with a note; it leaves the open alerts', async () => {
    await screenshot('board.png');
    await click(`ack-${alertId}`);
    await typeInto('ack-note', '已提醒回座');
    await click('ack-confirm');
    await browser.waitUntil(async () => !(await (await $tid(`alert-${alertId}`)).isExisting()), {
      timeout: 15000,
      timeoutMsg: `alert-${alertId} is still in the open alerts after acknowledging`,
    });
    await screenshot('board-acknowledged.png');
  });

  it('queues a break request while the line is full and grants it out of turn with a reason', async () => {
    // The demo's morning is under way (its history), so the supervisor announces 满线: every
    // break request waits. Then 1003, ready, asks for a small break.
    await click('line-full-switch');
    await byTid('line-full-banner');
    expect(await textOf('[data-testid="line-full-banner"]')).toContain('宣布');
    await click('board-agent-1003');
    await byTid('state-menu');
    await click('set-state-ready');
    await browser.waitUntil(async () => (await (await $tid('board-agent-1003')).getAttribute('data-state')) === 'ready', {
      timeoutMsg: 'board-agent-1003 did not turn to ready',
    });
    await click('board-agent-1003');
    await byTid('state-menu');
    await click('request-break');
    await byTid('break-request-1003', { timeout: 15000 });
    expect(await textOf('[data-testid="break-queue"]')).toContain('张伟');
    expect(await (await $tid('board-agent-1003')).getAttribute('data-state')).toBe('ready');
    // The wait runs on the simulated clock.
    await browser.waitUntil(async () => seconds(await textOf('[data-testid="break-wait-1003"]')) >= 30, {
      timeout: 30000,
      timeoutMsg: 'the wait of 1003 in the queue does not run',
    });
    await screenshot('board-break-queued.png');

    await click('break-grant-1003');
    // Without a reason, nothing is granted.
    await click('break-grant-confirm');
    expect(await (await $tid('break-request-1003')).isExisting()).toBe(true);
    await typeInto('break-grant-reason', '身体不适');
    await click('break-grant-confirm');
    await browser.waitUntil(async () => !(await (await $tid('break-request-1003')).isExisting()), {
      timeout: 15000,
      timeoutMsg: 'break-request-1003 is still queued after granting it',
    });
    await browser.waitUntil(async () => (await (await $tid('board-agent-1003')).getAttribute('data-state')) === 'small_break', {
      timeoutMsg: 'board-agent-1003 did not go on a small break after the grant',
    });
    await screenshot('board-break-granted.png');

    // The day's record keeps the request, its wait and the reason.
    await click('break-history');
    await byTid('break-history-table');
    const record = await textOf('[data-testid="break-history-table"]');
    for (const part of ['1003', '已放行', '特批：身体不适']) expect(record).toContain(part);
  });
});
