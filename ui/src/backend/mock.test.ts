// The mock stands in for the Rust store in every UI test, so it must fail the same way: these
// mirror the store's own tests (src-tauri/crates/store/tests) on codes, params and counts.
import { describe, expect, test } from "vitest";
import { BackendError } from "./index";
import { MockBackend, SAMPLE_HOLIDAYS, SAMPLE_IMPORT_BAD, SAMPLE_IMPORT_OK } from "./mock";

async function loggedIn(b: MockBackend, name = "沈丽华") {
  const u = (await b.listLoginUsers()).find((x) => x.display_name === name);
  if (!u) throw new Error(`no user ${name}`);
  await b.login(u.id, "1234");
  return b;
}

/** A demo floor with its supervisor logged in. */
const supervisor = () => loggedIn(new MockBackend({ demo: true }));

/** A fresh site (no agents, teams or seats) with its first supervisor logged in. */
async function freshSite() {
  const b = new MockBackend();
  await b.setupSite({ site_name: "测试现场", time_zone: "Asia/Shanghai", supervisor_name: "测试主管", supervisor_pin: "3816", load_demo: false });
  return b;
}

async function failure(p: Promise<unknown>): Promise<BackendError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BackendError);
    return e as BackendError;
  }
  throw new Error("expected a BackendError");
}

describe("the demo floor (assets/demo)", () => {
  test("has the CSVs' teams, agents, seats with zones and users, nobody logged in", async () => {
    const b = new MockBackend({ demo: true });
    const status = await b.appStatus();
    expect(status).toMatchObject({ initialized: true, operator: null, site: { name: "演示客服中心", time_zone: "Asia/Shanghai", is_demo: true } });
    const logins = (await b.listLoginUsers()).map((u) => `${u.display_name}:${u.role}`);
    expect(logins.sort()).toEqual(
      ["沈丽华:supervisor", "江涛:manager", "王静:team_lead", "胡雪:team_lead", "韩梅:team_lead", "李娜:agent", "朱琳:agent"].sort(),
    );

    await loggedIn(b);
    const agents = await b.listAgents(true);
    expect(agents).toHaveLength(36);
    expect(agents.find((a) => a.employee_no === "1001")).toMatchObject({
      name: "王静",
      team_name: "售前一组",
      level: "lead",
      seat_code: "A01",
      hired_on: "2019-03-11",
      active: true,
    });
    expect((await b.listTeams()).map((t) => [t.name, t.agent_count])).toEqual([
      ["售前一组", 12],
      ["售前二组", 12],
      ["售后组", 12],
    ]);
    const seats = await b.listSeats();
    expect(seats).toHaveLength(40);
    expect(seats.find((s) => s.code === "A01")).toMatchObject({ x: 0, y: 0, zone: "A", agent_name: "王静" });
    expect(seats.find((s) => s.code === "C12")).toMatchObject({ x: 5, y: 7, zone: "C" });
    expect(seats.filter((s) => s.agent_id === null).map((s) => s.code)).toEqual(["A13", "A14", "B13", "B14"]);
    expect((await b.listUsers()).find((u) => u.display_name === "李娜")?.employee_no).toBe("1002");
    const holidays = await b.listHolidays();
    expect(holidays).toContainEqual({ date: "2026-10-01", kind: "holiday", name: "国庆节" });
    expect(holidays).toContainEqual({ date: "2026-02-14", kind: "workday", name: "春节调休上班" });
  });

  test("the wizard keeps its own site name and supervisor when it loads the demo", async () => {
    const b = new MockBackend();
    const op = await b.setupSite({ site_name: "杭州售后", time_zone: "Asia/Shanghai", supervisor_name: "周敏", supervisor_pin: "2468", load_demo: true });
    expect(op).toMatchObject({ display_name: "周敏", role: "supervisor", employee_no: null });
    expect((await b.appStatus()).site).toEqual({ name: "杭州售后", time_zone: "Asia/Shanghai", is_demo: true });
    expect(await b.listAgents(false)).toHaveLength(36);
    expect((await b.listLoginUsers()).map((u) => u.display_name)).toEqual(expect.arrayContaining(["周敏", "沈丽华"]));
    expect((await failure(b.setupSite({ site_name: "x", time_zone: "Asia/Shanghai", supervisor_name: "y", supervisor_pin: "1234", load_demo: false }))).code).toBe(
      "setup.already_done",
    );
  });

  test("set-up checks the PIN and the time zone", async () => {
    const b = new MockBackend();
    const pin = await failure(b.setupSite({ site_name: "x", time_zone: "Asia/Shanghai", supervisor_name: "y", supervisor_pin: "12a", load_demo: false }));
    expect([pin.code, pin.params]).toEqual(["validation.pin", { min: "4", max: "8" }]);
    const tz = await failure(b.setupSite({ site_name: "x", time_zone: "Mars/Base", supervisor_name: "y", supervisor_pin: "1234", load_demo: false }));
    expect([tz.code, tz.params]).toEqual(["validation.time_zone", { value: "Mars/Base" }]);
    expect((await b.appStatus()).initialized).toBe(false);
  });
});

