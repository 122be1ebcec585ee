import type { ZodTypeProvider } from "fastify-type-provider-zod";
import * as s from "../../../contracts/calendar.js";
import type { z } from "../../../contracts/zod-setup.js";
import { parseDate, startOfLocalDay } from "../../../core/calendar-date.js";
import { parseICalendar } from "../../../core/calendar-io.js";
import type { App } from "../../app.js";
import { AppError } from "../../errors.js";
import { allow, requireUser, staffOnly } from "../../http/actor.js";
import { withInputErrors } from "./calendar.errors.js";
import * as service from "./calendar.service.js";
import { timeLimitPolicyRoutes } from "./time-limit-policy.routes.js";

/** Validates a parsed body against a zod schema, reporting every issue with its field path. */
function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new AppError("VALIDATION_FAILED", `输入有误：${details[0]?.message ?? ""}`, details);
}

export async function calendarRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock, events, rules } = app.deps;
  const tags = ["calendar"];
  // iCalendar uploads arrive as text (scoped to this plugin's routes).
  app.addContentTypeParser(["text/calendar", "text/plain"], { parseAs: "string" }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    "/api/v1/calendar/deadline",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "计算期限（受理当日不计入；到期日 24:00 截止；附中文说明）",
        querystring: s.deadlineQuerySchema,
        response: { 200: s.deadlineResponseSchema },
      },
    },
    async (req) => {
      const actor = requireUser(req);
      const { start, rule, n } = req.query;
      const r = await rules.get(actor.centerId);
      const timeZone = r.timeZone;
      let at = clock.now();
      if (start && start.length === 10) {
        // A bare date means "an event on that local date" in the center's zone.
        at = new Date(
          startOfLocalDay(
            withInputErrors(() => parseDate(start, "start")),
            timeZone,
          ),
        );
      } else if (start) at = new Date(start);
      const d = service.computeDeadlineForCenter(r, at, {
        rule,
        ...(n === undefined ? {} : { n }),
      });
      return service.presentDeadline(d);
    },
  );

  app.get(
    "/api/v1/calendar/days",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: `日历（区间内每一天的类型；最多 ${s.MAX_DAYS_RANGE} 天）`,
        querystring: s.daysQuerySchema,
        response: { 200: s.calendarDayListSchema },
      },
    },
    async (req) =>
      service.listCalendarDays(await rules.get(requireUser(req).centerId), req.query.from, req.query.to),
  );

  app.put(
    "/api/v1/calendar/days/:date",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "设置某日类型（设为默认类型即删除调整）",
        params: s.dateParamsSchema,
        body: s.calendarDayUpdateSchema,
        response: { 200: s.calendarDaySchema },
      },
    },
    async (req) =>
      service.setCalendarDay(db, requireUser(req), req.params.date, req.body, {
        now: clock.now(),
        ip: req.ip,
      }),
  );

  app.get(
    "/api/v1/calendar/years",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "已导入节假日安排的年份及缺失提醒",
        response: { 200: s.calendarYearsResponseSchema },
      },
    },
    async (req) => service.listCalendarYears(db, requireUser(req).centerId, clock.now()),
  );

  app.put(
    "/api/v1/calendar/years/:year",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "将某年标记为已导入（手工录入节假日后），临时期限随之重新计算",
        params: s.yearParamsSchema,
        body: s.markYearBodySchema,
        response: { 200: s.markYearResultSchema },
      },
    },
    async (req) =>
      service.markCalendarYearLoaded(
        db,
        events,
        requireUser(req),
        req.params.year,
        req.body.source ?? "admin",
        {
          now: clock.now(),
          ip: req.ip,
        },
      ),
  );

  app.post(
    "/api/v1/calendar/import",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "导入一年的节假日安排（JSON 或 text/calendar），替换该年调整并标记为已导入",
        querystring: s.calendarImportQuerySchema,
        body: s.calendarImportBodySchema,
        response: { 200: s.calendarImportResultSchema },
      },
    },
    async (req) => {
      const file =
        typeof req.body === "string"
          ? withInputErrors(() => parseICalendar(req.body as string, req.query.year))
          : parseBody(s.calendarYearFileSchema, req.body);
      return service.importCalendarYear(db, events, requireUser(req), file, { now: clock.now(), ip: req.ip });
    },
  );

  app.get(
    "/api/v1/calendar/export",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "导出一年的节假日安排（JSON 或 iCalendar）",
        querystring: s.calendarExportQuerySchema,
        response: { 200: s.calendarExportResponseSchema },
      },
    },
    async (req, reply) => {
      const { year, format } = req.query;
      const out = await service.exportCalendarYear(db, requireUser(req).centerId, year, format, clock.now());
      if ("ics" in out) {
        return reply
          .type("text/calendar; charset=utf-8")
          .header("content-disposition", `attachment; filename="holidays-${year}.ics"`)
          .send(out.ics);
      }
      return out.json;
    },
  );

  await app.register(timeLimitPolicyRoutes);
}
