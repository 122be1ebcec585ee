import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  outboxListQuerySchema,
  outboxListSchema,
  smsListQuerySchema,
  smsListSchema,
} from "../../../contracts/notifications.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import * as service from "./notification.service.js";

const adminOnly = allow(["admin"]);

export async function notificationRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["notifications"];

  app.get(
    "/api/v1/sms-messages",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "短信发送记录（新的在前；号码默认脱敏，reveal=true 显示完整号码并记入审计日志）",
        querystring: smsListQuerySchema,
        response: { 200: smsListSchema },
      },
    },
    async (req) => service.listSms(db, requireUser(req), req.query, { now: clock.now(), ip: req.ip }),
  );

  app.get(
    "/api/v1/notifications/outbox",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "通知发件箱（待发送、发送中、已发送、失败）",
        querystring: outboxListQuerySchema,
        response: { 200: outboxListSchema },
      },
    },
    async (req) => service.listOutboxItems(db, requireUser(req), req.query),
  );
}
