# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: OneWindow contributors
# cmake -DDIR=<dump dir> -P comparedumps.cmake
# The driver conformance suite writes its normalised results per driver; they must be identical.
set(qsqlite "${DIR}/conformance-QSQLITE.txt")
set(qsqlcipher "${DIR}/conformance-QSQLCIPHER.txt")
foreach(f IN ITEMS "${qsqlite}" "${qsqlcipher}")
    if(NOT EXISTS "${f}")
        message(FATAL_ERROR "${f} is missing: run tst_storage_driver and tst_storage_driver_qsqlite first")
    endif()
endforeach()
file(READ "${qsqlite}" a)
file(READ "${qsqlcipher}" b)
if(a MATCHES "^skipped: ")
    message("QSQLITE not available: nothing to compare (${a})")
    return()
endif()
if(NOT a STREQUAL b)
    execute_process(COMMAND diff -u "${qsqlite}" "${qsqlcipher}")
    message(FATAL_ERROR "QSQLCIPHER and QSQLITE gave different results")
endif()
string(REGEX MATCHALL "\n" lines "${a}")
list(LENGTH lines count)
message("QSQLCIPHER and QSQLITE: ${count} identical results")
