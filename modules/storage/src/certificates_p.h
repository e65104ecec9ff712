// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QString>

namespace ow::storage::Internal {

class StatementCache;

// Rebuilds a case's rows of the certificates projection and its serials of
// pre-printed paper used or voided (stock_serials, source 'event') from the
// case's events the server did not refuse: certificate-produced events make
// the certificates, printed events count their prints. The verification
// codes sync stored are kept. Called wherever the case's projection is
// written, inside the same transaction, after the case's events are stored.
bool writeCertificates(StatementCache &statements, const QString &caseId, QString *error);

// Whether an event of this type changes what writeCertificates() writes.
bool affectsCertificates(const QString &eventType);

} // namespace ow::storage::Internal
