// A template's name, cycle and items, edited in one table: rows added, removed and moved, points
// whole numbers, the rater roles as three boxes. The running total shows in red until it is 100;
// whether the template may be saved (100 points, items named once, a role each, the name free)
// is the backend's call, and its refusal shows here as it comes. Saving a template whose version
// scores already use makes a new version (the note says which). An item is 手工评分 (typed by
// its raters) or 系统计算 (a formula over the month's floor records, edited and previewed in
// the row under it: FormulaField).
import { useMemo, useState } from "react";
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Segmented, Space, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type RoleSet, type ScoreCycle, type TemplateInput, type TemplateRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import FormulaField, { formulaErrorText } from "./FormulaField";

type Draft = {
  key: number;
  group: string;
  name: string;
  max_points: number | null;
  roles: RoleSet;
  computed: boolean;
  /** A computed item's formula (kept while the item is switched to 手工评分 and back). */
  formula: string;
  standard: string;
};

const ROLE_KEYS = [
  ["self_rating", "self"],
  ["superior", "superior"],
  ["peer", "peer"],
] as const;

let nextKey = 1;
const newKey = () => nextKey++;

function blankItem(group = ""): Draft {
  return { key: newKey(), group, name: "", max_points: null, roles: { self_rating: false, superior: true, peer: false }, computed: false, formula: "", standard: "" };
}

/**
 * What the editor sends: strings trimmed, an empty points cell as 0 (the backend refuses it), a
 * computed item's formula as typed (trailing space cut: a refusal's line and column stay those
 * of the text shown), none for an item typed by its raters.
 */
function templateInput(name: string, cycle: ScoreCycle, items: readonly Draft[]): TemplateInput {
  return {
    name: name.trim(),
    cycle,
    items: items.map((d) => ({
      group: d.group.trim(),
      name: d.name.trim(),
      max_points: d.max_points ?? 0,
      roles: { ...d.roles },
      computed: d.computed,
      standard: d.standard.trim(),
      formula: d.computed ? d.formula.trimEnd() : null,
    })),
  };
}

