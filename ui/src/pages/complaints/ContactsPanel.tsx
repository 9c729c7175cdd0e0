// 接待量: each team's contacts in a month (calls, chats), the complaint rate's denominator. A
// number is saved when the field is left or Enter pressed, if it changed.
import { useEffect, useRef, useState } from "react";
import { Alert, App, Card, DatePicker, InputNumber, Table } from "antd";
import type { TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type Team } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad, useReportError } from "../../lib/hooks";
import { useTeams } from "./complaintData";
import { K } from "./complaintText";

const C = `${K}.contacts`;

function ContactsCell({ month, team, current, onSaved }: { month: string; team: Team; current: number | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(current);
  // What the backend holds, or was last sent (Enter, then leaving the field, saves once).
  const stored = useRef(current);
  useEffect(() => {
    stored.current = current;
    setValue(current);
  }, [current]);
  const save = async () => {
    if (value === null || value === stored.current) return;
    stored.current = value;
    try {
      await backend.setComplaintContacts({ month, team_id: team.id, contacts: value });
      void message.success(t(`${C}.saved`, { team: team.name, month, contacts: value }));
      onSaved();
    } catch (e) {
      stored.current = current;
      report(e);
    }
  };
  return (
    <InputNumber<number>
      min={0}
      precision={0}
      style={{ width: 160 }}
      value={value}
      onChange={(v) => setValue(v)}
      onBlur={() => void save()}
      onPressEnter={() => void save()}
      aria-label={`${team.name} ${t(`${C}.contacts`)}`}
      data-testid={`complaint-contacts-${team.id}`}
    />
  );
}

export default function ContactsPanel({ initialMonth }: { initialMonth: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [month, setMonth] = useState(initialMonth);
  const teams = useTeams();
  const contacts = useLoad(["complaints", "contacts", month], ["complaints", "teams"], () => backend.complaintContacts(month));
  const current = (teamId: number) => contacts.data?.find((c) => c.team_id === teamId)?.contacts ?? null;
  const columns: TableColumnsType<Team> = [
    { title: t(`${C}.team`), dataIndex: "name" },
    {
      title: t(`${C}.contacts`),
      key: "contacts",
      width: 200,
      render: (_: unknown, team: Team) => (
        <ContactsCell key={`${month}-${team.id}`} month={month} team={team} current={current(team.id)} onSaved={contacts.reload} />
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t(`${C}.title`)}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format="YYYY-MM"
          aria-label={t(`${C}.month`)}
          onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
          data-testid="complaint-contacts-month"
        />
      }
      data-testid="complaint-contacts"
    >
      <div className="fd-muted" style={{ marginBottom: 8 }}>
        {t(`${C}.intro`)}
      </div>
      {contacts.error ? <Alert type="error" showIcon title={errorText(t, contacts.error)} style={{ marginBottom: 8 }} /> : null}
      <Table<Team>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={(teams.data ?? []).filter((x) => x.active)}
        loading={(teams.loading && !teams.data) || (contacts.loading && !contacts.data)}
        pagination={false}
        locale={{ emptyText: t(`${C}.empty`) }}
      />
    </Card>
  );
}
