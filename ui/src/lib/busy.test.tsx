import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useBusy } from "./hooks";

describe("useBusy", () => {
  it("is busy while the work runs and hands a failure to its handler", async () => {
    const onError = vi.fn();
    const { result } = renderHook(() => useBusy(onError));
    let finish!: () => void;
    let running!: Promise<void>;
    act(() => {
      running = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)));
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await running;
    });
    expect(result.current.busy).toBe(false);
    await act(() => result.current.run(() => Promise.reject(new Error("refused"))));
    expect(onError).toHaveBeenCalledWith(new Error("refused"));
    expect(result.current.busy).toBe(false);
  });

  it("without a handler the caller's await sees the failure, and the spinner stops", async () => {
    const { result } = renderHook(() => useBusy());
    await act(async () => {
      await expect(result.current.run(() => Promise.reject(new Error("nope")))).rejects.toThrow("nope");
    });
    expect(result.current.busy).toBe(false);
  });
});
