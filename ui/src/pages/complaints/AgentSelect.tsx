// A picker of active agents by 工号 or name (pinyin too), each shown as "1019 马超".
import { useMemo } from "react";
import { Select } from "antd";
import { usePersonMatcher } from "../../lib/personSearch";
import { useAgents } from "./complaintData";

export default function AgentSelect({
  value,
  onChange,
  placeholder,
  testId,
  width = 220,
}: {
  value?: string | null;
  onChange?: (employeeNo: string | null) => void;
  placeholder?: string;
  testId: string;
  width?: number | string;
}) {
  const agents = useAgents();
  const matches = usePersonMatcher();
  const options = useMemo(
    () =>
      (agents.data ?? []).map((a) => {
        const label = `${a.employee_no} ${a.name}`;
        return { value: a.employee_no, label, title: label, name: a.name };
      }),
    [agents.data],
  );
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: (q, o) => matches(q, { employee_no: o?.value as string, name: String(o?.name ?? "") }) }}
      placeholder={placeholder}
      value={value ?? undefined}
      loading={agents.loading && !agents.data}
      options={options}
      onChange={(v) => onChange?.(v ?? null)}
      style={{ width }}
      data-testid={testId}
    />
  );
}
