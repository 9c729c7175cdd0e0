// The 交接班 page over a fake backend: the shift list and the log's header come from the views as
// the backend sends them (testViews.ts), the blockers and refusals read in the backend's words,
// and what shows depends on the operator's permissions. The clock is the fixtures' 15:50.
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackendError, type HandoverDay, type LogKey } from "../../backend";
import { pickOption } from "../../test/utils";
import { handoverBackend, openHandover } from "./renderHandover";
import { HANDOVER_DATE, HANDOVER_NOW, handoverDayView, keyD, keyN, logFor, openLogView, signedLogView } from "./testViews";

// Only Date is faked: timers stay real for the query client and antd.
function atSiteTime(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(iso) });
}

beforeEach(() => atSiteTime(HANDOVER_NOW));
afterEach(() => vi.useRealTimers());

const signedRefusal = () =>
  new BackendError("handover.signed", "2026-11-23 售前一组 白班 D is signed: it cannot be changed; add an addendum", {
    date: HANDOVER_DATE,
    team: "售前一组",
    shift: "白班 D",
  });

describe("handover page", () => {
  test("lists the day's shifts and opens on the one running now, its header from the view", async () => {
    const { backend } = await openHandover(handoverBackend());
    expect(backend.handoverDay).toHaveBeenCalledWith(HANDOVER_DATE, null);
    expect(backend.handoverLog).toHaveBeenCalledWith(keyD);

    const d = screen.getByTestId("handover-shift-D");
    expect(d).toHaveTextContent("白班 D");
    expect(d).toHaveTextContent("08:30–16:00");
    expect(d).toHaveTextContent("进行中");
    expect(d).toHaveTextContent("王静 · 班长");
    expect(d).toHaveTextContent("未结 3");
    expect(d).toHaveTextContent("提醒 1");
    expect(d).toHaveAttribute("aria-current", "true");
    expect(screen.getByTestId("handover-shift-M")).toHaveTextContent("主管代签");
    const n = screen.getByTestId("handover-shift-N");
    expect(n).toHaveTextContent("16:00–23:30");
    expect(n).toHaveTextContent("未开始");
    expect(n).toHaveTextContent("赵敏 · 主管指定");

    expect(screen.getByTestId("handover-log-title")).toHaveTextContent("2026-11-23 售前一组 白班 D 08:30–16:00 → 接班：晚班 N 16:00–23:30（当面交接）");
    expect(screen.getByTestId("handover-lead-outgoing")).toHaveTextContent("交班班长 王静 班长");
    expect(screen.getByTestId("handover-lead-incoming")).toHaveTextContent("接班班长 赵敏 主管指定");
    expect(screen.getByTestId("handover-log-status")).toHaveTextContent("进行中");
    expect(screen.getByTestId("handover-blockers")).toHaveTextContent(
      "接班客服尚未上线：赵敏、黄磊、周婷、孙悦。须确定接班客服已上线后再交班，或由主管特批并说明原因",
    );
    expect(screen.getByTestId("handover-sign-open")).toBeInTheDocument();
    expect(screen.queryByTestId("handover-receive-open")).not.toBeInTheDocument();
    expect(screen.queryByTestId("handover-open")).not.toBeInTheDocument();
    expect(screen.getByTestId("handover-keys")).toHaveTextContent("Alt+R 点名");
    // The roll call as read: a late agent with the seat assigned for the shift, one not in yet.
    expect(screen.getByTestId("rollcall-row-1002")).toHaveTextContent("迟到");
    expect(screen.getByTestId("rollcall-row-1002")).toHaveTextContent("A13");
    expect(screen.getByTestId("rollcall-status-1004")).toHaveTextContent("未到");
    expect(screen.getByTestId("rollcall-row-1001")).toHaveTextContent("固定台席 A01");
  });

  test("an open log whose shift has ended by the backend's clock reads 待签字", async () => {
    // The machine says 15:50; the backend's (simulated) clock says 16:10, and that is what counts.
    const at1610 = () => Promise.resolve({ ...handoverDayView(), now: "2026-11-23T08:10:00Z" });
    await openHandover(handoverBackend("supervisor", { handoverDay: at1610 }));
    // 16:10: D has ended (still unsigned); M (till 18:00) is the first shift still running.
    expect(screen.getByTestId("handover-shift-D")).toHaveTextContent("待签字");
    expect(screen.getByTestId("handover-shift-M")).toHaveAttribute("aria-current", "true");
    expect(screen.getByTestId("handover-shift-N")).toHaveTextContent("未开始");
  });

  test("a floor write (someone of the incoming shift signs in on the board) reads the log again: the blocker goes", async () => {
    let signedIn = false;
    const view = (key: LogKey) =>
      Promise.resolve(
        logFor(key, () => {
          const v = openLogView();
          return signedIn ? { ...v, blockers: [], incoming: v.incoming && { ...v.incoming, signed_in: [{ employee_no: "1007", name: "赵敏" }] } } : v;
        }),
      );
    const { backend } = await openHandover(handoverBackend("supervisor", { handoverLog: view }));
    expect(screen.getByTestId("handover-blockers")).toHaveTextContent("接班客服尚未上线");
    const reads = { log: backend.handoverLog.mock.calls.length, day: backend.handoverDay.mock.calls.length };
    signedIn = true;
    backend.emitDataChanged(["floor"]);
    await waitFor(() => expect(screen.queryByTestId("handover-blockers")).not.toBeInTheDocument());
    expect(backend.handoverLog.mock.calls.length).toBeGreaterThan(reads.log);
    // The shift cards (their 交接班长 depends on who is here) are read again too.
    await waitFor(() => expect(backend.handoverDay.mock.calls.length).toBeGreaterThan(reads.day));
  });

  test("a shift not opened shows the floor's reading; 开始点名 opens its log", async () => {
    const opened = { ...logFor(keyN), log_id: 44, status: "open" as const };
    const { user, backend } = await openHandover(handoverBackend("supervisor", { openHandoverLog: () => Promise.resolve(opened) }));
    await user.click(screen.getByTestId("handover-shift-N"));
    await waitFor(() => expect(screen.getByTestId("handover-log-title")).toHaveTextContent("2026-11-23 售前一组 晚班 N 16:00–23:30 → 排班表中暂无接班班次"));
    expect(screen.getByTestId("handover-log-status")).toHaveTextContent("未开始");
    expect(screen.getByTestId("handover-rollcall-preview")).toHaveTextContent("尚未开始点名");
    expect(screen.queryByTestId("rollcall-edit-1007")).not.toBeInTheDocument();
    expect(screen.queryByTestId("handover-sign-open")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("handover-open"));
    expect(backend.openHandoverLog).toHaveBeenCalledWith(keyN);
    // The log the backend opened replaces the preview at once.
    await waitFor(() => expect(screen.getByTestId("handover-log-status")).toHaveTextContent("进行中"));
    expect(screen.getByTestId("rollcall-edit-1007")).toBeInTheDocument();
  });

  test("a signed log: its signatures and addenda, and an edit refused in the backend's words, then an addendum", async () => {
    const { user, backend } = await openHandover(
      handoverBackend("supervisor", {
        handoverLog: (key) => Promise.resolve(logFor(key, signedLogView)),
        correctRollCall: () => Promise.reject(signedRefusal()),
        addHandoverAddendum: () => Promise.resolve(6),
      }),
    );
    expect(screen.getByTestId("handover-log-status")).toHaveTextContent("已签字");
    expect(screen.getByTestId("handover-signature-outgoing")).toHaveTextContent("交班班长：王静（1001） 班长 2026-11-23 16:04 当面交接 校验码 3f2a9c01b7e4");
    expect(screen.getByTestId("handover-signature-incoming")).toHaveTextContent("接班班长：赵敏（1007） 主管指定 2026-11-23 16:04 当面交接 校验码 8d11e0a2c5b9");
    expect(screen.getByTestId("handover-addendum-5")).toHaveTextContent("2026-11-23 17:10 · 王静（1001） · 校验码 a1b2c3d4e5f6");
    expect(screen.queryByTestId("handover-sign-open")).not.toBeInTheDocument();
    expect(screen.queryByTestId("handover-blockers")).not.toBeInTheDocument();

    // The page does not judge the signed log: the correction is sent, the refusal shown.
    await user.keyboard("{Alt>}r{/Alt}");
    expect(screen.getByTestId("handover-rollcall")).toHaveFocus();
    await user.keyboard("s{Enter}");
    const refused = await screen.findByTestId("handover-refused");
    expect(backend.correctRollCall).toHaveBeenCalledTimes(1);
    expect(refused).toHaveTextContent("2026-11-23 售前一组 白班 D 的交接记录已签字，不能再修改；如需补充，请添加补充说明");

    await user.click(within(refused).getByTestId("handover-refused-addendum"));
    const input = screen.getByTestId("handover-addendum-input");
    await waitFor(() => expect(input).toHaveFocus());
    await user.type(input, "补充：1004 14:00 后调去售后组支援");
    await user.click(screen.getByTestId("handover-addendum-add"));
    expect(backend.addHandoverAddendum).toHaveBeenCalledWith(41, "补充：1004 14:00 后调去售后组支援");
  });

  test("a refusal to a log the page still shows open offers the addendum the backend asks for", async () => {
    const { user } = await openHandover(handoverBackend("supervisor", { assignShiftSeat: () => Promise.reject(signedRefusal()) }));
    expect(screen.queryByTestId("handover-addendum-input")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("rollcall-edit-1003"));
    await user.type(screen.getByTestId("rollcall-seat-input"), "A20{Enter}");
    await user.click(within(await screen.findByTestId("handover-refused")).getByTestId("handover-refused-addendum"));
    expect(screen.getByTestId("handover-addendum-input")).toBeInTheDocument();
  });

  test("Alt+N, Alt+L, Alt+R take the caret to the entry row, the items, the roll call", async () => {
    const { user } = await openHandover(handoverBackend());
    const inside = (name: string) => document.activeElement?.closest(`[data-focus="${name}"]`) ?? document.activeElement?.querySelector(`[data-focus="${name}"]`);
    await user.keyboard("{Alt>}n{/Alt}");
    await waitFor(() => expect(inside("handover-entry")).toBeTruthy());
    await user.keyboard("{Alt>}l{/Alt}");
    await waitFor(() => expect(inside("handover-items")).toBeTruthy());
    await user.keyboard("{Alt>}r{/Alt}");
    expect(screen.getByTestId("handover-rollcall")).toHaveFocus();
  });

  test("Alt+S opens the sign dialog, Ctrl+P the printed sheet", async () => {
    const { user } = await openHandover(handoverBackend());
    await user.keyboard("{Alt>}s{/Alt}");
    expect(await screen.findByTestId("handover-sign")).toBeInTheDocument();
    await user.click(screen.getByTestId("handover-sign-cancel"));
    await waitFor(() => expect(screen.queryByTestId("handover-sign")).not.toBeInTheDocument());
    await user.keyboard("{Control>}p{/Control}");
    expect(await screen.findByTestId("handover-print-sheet")).toBeInTheDocument();
  });

  test("Alt+S on a log awaiting receipt opens 接班签收", async () => {
    const awaiting = () => ({ ...signedLogView(), status: "awaiting_receipt" as const, signatures: signedLogView().signatures.slice(0, 1) });
    const { user } = await openHandover(handoverBackend("supervisor", { handoverLog: (key) => Promise.resolve(logFor(key, awaiting)) }));
    expect(screen.getByTestId("handover-receive-open")).toBeInTheDocument();
    expect(screen.queryByTestId("handover-sign-open")).not.toBeInTheDocument();
    await user.keyboard("{Alt>}s{/Alt}");
    expect(await screen.findByTestId("handover-receive")).toBeInTheDocument();
  });

  test("an agent reads the log: no 开始点名, no roll-call edits, no sign-off", async () => {
    const { user } = await openHandover(handoverBackend("agent"));
    expect(screen.getByTestId("handover-log-title")).toHaveTextContent("白班 D");
    expect(screen.getByTestId("rollcall-row-1002")).toBeInTheDocument();
    expect(screen.queryByTestId("rollcall-edit-1002")).not.toBeInTheDocument();
    expect(screen.queryByTestId("handover-rollcall-refresh")).not.toBeInTheDocument();
    expect(screen.queryByTestId("handover-sign-open")).not.toBeInTheDocument();
    expect(screen.queryByTestId("handover-lead-outgoing-designate")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("handover-shift-N"));
    await waitFor(() => expect(screen.getByTestId("handover-log-title")).toHaveTextContent("晚班 N"));
    expect(screen.queryByTestId("handover-open")).not.toBeInTheDocument();
  });

  test("the 交接班长 in line sees 签字交接 whatever their role (the PINs decide)", async () => {
    const ledByTheAgent = () => {
      const v = openLogView();
      return { ...v, outgoing_lead: { person: { employee_no: "1014", name: "朱琳" }, basis: "designated" as const } };
    };
    await openHandover(handoverBackend("agent", { handoverLog: (key) => Promise.resolve(logFor(key, ledByTheAgent)) }));
    expect(screen.getByTestId("handover-sign-open")).toBeInTheDocument();
    expect(screen.queryByTestId("rollcall-edit-1002")).not.toBeInTheDocument();
  });

  test("the day moves with ◀ ▶ and 今天, asking the backend for each", async () => {
    const { user, backend } = await openHandover(
      handoverBackend("supervisor", { handoverDay: (date) => Promise.resolve(date === HANDOVER_DATE ? handoverDayView() : { date, now: HANDOVER_NOW, teams: [] }) }),
    );
    await user.click(screen.getByTestId("handover-prev-day"));
    await waitFor(() => expect(backend.handoverDay).toHaveBeenLastCalledWith("2026-11-22", null));
    await user.click(screen.getByTestId("handover-next-day"));
    await user.click(screen.getByTestId("handover-next-day"));
    await waitFor(() => expect(backend.handoverDay).toHaveBeenLastCalledWith("2026-11-24", null));
    expect(await screen.findByText("这一天没有排班的班次")).toBeInTheDocument();
    expect(screen.queryByTestId("handover-log-header")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("handover-today"));
    expect(await screen.findByTestId("handover-log-title")).toHaveTextContent("2026-11-23 售前一组 白班 D");
  });

  test("a supervisor's day lists every team in groups; choosing one asks for that team alone", async () => {
    const afterSales: HandoverDay["teams"][number] = {
      team_id: 3,
      team_name: "售后组",
      shifts: [{ ...handoverDayView().teams[0].shifts[2], key: { team_id: 3, date: HANDOVER_DATE, shift: "O" }, name: "夜班", log_id: null }],
    };
    const day = (teamId: number | null): HandoverDay =>
      teamId === 3 ? { date: HANDOVER_DATE, now: HANDOVER_NOW, teams: [afterSales] } : { date: HANDOVER_DATE, now: HANDOVER_NOW, teams: [...handoverDayView().teams, afterSales] };
    const { user, backend } = await openHandover(handoverBackend("supervisor", { handoverDay: (_date, teamId) => Promise.resolve(day(teamId)) }));
    expect(screen.getByTestId("handover-team-1")).toHaveTextContent("售前一组");
    expect(within(screen.getByTestId("handover-team-3")).getByTestId("handover-shift-O")).toHaveTextContent("夜班 O");
    await pickOption(user, "handover-team", "售后组");
    await waitFor(() => expect(backend.handoverDay).toHaveBeenLastCalledWith(HANDOVER_DATE, 3));
    await waitFor(() => expect(screen.queryByTestId("handover-team-1")).not.toBeInTheDocument());
    // The teams offered stay those the operator reaches.
    await pickOption(user, "handover-team", "全部班组");
    expect(await screen.findByTestId("handover-team-1")).toBeInTheDocument();
  });

  test("a supervisor names the incoming shift's 交接班长", async () => {
    const { user, backend } = await openHandover(handoverBackend("supervisor", { designateHandoverLead: () => Promise.resolve(null) }));
    await user.click(screen.getByTestId("handover-lead-incoming-designate"));
    await pickOption(user, "handover-designate-who", "1008 黄磊");
    await user.click(screen.getByTestId("handover-designate-ok"));
    await waitFor(() =>
      expect(backend.designateHandoverLead).toHaveBeenCalledWith({ team_id: 1, shift: "N", from: HANDOVER_DATE, to: null, employee_no: "1008" }),
    );
    await waitFor(() => expect(screen.queryByTestId("handover-designate")).not.toBeInTheDocument());
  });
});
