// 记录违规 / 记为违规: the form itself (RecordIncidentDialog) is loaded the first time it opens.
// The board offers it from an alert and from an agent card, so without this the board's first
// load would carry the form and antd's date picker for a dialog most sessions never open.
import { Suspense, lazy } from "react";
import type { RecordIncidentProps } from "./RecordIncidentDialog";

export type { RecordIncidentProps };

const RecordIncidentDialog = lazy(() => import("./RecordIncidentDialog"));

/** The dialog, once its code is in (a moment on first use; nothing shows meanwhile). */
export function RecordIncidentModal(props: RecordIncidentProps) {
  return (
    <Suspense fallback={null}>
      <RecordIncidentDialog {...props} />
    </Suspense>
  );
}

export default RecordIncidentModal;
