// 班组提成方案: how one team is paid — 销售提成 (tiers × grade coefficient) or 售后 (order value ×
// rate + a target bonus paid only when every target is met) — with the after-sales rate, the
// bonus in yuan and the targets, saved together; the month's actual figures are saved one by one.
import { useEffect, useState } from "react";
import { App, Button, Card, Input, Radio, Space, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type Target, type TeamScheme } from "../../backend";
import { useBusy, useReportError } from "../../lib/hooks";
import TargetsTable, { type EditTarget } from "./TargetsTable";
import { P, decimalText, parseYuan, yuanText } from "./payrollText";
import type { TargetState } from "./targetState";

type Scheme = TeamScheme["scheme"];
type Draft = { scheme: Scheme; rate: string; bonus: string; targets: EditTarget[] };

const draftOf = (s: TeamScheme): Draft => ({
  scheme: s.scheme,
  rate: s.after_sales_rate_pct,
  bonus: yuanText(s.target_bonus_fen),
  targets: s.targets.map((t) => ({ ...t, stored: true })),
});

/** A key no target of the team has yet. */
function freshKey(targets: readonly Target[]): string {
  let n = targets.length + 1;
  while (targets.some((t) => t.key === `target_${n}`)) n += 1;
  return `target_${n}`;
}

export default function TeamSchemeCard(props: { team: TeamScheme; month: string; stateOf: (t: Target) => TargetState; onSaved: () => void }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.settings.teams.${key}`, o);
  const backend = useBackend();
  const { message } = App.useApp();
  const { busy, run } = useBusy(useReportError());
  const { team } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(team));
  useEffect(() => setDraft(draftOf(team)), [team]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const editTarget = (key: string, patch: Partial<Target>) =>
    setDraft((d) => ({ ...d, targets: d.targets.map((x) => (x.key === key ? { ...x, ...patch } : x)) }));
  const afterSales = draft.scheme === "after_sales";

  const save = () => {
    const rate = afterSales ? decimalText(draft.rate) : (decimalText(draft.rate) ?? team.after_sales_rate_pct);
    if (rate === null) return void message.error(k("badRate"));
    const bonus = afterSales ? parseYuan(draft.bonus) : (parseYuan(draft.bonus) ?? team.target_bonus_fen);
    if (bonus === null) return void message.error(k("badBonus"));
    const targets: Target[] = [];
    for (const { stored: _, ...x } of draft.targets) {
      const target = decimalText(x.target);
      if (target === null) return void message.error(k("badTarget", { label: x.label_zh }));
      targets.push({ ...x, label_zh: x.label_zh.trim(), unit: x.unit.trim(), target, actual: null });
    }
    void run(async () => {
      await backend.putTeamScheme({ team_id: team.team_id, scheme: draft.scheme, after_sales_rate_pct: rate, target_bonus_fen: bonus, targets });
      void message.success(k("saved", { team: team.team_name }));
      props.onSaved();
    });
  };

  return (
    <Card size="small" type="inner" title={team.team_name} data-testid={`team-scheme-${team.team_id}`}>
      <Radio.Group value={draft.scheme} onChange={(e) => set({ scheme: e.target.value as Scheme })} data-testid={`team-scheme-kind-${team.team_id}`}>
        <Radio value="sales">{k("sales")}</Radio>
        <Radio value="after_sales">{k("afterSales")}</Radio>
      </Radio.Group>
      {afterSales ? (
        <div style={{ marginTop: 12 }}>
          <Space wrap size={16} style={{ marginBottom: 8 }}>
            <Space size={4}>
              <span>{k("rate")}</span>
              <Input style={{ width: 90 }} inputMode="decimal" suffix="%" value={draft.rate} onChange={(e) => set({ rate: e.target.value })} data-testid={`team-rate-${team.team_id}`} />
            </Space>
            <Space size={4}>
              <span>{k("bonus")}</span>
              <Input style={{ width: 120 }} inputMode="decimal" value={draft.bonus} onChange={(e) => set({ bonus: e.target.value })} data-testid={`team-bonus-${team.team_id}`} />
            </Space>
          </Space>
          <Typography.Paragraph type="secondary">{k("bonusHint")}</Typography.Paragraph>
          <Typography.Text strong>{k("targets")}</Typography.Text>
          <TargetsTable
            teamId={team.team_id}
            month={props.month}
            targets={draft.targets}
            stateOf={props.stateOf}
            onChange={editTarget}
            onRemove={(key) => set({ targets: draft.targets.filter((x) => x.key !== key) })}
            onActualSaved={props.onSaved}
          />
          <Button
            style={{ marginTop: 8 }}
            icon={<PlusOutlined />}
            onClick={() =>
              set({ targets: [...draft.targets, { key: freshKey(draft.targets), label_zh: "", unit: "", direction: "at_most", target: "0", actual: null, stored: false }] })
            }
            data-testid={`team-add-target-${team.team_id}`}
          >
            {k("addTarget")}
          </Button>
        </div>
      ) : null}
      <div style={{ marginTop: 12, textAlign: "right" }}>
        <Button type="primary" loading={busy} onClick={save} data-testid={`team-save-${team.team_id}`}>
          {k("save")}
        </Button>
      </div>
    </Card>
  );
}
