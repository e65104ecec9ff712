// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

class QHttpServer;

namespace ow::server::Internal {

class Authorizer;
class CertificateAuthority;
class ServerDatabase;

// The certificates' part of the API (docs/sync-api.md):
// GET /api/v1/verify/{certificateId}[?code=OW1:…], public, for anyone holding
// a printed certificate (the QR code leads here): genuine, revoked, forged or
// unknown, and why; POST /api/v1/certificates/{id}/revoke (supervisor, admin);
// GET /api/v1/certificates/{id}/code (the caller's scope): the verification
// code, signed on request when the certificate came while there was no key.
void addVerifyRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer,
                     const CertificateAuthority &authority);

} // namespace ow::server::Internal
