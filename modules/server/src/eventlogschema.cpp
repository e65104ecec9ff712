// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "eventlogschema.h"

namespace ow::server::Internal {

namespace {

QString bytesType(SqlDialect dialect)
{
    return dialect == SqlDialect::Postgres ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
}

} // namespace

QList<ServerMigration> eventLogMigrations()
{
    return {
        {1, QStringLiteral("event sequence, Merkle log, device chains, rejections, case scope"),
         [](SqlDialect) {
             return QStringList {
                 // server_seq is assigned under the push lock (see EventLog), never by a
                 // database sequence: a sequence hands out numbers that commit out of order.
                 QStringLiteral("CREATE TABLE server_events ("
                                " server_seq BIGINT PRIMARY KEY,"
                                " id TEXT NOT NULL UNIQUE,"
                                " case_id TEXT NOT NULL,"
                                " device_id TEXT NOT NULL,"
                                " type TEXT NOT NULL,"
                                " actor_user TEXT NOT NULL,"
                                " actor_office TEXT NOT NULL,"
                                " actor_role TEXT NOT NULL,"
                                " payload TEXT NOT NULL,"
                                " event_json TEXT NOT NULL,"
                                " hash TEXT NOT NULL,"
                                " prev_hash TEXT NOT NULL,"
                                " received_at TEXT NOT NULL,"
                                " leaf_hash TEXT NOT NULL)"),
                 QStringLiteral("CREATE INDEX server_events_case ON server_events (case_id, server_seq)"),
                 // Complete aligned subtrees (those of 16 leaves or more, see MerkleStore; the leaves
                 // are in server_events).
                 QStringLiteral("CREATE TABLE merkle_nodes ("
                                " start_index BIGINT NOT NULL,"
                                " size BIGINT NOT NULL,"
                                " hash TEXT NOT NULL,"
                                " PRIMARY KEY (start_index, size))"),
                 QStringLiteral("CREATE TABLE tree_heads ("
                                " size BIGINT PRIMARY KEY,"
                                " root_hash TEXT NOT NULL,"
                                " signed_at TEXT NOT NULL,"
                                " signature TEXT NOT NULL)"),
                 QStringLiteral("CREATE TABLE device_heads ("
                                " device_id TEXT PRIMARY KEY,"
                                " last_hash TEXT NOT NULL,"
                                " updated_at TEXT NOT NULL)"),
                 QStringLiteral("CREATE TABLE rejected_events ("
                                " id TEXT PRIMARY KEY,"
                                " device_id TEXT NOT NULL,"
                                " code TEXT NOT NULL,"
                                " reason TEXT NOT NULL,"
                                " event_json TEXT NOT NULL,"
                                " rejected_at TEXT NOT NULL)"),
                 QStringLiteral("CREATE TABLE server_cases ("
                                " case_id TEXT PRIMARY KEY,"
                                " status TEXT NOT NULL,"
                                " office_code TEXT NOT NULL,"
                                " lead_department TEXT NOT NULL,"
                                " departments TEXT NOT NULL,"
                                " print_office TEXT,"
                                " last_seq BIGINT NOT NULL)"),
                 QStringLiteral("CREATE TABLE case_scope ("
                                " case_id TEXT NOT NULL,"
                                " office_code TEXT NOT NULL,"
                                " granted_seq BIGINT NOT NULL,"
                                " PRIMARY KEY (office_code, case_id))"),
                 QStringLiteral("CREATE INDEX case_scope_case ON case_scope (case_id)"),
                 QStringLiteral("CREATE INDEX case_scope_granted ON case_scope (office_code, granted_seq)"),
                 QStringLiteral("CREATE TABLE blob_refs ("
                                " sha256 TEXT NOT NULL,"
                                " case_id TEXT NOT NULL,"
                                " PRIMARY KEY (sha256, case_id))"),
                 QStringLiteral("CREATE TABLE certificates ("
                                " certificate_id TEXT PRIMARY KEY,"
                                " case_id TEXT NOT NULL,"
                                " server_seq BIGINT NOT NULL,"
                                " payload TEXT NOT NULL)"),
             };
         }},
        {2, QStringLiteral("index of the scope grants made after a case's first event"),
         [](SqlDialect) {
             return QStringList {
                 // late = 1: granted after the case's first event (on routed or
                 // certificate-produced), so the office must pull the case's
                 // earlier events at the grant. Only those grants need the pull's
                 // second half; the index keeps it from visiting every case.
                 QStringLiteral("ALTER TABLE case_scope ADD COLUMN late INTEGER NOT NULL DEFAULT 0"),
                 QStringLiteral("UPDATE case_scope SET late = 1 WHERE granted_seq > (SELECT MIN(e.server_seq)"
                                " FROM server_events e WHERE e.case_id = case_scope.case_id)"),
                 QStringLiteral("CREATE INDEX case_scope_late ON case_scope (office_code, granted_seq)"
                                " WHERE late = 1"),
             };
         }},
        {3, QStringLiteral("certificates' verification codes and revocations"),
         [](SqlDialect) {
             return QStringList {
                 // NULL: not signed (the server had no signing key when it was accepted).
                 QStringLiteral("ALTER TABLE certificates ADD COLUMN verification_code TEXT"),
                 QStringLiteral("ALTER TABLE certificates ADD COLUMN revoked_at TEXT"),
                 QStringLiteral("ALTER TABLE certificates ADD COLUMN revoked_by TEXT"),
                 QStringLiteral("ALTER TABLE certificates ADD COLUMN revocation_reason TEXT"),
                 // A pulled certificate-produced event finds its code by serverSeq.
                 QStringLiteral("CREATE INDEX certificates_seq ON certificates (server_seq)"),
             };
         }},
        {4, QStringLiteral("drop the scope indexes no query needs"),
         [](SqlDialect) {
             return QStringList {
                 // Every read of case_scope names the office: the pull's second half uses
                 // case_scope_late, everything else the primary key (office_code, case_id).
                 // These two indexes were only written, two entries more per grant under the
                 // sequencer lock, and before PostgreSQL analysed a growing case_scope it took
                 // case_scope_granted for the push's scope check and filtered every grant of
                 // the office against the batch's cases.
                 QStringLiteral("DROP INDEX case_scope_granted"),
                 QStringLiteral("DROP INDEX case_scope_case"),
             };
         }},
        {5, QStringLiteral("each event stored once, in its JSON"),
         [](SqlDialect dialect) {
             // event_json holds the whole event; these columns repeated parts of it (about
             // 40 % of a row) and no query reads them. What stays is what queries select by:
             // id, case_id, type, and the server's own server_seq, received_at and leaf_hash.
             const QStringList repeated {QStringLiteral("device_id"),    QStringLiteral("actor_user"),
                                         QStringLiteral("actor_office"), QStringLiteral("actor_role"),
                                         QStringLiteral("payload"),      QStringLiteral("hash"),
                                         QStringLiteral("prev_hash")};
             if (dialect == SqlDialect::Postgres) {
                 QStringList drops;
                 for (const QString &column : repeated)
                     drops.append(QStringLiteral("DROP COLUMN ") + column);
                 return QStringList {QStringLiteral("ALTER TABLE server_events ")
                                     + drops.join(QStringLiteral(", "))};
             }
             // SQLite drops one column a statement.
             QStringList statements;
             for (const QString &column : repeated)
                 statements.append(QStringLiteral("ALTER TABLE server_events DROP COLUMN ") + column);
             return statements;
         }},
        {6, QStringLiteral("the log's id and case indexes compare bytes"),
         [](SqlDialect dialect) {
             // Identifiers sort by their bytes ("C"): the database's own collation would
             // compare them by locale rules (strcoll) at each step of every index insert
             // and probe, for an order nothing needs. Queries name the collation to use
             // these indexes. SQLite compares bytes anyway.
             if (dialect != SqlDialect::Postgres)
                 return QStringList {};
             return QStringList {
                 QStringLiteral("ALTER TABLE server_events DROP CONSTRAINT server_events_id_key"),
                 QStringLiteral("CREATE UNIQUE INDEX server_events_id ON server_events (id COLLATE \"C\")"),
                 QStringLiteral("DROP INDEX server_events_case"),
                 QStringLiteral("CREATE INDEX server_events_case ON server_events"
                                " (case_id COLLATE \"C\", server_seq)"),
             };
         }},
    };
}

QString bytewise(SqlDialect dialect, const QString &column)
{
    return dialect == SqlDialect::Postgres ? column + QStringLiteral(" COLLATE \"C\"") : column;
}

QList<ServerMigration> blobMigrations()
{
    return {
        {1, QStringLiteral("attachment content and chunked uploads"),
         [](SqlDialect dialect) {
             return QStringList {
                 QStringLiteral("CREATE TABLE blobs ("
                                " sha256 TEXT PRIMARY KEY,"
                                " size BIGINT NOT NULL,"
                                " content %1 NOT NULL,"
                                " uploader_office TEXT NOT NULL,"
                                " uploaded_by TEXT NOT NULL,"
                                " stored_at TEXT NOT NULL)")
                     .arg(bytesType(dialect)),
                 // One row per chunk received of an upload not yet complete.
                 QStringLiteral("CREATE TABLE blob_chunks ("
                                " sha256 TEXT NOT NULL,"
                                " start_offset BIGINT NOT NULL,"
                                " total BIGINT NOT NULL,"
                                " content %1 NOT NULL,"
                                " uploader_office TEXT NOT NULL,"
                                " PRIMARY KEY (sha256, start_offset))")
                     .arg(bytesType(dialect)),
             };
         }},
    };
}

} // namespace ow::server::Internal
