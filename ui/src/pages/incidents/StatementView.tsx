// 月度结算: one person's month as the ledger holds it — every line about them (their own and
// co-penalties), the fines, rewards and compensation summed by the backend, and, for those who
// may see pay, the base pay and what is deducted from it.
import { useEffect, useState } from "react";
import { Alert, Descriptions, Modal, Select, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type LedgerLine } from "../../backend";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import { usePersonMatcher } from "../../lib/personSearch";
import { money } from "./bookText";
import { lineText } from "./incidentText";

const K = "incidents.statement";

export default function StatementView({
  month,
  people,
  initial,
  open,
  onClose,
}: {
  month: string;
  people: readonly { employee_no: string; name: string }[];
  initial: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const backend = useBackend();
  const matches = usePersonMatcher();
  const [who, setWho] = useState<string | null>(initial);
  useEffect(() => {
    if (open) setWho(initial);
  }, [open, initial]);
  const statement = useLoad(["incidents", "statement", who, month], ["incidents", "agents"], () =>
    who ? backend.ledgerStatement(who, month) : Promise.resolve(null),
  );
  const s = statement.data;

  return (
    <Modal open={open} width={820} title={`${t(`${K}.title`)} · ${month}`} onCancel={onClose} footer={null} destroyOnHidden>
      <div data-testid="ledger-statement-view">
        <Select<string>
          style={{ width: 260, marginBottom: 12 }}
          placeholder={t(`${K}.choose`)}
          aria-label={t(`${K}.person`)}
          value={who ?? undefined}
          showSearch={{ filterOption: (q, o) => matches(q, { employee_no: o?.value as string, name: String(o?.name ?? "") }) }}
          options={people.map((p) => ({ value: p.employee_no, label: `${p.employee_no} ${p.name}`, title: `${p.employee_no} ${p.name}`, name: p.name }))}
          onChange={setWho}
          data-testid="statement-person"
        />
        {statement.error ? <Alert type="error" showIcon title={errorText(t, statement.error)} style={{ marginBottom: 12 }} /> : null}
        {s ? (
          <>
            <Descriptions size="small" bordered column={3} style={{ marginBottom: 12 }} data-testid="statement-sums">
              <Descriptions.Item label={t(`${K}.penalties`)}>
                <span data-testid="statement-penalties">{money(t, s.penalties_fen)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t(`${K}.rewards`)}>
                <span data-testid="statement-rewards">{money(t, s.rewards_fen)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t(`${K}.compensation`)}>
                <span data-testid="statement-compensation">{money(t, s.compensation_fen)}</span>
              </Descriptions.Item>
              {s.base_pay_fen !== null ? (
                <Descriptions.Item label={t(`${K}.basePay`)}>
                  <span data-testid="statement-base-pay">{money(t, s.base_pay_fen)}</span>
                </Descriptions.Item>
              ) : null}
              {s.deductions_fen !== null ? (
                <Descriptions.Item label={t(`${K}.deductions`)} span={2}>
                  <span data-testid="statement-deductions">{money(t, s.deductions_fen)}</span>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Table<LedgerLine>
              size="small"
              rowKey={(l) => `${l.record_id}-${l.line_no}`}
              pagination={false}
              dataSource={s.lines}
              locale={{ emptyText: t(`${K}.empty`) }}
              data-testid="statement-lines"
              columns={[
                { title: t(`${K}.date`), dataIndex: "local_date", width: 110 },
                {
                  title: t(`${K}.rule`),
                  key: "rule",
                  render: (_: unknown, l: LedgerLine) => (
                    <span>
                      {l.rule_name_zh}
                      {l.co_penalty_of ? (
                        <Typography.Text type="secondary"> · {t(`${K}.coOf`, { no: l.co_penalty_of })}</Typography.Text>
                      ) : null}
                    </span>
                  ),
                },
                {
                  title: t(`${K}.offence`),
                  dataIndex: "offence_no",
                  width: 80,
                  render: (n: number | null) => (n === null ? "—" : t("incidents.ledger.offenceNo", { n })),
                },
                {
                  title: t(`${K}.action`),
                  key: "action",
                  render: (_: unknown, l: LedgerLine) => (
                    <span>
                      {lineText(t, l.line)}
                      {l.voided ? <Tag style={{ marginInlineStart: 6 }}>{t(`${K}.voided`)}</Tag> : null}
                    </span>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </div>
    </Modal>
  );
}
