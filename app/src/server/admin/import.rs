//! A CSV import of staff: the administrator pastes a file, it is kept (theirs alone) and
//! checked row by row in a dry run that changes nothing, and applied as a whole in one
//! transaction only if no row is refused.
//!
//! The columns, after a header row: national identity number, given name, family name,
//! work e-mail, phone, unit (its name), unit leader (yes/no). Separated by `;` (as a
//! spreadsheet saves CSV in Norway) or `,`, whichever the header uses.

use super::{begin_savepoint, end_savepoint, record, staff, Administrator};
use crate::domain::staff::{yes_or_no, StaffEntry};
use crate::model::admin::{ImportReport, ImportRow, RowResult};
use crate::model::error::{ApiError, Field};
use crate::server::gate::ContentTx;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// At most this many rows (after the header) in one import.
pub const MAX_ROWS: usize = 2000;
const MAX_BYTES: usize = 1_000_000;

/// Keeps `csv` as the administrator's pending import (replacing any earlier one of theirs)
/// and returns its id. An empty or oversized file is `Field::Csv`.
pub async fn keep(tx: &mut ContentTx, admin: &Administrator, csv: &str) -> Result<Uuid, ApiError> {
    let rows = csv.lines().filter(|line| !line.trim().is_empty()).count();
    if !(2..=MAX_ROWS + 1).contains(&rows) || csv.len() > MAX_BYTES {
        return Err(Field::Csv.into());
    }
    sqlx::query!(
        "delete from staff_import where created_by = $1",
        admin.person_id
    )
    .execute(tx.conn())
    .await?;
    let staff_import_id = sqlx::query_scalar!(
        "insert into staff_import (municipality_id, created_by, csv) values ($1, $2, $3)
         returning staff_import_id",
        admin.municipality_id,
        admin.person_id,
        csv
    )
    .fetch_one(tx.conn())
    .await?;
    record(
        tx,
        admin,
        "admin.import_kept",
        json!({ "staff_import_id": staff_import_id, "rows": rows - 1 }),
    )
    .await?;
    Ok(staff_import_id)
}

async fn kept(
    tx: &mut ContentTx,
    admin: &Administrator,
    staff_import_id: Uuid,
) -> Result<String, ApiError> {
    sqlx::query_scalar!(
        "select csv from staff_import
         where staff_import_id = $1 and created_by = $2 and municipality_id = $3",
        staff_import_id,
        admin.person_id,
        admin.municipality_id
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)
}

/// What the kept import would change, row by row; nothing is changed (a dry run).
pub async fn dry_run(
    tx: &mut ContentTx,
    admin: &Administrator,
    staff_import_id: Uuid,
) -> Result<ImportReport, ApiError> {
    let csv = kept(tx, admin, staff_import_id).await?;
    begin_savepoint(tx, "dry_run").await?;
    let rows = rows(tx, admin, &csv).await;
    end_savepoint(tx, "dry_run", false).await?;
    Ok(ImportReport {
        staff_import_id,
        rows: rows?,
    })
}

/// Applies the kept import in the caller's transaction if no row is refused, and forgets
/// it; `Field::ImportRefused` otherwise (the caller then rolls back: nothing changed).
pub async fn apply(
    tx: &mut ContentTx,
    admin: &Administrator,
    staff_import_id: Uuid,
) -> Result<ImportReport, ApiError> {
    let csv = kept(tx, admin, staff_import_id).await?;
    let report = ImportReport {
        staff_import_id,
        rows: rows(tx, admin, &csv).await?,
    };
    if !report.can_apply() {
        return Err(Field::ImportRefused.into());
    }
    sqlx::query!(
        "delete from staff_import where staff_import_id = $1",
        staff_import_id
    )
    .execute(tx.conn())
    .await?;
    record(
        tx,
        admin,
        "admin.import_applied",
        json!({ "staff_import_id": staff_import_id, "rows": report.rows.len() }),
    )
    .await?;
    Ok(report)
}

/// Every row put in place in turn, each in a savepoint of its own, so a refused row undoes
/// only itself.
async fn rows(
    tx: &mut ContentTx,
    admin: &Administrator,
    csv: &str,
) -> Result<Vec<ImportRow>, ApiError> {
    let units: HashMap<String, Uuid> = sqlx::query!(
        "select unit_id, name from unit where municipality_id = $1",
        admin.municipality_id
    )
    .fetch_all(tx.conn())
    .await?
    .into_iter()
    .map(|unit| (unit.name.to_lowercase(), unit.unit_id))
    .collect();
    let header = csv.lines().next().unwrap_or_default();
    let delimiter = if header.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(csv.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                rows.push(ImportRow {
                    line: error.position().map_or(0, |position| position.line()),
                    name: String::new(),
                    unit: String::new(),
                    result: RowResult::Refused { field: Field::Csv },
                });
                continue;
            }
        };
        let column = |n: usize| record.get(n).unwrap_or_default();
        let line = record.position().map_or(0, |position| position.line());
        let name = format!("{} {}", column(1), column(2)).trim().to_string();
        let unit_name = column(5).to_string();
        let result = if record.len() != 7 {
            RowResult::Refused {
                field: Field::Columns,
            }
        } else {
            row(tx, admin, &units, &record).await?
        };
        rows.push(ImportRow {
            line,
            name,
            unit: unit_name,
            result,
        });
    }
    Ok(rows)
}

async fn row(
    tx: &mut ContentTx,
    admin: &Administrator,
    units: &HashMap<String, Uuid>,
    record: &csv::StringRecord,
) -> Result<RowResult, ApiError> {
    let column = |n: usize| record.get(n).unwrap_or_default();
    let refused = |field: Field| Ok(RowResult::Refused { field });
    let entry = match StaffEntry::new(column(0), column(1), column(2), column(3), column(4)) {
        Ok(entry) => entry,
        Err(wrong) => return refused(wrong.into()),
    };
    let Some(&unit_id) = units.get(&column(5).to_lowercase()) else {
        return refused(Field::Unit);
    };
    let unit_leader = match yes_or_no(column(6)) {
        Ok(leader) => leader,
        Err(wrong) => return refused(wrong.into()),
    };
    begin_savepoint(tx, "import_row").await?;
    match staff::put_staff(tx, admin, unit_id, &entry, unit_leader).await {
        Ok(outcome) => {
            end_savepoint(tx, "import_row", true).await?;
            Ok(RowResult::Accepted { outcome })
        }
        Err(ApiError::Invalid { field }) => {
            end_savepoint(tx, "import_row", false).await?;
            refused(field)
        }
        Err(other) => Err(other),
    }
}
