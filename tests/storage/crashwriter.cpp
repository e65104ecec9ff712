// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors

// Helper of tst_storage_crash: appends events to an existing store in small
// transactions, forever, and prints each event's id on stdout once its
// transaction has committed. The test kills it with SIGKILL at random moments.
//
// usage: ow_crashwriter STORE DEVICE_ID   (the 64-hex-digit key on stdin)

#include "ow/storage/database.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/migrations.h"
#include "ow/storage/transaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUuid>

#include <cstdio>
#include <string>

using namespace ow::storage;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "crashwriter: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return fail(QStringLiteral("usage: ow_crashwriter STORE DEVICE_ID (key on stdin)"));
    char line[128] = {};
    if (!std::fgets(line, sizeof line, stdin))
        return fail(QStringLiteral("no key on stdin"));
    const QByteArray key = QByteArray::fromHex(QByteArray(line).trimmed());
    const QString deviceId = args.at(2);

    Database::OpenResult opened
        = Database::open(args.at(1), key, QStringLiteral("writer"), Database::Mode::OpenExisting);
    if (!opened.ok())
        return fail(opened.message);
    QString message;
    if (Migrations::migrate(opened.db, &message) != DatabaseError::None)
        return fail(message);

    EventRepository events(opened.db);
    const std::optional<EventRecord> head = events.lastOfDevice(deviceId);
    qint64 seq = head ? head->deviceSeq : 0;
    QString prevHash = head ? head->hash : QString();
    QRandomGenerator *random = QRandomGenerator::global();

    for (;;) {
        Transaction transaction(opened.db);
        if (!transaction.isActive())
            return fail(transaction.lastError().text());
        std::string committed;
        const int batch = 1 + int(random->bounded(4));
        for (int i = 0; i < batch; ++i) {
            ++seq;
            EventRecord event;
            event.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const int caseIndex = int(seq % 40);
            event.caseId = QStringLiteral("case-%1").arg(caseIndex);
            event.type = QStringLiteral("opinion");
            event.actorUser = QStringLiteral("reviewer-3");
            event.actorOffice = QStringLiteral("330102");
            event.deviceId = deviceId;
            event.deviceSeq = seq;
            event.at = QStringLiteral("2026-03-15T08:30:00.000Z");
            // Some bulk, so that transactions span several pages.
            event.payload = QStringLiteral("{\"seq\":%1,\"note\":\"%2\"}")
                                .arg(seq)
                                .arg(QString(int(random->bounded(3000)), u'审'));
            event.prevHash = prevHash;
            event.hash
                = QString::fromLatin1(QCryptographicHash::hash((prevHash + event.id + event.payload).toUtf8(),
                                                               QCryptographicHash::Sha256)
                                          .toHex());
            prevHash = event.hash;

            CaseRecord projection;
            projection.id = event.caseId;
            projection.caseNumber
                = QStringLiteral("YCT-330102-20260315-%1").arg(caseIndex, 6, 10, QLatin1Char('0'));
            projection.state = QStringLiteral("under-review");
            projection.itemCode = QStringLiteral("330102-SC-001");
            projection.applicantIdNumber = QStringLiteral("33010219900307123X");
            projection.applicantName = QStringLiteral("欧阳娜娜");
            projection.office = QStringLiteral("330102");
            projection.department = QStringLiteral("市场监管");
            projection.deadline = QDate(2026, 4, 1);
            if (!events.append(event, projection))
                return fail(events.lastError());
            committed += event.id.toStdString() + '\n';
        }
        if (!transaction.commit())
            return fail(transaction.lastError().text());
        // Reported only now: everything printed is durable (synchronous=FULL).
        std::fwrite(committed.data(), 1, committed.size(), stdout);
        std::fflush(stdout);
    }
}
