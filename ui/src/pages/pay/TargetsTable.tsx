// An after-sales team's targets (名称, 单位, 方向 ≤/≥, 目标值), edited with the scheme, and each
// stored target's figure for the month (本月实际), saved on its own (empty clears it) with where
// the target stands.
import { useEffect, useState } from "react";
import { App, Button, Input, Select, Table, Tag } from "antd";
import { DeleteOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type Target } from "../../backend";
import { useReportError } from "../../lib/hooks";
import { P, decimalText } from "./payrollText";
import { STATE_COLOUR, type TargetState } from "./targetState";

export type EditTarget = Target & { stored: boolean };

function ActualInput(props: { teamId: number; month: string; target: EditTarget; onSaved: () => void }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.settings.teams.${key}`, o);
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const stored = props.target.actual ?? "";
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);
  const commit = async () => {
    const text = value.trim();
    if (text === stored) return;
    const actual = text === "" ? null : decimalText(text);
    if (text !== "" && actual === null) return void message.error(k("badActual"));
    try {
      await backend.putAfterSalesActual(props.teamId, props.month, props.target.key, actual);
      const o = { label: props.target.label_zh, month: props.month };
      void message.success(actual === null ? k("actualCleared", o) : k("actualSaved", o));
      props.onSaved();
    } catch (e) {
      report(e);
    }
  };
  return (
    <Input
      style={{ width: 100 }}
      inputMode="decimal"
      value={value}
      disabled={!props.target.stored}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => void commit()}
      onPressEnter={() => void commit()}
      data-testid={`actual-${props.teamId}-${props.target.key}`}
    />
  );
}

export default function TargetsTable(props: {
  teamId: number;
  month: string;
  targets: EditTarget[];
  stateOf: (t: Target) => TargetState;
  onChange: (key: string, patch: Partial<Target>) => void;
  onRemove: (key: string) => void;
  onActualSaved: () => void;
}) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.settings.teams.${key}`, o);
  const id = (r: Target, field: string) => `target-${props.teamId}-${r.key}-${field}`;
  return (
    <Table<EditTarget>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={props.targets}
      columns={[
        {
          title: k("label"),
          render: (_: unknown, r) => <Input value={r.label_zh} onChange={(e) => props.onChange(r.key, { label_zh: e.target.value })} data-testid={id(r, "label")} />,
        },
        {
          title: k("unit"),
          width: 90,
          render: (_: unknown, r) => <Input value={r.unit} onChange={(e) => props.onChange(r.key, { unit: e.target.value })} data-testid={id(r, "unit")} />,
        },
        {
          title: k("direction"),
          width: 80,
          render: (_: unknown, r) => (
            <Select
              value={r.direction}
              onChange={(direction) => props.onChange(r.key, { direction })}
              options={(["at_most", "at_least"] as const).map((d) => ({ value: d, label: k(d) }))}
              data-testid={id(r, "direction")}
            />
          ),
        },
        {
          title: k("target"),
          width: 110,
          render: (_: unknown, r) => (
            <Input value={r.target} inputMode="decimal" onChange={(e) => props.onChange(r.key, { target: e.target.value })} data-testid={id(r, "target")} />
          ),
        },
        {
          title: k("actual", { month: props.month }),
          width: 120,
          render: (_: unknown, r) => <ActualInput teamId={props.teamId} month={props.month} target={r} onSaved={props.onActualSaved} />,
        },
        {
          title: k("state"),
          width: 90,
          render: (_: unknown, r) => {
            const s = props.stateOf(r);
            return (
              <Tag color={STATE_COLOUR[s]} data-testid={id(r, "state")}>
                {k(s)}
              </Tag>
            );
          },
        },
        {
          width: 50,
          render: (_: unknown, r) => (
            <Button type="text" icon={<DeleteOutlined />} aria-label={k("remove")} onClick={() => props.onRemove(r.key)} data-testid={id(r, "remove")} />
          ),
        },
      ]}
    />
  );
}
