// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "storecommands.h"

#include <ow/storage/atomicfile.h>
#include <ow/storage/recoverykey.h>
#include <ow/storage/secretkey.h>
#include <ow/storage/store.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ow::admin {

namespace {

using storage::Store;
using storage::StoreStatus;

// Shared option parsing: every store command takes named options only, and
// a wrong one is a usage error naming the command's usage line.
class StoreCommand : public Command
{
public:
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) final
    {
        QCommandLineParser parser;
        parser.addOption(QCommandLineOption(QStringList {QStringLiteral("h"), QStringLiteral("help")}));
        addOptions(parser);
        if (!parser.parse(QStringList {name()} + arguments) || !parser.positionalArguments().isEmpty()) {
            err << usageLine() << '\n';
            return Usage;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            out << usageLine() << '\n' << summary() << '\n';
            return Success;
        }
        return execute(parser, out, err);
    }

protected:
    virtual void addOptions(QCommandLineParser &parser) = 0;
    virtual int execute(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) = 0;

    QString usageLine() const { return Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage()); }

    static void addValueOption(QCommandLineParser &parser, const QString &name, const QString &value)
    {
        parser.addOption(QCommandLineOption(name, QString(), value));
    }

    // The value of a required option, or a usage error printed.
    bool required(const QCommandLineParser &parser, const QString &option, QString *value,
                  QTextStream &err) const
    {
        *value = parser.value(option);
        if (value->isEmpty())
            err << Tr::tr("%1 (--%2 is required)").arg(usageLine(), option) << '\n';
        return !value->isEmpty();
    }

    static bool readFile(const QString &path, QByteArray *data, QString *error)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            return false;
        }
        *data = file.readAll();
        return true;
    }

    static void printNotices(const QStringList &notices, QTextStream &out)
    {
        for (const QString &notice : notices)
            out << Tr::tr("Note: %1").arg(notice) << '\n';
    }

    // Where the store's key is escrowed, after it was made or changed.
    static void printEscrow(const storage::StoreManifest &manifest, QTextStream &out)
    {
        if (manifest.escrowEnabled)
            out << Tr::tr("Escrow: %1, wrapped (%2) for recovery key %3.")
                       .arg(manifest.escrowFile, manifest.escrowAlgorithm, manifest.recoveryKeyFingerprint)
                << '\n';
    }
};

class InitCommand final : public StoreCommand
{
public:
    QString name() const override { return QStringLiteral("init"); }
    QString summary() const override
    {
        return Tr::tr(
            "Create a new encrypted store; its key goes to the keychain and, wrapped for the centre's "
            "recovery key, to an escrow file beside it");
    }
    QString usage() const override
    {
        return QStringLiteral("--data-dir DIR [--recovery-public-key FILE | --no-escrow]");
    }

protected:
    void addOptions(QCommandLineParser &parser) override
    {
        addValueOption(parser, QStringLiteral("data-dir"), QStringLiteral("DIR"));
        addValueOption(parser, QStringLiteral("recovery-public-key"), QStringLiteral("FILE"));
        parser.addOption(QCommandLineOption(QStringLiteral("no-escrow")));
    }

