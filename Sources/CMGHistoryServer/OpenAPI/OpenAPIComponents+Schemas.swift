#if canImport(Hummingbird)
/// The JSON bodies' schemas: errors, import summaries, the gateway list and each report.
extension OpenAPIComponents {
    static let schemas = #"""
        "schemas": {
          "Error": {
            "type": "object", "required": ["error"],
            "properties": {
              "error": {"type": "object", "required": ["status", "message"], "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}},
              "import": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/ImportSummary"}]}
            }
          },
          "Refusal": {"allOf": [{"$ref": "#/components/schemas/Error"}, {"type": "object", "required": ["import"], "properties": {"import": {"$ref": "#/components/schemas/ImportSummary"}}}]},
          "ImportSummary": {
            "type": "object",
            "required": ["file", "format", "inserted", "inserted_by_type", "duplicates", "updated", "conflicts", "conflict_list", "rejected", "rejections", "redacted_values", "dropped_secret_fields", "notes"],
            "properties": {
              "file": {"type": "string"}, "format": {"type": "string"}, "format_detail": {"type": ["string", "null"]},
              "inserted": {"type": "integer"}, "inserted_by_type": {"type": "object", "additionalProperties": {"type": "integer"}},
              "duplicates": {"type": "integer"}, "updated": {"type": "integer"}, "conflicts": {"type": "integer"}, "conflict_list": {"type": "array"},
              "rejected": {"type": "integer"},
              "rejections": {"type": "array", "items": {"type": "object", "required": ["file", "line", "problem"], "properties": {
                "file": {"type": "string"}, "line": {"type": "integer"},
                "problem": {"type": "object", "required": ["field", "value", "reason"], "properties": {"field": {"type": "string"}, "value": {"type": "string"}, "reason": {"type": "string"}}}}}},
              "redacted_values": {"type": "integer"}, "dropped_secret_fields": {"type": "integer"}, "notes": {"type": "array", "items": {"type": "string"}},
              "interrupted_after_line": {"type": ["integer", "null"]}, "export_time": {"type": ["object", "null"]}
            }
          },
          "LogIngestSummary": {
            "type": "object", "required": ["file", "log", "entries_read", "bytes_read", "bytes_held_back", "counts", "redacted_values", "resumed", "warnings"],
            "properties": {
              "file": {"type": "string"}, "log": {"type": "string"}, "entries_read": {"type": "integer"}, "bytes_read": {"type": "integer"},
              "bytes_held_back": {"type": "integer"}, "redacted_values": {"type": "integer"}, "resumed": {"type": "boolean"},
              "counts": {"type": "object", "required": ["inserted", "duplicates", "events"], "properties": {"inserted": {"type": "integer"}, "duplicates": {"type": "integer"}, "events": {"type": "integer"}}},
              "warnings": {"type": "array"}
            }
          },
          "GatewayList": {
            "type": "array",
            "items": {"type": "object", "required": ["name", "aliases", "first_seen", "last_seen", "records"], "properties": {
              "name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}}, "azure_service_id": {"type": ["string", "null"]},
              "first_seen": {"type": ["string", "null"]}, "last_seen": {"type": ["string", "null"]}, "records": {"type": "object", "additionalProperties": {"type": "integer"}}}}
          },
          "CapacityReport": {
            "type": "object", "required": ["report", "month", "time_zone", "from", "to", "gateways"],
            "properties": {
              "report": {"const": "capacity"}, "month": {"type": "string"}, "time_zone": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"},
              "gateways": {"type": "array", "items": {"type": "object",
                "required": ["gateway", "warnings", "online_clients", "capacity", "requests", "egress", "storage", "availability", "coverage", "forecast", "operations", "findings"],
                "properties": {
                  "gateway": {"type": "string"}, "warnings": {"type": "array", "items": {"type": "string"}},
                  "online_clients": {"type": "object", "required": ["peak", "p95", "samples"], "properties": {"peak": {"type": ["integer", "null"]}, "p95": {"type": ["integer", "null"]}, "samples": {"type": "integer"}}},
                  "capacity": {"type": "object", "required": ["capacity_clients", "instances", "vm_size"]},
                  "requests": {"type": "object", "required": ["total"]}, "egress": {"type": "object", "required": ["total_bytes", "rolling_14d_peak_bytes"]},
                  "storage": {"type": "object", "required": ["peak_used_bytes", "quota_bytes"]},
                  "availability": {"type": "object", "required": ["ratio", "incidents"]}, "coverage": {"type": "object", "required": ["partial"]},
                  "forecast": {"type": "object"}, "operations": {"type": "object"}, "findings": {"type": "array"}}}}
            }
          },
          "TrendReport": {
            "type": "object", "required": ["report", "metric", "bucket", "from", "to", "time_zone", "percentile", "series", "operations"],
            "properties": {
              "report": {"const": "trend"}, "metric": {"type": "string"}, "bucket": {"type": "string"},
              "series": {"type": "array", "items": {"type": "object", "required": ["gateway", "points"], "properties": {
                "gateway": {"type": "string"}, "endpoint": {"type": ["string", "null"]},
                "points": {"type": "array", "items": {"type": "object", "required": ["start", "end", "count"], "properties": {"start": {"type": "string"}, "end": {"type": "string"}, "count": {"type": "integer"}}}}}}},
              "operations": {"type": "array"}
            }
          },
          "AvailabilityReport": {
            "type": "object", "required": ["report", "from", "to", "time_zone", "staleness_limit_seconds", "gateways"],
            "properties": {
              "report": {"const": "availability"},
              "gateways": {"type": "array", "items": {"type": "object", "required": ["gateway", "ratio", "ready_seconds", "not_ready_seconds", "unknown_seconds", "incidents", "coverage", "findings"],
                "properties": {"gateway": {"type": "string"}, "ratio": {"type": ["number", "null"]}, "incidents": {"type": "array"}}}}
            }
          },
          "ExpiryReport": {
            "type": "object", "required": ["report", "as_of", "time_zone", "credentials"],
            "properties": {
              "report": {"const": "expiry"},
              "credentials": {"type": "array", "items": {"type": "object", "required": ["gateway", "kind", "name", "expires_at", "days_left", "status"],
                "properties": {"gateway": {"type": "string"}, "kind": {"type": "string"}, "name": {"type": "string"}, "days_left": {"type": "integer"}, "status": {"type": "string"}}}}
            }
          },
          "Timeline": {
            "type": "object", "required": ["report", "from", "to", "time_zone", "gateways", "min_severity", "items", "incidents", "cause_rule"],
            "properties": {
              "report": {"const": "timeline"},
              "items": {"type": "array", "items": {"type": "object", "required": ["ref", "at_local", "source", "severity", "kind", "text"],
                "properties": {"severity": {"enum": ["info", "warning", "error"]}, "text": {"type": "string"}}}},
              "incidents": {"type": "array"}
            }
          }
        }
    """#
}
#endif
