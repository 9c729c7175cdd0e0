// An incident's lines as tags: the offender's own ("口头警告", "罚款 ¥10.00"), each co-penalised
// person's ("连带：班长 李娜 1002 罚款 ¥10.00"), or, for equipment split across a team, each
// share ("张伟 1003 照价赔偿 ¥5.00").
import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CoParty, IncidentStatus, PreviewLine } from "../../backend";
import { coWho, lineText, linesByPerson, linesText } from "./incidentText";

const KIND_COLOR = { penalty: "volcano", reward: "green", compensation: "gold" } as const;

export default function LineTags({
  lines,
  party,
  status,
  testId,
}: {
  lines: readonly PreviewLine[];
  party: CoParty | null;
  status?: IncidentStatus;
  testId?: string;
}) {
  const { t } = useTranslation();
  const muted = status === "voided" || status === "discarded";
  if (lines.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        —
      </Typography.Text>
    );
  }
  const own = lines.filter((l) => l.co_penalty_of === null);
  const people = linesByPerson(own);
  const split = people.length > 1;
  const co = linesByPerson(lines.filter((l) => l.co_penalty_of !== null));
  return (
    <span data-testid={testId} className={muted ? "fd-muted" : undefined} style={{ display: "inline-flex", flexWrap: "wrap", gap: 4 }}>
      {split
        ? people.map((p) => (
            <Tag key={`s-${p.employee_no}`} style={{ marginInlineEnd: 0 }}>
              {coWho(t, p, null)} {linesText(t, p.lines)}
            </Tag>
          ))
        : own.map((l, i) => (
            <Tag key={`o-${i}`} color={muted ? undefined : l.line.amount_fen > 0 ? KIND_COLOR[l.line.kind] : undefined} style={{ marginInlineEnd: 0 }}>
              {lineText(t, l.line)}
            </Tag>
          ))}
      {co.map((p) => (
        <Tag key={`c-${p.employee_no}-${p.co_penalty_of}`} color={muted ? undefined : "purple"} style={{ marginInlineEnd: 0 }}>
          {t("incidents.line.co", { who: coWho(t, p, party), what: linesText(t, p.lines) })}
        </Tag>
      ))}
    </span>
  );
}
