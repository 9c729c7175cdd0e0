// The board's alert panel: open alerts (newest first, from the pushed board) with acknowledge
// and a note, and the alerts of a chosen day. New alerts beep and flash.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, Empty, Input, Space, Tabs, Tag, Typography } from "antd";
import { AuditOutlined, BellOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type Alert, type Board, type StoredAlert } from "../../backend";
import { useCan, useSession } from "../../session";
import { useReportError, useBusy } from "../../lib/hooks";
import { alertRuleName, siteDate, siteTime } from "./boardUtil";
import NoticeTag from "./NoticeTag";
import { alertKey, useFreshAlerts } from "./freshAlerts";
import { alertDetail } from "./alertDetail";
import HandoverReminders from "./HandoverReminders";
import OverdueComplaints from "./OverdueComplaints";
import RecordFromAlert from "../incidents/RecordFromAlert";


export default function AlertPanel({ board, canOperate }: { board: Board; canOperate: boolean }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { site } = useSession();
  const canRecord = useCan("record_incidents");
  /** The alert being recorded as an incident (记为违规). */
  const [recording, setRecording] = useState<Alert | null>(null);
  const [tab, setTab] = useState("open");
  const [acking, setAcking] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const { busy, run } = useBusy(report);
  const [acked, setAcked] = useState<Set<number>>(() => new Set());
  const fresh = useFreshAlerts();
  const today = siteDate(board.now, site.time_zone);
  const [day, setDay] = useState<string>(today);
  const [history, setHistory] = useState<StoredAlert[] | null>(null);

  const names = useMemo(() => new Map(board.agents.map((a) => [a.employee_no, a.name])), [board.agents]);


  const loadHistory = useCallback(
    async (date: string) => {
      try {
        setHistory(await backend.listAlerts(date));
      } catch (e) {
        report(e);
      }
    },
    [backend, report],
  );

  useEffect(() => {
    if (tab === "history") void loadHistory(day);
  }, [tab, day, loadHistory]);

  const open = board.open_alerts.filter((a) => !acked.has(a.id));

  const confirm = async (id: number) => {
    await run(async () => {
      await backend.acknowledgeAlert(id, note.trim());
      setAcked((s) => new Set(s).add(id));
      setAcking(null);
      setNote("");
      if (tab === "history") void loadHistory(day);
    });
  };

  /** 记为违规: opens the record form prefilled from the alert (those who record incidents). */
  const recordButton = (a: StoredAlert, testId: string) =>
    canRecord ? (
      <Button
        size="small"
        icon={<AuditOutlined />}
        data-testid={`${testId}-${a.id}`}
        style={testId.startsWith("alert-history") ? { marginTop: 6, display: "block" } : undefined}
        onClick={() => setRecording(a.alert)}
      >
        {t("incidents.board.record")}
      </Button>
    ) : null;

  const row = (a: StoredAlert, inHistory: boolean) => {
    const al = a.alert;
    return (
      <div
        key={a.id}
        className={`fd-alert-item${fresh.has(alertKey(al)) ? " fd-alert-flash" : ""}`}
        data-testid={inHistory ? `alert-history-${a.id}` : `alert-${a.id}`}
        data-rule={al.rule}
        data-agent={al.agent}
        data-shift-date={al.shift_date ?? undefined}
      >
        <div className="fd-alert-head">
          <Space size={4}>
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid={`${inHistory ? "alert-history" : "alert"}-rule-${a.id}`}>
              {alertRuleName(t, a)}
            </Tag>
            {a.notice ? <NoticeTag notice={a.notice} testId={`${inHistory ? "alert-history" : "alert"}-notice-${a.id}`} /> : null}
          </Space>
          <span className="fd-alert-time">{siteTime(al.at, site.time_zone)}</span>
        </div>
        <div className="fd-alert-who">
          {names.get(al.agent) ?? ""} <Typography.Text type="secondary">{al.agent}</Typography.Text>
        </div>
        <div className="fd-alert-detail" title={al.detail}>
          {alertDetail(al.detail, t)}
        </div>
        {inHistory ? (
          <>
            {a.acknowledged_at ? (
              <Typography.Text type="secondary" className="fd-alert-ack">
                {t("board.ackedAt", { time: siteTime(a.acknowledged_at, site.time_zone) })}
                {a.ack_note ? `：${a.ack_note}` : ""}
              </Typography.Text>
            ) : null}
            {recordButton(a, "alert-history-record-incident")}
          </>
        ) : acking === a.id ? (
          <Space.Compact style={{ width: "100%", marginTop: 6 }}>
            <Input
              size="small"
              autoFocus
              data-testid="ack-note"
              placeholder={t("board.ackNote")}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onPressEnter={() => void confirm(a.id)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.stopPropagation();
                  setAcking(null);
                }
              }}
            />
            <Button size="small" type="primary" data-testid="ack-confirm" loading={busy} onClick={() => void confirm(a.id)}>
              {t("board.ackConfirm")}
            </Button>
          </Space.Compact>
        ) : (
          <Space size={6} style={{ marginTop: 6 }}>
            <Button
              size="small"
              data-testid={`ack-${a.id}`}
              disabled={!canOperate}
              onClick={() => {
                setAcking(a.id);
                setNote("");
              }}
            >
              {t("board.ack")}
            </Button>
            {recordButton(a, "alert-record-incident")}
          </Space>
        )}
      </div>
    );
  };

  return (
    <aside className="fd-alert-panel" data-testid="alert-panel">
      <HandoverReminders reminders={board.handover_reminders} canAck={canOperate} />
      <OverdueComplaints complaints={board.overdue_complaints} />
      <div className="fd-alert-title">
        <BellOutlined /> {t("board.alerts")}{" "}
        <Tag color={open.length ? "red" : "default"} data-testid="alert-count">
          {open.length}
        </Tag>
      </div>
      <Tabs
        size="small"
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: "open",
            label: <span data-testid="alerts-tab-open">{t("board.openAlerts")}</span>,
            children: (
              <div className="fd-alert-list" data-testid="alert-list">
                {open.length ? open.map((a) => row(a, false)) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("board.noAlerts")} />}
              </div>
            ),
          },
          {
            key: "history",
            label: <span data-testid="alerts-tab-history">{t("board.history")}</span>,
            children: (
              <div className="fd-alert-list">
                <label className="fd-alert-day">
                  <span>{t("board.historyDate")}</span>
                  <input
                    type="date"
                    className="ant-input ant-input-sm"
                    data-testid="alert-history-date"
                    value={day}
                    max={today}
                    onChange={(e) => e.target.value && setDay(e.target.value)}
                  />
                </label>
                <div data-testid="alert-history">
                  {history?.length ? (
                    history.map((a) => row(a, true))
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("board.noHistory")} />
                  )}
                </div>
              </div>
            ),
          },
        ]}
      />
      {recording ? <RecordFromAlert alert={recording} onClose={() => setRecording(null)} /> : null}
    </aside>
  );
}
