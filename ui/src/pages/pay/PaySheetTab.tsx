// 工资表: the month's pay line of every agent (基本工资 + 提成 + 奖励 − 罚款 = 应发) as the backend
// computed it, with the totals, the rows whose deductions pass the legal cap, the agents with no
// base pay on file, the export to xlsx and each agent's printable 工资条.
import { useState } from "react";
import { Alert, App, Button, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { ExportOutlined, PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type PayRow } from "../../backend";
import { useLoad, useReportError } from "../../lib/hooks";
import { useSession } from "../../session";
import PaySlipModal from "./PaySlipModal";
import { P, moneyText, safeName } from "./payrollText";

const TOPICS = ["commission", "incidents", "agents", "scores"] as const;
const num = { align: "right" as const };

/** The totals row: a cell for the selection column, then one per column. */
function SheetSummary({ cells }: { cells: (string | null)[] }) {
  return (
    <Table.Summary.Row data-testid="pay-sheet-totals">
      {cells.map((c, i) => (
        <Table.Summary.Cell key={i} index={i} align={i >= 4 ? "right" : "left"}>
          {c === null ? null : <strong>{c}</strong>}
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

export default function PaySheetTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.sheet.${key}`, o);
  const backend = useBackend();
  const { site } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const sheet = useLoad(["payroll", "sheet", month], TOPICS, () => backend.paySheet(month));
  const [selected, setSelected] = useState<string | null>(null);
  const [slipFor, setSlipFor] = useState<string | null>(null);
  const slip = useLoad(["payroll", "slip", slipFor, month], TOPICS, () => backend.paySlip(slipFor ?? "", month), { enabled: !!slipFor });
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    const path = await backend.pickSaveFile(safeName(`${k("exportName", { site: site.name, month })}.xlsx`), [
      { name: "Excel", extensions: ["xlsx"] },
    ]);
    if (!path) return;
    setExporting(true);
    try {
      const count = await backend.exportPaySheet(month, path);
      void message.success(k("exported", { count, path }));
    } catch (e) {
      report(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<PayRow> = [
    { title: k("employeeNo"), dataIndex: "employee_no", width: 90 },
    {
      title: k("name"),
      dataIndex: "name",
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          {r.name}
          {r.base_pay_set ? null : (
            <Tag color="warning" data-testid={`pay-no-base-${r.employee_no}`}>
              {k("noBase")}
            </Tag>
          )}
          {r.line.over_cap ? (
            <Tag color="red" data-testid={`pay-over-cap-${r.employee_no}`}>
              {k("overCap", { cap: moneyText(r.line.cap_fen) })}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    { title: k("team"), dataIndex: "team_name", render: (v: string | null) => v ?? "—" },
    { title: k("base"), ...num, render: (_: unknown, r) => moneyText(r.line.base_fen) },
    { title: k("commission"), ...num, render: (_: unknown, r) => moneyText(r.line.commission_fen) },
    { title: k("rewards"), ...num, render: (_: unknown, r) => moneyText(r.line.rewards_fen) },
    { title: k("deductions"), ...num, render: (_: unknown, r) => moneyText(r.line.deductions_fen) },
    { title: k("net"), ...num, render: (_: unknown, r) => <strong>{moneyText(r.line.net_fen)}</strong> },
  ];

  const data = sheet.data;
  const rows = data?.rows ?? [];
  return (
    <div data-testid="pay-sheet">
      {data && !data.grades_published ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={k("provisional", { month })} data-testid="pay-sheet-provisional" />
      ) : null}
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 12, gap: 8, flexWrap: "wrap" }}>
        <Typography.Text type="secondary" data-testid="pay-sheet-count">
          {k("count", { count: rows.length })}
        </Typography.Text>
        <Space wrap>
          <Button
            icon={<PrinterOutlined />}
            disabled={!selected}
            title={selected ? undefined : k("pickHint")}
            onClick={() => setSlipFor(selected)}
            data-testid="pay-print-slip"
          >
            {k("printSlip")}
          </Button>
          <Button icon={<ExportOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="pay-export">
            {k("export")}
          </Button>
        </Space>
      </div>
      <Table<PayRow>
        size="small"
        rowKey="employee_no"
        columns={columns}
        dataSource={rows}
        loading={sheet.loading && !data}
        pagination={false}
        locale={{ emptyText: k("empty") }}
        rowSelection={{
          type: "radio",
          selectedRowKeys: selected ? [selected] : [],
          onChange: (keys) => setSelected((keys[0] as string | undefined) ?? null),
        }}
        onRow={(r) => ({
          onClick: (e) => {
            setSelected(r.employee_no);
            // The radio only selects; the rest of the row opens the slip.
            if ((e.target as HTMLElement).closest(".ant-table-selection-column")) return;
            setSlipFor(r.employee_no);
          },
          style: { cursor: "pointer" },
          ...{ "data-testid": `pay-row-${r.employee_no}` },
        })}
        summary={() =>
          data && rows.length ? (
            <SheetSummary
              cells={[
                null,
                k("total"),
                null,
                null,
                moneyText(data.base_fen),
                moneyText(data.commission_fen),
                moneyText(data.rewards_fen),
                moneyText(data.deductions_fen),
                moneyText(data.net_fen),
              ]}
            />
          ) : null
        }
      />
      <PaySlipModal slip={slip.data} loading={slip.loading} open={!!slipFor} onClose={() => setSlipFor(null)} />
    </div>
  );
}
