// Choosing raters for one person: anyone active with a 工号 (小组 raters may come from other
// teams or departments), the person themselves and their raters in that role left out, searched
// by 工号, name or pinyin (the shared person search). Each chosen rater is one `assign` call, in
// turn; one the backend refuses stays selected with the refusal shown, the rest are kept.
import { useMemo, useState } from "react";
import { Alert, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { ScorePerson } from "../../backend";
import { errorText } from "../../lib/errors";
import { usePersonMatcher } from "../../lib/personSearch";

export type PickerTarget = {
  /** The rated person's key (`a12`, `u3`). */
  ratee: string;
  name: string;
  employee_no: string;
  role: "superior" | "peer";
  /** Person keys already rating them in that role. */
  current: readonly string[];
};

export default function RaterPicker(props: {
  target: PickerTarget;
  people: readonly ScorePerson[];
  /** Makes one rater a rater of the target (the backend's answer, as it comes). */
  assign: (rater: string) => Promise<unknown>;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const { target, people } = props;
  const matches = usePersonMatcher();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [changed, setChanged] = useState(false);

  const options = useMemo(() => {
    const skip = new Set([target.ratee, ...target.current]);
    return people
      .filter((p) => p.active && p.employee_no.trim() !== "" && !skip.has(p.person))
      .map((p) => ({
        value: p.person,
        label: `${p.employee_no} ${p.name}`,
        title: `${p.employee_no} ${p.name}`,
        person: p,
        desc: p.team_name ?? "",
      }));
  }, [people, target]);

  const send = async () => {
    setSending(true);
    setError(null);
    let left = chosen;
    let any = changed;
    try {
      for (const rater of chosen) {
        await props.assign(rater);
        any = true;
        left = left.filter((r) => r !== rater);
      }
      props.onClose(true);
    } catch (e) {
      setError(e);
      setChosen(left);
      setChanged(any);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={t(target.role === "peer" ? "scores.admin.picker.titlePeer" : "scores.admin.picker.titleSuperior", {
        name: `${target.employee_no} ${target.name}`,
      })}
      onCancel={() => props.onClose(changed)}
      onOk={() => void send()}
      okText={t("scores.admin.picker.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={sending}
      okButtonProps={{ disabled: chosen.length === 0, ...{ "data-testid": "rater-picker-ok" } }}
    >
      <div data-testid="rater-picker">
        <p className="fd-muted">{t("scores.admin.picker.hint")}</p>
        <Select
          mode="multiple"
          autoFocus
          value={chosen}
          onChange={(v: string[]) => {
            setChosen(v);
            setError(null);
          }}
          aria-label={t("scores.admin.picker.label")}
          placeholder={t("scores.admin.picker.placeholder")}
          options={options}
          optionRender={(o) => (
            <span>
              {o.data.label} <span className="fd-muted">{o.data.desc}</span>
            </span>
          )}
          showSearch={{ filterOption: (input, option) => !!option && matches(input, option.person) }}
          style={{ width: "100%" }}
          data-testid="rater-picker-select"
        />
        {error ? (
          <Alert type="error" showIcon title={errorText(t, error)} style={{ marginTop: 12 }} data-testid="rater-picker-error" />
        ) : null}
      </div>
    </Modal>
  );
}
