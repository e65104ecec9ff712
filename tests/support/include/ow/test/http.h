// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QUrl>

namespace ow::test {

struct HttpResult
{
    int status = 0; // 0: no HTTP answer at all
    QByteArray body;
    QJsonObject json;
    QString error;
};

// A blocking HTTP request for tests (runs a local event loop).
HttpResult httpRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                       const QByteArray &contentType = "application/json", int timeoutMs = 10000);

} // namespace ow::test
