-- A measure made from a meeting's decision names it, so that the meeting shows what came
-- of the decision and the plan shows where the measure was agreed. The decision itself is
-- never changed (approved minutes and their decisions are read-only).
alter table measure add column decision_id uuid references meeting_decision;
create index measure_decision_idx on measure (decision_id) where decision_id is not null;
