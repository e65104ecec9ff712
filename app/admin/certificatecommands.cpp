// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "certificatecommands.h"

#include <ow/catalog/catalogloader.h>
#include <ow/printing/certificatecode.h>
#include <ow/printing/certificaterecord.h>
#include <ow/printing/certificatetemplate.h>
#include <ow/printing/templaterenderer.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/certificaterepository.h>
#include <ow/storage/store.h>
#include <ow/storage/syncstaterepository.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace ow::admin {

namespace {

using printing::AuthorityKey;
using printing::AuthorityPublicKeys;
using printing::CertificateCode;
using printing::CertificateKeyFields;

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

std::optional<QByteArray> readFile(const QString &fileName, QTextStream &err)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        err << Tr::tr("Cannot read %1: %2").arg(nativePath(fileName), file.errorString()) << '\n';
        return std::nullopt;
    }
    return file.readAll();
}

// Authority public keys from a file: a catalogue (or any JSON object) with
// "authorityKeys": [{"id", "publicKey"}], or one PEM public key whose
// authority is the file's base name (demo-centre-2026.pem).
std::optional<AuthorityPublicKeys> readPublicKeys(const QString &fileName, QTextStream &err)
{
    const auto content = readFile(fileName, err);
    if (!content)
        return std::nullopt;
    AuthorityPublicKeys keys;
    if (content->trimmed().startsWith("-----BEGIN")) {
        keys.insert(QFileInfo(fileName).completeBaseName(), *content);
        return keys;
    }
    const QJsonObject root = QJsonDocument::fromJson(*content).object();
    for (const QJsonValue &value : root.value(QStringLiteral("authorityKeys")).toArray()) {
        const QJsonObject key = value.toObject();
        keys.insert(key.value(QStringLiteral("id")).toString(),
                    key.value(QStringLiteral("publicKey")).toString().toLatin1());
    }
    if (keys.isEmpty()) {
        err << Tr::tr(
                   "%1 holds no authority public keys: give a PEM public key named after its authority "
                   "(e.g. demo-centre-2026.pem) or a JSON file with \"authorityKeys\" (e.g. the catalogue).")
                   .arg(nativePath(fileName))
            << '\n';
        return std::nullopt;
    }
    return keys;
}

QString date(const QDate &day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QString();
}

void printDetails(const CertificateKeyFields &fields, QTextStream &out)
{
    const QString validity = fields.validUntil.isValid()
        ? Tr::tr("%1 to %2").arg(date(fields.validFrom), date(fields.validUntil))
        : Tr::tr("from %1, no end date").arg(date(fields.validFrom));
    out << "  " << Tr::tr("Certificate number: %1").arg(fields.certificateNumber) << '\n'
        << "  " << Tr::tr("Holder: %1").arg(fields.holderName) << '\n'
        << "  " << Tr::tr("Holder ID: %1").arg(fields.holderId) << '\n'
        << "  " << Tr::tr("Valid: %1").arg(validity) << '\n'
        << "  " << Tr::tr("Issued by: %1 on %2").arg(fields.authority, date(fields.issuedOn)) << '\n'
        << "  " << Tr::tr("Certificate id: %1").arg(fields.certificateId) << '\n';
}

class VerifyCertificateCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("verify-certificate"); }
    QString summary() const override
    {
        return Tr::tr(
            "Check a certificate's verification code (the text of its QR code, or - to read it from "
            "standard input): genuine, revoked, forged or malformed, and why; the public keys of the "
            "embedded demo catalogue unless --public-keys is given (a PEM file named after its "
            "authority, or a JSON file with \"authorityKeys\"); --revoked names a file of revoked "
            "certificate ids, one per line");
    }
    QString usage() const override { return QStringLiteral("CODE [--public-keys FILE] [--revoked FILE]"); }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        QCommandLineParser parser;
        parser.addOption(
            QCommandLineOption(QStringLiteral("public-keys"), QString(), QStringLiteral("FILE")));
        parser.addOption(QCommandLineOption(QStringLiteral("revoked"), QString(), QStringLiteral("FILE")));
        if (const auto done = parseCommandLine(*this, parser, arguments, out, err))
            return *done;
        if (parser.positionalArguments().size() != 1) {
            err << usageLine(*this) << '\n';
            return Usage;
        }
        QString code = parser.positionalArguments().first();
        if (code == QLatin1String("-")) {
            QFile input;
            if (!input.open(stdin, QIODevice::ReadOnly)) {
                err << Tr::tr("Cannot read standard input.") << '\n';
                return Failure;
            }
            code = QString::fromUtf8(input.readAll()).trimmed();
        }

        AuthorityPublicKeys keys;
        if (parser.isSet(QStringLiteral("public-keys"))) {
            const auto read = readPublicKeys(parser.value(QStringLiteral("public-keys")), err);
            if (!read)
                return Failure;
            keys = *read;
        } else {
            const catalog::LoadResult demo = catalog::CatalogLoader::loadDemo();
            if (demo.isValid()) {
                for (const catalog::AuthorityKey &key : demo.catalog->authorityKeys())
                    keys.insert(key.id, key.publicKeyPem);
            }
        }
        QSet<QString> revoked;
        if (parser.isSet(QStringLiteral("revoked"))) {
            const auto list = readFile(parser.value(QStringLiteral("revoked")), err);
            if (!list)
                return Failure;
            for (const QString &line : QString::fromUtf8(*list).split(QLatin1Char('\n')))
                if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(QLatin1Char('#')))
                    revoked.insert(line.trimmed());
        }

        const CertificateCode::Verification result = CertificateCode::verify(code, keys);
        if (result.isGenuine() && revoked.contains(result.fields->certificateId)) {
            out << Tr::tr("revoked: the signature is genuine, but certificate %1 has been revoked and is no "
                          "longer valid.")
                       .arg(result.fields->certificateId)
                << '\n';
            printDetails(*result.fields, out);
            return Invalid;
        }
        if (result.isGenuine()) {
            out << Tr::tr("genuine: signed by %1; compare these details with the paper:")
                       .arg(result.fields->authority)
                << '\n';
            printDetails(*result.fields, out);
            return Success;
        }
        out << CertificateCode::statusName(result.status) << ": " << result.reason << '\n';
        if (result.fields) {
            out << Tr::tr("The code claims:") << '\n';
            printDetails(*result.fields, out);
        }
        return Invalid;
    }
};

// "X,Y" or "X,Y,XSCALE,YSCALE" (millimetres, factors).
std::optional<printing::Calibration> parseCalibration(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 2 && parts.size() != 4)
        return std::nullopt;
    QList<double> values;
    for (const QString &part : parts) {
        bool ok = false;
        values.append(part.trimmed().toDouble(&ok));
        if (!ok)
            return std::nullopt;
    }
    printing::Calibration calibration;
    calibration.xOffsetMm = values.at(0);
    calibration.yOffsetMm = values.at(1);
    if (values.size() == 4) {
        calibration.xScale = values.at(2);
        calibration.yScale = values.at(3);
    }
    // A printer off by more than a centimetre or 10 % needs repair, not calibration.
    if (qAbs(calibration.xOffsetMm) > 10 || qAbs(calibration.yOffsetMm) > 10
        || qAbs(calibration.xScale - 1) > 0.1 || qAbs(calibration.yScale - 1) > 0.1)
        return std::nullopt;
    return calibration;
}

class RenderCertificateCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("render-certificate"); }
    QString summary() const override
    {
        return Tr::tr(
            "Render a certificate as PDF: a case's certificate from the workstation store at --data-dir "
            "(CASE is its case number or id; --certificate picks another of a bundle's certificates by "
            "number or id), signed by the central server (--unsigned-draft renders one awaiting signature "
            "as a draft marked invalid); or from a template (a file or a built-in name such as "
            "food-business-licence) and its fields (a JSON object, inline or in a file), --sign-key "
            "signing the key fields into the verification code. --stock prints only the variable fields "
            "for pre-printed certificate paper, --preview adds the \"invalid\" watermark, --calibration "
            "X,Y[,XSCALE,YSCALE] corrects a printer");
    }
    QString usage() const override
    {
        return QStringLiteral(
            "CASE --data-dir DIR --pdf OUT [--certificate NUMBER|ID] [--unsigned-draft] | --template "
            "FILE|NAME --fields JSON|FILE --pdf OUT [--sign-key FILE]; both: [--stock] [--preview] "
            "[--calibration X,Y[,XSCALE,YSCALE]]");
    }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        QCommandLineParser parser;
        for (const char *flag : {"stock", "preview", "unsigned-draft"})
            parser.addOption(QCommandLineOption(QString::fromLatin1(flag)));
        for (const char *option :
             {"template", "fields", "pdf", "calibration", "sign-key", "data-dir", "certificate"})
            parser.addOption(
                QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("VALUE")));
        if (const auto done = parseCommandLine(*this, parser, arguments, out, err))
            return *done;
        const QStringList positional = parser.positionalArguments();
        const bool byCase = !positional.isEmpty();
        // Each form takes its own options; a mix is a mistake worth naming.
        const QStringList caseOnly {QStringLiteral("data-dir"), QStringLiteral("certificate"),
                                    QStringLiteral("unsigned-draft")};
        const QStringList templateOnly {QStringLiteral("template"), QStringLiteral("fields"),
                                        QStringLiteral("sign-key")};
        for (const QString &option : byCase ? templateOnly : caseOnly) {
            if (parser.isSet(option)) {
                err << Tr::tr("--%1 does not go with %2.")
                           .arg(option, byCase ? Tr::tr("a case") : QStringLiteral("--template"))
                    << '\n'
                    << usageLine(*this) << '\n';
                return Usage;
            }
        }
        const QString pdf = parser.value(QStringLiteral("pdf"));
        if (positional.size() > 1 || pdf.isEmpty()
            || (byCase && parser.value(QStringLiteral("data-dir")).isEmpty())
            || (!byCase
                && (!parser.isSet(QStringLiteral("template")) || !parser.isSet(QStringLiteral("fields"))))) {
            err << usageLine(*this) << '\n';
            return Usage;
        }
        printing::RenderOptions options;
        if (parser.isSet(QStringLiteral("stock")))
            options.mode = printing::RenderOptions::Mode::PreprintedStock;
        options.previewWatermark = parser.isSet(QStringLiteral("preview"));
        if (parser.isSet(QStringLiteral("calibration"))) {
            const auto calibration = parseCalibration(parser.value(QStringLiteral("calibration")));
            if (!calibration) {
                err << Tr::tr("--calibration: give X,Y or X,Y,XSCALE,YSCALE (offsets up to ±10 mm, scales "
                              "between 0.9 and 1.1).")
                    << '\n';
                return Invalid;
            }
            options.calibration = *calibration;
        }
        return byCase ? renderCase(parser, positional.first(), options, out, err)
                      : renderFields(parser, options, out, err);
    }