describe("sessions", () => {
  test("locks a user out after five wrong PINs, then doubles", async () => {
    let now = 1_000_000;
    const b = new MockBackend({ demo: true, now: () => now });
    const u = (await b.listLoginUsers()).find((x) => x.display_name === "沈丽华")!;
    for (let i = 1; i <= 4; i++) {
      const e = await failure(b.login(u.id, "0000"));
      expect(e.code).toBe("auth.wrong_pin");
      expect(e.params.remaining).toBe(String(5 - i));
    }
    const locked = await failure(b.login(u.id, "0000"));
    expect([locked.code, locked.params.seconds]).toEqual(["auth.locked", "30"]);
    // Even the right PIN is refused while locked.
    expect((await failure(b.login(u.id, "1234"))).code).toBe("auth.locked");
    now += 31_000;
    expect((await failure(b.login(u.id, "0000"))).params.seconds).toBe("60");
    now += 61_000;
    const op = await b.login(u.id, "1234");
    expect(op.permissions).toEqual(["view_people", "manage_people", "manage_users", "manage_settings", "view_floor", "operate_floor"]);
  });

  test("roles decide what a user may do", async () => {
    const b = await loggedIn(new MockBackend({ demo: true }), "王静");
    const op = (await b.appStatus()).operator!;
    expect([op.role, op.employee_no, op.permissions]).toEqual(["team_lead", "1001", ["view_people", "view_floor", "operate_floor"]]);
    expect((await b.listAgents(false)).length).toBe(36);
    expect((await failure(b.listUsers())).code).toBe("auth.forbidden");
    expect((await failure(b.saveTeam({ id: null, name: "X" }))).code).toBe("auth.forbidden");
    await b.logout();
    expect((await failure(b.listAgents(false))).code).toBe("auth.not_logged_in");
  });

  test("a deactivated user cannot log in; the last supervisor cannot be deactivated", async () => {
    const b = await supervisor();
    const users = await b.listUsers();
    const lina = users.find((u) => u.display_name === "李娜")!;
    await b.setUserActive(lina.id, false);
    expect((await failure(b.login(lina.id, "1234"))).code).toBe("auth.inactive");
    await loggedIn(b);
    const shen = users.find((u) => u.display_name === "沈丽华")!;
    expect((await failure(b.setUserActive(shen.id, false))).code).toBe("user.last_supervisor");
  });

  test("a wrong old PIN counts as a wrong PIN when changing it", async () => {
    const b = await supervisor();
    const e = await failure(b.changeOwnPin("0000", "5678"));
    expect([e.code, e.params.remaining]).toEqual(["auth.wrong_pin", "4"]);
    expect((await failure(b.changeOwnPin("1234", "12"))).code).toBe("validation.pin");
    await b.changeOwnPin("1234", "5678");
    const me = (await b.appStatus()).operator!;
    await b.logout();
    await b.login(me.user_id, "5678");
  });
});

