-- Transfer to an Individual Plan (BTI level 3): the holder proposes it, the family consents
-- (the consent engine's rule), and the log closes transferred; its package goes to the
-- municipality's IP system as well as to the archive (see archive_package_on_close).
alter table log add column transfer_proposed_at timestamptz;
alter table log add column transfer_proposed_by uuid references person;
alter table log add constraint log_transfer_proposed_by_someone
    check ((transfer_proposed_at is null) = (transfer_proposed_by is null));
alter table log add constraint log_transferred_when_proposed
    check (transferred_to_individual_plan_at is null or transfer_proposed_at is not null);
grant update (transfer_proposed_at, transfer_proposed_by, transferred_to_individual_plan_at)
    on log to stafett_app;

-- The family's notice that the holder proposes the transfer.
alter table pending_notice drop constraint pending_notice_kind_check;
alter table pending_notice add constraint pending_notice_kind_check
    check (kind in ('entry', 'measure', 'minutes', 'baton', 'closing', 'transition', 'request',
                    'leaving', 'deletion', 'individual_plan'));
