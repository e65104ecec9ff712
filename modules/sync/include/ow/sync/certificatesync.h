// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"

#include <ow/storage/stockrepository.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

// What sync brings for printing certificates (打证): the verification codes
// the central server signs, and the office's pre-printed certificate paper.
namespace ow::sync {

// certificateId → "OW1:…" code, from pulled event envelopes (a
// certificate-produced event carries "verificationCode" next to serverSeq).
OW_SYNC_EXPORT QHash<QString, QString> verificationCodes(const QJsonArray &envelopes);

// An envelope without the fields the server adds outside the hashed event
// that the event itself does not know (verificationCode).
OW_SYNC_EXPORT QJsonObject eventOfEnvelope(QJsonObject envelope);

// Stores one page of GET /events: its events (CaseJournal::storePulled) and
// the verification codes they carry, in one transaction (a savepoint inside
// the caller's). `inserted` counts the new events. False with `error`
// (translated) when an event cannot be read or the store fails: nothing of
// the page is stored then.
OW_SYNC_EXPORT bool storePulledPage(const QSqlDatabase &db, const QString &deviceId, const QJsonObject &page,
                                    int *inserted, QString *error);

// Stores the codes, skipping certificates this store does not hold.
OW_SYNC_EXPORT bool storeVerificationCodes(const QSqlDatabase &db, const QHash<QString, QString> &codes,
                                           QString *error);

// The answer of GET /stock/ranges.
struct OW_SYNC_EXPORT StockAnswer
{
    QList<storage::StockRange> ranges;
    QStringList used;
    QStringList voided;
    // The offices the ranges are issued to (the caller's, normally one).
    QStringList offices() const;
};
// nullopt with `error` (translated) when the answer is not one.
OW_SYNC_EXPORT std::optional<StockAnswer> parseStockAnswer(const QJsonObject &json, QString *error);

} // namespace ow::sync
