// A pick field (渠道, 类别, a team to hand to): one stop in the Tab order; the digits 1… pick
// the choice with that number, ←/→ step through them, a click picks too.
import { forwardRef, type KeyboardEvent } from "react";
import { pickByDigit } from "./itemForm";

type Props = {
  value: string | null;
  options: readonly string[];
  label: (option: string) => string;
  onChange: (option: string) => void;
  ariaLabel: string;
  testId: string;
  /** Set on the entry row's first field: the page's Alt+N focuses it. */
  dataFocus?: string;
};

export default forwardRef<HTMLDivElement, Props>(function ItemEntryPick(props, ref) {
  const { value, options, onChange } = props;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const picked = pickByDigit(e.key, options);
    const at = value === null ? -1 : options.indexOf(value);
    const step = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
    const next = picked ?? (step ? options[(at + step + options.length) % options.length] : null);
    if (next === null) return;
    e.preventDefault();
    onChange(next);
  };
  return (
    <div
      ref={ref}
      role="radiogroup"
      aria-label={props.ariaLabel}
      tabIndex={0}
      data-testid={props.testId}
      data-focus={props.dataFocus}
      data-value={value ?? ""}
      className="fd-handover-pick"
      style={{ display: "inline-flex", flexWrap: "wrap", gap: 4, padding: 2, borderRadius: 6, outlineOffset: 1 }}
      onKeyDown={onKeyDown}
    >
      {options.map((option, i) => {
        const checked = option === value;
        return (
          <span
            key={option}
            role="radio"
            aria-checked={checked}
            data-testid={`${props.testId}-${option}`}
            onClick={() => onChange(option)}
            style={{
              cursor: "pointer",
              padding: "1px 8px",
              borderRadius: 4,
              border: `1px solid ${checked ? "#1677ff" : "#d9d9d9"}`,
              background: checked ? "#e6f4ff" : "#fff",
              color: checked ? "#1677ff" : undefined,
              whiteSpace: "nowrap",
            }}
          >
            <span className="fd-kbd">{i + 1}</span> {props.label(option)}
          </span>
        );
      })}
    </div>
  );
});
