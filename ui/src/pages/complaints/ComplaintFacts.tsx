// A complaint's facts as they stand: received, channel, customer, order, what they said, who
// registered it, who handles it and by when, the ruling, the reply, the follow-up and the cause.
import { Descriptions, Tag } from "antd";
import type { DescriptionsProps } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintRow } from "../../backend";
import { useSession } from "../../session";
import { siteDateTime } from "../incidents/incidentText";
import { channelLabel, handlerText, K, nameIn } from "./complaintText";

const D = `${K}.drawer`;

export default function ComplaintFacts({ row }: { row: ComplaintRow }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const tz = useSession().site.time_zone;
  const pre = { whiteSpace: "pre-wrap" as const };
  const items: NonNullable<DescriptionsProps["items"]> = [
    { key: "received", label: t(`${D}.received`), children: siteDateTime(row.received_at, tz) },
    { key: "channel", label: t(`${D}.channel`), children: channelLabel(t, row.channel) },
    { key: "customer", label: t(`${D}.customer`), children: row.customer },
    { key: "order", label: t(`${D}.order`), children: row.order_no ?? "—" },
    { key: "content", label: t(`${D}.content`), children: <span style={pre}>{row.content}</span> },
    { key: "registeredBy", label: t(`${D}.registeredBy`), children: row.registered_by_name ?? "—" },
    { key: "who", label: t(`${D}.who`), children: handlerText(row) || "—" },
  ];
  if (row.deadline_at) items.push({ key: "deadline", label: t(`${D}.deadline`), children: siteDateTime(row.deadline_at, tz) });
  if (row.findings) items.push({ key: "findings", label: t(`${D}.findings`), children: <span style={pre}>{row.findings}</span> });
  if (row.valid !== null) {
    items.push({
      key: "ruling",
      label: t(`${D}.ruling`),
      children: (
        <Tag color={row.valid ? "red" : "default"} data-testid="complaint-ruling">
          {row.valid && row.severity !== null
            ? t(`${D}.rulingValid`, { severity: row.severity, label: t(`${K}.severity.${row.severity}`) })
            : row.valid
              ? t(`${K}.valid`)
              : t(`${D}.rulingInvalid`)}
        </Tag>
      ),
    });
  }
  if (row.reply) items.push({ key: "reply", label: t(`${D}.reply`), children: <span style={pre}>{row.reply}</span> });
  if (row.visit_note) {
    items.push({
      key: "visit",
      label: t(`${D}.visit`),
      children: (
        <span style={pre}>
          {row.visit_note}{" "}
          {row.satisfied !== null ? <Tag color={row.satisfied ? "green" : "orange"}>{t(row.satisfied ? `${D}.satisfied` : `${D}.notSatisfied`)}</Tag> : null}
        </span>
      ),
    });
  }
  if (row.cause_code) {
    const cause = nameIn({ name_zh: row.cause_name_zh ?? row.cause_code, name_en: row.cause_name_en ?? "" }, en);
    items.push({ key: "cause", label: t(`${D}.cause`), children: cause });
  }
  if (row.close_note) items.push({ key: "closeNote", label: t(`${D}.closeNote`), children: <span style={pre}>{row.close_note}</span> });
  return (
    <div data-testid="complaint-facts">
      <Descriptions size="small" bordered column={1} items={items} styles={{ label: { width: 120 } }} />
    </div>
  );
}
