// What the scripted perf runs share: the app's process, its memory, percentiles.
import fs from 'node:fs';

/** The pid of the app running on database `db` (not the CLI writing to it), or null. */
export function appPid(db) {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(db) && !args[0].endsWith('floordesk-cli')) return Number(entry);
    } catch {
      // gone
    }
  }
  return null;
}

/** The app's process and the processes it started (its descendants): `[{ pid, name }]`. */
export function processTree(rootPid) {
  const found = [];
  const visit = (pid) => {
    try {
      found.push({ pid, name: fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() });
    } catch {
      return;
    }
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      let children = '';
      try {
        children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    }
  };
  visit(rootPid);
  return found;
}

/** PSS in KiB of the app and the WebKit processes it started (its descendants), by process name. */
export function memory(rootPid) {
  const byName = {};
  for (const { pid, name } of processTree(rootPid)) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      byName[name] = (byName[name] ?? 0) + Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return byName;
}

/**
 * The JavaScriptCore options (`JSC_*` variables) the app's web process runs with, as an object,
 * or null when no web process is running under the app.
 */
export function webEngineOptions(rootPid) {
  const web = processTree(rootPid).find(({ name }) => name.startsWith('WebKitWebProces'));
  if (!web) return null;
  try {
    const environ = fs.readFileSync(`/proc/${web.pid}/environ`, 'utf8').split('\0');
    return Object.fromEntries(
      environ.filter((v) => v.startsWith('JSC_')).map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]),
    );
  } catch {
    return null;
  }
}

const total = (byName) => Object.values(byName).reduce((a, b) => a + b, 0);

/**
 * Memory samples `[{ s, pss }]` (seconds into the run, PSS by process) summarised: the total at
 * the start, at minute 5 and minute 30 (the samples nearest, when the run lasted that long), the
 * peak, the growth from minute 5 to the end (or minute 30), and every sample's total (with what the
 * page held, `page`, when the sample counted it).
 */
export function pssSummary(samples) {
  const at = (s) => {
    if (!samples.length || samples.at(-1).s < s - 15) return null;
    return samples.reduce((best, x) => (Math.abs(x.s - s) < Math.abs(best.s - s) ? x : best));
  };
  const five = at(300);
  const thirty = at(1800);
  const end = thirty ?? samples.at(-1);
  return {
    total_at_start: samples.length ? total(samples[0].pss) : null,
    total_at_minute_5: five ? total(five.pss) : null,
    total_at_minute_30: thirty ? total(thirty.pss) : null,
    total_at_end: samples.length ? total(samples.at(-1).pss) : null,
    peak_total: samples.length ? Math.max(...samples.map((x) => total(x.pss))) : null,
    growth_from_minute_5_pct: five && end && end.s > five.s ? Math.round((1000 * (total(end.pss) - total(five.pss))) / total(five.pss)) / 10 : null,
    by_process_at_end: samples.at(-1)?.pss ?? null,
    // What the page held (elements, rows), where the run counted it.
    page_at_minute_5: five?.page ?? null,
    page_at_end: samples.at(-1)?.page ?? null,
    every_sample: samples.map((x) => (x.page ? [x.s, total(x.pss), x.page] : [x.s, total(x.pss)])),
  };
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);
const round = (x) => (x == null ? null : Math.round(x * 10) / 10);

/** p50 / p90 / p99 / max of the numbers given (nulls left out). */
export function stats(values) {
  const s = values.filter((v) => v != null).sort((a, b) => a - b);
  return { n: s.length, p50: round(pct(s, 50)), p90: round(pct(s, 90)), p99: round(pct(s, 99)), max: round(s.at(-1)) };
}

/** Run in the page (`browser.execute(pageHeld)`): what it holds, its elements and the open alerts listed. */
export function pageHeld() {
  return {
    elements: document.getElementsByTagName('*').length,
    alert_rows: document.querySelectorAll('[data-testid="alert-list"] .fd-alert-item').length,
  };
}

/**
 * Run in the page (`browser.execute(startLagProbe)`): records in `window.__lag` how late each tick
 * of a 50 ms timer fires, i.e. how busy the page's main thread is.
 */
export function startLagProbe() {
  window.__lag = [];
  let expected = performance.now() + 50;
  setInterval(() => {
    const t = performance.now();
    window.__lag.push(t - expected);
    expected = t + 50;
  }, 50);
}

/**
 * Run in the page (`browser.execute(timeBackendCalls, log)`): every call the page makes to the
 * backend is counted by command in `window.__callCounts`, `window.__pending` says how many are
 * out, and with `log` each is also kept in `window.__calls` as [command, start, end]
 * (performance.now(); end = its body read). Tauri's invoke cannot be replaced (a read-only
 * property); on Linux it POSTs to ipc://localhost/<command> with the global fetch, so fetch is
 * wrapped (once per page; a second run only resets the records). A long run leaves `log` off:
 * ten records a second would add to the page's memory it measures.
 */
export function timeBackendCalls(log) {
  window.__calls = [];
  window.__callCounts = {};
  window.__pending = 0;
  window.__logCalls = !!log;
  if (window.__fetchTimed) return;
  window.__fetchTimed = true;
  const fetch0 = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = String(input?.url ?? input);
    const start = performance.now();
    const p = fetch0(input, init);
    if (!url.startsWith('ipc:') && !url.includes('ipc.localhost')) return p;
    const cmd = decodeURIComponent(url.replace(/^.*localhost\//, '').split('?')[0]);
    window.__callCounts[cmd] = (window.__callCounts[cmd] ?? 0) + 1;
    window.__pending += 1;
    let open = true;
    const end = () => {
      if (open) {
        open = false;
        window.__pending -= 1;
      }
    };
    return p.then(
      (res) => {
        for (const how of ['json', 'text', 'arrayBuffer']) {
          const read = res[how].bind(res);
          res[how] = () =>
            read().then(
              (v) => {
                if (window.__logCalls) window.__calls.push([cmd, start, performance.now()]);
                end();
                return v;
              },
              (e) => {
                end();
                throw e;
              },
            );
        }
        return res;
      },
      (e) => {
        end();
        throw e;
      },
    );
  };
}
