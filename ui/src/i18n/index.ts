import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import dayjs from "dayjs";
import localizedFormat from "dayjs/plugin/localizedFormat";
import "dayjs/locale/zh-cn";
import "dayjs/locale/en";
import zh from "./zh";
import en from "./en";

export type Lang = "zh" | "en";
export const LANG_STORAGE_KEY = "floordesk.lang";

dayjs.extend(localizedFormat);

function storedLanguage(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_STORAGE_KEY);
    return v === "zh" || v === "en" ? v : null;
  } catch {
    return null;
  }
}

/** The user's stored choice, else English for an English system, else Chinese. */
export function detectLanguage(): Lang {
  const stored = storedLanguage();
  if (stored) return stored;
  const nav = typeof navigator !== "undefined" ? navigator.language || "" : "";
  return nav.toLowerCase().startsWith("en") ? "en" : "zh";
}

function applyDayjs(lang: Lang) {
  dayjs.locale(lang === "en" ? "en" : "zh-cn");
  if (typeof document !== "undefined") document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
}

const initial = detectLanguage();
applyDayjs(initial);

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: "zh",
  supportedLngs: ["zh", "en"],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export function currentLanguage(): Lang {
  return i18n.language === "en" ? "en" : "zh";
}

/** Switch and remember the language. */
export function setLanguage(lang: Lang, remember = true) {
  if (remember) {
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      /* private mode: the choice lasts for this session only */
    }
  }
  applyDayjs(lang);
  void i18n.changeLanguage(lang);
}

export default i18n;
