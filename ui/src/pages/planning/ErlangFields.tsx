// Erlang C's inputs besides the contacts: average handling time, the service level (SL % within
// N seconds) and shrinkage, each checked as typed (a field out of range says so under it), and
// 计算, which asks the backend for the agents per half hour.
import { memo } from "react";
import { Button, Form, InputNumber, Space, Tooltip } from "antd";
import { CalculatorOutlined, QuestionCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ErlangFields as Fields } from "./slots";

type Field = keyof Fields;

/** The fields that do not hold an acceptable value; `all` also names the empty ones. */
export function fieldErrors(f: Fields, all: boolean): Partial<Record<Field, true>> {
  const out: Partial<Record<Field, true>> = {};
  const bad = (v: number | null, ok: (v: number) => boolean) => (v === null ? all : !Number.isInteger(v) || !ok(v));
  if (bad(f.aht_sec, (v) => v > 0)) out.aht_sec = true;
  if (bad(f.sl_pct, (v) => v >= 1 && v <= 99)) out.sl_pct = true;
  if (bad(f.answer_sec, (v) => v > 0)) out.answer_sec = true;
  if (bad(f.shrinkage_pct, (v) => v >= 0 && v <= 90)) out.shrinkage_pct = true;
  return out;
}

const ERROR_KEY: Record<Field, string> = { aht_sec: "aht", sl_pct: "sl", answer_sec: "answer", shrinkage_pct: "shrinkage" };

type Props = {
  value: Fields;
  onChange: (next: Fields) => void;
  /** Also mark the empty fields (after 计算 was pressed). */
  showEmpty: boolean;
  readOnly: boolean;
  computing: boolean;
  onCompute: () => void;
};

export default memo(function ErlangFields({ value, onChange, showEmpty, readOnly, computing, onCompute }: Props) {
  const { t } = useTranslation();
  const errors = fieldErrors(value, showEmpty);
  const item = (field: Field) => ({
    validateStatus: errors[field] ? ("error" as const) : undefined,
    help: errors[field] ? t(`planning.erlang.errors.${ERROR_KEY[field]}`) : undefined,
  });
  const number = (field: Field, width: number, testId: string, suffix: string) => (
    <InputNumber
      data-testid={testId}
      style={{ width }}
      suffix={suffix}
      precision={0}
      controls={false}
      disabled={readOnly}
      value={value[field]}
      onChange={(v) => onChange({ ...value, [field]: typeof v === "number" ? v : null })}
      onPressEnter={onCompute}
    />
  );
  return (
    <Form layout="inline" component="div" className="fd-erlang-fields">
      <Form.Item label={t("planning.erlang.aht")} {...item("aht_sec")}>
        {number("aht_sec", 96, "erlang-aht", t("planning.erlang.sec"))}
      </Form.Item>
      <Form.Item label={t("planning.erlang.sl")} {...(errors.sl_pct ? item("sl_pct") : item("answer_sec"))}>
        <Space size={4} align="center">
          {number("sl_pct", 72, "erlang-sl", "%")}
          <span>{t("planning.erlang.within")}</span>
          {number("answer_sec", 80, "erlang-answer", t("planning.erlang.sec"))}
          {t("planning.erlang.answered") ? <span>{t("planning.erlang.answered")}</span> : null}
        </Space>
      </Form.Item>
      <Form.Item
        label={
          <span>
            {t("planning.erlang.shrinkage")}{" "}
            <Tooltip title={t("planning.erlang.shrinkageHint")}>
              <QuestionCircleOutlined className="fd-muted" />
            </Tooltip>
          </span>
        }
        {...item("shrinkage_pct")}
      >
        {number("shrinkage_pct", 72, "erlang-shrinkage", "%")}
      </Form.Item>
      {readOnly ? null : (
        <Form.Item>
          <Button icon={<CalculatorOutlined />} loading={computing} onClick={onCompute} data-testid="erlang-compute">
            {t("planning.erlang.compute")}
          </Button>
        </Form.Item>
      )}
    </Form>
  );
});
