import { expect, type APIRequestContext } from "@playwright/test";

/** A message the local mail/SMS sink (dev/mailsink) received. */
type Received = { id: number; channel: "email" | "sms"; to: string; body: string };

const sink = () => {
  const url = process.env.MAILSINK_URL;
  if (!url) throw new Error("MAILSINK_URL is not set: run the tests through scripts/test");
  return url;
};

/** The id of the newest message to TO so far (0 if none), to wait for a newer one. */
export async function lastMessageId(request: APIRequestContext, to: string): Promise<number> {
  const response = await request.get(`${sink()}/messages`, { params: { to } });
  const messages = (await response.json()) as Received[];
  return messages.length ? messages[messages.length - 1].id : 0;
}

/** Waits for a message to TO newer than AFTER and returns the six-digit code in it. */
export async function codeSentTo(request: APIRequestContext, to: string, after: number): Promise<string> {
  let code = "";
  await expect
    .poll(
      async () => {
        const response = await request.get(`${sink()}/messages`, { params: { to } });
        const newer = ((await response.json()) as Received[]).filter((m) => m.id > after);
        code = newer.length ? (newer[newer.length - 1].body.match(/\b\d{6}\b/)?.[0] ?? "") : "";
        return code;
      },
      { message: `a code sent to ${to}`, timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/);
  return code;
}

/** Waits for a message to TO newer than AFTER and returns its body. */
export async function messageSentTo(request: APIRequestContext, to: string, after: number): Promise<string> {
  let body = "";
  await expect
    .poll(
      async () => {
        const response = await request.get(`${sink()}/messages`, { params: { to } });
        const newer = ((await response.json()) as Received[]).filter((m) => m.id > after);
        body = newer.length ? newer[newer.length - 1].body : "";
        return body.length > 0;
      },
      { message: `a message sent to ${to}`, timeout: 15_000 },
    )
    .toBe(true);
  return body;
}
