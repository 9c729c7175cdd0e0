// 我的提成: the operator's own month (my_commission): their line as a formula, the orders they got
// with why, their receptions — the drawer's body — and the provisional note while their grade is
// not published.
import { Alert, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../lib/errors";
import { useMyCommission, useTargetNames } from "./commissionData";
import CommissionDetailBody from "./CommissionDetailBody";
import { C } from "./payText";

export default function MyCommission({ month }: { month: string }) {
  const { t } = useTranslation();
  const loaded = useMyCommission(month);
  // An agent may not read the commission tables: targets are named by the product's names.
  const names = useTargetNames(month, false);
  const detail = loaded.data;
  if (loaded.error) return <Alert type="error" showIcon title={errorText(t, loaded.error)} data-testid="my-commission-error" />;
  if (!detail) return <Spin spinning style={{ display: "block", margin: "48px auto" }} />;
  const provisional = detail.row?.scheme === "sales" && detail.row.grade === null;
  return (
    <div data-testid="my-commission">
      {provisional ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(`${C}.mine.provisional`)} data-testid="my-commission-provisional" /> : null}
      <CommissionDetailBody detail={detail} names={names} />
    </div>
  );
}
