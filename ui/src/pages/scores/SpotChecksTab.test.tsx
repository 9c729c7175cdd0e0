// 质检: each team's checks against the minimum as the backend counts them (a team below flagged),
// the month's checks (a voided one struck through with its reason), recording a check that sends
// every item's score in hundredths, the backend's refusal in its words, voiding with a reason, and
// a lead (no manage_scores) offered no writes. The fakes answer; they count and judge nothing.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type CommandApi, type QaForm, type Role, type SpotCheck, type SpotCheckInput, type TeamSpotChecks } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import type { User } from "../../test/utils";
import { renderHandover as renderInApp } from "../handover/renderHandover";
import { samplePeople } from "./adminSamples";
import SpotChecksTab from "./SpotChecksTab";

const FORM: QaForm = {
  id: 7,
  name: "客服质检表",
  active: true,
  max_points: 100,
  items: [
    { id: 71, name: "服务态度", max_points: 40, standard: "礼貌用语，耐心解答" },
    { id: 72, name: "业务准确", max_points: 40, standard: "信息准确无误" },
    { id: 73, name: "响应及时", max_points: 20, standard: "30 秒内回复" },
  ],
};

function check(c: Partial<SpotCheck> & Pick<SpotCheck, "id" | "employee_no" | "name">): SpotCheck {
  return {
    form_id: 7,
    form_name: "客服质检表",
    team_id: 1,
    team_name: "售前一组",
    date: "2026-11-03",
    sample: "DD20261103001",
    note: null,
    points: 9250,
    max_points: 100,
    percent: 92.5,
    scores: [
      [71, 3800],
      [72, 3650],
      [73, 1800],
    ],
    checked_at: "2026-11-04T02:00:00Z",
    checked_by_name: "沈丽华",
    voided_at: null,
    void_reason: null,
    ...c,
  };
}

function sampleChecks(): SpotCheck[] {
  return [
    check({ id: 11, employee_no: "1002", name: "李娜" }),
    check({ id: 12, employee_no: "1003", name: "张伟", sample: "CALL-889", points: 8000, percent: 80 }),
    check({ id: 13, employee_no: "1014", name: "朱琳", team_id: 2, team_name: "售前二组", voided_at: "2026-11-05T02:00:00Z", void_reason: "抽错了订单" }),
  ];
}

function sampleCoverage(): TeamSpotChecks[] {
  return [
    { team_id: 1, team_name: "售前一组", checks: 2, required: 2, below: false, in_progress: false },
    { team_id: 2, team_name: "售前二组", checks: 0, required: 2, below: true, in_progress: false },
  ];
}

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    qaForms: () => Promise.resolve([FORM]),
    spotChecks: () => Promise.resolve(sampleChecks()),
    spotCheckCoverage: () => Promise.resolve(sampleCoverage()),
    scorePeople: () => Promise.resolve(samplePeople()),
    ...overrides,
  });
  const r = renderInApp(<SpotChecksTab />, backend, role);
  await screen.findByTestId("spot-row-11");
  await screen.findByTestId("spot-team-1");
  return r;
}

async function chooseAgent(user: User, query: string, label: string) {
  const input = within(screen.getByTestId("spot-form")).getAllByRole("combobox")[0];
  await user.click(input);
  await user.type(input, query);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${label}"]`)].filter(
      (o) => !o.closest(".ant-select-dropdown-hidden"),
    );
    expect(found.length).toBeGreaterThan(0);
    return found[0];
  });
  await user.click(option);
}

