// 自动排班 in the real app: the supervisor generates one team's next month (a draft) and reads
// the report (coverage, gaps, wishes), sees the coverage chart under the grid, then writes a
// working shift on a day generation left as rest, pins it (固定), records a wished rest day (想休)
// for another agent, and generates again with the same seed: the pinned cell keeps what was
// typed (without the pin the same seed would put the rest day back), and the wish is either
// granted or listed with its reason.
import { browser, expect } from '@wdio/globals';
import { byTid, click, closeDialog, completeSetup, invoke, openSection, pressButton, screenshot, selectOption, settle, tid, typeKeys } from '../helpers.mjs';

const TEAM = '售前一组';

/** Selects a grid cell as a mouse press would (a message may still be animating over it). */
async function pressCell(id) {
  await browser.execute((sel) => {
    const cell = document.querySelector(sel);
    cell?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    cell?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
  }, tid(id));
}

/** The shift written in a grid cell (without its badges), read in the page. */
const cellText = (id) =>
  browser.execute((sel) => {
    const cell = document.querySelector(sel);
    return (cell?.querySelector('.fd-rc-in') ?? cell)?.textContent.trim() ?? null;
  }, tid(id));

/** Selects one cell and waits until the grid says it is the focused one. */
async function selectCell(no, date) {
  await pressCell(`cell-${no}-${date}`);
  await browser.waitUntil(
    () => browser.execute((sel, d) => document.querySelector(sel)?.textContent.includes(d) ?? false, tid('roster-focus'), date),
    { timeout: 10000, timeoutMsg: `cell ${no} ${date} was not selected` },
  );
  // The grid takes the keys.
  await browser.execute((sel) => document.querySelector(sel)?.focus({ preventScroll: true }), tid('roster-grid'));
}

/**
 * The first-run wizard with the demo floor. Loading the demo generates every team's months
 * (自动排班), which in a debug build on a busy machine can outlast the wizard helper's wait for
 * the header: wait longer here.
 */
async function setupDemo() {
  try {
    await completeSetup({ site: '自动排班演示', supervisor: '排班主管', pin: '2580', demo: true, landing: null });
  } catch (e) {
    if (!/header-operator/.test(String(e?.message ?? e))) throw e;
    await byTid('header-operator', { timeout: 400000 });
  }
}

/** Waits until the page has painted twice (a screenshot taken at once may show the frame before). */
const painted = () =>
  browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));

/** Saves a screenshot once what is on screen has settled and been painted. */
async function shot(name) {
  await settle();
  await painted();
  await screenshot(name);
}

/** Opens 自动排班, starts it with the team the page shows, and waits for the report. */
async function generate() {
  await pressButton('roster-generate');
  await byTid('generation-dialog', { timeout: 30000 });
  await settle();
  await browser.waitUntil(
    () => browser.execute((sel, team) => document.querySelector(sel)?.closest('.ant-modal')?.textContent.includes(team) ?? false, tid('generation-dialog'), TEAM),
    { timeout: 10000, timeoutMsg: 'the dialog did not start with the chosen team' },
  );
  await click('generation-start');
  await byTid('generation-result', { timeout: 120000 });
  await settle();
}

