// The reads 会议与报表 shares, each read again when a write changes complaints/meetings/reports.
import { useBackend } from "../../backend";
import { useLoad } from "../../lib/hooks";
import { monthRange } from "./meetingText";

const TOPICS = ["complaints", "incidents"] as const;

export function useMeetings(month: string) {
  const backend = useBackend();
  const [from, to] = monthRange(month);
  return useLoad(["meetings", "list", month], TOPICS, () => backend.meetings(from, to));
}

export function useReportsDue(month: string) {
  const backend = useBackend();
  const [from, to] = monthRange(month);
  return useLoad(["meetings", "reports", month], TOPICS, () => backend.reportsDue(from, to));
}

export function useReportDuties() {
  const backend = useBackend();
  return useLoad(["meetings", "duties"], [...TOPICS, "agents"], () => backend.reportDuties());
}
