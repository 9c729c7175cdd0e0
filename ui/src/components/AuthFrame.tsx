import type { ReactNode } from "react";
import { Card, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../backend";
import LangSwitch from "./LangSwitch";

/** The frame around the first-run wizard and the login card. */
export default function AuthFrame({ width, children }: { width: number; children: ReactNode }) {
  const { t } = useTranslation();
  const backend = useBackend();
  return (
    <div className="fd-auth">
      <div className="fd-auth-top">
        <span className="fd-auth-brand">{t("app.name")}</span>
        <span>
          {backend.kind === "mock" ? <Tag color="gold">{t("app.browserDemo")}</Tag> : null}
          <LangSwitch dark />
        </span>
      </div>
      <div className="fd-auth-body">
        <Card className="fd-auth-card" style={{ maxWidth: width }}>
          {children}
        </Card>
      </div>
    </div>
  );
}
