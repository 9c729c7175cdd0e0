import { describe, expect, test } from "vitest";
import i18n from "../i18n";
import { BackendError } from "../backend";
import { errorText, issueText } from "./errors";

/** Every code the Rust backend sends, with the params it fills in. */
const BACKEND_CODES: Record<string, string[]> = {
  "agent.duplicate_employee_no": ["employee_no"],
  "agent.inactive": [],
  "auth.forbidden": [],
  "auth.inactive": [],
  "auth.locked": ["seconds"],
  "auth.not_logged_in": [],
  "auth.wrong_pin": ["remaining"],
  "db.busy": [],
  "db.error": [],
  "db.newer_schema": ["found", "supported"],
  "db.not_floordesk": [],
  "export.failed": ["path"],
  "import.invalid": ["file", "count", "row", "field"],
  "import.unreadable": ["file"],
  "import.unsupported_file": ["file"],
  "io.error": ["path"],
  not_found: ["entity", "id"],
  "policy.unknown_key": ["key"],
  "restore.bad_backup": ["file"],
  "seat.duplicate_code": ["code"],
  "seat.inactive": [],
  "seat.taken": ["seat", "employee_no"],
  "setup.already_done": [],
  "site.not_initialized": [],
  "team.duplicate_name": ["name"],
  "team.has_agents": ["count"],
  "team.inactive": [],
  "user.agent_linked": ["employee_no"],
  "user.duplicate_name": ["name"],
  "user.last_supervisor": [],
  "user.unknown_employee_no": ["employee_no"],
  "validation.employee_no": ["value"],
  "validation.local_time": [],
  "validation.out_of_range": ["min", "max", "value"],
  "validation.pin": ["min", "max"],
  "validation.position": [],
  "validation.required": ["field"],
  "validation.time_zone": ["value"],
  "validation.too_long": ["field", "max"],
  internal: [],
};

/** ImportIssue codes: shown in the import error table, with `value` and `field` but no params. */
const ISSUE_CODES = [
  "import.missing_column",
  "import.required",
  "import.bad_level",
  "import.bad_date",
  "import.bad_kind",
  "import.duplicate_in_file",
  "import.seat_taken",
  "import.seat_inactive",
  "import.team_inactive",
  "import.invalid_value",
  "import.empty",
];

describe("error texts", () => {
  for (const lng of ["zh", "en"]) {
    test(`every backend code has a ${lng} text that uses all its params`, () => {
      const t = i18n.getFixedT(lng);
      for (const [code, names] of Object.entries(BACKEND_CODES)) {
        const key = `errors.${code}`;
        expect(i18n.exists(key, { lng }), `${lng} ${key}`).toBe(true);
        const params = Object.fromEntries(names.map((n) => [n, `«${n}»`]));
        const text = errorText(t, new BackendError(code, "ENGLISH FALLBACK", params));
        // db.error and internal carry the backend's own words (SQLite's, a panic's) on purpose.
        if (code === "db.error" || code === "internal") expect(text, `${lng} ${code}`).toContain("ENGLISH FALLBACK");
        else expect(text, `${lng} ${code}`).not.toContain("ENGLISH FALLBACK");
        expect(text, `${lng} ${code}`).not.toMatch(/\{\{|\}\}/);
        for (const n of names) {
          // field and entity are translated when they name a known field or entity.
          if (n === "field" && code !== "import.invalid") continue;
          if (n === "entity") continue;
          expect(text, `${lng} ${code} shows ${n}`).toContain(`«${n}»`);
        }
      }
    });

    test(`every import issue code has a ${lng} text`, () => {
      const t = i18n.getFixedT(lng);
      for (const code of ISSUE_CODES) {
        const text = issueText(t, { code, message: "ENGLISH FALLBACK", value: "x", field: "职级" });
        expect(text, `${lng} ${code}`).not.toContain("ENGLISH FALLBACK");
        expect(text, `${lng} ${code}`).not.toMatch(/\{\{|\}\}/);
      }
    });
  }

  test("fields and entities in params are translated; the file's column header is not", () => {
    const t = i18n.getFixedT("zh");
    expect(errorText(t, new BackendError("validation.required", "", { field: "employee_no" }))).toBe("工号为必填项");
    expect(errorText(t, new BackendError("validation.too_long", "", { field: "site name", max: "40" }))).toBe("站点名称不能超过 40 个字");
    expect(errorText(t, new BackendError("not_found", "", { entity: "team", id: "7" }))).toBe("找不到该班组（7），可能已被删除");
    expect(
      errorText(t, new BackendError("import.invalid", "", { file: "名单.csv", count: "2", row: "7", field: "level" })),
    ).toBe("文件 名单.csv 有 2 处错误（第一处在第 7 行“level”列），未写入任何数据");
    expect(errorText(i18n.getFixedT("en"), new BackendError("seat.taken", "", { seat: "A01", employee_no: "1001" }))).toBe(
      "Seat A01 is held by employee no. 1001; move them first",
    );
  });

  test("unknown codes fall back to the backend's English message; thrown values become internal", () => {
    const t = i18n.getFixedT("zh");
    expect(errorText(t, new BackendError("shift.overlap", "shifts overlap"))).toBe("shifts overlap");
    expect(errorText(t, new Error("IPC closed"))).toBe("程序内部错误：IPC closed");
    // Tauri rejects with a bare string when a command's arguments do not deserialize.
    expect(errorText(t, "invalid args `input`")).toBe("程序内部错误：invalid args `input`");
    expect(errorText(t, { code: "auth.locked", message: "locked", params: { seconds: "30" } })).toBe("尝试次数过多，请 30 秒后再试");
  });
});
