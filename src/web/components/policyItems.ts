import type { TimeLimitPolicy } from "../api/types.js";

/** The time-limit policy's items with the names the standard uses (§ handling time limits). */
export const POLICY_ITEMS = [
  { key: "firstResponse", label: "首次响应", hint: "网络、小程序、来信等渠道主动首次响应" },
  { key: "simple", label: "简单事项", hint: "部门收到工作单后办结" },
  { key: "general", label: "一般事项", hint: "部门收到工作单后办结" },
  { key: "multiDepartment", label: "多部门/跨层级事项", hint: "提出解决方案" },
  { key: "major", label: "重大事项", hint: "办结，或报批办理方案并定期报告进度" },
] as const satisfies readonly { key: keyof TimeLimitPolicy; label: string; hint: string }[];

export type PolicyItemKey = (typeof POLICY_ITEMS)[number]["key"];
