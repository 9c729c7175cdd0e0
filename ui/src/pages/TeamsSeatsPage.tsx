import { useMemo, useState } from "react";
import { App, AutoComplete, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Segmented, Space, Table, Tabs, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type ContactChannel, type Seat, type Team } from "../backend";
import { useCan, useSession } from "../session";
import PageHeader from "../components/PageHeader";
import { errorText } from "../lib/errors";
import { useLoad, useReportError } from "../lib/hooks";
import { zhCollator } from "../lib/format";
import { LIMITS, NAME_MAX } from "../lib/limits";

export default function TeamsSeatsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t("teams.title")} subtitle={t("teams.subtitle")} />
      <div className="fd-panel">
        <Tabs
          size="small"
          items={[
            { key: "teams", label: t("teams.tabTeams"), children: <TeamsTab /> },
            { key: "seats", label: t("teams.tabSeats"), children: <SeatsTab /> },
          ]}
        />
      </div>
    </div>
  );
}

function StatusTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="green">{t("common.active")}</Tag> : <Tag>{t("common.inactive")}</Tag>;
}

// ---- teams ----

function TeamsTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const canManage = useCan("manage_people");
  // A new team starts with the site's usual channel.
  const { site } = useSession();
  const teams = useLoad(["teams"], ["teams", "agents"], () => backend.listTeams());
  const [editing, setEditing] = useState<Team | "new" | null>(null);

  const setActive = async (team: Team, active: boolean) => {
    try {
      await backend.setTeamActive(team.id, active);
      void message.success(t("common.saved"));
      teams.reload();
    } catch (e) {
      report(e);
    }
  };

  const columns: TableColumnsType<Team> = [
    { title: t("teams.name"), dataIndex: "name", sorter: (a, b) => zhCollator.compare(a.name, b.name) },
    { title: t("teams.agentCount"), dataIndex: "agent_count", width: 120, sorter: (a, b) => a.agent_count - b.agent_count },
    {
      title: t("teams.channel"),
      dataIndex: "channel",
      width: 100,
      render: (c: ContactChannel, team: Team) => <span data-testid={`team-channel-${team.id}`}>{t(`channels.${c}`)}</span>,
    },
    { title: t("common.status"), dataIndex: "active", width: 100, render: (a: boolean) => <StatusTag active={a} /> },
  ];
  if (canManage)
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 150,
      render: (_: unknown, team: Team) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(team)}>
            {t("teams.rename")}
          </Button>
          <Popconfirm
            title={t(team.active ? "teams.deactivateConfirm" : "teams.activateConfirm", { name: team.name })}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => setActive(team, !team.active)}
          >
            <Button type="link" size="small" danger={team.active}>
              {team.active ? t("common.deactivate") : t("common.activate")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });

  return (
    <>
      {canManage ? (
        <div className="fd-toolbar">
          <Button type="primary" icon={<PlusOutlined />} data-testid="team-add" onClick={() => setEditing("new")}>
            {t("teams.add")}
          </Button>
        </div>
      ) : null}
      <div data-testid="teams-table">
        <Table<Team>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={teams.data ?? []}
          loading={teams.loading && !teams.data}
          pagination={false}
          rowClassName={(r) => (r.active ? "" : "fd-row-inactive")}
          locale={{ emptyText: <Empty description={t("teams.empty")} /> }}
        />
      </div>
      {editing !== null ? (
        <NameModal
          title={editing === "new" ? t("teams.titleAdd") : t("teams.titleRename")}
          label={t("teams.name")}
          initial={editing === "new" ? "" : editing.name}
          initialChannel={editing === "new" ? site.channel : editing.channel}
          testId="team-form-name"
          onClose={() => setEditing(null)}
          onSave={async (name, channel) => {
            await backend.saveTeam({ id: editing === "new" ? null : editing.id, name, channel: channel ?? null });
            void message.success(t("common.saved"));
            setEditing(null);
            teams.reload();
          }}
        />
      ) : null}
    </>
  );
}

