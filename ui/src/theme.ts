import type { ThemeConfig } from "antd";

export const FONT_FAMILY =
  '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

export const theme: ThemeConfig = {
  token: {
    fontFamily: FONT_FAMILY,
    colorPrimary: "#1d5fd6",
    borderRadius: 6,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: "#ffffff", siderBg: "#0f2240", headerHeight: 52, headerPadding: "0 20px" },
    Menu: { darkItemBg: "#0f2240", darkSubMenuItemBg: "#0c1b33", darkItemSelectedBg: "#1d5fd6" },
    Table: { cellPaddingBlockSM: 6 },
  },
};
