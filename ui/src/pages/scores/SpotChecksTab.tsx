// 质检 (seed 004: 集团客服部每月每个店必须抽查2次或以上): the month's spot checks the operator may
// see, each team's count against the minimum as the backend counts it (a team short of it
// flagged red), and for supervisors and managers (manage_scores) recording a check on the QA form
// (SpotCheckForm) and voiding one with a reason. A voided check stays listed, struck through.
import { useMemo, useState, type HTMLAttributes, type ReactNode } from "react";
import { Alert, App, Button, DatePicker, Empty, Input, Modal, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { CheckCircleFilled, FlagFilled, InfoCircleOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import { useTranslation } from "react-i18next";
import { useBackend, type QaForm, type SpotCheck, type TeamSpotChecks } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useBusy, useLoad } from "../../lib/hooks";
import { useCan, useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import SpotCheckForm from "./SpotCheckForm";
import { percentText, pointsText } from "./spotText";

dayjs.extend(utc);
dayjs.extend(timezone);

const S = "scores.spot";
const TOPICS = ["scores", "agents", "teams", "settings"] as const;

/** A voided check's cell, struck through. */
function Struck({ voided, children }: { voided: boolean; children: ReactNode }) {
  return voided ? <s className="fd-muted">{children}</s> : <>{children}</>;
}

function TeamStrip({ teams }: { teams: readonly TeamSpotChecks[] }) {
  const { t } = useTranslation();
  const below = teams.filter((x) => x.below).length;
  // Within the month a shortfall is still to be made up: amber, not red.
  const inProgress = teams.some((x) => x.in_progress);
  return (
    <div style={{ marginBottom: 12 }} data-testid="spot-coverage">
      <Typography.Text type="secondary" style={{ display: "block", marginBottom: 6 }}>
        {t(`${S}.coverage`)}
        {below > 0 ? (
          <Typography.Text type={inProgress ? "warning" : "danger"} style={{ marginInlineStart: 8 }} data-testid="spot-below-count">
            {t(inProgress ? `${S}.belowCountSoFar` : `${S}.belowCount`, { count: below })}
          </Typography.Text>
        ) : null}
      </Typography.Text>
      {teams.length === 0 ? (
        <Typography.Text type="secondary">{t(`${S}.noTeams`)}</Typography.Text>
      ) : (
        <Space wrap size={[8, 8]}>
          {teams.map((x) => (
            <Tooltip
              key={x.team_id}
              title={t(x.below ? `${S}.teamBelowTitle` : `${S}.teamOkTitle`, { team: x.team_name, checks: x.checks, required: x.required })}
            >
              <Tag
                color={x.below ? (x.in_progress ? "warning" : "error") : "success"}
                icon={x.below ? <FlagFilled /> : <CheckCircleFilled />}
                data-testid={`spot-team-${x.team_id}`}
                data-below={x.below ? "true" : "false"}
                style={{ padding: "4px 10px", fontSize: 13, marginInlineEnd: 0 }}
              >
                <strong>{x.team_name}</strong>{" "}
                {x.below ? t(`${S}.teamBelow`, { checks: x.checks, required: x.required }) : t(`${S}.teamDone`, { checks: x.checks, required: x.required })}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      )}
    </div>
  );
}

function ItemScores({ check, form }: { check: SpotCheck; form: QaForm | undefined }) {
  const { t } = useTranslation();
  const items = new Map((form?.items ?? []).map((i) => [i.id, i]));
  return (
    <div style={{ padding: "4px 8px" }} data-testid={`spot-items-${check.id}`}>
      <Typography.Text type="secondary">
        {t(`${S}.items`)} · {check.form_name}
      </Typography.Text>
      <table style={{ marginTop: 4, borderCollapse: "collapse" }}>
        <tbody>
          {check.scores.map(([id, points]) => {
            const item = items.get(id);
            return (
              <tr key={id}>
                <td style={{ paddingInlineEnd: 16 }}>{item?.name ?? `#${id}`}</td>
                <td style={{ textAlign: "right", fontVariantNumeric: "tabular-nums" }}>
                  {pointsText(points)}
                  {item ? <span className="fd-muted"> / {item.max_points}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {check.note ? (
        <div style={{ marginTop: 6, whiteSpace: "pre-wrap" }}>
          <Typography.Text type="secondary">{t(`${S}.note`)}：</Typography.Text>
          {check.note}
        </div>
      ) : null}
    </div>
  );
}

function VoidModal({ check, onClose, onVoided }: { check: SpotCheck; onClose: () => void; onVoided: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy((e) => setError(errorText(t, e)));
  const submit = () =>
    run(async () => {
      setError(null);
      await backend.voidSpotCheck(check.id, reason.trim());
      void message.success(t(`${S}.voidDone`));
      onVoided();
    });
  return (
    <Modal
      open
      title={t(`${S}.voidTitle`, { no: check.employee_no, name: check.name, date: formatDate(check.date) })}
      okText={t(`${S}.void`)}
      okButtonProps={{ danger: true, disabled: !reason.trim(), ...{ "data-testid": "spot-void-ok" } }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="spot-void">
        <Typography.Paragraph type="secondary">{t(`${S}.voidText`)}</Typography.Paragraph>
        <Typography.Text strong>{t(`${S}.voidReason`)}</Typography.Text>
        <Input.TextArea
          rows={3}
          value={reason}
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t(`${S}.voidReason`)}
          data-testid="spot-void-reason"
          style={{ marginTop: 4 }}
        />
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="spot-void-error" /> : null}
      </div>
    </Modal>
  );
}

export default function SpotChecksTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const zone = useSession().site.time_zone;
  const canWrite = useCan("manage_scores");
  const today = dayjs().tz(zone).format("YYYY-MM-DD");
  const [month, setMonth] = useState(() => today.slice(0, 7));
  const checks = useLoad(["scores", "spotChecks", month], TOPICS, () => backend.spotChecks(month));
  const coverage = useLoad(["scores", "spotCheckCoverage", month], TOPICS, () => backend.spotCheckCoverage(month));
  const forms = useLoad(["scores", "qaForms"], ["scores"], () => backend.qaForms());
  const people = useLoad(["scores", "people"], ["scores", "agents", "users", "teams"], () => backend.scorePeople(), { enabled: canWrite });
  const [creating, setCreating] = useState(false);
  const [voiding, setVoiding] = useState<SpotCheck | null>(null);

  const rows = useMemo(() => checks.data ?? [], [checks.data]);
  const formById = useMemo(() => new Map((forms.data ?? []).map((f) => [f.id, f])), [forms.data]);
  const counted = rows.filter((c) => !c.voided_at).length;
  const voided = rows.length - counted;
  const min = coverage.data?.[0]?.required;
  const anyForm = (forms.data ?? []).some((f) => f.active);

  const reload = () => {
    checks.reload();
    coverage.reload();
  };

  const columns: TableColumnsType<SpotCheck> = [
    {
      title: t(`${S}.columns.date`),
      key: "date",
      width: 110,
      render: (_: unknown, c) => <Struck voided={!!c.voided_at}>{formatDate(c.date)}</Struck>,
    },
    {
      title: t(`${S}.columns.employeeNo`),
      key: "employee_no",
      width: 80,
      render: (_: unknown, c) => <Struck voided={!!c.voided_at}>{c.employee_no}</Struck>,
    },
    {
      title: t(`${S}.columns.name`),
      key: "name",
      width: 90,
      render: (_: unknown, c) => <Struck voided={!!c.voided_at}>{c.name}</Struck>,
    },
    {
      title: t(`${S}.columns.team`),
      key: "team",
      width: 100,
      render: (_: unknown, c) => <Struck voided={!!c.voided_at}>{c.team_name ?? t(`${S}.noTeam`)}</Struck>,
    },
    {
      title: t(`${S}.columns.sample`),
      key: "sample",
      render: (_: unknown, c) => <Struck voided={!!c.voided_at}>{c.sample}</Struck>,
    },
    {
      title: t(`${S}.columns.score`),
      key: "score",
      width: 150,
      align: "right",
      render: (_: unknown, c) => (
        <Struck voided={!!c.voided_at}>
          <span style={{ fontVariantNumeric: "tabular-nums" }} data-testid={`spot-score-${c.id}`}>
            {t(`${S}.points`, { points: pointsText(c.points), max: c.max_points })}
            <span className="fd-muted" style={{ marginInlineStart: 6 }}>
              {t(`${S}.percent`, { percent: percentText(c.percent) })}
            </span>
          </span>
        </Struck>
      ),
    },
    {
      title: t(`${S}.columns.checker`),
      key: "checker",
      width: 110,
      render: (_: unknown, c) => (
        <span title={t(`${S}.checkedAt`, { at: siteDateTime(c.checked_at, zone) })}>
          <Struck voided={!!c.voided_at}>{c.checked_by_name ?? "—"}</Struck>
        </span>
      ),
    },
    {
      title: t(`${S}.columns.actions`),
      key: "actions",
      width: 200,
      render: (_: unknown, c) =>
        c.voided_at ? (
          <Tooltip title={t(`${S}.voidedTitle`, { at: siteDateTime(c.voided_at, zone), reason: c.void_reason ?? "" })}>
            <Tag color="default" icon={<StopOutlined />} data-testid={`spot-voided-${c.id}`} style={{ whiteSpace: "normal" }}>
              {t(`${S}.voidedReason`, { reason: c.void_reason ?? "" })}
            </Tag>
          </Tooltip>
        ) : canWrite ? (
          <Button size="small" danger type="link" data-testid={`spot-void-${c.id}`} onClick={() => setVoiding(c)}>
            {t(`${S}.void`)}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="spot-checks-page">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="spot-rule">
        <InfoCircleOutlined style={{ marginInlineEnd: 6 }} />
        {min !== undefined ? t(`${S}.rule`, { min }) : t(`${S}.ruleNoMin`)}
      </Typography.Paragraph>
      <Space wrap size={8} style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format="YYYY-MM"
          aria-label={t(`${S}.month`)}
          data-testid="spot-month"
          onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
        />
        {canWrite ? (
          <Tooltip title={forms.data && !anyForm ? t(`${S}.noForm`) : undefined}>
            <Button type="primary" icon={<PlusOutlined />} disabled={!anyForm} data-testid="spot-new" onClick={() => setCreating(true)}>
              {t(`${S}.new`)}
            </Button>
          </Tooltip>
        ) : null}
        {checks.data ? (
          <Typography.Text type="secondary" data-testid="spot-summary">
            {t(`${S}.summary`, { count: counted })}
            {voided > 0 ? t(`${S}.summaryVoided`, { count: voided }) : null}
          </Typography.Text>
        ) : null}
      </Space>

      {coverage.error ? <Alert type="error" showIcon title={errorText(t, coverage.error)} style={{ marginBottom: 12 }} /> : null}
      {coverage.data ? <TeamStrip teams={coverage.data} /> : null}

      {checks.error ? <Alert type="error" showIcon title={errorText(t, checks.error)} style={{ marginBottom: 12 }} data-testid="spot-error" /> : null}
      <div className="fd-panel">
        <Table<SpotCheck>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={checks.loading && !checks.data}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          expandable={{ expandedRowRender: (c) => <ItemScores check={c} form={formById.get(c.form_id)} /> }}
          onRow={(c) => ({ "data-testid": `spot-row-${c.id}`, "data-voided": c.voided_at ? "true" : "false" }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t(`${S}.empty`)} /> }}
        />
      </div>

      {creating && forms.data ? (
        <SpotCheckForm
          forms={forms.data}
          people={people.data ?? []}
          today={today}
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            void message.success(t(`${S}.form.saved`, { no: c.employee_no, name: c.name, points: pointsText(c.points) }));
            if (c.date.slice(0, 7) !== month) setMonth(c.date.slice(0, 7));
            reload();
          }}
        />
      ) : null}
      {voiding ? (
        <VoidModal
          check={voiding}
          onClose={() => setVoiding(null)}
          onVoided={() => {
            setVoiding(null);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
