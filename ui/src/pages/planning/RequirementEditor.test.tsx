// 人力需求: what the editor shows of a team's stored requirement and what it sends. The agents
// for Erlang C are the fake's answer (the backend computes them); a fake judges nothing.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { BackendError, type CommandApi, type RequirementDay } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import RequirementEditor from "./RequirementEditor";

const TEAMS = [
  { id: 1, name: "售前一组" },
  { id: 2, name: "售前二组" },
];

const zeros = () => new Array<number>(48).fill(0);
/** 08:00–18:00 (slots 16–35) at `n` agents. */
const office = (n: number) => zeros().map((_, i) => (i >= 16 && i < 36 ? n : 0));

function day(kind: string, patch: Partial<RequirementDay> = {}): RequirementDay {
  return { team_id: 2, day_kind: kind, source: "typed", agents: office(3), contacts: null, erlang: null, updated_at: "2026-12-01T02:00:00Z", ...patch };
}

const saturday = day("6", {
  source: "erlang",
  agents: office(4),
  contacts: zeros().map((_, i) => (i >= 16 && i < 36 ? 40 : 0)),
  erlang: { aht_sec: 240, sl_pct: 80, answer_sec: 20, shrinkage_pct: 25 },
});

function open(overrides: Partial<CommandApi> = {}, canEdit = true) {
  const onClose = vi.fn();
  const backend = loggedIn("supervisor", {
    teamRequirement: () => Promise.resolve([day("1"), day("2", { source: "import" }), saturday]),
    putRequirementDay: () => Promise.resolve(null),
    ...overrides,
  });
  const r = renderHandover(<RequirementEditor open teams={TEAMS} initialTeam={2} canEdit={canEdit} onClose={onClose} />, backend, "supervisor");
  return { ...r, onClose };
}

/** The <input> behind a testid (antd puts it on a wrapper or on the input). */
function inputOf(id: string): HTMLInputElement {
  const el = screen.getByTestId(id);
  return (el.tagName === "INPUT" ? el : el.querySelector("input")) as HTMLInputElement;
}

const cell = (row: string, slot: number) => screen.getByTestId(`req-${row}-${slot}`) as HTMLInputElement;

