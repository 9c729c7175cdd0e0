// The roster toolbar's planning buttons: 自动排班 (the dialog), 固定 and 想休 on the selected
// cells. Rendered inside the memoized toolbar with its stable handlers.
import { memo } from "react";
import { Button, Tooltip } from "antd";
import { CoffeeOutlined, PushpinOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

export type PlanningHandlers = {
  generate(): void;
  pin(): void;
  wish(): void;
};

export default memo(function PlanningButtons({ hasSelection, canGenerate, on }: { hasSelection: boolean; canGenerate: boolean; on: PlanningHandlers }) {
  const { t } = useTranslation();
  return (
    <>
      <Tooltip title={t("generation.buttonTip")}>
        <Button icon={<ThunderboltOutlined />} disabled={!canGenerate} onClick={on.generate} data-testid="roster-generate">
          {t("generation.button")}
        </Button>
      </Tooltip>
      <Tooltip title={t("generation.pin.tip")}>
        <Button icon={<PushpinOutlined />} disabled={!hasSelection} onClick={on.pin} data-testid="roster-pin">
          {t("generation.pin.button")}
        </Button>
      </Tooltip>
      <Tooltip title={t("generation.wish.tip")}>
        <Button icon={<CoffeeOutlined />} disabled={!hasSelection} onClick={on.wish} data-testid="roster-wish">
          {t("generation.wish.button")}
        </Button>
      </Tooltip>
    </>
  );
});
