// 评分人: who rates whom in the month, one row per person assessed (grouped by team). Everyone
// rates themselves (自评); the superior is the team's 班长 by default (the backend says who, and
// marks them 默认); 小组 raters are chosen here by the lead or a supervisor, from anyone with a
// 工号. A supervisor (manage_scores) may add a superior too. Only stored raters (assigned or
// imported) can be taken back, after a confirmation: what they entered for that person goes.
import { useMemo, useState, type HTMLAttributes } from "react";
import { Alert, App, Button, Empty, Input, Space, Table, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { CloseOutlined, CopyOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useBackend, type RaterAssignment, type RaterRole, type ScorePerson } from "../../backend";
import { useCan } from "../../session";
import { useLoad, useReportError } from "../../lib/hooks";
import { usePersonMatcher } from "../../lib/personSearch";
import RaterPicker, { type PickerTarget } from "./RaterPicker";

type Row = {
  ratee: string;
  employee_no: string;
  name: string;
  team_id: number | null;
  team_name: string | null;
  superiors: RaterAssignment[];
  peers: RaterAssignment[];
  /** Rows the team cell spans (0 for the team's later rows). */
  teamSpan: number;
};

/** One row per person rated, by team (no team last), then 工号. */
function raterRows(assignments: readonly RaterAssignment[], people: readonly ScorePerson[]): Row[] {
  const byKey = new Map(people.map((p) => [p.person, p]));
  const rows = new Map<string, Row>();
  for (const a of assignments) {
    let row = rows.get(a.ratee);
    if (!row) {
      const p = byKey.get(a.ratee);
      row = {
        ratee: a.ratee,
        employee_no: a.ratee_employee_no,
        name: a.ratee_name,
        team_id: p?.team_id ?? null,
        team_name: p?.team_name ?? null,
        superiors: [],
        peers: [],
        teamSpan: 1,
      };
      rows.set(a.ratee, row);
    }
    if (a.role === "superior") row.superiors.push(a);
    else if (a.role === "peer") row.peers.push(a);
  }
  const sorted = [...rows.values()].sort(
    (a, b) => (a.team_id ?? Number.MAX_SAFE_INTEGER) - (b.team_id ?? Number.MAX_SAFE_INTEGER) || a.employee_no.localeCompare(b.employee_no),
  );
  spanTeams(sorted);
  return sorted;
}

function spanTeams(rows: Row[]) {
  for (let i = 0; i < rows.length; ) {
    let j = i + 1;
    while (j < rows.length && rows[j].team_id === rows[i].team_id) {
      rows[j].teamSpan = 0;
      j++;
    }
    rows[i].teamSpan = j - i;
    i = j;
  }
}

/** The month before `month` (YYYY-MM). */
function previousMonth(month: string): string {
  return dayjs(`${month}-01`).subtract(1, "month").format("YYYY-MM");
}

type Copy = { ratee: string; rater: string };

/**
 * Last month's 小组 raters to give again: for people rated this month, raters still active and
 * not already theirs. (Who may rate whom stays the backend's call.)
 */
function peersToCopy(last: readonly RaterAssignment[], rows: readonly Row[], people: readonly ScorePerson[]): Copy[] {
  const active = new Set(people.filter((p) => p.active).map((p) => p.person));
  const current = new Map(rows.map((r) => [r.ratee, new Set(r.peers.map((p) => p.rater))]));
  const out: Copy[] = [];
  for (const a of last) {
    if (a.role !== "peer" || a.rater === a.ratee || !active.has(a.rater)) continue;
    const mine = current.get(a.ratee);
    if (!mine || mine.has(a.rater)) continue;
    mine.add(a.rater);
    out.push({ ratee: a.ratee, rater: a.rater });
  }
  return out;
}

export default function RatersTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const canManage = useCan("manage_scores");
  const matches = usePersonMatcher();
  const raters = useLoad(["scores", "raters", month], ["scores", "agents", "users", "teams"], () => backend.monthRaters(month));
  const people = useLoad(["scores", "people"], ["scores", "agents", "users", "teams"], () => backend.scorePeople());
  const [picking, setPicking] = useState<PickerTarget | null>(null);
  const [query, setQuery] = useState("");
  const [copying, setCopying] = useState(false);

  const rows = useMemo(() => raterRows(raters.data ?? [], people.data ?? []), [raters.data, people.data]);
  const shown = useMemo(() => {
    if (!query.trim()) return rows;
    const found = rows.filter((r) => matches(query, { employee_no: r.employee_no, name: r.name })).map((r) => ({ ...r, teamSpan: 1 }));
    spanTeams(found);
    return found;
  }, [rows, query, matches]);
  const withoutPeer = rows.filter((r) => r.peers.length === 0).length;

  const roleWord = (role: RaterRole) => t(`scores.roles.${role}`);

  const confirmRemove = (row: Row, a: RaterAssignment) =>
    modal.confirm({
      title: t("scores.admin.raters.removeTitle"),
      content: t("scores.admin.raters.removeText", {
        rater: `${a.rater_employee_no} ${a.rater_name}`,
        ratee: `${row.employee_no} ${row.name}`,
        role: roleWord(a.role),
      }),
      okText: t("scores.admin.raters.remove"),
      okButtonProps: { danger: true, ...{ "data-testid": "raters-remove-ok" } },
      cancelText: t("common.cancel"),
      cancelButtonProps: { ...{ "data-testid": "raters-remove-cancel" } },
      onOk: async () => {
        try {
          await backend.removeRater(month, row.ratee, a.role, a.rater);
          void message.success(t("scores.admin.raters.removed"));
        } catch (e) {
          report(e);
        } finally {
          raters.reload();
        }
      },
    });

  const copyLastMonth = async () => {
    const from = previousMonth(month);
    setCopying(true);
    let plan: Copy[];
    try {
      plan = peersToCopy(await backend.monthRaters(from), rows, people.data ?? []);
    } catch (e) {
      report(e);
      setCopying(false);
      return;
    }
    setCopying(false);
    if (plan.length === 0) {
      void message.info(t("scores.admin.raters.copyNone", { from }));
      return;
    }
    modal.confirm({
      title: t("scores.admin.raters.copyTitle"),
      content: t("scores.admin.raters.copyText", { count: new Set(plan.map((c) => c.ratee)).size, raters: plan.length, from }),
      okText: t("common.confirm"),
      okButtonProps: { ...{ "data-testid": "raters-copy-ok" } },
      cancelText: t("common.cancel"),
      onOk: async () => {
        let done = 0;
        try {
          for (const c of plan) {
            await backend.assignRater(month, c.ratee, "peer", c.rater);
            done += 1;
          }
          void message.success(t("scores.admin.raters.copied", { count: done }));
        } catch (e) {
          report(e);
        } finally {
          raters.reload();
        }
      },
    });
  };

  const raterTag = (row: Row, a: RaterAssignment, removable: boolean) => (
    <Tag
      key={a.rater}
      data-testid={`rater-${a.role}-${row.employee_no}-${a.rater_employee_no}`}
      title={a.rater_employee_no}
      color={a.source === "default" ? undefined : a.role === "peer" ? "blue" : "purple"}
      closable={removable}
      closeIcon={
        removable ? (
          <CloseOutlined
            aria-label={t("scores.admin.raters.removeLabel", { name: a.rater_name })}
            data-testid={`remove-${a.role}-${row.employee_no}-${a.rater_employee_no}`}
          />
        ) : undefined
      }
      onClose={(e) => {
        e.preventDefault();
        confirmRemove(row, a);
      }}
      style={{ marginBlock: 2 }}
    >
      {a.rater_name}
      {a.source === "default" ? <span className="fd-muted"> · {t("scores.admin.raters.default")}</span> : null}
      {a.source === "import" ? <span className="fd-muted"> · {t("scores.admin.raters.imported")}</span> : null}
    </Tag>
  );

  const pick = (row: Row, role: "superior" | "peer") =>
    setPicking({
      ratee: row.ratee,
      name: row.name,
      employee_no: row.employee_no,
      role,
      current: (role === "peer" ? row.peers : row.superiors).map((a) => a.rater),
    });

  const columns: TableColumnsType<Row> = [
    {
      title: t("scores.admin.raters.team"),
      key: "team",
      width: 120,
      onCell: (r) => ({ rowSpan: r.teamSpan }),
      render: (_: unknown, r: Row) => r.team_name ?? <span className="fd-muted">{t("scores.admin.raters.noTeam")}</span>,
    },
    {
      title: t("scores.admin.raters.self"),
      key: "self",
      width: 150,
      render: (_: unknown, r: Row) => (
        <span>
          <span className="fd-muted">{r.employee_no}</span> {r.name}
        </span>
      ),
    },
    {
      title: t("scores.admin.raters.superior"),
      key: "superior",
      render: (_: unknown, r: Row) => (
        <Space size={[0, 0]} wrap data-testid={`superiors-${r.employee_no}`}>
          {r.superiors.map((a) => raterTag(r, a, canManage && a.source !== "default"))}
          {canManage ? (
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              data-testid={`add-superior-${r.employee_no}`}
              onClick={() => pick(r, "superior")}
            >
              {t("scores.admin.raters.add")}
            </Button>
          ) : null}
        </Space>
      ),
    },
    {
      title: t("scores.admin.raters.peer"),
      key: "peer",
      render: (_: unknown, r: Row) => (
        <Space size={[0, 0]} wrap data-testid={`peers-${r.employee_no}`}>
          {r.peers.map((a) => raterTag(r, a, a.source !== "default"))}
          {r.peers.length === 0 ? (
            <Tag color="warning" data-testid={`no-peer-${r.employee_no}`}>
              {t("scores.admin.raters.noPeer")}
            </Tag>
          ) : null}
          <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid={`add-peer-${r.employee_no}`} onClick={() => pick(r, "peer")}>
            {t("scores.admin.raters.add")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <div style={{ display: "flex", gap: 8, marginBottom: 12, flexWrap: "wrap" }}>
        <Input.Search
          allowClear
          placeholder={t("scores.admin.picker.placeholder")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 280 }}
          data-testid="raters-search"
        />
        <Button icon={<CopyOutlined />} loading={copying} disabled={rows.length === 0} data-testid="raters-copy" onClick={() => void copyLastMonth()}>
          {t("scores.admin.raters.copy")}
        </Button>
      </div>
      {withoutPeer > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t("scores.admin.raters.noPeerCount", { count: withoutPeer })}
          description={t("scores.admin.raters.noPeerHint")}
          style={{ marginBottom: 12 }}
          data-testid="raters-no-peer"
        />
      ) : null}
      <div className="fd-panel" data-testid="raters-table">
        <Table<Row>
          size="small"
          rowKey="ratee"
          bordered
          columns={columns}
          dataSource={shown}
          loading={(raters.loading && !raters.data) || (people.loading && !people.data)}
          pagination={false}
          onRow={(r) => ({ "data-testid": `raters-row-${r.employee_no}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t("scores.admin.raters.empty")} /> }}
        />
      </div>
      {picking ? (
        <RaterPicker
          target={picking}
          people={people.data ?? []}
          assign={(rater) => backend.assignRater(month, picking.ratee, picking.role, rater)}
          onClose={(changed) => {
            setPicking(null);
            if (changed) {
              void message.success(t("scores.admin.raters.assigned"));
              raters.reload();
            }
          }}
        />
      ) : null}
    </div>
  );
}
