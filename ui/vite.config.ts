/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The tests run on China Standard Time, as the floors do, so local-time formatting is checked
// against a real offset from UTC whatever the machine's zone (it must be set before the test
// workers start; a worker cannot change it).
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
if (env.VITEST) env.TZ = "Asia/Shanghai";

// Tauri expects a fixed dev port and a plain static build in dist/.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**"] },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    outDir: "dist",
    target: "es2021",
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    testTimeout: 20000,
    pool: "threads",
    isolate: false,
  },
});
