// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"
#include "ow/cases/event.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace ow::cases {

// The first place where a device's hash chain does not hold.
struct OW_CASES_EXPORT ChainBreak
{
    enum class Kind {
        Changed, // the event's content no longer matches its hash
        Dropped, // it links to an event that is not in the log
        Reordered, // it links to an event that is in the log, but not just before it
    };
    Kind kind = Kind::Changed;
    QString deviceId;
    QString eventId;
    qsizetype index = -1; // position in the list given to the verifier
    QString message; // translated, names the events involved
};

struct OW_CASES_EXPORT ChainVerification
{
    std::optional<ChainBreak> firstBreak;
    // The hash of each device's last event: where its chain continues.
    QHash<QString, QString> heads;
    qsizetype eventCount = 0;
    bool isValid() const { return !firstBreak.has_value(); }
};

// Checks the per-device chains of an event log (DESIGN.md): every event's
// hash matches its content, and every event's prevHash is the hash of the
// event recorded just before it on the same device (or "" for a device's
// first). The list is in recording order per device; the devices' events
// may be interleaved in any way, as a server's order interleaves them.
class OW_CASES_EXPORT HashChainVerifier
{
public:
    explicit HashChainVerifier(core::HashAlgorithm algorithm = core::HashAlgorithm::Sha256);

    // Where a device's chain is known to continue from when the list does
    // not start at its first event (e.g. after an archived part of the log).
    void setAnchor(const QString &deviceId, const QString &prevHash);
    // When true (the default) a device without an anchor must start at "";
    // when false its first event's prevHash is taken as given.
    void setRequireGenesis(bool require) { m_requireGenesis = require; }

    ChainVerification verify(const QList<Event> &events) const;

private:
    core::HashAlgorithm m_algorithm;
    QHash<QString, QString> m_anchors;
    bool m_requireGenesis = true;
};

} // namespace ow::cases