describe('自动排班', () => {
  let month = '';
  let days = [];
  let agents = [];

  it('generates a team’s next month and shows the report and the coverage chart', async function () {
    this.timeout(600000);
    await setupDemo();
    await openSection('roster');
    await byTid('roster-grid', { timeout: 30000 });
    await selectOption('roster-team', TEAM);
    const before = await browser.execute(() => document.querySelector('[data-testid^="day-"]')?.getAttribute('data-testid'));
    await click('roster-next');
    await browser.waitUntil(
      () => browser.execute((b) => {
        const first = document.querySelector('[data-testid^="day-"]')?.getAttribute('data-testid');
        return !!first && first !== b && !!document.querySelector('[data-testid^="roster-row-"]');
      }, before),
      { timeout: 30000, timeoutMsg: 'the next month did not open' },
    );
    days = await browser.execute(() => [...document.querySelectorAll('[data-testid^="day-"]')].map((d) => d.getAttribute('data-testid').slice(4)));
    month = days[0].slice(0, 7);
    agents = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid^="roster-row-"]')].map((r) => r.getAttribute('data-testid').slice('roster-row-'.length)),
    );
    expect(agents.length).toBeGreaterThan(3);

    await generate();
    const coverage = await (await byTid('generation-coverage')).getText();
    expect(coverage).toMatch(/需求覆盖率/);
    expect(coverage).toMatch(/\d+(\.\d)?%/);
    const written = await (await byTid('generation-written')).getText();
    expect(written).toMatch(/写入单元格/);
    expect(await (await byTid('generation-spread')).getText()).toMatch(/夜班 \d+–\d+ 个/);
    await shot('roster-generate-result.png');
    // The first day with a gap, if any: the coverage chart is shown for it below.
    const gapDay = await browser.execute(() => document.querySelector('[data-testid^="generation-gap-"]')?.getAttribute('data-testid').slice('generation-gap-'.length) ?? null);
    await click('generation-close');
    await browser.waitUntil(async () => !(await browser.execute((sel) => !!document.querySelector(sel), tid('generation-dialog'))), {
      timeout: 10000,
      timeoutMsg: 'the dialog did not close',
    });

    // The grid shows the generated month: every agent has something written on the days generated.
    await browser.waitUntil(
      async () => (await cellText(`cell-${agents[0]}-${days[days.length - 1]}`)) !== '',
      { timeout: 30000, timeoutMsg: 'the grid did not show the generated month' },
    );

    // The coverage panel under the grid: its day chart for the team.
    const panel = await byTid('coverage-panel', { timeout: 30000 });
    await panel.scrollIntoView();
    if (!(await browser.execute((sel) => !!document.querySelector(sel), tid('coverage-day-chart')))) {
      await pressButton('coverage-toggle');
    }
    const chart = await byTid('coverage-day-chart', { timeout: 30000 });
    if (gapDay) {
      // The chart follows the grid's focused day.
      await selectCell(agents[0], gapDay);
      await browser.waitUntil(
        () => browser.execute((sel, d) => document.querySelector(sel)?.textContent.includes(d) ?? false, tid('coverage-body'), gapDay),
        { timeout: 30000, timeoutMsg: `the coverage chart did not follow the grid to ${gapDay}` },
      );
    }
    await chart.scrollIntoView({ block: 'end' });
    await shot('roster-coverage.png');
  });

  it('keeps a pinned cell as typed when generating again, and grants or explains a wished rest day', async function () {
    this.timeout(300000);
    const cells = await browser.execute((ids) => ids.map((id) => {
      const c = document.querySelector(`[data-testid="${id}"]`);
      return (c?.querySelector('.fd-rc-in') ?? c)?.textContent.trim() ?? '';
    }), days.map((d) => `cell-${agents[0]}-${d}`));
    // A day from the 4th on that generation left as rest for the team's first agent, and the shift
    // the agent works most.
    const restAt = cells.findIndex((v, i) => i >= 3 && v === '休');
    expect(restAt).toBeGreaterThan(-1);
    const counts = {};
    for (const v of cells) if (v && v !== '休') counts[v] = (counts[v] ?? 0) + 1;
    const shift = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const pinDay = days[restAt];
    const pinned = `cell-${agents[0]}-${pinDay}`;

    // Write the shift on the rest day, then pin it.
    await selectCell(agents[0], pinDay);
    await typeKeys(shift);
    await browser.keys(['Enter']);
    await browser.waitUntil(async () => (await cellText(pinned)) === shift, { timeout: 30000, timeoutMsg: `${pinned} did not take ${shift}` });
    await selectCell(agents[0], pinDay);
    await pressButton('roster-pin');
    await browser.waitUntil(
      () => browser.execute((sel) => !!document.querySelector(`${sel} [data-testid="pin-mark"]`), tid(pinned)),
      { timeout: 30000, timeoutMsg: 'the pin mark did not appear' },
    );
    expect(await invoke('roster_pins', { month })).toContainEqual({ employee_no: agents[0], date: pinDay });

    // Another agent asks for a working day off.
    const wisher = agents[1];
    const wishRow = await browser.execute((ids) => ids.map((id) => {
      const c = document.querySelector(`[data-testid="${id}"]`);
      return (c?.querySelector('.fd-rc-in') ?? c)?.textContent.trim() ?? '';
    }), days.map((d) => `cell-${wisher}-${d}`));
    const wishAt = wishRow.findIndex((v, i) => i >= 3 && v && v !== '休');
    expect(wishAt).toBeGreaterThan(-1);
    const wishDay = days[wishAt];
    await selectCell(wisher, wishDay);
    await pressButton('roster-wish');
    await byTid('generation-wish-note', { timeout: 30000 });
    await settle();
    await browser.execute((sel) => document.querySelector(sel)?.focus(), tid('generation-wish-note'));
    await pressButton('generation-wish-ok');
    await browser.waitUntil(
      () => browser.execute((sel) => !!document.querySelector(`${sel} [data-testid="wish-mark"]`), tid(`cell-${wisher}-${wishDay}`)),
      { timeout: 30000, timeoutMsg: 'the wish mark did not appear' },
    );

    // Generate again with the same seed.
    await generate();
    const unmet = await browser.execute(() => [...document.querySelectorAll('[data-testid="generation-unmet-item"]')].map((li) => li.textContent));
    const wishes = await (await byTid('generation-wishes')).getText();
    expect(wishes).toMatch(/\d+ \/ \d+ 天/);
    await shot('roster-generate-again.png');
    await closeDialog();

    // The pinned cell holds what was typed, in the grid and in the backend.
    await browser.waitUntil(async () => (await cellText(pinned)) === shift, { timeout: 30000, timeoutMsg: `${pinned} lost its pinned ${shift}` });
    const stored = await invoke('roster_month', { month });
    expect(stored.cells.find((c) => c.employee_no === agents[0] && c.date === pinDay)?.cell).toBe(shift);
    expect(await browser.execute((sel) => !!document.querySelector(`${sel} [data-testid="pin-mark"]`), tid(pinned))).toBe(true);

    // The wish: a rest day now, or listed as not met, naming the agent and the day.
    const wishCell = stored.cells.find((c) => c.employee_no === wisher && c.date === wishDay)?.cell ?? '';
    if (wishCell !== '休') {
      expect(unmet.some((u) => u.includes(wisher) && u.includes(wishDay.slice(5)) && u.includes('想休未安排'))).toBe(true);
    }
    expect(await browser.execute((sel) => !!document.querySelector(`${sel} [data-testid="wish-mark"]`), tid(`cell-${wisher}-${wishDay}`))).toBe(true);

    // The grid with the pin and the wish marks, the pinned cell selected.
    await selectCell(agents[0], pinDay);
    await browser.execute((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'center', inline: 'center' }), tid(pinned));
    await shot('roster-generate-pinned.png');
  });
});
