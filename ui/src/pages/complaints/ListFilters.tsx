// The list's filters: the received dates (site-local), the status, only open, only overdue, and
// the agent (for those who see people).
import { Checkbox, DatePicker, Select } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { ComplaintQuery, ComplaintStatus } from "../../backend";
import { useCan } from "../../session";
import AgentSelect from "./AgentSelect";
import { K, STATUSES, statusLabel } from "./complaintText";

const L = `${K}.list`;

export default function ListFilters({ query, onChange }: { query: ComplaintQuery; onChange: (q: ComplaintQuery) => void }) {
  const { t } = useTranslation();
  const canSeePeople = useCan("view_people");
  const set = (patch: Partial<ComplaintQuery>) => onChange({ ...query, ...patch });
  return (
    <>
      <DatePicker.RangePicker
        value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
        format="YYYY-MM-DD"
        onChange={(r) => set({ from: r?.[0]?.format("YYYY-MM-DD") ?? null, to: r?.[1]?.format("YYYY-MM-DD") ?? null })}
        data-testid="complaint-filter-range"
      />
      <Select<ComplaintStatus>
        allowClear
        placeholder={t(`${L}.status`)}
        value={query.status ?? undefined}
        options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s), title: statusLabel(t, s) }))}
        onChange={(v) => set({ status: v ?? null })}
        style={{ width: 130 }}
        data-testid="complaint-filter-status"
      />
      {canSeePeople ? (
        <AgentSelect value={query.employee_no} onChange={(v) => set({ employee_no: v })} placeholder={t(`${L}.agent`)} width={180} testId="complaint-filter-agent" />
      ) : null}
      <Checkbox checked={query.open_only} onChange={(e) => set({ open_only: e.target.checked })} data-testid="complaint-filter-open">
        {t(`${L}.openOnly`)}
      </Checkbox>
      <Checkbox checked={query.overdue_only} onChange={(e) => set({ overdue_only: e.target.checked })} data-testid="complaint-filter-overdue">
        {t(`${L}.overdueOnly`)}
      </Checkbox>
    </>
  );
}
