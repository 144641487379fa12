#if canImport(Hummingbird)
/// The security schemes, parameters and responses the paths refer to (``OpenAPIDocument``).
enum OpenAPIComponents {
    static let shared = #"""
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
        }
    """#
}
#endif
