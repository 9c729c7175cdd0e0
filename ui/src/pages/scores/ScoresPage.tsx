// 绩效考核: the month's assessment. Raters type their sheets (评分录入), everyone sees the results
// their reach allows (考核结果), leads and supervisors choose 小组 raters (评分人), and the
// templates with what they are assigned to (考核模板). The month is chosen here for every tab
// but 整改计划 and 质检 (PlansTab, SpotChecksTab), which keep their own month filter: by default
// last month, the one whose scoring window opens on the 1st of this month.
import { useState } from "react";
import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session";
import PageHeader from "../../components/PageHeader";
import MonthPicker, { defaultScoreMonth } from "./MonthPicker";
import EntryTab from "./EntryTab";
import ResultsTab from "./ResultsTab";
import RatersTab from "./RatersTab";
import TemplatesTab from "./TemplatesTab";
import PlansTab, { PlansTabLabel } from "./PlansTab";
import SpotChecksTab from "./SpotChecksTab";

type Tab = "entry" | "results" | "plans" | "spot-checks" | "raters" | "templates";

/** Tabs with their own month filter: the page's month picker is hidden on them. */
const OWN_MONTH: readonly Tab[] = ["plans", "spot-checks"];

export default function ScoresPage() {
  const { t } = useTranslation();
  const { operator, site } = useSession();
  const can = (p: string) => operator.permissions.some((q) => q === p);
  const [month, setMonth] = useState(() => defaultScoreMonth(site.time_zone));
  const tabs: { key: Tab; show: boolean }[] = [
    { key: "entry", show: can("enter_scores") },
    { key: "results", show: can("view_scores") },
    { key: "plans", show: can("view_scores") && can("assign_raters") },
    { key: "spot-checks", show: can("view_scores") && can("assign_raters") },
    { key: "raters", show: can("assign_raters") },
    { key: "templates", show: can("assign_raters") || can("manage_scores") },
  ];
  const [tab, setTab] = useState<Tab>("entry");
  const shown = tabs.filter((x) => x.show);
  const active = shown.some((x) => x.key === tab) ? tab : (shown[0]?.key ?? "entry");
  return (
    <div data-testid="scores-page">
      <PageHeader title={t("nav.scores")} subtitle={t("scores.subtitle")} extra={OWN_MONTH.includes(active) ? undefined : <MonthPicker value={month} onChange={setMonth} />}
      />
      <Tabs
        activeKey={active}
        onChange={(k) => setTab(k as Tab)}
        destroyInactiveTabPane
        items={shown.map(({ key }) => ({
          key,
          label:
            key === "plans" ? (
              <PlansTabLabel />
            ) : key === "spot-checks" ? (
              <span data-testid="scores-tab-spot-checks">{t("scores.spot.tab")}</span>
            ) : (
              <span data-testid={`scores-tab-${key}`}>{t(`scores.tabs.${key}`)}</span>
            ),
          children:
            key === "entry" ? (
              <EntryTab month={month} />
            ) : key === "results" ? (
              <ResultsTab month={month} />
            ) : key === "plans" ? (
              <PlansTab />
            ) : key === "spot-checks" ? (
              <SpotChecksTab />
            ) : key === "raters" ? (
              <RatersTab month={month} />
            ) : (
              <TemplatesTab />
            ),
        }))}
      />
    </div>
  );
}
