// 考核结果 › 季度排名: the quarter's ranking as the backend sends it (seed 002: 季度考核前三名分别
// 奖励300元、200元、100元). Only people assessed in all three months are listed, by rank then 工号,
// within the operator's reach (a lead: their team; an agent: themselves). Rank, mean and reward
// are the backend's: this page shows them, medals the top three places and says the rule.
// Publishing the quarter's last month books the rewards in the ledger (the backend does it).
import { useMemo, useState } from "react";
import { Alert, DatePicker, Empty, Select, Space, Spin, Table, Tag, Tooltip, Typography } from "antd";
import { InfoCircleOutlined, TrophyOutlined } from "@ant-design/icons";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useBackend, type QuarterRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { money } from "../incidents/bookText";

/** "2026-11" → "2026Q4". */
export function quarterOf(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return `${year}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** A date → its quarter ("2026Q4"). */
export function quarterOfDate(d: Dayjs): string {
  return `${d.year()}Q${Math.floor(d.month() / 3) + 1}`;
}

/** "2026Q4" → its year, its number and its months ("2026-10" … "2026-12"). */
export function quarterParts(quarter: string): { year: number; q: number; first: string; last: string } {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  const year = m ? Number(m[1]) : dayjs().year();
  const q = m ? Number(m[2]) : 1;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { year, q, first: `${year}-${pad(q * 3 - 2)}`, last: `${year}-${pad(q * 3)}` };
}

/** "2026Q4" → 2026年第4季度 / Q4 2026. */
export function quarterLabel(t: TFunction, quarter: string): string {
  const { year, q } = quarterParts(quarter);
  return t("scores.quarter.label", { year, q });
}

const MEDAL_COLORS: Record<number, string> = { 1: "#d4a106", 2: "#8c8c8c", 3: "#ad6800" };
const NO_TEMPLATE = "__all__";

/** The place, a medal for the top three, and "并列" where another row on the template shares it. */
function RankCell({ row, tied }: { row: QuarterRow; tied: boolean }) {
  const { t } = useTranslation();
  const medal = row.rank <= 3;
  const place = medal ? (
    <Tag
      color={MEDAL_COLORS[row.rank]}
      icon={<TrophyOutlined />}
      aria-label={t(`scores.quarter.medals.${row.rank}`)}
      data-testid={`quarter-medal-${row.employee_no}`}
      style={{ marginInlineEnd: 0, fontWeight: 600 }}
    >
      {row.rank}
    </Tag>
  ) : (
    <span style={{ paddingInlineStart: 8 }}>{row.rank}</span>
  );
  if (!tied) return place;
  return (
    <Tooltip title={t("scores.quarter.rankTied", { rank: row.rank })}>
      <Space size={4} data-testid={`quarter-tied-${row.employee_no}`}>
        {place}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("scores.quarter.rankTiedShort")}
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}

export default function QuarterRanking({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  // The quarter of the month being viewed, until the operator picks another (a new month resets it).
  const [picked, setPicked] = useState<{ month: string; quarter: string } | null>(null);
  const quarter = picked && picked.month === month ? picked.quarter : quarterOf(month);
  const [template, setTemplate] = useState<string>(NO_TEMPLATE);

  const ranking = useLoad(["quarterRanking", quarter], ["scores"], () => backend.quarterRanking(quarter));
  const rows = useMemo(() => ranking.data ?? [], [ranking.data]);

  const templates = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of rows) seen.set(String(r.template_id), r.template_name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [rows]);
  const manyTemplates = templates.length > 1;
  // A template the quarter no longer lists (another quarter read) filters nothing.
  const activeTemplate = manyTemplates && templates.some((x) => x.value === template) ? template : NO_TEMPLATE;
  const shown = useMemo(
    () => (activeTemplate === NO_TEMPLATE ? rows : rows.filter((r) => String(r.template_id) === activeTemplate)),
    [rows, activeTemplate],
  );
  // Ranks are per template: a place two rows on one template share is a tie.
  const tied = useMemo(() => {
    const count = new Map<string, number>();
    for (const r of rows) count.set(`${r.template_id}:${r.rank}`, (count.get(`${r.template_id}:${r.rank}`) ?? 0) + 1);
    return (r: QuarterRow) => (count.get(`${r.template_id}:${r.rank}`) ?? 0) > 1;
  }, [rows]);
  const rewardTotal = rows.reduce((sum, r) => sum + r.reward_fen, 0);

  const label = quarterLabel(t, quarter);
  const { first, last } = quarterParts(quarter);
  const months = t("scores.quarter.months", { from: first, to: last });

  const columns: ColumnsType<QuarterRow> = [
    {
      title: t("scores.quarter.columns.rank"),
      key: "rank",
      width: 110,
      render: (_, r) => <RankCell row={r} tied={tied(r)} />,
    },
    { title: t("scores.quarter.columns.employeeNo"), dataIndex: "employee_no", width: 90 },
    { title: t("scores.quarter.columns.name"), dataIndex: "name", width: 100 },
    {
      title: t("scores.quarter.columns.team"),
      dataIndex: "team_name",
      width: 120,
      render: (v: string | null) => v ?? t("scores.quarter.noTeam"),
    },
    // The template matters only where people are on different ones (ranks are per template).
    ...(manyTemplates ? [{ title: t("scores.quarter.columns.template"), dataIndex: "template_name", width: 150, ellipsis: true }] : []),
    {
      title: t("scores.quarter.columns.mean"),
      key: "mean",
      width: 110,
      align: "right",
      render: (_, r) => <strong data-testid={`quarter-mean-${r.employee_no}`}>{r.mean_text}</strong>,
    },
    {
      title: t("scores.quarter.columns.reward"),
      key: "reward",
      width: 110,
      align: "right",
      render: (_, r) =>
        r.reward_fen > 0 ? (
          <Typography.Text strong type="success" data-testid={`quarter-reward-${r.employee_no}`}>
            {money(t, r.reward_fen)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid={`quarter-reward-${r.employee_no}`}>
            —
          </Typography.Text>
        ),
    },
  ];

  let body: React.ReactNode;
  if (ranking.data === undefined) {
    body = ranking.error ? (
      <Alert type="error" showIcon title={errorText(t, ranking.error)} data-testid="quarter-error" />
    ) : (
      <Spin spinning description={t("scores.quarter.loading")}>
        <div style={{ minHeight: 160 }} />
      </Spin>
    );
  } else if (rows.length === 0) {
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        data-testid="quarter-empty"
        description={
          <Space orientation="vertical" size={2}>
            <span>{t("scores.quarter.empty", { quarter: label })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("scores.quarter.emptyHint")}
            </Typography.Text>
          </Space>
        }
      />
    );
  } else {
    body = (
      <div data-testid="quarter-table" aria-label={t("scores.quarter.aria", { quarter: label, count: rows.length })}>
        <Table<QuarterRow>
          rowKey="person"
          size="small"
          columns={columns}
          dataSource={shown}
          scroll={{ x: "max-content" }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
          rowClassName={(r) => (r.rank <= 3 ? "fd-quarter-top" : "")}
          onRow={(r) =>
            ({
              "data-testid": `quarter-row-${r.employee_no}`,
              "data-top": r.rank <= 3 ? "true" : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </div>
    );
  }

  return (
    <div data-testid="quarter-ranking">
      <div className="fd-toolbar">
        <DatePicker
          picker="quarter"
          allowClear={false}
          value={dayjs(`${first}-01`)}
          format={(d) => quarterLabel(t, quarterOfDate(d))}
          aria-label={t("scores.quarter.picker")}
          data-testid="quarter-picker"
          style={{ width: 170 }}
          onChange={(d) => {
            if (!d) return;
            setPicked({ month, quarter: quarterOfDate(d) });
          }}
        />
        {ranking.data !== undefined ? (
          <Typography.Text data-testid="quarter-summary">
            {t("scores.quarter.summary", { quarter: label, months, count: rows.length })}
            {rewardTotal > 0 ? (
              <Typography.Text type="secondary">
                {t("scores.quarter.rewardTotal", { money: money(t, rewardTotal) })}
              </Typography.Text>
            ) : null}
          </Typography.Text>
        ) : null}
        <span className="fd-toolbar-spacer" />
        {manyTemplates ? (
          <Select
            value={activeTemplate}
            onChange={setTemplate}
            options={[{ value: NO_TEMPLATE, label: t("scores.quarter.filters.template") }, ...templates]}
            style={{ width: 170 }}
            data-testid="quarter-filter-template"
          />
        ) : null}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 10 }} data-testid="quarter-rule">
        <InfoCircleOutlined style={{ marginInlineEnd: 6 }} />
        {t("scores.quarter.rule")}
      </Typography.Paragraph>
      {ranking.data !== undefined && ranking.error ? (
        <Alert type="error" showIcon title={errorText(t, ranking.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {body}
    </div>
  );
}
