// The menu a card opens: a break request, a notice (报备), the nine states (keys 1–9) and 挂起
// for a chat team's agent, a reason for "other", and an optional 'effective at' time for a late
// correction.
import { useState } from "react";
import { Button, Input, Tooltip, Typography } from "antd";
import { AuditOutlined, CoffeeOutlined, NotificationOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { AgentState, BoardAgent } from "../../backend";
import { useSession } from "../../session";
import { KEYED_STATES, menuStates, siteTimeToIso, stateName } from "./boardUtil";
import { STATE_ICONS } from "./stateIcons";

/** The key (1–9) that picks a state on a focused card; 挂起 has none. */
const keyOf = (s: AgentState) => (KEYED_STATES.includes(s) ? String(KEYED_STATES.indexOf(s) + 1) : "");

export default function StateMenu({
  agent,
  boardNow,
  canOperate,
  onSet,
  onRequestBreak,
  onNotice,
  onRecordIncident,
}: {
  agent: BoardAgent;
  boardNow: string;
  canOperate: boolean;
  onSet: (state: AgentState, reason: string | null, effectiveAt: string | null) => Promise<boolean>;
  /** Enters the agent's break request (granted or queued by the backend); absent: not offered. */
  onRequestBreak?: () => Promise<boolean>;
  /** Opens the notice (报备) dialog; offered only to those who operate the floor. */
  onNotice?: () => void;
  /** 记为违规: opens the record form for the agent; absent: not offered (no record_incidents). */
  onRecordIncident?: () => void;
}) {
  const { t } = useTranslation();
  const { site } = useSession();
  const [reason, setReason] = useState(agent.now.reason ?? "");
  const [at, setAt] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (state: AgentState) => {
    setProblem(null);
    const r = reason.trim() || null;
    if (state === "other" && !r) {
      setProblem(t("board.reasonRequired"));
      return;
    }
    let effectiveAt: string | null = null;
    if (at.trim()) {
      effectiveAt = siteTimeToIso(at, boardNow, site.time_zone);
      if (!effectiveAt) return;
    }
    setBusy(true);
    try {
      await onSet(state, state === "other" ? r : null, effectiveAt);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fd-state-menu" data-testid="state-menu">
      {canOperate ? null : (
        <Typography.Text type="secondary" data-testid="state-menu-readonly">
          {t("board.readOnly")}
        </Typography.Text>
      )}
      {onRequestBreak || (onNotice && canOperate) || onRecordIncident ? (
        <div className="fd-state-menu-actions">
          {onRequestBreak ? (
            <Tooltip title={t("breaks.requestHint")} placement="top">
              <Button
                block
                size="small"
                data-testid="request-break"
                icon={<CoffeeOutlined />}
                disabled={!canOperate || busy || agent.now.state === "signed_out" || agent.now.state === "small_break"}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await onRequestBreak();
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                {t("breaks.request")}
              </Button>
            </Tooltip>
          ) : null}
          {onNotice && canOperate ? (
            <Tooltip title={t("notice.menuHint")} placement="top">
              <Button block size="small" data-testid="open-notice" icon={<NotificationOutlined />} disabled={busy} onClick={onNotice}>
                {t("notice.menu")}
              </Button>
            </Tooltip>
          ) : null}
          {onRecordIncident ? (
            <Button block size="small" data-testid="record-incident" icon={<AuditOutlined />} disabled={busy} onClick={onRecordIncident}>
              {t("incidents.board.record")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="fd-state-menu-items">
        {menuStates(agent.channel, agent.now.state).map((s) => (
          <Button
            key={s}
            size="small"
            data-testid={`set-state-${s}`}
            icon={STATE_ICONS[s]}
            type={agent.now.state === s ? "primary" : "default"}
            disabled={!canOperate || busy}
            onClick={() => void pick(s)}
          >
            <span className="fd-kbd">{keyOf(s)}</span> {stateName(t, s, agent.channel)}
          </Button>
        ))}
      </div>
      <Input
        size="small"
        data-testid="state-reason"
        placeholder={`${t("board.reason")}：${t("board.reasonPlaceholder")}`}
        value={reason}
        disabled={!canOperate}
        status={problem ? "error" : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {problem ? (
        <Typography.Text type="danger" data-testid="state-reason-error">
          {problem}
        </Typography.Text>
      ) : null}
      <label className="fd-state-menu-at">
        <span>{t("board.effectiveAt")}</span>
        <input
          type="time"
          step={1}
          className="ant-input ant-input-sm"
          data-testid="state-effective-at"
          title={t("board.effectiveAtHint")}
          value={at}
          disabled={!canOperate}
          onChange={(e) => setAt(e.target.value)}
        />
      </label>
    </div>
  );
}
