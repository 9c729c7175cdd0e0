// The log's items (docs/design/handover.md §8.2–8.3): # 类型 事项 状态 已开班次 经手人 标记.
// Focused (Alt+L), ↑/↓ move, Enter opens the timeline, M Q A K T E C open an action on the
// selected row. Every mark comes from the row's own flags; the list holds no rule.
import { useRef, useState, type HTMLAttributes, type KeyboardEvent } from "react";
import { Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import type { HandoverLogView, ItemRow } from "../../backend";
import ItemActions, { ACTION_KEYS, type ItemAction } from "./ItemActions";
import ItemTimeline from "./ItemTimeline";

export interface ItemListProps {
  log: HandoverLogView;
}

export default function ItemList({ log }: ItemListProps) {
  const { t } = useTranslation();
  const items = log.items;
  const box = useRef<HTMLDivElement>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [action, setAction] = useState<{ id: number; what: ItemAction } | null>(null);
  const [timelineId, setTimelineId] = useState<number | null>(null);
  const at = Math.max(0, items.findIndex((i) => i.id === selectedId));
  const selected: ItemRow | undefined = items[at];
  const acting = action ? items.find((i) => i.id === action.id) : undefined;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in a dialog bubble here through React's tree: only the list's own focus counts.
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey || !selected) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = items[Math.min(items.length - 1, Math.max(0, at + (e.key === "ArrowDown" ? 1 : -1)))];
      setSelectedId(next.id);
      document.querySelector(`[data-testid="handover-item-${next.id}"]`)?.scrollIntoView?.({ block: "nearest" });
    } else if (e.key === "Enter") {
      e.preventDefault();
      setTimelineId(selected.id);
    } else if (!e.shiftKey && ACTION_KEYS[e.key.toLowerCase()]) {
      e.preventDefault();
      setAction({ id: selected.id, what: ACTION_KEYS[e.key.toLowerCase()] });
    }
  };

  const closeAction = () => {
    setAction(null);
    box.current?.focus();
  };

  const columns: ColumnsType<ItemRow> = [
    { title: t("handover.items.col.id"), dataIndex: "id", width: 56 },
    { title: t("handover.items.col.kind"), dataIndex: "kind", width: 92, render: (k: ItemRow["kind"]) => t(`handover.kind.${k}`) },
    {
      title: t("handover.items.col.title"),
      dataIndex: "title",
      render: (_: string, r) => (
        <div>
          <div>{r.title}</div>
          {r.author ? <div className="fd-muted" style={{ fontSize: 12 }}>{t("handover.items.author", { name: r.author.name })}</div> : null}
          {r.outcome ? <div className="fd-muted" style={{ fontSize: 12 }}>{t("handover.items.outcomeIs", { outcome: r.outcome })}</div> : null}
        </div>
      ),
    },
    {
      title: t("handover.items.col.status"),
      dataIndex: "status",
      width: 72,
      render: (s: ItemRow["status"]) => <Tag color={s === "open" ? "orange" : "green"}>{t(`handover.itemStatus.${s}`)}</Tag>,
    },
    { title: t("handover.items.col.shiftsOpen"), dataIndex: "shifts_open", width: 84 },
    {
      title: t("handover.items.col.touchedBy"),
      dataIndex: "touched_by",
      width: 140,
      render: (_: unknown, r) => r.touched_by.map((p) => p.name).join("、"),
    },
    { title: t("handover.items.col.marks"), key: "marks", width: 200, render: (_: unknown, r) => <Marks item={r} /> },
  ];

  return (
    <div>
      <div
        ref={box}
        tabIndex={0}
        data-focus="handover-items"
        data-testid="handover-items"
        aria-label={t("handover.items.section")}
        onKeyDown={onKeyDown}
        style={{ outlineOffset: 2 }}
      >
        <Table<ItemRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          columns={columns}
          locale={{ emptyText: t("handover.items.empty") }}
          rowClassName={(r) => (r.id === selected?.id ? "ant-table-row-selected" : "")}
          onRow={(r) =>
            ({
              "data-testid": `handover-item-${r.id}`,
              "aria-selected": r.id === selected?.id,
              onClick: () => {
                setSelectedId(r.id);
                box.current?.focus();
              },
              onDoubleClick: () => setTimelineId(r.id),
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
      <div className="fd-muted" style={{ fontSize: 12, marginTop: 4 }} data-testid="handover-items-keys">
        {t("handover.items.listKeys")}
      </div>
      {action && acting ? <ItemActions key={`${action.id}-${action.what}`} logId={log.log_id} item={acting} action={action.what} onClose={closeAction} /> : null}
      <ItemTimeline
        itemId={timelineId}
        onClose={() => {
          setTimelineId(null);
          box.current?.focus();
        }}
      />
    </div>
  );
}

/** 遗留 · 未交接 · 待答复 · 已到期, each from the row's own flag. */
function Marks({ item }: { item: ItemRow }) {
  const { t } = useTranslation();
  return (
    <span data-testid={`handover-marks-${item.id}`}>
      {item.carried_in ? <Tag color="gold">{t("handover.carried")}</Tag> : null}
      {item.not_handed_over ? <Tag color="red">{t("handover.notHandedOver")}</Tag> : null}
      {item.open_queries.length > 0 ? <Tag color="orange">{t("handover.awaitingAnswer")}</Tag> : null}
      {item.overdue ? <Tag color="volcano">{t("handover.overdue")}</Tag> : null}
    </span>
  );
}
