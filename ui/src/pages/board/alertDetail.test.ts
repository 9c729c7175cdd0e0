import i18n from "../../i18n";
import { afterAll, describe, expect, test } from "vitest";
import { alertDetail } from "./alertDetail";

// Each detail exactly as the engine writes it (domain floor/engine.rs), in Chinese and English.
const cases: [string, string, string][] = [
  ["signed_out at shift start - 3 min, not signed in and ready", "班前 3 分钟仍为“离线”，未签入并置为空闲", "Offline at shift start − 3 min: not signed in and idle"],
  ["signed out from shift start to shift start + 30 min", "上班后 30 分钟仍未签入", "still offline 30 min after shift start"],
  ["signed out 1h 2m 3s before shift end (grace 0 min)", "提前 1 小时 2 分 3 秒 签出（宽限 0 分钟）", "signed out 1 h 2 min 3 s before shift end (grace 0 min)"],
  ["small break of 10m 1s exceeds 10 min", "小休 10 分 1 秒，超过 10 分钟", "small break of 10 min 1 s, over 10 min"],
  ["meal of 30m 1s exceeds 30 min", "用餐 30 分 1 秒，超过 30 分钟", "meal of 30 min 1 s, over 30 min"],
  ["small breaks total 30m 1s exceeds 30 min", "本班小休累计 30 分 1 秒，超过 30 分钟", "small breaks this shift total 30 min 1 s, over 30 min"],
  ["1 agent ready (guard 3)", "开始小休时空闲仅 1 人（满线标准 ≤ 3 人）", "1 idle when the break started (guard 3)"],
  ["line full announced; 5 agents ready (guard 3)", "已宣布满线时开始小休（空闲 5 人，满线标准 ≤ 3 人）", "started while line full was announced (5 idle, guard 3)"],
];

describe("alert details in the user's language", () => {
  afterAll(() => i18n.changeLanguage("zh"));

  test.each(cases)("%s", async (detail, zh, en) => {
    await i18n.changeLanguage("zh");
    expect(alertDetail(detail, i18n.t)).toBe(zh);
    await i18n.changeLanguage("en");
    expect(alertDetail(detail, i18n.t)).toBe(en);
  });

  test("a shape it does not know is shown as written", () => {
    expect(alertDetail("something new", i18n.t)).toBe("something new");
  });
});
