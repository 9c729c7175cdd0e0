// 考勤 in the real app, on the demo floor now: the supervisor opens 考勤 and sees this month's days
// as the backend judged them from the demo's history (its late sign-ins, absences and early
// leaves, notices and rest days) with the statuses in Chinese; filters to the 迟到 (or 旷工) rows;
// reads each person's month in 月度汇总; exports the month to xlsx. Screenshots of the daily
// table (attendance-table.png), the filtered table and the summary.
import { browser, expect } from '@wdio/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, byTid, click, completeSetup, invoke, openSection, pickOne, screenshot, settle, tableRows, tid } from '../helpers.mjs';

const log = (...args) => console.log('[attendance]', ...args);

/** Today in Shanghai (the demo site's zone), YYYY-MM-DD. */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The 状态 column's words for a status the backend sent (as the xlsx writes them). */
const LEAVE = { sick: '病假', personal: '事假', annual: '年假', in_lieu: '调休', other: '其他' };
const STATUS = { normal: '正常', late: '迟到', early_leave: '早退', late_and_early: '迟到+早退', absent: '旷工', noticed: '已报备', rest: '休息' };
const statusText = (s) => (s.kind === 'leave' ? `请假：${LEAVE[s.leave]}` : STATUS[s.kind]);

/** Waits until the table under `id` shows `n` rows (a page holds 50) and returns them. */
async function rowsShown(id, n) {
  let rows = [];
  await browser.waitUntil(
    async () => {
      rows = await tableRows(id);
      return rows.length === n;
    },
    { timeout: 30000, timeoutMsg: `[data-testid="${id}"] shows ${rows.length} rows, expected ${n}` },
  );
  return rows;
}

describe('考勤: the month as judged, filtered, summed up and exported', function () {
  this.timeout(600000);
  const today = shanghaiToday();
  const month = today.slice(0, 7);
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  let judged;

  it('1. the supervisor opens 考勤 on the demo floor: this month, judged to today', async () => {
    try {
      await completeSetup({ site: '考勤演示', supervisor: '考勤主管', pin: '2580', demo: true, landing: null });
    } catch (e) {
      // Loading the demo's quarter of history takes longer on a busy machine than setup waits.
      if (!/header-operator/.test(String(e?.message))) throw e;
      log('the demo is still loading; waiting longer');
      await byTid('header-operator', { timeout: 180000 });
    }
    await byTid('alert-panel', { timeout: 60000 });
    await openSection('attendance');
    await byTid('attendance-page', { timeout: 30000 });
    await byTid('attendance-daily', { timeout: 30000 });
    judged = await invoke('attendance_month', { month });
    const counts = {};
    for (const d of judged.days) counts[statusText(d.status)] = (counts[statusText(d.status)] ?? 0) + 1;
    log(`${month}: ${judged.days.length} rows judged to ${judged.judged_to}, ${judged.agents.length} people`, counts);
    expect(judged.judged_to).toBe(today);
    // The demo's history runs from last quarter to now: this month has days unless it began this very hour.
    if (today.endsWith('-01')) log('the 1st of the month: the month may hold no started shift yet');
    else expect(judged.days.length).toBeGreaterThan(20);
  });

  it('2. the daily table shows the backend\'s rows with their statuses in Chinese', async () => {
    const rows = await rowsShown('attendance-daily', Math.min(judged.days.length, 50));
    // By date, then 工号, as the backend sent them: each row's 工号, 姓名 and 状态.
    rows.forEach((cells, i) => {
      const d = judged.days[i];
      expect(cells[1]).toBe(d.employee_no);
      expect(cells[2]).toBe(d.name);
      expect(cells[5]).toBe(statusText(d.status));
      expect(cells[6]).toBe(d.late_min > 0 ? String(d.late_min) : '—');
      expect(cells[7]).toBe(d.early_min > 0 ? String(d.early_min) : '—');
    });
    const shown = new Set(rows.map((c) => c[5]));
    log('statuses on the first page:', [...shown].join(' '));
    expect([...shown].some((s) => s === '正常' || s === '休息')).toBe(true);
    if (today !== lastDay) {
      const note = await byTid('attendance-judged-to');
      expect(await note.getText()).toContain('已判定至');
    }
    expect(await (await byTid('attendance-count')).getText()).toContain(`共 ${judged.days.length} 条`);
    await settle();
    await screenshot('attendance-table.png');
  });

  it('3. filtered to 迟到 (or 旷工), the table shows exactly those rows', async () => {
    const late = judged.days.filter((d) => d.status.kind === 'late');
    const absent = judged.days.filter((d) => d.status.kind === 'absent');
    const [label, wanted] = late.length > 0 ? ['迟到', late] : ['旷工', absent];
    if (wanted.length === 0) {
      log('the demo month holds no 迟到 and no 旷工 yet: rows of 正常 and 休息 were checked instead');
      return;
    }
    await pickOne('attendance-status-filter', label, { close: true });
    const rows = await rowsShown('attendance-daily', Math.min(wanted.length, 50));
    expect(rows.every((c) => c[5] === label)).toBe(true);
    expect(rows.map((c) => c[1])).toEqual(wanted.slice(0, 50).map((d) => d.employee_no));
    if (label === '迟到') expect(rows.every((c) => Number(c[6]) > 0)).toBe(true);
    log(`${label}: ${rows.length} rows`, rows.map((c) => `${c[0]} ${c[1]} ${c[2]} ${c[6]}`).join('; '));
    await screenshot('attendance-filtered.png');
  });

  it('4. 月度汇总 shows each person\'s month as the backend counted it', async () => {
    await click('attendance-tab-summary');
    await byTid('attendance-summary', { timeout: 20000 });
    const rows = await rowsShown('attendance-summary', Math.min(judged.agents.length, 50));
    if (judged.agents.length === 0) return;
    // The one late most often: days worked, late count and minutes, absences as counted.
    const most = [...judged.agents].sort((a, b) => b.summary.late_count - a.summary.late_count || a.employee_no.localeCompare(b.employee_no))[0];
    const row = rows.find((c) => c[0] === most.employee_no);
    expect(row).toBeDefined();
    const s = most.summary;
    expect(row.slice(0, 4)).toEqual([most.employee_no, most.name, most.team_name, String(s.days_worked)]);
    expect(row.slice(5, 11)).toEqual([s.late_count, s.late_minutes, s.early_count, s.early_minutes, s.absences, s.noticed].map(String));
    expect(row[12]).toBe(String(s.rest_days));
    log(`${most.employee_no} ${most.name}: ${row.join(' | ')}`);
    await settle();
    await screenshot('attendance-summary.png');
  });

  it('5. the month exports to xlsx: 日期,工号,姓名,班次,状态,迟到分钟,早退分钟', async () => {
    // The page's 导出 xlsx asks where through the system's save dialog; a spec asks the backend
    // for the same file the button would write.
    fs.mkdirSync(artifactsDir, { recursive: true });
    const file = path.join(artifactsDir, `attendance-${month}.xlsx`);
    fs.rmSync(file, { force: true });
    const written = await invoke('export_attendance', { month, path: file });
    expect(written).toBe(judged.days.length);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const strings = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml']).toString('utf8');
    for (const title of ['日期', '工号', '姓名', '班次', '状态', '迟到分钟', '早退分钟']) expect(strings).toContain(title);
    if (judged.days.some((d) => d.status.kind === 'late')) expect(strings).toContain('迟到');
    log(`export: ${written} rows in ${file} (${fs.statSync(file).size} bytes)`);
  });
});
