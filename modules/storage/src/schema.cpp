// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "schema_p.h"

// Never edit a released version: add a new one. Dates and times are ISO 8601
// text (UTC date-times with milliseconds and "Z"); ids are lower-case UUID text.

namespace ow::storage::Internal {

namespace {

// Version 1: the event log, the case projection, applicants, the outbox, settings.
const QList<const char *> version1 = {
    R"(CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL))",

    // Append-only: each event is hashed into its device's chain (prev_hash).
    // server_seq/received_at are set only on events pulled from the server.
    R"(CREATE TABLE events (
        id TEXT PRIMARY KEY NOT NULL,
        case_id TEXT NOT NULL,
        type TEXT NOT NULL,
        actor_user TEXT NOT NULL,
        actor_office TEXT NOT NULL,
        device_id TEXT NOT NULL,
        device_seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        server_seq INTEGER,
        received_at TEXT,
        UNIQUE (device_id, device_seq)))",
    "CREATE INDEX events_case ON events (case_id)",
    R"(CREATE TRIGGER events_no_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed'); END)",
    R"(CREATE TRIGGER events_no_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed'); END)",
    // INSERT OR REPLACE deletes the old row without firing DELETE triggers.
    R"(CREATE TRIGGER events_no_replace BEFORE INSERT ON events
       WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
         OR EXISTS (SELECT 1 FROM events WHERE device_id = NEW.device_id AND device_seq = NEW.device_seq)
       BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be written twice'); END)",

    R"(CREATE TABLE applicants (
        id_number TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('natural', 'legal')),
        name TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL))",

    // The projection of each case's events, kept for queries.
    R"(CREATE TABLE cases (
        id TEXT PRIMARY KEY NOT NULL,
        case_number TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        item_code TEXT NOT NULL,
        applicant_id_number TEXT NOT NULL,
        applicant_name TEXT NOT NULL,
        office TEXT NOT NULL,
        department TEXT NOT NULL,
        accepted_at TEXT,
        deadline TEXT,
        updated_at TEXT NOT NULL,
        last_event_id TEXT))",
    "CREATE INDEX cases_applicant ON cases (applicant_id_number)",
    // A department's work queue: one state at a time, in deadline order, paged by (deadline, id).
    "CREATE INDEX cases_queue ON cases (department, state, deadline, id)",

    R"(CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE REFERENCES events (id),
        queued_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT,
        last_error TEXT NOT NULL DEFAULT ''))",

    R"(CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL))",
};

// Version 2: catalogue versions on cases, attachments inside the store, sync
// cursors, imported catalogues, and applicant search by name prefix.
const QList<const char *> version2 = {
    "ALTER TABLE cases ADD COLUMN catalog_version TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE cases ADD COLUMN details TEXT NOT NULL DEFAULT '{}'",
    // BINARY collation: names are compared by code point, so a prefix is the
    // range [prefix, prefix || U+10FFFF) and uses this index.
    "CREATE INDEX applicants_name ON applicants (name, id_number)",

    R"(CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0 AND size <= 20971520),
        bytes BLOB NOT NULL,
        created_at TEXT NOT NULL,
        CHECK (length(bytes) = size)))",

    R"(CREATE TABLE sync_cursors (
        stream TEXT PRIMARY KEY NOT NULL,
        cursor TEXT NOT NULL,
        updated_at TEXT NOT NULL))",

    R"(CREATE TABLE catalog_versions (
        version TEXT PRIMARY KEY NOT NULL,
        imported_at TEXT NOT NULL,
        document TEXT NOT NULL))",
};

// Version 3: the role an event's actor recorded it in, part of its hash
// (cases::Actor). Events stored before carry '' and cannot be re-hashed.
const QList<const char *> version3 = {
    "ALTER TABLE events ADD COLUMN actor_role TEXT NOT NULL DEFAULT ''",
};

