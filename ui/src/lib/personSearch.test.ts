import { act, renderHook, waitFor } from "@testing-library/react";
import { beforeAll, describe, expect, test } from "vitest";
import { loadPinyin, matchesPerson, nameSyllables, pinyinReady } from "./personSearch";

const wangJing = { employee_no: "1001", name: "王静" };

describe("matchesPerson", () => {
  beforeAll(async () => {
    await loadPinyin();
    expect(pinyinReady()).toBe(true);
  });

  test("王静 by pinyin initials, full pinyin, a mix, 工号 and name", () => {
    for (const q of ["wj", "WJ", " wj ", "wangjing", "WangJing", "wang jing", "wangj", "wangji", "wjing", "jing", "j", "1001", "100", "王", "静", "王静"]) {
      expect(matchesPerson(q, wangJing), q).toBe(true);
    }
  });

  test("an empty query matches everyone", () => {
    expect(matchesPerson("", wangJing)).toBe(true);
    expect(matchesPerson("   ", { name: "张伟" })).toBe(true);
  });

  test("what is not in the 工号, the name or its pinyin does not match", () => {
    for (const q of ["zw", "wangjin g x", "wjx", "angjing", "1002", "张", "wangjingg", "jw", "w-j"]) {
      expect(matchesPerson(q, wangJing), q).toBe(false);
    }
  });

  test("surnames are read as surnames", () => {
    expect(nameSyllables("曾小贤")).toEqual(["zeng", "xiao", "xian"]);
    expect(matchesPerson("zeng", { name: "曾小贤" })).toBe(true);
    expect(matchesPerson("zxx", { name: "曾小贤" })).toBe(true);
    expect(matchesPerson("shantf", { name: "单田芳" })).toBe(true);
    expect(matchesPerson("xiexd", { name: "解晓东" })).toBe(true);
    // ...while the given name keeps its ordinary reading.
    expect(matchesPerson("zengceng", { name: "曾曾" })).toBe(true);
  });

  test("ü is typed as v; latin letters in a name are kept", () => {
    expect(matchesPerson("lv", { name: "吕方" })).toBe(true);
    expect(matchesPerson("annal", { name: "Anna 李" })).toBe(true);
    expect(matchesPerson("ANNA", { name: "Anna 李" })).toBe(true);
  });

  test("a person without a 工号 matches by name and pinyin", () => {
    expect(matchesPerson("shl", { name: "沈丽华" })).toBe(true);
    expect(matchesPerson("1001", { name: "沈丽华" })).toBe(false);
  });

  test("each name's pinyin is worked out once", () => {
    const first = nameSyllables("王静");
    expect(nameSyllables("王静")).toBe(first);
  });
});

describe("before the pinyin dictionary is loaded", () => {
  test("a query matches by 工号 and name; the hook's matcher changes once pinyin is in", async () => {
    // A second copy of the module (another id to the module runner), its dictionary not loaded yet.
    const fresh = (await import(/* @vite-ignore */ `./personSearch.ts?fresh=${Date.now()}`)) as typeof import("./personSearch");
    expect(fresh.pinyinReady()).toBe(false);
    expect(fresh.matchesPerson("1001", wangJing)).toBe(true);
    expect(fresh.matchesPerson("王", wangJing)).toBe(true);
    expect(fresh.matchesPerson("10", { employee_no: "2001", name: "李娜" })).toBe(false);

    const { result } = renderHook(() => fresh.usePersonMatcher());
    const before = result.current;
    // Opening a search, or a 工号, name or digits typed in it, does not load the dictionary.
    await new Promise((r) => setTimeout(r, 50));
    expect(fresh.pinyinReady()).toBe(false);
    expect(result.current).toBe(before);
    // The first query that needs pinyin starts the load; the component gets a new matcher when it is in.
    expect(before("wj", wangJing)).toBe(false);
    await waitFor(() => expect(result.current).not.toBe(before));
    await act(() => fresh.loadPinyin());
    expect(result.current("wj", wangJing)).toBe(true);
    // Nothing worked out without the dictionary was kept.
    expect(fresh.nameSyllables("王静")).toEqual(["wang", "jing"]);
  });
});
