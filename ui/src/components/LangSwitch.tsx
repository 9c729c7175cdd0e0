import { Button, Tooltip } from "antd";
import { GlobalOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { currentLanguage, setLanguage } from "../i18n";

/** One button that flips between 中文 and English; the choice is remembered. */
export default function LangSwitch({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("lang.switchTitle")}>
      <Button
        data-testid="lang-switch"
        type={dark ? "text" : "default"}
        size="small"
        icon={<GlobalOutlined />}
        style={dark ? { color: "#fff" } : undefined}
        onClick={() => setLanguage(currentLanguage() === "zh" ? "en" : "zh")}
      >
        {t("lang.switchTo")}
      </Button>
    </Tooltip>
  );
}
