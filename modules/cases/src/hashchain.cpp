// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/hashchain.h"

#include "ow/cases/tr.h"

namespace ow::cases {

HashChainVerifier::HashChainVerifier(core::HashAlgorithm algorithm)
    : m_algorithm(algorithm)
{ }

void HashChainVerifier::setAnchor(const QString &deviceId, const QString &prevHash)
{
    m_anchors.insert(deviceId, prevHash);
}

ChainVerification HashChainVerifier::verify(const QList<Event> &events) const
{
    ChainVerification result;
    result.eventCount = events.size();

    // Which event carries which (stored) hash, to tell a link to a missing
    // event from a link to one that is merely elsewhere in the list.
    QHash<QString, qsizetype> indexByHash;
    for (qsizetype i = 0; i < events.size(); ++i)
        indexByHash.insert(events.at(i).hash, i);

    QHash<QString, qsizetype> lastIndex; // device → index of its previous event
    const auto breakAt = [&](qsizetype i, ChainBreak::Kind kind, const QString &message) {
        result.firstBreak = ChainBreak {kind, events.at(i).actor.deviceId, events.at(i).id, i, message};
        return result;
    };

    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &event = events.at(i);
        const QString &device = event.actor.deviceId;
        const auto computed = event.computeHash(m_algorithm);
        if (!computed || *computed != event.hash)
            return breakAt(
                i, ChainBreak::Kind::Changed,
                Tr::tr("Event %1 (#%2, device %3) was changed after it was recorded: its content does "
                       "not match its hash.")
                    .arg(event.id)
                    .arg(i + 1)
                    .arg(device));

        const auto previous = lastIndex.constFind(device);
        QString expected;
        QString previousId;
        if (previous != lastIndex.constEnd()) {
            expected = events.at(*previous).hash;
            previousId = events.at(*previous).id;
        } else if (m_anchors.contains(device)) {
            expected = m_anchors.value(device);
        } else if (!m_requireGenesis) {
            expected = event.prevHash;
        }

        if (event.prevHash != expected) {
            const auto linked = indexByHash.constFind(event.prevHash);
            if (!event.prevHash.isEmpty() && linked != indexByHash.constEnd()
                && events.at(*linked).actor.deviceId == device) {
                return breakAt(i, ChainBreak::Kind::Reordered,
                               Tr::tr("Event %1 (#%2, device %3) is out of order: it follows event %4 (#%5), "
                                      "not the event before it.")
                                   .arg(event.id)
                                   .arg(i + 1)
                                   .arg(device, events.at(*linked).id)
                                   .arg(*linked + 1));
            }
            const QString message = previousId.isEmpty()
                ? Tr::tr("Event %1 (#%2, device %3) is not the device's first event: the events before it "
                         "are missing.")
                      .arg(event.id)
                      .arg(i + 1)
                      .arg(device)
                : Tr::tr("Event %1 (#%2, device %3) does not follow event %4: an event between them is "
                         "missing (or %4 was rewritten).")
                      .arg(event.id)
                      .arg(i + 1)
                      .arg(device, previousId);
            return breakAt(i, ChainBreak::Kind::Dropped, message);
        }
        lastIndex.insert(device, i);
    }
    for (auto it = lastIndex.constBegin(); it != lastIndex.constEnd(); ++it)
        result.heads.insert(it.key(), events.at(it.value()).hash);
    return result;
}

} // namespace ow::cases
