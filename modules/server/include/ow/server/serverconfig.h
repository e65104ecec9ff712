// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/server_export.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::server {

// How onewindow-central is started: the command line of DESIGN.md.
struct OW_SERVER_EXPORT ServerConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8470;
    QString dataDir;
    // Empty: the embedded SQLCipher store in dataDir. Else postgresql://user:pass@host:port/db.
    QString databaseUrl;
    QString tlsCertificateFile;
    QString tlsKeyFile;
    QString language;
    // How long a session token from POST /session is valid.
    int tokenLifetimeSeconds = 12 * 60 * 60;
    // 免申即享: certificates expiring within this many days are renewed by the
    // server without application (checked at start and every six hours); 0: off.
    int renewalWindowDays = 30;
    // The issuing authority's SM2 private key (PEM, made by onewindow-admin
    // generate-certificate-key) and its code in the catalogue's authorityKeys.
    // Both or neither; without them certificates stay unsigned.
    QString certificateKeyFile;
    QString certificateAuthority;

    bool usesTls() const { return !tlsCertificateFile.isEmpty(); }
    bool usesEmbeddedStore() const { return databaseUrl.isEmpty(); }
    bool signsCertificates() const { return !certificateKeyFile.isEmpty(); }

    // Parses the arguments after the program name; on failure returns nullopt
    // and one translated line in `error`. `--help` sets `helpRequested`.
    // `--config FILE` reads "key = value" lines with the options' names
    // (listen, port, data-dir, …); options on the command line override it.
    static std::optional<ServerConfig> fromArguments(const QStringList &arguments, QString *error,
                                                     bool *helpRequested = nullptr);
    static QString usage();
};

} // namespace ow::server