function NameModal(props: {
  title: string;
  label: string;
  initial: string;
  /** A team's channel, offered beside its name (the words on its cards follow it). */
  initialChannel?: ContactChannel;
  testId: string;
  onClose: () => void;
  onSave: (name: string, channel?: ContactChannel) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const [channel, setChannel] = useState<ContactChannel | undefined>(props.initialChannel);
  const submit = async ({ name }: { name: string }) => {
    setBusy(true);
    try {
      await props.onSave(name.trim(), channel);
    } catch (e) {
      form.setFields([{ name: "name", errors: [errorText(t, e)] }]);
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      width={400}
    >
      <Form form={form} layout="vertical" initialValues={{ name: props.initial }} onFinish={(v) => void submit(v)} style={{ marginTop: 12 }}>
        <Form.Item
          name="name"
          label={props.label}
          rules={[{ required: true, whitespace: true, message: t("errors.validation.required", { field: props.label }) }, { max: NAME_MAX }]}
        >
          <Input data-testid={props.testId} maxLength={NAME_MAX} autoFocus />
        </Form.Item>
        {props.initialChannel ? (
          <Form.Item label={t("teams.channel")} extra={t("teams.channelHint")}>
            <Segmented<ContactChannel>
              data-testid="team-form-channel"
              value={channel ?? props.initialChannel}
              onChange={setChannel}
              options={(["phone", "chat"] as const).map((c) => ({ value: c, label: t(`channels.${c}`) }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

// ---- seats ----

function SeatsTab() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const canManage = useCan("manage_people");
  const seats = useLoad(["seats"], ["seats", "agents"], () => backend.listSeats());
  const [editing, setEditing] = useState<Seat | "new" | null>(null);

  const colors = useMemo(() => zoneColors(seats.data ?? []), [seats.data]);
  const zoneColor = (z: string) => colors.get(z) ?? NO_ZONE_COLOR;

  const setActive = async (seat: Seat, active: boolean) => {
    try {
      await backend.setSeatActive(seat.id, active);
      void message.success(t("common.saved"));
      seats.reload();
    } catch (e) {
      report(e);
    }
  };

  const columns: TableColumnsType<Seat> = [
    {
      title: t("seats.code"),
      dataIndex: "code",
      width: 96,
      sorter: (a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }),
      defaultSortOrder: "ascend",
    },
    {
      title: t("seats.zone"),
      dataIndex: "zone",
      width: 84,
      sorter: (a, b) => (a.zone ?? "\uffff").localeCompare(b.zone ?? "\uffff", undefined, { numeric: true }),
      render: (z: string | null) => (z ? <Tag color={zoneColor(z)}>{z}</Tag> : <span className="fd-muted">—</span>),
    },
    { title: t("seats.y"), dataIndex: "y", width: 64, sorter: (a, b) => a.y - b.y },
    { title: t("seats.x"), dataIndex: "x", width: 64, sorter: (a, b) => a.x - b.x },
    {
      title: t("seats.occupant"),
      dataIndex: "agent_name",
      ellipsis: true,
      render: (n: string | null) => n ?? <span className="fd-muted">{t("seats.free")}</span>,
    },
    { title: t("common.status"), dataIndex: "active", width: 84, render: (a: boolean) => <StatusTag active={a} /> },
  ];
  if (canManage)
    columns.push({
      title: t("common.actions"),
      key: "actions",
      width: 116,
      render: (_: unknown, seat: Seat) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(seat)}>
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t(seat.active ? "seats.deactivateConfirm" : "seats.activateConfirm", { code: seat.code })}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => setActive(seat, !seat.active)}
          >
            <Button type="link" size="small" danger={seat.active}>
              {seat.active ? t("common.deactivate") : t("common.activate")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });

  return (
    <Row gutter={16}>
      <Col span={12}>
        {canManage ? (
          <div className="fd-toolbar">
            <Button type="primary" icon={<PlusOutlined />} data-testid="seat-add" onClick={() => setEditing("new")}>
              {t("seats.add")}
            </Button>
          </div>
        ) : null}
        <div data-testid="seats-table">
          <Table<Seat>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={seats.data ?? []}
            loading={seats.loading && !seats.data}
            pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small" }}
            rowClassName={(r) => (r.active ? "" : "fd-row-inactive")}
            locale={{ emptyText: <Empty description={t("seats.empty")} /> }}
          />
        </div>
      </Col>
      <Col span={12}>
        <Card size="small" title={t("seats.map")} extra={<span className="fd-muted">{t("seats.mapHint")}</span>}>
          <FloorMap seats={seats.data ?? []} />
        </Card>
      </Col>
      {editing !== null ? (
        <SeatModal
          seat={editing === "new" ? null : editing}
          existing={seats.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            seats.reload();
          }}
        />
      ) : null}
    </Row>
  );
}

/** Distinct colours for the floor map's zones (antd's preset blue, green, orange, …). */
const ZONE_COLORS = ["#1677ff", "#52c41a", "#fa8c16", "#722ed1", "#13c2c2", "#eb2f96", "#faad14", "#fa541c", "#2f54eb", "#a0d911"];
const NO_ZONE_COLOR = "#8c8c8c";

/** Each zone's colour, by the zones' sorted order (so a zone keeps its colour while others come and go less often). */
function zoneColors(seats: Seat[]): Map<string, string> {
  const zones = [...new Set(seats.flatMap((s) => (s.zone ? [s.zone] : [])))].sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  return new Map(zones.map((z, i) => [z, ZONE_COLORS[i % ZONE_COLORS.length]]));
}

function FloorMap({ seats }: { seats: Seat[] }) {
  const { t } = useTranslation();
  const active = useMemo(() => seats.filter((s) => s.active), [seats]);
  // Colours come from every seat, as in the table, so a zone looks the same in both.
  const colors = useMemo(() => zoneColors(seats), [seats]);
  if (active.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("seats.empty")} />;
  // Grid cells are 0-based (column x, row y); show the occupied part of the grid, aisles included.
  const minX = Math.min(...active.map((s) => s.x));
  const maxX = Math.max(...active.map((s) => s.x));
  const minY = Math.min(...active.map((s) => s.y));
  const hasUnzoned = active.some((s) => !s.zone);
  return (
    <div>
      <div className="fd-floor-legend" data-testid="floor-legend">
        {[...colors].filter(([zone]) => active.some((s) => s.zone === zone)).map(([zone, color]) => (
          <span key={zone} className="fd-floor-legend-item" data-testid={`floor-zone-${zone}`}>
            <span className="fd-floor-swatch" style={{ background: color }} />
            {zone}
            <span className="fd-muted"> · {active.filter((s) => s.zone === zone).length}</span>
          </span>
        ))}
        {hasUnzoned && active.some((s) => s.zone) ? (
          <span className="fd-floor-legend-item">
            <span className="fd-floor-swatch" style={{ background: NO_ZONE_COLOR }} />
            {t("seats.noZone")}
          </span>
        ) : null}
      </div>
      <div
        className="fd-floor"
        data-testid="floor-map"
        style={{ gridTemplateColumns: `repeat(${maxX - minX + 1}, minmax(72px, 1fr))`, gridAutoRows: "minmax(16px, auto)" }}
      >
        {active.map((s) => {
          const color = s.zone ? (colors.get(s.zone) ?? NO_ZONE_COLOR) : NO_ZONE_COLOR;
          const where = s.zone ? `${s.zone} · ${s.code}` : s.code;
          return (
            <div
              key={s.id}
              className={`fd-seat ${s.agent_name ? "is-taken" : "is-free"}`}
              style={{
                gridColumn: s.x - minX + 1,
                gridRow: s.y - minY + 1,
                borderColor: color,
                boxShadow: `inset 4px 0 0 ${color}`,
                background: s.agent_name ? `${color}1f` : undefined,
              }}
              data-testid={`floor-seat-${s.code}`}
              data-zone={s.zone ?? ""}
              title={s.agent_name ? `${where} · ${s.agent_name}` : `${where} · ${t("seats.free")}`}
            >
              <span className="fd-seat-code">{s.code}</span>
              <span className="fd-seat-who">{s.agent_name ?? t("seats.free")}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

type SeatValues = { code: string; zone?: string | null; x: number; y: number };

/** Where a new seat goes by default: the first free cell, row by row, 12 to a row. */
function firstFreeCell(existing: Seat[]): { x: number; y: number } {
  const taken = new Set(existing.map((s) => `${s.x},${s.y}`));
  for (let y = 0; y <= LIMITS.seat_grid_max; y++) for (let x = 0; x < 12; x++) if (!taken.has(`${x},${y}`)) return { x, y };
  return { x: 0, y: 0 };
}

/** The floor map's largest column or row (the store refuses more). */

function SeatModal({ seat, existing, onClose, onSaved }: { seat: Seat | null; existing: Seat[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [form] = Form.useForm<SeatValues>();
  const [busy, setBusy] = useState(false);
  const initial = useMemo<SeatValues>(
    () => (seat ? { code: seat.code, zone: seat.zone ?? "", x: seat.x, y: seat.y } : { code: "", zone: "", ...firstFreeCell(existing) }),
    [seat, existing],
  );
  const zoneOptions = useMemo(
    () => [...zoneColors(existing).keys()].map((z) => ({ value: z, label: z })),
    [existing],
  );

  const submit = async (v: SeatValues) => {
    setBusy(true);
    try {
      await backend.saveSeat({ id: seat?.id ?? null, code: v.code.trim(), x: v.x, y: v.y, zone: v.zone?.trim() || null });
      void message.success(t("common.saved"));
      onSaved();
    } catch (e) {
      const err = BackendError.from(e);
      const field: keyof SeatValues = err.code === "validation.position" ? "y" : "code";
      form.setFields([{ name: field, errors: [errorText(t, err)] }]);
      setBusy(false);
    }
  };

  const positionRules = [
    { required: true, message: t("seats.positionRule", { max: LIMITS.seat_grid_max }) },
    { type: "integer" as const, min: 0, max: LIMITS.seat_grid_max, message: t("seats.positionRule", { max: LIMITS.seat_grid_max }) },
  ];

  return (
    <Modal
      open
      title={seat ? t("seats.titleEdit") : t("seats.titleAdd")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ ...({ "data-testid": "seat-form-submit" } as object) }}
      confirmLoading={busy}
      width={420}
    >
      <Form<SeatValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} style={{ marginTop: 12 }}>
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item
            style={{ flex: 1 }}
            name="code"
            label={t("seats.code")}
            rules={[{ required: true, whitespace: true, message: t("errors.validation.required", { field: t("seats.code") }) }, { max: NAME_MAX, message: t("seats.codeRule") }]}
          >
            <Input data-testid="seat-form-code" maxLength={NAME_MAX} autoFocus />
          </Form.Item>
          <Form.Item style={{ flex: 1 }} name="zone" label={t("seats.zone")}>
            <AutoComplete
              data-testid="seat-form-zone"
              options={zoneOptions}
              placeholder={t("seats.zonePlaceholder")}
              maxLength={NAME_MAX}
              allowClear
              showSearch={{
                filterOption: (input, option) => String(option?.value ?? "").toLowerCase().includes(input.toLowerCase()),
              }}
            />
          </Form.Item>
        </div>
        <div style={{ display: "flex", gap: 12 }}>
          <Form.Item style={{ flex: 1 }} name="y" label={t("seats.y")} rules={positionRules}>
            <InputNumber min={0} max={LIMITS.seat_grid_max} precision={0} style={{ width: "100%" }} data-testid="seat-form-y" />
          </Form.Item>
          <Form.Item style={{ flex: 1 }} name="x" label={t("seats.x")} rules={positionRules}>
            <InputNumber min={0} max={LIMITS.seat_grid_max} precision={0} style={{ width: "100%" }} data-testid="seat-form-x" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
