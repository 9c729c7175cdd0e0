// 处理建议: what the backend proposes for an incident — "第 2 次 · 罚款 ¥30.00", the co-penalty
// lines, the person's earlier offences this period — and what a supervisor must accept before
// confirming: a back-dated entry renumbering confirmed offences (确认重新编号), a month's
// deductions passing the legal cap (仍要记录), and, optionally, a changed penalty (修改处罚) with
// its reason. Shared by the record form and the confirmation of a lead's proposal.
import { useEffect, useState } from "react";
import { Alert, Checkbox, Input, InputNumber, Space, Spin, Switch, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CoParty, Confirmation, IncidentPreview, Line } from "../../backend";
import { actionLabel, carriesMoney, fenToYuan, money, yuanToFen } from "./bookText";
import { coWho, linesByPerson, linesText, siteDateTime, statusLabel } from "./incidentText";

const K = "incidents.proposal";

type DraftLine = { line: Line; yuan: number | null; percent: number | null };

export type Decision = {
  acceptRenumber: boolean;
  acceptOverCap: boolean;
  modify: boolean;
  lines: DraftLine[];
  reason: string;
};

/** The offender's own lines (a split has several people and no offender). */
function ownLines(preview: IncidentPreview): Line[] | null {
  const own = linesByPerson(preview.lines.filter((l) => l.co_penalty_of === null));
  return own.length === 1 && preview.offence_no !== null ? own[0].lines : own.length === 0 ? [] : null;
}

function freshDecision(preview: IncidentPreview | null): Decision {
  const own = preview ? (ownLines(preview) ?? []) : [];
  return {
    acceptRenumber: false,
    acceptOverCap: false,
    modify: false,
    lines: own.map((line) => ({ line, yuan: carriesMoney(line.action) ? fenToYuan(line.amount_fen) : null, percent: line.percent })),
    reason: "",
  };
}

/**
 * The decision on `preview`, started afresh whenever what the backend proposes changes (the same
 * proposal asked for again — a note typed, say — keeps what was ticked and typed).
 */
export function useDecision(preview: IncidentPreview | null): [Decision, (d: Decision) => void] {
  const key = preview ? JSON.stringify(preview) : "";
  const [state, setState] = useState<{ key: string; decision: Decision }>(() => ({ key, decision: freshDecision(preview) }));
  useEffect(() => {
    if (state.key !== key) setState({ key, decision: freshDecision(preview) });
  }, [key, preview, state.key]);
  const decision = state.key === key ? state.decision : freshDecision(preview);
  return [decision, (d) => setState({ key, decision: d })];
}

/** What a supervisor's decision still lacks before confirming (null: nothing). */
export function decisionProblem(preview: IncidentPreview, d: Decision): string | null {
  if (preview.renumbers.length > 0 && !d.acceptRenumber) return "mustAccept";
  if (preview.over_cap.length > 0 && !d.acceptOverCap) return "mustAccept";
  if (d.modify && !d.reason.trim()) return "reasonRequired";
  return null;
}

/** The confirmation the backend takes: the changed lines (amounts in fen) with the reason, or none. */
export function confirmationOf(d: Decision): Confirmation {
  return {
    lines: d.modify
      ? d.lines.map(({ line, yuan, percent }) => ({
          ...line,
          amount_fen: carriesMoney(line.action) ? yuanToFen(yuan) : line.amount_fen,
          percent: line.action === "pay_percent" ? (percent ?? line.percent) : line.percent,
        }))
      : null,
    reason: d.modify ? d.reason.trim() : null,
    accept_renumber: d.acceptRenumber,
    accept_over_cap: d.acceptOverCap,
  };
}

