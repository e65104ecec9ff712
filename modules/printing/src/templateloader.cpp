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
#include <QRegularExpression>
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
        {QStringLiteral("line"), Type::Line},   {QStringLiteral("flow"), Type::Flow},
    };
    return names;
}

using BlockType = FlowBlock::Type;

const QHash<QString, BlockType> &blockTypeNames()
{
    static const QHash<QString, BlockType> names {
        {QStringLiteral("paragraph"), BlockType::Paragraph},
        {QStringLiteral("row"), BlockType::Row},
        {QStringLiteral("list"), BlockType::List},
        {QStringLiteral("signature"), BlockType::Signature},
        {QStringLiteral("space"), BlockType::Space},
        {QStringLiteral("image"), BlockType::Image},
        {QStringLiteral("seal"), BlockType::Image},
    };
    return names;
}

QStringList allowedBlockMembers(BlockType type)
{
    const QStringList common {QStringLiteral("type"),         QStringLiteral("when"),
                              QStringLiteral("unless"),       QStringLiteral("spaceBeforeMm"),
                              QStringLiteral("keepWithNext"), QStringLiteral("comment")};
    switch (type) {
    case BlockType::Paragraph:
        return common
            + QStringList {QStringLiteral("text"), QStringLiteral("align"), QStringLiteral("bold"),
                           QStringLiteral("indentEm")};
    case BlockType::Row:
        return common + QStringList {QStringLiteral("label"), QStringLiteral("text")};
    case BlockType::List:
        return common + QStringList {QStringLiteral("field"), QStringLiteral("title")};
    case BlockType::Signature:
        return common
            + QStringList {QStringLiteral("label"), QStringLiteral("text"), QStringLiteral("lineMm"),
                           QStringLiteral("heightMm")};
    case BlockType::Space:
        return common + QStringList {QStringLiteral("heightMm")};
    case BlockType::Image:
        return common + QStringList {QStringLiteral("box"), QStringLiteral("source")};
    }
    return common;
}

// Values every template has without declaring them: the page being drawn
// and how many there are.
bool isPageValue(const QString &name)
{
    return name == QLatin1String("page") || name == QLatin1String("pages");
}

