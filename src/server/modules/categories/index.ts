/** 分类 — the two-level category taxonomy of a center (issue 12). */
export { categoryRoutes } from "./category.routes.js";
export { categoryLabels, ensureDefaultCategories, requireActiveCategory } from "./category.service.js";
