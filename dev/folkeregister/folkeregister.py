#!/usr/bin/python3
"""A local stand-in for the population register (Folkeregisteret), for the demo and the
tests only: it answers Skatteetaten's lookup of one person in the JSON shape of the
Folkeregister API ("offentlig med hjemmel", v1) on 127.0.0.1, from the demo's persons
(persons.json) and whatever the tests put in. Never part of a release.

    folkeregister.py --port N --persons persons.json

Every request needs `Authorization: Bearer $FOLKEREGISTER_TOKEN`.

    GET    /folkeregisteret/offentlig-med-hjemmel/api/v1/personer/{nin}?part=…
           the person, or 404 {"kode": "FREG-404", "melding": …}
    PUT    /_standin/personer/{nin}   JSON: a person document as the GET returns it (a test's
           own family); an optional "_standin": {"delay_ms": N} slows its answers (a slow
           register)
    DELETE /_standin/personer/{nin}
    GET    /_standin/personer[?navn=Given Family]   [{"foedselsnummer", "navn", "foedselsdato"}]:
           how the demo and the browser tests find a person's number
    GET    /healthz

Birth dates of the demo's children are computed from today in Europe/Oslo (born `age`
years and 40 days ago), and every national identity number is synthetic (month + 80, as in
Skatteetaten's Tenor test data), by the same rule as server/src/demo_seed.sql.
"""

import argparse
import json
import os
import re
import sys
import threading
import time
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

PERSON_PATH = re.compile(r"^/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/([0-9]{11})$")
STANDIN_PATH = re.compile(r"^/_standin/personer/([0-9]{11})$")


def is_valid_national_id(nin):
    """As is_valid_national_id() in the first migration."""
    if not re.fullmatch(r"[0-9]{11}", nin):
        return False
    d = [int(c) for c in nin]
    day, month = d[0] * 10 + d[1], d[2] * 10 + d[3]
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    k1 = 11 - sum(w * x for w, x in zip([3, 7, 6, 1, 8, 9, 4, 5, 2], d)) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10 or k1 != d[9]:
        return False
    k2 = 11 - sum(w * x for w, x in zip([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], d)) % 11
    k2 = 0 if k2 == 11 else k2
    return k2 != 10 and k2 == d[10]


def synthetic_id(birth, serial):
    """As pg_temp.synthetic_id() in server/src/demo_seed.sql."""
    base = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}"
    for step in range(100):
        individual = (500 if birth.year >= 2000 else 0) + (serial + step) % 500
        for k1 in range(10):
            for k2 in range(10):
                candidate = f"{base}{individual:03d}{k1}{k2}"
                if is_valid_national_id(candidate):
                    return candidate
    raise ValueError(f"no synthetic id for {birth}")


def born_years_ago(years, today):
    """Today minus `years` (28 February for 29 February, as PostgreSQL does), minus 40 days."""
    try:
        then = today.replace(year=today.year - years)
    except ValueError:
        then = today.replace(year=today.year - years, day=28)
    return then - timedelta(days=40)


def current(value):
    return [dict(value, erGjeldende=True)]


def address(fields):
    return {
        "vegadresse": {
            "adressenavn": fields["adressenavn"],
            "adressenummer": {"husnummer": fields["husnummer"], "husbokstav": fields.get("husbokstav")},
            "postnummer": fields["postnummer"],
            "poststed": fields["poststed"],
            "kommunenummer": "1579",
        },
        "adresseIdentifikatorFraMatrikkelen": "demo-" + "-".join(
            str(fields.get(k) or "") for k in ("adressenavn", "husnummer", "husbokstav", "postnummer")),
    }


def document(nin, given, family, birth, status, home, relations=(), responsibility=(), shared=None):
    doc = {
        "identifikasjonsnummer": current({"foedselsEllerDNummer": nin, "identifikatortype": "foedselsnummer", "status": "iBruk"}),
        "status": current({"status": status}),
        "navn": current({"fornavn": given, "mellomnavn": None, "etternavn": family}),
        "foedsel": current({"foedselsdato": birth.isoformat(), "foedselsaar": str(birth.year)}),
        "bostedsadresse": current(address(home)) if home else [],
        "familierelasjon": [dict(r, erGjeldende=True) for r in relations],
        "foreldreansvar": [dict(r, erGjeldende=True) for r in responsibility],
        "deltBosted": current(dict(address(shared), startdatoForKontrakt="2022-08-01")) if shared else [],
    }
    return doc


