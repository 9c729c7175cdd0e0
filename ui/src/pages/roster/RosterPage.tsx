// 排班表: the month grid of every team, edited like a spreadsheet. Every rule result shown here
// (the red marks, the list of violations) is the backend's `violations`; the UI sums cells only.
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { App, Badge, Button, DatePicker, Drawer, Empty, Form, Input, Modal, Select, Space, Tag, Tooltip } from "antd";
import {
  LeftOutlined,
  RightOutlined,
  RedoOutlined,
  UndoOutlined,
  HistoryOutlined,
  BuildOutlined,
  SwapOutlined,
  CalendarOutlined,
} from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type CellInput, type RosterMonth, type Violation } from "../../backend";
import { useCan, useSession } from "../../session";
import PageHeader from "../../components/PageHeader";
import { errorText } from "../../lib/errors";
import { useLoad, useReportError } from "../../lib/hooks";
import { formatDateTime } from "../../lib/format";
import { addMonths, currentMonth, monthDays } from "./calendar";
import {
  History,
  keyIntent,
  parsePattern,
  parseTsv,
  pasteEdits,
  patternEdits,
  step,
  toTsv,
  type Change,
  type Edit,
  type Pos,
} from "./gridLogic";
import RosterGrid, { type GridActions, type TeamGroup } from "./RosterGrid";
import { createSelectionStore, selectedRange, useSelection } from "./selection";
import { dayHeads } from "./totals";
import { shortDate, violationText } from "./violations";
import { cellMarks } from "./marks";
import { SwapRecords, SwapRequestModal } from "./Swaps";
import { LeaveRecords, LeaveRequestModal } from "./Leave";

const keyOf = (employeeNo: string, date: string) => `${employeeNo}|${date}`;

type Direction = "do" | "undo" | "redo";
type Pending = { changes: Change[]; dir: Direction };