// The members each element type may have; anything else is a typo worth reporting.
QStringList allowedMembers(Type type)
{
    const QStringList common {QStringLiteral("type"),    QStringLiteral("box"),    QStringLiteral("printOn"),
                              QStringLiteral("opacity"), QStringLiteral("when"),   QStringLiteral("unless"),
                              QStringLiteral("pages"),   QStringLiteral("comment")};
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
    case Type::Flow:
        return common + QStringList {QStringLiteral("font"),           QStringLiteral("minSizePt"),
                                     QStringLiteral("color"),          QStringLiteral("lineSpacing"),
                                     QStringLiteral("blockSpacingMm"), QStringLiteral("labelWidthMm"),
                                     QStringLiteral("continueBox"),    QStringLiteral("blocks")};
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
                     {QStringLiteral("name"), QStringLiteral("label"), QStringLiteral("required"),
                      QStringLiteral("list")});
        TemplateField f;
        f.name = requiredString(field, QStringLiteral("name"), path);
        f.label = field.value(QStringLiteral("label")).toString();
        f.required = field.value(QStringLiteral("required")).toBool();
        f.list = field.value(QStringLiteral("list")).toBool();
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
        const bool variable
            = element.type == Type::Field || element.type == Type::QrCode || element.type == Type::Flow;
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
        element.when = readCondition(object, QStringLiteral("when"), path);
        element.unless = readCondition(object, QStringLiteral("unless"), path);
        const QString pages = object.value(QStringLiteral("pages")).toString(QStringLiteral("all"));
        if (pages == QLatin1String("first"))
            element.pages = TemplateElement::Pages::First;
        else if (pages == QLatin1String("rest"))
            element.pages = TemplateElement::Pages::Rest;
        else if (pages != QLatin1String("all"))
            problem(path + QStringLiteral(".pages"),
                    Tr::tr("must be \"all\", \"first\" (the first page only) or \"rest\" "
                           "(the pages a flow continues on)"));

        if (object.contains(QStringLiteral("opacity"))) {
            element.opacity = object.value(QStringLiteral("opacity")).toDouble(-1);
            if (element.opacity < 0 || element.opacity > 1)
                problem(path + QStringLiteral(".opacity"), Tr::tr("must be between 0 and 1"));
        }

        switch (element.type) {
        case Type::Text:
            element.text = requiredString(object, QStringLiteral("text"), path);
            checkPlaceholders(element.text, path + QStringLiteral(".text"));
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
            if (const TemplateField *f = m_tmpl.fieldNamed(element.field); f && f->list)
                problem(path + QStringLiteral(".field"),
                        Tr::tr("\"%1\" is a list field; a QR code shows a single value").arg(f->name));
            break;
        case Type::Flow:
            readFlow(object, path, &element);
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

    // "field" or "field=value", naming a declared field.
    QString readCondition(const QJsonObject &object, const QString &key, const QString &path)
    {
        if (!object.contains(key))
            return {};
        const QString condition = object.value(key).toString();
        const QString name = condition.section(QLatin1Char('='), 0, 0).trimmed();
        if (name.isEmpty()) {
            problem(path + QLatin1Char('.') + key,
                    Tr::tr("must name a field, as \"field\" (has a value) or \"field=value\""));
        } else if (!m_tmpl.fieldNamed(name) && !isPageValue(name)) {
            problem(path + QLatin1Char('.') + key,
                    Tr::tr("unknown field \"%1\": declare it under \"fields\" (declared: %2)")
                        .arg(name, declaredFields()));
        }
        return condition;
    }

    QString declaredFields() const
    {
        QStringList declared;
        for (const TemplateField &f : std::as_const(m_tmpl.fields))
            declared.append(f.name);
        return declared.join(QStringLiteral(", "));
    }

    // Every {field} or {field:date} names a declared field; a brace outside
    // a placeholder is a typo.
    void checkPlaceholders(const QString &text, const QString &path)
    {
        static const QRegularExpression placeholder(QStringLiteral("\\{([^{}]*)\\}"));
        QString rest = text;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(text)) {
            const QString name = match.captured(1).section(QLatin1Char(':'), 0, 0);
            const QString format = match.captured(1).section(QLatin1Char(':'), 1);
            if (!m_tmpl.fieldNamed(name) && !isPageValue(name))
                problem(path,
                        Tr::tr("the placeholder {%1} names no declared field (declared: %2)")
                            .arg(match.captured(1), declaredFields()));
            else if (!format.isEmpty() && format != QLatin1String("date"))
                problem(path,
                        Tr::tr("the placeholder {%1} has an unknown format \"%2\" (expected \"date\")")
                            .arg(match.captured(1), format));
            rest.remove(match.captured(0));
        }
        if (rest.contains(QLatin1Char('{')) || rest.contains(QLatin1Char('}')))
            problem(path, Tr::tr("has a \"{\" or \"}\" that is not part of a {field} placeholder"));
    }

    qreal readNumber(const QJsonObject &object, const QString &key, const QString &path, qreal fallback,
                     qreal lowest, qreal highest, const QString &unit)
    {
        if (!object.contains(key))
            return fallback;
        const qreal value = object.value(key).toDouble(lowest - 1);
        if (value < lowest || value > highest)
            problem(path + QLatin1Char('.') + key,
                    Tr::tr("must be a number from %1 to %2%3").arg(number(lowest), number(highest), unit));
        return value;
    }

    void readFlow(const QJsonObject &object, const QString &path, TemplateElement *element)
    {
        readText(object, path, element);
        element->fit = TemplateElement::Fit::Wrap;
        element->alignment = Qt::AlignLeft | Qt::AlignTop;
        const QString mm = Tr::tr(" mm");
        element->lineSpacing = readNumber(object, QStringLiteral("lineSpacing"), path, 1, 0.8, 3, QString());
        element->blockSpacingMm = readNumber(object, QStringLiteral("blockSpacingMm"), path, 2, 0, 50, mm);
        element->labelWidthMm = readNumber(object, QStringLiteral("labelWidthMm"), path, 25, 0,
                                           qMax<qreal>(0, element->box.width() - 10), mm);
        if (object.contains(QStringLiteral("continueBox"))) {
            TemplateElement next;
            next.type = Type::Flow;
            readBox(object, path, &next, QStringLiteral("continueBox"));
            element->continueBox = next.box;
            if (!next.box.isEmpty() && qAbs(next.box.width() - element->box.width()) > toleranceMm)
                problem(path + QStringLiteral(".continueBox"),
                        Tr::tr("must be as wide as the box (%1 mm): the content is laid out once for both")
                            .arg(number(element->box.width())));
        }
        const QJsonValue blocks = object.value(QStringLiteral("blocks"));
        if (!blocks.isArray() || blocks.toArray().isEmpty()) {
            problem(path + QStringLiteral(".blocks"), Tr::tr("must be a list of at least one block"));
            return;
        }
        const QJsonArray list = blocks.toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            readBlock(list.at(i).toObject(), path + QStringLiteral(".blocks[%1]").arg(i), element);
    }

    void readBlock(const QJsonObject &object, const QString &path, TemplateElement *element)
    {
        const QString typeName = object.value(QStringLiteral("type")).toString();
        if (!blockTypeNames().contains(typeName)) {
            QStringList known = blockTypeNames().keys();
            known.sort();
            problem(path + QStringLiteral(".type"),
                    Tr::tr("unknown block type \"%1\" (expected one of: %2)")
                        .arg(typeName, known.join(QStringLiteral(", "))));
            return;
        }
        FlowBlock block;
        block.type = blockTypeNames().value(typeName);
        checkMembers(object, path, allowedBlockMembers(block.type));
        block.when = readCondition(object, QStringLiteral("when"), path);
        block.unless = readCondition(object, QStringLiteral("unless"), path);
        const QString mm = Tr::tr(" mm");
        block.spaceBeforeMm = readNumber(object, QStringLiteral("spaceBeforeMm"), path, -1, 0, 100, mm);
        block.keepWithNext = object.value(QStringLiteral("keepWithNext")).toBool();
        const auto placeholderText = [&](const QString &key, bool required) {
            const QString text = required ? requiredString(object, key, path) : object.value(key).toString();
            checkPlaceholders(text, path + QLatin1Char('.') + key);
            return text;
        };
        switch (block.type) {
        case BlockType::Paragraph: {
            block.text = placeholderText(QStringLiteral("text"), true);
            block.bold = object.value(QStringLiteral("bold")).toBool();
            block.indentEm = readNumber(object, QStringLiteral("indentEm"), path, 0, 0, 10, QString());
            const QString align = object.value(QStringLiteral("align")).toString(QStringLiteral("left"));
            if (align == QLatin1String("center"))
                block.alignment = Qt::AlignHCenter;
            else if (align == QLatin1String("right"))
                block.alignment = Qt::AlignRight;
            else if (align == QLatin1String("justify"))
                block.alignment = Qt::AlignJustify;
            else if (align != QLatin1String("left"))
                problem(path + QStringLiteral(".align"),
                        Tr::tr("must be \"left\", \"center\", \"right\" or \"justify\""));
            break;
        }
        case BlockType::Row:
            block.label = placeholderText(QStringLiteral("label"), true);
            block.text = placeholderText(QStringLiteral("text"), true);
            break;
        case BlockType::List: {
            block.field = requiredString(object, QStringLiteral("field"), path);
            block.title = placeholderText(QStringLiteral("title"), false);
            const TemplateField *f = m_tmpl.fieldNamed(block.field);
            if (!block.field.isEmpty() && !f)
                problem(path + QStringLiteral(".field"),
                        Tr::tr("unknown field \"%1\": declare it under \"fields\" (declared: %2)")
                            .arg(block.field, declaredFields()));
            else if (f && !f->list)
                problem(
                    path + QStringLiteral(".field"),
                    Tr::tr("\"%1\" is not a list field: declare it with \"list\": true").arg(block.field));
            break;
        }
        case BlockType::Signature:
            block.label = placeholderText(QStringLiteral("label"), true);
            block.text = placeholderText(QStringLiteral("text"), false);
            block.lineMm = readNumber(object, QStringLiteral("lineMm"), path, 50, 5,
                                      qMax<qreal>(5, element->box.width()), mm);
            block.heightMm = readNumber(object, QStringLiteral("heightMm"), path, 10, 0, 100, mm);
            break;
        case BlockType::Space:
            block.heightMm = readNumber(object, QStringLiteral("heightMm"), path, 0, 0.1, 200, mm);
            if (!object.contains(QStringLiteral("heightMm")))
                problem(path + QStringLiteral(".heightMm"), Tr::tr("is required and must be a number"));
            break;
        case BlockType::Image: {
            // Placed relative to the flow, so only its size is checked here; the picture is read as for
            // elements.
            const QJsonArray box = object.value(QStringLiteral("box")).toArray();
            bool numbers = box.size() == 4;
            for (const QJsonValue &v : box)
                numbers = numbers && v.isDouble();
            if (!numbers || box.at(2).toDouble() <= 0 || box.at(3).toDouble() <= 0)
                problem(path + QStringLiteral(".box"),
                        Tr::tr("must be [x, y, width, height] in millimetres from the flow's left edge and "
                               "the block's place, with a width and height greater than zero"));
            else
                block.box = QRectF(box.at(0).toDouble(), box.at(1).toDouble(), box.at(2).toDouble(),
                                   box.at(3).toDouble());
            TemplateElement picture;
            readImage(object, path, &picture);
            block.source = picture.source;
            block.svg = picture.svg;
            block.image = picture.image;
            break;
        }
        }
        element->blocks.append(block);
    }

    void readBox(const QJsonObject &object, const QString &path, TemplateElement *element,
                 const QString &key = QStringLiteral("box"))
    {
        const QJsonArray box = object.value(key).toArray();
        bool numbers = box.size() == 4;
        for (const QJsonValue &v : box)
            numbers = numbers && v.isDouble();
        if (!numbers) {
            problem(path + QLatin1Char('.') + key, Tr::tr("must be [x, y, width, height] in millimetres"));
            return;
        }
        element->box
            = QRectF(box.at(0).toDouble(), box.at(1).toDouble(), box.at(2).toDouble(), box.at(3).toDouble());
        const QRectF &b = element->box;
        const bool line = element->type == Type::Line;
        if (line ? (b.width() < 0 || b.height() < 0 || (b.width() == 0 && b.height() == 0))
                 : (b.width() <= 0 || b.height() <= 0)) {
            problem(path + QLatin1Char('.') + key, Tr::tr("the width and height must be greater than zero"));
            return;
        }
        const bool offPage = b.left() < -toleranceMm || b.top() < -toleranceMm
            || b.left() + b.width() > m_tmpl.pageSizeMm.width() + toleranceMm
            || b.top() + b.height() > m_tmpl.pageSizeMm.height() + toleranceMm;
        if (m_pageValid && offPage)
            problem(path + QLatin1Char('.') + key,
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
        problem(path + QStringLiteral(".field"),
                Tr::tr("unknown field \"%1\": declare it under \"fields\" (declared: %2)")
                    .arg(element->field, declaredFields()));
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
