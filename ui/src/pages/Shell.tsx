import { Suspense, lazy, useEffect, useMemo, useState, type ReactNode } from "react";
import { Button, Dropdown, Layout, Menu, Result, Space, Spin, Tag } from "antd";
import type { MenuProps } from "antd";
import {
  ApartmentOutlined,
  KeyOutlined,
  LogoutOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  IdcardOutlined,
  DownOutlined,
  DashboardOutlined,
  ClockCircleOutlined,
  CalendarOutlined,
  BookOutlined,
  TrophyOutlined,
  AuditOutlined,
  CustomerServiceOutlined,
  ScheduleOutlined,
  FieldTimeOutlined,
  MoneyCollectOutlined,
} from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useSession } from "../session";
import type { Permission } from "../backend";
import LangSwitch from "../components/LangSwitch";
import { roleLabel } from "../lib/format";
import PeoplePage from "./people/PeoplePage";
import BoardPage from "./board/BoardPage";
import TeamsSeatsPage from "./TeamsSeatsPage";
import RosterPage from "./roster/RosterPage";
import HandoverPage from "./handover/HandoverPage";
import UsersPage from "./UsersPage";
import SettingsPage from "./settings/SettingsPage";
import ChangePinModal from "./settings/ChangePinModal";

// The assessment pages carry the charts (ECharts): loaded when first opened, not at start-up.
const ScoresPage = lazy(() => import("./scores/ScoresPage"));
// 违规与奖惩 too (the fund's chart).
const IncidentsPage = lazy(() => import("./incidents/IncidentsPage"));
// 投诉处理 (the analysis's charts) and 会议与报表.
const ComplaintsPage = lazy(() => import("./complaints/ComplaintsPage"));
const MeetingsPage = lazy(() => import("./meetings/MeetingsPage"));
// 考勤.
const AttendancePage = lazy(() => import("./attendance/AttendancePage"));
// 提成与工资.
const PayPage = lazy(() => import("./pay/PayPage"));

export type Section =
  | "board"
  | "handover"
  | "people"
  | "teams"
  | "roster"
  | "attendance"
  | "scores"
  | "pay"
  | "incidents"
  | "complaints"
  | "meetings"
  | "users"
  | "settings";

// The first allowed section is where the operator lands after logging in.
const SECTIONS: { key: Section; permission: Permission; icon: ReactNode }[] = [
  { key: "board", permission: "view_floor", icon: <DashboardOutlined /> },
  { key: "handover", permission: "view_handover", icon: <BookOutlined /> },
  { key: "people", permission: "view_people", icon: <TeamOutlined /> },
  { key: "teams", permission: "view_people", icon: <ApartmentOutlined /> },
  { key: "roster", permission: "view_roster", icon: <CalendarOutlined /> },
  { key: "attendance", permission: "view_roster", icon: <FieldTimeOutlined /> },
  { key: "scores", permission: "view_scores", icon: <TrophyOutlined /> },
  { key: "pay", permission: "view_scores", icon: <MoneyCollectOutlined /> },
  { key: "incidents", permission: "view_incidents", icon: <AuditOutlined /> },
  { key: "complaints", permission: "register_complaints", icon: <CustomerServiceOutlined /> },
  { key: "meetings", permission: "submit_reports", icon: <ScheduleOutlined /> },
  { key: "users", permission: "manage_users", icon: <IdcardOutlined /> },
  { key: "settings", permission: "manage_settings", icon: <SettingOutlined /> },
];

