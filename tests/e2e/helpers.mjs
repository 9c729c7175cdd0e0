// Helpers for FloorDesk's E2E specs: data-testid lookups, antd widgets, explicit waits.
// WebKitWebDriver renders asynchronously: always wait for an element or a condition, never sleep.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browser, $, $$ } from '@wdio/globals';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const artifactsDir = path.join(here, 'artifacts');
export const demoFile = (name) => path.join(repoRoot, 'assets', 'demo', name);

/** CSS selector of a data-testid. */
export const tid = (id) => `[data-testid="${id}"]`;

/** The database this spec's app runs on (set by wdio.conf.mjs). */
export function dbPath() {
  const args = browser.requestedCapabilities?.['tauri:options']?.args ?? [];
  const i = args.indexOf('--db');
  return i >= 0 ? args[i + 1] : process.env.FLOORDESK_E2E_DB;
}

/**
 * Waits until the element with this testid is displayed and returns it. Looked up afresh on each
 * try: React may replace the node between the lookup and the check (a dialog opening).
 */
export async function byTid(id, { timeout } = {}) {
  let el;
  await browser.waitUntil(
    async () => {
      try {
        el = await $(tid(id));
        return await el.isDisplayed();
      } catch (e) {
        if (/stale/i.test(String(e?.message ?? e))) return false;
        throw e;
      }
    },
    { timeout, timeoutMsg: `[data-testid="${id}"] not displayed` },
  );
  return el;
}

/**
 * Waits until no antd enter/leave animation is running (rc-motion classes such as
 * ant-zoom-appear-active or ant-slide-up-enter). WebKitWebDriver refuses clicks on animating
 * elements ("element not interactable"), and a failed click can close an antd dropdown.
 */
export async function settle() {
  let moving = '';
  await browser.waitUntil(
    async () => {
      moving = await browser.execute(() => {
        const motion = /^ant-[\w-]*-(appear|enter|leave)(-prepare|-start|-active)?$/;
        // A button's loading spinner fading in or out covers nothing (and under load its leave
        // motion can linger): only what may cover or move a target counts.
        const harmless = (el) => el.closest('.ant-btn-loading-icon, .ant-btn-icon') !== null;
        for (const el of document.querySelectorAll('[class*="-appear"], [class*="-enter"], [class*="-leave"]')) {
          if (harmless(el)) continue;
          if ([...el.classList].some((c) => motion.test(c)) && getComputedStyle(el).display !== 'none') return el.className;
        }
        return '';
      });
      return moving === '';
    },
    { interval: 100, timeoutMsg: 'antd animations did not finish' },
  ).catch((e) => {
    throw new Error(`${e.message} (still moving: ${moving})`);
  });
}

/** Clicks once animations have settled, retrying while something covers the element. */
export async function clickEl(el, what = 'element', { timeout } = {}) {
  let last;
  try {
    await browser.waitUntil(
      async () => {
        try {
          await settle();
          await el.click();
          return true;
        } catch (e) {
          last = e;
          return false;
        }
      },
      { timeout },
    );
  } catch {
    throw new Error(`could not click ${what}: ${last?.message ?? 'timed out'}`);
  }
}

export async function click(id) {
  const el = await byTid(id);
  await browser.waitUntil(() => el.isEnabled(), { timeoutMsg: `[data-testid="${id}"] stays disabled` });
  await clickEl(el, `[data-testid="${id}"]`);
}

/** The <input>/<textarea> behind a testid (antd may put the testid on a wrapper). */
async function inputOf(id) {
  const el = await byTid(id);
  const tag = (await el.getTagName()).toLowerCase();
  if (tag === 'input' || tag === 'textarea') return el;
  const inner = await el.$('input, textarea');
  await inner.waitForExist({ timeoutMsg: `no input inside [data-testid="${id}"]` });
  return inner;
}

/**
 * Replaces the text of an input. Typed as keystrokes; if the driver could not type some
 * characters (e.g. CJK), falls back to setting the value the way React notices it.
 */