describe("spot checks tab", () => {
  test("the team strip: a team at its minimum green, one below it flagged red", async () => {
    const { backend } = await open();
    const month = backend.spotChecks.mock.calls[0][0];
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    expect(backend.spotCheckCoverage).toHaveBeenCalledWith(month);

    const ok = screen.getByTestId("spot-team-1");
    expect(ok).toHaveTextContent("售前一组 已抽查 2/2");
    expect(ok).toHaveAttribute("data-below", "false");
    expect(ok.className).toMatch(/success/);

    const below = screen.getByTestId("spot-team-2");
    expect(below).toHaveTextContent("售前二组 0/2");
    expect(below).toHaveAttribute("data-below", "true");
    expect(below.className).toMatch(/error/);
    expect(below.querySelector(".anticon-flag")).not.toBeNull();
    expect(screen.getByTestId("spot-below-count")).toHaveTextContent("1 个班组未达到本月抽查次数");
    expect(screen.getByTestId("spot-rule")).toHaveTextContent("每月对每个店（班组）抽查 2 次或以上");
  });

  test("the month's checks: score as points of the maximum and percent; a voided one struck through with its reason", async () => {
    await open();
    const row = screen.getByTestId("spot-row-11");
    expect(row).toHaveTextContent("1002");
    expect(row).toHaveTextContent("李娜");
    expect(row).toHaveTextContent("售前一组");
    expect(row).toHaveTextContent("DD20261103001");
    expect(screen.getByTestId("spot-score-11")).toHaveTextContent("92.5 / 100");
    expect(screen.getByTestId("spot-score-11")).toHaveTextContent("92.5%");
    expect(row).toHaveTextContent("沈丽华");
    expect(row.querySelector("s")).toBeNull();

    const voided = screen.getByTestId("spot-row-13");
    expect(voided.querySelectorAll("s").length).toBeGreaterThan(0);
    expect(screen.getByTestId("spot-voided-13")).toHaveTextContent("已作废：抽错了订单");
    expect(screen.queryByTestId("spot-void-13")).not.toBeInTheDocument();
    expect(screen.getByTestId("spot-summary")).toHaveTextContent("本月 2 次质检（另有 1 次已作废）");
  });

  test("a new check sends every item's score in hundredths, with the agent's 工号, the sample and the note", async () => {
    const saved = (input: SpotCheckInput) =>
      Promise.resolve(check({ id: 20, employee_no: input.employee_no, name: "张伟", date: input.date, sample: input.sample, points: 8875 }));
    const { user, backend } = await open("supervisor", { recordSpotCheck: saved });
    await user.click(screen.getByTestId("spot-new"));
    const form = await screen.findByTestId("spot-form");
    expect(form).toHaveTextContent("礼貌用语，耐心解答");
    expect(form).toHaveTextContent("满分 40");

    await chooseAgent(user, "1003", "1003 张伟");
    await user.type(within(form).getByTestId("spot-sample"), "  DD20261104009 ");
    await user.type(within(form).getByTestId("spot-item-71"), "35.5");
    await user.type(within(form).getByTestId("spot-item-72"), "36.25");
    await user.type(within(form).getByTestId("spot-item-73"), "17");
    await waitFor(() => expect(screen.getByTestId("spot-total")).toHaveTextContent("88.75 / 100 分（88.75%）"));
    await user.type(within(form).getByTestId("spot-note"), "开场白不规范");
    await user.click(screen.getByTestId("spot-save"));

    await waitFor(() => expect(backend.recordSpotCheck).toHaveBeenCalledTimes(1));
    const input = backend.recordSpotCheck.mock.calls[0][0];
    expect(input).toEqual({
      form_id: 7,
      employee_no: "1003",
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      sample: "DD20261104009",
      note: "开场白不规范",
      scores: [
        [71, 3550],
        [72, 3625],
        [73, 1700],
      ],
    });
    await waitFor(() => expect(screen.queryByTestId("spot-form")).not.toBeInTheDocument());
    // The month and the strip are read again for what the backend now says.
    await waitFor(() => expect(backend.spotCheckCoverage.mock.calls.length).toBeGreaterThan(1));
  });

  test("every item must be scored before anything is sent; 全部满分 fills each item's maximum", async () => {
    const { user, backend } = await open("supervisor", {
      recordSpotCheck: (input) => Promise.resolve(check({ id: 21, employee_no: input.employee_no, name: "李娜" })),
    });
    await user.click(screen.getByTestId("spot-new"));
    const form = await screen.findByTestId("spot-form");
    await chooseAgent(user, "李娜", "1002 李娜");
    await user.type(within(form).getByTestId("spot-sample"), "CALL-1");
    await user.type(within(form).getByTestId("spot-item-71"), "40");
    await user.click(screen.getByTestId("spot-save"));
    expect(await within(form).findByText("请为 业务准确 打分")).toBeInTheDocument();
    expect(backend.recordSpotCheck).not.toHaveBeenCalled();

    await user.click(within(form).getByTestId("spot-all-max"));
    await waitFor(() => expect(screen.getByTestId("spot-total")).toHaveTextContent("100 / 100 分（100%）"));
    await user.click(screen.getByTestId("spot-save"));
    await waitFor(() => expect(backend.recordSpotCheck).toHaveBeenCalledTimes(1));
    expect(backend.recordSpotCheck.mock.calls[0][0].scores).toEqual([
      [71, 4000],
      [72, 4000],
      [73, 2000],
    ]);
  });

  test("the backend's refusal shows in the dialog in its words, and the dialog stays open", async () => {
    const { user } = await open("supervisor", {
      recordSpotCheck: () => Promise.reject(new BackendError("scores.out_of_range", "out of range", { item: "响应及时", max: "20", value: "20.5" })),
    });
    await user.click(screen.getByTestId("spot-new"));
    const form = await screen.findByTestId("spot-form");
    await chooseAgent(user, "1003", "1003 张伟");
    await user.type(within(form).getByTestId("spot-sample"), "CALL-2");
    await user.click(within(form).getByTestId("spot-all-max"));
    await user.click(screen.getByTestId("spot-save"));
    expect(await screen.findByTestId("spot-form-error")).toHaveTextContent("响应及时 的得分须在 0 到 20 分之间");
    expect(screen.getByTestId("spot-form")).toBeInTheDocument();
  });

  test("作废 asks for a reason and sends it", async () => {
    const { user, backend } = await open("supervisor", {
      voidSpotCheck: (id, reason) => Promise.resolve(check({ id, employee_no: "1003", name: "张伟", voided_at: "2026-11-06T02:00:00Z", void_reason: reason })),
    });
    await user.click(screen.getByTestId("spot-void-12"));
    const dialog = await screen.findByTestId("spot-void");
    expect(screen.getByTestId("spot-void-ok")).toBeDisabled();
    await user.type(within(dialog).getByTestId("spot-void-reason"), "样本重复");
    await user.click(screen.getByTestId("spot-void-ok"));
    await waitFor(() => expect(backend.voidSpotCheck).toHaveBeenCalledWith(12, "样本重复"));
    await waitFor(() => expect(screen.queryByTestId("spot-void")).not.toBeInTheDocument());
  });

  test("a lead (no manage_scores) sees the checks and the strip but records and voids nothing", async () => {
    const { backend } = await open("team_lead");
    expect(screen.queryByTestId("spot-new")).not.toBeInTheDocument();
    expect(screen.queryByTestId("spot-void-11")).not.toBeInTheDocument();
    expect(screen.getByTestId("spot-team-2")).toHaveAttribute("data-below", "true");
    expect(backend.scorePeople).not.toHaveBeenCalled();
  });
});
