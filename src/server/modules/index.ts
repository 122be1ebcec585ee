import type { App } from "../app.js";
import { authRoutes, installAuth, mfaRoutes, userRoutes } from "./accounts/index.js";
import {
  appealHandlingRoutes,
  appealRoutes,
  extensionRoutes,
  planRoutes,
  requesterRoutes,
  workOrderRoutes,
} from "./appeals/index.js";
import { assistRoutes } from "./assist/index.js";
import { auditRoutes } from "./audit/index.js";
import { calendarRoutes } from "./calendar/index.js";
import { categoryRoutes } from "./categories/index.js";
import { centerRoutes } from "./centers/index.js";
import { departmentRoutes } from "./departments/index.js";
import { healthRoutes } from "./health/index.js";
import { hintsRoutes } from "./hints/index.js";
import { integrationTokenRoutes } from "./integration-tokens/index.js";
import { knowledgeRoutes } from "./knowledge/index.js";
import { callTaskRoutes, inboxRoutes, notificationRoutes } from "./notifications/index.js";
import { publicRoutes } from "./public/index.js";
import { assessmentRoutes, insightRoutes, resultsRoutes, statsRoutes } from "./results/index.js";
import { clearanceRoutes, supervisionRoutes } from "./supervision/index.js";
import { workbenchRoutes } from "./workbench/index.js";

/** Registers every module's routes. One line per module. */
export async function registerModules(app: App): Promise<void> {
  // On the root instance, before any module: resolves request.actor for every route.
  installAuth(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(mfaRoutes);
  await app.register(departmentRoutes);
  await app.register(centerRoutes);
  await app.register(integrationTokenRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(notificationRoutes);
  await app.register(publicRoutes);
  await app.register(hintsRoutes);
  await app.register(assistRoutes);
  await app.register(appealRoutes);
  await app.register(appealHandlingRoutes);
  await app.register(workOrderRoutes);
  await app.register(extensionRoutes);
  await app.register(planRoutes);
  await app.register(requesterRoutes);
  await app.register(supervisionRoutes);
  await app.register(clearanceRoutes);
  await app.register(inboxRoutes);
  await app.register(callTaskRoutes);
  await app.register(workbenchRoutes);
  await app.register(resultsRoutes);
  await app.register(statsRoutes);
  await app.register(assessmentRoutes);
  await app.register(insightRoutes);
  await app.register(categoryRoutes);
  await app.register(knowledgeRoutes);
}
