// One file to import: the columns it expects, an open-file dialog, a busy spinner while the
// backend reads it (a month of a large shop's chat log takes seconds), then what it wrote — or,
// for a file with bad rows, where they are: nothing of such a file is saved.
import { useState } from "react";
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from "antd";
import { ImportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend } from "../../backend";
import { errorText } from "../../lib/errors";
import { useSession } from "../../session";
import { IMPORTS, type Figure, type ImportKind } from "./importKinds";
import { P } from "./payrollText";

type Outcome = { ok: true; figures: Figure[] } | { ok: false; error: BackendError };
type Issue = { row: string; field: string; problem: string };

function Failure({ error }: { error: BackendError }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.import.${key}`, o);
  // The error names the file, how many problems it has and where the first one is.
  const issues: Issue[] = error.params.row
    ? [{ row: error.params.row, field: error.params.field ?? "", problem: k("firstOf", { count: error.params.count ?? "1" }) }]
    : [];
  return (
    <Alert
      type="error"
      showIcon
      title={k("failed")}
      description={
        <>
          <div>{errorText(t, error)}</div>
          {issues.length ? (
            <Table<Issue>
              size="small"
              style={{ marginTop: 8 }}
              rowKey="row"
              pagination={false}
              dataSource={issues}
              columns={[
                { title: k("row"), dataIndex: "row", width: 90, render: (row: string) => k("rowValue", { row }) },
                { title: k("field"), dataIndex: "field", width: 120 },
                { title: k("problem"), dataIndex: "problem" },
              ]}
            />
          ) : null}
        </>
      }
    />
  );
}

export default function ImportCard({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`${P}.import.${key}`, o);
  const backend = useBackend();
  const { site } = useSession();
  const spec = IMPORTS[kind];
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const pick = async () => {
    const path = await backend.pickOpenFile([{ name: k(`${kind}.filter`), extensions: spec.extensions }]);
    if (!path) return;
    setBusy(true);
    setOutcome(null);
    try {
      const summary = await spec.run(backend, path);
      setOutcome({ ok: true, figures: spec.figures(t, summary as never, site.time_zone) });
    } catch (e) {
      setOutcome({ ok: false, error: BackendError.from(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={k(`${kind}.title`)} data-testid={`import-${kind}`}>
      <Typography.Paragraph type="secondary">{k(`${kind}.hint`)}</Typography.Paragraph>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text>{k("columns")}：</Typography.Text>
        <Space size={[4, 4]} wrap data-testid={`import-${kind}-columns`}>
          {spec.zh.map((c, i) => (
            <Tag key={c}>
              {c} / {spec.en[i]}
            </Tag>
          ))}
        </Space>
        <div>
          <Typography.Text type="secondary">{spec.extensions.includes("xlsx") ? k("csvOrXlsx") : k("csvOnly")}</Typography.Text>
        </div>
      </div>
      <Button icon={<ImportOutlined />} loading={busy} onClick={() => void pick()} data-testid={`import-${kind}-pick`}>
        {k("pick")}
      </Button>
      {busy ? (
        <div style={{ marginTop: 12 }} data-testid={`import-${kind}-busy`}>
          <Spin size="small" /> <Typography.Text type="secondary">{k("busy")}</Typography.Text>
        </div>
      ) : null}
      {outcome ? (
        <div style={{ marginTop: 12 }} data-testid={`import-${kind}-result`}>
          {outcome.ok ? (
            <Descriptions size="small" bordered column={1} title={k("done")} items={outcome.figures.map((f) => ({ key: f.key, label: f.label, children: f.value }))} />
          ) : (
            <Failure error={outcome.error} />
          )}
        </div>
      ) : null}
    </Card>
  );
}
