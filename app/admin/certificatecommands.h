// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {

// verify-certificate CODE [--public-keys FILE] [--revoked FILE]: checks a
// certificate's signed verification code (the text of its QR code) offline;
// exit 0 only for a genuine certificate.
// render-certificate CASE --data-dir DIR --pdf OUT [--certificate NUMBER|ID]
// [--unsigned-draft]: a case's certificate from its record in a workstation
// store, with the verification code the central server signed;
// render-certificate --template FILE|NAME --fields JSON --pdf OUT
// [--sign-key FILE]: a certificate from a template and its fields; both
// [--stock] [--preview] [--calibration X,Y[,XSCALE,YSCALE]].
// generate-certificate-key --private FILE --public FILE: an authority's SM2
// key pair, for the central server.
void addCertificateCommands(Commands &commands);

} // namespace ow::admin
