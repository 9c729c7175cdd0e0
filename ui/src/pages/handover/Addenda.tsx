// 补充说明: what is added to a log after its sign-off (each chained, with its 校验码), and the
// refusal a write to a signed log gets, which points here. The text box shows for a frozen log,
// or when a refusal's 添加补充说明 asks for it (the page may still think the log open).
import { useEffect, useRef, useState } from "react";
import { Alert, App, Button, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type HandoverLogView } from "../../backend";
import { errorText } from "../../lib/errors";
import { siteDateTime } from "./handoverTime";

type RefusalProps = {
  error: unknown;
  /** RunHandover: addenda are the 交接班长's. */
  canAdd: boolean;
  onAddendum: () => void;
  onClose: () => void;
};

/** A write the backend refused, in its words; a signed log's refusal offers the addendum instead. */
export function Refusal({ error, canAdd, onAddendum, onClose }: RefusalProps) {
  const { t } = useTranslation();
  const signed = BackendError.from(error).code === "handover.signed";
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      style={{ margin: "8px 0" }}
      title={errorText(t, error)}
      data-testid="handover-refused"
      action={
        signed && canAdd ? (
          <Button size="small" onClick={onAddendum} data-testid="handover-refused-addendum">
            {t("handover.page.refused.addAddendum")}
          </Button>
        ) : undefined
      }
    />
  );
}

type Props = {
  log: HandoverLogView;
  zone: string;
  canAdd: boolean;
  /** The text box was asked for (补充说明 in the header, or a refusal's button). */
  composing: boolean;
  /** Changes each time the text box is asked for: it takes the caret then. */
  focusSignal: number;
};

export default function Addenda({ log, zone, canAdd, composing, focusSignal }: Props) {
  const { t } = useTranslation();
  const showInput = canAdd && log.log_id !== null && (log.frozen || composing);
  if (log.addenda.length === 0 && !showInput) return null;
  return (
    <section style={{ marginTop: 16 }} data-testid="handover-addenda">
      <strong>{t("handover.page.addenda.title", { count: log.addenda.length })}</strong>
      {log.addenda.map((a) => (
        <div key={a.id} data-testid={`handover-addendum-${a.id}`} style={{ padding: "6px 0", borderBottom: "1px solid #f0f0f0" }}>
          <div className="fd-muted">
            {t("handover.page.addenda.byLine", { time: siteDateTime(a.at, zone), name: a.author.name, employee_no: a.author.employee_no })}
            {" · "}
            {t("handover.checkCode")} <code>{a.hash_prefix}</code>
          </div>
          <div style={{ whiteSpace: "pre-wrap" }}>{a.text}</div>
        </div>
      ))}
      {showInput && log.log_id !== null ? <AddendumInput logId={log.log_id} focusSignal={focusSignal} /> : null}
    </section>
  );
}

function AddendumInput({ logId, focusSignal }: { logId: number; focusSignal: number }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    if (focusSignal === 0) return;
    box.current?.focus();
    box.current?.scrollIntoView({ block: "nearest" });
  }, [focusSignal]);

  const add = async () => {
    setSending(true);
    try {
      await backend.addHandoverAddendum(logId, text);
      setText("");
      setError(null);
      void message.success(t("handover.page.addenda.added"));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%", marginTop: 8 }}>
      <Input.TextArea
        ref={(el) => {
          box.current = el?.resizableTextArea?.textArea ?? null;
        }}
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={text}
        placeholder={t("handover.page.addenda.placeholder")}
        onChange={(e) => setText(e.target.value)}
        data-testid="handover-addendum-input"
      />
      {error ? <Alert type="error" showIcon title={errorText(t, error)} data-testid="handover-addendum-error" /> : null}
      <Button type="primary" loading={sending} onClick={() => void add()} data-testid="handover-addendum-add">
        {t("handover.page.addenda.add")}
      </Button>
    </Space>
  );
}
