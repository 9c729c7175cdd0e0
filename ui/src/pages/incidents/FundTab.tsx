// 部门活动经费 in a month: the opening balance, fines in, rewards out, deposits, payouts and the
// closing balance as the backend sums them (fines and rewards from the ledger's lines in force),
// the month's entries, a small chart of in and out, and — with confirm_incidents — a payout
// (团队聚餐) or a deposit entered with its amount (yuan → fen) and note. Entries never change.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Statistic, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import Chart, { type ChartOption } from "../../components/Chart";
import { useBackend, type FundEntry, type FundEntryKind, type FundStatement } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad, useBusy } from "../../lib/hooks";
import { siteDateTime } from "./incidentText";
import { useCan, useSession } from "../../session";
import { fenToYuan, money, yuanToFen } from "./bookText";

const K = "incidents.book.fund";

type Values = { kind: FundEntryKind; amount: number | null; note: string };

const CARDS: { key: keyof FundStatement; label: string; color?: string }[] = [
  { key: "opening_fen", label: "opening" },
  { key: "fines_in_fen", label: "finesIn", color: "#389e0d" },
  { key: "rewards_out_fen", label: "rewardsOut", color: "#cf1322" },
  { key: "deposits_fen", label: "deposits", color: "#389e0d" },
  { key: "payouts_fen", label: "payouts", color: "#cf1322" },
  { key: "closing_fen", label: "closing" },
];

function FundChart({ s }: { s: FundStatement }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const bars = [
      { name: t(`${K}.finesIn`), fen: s.fines_in_fen, color: "#52c41a" },
      { name: t(`${K}.deposits`), fen: s.deposits_fen, color: "#95de64" },
      { name: t(`${K}.rewardsOut`), fen: s.rewards_out_fen, color: "#ff4d4f" },
      { name: t(`${K}.payouts`), fen: s.payouts_fen, color: "#ff7875" },
    ];
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 12, top: 16, bottom: 28 },
      xAxis: { type: "category", data: bars.map((b) => b.name), axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: "¥" },
      series: [
        {
          type: "bar",
          data: bars.map((b) => ({ value: fenToYuan(b.fen), itemStyle: { color: b.color } })),
          label: { show: true, position: "top", formatter: (p: { value: number }) => p.value.toFixed(2) },
        },
      ],
    };
  }, [s, t]);
  const summary = t(`${K}.chartSummary`, {
    month: s.month,
    finesIn: money(t, s.fines_in_fen),
    deposits: money(t, s.deposits_fen),
    rewardsOut: money(t, s.rewards_out_fen),
    payouts: money(t, s.payouts_fen),
    closing: money(t, s.closing_fen),
  });
  return <Chart option={option} height={200} summary={summary} testId="fund-chart" />;
}

function AddEntry({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const { busy, run } = useBusy(setError);
  const submit = async (v: Values) => {
    setError(null);
    await run(async () => {
      const fen = yuanToFen(v.amount);
      await backend.addFundEntry(v.kind, fen, v.note.trim());
      void message.success(t(`${K}.added`, { kind: t(`${K}.kinds.${v.kind}`), money: money(t, fen) }));
      form.resetFields();
      onAdded();
    });
  };
  return (
    <Card size="small" title={t(`${K}.add`)} data-testid="fund-add">
      <Form<Values> form={form} layout="inline" initialValues={{ kind: "payout", amount: null, note: "" }} onFinish={(v) => void submit(v)} style={{ rowGap: 8 }}>
        <Form.Item name="kind">
          <Radio.Group data-testid="fund-kind">
            <Radio.Button value="payout" data-testid="fund-kind-payout">
              {t(`${K}.kinds.payout`)}
            </Radio.Button>
            <Radio.Button value="deposit" data-testid="fund-kind-deposit">
              {t(`${K}.kinds.deposit`)}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="amount"
          label={t(`${K}.amountYuan`)}
          rules={[{ required: true, type: "number", min: 0.01, message: t(`${K}.amountRequired`) }]}
        >
          <InputNumber<number> min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: 160 }} data-testid="fund-amount" />
        </Form.Item>
        <Form.Item name="note" label={t(`${K}.note`)} rules={[{ required: true, whitespace: true, message: t(`${K}.noteRequired`) }]}>
          <Input placeholder={t(`${K}.notePlaceholder`)} style={{ width: 260 }} data-testid="fund-note" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="fund-submit">
            {t(`${K}.submit`)}
          </Button>
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(t, error)} style={{ marginTop: 8 }} data-testid="fund-error" /> : null}
    </Card>
  );
}

export function FundTab({ month }: { month: string }) {
  const timeZone = useSession().site.time_zone;
  const { t } = useTranslation();
  const backend = useBackend();
  const canConfirm = useCan("confirm_incidents");
  const fund = useLoad(["incidents", "fund", month], ["incidents"], () => backend.fundStatement(month));
  const s = fund.data;

  const columns: TableColumnsType<FundEntry> = [
    { title: t(`${K}.at`), dataIndex: "at", width: 160, render: (at: string) => siteDateTime(at, timeZone) },
    {
      title: t(`${K}.kind`),
      dataIndex: "kind",
      width: 80,
      render: (k: FundEntryKind) => <Tag color={k === "deposit" ? "green" : "volcano"}>{t(`${K}.kinds.${k}`)}</Tag>,
    },
    {
      title: t(`${K}.amount`),
      dataIndex: "amount_fen",
      width: 120,
      align: "right",
      render: (fen: number, e: FundEntry) => (e.kind === "payout" ? `−${money(t, fen)}` : money(t, fen)),
    },
    { title: t(`${K}.note`), dataIndex: "note" },
    { title: t(`${K}.by`), dataIndex: "by_name", width: 120 },
  ];

  return (
    <div data-testid="fund-tab">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t(`${K}.title`)} · {month}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${K}.intro`)}</Typography.Paragraph>
      {fund.error ? <Alert type="error" showIcon title={errorText(t, fund.error)} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {CARDS.map((c) => {
          const fen = s ? (s[c.key] as number) : undefined;
          const strong = c.key === "closing_fen" || c.key === "opening_fen";
          return (
            <Col key={c.key} xs={12} md={8} xl={4}>
              <Card size="small" data-testid={`fund-${c.label}`}>
                <Statistic
                  title={t(`${K}.${c.label}`)}
                  value={fen === undefined ? undefined : fenToYuan(fen)}
                  precision={2}
                  prefix="¥"
                  loading={!s && fund.loading}
                  styles={{ content: { color: c.color ?? (strong && fen !== undefined && fen < 0 ? "#cf1322" : undefined), fontWeight: strong ? 600 : undefined } }}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t(`${K}.chart`)}>
            {s ? <FundChart s={s} /> : <div style={{ height: 200 }} />}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t(`${K}.entries`)}>
            <Table<FundEntry>
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={s?.entries ?? []}
              loading={fund.loading && !s}
              pagination={false}
              locale={{ emptyText: t(`${K}.empty`) }}
              onRow={(e) => ({ "data-testid": `fund-entry-${e.id}` }) as HTMLAttributes<HTMLElement>}
            />
          </Card>
        </Col>
      </Row>
      {canConfirm ? <AddEntry onAdded={fund.reload} /> : null}
    </div>
  );
}