export async function typeInto(id, text) {
  const input = await inputOf(id);
  await clickEl(input, `[data-testid="${id}"]`);
  await input.clearValue();
  await input.addValue(text);
  const typed = await input.getValue();
  if (typed === text) return;
  console.warn(`typeInto ${id}: keystrokes gave ${JSON.stringify(typed)}; setting the value directly`);
  await browser.execute(
    (el, value) => {
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    input,
    text,
  );
  await browser.waitUntil(async () => (await input.getValue()) === text, {
    timeoutMsg: `[data-testid="${id}"] did not take the value ${JSON.stringify(text)}`,
  });
}

/** The displayed option of an open antd Select dropdown whose title is `label`, or null. */
async function visibleOption(label) {
  const sel = `.ant-select-dropdown .ant-select-item-option[title="${label.replace(/(["\\])/g, '\\$1')}"]`;
  for (const option of await $$(sel)) {
    if (await option.isDisplayed()) return option;
  }
  return null;
}

/** Whether the antd Select shows `label` as its value with its dropdown closed. */
async function selected(select, label) {
  return !(await visibleOption(label)) && (await select.getText()).includes(label);
}

/**
 * Opens the antd Select with this testid and picks the option titled `label`.
 * Clicks through the bare WebDriver command (no webdriverio retry): WebKitWebDriver sometimes
 * answers "element not interactable" for a click on a dropdown option that did take effect, so
 * success is judged by the value the select shows, checked before every new attempt.
 */
export async function selectOption(id, label) {
  const select = await byTid(id);
  let last;
  try {
    await browser.waitUntil(
      async () => {
        try {
          await settle();
          if (await selected(select, label)) return true;
          let option = await visibleOption(label);
          if (!option) {
            await browser.elementClick(select.elementId);
            await settle();
            option = await visibleOption(label);
            if (!option) return false;
          }
          await browser.elementClick(option.elementId);
          await settle();
          return await selected(select, label);
        } catch (e) {
          last = e;
          return false;
        }
      },
      { timeout: 30000, interval: 300 },
    );
  } catch {
    throw new Error(`select [data-testid="${id}"]: could not pick ${JSON.stringify(label)}: ${last?.message ?? 'no such option'}`);
  }
}

/** Waits until the text of the testid matches `re` (a RegExp) and returns the text. */
export async function waitForText(id, re) {
  const el = await byTid(id);
  let text = '';
  await browser.waitUntil(
    async () => {
      text = await el.getText();
      return re.test(text);
    },
    { timeoutMsg: `[data-testid="${id}"] text ${JSON.stringify(text)} does not match ${re}` },
  );
  return text;
}

/** A RegExp matching the number n alone (not as part of a longer number). */
export const number = (n) => new RegExp(`(^|\\D)${n}(\\D|$)`);

/** The body rows of the table under a testid, each as an array of its cells' texts. */
export async function tableRows(id) {
  const root = await byTid(id);
  return browser.execute((el) => {
    const rows = [...el.querySelectorAll('tbody tr')].filter(
      (tr) =>
        !tr.classList.contains('ant-table-placeholder') &&
        !tr.classList.contains('ant-table-measure-row') &&
        tr.getAttribute('aria-hidden') !== 'true',
    );
    return rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()));
  }, root);
}

/** Waits until the table under a testid has exactly n body rows; returns the rows. */
export async function waitForRowCount(id, n) {
  let rows = [];
  await browser.waitUntil(
    async () => {
      rows = await tableRows(id);
      return rows.length === n;
    },
    { timeoutMsg: `[data-testid="${id}"] has ${rows.length} rows, expected ${n}` },
  );
  return rows;
}

const DIALOGS = '.ant-modal-wrap, .ant-drawer-open .ant-drawer-content';
const CLOSERS = '.ant-modal-wrap .ant-modal-close, .ant-drawer-open .ant-drawer-close';

async function anyDisplayed(selector) {
  for (const el of await $$(selector)) {
    if (await el.isDisplayed()) return el;
  }
  return null;
}

/** Whether an antd modal or drawer is open. */
export async function dialogOpen() {
  return Boolean(await anyDisplayed(DIALOGS));
}

/**
 * Closes the open antd modal or drawer (its close button, else Escape) and waits until none is
 * displayed. Clicks once: in WebKitWebDriver a click on a modal that is already fading out can
 * hang until the session ends.
 */
