// 整改计划's shared parts: the status tags and reading and updating the cached lists of plans
// (the tab's, its label's overdue badge, the drawer's writes). Nothing here decides a status.
import type { TFunction } from "i18next";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { useBackend, type ImprovementPlan, type PlanStatus } from "../../backend";
import { useLoad } from "../../lib/hooks";

export const P = "scores.plans";

export const PLAN_STATUSES: readonly PlanStatus[] = ["due", "overdue", "filed", "closed"];

export const PLAN_STATUS_COLOR: Record<PlanStatus, string> = {
  due: "gold",
  overdue: "red",
  filed: "blue",
  closed: "green",
};

export function planStatusLabel(t: TFunction, status: PlanStatus): string {
  return t(`${P}.statuses.${status}`);
}

export function PlanStatusTag({ status, testId }: { status: PlanStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={PLAN_STATUS_COLOR[status]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {planStatusLabel(t, status)}
    </Tag>
  );
}

/** The query key of the plans of `month` (null: every month); the tab label reads every month's. */
export const plansKey = (month: string | null) => ["scores", "improvementPlans", month ?? "all"];

/** Reads the plans of `month` (every month when null), again after any scores write. */
export function usePlans(month: string | null) {
  const backend = useBackend();
  return useLoad(plansKey(month), ["scores", "agents", "teams"], () => backend.improvementPlans(month));
}

/** Puts a plan as the backend returned it into every cached list of plans. */
export function usePutPlan() {
  const client = useQueryClient();
  return (next: ImprovementPlan) =>
    client.setQueriesData<ImprovementPlan[]>({ queryKey: ["scores", "improvementPlans"] }, (old) =>
      old?.map((p) => (p.id === next.id ? next : p)),
    );
}
