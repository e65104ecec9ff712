// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <QDate>
#include <QObject>
#include <QString>

namespace ow::ui {

// What a resident ID card's chip holds, as far as intake needs it.
struct IdCardData
{
    QString idNumber;
    QString name;
    QString address;
    QDate validUntil; // invalid: long-term (长期)
};

// A resident ID card reader (二代证读卡器). Vendors ship their own SDKs; a
// driver for one implements this interface and the intake page stays as it
// is. read() is asynchronous: a reader answers with exactly one of
// cardRead() or readFailed() (translated reason: no card, no device, ...).
class OW_UI_EXPORT IdCardReader : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString name() const = 0;
    virtual bool isAvailable() const = 0;
    virtual void read() = 0;

signals:
    void cardRead(const ow::ui::IdCardData &card);
    void readFailed(const QString &reason);
};

} // namespace ow::ui
