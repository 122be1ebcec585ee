import { z } from "zod";

/** All validation messages in Simplified Chinese (server and web share this). */
z.config(z.locales.zhCN());

export { z };
