// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/serverconfig.h"

#include <ow/cases/event.h>
#include <ow/printing/certificatecode.h>

#include <QJsonObject>
#include <QString>

namespace ow::server::Internal {

// The issuing authority whose SM2 key signs certificates' verification codes
// (--certificate-key, --certificate-authority). Only this server holds the
// private key; it is read once at start and never written or logged.
class CertificateAuthority
{
public:
    // Loads the key the configuration names; a configuration without one
    // gives an authority that signs nothing. False with a translated `error`.
    bool load(const ServerConfig &config, QString *error);

    bool isEnabled() const { return !m_key.isNull(); }
    QString id() const { return m_id; }
    QByteArray publicPem() const { return m_key.publicPem(); }
    // {"id", "algorithm": "SM2", "publicKey"}: the entry of a catalogue's authorityKeys.
    QJsonObject publicKeyEntry() const;
    // The verification code of the certificate a certificate-produced payload
    // records; empty with a translated `error` when it cannot be signed.
    QString sign(const QJsonObject &certificatePayload, QString *error) const;
    // The code of the certificate an accepted certificate-produced event
    // records (one without `issuedAt` was issued on the local date of its
    // `at`); empty, with the reason logged, when it cannot be signed.
    QString signEvent(const cases::Event &event) const;

private:
    printing::AuthorityKey m_key;
    QString m_id;
};

} // namespace ow::server::Internal
