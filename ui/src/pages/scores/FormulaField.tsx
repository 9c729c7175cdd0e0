// A computed item's formula in the template editor: the text (monospace), the inputs it may name
// grouped by where they come from (a click inserts the name at the cursor), and 预览: what the
// formula gives everyone assessed last month, as the backend computes it. Whether the formula
// parses, what each input counts and the clamping to 0–max are the backend's; a refusal shows
// here with its line and column, and the caret goes there.
import { useMemo, useRef, useState, type HTMLAttributes } from "react";
import { Button, Empty, Input, Popover, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea";
import { FunctionOutlined, PlayCircleOutlined } from "@ant-design/icons";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type FormulaInput, type FormulaPreviewRow, type InputSource } from "../../backend";
import { errorText } from "../../lib/errors";
import { useSession } from "../../session";
import { defaultScoreMonth } from "./MonthPicker";
import { formatPoints, inputLabel, inputValueText } from "./scoreGrid";

/** The editor's order of the sources (as the picker groups them). */
export const SOURCES: readonly InputSource[] = ["attendance", "alerts", "incidents", "complaints", "meetings", "spot_checks"];

/** A formula refusal in the user's words: with its line and column, or without when it has none. */
export function formulaErrorText(t: TFunction, error: unknown): string {
  const e = BackendError.from(error);
  if (e.code === "scores.formula_invalid" && (e.params.line ?? "0") === "0") {
    return t("scores.admin.formula.invalidNoPlace", { item: e.params.item ?? "", reason: e.params.reason ?? e.message });
  }
  return errorText(t, e);
}

/** Where line `line`, column `column` (1-based) is in `text`, clamped to the text. */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  let at = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length - 1); i++) at += lines[i].length + 1;
  return Math.max(0, Math.min(text.length, at + Math.max(0, column - 1)));
}

type Preview = { month: string; formula: string; rows: FormulaPreviewRow[] };

type Props = {
  /** The item's row in the editor (for test ids). */
  index: number;
  /** The item's name as the backend's words name it. */
  itemName: string;
  formula: string;
  maxPoints: number | null;
  inputs: readonly FormulaInput[];
  inputsError: unknown;
  onChange: (formula: string) => void;
  /** The backend's refusal of this formula when the template was saved. */
  saveError: string | null;
};

