export { hintsRoutes } from "./hints.routes.js";
