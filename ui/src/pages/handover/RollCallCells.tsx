// The roll call's cells: a row as read (status words, seats, who corrected it) and the small
// editors of the row being corrected. Only words and inputs: what a status means is the backend's.
import type { KeyboardEvent, Ref } from "react";
import { Button, Checkbox, Input, InputNumber, Select, Space, Tag, Tooltip, type GetRef, type InputRef, type TableColumnsType } from "antd";
import { CheckOutlined, CloseOutlined, EditOutlined } from "@ant-design/icons";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { RollCallRow, RollCallStatus } from "../../backend";
import { siteHm } from "./handoverTime";
import { ROLL_CALL_STATUSES, type RollCallDraft } from "./rollCallDraft";

const STATUS_COLOURS: Record<RollCallStatus, string> = {
  present: "success",
  late: "warning",
  absent: "error",
  on_leave: "blue",
  excused: "cyan",
};

/** 到岗 / 迟到 / 缺勤 (未到 while the floor cannot tell yet) / 请假 / 已报备, with the arrival time. */
export function StatusCell({ row, zone }: { row: RollCallRow; zone: string }) {
  const { t } = useTranslation();
  const pending = row.status === "absent" && row.pending;
  const tag = (
    <Tag color={pending ? "default" : STATUS_COLOURS[row.status]} data-testid={`rollcall-status-${row.employee_no}`}>
      {t(`handover.rollCall.${pending ? "pending" : row.status}`)}
    </Tag>
  );
  return row.arrived_at ? <Tooltip title={t("handover.page.rollCall.arrivedAt", { time: siteHm(row.arrived_at, zone) })}>{tag}</Tooltip> : tag;
}

/** The seat the lead assigned for the shift, else the home seat (muted). */
export function SeatCell({ row }: { row: RollCallRow }) {
  const { t } = useTranslation();
  if (row.seat_code) return <strong>{row.seat_code}</strong>;
  if (row.home_seat_code) return <span className="fd-muted">{t("handover.page.rollCall.homeSeat", { seat: row.home_seat_code })}</span>;
  return null;
}

export function CorrectedCell({ row, zone }: { row: RollCallRow; zone: string }) {
  if (!row.corrected_by) return null;
  return (
    <span data-testid={`rollcall-corrected-${row.employee_no}`}>
      {row.corrected_by.name} <span className="fd-muted">{row.corrected_at ? siteHm(row.corrected_at, zone) : ""}</span>
    </span>
  );
}

export type LateInputRef = GetRef<typeof InputNumber>;

export type EditorProps = {
  draft: RollCallDraft;
  change: (patch: Partial<RollCallDraft>) => void;
  save: () => void;
  cancel: () => void;
};

/** Enter saves and Esc cancels in every editor; other keys stay the editor's. */
function editorKeys({ cancel }: Pick<EditorProps, "cancel">) {
  return (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      cancel();
    }
  };
}

export function StatusEditor({ draft, change }: EditorProps) {
  const { t } = useTranslation();
  return (
    <Select
      size="small"
      style={{ width: 96 }}
      value={draft.status}
      onChange={(status) => change({ status })}
      options={ROLL_CALL_STATUSES.map((s) => ({ value: s, label: t(`handover.rollCall.${s}`) }))}
      data-testid="rollcall-status-select"
    />
  );
}

export function LateEditor({ draft, change, save, cancel, inputRef }: EditorProps & { inputRef: Ref<LateInputRef> }) {
  return (
    <InputNumber
      ref={inputRef}
      size="small"
      style={{ width: 72 }}
      min={0}
      precision={0}
      value={draft.late_min}
      onChange={(v) => change({ late_min: typeof v === "number" ? v : null })}
      onPressEnter={save}
      onKeyDown={editorKeys({ cancel })}
      data-testid="rollcall-late-input"
    />
  );
}

export function NotifiedEditor({ draft, change }: EditorProps) {
  const { t } = useTranslation();
  return (
    <Checkbox checked={draft.notified} onChange={(e) => change({ notified: e.target.checked })} data-testid="rollcall-notified-input">
      {t("handover.page.rollCall.notified")}
    </Checkbox>
  );
}

