export { installAuth } from "./auth.plugin.js";
export { authRoutes } from "./auth.routes.js";
export { forgetOldLoginFailures } from "./auth.service.js";
export { checkPasswordStrength, hashPassword } from "./password.js";
export { findUserContact } from "./profile.service.js";
export { findActiveRecipients, findUserForLogin, insertUser, type Recipient } from "./user.repository.js";
export { userRoutes } from "./user.routes.js";
export { createUser } from "./user.service.js";
