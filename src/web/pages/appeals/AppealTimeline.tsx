import { Empty, Space, Tag, Timeline, Typography } from "antd";
import type { ReactNode } from "react";
import {
  ACTOR_KIND_LABELS,
  APPEAL_EVENT_LABELS,
  APPEAL_STATUS_LABELS,
  type AppealStatus,
  CHANNEL_LABELS,
  type Channel,
  type Deadline,
  REJECT_REASON_LABELS,
  type RejectReason,
} from "../../../contracts/appeals.js";
import { SUPERVISION_TARGET_LABELS, type SupervisionTarget } from "../../../contracts/supervision.js";
import type { AppealEvent } from "../../api/appeals.js";
import { deadlineText, formatDateTimeZh, formatDateZh } from "../../lib/time.js";

const COLORS: Record<string, string> = {
  received: "blue",
  acknowledged: "cyan",
  rejected: "red",
  resolved: "green",
  phone_revealed: "gray",
  deadline_reconciled: "orange",
  "supervision.reminder": "gold",
  "supervision.order": "orange",
  "supervision.notice": "red",
  "supervision.resolved": "green",
};

type Details = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** A deadline inside an event's details (free-form JSON: any part may be missing). */
type DeadlineInfo = Partial<Deadline>;

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {children}
    </div>
  );
}

function DeadlineLine({ label, d }: { label: string; d: DeadlineInfo | undefined }) {
  if (!d?.at) return null;
  return (
    <Line label={label}>
      {deadlineText(d.at)}
      {d.provisional && (
        <Tag color="warning" style={{ marginLeft: 8 }}>
          临时期限
        </Tag>
      )}
      {d.explanation && (
        <div className="timeline-explanation" data-testid="timeline-deadline-explanation">
          {d.explanation}
        </div>
      )}
    </Line>
  );
}

/**
 * The deadline an event carries: intake writes `{at, explanation…}`; the work-order events
 * write `dueAt` as an ISO string with the explanation beside it.
 */
function deadlineOf(d: Details): DeadlineInfo | undefined {
  const v = d.dueAt ?? d.deadline;
  if (typeof v === "string") return { at: v, explanation: str(d.explanation) ?? undefined } as DeadlineInfo;
  return v && typeof v === "object" ? (v as DeadlineInfo) : undefined;
}

/**
 * 催办 / 督办 / 通报 / 督办办结: the record's number, what limit it is about, the statement of
 * facts and the supervisor's note; a 督办单 also has its own limit.
 */
function SupervisionBody({ type, d }: { type: string; d: Details }) {
  const target = str(d.targetKind);
  const targetLabel = target ? (SUPERVISION_TARGET_LABELS[target as SupervisionTarget] ?? target) : null;
  return (
    <>
      {str(d.number) && (
        <Line label={type === "supervision.notice" ? "通报编号" : "督办单号"}>{str(d.number)}</Line>
      )}
      {str(d.targetDueAt) && (
        <Line label={targetLabel ?? "时限"}>
          {deadlineText(str(d.targetDueAt))}
          {d.manual === true && (
            <Tag style={{ marginLeft: 8 }} color="blue">
              人工发起
            </Tag>
          )}
        </Line>
      )}
      {str(d.facts) && <div data-testid="timeline-supervision-facts">{str(d.facts)}</div>}
      {str(d.note) && <Line label="说明">{str(d.note)}</Line>}
      {type === "supervision.order" && str(d.dueAt) && (
        <Line label="督办时限">{deadlineText(str(d.dueAt))}</Line>
      )}
    </>
  );
}

