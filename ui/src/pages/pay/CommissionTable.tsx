// One line per agent as the backend computed it: receptions, orders, sales, the tier (or the
// after-sales rate and bonus status), the published grade and its coefficient, the commission.
// Sorted, searched and filtered here; clicking a line opens its details.
import { Table, Tag, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { zhCollator } from "../../lib/format";
import type { TargetNames } from "./commissionData";
import type { CommissionRow } from "./commissionTypes";
import { C, bonusText, gradeText, schemeLabel, tierText, yuan } from "./payText";

type Props = { rows: CommissionRow[]; names: TargetNames; onOpen: (row: CommissionRow) => void };

export default function CommissionTable({ rows, names, onOpen }: Props) {
  const { t } = useTranslation();
  const tierCell = (r: CommissionRow) => {
    if (r.scheme === "after_sales" && r.after_sales)
      return t(`${C}.afterSalesTier`, { rate: r.rate_pct, bonus: bonusText(t, r.after_sales, names.label, names.bonusFen(r.team_id)) });
    return r.tier ? tierText(t, r.tier) : "—";
  };
  const columns: ColumnsType<CommissionRow> = [
    { key: "employeeNo", title: t(`${C}.col.employeeNo`), dataIndex: "employee_no", sorter: (a, b) => a.employee_no.localeCompare(b.employee_no) },
    { key: "name", title: t(`${C}.col.name`), dataIndex: "name", sorter: (a, b) => zhCollator.compare(a.name, b.name) },
    { key: "team", title: t(`${C}.col.team`), render: (_, r) => r.team_name ?? t(`${C}.noTeam`) },
    { key: "scheme", title: t(`${C}.col.scheme`), render: (_, r) => <Tag color={r.scheme === "sales" ? "blue" : "purple"}>{schemeLabel(t, r.scheme)}</Tag> },
    {
      key: "receptions",
      title: t(`${C}.col.receptions`),
      align: "right",
      sorter: (a, b) => a.valid_receptions - b.valid_receptions,
      render: (_, r) => `${r.receptions} / ${r.valid_receptions}`,
    },
    {
      key: "orders",
      title: t(`${C}.col.orders`),
      align: "right",
      sorter: (a, b) => a.orders - b.orders,
      render: (_, r) =>
        r.daily_total_days > 0 ? (
          <Tooltip title={t(`${C}.dailyDays`, { count: r.daily_total_days })}>
            <span>{r.orders}*</span>
          </Tooltip>
        ) : (
          r.orders
        ),
    },
    { key: "sales", title: t(`${C}.col.sales`), align: "right", sorter: (a, b) => a.sales_fen - b.sales_fen, render: (_, r) => yuan(r.sales_fen) },
    { key: "tier", title: t(`${C}.col.tier`), render: (_, r) => <span data-testid={`commission-tier-${r.employee_no}`}>{tierCell(r)}</span> },
    { key: "grade", title: t(`${C}.col.grade`), render: (_, r) => (r.scheme === "sales" ? gradeText(t, r.grade) : "—") },
    { key: "coefficient", title: t(`${C}.col.coefficient`), align: "right", render: (_, r) => r.coefficient ?? "—" },
    {
      key: "commission",
      title: t(`${C}.col.commission`),
      align: "right",
      defaultSortOrder: "descend",
      sorter: (a, b) => a.commission_fen - b.commission_fen,
      render: (_, r) => <strong>{yuan(r.commission_fen)}</strong>,
    },
  ];
  return (
    <Table<CommissionRow>
      data-testid="commission-table"
      rowKey="employee_no"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t(`${C}.empty`) }}
      onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: "pointer" }, "data-testid": `commission-row-${r.employee_no}` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
