import { randomBytes } from "node:crypto";
import { passwordProblem } from "../../../contracts/accounts.js";
import { AppError } from "../../errors.js";

/**
 * The Argon2 binding (a native addon), loaded by the first hash or sign-in rather than at start:
 * a restart hashes nothing (issue 14).
 */
let argon2: Promise<typeof import("@node-rs/argon2")> | undefined;
const loadArgon2 = () => {
  argon2 ??= import("@node-rs/argon2");
  return argon2;
};

/**
 * Argon2id (the library default algorithm) with its default cost
 * (19 MiB, 2 passes): ~tens of ms per login, far too slow for offline guessing.
 */
export async function hashPassword(password: string): Promise<string> {
  return (await loadArgon2()).hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const { verify } = await loadArgon2();
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
  dummy ??= hashPassword(randomBytes(24).toString("hex"));
  return dummy;
}

/** The contract's password policy (passwordProblem) as the server's WEAK_PASSWORD error. */
export function checkPasswordStrength(password: string, username: string): void {
  const message = passwordProblem(password, username);
  if (message) throw new AppError("WEAK_PASSWORD", message, [{ path: "password", message }]);
}
