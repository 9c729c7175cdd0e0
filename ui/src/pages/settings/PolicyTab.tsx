import { useMemo, useState } from "react";
import { Alert, App, Button, Collapse, Empty, Input, InputNumber, Select, Skeleton, Table, Tag, Typography } from "antd";
import type { CollapseProps, TableColumnsType } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useBackend, type PolicyArea, type PolicySetting } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDateTime, isBeginningOfTime, unitLabel, weekdayLabel } from "../../lib/format";
import { useLoad, useReportError } from "../../lib/hooks";

/**
 * The order the areas are shown in: the order of a supervisor's day (the live floor first, pay
 * last). Typed over every `PolicyArea`, so an area the backend adds fails the build until placed.
 */
const AREA_ORDER: Record<PolicyArea, number> = {
  live_floor: 0,
  rosters: 1,
  handover: 2,
  incidents: 3,
  scores: 4,
  commission: 5,
};

/** Money is kept in fen; people edit yuan. */
function toDisplay(p: PolicySetting, v: number): number {
  return p.unit === "fen" ? v / 100 : v;
}
function fromDisplay(p: PolicySetting, v: number): number {
  return p.unit === "fen" ? Math.round(v * 100) : Math.round(v);
}
function showValue(t: TFunction, p: PolicySetting, v: number): string {
  if (p.unit === "weekday") return weekdayLabel(t, v);
  const shown = p.unit === "fen" ? (v / 100).toFixed(2) : String(v);
  const unit = unitLabel(t, p.unit);
  return p.unit === "percent" || !unit ? `${shown}${unit}` : `${shown} ${unit}`;
}

function areaLabel(t: TFunction, area: string): string {
  return t(`settings.areas.${area}`, { defaultValue: area });
}

/** Whether `p` matches the (already lower-cased, trimmed) search: either label or the key. */
function matches(p: PolicySetting, needle: string): boolean {
  if (!needle) return true;
  return [p.label_zh, p.label_en, p.key].some((s) => s.toLowerCase().includes(needle));
}

type Section = { area: string; all: number; shown: PolicySetting[] };

/** The settings grouped by area, in `AREA_ORDER` (an area unknown to this build goes last). */
function sections(policy: PolicySetting[], needle: string): Section[] {
  const byArea = new Map<string, PolicySetting[]>();
  for (const p of policy) {
    const list = byArea.get(p.area);
    if (list) list.push(p);
    else byArea.set(p.area, [p]);
  }
  const rank = (a: string) => AREA_ORDER[a as PolicyArea] ?? Number.MAX_SAFE_INTEGER;
  return [...byArea.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([area, all]) => ({ area, all: all.length, shown: all.filter((p) => matches(p, needle)) }))
    .filter((s) => s.shown.length > 0);
}

