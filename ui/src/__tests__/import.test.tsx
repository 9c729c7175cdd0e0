import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { SAMPLE_IMPORT_BAD, SAMPLE_IMPORT_OK } from "../backend/mock";
import { demoLoggedInAs, peopleRows, renderApp } from "../test/utils";

// These tests start on People (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/people";
});

async function openImport(path: string) {
  const backend = await demoLoggedInAs("沈丽华");
  const r = renderApp(backend);
  await screen.findByTestId("people-table");
  await waitFor(() => expect(peopleRows().length).toBe(36));
  await r.user.click(screen.getByTestId("people-import"));
  await r.user.type(await screen.findByTestId("import-path"), path);
  await r.user.click(screen.getByTestId("import-preview"));
  return r;
}

const cellTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));

describe("people import", () => {
  test("agents-bad.csv lists its two errors by row, translated, with the backend's detail on hover", async () => {
    const { user, backend } = await openImport(SAMPLE_IMPORT_BAD);
    const errors = await screen.findByTestId("import-errors");
    expect(screen.getByTestId("import-errors-alert")).toHaveTextContent("文件有 2 处错误，未写入任何数据");
    expect(cellTexts(errors)).toEqual([
      ["7", "职级", "专家", "职级无法识别（应为 初级/中级/高级/班长/主管）"],
      ["9", "工号", "5002", "工号在文件中重复出现"],
    ]);
    // The translated text hides which row the 工号 is already on; the backend's message says it.
    const duplicate = within(errors).getAllByTestId("import-issue-text")[1];
    await user.hover(duplicate);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("详细说明：工号 5002 is already on row 3");
    expect(screen.getByTestId("import-confirm")).toBeDisabled();
    expect(await backend.listAgents(true)).toHaveLength(36);
  });

  test("agents-import.csv previews all ten rows, then writes them and reports the counts", async () => {
    const { user } = await openImport(SAMPLE_IMPORT_OK);
    const rows = await screen.findByTestId("import-rows");
    const body = cellTexts(rows);
    expect(body).toHaveLength(10);
    expect(body[0]).toEqual(["2", "新增", "2001", "贺一鸣", "售前一组", "班长", "D01新增", "2020/05/11"]);
    expect(screen.queryByTestId("import-errors")).not.toBeInTheDocument();
    const confirm = screen.getByTestId("import-confirm");
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    expect(await screen.findByTestId("import-result")).toHaveTextContent("导入完成：新增 10 人，更新 0 人，新建班组 0 个，新建台席 8 个。");
    await waitFor(() => expect(screen.getByTestId("people-count")).toHaveTextContent("共 46 人"));
  });

  test("a missing file and a file of the wrong kind show the translated errors", async () => {
    const { user, backend } = await openImport("/tmp/none.xlsx");
    expect(await screen.findByTestId("import-failure")).toHaveTextContent("无法读取或写入文件：/tmp/none.xlsx");
    backend.files.set("/tmp/名单.pdf", "工号,姓名\n");
    const path = screen.getByTestId("import-path");
    await user.clear(path);
    await user.type(path, "/tmp/名单.pdf");
    await user.click(screen.getByTestId("import-preview"));
    expect(await screen.findByTestId("import-failure")).toHaveTextContent("不能导入 /tmp/名单.pdf：只支持 .csv 和 .xlsx 文件");
  });
});
