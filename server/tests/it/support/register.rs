//! The local population register (dev/folkeregister) that `scripts/test` starts: its address
//! comes from the environment, and tests give it families of their own over HTTP.

use openidconnect::reqwest;
use serde_json::{json, Value};

pub struct Register {
    pub url: String,
    pub token: String,
}

impl Register {
    /// The stand-in `scripts/test` started; a closed port when there is none, for the tests
    /// that never ask the register.
    pub fn from_env() -> Register {
        Register {
            url: std::env::var("STAFETT_FOLKEREGISTER_URL")
                .unwrap_or_else(|_| "http://127.0.0.1:9".into()),
            token: std::env::var("STAFETT_FOLKEREGISTER_TOKEN").unwrap_or_else(|_| "none".into()),
        }
    }

    /// The stand-in, which this test needs.
    pub fn require() -> Register {
        assert!(
            std::env::var("STAFETT_FOLKEREGISTER_URL").is_ok(),
            "this test needs the local population register: run it through ./scripts/test"
        );
        Register::from_env()
    }

    fn client() -> reqwest::Client {
        reqwest::Client::new()
    }

    /// Puts a person document in the register (replacing any with the number).
    pub async fn put(&self, nin: &str, document: &Value) {
        let response = Self::client()
            .put(format!("{}/_standin/personer/{nin}", self.url))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(document.to_string())
            .send()
            .await
            .expect("the register stand-in answers");
        assert!(response.status().is_success(), "{}", response.status());
    }

    /// The number of the person the register names so (the demo's people).
    pub async fn number_of(&self, name: &str) -> String {
        let query: String = openidconnect::url::form_urlencoded::Serializer::new(String::new())
            .append_pair("navn", name)
            .finish();
        let body = Self::client()
            .get(format!("{}/_standin/personer?{query}", self.url))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("the register stand-in answers")
            .text()
            .await
            .expect("a body");
        let found: Value = serde_json::from_str(&body).expect("json");
        found[0]["foedselsnummer"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} is not in the register"))
            .to_string()
    }
}

/// A synthetic national identity number (month + 80, as in Skatteetaten's test data) for a
/// birth date, from `serial` on: tests pick serials of their own so numbers never collide.
pub fn synthetic_nin(year: i32, month: u32, day: u32, serial: u32) -> String {
    let base = format!("{day:02}{:02}{:02}", month + 80, year % 100);
    for step in 0..500 {
        let individual = if year >= 2000 { 500 } else { 0 } + (serial + step) % 500;
        for k1 in 0..10 {
            for k2 in 0..10 {
                let candidate = format!("{base}{individual:03}{k1}{k2}");
                if app::domain::national_id::is_valid(&candidate) {
                    return candidate;
                }
            }
        }
    }
    panic!("no synthetic number for {year}-{month}-{day}");
}

/// A person document in the register's shape.
pub struct Person<'a> {
    pub nin: &'a str,
    pub given: &'a str,
    pub family: &'a str,
    /// YYYY-MM-DD.
    pub born: &'a str,
    pub status: &'a str,
    /// An address identity, compared to see who lives together.
    pub home: &'a str,
    /// (number, role: mor/far/medmor/barn).
    pub relations: Vec<(&'a str, &'a str)>,
    /// Numbers of those with parental responsibility.
    pub responsible: Vec<&'a str>,
    pub shared_residence: bool,
}

impl Person<'_> {
    pub fn document(&self) -> Value {
        let home = json!({
            "erGjeldende": true,
            "adresseIdentifikatorFraMatrikkelen": self.home,
            "vegadresse": {"adressenavn": self.home, "adressenummer": {"husnummer": "1"},
                           "postnummer": "6440", "poststed": "FJORDVIK"}
        });
        json!({
            "identifikasjonsnummer": [{"erGjeldende": true, "foedselsEllerDNummer": self.nin,
                                       "identifikatortype": "foedselsnummer", "status": "iBruk"}],
            "status": [{"erGjeldende": true, "status": self.status}],
            "navn": [{"erGjeldende": true, "fornavn": self.given, "etternavn": self.family}],
            "foedsel": [{"erGjeldende": true, "foedselsdato": self.born}],
            "bostedsadresse": [home],
            "familierelasjon": self.relations.iter().map(|(nin, role)| json!({
                "erGjeldende": true, "relatertPerson": nin, "relatertPersonsRolle": role
            })).collect::<Vec<_>>(),
            "foreldreansvar": self.responsible.iter().map(|nin| json!({
                "erGjeldende": true, "ansvar": "felles", "ansvarlig": nin, "ansvarssubjekt": self.nin
            })).collect::<Vec<_>>(),
            "deltBosted": if self.shared_residence {
                json!([{"erGjeldende": true, "startdatoForKontrakt": "2022-08-01"}])
            } else {
                json!([])
            },
        })
    }
}
