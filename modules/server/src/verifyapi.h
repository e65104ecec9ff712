// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

class QHttpServer;

namespace ow::server::Internal {

class ServerDatabase;

// GET /api/v1/verify/{certificateId}: public, for anyone holding a printed
// certificate (the QR code leads here). "genuine" with the holder and number
// when a certificate-produced event recorded the id, "unknown" otherwise.
void addVerifyRoutes(QHttpServer &http, ServerDatabase &database);

} // namespace ow::server::Internal
