// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/catalog/catalog.h>
#include <ow/printing/templaterenderer.h>
#include <ow/storage/certificaterepository.h>

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QPrinter;

namespace ow::ui {

// Where certificates are printed: a printer the system knows, or PDF files
// (one per certificate, named by its number) in a directory.
struct OW_UI_EXPORT PrintTarget
{
    QString printerName; // empty: PDF files
    QString pdfDirectory;

    bool isPdf() const { return printerName.isEmpty(); }
    // The name the print log and the calibration settings know it by ("PDF" for files).
    QString logName() const;
    static QString pdfLogName() { return QStringLiteral("PDF"); }
};

// One run of the print dialog: where, on which paper and why.
struct OW_UI_EXPORT PrintRequest
{
    PrintTarget target;
    bool stock = false; // 套打: pre-printed certificate paper, only the variable fields
    QString firstSerial; // stock: the serial of the first sheet; each further one takes the next free
    bool reprint = false; // 重打: the certificates were printed before
    QString reason; // required for a reprint
};

// Prints certificates from the store with their templates and records each
// print as a `printed` event of the certificate's case, through the case
// journal as every window page records its events. Failed calls set
// lastError() (translated).
class OW_UI_EXPORT CertificatePrintJob
{
public:
    CertificatePrintJob(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog);

    // The values of the certificate's template fields: the key fields its
    // verification code vouches for (as signed, when it is signed), the
    // application form's values (choices by their labels, under the names
    // the built-in templates use too), the issuing authority's name and the
    // verification code.
    static printing::CertificateFields fields(const storage::CertificateRow &row,
                                              const catalog::Catalog &catalog);

    // The calibration of a printer (identity until one is saved), stored in
    // the workstation's settings under printing.calibration.<printer>.
    static QString calibrationKey(const QString &printerLogName);
    static printing::Calibration calibration(const QSqlDatabase &db, const QString &printerLogName);
    static bool saveCalibration(const QSqlDatabase &db, const QString &printerLogName,
                                const printing::Calibration &calibration, QString *error = nullptr);

    // The certificate's template; nullopt with lastError() when it cannot be loaded.
    std::optional<printing::CertificateTemplate> templateOf(const storage::CertificateRow &row) const;
    // Whether the template has anything to print on pre-printed stock.
    static bool supportsStock(const printing::CertificateTemplate &tmpl);

    // What stands in the way of printing `rows` as `request` asks, translated;
    // empty when they can be printed.
    QString check(const QList<storage::CertificateRow> &rows, const PrintRequest &request) const;
    // The stock serial to print `row` on after `previous` (the first: the request's).
    std::optional<QString> serialFor(const storage::CertificateRow &row, const PrintRequest &request,
                                     const QString &previous) const;

    // Prints one certificate (its current state read again from the store)
    // on `serial` (stock) and records its printed event; false with
    // lastError() when nothing was recorded.
    bool print(const QString &certificateId, const PrintRequest &request, const QString &serial = QString());
    // Records a spoiled sheet (卡纸、印错): the printed event with spoiled true,
    // so its serial is voided and the print does not count.
    bool recordSpoiled(const QString &certificateId, const QString &printerLogName, const QString &serial,
                       const QString &reason);

    // Paints the certificates one page each onto `printer` with the preview
    // watermark (预览 — 无效), for QPrintPreviewDialog.
    bool paintPreview(QPrinter *printer, const QList<storage::CertificateRow> &rows, bool stock);

    // The PDF file of the last certificate printed to PDF.
    QString lastFile() const { return m_lastFile; }
    QString lastError() const { return m_lastError; }

    // The file a certificate is written to in `directory`: its number, made safe for a file name.
    static QString pdfFileName(const QString &directory, const storage::CertificateRow &row);

private:
    bool fail(const QString &message) const;
    bool render(const storage::CertificateRow &row, const PrintRequest &request);
    bool record(const storage::CertificateRow &row, const QJsonObject &payload);

    QSqlDatabase m_db;
    Session m_session;
    catalog::Catalog m_catalog;
    mutable QHash<QString, printing::CertificateTemplate> m_templates;
    QString m_lastFile;
    mutable QString m_lastError;
};

} // namespace ow::ui