export async function closeDialog() {
  if (!(await dialogOpen())) return;
  const closer = await anyDisplayed(CLOSERS);
  if (closer) await clickEl(closer, 'the dialog close button', { timeout: 5000 });
  else await browser.keys('Escape');
  await browser.waitUntil(async () => !(await dialogOpen()), { timeoutMsg: 'the dialog did not close' });
}

/** Gives a dialog `ms` to close by itself (e.g. after a successful import), then closes it. */
export async function dialogClosedOrClose(ms = 3000) {
  try {
    await browser.waitUntil(async () => !(await dialogOpen()), { timeout: ms });
  } catch {
    await closeDialog();
  }
}

/**
 * Opens a section from the side menu (`nav-<key>`), e.g. 'people' or 'board'. Supervisors and
 * team leads land on the live board after logging in; the other sections are a click away.
 */
export async function openSection(key) {
  await byTid(`nav-${key}`, { timeout: 30000 });
  await click(`nav-${key}`);
}

/** Opens People from the side menu and waits for its table. */
export async function openPeople() {
  await openSection('people');
  await byTid('people-table', { timeout: 30000 });
}

/**
 * First-run wizard on a fresh database. Leaves the time zone at its default; no demo data.
 * Ends on People (`landing: 'people'`, the default) or where the app lands (`landing: null`:
 * the live board for the supervisor).
 */
export async function completeSetup({ site = '测试现场', supervisor = '测试主管', employeeNo = 'S009', pin = '3816', demo = false, landing = 'people' } = {}) {
  await byTid('setup-site-name', { timeout: 60000 });
  await typeInto('setup-site-name', site);
  await byTid('setup-time-zone');
  await typeInto('setup-supervisor-name', supervisor);
  await typeInto('setup-supervisor-employee-no', employeeNo);
  await typeInto('setup-pin', pin);
  await typeInto('setup-pin-confirm', pin);
  // antd hides the checkbox's own input; click the box drawn over it.
  if (demo) await clickEl(await (await $tid('setup-load-demo')).parentElement(), 'the demo checkbox');
  await click('setup-submit');
  // The demo floor generates a quarter of rosters and a history of events: a debug build on a
  // busy machine takes a while.
  await byTid('header-operator', { timeout: demo ? 180000 : 30000 });
  if (landing === 'people') await openPeople();
}

/** Pids of processes started with this database path among their arguments (i.e. the app). */
export function appPids(db) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(db)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/**
 * Quits the app (ends the WebDriver session), waits until its process has exited, and starts it
 * again on the same database (a new session with the same capabilities).
 */
export async function restartApp() {
  const db = dbPath();
  await browser.deleteSession();
  await browser.waitUntil(async () => appPids(db).length === 0, {
    timeout: 20000,
    interval: 250,
    timeoutMsg: `the app (${db}) did not exit within 20 s of its session ending`,
  });
  // reloadSession tries to end the (already ended) session again and logs a warning; harmless.
  await browser.reloadSession();
}

/**
 * Kills the app as a crash or a pulled plug would (SIGKILL: no unload, no last save), waits until
 * its process is gone, and starts it again on the same database (a new session with the same
 * capabilities). The WebKit processes the app started go with it.
 */
export async function killApp() {
  const db = dbPath();
  const pids = appPids(db);
  if (pids.length === 0) throw new Error(`no app process runs on ${db}`);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (e) {
      if (e.code !== 'ESRCH') throw e;
    }
  }
  await browser.waitUntil(async () => appPids(db).length === 0, {
    timeout: 20000,
    interval: 100,
    timeoutMsg: `the app (${db}) did not exit within 20 s of SIGKILL`,
  });
  // reloadSession tries to end the dead session first and logs a warning; harmless.
  await browser.reloadSession();
}

/** Logs in on the login page as the user shown as `label` (e.g. '王静 · 班长') with `pin`. */
export async function login(label, pin) {
  await byTid('login-user', { timeout: 60000 });
  await selectOption('login-user', label);
  await typeInto('login-pin', pin);
  await click('login-submit');
  await byTid('header-operator', { timeout: 30000 });
}

/** Saves a screenshot into tests/e2e/artifacts/ and returns its path. */
export async function screenshot(name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  await browser.saveScreenshot(file);
  return file;
}

/** The element with this testid, without waiting (for existence / display checks). */
export const $tid = (id) => $(tid(id));

