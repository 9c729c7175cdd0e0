// 违规与奖惩: the month's 台账 (everyone, as far as they see), 待确认 (those who record incidents;
// supervisors and managers confirm), the rule book, the equipment price list, the 部门活动经费
// and 申诉. The month is chosen here for every tab: by default this month on the site's clock.
import { useState } from "react";
import { Badge, DatePicker, Tabs } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import PageHeader from "../../components/PageHeader";
import { useSession } from "../../session";
import { AppealsTab } from "./AppealsTab";
import { EquipmentTab } from "./EquipmentTab";
import { FundTab } from "./FundTab";
import { siteMonth } from "./incidentText";
import { LedgerTab } from "./LedgerTab";
import { ProposalsTab, useProposals } from "./ProposalsTab";
import { RuleBookTab } from "./RuleBookTab";

type Tab = "ledger" | "proposals" | "rules" | "equipment" | "fund" | "appeals";

function IncidentsMonth({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      format="YYYY-MM"
      aria-label={t("incidents.page.month")}
      data-testid="incidents-month"
      onChange={(d) => d && onChange(d.format("YYYY-MM"))}
    />
  );
}

function ProposalsLabel() {
  const { t } = useTranslation();
  const { proposed } = useProposals();
  return (
    <span data-testid="incidents-tab-proposals">
      {t("incidents.tabs.proposals")} <Badge count={proposed.length} size="small" offset={[2, -2]} />
    </span>
  );
}

export default function IncidentsPage() {
  const { t } = useTranslation();
  const { operator, site } = useSession();
  const can = (p: string) => operator.permissions.some((q) => q === p);
  const [month, setMonth] = useState(() => siteMonth(site.time_zone));
  const tabs: { key: Tab; show: boolean }[] = [
    { key: "ledger", show: can("view_incidents") },
    { key: "proposals", show: can("record_incidents") },
    { key: "rules", show: can("view_incidents") },
    { key: "equipment", show: can("view_incidents") },
    { key: "fund", show: can("view_incidents") },
    { key: "appeals", show: can("view_incidents") },
  ];
  const [tab, setTab] = useState<Tab>("ledger");
  const shown = tabs.filter((x) => x.show);
  const active = shown.some((x) => x.key === tab) ? tab : (shown[0]?.key ?? "ledger");
  return (
    <div data-testid="incidents-page">
      <PageHeader title={t("nav.incidents")} subtitle={t("incidents.page.subtitle")} extra={<IncidentsMonth value={month} onChange={setMonth} />} />
      <Tabs
        activeKey={active}
        onChange={(k) => setTab(k as Tab)}
        destroyOnHidden
        items={shown.map(({ key }) => ({
          key,
          label: key === "proposals" ? <ProposalsLabel /> : <span data-testid={`incidents-tab-${key}`}>{t(`incidents.tabs.${key}`)}</span>,
          children:
            key === "ledger" ? (
              <LedgerTab month={month} />
            ) : key === "proposals" ? (
              <ProposalsTab />
            ) : key === "rules" ? (
              <RuleBookTab />
            ) : key === "equipment" ? (
              <EquipmentTab />
            ) : key === "fund" ? (
              <FundTab month={month} />
            ) : (
              <AppealsTab month={month} />
            ),
        }))}
      />
    </div>
  );
}
