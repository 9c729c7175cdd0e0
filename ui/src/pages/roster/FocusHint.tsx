// The line under the grid naming the focused cell (工号 姓名 · date) and what the keys do there.
// Its own component: it follows every move of the cursor without the page rendering again.
import type { RosterAgent } from "../../backend";
import type { Day } from "./calendar";
import { useFocus, type SelectionStore } from "./selection";

type Props = {
  store: SelectionStore;
  rows: readonly RosterAgent[];
  days: readonly Day[];
  agentName: (employeeNo: string) => string;
  /** What the operator can do on this agent's row ("" for nothing to say). */
  hint: (agent: RosterAgent) => string;
};

export default function FocusHint({ store, rows, days, agentName, hint }: Props) {
  const focus = useFocus(store);
  const agent = focus ? rows[focus.r] : undefined;
  const day = focus ? days[focus.c] : undefined;
  if (!agent || !day) return null;
  const what = hint(agent);
  return (
    <div className="fd-muted fd-roster-hint" data-testid="roster-focus">
      {agentName(agent.employee_no)} · {day.date} {what ? `· ${what}` : ""}
    </div>
  );
}