def demo_persons(path):
    with open(path, encoding="utf-8") as source:
        data = json.load(source)
    today = datetime.now(ZoneInfo("Europe/Oslo")).date()
    addresses = data["addresses"]
    nins, births = {}, {}
    for adult in data["adults"]:
        births[adult["key"]] = date.fromisoformat(adult["born"])
    for child in data["children"]:
        births[child["key"]] = born_years_ago(child["age"], today)
    for person in data["adults"] + data["children"]:
        nins[person["key"]] = synthetic_id(births[person["key"]], person["serial"])

    persons = {}
    children_of = {}
    for child in data["children"]:
        nin = nins[child["key"]]
        relations = [{"relatertPerson": nins[parent], "relatertPersonsRolle": role, "minRolleForPerson": "barn"}
                     for parent, role in child["parents"].items()]
        responsibility = [{"ansvar": kind, "ansvarlig": nins[parent], "ansvarssubjekt": nin}
                          for parent, kind in child["responsibility"].items()]
        shared = child.get("shared_residence_address")
        persons[nin] = document(
            nin, child["given"], child["family"], births[child["key"]], child.get("status", "bosatt"),
            addresses.get(child.get("address")), relations, responsibility,
            addresses[shared] if shared else None)
        for parent, role in child["parents"].items():
            children_of.setdefault(parent, []).append((nin, role))
    for adult in data["adults"]:
        nin = nins[adult["key"]]
        relations = [{"relatertPerson": child_nin, "relatertPersonsRolle": "barn", "minRolleForPerson": role}
                     for child_nin, role in children_of.get(adult["key"], [])]
        persons[nin] = document(nin, adult["given"], adult["family"], births[adult["key"]], "bosatt",
                                addresses.get(adult.get("address")), relations)
    return persons


class Register:
    def __init__(self, persons):
        self.lock = threading.Lock()
        self.persons = persons

    def get(self, nin):
        with self.lock:
            return self.persons.get(nin)

    def put(self, nin, doc):
        with self.lock:
            self.persons[nin] = doc

    def listing(self, name=None):
        with self.lock:
            found = []
            for nin, doc in self.persons.items():
                names = [n for n in doc.get("navn", []) if n.get("erGjeldende")]
                full = f"{names[0]['fornavn']} {names[0]['etternavn']}" if names else ""
                if name is None or full.lower() == name.lower():
                    birth = next((b["foedselsdato"] for b in doc.get("foedsel", []) if b.get("erGjeldende")), None)
                    found.append({"foedselsnummer": nin, "navn": full, "foedselsdato": birth})
            return sorted(found, key=lambda p: p["navn"])

    def delete(self, nin):
        with self.lock:
            return self.persons.pop(nin, None) is not None


def handler(register, token):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            # National identity numbers are in the paths: never logged.
            pass

        def answer(self, status, body=None):
            payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json; charset=utf-8")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def authorized(self):
            if self.headers.get("authorization") == f"Bearer {token}":
                return True
            self.answer(401, {"kode": "FREG-401", "melding": "Mangler gyldig tilgangstoken"})
            return False

        def path_only(self):
            return self.path.split("?", 1)[0]

        def do_GET(self):
            if self.path_only() == "/healthz":
                return self.answer(200, {"status": "ok"})
            if self.path_only() == "/_standin/personer":
                if not self.authorized():
                    return
                name = parse_qs(urlparse(self.path).query).get("navn", [None])[0]
                return self.answer(200, register.listing(name))
            match = PERSON_PATH.match(self.path_only())
            if not match:
                return self.answer(404, {"kode": "FREG-404", "melding": "Ukjent sti"})
            if not self.authorized():
                return
            doc = register.get(match.group(1))
            if doc is None:
                return self.answer(404, {"kode": "FREG-404", "melding": "Fant ikke person"})
            delay = doc.get("_standin", {}).get("delay_ms", 0)
            if delay:
                time.sleep(delay / 1000)
            self.answer(200, {k: v for k, v in doc.items() if not k.startswith("_")})

        def do_PUT(self):
            match = STANDIN_PATH.match(self.path_only())
            if not match:
                return self.answer(404)
            if not self.authorized():
                return
            length = int(self.headers.get("content-length", "0"))
            try:
                doc = json.loads(self.rfile.read(length))
            except ValueError:
                return self.answer(400, {"melding": "not JSON"})
            register.put(match.group(1), doc)
            self.answer(204)

        def do_DELETE(self):
            match = STANDIN_PATH.match(self.path_only())
            if not match:
                return self.answer(404)
            if not self.authorized():
                return
            self.answer(204 if register.delete(match.group(1)) else 404)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--persons", default=os.path.join(os.path.dirname(__file__), "persons.json"))
    args = parser.parse_args()
    token = os.environ.get("FOLKEREGISTER_TOKEN")
    if not token:
        sys.exit("FOLKEREGISTER_TOKEN must be set")
    register = Register(demo_persons(args.persons))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(register, token))
    server.daemon_threads = True
    print(f"folkeregister stand-in: {len(register.persons)} persons on 127.0.0.1:{args.port}",
          file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
