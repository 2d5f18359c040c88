//! What an administrator may enter about units and staff: the same rules as the database's
//! CHECK constraints, so a form or an import row is refused with the field that is wrong
//! before anything is written.

use crate::domain::national_id;

/// A field of a unit or a member of staff that is not as the rules ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrong {
    NationalId,
    GivenName,
    FamilyName,
    Email,
    Phone,
    UnitName,
    StreetAddress,
    PostalCode,
    PostalPlace,
    Website,
    Description,
    /// An import row's "unit leader" column is neither yes nor no.
    UnitLeader,
}

/// A member of staff as an administrator enters them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffEntry {
    pub national_id: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub phone: String,
}

impl StaffEntry {
    /// Checks and tidies the fields (spaces trimmed, a national identity number's spaces
    /// removed); the first wrong field otherwise.
    pub fn new(
        national_id: &str,
        given_name: &str,
        family_name: &str,
        email: &str,
        phone: &str,
    ) -> Result<StaffEntry, Wrong> {
        let national_id: String = national_id.chars().filter(|c| !c.is_whitespace()).collect();
        if !national_id::is_valid(&national_id) {
            return Err(Wrong::NationalId);
        }
        Ok(StaffEntry {
            national_id,
            given_name: name(given_name, Wrong::GivenName)?,
            family_name: name(family_name, Wrong::FamilyName)?,
            email: email_address(email)?,
            phone: phone_number(phone)?,
        })
    }
}

fn name(value: &str, wrong: Wrong) -> Result<String, Wrong> {
    within(value, 1, 100, wrong)
}

fn within(value: &str, min: usize, max: usize, wrong: Wrong) -> Result<String, Wrong> {
    let trimmed = value.trim();
    if (min..=max).contains(&trimmed.chars().count()) {
        Ok(trimmed.to_string())
    } else {
        Err(wrong)
    }
}

/// An e-mail address as the database allows it (`x@y.z`, no spaces, at most 254 characters),
/// in lower case.
pub fn email_address(value: &str) -> Result<String, Wrong> {
    let email = value.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain
                        .rsplit_once('.')
                        .is_some_and(|(host, top)| !host.is_empty() && !top.is_empty())
            }
            None => false,
        };
    valid.then_some(email).ok_or(Wrong::Email)
}

/// A phone number as the database allows it: an optional `+`, a digit, then 6 to 18 digits
/// or spaces.
pub fn phone_number(value: &str) -> Result<String, Wrong> {
    let phone = value.trim();
    let digits = phone.strip_prefix('+').unwrap_or(phone);
    let mut chars = digits.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_digit())
        && (6..=18).contains(&chars.clone().count())
        && chars.all(|c| c.is_ascii_digit() || c == ' ');
    valid.then(|| phone.to_string()).ok_or(Wrong::Phone)
}

/// "Unit leader" in an import row: yes or no, in the words people write in Norwegian or
/// English; empty is no.
pub fn yes_or_no(value: &str) -> Result<bool, Wrong> {
    match value.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "x" | "1" | "true" => Ok(true),
        "" | "nei" | "n" | "no" | "0" | "false" => Ok(false),
        _ => Err(Wrong::UnitLeader),
    }
}

/// A unit's details as an administrator enters them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitEntry {
    pub name: String,
    pub description: Option<String>,
    pub phone: String,
    pub email: String,
    pub street_address: String,
    pub postal_code: String,
    pub postal_place: String,
    pub website: Option<String>,
}

/// A unit's fields as a form sends them.
#[derive(Debug, Clone, Copy)]
pub struct UnitFields<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub street_address: &'a str,
    pub postal_code: &'a str,
    pub postal_place: &'a str,
    pub website: &'a str,
}

