//! Logs around the demo families, written straight into the database (as the gate's
//! functions would leave them), for the gate's tests.

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
pub const MATS_PHONE: &str = "+47 912 34 567";

pub const MATS_LOG: &str = "00000000-0000-4000-8000-000000000901";
pub const JONAS_LOG: &str = "00000000-0000-4000-8000-000000000902";
pub const SARA_LOG: &str = "00000000-0000-4000-8000-000000000903";

/// A string found only in the content of Mats's log.
pub const MARKER: &str = "MARKØR-7f3a-hemmelig-innhold";

async fn run(pool: &PgPool, sql: &str) {
    sqlx::raw_sql(sql).execute(pool).await.expect(sql);
}

fn consent(log: &str, child: &str, who: &str, scope: &str, unit: &str, decision: &str) -> String {
    format!(
        "insert into consent (log_id, child_id, consenter_id, scope, unit_id, decision, method,
                              text_shown, text_language)
         values ('{log}', '{child}', '{who}', '{scope}', {unit}, '{decision}', 'digital',
                 'Samtykketekst som ble vist', 'nb');"
    )
}

fn quoted(unit: &str) -> String {
    format!("'{unit}'")
}

/// Mats (made 14): an open log held by his teacher Nora Strand at the school; the health
/// station (Ida) with consent, PPT (Maja) taking part without one, physiotherapy (Håkon)
/// whose consent Ingrid withdrew. Jonas (15) and Sara (16): open logs they consented to
/// themselves, held by Anders at the lower secondary school.
pub async fn logs(pool: &PgPool) {
    run(
        pool,
        &format!(
            "update child set birth_date =
                 ((now() at time zone 'Europe/Oslo')::date - interval '14 years 10 days')::date
             where person_id = '{MATS}';
             insert into log (log_id, child_id, municipality_id, status) values
                 ('{MATS_LOG}', '{MATS}', '{MUNICIPALITY}', 'open'),
                 ('{JONAS_LOG}', '{JONAS}', '{MUNICIPALITY}', 'open'),
                 ('{SARA_LOG}', '{SARA}', '{MUNICIPALITY}', 'open');
             insert into holder_assignment (log_id, person_id, unit_id) values
                 ('{MATS_LOG}', '{NORA_STRAND_TEACHER}', '{SCHOOL}'),
                 ('{JONAS_LOG}', '{ANDERS_TEACHER}', '{LOWER_SECONDARY}'),
                 ('{SARA_LOG}', '{ANDERS_TEACHER}', '{LOWER_SECONDARY}');
             insert into participant (log_id, person_id, unit_id, role) values
                 ('{MATS_LOG}', '{IDA_NURSE}', '{HEALTH_STATION}', 'service'),
                 ('{MATS_LOG}', '{MAJA_PPT}', '{PPT}', 'service'),
                 ('{MATS_LOG}', '{HAKON_PHYSIO}', '{PHYSIO}', 'service');
             {}{}{}{}{}{}{}{}{}{}
             -- Content is held to row-level security, the owner's writes too.
             select set_config('stafett.person_id', '{INGRID}', true);
             insert into entry (log_id, author_id, body) values
                 ('{MATS_LOG}', '{NORA_STRAND_TEACHER}', 'Mats trives bedre i friminuttene. {MARKER}');",
            consent(MATS_LOG, MATS, INGRID, "establish_log", "null", "given"),
            consent(MATS_LOG, MATS, INGRID, "involve_service", &quoted(SCHOOL), "given"),
            consent(MATS_LOG, MATS, INGRID, "involve_service", &quoted(HEALTH_STATION), "given"),
            consent(MATS_LOG, MATS, INGRID, "share_health_information", "null", "given"),
            consent(MATS_LOG, MATS, INGRID, "involve_service", &quoted(PHYSIO), "given"),
            consent(MATS_LOG, MATS, INGRID, "involve_service", &quoted(PHYSIO), "withdrawn"),
            consent(JONAS_LOG, JONAS, JONAS, "establish_log", "null", "given"),
            consent(JONAS_LOG, JONAS, JONAS, "involve_service", &quoted(LOWER_SECONDARY), "given"),
            consent(SARA_LOG, SARA, SARA, "establish_log", "null", "given"),
            consent(SARA_LOG, SARA, SARA, "involve_service", &quoted(LOWER_SECONDARY), "given"),
        ),
    )
    .await;
}
