// The keyboard entry row (docs/design/handover.md §8.2–8.3): kind tabs on Ctrl+1…5 (what was
// typed is kept per kind), the kind's fields in Tab order, Enter in the last field or Ctrl+Enter
// anywhere adds (`addHandoverItem`), Esc clears; the row is a draft, saved as it is typed.
// What an item needs is the backend's to say: its refusal is shown under the row.
import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { Alert, Button, Segmented, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverLogView, type ItemKind } from "../../backend";
import { useCan, useSession } from "../../session";
import { itemErrorText } from "./itemFormErrors";
import { afterAdd, clearedKind, emptyValues, fieldsOf, KINDS, parseEntry, serializeEntry, siteText, toNewItem, type EntryState } from "./itemForm";
import ItemEntryFields, { type Focusable } from "./ItemEntryFields";
import { NEW_SLOT, useDraft } from "./useDraft";

export interface ItemEntryProps {
  log: HandoverLogView;
}

/** Nothing to write into: a log not opened, a signed one, or an operator who may not write. */
export default function ItemEntry({ log }: ItemEntryProps) {
  const canWrite = useCan("write_handover_entry");
  if (log.log_id === null || log.frozen || !canWrite) return null;
  return <EntryRow key={log.log_id} logId={log.log_id} />;
}

function EntryRow({ logId }: { logId: number }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const session = useSession();
  const mine = session.operator.role === "agent";
  const [entry, setEntry] = useState<EntryState>(() => ({ kind: "customer", values: emptyValues() }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = useRef(entry);
  const touched = useRef(false);
  const sending = useRef(false);
  const lastBody = useRef("");
  const wantFocus = useRef<string | null>(null);
  const fields = useRef(new Map<string, Focusable>());
  const registered = useRef(new Map<string, (el: Focusable | null) => void>());

  const draft = useDraft(logId, NEW_SLOT, (body) => {
    const restored = touched.current ? null : parseEntry(body);
    if (!restored) return;
    lastBody.current = body;
    current.current = restored;
    setEntry(restored);
  });

  /** Show `next`; with `save`, it is the operator's change and goes to the draft. */
  const show = (next: EntryState, save: boolean) => {
    current.current = next;
    setEntry(next);
    if (!save) return;
    touched.current = true;
    const body = serializeEntry(next);
    if (body === lastBody.current) return;
    lastBody.current = body;
    draft.change(body);
  };

  const register = useCallback((name: string) => {
    let cb = registered.current.get(name);
    if (!cb) {
      cb = (el) => {
        if (el) fields.current.set(name, el);
        else fields.current.delete(name);
      };
      registered.current.set(name, cb);
    }
    return cb;
  }, []);

  // After the render that shows the wanted field (a kind switched, a row added or cleared).
  useLayoutEffect(() => {
    if (wantFocus.current === null) return;
    fields.current.get(wantFocus.current)?.focus();
    wantFocus.current = null;
  });

  const focusFirst = (kind: ItemKind) => {
    wantFocus.current = fieldsOf(kind)[0].name;
  };

  const setField = (name: string, value: string) => {
    const { kind, values } = current.current;
    show({ kind, values: { ...values, [kind]: { ...values[kind], [name]: value } } }, true);
  };

  const switchKind = (kind: ItemKind) => {
    focusFirst(kind);
    show({ ...current.current, kind }, true);
  };

  const add = async () => {
    if (sending.current) return;
    const sent = current.current;
    const input = toNewItem(sent.kind, sent.values);
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      // A save still on its way must not land after the add (the add clears the draft).
      await draft.settle();
      await backend.addHandoverItem(logId, input);
      const now = current.current;
      const kindValues = afterAdd(sent.kind, sent.values[sent.kind], now.values[sent.kind]);
      draft.reset();
      lastBody.current = "";
      focusFirst(now.kind);
      // The backend cleared the draft; what is left (other kinds' typing) is saved again.
      show({ ...now, values: { ...now.values, [sent.kind]: kindValues } }, true);
    } catch (e) {
      setError(e);
      // The draft's pending change was dropped for the add: save the row as it stands.
      lastBody.current = "";
      show(current.current, true);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const clear = () => {
    const { kind, values } = current.current;
    const next = { kind, values: { ...values, [kind]: clearedKind(kind, values[kind]) } };
    setError(null);
    focusFirst(kind);
    if (serializeEntry(next) !== "") return show(next, true);
    // Nothing typed is left in any kind: the draft goes.
    show(next, false);
    touched.current = true;
    lastBody.current = "";
    void draft.discard();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return; // an IME is composing Chinese
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && /^[1-5]$/.test(e.key)) {
      e.preventDefault();
      switchKind(KINDS[Number(e.key) - 1]);
    } else if (e.key === "Enter" && mod) {
      e.preventDefault();
      void add();
    } else if (e.key === "Escape") {
      e.preventDefault();
      clear();
    } else if (e.key === "Enter" && !e.shiftKey && !e.altKey) {
      const name = (e.target as HTMLElement).dataset?.field;
      if (!name) return;
      e.preventDefault();
      const list = fieldsOf(current.current.kind);
      const at = list.findIndex((f) => f.name === name);
      if (at === list.length - 1) void add();
      else fields.current.get(list[at + 1].name)?.focus();
    }
  };

  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) draft.flush();
  };

  return (
    <div data-testid="handover-entry" onKeyDown={onKeyDown} onBlur={onBlur} style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        <Segmented<ItemKind>
          aria-label={t("handover.items.kinds")}
          value={entry.kind}
          onChange={switchKind}
          options={KINDS.map((k, i) => ({
            value: k,
            label: (
              <span data-testid={`handover-kind-${k}`} title={`Ctrl+${i + 1}`}>
                {t(`handover.kind.${k}`)}
              </span>
            ),
          }))}
        />
        <span className="fd-kbd">Ctrl+1…5</span>
        {mine ? (
          <Tag color="blue" data-testid="handover-entry-mine" title={t("handover.items.mineHint")}>
            {t("handover.items.mine")}
          </Tag>
        ) : null}
      </div>
      <div style={{ display: "flex", gap: 8, alignItems: "flex-end" }}>
        <ItemEntryFields kind={entry.kind} values={entry.values[entry.kind]} onChange={setField} register={register} />
        <Button type="primary" data-testid="handover-entry-add" loading={busy} onClick={() => void add()}>
          {t("handover.items.add")} ⏎
        </Button>
      </div>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, fontSize: 12 }}>
        {draft.savedAt ? (
          <span className="fd-muted" data-testid="handover-draft-saved">
            {t("handover.items.draftSaved", { time: siteText(draft.savedAt.getTime(), session.site.time_zone, "HH:mm:ss") })}
          </span>
        ) : null}
        {draft.error ? (
          <Typography.Text type="warning" data-testid="handover-draft-failed">
            {t("handover.items.draftFailed", { error: itemErrorText(t, draft.error) })}
          </Typography.Text>
        ) : null}
        <span className="fd-muted">{t("handover.items.entryKeys")}</span>
      </div>
      {error ? <Alert type="error" showIcon title={itemErrorText(t, error)} data-testid="handover-entry-error" /> : null}
    </div>
  );
}
