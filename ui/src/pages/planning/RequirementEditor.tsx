// 人力需求: a team's agents needed per half hour for each kind of day (周一…周日, 节假日), typed
// into 48 cells, or worked out from the contacts expected by Erlang C (the backend's sum: the
// page sends the contacts and the inputs and shows the agents it answers). Several kinds may be
// edited before one 保存, which stores each changed kind (`putRequirementDay`; the backend keeps
// a team lead to their own team). Closing or changing team with unsaved kinds asks first.
import { useCallback, useMemo, useState } from "react";
import { Alert, App, Button, Checkbox, Drawer, Empty, Modal, Segmented, Select, Space, Tabs } from "antd";
import { ClearOutlined, CopyOutlined, SaveOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type RequirementDay } from "../../backend";
import { errorText } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import ErlangFields, { fieldErrors } from "./ErlangFields";
import RequirementChart from "./RequirementChart";
import SlotGrid, { type SlotRow } from "./SlotGrid";
import { completeInputs, DAY_KINDS, dayOf, DEFAULT_FIELDS, draftOf, isChanged, SLOTS, sumAndPeak, zeros, type DayKind, type Draft, type ErlangFields as Fields } from "./slots";
import "./planning.css";

export type PlanningTeam = { id: number; name: string };

type Props = {
  open: boolean;
  teams: readonly PlanningTeam[];
  /** The team shown first (the roster page's filter), else the first. */
  initialTeam: number | null;
  canEdit: boolean;
  onClose: () => void;
};

/** The drawer, mounted while open: every open starts from what is stored. */
export default function RequirementEditor(props: Props) {
  return props.open ? <EditorDrawer {...props} /> : null;
}

const fit = (v: readonly number[]) => Array.from({ length: SLOTS }, (_, i) => v[i] ?? 0);

