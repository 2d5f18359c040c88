//! The `arkivmelding.xml` of a package, in KS's Fiks Arkiv v1 format
//! (`no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett`): a case folder (`saksmappe`) for
//! the log and one record (`journalpost`) of type X, an internal note without follow-up,
//! whose main document is the PDF/A. Both are screened under the Freedom of Information
//! Act § 13 with the Public Administration Act § 13 (duty of confidentiality), and the
//! folder is classified as the municipality configures (`STAFETT_ARCHIVE_CLASS`).
//! Element order follows the schema's sequences; the test run validates every package
//! against the XSD (`server/tests/it/archive.rs`).

use app::server::audit_seal::Checkpoint;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use uuid::Uuid;

const NAMESPACE: &str =
    "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1";
/// The Noark 5 metadata catalogue: the elements inside its types (a code's `kode`, a
/// key's `noekkel`, a name's `navn`) are in its namespace, not the message's.
const CATALOGUE: &str =
    "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1";
const STAFETT_NAMESPACE: &str = "urn:stafett:arkiv:v1";
/// The external key system: the archive finds the folder again by the log's id.
const SYSTEM: &str = "Stafett";
pub const DOCUMENT_FILE: &str = "stafettlogg.pdf";

/// The municipality's classification of the case folder: a classification system and a
/// class in it, e.g. `ORDNPRI` and `B-` … whatever its archive plan says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub system: String,
    pub class: String,
}

pub struct Filing<'a> {
    pub package_id: Uuid,
    pub log_id: Uuid,
    pub title: &'a str,
    pub public_title: &'a str,
    pub child_name: &'a str,
    pub child_national_id: Option<&'a str>,
    pub opened_at: Option<OffsetDateTime>,
    pub closed_at: OffsetDateTime,
    /// The last holder and their unit: who was responsible for the case.
    pub holder: Option<(&'a str, &'a str)>,
    pub classification: &'a Classification,
    pub document_sha256_hex: &'a str,
    pub document_size: usize,
    /// The audit chain's sealed head, for the archive to keep outside Stafett's reach.
    pub sealed_head: Option<&'a Checkpoint>,
}

pub fn write(filing: &Filing) -> Result<String, io::Error> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("arkivmelding")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:n5mdk", CATALOGUE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .write_inner_content(|w| {
            leaf(w, "system", SYSTEM)?;
            leaf(w, "antallFiler", "1")?;
            folder(w, filing)?;
            record(w, filing)
        })?;
    String::from_utf8(w.into_inner()).map_err(io::Error::other)
}

fn folder(w: &mut Writer<Vec<u8>>, filing: &Filing) -> io::Result<()> {
    w.create_element("mappe")
        .with_attribute(("xsi:type", "saksmappe"))
        .write_inner_content(|w| {
            leaf(w, "tittel", filing.title)?;
            leaf(w, "offentligTittel", filing.public_title)?;
            if let Some(opened) = filing.opened_at {
                leaf(w, "opprettetDato", &timestamp(opened))?;
            }
            leaf(w, "avsluttetDato", &timestamp(filing.closed_at))?;
            w.create_element("part").write_inner_content(|w| {
                leaf(w, "partNavn", filing.child_name)?;
                if let Some(id) = filing.child_national_id {
                    w.create_element("personID").write_inner_content(|w| {
                        leaf(w, "landkode", "NO")?;
                        leaf(w, "identifikator", id)
                    })?;
                }
                leaf(w, "erSkjermet", "true")?;
                leaf(w, "erPersonnavn", "true")
            })?;
            screening(w)?;
            w.create_element("klassifikasjon")
                .write_inner_content(|w| {
                    leaf(w, "klassifikasjonssystemID", &filing.classification.system)?;
                    leaf(w, "klasseID", &filing.classification.class)
                })?;
            external_key(w, "referanseEksternNoekkel", filing.log_id)?;
            leaf(w, "saksdato", &date(filing.closed_at))?;
            if let Some((holder, unit)) = filing.holder {
                w.create_element("administrativEnhet")
                    .write_inner_content(|w| leaf(w, "n5mdk:navn", unit))?;
                w.create_element("saksansvarlig")
                    .write_inner_content(|w| leaf(w, "n5mdk:navn", holder))?;
            }
            code(w, "saksstatus", "A", "Avsluttet")
        })?;
    Ok(())
}

