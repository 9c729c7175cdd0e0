// The search view's words and filters (docs/design/handover.md §8.7). The words go to the
// backend as typed (it finds Chinese words inside sentences); Enter or 搜索 runs the search, and a
// changed select or date runs it at once.
import { Button, DatePicker, Form, Input, Select, type FormInstance } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { HandoverSearch, ItemKind, ItemStatus, Team } from "../../backend";

export const ITEM_KINDS: readonly ItemKind[] = ["customer", "urgent", "prospect", "notice", "note"];
const ITEM_STATUSES: readonly ItemStatus[] = ["open", "closed"];

export type SearchValues = {
  text?: string;
  team_id?: number | null;
  from?: Dayjs | null;
  to?: Dayjs | null;
  kind?: ItemKind | null;
  status?: ItemStatus | null;
  customer?: string;
  order_no?: string;
};

const words = (s: string | undefined) => (s ?? "").trim() || null;

/** The form's values as the backend's query (blank is no filter; the backend's default limit). */
export function toSearch(v: SearchValues): HandoverSearch {
  return {
    text: words(v.text),
    team_id: v.team_id ?? null,
    from: v.from ? v.from.format("YYYY-MM-DD") : null,
    to: v.to ? v.to.format("YYYY-MM-DD") : null,
    kind: v.kind ?? null,
    status: v.status ?? null,
    customer: words(v.customer),
    order_no: words(v.order_no),
    limit: null,
  };
}

const RUN_AT_ONCE: readonly (keyof SearchValues)[] = ["team_id", "from", "to", "kind", "status"];

export default function SearchViewFilters(props: {
  form: FormInstance<SearchValues>;
  teams: readonly Team[];
  /** The page's team: the team filter starts there, and 清空条件 returns to it. */
  teamId: number | null;
  onSearch: (v: SearchValues) => void;
}) {
  const { t } = useTranslation();
  const { form } = props;
  return (
    <Form<SearchValues>
      form={form}
      layout="inline"
      className="fd-handover-search-form"
      style={{ rowGap: 8, marginBottom: 12 }}
      initialValues={{ team_id: props.teamId ?? undefined }}
      onFinish={props.onSearch}
      onValuesChange={(changed: SearchValues) => {
        if (Object.keys(changed).some((k) => RUN_AT_ONCE.includes(k as keyof SearchValues))) form.submit();
      }}
    >
      <Form.Item name="text" style={{ flex: "1 1 100%" }}>
        <Input
          data-testid="handover-search-text"
          prefix={<SearchOutlined />}
          placeholder={t("handover.sign.search.text")}
          allowClear
          autoFocus
        />
      </Form.Item>
      <Form.Item name="team_id" label={t("handover.sign.search.team")}>
        <Select<number>
          data-testid="handover-search-team"
          style={{ width: 130 }}
          allowClear
          placeholder={t("handover.sign.search.allTeams")}
          options={props.teams.map((tm) => ({ value: tm.id, label: tm.name }))}
        />
      </Form.Item>
      <Form.Item label={t("handover.sign.search.date")} style={{ marginInlineEnd: 16 }}>
        <Form.Item name="from" noStyle>
          <DatePicker data-testid="handover-search-from" placeholder={t("handover.sign.search.from")} style={{ width: 130 }} />
        </Form.Item>
        <span style={{ margin: "0 6px" }}>–</span>
        <Form.Item name="to" noStyle>
          <DatePicker data-testid="handover-search-to" placeholder={t("handover.sign.search.to")} style={{ width: 130 }} />
        </Form.Item>
      </Form.Item>
      <Form.Item name="kind" label={t("handover.sign.search.kind")}>
        <Select<ItemKind>
          data-testid="handover-search-kind"
          style={{ width: 120 }}
          allowClear
          placeholder={t("handover.sign.search.anyKind")}
          options={ITEM_KINDS.map((k) => ({ value: k, label: t(`handover.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t("handover.sign.search.status")}>
        <Select<ItemStatus>
          data-testid="handover-search-status"
          style={{ width: 100 }}
          allowClear
          placeholder={t("handover.sign.search.anyStatus")}
          options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`handover.itemStatus.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="customer" label={t("handover.sign.search.customer")}>
        <Input data-testid="handover-search-customer" style={{ width: 130 }} allowClear />
      </Form.Item>
      <Form.Item name="order_no" label={t("handover.sign.search.orderNo")}>
        <Input data-testid="handover-search-order" style={{ width: 150 }} allowClear />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="handover-search-go">
          {t("handover.sign.search.go")}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          data-testid="handover-search-clear"
          onClick={() => {
            form.resetFields();
            form.submit();
          }}
        >
          {t("handover.sign.search.clear")}
        </Button>
      </Form.Item>
    </Form>
  );
}