export default function ProposalView(props: {
  preview: IncidentPreview | null;
  loading?: boolean;
  /** Why there is no preview (a refusal in words), if any. */
  error?: string | null;
  /** Shown while not enough is filled in to ask. */
  waiting?: boolean;
  party: CoParty | null;
  timeZone: string;
  /** The operator confirms (a supervisor): the warnings take a tick, the penalty may change. */
  canConfirm: boolean;
  decision: Decision;
  onDecision: (d: Decision) => void;
}) {
  const { t } = useTranslation();
  const { preview, decision, onDecision } = props;
  const set = (patch: Partial<Decision>) => onDecision({ ...decision, ...patch });

  let body;
  if (props.error) {
    body = <Alert type="warning" showIcon title={props.error} data-testid="incident-proposal-error" />;
  } else if (!preview) {
    body = props.loading ? (
      <Spin size="small" description={t(`${K}.loading`)}>
        <div style={{ minHeight: 40 }} />
      </Spin>
    ) : (
      <Typography.Text type="secondary">{props.waiting ? t(`${K}.waiting`) : t(`${K}.loading`)}</Typography.Text>
    );
  } else {
    const own = preview.lines.filter((l) => l.co_penalty_of === null);
    const co = linesByPerson(preview.lines.filter((l) => l.co_penalty_of !== null));
    const split = preview.offence_no === null;
    const editable = ownLines(preview) !== null && (ownLines(preview)?.length ?? 0) > 0;
    body = (
      <Space orientation="vertical" size={6} style={{ width: "100%" }}>
        <Typography.Text strong data-testid="incident-proposal-head">
          {split
            ? t(`${K}.headSplit`, { count: linesByPerson(own).length })
            : t(`${K}.head`, { n: preview.offence_no, lines: own.length ? linesText(t, own.map((l) => l.line)) : t(`${K}.none`) })}
        </Typography.Text>
        {split ? (
          <div data-testid="incident-proposal-split">
            {linesByPerson(own).map((p) => (
              <Tag key={p.employee_no}>
                {coWho(t, p, null)} {linesText(t, p.lines)}
              </Tag>
            ))}
          </div>
        ) : null}
        {co.length ? (
          <div data-testid="incident-proposal-co">
            {co.map((p) => (
              <Tag key={`${p.employee_no}-${p.co_penalty_of}`} color="purple">
                {t("incidents.line.co", { who: coWho(t, p, props.party), what: linesText(t, p.lines) })}
              </Tag>
            ))}
          </div>
        ) : null}
        {!split ? (
          <div data-testid="incident-proposal-earlier">
            <Typography.Text type="secondary">
              {preview.earlier.length ? `${t(`${K}.earlier`)}：` : t(`${K}.noEarlier`)}
              {preview.earlier
                .map((e) =>
                  e.offence_no !== null
                    ? t(`${K}.earlierItem`, { n: e.offence_no, time: siteDateTime(e.ts, props.timeZone), status: statusLabel(t, e.status) })
                    : t(`${K}.earlierNoNumber`, { time: siteDateTime(e.ts, props.timeZone), status: statusLabel(t, e.status) }),
                )
                .join("；")}
            </Typography.Text>
          </div>
        ) : null}
        {preview.renumbers.length ? (
          <Alert
            type="warning"
            showIcon
            data-testid="incident-renumbers"
            title={t(`${K}.renumbers`, { count: preview.renumbers.length, ids: preview.renumbers.join("、#") })}
            description={
              props.canConfirm ? (
                <Checkbox checked={decision.acceptRenumber} onChange={(e) => set({ acceptRenumber: e.target.checked })} data-testid="incident-accept-renumber">
                  {t(`${K}.acceptRenumber`)}
                </Checkbox>
              ) : (
                t(`${K}.leadWarn`)
              )
            }
          />
        ) : null}
        {preview.over_cap.length ? (
          <Alert
            type="warning"
            showIcon
            data-testid="incident-over-cap"
            title={t(`${K}.overCap`)}
            description={
              <div>
                {preview.over_cap.map((c) => (
                  <div key={`${c.employee_no}-${c.month}`}>
                    {t(`${K}.overCapItem`, {
                      name: c.name,
                      no: c.employee_no,
                      month: c.month,
                      total: money(t, c.total_fen),
                      cap: money(t, c.cap_fen),
                      pay: money(t, c.pay_fen),
                    })}
                  </div>
                ))}
                {props.canConfirm ? (
                  <Checkbox checked={decision.acceptOverCap} onChange={(e) => set({ acceptOverCap: e.target.checked })} data-testid="incident-accept-over-cap">
                    {t(`${K}.acceptOverCap`)}
                  </Checkbox>
                ) : (
                  <div>{t(`${K}.leadWarn`)}</div>
                )}
              </div>
            }
          />
        ) : null}
        {props.canConfirm && editable ? (
          <div>
            <Space size={6}>
              <Switch size="small" checked={decision.modify} onChange={(modify) => set({ modify })} data-testid="incident-modify" />
              <span>{t(`${K}.modify`)}</span>
            </Space>
            {decision.modify ? (
              <Space orientation="vertical" size={6} style={{ width: "100%", marginTop: 6 }}>
                <Typography.Text type="secondary">{t(`${K}.modifyHint`)}</Typography.Text>
                {decision.lines.map((d, i) => (
                  <Space key={i} size={6} data-testid={`incident-modify-line-${i}`}>
                    <span style={{ minWidth: 90, display: "inline-block" }}>{actionLabel(t, d.line.action)}</span>
                    {carriesMoney(d.line.action) ? (
                      <InputNumber<number>
                        size="small"
                        min={0}
                        precision={2}
                        prefix="¥"
                        style={{ width: 140 }}
                        value={d.yuan}
                        aria-label={actionLabel(t, d.line.action)}
                        data-testid={`incident-modify-yuan-${i}`}
                        onChange={(yuan) => set({ lines: decision.lines.map((x, j) => (j === i ? { ...x, yuan } : x)) })}
                      />
                    ) : d.line.action === "pay_percent" ? (
                      <InputNumber<number>
                        size="small"
                        min={1}
                        max={100}
                        precision={0}
                        suffix="%"
                        style={{ width: 100 }}
                        value={d.percent}
                        aria-label={actionLabel(t, d.line.action)}
                        data-testid={`incident-modify-percent-${i}`}
                        onChange={(percent) => set({ lines: decision.lines.map((x, j) => (j === i ? { ...x, percent } : x)) })}
                      />
                    ) : null}
                  </Space>
                ))}
                <Input.TextArea
                  rows={2}
                 
                  placeholder={t(`${K}.reason`)}
                  aria-label={t(`${K}.reason`)}
                  value={decision.reason}
                  status={decision.reason.trim() ? undefined : "warning"}
                  onChange={(e) => set({ reason: e.target.value })}
                  data-testid="incident-modify-reason"
                />
              </Space>
            ) : null}
          </div>
        ) : null}
      </Space>
    );
  }

  return (
    <div className="fd-panel" data-testid="incident-proposal">
      <Typography.Text type="secondary" style={{ display: "block", marginBottom: 6 }}>
        {t(`${K}.title`)}
      </Typography.Text>
      {body}
    </div>
  );
}
