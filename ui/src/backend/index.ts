// The one door to the backend. Pages and components use `useBackend()` and the types from
// `./types`; only this folder knows the generated `bindings.ts`.
import { createContext, createElement, useContext, type ReactNode } from "react";
import type { Backend } from "./types";

export * from "./types";

export function isTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** The desktop implementation. Outside the app (a plain browser) there is no backend to reach. */
export async function createBackend(): Promise<Backend> {
  if (!isTauri()) throw new Error("FloorDesk's pages run inside the FloorDesk app (scripts/demo.sh starts it)");
  const { createTauriBackend } = await import("./tauri");
  return createTauriBackend();
}

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children?: ReactNode }) {
  return createElement(BackendContext.Provider, { value: backend }, children);
}

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (!backend) throw new Error("useBackend() outside <BackendProvider>");
  return backend;
}
