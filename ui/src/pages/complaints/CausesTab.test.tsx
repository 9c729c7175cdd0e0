// 投诉原因: the list in order; a new cause sent with its code and names; a cause retired by its
// switch; an edited cause keeps its code.
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { loggedIn } from "../../test/fakeBackend";
import CausesTab from "./CausesTab";
import { causes, renderComplaints } from "./complaintsTestKit";

async function openCauses() {
  const backend = loggedIn("supervisor", {
    complaintCauses: () => Promise.resolve(causes()),
    saveComplaintCause: () => Promise.resolve(null),
  });
  const r = renderComplaints(<CausesTab />, backend);
  await screen.findByTestId("cause-row-attitude");
  return r;
}

describe("complaint causes", () => {
  test("the causes in order, each with its names and whether it is active", async () => {
    await openCauses();
    const codes = [...document.querySelectorAll("[data-testid^='cause-row-']")].map((e) => e.getAttribute("data-testid")!.replace("cause-row-", ""));
    expect(codes).toEqual(["attitude", "knowledge", "process", "system", "logistics", "other"]);
    expect(screen.getByTestId("cause-row-logistics")).toHaveTextContent("物流");
    expect(screen.getByTestId("cause-row-logistics")).toHaveTextContent("Logistics");
    expect(screen.getByTestId("cause-active-system")).not.toBeChecked();
  });

  test("a new cause is sent with its code, names, order and active", async () => {
    const { user, backend } = await openCauses();
    await user.click(screen.getByTestId("cause-add"));
    await user.type(await screen.findByTestId("cause-code"), "price");
    await user.type(screen.getByTestId("cause-name-zh"), "价格");
    await user.type(screen.getByTestId("cause-name-en"), "Price");
    await user.click(screen.getByTestId("cause-save"));
    await waitFor(() => expect(backend.saveComplaintCause).toHaveBeenCalledWith({ code: "price", name_zh: "价格", name_en: "Price", sort: 7, active: true }));
  });

  test("retiring a cause sends it inactive; editing keeps the code", async () => {
    const { user, backend } = await openCauses();
    await user.click(screen.getByTestId("cause-active-other"));
    await waitFor(() => expect(backend.saveComplaintCause).toHaveBeenCalledWith({ code: "other", name_zh: "其他", name_en: "Other", sort: 6, active: false }));
    await user.click(screen.getByTestId("cause-edit-process"));
    expect(await screen.findByTestId("cause-code")).toBeDisabled();
    await user.clear(screen.getByTestId("cause-name-zh"));
    await user.type(screen.getByTestId("cause-name-zh"), "业务流程");
    await user.click(screen.getByTestId("cause-save"));
    await waitFor(() => expect(backend.saveComplaintCause).toHaveBeenLastCalledWith({ code: "process", name_zh: "业务流程", name_en: "Process", sort: 3, active: true }));
  });
});
