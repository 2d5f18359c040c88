-- Staff taking part keep their own responsibility and contact details on the log up to
-- date, and leave it (or the holder takes them out): a participation ends, it is not
-- removed, so the log shows who took part until when.
grant update (left_at, responsibility, contact_phone, contact_email) on participant to stafett_app;
