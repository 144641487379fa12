#if canImport(Hummingbird)
/// The dashboard's pages and the sign-in routes (``OpenAPIDocument``).
extension OpenAPIPaths {
    /// What every page can answer: itself, the way to sign in, or an error page.
    static let pageResponses = ##"{"200": {"$ref": "#/components/responses/Page"}, "303": {"description": "No token: to /login?next=..."}, "400": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "404": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}"##

    static let pages = #"""
        "/": {"get": {"summary": "Dashboard: the fleet", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": \#(pageResponses)}},
        "/gateway/{name}": {"get": {"summary": "Dashboard: one gateway", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": \#(pageResponses)}},
        "/capacity": {"get": {"summary": "Dashboard: the capacity report of a month", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"name": "month", "in": "query", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": \#(pageResponses)}},
        "/timeline": {"get": {"summary": "Dashboard: the timeline of a window (default the last 24 hours, at most 31 days)", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"}, {"name": "around", "in": "query", "schema": {"type": "string"}}, {"name": "window", "in": "query", "schema": {"type": "string"}}, {"name": "min_severity", "in": "query", "schema": {"enum": ["info", "warning", "error"]}}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": \#(pageResponses)}},
        "/expiry": {"get": {"summary": "Dashboard: credential expiry", "security": [{"cookie": []}, {"bearer": []}], "parameters": [{"name": "within", "in": "query", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/gateway"}, {"$ref": "#/components/parameters/tz"}, {"$ref": "#/components/parameters/as_of"}], "responses": \#(pageResponses)}},
        "/login": {
          "get": {"summary": "The sign-in form", "security": [], "parameters": [{"name": "next", "in": "query", "schema": {"type": "string"}, "description": "The page to go back to (a path of this server)"}, {"name": "expired", "in": "query", "schema": {"const": "1"}}], "responses": {"200": {"$ref": "#/components/responses/Page"}}},
          "post": {
            "summary": "Sign in with a read token: sets the HttpOnly cookie cmgh_token", "security": [],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}, "next": {"type": "string"}}}}}},
            "responses": {"303": {"description": "Signed in: to next"}, "400": {"$ref": "#/components/responses/Page"}, "401": {"$ref": "#/components/responses/Page"}, "403": {"$ref": "#/components/responses/Page"}, "413": {"$ref": "#/components/responses/Page"}, "503": {"$ref": "#/components/responses/Page"}}
          }
        },
        "/logout": {"post": {"summary": "Sign out: clears the cookie", "security": [], "responses": {"303": {"description": "To /login"}}}}
    """#
}
#endif
