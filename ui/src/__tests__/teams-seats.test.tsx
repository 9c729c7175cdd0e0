import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type CommandApi, type Role, type Seat, type Team } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

// These tests start on Teams & Seats (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/teams";
});

async function openTeams(overrides: Partial<CommandApi> = {}, role: Role = "supervisor") {
  const r = renderApp(loggedIn(role, overrides));
  await waitFor(() => expect(screen.getByTestId("teams-table")).toHaveTextContent("售后组"));
  return r;
}

async function openSeats(overrides: Partial<CommandApi> = {}, role: Role = "supervisor") {
  const r = renderApp(loggedIn(role, overrides));
  await r.user.click(await screen.findByRole("tab", { name: "台席" }));
  await screen.findByTestId("floor-map");
  return r;
}

/** The row of a table (by data-testid) whose first cell is `first`. */
function rowOf(tableId: string, first: string): HTMLElement {
  const row = within(screen.getByTestId(tableId))
    .getAllByRole("row")
    .find((r) => within(r).queryAllByRole("cell")[0]?.textContent === first);
  if (!row) throw new Error(`no row ${first} in ${tableId}`);
  return row;
}

const seatA01 = () => fixtures.seats().find((s) => s.code === "A01")!;
const teamNamed = (name: string) => fixtures.teams().find((t) => t.name === name)!;

describe("teams", () => {
  test("lists the teams the backend reads, with their agent counts", async () => {
    await openTeams();
    expect(rowOf("teams-table", "售前一组")).toHaveTextContent("12");
    expect(rowOf("teams-table", "售前二组")).toHaveTextContent("12");
    expect(rowOf("teams-table", "售后组")).toHaveTextContent("启用");
  });

  test("a new team is sent with its trimmed name, and the list shows what the backend reads back", async () => {
    let teams = fixtures.teams();
    const { user, backend } = await openTeams({
      listTeams: () => Promise.resolve(teams),
      saveTeam: (input) => {
        const saved: Team = { id: 4, name: input.name, channel: input.channel ?? "phone", active: true, agent_count: 0 };
        teams = [...teams, saved];
        return Promise.resolve(saved);
      },
    });
    await user.click(screen.getByTestId("team-add"));
    await user.type(await screen.findByTestId("team-form-name"), " 售前三组 ");
    await user.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(backend.saveTeam).toHaveBeenCalledWith({ id: null, name: "售前三组", channel: "phone" }));
    await waitFor(() => expect(rowOf("teams-table", "售前三组")).toHaveTextContent("0"));
    expect(screen.queryByTestId("team-form-name")).not.toBeInTheDocument();
  });

  test("the backend's refusal of a duplicate name shows translated under the form, which stays open", async () => {
    const { user, backend } = await openTeams({
      saveTeam: (input) =>
        Promise.reject(new BackendError("team.duplicate_name", `a team named ${input.name} exists`, { name: input.name })),
    });
    await user.click(screen.getByTestId("team-add"));
    await user.type(await screen.findByTestId("team-form-name"), "售后组");
    await user.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("班组“售后组”已存在")).toBeInTheDocument();
    expect(backend.saveTeam).toHaveBeenCalledWith({ id: null, name: "售后组", channel: "phone" });
    expect(screen.getByTestId("team-form-name")).toHaveValue("售后组");
  });

  test("an empty name is refused by the form before anything is sent", async () => {
    const { user, backend } = await openTeams();
    await user.click(screen.getByTestId("team-add"));
    await user.type(await screen.findByTestId("team-form-name"), "   ");
    await user.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("班组名称为必填项")).toBeInTheDocument();
    expect(backend.saveTeam).not.toHaveBeenCalled();
  });

  test("renaming sends the team's id with the new name", async () => {
    const { user, backend } = await openTeams({
      saveTeam: (input) => Promise.resolve({ ...teamNamed("售后组"), name: input.name }),
    });
    await user.click(within(rowOf("teams-table", "售后组")).getByRole("button", { name: "编辑" }));
    const name = await screen.findByTestId("team-form-name");
    expect(name).toHaveValue("售后组");
    await user.clear(name);
    await user.type(name, "售后一组");
    await user.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(backend.saveTeam).toHaveBeenCalledWith({ id: teamNamed("售后组").id, name: "售后一组", channel: "chat" }));
  });

  test("deactivating a team with agents asks first, and shows the backend's refusal translated", async () => {
    const { user, backend } = await openTeams({
      setTeamActive: () => Promise.reject(new BackendError("team.has_agents", "the team still has 12 active agents", { count: "12" })),
    });
    await user.click(within(rowOf("teams-table", "售后组")).getByRole("button", { name: "停用" }));
    expect(backend.setTeamActive).not.toHaveBeenCalled();
    await user.click(await screen.findByRole("button", { name: "确定" }));
    expect(await screen.findByText("该班组还有 12 名在职人员，请先把他们调到其他班组")).toBeInTheDocument();
    expect(backend.setTeamActive).toHaveBeenCalledWith(teamNamed("售后组").id, false);
  });

  test("a team lead (view only) gets no add, rename or deactivate buttons", async () => {
    const { user } = await openTeams({}, "team_lead");
    expect(screen.queryByTestId("team-add")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("teams-table")).queryByRole("button", { name: "编辑" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("tab", { name: "台席" }));
    await screen.findByTestId("floor-map");
    expect(screen.queryByTestId("seat-add")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("seats-table")).queryByRole("button", { name: "停用" })).not.toBeInTheDocument();
  });
});

