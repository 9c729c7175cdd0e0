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
import BoardPage from "./board/BoardPage";
import ChangePinModal from "./settings/ChangePinModal";

// The board is where an operator lands, so it is in the first load with the shell and the login.
// Every other page is a chunk of its own, fetched and parsed the first time it is opened: start-up
// reads less, and the web view holds only the pages that were used.
const HandoverPage = lazy(() => import("./handover/HandoverPage"));
const PeoplePage = lazy(() => import("./people/PeoplePage"));
const TeamsSeatsPage = lazy(() => import("./TeamsSeatsPage"));
const RosterPage = lazy(() => import("./roster/RosterPage"));
const AttendancePage = lazy(() => import("./attendance/AttendancePage"));
const ScoresPage = lazy(() => import("./scores/ScoresPage"));
const PayPage = lazy(() => import("./pay/PayPage"));
const IncidentsPage = lazy(() => import("./incidents/IncidentsPage"));
const ComplaintsPage = lazy(() => import("./complaints/ComplaintsPage"));
const MeetingsPage = lazy(() => import("./meetings/MeetingsPage"));
const UsersPage = lazy(() => import("./UsersPage"));
const SettingsPage = lazy(() => import("./settings/SettingsPage"));

/**
 * While a page's chunk loads: the content area keeps its place (no jump of the header or the
 * menu), and the spinner shows only if the load takes long enough to be noticed.
 */
function PageLoading() {
  return (
    <div style={{ display: "flex", justifyContent: "center", paddingTop: 64 }} data-testid="page-loading">
      <Spin delay={200} />
    </div>
  );
}

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
      content = <AttendancePage />;
      break;
    case "scores":
      content = <ScoresPage />;
      break;
    case "pay":
      content = <PayPage />;
      break;
    case "incidents":
      content = <IncidentsPage />;
      break;
    case "complaints":
      content = <ComplaintsPage />;
      break;
    case "meetings":
      content = <MeetingsPage />;
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
        <Layout.Content className="fd-content">
          <Suspense fallback={<PageLoading />}>{content}</Suspense>
        </Layout.Content>
      </Layout>
      <ChangePinModal open={pinOpen} onClose={() => setPinOpen(false)} />
    </Layout>
  );
}
