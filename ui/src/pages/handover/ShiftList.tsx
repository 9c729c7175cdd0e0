// The day's shifts on the left of the 交接班 page: a card each with its times, status, 交接班长 and
// counts, grouped by team when the operator reaches several. Everything shown is the backend's
// `handover_day`; the page only tells an open log whose shift has ended apart (待签字).
import { memo, useContext } from "react";
import { Empty, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { HandoverDay, LeadView, LogKey, ShiftCard } from "../../backend";
import { BackendNow, span, statusKey } from "./handoverTime";

/** The page's handle on a shift: its team and key (the date is the page's). */
export function shiftId(key: Pick<LogKey, "team_id" | "shift">): string {
  return `${key.team_id}|${key.shift}`;
}

const STATUS_COLOURS: Record<string, string> = {
  not_opened: "default",
  open: "processing",
  toSign: "warning",
  awaiting_receipt: "gold",
  signed: "success",
};

export function StatusTag({ status, end, testId }: { status: ShiftCard["status"]; end: string; testId?: string }) {
  const { t } = useTranslation();
  const now = useContext(BackendNow);
  const key = statusKey(status, end, now ?? undefined);
  return (
    <Tag color={STATUS_COLOURS[key]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t(`handover.status.${key}`)}
    </Tag>
  );
}

/** 王静 · 班长, or 主管代签 when nobody is in line. */
export function LeadText({ lead }: { lead: LeadView }) {
  const { t } = useTranslation();
  if (!lead.person) return <span>{t("handover.basis.stand_in")}</span>;
  return (
    <span>
      {lead.person.name} <span className="fd-muted">· {t(`handover.basis.${lead.basis}`)}</span>
    </span>
  );
}

type Props = {
  day: HandoverDay;
  zone: string;
  selected: string | null;
  onSelect: (key: LogKey) => void;
};

export default memo(function ShiftList({ day, zone, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const grouped = day.teams.length > 1;
  if (day.teams.every((team) => team.shifts.length === 0)) return <Empty description={t("handover.page.noShifts")} />;
  return (
    <div data-testid="handover-shifts">
      {day.teams.map((team) => (
        <div key={team.team_id} data-testid={`handover-team-${team.team_id}`} style={{ marginBottom: 12 }}>
          {grouped ? <div style={{ fontWeight: 600, margin: "4px 0" }}>{team.team_name}</div> : null}
          {team.shifts.map((shift) => (
            <ShiftCardView key={shift.key.shift} shift={shift} zone={zone} selected={selected === shiftId(shift.key)} onSelect={onSelect} />
          ))}
        </div>
      ))}
    </div>
  );
});

function ShiftCardView({ shift, zone, selected, onSelect }: { shift: ShiftCard; zone: string; selected: boolean; onSelect: (key: LogKey) => void }) {
  const { t } = useTranslation();
  const choose = () => onSelect(shift.key);
  return (
    <div
      role="button"
      tabIndex={0}
      aria-current={selected ? "true" : undefined}
      data-testid={`handover-shift-${shift.key.shift}`}
      onClick={choose}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          choose();
        }
      }}
      style={{
        cursor: "pointer",
        padding: "8px 10px",
        marginBottom: 6,
        borderRadius: 6,
        border: `1px solid ${selected ? "#1677ff" : "#f0f0f0"}`,
        background: selected ? "#e6f4ff" : "#fff",
      }}
    >
      <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
        <strong>{shift.name === shift.key.shift ? shift.name : `${shift.name} ${shift.key.shift}`}</strong>
        <StatusTag status={shift.status} end={shift.end} />
      </div>
      <div className="fd-muted">{span(shift.start, shift.end, zone)}</div>
      <div>
        <LeadText lead={shift.lead} />
      </div>
      <Space size={4} wrap>
        {shift.open_items > 0 ? <Tag>{t("handover.page.openItems", { count: shift.open_items })}</Tag> : null}
        {shift.open_reminders > 0 ? <Tag color="red">{t("handover.page.openReminders", { count: shift.open_reminders })}</Tag> : null}
        {shift.in_roster ? null : <Tag color="orange">{t("handover.page.notInRoster")}</Tag>}
      </Space>
    </div>
  );
}
