// 修改 (E): the item's fields as the entry row has them, prefilled; the due time written out in
// full on the site's wall clock (the item stores an instant, not the entry row's "17:00").
import { Input } from "antd";
import { useTranslation } from "react-i18next";
import type { ItemFields, ItemKind } from "../../backend";
import { editValues, fieldsOf, parseSiteDateTime, pickOptions, siteText, type EditValues } from "./itemForm";
import type { Focusable } from "./ItemEntryFields";
import ItemEntryPick from "./ItemEntryPick";

/** The edit form: every field as text (the due time as `YYYY-MM-DD HH:mm` in the site's zone). */
export type EditTexts = Record<string, string>;

export function editTexts(fields: ItemFields, zone: string): EditTexts {
  const out: EditTexts = {};
  for (const [name, value] of Object.entries(editValues(fields))) {
    out[name] = typeof value === "number" ? siteText(value, zone) : (value ?? "");
  }
  return out;
}

/** The form back into values: the due text as UTC ms (null when blank); undefined when it cannot be read. */
export function editedValues(kind: ItemKind, texts: EditTexts, zone: string): EditValues | undefined {
  const out: EditValues = {};
  for (const f of fieldsOf(kind)) {
    const text = texts[f.name] ?? "";
    if (f.type !== "due") {
      out[f.name] = text;
      continue;
    }
    const at = parseSiteDateTime(text, zone);
    if (at === undefined) return undefined;
    out[f.name] = at;
  }
  return out;
}

type Props = {
  /** Takes the first field's handle: the dialog focuses it once open. */
  firstRef: (el: Focusable | null) => void;
  kind: ItemKind;
  texts: EditTexts;
  onChange: (name: string, value: string) => void;
  dueBad: boolean;
};

export default function ItemActionsEdit({ firstRef, kind, texts, onChange, dueBad }: Props) {
  const { t } = useTranslation();
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {fieldsOf(kind).map((f, i) => {
        const label = t(`handover.items.fields.${kind}.${f.name}`);
        const common = { "data-testid": `handover-edit-${f.name}`, "data-field": f.name, "aria-label": label };
        const ref = i === 0 ? firstRef : undefined;
        const value = texts[f.name] ?? "";
        let input;
        if (f.type === "pick") {
          const words = f.name === "channel" ? "handover.channel" : "handover.category";
          input = (
            <ItemEntryPick
              ref={ref}
              value={value}
              options={pickOptions(f.name)}
              label={(o) => t(`${words}.${o}`)}
              onChange={(o) => onChange(f.name, o)}
              ariaLabel={label}
              testId={common["data-testid"]}
            />
          );
        } else if (f.type === "long") {
          input = <Input.TextArea {...common} ref={ref} autoSize={{ minRows: 1, maxRows: 4 }} value={value} onChange={(e) => onChange(f.name, e.target.value)} />;
        } else {
          input = (
            <Input
              {...common}
              ref={ref}
              value={value}
              status={f.type === "due" && dueBad ? "error" : undefined}
              placeholder={f.type === "due" ? t("handover.items.editDue") : undefined}
              onChange={(e) => onChange(f.name, e.target.value)}
            />
          );
        }
        return (
          <label key={f.name} style={{ display: "flex", flexDirection: "column", gap: 2 }}>
            <span className="fd-muted" style={{ fontSize: 12 }}>
              {label}
            </span>
            {input}
            {f.type === "due" && dueBad ? (
              <span style={{ color: "#ff4d4f", fontSize: 12 }} data-testid="handover-edit-due-bad">
                {t("handover.items.editDueBad")}
              </span>
            ) : null}
          </label>
        );
      })}
    </div>
  );
}
