// 请假: a request (agent, dates, kind, half day, reason, who covers), and the month's 请假记录
// with approve and reject, both signed with the supervisor's PIN. Approved days are marked on
// the grid (display only; the backend's check flags a shift on them). The backend's leave flags
// (未提前请假, 未安排顶班) are tagged on the request they are about.
import { memo, useEffect, useState } from "react";
import { Button, Checkbox, DatePicker, Drawer, Empty, Form, Input, Modal, Radio, Space, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type LeaveFlag, type LeaveInput, type LeaveKind, type LeaveRequest, type RosterAgent } from "../../backend";
import { formatDateTime } from "../../lib/format";
import AgentPicker from "./AgentPicker";
import DecisionModal from "./DecisionModal";
import { LeaveFlagTag } from "./LeaveFlags";
import { statusTag } from "./Swaps";
import { useBusy } from "../../lib/hooks";

export const LEAVE_KINDS: readonly LeaveKind[] = ["sick", "personal", "annual", "in_lieu", "other"];

type LeaveValues = { agent: string; from: Dayjs; to: Dayjs; kind: LeaveKind; half: boolean; reason?: string; cover?: string | null };

export const LeaveRequestModal = memo(function LeaveRequestModal(props: {
  open: boolean;
  agents: readonly RosterAgent[];
  initial: { employee_no: string; date: string } | null;
  /** The operator's own 工号 when they may ask only for themselves (an agent): the agent is locked to it. */
  self?: string | null;
  onCancel: () => void;
  onDone: () => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [form] = Form.useForm<LeaveValues>();
  const { busy, run } = useBusy(props.onError);
  const agent = Form.useWatch("agent", form);
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (props.initial)
      form.setFieldsValue({ agent: props.initial.employee_no, from: dayjs(props.initial.date), to: dayjs(props.initial.date) });
    if (props.self) form.setFieldsValue({ agent: props.self });
  }, [props.open, props.initial, props.self, form]);
  const submit = async () => {
    const v = await form.validateFields();
    const input: LeaveInput = {
      employee_no: v.agent,
      from: v.from.format("YYYY-MM-DD"),
      to: v.to.format("YYYY-MM-DD"),
      kind: v.kind,
      half_day: !!v.half,
      reason: v.reason?.trim() || null,
      cover: v.cover || null,
    };
    await run(async () => {
      await backend.requestLeave(input);
      props.onDone();
    });
  };
  return (
    <Modal
      open={props.open}
      title={t("rosterRequests.leaveRequestTitle")}
      okText={t("rosterRequests.submit")}
      okButtonProps={{ ...{ "data-testid": "leave-request-ok" } }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onCancel={props.onCancel}
      onOk={() => void submit().catch(() => {})}
      forceRender
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "personal", half: false }}>
        <Form.Item name="agent" label={t("rosterRequests.agent")} rules={[{ required: true, message: t("rosterRequests.agentRequired") }]}>
          <AgentPicker agents={props.agents} disabled={!!props.self} testId="leave-agent" />
        </Form.Item>
        <Space>
          <Form.Item name="from" label={t("rosterRequests.from")} rules={[{ required: true, message: t("rosterRequests.dateRequired") }]}>
            <DatePicker allowClear={false} data-testid="leave-from" />
          </Form.Item>
          <Form.Item
            name="to"
            label={t("rosterRequests.to")}
            dependencies={["from"]}
            rules={[
              { required: true, message: t("rosterRequests.dateRequired") },
              ({ getFieldValue }) => ({
                validator: (_r, value: Dayjs | undefined) => {
                  const from = getFieldValue("from") as Dayjs | undefined;
                  return value && from && value.isBefore(from, "day") ? Promise.reject(new Error(t("errors.leave.ends_before_start"))) : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker allowClear={false} data-testid="leave-to" />
          </Form.Item>
          <Form.Item name="half" valuePropName="checked" label=" ">
            <Checkbox data-testid="leave-half">{t("rosterRequests.halfDay")}</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item name="kind" label={t("rosterRequests.leaveKind")}>
          <Radio.Group data-testid="leave-kind">
            {LEAVE_KINDS.map((k) => (
              <Radio key={k} value={k}>
                {t(`rosterRequests.leaveKinds.${k}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t("fields.reason")}>
          <Input.TextArea rows={2} data-testid="leave-reason" />
        </Form.Item>
        <Form.Item name="cover" label={t("rosterRequests.cover")}>
          <AgentPicker agents={props.agents} exclude={agent} allowClear placeholder={t("rosterRequests.noCover")} testId="leave-cover" />
        </Form.Item>
      </Form>
    </Modal>
  );
});

export function leaveKindLabel(t: (k: string) => string, kind: LeaveKind): string {
  return t(`rosterRequests.leaveKinds.${kind}`);
}

/** The flags about one request, one of each kind (a flag may be given for each of its days). */
function flagsOf(flags: readonly LeaveFlag[], leaveId: number): LeaveFlag[] {
  const seen = new Map<string, LeaveFlag>();
  for (const f of flags) if (f.leave_id === leaveId && !seen.has(f.flag)) seen.set(f.flag, f);
  return [...seen.values()];
}

/** 请假记录: the month's leave requests; supervisors approve or reject with their PIN. */
export const LeaveRecords = memo(function LeaveRecords(props: {
  open: boolean;
  leave: readonly LeaveRequest[];
  /** The backend's flags; each is tagged on the request it is about. */
  flags: readonly LeaveFlag[];
  canDecide: boolean;
  agentName: (no: string) => string;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [deciding, setDeciding] = useState<{ l: LeaveRequest; approve: boolean } | null>(null);
  return (
    <>
      <Drawer open={props.open} title={t("rosterRequests.leaveRecords")} onClose={props.onClose} size={480}>
        <div data-testid="leave-records">
          {props.leave.length === 0 ? (
            <Empty description={t("rosterRequests.noLeave")} />
          ) : (
            <ul className="fd-roster-vlist fd-request-list">
              {props.leave.map((l) => (
                <li key={l.id} data-testid={`leave-${l.id}`}>
                  <div>
                    <b>{props.agentName(l.employee_no)}</b> · {l.from === l.to ? l.from : `${l.from} – ${l.to}`} ·{" "}
                    <Tag>{leaveKindLabel(t, l.kind)}</Tag>
                    {l.half_day ? <Tag>{t("rosterRequests.halfDay")}</Tag> : null}
                    {statusTag(t, l.status)}
                    {flagsOf(props.flags, l.id).map((f) => (
                      <LeaveFlagTag key={f.flag} flag={f} testId={`leave-flag-${l.id}-${f.flag}`} />
                    ))}
                  </div>
                  {l.reason ? (
                    <div>
                      {t("fields.reason")}：{l.reason}
                    </div>
                  ) : null}
                  {l.cover ? <div>{t("rosterRequests.coveredBy", { who: props.agentName(l.cover) })}</div> : null}
                  <div className="fd-muted">{t("rosterRequests.requestedAt", { at: formatDateTime(l.requested_at) })}</div>
                  {l.decided_at ? (
                    <div>
                      {t(l.status === "approved" ? "rosterRequests.approvedBy" : "rosterRequests.rejectedBy", {
                        who: l.decided_by ?? "—",
                        at: formatDateTime(l.decided_at),
                      })}
                      {l.decision_note ? ` · ${l.decision_note}` : ""}
                    </div>
                  ) : null}
                  {props.canDecide && l.status === "pending" ? (
                    <Space size={4} style={{ marginTop: 4 }}>
                      <Button size="small" type="primary" data-testid={`leave-approve-${l.id}`} onClick={() => setDeciding({ l, approve: true })}>
                        {t("rosterRequests.approve")}
                      </Button>
                      <Button size="small" danger data-testid={`leave-reject-${l.id}`} onClick={() => setDeciding({ l, approve: false })}>
                        {t("rosterRequests.reject")}
                      </Button>
                    </Space>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Drawer>
      <DecisionModal
        open={!!deciding}
        title={deciding?.approve ? t("rosterRequests.approveLeaveTitle") : t("rosterRequests.rejectLeaveTitle")}
        okText={deciding?.approve ? t("rosterRequests.approve") : t("rosterRequests.reject")}
        danger={!deciding?.approve}
        pin
        note="optional"
        testId="leave-decide"
        onCancel={() => setDeciding(null)}
        onOk={async ({ pin, note }) => {
          if (!deciding) return;
          await backend.decideLeave(deciding.l.id, deciding.approve, pin, note || null);
          setDeciding(null);
          props.onDecided();
        }}
      >
        {deciding ? (
          <p>
            {props.agentName(deciding.l.employee_no)} · {deciding.l.from} – {deciding.l.to} · {leaveKindLabel(t, deciding.l.kind)}
          </p>
        ) : null}
      </DecisionModal>
    </>
  );
});
