// A search hit opened: an item opens its whole timeline (ItemTimeline, the item list's drawer);
// an addendum is shown as it was written, with the log it belongs to.
import { Descriptions, Drawer } from "antd";
import { useTranslation } from "react-i18next";
import type { SearchHit } from "../../backend";
import { useSession } from "../../session";
import { siteDateTime } from "./HandoverSheetFormat";
import ItemTimeline, { logText } from "./ItemTimeline";
import { personText } from "./signers";

/** An addendum found by the search. */
export type AddendumHit = Extract<SearchHit, { type: "addendum" }>;
export type Hit = SearchHit;

export default function SearchViewDetail({ hit, onClose }: { hit: Hit | null; onClose: () => void }) {
  return (
    <>
      <ItemTimeline itemId={hit?.type === "item" ? hit.item.id : null} onClose={onClose} />
      <AddendumDrawer hit={hit?.type === "addendum" ? hit : null} onClose={onClose} />
    </>
  );
}

function AddendumDrawer({ hit, onClose }: { hit: AddendumHit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useSession();
  return (
    <Drawer open={!!hit} onClose={onClose} size={520} title={t("handover.sign.search.addendum")} destroyOnHidden>
      {hit ? (
        <Descriptions
          data-testid="handover-search-addendum"
          column={1}
          size="small"
          bordered
          items={[
            { key: "log", label: t("handover.sign.search.log"), children: logText(hit.log) },
            {
              key: "author",
              label: t("handover.sign.print.author"),
              children: `${personText(t, hit.addendum.author)} · ${siteDateTime(hit.addendum.at, site.time_zone)}`,
            },
            { key: "text", label: t("handover.sign.print.text"), children: <span style={{ whiteSpace: "pre-wrap" }}>{hit.addendum.text}</span> },
            { key: "code", label: t("handover.checkCode"), children: hit.addendum.hash_prefix },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
