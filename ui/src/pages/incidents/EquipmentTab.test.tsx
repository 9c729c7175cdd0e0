// 设备价目表: prices shown in yuan; a price typed in yuan is saved in fen (new and changed
// entries); nothing to change without manage_rule_book.
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, EquipmentInput, EquipmentItem, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderTab } from "./bookTestKit";
import { EquipmentTab } from "./EquipmentTab";

const items = (): EquipmentItem[] => [
  { id: 1, code: "mouse", name_zh: "鼠标", name_en: "Mouse", price_fen: 5000, active: true },
  { id: 2, code: "headset", name_zh: "耳机", name_en: "Headset", price_fen: 12800, active: true },
  { id: 3, code: "desk_phone", name_zh: "座机", name_en: "Desk phone", price_fen: 30000, active: false },
];

async function open(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    equipmentItems: () => Promise.resolve(items()),
    saveEquipmentItem: (input: EquipmentInput) => Promise.resolve({ id: 9, ...input }),
    ...overrides,
  });
  const r = renderTab(<EquipmentTab />, backend, role);
  await screen.findByTestId("equipment-mouse");
  return r;
}

describe("equipment tab", () => {
  test("the price list in yuan, inactive entries marked", async () => {
    await open();
    expect(screen.getByTestId("equipment-headset")).toHaveTextContent("耳机");
    expect(screen.getByTestId("equipment-headset")).toHaveTextContent("Headset");
    expect(screen.getByTestId("equipment-price-headset")).toHaveTextContent("¥128.00");
    expect(screen.getByTestId("equipment-desk_phone")).toHaveTextContent("已停用");
    expect(screen.getByTestId("equipment-mouse")).toHaveTextContent("启用");
  });

  test("a new entry: the price typed in yuan is saved in fen", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("equipment-add"));
    await screen.findByTestId("equipment-editor");
    await user.type(screen.getByTestId("equipment-code"), " keyboard ");
    await user.type(screen.getByTestId("equipment-name-zh"), "键盘");
    await user.type(screen.getByTestId("equipment-name-en"), "Keyboard");
    await user.type(screen.getByTestId("equipment-price"), "79.9");
    await user.click(screen.getByTestId("equipment-save"));
    await waitFor(() => expect(backend.saveEquipmentItem).toHaveBeenCalledTimes(1));
    expect(backend.saveEquipmentItem).toHaveBeenCalledWith({ code: "keyboard", name_zh: "键盘", name_en: "Keyboard", price_fen: 7990, active: true });
    await waitFor(() => expect(screen.queryByTestId("equipment-editor")).not.toBeInTheDocument());
  });

  test("editing a price keeps the code and sends the new price in fen", async () => {
    const { user, backend } = await open();
    await user.click(screen.getByTestId("equipment-edit-headset"));
    await screen.findByTestId("equipment-editor");
    expect(screen.getByTestId("equipment-code")).toBeDisabled();
    expect(screen.getByTestId("equipment-price")).toHaveValue("128.00");
    await user.clear(screen.getByTestId("equipment-price"));
    await user.type(screen.getByTestId("equipment-price"), "135.5");
    await user.click(screen.getByTestId("equipment-active"));
    await user.click(screen.getByTestId("equipment-save"));
    await waitFor(() => expect(backend.saveEquipmentItem).toHaveBeenCalledTimes(1));
    expect(backend.saveEquipmentItem).toHaveBeenCalledWith({ code: "headset", name_zh: "耳机", name_en: "Headset", price_fen: 13550, active: false });
  });

  test("without manage_rule_book: the list only", async () => {
    await open("team_lead");
    expect(screen.queryByTestId("equipment-add")).not.toBeInTheDocument();
    expect(screen.queryByTestId("equipment-edit-mouse")).not.toBeInTheDocument();
  });
});
