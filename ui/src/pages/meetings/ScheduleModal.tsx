// 安排会议 / 培训: what, when (on the site's clock), how long, where, and who must attend: whole
// teams (everyone active on them when it is scheduled) and/or named people. A training may carry
// a test whose 0–100 score the assessment can read.
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type MeetingKind, type MeetingRow } from "../../backend";
import { useReportError, useBusy } from "../../lib/hooks";
import { useSession } from "../../session";
import { AgentsSelect } from "../complaints/AgentSelect";
import { useTeams } from "../complaints/complaintData";
import { fromSiteWall, nowToMinute, siteWall } from "../incidents/incidentText";
import { K, KINDS, kindLabel } from "./meetingText";

type Values = {
  kind: MeetingKind;
  title: string;
  starts: Dayjs;
  minutes: number;
  place: string;
  hasTest: boolean;
  teams: number[];
  people: string[];
  note: string;
};

const S = `${K}.schedule`;

/** The next whole hour, as a sensible default start. */
function nextHour(tz: string): Dayjs {
  return siteWall(nowToMinute(), tz).add(1, "hour").minute(0);
}

export default function ScheduleModal({ onClose, onScheduled }: { onClose: () => void; onScheduled: (row: MeetingRow) => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const { message } = App.useApp();
  const tz = useSession().site.time_zone;
  const teams = useTeams();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const { busy, run } = useBusy(report);

  const submit = async (v: Values) => {
    await run(async () => {
      const row = await backend.scheduleMeeting({
        kind: v.kind,
        title: v.title.trim(),
        starts_at: fromSiteWall(v.starts, tz),
        minutes: v.minutes,
        place: v.place?.trim() ? v.place.trim() : null,
        note: v.note?.trim() ? v.note.trim() : null,
        has_test: v.kind === "training" && v.hasTest,
        team_ids: v.teams ?? [],
        employee_nos: v.people ?? [],
      });
      void message.success(t(`${S}.done`, { title: row.title, count: row.attendees.length }));
      onScheduled(row);
    });
  };

  const someoneExpected = () => ({
    validator: () => {
      const v = form.getFieldsValue(["teams", "people"]) as Pick<Values, "teams" | "people">;
      return (v.teams?.length ?? 0) + (v.people?.length ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t(`${S}.peopleRequired`)));
    },
  });

  return (
    <Modal
      open
      width={600}
      title={t(`${S}.title`)}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="meeting-schedule-submit">
          {t(`${S}.submit`)}
        </Button>,
      ]}
    >
      <div data-testid="meeting-schedule-modal">
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: "meeting", title: "", starts: nextHour(tz), minutes: 60, place: "", hasTest: false, teams: [], people: [], note: "" }}
          onFinish={(v) => void submit(v)}
        >
          <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
            <Form.Item name="kind" label={t(`${S}.kind`)} style={{ width: 120 }}>
              <Select<MeetingKind> options={KINDS.map((k) => ({ value: k, label: kindLabel(t, k), title: kindLabel(t, k) }))} data-testid="meeting-kind" />
            </Form.Item>
            <Form.Item
              name="title"
              label={t(`${S}.subject`)}
              style={{ flex: 1, minWidth: 260 }}
              rules={[{ required: true, whitespace: true, message: t(`${S}.subjectRequired`) }]}
            >
              <Input placeholder={t(`${S}.subjectPlaceholder`)} data-testid="meeting-title" />
            </Form.Item>
          </div>
          <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
            <Form.Item name="starts" label={t(`${S}.starts`)} style={{ width: 200 }} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" allowClear={false} data-testid="meeting-starts" />
            </Form.Item>
            <Form.Item name="minutes" label={t(`${S}.minutes`)} style={{ width: 130 }} rules={[{ required: true }]}>
              <InputNumber min={1} max={1440} step={15} style={{ width: "100%" }} data-testid="meeting-minutes" />
            </Form.Item>
            <Form.Item name="place" label={t(`${S}.place`)} style={{ flex: 1, minWidth: 160 }}>
              <Input placeholder={t(`${S}.placePlaceholder`)} data-testid="meeting-place" />
            </Form.Item>
          </div>
          {kind === "training" ? (
            <Form.Item name="hasTest" valuePropName="checked">
              <Checkbox data-testid="meeting-has-test">{t(`${S}.hasTest`)}</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item name="teams" label={t(`${S}.teams`)} rules={[someoneExpected]} dependencies={["people"]}>
            <Select<number[]>
              mode="multiple"
              allowClear
              options={(teams.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name, title: x.name }))}
              data-testid="meeting-teams"
            />
          </Form.Item>
          <Form.Item name="people" label={t(`${S}.people`)}>
            <AgentsSelect testId="meeting-people" />
          </Form.Item>
          <Form.Item name="note" label={t(`${S}.note`)}>
            <Input.TextArea rows={2} data-testid="meeting-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