// Version 4: sync. Outbox entries are pending or parked (refused by the
// server, kept with its code and reason); the server's refusals of events,
// which stay in the append-only log; the history of sync runs; the upload
// state of attachments; the server's log key and last verified tree head;
// users' credentials cached for signing in offline.
const QList<const char *> version4 = {
    "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', "
    "'parked'))",
    "ALTER TABLE outbox ADD COLUMN last_error_code TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX outbox_state ON outbox (state, seq)",

    R"(CREATE TABLE event_rejections (
        event_id TEXT PRIMARY KEY NOT NULL REFERENCES events (id),
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        rejected_at TEXT NOT NULL))",

    R"(CREATE TABLE sync_log (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        pushed INTEGER NOT NULL DEFAULT 0,
        pulled INTEGER NOT NULL DEFAULT 0,
        parked INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        outcome TEXT NOT NULL DEFAULT 'running',
        error TEXT NOT NULL DEFAULT ''))",

    "ALTER TABLE attachments ADD COLUMN upload_state TEXT NOT NULL DEFAULT 'pending' "
    "CHECK (upload_state IN ('pending', 'uploaded', 'failed'))",
    "ALTER TABLE attachments ADD COLUMN upload_attempts INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE attachments ADD COLUMN upload_attempted_at TEXT",
    "ALTER TABLE attachments ADD COLUMN upload_error TEXT NOT NULL DEFAULT ''",

    // One row: the key is pinned at the first sync, the head moves forward.
    R"(CREATE TABLE server_log (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        public_key TEXT NOT NULL,
        pinned_at TEXT NOT NULL,
        tree_size INTEGER,
        root_hash TEXT,
        head_timestamp TEXT,
        signature TEXT,
        verified_at TEXT))",

    R"(CREATE TABLE cached_credentials (
        user_name TEXT PRIMARY KEY NOT NULL,
        user_json TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        cached_at TEXT NOT NULL))",
};

// Version 5: the queue (取号/叫号). Every ticket of a day as last changed, so a
// restarted workstation continues the day: no resident's paper ticket is lost,
// numbering goes on. "window" is quoted: it is an SQL keyword.
const QList<const char *> version5 = {
    R"(CREATE TABLE queue_tickets (
        day TEXT NOT NULL,
        number TEXT NOT NULL CHECK (number <> ''),
        category TEXT NOT NULL,
        priority TEXT NOT NULL,
        state TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        "window" TEXT NOT NULL DEFAULT '',
        target_window TEXT NOT NULL DEFAULT '',
        transferred_from TEXT NOT NULL DEFAULT '',
        calls INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
        first_called_at TEXT,
        last_called_at TEXT,
        started_at TEXT,
        finished_at TEXT,
        case_id TEXT NOT NULL DEFAULT '',
        evaluation INTEGER CHECK (evaluation IS NULL OR evaluation BETWEEN 1 AND 5),
        evaluation_reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (day, number)))",
    // A day's tickets in issue order, as the queue is restored.
    "CREATE INDEX queue_tickets_day ON queue_tickets (day, issued_at)",

    // 暂停 per window and day; a new day starts with every window open.
    R"(CREATE TABLE queue_windows (
        day TEXT NOT NULL,
        "window" TEXT NOT NULL,
        paused INTEGER NOT NULL CHECK (paused IN (0, 1)),
        PRIMARY KEY (day, "window")))",
};

