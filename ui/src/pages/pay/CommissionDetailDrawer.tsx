// A line of 提成 opened: the agent's month from commission_detail (CommissionDetailBody).
import { Alert, Drawer, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../lib/errors";
import { useCommissionDetail, type TargetNames } from "./commissionData";
import CommissionDetailBody from "./CommissionDetailBody";
import { C } from "./payText";

type Props = { employeeNo: string | null; month: string; names: TargetNames; onClose: () => void };

export default function CommissionDetailDrawer({ employeeNo, month, names, onClose }: Props) {
  const { t } = useTranslation();
  const loaded = useCommissionDetail(employeeNo, month);
  const detail = loaded.data && loaded.data.employee_no === employeeNo ? loaded.data : undefined;
  return (
    <Drawer
      open={employeeNo !== null}
      onClose={onClose}
      size={900}
      destroyOnHidden
      title={detail ? t(`${C}.detail.title`, { name: detail.name, employeeNo: detail.employee_no, month: detail.month }) : employeeNo}
      data-testid="commission-drawer"
    >
      {loaded.error ? (
        <Alert type="error" showIcon title={errorText(t, loaded.error)} />
      ) : detail ? (
        <CommissionDetailBody detail={detail} names={names} />
      ) : (
        <Spin spinning style={{ display: "block", margin: "48px auto" }} />
      )}
    </Drawer>
  );
}