describe("people", () => {
  test("refuses a duplicate 工号 and a taken seat, with the store's params", async () => {
    const b = await supervisor();
    const [team] = await b.listTeams();
    const dup = await failure(b.saveAgent({ id: null, employee_no: "1001", name: "某某", team_id: team.id, level: "junior", seat_id: null, hired_on: null }));
    expect([dup.code, dup.params]).toEqual(["agent.duplicate_employee_no", { employee_no: "1001" }]);
    const a01 = (await b.listSeats()).find((s) => s.code === "A01")!;
    const taken = await failure(b.saveAgent({ id: null, employee_no: "9001", name: "某某", team_id: team.id, level: "junior", seat_id: a01.id, hired_on: null }));
    expect([taken.code, taken.params]).toEqual(["seat.taken", { seat: "A01", employee_no: "1001" }]);
    const gone = await failure(b.saveAgent({ id: null, employee_no: "9001", name: "某某", team_id: 99999, level: "junior", seat_id: null, hired_on: null }));
    expect([gone.code, gone.params]).toEqual(["not_found", { entity: "team", id: "99999" }]);
    const bad = await failure(b.saveAgent({ id: null, employee_no: "90 01", name: "某某", team_id: team.id, level: "junior", seat_id: null, hired_on: null }));
    expect([bad.code, bad.params]).toEqual(["validation.employee_no", { value: "90 01" }]);
  });

  test("teams with agents, occupied seats and seats off the grid are refused", async () => {
    const b = await supervisor();
    const team = (await b.listTeams()).find((t) => t.name === "售后组")!;
    const has = await failure(b.setTeamActive(team.id, false));
    expect([has.code, has.params]).toEqual(["team.has_agents", { count: "12" }]);
    const b02 = (await b.listSeats()).find((s) => s.code === "B02")!;
    const held = await failure(b.setSeatActive(b02.id, false));
    expect([held.code, held.params]).toEqual(["seat.taken", { seat: "B02", employee_no: "1014" }]);
    expect((await failure(b.saveSeat({ id: null, code: "Z1", x: 501, y: 0, zone: null }))).code).toBe("validation.position");
    expect((await failure(b.saveSeat({ id: null, code: "Z1", x: -1, y: 0, zone: null }))).code).toBe("validation.position");
    const dup = await failure(b.saveSeat({ id: null, code: "A01", x: 9, y: 9, zone: null }));
    expect([dup.code, dup.params]).toEqual(["seat.duplicate_code", { code: "A01" }]);
    const saved = await b.saveSeat({ id: null, code: "D01", x: 0, y: 500, zone: "  D区 " });
    expect(saved).toMatchObject({ code: "D01", x: 0, y: 500, zone: "D区", active: true, agent_id: null });
    expect((await b.saveSeat({ id: saved.id, code: "D01", x: 1, y: 9, zone: " " })).zone).toBeNull();
  });

  test("deactivating an agent frees the seat but keeps it on record; reactivating checks it", async () => {
    const b = await supervisor();
    const agents = await b.listAgents(false);
    const lina = agents.find((a) => a.employee_no === "1002")!;
    const team = (await b.listTeams())[0];
    await b.setAgentActive(lina.id, false);
    expect((await b.listAgents(true)).find((a) => a.id === lina.id)).toMatchObject({ active: false, seat_code: "A02" });
    expect((await b.listSeats()).find((s) => s.code === "A02")?.agent_id).toBeNull();
    await b.saveAgent({ id: null, employee_no: "9001", name: "新人", team_id: team.id, level: "junior", seat_id: lina.seat_id, hired_on: "2026-03-02" });
    const e = await failure(b.setAgentActive(lina.id, true));
    expect([e.code, e.params]).toEqual(["seat.taken", { seat: "A02", employee_no: "9001" }]);
  });
});

