import { describe, expect, test } from "vitest";
import { toChineseAmount } from "./chineseAmount";

describe("toChineseAmount", () => {
  test.each([
    [1000, "壹拾元整"],
    [12345, "壹佰贰拾叁元肆角伍分"],
    [0, "零元整"],
    [100, "壹元整"],
    [5000, "伍拾元整"],
    [1005, "壹拾元零伍分"],
    [1050, "壹拾元伍角整"],
    [50, "伍角整"],
    [5, "伍分"],
    [100000, "壹仟元整"],
    [101000, "壹仟零壹拾元整"],
    [1000000, "壹万元整"],
    [1005000, "壹万零伍拾元整"],
    [10010000, "壹拾万零壹佰元整"],
    [12000000, "壹拾贰万元整"],
    [100000000000, "壹拾亿元整"],
    [-500, "负伍元整"],
  ])("%d fen → %s", (fen, text) => {
    expect(toChineseAmount(fen)).toBe(text);
  });
});
