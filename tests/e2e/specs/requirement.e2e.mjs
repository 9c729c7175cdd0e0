// 人力需求 and 覆盖 in the real app, on the demo floor: one half hour of a team's Monday typed in
// the requirement editor and saved is there when the editor opens again, and the coverage panel
// under the roster grid reads the month again (its summary names the larger need). Screenshots:
// the coverage panel, the editor typed and in Erlang C mode.
import { $, browser, expect } from '@wdio/globals';
import { byTid, click, clickEl, completeSetup, openSection, screenshot, selectOption, settle, tid } from '../helpers.mjs';

/** Scrolls the element with this testid into view (the page scrolls, not the window). */
const scrollTo = (id) => browser.execute((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), tid(id));

/** The value of one half hour's input in the editor. */
const slotValue = (row, slot) => browser.execute((sel) => document.querySelector(sel)?.value ?? null, tid(`req-${row}-${slot}`));

const summaryText = async () => (await (await byTid('coverage-summary', { timeout: 30000 })).getText()).trim();

/** The needed agent half-hours the coverage summary names (需求 N 人·半小时). */
async function summaryNeeded() {
  const text = await (await byTid('coverage-summary', { timeout: 30000 })).getText();
  const m = /需求 (\d+) 人·半小时/.exec(text);
  return m ? Number(m[1]) : null;
}

describe('the requirement and the coverage', function () {
  // Loading the demo generates every team's months: slow in a debug build on a busy machine.
  this.timeout(600000);

  it('shows the coverage of a team under the roster grid', async () => {
    // The demo generates its teams' rosters while it loads: on a busy machine that outlasts
    // completeSetup's own wait for the header.
    await completeSetup({ site: '需求演示', supervisor: '需求主管', pin: '2580', demo: true, landing: null }).catch(async (e) => {
      if (!/header-operator/.test(String(e?.message))) throw e;
      await byTid('header-operator', { timeout: 480000 });
    });
    await openSection('roster');
    await byTid('roster-grid', { timeout: 30000 });
    await selectOption('roster-team', '售前二组');
    await byTid('coverage-day-chart', { timeout: 30000 });
    await byTid('coverage-heatmap');
    expect(await summaryNeeded()).toBeGreaterThan(0);
    await scrollTo('coverage-panel');
    await settle();
    await screenshot('coverage-panel.png');
  });

  it('reads the coverage again after a grid edit, and shows the edited day', async () => {
    // Next month: drafts, so an edit needs no reason.
    await click('roster-next');
    const last = await browser.waitUntil(
      () => browser.execute(() => [...document.querySelectorAll('[data-testid^="day-"]')].pop()?.getAttribute('data-testid').slice(4) ?? false),
      { timeoutMsg: 'no days in the next month' },
    );
    await browser.waitUntil(async () => (await (await byTid('coverage-day-chart')).isDisplayed()) && (await summaryText()) !== '', {
      timeout: 30000,
    });
    const before = await summaryText();
    const id = await browser.execute((d) => document.querySelector(`[data-testid^="cell-"][data-testid$="-${d}"]`)?.getAttribute('data-testid'), last);
    const was = await browser.execute((sel) => (document.querySelector(sel)?.querySelector('.fd-rc-in') ?? document.querySelector(sel))?.textContent.trim(), tid(id));
    await clickEl(await byTid(id), 'a cell on the last day');
    // A rest day where there was a shift, else a 晚班: the month's rostered heads change (a shift
    // for another of the same length might leave the totals as they were).
    await browser.keys([was === '休' || was === '' ? 'N' : 'R']);
    await browser.keys(['Enter']);
    await browser.waitUntil(async () => (await summaryText()) !== before, { timeout: 30000, timeoutMsg: `the coverage stayed "${before}" after the edit` });
    await browser.waitUntil(async () => (await (await byTid('coverage-day')).getText()).includes(last), {
      timeoutMsg: 'the day chart did not follow the focused column',
    });
    // The grid keeps its focused cell in view while it has the focus.
    await browser.execute(() => document.activeElement?.blur());
    await scrollTo('coverage-panel');
    await settle();
    await screenshot('coverage-after-edit.png');
    await click('roster-prev');
  });

  it('keeps a half hour typed into the requirement, and the coverage follows', async () => {
    const before = await summaryNeeded();
    await click('roster-requirement');
    await byTid('requirement-body', { timeout: 30000 });
    await click('requirement-tab-1');
    // 03:00–03:30 on Mondays: three more than the demo asks for.
    await browser.waitUntil(async () => (await slotValue('agents', 6)) !== null, { timeoutMsg: 'Monday is not in agents mode' });
    const was = Number((await slotValue('agents', 6)) || 0);
    const cell = await byTid('req-agents-6');
    await cell.click();
    await browser.keys(String(was + 3));
    await byTid('requirement-unsaved-1');
    await screenshot('requirement-editor.png');
    await click('requirement-save');
    await browser.waitUntil(async () => !(await (await $(tid('requirement-unsaved-1'))).isExisting()), { timeoutMsg: 'the Monday stayed unsaved' });
    await click('requirement-close');
    await browser.waitUntil(async () => !(await (await $(tid('requirement-body'))).isExisting()), { timeoutMsg: 'the editor did not close' });

    await click('roster-requirement');
    await byTid('requirement-body', { timeout: 30000 });
    await browser.waitUntil(async () => (await slotValue('agents', 6)) === String(was + 3), {
      timeoutMsg: 'the saved half hour did not come back',
    });
    expect(await (await byTid('requirement-tab-1')).getText()).toContain('手工');
    await click('requirement-close');

    // Mondays come four or five times a month: the need grows by three for each.
    await browser.waitUntil(async () => {
      const now = await summaryNeeded();
      return now !== null && before !== null && now > before && (now - before) % 3 === 0;
    }, { timeout: 30000, timeoutMsg: 'the coverage summary did not follow the requirement' });
  });

  it('shows an Erlang C day with its contacts and inputs', async () => {
    await selectOption('roster-team', '售前一组');
    await click('roster-requirement');
    await byTid('requirement-body', { timeout: 30000 });
    await byTid('erlang-aht');
    await browser.waitUntil(async () => Number((await slotValue('contacts', 20)) || 0) > 0, { timeoutMsg: 'no contacts on the Erlang day' });
    await settle();
    await screenshot('requirement-erlang.png');
    await click('requirement-close');
  });
});
