// 违规目录: every rule as of its newest version, by category — code, name, how offences are
// counted, the 处罚阶梯 in words, the 连带处罚, the live-floor alert it answers, the regulation's
// words, and whether it is retired. With manage_rule_book: edit (a new version from a date), add,
// retire or restore, the versions, and the book exported or imported as JSON. Everyone who sees
// incidents reads the book; it reads again when the backend reports an incidents write.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { DownloadOutlined, EditOutlined, HistoryOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type RuleBookImport, type RuleRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad, useReportError } from "../../lib/hooks";
import { useCan } from "../../session";
import { CATEGORIES, categoryLabel, coPenaltiesText, ladderSteps, periodText, ruleName } from "./bookText";
import RuleEditor from "./RuleEditor";
import RuleVersions from "./RuleVersions";

const K = "incidents.book.rules";
const JSON_FILTER = (name: string) => [{ name, extensions: ["json"] }];

/** The rule book's read, shared by the tabs that name rules (same key, one cached read). */
export function useRuleBook() {
  const backend = useBackend();
  return useLoad(["incidents", "rules"], ["incidents"], () => backend.incidentRules());
}

export function RuleBookTab() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const canManage = useCan("manage_rule_book");
  const rules = useRuleBook();
  const [editing, setEditing] = useState<RuleRow | "new" | null>(null);
  const [history, setHistory] = useState<RuleRow | null>(null);
  const [imported, setImported] = useState<RuleBookImport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const groups = useMemo(
    () => CATEGORIES.map((c) => ({ category: c, rows: (rules.data ?? []).filter((r) => r.body.category === c) })).filter((g) => g.rows.length > 0),
    [rules.data],
  );

  const setRetired = async (r: RuleRow, retired: boolean) => {
    setBusy(r.body.code);
    try {
      await backend.setIncidentRuleRetired(r.body.code, retired);
      void message.success(t(retired ? `${K}.retiredDone` : `${K}.restoredDone`, { name: ruleName(r.body, en) }));
      rules.reload();
    } catch (e) {
      report(e);
    } finally {
      setBusy(null);
    }
  };

  const exportBook = async () => {
    try {
      const path = await backend.pickSaveFile("rule-book.json", JSON_FILTER(t(`${K}.fileFilter`)));
      if (!path) return;
      const count = await backend.exportRuleBook(path);
      void message.success(t(`${K}.exported`, { count, path }));
    } catch (e) {
      report(e);
    }
  };

  const importBook = async () => {
    try {
      const path = await backend.pickOpenFile(JSON_FILTER(t(`${K}.fileFilter`)));
      if (!path) return;
      setBusy("import");
      setImported(null);
      const result = await backend.importRuleBook(path);
      setImported(result);
      rules.reload();
    } catch (e) {
      report(e);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<RuleRow> = [
    {
      title: t(`${K}.code`),
      key: "code",
      width: 150,
      render: (_: unknown, r: RuleRow) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text code>{r.body.code}</Typography.Text>
          <Space size={4} wrap>
            {r.retired ? (
              <Tag data-testid={`rule-retired-${r.body.code}`}>{t(`${K}.retired`)}</Tag>
            ) : null}
            {r.version > 1 ? <Tag color="blue">{t(`${K}.version`, { n: r.version })}</Tag> : null}
          </Space>
        </Space>
      ),
    },
    {
      title: t(`${K}.name`),
      key: "name",
      width: 170,
      render: (_: unknown, r: RuleRow) => (
        <div>
          <Typography.Text strong delete={r.retired}>
            {ruleName(r.body, en)}
          </Typography.Text>
          <div className="fd-muted" style={{ fontSize: 12 }}>
            {en ? r.body.name_zh : r.body.name_en}
          </div>
        </div>
      ),
    },
    { title: t(`${K}.period`), key: "period", width: 100, render: (_: unknown, r: RuleRow) => periodText(t, r.body.period) },
    {
      title: t(`${K}.ladder`),
      key: "ladder",
      width: 300,
      render: (_: unknown, r: RuleRow) => (
        <div data-testid={`rule-ladder-${r.body.code}`}>
          {ladderSteps(t, r.body.ladder).map((s, i) => (
            <div key={i}>{s}</div>
          ))}
          {r.body.co_penalties?.length ? (
            <div data-testid={`rule-co-${r.body.code}`} style={{ color: "#d46b08" }}>
              {coPenaltiesText(t, r.body.co_penalties)}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t(`${K}.alertRule`),
      key: "alert",
      width: 110,
      render: (_: unknown, r: RuleRow) =>
        r.body.alert_rule ? <Tag color="orange">{t(`rules.${r.body.alert_rule}`)}</Tag> : <span className="fd-muted">{t(`${K}.none`)}</span>,
    },
    {
      title: t(`${K}.source`),
      key: "source",
      width: 200,
      render: (_: unknown, r: RuleRow) => (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`rule-source-${r.body.code}`}>
            {r.body.source}
          </Typography.Text>
          {r.body.importable === false ? (
            <div>
              <Tag style={{ marginTop: 4 }}>{t(`${K}.systemOnly`)}</Tag>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: canManage ? 200 : 90,
      render: (_: unknown, r: RuleRow) => (
        <Space size={0} wrap>
          {canManage ? (
            <Button type="link" size="small" icon={<EditOutlined />} data-testid={`rule-edit-${r.body.code}`} onClick={() => setEditing(r)}>
              {t(`${K}.edit`)}
            </Button>
          ) : null}
          {canManage ? (
            r.retired ? (
              <Button type="link" size="small" loading={busy === r.body.code} data-testid={`rule-restore-${r.body.code}`} onClick={() => void setRetired(r, false)}>
                {t(`${K}.restore`)}
              </Button>
            ) : (
              <Popconfirm
                title={t(`${K}.retireConfirm`, { name: ruleName(r.body, en) })}
                okText={t(`${K}.retire`)}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true, ...{ "data-testid": `rule-retire-ok-${r.body.code}` } }}
                onConfirm={() => setRetired(r, true)}
              >
                <Button type="link" size="small" danger loading={busy === r.body.code} data-testid={`rule-retire-${r.body.code}`}>
                  {t(`${K}.retire`)}
                </Button>
              </Popconfirm>
            )
          ) : null}
          <Button type="link" size="small" icon={<HistoryOutlined />} data-testid={`rule-versions-${r.body.code}`} onClick={() => setHistory(r)}>
            {t(`${K}.versions`)}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="rule-book">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 12, marginBottom: 8 }}>
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t(`${K}.title`)}
          </Typography.Title>
          <Typography.Text type="secondary">{t(`${K}.intro`)}</Typography.Text>
        </div>
        {canManage ? (
          <Space>
            <Button icon={<DownloadOutlined />} data-testid="rulebook-export" onClick={() => void exportBook()}>
              {t(`${K}.export`)}
            </Button>
            <Button icon={<UploadOutlined />} loading={busy === "import"} data-testid="rulebook-import" onClick={() => void importBook()}>
              {t(`${K}.import`)}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} data-testid="rule-add" onClick={() => setEditing("new")}>
              {t(`${K}.add`)}
            </Button>
          </Space>
        ) : null}
      </div>
      {imported ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setImported(null) }}
          style={{ marginBottom: 12 }}
          data-testid="rulebook-imported"
          title={t(`${K}.imported`, { ...imported })}
          description={imported.versions > 0 ? t(`${K}.importNote`) : undefined}
        />
      ) : null}
      {rules.error ? <Alert type="error" showIcon title={errorText(t, rules.error)} style={{ marginBottom: 12 }} /> : null}
      {rules.data && groups.length === 0 ? <Empty description={t(`${K}.empty`)} /> : null}
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        {groups.map((g) => (
          <Card
            key={g.category}
            size="small"
            data-testid={`rule-category-${g.category}`}
            title={categoryLabel(t, g.category)}
            extra={<span className="fd-muted">{t(`${K}.count`, { count: g.rows.length })}</span>}
          >
            <Table<RuleRow>
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={g.rows}
              pagination={false}
              tableLayout="fixed"
              scroll={{ x: 1120 }}
              rowClassName={(r) => (r.retired ? "fd-muted" : "")}
              onRow={(r) => ({ "data-testid": `rule-${r.body.code}` }) as HTMLAttributes<HTMLElement>}
            />
          </Card>
        ))}
      </Space>
      {rules.loading && !rules.data ? <Card loading size="small" /> : null}
      {editing !== null ? (
        <RuleEditor
          rule={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            rules.reload();
          }}
        />
      ) : null}
      {history ? <RuleVersions rule={history} onClose={() => setHistory(null)} /> : null}
    </div>
  );
}
