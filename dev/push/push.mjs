// A push service on loopback for tests and the demo: it hands out subscriptions, takes Web
// Push messages for them as FCM, Mozilla's or Apple's service would (RFC 8030), checks the
// sender's VAPID signature (RFC 8292) and decrypts the message (RFC 8291, aes128gcm of RFC
// 8188) with the subscription's private key, and keeps what arrived so a test can read it.
// Node's own crypto only; no npm packages. For local use only.
//
//   node dev/push/push.mjs --port N [--store FILE]
//   --store FILE           keeps the subscriptions in FILE, so that they outlive a restart
//                          (as a real service's do when it is briefly down)
//   PUSH_VAPID_PUBLIC_KEY  the sender's VAPID public key (base64url); a message signed with
//                          any other key is refused (401). Unset: any valid signature.
//
// HTTP:
//   POST   /push/<id>                     a message (headers TTL, Urgency, Content-Encoding:
//                                         aes128gcm, Authorization: vapid t=<JWT>, k=<key>);
//                                         201 when kept, 404 for an unknown or removed
//                                         subscription, or whatever /_control said
//   POST   /_control/subscribe            a new subscription, as PushSubscription.toJSON():
//                                         {"endpoint", "expirationTime": null, "keys": {"p256dh", "auth"}}
//   POST   /_control/answer/<id>          JSON {"status": 410, "times": 2}: the next `times`
//                                         messages for <id> (every one, without `times`) are
//                                         answered `status` and not kept; 404 and 410 also
//                                         remove the subscription, as a real service does
//   GET    /_control/messages[?subscription=<id>]  what arrived, oldest first: {"id",
//                                         "subscription", "payload" (the decrypted text),
//                                         "ttl", "urgency", "vapid": {"aud", "exp", "sub"},
//                                         "received_at"}
//   GET    /_control/refused              what was refused, and why
//   DELETE /_control/messages             forget what arrived
//   GET    /healthz

import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";

const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node dev/push/push.mjs --port N");
  process.exit(2);
}
const origin = `http://127.0.0.1:${port}`;
const expectedKey = process.env.PUSH_VAPID_PUBLIC_KEY || null;
const storeAt = process.argv.indexOf("--store");
const store = storeAt > 0 ? process.argv[storeAt + 1] : null;

/** id → {ecdh, publicKey (65 bytes), auth (16 bytes)} */
const subscriptions = new Map();
if (store && fs.existsSync(store)) {
  for (const [id, kept] of Object.entries(JSON.parse(fs.readFileSync(store, "utf8")))) {
    const ecdh = crypto.createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(kept.privateKey, "base64url"));
    subscriptions.set(id, { ecdh, publicKey: ecdh.getPublicKey(), auth: Buffer.from(kept.auth, "base64url") });
  }
}

/** Writes the subscriptions to the store, if there is one. */
function keep() {
  if (!store) return;
  const kept = {};
  for (const [id, { ecdh, auth }] of subscriptions) {
    kept[id] = { privateKey: ecdh.getPrivateKey().toString("base64url"), auth: auth.toString("base64url") };
  }
  fs.writeFileSync(`${store}.tmp`, JSON.stringify(kept));
  fs.renameSync(`${store}.tmp`, store);
}
/** id → {status, times (null: for ever)} */
const answers = new Map();
const messages = [];
const refused = [];

const b64url = (buffer) => Buffer.from(buffer).toString("base64url");
const fromB64url = (text) => Buffer.from(text, "base64url");
const hkdf = (salt, ikm, info, length) =>
  Buffer.from(crypto.hkdfSync("sha256", ikm, salt, info, length));

function subscribe() {
  const id = crypto.randomUUID();
  const ecdh = crypto.createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  subscriptions.set(id, { ecdh, publicKey, auth });
  keep();
  return {
    endpoint: `${origin}/push/${id}`,
    expirationTime: null,
    keys: { p256dh: b64url(publicKey), auth: b64url(auth) },
  };
}

class Refusal extends Error {
  constructor(status, reason) {
    super(reason);
    this.status = status;
  }
}

