import type { App } from "../app.js";
import { appealRoutes } from "./appeals/appeal.routes.js";
import { auditRoutes } from "./audit/audit.routes.js";
import { installAuth } from "./auth/auth.plugin.js";
import { authRoutes } from "./auth/auth.routes.js";
import { calendarRoutes } from "./calendar/calendar.routes.js";
import { centerRoutes } from "./centers/center.routes.js";
import { departmentRoutes } from "./departments/department.routes.js";
import { extensionRoutes } from "./extensions/extension.routes.js";
import { healthRoutes } from "./health/health.routes.js";
import { hintsRoutes } from "./hints/hints.routes.js";
import { inboxRoutes } from "./inbox/inbox.routes.js";
import { integrationTokenRoutes } from "./integration-tokens/integration-token.routes.js";
import { notificationRoutes } from "./notifications/notification.routes.js";
import { planRoutes } from "./plans/plan.routes.js";
import { publicRoutes } from "./public/public.routes.js";
import { supervisionRoutes } from "./supervision/supervision.routes.js";
import { userRoutes } from "./users/user.routes.js";
import { appealHandlingRoutes } from "./work-orders/appeal-handling.routes.js";
import { workOrderRoutes } from "./work-orders/work-order.routes.js";

/** Registers every module's routes. One line per module. */
export async function registerModules(app: App): Promise<void> {
  // On the root instance, before any module: resolves request.actor for every route.
  installAuth(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(departmentRoutes);
  await app.register(centerRoutes);
  await app.register(integrationTokenRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(notificationRoutes);
  await app.register(publicRoutes);
  await app.register(hintsRoutes);
  await app.register(appealRoutes);
  await app.register(appealHandlingRoutes);
  await app.register(workOrderRoutes);
  await app.register(extensionRoutes);
  await app.register(planRoutes);
  await app.register(supervisionRoutes);
  await app.register(inboxRoutes);
}
