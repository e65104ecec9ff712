// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// What the back-office tests share: a real encrypted store, the window's case
// journal that accepts and routes cases as intake does, and reviewers.
#pragma once

#include <ow/cases/casenumber.h>
#include <ow/cases/timelimitclock.h>
#include <ow/core/uuid.h>
#include <ow/core/workingcalendar.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/session.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <memory>

namespace ow::test::backoffice {

inline const QString market = QStringLiteral("市场监管局");
inline const QString health = QStringLiteral("卫生健康局");
inline const QString fire = QStringLiteral("消防救援大队");

inline QJsonObject item(const QString &code, const QString &name, const QString &department, int promisedDays,
                        bool certificate = false)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("name"), name},
            {QStringLiteral("department"), department},
            {QStringLiteral("legalDays"), 20},
            {QStringLiteral("promisedDays"), promisedDays},
            {QStringLiteral("producesCertificate"), certificate}};
}

// A reviewer of the county signed in on their own device.
inline ui::Session reviewer(const QString &id, const QStringList &departments, int device)
{
    ui::Session session;
    session.userName = id;
    session.user.user.id = id;
    session.user.user.name = id;
    session.user.user.roles = {cases::Role::Reviewer};
    session.user.user.officeCode = QStringLiteral("330100");
    session.user.user.departments = departments;
    session.user.deviceId = QStringLiteral("0193a6b4-1d00-7000-8000-%1").arg(device, 12, 10, QLatin1Char('0'));
    return session;
}

class Bed
{
public:
    // Call from the test's init(); QVERIFY-style failures end the test.
    void open(const QString &connection)
    {
        m_connection = connection;
        m_dir = std::make_unique<TempDataDir>();
        QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
        QRandomGenerator::system()->generate(key.begin(), key.end());
        auto opened = storage::Database::open(m_dir->filePath(QStringLiteral("onewindow.db")), key, connection,
                                              storage::Database::Mode::CreateNew);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        m_db = opened.db;
        QString message;
        QCOMPARE(storage::Migrations::migrate(m_db, &message), storage::DatabaseError::None);
        m_intake = std::make_unique<storage::CaseJournal>(
            m_db, storage::CaseJournal::Identity {QStringLiteral("0193a6b4-1d00-7000-8000-00000000a001"),
                                                  QStringLiteral("330102001")});
        // On a weekend or holiday the tests count from the last working day:
        // the days left from today to a deadline are then what they are on
        // that working day, so the expected lights and counts hold any day.
        m_today = cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc());
        while (m_calendar.isWorkingDay(m_today) == false)
            m_today = m_today.addDays(-1);
    }
    void close()
    {
        m_intake.reset();
        m_db = QSqlDatabase();
        storage::Database::close(m_connection);
        m_dir.reset();
    }

    // A case of `items` created, accepted on `acceptedOn` and routed as intake does;
    // a bundle of them (led by the market regulator) when `bundle` is set.
    QString routedCase(const QJsonArray &items, const QDate &acceptedOn, bool bundle = false,
                       const QString &applicant = QStringLiteral("欧阳娜娜"))
    {
        // Mid-morning in China: 02:00 UTC.
        const QDateTime at(acceptedOn, QTime(2, 0), Qt::UTC);
        const QString caseId = core::Uuid::createV7String();
        QJsonObject created {
            {QStringLiteral("caseNumber"),
             cases::CaseNumber::make(QStringLiteral("330102"), acceptedOn, QStringLiteral("A001"), ++m_serial)
                 ->toString()},
            {QStringLiteral("applicant"), QJsonObject {{QStringLiteral("name"), applicant},
                                                       {QStringLiteral("idNumber"),
                                                        QStringLiteral("33010219900307123X")}}},
            {QStringLiteral("form"), QJsonObject {{QStringLiteral("经营场所"),
                                                   QStringLiteral("杭州市上城区解放路 18 号")}}},
            {QStringLiteral("materialsReceived"),
             QJsonArray {QStringLiteral("营业执照"), QStringLiteral("经营场所证明")}},
            {QStringLiteral("items"), items}};
        if (bundle)
            created.insert(QStringLiteral("bundle"), QJsonObject {{QStringLiteral("code"), QStringLiteral("YJS-KB-01")},
                                                                  {QStringLiteral("leadDepartment"), market}});
        cases::Actor clerk;
        clerk.userId = QStringLiteral("clerk01");
        const auto record = [&](cases::EventType type, const QJsonObject &payload, int minutes) {
            return m_intake->record(cases::Event::make(caseId, type, clerk, payload, at.addSecs(60 * minutes)),
                                    cases::Role::Clerk)
                .isValid();
        };
        if (!record(cases::EventType::Created, created, 0) || !record(cases::EventType::Accepted, {}, 1))
            return {};
        const auto plan = m_intake->state(caseId).defaultRouting();
        if (!plan || !record(cases::EventType::Routed, plan->toJson(), 2))
            return {};
        return caseId;
    }

    QSqlDatabase db() const { return m_db; }
    storage::CaseJournal &intake() { return *m_intake; }
    const core::WorkingCalendar &calendar() const { return m_calendar; }
    QDate today() const { return m_today; }
    QString filePath(const QString &name) const { return m_dir->filePath(name); }

private:
    QString m_connection;
    std::unique_ptr<TempDataDir> m_dir;
    QSqlDatabase m_db;
    std::unique_ptr<storage::CaseJournal> m_intake;
    core::WorkingCalendar m_calendar = core::WorkingCalendar::builtIn();
    QDate m_today;
    qint64 m_serial = 0;
};

} // namespace ow::test::backoffice
