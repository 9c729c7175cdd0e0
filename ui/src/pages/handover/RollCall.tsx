// 点名: the shift's roll call as the backend read it from the floor (and the 交接班长 corrected
// it), corrected here by keyboard (§8.3: ↑/↓, S, L, B, Z, Enter, Esc) or with each row's 更正.
// Every write is sent as typed and the backend's answer shown: a signed log refuses with
// handover.signed, and the page says so (the UI never decides beforehand that it would).
import { useEffect, useRef, useState, type HTMLAttributes, type KeyboardEvent } from "react";
import { App, Alert, Button, Space, Table, type InputRef } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverLogView, type RollCallRow } from "../../backend";
import { draftOf, stepStatus, writesOf, type RollCallDraft } from "./rollCallDraft";
import { rollCallColumns, type LateInputRef } from "./RollCallCells";

type Props = {
  log: HandoverLogView;
  zone: string;
  /** RunHandover: the 交接班长's corrections and seats. */
  canEdit: boolean;
  /** A write's error (null: a write went through, so an earlier refusal no longer stands). */
  onRefusal: (error: unknown | null) => void;
};

export default function RollCall({ log, zone, canEdit, onRefusal }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const rows = log.roll_call;
  const logId = log.log_id;
  // A log not opened yet shows the floor's reading as a preview: there is no log to write to.
  const editable = canEdit && logId !== null;
  const [cursorAt, setCursor] = useState(0);
  const cursor = Math.max(0, Math.min(cursorAt, rows.length - 1));
  const [typed, setDraft] = useState<RollCallDraft | null>(null);
  const [focusField, setFocusField] = useState<"late" | "seat" | null>(null);
  const [saving, setSaving] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const lateRef = useRef<LateInputRef>(null);
  const seatRef = useRef<InputRef>(null);
  // A row a new read no longer lists takes its correction with it.
  const draftRow = typed ? rows.find((r) => r.employee_no === typed.employee_no) : undefined;
  const draft = draftRow ? typed : null;

  // L and Z put the caret in the row's field once the editors are on screen.
  useEffect(() => {
    if (!focusField || !draft) return;
    (focusField === "late" ? lateRef.current : seatRef.current)?.focus();
    setFocusField(null);
  }, [focusField, draft]);

  /** Starts (or goes on with) the correction of the cursor's row. */
  const edit = (change: (d: RollCallDraft) => RollCallDraft, field?: "late" | "seat") => {
    const row = rows[cursor];
    if (!row) return;
    setDraft((d) => change(d && d.employee_no === row.employee_no ? d : draftOf(row)));
    if (field) setFocusField(field);
  };

  const backToTable = () => containerRef.current?.focus();
  const cancel = () => {
    setDraft(null);
    backToTable();
  };

  const save = async () => {
    if (!draft || !draftRow || logId === null || saving) return;
    const { correction, seat } = writesOf(draftRow, draft);
    setSaving(true);
    try {
      if (correction) await backend.correctRollCall(logId, correction);
      if (seat !== undefined) await backend.assignShiftSeat(logId, draftRow.employee_no, seat);
      setDraft(null);
      onRefusal(null);
    } catch (error) {
      onRefusal(error);
    } finally {
      setSaving(false);
      backToTable();
    }
  };

  const refresh = async () => {
    if (logId === null) return;
    try {
      await backend.refreshRollCall(logId);
      onRefusal(null);
      void message.success(t("handover.page.rollCall.refreshed"));
    } catch (error) {
      onRefusal(error);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The editors' own keys (typing a seat, Enter in a field) are theirs; Alt+… is the page's.
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const act = keyAction(key, e.shiftKey);
    if (!act) return;
    e.preventDefault();
    act();
  };

  const keyAction = (key: string, shift: boolean): (() => void) | null => {
    switch (key) {
      // A correction typed is saved or dropped on purpose before the cursor leaves its row.
      case "ArrowDown":
        return draft ? null : () => setCursor(Math.min(cursor + 1, rows.length - 1));
      case "ArrowUp":
        return draft ? null : () => setCursor(Math.max(cursor - 1, 0));
      case "Enter":
        return draft ? () => void save() : null;
      case "Escape":
        return draft ? cancel : null;
    }
    if (!editable) return null;
    switch (key) {
      case "s":
        return () => edit((d) => ({ ...d, status: stepStatus(d.status, shift) }));
      case "l":
        return () => edit((d) => d, "late");
      case "b":
        return () => edit((d) => ({ ...d, notified: !d.notified }));
      case "z":
        return () => edit((d) => d, "seat");
    }
    return null;
  };

  // Rows are few (a shift's members): the columns are simply built again on each render.
  const columns = rollCallColumns(t, {
    zone,
    editable,
    cursor,
    saving,
    editor: draft ? { draft, change: (patch) => setDraft((d) => d && { ...d, ...patch }), save: () => void save(), cancel } : null,
    lateRef,
    seatRef,
    startEdit: (row, index) => {
      setCursor(index);
      setDraft(draftOf(row));
    },
  });

  return (
    <section style={{ marginTop: 12 }}>
      <Space style={{ marginBottom: 6 }}>
        <strong>{t("handover.page.rollCall.title", { count: rows.length })}</strong>
        {editable ? (
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void refresh()} data-testid="handover-rollcall-refresh">
            {t("handover.page.rollCall.refresh")}
          </Button>
        ) : null}
      </Space>
      {logId === null ? <Alert type="info" showIcon style={{ marginBottom: 6 }} title={t("handover.page.rollCall.preview")} data-testid="handover-rollcall-preview" /> : null}
      <div ref={containerRef} tabIndex={0} data-focus="handover-rollcall" data-testid="handover-rollcall" onKeyDown={onKeyDown}>
        <Table<RollCallRow>
          size="small"
          rowKey="employee_no"
          pagination={false}
          columns={columns}
          dataSource={rows}
          locale={{ emptyText: t("handover.page.rollCall.empty") }}
          onRow={(row, index) =>
            ({
              "data-testid": `rollcall-row-${row.employee_no}`,
              "aria-selected": index === cursor,
              onClick: () => {
                if (!draft && index !== undefined) setCursor(index);
              },
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
      {editable ? (
        <div className="fd-muted" data-testid="handover-rollcall-hint" style={{ marginTop: 4 }}>
          {draftRow ? t("handover.page.rollCall.unsaved", { employee_no: draftRow.employee_no, name: draftRow.name }) : t("handover.page.rollCall.keys")}
        </div>
      ) : null}
    </section>
  );
}
