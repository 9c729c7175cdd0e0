import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type PolicySetting } from "../backend";
import { setLanguage } from "../i18n";
import { fixtures } from "../test/fixtures";
import { loggedIn, type FakeBackend } from "../test/fakeBackend";
import { pickOption, renderApp } from "../test/utils";

// These tests start on Settings (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/settings";
});

async function openPolicy(backend: FakeBackend = loggedIn("supervisor")) {
  const r = renderApp(backend);
  await screen.findByTestId("settings-site-name");
  await r.user.click(screen.getByRole("tab", { name: /规则参数|Rules/ }));
  await screen.findByTestId("policy-area-live_floor");
  return r;
}

/** The area sections on screen, in order. */
const areasShown = () =>
  screen
    .queryAllByTestId(/^policy-area-[a-z_]+$/)
    .map((el) => el.getAttribute("data-testid")!.replace("policy-area-", ""));

/** The settings (keys) listed in `area`'s section, in order. */
const keysIn = (area: string) =>
  within(screen.getByTestId(`policy-area-${area}`))
    .queryAllByTestId(/^policy-save-/)
    .map((el) => el.getAttribute("data-testid")!.replace("policy-save-", ""));

const keysOf = (area: string) =>
  fixtures
    .policy()
    .filter((p) => p.area === area)
    .map((p) => p.key);

/** A backend whose policy keeps what `setPolicy` writes (a read after a save sees it). */
function savingBackend() {
  const store = fixtures.policy();
  return loggedIn("supervisor", {
    listPolicy: () => Promise.resolve(structuredClone(store)),
    setPolicy: (key, value) => {
      const p = store.find((s) => s.key === key)!;
      p.value = value;
      p.effective_from = "2026-05-01T08:30:00Z";
      return Promise.resolve({ ...p } as PolicySetting);
    },
  });
}

describe("settings: site", () => {
  test("shows the site's usual channel and saves the one chosen with the name and time zone", async () => {
    const backend = loggedIn("supervisor", {
      updateSite: (input) => Promise.resolve({ ...fixtures.site(), name: input.name, time_zone: input.time_zone, channel: input.channel ?? "phone" }),
    });
    const { user } = renderApp(backend);
    expect(await screen.findByTestId("settings-site-name")).toHaveValue("演示客服中心");
    expect(screen.getByText("坐席主要渠道")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("radio", { name: "电话" })).toBeChecked());
    await user.click(screen.getByRole("radio", { name: "在线（千牛、抖店等）" }));
    await user.click(screen.getByTestId("settings-site-save"));
    await waitFor(() =>
      expect(backend.updateSite).toHaveBeenCalledWith({ name: "演示客服中心", time_zone: "Asia/Shanghai", channel: "chat" }),
    );
    expect(await screen.findByText("站点信息已保存")).toBeInTheDocument();
  });
});

