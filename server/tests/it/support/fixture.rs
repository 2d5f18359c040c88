//! The ids of the demo data and of the logs in `fixtures/logs.sql`, by name.

use sqlx::PgPool;

pub const MUNICIPALITY: &str = "00000000-0000-4000-8000-000000000001";
pub const KINDERGARTEN: &str = "00000000-0000-4000-8000-000000000101";
pub const SCHOOL: &str = "00000000-0000-4000-8000-000000000102";
pub const LOWER_SECONDARY: &str = "00000000-0000-4000-8000-000000000103";
pub const HEALTH_STATION: &str = "00000000-0000-4000-8000-000000000104";
pub const PPT: &str = "00000000-0000-4000-8000-000000000105";
pub const PHYSIO: &str = "00000000-0000-4000-8000-000000000107";
pub const GP: &str = "00000000-0000-4000-8000-000000000108";

pub const MARIUS_KINDERGARTEN: &str = "00000000-0000-4000-8000-000000000202";
pub const EIRIK_SCHOOL_LEADER: &str = "00000000-0000-4000-8000-000000000203";
pub const NORA_STRAND_TEACHER: &str = "00000000-0000-4000-8000-000000000204";
pub const ANDERS_TEACHER: &str = "00000000-0000-4000-8000-000000000206";
pub const IDA_NURSE: &str = "00000000-0000-4000-8000-000000000208";
pub const MAJA_PPT: &str = "00000000-0000-4000-8000-000000000210";
pub const HAKON_PHYSIO: &str = "00000000-0000-4000-8000-000000000214";
pub const KARI: &str = "00000000-0000-4000-8000-000000000301";
pub const INGRID: &str = "00000000-0000-4000-8000-000000000303";
pub const GEIR: &str = "00000000-0000-4000-8000-000000000304";
pub const JONAS: &str = "00000000-0000-4000-8000-000000000402";
pub const SARA: &str = "00000000-0000-4000-8000-000000000403";
pub const MATS: &str = "00000000-0000-4000-8000-000000000405";

pub const MATS_LOG: &str = "00000000-0000-4000-8000-000000000901";
pub const JONAS_LOG: &str = "00000000-0000-4000-8000-000000000902";
pub const SARA_LOG: &str = "00000000-0000-4000-8000-000000000903";

/// A string found only in the content of Mats's log.
pub const MARKER: &str = "MARKØR-7f3a-hemmelig-innhold";

/// Loads `fixtures/logs.sql` (what it holds is said there) after the demo seed.
pub async fn logs(pool: &PgPool) {
    sqlx::raw_sql(include_str!("../fixtures/logs.sql"))
        .execute(pool)
        .await
        .expect("fixtures/logs.sql");
}
