// PostgreSQL's client library, libpq: the driver of the PostgreSQL store (Store/Postgres/).
// Debian: libpq-dev; its headers sit in /usr/include/postgresql, which pkg-config reports.
#include <libpq-fe.h>
