// 签字交接 (docs/design/handover.md §8.4): both 交接班长 with their PINs on this PC when the
// shifts meet (当面交接签字), else the outgoing side alone (交班签字; the incoming lead signs the
// receipt later). The blockers the backend reported are shown before anyone types a PIN; what
// it refuses with is shown under the side it names. The backend decides everything: who may
// sign, whether an override counts, whether the incoming shift is signed in.
import { useMemo, useState, type KeyboardEvent } from "react";
import { Alert, App, Button, Col, Form, Input, Modal, Row, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverLogView, type SignInput } from "../../backend";
import { errorText } from "../../lib/errors";
import { useCan, useSession } from "../../session";
import { shiftText, spanText } from "./HandoverSheetFormat";
import { leadUserId, mayStandIn, refusal, signerOptions, SignerColumn, useLoginUsers } from "./signers";

export interface SignModalProps {
  log: HandoverLogView;
  open: boolean;
  onClose: () => void;
}

type Values = {
  outgoing_user?: number;
  outgoing_pin?: string;
  incoming_user?: number;
  incoming_pin?: string;
  override_reason?: string;
};

type Errors = { top: string | null; outgoing: string | null; incoming: string | null };
const NO_ERRORS: Errors = { top: null, outgoing: null, incoming: null };

/** Mounted while open: each opening starts from the leads in line, with no PIN typed. */
export default function SignModal(props: SignModalProps) {
  return props.open ? <SignDialog {...props} /> : null;
}

function SignDialog({ log, onClose }: SignModalProps) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const { site } = useSession();
  const canOverride = useCan("override_handover");
  const { users, error: usersError } = useLoginUsers();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const incoming = log.incoming;
  const meets = incoming?.meets ?? false;

  const outgoingOptions = useMemo(() => signerOptions(t, users ?? [], log.outgoing_lead), [t, users, log.outgoing_lead]);
  const incomingOptions = useMemo(() => signerOptions(t, users ?? [], incoming?.lead), [t, users, incoming?.lead]);
  const initial = useMemo<Values>(
    () => ({
      outgoing_user: leadUserId(users ?? [], log.outgoing_lead),
      incoming_user: meets ? leadUserId(users ?? [], incoming?.lead) : undefined,
    }),
    [users, log.outgoing_lead, incoming?.lead, meets],
  );

  const outgoingUser = Form.useWatch("outgoing_user", form);
  const incomingUser = Form.useWatch("incoming_user", form);
  const chosen = (id: number | undefined) => users?.find((u) => u.id === id);
  const waitsForIncoming = log.blockers.some((b) => b.code === "handover.incoming_not_signed_in");
  const showOverride = waitsForIncoming && (canOverride || mayStandIn(chosen(outgoingUser)) || mayStandIn(chosen(incomingUser)));
  const both = meets || incomingUser != null;

  const submit = async () => {
    if (busy || log.log_id === null) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (v.outgoing_user == null) return;
    const reason = showOverride ? (v.override_reason ?? "").trim() : "";
    const input: SignInput = {
      log_id: log.log_id,
      outgoing: { user_id: v.outgoing_user, pin: v.outgoing_pin ?? "" },
      incoming: v.incoming_user != null ? { user_id: v.incoming_user, pin: v.incoming_pin ?? "" } : null,
      override_reason: reason || null,
    };
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await backend.signHandover(input);
      void message.success(t("handover.sign.signed"));
      onClose();
    } catch (e) {
      const r = refusal(t, e);
      setErrors({ ...NO_ERRORS, [r.side ?? "top"]: r.text });
      if (r.side) form.setFieldValue(`${r.side}_pin`, "");
      setBusy(false);
    }
  };

  const enterSubmits = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    void submit();
  };

  const signedIn = incoming?.signed_in ?? [];
  return (
    <Modal
      open
      title={t(meets ? "handover.sign.titleFaceToFace" : "handover.sign.titleAlone")}
      onCancel={onClose}
      width={760}
      mask={{ closable: false }}
      footer={
        // OK first in the tab order (after the reason), shown at the right as usual.
        <div style={{ display: "flex", flexDirection: "row-reverse", gap: 8 }}>
          <Button type="primary" loading={busy} disabled={log.log_id === null || !users} onClick={() => void submit()} data-testid="handover-sign-submit">
            {t(both ? "handover.sign.submitBoth" : "handover.sign.submitAlone")}
          </Button>
          <Button onClick={onClose} data-testid="handover-sign-cancel">
            {t("common.cancel")}
          </Button>
        </div>
      }
    >
      <div data-testid="handover-sign">
        {!meets ? (
          <Typography.Paragraph type="secondary" data-testid="handover-sign-alone-hint">
            {t("handover.sign.aloneQuote")}：{t("handover.sign.aloneHint")}
          </Typography.Paragraph>
        ) : null}
        <Typography.Paragraph data-testid="handover-sign-incoming">
          {incoming
            ? t("handover.sign.incomingShift", {
                shift: shiftText(incoming.name, incoming.key.shift),
                times: spanText(incoming.start, incoming.end, site.time_zone, t("handover.sign.print.nextDay")),
              })
            : t("handover.sign.noIncoming")}
          {incoming ? (
            <>
              {" · "}
              {signedIn.length > 0 ? t("handover.sign.signedIn", { names: signedIn.map((p) => p.name).join("、") }) : t("handover.sign.signedInNone")}
            </>
          ) : null}
        </Typography.Paragraph>
        {log.blockers.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="handover-sign-blockers"
            title={
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {log.blockers.map((b, i) => (
                  <li key={`${b.code}-${i}`} data-code={b.code}>
                    {errorText(t, b)}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        {log.log_id === null ? <Alert type="info" showIcon title={t("handover.sign.notOpened")} style={{ marginBottom: 12 }} /> : null}
        {errors.top || usersError ? (
          <Alert type="error" showIcon title={errors.top ?? errorText(t, usersError)} style={{ marginBottom: 12 }} data-testid="handover-sign-error" />
        ) : null}
        {users ? (
          <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initial}>
            <Row gutter={24}>
              <Col span={12}>
                <SignerColumn
                  side="outgoing"
                  testId="handover-sign-outgoing"
                  options={outgoingOptions}
                  required
                  error={errors.outgoing}
                  focus={initial.outgoing_user == null ? "user" : "pin"}
                  onEnter={() => void submit()}
                />
              </Col>
              <Col span={12}>
                <SignerColumn
                  side="incoming"
                  testId="handover-sign-incoming"
                  options={incomingOptions}
                  required={meets}
                  hint={meets ? undefined : t("handover.sign.incomingOptional")}
                  error={errors.incoming}
                  onEnter={() => void submit()}
                />
              </Col>
            </Row>
            {showOverride ? (
              <Form.Item name="override_reason" label={t("handover.sign.overrideReason")}>
                <Input.TextArea
                  rows={2}
                  placeholder={t("handover.sign.overridePlaceholder")}
                  data-testid="handover-sign-override"
                  onKeyDown={enterSubmits}
                />
              </Form.Item>
            ) : null}
          </Form>
        ) : usersError ? null : (
          <Spin />
        )}
      </div>
    </Modal>
  );
}
