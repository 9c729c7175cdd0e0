import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { demoLoggedInAs, renderApp } from "../test/utils";

// These tests start on People (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/people";
});

async function openSeats() {
  const backend = await demoLoggedInAs("沈丽华");
  const r = renderApp(backend);
  await screen.findByTestId("people-table");
  await r.user.click(screen.getByTestId("nav-teams"));
  await r.user.click(await screen.findByRole("tab", { name: "台席" }));
  await screen.findByTestId("floor-map");
  return r;
}

describe("teams and seats", () => {
  test("the floor map places the demo seats by grid cell and colours them by zone", async () => {
    await openSeats();
    const legend = screen.getByTestId("floor-legend");
    expect(within(legend).getByTestId("floor-zone-A")).toHaveTextContent("A · 14");
    expect(within(legend).getByTestId("floor-zone-B")).toHaveTextContent("B · 14");
    expect(within(legend).getByTestId("floor-zone-C")).toHaveTextContent("C · 12");
    const a01 = screen.getByTestId("floor-seat-A01");
    expect(a01).toHaveAttribute("data-zone", "A");
    expect(a01).toHaveAttribute("title", "A · A01 · 王静");
    // Grid cells are 0-based: A01 at (0, 0) is the first cell; C12 at column 5, row 7.
    expect(a01.style.gridColumn).toMatch(/^1( \/ auto)?$/);
    expect(a01.style.gridRow).toMatch(/^1( \/ auto)?$/);
    const c12 = screen.getByTestId("floor-seat-C12");
    expect(c12.style.gridColumn).toMatch(/^6( \/ auto)?$/);
    expect(c12.style.gridRow).toMatch(/^8( \/ auto)?$/);
    // Zones get different colours.
    expect(a01.style.borderColor).not.toBe(c12.style.borderColor);
    expect(screen.getByTestId("floor-seat-A13")).toHaveTextContent("空闲");
  });

  test("a new seat is saved with its zone and shows on the map", async () => {
    const { user, backend } = await openSeats();
    await user.click(screen.getByTestId("seat-add"));
    await user.type(await screen.findByTestId("seat-form-code"), "D01");
    const zone = screen.getByTestId("seat-form-zone");
    await user.type(zone.tagName === "INPUT" ? zone : within(zone).getByRole("combobox"), "D区");
    const row = screen.getByTestId("seat-form-y");
    await user.clear(row);
    await user.type(row, "9");
    const col = screen.getByTestId("seat-form-x");
    await user.clear(col);
    await user.type(col, "0");
    await user.click(screen.getByTestId("seat-form-submit"));

    const seat = await screen.findByTestId("floor-seat-D01");
    expect(seat).toHaveAttribute("data-zone", "D区");
    expect(screen.getByTestId("floor-zone-D区")).toHaveTextContent("D区 · 1");
    expect((await backend.listSeats()).find((s) => s.code === "D01")).toMatchObject({ x: 0, y: 9, zone: "D区", active: true });
  });

  test("deactivating an occupied seat is refused with the translated reason", async () => {
    const { user, backend } = await openSeats();
    const table = screen.getByTestId("seats-table");
    const a01 = within(table)
      .getAllByRole("row")
      .find((r) => within(r).queryAllByRole("cell")[0]?.textContent === "A01")!;
    await user.click(within(a01).getByRole("button", { name: "停用" }));
    await user.click(await screen.findByRole("button", { name: "确定" }));
    expect(await screen.findByText("台席 A01 已由工号 1001 使用，请先调整座位")).toBeInTheDocument();
    await waitFor(async () => expect((await backend.listSeats()).find((s) => s.code === "A01")?.active).toBe(true));
  });
});
