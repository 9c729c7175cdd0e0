// An item's whole story (docs/design/handover.md §8.2, §8.7): the logs it passed through and
// every event, oldest first — when, who, what, from which log to which, 未交接 marks, and the
// fields it was created with or changed. Read from `handoverItem`; nothing here is computed.
import { Alert, Drawer, Empty, Spin, Tag, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useBackend, type ItemEventView, type ItemKind, type ItemPatch, type LogLabel } from "../../backend";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import { fieldsOf, patchKey, siteText } from "./itemForm";
import { itemErrorText } from "./itemFormErrors";

type Props = {
  /** The item shown; null: the drawer is closed. */
  itemId: number | null;
  onClose: () => void;
};

export default function ItemTimeline({ itemId, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={itemId !== null}
      onClose={onClose}
      size={520}
      title={itemId === null ? "" : t("handover.items.timeline.title", { id: itemId })}
      destroyOnHidden
    >
      {itemId !== null ? <TimelineBody id={itemId} /> : null}
    </Drawer>
  );
}

export function logText(log: LogLabel): string {
  return `${log.date} ${log.team_name} ${log.shift_name} ${log.shift_key}`;
}

function TimelineBody({ id }: { id: number }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const zone = useSession().site.time_zone;
  const { data, error } = useLoad(["handover", "item", id], ["handover"], () => backend.handoverItem(id));
  if (error) return <Alert type="error" showIcon title={itemErrorText(t, error)} data-testid="handover-item-timeline" />;
  if (!data) return <Spin />;
  const { item, placements, events } = data;
  return (
    <div data-testid="handover-item-timeline" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <div>
        <Tag>{t(`handover.kind.${item.kind}`)}</Tag>
        <Tag color={item.status === "open" ? "orange" : "green"}>{t(`handover.itemStatus.${item.status}`)}</Tag>
        <Tag>{t("handover.shiftsOpen", { count: item.shifts_open })}</Tag>
        <div style={{ marginTop: 4, fontWeight: 500 }}>{item.title}</div>
        {item.outcome ? <div>{t("handover.items.outcomeIs", { outcome: item.outcome })}</div> : null}
        {item.touched_by.length ? (
          <div className="fd-muted">
            {t("handover.touchedBy")}：{item.touched_by.map((p) => p.name).join("、")}
          </div>
        ) : null}
      </div>
      <div data-testid="handover-item-placements">
        <Typography.Text strong>{t("handover.items.timeline.placements")}</Typography.Text>
        <div>{placements.map(logText).join(" → ")}</div>
      </div>
      <div>
        <Typography.Text strong>{t("handover.items.timeline.events")}</Typography.Text>
        {events.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            style={{ marginTop: 8 }}
            items={events.map((ev) => ({
              key: ev.id,
              color: ev.kind === "closed" ? "green" : ev.not_handed_over ? "red" : ev.kind === "query" ? "orange" : "blue",
              content: <EventLine ev={ev} kind={item.kind} zone={zone} />,
            }))}
          />
        )}
      </div>
    </div>
  );
}

function EventLine({ ev, kind, zone }: { ev: ItemEventView; kind: ItemKind; zone: string }) {
  const { t } = useTranslation();
  const who = ev.by ? `${ev.by.name}（${ev.by.employee_no}）` : t("handover.items.timeline.system");
  const where = ev.from_log ? t("handover.items.timeline.fromTo", { from: logText(ev.from_log), to: logText(ev.log) }) : logText(ev.log);
  const lines = ev.fields ? recordLines(t, kind, ev.fields as unknown as Record<string, unknown>, zone, false) : ev.patch ? recordLines(t, kind, ev.patch, zone, true) : [];
  return (
    <div data-testid={`handover-event-${ev.id}`}>
      <div>
        <span className="fd-muted">{siteText(ev.at, zone)}</span> <strong>{t(`handover.event.${ev.kind}`)}</strong>
        {ev.side ? <span className="fd-muted">（{t(`handover.side.${ev.side}`)}）</span> : null} · {who}
        {ev.not_handed_over ? (
          <Tag color="red" style={{ marginLeft: 6 }}>
            {t("handover.notHandedOver")}
          </Tag>
        ) : null}
      </div>
      <div className="fd-muted" style={{ fontSize: 12 }}>
        {where}
        {ev.to_team_name ? ` · ${t("handover.items.timeline.toTeam", { team: ev.to_team_name })}` : ""}
      </div>
      {ev.text ? <div style={{ whiteSpace: "pre-wrap" }}>{ev.text}</div> : null}
      {lines.length ? (
        <ul style={{ margin: "2px 0 0", paddingLeft: 18 }}>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A created event's fields (those set) or an update's patch (every key it has, a cleared one said so). */
function recordLines(t: TFunction, kind: ItemKind, record: Record<string, unknown> | ItemPatch, zone: string, patch: boolean): string[] {
  const src = record as Record<string, unknown>;
  const lines: string[] = [];
  for (const f of fieldsOf(kind)) {
    const key = patchKey(f.name);
    if (!(key in src)) continue;
    const value = src[key];
    if ((value === null || value === "" || value === undefined) && !patch) continue;
    let text: string;
    if (value === null || value === undefined || value === "") text = t("handover.items.timeline.cleared");
    else if (f.name === "channel") text = t(`handover.channel.${String(value)}`);
    else if (f.name === "category") text = t(`handover.category.${String(value)}`);
    else if (f.type === "due") text = siteText(value as number, zone);
    else text = String(value);
    lines.push(`${t(`handover.items.fields.${kind}.${f.name}`)}：${text}`);
  }
  return lines;
}
