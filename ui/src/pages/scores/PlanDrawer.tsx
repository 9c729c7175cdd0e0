// One improvement plan: the assessment that put the person on the list, then its three steps:
// 提交 (原因分析 + 改进计划, once), 跟进 (notes, as a timeline, while filed) and 结案 (with the
// outcome). Each step sends what was typed and shows the plan as the backend returns it; a
// refusal (scores.plan_state, validation.required) shows in the drawer in the backend's words.
import { useState, type ReactNode } from "react";
import { Alert, App, Button, Descriptions, Drawer, Empty, Input, Space, Timeline, Typography } from "antd";
import { CheckCircleOutlined, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type ImprovementPlan } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useBusy } from "../../lib/hooks";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { PlanStatusTag, usePutPlan } from "./planData";

const D = "scores.plans.drawer";

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section style={{ marginTop: 20 }} data-testid={testId}>
      <Typography.Title level={5} style={{ marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Text({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 8 }} data-testid={testId}>
      {children}
    </Typography.Paragraph>
  );
}

export default function PlanDrawer({ plan, canWrite, onClose }: { plan: ImprovementPlan; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const zone = useSession().site.time_zone;
  const put = usePutPlan();
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy((e) => setError(errorText(t, e)));
  const [cause, setCause] = useState("");
  const [planText, setPlanText] = useState("");
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState("");
  const at = (iso: string | null) => siteDateTime(iso, zone);
  const nobody = t(`${D}.nobody`);

  const step = (work: () => Promise<ImprovementPlan>, done: string, after: () => void) =>
    run(async () => {
      setError(null);
      const next = await work();
      put(next);
      after();
      void message.success(done);
    });

  const open = plan.status === "due" || plan.status === "overdue";
  const filed = plan.status === "filed";

  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      destroyOnHidden
      title={
        <Space size={8}>
          <span>{t(`${D}.title`, { no: plan.employee_no, name: plan.name })}</span>
          <PlanStatusTag status={plan.status} testId="plan-drawer-status" />
        </Space>
      }
    >
      <div data-testid="plan-drawer">
        <Descriptions size="small" column={2} bordered title={t(`${D}.facts`)}>
          <Descriptions.Item label={t(`${D}.month`)}>{plan.month}</Descriptions.Item>
          <Descriptions.Item label={t(`${D}.team`)}>{plan.team_name ?? t("scores.plans.noTeam")}</Descriptions.Item>
          <Descriptions.Item label={t(`${D}.composite`)}>{plan.composite_text}</Descriptions.Item>
          <Descriptions.Item label={t(`${D}.rank`)}>{t("scores.plans.rankOf", { rank: plan.rank, ranked: plan.ranked })}</Descriptions.Item>
          <Descriptions.Item label={t(`${D}.dueOn`)} span={2}>
            <Typography.Text type={plan.status === "overdue" ? "danger" : undefined} data-testid="plan-due">
              {formatDate(plan.due_on)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>

        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="plan-error" closable onClose={() => setError(null)} /> : null}

        <Section title={t(`${D}.plan`)} testId="plan-section-file">
          {open ? (
            canWrite ? (
              <>
                <Typography.Text strong>{t(`${D}.cause`)}</Typography.Text>
                <Input.TextArea
                  rows={4}
                  value={cause}
                  maxLength={2000}
                  onChange={(e) => setCause(e.target.value)}
                  placeholder={t(`${D}.causePlaceholder`)}
                  aria-label={t(`${D}.cause`)}
                  data-testid="plan-cause"
                  style={{ margin: "4px 0 12px" }}
                />
                <Typography.Text strong>{t(`${D}.planText`)}</Typography.Text>
                <Input.TextArea
                  rows={5}
                  value={planText}
                  maxLength={2000}
                  onChange={(e) => setPlanText(e.target.value)}
                  placeholder={t(`${D}.planPlaceholder`)}
                  aria-label={t(`${D}.planText`)}
                  data-testid="plan-plan"
                  style={{ margin: "4px 0 12px" }}
                />
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={busy}
                  disabled={!cause.trim() || !planText.trim()}
                  data-testid="plan-file"
                  onClick={() =>
                    void step(
                      () => backend.fileImprovementPlan(plan.id, cause.trim(), planText.trim()),
                      t(`${D}.filed`),
                      () => {
                        setCause("");
                        setPlanText("");
                      },
                    )
                  }
                >
                  {t(`${D}.file`)}
                </Button>
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${D}.notFiled`)}>
                <span className="fd-muted">{t(`${D}.notFiledHint`)}</span>
              </Empty>
            )
          ) : (
            <>
              <Typography.Text strong>{t(`${D}.cause`)}</Typography.Text>
              <Text testId="plan-cause-text">{plan.cause}</Text>
              <Typography.Text strong>{t(`${D}.planText`)}</Typography.Text>
              <Text testId="plan-plan-text">{plan.plan}</Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`${D}.filedBy`, { by: plan.filed_by_name ?? nobody, at: at(plan.filed_at) })}
              </Typography.Text>
            </>
          )}
        </Section>

        <Section title={t(`${D}.followups`)} testId="plan-section-followups">
          {plan.followups.length === 0 ? (
            <Typography.Text type="secondary">{open ? t(`${D}.closeNeedsFiling`) : t(`${D}.noFollowups`)}</Typography.Text>
          ) : (
            <Timeline
              style={{ marginTop: 8 }}
              data-testid="plan-followups"
              items={plan.followups.map((f) => ({
                key: f.id,
                color: "blue",
                content: (
                  <div data-testid={`plan-followup-${f.id}`}>
                    <div className="fd-muted" style={{ fontSize: 12 }}>
                      {t(`${D}.followupBy`, { by: f.by_name ?? nobody, at: at(f.at) })}
                    </div>
                    <div style={{ whiteSpace: "pre-wrap" }}>{f.note}</div>
                  </div>
                ),
              }))}
            />
          )}
          {filed && canWrite ? (
            <div style={{ marginTop: 8 }}>
              <Input.TextArea
                rows={3}
                value={note}
                maxLength={2000}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t(`${D}.followupPlaceholder`)}
                aria-label={t(`${D}.followups`)}
                data-testid="plan-followup"
                style={{ marginBottom: 8 }}
              />
              <Button
                loading={busy}
                disabled={!note.trim()}
                data-testid="plan-followup-add"
                onClick={() => void step(() => backend.addImprovementFollowup(plan.id, note.trim()), t(`${D}.followupAdded`), () => setNote(""))}
              >
                {t(`${D}.followupAdd`)}
              </Button>
            </div>
          ) : null}
        </Section>

        {plan.status === "closed" ? (
          <Section title={t(`${D}.close`)} testId="plan-section-close">
            <Typography.Text strong>{t(`${D}.outcome`)}</Typography.Text>
            <Text testId="plan-outcome-text">{plan.outcome}</Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <CheckCircleOutlined style={{ color: "#52c41a", marginInlineEnd: 4 }} />
              {t(`${D}.closedBy`, { by: plan.closed_by_name ?? nobody, at: at(plan.closed_at) })}
            </Typography.Text>
          </Section>
        ) : filed && canWrite ? (
          <Section title={t(`${D}.close`)} testId="plan-section-close">
            <Typography.Text strong>{t(`${D}.outcome`)}</Typography.Text>
            <Input.TextArea
              rows={3}
              value={outcome}
              maxLength={2000}
              onChange={(e) => setOutcome(e.target.value)}
              placeholder={t(`${D}.outcomePlaceholder`)}
              aria-label={t(`${D}.outcome`)}
              data-testid="plan-outcome"
              style={{ margin: "4px 0 8px" }}
            />
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              loading={busy}
              disabled={!outcome.trim()}
              data-testid="plan-close"
              onClick={() => void step(() => backend.closeImprovementPlan(plan.id, outcome.trim()), t(`${D}.closed`), () => setOutcome(""))}
            >
              {t(`${D}.closeAction`)}
            </Button>
          </Section>
        ) : null}
      </div>
    </Drawer>
  );
}