impl UnitEntry {
    pub fn new(fields: UnitFields<'_>) -> Result<UnitEntry, Wrong> {
        let postal_code = fields.postal_code.trim();
        if postal_code.len() != 4 || !postal_code.chars().all(|c| c.is_ascii_digit()) {
            return Err(Wrong::PostalCode);
        }
        let website = match fields.website.trim() {
            "" => None,
            url if url.starts_with("https://") && url.len() > 8 && !url.contains(' ') => {
                Some(url.to_string())
            }
            _ => return Err(Wrong::Website),
        };
        let description = match fields.description.trim() {
            "" => None,
            text => Some(within(text, 1, 2000, Wrong::Description)?),
        };
        Ok(UnitEntry {
            name: within(fields.name, 2, 200, Wrong::UnitName)?,
            description,
            phone: phone_number(fields.phone)?,
            email: email_address(fields.email)?,
            street_address: within(fields.street_address, 2, 200, Wrong::StreetAddress)?,
            postal_code: postal_code.to_string(),
            postal_place: within(fields.postal_place, 2, 100, Wrong::PostalPlace)?,
            website,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A valid synthetic number (Tenor, month + 80).
    const NUMBER: &str = "14837110034";

    /// National id, given name, family name, e-mail, phone, and the field that is wrong.
    type Case<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, Option<Wrong>);

    fn entry(national_id: &str, email: &str, phone: &str) -> Result<StaffEntry, Wrong> {
        StaffEntry::new(national_id, "Berit", "Holm", email, phone)
    }

    #[test]
    fn the_valid_test_number_is_valid() {
        assert!(national_id::is_valid(NUMBER), "fix the test's number");
    }

    #[test]
    fn a_member_of_staff_is_checked_field_by_field() {
        let cases: &[Case] = &[
            // national id, given, family, e-mail, phone, wrong
            (
                NUMBER,
                "Berit",
                "Holm",
                "berit.holm@fjordvik.no",
                "+47 900 00 000",
                None,
            ),
            ("148371 10034", "Berit", "Holm", "b@f.no", "90000000", None),
            (
                "14837110035",
                "Berit",
                "Holm",
                "b@f.no",
                "90000000",
                Some(Wrong::NationalId),
            ),
            (
                "1483711003",
                "Berit",
                "Holm",
                "b@f.no",
                "90000000",
                Some(Wrong::NationalId),
            ),
            (
                NUMBER,
                " ",
                "Holm",
                "b@f.no",
                "90000000",
                Some(Wrong::GivenName),
            ),
            (
                NUMBER,
                "Berit",
                "",
                "b@f.no",
                "90000000",
                Some(Wrong::FamilyName),
            ),
            (
                NUMBER,
                "Berit",
                "Holm",
                "b@f",
                "90000000",
                Some(Wrong::Email),
            ),
            (
                NUMBER,
                "Berit",
                "Holm",
                "b f@f.no",
                "90000000",
                Some(Wrong::Email),
            ),
            (
                NUMBER,
                "Berit",
                "Holm",
                "b@f.no",
                "9000",
                Some(Wrong::Phone),
            ),
            (
                NUMBER,
                "Berit",
                "Holm",
                "b@f.no",
                "+47 abc 00 000",
                Some(Wrong::Phone),
            ),
        ];
        for (national_id, given, family, email, phone, wrong) in cases {
            let result = StaffEntry::new(national_id, given, family, email, phone);
            assert_eq!(result.err(), *wrong, "{given} {family} {email} {phone}");
        }
    }

    #[test]
    fn e_mail_is_kept_in_lower_case_and_the_number_without_spaces() {
        let entry = entry("148371 10034", " Berit.Holm@Fjordvik.no ", "900 00 000").expect("valid");
        assert_eq!(entry.national_id, NUMBER);
        assert_eq!(entry.email, "berit.holm@fjordvik.no");
        assert_eq!(entry.phone, "900 00 000");
    }

    #[test]
    fn unit_leader_is_yes_or_no() {
        for yes in ["ja", "Ja", "JA", "yes", "x", "1"] {
            assert_eq!(yes_or_no(yes), Ok(true), "{yes}");
        }
        for no in ["", "nei", "Nei", "no", "0"] {
            assert_eq!(yes_or_no(no), Ok(false), "{no}");
        }
        assert_eq!(yes_or_no("kanskje"), Err(Wrong::UnitLeader));
    }

    fn unit(postal_code: &str, website: &str) -> Result<UnitEntry, Wrong> {
        UnitEntry::new(UnitFields {
            name: "Fjordvik kulturskole",
            description: "",
            phone: "+47 71 00 01 09",
            email: "kulturskolen@fjordvik.kommune.no",
            street_address: "Torget 2",
            postal_code,
            postal_place: "Fjordvik",
            website,
        })
    }

    #[test]
    fn a_unit_needs_a_postal_code_of_four_digits_and_an_https_website() {
        assert!(unit("6440", "").is_ok());
        assert!(unit("6440", "https://fjordvik.kommune.no").is_ok());
        assert_eq!(unit("644", "").err(), Some(Wrong::PostalCode));
        assert_eq!(unit("64400", "").err(), Some(Wrong::PostalCode));
        assert_eq!(
            unit("6440", "http://fjordvik.no").err(),
            Some(Wrong::Website)
        );
    }

    proptest! {
        /// What the e-mail rule accepts, the database's CHECK (`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
        /// accepts too: exactly one `@`, something before it, a dot after it with something
        /// on both sides, no spaces.
        #[test]
        fn accepted_e_mail_has_the_database_shape(value in "[a-zA-Z@. ]{0,20}") {
            if let Ok(email) = email_address(&value) {
                let (local, domain) = email.split_once('@').expect("an @");
                prop_assert!(!local.is_empty() && !domain.contains('@'));
                let (host, top) = domain.rsplit_once('.').expect("a dot");
                prop_assert!(!host.is_empty() && !top.is_empty());
                prop_assert!(!email.contains(' '));
            }
        }

        /// Accepted phone numbers have 7 to 19 digits or spaces after an optional `+`, the
        /// first a digit: the database's `^\+?[0-9][0-9 ]{6,18}$`.
        #[test]
        fn accepted_phone_has_the_database_shape(value in "[+0-9 a]{0,22}") {
            if let Ok(phone) = phone_number(&value) {
                let rest = phone.strip_prefix('+').unwrap_or(&phone);
                prop_assert!(rest.starts_with(|c: char| c.is_ascii_digit()));
                prop_assert!((7..=19).contains(&rest.chars().count()));
                prop_assert!(rest.chars().all(|c| c.is_ascii_digit() || c == ' '));
            }
        }
    }
}
