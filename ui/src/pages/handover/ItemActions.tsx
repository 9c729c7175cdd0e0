// The item list's small dialogs (docs/design/handover.md §8.3): 备注 M, 提问 Q, 答复 A, 接受 K,
// 转交班组 T, 修改 E, 结案 C. Enter submits one `changeHandoverItem`; a refusal (a signed log,
// a settled query, someone else's entry) is the backend's, shown translated in the dialog.
// A dialog's text is a draft (`item:<id>:<what>`) like the entry row.
import { useRef, useState, type KeyboardEvent } from "react";
import { Alert, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type ItemChange, type ItemRow } from "../../backend";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import ItemActionsEdit, { editedValues, editTexts } from "./ItemActionsEdit";
import ItemActionsQuery from "./ItemActionsQuery";
import type { Focusable } from "./ItemEntryFields";
import ItemEntryPick from "./ItemEntryPick";
import { patchBetween, siteText } from "./itemForm";
import { itemErrorText } from "./itemFormErrors";
import { useDraft } from "./useDraft";

export type ItemAction = "note" | "query" | "answer" | "accept" | "hand_to_team" | "update" | "close";

/** The list's action keys. */
export const ACTION_KEYS: Record<string, ItemAction> = {
  m: "note",
  q: "query",
  a: "answer",
  k: "accept",
  t: "hand_to_team",
  e: "update",
  c: "close",
};

/** The actions whose words the backend requires (it stores them on the timeline). */
const TEXT_REQUIRED: ReadonlySet<ItemAction> = new Set(["note", "query", "answer", "close"]);
const HAS_TEXT: ReadonlySet<ItemAction> = new Set(["note", "query", "answer", "hand_to_team", "close"]);

type Props = {
  logId: number | null;
  item: ItemRow;
  action: ItemAction;
  onClose: () => void;
};

