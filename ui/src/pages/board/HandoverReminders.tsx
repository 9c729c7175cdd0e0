// 交接提醒 on the board: logs left unsigned after their shift and urgent items or prospects past
// their time (the backend raises them; seed 003 「严格交接班手续」). Each can be acknowledged.
import { useState } from "react";
import { Button, Tag } from "antd";
import { BookOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverReminder } from "../../backend";
import { useSession } from "../../session";
import { useReportError } from "../../lib/hooks";
import { siteTime } from "./boardUtil";

export default function HandoverReminders({ reminders, canAck }: { reminders: HandoverReminder[]; canAck: boolean }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { site } = useSession();
  const [done, setDone] = useState<Set<number>>(() => new Set());
  const shown = reminders.filter((r) => !done.has(r.id));
  if (!shown.length) return null;
  const ack = async (id: number) => {
    try {
      await backend.acknowledgeHandoverReminder(id, null);
      setDone((s) => new Set(s).add(id));
    } catch (e) {
      report(e);
    }
  };
  return (
    <div className="fd-handover-reminders" data-testid="handover-reminders">
      <div className="fd-alert-title">
        <BookOutlined /> {t("board.handoverReminders")} <Tag color="orange">{shown.length}</Tag>
      </div>
      {shown.map((r) => (
        <div className="fd-alert-row" key={r.id} data-testid={`handover-reminder-${r.id}`}>
          <div>
            <Tag color="orange">{t(`handover.reminder.${r.kind}`)}</Tag>
            <span>
              {r.log.team_name} {r.log.shift_name} {r.item_title ?? ""}
            </span>
            <div className="fd-muted">{siteTime(r.due_at, site.time_zone)}</div>
          </div>
          {canAck ? (
            <Button size="small" onClick={() => void ack(r.id)} data-testid={`handover-reminder-ack-${r.id}`}>
              {t("board.handoverAck")}
            </Button>
          ) : null}
        </div>
      ))}
    </div>
  );
}
