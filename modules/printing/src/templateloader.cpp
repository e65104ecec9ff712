// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/certificatetemplate.h"

#include "ow/printing/tr.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSvgRenderer>

namespace ow::printing {

namespace {

const QString formatName = QStringLiteral("onewindow-certificate-template");
const QString builtInDir = QStringLiteral(":/templates");
constexpr qreal toleranceMm = 0.01;
// A page larger than A0 is a typo (e.g. centimetres or points given as millimetres).
constexpr qreal largestPageMm = 1189;

using Type = TemplateElement::Type;

const QHash<QString, Type> &typeNames()
{
    static const QHash<QString, Type> names {
        {QStringLiteral("text"), Type::Text},   {QStringLiteral("field"), Type::Field},
        {QStringLiteral("image"), Type::Image}, {QStringLiteral("seal"), Type::Seal},
        {QStringLiteral("qr"), Type::QrCode},   {QStringLiteral("rect"), Type::Rect},
        {QStringLiteral("line"), Type::Line},
    };
    return names;
}

// The members each element type may have; anything else is a typo worth reporting.
QStringList allowedMembers(Type type)
{
    const QStringList common {QStringLiteral("type"), QStringLiteral("box"), QStringLiteral("printOn"),
                              QStringLiteral("opacity"), QStringLiteral("comment")};
    const QStringList text {QStringLiteral("font"),  QStringLiteral("minSizePt"), QStringLiteral("fit"),
                            QStringLiteral("align"), QStringLiteral("valign"),    QStringLiteral("color")};
    switch (type) {
    case Type::Text:
        return common + text + QStringList {QStringLiteral("text")};
    case Type::Field:
        return common + text + QStringList {QStringLiteral("field"), QStringLiteral("format")};
    case Type::Image:
    case Type::Seal:
        return common + QStringList {QStringLiteral("source")};
    case Type::QrCode:
        return common + QStringList {QStringLiteral("field")};
    case Type::Rect:
        return common
            + QStringList {QStringLiteral("color"), QStringLiteral("fill"), QStringLiteral("strokeMm")};
    case Type::Line:
        return common + QStringList {QStringLiteral("color"), QStringLiteral("strokeMm")};
    }
    return common;
}

QString number(qreal value)
{
    return QString::number(value, 'g', 6);
}

class Reader
{
public:
    explicit Reader(QString baseDir);

    TemplateLoader::Result read(const QByteArray &document)
    {
        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(document, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            problem(QString(),
                    QCoreApplication::translate("Printing", "not valid JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
            return finish();
        }
        if (!json.isObject()) {
            problem(QString(), QCoreApplication::translate("Printing", "a template is a JSON object"));
            return finish();
        }
        const QJsonObject root = json.object();
        checkMembers(root, QString(),
                     {QStringLiteral("$schema"), QStringLiteral("format"), QStringLiteral("version"),
                      QStringLiteral("id"), QStringLiteral("certificateType"), QStringLiteral("title"),
                      QStringLiteral("page"), QStringLiteral("font"), QStringLiteral("fields"),
                      QStringLiteral("elements"), QStringLiteral("comment")});
        if (root.value(QStringLiteral("format")).toString() != formatName)
            problem(QStringLiteral("format"),
                    QCoreApplication::translate("Printing", "must be \"%1\"").arg(formatName));
        if (root.value(QStringLiteral("version")).toInt() != 1)
            problem(QStringLiteral("version"),
                    QCoreApplication::translate("Printing", "only version 1 is understood"));
        m_tmpl.id = requiredString(root, QStringLiteral("id"), QString());
        m_tmpl.certificateType = root.value(QStringLiteral("certificateType")).toString();
        m_tmpl.title = requiredString(root, QStringLiteral("title"), QString());

        const QJsonObject page = root.value(QStringLiteral("page")).toObject();
        checkMembers(page, QStringLiteral("page"), {QStringLiteral("widthMm"), QStringLiteral("heightMm")});
        m_tmpl.pageSizeMm = QSizeF(page.value(QStringLiteral("widthMm")).toDouble(),
                                   page.value(QStringLiteral("heightMm")).toDouble());
        if (m_tmpl.pageSizeMm.width() <= 0 || m_tmpl.pageSizeMm.height() <= 0
            || m_tmpl.pageSizeMm.width() > largestPageMm || m_tmpl.pageSizeMm.height() > largestPageMm) {
            problem(QStringLiteral("page"),
                    QCoreApplication::translate("Printing",
                                                "needs widthMm and heightMm between 0 and %1 millimetres")
                        .arg(number(largestPageMm)));
            m_pageValid = false; // boxes are not also reported as off a page that is not there
        }

        readFont(root.value(QStringLiteral("font")).toObject(), QStringLiteral("font"), &m_defaults);
        if (m_defaults.fontFamilies.isEmpty())
            m_defaults.fontFamilies = {QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")};

        const QJsonArray fields = root.value(QStringLiteral("fields")).toArray();
        for (qsizetype i = 0; i < fields.size(); ++i)
            readField(fields.at(i).toObject(), QStringLiteral("fields[%1]").arg(i));

        if (!root.value(QStringLiteral("elements")).isArray())
            problem(QStringLiteral("elements"),
                    QCoreApplication::translate("Printing", "must be a list of elements"));
        const QJsonArray elements = root.value(QStringLiteral("elements")).toArray();
        for (qsizetype i = 0; i < elements.size(); ++i)
            readElement(elements.at(i), QStringLiteral("elements[%1]").arg(i));
        return finish();
    }

private:
    TemplateLoader::Result finish()
    {
        TemplateLoader::Result result;
        result.problems = m_problems;
        if (m_problems.isEmpty())
            result.tmpl = m_tmpl;
        return result;
    }

    void problem(const QString &path, const QString &reason)
    {
        m_problems.append(path.isEmpty() ? reason : path + QStringLiteral(": ") + reason);
    }

    void checkMembers(const QJsonObject &object, const QString &path, const QStringList &allowed)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowed.contains(it.key())) {
                const QString at = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
                problem(
                    at,
                    Tr::tr("unknown property (expected one of: %1)").arg(allowed.join(QStringLiteral(", "))));
            }
        }
    }

