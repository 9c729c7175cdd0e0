import { describe, expect, test } from "vitest";
import i18n from "../i18n";
import { BackendError, ERROR_CODES, type ErrorCode } from "../backend";
import { errorText, issueText } from "./errors";

/** Row-level codes: an import issue's text, filled with the cell's `value` and the column's `field`. */
const isRowCode = (code: string, params: readonly string[]) => /^(import|events)\./.test(code) && params.length === 0;

describe("error texts", () => {
  for (const lng of ["zh", "en"]) {
    test(`every code the backend can send has a ${lng} text that uses all its params`, () => {
      const t = i18n.getFixedT(lng);
      expect(ERROR_CODES.length).toBeGreaterThan(60);
      for (const { code, params } of ERROR_CODES) {
        const key = `errors.${code}`;
        expect(i18n.exists(key, { lng }), `${lng} ${key}`).toBe(true);
        if (isRowCode(code, params)) {
          const text = issueText(t, { code, message: "ENGLISH FALLBACK", value: "x", field: "职级" });
          expect(text, `${lng} ${code}`).not.toContain("ENGLISH FALLBACK");
          expect(text, `${lng} ${code}`).not.toMatch(/\{\{|\}\}/);
          continue;
        }
        const filled = Object.fromEntries(params.map((n) => [n, `«${n}»`]));
        const text = errorText(t, new BackendError(code, "ENGLISH FALLBACK", filled));
        // db.error and internal carry the backend's own words (SQLite's, a panic's) on purpose.
        if (code === "db.error" || code === "internal") expect(text, `${lng} ${code}`).toContain("ENGLISH FALLBACK");
        else expect(text, `${lng} ${code}`).not.toContain("ENGLISH FALLBACK");
        expect(text, `${lng} ${code}`).not.toMatch(/\{\{|\}\}/);
        for (const n of params) {
          // field and entity are translated when they name a known field or entity.
          if (n === "field" && code !== "import.invalid") continue;
          if (n === "entity") continue;
          expect(text, `${lng} ${code} shows ${n}`).toContain(`«${n}»`);
        }
      }
    });

    test(`no ${lng} error text is left for a code nobody sends`, () => {
      const known = new Set<string>(ERROR_CODES.map((c) => c.code));
      const texts = i18n.getResourceBundle(lng, "translation").errors as Record<string, unknown>;
      const keys = Object.entries(texts).flatMap(([k, v]) =>
        typeof v === "string" ? [k] : Object.keys(v as Record<string, string>).map((sub) => `${k}.${sub}`),
      );
      // title and unknown are the UI's own words around any error.
      const unused = keys.filter((k) => !known.has(k) && k !== "unknown" && k !== "title");
      expect(unused).toEqual([]);
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
    // A code from a newer backend than these texts.
    expect(errorText(t, new BackendError("shift.overlap" as ErrorCode, "shifts overlap"))).toBe("shifts overlap");
    expect(errorText(t, new Error("IPC closed"))).toBe("程序内部错误：IPC closed");
    // Tauri rejects with a bare string when a command's arguments do not deserialize.
    expect(errorText(t, "invalid args `input`")).toBe("程序内部错误：invalid args `input`");
    expect(errorText(t, { code: "auth.locked", message: "locked", params: { seconds: "30" } })).toBe("尝试次数过多，请 30 秒后再试");
  });
});