describe("settings: policy", () => {
  test("the settings are grouped by area, in order, each with its heading and count", async () => {
    await openPolicy();
    expect(areasShown()).toEqual(["live_floor", "rosters", "handover", "incidents", "scores", "commission"]);
    const titles = ["现场监控", "排班", "交接班", "违规与奖惩", "绩效考核", "提成与薪酬"];
    areasShown().forEach((area, i) => {
      expect(screen.getByTestId(`policy-area-title-${area}`)).toHaveTextContent(titles[i]);
      expect(screen.getByTestId(`policy-area-count-${area}`)).toHaveTextContent(String(keysOf(area).length));
      expect(keysIn(area)).toEqual(keysOf(area));
    });
    expect(screen.getByTestId("policy-count")).toHaveTextContent(`共 ${fixtures.policy().length} 项`);

    const live = screen.getByTestId("policy-area-live_floor");
    expect(within(live).getByText("单次小休上限")).toBeInTheDocument();
    expect(within(live).getByTestId("policy-input-small_break_max_min")).toHaveValue("10");
    // Money in yuan; the weekday by name.
    const scores = screen.getByTestId("policy-area-scores");
    expect(within(scores).getByTestId("policy-input-quarter_reward_first_fen")).toHaveValue("300.00");
    const weekly = within(screen.getByTestId("policy-area-incidents")).getByTestId("policy-save-weekly_report_due_weekday").closest("tr")!;
    expect(weekly).toHaveTextContent("星期二");
  });

  test("English area names", async () => {
    setLanguage("en", false);
    await openPolicy();
    expect(screen.getByTestId("policy-area-title-live_floor")).toHaveTextContent("Live floor");
    expect(screen.getByTestId("policy-area-title-rosters")).toHaveTextContent("Rosters");
    expect(screen.getByTestId("policy-area-title-incidents")).toHaveTextContent("Incidents and penalties");
    expect(screen.getByTestId("policy-area-title-scores")).toHaveTextContent("Performance scores");
    expect(screen.getByTestId("policy-area-title-commission")).toHaveTextContent("Commission and pay");
    expect(within(screen.getByTestId("policy-area-live_floor")).getByText("Longest small break")).toBeInTheDocument();
  });

  test("search narrows to matching settings by either label or key, any case, and hides empty areas", async () => {
    const { user } = await openPolicy();
    const search = screen.getByTestId("policy-search");

    // The English label and the key ("Longest small break", "small_break_…"), any case.
    await user.type(search, "BREAK");
    await waitFor(() => expect(areasShown()).toEqual(["live_floor"]));
    expect(keysIn("live_floor")).toEqual(["small_break_max_min", "small_break_total_max_min"]);
    expect(screen.getByTestId("policy-area-count-live_floor")).toHaveTextContent("2 / 8");
    expect(screen.getByTestId("policy-count")).toHaveTextContent(`匹配 2 / ${fixtures.policy().length} 项`);

    // The Chinese label.
    await user.clear(search);
    await user.type(search, "权重");
    await waitFor(() => expect(areasShown()).toEqual(["scores"]));
    expect(keysIn("scores")).toEqual(["score_weight_self_pct", "score_weight_superior_pct", "score_weight_peer_pct"]);

    // A key only ("_days" is in no label), across areas.
    await user.clear(search);
    await user.type(search, "_days");
    await waitFor(() => expect(areasShown()).toEqual(["rosters", "incidents", "scores", "commission"]));
    expect(keysIn("rosters")).toEqual(["max_consecutive_work_days", "rest_days_per_month"]);
    expect(keysIn("incidents")).toEqual(["complaint_reassign_days", "complaint_visit_days", "appeal_days"]);
    expect(keysIn("scores")).toEqual(["assessment_window_days", "improvement_plan_due_days"]);
    expect(keysIn("commission")).toEqual(["order_attribution_days"]);

    await user.clear(search);
    await user.type(search, "没有这一项");
    expect(await screen.findByTestId("policy-empty")).toHaveTextContent("没有与“没有这一项”匹配的参数");
    expect(areasShown()).toEqual([]);

    await user.clear(search);
    await waitFor(() => expect(areasShown()).toEqual(["live_floor", "rosters", "handover", "incidents", "scores", "commission"]));
    expect(screen.queryByTestId("policy-empty")).toBeNull();
  });

  test("saving sends the key and the value, money in fen, and shows what the backend then reads", async () => {
    const backend = savingBackend();
    const { user } = await openPolicy(backend);
    const reads = backend.listPolicy.mock.calls.length;

    const input = screen.getByTestId("policy-input-quarter_reward_first_fen");
    expect(screen.getByTestId("policy-save-quarter_reward_first_fen")).toBeDisabled();
    await user.clear(input);
    await user.type(input, "350.5");
    await user.click(screen.getByTestId("policy-save-quarter_reward_first_fen"));
    await waitFor(() => expect(backend.setPolicy).toHaveBeenCalledWith("quarter_reward_first_fen", 35050));
    expect(await screen.findByText("已保存“季度第一名奖励”")).toBeInTheDocument();
    await waitFor(() => expect(backend.listPolicy.mock.calls.length).toBeGreaterThan(reads));
    await waitFor(() => expect(screen.getByTestId("policy-input-quarter_reward_first_fen")).toHaveValue("350.50"));
    await waitFor(() => expect(screen.getByTestId("policy-save-quarter_reward_first_fen")).toBeDisabled());
    // The new value is in force from the moment it was saved (16:30 in Asia/Shanghai).
    const row = screen.getByTestId("policy-save-quarter_reward_first_fen").closest("tr")!;
    expect(row).toHaveTextContent("16:30");

    // A whole-number setting, found by search, and the weekday select.
    await user.type(screen.getByTestId("policy-search"), "small_break_max");
    const minutes = await screen.findByTestId("policy-input-small_break_max_min");
    await user.clear(minutes);
    await user.type(minutes, "15");
    await user.click(screen.getByTestId("policy-save-small_break_max_min"));
    await waitFor(() => expect(backend.setPolicy).toHaveBeenLastCalledWith("small_break_max_min", 15));

    await user.clear(screen.getByTestId("policy-search"));
    await pickOption(user, "policy-input-weekly_report_due_weekday", "星期五");
    await user.click(screen.getByTestId("policy-save-weekly_report_due_weekday"));
    await waitFor(() => expect(backend.setPolicy).toHaveBeenLastCalledWith("weekly_report_due_weekday", 5));
    expect(backend.setPolicy).toHaveBeenCalledTimes(3);
  });

  test("the backend's refusal shows translated, and the typed value stays to correct", async () => {
    const backend = loggedIn("supervisor", {
      setPolicy: () =>
        Promise.reject(new BackendError("validation.out_of_range", "value 500 out of range 1..=120", { min: "1", max: "120", value: "500" })),
    });
    const { user } = await openPolicy(backend);
    const input = screen.getByTestId("policy-input-small_break_max_min");
    await user.clear(input);
    await user.type(input, "15");
    await user.click(screen.getByTestId("policy-save-small_break_max_min"));
    expect(await screen.findByText("取值须在 1 到 120 之间（输入的是 500）")).toBeInTheDocument();
    expect(backend.setPolicy).toHaveBeenCalledWith("small_break_max_min", 15);
    expect(screen.getByTestId("policy-input-small_break_max_min")).toHaveValue("15");
    expect(screen.getByTestId("policy-save-small_break_max_min")).toBeEnabled();
  });
});
