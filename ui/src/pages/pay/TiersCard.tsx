// 提成档位表: from which monthly sales (yuan) which rate (%) applies, as a table one edits and
// saves whole from a month on. Yuan are read as text to fen (50,000.00 → 5000000), rates are sent
// as the decimal strings typed: nothing goes through a float.
import { useEffect, useState } from "react";
import { App, Button, Card, Input, Space, Table, Tag, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type CommissionSettings } from "../../backend";
import { useBusy, useReportError } from "../../lib/hooks";
import EffectiveMonth from "./EffectiveMonth";
import { P, decimalText, parseYuan, yuanText } from "./payrollText";

type Row = { id: number; from: string; rate: string };
type Tier = CommissionSettings["tiers"][number];

/** The product's defaults stand from this month (no table entered yet). */
const DEFAULTS_FROM = "2000-01";

let nextId = 1;
const rowsOf = (tiers: readonly Tier[]): Row[] => tiers.map((t) => ({ id: nextId++, from: yuanText(t.from_fen), rate: t.rate_pct }));

export default function TiersCard({ settings, month, onSaved }: { settings: CommissionSettings; month: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.settings.tiers.${key}`, o);
  const backend = useBackend();
  const { message } = App.useApp();
  const { busy, run } = useBusy(useReportError());
  const [rows, setRows] = useState<Row[]>(() => rowsOf(settings.tiers));
  const [from, setFrom] = useState(month);
  useEffect(() => setRows(rowsOf(settings.tiers)), [settings.tiers]);
  useEffect(() => setFrom(month), [month]);

  const edit = (id: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  const save = () => {
    const tiers: Tier[] = [];
    for (const [i, r] of rows.entries()) {
      const fen = parseYuan(r.from);
      if (fen === null) return void message.error(k("badYuan", { n: i + 1 }));
      const rate = decimalText(r.rate);
      if (rate === null) return void message.error(k("badRate", { n: i + 1 }));
      tiers.push({ from_fen: fen, rate_pct: rate });
    }
    void run(async () => {
      await backend.putCommissionTiers(from, tiers);
      void message.success(k("saved", { month: from }));
      onSaved();
    });
  };

  return (
    <Card
      size="small"
      title={k("title")}
      data-testid="tiers-card"
      extra={
        settings.tiers_from === DEFAULTS_FROM ? (
          <Tag color="gold" data-testid="tiers-default-note">
            {k("defaultNote")}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{k("inForce", { month: settings.tiers_from })}</Typography.Text>
        )
      }
    >
      <Typography.Paragraph type="secondary">{k("hint")}</Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: k("from"),
            render: (_: unknown, r, i) => (
              <Input value={r.from} inputMode="decimal" onChange={(e) => edit(r.id, { from: e.target.value })} data-testid={`tier-from-${i}`} />
            ),
          },
          {
            title: k("rate"),
            render: (_: unknown, r, i) => (
              <Input value={r.rate} inputMode="decimal" suffix="%" onChange={(e) => edit(r.id, { rate: e.target.value })} data-testid={`tier-rate-${i}`} />
            ),
          },
          {
            width: 60,
            render: (_: unknown, r, i) => (
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={k("remove")}
                onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}
                data-testid={`tier-remove-${i}`}
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12, width: "100%", justifyContent: "space-between" }} wrap>
        <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { id: nextId++, from: "", rate: "" }])} data-testid="tier-add">
          {k("add")}
        </Button>
        <Space wrap>
          <EffectiveMonth value={from} onChange={setFrom} testId="tiers-from-month" />
          <Button type="primary" loading={busy} onClick={save} data-testid="tiers-save">
            {k("save")}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
