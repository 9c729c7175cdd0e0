// Where an after-sales target stands for the month, as the backend judged it: the team's agents'
// after-sales results list the targets missed and the ones still without a figure. The UI
// compares nothing itself.
import type { Backend, Target } from "../../backend";

type Month = Awaited<ReturnType<Backend["commissionMonth"]>>;
export type TargetState = "met" | "missed" | "pending" | "entered";

export function targetState(target: Target, teamId: number, month: Month | undefined): TargetState {
  if (target.actual === null) return "pending";
  const judged = month?.rows.find((r) => r.team_id === teamId && r.after_sales)?.after_sales;
  if (!judged) return "entered";
  if (judged.missed.includes(target.key)) return "missed";
  if (judged.unknown.includes(target.key)) return "pending";
  return "met";
}

export const STATE_COLOUR: Record<TargetState, string> = { met: "green", missed: "red", pending: "gold", entered: "default" };
