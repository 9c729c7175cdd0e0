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
    // Vite's default (500 kB): a chunk that grows past it should be split, not the limit raised.
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        // The libraries the first screen needs (the login, then the board), each a chunk of its
        // own rather than one large shared chunk. `$initial` keeps to what start-up loads: a
        // library part that only a lazy page uses (antd's pickers, ECharts, pinyin-pro) stays
        // with that page, loaded when it opens.
        codeSplitting: {
          groups: [
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, tags: ["$initial"], priority: 40 },
            { name: "i18n", test: /[\\/]node_modules[\\/](i18next|react-i18next)[\\/]/, tags: ["$initial"], priority: 30 },
            {
              name: "antd",
              test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@emotion|stylis|classnames|clsx)[\\/]/,
              tags: ["$initial"],
              priority: 20,
              // About 1.3 MB of source: two chunks under the warning limit, fetched side by side.
              maxSize: 1000 * 1024,
            },
            { name: "vendor", test: /[\\/]node_modules[\\/]/, tags: ["$initial"], priority: 10 },
            // Loaded later, each where it is used: ECharts with the first chart (components/Chart),
            // the pinyin dictionary with the first pinyin search (lib/personSearch).
            // ECharts draws through zrender, which knows nothing of ECharts: two chunks, no cycle.
            { name: "zrender", test: /[\\/]node_modules[\\/]zrender[\\/]/, priority: 6 },
            { name: "echarts", test: /[\\/]node_modules[\\/]echarts[\\/]/, priority: 5, includeDependenciesRecursively: false },
            { name: "pinyin", test: /[\\/]node_modules[\\/]pinyin-pro[\\/]/, priority: 5 },
          ],
        },
      },
    },
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
