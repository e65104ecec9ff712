// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

class QHttpServer;

namespace ow::server::Internal {

class Authorizer;
class ServerDatabase;

// POST /api/v1/renewals/run (admin): opens the renewal cases due now.
// POST /api/v1/violations (admin, supervisor): records a violation against a holder.
void addRenewalRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer);

} // namespace ow::server::Internal
