#!/usr/bin/python3
"""A real SMTP server and an SMS sink on loopback that keep what they receive, so tests and
the demo can read one-time codes. For local use only: no TLS, no authentication on SMTP.

    mailsink.py --smtp-port N --http-port M [--store FILE]

HTTP:
    POST   /sms                 JSON {"to", "text"}, HTTP basic auth when MAILSINK_SMS_USER
                                and MAILSINK_SMS_PASSWORD are set; header Idempotency-Key kept
    GET    /messages[?to=&channel=]   every message, oldest first
    GET    /messages/latest?to=       the newest message to that recipient (404 if none)
    DELETE /messages            forget everything
    GET    /healthz
A message: {"id", "channel": "email"|"sms", "to", "from", "subject", "body", "message_id",
"received_at"}. With --store, messages are appended to FILE as JSON lines and reloaded at
start. Bodies hold codes: they are never logged.
"""

import argparse
import base64
import email
import email.policy
import json
import os
import signal
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.messages = []
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as lines:
                self.messages = [json.loads(line) for line in lines if line.strip()]

    def add(self, record):
        with self.lock:
            record["id"] = (self.messages[-1]["id"] + 1) if self.messages else 1
            record["received_at"] = datetime.now(timezone.utc).isoformat()
            self.messages.append(record)
            if self.path:
                with open(self.path, "a", encoding="utf-8") as out:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"mailsink: {record['channel']} #{record['id']} to {record['to']}", file=sys.stderr, flush=True)
        return record["id"]

    def select(self, to=None, channel=None):
        with self.lock:
            return [
                m for m in self.messages
                if (to is None or m["to"].lower() == to.lower())
                and (channel is None or m["channel"] == channel)
            ]

    def clear(self):
        with self.lock:
            self.messages = []
            if self.path and os.path.exists(self.path):
                os.remove(self.path)


def plain_text(message):
    part = message.get_body(preferencelist=("plain",))
    return part.get_content().replace("\r\n", "\n") if part is not None else ""


class SmtpHandler:
    def __init__(self, store):
        self.store = store

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        for recipient in envelope.rcpt_tos:
            self.store.add({
                "channel": "email",
                "to": recipient.lower(),
                "from": envelope.mail_from,
                "subject": str(message["subject"]) if message["subject"] else None,
                "body": plain_text(message),
                "message_id": str(message["message-id"]) if message["message-id"] else None,
            })
        return "250 Message accepted for delivery"


def http_handler(store, sms_user, sms_password):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body=None):
            data = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/healthz":
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            elif url.path == "/messages":
                self.answer(200, store.select(query.get("to"), query.get("channel")))
            elif url.path == "/messages/latest":
                found = store.select(query.get("to"), query.get("channel"))
                self.answer(200, found[-1]) if found else self.answer(404, {"error": "none"})
            else:
                self.answer(404, {"error": "not found"})

        def do_DELETE(self):
            if urlparse(self.path).path == "/messages":
                store.clear()
                self.answer(204)
            else:
                self.answer(404, {"error": "not found"})

        def authorized(self):
            if not (sms_user and sms_password):
                return True
            expected = "Basic " + base64.b64encode(f"{sms_user}:{sms_password}".encode()).decode()
            return self.headers.get("Authorization") == expected

        def do_POST(self):
            if urlparse(self.path).path != "/sms":
                return self.answer(404, {"error": "not found"})
            if not self.authorized():
                return self.answer(401, {"error": "unauthorized"})
            length = int(self.headers.get("Content-Length") or 0)
            try:
                sms = json.loads(self.rfile.read(length) or b"null")
                to, text = sms["to"], sms["text"]
                if not isinstance(to, str) or not isinstance(text, str) or not to or not text:
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                return self.answer(400, {"error": "expected JSON {\"to\": string, \"text\": string}"})
            number = store.add({
                "channel": "sms", "to": to, "from": None, "subject": None, "body": text,
                "message_id": self.headers.get("Idempotency-Key"),
            })
            self.answer(202, {"id": number})

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--store")
    args = parser.parse_args()

    store = Store(args.store)
    smtp = Controller(SmtpHandler(store), hostname="127.0.0.1", port=args.smtp_port)
    smtp.start()
    http = ThreadingHTTPServer(("127.0.0.1", args.http_port), http_handler(
        store, os.environ.get("MAILSINK_SMS_USER"), os.environ.get("MAILSINK_SMS_PASSWORD")))

    def stop(*_):
        threading.Thread(target=http.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"mailsink: SMTP on 127.0.0.1:{args.smtp_port}, HTTP on 127.0.0.1:{args.http_port}", flush=True)
    http.serve_forever()
    smtp.stop()


if __name__ == "__main__":
    main()
