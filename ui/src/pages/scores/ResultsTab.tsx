// 考核结果: the month's results. A team lead sees their team's, supervisors and managers
// everyone's (the backend decides whose rows come back): where the month stands, publishing and
// reopening (manage_scores), the charts, the table, and per selected person their trend and a
// printable 通知单. Someone who may not choose raters (an agent) sees only their own result.
// Beside the month, 季度排名: the quarter's ranking and its top three's rewards (QuarterRanking).
import { useMemo, useState } from "react";
import { Alert, App, Button, Segmented, Space, Spin, Typography } from "antd";
import { PrinterOutlined, TableOutlined, TrophyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type ResultRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import MyResult from "./MyResult";
import PinReasonModal from "./PinReasonModal";
import PublishBar from "./PublishBar";
import QuarterRanking from "./QuarterRanking";
import ResultsCharts, { useGradeLines } from "./ResultsCharts";
import ResultsTable, { rolesText } from "./ResultsTable";
import ScoreCardPrint from "./ScoreCardPrint";

type View = "month" | "quarter";

export default function ResultsTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const { operator } = useSession();
  const [view, setView] = useState<View>("month");
  const all = operator.permissions.includes("assign_raters");
  return (
    <>
      <Segmented<View>
        value={view}
        onChange={setView}
        style={{ marginBottom: 12 }}
        data-testid="results-view"
        options={[
          { value: "month", icon: <TableOutlined />, label: <span data-testid="results-view-month">{t("scores.quarter.views.month")}</span> },
          { value: "quarter", icon: <TrophyOutlined />, label: <span data-testid="results-view-quarter">{t("scores.quarter.views.quarter")}</span> },
        ]}
      />
      {view === "quarter" ? <QuarterRanking month={month} /> : all ? <AllResults month={month} /> : <MyResult month={month} />}
    </>
  );
}

function AllResults({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { operator } = useSession();
  const { message } = App.useApp();
  const can = (p: string) => operator.permissions.some((q) => q === p);
  const canManage = can("manage_scores");

  const results = useLoad(["scoreResults", month], ["scores"], () => backend.scoreResults(month));
  const items = useLoad(["itemAverages", month], ["scores"], () => backend.itemAverages(month));
  const [selectedNo, setSelectedNo] = useState<string | null>(null);
  const trend = useLoad(["scoreTrend", selectedNo, month], ["scores"], () => (selectedNo ? backend.scoreTrend(selectedNo, month) : Promise.resolve([])));
  const [excepting, setExcepting] = useState<ResultRow | null>(null);
  const [printing, setPrinting] = useState(false);

  const data = results.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const selected = rows.find((r) => r.employee_no === selectedNo) ?? null;
  const lines = useGradeLines();

  if (!data) {
    return (
      <div data-testid="results-tab">
        {results.error ? (
          <Alert type="error" showIcon title={errorText(t, results.error)} data-testid="results-error" />
        ) : (
          <Spin spinning description={t("scores.results.loading")}>
            <div style={{ minHeight: 160 }} />
          </Spin>
        )}
      </div>
    );
  }

  return (
    <div data-testid="results-tab">
      <PublishBar results={data} canManage={canManage} onPublished={(now) => results.patch(() => now)} onChanged={results.reload} />
      {results.error ? <Alert type="error" showIcon title={errorText(t, results.error)} style={{ marginBottom: 12 }} /> : null}

      <Space wrap size={8} style={{ marginBottom: 8 }} data-testid="results-selected">
        {selected ? (
          <>
            <Typography.Text strong>{t("scores.results.selected.person", { no: selected.employee_no, name: selected.name })}</Typography.Text>
            <Button size="small" icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="print-score-card">
              {t("scores.results.selected.printCard")}
            </Button>
          </>
        ) : (
          <Typography.Text type="secondary">{t("scores.results.selected.none")}</Typography.Text>
        )}
      </Space>

      <ResultsTable
        rows={rows}
        published={data.published}
        canManage={canManage}
        selected={selectedNo}
        onSelect={(r) => setSelectedNo(r.employee_no)}
        onException={setExcepting}
      />

      <div style={{ marginTop: 16 }}>
        <ResultsCharts
          month={month}
          rows={rows}
          items={items.data}
          showItems={can("assign_raters")}
          selected={selected}
          trend={selectedNo ? trend.data : undefined}
          lines={lines}
        />
      </div>

      {selected ? (
        <ScoreCardPrint row={selected} month={month} published={data.published} open={printing} onClose={() => setPrinting(false)} />
      ) : null}

      <PinReasonModal
        open={excepting != null}
        title={excepting ? t("scores.results.exception.title", { no: excepting.employee_no, name: excepting.name }) : ""}
        okText={t("scores.results.exception.ok")}
        testId="exception-modal"
        onCancel={() => setExcepting(null)}
        onOk={async ({ reason, pin }) => {
          if (!excepting) return;
          await backend.signScoreException(month, excepting.person, reason, pin);
          void message.success(t("scores.results.exception.done", { no: excepting.employee_no, name: excepting.name }));
          setExcepting(null);
          results.reload();
        }}
      >
        {excepting ? (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t("scores.results.exception.body", { no: excepting.employee_no, name: excepting.name, missing: rolesText(t, excepting.missing) })}
          </Typography.Paragraph>
        ) : null}
      </PinReasonModal>
    </div>
  );
}
