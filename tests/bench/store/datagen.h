// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace ow::bench {

// One generated case with its applicant and its events, oldest first, and
// the projection after each event.
struct GeneratedCase
{
    storage::ApplicantRecord applicant;
    QList<storage::EventRecord> events;
    QList<storage::CaseRecord> projections;
};

// Deterministic, realistic-looking data: Chinese names, ID numbers with valid
// check digits (GB 11643) or unified social credit codes (GB 32100), case
// numbers per office and day, ~25 service items in 7 departments, deadlines,
// 3 to 7 events per case (5 on average) on per-device hash chains.
class DataGenerator
{
public:
    DataGenerator(int caseCount, quint32 seed);

    GeneratedCase next(); // case 0, 1, 2, ... up to caseCount - 1
    int caseCount() const { return m_caseCount; }

    static const QStringList &departments();
    // The states of a department's review queue.
    static QStringList queueStates();
    // Name prefixes people type: a surname, or a surname and the first given character.
    QString randomNamePrefix(QRandomGenerator &random) const;
    // The applicant ID number and case number of case `index` (regenerated, not stored).
    QString idNumberOf(int index) const;
    QString caseNumberOf(int index) const { return m_caseNumbers.at(index); }

private:
    struct Item
    {
        QString code;
        QString department;
        int promisedDays;
    };
    QString applicantName(quint64 h) const;
    QString idNumber(quint64 h) const;
    QString creditCode(quint64 h) const;
    static QString uuidV7(qint64 unixMs, quint64 h);

    int m_caseCount;
    quint32 m_seed;
    int m_index = 0;
    QList<Item> m_items;
    QStringList m_offices;
    QHash<QString, int> m_dailySequence;
    QHash<QString, std::pair<qint64, QString>> m_deviceHeads; // device -> (seq, hash)
    QStringList m_caseNumbers;
};

} // namespace ow::bench
