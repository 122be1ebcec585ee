export type { CenterCreated } from "./center.events.js";
export {
  findCenter,
  findCenterByCode,
  findFirstCenter,
  insertCenter,
  listCenterIds,
} from "./center.repository.js";
export { centerRoutes } from "./center.routes.js";
export { subtreeIds } from "./center.service.js";
