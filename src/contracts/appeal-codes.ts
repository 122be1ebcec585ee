import { z } from "zod";

/**
 * Appeal (诉求) DTOs and enumerations shared by the server and the web app.
 * Codes are the stable API.md contract; the Chinese labels are what users see.
 */

/** 受理渠道 — the six intake channels of the standard (受理范围 · 受理渠道). */
export const CHANNELS = ["onsite", "phone", "miniapp", "portal", "hotline_12345", "letter"] as const;
export const channelSchema = z.enum(CHANNELS, { message: "未知的受理渠道" });
export type Channel = z.infer<typeof channelSchema>;
export const CHANNEL_LABELS: Record<Channel, string> = {
  onsite: "“有诉即办”窗口",
  phone: "中心咨询电话",
  miniapp: "小程序",
  portal: "门户网站",
  hotline_12345: "12345政务热线",
  letter: "信函",
};
/** Short names for table cells and radio buttons. */
export const CHANNEL_SHORT_LABELS: Record<Channel, string> = {
  onsite: "窗口",
  phone: "咨询电话",
  miniapp: "小程序",
  portal: "门户网站",
  hotline_12345: "12345热线",
  letter: "信函",
};

/**
 * Channels checked every working day whose requester must get a proactive
 * first response within 1 working day (处置流程 · 受理 · 小程序、信函及网络渠道).
 */
export const ONLINE_CHANNELS: readonly Channel[] = ["miniapp", "portal", "hotline_12345", "letter"];
export const isOnlineChannel = (c: Channel): boolean => ONLINE_CHANNELS.includes(c);

/** Channels a signed-in staff member records by hand (window, hotline seat, mail room). */
export const STAFF_CHANNELS: readonly Channel[] = ["onsite", "phone", "letter", "hotline_12345"];
/** Channels another system may push over an integration token. */
export const INTEGRATION_CHANNELS: readonly Channel[] = ["hotline_12345", "miniapp", "portal", "letter"];
/** Channels a citizen uses without an account (the public portal / H5). */
export const PUBLIC_CHANNELS = ["portal", "miniapp"] as const;

/** 诉求类别 (受理内容). */
export const APPEAL_TYPES = ["complaint", "opinion", "suggestion", "inquiry", "difficulty"] as const;
export const appealTypeSchema = z.enum(APPEAL_TYPES, { message: "未知的诉求类别" });
export type AppealType = z.infer<typeof appealTypeSchema>;
export const APPEAL_TYPE_LABELS: Record<AppealType, string> = {
  complaint: "投诉",
  opinion: "意见",
  suggestion: "建议",
  inquiry: "咨询",
  difficulty: "疑难复杂问题",
};

export const APPEAL_STATUSES = [
  "received",
  "rejected",
  "resolved",
  "transferred",
  "dispatched",
  "replied",
  "closed",
  /** 已并单: a repeat appeal (重复诉求) merged into an earlier one, followed through it. */
  "merged",
] as const;
export const appealStatusSchema = z.enum(APPEAL_STATUSES, { message: "未知的状态" });
export type AppealStatus = z.infer<typeof appealStatusSchema>;
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  received: "已受理",
  rejected: "不予受理",
  resolved: "已办结",
  transferred: "已转办",
  dispatched: "办理中",
  replied: "已答复",
  closed: "已销号",
  merged: "已并单",
};

/** 不予受理事项 — the seven reasons of the standard, in its order. */
export const REJECT_REASONS = [
  "legal_procedure",
  "petition",
  "confidential",
  "emergency",
  "invalid",
  "unlawful",
  "other",
] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS, { message: "请选择不予受理的理由" });
export type RejectReason = z.infer<typeof rejectReasonSchema>;
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  legal_procedure: "应通过诉讼、仲裁、纪检监察、行政复议、政府信息公开等程序解决",
  petition: "已进入信访渠道",
  confidential: "涉及国家秘密、商业秘密、个人隐私或违背社会公序良俗",
  emergency: "属于110、119、120、122等紧急热线受理范围",
  invalid: "恶意攻击骚扰、诉求表达不清或无实质内容",
  unlawful: "违反法律法规、规章制度及政策规定",
  other: "法律法规、规章制度及政策规定的其他不予受理事项",
};
/** Short labels for selects and tables. */
export const REJECT_REASON_SHORT_LABELS: Record<RejectReason, string> = {
  legal_procedure: "应走法定程序",
  petition: "已进入信访",
  confidential: "涉密/隐私/违背公序良俗",
  emergency: "紧急热线事项",
  invalid: "骚扰/不清/无实质内容",
  unlawful: "违法违规诉求",
  other: "其他不予受理事项",
};

/** The emergency hotlines the standard names (不予受理 · 紧急热线受理范围). */
export const EMERGENCY_HOTLINES = ["110", "119", "120", "122"] as const;
export type EmergencyHotline = (typeof EMERGENCY_HOTLINES)[number];

export const COMPLEXITIES = ["simple", "general", "multi_department", "major"] as const;
export const complexitySchema = z.enum(COMPLEXITIES, { message: "请选择事项复杂程度" });
export type Complexity = z.infer<typeof complexitySchema>;
export const COMPLEXITY_LABELS: Record<Complexity, string> = {
  simple: "简单事项",
  general: "一般事项",
  multi_department: "多部门/多层级事项",
  major: "重大复杂问题",
};

export const REQUESTER_KINDS = ["person", "organization"] as const;
export const requesterKindSchema = z.enum(REQUESTER_KINDS, { message: "未知的诉求人类型" });
export type RequesterKind = z.infer<typeof requesterKindSchema>;
export const REQUESTER_KIND_LABELS: Record<RequesterKind, string> = {
  person: "个人",
  organization: "企业/单位",
};

/**
 * Due light of an open item (督办 · 红黄绿灯): red overdue, yellow close to its deadline, green
 * otherwise. The one rule that decides it is src/core/due-light.ts.
 */
export const LIGHTS = ["red", "yellow", "green"] as const;
export const lightSchema = z.enum(LIGHTS);
export type Light = z.infer<typeof lightSchema>;
export const LIGHT_LABELS: Record<Light, string> = { red: "已超期", yellow: "临期", green: "正常" };
/** The colour's own name, for screen readers ("红灯：已超期"). */
export const LIGHT_COLOR_NAMES: Record<Light, string> = { red: "红灯", yellow: "黄灯", green: "绿灯" };

/** Who wrote a timeline event. */
export const ACTOR_KINDS = ["user", "integration", "public", "system"] as const;
export const actorKindSchema = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof actorKindSchema>;
/** How the timeline names a non-user actor (a user is named by name). */
export const ACTOR_KIND_LABELS: Record<ActorKind, string | null> = {
  user: null,
  integration: "对接系统",
  public: "网上提交",
  system: "系统",
};

/** 重复诉求 links: a repeat of an open appeal, or merged into it (并单). */
export const APPEAL_LINK_KINDS = ["repeat", "merged"] as const;
export const appealLinkKindSchema = z.enum(APPEAL_LINK_KINDS);
export type AppealLinkKind = z.infer<typeof appealLinkKindSchema>;
