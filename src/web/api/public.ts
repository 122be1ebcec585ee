import type {
  PublicNotice,
  PublicProgressView as PublicProgress,
  PublicSubmitInput as PublicSubmit,
  PublicSubmitResult,
} from "../../contracts/public.js";
import type { PublicRatingState, Rating } from "../../contracts/results.js";
import { api } from "./client.js";

/**
 * The public portal's API (no account). Plain promises, no query library: the portal is its own
 * small bundle for phones. The shapes are the contract's (src/contracts/public.ts), imported as
 * types only so zod stays out of the portal's bundle.
 */

export type { PublicNotice, PublicProgress, PublicRatingState, PublicSubmit, PublicSubmitResult, Rating };
export type NoticeChannel = PublicNotice["channels"][number];

/**
 * A random UUID for the Idempotency-Key header. crypto.randomUUID only exists in secure
 * contexts; a center may serve the console over plain HTTP on its LAN, getRandomValues always works.
 */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// No session here: never ask for a CSRF token or treat a 401 as a logout.
const PUBLIC = { skipAuthRedirect: true } as const;

let noticeCache: Promise<PublicNotice> | null = null;
/** The notice rarely changes; one request per page load, shared by every screen. */
export function fetchNotice(): Promise<PublicNotice> {
  noticeCache ??= api<PublicNotice>("/public/notice", PUBLIC).catch((e) => {
    noticeCache = null;
    throw e;
  });
  return noticeCache;
}

export function submitPublicAppeal(body: PublicSubmit, idempotencyKey: string): Promise<PublicSubmitResult> {
  return api<PublicSubmitResult>("/public/appeals", {
    ...PUBLIC,
    method: "POST",
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function trackPublicAppeal(
  trackingNo: string,
  by: { queryCode: string } | { phone: string },
): Promise<PublicProgress> {
  return api<PublicProgress>(`/public/appeals/${encodeURIComponent(trackingNo)}`, { ...PUBLIC, query: by });
}

type Secret = { queryCode: string } | { phone: string };

/** 评价: may the requester rate now, what was said, and a rectification under way. */
export function fetchRatingState(trackingNo: string, by: Secret): Promise<PublicRatingState> {
  return api<PublicRatingState>(`/public/appeals/${encodeURIComponent(trackingNo)}/rating`, {
    ...PUBLIC,
    query: by,
  });
}

export function ratePublicAppeal(
  trackingNo: string,
  body: Secret & { level: number; resolved?: boolean; comment?: string },
): Promise<Rating> {
  return api<Rating>(`/public/appeals/${encodeURIComponent(trackingNo)}/rating`, {
    ...PUBLIC,
    method: "POST",
    body,
  });
}
