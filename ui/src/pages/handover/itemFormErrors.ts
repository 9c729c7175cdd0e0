// A refusal about an item in the operator's words: the backend names the field it refused
// (`validation.required {field: "problem"}`), and the handover's own label is used for it.
import type { TFunction } from "i18next";
import { BackendError } from "../../backend";
import { errorText } from "../../lib/errors";
import { KINDS, fieldsOf } from "./itemForm";

/** The label of a field the backend named: the first kind that has it (客户, 问题, 内容 …), 处理结果. */
function itemFieldLabel(t: TFunction, field: string): string | null {
  if (field === "outcome") return t("handover.outcome");
  const kind = KINDS.find((k) => fieldsOf(k).some((f) => f.name === field));
  return kind ? t(`handover.items.fields.${kind}.${field}`) : null;
}

export function itemErrorText(t: TFunction, error: unknown): string {
  const e = BackendError.from(error);
  const label = e.params.field ? itemFieldLabel(t, e.params.field) : null;
  if (!label) return errorText(t, e);
  return errorText(t, new BackendError(e.code, e.message, { ...e.params, field: label }));
}
