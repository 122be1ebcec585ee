import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { clearanceQuerySchema, clearanceSchema } from "../../../contracts/clearance.js";
import type { App } from "../../app.js";
import { onReplica } from "../../deps.js";
import { allow, requireUser } from "../../http/actor.js";
import { sendSheet } from "../../lib/xlsx.js";
import { clearanceReport } from "./clearance.query.js";

const readers = allow(["supervisor", "leader", "dispatcher", "admin"]);
const EXPORT_MAX = 5000;

/** 销号清零: a period's appeals — received, finished, still open with their limits; exportable. */
export async function clearanceRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;
  const tags = ["supervision"];

  app.get(
    "/api/v1/reports/clearance",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "销号清零：某时段受理的诉求——已办结多少、仍在办的逐件列出其办理时限（最早受理的在前）",
        querystring: clearanceQuerySchema,
        response: { 200: clearanceSchema },
      },
    },
    // A report: the read replica (docs/operations.md).
    async (req) => clearanceReport(onReplica(deps), requireUser(req), req.query, deps.clock.now()),
  );

  app.get(
    "/api/v1/reports/clearance/export",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "导出销号清零表（Excel：汇总与未办结清单，最多 5000 条）",
        querystring: clearanceQuerySchema,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const now = deps.clock.now();
      const rows: Record<string, string | number>[] = [];
      let cursor: string | undefined;
      let head: Awaited<ReturnType<typeof clearanceReport>> | undefined;
      do {
        const page = await clearanceReport(onReplica(deps), user, { ...req.query, limit: 200, cursor }, now);
        head ??= page;
        for (const a of page.items) {
          rows.push({
            trackingNo: a.trackingNo,
            receivedAt: a.receivedAt,
            status: a.statusLabel,
            excerpt: a.excerpt,
            limits: a.limits
              .map(
                (l) =>
                  `${l.kindLabel}${l.departmentName ? `（${l.departmentName}）` : ""}：${l.dueAt}，${l.countdown}`,
              )
              .join("；"),
          });
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < EXPORT_MAX);
      const h = head!;
      rows.push(
        {},
        { trackingNo: "受理总数", receivedAt: h.received },
        { trackingNo: "已办结", receivedAt: h.finished },
        { trackingNo: "仍在办", receivedAt: h.open },
      );
      return sendSheet(reply, {
        fileName: `销号清零表_${h.from}_${h.to}.xlsx`,
        asciiName: "clearance.xlsx",
        sheet: "销号清零",
        columns: [
          { header: "受理编号", key: "trackingNo", width: 20 },
          { header: "受理时间", key: "receivedAt", width: 28 },
          { header: "状态", key: "status", width: 10 },
          { header: "诉求摘要", key: "excerpt", width: 50 },
          { header: "办理时限", key: "limits", width: 80 },
        ],
        rows,
      });
    },
  );
}