describe("seats", () => {
  test("the floor map places the seats by grid cell and colours them by zone", async () => {
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
    expect(screen.getByTestId("floor-seat-A13")).toHaveTextContent("空台席");
  });

  test("a deactivated seat stays in the table but leaves the map", async () => {
    const seats = fixtures.seats().map((s): Seat => (s.code === "A13" ? { ...s, active: false } : s));
    await openSeats({ listSeats: () => Promise.resolve(seats) });
    expect(screen.queryByTestId("floor-seat-A13")).not.toBeInTheDocument();
    expect(screen.getByTestId("floor-zone-A")).toHaveTextContent("A · 13");
    expect(rowOf("seats-table", "A13")).toHaveTextContent("已停用");
  });

  test("a new seat is sent with its code, zone and cell, and shows on the map once the backend reads it back", async () => {
    let seats = fixtures.seats();
    const { user, backend } = await openSeats({
      listSeats: () => Promise.resolve(seats),
      saveSeat: (input) => {
        const saved: Seat = { ...input, id: 99, zone: input.zone, active: true, agent_id: null, agent_name: null };
        seats = [...seats, saved];
        return Promise.resolve(saved);
      },
    });
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

    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledWith({ id: null, code: "D01", x: 0, y: 9, zone: "D区" }));
    const seat = await screen.findByTestId("floor-seat-D01");
    expect(seat).toHaveAttribute("data-zone", "D区");
    expect(screen.getByTestId("floor-zone-D区")).toHaveTextContent("D区 · 1");
    expect(seat).toHaveTextContent("空台席");
  });

  test("editing a seat sends its id; a blank zone is sent as none", async () => {
    const { user, backend } = await openSeats({ saveSeat: (input) => Promise.resolve({ ...seatA01(), ...input, id: seatA01().id }) });
    await user.click(within(rowOf("seats-table", "A01")).getByRole("button", { name: "编辑" }));
    const code = await screen.findByTestId("seat-form-code");
    expect(code).toHaveValue("A01");
    const zone = screen.getByTestId("seat-form-zone");
    const zoneInput = zone.tagName === "INPUT" ? zone : within(zone).getByRole("combobox");
    await user.clear(zoneInput);
    await user.click(screen.getByTestId("seat-form-submit"));
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledWith({ id: seatA01().id, code: "A01", x: 0, y: 0, zone: null }));
  });

  test("the backend's refusals show under the field they concern", async () => {
    const { user, backend } = await openSeats();
    backend.saveSeat.mockRejectedValueOnce(new BackendError("seat.duplicate_code", "seat A01 exists", { code: "A01" }));
    await user.click(screen.getByTestId("seat-add"));
    await user.type(await screen.findByTestId("seat-form-code"), "A01");
    await user.click(screen.getByTestId("seat-form-submit"));
    expect(await screen.findByText("台席编号 A01 已存在")).toBeInTheDocument();
    expect(screen.getByTestId("seat-form-code").closest(".ant-form-item")).toHaveTextContent("台席编号 A01 已存在");

    backend.saveSeat.mockRejectedValueOnce(new BackendError("validation.position", "a seat's column and row are 0 to 500", { max: "500" }));
    await user.clear(screen.getByTestId("seat-form-code"));
    await user.type(screen.getByTestId("seat-form-code"), "Z01");
    await user.click(screen.getByTestId("seat-form-submit"));
    await waitFor(() =>
      expect(screen.getByTestId("seat-form-y").closest(".ant-form-item")).toHaveTextContent("台席的列和排须在 0 到 500 之间"),
    );
    expect(backend.saveSeat).toHaveBeenCalledTimes(2);
    expect(backend.saveSeat).toHaveBeenLastCalledWith(expect.objectContaining({ id: null, code: "Z01" }));
  });

  test("deactivating an occupied seat asks first, and shows the backend's refusal translated", async () => {
    const { user, backend } = await openSeats({
      setSeatActive: () =>
        Promise.reject(new BackendError("seat.taken", "seat A01 is used by 1001", { seat: "A01", employee_no: "1001" })),
    });
    await user.click(within(rowOf("seats-table", "A01")).getByRole("button", { name: "停用" }));
    expect(backend.setSeatActive).not.toHaveBeenCalled();
    await user.click(await screen.findByRole("button", { name: "确定" }));
    expect(await screen.findByText("台席 A01 已由工号 1001 使用，请先调整座位")).toBeInTheDocument();
    expect(backend.setSeatActive).toHaveBeenCalledWith(seatA01().id, false);
    expect(screen.getByTestId("floor-seat-A01")).toBeInTheDocument();
  });
});
