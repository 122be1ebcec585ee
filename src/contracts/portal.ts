/**
 * The zod-free part of the contracts: patterns and lengths the API checks and the labels the public
 * portal shows. The portal imports only this file (and types), so its small bundle for phones
 * checks the same rules as the server without carrying zod; the schemas in appeals.ts,
 * accounts.ts and public.ts are built from the same constants.
 */

/** Mobile (1[3-9]xxxxxxxxx) or landline with area code (0xx[x]-xxxxxxx[x], optional -ext). */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;

/**
 * 受理编号: the local date of recording plus a daily sequence of at least 4 digits, prefixed by
 * the center code when the deployment hosts more than the default center (src/core/tracking.ts).
 */
export const TRACKING_NO_PATTERN = /^(?:[A-Z0-9_-]{1,32}-)?\d{8}\d{4,}$/;
/** 查询码: six digits given to the requester with the tracking number. */
export const QUERY_CODE_PATTERN = /^\d{6}$/;

/** Lengths of an appeal's text fields (诉求内容, 诉求人). */
export const APPEAL_TEXT_LIMITS = {
  contentMin: 5,
  contentMax: 4000,
  nameMax: 50,
  orgNameMax: 100,
  contactPersonMax: 50,
  addressMax: 200,
} as const;

/**
 * 联系地址 is a record element (受理 记录要素: 姓名、地址、联系电话、时间、方式、诉求): an intake by staff or
 * on the portal gives an address or records that the requester declined to give one.
 */
export const ADDRESS_DECLINED_LABEL = "诉求人不愿提供";
export const ADDRESS_REQUIRED_MESSAGE = "请填写联系地址；诉求人不愿提供的，请勾选“诉求人不愿提供”";

/** What the requester was told: a first response, the answer, or the refusal (不予受理告知). */
export const PUBLIC_REPLY_KINDS = ["acknowledgement", "answer", "refusal"] as const;
export type PublicReplyKind = (typeof PUBLIC_REPLY_KINDS)[number];
export const PUBLIC_REPLY_KIND_LABELS: Record<PublicReplyKind, string> = {
  acknowledgement: "工作人员回复",
  answer: "答复",
  refusal: "不予受理告知",
};

/** 好差评: five levels, 5 = 非常满意 … 1 = 非常不满意 (API.md); the portal shows them as faces. */
export const RATING_LEVEL_LABELS = {
  5: "非常满意",
  4: "满意",
  3: "基本满意",
  2: "不满意",
  1: "非常不满意",
} as const;