// Version 6: the back office's inboxes (待办). One row per case and department
// the case is routed to: a bundle is reviewed by several departments at once.
// The case's columns the inbox sorts and filters on are copied here so that
// each view of 200,000 open cases is one walk of one index.
const QList<const char *> version6 = {
    R"(CREATE TABLE case_tasks (
        department TEXT NOT NULL,
        case_id TEXT NOT NULL,
        open INTEGER NOT NULL CHECK (open IN (0, 1)),
        lead INTEGER NOT NULL CHECK (lead IN (0, 1)),
        decision TEXT NOT NULL,
        assignee TEXT NOT NULL DEFAULT '',
        case_number TEXT NOT NULL,
        state TEXT NOT NULL,
        item_code TEXT NOT NULL,
        item_name TEXT NOT NULL DEFAULT '',
        applicant_name TEXT NOT NULL,
        office TEXT NOT NULL,
        accepted_at TEXT NOT NULL DEFAULT '',
        deadline TEXT NOT NULL DEFAULT '',
        -- What the inbox's text filter looks in: number, applicant and item names.
        search_text TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (department, case_id)))",
    "CREATE INDEX case_tasks_case ON case_tasks (case_id)",
    // Covering for the default view, including its text filter.
    "CREATE INDEX case_tasks_deadline ON case_tasks (department, open, deadline, case_id, search_text)",
    "CREATE INDEX case_tasks_item ON case_tasks (department, open, item_code, deadline, case_id)",
    "CREATE INDEX case_tasks_office ON case_tasks (department, open, office, deadline, case_id)",
    "CREATE INDEX case_tasks_state ON case_tasks (department, open, state, deadline, case_id)",
    "CREATE INDEX case_tasks_accepted ON case_tasks (department, open, accepted_at, case_id)",
    "CREATE INDEX case_tasks_number ON case_tasks (department, open, case_number, case_id)",
    // The text filter for texts of three characters or more that few cases
    // match: a trigram index finds them without walking the whole inbox.
    "CREATE VIRTUAL TABLE case_tasks_search USING fts5(search_text, content='case_tasks', "
    "content_rowid='rowid', tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER case_tasks_search_insert AFTER INSERT ON case_tasks BEGIN "
    "INSERT INTO case_tasks_search (rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER case_tasks_search_delete AFTER DELETE ON case_tasks BEGIN "
    "INSERT INTO case_tasks_search (case_tasks_search, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER case_tasks_search_update AFTER UPDATE ON case_tasks BEGIN "
    "INSERT INTO case_tasks_search (case_tasks_search, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO case_tasks_search (rowid, search_text) VALUES (new.rowid, new.search_text); END",
    // Cases routed before this version: each review the projection recorded.
    R"(INSERT OR IGNORE INTO case_tasks (department, case_id, open, lead, decision, assignee, case_number,
        state, item_code, applicant_name, office, accepted_at, deadline, search_text)
       SELECT json_extract(r.value, '$.department'), c.id,
              c.state IN ('under-review', 'supplement-pending', 'suspended'),
              json_extract(r.value, '$.department') = c.department,
              COALESCE(json_extract(r.value, '$.decision'), 'pending'), '', c.case_number, c.state,
              c.item_code, c.applicant_name, c.office, COALESCE(c.accepted_at, ''), COALESCE(c.deadline, ''),
              c.case_number || ' ' || c.applicant_name || ' ' || c.item_code
       FROM cases c, json_each(c.details, '$.reviews') r
       WHERE json_valid(c.details) AND json_extract(r.value, '$.department') <> '')",
};

