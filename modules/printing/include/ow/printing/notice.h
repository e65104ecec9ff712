// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/printing_export.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace ow::printing {

// What a window hands the applicant when it decides on an application.
enum class NoticeKind {
    Accepted, // 受理通知书
    MissingMaterials, // 一次性告知书
    Refused, // 不予受理通知书
    DeliveryReceipt, // 送达回证: the applicant signs for the result handed out
    SupplementRequest, // 补正通知书: what the reviewing department needs, and why
};

// How a result reaches the applicant (送达方式).
enum class DeliveryMethod {
    InPerson, // 直接送达: the applicant collects it at the window
    Delegate, // 委托代领: a person the applicant authorised collects it
    Mail, // 邮寄送达: sent by a postal carrier
};

// The facts a notice states; the renderer lays them out. Plain values so the
// same notice can be rendered again later from a case's events.
struct OW_PRINTING_EXPORT Notice
{
    NoticeKind kind = NoticeKind::Accepted;
    QString issuer; // the centre or office, e.g. 某某县政务服务中心
    QString caseNumber; // on the acceptance notice also as a QR code
    QString applicantName;
    QString applicantIdNumber; // ID number or unified social credit code
    QStringList items; // names of the service items (or the bundle and its items)
    QDate issuedOn;
    // Accepted: the working days promised and the day the result is due.
    int promisedDays = 0;
    QDate promisedDate;
    // Accepted: materials received; MissingMaterials and SupplementRequest: every material still to bring.
    QStringList materials;
    QString reason; // Refused: why the application cannot be accepted; SupplementRequest: why they are needed
    QStringList basis; // citations; required for MissingMaterials and Refused
    QString clerk; // who issued it
    bool onBehalf = false; // 代办: handled by an agent for the applicant

    // DeliveryReceipt: what was handed out, how, and to whom. The recipient
    // and the deliverer sign the printed receipt.
    QStringList documents; // e.g. 食品经营许可证, 不予行政许可决定书
    DeliveryMethod deliveryMethod = DeliveryMethod::InPerson;
    QString delegateName;
    QString delegateIdNumber;
    QString mailAddress;
    QString mailCarrier; // e.g. 中国邮政EMS
    QString trackingNumber;

    // Translated title, e.g. 受理通知书.
    static QString title(NoticeKind kind);
    QString title() const { return title(kind); }
    // Translated, e.g. 直接送达.
    static QString deliveryMethodName(DeliveryMethod method);
};

} // namespace ow::printing
