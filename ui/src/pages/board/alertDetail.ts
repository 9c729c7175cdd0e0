// An alert's detail in the user's language. The backend writes it as short English text with
// the numbers the alert was judged by; that text is also the CLI's output (a public contract,
// so its shapes are stable). The board recognises each shape and says it again through i18n;
// anything it does not recognise is shown as written.
import type { TFunction } from "i18next";
import type { AgentState } from "../../backend";

/** "1h 2m 3s" / "10m 1s" / "45s" (the backend's format_secs) → the same span, localised. */
function span(text: string, t: TFunction): string {
  const m = /^(-?)(?:(\d+)h )?(?:(\d+)m )?(\d+)s$/.exec(text.trim());
  if (!m) return text;
  const [, sign, h, min, s] = m;
  const parts: string[] = [];
  if (h) parts.push(t("alertDetail.hours", { count: Number(h) }));
  if (min) parts.push(t("alertDetail.minutes", { count: Number(min) }));
  if (Number(s) > 0 || parts.length === 0) parts.push(t("alertDetail.seconds", { count: Number(s) }));
  return sign + parts.join(t("alertDetail.joiner"));
}

const SHAPES: { re: RegExp; say: (m: RegExpExecArray, t: TFunction) => string }[] = [
  {
    re: /^(\w+) at shift start - (\d+) min, not signed in and ready$/,
    say: (m, t) => t("alertDetail.late_sign_in", { state: t(`agentStates.${m[1] as AgentState}`, { defaultValue: m[1] }), min: m[2] }),
  },
  { re: /^signed out from shift start to shift start \+ (\d+) min$/, say: (m, t) => t("alertDetail.absent", { min: m[1] }) },
  {
    re: /^signed out (.+) before shift end \(grace (\d+) min\)$/,
    say: (m, t) => t("alertDetail.early_leave", { span: span(m[1], t), min: m[2] }),
  },
  { re: /^small break of (.+) exceeds (\d+) min$/, say: (m, t) => t("alertDetail.break_overrun", { span: span(m[1], t), min: m[2] }) },
  { re: /^meal of (.+) exceeds (\d+) min$/, say: (m, t) => t("alertDetail.meal_overrun", { span: span(m[1], t), min: m[2] }) },
  {
    re: /^small breaks total (.+) exceeds (\d+) min$/,
    say: (m, t) => t("alertDetail.break_total_exceeded", { span: span(m[1], t), min: m[2] }),
  },
  { re: /^line full announced; (\d+) agents? ready \(guard (\d+)\)$/, say: (m, t) => t("alertDetail.line_full_announced", { ready: m[1], guard: m[2] }) },
  { re: /^(\d+) agents? ready \(guard (\d+)\)$/, say: (m, t) => t("alertDetail.line_full", { ready: m[1], guard: m[2] }) },
];

export function alertDetail(detail: string, t: TFunction): string {
  for (const { re, say } of SHAPES) {
    const m = re.exec(detail);
    if (m) return say(m, t);
  }
  return detail;
}
