//! The population register over HTTP: Skatteetaten's Folkeregister API ("offentlig med
//! hjemmel", v1), `GET {base}/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/{id}`
//! with a bearer token. Only the facts Stafett needs are read from the answer: the name,
//! birth date, status, the identity of the residence address (to compare, never kept),
//! shared residence (delt bosted), parental responsibility (foreldreansvar) and parents.

use crate::config::RegisterConfig;
use app::domain::register::{RegisterPerson, RegisterStatus};
use app::server::register::{LookupFuture, PopulationRegister, RegisterError};
use openidconnect::reqwest;
use serde::Deserialize;

const PERSON_PATH: &str = "folkeregisteret/offentlig-med-hjemmel/api/v1/personer/";
/// The information parts a lookup asks for: no more than the log needs.
const PARTS: &str =
    "part=person-basis&part=foreldreansvar&part=deltBosted&part=familierelasjon&part=bostedsadresse";

pub struct HttpRegister {
    config: RegisterConfig,
    http: reqwest::Client,
}

impl std::fmt::Debug for HttpRegister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRegister")
            .field("url", &self.config.url.as_str())
            .finish_non_exhaustive()
    }
}

impl HttpRegister {
    pub fn new(config: RegisterConfig) -> HttpRegister {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            // National identity numbers are in the path: never follow a redirect elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        HttpRegister { config, http }
    }

    async fn fetch(&self, national_id: &str) -> Result<Option<RegisterPerson>, RegisterError> {
        let unavailable = |what: String| RegisterError::Unavailable(what);
        if !national_id.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(None);
        }
        let mut url = self
            .config
            .url
            .join(PERSON_PATH)
            .and_then(|base| base.join(national_id))
            .map_err(|error| unavailable(format!("bad URL: {error}")))?;
        url.set_query(Some(PARTS));
        let response = self
            .http
            .get(url)
            .bearer_auth(&self.config.token)
            .header("accept", "application/json")
            .send()
            .await
            // The error names the URL, which holds the number: only its kind is logged.
            .map_err(|error| {
                unavailable(if error.is_timeout() {
                    "timed out".into()
                } else {
                    "unreachable".into()
                })
            })?;
        match response.status() {
            reqwest::StatusCode::NOT_FOUND => return Ok(None),
            status if !status.is_success() => {
                return Err(unavailable(format!("answered {status}")))
            }
            _ => {}
        }
        let body = response
            .bytes()
            .await
            .map_err(|_| unavailable("broke off its answer".into()))?;
        let document: Document = serde_json::from_slice(&body)
            .map_err(|_| unavailable("answered something unreadable".into()))?;
        document
            .person(national_id)
            .map(Some)
            .ok_or_else(|| unavailable("answered a person without name or birth date".into()))
    }
}

impl PopulationRegister for HttpRegister {
    fn person<'a>(&'a self, national_id: &'a str) -> LookupFuture<'a> {
        Box::pin(self.fetch(national_id))
    }
}

/// The parts of the register's person document that are read. Every element is a list of
/// versions; the one in force has `erGjeldende: true`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    #[serde(default)]
    status: Vec<Versioned<Status>>,
    #[serde(default)]
    navn: Vec<Versioned<Name>>,
    #[serde(default)]
    foedsel: Vec<Versioned<Birth>>,
    #[serde(default)]
    bostedsadresse: Vec<Versioned<Address>>,
    #[serde(default)]
    delt_bosted: Vec<Versioned<serde::de::IgnoredAny>>,
    #[serde(default)]
    foreldreansvar: Vec<Versioned<Responsibility>>,
    #[serde(default)]
    familierelasjon: Vec<Versioned<Relation>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Versioned<T> {
    #[serde(default)]
    er_gjeldende: bool,
    #[serde(flatten)]
    value: T,
}

#[derive(Debug, Deserialize)]
struct Status {
    status: String,
}

#[derive(Debug, Deserialize)]
struct Name {
    fornavn: String,
    mellomnavn: Option<String>,
    etternavn: String,
}

