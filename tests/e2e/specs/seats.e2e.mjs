// Arranging seats on the floor map with the mouse: a supervisor drags a card to an empty cell,
// the seat moves there, and the position is still there after the app restarts.
import { browser, expect } from '@wdio/globals';
import { $tid, byTid, click, completeSetup, openSection, restartApp, screenshot, selectOption, typeInto } from '../helpers.mjs';

/** The seat cell (x, y) of a card while arranging, read in the page. */
async function cellOf(employeeNo) {
  return browser.execute((no) => {
    const el = document.querySelector(`[data-testid="board-agent-${no}"]`);
    return el ? [el.getAttribute('data-cell-x'), el.getAttribute('data-cell-y')].join(',') : null;
  }, employeeNo);
}

/** Presses the mouse on one element, moves in steps to another, and releases it there. */
async function drag(fromTid, toTid) {
  await byTid(fromTid);
  await byTid(toTid);
  // Centres in viewport coordinates, read in the page (WebKitWebDriver refuses the rect of the
  // map's empty cells).
  const centre = (id) =>
    browser.execute((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
    }, `[data-testid="${id}"]`);
  const start = await centre(fromTid);
  const end = await centre(toTid);
  const steps = [0.25, 0.5, 0.75, 1].map((f) => ({
    type: 'pointerMove',
    duration: 60,
    origin: 'viewport',
    x: Math.round(start.x + (end.x - start.x) * f),
    y: Math.round(start.y + (end.y - start.y) * f),
  }));
  await browser.performActions([
    {
      type: 'pointer',
      id: 'mouse',
      parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', ...start }, { type: 'pointerDown', button: 0 }, ...steps, { type: 'pointerUp', button: 0 }],
    },
  ]);
  await browser.releaseActions();
}

describe('arranging seats on the floor map', () => {
  it('drags 1001 to an empty cell; the seat moves and stays there after a restart', async () => {
    await completeSetup({ site: '座位现场', supervisor: '座位主管', pin: '2580', demo: true, landing: null });
    await openSection('board');
    await byTid('board-agent-1001', { timeout: 30000 });
    await click('board-arrange-toggle');
    await byTid('arrange-hint');
    const before = await cellOf('1001');
    // An empty cell in sight (inside the map's scrolling pane), nearest to 1001.
    const target = await browser.execute(() => {
      const card = document.querySelector('[data-testid="board-agent-1001"]').getBoundingClientRect();
      const pane = document.querySelector('.fd-floor-map-scroll').getBoundingClientRect();
      const inside = (r) => r.left >= pane.left && r.right <= pane.right && r.top >= 0 && r.bottom <= window.innerHeight;
      const cells = [...document.querySelectorAll('[data-testid^="map-cell-"]')]
        .map((c) => ({ id: c.getAttribute('data-testid'), r: c.getBoundingClientRect() }))
        .filter((c) => inside(c.r))
        .sort((a, b) => Math.hypot(a.r.left - card.left, a.r.top - card.top) - Math.hypot(b.r.left - card.left, b.r.top - card.top));
      return cells[0]?.id ?? null;
    });
    expect(target).not.toBeNull();
    const [, , x, y] = target.split('-');
    await drag('board-agent-1001', target);
    await browser.waitUntil(async () => (await cellOf('1001')) === `${x},${y}`, {
      timeout: 15000,
      timeoutMsg: `1001 did not move from ${before} to ${x},${y} (now ${await cellOf('1001')})`,
    });
    await screenshot('seats-arranged.png');

    await restartApp();
    await byTid('login-user', { timeout: 60000 });
    await selectOption('login-user', '座位主管 · 主管');
    await typeInto('login-pin', '2580');
    await click('login-submit');
    await openSection('board');
    await byTid('board-agent-1001', { timeout: 30000 });
    await click('board-arrange-toggle');
    await browser.waitUntil(async () => (await cellOf('1001')) === `${x},${y}`, {
      timeout: 15000,
      timeoutMsg: `after the restart 1001 is at ${await cellOf('1001')}, not ${x},${y}`,
    });
    expect(await (await $tid('board-agent-1001')).getAttribute('data-seat')).toBe('A01');
  });
});
