// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "pagecrypto_p.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include <array>
#include <atomic>
#include <cstring>
#include <mutex>

// Declared in SQLCipher's private sqlcipher.h, exported by libsqlcipher for
// applications that adjust the registered provider.
extern "C" void *sqlcipher_get_provider(void);

namespace ow::storage::Internal {
namespace {

// The head of SQLCipher 4.5/4.6's sqlcipher_provider, up to the members used here.
struct ProviderHead
{
    int (*activate)(void *ctx);
    int (*deactivate)(void *ctx);
    const char *(*getProviderName)(void *ctx);
    int (*addRandom)(void *ctx, void *buffer, int length);
    int (*random)(void *ctx, void *buffer, int length);
    int (*hmac)(void *ctx, int algorithm, unsigned char *hmacKey, int keySize, unsigned char *in, int inSize,
                unsigned char *in2, int in2Size, unsigned char *out);
    int (*kdf)(void *ctx, int algorithm, const unsigned char *pass, int passSize, unsigned char *salt,
               int saltSize, int workFactor, int keySize, unsigned char *key);
    int (*cipher)(void *ctx, int mode, unsigned char *key, int keySize, unsigned char *iv, unsigned char *in,
                  int inSize, unsigned char *out);
    const char *(*getCipher)(void *ctx);
    int (*getKeySize)(void *ctx);
    int (*getIvSize)(void *ctx);
    int (*getBlockSize)(void *ctx);
    int (*getHmacSize)(void *ctx, int algorithm);
    int (*ctxInit)(void **ctx);
    int (*ctxFree)(void **ctx);
};

using HmacFunction = decltype(ProviderHead::hmac);
using CipherFunction = decltype(ProviderHead::cipher);

HmacFunction stockHmac = nullptr;
CipherFunction stockCipher = nullptr;

// SQLCipher's algorithm numbers (SQLCIPHER_HMAC_SHA1/256/512).
const EVP_MD *digestFor(int algorithm)
{
    switch (algorithm) {
    case 0:
        return EVP_sha1();
    case 1:
        return EVP_sha256();
    case 2:
        return EVP_sha512();
    default:
        return nullptr;
    }
}

constexpr int kMaxKeySize = 64;
constexpr int kCacheSlots = 4; // a thread rarely works on more than a couple of stores at once

// HMAC as RFC 2104 with the two padded-key states computed once per key:
// a page then costs one digest copy and the hash of the page.
struct HmacSlot
{
    int algorithm = -1;
    int keySize = 0;
    unsigned char key[kMaxKeySize] {};
    EVP_MD_CTX *inner = nullptr;
    EVP_MD_CTX *outer = nullptr;
};

struct CipherSlot
{
    int mode = -1;
    unsigned char key[32] {};
    EVP_CIPHER_CTX *context = nullptr;
};

// Bumped by forgetPageKeys(): every thread wipes its keyed contexts before
// it next uses them.
std::atomic<quint64> g_keyGeneration {0};

// Keyed contexts of this thread; wiped when the thread ends and after any
// connection closes or changes its key.
class ThreadContexts
{
public:
    ~ThreadContexts();

    // Clears every key and keyed state (the contexts themselves are kept for reuse).
    void wipe()
    {
        for (HmacSlot &slot : m_hmac) {
            EVP_MD_CTX_reset(slot.inner);
            EVP_MD_CTX_reset(slot.outer);
            OPENSSL_cleanse(slot.key, sizeof slot.key);
            slot.algorithm = -1;
            slot.keySize = 0;
        }
        for (CipherSlot &slot : m_cipher) {
            EVP_CIPHER_CTX_reset(slot.context);
            OPENSSL_cleanse(slot.key, sizeof slot.key);
            slot.mode = -1;
        }
        EVP_MD_CTX_reset(m_work);
        m_generation = g_keyGeneration.load(std::memory_order_acquire);
    }

    // Wipes first if a key was forgotten since this thread last looked.
    void checkGeneration()
    {
        if (m_generation != g_keyGeneration.load(std::memory_order_acquire))
            wipe();
    }

