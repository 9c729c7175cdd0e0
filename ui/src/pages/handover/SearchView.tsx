// 查询 (docs/design/handover.md §8.7): full-text search across every handover log and item the
// operator reaches, with filters; a row opens the item's whole timeline. Below, the export of a
// date range to xlsx. The backend searches (Chinese words inside sentences included) and orders.
import { useEffect, useMemo, useState } from "react";
import { Alert, Divider, Form, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type HandoverSearch } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import SearchViewDetail, { type Hit } from "./SearchViewDetail";
import SearchViewExport from "./SearchViewExport";
import SearchViewFilters, { toSearch, type SearchValues } from "./SearchViewFilters";

export interface SearchViewProps {
  /** The team the page shows (null: every team the operator reaches). */
  teamId: number | null;
}

/** One row of the results, whatever was found. */
type Row = {
  key: string;
  hit: Hit;
  date: string;
  moved: string | null;
  team: string;
  shift: string;
  kind: string;
  title: string;
  status: string | null;
  shiftsOpen: number | null;
  marks: string[];
};

export default function SearchView({ teamId }: SearchViewProps) {
  const { t } = useTranslation();
  const backend = useBackend();
  const [form] = Form.useForm<SearchValues>();
  const [query, setQuery] = useState<HandoverSearch>(() => toSearch({ team_id: teamId }));
  const [opened, setOpened] = useState<Hit | null>(null);
  const teams = useLoad(["handover", "teams"], ["teams"], () => backend.listTeams());
  const results = useLoad(["handover", "search", query], ["handover"], () => backend.searchHandover(query));

  // The page's team changed: search that team (the other filters stay).
  useEffect(() => {
    form.setFieldValue("team_id", teamId ?? undefined);
    setQuery((q) => (q.team_id === teamId ? q : { ...q, team_id: teamId }));
  }, [teamId, form]);

  const rows = useMemo<Row[]>(() => (results.data ?? []).map((hit) => toRow(t, hit)), [results.data, t]);

  const columns: TableColumnsType<Row> = [
    {
      title: t("handover.sign.search.date"),
      dataIndex: "date",
      width: 130,
      render: (_, r) => (
        <>
          {r.date}
          {r.moved ? <div className="fd-muted">{r.moved}</div> : null}
        </>
      ),
    },
    { title: t("handover.sign.search.team"), dataIndex: "team", width: 100 },
    { title: t("handover.sign.search.shift"), dataIndex: "shift", width: 90 },
    { title: t("handover.sign.search.kind"), dataIndex: "kind", width: 90 },
    {
      title: t("handover.sign.search.item"),
      dataIndex: "title",
      render: (_, r) => (
        <>
          {r.title}
          {r.marks.map((m) => (
            <Tag key={m} style={{ marginLeft: 6 }}>
              {m}
            </Tag>
          ))}
        </>
      ),
    },
    { title: t("handover.sign.search.status"), dataIndex: "status", width: 70 },
    { title: t("handover.sign.search.shiftsOpen"), dataIndex: "shiftsOpen", width: 80 },
  ];

  return (
    <div data-testid="handover-search">
      <SearchViewFilters
        form={form}
        teams={(teams.data ?? []).filter((tm) => tm.active)}
        teamId={teamId}
        onSearch={(v) => setQuery(toSearch(v))}
      />
      {results.error ? <Alert type="error" showIcon title={errorText(t, results.error)} style={{ marginBottom: 12 }} data-testid="handover-search-error" /> : null}
      <div data-testid="handover-search-results">
        <Typography.Text type="secondary" data-testid="handover-search-count">
          {results.data ? t("handover.sign.search.count", { count: rows.length }) : ""}
        </Typography.Text>
        <Table<Row>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={rows}
          loading={results.loading}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: t("handover.sign.search.empty") }}
          onRow={(r) => ({
            "data-testid": `handover-search-row-${r.key}`,
            tabIndex: 0,
            style: { cursor: "pointer" },
            onClick: () => setOpened(r.hit),
            onKeyDown: (e) => {
              if (e.key === "Enter") setOpened(r.hit);
            },
          })}
        />
      </div>
      <Divider titlePlacement="start">{t("handover.sign.export.title")}</Divider>
      <SearchViewExport />
      <SearchViewDetail hit={opened} onClose={() => setOpened(null)} />
    </div>
  );
}

function toRow(t: ReturnType<typeof useTranslation>["t"], hit: Hit): Row {
  if (hit.type === "item") {
    const { item, first, last } = hit;
    const marks = [
      ...(item.carried_in ? [t("handover.carried")] : []),
      ...(item.not_handed_over ? [t("handover.notHandedOver")] : []),
    ];
    return {
      key: `item-${item.id}`,
      hit,
      date: first.date,
      moved: last.log_id !== first.log_id ? t("handover.sign.search.moved", { date: last.date, shift: last.shift_name }) : null,
      team: item.team_name,
      shift: first.shift_name,
      kind: t(`handover.kind.${item.kind}`),
      title: item.title,
      status: t(`handover.itemStatus.${item.status}`),
      shiftsOpen: item.shifts_open,
      marks,
    };
  }
  return {
    key: `addendum-${hit.addendum.id}`,
    hit,
    date: hit.log.date,
    moved: null,
    team: hit.log.team_name,
    shift: hit.log.shift_name,
    kind: t("handover.sign.search.addendum"),
    title: hit.addendum.text,
    status: null,
    shiftsOpen: null,
    marks: [],
  };
}
