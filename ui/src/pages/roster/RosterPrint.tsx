// 打印排班表: one team's month, printed through the window's print on A4 landscape.
import { useEffect, useState } from "react";
import { Button, Empty, Modal, Select, Space } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { RosterMonth } from "../../backend";
import { formatDateTime } from "../../lib/format";
import type { Day } from "./calendar";
import type { RowMarks } from "./marks";
import RosterPrintSheet from "./RosterPrintSheet";
import SavePdfButton from "../../components/SavePdfButton";
import type { Templates } from "./totals";
import type { Team } from "./useRosterView";

/**
 * The page rule for the roster, in force only while its print view is open: the stylesheet's
 * own @page (portrait, for the 换班记录表) stays as it is, and this later rule wins while present.
 * An injected element rather than a named page (`page: roster`), which WebKit does not support.
 */
export const LANDSCAPE_PAGE_CSS = "@media print { @page { size: A4 landscape; margin: 10mm; } }";

function useLandscapePages(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const style = document.createElement("style");
    style.setAttribute("data-fd-print", "roster");
    style.textContent = LANDSCAPE_PAGE_CSS;
    document.head.appendChild(style);
    return () => style.remove();
  }, [active]);
}

export default function RosterPrint(props: {
  open: boolean;
  onClose: () => void;
  siteName: string;
  data: RosterMonth;
  teams: readonly Team[];
  /** The team the page shows; with all teams shown, the modal asks for one. */
  initialTeam: number | null;
  days: readonly Day[];
  cells: ReadonlyMap<string, readonly string[]>;
  templates: Templates;
  marks: ReadonlyMap<string, RowMarks>;
}) {
  const { t } = useTranslation();
  const { open, data } = props;
  const [teamId, setTeamId] = useState<number | null>(props.initialTeam);
  useEffect(() => {
    if (open) setTeamId(props.initialTeam);
  }, [open, props.initialTeam]);
  useLandscapePages(open);

  const team = props.teams.find((tm) => tm.id === teamId);
  const agents = team ? data.agents.filter((a) => a.team_id === team.id) : [];
  const pub = team ? data.published.find((p) => p.team_id === team.id) : undefined;
  const [year, month] = data.month.split("-").map(Number);
  const title = team
    ? t("roster.printRoster.title", { site: props.siteName, team: team.name, month: t("roster.printRoster.month", { year, month }) })
    : "";
  const status = t("roster.printRoster.status", {
    status: pub
      ? `${t("roster.published")} · ${t("roster.publishedBy", { who: pub.published_by ?? "—", at: formatDateTime(pub.published_at) })}`
      : t("roster.draft"),
  });

  return (
    <Modal
      open={open}
      title={t("roster.printRoster.modalTitle")}
      onCancel={props.onClose}
      width={1180}
      footer={[
        <Button key="close" onClick={props.onClose} data-testid="roster-print-close">
          {t("common.cancel")}
        </Button>,
        <SavePdfButton key="pdf" defaultName={`${title}.pdf`} landscape disabled={!team} testId="roster-print-pdf" />,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!team}
          data-testid="roster-print-go"
          onClick={() => window.print()}
        >
          {t("roster.printRoster.print")}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Space size={8} style={{ marginBottom: 12 }}>
        <span>{t("roster.printRoster.team")}</span>
        <Select
          data-testid="roster-print-team"
          style={{ minWidth: 160 }}
          placeholder={t("roster.printRoster.pickTeam")}
          value={teamId ?? undefined}
          onChange={(v: number) => setTeamId(v)}
          options={props.teams.map((tm) => ({ value: tm.id, label: tm.name }))}
        />
      </Space>
      {team ? (
        <RosterPrintSheet
          title={title}
          status={status}
          agents={agents}
          days={props.days}
          cells={props.cells}
          templates={props.templates}
          marks={props.marks}
        />
      ) : (
        <Empty description={t("roster.printRoster.pickTeam")} data-testid="roster-print-pick" />
      )}
    </Modal>
  );
}
