#!/usr/bin/python3
"""A municipality's archive receiver on loopback, for tests and the demo: it takes the
packages Stafett sends when a log closes, checks them as an archive would, files each once
and answers a receipt with an archive reference. For local use only.

    archive.py --port N --store DIR [--schema XSD]

HTTP:
    PUT  /packages/{id}   bearer token ARCHIVE_TOKEN; JSON {"arkivmelding", "files":
                          [{"name", "mimeType", "data" (base64)}]}. 201 {"reference"} when
                          filed, 200 with the same reference when {id} was filed before
                          (the idempotency key), 400 when the package is not one the archive
                          can file (the XML is not well formed or, with --schema, not valid;
                          a file is missing or does not match its checksum).
    POST /_control/fail   JSON {"times": N}: the next N packages are answered 503 unfiled,
                          as an archive that is down would.
    GET  /_control/packages   what was filed: [{"id", "reference", "attempts", "files"}]
    GET  /healthz
A filed package is kept in DIR/{id}/ (arkivmelding.xml, its files, receipt.json).
"""

import argparse
import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NS = "{https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1}"
PACKAGE_PATH = re.compile(r"^/packages/([0-9a-f-]{36})$")


class Archive:
    def __init__(self, store, schema):
        self.store = store
        self.schema = schema
        self.lock = threading.Lock()
        self.fail_next = 0
        # PUTs per package id, filed or not: shows a package sent again.
        self.attempts = {}
        os.makedirs(store, exist_ok=True)

    def receipt(self, package_id):
        path = os.path.join(self.store, package_id, "receipt.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as receipt:
                return json.load(receipt)
        return None

    def problem(self, package):
        """Why the archive cannot file this package, or None."""
        xml = package.get("arkivmelding")
        files = package.get("files")
        if not isinstance(xml, str) or not isinstance(files, list):
            return "arkivmelding and files are required"
        try:
            root = ET.fromstring(xml.encode("utf-8"))
        except ET.ParseError as error:
            return f"arkivmelding.xml is not well formed: {error}"
        if self.schema:
            with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8") as tmp:
                tmp.write(xml)
                tmp.flush()
                checked = subprocess.run(
                    ["xmllint", "--noout", "--schema", self.schema, tmp.name],
                    capture_output=True, text=True)
                if checked.returncode != 0:
                    return "arkivmelding.xml is not valid: " + checked.stderr[-500:]
        count = root.findtext(f"{NS}antallFiler")
        if count != str(len(files)):
            return f"antallFiler is {count}, the package has {len(files)} files"
        by_name = {}
        for file in files:
            try:
                by_name[file["name"]] = base64.b64decode(file["data"], validate=True)
            except (KeyError, TypeError, ValueError):
                return "a file has no name or its data is not base64"
        for obj in root.iter(f"{NS}dokumentobjekt"):
            name = obj.findtext(f"{NS}referanseDokumentfil")
            if name not in by_name:
                return f"the document {name} is not in the package"
            checksum = obj.findtext(f"{NS}sjekksum")
            if checksum and hashlib.sha256(by_name[name]).hexdigest() != checksum:
                return f"the document {name} does not match its checksum"
        return None

    def file(self, package_id, package):
        """Files the package once; returns (created, receipt)."""
        with self.lock:
            self.attempts[package_id] = self.attempts.get(package_id, 0) + 1
            earlier = self.receipt(package_id)
            if earlier:
                return False, earlier
            filed = len([name for name in os.listdir(self.store) if not name.startswith(".")])
            year = datetime.now(timezone.utc).year
            receipt = {"reference": f"{year}/{filed + 1}",
                       "filed_at": datetime.now(timezone.utc).isoformat()}
            partial = os.path.join(self.store, f".{package_id}.partial")
            os.makedirs(partial, exist_ok=True)
            with open(os.path.join(partial, "arkivmelding.xml"), "w", encoding="utf-8") as out:
                out.write(package["arkivmelding"])
            for file in package["files"]:
                name = os.path.basename(file["name"])
                with open(os.path.join(partial, name), "wb") as out:
                    out.write(base64.b64decode(file["data"]))
            with open(os.path.join(partial, "receipt.json"), "w", encoding="utf-8") as out:
                json.dump(receipt, out)
            os.rename(partial, os.path.join(self.store, package_id))
            return True, receipt

    def listing(self):
        with self.lock:
            out = []
            for name in sorted(os.listdir(self.store)):
                if name.startswith("."):
                    continue
                receipt = self.receipt(name) or {}
                files = sorted(f for f in os.listdir(os.path.join(self.store, name))
                               if f != "receipt.json")
                out.append({"id": name, "reference": receipt.get("reference"),
                            "attempts": self.attempts.get(name, 0), "files": files})
            return out


def handler(archive, token):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            print("archive: " + fmt % args, file=sys.stderr, flush=True)

        def answer(self, status, body):
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def body(self):
            length = int(self.headers.get("content-length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def do_GET(self):
            if self.path == "/healthz":
                return self.answer(200, {"ok": True})
            if self.path == "/_control/packages":
                return self.answer(200, archive.listing())
            self.answer(404, {"error": "not found"})

        def do_POST(self):
            if self.path == "/_control/fail":
                with archive.lock:
                    archive.fail_next = int(self.body().get("times", 1))
                return self.answer(200, {"fail_next": archive.fail_next})
            self.answer(404, {"error": "not found"})

        def do_PUT(self):
            match = PACKAGE_PATH.match(self.path)
            if not match:
                return self.answer(404, {"error": "not found"})
            if self.headers.get("authorization") != f"Bearer {token}":
                return self.answer(401, {"error": "a valid bearer token is required"})
            with archive.lock:
                if archive.fail_next > 0:
                    archive.fail_next -= 1
                    archive.attempts[match[1]] = archive.attempts.get(match[1], 0) + 1
                    return self.answer(503, {"error": "the archive is down"})
            try:
                package = self.body()
            except ValueError:
                return self.answer(400, {"error": "the body is not JSON"})
            problem = archive.problem(package)
            if problem:
                return self.answer(400, {"error": problem})
            created, receipt = archive.file(match[1], package)
            self.answer(201 if created else 200, receipt)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--schema", help="validate each arkivmelding.xml against this XSD")
    args = parser.parse_args()
    token = os.environ.get("ARCHIVE_TOKEN")
    if not token:
        sys.exit("ARCHIVE_TOKEN is required")
    archive = Archive(args.store, args.schema)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(archive, token))
    print(f"archive: listening on 127.0.0.1:{args.port}", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
