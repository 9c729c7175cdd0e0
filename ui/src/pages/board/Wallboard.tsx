// 大屏: the board as a TV on the floor shows it (1920×1080, read from five metres away). One tile
// per 班组 with big numbers, the break queue and the newest alerts, with no scrolling; the teams
// cycle page by page when they do not fit. Like the rest of the board it judges nothing: it counts
// the states the backend's board carries and shows its line full, queue, alerts and limits.
import { useEffect, useMemo, useState, type CSSProperties } from "react";
import { Button } from "antd";
import { FullscreenExitOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { type Board, type BoardAgent, type ContactChannel, type RuleCode } from "../../backend";
import { useSession } from "../../session";
import { alertRuleName, formatTimer, siteDate, siteTime, timerLevel } from "./boardUtil";
import { alertKey, useFreshAlerts } from "./freshAlerts";
import { elapsedSecs, useBoardNow } from "./boardClock";
import { alertDetail } from "./alertDetail";

/** Tiles on one page (3 × 2); more teams than this cycle page by page. */
export const WALL_PAGE_SIZE = 6;
/** How long a page of teams stays up. */
export const WALL_CYCLE_MS = 10_000;
/** Rows of the break queue and of the newest alerts the side column has room for. */
const QUEUE_ROWS = 5;
const ALERT_ROWS = 5;

/** The alerts that say an agent is late or absent. */
const LATE_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>(["late_sign_in", "absent"]);

type Breaks = "small_break" | "meal";

/** One team's tile: counts of what the board says, nothing judged. */
export type TeamTile = {
  id: number;
  name: string;
  /** The team's channel, as its agents' cards carry it. */
  channel: ContactChannel;
  total: number;
  signedIn: number;
  /** 空闲 (ready). */
  idle: number;
  /** 通话/接待: busy and wrap-up. */
  contact: number;
  /** 小休/用餐: small break and meal. */
  onBreak: number;
  /** 挂起: a chat desk online but taking no new chats (neither idle nor on a contact). */
  suspended: number;
  /** The one on each kind of break the longest (earliest `since`), if any. */
  longest: Record<Breaks, BoardAgent | null>;
  /** 迟到/缺勤 now (see `summarizeTeams`). */
  lateOrAbsent: BoardAgent[];
};

/**
 * The tiles, in the board's order of teams.
 *
 * "Late or absent now": the agents of the team with an open (unacknowledged) late_sign_in or
 * absent alert of the shift they are in now (the alert's shift_date is the agent's current
 * shift_date) who are still signed out. Each agent counts once (an absent agent usually has the
 * late alert too); one who signed in since, or whose shift is over, no longer counts. The backend
 * raised the alerts; this only matches them to the agents on the board.
 *
 * The longest break is shown for small breaks and meals apart: a meal's half hour would
 * otherwise always outrun a ten-minute 小休, and each has its own limit.
 */
export function summarizeTeams(board: Board): TeamTile[] {
  const late = new Set(
    board.open_alerts.filter((a) => a.acknowledged_at == null && LATE_RULES.has(a.alert.rule)).map((a) => `${a.alert.agent}|${a.alert.shift_date}`),
  );
  const tiles = new Map<number, TeamTile>();
  for (const a of board.agents) {
    let tile = tiles.get(a.team_id);
    if (!tile) {
      tile = {
        id: a.team_id,
        name: a.team_name,
        channel: a.channel,
        total: 0,
        signedIn: 0,
        idle: 0,
        contact: 0,
        onBreak: 0,
        suspended: 0,
        longest: { small_break: null, meal: null },
        lateOrAbsent: [],
      };
      tiles.set(a.team_id, tile);
    }
    const s = a.now.state;
    tile.total += 1;
    if (s !== "signed_out") tile.signedIn += 1;
    if (s === "ready") tile.idle += 1;
    if (s === "busy" || s === "wrap_up") tile.contact += 1;
    if (s === "suspended") tile.suspended += 1;
    if (s === "small_break" || s === "meal") {
      tile.onBreak += 1;
      const best = tile.longest[s];
      if (a.now.since != null && (best?.now.since == null || Date.parse(a.now.since) < Date.parse(best.now.since))) tile.longest[s] = a;
    }
    if (s === "signed_out" && a.now.shift_date != null && late.has(`${a.employee_no}|${a.now.shift_date}`)) tile.lateOrAbsent.push(a);
  }
  return [...tiles.values()];
}

/** Columns × rows of the team grid: as few rows as the teams need, 3 × 2 at most (then pages). */
function gridFor(n: number): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  if (n <= 3) return { cols: n, rows: 1 };
  if (n === 4) return { cols: 2, rows: 2 };
  return { cols: 3, rows: 2 };
}


