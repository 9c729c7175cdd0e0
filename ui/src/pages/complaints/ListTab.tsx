// 投诉单: the complaints as far as the operator sees them, filtered; 登记投诉; a row opens the
// complaint's drawer (a new registration opens its own).
import { useState } from "react";
import { Alert, Button } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ComplaintQuery, ComplaintRow } from "../../backend";
import { errorText } from "../../lib/errors";
import ComplaintDrawer from "./ComplaintDrawer";
import ComplaintTable from "./ComplaintTable";
import { useComplaints } from "./complaintData";
import { K } from "./complaintText";
import ListFilters from "./ListFilters";
import RegisterModal from "./RegisterModal";

const L = `${K}.list`;

export const NO_FILTER: ComplaintQuery = {
  from: null,
  to: null,
  status: null,
  open_only: false,
  overdue_only: false,
  employee_no: null,
  team_id: null,
  valid_only: false,
};

export default function ListTab() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<ComplaintQuery>(NO_FILTER);
  const [registering, setRegistering] = useState(false);
  const [opened, setOpened] = useState<ComplaintRow | null>(null);
  const list = useComplaints(query);
  const rows = list.data ?? [];
  return (
    <div data-testid="complaints-list">
      <div className="fd-panel">
        <div className="fd-toolbar">
          <ListFilters query={query} onChange={setQuery} />
          <span className="fd-toolbar-spacer" />
          <span className="fd-count" data-testid="complaint-count">
            {t(`${L}.count`, { count: rows.length })}
          </span>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="complaint-register">
            {t(`${L}.register`)}
          </Button>
        </div>
        {list.error ? <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} /> : null}
        <ComplaintTable rows={rows} loading={list.loading && !list.data} onOpen={setOpened} />
      </div>
      {registering ? (
        <RegisterModal
          onClose={() => setRegistering(false)}
          onRegistered={(row) => {
            setRegistering(false);
            list.reload();
            setOpened(row);
          }}
        />
      ) : null}
      {opened ? <ComplaintDrawer key={opened.id} id={opened.id} initial={opened} onClose={() => setOpened(null)} onChanged={list.reload} /> : null}
    </div>
  );
}
