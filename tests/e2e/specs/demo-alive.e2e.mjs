// The demo floor comes alive: with the demo simulator on (wdio.conf.mjs SPEC_ARGS: today 10:30
// Shanghai time, 10× real time, --demo-simulator), agents sign in, take contacts and breaks with
// nobody touching the board, their timers run, and the rules raise alerts.
import { browser, expect } from '@wdio/globals';
import { absentButAtWork, byTid, cardStates, completeSetup, openSection, screenshot } from '../helpers.mjs';

describe('the demo floor comes alive', () => {
  it('moves with nobody at the keyboard: agents sign in and work, and alerts appear', async () => {
    await completeSetup({ site: '演示现场', supervisor: '值班主管', pin: '2580', demo: true, landing: null });
    await openSection('board');
    await byTid('board-agent-1036', { timeout: 30000 });

    let seen = {};
    await browser.waitUntil(
      async () => {
        seen = await cardStates();
        const working = Object.values(seen).filter((s) => s !== 'signed_out');
        return working.length >= 12 && new Set(working).size >= 3;
      },
      { timeout: 60000, interval: 500, timeoutMsg: `the demo floor does not move: ${JSON.stringify(seen)}` },
    );
    const first = await cardStates();
    // And keeps moving.
    await browser.waitUntil(
      async () => {
        const now = await cardStates();
        return Object.keys(now).filter((no) => now[no] !== first[no]).length >= 3;
      },
      { timeout: 30000, interval: 500, timeoutMsg: 'no agent changed state after the floor came alive' },
    );
    await browser.waitUntil(
      () => browser.execute(() => document.querySelectorAll('[data-testid="alert-list"] [data-rule]').length > 0),
      { timeout: 30000, timeoutMsg: 'the demo floor raised no alert' },
    );
    // The history brought the morning in: an absence of this shift is an agent not at work.
    expect(await absentButAtWork()).toEqual([]);
    // And one agent phoned in (报备): their card says 已报备 and no absence alert stands for them.
    const noticed = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid^="board-notice-"]')].map((e) =>
        e.getAttribute('data-testid').replace('board-notice-', ''),
      ),
    );
    expect(noticed.length).toBe(1);
    const absentAgents = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="alert-list"] [data-rule="absent"]')].map((e) =>
        e.getAttribute('data-agent'),
      ),
    );
    expect(absentAgents).not.toContain(noticed[0]);
    await screenshot('demo-board.png');
    expect(Object.keys(await cardStates()).length).toBe(36);
  });
});