describe("import", () => {
  test("agents-import.csv creates 10 with their teams and seats, then updates them in place", async () => {
    const b = await freshSite();
    const p = await b.previewAgentsImport(SAMPLE_IMPORT_OK);
    expect(p.errors).toEqual([]);
    expect([p.creates, p.updates]).toEqual([10, 0]);
    expect(p.new_teams).toEqual(["售前一组", "售后组"]);
    expect(p.new_seats).toEqual(["D01", "D02", "D03", "D04", "D05", "D06", "D07", "D08"]);
    expect(await b.listAgents(true), "a preview writes nothing").toEqual([]);
    expect(await b.applyAgentsImport(SAMPLE_IMPORT_OK)).toEqual({ created: 10, updated: 0, teams_created: 2, seats_created: 8 });
    expect((await b.listAgents(false)).find((a) => a.employee_no === "2001")).toMatchObject({
      name: "贺一鸣",
      level: "lead",
      seat_code: "D01",
      hired_on: "2020-05-11",
    });
    const again = await b.previewAgentsImport(SAMPLE_IMPORT_OK);
    expect([again.creates, again.updates]).toEqual([0, 10]);
    expect(again.rows.every((r) => r.action === "update")).toBe(true);
  });

  test("agents-bad.csv: exactly the level on row 7 and the repeated 工号 on row 9; apply writes nothing", async () => {
    const b = await supervisor();
    const before = await b.listAgents(true);
    const p = await b.previewAgentsImport(SAMPLE_IMPORT_BAD);
    expect(p.errors.map((e) => [e.row, e.field, e.code, e.value])).toEqual([
      [7, "职级", "import.bad_level", "专家"],
      [9, "工号", "import.duplicate_in_file", "5002"],
    ]);
    expect(p.errors[1].message).toContain("row 3");
    const e = await failure(b.applyAgentsImport(SAMPLE_IMPORT_BAD));
    expect([e.code, e.params]).toEqual(["import.invalid", { file: SAMPLE_IMPORT_BAD, count: "2", row: "7", field: "职级" }]);
    expect(await b.listAgents(true)).toEqual(before);
  });

  test("missing columns, bad dates and taken seats are reported as the store does", async () => {
    const b = await freshSite();
    b.files.set("a.csv", "工号,姓名,班组\n1,张三,一组\n");
    const missing = await b.previewAgentsImport("a.csv");
    expect(missing.errors.map((e) => [e.row, e.field, e.code])).toEqual([[1, "level/职级", "import.missing_column"]]);
    b.files.set("first.csv", "工号,姓名,班组,职级,台席\n1,张三,一组,初级,A1\n");
    await b.applyAgentsImport("first.csv");
    b.files.set("b.csv", "employee_no,name,team,level,seat,hired_on\n2,李四,一组,junior,A1,2024-13-01\n3,王五,一组,senior,B1,\n4,赵六,一组,senior,B1,\n");
    const codes = (await b.previewAgentsImport("b.csv")).errors.map((e) => [e.row, e.field, e.code]);
    expect(codes).toContainEqual([2, "seat", "import.seat_taken"]);
    expect(codes).toContainEqual([2, "hired_on", "import.bad_date"]);
    expect(codes).toContainEqual([4, "seat", "import.seat_taken"]);
    b.files.set("empty.csv", "工号,姓名,班组,职级\n");
    expect((await b.previewAgentsImport("empty.csv")).errors.map((e) => e.code)).toEqual(["import.empty"]);
  });

  test("two agents can swap seats in one file", async () => {
    const b = await freshSite();
    b.files.set("1.csv", "工号,姓名,班组,职级,台席\n1,张三,一组,初级,A1\n2,李四,一组,初级,A2\n");
    await b.applyAgentsImport("1.csv");
    b.files.set("2.csv", "工号,姓名,班组,职级,台席\n1,张三,一组,初级,A2\n2,李四,一组,初级,A1\n");
    await b.applyAgentsImport("2.csv");
    expect((await b.listAgents(false)).map((a) => a.seat_code)).toEqual(["A2", "A1"]);
  });

  test("a missing file is io.error, another kind of file import.unsupported_file", async () => {
    const b = await supervisor();
    const io = await failure(b.previewAgentsImport("/nope.xlsx"));
    expect([io.code, io.params]).toEqual(["io.error", { path: "/nope.xlsx" }]);
    b.files.set("/tmp/list.pdf", "x");
    const kind = await failure(b.previewAgentsImport("/tmp/list.pdf"));
    expect([kind.code, kind.params]).toEqual(["import.unsupported_file", { file: "/tmp/list.pdf" }]);
  });

  test("holidays import all or nothing", async () => {
    const b = await freshSite();
    expect(await b.importHolidays(SAMPLE_HOLIDAYS)).toBe(39);
    b.files.set("h.csv", "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,休,春节\n2027-02-06,补班,调休\n");
    const e = await failure(b.importHolidays("h.csv"));
    expect([e.code, e.params]).toEqual(["import.invalid", { file: "h.csv", count: "2", row: "3", field: "date" }]);
    expect((await b.listHolidays()).some((h) => h.date === "2027-01-01")).toBe(false);
  });
});