    QString requiredString(const QJsonObject &object, const QString &key, const QString &path)
    {
        const QString value = object.value(key).toString();
        if (value.trimmed().isEmpty())
            problem(path.isEmpty() ? key : path + QLatin1Char('.') + key,
                    Tr::tr("is required and must be text"));
        return value;
    }

    void readFont(const QJsonObject &font, const QString &path, TemplateElement *element)
    {
        checkMembers(font, path,
                     {QStringLiteral("families"), QStringLiteral("sizePt"), QStringLiteral("bold"),
                      QStringLiteral("letterSpacingPercent")});
        if (font.contains(QStringLiteral("families"))) {
            element->fontFamilies.clear();
            for (const QJsonValue &family : font.value(QStringLiteral("families")).toArray())
                element->fontFamilies.append(family.toString());
            if (element->fontFamilies.isEmpty() || element->fontFamilies.contains(QString()))
                problem(path + QStringLiteral(".families"), Tr::tr("must be a list of font family names"));
        }
        if (font.contains(QStringLiteral("sizePt"))) {
            element->fontSizePt = font.value(QStringLiteral("sizePt")).toDouble();
            if (element->fontSizePt < 2 || element->fontSizePt > 400)
                problem(path + QStringLiteral(".sizePt"), Tr::tr("must be between 2 and 400 points"));
        }
        if (font.contains(QStringLiteral("bold")))
            element->bold = font.value(QStringLiteral("bold")).toBool();
        if (font.contains(QStringLiteral("letterSpacingPercent")))
            element->letterSpacingPercent = font.value(QStringLiteral("letterSpacingPercent")).toDouble(100);
    }

    void readField(const QJsonObject &field, const QString &path)
    {
        checkMembers(field, path,
                     {QStringLiteral("name"), QStringLiteral("label"), QStringLiteral("required")});
        TemplateField f;
        f.name = requiredString(field, QStringLiteral("name"), path);
        f.label = field.value(QStringLiteral("label")).toString();
        f.required = field.value(QStringLiteral("required")).toBool();
        if (!f.name.isEmpty() && m_tmpl.fieldNamed(f.name))
            problem(path + QStringLiteral(".name"), Tr::tr("the field \"%1\" is declared twice").arg(f.name));
        m_tmpl.fields.append(f);
    }

    QColor readColor(const QJsonObject &object, const QString &key, const QString &path,
                     const QColor &fallback)
    {
        if (!object.contains(key))
            return fallback;
        const QColor color = QColor::fromString(object.value(key).toString());
        if (!color.isValid())
            problem(path + QLatin1Char('.') + key, Tr::tr("is not a colour (write e.g. \"#c00000\")"));
        return color;
    }

