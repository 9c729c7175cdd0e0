// 投诉分析: a range of months (the last six up to this one on the site's clock by default), the
// range's figures (total, valid, open, the complaint rate where contacts were entered), four
// charts — causes, months by cause, the top ten agents, teams with their rate — and the contacts.
import { useState } from "react";
import { Alert, Card, Col, DatePicker, Row, Statistic } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type ComplaintAnalysis } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import { CausesChart, MonthsChart } from "./CauseCharts";
import { K, lastSixMonths, rateText } from "./complaintText";
import ContactsPanel from "./ContactsPanel";
import { AgentsChart, TeamsChart } from "./PeopleCharts";

const A = `${K}.analysis`;

function Figures({ a, loading }: { a: ComplaintAnalysis | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const rate = rateText(a?.rate_bp);
  const cards = [
    { key: "total", value: a?.total },
    { key: "valid", value: a?.valid, color: "#cf1322" },
    { key: "open", value: a?.open, color: "#d46b08" },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={6}>
          <Card size="small" data-testid={`complaint-kpi-${c.key}`}>
            <Statistic title={t(`${A}.${c.key}`)} value={c.value} loading={!a && loading} styles={{ content: { color: c.color } }} />
          </Card>
        </Col>
      ))}
      <Col xs={12} md={6}>
        <Card size="small" data-testid="complaint-kpi-rate">
          <Statistic
            title={t(`${A}.rate`)}
            value={rate ?? t(`${A}.rateNone`)}
            loading={!a && loading}
            styles={{ content: rate ? undefined : { fontSize: 16, color: "rgba(0,0,0,0.45)" } }}
          />
          {a?.rate_bp != null ? <div className="fd-muted">{t(`${A}.rateHint`, { bp: a.rate_bp })}</div> : null}
        </Card>
      </Col>
    </Row>
  );
}

const CHARTS = [
  { key: "causes", Chart: CausesChart },
  { key: "months", Chart: MonthsChart },
  { key: "agents", Chart: AgentsChart },
  { key: "teams", Chart: TeamsChart },
] as const;

export default function AnalysisTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const tz = useSession().site.time_zone;
  const [[from, to], setRange] = useState<[string, string]>(() => lastSixMonths(tz));
  const analysis = useLoad(["complaints", "analysis", from, to], ["complaints", "incidents", "teams"], () => backend.complaintAnalysis(from, to));
  const a = analysis.data;
  return (
    <div data-testid="complaints-analysis">
      <div className="fd-toolbar" style={{ marginBottom: 12 }}>
        <span>{t(`${A}.range`)}</span>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          format="YYYY-MM"
          value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
          onChange={(r) => {
            if (r?.[0] && r[1]) setRange([r[0].format("YYYY-MM"), r[1].format("YYYY-MM")]);
          }}
          data-testid="complaint-analysis-range"
        />
      </div>
      {analysis.error ? <Alert type="error" showIcon title={errorText(t, analysis.error)} style={{ marginBottom: 12 }} /> : null}
      <Figures a={a} loading={analysis.loading} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {CHARTS.map(({ key, Chart }) => (
          <Col key={key} xs={24} xl={12}>
            <Card size="small" title={t(`${A}.${key}`)}>
              {a ? <Chart a={a} /> : <div style={{ height: 280 }} />}
            </Card>
          </Col>
        ))}
      </Row>
      <ContactsPanel initialMonth={to} />
    </div>
  );
}
