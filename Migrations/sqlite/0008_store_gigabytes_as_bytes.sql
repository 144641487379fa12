-- CMG History schema, version 8: GB figures are stored in bytes.
--
-- ConfigMgr writes StorageUsage, TrafficOutUsage, TrafficOutInGB and StorageQuotaInGB in GB with
-- fractions (1.27, 31.4). A whole-GB column rejected them, so the thresholds and the reported
-- 14-day egress are now bytes (10^9 per GB, as Azure bills), read exactly from the decimal text.
--
-- Values stored before fit (this version's importers hold GB figures within 2^53 bytes), but a
-- database written by an older version may hold any integer: a threshold too large for 64 bits of
-- bytes becomes unknown (NULL) rather than wrapping, and a reported 14-day total, which has no
-- unknown, is held at the largest integer.
ALTER TABLE alert_config RENAME COLUMN egress_threshold_gb TO egress_threshold_bytes;
ALTER TABLE alert_config RENAME COLUMN storage_quota_gb TO storage_quota_bytes;
UPDATE alert_config SET
    egress_threshold_bytes = CASE WHEN egress_threshold_bytes <= 9223372036 THEN egress_threshold_bytes * 1000000000 END,
    storage_quota_bytes = CASE WHEN storage_quota_bytes <= 9223372036 THEN storage_quota_bytes * 1000000000 END;

ALTER TABLE reported_egress_sample RENAME COLUMN last_14_days_gb TO last_14_days_bytes;
UPDATE reported_egress_sample SET last_14_days_bytes =
    CASE WHEN last_14_days_bytes <= 9223372036 THEN last_14_days_bytes * 1000000000 ELSE 9223372036854775807 END;