export default function ItemActions({ logId, item, action, onClose }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const zone = useSession().site.time_zone;
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const [queryId, setQueryId] = useState<number | null>(item.open_queries[0]?.id ?? null);
  const [teamId, setTeamId] = useState<number | null>(null);
  const [edit, setEdit] = useState(() => editTexts(item.fields, zone));
  const [dueBad, setDueBad] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sending = useRef(false);
  // A draft of this dialog's text exists (restored, or typed here): it goes once done with.
  const hasDraft = useRef(false);
  const typed = useRef(false);
  const drafted = HAS_TEXT.has(action);
  const draft = useDraft(drafted ? logId : null, `item:${item.id}:${action}`, (restored) => {
    hasDraft.current = true;
    if (!typed.current) setText(restored);
  });
  const teams = useLoad(["teams"], ["teams", "agents"], () => backend.listTeams());

  // The dialog focuses itself as it opens: then the first field takes the focus (else the body, for Enter).
  const body = useRef<HTMLDivElement>(null);
  const first = useRef<Focusable | null>(null);
  const setFirst = (el: Focusable | null) => {
    first.current = el;
  };
  const focusFirst = (open: boolean) => {
    const inside = document.activeElement;
    // Someone already clicked into a field while the dialog opened: leave them there.
    if (!open || (inside && inside !== body.current && body.current?.contains(inside))) return;
    (first.current ?? body.current)?.focus();
  };

  const needsQuery = action === "answer" || action === "accept";
  const noQuery = needsQuery && queryId === null;

  const build = (): ItemChange | null => {
    if (TEXT_REQUIRED.has(action) && text.trim() === "") {
      setMissing(true);
      return null;
    }
    switch (action) {
      case "note":
      case "query":
        return { kind: action, text };
      case "close":
        return { kind: "close", outcome: text };
      case "answer":
        return queryId === null ? null : { kind: "answer", query_id: queryId, text };
      case "accept":
        return queryId === null ? null : { kind: "accept", query_id: queryId };
      case "hand_to_team":
        if (teamId === null) {
          setMissing(true);
          return null;
        }
        return { kind: "hand_to_team", team_id: teamId, text };
      case "update": {
        const values = editedValues(item.kind, edit, zone);
        setDueBad(!values);
        return values ? { kind: "update", patch: patchBetween(item.fields, values) } : null;
      }
    }
  };

  const submit = async () => {
    if (sending.current) return;
    const change = build();
    if (!change) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    // A save still on its way must not land after the change (which clears the draft).
    await draft.settle();
    try {
      await backend.changeHandoverItem(item.id, change);
      // The backend clears the slot in the item's own log; one kept under this log goes too.
      if (hasDraft.current) void draft.discard();
      onClose();
    } catch (e) {
      setError(e);
      if (hasDraft.current) draft.change(text);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const cancel = () => {
    if (hasDraft.current) void draft.discard();
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "Enter" || e.shiftKey || e.altKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void submit();
  };

  const typeText = (value: string) => {
    setText(value);
    typed.current = true;
    hasDraft.current = true;
    if (value.trim()) setMissing(false);
    draft.change(value);
  };

  const words = t(`handover.items.action.${action}`);
  const activeTeams = (teams.data ?? []).filter((tm) => tm.active);
  return (
    <Modal
      open
      title={t("handover.items.actionTitle", { action: words, id: item.id, title: item.title })}
      okText={t("handover.items.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: noQuery, ...{ "data-testid": "handover-action-ok" } }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={cancel}
      afterOpenChange={focusFirst}
      destroyOnHidden
    >
      <div
        ref={body}
        tabIndex={-1}
        data-testid={`handover-action-${action}`}
        onKeyDown={onKeyDown}
        style={{ display: "flex", flexDirection: "column", gap: 8, outline: "none" }}
      >
        {needsQuery ? <ItemActionsQuery item={item} queryId={queryId} onChange={setQueryId} /> : null}
        {action === "accept" && !noQuery ? <Typography.Text>{t("handover.items.acceptText")}</Typography.Text> : null}
        {action === "hand_to_team" ? (
          <label style={{ display: "flex", flexDirection: "column", gap: 2 }}>
            <span className="fd-muted" style={{ fontSize: 12 }}>
              {t("handover.items.team")}
            </span>
            <ItemEntryPick
              ref={setFirst}
              value={teamId === null ? null : String(teamId)}
              options={activeTeams.map((tm) => String(tm.id))}
              label={(id) => activeTeams.find((tm) => String(tm.id) === id)?.name ?? id}
              onChange={(id) => {
                setTeamId(Number(id));
                setMissing(false);
              }}
              ariaLabel={t("handover.items.team")}
              testId="handover-action-team"
            />
            {missing && teamId === null ? <Typography.Text type="danger">{t("handover.items.pickTeam")}</Typography.Text> : null}
          </label>
        ) : null}
        {action === "update" ? (
          <ItemActionsEdit firstRef={setFirst} kind={item.kind} texts={edit} dueBad={dueBad} onChange={(name, value) => setEdit((v) => ({ ...v, [name]: value }))} />
        ) : null}
        {HAS_TEXT.has(action) && !noQuery ? (
          <label style={{ display: "flex", flexDirection: "column", gap: 2 }}>
            <span className="fd-muted" style={{ fontSize: 12 }}>
              {t(`handover.items.text.${action}`)}
            </span>
            <Input.TextArea
              data-testid="handover-action-text"
              ref={action === "hand_to_team" ? undefined : setFirst}
              autoSize={{ minRows: 2, maxRows: 6 }}
              value={text}
              status={missing && TEXT_REQUIRED.has(action) ? "error" : undefined}
              onChange={(e) => typeText(e.target.value)}
              onBlur={draft.flush}
            />
            {missing && TEXT_REQUIRED.has(action) ? (
              <Typography.Text type="danger" data-testid="handover-action-required">
                {t("handover.items.required", { field: t(`handover.items.text.${action}`) })}
              </Typography.Text>
            ) : null}
          </label>
        ) : null}
        {draft.savedAt ? (
          <span className="fd-muted" style={{ fontSize: 12 }}>
            {t("handover.items.draftSaved", { time: siteText(draft.savedAt.getTime(), zone, "HH:mm:ss") })}
          </span>
        ) : null}
        {error ? <Alert type="error" showIcon title={itemErrorText(t, error)} data-testid="handover-refused" /> : null}
        <span className="fd-muted" style={{ fontSize: 12 }}>
          {t("handover.items.submitKey")}
        </span>
      </div>
    </Modal>
  );
}