    EVP_MD_CTX *work()
    {
        if (!m_work)
            m_work = EVP_MD_CTX_new();
        return m_work;
    }

    HmacSlot *hmacSlot(int algorithm, const unsigned char *key, int keySize)
    {
        checkGeneration();
        for (HmacSlot &slot : m_hmac) {
            if (slot.algorithm == algorithm && slot.keySize == keySize
                && CRYPTO_memcmp(slot.key, key, size_t(keySize)) == 0)
                return &slot;
        }
        HmacSlot &slot = m_hmac[m_nextHmac];
        m_nextHmac = (m_nextHmac + 1) % kCacheSlots;
        return rekey(slot, algorithm, key, keySize) ? &slot : nullptr;
    }

    EVP_CIPHER_CTX *cipher(int mode, const unsigned char *key)
    {
        checkGeneration();
        for (CipherSlot &slot : m_cipher) {
            if (slot.mode == mode && CRYPTO_memcmp(slot.key, key, sizeof slot.key) == 0)
                return slot.context;
        }
        CipherSlot &slot = m_cipher[m_nextCipher];
        m_nextCipher = (m_nextCipher + 1) % kCacheSlots;
        slot.mode = -1;
        if (!slot.context)
            slot.context = EVP_CIPHER_CTX_new();
        if (!slot.context
            || EVP_CipherInit_ex(slot.context, EVP_aes_256_cbc(), nullptr, key, nullptr, mode) != 1
            || EVP_CIPHER_CTX_set_padding(slot.context, 0) != 1)
            return nullptr;
        std::memcpy(slot.key, key, sizeof slot.key);
        slot.mode = mode;
        return slot.context;
    }

private:
    static bool rekey(HmacSlot &slot, int algorithm, const unsigned char *key, int keySize)
    {
        slot.algorithm = -1;
        const EVP_MD *digest = digestFor(algorithm);
        if (!digest || keySize > EVP_MD_get_block_size(digest))
            return false; // longer keys are hashed first: left to the stock function
        if (!slot.inner)
            slot.inner = EVP_MD_CTX_new();
        if (!slot.outer)
            slot.outer = EVP_MD_CTX_new();
        if (!slot.inner || !slot.outer)
            return false;
        std::array<unsigned char, 128> pad {};
        const int blockSize = EVP_MD_get_block_size(digest);
        std::memcpy(pad.data(), key, size_t(keySize));
        for (int i = 0; i < blockSize; ++i)
            pad[size_t(i)] ^= 0x36;
        bool ok = EVP_DigestInit_ex(slot.inner, digest, nullptr) == 1
            && EVP_DigestUpdate(slot.inner, pad.data(), size_t(blockSize)) == 1;
        for (int i = 0; i < blockSize; ++i)
            pad[size_t(i)] ^= 0x36 ^ 0x5c;
        ok = ok && EVP_DigestInit_ex(slot.outer, digest, nullptr) == 1
            && EVP_DigestUpdate(slot.outer, pad.data(), size_t(blockSize)) == 1;
        OPENSSL_cleanse(pad.data(), pad.size());
        if (!ok)
            return false;
        std::memcpy(slot.key, key, size_t(keySize));
        slot.keySize = keySize;
        slot.algorithm = algorithm;
        return true;
    }