fn record(w: &mut Writer<Vec<u8>>, filing: &Filing) -> io::Result<()> {
    w.create_element("registrering")
        .with_attribute(("xsi:type", "journalpost"))
        .write_inner_content(|w| {
            w.create_element("referanseForelderMappe")
                .write_inner_content(|w| {
                    external_key(w, "n5mdk:referanseEksternNoekkel", filing.log_id)
                })?;
            screening(w)?;
            w.create_element("dokumentbeskrivelse")
                .write_inner_content(|w| {
                    code(w, "dokumentstatus", "F", "Ferdigstilt")?;
                    leaf(w, "tittel", filing.title)?;
                    code(w, "tilknyttetRegistreringSom", "H", "Hoveddokument")?;
                    leaf(w, "dokumentnummer", "1")?;
                    w.create_element("dokumentobjekt")
                        .write_inner_content(|w| {
                            leaf(w, "versjonsnummer", "1")?;
                            code(w, "variantformat", "A", "Arkivformat")?;
                            code(w, "format", "RA-PDF", "PDF/A - ISO 19005-2")?;
                            leaf(w, "mimeType", "application/pdf")?;
                            leaf(w, "filnavn", DOCUMENT_FILE)?;
                            leaf(w, "referanseDokumentfil", DOCUMENT_FILE)?;
                            leaf(w, "sjekksum", filing.document_sha256_hex)?;
                            leaf(w, "sjekksumAlgoritme", "SHA256")?;
                            leaf(w, "filstoerrelse", &filing.document_size.to_string())
                        })?;
                    Ok(())
                })?;
            leaf(w, "tittel", filing.title)?;
            leaf(w, "offentligTittel", filing.public_title)?;
            if let Some(head) = filing.sealed_head {
                checkpoint(w, head)?;
            }
            external_key(w, "referanseEksternNoekkel", filing.package_id)?;
            code(
                w,
                "journalposttype",
                "X",
                "Organinternt dokument uten oppfølging",
            )?;
            code(w, "journalstatus", "F", "Ferdigstilt fra saksbehandler")?;
            leaf(w, "dokumentetsDato", &date(filing.closed_at))
        })?;
    Ok(())
}

/// The checkpoint in Stafett's own vocabulary, where the schema leaves room for a system's
/// own metadata.
fn checkpoint(w: &mut Writer<Vec<u8>>, head: &Checkpoint) -> io::Result<()> {
    w.create_element("virksomhetsspesifikkeMetadata")
        .write_inner_content(|w| {
            w.create_element("stafett:revisjonsspor")
                .with_attribute(("xmlns:stafett", STAFETT_NAMESPACE))
                .with_attribute(("sisteHendelse", head.last_event_id.to_string().as_str()))
                .with_attribute(("forseglet", timestamp(head.sealed_at).as_str()))
                .with_attribute(("algoritme", "HMAC-SHA-256"))
                .with_attribute(("noekkel", head.key_id.as_str()))
                .write_text_content(BytesText::new(&head.mac_hex))?;
            Ok(())
        })?;
    Ok(())
}

/// Confidential under the duty of confidentiality: Offl. § 13 with fvl. § 13.
fn screening(w: &mut Writer<Vec<u8>>) -> io::Result<()> {
    w.create_element("skjerming").write_inner_content(|w| {
        code(
            w,
            "tilgangsrestriksjon",
            "13",
            "Taushetsbelagte opplysninger",
        )?;
        leaf(w, "skjermingshjemmel", "Offl. § 13, jf. fvl. § 13")
    })?;
    Ok(())
}

fn external_key(w: &mut Writer<Vec<u8>>, name: &str, key: Uuid) -> io::Result<()> {
    w.create_element(name).write_inner_content(|w| {
        leaf(w, "n5mdk:fagsystem", SYSTEM)?;
        leaf(w, "n5mdk:noekkel", &key.to_string())
    })?;
    Ok(())
}

fn code(w: &mut Writer<Vec<u8>>, name: &str, value: &str, description: &str) -> io::Result<()> {
    w.create_element(name).write_inner_content(|w| {
        leaf(w, "n5mdk:kode", value)?;
        leaf(w, "n5mdk:beskrivelse", description)
    })?;
    Ok(())
}

fn leaf(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn timestamp(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(at)
        .format(&Rfc3339)
        .unwrap_or_default()
}

fn date(at: OffsetDateTime) -> String {
    app::server::oslo::oslo(at).date().to_string()
}