function BreakLine({ label, agent, nowMs, testId }: { label: string; agent: BoardAgent | null; nowMs: number; testId: string }) {
  if (!agent) {
    return (
      <div className="fd-wb-longest-row" data-testid={testId}>
        <span className="fd-wb-longest-label">{label}</span>
        <span className="fd-wb-longest-name fd-wb-muted">—</span>
        <span />
      </div>
    );
  }
  const secs = elapsedSecs(agent.now.since, nowMs);
  const level = timerLevel(secs, agent.now.limit_secs);
  return (
    <div className="fd-wb-longest-row" data-testid={testId} data-agent={agent.employee_no}>
      <span className="fd-wb-longest-label">{label}</span>
      <span className="fd-wb-longest-name" title={`${agent.name} ${agent.employee_no}`}>
        {agent.name}
      </span>
      <span className="fd-wb-timer" data-level={level} data-testid={`${testId}-timer`}>
        {formatTimer(secs)}
      </span>
    </div>
  );
}

function TeamTileView({ tile, nowMs }: { tile: TeamTile; nowMs: number }) {
  const { t } = useTranslation();
  const id = `wallboard-team-${tile.id}`;
  const metric = (key: string, label: string, value: number, extra?: string) => (
    <div className={`fd-wb-metric fd-wb-metric-${key}${value === 0 ? " is-zero" : ""}${extra ? " has-names" : ""}`}>
      <div className="fd-wb-metric-label">{label}</div>
      <div className="fd-wb-metric-main">
        <div className="fd-wb-metric-value" data-testid={`${id}-${key}`} style={{ "--digits": String(value).length } as CSSProperties}>
          {value}
        </div>
        {extra ? (
          <div className="fd-wb-metric-names" title={extra}>
            {extra}
          </div>
        ) : null}
      </div>
    </div>
  );
  return (
    <section className="fd-wb-team" data-testid={id}>
      <header className="fd-wb-team-head">
        <span className="fd-wb-team-name" title={tile.name}>
          {tile.name}
        </span>
        <span className="fd-wb-team-in">
          <span data-testid={`${id}-signed-in`}>{t("wallboard.signedIn", { n: tile.signedIn, total: tile.total })}</span>
          {tile.channel === "chat" || tile.suspended > 0 ? (
            <span className="fd-wb-team-suspended" data-testid={`${id}-suspended`}>
              {t("wallboard.suspended", { n: tile.suspended })}
            </span>
          ) : null}
        </span>
      </header>
      <div className="fd-wb-metrics">
        {metric("idle", t("wallboard.idle"), tile.idle)}
        {metric("contact", t("wallboard.contact"), tile.contact)}
        {metric("break", t("wallboard.onBreak"), tile.onBreak)}
        {metric("late", t("wallboard.lateAbsent"), tile.lateOrAbsent.length, tile.lateOrAbsent.map((a) => a.name).join(t("wallboard.nameJoiner")))}
      </div>
      <div className="fd-wb-longest">
        <BreakLine label={t("wallboard.longestSmallBreak")} agent={tile.longest.small_break} nowMs={nowMs} testId={`${id}-longest-small_break`} />
        <BreakLine label={t("wallboard.longestMeal")} agent={tile.longest.meal} nowMs={nowMs} testId={`${id}-longest-meal`} />
      </div>
    </section>
  );
}

