import { z } from "zod";

/** A message as the local outbox keeps it (development and tests, when no e-mail sender is configured). */
export const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** GET /dev/outbox.json: newest first. */
export const outboxSchema = z.object({ messages: z.array(outboxMessageSchema) });
export type Outbox = z.infer<typeof outboxSchema>;

/** Hours a reset asked for by e-mail stays valid (a committee's invitations last INVITATION_DAYS). */
export const FORGOT_RESET_HOURS = 1;

/** "Forgot password": the login e-mail. The answer is the same whether or not it has an account. */
export const forgotPasswordSchema = z.object({ email: z.string().trim().toLowerCase().email().max(254) }).strict();
export type ForgotPassword = z.infer<typeof forgotPasswordSchema>;

/** POST /api/auth/forgot answers 202 with this, always. */
export const forgotPasswordAnswerSchema = z.object({ ok: z.literal(true) });
export type ForgotPasswordAnswer = z.infer<typeof forgotPasswordAnswerSchema>;
