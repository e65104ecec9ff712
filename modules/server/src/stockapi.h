// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

class QHttpServer;

namespace ow::server::Internal {

class Authorizer;
class ServerDatabase;

// Pre-printed certificate stock (docs/sync-api.md, Stock): POST /stock/ranges
// (admin) issues a range of serials to an office, GET /stock/ranges gives the
// caller's office its ranges with the used and voided serials, POST
// /stock/void voids a blank sheet.
void addStockRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer);

} // namespace ow::server::Internal