    int execute(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override
    {
        QString dir;
        if (!required(parser, QStringLiteral("data-dir"), &dir, err))
            return Usage;
        const bool noEscrow = parser.isSet(QStringLiteral("no-escrow"));
        QString keyFile = parser.value(QStringLiteral("recovery-public-key"));
        if (noEscrow && !keyFile.isEmpty()) {
            err << Tr::tr("%1 (give either --recovery-public-key or --no-escrow, not both)").arg(usageLine())
                << '\n';
            return Usage;
        }
        // The centre's deployment may place its recovery key in a fixed place.
        if (!noEscrow && keyFile.isEmpty() && QFileInfo::exists(Store::defaultRecoveryPublicKeyPath()))
            keyFile = Store::defaultRecoveryPublicKeyPath();

        storage::StoreCreateOptions options;
        options.withoutEscrow = noEscrow;
        if (!keyFile.isEmpty()) {
            QString error;
            if (!readFile(keyFile, &options.recoveryPublicKeyPem, &error)) {
                err << error << '\n';
                return Invalid;
            }
        }
        StoreStatus status;
        const std::unique_ptr<Store> store = Store::create(dir, options, &status);
        if (!store) {
            err << status.message << '\n';
            return status.error == storage::StoreError::InvalidRecoveryKey ? Invalid : Failure;
        }
        const storage::StoreManifest &manifest = store->manifest();
        out << Tr::tr("Created store %1 in %2.")
                   .arg(manifest.storeId, QDir::toNativeSeparators(store->directory()))
            << '\n'
            << Tr::tr("Key: keychain service \"%1\", backend %2.")
                   .arg(manifest.keychainService, manifest.keychainBackend.toString())
            << '\n';
        printEscrow(manifest, out);
        printNotices(store->notices(), out);
        return Success;
    }
};

class RekeyCommand final : public StoreCommand
{
public:
    QString name() const override { return QStringLiteral("rekey"); }
    QString summary() const override
    {
        return Tr::tr("Replace the key of a store with a new random one (crash-safe) and update its escrow");
    }
    QString usage() const override { return QStringLiteral("--data-dir DIR [--recovery-public-key FILE]"); }

protected:
    void addOptions(QCommandLineParser &parser) override
    {
        addValueOption(parser, QStringLiteral("data-dir"), QStringLiteral("DIR"));
        addValueOption(parser, QStringLiteral("recovery-public-key"), QStringLiteral("FILE"));
    }

    int execute(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override
    {
        QString dir;
        if (!required(parser, QStringLiteral("data-dir"), &dir, err))
            return Usage;
        storage::StoreRekeyOptions options;
        if (parser.isSet(QStringLiteral("recovery-public-key"))) {
            QString error;
            if (!readFile(parser.value(QStringLiteral("recovery-public-key")), &options.recoveryPublicKeyPem,
                          &error)) {
                err << error << '\n';
                return Invalid;
            }
        }
        StoreStatus status;
        const std::unique_ptr<Store> store = Store::open(dir, &status);
        if (!store) {
            err << status.message << '\n';
            return Failure;
        }
        status = store->rekey(options);
        if (!status.ok()) {
            err << status.message << '\n';
            return status.error == storage::StoreError::InvalidRecoveryKey ? Invalid : Failure;
        }
        const storage::StoreManifest &manifest = store->manifest();
        out << Tr::tr("The store in %1 has a new key.").arg(QDir::toNativeSeparators(store->directory()))
            << '\n';
        printEscrow(manifest, out);
        printNotices(store->notices(), out);
        return Success;
    }
};

class RecoverCommand final : public StoreCommand
{
public:
    QString name() const override { return QStringLiteral("recover"); }
    QString summary() const override
    {
        return Tr::tr("Restore the key of a store whose keychain was lost, from its escrow and the centre's "
                      "recovery private key");
    }
    QString usage() const override
    {
        return QStringLiteral("--data-dir DIR --recovery-key FILE [--passphrase-file FILE]");
    }

protected:
    void addOptions(QCommandLineParser &parser) override
    {
        addValueOption(parser, QStringLiteral("data-dir"), QStringLiteral("DIR"));
        addValueOption(parser, QStringLiteral("recovery-key"), QStringLiteral("FILE"));
        addValueOption(parser, QStringLiteral("passphrase-file"), QStringLiteral("FILE"));
    }

