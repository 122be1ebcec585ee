import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { idParamsSchema } from "../../../contracts/common.js";
import {
  type StaffNotification,
  staffInboxListSchema,
  staffInboxQuerySchema,
  staffNotificationSchema,
  unreadCountSchema,
} from "../../../contracts/notifications.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import type { App } from "../../app.js";
import { notFound } from "../../errors.js";
import { requireUser, staffOnly } from "../../http/actor.js";
import * as repo from "./inbox.repository.js";

/** 站内消息: every staff member's own inbox (催办, 督办, 通报 …) with the unread count for the header. */
export async function inboxRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock, rules } = app.deps;
  const tags = ["inbox"];

  const present = (r: repo.StaffNotificationRow, tz: string): StaffNotification => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    appealId: r.appeal_id,
    link: r.link,
    createdAt: toOffsetIso(r.created_at, tz),
    readAt: r.read_at ? toOffsetIso(r.read_at, tz) : null,
  });
  const tzOf = async (centerId: string) => (await rules.get(centerId)).timeZone;

  app.get(
    "/api/v1/notifications/inbox",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "我的站内消息（新的在前；unread=true 只看未读）",
        querystring: staffInboxQuerySchema,
        response: { 200: staffInboxListSchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const rows = await repo.listForUser(db, user.userId, req.query);
      const page = rows.slice(0, req.query.limit);
      const tz = await tzOf(user.centerId);
      return {
        items: page.map((r) => present(r, tz)),
        nextCursor: rows.length > req.query.limit ? (page.at(-1)?.id ?? null) : null,
        unread: await repo.countUnread(db, user.userId),
      };
    },
  );

  app.get(
    "/api/v1/notifications/inbox/unread-count",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "未读消息数（页头铃铛）", response: { 200: unreadCountSchema } },
    },
    async (req) => ({ unread: await repo.countUnread(db, requireUser(req).userId) }),
  );

  app.post(
    "/api/v1/notifications/inbox/:id/read",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "标为已读（只能操作本人的消息）",
        params: idParamsSchema,
        response: { 200: staffNotificationSchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await repo.markRead(db, user.userId, req.params.id, clock.now());
      if (!row) throw notFound("消息");
      return present(row, await tzOf(user.centerId));
    },
  );

  app.post(
    "/api/v1/notifications/inbox/read-all",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "全部标为已读", response: { 200: unreadCountSchema } },
    },
    async (req) => {
      await repo.markAllRead(db, requireUser(req).userId, clock.now());
      return { unread: 0 };
    },
  );
}
