// The backend's violations for the teams on screen; clicking one selects its cell.
import { memo } from "react";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import type { Violation } from "../../backend";
import { shortDate, violationText } from "./violations";

// Memoized: the page renders on every keystroke's write; this only when its own props change.
export default memo(function ViolationList({
  violations,
  agentName,
  onSelect,
}: {
  violations: readonly Violation[];
  agentName: (employeeNo: string) => string;
  onSelect: (v: Violation) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="fd-panel" data-testid="roster-violations">
      <h3 className="fd-roster-vtitle">{t("roster.violationsTitle", { count: violations.length })}</h3>
      {violations.length === 0 ? (
        <span className="fd-muted">{t("roster.noViolations")}</span>
      ) : (
        <ul className="fd-roster-vlist">
          {violations.map((v, i) => (
            <li key={`${v.employee_no}-${v.date}-${v.rule}-${i}`}>
              <Button type="link" size="small" onClick={() => onSelect(v)} data-testid={`violation-${v.employee_no}-${v.date}`}>
                {agentName(v.employee_no)} · {shortDate(v.date)}
              </Button>
              <span>{violationText(t, v)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
