// 记为违规 from a live-floor alert: the record form prefilled with the alert's person and instant,
// the rule of the book that answers the alert's rule (`alert_rule`), and the alert's reference
// (`<工号>|<rule>|<instant ms>`, so one alert becomes one incident). The rule book is read when
// the first alert is recorded, not before.
import { useMemo } from "react";
import type { Alert, IncidentInput, RuleRow } from "../../backend";
import { useIncidentRules } from "./incidentData";
import { RecordIncidentModal } from "./RecordIncidentModal";

/** The reference the backend keeps to know an alert was already recorded. */
export function alertRef(alert: Alert): string {
  return `${alert.agent}|${alert.rule}|${new Date(alert.at).getTime()}`;
}

/** The form's prefill for an alert: the rule in force that answers it, if the book has one. */
export function alertIncident(alert: Alert, rules: readonly RuleRow[]): Partial<IncidentInput> {
  const rule = rules.find((r) => !r.retired && r.body.alert_rule === alert.rule);
  return {
    employee_no: alert.agent,
    ts: alert.at,
    rule_code: rule?.body.code ?? "",
    alert_ref: alertRef(alert),
  };
}

export default function RecordFromAlert({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const rules = useIncidentRules();
  const initial = useMemo(() => (rules.data || rules.error ? alertIncident(alert, rules.data ?? []) : null), [alert, rules.data, rules.error]);
  if (!initial) return null;
  return <RecordIncidentModal open initial={initial} fromBoard onClose={onClose} />;
}
