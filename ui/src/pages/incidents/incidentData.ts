// The reads the 违规与奖惩 page, its dialogs and the board's 记为违规 share (one cache entry each,
// read again when a write changes their topic).
import { ROLE_PERMISSIONS, useBackend, type LoginUser, type Permission, type Role } from "../../backend";
import { useLoad } from "../../lib/hooks";
import { zhCollator } from "../../lib/format";

/** The rule book as of its newest versions (the same entry the 规则目录 tab reads). */
export function useIncidentRules() {
  const backend = useBackend();
  return useLoad(["incidents", "rules"], ["incidents"], () => backend.incidentRules());
}

/** The month's incidents as far as the operator sees, newest first. */
export function useIncidents(month: string) {
  const backend = useBackend();
  return useLoad(["incidents", "list", month], ["incidents"], () => backend.incidents({ month, team_id: null, employee_no: null, id: null }));
}

export function useActiveAgents(enabled = true) {
  const backend = useBackend();
  return useLoad(["incidents", "agents", enabled], ["agents", "teams"], () => (enabled ? backend.listAgents(false) : Promise.resolve([])));
}

export function useLoginUsers() {
  const backend = useBackend();
  return useLoad(["incidents", "loginUsers"], ["users"], () => backend.listLoginUsers());
}

export function usePublications(month: string) {
  const backend = useBackend();
  return useLoad(["incidents", "publications", month], ["incidents"], () => backend.ledgerPublications(month));
}

function rolesWith(permission: Permission): Role[] {
  return ROLE_PERMISSIONS.filter((r) => (r.permissions as readonly string[]).includes(permission)).map((r) => r.role as Role);
}

/** Login users whose role holds `permission`, by role as ROLE_PERMISSIONS lists them, then by name. */
export function usersWith(users: readonly LoginUser[], permission: Permission): LoginUser[] {
  const roles = rolesWith(permission);
  return users
    .filter((u) => roles.includes(u.role))
    .sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role) || zhCollator.compare(a.display_name, b.display_name));
}
