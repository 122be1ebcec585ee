import type { Appeal } from "../../../../contracts/appeals.js";
import { FINISHED_STATES } from "../../../../core/workflow.js";
import type { Deps } from "../../../deps.js";
import { AppError, invalid, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import type { AppealRow } from "../data/appeal.repository.js";
import { hasMergedRepeats, insertMergeLink, lockAppealsOfCenter } from "../data/merge.repository.js";
import { mergedSms } from "../messages/appeal.messages.js";
import { toAppealDto } from "../presenters/appeal.presenter.js";
import { type CommandOptions, nextStatus, runCommand, versionConflict } from "./runner.js";

export interface MergeInput {
  intoAppealId: string;
  expectedVersion?: number | undefined;
}

const refuse = (message: string) => new AppError("ILLEGAL_TRANSITION", message);

/**
 * 重复诉求并单 — a repeat appeal joins the original (DESIGN: 重复诉求原则上并单处理). Rules:
 *  - the repeat must still be in review (`received`): once dispatched it has its own 工作单 and
 *    limits, and is finished through them (or returned first);
 *  - the original must be of the same center (404 otherwise: other centers are invisible), not
 *    the repeat itself (400), not finished or itself merged (409: merge into its original);
 *  - an appeal others were merged into cannot itself be merged (409: no chains).
 * The repeat becomes `merged` with merged_into_id, a `merged` link is stored, both timelines get an
 * event, the repeat's requester is told by SMS (outbox) and follows the original on the portal.
 */
export async function mergeAppeal(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: MergeInput,
  opts: CommandOptions,
): Promise<Appeal> {
  if (input.intoAppealId === id) throw invalid("intoAppealId", "不能将诉求并入其本身");
  const { row, tz } = await runCommand(deps, actor, opts, {
    load: async (c) => {
      const rows = await lockAppealsOfCenter(c.trx, actor.centerId, [id, input.intoAppealId]);
      const repeat = rows.find((r) => r.id === id);
      if (!repeat) throw notFound("诉求");
      const original = rows.find((r) => r.id === input.intoAppealId);
      if (!original) {
        throw new AppError("NOT_FOUND", "要并入的诉求不存在或不属于本中心", [
          { path: "intoAppealId", message: "要并入的诉求不存在或不属于本中心" },
        ]);
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== repeat.version) {
        throw versionConflict();
      }
      if (repeat.status === "merged") throw refuse("该诉求已并单");
      if (repeat.status !== "received") {
        throw refuse("只有尚未分办的诉求可以并单；已分办或已办结的诉求请按原流程办理");
      }
      if (original.status === "merged") throw refuse("要并入的诉求本身已并单，请并入其原诉求");
      if (FINISHED_STATES.includes(original.status)) {
        throw refuse("不能并入已办结、不予受理或已转办的诉求");
      }
      if (await hasMergedRepeats(c.trx, actor.centerId, repeat.id)) {
        throw refuse("已有其他诉求并入该诉求，不能再将其并入别的诉求");
      }
      return { repeat, original };
    },
    run: async (c, { repeat, original }: { repeat: AppealRow; original: AppealRow }) => {
      const next = nextStatus(repeat.status, "merge");
      const withdrawn = await c.withdrawHeldReceipt(repeat);
      const updated = await c.step(repeat, next, {
        set: { merged_into_id: original.id, responded_at: repeat.responded_at ?? opts.now },
        event: {
          type: "merged",
          details: { intoAppealId: original.id, intoTrackingNo: original.tracking_no },
        },
        sms: (centerName, r) =>
          mergedSms({ centerName, trackingNo: r.tracking_no, queryCode: withdrawn ? r.query_code : null }),
        audit: {
          action: "appeal.merge",
          details: { intoAppealId: original.id, intoTrackingNo: original.tracking_no },
        },
      });
      await insertMergeLink(c.trx, {
        centerId: repeat.center_id,
        mainId: original.id,
        repeatId: repeat.id,
        by: actor.userId,
        at: opts.now,
      });
      await c.event(original, "repeat_merged", {
        repeatAppealId: repeat.id,
        repeatTrackingNo: repeat.tracking_no,
      });
      return { row: updated, tz: c.center.timezone };
    },
  });
  return toAppealDto(row, tz, opts.now);
}
