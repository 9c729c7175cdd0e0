import { createContext, useContext } from "react";
import type { AppStatus, Operator, Permission, Site } from "./backend";

export type Session = {
  status: AppStatus;
  operator: Operator;
  site: Site;
  /** Re-read appStatus (site name, operator) after a change. */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession() outside a logged-in shell");
  return s;
}

export function useCan(permission: Permission): boolean {
  return useSession().operator.permissions.includes(permission);
}
