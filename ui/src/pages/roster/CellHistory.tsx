// 修改记录 of one cell: every change with who made it, when, and the reason given.
import { Drawer, Empty } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";

export default function CellHistory({ employeeNo, who, date, onClose }: { employeeNo: string; who: string; date: string; onClose: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const changes = useLoad(["rosterHistory", employeeNo, date], ["roster"], () => backend.rosterHistory(employeeNo, date));
  return (
    <Drawer open title={`${t("roster.history")} · ${who} · ${date}`} onClose={onClose} size={420}>
      <div data-testid="roster-history-list">
        {changes.error ? (
          <span>{errorText(t, changes.error)}</span>
        ) : !changes.data ? (
          <span className="fd-muted">{t("app.loading")}</span>
        ) : changes.data.length === 0 ? (
          <Empty description={t("roster.noHistory")} />
        ) : (
          <ul className="fd-roster-vlist">
            {changes.data.map((c, i) => (
              <li key={i}>
                <div>
                  <b>{c.old_cell || t("roster.emptyCell")}</b> → <b>{c.new_cell || t("roster.emptyCell")}</b>
                </div>
                <div className="fd-muted">
                  {formatDateTime(c.changed_at)} · {c.changed_by ?? "—"}
                </div>
                <div>
                  {t("fields.reason")}：{c.reason}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Drawer>
  );
}
