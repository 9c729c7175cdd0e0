// 会议与报表: 会议与培训 (everyone sees those they are expected at; team leads and up schedule and
// take the roll call), 报表提交 (one's own reports, or everyone's for those who keep the register)
// and 报表登记 (who owes which report, for those who keep it). One month picker for the first two.
import { useState } from "react";
import { DatePicker, Tabs } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import PageHeader from "../../components/PageHeader";
import { useCan, useSession } from "../../session";
import { siteMonth } from "../incidents/incidentText";
import DutiesTab from "./DutiesTab";
import MeetingsTab from "./MeetingsTab";
import { K } from "./meetingText";
import ReportsTab from "./ReportsTab";

type Tab = "meetings" | "reports" | "duties";

export default function MeetingsPage() {
  const { t } = useTranslation();
  const tz = useSession().site.time_zone;
  const canSeeMeetings = useCan("view_incidents");
  const canKeepRegister = useCan("manage_reports");
  const [month, setMonth] = useState(() => siteMonth(tz));
  const tabs: { key: Tab; show: boolean }[] = [
    { key: "meetings", show: canSeeMeetings },
    { key: "reports", show: true },
    { key: "duties", show: canKeepRegister },
  ];
  const shown = tabs.filter((x) => x.show);
  const [tab, setTab] = useState<Tab>(shown[0].key);
  const active = shown.some((x) => x.key === tab) ? tab : shown[0].key;
  const monthPicker = (
    <span className="fd-inline">
      <span className="fd-muted">{t(`${K}.month`)}</span>{" "}
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${month}-01`)}
        onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
        data-testid="meetings-month"
      />
    </span>
  );
  return (
    <div data-testid="meetings-page">
      <PageHeader title={t("nav.meetings")} subtitle={t(`${K}.page.subtitle`)} extra={active === "duties" ? null : monthPicker} />
      <Tabs
        activeKey={active}
        onChange={(k) => setTab(k as Tab)}
        destroyOnHidden
        items={shown.map(({ key }) => ({
          key,
          label: <span data-testid={`meetings-tab-${key}`}>{t(`${K}.tabs.${key}`)}</span>,
          children: key === "meetings" ? <MeetingsTab month={month} /> : key === "reports" ? <ReportsTab month={month} /> : <DutiesTab />,
        }))}
      />
    </div>
  );
}
