/// What an extract holds: a small CMG History database with the history a timeline of a window
/// read, for a support case (``HistoryStore/writeExtract(of:to:)``).
///
/// An extract is always an SQLite file made with this binary's migrations, whatever the source's
/// backend, and keeps the source's row ids, so the references a timeline cites (`operation/12/…`,
/// `credential/3/expired`, `log_entry/57`) resolve in it, and `cmg-history timeline --db
/// extract.sqlite` with the same arguments gives the same timeline. The source is only read.
///
/// A source fills it with these rows (`start` is ``evidenceStart``, `end` the window's end,
/// `stale` ``StalenessPolicy/defaultLimitSeconds``; "the gateways" are ``gateways`` matched by
/// name without regard to case), every column as stored unless said:
///
/// | table | rows |
/// |---|---|
/// | `gateway` | the gateways |
/// | `gateway_config`, `alert_config` | theirs at `[start, end)`; per gateway the latest before `start`, and for each setting column the latest before `start` that set it (non-null) |
/// | `status_snapshot` | theirs at `[start − stale, end)` |
/// | `state_span` | theirs with `first_seen_at < end` and `last_seen_at ≥ start − stale`; per gateway the latest (by `first_seen_at`) with `last_seen_at < start − stale` |
/// | `connection_point` | all of theirs |
/// | `connection_point_status` | per connection point those at `[start, end)` and the latest before `start` |
/// | `operation` | theirs requested before `end` and requested or completed at or after `start`, or `in_progress` with no completion time |
/// | `credential` | all of theirs, `extra` left NULL (raw JSON stays home) |
/// | `online_clients_sample`, `egress_sample`, `storage_sample`, `gateway_traffic_sample`, `online_clients_by_network`, `reported_egress_sample` | theirs at `[start, end)` |
/// | `endpoint` | all of theirs; `endpoint_traffic_sample` of those at `[start, end)` |
/// | `rollup_hour` | theirs with an hour starting in `[hourStart(start), end)`, and for `online_clients` and `requests` also the ``TimelinePolicy/baselineWeeks`` weeks and one hour before the window's first hour (the traffic baseline) |
/// | `log_entry` | in files of no gateway or of the gateways: UTC time in `[start, end)`, or zone unknown with local time in `[window.start − 12 h, end + 14 h)` (``TimelinePolicy/unknownZoneBefore``/`After`) |
/// | `log_file`, `log_event` | the files of those entries; the events of those entries |
///
/// The extract then derives what it does not copy: `rollup_day` from its hours, the log search
/// index from its entries.
struct ExtractScope: Sendable, Equatable {
    /// The gateways' names, as the timeline lists them.
    var gateways: [String]
    /// The window asked for, `[start, end)`.
    var window: ReportPeriod
    /// Where the evidence begins: the window's start, or earlier (an incident's lead-up, an item
    /// cited from before the window).
    var evidenceStart: UnixSeconds
}
