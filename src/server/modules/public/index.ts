export { LookupThrottle, lookupThrottleOf } from "./lookup-throttle.js";
export { publicRoutes } from "./public.routes.js";
export { findPublicAppeal } from "./public-appeal.service.js";
