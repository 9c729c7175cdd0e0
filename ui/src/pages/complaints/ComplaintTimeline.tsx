// 登记 → 分流 → 调查判定 → 答复 → 回访 → 结案: who took each step and when (the last time, for a
// complaint routed again), and the next step's due time as the backend gives it (red when the
// backend says it is overdue).
import { Steps } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintRow, ComplaintStepDone } from "../../backend";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { K, STEPS, stepLabel } from "./complaintText";

const D = `${K}.drawer`;

type Status = "wait" | "process" | "finish" | "error";

export default function ComplaintTimeline({ row }: { row: ComplaintRow }) {
  const { t } = useTranslation();
  const tz = useSession().site.time_zone;
  const done = (at: string, by: string | null) => t(`${D}.stepDone`, { at: siteDateTime(at, tz, "MM-DD HH:mm"), by: by ?? t(`${D}.nobody`) });
  const last = (step: ComplaintStepDone["step"]) => [...row.steps].reverse().find((s) => s.step === step);

  const items: { key: string; title: string; status: Status; content?: string }[] = [
    { key: "register", title: stepLabel(t, "register"), status: "finish", content: done(row.registered_at, row.registered_by_name) },
    ...STEPS.map((step) => {
      const taken = last(step);
      if (step === row.next_step) {
        const due = row.due_at ? siteDateTime(row.due_at, tz, "MM-DD HH:mm") : null;
        return {
          key: step,
          title: stepLabel(t, step),
          status: (row.overdue ? "error" : "process") as Status,
          content: due ? t(row.overdue ? `${D}.stepOverdue` : `${D}.stepDue`, { due }) : undefined,
        };
      }
      if (taken) return { key: step, title: stepLabel(t, step), status: "finish" as Status, content: done(taken.at, taken.by_name) };
      return { key: step, title: stepLabel(t, step), status: "wait" as Status };
    }),
  ];

  return (
    <div data-testid="complaint-steps">
      <Steps
        size="small"
        titlePlacement="vertical"
        items={items.map((i) => ({
          key: i.key,
          title: <span data-testid={`complaint-step-${i.key}`}>{i.title}</span>,
          status: i.status,
          content: i.content ? (
            <span data-testid={`complaint-step-${i.key}-info`} style={{ fontSize: 12 }}>
              {i.content}
            </span>
          ) : undefined,
        }))}
      />
    </div>
  );
}
