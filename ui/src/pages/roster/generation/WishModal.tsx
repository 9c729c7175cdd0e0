// 想休: records the selected days as rest the agent asked for, with an optional note (the
// backend keeps it beside the wish; generation grants what a lawful month allows).
import { useState } from "react";
import { Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { CellRef } from "../../../backend";
import { shortDate } from "../violations";

/** How many agents' days the dialog lists before "and N more". */
const LISTED = 4;

export default function WishModal({
  cells,
  agentName,
  onCancel,
  onOk,
}: {
  cells: readonly CellRef[];
  agentName: (no: string) => string;
  onCancel: () => void;
  onOk: (note: string | null) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const byAgent = new Map<string, string[]>();
  for (const c of cells) byAgent.set(c.employee_no, [...(byAgent.get(c.employee_no) ?? []), shortDate(c.date)]);
  const listed = [...byAgent.entries()].slice(0, LISTED);
  const rest = cells.length - listed.reduce((n, [, d]) => n + d.length, 0);
  const submit = async () => {
    setBusy(true);
    try {
      await onOk(note.trim() || null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("generation.wish.title")}
      okText={t("generation.wish.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => void submit()}
      okButtonProps={{ ...{ "data-testid": "generation-wish-ok" } }}
      destroyOnHidden
    >
      <div data-testid="generation-wish-cells" style={{ marginBottom: 12 }}>
        {listed.map(([no, dates]) => (
          <div key={no}>{t("generation.wish.cells", { who: agentName(no), dates: dates.join("、") })}</div>
        ))}
        {rest > 0 ? <div className="fd-muted">{t("generation.wish.more", { count: rest })}</div> : null}
      </div>
      <label className="fd-muted" htmlFor="generation-wish-note">
        {t("generation.wish.note")}
      </label>
      <Input
        id="generation-wish-note"
        data-testid="generation-wish-note"
        value={note}
        placeholder={t("generation.wish.notePlaceholder")}
        onChange={(e) => setNote(e.target.value)}
        onPressEnter={() => void submit()}
      />
    </Modal>
  );
}
