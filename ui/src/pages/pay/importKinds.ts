// The three files commission is computed from: the columns each expects (Chinese or English
// headers), the extensions it reads, the command that imports it and its summary as label/value
// pairs. The figures are the backend's summary; nothing is counted here.
import type { TFunction } from "i18next";
import type { Backend } from "../../backend";
import { siteDateTime } from "../incidents/incidentText";
import { P, moneyText } from "./payrollText";

export type ImportKind = "chats" | "orders" | "sales";
export type Figure = { key: string; label: string; value: string };

type Spec = {
  zh: string[];
  en: string[];
  extensions: string[];
  run: (backend: Backend, path: string) => Promise<unknown>;
  figures: (t: TFunction, summary: never, timeZone: string) => Figure[];
};

const span = (a: string | null, b: string | null) => (a && b ? `${a} ~ ${b}` : "—");

function figures(t: TFunction, kind: ImportKind, values: Record<string, string | number>): Figure[] {
  return Object.entries(values).map(([key, v]) => ({ key, label: t(`${P}.import.${kind}.${key}`), value: String(v) }));
}

export const IMPORTS: Record<ImportKind, Spec> = {
  chats: {
    zh: ["时间", "买家", "工号", "发送方"],
    en: ["ts", "buyer", "employee_no", "sender"],
    extensions: ["csv"],
    run: (b, path) => b.importChats(path),
    figures: (t, s: Awaited<ReturnType<Backend["importChats"]>>, tz) =>
      figures(t, "chats", {
        rows: s.rows,
        messages_added: s.messages_added,
        duplicates_skipped: s.duplicates_skipped,
        buyers: s.buyers,
        buyers_new: s.buyers_new,
        buyers_touched: s.buyers_touched,
        span: span(s.first_ts && siteDateTime(s.first_ts, tz), s.last_ts && siteDateTime(s.last_ts, tz)),
      }),
  },
  orders: {
    zh: ["订单号", "买家", "付款时间", "金额"],
    en: ["order_no", "buyer", "paid_at", "amount"],
    extensions: ["csv", "xlsx"],
    run: (b, path) => b.importOrders(path),
    figures: (t, s: Awaited<ReturnType<Backend["importOrders"]>>, tz) =>
      figures(t, "orders", {
        rows: s.rows,
        added: s.added,
        replaced: s.replaced,
        unchanged: s.unchanged,
        buyers_touched: s.buyers_touched,
        total: moneyText(s.total_fen),
        span: span(s.first_paid_at && siteDateTime(s.first_paid_at, tz), s.last_paid_at && siteDateTime(s.last_paid_at, tz)),
      }),
  },
  sales: {
    zh: ["工号", "日期", "接待人数", "有效接待", "销售额"],
    en: ["employee_no", "date", "receptions", "valid_receptions", "sales"],
    extensions: ["csv", "xlsx"],
    run: (b, path) => b.importSales(path),
    figures: (t, s: Awaited<ReturnType<Backend["importSales"]>>) =>
      figures(t, "sales", {
        rows: s.rows,
        added: s.added,
        replaced: s.replaced,
        unchanged: s.unchanged,
        agents: s.agents,
        span: span(s.first_date, s.last_date),
      }),
  },
};