function sectionFromHash(): Section | null {
  const h = typeof window !== "undefined" ? window.location.hash.replace(/^#\/?/, "") : "";
  return SECTIONS.some((s) => s.key === h) ? (h as Section) : null;
}

export default function Shell() {
  const { t } = useTranslation();
  const { operator, site, status, logout } = useSession();
  // Wallboard: the board alone, full screen, large type (a TV on the floor). Esc leaves it.
  const [wallboard, setWallboard] = useState(false);
  const allowed = useMemo(
    () => SECTIONS.filter((s) => operator.permissions.includes(s.permission)),
    [operator.permissions],
  );
  const [section, setSection] = useState<Section | null>(() => {
    const h = sectionFromHash();
    return h && allowed.some((s) => s.key === h) ? h : (allowed[0]?.key ?? null);
  });
  const [pinOpen, setPinOpen] = useState(false);

  // Permissions can change (role edited elsewhere): never show a section the operator lost.
  useEffect(() => {
    if (section && !allowed.some((s) => s.key === section)) setSection(allowed[0]?.key ?? null);
  }, [allowed, section]);

  useEffect(() => {
    if (section !== "board") setWallboard(false);
  }, [section]);

  useEffect(() => {
    if (!wallboard) return;
    const el = document.documentElement;
    try {
      if (!document.fullscreenElement && el.requestFullscreen) void el.requestFullscreen().catch(() => {});
    } catch {
      // no fullscreen here: the wallboard still fills the window
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setWallboard(false);
    };
    // Leaving browser fullscreen (Esc is taken by the browser then) leaves the wallboard too.
    const onFullscreen = () => {
      if (!document.fullscreenElement) setWallboard(false);
    };
    window.addEventListener("keydown", onKey);
    document.addEventListener("fullscreenchange", onFullscreen);
    return () => {
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("fullscreenchange", onFullscreen);
      try {
        if (document.fullscreenElement && document.exitFullscreen) void document.exitFullscreen().catch(() => {});
      } catch {
        // ignore
      }
    };
  }, [wallboard]);

  useEffect(() => {
    if (section && window.location.hash !== `#/${section}`) window.history.replaceState(null, "", `#/${section}`);
  }, [section]);

  const items: MenuProps["items"] = allowed.map(
    (s) => ({ key: s.key, icon: s.icon, label: t(`nav.${s.key}`), "data-testid": `nav-${s.key}` }) as NonNullable<MenuProps["items"]>[number],
  );

  const userMenu: MenuProps = {
    items: [
      { key: "pin", icon: <KeyOutlined />, label: t("header.changePin") },
      { type: "divider" },
      { key: "logout", icon: <LogoutOutlined />, label: t("header.logout"), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === "pin") setPinOpen(true);
      if (key === "logout") void logout();
    },
  };

  let content: ReactNode;
  switch (section) {
    case "board":
      content = <BoardPage wallboard={wallboard} onWallboard={setWallboard} />;
      break;
    case "handover":
      content = <HandoverPage />;
      break;
    case "people":
      content = <PeoplePage />;
      break;
    case "teams":
      content = <TeamsSeatsPage />;
      break;
    case "roster":
      content = <RosterPage />;
      break;
    case "attendance":
      content = (
        <Suspense fallback={<Spin style={{ display: "block", margin: "64px auto" }} />}>
          <AttendancePage />
        </Suspense>
      );
      break;
    case "scores":
      content = (
        <Suspense fallback={<Spin style={{ display: "block", margin: "64px auto" }} />}>
          <ScoresPage />
        </Suspense>
      );
      break;
    case "pay":
      content = (
        <Suspense fallback={<Spin style={{ display: "block", margin: "64px auto" }} />}>
          <PayPage />
        </Suspense>
      );
      break;
    case "incidents":
      content = (
        <Suspense fallback={<Spin style={{ display: "block", margin: "64px auto" }} />}>
          <IncidentsPage />
        </Suspense>
      );
      break;
    case "complaints":
      content = (
        <Suspense fallback={<Spin style={{ display: "block", margin: "64px auto" }} />}>
          <ComplaintsPage />
        </Suspense>
      );
      break;
    case "meetings":
      content = (
        <Suspense fallback={<Spin style={{ display: "block", margin: "64px auto" }} />}>
          <MeetingsPage />
        </Suspense>
      );
      break;
    case "users":
      content = <UsersPage />;
      break;
    case "settings":
      content = <SettingsPage />;
      break;
    default:
      content = (
        <Result
          status="403"
          title={t("noAccess.title")}
          subTitle={t("noAccess.text", { role: roleLabel(t, operator.role) })}
          extra={
            <Button type="primary" onClick={() => setPinOpen(true)}>
              {t("header.changePin")}
            </Button>
          }
        />
      );
  }

  if (wallboard && section === "board") {
    return (
      <div className="fd-wallboard" data-testid="wallboard-screen">
        {content}
      </div>
    );
  }

  return (
    <Layout className="fd-shell">
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64}>
        <div className="fd-logo">
          <span className="fd-logo-mark">现</span>
          <span>{t("app.name")}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={section ? [section] : []}
          items={items}
          onClick={({ key }) => setSection(key as Section)}
          style={{ borderInlineEnd: 0, paddingTop: 6 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="fd-header">
          <Space size={8} style={{ minWidth: 0 }}>
            <span className="fd-header-site" data-testid="header-site">
              {site.name}
            </span>
            {site.is_demo ? <Tag color="gold">{t("header.demoTag")}</Tag> : null}
            {status.simulated_clock ? (
              <Tag color="purple" icon={<ClockCircleOutlined />} data-testid="simulated-clock">
                {t("header.simulatedClock")}
              </Tag>
            ) : null}
          </Space>
          <Space size={12}>
            <Dropdown menu={userMenu} trigger={["click"]}>
              <Button type="text" data-testid="header-user">
                <UserOutlined />
                <span data-testid="header-operator">{operator.display_name}</span>
                <span className="fd-muted" data-testid="header-employee-no">
                  {operator.employee_no}
                </span>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {roleLabel(t, operator.role)}
                </Tag>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
            <LangSwitch />
            <Button data-testid="logout" icon={<LogoutOutlined />} onClick={() => void logout()}>
              {t("header.logout")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="fd-content">{content}</Layout.Content>
      </Layout>
      <ChangePinModal open={pinOpen} onClose={() => setPinOpen(false)} />
    </Layout>
  );
}
