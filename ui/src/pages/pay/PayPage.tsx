// 提成与工资: one month for every tab. With view_pay: 提成, 订单归属, 工资表, 设置, 导入; an
// operator without it (an agent) sees their own month only: 我的提成 and 我的工资条. The month
// opens on the site's current month.
import { useState } from "react";
import { DatePicker, Tabs } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session";
import PageHeader from "../../components/PageHeader";
import CommissionTab from "./CommissionTab";
import OrdersTab from "./OrdersTab";
import MyCommission from "./MyCommission";
import PaySheetTab from "./PaySheetTab";
import SettingsTab from "./SettingsTab";
import ImportTab from "./ImportTab";
import PaySlipMine from "./PaySlipMine";
import { C, currentMonth } from "./payText";

type Tab = "commission" | "orders" | "sheet" | "settings" | "import" | "mine" | "slip";

const MANAGER_TABS: Tab[] = ["commission", "orders", "sheet", "settings", "import"];
const OWN_TABS: Tab[] = ["mine", "slip"];

function tabBody(tab: Tab, month: string) {
  switch (tab) {
    case "commission":
      return <CommissionTab month={month} />;
    case "orders":
      return <OrdersTab month={month} />;
    case "sheet":
      return <PaySheetTab month={month} />;
    case "settings":
      return <SettingsTab month={month} />;
    case "import":
      return <ImportTab month={month} />;
    case "mine":
      return <MyCommission month={month} />;
    case "slip":
      return <PaySlipMine month={month} />;
  }
}

export default function PayPage() {
  const { t } = useTranslation();
  const { operator, site } = useSession();
  const [month, setMonth] = useState(() => currentMonth(site.time_zone));
  const shown = operator.permissions.includes("view_pay") ? MANAGER_TABS : OWN_TABS;
  const [tab, setTab] = useState<Tab>(shown[0]);
  const active = shown.includes(tab) ? tab : shown[0];
  return (
    <div data-testid="pay-page">
      <PageHeader
        title={t("nav.pay")}
        subtitle={t(`${C}.subtitle`)}
        extra={
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            format="YYYY-MM"
            aria-label={t(`${C}.month`)}
            data-testid="pay-month"
            onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
          />
        }
      />
      <Tabs
        activeKey={active}
        onChange={(k) => setTab(k as Tab)}
        destroyOnHidden
        items={shown.map((key) => ({
          key,
          label: <span data-testid={`pay-tab-${key}`}>{t(`${C}.tabs.${key}`)}</span>,
          children: tabBody(key, month),
        }))}
      />
    </div>
  );
}