    int execute(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override
    {
        QString dir;
        QString keyFile;
        if (!required(parser, QStringLiteral("data-dir"), &dir, err)
            || !required(parser, QStringLiteral("recovery-key"), &keyFile, err))
            return Usage;
        QByteArray pem;
        QByteArray passphrase;
        QString error;
        if (!readFile(keyFile, &pem, &error)
            || (parser.isSet(QStringLiteral("passphrase-file"))
                && !readFile(parser.value(QStringLiteral("passphrase-file")), &passphrase, &error))) {
            err << error << '\n';
            return Invalid;
        }
        if (passphrase.endsWith('\n'))
            passphrase.chop(1);
        const storage::RecoveryPrivateKey recoveryKey
            = storage::RecoveryPrivateKey::fromPem(pem, passphrase, &error);
        storage::wipe(pem);
        storage::wipe(passphrase);
        if (recoveryKey.isNull()) {
            err << Tr::tr("Cannot use the recovery key %1: %2").arg(QDir::toNativeSeparators(keyFile), error)
                << '\n';
            return Invalid;
        }
        const StoreStatus status = Store::recover(dir, recoveryKey);
        if (!status.ok()) {
            err << status.message << '\n';
            return Failure;
        }
        out << Tr::tr("The key of the store in %1 is back in the keychain; the store opens again.")
                   .arg(QDir::toNativeSeparators(QDir(dir).absolutePath()))
            << '\n';
        return Success;
    }
};

class GenerateRecoveryKeyCommand final : public StoreCommand
{
public:
    QString name() const override { return QStringLiteral("generate-recovery-key"); }
    QString summary() const override
    {
        return Tr::tr(
            "Make a centre recovery key pair: FILE (private, keep it offline) and FILE.pub (give it "
            "to init)");
    }
    QString usage() const override { return QStringLiteral("--out FILE [--algorithm rsa|sm2]"); }

protected:
    void addOptions(QCommandLineParser &parser) override
    {
        addValueOption(parser, QStringLiteral("out"), QStringLiteral("FILE"));
        addValueOption(parser, QStringLiteral("algorithm"), QStringLiteral("rsa|sm2"));
    }

    int execute(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override
    {
        QString privatePath;
        if (!required(parser, QStringLiteral("out"), &privatePath, err))
            return Usage;
        const QString algorithm = parser.value(QStringLiteral("algorithm")).toLower();
        if (!algorithm.isEmpty() && algorithm != QLatin1String("rsa") && algorithm != QLatin1String("sm2")) {
            err << usageLine() << '\n';
            return Usage;
        }
        const QString publicPath = privatePath + QStringLiteral(".pub");
        for (const QString &path : {privatePath, publicPath}) {
            if (QFileInfo::exists(path)) {
                err << Tr::tr("%1 already exists; not overwriting a key.").arg(QDir::toNativeSeparators(path))
                    << '\n';
                return Failure;
            }
        }
        storage::RecoveryKeyPair pair;
        QString error;
        const auto type = algorithm == QLatin1String("sm2") ? storage::RecoveryKeyType::Sm2
                                                            : storage::RecoveryKeyType::Rsa3072;
        if (!storage::generateRecoveryKeyPair(type, &pair, &error)) {
            err << error << '\n';
            return Failure;
        }
        const bool written = storage::writeFileAtomically(privatePath, pair.privateKeyPem, &error,
                                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            && storage::writeFileAtomically(publicPath, pair.publicKeyPem, &error);
        storage::wipe(pair.privateKeyPem);
        if (!written) {
            err << Tr::tr("Cannot write the recovery key: %1").arg(error) << '\n';
            return Failure;
        }
        const storage::RecoveryPublicKey publicKey
            = storage::RecoveryPublicKey::fromPem(pair.publicKeyPem, &error);
        out << Tr::tr("Private key: %1 (keep it offline, readable only by you)")
                   .arg(QDir::toNativeSeparators(privatePath))
            << '\n'
            << Tr::tr("Public key: %1").arg(QDir::toNativeSeparators(publicPath)) << '\n'
            << Tr::tr("Fingerprint: %1 (%2)").arg(publicKey.fingerprint(), publicKey.algorithm()) << '\n';
        return Success;
    }
};

} // namespace

void addStoreCommands(Commands &commands)
{
    commands.push_back(std::make_unique<InitCommand>());
    commands.push_back(std::make_unique<RekeyCommand>());
    commands.push_back(std::make_unique<RecoverCommand>());
    commands.push_back(std::make_unique<GenerateRecoveryKeyCommand>());
}

} // namespace ow::admin
