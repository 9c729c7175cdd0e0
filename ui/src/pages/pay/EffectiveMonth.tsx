// 生效月份: the month a new commission table stands from (YYYY-MM).
import { DatePicker, Space } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { P } from "./payrollText";

export default function EffectiveMonth(props: { value: string; onChange: (month: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <span>{t(`${P}.settings.effective`)}</span>
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${props.value}-01`)}
        format="YYYY-MM"
        aria-label={t(`${P}.settings.effective`)}
        data-testid={props.testId}
        onChange={(d) => d && props.onChange(d.format("YYYY-MM"))}
      />
    </Space>
  );
}