    std::array<HmacSlot, kCacheSlots> m_hmac;
    std::array<CipherSlot, kCacheSlots> m_cipher;
    int m_nextHmac = 0;
    int m_nextCipher = 0;
    EVP_MD_CTX *m_work = nullptr;
    quint64 m_generation = 0;
};

// The contexts of this thread once created (null before, and again once the
// thread's contexts are destroyed: a plain pointer stays safe to read).
thread_local ThreadContexts *t_contexts = nullptr;

ThreadContexts::~ThreadContexts()
{
    t_contexts = nullptr;
    wipe();
    for (HmacSlot &slot : m_hmac) {
        EVP_MD_CTX_free(slot.inner);
        EVP_MD_CTX_free(slot.outer);
    }
    for (CipherSlot &slot : m_cipher)
        EVP_CIPHER_CTX_free(slot.context);
    EVP_MD_CTX_free(m_work);
}

ThreadContexts &threadContexts()
{
    thread_local ThreadContexts contexts;
    t_contexts = &contexts;
    return contexts;
}

int keyedHmac(void *ctx, int algorithm, unsigned char *hmacKey, int keySize, unsigned char *in, int inSize,
              unsigned char *in2, int in2Size, unsigned char *out)
{
    ThreadContexts &contexts = threadContexts();
    HmacSlot *slot = in && keySize > 0 && keySize <= kMaxKeySize
        ? contexts.hmacSlot(algorithm, hmacKey, keySize)
        : nullptr;
    EVP_MD_CTX *work = contexts.work();
    if (!slot || !work)
        return stockHmac(ctx, algorithm, hmacKey, keySize, in, inSize, in2, in2Size, out);
    unsigned char innerHash[EVP_MAX_MD_SIZE];
    unsigned int innerSize = 0;
    unsigned int outSize = 0;
    const bool ok = EVP_MD_CTX_copy_ex(work, slot->inner) == 1
        && EVP_DigestUpdate(work, in, size_t(inSize)) == 1
        && (!in2 || EVP_DigestUpdate(work, in2, size_t(in2Size)) == 1)
        && EVP_DigestFinal_ex(work, innerHash, &innerSize) == 1 && EVP_MD_CTX_copy_ex(work, slot->outer) == 1
        && EVP_DigestUpdate(work, innerHash, innerSize) == 1 && EVP_DigestFinal_ex(work, out, &outSize) == 1;
    OPENSSL_cleanse(innerHash, sizeof innerHash);
    return ok ? SQLITE_OK : SQLITE_ERROR;
}

int keyedCipher(void *ctx, int mode, unsigned char *key, int keySize, unsigned char *iv, unsigned char *in,
                int inSize, unsigned char *out)
{
    // SQLCipher 4: AES-256-CBC without padding on whole blocks; mode 1 encrypts, 0 decrypts.
    if (keySize != 32 || (mode != 0 && mode != 1) || inSize <= 0 || inSize % 16 != 0)
        return stockCipher(ctx, mode, key, keySize, iv, in, inSize, out);
    EVP_CIPHER_CTX *context = threadContexts().cipher(mode, key);
    if (!context)
        return stockCipher(ctx, mode, key, keySize, iv, in, inSize, out);
    int written = 0;
    int last = 0;
    const bool ok = EVP_CipherInit_ex(context, nullptr, nullptr, nullptr, iv, mode) == 1
        && EVP_CipherUpdate(context, out, &written, in, inSize) == 1
        && EVP_CipherFinal_ex(context, out + written, &last) == 1 && written + last == inSize;
    return ok ? SQLITE_OK : SQLITE_ERROR;
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

unsigned char *bytes(QByteArray &array)
{
    return reinterpret_cast<unsigned char *>(array.data());
}

// The keyed functions must give exactly the provider's output, for every
// HMAC algorithm a store may use and for both directions of the cipher.
bool sameAsStock(ProviderHead *provider)
{
    void *providerContext = nullptr;
    if (provider->ctxInit(&providerContext) != SQLITE_OK)
        return false;
    // The same keys in both rounds: the second one runs on the contexts the first keyed.
    std::array<QByteArray, 3> hmacKeys {randomBytes(32), randomBytes(32), randomBytes(32)};
    std::array<QByteArray, 2> cipherKeys {randomBytes(32), randomBytes(32)};
    bool same = true;
    for (int round = 0; round < 2 && same; ++round) {
        for (int algorithm = 0; algorithm <= 2 && same; ++algorithm) {
            QByteArray &key = hmacKeys[size_t(algorithm)];
            QByteArray page = randomBytes(4016);
            QByteArray pageNumber = randomBytes(4);
            QByteArray expected(64, '\0');
            QByteArray actual(64, '\0');
            same = stockHmac(providerContext, algorithm, bytes(key), int(key.size()), bytes(page),
                             int(page.size()), bytes(pageNumber), int(pageNumber.size()), bytes(expected))
                    == SQLITE_OK
                && keyedHmac(providerContext, algorithm, bytes(key), int(key.size()), bytes(page),
                             int(page.size()), bytes(pageNumber), int(pageNumber.size()), bytes(actual))
                    == SQLITE_OK
                && expected == actual;
        }
        for (int mode = 0; mode <= 1 && same; ++mode) {
            QByteArray &key = cipherKeys[size_t(mode)];
            QByteArray iv = randomBytes(16);
            QByteArray page = randomBytes(4016);
            QByteArray expected(page.size(), '\0');
            QByteArray actual(page.size(), '\0');
            same = stockCipher(providerContext, mode, bytes(key), int(key.size()), bytes(iv), bytes(page),
                               int(page.size()), bytes(expected))
                    == SQLITE_OK
                && keyedCipher(providerContext, mode, bytes(key), int(key.size()), bytes(iv), bytes(page),
                               int(page.size()), bytes(actual))
                    == SQLITE_OK
                && expected == actual;
        }
    }
    for (QByteArray &key : hmacKeys)
        OPENSSL_cleanse(key.data(), size_t(key.size()));
    for (QByteArray &key : cipherKeys)
        OPENSSL_cleanse(key.data(), size_t(key.size()));
    provider->ctxFree(&providerContext);
    return same;
}

QString queryText(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    QString text;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW)
        text = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return text;
}

QString g_description;

PageCrypto install()
{
    if (qEnvironmentVariableIntValue("OW_SQLCIPHER_STOCK_CRYPTO") == 1) {
        g_description = QStringLiteral("stock (OW_SQLCIPHER_STOCK_CRYPTO=1)");
        return PageCrypto::Stock;
    }
    // SQLCipher creates its provider when the first codec is attached and frees
    // it when the last one closes (the next connection would get a new, stock
    // one). A keyed in-memory connection held for the life of the process keeps
    // the adjusted provider in place. It holds no data.
    static sqlite3 *holder = nullptr;
    if (sqlite3_open_v2(":memory:", &holder, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK) {
        g_description = QStringLiteral("stock (no connection)");
        return PageCrypto::Stock;
    }
    QByteArray holderKey = randomBytes(32);
    sqlite3_key(holder, holderKey.constData(), int(holderKey.size()));
    OPENSSL_cleanse(holderKey.data(), size_t(holderKey.size()));
    sqlite3_exec(holder, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);

    const QString version = queryText(holder, "PRAGMA cipher_version");
    const QString providerName = queryText(holder, "PRAGMA cipher_provider");
    if (!version.startsWith(QLatin1String("4.5.")) && !version.startsWith(QLatin1String("4.6."))) {
        g_description = QStringLiteral("stock (SQLCipher %1)").arg(version);
        return PageCrypto::Stock;
    }
    auto *provider = static_cast<ProviderHead *>(sqlcipher_get_provider());
    if (!provider || providerName != QLatin1String("openssl") || !provider->getProviderName
        || std::strcmp(provider->getProviderName(nullptr), "openssl") != 0) {
        g_description = QStringLiteral("stock (provider %1)").arg(providerName);
        return PageCrypto::Stock;
    }
    stockHmac = provider->hmac;
    stockCipher = provider->cipher;
    if (!sameAsStock(provider)) {
        g_description = QStringLiteral("stock (self-test differed)");
        return PageCrypto::Stock;
    }
    provider->hmac = keyedHmac;
    provider->cipher = keyedCipher;
    g_description = QStringLiteral("keyed contexts (SQLCipher %1, %2)")
                        .arg(version, QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)));
    return PageCrypto::Keyed;
}

} // namespace

PageCrypto installPageCrypto()
{
    static std::once_flag once;
    static PageCrypto result = PageCrypto::Stock;
    std::call_once(once, [] { result = install(); });
    return result;
}

void forgetPageKeys()
{
    g_keyGeneration.fetch_add(1, std::memory_order_acq_rel);
    if (t_contexts)
        t_contexts->wipe();
}

QString pageCryptoDescription()
{
    installPageCrypto();
    return g_description;
}

} // namespace ow::storage::Internal
