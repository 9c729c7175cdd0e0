// 换班/代班: a request (it changes no cell: the grid changes only when a supervisor signs it),
// the month's 换班记录 with approve (signed with the approver's PIN) and reject, and the printed
// 换班记录表 of one request.
import { memo, useEffect, useState } from "react";
import { Button, DatePicker, Drawer, Empty, Form, Input, Modal, Radio, Space, Tag } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useBackend, type RosterAgent, type SwapInput, type SwapRequest, type SwapStatus } from "../../backend";
import { formatDateTime } from "../../lib/format";
import AgentPicker from "./AgentPicker";
import DecisionModal from "./DecisionModal";
import SavePdfButton from "../../components/SavePdfButton";
import { swapCellDates } from "./marks";
import { useBusy } from "../../lib/hooks";

const STATUS_COLOUR: Record<SwapStatus, string> = { pending: "gold", approved: "green", rejected: "default" };

export function statusTag(t: TFunction, status: SwapStatus) {
  return <Tag color={STATUS_COLOUR[status]}>{t(`rosterRequests.status.${status}`)}</Tag>;
}

type SwapValues = { a: string; dateA: Dayjs; kind: "swap" | "cover"; b: string; dateB?: Dayjs; reason: string };

/**
 * 申请换班: agent A and date A from the selected cell; exactly one `requestSwap`. An agent asks
 * only for themselves: A is locked to their 工号 (a colleague's selected cell becomes B).
 */
export const SwapRequestModal = memo(function SwapRequestModal(props: {
  open: boolean;
  agents: readonly RosterAgent[];
  initial: { employee_no: string; date: string } | null;
  /** The operator's own 工号 when they may ask only for themselves (an agent). */
  self?: string | null;
  onCancel: () => void;
  onDone: () => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [form] = Form.useForm<SwapValues>();
  const { busy, run } = useBusy(props.onError);
  const kind = Form.useWatch("kind", form);
  const a = Form.useWatch("a", form);
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    const { initial, self } = props;
    if (self) {
      form.setFieldsValue({ a: self });
      if (initial) form.setFieldsValue({ dateA: dayjs(initial.date), ...(initial.employee_no !== self ? { b: initial.employee_no } : {}) });
    } else if (initial) form.setFieldsValue({ a: initial.employee_no, dateA: dayjs(initial.date) });
  }, [props.open, props.initial, props.self, form]);
  const submit = async () => {
    const v = await form.validateFields();
    const input: SwapInput = {
      employee_no_a: v.a,
      date_a: v.dateA.format("YYYY-MM-DD"),
      employee_no_b: v.b,
      date_b: v.kind === "swap" && v.dateB ? v.dateB.format("YYYY-MM-DD") : null,
      reason: v.reason.trim(),
    };
    await run(async () => {
      await backend.requestSwap(input);
      props.onDone();
    });
  };
  return (
    <Modal
      open={props.open}
      title={t("rosterRequests.swapRequestTitle")}
      okText={t("rosterRequests.submit")}
      okButtonProps={{ ...{ "data-testid": "swap-request-ok" } }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onCancel={props.onCancel}
      onOk={() => void submit().catch(() => {})}
      forceRender
      destroyOnHidden
    >
      <p className="fd-muted">{t("rosterRequests.swapHint")}</p>
      <Form form={form} layout="vertical" initialValues={{ kind: "swap" }}>
        <Form.Item name="kind" label={t("rosterRequests.swapKind")}>
          <Radio.Group data-testid="swap-kind">
            <Radio value="swap">{t("rosterRequests.kind.swap")}</Radio>
            <Radio value="cover">{t("rosterRequests.kind.cover")}</Radio>
          </Radio.Group>
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="a" label={t("rosterRequests.agentA")} style={{ flex: 1 }} rules={[{ required: true, message: t("rosterRequests.agentRequired") }]}>
            <AgentPicker agents={props.agents} disabled={!!props.self} testId="swap-a" />
          </Form.Item>
          <Form.Item name="dateA" label={t("rosterRequests.dateA")} rules={[{ required: true, message: t("rosterRequests.dateRequired") }]}>
            <DatePicker allowClear={false} data-testid="swap-date-a" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="b"
            label={kind === "cover" ? t("rosterRequests.coverAgent") : t("rosterRequests.agentB")}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t("rosterRequests.agentRequired") }]}
          >
            <AgentPicker agents={props.agents} exclude={a} testId="swap-b" />
          </Form.Item>
          {kind === "cover" ? null : (
            <Form.Item name="dateB" label={t("rosterRequests.dateB")} rules={[{ required: true, message: t("rosterRequests.dateRequired") }]}>
              <DatePicker allowClear={false} data-testid="swap-date-b" />
            </Form.Item>
          )}
        </Space.Compact>
        <Form.Item name="reason" label={t("fields.reason")} rules={[{ required: true, whitespace: true, message: t("roster.reasonRequired") }]}>
          <Input.TextArea rows={2} data-testid="swap-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
});