describe("the requirement editor", () => {
  test("loads the page's team and marks each kind of day with its source", async () => {
    const { backend } = open();
    await waitFor(() => expect(cell("agents", 16)).toHaveValue("3"));
    expect(backend.teamRequirement).toHaveBeenCalledWith(2);
    expect(screen.getByTestId("requirement-tab-1")).toHaveTextContent("周一手工");
    expect(screen.getByTestId("requirement-tab-2")).toHaveTextContent("周二导入");
    expect(screen.getByTestId("requirement-tab-6")).toHaveTextContent("周六话务量测算");
    expect(screen.getByTestId("requirement-tab-7")).toHaveTextContent("周日未设");
    expect(screen.getByTestId("requirement-tab-holiday")).toHaveTextContent("节假日未设");
    expect(cell("agents", 15)).toHaveValue("");
    expect(screen.getByTestId("requirement-total")).toHaveTextContent("合计 60 人·半小时，最多 3 人");
    expect(screen.getByTestId("requirement-chart")).toHaveAccessibleName("周一需求：合计 60 人·半小时，最多 3 人（08:00–08:30）");
  });

  test("typing a number and saving sends the day's agents as typed", async () => {
    const { user, backend } = open();
    await waitFor(() => expect(cell("agents", 17)).toHaveValue("3"));
    expect(screen.getByTestId("requirement-save")).toBeDisabled();
    await user.clear(cell("agents", 17));
    await user.type(cell("agents", 17), "5");
    // Enter moves on to the next half hour.
    await user.keyboard("{Enter}");
    expect(cell("agents", 18)).toHaveFocus();
    await user.keyboard("4");
    expect(screen.getByTestId("requirement-unsaved-1")).toBeInTheDocument();
    await user.click(screen.getByTestId("requirement-save"));
    const agents = office(3);
    agents[17] = 5;
    agents[18] = 4;
    await waitFor(() =>
      expect(backend.putRequirementDay).toHaveBeenCalledWith({ team_id: 2, day_kind: "1", source: "typed", agents, contacts: null, erlang: null, updated_at: null }),
    );
    expect(backend.putRequirementDay).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId("requirement-unsaved-1")).not.toBeInTheDocument());
  });

  test("copy to other kinds, then one save stores each changed kind", async () => {
    const { user, backend } = open();
    await waitFor(() => expect(cell("agents", 16)).toHaveValue("3"));
    await user.click(screen.getByTestId("requirement-copy"));
    await user.click(await screen.findByTestId("requirement-copy-7"));
    await user.click(screen.getByTestId("requirement-copy-holiday"));
    await user.click(screen.getByTestId("requirement-copy-ok"));
    expect(await screen.findByTestId("requirement-unsaved-7")).toBeInTheDocument();
    expect(screen.getByTestId("requirement-save")).toHaveTextContent("保存（2 天）");
    await user.click(screen.getByTestId("requirement-save"));
    await waitFor(() => expect(backend.putRequirementDay).toHaveBeenCalledTimes(2));
    expect(backend.putRequirementDay).toHaveBeenCalledWith(expect.objectContaining({ day_kind: "7", source: "typed", agents: office(3) }));
    expect(backend.putRequirementDay).toHaveBeenCalledWith(expect.objectContaining({ day_kind: "holiday", source: "typed", agents: office(3) }));
  });

  test("a column pasted from Excel fills the day from 00:00", async () => {
    const { user } = open();
    await waitFor(() => expect(cell("agents", 16)).toHaveValue("3"));
    await user.click(screen.getByTestId("requirement-tab-7"));
    await user.click(cell("agents", 30));
    await user.paste(Array.from({ length: 48 }, (_, i) => String(i % 5)).join("\r\n") + "\r\n");
    expect(cell("agents", 0)).toHaveValue("");
    expect(cell("agents", 4)).toHaveValue("4");
    expect(cell("agents", 47)).toHaveValue("2");
    // Something not a number is refused, naming it.
    await user.click(cell("agents", 3));
    await user.paste("1\n2\nabc\n");
    expect(await screen.findByText("粘贴的内容不全是数字：“abc”")).toBeInTheDocument();
    expect(cell("agents", 3)).toHaveValue("3");
  });

  test("Erlang C: the contacts and inputs are sent, the agents shown, and saving keeps all three", async () => {
    const answer = zeros().map((_, i) => (i === 20 ? 7 : i === 21 ? 6 : 0));
    const { user, backend } = open({ erlangRequirement: () => Promise.resolve(answer) });
    await waitFor(() => expect(cell("agents", 16)).toHaveValue("3"));
    await user.click(screen.getByTestId("requirement-tab-7"));
    await user.click(screen.getByText("话务量测算（Erlang C）"));
    await user.type(cell("contacts", 20), "60");
    await user.keyboard("{ArrowRight}");
    await user.keyboard("50");
    // A new Erlang day starts from the inputs the team's Saturday uses.
    expect(inputOf("erlang-aht")).toHaveValue("240");
    await user.clear(inputOf("erlang-aht"));
    await user.type(inputOf("erlang-aht"), "180");
    await user.clear(inputOf("erlang-shrinkage"));
    await user.type(inputOf("erlang-shrinkage"), "30");
    await user.click(screen.getByTestId("erlang-compute"));
    const contacts = zeros();
    contacts[20] = 60;
    contacts[21] = 50;
    const inputs = { aht_sec: 180, sl_pct: 80, answer_sec: 20, shrinkage_pct: 30 };
    await waitFor(() => expect(backend.erlangRequirement).toHaveBeenCalledWith(contacts, inputs));
    await waitFor(() => expect(screen.getByTestId("req-computed-20")).toHaveTextContent("7"));
    expect(screen.getByTestId("req-computed-21")).toHaveTextContent("6");
    expect(screen.queryByTestId("requirement-stale")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("requirement-save"));
    await waitFor(() =>
      expect(backend.putRequirementDay).toHaveBeenCalledWith({ team_id: 2, day_kind: "7", source: "erlang", agents: answer, contacts, erlang: inputs, updated_at: null }),
    );
  });

  test("Erlang C: a change after 计算 must be computed again before saving", async () => {
    const { user, backend } = open({ erlangRequirement: () => Promise.resolve(office(4)) });
    await user.click(await screen.findByTestId("requirement-tab-6"));
    await user.clear(cell("contacts", 16));
    await user.type(cell("contacts", 16), "80");
    expect(screen.getByTestId("requirement-stale")).toBeInTheDocument();
    await user.click(screen.getByTestId("requirement-save"));
    expect(await screen.findByTestId("requirement-error")).toHaveTextContent("周六：话务量或参数改过了，请先计算再保存");
    expect(backend.putRequirementDay).not.toHaveBeenCalled();
  });

  test("reopening an Erlang day shows its contacts and inputs", async () => {
    const { user } = open();
    await user.click(await screen.findByTestId("requirement-tab-6"));
    expect(cell("contacts", 16)).toHaveValue("40");
    expect(screen.getByTestId("req-computed-16")).toHaveTextContent("4");
    expect(inputOf("erlang-aht")).toHaveValue("240");
    expect(inputOf("erlang-sl")).toHaveValue("80");
    expect(inputOf("erlang-answer")).toHaveValue("20");
    expect(inputOf("erlang-shrinkage")).toHaveValue("25");
    expect(screen.getByTestId("requirement-save")).toBeDisabled();
  });

  test("Erlang C's inputs are checked before anything is sent", async () => {
    const { user, backend } = open({ erlangRequirement: () => Promise.resolve(zeros()) });
    await user.click(await screen.findByTestId("requirement-tab-7"));
    await user.click(screen.getByText("话务量测算（Erlang C）"));
    await user.type(cell("contacts", 20), "60");
    await user.clear(inputOf("erlang-aht"));
    await user.click(screen.getByTestId("erlang-compute"));
    expect(await screen.findByText("请填写大于 0 的秒数")).toBeInTheDocument();
    await user.type(inputOf("erlang-aht"), "180");
    await user.clear(inputOf("erlang-sl"));
    await user.type(inputOf("erlang-sl"), "100");
    await user.clear(inputOf("erlang-shrinkage"));
    await user.type(inputOf("erlang-shrinkage"), "95");
    await user.click(screen.getByTestId("erlang-compute"));
    expect(await screen.findByText("服务水平填 1–99")).toBeInTheDocument();
    expect(screen.getByText("损耗率填 0–90")).toBeInTheDocument();
    expect(backend.erlangRequirement).not.toHaveBeenCalled();
  });

  test("the backend's refusal is shown in the user's words", async () => {
    const { user } = open({
      putRequirementDay: () => Promise.reject(new BackendError("auth.forbidden", "a team lead plans their own team's roster only")),
    });
    await waitFor(() => expect(cell("agents", 16)).toHaveValue("3"));
    await user.type(cell("agents", 10), "2");
    await user.click(screen.getByTestId("requirement-save"));
    expect(await screen.findByTestId("requirement-error")).toHaveTextContent("您没有权限执行此操作");
    // Still unsaved.
    expect(screen.getByTestId("requirement-unsaved-1")).toBeInTheDocument();
  });

  test("closing with unsaved changes asks first", async () => {
    const { user, onClose } = open();
    await waitFor(() => expect(cell("agents", 16)).toHaveValue("3"));
    await user.click(screen.getByTestId("requirement-clear"));
    await user.click(screen.getByTestId("requirement-close"));
    const dialog = (await screen.findByText("放弃未保存的修改？", { selector: ".ant-modal-confirm-title" })).closest(".ant-modal") as HTMLElement;
    expect(within(dialog).getByText("周一 的修改还没有保存。")).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    await user.click(within(dialog).getByTestId("requirement-discard"));
    expect(onClose).toHaveBeenCalled();
  });

  test("without edit_roster the requirement is read only", async () => {
    open({}, false);
    await waitFor(() => expect(screen.getByTestId("req-agents-16")).toHaveTextContent("3"));
    expect(screen.queryByTestId("requirement-save")).not.toBeInTheDocument();
    expect(screen.queryByTestId("requirement-copy")).not.toBeInTheDocument();
    expect(screen.getByText("只读：您没有编辑排班的权限")).toBeInTheDocument();
  });
});