export default function Wallboard({ board, onExit }: { board: Board; onExit: () => void }) {
  const { t } = useTranslation();
  const { site } = useSession();
  const nowMs = useBoardNow();
  const tiles = useMemo(() => summarizeTeams(board), [board]);
  const names = useMemo(() => new Map(board.agents.map((a) => [a.employee_no, a.name])), [board.agents]);

  // Pages of teams, one after another every WALL_CYCLE_MS while there is more than one.
  const pages = Math.max(1, Math.ceil(tiles.length / WALL_PAGE_SIZE));
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const id = setInterval(() => setPage((p) => (p + 1) % pages), WALL_CYCLE_MS);
    return () => clearInterval(id);
  }, [pages]);
  const current = page % pages;
  const shown = tiles.slice(current * WALL_PAGE_SIZE, (current + 1) * WALL_PAGE_SIZE);
  const grid = gridFor(pages > 1 ? WALL_PAGE_SIZE : tiles.length);

  // New alerts sound and flash here too (the board's alert panel is not on the wallboard).
  const fresh = useFreshAlerts();

  const nowIso = new Date(nowMs).toISOString();
  const queue = board.break_queue;
  const openAlerts = board.open_alerts.filter((a) => a.acknowledged_at == null);

  return (
    <div className={`fd-wb${board.line_full ? " is-line-full" : ""}`} data-testid="wallboard">
      <header className="fd-wb-band">
        <div className="fd-wb-site">
          <div className="fd-wb-site-name" title={site.name}>
            {site.name}
          </div>
          <div className="fd-wb-site-sub">
            {siteDate(nowIso, site.time_zone)} · {t("wallboard.title")}
          </div>
        </div>
        {board.line_full ? (
          <div className="fd-wb-line-full" data-testid="wallboard-line-full" role="alert">
            <span className="fd-wb-line-full-word">{t("wallboard.lineFull")}</span>
            <span className="fd-wb-line-full-why">
              {board.line_full_announced
                ? t("wallboard.lineFullAnnounced", { ready: board.ready_count })
                : t("wallboard.lineFullGuard", { ready: board.ready_count, guard: board.line_full_max_idle })}
            </span>
          </div>
        ) : (
          <div className="fd-wb-idle" data-testid="wallboard-idle">
            {t("wallboard.idleVsGuard", { ready: board.ready_count, guard: board.line_full_max_idle })}
          </div>
        )}
        <div className="fd-wb-corner">
          <div className="fd-wb-clock" data-testid="wallboard-clock">
            {siteTime(nowIso, site.time_zone)}
          </div>
          <div className="fd-wb-corner-row">
            {pages > 1 ? (
              <span className="fd-wb-pages" data-testid="wallboard-page" data-page={current + 1} aria-live="polite">
                {t("wallboard.page", { page: current + 1, pages })}
                <span className="fd-wb-dots" aria-hidden>
                  {Array.from({ length: pages }, (_, i) => (
                    <span key={i} className={i === current ? "fd-wb-dot is-on" : "fd-wb-dot"} />
                  ))}
                </span>
              </span>
            ) : null}
            <Button
              size="small"
              type="text"
              className="fd-wb-exit"
              data-testid="wallboard-toggle"
              icon={<FullscreenExitOutlined />}
              onClick={onExit}
            >
              {t("board.exitWallboard")}
            </Button>
          </div>
        </div>
      </header>
      <div className="fd-wb-body">
        <div
          className="fd-wb-teams"
          data-testid="wallboard-teams"
          style={{ gridTemplateColumns: `repeat(${grid.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))` }}
        >
          {shown.length ? (
            shown.map((tile) => <TeamTileView key={tile.id} tile={tile} nowMs={nowMs} />)
          ) : (
            <div className="fd-wb-empty">{t("board.noAgents")}</div>
          )}
        </div>
        <aside className="fd-wb-side">
          <section className="fd-wb-panel fd-wb-queue" data-testid="wallboard-queue">
            <div className="fd-wb-panel-title">
              {t("wallboard.queue")}
              <span className={queue.length ? "fd-wb-badge is-warn" : "fd-wb-badge"} data-testid="wallboard-queue-count">
                {queue.length}
              </span>
            </div>
            {queue.length === 0 ? (
              <div className="fd-wb-muted fd-wb-panel-empty">{t("wallboard.queueEmpty")}</div>
            ) : (
              <ol className="fd-wb-queue-list">
                {queue.slice(0, QUEUE_ROWS).map((r, i) => (
                  <li key={r.id} className="fd-wb-queue-row" data-testid={`wallboard-queue-${r.employee_no}`}>
                    <span className="fd-wb-queue-pos">{i + 1}</span>
                    <span className="fd-wb-queue-name" title={`${r.name} ${r.employee_no}`}>
                      {r.name}
                    </span>
                    <span className="fd-wb-timer" data-level="warn" data-testid={`wallboard-wait-${r.employee_no}`}>
                      {formatTimer(elapsedSecs(r.requested_at, nowMs))}
                    </span>
                  </li>
                ))}
                {queue.length > QUEUE_ROWS ? (
                  <li className="fd-wb-queue-more fd-wb-muted">{t("wallboard.queueMore", { count: queue.length - QUEUE_ROWS })}</li>
                ) : null}
              </ol>
            )}
          </section>
          <section className="fd-wb-panel fd-wb-alerts" data-testid="wallboard-alerts">
            <div className="fd-wb-panel-title">
              {t("wallboard.alerts")}
              <span className={openAlerts.length ? "fd-wb-badge is-bad" : "fd-wb-badge"} data-testid="wallboard-alert-count">
                {openAlerts.length}
              </span>
            </div>
            {openAlerts.length === 0 ? (
              <div className="fd-wb-muted fd-wb-panel-empty">{t("wallboard.noAlerts")}</div>
            ) : (
              <ul className="fd-wb-alert-list">
                {openAlerts.slice(0, ALERT_ROWS).map((a) => (
                  <li
                    key={a.id}
                    className={`fd-wb-alert${fresh.has(alertKey(a.alert)) ? " is-fresh" : ""}`}
                    data-testid={`wallboard-alert-${a.id}`}
                    data-rule={a.alert.rule}
                  >
                    <div className="fd-wb-alert-head">
                      <span className="fd-wb-alert-rule">
                        {alertRuleName(t, a)}
                        {a.notice ? (
                          <span className="fd-wb-alert-notice" data-testid={`wallboard-alert-notice-${a.id}`}>
                            {t("notice.tag")}
                          </span>
                        ) : null}
                      </span>
                      <span className="fd-wb-alert-who">{names.get(a.alert.agent) ?? a.alert.agent}</span>
                      <span className="fd-wb-alert-time">{siteTime(a.alert.at, site.time_zone)}</span>
                    </div>
                    <div className="fd-wb-alert-detail" title={a.alert.detail}>
                      {alertDetail(a.alert.detail, t)}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
