// The board's break queue (小休排队): requests waiting behind the line-full guard, in order, with
// how long each has waited; a lead grants out of turn (with a reason) or cancels. The queue's
// decisions are the backend's: this only shows them and passes on the lead's choices.
import { useState } from "react";
import { App, Button, Empty, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type Board, type BreakRequest } from "../../backend";
import { useSession } from "../../session";
import { useReportError, useBusy } from "../../lib/hooks";
import { formatTimer, siteDate, siteTime } from "./boardUtil";
import { elapsedSecs } from "./boardClock";

/** Whole seconds from `from` to `to` (RFC 3339), as the board's timers count them. */
const secsBetween = (from: string, to: string) => elapsedSecs(from, Date.parse(to));

export default function BreakQueue({ board, canOperate }: { board: Board; canOperate: boolean }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { site } = useSession();
  const { message } = App.useApp();
  const [granting, setGranting] = useState<number | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState(false);
  const { busy, run } = useBusy(report);
  const [history, setHistory] = useState<BreakRequest[] | null>(null);
  const queue = board.break_queue;
  const today = siteDate(board.now, site.time_zone);

  const grant = async (request: BreakRequest) => {
    if (!reason.trim()) {
      setReasonError(true);
      return;
    }
    await run(async () => {
      await backend.grantBreak(request.id, reason.trim());
      void message.success(t("breaks.granted", { name: request.name }));
      setGranting(null);
      setReason("");
    });
  };

  const cancel = async (request: BreakRequest) => {
    try {
      await backend.cancelBreakRequest(request.id);
      void message.info(t("breaks.cancelled", { name: request.name }));
    } catch (e) {
      report(e);
    }
  };

  const openHistory = async () => {
    try {
      setHistory(await backend.listBreakRequests(today));
    } catch (e) {
      report(e);
    }
  };

  return (
    <section className="fd-break-queue" data-testid="break-queue">
      <div className="fd-break-queue-head">
        <Typography.Text strong>
          {t("breaks.title")} <Tag color={queue.length ? "orange" : "default"} data-testid="break-queue-count">{queue.length}</Tag>
        </Typography.Text>
        <Button size="small" type="link" data-testid="break-history" onClick={() => void openHistory()}>
          {t("breaks.history")}
        </Button>
      </div>
      {queue.length === 0 ? (
        <Typography.Text type="secondary" className="fd-break-queue-empty">
          {t("breaks.empty")}
        </Typography.Text>
      ) : (
        <ol className="fd-break-queue-list">
          {queue.map((r, i) => (
            <li key={r.id} data-testid={`break-request-${r.employee_no}`}>
              <div className="fd-break-queue-row">
                <span className="fd-break-queue-pos">{t("breaks.position", { n: i + 1 })}</span>
                <span className="fd-break-queue-name">
                  {r.name} <Typography.Text type="secondary">{r.employee_no}</Typography.Text>
                </span>
                <span className="fd-timer fd-timer-warn" data-testid={`break-wait-${r.employee_no}`}>
                  {formatTimer(secsBetween(r.requested_at, board.now))}
                </span>
              </div>
              {canOperate ? (
                granting === r.id ? (
                  <Space.Compact style={{ width: "100%", marginTop: 4 }}>
                    <Input
                      size="small"
                      autoFocus
                      data-testid="break-grant-reason"
                      placeholder={t("breaks.grantReason")}
                      status={reasonError ? "error" : undefined}
                      value={reason}
                      onChange={(e) => {
                        setReason(e.target.value);
                        setReasonError(false);
                      }}
                      onPressEnter={() => void grant(r)}
                    />
                    <Button size="small" type="primary" loading={busy} data-testid="break-grant-confirm" onClick={() => void grant(r)}>
                      {t("breaks.grantConfirm")}
                    </Button>
                  </Space.Compact>
                ) : (
                  <Space size={4} className="fd-break-queue-actions">
                    <Button
                      size="small"
                      data-testid={`break-grant-${r.employee_no}`}
                      onClick={() => {
                        setGranting(r.id);
                        setReason("");
                        setReasonError(false);
                      }}
                    >
                      {t("breaks.grantNow")}
                    </Button>
                    <Popconfirm title={t("breaks.cancelConfirm", { name: r.name })} onConfirm={() => void cancel(r)}>
                      <Button size="small" type="text" danger data-testid={`break-cancel-${r.employee_no}`}>
                        {t("breaks.cancel")}
                      </Button>
                    </Popconfirm>
                  </Space>
                )
              ) : null}
              {granting === r.id && reasonError ? <Typography.Text type="danger">{t("breaks.reasonRequired")}</Typography.Text> : null}
            </li>
          ))}
        </ol>
      )}
      <Modal
        open={history != null}
        width={760}
        footer={null}
        title={t("breaks.historyTitle", { date: today })}
        onCancel={() => setHistory(null)}
        destroyOnHidden
      >
        {history && history.length === 0 ? (
          <Empty />
        ) : (
          <Table<BreakRequest>
            data-testid="break-history-table"
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={history ?? []}
            columns={[
              { title: t("breaks.requestedAt"), key: "at", width: 90, render: (_, r) => siteTime(r.requested_at, site.time_zone) },
              { title: t("breaks.agent"), key: "agent", render: (_, r) => `${r.name} ${r.employee_no}` },
              {
                title: t("breaks.status"),
                key: "status",
                render: (_, r) => (
                  <Tag color={{ waiting: "orange", granted: "green", dropped: "default", cancelled: "default" }[r.status]}>
                    {t(`breaks.statuses.${r.status}`)}
                  </Tag>
                ),
              },
              {
                title: t("breaks.wait"),
                key: "wait",
                width: 80,
                render: (_, r) => formatTimer(secsBetween(r.requested_at, r.decided_at ?? board.now)),
              },
              { title: t("breaks.decidedBy"), key: "by", render: (_, r) => r.decided_by ?? (r.status === "granted" ? t("breaks.byQueue") : "") },
              {
                title: t("breaks.note"),
                key: "note",
                render: (_, r) =>
                  r.out_of_turn_reason
                    ? t("breaks.outOfTurn", { reason: r.out_of_turn_reason })
                    : r.drop_reason
                      ? t(`breaks.dropReasons.${r.drop_reason}`)
                      : "",
              },
            ]}
          />
        )}
      </Modal>
    </section>
  );
}