function EditorDrawer({ teams, initialTeam, canEdit, onClose }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message, modal } = App.useApp();
  const [teamId, setTeamId] = useState<number | null>(() =>
    initialTeam !== null && teams.some((tm) => tm.id === initialTeam) ? initialTeam : (teams[0]?.id ?? null),
  );
  const loaded = useLoad(["requirement", teamId], ["roster"], () =>
    teamId === null ? Promise.resolve([] as RequirementDay[]) : backend.teamRequirement(teamId),
  );
  const stored = useMemo(() => new Map((loaded.data ?? []).map((d) => [d.day_kind, d])), [loaded.data]);
  // A new Erlang day starts from the inputs the team already uses.
  const teamFields = useMemo<Fields>(() => {
    const e = (loaded.data ?? []).find((d) => d.source === "erlang" && d.erlang)?.erlang;
    return e ? { ...e } : DEFAULT_FIELDS;
  }, [loaded.data]);

  // Only the kinds touched are drafts; the others show what is stored (and follow its reloads).
  const [drafts, setDrafts] = useState<Partial<Record<DayKind, Draft>>>({});
  const [kind, setKind] = useState<DayKind>("1");
  const [showEmpty, setShowEmpty] = useState(false);
  const [computing, setComputing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copyOpen, setCopyOpen] = useState(false);

  const draftFor = useCallback((k: DayKind) => drafts[k] ?? draftOf(stored.get(k), teamFields), [drafts, stored, teamFields]);
  const changed = useMemo(() => DAY_KINDS.filter((k) => drafts[k] && isChanged(stored.get(k), drafts[k])), [drafts, stored]);
  const kindLabel = useCallback((k: string) => t(`planning.kinds.${k}`), [t]);
  const kindsText = (ks: readonly string[]) => ks.map(kindLabel).join(t("planning.requirement.sep"));

  const draft = draftFor(kind);
  const update = (k: DayKind, next: Draft) => setDrafts((prev) => ({ ...prev, [k]: next }));
  const readOnly = !canEdit || teamId === null;

  /** Asks before dropping unsaved kinds; `then` runs once it may. */
  const guard = (then: () => void) => {
    if (changed.length === 0) return then();
    modal.confirm({
      title: t("planning.requirement.discardTitle"),
      content: t("planning.requirement.discardText", { kinds: kindsText(changed) }),
      okText: t("planning.requirement.discardOk"),
      cancelText: t("planning.requirement.keepEditing"),
      okButtonProps: { danger: true, "data-testid": "requirement-discard" },
      onOk: then,
    });
  };

  const chooseTeam = (id: number) =>
    guard(() => {
      setTeamId(id);
      setDrafts({});
      setError(null);
      setShowEmpty(false);
    });

  const setMode = (mode: Draft["mode"]) => {
    const s = stored.get(kind);
    const next = { ...draft, mode };
    // Back on the stored Erlang day as it was: its agents are still the answer.
    next.fresh = mode === "erlang" ? !!s && s.source === "erlang" && !isChanged(s, next) : draft.fresh;
    update(kind, next);
  };

  const compute = async () => {
    setShowEmpty(true);
    setError(null);
    const inputs = completeInputs(draft.inputs);
    if (!inputs || Object.keys(fieldErrors(draft.inputs, true)).length > 0) return;
    if (draft.contacts.every((c) => c === 0)) {
      setError(t("planning.erlang.noContacts"));
      return;
    }
    const sent = { contacts: draft.contacts, inputs: draft.inputs };
    setComputing(true);
    try {
      const agents = fit(await backend.erlangRequirement([...sent.contacts], inputs));
      const k = kind;
      setDrafts((prev) => {
        const cur = prev[k] ?? draft;
        // Typed on while it was computing: the answer is for what was sent.
        const fresh = cur.contacts === sent.contacts && cur.inputs === sent.inputs;
        return { ...prev, [k]: { ...cur, agents, fresh } };
      });
      void message.success(t("planning.erlang.computed"));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setComputing(false);
    }
  };

  const save = async () => {
    setError(null);
    if (teamId === null) return;
    if (changed.length === 0) {
      void message.info(t("planning.requirement.nothingToSave"));
      return;
    }
    const stale = changed.filter((k) => draftFor(k).mode === "erlang" && !draftFor(k).fresh);
    if (stale.length > 0) {
      setKind(stale[0]);
      setError(t("planning.erlang.needsCompute", { kinds: kindsText(stale) }));
      return;
    }
    setSaving(true);
    const done: DayKind[] = [];
    try {
      for (const k of changed) {
        const day = dayOf(teamId, k, draftFor(k));
        await backend.putRequirementDay(day);
        done.push(k);
        // Shown at once as saved; the change event reads it again with its time.
        const empty = day.agents.every((a) => a === 0);
        loaded.patch((days) => [...days.filter((d) => d.day_kind !== k), ...(empty ? [] : [day])]);
      }
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
      if (done.length > 0) {
        setDrafts((prev) => {
          const next = { ...prev };
          for (const k of done) delete next[k];
          return next;
        });
        void message.success(t("planning.requirement.saved", { kinds: kindsText(done) }));
      }
    }
  };

  const clear = () => {
    update(kind, { ...draft, agents: zeros(), contacts: zeros(), fresh: true });
    void message.info(t("planning.requirement.cleared", { kind: kindLabel(kind) }));
  };

  const copyTo = (targets: DayKind[]) => {
    setDrafts((prev) => {
      const next = { ...prev };
      for (const k of targets) next[k] = { ...draft, agents: [...draft.agents], contacts: [...draft.contacts], inputs: { ...draft.inputs } };
      return next;
    });
    setCopyOpen(false);
    if (targets.length > 0) void message.info(t("planning.requirement.copied", { kinds: kindsText(targets) }));
  };

  const erlang = draft.mode === "erlang";
  const stale = erlang && !draft.fresh;
  const rows = useMemo<SlotRow[]>(() => {
    const k = kind;
    return erlang
      ? [
          {
            key: "contacts",
            label: t("planning.requirement.rows.contacts"),
            values: draft.contacts,
            digits: 6,
            testId: "req-contacts",
            onChange: (contacts) => setDrafts((prev) => ({ ...prev, [k]: { ...(prev[k] ?? draft), contacts, fresh: false } })),
          },
          { key: "computed", label: t("planning.requirement.rows.computed"), values: draft.agents, faded: stale, testId: "req-computed" },
        ]
      : [
          {
            key: "agents",
            label: t("planning.requirement.rows.agents"),
            values: draft.agents,
            testId: "req-agents",
            onChange: (agents) => setDrafts((prev) => ({ ...prev, [k]: { ...(prev[k] ?? draft), agents } })),
          },
        ];
  }, [kind, erlang, draft, stale, t]);
  const onPasteError = useCallback((bad: string) => void message.error(t("planning.requirement.pasteBad", { value: bad })), [message, t]);
  const onPasted = useCallback((count: number) => void message.info(t("planning.requirement.pasted", { count })), [message, t]);

  const s = stored.get(kind);
  const { sum, peak } = sumAndPeak(draft.agents);
  const tabItems = DAY_KINDS.map((k) => {
    const src = stored.get(k)?.source;
    return {
      key: k,
      label: (
        <span className="fd-req-tab" data-testid={`requirement-tab-${k}`}>
          {kindLabel(k)}
          {changed.includes(k) ? (
            <span className="fd-req-dot" title={t("planning.requirement.unsaved")} aria-label={t("planning.requirement.unsaved")} data-testid={`requirement-unsaved-${k}`}>
              ●
            </span>
          ) : null}
          <span className={`fd-req-src fd-req-src-${src ?? "none"}`}>{src ? t(`planning.source.${src}`) : t("planning.requirement.none")}</span>
        </span>
      ),
    };
  });

  return (
    <Drawer
      open
      size={1120}
      title={t("planning.requirement.title")}
      onClose={() => guard(onClose)}
      data-testid="requirement-editor"
      footer={
        <div className="fd-req-footer">
          <span className="fd-muted">{readOnly && teamId !== null ? t("planning.requirement.readOnly") : ""}</span>
          <Space>
            <Button onClick={() => guard(onClose)} data-testid="requirement-close">
              {t("planning.requirement.close")}
            </Button>
            {canEdit ? (
              <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={teamId === null || changed.length === 0} onClick={() => void save()} data-testid="requirement-save">
                {changed.length > 1 ? t("planning.requirement.saveCount", { count: changed.length }) : t("planning.requirement.save")}
              </Button>
            ) : null}
          </Space>
        </div>
      }
    >
      {teams.length === 0 ? (
        <Empty description={t("planning.requirement.noTeams")} />
      ) : (
        <div data-testid="requirement-body">
          <Space wrap className="fd-req-head">
            <span>{t("planning.requirement.team")}</span>
            <Select
              data-testid="requirement-team"
              style={{ minWidth: 160 }}
              value={teamId ?? undefined}
              onChange={chooseTeam}
              options={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
            />
          </Space>
          <Tabs
            activeKey={kind}
            onChange={(k) => {
              setKind(k as DayKind);
              setShowEmpty(false);
            }}
            items={tabItems}
            size="small"
          />
          {error ? <Alert type="error" showIcon closable onClose={() => setError(null)} title={error} className="fd-req-error" data-testid="requirement-error" /> : null}
          {loaded.error ? <Alert type="error" showIcon title={errorText(t, loaded.error)} className="fd-req-error" /> : null}
          <div className="fd-req-bar">
            <Segmented<Draft["mode"]>
              data-testid="requirement-mode"
              value={draft.mode}
              disabled={readOnly}
              onChange={setMode}
              options={[
                { value: "typed", label: t("planning.requirement.mode.typed") },
                { value: "erlang", label: t("planning.requirement.mode.erlang") },
              ]}
            />
            <span className="fd-muted" data-testid="requirement-stored">
              {s ? t("planning.requirement.updated", { source: t(`planning.source.${s.source}`), at: formatDateTime(s.updated_at) }) : t("planning.requirement.notStored")}
            </span>
            <span className="fd-req-spacer" />
            {readOnly ? null : (
              <>
                <Button icon={<CopyOutlined />} onClick={() => setCopyOpen(true)} data-testid="requirement-copy">
                  {t("planning.requirement.copyTo")}
                </Button>
                <Button icon={<ClearOutlined />} onClick={clear} data-testid="requirement-clear">
                  {t("planning.requirement.clear")}
                </Button>
              </>
            )}
          </div>
          {erlang ? (
            <ErlangFields
              value={draft.inputs}
              onChange={(inputs) => update(kind, { ...draft, inputs, fresh: false })}
              showEmpty={showEmpty}
              readOnly={readOnly}
              computing={computing}
              onCompute={() => void compute()}
            />
          ) : null}
          {stale && !readOnly ? <div className="fd-req-stale" data-testid="requirement-stale">{t("planning.erlang.stale")}</div> : null}
          <SlotGrid rows={rows} readOnly={readOnly} onPasteError={onPasteError} onPasted={onPasted} />
          <div className="fd-muted fd-req-hint">
            <span data-testid="requirement-total">{t("planning.requirement.total", { sum, peak })}</span>
            {readOnly ? null : <span> · {t("planning.requirement.keysHint")}</span>}
          </div>
          <RequirementChart kindLabel={kindLabel(kind)} agents={draft.agents} contacts={erlang ? draft.contacts : null} stale={stale} />
        </div>
      )}
      <CopyModal open={copyOpen} from={kind} kindLabel={kindLabel} onCancel={() => setCopyOpen(false)} onOk={copyTo} />
    </Drawer>
  );
}

