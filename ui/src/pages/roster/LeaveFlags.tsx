// 休息未安排: the backend's flags around a day off (seed 004): a rest not asked for beforehand, a
// shift missed with no leave at all (旷工), and leave approved with no cover arranged. The roster
// only shows them; the Incidents rule book books them (no amounts here: they are policy).
import { memo } from "react";
import { Button, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { LeaveFlag } from "../../backend";
import { shortDate } from "./violations";

/** A flag as a soft tag, with what it means (and the manager told) in its tooltip. */
export function LeaveFlagTag({ flag, testId }: { flag: LeaveFlag; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`rosterRequests.leaveFlags.tip.${flag.flag}`, { manager: flag.manager ?? "—" })}>
      <Tag color="orange" data-testid={testId}>
        {t(`rosterRequests.leaveFlags.kind.${flag.flag}`)}
      </Tag>
    </Tooltip>
  );
}

// Memoized: the page renders on every keystroke's write; this only when its own props change.
export default memo(function LeaveFlagList({
  flags,
  agentName,
  onSelect,
}: {
  flags: readonly LeaveFlag[];
  agentName: (employeeNo: string) => string;
  onSelect: (f: LeaveFlag) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="fd-panel" data-testid="leave-flags">
      <h3 className="fd-roster-vtitle">{t("rosterRequests.leaveFlags.title", { count: flags.length })}</h3>
      <div className="fd-muted fd-roster-hint" style={{ marginTop: 0, marginBottom: 4 }}>
        {t("rosterRequests.leaveFlags.bookedBy")}
      </div>
      {flags.length === 0 ? (
        <span className="fd-muted">{t("rosterRequests.leaveFlags.none")}</span>
      ) : (
        <ul className="fd-roster-vlist">
          {flags.map((f, i) => (
            <li key={`${f.employee_no}-${f.date}-${f.flag}-${i}`} data-testid={`leave-flag-${f.employee_no}-${f.date}`}>
              <Button type="link" size="small" onClick={() => onSelect(f)}>
                {agentName(f.employee_no)} · {shortDate(f.date)}
              </Button>
              <LeaveFlagTag flag={f} />
              {f.leave_id === null ? <span>{t("rosterRequests.leaveFlags.withoutLeave")}</span> : null}
              {f.flag === "no_cover_assigned" && f.manager ? (
                <span className="fd-muted">{t("rosterRequests.leaveFlags.manager", { manager: f.manager })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
