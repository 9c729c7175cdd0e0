// 点名: how each expected person attended (出席 / 迟到 N 分钟 / 缺席 / 请假) and, for a training with
// a test, their score. Submitted once; late and absent become proposals of the meeting rules that
// a supervisor confirms (the backend decides which). Read-only once taken, with the proposals.
import { useState } from "react";
import { Alert, App, Button, InputNumber, Modal, Radio, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type Attendance, type AttendanceInput, type Attendee, type MeetingRow } from "../../backend";
import { useReportError, useBusy } from "../../lib/hooks";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { ATTENDANCE_COLOR, attendanceLabel, attendeeText, K, TAKEN } from "./meetingText";

const T = `${K}.take`;

type Taken = Record<string, AttendanceInput>;

function initial(m: MeetingRow): Taken {
  return Object.fromEntries(
    m.attendees.map((a) => [
      a.employee_no,
      { employee_no: a.employee_no, attendance: a.attendance === "expected" ? "present" : a.attendance, late_min: a.late_min, test_score: a.test_score },
    ]),
  );
}

export default function AttendanceModal({
  meeting,
  readOnly,
  onClose,
  onTaken,
}: {
  meeting: MeetingRow;
  readOnly: boolean;
  onClose: () => void;
  onTaken: (row: MeetingRow) => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const tz = useSession().site.time_zone;
  const [taken, setTaken] = useState<Taken>(() => initial(meeting));
  const { busy, run } = useBusy(report);
  const [problem, setProblem] = useState<string | null>(null);

  const set = (no: string, change: Partial<AttendanceInput>) => setTaken((old) => ({ ...old, [no]: { ...old[no], ...change } }));
  const setAttendance = (no: string, attendance: Attendance) =>
    set(no, {
      attendance,
      late_min: attendance === "late" ? (taken[no].late_min ?? null) : null,
      test_score: attendance === "present" || attendance === "late" ? taken[no].test_score : null,
    });

  const submit = async () => {
    const missingLate = meeting.attendees.find((a) => taken[a.employee_no].attendance === "late" && !taken[a.employee_no].late_min);
    if (missingLate) {
      setProblem(t(`${T}.lateRequired`, { name: missingLate.name }));
      return;
    }
    setProblem(null);
    await run(async () => {
      const row = await backend.takeAttendance(
        meeting.id,
        meeting.attendees.map((a) => taken[a.employee_no]),
      );
      const proposals = row.attendees.filter((a) => a.incident_id !== null).length;
      void message.success(proposals > 0 ? t(`${T}.doneProposals`, { count: proposals }) : t(`${T}.done`));
      onTaken(row);
    });
  };

  const columns: TableColumnsType<Attendee> = [
    {
      title: t(`${T}.person`),
      key: "person",
      width: 200,
      render: (_: unknown, a) => (
        <span>
          {a.employee_no} {a.name}
          {a.team_name ? <span className="fd-muted"> · {a.team_name}</span> : null}
        </span>
      ),
    },
    {
      title: t(`${T}.attendance`),
      key: "attendance",
      render: (_: unknown, a) =>
        readOnly ? (
          <Tag color={ATTENDANCE_COLOR[a.attendance]} data-testid={`attendance-${a.employee_no}`}>
            {attendeeText(t, a)}
          </Tag>
        ) : (
          <Radio.Group
            size="small"
            optionType="button"
            value={taken[a.employee_no].attendance}
            onChange={(e) => setAttendance(a.employee_no, e.target.value as Attendance)}
            options={TAKEN.map((x) => ({ value: x, label: attendanceLabel(t, x) }))}
            data-testid={`attendance-${a.employee_no}`}
          />
        ),
    },
    ...(readOnly
      ? []
      : [
          {
            title: t(`${T}.lateMin`),
            key: "late",
            width: 110,
            render: (_: unknown, a: Attendee) => (
              <InputNumber
                size="small"
                min={1}
                max={1440}
                disabled={taken[a.employee_no].attendance !== "late"}
                value={taken[a.employee_no].late_min}
                onChange={(v) => set(a.employee_no, { late_min: v ?? null })}
                style={{ width: 90 }}
                data-testid={`attendance-late-${a.employee_no}`}
              />
            ),
          },
        ]),
    ...(meeting.has_test
      ? [
          {
            title: t(`${T}.score`),
            key: "score",
            width: 110,
            render: (_: unknown, a: Attendee) =>
              readOnly ? (
                (a.test_score ?? <span className="fd-muted">—</span>)
              ) : (
                <InputNumber
                  size="small"
                  min={0}
                  max={100}
                  disabled={!["present", "late"].includes(taken[a.employee_no].attendance)}
                  value={taken[a.employee_no].test_score}
                  onChange={(v) => set(a.employee_no, { test_score: v ?? null })}
                  style={{ width: 90 }}
                  data-testid={`attendance-score-${a.employee_no}`}
                />
              ),
          },
        ]
      : []),
    {
      key: "incident",
      width: 110,
      render: (_: unknown, a: Attendee) =>
        a.incident_id !== null ? (
          <Typography.Text type="warning" data-testid={`attendance-proposal-${a.employee_no}`}>
            {t(`${T}.proposed`, { id: a.incident_id })}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <Modal
      open
      width={820}
      title={t(`${T}.title`, { title: meeting.title })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        readOnly
          ? [
              <Button key="close" onClick={onClose}>
                {t(`${T}.close`)}
              </Button>,
            ]
          : [
              <Button
                key="all"
                onClick={() => setTaken(Object.fromEntries(meeting.attendees.map((a) => [a.employee_no, { ...taken[a.employee_no], attendance: "present", late_min: null }])))}
                data-testid="attendance-all-present"
              >
                {t(`${T}.allPresent`)}
              </Button>,
              <Button key="cancel" onClick={onClose}>
                {t("common.cancel")}
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => void submit()} data-testid="meeting-attendance-submit">
                {t(`${T}.submit`)}
              </Button>,
            ]
      }
    >
      <div data-testid="meeting-attendance-modal">
        <div className="fd-muted" style={{ marginBottom: 8 }}>
          {siteDateTime(meeting.starts_at, tz)}
          {meeting.place ? ` · ${meeting.place}` : ""}
          {meeting.taken_at ? ` · ${t(`${K}.list.takenBy`, { name: meeting.taken_by_name ?? "", at: siteDateTime(meeting.taken_at, tz) })}` : ""}
        </div>
        {readOnly ? null : <Alert type="info" showIcon title={t(`${T}.hint`)} style={{ marginBottom: 12 }} />}
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="attendance-problem" /> : null}
        <Table<Attendee>
          size="small"
          rowKey="employee_no"
          columns={columns}
          dataSource={meeting.attendees}
          pagination={false}
          scroll={{ y: 420 }}
        />
      </div>
    </Modal>
  );
}
