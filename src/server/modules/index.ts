import type { App } from "../app.js";
import { healthRoutes } from "./health/health.routes.js";

/** Registers every module's routes. One line per module. */
export async function registerModules(app: App): Promise<void> {
  await app.register(healthRoutes);
}
