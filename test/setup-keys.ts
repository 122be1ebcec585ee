import { installKeyring, Keyring } from "../src/server/lib/personal-data.js";

/**
 * Every test process runs with a personal-data keyring installed, as the server does at start-up
 * (main.ts → jobs/data-keys.ts). A fixed test key: the data is real ciphertext all the same.
 * Tests of rotation and of key loading install their own rings.
 */
export const TEST_DATA_KEY = Buffer.alloc(32, 0x5a);
installKeyring(Keyring.fromSecrets([TEST_DATA_KEY]));
