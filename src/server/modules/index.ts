import type { App } from "../app.js";
import { installAuth } from "./auth/auth.plugin.js";
import { authRoutes } from "./auth/auth.routes.js";
import { departmentRoutes } from "./departments/department.routes.js";
import { healthRoutes } from "./health/health.routes.js";
import { userRoutes } from "./users/user.routes.js";

/** Registers every module's routes. One line per module. */
export async function registerModules(app: App): Promise<void> {
  // On the root instance, before any module: resolves request.actor for every route.
  installAuth(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(departmentRoutes);
}
