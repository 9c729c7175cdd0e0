// 大写金额 for the printed notices: integer fen → 壹拾元整, 壹佰贰拾叁元肆角伍分, 零元整. Written
// as money is written on vouchers: 壹拾 (never a bare 拾), one 零 for any run of zeros inside the
// number, 整 after 元 or 角, none after 分.

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const PLACES = ["", "拾", "佰", "仟"];
const SECTIONS = ["", "万", "亿", "万亿"];

/** 1–9999 in words, zeros inside as one 零, trailing zeros dropped. */
function sectionText(n: number): string {
  let out = "";
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += DIGITS[d] + PLACES[i];
  }
  return out;
}

/** A whole number of yuan in words (0 → 零). */
function integerText(n: number): string {
  if (n === 0) return "零";
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) sections.push(rest % 10000);
  let out = "";
  let gap = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i];
    if (s === 0) {
      if (out) gap = true;
      continue;
    }
    // A zero between sections (壹万零伍佰) or a section not filling its four places (壹拾万零壹佰).
    if (out && (gap || s < 1000)) out += "零";
    gap = false;
    out += sectionText(s) + SECTIONS[i];
  }
  return out;
}

/** Integer fen as 大写: 1000 → 壹拾元整, 12345 → 壹佰贰拾叁元肆角伍分, 0 → 零元整, −500 → 负伍元整. */
export function toChineseAmount(fen: number): string {
  if (!Number.isFinite(fen)) return "";
  const whole = Math.round(fen);
  const sign = whole < 0 ? "负" : "";
  const abs = Math.abs(whole);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const cents = abs % 10;
  if (abs === 0) return "零元整";
  let out = yuan > 0 ? `${integerText(yuan)}元` : "";
  if (jiao === 0 && cents === 0) return `${sign}${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += "零";
  out += cents > 0 ? `${DIGITS[cents]}分` : "整";
  return sign + out;
}
