// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "latency.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ow::bench {

struct IntakeOptions
{
    QString dataDir; // the bench store's data folder
    int cases = 0;
    quint32 seed = 0;
    int applicants = 500; // timed ID numbers
    int warmup = 20; // untimed ID numbers first
    int largeCatalogue = 5000; // items of the synthetic catalogue
    int searchRounds = 5; // times each query is typed
    QString screenshotDir; // when set, the page is grabbed there after each part
    // Diagnosis only: the page's connection with PRAGMA synchronous = NORMAL (no fsync per commit),
    // to show what the commits of a keystroke cost. The workstation always runs with FULL.
    bool withoutFsync = false;
};

struct SearchFigures
{
    QString catalogue; // "demo" or "synthetic"
    int entries = 0; // items and bundles searched
    double indexMs = 0; // the page's construction, including the search index
    Percentiles keystroke; // key press to the result list updated and painted
    Percentiles keystrokeCpu; // the GUI thread's CPU time in it
    int updatesInsideKeyEvent = 0; // of keystroke.samples: results updated before the key event returned
    Percentiles debounce; // key event returned to the results updated (0 without a debounce)
    Percentiles searchOnly; // ItemSearch::search alone on the same texts (untimed in the keystroke figures)
    QString paints; // what a keystroke repaints
};

struct IntakeFigures
{
    Percentiles history; // last digit of the ID number to the history list filled and painted
    Percentiles historyCpu; // the GUI thread's CPU time in it
    double meanRows = 0; // rows in the history list per applicant
    // Parts of it, timed apart right after each sample (so on pages the page just read):
    Percentiles historyQueries; // the applicant and their cases (ApplicantRepository, CaseRepository)
    Percentiles draftSave; // the draft written again (SettingsRepository::setValue: one commit)
    QString historyPaints; // what the last digit repaints
    QList<SearchFigures> search;
    QStringList queries; // what was typed
    QString error;
};

// Drives the real intake page, offscreen, on the bench store.
IntakeFigures measureIntake(const IntakeOptions &options);

} // namespace ow::bench
