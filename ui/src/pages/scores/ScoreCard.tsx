// 个人考核结果通知单: one person's month on A4 portrait, black on white: the site, the month, who
// (工号/姓名/班组/模板), the three role scores, the composite, grade and ranks as the backend sent
// them, and a line for the person's signature and the date. A month not yet published says so.
// No weights: the UI names no policy key, and today's weights need not be the ones the month was
// judged by (an exception rescales them besides); the composite is the backend's.
import { useTranslation } from "react-i18next";
import type { RaterRole, ResultRow } from "../../backend";
import { rolesText, scoreText } from "./ResultsTable";

const ROLES: RaterRole[] = ["self", "superior", "peer"];

/**
 * The card's look on screen (a preview in print units) and on paper, where it alone is shown
 * (the global print rule hides the app; see ScoreCardPrint.tsx, which injects this while open).
 */
export const SCORE_CARD_CSS = `
.fd-print-scorecard { position: relative; color: #000; background: #fff; font-size: 11pt; line-height: 1.45; padding: 4pt; }
.fd-sc-site { margin: 0; font-size: 12pt; text-align: center; }
.fd-sc-title { margin: 2pt 0 10pt; font-size: 17pt; text-align: center; letter-spacing: 2pt; }
.fd-sc-draft { position: absolute; top: 0; right: 0; border: 1.5pt solid #000; padding: 1pt 8pt; font-size: 10pt; font-weight: bold; opacity: 0.6; }
.fd-sc-table { width: 100%; border-collapse: collapse; margin-bottom: 10pt; table-layout: fixed; }
.fd-sc-table th, .fd-sc-table td { border: 0.5pt solid #000; padding: 3pt 6pt; text-align: left; vertical-align: middle; }
.fd-sc-table th { width: 18%; font-weight: bold; background: #fff; }
.fd-sc-table thead th { width: auto; text-align: center; }
.fd-sc-num { text-align: right !important; font-variant-numeric: tabular-nums; }
.fd-sc-big { font-size: 14pt; font-weight: bold; }
.fd-sc-note { margin: 0 0 10pt; font-size: 10pt; }
.fd-sc-sign { display: flex; gap: 24pt; margin-top: 28pt; }
.fd-sc-sign span { display: inline-block; min-width: 50mm; border-bottom: 0.75pt solid #000; }
.fd-sc-foot { margin-top: 18pt; font-size: 8pt; text-align: right; }
@media print {
  html, body { background: #fff !important; }
  .fd-print-scorecard, .fd-print-scorecard * { visibility: visible; }
  .fd-print-scorecard { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .fd-scorecard-print-wrap, .fd-scorecard-print-wrap .ant-modal, .fd-scorecard-print-wrap .ant-modal-container,
  .fd-scorecard-print-wrap .ant-modal-content, .fd-scorecard-print-wrap .ant-modal-body {
    position: static !important; overflow: visible !important; inset: auto !important; width: auto !important;
    max-width: none !important; margin: 0 !important; padding: 0 !important; box-shadow: none !important; transform: none !important; }
  .fd-scorecard-print-wrap .ant-modal-header, .fd-scorecard-print-wrap .ant-modal-footer,
  .fd-scorecard-print-wrap .ant-modal-close { display: none !important; }
}
`;

export type ScoreCardProps = {
  row: ResultRow;
  month: string;
  siteName: string;
  published: boolean;
  /** When it is printed, as the site's clock shows it ("2026-12-08 10:30"). */
  printedAt: string;
};

export default function ScoreCard({ row, month, siteName, published, printedAt }: ScoreCardProps) {
  const { t } = useTranslation();
  const k = (key: string) => t(`scores.results.card.${key}`);
  const rank = (n: number | null) => (n == null ? "—" : t("scores.results.card.rankOf", { rank: n }));
  return (
    <div className="fd-print-scorecard" data-testid="score-card">
      {!published ? (
        <div className="fd-sc-draft" data-testid="score-card-unpublished">
          {k("unpublished")}
        </div>
      ) : null}
      <p className="fd-sc-site">{siteName}</p>
      <h2 className="fd-sc-title">{k("title")}</h2>

      <table className="fd-sc-table">
        <tbody>
          <tr>
            <th>{k("month")}</th>
            <td data-testid="score-card-month">{month}</td>
            <th>{k("template")}</th>
            <td>{row.template_name}</td>
          </tr>
          <tr>
            <th>{k("employeeNo")}</th>
            <td data-testid="score-card-employee-no">{row.employee_no}</td>
            <th>{k("name")}</th>
            <td data-testid="score-card-name">{row.name}</td>
          </tr>
          <tr>
            <th>{k("team")}</th>
            <td colSpan={3}>{row.team_name ?? t("scores.results.filters.noTeam")}</td>
          </tr>
        </tbody>
      </table>

      <table className="fd-sc-table">
        <thead>
          <tr>
            <th>{k("role")}</th>
            <th>{k("score")}</th>
          </tr>
        </thead>
        <tbody>
          {ROLES.map((role) => (
            <tr key={role} data-testid={`score-card-role-${role}`}>
              <td>{t(`scores.roles.${role}`)}</td>
              <td className="fd-sc-num">{scoreText(row.scores[role])}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="fd-sc-table">
        <tbody>
          <tr>
            <th>{k("composite")}</th>
            <td className="fd-sc-big" data-testid="score-card-composite">
              {row.composite_text ?? "—"}
            </td>
            <th>{k("grade")}</th>
            <td className="fd-sc-big" data-testid="score-card-grade">
              {row.grade ? t(`scores.grades.${row.grade}`) : "—"}
            </td>
          </tr>
          <tr>
            <th>{k("rank")}</th>
            <td data-testid="score-card-rank">{rank(row.rank)}</td>
            <th>{k("teamRank")}</th>
            <td data-testid="score-card-team-rank">{rank(row.team_rank)}</td>
          </tr>
        </tbody>
      </table>

      {row.exception ? (
        <p className="fd-sc-note" data-testid="score-card-exception">
          {t("scores.results.card.exceptionNote", { roles: rolesText(t, row.missing) })}
        </p>
      ) : null}

      <div className="fd-sc-sign">
        <div>
          {k("signature")}：<span />
        </div>
        <div>
          {k("date")}：<span />
        </div>
      </div>
      <div className="fd-sc-foot">{t("scores.results.card.printedAt", { at: printedAt })}</div>
    </div>
  );
}