#[derive(Debug, Deserialize)]
struct Birth {
    foedselsdato: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Address {
    adresse_identifikator_fra_matrikkelen: Option<String>,
    vegadresse: Option<serde_json::Value>,
    matrikkeladresse: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Responsibility {
    ansvarlig: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Relation {
    relatert_person: Option<String>,
    relatert_persons_rolle: String,
}

fn current<T>(versions: &[Versioned<T>]) -> impl Iterator<Item = &T> {
    versions
        .iter()
        .filter(|version| version.er_gjeldende)
        .map(|version| &version.value)
}

impl Document {
    fn person(&self, national_id: &str) -> Option<RegisterPerson> {
        let name = current(&self.navn).next()?;
        let birth_date = current(&self.foedsel)
            .find_map(|birth| birth.foedselsdato.as_deref())
            .and_then(app::domain::plan::parse_date)?;
        let given_name = match name.mellomnavn.as_deref().filter(|m| !m.trim().is_empty()) {
            Some(middle) => format!("{} {middle}", name.fornavn),
            None => name.fornavn.clone(),
        };
        Some(RegisterPerson {
            national_id: national_id.to_string(),
            given_name,
            family_name: name.etternavn.clone(),
            birth_date,
            status: current(&self.status)
                .next()
                .map_or(RegisterStatus::Other, |status| {
                    RegisterStatus::from_register(&status.status)
                }),
            home: current(&self.bostedsadresse).next().and_then(|address| {
                address
                    .adresse_identifikator_fra_matrikkelen
                    .clone()
                    .or_else(|| {
                        address
                            .vegadresse
                            .as_ref()
                            .or(address.matrikkeladresse.as_ref())
                            .map(ToString::to_string)
                    })
            }),
            shared_residence: current(&self.delt_bosted).next().is_some(),
            responsible: current(&self.foreldreansvar)
                .filter_map(|responsibility| responsibility.ansvarlig.clone())
                .collect(),
            parents: current(&self.familierelasjon)
                .filter(|relation| {
                    matches!(
                        relation.relatert_persons_rolle.as_str(),
                        "mor" | "far" | "medmor"
                    )
                })
                .filter_map(|relation| relation.relatert_person.clone())
                .collect(),
            children: current(&self.familierelasjon)
                .filter(|relation| relation.relatert_persons_rolle == "barn")
                .filter_map(|relation| relation.relatert_person.clone())
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_facts_in_force_and_ignores_history() {
        let document: Document = serde_json::from_value(serde_json::json!({
            "status": [{"erGjeldende": true, "status": "bosatt"}],
            "navn": [
                {"erGjeldende": false, "fornavn": "Old", "etternavn": "Name"},
                {"erGjeldende": true, "fornavn": "Emma", "mellomnavn": "Sofie", "etternavn": "Nilsen"}
            ],
            "foedsel": [{"erGjeldende": true, "foedselsdato": "2018-10-21", "foedselsaar": "2018"}],
            "bostedsadresse": [{"erGjeldende": true, "adresseIdentifikatorFraMatrikkelen": "a1",
                                "vegadresse": {"adressenavn": "Fjordgata"}}],
            "deltBosted": [{"erGjeldende": true, "startdatoForKontrakt": "2022-08-01"}],
            "foreldreansvar": [
                {"erGjeldende": true, "ansvar": "felles", "ansvarlig": "111"},
                {"erGjeldende": true, "ansvar": "felles", "ansvarlig": "222"},
                {"erGjeldende": false, "ansvar": "andre", "ansvarlig": "333"}
            ],
            "familierelasjon": [
                {"erGjeldende": true, "relatertPerson": "111", "relatertPersonsRolle": "mor"},
                {"erGjeldende": true, "relatertPerson": "222", "relatertPersonsRolle": "far"},
                {"erGjeldende": true, "relatertPerson": "444", "relatertPersonsRolle": "barn"}
            ]
        }))
        .expect("parses");
        let person = document.person("21901854197").expect("a person");
        assert_eq!(person.given_name, "Emma Sofie");
        assert_eq!(person.family_name, "Nilsen");
        assert_eq!(person.birth_date.to_string(), "2018-10-21");
        assert_eq!(person.status, RegisterStatus::Resident);
        assert_eq!(person.home.as_deref(), Some("a1"));
        assert!(person.shared_residence);
        assert_eq!(person.responsible, ["111", "222"]);
        assert_eq!(person.parents, ["111", "222"]);
    }

    #[test]
    fn a_document_without_a_name_or_birth_date_is_no_person() {
        let document: Document = serde_json::from_value(serde_json::json!({
            "status": [{"erGjeldende": true, "status": "doed"}],
            "navn": [{"erGjeldende": true, "fornavn": "A", "etternavn": "B"}]
        }))
        .expect("parses");
        assert_eq!(document.person("1"), None);
    }
}
