import type { ReactNode } from "react";
import {
  CheckCircleOutlined,
  CoffeeOutlined,
  EditOutlined,
  LogoutOutlined,
  PauseCircleOutlined,
  PhoneOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  RestOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { AgentState } from "../../backend";

export const STATE_ICONS: Record<AgentState, ReactNode> = {
  signed_out: <LogoutOutlined />,
  ready: <CheckCircleOutlined />,
  busy: <PhoneOutlined />,
  wrap_up: <EditOutlined />,
  suspended: <PauseCircleOutlined />,
  small_break: <CoffeeOutlined />,
  meal: <RestOutlined />,
  meeting: <TeamOutlined />,
  training: <ReadOutlined />,
  other: <QuestionCircleOutlined />,
};