/** What an event says, in words; every text is rendered as text (React escapes it). */
function EventBody({ e }: { e: AppealEvent }) {
  const d = e.details as Details;
  switch (e.type) {
    case "received": {
      const by = d.receivedBy as { name?: string; post?: string | null } | null | undefined;
      return (
        <>
          {str(d.channel) && (
            <Line label="受理渠道">{CHANNEL_LABELS[d.channel as Channel] ?? String(d.channel)}</Line>
          )}
          {by?.name && <Line label="受理人">{[by.name, by.post].filter(Boolean).join(" · ")}</Line>}
          <DeadlineLine label="首次回应时限" d={d.respondBy as DeadlineInfo | undefined} />
          <DeadlineLine label="办理时限" d={d.dueAt as DeadlineInfo | undefined} />
        </>
      );
    }
    case "acknowledged":
      return str(d.message) ? <Line label="回应内容">{str(d.message)}</Line> : null;
    case "rejected":
      return (
        <>
          {str(d.reason) && (
            <Line label="理由">{REJECT_REASON_LABELS[d.reason as RejectReason] ?? String(d.reason)}</Line>
          )}
          {str(d.explanation) && <Line label="告知说明">{str(d.explanation)}</Line>}
          {str(d.referredTo) && <Line label="协助受理单位">{str(d.referredTo)}</Line>}
        </>
      );
    case "resolved":
      return str(d.answer) ? <Line label="答复内容">{str(d.answer)}</Line> : null;
    case "phone_revealed":
      return str(d.reason) ? <Line label="查看原因">{str(d.reason)}</Line> : null;
    case "deadline_reconciled": {
      const after = d.after as { respondBy?: string; dueAt?: string } | undefined;
      return (
        <>
          {str(d.note) && <div>{str(d.note)}</div>}
          {after?.respondBy && <Line label="新的首次回应时限">{deadlineText(after.respondBy)}</Line>}
          {after?.dueAt && <Line label="新的办理时限">{deadlineText(after.dueAt)}</Line>}
        </>
      );
    }
    case "supervision.reminder":
    case "supervision.order":
    case "supervision.notice":
    case "supervision.resolved":
      return <SupervisionBody type={e.type} d={d} />;
    case "dispatched": {
      const lead = d.lead as { name?: string } | undefined;
      const co = (d.co as { name?: string }[] | undefined) ?? [];
      return (
        <>
          {str(d.number) && <Line label="工作单">{str(d.number)}</Line>}
          {lead?.name && <Line label="牵头部门">{lead.name}</Line>}
          {co.length > 0 && <Line label="协办部门">{co.map((c) => c.name).join("、")}</Line>}
          {str(d.note) && <Line label="备注">{str(d.note)}</Line>}
          <DeadlineLine label="办理时限" d={deadlineOf(d)} />
        </>
      );
    }
    default: {
      const text =
        str(d.note) ??
        str(d.message) ??
        str(d.reason) ??
        (typeof d.dueAt === "string" ? null : str(d.explanation));
      return (
        <>
          {str(d.departmentName) && <Line label="部门">{str(d.departmentName)}</Line>}
          {text && <div>{text}</div>}
          {str(d.opinion) && <Line label="办理意见">{str(d.opinion)}</Line>}
          {str(d.result) && <Line label="答复内容">{str(d.result)}</Line>}
          {str(d.until) && <Line label="延期至">{formatDateZh(str(d.until) ?? "")}</Line>}
          <DeadlineLine label="时限" d={deadlineOf(d)} />
        </>
      );
    }
  }
}

function statusChange(d: Details): string | null {
  const from = (d.before as { status?: AppealStatus } | undefined)?.status;
  const to = (d.after as { status?: AppealStatus } | undefined)?.status;
  if (!from || !to || from === to) return null;
  return `${APPEAL_STATUS_LABELS[from] ?? from} → ${APPEAL_STATUS_LABELS[to] ?? to}`;
}

/** 办理记录: every event, oldest first, with who did it, when, and the deadline explanation. */
export function AppealTimeline({ events }: { events: AppealEvent[] }) {
  if (events.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      data-testid="appeal-timeline"
      items={events.map((e) => {
        const kind = ACTOR_KIND_LABELS[e.actor.kind];
        const change = statusChange(e.details as Details);
        return {
          key: e.id,
          color: COLORS[e.type] ?? "gray",
          content: (
            <div data-testid="timeline-event" data-type={e.type}>
              <Space size={8} wrap>
                <Typography.Text strong>{APPEAL_EVENT_LABELS[e.type] ?? e.type}</Typography.Text>
                <Typography.Text>{e.actor.name}</Typography.Text>
                {kind && <Tag>{kind}</Tag>}
                <Typography.Text type="secondary">{formatDateTimeZh(e.at)}</Typography.Text>
                {change && <Typography.Text type="secondary">（{change}）</Typography.Text>}
              </Space>
              <div style={{ marginTop: 4 }}>
                <EventBody e={e} />
              </div>
            </div>
          ),
        };
      })}
    />
  );
}
