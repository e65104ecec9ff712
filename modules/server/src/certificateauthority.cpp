// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "certificateauthority.h"

#include "ow/server/tr.h"

#include <ow/cases/timelimitclock.h>

#include <QFile>
#include <QLoggingCategory>

namespace ow::server::Internal {

namespace {
Q_LOGGING_CATEGORY(lcAuthority, "ow.server.authority")
} // namespace

bool CertificateAuthority::load(const ServerConfig &config, QString *error)
{
    m_key = {};
    m_id.clear();
    if (!config.signsCertificates())
        return true;
    QFile file(config.certificateKeyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("Cannot read the certificate signing key %1: %2")
                     .arg(config.certificateKeyFile, file.errorString());
        return false;
    }
    QByteArray pem = file.readAll();
    QString problem;
    printing::AuthorityKey key = printing::AuthorityKey::fromPrivatePem(pem, &problem);
    pem.fill('\0');
    if (key.isNull()) {
        *error = Tr::tr("The certificate signing key %1 cannot be used: %2")
                     .arg(config.certificateKeyFile, problem);
        return false;
    }
    m_key = key;
    m_id = config.certificateAuthority;
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther))
        qCWarning(lcAuthority).noquote() << "the certificate signing key" << config.certificateKeyFile
                                         << "can be read by other users; restrict it (chmod 600)";
    return true;
}

QJsonObject CertificateAuthority::publicKeyEntry() const
{
    return {{QStringLiteral("id"), m_id},
            {QStringLiteral("algorithm"), QStringLiteral("SM2")},
            {QStringLiteral("publicKey"), QString::fromLatin1(m_key.publicPem())}};
}

QString CertificateAuthority::sign(const QJsonObject &certificatePayload, QString *error) const
{
    if (!isEnabled()) {
        *error = Tr::tr("This server has no certificate signing key.");
        return {};
    }
    const auto fields = printing::CertificateKeyFields::fromRecord(certificatePayload, m_id, error);
    if (!fields)
        return {};
    return printing::CertificateCode::sign(*fields, m_key, error);
}

QString CertificateAuthority::signEvent(const cases::Event &event) const
{
    if (!isEnabled())
        return {};
    QJsonObject record = event.payload;
    if (!record.contains(QStringLiteral("issuedAt")))
        record.insert(QStringLiteral("issuedAt"),
                      cases::TimeLimitClock::localDate(event.at).toString(Qt::ISODate));
    QString problem;
    const QString code = sign(record, &problem);
    if (code.isEmpty())
        qCWarning(lcAuthority).noquote()
            << "certificate" << record.value(QStringLiteral("certificateId")).toString()
            << "left unsigned:" << problem;
    return code;
}

} // namespace ow::server::Internal