export function SeatEditor({ draft, change, save, cancel, inputRef }: EditorProps & { inputRef: Ref<InputRef> }) {
  const { t } = useTranslation();
  return (
    <Input
      ref={inputRef}
      size="small"
      style={{ width: 110 }}
      value={draft.seat}
      placeholder={t("handover.page.rollCall.seatPlaceholder")}
      onChange={(e) => change({ seat: e.target.value })}
      onPressEnter={save}
      onKeyDown={editorKeys({ cancel })}
      data-testid="rollcall-seat-input"
    />
  );
}

export function NoteEditor({ draft, change, save, cancel }: EditorProps) {
  return (
    <Input
      size="small"
      value={draft.note}
      onChange={(e) => change({ note: e.target.value })}
      onPressEnter={save}
      onKeyDown={editorKeys({ cancel })}
      data-testid="rollcall-note-input"
    />
  );
}

type ColumnsOptions = {
  zone: string;
  editable: boolean;
  cursor: number;
  saving: boolean;
  /** The row being corrected, when there is one. */
  editor: EditorProps | null;
  lateRef: Ref<LateInputRef>;
  seatRef: Ref<InputRef>;
  startEdit: (row: RollCallRow, index: number) => void;
};

const CURSOR_STYLE = { background: "#e6f4ff" };

/** 工号 姓名 到岗情况 迟到(分) 报备 本班台席 备注 已更正 (+ 更正, for the 交接班长). */
export function rollCallColumns(t: TFunction, o: ColumnsOptions): TableColumnsType<RollCallRow> {
  const { editor } = o;
  const editing = (row: RollCallRow) => (editor && editor.draft.employee_no === row.employee_no ? editor : null);
  const head = (key: string) => t(`handover.page.rollCall.${key}`);
  const columns: TableColumnsType<RollCallRow> = [
    { key: "no", title: head("employeeNo"), dataIndex: "employee_no", width: 72 },
    {
      key: "name",
      title: head("name"),
      render: (_, row) => (
        <>
          {row.name} {row.rostered ? null : <Tag>{head("notRostered")}</Tag>}
        </>
      ),
    },
    { key: "status", title: head("status"), render: (_, row) => (editing(row) ? <StatusEditor {...editing(row)!} /> : <StatusCell row={row} zone={o.zone} />) },
    {
      key: "late",
      title: head("lateMin"),
      width: 90,
      render: (_, row) => (editing(row) ? <LateEditor {...editing(row)!} inputRef={o.lateRef} /> : (row.late_min ?? "")),
    },
    {
      key: "notified",
      title: head("notified"),
      render: (_, row) => (editing(row) ? <NotifiedEditor {...editing(row)!} /> : row.notified ? <Tag color="cyan">{head("notified")}</Tag> : null),
    },
    { key: "seat", title: head("seat"), render: (_, row) => (editing(row) ? <SeatEditor {...editing(row)!} inputRef={o.seatRef} /> : <SeatCell row={row} />) },
    { key: "note", title: head("note"), render: (_, row) => (editing(row) ? <NoteEditor {...editing(row)!} /> : row.note) },
    { key: "corrected", title: head("corrected"), render: (_, row) => <CorrectedCell row={row} zone={o.zone} /> },
  ];
  if (o.editable) {
    columns.push({
      key: "actions",
      title: "",
      width: 72,
      render: (_, row, index) => {
        const ed = editing(row);
        if (ed)
          return (
            <Space size={2}>
              <Button size="small" type="link" icon={<CheckOutlined />} loading={o.saving} aria-label={head("save")} onClick={ed.save} data-testid="rollcall-save" />
              <Button size="small" type="link" icon={<CloseOutlined />} aria-label={head("cancel")} onClick={ed.cancel} data-testid="rollcall-cancel" />
            </Space>
          );
        return (
          <Tooltip title={head("edit")}>
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              aria-label={head("edit")}
              disabled={editor !== null}
              onClick={(e) => {
                e.stopPropagation();
                o.startEdit(row, index);
              }}
              data-testid={`rollcall-edit-${row.employee_no}`}
            />
          </Tooltip>
        );
      },
    });
  }
  // The keyboard's row is tinted cell by cell (a table row's own background sits under its cells).
  return columns.map((c) => ({ ...c, onCell: (_: RollCallRow, index?: number) => (index === o.cursor ? { style: CURSOR_STYLE } : {}) }));
}
