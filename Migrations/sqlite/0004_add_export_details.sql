-- CMG History schema, version 4: the facts ConfigMgr's own exports carry that NDJSON v1 has no
-- place for (SMS_AzureService, SMS_AzureServicesTask, BGB_Statistics, certificate files, app
-- secret renewals). Units as in 0001: instants in INTEGER Unix seconds (UTC), *_gb in 10^9 bytes.

-- ConfigMgr's identity of an operation it ran: 'SiteCode/TaskID' of SMS_AzureServicesTask.
-- A later export of the same task updates the row (in progress → completed), never adds one.
ALTER TABLE operation ADD COLUMN task_key TEXT CHECK (task_key IS NULL OR length(task_key) >= 1);
CREATE UNIQUE INDEX operation_by_task_key ON operation(task_key) WHERE task_key IS NOT NULL;

-- Operations ConfigMgr ran on a service (AzureServiceId) whose SMS_AzureService export has not
-- been imported yet, so no gateway is known for them. They are kept here, never dropped, and
-- move to `operation` in the same transaction that first stores a gateway with that
-- azure_service_id. Columns as in `operation`.
CREATE TABLE unlinked_operation (
    task_key         TEXT PRIMARY KEY CHECK (length(task_key) >= 1),
    azure_service_id TEXT NOT NULL CHECK (length(azure_service_id) >= 1),
    kind             TEXT NOT NULL CHECK (kind IN ('create', 'start', 'stop', 'sync_config', 'upgrade',
                         'scale', 'renew_server_certificate', 'renew_app_secret', 'delete',
                         'maintenance', 'auto_stop')),
    requested_at     INTEGER NOT NULL,
    completed_at     INTEGER CHECK (completed_at IS NULL OR completed_at >= requested_at),
    outcome          TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'in_progress', 'cancelled')),
    actor            TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    extra            TEXT CHECK (extra IS NULL OR json_valid(extra))
) STRICT;

CREATE INDEX unlinked_operation_by_service ON unlinked_operation(azure_service_id);

-- What a certificate file says beyond subject, thumbprint and dates, and when a credential
-- was renewed (the `credential add --renewed` of an app secret). Each renewal with a new expiry
-- is its own row, so the rows of one name ordered by expires_at are its renewal history.
--   issuer             the issuer's distinguished name, '' when unknown
--   serial_number      uppercase hex without separators, as Windows shows it; '' when unknown
--   subject_alt_names  JSON array of 'DNS:name', 'IP:addr', 'URI:…', 'email:…' strings
--   renewed_at         when this credential replaced the previous one
ALTER TABLE credential ADD COLUMN issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE credential ADD COLUMN serial_number TEXT NOT NULL DEFAULT ''
    CHECK (serial_number NOT GLOB '*[^0-9A-F]*');
ALTER TABLE credential ADD COLUMN subject_alt_names TEXT
    CHECK (subject_alt_names IS NULL OR json_valid(subject_alt_names));
ALTER TABLE credential ADD COLUMN renewed_at INTEGER;

-- BGB_Statistics' split of online clients (site-wide, over the fast channel) into internet
-- and intranet ones, beside the gateway's own count in online_clients_sample. A separate table
-- so that the hot online_clients_sample rows stay as small as they are.
CREATE TABLE online_clients_by_network (
    gateway_id     INTEGER NOT NULL REFERENCES gateway(id),
    at             INTEGER NOT NULL,
    internet_count INTEGER CHECK (internet_count >= 0),
    intranet_count INTEGER CHECK (intranet_count >= 0),
    PRIMARY KEY (at, gateway_id)
) STRICT, WITHOUT ROWID;

-- The 14-day egress total ConfigMgr reports (SMS_AzureService.TrafficOutUsage), as a gauge read
-- at an instant. It is ConfigMgr's own rolling figure, compared with TrafficOutInGB (the alert
-- threshold, alert_config.egress_threshold_gb) in the same unit, and kept apart from
-- egress_sample, whose rows are bytes over their own intervals.
CREATE TABLE reported_egress_sample (
    gateway_id       INTEGER NOT NULL REFERENCES gateway(id),
    at               INTEGER NOT NULL,
    last_14_days_gb  INTEGER NOT NULL CHECK (last_14_days_gb >= 0),
    PRIMARY KEY (at, gateway_id)
) STRICT, WITHOUT ROWID;
