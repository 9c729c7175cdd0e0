import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type AgentRow, type CommandApi } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn, type FakeBackend } from "../test/fakeBackend";
import { peopleRows, renderApp } from "../test/utils";

// These tests start on People (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/people";
});

const GOOD = "/data/名单/agents-import.csv";
const BAD = "/data/名单/agents-bad.csv";

async function openImport(overrides: Partial<CommandApi>) {
  const backend = loggedIn("supervisor", overrides);
  const r = renderApp(backend);
  await screen.findByTestId("people-table");
  await waitFor(() => expect(peopleRows().length).toBe(36));
  await r.user.click(screen.getByTestId("people-import"));
  await screen.findByTestId("import-path");
  return r;
}

async function preview({ user }: { user: ReturnType<typeof renderApp>["user"] }, path: string) {
  const input = screen.getByTestId("import-path");
  await user.clear(input);
  await user.type(input, path);
  await user.click(screen.getByTestId("import-preview"));
}

const cellTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));

const previewCalls = (backend: FakeBackend) => backend.previewAgentsImport.mock.calls.map(([path]) => path);

describe("people import", () => {
  test("a file with bad rows lists the backend's issues by row, translated, with its detail on hover; nothing can be applied", async () => {
    const r = await openImport({ previewAgentsImport: () => Promise.resolve(fixtures.importPreviewBad()) });
    const { user, backend } = r;
    await preview(r, BAD);
    const errors = await screen.findByTestId("import-errors");
    expect(previewCalls(backend)).toEqual([BAD]);
    expect(screen.getByTestId("import-errors-alert")).toHaveTextContent("文件有 2 处错误，未写入任何数据");
    expect(cellTexts(errors)).toEqual([
      ["7", "职级", "组长", "职级无法识别（应为 初级客服/中级客服/高级客服/资深客服/专家客服）"],
      ["9", "工号", "5002", "工号在文件中重复出现"],
    ]);
    // The translated text hides which row the 工号 is already on; the backend's message says it.
    const duplicate = within(errors).getAllByTestId("import-issue-text")[1];
    await user.hover(duplicate);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("详细说明：工号 5002 is already on row 3");
    // The good rows of the file are still listed (6 of them in the fixture).
    expect(cellTexts(screen.getByTestId("import-rows"))).toHaveLength(6);
    expect(screen.getByTestId("import-confirm")).toBeDisabled();
    expect(backend.applyAgentsImport).not.toHaveBeenCalled();
  });

  test("a good file previews all its rows; confirming applies that file, reports the counts and reloads the people", async () => {
    const imported: AgentRow[] = fixtures.importPreviewGood().rows.map((row, i) => ({
      ...fixtures.agents()[0],
      id: 100 + i,
      employee_no: row.employee_no,
      name: row.name,
    }));
    let applied = false;
    const r = await openImport({
      previewAgentsImport: () => Promise.resolve(fixtures.importPreviewGood()),
      applyAgentsImport: () => {
        applied = true;
        return Promise.resolve({ created: 10, updated: 0, teams_created: 0, seats_created: 8 });
      },
      // What the backend reads back after the import (the test says so; the fake adds nothing itself).
      listAgents: () => Promise.resolve(applied ? [...fixtures.agents(), ...imported] : fixtures.agents()),
    });
    const { user, backend } = r;
    await preview(r, GOOD);
    const rows = await screen.findByTestId("import-rows");
    const body = cellTexts(rows);
    expect(body).toHaveLength(10);
    // Row 2: a new agent, in an existing team, on a seat the import creates (D01 is in new_seats).
    expect(body[0]).toEqual(["2", "新增", "2001", "贺一鸣", "售前一组", "资深客服", "D01新增", "2020/05/11"]);
    // 2006 has no seat.
    expect(body[5]).toEqual(["7", "新增", "2006", "陆晓雯", "售前一组", "初级客服", "—", "2026/04/20"]);
    expect(screen.getByText("检查通过：新增 10 人，更新 0 人。确认后一次性写入。")).toBeInTheDocument();
    expect(screen.queryByTestId("import-errors")).not.toBeInTheDocument();
    const confirm = screen.getByTestId("import-confirm");
    expect(confirm).toBeEnabled();
    expect(backend.applyAgentsImport).not.toHaveBeenCalled();
    await user.click(confirm);
    await waitFor(() => expect(backend.applyAgentsImport).toHaveBeenCalledWith(GOOD));
    expect(await screen.findByTestId("import-result")).toHaveTextContent("导入完成：新增 10 人，更新 0 人，新建班组 0 个，新建台席 8 个。");
    expect(screen.getByTestId("import-confirm")).toBeDisabled();
    await waitFor(() => expect(screen.getByTestId("people-count")).toHaveTextContent("共 46 人"));
    expect(backend.listAgents.mock.calls.length).toBeGreaterThan(1);
  });

  test("a file picked in the dialog is previewed by its path", async () => {
    const picked = "C:\\Users\\floor\\Desktop\\agents-import.xlsx";
    const r = await openImport({ previewAgentsImport: () => Promise.resolve(fixtures.importPreviewGood()) });
    const { user, backend } = r;
    backend.pickOpenFile.mockResolvedValue(picked);
    await user.click(screen.getByTestId("import-choose"));
    await waitFor(() => expect(screen.getByTestId("import-path")).toHaveValue(picked));
    expect(backend.pickOpenFile).toHaveBeenCalledWith([{ name: "人员名单", extensions: ["xlsx", "csv"] }]);
    await user.click(screen.getByTestId("import-preview"));
    await screen.findByTestId("import-rows");
    expect(previewCalls(backend)).toEqual([picked]);
  });

  test("a cancelled dialog leaves the path alone; an empty path cannot be previewed", async () => {
    const r = await openImport({});
    const { user, backend } = r;
    expect(screen.getByTestId("import-preview")).toBeDisabled();
    await user.click(screen.getByTestId("import-choose"));
    await waitFor(() => expect(backend.pickOpenFile).toHaveBeenCalled());
    expect(screen.getByTestId("import-path")).toHaveValue("");
    expect(screen.getByTestId("import-preview")).toBeDisabled();
    expect(backend.previewAgentsImport).not.toHaveBeenCalled();
  });

  test("a missing file and a file of the wrong kind show the backend's refusals, translated", async () => {
    const r = await openImport({
      previewAgentsImport: (path) =>
        Promise.reject(
          path.endsWith(".pdf")
            ? new BackendError("import.unsupported_file", `${path}: .pdf files cannot be imported; use .csv or .xlsx`, { file: path })
            : new BackendError("io.error", `${path}: No such file or directory (os error 2)`, { path }),
        ),
    });
    await preview(r, "/tmp/none.xlsx");
    expect(await screen.findByTestId("import-failure")).toHaveTextContent("无法读取或写入文件：/tmp/none.xlsx");
    await preview(r, "/tmp/名单.pdf");
    await waitFor(() =>
      expect(screen.getByTestId("import-failure")).toHaveTextContent("不能导入 /tmp/名单.pdf：只支持 .csv 和 .xlsx 文件"),
    );
    expect(previewCalls(r.backend)).toEqual(["/tmp/none.xlsx", "/tmp/名单.pdf"]);
    expect(screen.getByTestId("import-confirm")).toBeDisabled();
  });

  test("a file that changed between preview and confirm is refused as a whole, translated", async () => {
    const r = await openImport({
      previewAgentsImport: () => Promise.resolve(fixtures.importPreviewGood()),
      applyAgentsImport: (path) =>
        Promise.reject(
          new BackendError("import.invalid", `${path}: 1 problem(s), nothing was written`, { file: path, count: "1", row: "4", field: "职级" }),
        ),
    });
    await preview(r, GOOD);
    await r.user.click(await screen.findByTestId("import-confirm"));
    expect(await screen.findByTestId("import-failure")).toHaveTextContent(
      `文件 ${GOOD} 有 1 处错误（第一处在第 4 行“职级”列），未写入任何数据`,
    );
    expect(screen.queryByTestId("import-result")).not.toBeInTheDocument();
  });
});
