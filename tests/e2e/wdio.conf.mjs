// WebdriverIO configuration for FloorDesk's end-to-end tests. Run through ./run.sh, which
// starts Xvfb and tauri-driver on 127.0.0.1:4444 first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const targetDir = path.resolve(root, process.env.CARGO_TARGET_DIR ?? 'target');
const application = process.env.FLOORDESK_APP ?? path.join(targetDir, 'debug', 'floordesk');
const artifacts = path.join(here, 'artifacts');
let tempDir = null;

/** Today's date (YYYY-MM-DD) in Asia/Shanghai, the demo site's time zone. */
export function shanghaiToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Extra app arguments for particular spec files, by file name (after `--db`); other specs get
 * none. board.e2e.mjs runs on a simulated clock: today 10:00 Shanghai time, 30× real time, so a
 * ten-minute break overruns in about 20 seconds. demo-alive.e2e.mjs runs the demo simulator at 10×.
 * handover.e2e.mjs runs at real speed from today 15:40, no simulator: 售前一组's 白班 (to 16:00)
 * is the running log and its 晚班 starts signed out. scores.e2e.mjs and scores-computed.e2e.mjs run from the 2nd of
 * this month at 10:00, inside last month's scoring window. incidents.e2e.mjs runs at real speed from
 * today 10:00, when the board holds the morning's open alerts.
 */
export const SPEC_ARGS = {
  'board.e2e.mjs': () => ['--clock-start', `${shanghaiToday()}T10:00:00+08:00`, '--clock-speed', '30'],
  'demo-alive.e2e.mjs': () => ['--demo-simulator', '--clock-start', `${shanghaiToday()}T10:30:00+08:00`, '--clock-speed', '10'],
  'demo-night.e2e.mjs': () => ['--demo-simulator', '--clock-start', `${shanghaiToday()}T03:50:00+08:00`, '--clock-speed', '10'],
  'handover.e2e.mjs': () => ['--clock-start', `${shanghaiToday()}T15:40:00+08:00`, '--clock-speed', '1'],
  'incidents.e2e.mjs': () => ['--clock-start', `${shanghaiToday()}T10:00:00+08:00`, '--clock-speed', '1'],
  // The 2nd of this month is always inside last month's scoring window (its first working days).
  'scores.e2e.mjs': () => ['--clock-start', `${shanghaiToday().slice(0, 8)}02T10:00:00+08:00`, '--clock-speed', '1'],
  'scores-computed.e2e.mjs': () => ['--clock-start', `${shanghaiToday().slice(0, 8)}02T10:00:00+08:00`, '--clock-speed', '1'],
  // The demo floor left open, as a shift would: the simulator keeps changing states.
  'demo-floor.perf.mjs': () => ['--demo-simulator'],
  'scores-latency.perf.mjs': () => ['--clock-start', `${shanghaiToday().slice(0, 8)}02T10:00:00+08:00`, '--clock-speed', '1'],
};

function specArgs(specs) {
  const args = [];
  for (const spec of specs ?? []) {
    const file = String(spec).startsWith('file:') ? fileURLToPath(String(spec)) : String(spec);
    const extra = SPEC_ARGS[path.basename(file)];
    if (extra) args.push(...extra());
  }
  return args;
}

export const config = {
  runner: 'local',
  hostname: '127.0.0.1',
  port: Number(process.env.E2E_PORT ?? 4444),
  specs: ['./specs/**/*.e2e.mjs'],
  // tauri-driver runs one app at a time.
  maxInstances: 1,
  capabilities: [
    {
      // WebKitWebDriver speaks classic WebDriver only (no BiDi).
      'wdio:enforceWebDriverClassic': true,
      // `args` is filled per spec file in beforeSession: every spec gets a fresh database.
      'tauri:options': { application, args: [] },
    },
  ],
  logLevel: 'warn',
  bail: 0,
  waitforTimeout: 20000,
  waitforInterval: 200,
  connectionRetryTimeout: 120000,
  connectionRetryCount: 1,
  framework: 'mocha',
  reporters: ['spec'],
  // Steps in a spec build on each other: stop a spec at its first failure.
  mochaOpts: { ui: 'bdd', timeout: 120000, bail: true },

  onPrepare() {
    if (!fs.existsSync(application)) {
      throw new Error(`no app binary at ${application}: run (cd ui && npm run build) && cargo build -p floordesk --features custom-protocol`);
    }
    fs.mkdirSync(artifacts, { recursive: true });
  },

  // Runs in the worker of each spec file, before its session starts.
  // `specs` are the spec files of this worker (one per worker here); see SPEC_ARGS.
  beforeSession(_config, capabilities, specs) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'floordesk-e2e-'));
    const db = path.join(tempDir, 'floordesk.sqlite');
    capabilities['tauri:options'].args = ['--db', db, ...specArgs(specs)];
    process.env.FLOORDESK_E2E_DB = db;
  },

  async afterTest(test, _context, { passed }) {
    if (passed) return;
    const name = `${test.parent} ${test.title}`.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 100);
    try {
      await browser.saveScreenshot(path.join(artifacts, `FAILED-${name}.png`));
    } catch (e) {
      console.warn(`could not save a screenshot: ${e.message}`);
    }
  },

  // Keep the database (and floordesk.log beside it) of a failed spec for inspection, or of
  // every spec with E2E_KEEP_DB=1; delete it otherwise.
  after(result) {
    if (!tempDir) return;
    if (result === 0 && process.env.E2E_KEEP_DB !== '1') fs.rmSync(tempDir, { recursive: true, force: true });
    else console.warn(`database of the spec kept in ${tempDir}`);
  },
};
