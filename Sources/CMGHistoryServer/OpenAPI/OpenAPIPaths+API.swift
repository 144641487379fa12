#if canImport(Hummingbird)
/// The paths of the ingest API, the read API, `/metrics` and `/healthz` (``OpenAPIDocument``).
enum OpenAPIPaths {
    static let api = #"""
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
        }
    """#
}
#endif
