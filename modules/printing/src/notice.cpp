// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/notice.h"

#include "ow/printing/tr.h"

namespace ow::printing {

QString Notice::title(NoticeKind kind)
{
    switch (kind) {
    case NoticeKind::Accepted:
        return Tr::tr("Notice of Acceptance");
    case NoticeKind::MissingMaterials:
        return Tr::tr("One-Time Notice of Missing Materials");
    case NoticeKind::Refused:
        return Tr::tr("Notice of Refusal to Accept");
    case NoticeKind::DeliveryReceipt:
        return Tr::tr("Delivery Receipt");
    case NoticeKind::SupplementRequest:
        return Tr::tr("Notice to Supplement Materials");
    }
    return {};
}

QString Notice::deliveryMethodName(DeliveryMethod method)
{
    switch (method) {
    case DeliveryMethod::InPerson:
        return Tr::tr("In person at the window");
    case DeliveryMethod::Delegate:
        return Tr::tr("Collected by an authorised delegate");
    case DeliveryMethod::Mail:
        return Tr::tr("By mail");
    }
    return {};
}

} // namespace ow::printing
