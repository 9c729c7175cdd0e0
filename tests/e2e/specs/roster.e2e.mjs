// The roster in the real app: a week built by keyboard for one agent in a month nobody has
// rostered yet, the seventh day in a row flagged; publishing with a violation needs a reason;
// after publishing, an edit asks why. Then a swap (代班) changes the grid only once a supervisor
// signs it with their PIN, and the swap record and the team's month print to PDF.
import { browser, expect } from '@wdio/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { byTid, click, clickEl, completeSetup, openSection, savePdf, screenshot, selectOption, settle, tid, typeInto } from '../helpers.mjs';

const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

/** Selects a grid cell as a mouse press would (a message may still be animating over it). */
async function pressCell(id) {
  await browser.execute((sel) => {
    const cell = document.querySelector(sel);
    cell?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    cell?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
  }, tid(id));
}

/** Writes what the window prints to a PDF through the app's own 保存为 PDF (the button's
 * file dialog is the system's: the spec asks the backend directly for the same file). */
/** Clicks a button in the page itself: antd's messages may still be animating over it. */
async function press(id) {
  await byTid(id, { timeout: 30000 });
  await browser.execute((sel) => document.querySelector(sel)?.click(), tid(id));
}

/** The shift written in grid cells by testid (without their badges), read in the page. */
const cellTexts = (ids) =>
  browser.execute(
    (list) =>
      list.map((id) => {
        const cell = document.querySelector(`[data-testid="${id}"]`);
        return (cell?.querySelector('.fd-rc-in') ?? cell)?.textContent.trim() ?? null;
      }),
    ids,
  );

/** Presses the primary button of the modal holding this testid, in the page itself. */
const pressModalOk = (id) =>
  browser.execute((sel) => {
    document.querySelector(sel)?.closest('.ant-modal')?.querySelector('.ant-modal-footer .ant-btn-primary')?.click();
  }, tid(id));

/** Types into the input behind a testid once its modal has finished opening, then presses the
 * modal's OK in the page itself (the footer re-renders as the form validates). */
async function answerModal(id, text) {
  await byTid(id, { timeout: 30000 });
  // A message toast may still be animating elsewhere on the page; the modal's input takes
  // keys regardless.
  await settle().catch(() => {});
  await typeInto(id, text);
  await pressModalOk(id);
}

describe('the roster', () => {
  let days = [];
  let team = null;

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
    days = await browser.execute(() =>
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
    team = await browser.execute(() => {
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
    await pressCell(`cell-1001-${next}`);
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

  it('takes a swap only when a supervisor signs it with the PIN, and prints it', async () => {
    // 1002 (李娜) covers 1001's 白班 on the 9th (代班): asked from the selected cell.
    const day = days[8];
    const ids = [`cell-1001-${day}`, `cell-1002-${day}`];
    const before = await cellTexts(ids);
    expect(before).toEqual(['D', '']);
    await pressCell(ids[0]);
    await browser.waitUntil(
      () => browser.execute((sel, d) => document.querySelector(sel)?.textContent.includes(d) ?? false, tid('roster-focus'), day),
      { timeout: 10000, timeoutMsg: 'the cell to swap was not selected' },
    );
    await press('roster-swap-request');
    await byTid('swap-kind', { timeout: 30000 });
    await settle();
    await browser.execute((sel) => document.querySelector(`${sel} input[value="cover"]`)?.click(), tid('swap-kind'));
    await selectOption('swap-b', '1002 李娜');
    await typeInto('swap-reason', '家中有事，李娜代班');
    await pressModalOk('swap-reason');
    // The modal is kept in the page once rendered: accepted means hidden.
    const gone = (id) => browser.execute((sel) => !document.querySelector(sel)?.offsetParent, tid(id));
    await browser.waitUntil(() => gone('swap-reason'), { timeout: 30000, timeoutMsg: 'the swap request was not accepted' });
    // Asked, not signed: the grid and so the live floor keep the original.
    await browser.pause(1000);
    expect(await cellTexts(ids)).toEqual(before);
    // Both cells show the pending swap's badge.
    const badged = await browser.execute(
      (list) => list.map((id) => !!document.querySelector(`[data-testid="${id}"] [data-testid="swap-badge"]`)),
      ids,
    );
    expect(badged).toEqual([true, true]);

    await press('roster-swaps');
    await byTid('swap-records', { timeout: 30000 });
    const swapId = await browser.waitUntil(
      () =>
        browser.execute(() => {
          const item = [...document.querySelectorAll('[data-testid^="swap-"]')].find(
            (li) => /^swap-\d+$/.test(li.getAttribute('data-testid')) && li.textContent.includes('家中有事'),
          );
          return item ? item.getAttribute('data-testid').slice(5) : false;
        }),
      { timeout: 30000, timeoutMsg: 'the swap is not in the 换班记录' },
    );
    await press(`swap-approve-${swapId}`);
    await answerModal('swap-approve-pin', '2580');
    await browser.waitUntil(async () => (await cellTexts(ids)).join('|') === '|D', {
      timeout: 30000,
      timeoutMsg: 'the signed swap did not change the grid',
    });
    await screenshot('roster-swap-approved.png');

    // The 换班记录表 prints on A4 with both agents, the shift, the reason and the signer.
    await press(`swap-print-${swapId}`);
    const record = await byTid('swap-print', { timeout: 30000 });
    const text = await record.getText();
    for (const part of ['1001', '1002', '家中有事', '排班主管']) expect(text).toContain(part);
    await settle();
    await savePdf(path.join(artifacts, 'swap-record.pdf'), false);
    await browser.keys(['Escape']);
    await browser.waitUntil(() => gone('swap-print'), { timeout: 10000, timeoutMsg: 'the swap record did not close' });
    await browser.keys(['Escape']);

    // The team's month on A4 landscape.
    await settle();
    await press('roster-print');
    const teamName = await browser.execute(
      (sel) => document.querySelector(sel)?.textContent.replace(/\s+/g, ' ').trim().split(' ')[0],
      tid(`roster-team-${team}`),
    );
    if (!(await browser.execute((sel) => !!document.querySelector(sel), tid('roster-print-sheet')))) {
      await selectOption('roster-print-team', teamName);
    }
    await byTid('roster-print-sheet', { timeout: 30000 });
    const sheetText = await browser.execute((sel) => document.querySelector(sel)?.textContent ?? '', tid('roster-print-sheet'));
    for (const part of ['王静', '李娜', '排班表']) expect(sheetText).toContain(part);
    await settle();
    await savePdf(path.join(artifacts, 'roster-month.pdf'), true);
    expect(fs.statSync(path.join(artifacts, 'roster-month.pdf')).size).toBeGreaterThan(10000);
  });
});