describe("settings", () => {
  test("the policy catalogue is the store's; values stay in range and record when they took effect", async () => {
    let now = Date.UTC(2026, 4, 1, 8, 30);
    const b = await loggedIn(new MockBackend({ demo: true, now: () => now }));
    const policy = await b.listPolicy();
    expect(policy).toHaveLength(30);
    expect(policy.find((p) => p.key === "weekly_report_due_weekday")).toMatchObject({ unit: "weekday", min: 1, max: 7, value: 2 });
    expect(policy.find((p) => p.key === "grade_excellent_min")?.unit).toBe("points");
    expect(policy.find((p) => p.key === "reception_wait_timeout_sec")?.unit).toBe("seconds");
    expect(policy.every((p) => p.effective_from === "1970-01-01T00:00:00Z")).toBe(true);
    const range = await failure(b.setPolicy("small_break_max_min", 0));
    expect([range.code, range.params]).toEqual(["validation.out_of_range", { min: "1", max: "120", value: "0" }]);
    expect((await failure(b.setPolicy("coffee_max_min", 5))).params).toEqual({ key: "coffee_max_min" });
    now += 1000;
    const s = await b.setPolicy("small_break_max_min", 15);
    expect([s.value, s.default_value, s.effective_from]).toEqual([15, 10, "2026-05-01T08:30:01.000Z"]);
  });

  test("every write is announced with the store's topics", async () => {
    const b = await supervisor();
    const seen: string[][] = [];
    const off = b.onDataChanged((t) => seen.push(t));
    await b.saveTeam({ id: null, name: "夜班组" });
    await b.setPolicy("meal_max_min", 40);
    await new Promise((r) => setTimeout(r, 5));
    off();
    expect(seen).toEqual([["teams", "agents"], ["settings"]]);
  });

  test("a database that cannot be opened fails every command with its code", async () => {
    const b = new MockBackend({
      demo: true,
      startupError: { code: "db.newer_schema", message: "newer", params: { found: "9", supported: "1" } },
    });
    const e = await failure(b.appStatus());
    expect([e.code, e.params]).toEqual(["db.newer_schema", { found: "9", supported: "1" }]);
    expect((await failure(b.listLoginUsers())).code).toBe("db.newer_schema");
  });
});

describe("live floor (mock)", () => {
  test("the board follows state changes on a simulated clock; alerts are listed by day and acknowledged", async () => {
    const b = await loggedIn(new MockBackend({ demo: true, clockStart: "2026-05-01T02:00:00Z", clockSpeed: 1, floorTickMs: 0 }));
    expect((await b.appStatus()).simulated_clock).toBe(true);
    let board = await b.floorBoard();
    expect(board.agents).toHaveLength(36);
    expect(board.agents[0]).toMatchObject({ employee_no: "1001", seat_code: "A01", seat_x: 0, seat_y: 0 });
    expect(board.line_full).toBe(board.ready_count <= board.line_full_max_idle);

    await b.setAgentState({ employee_no: "1002", state: "small_break", reason: null, effective_at: null });
    b.advanceFloorClock(125);
    board = await b.floorBoard();
    const lina = board.agents.find((a) => a.employee_no === "1002")!;
    expect(lina.now).toMatchObject({ state: "small_break", limit_secs: 600 });
    expect(lina.now.elapsed_secs).toBeGreaterThanOrEqual(125);
    expect((await failure(b.setAgentState({ employee_no: "1002", state: "other", reason: " ", effective_at: null }))).code).toBe("validation.required");

    await b.setLineFull(true);
    expect((await b.floorBoard()).line_full_announced).toBe(true);

    const a = b.injectAlert({ agent: "1002", rule: "break_overrun", shift_date: "2026-05-01" });
    expect((await b.floorBoard()).open_alerts.map((x) => x.id)).toEqual([a.id]);
    await b.acknowledgeAlert(a.id, "ok");
    expect((await b.floorBoard()).open_alerts).toEqual([]);
    expect((await b.listAlerts("2026-05-01"))[0]).toMatchObject({ id: a.id, ack_note: "ok" });
    expect(await b.listAlerts("2026-05-02")).toEqual([]);
  });
});
