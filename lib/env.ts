import { z } from "zod";

/** Environment read and validated once. */
const schema = z.object({
  DATABASE_PATH: z.string().min(1).default("data/waymark.db"),
  AUTH_SECRET: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export const env = schema.parse(process.env);
