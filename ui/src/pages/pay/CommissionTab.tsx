// 提成: the month's commission of every agent. The summary strip, the provisional banner while
// the month's grades are unpublished, a search by name or 工号 and a team filter over the table;
// a line opens the agent's details (CommissionDetailDrawer).
import { useMemo, useState } from "react";
import { Alert, Input, Select, Space, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../lib/errors";
import { useSession } from "../../session";
import { useCommissionMonth, useTargetNames } from "./commissionData";
import CommissionSummary from "./CommissionSummary";
import CommissionTable from "./CommissionTable";
import CommissionDetailDrawer from "./CommissionDetailDrawer";
import { C } from "./payText";

const ALL = "all";

export default function CommissionTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const { operator } = useSession();
  const loaded = useCommissionMonth(month);
  const names = useTargetNames(month, operator.permissions.includes("view_pay"));
  const [search, setSearch] = useState("");
  const [team, setTeam] = useState<string>(ALL);
  const [open, setOpen] = useState<string | null>(null);
  const data = loaded.data;

  const teams = useMemo(() => [...new Set((data?.rows ?? []).map((r) => r.team_name ?? ""))], [data]);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (data?.rows ?? []).filter(
      (r) =>
        (team === ALL || (r.team_name ?? "") === team) &&
        (!q || r.name.toLowerCase().includes(q) || r.employee_no.toLowerCase().includes(q)),
    );
  }, [data, search, team]);

  if (loaded.error) return <Alert type="error" showIcon title={errorText(t, loaded.error)} data-testid="commission-error" />;
  if (!data) return <Spin spinning style={{ display: "block", margin: "48px auto" }} />;
  return (
    <div data-testid="commission-tab">
      {!data.grades_published ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(`${C}.provisional`, { month })} data-testid="commission-provisional" />
      ) : null}
      <CommissionSummary data={data} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t(`${C}.search`)} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="commission-search" style={{ width: 220 }} />
        <Select
          value={team}
          onChange={setTeam}
          style={{ minWidth: 160 }}
          data-testid="commission-team"
          options={[{ value: ALL, label: t(`${C}.allTeams`) }, ...teams.map((n) => ({ value: n, label: n || t(`${C}.noTeam`) }))]}
        />
        <Typography.Text type="secondary" data-testid="commission-count">
          {t(`${C}.count`, { count: rows.length })}
        </Typography.Text>
      </Space>
      <CommissionTable rows={rows} names={names} onOpen={(r) => setOpen(r.employee_no)} />
      <CommissionDetailDrawer employeeNo={open} month={month} names={names} onClose={() => setOpen(null)} />
    </div>
  );
}