export default function TemplateEditor(props: { template: TemplateRow | null; onClose: () => void; onSaved: (saved: TemplateRow) => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { template } = props;
  const [name, setName] = useState(template?.name ?? "");
  const [cycle, setCycle] = useState<ScoreCycle>(template?.cycle ?? "monthly");
  const [items, setItems] = useState<Draft[]>(() =>
    template && template.items.length > 0
      ? template.items.map((i) => ({
          key: newKey(),
          group: i.group,
          name: i.name,
          max_points: i.max_points,
          roles: { ...i.roles },
          computed: i.computed,
          formula: i.formula ?? "",
          standard: i.standard,
        }))
      : [blankItem()],
  );
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  /** The backend's refusal of an item's formula on saving, by the item's row key. */
  const [formulaErrors, setFormulaErrors] = useState<Record<number, string>>({});
  const inputs = useLoad(["scores", "formulaInputs"], [], () => backend.scoreFormulaInputs());

  const total = useMemo(() => items.reduce((sum, i) => sum + (i.max_points ?? 0), 0), [items]);

  const change = (key: number, patch: Partial<Draft>) => {
    setItems((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
    if ("formula" in patch || "name" in patch || "computed" in patch)
      setFormulaErrors((errs) => {
        if (!(key in errs)) return errs;
        const { [key]: _gone, ...rest } = errs;
        return rest;
      });
  };
  const move = (index: number, by: -1 | 1) =>
    setItems((list) => {
      const to = index + by;
      if (to < 0 || to >= list.length) return list;
      const next = [...list];
      [next[index], next[to]] = [next[to], next[index]];
      return next;
    });

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await backend.saveScoreTemplate(template?.id ?? null, templateInput(name, cycle, items));
      void message.success(t("scores.admin.editor.saved", { name: saved.name }));
      props.onSaved(saved);
    } catch (e) {
      const err = BackendError.from(e);
      if (err.code === "scores.formula_invalid") {
        // Shown under the item's formula too (the first item of that name).
        const named = items.find((d) => d.computed && d.name.trim() === err.params.item);
        setFormulaErrors(named ? { [named.key]: formulaErrorText(t, err) } : {});
        setError(formulaErrorText(t, err));
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<Draft> = [
    {
      title: t("scores.admin.templates.group"),
      key: "group",
      width: 110,
      render: (_: unknown, d: Draft, i: number) => (
        <Input
          size="small"
          value={d.group}
          placeholder={t("scores.admin.editor.groupPlaceholder")}
          aria-label={t("scores.admin.templates.group")}
          data-testid={`item-group-${i}`}
          onChange={(e) => change(d.key, { group: e.target.value })}
        />
      ),
    },
    {
      title: t("scores.admin.templates.item"),
      key: "name",
      width: 150,
      render: (_: unknown, d: Draft, i: number) => (
        <Input
          size="small"
          value={d.name}
          placeholder={t("scores.admin.editor.itemPlaceholder")}
          aria-label={t("scores.admin.templates.item")}
          data-testid={`item-name-${i}`}
          onChange={(e) => change(d.key, { name: e.target.value })}
        />
      ),
    },
    {
      title: t("scores.admin.templates.points"),
      key: "points",
      width: 80,
      render: (_: unknown, d: Draft, i: number) => (
        <InputNumber
          size="small"
          min={1}
          max={100}
          step={1}
          precision={0}
          value={d.max_points}
          aria-label={t("scores.admin.templates.points")}
          data-testid={`item-points-${i}`}
          onChange={(v) => change(d.key, { max_points: v === null ? null : Math.round(Number(v)) })}
          style={{ width: 64 }}
        />
      ),
    },
    {
      title: t("scores.admin.templates.roles"),
      key: "roles",
      width: 190,
      render: (_: unknown, d: Draft, i: number) => (
        <Space size={4} wrap>
          {ROLE_KEYS.map(([field, word]) => (
            <Checkbox
              key={field}
              checked={d.roles[field]}
              data-testid={`item-role-${word}-${i}`}
              onChange={(e) => change(d.key, { roles: { ...d.roles, [field]: e.target.checked } })}
            >
              {t(`scores.admin.templates.roleShort.${word}`)}
            </Checkbox>
          ))}
        </Space>
      ),
    },
    {
      title: t("scores.admin.templates.kind"),
      key: "computed",
      width: 150,
      render: (_: unknown, d: Draft, i: number) => (
        <Segmented<"entered" | "computed">
          size="small"
          value={d.computed ? "computed" : "entered"}
          aria-label={t("scores.admin.templates.kind")}
          data-testid={`item-kind-${i}`}
          options={[
            { value: "entered", label: <span data-testid={`item-entered-${i}`}>{t("scores.admin.templates.entered")}</span> },
            { value: "computed", label: <span data-testid={`item-computed-${i}`}>{t("scores.admin.templates.computed")}</span> },
          ]}
          onChange={(v) => change(d.key, { computed: v === "computed" })}
        />
      ),
    },
    {
      title: t("scores.admin.templates.standard"),
      key: "standard",
      render: (_: unknown, d: Draft, i: number) => (
        <Input.TextArea
          size="small"
          autoSize={{ minRows: 1, maxRows: 4 }}
          value={d.standard}
          placeholder={t("scores.admin.editor.standardPlaceholder")}
          aria-label={t("scores.admin.templates.standard")}
          data-testid={`item-standard-${i}`}
          onChange={(e) => change(d.key, { standard: e.target.value })}
        />
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 100,
      render: (_: unknown, d: Draft, i: number) => (
        <Space size={0}>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={i === 0}
            aria-label={t("scores.admin.editor.moveUp")}
            data-testid={`item-up-${i}`}
            onClick={() => move(i, -1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={i === items.length - 1}
            aria-label={t("scores.admin.editor.moveDown")}
            data-testid={`item-down-${i}`}
            onClick={() => move(i, 1)}
          />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={items.length === 1}
            aria-label={t("scores.admin.editor.removeItem")}
            data-testid={`item-remove-${i}`}
            onClick={() => setItems((list) => list.filter((x) => x.key !== d.key))}
          />
        </Space>
      ),
    },
  ];

  return (
    <Modal
      open
      width={1100}
      title={template ? t("scores.admin.editor.titleEdit", { name: template.name }) : t("scores.admin.editor.titleNew")}
      onCancel={props.onClose}
      onOk={() => void save()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      mask={{ closable: false }}
      okButtonProps={{ ...{ "data-testid": "template-editor-save" } }}
    >
      <div data-testid="template-editor">
        {template?.in_use ? (
          <Alert type="info" showIcon title={t("scores.admin.editor.inUse", { next: template.version + 1 })} style={{ marginBottom: 12 }} data-testid="template-editor-in-use" />
        ) : null}
        <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item label={t("scores.admin.templates.name")} required>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t("scores.admin.editor.namePlaceholder")}
              style={{ width: 280 }}
              data-testid="template-name"
            />
          </Form.Item>
          <Form.Item label={t("scores.admin.templates.cycle")}>
            <Radio.Group value={cycle} onChange={(e) => setCycle(e.target.value as ScoreCycle)} data-testid="template-cycle">
              <Radio.Button value="monthly" data-testid="template-cycle-monthly">
                {t("scores.admin.templates.cycles.monthly")}
              </Radio.Button>
              <Radio.Button value="quarterly" data-testid="template-cycle-quarterly">
                {t("scores.admin.templates.cycles.quarterly")}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        </Form>
        <Table<Draft>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={items}
          pagination={false}
          data-testid="template-items"
          expandable={{
            showExpandColumn: false,
            expandedRowKeys: items.filter((d) => d.computed).map((d) => d.key),
            rowExpandable: (d) => d.computed,
            expandedRowRender: (d, i) => (
              <FormulaField
                index={i}
                itemName={d.name.trim() || t("scores.admin.editor.itemN", { n: i + 1 })}
                formula={d.formula}
                maxPoints={d.max_points}
                inputs={inputs.data ?? []}
                inputsError={inputs.error}
                onChange={(formula) => change(d.key, { formula })}
                saveError={formulaErrors[d.key] ?? null}
              />
            ),
          }}
        />
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginTop: 8 }}>
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            data-testid="template-add-item"
            onClick={() => setItems((list) => [...list, blankItem(list[list.length - 1]?.group ?? "")])}
          >
            {t("scores.admin.editor.addItem")}
          </Button>
          <Typography.Text strong type={total === 100 ? "success" : "danger"} title={t("scores.admin.editor.totalHint")} data-testid="template-total">
            {t("scores.admin.editor.total", { total })}
          </Typography.Text>
        </div>
        {error ? <Alert type="error" showIcon title={typeof error === "string" ? error : errorText(t, error)} style={{ marginTop: 12 }} data-testid="template-editor-error" /> : null}
      </div>
    </Modal>
  );
}
