// The reads of the commission tabs: one cache entry each, read again when the chat log, orders,
// tables (topic `commission`) or the month's published grades (`scores`) change.
import { useMemo } from "react";
import { useBackend } from "../../backend";
import { useLoad } from "../../lib/hooks";

const TOPICS = ["commission", "scores"] as const;

export function useCommissionMonth(month: string) {
  const backend = useBackend();
  return useLoad(["commission", "month", month], TOPICS, () => backend.commissionMonth(month));
}

export function useCommissionDetail(employeeNo: string | null, month: string) {
  const backend = useBackend();
  return useLoad(["commission", "detail", employeeNo, month], TOPICS, () => backend.commissionDetail(employeeNo ?? "", month), {
    enabled: employeeNo !== null,
  });
}

export function useCommissionOrders(month: string, unattributedOnly: boolean) {
  const backend = useBackend();
  return useLoad(["commission", "orders", month, unattributedOnly], TOPICS, () => backend.commissionOrders(month, unattributedOnly));
}

export function useMyCommission(month: string) {
  const backend = useBackend();
  return useLoad(["commission", "mine", month], TOPICS, () => backend.myCommission(month));
}

/** What an after-sales line needs beside itself: each team's target names and promised bonus (view_pay only). */
export type TargetNames = { label: (key: string) => string | null; bonusFen: (teamId: number | null) => number | null };

export function useTargetNames(month: string, enabled: boolean): TargetNames {
  const backend = useBackend();
  const settings = useLoad(["commission", "settings", month], TOPICS, () => backend.commissionSettings(month), { enabled });
  const data = enabled ? settings.data : undefined;
  return useMemo(() => {
    const labels = new Map<string, string>();
    const bonus = new Map<number, number>();
    for (const team of data?.teams ?? []) {
      bonus.set(team.team_id, team.target_bonus_fen);
      for (const target of team.targets) labels.set(target.key, target.label_zh);
    }
    return {
      label: (key: string) => labels.get(key) ?? null,
      bonusFen: (teamId: number | null) => (teamId === null ? null : (bonus.get(teamId) ?? null)),
    };
  }, [data]);
}
