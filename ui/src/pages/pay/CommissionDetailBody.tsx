// One agent's month explained: the line as a formula in words, the orders they got with why,
// their receptions. Shared by the 提成 drawer and 我的提成.
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session";
import type { TargetNames } from "./commissionData";
import type { CommissionDetail } from "./commissionTypes";
import AttributedOrders from "./AttributedOrders";
import ReceptionTable from "./ReceptionTable";
import { C, formulaText } from "./payText";

export default function CommissionDetailBody({ detail, names }: { detail: CommissionDetail; names: TargetNames }) {
  const { t } = useTranslation();
  const { site } = useSession();
  const row = detail.row;
  return (
    <div data-testid="commission-detail">
      <Typography.Title level={5}>{t(`${C}.detail.line`)}</Typography.Title>
      <Typography.Paragraph data-testid="commission-formula" style={{ fontSize: 16 }}>
        {row ? formulaText(t, row, names.label, names.bonusFen(row.team_id)) : t(`${C}.detail.noLine`)}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t(`${C}.detail.orders`, { count: detail.orders.length })}</Typography.Title>
      <AttributedOrders orders={detail.orders} timeZone={site.time_zone} days={detail.attribution_days} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t(`${C}.detail.receptions`, { count: detail.receptions.length })}
      </Typography.Title>
      <ReceptionTable receptions={detail.receptions} timeZone={site.time_zone} />
    </div>
  );
}