/** The claims of the VAPID JWT in `authorization`, checked (RFC 8292). */
function checkVapid(authorization) {
  const match = /^vapid\s+(.*)$/i.exec(authorization || "");
  if (!match) throw new Refusal(401, "no `Authorization: vapid` header");
  const params = Object.fromEntries(
    match[1].split(",").map((part) => {
      const [name, ...value] = part.trim().split("=");
      return [name.trim(), value.join("=").trim()];
    }),
  );
  if (!params.t || !params.k) throw new Refusal(401, "the vapid header lacks t= or k=");
  const key = fromB64url(params.k);
  if (key.length !== 65 || key[0] !== 4) throw new Refusal(401, "k= is not a P-256 point");
  if (expectedKey && params.k.replace(/=+$/, "") !== expectedKey.replace(/=+$/, "")) {
    throw new Refusal(401, "signed with another VAPID key than the configured one");
  }
  const [header, claims, signature] = params.t.split(".");
  if (!signature) throw new Refusal(401, "t= is not a JWT");
  const head = JSON.parse(fromB64url(header).toString());
  if (head.alg !== "ES256") throw new Refusal(401, `JWT alg ${head.alg}, not ES256`);
  const publicKey = crypto.createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(key.subarray(1, 33)), y: b64url(key.subarray(33)) },
    format: "jwk",
  });
  const valid = crypto.verify(
    "sha256",
    Buffer.from(`${header}.${claims}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    fromB64url(signature),
  );
  if (!valid) throw new Refusal(401, "the JWT's signature does not verify with k=");
  const body = JSON.parse(fromB64url(claims).toString());
  if (body.aud !== origin) throw new Refusal(401, `aud ${body.aud}, not ${origin}`);
  const now = Math.floor(Date.now() / 1000);
  if (!(body.exp > now && body.exp <= now + 24 * 3600)) {
    throw new Refusal(401, "exp is not within the next 24 hours");
  }
  if (body.sub && !/^(mailto:|https:)/.test(body.sub)) {
    throw new Refusal(401, "sub is neither mailto: nor https:");
  }
  return { aud: body.aud, exp: body.exp, sub: body.sub ?? null };
}

/** The plaintext of an aes128gcm body (RFC 8188) for `subscription` (RFC 8291). */
function decrypt(subscription, body) {
  if (body.length < 21) throw new Refusal(400, "the body is shorter than its header");
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const senderKey = body.subarray(21, 21 + idlen);
  if (idlen !== 65 || rs < 18) throw new Refusal(400, "the header's keyid is not a P-256 point");
  const records = body.subarray(21 + idlen);
  const shared = subscription.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([
    Buffer.from("WebPush: info\0"),
    subscription.publicKey,
    senderKey,
  ]);
  const ikm = hkdf(subscription.auth, shared, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const baseNonce = hkdf(salt, ikm, Buffer.from("Content-Encoding: nonce\0"), 12);
  const parts = [];
  for (let offset = 0, seq = 0; offset < records.length; offset += rs, seq += 1) {
    const record = records.subarray(offset, offset + rs);
    const nonce = Buffer.from(baseNonce);
    // The record's sequence number XORed into the nonce (RFC 8188 §2.3); far below 2^32.
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = crypto.createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    let plain;
    try {
      plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    } catch {
      throw new Refusal(400, "the body does not decrypt with the subscription's keys");
    }
    // Padding: a delimiter (2 in the last record, 1 before) and zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end -= 1;
    const last = offset + rs >= records.length;
    if (end < 0 || plain[end] !== (last ? 2 : 1)) throw new Refusal(400, "bad record padding");
    parts.push(plain.subarray(0, end));
  }
  return Buffer.concat(parts).toString("utf8");
}

function receive(id, request, body) {
  const answer = answers.get(id);
  if (answer && answer.times !== 0) {
    if (answer.times !== null) answer.times -= 1;
    if (answer.status === 404 || answer.status === 410) {
      subscriptions.delete(id);
      keep();
    }
    throw new Refusal(answer.status, "answered as told by /_control/answer");
  }
  const subscription = subscriptions.get(id);
  if (!subscription) throw new Refusal(404, "no such subscription");
  const vapid = checkVapid(request.headers.authorization);
  const ttl = request.headers.ttl;
  if (ttl === undefined || !/^\d+$/.test(ttl)) throw new Refusal(400, "no TTL header");
  if ((request.headers["content-encoding"] || "").toLowerCase() !== "aes128gcm") {
    throw new Refusal(415, "Content-Encoding is not aes128gcm");
  }
  const payload = decrypt(subscription, body);
  const message = {
    id: crypto.randomUUID(),
    subscription: id,
    payload,
    ttl: Number(ttl),
    urgency: request.headers.urgency ?? null,
    vapid,
    received_at: new Date().toISOString(),
  };
  messages.push(message);
  return message;
}

function send(response, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(text);
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const url = new URL(request.url, origin);
    const path = url.pathname;
    try {
      let match;
      if (request.method === "GET" && path === "/healthz") return send(response, 200, { ok: true });
      if (request.method === "POST" && (match = /^\/push\/([\w-]+)$/.exec(path))) {
        const message = receive(match[1], request, body);
        return send(response, 201, undefined, { location: `${origin}/messages/${message.id}` });
      }
      if (request.method === "POST" && path === "/_control/subscribe") {
        return send(response, 200, subscribe());
      }
      if (request.method === "POST" && (match = /^\/_control\/answer\/([\w-]+)$/.exec(path))) {
        const { status, times } = JSON.parse(body.toString() || "{}");
        answers.set(match[1], { status: Number(status), times: times ?? null });
        return send(response, 204);
      }
      if (request.method === "GET" && path === "/_control/messages") {
        const only = url.searchParams.get("subscription");
        return send(response, 200, messages.filter((m) => !only || m.subscription === only));
      }
      if (request.method === "GET" && path === "/_control/refused") return send(response, 200, refused);
      if (request.method === "DELETE" && path === "/_control/messages") {
        messages.length = 0;
        refused.length = 0;
        return send(response, 204);
      }
      return send(response, 404, { error: "not found" });
    } catch (error) {
      const status = error instanceof Refusal ? error.status : 500;
      refused.push({ path, status, reason: error.message, at: new Date().toISOString() });
      return send(response, status, { reason: error.message });
    }
  });
});

server.listen(port, "127.0.0.1", () => console.log(`push service stand-in on ${origin}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
