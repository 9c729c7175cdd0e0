// 投诉处理逾期 on the board: complaints whose next step is past its due time, as the backend lists
// them (the longest overdue first) — number, customer, the step, its due time on the site's clock
// and who it is routed to. Hidden when there are none.
import { Tag } from "antd";
import { CustomerServiceOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { OverdueComplaint } from "../../backend";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";

const K = "complaints.board";

function who(c: OverdueComplaint): string {
  const person = c.employee_no ? [c.employee_no, c.name ?? ""].join(" ").trim() : "";
  return [person, c.team_name ?? ""].filter(Boolean).join(" · ");
}

export default function OverdueComplaints({ complaints }: { complaints: OverdueComplaint[] }) {
  const { t } = useTranslation();
  const { site } = useSession();
  if (!complaints.length) return null;
  return (
    <div className="fd-handover-reminders" style={{ marginBottom: 12 }} data-testid="overdue-complaints">
      <div className="fd-alert-title">
        <CustomerServiceOutlined /> {t(`${K}.title`)} <Tag color="red">{complaints.length}</Tag>
      </div>
      {complaints.map((c) => (
        <div className="fd-alert-row" style={{ padding: "4px 0" }} key={c.id} data-testid={`overdue-complaint-${c.id}`}>
          <div>
            <Tag color="red">{t(`complaints.step.${c.step}`)}</Tag>
            <span>{t(`${K}.row`, { id: c.id, customer: c.customer })}</span>
            <div className="fd-muted">
              {t(`${K}.due`, { due: siteDateTime(c.due_at, site.time_zone, "MM-DD HH:mm") })} · {who(c) || t(`${K}.nobody`)}
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}
