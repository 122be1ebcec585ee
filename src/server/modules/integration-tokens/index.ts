export { findTokenByHash, touchToken } from "./integration-token.repository.js";
export { integrationTokenRoutes } from "./integration-token.routes.js";
