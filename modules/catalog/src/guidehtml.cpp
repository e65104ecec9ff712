// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/guide.h"

#include "ow/catalog/ruletext.h"
#include "ow/catalog/tr.h"

namespace ow::catalog {

namespace {

// Kept to what QTextDocument renders (it is the PDF engine) and what a
// browser shows the same way: lengths in px, which QTextDocument understands
// for margins and scales to the page; it ignores pt there.
QString styleSheet(const QString &font)
{
    return QStringLiteral("body { font-family: '%1'; font-size: 10pt; color: #1a1a1a; }"
                          "p.org { font-size: 10pt; color: #8a1c1c; text-align: center; margin: 0px; }"
                          "h1 { font-size: 18pt; font-weight: bold; text-align: center; margin-top: 6px; "
                          "margin-bottom: 2px; }"
                          "p.kind { font-size: 12pt; text-align: center; margin: 0px; }"
                          "p.version { font-size: 8pt; color: #666666; text-align: center; margin-top: 2px; "
                          "margin-bottom: 6px; }"
                          "h2 { font-size: 12pt; font-weight: bold; color: #8a1c1c; margin-top: 16px; "
                          "margin-bottom: 6px; }"
                          "ol, ul { margin-top: 0px; margin-bottom: 0px; }"
                          "table.grid { border-collapse: collapse; border-color: #7f7f7f; }"
                          // Top, not middle: QTextDocument shifts middle-aligned lines after
                          // paginating, which can push them across a page break.
                          "table.grid td, table.grid th { border: 1px solid #7f7f7f; vertical-align: top; }"
                          "table.grid th { background-color: #f0e6e6; font-weight: bold; }"
                          "td.label { background-color: #f6f1f1; font-weight: bold; }"
                          "td.center, th.center { text-align: center; }"
                          "p.note { font-size: 8.5pt; color: #555555; margin-top: 4px; margin-bottom: 0px; }"
                          "p.footer { font-size: 8pt; color: #666666; margin-top: 20px; }")
        .arg(font);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString days(int count)
{
    return Tr::tr("%n working day(s)", nullptr, count);
}

QString promisedText(const ServiceItem &item)
{
    return item.isImmediate() ? Tr::tr("On the spot (immediate)") : days(item.promisedDays);
}

QString feeText(const Fee &fee)
{
    if (fee.isFree())
        return Tr::tr("Free of charge");
    return Tr::tr("CNY %1 %2").arg(fee.amountText(), fee.unit);
}

QString visitsText(int visits)
{
    if (visits == 0)
        return Tr::tr("No visit needed (fully online)");
    return Tr::tr("At most %n visit(s)", nullptr, visits);
}

QString validityText(const Outcome &outcome)
{
    QString text = outcome.validityYears
        ? Tr::tr("%n year(s)", nullptr, *outcome.validityYears)
        : (outcome.validityNote.isEmpty() ? Tr::tr("No fixed term") : QString());
    if (!outcome.validityNote.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral("；")) + outcome.validityNote;
    return text;
}

QString basisText(const LegalBasis &basis)
{
    QString text = basis.citation();
    if (!basis.documentNumber.isEmpty())
        text += QStringLiteral("（") + basis.documentNumber + QStringLiteral("）");
    return text;
}

QString joined(const QStringList &parts)
{
    return parts.join(Tr::tr(", "));
}

// Builds the document section by section; numbering follows the order in
// which sections are actually present.
class Builder
{
public:
    Builder(const Catalog &catalog, const ServiceItem &item, GuideKind kind)
        : m_catalog(catalog)
        , m_item(item)
        , m_kind(kind)
    { }

    QString build()
    {
        m_html += QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            + escaped(m_item.name) + QStringLiteral("</title><style>") + styleSheet(Guide::fontFamily())
            + QStringLiteral("</style></head><body>");
        header();
        overview();
        list(Tr::tr("Legal basis"), basisLines(), true);
        list(Tr::tr("Conditions for acceptance"), m_item.conditions, true);
        materials();
        if (m_kind == GuideKind::Manual)
            reviewPoints();
        process();
        timeLimits();
        fee();
        outcome();
        if (m_kind == GuideKind::Manual) {
            formFields();
            smartApproval();
        }
        footer();
        m_html += QStringLiteral("</body></html>");
        return m_html;
    }

private:
    void header()
    {
        if (!m_catalog.publisher().isEmpty())
            m_html += QStringLiteral("<p class=\"org\">") + escaped(m_catalog.publisher())
                + QStringLiteral("</p>");
        m_html += QStringLiteral("<h1>") + escaped(m_item.name) + QStringLiteral("</h1><p class=\"kind\">")
            + (m_kind == GuideKind::Guide ? Tr::tr("Service Guide") : Tr::tr("Staff Manual"))
            + QStringLiteral("</p><p class=\"version\">")
            + escaped(Tr::tr("Catalogue version %1, published %2")
                          .arg(m_catalog.version(), m_catalog.publishedAt().date().toString(Qt::ISODate)))
            + QStringLiteral("</p>");
    }

    void heading(const QString &title)
    {
        ++m_section;
        m_html
            += QStringLiteral("<h2>") + Tr::tr("%1. %2").arg(m_section).arg(title) + QStringLiteral("</h2>");
    }

    static QString cell(const QString &text, const QString &cls = {}, int colspan = 1, int widthPercent = 0)
    {
        QString html = QStringLiteral("<td");
        if (widthPercent > 0)
            html += QStringLiteral(" width=\"%1%\"").arg(widthPercent);
        if (!cls.isEmpty())
            html += QStringLiteral(" class=\"") + cls + QLatin1Char('"');
        if (colspan > 1)
            html += QStringLiteral(" colspan=\"") + QString::number(colspan) + QLatin1Char('"');
        return html + QLatin1Char('>') + text + QStringLiteral("</td>");
    }

    static QString headerRow(const QStringList &titles, const QList<int> &widths)
    {
        // A <thead> row is repeated on every page the table spans.
        QString html = QStringLiteral("<thead><tr>");
        for (qsizetype i = 0; i < titles.size(); ++i)
            html += QStringLiteral("<th class=\"center\" width=\"%1%\">").arg(widths.value(i)) + titles.at(i)
                + QStringLiteral("</th>");
        return html + QStringLiteral("</tr></thead>");
    }

    static QString tableStart()
    {
        return QStringLiteral(
            "<table class=\"grid\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"1\">");
    }

    void pairRow(const QString &label1, const QString &value1, const QString &label2 = {},
                 const QString &value2 = {})
    {
        // Widths on every cell: QTextDocument otherwise sizes columns by content.
        m_html += QStringLiteral("<tr>") + cell(label1, QStringLiteral("label"), 1, 17);
        if (label2.isEmpty())
            m_html += cell(escaped(value1), {}, 3);
        else
            m_html += cell(escaped(value1), {}, 1, 33) + cell(label2, QStringLiteral("label"), 1, 17)
                + cell(escaped(value2), {}, 1, 33);
        m_html += QStringLiteral("</tr>");
    }

    void overview()
    {
        heading(Tr::tr("Basic information"));
        const Department *department = m_catalog.department(m_item.department);
        QStringList audience;
        for (Audience a : m_item.audience)
            audience << displayName(a);
        m_html += tableStart();
        pairRow(Tr::tr("Item name"), m_item.name);
        pairRow(Tr::tr("Item code"), m_item.code, Tr::tr("Item type"), displayName(m_item.kind));
        pairRow(Tr::tr("Implementing authority"), department ? department->name : m_item.department,
                Tr::tr("Who may apply"), joined(audience));
        pairRow(Tr::tr("Legal time limit"), days(m_item.legalDays), Tr::tr("Promised time limit"),
                promisedText(m_item));
        pairRow(Tr::tr("Visits to the centre"), visitsText(m_item.visitsMax), Tr::tr("Fee"),
                feeText(m_item.fee));
        if (department && (!department->address.isEmpty() || !department->phone.isEmpty()))
            pairRow(Tr::tr("Where to apply"), department->address, Tr::tr("Enquiries"), department->phone);
        if (department && !department->hours.isEmpty())
            pairRow(Tr::tr("Office hours"), department->hours);
        m_html += QStringLiteral("</table>");
    }

    QStringList basisLines() const
    {
        QStringList lines;
        for (const LegalBasis &basis : m_item.basis) {
            QString line = basisText(basis);
            if (m_kind == GuideKind::Manual && !basis.excerpt.isEmpty())
                line += QStringLiteral("：") + basis.excerpt;
            lines << line;
        }
        return lines;
    }

    void list(const QString &title, const QStringList &lines, bool numbered)
    {
        if (lines.isEmpty())
            return;
        heading(title);
        const QString tag = numbered ? QStringLiteral("ol") : QStringLiteral("ul");
        m_html += QLatin1Char('<') + tag + QStringLiteral(">");
        for (const QString &line : lines)
            m_html += QStringLiteral("<li>") + escaped(line) + QStringLiteral("</li>");
        m_html += QStringLiteral("</") + tag + QLatin1Char('>');
    }

    QString licenceName(const QString &code) const
    {
        if (code.isEmpty())
            return QStringLiteral("—");
        const CertificateType *type = m_catalog.certificateType(code);
        return type ? type->name : code;
    }

    void materials()
    {
        heading(Tr::tr("Materials to submit"));
        if (m_item.materials.isEmpty()) {
            m_html += QStringLiteral("<p>")
                + Tr::tr("No materials: the information is obtained by data sharing.")
                + QStringLiteral("</p>");
            return;
        }
        m_html += tableStart()
            + headerRow({Tr::tr("No."), Tr::tr("Material"), Tr::tr("Original or copy"), Tr::tr("Copies"),
                         Tr::tr("Required"), Tr::tr("Shared licence may replace it"), Tr::tr("Notes")},
                        {6, 27, 11, 7, 10, 16, 23});
        int number = 0;
        for (const Material &m : m_item.materials) {
            m_html += QStringLiteral("<tr>") + cell(QString::number(++number), QStringLiteral("center"))
                + cell(escaped(m.name)) + cell(displayName(m.form), QStringLiteral("center"))
                + cell(QString::number(m.copies), QStringLiteral("center"))
                + cell(m.required ? Tr::tr("Yes") : Tr::tr("If applicable"), QStringLiteral("center"))
                + cell(escaped(licenceName(m.sharedLicence)), QStringLiteral("center"))
                + cell(escaped(m.notes)) + QStringLiteral("</tr>");
        }
        m_html += QStringLiteral("</table><p class=\"note\">")
            + Tr::tr("Where a shared licence is named, an applicant whose electronic licence the system "
                     "already holds need not hand in that material.")
            + QStringLiteral("</p>");
    }

    void reviewPoints()
    {
        heading(Tr::tr("Review points"));
        m_html += tableStart() + headerRow({Tr::tr("Material"), Tr::tr("What to check")}, {30, 70});
        for (const Material &m : m_item.materials) {
            QStringList points = m.reviewPoints;
            if (points.isEmpty())
                points << Tr::tr("Complete, legible and consistent with the application.");
            QString text;
            for (const QString &p : std::as_const(points))
                text += QStringLiteral("• ") + escaped(p) + QStringLiteral("<br/>");
            text.chop(5);
            m_html += QStringLiteral("<tr>") + cell(escaped(m.name)) + cell(text) + QStringLiteral("</tr>");
        }
        m_html += QStringLiteral("</table>");
    }

    void process()
    {
        heading(Tr::tr("Procedure"));
        if (m_kind == GuideKind::Guide) {
            QStringList lines;
            for (const ProcessStep &s : m_item.process)
                lines << (s.description.isEmpty() ? s.name : s.name + QStringLiteral("：") + s.description);
            m_html += QStringLiteral("<ol>");
            for (const QString &line : std::as_const(lines))
                m_html += QStringLiteral("<li>") + escaped(line) + QStringLiteral("</li>");
            m_html += QStringLiteral("</ol>");
            return;
        }
        m_html += tableStart()
            + headerRow({Tr::tr("No."), Tr::tr("Step"), Tr::tr("Role"), Tr::tr("What is done"),
                         Tr::tr("Time limit")},
                        {6, 12, 16, 50, 16});
        int number = 0;
        for (const ProcessStep &s : m_item.process)
            m_html += QStringLiteral("<tr>") + cell(QString::number(++number), QStringLiteral("center"))
                + cell(escaped(s.name), QStringLiteral("center")) + cell(displayName(s.role))
                + cell(escaped(s.description))
                + cell(s.days > 0 ? days(s.days) : QStringLiteral("—"), QStringLiteral("center"))
                + QStringLiteral("</tr>");
        m_html += QStringLiteral("</table>");
    }

    void timeLimits()
    {
        heading(Tr::tr("Time limits"));
        m_html += QStringLiteral("<p>")
            + Tr::tr("Legal time limit: %1; promised time limit: %2.")
                  .arg(days(m_item.legalDays), promisedText(m_item))
            + QStringLiteral("</p>");
        if (!m_item.timeLimitNote.isEmpty())
            m_html += QStringLiteral("<p class=\"note\">") + escaped(m_item.timeLimitNote)
                + QStringLiteral("</p>");
        m_html += QStringLiteral("<p class=\"note\">")
            + Tr::tr("Time limits count working days from acceptance; time for supplementing materials, "
                     "on-site inspection and expert review is not counted.")
            + QStringLiteral("</p>");
    }

    void fee()
    {
        heading(Tr::tr("Fees"));
        QString text = feeText(m_item.fee);
        if (m_item.fee.basis)
            text += QStringLiteral("。") + Tr::tr("Basis: %1").arg(basisText(*m_item.fee.basis));
        m_html += QStringLiteral("<p>") + escaped(text) + QStringLiteral("</p>");
        if (!m_item.fee.note.isEmpty())
            m_html
                += QStringLiteral("<p class=\"note\">") + escaped(m_item.fee.note) + QStringLiteral("</p>");
    }

    void outcome()
    {
        heading(Tr::tr("Result"));
        QStringList delivery;
        for (DeliveryMethod d : m_item.outcome.delivery)
            delivery << displayName(d);
        m_html += tableStart() + QStringLiteral("<tr><td class=\"label\" width=\"17%\">") + Tr::tr("Result")
            + QStringLiteral("</td><td width=\"83%\">") + escaped(m_item.outcome.name)
            + QStringLiteral("</td></tr>");
        m_html += QStringLiteral("<tr>") + cell(Tr::tr("Validity"), QStringLiteral("label"))
            + cell(escaped(validityText(m_item.outcome))) + QStringLiteral("</tr>");
        m_html += QStringLiteral("<tr>") + cell(Tr::tr("Delivery"), QStringLiteral("label"))
            + cell(escaped(joined(delivery))) + QStringLiteral("</tr></table>");
    }

    void formFields()
    {
        if (m_item.form.isEmpty())
            return;
        heading(Tr::tr("Unified form fields"));
        m_html += tableStart()
            + headerRow({Tr::tr("Field"), Tr::tr("Key"), Tr::tr("Type"), Tr::tr("Required"), Tr::tr("Notes")},
                        {22, 18, 14, 9, 37});
        for (const FormField &f : m_item.form) {
            QStringList notes;
            if (!f.hint.isEmpty())
                notes << f.hint;
            if (!f.options.isEmpty()) {
                QStringList labels;
                for (const ChoiceOption &o : f.options)
                    labels << o.label;
                notes << Tr::tr("Options: %1").arg(joined(labels));
            }
            m_html += QStringLiteral("<tr>") + cell(escaped(f.label)) + cell(escaped(f.key))
                + cell(displayName(f.type), QStringLiteral("center"))
                + cell(f.required ? Tr::tr("Yes") : Tr::tr("No"), QStringLiteral("center"))
                + cell(escaped(notes.join(QStringLiteral("；")))) + QStringLiteral("</tr>");
        }
        m_html += QStringLiteral("</table>");
    }

    void smartApproval()
    {
        if (!m_item.smartApproval)
            return;
        const SmartApproval &a = *m_item.smartApproval;
        heading(Tr::tr("Smart approval rules"));
        QString intro
            = Tr::tr("Mode: %1. When every rule holds: %2.").arg(displayName(a.mode), displayName(a.outcome));
        if (!a.prerequisites.isEmpty()) {
            QStringList names;
            for (const QString &code : a.prerequisites)
                names << licenceName(code);
            intro += QLatin1Char(' ') + Tr::tr("Licences that must be held: %1.").arg(joined(names));
        }
        m_html += QStringLiteral("<p>") + escaped(intro) + QStringLiteral("</p>") + tableStart()
            + headerRow({Tr::tr("Rule"), Tr::tr("Condition"), Tr::tr("Basis"), Tr::tr("If not met")},
                        {20, 40, 26, 14});
        for (const SmartRule &rule : a.rules)
            m_html += QStringLiteral("<tr>") + cell(escaped(rule.id + QStringLiteral(" ") + rule.description))
                + cell(escaped(describeRule(rule.logic, &m_item))) + cell(escaped(basisText(rule.basis)))
                + cell(displayName(rule.onFail), QStringLiteral("center")) + QStringLiteral("</tr>");
        m_html += QStringLiteral("</table>");
    }

    void footer()
    {
        m_html += QStringLiteral("<p class=\"footer\">")
            + escaped(Tr::tr("This document is generated from the service catalogue; where it differs "
                             "from the laws and regulations cited, those prevail."))
            + QStringLiteral("</p>");
    }

    const Catalog &m_catalog;
    const ServiceItem &m_item;
    GuideKind m_kind;
    QString m_html;
    int m_section = 0;
};

} // namespace

QString Guide::html(const Catalog &catalog, const ServiceItem &item, GuideKind kind)
{
    return Builder(catalog, item, kind).build();
}

QString Guide::fontFamily()
{
    return QStringLiteral("Noto Sans CJK SC");
}

} // namespace ow::catalog
