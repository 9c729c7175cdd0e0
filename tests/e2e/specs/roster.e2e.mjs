// The roster in the real app: a week built by keyboard for one agent in a month nobody has
// rostered yet, the seventh day in a row flagged; publishing with a violation needs a reason;
// after publishing, an edit asks why.
import { browser, expect } from '@wdio/globals';
import { byTid, click, clickEl, completeSetup, openSection, screenshot, settle, tid, typeInto } from '../helpers.mjs';

/** Types into the input behind a testid once its modal has finished opening, then presses the
 * modal's OK in the page itself (the footer re-renders as the form validates). */
async function answerModal(id, text) {
  await byTid(id, { timeout: 30000 });
  await settle();
  await typeInto(id, text);
  await browser.execute((sel) => {
    document.querySelector(sel)?.closest('.ant-modal')?.querySelector('.ant-modal-footer .ant-btn-primary')?.click();
  }, tid(id));
}

describe('the roster', () => {
  it('builds a week by keyboard, flags the seventh day, and locks the month when published', async () => {
    await completeSetup({ site: '排班演示', supervisor: '排班主管', pin: '2580', demo: true, landing: null });
    await openSection('roster');
    await byTid('roster-grid', { timeout: 30000 });
    // The demo rosters last month and this one; the next month is an empty draft.
    await click('roster-next');
    const first = await browser.waitUntil(
      () =>
        browser.execute(() => {
          const day = document.querySelector('[data-testid^="day-"]');
          const cell = document.querySelector('[data-testid^="cell-1001-"]');
          return day && cell && !cell.textContent.trim() ? day.getAttribute('data-testid').slice(4) : false;
        }),
      { timeout: 30000, timeoutMsg: 'the next month did not open empty' },
    );
    const days = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid^="day-"]')].map((d) => d.getAttribute('data-testid').slice(4)),
    );
    expect(days[0]).toBe(first);

    // 1001 (王静) works the end of this month, so the week starts after a rest day: 休 (typed R)
    // on the 7th, then seven days of 白班 (D, Tab, D, Tab …) from the 8th.
    await clickEl(await byTid(`cell-1001-${days[6]}`), 'the seventh day');
    await browser.keys(['R']);
    await browser.keys(['Tab']);
    for (let i = 0; i < 7; i += 1) {
      await browser.keys(['D']);
      await browser.keys(['Tab']);
    }
    const week = days.slice(7, 14);
    const seventh = week[6];
    await browser.waitUntil(
      () =>
        browser.execute(
          (sel) => document.querySelector(sel)?.classList.contains('fd-rc-violation') ?? false,
          tid(`cell-1001-${seventh}`),
        ),
      { timeout: 30000, timeoutMsg: 'the seventh day in a row was not flagged' },
    );
    const typed = await browser.execute(
      (ids) => ids.map((id) => document.querySelector(`[data-testid="cell-1001-${id}"]`)?.textContent.trim()),
      [days[6], ...week],
    );
    expect(typed).toEqual(['休', 'D', 'D', 'D', 'D', 'D', 'D', 'D']);
    // The seventh day of the week carries the mark, no day before it does, and the list names
    // the rule.
    const marked = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid^="cell-1001-"].fd-rc-violation')].map((c) => c.getAttribute('data-testid')),
    );
    expect(marked).toContain(`cell-1001-${seventh}`);
    for (const day of week.slice(0, 6)) expect(marked).not.toContain(`cell-1001-${day}`);
    expect(await (await byTid('roster-violations')).getText()).toMatch(/连续上班/);
    await screenshot('roster-grid.png');

    // Publishing 售前一组 (1001's team) with a violation asks for a reason.
    const team = await browser.execute(() => {
      const row = document.querySelector('[data-testid="roster-row-1001"]');
      let prev = row?.previousElementSibling;
      while (prev && !prev.getAttribute('data-testid')?.startsWith('roster-team-')) prev = prev.previousElementSibling;
      return prev?.getAttribute('data-testid').replace('roster-team-', '');
    });
    expect(team).toBeTruthy();
    await click(`roster-publish-${team}`);
    await answerModal('roster-override-input', '新人带教周，已与本人确认');
    await browser.waitUntil(
      () =>
        browser.execute(
          (sel) => document.querySelector(sel)?.textContent.includes('已发布') ?? false,
          tid(`roster-status-${team}`),
        ),
      { timeout: 30000, timeoutMsg: 'the month was not published' },
    );

    // An edit to the published month asks why.
    const next = days[14];
    // The publish message may still be animating: select the cell as a mouse press would.
    await browser.execute((sel) => {
      const cell = document.querySelector(sel);
      cell?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      cell?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    }, tid(`cell-1001-${next}`));
    await browser.waitUntil(
      () =>
        browser.execute((sel, day) => document.querySelector(sel)?.textContent.includes(day) ?? false, tid('roster-focus'), next),
      { timeout: 10000, timeoutMsg: 'the day after the week was not selected' },
    );
    await browser.keys(['R']);
    await browser.keys(['Enter']);
    await browser.waitUntil(
      () => browser.execute((sel) => /已发布/.test(document.querySelector(sel)?.textContent ?? ''), tid('roster-reason-text')),
      { timeout: 30000, timeoutMsg: 'the edit did not ask for a reason' },
    );
    await answerModal('roster-reason-input', '补休');
    await browser.waitUntil(
      () =>
        browser.execute(
          (sel) => document.querySelector(sel)?.textContent.trim() === '休',
          tid(`cell-1001-${next}`),
        ),
      { timeout: 30000, timeoutMsg: 'the change with a reason was not written' },
    );
  });
});
