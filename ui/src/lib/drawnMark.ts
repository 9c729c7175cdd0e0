import { useEffect } from "react";

/**
 * Marks (`performance.mark`, once per page load) the moment the screen first shows what `name`
 * stands for: after the frame that draws it: a task queued from that frame's
 * requestAnimationFrame runs once its style, layout and paint are done. The scripted start-up
 * run (tests/e2e/perf/demo-floor.perf.mjs) reads `fd:login-drawn` and `fd:board-drawn`.
 */
export function useDrawnMark(name: string, ready: boolean) {
  useEffect(() => {
    if (!ready || performance.getEntriesByName(name, "mark").length > 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [name, ready]);
}
