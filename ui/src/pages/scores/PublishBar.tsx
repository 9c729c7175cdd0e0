// Where the month stands (published and when, the scoring window and phase, how many are fully
// rated, not yet, on an exception, and the appeals waiting) and, for a supervisor or manager,
// 发布 (confirmed first; a refusal for people not fully rated lists their 工号), 重新开放 (a reason
// and their PIN), 导入评分 (a file of scores, while the month is open) and 导出 Excel.
import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Modal, Space, Tag, Typography } from "antd";
import { CloudUploadOutlined, ExportOutlined, ImportOutlined, UnlockOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type MonthResults } from "../../backend";
import { useReportError } from "../../lib/hooks";
import { useSession } from "../../session";
import PinReasonModal from "./PinReasonModal";
import { siteDateTime } from "./ScoreCardPrint";

/** The 工号 a `scores.incomplete` refusal names ("1007, 1012"). */
function namesOf(e: BackendError): string[] {
  return (e.params.names ?? "")
    .split(/[,，、]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function StatusBar({ results }: { results: MonthResults }) {
  const { t } = useTranslation();
  const { site } = useSession();
  const counts = useMemo(() => {
    const c = { complete: 0, incomplete: 0, exception: 0, appeals: 0 };
    for (const r of results.rows) {
      if (r.exception) c.exception += 1;
      else if (r.complete) c.complete += 1;
      else c.incomplete += 1;
      if (r.response === "appeal") c.appeals += 1;
    }
    return c;
  }, [results.rows]);
  return (
    <Space wrap size={[12, 6]} data-testid="results-status">
      {results.published ? (
        <Tag color="green" data-testid="results-published">
          {t("scores.results.status.publishedAt", { at: siteDateTime(results.published_at, site.time_zone) })}
        </Tag>
      ) : (
        <Tag data-testid="results-published">{t("scores.unpublished")}</Tag>
      )}
      <span data-testid="results-window">{t("scores.window", { from: results.window.opens_on, to: results.window.closes_on })}</span>
      <Tag color={results.phase === "open" ? "blue" : undefined} data-testid="results-phase">
        {t(`scores.phase.${results.phase}`)}
      </Tag>
      <Typography.Text data-testid="results-count-complete">{t("scores.results.status.complete", { count: counts.complete })}</Typography.Text>
      <Typography.Text type={counts.incomplete ? "danger" : undefined} data-testid="results-count-incomplete">
        {t("scores.results.status.incomplete", { count: counts.incomplete })}
      </Typography.Text>
      <Typography.Text data-testid="results-count-exception">{t("scores.results.status.exception", { count: counts.exception })}</Typography.Text>
      <Typography.Text type={counts.appeals ? "warning" : undefined} data-testid="results-count-appeals">
        {t("scores.results.status.appeals", { count: counts.appeals })}
      </Typography.Text>
    </Space>
  );
}

export default function PublishBar(props: {
  results: MonthResults;
  canManage: boolean;
  /** The backend's answer to publishing: the month as now published. */
  onPublished: (results: MonthResults) => void;
  /** Something changed (reopened): read the month again. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { site } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const { month, published, rows } = props.results;
  const [confirming, setConfirming] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [incomplete, setIncomplete] = useState<{ count: string; nos: string[] } | null>(null);
  const [reopening, setReopening] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);

  // A refusal belongs to the month it was for.
  useEffect(() => setIncomplete(null), [month, published]);

  const publish = async () => {
    setPublishing(true);
    try {
      const now = await backend.publishScores(month);
      setConfirming(false);
      setIncomplete(null);
      props.onPublished(now);
      void message.success(t("scores.results.publish.done", { month }));
    } catch (e) {
      setConfirming(false);
      const err = BackendError.from(e);
      if (err.code === "scores.incomplete") {
        const nos = namesOf(err);
        setIncomplete({ count: err.params.count ?? String(nos.length), nos });
      } else report(err);
    } finally {
      setPublishing(false);
    }
  };

  const exportXlsx = async () => {
    const path = await backend.pickSaveFile(t("scores.results.export.fileName", { site: site.name, month }).replace(/[\\/:*?"<>|]/g, "_"), [
      { name: "Excel", extensions: ["xlsx"] },
    ]);
    if (!path) return;
    setExporting(true);
    try {
      const count = await backend.exportScores(month, path);
      void message.success(t("scores.results.export.done", { count, path }));
    } catch (e) {
      report(e);
    } finally {
      setExporting(false);
    }
  };

  // A file of scores in the long form (月份,工号,评分角色,评分人,考核项目,得分), CSV or xlsx: all or
  // nothing; the backend names the first bad row.
  const importFile = async () => {
    const path = await backend.pickOpenFile([{ name: t("scores.results.import.filter"), extensions: ["csv", "xlsx"] }]);
    if (!path) return;
    setImporting(true);
    try {
      const done = await backend.importScores(path);
      void message.success(t("scores.results.import.done", { rows: done.rows, sheets: done.sheets, replaced: done.replaced, months: done.months.join("、") }));
      props.onChanged();
    } catch (e) {
      report(e);
    } finally {
      setImporting(false);
    }
  };

  const nameOf = (no: string) => rows.find((r) => r.employee_no === no)?.name;

  return (
    <div style={{ marginBottom: 12 }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", justifyContent: "space-between" }}>
        <StatusBar results={props.results} />
        {props.canManage ? (
          <Space wrap size={8}>
            {published ? (
              <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="reopen-scores">
                {t("scores.results.reopen.button")}
              </Button>
            ) : (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setConfirming(true)} data-testid="publish-scores">
                {t("scores.results.publish.button")}
              </Button>
            )}
            {published ? null : (
              <Button icon={<ImportOutlined />} loading={importing} onClick={() => void importFile()} data-testid="import-scores">
                {t("scores.results.import.button")}
              </Button>
            )}
            <Button icon={<ExportOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="export-scores">
              {t("scores.results.export.button")}
            </Button>
          </Space>
        ) : null}
      </div>

      {incomplete ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setIncomplete(null) }}
          style={{ marginTop: 8 }}
          data-testid="publish-incomplete"
          title={t("scores.results.publish.incompleteTitle", { count: incomplete.count })}
          description={
            <div>
              <Space wrap size={[4, 4]} style={{ marginBottom: 4 }}>
                {incomplete.nos.map((no) => (
                  <Tag key={no} data-testid={`publish-incomplete-${no}`}>
                    {no}
                    {nameOf(no) ? ` ${nameOf(no)}` : ""}
                  </Tag>
                ))}
              </Space>
              <div>{t("scores.results.publish.incompleteHint")}</div>
            </div>
          }
        />
      ) : null}

      <Modal
        open={confirming}
        title={t("scores.results.publish.title", { month })}
        okText={t("scores.results.publish.ok")}
        cancelText={t("common.cancel")}
        okButtonProps={{ ...{ "data-testid": "publish-confirm-ok" } }}
        confirmLoading={publishing}
        onOk={() => void publish()}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <div data-testid="publish-confirm">{t("scores.results.publish.body")}</div>
      </Modal>

      <PinReasonModal
        open={reopening}
        title={t("scores.results.reopen.title", { month })}
        okText={t("scores.results.reopen.ok")}
        danger
        testId="reopen-modal"
        onCancel={() => setReopening(false)}
        onOk={async ({ reason, pin }) => {
          await backend.reopenScores(month, reason, pin);
          setReopening(false);
          void message.success(t("scores.results.reopen.done", { month }));
          props.onChanged();
        }}
      >
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t("scores.results.reopen.body")}</Typography.Paragraph>
      </PinReasonModal>
    </div>
  );
}
