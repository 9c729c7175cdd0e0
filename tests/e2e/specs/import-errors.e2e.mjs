// A file with errors is shown row by row and cannot be imported; nothing is written.
import { $$, browser, expect } from '@wdio/globals';
import {
  $tid,
  byTid,
  click,
  closeDialog,
  completeSetup,
  demoFile,
  number,
  tableRows,
  typeInto,
  waitForText,
} from '../helpers.mjs';

describe('import: a file with errors writes nothing', () => {
  it('runs the first-run wizard on a fresh database', async () => {
    await completeSetup();
  });

  it('previews agents-bad.csv: row 7 has an invalid level, row 9 repeats a 工号', async () => {
    await click('people-import');
    await typeInto('import-path', demoFile('agents-bad.csv'));
    await click('import-preview');
    await byTid('import-errors');
    let errors = [];
    const rowOf = (n) => errors.find((cells) => cells.some((c) => c === String(n)));
    await browser.waitUntil(
      async () => {
        errors = await tableRows('import-errors');
        return errors.length >= 2;
      },
      { timeoutMsg: 'the import-errors table does not list two errors' },
    );
    const levelError = rowOf(7);
    expect(levelError).toBeDefined();
    // The level column (职级) or the bad value (组长) is named in the row's error.
    expect(levelError.join(' ')).toMatch(/职级|组长/);
    // Row 9 repeats row 3's 工号 5002.
    const duplicate = rowOf(9);
    expect(duplicate).toBeDefined();
    expect(duplicate.join(' ')).toMatch(/工号|5002/);
    await expect(await $tid('import-confirm')).toBeDisabled();
  });

  it('leaves the people table empty', async () => {
    await closeDialog();
    await waitForText('people-count', number(0));
    const agentRows = await $$('[data-testid^="agent-row-"]');
    expect(agentRows.length).toBe(0);
  });
});
