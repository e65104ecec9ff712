// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// bench_printing [--count N] [--template NAME] [--stock] [--keep DIR]
// Signs and renders N certificates (default 1,000), each to its own PDF, as a
// county office's batch print run would, and prints the time per certificate
// (median, p99) and the process's peak memory. Goal: median < 50 ms.

#include <ow/printing/certificatecode.h>
#include <ow/printing/certificatetemplate.h>
#include <ow/printing/templaterenderer.h>

#include "certificatesample.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ow::printing;

namespace {

struct Summary
{
    double median = 0;
    double p99 = 0;
    double max = 0;
};

Summary summarise(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms.at(std::min(ms.size() - 1, std::size_t(q * double(ms.size()))));
    };
    return {at(0.5), at(0.99), ms.back()};
}

long peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        QCommandLineOption(QStringLiteral("count"), QString(), QStringLiteral("N"), QStringLiteral("1000")));
    parser.addOption(QCommandLineOption(QStringLiteral("template"), QString(), QStringLiteral("NAME"),
                                        QStringLiteral("food-business-licence")));
    parser.addOption(QCommandLineOption(QStringLiteral("stock")));
    parser.addOption(QCommandLineOption(QStringLiteral("keep"), QString(), QStringLiteral("DIR")));
    parser.process(app);
    QTextStream out(stdout);

    const int count = parser.value(QStringLiteral("count")).toInt();
    const QString id = parser.value(QStringLiteral("template"));
    const auto loaded = TemplateLoader::loadNamed(id);
    if (count <= 0 || !loaded.isValid()) {
        out << "cannot run: " << loaded.problems.join(QStringLiteral("; ")) << '\n';
        return 1;
    }
    QTemporaryDir temporary;
    const QString dir
        = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : temporary.path();
    QDir().mkpath(dir);

    RenderOptions options;
    if (parser.isSet(QStringLiteral("stock")))
        options.mode = RenderOptions::Mode::PreprintedStock;
    const AuthorityKey key = AuthorityKey::generate();
    const long rssBefore = peakRssKiB();

    std::vector<double> signMs, renderMs, totalMs;
    qint64 bytes = 0;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < count; ++i) {
        CertificateKeyFields fields = ow::test::sampleKeyFields(id);
        fields.certificateNumber = QStringLiteral("JY1330102%1").arg(i, 7, 10, QLatin1Char('0'));
        fields.holderName = QStringLiteral("示范县第%1号小吃店").arg(i + 1);
        QElapsedTimer timer;
        timer.start();
        const QString code = CertificateCode::sign(fields, key);
        const qint64 signedNs = timer.nsecsElapsed();
        const QString pdf = QStringLiteral("%1/certificate-%2.pdf").arg(dir).arg(i, 4, 10, QLatin1Char('0'));
        QString error;
        if (code.isEmpty()
            || !TemplateRenderer::renderPdf(*loaded.tmpl, ow::test::sampleFields(id, fields, code), options,
                                            pdf, &error)) {
            out << "certificate " << i << " failed: " << error << '\n';
            return 1;
        }
        const qint64 totalNs = timer.nsecsElapsed();
        signMs.push_back(double(signedNs) / 1e6);
        renderMs.push_back(double(totalNs - signedNs) / 1e6);
        totalMs.push_back(double(totalNs) / 1e6);
        bytes += QFileInfo(pdf).size();
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;

    const Summary sign = summarise(signMs);
    const Summary render = summarise(renderMs);
    const Summary total = summarise(totalMs);
    out << "bench_printing: " << count << " certificates, template " << id
        << (options.mode == RenderOptions::Mode::PreprintedStock ? " (pre-printed stock)" : " (plain paper)")
        << '\n';
    out << QStringLiteral("  first certificate (fonts loaded):  %1 ms\n").arg(totalMs.front(), 0, 'f', 1);
    out << QStringLiteral("  SM2 sign        median %1 ms  p99 %2 ms  max %3 ms\n")
               .arg(sign.median, 0, 'f', 2)
               .arg(sign.p99, 0, 'f', 2)
               .arg(sign.max, 0, 'f', 2);
    out << QStringLiteral("  render to PDF   median %1 ms  p99 %2 ms  max %3 ms\n")
               .arg(render.median, 0, 'f', 2)
               .arg(render.p99, 0, 'f', 2)
               .arg(render.max, 0, 'f', 2);
    out << QStringLiteral("  per certificate median %1 ms  p99 %2 ms  max %3 ms  (goal: median < 50 ms)\n")
               .arg(total.median, 0, 'f', 2)
               .arg(total.p99, 0, 'f', 2)
               .arg(total.max, 0, 'f', 2);
    out << QStringLiteral("  wall %1 s, %2 certificates/s, average PDF %3 KiB\n")
               .arg(seconds, 0, 'f', 1)
               .arg(count / seconds, 0, 'f', 1)
               .arg(double(bytes) / count / 1024, 0, 'f', 1);
    out << QStringLiteral("  peak memory (getrusage maxrss) %1 MiB (%2 MiB before the run)\n")
               .arg(double(peakRssKiB()) / 1024, 0, 'f', 1)
               .arg(double(rssBefore) / 1024, 0, 'f', 1);
    return total.median < 50 ? 0 : 2;
}
