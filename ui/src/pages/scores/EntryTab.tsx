// 评分录入: the operator's own sheet as a rater for the month. One grid per group (a template
// in one role: 自评, 上级评分, 小组考核), typed like Excel and saved cell by cell as it is typed.
// The header says when the window is (评分期), where it stands, and how far the sheet is. The
// backend decides who rates whom, the window and every value; the page shows its answers.
// Computed items (系统计算) come filled; their inputs' labels are read once, when there are any.
import { useCallback, useMemo } from "react";
import { Alert, Button, Empty, Space, Spin, Tag } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useBackend, type FormulaInput, type RaterSheetView, type WindowPhase } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import LateModal from "./LateModal";
import ScoreGrid from "./ScoreGrid";
import { progress } from "./scoreGrid";
import { useScoreEntry } from "./useScoreEntry";

const PHASE_COLOUR: Record<WindowPhase, string> = { not_open: "default", open: "green", closed: "orange" };

export default function EntryTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const client = useQueryClient();
  const { operator } = useSession();
  const key = ["scores", "sheet", operator.user_id, month];
  const keyText = JSON.stringify(key);
  // The page applies its own writes to this read (each save patches it): their events do not
  // make it read the sheet again; anyone else's do.
  const sheet = useLoad(key, ["scores"], () => backend.myScoreSheet(month), { patchesOwnWrites: true });
  // The cache as it is now, patches included (a render may lag a keystroke behind).
  const read = useCallback(() => client.getQueryData<RaterSheetView>(JSON.parse(keyText) as unknown[]), [client, keyText]);
  const view = sheet.data?.month === month ? sheet.data : undefined;
  const hasComputed = !!view?.groups.some((g) => g.items.some((i) => i.computed));
  // The catalogue of inputs does not change while the app runs: no topic reads it again. Without
  // it (not read yet, or refused) a computed cell's popover names the inputs as formulas do.
  const inputs = useLoad(["scores", "formulaInputs"], [], () => backend.scoreFormulaInputs(), { enabled: hasComputed });
  const inputsByName = useMemo(() => new Map<string, FormulaInput>((inputs.data ?? []).map((i) => [i.name, i])), [inputs.data]);

  const readOnly = !view
    ? null
    : view.published
      ? t("scores.entry.published")
      : view.phase === "not_open"
        ? t("scores.entry.notOpen", { date: view.window.opens_on.slice(5) })
        : null;
  const entry = useScoreEntry({ month, read, patch: sheet.patch, readOnly });

  if (!view) {
    if (sheet.error) return <Alert type="error" showIcon title={errorText(t, sheet.error)} data-testid="score-sheet-error" />;
    return (
      <div style={{ padding: 32, textAlign: "center" }}>
        <Spin />
      </div>
    );
  }

  const all = progress(view.groups);
  const late = view.phase === "closed" && !view.published;
  return (
    <div data-testid="score-entry">
      <Space wrap size={[12, 8]} style={{ marginBottom: 12 }}>
        <span data-testid="score-window">{t("scores.window", { from: view.window.opens_on, to: view.window.closes_on })}</span>
        <Tag color={PHASE_COLOUR[view.phase]} data-testid="score-phase">
          {t(`scores.phase.${view.phase}`)}
        </Tag>
        {view.published ? (
          <Tag color="blue" data-testid="score-published">
            {t("scores.published")}
          </Tag>
        ) : null}
        {view.groups.length > 0 ? (
          <span data-testid="score-progress">
            {t("scores.entry.progressLabel")}{t("scores.entry.progress", all)}
          </span>
        ) : null}
      </Space>

      {readOnly ? <Alert type="info" showIcon title={readOnly} style={{ marginBottom: 12 }} data-testid="score-read-only" /> : null}
      {late && !entry.approval ? (
        <Alert
          type="warning"
          showIcon
          title={t("scores.entry.closed", { date: view.window.closes_on })}
          style={{ marginBottom: 12 }}
          data-testid="score-closed"
        />
      ) : null}
      {entry.approval ? (
        <Alert
          type="warning"
          showIcon
          title={t("scores.entry.late.banner", { name: entry.approval.name, reason: entry.approval.late.reason })}
          action={
            <Button size="small" onClick={entry.endApproval} data-testid="score-late-end">
              {t("scores.entry.late.end")}
            </Button>
          }
          style={{ marginBottom: 12 }}
          data-testid="score-late-banner"
        />
      ) : null}

      {view.groups.length === 0 ? (
        <Empty description={t("scores.entry.empty")} data-testid="score-empty" />
      ) : (
        <>
          {readOnly ? null : <div className="fd-muted" style={{ marginBottom: 8 }}>{t("scores.entry.hint")}</div>}
          {hasComputed ? (
            <div className="fd-muted" style={{ marginBottom: 8 }} data-testid="score-computed-hint">
              {t("scores.entry.computedHint")}
            </div>
          ) : null}
          {view.groups.map((group, g) => {
            const p = progress([group]);
            return (
              <section key={`${group.role}-${group.template_id}`} style={{ marginBottom: 20 }} data-testid={`score-group-${group.role}-${group.template_id}`}>
                <Space size={12} style={{ margin: "4px 0 8px" }} wrap>
                  <h3 style={{ margin: 0, fontSize: 15 }}>
                    {t("scores.entry.groupTitle", { role: t(`scores.roles.${group.role}`), template: group.template_name })}
                  </h3>
                  <Tag color={p.done === p.all ? "green" : "default"} data-testid={`score-group-progress-${group.role}-${group.template_id}`}>
                    {t("scores.entry.progress", p)}
                  </Tag>
                </Space>
                <ScoreGrid
                  g={g}
                  group={group}
                  store={entry.store}
                  saves={entry.saves}
                  actions={entry.actions}
                  gridRef={entry.gridRef(g)}
                  readOnly={!!readOnly}
                  inputs={inputsByName}
                />
              </section>
            );
          })}
        </>
      )}

      {entry.waitingCells > 0 ? (
        <LateModal closesOn={view.window.closes_on} cells={entry.waitingCells} onSignOff={entry.signOff} onCancel={entry.dropLate} />
      ) : null}
    </div>
  );
}
