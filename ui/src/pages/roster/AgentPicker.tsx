// A roster agent picker: 工号 姓名, searched by 工号, name or pinyin (the shared person search).
import { useMemo } from "react";
import { Select } from "antd";
import type { RosterAgent } from "../../backend";
import { usePersonMatcher } from "../../lib/personSearch";

export default function AgentPicker(props: {
  agents: readonly RosterAgent[];
  value?: string | null;
  onChange?: (v: string | null) => void;
  exclude?: string | null;
  allowClear?: boolean;
  /** Locked to its value (an agent asks only for themselves). */
  disabled?: boolean;
  placeholder?: string;
  testId: string;
}) {
  const matches = usePersonMatcher();
  const options = useMemo(
    () =>
      props.agents
        .filter((a) => a.employee_no !== props.exclude)
        .map((a) => ({ value: a.employee_no, label: `${a.employee_no} ${a.name}`, person: a })),
    [props.agents, props.exclude],
  );
  return (
    <Select
      data-testid={props.testId}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      disabled={props.disabled}
      placeholder={props.placeholder}
      options={options}
      showSearch={{ filterOption: (input, option) => !!option && matches(input, option.person) }}
      style={{ width: "100%" }}
    />
  );
}
