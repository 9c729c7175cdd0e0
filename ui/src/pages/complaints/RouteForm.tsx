// 分流: to an agent (their team by default) or a team, with a deadline for ruling and reply —
// none given, the backend sets its default from the policy settings.
import { useState } from "react";
import { Button, DatePicker, Form, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { ComplaintAction } from "../../backend";
import { useSession } from "../../session";
import { fromSiteWall } from "../incidents/incidentText";
import AgentSelect from "./AgentSelect";
import { useTeams } from "./complaintData";
import { K } from "./complaintText";

const R = `${K}.route`;

export default function RouteForm({ onSubmit }: { onSubmit: (a: ComplaintAction) => Promise<boolean> }) {
  const { t } = useTranslation();
  const tz = useSession().site.time_zone;
  const teams = useTeams();
  const [agent, setAgent] = useState<string | null>(null);
  const [team, setTeam] = useState<number | null>(null);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    await onSubmit({ step: "route", employee_no: agent, team_id: team, deadline_at: deadline ? fromSiteWall(deadline, tz) : null });
    setBusy(false);
  };
  return (
    <div data-testid="complaint-route-form">
      <Form layout="vertical" component="div">
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label={t(`${R}.agent`)}>
            <AgentSelect value={agent} onChange={setAgent} placeholder={t(`${R}.agentPlaceholder`)} testId="complaint-route-agent" />
          </Form.Item>
          <Form.Item label={t(`${R}.team`)}>
            <Select<number>
              allowClear
              placeholder={t(`${R}.teamPlaceholder`)}
              value={team ?? undefined}
              loading={teams.loading && !teams.data}
              options={(teams.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name, title: x.name }))}
              onChange={(v) => setTeam(v ?? null)}
              style={{ width: 200 }}
              data-testid="complaint-route-team"
            />
          </Form.Item>
          <Form.Item label={t(`${R}.deadline`)} extra={t(`${R}.deadlineHint`)}>
            <DatePicker
              showTime={{ format: "HH:mm" }}
              format="YYYY-MM-DD HH:mm"
              value={deadline}
              onChange={(d) => setDeadline(d ?? null)}
              data-testid="complaint-route-deadline"
            />
          </Form.Item>
        </div>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="complaint-route-submit">
          {t(`${R}.submit`)}
        </Button>
      </Form>
    </div>
  );
}
