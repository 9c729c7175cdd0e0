// 已报备: the small tag a card or an alert carries when the backend says the agent gave notice.
// Its tooltip says what the lead recorded: the kind, the reason, when the agent called (site
// time) and whether that was before or after the shift started (the backend's `before_start`).
// A plain tag whose tooltip is made only while hovered (see LazyTip): cards carry it by the dozen.
import { useTranslation } from "react-i18next";
import type { NoticeMark } from "../../backend";
import { useSession } from "../../session";
import { siteDate, siteTime } from "./boardUtil";
import LazyTip from "./LazyTip";

/** The call's time in the site's zone: HH:mm, with the date when it is not the shift's day. */
function callTime(notice: NoticeMark, timeZone: string): string {
  const time = siteTime(notice.at, timeZone).slice(0, 5);
  const date = siteDate(notice.at, timeZone);
  return date === notice.shift_date ? time : `${date} ${time}`;
}

export default function NoticeTag({ notice, testId }: { notice: NoticeMark; testId: string }) {
  const { t } = useTranslation();
  const { site } = useSession();
  const tip = () => (
    <div className="fd-notice-tip" data-testid={`${testId}-tip`}>
      <div>{t("notice.tipKind", { kind: t(`notice.kinds.${notice.kind}`) })}</div>
      {notice.reason ? <div>{t("notice.tipReason", { reason: notice.reason })}</div> : null}
      <div>{t("notice.tipAt", { time: callTime(notice, site.time_zone) })}</div>
      <div>{notice.before_start ? t("notice.beforeStart") : t("notice.afterStart")}</div>
    </div>
  );
  return (
    <LazyTip title={tip}>
      <span
        className={`fd-tag fd-notice-tag fd-tag-${notice.before_start ? "success" : "warning"}`}
        data-testid={testId}
        data-kind={notice.kind}
        data-before-start={notice.before_start}
      >
        {t("notice.tag")}
      </span>
    </LazyTip>
  );
}