export default function FormulaField({ index, itemName, formula, maxPoints, inputs, inputsError, onChange, saveError }: Props) {
  const { t, i18n } = useTranslation();
  const backend = useBackend();
  const zone = useSession().site.time_zone;
  const ref = useRef<TextAreaRef>(null);
  /** Where the caret was last (null: never in the text, so an input goes at the end). */
  const caret = useRef<{ start: number; end: number } | null>(null);
  const [picking, setPicking] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const byName = useMemo(() => new Map(inputs.map((i) => [i.name, i])), [inputs]);
  const month = defaultScoreMonth(zone);

  const textArea = () => ref.current?.resizableTextArea?.textArea ?? null;
  const remember = () => {
    const el = textArea();
    if (el) caret.current = { start: el.selectionStart, end: el.selectionEnd };
  };
  const placeCaret = (start: number, end = start) =>
    setTimeout(() => {
      const el = textArea();
      if (!el) return;
      el.focus({ preventScroll: true });
      el.setSelectionRange(start, end);
      caret.current = { start, end };
    }, 0);

  const insert = (name: string) => {
    const { start, end } = caret.current ?? { start: formula.length, end: formula.length };
    onChange(formula.slice(0, start) + name + formula.slice(end));
    setPicking(false);
    setError(null);
    placeCaret(start + name.length);
  };

  const run = async () => {
    if (maxPoints === null) return;
    setRunning(true);
    setError(null);
    try {
      const rows = await backend.previewScoreFormula(itemName, formula, maxPoints, month);
      // Who the formula costs most comes first: failures, then the fewest points, then 工号.
      const points = (r: FormulaPreviewRow) => r.score.points ?? -1;
      rows.sort((a, b) => points(a) - points(b) || a.employee_no.localeCompare(b.employee_no));
      setPreview({ month, formula, rows });
    } catch (e) {
      const err = BackendError.from(e);
      setPreview(null);
      setError(formulaErrorText(t, err));
      const line = Number(err.params.line ?? 0);
      if (err.code === "scores.formula_invalid" && line > 0) placeCaret(offsetOf(formula, line, Number(err.params.column ?? 1)));
    } finally {
      setRunning(false);
    }
  };

  const shownError = error ?? saveError;
  const blocked = formula.trim() === "" ? t("scores.admin.formula.needFormula") : maxPoints === null ? t("scores.admin.formula.needPoints") : null;

  const picker = (
    <div style={{ width: 460, maxHeight: 360, overflowY: "auto" }} data-testid={`formula-inputs-${index}`}>
      {inputsError ? (
        <Typography.Text type="danger">{t("scores.admin.formula.inputsFailed", { error: errorText(t, inputsError) })}</Typography.Text>
      ) : (
        SOURCES.map((source) => {
          const list = inputs.filter((i) => i.source === source);
          if (list.length === 0) return null;
          return (
            <div key={source} style={{ marginBottom: 8 }} data-testid={`formula-source-${source}`}>
              <div className="fd-muted" style={{ fontSize: 12, marginBottom: 4 }}>
                {t(`scores.admin.formula.sources.${source}`)}
              </div>
              <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
                {list.map((i) => (
                  <Button
                    key={i.name}
                    size="small"
                    title={i.name}
                    data-testid={`formula-input-${index}-${i.name}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => insert(i.name)}
                  >
                    {inputLabel(i, i.name, i18n.language)}
                  </Button>
                ))}
              </div>
            </div>
          );
        })
      )}
    </div>
  );

  return (
    <div className="fd-formula" data-testid={`formula-block-${index}`}>
      <div style={{ display: "flex", gap: 12, alignItems: "flex-start" }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Input.TextArea
            ref={ref}
            className="fd-mono"
            autoSize={{ minRows: 2, maxRows: 6 }}
            spellCheck={false}
            value={formula}
            status={shownError ? "error" : undefined}
            placeholder={t("scores.admin.formula.placeholder")}
            aria-label={t("scores.admin.formula.label")}
            aria-invalid={!!shownError || undefined}
            data-testid={`formula-${index}`}
            onChange={(e) => {
              onChange(e.target.value);
              caret.current = { start: e.target.selectionStart, end: e.target.selectionEnd };
              if (error) setError(null);
            }}
            onSelect={remember}
            onKeyUp={remember}
            onClick={remember}
          />
          {shownError ? (
            <Typography.Text type="danger" style={{ display: "block", marginTop: 4 }} data-testid={`formula-error-${index}`}>
              {shownError}
            </Typography.Text>
          ) : (
            <div className="fd-muted" style={{ fontSize: 12, marginTop: 4 }}>
              {t("scores.admin.formula.hint", { max: maxPoints ?? "max" })}
            </div>
          )}
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
          <Popover
            trigger="click"
            placement="bottomRight"
            open={picking}
            onOpenChange={setPicking}
            title={t("scores.admin.formula.insertTitle")}
            content={picker}
          >
            <Button icon={<FunctionOutlined />} data-testid={`formula-insert-${index}`}>
              {t("scores.admin.formula.insert")}
            </Button>
          </Popover>
          <Tooltip title={blocked ?? t("scores.admin.formula.previewHint", { month })}>
            <Button
              icon={<PlayCircleOutlined />}
              loading={running}
              disabled={!!blocked}
              data-testid={`formula-preview-${index}`}
              onClick={() => void run()}
            >
              {t("scores.admin.formula.preview")}
            </Button>
          </Tooltip>
        </div>
      </div>
      {preview ? <PreviewTable index={index} preview={preview} stale={preview.formula !== formula} maxPoints={maxPoints} byName={byName} /> : null}
    </div>
  );
}

function PreviewTable({
  index,
  preview,
  stale,
  maxPoints,
  byName,
}: {
  index: number;
  preview: Preview;
  stale: boolean;
  maxPoints: number | null;
  byName: Map<string, FormulaInput>;
}) {
  const { t, i18n } = useTranslation();
  const { rows, month } = preview;
  // The inputs the formula named: the same for every row.
  const used = rows[0]?.score.inputs.map((i) => i.name) ?? [];
  const scored = rows.flatMap((r) => (r.score.points === null ? [] : [r.score.points]));
  const failed = rows.length - scored.length;
  const mean = scored.length > 0 ? Math.round(scored.reduce((a, b) => a + b, 0) / scored.length) : null;
  const full = maxPoints === null ? 0 : scored.filter((p) => p === maxPoints * 100).length;
  const zero = scored.filter((p) => p === 0).length;

  const columns: TableColumnsType<FormulaPreviewRow> = [
    { title: t("scores.admin.formula.employeeNo"), dataIndex: "employee_no", width: 80, render: (no: string) => <span className="fd-roster-no">{no}</span> },
    { title: t("scores.admin.formula.name"), dataIndex: "name", width: 90 },
    ...used.map((name) => ({
      title: (
        <Tooltip title={<span className="fd-mono">{name}</span>}>
          <span>{inputLabel(byName.get(name), name, i18n.language)}</span>
        </Tooltip>
      ),
      key: `in-${name}`,
      align: "right" as const,
      render: (_: unknown, r: FormulaPreviewRow) => inputValueText(r.score.inputs.find((v) => v.name === name)?.value ?? null),
    })),
    {
      title: t("scores.admin.formula.score"),
      key: "score",
      width: 150,
      align: "right",
      render: (_: unknown, r: FormulaPreviewRow) =>
        r.score.points === null ? (
          <Typography.Text type="danger" data-testid={`formula-preview-failed-${r.employee_no}`}>
            {t("scores.admin.formula.failed", { error: r.score.error ?? "" })}
          </Typography.Text>
        ) : (
          <Typography.Text strong>{formatPoints(r.score.points)}</Typography.Text>
        ),
    },
  ];

  return (
    <div style={{ marginTop: 8, opacity: stale ? 0.55 : 1 }} data-testid={`formula-preview-result-${index}`}>
      <div className="fd-muted" style={{ fontSize: 12, marginBottom: 4 }} data-testid={`formula-preview-summary-${index}`}>
        {rows.length === 0
          ? null
          : t("scores.admin.formula.result", { month, count: rows.length, mean: mean === null ? "—" : formatPoints(mean), full, zero }) +
            (failed > 0 ? t("scores.admin.formula.failedCount", { count: failed }) : "")}
        {stale ? <Typography.Text type="warning" style={{ marginInlineStart: 8, fontSize: 12 }}>{t("scores.admin.formula.stale")}</Typography.Text> : null}
      </div>
      <Table<FormulaPreviewRow>
        size="small"
        rowKey="employee_no"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 8 ? { pageSize: 8, size: "small", showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("scores.admin.formula.empty", { month })} /> }}
        data-testid={`formula-preview-table-${index}`}
        onRow={(r) => ({ "data-testid": `formula-preview-row-${r.employee_no}` }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
