// The commission reads' shapes, taken from the backend's command signatures (so this page adds
// no line to the shared `backend/types.ts` while the payroll half is being written beside it).
import type { CommandApi } from "../../backend";

type Answer<K extends keyof CommandApi> = Awaited<ReturnType<CommandApi[K]>>;

export type CommissionMonth = Answer<"commissionMonth">;
export type CommissionDetail = Answer<"commissionDetail">;
export type CommissionRow = CommissionMonth["rows"][number];
export type ReceptionView = CommissionDetail["receptions"][number];
export type OrderView = CommissionDetail["orders"][number];
export type AttributionView = NonNullable<OrderView["attribution"]>;
export type Tier = NonNullable<CommissionRow["tier"]>;
export type AfterSalesResult = NonNullable<CommissionRow["after_sales"]>;
export type Scheme = CommissionRow["scheme"];
export type CommissionSettings = Answer<"commissionSettings">;
