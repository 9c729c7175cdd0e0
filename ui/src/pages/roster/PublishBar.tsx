// Each shown team's month: draft or published (by whom, when, and whether despite violations),
// and 发布. The backend refuses a month with violations until it is given an override reason.
// Beside each team, the backend's fairness spread (公平性: information, never a violation); to a
// team lead a published month reads as locked (only a supervisor or manager changes it).
import { memo, useState } from "react";
import { App, Button, Space, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type PublishedMonth, type TeamFairness } from "../../backend";
import { formatDateTime } from "../../lib/format";
import { useReportError } from "../../lib/hooks";
import FairnessSummary from "./Fairness";
import ReasonModal from "./ReasonModal";
import type { Team } from "./useRosterView";

// Memoized: the page renders on every keystroke's write; this only when its own props change.
export default memo(function PublishBar({
  month,
  teams,
  published,
  canPublish,
  lockedHint,
  fairness,
  agentName,
  onPublished,
}: {
  /** `YYYY-MM` of the month shown; none while it loads. */
  month: string | undefined;
  teams: readonly Team[];
  published: readonly PublishedMonth[];
  canPublish: boolean;
  /** The operator edits drafts only (a team lead): a published month says so. */
  lockedHint: boolean;
  fairness: readonly TeamFairness[];
  agentName: (employeeNo: string) => string;
  onPublished: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();
  const [overrideAsk, setOverrideAsk] = useState<{ teamId: number; count: string } | null>(null);

  const publish = async (teamId: number, reason: string | null) => {
    if (!month) return;
    try {
      await backend.publishRoster(teamId, month, reason);
      void message.success(t("roster.publishedOk"));
      setOverrideAsk(null);
      onPublished();
    } catch (e) {
      const err = BackendError.from(e);
      if (err.code === "roster.has_violations" && !reason) setOverrideAsk({ teamId, count: err.params.count ?? "" });
      else report(e);
    }
  };

  return (
    <>
      <div className="fd-roster-teams" data-testid="roster-publish-bar">
        {teams.map((tm) => {
          const pub = published.find((p) => p.team_id === tm.id);
          const fair = fairness.find((f) => f.team_id === tm.id);
          return (
            <Space key={tm.id} size={4} wrap data-testid={`roster-status-${tm.id}`}>
              <b>{tm.name}</b>
              {pub ? (
                <>
                  <Tag color="green">{t("roster.published")}</Tag>
                  <span className="fd-muted">
                    {t("roster.publishedBy", { who: pub.published_by ?? "—", at: formatDateTime(pub.published_at) })}
                  </span>
                  {pub.override_reason ? (
                    <Tooltip title={pub.override_reason}>
                      <Tag color="orange">{t("roster.overridden")}</Tag>
                    </Tooltip>
                  ) : null}
                  {lockedHint ? (
                    <span className="fd-muted" data-testid={`roster-locked-${tm.id}`}>
                      {t("roster.lockedForLead")}
                    </span>
                  ) : null}
                </>
              ) : (
                <Tag>{t("roster.draft")}</Tag>
              )}
              {canPublish && !pub ? (
                <Button size="small" type="primary" data-testid={`roster-publish-${tm.id}`} onClick={() => void publish(tm.id, null)}>
                  {t("roster.publish")}
                </Button>
              ) : null}
              {fair ? <FairnessSummary fairness={fair} agentName={agentName} /> : null}
            </Space>
          );
        })}
      </div>
      <ReasonModal
        open={!!overrideAsk}
        title={t("roster.publish")}
        text={overrideAsk ? t("errors.roster.has_violations", { count: overrideAsk.count }) : ""}
        okText={t("roster.publishAnyway")}
        onCancel={() => setOverrideAsk(null)}
        onOk={(reason) => overrideAsk && publish(overrideAsk.teamId, reason)}
        testId="roster-override"
      />
    </>
  );
});
