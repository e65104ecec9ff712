// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"

#include <ow/core/hash.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ow::cases {

// The 18 kinds of case events of DESIGN.md ("Cases are event logs").
enum class EventType {
    Created,
    Accepted,
    MissingMaterialsNotified,
    Refused,
    Routed,
    Opinion,
    SupplementRequested,
    SupplementReceived,
    Suspended,
    Resumed,
    Approved,
    Denied,
    CertificateProduced,
    Printed,
    Delivered,
    Withdrawn,
    Terminated,
    Evaluated,
};

// Wire names: "created", "missing-materials-notified", ...
OW_CASES_EXPORT QString eventTypeName(EventType type);
OW_CASES_EXPORT std::optional<EventType> eventTypeFromName(QStringView name);
// Translated, e.g. "受理", "一次性告知".
OW_CASES_EXPORT QString eventTypeDisplayName(EventType type);
OW_CASES_EXPORT QList<EventType> allEventTypes();

enum class Role { Clerk, Reviewer, Agent, Supervisor, Admin };

// Wire names as in DESIGN.md: "clerk", "reviewer", "agent", "supervisor", "admin".
OW_CASES_EXPORT QString roleName(Role role);
OW_CASES_EXPORT std::optional<Role> roleFromName(QStringView name);
OW_CASES_EXPORT QString roleDisplayName(Role role);
OW_CASES_EXPORT QList<Role> allRoles();

// Who recorded an event, where, on which device, acting in which role.
struct OW_CASES_EXPORT Actor
{
    QString userId;
    QString officeCode;
    QString deviceId;
    Role role = Role::Clerk;

    QJsonObject toJson() const;
    static std::optional<Actor> fromJson(const QJsonObject &json, QString *error = nullptr);
    friend bool operator==(const Actor &a, const Actor &b)
    {
        return a.userId == b.userId && a.officeCode == b.officeCode && a.deviceId == b.deviceId
            && a.role == b.role;
    }
};

// One immutable entry of a case's log. `hash` covers every field the device
// recorded (all but `hash` itself and the server's `serverSeq` and
// `receivedAt`), as the RFC 8785 canonical JSON of toJson() without them;
// `prevHash` links it to the previous event recorded on the same device.
struct OW_CASES_EXPORT Event
{
    QString id; // UUIDv7, lower case
    QString caseId; // UUIDv7, lower case
    EventType type = EventType::Created;
    Actor actor;
    QDateTime at; // UTC, millisecond precision
    QJsonObject payload;
    QString prevHash; // "" for the device's first event
    QString hash;

    // Added by the central server; not part of the device's hash.
    std::optional<qint64> serverSeq;
    QDateTime receivedAt;

    // A new, unsealed event with a fresh id, stamped now (or `at`).
    static Event make(const QString &caseId, EventType type, const Actor &actor,
                      const QJsonObject &payload = {}, const QDateTime &at = QDateTime());

    QJsonObject toJson() const;
    // The fields the hash covers.
    QJsonObject toHashedJson() const;
    // Strict: ids must be canonical UUIDv7, `at` exactly RFC 3339 UTC with
    // milliseconds ("2026-11-22T08:30:00.123Z"), hashes lower-case hex, and no
    // unknown fields, so that what is parsed re-serialises to the bytes hashed.
    static std::optional<Event> fromJson(const QJsonObject &json, QString *error = nullptr);

    std::optional<QString> computeHash(core::HashAlgorithm algorithm = core::HashAlgorithm::Sha256,
                                       QString *error = nullptr) const;
    // The canonical JSON (RFC 8785) of the event, written member by member in
    // canonical order without building JSON objects: what the hash covers (the
    // bytes of toHashedJson()), the same with "hash" in its place (toJson()
    // without serverSeq and receivedAt), and the payload's. Nullopt (and a
    // reason) for what canonical JSON cannot represent.
    struct CanonicalForm
    {
        QByteArray hashed;
        QByteArray withHash;
        QByteArray payload;
    };
    std::optional<CanonicalForm> canonicalForm(QString *error = nullptr) const;
    // Sets prevHash and hash: the last step before the event is stored.
    bool seal(const QString &previousHash, core::HashAlgorithm algorithm = core::HashAlgorithm::Sha256,
              QString *error = nullptr);
    bool hasValidHash(core::HashAlgorithm algorithm = core::HashAlgorithm::Sha256) const;

    static QString formatTime(const QDateTime &time);
    // Invalid unless exactly the form formatTime() writes.
    static QDateTime parseTime(QStringView text);
};

} // namespace ow::cases