// Version 7: certificates and printing (打证). The certificates projection
// (from certificate-produced and printed events, kept with the case's
// projection) with the verification code the central server signed; the
// pre-printed certificate paper (套打纸) issued to the office and the serials
// used or voided, from this store's printed events and from the server.
const QList<const char *> version7 = {
    R"(CREATE TABLE certificates (
        certificate_id TEXT PRIMARY KEY NOT NULL,
        case_id TEXT NOT NULL,
        case_number TEXT NOT NULL DEFAULT '',
        number TEXT NOT NULL DEFAULT '',
        certificate_type TEXT NOT NULL DEFAULT '',
        template_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        item_name TEXT NOT NULL DEFAULT '',
        holder_name TEXT NOT NULL DEFAULT '',
        holder_id TEXT NOT NULL DEFAULT '',
        issuing_office TEXT NOT NULL DEFAULT '',
        print_office TEXT NOT NULL DEFAULT '',
        produced_at TEXT NOT NULL,
        produced_event_id TEXT NOT NULL,
        record TEXT NOT NULL DEFAULT '{}',
        -- Set by sync only; rebuilding the projection keeps it.
        verification_code TEXT NOT NULL DEFAULT '',
        print_count INTEGER NOT NULL DEFAULT 0,
        last_printed_at TEXT NOT NULL DEFAULT '',
        last_printed_by TEXT NOT NULL DEFAULT '',
        last_stock_serial TEXT NOT NULL DEFAULT '',
        -- What the print queue's text filter looks in: case number, certificate number, holder.
        search_text TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX certificates_case ON certificates (case_id)",
    "CREATE INDEX certificates_queue ON certificates (print_office, produced_at, certificate_id)",

    R"(CREATE TABLE stock_ranges (
        range_id TEXT PRIMARY KEY NOT NULL,
        office TEXT NOT NULL,
        certificate_type TEXT NOT NULL DEFAULT '',
        prefix TEXT NOT NULL,
        first_number INTEGER NOT NULL,
        last_number INTEGER NOT NULL CHECK (last_number >= first_number),
        width INTEGER NOT NULL DEFAULT 7,
        issued_at TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX stock_ranges_office ON stock_ranges (office, prefix, first_number)",

    // source 'event': a printed event this store holds (removed with it when
    // the server refuses it); 'server': the server's list for the office.
    R"(CREATE TABLE stock_serials (
        serial TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('used', 'voided')),
        office TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL CHECK (source IN ('event', 'server')),
        case_id TEXT NOT NULL DEFAULT '',
        event_id TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (serial, source, event_id)))",
    "CREATE INDEX stock_serials_case ON stock_serials (case_id, source)",
    "CREATE INDEX stock_serials_office ON stock_serials (office, source)",

    // Stores made before this version: the certificates of their events.
    R"(INSERT OR IGNORE INTO certificates (certificate_id, case_id, case_number, number, certificate_type,
        template_id, name, item_name, holder_name, holder_id, issuing_office, print_office, produced_at,
        produced_event_id, record)
       SELECT json_extract(e.payload, '$.certificateId'), e.case_id, COALESCE(c.case_number, ''),
              COALESCE(json_extract(e.payload, '$.number'), ''),
              COALESCE(json_extract(e.payload, '$.certificateType'), ''),
              COALESCE(json_extract(e.payload, '$.templateId'), ''),
              COALESCE(json_extract(e.payload, '$.name'), ''),
              COALESCE(json_extract(e.payload, '$.itemName'), ''),
              CASE json_type(e.payload, '$.holder')
                  WHEN 'object' THEN COALESCE(json_extract(e.payload, '$.holder.name'), '')
                  WHEN 'text' THEN json_extract(e.payload, '$.holder') ELSE '' END,
              CASE json_type(e.payload, '$.holder')
                  WHEN 'object' THEN COALESCE(json_extract(e.payload, '$.holder.idNumber'), '') ELSE '' END,
              e.actor_office,
              COALESCE(NULLIF(json_extract(e.payload, '$.printOffice'), ''), e.actor_office),
              e.at, e.id, e.payload
       FROM events e LEFT JOIN cases c ON c.id = e.case_id
       WHERE e.type = 'certificate-produced' AND json_valid(e.payload)
         AND COALESCE(json_extract(e.payload, '$.certificateId'), '') <> ''
         AND e.id NOT IN (SELECT event_id FROM event_rejections)
       ORDER BY e.at, e.id)",
    R"(INSERT OR IGNORE INTO stock_serials (serial, state, office, source, case_id, event_id)
       SELECT json_extract(p.payload, '$.stockSerial'),
              CASE WHEN json_extract(p.payload, '$.spoiled') THEN 'voided' ELSE 'used' END,
              p.actor_office, 'event', p.case_id, p.id
       FROM events p
       WHERE p.type = 'printed' AND json_valid(p.payload) AND json_extract(p.payload, '$.mode') = 'stock'
         AND COALESCE(json_extract(p.payload, '$.stockSerial'), '') <> ''
         AND p.id NOT IN (SELECT event_id FROM event_rejections))",
    R"(UPDATE certificates SET
        print_count = (SELECT COUNT(*) FROM events p
            WHERE p.case_id = certificates.case_id AND p.type = 'printed' AND json_valid(p.payload)
              AND json_extract(p.payload, '$.certificateId') = certificates.certificate_id
              AND NOT COALESCE(json_extract(p.payload, '$.spoiled'), 0)
              AND p.id NOT IN (SELECT event_id FROM event_rejections)),
        search_text = case_number || ' ' || number || ' ' || holder_name || ' ' || holder_id)",
    R"(UPDATE certificates SET
        (last_printed_at, last_printed_by, last_stock_serial) = (
            SELECT p.at, p.actor_user, COALESCE(json_extract(p.payload, '$.stockSerial'), '') FROM events p
            WHERE p.case_id = certificates.case_id AND p.type = 'printed' AND json_valid(p.payload)
              AND json_extract(p.payload, '$.certificateId') = certificates.certificate_id
              AND NOT COALESCE(json_extract(p.payload, '$.spoiled'), 0)
              AND p.id NOT IN (SELECT event_id FROM event_rejections)
            ORDER BY p.at DESC, p.id DESC LIMIT 1)
       WHERE print_count > 0)",
};

} // namespace

const QList<SchemaStep> &schemaSteps()
{
    static const QList<SchemaStep> steps = {
        {1, version1},
        {2, version2},
        {3, version3},
        {4, version4},
        {5, version5},
        {6, version6},
        {7, version7},
    };
    return steps;
}

} // namespace ow::storage::Internal
