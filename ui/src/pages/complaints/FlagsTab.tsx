// 调岗提示: agents whose valid complaints within the counting period reached the set number, as
// the backend counts them (seed 000: 若被客戶有理投訴超過 5 次(含)，公司有權決定調動員工工作崗位).
// The company decides; the app moves nobody.
import type { HTMLAttributes } from "react";
import { Alert, Table, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type ComplaintFlag } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { K } from "./complaintText";

const F = `${K}.flags`;

export default function FlagsTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const flags = useLoad(["complaints", "flags"], ["complaints", "incidents", "agents", "teams"], () => backend.complaintFlags());
  const columns: TableColumnsType<ComplaintFlag> = [
    { title: t(`${F}.employeeNo`), dataIndex: "employee_no", width: 110 },
    { title: t(`${F}.name`), dataIndex: "name", width: 120 },
    { title: t(`${F}.team`), dataIndex: "team_name", render: (n: string | null) => n ?? <span className="fd-muted">—</span> },
    {
      title: t(`${F}.count`),
      dataIndex: "valid_count",
      width: 140,
      render: (n: number) => <Tag color="red">{t(`${F}.times`, { count: n })}</Tag>,
    },
    { title: t(`${F}.since`), dataIndex: "since", width: 140, render: (d: string) => formatDate(d) },
  ];
  return (
    <div data-testid="complaints-flags">
      <Alert type="info" showIcon title={t(`${F}.policy`)} description={t(`${F}.policyHow`)} style={{ marginBottom: 12 }} />
      {flags.error ? <Alert type="error" showIcon title={errorText(t, flags.error)} style={{ marginBottom: 12 }} /> : null}
      <div className="fd-panel">
        <Table<ComplaintFlag>
          size="small"
          rowKey="employee_no"
          columns={columns}
          dataSource={flags.data ?? []}
          loading={flags.loading && !flags.data}
          pagination={false}
          locale={{ emptyText: t(`${F}.empty`) }}
          onRow={(f) => ({ "data-testid": `complaint-flag-${f.employee_no}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
    </div>
  );
}
