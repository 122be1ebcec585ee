import {
  APPEAL_TYPE_LABELS,
  APPEAL_TYPES,
  CHANNEL_LABELS,
  REJECT_REASON_LABELS,
  REJECT_REASONS,
  type RejectReason,
} from "../contracts/appeals.js";
import type {
  NoticeChannel,
  NoticeNonAcceptance,
  NoticeTimeLimit,
  PublicNotice,
} from "../contracts/public.js";
import { describeLimit, type TimeLimitPolicy } from "./time-limits.js";

export { describeLimit };

/**
 * The public notice of how appeals are accepted (公示受理方式). The standard
 * (服务机构: 应在“有诉即办”导引服务台公示受理方式) asks the center to publish its
 * channels; this builds the notice from the center's own configuration —
 * address, phone, departments and time-limit policy — so it never drifts from
 * what the system enforces. Pure.
 */

export interface NoticeInput {
  center: { code: string; name: string; address: string | null; phone: string | null; hours: string | null };
  policy: TimeLimitPolicy;
  departments: {
    name: string;
    location: string | null;
    phone: string | null;
    hours?: string | null;
    services: string[];
  }[];
  /** Where the public portal is served (absolute or site-relative). */
  portalUrl: string;
}

// The notice's shape is the contract's (src/contracts/public.ts).
export type { NoticeChannel, NoticeNonAcceptance, NoticeTimeLimit, PublicNotice };

/** 受理内容, the standard's wording. */
export const ACCEPTANCE_SCOPE =
  "受理企业和群众对政务服务的投诉、意见、建议、疑问等诉求以及办事过程中遇到的疑难事项、复杂问题，" +
  "提供即时咨询、即时解释、即时帮助协调处理等兜底服务。";

const EMERGENCY_NUMBERS = [
  { name: "报警", phone: "110" },
  { name: "火警", phone: "119" },
  { name: "急救", phone: "120" },
  { name: "交通事故报警", phone: "122" },
];

const WHERE_TO_GO: Record<RejectReason, string> = {
  legal_procedure:
    "请依法向人民法院（诉讼）、仲裁机构（仲裁）、纪检监察机关（纪检监察）、行政复议机关（行政复议）提出，" +
    "或向有关行政机关申请政府信息公开。",
  petition: "已进入信访渠道的事项，请继续通过信访渠道反映和跟进办理情况。",
  confidential: "此类诉求本中心不予受理；涉及个人权益保护的，可通过相应法定途径主张。",
  emergency: "遇紧急情况请立即拨打紧急热线：110 报警、119 火警、120 急救、122 交通事故报警。",
  invalid: "请清楚、具体地说明诉求事项和联系方式后重新提出。",
  unlawful: "此类诉求不予受理。",
  other: "按照法律法规、规章制度及政策规定的途径办理。",
};

/** Where to go instead of this center for a reason of 不予受理 (the notice's wording). */
export function whereToGo(reason: RejectReason): string {
  return WHERE_TO_GO[reason];
}

/**
 * The channels as the center has configured them (中心信息): a channel is published only with what
 * it takes to use it — the phone channel with the center's number, letters with its address.
 */
