import { useEffect } from "react";

/**
 * Marks (`performance.mark`, once per page load) the moment the screen first shows what `name`
 * stands for: after the frame that draws it, as a task queued from that frame's
 * requestAnimationFrame runs once its style, layout and paint are done. The scripted start-up
 * run (tests/e2e/perf/demo-floor.perf.mjs) reads `fd:login-drawn` and `fd:board-drawn`.
 */
export function useDrawnMark(name: string, ready: boolean) {
  useEffect(() => {
    if (!ready || performance.getEntriesByName(name, "mark").length > 0) return;
    let cancelled = false;
    const frame = requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (!cancelled && performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
        channel.port1.close();
      };
      channel.port2.postMessage(0);
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [name, ready]);
}
