// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QString>

namespace ow::storage::Internal {

// SQLCipher's OpenSSL provider builds a new HMAC and a new AES context for
// every page it reads or writes; under OpenSSL 3 that setup (fetching the
// algorithm, allocating and keying the contexts) costs about as much as
// authenticating and decrypting the 4 KiB page itself. The page crypto
// installed here keeps keyed contexts per thread and only copies or re-IVs
// them per page. Same algorithms, same bytes on disk: before it replaces the
// provider's two functions it checks its output against theirs, and leaves
// the provider alone if anything differs or the SQLCipher version is not one
// whose provider layout it knows.
//
// Called before the first connection opens; later calls return the first
// result. OW_SQLCIPHER_STOCK_CRYPTO=1 in the environment keeps the stock
// functions (to measure the difference).
enum class PageCrypto { Keyed, Stock };
PageCrypto installPageCrypto();

// Wipes the keys the keyed contexts hold: at once on this thread, before
// their next use on the others. Called when a connection closes or changes
// its key, so that key material lives no longer than SQLCipher's own.
void forgetPageKeys();

// "keyed contexts" or "stock (…why…)", for benchmark output and diagnostics.
QString pageCryptoDescription();

} // namespace ow::storage::Internal
