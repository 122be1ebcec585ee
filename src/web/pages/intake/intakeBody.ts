import type { AppealType, Channel, RejectReason, RequesterKind } from "../../../contracts/appeals.js";
import type { CreateAppealBody } from "../../api/appeals.js";
import type { Dayjs } from "../../lib/time.js";

/** What the intake form holds (one flat form so Tab runs straight down the paper form). */
export interface IntakeValues {
  channel: Channel;
  receivedAt?: Dayjs | null;
  type: AppealType;
  kind: RequesterKind;
  name?: string;
  orgName?: string;
  contactPerson?: string;
  phone: string;
  address?: string;
  /** 诉求人不愿提供 */
  addressDeclined?: boolean;
  content: string;
  /** 初步分类: [first level] or [first level, second level] of the center's taxonomy. */
  category?: string[];
  // 当场办结
  answer?: string;
  // 不予受理
  reason?: RejectReason;
  explanation?: string;
  referredTo?: string;
}

const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** The recorded choice not to give an address (only when no address was typed). */
const declined = (v: IntakeValues) => (v.addressDeclined && !opt(v.address) ? { addressDeclined: true } : {});

/**
 * Form values → POST /appeals body. A unit's appeal names the unit and its contact person; the
 * API's required `name` is then the contact person (the one staff speak to).
 */
export function toCreateBody(v: IntakeValues): CreateAppealBody {
  const org = v.kind === "organization";
  const requester = org
    ? {
        kind: v.kind,
        name: (v.contactPerson ?? "").trim(),
        orgName: opt(v.orgName),
        contactPerson: opt(v.contactPerson),
        phone: v.phone.trim(),
        address: opt(v.address),
        ...declined(v),
      }
    : {
        kind: v.kind,
        name: (v.name ?? "").trim(),
        phone: v.phone.trim(),
        address: opt(v.address),
        ...declined(v),
      };
  return {
    channel: v.channel,
    type: v.type,
    requester,
    content: v.content.trim(),
    ...(v.category?.length ? { categoryCode: v.category[v.category.length - 1] } : {}),
    ...(v.channel === "letter" && v.receivedAt ? { receivedAt: v.receivedAt.format() } : {}),
  };
}

/** Server error path → form field ("requester.phone" → phone; a unit's requester.name is its contact). */
export function intakeErrorPath(kind: RequesterKind) {
  return (path: string): string[] | null => {
    if (path === "categoryCode") return ["category"];
    if (path === "requester.name") return [kind === "organization" ? "contactPerson" : "name"];
    if (path.startsWith("requester.")) return [path.slice("requester.".length)];
    return path.split(".").filter(Boolean);
  };
}
