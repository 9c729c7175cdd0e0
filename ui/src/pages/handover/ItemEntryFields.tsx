// The entry row's fields for one kind, in Tab order (docs/design/handover.md §8.3). Each input
// says which field it is (`data-field`), so the row's keyboard knows where Enter was pressed.
import { Input } from "antd";
import { useTranslation } from "react-i18next";
import type { ItemKind } from "../../backend";
import { fieldsOf, pickOptions, type EntryValues } from "./itemForm";
import ItemEntryPick from "./ItemEntryPick";

export type Focusable = { focus: () => void };

type Props = {
  kind: ItemKind;
  values: EntryValues[ItemKind];
  onChange: (name: string, value: string) => void;
  /** Keeps each field's handle, so the row can focus the first (after adding) or the next (Enter). */
  register: (name: string) => (el: Focusable | null) => void;
};

export default function ItemEntryFields({ kind, values, onChange, register }: Props) {
  const { t } = useTranslation();
  const texts = values as Record<string, string>;
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "flex-end", flex: "1 1 auto" }}>
      {fieldsOf(kind).map((f, i) => {
        const label = t(`handover.items.fields.${kind}.${f.name}`);
        const common = {
          id: `handover-entry-${f.name}`,
          "data-testid": `handover-entry-${f.name}`,
          "data-field": f.name,
          "data-focus": i === 0 ? "handover-entry" : undefined,
          "aria-label": label,
        };
        const text = texts[f.name] ?? "";
        let input;
        if (f.type === "pick") {
          const options = pickOptions(f.name);
          const words = f.name === "channel" ? "handover.channel" : "handover.category";
          input = (
            <ItemEntryPick
              ref={register(f.name)}
              value={text}
              options={options}
              label={(o) => t(`${words}.${o}`)}
              onChange={(o) => onChange(f.name, o)}
              ariaLabel={`${label} · ${t("handover.items.pickHint", { count: options.length })}`}
              testId={common["data-testid"]}
              dataFocus={common["data-focus"]}
            />
          );
        } else if (f.type === "long") {
          input = (
            <Input.TextArea
              {...common}
              ref={register(f.name)}
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={text}
              onChange={(e) => onChange(f.name, e.target.value)}
            />
          );
        } else {
          const placeholder =
            f.type === "due"
              ? t("handover.items.duePlaceholder")
              : f.name === "customer" || f.name === "order_no"
                ? t(`handover.items.placeholders.${f.name}`)
                : undefined;
          input = (
            <Input {...common} ref={register(f.name)} placeholder={placeholder} value={text} onChange={(e) => onChange(f.name, e.target.value)} />
          );
        }
        const wide = f.type === "long";
        return (
          <div key={`${kind}-${f.name}`} style={{ display: "flex", flexDirection: "column", gap: 2, flex: wide ? "2 1 200px" : "1 1 120px", minWidth: f.type === "pick" ? "auto" : 120 }}>
            <label htmlFor={f.type === "pick" ? undefined : common.id} className="fd-muted" style={{ fontSize: 12 }}>
              {label}
            </label>
            {input}
          </div>
        );
      })}
    </div>
  );
}
