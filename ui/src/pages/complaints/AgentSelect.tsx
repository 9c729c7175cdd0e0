// Pickers of active agents by 工号 or name (pinyin too), each shown as "1019 马超": one agent, or
// several (who must attend a meeting).
import { useMemo } from "react";
import { Select } from "antd";
import { usePersonMatcher } from "../../lib/personSearch";
import { useAgents } from "./complaintData";

type Option = { value: string; label: string; title: string; name: string };

function useAgentOptions() {
  const agents = useAgents();
  const matches = usePersonMatcher();
  const options = useMemo<Option[]>(
    () =>
      (agents.data ?? []).map((a) => {
        const label = `${a.employee_no} ${a.name}`;
        return { value: a.employee_no, label, title: label, name: a.name };
      }),
    [agents.data],
  );
  const filterOption = (q: string, o?: Option) => matches(q, { employee_no: o?.value ?? "", name: o?.name ?? "" });
  return { options, filterOption, loading: agents.loading && !agents.data };
}

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
  const { options, filterOption, loading } = useAgentOptions();
  return (
    <Select<string, Option>
      allowClear
      showSearch={{ filterOption }}
      placeholder={placeholder}
      value={value ?? undefined}
      loading={loading}
      options={options}
      onChange={(v) => onChange?.(v ?? null)}
      style={{ width }}
      data-testid={testId}
    />
  );
}

export function AgentsSelect({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value?: string[];
  onChange?: (employeeNos: string[]) => void;
  placeholder?: string;
  testId: string;
}) {
  const { options, filterOption, loading } = useAgentOptions();
  return (
    <Select<string[], Option>
      mode="multiple"
      allowClear
      showSearch={{ filterOption }}
      placeholder={placeholder}
      value={value ?? []}
      loading={loading}
      options={options}
      onChange={(v) => onChange?.(v)}
      style={{ width: "100%" }}
      data-testid={testId}
    />
  );
}