    void readElement(const QJsonValue &value, const QString &path)
    {
        const QJsonObject object = value.toObject();
        const QString typeName = object.value(QStringLiteral("type")).toString();
        if (!typeNames().contains(typeName)) {
            QStringList known = typeNames().keys();
            known.sort();
            problem(path + QStringLiteral(".type"),
                    Tr::tr("unknown element type \"%1\" (expected one of: %2)")
                        .arg(typeName, known.join(QStringLiteral(", "))));
            return;
        }
        TemplateElement element = m_defaults;
        element.type = typeNames().value(typeName);
        checkMembers(object, path, allowedMembers(element.type));

        // Variable content goes on pre-printed stock unless the template says otherwise.
        const bool variable = element.type == Type::Field || element.type == Type::QrCode;
        const QString printOn = object.value(QStringLiteral("printOn"))
                                    .toString(variable ? QStringLiteral("both") : QStringLiteral("plain"));
        if (printOn == QLatin1String("plain"))
            element.printOn = TemplateElement::PrintOn::Plain;
        else if (printOn == QLatin1String("both"))
            element.printOn = TemplateElement::PrintOn::Both;
        else
            problem(path + QStringLiteral(".printOn"),
                    Tr::tr("must be \"plain\" (plain paper only) or \"both\" "
                           "(also on pre-printed stock)"));

        readBox(object, path, &element);

        if (object.contains(QStringLiteral("opacity"))) {
            element.opacity = object.value(QStringLiteral("opacity")).toDouble(-1);
            if (element.opacity < 0 || element.opacity > 1)
                problem(path + QStringLiteral(".opacity"), Tr::tr("must be between 0 and 1"));
        }

        switch (element.type) {
        case Type::Text:
            element.text = requiredString(object, QStringLiteral("text"), path);
            readText(object, path, &element);
            break;
        case Type::Field:
            readFieldReference(object, path, &element);
            element.format = object.value(QStringLiteral("format")).toString();
            if (!element.format.isEmpty() && element.format != QLatin1String("date"))
                problem(path + QStringLiteral(".format"),
                        Tr::tr("unknown format \"%1\" (expected \"date\")").arg(element.format));
            readText(object, path, &element);
            break;
        case Type::QrCode:
            readFieldReference(object, path, &element);
            break;
        case Type::Image:
        case Type::Seal:
            readImage(object, path, &element);
            break;
        case Type::Rect:
            element.color = readColor(object, QStringLiteral("color"), path, Qt::black);
            element.fill = readColor(object, QStringLiteral("fill"), path, QColor());
            readStroke(object, path, &element);
            break;
        case Type::Line:
            element.color = readColor(object, QStringLiteral("color"), path, Qt::black);
            readStroke(object, path, &element);
            break;
        }
        m_tmpl.elements.append(element);
    }

    void readBox(const QJsonObject &object, const QString &path, TemplateElement *element)
    {
        const QJsonArray box = object.value(QStringLiteral("box")).toArray();
        bool numbers = box.size() == 4;
        for (const QJsonValue &v : box)
            numbers = numbers && v.isDouble();
        if (!numbers) {
            problem(path + QStringLiteral(".box"), Tr::tr("must be [x, y, width, height] in millimetres"));
            return;
        }
        element->box
            = QRectF(box.at(0).toDouble(), box.at(1).toDouble(), box.at(2).toDouble(), box.at(3).toDouble());
        const QRectF &b = element->box;
        const bool line = element->type == Type::Line;
        if (line ? (b.width() < 0 || b.height() < 0 || (b.width() == 0 && b.height() == 0))
                 : (b.width() <= 0 || b.height() <= 0)) {
            problem(path + QStringLiteral(".box"), Tr::tr("the width and height must be greater than zero"));
            return;
        }
        const bool offPage = b.left() < -toleranceMm || b.top() < -toleranceMm
            || b.left() + b.width() > m_tmpl.pageSizeMm.width() + toleranceMm
            || b.top() + b.height() > m_tmpl.pageSizeMm.height() + toleranceMm;
        if (m_pageValid && offPage)
            problem(path + QStringLiteral(".box"),
                    Tr::tr("the box (x %1, y %2, %3 × %4 mm) extends beyond the %5 × %6 mm page")
                        .arg(number(b.left()), number(b.top()), number(b.width()), number(b.height()),
                             number(m_tmpl.pageSizeMm.width()), number(m_tmpl.pageSizeMm.height())));
    }

