// The selected shift's log, on the right of the 交接班 page: header, roll call, the items (another
// part of the page), addenda, the dialogs, and the page's keys (§8.3). Mounted once per log (the
// page keys it by shift), so a refusal or an open dialog never carries over to another shift.
import { useEffect, useRef, useState } from "react";
import { Empty } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend, type LogKey } from "../../backend";
import { useCan, useSession } from "../../session";
import { errorText } from "../../lib/errors";
import { useLoad } from "../../lib/hooks";
import LogHeader, { type HeaderPermissions, type LogDialog } from "./LogHeader";
import RollCall from "./RollCall";
import ItemEntry from "./ItemEntry";
import ItemList from "./ItemList";
import Addenda, { Refusal } from "./Addenda";
import SignModal from "./SignModal";
import ReceiveModal from "./ReceiveModal";
import HandoverPrint from "./HandoverPrint";

/** Focus what `[data-focus=name]` marks, or the first field inside it. */
function focusMarked(name: string) {
  const marked = document.querySelector<HTMLElement>(`[data-focus="${name}"]`);
  if (!marked) return;
  const fields = "input, textarea, select, button, [tabindex]";
  const target = marked.matches(fields) ? marked : (marked.querySelector<HTMLElement>(fields) ?? marked);
  target.focus();
}

type PageKeys = { sign: () => void; print: () => void };

/** Alt+N / Alt+L / Alt+R focus the entry row, the item list, the roll call; Alt+S signs; Ctrl+P prints. */
function usePageKeys(keys: PageKeys) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // e.code: Alt+letter types another character on some layouts (macOS).
      const letter = e.code.startsWith("Key") ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
      let act: (() => void) | null = null;
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        if (letter === "n") act = () => focusMarked("handover-entry");
        if (letter === "l") act = () => focusMarked("handover-items");
        if (letter === "r") act = () => focusMarked("handover-rollcall");
        if (letter === "s") act = latest.current.sign;
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && letter === "p") {
        act = latest.current.print;
      }
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

export default function HandoverLog({ logKey, zone }: { logKey: LogKey; zone: string }) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { operator } = useSession();
  const canRun = useCan("run_handover");
  const canOverride = useCan("override_handover");
  // The view reads the floor as well as the log: the roll call of a log not opened yet, who of the
  // incoming shift is signed in (seed 003's blocker), the 交接班长 in line. A state set on the
  // board is a floor write only, so it must make the log read again too.
  const loaded = useLoad(["handover-log", logKey.team_id, logKey.date, logKey.shift], ["handover", "floor"], () => backend.handoverLog(logKey));
  const view = loaded.data;
  const [dialog, setDialog] = useState<LogDialog | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [addendum, setAddendum] = useState({ composing: false, signal: 0 });
  const openAddendum = () => setAddendum((a) => ({ composing: true, signal: a.signal + 1 }));

  // Signing is not a role permission (the PINs decide): a 交接班长 in line sees the button too.
  const me = operator.employee_no;
  const can: HeaderPermissions = {
    run: canRun,
    sign: canRun || view?.outgoing_lead.person?.employee_no === me,
    receive: canRun || view?.incoming?.lead.person?.employee_no === me,
    designate: canOverride,
  };

  usePageKeys({
    sign: () => {
      if (!view || view.log_id === null) return;
      if (view.status === "awaiting_receipt") {
        if (can.receive) setDialog("receive");
      } else if (can.sign) setDialog("sign");
    },
    print: () => {
      if (view) setDialog("print");
    },
  });

  if (!view) {
    return loaded.error ? <Empty description={errorText(t, loaded.error)} /> : <div className="fd-muted">{t("app.loading")}</div>;
  }
  const close = () => setDialog(null);
  return (
    <div data-testid="handover-log">
      <LogHeader
        log={view}
        zone={zone}
        can={can}
        onOpened={(opened) => loaded.patch(() => opened)}
        onRefusal={setRefusal}
        onDialog={setDialog}
        onAddendum={openAddendum}
      />
      {refusal ? <Refusal error={refusal} canAdd={canRun} onAddendum={openAddendum} onClose={() => setRefusal(null)} /> : null}
      <RollCall log={view} zone={zone} canEdit={canRun} onRefusal={setRefusal} />
      <ItemEntry log={view} />
      <ItemList log={view} />
      <Addenda log={view} zone={zone} canAdd={canRun} composing={addendum.composing} focusSignal={addendum.signal} />
      <div className="fd-muted" data-testid="handover-keys" style={{ marginTop: 12 }}>
        {t("handover.page.keys")}
      </div>
      {dialog === "sign" ? <SignModal log={view} open onClose={close} /> : null}
      {dialog === "receive" ? <ReceiveModal log={view} open onClose={close} /> : null}
      {dialog === "print" ? <HandoverPrint log={view} open onClose={close} /> : null}
    </div>
  );
}
