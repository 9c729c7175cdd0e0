// 个人考核结果通知单: the person's numbers as the backend sent them (no weights: the UI names no
// policy key), the signature line; printed or saved as a PDF from its print view.
import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import ScoreCard from "./ScoreCard";
import ScoreCardPrint from "./ScoreCardPrint";
import { SAMPLE_MONTH, sampleRows } from "./resultSamples";

const row = (no: string) => sampleRows().find((r) => r.employee_no === no)!;

describe("ScoreCard", () => {
  it("shows the person's numbers and a line to sign", () => {
    render(<ScoreCard row={row("1002")} month={SAMPLE_MONTH} siteName="演示客服中心" published printedAt="2026-12-08 10:30" />);
    const card = screen.getByTestId("score-card");
    expect(card).toHaveTextContent("演示客服中心");
    expect(card).toHaveTextContent("个人考核结果通知单");
    expect(within(card).getByTestId("score-card-month")).toHaveTextContent("2026-11");
    expect(within(card).getByTestId("score-card-employee-no")).toHaveTextContent("1002");
    expect(within(card).getByTestId("score-card-name")).toHaveTextContent("李娜");
    expect(card).toHaveTextContent("售前一组");
    expect(card).toHaveTextContent("客服月度考核");
    expect(within(card).getByTestId("score-card-role-self")).toHaveTextContent("自评95.00");
    expect(within(card).getByTestId("score-card-role-superior")).toHaveTextContent("上级评分93.00");
    expect(within(card).getByTestId("score-card-role-peer")).toHaveTextContent("小组考核94.50");
    expect(within(card).getByTestId("score-card-composite")).toHaveTextContent("93.60");
    expect(within(card).getByTestId("score-card-grade")).toHaveTextContent("优秀");
    expect(within(card).getByTestId("score-card-rank")).toHaveTextContent("第 1 名");
    expect(within(card).getByTestId("score-card-team-rank")).toHaveTextContent("第 1 名");
    expect(card).toHaveTextContent("本人签字");
    expect(card).toHaveTextContent("日期");
    expect(card).toHaveTextContent("打印时间：2026-12-08 10:30");
    expect(screen.queryByTestId("score-card-unpublished")).not.toBeInTheDocument();
    expect(screen.queryByTestId("score-card-exception")).not.toBeInTheDocument();
  });

  it("marks an exception and an unpublished month", () => {
    render(<ScoreCard row={row("1015")} month={SAMPLE_MONTH} siteName="演示客服中心" published={false} printedAt="2026-12-05 09:00" />);
    const card = screen.getByTestId("score-card");
    expect(within(card).getByTestId("score-card-role-peer")).toHaveTextContent(/^小组考核—$/);
    expect(within(card).getByTestId("score-card-composite")).toHaveTextContent("84.60");
    expect(within(card).getByTestId("score-card-exception")).toHaveTextContent("特批：缺少 小组考核 的评分");
    expect(within(card).getByTestId("score-card-unpublished")).toHaveTextContent("结果尚未发布");
  });

  it("shows dashes, never a number of its own, for a person not fully rated", () => {
    render(<ScoreCard row={row("1007")} month={SAMPLE_MONTH} siteName="演示客服中心" published={false} printedAt="" />);
    expect(screen.getByTestId("score-card-composite")).toHaveTextContent(/^—$/);
    expect(screen.getByTestId("score-card-grade")).toHaveTextContent(/^—$/);
    expect(screen.getByTestId("score-card-rank")).toHaveTextContent(/^—$/);
  });

  it("prints from its view and saves it as a PDF on A4 portrait", async () => {
    const backend = loggedIn("supervisor", { savePrintPdf: () => Promise.resolve(null) });
    backend.pickSaveFile.mockResolvedValue("/home/floor/通知单.pdf");
    const { user } = renderHandover(
      <ScoreCardPrint row={row("1001")} month={SAMPLE_MONTH} published open onClose={() => {}} />,
      backend,
      "supervisor",
    );
    expect(await screen.findByTestId("score-card")).toHaveTextContent("89.80");
    expect(document.head.querySelector('style[data-fd-print="scorecard"]')).not.toBeNull();
    await user.click(screen.getByTestId("score-card-pdf"));
    await waitFor(() => expect(backend.savePrintPdf).toHaveBeenCalledWith("/home/floor/通知单.pdf", false));
    expect(backend.pickSaveFile).toHaveBeenCalledWith("演示客服中心-个人考核结果通知单-2026-11-1001-王静.pdf", [{ name: "PDF", extensions: ["pdf"] }]);
  });
});
