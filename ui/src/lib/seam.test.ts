// The UI restates no rule of the backend's: policy keys, limits and the permission table live in
// Rust and reach the UI through the generated bindings. This walks every source file that is
// neither a test nor generated.
import { describe, expect, test } from "vitest";
import { POLICY_CATALOGUE } from "../backend";

const sources = import.meta.glob<string>(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../test/**", "!../bindings.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("the seam", () => {
  test("walks the UI's sources", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(40);
    expect(Object.keys(sources)).toContain("../pages/settings/SettingsPage.tsx");
  });

  test("no source names a policy key", () => {
    for (const [file, text] of Object.entries(sources)) {
      // As a string: a board field may share a setting's name (`board.line_full_max_idle`).
      for (const { key } of POLICY_CATALOGUE) {
        const quoted = new RegExp(`["'\`]${key}\\b`);
        expect(quoted.test(text), `${file} names ${key}`).toBe(false);
      }
    }
  });

  test("no source restates a limit or a permission table", () => {
    const restated = [
      /\\d\{4,8\}/, // the PIN pattern
      /\bmax(Length)?[:=]\s*\{?\s*(20|40|500)\b/, // a name, 工号 or grid bound
      /\b(supervisor|team_lead|manager|agent)\s*:\s*\[\s*"(view|manage|operate)_/, // role → permissions
    ];
    for (const [file, text] of Object.entries(sources)) {
      for (const pattern of restated) expect(pattern.test(text), `${file} matches ${pattern}`).toBe(false);
    }
  });
});