/** A's and B's cells on date A (then date B): as they stood when approved, else as they stand. */
function beforeCells(s: SwapRequest, current: (no: string, date: string) => string): string[] {
  if (s.status === "approved") return s.cells_before;
  return swapCellDates(s).map((c) => current(c.employee_no, c.date));
}

function SwapSummary({ s, current, print }: { s: SwapRequest; current: (no: string, date: string) => string; print?: boolean }) {
  const { t } = useTranslation();
  const before = beforeCells(s, current);
  const cellText = (v: string | undefined) => (v ? v : t("roster.emptyCell"));
  const rows: [string, string, string][] = [[s.date_a, cellText(before[0]), cellText(before[1])]];
  if (s.date_b) rows.push([s.date_b, cellText(before[2]), cellText(before[3])]);
  const A = `${s.employee_no_a} ${s.name_a}`;
  const B = `${s.employee_no_b} ${s.name_b}`;
  return (
    <div className="fd-swap-summary">
      <div>
        <b>{A}</b> ⇄ <b>{B}</b> · {s.date_b ? t("rosterRequests.kind.swap") : t("rosterRequests.kind.cover")}
        {print ? null : <> {statusTag(t, s.status)}</>}
      </div>
      <table className="fd-swap-cells">
        <thead>
          <tr>
            <th>{t("rosterRequests.date")}</th>
            <th>{A}</th>
            <th>{B}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([date, x, y]) => (
            <tr key={date}>
              <td>{date}</td>
              <td>{x}</td>
              <td>{y}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="fd-muted">
        {s.status === "approved" ? t("rosterRequests.cellsBeforeApproved") : t("rosterRequests.cellsNow")}
      </div>
      <div>
        {t("fields.reason")}：{s.reason}
      </div>
      <div className="fd-muted">
        {t("rosterRequests.requestedBy", { who: s.requested_by ?? "—", at: formatDateTime(s.requested_at) })}
      </div>
      {s.decided_at ? (
        <div>
          {t(s.status === "approved" ? "rosterRequests.approvedBy" : "rosterRequests.rejectedBy", {
            who: s.decided_by ?? "—",
            at: formatDateTime(s.decided_at),
          })}
          {s.decision_note ? ` · ${s.decision_note}` : ""}
        </div>
      ) : null}
    </div>
  );
}

/** 换班记录: the month's requests, newest first; supervisors approve (PIN) or reject (note). */
export const SwapRecords = memo(function SwapRecords(props: {
  open: boolean;
  swaps: readonly SwapRequest[];
  canDecide: boolean;
  current: (no: string, date: string) => string;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [approving, setApproving] = useState<SwapRequest | null>(null);
  const [rejecting, setRejecting] = useState<SwapRequest | null>(null);
  const [printing, setPrinting] = useState<SwapRequest | null>(null);
  return (
    <>
      <Drawer open={props.open} title={t("rosterRequests.swapRecords")} onClose={props.onClose} size={520}>
        <div data-testid="swap-records">
          {props.swaps.length === 0 ? (
            <Empty description={t("rosterRequests.noSwaps")} />
          ) : (
            <ul className="fd-roster-vlist fd-request-list">
              {props.swaps.map((s) => (
                <li key={s.id} data-testid={`swap-${s.id}`}>
                  <SwapSummary s={s} current={props.current} />
                  <Space size={4} style={{ marginTop: 4 }}>
                    {props.canDecide && s.status === "pending" ? (
                      <>
                        <Button size="small" type="primary" data-testid={`swap-approve-${s.id}`} onClick={() => setApproving(s)}>
                          {t("rosterRequests.approve")}
                        </Button>
                        <Button size="small" danger data-testid={`swap-reject-${s.id}`} onClick={() => setRejecting(s)}>
                          {t("rosterRequests.reject")}
                        </Button>
                      </>
                    ) : null}
                    <Button size="small" icon={<PrinterOutlined />} data-testid={`swap-print-${s.id}`} onClick={() => setPrinting(s)}>
                      {t("rosterRequests.printView")}
                    </Button>
                  </Space>
                </li>
              ))}
            </ul>
          )}
        </div>
      </Drawer>
      <DecisionModal
        open={!!approving}
        title={t("rosterRequests.approveSwapTitle")}
        okText={t("rosterRequests.approve")}
        pin
        note="none"
        testId="swap-approve"
        onCancel={() => setApproving(null)}
        onOk={async ({ pin }) => {
          if (!approving) return;
          await backend.approveSwap(approving.id, pin);
          setApproving(null);
          props.onDecided();
        }}
      >
        {approving ? <SwapSummary s={approving} current={props.current} /> : null}
      </DecisionModal>
      <DecisionModal
        open={!!rejecting}
        title={t("rosterRequests.rejectSwapTitle")}
        okText={t("rosterRequests.reject")}
        danger
        pin={false}
        note="required"
        testId="swap-reject"
        onCancel={() => setRejecting(null)}
        onOk={async ({ note }) => {
          if (!rejecting) return;
          await backend.rejectSwap(rejecting.id, note);
          setRejecting(null);
          props.onDecided();
        }}
      />
      <SwapPrint swap={printing} current={props.current} onClose={() => setPrinting(null)} />
    </>
  );
});

/** 换班记录表 of one request, as printed (A4; the print stylesheet hides all but `.fd-print-record`). */
export function SwapPrint({ swap, current, onClose }: { swap: SwapRequest | null; current: (no: string, date: string) => string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!swap}
      title={t("rosterRequests.printTitle")}
      onCancel={onClose}
      zIndex={1100}
      width={720}
      footer={[
        <Button key="close" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <SavePdfButton
          key="pdf"
          defaultName={`${t("rosterRequests.printTitle")}-${swap?.id ?? ""}.pdf`}
          landscape={false}
          testId="swap-print-pdf"
        />,
        <Button key="print" type="primary" icon={<PrinterOutlined />} data-testid="swap-print-go" onClick={() => window.print()}>
          {t("rosterRequests.print")}
        </Button>,
      ]}
      destroyOnHidden
    >
      {swap ? (
        <div className="fd-print-record" data-testid="swap-print">
          <h2>{t("rosterRequests.printTitle")}</h2>
          <SwapSummary s={swap} current={current} print />
          <div>
            {t("rosterRequests.status.label")}：{t(`rosterRequests.status.${swap.status}`)}
          </div>
          <div className="fd-print-sign">
            <span>{t("rosterRequests.approver")}：{swap.status === "approved" ? (swap.decided_by ?? "") : ""}</span>
            <span>{t("rosterRequests.signedAt")}：{swap.status === "approved" ? formatDateTime(swap.decided_at) : ""}</span>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
