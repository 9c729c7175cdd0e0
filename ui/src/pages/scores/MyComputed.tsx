// 我的系统计算项: the operator's own computed items of the month (出勤纪律, 现场纪律 …), each with the
// inputs it came from, so an agent sees why, whoever scores the item.
import { Card, Descriptions, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { useLoad } from "../../lib/hooks";
import { formatPoints, inputLabel, inputValueText } from "./scoreGrid";

export default function MyComputed({ month }: { month: string }) {
  const { t, i18n } = useTranslation();
  const backend = useBackend();
  const items = useLoad(["myComputedItems", month], ["scores"], () => backend.myComputedItems(month));
  const catalogue = useLoad(["scoreFormulaInputs"], [], () => backend.scoreFormulaInputs(), { enabled: (items.data?.length ?? 0) > 0 });
  const list = items.data ?? [];
  if (list.length === 0) return null;
  const byName = new Map((catalogue.data ?? []).map((i) => [i.name, i]));
  return (
    <Card size="small" title={t("scores.results.my.computedTitle")} style={{ marginTop: 12 }} data-testid="my-computed">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("scores.results.my.computedHint")}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={list.map((item) => ({
          key: String(item.item_id),
          label: (
            <Tooltip title={item.formula ? <span className="fd-mono">{item.formula}</span> : undefined}>
              <span>
                {item.group ? `${item.group} · ` : ""}
                {item.name}
              </span>
            </Tooltip>
          ),
          children: (
            <Space size={12} wrap data-testid={`my-computed-${item.item_id}`}>
              {item.score.points === null ? (
                <Typography.Text type="danger">{t("scores.results.my.computedFailed", { error: item.score.error ?? "" })}</Typography.Text>
              ) : (
                <strong>
                  {formatPoints(item.score.points)} / {item.max_points}
                </strong>
              )}
              {item.score.inputs.length === 0 ? (
                <Typography.Text type="secondary">{t("scores.results.my.computedNone")}</Typography.Text>
              ) : (
                item.score.inputs.map((v) => (
                  <Tag key={v.name} data-testid={`my-computed-input-${v.name}`}>
                    {inputLabel(byName.get(v.name), v.name, i18n.language)} {inputValueText(v.value)}
                  </Tag>
                ))
              )}
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
