// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/certificatetemplate.h"
#include "ow/printing/templaterenderer.h"

#include <QFont>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QPaintDevice;
class QPainter;
class QSvgRenderer;

namespace ow::printing::Internal {

constexpr qreal mmPerInch = 25.4;
constexpr qreal shrinkStepPt = 0.5;

// What the template renderer and the flow layout draw text and pictures with.
QString chineseDate(const QString &value);
QString listSeparator();
QFont fontOf(const TemplateElement &element, qreal sizePt);
qreal fittedSize(const TemplateElement &element, const QString &text, const QRectF &box,
                 QPaintDevice *device);
void drawText(QPainter &painter, const TemplateElement &element, const QString &text, const QRectF &box);
void drawPicture(QPainter &painter, QSvgRenderer *svg, const QImage &image, const QRectF &box);

// A piece of a Flow element's content that is never split across pages.
struct FlowPiece
{
    qreal spaceBefore = 0; // dropped at the top of a page
    qreal height = 0;
    bool keepWithNext = false; // a list's title stays with its first entry, a closing's lines together
    bool blank = false; // a Space: dropped at the top of a page
    std::function<void(QPainter &, const QPointF &)> draw; // at the piece's top left
};

// How a Flow is set: the largest size from its font size down to its
// minimum at which everything fits the first page; with a continuation box,
// content too long for one page even at the minimum continues on further
// pages at the full font size. Without one it is refused (a translated
// reason) rather than cut off the page.
//
// The layout is made once at the PDF's 300 dpi, on an image standing in for
// the paper, and scaled to the device it is drawn on: a screen preview at
// 72 dpi rounds font metrics differently and would otherwise break lines
// and pages elsewhere than the printed notice.
constexpr qreal layoutDpi = 300;

struct FlowPlan
{
    std::shared_ptr<QImage> reference; // the device the text was laid out for
    QList<FlowPiece> pieces;
    QRectF box;
    std::optional<QRectF> next;
    int pages = 1;
};

// The plan of one Flow element with these fields (on pre-printed `stock`:
// without its pictures); nullopt with a translated reason when it cannot be
// set within its page(s).
std::optional<FlowPlan> planFlow(const CertificateTemplate &tmpl, const TemplateElement &element,
                                 const CertificateFields &fields, bool stock, QString *error);
// Draws the plan's `page` (0-based) onto a painter scaled to layoutDpi.
void drawFlowPage(const FlowPlan &plan, QPainter &painter, int page);

} // namespace ow::printing::Internal
