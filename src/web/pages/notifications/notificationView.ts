import { SUPERVISION_KIND_LABELS, type SupervisionKind } from "../../../contracts/supervision.js";

/**
 * The console path a message opens, or null. Only same-origin paths ("/appeals/42") are
 * followed: a stored link is data, and "//host" or "javascript:" must never become a navigation.
 */
export function consoleLink(link: string | null | undefined): string | null {
  if (!link) return null;
  const l = link.trim();
  if (!l.startsWith("/") || l.startsWith("//") || l.startsWith("/\\")) return null;
  return l;
}

/** 催办 / 督办 / 通报 for a message kind ("reminder" or "supervision.reminder"); null for others. */
export function kindLabel(kind: string): string | null {
  const k = kind.startsWith("supervision.") ? kind.slice("supervision.".length) : kind;
  if (k === "order") return SUPERVISION_KIND_LABELS.supervision;
  return Object.hasOwn(SUPERVISION_KIND_LABELS, k) ? SUPERVISION_KIND_LABELS[k as SupervisionKind] : null;
}

/** The kind tag to show beside a title, or null when there is none or the title already says it ("催办：…"). */
export function kindTag(kind: string, title: string): string | null {
  const label = kindLabel(kind);
  return label && !title.startsWith(label) ? label : null;
}

/** Tag colours of the kinds: a 通报 is the most serious. */
export const KIND_COLORS: Record<string, string> = {
  催办: "gold",
  督办: "orange",
  通报: "red",
};

/** "3 条未读" / "没有未读消息" for the bell's label. */
export function unreadText(n: number): string {
  return n > 0 ? `${n > 99 ? "99+" : n} 条未读消息` : "没有未读消息";
}
