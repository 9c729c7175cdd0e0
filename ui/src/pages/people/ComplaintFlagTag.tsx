// 调岗提示 beside an agent's name: their valid complaints reached the reassignment mark (as the
// backend counts them; seed 000 若被客戶有理投訴超過 5 次(含)). Read only by those who handle
// complaints; nobody else asks.
import { useMemo } from "react";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type ComplaintFlag } from "../../backend";
import { formatDate } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { useCan } from "../../session";

/** The flagged agents by 工号 (empty without handle_complaints). */
export function useComplaintFlagMap(): Map<string, ComplaintFlag> {
  const backend = useBackend();
  const can = useCan("handle_complaints");
  const flags = useLoad(["complaints", "flags", "people", can], ["complaints", "incidents", "agents"], () =>
    can ? backend.complaintFlags() : Promise.resolve([]),
  );
  return useMemo(() => new Map((flags.data ?? []).map((f) => [f.employee_no, f])), [flags.data]);
}

export default function ComplaintFlagTag({ flag }: { flag: ComplaintFlag | undefined }) {
  const { t } = useTranslation();
  if (!flag) return null;
  return (
    <Tooltip title={`${t("complaints.flags.since")} ${formatDate(flag.since)}`}>
      <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid={`agent-complaint-flag-${flag.employee_no}`}>
        {t("complaints.people.flag")} · {t("complaints.people.count", { count: flag.valid_count })}
      </Tag>
    </Tooltip>
  );
}
