/**
 * Personal-data masking (DESIGN.md §4: masked by default). Pure.
 * Mobile 13812345678 → 138****5678; landline 010-12345678 → 010-****5678.
 */

/** Digits only: the normalised form used for lookups (repeat detection, search). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, "");
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Area codes with 3 digits: 010 (Beijing) and 02x; every other starts 0 + 3 digits. */
const THREE_DIGIT_AREA = /^0(10|2\d)/;

/**
 * Whether a number can receive SMS: a mainland mobile number (optionally with +86 / 0086).
 * Landlines (and anything else) are told by a call instead.
 */
export function canReceiveSms(phone: string): boolean {
  const d = phoneDigits(phone).replace(/^(0086|86)(?=1\d{10}$)/, "");
  return MOBILE.test(d);
}

/**
 * What a list shows for a personal field that could not be decrypted (server/lib/personal-data.ts);
 * the masks keep it as it is, so the reader sees why the value is missing.
 */
export const UNREADABLE_VALUE = "〔无法解密〕";

export function maskPhone(phone: string): string {
  if (phone === UNREADABLE_VALUE) return phone;
  const trimmed = phone.trim();
  const digits = phoneDigits(trimmed);
  if (MOBILE.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.startsWith("0") && digits.length >= 10) {
    // Drop any extension: the local number is the part after the area code.
    const parts = trimmed.split("-");
    let area: string;
    let local: string;
    if (parts.length >= 2 && /^0\d{2,3}$/.test(parts[0]!)) {
      area = parts[0]!;
      local = parts[1]!;
    } else {
      const areaLen = THREE_DIGIT_AREA.test(digits) ? 3 : 4;
      area = digits.slice(0, areaLen);
      local = digits.slice(areaLen);
    }
    return `${area}-****${local.slice(-4)}`;
  }
  // Anything else: keep only the last 4 digits visible.
  return digits.length > 4 ? `****${digits.slice(-4)}` : "****";
}

/** 张三 → 张*, 欧阳娜娜 → 欧***; for public pages that must not show a full name. */
export function maskName(name: string): string {
  if (name === UNREADABLE_VALUE) return name;
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length === 1 ? "*" : "";
  return chars[0] + "*".repeat(chars.length - 1);
}
