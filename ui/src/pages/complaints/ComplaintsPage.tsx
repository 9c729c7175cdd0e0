// 投诉处理: 投诉单 for everyone who registers complaints; 投诉分析, 调岗提示 and 投诉原因 for those who
// handle them (supervisors and managers).
import { useState } from "react";
import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import PageHeader from "../../components/PageHeader";
import { useCan } from "../../session";
import AnalysisTab from "./AnalysisTab";
import CausesTab from "./CausesTab";
import FlagsTab from "./FlagsTab";
import ListTab from "./ListTab";

type Tab = "list" | "analysis" | "flags" | "causes";

export default function ComplaintsPage() {
  const { t } = useTranslation();
  const canHandle = useCan("handle_complaints");
  const tabs: { key: Tab; show: boolean }[] = [
    { key: "list", show: true },
    { key: "analysis", show: canHandle },
    { key: "flags", show: canHandle },
    { key: "causes", show: canHandle },
  ];
  const [tab, setTab] = useState<Tab>("list");
  const shown = tabs.filter((x) => x.show);
  const active = shown.some((x) => x.key === tab) ? tab : "list";
  return (
    <div data-testid="complaints-page">
      <PageHeader title={t("nav.complaints")} subtitle={t("complaints.page.subtitle")} />
      <Tabs
        activeKey={active}
        onChange={(k) => setTab(k as Tab)}
        destroyOnHidden
        items={shown.map(({ key }) => ({
          key,
          label: <span data-testid={`complaints-tab-${key}`}>{t(`complaints.tabs.${key}`)}</span>,
          children: key === "list" ? <ListTab /> : key === "analysis" ? <AnalysisTab /> : key === "flags" ? <FlagsTab /> : <CausesTab />,
        }))}
      />
    </div>
  );
}
