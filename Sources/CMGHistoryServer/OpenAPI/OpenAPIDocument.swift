#if canImport(Hummingbird)
import Hummingbird

/// `GET /api/v1/openapi.json`: the server's routes as an OpenAPI 3.1 document, written by hand
/// next to the handlers it describes. Every response of the server's tests is checked against it
/// (`OpenAPIConformance` in ServerTests): its status, content type and the JSON's shape.
struct OpenAPIController: Sendable {
    func addRoutes(to router: Router<ServerContext>) {
        router.get("api/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }
}

enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "CMG History server",
        "version": "1",
        "summary": "The history of Configuration Manager cloud management gateways: ingest for collectors, reports, a dashboard and metrics.",
        "description": "Every route but /healthz, /api/v1/openapi.json, /login and /logout needs a token (cmg-history token create): ingest a Bearer header, the read API, /metrics and the dashboard's pages a Bearer header or the sign-in cookie (pages none under serve --open-dashboard). Reports answer the bytes `cmg-history report ... --reproducible` prints, in the format ?format= or Accept asks for. Errors are JSON for the API and pages for the dashboard."
      },
      "servers": [{"url": "http://127.0.0.1:8080"}],
      "security": [{"bearer": []}, {"cookie": []}],
      "paths": {
        "/healthz": {
          "get": {"summary": "Liveness", "security": [], "responses": {"200": {"description": "ok", "content": {"text/plain": {"schema": {"type": "string"}}}}}}
        },
        "/api/v1/openapi.json": {
          "get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "paths"]}}}}}}
        },
        "/metrics": {
          "get": {
            "summary": "Prometheus gauges per gateway (text format 0.0.4)", "security": [{"bearer": []}, {"cookie": []}],
            "responses": {
              "200": {"description": "cmg_gateway_* and cmg_credential_expiry_seconds gauges", "content": {"text/plain": {"schema": {"type": "string"}}}},
              "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/api/v1/ingest": {
          "post": {
            "summary": "Import one file: NDJSON, a ConfigMgr export, a certificate or a CMG log", "security": [{"bearer": []}],
            "description": "Spooled, imported, answered after commit. Posting the same file again stores nothing twice; a grown log is read from where it was left. Scope ingest or admin.",
            "parameters": [
              {"name": "X-CMG-File-Name", "in": "header", "schema": {"type": "string"}, "description": "The file's name (or ?file=)"},
              {"name": "X-CMG-File-Modified", "in": "header", "schema": {"type": "string", "format": "date-time"}},
              {"name": "file", "in": "query", "schema": {"type": "string"}},
              {"name": "format", "in": "query", "schema": {"type": "string"}, "description": "As cmg-history ingest --format"},
              {"name": "at", "in": "query", "schema": {"type": "string", "format": "date-time"}},
              {"name": "source_tz", "in": "query", "schema": {"type": "string"}, "description": "The zone of times written without one (ingest --source-tz)"},
              {"name": "gateway", "in": "query", "schema": {"type": "string"}}
            ],
            "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}, "*/*": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": {
              "200": {"description": "Every line stored or already known", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/ImportSummary"}, {"$ref": "#/components/schemas/LogIngestSummary"}]}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
              "413": {"$ref": "#/components/responses/Error"},
              "422": {"description": "Some lines rejected or conflicting; the others stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Refusal"}}}},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/api/v1/gateways": {
          "get": {
            "summary": "The gateways and what the history holds of each",
            "parameters": [{"$ref": "#/components/parameters/format"}],
            "responses": {
              "200": {"description": "gateway list --format json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GatewayList"}}, "text/csv": {"schema": {"type": "string"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
              "406": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/api/v1/reports/capacity": {
          "get": {
            "summary": "The monthly capacity report",
            "parameters": [{"name": "month", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/format"}],
            "responses": {"200": {"$ref": "#/components/responses/Capacity"}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/v1/reports/trend": {
          "get": {
            "summary": "A metric's trend per bucket",
            "parameters": [{"name": "metric", "in": "query", "required": true, "schema": {"type": "string"}}, {"name": "bucket", "in": "query", "schema": {"enum": ["5m", "1h", "1d", "1w", "1mo"]}}, {"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"}, {"name": "endpoint", "in": "query", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/format"}],
            "responses": {"200": {"$ref": "#/components/responses/Trend"}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/v1/reports/availability": {
          "get": {
            "summary": "Availability and incidents",
            "parameters": [{"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/format"}],
            "responses": {"200": {"$ref": "#/components/responses/Availability"}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/v1/reports/expiry": {
          "get": {
            "summary": "Credential expiry",
            "parameters": [{"name": "within", "in": "query", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/as_of"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/format"}],
            "responses": {"200": {"$ref": "#/components/responses/Expiry"}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/v1/timeline": {
          "get": {
            "summary": "The incident timeline of a window (at most 31 days), with probable causes",
            "parameters": [{"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"}, {"name": "around", "in": "query", "schema": {"type": "string"}}, {"name": "window", "in": "query", "schema": {"type": "string"}}, {"name": "min_severity", "in": "query", "schema": {"enum": ["info", "warning", "error"]}}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/format"}],
            "responses": {
              "200": {"description": "timeline --reproducible", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Timeline"}}, "text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
              "406": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/": {"get": {"summary": "Dashboard: the fleet", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": {"200": {"$ref": "#/components/responses/Page"}, "303": {"description": "No token: to /login?next=..."}, "400": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "404": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}}},
        "/gateway/{name}": {"get": {"summary": "Dashboard: one gateway", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": {"200": {"$ref": "#/components/responses/Page"}, "303": {"description": "No token: to /login?next=..."}, "400": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "404": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}}},
        "/capacity": {"get": {"summary": "Dashboard: the capacity report of a month", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"name": "month", "in": "query", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": {"200": {"$ref": "#/components/responses/Page"}, "303": {"description": "No token: to /login?next=..."}, "400": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "404": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}}},
        "/timeline": {"get": {"summary": "Dashboard: the timeline of a window (default the last 24 hours, at most 31 days)", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"}, {"name": "around", "in": "query", "schema": {"type": "string"}}, {"name": "window", "in": "query", "schema": {"type": "string"}}, {"name": "min_severity", "in": "query", "schema": {"enum": ["info", "warning", "error"]}}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": {"200": {"$ref": "#/components/responses/Page"}, "303": {"description": "No token: to /login?next=..."}, "400": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "404": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}}},
        "/expiry": {"get": {"summary": "Dashboard: credential expiry", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"name": "within", "in": "query", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": {"200": {"$ref": "#/components/responses/Page"}, "303": {"description": "No token: to /login?next=..."}, "400": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "404": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}}},
        "/login": {
          "get": {"summary": "The sign-in form", "security": [], "parameters": [{"name": "next", "in": "query", "schema": {"type": "string"}, "description": "The page to go back to (a path of this server)"}, {"name": "expired", "in": "query", "schema": {"const": "1"}}], "responses": {"200": {"$ref": "#/components/responses/Page"}}},
          "post": {
            "summary": "Sign in with a read token: sets the HttpOnly cookie cmgh_token", "security": [],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}, "next": {"type": "string"}}}}}},
            "responses": {"303": {"description": "Signed in: to next"}, "400": {"$ref": "#/components/responses/Page"}, "401": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "413": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}
          }
        },
        "/logout": {"post": {"summary": "Sign out: clears the cookie", "security": [], "responses": {"303": {"description": "To /login"}}}}
      },
      "components": {
        "securitySchemes": {
          "bearer": {"type": "http", "scheme": "bearer", "description": "cmg-history token create --scope ingest|read|admin"},
          "cookie": {"type": "apiKey", "in": "cookie", "name": "cmgh_token", "description": "Set by POST /login; read routes only"}
        },
        "parameters": {
          "tz": {"name": "tz", "in": "query", "schema": {"type": "string"}, "description": "An IANA zone (default UTC)"},
          "gateway": {"name": "gateway", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          "from": {"name": "from", "in": "query", "schema": {"type": "string"}, "description": "A date (midnight in tz) or an RFC 3339 instant"},
          "to": {"name": "to", "in": "query", "schema": {"type": "string"}},
          "as_of": {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date-time"}},
          "format": {"name": "format", "in": "query", "schema": {"enum": ["json", "csv", "markdown", "html"]}, "description": "Else Accept, else JSON"}
        },
        "responses": {
          "Page": {"description": "A dashboard page", "content": {"text/html": {"schema": {"type": "string"}}}},
          "Error": {"description": "Why not", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unauthorized": {"description": "No token, or an unknown or revoked one", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Forbidden": {"description": "A token of another scope", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unavailable": {"description": "The history cannot answer now", "headers": {"Retry-After": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Capacity": {"description": "report capacity --reproducible", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CapacityReport"}}, "text/csv": {"schema": {"type": "string"}}, "text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}},
          "Trend": {"description": "report trend --reproducible", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TrendReport"}}, "text/csv": {"schema": {"type": "string"}}, "text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}},
          "Availability": {"description": "report availability --reproducible", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AvailabilityReport"}}, "text/csv": {"schema": {"type": "string"}}, "text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}},
          "Expiry": {"description": "report expiry --reproducible", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExpiryReport"}}, "text/csv": {"schema": {"type": "string"}}, "text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}}
        },
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
      }
    }
    """#
}
#endif
