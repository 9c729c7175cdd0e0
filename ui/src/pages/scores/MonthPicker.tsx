// The assessment month (YYYY-MM). Scoring for a month happens in the first working days of the
// next, so the page opens on last month.
import { DatePicker } from "antd";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import { useTranslation } from "react-i18next";

dayjs.extend(utc);
dayjs.extend(timezone);

/** Last month in the site's zone, as YYYY-MM. */
export function defaultScoreMonth(zone: string, now: Date = new Date()): string {
  return dayjs(now).tz(zone).startOf("month").subtract(1, "month").format("YYYY-MM");
}

export default function MonthPicker({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      format="YYYY-MM"
      aria-label={t("scores.month")}
      data-testid="scores-month"
      onChange={(d) => d && onChange(d.format("YYYY-MM"))}
    />
  );
}
