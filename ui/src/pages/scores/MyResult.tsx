// 我的考核结果: what an agent sees of the month: their own composite, grade and ranks, their 自评
// and 上级评分 (the backend never sends them the 小组 score: it shows only as part of the
// composite), their twelve months, and before publication 确认结果 or 申诉 (with their words).
// After publication the answer stands and the buttons are gone.
import { useState } from "react";
import { App, Button, Card, Col, Descriptions, Empty, Input, Modal, Row, Space, Spin, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../../backend";
import { useLoad, useReportError } from "../../lib/hooks";
import { useSession } from "../../session";
import { TrendChart, useGradeLines } from "./ResultsCharts";
import { GradeTag, rolesText, scoreText } from "./ResultsTable";
import MyComputed from "./MyComputed";
import { siteDateTime } from "./ScoreCardPrint";

export default function MyResult({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { operator, site } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const results = useLoad(["scoreResults", month], ["scores"], () => backend.scoreResults(month));
  const trend = useLoad(["scoreTrend", operator.employee_no, month], ["scores"], () => backend.scoreTrend(operator.employee_no, month));
  const lines = useGradeLines();
  const [busy, setBusy] = useState(false);
  const [appealing, setAppealing] = useState(false);
  const [note, setNote] = useState("");

  const data = results.data;
  const row = data ? (data.rows.find((r) => r.employee_no === operator.employee_no) ?? data.rows[0]) : undefined;

  const confirm = async () => {
    setBusy(true);
    try {
      await backend.respondToScore(month, "confirm", null);
      void message.success(t("scores.results.my.confirmDone"));
      results.reload();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  const appeal = async () => {
    const words = note.trim();
    if (!words) {
      void message.error(t("scores.results.my.appealNoteRequired"));
      return;
    }
    setBusy(true);
    try {
      await backend.respondToScore(month, "appeal", words);
      setAppealing(false);
      void message.success(t("scores.results.my.appealDone"));
      results.reload();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  if (!data) {
    return (
      <div data-testid="my-result">
        <Spin spinning={results.loading} description={t("scores.results.loading")}>
          <div style={{ minHeight: 120 }} />
        </Spin>
      </div>
    );
  }
  if (!row) {
    return (
      <div data-testid="my-result">
        <Empty description={t("scores.results.my.none", { month })} />
      </div>
    );
  }

  const answer =
    row.response === "confirm"
      ? t("scores.results.my.confirmed")
      : row.response === "appeal"
        ? t("scores.results.my.appealed", { note: row.response_note ?? "" })
        : t("scores.results.my.noAnswer");

  return (
    <div data-testid="my-result">
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t("scores.results.my.title", { month })}
            extra={
              <Space size={6} wrap>
                {data.published ? (
                  <Tag color="green" data-testid="my-published">
                    {t("scores.results.status.publishedAt", { at: siteDateTime(data.published_at, site.time_zone) })}
                  </Tag>
                ) : (
                  <Tag data-testid="my-published">{t("scores.unpublished")}</Tag>
                )}
                <Typography.Text type="secondary">{t("scores.window", { from: data.window.opens_on, to: data.window.closes_on })}</Typography.Text>
              </Space>
            }
          >
            <Descriptions
              size="small"
              column={2}
              bordered
              items={[
                {
                  key: "composite",
                  label: t("scores.results.my.composite"),
                  children: (
                    <strong data-testid="my-composite" style={{ fontSize: 18 }}>
                      {row.composite_text ?? "—"}
                    </strong>
                  ),
                },
                { key: "grade", label: t("scores.results.my.grade"), children: <span data-testid="my-grade"><GradeTag grade={row.grade} /></span> },
                { key: "rank", label: t("scores.results.my.rank"), children: <span data-testid="my-rank">{row.rank ?? "—"}</span> },
                { key: "teamRank", label: t("scores.results.my.teamRank"), children: <span data-testid="my-team-rank">{row.team_rank ?? "—"}</span> },
                { key: "self", label: t("scores.roles.self"), children: <span data-testid="my-score-self">{scoreText(row.scores.self)}</span> },
                {
                  key: "superior",
                  label: t("scores.roles.superior"),
                  children: <span data-testid="my-score-superior">{scoreText(row.scores.superior)}</span>,
                },
                {
                  key: "peer",
                  label: t("scores.roles.peer"),
                  span: 2,
                  children: (
                    <Typography.Text type="secondary" data-testid="my-score-peer">
                      {t("scores.results.my.peerHidden")}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            {row.composite_text == null ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="my-not-graded">
                {t("scores.results.my.notGraded")}
              </Typography.Paragraph>
            ) : null}
            {row.exception ? (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                <Tag color="orange">{t("scores.results.state.exception")}</Tag>
                {t("scores.results.my.exception", { roles: rolesText(t, row.missing) })}
              </Typography.Paragraph>
            ) : null}

            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t("scores.results.my.answer")}：</Typography.Text>
              <Typography.Text data-testid="my-answer">{answer}</Typography.Text>
            </div>
            {data.published ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="my-published-hint">
                {t("scores.results.my.publishedHint")}
              </Typography.Paragraph>
            ) : (
              <Space style={{ marginTop: 12 }}>
                <Button type={row.response ? "default" : "primary"} loading={busy && !appealing} onClick={() => void confirm()} data-testid="confirm-score">
                  {t("scores.results.my.confirm")}
                </Button>
                <Button
                  danger
                  onClick={() => {
                    setNote(row.response === "appeal" ? (row.response_note ?? "") : "");
                    setAppealing(true);
                  }}
                  data-testid="appeal-score"
                >
                  {t("scores.results.my.appeal")}
                </Button>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("scores.results.my.trend")}>
            {trend.data ? (
              <TrendChart points={trend.data} employeeNo={row.employee_no} name={row.name} lines={lines} />
            ) : (
              <Spin spinning={trend.loading}>
                <div style={{ height: 260 }} />
              </Spin>
            )}
          </Card>
        </Col>
      </Row>
      <MyComputed month={month} />

      <Modal
        open={appealing}
        title={t("scores.results.my.appealTitle", { month })}
        okText={t("scores.results.my.appealOk")}
        cancelText={t("common.cancel")}
        okButtonProps={{ danger: true, ...{ "data-testid": "appeal-ok" } }}
        confirmLoading={busy}
        onOk={() => void appeal()}
        onCancel={() => setAppealing(false)}
        destroyOnHidden
      >
        <Typography.Paragraph style={{ marginBottom: 6 }}>{t("scores.results.my.appealNote")}</Typography.Paragraph>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="appeal-note" />
      </Modal>
    </div>
  );
}
