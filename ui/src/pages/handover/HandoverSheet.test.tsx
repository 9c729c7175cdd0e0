import { render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { HandoverLogView } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import HandoverPrint from "./HandoverPrint";
import HandoverSheet from "./HandoverSheet";
import { renderHandover } from "./renderHandover";
import { printedLogView, signedPrintedLogView } from "./testViews";

afterEach(() => {
  vi.restoreAllMocks();
});

/** The print view as the page holds it: open until its 取消 closes it. */
function PrintHarness() {
  const [open, setOpen] = useState(true);
  return <HandoverPrint log={signedPrintedLogView()} open={open} onClose={() => setOpen(false)} />;
}

const PRINTED_AT = "2026-11-23T08:10:00Z";

function sheetOf(log: HandoverLogView) {
  render(<HandoverSheet log={log} siteName="演示客服中心" timeZone="Asia/Shanghai" printedAt={PRINTED_AT} />);
  return screen.getByTestId("handover-print-sheet");
}

const cells = (row: HTMLElement) => [...row.querySelectorAll("td")].map((td) => td.textContent);
const sheetStyle = () => document.head.querySelector('style[data-fd-print="handover"]');

describe("the printed 交接班记录", () => {
  test("a signed log: heading, roll call, items, addenda, both signatures with their 12-hex check codes", () => {
    const sheet = sheetOf(signedPrintedLogView());
    expect(within(sheet).getByTestId("handover-print-title")).toHaveTextContent("演示客服中心 交接班记录");
    expect(within(sheet).queryByTestId("handover-print-draft")).not.toBeInTheDocument();
    const heading = within(sheet).getByTestId("handover-print-heading");
    for (const part of ["2026-11-23", "售前一组", "白班 D 08:30–16:00", "接班：晚班 N 16:00–23:30", "当面交接"]) expect(heading).toHaveTextContent(part);

    expect(sheet).toHaveTextContent("一、点名（交接班长：王静（1001））");
    const rollCall = within(sheet).getByTestId("handover-print-roll-call");
    expect([...rollCall.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["工号", "姓名", "到岗情况", "迟到(分)", "报备", "本班台席", "备注"]);
    expect(cells(within(sheet).getByTestId("handover-print-rc-1001"))).toEqual(["1001", "王静", "到岗", "", "", "A01", ""]);
    expect(cells(within(sheet).getByTestId("handover-print-rc-1002"))).toEqual(["1002", "李娜", "迟到", "12", "", "A13", "A02 耳机故障"]);
    expect(cells(within(sheet).getByTestId("handover-print-rc-1003"))).toEqual(["1003", "张伟", "已报备", "", "✓", "A03", "孩子发烧，电话报备"]);

    const items = within(sheet).getByTestId("handover-print-items");
    expect([...items.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["序号", "类型", "事项", "状态", "已开班次", "经手人", "结果"]);
    expect(cells(within(sheet).getByTestId("handover-print-item-301"))).toEqual([
      "1",
      "移交客户",
      "张女士（千牛）TB3920118842：客户要求退款，物流显示已签收但本人未收到遗留",
      "未结",
      "3",
      "王静、李娜",
      "",
    ]);
    expect(cells(within(sheet).getByTestId("handover-print-item-305"))).toEqual(["2", "通知", "[设备] B07 台席耳机故障，已报修未交接", "已结", "1", "王静", "已更换耳机"]);

    expect(sheet).toHaveTextContent("三、补充说明");
    expect(cells(within(sheet).getByTestId("handover-print-addendum-7"))).toEqual(["2026-11-23 16:30", "王静", "张女士已来电，改为明早回复", "c0ffee12ab34"]);

    const outgoing = within(sheet).getByTestId("handover-print-sign-outgoing");
    expect(outgoing).toHaveTextContent("交班班长：王静（1001）2026-11-23 16:04当面交接校验码 3f2a9c01b7e4");
    const incoming = within(sheet).getByTestId("handover-print-sign-incoming");
    expect(incoming).toHaveTextContent("接班班长：赵敏（1007）2026-11-23 16:04当面交接校验码 8d11e0a2c5b9");
    for (const code of [outgoing, incoming].map((el) => el.querySelector(".fd-hs-code")?.textContent)) expect(code).toMatch(/^[0-9a-f]{12}$/);
    expect(within(sheet).getByTestId("handover-print-override")).toHaveTextContent("主管特批：—");
    expect(within(sheet).getByTestId("handover-print-footer")).toHaveTextContent("打印时间 2026-11-23 16:10 · 校验码为签字记录 SHA-256 的前 12 位");
  });

  test("an unsigned log prints as a draft, with no signature and no check code", () => {
    const sheet = sheetOf(printedLogView());
    expect(within(sheet).getByTestId("handover-print-draft")).toHaveTextContent("草稿（未签字）");
    expect(within(sheet).getByTestId("handover-print-sign-outgoing")).toHaveTextContent("交班班长：（未签字）");
    expect(within(sheet).getByTestId("handover-print-sign-incoming")).toHaveTextContent("接班班长：（未签字）");
    expect(within(sheet).getByTestId("handover-print-addenda")).toHaveTextContent("无");
    expect(sheet.querySelectorAll(".fd-hs-code")).toHaveLength(0);
  });

  test("a stand-in signer and a supervisor's override are printed", () => {
    const log = signedPrintedLogView();
    log.signatures[0] = { ...log.signatures[0], signer: { employee_no: "S001", name: "沈丽华" }, basis: "stand_in", override_reason: "晚班迟到，电话确认" };
    const sheet = sheetOf(log);
    expect(within(sheet).getByTestId("handover-print-sign-outgoing")).toHaveTextContent("交班班长：沈丽华（S001） 主管代签");
    expect(within(sheet).getByTestId("handover-print-override")).toHaveTextContent("主管特批：晚班迟到，电话确认");
  });

  test("the print view: the sheet in the site's name, 打印 prints, and its stylesheet is there only while open", async () => {
    const backend = loggedIn("team_lead");
    const { user } = renderHandover(<PrintHarness />, backend, "team_lead");
    const sheet = await screen.findByTestId("handover-print-sheet");
    expect(within(sheet).getByTestId("handover-print-title")).toHaveTextContent("演示客服中心 交接班记录");
    expect(sheetStyle()?.textContent).toContain("@media print");
    expect(screen.getByTestId("handover-print-pdf")).toHaveTextContent("保存为 PDF");
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    await user.click(screen.getByTestId("handover-print"));
    expect(print).toHaveBeenCalledTimes(1);

    // Saving a PDF asks where, then prints to it on A4 portrait.
    backend.pickSaveFile.mockResolvedValue("/tmp/交接班记录.pdf");
    backend.savePrintPdf.mockResolvedValue(null);
    await user.click(screen.getByTestId("handover-print-pdf"));
    await waitFor(() => expect(backend.savePrintPdf).toHaveBeenCalledWith("/tmp/交接班记录.pdf", false));
    expect(backend.pickSaveFile.mock.calls[0][0]).toBe("演示客服中心-交接班记录-2026-11-23-售前一组-D.pdf");

    await user.click(screen.getByTestId("handover-print-close"));
    await waitFor(() => expect(sheetStyle()).toBeNull());
  });
});
