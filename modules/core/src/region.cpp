// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/region.h"

#include <algorithm>
#include <iterator>

namespace ow::core {

namespace {

struct Province
{
    int code;
    const char16_t *name;
};

// Sorted by code.
constexpr Province provinces[] = {
    {11, u"北京市"},
    {12, u"天津市"},
    {13, u"河北省"},
    {14, u"山西省"},
    {15, u"内蒙古自治区"},
    {21, u"辽宁省"},
    {22, u"吉林省"},
    {23, u"黑龙江省"},
    {31, u"上海市"},
    {32, u"江苏省"},
    {33, u"浙江省"},
    {34, u"安徽省"},
    {35, u"福建省"},
    {36, u"江西省"},
    {37, u"山东省"},
    {41, u"河南省"},
    {42, u"湖北省"},
    {43, u"湖南省"},
    {44, u"广东省"},
    {45, u"广西壮族自治区"},
    {46, u"海南省"},
    {50, u"重庆市"},
    {51, u"四川省"},
    {52, u"贵州省"},
    {53, u"云南省"},
    {54, u"西藏自治区"},
    {61, u"陕西省"},
    {62, u"甘肃省"},
    {63, u"青海省"},
    {64, u"宁夏回族自治区"},
    {65, u"新疆维吾尔自治区"},
    {71, u"台湾省"},
    {81, u"香港特别行政区"},
    {82, u"澳门特别行政区"},
    // Residence permits for Taiwan residents (830000); 71 is not used on them.
    {83, u"台湾省"},
};

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

const Province *find(QStringView regionCode)
{
    if (regionCode.size() < 2 || !isAsciiDigit(regionCode[0]) || !isAsciiDigit(regionCode[1]))
        return nullptr;
    const int code = (regionCode[0].unicode() - u'0') * 10 + (regionCode[1].unicode() - u'0');
    const auto it = std::lower_bound(std::begin(provinces), std::end(provinces), code,
                                     [](const Province &p, int c) { return p.code < c; });
    return it != std::end(provinces) && it->code == code ? it : nullptr;
}

} // namespace

bool isKnownProvince(QStringView regionCode)
{
    return find(regionCode) != nullptr;
}

QString provinceName(QStringView regionCode)
{
    const Province *p = find(regionCode);
    return p ? QString::fromUtf16(p->name) : QString();
}

} // namespace ow::core
