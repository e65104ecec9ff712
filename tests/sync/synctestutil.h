// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <ow/sync/apiclient.h>

#include <QEventLoop>
#include <QObject>
#include <QString>

#include <memory>

// What the sync tests against a real central server share: the offices and
// password of their users, and waiting for an API reply.
namespace ow::test::sync {

inline const QString kVillage = QStringLiteral("330102101");
inline const QString kCounty = QStringLiteral("330102000");
inline const QString kPassword = QStringLiteral("Shiyan-2026!");

// Runs an event loop until `reply` has finished, then owns it.
inline std::unique_ptr<ow::sync::ApiReply> wait(ow::sync::ApiReply *reply)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &ow::sync::ApiReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return std::unique_ptr<ow::sync::ApiReply>(reply);
}

} // namespace ow::test::sync
