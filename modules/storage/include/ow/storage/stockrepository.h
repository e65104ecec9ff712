// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// A range of pre-printed certificate paper (套打纸) issued to an office: the
// serials prefix + first … prefix + last, the number zero-padded to `width`
// digits (e.g. SC0000451).
struct OW_STORAGE_EXPORT StockRange
{
    QString rangeId;
    QString office;
    QString certificateType; // empty: any certificate type
    QString prefix;
    qint64 first = 0;
    qint64 last = 0;
    int width = 7;
    QDateTime issuedAt;
    QString serial(qint64 number) const;
    bool contains(const QString &serial) const;
};

// Why a serial cannot be printed on.
enum class StockSerialProblem {
    None,
    Malformed, // not a serial of any known shape
    NotIssued, // in no range issued to the office (for the certificate type)
    Used, // a certificate was printed on it
    Voided, // spoiled in the printer or voided by an administrator
};

// The office's stock ranges (as the central server issued them; a sync
// replaces them) and the serials used or voided, from printed events and the
// server's list. Failed calls set lastError() (translated).
class OW_STORAGE_EXPORT StockRepository
{
public:
    explicit StockRepository(const QSqlDatabase &db);
    ~StockRepository();
    StockRepository(const StockRepository &) = delete;
    StockRepository &operator=(const StockRepository &) = delete;

    QList<StockRange> ranges(const QString &office) const;
    // The offices whose ranges the store holds.
    QStringList offices() const;
    // Replaces the office's ranges and the serials the server reports used or
    // voided, in one transaction.
    bool replaceFromServer(const QString &office, const QList<StockRange> &ranges,
                           const QStringList &usedSerials, const QStringList &voidedSerials);
    StockSerialProblem check(const QString &office, const QString &certificateType, const QString &serial) const;
    // Translated, e.g. "套打纸编号 SC0000451 已使用，不能再次打印。"
    static QString describe(StockSerialProblem problem, const QString &serial);
    // The lowest serial of the office's ranges (for the type) neither used nor
    // voided, at or after `from` when given; nullopt when the stock is used up.
    std::optional<QString> nextFree(const QString &office, const QString &certificateType,
                                    const QString &from = QString()) const;
    // How many serials are left, for a warning before the stock runs out.
    qint64 remaining(const QString &office, const QString &certificateType) const;

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
