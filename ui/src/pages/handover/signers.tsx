// Who may be picked to sign a side of a handover log, and the column that picks them: the
// 交接班长 in line first (the lead the backend named, found among the login users by 工号), then
// every supervisor and manager, tagged 主管代签. The backend checks the choice (`handover.not_lead`)
// and the PIN; this only offers the people the design lets sign.
import { useMemo, type ReactNode } from "react";
import { Alert, Form, Input, Select, Tag } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { BackendError, LIMITS, useBackend, type LeadView, type LoginUser, type Role, type Side } from "../../backend";
import { errorText } from "../../lib/errors";
import { zhCollator } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { usePersonMatcher, type Searchable } from "../../lib/personSearch";

const STAND_IN_ROLES: readonly Role[] = ["supervisor", "manager"];

/** A supervisor or manager: may sign either side as a stand-in, and may override (§4.8). */
export function mayStandIn(user: LoginUser | undefined): boolean {
  return !!user && STAND_IN_ROLES.includes(user.role);
}

/** The login users (for the signer selects; undefined until read), read again when users change. */
export function useLoginUsers(): { users: LoginUser[] | undefined; error: unknown } {
  const backend = useBackend();
  const { data, error } = useLoad(["handover", "signers"], ["users"], () => backend.listLoginUsers());
  return { users: data, error };
}

/** The login user who is the lead in line, if the lead has a user. */
export function leadUserId(users: readonly LoginUser[], lead: LeadView | null | undefined): number | undefined {
  const no = lead?.person?.employee_no;
  return no ? users.find((u) => u.employee_no === no)?.id : undefined;
}

export type SignerOption = { value: number; label: ReactNode; title: string; person: Searchable; user: LoginUser };

export function personText(t: TFunction, p: { name: string; employee_no: string }): string {
  return t("handover.sign.person", { name: p.name, employee_no: p.employee_no });
}

export function signerOptions(t: TFunction, users: readonly LoginUser[], lead: LeadView | null | undefined): SignerOption[] {
  const option = (u: LoginUser, tag: string): SignerOption => {
    const who = personText(t, { name: u.display_name, employee_no: u.employee_no });
    return {
      value: u.id,
      title: `${who} ${tag}`,
      label: (
        <span>
          {who} <Tag className="fd-signer-tag">{tag}</Tag>
        </span>
      ),
      person: { name: u.display_name, employee_no: u.employee_no },
      user: u,
    };
  };
  const leadId = leadUserId(users, lead);
  const leadUser = users.find((u) => u.id === leadId);
  const standIns = users
    .filter((u) => mayStandIn(u) && u.id !== leadId)
    .sort((a, b) => STAND_IN_ROLES.indexOf(a.role) - STAND_IN_ROLES.indexOf(b.role) || zhCollator.compare(a.display_name, b.display_name));
  return [
    ...(leadUser && lead ? [option(leadUser, t(`handover.basis.${lead.basis}`))] : []),
    ...standIns.map((u) => option(u, t("handover.basis.stand_in"))),
  ];
}

/**
 * A refusal, translated, and the side it names (a wrong PIN, `handover.not_lead`): the dialog
 * shows it under that side's column; with no side, at the top. The side is put in words.
 */
export function refusal(t: TFunction, error: unknown): { side: Side | null; text: string } {
  const e = BackendError.from(error);
  const side = e.params.side === "outgoing" || e.params.side === "incoming" ? e.params.side : null;
  const shown = side ? new BackendError(e.code, e.message, { ...e.params, side: t(`handover.side.${side}`) }) : e;
  return { side, text: errorText(t, shown) };
}

export type SignerColumnProps = {
  side: Side;
  /** `handover-sign-outgoing`: the select is `…-user`, the PIN `…-pin`, the refusal `…-error`. */
  testId: string;
  options: SignerOption[];
  /** Optional: either both a user and a PIN, or neither. */
  required: boolean;
  hint?: string;
  error: string | null;
  focus?: "user" | "pin";
  onEnter: () => void;
};

/** One side's signer: user select + PIN, and the refusal that names this side. */
export function SignerColumn(props: SignerColumnProps) {
  const { t } = useTranslation();
  const matches = usePersonMatcher();
  const userName = `${props.side}_user`;
  const pinName = `${props.side}_pin`;
  const filterOption = useMemo(
    () => (input: string, option?: SignerOption) => !!option && matches(input, option.person),
    [matches],
  );
  return (
    <div data-testid={`${props.testId}-column`}>
      <div style={{ fontWeight: 600, marginBottom: 8 }}>{t(`handover.${props.side}Lead`)}</div>
      <Form.Item
        name={userName}
        label={t("handover.sign.user")}
        extra={props.hint}
        dependencies={props.required ? [] : [pinName]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: number | undefined) =>
              v == null && (props.required || getFieldValue(pinName))
                ? Promise.reject(new Error(props.required ? t("handover.sign.userRequired") : t("handover.sign.incomingNeedsUser")))
                : Promise.resolve(),
          }),
        ]}
      >
        <Select<number, SignerOption>
          data-testid={`${props.testId}-user`}
          options={props.options}
          allowClear={!props.required}
          placeholder={t("handover.sign.userPlaceholder")}
          showSearch={{ filterOption }}
          autoFocus={props.focus === "user"}
        />
      </Form.Item>
      <Form.Item
        name={pinName}
        label={t("handover.sign.pin")}
        dependencies={[userName]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              !v && (props.required || getFieldValue(userName) != null)
                ? Promise.reject(new Error(t("handover.sign.pinRequired")))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password
          data-testid={`${props.testId}-pin`}
          inputMode="numeric"
          maxLength={LIMITS.pin_max_len}
          autoComplete="off"
          visibilityToggle={false}
          placeholder={t("handover.sign.pinPlaceholder")}
          autoFocus={props.focus === "pin"}
          onPressEnter={(e) => {
            e.preventDefault();
            props.onEnter();
          }}
        />
      </Form.Item>
      {props.error ? <Alert type="error" showIcon title={props.error} data-testid={`${props.testId}-error`} /> : null}
    </div>
  );
}
