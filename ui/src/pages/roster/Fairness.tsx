// 公平性: how a team shares night, weekend and holiday shifts this month, as the backend counted
// them (`RosterMonth.fairness`). Information only, never a violation: no red, nothing to fix.
// The UI counts nothing here; it shows the backend's spread and each agent's share.
import { useMemo } from "react";
import { Button, Popover } from "antd";
import { useTranslation } from "react-i18next";
import type { FairShare, Spread, TeamFairness } from "../../backend";

type Kind = "nights" | "weekend_shifts" | "holiday_shifts";
const KINDS: readonly { kind: Kind; label: string }[] = [
  { kind: "nights", label: "roster.fairness.nights" },
  { kind: "weekend_shifts", label: "roster.fairness.weekendShifts" },
  { kind: "holiday_shifts", label: "roster.fairness.holidayShifts" },
];

/** Most nights first, then weekends, then holidays; ties by 工号. */
function byShare(a: FairShare, b: FairShare): number {
  return (
    b.nights - a.nights ||
    b.weekend_shifts - a.weekend_shifts ||
    b.holiday_shifts - a.holiday_shifts ||
    a.employee_no.localeCompare(b.employee_no)
  );
}

/** The agent who has the team's most of a kind, when the team does not all have the same. */
const isTop = (value: number, s: Spread) => s.max > s.min && value === s.max;

function SpreadText({ label, spread }: { label: string; spread: Spread }) {
  const { t } = useTranslation();
  return (
    <span className="fd-fair-kind">
      {t(label)} {t("roster.fairness.range", { min: spread.min, max: spread.max })}
      {spread.max > spread.min ? <span className="fd-muted">{t("roster.fairness.spread", { spread: spread.max - spread.min })}</span> : null}
    </span>
  );
}

function FairnessTable({ f, agentName }: { f: TeamFairness; agentName: (no: string) => string }) {
  const { t } = useTranslation();
  const shares = useMemo(() => [...f.shares].sort(byShare), [f.shares]);
  return (
    <div className="fd-fair-pop">
      <div className="fd-muted" style={{ marginBottom: 6 }}>
        {t("roster.fairness.note", { agents: f.agents })}
      </div>
      <div className="fd-fair-scroll">
        <table className="fd-fair-table" data-testid={`fairness-table-${f.team_id}`}>
          <thead>
            <tr>
              <th>{t("roster.fairness.agent")}</th>
              {KINDS.map(({ kind, label }) => (
                <th key={kind}>{t(label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.employee_no} data-testid={`fairness-row-${s.employee_no}`}>
                <td className="fd-fair-agent">{agentName(s.employee_no)}</td>
                {KINDS.map(({ kind }) => (
                  <td key={kind} className={isTop(s[kind], f[kind]) ? "fd-fair-max" : undefined}>
                    {s[kind]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** One team's spread (夜班 0–13（差 13）…); a click opens each agent's share. */
export default function FairnessSummary({ fairness, agentName }: { fairness: TeamFairness; agentName: (no: string) => string }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomLeft"
      title={t("roster.fairness.open")}
      content={<FairnessTable f={fairness} agentName={agentName} />}
      destroyOnHidden
    >
      <Button type="text" size="small" className="fd-fair" data-testid={`fairness-${fairness.team_id}`}>
        <span className="fd-fair-title">{t("roster.fairness.title")}</span>
        {KINDS.map(({ kind, label }) => (
          <SpreadText key={kind} label={label} spread={fairness[kind]} />
        ))}
      </Button>
    </Popover>
  );
}
