import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../../errors.js";

/**
 * Argon2id (the library default algorithm) with its default cost
 * (19 MiB, 2 passes): ~tens of ms per login, far too slow for offline guessing.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash of nothing anyone knows: verifying against it for unknown usernames
 * makes a failed login take the same time whether or not the user exists.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hash(randomBytes(24).toString("hex"));
  return dummy;
}

/**
 * Password policy (等保 2.0 identity authentication: complexity requirements):
 * at least 10 characters, at least three of upper/lower/digit/symbol, and not
 * containing the username.
 */
export function checkPasswordStrength(password: string, username: string): void {
  const fail = (message: string) => {
    throw new AppError("WEAK_PASSWORD", message, [{ path: "password", message }]);
  };
  if (password.length < 10) fail("密码至少 10 位");
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) fail("密码须包含大写字母、小写字母、数字、符号中的至少三类");
  if (username && password.toLowerCase().includes(username.toLowerCase())) fail("密码不能包含用户名");
}
