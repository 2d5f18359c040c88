import { type APIRequestContext, expect } from "@playwright/test";
import { syntheticNationalId } from "./idporten";

/** The local population register (dev/folkeregister) the test command started. */
function register() {
  const url = process.env.STAFETT_FOLKEREGISTER_URL;
  const token = process.env.STAFETT_FOLKEREGISTER_TOKEN;
  if (!url || !token) throw new Error("run through ./scripts/test: the population register is not set");
  return { url, headers: { authorization: `Bearer ${token}` } };
}

type Member = { given: string; born: Date; home: string };

/**
 * A family of the test's own, put in the register: a child and parents. `responsible` names
 * the parents (by given name) with parental responsibility; `shared` gives the child fixed
 * residence with both (delt bosted). Returns each person's national identity number.
 */
export async function putFamily(
  request: APIRequestContext,
  family: {
    surname: string;
    serial: number;
    child: Member;
    parents: (Member & { role: "mor" | "far" })[];
    responsible: string[];
    shared?: boolean;
  },
): Promise<Record<string, string>> {
  const { url, headers } = register();
  const numbers: Record<string, string> = {};
  for (const member of [family.child, ...family.parents]) {
    numbers[member.given] = syntheticNationalId(member.born, family.serial);
  }
  const iso = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  const document = (member: Member, relations: object[], responsible: string[], shared: boolean) => ({
    identifikasjonsnummer: [{ erGjeldende: true, foedselsEllerDNummer: numbers[member.given], identifikatortype: "foedselsnummer", status: "iBruk" }],
    status: [{ erGjeldende: true, status: "bosatt" }],
    navn: [{ erGjeldende: true, fornavn: member.given, etternavn: family.surname }],
    foedsel: [{ erGjeldende: true, foedselsdato: iso(member.born) }],
    bostedsadresse: [{ erGjeldende: true, adresseIdentifikatorFraMatrikkelen: member.home }],
    familierelasjon: relations,
    foreldreansvar: responsible.map((given) => ({ erGjeldende: true, ansvar: "felles", ansvarlig: numbers[given] })),
    deltBosted: shared ? [{ erGjeldende: true, startdatoForKontrakt: "2022-08-01" }] : [],
  });
  const put = async (member: Member, body: object) => {
    const response = await request.put(`${url}/_standin/personer/${numbers[member.given]}`, { headers, data: body });
    expect(response.ok()).toBeTruthy();
  };
  await put(
    family.child,
    document(
      family.child,
      family.parents.map((p) => ({ erGjeldende: true, relatertPerson: numbers[p.given], relatertPersonsRolle: p.role })),
      family.responsible,
      family.shared ?? false,
    ),
  );
  for (const parent of family.parents) {
    await put(parent, document(parent, [{ erGjeldende: true, relatertPerson: numbers[family.child.given], relatertPersonsRolle: "barn" }], [], false));
  }
  return numbers;
}

/** A date `years` years and `days` days before today. */
export function yearsAgo(years: number, days = 40): Date {
  const date = new Date();
  date.setFullYear(date.getFullYear() - years);
  date.setDate(date.getDate() - days);
  return date;
}

/** The national identity number of the person the register names so. */
export async function numberOf(request: APIRequestContext, name: string): Promise<string> {
  const { url, headers } = register();
  const response = await request.get(`${url}/_standin/personer?navn=${encodeURIComponent(name)}`, { headers });
  expect(response.ok()).toBeTruthy();
  const found = (await response.json()) as { foedselsnummer: string }[];
  expect(found.length, `${name} in the register`).toBe(1);
  return found[0].foedselsnummer;
}
