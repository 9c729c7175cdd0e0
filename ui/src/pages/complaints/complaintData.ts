// The reads the 投诉处理 page shares (one cache entry each, read again when a write changes their
// topic), and the step a drawer takes.
import { useBackend, type ComplaintQuery } from "../../backend";
import { useLoad } from "../../lib/hooks";
import { useCan } from "../../session";

const TOPICS = ["complaints", "incidents"] as const;

export function useComplaints(query: ComplaintQuery) {
  const backend = useBackend();
  return useLoad(["complaints", "list", query], TOPICS, () => backend.complaints(query));
}

export function useComplaint(id: number) {
  const backend = useBackend();
  return useLoad(["complaints", "one", id], TOPICS, () => backend.complaint(id));
}

export function useCauses() {
  const backend = useBackend();
  return useLoad(["complaints", "causes"], TOPICS, () => backend.complaintCauses());
}

/** Active agents, for the pickers (none asked for without view_people). */
export function useAgents() {
  const backend = useBackend();
  const canView = useCan("view_people");
  return useLoad(["complaints", "agents", canView], ["agents", "teams"], () => (canView ? backend.listAgents(false) : Promise.resolve([])));
}

/** Teams (none asked for without view_people). */
export function useTeams() {
  const backend = useBackend();
  const canView = useCan("view_people");
  return useLoad(["complaints", "teams", canView], ["teams"], () => (canView ? backend.listTeams() : Promise.resolve([])));
}
