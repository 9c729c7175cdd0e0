import type { ReactNode } from "react";
import { Card } from "antd";
import { useTranslation } from "react-i18next";
import LangSwitch from "./LangSwitch";

/** The frame around the first-run wizard and the login card. */
export default function AuthFrame({ width, children }: { width: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="fd-auth">
      <div className="fd-auth-top">
        <span className="fd-auth-brand">{t("app.name")}</span>
        <LangSwitch dark />
      </div>
      <div className="fd-auth-body">
        <Card className="fd-auth-card" style={{ maxWidth: width }}>
          {children}
        </Card>
      </div>
    </div>
  );
}
