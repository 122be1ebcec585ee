/**
 * The 工作台 (workbench): each role's to-do lists, most urgent first, read from the supervision
 * register, the calls to make and the approval queues.
 */
export { workbenchRoutes } from "./todos.routes.js";
