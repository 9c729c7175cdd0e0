// The open query an answer (A) or an accept (K) is about: the only one, or a pick among several.
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { ItemRow } from "../../backend";
import ItemEntryPick from "./ItemEntryPick";

export default function ItemActionsQuery({ item, queryId, onChange }: { item: ItemRow; queryId: number | null; onChange: (id: number) => void }) {
  const { t } = useTranslation();
  const queries = item.open_queries;
  if (queries.length === 0) return <Alert type="info" showIcon title={t("handover.items.noOpenQuery")} data-testid="handover-action-no-query" />;
  const who = (q: (typeof queries)[number]) => q.by?.name ?? t("handover.items.timeline.system");
  if (queries.length === 1) {
    const q = queries[0];
    return (
      <div data-testid="handover-action-query">
        <div className="fd-muted" style={{ fontSize: 12 }}>
          {t("handover.items.openQuery")} · {who(q)}
        </div>
        <div>{q.text}</div>
      </div>
    );
  }
  return (
    <ItemEntryPick
      value={queryId === null ? null : String(queryId)}
      options={queries.map((q) => String(q.id))}
      label={(id) => {
        const q = queries.find((x) => String(x.id) === id);
        return q ? `${who(q)}：${q.text}` : id;
      }}
      onChange={(id) => onChange(Number(id))}
      ariaLabel={t("handover.items.openQuery")}
      testId="handover-action-query"
    />
  );
}
