// 记录违规 (from the 台账) and 记为违规 (from the board's alert or agent card): who, which rule,
// when, and only what the rule asks for — a severity 1–5 for a ranged fine, a quantity for a
// per-unit price, the equipment for 损坏设备 (with a team to split it across when nobody can be
// charged), the co-penalised lead or manager — then place, witness and note. As fields change the
// backend's proposal shows (preview_incident, debounced). A supervisor confirms it into the
// ledger at once (accepting a renumbering or the legal cap, or changing the penalty with a
// reason); a lead submits it for confirmation.
//
// Opened through RecordIncidentModal, which loads this (and antd's date picker with it) on first use.
import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type IncidentInput, type IncidentPreview, type RuleRow } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad, useBusy } from "../../lib/hooks";
import { usePersonMatcher } from "../../lib/personSearch";
import { useCan, useSession } from "../../session";
import { CATEGORIES, categoryLabel, money, partyLabel, ruleName, yuanToFen } from "./bookText";
import { useActiveAgents, useIncidentRules, useLoginUsers } from "./incidentData";
import { coParty, fromSiteWall, nowToMinute, ruleNeeds, siteDateTime, siteWall } from "./incidentText";
import ProposalView, { confirmationOf, decisionProblem, useDecision } from "./ProposalView";

export type RecordIncidentProps = {
  open: boolean;
  initial?: Partial<IncidentInput>;
  /** Recorded from the board's alert or agent card. */
  fromBoard?: boolean;
  onClose: () => void;
  onRecorded?: (id: number) => void;
};

const K = "incidents.form";


type Draft = {
  employee_no: string | null;
  team_id: number | null;
  rule_code: string | null;
  ts: string;
  severity: number | null;
  quantity: number | null;
  item_code: string | null;
  stated_yuan: number | null;
  co_employee_no: string | null;
  place: string;
  witness: string;
  note: string;
  alert_ref: string | null;
};

function draftOf(initial: Partial<IncidentInput> | undefined): Draft {
  return {
    employee_no: initial?.employee_no ?? null,
    team_id: initial?.team_id ?? null,
    rule_code: initial?.rule_code || null,
    ts: initial?.ts ?? nowToMinute(),
    severity: initial?.severity ?? null,
    quantity: initial?.quantity ?? null,
    item_code: initial?.item_code ?? null,
    stated_yuan: initial?.stated_fen != null ? initial.stated_fen / 100 : null,
    co_employee_no: initial?.co_employee_no ?? null,
    place: initial?.place ?? "",
    witness: initial?.witness ?? "",
    note: initial?.note ?? "",
    alert_ref: initial?.alert_ref ?? null,
  };
}

const text = (s: string) => (s.trim() ? s.trim() : null);

/** The draft as the backend takes it, or null while the rule lacks something it needs. */
function inputOf(d: Draft, rule: RuleRow | undefined): IncidentInput | null {
  if (!d.rule_code || !rule) return null;
  const needs = ruleNeeds(rule.body);
  const splitTeam = !d.employee_no && needs.item ? d.team_id : null;
  if (!d.employee_no && splitTeam === null) return null;
  if (needs.severity && !d.severity) return null;
  if (needs.item && !d.item_code) return null;
  if (needs.stated && !(d.stated_yuan && d.stated_yuan > 0)) return null;
  if (needs.coRequired && !d.co_employee_no) return null;
  return {
    ts: d.ts,
    employee_no: d.employee_no,
    team_id: splitTeam,
    rule_code: d.rule_code,
    severity: needs.severity ? d.severity : null,
    quantity: needs.quantity ? (d.quantity ?? 1) : null,
    item_code: needs.item ? d.item_code : null,
    stated_fen: needs.stated ? yuanToFen(d.stated_yuan) : null,
    co_employee_no: needs.co ? d.co_employee_no : null,
    place: text(d.place),
    witness: text(d.witness),
    note: text(d.note),
    alert_ref: d.alert_ref,
  };
}

