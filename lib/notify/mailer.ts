import nodemailer, { type Transporter } from "nodemailer";

/**
 * Mail settings, read from the environment: SMTP_URL (e.g. smtp://user:pass@host:587, upgraded with
 * STARTTLS when the server offers it; smtps:// for implicit TLS) and MAIL_FROM. With no SMTP_URL the
 * app keeps every email in its outbox (/admin/outbox) instead, so a fresh install works.
 */
export type MailSettings = { smtpUrl: string | null; from: string };

export function mailSettings(): MailSettings {
  return { smtpUrl: process.env.SMTP_URL?.trim() || null, from: process.env.MAIL_FROM?.trim() || "Waymark <waymark@localhost>" };
}

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** Hands one email to the SMTP server. Throws on refusal or a network failure (the caller retries later). */
export async function sendMail(settings: MailSettings & { smtpUrl: string }, message: { to: string; subject: string; text: string; messageId: string }) {
  await transportFor(settings.smtpUrl).sendMail({
    from: settings.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    textEncoding: "quoted-printable",
  });
}
