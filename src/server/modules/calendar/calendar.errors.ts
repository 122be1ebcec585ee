import { CalendarInputError } from "../../../core/calendar-date.js";
import { AppError } from "../../errors.js";

/** Maps the pure core's input errors to the API's 400 VALIDATION_FAILED with the field path. */
export function toAppError(e: unknown): unknown {
  if (e instanceof CalendarInputError) {
    return new AppError("VALIDATION_FAILED", e.message, [{ path: e.path, message: e.message }]);
  }
  return e;
}

/** Runs `fn`, rethrowing core input errors as AppError. */
export function withInputErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toAppError(e);
  }
}
