import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError } from "../backend";
import { statusFor } from "../test/fixtures";
import { demoReads, fakeBackend } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

/** What the backend answers when a newer FloorDesk wrote the database. */
const newerSchema = () =>
  new BackendError(
    "db.newer_schema",
    "this database was written by a newer FloorDesk (schema version 9; this version reads up to 1). Update FloorDesk to open it.",
    { found: "9", supported: "1" },
  );

describe("start-up failure", () => {
  test("a database from a newer FloorDesk gets a full-page error with the reason, the code and what to do", async () => {
    const backend = fakeBackend({ ...demoReads(null), appStatus: () => Promise.reject(newerSchema()) });
    const { user } = renderApp(backend);
    const page = await screen.findByTestId("startup-error");
    expect(page).toHaveTextContent("现场台无法启动");
    expect(screen.getByTestId("startup-error-message")).toHaveTextContent("此数据库由更新版本的现场台写入（数据库版本 9，本版本最高支持 1）");
    expect(screen.getByTestId("startup-error-code")).toHaveTextContent("db.newer_schema");
    expect(screen.getByTestId("startup-error-hint")).toHaveTextContent("请安装最新版本的现场台后再打开");
    // Neither the wizard nor the login is offered on a database this version cannot read.
    expect(screen.queryByTestId("login-user")).not.toBeInTheDocument();
    expect(screen.queryByTestId("setup-site-name")).not.toBeInTheDocument();
    expect(backend.listLoginUsers).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("lang-switch"));
    await waitFor(() => expect(screen.getByTestId("startup-error")).toHaveTextContent("FloorDesk cannot start"));
    expect(screen.getByTestId("startup-error-message")).toHaveTextContent(
      "This database was written by a newer FloorDesk (schema version 9; this version reads up to 1)",
    );
    expect(screen.getByTestId("startup-error-hint")).toHaveTextContent("Install the latest FloorDesk");
  });

  test("a file that is not a FloorDesk database says so", async () => {
    renderApp(
      fakeBackend({
        appStatus: () => Promise.reject(new BackendError("db.not_floordesk", "this file is not a FloorDesk database")),
      }),
    );
    expect(await screen.findByTestId("startup-error-message")).toHaveTextContent("此文件不是现场台数据库");
    expect(screen.getByTestId("startup-error-code")).toHaveTextContent("db.not_floordesk");
    expect(screen.getByTestId("startup-error-hint")).toHaveTextContent("请检查数据库位置是否正确");
  });

  test("a framework failure (a thrown Error) shows as an internal error with the generic hint", async () => {
    renderApp(fakeBackend({ appStatus: () => Promise.reject(new Error("IPC channel closed")) }));
    expect(await screen.findByTestId("startup-error-message")).toHaveTextContent("程序内部错误：IPC channel closed");
    expect(screen.getByTestId("startup-error-code")).toHaveTextContent("internal");
    expect(screen.getByTestId("startup-error-hint")).toHaveTextContent("请把上面的错误代码告诉系统管理员");
  });

  test("retry asks again and starts the app once the database can be read", async () => {
    const backend = fakeBackend({ ...demoReads(null) });
    backend.appStatus
      .mockRejectedValueOnce(new BackendError("db.busy", "the database is busy with another program's write; try again"))
      .mockResolvedValue(statusFor(null));
    const { user } = renderApp(backend);
    expect(await screen.findByTestId("startup-error-message")).toHaveTextContent("数据库正忙");
    expect(screen.getByTestId("startup-error-hint")).toHaveTextContent("另一个程序正在写入数据库");
    expect(backend.appStatus).toHaveBeenCalledTimes(1);
    await user.click(screen.getByTestId("startup-retry"));
    expect(await screen.findByTestId("login-user")).toBeInTheDocument();
    expect(backend.appStatus).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("startup-error")).not.toBeInTheDocument();
  });

  test("retry while the database still cannot be read keeps the error page", async () => {
    const backend = fakeBackend({ appStatus: () => Promise.reject(newerSchema()) });
    const { user } = renderApp(backend);
    await screen.findByTestId("startup-error");
    await user.click(screen.getByTestId("startup-retry"));
    await waitFor(() => expect(backend.appStatus).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId("startup-error-code")).toHaveTextContent("db.newer_schema");
    expect(screen.queryByTestId("login-user")).not.toBeInTheDocument();
  });
});