function CopyModal({ open, from, kindLabel, onCancel, onOk }: { open: boolean; from: DayKind; kindLabel: (k: string) => string; onCancel: () => void; onOk: (kinds: DayKind[]) => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<DayKind[]>([]);
  const others = DAY_KINDS.filter((k) => k !== from);
  const workdays = others.filter((k) => ["1", "2", "3", "4", "5"].includes(k));
  return (
    <Modal
      open={open}
      title={t("planning.requirement.copyTitle", { kind: kindLabel(from) })}
      okText={t("planning.requirement.copyOk")}
      okButtonProps={{ disabled: picked.length === 0, "data-testid": "requirement-copy-ok" }}
      onCancel={onCancel}
      onOk={() => {
        onOk(picked);
        setPicked([]);
      }}
      afterOpenChange={(o) => !o && setPicked([])}
      destroyOnHidden
    >
      <Space orientation="vertical">
        <Space>
          <Button size="small" onClick={() => setPicked(others)}>
            {t("planning.requirement.copyAll")}
          </Button>
          <Button size="small" onClick={() => setPicked(workdays)}>
            {t("planning.requirement.copyWorkdays")}
          </Button>
        </Space>
        <Checkbox.Group
          data-testid="requirement-copy-kinds"
          value={picked}
          onChange={(v) => setPicked(v as DayKind[])}
          options={others.map((k) => ({ value: k, label: <span data-testid={`requirement-copy-${k}`}>{kindLabel(k)}</span> }))}
        />
      </Space>
    </Modal>
  );
}

