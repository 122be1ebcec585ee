export { inboxRoutes } from "./inbox.routes.js";
export { notificationRoutes } from "./notification.routes.js";
export {
  claimDueMessages,
  enqueueNotification,
  failAbandonedMessages,
  markAttemptFailed,
  markSent,
  type OutboxMessage,
} from "./outbox.repository.js";
export { RecordingSmsProvider, type SmsProvider, type SmsSendRequest } from "./sms-provider.js";