    void readText(const QJsonObject &object, const QString &path, TemplateElement *element)
    {
        readFont(object.value(QStringLiteral("font")).toObject(), path + QStringLiteral(".font"), element);
        element->color = readColor(object, QStringLiteral("color"), path, Qt::black);
        const QString fit = object.value(QStringLiteral("fit")).toString(QStringLiteral("none"));
        if (fit == QLatin1String("none"))
            element->fit = TemplateElement::Fit::None;
        else if (fit == QLatin1String("shrink"))
            element->fit = TemplateElement::Fit::Shrink;
        else if (fit == QLatin1String("wrap"))
            element->fit = TemplateElement::Fit::Wrap;
        else
            problem(path + QStringLiteral(".fit"), Tr::tr("must be \"none\", \"shrink\" or \"wrap\""));
        element->minSizePt = object.value(QStringLiteral("minSizePt")).toDouble(element->fontSizePt);
        if (element->minSizePt > element->fontSizePt || element->minSizePt < 2)
            problem(path + QStringLiteral(".minSizePt"),
                    Tr::tr("must be at least 2 points and not larger than the font size (%1 pt)")
                        .arg(number(element->fontSizePt)));

        Qt::Alignment horizontal = Qt::AlignLeft;
        const QString align = object.value(QStringLiteral("align")).toString(QStringLiteral("left"));
        if (align == QLatin1String("center"))
            horizontal = Qt::AlignHCenter;
        else if (align == QLatin1String("right"))
            horizontal = Qt::AlignRight;
        else if (align == QLatin1String("justify"))
            horizontal = Qt::AlignJustify;
        else if (align != QLatin1String("left"))
            problem(path + QStringLiteral(".align"),
                    Tr::tr("must be \"left\", \"center\", \"right\" or \"justify\""));
        Qt::Alignment vertical = Qt::AlignVCenter;
        const QString valign = object.value(QStringLiteral("valign")).toString(QStringLiteral("middle"));
        if (valign == QLatin1String("top"))
            vertical = Qt::AlignTop;
        else if (valign == QLatin1String("bottom"))
            vertical = Qt::AlignBottom;
        else if (valign != QLatin1String("middle"))
            problem(path + QStringLiteral(".valign"), Tr::tr("must be \"top\", \"middle\" or \"bottom\""));
        element->alignment = horizontal | vertical;
    }

    void readFieldReference(const QJsonObject &object, const QString &path, TemplateElement *element)
    {
        element->field = requiredString(object, QStringLiteral("field"), path);
        if (element->field.isEmpty() || m_tmpl.fieldNamed(element->field))
            return;
        QStringList declared;
        for (const TemplateField &f : std::as_const(m_tmpl.fields))
            declared.append(f.name);
        problem(path + QStringLiteral(".field"),
                Tr::tr("unknown field \"%1\": declare it under \"fields\" (declared: %2)")
                    .arg(element->field, declared.join(QStringLiteral(", "))));
    }

    void readImage(const QJsonObject &object, const QString &path, TemplateElement *element)
    {
        element->source = requiredString(object, QStringLiteral("source"), path);
        if (element->source.isEmpty())
            return;
        const QString file = QDir(m_baseDir).filePath(element->source);
        bool loaded = false;
        if (file.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
            element->svg = std::make_shared<QSvgRenderer>(file);
            loaded = element->svg->isValid();
        } else {
            loaded = element->image.load(file);
        }
        if (!loaded)
            problem(path + QStringLiteral(".source"),
                    Tr::tr("cannot read the image %1").arg(QDir::toNativeSeparators(file)));
    }

    void readStroke(const QJsonObject &object, const QString &path, TemplateElement *element)
    {
        element->strokeMm = object.value(QStringLiteral("strokeMm")).toDouble(0.3);
        if (element->strokeMm < 0 || element->strokeMm > 20)
            problem(path + QStringLiteral(".strokeMm"), Tr::tr("must be between 0 and 20 millimetres"));
    }

    QString m_baseDir;
    bool m_pageValid = true;
    CertificateTemplate m_tmpl;
    TemplateElement m_defaults;
    QStringList m_problems;
};

Reader::Reader(QString baseDir)
    : m_baseDir(std::move(baseDir))
{ }

} // namespace

const TemplateField *CertificateTemplate::fieldNamed(const QString &name) const
{
    for (const TemplateField &field : fields) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

TemplateLoader::Result TemplateLoader::load(const QByteArray &document, const QString &baseDir)
{
    return Reader(baseDir).read(document);
}

TemplateLoader::Result TemplateLoader::loadFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        Result result;
        result.problems.append(Tr::tr("Cannot read the template %1: %2")
                                   .arg(QDir::toNativeSeparators(fileName), file.errorString()));
        return result;
    }
    return load(file.readAll(), QFileInfo(fileName).absolutePath());
}

TemplateLoader::Result TemplateLoader::loadNamed(const QString &nameOrFile)
{
    if (builtInIds().contains(nameOrFile))
        return loadFile(builtInDir + QLatin1Char('/') + nameOrFile + QStringLiteral(".json"));
    if (QFileInfo(nameOrFile).isFile())
        return loadFile(nameOrFile);
    Result result;
    result.problems.append(
        Tr::tr("There is no template file or built-in template called \"%1\" (built-in: %2).")
            .arg(nameOrFile, builtInIds().join(QStringLiteral(", "))));
    return result;
}

QStringList TemplateLoader::builtInIds()
{
    QStringList ids;
    for (const QString &file :
         QDir(builtInDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        ids.append(QFileInfo(file).completeBaseName());
    return ids;
}

} // namespace ow::printing
