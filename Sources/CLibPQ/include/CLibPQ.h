// PostgreSQL's client library, libpq, the driver of the PostgreSQL store (Store/Postgres/),
// loaded when a PostgreSQL history is first opened rather than linked: a process that never
// talks to PostgreSQL (most runs: --help, SQLite reports, imports) does not load libpq and the
// twenty libraries it needs (Kerberos, LDAP, GnuTLS, OpenSSL), 2.5 ms of every start.
// The types come from libpq's own header (Debian: libpq-dev, in /usr/include/postgresql).
#ifndef CMG_CLIBPQ_H
#define CMG_CLIBPQ_H

#if __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#else
#include <libpq-fe.h>
#endif

// Every libpq function the store calls: X(return type, name, parameters, arguments).
#define CMG_LIBPQ_FUNCTIONS(X) \
    X(void, PQclear, (PGresult *res), (res)) \
    X(char *, PQcmdTuples, (PGresult *res), (res)) \
    X(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname), (keywords, values, expand_dbname)) \
    X(char *, PQerrorMessage, (const PGconn *conn), (conn)) \
    X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query)) \
    X(PGresult *, PQexecParams, (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat), (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
    X(PGresult *, PQexecPrepared, (PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat), (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat)) \
    X(int, PQfformat, (const PGresult *res, int field_num), (res, field_num)) \
    X(void, PQfinish, (PGconn *conn), (conn)) \
    X(char *, PQfname, (const PGresult *res, int field_num), (res, field_num)) \
    X(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num)) \
    X(PGresult *, PQgetResult, (PGconn *conn), (conn)) \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(int, PQnfields, (const PGresult *res), (res)) \
    X(int, PQntuples, (const PGresult *res), (res)) \
    X(PGresult *, PQprepare, (PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes), (conn, stmtName, query, nParams, paramTypes)) \
    X(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes)) \
    X(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg)) \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode)) \
    X(char *, PQresultErrorMessage, (const PGresult *res), (res)) \
    X(ExecStatusType, PQresultStatus, (const PGresult *res), (res)) \
    X(int, PQserverVersion, (const PGconn *conn), (conn)) \
    X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg)) \
    X(ConnStatusType, PQstatus, (const PGconn *conn), (conn)) \
    X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn))

// CMG_PQexec and so on: libpq's functions under our prefix (its own names stay its own).
#define CMG_LIBPQ_DECLARE(ret, name, params, args) ret CMG_##name params;
CMG_LIBPQ_FUNCTIONS(CMG_LIBPQ_DECLARE)
#undef CMG_LIBPQ_DECLARE

/// Loads libpq once (thread-safe): NULL when it is there with every function, else why not.
/// Call before the first connection; every other function needs a connection, so runs after it.
/// `CMG_LIBPQ` names the library file to load instead of the system's.
const char *CMG_libpq_load_error(void);

#endif