private:
    static int write(const printing::CertificateTemplate &tmpl, const printing::CertificateFields &fields,
                     const printing::RenderOptions &options, const QString &pdf, QTextStream &out,
                     QTextStream &err)
    {
        QString error;
        if (!printing::TemplateRenderer::renderPdf(tmpl, fields, options, pdf, &error)) {
            err << error << '\n';
            return Invalid;
        }
        out << Tr::tr("Wrote %1").arg(nativePath(pdf)) << '\n';
        return Success;
    }

    // The catalogue the case was registered under, else the store's latest,
    // else the embedded demo catalogue: it names the issuing authority and
    // the labels of the form's choices.
    static catalog::Catalog catalogueFor(const QSqlDatabase &db, const QString &version)
    {
        const storage::SyncStateRepository repository(db);
        std::optional<storage::CatalogVersionRecord> record;
        if (!version.isEmpty())
            record = repository.catalogVersion(version);
        if (!record)
            record = repository.latestCatalogVersion();
        if (record) {
            const catalog::LoadResult loaded = catalog::CatalogLoader::load(record->document.toUtf8());
            if (loaded.isValid())
                return *loaded.catalog;
        }
        const catalog::LoadResult demo = catalog::CatalogLoader::loadDemo();
        return demo.isValid() ? *demo.catalog : catalog::Catalog();
    }

    static printing::CertificateFields fieldsOf(const storage::CertificateRow &row,
                                                const catalog::Catalog &catalogue)
    {
        const QJsonObject &record = row.record;
        const catalog::ServiceItem *item = catalogue.isNull()
            ? nullptr
            : catalogue.item(record.value(QStringLiteral("itemCode")).toString());
        const QString issuedBy = record.value(QStringLiteral("issuedBy")).toString();
        const catalog::Department *department = catalogue.isNull() ? nullptr : catalogue.department(issuedBy);
        return printing::CertificateRecord::fields(
            record, row.verificationCode, department ? department->name : issuedBy,
            [item](const QString &field, const QString &value) {
                const catalog::FormField *described = item ? item->field(field) : nullptr;
                return described && !described->options.isEmpty() ? described->optionLabel(value) : value;
            });
    }

    int renderCase(const QCommandLineParser &parser, const QString &caseArgument,
                   printing::RenderOptions options, QTextStream &out, QTextStream &err) const
    {
        storage::StoreStatus status;
        const auto store = storage::Store::open(parser.value(QStringLiteral("data-dir")), &status);
        if (!store) {
            err << status.message << '\n';
            return Failure;
        }
        const QSqlDatabase db = store->database();
        const QString wanted = caseArgument.trimmed();
        const storage::CaseRepository cases(db);
        std::optional<storage::CaseRecord> found = cases.findByCaseNumber(wanted.toUpper());
        if (!found)
            found = cases.findById(wanted);
        if (!found) {
            err << (cases.lastError().isEmpty()
                        ? Tr::tr("No case %1 in the store at %2: give its case number or case id.")
                              .arg(wanted, nativePath(store->directory()))
                        : cases.lastError())
                << '\n';
            return Invalid;
        }
        const storage::CertificateRepository certificates(db);
        const QList<storage::CertificateRow> rows = certificates.forCase(found->id);
        if (rows.isEmpty()) {
            err << (certificates.lastError().isEmpty()
                        ? Tr::tr("Case %1 has no certificate: it has not been approved, or none of its items "
                                 "issues one.")
                              .arg(found->caseNumber)
                        : certificates.lastError())
                << '\n';
            return Invalid;
        }
        const storage::CertificateRow *row = &rows.first();
        if (parser.isSet(QStringLiteral("certificate"))) {
            const QString chosen = parser.value(QStringLiteral("certificate")).trimmed();
            row = nullptr;
            QStringList numbers;
            for (const storage::CertificateRow &candidate : rows) {
                numbers.append(candidate.number);
                if (candidate.number.compare(chosen, Qt::CaseInsensitive) == 0
                    || candidate.certificateId == chosen)
                    row = &candidate;
            }
            if (!row) {
                err << Tr::tr("Case %1 has no certificate %2; its certificates are %3.")
                           .arg(found->caseNumber, chosen, numbers.join(QStringLiteral(", ")))
                    << '\n';
                return Invalid;
            }
        }
        if (!row->isSigned()) {
            if (!parser.isSet(QStringLiteral("unsigned-draft"))) {
                err << Tr::tr(
                           "Certificate %1 is not signed yet (awaiting signature): a sync with the central "
                           "server brings its verification code; --unsigned-draft renders a draft marked "
                           "invalid.")
                           .arg(row->number)
                    << '\n';
                return Invalid;
            }
            // Without its code the paper proves nothing: it says so across
            // the page and in place of the code, whose scan says it too.
            options.previewWatermark = true;
            options.watermark = Tr::tr("Draft, not signed — invalid");
        }
        const QString templateId = row->templateId.isEmpty()
            ? printing::CertificateRecord::templateId(row->record)
            : row->templateId;
        if (templateId.isEmpty()) {
            err << Tr::tr("Certificate %1 names no template; the catalogue must give its item one.")
                       .arg(row->number)
                << '\n';
            return Invalid;
        }
        const auto loaded = printing::TemplateLoader::loadNamed(templateId);
        if (!loaded.isValid()) {
            err << Tr::tr("The template %1 of certificate %2 cannot be used: %3")
                       .arg(templateId, row->number, loaded.problems.join(QStringLiteral("; ")))
                << '\n';
            return Invalid;
        }
        printing::CertificateFields fields = fieldsOf(*row, catalogueFor(db, found->catalogVersion));
        if (!row->isSigned())
            fields.insert(QStringLiteral("verificationCode"), options.watermark);
        const int result
            = write(*loaded.tmpl, fields, options, parser.value(QStringLiteral("pdf")), out, err);
        if (result == Success)
            out << Tr::tr("Certificate %1 of case %2, held by %3.")
                       .arg(row->number, found->caseNumber, row->holderName)
                << '\n';
        return result;
    }

    int renderFields(const QCommandLineParser &parser, const printing::RenderOptions &options,
                     QTextStream &out, QTextStream &err) const
    {
        const auto loaded = printing::TemplateLoader::loadNamed(parser.value(QStringLiteral("template")));
        if (!loaded.isValid()) {
            for (const QString &problem : loaded.problems)
                err << problem << '\n';
            return Invalid;
        }

        // Inline JSON, or a file holding it.
        const QString fieldsArgument = parser.value(QStringLiteral("fields"));
        QByteArray json = fieldsArgument.toUtf8();
        if (!fieldsArgument.trimmed().startsWith(QLatin1Char('{'))) {
            const auto content = readFile(fieldsArgument, err);
            if (!content)
                return Failure;
            json = *content;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            err << Tr::tr("--fields: not a JSON object of field names and texts (%1).")
                       .arg(parseError.errorString())
                << '\n';
            return Invalid;
        }
        printing::CertificateFields fields;
        const QJsonObject object = document.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString()) {
                err << Tr::tr("--fields: the value of \"%1\" must be text.").arg(it.key()) << '\n';
                return Invalid;
            }
            if (!loaded.tmpl->fieldNamed(it.key()) && !CertificateKeyFields().toFields().contains(it.key())) {
                err << Tr::tr("--fields: the template \"%1\" has no field \"%2\".")
                           .arg(loaded.tmpl->id, it.key())
                    << '\n';
                return Invalid;
            }
            fields.insert(it.key(), it.value().toString());
        }

        if (parser.isSet(QStringLiteral("sign-key"))) {
            const auto pem = readFile(parser.value(QStringLiteral("sign-key")), err);
            if (!pem)
                return Failure;
            QString error;
            const AuthorityKey key = AuthorityKey::fromPrivatePem(*pem, &error);
            if (key.isNull()) {
                err << Tr::tr("--sign-key: %1").arg(error) << '\n';
                return Invalid;
            }
            const QString code = CertificateCode::sign(CertificateKeyFields::fromFields(fields), key, &error);
            if (code.isEmpty()) {
                err << error << '\n';
                return Invalid;
            }
            fields.insert(QStringLiteral("verificationCode"), code);
        }
        return write(*loaded.tmpl, fields, options, parser.value(QStringLiteral("pdf")), out, err);
    }
};

class GenerateCertificateKeyCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("generate-certificate-key"); }
    QString summary() const override
    {
        return Tr::tr(
            "Generate an issuing authority's SM2 key pair for signing certificates: the private key "
            "(readable by its owner only) stays on the central server, the public key goes into the "
            "catalogue's authorityKeys");
    }
    QString usage() const override { return QStringLiteral("--private FILE --public FILE"); }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        QCommandLineParser parser;
        parser.addOption(QCommandLineOption(QStringLiteral("private"), QString(), QStringLiteral("FILE")));
        parser.addOption(QCommandLineOption(QStringLiteral("public"), QString(), QStringLiteral("FILE")));
        if (const auto done = parseCommandLine(*this, parser, arguments, out, err))
            return *done;
        const QString privateFile = parser.value(QStringLiteral("private"));
        const QString publicFile = parser.value(QStringLiteral("public"));
        if (privateFile.isEmpty() || publicFile.isEmpty() || !parser.positionalArguments().isEmpty()) {
            err << usageLine(*this) << '\n';
            return Usage;
        }
        // A signing key in use is never replaced by accident.
        for (const QString &file : {privateFile, publicFile}) {
            if (QFileInfo::exists(file)) {
                err << Tr::tr("%1 exists already; it is not overwritten.").arg(nativePath(file)) << '\n';
                return Invalid;
            }
        }
        QString error;
        const AuthorityKey key = AuthorityKey::generate(&error);
        if (key.isNull() || !key.writePrivatePem(privateFile, &error)) {
            err << error << '\n';
            return Failure;
        }
        QFile pub(publicFile);
        if (!pub.open(QIODevice::WriteOnly) || pub.write(key.publicPem()) < 0 || !pub.flush()) {
            err << Tr::tr("Cannot write %1: %2").arg(nativePath(publicFile), pub.errorString()) << '\n';
            return Failure;
        }
        out << Tr::tr("Wrote the private key to %1 (keep it on the central server only) and the public key "
                      "to %2.")
                   .arg(nativePath(privateFile), nativePath(publicFile))
            << '\n';
        return Success;
    }
};

} // namespace

void addCertificateCommands(Commands &commands)
{
    commands.push_back(std::make_unique<VerifyCertificateCommand>());
    commands.push_back(std::make_unique<RenderCertificateCommand>());
    commands.push_back(std::make_unique<GenerateCertificateKeyCommand>());
}

} // namespace ow::admin