function channels(i: NoticeInput): NoticeChannel[] {
  const { name, address, phone, hours } = i.center;
  const at = address ? `${address}（${name}）` : name;
  const when = hours ? `服务时间（${hours}）内` : "工作日办公时间";
  const all: (NoticeChannel | null)[] = [
    {
      code: "onsite",
      name: CHANNEL_LABELS.onsite,
      howTo: `${when}到${at}“有诉即办”窗口或导引服务台当面反映；一般性问题当场协调解决。`,
      contact: address,
    },
    phone
      ? {
          code: "phone",
          name: CHANNEL_LABELS.phone,
          howTo: `${when}拨打中心咨询电话 ${phone}，工作人员会表明身份并记录您的诉求。`,
          contact: phone,
        }
      : null,
    {
      code: "portal",
      name: CHANNEL_LABELS.portal,
      howTo: "打开门户网站“我要反映”在线填写提交，记下受理编号和查询码，可随时查询办理进度。",
      contact: i.portalUrl,
    },
    {
      code: "miniapp",
      name: CHANNEL_LABELS.miniapp,
      howTo: `在微信中打开“${name}”小程序，进入“我要反映”提交，同样可凭受理编号和查询码查询进度。`,
      contact: null,
    },
    {
      code: "hotline_12345",
      name: CHANNEL_LABELS.hotline_12345,
      howTo: "拨打 12345 政务服务便民热线反映，热线将诉求转至本中心办理。",
      contact: "12345",
    },
    address
      ? {
          code: "letter",
          name: CHANNEL_LABELS.letter,
          howTo: `来信请寄：${address}，${name}“有诉即办”窗口收。请写明姓名、联系电话、联系地址和诉求内容。`,
          contact: address,
        }
      : null,
  ];
  return all.filter((c): c is NoticeChannel => c !== null);
}

function timeLimits(p: TimeLimitPolicy): NoticeTimeLimit[] {
  return [
    {
      code: "onSite",
      matter: "现场反映的一般性问题",
      limit: "当场",
      description: "事实清楚、情由简单的现场咨询，当场予以协调解决。",
    },
    {
      code: "firstResponse",
      matter: "小程序、门户网站、信函、12345 等非现场渠道的诉求",
      limit: describeLimit(p.firstResponse),
      description: `每个工作日检查，${describeLimit(p.firstResponse)}内主动回应。`,
    },
    {
      code: "simpleOffsite",
      matter: "事实清楚、情由简单的非现场咨询",
      limit: describeLimit(p.simpleOffsite),
      description: `接到诉求后${describeLimit(p.simpleOffsite)}内处置办结。`,
    },
    {
      code: "simple",
      matter: "简单事项",
      limit: describeLimit(p.simple),
      description: `相关部门收到工作单后${describeLimit(p.simple)}研究部署，并在一般事项时限内办结答复。`,
    },
    {
      code: "general",
      matter: "一般事项",
      limit: describeLimit(p.general),
      description: `${describeLimit(p.general)}内办结答复。`,
    },
    {
      code: "multiDepartment",
      matter: "涉及多部门或多层级的复杂事项",
      limit: describeLimit(p.multiDepartment),
      description: `${describeLimit(p.multiDepartment)}内提出解决方案并答复。`,
    },
    {
      code: "major",
      matter: "重大问题或复杂问题",
      limit: describeLimit(p.major),
      description: `${describeLimit(p.major)}内落实解决；确实无法解决的，制定解决时间节点和方案，经批准后按方案推进并告知进展。`,
    },
  ];
}

export function buildNotice(i: NoticeInput): PublicNotice {
  return {
    title: `${i.center.name}“有诉即办”受理方式公示`,
    center: i.center,
    intro:
      "企业和群众在办事过程中遇到的问题，可通过以下任一渠道反映。我们将快速响应、及时反馈，" +
      "并明确告知办理时限；需要延长时限的，会告知延长的时限和理由。",
    channels: channels(i),
    scope: {
      text: ACCEPTANCE_SCOPE,
      types: APPEAL_TYPES.map((code) => ({ code, label: APPEAL_TYPE_LABELS[code] })),
    },
    nonAcceptance: REJECT_REASONS.map((reason) => ({
      reason,
      text: REJECT_REASON_LABELS[reason],
      whereToGo: WHERE_TO_GO[reason],
      contacts: reason === "emergency" ? EMERGENCY_NUMBERS : [],
    })),
    outsideJurisdiction: "不属于本中心管辖的事项，我们会告知不予受理的理由，并积极联系相关单位协助受理。",
    timeLimits: timeLimits(i.policy),
    departments: i.departments.map((d) => ({ ...d, hours: d.hours ?? null })),
    privacy: "您提供的姓名、电话、地址仅用于办理和回复您的诉求，查询进度时不会显示个人信息。",
  };
}
