import { useState } from "react";
import { Alert, App, Button, Col, Modal, Result, Row, Space, Statistic, Table, Tag, Tooltip } from "antd";
import type { TableColumnsType } from "antd";
import { EyeOutlined, InfoCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type ImportIssue, type ImportPreview, type ImportRow, type ImportSummary } from "../../backend";
import FilePathInput from "../../components/FilePathInput";
import { errorKey, errorText, issueText } from "../../lib/errors";
import { formatDate, levelLabel } from "../../lib/format";
import { useCan } from "../../session";
import { formatYuan } from "./pay";

export default function ImportModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const canViewPay = useCan("view_pay");
  const [path, setPath] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState<"preview" | "apply" | null>(null);

  const changePath = (p: string) => {
    setPath(p);
    setPreview(null);
    setFailure(null);
    setResult(null);
  };

  const runPreview = async () => {
    if (!path.trim()) return;
    setBusy("preview");
    setFailure(null);
    setResult(null);
    setPreview(null);
    try {
      setPreview(await backend.previewAgentsImport(path.trim()));
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    setBusy("apply");
    setFailure(null);
    try {
      const summary = await backend.applyAgentsImport(path.trim());
      setResult(summary);
      void message.success(resultText(summary));
      onImported();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  const resultText = (s: ImportSummary) =>
    t("import.result", { created: s.created, updated: s.updated, teams: s.teams_created, seats: s.seats_created });

  const hasErrors = (preview?.errors.length ?? 0) > 0;
  const canApply = !!preview && !hasErrors && preview.rows.length > 0 && !result;

  const errorColumns: TableColumnsType<ImportIssue> = [
    { title: t("import.row"), dataIndex: "row", width: 64 },
    { title: t("import.field"), dataIndex: "field", width: 100 },
    {
      title: t("import.value"),
      dataIndex: "value",
      width: 140,
      render: (v: string) => (v ? <code>{v}</code> : <span className="fd-muted">—</span>),
    },
    {
      title: t("import.message"),
      key: "message",
      // The translated problem; the backend's own sentence (which says e.g. which row a 工号
      // is already on) stays one hover away.
      render: (_: unknown, i: ImportIssue) =>
        errorKey(i.code) ? (
          <Tooltip title={t("import.messageDetail", { message: i.message })}>
            <span className="fd-issue" data-testid="import-issue-text" data-message={i.message}>
              {issueText(t, i)}
              <InfoCircleOutlined className="fd-muted" style={{ marginInlineStart: 6 }} />
            </span>
          </Tooltip>
        ) : (
          <span data-testid="import-issue-text" data-message={i.message}>
            {i.message}
          </span>
        ),
    },
  ];

  const newTeams = new Set(preview?.new_teams ?? []);
  const newSeats = new Set(preview?.new_seats ?? []);
  const rowColumns: TableColumnsType<ImportRow> = [
    { title: t("import.row"), dataIndex: "row", width: 56 },
    {
      title: t("import.action"),
      dataIndex: "action",
      width: 72,
      render: (a: ImportRow["action"]) =>
        a === "create" ? <Tag color="green">{t("import.actionCreate")}</Tag> : <Tag color="blue">{t("import.actionUpdate")}</Tag>,
    },
    { title: t("fields.employee_no"), dataIndex: "employee_no", width: 90 },
    { title: t("fields.name"), dataIndex: "name", width: 90 },
    {
      title: t("fields.team"),
      dataIndex: "team",
      render: (team: string) => (
        <span>
          {team}
          {newTeams.has(team) ? <Tag color="gold" style={{ marginInlineStart: 6 }}>{t("import.actionCreate")}</Tag> : null}
        </span>
      ),
    },
    { title: t("fields.level"), dataIndex: "level", width: 80, render: (l: string) => levelLabel(t, l) },
    {
      title: t("fields.seat"),
      dataIndex: "seat",
      width: 100,
      render: (s: string | null) =>
        s ? (
          <span>
            {s}
            {newSeats.has(s) ? <Tag color="gold" style={{ marginInlineStart: 6 }}>{t("import.actionCreate")}</Tag> : null}
          </span>
        ) : (
          <span className="fd-muted">—</span>
        ),
    },
    { title: t("fields.hired_on"), dataIndex: "hired_on", width: 110, render: (d: string | null) => formatDate(d) },
    // Only a file with the column says anything about leaving dates.
    ...(preview?.has_left_on
      ? [{ title: t("fields.left_on"), dataIndex: "left_on", width: 110, render: (d: string | null) => (d ? formatDate(d) : "") }]
      : []),
    // Likewise base pay, and only for an operator who may see pay.
    ...(preview?.has_base_pay && canViewPay
      ? [
          {
            title: t("people.basePay"),
            dataIndex: "base_pay_fen",
            width: 110,
            align: "right" as const,
            render: (fen: number | null) => (fen === null ? "" : formatYuan(fen)),
          },
        ]
      : []),
  ];

  return (
    <Modal
      open
      title={t("import.title")}
      onCancel={onClose}
      mask={{ closable: false }}
      width={860}
      footer={[
        <Button key="close" onClick={onClose}>
          {t("import.close")}
        </Button>,
        <Button
          key="ok"
          type="primary"
          data-testid="import-confirm"
          disabled={!canApply}
          loading={busy === "apply"}
          onClick={() => void apply()}
        >
          {t("import.confirm")}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size={12} style={{ width: "100%", marginTop: 8 }}>
        <Alert type="info" showIcon title={t("import.hint")} />
        <div style={{ display: "flex", gap: 8 }}>
          <div style={{ flex: 1 }}>
            <FilePathInput
              value={path}
              onChange={changePath}
              filters={[{ name: t("import.fileFilter"), extensions: ["xlsx", "csv"] }]}
              inputTestId="import-path"
              chooseTestId="import-choose"
              onPressEnter={() => void runPreview()}
            />
          </div>
          <Button
            data-testid="import-preview"
            icon={<EyeOutlined />}
            disabled={!path.trim()}
            loading={busy === "preview"}
            onClick={() => void runPreview()}
          >
            {t("import.preview")}
          </Button>
        </div>
        {failure ? <Alert type="error" showIcon title={failure} data-testid="import-failure" /> : null}
        {result ? (
          <Result
            data-testid="import-result"
            status="success"
            title={resultText(result)}
            style={{ padding: "16px 0" }}
          />
        ) : null}
        {preview && !result ? (
          <>
            <Row gutter={12}>
              <Col span={6}>
                <Statistic title={t("import.creates")} value={preview.creates} />
              </Col>
              <Col span={6}>
                <Statistic title={t("import.updates")} value={preview.updates} />
              </Col>
              <Col span={6}>
                <Tooltip title={preview.new_teams.join("、") || undefined}>
                  <Statistic title={t("import.newTeams")} value={preview.new_teams.length} />
                </Tooltip>
              </Col>
              <Col span={6}>
                <Tooltip title={preview.new_seats.join("、") || undefined}>
                  <Statistic title={t("import.newSeats")} value={preview.new_seats.length} />
                </Tooltip>
              </Col>
            </Row>
            {hasErrors ? (
              <>
                <Alert
                  type="error"
                  showIcon
                  data-testid="import-errors-alert"
                  title={t("import.errorsAlert", { count: preview.errors.length })}
                  description={t("import.errorsHelp")}
                />
                <div data-testid="import-errors">
                  <Table<ImportIssue>
                    size="small"
                    rowKey={(i) => `${i.row}-${i.field}-${i.code}-${i.value}`}
                    columns={errorColumns}
                    dataSource={preview.errors}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small" }}
                  />
                </div>
              </>
            ) : preview.rows.length > 0 ? (
              <Alert
                type="success"
                showIcon
                title={t("import.readyAlert", { creates: preview.creates, updates: preview.updates })}
              />
            ) : (
              <Alert type="warning" showIcon title={t("import.nothingToImport")} />
            )}
            {preview.rows.length > 0 ? (
              <div data-testid="import-rows">
                <div className="fd-muted" style={{ marginBottom: 6 }}>
                  {t("import.rowsTitle", { count: preview.rows.length })}
                </div>
                <Table<ImportRow>
                  size="small"
                  rowKey="row"
                  columns={rowColumns}
                  dataSource={preview.rows}
                  pagination={{ pageSize: 50, hideOnSinglePage: true, size: "small" }}
                />
              </div>
            ) : null}
          </>
        ) : null}
      </Space>
    </Modal>
  );
}
