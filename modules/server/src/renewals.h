// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "serverschema.h"

#include <QDate>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::server::Internal {

// The renewals component: violations recorded against holders, and which
// certificate each renewal case renews.
QList<ServerMigration> renewalMigrations();

struct RenewalRun
{
    QStringList caseIds; // the renewal cases created, in certificate order
    int heldBack = 0; // expiring, but the holder has a recorded violation
    int alreadyRenewed = 0;
};

// 免申即享 renewals: for every certificate expiring within the window whose
// holder has no recorded violation, the server opens a renewal case itself
// (created, accepted and routed to the item's department, as a window would),
// so it reaches the department's inbox and flows like any other. The events
// are pushed through the event log as the renewal service's own device, so
// they are checked, sequenced and signed like every other; a certificate is
// renewed once.
class Renewals
{
public:
    static constexpr auto kServiceUser = "renewal-service";

    Renewals(QSqlDatabase db, SqlDialect dialect);

    std::optional<RenewalRun> run(const QDate &today, int windowDays, QString *error);
    bool recordViolation(const QString &holderIdNumber, const QString &reason, QString *error);

private:
    std::optional<QString> deviceId(QString *error);
    std::optional<QString> renew(const QString &certificateId, const QString &caseId, const QJsonObject &certificate,
                                 const QDate &today, QString *error);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
};

} // namespace ow::server::Internal