export default function RecordIncidentDialog({ open, initial, fromBoard = false, onClose, onRecorded }: RecordIncidentProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const backend = useBackend();
  const { message } = App.useApp();
  const { site } = useSession();
  const canConfirm = useCan("confirm_incidents");
  const matches = usePersonMatcher();
  const rules = useIncidentRules();
  const agents = useActiveAgents(open);
  const users = useLoginUsers();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const rule = (rules.data ?? []).find((r) => r.body.code === draft.rule_code);
  const needs = ruleNeeds(rule?.body);
  const items = useLoad(["incidents", "recordEquipment", needs.item], ["incidents"], () => (needs.item ? backend.equipmentItems() : Promise.resolve([])));
  const teams = useLoad(["incidents", "recordTeams", needs.item], ["teams"], () => (needs.item ? backend.listTeams() : Promise.resolve([])));
  const [preview, setPreview] = useState<IncidentPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [decision, setDecision] = useDecision(preview);
  const { busy, run } = useBusy((e) => setRefusal(errorText(t, e)));
  const [refusal, setRefusal] = useState<string | null>(null);
  const asked = useRef(0);

  // A fresh form each time it opens, from what the opener gives.
  const initialKey = JSON.stringify(initial ?? {});
  useEffect(() => {
    if (!open) return;
    setDraft(draftOf(initial));
    setPreview(null);
    setPreviewError(null);
    setRefusal(null);
    // `initialKey` stands for `initial` (a new object on each render of the opener).
  }, [open, initialKey]);

  const input = useMemo(() => inputOf(draft, rule), [draft, rule]);
  const latest = useRef(input);
  latest.current = input;
  // What the proposal depends on: the place, witness and note change nothing in it.
  const inputKey = input ? JSON.stringify({ ...input, place: null, witness: null, note: null }) : null;

  // Ask for the proposal once typing settles; a later answer replaces an earlier one only.
  useEffect(() => {
    if (!open) return;
    const n = ++asked.current;
    const input = latest.current;
    if (!input) {
      setPreview(null);
      setPreviewError(null);
      setPreviewing(false);
      return;
    }
    setPreviewing(true);
    const timer = setTimeout(() => {
      backend.previewIncident(input).then(
        (p) => {
          if (asked.current !== n) return;
          setPreview(p);
          setPreviewError(null);
          setPreviewing(false);
        },
        (e: unknown) => {
          if (asked.current !== n) return;
          setPreview(null);
          setPreviewError(errorText(t, e));
          setPreviewing(false);
        },
      );
    }, 300);
    return () => clearTimeout(timer);
    // `inputKey` stands for what of `input` the proposal depends on.
  }, [open, inputKey, backend, t]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const ruleOptions = useMemo(() => {
    const usable = (rules.data ?? []).filter((r) => !r.retired && r.body.importable !== false);
    return CATEGORIES.map((c) => ({
      label: categoryLabel(t, c),
      title: categoryLabel(t, c),
      options: usable
        .filter((r) => r.body.category === c)
        .map((r) => ({ value: r.body.code, label: ruleName(r.body, en), title: ruleName(r.body, en) })),
    })).filter((g) => g.options.length > 0);
  }, [rules.data, t, en]);

  const people = useMemo(() => {
    const list = (agents.data ?? []).map((a) => ({ employee_no: a.employee_no, name: a.name }));
    // The prefilled person is offered even when the list does not hold them (another team).
    if (draft.employee_no && !list.some((p) => p.employee_no === draft.employee_no)) list.unshift({ employee_no: draft.employee_no, name: "" });
    return list;
  }, [agents.data, draft.employee_no]);

  const coPeople = useMemo(() => {
    const seen = new Set<string>();
    const out: { employee_no: string; name: string }[] = [];
    for (const p of [...(agents.data ?? []).map((a) => ({ employee_no: a.employee_no, name: a.name })), ...(users.data ?? []).map((u) => ({ employee_no: u.employee_no, name: u.display_name }))]) {
      if (seen.has(p.employee_no) || p.employee_no === draft.employee_no) continue;
      seen.add(p.employee_no);
      out.push(p);
    }
    return out;
  }, [agents.data, users.data, draft.employee_no]);

  const personLabel = (p: { employee_no: string; name: string }) => (p.name ? `${p.employee_no} ${p.name}` : p.employee_no);
  const problem = canConfirm && preview ? decisionProblem(preview, decision) : null;
  const ready = !!input && !!preview && !previewing && !previewError && !problem;

  const submit = async () => {
    if (!input || !preview) return;
    setRefusal(null);
    await run(async () => {
      const id = await backend.recordIncident(input, fromBoard, canConfirm ? confirmationOf(decision) : null);
      void message.success(t(canConfirm ? `${K}.recorded` : `${K}.submitted`, { id }));
      onRecorded?.(id);
      onClose();
    });
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t(fromBoard ? `${K}.titleBoard` : `${K}.title`)}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="incident-cancel">
          {t("common.cancel")}
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!ready} onClick={() => void submit()} data-testid="incident-confirm">
          {t(canConfirm ? `${K}.confirm` : `${K}.submit`)}
        </Button>,
      ]}
    >
      <div data-testid="record-incident">
        {fromBoard && draft.alert_ref ? (
          <Typography.Paragraph type="secondary" data-testid="incident-from-alert">
            {t(`${K}.fromAlert`, { time: siteDateTime(draft.ts, site.time_zone) })}
          </Typography.Paragraph>
        ) : null}
        {rules.error ? <Alert type="error" showIcon title={errorText(t, rules.error)} style={{ marginBottom: 12 }} /> : null}
        <Form layout="vertical" component="div">
          <Space size={12} align="start" wrap style={{ width: "100%" }}>
            <Form.Item label={t(`${K}.person`)} style={{ width: 220 }}>
              <Select<string>
                allowClear
                showSearch={{ filterOption: (q, o) => matches(q, { employee_no: o?.value as string, name: String(o?.name ?? "") }) }}
                placeholder={t(`${K}.personPlaceholder`)}
                value={draft.employee_no ?? undefined}
                loading={agents.loading && !agents.data}
                options={people.map((p) => ({ value: p.employee_no, label: personLabel(p), title: personLabel(p), name: p.name }))}
                onChange={(v) => set({ employee_no: v ?? null, co_employee_no: draft.co_employee_no === v ? null : draft.co_employee_no })}
                data-testid="incident-person"
              />
            </Form.Item>
            <Form.Item label={t(`${K}.rule`)} style={{ width: 260 }}>
              <Select<string>
                showSearch={{ optionFilterProp: "title" }}
                placeholder={t(`${K}.rulePlaceholder`)}
                value={draft.rule_code ?? undefined}
                loading={rules.loading && !rules.data}
                options={ruleOptions}
                onChange={(v) => set({ rule_code: v, severity: null, quantity: null, item_code: null, stated_yuan: null })}
                data-testid="incident-rule"
              />
            </Form.Item>
            <Form.Item label={t(`${K}.ts`)} style={{ width: 200 }}>
              <DatePicker
                showTime={{ format: "HH:mm" }}
                format="YYYY-MM-DD HH:mm"
                allowClear={false}
                value={siteWall(draft.ts, site.time_zone)}
                onChange={(d) => d && set({ ts: fromSiteWall(d, site.time_zone) })}
                data-testid="incident-ts"
              />
            </Form.Item>
          </Space>
          {needs.severity || needs.quantity || needs.item || needs.stated || needs.co ? (
            <Space size={12} align="start" wrap style={{ width: "100%" }}>
              {needs.severity ? (
                <Form.Item label={t(`${K}.severity`)} extra={t(`${K}.severityHint`)} required>
                  <Radio.Group
                    optionType="button"
                    value={draft.severity ?? undefined}
                    onChange={(e) => set({ severity: e.target.value as number })}
                    options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))}
                    data-testid="incident-severity"
                  />
                </Form.Item>
              ) : null}
              {needs.item ? (
                <Form.Item label={t(`${K}.item`)} required style={{ width: 220 }}>
                  <Select<string>
                    showSearch={{ optionFilterProp: "title" }}
                    placeholder={t(`${K}.itemPlaceholder`)}
                    value={draft.item_code ?? undefined}
                    loading={items.loading && !items.data}
                    options={(items.data ?? [])
                      .filter((i) => i.active)
                      .map((i) => {
                        const label = `${en && i.name_en ? i.name_en : i.name_zh} ${money(t, i.price_fen)}`;
                        return { value: i.code, label, title: label };
                      })}
                    onChange={(v) => set({ item_code: v })}
                    data-testid="incident-item"
                  />
                </Form.Item>
              ) : null}
              {needs.quantity ? (
                <Form.Item label={t(`${K}.quantity`)}>
                  <InputNumber<number>
                    min={1}
                    max={10000}
                    precision={0}
                    style={{ width: 100 }}
                    value={draft.quantity ?? 1}
                    onChange={(v) => set({ quantity: v ?? 1 })}
                    data-testid="incident-quantity"
                  />
                </Form.Item>
              ) : null}
              {needs.item && !draft.employee_no ? (
                <Form.Item label={t(`${K}.team`)} extra={t(`${K}.teamHint`)} style={{ width: 260 }}>
                  <Select<number>
                    allowClear
                    value={draft.team_id ?? undefined}
                    loading={teams.loading && !teams.data}
                    options={(teams.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name, title: x.name }))}
                    onChange={(v) => set({ team_id: v ?? null })}
                    data-testid="incident-team"
                  />
                </Form.Item>
              ) : null}
              {needs.stated ? (
                <Form.Item label={t(`${K}.stated`)} required>
                  <InputNumber<number>
                    min={0}
                    precision={2}
                    prefix="¥"
                    style={{ width: 140 }}
                    value={draft.stated_yuan}
                    onChange={(v) => set({ stated_yuan: v })}
                    data-testid="incident-stated"
                  />
                </Form.Item>
              ) : null}
              {needs.co ? (
                <Form.Item
                  label={t(`${K}.coParty`, { party: partyLabel(t, needs.co) })}
                  extra={needs.coRequired ? undefined : t(`${K}.coHint`)}
                  required={needs.coRequired}
                  style={{ width: 260 }}
                >
                  <Select<string>
                    allowClear
                    showSearch={{ filterOption: (q, o) => matches(q, { employee_no: o?.value as string, name: String(o?.name ?? "") }) }}
                    value={draft.co_employee_no ?? undefined}
                    options={coPeople.map((p) => ({ value: p.employee_no, label: personLabel(p), title: personLabel(p), name: p.name }))}
                    onChange={(v) => set({ co_employee_no: v ?? null })}
                    data-testid="incident-co"
                  />
                </Form.Item>
              ) : null}
            </Space>
          ) : null}
          <Space size={12} align="start" wrap style={{ width: "100%" }}>
            <Form.Item label={t(`${K}.place`)} style={{ width: 220 }}>
              <Input value={draft.place} onChange={(e) => set({ place: e.target.value })} data-testid="incident-place" />
            </Form.Item>
            <Form.Item label={t(`${K}.witness`)} style={{ width: 220 }}>
              <Input value={draft.witness} onChange={(e) => set({ witness: e.target.value })} data-testid="incident-witness" />
            </Form.Item>
          </Space>
          <Form.Item label={t(`${K}.note`)}>
            <Input.TextArea
              rows={2}
             
              placeholder={t(`${K}.notePlaceholder`)}
              value={draft.note}
              onChange={(e) => set({ note: e.target.value })}
              data-testid="incident-note"
            />
          </Form.Item>
        </Form>
        <ProposalView
          preview={preview}
          loading={previewing}
          error={previewError}
          waiting={!input}
          party={coParty(rule?.body)}
          timeZone={site.time_zone}
          canConfirm={canConfirm}
          decision={decision}
          onDecision={setDecision}
        />
        {problem && preview ? (
          <Typography.Text type="warning" style={{ display: "block", marginTop: 6 }} data-testid="incident-problem">
            {t(`incidents.proposal.${problem}`)}
          </Typography.Text>
        ) : null}
        {!canConfirm ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t(`${K}.leadHint`)}
          </Typography.Paragraph>
        ) : null}
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginTop: 8 }} data-testid="incident-error" /> : null}
      </div>
    </Modal>
  );
}