export default function RosterPage() {
  const { t } = useTranslation();
  const backend = useBackend();
  const { site } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const canEdit = useCan("edit_roster");
  const canPublish = useCan("publish_roster");
  const [month, setMonth] = useState(() => currentMonth(site.time_zone));
  const [team, setTeam] = useState<number | "all">("all");
  const loaded = useLoad(["roster", month], ["roster"], () => backend.rosterMonth(month));
  const data: RosterMonth | undefined = loaded.data;

  // ---- what the grid shows ----
  const days = useMemo(() => (data ? monthDays(data.first, data.last, data.holidays) : []), [data]);
  const templates = useMemo(() => new Map((data?.templates ?? []).map((tpl) => [tpl.code, tpl])), [data]);
  const teams = useMemo(() => {
    const seen = new Map<number, string>();
    for (const a of data?.agents ?? []) if (!seen.has(a.team_id)) seen.set(a.team_id, a.team_name);
    return [...seen.entries()].map(([id, name]) => ({ id, name }));
  }, [data]);
  const { groups, rows } = useMemo(() => {
    const agents = (data?.agents ?? []).filter((a) => team === "all" || a.team_id === team);
    const groups: TeamGroup[] = [];
    agents.forEach((a, r) => {
      const last = groups[groups.length - 1];
      if (last && last.teamId === a.team_id) last.agents.push(a);
      else groups.push({ teamId: a.team_id, teamName: a.team_name, first: r, agents: [a] });
    });
    return { groups, rows: agents };
  }, [data, team]);

  const dayIndex = useMemo(() => new Map(days.map((d, i) => [d.date, i])), [days]);
  const baseCells = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const a of data?.agents ?? []) m.set(a.employee_no, new Array<string>(days.length).fill(""));
    for (const c of data?.cells ?? []) {
      const i = dayIndex.get(c.date);
      const row = m.get(c.employee_no);
      if (row && i !== undefined) row[i] = c.cell;
    }
    return m;
  }, [data, days, dayIndex]);

  // Optimistic values of writes not yet read back; a fresh read of the month replaces them.
  const [overlay, setOverlay] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => setOverlay(new Map()), [data]);
  const cells = useMemo(() => {
    if (overlay.size === 0) return baseCells as ReadonlyMap<string, readonly string[]>;
    const m = new Map<string, string[]>(baseCells);
    for (const [key, value] of overlay) {
      const [no, date] = key.split("|");
      const i = dayIndex.get(date);
      const base = baseCells.get(no);
      if (!base || i === undefined) continue;
      if (m.get(no) === base) m.set(no, [...base]);
      m.get(no)![i] = value;
    }
    return m as ReadonlyMap<string, readonly string[]>;
  }, [baseCells, overlay, dayIndex]);

  const violationsByRow = useMemo(() => {
    const m = new Map<string, (Violation[] | undefined)[]>();
    for (const v of data?.violations ?? []) {
      const i = dayIndex.get(v.date);
      if (i === undefined) continue;
      let row = m.get(v.employee_no);
      if (!row) m.set(v.employee_no, (row = new Array<Violation[] | undefined>(days.length).fill(undefined)));
      (row[i] ??= []).push(v);
    }
    return m;
  }, [data, dayIndex, days.length]);

  const visibleViolations = useMemo(() => {
    const shown = new Set(rows.map((a) => a.employee_no));
    return (data?.violations ?? []).filter((v) => shown.has(v.employee_no));
  }, [data, rows]);

  // Pending swaps and approved leave, marked on the cells (the cells themselves do not change).
  const marks = useMemo(() => cellMarks(data?.swaps ?? [], data?.leave ?? [], days, dayIndex), [data, days, dayIndex]);
  const currentCell = useCallback(
    (no: string, date: string) => {
      const i = dayIndex.get(date);
      return i === undefined ? "" : (baseCells.get(no)?.[i] ?? "");
    },
    [baseCells, dayIndex],
  );
  const [swapAsk, setSwapAsk] = useState<{ employee_no: string; date: string } | null | false>(false);
  const [leaveAsk, setLeaveAsk] = useState<{ employee_no: string; date: string } | null | false>(false);
  const [swapsOpen, setSwapsOpen] = useState(false);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const pendingSwaps = (data?.swaps ?? []).filter((s) => s.status === "pending").length;
  const pendingLeave = (data?.leave ?? []).filter((l) => l.status === "pending").length;

  const heads = useMemo(
    () => dayHeads(rows.map((a) => cells.get(a.employee_no) ?? []), days.length, templates),
    [rows, cells, days.length, templates],
  );

  // ---- selection, editing, history ----
  const store = useMemo(() => createSelectionStore(), []);
  const gridRef = useRef<HTMLDivElement>(null);
  const draftRef = useRef("");
  const historyRef = useRef(new History());
  const [, setHistoryTick] = useState(0);
  const [ask, setAsk] = useState<Pending | null>(null);
  const [historyOf, setHistoryOf] = useState<Pos | null>(null);
  const [fillOpen, setFillOpen] = useState(false);
  const selection = useSelection(store);

  // A new month or team: the old selection means other cells.
  useEffect(() => store.set(null), [store, month, team]);

  const valueAt = (r: number, c: number) => cells.get(rows[r]?.employee_no ?? "")?.[c] ?? "";

  const send = async (pending: Pending, reason: string | null) => {
    const { changes, dir } = pending;
    const inputs: CellInput[] = changes.map((ch) => ({
      employee_no: ch.employee_no,
      date: ch.date,
      cell: dir === "undo" ? ch.before : ch.after,
    }));
    setOverlay((o) => {
      const m = new Map(o);
      for (const c of inputs) m.set(keyOf(c.employee_no, c.date), c.cell);
      return m;
    });
    try {
      await backend.putRosterCells(inputs, reason);
      if (dir === "do") historyRef.current.push(changes);
      if (dir === "undo") historyRef.current.undo();
      if (dir === "redo") historyRef.current.redo();
      setHistoryTick((n) => n + 1);
      setAsk(null);
      loaded.reload();
    } catch (e) {
      setOverlay((o) => {
        const m = new Map(o);
        for (const c of inputs) m.delete(keyOf(c.employee_no, c.date));
        return m;
      });
      const err = BackendError.from(e);
      if (err.code === "roster.needs_reason" && !reason) {
        setAsk(pending);
        return;
      }
      if (err.code === "import.invalid" && err.params.row) {
        const bad = inputs[Number(err.params.row) - 1];
        const agent = bad && data?.agents.find((a) => a.employee_no === bad.employee_no);
        if (bad) {
          const problem = err.params.field === "cell" ? t("errors.roster.bad_cell") : t("errors.import.unknown_agent");
          void message.error(
            t("roster.badCell", { who: agent ? `${agent.employee_no} ${agent.name}` : bad.employee_no, date: shortDate(bad.date), value: bad.cell, problem }),
          );
          return;
        }
      }
      report(e);
    }
  };

  /** Edits of the visible grid → one write (unchanged cells are left out). */
  const write = (edits: Edit[]) => {
    if (!canEdit) return;
    const changes: Change[] = [];
    for (const e of edits) {
      const agent = rows[e.r];
      const day = days[e.c];
      if (!agent || !day) continue;
      const before = valueAt(e.r, e.c);
      const after = e.value.trim();
      if (before !== after) changes.push({ employee_no: agent.employee_no, date: day.date, before, after });
    }
    if (changes.length > 0) void send({ changes, dir: "do" }, null);
  };

  const scrollTo = (pos: Pos) => {
    const agent = rows[pos.r];
    const day = days[pos.c];
    if (!agent || !day) return;
    gridRef.current?.querySelector(`[data-testid="cell-${agent.employee_no}-${day.date}"]`)?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  };

  const undo = () => {
    const a = historyRef.current.peekUndo();
    if (a) void send({ changes: a, dir: "undo" }, null);
  };
  const redo = () => {
    const a = historyRef.current.peekRedo();
    if (a) void send({ changes: a, dir: "redo" }, null);
  };

  // The grid's handlers read the latest render through this ref; the object the rows get is stable.
  const live = useRef<GridActions>(null as unknown as GridActions);
  live.current = {
    keyDown(e: KeyboardEvent<HTMLElement>) {
      const intent = keyIntent(e);
      if (!intent || rows.length === 0 || days.length === 0) return;
      const sel = store.get();
      if (intent.kind === "undo" || intent.kind === "redo") {
        e.preventDefault();
        if (canEdit) (intent.kind === "undo" ? undo : redo)();
        return;
      }
      if (intent.kind === "selectAll") {
        e.preventDefault();
        store.set({ anchor: { r: 0, c: 0 }, focus: { r: rows.length - 1, c: days.length - 1 }, editing: null });
        return;
      }
      if (!sel) {
        if (intent.kind === "move") {
          e.preventDefault();
          store.set({ anchor: { r: 0, c: 0 }, focus: { r: 0, c: 0 }, editing: null });
        }
        return;
      }
      switch (intent.kind) {
        case "move": {
          e.preventDefault();
          const focus = step(sel.focus, intent.dr, intent.dc, rows.length, days.length);
          store.set({ anchor: intent.extend ? sel.anchor : focus, focus, editing: null });
          scrollTo(focus);
          return;
        }
        case "clear": {
          e.preventDefault();
          const range = selectedRange(sel)!;
          const edits: Edit[] = [];
          for (let r = range.r0; r <= range.r1; r++) for (let c = range.c0; c <= range.c1; c++) edits.push({ r, c, value: "" });
          write(edits);
          return;
        }
        case "type":
          if (!canEdit) return;
          e.preventDefault();
          draftRef.current = intent.text;
          store.set({ anchor: sel.focus, focus: sel.focus, editing: { initial: intent.text } });
          return;
        case "edit":
          if (!canEdit) return;
          e.preventDefault();
          this.startEdit(sel.focus);
          return;
      }
    },
    copy(e: ClipboardEvent<HTMLElement>) {
      const range = selectedRange(store.get());
      if (!range || (e.target as HTMLElement).closest("input")) return;
      e.preventDefault();
      e.clipboardData.setData("text/plain", toTsv(valueAt, range));
    },
    paste(e: ClipboardEvent<HTMLElement>) {
      const range = selectedRange(store.get());
      if (!range || !canEdit || (e.target as HTMLElement).closest("input")) return;
      e.preventDefault();
      const block = parseTsv(e.clipboardData.getData("text/plain"));
      write(pasteEdits(block, range, rows.length, days.length));
    },
    select(pos: Pos, extend: boolean) {
      const sel = store.get();
      if (sel?.editing) this.commit(0, 0);
      const now = store.get();
      store.set({ anchor: extend && now ? now.anchor : pos, focus: pos, editing: null });
    },
    startEdit(pos: Pos) {
      if (!canEdit) return;
      const initial = valueAt(pos.r, pos.c);
      draftRef.current = initial;
      store.set({ anchor: pos, focus: pos, editing: { initial } });
    },
    contextMenu(pos: Pos) {
      store.set({ anchor: pos, focus: pos, editing: null });
      setHistoryOf(pos);
    },
    draft(value: string) {
      draftRef.current = value;
    },
    commit(dr: number, dc: number) {
      const sel = store.get();
      if (!sel?.editing) return;
      const pos = sel.focus;
      const next = step(pos, dr, dc, rows.length, days.length);
      store.set({ anchor: next, focus: next, editing: null });
      gridRef.current?.focus({ preventScroll: true });
      write([{ ...pos, value: draftRef.current }]);
    },
    cancel() {
      const sel = store.get();
      if (!sel) return;
      store.set({ ...sel, editing: null });
      gridRef.current?.focus({ preventScroll: true });
    },
  };
  const actions = useMemo<GridActions>(
    () => ({
      keyDown: (e) => live.current.keyDown(e),
      copy: (e) => live.current.copy(e),
      paste: (e) => live.current.paste(e),
      select: (p, x) => live.current.select(p, x),
      startEdit: (p) => live.current.startEdit(p),
      contextMenu: (p) => live.current.contextMenu(p),
      draft: (v) => live.current.draft(v),
      commit: (dr, dc) => live.current.commit(dr, dc),
      cancel: () => live.current.cancel(),
    }),
    [],
  );

  const selectViolation = (v: Violation) => {
    const r = rows.findIndex((a) => a.employee_no === v.employee_no);
    const c = dayIndex.get(v.date);
    if (r < 0 || c === undefined) return;
    store.set({ anchor: { r, c }, focus: { r, c }, editing: null });
    gridRef.current?.focus({ preventScroll: true });
    scrollTo({ r, c });
  };

  const applyPattern = (text: string) => {
    const range = selectedRange(store.get());
    if (!range) return;
    write(patternEdits(parsePattern(text), range));
    setFillOpen(false);
  };

  // ---- publishing ----
  const [publishAsk, setPublishAsk] = useState<{ teamId: number; count: string } | null>(null);
  const publish = async (teamId: number, reason: string | null) => {
    if (!data) return;
    try {
      await backend.publishRoster(teamId, data.month, reason);
      void message.success(t("roster.publishedOk"));
      setPublishAsk(null);
      loaded.reload();
    } catch (e) {
      const err = BackendError.from(e);
      if (err.code === "roster.has_violations" && !reason) setPublishAsk({ teamId, count: err.params.count ?? "" });
      else report(e);
    }
  };

  const agentName = useCallback(
    (no: string) => {
      const a = data?.agents.find((x) => x.employee_no === no);
      return a ? `${a.employee_no} ${a.name}` : no;
    },
    [data],
  );
  const history = historyRef.current;
  const focused = selection ? { agent: rows[selection.focus.r], day: days[selection.focus.c] } : null;
  const focusedCell = focused?.agent && focused.day ? { employee_no: focused.agent.employee_no, date: focused.day.date } : null;

  return (
    <div data-testid="roster-page">
      <PageHeader title={t("roster.title")} subtitle={t("roster.subtitle")} />
      <div className="fd-panel">
        <Space wrap size={8} style={{ marginBottom: 8 }}>
          <Button icon={<LeftOutlined />} aria-label={t("roster.prevMonth")} data-testid="roster-prev" onClick={() => setMonth((m) => addMonths(m, -1))} />
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
            data-testid="roster-month"
          />
          <Button icon={<RightOutlined />} aria-label={t("roster.nextMonth")} data-testid="roster-next" onClick={() => setMonth((m) => addMonths(m, 1))} />
          <Select
            data-testid="roster-team"
            style={{ minWidth: 140 }}
            value={team}
            onChange={setTeam}
            options={[{ value: "all" as const, label: t("roster.allTeams") }, ...teams.map((tm) => ({ value: tm.id, label: tm.name }))]}
          />
          {canEdit ? (
            <>
              <Tooltip title="Ctrl+Z">
                <Button icon={<UndoOutlined />} disabled={!history.canUndo} onClick={undo} data-testid="roster-undo">
                  {t("roster.undo")}
                </Button>
              </Tooltip>
              <Tooltip title="Ctrl+Y">
                <Button icon={<RedoOutlined />} disabled={!history.canRedo} onClick={redo} data-testid="roster-redo">
                  {t("roster.redo")}
                </Button>
              </Tooltip>
              <Button icon={<BuildOutlined />} disabled={!selection} onClick={() => setFillOpen(true)} data-testid="roster-fill">
                {t("roster.fillPattern")}
              </Button>
            </>
          ) : null}
          {canEdit ? (
            <>
              <Button icon={<SwapOutlined />} onClick={() => setSwapAsk(focusedCell)} data-testid="roster-swap-request">
                {t("rosterRequests.requestSwap")}
              </Button>
              <Button icon={<CalendarOutlined />} onClick={() => setLeaveAsk(focusedCell)} data-testid="roster-leave-request">
                {t("rosterRequests.requestLeave")}
              </Button>
            </>
          ) : null}
          <Badge count={pendingSwaps} size="small">
            <Button onClick={() => setSwapsOpen(true)} data-testid="roster-swaps">
              {t("rosterRequests.swapRecords")}
            </Button>
          </Badge>
          <Badge count={pendingLeave} size="small">
            <Button onClick={() => setLeaveOpen(true)} data-testid="roster-leave">
              {t("rosterRequests.leaveRecords")}
            </Button>
          </Badge>
          <Button icon={<HistoryOutlined />} disabled={!selection} onClick={() => selection && setHistoryOf(selection.focus)} data-testid="roster-history">
            {t("roster.history")}
          </Button>
        </Space>
        <div className="fd-roster-teams" data-testid="roster-publish-bar">
          {teams
            .filter((tm) => team === "all" || tm.id === team)
            .map((tm) => {
              const pub = data?.published.find((p) => p.team_id === tm.id);
              return (
                <Space key={tm.id} size={4} data-testid={`roster-status-${tm.id}`}>
                  <b>{tm.name}</b>
                  {pub ? (
                    <>
                      <Tag color="green">{t("roster.published")}</Tag>
                      <span className="fd-muted">
                        {t("roster.publishedBy", { who: pub.published_by ?? "—", at: formatDateTime(pub.published_at) })}
                      </span>
                      {pub.override_reason ? (
                        <Tooltip title={pub.override_reason}>
                          <Tag color="orange">{t("roster.overridden")}</Tag>
                        </Tooltip>
                      ) : null}
                    </>
                  ) : (
                    <Tag>{t("roster.draft")}</Tag>
                  )}
                  {canPublish && !pub ? (
                    <Button size="small" type="primary" data-testid={`roster-publish-${tm.id}`} onClick={() => void publish(tm.id, null)}>
                      {t("roster.publish")}
                    </Button>
                  ) : null}
                </Space>
              );
            })}
        </div>
        {data ? (
          rows.length > 0 ? (
            <RosterGrid
              groups={groups}
              days={days}
              templates={templates}
              cells={cells}
              violations={violationsByRow}
              heads={heads}
              marks={marks}
              store={store}
              actions={actions}
              gridRef={gridRef}
            />
          ) : (
            <Empty description={t("roster.noAgents")} />
          )
        ) : loaded.error ? (
          <Empty description={errorText(t, loaded.error)} />
        ) : (
          <div className="fd-muted">{t("app.loading")}</div>
        )}
        {focused?.agent && focused.day ? (
          <div className="fd-muted fd-roster-hint" data-testid="roster-focus">
            {agentName(focused.agent.employee_no)} · {focused.day.date} {canEdit ? `· ${t("roster.keysHint")}` : ""}
          </div>
        ) : null}
      </div>
      <div className="fd-panel" data-testid="roster-violations" style={{ marginTop: 12 }}>
        <h3 className="fd-roster-vtitle">{t("roster.violationsTitle", { count: visibleViolations.length })}</h3>
        {visibleViolations.length === 0 ? (
          <span className="fd-muted">{t("roster.noViolations")}</span>
        ) : (
          <ul className="fd-roster-vlist">
            {visibleViolations.map((v, i) => (
              <li key={`${v.employee_no}-${v.date}-${v.rule}-${i}`}>
                <Button type="link" size="small" onClick={() => selectViolation(v)} data-testid={`violation-${v.employee_no}-${v.date}`}>
                  {agentName(v.employee_no)} · {shortDate(v.date)}
                </Button>
                <span>{violationText(t, v)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ReasonModal
        open={!!ask}
        title={t("roster.reasonTitle")}
        text={ask && data ? t("errors.roster.needs_reason", { month: data.month }) : ""}
        okText={t("common.save")}
        onCancel={() => setAsk(null)}
        onOk={(reason) => ask && send(ask, reason)}
        testId="roster-reason"
      />
      <ReasonModal
        open={!!publishAsk}
        title={t("roster.publish")}
        text={publishAsk ? t("errors.roster.has_violations", { count: publishAsk.count }) : ""}
        okText={t("roster.publishAnyway")}
        onCancel={() => setPublishAsk(null)}
        onOk={(reason) => publishAsk && publish(publishAsk.teamId, reason)}
        testId="roster-override"
      />
      <SwapRequestModal
        open={swapAsk !== false}
        agents={data?.agents ?? []}
        initial={swapAsk || null}
        onCancel={() => setSwapAsk(false)}
        onDone={() => {
          setSwapAsk(false);
          void message.success(t("rosterRequests.swapRequested"));
          loaded.reload();
        }}
        onError={report}
      />
      <LeaveRequestModal
        open={leaveAsk !== false}
        agents={data?.agents ?? []}
        initial={leaveAsk || null}
        onCancel={() => setLeaveAsk(false)}
        onDone={() => {
          setLeaveAsk(false);
          void message.success(t("rosterRequests.leaveRequested"));
          loaded.reload();
        }}
        onError={report}
      />
      <SwapRecords
        open={swapsOpen}
        swaps={data?.swaps ?? []}
        canDecide={canPublish}
        current={currentCell}
        onClose={() => setSwapsOpen(false)}
        onDecided={() => {
          void message.success(t("rosterRequests.decided"));
          loaded.reload();
        }}
      />
      <LeaveRecords
        open={leaveOpen}
        leave={data?.leave ?? []}
        canDecide={canPublish}
        agentName={agentName}
        onClose={() => setLeaveOpen(false)}
        onDecided={() => {
          void message.success(t("rosterRequests.decided"));
          loaded.reload();
        }}
      />
      <FillModal open={fillOpen} onCancel={() => setFillOpen(false)} onOk={applyPattern} />
      {historyOf && rows[historyOf.r] && days[historyOf.c] ? (
        <HistoryDrawer
          employeeNo={rows[historyOf.r].employee_no}
          who={agentName(rows[historyOf.r].employee_no)}
          date={days[historyOf.c].date}
          onClose={() => setHistoryOf(null)}
        />
      ) : null}
    </div>
  );
}

function ReasonModal(props: {
  open: boolean;
  title: string;
  text: string;
  okText: string;
  onCancel: () => void;
  onOk: (reason: string) => Promise<unknown> | unknown;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await props.onOk(reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onCancel={props.onCancel}
      onOk={() => void submit().catch(() => {})}
      forceRender
      destroyOnHidden
    >
      <p data-testid={`${props.testId}-text`}>{props.text}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t("fields.reason")} rules={[{ required: true, whitespace: true, message: t("roster.reasonRequired") }]}>
          <Input.TextArea rows={3} data-testid={`${props.testId}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FillModal({ open, onCancel, onOk }: { open: boolean; onCancel: () => void; onOk: (pattern: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ pattern: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t("roster.fillPattern")}
      okText={t("roster.fillApply")}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onOk(v.pattern), () => {})}
      forceRender
      destroyOnHidden
    >
      <p className="fd-muted">{t("roster.fillHint")}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="pattern" label={t("roster.pattern")} rules={[{ required: true, whitespace: true, message: t("roster.patternRequired") }]}>
          <Input placeholder="D D D D D D 休" data-testid="roster-fill-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryDrawer({ employeeNo, who, date, onClose }: { employeeNo: string; who: string; date: string; onClose: () => void }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const changes = useLoad(["rosterHistory", employeeNo, date], ["roster"], () => backend.rosterHistory(employeeNo, date));
  return (
    <Drawer open title={`${t("roster.history")} · ${who} · ${date}`} onClose={onClose} size={420}>
      <div data-testid="roster-history-list">
        {changes.error ? (
          <span>{errorText(t, changes.error)}</span>
        ) : !changes.data ? (
          <span className="fd-muted">{t("app.loading")}</span>
        ) : changes.data.length === 0 ? (
          <Empty description={t("roster.noHistory")} />
        ) : (
          <ul className="fd-roster-vlist">
            {changes.data.map((c, i) => (
              <li key={i}>
                <div>
                  <b>{c.old_cell || t("roster.emptyCell")}</b> → <b>{c.new_cell || t("roster.emptyCell")}</b>
                </div>
                <div className="fd-muted">
                  {formatDateTime(c.changed_at)} · {c.changed_by ?? "—"}
                </div>
                <div>
                  {t("fields.reason")}：{c.reason}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Drawer>
  );
}