export default function PolicyTab() {
  const { t, i18n } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const policy = useLoad(["policy"], ["settings"], () => backend.listPolicy());
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  // Panels the user folded; a new search unfolds everything, so no match hides in a folded panel.
  const [folded, setFolded] = useState<string[]>([]);
  const en = i18n.language === "en";

  const needle = search.trim().toLowerCase();
  const shown = useMemo(() => sections(policy.data ?? [], needle), [policy.data, needle]);
  const total = policy.data?.length ?? 0;
  const matched = shown.reduce((n, s) => n + s.shown.length, 0);

  const save = async (p: PolicySetting) => {
    const draft = drafts[p.key];
    if (draft === undefined || draft === null) return;
    setSaving(p.key);
    try {
      const saved = await backend.setPolicy(p.key, fromDisplay(p, draft));
      void message.success(t("settings.policySaved", { label: en ? saved.label_en : saved.label_zh }));
      setDrafts(({ [p.key]: _, ...rest }) => rest);
      policy.reload();
    } catch (e) {
      report(e);
    } finally {
      setSaving(null);
    }
  };

  const columns: TableColumnsType<PolicySetting> = [
    {
      title: t("settings.policyLabel"),
      key: "label",
      render: (_: unknown, p: PolicySetting) => (
        <div>
          <div>{en ? p.label_en : p.label_zh}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.key}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t("settings.policyValue"),
      key: "value",
      width: 230,
      render: (_: unknown, p: PolicySetting) => {
        const fen = p.unit === "fen";
        const draft = drafts[p.key];
        if (p.unit === "weekday")
          return (
            <Select<number>
              data-testid={`policy-input-${p.key}`}
              value={draft ?? p.value}
              style={{ width: 200 }}
              options={Array.from({ length: p.max - p.min + 1 }, (_, i) => p.min + i).map((n) => ({ value: n, label: weekdayLabel(t, n) }))}
              onChange={(v) => setDrafts((d) => ({ ...d, [p.key]: v }))}
            />
          );
        return (
          <InputNumber<number>
            data-testid={`policy-input-${p.key}`}
            value={draft !== undefined ? draft : toDisplay(p, p.value)}
            min={toDisplay(p, p.min)}
            max={toDisplay(p, p.max)}
            precision={fen ? 2 : 0}
            step={1}
            suffix={p.unit === "percent" ? "%" : unitLabel(t, p.unit)}
            style={{ width: 200 }}
            onChange={(v) => setDrafts((d) => ({ ...d, [p.key]: v }))}
            onPressEnter={() => void save(p)}
          />
        );
      },
    },
    {
      title: t("settings.policyDefault"),
      key: "default",
      width: 140,
      render: (_: unknown, p: PolicySetting) => (
        <span className={p.value === p.default_value ? "fd-muted" : undefined}>{showValue(t, p, p.default_value)}</span>
      ),
    },
    {
      title: t("settings.policyEffective"),
      dataIndex: "effective_from",
      width: 170,
      render: (d: string) =>
        isBeginningOfTime(d) ? <span className="fd-muted">{t("settings.policySinceStart")}</span> : formatDateTime(d),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 90,
      render: (_: unknown, p: PolicySetting) => {
        const draft = drafts[p.key];
        const changed = draft !== undefined && draft !== null && fromDisplay(p, draft) !== p.value;
        return (
          <Button
            size="small"
            type={changed ? "primary" : "default"}
            disabled={!changed}
            loading={saving === p.key}
            data-testid={`policy-save-${p.key}`}
            onClick={() => void save(p)}
          >
            {t("common.save")}
          </Button>
        );
      },
    },
  ];

  const items: CollapseProps["items"] = shown.map((s) => ({
    key: s.area,
    // The panel's root element takes the rest of the item's props.
    ...{ "data-testid": `policy-area-${s.area}` },
    label: (
      <span data-testid={`policy-area-title-${s.area}`}>
        <Typography.Text strong>{areaLabel(t, s.area)}</Typography.Text>
        <Tag variant="filled" style={{ marginInlineStart: 8 }} data-testid={`policy-area-count-${s.area}`}>
          {needle ? `${s.shown.length} / ${s.all}` : s.all}
        </Tag>
      </span>
    ),
    children: (
      <Table<PolicySetting>
        size="small"
        rowKey="key"
        tableLayout="fixed"
        columns={columns}
        dataSource={s.shown}
        pagination={false}
      />
    ),
  }));
  const open = shown.map((s) => s.area).filter((a) => !folded.includes(a));
  const allFolded = shown.length > 0 && open.length === 0;

  let body;
  if (!policy.data) {
    body = policy.error ? (
      <Alert type="error" showIcon title={errorText(t, policy.error)} data-testid="policy-error" />
    ) : (
      <Skeleton active paragraph={{ rows: 8 }} />
    );
  } else if (shown.length === 0) {
    body = (
      <Empty
        data-testid="policy-empty"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={needle ? t("settings.policyNoMatch", { search: search.trim() }) : t("settings.policyNone")}
      />
    );
  } else {
    body = (
      <Collapse
        size="small"
        items={items}
        activeKey={open}
        onChange={(keys) => setFolded(shown.map((s) => s.area).filter((a) => !keys.includes(a)))}
        styles={{ body: { padding: 0 } }}
      />
    );
  }

  return (
    <>
      <Alert type="warning" showIcon title={t("settings.policyNote")} style={{ marginBottom: 10 }} data-testid="policy-note" />
      <div className="fd-toolbar">
        <Input
          data-testid="policy-search"
          prefix={<SearchOutlined />}
          placeholder={t("settings.policySearch")}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setFolded([]);
          }}
          style={{ width: 280 }}
        />
        <span className="fd-toolbar-spacer" />
        <span className="fd-count" data-testid="policy-count">
          {needle ? t("settings.policyMatched", { count: matched, total }) : t("settings.policyCount", { count: total })}
        </span>
        <Button
          size="small"
          type="link"
          disabled={shown.length === 0}
          data-testid="policy-fold-all"
          onClick={() => setFolded(allFolded ? [] : shown.map((s) => s.area))}
        >
          {allFolded ? t("settings.policyUnfoldAll") : t("settings.policyFoldAll")}
        </Button>
      </div>
      <div data-testid="policy-table">{body}</div>
    </>
  );
}
