export type { CallTaskRow } from "./call-task.repository.js";
export { callTaskRoutes } from "./call-task.routes.js";
export { dueCalls, presentCall, type RequesterCalled } from "./call-task.service.js";
export { notifyStaff, type StaffMessage } from "./inbox.repository.js";
export { inboxRoutes } from "./inbox.routes.js";
export { notificationRoutes } from "./notification.routes.js";
export {
  cancelHeld,
  channelFor,
  claimDueMessages,
  deferNotification,
  enqueueNotification,
  enqueueNotifications,
  failAbandonedMessages,
  forgetRecipients,
  markAttemptFailed,
  markSent,
  type NotificationRequest,
  type OutboxMessage,
  outboxDepths,
} from "./outbox.repository.js";
export { rekeyOutboxBatch, rekeySmsBatch } from "./rekey.repository.js";
export { RecordingSmsProvider, type SmsProvider, type SmsSendRequest } from "./sms-provider.js";
