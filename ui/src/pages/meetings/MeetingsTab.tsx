// 会议与培训 of a month: when, what, where, who is expected and how the roll call went. Team leads
// and up schedule one, take its roll call once it has started, or cancel it before.
import { useState, type HTMLAttributes } from "react";
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type MeetingRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useReportError } from "../../lib/hooks";
import { useCan, useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import AttendanceModal from "./AttendanceModal";
import { useMeetings } from "./meetingData";
import { K, kindLabel, tally } from "./meetingText";
import ScheduleModal from "./ScheduleModal";

const L = `${K}.list`;

/** A roll call may be taken from a minute before the start (as the backend allows). */
function started(m: MeetingRow, now = Date.now()): boolean {
  return Date.parse(m.starts_at) - 60_000 <= now;
}

export default function MeetingsTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const tz = useSession().site.time_zone;
  const canTake = useCan("take_attendance");
  const list = useMeetings(month);
  const [scheduling, setScheduling] = useState(false);
  const [opened, setOpened] = useState<MeetingRow | null>(null);
  const rows = list.data ?? [];

  const cancel = async (m: MeetingRow) => {
    try {
      await backend.cancelMeeting(m.id);
      void message.success(t(`${L}.cancelled`));
      list.reload();
    } catch (e) {
      report(e);
    }
  };

  const columns: TableColumnsType<MeetingRow> = [
    { title: t(`${L}.when`), dataIndex: "starts_at", width: 140, render: (at: string) => siteDateTime(at, tz) },
    {
      title: t(`${L}.kind`),
      dataIndex: "kind",
      width: 110,
      render: (k: MeetingRow["kind"], m) => (
        <Space size={4}>
          <Tag color={k === "training" ? "purple" : "blue"}>{kindLabel(t, k)}</Tag>
          {m.has_test ? <Tag>{t(`${L}.hasTest`)}</Tag> : null}
        </Space>
      ),
    },
    { title: t(`${L}.title`), dataIndex: "title", ellipsis: true },
    { title: t(`${L}.place`), dataIndex: "place", width: 120, ellipsis: true, render: (p: string | null) => p ?? <span className="fd-muted">—</span> },
    { title: t(`${L}.minutes`), dataIndex: "minutes", width: 80, render: (n: number) => t(`${L}.minutesValue`, { count: n }) },
    {
      title: t(`${L}.attendees`),
      key: "attendance",
      width: 280,
      render: (_: unknown, m) => {
        if (!m.taken_at) return <span className="fd-muted">{t(`${L}.notTaken`, { count: m.attendees.length })}</span>;
        const n = tally(m.attendees);
        return (
          <Typography.Text type={n.late + n.absent > 0 ? "warning" : undefined} data-testid={`meeting-summary-${m.id}`}>
            {t(`${L}.summary`, n)}
          </Typography.Text>
        );
      },
    },
    {
      key: "actions",
      width: 150,
      render: (_: unknown, m) => (
        <Space size={4} onClick={(e) => e.stopPropagation()}>
          {m.taken_at || !canTake ? (
            <Button size="small" onClick={() => setOpened(m)} data-testid={`meeting-attendance-${m.id}`}>
              {t(`${L}.viewAttendance`)}
            </Button>
          ) : (
            <Button size="small" type="primary" disabled={!started(m)} onClick={() => setOpened(m)} data-testid={`meeting-attendance-${m.id}`}>
              {t(`${L}.takeAttendance`)}
            </Button>
          )}
          {canTake && !m.taken_at ? (
            <Popconfirm
              title={t(`${L}.cancelConfirm`, { title: m.title })}
              onConfirm={() => void cancel(m)}
              okButtonProps={{ "data-testid": "meeting-cancel-confirm" }}
            >
              <Button size="small" danger data-testid={`meeting-cancel-${m.id}`}>
                {t(`${L}.cancel`)}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="meetings-list">
      <div className="fd-panel">
        <div className="fd-toolbar">
          <span className="fd-toolbar-spacer" />
          <span className="fd-count" data-testid="meeting-count">
            {t(`${L}.count`, { count: rows.length })}
          </span>
          {canTake ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setScheduling(true)} data-testid="meeting-schedule">
              {t(`${L}.schedule`)}
            </Button>
          ) : null}
        </div>
        {list.error ? <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<MeetingRow>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={list.loading && !list.data}
          pagination={false}
          locale={{ emptyText: t(`${L}.empty`) }}
          onRow={(m) => ({ "data-testid": `meeting-row-${m.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {scheduling ? (
        <ScheduleModal
          onClose={() => setScheduling(false)}
          onScheduled={() => {
            setScheduling(false);
            list.reload();
          }}
        />
      ) : null}
      {opened ? (
        <AttendanceModal
          meeting={opened}
          readOnly={!!opened.taken_at || !canTake}
          onClose={() => setOpened(null)}
          onTaken={() => {
            setOpened(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
