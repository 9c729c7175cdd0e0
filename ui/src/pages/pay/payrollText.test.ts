import { describe, expect, test } from "vitest";
import { decimalText, moneyText, parseYuan } from "./payrollText";

describe("payroll money text", () => {
  test("fen as ¥ with thousands separators and two decimals", () => {
    expect(moneyText(0)).toBe("¥0.00");
    expect(moneyText(5)).toBe("¥0.05");
    expect(moneyText(123456789)).toBe("¥1,234,567.89");
    expect(moneyText(-50000)).toBe("-¥500.00");
  });

  test("yuan typed as text to fen, exactly", () => {
    expect(parseYuan("50,000.00")).toBe(5000000);
    expect(parseYuan(" ¥12.5 ")).toBe(1250);
    expect(parseYuan("0.29")).toBe(29);
    expect(parseYuan("1.005")).toBeNull();
    expect(parseYuan("-3")).toBeNull();
    expect(parseYuan("")).toBeNull();
    expect(parseYuan("5万")).toBeNull();
  });

  test("decimals pass through as typed", () => {
    expect(decimalText(" 0.8 ")).toBe("0.8");
    expect(decimalText("1.")).toBeNull();
    expect(decimalText("abc")).toBeNull();
  });
});