/** Each card's state on the board, by 工号, read in the page. */
export async function cardStates() {
  return browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid^="board-agent-"][data-state]')].map((el) => [
        el.getAttribute('data-testid').slice('board-agent-'.length),
        el.getAttribute('data-state'),
      ]),
    ),
  );
}

/**
 * The open absence alerts whose agent is at work in the very shift the alert is about, read in the
 * page at one instant (an alert of an earlier shift may stand beside an agent now at work).
 */
export async function absentButAtWork() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="alert-list"] [data-rule="absent"]')].flatMap((alert) => {
      const agent = alert.getAttribute('data-agent');
      const card = document.querySelector(`[data-testid="board-agent-${agent}"]`);
      const sameShift = card?.getAttribute('data-shift-date') === alert.getAttribute('data-shift-date');
      const state = card?.getAttribute('data-state');
      return sameShift && state !== 'signed_out' ? [`${agent} (${state})`] : [];
    }),
  );
}

/**
 * Prints the page as it stands to `artifacts/<stem>.pdf` (A4 portrait, the app's save-as-PDF
 * command) and renders its first page to `artifacts/<stem>.png`; returns both paths.
 */
export async function printToPng(stem) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const pdf = path.join(artifactsDir, `${stem}.pdf`);
  const png = path.join(artifactsDir, `${stem}.png`);
  fs.rmSync(pdf, { force: true });
  await savePdf(pdf, false);
  fs.rmSync(png, { force: true });
  if (fs.existsSync(pdf)) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(artifactsDir, stem)]);
  return { pdf, png };
}

/** Calls a backend command the way the UI does (through Tauri's IPC); throws its error. */
export async function invoke(command, args) {
  const r = await browser.executeAsync(
    (cmd, a, done) => {
      window.__TAURI_INTERNALS__.invoke(cmd, a).then((v) => done({ v }), (e) => done({ e: JSON.stringify(e) }));
    },
    command,
    args,
  );
  if (r.e) throw new Error(`${command}: ${r.e}`);
  return r.v;
}

/** Clicks the button with this testid from the page's side (a button under a tooltip or far down a drawer). */
export async function pressButton(id) {
  await byTid(id, { timeout: 30000 });
  await browser.execute((sel) => document.querySelector(sel)?.click(), tid(id));
}

/**
 * Saves what the window prints to `file` through the app's own 保存为 PDF (the button's file
 * dialog is the system's: a spec asks the backend for the same file).
 */
export async function savePdf(file, landscape) {
  await invoke('save_print_pdf', { path: file, landscape });
}

/**
 * Types text as keystrokes into whatever has the focus (no element is clicked). One key action
 * per character: `browser.keys('…')` presses a repeated character only once (it holds every key
 * down before letting any go), so 'TB3920118842' would arrive as 'TB39201842'.
 */
export async function typeKeys(text) {
  await browser.performActions([
    { type: 'key', id: 'keyboard', actions: [...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]) },
  ]);
  await browser.releaseActions();
}

/** The text an antd Select shows (its chosen tags), read from its root around the testid. */
export const shownIn = (id) =>
  browser.execute((sel) => {
    const el = document.querySelector(sel);
    return (el?.closest('.ant-select') ?? el)?.innerText ?? '';
  }, tid(id));

/**
 * Picks one option of a multiple-choice antd Select (its dropdown stays open after a pick;
 * `close` shuts it with Escape).
 */
export async function pickOne(id, label, { close = false } = {}) {
  const select = await byTid(id);
  await browser.waitUntil(
    async () => {
      if ((await shownIn(id)).includes(label)) return true;
      let option = null;
      for (const o of await $$(`.ant-select-dropdown .ant-select-item-option[title="${label}"]`)) {
        if (await o.isDisplayed()) option = o;
      }
      if (!option) {
        await browser.elementClick(select.elementId).catch(() => {});
        await settle();
        return false;
      }
      await browser.elementClick(option.elementId).catch(() => {});
      await settle();
      return (await shownIn(id)).includes(label);
    },
    { timeout: 30000, interval: 500, timeoutMsg: `[data-testid="${id}"] did not take ${label}` },
  );
  if (close) {
    await browser.keys('Escape');
    await settle();
  }
}
