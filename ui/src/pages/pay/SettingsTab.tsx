// 提成设置: the tier table, the grade coefficients and each team's scheme (with the after-sales
// targets and the month's figures), as the backend holds them for the month shown.
import { Alert, Card, Empty, Space, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import CoefficientsCard from "./CoefficientsCard";
import TeamSchemeCard from "./TeamSchemeCard";
import TiersCard from "./TiersCard";
import { P } from "./payrollText";
import { targetState } from "./targetState";

export default function SettingsTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const settings = useLoad(["payroll", "settings", month], ["commission"], () => backend.commissionSettings(month));
  const afterSales = settings.data?.teams.some((s) => s.scheme === "after_sales") ?? false;
  // Where each target stands is the backend's judgement, read off the month's commission.
  const judged = useLoad(["payroll", "commissionMonth", month], ["commission", "scores"], () => backend.commissionMonth(month), {
    enabled: afterSales,
  });
  const reload = () => {
    settings.reload();
    judged.reload();
  };
  const data = settings.data;
  if (!data) {
    if (settings.error) return <Alert type="error" showIcon title={errorText(t, settings.error)} />;
    return <Spin />;
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="pay-settings">
      <TiersCard settings={data} month={month} onSaved={reload} />
      <CoefficientsCard settings={data} month={month} onSaved={reload} />
      <Card size="small" title={t(`${P}.settings.teams.title`)}>
        {data.teams.length === 0 ? (
          <Empty description={t(`${P}.settings.teams.empty`)} />
        ) : (
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            {data.teams.map((team) => (
              <TeamSchemeCard
                key={team.team_id}
                team={team}
                month={month}
                stateOf={(target) => targetState(target, team.team_id, judged.data)}
                onSaved={reload}
              />
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}
