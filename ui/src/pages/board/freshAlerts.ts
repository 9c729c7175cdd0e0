// Alerts just raised sound once and flash for a few seconds, on the board's panel and on the
// wallboard alike.
import { useEffect, useState } from "react";
import { useBackend, type Alert } from "../../backend";
import { beep } from "./boardUtil";

/** One alert's identity on the board: the backend records each once per agent, rule and instant. */
export const alertKey = (a: Alert) => `${a.agent}|${a.rule}|${a.at}`;

const FLASH_MS = 4000;

/** The keys of the alerts raised in the last few seconds; each new batch beeps. */
export function useFreshAlerts(): ReadonlySet<string> {
  const backend = useBackend();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(
    () =>
      backend.onAlertsRaised((alerts) => {
        if (alerts.length === 0) return;
        beep();
        const keys = alerts.map(alertKey);
        setFresh((s) => new Set([...s, ...keys]));
        setTimeout(
          () =>
            setFresh((s) => {
              const n = new Set(s);
              keys.forEach((k) => n.delete(k));
              return n;
            }),
          FLASH_MS,
        );
      }),
    [backend],
  );
  return fresh;
}
